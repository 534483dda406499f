//! Architecture diagrams (PS-001): an image in the scope, a link to an image or diagram
//! file, or a Mermaid / PlantUML block. Logos, photos and screenshots (by their alt text
//! or file name) are not diagrams. A diagram counts when it has alt text and, for a
//! relative path, its file exists.

use std::ops::Range;
use std::path::Path;

use super::text::tokens;
use super::{Env, Scope};

// Word lists below are language, not logic: they may move to `lexicon/` data later.

/// Images that are not diagrams even in an architecture section.
const NOT_DIAGRAM_WORDS: &[&str] = &[
    "logo",
    "logos",
    "icon",
    "badge",
    "headshot",
    "photo",
    "portrait",
    "avatar",
    "banner",
    "screenshot",
];
/// File extensions of images and diagram files.
const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp", "avif"];
const DIAGRAM_FILE_EXTENSIONS: &[&str] = &["drawio", "vsdx", "vsd", "pdf", "excalidraw"];
/// Fenced code blocks that render as diagrams.
const DIAGRAM_FENCES: &[&str] = &["mermaid", "plantuml", "puml", "graphviz", "dot"];

/// A diagram candidate and what is wrong with it, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagram {
    /// Source byte range of the image, link or code block.
    pub span: Range<usize>,
    /// What a reader sees of it: alt text, or the file name.
    pub label: String,
    pub destination: String,
    /// Why it does not count ("the file `img/a.png` is not in the repository").
    pub problem: Option<String>,
}

/// The diagrams in a scope: images and links to image or diagram files (not logos or
/// photos), and diagram code blocks, each with its problem if it has one.
pub fn diagrams(scope: &Scope, env: &Env) -> Vec<Diagram> {
    let doc = scope.doc;
    let mut out = Vec::new();
    for link in doc
        .links
        .iter()
        .filter(|l| l.span.start >= scope.span.start && l.span.end <= scope.span.end)
    {
        if !is_diagram_link(link) {
            continue;
        }
        let file = file_name(&link.destination);
        let no_alt = link.text.trim().is_empty();
        let problem = if link.is_image && no_alt {
            Some(
                "the diagram has no alt text: describe it between the brackets, as in `![Solution architecture](…)`"
                    .to_string(),
            )
        } else {
            target_problem(&link.destination, env)
        };
        out.push(Diagram {
            span: link.span.clone(),
            label: if no_alt {
                file.clone()
            } else {
                link.text.clone()
            },
            destination: link.destination.clone(),
            problem,
        });
    }
    out.extend(fenced_diagrams(&doc.source, scope.span.clone()));
    out
}

/// Whether a link or image reads as a diagram: an image, or a link to an image or
/// diagram file, that is not a logo, photo or screenshot by its text or file name.
pub fn is_diagram_link(link: &crate::document::Link) -> bool {
    let file = file_name(&link.destination);
    let ext = extension(&file);
    let diagram_file =
        DIAGRAM_FILE_EXTENSIONS.contains(&ext.as_str()) || IMAGE_EXTENSIONS.contains(&ext.as_str());
    if !link.is_image && !diagram_file {
        return false;
    }
    let own_words = format!("{} {}", link.text, file.replace(['-', '_', '.'], " "));
    !has_word(&own_words, NOT_DIAGRAM_WORDS)
}

fn has_word(text: &str, words: &[&str]) -> bool {
    tokens(text).iter().any(|t| t.is_any(words))
}

/// The destination without query and fragment, percent-decoded for the common cases.
fn local_path(destination: &str) -> String {
    let end = destination.find(['?', '#']).unwrap_or(destination.len());
    let raw = &destination[..end];
    let bytes = raw.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = raw.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| raw.to_string())
}

fn file_name(destination: &str) -> String {
    let path = local_path(destination);
    path.rsplit('/').next().unwrap_or("").to_string()
}

fn extension(file: &str) -> String {
    file.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

fn is_remote(destination: &str) -> bool {
    let lower = destination.trim().to_ascii_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("//")
        || lower.starts_with("data:image/")
}

/// What is wrong with an image target: empty, or a relative file that does not exist.
fn target_problem(destination: &str, env: &Env) -> Option<String> {
    let trimmed = destination.trim();
    if trimmed.is_empty() {
        return Some("the diagram has no file: add the image's path after the alt text".into());
    }
    if is_remote(trimmed) {
        return None;
    }
    let path = local_path(trimmed);
    if path.is_empty() || (env.asset_exists)(Path::new(&path)) {
        return None;
    }
    Some(format!(
        "the diagram file `{path}` is not there: check the path (it is read relative to this document)"
    ))
}

/// Code blocks fenced as Mermaid, PlantUML or Graphviz inside `span`.
fn fenced_diagrams(source: &str, span: Range<usize>) -> Vec<Diagram> {
    let Some(text) = source.get(span.clone()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut offset = span.start;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if indent <= 3
            && (trimmed.starts_with("```") || trimmed.starts_with("~~~"))
            && let Some(info) = trimmed
                .trim_start_matches(['`', '~'])
                .split_whitespace()
                .next()
            && DIAGRAM_FENCES.contains(
                &info
                    .trim_matches(['{', '}', '.'])
                    .to_ascii_lowercase()
                    .as_str(),
            )
        {
            let end = offset + line.trim_end().len();
            out.push(Diagram {
                span: offset..end,
                label: format!("{} diagram", info.trim_matches(['{', '}', '.'])),
                destination: String::new(),
                problem: None,
            });
        }
        offset += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::lexicon::{Lexicon, NameMatcher};

    fn found(source: &str, exists: &dyn Fn(&Path) -> bool) -> Vec<(String, Option<String>)> {
        let (doc, _) = Document::parse("t.md", source.to_string());
        let lexicon = Lexicon {
            products: Vec::new(),
            terms: Vec::new(),
        };
        let names = NameMatcher::new(&lexicon).unwrap();
        let env = Env {
            names: &names,
            asset_exists: exists,
        };
        let scope = Scope {
            doc: &doc,
            prose: doc.prose.iter().collect(),
            span: doc.body_start..doc.source.len(),
        };
        diagrams(&scope, &env)
            .into_iter()
            .map(|d| (d.label, d.problem))
            .collect()
    }

    #[test]
    fn images_links_to_diagram_files_and_diagram_blocks() {
        let yes = |_: &Path| true;
        assert_eq!(
            found("Intro\n\n![Solution architecture](img/a.png)\n", &yes),
            [("Solution architecture".to_string(), None)]
        );
        let no_alt = found("![](img/acme-arch-diagram.svg)\n", &yes);
        assert_eq!(no_alt[0].0, "acme-arch-diagram.svg");
        assert!(no_alt[0].1.as_deref().unwrap().contains("no alt text"));
        assert_eq!(
            found("## Architecture\n\n![Figure 1](img/x.png)\n", &yes).len(),
            1
        );
        assert_eq!(
            found("The diagram below shows the flow.\n\n![x](x.png)\n", &yes).len(),
            1
        );
        assert_eq!(
            found("See [the architecture](docs/arch.drawio).\n", &yes).len(),
            1
        );
        assert_eq!(
            found("```mermaid\ngraph TD; A-->B\n```\n", &yes),
            [("mermaid diagram".to_string(), None)]
        );
        assert_eq!(
            found("![Architecture](https://example.com/a.png)\n", &|_| false),
            [("Architecture".to_string(), None)]
        );
        // A diagram attached beside the document and named in code, not linked.
        assert_eq!(
            found("The diagram (`acme-architecture.drawio`) shows it.\n", &yes),
            [("acme-architecture.drawio".to_string(), None)]
        );
    }

    #[test]
    fn file_names_in_code_that_are_no_diagrams() {
        let yes = |_: &Path| true;
        for text in [
            "Edit `config.yaml` and `main.rs`.\n",
            "Run `docker build -t a.png .` or open `/tmp/a.png`.\n",
            "The `[diagram](a.png)` syntax and `logo.png` are shown.\n",
        ] {
            assert!(
                found(text, &yes).is_empty(),
                "{text}: {:?}",
                found(text, &yes)
            );
        }
        let missing = found("See `arch.drawio` in this folder.\n", &|_| false);
        assert!(missing[0].1.as_deref().unwrap().contains("is not there"));
    }

    #[test]
    fn not_diagrams() {
        let yes = |_: &Path| true;
        assert!(found("![Acme logo](img/logo.png)\n", &yes).is_empty());
        assert!(found("## Architecture\n\n![Acme logo](img/a.png)\n", &yes).is_empty());
        assert!(found("![Team photo](img/team.jpg)\n", &yes).is_empty());
        assert!(found("Read [our blog](https://x.y/post).\n", &yes).is_empty());
        assert!(found("```python\nprint(1)\n```\n", &yes).is_empty());
    }

    #[test]
    fn missing_files_are_problems() {
        let no = |_: &Path| false;
        let d = found("![Architecture diagram](img/my%20arch.png#v2)\n", &no);
        assert_eq!(d.len(), 1);
        let problem = d[0].1.as_deref().unwrap();
        assert!(problem.contains("`img/my arch.png`"), "{problem}");
        let seen = std::cell::RefCell::new(Vec::new());
        let record = |p: &Path| {
            seen.borrow_mut().push(p.to_path_buf());
            true
        };
        found("![Architecture](./img/a.png?raw=1)\n", &record);
        assert_eq!(seen.borrow().as_slice(), [Path::new("./img/a.png")]);
    }
}
