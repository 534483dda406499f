//! Required keys: one finding that lists every missing key with the lines to add, placed
//! at the opening fence, and an unsafe fix that adds them with `TODO: …` values: new
//! top-level lines right after the opening fence (in TOML, lines after a `[table]` header
//! would belong to the table), children inside the existing `customer` / `partner`
//! mapping (block, flow `{ … }`, `[table]` or dotted keys).

use serde_json::{Map, Value};

use super::locate::{self, Shape};
use super::{CaseStudyMeta, Reader, Visibility, dotted};
use crate::diagnostic::Applicability;
use crate::document::DocumentKind;
use crate::profile::ProfileInfo;

/// The placeholder value the fix writes for a key, `TODO: …` (reported until replaced).
pub(super) fn placeholder(path: &[&str], profile: &ProfileInfo) -> String {
    let hint = match path {
        ["visibility"] => "public, anonymous or private".to_string(),
        ["customer", "name"] => "the customer's name".to_string(),
        ["customer", "description"] => "who the customer is, without its name".to_string(),
        ["partner", "name"] => "your company's name".to_string(),
        ["partner", "domain"] => "your domain, like partner.example".to_string(),
        ["solution_area"] if profile.solution_areas.is_empty() => "the solution area".to_string(),
        ["solution_area"] => format!(
            "one of the {} solution areas",
            super::values::count_word(profile.solution_areas.len())
        ),
        ["production_since"] => "YYYY-MM-DD, the date it went live".to_string(),
        _ => "the real value".to_string(),
    };
    format!("TODO: {hint}")
}

/// Present with something in it.
fn filled(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        Value::Bool(_) | Value::Number(_) => true,
    }
}

enum State {
    Filled,
    /// Written without a value (`name:` or `name: ""`).
    Empty,
    Missing,
    /// The parent is not a mapping: already reported.
    Unreadable,
}

fn state(data: &Map<String, Value>, path: &[&'static str]) -> State {
    let value = match path {
        [key] => data.get(*key),
        [parent, child] => match data.get(*parent) {
            None | Some(Value::Null) => None,
            Some(Value::Object(map)) => map.get(*child),
            Some(_) => return State::Unreadable,
        },
        _ => None,
    };
    match value {
        None => State::Missing,
        Some(v) if filled(v) => State::Filled,
        Some(_) => State::Empty,
    }
}

pub(super) fn check_required(r: &mut Reader, data: &Map<String, Value>, meta: &CaseStudyMeta) {
    let mut required: Vec<Vec<&'static str>> = Vec::new();
    match meta.kind {
        DocumentKind::CaseStudy => {
            required.push(vec!["visibility"]);
            required.push(vec!["customer", "name"]);
            if meta.visibility == Some(Visibility::Anonymous) {
                required.push(vec!["customer", "description"]);
            }
            required.push(vec!["partner", "name"]);
            required.push(vec!["solution_area"]);
            required.push(vec!["production_since"]);
        }
        DocumentKind::PublicPage => {
            let has_either = matches!(state(data, &["customer", "name"]), State::Filled)
                || matches!(state(data, &["customer", "description"]), State::Filled);
            if !has_either {
                if meta.visibility == Some(Visibility::Anonymous) {
                    required.push(vec!["customer", "description"]);
                } else {
                    required.push(vec!["customer", "name"]);
                }
            }
            required.push(vec!["partner", "name"]);
            required.push(vec!["partner", "domain"]);
        }
        _ => return,
    }
    let mut missing: Vec<Vec<&'static str>> = Vec::new();
    for path in required {
        if r.pending.contains(&dotted(&path)) || r.pending.contains(path[0]) {
            // A mistyped key already has a finding that says to rename it to this one.
            continue;
        }
        match state(data, &path) {
            State::Filled | State::Unreadable => {}
            State::Missing => missing.push(path),
            State::Empty => {
                let name = dotted(&path);
                if r.reported.contains(&name) {
                    continue;
                }
                let span = r.value_span(&path);
                let hint = placeholder(&path, r.profile);
                let hint = hint.trim_start_matches("TODO: ");
                let d = r
                    .diagnostic(&path, span, format!("`{name}` is empty: write {hint}"))
                    .with_help(required_help(&path, meta));
                r.push(&path, d);
            }
        }
    }
    if missing.is_empty() {
        return;
    }
    let d = missing_diagnostic(r, data, &missing, meta);
    r.diagnostics.push(d);
}

fn required_help(path: &[&str], meta: &CaseStudyMeta) -> String {
    match path {
        ["customer", "name"] if meta.visibility == Some(Visibility::Anonymous) => {
            "anonymous case studies still give the customer's name: AWS keeps it private \
             (checklist 2.3)"
                .to_string()
        }
        ["customer", "description"] => {
            "an anonymous case study describes the customer instead of naming it, for example \
             \"a 12-clinic dental group in Ohio\" (checklist 2.3)"
                .to_string()
        }
        _ => format!(
            "a {} needs it for the checklist review",
            if meta.kind == DocumentKind::PublicPage {
                "public page"
            } else {
                "case study"
            }
        ),
    }
}

fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn missing_diagnostic(
    r: &Reader,
    data: &Map<String, Value>,
    missing: &[Vec<&'static str>],
    meta: &CaseStudyMeta,
) -> super::Diagnostic {
    let yaml = r.yaml();
    let source = r.source();
    let fm = r.fm;
    let sep = if yaml { ": " } else { " = " };
    let nl = if source
        .get(fm.span.clone())
        .is_some_and(|s| s.contains("\r\n"))
    {
        "\r\n"
    } else {
        "\n"
    };
    let entry =
        |key: &str, path: &[&str]| format!("{key}{sep}{}", quote(&placeholder(path, r.profile)));

    // Lines added after the opening fence, and edits elsewhere: (offset, text).
    let mut top: Vec<String> = Vec::new();
    let mut edits: Vec<(usize, String)> = Vec::new();
    let mut shown: Vec<String> = Vec::new();
    let mut under: Vec<String> = Vec::new();
    let mut can_fix = true;
    let mut table_edit = false;

    for path in missing.iter().filter(|p| p.len() == 1) {
        let line = entry(path[0], path);
        shown.push(format!("`{line}`"));
        top.push(line);
    }
    for parent in ["customer", "partner"] {
        let children: Vec<&Vec<&'static str>> = missing
            .iter()
            .filter(|p| p.len() == 2 && p[0] == parent)
            .collect();
        if children.is_empty() {
            continue;
        }
        if !data.contains_key(parent) {
            if yaml {
                top.push(format!("{parent}:"));
                shown.push(format!("`{parent}:`"));
                for path in &children {
                    let line = format!("  {}", entry(path[1], path));
                    shown.push(format!("`{line}`"));
                    top.push(line);
                }
            } else {
                let inner: Vec<String> = children.iter().map(|p| entry(p[1], p)).collect();
                let line = format!("{parent} = {{ {} }}", inner.join(", "));
                shown.push(format!("`{line}`"));
                top.push(line);
            }
            continue;
        }
        let lines: Vec<String> = children.iter().map(|p| entry(p[1], p)).collect();
        let quoted: Vec<String> = lines.iter().map(|l| format!("`{l}`")).collect();
        under.push(format!("under `{parent}` add {}", join_and(&quoted)));
        match locate::parent_of(fm, source, parent).map(|p| p.shape) {
            Some(Shape::Block { indent, end }) => {
                let text: String = lines.iter().map(|l| format!("{nl}{indent}{l}")).collect();
                edits.push((end, text));
            }
            Some(Shape::Table { header_end }) => {
                table_edit = true;
                let text: String = lines.iter().map(|l| format!("{nl}{l}")).collect();
                edits.push((header_end, text));
            }
            Some(Shape::Dotted) => {
                top.extend(
                    children
                        .iter()
                        .map(|p| format!("{parent}.{}", entry(p[1], p))),
                );
            }
            Some(Shape::Flow { close, empty }) => {
                let before = source.get(..close).unwrap_or("");
                let at = before.trim_end().len();
                let last = before.trim_end().chars().next_back();
                let joined = lines.join(", ");
                let text = if empty || matches!(last, Some('{' | ',')) {
                    let space = if source.get(at..close).is_some_and(str::is_empty) {
                        " "
                    } else {
                        ""
                    };
                    format!(" {joined}{space}")
                } else {
                    format!(", {joined}")
                };
                edits.push((at, text));
            }
            None => can_fix = false,
        }
    }

    let kind = if meta.kind == DocumentKind::PublicPage {
        "public page"
    } else {
        "case study"
    };
    let mut message = String::from("missing front matter: ");
    if !shown.is_empty() {
        message.push_str(&format!("add these lines: {}", join_and(&shown)));
        if !under.is_empty() {
            message.push_str("; and ");
        }
    }
    message.push_str(&under.join("; "));
    let mut help = format!(
        "a {kind} needs {}; replace each TODO with the real value",
        join_and(
            &missing
                .iter()
                .map(|p| format!("`{}`", dotted(p)))
                .collect::<Vec<_>>()
        )
    );
    if missing.iter().any(|p| p[..] == ["customer", "name"])
        && meta.visibility == Some(Visibility::Anonymous)
    {
        help.push_str("; anonymous case studies still give the customer's name: AWS keeps it private (checklist 2.3)");
    }
    if missing.iter().any(|p| p[..] == ["solution_area"]) && !r.profile.solution_areas.is_empty() {
        help.push_str(&format!(
            "; the solution areas are {}",
            r.profile
                .solution_areas
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }

    let fence = r.fence();
    let mut d = r.diagnostic(&[], fence.clone(), message).with_help(help);

    // The fix: one edit from the opening fence to the last insertion point.
    let open_end = source
        .get(fm.span.start..)
        .and_then(|rest| rest.find('\n'))
        .map_or(fence.end, |i| fm.span.start + i);
    let open_end = if source.get(..open_end).is_some_and(|s| s.ends_with('\r')) {
        open_end - 1
    } else {
        open_end
    };
    if !top.is_empty() {
        // New top-level lines go right after the opening fence, so the finding is on the
        // first line; when lines are also added inside a mapping, they follow that
        // mapping instead (one insertion, whose fix reads as just the lines to add) —
        // except after a TOML `[table]`, where they would belong to the table.
        let after_parent = edits
            .iter()
            .map(|(at, _)| *at)
            .max()
            .filter(|_| !table_edit)
            .map(|at| line_end(source, at));
        let text: String = top.iter().map(|l| format!("{nl}{l}")).collect();
        edits.push((after_parent.unwrap_or(open_end), text));
    }
    if can_fix && !edits.is_empty() {
        edits.sort_by_key(|(at, _)| *at);
        let start = edits.iter().map(|(at, _)| *at).min().unwrap_or(open_end);
        let end = edits.iter().map(|(at, _)| *at).max().unwrap_or(start);
        let mut replacement = String::new();
        let mut at = start;
        let mut ok = true;
        for (offset, text) in &edits {
            match source.get(at..*offset) {
                Some(between) => replacement.push_str(between),
                None => ok = false,
            }
            replacement.push_str(text);
            at = *offset;
        }
        match source.get(at..end) {
            Some(rest) => replacement.push_str(rest),
            None => ok = false,
        }
        if ok && source.get(start..end).is_some() {
            d.span = start..end;
            d = d.with_fix(replacement, Applicability::Unsafe);
        }
    }
    d
}

/// The end of the line `at` is on, before its line break.
fn line_end(source: &str, at: usize) -> usize {
    let end = source
        .get(at..)
        .and_then(|rest| rest.find('\n'))
        .map_or(source.len(), |i| at + i);
    if end > at && source.get(..end).is_some_and(|s| s.ends_with('\r')) {
        end - 1
    } else {
        end
    }
}

/// "A", "A and B", "A, B and C".
fn join_and(items: &[String]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}
