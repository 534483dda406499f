//! Byte offsets to 1-based lines and columns. Columns count Unicode scalar values, as the
//! JSON contract and editors expect, so a line with `é` before a name still points right.
//!
//! Every lookup is bounded by a constant, whatever the line's length: a 5 MB paragraph
//! with thousands of findings must not be counted from its start for each one.

use std::ops::Range;
use std::sync::OnceLock;

/// The byte range of the line that holds `at`, without its line break (`\n` or `\r\n`).
pub fn line_around(text: &str, at: usize) -> Range<usize> {
    let start = text
        .get(..at)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(at..)
        .and_then(|s| s.find('\n'))
        .map_or(text.len(), |i| at + i);
    let end = if text.get(..end).is_some_and(|s| s.ends_with('\r')) {
        end - 1
    } else {
        end
    };
    start..end.max(start)
}

/// Characters are counted in blocks of this many bytes, once per document, so a column
/// is found from the nearest block boundary instead of from the line's start.
const CHAR_BLOCK: usize = 4096;

#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts; always begins with 0.
    starts: Vec<usize>,
    /// Characters before byte `i * CHAR_BLOCK`; counted on the first column asked for,
    /// since most documents have no finding and need line numbers at most.
    chars_before_block: OnceLock<Vec<usize>>,
    len: usize,
}

/// A UTF-8 continuation byte (`10xxxxxx`) never starts a character.
fn starts_char(byte: u8) -> bool {
    (byte as i8) >= -0x40
}

fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| starts_char(b)).count()
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        LineIndex {
            starts,
            chars_before_block: OnceLock::new(),
            len: text.len(),
        }
    }

    fn char_blocks(&self, bytes: &[u8]) -> &[usize] {
        self.chars_before_block.get_or_init(|| {
            let counted = &bytes[..self.len.min(bytes.len())];
            let mut blocks = Vec::with_capacity(counted.len() / CHAR_BLOCK + 1);
            let mut seen = 0;
            blocks.push(0);
            for block in counted.chunks(CHAR_BLOCK) {
                seen += count_chars(block);
                blocks.push(seen);
            }
            blocks
        })
    }

    /// 1-based line of a byte offset (offsets past the end map to the last line).
    pub fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset.min(self.len)) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// Characters that start before byte `offset` (a character cut by `offset` counts).
    fn chars_before(&self, bytes: &[u8], offset: usize) -> usize {
        let block = offset / CHAR_BLOCK;
        let from = block * CHAR_BLOCK;
        self.char_blocks(bytes).get(block).copied().unwrap_or(0)
            + bytes.get(from..offset).map_or(0, count_chars)
    }

    /// 1-based line and 1-based character column of a byte offset. An offset inside a
    /// multi-byte character counts as that character. `text` must be the text the index
    /// was built from.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len()).min(self.len);
        let line = self.line(offset);
        let start = self.starts[line - 1];
        let bytes = text.as_bytes();
        let column = self.chars_before(bytes, offset) - self.chars_before(bytes, start);
        (line, column + 1)
    }

    /// Byte range of a 1-based line, without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.len);
        let mut end = self.starts.get(line).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        start..end
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// A part of `span`'s first line of at most about `max_bytes` bytes to show around the
    /// span, for output that must never print a whole huge line: the line itself when it
    /// is short enough, otherwise a window that starts a little before the span and keeps
    /// as much of the span as fits. Both ends are on character boundaries, so
    /// `&text[window.range]` never panics. See [`Window`] for where it was cut.
    pub fn window(&self, text: &str, span: &Range<usize>, max_bytes: usize) -> Window {
        let at = span.start.min(text.len()).min(self.len);
        let line = self.line_range(text, self.line(at));
        if line.len() <= max_bytes {
            return Window {
                range: line.clone(),
                cut_start: false,
                cut_end: false,
            };
        }
        let max_bytes = max_bytes.max(1);
        // A quarter of the room before the span, the rest for the span and what follows.
        let lead = max_bytes / 4;
        let mut start = at.saturating_sub(lead).max(line.start);
        let mut end = start.saturating_add(max_bytes).min(line.end);
        if end - start < max_bytes {
            start = end.saturating_sub(max_bytes).max(line.start);
        }
        while start > line.start && !text.is_char_boundary(start) {
            start -= 1;
        }
        while end < line.end && !text.is_char_boundary(end) {
            end += 1;
        }
        end = end.max(start);
        Window {
            range: start..end,
            cut_start: start > line.start,
            cut_end: end < line.end,
        }
    }
}

/// What [`LineIndex::window`] chose to show of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// Byte range into the text, on one line, without its line ending.
    pub range: Range<usize>,
    /// The line goes on before `range` (show `…`).
    pub cut_start: bool,
    /// The line goes on after `range` (show `…`).
    pub cut_end: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_char_columns() {
        let text = "ab\ncafé Amazon S3\r\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), (1, 1));
        assert_eq!(index.line_col(text, 3), (2, 1));
        let s3 = text.find("Amazon").unwrap();
        assert_eq!(index.line_col(text, s3), (2, 6));
        assert_eq!(index.line_range(text, 2), 3..text.find("\r\n").unwrap());
        assert_eq!(index.line_col(text, text.len()), (3, 5));
        assert_eq!(index.line_count(), 3);
    }

    /// The column counted the slow way, character by character from the line start.
    fn slow_column(text: &str, offset: usize) -> usize {
        let start = text.as_bytes()[..offset]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        text[start..]
            .char_indices()
            .take_while(|(i, _)| start + i < offset)
            .count()
            + 1
    }

    #[test]
    fn columns_across_block_boundaries_match_counting_from_the_line_start() {
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(if i % 7 == 0 { "é—" } else { "ab " });
            if i % 997 == 0 {
                text.push('\n');
            }
        }
        let index = LineIndex::new(&text);
        for offset in (0..text.len()).step_by(13).chain([text.len()]) {
            let (_, column) = index.line_col(&text, offset);
            assert_eq!(column, slow_column(&text, offset), "offset {offset}");
        }
    }

    #[test]
    fn an_offset_inside_a_character_counts_as_that_character() {
        let text = "éa";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 1), (1, 2));
        assert_eq!(index.line_col(text, 2), (1, 2));
        assert_eq!(index.line_col(text, 3), (1, 3));
    }

    #[test]
    fn a_window_is_the_whole_short_line_or_a_bounded_cut_around_the_span() {
        let text = "short\nline two";
        let index = LineIndex::new(text);
        let whole = index.window(text, &(6..10), 80);
        assert_eq!(&text[whole.range.clone()], "line two");
        assert!(!whole.cut_start && !whole.cut_end);

        let long = format!(
            "{}Cloudwatch{}\nnext",
            "é".repeat(50_000),
            "x".repeat(50_000)
        );
        let index = LineIndex::new(&long);
        let at = long.find("Cloudwatch").unwrap();
        let window = index.window(&long, &(at..at + 10), 120);
        let shown = &long[window.range.clone()];
        assert!(shown.contains("Cloudwatch"), "{shown}");
        assert!(shown.len() <= 124, "{}", shown.len());
        assert!(window.cut_start && window.cut_end);

        // A span at the very end of a long line still gets the full room before it.
        let end = long.find('\n').unwrap();
        let tail = index.window(&long, &(end - 1..end), 100);
        assert_eq!(tail.range.end, end);
        assert!(tail.range.len() >= 99 && !tail.cut_end);
    }
}
