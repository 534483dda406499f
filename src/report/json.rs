//! The JSON report: a contract other tools parse (DESIGN.md, "The JSON report"). Fields
//! may be added, never renamed or removed.
//!
//! ```json
//! { "version": 1,
//!   "files_checked": 12,
//!   "diagnostics": [
//!     { "path": "docs/acme.md", "rule": "DOC-003/product-name", "severity": "error",
//!       "message": "…", "line": 14, "column": 23, "end_line": 14, "end_column": 33,
//!       "byte_start": 812, "byte_end": 822,
//!       "fix": { "replacement": "Amazon CloudWatch", "applicability": "safe" },
//!       "suggestions": [ { "replacement": "Amazon CloudWatch" } ],
//!       "requirement": "DOC-003", "help": "…",
//!       "related": [ { "message": "…", "line": 40, "column": 1, "end_line": 40,
//!                      "end_column": 12, "byte_start": 2310, "byte_end": 2321 } ] } ],
//!   "summary": { "errors": 1, "warnings": 0, "files_with_findings": 1,
//!                "fixes_applied": 0, "fixable_remaining": 1 } }
//! ```
//!
//! - Files in the order given; within a file, diagnostics by position.
//! - `line`/`column` are 1-based, columns count characters (Unicode scalar values);
//!   `byte_*` are 0-based offsets into the file as read; `end_*` are exclusive.
//! - Positions are normalised against the file's text (see [`super::Position`]): a span
//!   cut inside a character is widened to the whole character, one running past the end
//!   is cut at the end. Slicing the file with `byte_start..byte_end` is always valid.
//! - A diagnostic that points at no text (a file that could not be read: rule `io`, or a
//!   span starting past the end of the file) has `line` 1, `column` 1, `end_line` 1,
//!   `end_column` 1, `byte_start` 0, `byte_end` 0: integers, as the contract promises,
//!   never `null`.
//! - `fix` is `null` when there is none; `help` is `null` when there is none.
//! - `related` (an addition): other places in the same file the finding is about, such
//!   as where the evidence a section lacks is told instead; left out when there are none.
//! - `path` is the path as given, with `/` separators on every platform.
//! - Additions to the contract's `summary`: `fixes_applied`, `fixable_remaining`,
//!   `baselined` (findings hidden by a baseline; present only when it hid some).
//! - Output is pretty-printed (two-space indent), ending with a newline; strings are
//!   escaped by serde_json, so any message yields valid JSON.

use std::io;

use serde::Serialize;

use super::{Position, Summary, display_path, sorted};
use crate::diagnostic::{FileReport, Fix};
use crate::lines::LineIndex;

/// The version of the JSON contract. Bump only for a change that breaks readers.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    files_checked: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    #[serde(flatten)]
    at: JsonSpan,
    fix: Option<&'a Fix>,
    suggestions: Vec<Suggestion<'a>>,
    requirement: &'a str,
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    message: &'a str,
    #[serde(flatten)]
    at: JsonSpan,
}

/// Where a finding or a related place is, in the contract's terms.
#[derive(Serialize)]
struct JsonSpan {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
}

impl From<Position> for JsonSpan {
    fn from(position: Position) -> JsonSpan {
        JsonSpan {
            line: position.start.0,
            column: position.start.1,
            end_line: position.end.0,
            end_column: position.end.1,
            byte_start: position.bytes.start,
            byte_end: position.bytes.end,
        }
    }
}

#[derive(Serialize)]
struct Suggestion<'a> {
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    warnings: usize,
    files_with_findings: usize,
    fixes_applied: usize,
    fixable_remaining: usize,
    /// Findings the baseline hid; left out when none were, so reports of runs without a
    /// baseline keep their exact shape.
    #[serde(skip_serializing_if = "is_zero")]
    baselined: usize,
}

fn is_zero(count: &usize) -> bool {
    *count == 0
}

pub(super) fn render(
    reports: &[FileReport],
    summary: &Summary,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let paths: Vec<String> = reports.iter().map(|r| display_path(&r.path)).collect();
    let report = build(reports, &paths, summary);
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)?;
    out.flush()
}

/// The report as a value; `paths` are the reports' display paths, in the same order.
fn build<'a>(reports: &'a [FileReport], paths: &'a [String], summary: &Summary) -> Report<'a> {
    let mut diagnostics = Vec::new();
    for (report, path) in reports.iter().zip(paths) {
        let index = LineIndex::new(&report.source);
        for diagnostic in sorted(report) {
            let position = Position::of(diagnostic, &report.source, &index);
            diagnostics.push(JsonDiagnostic {
                path,
                rule: &diagnostic.rule,
                severity: diagnostic.severity.as_str(),
                message: &diagnostic.message,
                at: position.into(),
                fix: diagnostic.fix.as_ref(),
                suggestions: diagnostic
                    .suggestions
                    .iter()
                    .map(|replacement| Suggestion { replacement })
                    .collect(),
                requirement: &diagnostic.requirement,
                help: diagnostic.help.as_deref(),
                related: diagnostic
                    .related
                    .iter()
                    .map(|related| JsonRelated {
                        message: &related.message,
                        at: Position::of_span(&related.span, &report.source, &index).into(),
                    })
                    .collect(),
            });
        }
    }
    Report {
        version: VERSION,
        files_checked: summary.files_checked,
        diagnostics,
        summary: JsonSummary {
            errors: summary.errors,
            warnings: summary.warnings,
            files_with_findings: summary.files_with_findings,
            fixes_applied: summary.fixes_applied,
            fixable_remaining: summary.fixable_remaining,
            baselined: summary.baselined,
        },
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use serde_json::Value;

    use super::*;
    use crate::diagnostic::{Applicability, Diagnostic, Severity};
    use crate::report::{Format, RenderOptions, render as render_report};

    fn json(reports: &[FileReport], files_checked: usize) -> Value {
        let summary = Summary::from_reports(reports, files_checked);
        let mut out = Vec::new();
        render_report(
            Format::Json,
            reports,
            &summary,
            &RenderOptions::default(),
            &mut out,
        )
        .expect("render");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(text.ends_with("}\n"));
        serde_json::from_str(&text).expect("valid JSON")
    }

    #[test]
    fn small_report() {
        let source = "# Acme\n\nZürich café: logs go to Cloudwatch.\n";
        let start = source.find("Cloudwatch").expect("needle");
        let diagnostic = Diagnostic::new(
            "DOC-003/product-name",
            Severity::Error,
            start..start + "Cloudwatch".len(),
            "`Cloudwatch` is not the product's name: write `Amazon CloudWatch`",
        )
        .with_fix("Amazon CloudWatch", Applicability::Safe)
        .with_help("Use the product's name as AWS writes it.");
        let unreadable =
            Diagnostic::new("io", Severity::Error, 0..0, "This file could not be read.");
        let reports = [
            FileReport {
                path: PathBuf::from("docs/acme.md"),
                source: source.to_string(),
                diagnostics: vec![diagnostic],
            },
            FileReport {
                path: PathBuf::from("docs/locked.md"),
                source: String::new(),
                diagnostics: vec![unreadable],
            },
        ];
        let value = json(&reports, 3);
        // Columns count characters: `Zürich café: logs go to ` is 24 characters.
        assert_eq!(value["diagnostics"][0]["column"], 25);
        assert_eq!(value["diagnostics"][0]["byte_start"], start);
        // Snapshot the report itself, so the snapshot shows the fields in their order.
        let paths: Vec<String> = reports.iter().map(|r| display_path(&r.path)).collect();
        let mut summary = Summary::from_reports(&reports, 3);
        summary.fixable_remaining = 1;
        insta::assert_json_snapshot!(build(&reports, &paths, &summary));
    }

    #[test]
    fn every_contract_field_is_present_in_order() {
        let reports = [FileReport {
            path: PathBuf::from("a.md"),
            source: "x".into(),
            diagnostics: vec![Diagnostic::new("R/x", Severity::Warning, 0..1, "m")],
        }];
        let summary = Summary::from_reports(&reports, 1);
        let mut out = Vec::new();
        render(&reports, &summary, &mut out).expect("render");
        let text = String::from_utf8(out).expect("utf-8");
        let fields = [
            "\"version\"",
            "\"files_checked\"",
            "\"diagnostics\"",
            "\"path\"",
            "\"rule\"",
            "\"severity\"",
            "\"message\"",
            "\"line\"",
            "\"column\"",
            "\"end_line\"",
            "\"end_column\"",
            "\"byte_start\"",
            "\"byte_end\"",
            "\"fix\"",
            "\"suggestions\"",
            "\"requirement\"",
            "\"help\"",
            "\"summary\"",
            "\"errors\"",
            "\"warnings\"",
            "\"files_with_findings\"",
        ];
        let mut from = 0;
        for field in fields {
            let at = text[from..]
                .find(field)
                .unwrap_or_else(|| panic!("{field} missing or out of order in {text}"));
            from += at + field.len();
        }
        let value: Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(value["diagnostics"][0]["fix"], Value::Null);
        assert_eq!(value["diagnostics"][0]["help"], Value::Null);
        assert_eq!(value["diagnostics"][0]["severity"], "warning");
        assert_eq!(value["diagnostics"][0]["requirement"], "R");
    }

    #[test]
    fn odd_text_stays_valid_json() {
        let message = "quote \" backslash \\ backtick ` newline \n tab \t nul \0 esc \x1b bidi \u{202E} emoji 🚀 \u{2028}";
        let reports = [FileReport {
            path: PathBuf::from("we\"ird\n.md"),
            source: "é\n".into(),
            diagnostics: vec![
                Diagnostic::new("R/x", Severity::Error, 1..2, message)
                    .with_fix(message, Applicability::Unsafe)
                    .with_help(message),
            ],
        }];
        let value = json(&reports, 1);
        let diagnostic = &value["diagnostics"][0];
        assert_eq!(diagnostic["message"], message);
        assert_eq!(diagnostic["help"], message);
        assert_eq!(diagnostic["path"], "we\"ird\n.md");
        assert_eq!(diagnostic["fix"]["replacement"], message);
        assert_eq!(diagnostic["fix"]["applicability"], "unsafe");
        assert_eq!(diagnostic["suggestions"][0]["replacement"], message);
        // The span cut inside `é` is widened to the whole character.
        assert_eq!(diagnostic["byte_start"], 0);
        assert_eq!(diagnostic["byte_end"], 2);
        assert_eq!(diagnostic["column"], 1);
        assert_eq!(diagnostic["end_column"], 2);
    }

    #[test]
    fn spans_past_the_end() {
        let reports = [FileReport {
            path: PathBuf::from("a.md"),
            source: "ab\ncd".into(),
            diagnostics: vec![
                Diagnostic::new("R/x", Severity::Error, 4..99, "cut"),
                Diagnostic::new("R/y", Severity::Error, 50..60, "outside"),
                Diagnostic::new(
                    "R/z",
                    Severity::Error,
                    std::ops::Range { start: 2, end: 1 },
                    "reversed",
                ),
            ],
        }];
        let value = json(&reports, 1);
        let d = &value["diagnostics"];
        // Sorted by the span as given: 2..1, 4..99, 50..60.
        assert_eq!(d[0]["message"], "reversed");
        assert_eq!(
            (d[0]["byte_start"].clone(), d[0]["byte_end"].clone()),
            (2.into(), 2.into())
        );
        assert_eq!(d[0]["line"], 1);
        assert_eq!(d[0]["column"], 3);
        assert_eq!(d[1]["message"], "cut");
        assert_eq!(
            (d[1]["line"].clone(), d[1]["column"].clone()),
            (2.into(), 2.into())
        );
        assert_eq!(
            (d[1]["end_line"].clone(), d[1]["end_column"].clone()),
            (2.into(), 3.into())
        );
        assert_eq!(d[1]["byte_end"], 5);
        assert_eq!(d[2]["message"], "outside");
        assert_eq!(
            (d[2]["line"].clone(), d[2]["column"].clone()),
            (1.into(), 1.into())
        );
        assert_eq!(
            (d[2]["byte_start"].clone(), d[2]["byte_end"].clone()),
            (0.into(), 0.into())
        );
    }

    #[test]
    fn empty_run() {
        let value = json(&[], 0);
        assert_eq!(
            value,
            serde_json::json!({
                "version": 1,
                "files_checked": 0,
                "diagnostics": [],
                "summary": { "errors": 0, "warnings": 0, "files_with_findings": 0,
                             "fixes_applied": 0, "fixable_remaining": 0 }
            })
        );
    }
}
