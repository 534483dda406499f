//! Where a front-matter key is written, for top-level and nested keys (`customer.name`),
//! in YAML (block `customer:` + indented lines, flow `customer: { name: Acme }`) and TOML
//! (`[customer]` tables, inline tables `customer = { name = "Acme" }`, dotted keys
//! `customer.name = "Acme"`). Line-based and forgiving: when a key cannot be found the
//! caller falls back to its parent's line.

use std::ops::Range;

use crate::document::{FrontMatter, FrontMatterFormat};
use crate::lines::line_around;

/// Where one key and its value are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The line the key is on, without its line break.
    pub line: Range<usize>,
    /// The key, without quotes.
    pub key: Range<usize>,
    /// The value written after the key on the same line (or in the same flow mapping),
    /// trimmed, without quotes or a trailing `# comment`. Empty (just after the key's
    /// separator) when the value is on the next lines or absent.
    pub value: Range<usize>,
    /// The quote around the value, if it is quoted.
    pub quote: Option<char>,
}

/// How a mapping (`customer`, `partner`) is written, so missing keys can be added to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Shape {
    /// YAML `customer:` followed by indented `key: value` lines (maybe none yet).
    Block {
        /// Indentation of the children (two spaces when there are none yet).
        indent: String,
        /// End of the last line that belongs to the mapping (before its line break).
        end: usize,
    },
    /// `{ … }` on the parent's line (YAML flow mapping or TOML inline table).
    Flow {
        /// Offset of the closing `}`.
        close: usize,
        /// Whether the mapping has no entries yet.
        empty: bool,
    },
    /// A TOML `[customer]` table.
    Table {
        /// End of the header line (before its line break).
        header_end: usize,
    },
    /// TOML dotted keys `customer.name = …` before any table.
    Dotted,
}

/// A mapping's entries and shape.
#[derive(Debug, Clone)]
pub(crate) struct Parent {
    pub shape: Shape,
    pub entries: Vec<(String, Location)>,
}

/// Lines from `start` up to `end`: (line start, line text without its line break).
pub(crate) fn lines_in(source: &str, start: usize, end: usize) -> Vec<(usize, &str)> {
    let end = end.min(source.len());
    let mut out = Vec::new();
    let mut at = start.min(end);
    while at < end {
        let Some(rest) = source.get(at..end) else {
            break;
        };
        let (line, next) = match rest.find('\n') {
            Some(i) => (&rest[..i], at + i + 1),
            None => (rest, end),
        };
        let line = line.strip_suffix('\r').unwrap_or(line);
        out.push((at, line));
        at = next;
    }
    out
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// Finds a top-level or dotted key (`customer.name`).
pub fn locate(fm: &FrontMatter, source: &str, path: &[&str]) -> Option<Location> {
    match path {
        [] => None,
        [key] => top_level(fm, source, key),
        [parent, child] => {
            let parent = parent_of(fm, source, parent)?;
            parent
                .entries
                .into_iter()
                .find(|(k, _)| k == child)
                .map(|(_, loc)| loc)
        }
        _ => None,
    }
}

/// A top-level key's line, or in TOML its `[key]` table header.
fn top_level(fm: &FrontMatter, source: &str, key: &str) -> Option<Location> {
    key_line(fm, source, key).or_else(|| {
        (fm.format == FrontMatterFormat::Toml)
            .then(|| toml_header(source, fm.content_span.clone(), key))
            .flatten()
    })
}

/// A top-level `key: value` (or `key = value`) line.
fn key_line(fm: &FrontMatter, source: &str, key: &str) -> Option<Location> {
    let at = fm.key_location(source, key)?;
    let quote = quote_before(source, &at.value);
    let mut value = at.value;
    if quote.is_none()
        && source
            .get(value.clone())
            .is_some_and(|v| v.starts_with('#'))
    {
        // Only a comment after the key (`customer: # who`): the value is on the next lines.
        value = value.start..value.start;
    }
    Some(Location {
        line: at.line,
        key: at.key,
        value,
        quote,
    })
}

fn quote_before(source: &str, value: &Range<usize>) -> Option<char> {
    let before = source.get(..value.start)?.chars().next_back()?;
    let after = source.get(value.end..)?.chars().next()?;
    (matches!(before, '"' | '\'') && before == after).then_some(before)
}

/// The mapping written under a top-level key.
pub(crate) fn parent_of(fm: &FrontMatter, source: &str, parent: &str) -> Option<Parent> {
    let content = fm.content_span.clone();
    if let Some(at) = key_line(fm, source, parent) {
        let value = source.get(at.value.clone()).unwrap_or("");
        if value.starts_with('{') && at.quote.is_none() {
            let (entries, close) = flow_entries(source, at.value.start, content.end, fm.format)?;
            return Some(Parent {
                shape: Shape::Flow {
                    close,
                    empty: entries.is_empty(),
                },
                entries,
            });
        }
        if fm.format == FrontMatterFormat::Yaml && value.is_empty() {
            let (entries, indent, end) = block_entries(source, &at, content.end);
            return Some(Parent {
                shape: Shape::Block { indent, end },
                entries,
            });
        }
        // A scalar (`customer: Acme`): not a mapping keys can be added to.
        return None;
    }
    if fm.format == FrontMatterFormat::Toml {
        if let Some(parent) = toml_table(source, content.clone(), parent) {
            return Some(parent);
        }
        let entries = toml_dotted(source, content, parent);
        if !entries.is_empty() {
            return Some(Parent {
                shape: Shape::Dotted,
                entries,
            });
        }
    }
    None
}

/// `key: value` (YAML) or `key = value` (TOML) at the start of `line` (after `skip`
/// bytes of indentation): the key's and the value's ranges within the line.
fn key_value(line: &str, skip: usize, sep: char) -> Option<(String, Range<usize>, Range<usize>)> {
    let rest = line.get(skip..)?;
    let (key, key_range, after) = match rest.chars().next()? {
        q @ ('"' | '\'') => {
            let close = rest[1..].find(q)?;
            (
                rest[1..1 + close].to_string(),
                skip + 1..skip + 1 + close,
                skip + close + 2,
            )
        }
        '#' | '-' | '[' | '{' => return None,
        _ => {
            let end = match sep {
                ':' => rest
                    .char_indices()
                    .find(|&(i, c)| {
                        c == ':'
                            && rest[i + 1..]
                                .chars()
                                .next()
                                .is_none_or(|n| n == ' ' || n == '\t')
                    })
                    .map(|(i, _)| i)?,
                _ => rest.find(sep)?,
            };
            let key = rest[..end].trim_end();
            (key.to_string(), skip..skip + key.len(), skip + end)
        }
    };
    let after_sep = line.get(after..)?.trim_start_matches([' ', '\t']);
    let sep_at = line.len() - after_sep.len();
    after_sep.strip_prefix(sep)?;
    let value = value_in(line, sep_at + 1);
    Some((key, key_range, value))
}

/// The value from `from`: trimmed, without quotes and without a trailing comment.
fn value_in(line: &str, from: usize) -> Range<usize> {
    let Some(rest) = line.get(from..) else {
        return line.len()..line.len();
    };
    let start = from + (rest.len() - rest.trim_start().len());
    let value = &line[start..];
    if let Some(q @ ('"' | '\'')) = value.chars().next()
        && let Some(close) = value[1..].find(q)
    {
        return start + 1..start + 1 + close;
    }
    let end = value
        .find(" #")
        .or_else(|| value.find("\t#"))
        .unwrap_or(value.len());
    if value.starts_with('#') {
        return start..start;
    }
    start..start + value[..end].trim_end().len()
}

fn block_entries(
    source: &str,
    at: &Location,
    content_end: usize,
) -> (Vec<(String, Location)>, String, usize) {
    let mut entries = Vec::new();
    let mut indent: Option<usize> = None;
    let mut end = at.line.end;
    let after_line = source
        .get(at.line.end..)
        .and_then(|rest| rest.find('\n'))
        .map_or(content_end, |i| at.line.end + i + 1);
    for (start, line) in lines_in(source, after_line, content_end) {
        if is_blank_or_comment(line) {
            continue;
        }
        let this = indent_of(line);
        if this == 0 || line.starts_with('\t') {
            break;
        }
        let child = *indent.get_or_insert(this);
        if this < child {
            break;
        }
        end = start + line.len();
        if this != child {
            continue;
        }
        if let Some((key, k, v)) = key_value(line, this, ':') {
            let value = start + v.start..start + v.end;
            let quote = quote_before(source, &value);
            entries.push((
                key,
                Location {
                    line: start..start + line.len(),
                    key: start + k.start..start + k.end,
                    value,
                    quote,
                },
            ));
        }
    }
    let indent = " ".repeat(indent.unwrap_or(2));
    (entries, indent, end)
}

/// Entries of a `{ … }` mapping that starts at `open`, and the offset of its `}`.
fn flow_entries(
    source: &str,
    open: usize,
    limit: usize,
    format: FrontMatterFormat,
) -> Option<(Vec<(String, Location)>, usize)> {
    let sep = match format {
        FrontMatterFormat::Yaml => ':',
        FrontMatterFormat::Toml => '=',
    };
    let text = source.get(open..limit.min(source.len()))?;
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut token_start = true;
    let mut pieces: Vec<Range<usize>> = Vec::new();
    let mut piece_start = open + 1;
    let mut comment = false;
    let mut close = None;
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        let at = open + i;
        if comment {
            if c == '\n' {
                comment = false;
            }
            prev = c;
            continue;
        }
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' && q == '"' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            prev = c;
            continue;
        }
        match c {
            '"' | '\'' if token_start => quote = Some(c),
            '#' if prev.is_whitespace() => comment = true,
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    pieces.push(piece_start..at);
                    close = Some(at);
                    break;
                }
            }
            ',' if depth == 1 => {
                pieces.push(piece_start..at);
                piece_start = at + 1;
            }
            _ => {}
        }
        token_start = c.is_whitespace() || matches!(c, '{' | ',' | ':' | '=' | '[');
        prev = c;
    }
    let close = close?;
    let mut entries = Vec::new();
    for piece in pieces {
        let Some(text) = source.get(piece.clone()) else {
            continue;
        };
        let lead = text.len() - text.trim_start().len();
        let trimmed = text.trim();
        if trimmed.is_empty() {
            continue;
        }
        let start = piece.start + lead;
        // Parse as a one-line `key: value` over the trimmed piece.
        let Some((key, k, v)) = key_value(trimmed, 0, sep)
            .or_else(|| (sep == ':').then(|| flow_tight(trimmed)).flatten())
        else {
            continue;
        };
        let value = start + v.start..start + v.end;
        let line = line_around(source, start);
        entries.push((
            key,
            Location {
                line,
                key: start + k.start..start + k.end,
                value: value.clone(),
                quote: quote_before(source, &value),
            },
        ));
    }
    Some((entries, close))
}

/// `key:value` without a space (allowed in YAML flow mappings after a quoted key) or a
/// key at the very end: treated as key with an empty value.
fn flow_tight(piece: &str) -> Option<(String, Range<usize>, Range<usize>)> {
    let colon = piece.find(':')?;
    let key = piece[..colon].trim();
    if key.is_empty() {
        return None;
    }
    let value = value_in(piece, colon + 1);
    Some((key.to_string(), 0..key.len(), value))
}

/// `[name]` → `name` (quotes and spaces removed); `None` for `[[…]]` and non-headers.
fn table_header(line: &str) -> Option<String> {
    let t = line.trim();
    if t.starts_with("[[") {
        return None;
    }
    let inner = t.strip_prefix('[')?;
    let close = inner.find(']')?;
    let name = inner[..close].trim();
    Some(split_dotted(name).into_iter().collect::<Vec<_>>().join("."))
}

/// `a . "b"` → ["a", "b"].
fn split_dotted(key: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    for c in key.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => current.push(c),
            None => match c {
                '"' | '\'' => quote = Some(c),
                '.' => parts.push(std::mem::take(&mut current).trim().to_string()),
                c => current.push(c),
            },
        }
    }
    parts.push(current.trim().to_string());
    parts
}

/// A `[key]` header line, as the location of the table's key (no value on the line).
fn toml_header(source: &str, content: Range<usize>, key: &str) -> Option<Location> {
    lines_in(source, content.start, content.end)
        .into_iter()
        .find(|(_, line)| table_header(line).as_deref() == Some(key))
        .map(|(start, line)| {
            let name = line.find(key).map_or(start..start + line.len(), |i| {
                start + i..start + i + key.len()
            });
            let end = start + line.len();
            Location {
                line: start..end,
                key: name,
                value: end..end,
                quote: None,
            }
        })
}

fn toml_table(source: &str, content: Range<usize>, parent: &str) -> Option<Parent> {
    let lines = lines_in(source, content.start, content.end);
    let index = lines
        .iter()
        .position(|(_, line)| table_header(line).as_deref() == Some(parent))?;
    let (start, header) = lines[index];
    let mut entries = Vec::new();
    for &(start, line) in &lines[index + 1..] {
        if line.trim_start().starts_with('[') {
            break;
        }
        if is_blank_or_comment(line) {
            continue;
        }
        let skip = line.len() - line.trim_start().len();
        if let Some((key, k, v)) = key_value(line, skip, '=') {
            let value = start + v.start..start + v.end;
            entries.push((
                key,
                Location {
                    line: start..start + line.len(),
                    key: start + k.start..start + k.end,
                    value: value.clone(),
                    quote: quote_before(source, &value),
                },
            ));
        }
    }
    Some(Parent {
        shape: Shape::Table {
            header_end: start + header.len(),
        },
        entries,
    })
}

fn toml_dotted(source: &str, content: Range<usize>, parent: &str) -> Vec<(String, Location)> {
    let mut entries = Vec::new();
    for (start, line) in lines_in(source, content.start, content.end) {
        if line.trim_start().starts_with('[') {
            break;
        }
        let Some(eq) = line.find('=') else {
            continue;
        };
        let parts = split_dotted(&line[..eq]);
        if parts.len() != 2 || parts[0] != parent {
            continue;
        }
        let child = &parts[1];
        let raw_key = line[..eq].trim_end();
        let key_end = raw_key.trim_end_matches(['"', '\'']).len();
        let key_start = key_end.saturating_sub(child.len());
        let value = value_in(line, eq + 1);
        let value = start + value.start..start + value.end;
        entries.push((
            child.clone(),
            Location {
                line: start..start + line.len(),
                key: start + key_start..start + key_end,
                value: value.clone(),
                quote: quote_before(source, &value),
            },
        ));
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn doc(source: &str) -> Document {
        Document::parse("t.md", source.to_string()).0
    }

    fn value_of(source: &str, path: &[&str]) -> Option<String> {
        let d = doc(source);
        let fm = d.front_matter.as_ref()?;
        let at = locate(fm, &d.source, path)?;
        Some(d.source[at.value].to_string())
    }

    fn key_line(source: &str, path: &[&str]) -> Option<usize> {
        let d = doc(source);
        let fm = d.front_matter.as_ref()?;
        let at = locate(fm, &d.source, path)?;
        assert_eq!(&d.source[at.key.clone()], *path.last()?);
        Some(d.lines.line(at.key.start))
    }

    #[test]
    fn yaml_block() {
        let s = "---\ncaselint: case-study\ncustomer:\n  name: Acme  # the name\n  industry: \"Dental\"\n  nested:\n    name: Deep\n  size:\n    120 employees\npartner:\n  name: P\n---\n";
        assert_eq!(value_of(s, &["customer", "name"]).as_deref(), Some("Acme"));
        assert_eq!(key_line(s, &["customer", "name"]), Some(4));
        assert_eq!(
            value_of(s, &["customer", "industry"]).as_deref(),
            Some("Dental")
        );
        assert_eq!(value_of(s, &["customer", "size"]).as_deref(), Some(""));
        assert_eq!(key_line(s, &["partner", "name"]), Some(11));
        assert_eq!(value_of(s, &["customer", "missing"]), None);
        let d = doc(s);
        let fm = d.front_matter.as_ref().expect("fm");
        let at = locate(fm, &d.source, &["customer", "industry"]).expect("at");
        assert_eq!(at.quote, Some('"'));
        let parent = parent_of(fm, &d.source, "customer").expect("parent");
        let Shape::Block { indent, end } = parent.shape else {
            panic!("block")
        };
        assert_eq!(indent, "  ");
        assert_eq!(&d.source[..end], &s[..s.find("\npartner").expect("p")]);
    }

    #[test]
    fn yaml_block_after_a_comment() {
        let s = "---\ncustomer: # who\n  # the name:\n  name: Acme\n---\n";
        assert_eq!(value_of(s, &["customer", "name"]).as_deref(), Some("Acme"));
        assert_eq!(value_of(s, &["customer"]).as_deref(), Some(""));
    }

    #[test]
    fn yaml_flow_one_and_two_lines() {
        let s = "---\ncustomer: { name: Acme, industry: 'Dental care', \"size\": 120 }\n---\n";
        assert_eq!(value_of(s, &["customer", "name"]).as_deref(), Some("Acme"));
        assert_eq!(
            value_of(s, &["customer", "industry"]).as_deref(),
            Some("Dental care")
        );
        assert_eq!(value_of(s, &["customer", "size"]).as_deref(), Some("120"));
        assert_eq!(key_line(s, &["customer", "industry"]), Some(2));
        let s = "---\ncustomer: {name: O'Brien Dental,\n  industry: Dental}\n---\n";
        assert_eq!(
            value_of(s, &["customer", "name"]).as_deref(),
            Some("O'Brien Dental")
        );
        assert_eq!(key_line(s, &["customer", "industry"]), Some(3));
        let d = doc("---\ncustomer: {}\n---\n");
        let fm = d.front_matter.as_ref().expect("fm");
        let p = parent_of(fm, &d.source, "customer").expect("p");
        assert_eq!(
            p.shape,
            Shape::Flow {
                close: 15,
                empty: true
            }
        );
    }

    #[test]
    fn toml_table_inline_and_dotted() {
        let s = "+++\ncaselint = \"case-study\"\n[customer]\nname = \"Acme\"\n industry = 'Dental' # x\n[partner]\nname = \"P\"\n+++\n";
        assert_eq!(value_of(s, &["customer", "name"]).as_deref(), Some("Acme"));
        assert_eq!(
            value_of(s, &["customer", "industry"]).as_deref(),
            Some("Dental")
        );
        assert_eq!(key_line(s, &["partner", "name"]), Some(7));
        assert_eq!(key_line(s, &["partner"]), Some(6));
        let s = "+++\ncustomer = { name = \"Acme\", industry = \"A, B\" }\n+++\n";
        assert_eq!(
            value_of(s, &["customer", "industry"]).as_deref(),
            Some("A, B")
        );
        let s = "+++\ncustomer.name = \"Acme\"\ncustomer . \"industry\" = \"Dental\"\n+++\n";
        assert_eq!(value_of(s, &["customer", "name"]).as_deref(), Some("Acme"));
        assert_eq!(key_line(s, &["customer", "industry"]), Some(3));
    }

    #[test]
    fn not_found_and_odd_input() {
        assert_eq!(
            value_of("---\ncustomer: Acme\n---\n", &["customer", "name"]),
            None
        );
        assert_eq!(
            value_of("---\ncustomer: {\n---\n", &["customer", "name"]),
            None
        );
        assert_eq!(value_of("---\na: 1\n---\n", &["a", "b", "c"]), None);
        assert_eq!(value_of("---\na: 1\n---\n", &[]), None);
        for s in [
            "---\ncustomer:\n\t- x\n---\n",
            "---\ncustomer: { \"a: 1 }\n---\n",
            "+++\n[customer\nname = 1\n+++\n",
            "+++\n = 1\n+++\n",
            "---\ncustomer:\n  - a: é\n  \"\n---\n",
        ] {
            let _ = value_of(s, &["customer", "name"]);
            let _ = value_of(s, &["customer", "a"]);
        }
    }
}
