//! One line per finding, for scripts, editors' quickfix lists and people who know the
//! rules: `path:line:col: severity[rule] message`, then the summary line.

use std::io;

use super::human::clean_line;
use super::{Position, RenderOptions, Summary, display_path, sorted};
use crate::diagnostic::FileReport;
use crate::lines::LineIndex;

pub(super) fn render(
    reports: &[FileReport],
    summary: &Summary,
    options: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    for report in reports {
        let path = clean_line(&display_path(&report.path));
        let index = LineIndex::new(&report.source);
        let mut text = String::new();
        for diagnostic in sorted(report) {
            let position = Position::of(diagnostic, &report.source, &index);
            let (line, column) = position.start;
            text.push_str(&format!(
                "{path}:{line}:{column}: {}[{}] {}\n",
                diagnostic.severity.as_str(),
                clean_line(&diagnostic.rule),
                clean_line(&diagnostic.message)
            ));
        }
        out.write_all(text.as_bytes())?;
    }
    if options.show_summary {
        writeln!(out, "{}", summary.sentence())?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::diagnostic::{Diagnostic, Severity};
    use crate::report::{Format, render};

    #[test]
    fn one_line_per_finding() {
        let source = "# T\n\nWe use Cloudwatch.\n";
        let start = source.find("Cloudwatch").expect("needle");
        let reports = [FileReport {
            path: PathBuf::from("docs/a.md"),
            source: source.to_string(),
            diagnostics: vec![
                Diagnostic::new(
                    "DOC-003/product-name",
                    Severity::Error,
                    start..start + 10,
                    "`Cloudwatch` is not\nthe name",
                ),
                Diagnostic::new("io", Severity::Error, 0..0, "gone"),
            ],
        }];
        let mut out = Vec::new();
        render(
            Format::Concise,
            &reports,
            &Summary::from_reports(&reports, 1),
            &RenderOptions::default(),
            &mut out,
        )
        .expect("render");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "docs/a.md:1:1: error[io] gone\n\
             docs/a.md:3:8: error[DOC-003/product-name] `Cloudwatch` is not the name\n\
             Checked 1 file: 2 errors in 1 file.\n"
        );
    }
}
