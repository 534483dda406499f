//! GitHub Actions workflow commands: each finding becomes an annotation on the pull
//! request's changed lines.
//!
//! ```text
//! ::error file=docs/a.md,line=17,endLine=17,col=41,endColumn=51,title=DOC-003/product-name (Customer facing documentation)::`Cloudwatch` is not …%0AFix: write `Amazon CloudWatch`
//! ```
//!
//! GitHub shows at most 10 annotations per level (error, warning, notice) per step and
//! drops the rest without a word. So errors come first, then warnings, each capped at
//! [`MAX_PER_LEVEL`]; the last annotation of a capped level says how many more there are
//! and where to see them. Every finding, annotated or not, is then listed as plain text in
//! a collapsed log group, followed by the one-line summary, so the log holds everything.
//!
//! Escaping follows the runner's rules: in the message `%` → `%25`, CR → `%0D`, LF → `%0A`;
//! in properties additionally `:` → `%3A` and `,` → `%2C`. The plain-text list replaces
//! line breaks, so no message can start a workflow command of its own.
//! Columns are UTF-16 code units, as GitHub counts them; `col`/`endColumn` are given only
//! for a finding on a single line (GitHub ignores them otherwise).

use std::io;

use super::{Position, RenderOptions, Summary, display_path, sorted, utf16_column};
use crate::diagnostic::{Applicability, Diagnostic, FileReport, Severity};
use crate::lines::LineIndex;

/// GitHub's limit of annotations per level per step.
pub const MAX_PER_LEVEL: usize = 10;

/// Escapes an annotation's message.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes an annotation property's value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

struct Finding<'a> {
    path: String,
    diagnostic: &'a Diagnostic,
    position: Position,
    /// UTF-16 start and end columns.
    columns: (usize, usize),
}

pub(super) fn render(
    reports: &[FileReport],
    summary: &Summary,
    options: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let mut findings = Vec::new();
    for report in reports {
        let path = display_path(&report.path);
        let index = LineIndex::new(&report.source);
        for diagnostic in sorted(report) {
            let position = Position::of(diagnostic, &report.source, &index);
            let columns = (
                utf16_column(&report.source, &index, position.bytes.start),
                utf16_column(&report.source, &index, position.bytes.end),
            );
            findings.push(Finding {
                path: path.clone(),
                diagnostic,
                position,
                columns,
            });
        }
    }
    let mut text = String::new();
    for severity in [Severity::Error, Severity::Warning] {
        let of_level: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.diagnostic.severity == severity)
            .collect();
        let hidden = of_level.len().saturating_sub(MAX_PER_LEVEL);
        for (shown, finding) in of_level.iter().take(MAX_PER_LEVEL).enumerate() {
            let last_of_capped = hidden > 0 && shown + 1 == MAX_PER_LEVEL;
            text.push_str(&annotation(
                finding,
                options,
                last_of_capped.then_some(hidden),
            ));
        }
    }
    if !findings.is_empty() {
        text.push_str(&format!(
            "::group::caselint: all {} finding{}\n",
            findings.len(),
            if findings.len() == 1 { "" } else { "s" }
        ));
        for finding in &findings {
            text.push_str(&plain_line(finding));
        }
        text.push_str("::endgroup::\n");
    }
    text.push_str(&summary.sentence());
    text.push('\n');
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// One workflow command. `more`: the count of same-level findings not annotated, said in
/// this (the level's last) annotation.
fn annotation(finding: &Finding, options: &RenderOptions, more: Option<usize>) -> String {
    let diagnostic = finding.diagnostic;
    let command = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = vec![format!("file={}", escape_property(&finding.path))];
    if finding.position.in_source {
        let (start_line, end_line) = (finding.position.start.0, finding.position.end.0);
        properties.push(format!("line={start_line}"));
        properties.push(format!("endLine={end_line}"));
        if start_line == end_line {
            properties.push(format!("col={}", finding.columns.0));
            properties.push(format!("endColumn={}", finding.columns.1));
        }
    }
    let title = match options.requirement_titles.get(&diagnostic.requirement) {
        Some(title) if !title.is_empty() => format!("{} ({title})", diagnostic.rule),
        _ => diagnostic.rule.clone(),
    };
    properties.push(format!("title={}", escape_property(&title)));

    let mut message = diagnostic.message.clone();
    if let Some(fix) = &diagnostic.fix {
        message.push_str(&format!("\nFix: write `{}`", fix.replacement));
        if fix.applicability == Applicability::Safe {
            message.push_str(" (`caselint check --fix` applies it)");
        }
    }
    if let Some(help) = &diagnostic.help {
        message.push_str(&format!("\n{help}"));
    }
    if let Some(more) = more {
        let level = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        message.push_str(&format!(
            "\n\n… and {more} more {level}{} not shown as annotations (GitHub shows {MAX_PER_LEVEL} per level). See the job summary, or the group \"caselint: all findings\" in this step's log.",
            if more == 1 { "" } else { "s" }
        ));
    }
    format!(
        "::{command} {}::{}\n",
        properties.join(","),
        escape_data(&message)
    )
}

/// `docs/a.md:17:41: error[DOC-003/product-name] message (fix: write `X`)`, on one line.
fn plain_line(finding: &Finding) -> String {
    let diagnostic = finding.diagnostic;
    let mut line = format!(
        "{}:{}:{}: {}[{}] {}",
        finding.path,
        finding.position.start.0,
        finding.position.start.1,
        diagnostic.severity.as_str(),
        diagnostic.rule,
        diagnostic.message
    );
    if let Some(fix) = &diagnostic.fix {
        line.push_str(&format!(" (fix: write `{}`)", fix.replacement));
    }
    let mut clean: String = line
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    clean.push('\n');
    clean
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::report::{Format, render as render_report};

    fn github(reports: &[FileReport]) -> String {
        let mut out = Vec::new();
        let summary = Summary::from_reports(reports, reports.len());
        render_report(
            Format::Github,
            reports,
            &summary,
            &RenderOptions::default(),
            &mut out,
        )
        .expect("render");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% a\r\nb: c,d"), "50%25 a%0D%0Ab: c,d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn one_annotation_with_fix_and_escapes() {
        let source = "x 🚀 Cloudwatch\n";
        let start = source.find("Cloudwatch").expect("needle");
        let reports = [FileReport {
            path: PathBuf::from("docs/a,b:c.md"),
            source: source.into(),
            diagnostics: vec![
                Diagnostic::new(
                    "R/x",
                    Severity::Error,
                    start..start + 10,
                    "100% wrong\nreally",
                )
                .with_fix("Amazon CloudWatch", Applicability::Safe),
            ],
        }];
        let text = github(&reports);
        let first = text.lines().next().expect("a line");
        assert_eq!(
            first,
            "::error file=docs/a%2Cb%3Ac.md,line=1,endLine=1,col=6,endColumn=16,title=R/x::100%25 wrong%0Areally%0AFix: write `Amazon CloudWatch` (`caselint check --fix` applies it)"
        );
        assert!(text.contains("::group::caselint: all 1 finding\n"));
        assert!(text.contains(
            "docs/a,b:c.md:1:5: error[R/x] 100% wrong really (fix: write `Amazon CloudWatch`)\n"
        ));
        assert!(text.ends_with("Checked 1 file: 1 error in 1 file.\n"));
    }

    #[test]
    fn capped_per_level_errors_first() {
        let source = "a\n".repeat(40);
        let mut diagnostics = Vec::new();
        for i in 0..30 {
            // Warnings come first in the file: the errors must still be annotated first.
            let severity = if i < 12 {
                Severity::Warning
            } else {
                Severity::Error
            };
            diagnostics.push(Diagnostic::new(
                "R/x",
                severity,
                i * 2..i * 2 + 1,
                format!("n{i}"),
            ));
        }
        let reports = [FileReport {
            path: PathBuf::from("a.md"),
            source,
            diagnostics,
        }];
        let text = github(&reports);
        let commands: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("::error") || l.starts_with("::warning"))
            .collect();
        assert_eq!(commands.len(), 20);
        assert!(commands[..10].iter().all(|l| l.starts_with("::error ")));
        assert!(commands[10..].iter().all(|l| l.starts_with("::warning ")));
        assert!(commands[0].contains("line=13,"), "{}", commands[0]);
        assert!(
            commands[9].contains("… and 8 more errors not shown"),
            "{}",
            commands[9]
        );
        assert!(commands[19].contains("… and 2 more warnings not shown"));
        assert!(!commands[8].contains("more errors"));
        // The log lists all 30.
        assert_eq!(text.lines().filter(|l| l.starts_with("a.md:")).count(), 30);
    }

    #[test]
    fn unreadable_files_have_no_line() {
        let reports = [FileReport {
            path: PathBuf::from("gone.md"),
            source: String::new(),
            diagnostics: vec![Diagnostic::new("io", Severity::Error, 0..0, "not found")],
        }];
        let text = github(&reports);
        assert!(
            text.starts_with("::error file=gone.md,title=io::not found\n"),
            "{text}"
        );
    }
}
