//! How AWS was used (checklist 2.2): named AWS services with their role in the solution.
//! A service counts when its clause says what it does there ("Amazon S3 stores the
//! scanned invoices", "using AWS Lambda to resize images"): a role word near the name, in
//! the same clause, with enough other words to say something. A bare list of service
//! names (a tag list, "Services used: Amazon S3, AWS Lambda", a logo strip) does not, nor
//! does a service the text denies or rejects ("rather than Amazon Redshift", "we did not
//! need Amazon EC2"). The vocabulary and the thresholds are data:
//! `lexicon/evidence/usage.toml`.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

use super::negation::negated;
use super::text::{TokKind, tokens};
use super::{Env, Evidence, Scope, Verdict};
use crate::document::BlockKind;
use crate::lexicon::Verdict as NameVerdict;
use crate::profile::Check;

const VOCABULARY: &str = include_str!("../../lexicon/evidence/usage.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vocabulary {
    role_stems: Vec<String>,
    not_services: Vec<String>,
    min_other_words: usize,
    role_window: usize,
    prior_words: Vec<String>,
}

static LISTS: LazyLock<Vocabulary> = LazyLock::new(|| {
    // Embedded at build time and parsed by the unit tests: cannot fail in a release.
    toml::from_str(VOCABULARY)
        .unwrap_or_else(|err| panic!("lexicon/evidence/usage.toml is not valid: {err}"))
});

pub fn aws_usage(check: &Check, scope: &Scope, env: &Env) -> Verdict {
    let lists = &*LISTS;
    let products = env.names.products();
    let need = check.min.unwrap_or(1) as usize;
    let mut with_role: BTreeMap<usize, Evidence> = BTreeMap::new();
    let mut bare: BTreeMap<usize, Range<usize>> = BTreeMap::new();
    for prose in &scope.prose {
        if matches!(prose.block, BlockKind::Heading(_)) {
            continue;
        }
        let hits: Vec<_> = env
            .names
            .find(&prose.text)
            .into_iter()
            .filter_map(|hit| {
                let (NameVerdict::Correct { .. }, Some(i)) = (&hit.verdict, hit.product) else {
                    return None;
                };
                let product = products.get(i)?;
                let name = product.canonical.to_lowercase();
                (!lists.not_services.iter().any(|n| name.contains(n.as_str())))
                    .then_some((i, hit.range))
            })
            .collect();
        if hits.is_empty() {
            continue;
        }
        let toks = tokens(&prose.text);
        for clause in clauses(&prose.text) {
            let inside: Vec<&(usize, Range<usize>)> = hits
                .iter()
                .filter(|(_, r)| r.start >= clause.start && r.end <= clause.end)
                .collect();
            if inside.is_empty() {
                continue;
            }
            // The clause's words that are not part of a name, with their word positions.
            let mut others: Vec<(usize, bool)> = Vec::new();
            let mut name_at: Vec<(usize, usize)> = Vec::new(); // (hit index, word position)
            let mut position = 0;
            for (start, word) in words(&prose.text[clause.clone()]) {
                let at = clause.start + start;
                if let Some(k) = inside.iter().position(|(_, r)| r.contains(&at)) {
                    if !name_at.iter().any(|(seen, _)| *seen == k) {
                        name_at.push((k, position));
                    }
                    continue;
                }
                let lower = word.to_lowercase();
                if lower == "amazon" || lower == "aws" || lower == "and" {
                    continue;
                }
                let tok = toks.iter().position(|t| t.range.start == at);
                let denied = tok.is_some_and(|t| negated(&toks, t));
                let role = !denied
                    && lists
                        .role_stems
                        .iter()
                        .any(|s| lower.starts_with(s.as_str()));
                others.push((position, role));
                position += 1;
            }
            for (k, (i, range)) in inside.iter().enumerate() {
                let at = name_at.iter().find(|(seen, _)| *seen == k).map(|(_, p)| *p);
                let name_tok = toks
                    .iter()
                    .position(|t| t.range.start == range.start && t.kind == TokKind::Word);
                let rejected =
                    name_tok.is_some_and(|t| negated(&toks, t) || prior(&toks, t, clause.start));
                let described = !rejected
                    && others.len() >= lists.min_other_words
                    && at.is_some_and(|at| {
                        others
                            .iter()
                            .any(|(p, role)| *role && p.abs_diff(at) <= lists.role_window)
                    });
                if described {
                    with_role.entry(*i).or_insert_with(|| Evidence {
                        span: prose.source_range(range.clone()),
                        note: format!(
                            "AWS service with its role: `{}`",
                            quote(prose.text[clause.clone()].trim())
                        ),
                    });
                } else {
                    bare.entry(*i)
                        .or_insert_with(|| prose.source_range(range.clone()));
                }
            }
        }
    }
    let met = with_role.len() >= need;
    let mut problems = Vec::new();
    if !met && !bare.is_empty() {
        let names: Vec<String> = bare
            .keys()
            .filter(|i| !with_role.contains_key(i))
            .filter_map(|i| products.get(*i).map(|p| format!("`{}`", p.short)))
            .take(5)
            .collect();
        if let Some(first) = bare.values().next() {
            problems.push((
                first.clone(),
                format!(
                    "names {} without saying what {} in the solution: a list of services is not a description of how AWS was used",
                    names.join(", "),
                    if names.len() == 1 { "it does" } else { "they do" }
                ),
            ));
        }
    }
    Verdict {
        met,
        found: with_role.into_values().collect(),
        problems,
        uncertain: false,
    }
}

/// Whether a word of `prior_words` stands before token `at` in its clause: the service
/// was in the customer's stack before ("its existing Amazon RDS database").
fn prior(toks: &[super::text::Tok], at: usize, clause_start: usize) -> bool {
    static PRIOR: LazyLock<super::text::PhraseSet> = LazyLock::new(|| {
        let words: Vec<&str> = LISTS.prior_words.iter().map(String::as_str).collect();
        super::text::PhraseSet::new(&words)
    });
    let from = toks.partition_point(|t| t.range.start < clause_start);
    (from.max(at.saturating_sub(5))..at).any(|k| PRIOR.longest_at(toks, k).is_some())
}

/// Clause ranges: a sentence (split after `.`, `!`, `?` or `;` followed by white space),
/// cut again at a colon, a spaced dash, a bullet or a middle dot, which separate a label
/// or a tag list from what follows ("Services used: Amazon S3 · AWS Lambda"). Commas do
/// not cut: "Amazon S3, AWS Lambda and Amazon SQS process the files" is one clause.
fn clauses(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for sentence in sentences(text) {
        let mut start = sentence.start;
        let part = &text[sentence.clone()];
        for (i, c) in part.char_indices() {
            let at = sentence.start + i;
            let spaced = |t: &str| t[..i].ends_with(' ') && t[i + c.len_utf8()..].starts_with(' ');
            let cut = match c {
                ':' => part[i + 1..].starts_with(' ') || i + 1 == part.len(),
                '·' | '•' | '|' => true,
                '—' | '–' => spaced(part),
                _ => false,
            };
            if cut {
                out.push(start..at);
                start = at + c.len_utf8();
            }
        }
        out.push(start..sentence.end);
    }
    out
}

/// Sentence ranges: split after `.`, `!`, `?` or `;` followed by white space.
fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?' | b';')
            && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace())
        {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// Words (letters, digits, `-`) with their byte offsets.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || c == '-';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

fn quote(text: &str) -> String {
    if text.chars().count() <= 100 {
        return text.to_string();
    }
    let cut: String = text.chars().take(99).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_loads() {
        assert!(!LISTS.role_stems.is_empty() && !LISTS.not_services.is_empty());
        assert!(LISTS.min_other_words > 0 && LISTS.role_window > 0);
        assert!(!LISTS.prior_words.is_empty());
    }

    #[test]
    fn clauses_cut_at_labels_and_bullets() {
        let text = "Services used: Amazon S3 · AWS Lambda. Amazon S3, AWS Lambda and Amazon SQS process the files.";
        let parts: Vec<&str> = clauses(text).into_iter().map(|r| text[r].trim()).collect();
        assert_eq!(
            parts,
            [
                "Services used",
                "Amazon S3",
                "AWS Lambda.",
                "Amazon S3, AWS Lambda and Amazon SQS process the files."
            ]
        );
    }
}
