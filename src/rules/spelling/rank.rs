//! Which correction to offer first. Hunspell's edit-based suggester finds the candidates
//! but orders them by its own rules ("tbe" → "tee", "continer" → "confiner"); a writer
//! means the word they use most, and a technical writer the word used elsewhere on the
//! same page. So candidates are ordered by how many edits they are from the slip, then by
//! what makes a slip likely: a common word, a word of this document, a neighbouring key.

use std::collections::HashMap;
use std::sync::LazyLock;

const FREQUENCY_LIST: &str = include_str!("../../../lexicon/words/frequency.txt");

/// Rank of each of the 30,000 commonest English words (1 = commonest).
static RANKS: LazyLock<HashMap<&'static str, u32>> = LazyLock::new(|| {
    FREQUENCY_LIST
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
        .zip(1..)
        .collect()
});

/// The characters a word holds, as bits (digits and letters each their own, others
/// folded together). One edit adds, drops or swaps at most two members, so two words whose
/// sets differ in more than four members are more than two edits apart.
pub(crate) fn letter_set(word: &str) -> u64 {
    word.chars().fold(0, |set, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            'A'..='Z' => c as u32 - 'A' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            _ => 36 + c as u32 % 28,
        };
        set | 1 << bit
    })
}

/// Whether `candidate` is at most two edits from `word` (both lower-case), ruling most
/// words out by length and letter set before counting edits.
pub(crate) fn within_two_edits(
    word: &str,
    word_set: u64,
    candidate: &str,
    candidate_set: u64,
) -> bool {
    word.len().abs_diff(candidate.len()) <= 2
        && (word_set ^ candidate_set).count_ones() <= 4
        && strsim::damerau_levenshtein(word, candidate) <= 2
}

/// Points for one edit: more than any bonus below can make up, so a one-edit correction
/// beats a two-edit one unless the two-edit word is both common and on the page.
const EDIT_COST: i32 = 80;
/// Points for being on the page: a technical word the writer spelt right elsewhere.
const IN_DOCUMENT: i32 = 40;
/// Points for a substitution by a neighbouring key, taken off a far one.
const KEYBOARD: i32 = 10;

/// A candidate correction and where it came from.
pub(crate) struct Candidate {
    pub word: String,
    /// Position in Hunspell's own order, which breaks ties; words found elsewhere
    /// (the document, the vocabulary lists) come after Hunspell's.
    pub order: usize,
}

/// At most three corrections, best first, in the writer's capitalisation. A candidate more
/// than two edits away (or one, for words of five letters or fewer) is no correction.
pub(crate) fn rank(
    word: &str,
    candidates: Vec<Candidate>,
    in_document: &dyn Fn(&str) -> bool,
) -> Vec<String> {
    let lower = word.to_lowercase();
    let limit = if lower.chars().count() <= 5 { 1 } else { 2 };
    let mut scored: Vec<(i32, usize, String)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let candidate_lower = candidate.word.to_lowercase();
            let edits = edits(&lower, &candidate_lower)?;
            if edits > limit || candidate_lower == lower {
                return None;
            }
            let mut score = EDIT_COST * edits as i32;
            score -= frequency_points(&candidate_lower);
            if candidate_lower.split([' ', '-']).all(in_document) {
                score -= IN_DOCUMENT;
            }
            score -= substitution_points(&lower, &candidate_lower);
            Some((score, candidate.order, candidate.word))
        })
        .collect();
    scored.sort();
    let mut out: Vec<String> = Vec::new();
    for (_, _, candidate) in scored {
        let candidate = match_case(word, &candidate);
        if !out.contains(&candidate) {
            out.push(candidate);
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

/// Edits between the slip and a candidate. A candidate of several words counts as the
/// spaces it puts back ("usingthe" → "using the" is one edit) and nothing else: a split
/// that also changes letters is not what the writer meant.
fn edits(word: &str, candidate: &str) -> Option<usize> {
    if candidate.contains([' ', '-']) {
        let joined: String = candidate
            .chars()
            .filter(|c| *c != ' ' && *c != '-')
            .collect();
        let common = candidate.split([' ', '-']).all(is_common);
        return (joined == word && common).then(|| candidate.len() - joined.len());
    }
    Some(strsim::damerau_levenshtein(word, candidate))
}

/// Whether a word is among the few thousand commonest English words.
pub(crate) fn is_common(word: &str) -> bool {
    RANKS.get(word).is_some_and(|&rank| rank <= 10_000)
}

/// 0 to 64 points: about four per halving of a word's rank among common English words.
fn frequency_points(word: &str) -> i32 {
    match RANKS.get(word) {
        Some(&rank) => ((16.0 - f64::from(rank).log2()).max(0.0) * 4.0) as i32,
        None => 0,
    }
}

/// For two words of one length that differ in one letter: a bonus when the keys are
/// neighbours (a slip of the finger), a penalty when they are far apart.
fn substitution_points(word: &str, candidate: &str) -> i32 {
    if word.chars().count() != candidate.chars().count() {
        return 0;
    }
    let differing: Vec<(char, char)> = word
        .chars()
        .zip(candidate.chars())
        .filter(|(a, b)| a != b)
        .collect();
    match differing.as_slice() {
        [(a, b)] if neighbours(*a, *b) => KEYBOARD,
        [_] => -KEYBOARD,
        _ => 0,
    }
}

/// Whether two letters sit next to each other on a QWERTY keyboard.
pub(crate) fn neighbours(a: char, b: char) -> bool {
    const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
    let position = |c: char| {
        ROWS.iter()
            .enumerate()
            .find_map(|(row, keys)| keys.find(c).map(|col| (row as i32, col as i32)))
    };
    let (Some((row_a, col_a)), Some((row_b, col_b))) = (position(a), position(b)) else {
        return false;
    };
    // Each row sits about half a key to the right of the one above it.
    let shift = |row: i32, col: i32| col * 2 + row;
    (row_a - row_b).abs() <= 1 && (shift(row_a, col_a) - shift(row_b, col_b)).abs() <= 2
}

/// The candidate in the writer's capitalisation: "Teh" → "The".
pub(crate) fn match_case(word: &str, candidate: &str) -> String {
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    if capitalised && candidate.chars().next().is_some_and(char::is_lowercase) {
        let mut chars = candidate.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        candidate.to_string()
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn letter_sets_never_rule_out_a_word_two_edits_away() {
        let pairs = [
            ("recieve", "receive"),
            ("teh", "the"),
            ("withuot", "without"),
            ("kubernets", "kubernetes"),
            ("paramater", "parameter"),
            ("aple", "apple"),
            ("serverles", "serverless"),
            ("naïve", "naive"),
            ("s3bucket", "s3buckets"),
        ];
        for (a, b) in pairs {
            assert!(strsim::damerau_levenshtein(a, b) <= 2, "{a} {b}");
            assert!(
                within_two_edits(a, letter_set(a), b, letter_set(b)),
                "{a} {b}"
            );
        }
        assert!(!within_two_edits(
            "lambda",
            letter_set("lambda"),
            "python",
            letter_set("python")
        ));
    }

    use super::*;

    fn ranked(word: &str, candidates: &[&str], page: &[&str]) -> Vec<String> {
        let candidates = candidates
            .iter()
            .enumerate()
            .map(|(order, w)| Candidate {
                word: w.to_string(),
                order,
            })
            .collect();
        rank(word, candidates, &|w| page.contains(&w))
    }

    #[test]
    fn common_words_beat_rare_ones_at_equal_distance() {
        assert_eq!(ranked("tbe", &["tee", "the", "tie"], &[])[0], "the");
        assert_eq!(ranked("accout", &["accost", "account"], &[])[0], "account");
        assert_eq!(
            ranked("reciving", &["reciting", "receiving"], &[])[0],
            "receiving"
        );
    }

    #[test]
    fn words_of_the_page_are_preferred() {
        assert_eq!(
            ranked("explicity", &["explicit", "explicitly"], &["explicitly"])[0],
            "explicitly"
        );
        assert_eq!(
            ranked("explicity", &["explicit", "explicitly"], &[])[0],
            "explicit"
        );
    }

    #[test]
    fn one_edit_beats_two_unless_common_and_on_the_page() {
        assert_eq!(
            ranked("kernals", &["kernels", "animals"], &[])[0],
            "kernels"
        );
    }

    #[test]
    fn far_candidates_and_changed_splits_are_dropped() {
        assert!(ranked("teh", &["theory"], &[]).is_empty());
        assert_eq!(
            ranked("usingthe", &["using the", "using them"], &[]),
            vec!["using the"]
        );
    }

    #[test]
    fn capitalisation_is_kept_and_duplicates_dropped() {
        assert_eq!(
            ranked("Ojects", &["ejects", "objects", "Objects"], &[]),
            vec!["Objects", "Ejects"]
        );
    }

    #[test]
    fn keyboard_neighbours() {
        assert!(neighbours('b', 'h'));
        assert!(neighbours('q', 'a'));
        assert!(!neighbours('b', 'e'));
        assert!(!neighbours('q', 'p'));
    }
}
