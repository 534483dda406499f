//! The self-assessment as the spreadsheet AWS asks for: one row per requirement id, in the
//! checklist's order, with the partner's answer, the evidence links and caselint's
//! verdict. The verdict comes from the findings of the run (so the configuration's levels
//! and the file's disable comments count), the answers from the file itself.

use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

use super::answers::{self, Answer};
use super::front;
use crate::diagnostic::{FileReport, Severity};
use crate::document::{Document, DocumentKind};
use crate::profile::{Control, Profile};

/// The columns, in order.
pub const COLUMNS: [&str; 8] = [
    "ID",
    "Category",
    "Title",
    "Requirement",
    "Applies to",
    "Answer",
    "Evidence",
    "caselint verdict",
];
const WIDTHS: [f64; 8] = [11.0, 24.0, 30.0, 60.0, 16.0, 60.0, 40.0, 40.0];
/// Excel's limit on the text of one cell.
const CELL_LIMIT: usize = 32_767;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "{path} is not a self-assessment (its front matter needs `caselint: self-assessment`), so there is nothing to export"
    )]
    NotSelfAssessment { path: String },
    #[error("cannot build the spreadsheet {path}: {source}")]
    Xlsx { path: String, source: XlsxError },
    #[error("cannot write the spreadsheet {path}: {reason}")]
    Write { path: String, reason: String },
}

/// One row of the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub category: String,
    pub title: String,
    pub requirement: String,
    pub applies_to: String,
    pub answer: String,
    pub evidence: Vec<String>,
    /// The verdict in words, as the spreadsheet shows it.
    pub verdict: String,
    /// The verdict for programs (a readiness overview).
    pub status: Status,
}

/// What the run found for one id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Answered, with no finding inside the answer.
    Answered,
    /// Answered, with warnings only.
    ToCheck,
    /// Answered, with an error inside the answer.
    NeedsWork,
    NotAnswered,
    /// Not asked of this delivery model (and not answered).
    NotApplicable,
    /// In a section the front matter's `other_competency` waives (and not answered).
    Waived,
}

/// The rows of `report` (a checked self-assessment), one per control of `profile`.
pub fn rows(profile: &Profile, report: &FileReport) -> Result<Vec<Row>, ExportError> {
    let (doc, _) = Document::parse(report.path.clone(), report.source.clone());
    if doc.kind != DocumentKind::SelfAssessment {
        return Err(ExportError::NotSelfAssessment {
            path: report.path.display().to_string(),
        });
    }
    let (facts, _) = front::read(&doc, profile);
    let found = answers::find(&doc, profile);
    Ok(profile
        .controls
        .iter()
        .zip(&found.by_control)
        .map(|(control, answers)| {
            let answer = answers.first();
            let (verdict, status) = verdict(
                control,
                answer,
                control.applies(&facts.models),
                waiver_of(profile, control, &facts, report),
                report,
            );
            Row {
                id: control.id.clone(),
                category: control.category.clone(),
                title: control.title.clone(),
                requirement: control.words.clone(),
                applies_to: control.applies_to_text(),
                answer: answer.map(|a| a.text(&doc)).unwrap_or_default(),
                evidence: answer.map(|a| evidence(&doc, a)).unwrap_or_default(),
                verdict,
                status,
            }
        })
        .collect())
}

fn evidence(doc: &Document, answer: &Answer) -> Vec<String> {
    let mut out: Vec<String> = answer
        .links
        .iter()
        .map(|&i| doc.links[i].destination.trim().to_string())
        .filter(|d| !d.is_empty() && !d.starts_with('#'))
        .collect();
    out.dedup();
    out
}

/// "waived: …" for an unanswered id of a waivable section that the run did not report
/// (the waiver held on the run's date).
fn waiver_of(
    profile: &Profile,
    control: &Control,
    facts: &front::Facts,
    report: &FileReport,
) -> Option<String> {
    let waiver = facts.waiver.as_ref()?;
    let waivable = profile
        .self_assessment
        .waivable_sections
        .contains(&control.section);
    let reported = report.diagnostics.iter().any(|d| {
        d.rule == super::rules::UNANSWERED && d.message.starts_with(&format!("{} ", control.id))
    });
    (waivable && !reported)
        .then(|| format!("waived: {} achieved {}", waiver.competency, waiver.achieved))
}

fn verdict(
    control: &Control,
    answer: Option<&Answer>,
    applies: bool,
    waived: Option<String>,
    report: &FileReport,
) -> (String, Status) {
    let Some(answer) = answer else {
        return if let Some(waived) = waived.filter(|_| applies) {
            (waived, Status::Waived)
        } else if applies {
            ("not answered".to_string(), Status::NotAnswered)
        } else {
            (
                format!("not applicable (applies to {})", control.applies_to_text()),
                Status::NotApplicable,
            )
        };
    };
    let inside: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| answer.span.start <= d.span.start && d.span.end <= answer.span.end)
        .collect();
    let say = |severity: Severity| -> Vec<String> {
        inside
            .iter()
            .filter(|d| d.severity == severity)
            .map(|d| format!("{}: {}", d.rule, d.message))
            .collect()
    };
    let errors = say(Severity::Error);
    let warnings = say(Severity::Warning);
    let prefix = if applies { "" } else { "not applicable; " };
    if !errors.is_empty() {
        (
            format!("{prefix}needs work: {}", errors.join("; ")),
            Status::NeedsWork,
        )
    } else if !warnings.is_empty() {
        (
            format!("{prefix}answered, to check: {}", warnings.join("; ")),
            Status::ToCheck,
        )
    } else {
        (format!("{prefix}answered"), Status::Answered)
    }
}

fn cell(text: &str) -> String {
    if text.len() <= CELL_LIMIT {
        return text.to_string();
    }
    let mut end = CELL_LIMIT - 3;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// The workbook's bytes: a header row, then [`rows`].
pub fn workbook(profile: &Profile, rows: &[Row]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title(format!("Self-assessment: {}", profile.profile.title))
            .set_author("caselint"),
    );
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let sheet = book.add_worksheet();
    sheet.set_name("Self-assessment")?;
    for (col, (name, width)) in COLUMNS.iter().zip(WIDTHS).enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, *name, &header)?;
        sheet.set_column_width(col, width)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        let values = [
            row.id.clone(),
            row.category.clone(),
            row.title.clone(),
            row.requirement.clone(),
            row.applies_to.clone(),
            row.answer.clone(),
            row.evidence.join("\n"),
            row.verdict.clone(),
        ];
        for (col, value) in values.iter().enumerate() {
            sheet.write_string_with_format(r, col as u16, cell(value), &wrap)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows.len() as u32, COLUMNS.len() as u16 - 1)?;
    book.save_to_buffer()
}

/// Writes the spreadsheet of a checked self-assessment to `path`, atomically: a crash
/// leaves the old file (or none), never half a workbook.
pub fn export_xlsx(path: &Path, profile: &Profile, report: &FileReport) -> Result<(), ExportError> {
    let rows = rows(profile, report)?;
    let bytes = workbook(profile, &rows).map_err(|source| ExportError::Xlsx {
        path: path.display().to_string(),
        source,
    })?;
    crate::fix::write_atomic_bytes(path, &bytes).map_err(|err| {
        // The writer's words are about saving fixes; keep only its reason.
        let text = err.to_string();
        let prefix = format!("{}: ", err.path().display());
        let reason = text
            .find(&prefix)
            .map_or(text.as_str(), |at| &text[at + prefix.len()..]);
        ExportError::Write {
            path: path.display().to_string(),
            reason: reason.to_string(),
        }
    })
}

/// `check --xlsx FILE`: exports the one self-assessment among the checked files.
pub fn export_checked(
    path: &Path,
    profile: &Profile,
    reports: &[FileReport],
) -> Result<(), String> {
    let assessments: Vec<&FileReport> = reports
        .iter()
        .filter(|r| {
            !r.source.is_empty()
                && Document::parse(r.path.clone(), r.source.clone()).0.kind
                    == DocumentKind::SelfAssessment
        })
        .collect();
    match assessments.as_slice() {
        [one] => export_xlsx(path, profile, one).map_err(|err| err.to_string()),
        [] => Err(format!(
            "--xlsx {}: none of the checked files is a self-assessment (`caselint: self-assessment` in its front matter)",
            path.display()
        )),
        many => Err(format!(
            "--xlsx {}: {} self-assessments were checked ({}); check one at a time",
            path.display(),
            many.len(),
            many.iter()
                .map(|r| r.path.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}
