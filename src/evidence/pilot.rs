//! Pilots and proofs of concept: the checklist (PS-004) accepts only solutions live in
//! production. A mention of a pilot is fine when the sentence says it ended ("after a
//! six-week pilot, Acme went live"); it is a problem when the sentence says it is still
//! going on, and unclear otherwise (then a production statement elsewhere settles it).

use std::ops::Range;

use super::negation::negated;
use super::text::{PhraseSet, Tok, byte_range, sentences, tokens};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PilotState {
    /// The sentence says the pilot is still going on, or the solution is not live yet.
    Current,
    /// The sentence says the pilot ended or production followed it.
    Ended,
    /// The sentence does not say.
    Unclear,
}

/// A pilot, proof of concept or "not live yet" mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PilotMention {
    /// Byte range of the words ("pilot", "proof-of-concept", "not yet in production").
    pub range: Range<usize>,
    /// Byte range of the sentence.
    pub sentence: Range<usize>,
    pub state: PilotState,
}

const VOCABULARY: &str = include_str!("../../lexicon/evidence/pilot.toml");

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Vocabulary {
    pilot_words: Vec<String>,
    not_pilot_trials: Vec<String>,
    phase_words: Vec<String>,
    pilot_abbreviations: Vec<String>,
    not_live: Vec<String>,
    ended_cues: Vec<String>,
    current_cues: Vec<String>,
    people_context: Vec<String>,
    production_phrases: Vec<String>,
    negations: Vec<String>,
}

struct Lists {
    pilot: PhraseSet,
    not_live: PhraseSet,
    ended: PhraseSet,
    current: PhraseSet,
    production: PhraseSet,
    not_pilot_trials: Vec<String>,
    phase_words: Vec<String>,
    pilot_abbreviations: Vec<String>,
    people_context: Vec<String>,
    negations: Vec<String>,
}

fn lists() -> &'static Lists {
    static LISTS: std::sync::LazyLock<Lists> = std::sync::LazyLock::new(|| {
        // Embedded at build time and parsed by the unit tests: cannot fail in a release.
        let v: Vocabulary = toml::from_str(VOCABULARY)
            .unwrap_or_else(|err| panic!("lexicon/evidence/pilot.toml is not valid: {err}"));
        let p = |words: &[String]| {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            PhraseSet::new(&words)
        };
        Lists {
            pilot: p(&v.pilot_words),
            not_live: p(&v.not_live),
            ended: p(&v.ended_cues),
            current: p(&v.current_cues),
            production: p(&v.production_phrases),
            not_pilot_trials: v.not_pilot_trials,
            phase_words: v.phase_words,
            pilot_abbreviations: v.pilot_abbreviations,
            people_context: v.people_context,
            negations: v.negations,
        }
    });
    &LISTS
}

/// Whether the token is one of the words (lower case).
fn one_of(tok: &Tok, words: &[String]) -> bool {
    words.iter().any(|w| tok.is(w))
}

/// Every pilot mention in `text`, judged by its sentence.
pub fn pilot_mentions(text: &str) -> Vec<PilotMention> {
    pilot_mentions_in(text, &tokens(text))
}

pub(crate) fn pilot_mentions_in(text: &str, toks: &[Tok]) -> Vec<PilotMention> {
    let lists = lists();
    let mut out = Vec::new();
    for sentence in sentences(toks) {
        let sentence_bytes = byte_range(toks, sentence.clone());
        let about_flying = toks[sentence.clone()]
            .iter()
            .any(|t| one_of(t, &lists.people_context));
        let mut i = sentence.start;
        while i < sentence.end {
            if let Some(end) = first_match(&lists.not_live, toks, i) {
                out.push(PilotMention {
                    range: byte_range(toks, i..end),
                    sentence: sentence_bytes.clone(),
                    state: PilotState::Current,
                });
                i = end;
                continue;
            }
            let end = first_match(&lists.pilot, toks, i).or_else(|| {
                let original = &text[toks[i].range.clone()];
                lists
                    .pilot_abbreviations
                    .iter()
                    .any(|a| a == original)
                    .then_some(i + 1)
            });
            let Some(end) = end.filter(|&end| end <= sentence.end) else {
                i += 1;
                continue;
            };
            let other_trial = toks[i].lower.starts_with("trial")
                && i > 0
                && one_of(&toks[i - 1], &lists.not_pilot_trials);
            if about_flying
                || other_trial
                || is_compound(toks, i)
                || is_proper_name(text, toks, i, &sentence)
            {
                i = end;
                continue;
            }
            // "rather than a pilot", "not a proof of concept", "no longer a trial".
            if negated(toks, i) {
                i = end;
                continue;
            }
            let mut state = judge(toks, sentence.clone(), i..end, lists);
            // "It was a pilot until June": a past phase that ended.
            if state != PilotState::Ended && was_until(toks, sentence.clone(), i..end) {
                state = PilotState::Ended;
            }
            // "the POC phase", "Acme is piloting": with nothing saying it ended, current.
            if state == PilotState::Unclear
                && (toks.get(end).is_some_and(|t| one_of(t, &lists.phase_words))
                    || toks[i].is("piloting"))
            {
                state = PilotState::Current;
            }
            out.push(PilotMention {
                range: byte_range(toks, i..end),
                sentence: sentence_bytes.clone(),
                state,
            });
            i = end;
        }
    }
    out
}

/// Sentences (byte ranges) that say the solution is live, not denied by "not yet"
/// or "will".
pub fn production_statements(text: &str) -> Vec<Range<usize>> {
    production_statements_in(&tokens(text))
}

pub(crate) fn production_statements_in(toks: &[Tok]) -> Vec<Range<usize>> {
    let lists = lists();
    let mut out = Vec::new();
    for sentence in sentences(toks) {
        let live = sentence.clone().any(|i| {
            first_match(&lists.production, toks, i).is_some_and(|end| end <= sentence.end)
                && !toks[i.saturating_sub(3).max(sentence.start)..i]
                    .iter()
                    .any(|t| one_of(t, &lists.negations))
        });
        if live {
            out.push(byte_range(toks, sentence));
        }
    }
    out
}

fn first_match(phrases: &PhraseSet, toks: &[Tok], i: usize) -> Option<usize> {
    phrases.longest_at(toks, i)
}

/// "co-pilot", "auto-pilot": a different word.
fn is_compound(toks: &[Tok], i: usize) -> bool {
    i >= 2
        && toks[i - 1].is_punct('-')
        && !toks[i].space_before
        && toks[i - 2].is_any(&["co", "auto"])
}

/// "Pilot Flying J": a capitalised word inside a sentence followed by another one.
fn is_proper_name(text: &str, toks: &[Tok], i: usize, sentence: &Range<usize>) -> bool {
    let starts_upper = |t: &Tok| {
        text[t.range.clone()]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    i > sentence.start
        && starts_upper(&toks[i])
        && toks
            .get(i + 1)
            .is_some_and(|n| starts_upper(n) && n.kind == toks[i].kind)
        && !text[toks[i].range.clone()]
            .chars()
            .all(|c| c.is_uppercase())
}

/// "was a pilot until", "were piloting it until": a past tense before the mention and
/// "until" after it.
fn was_until(toks: &[Tok], sentence: Range<usize>, term: Range<usize>) -> bool {
    let before = term.start.saturating_sub(4).max(sentence.start)..term.start;
    let after = term.end..(term.end + 6).min(sentence.end);
    toks[before]
        .iter()
        .any(|t| t.is_any(&["was", "were", "had"]))
        && toks[after].iter().any(|t| t.is("until"))
}

/// Current or ended by the nearest cue (in tokens) to the mention; unclear with none.
fn judge(toks: &[Tok], sentence: Range<usize>, term: Range<usize>, lists: &Lists) -> PilotState {
    let distance = |at: usize| {
        if at < term.start {
            term.start - at
        } else {
            at.saturating_sub(term.end) + 1
        }
    };
    let nearest = |phrases: &PhraseSet| {
        sentence
            .clone()
            .filter(|&k| k < term.start || k >= term.end)
            .filter(|&k| first_match(phrases, toks, k).is_some_and(|e| e <= sentence.end))
            .map(distance)
            .min()
    };
    match (nearest(&lists.ended), nearest(&lists.current)) {
        (Some(e), Some(c)) if c < e => PilotState::Current,
        (Some(_), _) => PilotState::Ended,
        (None, Some(_)) => PilotState::Current,
        (None, None) => PilotState::Unclear,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn states(text: &str) -> Vec<(&str, PilotState)> {
        pilot_mentions(text)
            .into_iter()
            .map(|m| (&text[m.range], m.state))
            .collect()
    }

    use PilotState::*;

    #[test]
    fn current_pilots() {
        assert_eq!(
            states("The solution is currently in a pilot with 3 clinics."),
            [("pilot", Current)]
        );
        assert_eq!(
            states("Acme is still piloting the chatbot."),
            [("piloting", Current)]
        );
        assert_eq!(
            states("The proof-of-concept will expand to all stores next year."),
            [("proof-of-concept", Current)]
        );
        assert_eq!(
            states("The platform is not yet in production."),
            [("not yet in production", Current)]
        );
        assert_eq!(
            states("We built a PoC for the finance team."),
            [("PoC", Unclear)]
        );
        assert_eq!(
            states("The POC phase covers two clinics."),
            [("POC", Current)]
        );
        assert_eq!(
            states("After the POC phase, Acme went live."),
            [("POC", Ended)]
        );
        assert_eq!(
            states("A pilot with 50 users began in May."),
            [("pilot", Unclear)]
        );
        assert_eq!(
            states("Acme is now piloting it in two regions."),
            [("piloting", Current)]
        );
        assert_eq!(
            states("Phase 1 (the pilot) is complete."),
            [("pilot", Ended)]
        );
        assert_eq!(states("The app is in beta."), [("beta", Current)]);
        assert_eq!(
            states("Acme is in a trial with 3 stores."),
            [("trial", Current)]
        );
        // Install and restaurant crews run pilots too: only flying makes pilots people.
        assert_eq!(
            states("The app is still a pilot for eight of the 22 install crews."),
            [("pilot", Current)]
        );
    }

    #[test]
    fn ended_pilots_and_other_words() {
        assert_eq!(
            states("After a successful six-week pilot, Acme went live in March 2025."),
            [("pilot", Ended)]
        );
        assert_eq!(
            states("Acme moved from pilot to production in May."),
            [("pilot", Ended)]
        );
        assert_eq!(
            states(
                "The solution has been in production since July, following a pilot in two stores."
            ),
            [("pilot", Ended)]
        );
        assert_eq!(
            states("After the pilot, Acme is currently rolling out to 40 stores."),
            [("pilot", Ended)]
        );
        for text in [
            "The autopilot and the co-pilot feature use Amazon Q.",
            "Microsoft Copilot users.",
            "The airline's 300 pilots use the app before each flight.",
            "Pilots and cabin crew check the roster before each flight.",
            "Fuel is bought from Pilot Flying J stations.",
            "It picks a poc of data.",
            "Acme runs clinical trials and offers a free trial.",
            "The platform runs in production rather than as a pilot.",
            "It is not a proof of concept: 18 clinics use it daily.",
            "It is no longer a trial.",
        ] {
            assert_eq!(states(text), [], "{text}");
        }
    }

    #[test]
    fn the_vocabulary_parses() {
        let v: Vocabulary = toml::from_str(VOCABULARY).expect("valid");
        assert!(!v.pilot_words.is_empty());
    }

    #[test]
    fn past_phases_that_ended() {
        assert_eq!(
            states("The pilot ended in March and the rollout followed."),
            [("pilot", Ended)]
        );
        assert_eq!(
            states("It was a pilot until June 2025."),
            [("pilot", Ended)]
        );
    }

    #[test]
    fn production_statements_are_found() {
        let text = "The platform went live in March 2025. It is not yet in production in Canada. It will go live in May.";
        let found: Vec<&str> = production_statements(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["The platform went live in March 2025."]);
        assert!(production_statements("").is_empty());
    }
}
