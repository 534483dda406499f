//! Time per MB must not grow with the file: `cargo bench --bench size` builds Markdown
//! files of 1, 10 and 50 MB from ../shared/corpus text (and one 5 MB paragraph on a single
//! line), checks each with the release binary and prints seconds per MB. Flat means
//! within 20 % of the 1 MB figure. It prints, never asserts: speed is read by people.
//! `CASELINT_CORPUS` points at other Markdown; `CASELINT_BIN` at another binary.

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const MB: usize = 1024 * 1024;

fn main() {
    let corpus = std::env::var_os("CASELINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let text = corpus_text(&corpus);
    if text.is_empty() {
        eprintln!(
            "no Markdown found at {}: set CASELINT_CORPUS",
            corpus.display()
        );
        return;
    }
    let binary = std::env::var("CASELINT_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_caselint").to_string());
    let dir = tempfile::tempdir().expect("temporary folder");
    // The default size limit (10 MB) would refuse the big files.
    std::fs::write(
        dir.path().join("caselint.toml"),
        "[files]\nmax_file_size = 1073741824\n",
    )
    .expect("config");

    let mut cases = Vec::new();
    for size in [1, 10, 50] {
        cases.push((format!("{size} MB document"), sized(&text, size * MB)));
    }
    // One paragraph: every finding's column is on the same 5 MB line.
    let paragraph = sized(&text, 5 * MB)
        .lines()
        .filter(|line| !line.starts_with(['#', '`', '|', '-', '<', '*']) && !line.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    cases.push(("5 MB single-line paragraph".to_string(), paragraph));

    let mut first_rate = None;
    for (name, contents) in &cases {
        let path = dir.path().join("big.md");
        std::fs::File::create(&path)
            .and_then(|mut file| file.write_all(contents.as_bytes()))
            .expect("write the document");
        let megabytes = contents.len() as f64 / MB as f64;
        let seconds = best_of(3, || run(&binary, dir.path(), &path));
        let per_mb = seconds / megabytes;
        let relative = match (name.ends_with("document"), first_rate) {
            (true, None) => {
                first_rate = Some(per_mb);
                String::new()
            }
            (_, Some(first)) => format!(" ({:+.0} % against 1 MB)", (per_mb / first - 1.0) * 100.0),
            (false, None) => String::new(),
        };
        println!("{name:<28} {megabytes:>6.1} MB  {seconds:>7.2} s  {per_mb:.3} s/MB{relative}");
    }
}

fn best_of(runs: usize, mut time: impl FnMut() -> f64) -> f64 {
    (0..runs).map(|_| time()).fold(f64::INFINITY, f64::min)
}

fn run(binary: &str, dir: &Path, file: &Path) -> f64 {
    let start = Instant::now();
    let output = Command::new(binary)
        .current_dir(dir)
        .args(["check", "--format", "json", "--today", "2026-12-02"])
        .arg(file)
        .output()
        .expect("caselint runs");
    let seconds = start.elapsed().as_secs_f64();
    assert!(
        output.status.code().is_some_and(|code| code <= 1),
        "caselint failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    seconds
}

/// The corpus's Markdown, file after file in a stable order.
fn corpus_text(dir: &Path) -> String {
    let files = support::markdown_files(dir);
    let mut text = String::new();
    for file in files {
        if let Ok(contents) = std::fs::read_to_string(&file) {
            // Front matter in the middle of a file is only a thematic break and text.
            text.push_str(&contents);
            text.push_str("\n\n");
        }
    }
    text
}

/// `text` repeated and cut at a line end to about `bytes` bytes.
fn sized(text: &str, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + text.len().min(bytes));
    while out.len() < bytes {
        let room = bytes - out.len();
        let piece = if text.len() <= room {
            text
        } else {
            let cut = text[..room].rfind('\n').map_or(room, |i| i + 1);
            let cut = (0..=cut)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            if cut == 0 {
                break;
            }
            &text[..cut]
        };
        out.push_str(piece);
    }
    out
}
