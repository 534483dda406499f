//! Code actions: each finding's fix and suggestions as quick fixes, a disable comment
//! for the line, and one action that applies every safe fix in the file.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, Uri, WorkspaceEdit,
};

use super::diagnostics::to_lsp;
use super::documents::{Findings, OpenDocument};
use crate::diagnostic::{Applicability, Diagnostic, file_rules};

/// The kind of the "fix all" action, as editors' `codeActionsOnSave` settings name it.
pub const FIX_ALL: &str = "source.fixAll.caselint";

pub const FIX_ALL_TITLE: &str = "Fix all safe caselint fixes in this file";

pub fn kinds() -> Vec<CodeActionKind> {
    vec![CodeActionKind::QUICKFIX, CodeActionKind::from(FIX_ALL)]
}

pub fn code_actions(
    uri: &Uri,
    doc: &OpenDocument,
    params: &CodeActionParams,
) -> Vec<CodeActionOrCommand> {
    let Some(findings) = &doc.checked else {
        return Vec::new();
    };
    let only = params.context.only.as_deref();
    let wanted = |kind: &str| {
        only.is_none_or(|only| {
            only.iter().any(|k| {
                kind == k.as_str()
                    || kind
                        .strip_prefix(k.as_str())
                        .is_some_and(|rest| rest.starts_with('.'))
            })
        })
    };
    let source = &findings.report.source;
    let start = findings.lines.offset(source, params.range.start);
    let end = findings.lines.offset(source, params.range.end);
    let mut actions = Vec::new();
    if wanted(CodeActionKind::QUICKFIX.as_str()) {
        for diagnostic in &findings.report.diagnostics {
            if diagnostic.span.start <= end && start <= diagnostic.span.end {
                actions.extend(quick_fixes(uri, diagnostic, findings));
                actions.extend(disable_for_line(uri, diagnostic, findings));
            }
        }
    }
    if wanted(FIX_ALL) {
        actions.extend(fix_all(uri, findings));
    }
    actions
        .into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

fn edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// The fix first (preferred when safe), then the other suggestions, which nobody has
/// vetted for every context: they are offered as unsafe.
fn quick_fixes(uri: &Uri, diagnostic: &Diagnostic, findings: &Findings) -> Vec<CodeAction> {
    let source = &findings.report.source;
    let Some(written) = source.get(diagnostic.span.clone()) else {
        return Vec::new();
    };
    let range = findings.lines.range(source, &diagnostic.span);
    diagnostic
        .suggestions
        .iter()
        .enumerate()
        .map(|(index, replacement)| {
            let safe = index == 0
                && diagnostic.fix.as_ref().is_some_and(|f| {
                    f.replacement == *replacement && f.applicability == Applicability::Safe
                });
            let mut title = if replacement.is_empty() {
                format!("Delete `{}`", shorten(written))
            } else if written.is_empty() {
                format!("Insert `{replacement}`")
            } else {
                format!("Replace `{}` with `{replacement}`", shorten(written))
            };
            if !safe {
                title.push_str(" (unsafe)");
            }
            CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![to_lsp(diagnostic, findings, uri)]),
                edit: Some(edit(
                    uri,
                    vec![TextEdit {
                        range,
                        new_text: replacement.clone(),
                    }],
                )),
                is_preferred: Some(safe),
                ..CodeAction::default()
            }
        })
        .collect()
}

fn shorten(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    if text.chars().count() <= MAX_CHARS {
        text.to_string()
    } else {
        let cut: String = text.chars().take(MAX_CHARS).collect();
        format!("{cut}…")
    }
}

/// `<!-- caselint-disable-line RULE -->` at the end of the finding's first line. At the
/// end rather than on a line above: a comment line inside a paragraph would split it.
fn disable_for_line(uri: &Uri, diagnostic: &Diagnostic, findings: &Findings) -> Option<CodeAction> {
    let rule = diagnostic.rule.as_str();
    // Findings about the file as a whole or about caselint's own comments are fixed, not
    // silenced; in front matter an HTML comment is not a comment.
    if rule == file_rules::IO
        || rule == "config"
        || rule.starts_with(crate::document::COMMENT_RULE)
        || findings
            .front_matter_end
            .is_some_and(|end| diagnostic.span.start < end)
    {
        return None;
    }
    let source = &findings.report.source;
    let line = findings.lines.line_of(diagnostic.span.start);
    let at = findings.lines.content_end(source, line);
    let position = findings.lines.position(source, at);
    let separator = if source[..at].ends_with([' ', '\t']) || at == 0 {
        ""
    } else {
        " "
    };
    Some(CodeAction {
        title: format!("Disable {rule} for this line"),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![to_lsp(diagnostic, findings, uri)]),
        edit: Some(edit(
            uri,
            vec![TextEdit {
                range: lsp_types::Range::new(position, position),
                new_text: format!("{separator}<!-- caselint-disable-line {rule} -->"),
            }],
        )),
        is_preferred: Some(false),
        ..CodeAction::default()
    })
}

/// Every safe fix, as `caselint check --fix` applies them in one pass, as one edit of
/// the part of the text that changes.
fn fix_all(uri: &Uri, findings: &Findings) -> Option<CodeAction> {
    let source = &findings.report.source;
    let outcome = crate::fix::apply_fixes(source, &findings.report.diagnostics, false);
    if outcome.applied == 0 || outcome.fixed == *source {
        return None;
    }
    let (changed, new_text) = changed_part(source, &outcome.fixed);
    Some(CodeAction {
        title: FIX_ALL_TITLE.to_string(),
        kind: Some(CodeActionKind::from(FIX_ALL)),
        edit: Some(edit(
            uri,
            vec![TextEdit {
                range: findings.lines.range(source, &changed),
                new_text: new_text.to_string(),
            }],
        )),
        ..CodeAction::default()
    })
}

/// The span of `old` that differs from `new` (common start and end cut off, at character
/// boundaries), and what replaces it.
fn changed_part<'a>(old: &str, new: &'a str) -> (std::ops::Range<usize>, &'a str) {
    let prefix = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((i, _), _)| i);
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old[prefix..]
        .chars()
        .rev()
        .zip(new[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .scan(0, |total, n| {
            *total += n;
            Some(*total)
        })
        .take_while(|total| *total <= max_suffix)
        .last()
        .unwrap_or(0);
    (prefix..old.len() - suffix, &new[prefix..new.len() - suffix])
}

#[cfg(test)]
mod tests {
    use super::changed_part;

    #[test]
    fn the_changed_part_is_what_differs() {
        // The shortest change: "Cloudw" → "Amazon CloudW", the rest kept.
        assert_eq!(
            changed_part("a Cloudwatch b", "a Amazon CloudWatch b"),
            (2..8, "Amazon CloudW")
        );
        assert_eq!(changed_part("héllo", "héllo!"), (6..6, "!"));
        assert_eq!(changed_part("aaa", "aa"), (2..3, ""));
        assert_eq!(changed_part("é x é", "é y é"), (3..4, "y"));
    }
}
