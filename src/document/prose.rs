//! Prose: the text a reader reads, block by block, with an exact mapping back to the
//! source bytes it was decoded from.
//!
//! A [`Prose`] value is built from the pieces pulldown-cmark reports (text events with
//! their source ranges, and line breaks). Each piece becomes a segment of the mapping:
//! - *verbatim*: the text bytes are exactly the source bytes, so any position inside maps
//!   to a position in the source;
//! - *line break*: a soft line break read as one space; verbatim when the source between
//!   the surrounding text is only white space (a line break and indentation);
//! - *decoded*: an escape (`\.`), an entity (`&amp;`) or a hard line break, mapped as a unit.

use std::ops::Range;

use super::{Link, LinkKind};

/// What kind of block a piece of prose comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// A paragraph that is not directly in a list item (top level, in a block quote, in
    /// a footnote).
    Paragraph,
    /// A heading of the given level (1 to 6).
    Heading(u8),
    /// A table cell (header cells too: see [`BlockContext::table_header`]).
    TableCell,
    /// A list item's text: a tight item's text, or a paragraph directly in a loose item.
    ListItem,
}

/// What markup a piece of prose was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ProseOrigin {
    /// Markdown text (including the text children of inline HTML and MDX components).
    #[default]
    Markdown,
    /// The visible text of an HTML block (`<p>`, `<td>`, `<summary>`, …).
    Html,
    /// A front-matter value a reader sees (`title`, `description`, `summary`); see
    /// [`crate::document::FrontMatterValue`] for how a fix may edit it.
    FrontMatter,
}

/// Where a block sits: how deep in lists and block quotes, and whether it is in a
/// footnote or a table's header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct BlockContext {
    /// Number of list items around the block (0 outside lists; saturates at 255).
    pub list_depth: u8,
    /// Number of block quotes around the block (saturates at 255).
    pub quote_depth: u8,
    /// Inside a footnote definition (`[^1]: …`).
    pub in_footnote: bool,
    /// A cell of a table's header row.
    pub table_header: bool,
}

/// One run of text a reader reads. A block (paragraph, heading, table cell, list item)
/// gives one `Prose`, or several when something that is not prose interrupts it: inline
/// code, inline HTML (including comments), an autolink, a bare URL, a footnote label.
/// Words on either side of such an interruption are never joined into one name. The
/// values of one block share `block_index`.
///
/// `text` is decoded: backslash escapes (`\.` → `.`) and entities (`&amp;` → `&`) are
/// resolved, soft and hard line breaks are a single `' '`. Emphasis, strong,
/// strikethrough, link text and image alt text continue the same text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prose {
    pub text: String,
    pub block: BlockKind,
    pub context: BlockContext,
    /// Index of the block in the document (0-based, in source order), shared by the
    /// `Prose` values one block was split into.
    pub block_index: usize,
    /// The source bytes the whole text comes from (`source_range(0..text.len())`).
    pub span: Range<usize>,
    /// The markup the text was read from.
    pub origin: ProseOrigin,
    segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    /// Bytes of `Prose::text`.
    text: Range<usize>,
    /// Bytes of the source.
    src: Range<usize>,
    kind: SegmentKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SegmentKind {
    /// `text` and `src` have the same bytes.
    Verbatim,
    /// A `' '` standing for a line break and indentation (white space only).
    LineBreak,
    /// Anything else (escape, entity, hard break, a break over `> ` markers): a unit.
    Decoded,
}

impl Prose {
    /// Smallest byte range of the source covering `text[range]` (`range` in bytes of
    /// `text`; it is clamped to the text and widened to character boundaries). An empty
    /// range maps to an empty range at the corresponding source position.
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        let len = self.text.len();
        let mut start = range.start.min(len);
        let mut end = range.end.clamp(start, len);
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        let from = self.map_start(start);
        if start == end {
            return from..from;
        }
        from..self.map_end(end).max(from)
    }

    /// The source offset of a text offset (where the character at `offset` starts in the
    /// source; the end of the text maps to the end of the span).
    pub fn source_offset(&self, offset: usize) -> usize {
        self.source_range(offset..offset).start
    }

    /// True when the source bytes under `text[range]` are exactly `text[range]`, except
    /// that a line break (with indentation) in the source may stand for a `' '` in the
    /// text: no markup, escape, entity or code in between. Only then may a fix replace
    /// `source_range(range)` with new text. False for a range off character boundaries or
    /// past the end.
    pub fn is_verbatim(&self, range: Range<usize>) -> bool {
        if range.start > range.end
            || range.end > self.text.len()
            || !self.text.is_char_boundary(range.start)
            || !self.text.is_char_boundary(range.end)
        {
            return false;
        }
        if range.is_empty() {
            return true;
        }
        let first = self.segments.partition_point(|s| s.text.end <= range.start);
        let mut covered = range.start;
        let mut previous_src_end: Option<usize> = None;
        for segment in &self.segments[first..] {
            if segment.text.start >= range.end {
                break;
            }
            if segment.kind == SegmentKind::Decoded || segment.text.start > covered {
                return false;
            }
            if previous_src_end.is_some_and(|end| end != segment.src.start) {
                return false;
            }
            previous_src_end = Some(segment.src.end);
            covered = segment.text.end;
        }
        covered >= range.end
    }

    /// `source_range(0..text.len())`, from the segments' ends directly.
    fn whole_span(&self) -> Range<usize> {
        match (self.segments.first(), self.segments.last()) {
            (Some(first), Some(last)) => first.src.start..last.src.end.max(first.src.start),
            _ => 0..0,
        }
    }

    /// Inside a list item, at any depth.
    pub fn in_list_item(&self) -> bool {
        self.context.list_depth > 0
    }

    /// Inside a block quote, at any depth.
    pub fn in_blockquote(&self) -> bool {
        self.context.quote_depth > 0
    }

    fn map_start(&self, offset: usize) -> usize {
        let i = self.segments.partition_point(|s| s.text.end <= offset);
        match self.segments.get(i) {
            Some(s) if s.kind == SegmentKind::Verbatim => {
                (s.src.start + offset.saturating_sub(s.text.start)).min(s.src.end)
            }
            Some(s) => s.src.start,
            None => self.segments.last().map_or(self.span.end, |s| s.src.end),
        }
    }

    fn map_end(&self, offset: usize) -> usize {
        let i = self.segments.partition_point(|s| s.text.end < offset);
        match self.segments.get(i) {
            Some(s) if s.kind == SegmentKind::Verbatim => {
                (s.src.start + offset.saturating_sub(s.text.start)).min(s.src.end)
            }
            Some(s) => s.src.end,
            None => self.segments.last().map_or(self.span.end, |s| s.src.end),
        }
    }
}

/// Accumulates the text of one block, piece by piece, and turns it into `Prose` values.
#[derive(Debug, Default)]
pub(super) struct ProseBuilder {
    text: String,
    segments: Vec<Segment>,
    /// A line break seen after some text: `Some(true)` for a hard break. Becomes a `' '`
    /// only if more text follows in the same run.
    pending_break: Option<bool>,
    /// End of the last text piece in the source, across runs (to tell whether a `\`
    /// before a piece is an escape or the previous piece's text).
    last_piece_end: usize,
    /// Given to the values `finish` pushes.
    pub origin: ProseOrigin,
}

impl ProseBuilder {
    pub fn has_text(&self) -> bool {
        !self.text.is_empty()
    }

    /// A soft (`hard == false`) or hard line break.
    pub fn push_break(&mut self, hard: bool) {
        if !self.text.is_empty() {
            self.pending_break = Some(hard || self.pending_break == Some(true));
        }
    }

    /// A text event: `text` as decoded by the parser, `range` its source range.
    pub fn push_text(&mut self, source: &str, text: &str, range: Range<usize>) {
        if text.is_empty() {
            return;
        }
        let range = range.start.min(source.len())..range.end.min(source.len());
        if let Some(hard) = self.pending_break.take() {
            let previous_end = self.segments.last().map_or(range.start, |s| s.src.end);
            let gap = previous_end.min(range.start)..range.start;
            let white = source
                .get(gap.clone())
                .is_some_and(|g| g.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n')));
            let kind = if white && !hard {
                SegmentKind::LineBreak
            } else {
                SegmentKind::Decoded
            };
            let at = self.text.len();
            self.text.push(' ');
            self.segments.push(Segment {
                text: at..at + 1,
                src: gap,
                kind,
            });
        }

        let bytes = source.as_bytes();
        let mut src_at = range.start;
        let mut text_at = 0;
        let text_bytes = text.as_bytes();
        // A backslash escape just before the piece (`\.`): the parser starts the piece at
        // the escaped character. Map that character to both bytes.
        if range.start > 0
            && bytes.get(range.start - 1) == Some(&b'\\')
            && self.last_piece_end < range.start
            && text_bytes[0].is_ascii_punctuation()
            && bytes.get(range.start) == Some(&text_bytes[0])
        {
            self.push_segment(
                0..1,
                range.start - 1..range.start + 1,
                SegmentKind::Decoded,
                text,
            );
            src_at += 1;
            text_at = 1;
        }
        let src = source
            .get(src_at..range.end.max(src_at))
            .unwrap_or("")
            .as_bytes();
        if src == &text_bytes[text_at..] {
            // The common case: the source is the text.
            self.push_segment(
                text_at..text.len(),
                src_at..range.end,
                SegmentKind::Verbatim,
                text,
            );
            self.last_piece_end = range.end;
            return;
        }
        let mut s = 0;
        while text_at < text_bytes.len() {
            let rest = &src[s.min(src.len())..];
            // Stop at an entity (`&amp;`): its `&` is not the text's `&`.
            let common = text_bytes[text_at..]
                .iter()
                .zip(rest)
                .enumerate()
                .take_while(|(k, (a, b))| {
                    a == b && !(**b == b'&' && starts_with_entity(&rest[*k..]))
                })
                .count();
            let mut run = common;
            while run > 0 && !text.is_char_boundary(text_at + run) {
                run -= 1;
            }
            if run > 0 {
                let from = src_at + s;
                self.push_segment(
                    text_at..text_at + run,
                    from..from + run,
                    SegmentKind::Verbatim,
                    text,
                );
                text_at += run;
                s += run;
            }
            if text_at >= text_bytes.len() {
                break;
            }
            // An escape inside the piece.
            if src.get(s) == Some(&b'\\')
                && src.get(s + 1) == Some(&text_bytes[text_at])
                && text_bytes[text_at].is_ascii_punctuation()
            {
                let from = src_at + s;
                self.push_segment(
                    text_at..text_at + 1,
                    from..from + 2,
                    SegmentKind::Decoded,
                    text,
                );
                text_at += 1;
                s += 2;
                continue;
            }
            // Anything else (an entity, a replaced character): the rest is one unit.
            let from = (src_at + s).min(range.end.max(src_at));
            self.push_segment(
                text_at..text_bytes.len(),
                from..range.end.max(from),
                SegmentKind::Decoded,
                text,
            );
            break;
        }
        self.last_piece_end = range.end;
    }

    fn push_segment(
        &mut self,
        text_range: Range<usize>,
        src: Range<usize>,
        kind: SegmentKind,
        piece: &str,
    ) {
        let at = self.text.len();
        self.text.push_str(&piece[text_range.clone()]);
        let text = at..at + text_range.len();
        if kind == SegmentKind::Verbatim
            && let Some(last) = self.segments.last_mut()
            && last.kind == SegmentKind::Verbatim
            && last.text.end == text.start
            && last.src.end == src.start
        {
            last.text.end = text.end;
            last.src.end = src.end;
            return;
        }
        self.segments.push(Segment { text, src, kind });
    }

    /// Ends the current run: pushes its `Prose` values (split around bare URLs, which
    /// become links) and starts an empty run.
    pub fn finish(
        &mut self,
        block: BlockKind,
        context: BlockContext,
        block_index: usize,
        prose: &mut Vec<Prose>,
        links: &mut Vec<Link>,
    ) {
        self.pending_break = None;
        if self.text.is_empty() {
            return;
        }
        let urls = find_urls(&self.text);
        if urls.is_empty() {
            if self.text.bytes().any(|b| !b.is_ascii_whitespace()) {
                let mut value = Prose {
                    text: self.text.as_str().to_owned(),
                    block,
                    context,
                    block_index,
                    span: 0..0,
                    origin: self.origin,
                    segments: self.segments.clone(),
                };
                value.span = value.whole_span();
                prose.push(value);
            }
        } else {
            let whole = Prose {
                text: std::mem::take(&mut self.text),
                block,
                context,
                block_index,
                span: 0..0,
                origin: self.origin,
                segments: std::mem::take(&mut self.segments),
            };
            let mut from = 0;
            for url in &urls {
                push_slice(&whole, from..url.start, prose);
                let span = whole.source_range(url.clone());
                links.push(Link {
                    is_image: false,
                    kind: LinkKind::Bare,
                    destination: whole.text[url.clone()].to_string(),
                    destination_span: Some(span.clone()),
                    text: whole.text[url.clone()].to_string(),
                    span,
                });
                from = url.end;
            }
            push_slice(&whole, from..whole.text.len(), prose);
        }
        self.text.clear();
        self.segments.clear();
    }
}

/// The prose of front-matter values: `title` as a level-1 heading (a page's title is
/// shown as one), the others as paragraphs, one block each.
pub(super) fn front_matter_prose(source: &str, values: &[super::FrontMatterValue]) -> Vec<Prose> {
    let mut out = Vec::new();
    let mut links = Vec::new();
    for (index, value) in values.iter().enumerate() {
        let mut builder = ProseBuilder {
            origin: ProseOrigin::FrontMatter,
            ..ProseBuilder::default()
        };
        for (i, line) in value.lines.iter().enumerate() {
            if i > 0 {
                builder.push_break(false);
            }
            builder.push_text(source, &source[line.clone()], line.clone());
        }
        let block = if value.key == "title" {
            BlockKind::Heading(1)
        } else {
            BlockKind::Paragraph
        };
        builder.finish(block, BlockContext::default(), index, &mut out, &mut links);
    }
    out
}

/// `&name;`, `&#123;` or `&#x1F;` at the start of `bytes`.
fn starts_with_entity(bytes: &[u8]) -> bool {
    let body = bytes
        .iter()
        .skip(1)
        .take(33)
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
        .count();
    body > 0 && bytes.get(1 + body) == Some(&b';')
}

/// Pushes `whole.text[range]` as a Prose value of its own, unless it is only white space.
fn push_slice(whole: &Prose, range: Range<usize>, prose: &mut Vec<Prose>) {
    let Some(text) = whole.text.get(range.clone()) else {
        return;
    };
    if text.trim().is_empty() {
        return;
    }
    let segments = whole
        .segments
        .iter()
        .filter(|s| s.text.end > range.start && s.text.start < range.end)
        .map(|s| {
            let start = s.text.start.max(range.start);
            let end = s.text.end.min(range.end);
            let src = if s.kind == SegmentKind::Verbatim {
                let from = s.src.start + (start - s.text.start);
                from..from + (end - start)
            } else {
                s.src.clone()
            };
            Segment {
                text: start - range.start..end - range.start,
                src,
                kind: s.kind,
            }
        })
        .collect();
    let mut value = Prose {
        text: text.to_string(),
        block: whole.block,
        context: whole.context,
        block_index: whole.block_index,
        span: 0..0,
        origin: whole.origin,
        segments,
    };
    value.span = value.whole_span();
    prose.push(value);
}

/// Bare URLs in decoded text: `scheme://…` (http, https, s3, ftp, …) and `www.…`, ending
/// at white space or `<>"\``, without trailing punctuation or an unbalanced `)` / `]`.
pub(super) fn find_urls(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    // `match_indices` with a char searches with memchr, and `:` is rare in prose.
    let has_scheme = text
        .match_indices(':')
        .any(|(i, _)| bytes.get(i + 1..i + 3) == Some(b"//"));
    let has_www = text.contains("www.") || text.contains("WWW.");
    if !has_scheme && !has_www {
        return Vec::new();
    }
    let mut found: Vec<Range<usize>> = Vec::new();
    if has_scheme {
        let mut from = 0;
        while let Some(i) = text
            .get(from..)
            .and_then(|rest| rest.find("://"))
            .map(|i| from + i)
        {
            let mut start = i;
            while start > 0
                && matches!(bytes[start - 1], b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'+' | b'-' | b'.')
            {
                start -= 1;
            }
            while start < i && !bytes[start].is_ascii_alphabetic() {
                start += 1;
            }
            let end = url_end(text, i + 3);
            if start < i && end > i + 3 {
                found.push(start..end);
                from = end;
            } else {
                from = i + 3;
            }
        }
    }
    let schemes = found.len();
    if has_www {
        let mut from = 0;
        while let Some(i) = find_www(bytes, from) {
            let boundary = i == 0
                || !(bytes[i - 1].is_ascii_alphanumeric()
                    || matches!(bytes[i - 1], b'-' | b'.' | b'/' | b'@' | b'_' | b':'));
            let next_ok = bytes.get(i + 4).is_some_and(u8::is_ascii_alphanumeric);
            // `found` holds only `scheme://` URLs here, sorted and disjoint.
            let inside = found[..schemes]
                .get(found[..schemes].partition_point(|r| r.end <= i))
                .is_some_and(|r| r.start <= i);
            if boundary && next_ok && !inside {
                let end = url_end(text, i + 4);
                found.push(i..end);
                from = end;
            } else {
                from = i + 4;
            }
        }
        found.sort_by_key(|r| r.start);
    }
    found
}

fn find_www(bytes: &[u8], from: usize) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(4)
        .position(|w| w.eq_ignore_ascii_case(b"www."))
        .map(|i| from + i)
}

/// Where a URL that continues at `from` ends.
fn url_end(text: &str, from: usize) -> usize {
    let rest = text.get(from..).unwrap_or("");
    let stop = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
        .unwrap_or(rest.len());
    let mut url = &rest[..stop];
    let count = |c: u8| url.bytes().filter(|b| *b == c).count();
    let (mut parens, mut brackets) = (
        count(b')') as isize - count(b'(') as isize,
        count(b']') as isize - count(b'[') as isize,
    );
    while let Some(last) = url.chars().next_back() {
        let trim = match last {
            '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '*' | '_' | '~' => true,
            ')' if parens > 0 => {
                parens -= 1;
                true
            }
            ']' if brackets > 0 => {
                brackets -= 1;
                true
            }
            _ => false,
        };
        if !trim {
            break;
        }
        url = &url[..url.len() - last.len_utf8()];
    }
    from + url.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_in_text() {
        let text = "See https://aws.amazon.com/s3/. Or (www.example.com/a_(b)) and s3://bucket/key, not http:// or xwww.no. [https://x.y/a]) https://x.y/(a)).";
        let urls: Vec<&str> = find_urls(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            urls,
            [
                "https://aws.amazon.com/s3/",
                "www.example.com/a_(b)",
                "s3://bucket/key",
                "https://x.y/a",
                "https://x.y/(a)",
            ]
        );
        let many = "https://x.y/a".to_string() + &")".repeat(200_000) + &" www.x.y".repeat(20_000);
        assert_eq!(find_urls(&many).len(), 20_001);
        assert!(find_urls("Amazon S3 is fine.").is_empty());
        assert_eq!(find_urls("WWW.X.COM"), vec![0..9]);
        assert_eq!(find_urls("://x"), Vec::<Range<usize>>::new());
        assert_eq!(find_urls("a é https://é.com/ü end"), vec![5..22]);
    }

    fn built(source: &str, pieces: &[(&str, Range<usize>)], breaks_before: &[usize]) -> Prose {
        let mut builder = ProseBuilder::default();
        for (i, (text, range)) in pieces.iter().enumerate() {
            if breaks_before.contains(&i) {
                builder.push_break(false);
            }
            builder.push_text(source, text, range.clone());
        }
        let mut prose = Vec::new();
        let mut links = Vec::new();
        builder.finish(
            BlockKind::Paragraph,
            BlockContext::default(),
            0,
            &mut prose,
            &mut links,
        );
        assert_eq!(prose.len(), 1);
        prose.remove(0)
    }

    #[test]
    fn escapes_inside_a_piece_and_unknown_decodings() {
        // Pieces the parser does not split: mapping still exact.
        let source = "a\\.b&amp;c";
        let prose = built(source, &[("a.b&c", 0..10)], &[]);
        assert_eq!(prose.text, "a.b&c");
        assert_eq!(prose.source_range(0..1), 0..1);
        assert_eq!(prose.source_range(1..2), 1..3);
        assert_eq!(prose.source_range(2..3), 3..4);
        assert_eq!(prose.source_range(3..4), 4..10);
        assert_eq!(prose.source_range(4..5), 4..10);
        assert!(prose.is_verbatim(0..1));
        assert!(!prose.is_verbatim(0..2));
        assert!(prose.is_verbatim(2..3));
        assert!(!prose.is_verbatim(3..4));
    }

    #[test]
    fn mapping_edges() {
        let source = "Amazon\n  S3";
        let prose = built(source, &[("Amazon", 0..6), ("S3", 9..11)], &[1]);
        assert_eq!(prose.text, "Amazon S3");
        assert_eq!(prose.source_range(0..9), 0..11);
        assert_eq!(prose.source_range(6..7), 6..9);
        assert_eq!(prose.source_range(9..9), 11..11);
        assert_eq!(prose.source_range(3..3), 3..3);
        assert_eq!(prose.source_range(50..60), 11..11);
        assert_eq!(prose.source_offset(7), 9);
        assert!(prose.is_verbatim(0..9));
        assert!(prose.is_verbatim(5..8));
        assert!(!prose.is_verbatim(0..10));
        assert!(prose.is_verbatim(4..4));
        assert_eq!(prose.span, 0..11);
    }
}
