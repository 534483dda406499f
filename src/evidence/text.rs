//! Small hand-written scanners shared by the detectors: words, numbers and punctuation
//! with their byte ranges, sentences and clauses, and whole-word phrase matching. No
//! regular expressions: every scan is linear in the text.

use std::borrow::Cow;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Starts with a letter (or a non-ASCII digit); letters and digits ("Acme", "EC2").
    Word,
    /// ASCII digits, with `,` or `.` between digits ("1,200", "3.5", "10.0.0.1").
    Num,
    /// Any other single character that is not white space.
    Punct,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tok<'a> {
    pub range: Range<usize>,
    pub kind: TokKind,
    /// The token in lower case (ASCII and Unicode letters); borrowed from the text when
    /// it already is (most words), so scanning does not allocate per token.
    pub lower: Cow<'a, str>,
    /// White space comes right before this token (or it starts the text).
    pub space_before: bool,
}

impl Tok<'_> {
    pub fn low(&self) -> &str {
        &self.lower
    }

    pub fn is(&self, word: &str) -> bool {
        self.lower == word
    }

    pub fn is_any(&self, words: &[&str]) -> bool {
        words.contains(&self.low())
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokKind::Punct && self.lower.starts_with(c)
    }
}

/// Splits `text` into words, numbers and punctuation. Apostrophes and hyphens are
/// punctuation, so "customer's" is `customer`, `'`, `s` on both sides of any comparison.
pub(crate) fn tokens(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    let mut space_before = true;
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            space_before = true;
            continue;
        }
        let (kind, end) = if c.is_ascii_digit() {
            let mut end = start + 1;
            while let Some(&(i, n)) = chars.peek() {
                // Digits, and `,` or `.` between digits ("1,200.50").
                let inside = n.is_ascii_digit()
                    || ((n == ',' || n == '.')
                        && text.as_bytes().get(i + 1).is_some_and(u8::is_ascii_digit));
                if inside {
                    chars.next();
                    end = i + 1;
                } else {
                    break;
                }
            }
            (TokKind::Num, end)
        } else if c.is_alphanumeric() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, n)) = chars.peek() {
                if n.is_alphanumeric() {
                    chars.next();
                    end = i + n.len_utf8();
                } else {
                    break;
                }
            }
            (TokKind::Word, end)
        } else {
            (TokKind::Punct, start + c.len_utf8())
        };
        let slice = &text[start..end];
        let lower = if slice.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
            Cow::Owned(slice.to_lowercase())
        } else {
            Cow::Borrowed(slice)
        };
        out.push(Tok {
            range: start..end,
            kind,
            lower,
            space_before,
        });
        space_before = false;
    }
    out
}

/// Words that end with a `.` without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e", "g", "i", "etc", "vs", "approx", "inc", "ltd", "co", "corp", "mr", "ms", "mrs", "dr",
    "no", "st", "u", "s", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "fig", "est", "avg", "min", "max",
];

/// Sentences as token index ranges: a sentence ends after `.`, `!` or `?` followed by
/// white space (or the end), unless the `.` ends a known abbreviation ("e.g.", "Inc.").
pub(crate) fn sentences(toks: &[Tok]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, tok) in toks.iter().enumerate() {
        if tok.kind != TokKind::Punct || !matches!(tok.low(), "." | "!" | "?") {
            continue;
        }
        let next = toks.get(i + 1);
        let ends = match next {
            None => true,
            Some(next) => {
                next.space_before
                    && !(tok.lower == "."
                        && i > 0
                        && toks[i - 1].kind == TokKind::Word
                        && ABBREVIATIONS.contains(&toks[i - 1].low()))
            }
        };
        if ends {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < toks.len() {
        out.push(start..toks.len());
    }
    out
}

/// Words that open a new clause inside a sentence.
const CLAUSE_WORDS: &[&str] = &[
    "but",
    "while",
    "whereas",
    "although",
    "though",
    "however",
    "meanwhile",
];

/// Splits a sentence (token indexes) into clauses at `;`, `|`, a spaced dash, ", and", and
/// the words in `CLAUSE_WORDS`. The boundary token starts the next clause.
pub(crate) fn clauses(toks: &[Tok], sentence: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = sentence.start;
    for i in sentence.clone() {
        let tok = &toks[i];
        let boundary = match tok.kind {
            TokKind::Punct => {
                matches!(tok.low(), ";" | "|")
                    || (matches!(tok.low(), "—" | "–")
                        && tok.space_before
                        && toks.get(i + 1).is_some_and(|n| n.space_before))
            }
            TokKind::Word => {
                tok.is_any(CLAUSE_WORDS) || (tok.is("and") && i > 0 && toks[i - 1].is_punct(','))
            }
            TokKind::Num => false,
        };
        if boundary && i > start {
            out.push(start..i);
            start = i;
        }
    }
    if start < sentence.end {
        out.push(start..sentence.end);
    }
    out
}

/// A phrase to find as whole words, case-insensitively; hyphens and white space in the
/// phrase and the text are alike ("proof of concept" finds "proof-of-concept"). A
/// trailing `*` lets the last word continue ("risk*" finds "risks", "risky").
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    words: Vec<String>,
    prefix: bool,
}

impl Phrase {
    pub fn new(phrase: &str) -> Phrase {
        let trimmed = phrase.trim();
        let prefix = trimmed.ends_with('*');
        let body = trimmed.trim_end_matches('*');
        let words = tokens(body)
            .into_iter()
            .filter(|t| !(t.kind == TokKind::Punct && matches!(t.low(), "-" | "‐" | "–")))
            .map(|t| t.lower.into_owned())
            .collect();
        Phrase { words, prefix }
    }

    /// The word a match must start with, or `None` for a one-word prefix ("risk*"), which
    /// can start anywhere.
    pub fn first_word(&self) -> Option<&str> {
        match self.words.as_slice() {
            [] => None,
            [_] if self.prefix => None,
            [first, ..] => Some(first.as_str()),
        }
    }

    /// Whether the phrase starts at token `i`; returns the index after its last token.
    pub fn matches_at(&self, toks: &[Tok], i: usize) -> Option<usize> {
        if self.words.is_empty() {
            return None;
        }
        let mut j = i;
        for (k, word) in self.words.iter().enumerate() {
            // Hyphens between words of the text are skipped like white space.
            if k > 0 {
                while toks
                    .get(j)
                    .is_some_and(|t| t.kind == TokKind::Punct && matches!(t.low(), "-" | "‐"))
                    && toks.get(j + 1).is_some_and(|t| t.kind != TokKind::Punct)
                {
                    j += 1;
                }
            }
            let tok = toks.get(j)?;
            let last = k + 1 == self.words.len();
            let ok = if last && self.prefix {
                tok.lower.starts_with(word.as_str())
            } else {
                tok.lower == *word
            };
            if !ok {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    /// Every match in `toks`, as token index ranges, left to right, not overlapping.
    #[cfg(test)]
    pub fn find_all(&self, toks: &[Tok]) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match self.matches_at(toks, i) {
                Some(end) => {
                    out.push(i..end);
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// FNV-1a, for tables keyed by short words, where SipHash (the default) costs more than
/// the lookup it serves.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Several phrases, indexed by their first word so that a scan tries only the phrases
/// that can start at a token.
#[derive(Debug, Clone, Default)]
pub(crate) struct PhraseSet {
    by_first: std::collections::HashMap<String, Vec<Phrase>, std::hash::BuildHasherDefault<Fnv>>,
    /// One-word prefix phrases ("risk*"): tried everywhere.
    prefixes: Vec<Phrase>,
}

impl PhraseSet {
    pub fn new(phrases: &[&str]) -> PhraseSet {
        let mut set = PhraseSet::default();
        for phrase in phrases.iter().map(|p| Phrase::new(p)) {
            match phrase.words.first() {
                None => {}
                Some(_) if phrase.prefix && phrase.words.len() == 1 => set.prefixes.push(phrase),
                Some(first) => set.by_first.entry(first.clone()).or_default().push(phrase),
            }
        }
        set
    }

    /// The end of the longest phrase starting at token `i`.
    pub fn longest_at(&self, toks: &[Tok], i: usize) -> Option<usize> {
        let tok = toks.get(i)?;
        let exact = self
            .by_first
            .get(tok.low())
            .into_iter()
            .flatten()
            .filter_map(|p| p.matches_at(toks, i));
        let prefix = self.prefixes.iter().filter_map(|p| p.matches_at(toks, i));
        exact.chain(prefix).max()
    }
}

/// Byte range in the text covered by tokens `range` (empty at the end when none).
pub(crate) fn byte_range(toks: &[Tok], range: Range<usize>) -> Range<usize> {
    match (
        toks.get(range.start),
        range.end.checked_sub(1).and_then(|e| toks.get(e)),
    ) {
        (Some(first), Some(last)) if range.start < range.end => first.range.start..last.range.end,
        _ => {
            let at = toks.last().map_or(0, |t| t.range.end);
            at..at
        }
    }
}

/// `text` shortened to about `max` characters on a word boundary, with "…" when cut;
/// white space collapsed. For quoting in notes and messages.
pub(crate) fn quote(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if count > 0 && count + 1 + len > max {
            out.push('…');
            return out;
        }
        if count > 0 {
            out.push(' ');
            count += 1;
        }
        if len > max {
            out.extend(word.chars().take(max));
            out.push('…');
            return out;
        }
        out.push_str(word);
        count += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokens(text)
            .into_iter()
            .map(|t| t.lower.into_owned())
            .collect()
    }

    #[test]
    fn tokens_split_numbers_words_and_punctuation() {
        assert_eq!(
            words("Acme's EC2 bill fell 1,200.50 $40K 3x t3.large ١٢"),
            [
                "acme", "'", "s", "ec2", "bill", "fell", "1,200.50", "$", "40", "k", "3", "x",
                "t3", ".", "large", "١٢"
            ]
        );
        assert_eq!(words("1,2,3"), ["1,2,3"]);
        assert_eq!(words("3. Next"), ["3", ".", "next"]);
        assert!(tokens("").is_empty());
        let t = tokens("a  b");
        assert!(t[1].space_before);
        let t = tokens("a-b");
        assert!(!t[1].space_before && !t[2].space_before);
    }

    #[test]
    fn sentences_and_clauses() {
        let text = "Costs fell 3.5% e.g. in Q1. Then it grew! Done; next — more, and again but";
        let toks = tokens(text);
        let s = sentences(&toks);
        let quoted: Vec<&str> = s
            .iter()
            .map(|r| &text[byte_range(&toks, r.clone())])
            .collect();
        assert_eq!(
            quoted,
            [
                "Costs fell 3.5% e.g. in Q1.",
                "Then it grew!",
                "Done; next — more, and again but"
            ]
        );
        let c = clauses(&toks, s[2].clone());
        let quoted: Vec<&str> = c
            .iter()
            .map(|r| &text[byte_range(&toks, r.clone())])
            .collect();
        assert_eq!(quoted, ["Done", "; next", "— more,", "and again", "but"]);
    }

    #[test]
    fn phrases_match_whole_words() {
        let toks = tokens("A proof-of-concept, then risks and the Risk register; customer's");
        assert_eq!(Phrase::new("proof of concept").find_all(&toks).len(), 1);
        assert_eq!(Phrase::new("risk").find_all(&toks).len(), 1);
        assert_eq!(Phrase::new("risk*").find_all(&toks).len(), 2);
        assert_eq!(Phrase::new("customer's").find_all(&toks).len(), 1);
        assert_eq!(Phrase::new("oof").find_all(&toks).len(), 0);
        assert!(Phrase::new("  ").find_all(&toks).is_empty());
        assert!(Phrase::new("*").find_all(&toks).is_empty());
    }

    #[test]
    fn quotes_are_short() {
        assert_eq!(quote("one two  three", 9), "one two…");
        assert_eq!(quote("abcdefghij", 4), "abcd…");
        assert_eq!(quote("a\nb", 10), "a b");
    }
}
