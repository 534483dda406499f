//! DOC-003, second half: grammar, in two tiers. The fast tier (`fast`) reads the same
//! words spelling reads and knows a handful of slips for certain (a repeated word, `a`
//! before a vowel, `could of`, `its`/`it's`, `their is`, `more then`, `,,`): it runs on
//! every customer-facing document at about spelling's speed. harper's deeper checks
//! (`harper`) parse each sentence and cost far more: they run on case studies and public
//! pages, and on other docs when `[grammar] deep` names them.

mod fast;
mod harper;

use super::{Context, DOC_003_WORDS, RuleInfo, is_enabled};
use crate::config::Level;
use crate::diagnostic::Diagnostic;
use crate::document::{Document, DocumentKind};

pub const GRAMMAR: &str = "DOC-003/grammar";

pub const RULES: &[RuleInfo] = &[RuleInfo {
    id: GRAMMAR,
    title: "Prose is free of grammatical slips",
    requirement: "DOC-003",
    requirement_title: "Customer facing documentation",
    checklist_words: DOC_003_WORDS,
    default_level: Level::Warning,
    default_level_docs: Level::Warning,
    applies_to: "all Markdown (harper's deeper checks: case studies and public pages, or the kinds `[grammar] deep` names)",
    what: "Finds slips a careful reader would mark: a repeated word (`the the`), `a` versus `an`, \
`could of` for `could have`, `it's own` and `its a`, `their is` and `there own`, `more then` for \
`more than`, and doubled punctuation (`,,`, `etc..`). In case studies and public pages (or the \
kinds `[grammar] deep` names) harper's deeper checks run too: double modals (`might could`), \
number suffixes (`1th`) and its wider a/an, its/it's and their/there checks. An article before \
inline code, an acronym or a name read letter by letter is left alone, as is a word repeated \
into a bold label. Spelling is left to DOC-003/spelling; style advice is not reported. Turn \
single checks off with `[grammar] disable`, or more of harper's checks on with `[grammar] enable`.",
    why: "The checklist asks that customer-facing documentation be generally free of grammatical \
errors; reviewers read slips as a lack of care.",
    bad_example: "The the data is is stored in an bucket and it's retention is 30 days.",
    good_example: "The data is stored in a bucket and its retention is 30 days.",
    fix_safety: "Safe for a repeated word and doubled punctuation (the repeat is removed); other \
corrections are applied only with --unsafe-fixes.",
}];

/// Whether harper's deeper checks run on this kind of document.
fn deep(ctx: &Context, kind: DocumentKind) -> bool {
    ctx.config
        .grammar
        .deep
        .iter()
        .any(|name| DocumentKind::from_name(name) == Some(kind))
}

/// Starts harper's set-up in the background when this document will need it; called
/// before the document's other checks run.
pub fn prepare(doc: &Document, ctx: &Context) {
    if is_enabled(ctx.config, GRAMMAR, doc.kind)
        && deep(ctx, doc.kind)
        && !crate::config::path_matches(&doc.path, &ctx.config.grammar.exclude)
    {
        // Reading the document's dialect costs a spelling pass, so the set-up guesses
        // the usual one; a British page has its group rebuilt when its check runs.
        let dialect = ctx
            .config
            .spelling
            .dialect
            .unwrap_or(crate::config::Dialect::EnUs);
        harper::prepare(dialect, &ctx.config.grammar.enable);
    }
}

pub fn check(doc: &Document, ctx: &Context) -> Vec<Diagnostic> {
    if !is_enabled(ctx.config, GRAMMAR, doc.kind)
        || crate::config::path_matches(&doc.path, &ctx.config.grammar.exclude)
    {
        return Vec::new();
    }
    let disabled = &ctx.config.grammar.disable;
    let mut out = fast::check(doc, disabled);
    if deep(ctx, doc.kind) {
        let dialect = super::spelling::document_dialect(doc, ctx);
        out.extend(harper::check(doc, ctx, dialect));
    }
    drop_nested(out)
}

/// "Create a a directory" is one slip: the repeated word, not also a wrong article; and a
/// slip both tiers find is reported once.
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
