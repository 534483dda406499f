//! Diagram sources → a small diagram model: pages of labelled nodes (shapes and
//! containers, with the AWS product a shape shows) and the edges between them.
//!
//! Read: draw.io / diagrams.net files (`.drawio`, `.drawio.xml`; plain or compressed
//! pages), PNG exports carrying the diagram in a `tEXt`/`zTXt`/`iTXt` chunk keyed `mxfile`,
//! SVG exports carrying it in the root's `content` attribute, plain SVG (its text only),
//! and Mermaid (flowchart / graph with subgraphs, `architecture-beta`). [`load_file`] and
//! [`load_linked`] do the I/O for the rules, which only read [`Loaded`].

mod drawio;
mod mermaid;
mod png;
pub mod shapes;
mod svg;

use std::ops::Range;
use std::path::{Path, PathBuf};

pub use mermaid::parse as parse_mermaid;
pub use shapes::{Kind, Shapes};

/// What a diagram is made of, as far as the checks care.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    pub pages: Vec<Page>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// The page's name in draw.io ("Page-1"); empty for single-page sources.
    pub name: String,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Node {
    /// The cell id (draw.io) or node id (Mermaid).
    pub id: String,
    /// The label as a reader sees it: HTML tags removed, entities decoded, lines joined.
    pub label: String,
    /// Index of the containing node in [`Page::nodes`].
    pub parent: Option<usize>,
    /// The shape's library name (`mxgraph.aws4.lambda`, `aws:lambda`), when it has one.
    pub shape: Option<String>,
    /// The lexicon product id the shape shows (`lambda`), from [`Shapes`].
    pub product: Option<String>,
    /// What the node is, when its shape or label says (a VPC, a subnet, users).
    pub kind: Option<Kind>,
    /// Whether it groups other nodes (a draw.io container or group, a Mermaid subgraph).
    pub container: bool,
    /// Byte range of the label in the text parsed (Mermaid only: the text is the
    /// document's own, so findings can point at it).
    pub label_span: Option<Range<usize>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Edge {
    pub id: String,
    pub label: String,
    /// Indexes into [`Page::nodes`].
    pub source: Option<usize>,
    pub target: Option<usize>,
}

impl Model {
    pub fn nodes(&self) -> impl Iterator<Item = (&Page, &Node)> {
        self.pages
            .iter()
            .flat_map(|p| p.nodes.iter().map(move |n| (p, n)))
    }

    pub fn edge_count(&self) -> usize {
        self.pages.iter().map(|p| p.edges.len()).sum()
    }
}

impl Page {
    /// The containers around node `index`, innermost first.
    pub fn ancestors(&self, index: usize) -> impl Iterator<Item = &Node> {
        let mut at = self.nodes.get(index).and_then(|n| n.parent);
        let mut steps = 0;
        std::iter::from_fn(move || {
            // A cycle in a broken file must not loop forever.
            steps += 1;
            let node = self.nodes.get(at?)?;
            at = if steps > self.nodes.len() {
                None
            } else {
                node.parent
            };
            Some(node)
        })
    }
}

/// The sort of source a diagram was read from, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Drawio,
    DrawioPng,
    DrawioSvg,
    Svg,
    Mermaid,
}

/// Limits on what is read, so a huge or hostile file cannot stall a run.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest diagram file read at all.
    pub max_file_bytes: u64,
    /// Largest amount of XML one file may inflate to, all pages together (a deflate bomb
    /// stops here).
    pub max_inflated_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 20 * 1024 * 1024,
            max_inflated_bytes: 64 * 1024 * 1024,
        }
    }
}

/// What became of one diagram the document references.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Read(Format, Model),
    /// A raster image with no diagram inside: nothing to read.
    Raster,
    /// The file is there but could not be read: why, in plain words.
    Failed(String),
}

/// One diagram of a document and what was read from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// Byte range of the image, link or code block in the document.
    pub span: Range<usize>,
    /// How a writer finds it: the path as written, or "the Mermaid diagram on line 12".
    pub name: String,
    pub outcome: Outcome,
}

/// File name endings read as diagrams (lower case). Raster images are opened only to
/// look for an embedded draw.io diagram.
const DRAWIO_ENDINGS: &[&str] = &[".drawio", ".drawio.xml", ".dio", ".xml"];
const PNG_ENDINGS: &[&str] = &[".png"];
const SVG_ENDINGS: &[&str] = &[".svg"];
const RASTER_ENDINGS: &[&str] = &[".jpg", ".jpeg", ".gif", ".webp", ".avif"];

/// Whether a link target's file name is one [`load_file`] reads.
pub fn is_diagram_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [DRAWIO_ENDINGS, PNG_ENDINGS, SVG_ENDINGS, RASTER_ENDINGS]
        .iter()
        .any(|endings| endings.iter().any(|e| lower.ends_with(e)))
}

/// Reads one diagram file. `shown` is the name used in messages.
pub fn load_file(path: &Path, shown: &str, limits: &Limits, shapes: &Shapes) -> Outcome {
    let size = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) => return Outcome::Failed(format!("`{shown}` could not be opened: {e}")),
    };
    if size > limits.max_file_bytes {
        return Outcome::Failed(format!(
            "`{shown}` is {} MB, over the {} MB caselint reads for a diagram: export a smaller file (draw.io: File > Export as, without a high zoom)",
            size / (1024 * 1024),
            limits.max_file_bytes / (1024 * 1024)
        ));
    }
    match std::fs::read(path) {
        Ok(bytes) => load_bytes(&bytes, shown, limits, shapes),
        Err(e) => Outcome::Failed(format!("`{shown}` could not be read: {e}")),
    }
}

/// [`load_file`] on bytes already read; the format is told by the content, then by the
/// name (`shown`).
pub fn load_bytes(bytes: &[u8], shown: &str, limits: &Limits, shapes: &Shapes) -> Outcome {
    let lower = shown.to_ascii_lowercase();
    let fail = |why: String| Outcome::Failed(format!("`{shown}` {why}"));
    if bytes.starts_with(png::SIGNATURE) {
        return match png::embedded_mxfile(bytes, limits) {
            Ok(Some(xml)) => match drawio::parse(&xml, limits, shapes) {
                Ok(model) => Outcome::Read(Format::DrawioPng, model),
                Err(e) => fail(format!("holds a draw.io diagram that cannot be read: {e}")),
            },
            Ok(None) => Outcome::Raster,
            Err(e) => fail(format!("is not a readable PNG image: {e}")),
        };
    }
    if RASTER_ENDINGS.iter().any(|e| lower.ends_with(e)) || looks_raster(bytes) {
        return Outcome::Raster;
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return fail(
            "is neither a PNG image nor UTF-8 text, so it cannot be read as a diagram".into(),
        );
    };
    let text = text.trim_start_matches('\u{feff}');
    let head = text.trim_start();
    let is_svg = SVG_ENDINGS.iter().any(|e| lower.ends_with(e)) || head_has(head, "<svg");
    if is_svg {
        return match svg::read(text, limits, shapes) {
            Ok((true, model)) => Outcome::Read(Format::DrawioSvg, model),
            Ok((false, model)) => Outcome::Read(Format::Svg, model),
            Err(e) => fail(format!("cannot be read as SVG: {e}")),
        };
    }
    if head.starts_with('<') {
        return match drawio::parse(text, limits, shapes) {
            Ok(model) => Outcome::Read(Format::Drawio, model),
            Err(e) => fail(format!("cannot be read as a draw.io diagram: {e}")),
        };
    }
    if lower.ends_with(".mmd") || lower.ends_with(".mermaid") {
        return Outcome::Read(Format::Mermaid, mermaid::parse(text, shapes));
    }
    fail("is not a draw.io, SVG or PNG diagram".into())
}

/// The next XML event, or where the XML breaks, in words for the writer.
fn next_event<'a>(
    reader: &mut quick_xml::reader::Reader<&'a [u8]>,
) -> Result<quick_xml::events::Event<'a>, String> {
    reader.read_event().map_err(|e| {
        format!(
            "the XML is broken near byte {}: {e}",
            reader.buffer_position()
        )
    })
}

fn head_has(head: &str, tag: &str) -> bool {
    let start = head.get(..head.len().min(4096)).unwrap_or(head);
    start.contains(tag)
}

/// JPEG, GIF, WebP signatures: pictures, never a diagram source.
fn looks_raster(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"GIF8")
        || (bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP")
}

/// Every diagram `doc` references as a local file or embeds as a Mermaid block, read.
/// `folder` is the document's folder; a target that is not there is left to the
/// `diagram` detector, which reports it.
pub fn load_linked(
    doc: &crate::document::Document,
    folder: &Path,
    limits: &Limits,
    shapes: &Shapes,
) -> Vec<Loaded> {
    let mut out = Vec::new();
    let body = doc.body_start..doc.source.len();
    for link in &doc.links {
        let Some(path) = local_target(&link.destination) else {
            continue;
        };
        let name = path.to_string_lossy().to_string();
        if !is_diagram_file(&name) || !crate::evidence::is_diagram_link(link) {
            continue;
        }
        let full = folder.join(&path);
        if !full.is_file() {
            continue;
        }
        out.push(Loaded {
            span: link.span.clone(),
            name: name.clone(),
            outcome: load_file(&full, &name, limits, shapes),
        });
    }
    out.extend(mermaid_blocks(&doc.source, body, shapes));
    out.sort_by_key(|l| l.span.start);
    out
}

/// A relative link target as a path: no scheme, no `#fragment` or `?query`, `%20`
/// decoded.
fn local_target(destination: &str) -> Option<PathBuf> {
    let bare = destination.trim().split(['#', '?']).next()?;
    if bare.is_empty() || bare.contains("://") || bare.starts_with("//") || bare.contains(':') {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(bare)
        .decode_utf8()
        .ok()?;
    let path = PathBuf::from(decoded.as_ref());
    (!path.is_absolute()).then_some(path)
}

/// Fenced ```mermaid blocks inside `span`, parsed; label spans are made absolute.
pub fn mermaid_blocks(source: &str, span: Range<usize>, shapes: &Shapes) -> Vec<Loaded> {
    let mut out = Vec::new();
    let Some(text) = source.get(span.clone()) else {
        return out;
    };
    let mut offset = span.start;
    let mut open: Option<(usize, usize, String, usize)> = None; // fence start, body start, fence, line
    let first_line = source[..span.start].matches('\n').count() + 1;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let line_no = first_line + n;
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        match &open {
            None => {
                if indent <= 3 && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
                    let fence: String = trimmed
                        .chars()
                        .take_while(|c| *c == '`' || *c == '~')
                        .collect();
                    let info = trimmed[fence.len()..].trim();
                    let lang = info
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .trim_matches(['{', '}', '.']);
                    if lang.eq_ignore_ascii_case("mermaid") {
                        open = Some((offset, offset + line.len(), fence, line_no));
                    }
                }
            }
            Some((start, body, fence, at)) => {
                if indent <= 3
                    && trimmed.trim_end().starts_with(fence.as_str())
                    && trimmed
                        .trim_end()
                        .trim_start_matches(fence.chars().next().unwrap_or('`'))
                        .is_empty()
                {
                    let fence_line_end = source[*start..*body].trim_end().len() + start;
                    let mut model = mermaid::parse(&source[*body..offset], shapes);
                    for page in &mut model.pages {
                        for node in &mut page.nodes {
                            if let Some(r) = &node.label_span {
                                node.label_span = Some(r.start + body..r.end + body);
                            }
                        }
                    }
                    out.push(Loaded {
                        span: *start..fence_line_end,
                        name: format!("the Mermaid diagram on line {at}"),
                        outcome: Outcome::Read(Format::Mermaid, model),
                    });
                    open = None;
                }
            }
        }
        offset += line.len();
    }
    out
}

/// A label as a reader sees it: draw.io labels with `html=1` hold HTML.
pub(crate) fn plain_label(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with('<') {
            let end = tail.find('>').map_or(tail.len(), |e| e + 1);
            let tag = tail[1..end.saturating_sub(1).max(1)].trim_start_matches('/');
            let name: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if matches!(
                name.as_str(),
                "br" | "div" | "p" | "li" | "tr" | "td" | "h1" | "h2" | "h3" | "h4"
            ) {
                out.push(' ');
            }
            rest = &tail[end..];
        } else {
            let end = tail[..tail.len().min(12)].find(';');
            match end.and_then(|e| decode_entity(&tail[1..e]).map(|c| (c, e))) {
                Some((c, e)) => {
                    out.push(c);
                    rest = &tail[e + 1..];
                }
                None => {
                    out.push('&');
                    rest = &tail[1..];
                }
            }
        }
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn decode_entity(name: &str) -> Option<char> {
    match name {
        "nbsp" => Some(' '),
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/diagrams")
            .join(name);
        std::fs::read(path).expect("fixture")
    }

    fn read(name: &str) -> (Format, Model) {
        let shapes = Shapes::builtin().expect("shapes");
        match load_bytes(&fixture(name), name, &Limits::default(), shapes) {
            Outcome::Read(format, model) => (format, model),
            other => panic!("{name}: {other:?}"),
        }
    }

    #[test]
    fn every_draw_io_format_gives_the_same_model() {
        let (format, plain) = read("architecture.drawio");
        assert_eq!(format, Format::Drawio);
        assert_eq!(plain.pages.len(), 1);
        assert_eq!(plain.pages[0].name, "Architecture");
        for (name, expected) in [
            ("architecture-compressed.drawio", Format::Drawio),
            ("architecture.drawio.png", Format::DrawioPng),
            ("architecture-ztxt.drawio.png", Format::DrawioPng),
            ("architecture.drawio.svg", Format::DrawioSvg),
        ] {
            let (format, model) = read(name);
            assert_eq!(format, expected, "{name}");
            assert_eq!(model, plain, "{name}");
        }
        let page = &plain.pages[0];
        let lambda = page
            .nodes
            .iter()
            .find(|n| n.id == "lambda")
            .expect("lambda");
        assert_eq!(lambda.label, "AWS Lambda");
        assert_eq!(lambda.product.as_deref(), Some("lambda"));
        let aurora = page
            .nodes
            .iter()
            .find(|n| n.id == "aurora")
            .expect("aurora");
        let around: Vec<Option<Kind>> = page
            .nodes
            .iter()
            .enumerate()
            .find(|(_, n)| n.id == "aurora")
            .map(|(i, _)| page.ancestors(i).map(|a| a.kind).collect())
            .unwrap_or_default();
        assert_eq!(aurora.product.as_deref(), Some("aurora"));
        assert_eq!(
            around,
            [
                Some(Kind::Subnet),
                Some(Kind::AvailabilityZone),
                Some(Kind::Vpc),
                Some(Kind::Region),
                Some(Kind::AwsCloud)
            ]
        );
        assert_eq!(page.edges.len(), 10);
        let staff = page.nodes.iter().find(|n| n.id == "staff").expect("staff");
        assert_eq!(staff.kind, Some(Kind::Outside));
        assert_eq!(
            page.nodes
                .iter()
                .find(|n| n.id == "pms")
                .map(|n| n.label.as_str()),
            Some("Practice-management system (third-party SaaS)")
        );
    }

    #[test]
    fn pictures_broken_files_and_bombs() {
        let shapes = Shapes::builtin().expect("shapes");
        let limits = Limits::default();
        assert_eq!(
            load_bytes(&fixture("picture-only.png"), "a.png", &limits, shapes),
            Outcome::Raster
        );
        assert_eq!(
            load_bytes(&[0xFF, 0xD8, 0xFF, 0xE0], "a.jpg", &limits, shapes),
            Outcome::Raster
        );
        let Outcome::Failed(why) =
            load_bytes(&fixture("broken.drawio"), "broken.drawio", &limits, shapes)
        else {
            panic!("broken.drawio read");
        };
        assert!(why.starts_with("`broken.drawio`"), "{why}");
        let small = Limits {
            max_inflated_bytes: 1000,
            ..limits
        };
        let Outcome::Failed(why) = load_bytes(
            &fixture("architecture-compressed.drawio"),
            "x.drawio",
            &small,
            shapes,
        ) else {
            panic!("the limit was not applied");
        };
        assert!(why.contains("inflates to more than"), "{why}");
    }

    #[test]
    fn plain_svg_gives_its_text_and_labels_lose_their_html() {
        let shapes = Shapes::builtin().expect("shapes");
        let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><text>Private subnet</text><text>Amazon&#160;S3</text></svg>";
        let Outcome::Read(Format::Svg, model) =
            load_bytes(svg, "a.svg", &Limits::default(), shapes)
        else {
            panic!("svg");
        };
        let labels: Vec<&str> = model.nodes().map(|(_, n)| n.label.as_str()).collect();
        assert_eq!(labels, ["Private subnet", "Amazon S3"]);
        assert_eq!(
            plain_label("<b>AWS</b>&nbsp;Lambda<br>function"),
            "AWS Lambda function"
        );
    }
}
