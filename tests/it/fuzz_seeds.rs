//! The fuzz targets' bodies (fuzz/src/lib.rs) over their seed corpora (fuzz/corpus/), the
//! samples and the test fixtures, as plain tests: the fuzz targets stay built and their
//! seeds stay free of findings without a nightly toolchain. Fuzzing itself: README.

#[path = "../../fuzz/src/lib.rs"]
mod bodies;

use std::path::{Path, PathBuf};

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The target's own seeds, then every sample and fixture whose name ends in one of `endings`.
fn seeds(target: &str, endings: &[&str]) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut own = Vec::new();
    files_under(&root.join("fuzz/corpus").join(target), &mut own);
    assert!(!own.is_empty(), "no seeds in fuzz/corpus/{target}");
    let mut more = Vec::new();
    files_under(&root.join("samples"), &mut more);
    files_under(&root.join("tests/fixtures"), &mut more);
    more.retain(|path| {
        let name = path.to_string_lossy();
        endings.iter().any(|ending| name.ends_with(ending))
    });
    own.extend(more);
    own.sort();
    own
}

fn run(target: &str, endings: &[&str], body: fn(&[u8])) {
    let files = seeds(target, endings);
    for file in &files {
        let data = std::fs::read(file).expect("seed readable");
        let outcome = std::panic::catch_unwind(|| body(&data));
        assert!(outcome.is_ok(), "{target} failed on {}", file.display());
        // Cut short, the same input ends in the middle of a construct.
        for cut in [data.len() / 3, data.len() / 2] {
            let outcome = std::panic::catch_unwind(|| body(&data[..cut]));
            assert!(
                outcome.is_ok(),
                "{target} failed on {} cut at {cut}",
                file.display()
            );
        }
    }
}

#[test]
fn parse_document() {
    run("parse_document", &[".md"], bodies::parse_document);
}

#[test]
fn check_and_fix() {
    run("check_and_fix", &[".md"], bodies::check_and_fix);
}

#[test]
fn name_matcher() {
    run("name_matcher", &[".md"], bodies::name_matcher);
}

#[test]
fn html_extract() {
    run("html_extract", &[".html", ".htm"], bodies::html_extract);
}

#[test]
fn front_matter() {
    run(
        "front_matter",
        &[".toml", ".yaml", ".yml"],
        bodies::front_matter,
    );
}
