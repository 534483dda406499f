//! Renderers: turn the [`FileReport`]s of a run into text for people ([`Format::Human`]),
//! the JSON report other tools parse ([`Format::Json`]), SARIF 2.1.0 for code-scanning
//! tools ([`Format::Sarif`]) or GitHub workflow commands ([`Format::Github`]); and, beside
//! any of them, a Markdown job summary ([`summary::render_markdown`]).
//!
//! Every renderer sees the same input: files in the order given, and within a file the
//! diagnostics sorted by position (see [`sorted`]). Spans are never trusted: a span that
//! does not fit its file's text is normalised (see [`Position`]) so nothing panics.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::ops::Range;
use std::str::FromStr;

use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::lines::LineIndex;

mod concise;
pub mod github;
mod human;
mod json;
pub mod readiness;
pub mod sarif;
pub mod summary;

/// An output format. More may be added: match on it with that in mind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Source lines with carets, notes and a one-line summary (codespan-reporting).
    Human,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Concise,
    /// The JSON report described in DESIGN.md (version 1).
    Json,
    /// SARIF 2.1.0, for `github/codeql-action/upload-sarif` and other code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…::…`), capped as GitHub shows them.
    Github,
}

impl Format {
    /// Every format, in the order `--help` should list them.
    pub const ALL: &'static [Format] = &[
        Format::Human,
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Github,
    ];

    /// The name used on the command line and in configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Concise => "concise",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for an unknown format name; its message lists the known ones.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{given}` is not an output format: use one of {}", Format::ALL.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", "))]
pub struct UnknownFormat {
    pub given: String,
}

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .iter()
            .copied()
            .find(|format| format.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownFormat {
                given: s.to_string(),
            })
    }
}

/// Counts for the last line of the human report and the `summary` of the JSON report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub files_checked: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Files with at least one diagnostic (of any severity).
    pub files_with_findings: usize,
    /// Fixes written by `--fix` in this run. Set by the caller.
    pub fixes_applied: usize,
    /// Safe fixes that were not applied (no `--fix`, or left for the next run because
    /// they overlapped another). Set by the caller.
    pub fixable_remaining: usize,
    /// Findings left out because the `--baseline` file already records them. Set by the
    /// caller.
    pub baselined: usize,
}

impl Summary {
    /// Counts errors, warnings and files with findings. `fixes_applied` and
    /// `fixable_remaining` are left at 0 for the caller to set.
    pub fn from_reports(reports: &[FileReport], files_checked: usize) -> Summary {
        let mut summary = Summary {
            files_checked,
            ..Summary::default()
        };
        for report in reports {
            if !report.diagnostics.is_empty() {
                summary.files_with_findings += 1;
            }
            for diagnostic in &report.diagnostics {
                match diagnostic.severity {
                    Severity::Error => summary.errors += 1,
                    Severity::Warning => summary.warnings += 1,
                }
            }
        }
        summary
    }

    /// The last line of the human report, without a line ending, e.g.
    /// `Checked 12 files: 3 errors, 1 warning in 2 files. 2 can be fixed with --fix.`
    pub fn sentence(&self) -> String {
        let mut sentence = if self.files_checked == 0 && self.errors + self.warnings == 0 {
            "No files were checked.".to_string()
        } else {
            let mut counts = Vec::new();
            if self.errors > 0 {
                counts.push(plural(self.errors, "error", "errors"));
            }
            if self.warnings > 0 {
                counts.push(plural(self.warnings, "warning", "warnings"));
            }
            let findings = if counts.is_empty() {
                "no problems found".to_string()
            } else {
                format!(
                    "{} in {}",
                    counts.join(", "),
                    plural(self.files_with_findings, "file", "files")
                )
            };
            format!(
                "Checked {}: {findings}.",
                plural(self.files_checked, "file", "files")
            )
        };
        if self.fixes_applied > 0 {
            sentence.push_str(&format!(
                " Fixed {}.",
                plural(self.fixes_applied, "problem", "problems")
            ));
        }
        if self.fixable_remaining > 0 {
            sentence.push_str(&format!(
                " {} can be fixed with --fix.",
                self.fixable_remaining
            ));
        }
        if self.baselined > 0 {
            sentence.push_str(&format!(
                " {} in the baseline not shown.",
                plural(self.baselined, "known finding", "known findings")
            ));
        }
        sentence
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// How to render. Build with `RenderOptions { color: true, ..RenderOptions::default() }`.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Use ANSI colours (human format only). The caller decides from the terminal and
    /// `--color`; when false the output holds no escape codes at all.
    pub color: bool,
    /// End the human report with the one-line summary. The JSON report always has its
    /// `summary` object.
    pub show_summary: bool,
    /// Titles of checklist requirements (`DOC-003` → `Customer-facing documents`), used
    /// in the human report's `= note:` line when known.
    pub requirement_titles: BTreeMap<String, String>,
    /// The checklist profile the run used, so SARIF can describe its requirement checks
    /// (`UCR-002/risk`) and the human report can quote each requirement. `None`: the
    /// built-in profile.
    pub profile: Option<crate::profile::Profile>,
    /// Human and concise: print the number of findings per rule instead of the findings.
    pub statistics: bool,
    /// `--verbose`: per file, the requirement checks that passed and what they found.
    pub met: std::collections::HashMap<std::path::PathBuf, Vec<crate::diagnostic::Met>>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            color: false,
            show_summary: true,
            requirement_titles: BTreeMap::new(),
            profile: None,
            statistics: false,
            met: std::collections::HashMap::new(),
        }
    }
}

/// Writes the whole report to `out`.
///
/// Human: every diagnostic, files in the given order, diagnostics sorted by position, then
/// (with `show_summary`) the one-line summary. JSON: one object, then a newline.
pub fn render(
    format: Format,
    reports: &[FileReport],
    summary: &Summary,
    options: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        Format::Human | Format::Concise if options.statistics => {
            statistics(reports, summary, options, out)
        }
        Format::Human => human::render(reports, summary, options, out),
        Format::Concise => concise::render(reports, summary, options, out),
        Format::Json => json::render(reports, summary, out),
        Format::Sarif => sarif::render(reports, options, out),
        Format::Github => github::render(reports, summary, options, out),
    }
}

/// `--statistics`: one line per rule with its count, most frequent first, then the summary.
fn statistics(
    reports: &[FileReport],
    summary: &Summary,
    options: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let mut counts: BTreeMap<(&str, Severity), (usize, usize)> = BTreeMap::new();
    for report in reports {
        for diagnostic in &report.diagnostics {
            let entry = counts
                .entry((diagnostic.rule.as_str(), diagnostic.severity))
                .or_default();
            entry.0 += 1;
            if diagnostic
                .fix
                .as_ref()
                .is_some_and(|f| f.applicability == crate::diagnostic::Applicability::Safe)
            {
                entry.1 += 1;
            }
        }
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(&b.0)));
    let width = rows
        .iter()
        .map(|((rule, _), _)| rule.chars().count())
        .max()
        .unwrap_or(0);
    for ((rule, severity), (count, fixable)) in rows {
        let rule = human::clean_line(rule);
        let fixable = if fixable > 0 {
            format!("  ({fixable} fixable)")
        } else {
            String::new()
        };
        writeln!(
            out,
            "{count:>5}  {rule:<width$}  {}{fixable}",
            severity.as_str()
        )?;
    }
    if options.show_summary {
        writeln!(out, "{}", summary.sentence())?;
    }
    out.flush()
}

/// A file's diagnostics in the order every renderer shows them: by start, then by end,
/// otherwise as the rules produced them.
pub fn sorted(report: &FileReport) -> Vec<&Diagnostic> {
    let mut diagnostics: Vec<&Diagnostic> = report.diagnostics.iter().collect();
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    diagnostics
}

/// Where a diagnostic points, in terms every output format shares.
///
/// The span is normalised against the file's text: a reversed span becomes empty at its
/// start, a span past the end is cut at the end, and ends inside a multi-byte character
/// are widened to the whole character. `in_source` is false when there is no text to
/// point into (the file could not be read) or the span starts past its end; such
/// diagnostics report line 1, column 1, bytes 0..0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub bytes: Range<usize>,
    /// 1-based line and column (in characters) of the start.
    pub start: (usize, usize),
    /// 1-based line and column (in characters) of the end, exclusive.
    pub end: (usize, usize),
    pub in_source: bool,
}

impl Position {
    pub fn of(diagnostic: &Diagnostic, source: &str, index: &LineIndex) -> Position {
        Position::of_span(&diagnostic.span, source, index)
    }

    pub fn of_span(span: &Range<usize>, source: &str, index: &LineIndex) -> Position {
        let Some(bytes) = normalise_span(span, source) else {
            return Position {
                bytes: 0..0,
                start: (1, 1),
                end: (1, 1),
                in_source: false,
            };
        };
        Position {
            start: index.line_col(source, bytes.start),
            end: index.line_col(source, bytes.end),
            bytes,
            in_source: true,
        }
    }
}

/// The span cut to the text and widened to character boundaries, or `None` when the text
/// is empty or the span starts past its end.
fn normalise_span(span: &Range<usize>, source: &str) -> Option<Range<usize>> {
    if source.is_empty() || span.start > source.len() {
        return None;
    }
    let mut start = span.start;
    let mut end = span.end.clamp(start, source.len());
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    while !source.is_char_boundary(end) {
        end += 1;
    }
    Some(start..end)
}

/// The 1-based column of byte `offset` in UTF-16 code units, as SARIF's default
/// `columnKind` and GitHub's annotations count them (an emoji is two units, `é` one).
/// `offset` must be a character boundary of `source` (a [`Position`]'s bytes are).
pub fn utf16_column(source: &str, index: &LineIndex, offset: usize) -> usize {
    let offset = offset.min(source.len());
    let line = index.line(offset);
    let start = index.line_range(source, line).start.min(offset);
    source
        .get(start..offset)
        .map_or(0, |text| text.encode_utf16().count())
        + 1
}

/// A path as shown in reports: as given, with `/` separators on every platform.
pub fn display_path(path: &std::path::Path) -> String {
    let text = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        text.into_owned()
    } else {
        text.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn summary(files_checked: usize, errors: usize, warnings: usize, files: usize) -> Summary {
        Summary {
            files_checked,
            errors,
            warnings,
            files_with_findings: files,
            ..Summary::default()
        }
    }

    #[test]
    fn summary_sentences() {
        assert_eq!(
            summary(12, 0, 0, 0).sentence(),
            "Checked 12 files: no problems found."
        );
        assert_eq!(
            summary(1, 0, 0, 0).sentence(),
            "Checked 1 file: no problems found."
        );
        assert_eq!(summary(0, 0, 0, 0).sentence(), "No files were checked.");
        assert_eq!(
            summary(12, 3, 1, 2).sentence(),
            "Checked 12 files: 3 errors, 1 warning in 2 files."
        );
        assert_eq!(
            summary(1, 1, 0, 1).sentence(),
            "Checked 1 file: 1 error in 1 file."
        );
        assert_eq!(
            summary(5, 0, 2, 1).sentence(),
            "Checked 5 files: 2 warnings in 1 file."
        );
        // A path that does not exist: nothing checked, one `io` error.
        assert_eq!(
            summary(0, 1, 0, 1).sentence(),
            "Checked 0 files: 1 error in 1 file."
        );

        let mut s = summary(12, 3, 1, 2);
        s.fixable_remaining = 2;
        assert_eq!(
            s.sentence(),
            "Checked 12 files: 3 errors, 1 warning in 2 files. 2 can be fixed with --fix."
        );
        let mut s = summary(12, 0, 0, 0);
        s.fixes_applied = 4;
        assert_eq!(
            s.sentence(),
            "Checked 12 files: no problems found. Fixed 4 problems."
        );
        let mut s = summary(3, 1, 0, 1);
        s.fixes_applied = 1;
        s.fixable_remaining = 1;
        assert_eq!(
            s.sentence(),
            "Checked 3 files: 1 error in 1 file. Fixed 1 problem. 1 can be fixed with --fix."
        );
    }

    #[test]
    fn summary_counts() {
        let report = |path: &str, severities: &[Severity]| FileReport {
            path: PathBuf::from(path),
            source: "text".into(),
            diagnostics: severities
                .iter()
                .map(|s| Diagnostic::new("R/x", *s, 0..1, "m"))
                .collect(),
        };
        let reports = [
            report(
                "a.md",
                &[Severity::Error, Severity::Warning, Severity::Error],
            ),
            report("b.md", &[]),
            report("c.md", &[Severity::Warning]),
        ];
        let summary = Summary::from_reports(&reports, 7);
        assert_eq!(
            summary,
            Summary {
                files_checked: 7,
                errors: 2,
                warnings: 2,
                files_with_findings: 2,
                fixes_applied: 0,
                fixable_remaining: 0,
                baselined: 0,
            }
        );
    }

    #[test]
    fn format_names() {
        assert_eq!("json".parse::<Format>(), Ok(Format::Json));
        assert_eq!("Human".parse::<Format>(), Ok(Format::Human));
        let error = "xml".parse::<Format>().expect_err("unknown");
        assert_eq!(
            error.to_string(),
            "`xml` is not an output format: use one of `human`, `concise`, `json`, `sarif`, `github`"
        );
        for format in Format::ALL {
            assert_eq!(format.as_str().parse::<Format>(), Ok(*format));
        }
    }

    #[test]
    fn positions_are_normalised() {
        let source = "aé\nb";
        let index = LineIndex::new(source);
        let at = |span: Range<usize>| {
            Position::of(
                &Diagnostic::new("R", Severity::Error, span, "m"),
                source,
                &index,
            )
        };
        assert_eq!(at(1..3).bytes, 1..3);
        assert_eq!(at(2..3).bytes, 1..3); // start inside `é`
        assert_eq!(at(1..2).bytes, 1..3); // end inside `é`
        assert_eq!(at(Range { start: 3, end: 1 }).bytes, 3..3); // reversed
        assert_eq!(at(4..99).bytes, 4..5); // past the end
        assert_eq!(at(4..99).end, (2, 2));
        let outside = at(6..9);
        assert!(!outside.in_source);
        assert_eq!(
            (outside.bytes, outside.start, outside.end),
            (0..0, (1, 1), (1, 1))
        );
        let at_end = at(5..5);
        assert!(at_end.in_source);
        assert_eq!(at_end.start, (2, 2));
        let empty = Position::of(
            &Diagnostic::new("io", Severity::Error, 0..0, "m"),
            "",
            &LineIndex::new(""),
        );
        assert!(!empty.in_source);
    }

    /// Every span over a tricky text, in every format: no panic, valid JSON, positions
    /// that slice the text.
    #[test]
    fn any_span_renders() {
        let source = "é🚀\r\n\tx\u{1b}\n";
        let index = LineIndex::new(source);
        let mut diagnostics = Vec::new();
        for start in 0..source.len() + 3 {
            for end in 0..source.len() + 3 {
                let diagnostic = Diagnostic::new("R/x", Severity::Warning, start..end, "m")
                    .with_fix("y", crate::diagnostic::Applicability::Safe);
                let position = Position::of(&diagnostic, source, &index);
                assert!(
                    source.get(position.bytes.clone()).is_some(),
                    "{start}..{end}"
                );
                assert!(position.start <= position.end, "{start}..{end}");
                diagnostics.push(diagnostic);
            }
        }
        let reports = [FileReport {
            path: PathBuf::from("t.md"),
            source: source.to_string(),
            diagnostics,
        }];
        let summary = Summary::from_reports(&reports, 1);
        for format in Format::ALL {
            for color in [false, true] {
                let options = RenderOptions {
                    color,
                    ..RenderOptions::default()
                };
                let mut out = Vec::new();
                render(*format, &reports, &summary, &options, &mut out).expect("render");
                let text = String::from_utf8(out).expect("utf-8");
                if *format == Format::Json {
                    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
                    assert_eq!(
                        value["diagnostics"].as_array().map(Vec::len),
                        Some(reports[0].diagnostics.len())
                    );
                }
                if !color {
                    assert!(!text.contains('\x1b'));
                }
            }
        }
    }

    #[test]
    fn a_span_at_the_very_end_points_at_the_last_empty_line() {
        let source = "a\n";
        let index = LineIndex::new(source);
        let position = Position::of(
            &Diagnostic::new("R", Severity::Error, 2..2, "m"),
            source,
            &index,
        );
        assert!(position.in_source);
        assert_eq!((position.start, position.end), ((2, 1), (2, 1)));
        let reports = [FileReport {
            path: PathBuf::from("a.md"),
            source: source.into(),
            diagnostics: vec![Diagnostic::new(
                "R/x",
                Severity::Error,
                2..2,
                "missing ending",
            )],
        }];
        let mut out = Vec::new();
        render(
            Format::Human,
            &reports,
            &Summary::from_reports(&reports, 1),
            &RenderOptions::default(),
            &mut out,
        )
        .expect("render");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(text.contains("  --> a.md:2:1\n"), "{text}");
    }
}
