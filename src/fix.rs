//! TEMPORARY stub with the agreed API, replaced on merge.
use std::path::Path;

use crate::diagnostic::{Applicability, Diagnostic};

pub struct FixOutcome {
    pub fixed: String,
    pub applied: usize,
    pub skipped_overlapping: usize,
}
pub fn apply_fixes(source: &str, diagnostics: &[Diagnostic], include_unsafe: bool) -> FixOutcome {
    let mut fixes: Vec<_> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref().map(|f| (d.span.clone(), f)))
        .filter(|(_, f)| include_unsafe || f.applicability == Applicability::Safe)
        .collect();
    fixes.sort_by_key(|(s, _)| s.start);
    let mut out = String::new();
    let mut at = 0;
    let mut applied = 0;
    for (span, fix) in fixes {
        if span.start < at {
            continue;
        }
        out.push_str(&source[at..span.start]);
        out.push_str(&fix.replacement);
        at = span.end;
        applied += 1;
    }
    out.push_str(&source[at..]);
    FixOutcome { fixed: out, applied, skipped_overlapping: 0 }
}
#[derive(Debug, thiserror::Error)]
#[error("cannot write {0}")]
pub struct FixError(String);
pub fn write_atomic(path: &Path, contents: &str) -> Result<(), FixError> {
    std::fs::write(path, contents).map_err(|e| FixError(e.to_string()))
}
pub fn unified_diff(path: &Path, old: &str, new: &str, _color: bool) -> String {
    if old == new { String::new() } else { format!("--- a/{0}\n+++ b/{0}\n", path.display()) }
}
