//! Template syntax in Markdown sources: Liquid / Jinja / Nunjucks (`{{ … }}`, `{% … %}`,
//! `{# … #}`), Hugo shortcodes (`{{< … >}}`, `{{% … %}}`), and kramdown / Pandoc
//! attribute lists (`{: .class}`, `{:toc}`, `{.class}`, `{#id}`). Each tag is masked; the
//! body of a code tag (`{% raw %}`, `{% highlight %}`, `{{< highlight >}}`) is masked whole.

use std::ops::Range;

use super::markup::MARKUP;
use super::mask::{Found, crosses_blank_line, in_fence, token_limit};

/// Masks every template tag of the body outside fenced code.
pub(super) fn scan(source: &str, body_start: usize, fences: &[Range<usize>], found: &mut Found) {
    erb(source, body_start, fences, found);
    let bytes = source.as_bytes();
    let mut i = body_start.min(bytes.len());
    while let Some(offset) = memchr::memchr(b'{', &bytes[i..]) {
        let at = i + offset;
        i = at + 1;
        if in_fence(fences, at) {
            continue;
        }
        let Some(tag) = tag_at(source, at) else {
            continue;
        };
        let mut end = tag.range.end;
        if let Some(close) = code_body_end(source, &tag) {
            end = close;
        }
        found.ranges.push(at..end);
        i = end;
    }
}

/// ERB (Rails, Middleman): `<%= render "partial" %>`, `<% if x %>`, `<%# comment %>`.
fn erb(source: &str, body_start: usize, fences: &[Range<usize>], found: &mut Found) {
    let bytes = source.as_bytes();
    let mut i = body_start.min(bytes.len());
    while let Some(offset) = memchr::memmem::find(&bytes[i..], b"<%") {
        let at = i + offset;
        i = at + 2;
        if in_fence(fences, at) {
            continue;
        }
        let limit = token_limit(source, at);
        let Some(close) = memchr::memmem::find(&bytes[at + 2..limit], b"%>") else {
            continue;
        };
        let end = at + 2 + close + 2;
        if !crosses_blank_line(source, at..end) {
            found.ranges.push(at..end);
            i = end;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `{% name … %}` (Liquid / Jinja statement).
    Statement,
    /// `{{< name … >}}` or `{{% name … %}}` (Hugo shortcode).
    Shortcode,
    /// `{{ … }}`, `{# … #}`, attribute lists.
    Other,
}

#[derive(Debug)]
struct Tag {
    range: Range<usize>,
    kind: Kind,
    /// The tag name (`raw`, `highlight`, `/highlight`), for statements and shortcodes.
    name: Range<usize>,
    /// The closing delimiter (`%}`, `>}}`, `%}}`), for finding the end of a code body.
    close: &'static str,
}

/// The template tag or attribute list starting at `at` (a `{`).
fn tag_at(source: &str, at: usize) -> Option<Tag> {
    let rest = &source.as_bytes()[at..];
    let (open_len, close, kind): (usize, &'static str, Kind) = match rest.get(1..3) {
        Some(b"{<") => (3, ">}}", Kind::Shortcode),
        Some(b"{%") => (3, "%}}", Kind::Shortcode),
        _ => match rest.get(1) {
            Some(b'{') => (2, "}}", Kind::Other),
            Some(b'%') => (2, "%}", Kind::Statement),
            Some(b'#') if rest.get(2).is_some_and(|b| *b == b' ' || *b == b'-') => {
                (2, "#}", Kind::Other)
            }
            // `{#id}`, `{#id .class}`: an attribute list, on one line.
            Some(b'#') | Some(b':') => return attribute_list(source, at),
            // `{/* … */}`: an MDX comment, also in `.md` files that Docusaurus reads as MDX.
            Some(b'/') if rest.get(2) == Some(&b'*') => (3, "*/}", Kind::Other),
            Some(b'.') if rest.get(2).is_some_and(u8::is_ascii_alphabetic) => {
                return attribute_list(source, at);
            }
            _ => return None,
        },
    };
    let limit = token_limit(source, at);
    let body = source.get(at + open_len..limit)?;
    let end = at + open_len + body.find(close)? + close.len();
    let text = &source[at..end];
    if text.contains('`') || crosses_blank_line(source, at..end) {
        return None;
    }
    // The name: after the delimiter, white-space control (`-`, `+`, `~`) and spaces.
    let inner = at + open_len;
    let skip = source[inner..end]
        .bytes()
        .take_while(|b| matches!(b, b' ' | b'\t' | b'-' | b'+' | b'~' | b'\n' | b'\r'))
        .count();
    let name_start = inner + skip;
    let name_len = source[name_start..end]
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'/' | b'-'))
        .count();
    Some(Tag {
        range: at..end,
        kind,
        name: name_start..name_start + name_len,
        close,
    })
}

/// `{: …}`, `{::…}`, `{#id …}`, `{.class …}` closed on the same line.
fn attribute_list(source: &str, at: usize) -> Option<Tag> {
    let rest = &source[at..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let close = rest[..line_end].find('}')?;
    let inner = &rest[1..close];
    // An attribute list holds names, `#id`, `.class`, `key="value"`: no sentence.
    if inner.contains('{') || inner.len() > 200 {
        return None;
    }
    Some(Tag {
        range: at..at + close + 1,
        kind: Kind::Other,
        name: at..at,
        close: "}",
    })
}

/// For a code tag (`{% raw %}`, `{{< highlight go >}}`), the end of its closing tag.
fn code_body_end(source: &str, tag: &Tag) -> Option<usize> {
    let name = source.get(tag.name.clone())?;
    let list = match tag.kind {
        Kind::Statement => &MARKUP.code_blocks,
        Kind::Shortcode => &MARKUP.code_shortcodes,
        Kind::Other => return None,
    };
    if !list.iter().any(|n| n.eq_ignore_ascii_case(name)) {
        return None;
    }
    // Self-closing shortcodes (`{{< highlight … />}}`) have no body.
    if source[..tag.range.end].ends_with(&format!("/{}", tag.close)) {
        return None;
    }
    let closing_name = match tag.kind {
        Kind::Statement => format!("end{name}"),
        _ => format!("/{name}"),
    };
    let mut from = tag.range.end;
    loop {
        let rest = source.get(from..)?;
        let found = rest.find(&source[tag.range.start..tag.range.start + 2])?;
        let at = from + found;
        if let Some(next) = tag_at(source, at)
            && next.kind == tag.kind
            && source
                .get(next.name.clone())
                .is_some_and(|n| n.eq_ignore_ascii_case(&closing_name))
        {
            return Some(next.range.end);
        }
        from = at + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::super::mask::{Flavour, Masks};

    fn masked(source: &str) -> Vec<String> {
        let masks = Masks::scan(source, 0, Flavour::Markdown);
        masks
            .overlapping(&(0..source.len()))
            .iter()
            .map(|r| source[r.clone()].to_string())
            .collect()
    }

    #[test]
    fn liquid_jinja_and_hugo_tags() {
        assert_eq!(
            masked("Hi {{ page.title | upcase }} and {% if x %}yes{%- endif -%}."),
            ["{{ page.title | upcase }}", "{% if x %}", "{%- endif -%}"]
        );
        assert_eq!(
            masked("{{< note >}}\nRead **this**.\n{{< /note >}} {{% tab \"A\" %}}"),
            ["{{< note >}}", "{{< /note >}}", "{{% tab \"A\" %}}"]
        );
        assert_eq!(masked("{# a comment #} x"), ["{# a comment #}"]);
    }

    #[test]
    fn code_bodies_are_masked_whole() {
        let source = "a {% raw %}{{ x }} text{% endraw %} b\n{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}\nc";
        assert_eq!(
            masked(source),
            [
                "{% raw %}{{ x }} text{% endraw %}",
                "{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}"
            ]
        );
        // No closing tag: only the tag itself.
        assert_eq!(masked("{% highlight ruby %} x"), ["{% highlight ruby %}"]);
    }

    #[test]
    fn erb_tags() {
        assert_eq!(
            masked("See <%= link_to 'docs', url %> and <% if x %>text<% end %>."),
            ["<%= link_to 'docs', url %>", "<% if x %>", "<% end %>"]
        );
        assert!(masked("100<% of the time").is_empty());
    }

    #[test]
    fn attribute_lists() {
        assert_eq!(
            masked("Para.\n{: .note}\n{:toc}\n[x]{.button} {#anchor}"),
            ["{: .note}", "{:toc}", "{.button}", "{#anchor}"]
        );
    }

    #[test]
    fn what_is_not_a_template() {
        assert!(masked("{{ open and never closed").is_empty());
        assert!(masked("{{ a\n\nb }}").is_empty());
        assert!(masked("`{{` then `}}`").is_empty());
        assert!(masked("a {b} c, {\"json\": 1}, {.5}").is_empty());
        assert!(masked("```\n{{ x }}\n```").is_empty());
    }
}
