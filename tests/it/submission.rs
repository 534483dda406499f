//! The whole submission through the real binary: `caselint check <folder>` reports each
//! portfolio problem once, at the submission level, naming the files; `caselint
//! readiness` gives the overview (JSON snapshot) and the HTML page.

use crate::common;

use common::{caselint, check_json, fixtures};
use serde_json::Value;

const TODAY: &str = "2026-02-01";

/// The submission-level diagnostics of `check --format json` on a fixture folder.
fn portfolio(folder: &str) -> (i32, Vec<Value>) {
    let dir = fixtures("submission");
    let (code, report) = check_json(&dir, &["--today", TODAY, "--submission", folder]);
    let found = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"].as_str().unwrap_or_default().starts_with("SUB-"))
        .cloned()
        .collect();
    (code, found)
}

fn rules(found: &[Value]) -> Vec<&str> {
    found
        .iter()
        .map(|d| d["rule"].as_str().unwrap_or_default())
        .collect()
}

#[test]
fn four_distinct_valid_case_studies_pass() {
    for folder in ["passing", "found"] {
        let (code, found) = portfolio(folder);
        assert!(found.is_empty(), "{folder}: {found:#?}");
        assert_eq!(code, 0, "{folder}");
    }
}

/// Each broken submission: the one rule it breaks, reported once, at the folder or the
/// manifest (line 1, no source line), naming the files involved.
#[test]
fn each_violation_is_reported_once_at_submission_level_naming_the_files() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "duplicate-name",
            "SUB-2.1/unique-customers",
            &[
                "acme-dental-llc.md and acme-dental.md",
                "ACME DENTAL CARE, LLC",
                "3 unique customers",
            ],
        ),
        (
            "duplicate-ace",
            "SUB-2.1/unique-customers",
            &["acme-dental.md", "birchwood-dental.md", "O4815162"],
        ),
        (
            "duplicate-account",
            "SUB-2.1/unique-customers",
            &["acme-dental.md", "birchwood-dental.md", "482917365014"],
        ),
        (
            "one-public",
            "SUB-2.2/public",
            &["acme-dental.md", "only 1 of the 4"],
        ),
        (
            "old-deployment",
            "SUB-2.1/recent",
            &["birchwood-dental.md", "2024-03-04"],
        ),
        ("missing-ace", "SUB-2.4/ace-id", &["birchwood-dental.md"]),
        (
            "three",
            "SUB-2.1/case-studies",
            &[
                "acme-dental.md",
                "birchwood-dental.md",
                "northwind-traders.md",
                "asks for 4",
            ],
        ),
        (
            "low-smb-count",
            "SUB-4.1/smb-customers",
            &["60 active SMB customers", "100"],
        ),
    ];
    for (folder, rule, words) in cases {
        let (code, found) = portfolio(folder);
        assert_eq!(rules(&found), [*rule], "{folder}: {found:#?}");
        let finding = &found[0];
        let message = finding["message"].as_str().unwrap_or_default();
        for word in *words {
            assert!(
                message.contains(word),
                "{folder}: `{word}` not in {message}"
            );
        }
        assert_eq!(finding["severity"], "error", "{folder}");
        assert_eq!(finding["line"], 1, "{folder}");
        let path = finding["path"].as_str().unwrap_or_default();
        if *folder == "low-smb-count" {
            assert_eq!(path, format!("{folder}/caselint.toml"));
        } else {
            assert_eq!(path.trim_end_matches('/'), *folder);
        }
        assert!(
            finding["help"]
                .as_str()
                .is_some_and(|h| h.contains("Checklist")),
            "{folder}"
        );
        assert_eq!(code, 1, "{folder}");
    }
}

#[test]
fn files_named_one_by_one_are_no_submission() {
    let dir = fixtures("submission/three");
    let (code, report) = check_json(
        &dir,
        &["--today", TODAY, "acme-dental.md", "birchwood-dental.md"],
    );
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["diagnostics"].as_array().map(Vec::len), Some(0));
}

/// A folder of drafts with no manifest is no submission for `check`: three case studies
/// raise no "fewer than four" there, while `--submission` (and `readiness`) report it.
#[test]
fn plain_check_of_a_folder_without_a_manifest_is_no_submission() {
    let dir = fixtures("submission");
    let (_, report) = check_json(&dir, &["--today", TODAY, "three"]);
    let plain: Vec<&Value> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"].as_str().unwrap_or_default().starts_with("SUB-"))
        .collect();
    assert!(plain.is_empty(), "{plain:#?}");
    let (_, found) = portfolio("three");
    assert_eq!(rules(&found), ["SUB-2.1/case-studies"]);
}

#[test]
fn portfolio_rules_take_configured_levels() {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(fixtures("submission/three")).expect("fixture") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
    }
    std::fs::write(
        dir.path().join("caselint.toml"),
        "[web]\nfetch = false\n[rules]\n\"SUB-2.1/case-studies\" = \"warning\"\n",
    )
    .expect("config");
    let (code, report) = check_json(dir.path(), &["--today", TODAY, "--submission", "."]);
    let found: Vec<&Value> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == "SUB-2.1/case-studies")
        .collect();
    assert_eq!(found.len(), 1, "{report:#}");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(code, 0);
}

#[test]
fn explain_knows_the_portfolio_rules() {
    let output = caselint()
        .args(["explain", "SUB-2.1/unique-customers"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("one case study per customer"), "{text}");
}

fn readiness(dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    let output = caselint()
        .current_dir(dir)
        .arg("readiness")
        .args(["--today", TODAY])
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).expect("utf-8"),
    )
}

#[test]
fn readiness_json_is_a_versioned_contract() {
    let dir = fixtures("submission");
    let (code, text) = readiness(&dir, &["--format", "json", "duplicate-ace"]);
    assert_eq!(code, 1, "{text}");
    let report: Value = serde_json::from_str(&text).expect("JSON");
    insta::assert_json_snapshot!("readiness_duplicate_ace", report);
}

#[test]
fn readiness_verdicts() {
    let dir = fixtures("submission");
    let verdict = |folder: &str| {
        let (code, text) = readiness(&dir, &["--format", "json", folder]);
        let report: Value = serde_json::from_str(&text).expect("JSON");
        (
            code,
            report["verdict"]["status"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        )
    };
    assert_eq!(verdict("passing"), (0, "ready".to_string()));
    // Without a manifest, the facts only a manifest records are unknown: review them.
    assert_eq!(verdict("found"), (0, "review".to_string()));
    assert_eq!(verdict("three"), (1, "not-ready".to_string()));
    // The manifest itself may be named.
    assert_eq!(verdict("passing/caselint.toml"), (0, "ready".to_string()));
}

#[test]
fn readiness_human_summary_starts_with_the_verdict() {
    let dir = fixtures("submission");
    let (code, text) = readiness(&dir, &["old-deployment"]);
    assert_eq!(code, 1);
    let first = text.lines().next().unwrap_or_default();
    assert!(first.starts_with("Not ready to submit"), "{text}");
    assert!(text.contains("✗ missing   SUB-2.1/recent"), "{text}");
    assert!(
        text.contains("birchwood-dental.md (Birchwood Dental Group): missing CS-2.1"),
        "{text}"
    );
}

#[test]
fn readiness_html_is_self_contained_and_written_atomically() {
    let out = tempfile::tempdir().expect("temp dir");
    let page = out.path().join("report.html");
    let dir = fixtures("submission");
    let (code, _) = readiness(
        &dir,
        &["--html", page.to_str().expect("utf-8 path"), "one-public"],
    );
    assert_eq!(code, 1);
    let html = std::fs::read_to_string(&page).expect("page written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Nothing to fetch: no script, no external style sheet, no remote URL in an attribute.
    for forbidden in ["<script", "<link", "src=\"http", "href=\"http", "@import"] {
        assert!(!html.contains(forbidden), "{forbidden}");
    }
    assert!(html.contains("default-src 'none'"));
    assert!(html.contains(
        r#"data-case-study="birchwood-dental.md" data-requirement="CS-2.2" data-status="n/a""#
    ));
    assert!(html.contains(r#"data-rule="SUB-2.2/public" data-status="missing""#));
    // Deterministic: the same run writes the same bytes.
    let (_, _) = readiness(
        &dir,
        &["--html", page.to_str().expect("utf-8 path"), "one-public"],
    );
    assert_eq!(std::fs::read_to_string(&page).expect("page"), html);
    let leftovers: Vec<_> = std::fs::read_dir(out.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|n| n != "report.html")
        .collect();
    assert!(leftovers.is_empty(), "temp files left: {leftovers:?}");
}

#[test]
fn readiness_on_a_missing_folder_is_a_clear_error() {
    let dir = fixtures("submission");
    let output = caselint()
        .current_dir(&dir)
        .args(["readiness", "no-such-folder"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no-such-folder does not exist"));
}

#[test]
fn readiness_json_follows_its_published_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("src/report/readiness/schema.json"))
            .expect("schema"),
    )
    .expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let dir = fixtures("submission");
    for folder in [
        "passing",
        "found",
        "duplicate-name",
        "one-public",
        "low-smb-count",
    ] {
        let (_, text) = readiness(&dir, &["--format", "json", folder]);
        let report: Value = serde_json::from_str(&text).expect("JSON");
        let errors: Vec<String> = validator
            .iter_errors(&report)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{folder}: {}", errors.join("\n"));
        // A validator that accepts anything would make this test pass too.
        let mut broken = report.clone();
        broken["verdict"]["status"] = Value::from("fine");
        assert!(!validator.is_valid(&broken));
    }
}

/// A copy of a fixture folder with another `caselint.toml`.
fn with_manifest(folder: &str, manifest: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(fixtures("submission").join(folder)).expect("fixture") {
        let path = entry.expect("entry").path();
        if path.file_name().is_some_and(|n| n != "caselint.toml") {
            std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
        }
    }
    std::fs::write(dir.path().join("caselint.toml"), manifest).expect("manifest");
    dir
}

#[test]
fn the_manifest_names_the_case_studies() {
    let dir = with_manifest(
        "passing",
        "[web]\nfetch = false\n[submission]\ncase_studies = [\"acme-*.md\", \"contoso-machining.md\"]\nsmb_customers = 150\nsoftware_path_stage = \"Differentiated\"\nftr_approved = 2025-11-01\n",
    );
    let (code, report) = check_json(dir.path(), &["--today", TODAY, "."]);
    let found: Vec<&Value> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"].as_str().unwrap_or_default().starts_with("SUB-"))
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0]["rule"], "SUB-2.1/case-studies");
    assert!(
        found[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("acme-dental.md and contoso-machining.md"))
    );
    assert_eq!(found[1]["rule"], "SUB-2.2/public");
    assert_eq!(found[0]["path"], "caselint.toml");
    assert_eq!(code, 1);
}

#[test]
fn a_manifest_glob_that_matches_nothing_is_an_error() {
    let dir = with_manifest(
        "passing",
        "[web]\nfetch = false\n[submission]\ncase_studies = [\"stories/*.md\"]\n",
    );
    let output = caselint()
        .current_dir(dir.path())
        .args(["readiness", "--today", TODAY])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let (code, report) = check_json(dir.path(), &["--today", TODAY, "."]);
    assert_eq!(code, 2);
    let io: Vec<&Value> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == "io")
        .collect();
    assert_eq!(io.len(), 1, "{report:#}");
    assert!(
        io[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("`stories/*.md` matches no Markdown file"))
    );
}

/// `readiness --xlsx` writes the submission's self-assessment as the spreadsheet (one row
/// per checklist id, read back in tests/it/self_assessment.rs); a submission without one says so.
#[test]
fn readiness_exports_the_self_assessment_spreadsheet() {
    let dir = with_manifest("found", "[web]\nfetch = false\n");
    let sheet = dir.path().join("self-assessment.xlsx");
    let sheet_arg = sheet.to_str().expect("utf-8 path");
    let output = caselint()
        .current_dir(dir.path())
        .args(["readiness", "--today", TODAY, "--xlsx", sheet_arg, "."])
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(2),
        "no self-assessment is trouble"
    );
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("none of the checked files is a self-assessment")
    );
    assert!(!sheet.exists());

    std::fs::copy(
        fixtures("self_assessment").join("filled.md"),
        dir.path().join("self-assessment.md"),
    )
    .expect("copy");
    let output = caselint()
        .current_dir(dir.path())
        .args(["readiness", "--today", TODAY, "--xlsx", sheet_arg, "."])
        .output()
        .expect("runs");
    assert_ne!(
        output.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let bytes = std::fs::read(&sheet).expect("spreadsheet written");
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip file");
}
