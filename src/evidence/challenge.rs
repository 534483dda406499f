//! The customer's challenge on a published page (checklist 2.2), found the way a careful
//! reader finds it: a section the page calls the challenge ("The challenge", "Before
//! Acme", "What wasn't working") that says something, or problems told where the page
//! tells the customer's story. Problem words in the sections about the solution, the AWS
//! architecture or the results ("rural areas with poor signal, so the app works
//! offline", "errors fell by half") are design reasons and results, not the challenge.
//! The vocabulary is data: `lexicon/evidence/challenge.toml`.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

use super::negation::{carries_negation, negated};
use super::text::{PhraseSet, Tok, byte_range, quote, tokens};
use super::{Evidence, Scope, Verdict};
use crate::document::BlockKind;
use crate::profile::Check;

const VOCABULARY: &str = include_str!("../../lexicon/evidence/challenge.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vocabulary {
    heading_words: Vec<String>,
    not_challenge_headings: Vec<String>,
    heading_min_words: usize,
    label_min_words: usize,
    story_elsewhere_headings: Vec<String>,
    problem_phrases: Vec<String>,
}

struct Lists {
    heading_words: PhraseSet,
    not_challenge_headings: PhraseSet,
    heading_min_words: usize,
    label_min_words: usize,
    story_elsewhere_headings: PhraseSet,
    problem_phrases: Vec<String>,
}

fn phrase_set(words: &[String]) -> PhraseSet {
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    PhraseSet::new(&words)
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    // Embedded at build time and parsed by the unit tests: cannot fail in a release.
    let v: Vocabulary = toml::from_str(VOCABULARY)
        .unwrap_or_else(|err| panic!("lexicon/evidence/challenge.toml is not valid: {err}"));
    Lists {
        heading_words: phrase_set(&v.heading_words),
        not_challenge_headings: phrase_set(&v.not_challenge_headings),
        heading_min_words: v.heading_min_words,
        label_min_words: v.label_min_words,
        story_elsewhere_headings: phrase_set(&v.story_elsewhere_headings),
        problem_phrases: v.problem_phrases,
    }
});

/// Whether any phrase of `set` occurs in `text`, not denied ("Not a problem").
fn says(set: &PhraseSet, toks: &[Tok]) -> bool {
    (0..toks.len()).any(|i| {
        set.longest_at(toks, i)
            .is_some_and(|end| !negated(toks, i) || carries_negation(toks, i, end))
    })
}

/// The token after the colon of a label naming the challenge at the start of a block
/// ("Challenge:", "The problem:"), if there is one.
fn challenge_label(toks: &[Tok]) -> Option<usize> {
    let lists = &*LISTS;
    let end = lists.heading_words.longest_at(toks, 0)?;
    let colon = toks.get(end)?.is_punct(':');
    (colon && lists.not_challenge_headings.longest_at(toks, 0).is_none()).then_some(end + 1)
}

/// The detector `challenge` {phrases, min=2}: met by a challenge section with at least
/// the vocabulary's `heading_min_words` words, or by `min` distinct problem phrases (the
/// check's and the vocabulary's) outside the solution and results sections.
pub fn challenge(check: &Check, scope: &Scope) -> Verdict {
    let lists = &*LISTS;
    let doc = scope.doc;
    let in_scope =
        |span: &Range<usize>| span.start >= scope.span.start && span.end <= scope.span.end;

    // The page's title (a level-1 heading) names the page, not a section: "How Acme cut
    // costs with AWS" neither is the challenge nor puts the whole page among the results.
    let mut elsewhere: Vec<Range<usize>> = Vec::new();
    for (i, heading) in doc.headings.iter().enumerate() {
        if heading.level == 1 || !in_scope(&heading.span) {
            continue;
        }
        let Some(section) = doc.section_span(i) else {
            continue;
        };
        let toks = tokens(&heading.text);
        if says(&lists.heading_words, &toks) && !says(&lists.not_challenge_headings, &toks) {
            let words: usize = scope
                .prose
                .iter()
                .filter(|p| {
                    p.span.start >= section.start
                        && p.span.end <= section.end
                        && !matches!(p.block, BlockKind::Heading(_))
                })
                .map(|p| p.text.split_whitespace().count())
                .sum();
            if words >= lists.heading_min_words {
                return Verdict {
                    met: true,
                    found: vec![Evidence {
                        span: heading.span.clone(),
                        note: format!("challenge section: `{}`", quote(&heading.text, 80)),
                    }],
                    ..Verdict::default()
                };
            }
        } else if says(&lists.story_elsewhere_headings, &toks) {
            elsewhere.push(section);
        }
    }

    let mut phrases: Vec<&str> = check.phrases.iter().map(String::as_str).collect();
    phrases.extend(lists.problem_phrases.iter().map(String::as_str));
    let set = PhraseSet::new(&phrases);
    let need = check.min.unwrap_or(2).max(1) as usize;
    let mut seen: HashSet<String> = HashSet::new();
    let mut found = Vec::new();
    for prose in &scope.prose {
        if matches!(prose.block, BlockKind::Heading(_))
            || elsewhere.iter().any(|s| s.contains(&prose.span.start))
        {
            continue;
        }
        let toks = tokens(&prose.text);
        if let Some(label) = challenge_label(&toks)
            && toks[label..]
                .iter()
                .filter(|t| t.kind != super::text::TokKind::Punct)
                .count()
                >= lists.label_min_words
        {
            let bytes = byte_range(&toks, 0..label);
            return Verdict {
                met: true,
                found: vec![Evidence {
                    span: prose.source_range(bytes.clone()),
                    note: format!("challenge label: `{}`", &prose.text[bytes]),
                }],
                ..Verdict::default()
            };
        }
        // A clause that states a result ("No-shows fell from 14% to 6%") tells what
        // changed, not the challenge: its words and its baseline are not counted.
        let claims = super::outcome::claims_in(&toks);
        let result_clauses: Vec<Range<usize>> = claims
            .iter()
            .filter(|c| c.role == super::Role::Result)
            .map(|c| c.clause.clone())
            .collect();
        let in_result = |bytes: &Range<usize>| {
            result_clauses
                .iter()
                .any(|c| c.start <= bytes.start && bytes.end <= c.end)
        };
        let mut i = 0;
        while i < toks.len() {
            let Some(end) = set.longest_at(&toks, i) else {
                i += 1;
                continue;
            };
            if in_result(&byte_range(&toks, i..end)) {
                i = end;
                continue;
            }
            // "no longer by hand", "not a problem": denied words tell no problem; a
            // phrase that is itself a negation ("could not", "no way to") still does.
            if !negated(&toks, i) || carries_negation(&toks, i, end) {
                let bytes = byte_range(&toks, i..end);
                let wording = prose.text[bytes.clone()].to_lowercase();
                if seen.insert(wording) {
                    found.push(Evidence {
                        span: prose.source_range(bytes.clone()),
                        note: format!("problem told: `{}`", &prose.text[bytes]),
                    });
                }
            }
            i = end;
        }
        // The situation before, in numbers ("month-end took 12 days", "previously 40
        // hours a week"): the checklist's "quantifiable metrics" of the challenge.
        for claim in &claims {
            if claim.role == super::Role::Baseline && !in_result(&claim.quantity.range) {
                let bytes = claim.quantity.range.clone();
                if seen.insert(format!("baseline {}", &prose.text[bytes.clone()])) {
                    found.push(Evidence {
                        span: prose.source_range(bytes.clone()),
                        note: format!("problem told: `{}` before", &prose.text[bytes]),
                    });
                }
            }
        }
        if seen.len() >= need {
            break;
        }
    }
    let met = seen.len() >= need;
    let problems = if met {
        Vec::new()
    } else {
        found
            .first()
            .map(|e| {
                let told: Vec<&str> = found
                    .iter()
                    .filter_map(|e| e.note.strip_prefix("problem told: "))
                    .collect();
                (
                    e.span.clone(),
                    format!(
                        "the page tells the customer's challenge only in passing ({}): say what was going wrong for the customer, what it cost and what they could not do",
                        told.join(", ")
                    ),
                )
            })
            .into_iter()
            .collect()
    };
    Verdict {
        met,
        found,
        problems,
        uncertain: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn check() -> Check {
        toml::from_str("id = \"CS-2.2/challenge\"\ndetector = \"challenge\"\nmin = 2\nmessage = \"m\"\nphrases = [\"struggl*\", \"manual*\"]").unwrap()
    }

    fn verdict(body: &str) -> Verdict {
        let doc = Document::parse("p.md", body.to_string()).0;
        challenge(&check(), &Scope::document(&doc))
    }

    #[test]
    fn vocabulary_loads() {
        assert!(LISTS.heading_min_words > 0);
        assert!(!LISTS.problem_phrases.is_empty());
    }

    #[test]
    fn a_challenge_section_that_says_something() {
        let v = verdict(
            "# Acme\n\n## The challenge\n\nThe group had grown by acquisition, and each clinic it bought kept its own way of ordering from its own suppliers at its own prices.\n",
        );
        assert!(v.met, "{v:?}");
        // A heading over a line is no answer, and a title is no section.
        assert!(!verdict("# Acme\n\n## The challenge\n\nOld backups.\n").met);
        assert!(!verdict("# The challenge of growth\n\nAcme grew.\n").met);
    }

    #[test]
    fn a_challenge_label() {
        let v = verdict(
            "# Acme\n\nChallenge: month-end close took twelve days across sixteen clinics.\n",
        );
        assert!(v.met, "{v:?}");
        assert!(!verdict("# Acme\n\nChallenge: none.\n").met);
    }

    #[test]
    fn problems_told_without_a_heading() {
        let v = verdict(
            "# Acme\n\nFor years the office matched invoices by hand, and credits were tracked in a spreadsheet.\n",
        );
        assert!(v.met, "{v:?}");
        assert!(v.found.len() >= 2, "{v:?}");
    }

    #[test]
    fn problem_words_in_the_solution_or_results_are_not_the_challenge() {
        let v = verdict(
            "# Acme\n\n## How it works\n\nMany visits are in areas with poor signal, so the app works offline and nothing is lost.\n\n## Results\n\nErrors fell by half and nobody works by hand.\n",
        );
        assert!(!v.met, "{v:?}");
    }

    #[test]
    fn denied_problems_are_no_problems() {
        let v = verdict("# Acme\n\nStaff no longer work by hand and never use a spreadsheet.\n");
        assert!(!v.met, "{v:?}");
    }

    #[test]
    fn the_partners_delivery_challenges_are_not_the_customers() {
        let v = verdict(
            "# Acme\n\n## Implementation challenges\n\nThe data migration took two weeks longer than planned because the old exports had to be cleaned first.\n",
        );
        assert!(!v.met, "{v:?}");
    }
}
