//! Mermaid: `flowchart` / `graph` (nodes, links, subgraphs) and `architecture-beta`
//! (groups, services, junctions, edges). Other diagram types (sequence, class, Gantt...)
//! do not draw a deployment and give an empty model.

use std::collections::HashMap;
use std::ops::Range;

use super::{Edge, Model, Node, Page, Shapes, plain_label};

/// Parses the text of a Mermaid block. Label spans are byte ranges into `text`.
pub fn parse(text: &str, shapes: &Shapes) -> Model {
    let mut lines = statements(text);
    // Front matter (`---` ... `---`) and comments come before the diagram type.
    let lead = lines.iter().position(|(_, l)| !l.trim().is_empty());
    if let Some(open) = lead.filter(|&i| lines[i].1.trim() == "---") {
        let close = lines
            .iter()
            .skip(open + 1)
            .position(|(_, l)| l.trim() == "---");
        lines.drain(..close.map_or(0, |c| open + c + 2));
    }
    let Some(first) = lines.iter().position(|(_, l)| !l.trim().is_empty()) else {
        return Model::default();
    };
    let header = lines[first].1.trim().to_ascii_lowercase();
    let body = &lines[first + 1..];
    let mut builder = Builder::new(shapes);
    if header.starts_with("flowchart") || header.starts_with("graph") {
        // `graph TD; A-->B` on one line: the rest after the direction is a statement.
        let rest = lines[first].1.trim();
        let mut extra = Vec::new();
        let mut words = rest.splitn(3, char::is_whitespace);
        words.next();
        words.next();
        if let Some(tail) = words.next().filter(|t| !t.trim().is_empty()) {
            let offset = lines[first].0
                + (tail.as_ptr() as usize - rest.as_ptr() as usize)
                + (lines[first].1.len() - lines[first].1.trim_start().len());
            extra.push((offset, tail));
        }
        for (offset, line) in extra.iter().copied().chain(body.iter().copied()) {
            builder.flowchart_statement(line, offset);
        }
    } else if header.starts_with("architecture") {
        for (offset, line) in body.iter().copied() {
            builder.architecture_statement(line, offset);
        }
    } else {
        return Model::default();
    }
    Model {
        pages: vec![builder.page],
    }
}

/// Lines split at `;` too (outside quotes and brackets), with their byte offsets.
fn statements(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let mut start = 0;
        let mut depth = 0i32;
        let mut quoted = false;
        for (i, c) in content.char_indices() {
            match c {
                '"' => quoted = !quoted,
                '[' | '(' | '{' if !quoted => depth += 1,
                ']' | ')' | '}' if !quoted => depth -= 1,
                ';' if !quoted && depth <= 0 => {
                    out.push((offset + start, &content[start..i]));
                    start = i + 1;
                }
                _ => {}
            }
        }
        out.push((offset + start, &content[start..]));
        offset += line.len();
    }
    out.retain(|(_, l)| !l.trim_start().starts_with("%%"));
    out
}

struct Builder<'s> {
    shapes: &'s Shapes,
    page: Page,
    ids: HashMap<String, usize>,
    groups: Vec<usize>,
}

impl<'s> Builder<'s> {
    fn new(shapes: &'s Shapes) -> Builder<'s> {
        Builder {
            shapes,
            page: Page::default(),
            ids: HashMap::new(),
            groups: Vec::new(),
        }
    }

    /// The node `id`, made on first sight; a label given later replaces the id.
    fn node(
        &mut self,
        id: &str,
        label: Option<(String, Range<usize>)>,
        icon: Option<&str>,
    ) -> usize {
        let index = match self.ids.get(id) {
            Some(&i) => i,
            None => {
                let i = self.page.nodes.len();
                self.page.nodes.push(Node {
                    id: id.to_string(),
                    label: id.to_string(),
                    parent: self.groups.last().copied(),
                    ..Node::default()
                });
                self.ids.insert(id.to_string(), i);
                i
            }
        };
        if let Some((label, span)) = label {
            self.page.nodes[index].label = label;
            self.page.nodes[index].label_span = Some(span);
        }
        if let Some(icon) = icon {
            let node = &mut self.page.nodes[index];
            node.shape = Some(icon.to_string());
            node.product = self.shapes.product(icon).map(str::to_string);
            if self.shapes.outside_shape(icon) {
                node.kind = Some(super::Kind::Outside);
            }
        }
        let node = &mut self.page.nodes[index];
        if node.kind.is_none() && node.product.is_none() {
            node.kind = self.shapes.label_kind(&node.label);
        }
        index
    }

    fn edge(&mut self, from: usize, to: usize, label: String) {
        let id = format!("edge {}", self.page.edges.len() + 1);
        self.page.edges.push(Edge {
            id,
            label,
            source: Some(from),
            target: Some(to),
        });
    }

    fn flowchart_statement(&mut self, line: &str, offset: usize) {
        let trimmed = line.trim();
        let lead = line.len() - line.trim_start().len();
        let first = trimmed.split_whitespace().next().unwrap_or("");
        match first {
            "" => {}
            "end" => {
                self.groups.pop();
            }
            "subgraph" => {
                let rest = trimmed["subgraph".len()..].trim_start();
                let rest_at = offset + lead + (trimmed.len() - rest.len());
                let mut scan = Scan::new(rest, rest_at);
                scan.loose = true;
                let (id, label) = match scan.node_ref() {
                    Some(r) if r.label.is_some() || scan.at_end() => (r.id, r.label),
                    // `subgraph Two words`: the whole line is the title.
                    _ => {
                        let title = rest.trim().trim_matches('"').to_string();
                        (
                            title.clone(),
                            Some((title, rest_at..rest_at + rest.trim_end().len())),
                        )
                    }
                };
                let index = self.node(&id, label, None);
                self.page.nodes[index].container = true;
                self.groups.push(index);
            }
            "direction" | "classDef" | "class" | "style" | "linkStyle" | "click" | "accTitle"
            | "accDescr" | "title" => {}
            _ => self.flowchart_links(line, offset),
        }
    }

    /// `A[Label] -->|text| B & C --> D`.
    fn flowchart_links(&mut self, line: &str, offset: usize) {
        let mut scan = Scan::new(line, offset);
        let mut previous: Vec<usize> = Vec::new();
        let mut pending_label: Option<String> = None;
        loop {
            let mut group = Vec::new();
            while let Some(r) = scan.node_ref() {
                let index = self.node(&r.id, r.label, r.icon.as_deref());
                group.push(index);
                if !scan.eat('&') {
                    break;
                }
            }
            if group.is_empty() {
                return;
            }
            if let Some(label) = pending_label.take() {
                for &from in &previous {
                    for &to in &group {
                        self.edge(from, to, label.clone());
                    }
                }
            }
            match scan.link() {
                Some(label) => {
                    previous = group;
                    pending_label = Some(label);
                }
                None => return,
            }
        }
    }

    /// `group id(icon)[Title] in parent`, `service id(icon)[Title] in group`,
    /// `junction id`, `a:R --> L:b`.
    fn architecture_statement(&mut self, line: &str, offset: usize) {
        let trimmed = line.trim();
        let lead = line.len() - line.trim_start().len();
        let keyword = trimmed.split_whitespace().next().unwrap_or("");
        match keyword {
            "group" | "service" | "junction" => {
                let rest = trimmed[keyword.len()..].trim_start();
                let rest_at = offset + lead + (trimmed.len() - rest.len());
                let (decl, parent) = match rest.rfind(" in ") {
                    Some(i) => (&rest[..i], Some(rest[i + 4..].trim())),
                    None => (rest, None),
                };
                let id_end = decl.find(['(', '[', ' ']).unwrap_or(decl.len());
                let id = decl[..id_end].trim();
                if id.is_empty() {
                    return;
                }
                let icon = decl
                    .find('(')
                    .and_then(|s| decl[s + 1..].find(')').map(|e| &decl[s + 1..s + 1 + e]));
                let label = decl.find('[').and_then(|s| {
                    decl[s + 1..].rfind(']').map(|e| {
                        let raw = &decl[s + 1..s + 1 + e];
                        let at = rest_at + s + 1;
                        (plain_label(raw.trim_matches('"')), at..at + raw.len())
                    })
                });
                let index = self.node(id, label, icon);
                if keyword == "group" {
                    self.page.nodes[index].container = true;
                }
                if let Some(parent) = parent {
                    let parent = self.node(parent, None, None);
                    if parent != index {
                        self.page.nodes[index].parent = Some(parent);
                        self.page.nodes[parent].container = true;
                    }
                }
            }
            _ if trimmed.contains("--") => {
                let Some(op) = trimmed.find("--").or_else(|| trimmed.find("<-")) else {
                    return;
                };
                let left = trimmed[..op].trim().trim_end_matches('<');
                let right = trimmed[op..].trim_start_matches(['<', '-', '>']).trim();
                let left_id = left.split(':').next().unwrap_or("");
                let left_id = left_id.split('{').next().unwrap_or("").trim();
                let right_id = right.rsplit(':').next().unwrap_or("");
                let right_id = right_id.split('{').next().unwrap_or("").trim();
                if left_id.is_empty() || right_id.is_empty() {
                    return;
                }
                let a = self.node(left_id, None, None);
                let b = self.node(right_id, None, None);
                self.edge(a, b, String::new());
            }
            _ => {}
        }
    }
}

struct NodeRef {
    id: String,
    label: Option<(String, Range<usize>)>,
    icon: Option<String>,
}

/// A cursor over one flowchart statement.
struct Scan<'a> {
    text: &'a str,
    at: usize,
    base: usize,
    /// A space may separate an id from its label (`subgraph vpc [VPC]`).
    loose: bool,
}

impl<'a> Scan<'a> {
    fn new(text: &'a str, base: usize) -> Scan<'a> {
        Scan {
            text,
            at: 0,
            base,
            loose: false,
        }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn skip_space(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    fn at_end(&mut self) -> bool {
        self.skip_space();
        self.rest().is_empty()
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_space();
        if self.rest().starts_with(c) {
            self.at += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn node_ref(&mut self) -> Option<NodeRef> {
        self.skip_space();
        let rest = self.rest();
        let mut end = 0;
        for (i, c) in rest.char_indices() {
            let ok = c.is_alphanumeric()
                || c == '_'
                || (matches!(c, '-' | '.')
                    && rest[i + 1..]
                        .chars()
                        .next()
                        .is_some_and(|n| n.is_alphanumeric() || n == '_')
                    && i > 0);
            if !ok {
                break;
            }
            end = i + c.len_utf8();
        }
        if end == 0 {
            return None;
        }
        let id = rest[..end].to_string();
        self.at += end;
        if self.loose {
            let after = self.rest();
            let spaces = after.len() - after.trim_start().len();
            if after[spaces..].starts_with(['[', '(', '{']) {
                self.at += spaces;
            }
        }
        let mut label = None;
        let mut icon = None;
        let rest = self.rest();
        if let Some(body) = rest.strip_prefix("@{") {
            // `A@{ shape: rect, label: "Orders", icon: "aws:lambda" }`
            if let Some(close) = body.find('}') {
                let inner = &body[..close];
                for part in inner.split(',') {
                    if let Some((k, v)) = part.split_once(':') {
                        let v = v.trim().trim_matches('"');
                        match k.trim() {
                            "label" => {
                                let at = self.base
                                    + self.at
                                    + 2
                                    + (v.as_ptr() as usize - inner.as_ptr() as usize);
                                label = Some((plain_label(v), at..at + v.len()));
                            }
                            "icon" => {
                                let value = part
                                    .split_once(':')
                                    .map_or("", |(_, v)| v.trim().trim_matches('"'));
                                icon = Some(value.to_string());
                            }
                            _ => {}
                        }
                    }
                }
                self.at += 2 + close + 1;
            }
        } else if let Some((open, close)) = shape_brackets(rest) {
            let inner_start = open.len();
            if let Some(len) = rest[inner_start..].find(close) {
                let raw = &rest[inner_start..inner_start + len];
                let (text, skip) = if raw.trim_start().starts_with('"') {
                    let t = raw.trim();
                    let lead = raw.len() - raw.trim_start().len();
                    (t.trim_matches('"'), lead + 1)
                } else {
                    (raw, 0)
                };
                let at = self.base + self.at + inner_start + skip;
                label = Some((plain_label(&strip_markdown(text)), at..at + text.len()));
                self.at += inner_start + len + close.len();
            }
        }
        // `:::className`
        if self.rest().starts_with(":::") {
            let tail = &self.rest()[3..];
            let len = tail
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .unwrap_or(tail.len());
            self.at += 3 + len;
        }
        Some(NodeRef { id, label, icon })
    }

    /// A link operator and its text (`-->`, `-- text -->`, `-->|text|`, `-.->`, `==>`).
    fn link(&mut self) -> Option<String> {
        self.skip_space();
        let rest = self.rest();
        let op_len = rest
            .find(|c: char| !matches!(c, '-' | '=' | '.' | '<' | '>' | 'o' | 'x' | '~'))
            .unwrap_or(rest.len());
        let op = &rest[..op_len];
        if op.len() < 2
            || !(op.contains("--") || op.contains("==") || op.contains("-.") || op.contains("~~"))
        {
            return None;
        }
        self.at += op_len;
        let ends_open = !(op.ends_with('>')
            || op.ends_with("---")
            || op.ends_with("-.-")
            || op.ends_with("===")
            || op.ends_with('o')
            || op.ends_with('x'));
        if ends_open && (op == "--" || op == "==" || op == "-.") {
            // `A -- text --> B`: the text runs to the closing operator.
            let tail = self.rest();
            let close = ["-->", "---", "==>", "===", ".->", "-.-", "--x", "--o"]
                .iter()
                .filter_map(|c| tail.find(c))
                .min()?;
            let label = plain_label(tail[..close].trim());
            self.at += close;
            let rest = self.rest();
            let len = rest
                .find(|c: char| !matches!(c, '-' | '=' | '.' | '>' | 'o' | 'x'))
                .unwrap_or(rest.len());
            self.at += len;
            return Some(label);
        }
        self.skip_space();
        if let Some(body) = self.rest().strip_prefix('|')
            && let Some(close) = body.find('|')
        {
            let label = plain_label(body[..close].trim_matches('"'));
            self.at += close + 2;
            return Some(label);
        }
        Some(String::new())
    }
}

/// The opening and closing brackets of a node shape at the start of `rest`.
fn shape_brackets(rest: &str) -> Option<(&'static str, &'static str)> {
    const SHAPES: &[(&str, &str)] = &[
        ("(((", ")))"),
        ("([", "])"),
        ("[[", "]]"),
        ("[(", ")]"),
        ("((", "))"),
        ("{{", "}}"),
        ("[/", "/]"),
        ("[\\", "\\]"),
        ("[/", "\\]"),
        ("[\\", "/]"),
        ("[", "]"),
        ("(", ")"),
        ("{", "}"),
        (">", "]"),
    ];
    SHAPES
        .iter()
        .copied()
        .find(|(open, _)| rest.starts_with(open))
}

/// Mermaid's Markdown strings (`"` + backticks) and `fa:fa-user` icons in labels.
fn strip_markdown(text: &str) -> String {
    let text = text.trim_matches('`');
    text.split_whitespace()
        .filter(|w| !w.starts_with("fa:") && !w.starts_with("fab:"))
        .collect::<Vec<_>>()
        .join(" ")
        .replace("**", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes() -> &'static Shapes {
        Shapes::builtin().expect("shapes")
    }

    #[test]
    fn flowchart_nodes_links_and_subgraphs() {
        let text = "flowchart LR\n  U[Clinic staff] -->|HTTPS| ALB(Application Load Balancer)\n  subgraph vpc [VPC]\n    subgraph az1 [Availability Zone 1]\n      ALB --> L[\"AWS Lambda\"] & Q[(Amazon SQS)]\n    end\n  end\n  L -- writes --> DB[(Amazon DynamoDB)]\n";
        let model = parse(text, shapes());
        let page = &model.pages[0];
        let labels: Vec<&str> = page.nodes.iter().map(|n| n.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Clinic staff",
                "Application Load Balancer",
                "VPC",
                "Availability Zone 1",
                "AWS Lambda",
                "Amazon SQS",
                "Amazon DynamoDB"
            ]
        );
        assert_eq!(page.edges.len(), 4);
        assert_eq!(page.edges[0].label, "HTTPS");
        assert_eq!(page.edges[3].label, "writes");
        let lambda = &page.nodes[4];
        assert_eq!(
            page.nodes[lambda.parent.unwrap()].label,
            "Availability Zone 1"
        );
        let span = lambda.label_span.clone().unwrap();
        assert_eq!(&text[span], "AWS Lambda");
        assert_eq!(page.nodes[2].kind, Some(super::super::Kind::Vpc));
    }

    #[test]
    fn one_line_graphs_and_other_diagram_types() {
        let model = parse("graph TD; A-->B", shapes());
        assert_eq!(model.pages[0].edges.len(), 1);
        assert!(
            parse("sequenceDiagram\n A->>B: hi\n", shapes())
                .pages
                .is_empty()
        );
    }

    #[test]
    fn architecture_beta() {
        let text = "architecture-beta\n    group api(cloud)[API]\n    group vpc(logos:aws-vpc)[VPC] in api\n    service db(logos:aws-aurora)[Database] in vpc\n    service server(aws:lambda)[Server] in vpc\n    service users(internet)[Users]\n    db:L -- R:server\n    users:R --> L:server{group}\n";
        let model = parse(text, shapes());
        let page = &model.pages[0];
        let db = page.nodes.iter().find(|n| n.id == "db").unwrap();
        assert_eq!(db.product.as_deref(), Some("aurora"));
        assert_eq!(page.nodes[db.parent.unwrap()].label, "VPC");
        let server = page.nodes.iter().find(|n| n.id == "server").unwrap();
        assert_eq!(server.product.as_deref(), Some("lambda"));
        assert_eq!(page.edges.len(), 2);
        let span = db.label_span.clone().unwrap();
        assert_eq!(&text[span], "Database");
    }
}
