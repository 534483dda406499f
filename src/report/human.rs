//! The report for people: codespan-reporting's rustc-like layout, in ASCII.
//!
//! ```text
//! error[DOC-003/product-name]: `Cloudwatch` is not the product's name: write `Amazon CloudWatch`
//!   --> docs/acme.md:14:23
//!    |
//! 14 | We send our logs to Cloudwatch every night.
//!    |                     ^^^^^^^^^^
//!    |
//!    = help: write `Amazon CloudWatch`
//!    = note: DOC-003 in the checklist
//!
//! Checked 12 files: 1 error in 1 file. 1 can be fixed with --fix.
//! ```
//!
//! Whatever a message, path or file holds, one diagnostic line stays one output line and
//! no escape codes reach the terminal unless colours are on: line breaks and tabs in
//! messages become spaces, other control characters become `�`, and control characters
//! in the shown source line are replaced by placeholders of the same length in bytes, so
//! positions still match.

use std::borrow::Cow;
use std::io::{self, Write as _};

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Chars, Config, Renderer, WriteStyle};

use super::{Position, RenderOptions, Summary, display_path, sorted};
use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::lines::LineIndex;

/// How many suggestions the `= help: write …` note names at most.
const MAX_SUGGESTIONS: usize = 3;

pub(super) fn render(
    reports: &[FileReport],
    summary: &Summary,
    options: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let config = Config {
        chars: Chars::ascii(),
        ..Config::default()
    };
    for report in reports {
        let name = clean_line(&display_path(&report.path));
        let shown = visible_source(&report.source);
        let file = SimpleFile::new(name.as_str(), shown.as_ref());
        let index = LineIndex::new(&report.source);
        for diagnostic in sorted(report) {
            let position = Position::of(diagnostic, &report.source, &index);
            let rendered = render_one(diagnostic, &position, &file, &name, options, &config)?;
            out.write_all(&rendered)?;
        }
    }
    if options.show_summary {
        writeln!(out, "{}", summary.sentence())?;
    }
    out.flush()
}

/// One diagnostic, rendered into a buffer so that a failure never leaves half a
/// diagnostic on the terminal.
fn render_one(
    diagnostic: &Diagnostic,
    position: &Position,
    file: &SimpleFile<&str, &str>,
    name: &str,
    options: &RenderOptions,
    config: &Config,
) -> io::Result<Vec<u8>> {
    let severity = match diagnostic.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
    };
    let code = clean_line(&diagnostic.rule);
    let message = clean_line(&diagnostic.message);
    let notes = notes(diagnostic, options);

    if position.in_source {
        let report = cs::Diagnostic::new(severity)
            .with_code(&code)
            .with_message(&message)
            .with_label(cs::Label::primary((), position.bytes.clone()))
            .with_notes(notes.clone());
        let mut buffer = Vec::new();
        let result = if options.color {
            term::emit_to_write_style(&mut Ansi::new(&mut buffer), config, file, &report)
        } else {
            term::emit_to_write_style(&mut NoColor::new(&mut buffer), config, file, &report)
        };
        match result {
            Ok(()) => return Ok(buffer),
            Err(codespan_reporting::files::Error::Io(error)) => return Err(error),
            // Cannot happen with a normalised span; show the finding without its line
            // rather than lose it.
            Err(_) => {}
        }
    }

    let mut buffer = Vec::new();
    if options.color {
        without_location(
            &mut Ansi::new(&mut buffer),
            config,
            severity,
            &code,
            &message,
            name,
            &notes,
        )?;
    } else {
        without_location(
            &mut NoColor::new(&mut buffer),
            config,
            severity,
            &code,
            &message,
            name,
            &notes,
        )?;
    }
    Ok(buffer)
}

/// `error[io]: message`, then ` --> path`, then the notes: for files that could not be
/// read, where there is no line to show.
fn without_location<W: WriteColor>(
    writer: &mut W,
    config: &Config,
    severity: cs::Severity,
    code: &str,
    message: &str,
    name: &str,
    notes: &[String],
) -> io::Result<()> {
    let mut renderer = Renderer::new(writer, config);
    renderer
        .render_header(None, severity, Some(code), message)
        .map_err(into_io)?;
    // The same indent as the notes below it.
    write!(renderer, "  ")?;
    WriteStyle::set_source_border(&mut renderer)?;
    write!(renderer, "{}", config.chars.snippet_start)?;
    WriteStyle::reset(&mut renderer)?;
    writeln!(renderer, " {name}")?;
    for note in notes {
        renderer.render_snippet_note(1, note).map_err(into_io)?;
    }
    renderer.render_empty().map_err(into_io)?;
    Ok(())
}

fn into_io(error: codespan_reporting::files::Error) -> io::Error {
    match error {
        codespan_reporting::files::Error::Io(error) => error,
        other => io::Error::other(other.to_string()),
    }
}

/// The `= help:` and `= note:` lines under a diagnostic.
fn notes(diagnostic: &Diagnostic, options: &RenderOptions) -> Vec<String> {
    let mut notes = Vec::new();
    let mut replacements: Vec<&str> = Vec::new();
    if let Some(fix) = &diagnostic.fix {
        replacements.push(&fix.replacement);
    }
    for suggestion in &diagnostic.suggestions {
        if !replacements.contains(&suggestion.as_str()) {
            replacements.push(suggestion);
        }
    }
    let delete = replacements.contains(&"");
    replacements.retain(|r| !r.is_empty());
    replacements.truncate(MAX_SUGGESTIONS);
    match (replacements.is_empty(), delete) {
        (true, false) => {}
        (true, true) => notes.push("help: delete it".to_string()),
        (false, false) => notes.push(format!("help: write {}", one_of(&replacements))),
        (false, true) => notes.push(format!(
            "help: write {} or delete it",
            one_of(&replacements)
        )),
    }
    if let Some(help) = &diagnostic.help {
        let help = clean_line(help);
        if !help.trim().is_empty() {
            notes.push(format!("help: {}", help.trim()));
        }
    }
    let requirement = diagnostic.requirement.trim();
    if !requirement.is_empty() && requirement != diagnostic.rule {
        let requirement = clean_line(requirement);
        match options
            .requirement_titles
            .get(diagnostic.requirement.trim())
        {
            Some(title) => notes.push(format!(
                "note: {requirement} in the checklist: {}",
                clean_line(title)
            )),
            None => notes.push(format!("note: {requirement} in the checklist")),
        }
    }
    notes
}

/// `` `A` ``, `` `A` or `B` ``, `` `A`, `B` or `C` ``.
fn one_of(replacements: &[&str]) -> String {
    let quoted: Vec<String> = replacements.iter().map(|r| quote(r)).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// A replacement between backticks, so that spaces at its ends stay visible.
fn quote(replacement: &str) -> String {
    format!("`{}`", clean_line(replacement))
}

/// Text for one output line: line breaks and tabs become spaces; other control
/// characters (including escape) and bidirectional-override characters become `�`.
pub(super) fn clean_line(text: &str) -> String {
    let mut clean = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\t' => clean.push(' '),
            c if is_unsafe(c) => clean.push('\u{FFFD}'),
            c => clean.push(c),
        }
    }
    clean
}

/// The file's text as it can be shown on a terminal, with the same length in bytes and
/// characters per line as the original so spans and columns still match: control
/// characters other than tab and line endings become a placeholder of the same UTF-8
/// length (`?`, `¿`, `�`).
fn visible_source(source: &str) -> Cow<'_, str> {
    if !source.chars().any(|c| c == '\r' || is_unsafe(c)) {
        return Cow::Borrowed(source);
    }
    let mut shown = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        let keep = match c {
            '\r' => chars.peek() == Some(&'\n'),
            c => !is_unsafe(c),
        };
        if keep {
            shown.push(c);
        } else {
            shown.push(match c.len_utf8() {
                1 => '?',
                2 => '\u{BF}',
                3 => '\u{FFFD}',
                _ => c,
            });
        }
    }
    Cow::Owned(shown)
}

/// Characters that would move the cursor, change colours or reorder text on a terminal.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::diagnostic::Applicability;
    use crate::report::{Format, render as render_report};

    fn human(reports: &[FileReport], files_checked: usize, color: bool) -> String {
        let summary = Summary::from_reports(reports, files_checked);
        human_with(reports, &summary, color)
    }

    fn human_with(reports: &[FileReport], summary: &Summary, color: bool) -> String {
        let options = RenderOptions {
            color,
            ..RenderOptions::default()
        };
        let mut out = Vec::new();
        render_report(Format::Human, reports, summary, &options, &mut out).expect("render");
        String::from_utf8(out).expect("utf-8")
    }

    fn file(path: &str, source: &str, diagnostics: Vec<Diagnostic>) -> FileReport {
        FileReport {
            path: PathBuf::from(path),
            source: source.to_string(),
            diagnostics,
        }
    }

    fn at(source: &str, needle: &str) -> std::ops::Range<usize> {
        let start = source.find(needle).expect("needle");
        start..start + needle.len()
    }

    fn acme() -> FileReport {
        let source = "# Acme\n\nAcme, a café in Zürich, sends logs to Cloudwatch every night.\n\nIt stores backups in S3.\nWe use Dynamo DB\tfor orders.\n";
        let cloudwatch = Diagnostic::new(
            "DOC-003/product-name",
            Severity::Error,
            at(source, "Cloudwatch"),
            "`Cloudwatch` is not the product's name: write `Amazon CloudWatch`",
        )
        .with_fix("Amazon CloudWatch", Applicability::Safe);
        let s3 = Diagnostic::new(
            "DOC-003/first-mention",
            Severity::Warning,
            at(source, "S3"),
            "The first mention of `S3` should use its full name",
        )
        .with_fix("Amazon S3", Applicability::Unsafe)
        .with_suggestion("Amazon Simple Storage Service (Amazon S3)")
        .with_help("Spell out a product's name the first time it appears.");
        let dynamo = Diagnostic::new(
            "DOC-003/product-name",
            Severity::Error,
            at(source, "Dynamo DB"),
            "`Dynamo DB` is not the product's name: write `Amazon DynamoDB`",
        )
        .with_fix("Amazon DynamoDB", Applicability::Safe);
        // Out of order on purpose: the renderer sorts by position.
        file("docs/acme.md", source, vec![dynamo, cloudwatch, s3])
    }

    #[test]
    fn a_realistic_report() {
        let mut summary = Summary::from_reports(&[acme()], 3);
        summary.fixable_remaining = 2;
        let output = human_with(&[acme()], &summary, false);
        assert!(output.contains("error[DOC-003/product-name]: `Cloudwatch` is not the product's name: write `Amazon CloudWatch`\n  --> docs/acme.md:3:39\n"), "{output}");
        insta::assert_snapshot!(output);
    }

    #[test]
    fn no_escape_codes_without_color_and_some_with_it() {
        let plain = human(&[acme()], 1, false);
        assert!(!plain.contains('\x1b'));
        let colored = human(&[acme()], 1, true);
        assert!(colored.contains("\x1b["));
        // Same text once the codes are gone.
        assert_eq!(strip_ansi(&colored), plain);
    }

    fn strip_ansi(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn unreadable_file() {
        let io = Diagnostic::new(
            "io",
            Severity::Error,
            0..0,
            "This file could not be read: permission denied.",
        )
        .with_help("Check that the file exists and that you may read it.");
        let reports = [file("docs/secret.md", "", vec![io])];
        let output = human(&reports, 1, false);
        assert_eq!(
            output,
            "error[io]: This file could not be read: permission denied.\n  --> docs/secret.md\n  = help: Check that the file exists and that you may read it.\n\nChecked 1 file: 1 error in 1 file.\n"
        );
        let colored = human(&reports, 1, true);
        assert_eq!(strip_ansi(&colored), output);
    }

    #[test]
    fn odd_spans_do_not_panic() {
        let source = "é Cloudwatch\nline two";
        let spans = [
            0..1,                                 // inside `é`
            1..2,                                 // starts inside `é`
            std::ops::Range { start: 5, end: 3 }, // reversed
            8..8,                                 // empty
            10..99,                               // runs past the end
            99..120,                              // starts past the end
            source.len()..source.len(),
            0..source.len(), // two lines
        ];
        let diagnostics = spans
            .iter()
            .map(|span| Diagnostic::new("DOC-003/spelling", Severity::Warning, span.clone(), "odd"))
            .collect();
        let output = human(&[file("odd.md", source, diagnostics)], 1, false);
        insta::assert_snapshot!(output);
    }

    #[test]
    fn messages_cannot_break_lines_or_inject_escapes() {
        let source = "Tab\there \x1b[31mred\x1b[0m and \u{202E}evil\r\nnext\rline\n";
        let diagnostic = Diagnostic::new(
            "DOC-003/spelling\n",
            Severity::Warning,
            at(source, "red"),
            "line one\nline two\r\n\ttabbed \x1b[2J \"quoted\" `ticks` naïve \u{85}",
        )
        .with_fix("a\nb", Applicability::Safe)
        .with_help("help\nwith newline");
        let output = human(
            &[file("docs/we\nird.md", source, vec![diagnostic])],
            1,
            false,
        );
        assert!(!output.contains('\x1b'), "{output:?}");
        assert!(!output.contains('\r'), "{output:?}");
        assert!(!output.contains('\u{202E}'), "{output:?}");
        assert!(output.starts_with(
            "warning[DOC-003/spelling ]: line one line two  tabbed �[2J \"quoted\" `ticks` naïve �\n  --> docs/we ird.md:1:15\n"
        ), "{output}");
        insta::assert_snapshot!(output);
    }

    #[test]
    fn files_in_the_given_order_diagnostics_by_position() {
        let b_source = "one two\n";
        let b = file(
            "b.md",
            b_source,
            vec![
                Diagnostic::new("R/two", Severity::Warning, at(b_source, "two"), "second"),
                Diagnostic::new("R/one", Severity::Error, at(b_source, "one"), "first"),
            ],
        );
        let a = file(
            "a.md",
            "x\n",
            vec![Diagnostic::new("R/x", Severity::Error, 0..1, "third")],
        );
        let output = human(&[b, a], 2, false);
        let first = output.find("first").expect("first");
        let second = output.find("second").expect("second");
        let third = output.find("third").expect("third");
        assert!(first < second && second < third, "{output}");
    }

    #[test]
    fn requirement_note_only_when_it_differs_and_with_its_title() {
        let source = "Cloudwatch\n";
        let diagnostic = Diagnostic::new("DOC-003/product-name", Severity::Error, 0..10, "wrong");
        let reports = [file("a.md", source, vec![diagnostic])];
        let mut options = RenderOptions {
            show_summary: false,
            ..RenderOptions::default()
        };
        options
            .requirement_titles
            .insert("DOC-003".into(), "Customer-facing documents".into());
        let mut out = Vec::new();
        render(&reports, &Summary::default(), &options, &mut out).expect("render");
        let output = String::from_utf8(out).expect("utf-8");
        assert!(
            output.contains("= note: DOC-003 in the checklist: Customer-facing documents\n"),
            "{output}"
        );
        assert!(!output.contains("Checked"), "{output}");

        let same = Diagnostic::new("PS-004", Severity::Error, 0..10, "wrong");
        let output = human(&[file("a.md", source, vec![same])], 1, false);
        assert!(!output.contains("note:"), "{output}");
    }

    #[test]
    fn help_lists_suggestions() {
        assert_eq!(one_of(&["A"]), "`A`");
        assert_eq!(one_of(&["A", "B"]), "`A` or `B`");
        assert_eq!(one_of(&["A", "B", "C"]), "`A`, `B` or `C`");
    }

    #[test]
    fn an_empty_replacement_reads_as_delete() {
        let source = "the the end\n";
        let only = Diagnostic::new("DOC-003/grammar", Severity::Warning, 3..7, "`the` twice")
            .with_fix("", Applicability::Safe);
        let output = human(&[file("a.md", source, vec![only.clone()])], 1, false);
        assert!(output.contains("= help: delete it\n"), "{output}");
        let both = only.with_suggestion("then");
        let output = human(&[file("a.md", source, vec![both])], 1, false);
        assert!(
            output.contains("= help: write `then` or delete it\n"),
            "{output}"
        );
    }

    #[test]
    fn visible_source_keeps_byte_length() {
        let source = "a\x1b[0m\u{85}\u{202E}\tb\r\nc\rd";
        let shown = visible_source(source);
        assert_eq!(shown.len(), source.len());
        assert_eq!(shown.chars().count(), source.chars().count());
        assert_eq!(shown, "a?[0m\u{BF}\u{FFFD}\tb\r\nc?d");
    }

    #[test]
    fn empty_report() {
        assert_eq!(
            human(&[], 12, false),
            "Checked 12 files: no problems found.\n"
        );
        assert_eq!(human(&[], 0, false), "No files were checked.\n");
    }
}
