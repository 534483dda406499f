//! Reliability: `--fix` never loses an edit made while caselint was checking, and the
//! temporary file of a killed `--fix` is removed on the next run in its folder.

use crate::common;

use std::time::{Duration, Instant, SystemTime};

use common::caselint;

const DRAFT: &str = "# Notes\n\nAlarms live in Cloudwatch.\n";

#[test]
fn an_edit_made_while_checking_is_kept_and_the_fix_is_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.md");
    std::fs::write(&file, DRAFT).unwrap();
    let marker = dir.path().join("paused");
    let binary = assert_cmd::cargo::cargo_bin("caselint");
    let child = std::process::Command::new(binary)
        .current_dir(dir.path())
        .env("CASELINT_FAULT_PAUSE_BEFORE_RENAME", &marker)
        .args([
            "check",
            "--no-config",
            "--fix",
            "--format",
            "json",
            "notes.md",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The fixed text is on disk beside the file; the writer saves an edit now.
    let deadline = Instant::now() + Duration::from_secs(60);
    while !marker.exists() {
        assert!(
            Instant::now() < deadline,
            "caselint never reached the rename"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let edited = "# Notes\n\nAlarms live in Cloudwatch. A new line the writer just typed.\n";
    std::fs::write(&file, edited).unwrap();
    std::fs::remove_file(&marker).unwrap();
    let output = child.wait_with_output().unwrap();

    assert_eq!(std::fs::read_to_string(&file).unwrap(), edited);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("changed while caselint was checking it"),
        "{stdout}"
    );
    assert!(stdout.contains("that edit is kept"), "{stdout}");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".caselint-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_unchanged_file_is_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.md");
    std::fs::write(&file, DRAFT).unwrap();
    let output = caselint()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--fix", "notes.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "# Notes\n\nAlarms live in CloudWatch.\n"
    );
}

#[test]
fn a_stale_temporary_file_of_a_killed_fix_is_removed_on_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("notes.md"), DRAFT).unwrap();
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    let left = docs.join(".notes.md.k1LLed.caselint-tmp");
    std::fs::File::create(&left)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    // A --fix running right now in the same folder owns this one.
    let running = docs.join(".notes.md.Runn1n.caselint-tmp");
    std::fs::write(&running, "").unwrap();
    // Not ours, however old.
    let editor = docs.join(".notes.md.swp");
    std::fs::File::create(&editor)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();

    let output = caselint()
        .current_dir(dir.path())
        .args(["check", "--no-config", "docs"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(!left.exists());
    assert!(running.exists());
    assert!(editor.exists());
}
