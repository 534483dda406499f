//! Prose split into the words worth a dictionary's time: code-like chunks (paths, hosts,
//! identifiers, versions, markup) are skipped whole, and each word knows whether it may
//! start a sentence, where a capital letter says nothing about names.

/// A word of prose: its byte range in `Prose::text`, and whether it starts a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub range: std::ops::Range<usize>,
    pub sentence_start: bool,
}

/// The words of each prose value of a document, split on first use and shared by the rules
/// that read words: spelling and grammar each split every value again before.
pub struct ProseWords<'a> {
    doc: &'a crate::document::Document,
    split: std::cell::OnceCell<Vec<Vec<Word>>>,
}

impl<'a> ProseWords<'a> {
    pub fn new(doc: &'a crate::document::Document) -> ProseWords<'a> {
        ProseWords {
            doc,
            split: std::cell::OnceCell::new(),
        }
    }

    /// The words of `doc.prose[index]`. A value that opens its block, or follows one that
    /// ended a sentence, may start with a capital; headings and table cells are labels,
    /// whose capitals say nothing about sentences.
    pub(crate) fn of(&self, index: usize) -> &[Word] {
        let split = self.split.get_or_init(|| {
            let mut previous = None;
            self.doc
                .prose
                .iter()
                .map(|prose| {
                    let starts = super::block_starts_sentence(prose, previous);
                    previous = Some(prose);
                    let label = matches!(
                        prose.block,
                        crate::document::BlockKind::Heading(_)
                            | crate::document::BlockKind::TableCell
                    );
                    words(&prose.text, starts && !label)
                })
                .collect()
        });
        split.get(index).map_or(&[], Vec::as_slice)
    }
}

/// Splits prose into the words worth checking. White-space separated chunks that look like
/// code (paths, hosts, e-mail addresses, identifiers, options, markup) are skipped whole;
/// inside a chunk, words are runs of ASCII letters with inner apostrophes, split at hyphens
/// and slashes between words.
pub(crate) fn words(text: &str, starts_sentence: bool) -> Vec<Word> {
    let mut out = Vec::new();
    let mut sentence_start = starts_sentence;
    let mut offset = 0;
    for chunk in text.split_inclusive(char::is_whitespace) {
        let start = offset;
        offset += chunk.len();
        let trimmed = chunk.trim_end();
        if trimmed.is_empty() {
            continue;
        }
        let ends_sentence = ends_sentence(trimmed);
        if !is_code_like(trimmed) {
            let mut first_in_chunk = true;
            letter_runs(trimmed, |range| {
                out.push(Word {
                    range: start + range.start..start + range.end,
                    sentence_start: sentence_start && first_in_chunk,
                });
                first_in_chunk = false;
            });
        }
        sentence_start = ends_sentence;
    }
    out
}

/// Whether a chunk ends a sentence (`done.`, `"Why?"`, `first:`), so the next word may
/// be capitalised as any sentence's first word is.
pub(super) fn ends_sentence(chunk: &str) -> bool {
    let core = chunk.trim_end_matches(['"', '\'', '”', '’', ')', ']', '*', '_']);
    core.ends_with(['.', '!', '?', ':', '…'])
}

/// Code and addresses written in running text: never words. One pass over the bytes:
/// this runs on every chunk of every page.
fn is_code_like(chunk: &str) -> bool {
    let core = chunk.trim_matches(|c: char| {
        matches!(
            c,
            '(' | ')'
                | '['
                | ']'
                | '"'
                | '\''
                | '“'
                | '”'
                | '‘'
                | '’'
                | ','
                | ';'
                | ':'
                | '.'
                | '!'
                | '?'
                | '*'
        )
    });
    let bytes = core.as_bytes();
    if bytes.starts_with(b"x-") || bytes.starts_with(b"X-") {
        return true;
    }
    let mut slashes = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        match byte {
            // Markup, operators, placeholders, e-mail addresses, identifiers.
            b'*' | b'@' | b'_' | b'\\' | b'=' | b'<' | b'>' | b'{' | b'}' | b'$' | b'#' | b'`'
            | b'|' | b'~' | b'^' | b'%' | b'+' | b'&' => return true,
            // Versions, sizes, ids ("t3", "2xlarge", "IPv6").
            b'0'..=b'9' => return true,
            // A dot inside a token: a host, a file name, a version, a method call.
            b'.' if core[i + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric) =>
            {
                return true;
            }
            b'/' => slashes += 1,
            _ => {}
        }
    }
    // Paths and URLs-without-scheme, but not "and/or" or "read/write".
    core.starts_with('/') || slashes > 1
}

/// Calls `found` with each run of letters (with inner apostrophes) inside a chunk; words
/// with other scripts or accents are left alone, as Hunspell's English lists do not
/// cover them.
fn letter_runs(chunk: &str, mut found: impl FnMut(std::ops::Range<usize>)) {
    let mut start: Option<usize> = None;
    let mut foreign = false;
    let mut chars = chunk.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_ascii_alphabetic() {
            start.get_or_insert(i);
            continue;
        }
        let next_is_letter = chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
        let inner_apostrophe = matches!(c, '\'' | '’') && start.is_some() && next_is_letter;
        if c.is_alphabetic() || inner_apostrophe {
            if !c.is_ascii() && !inner_apostrophe {
                foreign = true;
            }
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            if !foreign {
                found(s..i);
            }
            foreign = false;
        }
    }
    if let Some(s) = start
        && !foreign
    {
        found(s..chunk.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(&str, bool)> {
        words(text, true)
            .into_iter()
            .map(|w| (&text[w.range], w.sentence_start))
            .collect()
    }

    #[test]
    fn words_skip_code_like_chunks() {
        let found = texts("Run it. Open /etc/hosts, my_var and example.com or t3.large now");
        let plain: Vec<&str> = found.iter().map(|(w, _)| *w).collect();
        assert_eq!(plain, vec!["Run", "it", "Open", "and", "or", "now"]);
        assert!(found[0].1 && !found[1].1 && found[2].1);
    }

    #[test]
    fn words_keep_apostrophes_and_split_hyphens() {
        let plain: Vec<&str> = texts("don’t re-run the team's read/write (café)")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(
            plain,
            vec!["don’t", "re", "run", "the", "team's", "read", "write"]
        );
    }

    #[test]
    fn code_like_chunks() {
        for chunk in [
            "/etc/hosts",
            "my_var",
            "example.com",
            "t3.large",
            "a/b/c",
            "`x`",
            "x-amz-date",
            "user@example.com",
            "(IPv6)",
        ] {
            assert!(is_code_like(chunk), "{chunk}");
        }
        for chunk in ["and/or", "done.", "(see", "“quoted”", "e-mail", "don’t"] {
            assert!(!is_code_like(chunk), "{chunk}");
        }
    }
}
