//! A small scanner for the tag/text boundary of HTML (and JSX in MDX): where tags,
//! comments and text are, by byte offset. It does not build a tree; the extraction keeps
//! the little state it needs (which elements hide their text). html5ever's tokenizer
//! reports no byte offsets, which the exact spans of findings need.

use std::ops::Range;

/// One piece of markup, with its byte range in the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token {
    /// `<name …>`, `</name>`, `<name …/>`; in JSX also `<>` and `</>` (empty name).
    Tag {
        name: Range<usize>,
        end: bool,
        self_closing: bool,
        range: Range<usize>,
    },
    /// `<!-- … -->`, `<!DOCTYPE …>`, `<![CDATA[ … ]]>`, `<? … ?>`, or a tag never closed
    /// before the end of the text: never prose.
    Markup(Range<usize>),
    /// Text between markup (entities not decoded).
    Text(Range<usize>),
}

/// Scans `text` into tokens, in order, covering all of it. `jsx` lets attribute values
/// be `{expressions}` (with `>` inside) and allows fragments (`<>`).
pub(super) fn tokens(text: &str, jsx: bool) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        let at = i + offset;
        match markup_at(bytes, at, jsx) {
            Some(token) => {
                if text_start < at {
                    out.push(Token::Text(text_start..at));
                }
                let end = match &token {
                    Token::Tag { range, .. } | Token::Markup(range) | Token::Text(range) => {
                        range.end
                    }
                };
                out.push(token);
                i = end;
                text_start = end;
            }
            None => i = at + 1,
        }
    }
    if text_start < bytes.len() {
        out.push(Token::Text(text_start..bytes.len()));
    }
    out
}

/// The markup starting at `at` (a `<`), or `None` when the `<` is text.
pub(super) fn markup_at(bytes: &[u8], at: usize, jsx: bool) -> Option<Token> {
    let next = *bytes.get(at + 1)?;
    if bytes[at..].starts_with(b"<!--") {
        let end = find(bytes, at + 4, b"-->").map_or(bytes.len(), |i| i + 3);
        return Some(Token::Markup(at..end));
    }
    if next == b'!' || next == b'?' {
        let close: &[u8] = if bytes[at..].starts_with(b"<![CDATA[") {
            b"]]>"
        } else {
            b">"
        };
        let end = find(bytes, at + 2, close).map_or(bytes.len(), |i| i + close.len());
        return Some(Token::Markup(at..end));
    }
    let (end_tag, name_start) = if next == b'/' {
        (true, at + 2)
    } else {
        (false, at + 1)
    };
    let name_end = name_start
        + bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
            .count();
    let starts_with_letter = bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic);
    let fragment = jsx && name_end == name_start && bytes.get(name_start) == Some(&b'>');
    if !starts_with_letter && !fragment {
        return None;
    }
    // After the name: white space, `>`, `/` (or the end of the text) — otherwise `a<b`
    // in text such as `x<y2z` is not a tag.
    match bytes.get(name_end) {
        None => return Some(Token::Markup(at..bytes.len())),
        Some(b) if b.is_ascii_whitespace() || matches!(b, b'>' | b'/') => {}
        Some(_) => return None,
    }
    let mut i = name_end;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => {
                let self_closing = !end_tag && bytes[i - 1] == b'/';
                return Some(Token::Tag {
                    name: name_start..name_end,
                    end: end_tag,
                    self_closing,
                    range: at..i + 1,
                });
            }
            quote @ (b'"' | b'\'') => {
                i = memchr::memchr(quote, &bytes[i + 1..]).map_or(bytes.len(), |j| i + 1 + j + 1);
            }
            b'{' if jsx => i = skip_braces(bytes, i).unwrap_or(bytes.len()),
            b'<' if !jsx => {
                // `<a <b>`: the first `<` was text.
                return None;
            }
            _ => i += 1,
        }
    }
    Some(Token::Markup(at..bytes.len()))
}

/// The end (after the `}`) of the balanced braces opening at `at`, skipping strings and
/// `/* comments */`; `None` when they never close.
pub(super) fn skip_braces(bytes: &[u8], at: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = at;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            quote @ (b'"' | b'\'' | b'`') => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != quote {
                    if bytes[j] == b'\\' {
                        j += 1;
                    }
                    j += 1;
                }
                i = j;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = find(bytes, i + 2, b"*/").map_or(bytes.len(), |j| j + 1);
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, jsx: bool) -> Vec<String> {
        tokens(text, jsx)
            .into_iter()
            .map(|t| match t {
                Token::Tag {
                    name,
                    end,
                    self_closing,
                    range,
                } => format!(
                    "{}{}{}:{}",
                    if end { "/" } else { "" },
                    &text[name],
                    if self_closing { "/" } else { "" },
                    &text[range].len()
                ),
                Token::Markup(r) => format!("M:{}", &text[r]),
                Token::Text(r) => format!("T:{}", &text[r]),
            })
            .collect()
    }

    #[test]
    fn tags_comments_and_text() {
        assert_eq!(
            shown(
                "<p class=\"a>b\">Hi <b>there</b><br/><!-- no --> x<y</p>",
                false
            ),
            [
                "p:15",
                "T:Hi ",
                "b:3",
                "T:there",
                "/b:4",
                "br/:5",
                "M:<!-- no -->",
                "T: x<y",
                "/p:4"
            ]
        );
        assert_eq!(shown("a < b and 1<2", false), ["T:a < b and 1<2"]);
        assert_eq!(
            shown("<!DOCTYPE html>x", false),
            ["M:<!DOCTYPE html>", "T:x"]
        );
        assert_eq!(shown("<div\n  id='x'\n>t", false), ["div:15", "T:t"]);
        assert_eq!(
            shown("text <unclosed attr", false),
            ["T:text ", "M:<unclosed attr"]
        );
        assert_eq!(shown("<!-- open", false), ["M:<!-- open"]);
        assert_eq!(shown("", false), Vec::<String>::new());
    }

    #[test]
    fn jsx_braces_and_fragments() {
        assert_eq!(
            shown("<Tabs values={[{a: '>'}]} x={1 > 0}>Hi</Tabs><>f</>", true),
            ["Tabs:36", "T:Hi", "/Tabs:7", ":2", "T:f", "/:3"]
        );
        assert_eq!(shown("<>", false), ["T:<>"]);
        assert_eq!(skip_braces(b"{a {b} '}' /* } */}", 0), Some(19));
        assert_eq!(skip_braces(b"{never", 0), None);
    }
}
