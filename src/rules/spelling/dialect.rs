//! Which English a document is written in, by evidence. en-US is the default; a document
//! whose words only another English spells that way ("organisation", "enrolment",
//! "colour") is read in that English, unless the configuration pins one. A document that
//! mixes both gets one consistency warning, never a finding per word.

use std::ops::Range;

use super::{
    Slip, Verdict, dialect_variant, dictionary, stem, verdict, words::words, worth_checking,
};
use crate::config::Dialect;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

/// The Englishes other than en-US, in the order a tie is settled.
const OTHERS: [Dialect; 3] = [Dialect::EnGb, Dialect::EnAu, Dialect::EnCa];

/// What reading the document showed.
pub(super) struct Reading {
    pub dialect: Dialect,
    /// One warning when the document mixes en-US spellings with another English's.
    pub warning: Option<Diagnostic>,
}

/// A word the dictionary was asked about: its prose value and byte range there.
type Candidate = (usize, Range<usize>, Slip);

/// Evidence for one English: words it spells that way and en-US does not (`foreign`), and
/// words spelt the en-US way that it would spell otherwise (`american`).
struct Evidence {
    dialect: Dialect,
    /// Candidates this English knows: accepted in its reading.
    accepted: Vec<usize>,
    /// Of those, the ones that tell the Englishes apart: not a doubled l alone
    /// ("cancelled", "labelling" are written in en-US too).
    foreign: Vec<usize>,
    american: Vec<(usize, Range<usize>)>,
}

impl Evidence {
    fn score(&self) -> isize {
        self.foreign.len() as isize - self.american.len() as isize
    }
}

/// Decides the document's English from the words en-US did not know, drops the
/// candidates that English knows, and says whether the document mixes Englishes.
pub(super) fn read(doc: &Document, candidates: &mut Vec<Candidate>) -> Reading {
    let default = Reading {
        dialect: Dialect::EnUs,
        warning: None,
    };
    // Cheap first: most documents have no word that en-US lacks but en-GB knows, and then
    // no other dictionary is ever parsed.
    let Some(gb) = evidence(doc, candidates, Dialect::EnGb) else {
        return default;
    };
    let mut best = gb;
    // en-AU and en-CA are tried only when en-GB's reading conflicts with some words (an
    // -ize spelling with "colour" reads as en-CA).
    if !best.american.is_empty() {
        for dialect in &OTHERS[1..] {
            if let Some(other) = evidence(doc, candidates, *dialect)
                && other.score() > best.score()
            {
                best = other;
            }
        }
    }
    let known: Vec<usize> = best.accepted.clone();
    let warning = (!best.american.is_empty() && !best.foreign.is_empty())
        .then(|| mix_warning(doc, candidates, &best));
    let dialect = if best.american.len() >= best.foreign.len() {
        Dialect::EnUs
    } else {
        best.dialect
    };
    // Either way, the other English's spellings are covered by the one warning (or are
    // right): they are no longer findings.
    let mut index = 0;
    candidates.retain(|_| {
        let keep = !known.contains(&index);
        index += 1;
        keep
    });
    Reading { dialect, warning }
}

/// Evidence for `dialect`, or `None` when it knows none of the unknown words.
fn evidence(doc: &Document, candidates: &[Candidate], dialect: Dialect) -> Option<Evidence> {
    let dictionary = dictionary(dialect)?;
    let accepted: Vec<usize> = candidates
        .iter()
        .enumerate()
        .filter(|(_, (index, range, slip))| {
            *slip == Slip::Unknown && {
                let word = doc.prose[*index].text[range.clone()].to_lowercase();
                verdict(dictionary, dialect, &word) == Verdict::Known
            }
        })
        .map(|(n, _)| n)
        .collect();
    if accepted.is_empty() {
        return None;
    }
    let us = super::dictionary(Dialect::EnUs)?;
    let single_l = |word: &str| word.replace("ll", "l");
    let foreign: Vec<usize> = accepted
        .iter()
        .copied()
        .filter(|&n| {
            let (index, range, _) = &candidates[n];
            let word = doc.prose[*index].text[range.clone()].to_lowercase();
            // Spellings international docs use in either English ("licence",
            // "aluminium", `lexicon/words/cloud.txt`) tell nothing either.
            verdict(us, Dialect::EnUs, &single_l(&word)) == Verdict::Unknown
                && !super::ACCEPTED.contains(&word)
        })
        .collect();
    let mut american = Vec::new();
    for (index, prose) in doc.prose.iter().enumerate() {
        for word in words(&prose.text, false) {
            let text = stem(&prose.text[word.range.clone()]);
            if !worth_checking(text, false) {
                continue;
            }
            // Spelt the en-US way: en-US knows it, this English does not but knows its
            // own spelling of it ("color" → "colour").
            if verdict(us, Dialect::EnUs, text) == Verdict::Known
                && verdict(dictionary, dialect, text) == Verdict::Unknown
                // A true pair: en-US does not know this English's spelling ("perm" is no
                // other spelling of "prem").
                && dialect_variant(dictionary, dialect, text).is_some_and(|own| {
                    verdict(us, Dialect::EnUs, &own) == Verdict::Unknown
                        && single_l(&own) != single_l(text)
                        && !super::ACCEPTED.contains(&own)
                })
            {
                let start = word.range.start;
                american.push((index, start..start + text.len()));
            }
        }
    }
    Some(Evidence {
        dialect,
        accepted,
        foreign,
        american,
    })
}

/// One warning for the whole document, at the first word of the less used English.
fn mix_warning(doc: &Document, candidates: &[Candidate], evidence: &Evidence) -> Diagnostic {
    let foreign: Vec<(usize, Range<usize>)> = evidence
        .foreign
        .iter()
        .filter_map(|&n| candidates.get(n))
        .map(|(index, range, _)| (*index, range.clone()))
        .collect();
    let examples = |found: &[(usize, Range<usize>)]| {
        let mut seen: Vec<String> = Vec::new();
        for (index, range) in found {
            let word = doc.prose[*index].text[range.clone()].to_string();
            if !seen.contains(&word) {
                seen.push(word);
            }
        }
        let shown: Vec<String> = seen.iter().take(3).map(|w| format!("`{w}`")).collect();
        shown.join(", ")
    };
    let other = evidence.dialect.as_str();
    let (at, message) = if evidence.american.len() > foreign.len() {
        (
            foreign.first().cloned(),
            format!(
                "This page mixes Englishes: mostly en-US ({}), but {other} in {}: keep one spelling",
                examples(&evidence.american),
                examples(&foreign)
            ),
        )
    } else {
        (
            evidence.american.first().cloned(),
            format!(
                "This page mixes Englishes: mostly {other} ({}), but en-US in {}: keep one spelling",
                examples(&foreign),
                examples(&evidence.american)
            ),
        )
    };
    let span = at
        .map(|(index, range)| doc.prose[index].source_range(range))
        .unwrap_or(0..0);
    Diagnostic::new(super::SPELLING, Severity::Warning, span, message).with_help(
        "To pin one English for every page, set `[spelling] dialect` (en-US, en-GB, en-AU or en-CA) in caselint.toml.",
    )
}
