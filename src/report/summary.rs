//! The Markdown job summary (`--summary FILE`, or appended to `$GITHUB_STEP_SUMMARY`):
//! what a reviewer reads on the workflow run's page.
//!
//! - A heading with the verdict and the one-line summary.
//! - Counts per rule (with the checklist requirement) and per file.
//! - The first [`FIRST_FINDINGS`] findings, errors first, with their fixes.
//! - Every finding (up to [`MAX_LISTED`]) in a collapsed `<details>` block; beyond that,
//!   a pointer to the log. GitHub limits a step's summary to 1 MiB, so the list is capped.
//!
//! Text from files and messages is escaped for GitHub-flavoured Markdown tables: `|` is
//! escaped, line breaks become spaces, and outside code spans `<`, `>` and `&` become
//! entities, so a message quoting `<!-- … -->` cannot open an HTML comment and swallow the
//! rest of the page. Code spans use a fence longer than any backtick run they hold.

use std::collections::BTreeMap;

use super::{Position, RenderOptions, Summary, display_path, sorted};
use crate::diagnostic::{Applicability, Diagnostic, FileReport, Severity};
use crate::lines::LineIndex;

/// Findings shown in the open table.
pub const FIRST_FINDINGS: usize = 10;
/// Findings listed in the collapsed details at most.
pub const MAX_LISTED: usize = 500;
/// Files listed in the per-file table at most.
const MAX_FILES: usize = 50;

struct Row<'a> {
    path: String,
    line: usize,
    column: usize,
    diagnostic: &'a Diagnostic,
}

/// The summary as Markdown, ending with a newline.
pub fn render_markdown(
    reports: &[FileReport],
    summary: &Summary,
    options: &RenderOptions,
) -> String {
    let mut rows = Vec::new();
    for report in reports {
        let path = display_path(&report.path);
        let index = LineIndex::new(&report.source);
        for diagnostic in sorted(report) {
            let position = Position::of(diagnostic, &report.source, &index);
            rows.push(Row {
                path: path.clone(),
                line: position.start.0,
                column: position.start.1,
                diagnostic,
            });
        }
    }
    // Errors before warnings; otherwise files in the given order, by position (stable).
    rows.sort_by_key(|row| std::cmp::Reverse(row.diagnostic.severity));

    let mut md = String::new();
    let verdict = if summary.errors > 0 {
        "❌"
    } else if summary.warnings > 0 {
        "⚠️"
    } else {
        "✅"
    };
    md.push_str(&format!(
        "## {verdict} caselint\n\n{}\n",
        escape_text(&summary.sentence())
    ));
    if rows.is_empty() {
        return md;
    }

    // Per rule.
    let mut by_rule: BTreeMap<&str, (usize, usize, &str)> = BTreeMap::new();
    for row in &rows {
        let entry = by_rule.entry(row.diagnostic.rule.as_str()).or_insert((
            0,
            0,
            row.diagnostic.requirement.as_str(),
        ));
        match row.diagnostic.severity {
            Severity::Error => entry.0 += 1,
            Severity::Warning => entry.1 += 1,
        }
    }
    md.push_str(
        "\n| Rule | Errors | Warnings | Checklist requirement |\n| --- | ---: | ---: | --- |\n",
    );
    for (rule, (errors, warnings, requirement)) in &by_rule {
        let title = options
            .requirement_titles
            .get(*requirement)
            .map(|t| format!(" {}", escape_text(t)))
            .unwrap_or_default();
        md.push_str(&format!(
            "| {} | {errors} | {warnings} | {}{title} |\n",
            code(rule),
            escape_text(requirement)
        ));
    }

    // Per file, in the order checked.
    let mut files: Vec<(String, usize, usize)> = Vec::new();
    for report in reports {
        let errors = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = report.diagnostics.len() - errors;
        if errors + warnings > 0 {
            files.push((display_path(&report.path), errors, warnings));
        }
    }
    md.push_str("\n| File | Errors | Warnings |\n| --- | ---: | ---: |\n");
    for (path, errors, warnings) in files.iter().take(MAX_FILES) {
        md.push_str(&format!("| {} | {errors} | {warnings} |\n", code(path)));
    }
    if files.len() > MAX_FILES {
        md.push_str(&format!(
            "\n…and {} more files with findings (see the log).\n",
            files.len() - MAX_FILES
        ));
    }

    let shown = rows.len().min(FIRST_FINDINGS);
    md.push_str(&format!(
        "\n### First {shown} of {} finding{}\n\n",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    ));
    md.push_str(&table(&rows[..shown]));

    let listed = rows.len().min(MAX_LISTED);
    md.push_str(&format!(
        "\n<details>\n<summary>All {} findings</summary>\n\n",
        rows.len()
    ));
    md.push_str(&table(&rows[..listed]));
    if rows.len() > listed {
        md.push_str(&format!(
            "\n…and {} more: see this step's log, or run `caselint check` locally.\n",
            rows.len() - listed
        ));
    }
    md.push_str("\n</details>\n");
    let fixable = rows
        .iter()
        .filter(|r| {
            r.diagnostic
                .fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe)
        })
        .count();
    if fixable > 0 {
        md.push_str(&format!(
            "\n{fixable} of these can be fixed with `caselint check --fix`.\n"
        ));
    }
    md
}

fn table(rows: &[Row]) -> String {
    let mut md =
        String::from("| Where | Level | Rule | Problem | Fix |\n| --- | --- | --- | --- | --- |\n");
    for row in rows {
        let fix = match &row.diagnostic.fix {
            Some(fix) => {
                let note = match fix.applicability {
                    Applicability::Safe => "",
                    Applicability::Unsafe => " (review first)",
                };
                format!("write {}{note}", code(&fix.replacement))
            }
            None => row
                .diagnostic
                .help
                .as_deref()
                .map(escape_text)
                .unwrap_or_default(),
        };
        md.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            code(&format!("{}:{}:{}", row.path, row.line, row.column)),
            row.diagnostic.severity.as_str(),
            code(&row.diagnostic.rule),
            escape_text(&row.diagnostic.message),
            fix
        ));
    }
    md
}

/// `text` as an inline code span inside a table cell.
pub fn code(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut longest = 0;
    let mut run = 0;
    for c in flat.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    // A span starting or ending with a backtick needs a space inside its fence.
    let pad = if flat.starts_with('`') || flat.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", flat.replace('|', "\\|"))
}

/// Message text (which uses backticks for code, as Markdown does) made safe for a table
/// cell: code spans are kept, HTML outside them is neutralised.
pub fn escape_text(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut out = String::with_capacity(flat.len());
    let mut rest = flat.as_str();
    while let Some(open) = rest.find('`') {
        let (before, from) = rest.split_at(open);
        out.push_str(&escape_html(before));
        let fence_len = from.len() - from.trim_start_matches('`').len();
        let fence = &from[..fence_len];
        let after = &from[fence_len..];
        match after.find(fence) {
            Some(close) => {
                out.push_str(fence);
                out.push_str(&after[..close].replace('|', "\\|"));
                out.push_str(fence);
                rest = &after[close + fence_len..];
            }
            None => {
                // An unmatched backtick is literal text.
                out.push_str(&fence.replace('`', "\\`"));
                rest = after;
            }
        }
    }
    out.push_str(&escape_html(rest));
    out
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(code("a|b"), "`a\\|b`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x`"), "`` `x` ``");
        assert_eq!(
            escape_text("use `<!-- x -->` not <!-- x --> | a\nb"),
            "use `<!-- x -->` not &lt;!-- x --&gt; \\| a b"
        );
        assert_eq!(escape_text("a ` b"), "a \\` b");
    }

    #[test]
    fn counts_and_first_findings() {
        let source = "Cloudwatch\n".repeat(15);
        let mut diagnostics: Vec<Diagnostic> = (0..12)
            .map(|i| {
                Diagnostic::new(
                    "DOC-003/product-name",
                    Severity::Error,
                    i * 11..i * 11 + 10,
                    "wrong `Cloudwatch`",
                )
                .with_fix("Amazon CloudWatch", Applicability::Safe)
            })
            .collect();
        diagnostics.insert(
            0,
            Diagnostic::new("DOC-003/first-mention", Severity::Warning, 0..1, "w"),
        );
        let reports = [
            FileReport {
                path: PathBuf::from("docs/a.md"),
                source,
                diagnostics,
            },
            FileReport {
                path: PathBuf::from("docs/clean.md"),
                source: "ok".into(),
                diagnostics: vec![],
            },
        ];
        let summary = Summary::from_reports(&reports, 2);
        let mut options = RenderOptions::default();
        options
            .requirement_titles
            .insert("DOC-003".into(), "Customer facing documentation".into());
        let md = render_markdown(&reports, &summary, &options);
        assert!(
            md.starts_with("## ❌ caselint\n\nChecked 2 files: 12 errors, 1 warning in 1 file.\n"),
            "{md}"
        );
        assert!(
            md.contains(
                "| `DOC-003/product-name` | 12 | 0 | DOC-003 Customer facing documentation |"
            ),
            "{md}"
        );
        assert!(md.contains("| `DOC-003/first-mention` | 0 | 1 |"));
        assert!(md.contains("| `docs/a.md` | 12 | 1 |"));
        assert!(!md.contains("docs/clean.md"));
        assert!(md.contains("### First 10 of 13 findings"));
        // Errors first: the warning (first in the file) is not among the first ten.
        let first = md.split("<details>").next().expect("part");
        assert!(!first.contains("| warning |"));
        assert!(first.contains("| `docs/a.md:1:1` | error | `DOC-003/product-name` | wrong `Cloudwatch` | write `Amazon CloudWatch` |"), "{first}");
        assert!(md.contains("<summary>All 13 findings</summary>"));
        assert!(md.contains("12 of these can be fixed with `caselint check --fix`."));
    }

    #[test]
    fn clean_run() {
        let summary = Summary {
            files_checked: 3,
            ..Summary::default()
        };
        let md = render_markdown(&[], &summary, &RenderOptions::default());
        assert_eq!(
            md,
            "## ✅ caselint\n\nChecked 3 files: no problems found.\n"
        );
    }
}
