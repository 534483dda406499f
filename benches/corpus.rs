//! Speed of `caselint check` on real documentation: ../shared/corpus (AWS guides, 17.5 MB).
//! `cargo bench --bench corpus` prints throughput and peak memory, and times a names-only
//! check (every rule but the product-name ones off) side by side with `cat` reading the same
//! files, runs interleaved, so the ratio compares like with like. It asserts nothing, so the
//! numbers are read by people, never by CI. `CASELINT_CORPUS` points elsewhere.

mod support;

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

fn main() {
    let corpus = std::env::var_os("CASELINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    if !corpus.is_dir() {
        eprintln!(
            "corpus not found at {}: set CASELINT_CORPUS",
            corpus.display()
        );
        return;
    }
    let bytes = support::markdown_bytes(&corpus);
    let binary = env!("CARGO_BIN_EXE_caselint");
    names_only_against_cat(binary, &corpus);
    let runs = 7;
    let mut times = Vec::new();
    let mut findings = String::new();
    for _ in 0..runs {
        let start = Instant::now();
        let output = Command::new(binary)
            .args(["check", "--no-config", "--format", "json"])
            .arg(&corpus)
            .output()
            .expect("caselint runs");
        times.push(start.elapsed());
        findings = String::from_utf8_lossy(&output.stdout).into_owned();
    }
    times.sort();
    let median = times[runs / 2];
    let best = times[0];
    println!(
        "corpus: {} ({:.1} MB)\nbinary wall time over {runs} runs: best {:.3} s, median {:.3} s ({:.0} MB/s median)",
        corpus.display(),
        bytes as f64 / 1e6,
        best.as_secs_f64(),
        median.as_secs_f64(),
        bytes as f64 / 1e6 / median.as_secs_f64().max(1e-9),
    );
    if let Some(peak) = support::peak_rss_kib(
        binary,
        &["check", "--no-config", "--format", "json"],
        &corpus,
    ) {
        println!(
            "peak memory (max RSS of one run): {:.1} MiB",
            peak as f64 / 1024.0
        );
    }
    print_rule_counts(&findings);
}

/// The product-name rules alone, against `cat` over the same Markdown files.
const NAMES_ONLY: &str = "[rules]\n\"DOC-003/spelling\" = \"off\"\n\"DOC-003/grammar\" = \"off\"\n\
\"DOC-003/first-mention\" = \"off\"\n\"DOC-003/bare-name\" = \"off\"\n";

fn names_only_against_cat(binary: &str, corpus: &std::path::Path) {
    let config = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("names-only.toml");
    if let Err(err) = std::fs::write(&config, NAMES_ONLY) {
        eprintln!("cannot write {}: {err}", config.display());
        return;
    }
    let files = support::markdown_files(corpus);
    let runs = 9;
    let (mut cat, mut names) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let start = Instant::now();
        let status = Command::new("cat")
            .args(&files)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("cat runs");
        cat.push(start.elapsed());
        assert!(status.success(), "cat failed");
        let start = Instant::now();
        Command::new(binary)
            .args([
                "check",
                "--format",
                "json",
                "--fail-on",
                "never",
                "--config",
            ])
            .arg(&config)
            .arg(corpus)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("caselint runs");
        names.push(start.elapsed());
    }
    cat.sort();
    names.sort();
    let (cat, names) = (cat[runs / 2], names[runs / 2]);
    println!(
        "names-only check vs cat over {} files, {runs} interleaved runs: cat median {:.3} s, \
names-only median {:.3} s: {:.1}x cat",
        files.len(),
        cat.as_secs_f64(),
        names.as_secs_f64(),
        names.as_secs_f64() / cat.as_secs_f64().max(1e-9),
    );
}

fn print_rule_counts(json: &str) {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for part in json.split("\"rule\":").skip(1) {
        let rule = part.trim_start().trim_start_matches('"');
        let rule = rule.split('"').next().unwrap_or_default();
        *counts.entry(rule.to_string()).or_default() += 1;
    }
    println!("findings per rule: {counts:?}");
}
