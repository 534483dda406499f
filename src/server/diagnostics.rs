//! caselint findings as LSP diagnostics.

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Uri,
};

use super::documents::Findings;
use crate::diagnostic::{Diagnostic, Severity};

/// What editors show as the diagnostics' origin.
pub const SOURCE: &str = "caselint";

pub fn to_lsp(diagnostic: &Diagnostic, findings: &Findings, uri: &Uri) -> lsp_types::Diagnostic {
    let range = findings
        .lines
        .range(&findings.report.source, &diagnostic.span);
    let link = diagnostic
        .help
        .as_deref()
        .filter(|help| help.starts_with("https://") || help.starts_with("http://"))
        .and_then(|help| help.parse::<Uri>().ok());
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help
        && link.is_none()
    {
        message.push('\n');
        message.push_str(help);
    }
    lsp_types::Diagnostic {
        range,
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.rule.clone())),
        code_description: link.map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message,
        related_information: related(diagnostic, findings, uri),
        tags: None,
        data: None,
    }
}

/// Where the evidence a finding points to lies, so the editor can jump there.
fn related(
    diagnostic: &Diagnostic,
    findings: &Findings,
    uri: &Uri,
) -> Option<Vec<DiagnosticRelatedInformation>> {
    if diagnostic.related.is_empty() {
        return None;
    }
    Some(
        diagnostic
            .related
            .iter()
            .map(|related| DiagnosticRelatedInformation {
                location: Location {
                    uri: uri.clone(),
                    range: findings.lines.range(&findings.report.source, &related.span),
                },
                message: related.message.clone(),
            })
            .collect(),
    )
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
    }
}

pub fn all(findings: &Findings, uri: &Uri) -> Vec<lsp_types::Diagnostic> {
    findings
        .report
        .diagnostics
        .iter()
        .map(|d| to_lsp(d, findings, uri))
        .collect()
}
