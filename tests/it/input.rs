//! Input: standard input (`-`), every file read exactly once (pipes, `/dev/stdin`, process
//! substitution), anything but a regular file refused by name, and a case study whose
//! front matter is malformed still checked as a case study.

use crate::common;

use std::process::Command;

use common::{caselint, check_json, root};
use serde_json::Value;

const WRONG_NAME: &str = "# Notes\n\nWe keep invoices in AWS S3 and alarms in Cloudwatch.\n";

fn rules(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|d| d["rule"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn json_of(output: &std::process::Output) -> Value {
    let stdout = String::from_utf8_lossy(&output.stdout);
    serde_json::from_str(&stdout).unwrap_or_else(|err| panic!("not JSON ({err}):\n{stdout}"))
}

#[test]
fn a_dash_reads_standard_input_under_the_stdin_filename() {
    let dir = tempfile::tempdir().unwrap();
    let output = caselint()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "docs/notes.md",
            "-",
        ])
        .write_stdin(WRONG_NAME)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let report = json_of(&output);
    let found = rules(&report);
    assert_eq!(
        found,
        ["DOC-003/product-name", "DOC-003/product-name"],
        "{report}"
    );
    assert_eq!(report["diagnostics"][0]["path"], "docs/notes.md");
    assert_eq!(report["diagnostics"][0]["line"], 3);
    assert_eq!(report["files_checked"], 1);
}

#[test]
fn without_a_stdin_filename_standard_input_is_shown_as_stdin() {
    let output = caselint()
        .args(["check", "--no-config", "-"])
        .write_stdin(WRONG_NAME)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("<stdin>:3:"), "{stdout}");
}

#[test]
fn the_stdin_filename_finds_the_configuration_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(
        dir.path().join("docs/caselint.toml"),
        "[rules]\n\"DOC-003/product-name\" = \"off\"\n",
    )
    .unwrap();
    let with = caselint()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "docs/notes.md",
            "-",
        ])
        .write_stdin(WRONG_NAME)
        .output()
        .unwrap();
    assert_eq!(with.status.code(), Some(0), "{with:?}");
    assert!(rules(&json_of(&with)).is_empty());
}

#[test]
fn fixes_are_not_written_to_standard_input_but_can_be_shown() {
    let fix = caselint()
        .args(["check", "--no-config", "--format", "json", "--fix", "-"])
        .write_stdin(WRONG_NAME)
        .output()
        .unwrap();
    assert_eq!(fix.status.code(), Some(2));
    let report = json_of(&fix);
    assert!(
        report["diagnostics"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("did not come from a regular file")),
        "{report}"
    );
    let diff = caselint()
        .args([
            "check",
            "--no-config",
            "--diff",
            "--stdin-filename",
            "notes.md",
            "-",
        ])
        .write_stdin(WRONG_NAME)
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&diff.stdout);
    assert!(shown.contains("+We keep invoices in Amazon S3"), "{shown}");
}

/// Runs a shell line (bash, for process substitution) and returns the JSON report.
fn shell(line: &str) -> (Option<i32>, Value) {
    let binary = assert_cmd::cargo::cargo_bin("caselint");
    let output = Command::new("bash")
        .arg("-c")
        .arg(line)
        .env("CASELINT", binary)
        .current_dir(root())
        .output()
        .expect("bash runs");
    (output.status.code(), json_of(&output))
}

#[cfg(unix)]
#[test]
fn dev_stdin_and_process_substitution_are_read_once_and_checked() {
    let doc = "samples/docs/getting-started.md";
    let (_, direct) = check_json(&root(), &["--no-config", doc]);
    let expected = rules(&direct);
    assert!(!expected.is_empty());

    let (code, piped) = shell(&format!(
        "cat {doc} | \"$CASELINT\" check --no-config --format json /dev/stdin"
    ));
    assert_eq!(code, Some(1));
    assert_eq!(rules(&piped), expected);

    let (code, substituted) = shell(&format!(
        "\"$CASELINT\" check --no-config --format json <(cat {doc})"
    ));
    assert_eq!(code, Some(1));
    assert_eq!(rules(&substituted), expected);
}

#[cfg(unix)]
#[test]
fn a_case_study_with_a_public_url_is_read_once_from_a_pipe() {
    // Prefetching published pages used to read each file a first time.
    let doc = "samples/case-studies/acme-dental-public.md";
    let (_, direct) = check_json(&root(), &["--no-config", "--today", "2026-02-01", doc]);
    let (_, piped) = shell(&format!(
        "\"$CASELINT\" check --no-config --today 2026-02-01 --format json <(cat {doc})"
    ));
    // A pipe has no folder, so the architecture diagram beside the file is not found.
    let mut expected = rules(&direct);
    expected.push("PS-001/diagram".to_string());
    expected.sort();
    let mut found = rules(&piped);
    found.sort();
    assert_eq!(found, expected);
    assert_eq!(piped["files_checked"], 1);
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_by_name_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("draft.md");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    std::fs::write(dir.path().join("other.md"), WRONG_NAME).unwrap();
    // A writer would unblock a reader; there is none, so a hang shows as a timeout.
    let output = caselint()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "draft.md",
            "other.md",
        ])
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let report = json_of(&output);
    let first = &report["diagnostics"][0];
    assert_eq!(first["path"], "draft.md");
    assert_eq!(first["rule"], "io");
    let message = first["message"].as_str().unwrap();
    assert!(
        message.contains("`draft.md` is a named pipe (FIFO)"),
        "{message}"
    );
    // The other file is still checked.
    assert!(rules(&report).iter().any(|r| r == "DOC-003/product-name"));
}

#[cfg(unix)]
#[test]
fn a_device_is_refused_by_name_with_no_made_up_size() {
    for device in ["/dev/zero", "/dev/null"] {
        let output = caselint()
            .args(["check", "--no-config", "--format", "json", device])
            .timeout(std::time::Duration::from_secs(30))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let report = json_of(&output);
        let message = report["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            message.contains(&format!("`{device}` is a device")),
            "{message}"
        );
        assert!(
            !message.contains("MB") && !message.contains("bytes"),
            "{message}"
        );
    }
}

#[test]
fn a_case_study_with_malformed_front_matter_gets_the_checks_it_can_run() {
    let sample =
        std::fs::read_to_string(root().join("samples/case-studies/fail-thin-challenge.md"))
            .unwrap();
    // An unclosed quote breaks the YAML; `caselint: case-study` is still readable.
    let broken = sample.replacen("\ncustomer:\n", "\ntitle: \"Unclosed\ncustomer:\n", 1);
    assert_ne!(broken, sample);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.md"), &broken).unwrap();
    std::fs::write(dir.path().join("good.md"), &sample).unwrap();
    let (_, good) = check_json(
        dir.path(),
        &["--no-config", "--today", "2026-02-01", "good.md"],
    );
    let (code, report) = check_json(
        dir.path(),
        &["--no-config", "--today", "2026-02-01", "broken.md"],
    );
    assert_eq!(code, 1);
    let found = rules(&report);
    // The section checks of the body still run, as on the intact file...
    assert!(
        rules(&good).iter().any(|r| r.starts_with("UCR-002/")),
        "{good}"
    );
    assert!(found.iter().any(|r| r.starts_with("UCR-002/")), "{report}");
    // ... and the report says which checks needed the front matter.
    let note = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .is_some_and(|m| m.contains("could not run"))
        })
        .unwrap_or_else(|| panic!("no note on checks that could not run: {report}"));
    let message = note["message"].as_str().unwrap();
    assert!(message.contains("UCR-001/"), "{message}");
    assert!(message.contains("CS-2.1/"), "{message}");
    assert_eq!(note["severity"], "warning");
    // The malformed front matter itself is an error, as before.
    assert!(found.iter().any(|r| r == "front-matter"));
}
