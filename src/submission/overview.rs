//! The readiness overview: one submission's case studies against the checklist's
//! requirements (a matrix), the portfolio results and every finding, with a verdict.
//! Built from the run's reports; the renderers (`crate::report::readiness`) only lay it
//! out, so the terminal, JSON and HTML views cannot disagree.

use jiff::civil::Date;

use super::portfolio::{Outcome, Status};
use crate::diagnostic::{FileReport, Severity};
use crate::document::Document;
use crate::lines::LineIndex;
use crate::meta::read_meta;
use crate::profile::Profile;
use crate::report::Position;

/// The matrix column for findings about writing (names, spelling, grammar).
pub const WRITING: &str = "DOC-003";
/// The matrix column for findings that belong to no listed requirement.
pub const OTHER: &str = "other";

#[derive(Debug, Clone)]
pub struct Overview {
    pub today: Date,
    pub checklist: Checklist,
    /// The folder the submission was read from, as given.
    pub root: String,
    /// The manifest file, when there is one.
    pub manifest: Option<String>,
    pub partner: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub portfolio: Vec<Outcome>,
    /// Every finding: the case studies' (in row order, by position), then the
    /// submission's (`row` is `None`).
    pub findings: Vec<Finding>,
    pub verdict: Verdict,
}

#[derive(Debug, Clone)]
pub struct Checklist {
    pub id: String,
    pub title: String,
    pub released: String,
    pub valid_until: String,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct Row {
    /// Relative to the submission's folder, `/` separators.
    pub name: String,
    /// The path as reported by the run.
    pub path: String,
    pub customer: Option<String>,
    pub visibility: Option<String>,
    pub production_since: Option<String>,
    /// One per column, in column order.
    pub cells: Vec<Cell>,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellStatus {
    Met,
    Warning,
    Missing,
    /// The requirement does not apply (CS-2.2 for a private case study).
    NotApplicable,
}

impl CellStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CellStatus::Met => "met",
            CellStatus::Warning => "warning",
            CellStatus::Missing => "missing",
            CellStatus::NotApplicable => "n/a",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub status: CellStatus,
    /// Indices into [`Overview::findings`].
    pub findings: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Finding {
    /// Index into [`Overview::rows`]; `None` for a submission-level finding.
    pub row: Option<usize>,
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// Whether it points at a place in the file (submission findings do not).
    pub located: bool,
    pub rule: String,
    pub requirement: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerdictStatus {
    /// Nothing blocks, nothing to review.
    Ready,
    /// No errors, but warnings or facts not recorded.
    Review,
    NotReady,
}

impl VerdictStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            VerdictStatus::Ready => "ready",
            VerdictStatus::Review => "review",
            VerdictStatus::NotReady => "not-ready",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Verdict {
    pub status: VerdictStatus,
    pub errors: usize,
    pub warnings: usize,
    /// Facts nobody recorded (no manifest).
    pub unknown: usize,
    pub sentence: String,
}

/// What the overview is built from.
pub struct Input<'a> {
    pub profile: &'a Profile,
    pub today: Date,
    pub root: String,
    pub manifest: Option<String>,
    pub partner: Option<String>,
    /// The case studies' reports, each with its name relative to the submission folder.
    pub case_studies: Vec<(String, &'a FileReport)>,
    pub portfolio: Vec<Outcome>,
    /// The submission-level report (its findings come from `portfolio`, levels applied).
    pub submission: &'a FileReport,
}

pub fn build(input: Input) -> Overview {
    let profile = input.profile;
    let mut columns: Vec<Column> = profile
        .requirements
        .iter()
        .filter(|r| r.kinds.iter().any(|k| k == "case-study"))
        .map(|r| Column {
            id: r.id.clone(),
            title: r.title.clone(),
        })
        .collect();
    columns.push(Column {
        id: WRITING.to_string(),
        title: "Product names, spelling and grammar".to_string(),
    });
    columns.push(Column {
        id: OTHER.to_string(),
        title: "Front matter and other findings".to_string(),
    });
    let mut findings = Vec::new();
    let mut rows = Vec::new();
    for (row_index, (name, report)) in input.case_studies.iter().enumerate() {
        let (doc, _) = Document::parse(&report.path, report.source.clone());
        let meta = read_meta(&doc, &profile.profile).0;
        let visibility = meta
            .as_ref()
            .and_then(|m| m.visibility)
            .map(|v| v.as_str().to_string());
        let index = LineIndex::new(&report.source);
        let mut cells: Vec<Cell> = columns
            .iter()
            .map(|column| {
                let applies = profile.requirement(&column.id).is_none_or(|r| {
                    r.applies_to("case-study", visibility.as_deref().unwrap_or("private"))
                });
                Cell {
                    status: if applies {
                        CellStatus::Met
                    } else {
                        CellStatus::NotApplicable
                    },
                    findings: Vec::new(),
                }
            })
            .collect();
        let (mut errors, mut warnings) = (0, 0);
        let mut sorted: Vec<&crate::diagnostic::Diagnostic> = report.diagnostics.iter().collect();
        sorted.sort_by_key(|d| (d.span.start, d.span.end));
        for diagnostic in sorted {
            let position = Position::of(diagnostic, &report.source, &index);
            let column = column_of(&columns, &diagnostic.requirement, &diagnostic.rule);
            let cell = &mut cells[column];
            cell.findings.push(findings.len());
            cell.status = match (cell.status, diagnostic.severity) {
                (_, Severity::Error) => CellStatus::Missing,
                (CellStatus::Missing, _) => CellStatus::Missing,
                (_, Severity::Warning) => CellStatus::Warning,
            };
            match diagnostic.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
            findings.push(Finding {
                row: Some(row_index),
                path: crate::report::display_path(&report.path),
                line: position.start.0,
                column: position.start.1,
                located: position.in_source,
                rule: diagnostic.rule.clone(),
                requirement: diagnostic.requirement.clone(),
                severity: diagnostic.severity,
                message: diagnostic.message.clone(),
                help: diagnostic.help.clone(),
            });
        }
        rows.push(Row {
            name: name.clone(),
            path: crate::report::display_path(&report.path),
            customer: meta.as_ref().and_then(|m| {
                m.customer
                    .name
                    .clone()
                    .or_else(|| m.customer.description.clone())
            }),
            visibility,
            production_since: meta
                .as_ref()
                .and_then(|m| m.production_since)
                .map(|d| d.to_string()),
            cells,
            errors,
            warnings,
        });
    }
    let submission_path = crate::report::display_path(&input.submission.path);
    for diagnostic in &input.submission.diagnostics {
        findings.push(Finding {
            row: None,
            path: submission_path.clone(),
            line: 1,
            column: 1,
            located: false,
            rule: diagnostic.rule.clone(),
            requirement: diagnostic.requirement.clone(),
            severity: diagnostic.severity,
            message: diagnostic.message.clone(),
            help: diagnostic.help.clone(),
        });
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    let unknown = input
        .portfolio
        .iter()
        .filter(|o| o.status == Status::Unknown)
        .count();
    let verdict = verdict(errors, warnings, unknown, rows.len());
    Overview {
        today: input.today,
        checklist: Checklist {
            id: profile.profile.id.clone(),
            title: profile.profile.title.clone(),
            released: profile.profile.released.clone(),
            valid_until: profile.profile.valid_until.clone(),
        },
        root: input.root,
        manifest: input.manifest,
        partner: input.partner,
        columns,
        rows,
        portfolio: input.portfolio,
        findings,
        verdict,
    }
}

/// The column a finding belongs to: its requirement's, names and spelling under
/// DOC-003, the rest under "other".
fn column_of(columns: &[Column], requirement: &str, rule: &str) -> usize {
    let by_id = |id: &str| columns.iter().position(|c| c.id.eq_ignore_ascii_case(id));
    by_id(requirement)
        .or_else(|| by_id(rule.split('/').next().unwrap_or_default()))
        .or_else(|| by_id(OTHER))
        .unwrap_or(columns.len() - 1)
}

fn verdict(errors: usize, warnings: usize, unknown: usize, case_studies: usize) -> Verdict {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let (status, sentence) = if errors > 0 {
        (
            VerdictStatus::NotReady,
            format!(
                "Not ready to submit: {} to fix{}.",
                plural(errors, "problem", "problems"),
                if warnings > 0 {
                    format!(", {} to review", plural(warnings, "warning", "warnings"))
                } else {
                    String::new()
                }
            ),
        )
    } else if warnings > 0 || unknown > 0 {
        let mut parts = Vec::new();
        if warnings > 0 {
            parts.push(format!(
                "{} to review",
                plural(warnings, "warning", "warnings")
            ));
        }
        if unknown > 0 {
            parts.push(format!(
                "{} not recorded in a manifest",
                plural(unknown, "fact", "facts")
            ));
        }
        (
            VerdictStatus::Review,
            format!(
                "No blocking problems in {}; {}.",
                plural(case_studies, "case study", "case studies"),
                parts.join(" and ")
            ),
        )
    } else {
        (
            VerdictStatus::Ready,
            format!(
                "Ready to submit: {} and the portfolio checks pass.",
                plural(case_studies, "case study", "case studies")
            ),
        )
    };
    Verdict {
        status,
        errors,
        warnings,
        unknown,
        sentence,
    }
}
