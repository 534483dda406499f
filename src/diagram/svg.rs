//! SVG: a draw.io export keeps its diagram in the root's `content` attribute (the
//! mxfile, XML-escaped); any other SVG gives its text, which is all it has to read.

use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::{Limits, Model, Node, Page, Shapes, plain_label};

/// The model, and whether it came from an embedded draw.io diagram.
pub(super) fn read(text: &str, limits: &Limits, shapes: &Shapes) -> Result<(bool, Model), String> {
    let mut reader = Reader::from_str(text);
    let mut page = Page::default();
    let mut in_text = 0usize;
    let mut current = String::new();
    let mut skip = 0usize;
    loop {
        let event = super::next_event(&mut reader)?;
        match event {
            Event::Start(e) | Event::Empty(e)
                if e.local_name().as_ref() == b"svg" && page.nodes.is_empty() && in_text == 0 =>
            {
                let content = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == b"content")
                    .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()));
                if let Some(content) =
                    content.filter(|c| c.contains("<mxfile") || c.contains("<mxGraphModel"))
                {
                    return super::drawio::parse(&content, limits, shapes).map(|m| (true, m));
                }
            }
            Event::Start(e) => match e.local_name().as_ref() {
                b"text" | b"div" | b"span" | b"tspan" | b"p" => {
                    if in_text == 0 {
                        current.clear();
                    }
                    in_text += 1;
                }
                b"style" | b"script" | b"title" | b"desc" | b"metadata" => skip += 1,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"text" | b"div" | b"span" | b"tspan" | b"p" => {
                    in_text = in_text.saturating_sub(1);
                    if in_text == 0 {
                        push_label(&mut page, &current);
                    } else {
                        current.push(' ');
                    }
                }
                b"style" | b"script" | b"title" | b"desc" | b"metadata" => {
                    skip = skip.saturating_sub(1)
                }
                _ => {}
            },
            Event::Text(t) if in_text > 0 && skip == 0 => {
                if let Ok(s) = t.decode() {
                    current.push_str(&s);
                }
            }
            Event::GeneralRef(r) if in_text > 0 && skip == 0 => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    current.push(c);
                } else if let Ok(name) = r.decode() {
                    current.push_str(&plain_label(&format!("&{name};")));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut model = Model::default();
    for node in &mut page.nodes {
        node.kind = shapes.label_kind(&node.label);
    }
    model.pages.push(page);
    Ok((false, model))
}

fn push_label(page: &mut Page, text: &str) {
    let label = plain_label(text);
    if label.is_empty() {
        return;
    }
    // draw.io exports each label twice (HTML in a foreignObject, and an SVG fallback).
    if page.nodes.iter().any(|n| n.label == label) {
        return;
    }
    page.nodes.push(Node {
        id: format!("text {}", page.nodes.len() + 1),
        label,
        ..Node::default()
    });
}
