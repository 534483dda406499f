//! What the extraction knows about markup other than Markdown (`lexicon/markup.toml`):
//! which HTML elements hold running text, which hide it, which MDX components and template
//! tags hold code.

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::Deserialize;

const MARKUP_TOML: &str = include_str!("../../lexicon/markup.toml");

#[derive(Debug, Deserialize)]
struct Raw {
    html: RawHtml,
    mdx: RawMdx,
    templates: RawTemplates,
    front_matter: RawFrontMatter,
}

#[derive(Debug, Deserialize)]
struct RawFrontMatter {
    prose_keys: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct RawHtml {
    text: Vec<String>,
    void: Vec<String>,
    hidden: Vec<String>,
    blocks: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct RawMdx {
    hidden_component_words: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct RawTemplates {
    code_blocks: Vec<String>,
    code_shortcodes: Vec<String>,
}

pub(super) struct Markup {
    text: HashSet<String>,
    void: HashSet<String>,
    hidden: HashSet<String>,
    blocks: HashSet<String>,
    hidden_component_words: Vec<String>,
    pub code_blocks: Vec<String>,
    pub code_shortcodes: Vec<String>,
    /// Front-matter keys whose values a reader sees, read as prose in plain docs.
    pub front_matter_prose_keys: Vec<String>,
}

/// How an element's content is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ElementClass {
    /// Running text; `block` when its start and end separate blocks of text.
    Text { block: bool },
    /// No content (`<br>`, `<img>`); `block` when it separates text (`<br>`, `<hr>`).
    Void { block: bool },
    /// Code, data or invisible: nothing inside is prose.
    Hidden,
}

/// Loaded once; the file is part of the binary and checked by a unit test.
pub(super) static MARKUP: LazyLock<Markup> = LazyLock::new(|| {
    let raw: Raw = toml::from_str(MARKUP_TOML).unwrap_or_else(|error| {
        // The embedded file is tested; an empty configuration keeps every element out.
        debug_assert!(false, "lexicon/markup.toml: {error}");
        Raw {
            html: RawHtml {
                text: Vec::new(),
                void: Vec::new(),
                hidden: Vec::new(),
                blocks: Vec::new(),
            },
            mdx: RawMdx {
                hidden_component_words: Vec::new(),
            },
            templates: RawTemplates {
                code_blocks: Vec::new(),
                code_shortcodes: Vec::new(),
            },
            front_matter: RawFrontMatter {
                prose_keys: Vec::new(),
            },
        }
    });
    let set = |names: Vec<String>| names.into_iter().map(|n| n.to_ascii_lowercase()).collect();
    Markup {
        text: set(raw.html.text),
        void: set(raw.html.void),
        hidden: set(raw.html.hidden),
        blocks: set(raw.html.blocks),
        hidden_component_words: raw
            .mdx
            .hidden_component_words
            .into_iter()
            .map(|w| w.to_ascii_lowercase())
            .collect(),
        code_blocks: raw.templates.code_blocks,
        code_shortcodes: raw.templates.code_shortcodes,
        front_matter_prose_keys: raw.front_matter.prose_keys,
    }
});

impl Markup {
    /// How an element is read. `components` is true in MDX, where a capitalised name is a
    /// component whose children are prose (unless the name says it shows code).
    pub fn class(&self, name: &str, components: bool) -> ElementClass {
        if components && name.starts_with(|c: char| c.is_ascii_uppercase()) {
            let lower = name.to_ascii_lowercase();
            if self
                .hidden_component_words
                .iter()
                .any(|w| lower.contains(w.as_str()))
            {
                return ElementClass::Hidden;
            }
            return ElementClass::Text { block: true };
        }
        let lower = name.to_ascii_lowercase();
        let block = self.blocks.contains(&lower);
        if self.void.contains(&lower) {
            ElementClass::Void { block }
        } else if self.text.contains(&lower) {
            ElementClass::Text { block }
        } else {
            // Hidden elements and every element caselint does not know.
            ElementClass::Hidden
        }
    }

    /// Listed as hidden (code, script, …), as opposed to merely unknown.
    pub fn is_listed_hidden(&self, name: &str) -> bool {
        self.hidden.contains(&name.to_ascii_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_file_loads_and_classifies() {
        let raw: Result<Raw, _> = toml::from_str(MARKUP_TOML);
        assert!(raw.is_ok(), "{raw:?}");
        let m = &*MARKUP;
        assert_eq!(m.class("p", false), ElementClass::Text { block: true });
        assert_eq!(m.class("SPAN", false), ElementClass::Text { block: false });
        assert_eq!(m.class("br", false), ElementClass::Void { block: true });
        assert_eq!(m.class("img", false), ElementClass::Void { block: false });
        assert_eq!(m.class("code", false), ElementClass::Hidden);
        assert_eq!(m.class("cwdb-action", false), ElementClass::Hidden);
        assert_eq!(m.class("Tabs", false), ElementClass::Hidden);
        assert_eq!(m.class("Tabs", true), ElementClass::Text { block: true });
        assert_eq!(m.class("CodeBlock", true), ElementClass::Hidden);
        assert!(m.is_listed_hidden("kbd"));
        assert!(!m.is_listed_hidden("cwdb-action"));
        assert!(m.code_blocks.iter().any(|t| t == "raw"));
        // No element is in two of the three classes.
        for name in &m.hidden {
            assert!(!m.text.contains(name) && !m.void.contains(name), "{name}");
        }
        for name in &m.blocks {
            assert!(m.text.contains(name) || m.void.contains(name), "{name}");
        }
    }
}
