//! Baselines: adopt caselint on a repository that already has findings, and fail only on
//! new ones.
//!
//! `caselint check --write-baseline FILE` records every finding of the run; `--baseline
//! FILE` then reports only findings the file does not record. A finding is matched by its
//! rule, its file (relative to the baseline file's folder, so the run's working folder
//! does not matter) and a hash of the flagged text and the content of its line(s), never
//! by line number: a finding survives lines moving above it, and editing the flagged line
//! makes it new. Identical findings are counted: a baseline with two `Cloudwatch` on
//! identical lines hides two, and a third is new. Rewriting the baseline drops the fixed
//! ones, because it records only what the run found.
//!
//! Files that could not be read (rule `io`) are never recorded nor hidden: a baseline must
//! not silence a broken checkout.
//!
//! The file is JSON, versioned, sorted (path, rule, line, hash) so that its diffs review
//! well, and ends with a newline:
//!
//! ```json
//! { "version": 1,
//!   "tool": "caselint",
//!   "findings": [
//!     { "path": "docs/a.md", "rule": "DOC-003/product-name", "hash": "9f1c0e2b7a4d5c63",
//!       "line": 17, "message": "`Cloudwatch` is not the product's name: …" } ] }
//! ```
//!
//! `line` and `message` are for people reading the file; matching ignores them.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, FileReport, file_rules};
use crate::lines::LineIndex;
use crate::report::{Position, display_path};

/// The version of the baseline file format. Bump only for a change old readers misread.
pub const VERSION: u32 = 1;

/// The recorded findings of one run.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    #[serde(default = "tool_name")]
    pub tool: String,
    pub findings: Vec<Entry>,
}

fn tool_name() -> String {
    "caselint".to_string()
}

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    /// Relative to the baseline file's folder, `/`-separated.
    pub path: String,
    pub rule: String,
    /// [`finding_hash`], 16 lower-case hex digits.
    pub hash: String,
    /// Where it was when recorded (informational).
    #[serde(default)]
    pub line: usize,
    /// What it said when recorded (informational).
    #[serde(default)]
    pub message: String,
}

/// Why a baseline could not be read or written. Messages name the file and what to do.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error(
        "cannot read the baseline {path}: {source}. Create it with `caselint check --write-baseline {path}`, or check the path"
    )]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "{path} is not a caselint baseline ({source}). Recreate it with `caselint check --write-baseline {path}`"
    )]
    Malformed {
        path: String,
        source: serde_json::Error,
    },
    #[error(
        "{path} is a version {found} baseline; this caselint reads version {VERSION}. Recreate it with `caselint check --write-baseline {path}`"
    )]
    Version { path: String, found: u32 },
    #[error(
        "cannot write the baseline {path}: {source}. Check that its folder exists and is writable"
    )]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// 64-bit FNV-1a (offset basis 0xcbf29ce484222325, prime 0x100000001b3), as specified at
/// <http://www.isthe.com/chongo/tech/comp/fnv/>. Chosen over std's `DefaultHasher`,
/// whose output may change between Rust releases: a baseline must match across versions.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The identity of a finding inside its file, independent of where the file's lines are:
/// FNV-1a over the flagged text, a separator, and the trimmed content of the line(s) the
/// finding spans. A finding that flags no text (an empty span, such as a missing section
/// anchored at the start of the body) is identified by its message instead, which names
/// what is missing; otherwise the first line of the body would be its only identity.
pub fn finding_hash(diagnostic: &Diagnostic, source: &str) -> String {
    let index = LineIndex::new(source);
    let position = Position::of(diagnostic, source, &index);
    let flagged = source.get(position.bytes.clone()).unwrap_or_default();
    let first = index.line_range(source, position.start.0).start;
    let last = index.line_range(source, position.end.0).end;
    let lines = source.get(first..last.max(first)).unwrap_or_default();
    let lines: Vec<&str> = lines.lines().map(str::trim).collect();
    let mut key = String::new();
    if flagged.is_empty() {
        key.push_str("message\u{1f}");
        key.push_str(&diagnostic.message);
    } else {
        key.push_str(flagged);
    }
    key.push('\u{1f}');
    key.push_str(&lines.join("\n"));
    format!("{:016x}", fnv1a64(key.as_bytes()))
}

/// The key matching uses.
type Key = (String, String, String);

impl Baseline {
    /// Records every finding in `reports` (except `io`), with paths relative to `base`
    /// (the baseline file's folder).
    pub fn from_reports(reports: &[FileReport], base: &Path) -> Baseline {
        let base = absolute(base);
        let mut findings = Vec::new();
        for report in reports {
            let path = relative_path(&report.path, &base);
            let index = LineIndex::new(&report.source);
            for diagnostic in &report.diagnostics {
                if diagnostic.rule == file_rules::IO {
                    continue;
                }
                let position = Position::of(diagnostic, &report.source, &index);
                findings.push(Entry {
                    path: path.clone(),
                    rule: diagnostic.rule.clone(),
                    hash: finding_hash(diagnostic, &report.source),
                    line: position.start.0,
                    message: diagnostic.message.clone(),
                });
            }
        }
        findings.sort();
        Baseline {
            version: VERSION,
            tool: tool_name(),
            findings,
        }
    }

    /// Reads a baseline file. A missing, unreadable or malformed file is an error: a
    /// silently empty baseline would flood the run with "new" findings.
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let shown = display_path(path);
        let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Read {
            path: shown.clone(),
            source,
        })?;
        // Read the version first, so a future format gets a version message rather than
        // a confusing field error.
        let probe: serde_json::Value =
            serde_json::from_str(&text).map_err(|source| BaselineError::Malformed {
                path: shown.clone(),
                source,
            })?;
        if let Some(found) = probe.get("version").and_then(serde_json::Value::as_u64)
            && found != u64::from(VERSION)
        {
            return Err(BaselineError::Version {
                path: shown,
                found: u32::try_from(found).unwrap_or(u32::MAX),
            });
        }
        serde_json::from_value(probe).map_err(|source| BaselineError::Malformed {
            path: shown,
            source,
        })
    }

    /// The file's text: pretty JSON ending with a newline.
    pub fn to_json(&self) -> String {
        // Serialising plain strings and numbers cannot fail.
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Writes the baseline atomically (a temporary file renamed over `path`).
    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        crate::fix::write_atomic(path, &self.to_json()).map_err(|err| BaselineError::Write {
            path: display_path(path),
            source: std::io::Error::other(err.to_string()),
        })
    }

    /// Removes from `reports` every finding the baseline records (each recorded finding
    /// hides at most one), with paths taken relative to `base` (the baseline file's
    /// folder). Returns how many were removed.
    pub fn filter(&self, reports: &mut [FileReport], base: &Path) -> usize {
        let base = absolute(base);
        let mut remaining: HashMap<Key, usize> = HashMap::new();
        for entry in &self.findings {
            *remaining
                .entry((entry.path.clone(), entry.rule.clone(), entry.hash.clone()))
                .or_default() += 1;
        }
        let mut removed = 0;
        for report in reports.iter_mut() {
            let path = relative_path(&report.path, &base);
            let source = &report.source;
            report.diagnostics.retain(|diagnostic| {
                if diagnostic.rule == file_rules::IO {
                    return true;
                }
                let key = (
                    path.clone(),
                    diagnostic.rule.clone(),
                    finding_hash(diagnostic, source),
                );
                match remaining.get_mut(&key) {
                    Some(count) if *count > 0 => {
                        *count -= 1;
                        removed += 1;
                        false
                    }
                    _ => true,
                }
            });
        }
        removed
    }
}

/// The folder paths in a baseline are relative to: the baseline file's folder.
pub fn base_dir(baseline_file: &Path) -> PathBuf {
    match baseline_file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `path` made absolute (against the working folder) and resolved through symbolic links
/// when it exists, else cleaned lexically (`a/./b/../c` → `a/c`).
fn absolute(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut clean = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    clean
}

/// A report's path as the baseline records it: relative to `base` when inside it, else
/// absolute; `/`-separated either way.
fn relative_path(path: &Path, base: &Path) -> String {
    let full = absolute(path);
    match full.strip_prefix(base) {
        Ok(inside) => display_path(inside),
        Err(_) => display_path(&full),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn at(source: &str, needle: &str, rule: &str) -> Diagnostic {
        let start = source.find(needle).expect("needle");
        Diagnostic::new(rule, Severity::Error, start..start + needle.len(), "m")
    }

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        // From the FNV reference test suite (64-bit FNV-1a).
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn hash_ignores_where_the_line_is_but_not_what_it_says() {
        let before = "# T\n\nLogs go to Cloudwatch.\n";
        let moved = "# T\n\nA new paragraph.\n\n  Logs go to Cloudwatch.\n";
        let edited = "# T\n\nLogs now go to Cloudwatch.\n";
        let h = |s: &str| finding_hash(&at(s, "Cloudwatch", "R"), s);
        assert_eq!(h(before), h(moved));
        assert_ne!(h(before), h(edited));
        assert_eq!(h(before).len(), 16);
        // CRLF files hash like LF files.
        assert_eq!(h(before), h(&before.replace('\n', "\r\n")));
    }

    #[test]
    fn empty_spans_are_told_apart_by_message() {
        let source = "# T\n\nbody\n";
        let a = Diagnostic::new("R", Severity::Error, 5..5, "no section answers UCR-001");
        let b = Diagnostic::new("R", Severity::Error, 5..5, "no section answers UCR-002");
        assert_ne!(finding_hash(&a, source), finding_hash(&b, source));
    }

    #[test]
    fn filter_counts_duplicates_and_keeps_io() {
        let source = "Cloudwatch\nCloudwatch\nCloudwatch\n";
        let d = |n: usize| {
            let start = n * 11;
            Diagnostic::new("R", Severity::Error, start..start + 10, "m")
        };
        let report = |diagnostics| FileReport {
            path: PathBuf::from("t.md"),
            source: source.into(),
            diagnostics,
        };
        let base = Path::new(".");
        let baseline = Baseline::from_reports(&[report(vec![d(0), d(1)])], base);
        assert_eq!(baseline.findings.len(), 2);
        let io = Diagnostic::new(file_rules::IO, Severity::Error, 0..0, "gone");
        let mut reports = [report(vec![d(0), d(1), d(2), io])];
        assert_eq!(baseline.filter(&mut reports, base), 2);
        let left: Vec<&str> = reports[0]
            .diagnostics
            .iter()
            .map(|d| d.rule.as_str())
            .collect();
        assert_eq!(left, ["R", "io"]);
    }

    #[test]
    fn paths_are_relative_to_the_baseline_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let docs = dir.path().join("docs");
        std::fs::create_dir(&docs).expect("mkdir");
        std::fs::write(docs.join("a.md"), "x").expect("write");
        assert_eq!(
            relative_path(&docs.join("a.md"), &absolute(dir.path())),
            "docs/a.md"
        );
        assert_eq!(
            relative_path(&docs.join("./b/../a.md"), &absolute(dir.path())),
            "docs/a.md"
        );
        assert_eq!(base_dir(Path::new("baseline.json")), PathBuf::from("."));
    }

    #[test]
    fn round_trip_and_errors() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("b.json");
        let baseline = Baseline {
            version: VERSION,
            tool: "caselint".into(),
            findings: vec![Entry {
                path: "a.md".into(),
                rule: "R".into(),
                hash: "00".into(),
                line: 3,
                message: "m".into(),
            }],
        };
        baseline.write(&file).expect("write");
        assert_eq!(Baseline::load(&file).expect("load"), baseline);
        assert!(
            std::fs::read_to_string(&file)
                .expect("read")
                .ends_with("}\n")
        );

        let missing = Baseline::load(&dir.path().join("nope.json")).expect_err("missing");
        assert!(
            missing.to_string().contains("--write-baseline"),
            "{missing}"
        );
        std::fs::write(&file, "{ not json").expect("write");
        let malformed = Baseline::load(&file).expect_err("malformed");
        assert!(malformed.to_string().contains("is not a caselint baseline"));
        std::fs::write(&file, r#"{"version": 9, "findings": []}"#).expect("write");
        let version = Baseline::load(&file).expect_err("version");
        assert!(version.to_string().contains("version 9"), "{version}");
        std::fs::write(&file, r#"{"version": 1, "findings": [{"path": 1}]}"#).expect("write");
        assert!(matches!(
            Baseline::load(&file),
            Err(BaselineError::Malformed { .. })
        ));
    }
}
