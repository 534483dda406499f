//! Byte offsets (what caselint's findings carry) to and from LSP positions, which count
//! lines and UTF-16 code units. A column counted in bytes or in characters would put a
//! finding after an `é` or an emoji in the wrong place in every editor.

use lsp_types::{Position, Range};

/// Where each line of one text starts, so conversions do not rescan the text.
#[derive(Debug, Clone)]
pub struct LineMap {
    /// Byte offset of each line's first byte; line 0 starts at 0.
    starts: Vec<usize>,
    len: usize,
}

impl LineMap {
    /// Lines end at `\n`, `\r\n` or a lone `\r`, as LSP counts them.
    pub fn new(text: &str) -> LineMap {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineMap {
            starts,
            len: text.len(),
        }
    }

    /// The position of byte `offset` (clamped to the text, and moved back to the start of
    /// the character it falls inside).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(self.len);
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[line];
        let column: usize = text[start..offset].chars().map(char::len_utf16).sum();
        Position::new(to_u32(line), to_u32(column))
    }

    pub fn range(&self, text: &str, span: &std::ops::Range<usize>) -> Range {
        Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }

    /// The byte offset of `position`. A line past the end means the end of the text; a
    /// column past the end of its line (or inside a surrogate pair) means the end of the
    /// line or the character's start, as the LSP specification asks.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return self.len;
        };
        let end = self.content_end(text, line);
        let mut units = 0usize;
        for (index, ch) in text[start..end].char_indices() {
            if units + ch.len_utf16() > position.character as usize {
                return start + index;
            }
            units += ch.len_utf16();
        }
        end
    }

    /// Where line `line`'s text ends, before its line break.
    pub fn content_end(&self, text: &str, line: usize) -> usize {
        let Some(&start) = self.starts.get(line) else {
            return self.len;
        };
        let end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let body = &text[start..end];
        let trimmed = body
            .strip_suffix("\r\n")
            .or_else(|| body.strip_suffix('\n'))
            .or_else(|| body.strip_suffix('\r'))
            .unwrap_or(body);
        start + trimmed.len()
    }

    /// The line `offset` is on.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&start| start <= offset.min(self.len))
            - 1
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) {
        let map = LineMap::new(text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            // Between `\r` and `\n` is no place a finding starts or an editor points to.
            if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
                continue;
            }
            let position = map.position(text, offset);
            assert_eq!(
                map.offset(text, position),
                offset,
                "offset {offset} in {text:?}"
            );
        }
    }

    #[test]
    fn ascii_columns_are_bytes() {
        let text = "one\ntwo Cloudwatch\n";
        let map = LineMap::new(text);
        assert_eq!(map.position(text, 8), Position::new(1, 4));
        assert_eq!(map.offset(text, Position::new(1, 4)), 8);
    }

    #[test]
    fn columns_count_utf16_units_not_bytes_or_chars() {
        // `é` is 2 bytes and 1 unit; `😀` is 4 bytes and 2 units.
        let text = "café 😀 Cloudwatch";
        let map = LineMap::new(text);
        let offset = text.find("Cloudwatch").unwrap();
        assert_eq!(offset, 11);
        assert_eq!(map.position(text, offset), Position::new(0, 8));
        assert_eq!(map.offset(text, Position::new(0, 8)), offset);
    }

    #[test]
    fn a_column_inside_a_surrogate_pair_means_the_character_start() {
        let text = "😀x";
        let map = LineMap::new(text);
        assert_eq!(map.offset(text, Position::new(0, 1)), 0);
        assert_eq!(map.offset(text, Position::new(0, 2)), 4);
    }

    #[test]
    fn an_offset_inside_a_character_moves_to_its_start() {
        let text = "é";
        let map = LineMap::new(text);
        assert_eq!(map.position(text, 1), Position::new(0, 0));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "a\r\nbé\rc";
        let map = LineMap::new(text);
        assert_eq!(
            map.position(text, text.find('c').unwrap()),
            Position::new(2, 0)
        );
        assert_eq!(
            map.position(text, text.find('b').unwrap()),
            Position::new(1, 0)
        );
        // Past the end of line 0 is its end, before `\r\n`.
        assert_eq!(map.offset(text, Position::new(0, 9)), 1);
        round_trip(text);
    }

    #[test]
    fn past_the_last_line_is_the_end() {
        let text = "a\n";
        let map = LineMap::new(text);
        assert_eq!(map.position(text, 2), Position::new(1, 0));
        assert_eq!(map.offset(text, Position::new(7, 0)), 2);
    }

    #[test]
    fn a_line_past_the_end_has_its_end_at_the_end() {
        let text = "a\nb";
        assert_eq!(LineMap::new(text).content_end(text, 9), 3);
    }

    #[test]
    fn round_trips_on_mixed_scripts() {
        round_trip("Überblick: 東京 ☁️ Amazon CloudWatch\n— 🚀🚀 done\n\n");
    }
}
