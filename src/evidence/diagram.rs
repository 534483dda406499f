//! Architecture diagrams (PS-001): an image in the scope, a link to an image or diagram
//! file, or a Mermaid / PlantUML block. Logos, photos and screenshots (by their alt text
//! or file name) are not diagrams. A diagram counts when it has alt text and, for a
//! relative path, its file exists.

use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

use super::text::tokens;
use super::{Env, Scope};
use crate::document::LinkKind;

const VOCABULARY: &str = include_str!("../../lexicon/evidence/diagram.toml");

/// `lexicon/evidence/diagram.toml`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Vocabulary {
    not_diagram_words: Vec<String>,
    image_extensions: Vec<String>,
    diagram_file_extensions: Vec<String>,
    diagram_fences: Vec<String>,
    text_fences: Vec<String>,
    min_text_diagram_lines: usize,
    connectors: Vec<String>,
    diagram_words: Vec<String>,
}

static WORDS: LazyLock<Vocabulary> = LazyLock::new(|| {
    // Embedded at build time and parsed by the unit tests: cannot fail in a release.
    toml::from_str(VOCABULARY)
        .unwrap_or_else(|err| panic!("lexicon/evidence/diagram.toml is not valid: {err}"))
});

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
    /// Named in the text ("attached as `acme.png`") rather than linked: when its file is not
    /// beside the document it may still be in the submission, so its absence is a doubt.
    pub named_only: bool,
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
        } else if link.kind == LinkKind::FileName {
            target_problem(&link.destination, env).map(|_| {
                format!(
                    "the diagram `{file}` named here is not beside the case study: keep the file next to it, or link it as an image, so that it can be checked and goes with the submission"
                )
            })
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
            named_only: link.kind == LinkKind::FileName,
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
    let w = &*WORDS;
    let diagram_file =
        w.diagram_file_extensions.contains(&ext) || w.image_extensions.contains(&ext);
    if !link.is_image && !diagram_file {
        return false;
    }
    let own_words = format!("{} {}", link.text, file.replace(['-', '_', '.'], " "));
    !has_word(&own_words, &w.not_diagram_words)
}

/// Whether a file name written in code in `sentence` is an architecture diagram attached
/// with the document: an image or drawing by its extension, or a document file (a PDF, a
/// Visio drawing) that the sentence calls a diagram.
pub fn names_diagram_file(name: &str, sentence: &str) -> bool {
    let w = &*WORDS;
    let ext = extension(name);
    crate::diagram::is_diagram_file(name)
        || w.diagram_file_extensions.contains(&ext) && has_word(sentence, &w.diagram_words)
}

fn has_word(text: &str, words: &[String]) -> bool {
    tokens(text).iter().any(|t| words.iter().any(|w| t.is(w)))
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

/// Fenced code blocks inside `span` that are diagrams: a diagram language (Mermaid,
/// PlantUML, Graphviz, …), or boxes and arrows drawn in text.
fn fenced_diagrams(source: &str, span: Range<usize>) -> Vec<Diagram> {
    let Some(text) = source.get(span.clone()) else {
        return Vec::new();
    };
    let w = &*WORDS;
    let mut out = Vec::new();
    let mut offset = span.start;
    // The open block: its opening line's span, fence, language and connector lines.
    let mut open: Option<(Range<usize>, String, String, usize)> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let fence: String = trimmed
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        let is_fence =
            indent <= 3 && fence.len() >= 3 && fence.chars().all(|c| fence.starts_with(c));
        match &mut open {
            Some((_, opened, _, _))
                if is_fence
                    && fence.starts_with(opened.as_str())
                    && trimmed[fence.len()..].trim().is_empty() =>
            {
                if let Some((at, _, info, drawn)) = open.take()
                    && (w.diagram_fences.contains(&info)
                        || (info.is_empty() || w.text_fences.contains(&info))
                            && drawn >= w.min_text_diagram_lines)
                {
                    out.push(Diagram {
                        span: at,
                        label: if w.diagram_fences.contains(&info) {
                            format!("{info} diagram")
                        } else {
                            "diagram drawn in text".to_string()
                        },
                        destination: String::new(),
                        problem: None,
                        named_only: false,
                    });
                }
            }
            Some((_, _, _, drawn)) if w.connectors.iter().any(|c| line.contains(c.as_str())) => {
                *drawn += 1;
            }
            Some(_) => {}
            None if is_fence => {
                let info = trimmed[fence.len()..]
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .trim_matches(['{', '}', '.'])
                    .to_ascii_lowercase();
                open = Some((offset..offset + line.trim_end().len(), fence, info, 0));
            }
            None => {}
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
        assert!(
            missing[0]
                .1
                .as_deref()
                .unwrap()
                .contains("is not beside the case study")
        );
    }

    #[test]
    fn diagrams_drawn_in_text_and_in_diagram_languages() {
        let yes = |_: &Path| true;
        let drawn = "Text version:\n\n```\nBrowser --> CloudFront --> ALB\n   |\n   v\nECS tasks -> Aurora\n```\n";
        assert_eq!(
            found(drawn, &yes),
            [("diagram drawn in text".to_string(), None)]
        );
        let boxes = "~~~text\n┌──────┐\n│ ALB  │\n└──┬───┘\n~~~\n";
        assert_eq!(found(boxes, &yes).len(), 1);
        assert_eq!(found("```d2\nweb -> api\n```\n", &yes).len(), 1);
    }

    #[test]
    fn code_that_is_no_drawing() {
        let yes = |_: &Path| true;
        for text in [
            "```\nfn main() -> u32 { 1 }\n```\n",
            "```rust\nfn a() -> u32 { 1 }\nfn b() -> u32 { 2 }\n```\n",
            "```\naws s3 ls\naws ecs list-tasks\n```\n",
            // An unclosed block is not read.
            "```\na -> b\nc -> d\n",
        ] {
            assert!(found(text, &yes).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_document_file_named_in_code_counts_when_called_a_diagram() {
        assert!(names_diagram_file(
            "acme.pdf",
            "The architecture diagram is `acme.pdf`."
        ));
        assert!(names_diagram_file("acme.png", "Attached: `acme.png`."));
        assert!(!names_diagram_file(
            "pricing.pdf",
            "Download `pricing.pdf` for prices."
        ));
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
