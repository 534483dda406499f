//! What the integration tests share: the repository's paths, the real binary with a clean
//! environment, and a `check --format json` run. Each test crate uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A folder under `tests/fixtures/` ("" for the folder itself).
pub fn fixtures(folder: &str) -> PathBuf {
    root().join("tests/fixtures").join(folder)
}

/// The binary, without the colour and job-summary settings of the shell that runs the tests.
pub fn caselint() -> Command {
    let mut cmd = Command::cargo_bin("caselint").expect("binary builds");
    cmd.env_remove("NO_COLOR").env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

/// Runs `check --format json ARGS` in `dir`: (exit code, parsed report).
pub fn check_json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let output = caselint()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    let stdout = String::from_utf8(output.stdout).expect("utf-8 output");
    let report = serde_json::from_str(&stdout)
        .unwrap_or_else(|err| panic!("stdout is not JSON ({err}):\n{stdout}"));
    (output.status.code().unwrap_or(-1), report)
}
