//! Which English a document is written in, by evidence. en-US is the default; a document
//! whose words only another English spells that way ("organisation", "enrolment",
//! "colour") is read in that English, unless the configuration pins one. Without a pinned
//! English, another English's spelling of a word is never a finding of its own: a page
//! that mixes both gets one consistency warning, and only when the mix is real.
//!
//! `-ize` is no evidence against British English: Oxford spelling (en-GB-oxendict) and
//! Canadian English write "organize" beside "colour", and technical terms
//! ("serialization") keep it in any English. So an `-ize` word never makes a mix with
//! "behaviour", and "organisation" beside "organization" is no mix of Englishes either.

use std::ops::Range;

use super::{FORMS, Slip, Verdict, dictionary, stem, verdict, words::words, worth_checking};
use crate::config::Dialect;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

/// What reading the document showed.
pub(super) struct Reading {
    pub dialect: Dialect,
    /// One warning when the document mixes en-US spellings with another English's.
    pub warning: Option<Diagnostic>,
}

/// A word the dictionary was asked about: its prose value and byte range there.
type Candidate = (usize, Range<usize>, Slip);

/// How much a spelling tells about the English it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    /// Only an `s`/`z` apart ("organisation" / "organization", "analyse" / "analyze"):
    /// `-ize` is British too, and Canadian English writes "analyze" beside "colour".
    SOrZ,
    /// Letters no other English writes there ("colour", "centre", "enrolment", "color",
    /// "center").
    Strong,
    /// Spellings international docs use in either English: a doubled l ("cancelled"), a
    /// word of the technical vocabulary ("licence").
    Neutral,
}

/// Decides the document's English from the words en-US did not know, drops the
/// candidates another English spells that way, and says whether the document mixes
/// Englishes.
pub(super) fn read(doc: &Document, candidates: &mut Vec<Candidate>) -> Reading {
    let mut reading = Reading {
        dialect: Dialect::EnUs,
        warning: None,
    };
    let Some(us) = dictionary(Dialect::EnUs) else {
        return reading;
    };
    let mut foreign: Vec<(usize, Marker)> = Vec::new();
    for (n, (index, range, slip)) in candidates.iter().enumerate() {
        if *slip != Slip::Unknown {
            continue;
        }
        let word = doc.prose[*index].text[range.clone()].to_lowercase();
        if let Some(marker) = other_english(us, &word) {
            foreign.push((n, marker));
        }
    }
    // Cheap first: most documents have no word that only another English spells so, and
    // then no other dictionary is ever parsed.
    if foreign.is_empty() {
        return reading;
    }
    let telling: Vec<&(usize, Marker)> = foreign
        .iter()
        .filter(|(_, marker)| *marker != Marker::Neutral)
        .collect();
    if !telling.is_empty()
        && let Some(gb) = dictionary(Dialect::EnGb)
    {
        let american = american_spellings(doc, us, gb);
        let strong: Vec<(usize, Range<usize>)> = american
            .iter()
            .filter(|(_, _, marker)| *marker == Marker::Strong)
            .map(|(index, range, _)| (*index, range.clone()))
            .collect();
        let at: Vec<(usize, Range<usize>)> = telling
            .iter()
            .filter_map(|(n, _)| candidates.get(*n))
            .map(|(index, range, _)| (*index, range.clone()))
            .collect();
        if !strong.is_empty() {
            reading.warning = Some(mix_warning(doc, &at, &strong));
        }
        if telling.len() > strong.len() {
            let writes_s = telling.iter().any(|(_, marker)| *marker == Marker::SOrZ);
            let writes_z = american.iter().any(|(_, _, m)| *m == Marker::SOrZ);
            // "-our" with "-ize" and no "-ise" is Oxford or Canadian spelling: en-CA's
            // dictionary knows both.
            reading.dialect = if writes_z && !writes_s {
                Dialect::EnCa
            } else {
                Dialect::EnGb
            };
        }
    }
    // Either way, the other English's spellings are right or covered by the one warning:
    // they are no longer findings.
    let drop: Vec<usize> = foreign.iter().map(|(n, _)| *n).collect();
    let mut index = 0;
    candidates.retain(|_| {
        let keep = !drop.contains(&index);
        index += 1;
        keep
    });
    reading
}

/// Whether a lower-case word en-US does not know is another English's spelling, and how
/// telling it is: its en-US spelling is a word ("customisable" → "customizable"), or
/// en-GB's dictionary knows it ("enrolment").
fn other_english(us: &spellbook::Dictionary, word: &str) -> Option<Marker> {
    let us_knows = |w: &str| verdict(us, Dialect::EnUs, w) == Verdict::Known;
    // A slip typos' dictionary knows ("untill") is nobody's English.
    if super::ACCEPTED.contains(word) || super::vocabulary::known_typo(word).is_some() {
        return None;
    }
    if let Some(marker) = variants(word, false)
        .into_iter()
        .find(|(variant, _)| us_knows(variant) || super::ACCEPTED.contains(variant))
        .map(|(_, marker)| marker)
    {
        return Some(marker);
    }
    // en-GB's dictionary only: it knows what en-AU and en-CA spell unlike en-US, bar a
    // handful, and parsing those two for every page with an unknown word would cost each
    // run about 0.2 s.
    let gb = dictionary(Dialect::EnGb)?;
    if verdict(gb, Dialect::EnGb, word) != Verdict::Known {
        return None;
    }
    let single_l = word.replace("ll", "l");
    Some(if single_l != word && us_knows(&single_l) {
        Marker::Neutral
    } else if word.contains("is") && us_knows(&word.replace("is", "iz")) {
        Marker::SOrZ
    } else {
        Marker::Strong
    })
}

/// The word with one dialect letter group swapped, each with how telling that swap is:
/// British to American (`to_british` false) or back.
fn variants(word: &str, to_british: bool) -> Vec<(String, Marker)> {
    let mut out = Vec::new();
    for (british, american) in &FORMS.dialect_swaps {
        let (from, to) = if to_british {
            (american, british)
        } else {
            (british, american)
        };
        let marker = if british.contains('s') && american.contains('z') && british.len() > 2 {
            // "analyse" / "analyze" too: Canadian English writes "analyze" beside "colour".
            Marker::SOrZ
        } else {
            Marker::Strong
        };
        for (at, _) in word.match_indices(from.as_str()) {
            // "-re" only ends a word ("centre", "metres", "fibred"): elsewhere a swap of
            // "re" makes slips into words ("agre" → "ager").
            let rest = &word[at + from.len()..];
            if matches!(from.as_str(), "re" | "er") && !matches!(rest, "" | "s" | "d") {
                continue;
            }
            out.push((
                format!("{}{to}{}", &word[..at], &word[at + from.len()..]),
                marker,
            ));
        }
    }
    out
}

/// Words spelt the en-US way that British English spells otherwise ("color",
/// "behavior", "organize"), with how telling each is.
fn american_spellings(
    doc: &Document,
    us: &spellbook::Dictionary,
    gb: &spellbook::Dictionary,
) -> Vec<(usize, Range<usize>, Marker)> {
    let mut found = Vec::new();
    for (index, prose) in doc.prose.iter().enumerate() {
        for word in words(&prose.text, false) {
            let text = stem(&prose.text[word.range.clone()]);
            if !worth_checking(text, false) {
                continue;
            }
            if verdict(gb, Dialect::EnGb, text) == Verdict::Known
                || verdict(us, Dialect::EnUs, text) != Verdict::Known
            {
                continue;
            }
            // A true pair: en-GB knows its own spelling, en-US does not ("perm" is no
            // other spelling of "prem").
            let marker = variants(text, true)
                .into_iter()
                .find(|(own, _)| {
                    verdict(gb, Dialect::EnGb, own) == Verdict::Known
                        && verdict(us, Dialect::EnUs, own) == Verdict::Unknown
                        && !super::ACCEPTED.contains(own)
                })
                .map(|(_, marker)| marker);
            if let Some(marker) = marker {
                let start = word.range.start;
                found.push((index, start..start + text.len(), marker));
            }
        }
    }
    found
}

/// One warning for the whole document, at the first word of the less used English.
fn mix_warning(
    doc: &Document,
    foreign: &[(usize, Range<usize>)],
    american: &[(usize, Range<usize>)],
) -> Diagnostic {
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
    let (at, message) = if american.len() == foreign.len() {
        (
            american.first().cloned(),
            format!(
                "This page mixes Englishes: British spelling in {}, en-US in {}: keep one spelling",
                examples(foreign),
                examples(american)
            ),
        )
    } else if american.len() > foreign.len() {
        (
            foreign.first().cloned(),
            format!(
                "This page mixes Englishes: mostly en-US ({}), but British spelling in {}: keep one spelling",
                examples(american),
                examples(foreign)
            ),
        )
    } else {
        (
            american.first().cloned(),
            format!(
                "This page mixes Englishes: mostly British spelling ({}), but en-US in {}: keep one spelling",
                examples(foreign),
                examples(american)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn us() -> &'static spellbook::Dictionary {
        dictionary(Dialect::EnUs).expect("en-US dictionary")
    }

    #[test]
    fn other_english_spellings_and_how_telling_they_are() {
        assert_eq!(other_english(us(), "customisable"), Some(Marker::SOrZ));
        assert_eq!(other_english(us(), "organisation"), Some(Marker::SOrZ));
        assert_eq!(other_english(us(), "singularised"), Some(Marker::SOrZ));
        assert_eq!(other_english(us(), "behaviour"), Some(Marker::Strong));
        assert_eq!(other_english(us(), "analyse"), Some(Marker::SOrZ));
        assert_eq!(other_english(us(), "enrolment"), Some(Marker::Strong));
        // Slips are no other English's spelling.
        assert_eq!(other_english(us(), "recieve"), None);
        assert_eq!(other_english(us(), "distrubution"), None);
        assert_eq!(other_english(us(), "excuting"), None);
    }
}
