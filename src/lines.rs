//! Byte offsets to 1-based lines and columns. Columns count Unicode scalar values, as the
//! JSON contract and editors expect, so a line with `é` before a name still points right.

use std::ops::Range;

#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts; always begins with 0.
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// 1-based line of a byte offset (offsets past the end map to the last line).
    pub fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset.min(self.len)) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// 1-based line and 1-based character column of a byte offset. An offset inside a
    /// multi-byte character counts as that character.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line(offset);
        let start = self.starts[line - 1];
        let column = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or_else(|| {
                text[start..]
                    .char_indices()
                    .take_while(|(i, _)| start + i < offset)
                    .count()
            });
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
}
