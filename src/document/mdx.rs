//! MDX syntax that is code: `import` / `export` blocks, JSX tags with their props,
//! `{expressions}` and `{/* comments */}`. The text children of components stay prose,
//! except inside components whose name says they show code (`lexicon/markup.toml`).

use std::ops::Range;

use super::html::{Token, markup_at, skip_braces};
use super::markup::{ElementClass, MARKUP};
use super::mask::{Found, crosses_blank_line, in_fence, token_limit};

/// Masks JSX tags, expressions and comments of an `.mdx` body outside fenced code.
pub(super) fn scan(source: &str, body_start: usize, fences: &[Range<usize>], found: &mut Found) {
    let bytes = source.as_bytes();
    let mut i = body_start.min(bytes.len());
    while let Some(offset) = memchr::memchr2(b'{', b'<', &bytes[i..]) {
        let at = i + offset;
        i = at + 1;
        if in_fence(fences, at) || inside_inline_code(source, at) {
            continue;
        }
        let end = if bytes[at] == b'{' {
            expression_end(source, at)
        } else {
            element_end(source, at)
        };
        if let Some(end) = end {
            found.ranges.push(at..end);
            i = end;
        }
    }
}

/// Whether `at` is inside a `` `code span` `` on its line (an odd number of backticks
/// before it on the line): `` `{` `` or `` `<div>` `` in MDX text is not syntax.
fn inside_inline_code(source: &str, at: usize) -> bool {
    let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    source.as_bytes()[line_start..at]
        .iter()
        .filter(|b| **b == b'`')
        .count()
        % 2
        == 1
}

/// The end of the `{expression}` at `at`: balanced, within one paragraph, no template
/// literal (a backtick is more likely inline code around a brace).
fn expression_end(source: &str, at: usize) -> Option<usize> {
    let bytes = source.as_bytes();
    let limit = token_limit(source, at);
    if bytes[at..].starts_with(b"{/*") {
        let close = memchr::memmem::find(&bytes[at..limit], b"*/}")?;
        return Some(at + close + 3);
    }
    let end = skip_braces(&bytes[..limit], at)?;
    (!source[at..end].contains('`') && !crosses_blank_line(source, at..end)).then_some(end)
}

/// The end of the JSX tag at `at`; for a component or element that shows code, the end
/// of its closing tag (the whole element is code).
fn element_end(source: &str, at: usize) -> Option<usize> {
    let window = &source[at..token_limit(source, at)];
    let line_window = match window.find("\n\n") {
        Some(i) => &window[..i],
        None => window,
    };
    let Token::Tag {
        name,
        end,
        self_closing,
        range,
    } = markup_at(line_window.as_bytes(), 0, true)?
    else {
        return None;
    };
    if range.start != 0 {
        return None;
    }
    let tag_end = at + range.end;
    let name = &line_window[name];
    if end || self_closing || name.is_empty() {
        return Some(tag_end);
    }
    let hidden_component = name.starts_with(|c: char| c.is_ascii_uppercase())
        && MARKUP.class(name, true) == ElementClass::Hidden;
    if hidden_component || MARKUP.is_listed_hidden(name) {
        let closing = format!("</{name}");
        if let Some(close) = source[tag_end..].find(&closing) {
            let close_at = tag_end + close;
            let gt = source[close_at..].find('>')?;
            return Some(close_at + gt + 1);
        }
    }
    Some(tag_end)
}

/// Whether a top-level paragraph is an MDX `import` / `export` block. In `.mdx` the first
/// word decides; in plain Markdown (Docusaurus reads `.md` as MDX too) every line must
/// look like an import, so a sentence starting "Import …" stays prose.
pub(super) fn is_esm(paragraph: &str, mdx: bool) -> bool {
    let starts = |line: &str, word: &str| {
        line.strip_prefix(word)
            .is_some_and(|rest| rest.starts_with([' ', '{', '*', '\'', '"']))
    };
    if mdx {
        return starts(paragraph, "import") || starts(paragraph, "export");
    }
    paragraph.lines().all(|line| {
        let line = line.trim_end();
        let bare = line
            .strip_prefix("import ")
            .is_some_and(|rest| rest.starts_with(['\'', '"']));
        starts(line, "import")
            && (line.contains(" from ") || bare)
            && line.ends_with(['\'', '"', ';'])
    })
}

#[cfg(test)]
mod tests {
    use super::super::mask::{Flavour, Masks};
    use super::*;

    fn masked(source: &str) -> Vec<String> {
        let masks = Masks::scan(source, 0, Flavour::Mdx);
        masks
            .overlapping(&(0..source.len()))
            .iter()
            .map(|r| source[r.clone()].to_string())
            .collect()
    }

    #[test]
    fn jsx_props_and_expressions() {
        assert_eq!(
            masked(
                "<Tabs groupId=\"os\" values={[{label: 'A > B'}]}>\nText {props.name} here.</Tabs>"
            ),
            [
                "<Tabs groupId=\"os\" values={[{label: 'A > B'}]}>",
                "{props.name}",
                "</Tabs>"
            ]
        );
        assert_eq!(
            masked("a {/* note: `x` */} b <br/>"),
            ["{/* note: `x` */}", "<br/>"]
        );
    }

    #[test]
    fn code_components_are_masked_whole() {
        assert_eq!(
            masked("See <CodeBlock language=\"js\">let a = 1</CodeBlock> and <kbd>Ctrl</kbd>."),
            [
                "<CodeBlock language=\"js\">let a = 1</CodeBlock>",
                "<kbd>Ctrl</kbd>"
            ]
        );
    }

    #[test]
    fn not_syntax() {
        assert!(masked("Use `{` and `<div>` here, 1 < 2.").is_empty());
        assert!(masked("{ open\n\nnever closed }").is_empty());
        assert!(masked("```\n<Tabs>\n```").is_empty());
    }

    #[test]
    fn esm_blocks() {
        assert!(is_esm("import Tabs from '@theme/Tabs';", true));
        assert!(is_esm("export const meta = {\n  a: 1\n}", true));
        assert!(!is_esm("Important text", true));
        assert!(is_esm(
            "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';",
            false
        ));
        assert!(!is_esm("import your data from the console.", false));
        assert!(!is_esm("export the table to CSV", false));
    }
}
