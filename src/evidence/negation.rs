//! Negation and contrast scope, shared by every phrase check: "not a startup, ISV or
//! digital native business", "rather than a pilot", "instead of Kubernetes", "unlike a
//! proof of concept", "no longer a trial" deny what follows, up to the end of the clause.
//! The vocabulary is data: `lexicon/evidence/negation.toml`.

use std::sync::LazyLock;

use serde::Deserialize;

use super::text::{PhraseSet, Tok, TokKind};

const VOCABULARY: &str = include_str!("../../lexicon/evidence/negation.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vocabulary {
    window: usize,
    negators: Vec<String>,
    not_negations: Vec<String>,
    breakers: Vec<String>,
    clause_joiners: Vec<String>,
    list_negators: Vec<String>,
    list_joiners: Vec<String>,
    list_joiners_before: Vec<String>,
    clause_openers_after_comma: Vec<String>,
}

struct Lists {
    window: usize,
    negators: PhraseSet,
    not_negations: PhraseSet,
    breakers: PhraseSet,
    clause_joiners: Vec<String>,
    list_negators: Vec<String>,
    list_joiners: Vec<String>,
    list_joiners_before: Vec<String>,
    clause_openers_after_comma: Vec<String>,
}

fn one_of(tok: &Tok, words: &[String]) -> bool {
    words.iter().any(|w| tok.is(w))
}

fn phrase_set(words: &[String]) -> PhraseSet {
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    PhraseSet::new(&words)
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    // The file is embedded at build time; the unit tests parse it, so this cannot fail in
    // a released binary.
    let v: Vocabulary = toml::from_str(VOCABULARY).unwrap_or_else(|err| {
        panic!("lexicon/evidence/negation.toml is not valid: {err}");
    });
    Lists {
        window: v.window,
        negators: phrase_set(&v.negators),
        not_negations: phrase_set(&v.not_negations),
        breakers: phrase_set(&v.breakers),
        clause_joiners: v.clause_joiners,
        list_negators: v.list_negators,
        list_joiners: v.list_joiners,
        list_joiners_before: v.list_joiners_before,
        clause_openers_after_comma: v.clause_openers_after_comma,
    }
});

/// Whether the phrase made of tokens `at..end` carries its own negation ("did not",
/// "could not", "no in-house", "rather than"): such a phrase is never read as denied.
pub(crate) fn carries_negation(toks: &[Tok], at: usize, end: usize) -> bool {
    let lists = &*LISTS;
    (at..end.min(toks.len()))
        .any(|k| lists.negators.longest_at(toks, k).is_some() || contracted_not(toks, k))
}

/// Whether token `at` lies in the scope of a negation or contrast that starts before it
/// in the same clause: "not a startup, ISV or digital native business" (each of the
/// three), "rather than a pilot", "we ruled out Kubernetes". "Not only X but Y" and a
/// clause boundary (`;`, "but", "which", ", and") end the scope.
pub(crate) fn negated(toks: &[Tok], at: usize) -> bool {
    let lists = &*LISTS;
    let from = at.saturating_sub(lists.window);
    let mut j = at;
    let mut crossed_comma = false;
    while j > from {
        j -= 1;
        let tok = &toks[j];
        if contracted_not(toks, j) {
            return !crossed_comma;
        }
        if let Some(end) = lists.negators.longest_at(toks, j)
            && end <= at
        {
            // "Without action, Acme risked …", "Instead of a warehouse, we used …": a
            // negation opening its clause ends at its comma; inside a clause it runs on
            // through a list ("not a startup, ISV or …").
            let opens_clause = j == 0
                || toks[j - 1].kind == TokKind::Punct
                || one_of(&toks[j - 1], &lists.clause_joiners);
            // "…, not a startup, ISV or digital native": after "not", a comma goes on
            // with the list when an "or" or "and" joins its last item.
            let list_goes_on = one_of(tok, &lists.list_negators)
                && ((at + 1..(at + 4).min(toks.len()))
                    .any(|k| one_of(&toks[k], &lists.list_joiners))
                    || (at.saturating_sub(3).max(j)..at)
                        .any(|k| one_of(&toks[k], &lists.list_joiners_before)));
            if crossed_comma && opens_clause && !list_goes_on {
                return false;
            }
            return lists.not_negations.longest_at(toks, j).is_none();
        }
        if tok.is_punct(',') {
            crossed_comma = true;
        }
        if lists.breakers.longest_at(toks, j).is_some() {
            return false;
        }
        // ", and", ", so": a new clause; a comma alone continues a list ("not a startup,
        // ISV or …").
        if tok.is_punct(',')
            && toks
                .get(j + 1)
                .is_some_and(|n| one_of(n, &lists.clause_openers_after_comma))
        {
            return false;
        }
        if tok.kind == TokKind::Punct && matches!(tok.low(), "—" | "–") && tok.space_before {
            return false;
        }
    }
    false
}

/// "isn't", "wasn't", "didn't": a word ending in `n`, an apostrophe and `t`, at the `t`.
fn contracted_not(toks: &[Tok], j: usize) -> bool {
    j >= 2
        && toks[j].is("t")
        && !toks[j].space_before
        && (toks[j - 1].is_punct('\'') || toks[j - 1].is_punct('’'))
        && toks[j - 2].low().ends_with('n')
        && toks[j - 2].kind == TokKind::Word
}

#[cfg(test)]
mod tests {
    use super::super::text::tokens;
    use super::*;

    /// The words of `text` read as denied.
    fn denied(text: &str) -> Vec<&str> {
        let toks = tokens(text);
        (0..toks.len())
            .filter(|&i| toks[i].kind == TokKind::Word && negated(&toks, i))
            .map(|i| &text[toks[i].range.clone()])
            .collect()
    }

    #[test]
    fn the_vocabulary_parses() {
        let v: Vocabulary = toml::from_str(VOCABULARY).expect("valid");
        assert!(v.window > 0 && !v.negators.is_empty());
    }

    #[test]
    fn negation_reaches_a_whole_list() {
        let text = "Acme is not a startup, ISV or digital native business.";
        let d = denied(text);
        for word in ["startup", "ISV", "digital", "native", "business"] {
            assert!(d.contains(&word), "{word}: {d:?}");
        }
        assert!(!d.contains(&"Acme"));
        // After a comma, as an apposition of the sentence.
        let text =
            "It is a small business under $100 million, not a startup, ISV or digital native.";
        let d = denied(text);
        for word in ["startup", "ISV", "digital", "native"] {
            assert!(d.contains(&word), "{word}: {d:?}");
        }
        assert!(!d.contains(&"small"), "{d:?}");
    }

    #[test]
    fn contrast_denies_what_follows_only() {
        let text = "The platform runs in production rather than a pilot.";
        let d = denied(text);
        assert!(d.contains(&"pilot"), "{d:?}");
        assert!(!d.contains(&"production"), "{d:?}");
        for text in [
            "We chose Aurora instead of a self-managed cluster.",
            "Unlike a proof of concept, it serves every clinic.",
            "It is no longer a trial.",
            "It wasn't a pilot.",
            "Neither a startup nor an ISV.",
        ] {
            let d = denied(text);
            assert!(
                d.iter().any(|w| matches!(
                    *w,
                    "cluster" | "concept" | "trial" | "pilot" | "ISV" | "startup"
                )),
                "{text}: {d:?}"
            );
        }
    }

    #[test]
    fn scope_ends_at_the_clause() {
        assert!(!denied("It is not cheap, but it cut costs by 40%.").contains(&"cut"));
        assert!(!denied("No downtime; costs fell by 30%.").contains(&"costs"));
        assert!(!denied("Not only did costs fall, errors dropped too.").contains(&"costs"));
        assert!(denied("Acme grew by 20% and is a startup.").is_empty());
        assert!(!denied("Without action, Acme risked losing 40 clinics.").contains(&"risked"));
        assert!(!denied("Instead of a warehouse, we used Athena.").contains(&"used"));
        assert!(denied("Instead of a warehouse, we used Athena.").contains(&"warehouse"));
    }

    #[test]
    fn phrases_with_their_own_negation() {
        let toks = tokens("they could not scale");
        assert!(carries_negation(&toks, 1, 3));
        assert!(!carries_negation(&toks, 3, 4));
    }
}
