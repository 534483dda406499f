//! Time for `caselint readiness` on a submission of 10 case studies (target: well under a
//! second), the whole process as a user runs it: start-up, checking every case study,
//! the portfolio rules and the JSON and HTML overviews. `cargo bench --bench readiness`;
//! prints, asserts nothing.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 7;

fn main() {
    let binary = env!("CARGO_BIN_EXE_caselint");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/submission/passing");
    let dir = tempfile::tempdir().expect("temp dir");
    // Ten distinct customers: the four fixture case studies, renamed and re-numbered.
    let mut count = 0;
    for round in 0..3 {
        for entry in std::fs::read_dir(&fixtures).expect("fixture folder") {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            if !name.ends_with(".md") {
                if round == 0 {
                    std::fs::copy(&path, dir.path().join(&name)).expect("copy asset");
                }
                continue;
            }
            if count == 10 {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("case study");
            let text = text
                .replace(
                    "ace_opportunity_id: O",
                    &format!("ace_opportunity_id: O{round}"),
                )
                .replace("aws_account_id: \"", &format!("aws_account_id: \"{round}"))
                .replacen("  name: ", &format!("  name: Round {round} "), 1);
            std::fs::write(dir.path().join(format!("{round}-{name}")), text).expect("write");
            count += 1;
        }
    }
    std::fs::write(
        dir.path().join("caselint.toml"),
        "[web]\nfetch = false\n[submission]\nsmb_customers = 240\nsoftware_path_stage = \"Validated\"\nftr_approved = 2025-03-14\n",
    )
    .expect("manifest");
    let html = dir.path().join("report.html");
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        let output = Command::new(binary)
            .current_dir(dir.path())
            .args([
                "readiness",
                "--today",
                "2026-02-01",
                "--format",
                "json",
                "--html",
            ])
            .arg(&html)
            .arg(".")
            .output()
            .expect("caselint runs");
        times.push(start.elapsed());
        assert!(output.status.code().is_some_and(|c| c <= 1), "{output:?}");
    }
    times.sort();
    println!(
        "readiness on {count} case studies (JSON + HTML): median {:.0} ms, best {:.0} ms over {RUNS} runs",
        times[RUNS / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3
    );
}
