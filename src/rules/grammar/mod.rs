//! DOC-003, second half: grammar. The checks read the same words spelling reads and know
//! slips for certain (a repeated word, `a` before a vowel, `could of`, `its`/`it's`,
//! `their is`, `more then`, `might could`, `1th`, `,,`): they run on every customer-facing
//! document at about spelling's speed. (harper's parser was dropped: its set-up cost 1.3 s
//! and 200 MB per process and its build six minutes, for eight checks that these cover.)

mod fast;

pub(crate) use fast::article_before;

use super::{Context, DOC_003_WORDS, RuleInfo, is_enabled};
use crate::config::Level;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::rules::spelling::ProseWords;

pub const GRAMMAR: &str = "DOC-003/grammar";

/// The names of the single checks, as findings show them and `[grammar] disable` takes them.
pub const CHECKS: &[&str] = &[
    "AffectEffect",
    "Agreement",
    "AllowsTo",
    "AnA",
    "CompoundVerb",
    "DoubleModal",
    "DoubledPunctuation",
    "ItsContraction",
    "ItsPossessive",
    "LoseLoose",
    "ModalOf",
    "NumberSuffix",
    "Participle",
    "RepeatedWords",
    "TheirThere",
    "ThenThan",
    "ThereIsPlural",
    "WhoseWhos",
    "YourYoure",
];

pub const RULES: &[RuleInfo] = &[RuleInfo {
    id: GRAMMAR,
    title: "Prose is free of grammatical slips",
    requirement: "DOC-003",
    requirement_title: "Customer facing documentation",
    checklist_words: DOC_003_WORDS,
    default_level: Level::Warning,
    default_level_docs: Level::Warning,
    applies_to: "all Markdown",
    what: "Finds slips a careful reader would mark: a repeated word (`the the`), `a` versus `an`, \
`could of` for `could have`, `it's own` and `its a`, `their is` and `there own`, `more then` for \
`more than`, `there is multiple`, `to setup the` for `to set up the`, `you loose` for `you lose`, \
double modals (`might could`), number suffixes (`1th`) and doubled punctuation (`,,`, `etc..`). \
An article before inline code, an acronym or a name read letter by letter is left alone, as is \
a word repeated into a bold label. Spelling is left to DOC-003/spelling; style advice is not \
reported. Turn single checks off with `[grammar] disable`.",
    why: "The checklist asks that customer-facing documentation be generally free of grammatical \
errors; reviewers read slips as a lack of care.",
    bad_example: "The the data is is stored in an bucket and it's retention is 30 days.",
    good_example: "The data is stored in a bucket and its retention is 30 days.",
    fix_safety: "Safe for a repeated word and doubled punctuation (the repeat is removed); other \
corrections are applied only with --unsafe-fixes.",
}];

pub fn check(doc: &Document, ctx: &Context, split: &ProseWords) -> Vec<Diagnostic> {
    if !is_enabled(ctx.config, GRAMMAR, doc.kind)
        || crate::config::path_matches(&doc.path, &ctx.config.grammar.exclude)
    {
        return Vec::new();
    }
    drop_nested(fast::check(doc, split, &ctx.config.grammar.disable))
}

/// "Create a a directory" is one slip: the repeated word, not also a wrong article.
fn drop_nested(mut found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    found.sort_by_key(|d| (d.span.start, std::cmp::Reverse(d.span.end)));
    let mut out: Vec<Diagnostic> = Vec::with_capacity(found.len());
    for diagnostic in found {
        let inside = out.last().is_some_and(|outer: &Diagnostic| {
            outer.span.start <= diagnostic.span.start && diagnostic.span.end <= outer.span.end
        });
        if !inside {
            out.push(diagnostic);
        }
    }
    out
}
