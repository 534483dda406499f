//! Outcomes: quantities stated as results ("cut processing time by 60%", "now takes 4
//! hours", "a $40,000 saving"), told apart from the customer's size, the situation
//! before, goals and targets, and projections ("expected to save 30%").
//!
//! Each clause is read left to right. Markers switch a mode (a goal word → target, a
//! projection word → projection, "before" → baseline, a result verb → result) and each
//! quantity takes the role of the mode it is read in, with a few closer signals first:
//! "from X" and "than X" are baselines, "in 3 months" is a time frame, "60% faster"
//! is a result by the word right after it.

use std::ops::Range;

use super::quantity::{Quantity, QuantityKind, quantities_in};
use super::text::{Fnv, Phrase, PhraseSet, Tok, TokKind, byte_range, clauses, sentences, tokens};

const WORD_LISTS_TOML: &str = include_str!("../../lexicon/evidence/outcome.toml");

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WordLists {
    result_verbs: Vec<String>,
    result_nouns: Vec<String>,
    comparatives: Vec<String>,
    projection_words: Vec<String>,
    projection_phrases: Vec<String>,
    market_words: Vec<String>,
    population_nouns: Vec<String>,
    target_words: Vec<String>,
    baseline_words: Vec<String>,
    baseline_prepositions: Vec<String>,
    approx_comparatives: Vec<String>,
    approximators: Vec<String>,
    timeframe_words: Vec<String>,
    relative_words: Vec<String>,
    result_headings: Vec<String>,
    background_openers: Vec<String>,
    not_background: Vec<String>,
    helper_verbs: Vec<String>,
    modals: Vec<String>,
    context_claim_words: Vec<String>,
    quantity_hedges: Vec<String>,
}

static WORD_LISTS: std::sync::LazyLock<WordLists> = std::sync::LazyLock::new(|| {
    // Embedded at build time and parsed by the unit tests: cannot fail in a release.
    toml::from_str(WORD_LISTS_TOML)
        .unwrap_or_else(|err| panic!("lexicon/evidence/outcome.toml is not valid: {err}"))
});

/// The words a quantity may start with when it stands alone ("Up to 40%", "Over 1,200"),
/// as on a published page's stat cards.
pub(crate) fn quantity_hedges() -> &'static [String] {
    &WORD_LISTS.quantity_hedges
}

/// The word lists as slices of `&str`, the form the scanners compare tokens with.
struct Words {
    result_verbs: Vec<&'static str>,
    result_nouns: Vec<&'static str>,
    comparatives: Vec<&'static str>,
    projection_words: Vec<&'static str>,
    projection_phrases: Vec<&'static str>,
    market_words: Vec<&'static str>,
    population_nouns: Vec<&'static str>,
    target_words: Vec<&'static str>,
    baseline_words: Vec<&'static str>,
    baseline_prepositions: Vec<&'static str>,
    approx_comparatives: Vec<&'static str>,
    approximators: Vec<&'static str>,
    relative_words: Vec<&'static str>,
    timeframe_words: Vec<&'static str>,
    helper_verbs: Vec<&'static str>,
    modals: Vec<&'static str>,
}

fn strs(list: &'static [String]) -> Vec<&'static str> {
    list.iter().map(String::as_str).collect()
}

static WORDS: std::sync::LazyLock<Words> = std::sync::LazyLock::new(|| {
    let data: &'static WordLists = &WORD_LISTS;
    Words {
        result_verbs: strs(&data.result_verbs),
        result_nouns: strs(&data.result_nouns),
        comparatives: strs(&data.comparatives),
        projection_words: strs(&data.projection_words),
        projection_phrases: strs(&data.projection_phrases),
        market_words: strs(&data.market_words),
        population_nouns: strs(&data.population_nouns),
        target_words: strs(&data.target_words),
        baseline_words: strs(&data.baseline_words),
        baseline_prepositions: strs(&data.baseline_prepositions),
        approx_comparatives: strs(&data.approx_comparatives),
        approximators: strs(&data.approximators),
        relative_words: strs(&data.relative_words),
        timeframe_words: strs(&data.timeframe_words),
        helper_verbs: strs(&data.helper_verbs),
        modals: strs(&data.modals),
    }
});

// The lists above, as bits of one table, so a word is looked up once rather than
// compared with every entry of every list.
const VERB: u32 = 1;
const NOUN: u32 = 1 << 1;
const COMPARATIVE: u32 = 1 << 2;
const PROJECTION: u32 = 1 << 3;
const TARGET: u32 = 1 << 4;
const BASELINE: u32 = 1 << 5;
const MODAL: u32 = 1 << 6;
const HELPER: u32 = 1 << 7;
const MARKET: u32 = 1 << 8;
const POPULATION: u32 = 1 << 9;
const APPROX: u32 = 1 << 10;
/// The first word of a projection phrase ("up" of "up to").
const PHRASE_START: u32 = 1 << 11;

type WordTable = std::collections::HashMap<&'static str, u32, std::hash::BuildHasherDefault<Fnv>>;

static WORD_FLAGS: std::sync::LazyLock<WordTable> = std::sync::LazyLock::new(|| {
    let mut map = WordTable::default();
    for phrase in WORDS.projection_phrases.as_slice() {
        if let Some(first) = phrase.split(' ').next() {
            *map.entry(first).or_insert(0) |= PHRASE_START;
        }
    }
    for (list, flag) in [
        (WORDS.result_verbs.as_slice(), VERB),
        (WORDS.result_nouns.as_slice(), NOUN),
        (WORDS.comparatives.as_slice(), COMPARATIVE),
        (WORDS.projection_words.as_slice(), PROJECTION),
        (WORDS.target_words.as_slice(), TARGET),
        (WORDS.baseline_words.as_slice(), BASELINE),
        (WORDS.modals.as_slice(), MODAL),
        (WORDS.helper_verbs.as_slice(), HELPER),
        (WORDS.market_words.as_slice(), MARKET),
        (WORDS.population_nouns.as_slice(), POPULATION),
        (WORDS.approximators.as_slice(), APPROX),
    ] {
        for word in list {
            *map.entry(*word).or_insert(0) |= flag;
        }
    }
    map
});

trait Has {
    /// The word is in the list `flag` stands for.
    fn has(&self, flag: u32) -> bool;
}

impl Has for Tok<'_> {
    fn has(&self, flag: u32) -> bool {
        WORD_FLAGS.get(self.low()).is_some_and(|f| f & flag != 0)
    }
}

/// What a quantity stands for in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// A result the customer got: "cut processing time by 60%".
    Result,
    /// The situation before: "from 3 days", "previously took 40 hours".
    Baseline,
    /// A goal or target: "the goal was to cut costs by 30%".
    Target,
    /// A forecast or a general claim: "expected to save 30%", "can cut costs by 40%".
    Projection,
    /// The customer's size or age: "150 employees".
    Size,
    /// Anything else: a time frame, a count with no change stated.
    Other,
}

impl Role {
    pub fn describe(self) -> &'static str {
        match self {
            Role::Result => "a result",
            Role::Baseline => "the situation before",
            Role::Target => "a goal or target",
            Role::Projection => "a projection",
            Role::Size => "the customer's size",
            Role::Other => "a number",
        }
    }
}

/// A quantity and the role it plays in its clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub quantity: Quantity,
    pub role: Role,
    /// Byte range of the clause it is in (for quoting).
    pub clause: Range<usize>,
    /// Byte range of its sentence.
    pub sentence: Range<usize>,
}

/// The quantities of `text` stated as results. Ranges are byte ranges into `text`.
pub fn outcomes(text: &str) -> Vec<Outcome> {
    claims(text)
        .into_iter()
        .filter(|c| c.role == Role::Result)
        .collect()
}

/// Every quantity of `text` with its role.
pub fn claims(text: &str) -> Vec<Outcome> {
    claims_in(&tokens(text))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Neutral,
    Baseline,
    Target,
    Projection,
    Result,
    /// "would have cost $96,000", "could have lost 20%": what did not happen.
    Counterfactual,
}

pub(crate) fn claims_in(toks: &[Tok]) -> Vec<Outcome> {
    let all = quantities_in(toks);
    if all.is_empty() {
        return Vec::new();
    }
    static PHRASES: std::sync::LazyLock<Vec<Phrase>> = std::sync::LazyLock::new(|| {
        WORDS
            .projection_phrases
            .as_slice()
            .iter()
            .map(|p| Phrase::new(p))
            .collect()
    });
    let phrases: &[Phrase] = &PHRASES;
    let mut out = Vec::with_capacity(all.len());
    let mut next_q = 0;
    for sentence in sentences(toks) {
        if all.get(next_q).is_none_or(|q| q.toks.start >= sentence.end) {
            continue;
        }
        let sentence_bytes = byte_range(toks, sentence.clone());
        for clause in clauses(toks, sentence.clone()) {
            let first = next_q;
            while all.get(next_q).is_some_and(|q| q.toks.start < clause.end) {
                next_q += 1;
            }
            if first == next_q {
                continue;
            }
            let clause_bytes = byte_range(toks, clause.clone());
            let mut roles = read_clause(toks, clause.clone(), &all[first..next_q], phrases);
            if let Some(comma) = scene_setting(toks, clause.clone()) {
                for (q, role) in all[first..next_q].iter().zip(roles.iter_mut()) {
                    if q.toks.start < comma && *role == Role::Result {
                        *role = Role::Other;
                    }
                }
            }
            for (q, role) in all[first..next_q].iter().zip(roles) {
                out.push(Outcome {
                    quantity: q.clone(),
                    role,
                    clause: clause_bytes.clone(),
                    sentence: sentence_bytes.clone(),
                });
            }
        }
    }
    out
}

/// The comma that ends a scene-setting opening ("As the company grew past 40
/// technicians, …"), when the clause starts with one: the numbers before it are context.
fn scene_setting(toks: &[Tok], clause: Range<usize>) -> Option<usize> {
    static SETS: std::sync::LazyLock<(PhraseSet, PhraseSet)> = std::sync::LazyLock::new(|| {
        let data: &'static WordLists = &WORD_LISTS;
        let set = |list: &'static [String]| {
            PhraseSet::new(&list.iter().map(String::as_str).collect::<Vec<_>>())
        };
        (set(&data.background_openers), set(&data.not_background))
    });
    let (openers, not_background) = &*SETS;
    let start = clause.start;
    openers.longest_at(toks, start)?;
    if not_background.longest_at(toks, start).is_some() {
        return None;
    }
    (start + 1..clause.end).find(|&k| toks[k].is_punct(','))
}

/// Whether a heading names a results section ("The results", "By the numbers").
/// Whether a projection is context rather than a result the page claims for its customer:
/// the vendor's claim for everyone ("customers typically see up to 80%"), a benchmark, or
/// a growth forecast ("expects its client hours to grow by 30% by 2027").
pub(crate) fn is_context_projection(clause: &str) -> bool {
    let words: Vec<&str> = WORD_LISTS
        .context_claim_words
        .iter()
        .map(String::as_str)
        .collect();
    tokens(clause).iter().any(|t| t.is_any(&words))
}

pub(crate) fn is_result_heading(text: &str) -> bool {
    static SET: std::sync::LazyLock<PhraseSet> = std::sync::LazyLock::new(|| {
        let data: &'static WordLists = &WORD_LISTS;
        PhraseSet::new(
            &data
                .result_headings
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
        )
    });
    let toks = tokens(text);
    (0..toks.len()).any(|i| SET.longest_at(&toks, i).is_some())
}

/// Whether the quantity at token range `at` follows a time-frame word ("within six
/// months", "after 3 weeks"): a time frame, not a result.
pub(crate) fn is_time_frame(toks: &[Tok], at: &Range<usize>) -> bool {
    at.start > 0 && toks[at.start - 1].is_any(WORDS.timeframe_words.as_slice())
}

/// The role of each quantity in one clause (token range), in order.
fn read_clause(
    toks: &[Tok],
    clause: Range<usize>,
    qs: &[Quantity],
    phrases: &[Phrase],
) -> Vec<Role> {
    let mut roles = Vec::with_capacity(qs.len());
    let mut mode = Mode::Neutral;
    // A target or projection mode has been applied to a quantity: a result word after
    // it starts a result ("exceeded its target of 30% with a 35% reduction").
    let mut consumed = false;
    let mut qi = 0;
    let mut j = clause.start;
    let market = toks[clause.clone()].iter().any(|t| t.has(MARKET));
    while j < clause.end {
        if let Some(q) = qs.get(qi)
            && q.toks.start == j
        {
            let statistic = market
                || (q.kind == QuantityKind::Percent
                    && toks.get(q.toks.end).is_some_and(|t| t.is("of"))
                    && (q.toks.end + 1..(q.toks.end + 4).min(clause.end))
                        .any(|k| toks[k].has(POPULATION)));
            let role = if statistic {
                Role::Other
            } else {
                role_of(toks, clause.clone(), q, mode, consumed, phrases)
            };
            if matches!(mode, Mode::Target | Mode::Projection) {
                consumed = true;
            }
            roles.push(role);
            qi += 1;
            j = q.toks.end.max(j + 1);
            continue;
        }
        let tok = &toks[j];
        if tok.kind == TokKind::Word {
            if is_counterfactual_at(toks, j, clause.end) {
                mode = Mode::Counterfactual;
            } else if mode == Mode::Counterfactual {
                // What did not happen stays so to the end of the clause.
            } else if is_projection_at(toks, j, phrases) {
                mode = Mode::Projection;
                consumed = false;
            } else if tok.has(TARGET) && mode != Mode::Projection {
                mode = Mode::Target;
                consumed = false;
            } else if let Some(cue) = result_cue(toks, clause.start, j) {
                match cue {
                    Mode::Result => {
                        if !matches!(mode, Mode::Target | Mode::Projection) || consumed {
                            mode = Mode::Result;
                            consumed = false;
                        }
                    }
                    other => {
                        if mode != Mode::Projection || consumed {
                            mode = other;
                            consumed = false;
                        }
                    }
                }
            } else if tok.has(BASELINE) && mode == Mode::Neutral {
                mode = Mode::Baseline;
            }
        }
        j += 1;
    }
    // Quantities the loop skipped (overlapping ranges) keep a neutral role.
    while roles.len() < qs.len() {
        roles.push(Role::Other);
    }
    // A hedged number is a projection only when it is told as a result ("expected to
    // save 30%", "up to 40% faster"); "the co-op's forecast put the harvest above 800,000
    // tonnes" and "managers took up to 60 calls a day" are context.
    let told_as_result = toks[clause.clone()]
        .iter()
        .any(|t| t.has(VERB) || t.has(NOUN) || t.has(COMPARATIVE));
    if !told_as_result {
        for role in &mut roles {
            if *role == Role::Projection {
                *role = Role::Other;
            }
        }
    }
    roles
}

/// "would have", "could have", "might well have": a counterfactual, not a forecast.
fn is_counterfactual_at(toks: &[Tok], j: usize, end: usize) -> bool {
    toks[j].is_any(&["would", "could", "might", "should"])
        && (j + 1..(j + 3).min(end)).any(|k| toks[k].is("have"))
}

/// A projection marker at token `j`: a projection word (not "can now") or the start of
/// a projection phrase.
fn is_projection_at(toks: &[Tok], j: usize, phrases: &[Phrase]) -> bool {
    let tok = &toks[j];
    if tok.has(PROJECTION) {
        // "May 2026", "between September and May": the month.
        let month = tok.is("may")
            && (toks.get(j + 1).is_some_and(|t| t.kind == TokKind::Num)
                || j.checked_sub(1).is_some_and(|p| {
                    toks[p].is_any(&[
                        "in", "since", "from", "until", "between", "of", "to", "and", "by",
                        "early", "late", "mid", "end", "through",
                    ])
                }));
        // "the expected-loss model": a compound adjective, not a hedge.
        let compound = toks
            .get(j + 1)
            .is_some_and(|t| t.is_punct('-') && !t.space_before)
            && toks
                .get(j + 2)
                .is_some_and(|t| t.kind == TokKind::Word && !t.space_before);
        // "can now process 3x more orders" is a result.
        let can_now = tok.is_any(&["can", "could"]) && toks.get(j + 1).is_some_and(|t| t.is("now"));
        return !(month || compound || can_now);
    }
    tok.has(PHRASE_START) && phrases.iter().any(|p| p.matches_at(toks, j).is_some())
}

/// A result verb or noun at token `j`, and the mode it starts: a result, or a target
/// when it is an intention ("to cut costs") or a projection after a modal ("will cut").
fn result_cue(toks: &[Tok], clause_start: usize, j: usize) -> Option<Mode> {
    let tok = &toks[j];
    if tok.is("now") {
        return Some(Mode::Result);
    }
    if !tok.has(VERB) && !tok.has(NOUN) {
        return None;
    }
    let prev = j
        .checked_sub(1)
        .filter(|p| *p >= clause_start)
        .map(|p| &toks[p]);
    if prev.is_some_and(|p| p.has(MODAL)) {
        return Some(Mode::Projection);
    }
    // "had climbed to 17%": the past before the project.
    if prev.is_some_and(|p| p.is("had")) && tok.has(VERB) {
        return Some(Mode::Baseline);
    }
    if prev.is_some_and(|p| p.is("to")) && tok.has(VERB) {
        let helped = toks[clause_start..j].iter().any(|t| t.has(HELPER));
        return Some(if helped { Mode::Result } else { Mode::Target });
    }
    Some(Mode::Result)
}

fn role_of(
    toks: &[Tok],
    clause: Range<usize>,
    q: &Quantity,
    mode: Mode,
    consumed: bool,
    phrases: &[Phrase],
) -> Role {
    if mode == Mode::Counterfactual {
        return Role::Other;
    }
    let before = words_before(toks, clause.start, q.toks.start);
    let right_after = (q.toks.end..(q.toks.end + 2).min(clause.end))
        .any(|k| toks[k].has(NOUN) || toks[k].has(COMPARATIVE) || toks[k].has(VERB));
    let pending = matches!(mode, Mode::Target | Mode::Projection) && !consumed;
    if q.kind == QuantityKind::Multiplier
        && q.toks.len() == 1
        && toks[q.toks.start].kind == TokKind::Word
    {
        // "doubled", "halved": a result verb of its own, unless an intention or a
        // projection governs it ("to double", "will double").
        return match result_cue(toks, clause.start, q.toks.start) {
            _ if pending && mode == Mode::Projection => Role::Projection,
            _ if pending => Role::Target,
            Some(Mode::Projection) => Role::Projection,
            Some(Mode::Target) => Role::Target,
            _ => Role::Result,
        };
    }
    // "exceeding the 10% target", "a 30% goal".
    if (q.toks.end..(q.toks.end + 2).min(clause.end)).any(|k| toks[k].has(TARGET)) {
        return Role::Target;
    }
    if q.customer_size {
        if pending {
            return if mode == Mode::Projection {
                Role::Projection
            } else {
                Role::Target
            };
        }
        // "grew from 12 to 20 stores" and "added $2M in revenue" are results; "a chain
        // of 12 clinics" and "generates $28M in revenue" (a present state) are not.
        let verb_close =
            (q.toks.start.saturating_sub(4).max(clause.start)..q.toks.start).any(|k| {
                let t = &toks[k];
                let present = t.lower.ends_with('s') && !t.lower.ends_with("ss");
                t.has(VERB) && !present
            });
        return if verb_close && mode == Mode::Result && before != Some("from") {
            Role::Result
        } else {
            Role::Size
        };
    }
    // "9 hours → 45 minutes", "9 hours -> 45 minutes": before and after the arrow.
    let arrow_at = |k: usize| {
        toks.get(k).is_some_and(|t| t.is_punct('→'))
            || (toks.get(k).is_some_and(|t| t.is_punct('>'))
                && k > 0
                && (toks[k - 1].is_punct('-') || toks[k - 1].is_punct('=')))
    };
    if !pending && q.toks.start > clause.start && arrow_at(q.toks.start - 1) {
        return Role::Result;
    }
    let arrow_after = toks.get(q.toks.end).is_some_and(|t| t.is_punct('→'))
        || (toks
            .get(q.toks.end)
            .is_some_and(|t| t.is_punct('-') || t.is_punct('='))
            && arrow_at(q.toks.end + 1));
    if arrow_after {
        return Role::Baseline;
    }
    // "down 48%", "up 25%" (but "up to 25%" is a hedge, read as a projection).
    if !pending && q.toks.start > clause.start && toks[q.toks.start - 1].is_any(&["down", "up"]) {
        return Role::Result;
    }
    // "approved in 2 days instead of 11", "4 hours versus 3 days": the number compared
    // with the one before is the result; so is one "41% below the next-best quote".
    let compared_with_number = toks
        .get(q.toks.end)
        .is_some_and(|t| t.is_any(WORDS.baseline_prepositions.as_slice()) && !t.is("from"))
        && (q.toks.end + 1..(q.toks.end + 4).min(clause.end)).any(|k| toks[k].kind == TokKind::Num);
    let relative = q.kind == QuantityKind::Percent
        && toks
            .get(q.toks.end)
            .is_some_and(|t| t.is_any(WORDS.relative_words.as_slice()));
    if (compared_with_number || relative) && !pending {
        return Role::Result;
    }
    if let Some(word) = before {
        let approx_than = word == "than"
            && q.toks.start >= 2
            && toks[q.toks.start.saturating_sub(2)..q.toks.start]
                .iter()
                .any(|t| t.is_any(WORDS.approx_comparatives.as_slice()));
        if WORDS.baseline_prepositions.as_slice().contains(&word) && !approx_than {
            return Role::Baseline;
        }
        // "In 3 months, the team cut costs": a time frame. After a result word ("now
        // closes the books in 3 days") the duration is the result itself.
        let always_frame = matches!(word, "after" | "within" | "over" | "during" | "first");
        if q.kind == QuantityKind::Duration
            && WORDS.timeframe_words.as_slice().contains(&word)
            && (mode != Mode::Result || always_frame)
        {
            return Role::Other;
        }
    }
    let later = |pred: &dyn Fn(usize) -> bool| (q.toks.end..clause.end).any(pred);
    match mode {
        Mode::Result => Role::Result,
        Mode::Target | Mode::Projection if !consumed || !right_after => {
            if mode == Mode::Target {
                Role::Target
            } else {
                Role::Projection
            }
        }
        _ => {
            // Neutral, baseline, or a consumed target/projection: the words right after
            // decide ("a 35% reduction"); percentages and multipliers also take a
            // result verb later in the clause ("60% of invoices are now automated").
            let result_after = right_after
                || (matches!(q.kind, QuantityKind::Percent | QuantityKind::Multiplier)
                    && mode == Mode::Neutral
                    && later(&|k| matches!(result_cue(toks, clause.start, k), Some(Mode::Result))));
            if !result_after {
                return if mode == Mode::Baseline {
                    Role::Baseline
                } else if consumed && mode == Mode::Target {
                    Role::Target
                } else if consumed && mode == Mode::Projection {
                    Role::Projection
                } else {
                    Role::Other
                };
            }
            // A marker later in the clause still makes it a projection or a target
            // ("$20,000 in savings is expected next year").
            if later(&|k| is_projection_at(toks, k, phrases)) {
                Role::Projection
            } else if later(&|k| toks[k].has(TARGET)) {
                Role::Target
            } else {
                Role::Result
            }
        }
    }
}

/// The word right before token `at` (inside the clause), skipping approximators
/// ("from about 3 days" → "from").
fn words_before<'t>(toks: &'t [Tok<'_>], clause_start: usize, at: usize) -> Option<&'t str> {
    let mut k = at;
    let mut skipped = 0;
    while k > clause_start {
        k -= 1;
        let tok = &toks[k];
        if tok.has(APPROX) && skipped < 3 {
            // "than" and "from" may hide behind "an average of".
            skipped += 1;
            continue;
        }
        return Some(tok.low());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (quantity text, role) for every quantity.
    fn roles(text: &str) -> Vec<(&str, Role)> {
        claims(text)
            .into_iter()
            .map(|c| (&text[c.quantity.range], c.role))
            .collect()
    }

    fn results(text: &str) -> Vec<&str> {
        outcomes(text)
            .into_iter()
            .map(|c| &text[c.quantity.range])
            .collect()
    }

    use Role::*;

    #[test]
    fn results_are_found() {
        assert_eq!(results("The solution cut processing time by 60%."), ["60%"]);
        assert_eq!(results("Acme saved $40,000 a year."), ["$40,000 a year"]);
        assert_eq!(
            roles("Report generation went from 3 days to 4 hours."),
            [("3 days", Baseline), ("4 hours", Result)]
        );
        assert_eq!(
            roles("Previously, reports took 3 days; they now take 4 hours."),
            [("3 days", Baseline), ("4 hours", Result)]
        );
        assert_eq!(results("Month-end close is 3x faster."), ["3x"]);
        assert_eq!(results("A 35% reduction in support tickets."), ["35%"]);
        assert_eq!(results("Acme has doubled its online orders."), ["doubled"]);
        assert_eq!(
            results("The platform helped Acme to reduce errors by 45%."),
            ["45%"]
        );
        assert_eq!(
            results("60% of invoices are now processed without a person."),
            ["60%"]
        );
        assert_eq!(
            results("Costs fell by more than 30% in the first quarter."),
            ["30%"]
        );
        assert_eq!(results("Acme can now process 3x more orders."), ["3x"]);
        assert_eq!(results("Stock-outs are down 48% since launch."), ["48%"]);
        assert_eq!(results("Online orders were up 25%."), ["25%"]);
    }

    #[test]
    fn sizes_baselines_targets_projections_are_not_results() {
        assert_eq!(
            roles("Acme, a chain of 12 clinics with 150 staff, reduced no-shows by 30%."),
            [("12 clinics", Size), ("150 staff", Size), ("30%", Result)]
        );
        assert_eq!(roles("Acme has 200 employees."), [("200 employees", Size)]);
        assert_eq!(
            roles("The goal was to reduce costs by 30%."),
            [("30%", Target)]
        );
        assert_eq!(
            roles("Acme migrated to AWS to cut costs by 25%."),
            [("25%", Target)]
        );
        assert_eq!(
            roles("The new process is expected to save 30%."),
            [("30%", Projection)]
        );
        assert_eq!(
            roles("The solution will reduce costs by 20% next year."),
            [("20%", Projection)]
        );
        assert_eq!(
            roles("AWS customers typically reduce costs by 30%."),
            [("30%", Projection)]
        );
        assert_eq!(
            roles("Before the project, reports took 3 days."),
            [("3 days", Baseline)]
        );
        assert_eq!(roles("The migration took 3 weeks."), [("3 weeks", Other)]);
        assert_eq!(
            roles("In 3 months, the team cut costs by 30%."),
            [("3 months", Other), ("30%", Result)]
        );
        assert_eq!(
            results("In 2024, Acme opened a new store."),
            Vec::<&str>::new()
        );
        assert_eq!(
            roles("$20,000 in savings is expected next year."),
            [("$20,000", Projection)]
        );
        assert_eq!(
            roles("The service reduces costs by up to 40%."),
            [("40%", Projection)]
        );
        assert_eq!(
            roles("Acme saved an estimated 200 hours."),
            [("200 hours", Projection)]
        );
        assert_eq!(
            roles("70% of small businesses increased their cloud spend."),
            [("70%", Other)]
        );
        assert_eq!(
            roles("According to Gartner, cloud spend grew 20% in 2024."),
            [("20%", Other)]
        );
        assert_eq!(
            roles("Acme cut month-end close from 10 days to 3."),
            [("10 days", Baseline), ("3", Result)]
        );
        assert_eq!(roles("Acme achieved 99.95% uptime."), [("99.95%", Result)]);
        assert_eq!(
            roles("Acme generates $28 million in annual revenue."),
            [("$28 million", Size)]
        );
        assert_eq!(
            roles("If nothing changed, costs would grow 12% a year."),
            [("12% a year", Projection)]
        );
        assert_eq!(
            roles("The no-show rate had climbed to 17%."),
            [("17%", Baseline)]
        );
        assert_eq!(
            roles("No-shows dropped to 7.5%, beating the 10% target."),
            [("7.5%", Result), ("10%", Target)]
        );
    }

    #[test]
    fn counterfactuals_context_and_months_are_no_projections() {
        assert_eq!(
            roles("Hiring two more clerks would have cost $96,000 a year."),
            [("$96,000 a year", Other)]
        );
        assert_eq!(
            roles("The co-op's own forecast put the 2027 harvest above 800,000 tonnes."),
            [("800,000 tonnes", Other)]
        );
        assert_eq!(
            roles("Between September 2025 and May 2026 the clinics cut turnover by 12%."),
            [("12%", Result)]
        );
        assert!(
            !roles("The expected-loss model flagged 17 casks.")
                .iter()
                .any(|(_, r)| *r == Projection)
        );
        // Hedged results still are projections.
        assert_eq!(
            roles("Acme is expected to save 30% a year."),
            [("30% a year", Projection)]
        );
    }

    #[test]
    fn results_told_on_published_pages() {
        for (text, want) in [
            (
                "BrightLedger helped the customer reduce costs by 65%.",
                "65%",
            ),
            (
                "The platform delivered a 35% improvement in throughput.",
                "35%",
            ),
            ("Ticket volume dropped by 3x.", "3x"),
            ("A 300% improvement in report speed.", "300%"),
        ] {
            assert_eq!(results(text), [want], "{text}");
        }
    }

    #[test]
    fn comparisons_with_a_number_or_a_quote_are_results() {
        assert_eq!(
            results("Invoices are approved in 2 days instead of 11."),
            ["2 days"]
        );
        assert_eq!(
            results("The firm's cost is 41% below the next-best quote it received."),
            ["41%"]
        );
        // The rejected option's own price is no result.
        assert!(results("The alternative cost $180,000 over three years.").is_empty());
    }

    #[test]
    fn results_headings() {
        assert!(super::is_result_heading("The results"));
        assert!(super::is_result_heading("By the numbers"));
        assert!(!super::is_result_heading("What's next"));
    }

    #[test]
    fn a_scene_setting_opening_is_context() {
        assert!(
            results("As the company grew past 40 technicians, dispatchers double-booked trucks.")
                .is_empty()
        );
        assert!(
            results("When call volume doubled to 600 calls a day, the office fell behind.")
                .is_empty()
        );
        // The main clause after the comma is still read, and "As a result" sets no scene.
        assert_eq!(
            results("After go-live, response times fell by 38%."),
            ["38%"]
        );
        assert_eq!(results("As a result, costs fell by 30%."), ["30%"]);
    }

    #[test]
    fn mixed_clauses() {
        assert_eq!(
            roles("Acme exceeded its target of 30% with a 35% reduction."),
            [("30%", Target), ("35%", Result)]
        );
        assert_eq!(
            roles("The goal was to cut costs by 30% and the solution cut them by 45%."),
            [("30%", Target), ("45%", Result)]
        );
        assert_eq!(
            roles(
                "Costs fell 40% in the first quarter and are expected to fall a further 10% next year."
            ),
            [("40%", Result), ("10%", Projection)]
        );
        assert_eq!(
            roles("The team grew from 12 to 20 stores."),
            [("12", Baseline), ("20 stores", Result)]
        );
    }

    #[test]
    fn common_case_study_phrasings() {
        for (text, want) in [
            ("**60% reduction** in processing time", "60%"),
            ("Reduced infrastructure costs by 40%", "40%"),
            ("40% lower total cost of ownership", "40%"),
            (
                "Time to market improved from 6 months to 6 weeks.",
                "6 weeks",
            ),
            ("Saving the company $120K annually.", "$120K annually"),
            ("A 3-fold increase in orders handled per agent.", "3-fold"),
            (
                "Hosting fell from $12,000/month to $7,500/month.",
                "$7,500/month",
            ),
            ("The team now closes the books in 3 days.", "3 days"),
            ("Wait times fell 35% after 6 months.", "35%"),
            ("Batch runtime: 9 hours → 45 minutes", "45 minutes"),
            ("Cost per order: $1.20 -> $0.35", "$0.35"),
        ] {
            assert_eq!(results(text), [want], "{text}");
        }
        for text in [
            "Acme is a 40-clinic group.",
            "Acme serves 5,000 customers in 3 states.",
            "The migration is expected to reduce costs by 30%.",
            "Amazon S3 can reduce storage costs by up to 70%.",
            "Acme aims to cut processing time by 50% by 2026.",
            "The objective: a 20% faster close.",
            "According to IDC, 60% of SMBs will adopt AI by 2027.",
            "Previously, invoices took 12 days to process.",
        ] {
            assert_eq!(results(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            "%",
            "$",
            "from",
            "to 3",
            "30% 40% 50%;;;",
            "— 3 —",
            "will 3x",
        ] {
            let _ = claims(text);
        }
    }

    #[test]
    fn word_lists_load() {
        assert!(!WORDS.result_verbs.is_empty(), "result_verbs");
        assert!(!WORDS.result_nouns.is_empty(), "result_nouns");
        assert!(!WORDS.comparatives.is_empty(), "comparatives");
        assert!(!WORDS.projection_words.is_empty(), "projection_words");
        assert!(!WORDS.projection_phrases.is_empty(), "projection_phrases");
        assert!(!WORDS.market_words.is_empty(), "market_words");
        assert!(!WORDS.population_nouns.is_empty(), "population_nouns");
        assert!(!WORDS.target_words.is_empty(), "target_words");
        assert!(!WORDS.baseline_words.is_empty(), "baseline_words");
        assert!(
            !WORDS.baseline_prepositions.is_empty(),
            "baseline_prepositions"
        );
        assert!(!WORDS.approx_comparatives.is_empty(), "approx_comparatives");
        assert!(!WORDS.approximators.is_empty(), "approximators");
        assert!(!WORDS.relative_words.is_empty(), "relative_words");
        assert!(!WORDS.timeframe_words.is_empty(), "timeframe_words");
        assert!(!WORDS.helper_verbs.is_empty(), "helper_verbs");
        assert!(!WORDS.modals.is_empty(), "modals");
    }
}
