//! HTML → the page's visible main text, as Markdown, so the page becomes a `Document` and
//! every rule reads it like a draft.
//!
//! "Main text" is what a reader reads as the case study: the first `<main>`, else the
//! first `<article>`, else `[role=main]`, else `<body>`; inside it, never scripts, styles,
//! navigation, forms, footers, cookie or consent banners, dialogs, or anything hidden
//! (`hidden`, `aria-hidden`, `display:none`, screen-reader-only text). Site headers and
//! sidebars are dropped when the whole body is read; inside a `<main>` or `<article>` a
//! `<header>` holds the page's own title, so it is kept.

use scraper::{ElementRef, Html, Node, Selector};

/// The page's title and its main text as Markdown.
pub struct Extracted {
    pub title: Option<String>,
    pub markdown: String,
}

const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "nav",
    "footer", "form", "button", "select", "input", "textarea", "dialog", "head", "meta", "link",
    "img", "picture", "video", "audio", "map",
];

/// Words in an id or class that mark page furniture, not content.
const FURNITURE: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "onetrust",
    "cookiebot",
    "newsletter",
    "subscribe",
    "modal",
    "popup",
    "breadcrumb",
    "share",
    "social",
    "sr-only",
    "visually-hidden",
    "screen-reader",
    "skip-link",
    "related",
    "site-header",
    "site-footer",
];

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "aside",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tr",
    "figure",
    "figcaption",
    "blockquote",
    "address",
    "details",
    "summary",
    "hr",
    "center",
];

pub fn extract(html: &str) -> Extracted {
    let document = Html::parse_document(html);
    let select = |css: &str| Selector::parse(css).ok();
    let first = |css: &str| select(css).and_then(|s| document.select(&s).next());
    let (root, whole_body) = match first("main")
        .or_else(|| first("article"))
        .or_else(|| first("[role=main]"))
    {
        Some(root) => (root, false),
        None => match first("body") {
            Some(body) => (body, true),
            None => (document.root_element(), true),
        },
    };
    let mut out = Writer::default();
    walk(root, whole_body, &mut out);
    out.flush();
    let has_h1 = out.blocks.iter().any(|b| b.starts_with("# "));
    let title = first("title")
        .map(|t| collapse(&t.text().collect::<String>()))
        .filter(|t| !t.is_empty());
    let mut blocks = Vec::new();
    // Without an <h1>, the <title> (without its " | Site name") names the page, as a
    // browser tab shows it.
    if !has_h1 && let Some(title) = &title {
        let cut = [" | ", " – ", " — ", " - "]
            .iter()
            .filter_map(|sep| title.find(sep))
            .min()
            .unwrap_or(title.len());
        let own = title[..cut].trim();
        if !own.is_empty() {
            blocks.push(format!("# {}", escape(own)));
        }
    }
    blocks.extend(join_stat_cards(out.blocks));
    Extracted {
        title,
        markdown: blocks.join("\n\n") + "\n",
    }
}

#[derive(Default)]
struct Writer {
    blocks: Vec<String>,
    line: String,
    prefix: String,
}

impl Writer {
    fn text(&mut self, text: &str) {
        let collapsed = collapse_keep_edges(text);
        if collapsed.trim().is_empty() {
            if !self.line.is_empty() && !self.line.ends_with(' ') {
                self.line.push(' ');
            }
            return;
        }
        if self.line.is_empty() {
            self.line
                .push_str(&escape_start(&escape(collapsed.trim_start())));
        } else {
            if self.line.ends_with(' ') && collapsed.starts_with(' ') {
                self.line.push_str(&escape(collapsed.trim_start()));
            } else {
                self.line.push_str(&escape(&collapsed));
            }
        }
    }

    fn flush(&mut self) {
        let line = self.line.trim();
        if !line.is_empty() {
            self.blocks.push(format!("{}{}", self.prefix, line));
        }
        self.line.clear();
        self.prefix.clear();
    }
}

fn walk(element: ElementRef, whole_body: bool, out: &mut Writer) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.text(text),
            Node::Element(_) => {
                let Some(child) = ElementRef::wrap(child) else {
                    continue;
                };
                let name = child.value().name();
                if is_hidden(child, whole_body) {
                    continue;
                }
                match name {
                    // A link wrapping a heading or a paragraph is a teaser card for another
                    // page ("More customer stories"): its words are that page's, not this
                    // one's.
                    "a" if is_link_card(child) => {}
                    "table" => {
                        out.flush();
                        match markdown_table(child, whole_body) {
                            Some(table) => out.blocks.push(table),
                            None => {
                                walk(child, whole_body, out);
                                out.flush();
                            }
                        }
                    }
                    "dl" => {
                        out.flush();
                        for line in term_lines(child, whole_body) {
                            out.blocks.push(line);
                        }
                    }
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        out.flush();
                        let level = name[1..].parse::<usize>().unwrap_or(2);
                        walk(child, whole_body, out);
                        let text = out.line.trim().to_string();
                        out.line.clear();
                        if !text.is_empty() {
                            out.blocks.push(format!("{} {text}", "#".repeat(level)));
                        }
                    }
                    "li" => {
                        out.flush();
                        out.prefix = "- ".to_string();
                        walk(child, whole_body, out);
                        out.flush();
                    }
                    "br" => out.flush(),
                    "td" | "th" => {
                        walk(child, whole_body, out);
                        if !out.line.trim().is_empty() && !out.line.trim_end().ends_with(';') {
                            out.line.push_str("; ");
                        }
                    }
                    "pre" => {
                        out.flush();
                        let code: String = child.text().collect();
                        let fence = if code.contains("```") { "~~~~" } else { "```" };
                        out.blocks
                            .push(format!("{fence}\n{}\n{fence}", code.trim_end()));
                    }
                    "code" | "kbd" | "samp" => {
                        let code = collapse(&child.text().collect::<String>());
                        if !code.contains('`') && !code.is_empty() {
                            if !out.line.is_empty() && !out.line.ends_with(' ') {
                                // Keep "the `x` key" spaced as written.
                            }
                            out.line.push('`');
                            out.line.push_str(&code);
                            out.line.push('`');
                        } else {
                            out.text(&code);
                        }
                    }
                    _ if BLOCKS.contains(&name) => {
                        out.flush();
                        walk(child, whole_body, out);
                        out.flush();
                    }
                    _ => walk(child, whole_body, out),
                }
            }
            _ => {}
        }
    }
}

/// Whether a link holds block content (a heading, a paragraph, a box): a card that
/// leads to another page.
fn is_link_card(link: ElementRef) -> bool {
    link.descendants().any(|node| {
        node.value().as_element().is_some_and(|e| {
            matches!(
                e.name(),
                "h1" | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "p"
                    | "div"
                    | "section"
                    | "article"
                    | "figure"
                    | "ul"
                    | "ol"
                    | "table"
            )
        })
    })
}

/// The text of an element as one line, read like the page's own text.
fn line_of(element: ElementRef, whole_body: bool) -> String {
    let mut inner = Writer::default();
    walk(element, whole_body, &mut inner);
    inner.flush();
    inner
        .blocks
        .iter()
        .map(|b| b.trim_start_matches('#').trim_start_matches("- ").trim())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A description list, one line per term: "Industry: Dental care", as a reader reads a
/// fact sidebar. A stat card (a term that continues a number: `<dt>less overtime</dt>
/// <dd>27%</dd>`) reads "27% less overtime". Terms may sit in wrapper `<div>`s.
fn term_lines(list: ElementRef, whole_body: bool) -> Vec<String> {
    let mut items: Vec<(bool, String)> = Vec::new(); // (is a term, text)
    let mut stack: Vec<ElementRef> = list.children().filter_map(ElementRef::wrap).collect();
    stack.reverse();
    while let Some(element) = stack.pop() {
        if is_hidden(element, whole_body) {
            continue;
        }
        match element.value().name() {
            "dt" | "dd" => {
                let text = line_of(element, whole_body);
                if !text.is_empty() {
                    items.push((element.value().name() == "dt", text));
                }
            }
            _ => {
                let mut children: Vec<ElementRef> =
                    element.children().filter_map(ElementRef::wrap).collect();
                children.reverse();
                stack.extend(children);
            }
        }
    }
    let mut lines = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let (is_term, text) = &items[i];
        let value = items.get(i + 1).filter(|(term, _)| *is_term && !term);
        match value {
            Some((_, value)) => {
                let continues = text.chars().next().is_some_and(char::is_lowercase);
                lines.push(if continues && is_bare_quantity(value) {
                    format!("{value} {text}")
                } else {
                    let sep = if text.ends_with(':') { " " } else { ": " };
                    format!("{text}{sep}{value}")
                });
                i += 2;
            }
            None => {
                lines.push(text.clone());
                i += 1;
            }
        }
    }
    lines
}

/// A data table as a Markdown table, so the page's KPI tables ("Metric | Before |
/// After") are read as tables; `None` for a layout table (one column, or rows of
/// different widths), which is read as lines.
fn markdown_table(table: ElementRef, whole_body: bool) -> Option<String> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut stack: Vec<ElementRef> = table.children().filter_map(ElementRef::wrap).collect();
    stack.reverse();
    while let Some(element) = stack.pop() {
        if is_hidden(element, whole_body) {
            continue;
        }
        match element.value().name() {
            "tr" => rows.push(
                element
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|c| matches!(c.value().name(), "td" | "th"))
                    .map(|c| line_of(c, whole_body))
                    .collect(),
            ),
            "thead" | "tbody" | "tfoot" => {
                let mut children: Vec<ElementRef> =
                    element.children().filter_map(ElementRef::wrap).collect();
                children.reverse();
                stack.extend(children);
            }
            _ => {}
        }
    }
    let width = rows.first()?.len();
    if rows.len() < 2 || width < 2 || rows.iter().any(|r| r.len() != width) {
        return None;
    }
    let line = |cells: &[String]| format!("| {} |", cells.join(" | "));
    let mut out = vec![line(&rows[0]), line(&vec!["---".to_string(); width])];
    out.extend(rows[1..].iter().map(|r| line(r)));
    Some(out.join("\n"))
}

/// Stat cards written as two boxes, a number and what it measures ("42%" over "fewer
/// missed visits", or the other way round), read as one line: "42% fewer missed visits".
/// The label is short and starts in lower case: it continues the number.
fn join_stat_cards(blocks: Vec<String>) -> Vec<String> {
    let plain = |b: &str| !b.starts_with(['#', '-', '|', '`', '>', '~']);
    let label = |b: &str| {
        plain(b)
            && b.chars().next().is_some_and(char::is_lowercase)
            && b.split_whitespace().count() <= 15
    };
    let number = |b: &str| plain(b) && is_bare_quantity(b);
    let mut out = Vec::with_capacity(blocks.len());
    let mut i = 0;
    while i < blocks.len() {
        let here = blocks[i].as_str();
        match blocks.get(i + 1).map(String::as_str) {
            Some(next) if number(here) && label(next) => {
                out.push(format!("{here} {next}"));
                i += 2;
            }
            // A label before a number belongs to it only when the number has no label
            // of its own after it (cards in a row: "Up to 40%", "faster …", "180 → 300",
            // "trucks …").
            Some(next)
                if label(here)
                    && number(next)
                    && !blocks.get(i + 2).is_some_and(|after| label(after)) =>
            {
                out.push(format!("{next} {here}"));
                i += 2;
            }
            _ => {
                out.push(blocks[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// "27%", "3x", "45 min", "£38k", "+18%", "Up to 40%": a number standing alone, as on a
/// stat card, hedge included.
fn is_bare_quantity(text: &str) -> bool {
    let mut text = text.trim();
    for hedge in crate::evidence::quantity_hedges() {
        if let Some(rest) = text
            .get(..hedge.len())
            .filter(|h| h.eq_ignore_ascii_case(hedge))
            .and_then(|h| text[h.len()..].strip_prefix(' '))
        {
            text = rest.trim_start();
            break;
        }
    }
    text.split_whitespace().count() <= 3
        && text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || "$€£¥+-−~<>≈".contains(c))
}

fn is_hidden(element: ElementRef, whole_body: bool) -> bool {
    let value = element.value();
    let name = value.name();
    if SKIPPED.contains(&name) {
        return true;
    }
    if whole_body && name == "header" {
        return true;
    }
    // A sidebar is the story's fact box ("At a glance", "Services used") or the site's
    // widget area ("Recent posts"): the one is read, the other, mostly links, is not.
    if is_sidebar(element) && mostly_links(element) {
        return true;
    }
    // Inside a sidebar, a box of links to other stories ("Featured stories: Marlow & Finch
    // cut close from 11 days to 4") is about other customers, whatever the fact box beside
    // it says.
    if BLOCKS.contains(&name)
        && mostly_links(element)
        && element
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(is_sidebar)
    {
        return true;
    }
    if value.attr("hidden").is_some()
        || value.attr("aria-hidden") == Some("true")
        || value.attr("role").is_some_and(|r| {
            matches!(
                r,
                "navigation" | "contentinfo" | "dialog" | "alertdialog" | "search"
            )
        })
        || (whole_body && value.attr("role") == Some("banner"))
    {
        return true;
    }
    if let Some(style) = value.attr("style") {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
        let style = style.to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    let marks = [
        value.attr("id").unwrap_or_default(),
        value.attr("class").unwrap_or_default(),
    ];
    marks.iter().any(|m| {
        let m = m.to_ascii_lowercase();
        FURNITURE.iter().any(|f| m.contains(f))
    })
}

/// Whether most of an element's text is link text (a list of links to other pages).
fn is_sidebar(element: ElementRef) -> bool {
    let value = element.value();
    value.name() == "aside"
        || [value.attr("id"), value.attr("class")]
            .iter()
            .flatten()
            .any(|m| m.to_ascii_lowercase().contains("sidebar"))
}

fn mostly_links(element: ElementRef) -> bool {
    let all: usize = element.text().map(|t| t.trim().len()).sum();
    let linked: usize = element
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "a")
        .flat_map(|a| a.text())
        .map(|t| t.trim().len())
        .sum();
    all == 0 || linked * 2 > all
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// White space collapsed, but a leading or trailing space kept (it separates words from
/// the neighbouring inline element).
fn collapse_keep_edges(text: &str) -> String {
    let inner = collapse(text);
    let lead = text.starts_with(char::is_whitespace);
    let trail = text.ends_with(char::is_whitespace) && !inner.is_empty();
    format!(
        "{}{}{}",
        if lead { " " } else { "" },
        inner,
        if trail { " " } else { "" }
    )
}

/// Markdown's punctuation escaped, so the page's text is read as text: `*`, `_`, `[` and
/// the like never become formatting, `<` never HTML, `&` never an entity.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A block that would start a list, a heading or a setext underline is escaped.
fn escape_start(text: &str) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(text[digits..].chars().next(), Some('.' | ')')) {
        return format!("{}\\{}", &text[..digits], &text[digits..]);
    }
    match text.chars().next() {
        Some('-' | '+' | '=') => format!("\\{text}"),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_text_only() {
        let html = r#"<html><head><title>Acme | Partner</title><script>var x = "Amazon S3";</script></head>
<body><header><nav>Home Products</nav></header>
<div id="cookie-banner">We use cookies</div>
<main><header><h1>Acme cuts costs</h1></header>
<p>Acme <b>Dental</b> uses <a href="/x">Amazon S3</a> to store x-rays.</p>
<ul><li>1. first</li><li>*star*</li></ul>
<div style="display: none">hidden text</div>
<table><tr><td>Cost</td><td>-40%</td></tr></table></main>
<footer>Copyright</footer></body></html>"#;
        let page = extract(html);
        let md = page.markdown;
        assert!(md.contains("# Acme cuts costs"), "{md}");
        assert!(
            md.contains("Acme Dental uses Amazon S3 to store x-rays."),
            "{md}"
        );
        assert!(
            !md.contains("cookies") && !md.contains("Home") && !md.contains("hidden"),
            "{md}"
        );
        assert!(!md.contains("Copyright") && !md.contains("var x"), "{md}");
        assert!(md.contains("- 1\\. first"), "{md}");
        assert_eq!(page.title.as_deref(), Some("Acme | Partner"));
    }

    #[test]
    fn fact_lists_and_stat_cards_read_as_lines() {
        let page = extract(
            r#"<main><h1>Acme</h1><dl><div class="stat"><dt>less overtime</dt><dd><span>27%</span></dd></div>
<div><dt>Industry</dt><dd>Dental care</dd></div><dt>Founded:</dt><dd>1987</dd></dl></main>"#,
        );
        let md = page.markdown;
        assert!(md.contains("27% less overtime"), "{md}");
        assert!(md.contains("Industry: Dental care"), "{md}");
        assert!(md.contains("Founded: 1987"), "{md}");
    }

    #[test]
    fn stat_cards_in_two_boxes_read_as_one_line() {
        let page = extract(
            "<main><h1>Acme</h1><div class=\"stat\"><p>42%</p><p>fewer missed visits</p></div>\
             <div class=\"stat\"><p>median time to fill a visit</p><p>38 min</p></div>\
             <p>2025</p><p>Founded in Leeds.</p></main>",
        );
        let md = page.markdown;
        assert!(md.contains("42% fewer missed visits"), "{md}");
        assert!(md.contains("38 min median time to fill a visit"), "{md}");
        assert!(md.contains("2025\n\nFounded in Leeds."), "{md}");
    }

    #[test]
    fn a_row_of_stat_cards_keeps_each_label_with_its_number() {
        let page = extract(
            "<main><h1>Acme</h1><div><div>Up to 40%*</div><div>faster recovery expected</div></div>\
             <div><div>180 &rarr; 300</div><div>trucks in the fleet plan for 2027</div></div></main>",
        );
        let md = page.markdown;
        assert!(md.contains("Up to 40%\\* faster recovery expected"), "{md}");
        assert!(md.contains("180 → 300 trucks in the fleet plan"), "{md}");
        assert!(!md.contains("300 faster"), "{md}");
    }

    #[test]
    fn data_tables_stay_tables() {
        let page = extract(
            "<main><h1>Acme</h1><table><thead><tr><th>Metric</th><th>Before</th><th>After</th></tr></thead>\
             <tbody><tr><td>Close</td><td>9 days</td><td>3 days</td></tr></tbody></table>\
             <table><tr><td>Layout only</td></tr></table></main>",
        );
        let md = page.markdown;
        assert!(
            md.contains(
                "| Metric | Before | After |\n| --- | --- | --- |\n| Close | 9 days | 3 days |"
            ),
            "{md}"
        );
        assert!(md.contains("Layout only"), "{md}");
    }

    #[test]
    fn a_fact_sidebar_is_read_a_widget_area_is_not() {
        let page = extract(
            r#"<body><div class="content"><h1>Acme</h1><p>Story.</p></div>
<aside class="cs-sidebar"><h3>At a glance</h3><p>Customer: 22-clinic veterinary group</p></aside>
<div class="widget-area sidebar"><h3>Recent posts</h3><ul><li><a href="/a">Budget templates for owners</a></li><li><a href="/b">Month-end tips</a></li></ul></div></body>"#,
        );
        let md = page.markdown;
        assert!(md.contains("22-clinic veterinary group"), "{md}");
        assert!(!md.contains("Budget templates"), "{md}");
    }

    #[test]
    fn links_to_other_stories_beside_a_fact_box_are_not_read() {
        let page = extract(
            r#"<body><main><article><h1>Acme</h1><p>Story.</p></article>
<aside class="cs-sidebar"><div class="box"><h4>At a glance</h4><p><strong>Customer:</strong> Acme Dental, 40 clinics</p></div>
<div class="box"><h4>Featured stories</h4><p><a href="/customers/marlow/">Marlow cut month-end close from 11 days to 4</a></p></div></aside></main></body>"#,
        );
        let md = page.markdown;
        assert!(md.contains("Acme Dental, 40 clinics"), "{md}");
        assert!(!md.contains("11 days to 4"), "{md}");
    }

    #[test]
    fn link_cards_to_other_pages_are_dropped() {
        let page = extract(
            r#"<main><h1>Acme</h1><p>Read the <a href="/x">full report</a>.</p>
<section><h2>More stories</h2><a href="/other"><h3>How a 600-caregiver agency stopped missing visits</h3></a></section></main>"#,
        );
        let md = page.markdown;
        assert!(md.contains("Read the full report."), "{md}");
        assert!(!md.contains("caregiver"), "{md}");
    }

    #[test]
    fn title_when_no_h1() {
        let page = extract(
            "<html><head><title>Acme story – Partner</title></head><body><p>Hi</p></body></html>",
        );
        assert!(
            page.markdown.starts_with("# Acme story\n"),
            "{}",
            page.markdown
        );
    }
}
