//! TEMPORARY stub with the agreed API, replaced by the real renderers on merge.
use crate::diagnostic::FileReport;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub files_checked: usize,
    pub errors: usize,
    pub warnings: usize,
    pub files_with_findings: usize,
    pub fixes_applied: usize,
    pub fixable_remaining: usize,
}
impl Summary {
    pub fn from_reports(reports: &[FileReport], files_checked: usize) -> Summary {
        Summary { files_checked, ..Default::default() }.counted(reports)
    }
    fn counted(mut self, reports: &[FileReport]) -> Summary {
        for r in reports {
            for d in &r.diagnostics {
                match d.severity {
                    crate::diagnostic::Severity::Error => self.errors += 1,
                    crate::diagnostic::Severity::Warning => self.warnings += 1,
                }
            }
            if !r.diagnostics.is_empty() {
                self.files_with_findings += 1;
            }
        }
        self
    }
}
pub struct RenderOptions {
    pub color: bool,
    pub show_summary: bool,
}
pub fn render(
    _format: Format,
    reports: &[FileReport],
    _summary: &Summary,
    _options: &RenderOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    for r in reports {
        for d in &r.diagnostics {
            writeln!(out, "{}:{}: {}", r.path.display(), d.span.start, d.message)?;
        }
    }
    Ok(())
}
