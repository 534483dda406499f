//! `caselint readiness --html report.html`: one self-contained page for a partner
//! manager. No script, no network (a Content-Security-Policy forbids every fetch), inline
//! CSS; it opens from disk and prints to PDF. Every status is a symbol and a word, so it
//! reads without colour. Deterministic: the only date is the run's "today".
//!
//! Tests and tools find the matrix cells by their attributes:
//! `td.cell[data-case-study="acme.md"][data-requirement="UCR-002"][data-status="missing"]`.

use std::fmt::Write as _;
use std::path::Path;

use crate::diagnostic::Severity;
use crate::submission::Status;
use crate::submission::overview::{CellStatus, Finding, Overview, VerdictStatus};

const STYLE: &str = r#"
:root { --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --muted: #57606a; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1200px; padding: 24px; color: #1f2328; }
h1 { font-size: 1.5em; margin: 0 0 8px; }
h2 { font-size: 1.2em; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1em; margin: 20px 0 6px; }
.verdict { font-size: 1.3em; font-weight: 600; padding: 12px 16px; border: 2px solid; border-radius: 6px; margin: 8px 0 12px; }
.verdict.ready { border-color: var(--ok); color: var(--ok); }
.verdict.review { border-color: var(--warn); color: var(--warn); }
.verdict.not-ready { border-color: var(--bad); color: var(--bad); }
.meta { color: var(--muted); margin: 2px 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; }
.matrix { font-size: 0.85em; }
.matrix thead th { writing-mode: horizontal-tb; white-space: nowrap; }
.matrix td { white-space: nowrap; text-align: center; }
.met { color: var(--ok); }
.warning { color: var(--warn); background: #fff8c5; }
.missing { color: var(--bad); background: #ffebe9; font-weight: 600; }
.unknown { color: var(--muted); }
.na { color: var(--muted); }
.sym { display: inline-block; min-width: 1.1em; font-weight: 700; }
.legend { color: var(--muted); font-size: 0.9em; }
ol.findings { padding-left: 1.6em; }
ol.findings li { margin: 6px 0; }
.help { color: var(--muted); margin: 2px 0 0; font-size: 0.92em; }
td code, li > code { white-space: nowrap; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
footer { margin-top: 32px; color: var(--muted); font-size: 0.85em; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  .matrix { font-size: 7.5pt; }
  thead { display: table-header-group; }
  tr, li { break-inside: avoid; }
  .warning, .missing { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// The page. `links_from`: the folder the page is written to, so links to the case
/// studies are relative to it (the page still works when the folder moves with it).
pub fn render(overview: &Overview, links_from: Option<&Path>) -> String {
    let mut h = String::with_capacity(32 * 1024);
    let title = match &overview.partner {
        Some(partner) => format!("Submission readiness: {partner}"),
        None => "Submission readiness".to_string(),
    };
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(h, "<title>{}</title>", esc(&title));
    let _ = writeln!(h, "<style>{STYLE}</style>\n</head>\n<body>");

    // Verdict first.
    let _ = writeln!(h, "<header>\n<h1>{}</h1>", esc(&title));
    let (class, sym) = match overview.verdict.status {
        VerdictStatus::Ready => ("ready", "✓"),
        VerdictStatus::Review => ("review", "!"),
        VerdictStatus::NotReady => ("not-ready", "✗"),
    };
    let _ = writeln!(
        h,
        "<p id=\"verdict\" class=\"verdict {class}\" data-status=\"{class}\"><span class=\"sym\" aria-hidden=\"true\">{sym}</span> {}</p>",
        esc(&overview.verdict.sentence)
    );
    let _ = writeln!(
        h,
        "<p class=\"meta\">Checked on <strong id=\"today\">{}</strong> against the checklist <strong id=\"checklist\">{}</strong> ({}; released {}, valid until {}).</p>",
        overview.today,
        esc(&overview.checklist.id),
        esc(&overview.checklist.title),
        esc(&overview.checklist.released),
        esc(&overview.checklist.valid_until)
    );
    let expired = overview
        .checklist
        .valid_until
        .parse::<jiff::civil::Date>()
        .is_ok_and(|until| overview.today > until);
    if expired {
        let _ = writeln!(
            h,
            "<p class=\"meta missing\" id=\"expired\"><span class=\"sym\" aria-hidden=\"true\">✗</span> This checklist version was valid until {}: check AWS Partner Central for a newer one.</p>",
            esc(&overview.checklist.valid_until)
        );
    }
    let source = match &overview.manifest {
        Some(manifest) => format!("the manifest <code>{}</code>", esc(manifest)),
        None => format!(
            "the case studies in <code>{}</code> (no manifest)",
            esc(&overview.root)
        ),
    };
    let _ = writeln!(
        h,
        "<p class=\"meta\">Submission: {source}; {} case {}.</p>\n</header>",
        overview.rows.len(),
        if overview.rows.len() == 1 {
            "study"
        } else {
            "studies"
        }
    );

    portfolio(&mut h, overview);
    matrix(&mut h, overview);
    findings(&mut h, overview, links_from);

    let _ = writeln!(
        h,
        "<footer>Made by caselint {} on {} against {}. Symbols: ✓ met, ! warning, ✗ missing, ? not recorded, – does not apply.</footer>\n</body>\n</html>",
        env!("CARGO_PKG_VERSION"),
        overview.today,
        esc(&overview.checklist.id)
    );
    h
}

fn portfolio(h: &mut String, overview: &Overview) {
    h.push_str("<section id=\"portfolio\">\n<h2>Portfolio checks</h2>\n");
    h.push_str("<table>\n<thead><tr><th scope=\"col\">Status</th><th scope=\"col\">Checklist</th><th scope=\"col\">Rule</th><th scope=\"col\">What was found</th></tr></thead>\n<tbody>\n");
    for outcome in &overview.portfolio {
        let (class, sym) = match outcome.status {
            Status::Met => ("met", "✓"),
            Status::Unknown => ("unknown", "?"),
            Status::Warning => ("warning", "!"),
            Status::Missing => ("missing", "✗"),
        };
        let word = match outcome.status {
            Status::Unknown => "not recorded",
            other => other.as_str(),
        };
        let _ = writeln!(
            h,
            "<tr class=\"portfolio {class}\" data-rule=\"{}\" data-status=\"{}\"><td><span class=\"sym\" aria-hidden=\"true\">{sym}</span> {word}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
            esc(outcome.rule),
            outcome.status.as_str(),
            esc(outcome.requirement),
            esc(outcome.rule),
            inline(&outcome.message)
        );
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
}

fn matrix(h: &mut String, overview: &Overview) {
    h.push_str("<section id=\"matrix\">\n<h2>Case studies × requirements</h2>\n");
    if overview.rows.is_empty() {
        h.push_str("<p>No case studies were found.</p>\n</section>\n");
        return;
    }
    h.push_str("<table class=\"matrix\">\n<thead><tr><th scope=\"col\">Case study</th>");
    for column in &overview.columns {
        let _ = write!(
            h,
            "<th scope=\"col\" title=\"{}\">{}</th>",
            esc(&column.title),
            esc(&column.id)
        );
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for (index, row) in overview.rows.iter().enumerate() {
        let _ = write!(
            h,
            "<tr><th scope=\"row\"><a href=\"#cs-{index}\">{}</a>",
            esc(&row.name)
        );
        if let Some(customer) = &row.customer {
            let _ = write!(h, "<br><small>{}</small>", esc(customer));
        }
        if let Some(visibility) = &row.visibility {
            let _ = write!(h, "<br><small>{}</small>", esc(visibility));
        }
        h.push_str("</th>");
        for (cell, column) in row.cells.iter().zip(&overview.columns) {
            let (class, sym) = match cell.status {
                CellStatus::Met => ("met", "✓"),
                CellStatus::Warning => ("warning", "!"),
                CellStatus::Missing => ("missing", "✗"),
                CellStatus::NotApplicable => ("na", "–"),
            };
            let label = format!(
                "<span class=\"sym\" aria-hidden=\"true\">{sym}</span> {}",
                cell.status.as_str()
            );
            let body = match cell.findings.first() {
                Some(first) => format!(
                    "<a href=\"#f-{first}\" title=\"{} finding{}\">{label}</a>",
                    cell.findings.len(),
                    if cell.findings.len() == 1 { "" } else { "s" }
                ),
                None => label,
            };
            let _ = write!(
                h,
                "<td class=\"cell {class}\" data-case-study=\"{}\" data-requirement=\"{}\" data-status=\"{}\">{body}</td>",
                esc(&row.name),
                esc(&column.id),
                cell.status.as_str()
            );
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n<p class=\"legend\">✓ met · ! warning · ✗ missing · – does not apply. Column headings are checklist ids; hover for the title.</p>\n</section>\n");
}

fn findings(h: &mut String, overview: &Overview, links_from: Option<&Path>) {
    h.push_str("<section id=\"findings\">\n<h2>Findings</h2>\n");
    let submission: Vec<(usize, &Finding)> = overview
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.row.is_none())
        .collect();
    if !submission.is_empty() {
        h.push_str("<h3 id=\"cs-submission\">The submission</h3>\n<ol class=\"findings\">\n");
        for (index, finding) in submission {
            item(h, index, finding, None);
        }
        h.push_str("</ol>\n");
    }
    for (row_index, row) in overview.rows.iter().enumerate() {
        let href = link(&row.path, links_from);
        let _ = writeln!(
            h,
            "<h3 id=\"cs-{row_index}\"><a href=\"{}\">{}</a></h3>",
            esc(&href),
            esc(&row.name)
        );
        let mine: Vec<(usize, &Finding)> = overview
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.row == Some(row_index))
            .collect();
        if mine.is_empty() {
            h.push_str("<p class=\"met\"><span class=\"sym\" aria-hidden=\"true\">✓</span> No findings.</p>\n");
            continue;
        }
        h.push_str("<ol class=\"findings\">\n");
        for (index, finding) in mine {
            item(h, index, finding, Some((&row.name, &href)));
        }
        h.push_str("</ol>\n");
    }
    h.push_str("</section>\n");
}

fn item(h: &mut String, index: usize, finding: &Finding, file: Option<(&str, &str)>) {
    let (class, sym) = match finding.severity {
        Severity::Error => ("missing", "✗"),
        Severity::Warning => ("warning", "!"),
    };
    let place = match file {
        Some((name, href)) if finding.located => format!(
            " <a href=\"{}#L{}\">{}:{}:{}</a>",
            esc(href),
            finding.line,
            esc(name),
            finding.line,
            finding.column
        ),
        Some((name, href)) => format!(" <a href=\"{}\">{}</a>", esc(href), esc(name)),
        None => String::new(),
    };
    let _ = write!(
        h,
        "<li id=\"f-{index}\" class=\"finding\" data-rule=\"{}\"><span class=\"{class}\"><span class=\"sym\" aria-hidden=\"true\">{sym}</span> {}</span> <code>{}</code>{place}: {}",
        esc(&finding.rule),
        finding.severity.as_str(),
        esc(&finding.rule),
        inline(&finding.message)
    );
    if let Some(help) = &finding.help {
        let _ = write!(h, "<p class=\"help\">{}</p>", inline(help));
    }
    h.push_str("</li>\n");
}

/// A link to a case study: relative to the page's folder when both are known, else the
/// path as given.
fn link(path: &str, links_from: Option<&Path>) -> String {
    let relative = links_from.and_then(|folder| {
        let base = url::Url::from_directory_path(std::path::absolute(folder).ok()?).ok()?;
        let target = url::Url::from_file_path(std::path::absolute(path).ok()?).ok()?;
        base.make_relative(&target)
    });
    relative.unwrap_or_else(|| path.replace(' ', "%20"))
}

/// A message as HTML: escaped, with its `backticked` names shown as code (when the
/// backticks pair up; otherwise the text stays as written).
fn inline(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len() < 3 || parts.len().is_multiple_of(2) {
        return esc(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 {
            out.push_str("<code>");
            out.push_str(&esc(part));
            out.push_str("</code>");
        } else {
            out.push_str(&esc(part));
        }
    }
    out
}

/// Text for HTML content and attribute values (the five characters HTML reserves).
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backticks_become_code_only_in_pairs() {
        assert_eq!(
            inline("write `Amazon S3` <now>"),
            "write <code>Amazon S3</code> &lt;now&gt;"
        );
        assert_eq!(inline("a ` stray"), "a ` stray");
    }

    #[test]
    fn markup_in_findings_is_text() {
        assert_eq!(
            esc("<b>\"Acme\" & 'Co'</b>"),
            "&lt;b&gt;&quot;Acme&quot; &amp; &#39;Co&#39;&lt;/b&gt;"
        );
    }
}
