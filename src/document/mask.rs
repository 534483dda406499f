//! Source ranges that are never prose although Markdown reads them as text: template tags
//! (`template`), MDX syntax (`mdx`), admonition markers (`:::note`) and kramdown or Pandoc
//! attribute lists (`{: .class}`). Found by one linear scan of the body before Markdown is
//! parsed; the walker cuts text events around them.

use std::ops::Range;
use std::path::Path;

use super::{mdx, template};

/// The syntax a file is written in, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Flavour {
    /// CommonMark + GFM (`.md`, `.markdown`, anything else).
    #[default]
    Markdown,
    /// MDX (`.mdx`): JSX, `{expressions}` and `import`/`export` lines are code.
    Mdx,
}

impl Flavour {
    pub fn of(path: &Path) -> Flavour {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("mdx") => Flavour::Mdx,
            _ => Flavour::Markdown,
        }
    }
}

/// A construct may not run over a blank line or further than this many bytes: a stray
/// `{{` or `<Tag` never swallows the rest of a page, and the scan stays linear.
pub(super) const MAX_TOKEN: usize = 4096;

/// Where a construct starting at `at` must end at the latest: `at + MAX_TOKEN`, moved
/// back onto a character boundary.
pub(super) fn token_limit(source: &str, at: usize) -> usize {
    let mut limit = (at + MAX_TOKEN).min(source.len());
    while !source.is_char_boundary(limit) {
        limit -= 1;
    }
    limit
}

/// Sorted, disjoint source ranges that are not prose, and points where running text must
/// be split (the end of an admonition's title line).
#[derive(Debug, Default, Clone)]
pub(super) struct Masks {
    ranges: Vec<Range<usize>>,
    barriers: Vec<usize>,
}

impl Masks {
    pub fn scan(source: &str, body_start: usize, flavour: Flavour) -> Masks {
        let mut found = Found::default();
        let body = source.as_bytes().get(body_start..).unwrap_or_default();
        emoji_shortcodes(source, body_start, &mut found);
        let candidates = !found.ranges.is_empty()
            || memchr::memchr(b'{', body).is_some()
            || memchr::memmem::find(body, b"<%").is_some()
            || memchr::memmem::find(body, b":::").is_some()
            || (flavour == Flavour::Mdx && memchr::memchr(b'<', body).is_some());
        if !candidates {
            return Masks::default();
        }
        let fences = fenced_code(source, body_start);
        admonitions(source, body_start, &fences, &mut found);
        template::scan(source, body_start, &fences, &mut found);
        if flavour == Flavour::Mdx {
            mdx::scan(source, body_start, &fences, &mut found);
        }
        found
            .ranges
            .sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut ranges: Vec<Range<usize>> = Vec::with_capacity(found.ranges.len());
        for range in found.ranges {
            match ranges.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => ranges.push(range),
            }
        }
        found.barriers.sort_unstable();
        found.barriers.dedup();
        Masks {
            ranges,
            barriers: found.barriers,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty() && self.barriers.is_empty()
    }

    /// The masks that overlap `range` (an empty mask never does).
    pub fn overlapping(&self, range: &Range<usize>) -> &[Range<usize>] {
        let from = self.ranges.partition_point(|m| m.end <= range.start);
        let to = from + self.ranges[from..].partition_point(|m| m.start < range.end);
        &self.ranges[from..to]
    }

    /// Barriers strictly inside `range`, or at its ends when `inclusive`.
    pub fn barriers_in(&self, range: &Range<usize>, inclusive: bool) -> &[usize] {
        let from = self.barriers.partition_point(|b| {
            if inclusive {
                *b < range.start
            } else {
                *b <= range.start
            }
        });
        let to = from
            + self.barriers[from..].partition_point(|b| {
                if inclusive {
                    *b <= range.end
                } else {
                    *b < range.end
                }
            });
        &self.barriers[from..to]
    }

    /// Whether `offset` is inside a mask.
    pub fn contains(&self, offset: usize) -> bool {
        !self.overlapping(&(offset..offset + 1)).is_empty()
    }

    /// `range` without the masks, split at barriers, each part trimmed of white space at
    /// its cut ends. The bool is true for a part that follows a cut (the run must end
    /// before it).
    pub fn cut(&self, source: &str, range: Range<usize>) -> Vec<(Range<usize>, bool)> {
        let mut cuts: Vec<Range<usize>> = self.overlapping(&range).to_vec();
        cuts.extend(self.barriers_in(&range, false).iter().map(|b| *b..*b));
        if cuts.is_empty() {
            return vec![(range, false)];
        }
        cuts.sort_by_key(|c| c.start);
        let mut parts = Vec::new();
        let mut at = range.start;
        let mut after_cut = false;
        for cut in cuts {
            if cut.start > at {
                parts.push((at..cut.start, after_cut));
            }
            after_cut = true;
            at = at.max(cut.end);
        }
        if at < range.end {
            parts.push((at..range.end, after_cut));
        }
        let bytes = source.as_bytes();
        parts
            .into_iter()
            .filter_map(|(mut part, after)| {
                while part.start < part.end && bytes[part.start].is_ascii_whitespace() {
                    part.start += 1;
                }
                while part.end > part.start && bytes[part.end - 1].is_ascii_whitespace() {
                    part.end -= 1;
                }
                (!part.is_empty()).then_some((part, after))
            })
            .collect()
    }
}

/// What the scanners report.
#[derive(Debug, Default)]
pub(super) struct Found {
    pub ranges: Vec<Range<usize>>,
    pub barriers: Vec<usize>,
}

/// Fenced code blocks (```` ``` ```` or `~~~`, also inside lists and quotes), as source
/// ranges; an unclosed fence runs to the end. Template and MDX scanning skips them, so a
/// `{{` shown in an example never pairs with text outside it.
pub(super) fn fenced_code(source: &str, body_start: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, u8, usize)> = None;
    for (start, line) in lines(source, body_start) {
        let marker = line.trim_start_matches([' ', '\t', '>']);
        let marker = marker
            .strip_prefix(['-', '*', '+'])
            .map_or(marker, |rest| rest.trim_start());
        let fence = marker.as_bytes().first().copied();
        let run = |c: u8| marker.bytes().take_while(|b| *b == c).count();
        match (open, fence) {
            // A backtick fence's info string may not contain backticks.
            (None, Some(c @ (b'`' | b'~')))
                if run(c) >= 3 && (c == b'~' || !marker[run(c)..].contains('`')) =>
            {
                open = Some((start, c, run(c)));
            }
            (Some((from, c, len)), Some(f))
                if f == c && run(c) >= len && marker[run(c)..].trim().is_empty() =>
            {
                out.push(from..start + line.len());
                open = None;
            }
            _ => {}
        }
    }
    if let Some((from, _, _)) = open {
        out.push(from..source.len());
    }
    out
}

/// Lines from `from`: (start, text without the line break).
pub(super) fn lines(source: &str, from: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut at = from.min(source.len());
    std::iter::from_fn(move || {
        if at >= source.len() {
            return None;
        }
        let rest = &source[at..];
        let len = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
        let line = rest[..len].strip_suffix('\r').unwrap_or(&rest[..len]);
        let start = at;
        at += len + 1;
        Some((start, line))
    })
}

/// Whether `offset` is inside one of the sorted `fences`.
pub(super) fn in_fence(fences: &[Range<usize>], offset: usize) -> bool {
    let i = fences.partition_point(|f| f.end <= offset);
    fences.get(i).is_some_and(|f| f.start <= offset)
}

/// Whether `range` of `source` crosses a blank line.
pub(super) fn crosses_blank_line(source: &str, range: Range<usize>) -> bool {
    let Some(text) = source.get(range) else {
        return true;
    };
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'\n', &bytes[from..]) {
        let line_start = from + i + 1;
        let line_end = memchr::memchr(b'\n', &bytes[line_start..]).map(|j| line_start + j);
        if let Some(end) = line_end
            && bytes[line_start..end].iter().all(u8::is_ascii_whitespace)
        {
            return true;
        }
        from = line_start;
        if line_end.is_none() {
            break;
        }
    }
    false
}

/// GitHub emoji shortcodes (`:tada:`, `:white_check_mark:`): rendered as a picture, never
/// a word. The name has a letter, no spaces, and stands apart from the text around it, so
/// `10:30:45` and `key:value:x` are not shortcodes. (In code they are never prose anyway.)
fn emoji_shortcodes(source: &str, body_start: usize, found: &mut Found) {
    let bytes = source.as_bytes();
    let mut i = body_start.min(bytes.len());
    while let Some(offset) = memchr::memchr(b':', &bytes[i..]) {
        let at = i + offset;
        i = at + 1;
        let apart = at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b':');
        if !apart {
            continue;
        }
        let name = bytes[at + 1..]
            .iter()
            .take(40)
            .take_while(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'+' | b'-')
            })
            .count();
        let close = at + 1 + name;
        let has_letter = bytes[at + 1..close].iter().any(u8::is_ascii_lowercase);
        let after_ok = bytes
            .get(close + 1)
            .is_none_or(|b| !b.is_ascii_alphanumeric() && *b != b':');
        if name > 0 && has_letter && bytes.get(close) == Some(&b':') && after_ok {
            found.ranges.push(at..close + 1);
            i = close + 1;
        }
    }
}

/// Docusaurus / VuePress admonitions: `:::note Title`, `:::tip[Title]{#id}`, `:::`.
/// The colons, the type and the brackets are not prose; the title is, on its own.
fn admonitions(source: &str, body_start: usize, fences: &[Range<usize>], found: &mut Found) {
    if memchr::memmem::find(&source.as_bytes()[body_start.min(source.len())..], b":::").is_none() {
        return;
    }
    for (start, line) in lines(source, body_start) {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent > 3 || !line[indent..].starts_with(":::") || in_fence(fences, start) {
            continue;
        }
        let bytes = line.as_bytes();
        let mut i = indent + bytes[indent..].iter().take_while(|b| **b == b':').count();
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        i += bytes[i..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
            .count();
        found.ranges.push(start + indent..start + i);
        if bytes.get(i) == Some(&b'[')
            && let Some(close) = line[i..].rfind(']')
        {
            found.ranges.push(start + i..start + i + 1);
            found.ranges.push(start + i + close..start + i + close + 1);
            i += close + 1;
        }
        if let Some(open) = line[i..].find('{')
            && line[i + open..].trim_end().ends_with('}')
        {
            found.ranges.push(start + i + open..start + line.len());
        }
        found.barriers.push(start + line.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_and_blank_lines() {
        let source = "a\n```js\n{{ x }}\n```\n- ~~~\n  y\n  ~~~\n````\nopen";
        let fences = fenced_code(source, 0);
        let shown: Vec<&str> = fences.iter().map(|f| &source[f.clone()]).collect();
        assert_eq!(
            shown,
            ["```js\n{{ x }}\n```", "- ~~~\n  y\n  ~~~", "````\nopen"]
        );
        assert!(in_fence(&fences, 9));
        assert!(!in_fence(&fences, 0));
        assert!(crosses_blank_line("a\n\nb", 0..4));
        assert!(crosses_blank_line("a\n  \nb", 0..6));
        assert!(!crosses_blank_line("a\nb\nc", 0..5));
    }

    #[test]
    fn emoji_shortcodes_are_masked() {
        let source = "Ready! :tada: Done :white_check_mark:. At 10:30:45, key:value:x, :Not:";
        let masks = Masks::scan(source, 0, Flavour::Markdown);
        let masked: Vec<&str> = masks.ranges.iter().map(|r| &source[r.clone()]).collect();
        assert_eq!(masked, [":tada:", ":white_check_mark:"]);
    }

    #[test]
    fn admonition_markers() {
        let source = ":::note Read this\nBody text.\n:::\n\n:::tip[Nice title]{#id}\nx\n:::\n";
        let masks = Masks::scan(source, 0, Flavour::Markdown);
        let masked: Vec<&str> = masks.ranges.iter().map(|r| &source[r.clone()]).collect();
        assert_eq!(masked, [":::note", ":::", ":::tip[", "]{#id}", ":::"]);
        assert!(masks.barriers.contains(&17));
        let parts: Vec<&str> = masks
            .cut(source, 0..17)
            .into_iter()
            .map(|(r, _)| &source[r])
            .collect();
        assert_eq!(parts, ["Read this"]);
    }
}
