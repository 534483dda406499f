//! Hover over a finding: what `caselint explain` says about its rule, as Markdown.

use std::fmt::Write as _;

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::documents::OpenDocument;
use crate::check::Checker;

/// The explanation of `rule` (the checklist's words, why it matters, an example), or
/// `None` for an id the catalog does not know (e.g. `config`).
pub fn explain_markdown(rule: &str, checker: &Checker) -> Option<String> {
    let mut out = String::new();
    if let Some(info) = crate::rules::rule_info(rule) {
        let _ = writeln!(out, "**{}** — {}\n", info.id, info.title);
        let _ = writeln!(
            out,
            "Checklist {}: *“{}”*\n",
            info.requirement, info.checklist_words
        );
        let _ = writeln!(out, "**What it checks.** {}\n", info.what);
        let _ = writeln!(out, "**Why it matters.** {}\n", info.why);
        let _ = writeln!(
            out,
            "**Example.** Instead of: {}  \nWrite: {}\n",
            info.bad_example, info.good_example
        );
        let _ = writeln!(out, "**Fix.** {}", info.fix_safety);
        return Some(out);
    }
    let entry = crate::catalog::find(checker.catalog(), rule)?;
    let profile = checker.profile();
    let _ = writeln!(out, "**{}** — {}\n", entry.id, entry.title);
    let requirement = entry
        .requirement
        .as_deref()
        .and_then(|id| profile.requirement(id));
    match requirement {
        Some(requirement) => {
            if entry.id != requirement.id {
                let _ = writeln!(out, "Part of {} — {}\n", requirement.id, requirement.title);
            }
            let _ = writeln!(out, "**The checklist asks:** *“{}”*\n", requirement.words);
            if !requirement.why.is_empty() {
                let _ = writeln!(out, "**Why it matters.** {}\n", requirement.why);
            }
            if !requirement.help.is_empty() {
                let _ = writeln!(out, "**What satisfies it.** {}\n", requirement.help);
            }
            if !requirement.example.is_empty() {
                let _ = writeln!(out, "**A passing example.** {}\n", requirement.example);
            }
            let _ = writeln!(out, "Checklist: {}.", profile.profile.title);
        }
        None => {
            if !entry.detail.is_empty() {
                let _ = writeln!(out, "{}\n", entry.detail);
            }
            if let Some(requirement) = &entry.requirement {
                let _ = writeln!(out, "Checklist requirement: {requirement}.");
            }
        }
    }
    Some(out)
}

/// The explanations of the findings under `position`, one per rule, or `None` when no
/// finding covers it.
pub fn hover(doc: &OpenDocument, position: Position) -> Option<Hover> {
    let checked = doc.checked.as_ref()?;
    let source = &checked.report.source;
    let offset = checked.lines.offset(source, position);
    let mut rules: Vec<&str> = Vec::new();
    let mut span: Option<std::ops::Range<usize>> = None;
    for diagnostic in &checked.report.diagnostics {
        let covers = diagnostic.span.start <= offset
            && (offset < diagnostic.span.end
                || (diagnostic.span.is_empty() && offset == diagnostic.span.start));
        if covers && !rules.contains(&diagnostic.rule.as_str()) {
            rules.push(&diagnostic.rule);
            span.get_or_insert(diagnostic.span.clone());
        }
    }
    let parts: Vec<&String> = rules
        .iter()
        .filter_map(|rule| checked.explanations.get(*rule))
        .collect();
    if parts.is_empty() {
        return None;
    }
    let value = parts
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join("\n---\n\n");
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: span.map(|s| checked.lines.range(source, &s)),
    })
}
