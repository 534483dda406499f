//! The real binary on real files: exit codes, JSON contract, fixes, configuration,
//! suppression comments and bad input.

mod common;

use common::{caselint, check_json, fixtures};
use std::path::Path;

use serde_json::Value;

fn rules_of(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| d["rule"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// (rule, flagged text as found in the file, replacement) for each diagnostic.
fn findings(dir: &Path, report: &Value) -> Vec<(String, String, String)> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            let path = dir.join(d["path"].as_str().unwrap_or_default());
            let source = std::fs::read(&path).unwrap_or_default();
            let start = d["byte_start"].as_u64().unwrap_or(0) as usize;
            let end = d["byte_end"].as_u64().unwrap_or(0) as usize;
            let text =
                String::from_utf8_lossy(source.get(start..end).unwrap_or_default()).to_string();
            let replacement = d["fix"]["replacement"]
                .as_str()
                .or_else(|| d["suggestions"][0]["replacement"].as_str())
                .unwrap_or_default()
                .to_string();
            (
                d["rule"].as_str().unwrap_or_default().to_string(),
                text,
                replacement,
            )
        })
        .collect()
}

fn triple(rule: &str, text: &str, fix: &str) -> (String, String, String) {
    (rule.to_string(), text.to_string(), fix.to_string())
}

#[test]
fn wrong_names_are_found_with_exact_spans_and_fixes() {
    let dir = fixtures("").join("naming");
    let (code, report) = check_json(&dir, &["wrong-names.md"]);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&dir, &report),
        vec![
            triple("DOC-003/product-name", "Cloudwatch", "CloudWatch"),
            triple("DOC-003/product-name", "AWS S3", "Amazon S3"),
            triple("DOC-003/product-name", "Amazon Lambda", "AWS Lambda"),
            triple("DOC-003/product-name", "Dynamo DB", "DynamoDB"),
            triple("DOC-003/product-name", "AWS Lamda", "AWS Lambda"),
            triple(
                "DOC-003/renamed",
                "Amazon Elasticsearch Service",
                "Amazon OpenSearch Service"
            ),
        ]
    );
}

#[test]
fn json_report_follows_the_contract() {
    let dir = fixtures("").join("naming");
    let (_, report) = check_json(&dir, &["wrong-names.md"]);
    assert_eq!(report["version"], 1);
    assert_eq!(report["files_checked"], 1);
    assert_eq!(report["summary"]["errors"], 6);
    assert_eq!(report["summary"]["warnings"], 0);
    assert_eq!(report["summary"]["files_with_findings"], 1);
    let first = &report["diagnostics"][0];
    assert_eq!(first["path"], "wrong-names.md");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["requirement"], "DOC-003");
    assert_eq!(first["line"], 3);
    assert_eq!(first["column"], 12);
    assert_eq!(first["end_line"], 3);
    assert_eq!(first["end_column"], 22);
    assert_eq!(first["fix"]["applicability"], "safe");
    assert_eq!(
        first["message"],
        "`Cloudwatch` is not the product's name: write `CloudWatch`"
    );
    insta::assert_json_snapshot!("wrong_names_json", report);
}

#[test]
fn correct_names_code_urls_and_homographs_are_not_flagged() {
    let dir = fixtures("").join("naming");
    let (code, report) = check_json(&dir, &["correct-names.md"]);
    assert_eq!(rules_of(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(code, 0);
}

#[test]
fn names_split_by_markup_are_suggested_not_fixed() {
    let dir = fixtures("").join("naming");
    let (_, report) = check_json(&dir, &["markup.md"]);
    let d = &report["diagnostics"][0];
    assert_eq!(d["rule"], "DOC-003/product-name");
    assert!(d["fix"].is_null(), "{d:#}");
    assert_eq!(d["suggestions"][0]["replacement"], "Amazon S3");
}

#[test]
fn first_mention_applies_to_case_studies() {
    let dir = fixtures("").join("naming");
    let (_, report) = check_json(
        &dir,
        &["--today", "2026-01-15", "case-study-first-mention.md"],
    );
    let naming: Vec<_> = findings(&dir, &report)
        .into_iter()
        .filter(|(rule, _, _)| rule.starts_with("DOC-003"))
        .collect();
    assert_eq!(
        naming,
        vec![triple(
            "DOC-003/first-mention",
            "S3",
            "Amazon Simple Storage Service (Amazon S3)"
        )]
    );
    let first = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "DOC-003/first-mention")
        .unwrap();
    assert_eq!(first["severity"], "warning");
    assert_eq!(first["fix"]["applicability"], "unsafe");
}

#[test]
fn fix_rewrites_prose_only_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(fixtures("").join("naming/correct-names.md")).unwrap()
        + "\nAlso Cloudwatch, AWS S3 and `AWS S3` in code.\n";
    let path = dir.path().join("doc.md");
    std::fs::write(&path, &source).unwrap();

    let first = caselint()
        .current_dir(dir.path())
        .args(["check", "--fix", "--color", "never", "doc.md"])
        .output()
        .unwrap();
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stdout)
    );
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert!(
        fixed.ends_with("\nAlso CloudWatch, Amazon S3 and `AWS S3` in code.\n"),
        "{fixed}"
    );
    assert_eq!(
        fixed.replace("\nAlso CloudWatch, Amazon S3 and `AWS S3` in code.\n", ""),
        source.replace("\nAlso Cloudwatch, AWS S3 and `AWS S3` in code.\n", "")
    );

    let second = caselint()
        .current_dir(dir.path())
        .args(["check", "--fix", "doc.md"])
        .output()
        .unwrap();
    assert_eq!(second.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        fixed,
        "second --fix changed the file"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left behind");
}

#[cfg(unix)]
#[test]
fn fix_keeps_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.md");
    std::fs::write(&path, "Uses Cloudwatch.\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    caselint()
        .current_dir(dir.path())
        .args(["check", "--fix", "doc.md"])
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "Uses CloudWatch.\n"
    );
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn diff_shows_the_change_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.md");
    std::fs::write(&path, "Uses Cloudwatch.\n").unwrap();
    let output = caselint()
        .current_dir(dir.path())
        .args(["check", "--diff", "--color", "never", "doc.md"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("-Uses Cloudwatch."), "{stdout}");
    assert!(stdout.contains("+Uses CloudWatch."), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "Uses Cloudwatch.\n"
    );
}

#[test]
fn suppression_comments_silence_exactly_what_they_name() {
    let dir = fixtures("").join("suppress");
    let (_, report) = check_json(&dir, &["suppressed.md"]);
    assert_eq!(
        findings(&dir, &report),
        vec![
            triple("DOC-003/product-name", "Cloudwatch", "CloudWatch"),
            triple("DOC-003/product-name", "AWS S3", "Amazon S3"),
        ]
    );
    let lines: Vec<u64> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![3, 9]);

    let (code, whole) = check_json(&dir, &["whole-file.md"]);
    assert_eq!(rules_of(&whole), Vec::<String>::new());
    assert_eq!(code, 0);
}

#[test]
fn config_is_found_by_walking_up_and_applied() {
    let root = fixtures("").join("config");
    let (code, report) = check_json(&root.join("docs"), &["."]);
    // The accepted term hides "Cloudwatch" inside it, the rename is only a warning, and
    // the drafts folder is excluded.
    assert_eq!(rules_of(&report), vec!["DOC-003/renamed"]);
    assert_eq!(report["diagnostics"][0]["severity"], "warning");
    assert_eq!(report["files_checked"], 1);
    assert_eq!(code, 0);

    let (_, isolated) = check_json(&root.join("docs"), &["--no-config", "."]);
    assert_eq!(isolated["files_checked"], 2);
}

#[test]
fn flags_override_config_globs() {
    let root = fixtures("").join("config/docs");
    let (_, report) = check_json(&root, &["--include", "drafts/**", "--no-config", "."]);
    assert_eq!(report["files_checked"], 1);
    assert_eq!(report["diagnostics"][0]["path"], "./drafts/draft.md");
}

#[test]
fn bad_configuration_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("caselint.toml"),
        "[naming]\nbare_short_name = false\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.md"), "Amazon S3\n").unwrap();
    let output = caselint()
        .current_dir(dir.path())
        .args(["check", "a.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("caselint.toml"), "{stderr}");
    assert!(
        stderr.contains("did you mean `bare_short_names`"),
        "{stderr}"
    );
}

#[test]
fn china_partition_prefers_amazon() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("caselint.toml"),
        "[naming]\npartition = \"aws-cn\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.md"), "Amazon Lambda and AWS Lambda.\n").unwrap();
    let (_, report) = check_json(dir.path(), &["a.md"]);
    assert_eq!(
        findings(dir.path(), &report),
        vec![triple(
            "DOC-003/product-name",
            "AWS Lambda",
            "Amazon Lambda"
        )]
    );
}

#[test]
fn bad_files_get_one_clear_error_each_and_the_rest_is_checked() {
    let dir = fixtures("").join("bad");
    let (code, report) = check_json(
        &dir,
        &[
            "binary.md",
            "broken-front-matter.md",
            "empty.md",
            "latin1.md",
            "missing.md",
            "../naming/wrong-names.md",
        ],
    );
    assert_eq!(code, 2, "an unreadable file makes the run exit 2");
    let by_path = |p: &str| -> Vec<Value> {
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["path"] == p)
            .cloned()
            .collect()
    };
    let binary = by_path("binary.md");
    assert_eq!(binary.len(), 1);
    assert_eq!(binary[0]["rule"], "io");
    assert!(
        binary[0]["message"].as_str().unwrap().contains("binary"),
        "{binary:?}"
    );

    let latin1 = by_path("latin1.md");
    assert_eq!(latin1.len(), 1);
    assert_eq!(latin1[0]["rule"], "io");
    assert!(latin1[0]["message"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(latin1[0]["line"], 1);

    let missing = by_path("missing.md");
    assert_eq!(missing.len(), 1);
    assert!(
        missing[0]["message"]
            .as_str()
            .unwrap()
            .contains("does not exist")
    );

    let broken = by_path("broken-front-matter.md");
    assert!(
        broken.iter().any(|d| d["rule"] == "front-matter"),
        "{broken:?}"
    );
    assert!(
        broken.iter().any(|d| d["rule"] == "DOC-003/product-name"),
        "the body is still checked: {broken:?}"
    );

    assert!(by_path("empty.md").iter().all(|d| d["severity"] != "error"));
    assert_eq!(by_path("../naming/wrong-names.md").len(), 6);
}

#[test]
fn oversized_files_are_refused_by_the_configured_limit() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("caselint.toml"),
        "[files]\nmax_file_size = 1000\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("big.md"), "Amazon S3 is fine. ".repeat(100)).unwrap();
    std::fs::write(dir.path().join("small.md"), "Uses Cloudwatch.\n").unwrap();
    let (code, report) = check_json(dir.path(), &["."]);
    assert_eq!(code, 2);
    let rules = rules_of(&report);
    assert_eq!(rules.len(), 2, "{report:#}");
    assert!(rules.contains(&"io".to_string()));
    assert!(rules.contains(&"DOC-003/product-name".to_string()));
}

#[test]
fn human_output_shows_line_caret_and_help() {
    let dir = fixtures("").join("naming");
    let output = caselint()
        .current_dir(&dir)
        .args(["check", "--color", "never", "wrong-names.md"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        !stdout.contains('\u{1b}'),
        "no colour codes when --color never"
    );
    insta::assert_snapshot!("wrong_names_human", stdout);
}

#[test]
fn rules_and_explain() {
    let rules = caselint().arg("rules").output().unwrap();
    let text = String::from_utf8_lossy(&rules.stdout);
    for id in [
        "DOC-003/product-name",
        "DOC-003/renamed",
        "DOC-003/first-mention",
    ] {
        assert!(text.contains(id), "{text}");
    }
    let explain = caselint()
        .args(["explain", "DOC-003/renamed"])
        .output()
        .unwrap();
    assert_eq!(explain.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&explain.stdout).contains("OpenSearch"));
    let unknown = caselint()
        .args(["explain", "DOC-003/renamd"])
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("Did you mean `DOC-003/renamed`?"));
}

#[test]
fn usage_errors_exit_2() {
    caselint()
        .args(["check", "--format", "yaml"])
        .assert()
        .code(2);
    caselint().arg("frobnicate").assert().code(2);
}

/// Slips people really make, one paragraph each: every paragraph must get a finding, and
/// the fixes are pinned in a snapshot.
#[test]
fn common_slips_are_all_found() {
    let dir = fixtures("").join("naming");
    let (_, report) = check_json(&dir, &["common-slips.md"]);
    let source = std::fs::read_to_string(dir.join("common-slips.md")).unwrap();
    let flagged: std::collections::BTreeSet<u64> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    for (index, line) in source.lines().enumerate() {
        if !line.trim().is_empty() {
            assert!(
                flagged.contains(&(index as u64 + 1)),
                "nothing found on line {}: {line}",
                index + 1
            );
        }
    }
    let pairs: Vec<String> = findings(&dir, &report)
        .into_iter()
        .map(|(rule, text, fix)| format!("{rule}: {text} -> {fix}"))
        .collect();
    insta::assert_snapshot!("common_slips", pairs.join("\n"));
}

/// Correct names, homographs, code and URLs in prose: nothing to report.
#[test]
fn common_correct_text_is_left_alone() {
    let dir = fixtures("").join("naming");
    let (code, report) = check_json(&dir, &["common-correct.md"]);
    assert_eq!(rules_of(&report), Vec::<String>::new(), "{report:#}");
    assert_eq!(code, 0);
}
