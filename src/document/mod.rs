//! Loading a file into a [`Document`]: front matter split from the Markdown body, the body
//! parsed once with pulldown-cmark (with offsets) into prose, headings, links and
//! suppression comments, each with its byte span in the file as read.
//!
//! Offsets everywhere are byte offsets into `Document::source`, the file exactly as read
//! (a UTF-8 BOM included), so a `Diagnostic` built from them points at the right place
//! and a fix can be applied to the file.

mod front_matter;
mod html;
mod load;
mod markdown;
mod markup;
mod mask;
mod mdx;
mod prose;
mod suggest;
mod suppress;
mod template;

use std::ops::Range;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::lines::LineIndex;

pub use front_matter::{
    FrontMatter, FrontMatterFormat, FrontMatterValue, KeyLocation, ScalarStyle,
};
pub use load::{Fingerprint, Limits, Source, read_source, read_stdin, read_text};
pub use mask::Flavour;
pub use prose::{BlockContext, BlockKind, Prose, ProseOrigin};
pub use suppress::{COMMENT_RULE, Suppressions};

/// What a document is, from the front-matter key `caselint:`. Files without the key are
/// customer-facing docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DocumentKind {
    #[default]
    Doc,
    CaseStudy,
    PublicPage,
    SelfAssessment,
}

impl DocumentKind {
    /// Every kind, in the order the documentation lists them.
    pub const ALL: [DocumentKind; 4] = [
        DocumentKind::CaseStudy,
        DocumentKind::PublicPage,
        DocumentKind::Doc,
        DocumentKind::SelfAssessment,
    ];

    /// The value written after `caselint:` in front matter.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Doc => "doc",
            DocumentKind::CaseStudy => "case-study",
            DocumentKind::PublicPage => "public-page",
            DocumentKind::SelfAssessment => "self-assessment",
        }
    }

    /// Parses the front-matter value (exact, lowercase, surrounding spaces ignored).
    pub fn from_name(name: &str) -> Option<DocumentKind> {
        let name = name.trim();
        DocumentKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }
}

/// A heading, with its text as a reader reads it (inline code included, HTML such as
/// `<a name="x"></a>` anchors left out, trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    /// The heading's source, from its first `#` (or first text line of a setext heading)
    /// to the end of its last line, without the line break.
    pub span: Range<usize>,
}

/// How a link is written in the Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkKind {
    /// `[text](destination)`
    Inline,
    /// `[text][label]`, `[text][]` or `[text]`, with a `[label]: destination` elsewhere.
    Reference,
    /// `<https://…>` or `<someone@example.com>`
    Autolink,
    /// A bare `https://…` or `www.…` in running text, which GitHub renders as a link.
    /// Its text is not prose.
    Bare,
    /// A diagram or image file named in inline code (`` `architecture.drawio` ``), which
    /// is how many writers point at an attached diagram without linking it.
    FileName,
}

/// A table cell: its text as a reader reads it (inline code and link text included,
/// white space collapsed, trimmed) and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    /// The cell's content in the source, without the surrounding `|` and spaces (an
    /// empty range at the cell's position for an empty cell).
    pub span: Range<usize>,
}

/// A GitHub-style table: the header row and the body rows, cell by cell. Rows keep the
/// cells as written (a row may have fewer cells than the header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
    /// The whole table in the source, header to last row.
    pub span: Range<usize>,
}

/// A link or an image. Its text (link text, image alt text) is prose; its destination is
/// not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub is_image: bool,
    pub kind: LinkKind,
    /// Decoded destination (`a\_b&amp;c` → `a_b&c`).
    pub destination: String,
    /// Where the destination is written in the source, without `<…>`; for reference links,
    /// in the reference definition. `None` when it could not be located.
    pub destination_span: Option<Range<usize>>,
    /// Link text or image alt text as a reader reads it (inline code included).
    pub text: String,
    /// The whole link or image in the source (`[text](destination "title")`).
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    pub source: String,
    pub front_matter: Option<FrontMatter>,
    pub kind: DocumentKind,
    /// The syntax the body is read in (MDX for `.mdx` files).
    pub flavour: Flavour,
    /// Running text, in source order: one value per block, or several when code, HTML,
    /// a URL or a footnote label interrupts a block (see [`Prose`]). In a doc, the
    /// front-matter `title` (as a level-1 heading), `description` and `summary` come
    /// first ([`ProseOrigin::FrontMatter`]); the visible text of HTML blocks is prose
    /// too ([`ProseOrigin::Html`]).
    pub prose: Vec<Prose>,
    /// The front-matter values read as prose, in source order: where they are and how
    /// they are written, which decides whether a fix may edit them ([`Document::vet_fix`]).
    pub front_matter_values: Vec<FrontMatterValue>,
    pub headings: Vec<Heading>,
    /// Links and images (and bare URLs), in source order (by where they start).
    pub links: Vec<Link>,
    /// Tables, in source order. Their cells are also prose (`BlockKind::TableCell`).
    pub tables: Vec<Table>,
    pub suppressions: Suppressions,
    pub lines: LineIndex,
    /// Byte offset where the Markdown body starts: after the BOM and the front matter.
    pub body_start: usize,
}

impl Document {
    /// Never fails: problems (malformed front matter, a bad `caselint:` kind, a mistyped
    /// `caselint-…` comment) come back as Diagnostics while the body is still parsed.
    pub fn parse(path: impl Into<PathBuf>, source: String) -> (Document, Vec<Diagnostic>) {
        let path = path.into();
        let lines = LineIndex::new(&source);
        let mut diagnostics = Vec::new();

        let split = front_matter::split(&source, &lines);
        diagnostics.extend(split.diagnostics);
        let front_matter = split.front_matter;
        let mut kind = DocumentKind::Doc;
        if let Some(fm) = &front_matter {
            let (found, diagnostic) = front_matter::document_kind(fm, &source);
            kind = found;
            diagnostics.extend(diagnostic);
        }

        let flavour = Flavour::of(&path);
        let mut body = markdown::parse_body(&source, split.body_start, flavour);
        let front_matter_values = match &front_matter {
            Some(fm) if kind == DocumentKind::Doc => front_matter::prose_values(fm, &source),
            _ => Vec::new(),
        };
        if !front_matter_values.is_empty() {
            let mut prose = prose::front_matter_prose(&source, &front_matter_values);
            let shift = front_matter_values.len();
            for value in &mut body.prose {
                value.block_index += shift;
            }
            prose.append(&mut body.prose);
            body.prose = prose;
        }
        let (suppressions, comment_diagnostics) =
            Suppressions::from_comments(&source, &lines, &body.comments);
        diagnostics.extend(comment_diagnostics);

        let document = Document {
            path,
            front_matter,
            kind,
            flavour,
            prose: body.prose,
            front_matter_values,
            headings: body.headings,
            links: body.links,
            tables: body.tables,
            suppressions,
            lines,
            body_start: split.body_start,
            source,
        };
        (document, diagnostics)
    }

    /// Keeps a fix that edits a front-matter value only when it is safe there: the YAML
    /// or TOML stays valid and needs no new quoting ([`FrontMatterValue::accepts`]).
    /// Otherwise the replacement stays a suggestion, which `--fix` does not apply. Rules'
    /// findings pass through here before they are reported.
    pub fn vet_fix(&self, diagnostic: &mut Diagnostic) {
        let (Some(fm), Some(fix)) = (&self.front_matter, &diagnostic.fix) else {
            return;
        };
        let span = diagnostic.span.clone();
        if span.start >= fm.span.end {
            return;
        }
        let Some(value) = self
            .front_matter_values
            .iter()
            .find(|v| span.start < v.span.end && v.span.start < span.end.max(span.start + 1))
        else {
            return;
        };
        if !value.accepts(fm, &self.source, span, &fix.replacement) {
            diagnostic.fix = None;
        }
    }

    /// 1-based line and 1-based character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col(&self.source, offset)
    }

    /// The headings whose sections contain `offset`, outermost first: for an offset under
    /// `## Results` inside `# Acme`, `[# Acme, ## Results]`. A heading's own text is inside
    /// its section.
    pub fn heading_path(&self, offset: usize) -> Vec<&Heading> {
        let mut path: Vec<&Heading> = Vec::new();
        for heading in self.headings.iter().take_while(|h| h.span.start <= offset) {
            while path.last().is_some_and(|last| last.level >= heading.level) {
                path.pop();
            }
            path.push(heading);
        }
        path
    }

    /// The section a heading starts: from the heading to the next heading of the same or
    /// a higher level (a smaller number), or the end of the file. `None` for an index past
    /// the last heading.
    pub fn section_span(&self, heading_index: usize) -> Option<Range<usize>> {
        let heading = self.headings.get(heading_index)?;
        let end = self.headings[heading_index + 1..]
            .iter()
            .find(|h| h.level <= heading.level)
            .map_or(self.source.len(), |h| h.span.start);
        Some(heading.span.start..end)
    }

    /// The front matter's data as a JSON object, if the document has valid front matter.
    pub fn metadata(&self) -> Option<&serde_json::Map<String, serde_json::Value>> {
        self.front_matter.as_ref()?.data.as_ref()?.as_object()
    }
}

#[cfg(test)]
mod extraction_tests;
#[cfg(test)]
mod tests;
