//! The real binary on real files: exit codes, JSON contract, fixes, configuration,
//! suppression comments and bad input.

use crate::common;

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

// ---- configuration per file, rule ids, disable comments ----

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("folder");
    }
    std::fs::write(path, text).expect("write");
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = caselint()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// (path, rule) of each finding, sorted.
fn path_rules(report: &Value) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap_or_default().to_string(),
                d["rule"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn each_file_uses_its_nearest_config_whatever_the_argument_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "# Notes\n\nWe send logs to Cloudwatch.\n";
    write(
        dir.path(),
        "quiet/caselint.toml",
        "[rules]\n\"DOC-003/product-name\" = \"off\"\n",
    );
    write(dir.path(), "quiet/a.md", text);
    write(dir.path(), "loud/b.md", text);
    let expected = vec![("loud/b.md".to_string(), "DOC-003/product-name".to_string())];
    let (_, one) = check_json(dir.path(), &["quiet/a.md", "loud/b.md"]);
    let (_, other) = check_json(dir.path(), &["loud/b.md", "quiet/a.md"]);
    let (_, walked) = check_json(dir.path(), &["."]);
    assert_eq!(path_rules(&one), expected);
    assert_eq!(path_rules(&other), expected);
    assert_eq!(path_rules(&walked).len(), 1, "{walked}");
    // --config applies one file to all, over the nearest ones.
    write(dir.path(), "all-on.toml", "");
    let (_, forced) = check_json(
        dir.path(),
        &["--config", "all-on.toml", "quiet/a.md", "loud/b.md"],
    );
    assert_eq!(path_rules(&forced).len(), 2, "{forced}");
    // A config's own excludes apply to the files it governs, relative to its folder.
    write(
        dir.path(),
        "loud/caselint.toml",
        "[files]\nexclude = [\"skip/**\"]\n",
    );
    write(dir.path(), "loud/skip/c.md", text);
    let (_, walked) = check_json(dir.path(), &["."]);
    assert_eq!(
        path_rules(&walked),
        vec![(
            "./loud/b.md".to_string(),
            "DOC-003/product-name".to_string()
        )],
        "{walked}"
    );
    // -v says which config each file uses.
    let (_, _, stderr) = run(dir.path(), &["check", "-v", "quiet/a.md"]);
    assert!(stderr.contains("quiet/a.md uses"), "{stderr}");
    assert!(stderr.contains("caselint.toml"), "{stderr}");
}

#[test]
fn unknown_rule_ids_in_the_config_are_errors_with_a_suggestion() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "caselint.toml",
        "[rules]\n\"DOC-003/prodcut-name\" = \"off\"\n\"UCR-002\" = \"warning\"\n",
    );
    write(dir.path(), "a.md", "# A\n\nText.\n");
    let (code, stdout, stderr) = run(dir.path(), &["check", "a.md"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stderr.contains("`DOC-003/prodcut-name` (did you mean `DOC-003/product-name`?)"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("`UCR-002`"),
        "a family is a known id: {stderr}"
    );
}

#[test]
fn disable_comments_name_known_rules_and_must_silence_something() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "a.md",
        "# A\n\n<!-- caselint-disable-next-line DOC-003/prodct-name -->\nWe use Cloudwatch.\n\n\
         <!-- caselint-disable-next-line DOC-003/product-name -->\nWe use Cloudwatch again.\n\n\
         <!-- caselint-disable-next-line DOC-003/renamed -->\nNothing renamed here.\n",
    );
    let (code, report) = check_json(dir.path(), &["a.md"]);
    assert_eq!(code, 1);
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    let rules: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["rule"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        rules,
        [
            "caselint-comment/unknown-rule",
            "DOC-003/product-name",
            "caselint-comment/unused"
        ],
        "{report}"
    );
    assert_eq!(diagnostics[0]["severity"], "error");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("did you mean `DOC-003/product-name`?"),
        "{report}"
    );
    assert_eq!(diagnostics[2]["severity"], "warning");
    assert_eq!(diagnostics[2]["line"], 9);
}

// ---- output ----

#[test]
fn concise_statistics_quiet_and_verbose() {
    let dir = fixtures("").join("naming");
    let (code, concise, _) = run(&dir, &["check", "--format", "concise", "wrong-names.md"]);
    assert_eq!(code, 1);
    let first = concise.lines().next().expect("a line");
    assert!(
        first.starts_with("wrong-names.md:") && first.contains(": error[DOC-003/product-name] "),
        "{concise}"
    );
    assert!(
        concise
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("Checked 1 file")),
        "{concise}"
    );

    let (_, statistics, _) = run(&dir, &["check", "--statistics", "wrong-names.md"]);
    let row = statistics.lines().next().expect("a row");
    assert!(
        row.contains("DOC-003/product-name") && row.contains("error"),
        "{statistics}"
    );
    assert!(!statistics.contains("-->"), "{statistics}");

    let (_, quiet, quiet_err) = run(
        &dir,
        &["check", "-q", "--format", "concise", "wrong-names.md"],
    );
    assert!(!quiet.contains("Checked"), "{quiet}");
    assert_eq!(quiet.lines().count(), concise.lines().count() - 1);
    assert!(quiet_err.is_empty(), "{quiet_err}");

    let samples = common::root().join("samples/case-studies");
    let (_, verbose, _) = run(
        &samples,
        &[
            "check",
            "-v",
            "--offline",
            "--today",
            "2026-05-01",
            "acme-dental-public.md",
        ],
    );
    assert!(verbose.contains("Met\n"), "{verbose}");
    assert!(verbose.contains("  ok UCR-002/"), "{verbose}");
    let (_, plain, _) = run(
        &samples,
        &[
            "check",
            "--offline",
            "--today",
            "2026-05-01",
            "acme-dental-public.md",
        ],
    );
    assert!(!plain.contains("  ok "), "{plain}");
}

#[test]
fn human_output_quotes_a_requirement_once_and_cuts_huge_lines() {
    let samples = common::root().join("samples/case-studies");
    let (_, human, _) = run(
        &samples,
        &["check", "--today", "2026-05-01", "fail-thin-challenge.md"],
    );
    assert_eq!(human.matches("The checklist asks").count(), 1, "{human}");
    assert_eq!(
        human.matches("Describe the business problem").count(),
        1,
        "{human}"
    );
    assert_eq!(
        human.matches("## Key business challenge\n").count(),
        1,
        "{human}"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let mut line = "word ".repeat(200_000);
    line.push_str("Cloudwatch ");
    line.push_str(&"more ".repeat(200_000));
    write(dir.path(), "big.md", &format!("# Big\n\n{line}\n"));
    let (code, human, _) = run(dir.path(), &["check", "big.md"]);
    assert_eq!(code, 1);
    assert!(human.len() < 4_000, "{} bytes of output", human.len());
    assert!(human.contains("Cloudwatch"), "{human}");
}

// ---- explain, rules, pipes ----

#[test]
fn every_emitted_rule_id_is_explained_and_unknown_ones_are_refused() {
    let root = common::root();
    let mut ids: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for folder in ["samples", "tests/fixtures"] {
        let (_, report) = check_json(&root, &["--offline", "--no-config", folder]);
        ids.extend(rules_of(&report));
    }
    let (_, report) = check_json(
        &root,
        &[
            "--offline",
            "--no-config",
            "--today",
            "2026-01-01",
            "samples",
        ],
    );
    ids.extend(rules_of(&report));
    for must in [
        "io",
        "front-matter",
        "CS-2.3/customer-name-leak",
        "DOC-003/product-name",
    ] {
        assert!(
            ids.contains(must),
            "{must} not emitted by the fixtures: {ids:?}"
        );
    }
    // Every id `rules` lists, too.
    let (_, listed, _) = run(&root, &["rules"]);
    for line in listed.lines() {
        if let Some(id) = line.split_whitespace().next()
            && line.contains("error") | line.contains("warning")
        {
            ids.insert(id.to_string());
        }
    }
    for must in [
        "checklist-version",
        "front-matter/placeholder",
        "UCR-002/section",
        "UCR-002/placeholder",
        "CS-2.2/reachable",
        "caselint-comment/unused",
    ] {
        assert!(ids.contains(must), "`rules` does not list {must}");
    }
    for id in &ids {
        let (code, text, stderr) = run(&root, &["explain", id]);
        assert_eq!(code, 0, "explain {id}: {stderr}");
        assert!(
            text.starts_with(&format!("{id} — ")),
            "explain {id}:\n{text}"
        );
    }
    let (code, _, stderr) = run(&root, &["explain", "UCR-002/imapct"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("did you mean `UCR-002/impact`?")
            || stderr.contains("Did you mean `UCR-002/impact`?"),
        "{stderr}"
    );
}

#[test]
fn no_command_panics_on_a_closed_pipe() {
    let root = common::root();
    for args in [
        vec!["rules"],
        vec!["explain", "DOC-003/product-name"],
        vec!["explain", "UCR-002"],
        vec!["check", "--offline", "samples"],
        vec!["check", "--offline", "--format", "json", "samples"],
        vec!["completions", "bash"],
        vec!["man"],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("caselint"))
            .current_dir(&root)
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawns");
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_ne!(output.status.code(), Some(101), "{args:?}: {stderr}");
    }
}

#[test]
fn completions_and_man_page_come_from_the_clap_definitions() {
    let root = common::root();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, script, stderr) = run(&root, &["completions", shell]);
        assert_eq!(code, 0, "{shell}: {stderr}");
        // fish writes long options as `-l statistics`.
        for word in ["check-url", "statistics", "refresh"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    let (code, page, _) = run(&root, &["man"]);
    assert_eq!(code, 0);
    assert!(
        page.starts_with(".ie") || page.contains(".TH caselint 1"),
        "{page}"
    );
    assert!(page.contains(".TH caselint 1"), "{page}");
    assert!(page.contains("check\\-url"), "{page}");
}

#[test]
fn an_expired_checklist_is_said_once_per_run() {
    let root = common::root();
    let (code, json, stderr) = run(
        &root,
        &[
            "check",
            "--offline",
            "--format",
            "json",
            "--today",
            "2026-12-02",
            "samples/case-studies",
        ],
    );
    assert_eq!(code, 1);
    let sentence =
        "the built-in checklist expired on 2026-05-31; pass a newer profile with --profile";
    assert_eq!(stderr.matches(sentence).count(), 1, "{stderr}");
    assert!(!json.contains("checklist-version"), "{json}");
    let (_, _, before) = run(
        &root,
        &[
            "check",
            "--offline",
            "--today",
            "2026-05-01",
            "samples/case-studies",
        ],
    );
    assert!(!before.contains("expired"), "{before}");
    let (_, _, quiet) = run(
        &root,
        &[
            "check",
            "-q",
            "--offline",
            "--today",
            "2026-12-02",
            "samples/case-studies",
        ],
    );
    assert!(quiet.is_empty(), "{quiet}");
}

#[test]
fn the_readme_opens_with_the_two_setup_commands_and_the_first_works() {
    let root = common::root();
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let block = readme
        .strip_prefix("```sh\n")
        .and_then(|rest| rest.split_once("\n```"))
        .map(|(block, _)| block)
        .expect("the README opens with a sh block");
    let lines: Vec<&str> = block.lines().collect();
    assert_eq!(lines.len(), 2, "{block}");
    assert_eq!(lines[1], "cargo test --locked");
    let args: Vec<&str> = lines[0]
        .strip_prefix("cargo run --release -- ")
        .expect("the first command runs caselint")
        .split_whitespace()
        .collect();
    assert!(
        args.contains(&"--today"),
        "the samples' date is pinned: {block}"
    );
    let output = caselint()
        .current_dir(&root)
        .args(&args)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let flagged: std::collections::BTreeSet<&str> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["path"].as_str())
        .collect();
    for passing in [
        "acme-dental-public.md",
        "contoso-private.md",
        "northwind-anonymous.md",
    ] {
        assert!(
            !flagged.iter().any(|p| p.ends_with(passing)),
            "{passing} should pass: {flagged:?}"
        );
    }
    assert!(
        flagged.iter().any(|p| p.ends_with("getting-started.md")),
        "{flagged:?}"
    );
    let readme_top = &readme[..readme.find("## Checking files").expect("reference section")];
    assert!(readme_top.contains("## Install") && readme_top.contains("## Quick start for writers"));
}

/// A finding whose evidence lies elsewhere in the file says where, in JSON and in the
/// human report.
#[test]
fn related_places_are_in_json_and_human_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("jobs.md"),
        "# Jobs\n\nEach import runs on AWS Lambda.\n\nOur lambda functions log every row.\n",
    )
    .expect("write");
    let (_, report) = check_json(dir.path(), &["jobs.md"]);
    let finding = report["diagnostics"]
        .as_array()
        .and_then(|all| all.iter().find(|d| d["rule"] == "DOC-003/product-name"))
        .unwrap_or_else(|| panic!("a product-name finding in {report}"));
    assert_eq!(finding["line"], 5, "{report}");
    let related = &finding["related"][0];
    assert_eq!(related["line"], 3, "{report}");
    assert_eq!(related["column"], 21, "{report}");
    assert_eq!(related["byte_start"], 28, "{report}");
    assert_eq!(related["byte_end"], 38, "{report}");

    let output = caselint()
        .current_dir(dir.path())
        .args(["check", "jobs.md"])
        .output()
        .expect("runs");
    let human = String::from_utf8_lossy(&output.stdout);
    assert!(
        human.contains("= note: `Lambda` written here: jobs.md:3:21")
            || human.contains("written here: jobs.md:3:21"),
        "{human}"
    );
    // Other findings have no related places, and JSON leaves the field out for them.
    let empty = caselint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "-"])
        .write_stdin("Metrics go to Cloudwatch.\n")
        .output()
        .expect("runs");
    let empty: Value = serde_json::from_slice(&empty.stdout).expect("JSON");
    assert!(empty["diagnostics"][0].get("related").is_none(), "{empty}");
}
