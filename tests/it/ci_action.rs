//! The GitHub Action's script (`.github/action/run.sh`) end to end: a fake release of this
//! repository's own binary, packed by the release workflow's packing script and served
//! from 127.0.0.1, and a small docs repository; the environment is the one GitHub gives a
//! step. Also checks that action.yml, run.sh and the release workflow agree on names.
//!
//! Needs bash, curl (or wget), tar, sha256sum and git on the machine.

use crate::common;

use common::root;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use httpmock::prelude::*;
use serde_json::Value;

const TARGET: &str = "x86_64-unknown-linux-musl";
const ASSET: &str = "caselint-x86_64-unknown-linux-musl.tar.gz";

fn sha256(path: &Path) -> String {
    let output = Command::new("sha256sum")
        .arg(path)
        .output()
        .expect("sha256sum runs");
    String::from_utf8(output.stdout).expect("utf-8")[..64].to_string()
}

/// The release asset, packed as `.github/workflows/release.yml` packs it.
fn packed_release(dir: &Path) -> PathBuf {
    let status = Command::new("bash")
        .arg(root().join(".github/action/package.sh"))
        .args(["pack", TARGET])
        .arg(env!("CARGO_BIN_EXE_caselint"))
        .arg(dir)
        .status()
        .expect("package.sh runs");
    assert!(status.success());
    dir.join(ASSET)
}

struct Release {
    server: MockServer,
    _dir: tempfile::TempDir,
}

/// Serves `/download/v0.1.0/<asset>` and its `sha256sums.txt`, with the right checksum or
/// a wrong one.
fn serve_release(good_checksum: bool) -> Release {
    let dir = tempfile::tempdir().expect("tempdir");
    let asset = packed_release(dir.path());
    let bytes = std::fs::read(&asset).expect("asset");
    let mut sum = sha256(&asset);
    if !good_checksum {
        sum = sum.chars().rev().collect();
    }
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(GET).path(format!("/download/v0.1.0/{ASSET}"));
        then.status(200).body(bytes.clone());
    });
    server.mock(|when, then| {
        when.method(GET).path("/download/v0.1.0/sha256sums.txt");
        then.status(200).body(format!(
            "{sum}  {ASSET}\n0000  caselint-aarch64-apple-darwin.tar.gz\n"
        ));
    });
    Release { server, _dir: dir }
}

struct Run {
    code: i32,
    stdout: String,
    summary: String,
    outputs: String,
    install_dir: PathBuf,
    /// Holds the install folder and the step files until the test is done with them.
    _scratch: tempfile::TempDir,
}

/// A copy of the sample docs repository.
fn sample_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&root().join("tests/fixtures/ci/repo"), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Runs run.sh in `repo` with GitHub's step environment plus `inputs` (`INPUT_*`).
fn run_action(
    repo: &Path,
    base_url: &str,
    inputs: &[(&str, &str)],
    extra_env: &[(&str, &str)],
) -> Run {
    let scratch = tempfile::tempdir().expect("tempdir");
    let summary = scratch.path().join("step_summary.md");
    let outputs = scratch.path().join("github_output");
    std::fs::write(&summary, "").expect("write");
    let install_dir = scratch.path().join("tool-cache/caselint");
    let mut command = Command::new("bash");
    command
        .arg(root().join(".github/action/run.sh"))
        .current_dir(repo)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", scratch.path())
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_WORKSPACE", repo)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("GITHUB_OUTPUT", &outputs)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("RUNNER_TEMP", scratch.path())
        .env("CASELINT_RELEASES_URL", base_url)
        .env("CASELINT_INSTALL_DIR", &install_dir)
        .env("INPUT_VERSION", "0.1.0");
    for (name, value) in inputs {
        command.env(format!("INPUT_{name}"), value);
    }
    for (name, value) in extra_env {
        command.env(name, value);
    }
    let output = command.output().expect("bash runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr),
        summary: std::fs::read_to_string(&summary).unwrap_or_default(),
        outputs: std::fs::read_to_string(&outputs).unwrap_or_default(),
        install_dir,
        _scratch: scratch,
    }
}

fn annotations(stdout: &str, level: &str) -> Vec<String> {
    stdout
        .lines()
        .filter(|l| l.starts_with(&format!("::{level} file=")))
        .map(str::to_string)
        .collect()
}

#[test]
fn verified_download_then_annotations_summary_and_sarif() {
    let release = serve_release(true);
    let repo = sample_repo();
    let run = run_action(
        repo.path(),
        &release.server.base_url(),
        &[("PATHS", "docs"), ("SARIF_FILE", "reports/caselint.sarif")],
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!("{ASSET} verified (sha256 ")),
        "{}",
        run.stdout
    );

    // Annotations: 10 errors then 10 warnings, each level's last one saying what is left.
    let errors = annotations(&run.stdout, "error");
    let warnings = annotations(&run.stdout, "warning");
    assert_eq!((errors.len(), warnings.len()), (10, 10), "{}", run.stdout);
    assert!(errors[0].starts_with("::error file=docs/guide.md,line=3,endLine=3,col=26,endColumn=36,title=DOC-003/product-name (Customer facing documentation)::`Cloudwatch` is not the product's name: write `CloudWatch`%0AFix: write `CloudWatch`"), "{}", errors[0]);
    assert!(errors[9].contains("… and 2 more errors not shown as annotations"));
    assert!(warnings[0].starts_with("::warning file=docs/legacy.md,line=3,"));
    assert!(warnings[9].contains("… and 2 more warnings not shown as annotations"));
    let first_warning = run.stdout.find("::warning").expect("warning");
    let last_error = run.stdout.rfind("::error file=").expect("error");
    assert!(last_error < first_warning, "errors come first");

    // Job summary.
    assert!(
        run.summary
            .starts_with("## ❌ caselint\n\nChecked 3 files: 12 errors, 12 warnings in 2 files."),
        "{}",
        run.summary
    );
    assert!(run.summary.contains("| `DOC-003/product-name` | 12 | 0 |"));
    assert!(run.summary.contains("| `docs/legacy.md` | 0 | 12 |"));
    assert!(run.summary.contains("| write `CloudWatch` |"));

    // SARIF, schema-valid.
    let sarif_path = repo.path().join("reports/caselint.sarif");
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif_path).expect("SARIF written"))
            .expect("JSON");
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/fixtures/ci/sarif-schema-2.1.0.json"))
            .expect("schema"),
    )
    .expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("compiles");
    let problems: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| e.to_string())
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        sarif["runs"][0]["results"].as_array().map(Vec::len),
        Some(24)
    );

    // Step outputs.
    for line in [
        "version=0.1.0",
        "target=x86_64-unknown-linux-musl",
        "cacheable=true",
        "sarif-file=reports/caselint.sarif",
        "exit-code=1",
    ] {
        assert!(
            run.outputs.lines().any(|l| l == line),
            "{line} not in {}",
            run.outputs
        );
    }
}

#[test]
fn exit_codes_for_each_fail_on() {
    let release = serve_release(true);
    let repo = sample_repo();
    let url = release.server.base_url();
    let code = |fail_on: &str, paths: &str| {
        run_action(
            repo.path(),
            &url,
            &[("PATHS", paths), ("FAIL_ON", fail_on)],
            &[],
        )
        .code
    };
    assert_eq!(code("error", "docs"), 1);
    assert_eq!(code("warning", "docs"), 1);
    assert_eq!(code("never", "docs"), 0);
    assert_eq!(code("error", "docs/legacy.md"), 0);
    assert_eq!(code("warning", "docs/legacy.md"), 1);
    assert_eq!(code("never", "docs/legacy.md"), 0);
    assert_eq!(code("warning", "docs/clean.md"), 0);
    // GitHub's own spelling of the variable (with the hyphen) works too.
    let hyphen = run_action(
        repo.path(),
        &url,
        &[("PATHS", "docs")],
        &[("INPUT_FAIL-ON", "never")],
    );
    assert_eq!(hyphen.code, 0, "{}", hyphen.stdout);
    // A wrong input is refused before anything runs.
    let wrong = run_action(repo.path(), &url, &[("FAIL_ON", "sometimes")], &[]);
    assert_eq!(wrong.code, 2);
    assert!(
        wrong
            .stdout
            .contains("::error title=caselint action::fail-on must be error, warning or never")
    );
}

#[test]
fn a_checksum_mismatch_refuses_to_run() {
    let release = serve_release(false);
    let repo = sample_repo();
    let run = run_action(
        repo.path(),
        &release.server.base_url(),
        &[("PATHS", "docs")],
        &[],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!(
            "::error title=caselint action::checksum mismatch for {ASSET}"
        )),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("refusing to run it"));
    assert!(
        annotations(&run.stdout, "error").is_empty(),
        "caselint must not have run"
    );
    assert!(run.summary.is_empty());
    assert!(
        !run.install_dir.join("caselint").exists(),
        "the binary must not be installed"
    );
}

#[test]
fn a_missing_checksum_file_refuses_to_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let asset = packed_release(dir.path());
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(GET).path(format!("/download/v0.1.0/{ASSET}"));
        then.status(200).body(std::fs::read(&asset).expect("asset"));
    });
    let repo = sample_repo();
    let run = run_action(repo.path(), &server.base_url(), &[], &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.contains(
            "sha256sums.txt (HTTP 404): refusing to run a binary that cannot be verified"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn the_cached_binary_is_reused_without_downloading() {
    let release = serve_release(true);
    let repo = sample_repo();
    let scratch = tempfile::tempdir().expect("tempdir");
    let install = scratch.path().join("cache");
    let install_str = install.to_str().expect("utf-8");
    let url = release.server.base_url();
    let first = run_action(
        repo.path(),
        &url,
        &[("PATHS", "docs/clean.md")],
        &[("CASELINT_INSTALL_DIR", install_str)],
    );
    assert_eq!(first.code, 0, "{}", first.stdout);
    // The server is gone: only the cache can serve the second run.
    drop(release);
    let second = run_action(
        repo.path(),
        &url,
        &[("PATHS", "docs/clean.md")],
        &[("CASELINT_INSTALL_DIR", install_str)],
    );
    assert_eq!(second.code, 0, "{}", second.stdout);
    assert!(
        second.stdout.contains("using the cached"),
        "{}",
        second.stdout
    );
}

#[test]
fn no_binary_for_the_platform_builds_with_cargo_install_locked() {
    let scratch = tempfile::tempdir().expect("tempdir");
    // A stand-in for cargo that records its arguments and "builds" this repository's binary.
    let bin = scratch.path().join("bin");
    std::fs::create_dir(&bin).expect("mkdir");
    let log = scratch.path().join("cargo.log");
    let stub = format!(
        "#!/usr/bin/env bash\necho \"$@\" >> '{}'\nwhile [ $# -gt 0 ]; do if [ \"$1\" = --root ]; then root=$2; fi; shift; done\nmkdir -p \"$root/bin\" && cp '{}' \"$root/bin/caselint\"\n",
        log.display(),
        env!("CARGO_BIN_EXE_caselint")
    );
    std::fs::write(bin.join("cargo"), stub).expect("write");
    Command::new("chmod")
        .arg("+x")
        .arg(bin.join("cargo"))
        .status()
        .expect("chmod");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let repo = sample_repo();
    let run = run_action(
        repo.path(),
        "http://127.0.0.1:9",
        &[("PATHS", "docs/guide.md")],
        &[
            ("RUNNER_OS", "FreeBSD"),
            ("PATH", &path),
            ("CASELINT_ACTION_REF", "v0.1.0"),
            ("CASELINT_SOURCE_DIR", root().to_str().expect("utf-8")),
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("no caselint release binary exists"),
        "{}",
        run.stdout
    );
    let args = std::fs::read_to_string(&log).expect("cargo was called");
    assert!(args.starts_with("install --locked --root "), "{args}");
    assert!(
        args.contains(&format!("--path {}", root().display())),
        "{args}"
    );
    assert_eq!(annotations(&run.stdout, "error").len(), 10);
}

#[test]
fn only_changed_checks_the_markdown_the_pull_request_changes() {
    let repo = sample_repo();
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .current_dir(repo.path())
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@example.com",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .output()
            .expect("git runs");
        assert!(
            status.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        String::from_utf8(status.stdout)
            .expect("utf-8")
            .trim()
            .to_string()
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-qm", "base"]);
    let base = git(&["rev-parse", "HEAD"]);
    std::fs::write(
        repo.path().join("docs/new page.md"),
        "# New\n\nMetrics go to Cloudwatch.\n",
    )
    .expect("write");
    std::fs::write(repo.path().join("notes.txt"), "Cloudwatch\n").expect("write");
    git(&["add", "."]);
    git(&["commit", "-qm", "change"]);
    let event = repo.path().join(".git/event.json");
    std::fs::write(
        &event,
        format!(r#"{{"pull_request": {{"base": {{"sha": "{base}"}}}}}}"#),
    )
    .expect("write");

    let release = serve_release(true);
    let event_str = event.to_str().expect("utf-8");
    let env = [
        ("GITHUB_EVENT_NAME", "pull_request"),
        ("GITHUB_EVENT_PATH", event_str),
    ];
    let run = run_action(
        repo.path(),
        &release.server.base_url(),
        &[("PATHS", "docs"), ("ONLY_CHANGED", "true")],
        &env,
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    let errors = annotations(&run.stdout, "error");
    assert_eq!(errors.len(), 1, "{}", run.stdout);
    assert!(
        errors[0].starts_with("::error file=docs/new page.md,line=3,"),
        "{}",
        errors[0]
    );
    assert!(run.summary.contains("Checked 1 file: 1 error in 1 file."));

    // Outside `paths`, nothing changed: nothing to check.
    let run = run_action(
        repo.path(),
        &release.server.base_url(),
        &[("PATHS", "other"), ("ONLY_CHANGED", "true")],
        &env,
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.summary.contains("touches no Markdown file under other"),
        "{}",
        run.summary
    );
}

/// Lines `    <target>) echo <asset> ;;` of run.sh's `asset_for`.
fn script_assets() -> Vec<(String, String)> {
    let script = std::fs::read_to_string(root().join(".github/action/run.sh")).expect("run.sh");
    let body = script
        .split("asset_for() {")
        .nth(1)
        .and_then(|rest| rest.split("\n}").next())
        .expect("asset_for in run.sh");
    body.lines()
        .filter_map(|line| {
            let (target, rest) = line.trim().split_once(") echo ")?;
            let asset = rest.strip_suffix(" ;;")?;
            (!target.starts_with('*')).then(|| (target.to_string(), asset.to_string()))
        })
        .collect()
}

#[test]
fn action_script_and_release_workflow_agree_on_artifact_names() {
    let release: Value = yaml_serde::from_str(
        &std::fs::read_to_string(root().join(".github/workflows/release.yml"))
            .expect("release.yml"),
    )
    .expect("release.yml is YAML");
    let include = release["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_array()
        .expect("matrix include");
    let built: BTreeSet<(String, String)> = include
        .iter()
        .map(|row| {
            let target = row["target"].as_str().expect("target").to_string();
            let asset = row["asset"].as_str().expect("asset").to_string();
            // The packing script names the asset after the target.
            let ext = if target.contains("windows") {
                "zip"
            } else {
                "tar.gz"
            };
            assert_eq!(asset, format!("caselint-{target}.{ext}"));
            (target, asset)
        })
        .collect();
    let downloaded: BTreeSet<(String, String)> = script_assets().into_iter().collect();
    assert_eq!(built, downloaded);
    assert_eq!(built.len(), 5);

    // Every target the script picks for a runner has an asset.
    let script = std::fs::read_to_string(root().join(".github/action/run.sh")).expect("run.sh");
    let picked: Vec<&str> = script
        .lines()
        .filter_map(|l| {
            l.trim()
                .split_once(") echo ")
                .map(|(_, t)| t.trim_end_matches(" ;;"))
        })
        .filter(|t| !t.starts_with("caselint-") && !t.starts_with('"'))
        .collect();
    assert!(!picked.is_empty());
    for target in picked {
        assert!(
            built.iter().any(|(t, _)| t == target),
            "{target} has no release asset"
        );
    }

    // The checksums file has one name everywhere.
    assert!(script.contains("CHECKSUMS=sha256sums.txt"));
    let workflow =
        std::fs::read_to_string(root().join(".github/workflows/release.yml")).expect("read");
    assert!(workflow.contains("dist/sha256sums.txt"));
    let package = std::fs::read_to_string(root().join(".github/action/package.sh")).expect("read");
    assert!(package.contains("> sha256sums.txt"));
}

#[test]
fn action_yml_passes_every_input_to_the_script() {
    let action: Value = yaml_serde::from_str(
        &std::fs::read_to_string(root().join("action.yml")).expect("action.yml"),
    )
    .expect("YAML");
    assert_eq!(action["runs"]["using"], "composite");
    let inputs: BTreeSet<String> = action["inputs"]
        .as_object()
        .expect("inputs")
        .keys()
        .cloned()
        .collect();
    for required in [
        "paths",
        "config",
        "format",
        "fail-on",
        "only-changed",
        "version",
        "sarif-file",
    ] {
        assert!(inputs.contains(required), "input {required} missing");
    }
    let steps = action["runs"]["steps"].as_array().expect("steps");
    let run_step = steps.iter().find(|s| s["id"] == "run").expect("run step");
    assert!(
        run_step["run"]
            .as_str()
            .expect("run")
            .contains(".github/action/run.sh")
    );
    let env = run_step["env"].as_object().expect("env");
    for input in &inputs {
        let name = format!("INPUT_{}", input.to_uppercase().replace('-', "_"));
        assert_eq!(
            env.get(&name).and_then(Value::as_str),
            Some(format!("${{{{ inputs.{input} }}}}").as_str()),
            "{name}"
        );
    }
    // The script reads each of them.
    let script = std::fs::read_to_string(root().join(".github/action/run.sh")).expect("run.sh");
    for input in &inputs {
        assert!(
            script.contains(&format!("input {input}")),
            "run.sh never reads {input}"
        );
    }
    // The cache step is keyed by version and platform.
    let cache = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache@"))
        })
        .expect("cache step");
    let key = cache["with"]["key"].as_str().expect("key");
    assert!(
        key.contains("steps.resolve.outputs.version")
            && key.contains("steps.resolve.outputs.target")
    );
}

#[test]
fn pre_commit_hooks_are_well_formed() {
    let hooks: Value = yaml_serde::from_str(
        &std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).expect("hooks"),
    )
    .expect("YAML");
    let hooks = hooks.as_array().expect("a list");
    let main = hooks
        .iter()
        .find(|h| h["id"] == "caselint")
        .expect("caselint hook");
    assert_eq!(main["entry"], "caselint check");
    assert_eq!(main["language"], "rust");
    assert!(
        main["types_or"]
            .as_array()
            .is_some_and(|t| t.iter().any(|x| x == "markdown"))
    );
    assert!(
        hooks
            .iter()
            .all(|h| h["name"].is_string() && h["entry"].is_string())
    );
}
