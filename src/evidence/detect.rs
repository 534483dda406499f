//! The detectors as `run` calls them: each reads a scope, maps what the plain-text
//! scanners found to source spans, and words its notes and problems for the writer.

use std::collections::HashSet;
use std::ops::Range;

use super::kpi::{self, Part, join_parts};
use super::negation::{carries_negation, negated};
use super::outcome::{Role, claims_in};
use super::pilot::{PilotState, pilot_mentions_in, production_statements_in};
use super::quantity::{QuantityKind, quantities_in};
use super::text::{Phrase, TokKind, quote, tokens};
use super::{Env, Evidence, Scope, Verdict, diagram};
use crate::document::BlockKind;
use crate::lexicon::Verdict as NameVerdict;
use crate::profile::Check;

/// How many problems of one sort a verdict lists before it stops (the writer needs
/// examples, not every sentence).
const MAX_EXAMPLES: usize = 3;
/// Characters quoted from a sentence.
const QUOTE_CHARS: usize = 100;

/// Where a problem about the scope as a whole points: its heading, else its first
/// prose, else its start.
fn anchor(scope: &Scope) -> Range<usize> {
    if let Some(h) = scope
        .doc
        .headings
        .iter()
        .find(|h| h.span.start == scope.span.start)
    {
        return h.span.clone();
    }
    if let Some(p) = scope.prose.first() {
        return p.span.clone();
    }
    scope.span.start..scope.span.start
}

fn min(check: &Check, default: u32) -> usize {
    check.min.unwrap_or(default) as usize
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The quantity kinds a check asks for; without `kinds`, all of them.
fn kinds(check: &Check) -> Vec<QuantityKind> {
    let asked: Vec<QuantityKind> = check
        .kinds
        .iter()
        .filter_map(|k| QuantityKind::from_name(k))
        .collect();
    if !asked.is_empty() {
        return asked;
    }
    vec![
        QuantityKind::Percent,
        QuantityKind::Money,
        QuantityKind::Duration,
        QuantityKind::Multiplier,
        QuantityKind::Count,
        QuantityKind::Size,
    ]
}

pub(super) fn min_words(check: &Check, scope: &Scope) -> Verdict {
    let need = min(check, 1);
    let words: usize = scope
        .prose
        .iter()
        .filter(|p| !matches!(p.block, BlockKind::Heading(_)))
        .map(|p| {
            tokens(&p.text)
                .iter()
                .filter(|t| t.kind != TokKind::Punct)
                .count()
        })
        .sum();
    let at = anchor(scope);
    let mut verdict = Verdict {
        met: words >= need,
        found: vec![Evidence {
            span: at.clone(),
            note: plural(words, "word", "words"),
        }],
        problems: Vec::new(),
        uncertain: false,
    };
    if !verdict.met {
        verdict.problems.push((
            at,
            format!(
                "this part has {}; write at least {need}",
                plural(words, "word", "words")
            ),
        ));
    }
    verdict
}

pub(super) fn phrases(check: &Check, scope: &Scope) -> Verdict {
    let list: Vec<(&str, Phrase)> = check
        .phrases
        .iter()
        .map(|p| (p.as_str(), Phrase::new(p)))
        .collect();
    let mut by_first: std::collections::HashMap<&str, Vec<usize>> =
        std::collections::HashMap::new();
    let mut anywhere: Vec<usize> = Vec::new();
    for (k, (_, phrase)) in list.iter().enumerate() {
        match phrase.first_word() {
            Some(word) => by_first.entry(word).or_default().push(k),
            None => anywhere.push(k),
        }
    }
    let mut seen: HashSet<usize> = HashSet::new();
    let mut found = Vec::new();
    // The section's own heading ("## Challenges and risks") is its title, not an answer.
    let title = scope
        .doc
        .headings
        .iter()
        .find(|h| h.span.start == scope.span.start)
        .map(|h| h.span.clone());
    // Its sub-headings are the writer's words, though: "### 3.1 Business Objectives" says
    // that the list under it holds goals.
    let sub_headings: Vec<&crate::document::Prose> = match &title {
        Some(t) => scope
            .doc
            .prose
            .iter()
            .filter(|p| {
                matches!(p.block, crate::document::BlockKind::Heading(_))
                    && p.span.start >= t.end
                    && p.span.end <= scope.span.end
            })
            .collect(),
        None => Vec::new(),
    };
    for prose in scope.prose.iter().copied().chain(sub_headings) {
        if title
            .as_ref()
            .is_some_and(|t| prose.span.start >= t.start && prose.span.end <= t.end)
        {
            continue;
        }
        if seen.len() == list.len() {
            break;
        }
        let toks = tokens(&prose.text);
        // One pass over the words, trying only the phrases that can start at each one:
        // profiles hold hundreds of phrases, and sections can be long.
        for i in 0..toks.len() {
            let candidates = by_first
                .get(toks[i].low())
                .into_iter()
                .flatten()
                .chain(anywhere.iter());
            for &k in candidates {
                if seen.contains(&k) {
                    continue;
                }
                if let Some(end) = list[k].1.matches_at(&toks, i) {
                    // "no alternatives were considered", "not a challenge": denied words
                    // are no evidence (a phrase that is itself a negation, "could not",
                    // still is).
                    if negated(&toks, i) && !carries_negation(&toks, i, end) {
                        continue;
                    }
                    seen.insert(k);
                    let bytes = super::text::byte_range(&toks, i..end);
                    found.push(Evidence {
                        span: prose.source_range(bytes.clone()),
                        note: format!("wording: `{}`", &prose.text[bytes]),
                    });
                }
            }
        }
    }
    let need = min(check, 1);
    Verdict {
        met: list.is_empty() || seen.len() >= need,
        found,
        problems: Vec::new(),
        uncertain: false,
    }
}

pub(super) fn quantity(check: &Check, scope: &Scope) -> Verdict {
    let wanted = kinds(check);
    let mut found = Vec::new();
    let mut sizes = Vec::new();
    for prose in &scope.prose {
        let toks = tokens(&prose.text);
        for q in quantities_in(&toks) {
            let text = &prose.text[q.range.clone()];
            let span = prose.source_range(q.range.clone());
            if wanted.contains(&q.kind) {
                found.push(Evidence {
                    span,
                    note: format!("{}: `{text}`", q.kind.describe()),
                });
            } else if q.customer_size {
                sizes.push((span, text.to_string()));
            }
        }
    }
    let met = found.len() >= min(check, 1);
    let problems = if met {
        Vec::new()
    } else {
        sizes
            .into_iter()
            .take(MAX_EXAMPLES)
            .map(|(span, text)| {
                (
                    span,
                    format!("`{text}` is the customer's size, which does not count here"),
                )
            })
            .collect()
    };
    Verdict {
        met,
        found,
        problems,
        uncertain: false,
    }
}

pub(super) fn outcome(check: &Check, scope: &Scope) -> Verdict {
    let wanted = kinds(check);
    let need = min(check, 1);
    let mut found = Vec::new();
    // One note per clause: "dropped from 17% to 7.5%" is one outcome, not two.
    let mut quoted: HashSet<Range<usize>> = HashSet::new();
    let mut projections = Vec::new();
    let mut near_misses = Vec::new();
    for prose in &scope.prose {
        let toks = tokens(&prose.text);
        for claim in claims_in(&toks) {
            if !wanted.contains(&claim.quantity.kind) {
                continue;
            }
            if matches!(claim.role, Role::Size | Role::Other)
                || (claim.role != Role::Projection
                    && claim.role != Role::Result
                    && found.len() >= need)
            {
                // Quoting costs an allocation: only for what may be shown.
                continue;
            }
            let clause = quote(&prose.text[claim.clause.clone()], QUOTE_CHARS);
            let clause = clause
                .trim_start_matches([';', ',', ' ', '—', '–'])
                .to_string();
            let span = prose.source_range(claim.quantity.range.clone());
            match claim.role {
                Role::Result => {
                    if quoted.insert(prose.source_range(claim.clause.clone())) {
                        found.push(Evidence {
                            span,
                            note: format!("result: `{clause}`"),
                        });
                    }
                }
                Role::Projection => projections.push((
                    span,
                    format!("`{clause}` is a projection, not a result: say what was measured"),
                    super::outcome::is_context_projection(&prose.text[claim.clause.clone()]),
                )),
                Role::Target | Role::Baseline => {
                    let why = if claim.role == Role::Target {
                        "is a goal, not a result achieved"
                    } else {
                        "describes the situation before, not the result"
                    };
                    near_misses.push((span, format!("`{clause}` {why}")));
                }
                Role::Size | Role::Other => {}
            }
        }
    }
    // A KPI's actual values are measured results, in a table ("No-show rate | … | 7.5%")
    // or labelled ("- *Result:* p95 lag was 38 seconds"). Labelled prose is read only
    // when the sentences gave too few: it costs a second pass.
    let has_table = scope
        .doc
        .tables
        .iter()
        .any(|t| t.span.start >= scope.span.start && t.span.end <= scope.span.end);
    let kpis = if found.len() < need {
        Some(kpi::kpis(scope))
    } else if has_table {
        Some(kpi::table_kpis(scope))
    } else {
        None
    };
    if let Some(report) = kpis {
        for k in report.kpis.iter() {
            if let Some(actual) = &k.actual
                && kpi::has_number(&actual.text)
            {
                found.push(Evidence {
                    span: actual.span.clone(),
                    note: format!(
                        "result: `{}` (the actual value of the KPI `{}`)",
                        quote(&actual.text, 40),
                        quote(&k.name, 60)
                    ),
                });
            }
        }
    }
    // A published page's results section states results in its own way ("restoring a
    // matter folder takes six minutes on average"): its numbers count there.
    if found.len() < need && scope.doc.kind == crate::document::DocumentKind::PublicPage {
        found.extend(results_section_numbers(scope, &wanted));
    }
    let met = found.len() >= need;
    // Projections are always worth a word (a validator reads them as claims); goals and
    // baselines only explain a missing result.
    // Once a result is achieved, only projections the page makes for its customer are.
    let mut problems: Vec<_> = projections
        .into_iter()
        .filter(|(_, _, context)| !(met && *context))
        .map(|(span, message, _)| (span, message))
        .take(MAX_EXAMPLES)
        .collect();
    if !met {
        problems.extend(near_misses.into_iter().take(MAX_EXAMPLES));
    }
    Verdict {
        met,
        found,
        problems,
        uncertain: false,
    }
}

/// Percentages, durations, multipliers and amounts stated in a section the page calls its
/// results (not time frames, sizes, goals, baselines or projections).
fn results_section_numbers(scope: &Scope, wanted: &[QuantityKind]) -> Vec<Evidence> {
    let doc = scope.doc;
    let sections: Vec<Range<usize>> = doc
        .headings
        .iter()
        .enumerate()
        .filter(|(_, h)| h.level > 1 && super::outcome::is_result_heading(&h.text))
        .filter_map(|(i, _)| doc.section_span(i))
        .collect();
    let mut found = Vec::new();
    for prose in &scope.prose {
        if matches!(prose.block, crate::document::BlockKind::Heading(_))
            || !sections.iter().any(|s| s.contains(&prose.span.start))
        {
            continue;
        }
        let toks = tokens(&prose.text);
        for claim in claims_in(&toks) {
            let kind = claim.quantity.kind;
            if claim.role == Role::Other
                && wanted.contains(&kind)
                && matches!(
                    kind,
                    QuantityKind::Percent
                        | QuantityKind::Duration
                        | QuantityKind::Multiplier
                        | QuantityKind::Money
                )
                && !super::outcome::is_time_frame(&toks, &claim.quantity.toks)
                && !negated(&toks, claim.quantity.toks.start)
            {
                found.push(Evidence {
                    span: prose.source_range(claim.quantity.range.clone()),
                    note: format!(
                        "result (in the results section): `{}`",
                        quote(&prose.text[claim.clause.clone()], QUOTE_CHARS)
                    ),
                });
            }
        }
    }
    found
}

pub(super) fn aws_services(check: &Check, scope: &Scope, env: &Env) -> Verdict {
    let products = env.names.products();
    let mut seen: HashSet<usize> = HashSet::new();
    let mut found = Vec::new();
    for prose in &scope.prose {
        for hit in env.names.find(&prose.text) {
            let (NameVerdict::Correct { .. }, Some(i)) = (&hit.verdict, hit.product) else {
                continue;
            };
            if !seen.insert(i) {
                continue;
            }
            let name = products.get(i).map_or("", |p| p.short.as_str());
            let written = &prose.text[hit.range.clone()];
            let note = if written == name {
                format!("AWS service: {name}")
            } else {
                format!("AWS service: {name} (`{written}`)")
            };
            found.push(Evidence {
                span: prose.source_range(hit.range.clone()),
                note,
            });
        }
    }
    let need = min(check, 1);
    let met = seen.len() >= need;
    let mut problems = Vec::new();
    if !met && !seen.is_empty() {
        problems.push((
            anchor(scope),
            format!(
                "names {}; the checklist answer needs at least {need}",
                plural(seen.len(), "AWS service", "AWS services")
            ),
        ));
    }
    Verdict {
        met,
        found,
        problems,
        uncertain: false,
    }
}

pub(super) fn diagram(check: &Check, scope: &Scope, env: &Env) -> Verdict {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    // A diagram the text names but that is not beside it may be in the submission.
    let mut named_elsewhere = false;
    for d in diagram::diagrams(scope, env) {
        match d.problem {
            Some(problem) => {
                named_elsewhere |= d.named_only;
                problems.push((d.span, problem));
            }
            None => found.push(Evidence {
                span: d.span,
                note: format!("diagram: `{}`", quote(&d.label, 60)),
            }),
        }
    }
    let met = found.len() >= min(check, 1);
    Verdict {
        met,
        found,
        problems,
        uncertain: !met && named_elsewhere,
    }
}

pub(super) fn kpis(check: &Check, scope: &Scope) -> Verdict {
    let report = kpi::kpis(scope);
    let mut found = Vec::new();
    let mut problems = report.problems.clone();
    let mut complete = Vec::new();
    for k in &report.kpis {
        let name = quote(&k.name, 60);
        if k.is_complete() {
            let part = |p: Part| k.part(p).map_or(String::new(), |f| quote(&f.text, 40));
            found.push(Evidence {
                span: k.span.clone(),
                note: format!(
                    "KPI `{name}`: baseline `{}`, target `{}`, actual `{}`, measured by `{}`",
                    part(Part::Baseline),
                    part(Part::Target),
                    part(Part::Actual),
                    part(Part::Method)
                ),
            });
            complete.push(name);
            continue;
        }
        let missing = k.missing();
        // A stray label in prose ("Source: AWS") is not a KPI the writer started.
        let started = k.in_table || Part::ALL.len() - missing.len() >= 2;
        if !started {
            continue;
        }
        if !missing.is_empty() {
            problems.push((
                k.span.clone(),
                format!("the KPI `{name}` has no {}", join_parts(&missing, "and no")),
            ));
        } else {
            problems.push((
                k.span.clone(),
                format!(
                    "the KPI `{name}` gives no numbers: write the baseline, target and actual values"
                ),
            ));
        }
    }
    let need = min(check, 2);
    let met = complete.len() >= need;
    // KPIs in a table are read with certainty; KPIs told in sentences may be there in a
    // form the finder does not take apart.
    // A KPI with its numbers whose method the finder does not recognise may tell it in
    // words the lists lack: worth a look, not a failed requirement.
    let only_method_missing = report
        .kpis
        .iter()
        .filter(|k| k.missing() == [Part::Method])
        .count();
    let uncertain = !met
        && (!report.kpis.iter().any(|k| k.in_table && !k.is_complete())
            && complete.len() + report.prose_candidates >= need
            || complete.len() + only_method_missing >= need);
    if !met && !complete.is_empty() {
        let names: Vec<String> = complete.iter().map(|n| format!("`{n}`")).collect();
        problems.push((
            anchor(scope),
            format!(
                "found {} ({}); the checklist asks for at least {need}, each with a baseline, a target, the actual result and how it was measured",
                plural(complete.len(), "complete KPI", "complete KPIs"),
                names.join(", ")
            ),
        ));
    }
    Verdict {
        met,
        found,
        problems,
        uncertain,
    }
}

pub(super) fn current_pilot(scope: &Scope) -> Verdict {
    let mut found = Vec::new();
    let mut current = Vec::new();
    // One problem per sentence, even when it says "pilot" and "will go live".
    let mut sentences: HashSet<Range<usize>> = HashSet::new();
    for prose in &scope.prose {
        let toks = tokens(&prose.text);
        for sentence in production_statements_in(&toks) {
            if found.len() < MAX_EXAMPLES {
                found.push(Evidence {
                    span: prose.source_range(sentence.clone()),
                    note: format!("live: `{}`", quote(&prose.text[sentence], QUOTE_CHARS)),
                });
            }
        }
        for m in pilot_mentions_in(&prose.text, &toks) {
            let sentence = quote(&prose.text[m.sentence.clone()], QUOTE_CHARS);
            let span = prose.source_range(m.range.clone());
            let words = &prose.text[m.range.clone()];
            match m.state {
                PilotState::Ended => found.push(Evidence {
                    span,
                    note: format!("a pilot that ended: `{sentence}`"),
                }),
                PilotState::Current
                    if !sentences.insert(prose.source_range(m.sentence.clone())) => {}
                PilotState::Current => current.push((
                    span,
                    format!(
                        "`{sentence}` says the solution is not in production yet (`{words}`); the checklist does not accept pilots or proofs of concept"
                    ),
                )),
                // Not a problem by itself: a production statement elsewhere, or the
                // deployment date in the front matter, usually settles it.
                PilotState::Unclear => found.push(Evidence {
                    span,
                    note: format!("a {words} with no word on whether it ended: `{sentence}`"),
                }),
            }
        }
    }
    Verdict {
        met: current.is_empty(),
        found,
        problems: current,
        uncertain: false,
    }
}
