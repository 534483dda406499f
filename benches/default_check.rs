//! Speed of the default check (names + spelling + grammar) beside typos, and what a writer
//! waits for when checking one case study. `cargo bench --bench default_check` prints
//! numbers and asserts nothing.
//!
//! - the default check: `caselint check --no-config` over ../shared/corpus (or
//!   `CASELINT_CORPUS`), runs alternating with `typos` on the same folder (`TYPOS` names
//!   the binary, else it is looked up on PATH; skipped when absent), median wall time,
//!   and caselint's peak memory (GNU time);
//! - one case study: the whole cold process on a 55 KB case study built from the bundled
//!   sample (median of several runs), and its peak memory.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 7;

fn main() {
    let binary = env!("CARGO_BIN_EXE_caselint");
    let corpus = std::env::var_os("CASELINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    if corpus.is_dir() {
        default_check(binary, &corpus);
    } else {
        eprintln!(
            "corpus not found at {}: set CASELINT_CORPUS",
            corpus.display()
        );
    }
    one_case_study(binary);
}

fn default_check(binary: &str, corpus: &Path) {
    let mb = support::markdown_bytes(corpus) as f64 / 1e6;
    let typos = std::env::var_os("TYPOS")
        .map(PathBuf::from)
        .or_else(|| which("typos"));
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for _ in 0..RUNS {
        ours.push(timed(
            Command::new(binary)
                .args(["check", "--no-config", "--format", "json"])
                .arg(corpus),
        ));
        if let Some(typos) = &typos {
            theirs.push(timed(
                Command::new(typos).args(["--format", "brief"]).arg(corpus),
            ));
        }
    }
    let ours = median(&mut ours);
    println!(
        "default check (names + spelling + grammar), {:.1} MB: median {:.3} s = {:.0} MB/s",
        mb,
        ours.as_secs_f64(),
        mb / ours.as_secs_f64().max(1e-9)
    );
    if let Some(typos) = &typos {
        let theirs = median(&mut theirs);
        println!(
            "typos ({}) on the same folder: median {:.3} s = {:.0} MB/s; caselint is {:.2}x typos' speed",
            typos.display(),
            theirs.as_secs_f64(),
            mb / theirs.as_secs_f64().max(1e-9),
            theirs.as_secs_f64() / ours.as_secs_f64().max(1e-9)
        );
    } else {
        println!("typos not found (set TYPOS or put it on PATH): no side-by-side number");
    }
    if let Some(peak) = support::peak_rss_kib(
        binary,
        &["check", "--no-config", "--format", "json"],
        corpus,
    ) {
        println!("default check peak memory: {:.1} MiB", peak as f64 / 1024.0);
    }
}

fn one_case_study(binary: &str) {
    let dir = std::env::temp_dir().join(format!("caselint-bench-{}", std::process::id()));
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let file = dir.join("case-study.md");
    if std::fs::write(&file, case_study(55_000)).is_err() {
        return;
    }
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            timed(
                Command::new(binary)
                    .args(["check", "--no-config", "--format", "json"])
                    .arg(&file),
            )
        })
        .collect();
    let cold = median(&mut times);
    println!(
        "one 55 KB case study, whole cold process: median {:.0} ms",
        cold.as_secs_f64() * 1e3
    );
    if let Some(peak) =
        support::peak_rss_kib(binary, &["check", "--no-config", "--format", "json"], &file)
    {
        println!("  peak memory: {:.1} MiB", peak as f64 / 1024.0);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A case study of about `size` bytes: the bundled sample's front matter, then its body
/// repeated.
fn case_study(size: usize) -> String {
    let sample = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/case-studies/acme-dental-public.md"),
    )
    .unwrap_or_default();
    let (head, body) = match sample.strip_prefix("---") {
        Some(rest) => match rest.find("\n---") {
            Some(end) => (
                format!("---{}\n---\n", &rest[..end]),
                rest[end + 4..].to_string(),
            ),
            None => (String::new(), sample.clone()),
        },
        None => (String::new(), sample.clone()),
    };
    let mut text = head;
    while text.len() < size && !body.trim().is_empty() {
        text.push_str(&body);
    }
    text
}

fn timed(command: &mut Command) -> Duration {
    let start = Instant::now();
    let _ = command.output();
    start.elapsed()
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|path| path.is_file())
    })
}
