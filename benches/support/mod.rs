//! What the benches share: the corpus's Markdown files and a child's peak memory. Each
//! bench uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Every `.md` file under `dir`, sorted, so that runs read the same files in one order.
pub fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The bytes of every `.md` file under `dir`.
pub fn markdown_bytes(dir: &Path) -> u64 {
    markdown_files(dir)
        .iter()
        .filter_map(|path| std::fs::metadata(path).ok())
        .map(|meta| meta.len())
        .sum()
}

/// Max RSS in KiB of `binary args path` via GNU time, when installed (`apt-get install time`).
pub fn peak_rss_kib(binary: &str, args: &[&str], path: &Path) -> Option<u64> {
    let output = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(binary)
        .args(args)
        .arg(path)
        .output()
        .ok()?;
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|v| v.trim().parse().ok())
}

/// The sample public case study with its body repeated until it is `bytes` long: a long,
/// realistic document (many numbers, tables, product names). Returns its path and text.
pub fn grown_case_study(bytes: usize) -> (PathBuf, String) {
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/case-studies/acme-dental-public.md");
    let text = std::fs::read_to_string(&sample).expect("sample case study");
    let body_start = text[3..].find("\n---\n").map_or(0, |i| i + 3 + 5);
    let (front, body) = text.split_at(body_start);
    let mut doc = front.to_string();
    while doc.len() < bytes {
        doc.push_str(body);
    }
    (sample, doc)
}
