//! One pass over the Markdown body with pulldown-cmark: prose, headings, links and the
//! HTML comments that may hold suppression directives.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::html::{self, Token};
use super::markup::{ElementClass, MARKUP};
use super::mask::{Flavour, Masks};
use super::mdx;
use super::prose::{BlockContext, BlockKind, Prose, ProseBuilder, ProseOrigin};
use super::{Cell, Heading, Link, LinkKind, Table};

/// What the body of a document is made of.
#[derive(Debug, Default)]
pub(super) struct Body {
    pub prose: Vec<Prose>,
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    pub tables: Vec<Table>,
    /// Every HTML comment outside code (`<!--` to `-->` inclusive), in source order.
    pub comments: Vec<Range<usize>>,
}

/// Parser options. Math is off on purpose: `$5 and $10` are amounts of money, not
/// formulas. Definition lists, super- and subscript are off: they would turn ordinary
/// lines (`: note`, `~approx~`) into markup the writer did not intend.
pub(super) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Item,
    Quote,
    Footnote,
}

#[derive(Debug)]
struct OpenLink {
    is_image: bool,
    kind: LinkKind,
    destination: String,
    /// For reference links: the label to look up.
    label: String,
    text: String,
    span: Range<usize>,
    /// End of the last event inside the link (where its text ends in the source).
    inner_end: Option<usize>,
}

#[derive(Debug)]
struct OpenHeading {
    level: u8,
    text: String,
    span: Range<usize>,
}

struct Walker<'s> {
    source: &'s str,
    body: Body,
    builder: ProseBuilder,
    /// The leaf block whose text is being collected.
    leaf: Option<BlockKind>,
    block_index: usize,
    /// Blocks started so far (the next block's index).
    blocks: usize,
    containers: Vec<Container>,
    in_table_head: bool,
    in_code_block: bool,
    /// Inside an autolink (`<https://…>`): its text is a URL, not prose.
    in_autolink: usize,
    heading: Option<OpenHeading>,
    links: Vec<OpenLink>,
    /// The table being read, and the cell whose text is being collected.
    table: Option<Table>,
    cell: Option<Cell>,
    flavour: Flavour,
    /// Template tags, MDX syntax, admonition markers: cut out of text events.
    masks: Masks,
    /// The paragraph being read is an MDX `import` / `export` block.
    in_esm: bool,
    /// Inline HTML elements open in the current leaf whose text is not prose (`<kbd>`, a
    /// custom tag closed later in the same block), lower-cased.
    inline_hidden: Vec<String>,
    /// Where the current leaf (or list item) ends in the source.
    leaf_end: usize,
    /// The lines of the HTML block being read.
    html_block: Option<Vec<Range<usize>>>,
    /// The kind of block the next text of an HTML block belongs to (`<td>` → a cell).
    html_kind: BlockKind,
    /// Inside an HTML `<th>`.
    html_th: bool,
}

pub(super) fn parse_body(source: &str, body_start: usize, flavour: Flavour) -> Body {
    let body_text = source.get(body_start..).unwrap_or("");
    // MDX has no indented code: text indented inside a component (`<Tab>`, `<Step>`) is
    // prose. The parser reads a copy without that indentation; offsets map back.
    let dedented = (flavour == Flavour::Mdx).then(|| Dedented::new(body_text));
    let body_text = dedented.as_ref().map_or(body_text, |d| d.text.as_str());
    let to_source = |range: Range<usize>| match &dedented {
        Some(d) => {
            let start = d.to_source(range.start);
            body_start + start..body_start + d.end_to_source(range.end).max(start)
        }
        None => body_start + range.start..body_start + range.end,
    };
    let masks = Masks::scan(source, body_start, flavour);
    let mut walker = Walker {
        source,
        body: Body::default(),
        builder: ProseBuilder::default(),
        leaf: None,
        block_index: 0,
        blocks: 0,
        containers: Vec::new(),
        in_table_head: false,
        in_code_block: false,
        in_autolink: 0,
        heading: None,
        links: Vec::new(),
        table: None,
        cell: None,
        flavour,
        masks,
        in_esm: false,
        inline_hidden: Vec::new(),
        leaf_end: source.len(),
        html_block: None,
        html_kind: BlockKind::Paragraph,
        html_th: false,
    };
    let mut events = Parser::new_ext(body_text, options()).into_offset_iter();
    while let Some((event, range)) = events.next() {
        let range = to_source(range);
        match event {
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let refdefs = events.reference_definitions();
                walker.end_link(|label| refdefs.get(label).map(|def| to_source(def.span.clone())));
            }
            event => walker.event(event, range),
        }
    }
    walker.flush();
    let mut body = walker.body;
    body.links.sort_by_key(|link| link.span.start);
    drop_bare_urls_inside_links(&mut body.links);
    body
}

/// A body with the indentation of four columns or more cut to three spaces (outside the
/// contents of fenced code), and where each line of the copy starts in the source.
struct Dedented {
    text: String,
    /// (offset in `text`, offset in the body) at the start of each line, in order.
    lines: Vec<(usize, usize)>,
}

impl Dedented {
    fn new(body: &str) -> Dedented {
        let mut text = String::with_capacity(body.len());
        let mut lines = Vec::new();
        let mut fence: Option<(u8, usize)> = None;
        let mut at = 0;
        for line in body.split_inclusive('\n') {
            let lead = line.len() - line.trim_start_matches([' ', '\t']).len();
            let rest = &line[lead..];
            let marker = rest
                .as_bytes()
                .first()
                .copied()
                .filter(|b| matches!(b, b'`' | b'~'));
            let run = marker.map_or(0, |m| rest.bytes().take_while(|b| *b == m).count());
            let is_fence = run >= 3;
            let closes = matches!(fence, Some((m, n)) if marker == Some(m) && run >= n);
            let width: usize = line[..lead]
                .bytes()
                .map(|b| if b == b'\t' { 4 } else { 1 })
                .sum();
            let cut = if width < 4 || (fence.is_some() && !closes) {
                0
            } else if line[..lead].contains('\t') {
                lead
            } else {
                lead - 3
            };
            lines.push((text.len(), at + cut));
            text.push_str(&line[cut..]);
            at += line.len();
            if closes {
                fence = None;
            } else if fence.is_none() && is_fence {
                fence = marker.map(|m| (m, run));
            }
        }
        Dedented { text, lines }
    }

    /// An exclusive end: the end of the line it closes, not the start of the next one.
    fn end_to_source(&self, at: usize) -> usize {
        match at.checked_sub(1) {
            Some(last) => self.to_source(last) + 1,
            None => self.to_source(at),
        }
    }

    fn to_source(&self, at: usize) -> usize {
        let i = self.lines.partition_point(|(copy, _)| *copy <= at);
        match i.checked_sub(1).and_then(|i| self.lines.get(i)) {
            Some((copy, body)) => body + (at - copy),
            None => at,
        }
    }
}

/// A URL written as a link's text (`[https://x](https://x)`) is found twice: as the link
/// and as a bare URL in its text. Keeps the link only.
fn drop_bare_urls_inside_links(links: &mut Vec<Link>) {
    let mut outer_end = 0;
    links.retain(|link| {
        if link.kind == LinkKind::Bare {
            link.span.start >= outer_end
        } else {
            outer_end = outer_end.max(link.span.end);
            true
        }
    });
}

impl Walker<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                if self.in_code_block || self.in_esm {
                    return;
                }
                self.note_inner(&range);
                self.append_outline(&text);
                if self.in_autolink > 0 {
                    return;
                }
                if !self.inline_hidden.is_empty() {
                    self.flush();
                    return;
                }
                if self.leaf.is_none() {
                    self.open_leaf(self.implicit_leaf());
                }
                self.push_prose(&text, range);
            }
            Event::Code(code) => {
                self.note_inner(&range);
                self.append_outline(&code);
                self.flush();
                if self.links.is_empty() {
                    self.note_file_name(&code, range);
                }
            }
            Event::InlineHtml(html) => {
                self.note_inner(&range);
                if html
                    .get(..3)
                    .is_some_and(|tag| tag.eq_ignore_ascii_case("<br"))
                {
                    // A line break in a heading or link text separates words.
                    self.append_outline(" ");
                }
                self.flush();
                self.track_inline_tag(&html, range.end);
                self.find_comments(range);
            }
            Event::Html(html) => {
                // Lines of an HTML block (its comments were collected at its start).
                if let Some(lines) = &mut self.html_block
                    && self.source.get(range.clone()) == Some(&*html)
                {
                    lines.push(range);
                }
            }
            Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => {
                self.note_inner(&range);
                self.flush();
            }
            Event::SoftBreak | Event::HardBreak => {
                self.note_inner(&range);
                self.append_outline(" ");
                if !self.masks.overlapping(&range).is_empty()
                    || !self.masks.barriers_in(&range, true).is_empty()
                {
                    self.flush();
                } else {
                    self.builder.push_break(matches!(event, Event::HardBreak));
                }
            }
            Event::Rule => self.close_leaf(),
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Paragraph => {
                let kind = if self.containers.last() == Some(&Container::Item) {
                    BlockKind::ListItem
                } else {
                    BlockKind::Paragraph
                };
                self.open_leaf(kind);
                self.leaf_end = range.end;
                if self.containers.is_empty() {
                    let text = self.source.get(range.clone()).unwrap_or("");
                    let mdx = self.flavour == Flavour::Mdx;
                    self.in_esm = (mdx || text.starts_with("import")) && mdx::is_esm(text, mdx);
                }
            }
            Tag::Heading { level, .. } => {
                let level = level as u8;
                self.open_leaf(BlockKind::Heading(level));
                self.leaf_end = range.end;
                let end = trim_line_end(self.source, range.clone());
                self.heading = Some(OpenHeading {
                    level,
                    text: String::new(),
                    span: range.start..end,
                });
            }
            Tag::TableCell => {
                self.open_leaf(BlockKind::TableCell);
                self.leaf_end = range.end;
                self.cell = Some(Cell {
                    text: String::new(),
                    span: cell_content(self.source, range),
                });
            }
            Tag::TableHead => {
                self.close_leaf();
                self.in_table_head = true;
            }
            Tag::Item => {
                self.close_leaf();
                self.leaf_end = range.end;
                self.containers.push(Container::Item);
            }
            Tag::BlockQuote(_) => {
                self.close_leaf();
                self.containers.push(Container::Quote);
            }
            Tag::FootnoteDefinition(_) => {
                self.close_leaf();
                self.containers.push(Container::Footnote);
            }
            Tag::CodeBlock(_) => {
                self.close_leaf();
                self.in_code_block = true;
            }
            Tag::HtmlBlock => {
                self.close_leaf();
                self.find_comments(range);
                self.html_block = Some(Vec::new());
            }
            Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            } => {
                self.note_inner(&range);
                let kind = match link_type {
                    LinkType::Inline => LinkKind::Inline,
                    LinkType::Autolink | LinkType::Email => LinkKind::Autolink,
                    _ => LinkKind::Reference,
                };
                if kind == LinkKind::Autolink {
                    self.flush();
                    self.in_autolink += 1;
                }
                self.links.push(OpenLink {
                    is_image: false,
                    kind,
                    destination: dest_url.to_string(),
                    label: if kind == LinkKind::Reference {
                        id.to_string()
                    } else {
                        String::new()
                    },
                    text: String::new(),
                    span: range,
                    inner_end: None,
                });
            }
            Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            } => {
                self.note_inner(&range);
                let kind = match link_type {
                    LinkType::Inline => LinkKind::Inline,
                    _ => LinkKind::Reference,
                };
                self.links.push(OpenLink {
                    is_image: true,
                    kind,
                    destination: dest_url.to_string(),
                    label: if kind == LinkKind::Reference {
                        id.to_string()
                    } else {
                        String::new()
                    },
                    text: String::new(),
                    span: range,
                    inner_end: None,
                });
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript => {
                self.note_inner(&range);
            }
            Tag::Table(_) => {
                self.close_leaf();
                self.table = Some(Table {
                    header: Vec::new(),
                    rows: Vec::new(),
                    span: range.start..trim_line_end(self.source, range.clone()),
                });
            }
            Tag::TableRow => {
                self.close_leaf();
                if let Some(table) = &mut self.table {
                    table.rows.push(Vec::new());
                }
            }
            Tag::List(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => self.close_leaf(),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.close_leaf(),
            TagEnd::TableCell => {
                self.close_leaf();
                if let Some(mut cell) = self.cell.take() {
                    cell.text = collapse_spaces(cell.text);
                    if let Some(table) = &mut self.table {
                        match table.rows.last_mut() {
                            Some(row) if !self.in_table_head => row.push(cell),
                            _ => table.header.push(cell),
                        }
                    }
                }
            }
            TagEnd::Heading(_) => {
                self.close_leaf();
                if let Some(heading) = self.heading.take() {
                    self.body.headings.push(Heading {
                        level: heading.level,
                        text: collapse_spaces(heading.text),
                        span: heading.span,
                    });
                }
            }
            TagEnd::TableHead => {
                self.close_leaf();
                self.in_table_head = false;
            }
            TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition => {
                self.close_leaf();
                self.containers.pop();
            }
            TagEnd::CodeBlock => self.in_code_block = false,
            TagEnd::Link | TagEnd::Image => {
                // Handled by `end_link`, which needs the reference definitions.
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {}
            TagEnd::Table => {
                self.close_leaf();
                if let Some(table) = self.table.take() {
                    self.body.tables.push(table);
                }
            }
            TagEnd::HtmlBlock => {
                if let Some(lines) = self.html_block.take() {
                    self.read_html_block(&lines);
                }
                self.close_leaf();
            }
            TagEnd::List(_)
            | TagEnd::TableRow
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => self.close_leaf(),
        }
    }

    /// The end of a link or image; `definition` finds a reference definition's span.
    fn end_link(&mut self, definition: impl Fn(&str) -> Option<Range<usize>>) {
        let Some(open) = self.links.pop() else { return };
        if open.kind == LinkKind::Autolink {
            self.in_autolink = self.in_autolink.saturating_sub(1);
        }
        // The link's own text continues the text of an enclosing link (an image in a link).
        if let Some(parent) = self.links.last_mut() {
            parent.text.push_str(&open.text);
        }
        let destination_span = match open.kind {
            LinkKind::Autolink => {
                let inner = open.span.start + 1..open.span.end.saturating_sub(1);
                Some(inner.start..inner.end.max(inner.start))
            }
            LinkKind::Inline => {
                let text_start = open.span.start + if open.is_image { 2 } else { 1 };
                let after_text = open.inner_end.unwrap_or(text_start).max(text_start);
                self.source
                    .get(after_text..open.span.end)
                    .and_then(|rest| rest.find("](").map(|i| after_text + i + 2))
                    .and_then(|at| scan_destination(self.source, at, open.span.end))
            }
            LinkKind::FileName => None,
            LinkKind::Reference | LinkKind::Bare => definition(&open.label).and_then(|def| {
                let text = self.source.get(def.clone())?;
                let colon = text.find("]:")?;
                scan_destination(self.source, def.start + colon + 2, def.end)
            }),
        };
        self.body.links.push(Link {
            is_image: open.is_image,
            kind: open.kind,
            destination: open.destination,
            destination_span,
            text: collapse_spaces(open.text),
            span: open.span,
        });
    }

    /// Inline code that is nothing but a relative diagram or image file name becomes a
    /// [`LinkKind::FileName`] link, so the file counts (and is read) like a linked one.
    fn note_file_name(&mut self, code: &str, range: Range<usize>) {
        let name = code.trim();
        let plausible = !name.is_empty()
            && !name.contains(char::is_whitespace)
            && !name.contains("://")
            && !name.starts_with(['/', '~', '$', '<'])
            && crate::evidence::names_diagram_file(
                name,
                self.source
                    .get(crate::lines::line_around(self.source, range.start))
                    .unwrap_or_default(),
            );
        if !plausible {
            return;
        }
        let destination_span = self
            .source
            .get(range.clone())
            .and_then(|written| written.find(name))
            .map(|at| range.start + at..range.start + at + name.len());
        self.body.links.push(Link {
            is_image: false,
            kind: LinkKind::FileName,
            destination: name.to_string(),
            destination_span,
            text: name.to_string(),
            span: range,
        });
    }

    /// Text for headings, link texts and table cells: everything a reader sees, code
    /// included.
    fn append_outline(&mut self, text: &str) {
        if let Some(cell) = &mut self.cell {
            cell.text.push_str(text);
        }
        if let Some(heading) = &mut self.heading {
            heading.text.push_str(text);
        }
        if let Some(link) = self.links.last_mut() {
            link.text.push_str(text);
        }
    }

    /// Records that an event inside the innermost open link ends at `range.end`.
    fn note_inner(&mut self, range: &Range<usize>) {
        if let Some(link) = self.links.last_mut() {
            link.inner_end = Some(link.inner_end.map_or(range.end, |end| end.max(range.end)));
        }
    }

    fn implicit_leaf(&self) -> BlockKind {
        if self.containers.last() == Some(&Container::Item) {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        }
    }

    fn open_leaf(&mut self, kind: BlockKind) {
        self.close_leaf();
        self.leaf = Some(kind);
        self.block_index = self.blocks;
        self.blocks += 1;
    }

    fn close_leaf(&mut self) {
        self.flush();
        self.leaf = None;
        self.in_esm = false;
        self.inline_hidden.clear();
    }

    /// A text piece (`text` decoded from `range`), without what the masks cut out.
    fn push_prose(&mut self, text: &str, range: Range<usize>) {
        if self.masks.is_empty()
            || (self.masks.overlapping(&range).is_empty()
                && self.masks.barriers_in(&range, false).is_empty())
        {
            self.builder.push_text(self.source, text, range);
            return;
        }
        if self.source.get(range.clone()) != Some(text) {
            // Decoded text under a mask: where the cut falls in it is unknown.
            self.flush();
            return;
        }
        for (part, after_cut) in self.masks.cut(self.source, range.clone()) {
            if after_cut {
                self.flush();
            }
            let piece = &self.source[part.clone()];
            self.builder.push_text(self.source, piece, part);
        }
        if range.end > range.start && self.masks.contains(range.end - 1) {
            self.flush();
        }
    }

    /// Follows inline HTML that hides its text: a listed element such as `<kbd>` or
    /// `<code>`, or an element caselint does not know that is closed later in the same
    /// block (`a List<String> type` opens nothing).
    fn track_inline_tag(&mut self, html: &str, end_of_tag: usize) {
        let mdx = self.flavour == Flavour::Mdx;
        let Some(Token::Tag {
            name,
            end,
            self_closing,
            ..
        }) = html::markup_at(html.as_bytes(), 0, mdx)
        else {
            return;
        };
        let original = &html[name];
        let name = original.to_ascii_lowercase();
        if end {
            if let Some(at) = self.inline_hidden.iter().rposition(|n| *n == name) {
                self.inline_hidden.truncate(at);
            }
            return;
        }
        if self_closing || MARKUP.class(original, mdx) != ElementClass::Hidden {
            return;
        }
        let listed = MARKUP.is_listed_hidden(&name) || mdx;
        let closed_later = || {
            self.source
                .get(end_of_tag..self.leaf_end.max(end_of_tag))
                .is_some_and(|rest| rest.to_ascii_lowercase().contains(&format!("</{name}")))
        };
        if listed || closed_later() {
            self.inline_hidden.push(name);
        }
    }

    /// The visible text of an HTML block, from its lines (source ranges).
    fn read_html_block(&mut self, lines: &[Range<usize>]) {
        let mdx = self.flavour == Flavour::Mdx;
        let mut joined = String::new();
        // (start in `joined`, start in the source), one per line.
        let mut map: Vec<(usize, usize)> = Vec::with_capacity(lines.len());
        for line in lines {
            map.push((joined.len(), line.start));
            joined.push_str(&self.source[line.clone()]);
        }
        self.builder.origin = ProseOrigin::Html;
        self.html_kind = BlockKind::Paragraph;
        self.html_th = false;
        // Lines of a fenced code block written inside the HTML (common in MDX components).
        let mut fenced = Vec::with_capacity(lines.len());
        let mut fence: Option<(u8, usize)> = None;
        for line in lines {
            let text = self.source[line.clone()].trim();
            let marker = text.as_bytes().first().copied();
            let run = |c: u8| text.bytes().take_while(|b| *b == c).count();
            match (fence, marker) {
                (None, Some(c @ (b'`' | b'~'))) if run(c) >= 3 => {
                    fence = Some((c, run(c)));
                    fenced.push(true);
                }
                (Some((c, len)), Some(m)) if m == c && run(c) >= len && text.len() == run(c) => {
                    fence = None;
                    fenced.push(true);
                }
                (Some(_), _) => fenced.push(true),
                (None, _) => fenced.push(false),
            }
        }
        let mut hidden: Vec<String> = Vec::new();
        for token in html::tokens(&joined, mdx) {
            match token {
                Token::Tag {
                    name,
                    end,
                    self_closing,
                    ..
                } => {
                    let name = &joined[name];
                    let class = MARKUP.class(name, mdx);
                    let lower = name.to_ascii_lowercase();
                    if end {
                        if let Some(at) = hidden.iter().rposition(|n| *n == lower) {
                            hidden.truncate(at);
                        }
                        if matches!(class, ElementClass::Text { block: true }) {
                            self.close_leaf();
                            self.html_kind = BlockKind::Paragraph;
                            self.html_th = false;
                        }
                        continue;
                    }
                    match class {
                        ElementClass::Hidden => {
                            self.flush();
                            if !self_closing {
                                hidden.push(lower);
                            }
                        }
                        ElementClass::Text { block: true } => {
                            self.close_leaf();
                            self.html_th = lower == "th";
                            self.html_kind = html_block_kind(&lower);
                        }
                        ElementClass::Void { .. } => self.flush(),
                        ElementClass::Text { block: false } => {}
                    }
                }
                Token::Markup(_) => self.flush(),
                Token::Text(range) if hidden.is_empty() => {
                    self.html_text(&joined, range, &map, &fenced)
                }
                Token::Text(_) => {}
            }
        }
        self.close_leaf();
        self.builder.origin = ProseOrigin::Markdown;
        self.html_kind = BlockKind::Paragraph;
        self.html_th = false;
    }

    /// A text token of an HTML block, line by line (trimmed), each line read as inline
    /// Markdown: MDX renders it, and either way a `` `code span` `` or a link target in
    /// it is not prose. Lines of a fenced code block inside the HTML are skipped.
    fn html_text(
        &mut self,
        joined: &str,
        range: Range<usize>,
        map: &[(usize, usize)],
        fenced: &[bool],
    ) {
        let first = map
            .partition_point(|(at, _)| *at <= range.start)
            .saturating_sub(1);
        let mut pushed = false;
        for (i, (line_at, src_at)) in map.iter().enumerate().skip(first) {
            if *line_at >= range.end {
                break;
            }
            if fenced.get(i).copied().unwrap_or(false) {
                self.flush();
                continue;
            }
            let line_end = map.get(i + 1).map_or(joined.len(), |(at, _)| *at);
            let from = range.start.max(*line_at);
            let to = range.end.min(line_end);
            let text = &joined[from..to];
            let trimmed = text.trim_start();
            let lead = text.len() - trimmed.len();
            let trimmed = trimmed.trim_end();
            if trimmed.is_empty() {
                continue;
            }
            let start = src_at + (from - line_at) + lead;
            if self.leaf.is_none() {
                self.open_leaf(self.html_kind);
            }
            if pushed {
                self.builder.push_break(false);
            }
            self.push_inline_markdown(start, trimmed);
            pushed = true;
        }
    }

    /// One line of text (at `start` in the source) parsed as Markdown: its text events are
    /// prose; code spans, autolinks and HTML in it end the run.
    fn push_inline_markdown(&mut self, start: usize, line: &str) {
        let mut links: Vec<bool> = Vec::new();
        let mut in_code = false;
        for (event, range) in Parser::new_ext(line, options()).into_offset_iter() {
            let range = start + range.start..start + range.end;
            match event {
                Event::Text(text) if !in_code && !links.contains(&true) => {
                    self.push_prose(&text, range);
                }
                Event::Start(Tag::Link { link_type, .. }) => {
                    let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    if autolink {
                        self.flush();
                    }
                    links.push(autolink);
                }
                Event::End(TagEnd::Link) => {
                    links.pop();
                }
                Event::Start(Tag::CodeBlock(_)) => {
                    self.flush();
                    in_code = true;
                }
                Event::End(TagEnd::CodeBlock) => in_code = false,
                Event::Code(_)
                | Event::InlineHtml(_)
                | Event::Html(_)
                | Event::InlineMath(_)
                | Event::DisplayMath(_)
                | Event::FootnoteReference(_)
                | Event::TaskListMarker(_)
                | Event::Rule => self.flush(),
                _ => {}
            }
        }
    }

    /// Ends the current run of prose (the block goes on).
    fn flush(&mut self) {
        if !self.builder.has_text() {
            return;
        }
        let block = self.leaf.unwrap_or(BlockKind::Paragraph);
        let context = self.context();
        self.builder.finish(
            block,
            context,
            self.block_index,
            &mut self.body.prose,
            &mut self.body.links,
        );
    }

    fn context(&self) -> BlockContext {
        let count = |c: Container| {
            u8::try_from(self.containers.iter().filter(|x| **x == c).count()).unwrap_or(u8::MAX)
        };
        BlockContext {
            list_depth: count(Container::Item),
            quote_depth: count(Container::Quote),
            in_footnote: self.containers.contains(&Container::Footnote),
            table_header: (self.in_table_head || self.html_th)
                && self.leaf == Some(BlockKind::TableCell),
        }
    }

    /// Collects the HTML comments in `range` (an HTML block or an inline HTML node).
    fn find_comments(&mut self, range: Range<usize>) {
        let Some(text) = self.source.get(range.clone()) else {
            return;
        };
        let mut from = 0;
        while let Some(open) = text.get(from..).and_then(|rest| rest.find("<!--")) {
            let start = from + open;
            let end = text
                .get(start + 4..)
                .and_then(|rest| rest.find("-->"))
                .map_or(text.len(), |close| start + 4 + close + 3);
            self.body
                .comments
                .push(range.start + start..range.start + end);
            from = end;
        }
    }
}

/// What kind of block an HTML block element starts.
fn html_block_kind(name: &str) -> BlockKind {
    match name.as_bytes() {
        [b'h', level @ b'1'..=b'6'] => BlockKind::Heading(level - b'0'),
        b"td" | b"th" => BlockKind::TableCell,
        b"li" | b"dd" | b"dt" => BlockKind::ListItem,
        _ => BlockKind::Paragraph,
    }
}

/// A table cell's content: `range` without the `|` around it and the white space inside.
fn cell_content(source: &str, range: Range<usize>) -> Range<usize> {
    let Some(text) = source.get(range.clone()) else {
        return range.start..range.start;
    };
    let start_trim = text.len() - text.trim_start_matches(['|', ' ', '\t']).len();
    let inner = &text[start_trim..];
    let mut end = inner.len();
    // A trailing `|` that is escaped (`\|`) is the cell's text, not its border.
    let bytes = inner.as_bytes();
    while end > 0 {
        let b = bytes[end - 1];
        let escaped_pipe = b == b'|' && end >= 2 && bytes[end - 2] == b'\\';
        if matches!(b, b' ' | b'\t' | b'\r' | b'\n') || (b == b'|' && !escaped_pipe) {
            end -= 1;
        } else {
            break;
        }
    }
    let start = range.start + start_trim;
    start..start + end
}

/// The end of `range` without trailing line breaks.
fn trim_line_end(source: &str, range: Range<usize>) -> usize {
    let text = source.get(range.clone()).unwrap_or("");
    range.start + text.trim_end_matches(['\r', '\n']).len()
}

/// Trims and turns runs of white space into single spaces.
fn collapse_spaces(text: String) -> String {
    let bytes = text.as_bytes();
    let tidy = !bytes.first().is_some_and(u8::is_ascii_whitespace)
        && !bytes.last().is_some_and(u8::is_ascii_whitespace)
        && bytes
            .iter()
            .all(|b| !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        && !text.contains("  ")
        && text.is_ascii();
    if tidy {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The destination written at `at` (after `](` or `]:`), skipping white space: the
/// bytes inside `<…>`, or up to white space or an unbalanced `)`. `None` when nothing is
/// there before `limit`.
fn scan_destination(source: &str, at: usize, limit: usize) -> Option<Range<usize>> {
    let bytes = source.as_bytes();
    let limit = limit.min(bytes.len());
    let mut i = at;
    while i < limit && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    if i >= limit {
        return None;
    }
    if bytes[i] == b'<' {
        let start = i + 1;
        let mut j = start;
        while j < limit {
            match bytes[j] {
                b'>' => return Some(start..j),
                b'\\' => j += 2,
                b'\n' | b'\r' | b'<' => return None,
                _ => j += 1,
            }
        }
        return None;
    }
    let start = i;
    let mut depth = 0usize;
    let mut j = start;
    while j < limit {
        match bytes[j] {
            b if b <= b' ' => break,
            b'(' => depth += 1,
            b')' if depth == 0 => break,
            b')' => depth -= 1,
            b'\\' if bytes.get(j + 1).is_some_and(u8::is_ascii_punctuation) => j += 1,
            _ => {}
        }
        j += 1;
    }
    let end = j.min(limit);
    (end > start && source.is_char_boundary(start) && source.is_char_boundary(end))
        .then_some(start..end)
}
