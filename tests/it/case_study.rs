//! Case studies end to end: the template, the profile-driven requirement checks, the
//! checklist's validity, `--today` and `--profile`.

use crate::common;

use common::{caselint, root};
use std::path::Path;

use serde_json::Value;

fn check_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let args: Vec<&str> = std::iter::once("--no-config")
        .chain(args.iter().copied())
        .collect();
    common::check_json(dir, &args)
}

fn rules(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_new_template_reports_only_placeholders() {
    for visibility in ["public", "anonymous", "private"] {
        let dir = tempfile::tempdir().unwrap();
        caselint()
            .current_dir(dir.path())
            .args(["new", "acme.md", "--visibility", visibility])
            .assert()
            .code(0);
        let (code, report) = check_json(dir.path(), &["--today", "2026-01-15", "acme.md"]);
        let found = rules(&report);
        assert!(!found.is_empty(), "the template is not finished");
        for rule in &found {
            assert!(
                rule.ends_with("/placeholder"),
                "{visibility}: unexpected {rule}:\n{report:#}"
            );
        }
        assert_eq!(code, 1);
    }
}

#[test]
fn new_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("acme.md"), "keep me\n").unwrap();
    let output = caselint()
        .current_dir(dir.path())
        .args(["new", "acme.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("acme.md")).unwrap(),
        "keep me\n"
    );
    caselint()
        .current_dir(dir.path())
        .args(["new", "acme.md", "--force"])
        .assert()
        .code(0);
    assert!(
        std::fs::read_to_string(dir.path().join("acme.md"))
            .unwrap()
            .starts_with("---\ncaselint: case-study")
    );
}

#[test]
fn an_expired_checklist_is_named_with_its_date() {
    let dir = tempfile::tempdir().unwrap();
    caselint()
        .current_dir(dir.path())
        .args(["new", "a.md"])
        .assert()
        .code(0);
    // Said once per run on stderr, not as a warning on every file.
    let output = caselint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--today", "2026-11-26", "a.md"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "the built-in checklist expired on 2026-05-31; pass a newer profile with --profile"
        ),
        "{stderr}"
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(!rules(&report).contains(&"checklist-version".to_string()));
    let current = caselint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--today", "2026-01-15", "a.md"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&current.stderr).contains("expired"));
}

#[test]
fn today_must_be_a_date() {
    let output = caselint()
        .args(["check", "--today", "2026-13-01", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("YYYY-MM-DD"));
}

#[test]
fn another_profile_needs_no_code_change() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("next.toml"),
        r#"
[profile]
id = "smb-next"
title = "A future checklist"
released = "2026-02-01"
valid_until = "2026-11-30"

[[requirement]]
id = "NEW-001"
title = "Sustainability"
words = "Describe how the solution reduces the customer's carbon footprint."
help = "Add a section on sustainability with a measured reduction."
headings = ["sustainability", "carbon footprint"]
section = "Sustainability"

[[requirement.check]]
detector = "min-words"
id = "NEW-001/substance"
min = 5
message = "say more about sustainability"
"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("cs.md"),
        "---\ncaselint: case-study\nvisibility: private\n---\n\n# Title\n\n## Sustainability\n\nToo short.\n",
    )
    .unwrap();
    let (_, report) = check_json(
        dir.path(),
        &["--today", "2026-03-01", "--profile", "next.toml", "cs.md"],
    );
    let found = rules(&report);
    assert!(
        found.contains(&"NEW-001/substance".to_string()),
        "{report:#}"
    );
    assert!(!found.iter().any(|r| r.starts_with("UCR")), "{report:#}");

    std::fs::write(
        dir.path().join("cs.md"),
        "---\ncaselint: case-study\n---\n\n# Title\n\nNothing.\n",
    )
    .unwrap();
    let (_, missing) = check_json(
        dir.path(),
        &["--today", "2026-03-01", "--profile", "next.toml", "cs.md"],
    );
    let message = missing["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "NEW-001/section")
        .expect("missing section reported");
    assert!(
        message["message"]
            .as_str()
            .unwrap()
            .contains("## Sustainability")
    );
}

#[test]
fn explain_prints_a_requirement_from_the_profile() {
    let output = caselint().args(["explain", "UCR-002"]).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("UCR-002"), "{text}");
    assert!(text.contains("The checklist asks"), "{text}");
    let rules = caselint().arg("rules").output().unwrap();
    let listing = String::from_utf8_lossy(&rules.stdout);
    for id in ["UCR-001", "PS-004", "CO-001", "DOC-003/product-name"] {
        assert!(listing.contains(id), "{listing}");
    }
}

#[test]
fn sample_case_studies_that_should_pass_do() {
    let dir = root().join("samples/case-studies");
    for file in [
        "acme-dental-public.md",
        "northwind-anonymous.md",
        "contoso-private.md",
    ] {
        let (code, report) = check_json(&dir, &["--today", "2026-02-01", file]);
        assert_eq!(rules(&report), Vec::<String>::new(), "{file}:\n{report:#}");
        assert_eq!(code, 0);
    }
}

/// Each failing sample fails in its one documented way, and only that way.
#[test]
fn failing_samples_fail_as_documented() {
    let dir = root().join("samples/case-studies");
    let expected: &[(&str, &[&str])] = &[
        ("fail-anonymous-leak.md", &["CS-2.3/customer-name-leak"]),
        ("fail-kpis-no-baseline.md", &["CO-001/kpis"]),
        ("fail-no-diagram.md", &["PS-001/diagram"]),
        ("fail-not-smb.md", &["UCR-001/segment"]),
        ("fail-old-deployment.md", &["CS-2.1/production-date"]),
        ("fail-pilot.md", &["PS-004/not-pilot"]),
        (
            "fail-thin-challenge.md",
            &[
                "UCR-002/detail",
                "UCR-002/immediate-risk",
                "UCR-002/impact",
                "UCR-002/long-term-risk",
                "UCR-002/risk",
            ],
        ),
    ];
    for (file, wanted) in expected {
        let (code, report) = check_json(&dir, &["--today", "2026-02-01", file]);
        let mut found = rules(&report);
        found.sort();
        found.dedup();
        assert_eq!(&found, wanted, "{file}:\n{report:#}");
        assert_eq!(code, 1, "{file}");
    }
}

/// An anonymous case study that calls its customer by the distinctive first word of its
/// name ("Northwind's buyers") may name it: a warning at that place, nothing else.
#[test]
fn the_first_word_of_an_anonymous_customer_name_is_a_possible_leak() {
    let dir = tempfile::tempdir().unwrap();
    let samples = root().join("samples/case-studies");
    let text = std::fs::read_to_string(samples.join("northwind-anonymous.md")).unwrap();
    std::fs::copy(
        samples.join("architecture-food-distributor.png"),
        dir.path().join("architecture-food-distributor.png"),
    )
    .unwrap();
    let leaky = format!("{text}\nNorthwind's buyers now order from a phone.\n");
    std::fs::write(dir.path().join("leak.md"), leaky).unwrap();
    // "northwind" in lower case is no name, and the clean sample stays clean.
    std::fs::write(
        dir.path().join("clean.md"),
        format!("{text}\nThe northwind blew all week.\n"),
    )
    .unwrap();
    let (_, report) = check_json(dir.path(), &["--today", "2026-02-01", "leak.md"]);
    let found: Vec<(&str, &str)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [("CS-2.3/customer-name-leak", "warning")],
        "{report:#}"
    );
    let (code, report) = check_json(dir.path(), &["--today", "2026-02-01", "clean.md"]);
    assert_eq!(rules(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(code, 0);
}

/// Lessons told under the results instead of under "Challenges and lessons learned": a
/// warning on the section, pointing at where they are told.
#[test]
fn evidence_told_elsewhere_points_at_where_it_is() {
    let dir = tempfile::tempdir().expect("temp dir");
    let samples = root().join("samples/case-studies");
    std::fs::copy(
        samples.join("architecture-contoso.png"),
        dir.path().join("architecture-contoso.png"),
    )
    .expect("copy diagram");
    let text = std::fs::read_to_string(samples.join("contoso-private.md")).expect("sample");
    let start = text.find("We learned to\nmeasure").expect("the lessons");
    let end = text
        .find("The first drill also failed")
        .expect("the second challenge");
    let lessons = text[start..end].trim().to_string();
    let text = format!("{}{}", &text[..start], &text[end..])
        .replace(
            "; every new runbook now starts with a dependency\nmap.",
            ".",
        )
        .replacen(
            "## Results and KPIs",
            &format!("{lessons}\n\n## Results and KPIs"),
            1,
        );
    std::fs::write(dir.path().join("contoso.md"), &text).expect("write");
    let lessons_line = text[..text.find("We learned to").expect("moved")]
        .lines()
        .count()
        + 1;

    let (_, report) = check_json(
        dir.path(),
        &["--offline", "--today", "2026-02-01", "contoso.md"],
    );
    let finding = report["diagnostics"]
        .as_array()
        .and_then(|all| all.iter().find(|d| d["rule"] == "CO-002/lessons"))
        .unwrap_or_else(|| panic!("a CO-002/lessons finding in {report}"));
    assert_eq!(finding["severity"], "warning", "{report}");
    let related = finding["related"].as_array().expect("related places");
    assert!(
        related.iter().any(|r| r["line"] == lessons_line),
        "line {lessons_line} in {report}"
    );
    assert!(
        related.iter().all(|r| r["line"] != finding["line"]),
        "{report}"
    );

    // The sample as written tells its lessons in their section: nothing to point at.
    let (_, report) = check_json(
        &samples,
        &["--offline", "--today", "2026-02-01", "contoso-private.md"],
    );
    assert!(
        !rules(&report).iter().any(|r| r.starts_with("CO-002")),
        "{report}"
    );
}

/// The Contoso sample's text and the line that links its architecture diagram, for tests
/// that put another kind of diagram in its place.
fn contoso_and_its_diagram_link() -> (String, String) {
    let samples = root().join("samples/case-studies");
    let text = std::fs::read_to_string(samples.join("contoso-private.md")).expect("sample");
    let link = text
        .lines()
        .find(|l| l.contains("](architecture-contoso.png)"))
        .expect("the sample links its diagram")
        .to_string();
    (text, link)
}

/// A diagram attached beside the case study and named in code (`architecture.png`), not
/// linked, is the diagram; named but absent, it is reported as a missing file.
#[test]
fn a_diagram_named_in_code_beside_the_case_study_counts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let samples = root().join("samples/case-studies");
    let (text, link) = contoso_and_its_diagram_link();
    let named = text.replace(
        &link,
        "The architecture diagram is attached as `architecture-contoso.png`.",
    );
    std::fs::write(dir.path().join("contoso.md"), &named).expect("write");
    let args = ["--offline", "--today", "2026-02-01", "contoso.md"];

    let (_, absent) = check_json(dir.path(), &args);
    let missing = absent["diagnostics"]
        .as_array()
        .and_then(|all| all.iter().find(|d| d["rule"] == "PS-001/diagram"))
        .unwrap_or_else(|| panic!("PS-001/diagram while the file is absent: {absent}"));
    assert!(
        missing["message"]
            .as_str()
            .is_some_and(|m| m.contains("architecture-contoso.png")),
        "{missing}"
    );
    // Named, so perhaps attached to the submission: a doubt, not an error.
    assert_eq!(missing["severity"], "warning", "{missing}");

    std::fs::copy(
        samples.join("architecture-contoso.png"),
        dir.path().join("architecture-contoso.png"),
    )
    .expect("copy diagram");
    let (_, present) = check_json(dir.path(), &args);
    assert!(
        !rules(&present).iter().any(|r| r == "PS-001/diagram"),
        "{present}"
    );
}

#[test]
fn a_diagram_drawn_in_text_counts_and_a_plain_code_block_does_not() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (text, link) = contoso_and_its_diagram_link();
    let args = ["--offline", "--today", "2026-02-01", "contoso.md"];
    let drawn = "```\nStaff browser --> Amazon CloudFront --> Application Load Balancer\n      |\n      v\nAmazon ECS tasks -> Amazon Aurora (Multi-AZ)\n```";
    std::fs::write(dir.path().join("contoso.md"), text.replace(&link, drawn)).expect("write");
    let (_, found) = check_json(dir.path(), &args);
    assert!(
        !rules(&found).iter().any(|r| r == "PS-001/diagram"),
        "{found}"
    );

    let commands = "```\naws ecs list-tasks\naws rds describe-db-clusters\n```";
    std::fs::write(dir.path().join("contoso.md"), text.replace(&link, commands)).expect("write");
    let (_, found) = check_json(dir.path(), &args);
    assert!(
        rules(&found).iter().any(|r| r == "PS-001/diagram"),
        "{found}"
    );
}
