//! Completion in YAML front matter: the keys caselint reads, and the values it knows
//! (document kinds, visibilities, the profile's solution areas, customer segments).

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionResponse, CompletionTextEdit, Position, Range,
    TextEdit,
};

use super::documents::OpenDocument;
use super::position::LineMap;
use crate::meta::{CUSTOMER_KEYS, PARTNER_KEYS, SEGMENTS, TOP_KEYS};

const KINDS: [&str; 4] = ["case-study", "public-page", "doc", "self-assessment"];
const VISIBILITIES: [&str; 3] = ["public", "anonymous", "private"];

pub fn complete(doc: &OpenDocument, position: Position) -> CompletionResponse {
    let text = &doc.text;
    let lines = LineMap::new(text);
    let line = position.line as usize;
    if !in_yaml_front_matter(text, &lines, line) {
        return CompletionResponse::Array(Vec::new());
    }
    let cursor = lines.offset(text, position);
    let line_start = lines.offset(text, Position::new(position.line, 0));
    let before = &text[line_start..cursor];
    let indent = before.len() - before.trim_start().len();
    let areas = doc
        .checked
        .as_ref()
        .map(|f| f.solution_areas.clone())
        .unwrap_or_default();
    let items = match before.split_once(':') {
        None => {
            let parent = if indent == 0 {
                None
            } else {
                parent_key(text, &lines, line, indent)
            };
            let keys: &[&str] = match parent.as_deref() {
                None => &TOP_KEYS,
                Some("customer") => &CUSTOMER_KEYS,
                Some("partner") => &PARTNER_KEYS,
                Some(_) => &[],
            };
            let range = Range::new(lines.position(text, line_start + indent), position);
            keys.iter()
                .map(|key| item(key, format!("{key}: "), CompletionItemKind::FIELD, range))
                .collect()
        }
        Some((key, value)) => {
            let key = key.trim();
            let values: Vec<String> = match (key, indent) {
                ("caselint", 0) => KINDS.map(String::from).to_vec(),
                ("visibility", 0) => VISIBILITIES.map(String::from).to_vec(),
                ("solution_area", 0) => areas,
                ("segment", i) if i > 0 => SEGMENTS.map(String::from).to_vec(),
                _ => Vec::new(),
            };
            let value_start = cursor - value.len() + (value.len() - value.trim_start().len());
            let range = Range::new(lines.position(text, value_start), position);
            values
                .iter()
                .map(|v| item(v, v.clone(), CompletionItemKind::ENUM_MEMBER, range))
                .collect()
        }
    };
    CompletionResponse::Array(items)
}

fn item(label: &str, new_text: String, kind: CompletionItemKind, range: Range) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text })),
        ..CompletionItem::default()
    }
}

/// Whether `line` is between a leading `---` and its closing fence (or no closing fence
/// yet: the writer may be typing it).
fn in_yaml_front_matter(text: &str, lines: &LineMap, line: usize) -> bool {
    let line_text = |n: usize| {
        let start = lines.offset(text, Position::new(n as u32, 0));
        &text[start..lines.content_end(text, n)]
    };
    if line == 0 || line > lines.line_of(text.len()) || line_text(0).trim_end() != "---" {
        return false;
    }
    (1..line).all(|n| !matches!(line_text(n).trim_end(), "---" | "..."))
}

/// The key of the nearest line above with less indentation (`customer:` for its
/// nested keys).
fn parent_key(text: &str, lines: &LineMap, line: usize, indent: usize) -> Option<String> {
    (1..line).rev().find_map(|n| {
        let start = lines.offset(text, Position::new(n as u32, 0));
        let body = &text[start..lines.content_end(text, n)];
        let own = body.len() - body.trim_start().len();
        if body.trim().is_empty() || own >= indent {
            return None;
        }
        Some(
            body.trim()
                .split(':')
                .next()
                .unwrap_or_default()
                .to_string(),
        )
    })
}
