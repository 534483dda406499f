//! The CI outputs through the real binary: SARIF (validated against the shipped SARIF
//! 2.1.0 schema), GitHub annotations and their cap, the job summary, `--fail-on`, and
//! baselines.

use crate::common;

use common::{caselint, root};
use std::path::{Path, PathBuf};

use serde_json::Value;

fn ci_fixtures() -> PathBuf {
    root().join("tests/fixtures/ci")
}

/// Runs `caselint check ARGS` in `dir`: (exit code, stdout, stderr).
fn check(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = caselint()
        .current_dir(dir)
        .arg("check")
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).expect("utf-8"),
        String::from_utf8(output.stderr).expect("utf-8"),
    )
}

pub fn assert_valid_sarif(sarif: &Value) {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(ci_fixtures().join("sarif-schema-2.1.0.json")).expect("schema"),
    )
    .expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF is not schema-valid:\n{}",
        errors.join("\n")
    );
}

#[test]
fn the_schema_rejects_broken_sarif() {
    // A validator that accepts anything would make every SARIF test pass.
    let (_, stdout, _) = check(&root(), &["--format", "sarif", "samples/docs"]);
    let mut sarif: Value = serde_json::from_str(&stdout).expect("JSON");
    sarif["runs"][0]["results"][0]["level"] = Value::from("fatal");
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(ci_fixtures().join("sarif-schema-2.1.0.json")).expect("schema"),
    )
    .expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    assert!(!validator.is_valid(&sarif));
}

#[test]
fn sarif_of_the_samples_is_schema_valid_and_complete() {
    let (code, stdout, _) = check(
        &root(),
        &["--format", "sarif", "--today", "2026-01-15", "samples"],
    );
    assert_eq!(code, 1);
    let sarif: Value = serde_json::from_str(&stdout).expect("SARIF is JSON");
    assert_valid_sarif(&sarif);
    assert_eq!(sarif["version"], "2.1.0");

    let (_, json, _) = check(
        &root(),
        &["--format", "json", "--today", "2026-01-15", "samples"],
    );
    let json: Value = serde_json::from_str(&json).expect("JSON");
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    let run = &sarif["runs"][0];
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), diagnostics.len());
    assert!(results.len() > 10, "the samples have many findings");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    for id in [
        "DOC-003/product-name",
        "DOC-003/renamed",
        "DOC-003/first-mention",
        "UCR-002/risk",
        "io",
        "front-matter",
        "checklist-version",
        "CS-2.3/customer-name-leak",
    ] {
        let rule = rules
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("{id} not in tool.driver.rules"));
        assert!(
            rule["shortDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
        );
        assert!(
            rule["fullDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty())
        );
        assert!(rule["help"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(rule["properties"]["requirement"].is_string());
    }
    let mut with_fix = 0;
    for (result, diagnostic) in results.iter().zip(diagnostics) {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert_eq!(result["ruleId"], diagnostic["rule"]);
        assert_eq!(result["level"], diagnostic["severity"]);
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().expect("uri");
        assert_eq!(uri, diagnostic["path"].as_str().expect("path"));
        let region = &location["region"];
        assert_eq!(region["startLine"], diagnostic["line"]);
        assert_eq!(region["endLine"], diagnostic["end_line"]);
        assert_eq!(region["byteOffset"], diagnostic["byte_start"]);
        // The samples are ASCII around their findings: UTF-16 columns equal characters.
        assert_eq!(region["startColumn"], diagnostic["column"]);
        if let Some(replacement) = diagnostic["fix"]["replacement"].as_str() {
            with_fix += 1;
            let change = &result["fixes"][0]["artifactChanges"][0];
            assert_eq!(change["artifactLocation"]["uri"], uri);
            assert_eq!(
                change["replacements"][0]["insertedContent"]["text"],
                replacement
            );
            assert_eq!(change["replacements"][0]["deletedRegion"], *region);
        } else {
            assert!(result.get("fixes").is_none());
        }
    }
    assert!(with_fix > 0);
}

#[test]
fn sarif_file_beside_another_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sarif_path = dir.path().join("out.sarif");
    let (code, stdout, _) = check(
        &root(),
        &[
            "--format",
            "human",
            "--color",
            "never",
            "--sarif-file",
            sarif_path.to_str().expect("utf-8"),
            "samples/docs",
        ],
    );
    assert_eq!(code, 1);
    assert!(stdout.contains("error[DOC-003/product-name]"));
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif_path).expect("written"))
            .expect("JSON");
    assert_valid_sarif(&sarif);
    assert_eq!(
        sarif["runs"][0]["results"].as_array().map(Vec::len),
        Some(7)
    );
}

#[test]
fn github_format_caps_thirty_findings() {
    let (code, stdout, _) = check(&ci_fixtures(), &["--format", "github", "thirty.md"]);
    assert_eq!(code, 1);
    let annotations: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("::error "))
        .collect();
    assert_eq!(annotations.len(), 10, "{stdout}");
    for (i, line) in annotations.iter().enumerate() {
        let expected = format!("::error file=thirty.md,line={0},endLine={0},col=", i + 3);
        assert!(line.starts_with(&expected), "{line}");
        assert!(line.contains(",title=DOC-003/product-name (Customer facing documentation)::`Cloudwatch` is not the product"), "{line}");
        assert!(!line[2..].contains('\n'));
    }
    assert!(annotations[9].contains("%0A%0A… and 20 more errors not shown as annotations"));
    assert!(!annotations[8].contains("more errors"));
    assert!(!stdout.contains("::warning"));
    // Everything is in the log.
    assert!(stdout.contains("::group::caselint: all 30 findings\n"));
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("thirty.md:"))
            .count(),
        30
    );
    assert!(stdout.contains("::endgroup::\nChecked 1 file: 30 errors in 1 file."));
}

#[test]
fn github_format_orders_errors_before_warnings() {
    let repo = ci_fixtures().join("repo");
    let (code, stdout, _) = check(&repo, &["--format", "github", "docs"]);
    assert_eq!(code, 1);
    let commands: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("::error ") || l.starts_with("::warning "))
        .collect();
    assert_eq!(commands.len(), 20);
    assert!(
        commands[..10]
            .iter()
            .all(|l| l.starts_with("::error file=docs/guide.md,"))
    );
    assert!(
        commands[10..]
            .iter()
            .all(|l| l.starts_with("::warning file=docs/legacy.md,"))
    );
    assert!(commands[9].contains("… and 2 more errors"));
    assert!(commands[19].contains("… and 2 more warnings"));
}

#[test]
fn fail_on_levels() {
    let repo = ci_fixtures().join("repo");
    let code = |fail_on: &str, path: &str| check(&repo, &["--fail-on", fail_on, path]).0;
    // Errors and warnings.
    assert_eq!(code("error", "docs"), 1);
    assert_eq!(code("warning", "docs"), 1);
    assert_eq!(code("never", "docs"), 0);
    // Only warnings.
    assert_eq!(code("error", "docs/legacy.md"), 0);
    assert_eq!(code("warning", "docs/legacy.md"), 1);
    assert_eq!(code("never", "docs/legacy.md"), 0);
    // Clean.
    assert_eq!(code("warning", "docs/clean.md"), 0);
    // A file that cannot be read is caselint's trouble, whatever fail-on says.
    assert_eq!(code("never", "docs/missing.md"), 2);
}

#[test]
fn job_summary_to_a_file_and_appended_to_github_step_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = ci_fixtures().join("repo");
    let file = dir.path().join("summary.md");
    let (code, _, _) = check(&repo, &["--summary", file.to_str().expect("utf-8"), "docs"]);
    assert_eq!(code, 1);
    let md = std::fs::read_to_string(&file).expect("summary written");
    assert!(
        md.starts_with("## ❌ caselint\n\nChecked 3 files: 12 errors, 12 warnings in 2 files.")
    );
    assert!(
        md.contains("| `DOC-003/product-name` | 12 | 0 | DOC-003 Customer facing documentation |"),
        "{md}"
    );
    assert!(md.contains("| `DOC-003/renamed` | 0 | 12 |"));
    assert!(md.contains("| `docs/guide.md` | 12 | 0 |"));
    assert!(md.contains("| `docs/legacy.md` | 0 | 12 |"));
    assert!(md.contains("### First 10 of 24 findings"));
    assert!(md.contains("| `docs/guide.md:3:26` | error | `DOC-003/product-name` | `Cloudwatch` is not the product's name: write `CloudWatch` | write `CloudWatch` |"), "{md}");
    assert!(md.contains("<details>\n<summary>All 24 findings</summary>"));
    assert!(md.contains("write `Amazon OpenSearch Service`"));

    // GITHUB_STEP_SUMMARY is appended to, not overwritten.
    let step = dir.path().join("step.md");
    std::fs::write(&step, "earlier step output\n").expect("write");
    let status = caselint()
        .current_dir(&repo)
        .env("GITHUB_STEP_SUMMARY", &step)
        .args(["check", "--format", "json", "docs/clean.md"])
        .output()
        .expect("runs");
    assert_eq!(status.status.code(), Some(0));
    let text = std::fs::read_to_string(&step).expect("read");
    assert!(
        text.starts_with(
            "earlier step output\n## ✅ caselint\n\nChecked 1 file: no problems found."
        ),
        "{text}"
    );
}

#[test]
fn baseline_reports_only_new_findings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).expect("mkdir");
    let page = docs.join("page.md");
    std::fs::write(
        &page,
        "# Page\n\nLogs go to Cloudwatch.\n\nFiles go to AWS S3.\n\nLogs go to Cloudwatch.\n",
    )
    .expect("write");
    let baseline = dir.path().join("caselint-baseline.json");
    let baseline_arg = baseline.to_str().expect("utf-8");

    // Recording: the run then reports nothing new.
    let (code, stdout, stderr) = check(
        dir.path(),
        &["--format", "json", "--write-baseline", baseline_arg, "docs"],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stderr.contains("recorded 3 findings"), "{stderr}");
    let report: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(report["summary"]["baselined"], 3);
    let recorded: Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).expect("written")).expect("JSON");
    assert_eq!(recorded["version"], 1);
    let findings = recorded["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 3);
    assert!(findings.iter().all(|f| f["path"] == "docs/page.md"));
    assert!(
        findings
            .iter()
            .all(|f| f["hash"].as_str().is_some_and(|h| h.len() == 16))
    );

    // Lines move and the run starts elsewhere: still nothing new.
    std::fs::write(
        &page,
        "# Page\n\nAn introduction.\n\nMore words.\n\nLogs go to Cloudwatch.\n\nFiles go to AWS S3.\n\nLogs go to Cloudwatch.\n",
    )
    .expect("write");
    let (code, stdout, _) = check(&docs, &["--baseline", baseline_arg, "page.md"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("3 known findings in the baseline not shown."),
        "{stdout}"
    );

    // A new finding, and a third copy of a recorded one, are reported; nothing else.
    std::fs::write(
        &page,
        "# Page\n\nLogs go to Cloudwatch.\n\nFiles go to AWS S3.\n\nLogs go to Cloudwatch.\n\nLogs go to Cloudwatch.\n\nKeys live in Dynamo DB.\n",
    )
    .expect("write");
    let (code, stdout, _) = check(
        dir.path(),
        &["--format", "json", "--baseline", baseline_arg, "docs"],
    );
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).expect("JSON");
    let lines: Vec<u64> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["line"].as_u64().expect("line"))
        .collect();
    assert_eq!(lines, [9, 11]);
    assert_eq!(report["summary"]["baselined"], 3);

    // Fixed findings drop out when the baseline is rewritten.
    std::fs::write(
        &page,
        "# Page\n\nLogs go to Amazon CloudWatch.\n\nFiles go to AWS S3.\n",
    )
    .expect("write");
    let (code, _, stderr) = check(dir.path(), &["--write-baseline", baseline_arg, "docs"]);
    assert_eq!(code, 0);
    assert!(stderr.contains("recorded 1 finding in"), "{stderr}");
    let recorded: Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).expect("written")).expect("JSON");
    assert_eq!(recorded["findings"].as_array().map(Vec::len), Some(1));
}

#[test]
fn a_missing_or_malformed_baseline_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = ci_fixtures().join("repo");
    let missing = dir.path().join("nope.json");
    let (code, stdout, stderr) = check(
        &repo,
        &["--baseline", missing.to_str().expect("utf-8"), "docs"],
    );
    assert_eq!(code, 2);
    assert!(stdout.is_empty(), "nothing is checked: {stdout}");
    assert!(stderr.contains("cannot read the baseline"), "{stderr}");
    assert!(stderr.contains("--write-baseline"), "{stderr}");

    let malformed = dir.path().join("bad.json");
    std::fs::write(&malformed, "[1, 2").expect("write");
    let (code, _, stderr) = check(
        &repo,
        &["--baseline", malformed.to_str().expect("utf-8"), "docs"],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("is not a caselint baseline"), "{stderr}");
}
