//! The report for people: per file, findings grouped under the checklist requirement
//! they belong to. Each requirement is named and quoted once per file; each finding shows
//! the line it points at (a window of it when the line is long) and only the help not
//! already said above it.
//!
//! ```text
//! samples/docs/getting-started.md
//! DOC-003 Customer facing documentation
//!   The checklist asks: "All references to AWS services must use the correct product names."
//!
//! error[DOC-003/product-name]: `Cloudwatch` is not the product's name: write `Amazon CloudWatch`
//!   --> samples/docs/getting-started.md:17:41
//!    |
//! 17 | We watch every part of the service with Cloudwatch alarms, and each import job
//!    |                                         ^^^^^^^^^^
//!    = help: write `Amazon CloudWatch`
//!
//! Checked 12 files: 1 error in 1 file. 1 can be fixed with --fix.
//! ```
//!
//! Whatever a message, path or file holds, one diagnostic line stays one output line and
//! no escape codes reach the terminal unless colours are on: line breaks and tabs become
//! spaces, other control characters become `�`. The work per finding is bounded by the
//! window, never by the length of the line: a 1 MB line prints about 100 characters.

use std::io;
use std::ops::Range;

use super::{Position, RenderOptions, Summary, display_path, sorted};
use crate::diagnostic::{Diagnostic, FileReport, Met, Severity};
use crate::lines::LineIndex;

/// How many suggestions the `= help: write …` note names at most.
const MAX_SUGGESTIONS: usize = 3;
/// A line up to this many bytes is shown whole…
const WHOLE_LINE_BYTES: usize = 160;
/// …a longer one as a window: this many bytes before the finding…
const WINDOW_BEFORE: usize = 50;
/// …and up to this many from its start.
const WINDOW_AFTER: usize = 90;

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn severity(&self, severity: Severity, text: &str) -> String {
        match severity {
            Severity::Error => self.paint("1;31", text),
            Severity::Warning => self.paint("1;33", text),
        }
    }
    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
    fn gutter(&self, text: &str) -> String {
        self.paint("1;34", text)
    }
}

pub(super) fn render(
    reports: &[FileReport],
    summary: &Summary,
    options: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let style = Style {
        color: options.color,
    };
    for report in reports {
        let met = options.met.get(&report.path).map_or(&[][..], Vec::as_slice);
        if report.diagnostics.is_empty() && met.is_empty() {
            continue;
        }
        // One buffer per file: a failure never leaves half a file's report on the terminal.
        let text = render_file(report, met, options, &style);
        out.write_all(text.as_bytes())?;
    }
    if options.show_summary {
        writeln!(out, "{}", summary.sentence())?;
    }
    out.flush()
}

/// Findings of one requirement (or of one rule without a requirement), in file order.
struct Group<'a> {
    requirement: String,
    diagnostics: Vec<&'a Diagnostic>,
}

fn groups(report: &FileReport) -> Vec<Group<'_>> {
    let mut groups: Vec<Group> = Vec::new();
    for diagnostic in sorted(report) {
        let key = group_key(diagnostic);
        match groups.iter_mut().find(|g| g.requirement == key) {
            Some(group) => group.diagnostics.push(diagnostic),
            None => groups.push(Group {
                requirement: key,
                diagnostics: vec![diagnostic],
            }),
        }
    }
    groups
}

/// The requirement a finding is filed under; empty for findings about caselint itself
/// (`io`, comments), which get no heading.
fn group_key(diagnostic: &Diagnostic) -> String {
    let requirement = diagnostic.requirement.trim();
    if requirement.chars().any(|c| c.is_ascii_digit()) {
        requirement.to_string()
    } else {
        String::new()
    }
}

fn render_file(report: &FileReport, met: &[Met], options: &RenderOptions, style: &Style) -> String {
    let path = clean_line(&display_path(&report.path));
    let index = LineIndex::new(&report.source);
    let mut text = String::new();
    text.push_str(&style.bold(&path));
    text.push('\n');
    for group in groups(report) {
        let quote = group_heading(&group.requirement, options);
        if let Some((title, words)) = &quote {
            text.push_str(&style.bold(title));
            text.push('\n');
            if let Some(words) = words {
                text.push_str(&format!(
                    "  The checklist asks: \"{}\"\n",
                    clean_line(words)
                ));
            }
        }
        text.push('\n');
        let mut said: Vec<String> = Vec::new();
        let mut last_span: Option<Range<usize>> = None;
        for diagnostic in &group.diagnostics {
            let position = Position::of(diagnostic, &report.source, &index);
            let same_place = last_span.as_ref() == Some(&position.bytes) && position.in_source;
            if last_span.is_some() && !same_place {
                text.push('\n');
            }
            text.push_str(&finding(
                diagnostic,
                &position,
                &report.source,
                &index,
                &path,
                same_place,
                &mut said,
                &group.requirement,
                style,
            ));
            last_span = Some(position.bytes.clone());
        }
        text.push('\n');
    }
    if !met.is_empty() {
        text.push_str(&verbose_section(met, &report.source, &index, style));
        text.push('\n');
    }
    text
}

/// `UCR-002 Key Business Challenge` and the checklist's words, from the profile or the
/// rule's own documentation.
fn group_heading(requirement: &str, options: &RenderOptions) -> Option<(String, Option<String>)> {
    if requirement.is_empty() {
        return None;
    }
    let from_profile = options
        .profile
        .as_ref()
        .and_then(|p| p.requirement(requirement))
        .map(|r| (r.title.clone(), r.words.clone()));
    let from_rules = crate::rules::all_rules()
        .iter()
        .find(|r| r.requirement == requirement)
        .map(|r| {
            (
                r.requirement_title.to_string(),
                r.checklist_words.to_string(),
            )
        });
    let (title, words) = match from_profile.or(from_rules) {
        Some((title, words)) => (Some(title), Some(words)),
        None => (options.requirement_titles.get(requirement).cloned(), None),
    };
    let heading = match title {
        Some(title) => format!("{} {}", clean_line(requirement), clean_line(&title)),
        None => format!("Checklist {}", clean_line(requirement)),
    };
    Some((heading, words.filter(|w| !w.trim().is_empty())))
}

#[allow(clippy::too_many_arguments)]
fn finding(
    diagnostic: &Diagnostic,
    position: &Position,
    source: &str,
    index: &LineIndex,
    path: &str,
    same_place: bool,
    said: &mut Vec<String>,
    requirement: &str,
    style: &Style,
) -> String {
    let mut text = String::new();
    let severity = diagnostic.severity.as_str();
    text.push_str(&style.severity(
        diagnostic.severity,
        &format!("{severity}[{}]", clean_line(&diagnostic.rule)),
    ));
    text.push_str(&style.bold(&format!(": {}", clean_line(&diagnostic.message))));
    text.push('\n');
    let arrow = style.gutter("-->");
    if !position.in_source {
        text.push_str(&format!("  {arrow} {path}\n"));
    } else {
        let (line, column) = position.start;
        text.push_str(&format!("  {arrow} {path}:{line}:{column}\n"));
    }
    let mut gutter_width = 2;
    if position.in_source && !same_place {
        let snippet = Snippet::of(source, index, &position.bytes);
        let number = snippet.line.to_string();
        gutter_width = number.len() + 1;
        let pad = " ".repeat(number.len());
        let bar = style.gutter("|");
        text.push_str(&format!("{pad} {bar}\n"));
        text.push_str(&format!(
            "{} {bar} {}\n",
            style.gutter(&number),
            snippet.text
        ));
        let carets = format!(
            "{}{}",
            " ".repeat(snippet.caret_at),
            "^".repeat(snippet.caret_len)
        );
        text.push_str(&format!(
            "{pad} {bar} {}\n",
            style.severity(diagnostic.severity, &carets)
        ));
    }
    let indent = " ".repeat(gutter_width);
    for note in notes(diagnostic, said, requirement) {
        text.push_str(&format!("{indent}{} {note}\n", style.gutter("=")));
    }
    for related in &diagnostic.related {
        let at = Position::of_span(&related.span, source, index);
        if at.in_source {
            let (line, column) = at.start;
            text.push_str(&format!(
                "{indent}{} note: {}: {path}:{line}:{column}\n",
                style.gutter("="),
                clean_line(&related.message)
            ));
        }
    }
    text
}

/// The shown part of the line a finding starts on, and where its carets go (in
/// characters from the start of the shown text).
struct Snippet {
    line: usize,
    text: String,
    caret_at: usize,
    caret_len: usize,
}

impl Snippet {
    fn of(source: &str, index: &LineIndex, bytes: &Range<usize>) -> Snippet {
        let line = index.line(bytes.start);
        let whole = index.line_range(source, line);
        let start = bytes.start.clamp(whole.start, whole.end);
        let end = bytes.end.clamp(start, whole.end);
        let (from, to) = if whole.len() <= WHOLE_LINE_BYTES {
            (whole.start, whole.end)
        } else {
            let from = floor_char(source, start.saturating_sub(WINDOW_BEFORE).max(whole.start));
            let to = ceil_char(source, (start + WINDOW_AFTER).min(whole.end));
            (from, to)
        };
        let shown_end = end.min(to);
        let mut text = String::new();
        let mut caret_at = 0;
        if from > whole.start {
            text.push('…');
            caret_at += 1;
        }
        let before = &source[from..start];
        let marked = &source[start..shown_end];
        caret_at += before.chars().count();
        let caret_len = marked.chars().count().max(1);
        text.push_str(&clean_line(&source[from..to]));
        if to < whole.end {
            text.push('…');
        }
        Snippet {
            line,
            text,
            caret_at,
            caret_len,
        }
    }
}

fn floor_char(source: &str, mut at: usize) -> usize {
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char(source: &str, mut at: usize) -> usize {
    while !source.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// `--verbose`: what caselint read as the answer to each requirement check that passed.
fn verbose_section(met: &[Met], source: &str, index: &LineIndex, style: &Style) -> String {
    let mut text = style.bold("Met");
    text.push('\n');
    for check in met {
        if check.found.is_empty() {
            text.push_str(&format!("  ok {}\n", clean_line(&check.rule)));
            continue;
        }
        for (span, note) in &check.found {
            let line = index.line(span.start.min(source.len()));
            text.push_str(&format!(
                "  ok {} (line {line}): {}\n",
                clean_line(&check.rule),
                clean_line(note)
            ));
        }
    }
    text
}

/// The `= help:` lines under a finding: its replacements, then the sentences of its help
/// that this group has not said yet. The checklist's words are not repeated: the group's
/// heading quotes them.
fn notes(diagnostic: &Diagnostic, said: &mut Vec<String>, requirement: &str) -> Vec<String> {
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
        let help = without_quote(&clean_line(help), requirement);
        let fresh: Vec<String> = sentences(&help)
            .into_iter()
            .filter(|sentence| !said.contains(sentence))
            .collect();
        if !fresh.is_empty() {
            notes.push(format!("help: {}", fresh.join(" ")));
            said.extend(fresh);
        }
    }
    notes
}

/// Help without the `(checklist UCR-002: "…")` quote the rules append: the group heading
/// says it once.
fn without_quote(help: &str, requirement: &str) -> String {
    if requirement.is_empty() {
        return help.to_string();
    }
    let marker = format!("(checklist {requirement}: \"");
    match help.find(&marker) {
        Some(start) => {
            let rest = &help[start + marker.len()..];
            let end = rest
                .find("\")")
                .map_or(help.len(), |i| start + marker.len() + i + 2);
            format!("{}{}", help[..start].trim_end(), &help[end..])
                .trim()
                .to_string()
        }
        None => help.to_string(),
    }
}

/// Sentences of a help text, each with its full stop, so that a sentence several
/// findings share is said once.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') && bytes.get(i + 1).is_none_or(|b| *b == b' ') {
            let sentence = text[start..=i].trim();
            if !sentence.is_empty() {
                out.push(sentence.to_string());
            }
            start = i + 1;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out
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
/// characters (including escape) and bidirectional-override characters become `�`. Each
/// character becomes exactly one, so columns in a shown line still match.
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
            "docs/secret.md\n\nerror[io]: This file could not be read: permission denied.\n  --> docs/secret.md\n  = help: Check that the file exists and that you may read it.\n\nChecked 1 file: 1 error in 1 file.\n"
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
        assert!(output.contains(
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
    fn a_requirement_is_quoted_once_and_shared_help_said_once() {
        let source = "# Acme\n\n## Key business challenge\n\nThings broke.\n";
        let heading = at(source, "## Key business challenge");
        let help = "Describe the business problem. (checklist UCR-002: \"Their documentation must identify risks.\")";
        let diagnostics = vec![
            Diagnostic::new(
                "UCR-002/detail",
                Severity::Error,
                heading.clone(),
                "too short",
            )
            .with_requirement("UCR-002")
            .with_help(format!("Write more. {help}")),
            Diagnostic::new(
                "UCR-002/impact",
                Severity::Error,
                heading.clone(),
                "no number",
            )
            .with_requirement("UCR-002")
            .with_help(help),
            Diagnostic::new(
                "DOC-003/spelling",
                Severity::Warning,
                at(source, "Things"),
                "odd",
            ),
        ];
        let profile = crate::profile::Profile::builtin().expect("profile");
        let options = RenderOptions {
            profile: Some(profile),
            ..RenderOptions::default()
        };
        let reports = [file("a.md", source, diagnostics)];
        let mut out = Vec::new();
        render(
            &reports,
            &Summary::from_reports(&reports, 1),
            &options,
            &mut out,
        )
        .expect("render");
        let output = String::from_utf8(out).expect("utf-8");
        assert_eq!(output.matches("The checklist asks").count(), 2, "{output}");
        assert_eq!(
            output.matches("UCR-002 Key Business Challenge").count(),
            1,
            "{output}"
        );
        assert_eq!(
            output.matches("Describe the business problem.").count(),
            1,
            "{output}"
        );
        assert!(
            !output.contains("Their documentation must identify risks."),
            "{output}"
        );
        assert_eq!(
            output.matches("## Key business challenge").count(),
            1,
            "{output}"
        );
        insta::assert_snapshot!(output);
    }

    #[test]
    fn a_huge_line_is_cut_around_the_finding() {
        let mut source = "word ".repeat(200_000);
        let start = source.len() / 2;
        source.replace_range(start..start + 10, "Cloudwatch");
        let reports = [file(
            "big.md",
            &source,
            vec![Diagnostic::new(
                "DOC-003/product-name",
                Severity::Error,
                start..start + 10,
                "wrong",
            )],
        )];
        let output = human(&reports, 1, false);
        assert!(output.len() < 1_000, "{} bytes", output.len());
        let shown = output
            .lines()
            .find(|l| l.contains("Cloudwatch"))
            .expect("the line is shown");
        let carets = output.lines().find(|l| l.contains('^')).expect("carets");
        let column = shown.find("Cloudwatch").expect("name");
        let caret = carets.find('^').expect("caret");
        assert_eq!(
            shown[..column].chars().count(),
            carets[..caret].chars().count(),
            "{output}"
        );
        assert!(shown.contains('…'), "{output}");
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
    fn empty_report() {
        assert_eq!(
            human(&[], 12, false),
            "Checked 12 files: no problems found.\n"
        );
        assert_eq!(human(&[], 0, false), "No files were checked.\n");
    }
}
