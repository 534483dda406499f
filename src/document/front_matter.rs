//! Front matter: a YAML block between `---` lines or a TOML block between `+++` lines at
//! the very start of a file (after an optional BOM). It is metadata, never prose.

use std::ops::Range;

use serde_json::{Map, Value};

use super::DocumentKind;
use super::suggest::did_you_mean;
use crate::diagnostic::{Applicability, Diagnostic, Severity, file_rules};
use crate::lines::LineIndex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FrontMatterFormat {
    /// Between `---` lines (closed by `---` or `...`).
    Yaml,
    /// Between `+++` lines.
    Toml,
}

impl FrontMatterFormat {
    pub fn name(self) -> &'static str {
        match self {
            FrontMatterFormat::Yaml => "YAML",
            FrontMatterFormat::Toml => "TOML",
        }
    }

    fn fence(self) -> &'static str {
        match self {
            FrontMatterFormat::Yaml => "---",
            FrontMatterFormat::Toml => "+++",
        }
    }

    /// What separates a key from its value.
    fn separator(self) -> u8 {
        match self {
            FrontMatterFormat::Yaml => b':',
            FrontMatterFormat::Toml => b'=',
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    pub format: FrontMatterFormat,
    /// The whole block, from the opening fence to the end of the closing fence line (its
    /// line break excluded). Starts after the BOM, if any.
    pub span: Range<usize>,
    /// Between the fences: from the line after the opening fence to the start of the
    /// closing fence line (so it ends with the last content line's line break).
    pub content_span: Range<usize>,
    /// The parsed mapping (keys to values, as JSON), `None` when the block is malformed or
    /// is not a mapping. Dates and times are strings; an empty block is an empty mapping.
    pub data: Option<Value>,
}

/// Where a top-level key is written in the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyLocation {
    /// The key's line, without its line break.
    pub line: Range<usize>,
    /// The key itself (without quotes).
    pub key: Range<usize>,
    /// The value written on the same line, trimmed, without surrounding quotes or a
    /// trailing `# comment`; empty (at the end of the line) when the value is on the next
    /// lines (a nested mapping or list).
    pub value: Range<usize>,
}

impl FrontMatter {
    /// Finds the line of a top-level key, so a diagnostic about it can point there.
    pub fn key_location(&self, source: &str, key: &str) -> Option<KeyLocation> {
        let separator = self.format.separator();
        for (start, line, _) in lines_from(source, self.content_span.start) {
            if start >= self.content_span.end {
                break;
            }
            if self.format == FrontMatterFormat::Toml && line.starts_with('[') {
                break; // Keys after a [table] header are not top-level.
            }
            let bytes = line.as_bytes();
            let (key_range, after) = match bytes.first() {
                Some(&quote @ (b'"' | b'\'')) => {
                    let Some(close) = line[1..].find(quote as char) else {
                        continue;
                    };
                    (1..1 + close, 2 + close)
                }
                Some(b) if !b.is_ascii_whitespace() && *b != b'#' => {
                    let end = line
                        .find([separator as char, ' ', '\t'])
                        .unwrap_or(line.len());
                    (0..end, end)
                }
                _ => continue,
            };
            if line.get(key_range.clone()) != Some(key) {
                continue;
            }
            let rest = line.get(after..).unwrap_or("");
            let trimmed = rest.trim_start_matches([' ', '\t']);
            if trimmed.as_bytes().first() != Some(&separator) {
                continue;
            }
            let value_start = after + (rest.len() - trimmed.len()) + 1;
            let value = value_range(line, value_start);
            return Some(KeyLocation {
                line: start..start + line.len(),
                key: start + key_range.start..start + key_range.end,
                value: start + value.start..start + value.end,
            });
        }
        None
    }
}

/// How a front-matter value read as prose is written, which decides what a fix may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScalarStyle {
    /// `title: Text` (YAML), possibly continued on more-indented lines.
    Plain,
    /// `title: 'Text'` (YAML) or `title = 'Text'` (TOML literal string).
    SingleQuoted,
    /// `title: "Text"` without escapes (YAML), or `title = "Text"` (TOML basic string).
    DoubleQuoted,
    /// `description: >` or `|` followed by indented lines (YAML).
    Block,
}

/// A front-matter value read as prose: `title`, `description` or `summary` of a doc.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterValue {
    pub key: &'static str,
    /// From the first to the last character of the value's text (quotes excluded).
    pub span: Range<usize>,
    pub style: ScalarStyle,
    /// The value's lines (each trimmed), which the prose is built from.
    pub(super) lines: Vec<Range<usize>>,
}

/// The prose values of `front_matter`, in source order. A value is left out unless its
/// text in the source is exactly its parsed value (no escapes, no `''`), line breaks
/// aside: spans stay exact and a fix edits what the reader sees.
pub(super) fn prose_values(front_matter: &FrontMatter, source: &str) -> Vec<FrontMatterValue> {
    let Some(data) = front_matter.data.as_ref().and_then(Value::as_object) else {
        return Vec::new();
    };
    let keys: &'static [String] = &super::markup::MARKUP.front_matter_prose_keys;
    let mut out: Vec<FrontMatterValue> = keys
        .iter()
        .map(String::as_str)
        .filter_map(|key| {
            let Some(Value::String(parsed)) = data.get(key) else {
                return None;
            };
            let at = front_matter.key_location(source, key)?;
            let value = read_value(front_matter, source, &at)?;
            let written: Vec<&str> = value.1.iter().map(|r| &source[r.clone()]).collect();
            (same_words(&written.join(" "), parsed) && !written.is_empty()).then(|| {
                FrontMatterValue {
                    key,
                    span: value.1[0].start..value.1[value.1.len() - 1].end,
                    style: value.0,
                    lines: value.1,
                }
            })
        })
        .collect();
    out.sort_by_key(|v| v.span.start);
    out
}

/// The style and trimmed lines of the value at `at`, or `None` when it is written in a
/// way caselint does not map exactly (escapes, multi-line quotes, nested data).
fn read_value(
    front_matter: &FrontMatter,
    source: &str,
    at: &KeyLocation,
) -> Option<(ScalarStyle, Vec<Range<usize>>)> {
    let line = &source[at.line.clone()];
    let after_separator = {
        let key_end = at.key.end - at.line.start;
        let rest = &line[key_end..];
        let sep = rest.find(front_matter.format.separator() as char)?;
        key_end + sep + 1
    };
    let raw = line[after_separator..].trim_start();
    let raw_start = at.line.start + line.len() - line[after_separator..].len()
        + (line[after_separator..].len() - raw.len());
    let toml = front_matter.format == FrontMatterFormat::Toml;
    match raw.as_bytes().first() {
        None => None,
        Some(b'"') => {
            let inner = &source[at.value.clone()];
            let closed = raw[1..].find('"') == Some(inner.len());
            (closed && !inner.contains('\\') && !raw.starts_with("\"\"\"")).then(|| {
                (
                    ScalarStyle::DoubleQuoted,
                    vec![trimmed(source, at.value.clone())],
                )
            })
        }
        Some(b'\'') => {
            let inner = &source[at.value.clone()];
            let closed = raw[1..].find('\'') == Some(inner.len());
            (closed
                && !raw.starts_with("\'\'")
                && !raw[1 + inner.len() + 1..].trim_start().starts_with('\''))
            .then(|| {
                (
                    ScalarStyle::SingleQuoted,
                    vec![trimmed(source, at.value.clone())],
                )
            })
        }
        Some(b'|' | b'>') if !toml => {
            let header = raw.split(" #").next().unwrap_or(raw).trim_end();
            if !header[1..]
                .bytes()
                .all(|b| matches!(b, b'-' | b'+' | b'1'..=b'9'))
            {
                return None;
            }
            let lines = indented_lines(source, at.line.end, front_matter.content_span.end);
            (!lines.is_empty()).then_some((ScalarStyle::Block, lines))
        }
        Some(b'[' | b'{' | b'&' | b'*' | b'!' | b'@' | b'`' | b'%') => None,
        Some(_) if toml => None,
        Some(_) => {
            let first = trimmed(source, raw_start..at.value.end.max(raw_start));
            if first.is_empty() {
                return None;
            }
            let mut lines = vec![first];
            lines.extend(indented_lines(
                source,
                at.line.end,
                front_matter.content_span.end,
            ));
            // A continuation line with `: ` or ` #` is read differently by YAML: the
            // comparison with the parsed value catches it.
            Some((ScalarStyle::Plain, lines))
        }
    }
}

/// The more-indented lines after a key's line (up to the next top-level line), trimmed,
/// blank ones left out.
fn indented_lines(source: &str, from: usize, end: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let start = source[from..]
        .find('\n')
        .map_or(source.len(), |i| from + i + 1);
    for (line_start, line, _) in lines_from(source, start) {
        if line_start >= end {
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        if !line.starts_with([' ', '\t']) {
            break;
        }
        out.push(trimmed(source, line_start..line_start + line.len()));
    }
    out
}

fn trimmed(source: &str, range: Range<usize>) -> Range<usize> {
    let text = &source[range.clone()];
    let lead = text.len() - text.trim_start().len();
    range.start + lead..range.start + text.trim_end().len()
}

fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

impl FrontMatterValue {
    /// Whether replacing `span` (inside this value) with `replacement` keeps the front
    /// matter valid and changes this value only as the replacement says: no new quoting
    /// needed, no comment started, no other key touched.
    pub fn accepts(
        &self,
        front_matter: &FrontMatter,
        source: &str,
        span: Range<usize>,
        replacement: &str,
    ) -> bool {
        if span.start < self.span.start
            || span.end > self.span.end
            || replacement.contains(['\n', '\r'])
            || !source.is_char_boundary(span.start)
            || !source.is_char_boundary(span.end)
        {
            return false;
        }
        let content = front_matter.content_span.clone();
        let (Some(before), Some(after)) = (
            source.get(content.start..span.start),
            source.get(span.end..content.end),
        ) else {
            return false;
        };
        let edited = format!("{before}{replacement}{after}");
        let reparsed = match front_matter.format {
            FrontMatterFormat::Yaml => {
                match std::panic::catch_unwind(|| {
                    yaml_serde::from_str::<yaml_serde::Value>(&edited)
                }) {
                    Ok(Ok(value)) => yaml_to_json(value),
                    _ => return false,
                }
            }
            FrontMatterFormat::Toml => match toml::from_str::<toml::Table>(&edited) {
                Ok(table) => toml_table_to_json(table),
                Err(_) => return false,
            },
        };
        let (Some(old), Some(new)) = (
            front_matter.data.as_ref().and_then(Value::as_object),
            reparsed.as_object(),
        ) else {
            return false;
        };
        if old.len() != new.len()
            || old
                .iter()
                .any(|(k, v)| k != self.key && new.get(k) != Some(v))
        {
            return false;
        }
        // What the reader should now see: the value's lines with the edit applied.
        let shift = |at: usize| at - content.start;
        let delta = replacement.len() as isize - span.len() as isize;
        let new_end = (shift(self.span.end) as isize + delta) as usize;
        let Some(written) = edited.get(shift(self.span.start)..new_end) else {
            return false;
        };
        matches!(new.get(self.key), Some(Value::String(s)) if same_words(s, written))
    }
}

/// The value on a `key: value` line from `from`, without quotes or trailing comment.
fn value_range(line: &str, from: usize) -> Range<usize> {
    let Some(rest) = line.get(from..) else {
        return line.len()..line.len();
    };
    let leading = rest.len() - rest.trim_start().len();
    let start = from + leading;
    let value = &line[start..];
    if let Some(quote @ ('"' | '\'')) = value.chars().next()
        && let Some(close) = value[1..].find(quote)
    {
        return start + 1..start + 1 + close;
    }
    let end = value
        .find(" #")
        .or_else(|| value.find("\t#"))
        .unwrap_or(value.len());
    let trimmed = value[..end].trim_end();
    start..start + trimmed.len()
}

/// The result of looking for front matter at the start of a file.
#[derive(Debug)]
pub(super) struct Split {
    pub front_matter: Option<FrontMatter>,
    /// Where the Markdown body starts.
    pub body_start: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Lines from `start`: (line start, line text without its line break, next line start).
fn lines_from(source: &str, start: usize) -> impl Iterator<Item = (usize, &str, usize)> {
    let mut at = start.min(source.len());
    std::iter::from_fn(move || {
        if at >= source.len() {
            return None;
        }
        let rest = source.get(at..)?;
        let (line, next) = match rest.find('\n') {
            Some(i) => (&rest[..i], at + i + 1),
            None => (rest, source.len()),
        };
        let line = line.strip_suffix('\r').unwrap_or(line);
        let item = (at, line, next);
        at = next;
        Some(item)
    })
}

fn is_fence(line: &str, fence: &str) -> bool {
    line.trim_end_matches([' ', '\t']) == fence
}

pub(super) fn split(source: &str, lines: &LineIndex) -> Split {
    let start = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let mut result = Split {
        front_matter: None,
        body_start: start,
        diagnostics: Vec::new(),
    };
    let mut all = lines_from(source, start);
    let Some((_, first, content_start)) = all.next() else {
        return result;
    };
    let format = if is_fence(first, "---") {
        FrontMatterFormat::Yaml
    } else if is_fence(first, "+++") {
        FrontMatterFormat::Toml
    } else {
        return result;
    };
    let closing = all.find(|(_, line, _)| match format {
        FrontMatterFormat::Yaml => is_fence(line, "---") || is_fence(line, "..."),
        FrontMatterFormat::Toml => is_fence(line, "+++"),
    });
    let Some((close_start, close_line, body_start)) = closing else {
        let fence = format.fence();
        result.diagnostics.push(
            Diagnostic::new(
                file_rules::FRONT_MATTER,
                Severity::Error,
                start..start + fence.len(),
                format!(
                    "the front matter that starts on line {} with `{fence}` is never closed, so \
                     the whole file is read as Markdown",
                    lines.line(start)
                ),
            )
            .with_help(format!(
                "add a line with only `{fence}` after the last front-matter line; if this \
                 `{fence}` is meant as a horizontal rule, put a blank line or text above it"
            )),
        );
        result.body_start = content_start;
        return result;
    };

    let content_span = content_start..close_start;
    let content = source.get(content_span.clone()).unwrap_or("");
    let (data, diagnostic) = match format {
        FrontMatterFormat::Yaml => parse_yaml(content, content_start, source),
        FrontMatterFormat::Toml => parse_toml(content, content_start, source),
    };
    let data = match data {
        Some(Value::Object(map)) => Some(Value::Object(map)),
        Some(Value::Null) => Some(Value::Object(Map::new())),
        Some(other) => {
            let what = match other {
                Value::Array(_) => "a list",
                _ => "a single value",
            };
            let span = first_content_line(source, &content_span)
                .unwrap_or(start..start + format.fence().len());
            result.diagnostics.push(
                Diagnostic::new(
                    file_rules::FRONT_MATTER,
                    Severity::Error,
                    span,
                    format!(
                        "the front matter is {what}, not `key{} value` lines, so caselint \
                         cannot read it",
                        sep_shown(format)
                    ),
                )
                .with_help(example_help(format)),
            );
            None
        }
        None => None,
    };
    result.diagnostics.extend(diagnostic);
    result.front_matter = Some(FrontMatter {
        format,
        span: start..close_start + close_line.len(),
        content_span,
        data,
    });
    result.body_start = body_start;
    result
}

fn sep_shown(format: FrontMatterFormat) -> &'static str {
    match format {
        FrontMatterFormat::Yaml => ":",
        FrontMatterFormat::Toml => " =",
    }
}

fn example_help(format: FrontMatterFormat) -> &'static str {
    match format {
        FrontMatterFormat::Yaml => {
            "write one `key: value` per line, for example `caselint: case-study`, indenting \
             nested values with spaces (not tabs)"
        }
        FrontMatterFormat::Toml => {
            "write one `key = value` per line with text in double quotes, for example \
             `caselint = \"case-study\"`"
        }
    }
}

fn first_content_line(source: &str, content: &Range<usize>) -> Option<Range<usize>> {
    lines_from(source, content.start)
        .take_while(|(start, _, _)| *start < content.end)
        .find(|(_, line, _)| !line.trim().is_empty())
        .map(|(start, line, _)| start..start + line.len())
}

/// The byte range of the character at a 1-based line and column (in characters) of
/// `content`, which starts at `base` in `source`; the line itself when the column is past
/// its end.
fn span_at(
    source: &str,
    base: usize,
    content_len: usize,
    line: usize,
    column: usize,
) -> Range<usize> {
    let end = base + content_len;
    let Some((start, text, _)) = lines_from(source, base)
        .take_while(|(start, _, _)| *start < end)
        .nth(line.saturating_sub(1))
    else {
        // Past the last line: point at the end of the content.
        let at = end.min(source.len());
        return at..at;
    };
    match text.char_indices().nth(column.saturating_sub(1)) {
        Some((i, c)) => start + i..start + i + c.len_utf8(),
        None if text.is_empty() => start..start,
        None => start..start + text.len(),
    }
}

fn front_matter_error(
    span: Range<usize>,
    format: FrontMatterFormat,
    reason: &str,
    help: &str,
) -> Diagnostic {
    Diagnostic::new(
        file_rules::FRONT_MATTER,
        Severity::Error,
        span,
        format!("the front matter is not valid {}: {reason}", format.name()),
    )
    .with_help(help.to_string())
}

fn parse_yaml(content: &str, base: usize, source: &str) -> (Option<Value>, Option<Diagnostic>) {
    if content.trim().is_empty() {
        return (Some(Value::Object(Map::new())), None);
    }
    // yaml_serde wraps a port of libyaml; a panic there must not take the whole run down.
    let parsed = std::panic::catch_unwind(|| yaml_serde::from_str::<yaml_serde::Value>(content));
    match parsed {
        Ok(Ok(value)) => (Some(yaml_to_json(value)), None),
        Ok(Err(error)) => {
            let span = match error.location() {
                Some(at) => span_at(source, base, content.len(), at.line(), at.column()),
                None => {
                    first_content_line(source, &(base..base + content.len())).unwrap_or(base..base)
                }
            };
            let reason = clean_yaml_reason(&error.to_string());
            let content_range = base..base + content.len();
            let span = match duplicate_key(&reason) {
                // The parser points at the mapping; the second occurrence is the one to fix.
                Some(key) => second_key_line(source, &content_range, key).unwrap_or(span),
                None => tidy_span(source, span, &content_range),
            };
            let help = yaml_help(&reason);
            (
                None,
                Some(front_matter_error(
                    span,
                    FrontMatterFormat::Yaml,
                    &reason,
                    help,
                )),
            )
        }
        Err(_) => {
            let span =
                first_content_line(source, &(base..base + content.len())).unwrap_or(base..base);
            let help = yaml_help("");
            let diagnostic = front_matter_error(
                span,
                FrontMatterFormat::Yaml,
                "the YAML reader gave up on it",
                help,
            );
            (None, Some(diagnostic))
        }
    }
}

/// `key` from `duplicate entry with key "key"`.
fn duplicate_key(reason: &str) -> Option<&str> {
    let rest = reason.strip_prefix("duplicate entry with key \"")?;
    rest.get(..rest.rfind('"')?)
}

/// The key on the second line of `content` that starts (after indentation) with `key:`.
fn second_key_line(source: &str, content: &Range<usize>, key: &str) -> Option<Range<usize>> {
    lines_from(source, content.start)
        .take_while(|(start, _, _)| *start < content.end)
        .filter_map(|(start, line, _)| {
            let trimmed = line.trim_start();
            let unquoted = trimmed.strip_prefix(['"', '\'']).unwrap_or(trimmed);
            let after = unquoted.strip_prefix(key)?;
            let after = after.strip_prefix(['"', '\'']).unwrap_or(after);
            after
                .trim_start_matches([' ', '\t'])
                .starts_with(':')
                .then(|| {
                    let at = start + (line.len() - unquoted.len());
                    at..at + key.len()
                })
        })
        .nth(1)
}

/// A span the reader can see: an empty span (the end of the input) moves back onto the
/// last character before it that is not white space, and a span over a line break becomes
/// an empty span at the end of that line.
fn tidy_span(source: &str, span: Range<usize>, content: &Range<usize>) -> Range<usize> {
    let text = source.get(span.clone()).unwrap_or("");
    if span.is_empty() {
        let before = source
            .get(content.start..span.start.min(content.end))
            .unwrap_or("");
        let trimmed = before.trim_end();
        return match trimmed.chars().next_back() {
            Some(c) => {
                let end = content.start + trimmed.len();
                end - c.len_utf8()..end
            }
            None => span,
        };
    }
    if text == "\n" || text == "\r\n" || text == "\r" {
        return span.start..span.start;
    }
    span
}

fn yaml_help(reason: &str) -> &'static str {
    if reason.contains("mapping values are not allowed") {
        "a value that contains `: ` must be in quotes, for example `title: \"Acme: faster \
         invoicing\"`"
    } else if reason.contains("cannot start any token") {
        "values that start with `@`, `` ` ``, `%`, `|` or `>` need quotes, and indentation must \
         use spaces, not tabs"
    } else if reason.contains("duplicate") {
        "each key may appear only once at the same level: remove or rename the repeated key"
    } else if reason.contains("quoted scalar") {
        "a quote is not closed: end the value with the same quote it starts with"
    } else {
        "write one `key: value` per line, indent nested values with spaces (not tabs), and \
         quote values that contain `: ` or start with a special character"
    }
}

/// Drops the position from a YAML error ("… at line 3 column 7"): the diagnostic's span
/// carries it.
fn clean_yaml_reason(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(" at ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 4..];
        if let Some(skip) = position_len(after) {
            rest = &after[skip..];
        } else {
            out.push_str(" at ");
            rest = after;
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// Length of a leading "line N column M" or "position N", if `text` starts with one.
fn position_len(text: &str) -> Option<usize> {
    fn digits(text: &str) -> usize {
        text.bytes().take_while(u8::is_ascii_digit).count()
    }
    if let Some(rest) = text.strip_prefix("line ") {
        let n = digits(rest);
        let after = rest[n..].strip_prefix(" column ")?;
        let m = digits(after);
        (n > 0 && m > 0).then(|| text.len() - after.len() + m)
    } else if let Some(rest) = text.strip_prefix("position ") {
        let n = digits(rest);
        (n > 0).then(|| "position ".len() + n)
    } else {
        None
    }
}

fn yaml_to_json(value: yaml_serde::Value) -> Value {
    match value {
        yaml_serde::Value::Null => Value::Null,
        yaml_serde::Value::Bool(b) => Value::Bool(b),
        yaml_serde::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map(Value::Number)
                    .unwrap_or_else(|| Value::String(n.to_string()))
            }
        }
        yaml_serde::Value::String(s) => Value::String(s),
        yaml_serde::Value::Sequence(items) => {
            Value::Array(items.into_iter().map(yaml_to_json).collect())
        }
        yaml_serde::Value::Mapping(mapping) => {
            let mut map = Map::new();
            for (key, value) in mapping {
                let key = match key {
                    yaml_serde::Value::String(s) => s,
                    yaml_serde::Value::Null => "null".to_string(),
                    yaml_serde::Value::Bool(b) => b.to_string(),
                    yaml_serde::Value::Number(n) => n.to_string(),
                    // A list or mapping as a key: not something front matter uses.
                    _ => continue,
                };
                map.insert(key, yaml_to_json(value));
            }
            Value::Object(map)
        }
        yaml_serde::Value::Tagged(tagged) => yaml_to_json(tagged.value),
    }
}

fn parse_toml(content: &str, base: usize, source: &str) -> (Option<Value>, Option<Diagnostic>) {
    match toml::from_str::<toml::Table>(content) {
        Ok(table) => (Some(toml_table_to_json(table)), None),
        Err(error) => {
            let span = match error.span() {
                Some(span) => {
                    let start = (base + span.start).min(base + content.len());
                    let mut end = (base + span.end).clamp(start, base + content.len());
                    if end == start {
                        // An empty span (the end of the input): point at the last character.
                        end = source
                            .get(start..)
                            .and_then(|s| s.chars().next())
                            .map_or(start, |c| start + c.len_utf8());
                    }
                    if source.is_char_boundary(start) && source.is_char_boundary(end) {
                        start..end
                    } else {
                        start..start
                    }
                }
                None => {
                    first_content_line(source, &(base..base + content.len())).unwrap_or(base..base)
                }
            };
            let span = tidy_span(source, span, &(base..base + content.len()));
            let reason = error.message().trim().to_string();
            let help = if reason.contains("duplicate") {
                "each key may appear only once: remove or rename the repeated key"
            } else {
                example_help(FrontMatterFormat::Toml)
            };
            (
                None,
                Some(front_matter_error(
                    span,
                    FrontMatterFormat::Toml,
                    &reason,
                    help,
                )),
            )
        }
    }
}

fn toml_table_to_json(table: toml::Table) -> Value {
    Value::Object(
        table
            .into_iter()
            .map(|(k, v)| (k, toml_to_json(v)))
            .collect(),
    )
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or_else(|| Value::String(f.to_string())),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => toml_table_to_json(table),
    }
}

/// The document kind from the `caselint` key, and a diagnostic when its value is not one.
pub(super) fn document_kind(
    front_matter: &FrontMatter,
    source: &str,
) -> (DocumentKind, Option<Diagnostic>) {
    let Some(data) = front_matter.data.as_ref() else {
        // Malformed front matter still says what the file is when its `caselint:` line is
        // readable: a broken case study is checked as one, with what can still run.
        let kind = front_matter
            .key_location(source, "caselint")
            .and_then(|at| source.get(at.value))
            .and_then(|value| DocumentKind::from_name(&value.to_ascii_lowercase()))
            .unwrap_or(DocumentKind::Doc);
        return (kind, None);
    };
    let Some(value) = data.get("caselint") else {
        return (DocumentKind::Doc, None);
    };
    let names: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.as_str()).collect();
    let written = match value {
        Value::String(s) => {
            if let Some(kind) = DocumentKind::from_name(&s.to_ascii_lowercase()) {
                return (kind, None);
            }
            s.clone()
        }
        other => other.to_string(),
    };
    let location = front_matter.key_location(source, "caselint");
    let span = match &location {
        Some(at) if !at.value.is_empty() => at.value.clone(),
        Some(at) => at.line.clone(),
        None => {
            front_matter.span.start..front_matter.span.start + front_matter.format.fence().len()
        }
    };
    let suggestion = if value.is_null() {
        None
    } else {
        did_you_mean(&written.replace('_', "-"), &names)
    };
    let sep = sep_shown(front_matter.format);
    let mut message = if value.is_null() {
        format!("`caselint{sep}` has no value, so the file is checked as a `doc`")
    } else {
        format!(
            "`caselint{sep} {written}` is not a kind of document caselint knows, so the file \
             is checked as a `doc`"
        )
    };
    if let Some(suggestion) = suggestion {
        message.push_str(&format!("; did you mean `{suggestion}`?"));
    }
    let list = names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut diagnostic = Diagnostic::new(file_rules::FRONT_MATTER, Severity::Error, span, message)
        .with_help(format!("write one of {list}"));
    if let Some(suggestion) = suggestion
        && location.as_ref().is_some_and(|at| !at.value.is_empty())
    {
        diagnostic = diagnostic.with_fix(suggestion, Applicability::Unsafe);
    }
    (DocumentKind::Doc, Some(diagnostic))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_str(source: &str) -> Split {
        split(source, &LineIndex::new(source))
    }

    #[test]
    fn yaml_front_matter() {
        let source = "---\ncaselint: case-study\ncustomer:\n  name: Acme\nproduction_since: 2025-07-01\n---\n# Acme\n";
        let split = split_str(source);
        assert!(split.diagnostics.is_empty(), "{:?}", split.diagnostics);
        let fm = split.front_matter.expect("front matter");
        assert_eq!(fm.format, FrontMatterFormat::Yaml);
        assert_eq!(fm.span, 0..source.find("---\n# Acme").expect("close") + 3);
        assert_eq!(
            &source[fm.content_span.clone()],
            "caselint: case-study\ncustomer:\n  name: Acme\nproduction_since: 2025-07-01\n"
        );
        assert_eq!(split.body_start, source.find("# Acme").expect("body"));
        let data = fm.data.as_ref().expect("data");
        assert_eq!(data["customer"]["name"], "Acme");
        assert_eq!(data["production_since"], "2025-07-01");
        assert_eq!(document_kind(&fm, source), (DocumentKind::CaseStudy, None));
        let at = fm.key_location(source, "customer").expect("key");
        assert_eq!(&source[at.line.clone()], "customer:");
        assert!(at.value.is_empty());
        let at = fm.key_location(source, "caselint").expect("key");
        assert_eq!(&source[at.value], "case-study");
        assert!(
            fm.key_location(source, "name").is_none(),
            "nested keys are not top-level"
        );
    }

    #[test]
    fn toml_front_matter_with_bom_and_crlf() {
        let source =
            "\u{feff}+++\r\ncaselint = \"public-page\"\r\ndate = 2025-07-01\r\n+++\r\nBody\r\n";
        let split = split_str(source);
        assert!(split.diagnostics.is_empty(), "{:?}", split.diagnostics);
        let fm = split.front_matter.expect("front matter");
        assert_eq!(fm.format, FrontMatterFormat::Toml);
        assert_eq!(fm.span.start, 3);
        assert_eq!(
            &source[fm.span.clone()],
            "+++\r\ncaselint = \"public-page\"\r\ndate = 2025-07-01\r\n+++"
        );
        assert_eq!(split.body_start, source.find("Body").expect("body"));
        let data = fm.data.as_ref().expect("data");
        assert_eq!(data["date"], "2025-07-01");
        assert_eq!(document_kind(&fm, source).0, DocumentKind::PublicPage);
        let at = fm.key_location(source, "caselint").expect("key");
        assert_eq!(&source[at.value], "public-page");
    }

    #[test]
    fn no_front_matter() {
        for source in [
            "",
            "# Title\n---\n",
            " ---\na: b\n---\n",
            "\u{feff}",
            "----\n",
        ] {
            let split = split_str(source);
            assert!(split.front_matter.is_none(), "{source:?}");
            assert!(split.diagnostics.is_empty(), "{source:?}");
            assert_eq!(
                split.body_start,
                if source.starts_with('\u{feff}') { 3 } else { 0 }
            );
        }
    }

    #[test]
    fn empty_and_dots_closing() {
        let split = split_str("---\n---\nText");
        assert_eq!(
            split.front_matter.expect("fm").data,
            Some(Value::Object(Map::new()))
        );
        let split = split_str("---\na: 1\n...\nText");
        assert_eq!(split.front_matter.expect("fm").data.expect("data")["a"], 1);
        assert_eq!(split.body_start, 13);
        let split = split_str("---   \na: 1\n---");
        assert!(split.diagnostics.is_empty());
        assert_eq!(split.body_start, 15);
    }

    #[test]
    fn unterminated_reports_the_opening_line() {
        for source in [
            "---",
            "---\n",
            "---\ntitle: x\n\n# Heading\n",
            "+++\na = 1\n",
        ] {
            let split = split_str(source);
            assert!(split.front_matter.is_none());
            assert_eq!(split.diagnostics.len(), 1, "{source:?}");
            let d = &split.diagnostics[0];
            assert_eq!(d.rule, "front-matter");
            assert_eq!(d.span, 0..3);
            assert!(d.message.contains("never closed"), "{}", d.message);
            assert_eq!(
                split.body_start,
                source.find('\n').map_or(source.len(), |i| i + 1)
            );
        }
    }

    #[test]
    fn malformed_yaml_points_at_the_line() {
        let source = "---\ncaselint: case-study\ntitle: Acme: a story\n---\nBody\n";
        let split = split_str(source);
        let fm = split.front_matter.expect("fm");
        assert!(fm.data.is_none());
        assert_eq!(split.diagnostics.len(), 1);
        let d = &split.diagnostics[0];
        assert_eq!(d.severity, Severity::Error);
        let lines = LineIndex::new(source);
        assert_eq!(lines.line(d.span.start), 3, "{d:?}");
        assert!(
            d.message
                .starts_with("the front matter is not valid YAML: mapping values"),
            "{}",
            d.message
        );
        assert!(
            !d.message.contains("line 2"),
            "position removed: {}",
            d.message
        );
        assert!(d.help.as_deref().unwrap_or("").contains("quotes"));
        assert_eq!(split.body_start, source.find("Body").expect("body"));
    }

    #[test]
    fn malformed_yaml_tab_and_unclosed_quote() {
        let source = "---\na: 1\nb: \"open\nc: 2\n---\n";
        let split = split_str(source);
        assert_eq!(split.diagnostics.len(), 1);
        let source = "---\na:\n\tb: 1\n---\n";
        let split = split_str(source);
        assert_eq!(split.diagnostics.len(), 1);
        let lines = LineIndex::new(source);
        assert_eq!(
            lines.line(split.diagnostics[0].span.start),
            3,
            "{:?}",
            split.diagnostics[0]
        );
    }

    #[test]
    fn malformed_toml_points_at_the_byte() {
        let source = "+++\ncaselint = \"doc\"\ntitle = Acme\n+++\n";
        let split = split_str(source);
        assert_eq!(split.diagnostics.len(), 1);
        let d = &split.diagnostics[0];
        assert_eq!(LineIndex::new(source).line(d.span.start), 3);
        assert!(
            d.message
                .starts_with("the front matter is not valid TOML: "),
            "{}",
            d.message
        );
    }

    #[test]
    fn spans_a_reader_can_see() {
        let cases = [
            ("---\ntitle: é é: x\n---\n", ":", 2),
            ("---\na: 1\nb: x\na: 2\n---\n", "a", 4),
            ("---\na: 1\n\"a\": 2\n---\n", "a", 3),
            ("---\n\ta: 1\n---\n", "\t", 2),
            ("---\na: [1, 2\n---\n", "2", 2),
            ("+++\na = 1\na = 2\n+++\n", "a", 3),
            ("+++\na = \n+++\n", "", 2),
        ];
        for (source, expected, line) in cases {
            let split = split_str(source);
            assert_eq!(split.diagnostics.len(), 1, "{source:?}");
            let span = split.diagnostics[0].span.clone();
            assert_eq!(&source[span.clone()], expected, "{source:?}");
            assert_eq!(LineIndex::new(source).line(span.start), line, "{source:?}");
        }
    }

    #[test]
    fn list_is_not_a_mapping() {
        let source = "---\n- a\n- b\n---\n";
        let split = split_str(source);
        assert!(split.front_matter.expect("fm").data.is_none());
        assert_eq!(split.diagnostics.len(), 1);
        assert_eq!(split.diagnostics[0].span, 4..7);
        assert!(split.diagnostics[0].message.contains("a list"));
    }

    #[test]
    fn odd_keys_and_values_convert() {
        let source = "---\n1: one\ntrue: yes\n? [a]\n: x\nf: 1.5\nn: .nan\nt: !custom v\nbig: 18446744073709551615\n---\n";
        let split = split_str(source);
        let data = split.front_matter.expect("fm").data.expect("data");
        assert_eq!(data["1"], "one");
        assert_eq!(data["true"], "yes");
        assert_eq!(data["f"], 1.5);
        assert_eq!(data["n"], ".nan");
        assert_eq!(data["t"], "v");
        assert_eq!(data["big"], u64::MAX);
    }

    #[test]
    fn unknown_kind_suggests() {
        let source = "---\ncaselint: \"casestudy\"  # kind\n---\n";
        let split = split_str(source);
        let fm = split.front_matter.expect("fm");
        let (kind, diagnostic) = document_kind(&fm, source);
        assert_eq!(kind, DocumentKind::Doc);
        let d = diagnostic.expect("diagnostic");
        assert_eq!(d.rule, "front-matter");
        assert_eq!(&source[d.span.clone()], "casestudy");
        assert!(
            d.message.contains("did you mean `case-study`?"),
            "{}",
            d.message
        );
        assert_eq!(
            d.fix.as_ref().map(|f| f.replacement.as_str()),
            Some("case-study")
        );

        let source = "---\ncaselint: [1]\n---\n";
        let fm = split_str(source).front_matter.expect("fm");
        let (kind, diagnostic) = document_kind(&fm, source);
        assert_eq!(kind, DocumentKind::Doc);
        assert_eq!(&source[diagnostic.expect("d").span], "[1]");

        let source = "---\ncaselint:\n---\n";
        let fm = split_str(source).front_matter.expect("fm");
        let d = document_kind(&fm, source).1.expect("d");
        assert_eq!(&source[d.span.clone()], "caselint:");
        assert!(d.message.contains("has no value"), "{}", d.message);

        let source = "---\ncaselint: Self-Assessment\n---\n";
        let fm = split_str(source).front_matter.expect("fm");
        assert_eq!(
            document_kind(&fm, source),
            (DocumentKind::SelfAssessment, None)
        );
    }

    #[test]
    fn positions_are_removed_from_yaml_reasons() {
        assert_eq!(
            clean_yaml_reason("mapping values are not allowed in this context at line 3 column 12"),
            "mapping values are not allowed in this context"
        );
        assert_eq!(
            clean_yaml_reason(
                "did not find expected key at line 4 column 1, while parsing a block mapping at line 2 column 1"
            ),
            "did not find expected key, while parsing a block mapping"
        );
        assert_eq!(
            clean_yaml_reason("look at this at position 5"),
            "look at this"
        );
    }
}
