//! Every rule id caselint can emit, in one list: `caselint rules` prints it, `caselint
//! explain` reads it, configuration `[rules]` keys and disable comments are checked
//! against it. The ids come from the rules' own constants and the checklist profile, so a
//! new rule or a new profile check is listed without editing this file.

use crate::config::Level;
use crate::diagnostic::file_rules;
use crate::profile::Profile;
use crate::rules::{self, RuleInfo};

/// One id and what `explain` says about it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub level: Level,
    /// One line for `caselint rules`.
    pub title: String,
    /// What it is about, for `explain` (longer than the title; may be empty).
    pub detail: String,
    /// The checklist requirement it belongs to, when it has one.
    pub requirement: Option<String>,
    pub kind: EntryKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A documented rule of the engine ([`RuleInfo`]).
    Rule,
    /// A checklist requirement of the profile (a family: its checks share its prefix).
    Requirement,
    /// One check of a requirement, or another sub-check.
    Check,
    /// About caselint itself: unreadable files, comments, the checklist version.
    Tool,
}

/// Rule id of a disable comment that names a rule caselint does not have.
pub const UNKNOWN_RULE_IN_COMMENT: &str = "caselint-comment/unknown-rule";
/// Rule id of a disable comment that silenced nothing (as ruff's RUF100).
pub const UNUSED_DISABLE: &str = "caselint-comment/unused";

/// Every id, in the order `caselint rules` lists them.
pub fn entries(profile: &Profile) -> Vec<Entry> {
    let mut out: Vec<Entry> = rules::all_rules().iter().map(rule_entry).collect();
    let tool =
        |id: &str, level: Level, title: &str, detail: &str, requirement: Option<&str>| Entry {
            id: id.to_string(),
            level,
            title: title.to_string(),
            detail: detail.to_string(),
            requirement: requirement.map(str::to_string),
            kind: EntryKind::Tool,
        };
    out.push(tool(
        file_rules::IO,
        Level::Error,
        "a file that could not be checked",
        "The path does not exist, is not a regular file, cannot be read, is not UTF-8 text, \
         or is over the size limit (`[files] max_file_size`). Other files are still checked; \
         caselint exits 2.",
        None,
    ));
    out.push(tool(
        file_rules::FRONT_MATTER,
        Level::Error,
        "malformed or incomplete front matter",
        "The block between `---` lines at the top of a case study is not valid YAML, misses a \
         required key, or holds a value of the wrong kind. The message names the key and the \
         line to add.",
        Some("2.1"),
    ));
    out.push(tool(
        "front-matter/placeholder",
        Level::Error,
        "front matter values still holding the template's TODO",
        "`caselint new` writes TODO where the case study's facts go; replace each one.",
        Some("2.1"),
    ));
    out.push(tool(
        rules::case_study::CHECKLIST_VERSION,
        Level::Warning,
        "the checklist profile is past its use-by date",
        "Case studies are checked against a checklist version with a validity date. Once it \
         has passed, caselint says so once per run: pass a newer profile with --profile.",
        None,
    ));
    out.push(tool(
        rules::case_study::NAME_LEAK,
        Level::Error,
        "an anonymized case study names its customer",
        "Checklist 2.3: an anonymous case study describes the customer (industry, size, \
         region) and must not name it anywhere, links and image text included.",
        Some("CS-2.3"),
    ));
    for (id, title) in [
        (
            crate::check::HTTPS,
            "the published page is not served over https",
        ),
        (
            crate::check::DOMAIN,
            "the published page (or a redirect) leaves the partner's domain",
        ),
        (
            crate::check::REACHABLE,
            "the published page cannot be fetched",
        ),
        (
            crate::check::OFFLINE,
            "the published page was not checked: --offline and not in the cache",
        ),
        (
            crate::check::PAGE_NUMBER,
            "a result the draft claims is not on the published page",
        ),
    ] {
        out.push(tool(
            id,
            if id == crate::check::OFFLINE || id == crate::check::PAGE_NUMBER {
                Level::Warning
            } else {
                Level::Error
            },
            title,
            "Checklist 2.2: the case study must be public, at a URL the partner publishes. \
             caselint fetches the `public_url` of public and anonymous case studies (cached; \
             --refresh fetches again, --offline never does), checks every redirect hop, and \
             checks the page as published.",
            Some("2.2"),
        ));
    }
    out.push(tool(
        crate::document::COMMENT_RULE,
        Level::Warning,
        "a comment that looks like a caselint directive but is not one",
        "caselint understands `caselint-disable`, `caselint-enable`, `caselint-disable-line`, \
         `caselint-disable-next-line` and `caselint-disable-file`, each optionally followed by \
         rule ids.",
        None,
    ));
    out.push(tool(
        UNKNOWN_RULE_IN_COMMENT,
        Level::Error,
        "a disable comment names a rule caselint does not have",
        "A misspelt id silences nothing. The message suggests the id you probably meant; \
         `caselint rules` lists them all.",
        None,
    ));
    out.push(tool(
        UNUSED_DISABLE,
        Level::Warning,
        "a disable comment that silences nothing",
        "The finding it was written for is gone (fixed, or the rule changed): delete the \
         comment, so it cannot hide a future finding.",
        None,
    ));
    out.extend(crate::submission::RULES.iter().map(|rule| Entry {
        id: rule.id.to_string(),
        level: Level::Error,
        title: rule.title.to_string(),
        detail: rule.detail.to_string(),
        requirement: Some(rule.requirement.to_string()),
        kind: EntryKind::Rule,
    }));
    for requirement in &profile.requirements {
        out.push(Entry {
            id: requirement.id.clone(),
            level: requirement.level,
            title: requirement.title.clone(),
            detail: requirement.help.clone(),
            requirement: Some(requirement.id.clone()),
            kind: EntryKind::Requirement,
        });
        let mut sub = |suffix: &str, level: Level, title: String| {
            out.push(Entry {
                id: format!("{}/{suffix}", requirement.id),
                level,
                title,
                detail: requirement.help.clone(),
                requirement: Some(requirement.id.clone()),
                kind: EntryKind::Check,
            });
        };
        if requirement.checks.iter().any(|c| c.scope == "section") {
            sub(
                "section",
                requirement.level,
                format!("no section answers {}", requirement.title),
            );
            sub(
                "placeholder",
                requirement.level,
                "the section is still the template's placeholder".to_string(),
            );
        }
        for check in &requirement.checks {
            let suffix = check
                .id
                .strip_prefix(&requirement.id)
                .and_then(|rest| rest.strip_prefix('/'))
                .unwrap_or(&check.id);
            sub(
                suffix,
                check.level.unwrap_or(requirement.level),
                check.message.clone(),
            );
        }
    }
    // A profile may repeat a check id across requirements' sub-checks: list each once.
    let mut seen = std::collections::HashSet::new();
    out.retain(|e| seen.insert(e.id.to_ascii_lowercase()));
    out
}

fn rule_entry(rule: &RuleInfo) -> Entry {
    Entry {
        id: rule.id.to_string(),
        level: rule.default_level,
        title: rule.title.to_string(),
        detail: rule.what.to_string(),
        requirement: Some(rule.requirement.to_string()),
        kind: EntryKind::Rule,
    }
}

/// The entry for `id` (ASCII case ignored).
pub fn find<'a>(entries: &'a [Entry], id: &str) -> Option<&'a Entry> {
    entries.iter().find(|e| e.id.eq_ignore_ascii_case(id))
}

/// Whether `id` names a rule or a family of rules (`DOC-003`, `UCR-002`, `CS-2.2`) that
/// caselint can emit: what a `[rules]` key or a disable comment may name.
pub fn is_known(entries: &[Entry], id: &str) -> bool {
    entries.iter().any(|e| {
        e.id.eq_ignore_ascii_case(id)
            || e.id
                .get(..id.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(id) && e.id[id.len()..].starts_with('/'))
    })
}

/// The known id closest to `id`, when one is close enough to be a likely typo.
pub fn did_you_mean<'a>(entries: &'a [Entry], id: &str) -> Option<&'a str> {
    let wanted = id.to_ascii_lowercase();
    entries
        .iter()
        .map(|e| e.id.as_str())
        .map(|candidate| {
            (
                candidate,
                strsim::jaro_winkler(&wanted, &candidate.to_ascii_lowercase()),
            )
        })
        .filter(|(_, score)| *score > 0.85)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(candidate, _)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Vec<Entry> {
        entries(&Profile::builtin().expect("built-in profile"))
    }

    #[test]
    fn every_constant_id_is_listed() {
        let all = builtin();
        for id in [
            file_rules::IO,
            file_rules::FRONT_MATTER,
            rules::case_study::CHECKLIST_VERSION,
            rules::case_study::NAME_LEAK,
            crate::check::HTTPS,
            crate::check::DOMAIN,
            crate::check::REACHABLE,
            crate::check::OFFLINE,
            crate::check::PAGE_NUMBER,
            crate::document::COMMENT_RULE,
            UNKNOWN_RULE_IN_COMMENT,
            UNUSED_DISABLE,
            rules::naming::PRODUCT_NAME,
            rules::spelling::SPELLING,
            rules::grammar::GRAMMAR,
            "UCR-002/section",
            "UCR-002/placeholder",
        ] {
            assert!(find(&all, id).is_some(), "{id} is not listed");
        }
    }

    #[test]
    fn families_and_typos() {
        let all = builtin();
        assert!(is_known(&all, "DOC-003"));
        assert!(is_known(&all, "doc-003/product-name"));
        assert!(is_known(&all, "UCR-002"));
        assert!(!is_known(&all, "DOC-00"));
        assert!(!is_known(&all, "DOC-003/prodct-name"));
        assert_eq!(
            did_you_mean(&all, "DOC-003/prodct-name"),
            Some("DOC-003/product-name")
        );
        assert_eq!(did_you_mean(&all, "zzzz"), None);
    }
}
