//! draw.io files: `<mxfile>` with one `<diagram>` per page, each holding an
//! `<mxGraphModel>` or, compressed, the base64 of the raw-deflated, URL-encoded model.
//! A bare `<mxGraphModel>` is one page.

use std::collections::HashMap;
use std::io::Read;

use base64::Engine;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::{Limits, Model, Node, Page, Shapes, plain_label};

/// Parses a draw.io document (`<mxfile>` or `<mxGraphModel>`).
pub(super) fn parse(xml: &str, limits: &Limits, shapes: &Shapes) -> Result<Model, String> {
    let mut budget = limits.max_inflated_bytes;
    let mut model = Model::default();
    let mut reader = Reader::from_str(xml);
    let mut page: Option<RawPage> = None;
    let mut in_diagram = false;
    let mut seen_root = false;
    let mut compressed = String::new();
    let mut wrapper: Option<(String, String)> = None;
    loop {
        let event = super::next_event(&mut reader)?;
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                match name.as_ref() {
                    b"mxfile" => seen_root = true,
                    b"diagram" => {
                        seen_root = true;
                        in_diagram = true;
                        compressed.clear();
                        page = Some(RawPage::new(attr(&e, b"name").unwrap_or_default()));
                    }
                    b"mxGraphModel" => {
                        seen_root = true;
                        if page.is_none() {
                            page = Some(RawPage::new(String::new()));
                        }
                    }
                    b"UserObject" | b"object" => {
                        let id = attr(&e, b"id").unwrap_or_default();
                        let label = attr(&e, b"label").unwrap_or_default();
                        wrapper = Some((id, label));
                    }
                    b"mxCell" => {
                        if let Some(p) = page.as_mut() {
                            p.cell(&e, wrapper.as_ref());
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"diagram" => {
                    in_diagram = false;
                    let mut done = page.take().unwrap_or_else(|| RawPage::new(String::new()));
                    let packed = compressed.trim();
                    if done.cells.is_empty() && !packed.is_empty() {
                        let inner = inflate_page(packed, &mut budget)?;
                        let name = std::mem::take(&mut done.name);
                        let mut inner_model = parse(
                            &inner,
                            &Limits {
                                max_inflated_bytes: budget,
                                ..*limits
                            },
                            shapes,
                        )?;
                        for mut p in inner_model.pages.drain(..) {
                            p.name = name.clone();
                            model.pages.push(p);
                        }
                    } else {
                        model.pages.push(done.finish(shapes));
                    }
                }
                b"mxGraphModel" if !in_diagram => {
                    if let Some(done) = page.take() {
                        model.pages.push(done.finish(shapes));
                    }
                }
                b"UserObject" | b"object" => wrapper = None,
                _ => {}
            },
            Event::Text(t) if in_diagram => {
                let text = t
                    .decode()
                    .map_err(|e| format!("a page's text is not UTF-8: {e}"))?;
                compressed.push_str(&text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(done) = page.take() {
        model.pages.push(done.finish(shapes));
    }
    if !seen_root {
        return Err("it has no <mxfile> or <mxGraphModel> element".into());
    }
    Ok(model)
}

/// A compressed page: base64, then raw deflate, then URL encoding. Stops at `budget`
/// bytes of output (what is left of the file's allowance).
fn inflate_page(packed: &str, budget: &mut usize) -> Result<String, String> {
    let cleaned: String = packed.chars().filter(|c| !c.is_whitespace()).collect();
    let raw = base64::engine::general_purpose::STANDARD
        .decode(cleaned.as_bytes())
        .map_err(|e| format!("a compressed page is not valid base64 ({e})"))?;
    let mut out = Vec::new();
    let limit = (*budget as u64).saturating_add(1);
    flate2::read::DeflateDecoder::new(raw.as_slice())
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|e| format!("a compressed page cannot be inflated ({e})"))?;
    if out.len() > *budget {
        return Err(format!(
            "a compressed page inflates to more than {} MB: it is far larger than any real diagram, so it was not read",
            limit / (1024 * 1024)
        ));
    }
    *budget -= out.len();
    let decoded = percent_encoding::percent_decode(&out)
        .decode_utf8()
        .map_err(|_| "a compressed page is not UTF-8 once inflated".to_string())?;
    Ok(decoded.into_owned())
}

fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// The cells of one page before parents and ends are resolved to indexes.
struct RawPage {
    name: String,
    cells: Vec<RawCell>,
}

struct RawCell {
    id: String,
    label: String,
    style: String,
    parent: String,
    edge: bool,
    vertex: bool,
    source: String,
    target: String,
}

impl RawPage {
    fn new(name: String) -> RawPage {
        RawPage {
            name,
            cells: Vec::new(),
        }
    }

    fn cell(&mut self, e: &BytesStart, wrapper: Option<&(String, String)>) {
        let mut cell = RawCell {
            id: String::new(),
            label: String::new(),
            style: String::new(),
            parent: String::new(),
            edge: false,
            vertex: false,
            source: String::new(),
            target: String::new(),
        };
        for a in e.attributes().flatten() {
            let Ok(value) = a.unescape_value() else {
                continue;
            };
            match a.key.local_name().as_ref() {
                b"id" => cell.id = value.into_owned(),
                b"value" => cell.label = value.into_owned(),
                b"style" => cell.style = value.into_owned(),
                b"parent" => cell.parent = value.into_owned(),
                b"edge" => cell.edge = value == "1",
                b"vertex" => cell.vertex = value == "1",
                b"source" => cell.source = value.into_owned(),
                b"target" => cell.target = value.into_owned(),
                _ => {}
            }
        }
        if let Some((id, label)) = wrapper {
            // A UserObject carries the cell's id and label; the mxCell inside has neither.
            if cell.id.is_empty() {
                cell.id = id.clone();
            }
            if cell.label.is_empty() {
                cell.label = label.clone();
            }
        }
        self.cells.push(cell);
    }

    fn finish(self, shapes: &Shapes) -> Page {
        let mut page = Page {
            name: self.name,
            ..Page::default()
        };
        let mut index: HashMap<&str, usize> = HashMap::new();
        let vertices: Vec<&RawCell> = self.cells.iter().filter(|c| !c.edge).collect();
        // The two root cells ("0" and the default layer "1") are not shapes.
        let layers: Vec<&str> = vertices
            .iter()
            .filter(|c| !c.vertex && c.style.is_empty() && c.label.is_empty())
            .map(|c| c.id.as_str())
            .collect();
        let edge_ids: std::collections::HashSet<&str> = self
            .cells
            .iter()
            .filter(|c| c.edge)
            .map(|c| c.id.as_str())
            .collect();
        // An edge's label is a vertex whose parent is the edge: its text is the edge's.
        let mut edge_labels: HashMap<&str, String> = HashMap::new();
        for cell in vertices.iter().filter(|c| c.vertex) {
            if edge_ids.contains(&cell.parent.as_str()) {
                let text = edge_labels.entry(cell.parent.as_str()).or_default();
                text.push(' ');
                text.push_str(&plain_label(&cell.label));
                continue;
            }
            index.insert(cell.id.as_str(), page.nodes.len());
            page.nodes.push(node_for(cell, shapes));
        }
        for cell in vertices.iter().filter(|c| c.vertex) {
            if layers.contains(&cell.parent.as_str()) {
                continue;
            }
            if let (Some(&child), Some(&parent)) =
                (index.get(cell.id.as_str()), index.get(cell.parent.as_str()))
                && child != parent
            {
                page.nodes[child].parent = Some(parent);
                page.nodes[parent].container = true;
            }
        }
        for cell in self.cells.iter().filter(|c| c.edge) {
            let mut label = plain_label(&cell.label);
            if let Some(extra) = edge_labels.get(cell.id.as_str()) {
                label = format!("{label} {extra}").trim().to_string();
            }
            page.edges.push(super::Edge {
                id: cell.id.clone(),
                label,
                source: index.get(cell.source.as_str()).copied(),
                target: index.get(cell.target.as_str()).copied(),
            });
        }
        page
    }
}

/// A vertex's style, read: AWS shape, group icon, container flags.
fn node_for(cell: &RawCell, shapes: &Shapes) -> Node {
    let style = parse_style(&cell.style);
    let shape = style.get("shape").copied();
    let icon = style
        .get("resIcon")
        .or_else(|| style.get("prIcon"))
        .copied()
        .or(shape.filter(|s| !s.ends_with(".resourceIcon") && !s.ends_with(".productIcon")));
    let product = icon.and_then(|s| shapes.product(s)).map(str::to_string);
    let label = plain_label(&cell.label);
    let group = style.get("grIcon").and_then(|g| shapes.group(g));
    let is_group = shape.is_some_and(|s| s.ends_with(".group") || s.ends_with(".groupCenter"))
        || style.contains_key("container")
        || style.contains_key("swimlane")
        || style.contains_key("group");
    let kind = match group {
        // draw.io's public and private subnets carry the security-group icon; a real
        // security group says so in its label.
        Some(super::Kind::Subnet) if label.to_ascii_lowercase().contains("security group") => {
            Some(super::Kind::SecurityGroup)
        }
        Some(kind) => Some(kind),
        None if product.is_none() => shapes.label_kind(&label).or_else(|| {
            icon.filter(|s| shapes.outside_shape(s))
                .map(|_| super::Kind::Outside)
        }),
        None => None,
    };
    Node {
        id: cell.id.clone(),
        label,
        parent: None,
        shape: icon.map(str::to_string),
        product,
        kind,
        container: is_group || group.is_some(),
        label_span: None,
    }
}

fn parse_style(style: &str) -> HashMap<&str, &str> {
    let mut out = HashMap::new();
    for (i, part) in style.split(';').enumerate() {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        match part.split_once('=') {
            Some((k, v)) => {
                out.insert(k.trim(), v.trim());
            }
            // The first bare word is the style's name ("swimlane", "text", "group").
            None if i == 0 => {
                out.insert(part, "");
            }
            None => {}
        }
    }
    out
}
