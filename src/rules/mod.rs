//! The rule engine: every rule is a pure function of a parsed document and a context; it
//! never touches the disk or the network. Each rule carries its own documentation, which
//! `caselint rules` and `caselint explain` print.

pub mod case_study;
pub mod diagram;
pub mod grammar;
pub mod naming;
pub mod spelling;

use crate::config::{Config, Level};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, DocumentKind};
use crate::lexicon::NameMatcher;
use crate::profile::Profile;

/// What a rule is and how a writer satisfies it: one source for `rules`, `explain`, the
/// default severity and the help attached to findings.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    pub id: &'static str,
    pub title: &'static str,
    /// The checklist requirement it enforces.
    pub requirement: &'static str,
    /// The requirement's title in the checklist.
    pub requirement_title: &'static str,
    /// The checklist's own words for that requirement.
    pub checklist_words: &'static str,
    /// Level when the configuration says nothing, for case studies and public pages…
    pub default_level: Level,
    /// …and for other customer-facing docs (files without caselint front matter).
    pub default_level_docs: Level,
    pub applies_to: &'static str,
    pub what: &'static str,
    pub why: &'static str,
    pub bad_example: &'static str,
    pub good_example: &'static str,
    pub fix_safety: &'static str,
}

pub const DOC_003_WORDS: &str = "All customer facing documentation … must meet the following standards: \
All references to AWS services must use the correct product names. (Please reference the official AWS \
product landing pages for the correct spelling and styling of product names)";

/// Every rule caselint knows, in the order `caselint rules` lists them.
pub fn all_rules() -> &'static [RuleInfo] {
    static ALL: std::sync::LazyLock<Vec<RuleInfo>> = std::sync::LazyLock::new(|| {
        [
            naming::RULES,
            diagram::RULES,
            spelling::RULES,
            grammar::RULES,
            crate::self_assessment::RULES,
        ]
        .concat()
    });
    &ALL
}

/// Requirement id → its title in the checklist, for notes under findings.
pub fn requirement_titles() -> std::collections::BTreeMap<String, String> {
    all_rules()
        .iter()
        .map(|r| (r.requirement.to_string(), r.requirement_title.to_string()))
        .collect()
}

pub fn rule_info(id: &str) -> Option<&'static RuleInfo> {
    all_rules().iter().find(|r| r.id.eq_ignore_ascii_case(id))
}

/// What rules may read besides the document.
pub struct Context<'a> {
    pub config: &'a Config,
    pub names: &'a NameMatcher,
    pub profile: &'a Profile,
    /// "Today", passed in so every date check is reproducible.
    pub today: jiff::civil::Date,
    /// Whether a relative link target exists, answered by the loader (rules do no I/O).
    pub asset_exists: &'a (dyn Fn(&std::path::Path) -> bool + Sync),
    /// The diagrams the document references or embeds, as the loader read them.
    pub diagrams: &'a [crate::diagram::Loaded],
}

/// Runs every rule on `doc`, then applies the configured levels and the document's
/// suppression comments. Findings come back sorted by position.
pub fn check_document(doc: &Document, ctx: &Context) -> Vec<Diagnostic> {
    check_document_tracked(doc, ctx, &mut Vec::new())
}

/// [`check_document`], also recording which suppression comments silenced a finding (as
/// [`crate::document::Suppressions::silencers`] names them), so unused ones can be reported.
pub fn check_document_tracked(
    doc: &Document,
    ctx: &Context,
    used: &mut Vec<(usize, Option<usize>)>,
) -> Vec<Diagnostic> {
    let mut found = naming::check(doc, ctx);
    found.extend(case_study::check(doc, ctx));
    found.extend(diagram::check(doc, ctx));
    let split = spelling::ProseWords::new(doc);
    found.extend(spelling::check(doc, ctx, &split));
    found.extend(grammar::check(doc, ctx, &split));
    found.extend(crate::self_assessment::check(doc, ctx));
    crate::self_assessment::drop_findings_in_quotes(doc, ctx.profile, &mut found);
    found.retain_mut(|diagnostic| {
        // Rules without a documented default (the profile's checks) keep the severity
        // they were given, and comments silence them like any other.
        if let Some(level) = effective_level(ctx.config, &diagnostic.rule, doc.kind) {
            match level.severity() {
                Some(severity) if diagnostic.unsure => {
                    diagnostic.severity = severity.min(Severity::Warning);
                }
                Some(severity) => diagnostic.severity = severity,
                None => return false,
            }
        }
        doc.vet_fix(diagnostic);
        let silencers = doc
            .suppressions
            .silencers(&diagnostic.rule, diagnostic.span.start);
        let keep = silencers.is_empty();
        used.extend(silencers);
        keep
    });
    found.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then_with(|| a.rule.cmp(&b.rule))
    });
    found
}

/// The configured level for a rule, or its default for this kind of document. `None` for
/// rules this engine does not know (their diagnostics keep the severity they were given).
pub fn effective_level(config: &Config, rule: &str, kind: DocumentKind) -> Option<Level> {
    if let Some(level) = config.level_for(rule) {
        return Some(level);
    }
    let info = rule_info(rule)?;
    Some(match kind {
        DocumentKind::Doc => info.default_level_docs,
        _ => info.default_level,
    })
}

/// Whether a rule can produce anything for this kind of document under this config: lets
/// expensive rules skip work.
pub fn is_enabled(config: &Config, rule: &str, kind: DocumentKind) -> bool {
    effective_level(config, rule, kind) != Some(Level::Off)
}
