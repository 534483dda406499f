//! Which parts of a self-assessment answer which requirement id, read generously: a
//! heading carrying the id at any level ("#### REL-003 Manage AWS and application logs
//! centrally", "## Reliability: REL-003"), a paragraph or list item that starts with it
//! ("**REL-003:** …", "REL-003 — …"), or a table row with the id in a cell (the other
//! cells, but the checklist's words, are the answer). The checklist's own words quoted
//! under an id (the template's blockquote) are never the partner's answer.

use std::ops::Range;

use crate::document::{BlockKind, Document, Link, LinkKind, Prose};
use crate::profile::Profile;

use super::vocabulary::VOCABULARY;

/// How an answer is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Heading,
    Label,
    TableRow,
}

/// The partner's text in one piece of prose: `doc.prose[prose]`, bytes `range` of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub prose: usize,
    pub range: Range<usize>,
}

/// One answer to one id.
#[derive(Debug, Clone)]
pub struct Answer {
    /// Index of the control in `Profile::controls`.
    pub control: usize,
    pub by: By,
    /// What marks it: the heading, the id of a label, the id's cell.
    pub anchor: Range<usize>,
    /// Everything that belongs to it.
    pub span: Range<usize>,
    /// The partner's words, piece by piece (ids, titles, headings and the checklist's
    /// quoted words left out).
    pub pieces: Vec<Piece>,
    /// Indexes into `doc.links` of the links and images inside it.
    pub links: Vec<usize>,
}

impl Answer {
    /// The partner's words, joined by spaces.
    pub fn text(&self, doc: &Document) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            let text = doc.prose[piece.prose].text[piece.range.clone()].trim();
            if text.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(text);
        }
        out
    }
}

/// An id-like token that names no requirement of the checklist ("DOC-004").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownId {
    pub id: String,
    pub span: Range<usize>,
}

/// Every answer of a document, by control.
#[derive(Debug, Default)]
pub struct Answers {
    /// For each control of the profile (same index), its answers in document order.
    pub by_control: Vec<Vec<Answer>>,
    pub unknown: Vec<UnknownId>,
}

/// The checklist's words, titles and headings, normalised, to recognise quoted text.
pub struct Checklist {
    corpus: String,
    /// Every run of three words of the corpus: text whose first or last three words are
    /// not among them cannot be a quote, which spares most searches of the corpus.
    trigrams: std::collections::HashSet<String>,
}

impl Checklist {
    pub fn new(profile: &Profile) -> Checklist {
        let mut corpus = String::from(" ");
        for control in &profile.controls {
            for text in [
                &control.section,
                &control.category,
                &control.title,
                &control.words,
            ] {
                corpus.push_str(&normalize(text));
                corpus.push_str(" | ");
            }
        }
        let words: Vec<&str> = corpus
            .split(' ')
            .filter(|w| !w.is_empty() && *w != "|")
            .collect();
        let trigrams = words.windows(3).map(|w| w.join(" ")).collect();
        Checklist { corpus, trigrams }
    }

    /// Whether `text` is the checklist's own words (three words or more, or a heading's
    /// whole text), not the partner's.
    pub fn quotes(&self, text: &str, short_ok: bool) -> bool {
        let norm = normalize(text);
        let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
        if words.len() >= 3 {
            let first = words[..3].join(" ");
            let last = words[words.len() - 3..].join(" ");
            if !self.trigrams.contains(&first) || !self.trigrams.contains(&last) {
                return false;
            }
        } else if !short_ok || words.is_empty() {
            return false;
        }
        self.corpus.contains(&format!(" {norm} "))
    }
}

/// Lower case, runs of letters and digits separated by one space.
fn normalize(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A marked place: an id and what it heads.
struct Mark {
    controls: Vec<usize>,
    by: By,
    anchor: Range<usize>,
    span: Range<usize>,
    /// For a label or row: where its own text starts (after the id and title) in the
    /// first prose, and which prose values are the row's id/requirement cells.
    skip: Vec<(usize, usize)>,
}

pub fn find(doc: &Document, profile: &Profile) -> Answers {
    let checklist = Checklist::new(profile);
    let families: Vec<String> = {
        let mut f: Vec<String> = profile
            .controls
            .iter()
            .filter_map(|c| c.id.split_once('-').map(|(f, _)| f.to_ascii_uppercase()))
            .collect();
        f.sort();
        f.dedup();
        f
    };
    let index_of = |id: &str| {
        profile
            .controls
            .iter()
            .position(|c| c.id.eq_ignore_ascii_case(id))
    };
    // A prerequisite's number ("2.1") is taken as its id only when what follows is empty,
    // punctuation or the requirement's title: "### 2.1 Business requirements" is a numbered
    // section of one's own, and numbers that are no id are not worth a warning.
    let resolve = |id: &str, after: &str| -> Resolved {
        let numeric = id.starts_with(|c: char| c.is_ascii_digit());
        match index_of(id) {
            Some(c) if !numeric || numeric_confirmed(after, &profile.controls[c].title) => {
                Resolved::Known(c)
            }
            None if !numeric => Resolved::Unknown,
            _ => Resolved::Ignored,
        }
    };
    let mut unknown = Vec::new();
    let mut marks: Vec<Mark> = Vec::new();

    // Headings.
    for (i, heading) in doc.headings.iter().enumerate() {
        let Some(span) = doc.section_span(i) else {
            continue;
        };
        let from = doc
            .prose
            .partition_point(|p| p.span.start < heading.span.start);
        let Some(prose) = doc.prose[from..]
            .iter()
            .take_while(|p| p.span.start < heading.span.end)
            .find(|p| p.span.end <= heading.span.end && matches!(p.block, BlockKind::Heading(_)))
        else {
            continue;
        };
        let found = ids_in(&prose.text, &families);
        let mut controls = Vec::new();
        for (range, id) in found {
            match resolve(&id, &prose.text[range.end..]) {
                Resolved::Known(c) => controls.push(c),
                Resolved::Unknown => unknown.push(UnknownId {
                    id,
                    span: prose.source_range(range),
                }),
                Resolved::Ignored => {}
            }
        }
        if !controls.is_empty() {
            marks.push(Mark {
                controls,
                by: By::Heading,
                anchor: heading.span.clone(),
                span,
                skip: Vec::new(),
            });
        }
    }

    // Table rows: a cell that starts with an id.
    let table_spans: Vec<Range<usize>> = doc.tables.iter().map(|t| t.span.clone()).collect();
    for table in &doc.tables {
        let header: Vec<String> = table
            .header
            .iter()
            .map(|c| c.text.trim().to_lowercase())
            .collect();
        let not_answer = |column: usize| {
            header.get(column).is_some_and(|h| {
                VOCABULARY.columns.requirement.contains(h) || VOCABULARY.columns.id.contains(h)
            })
        };
        for row in &table.rows {
            let Some((cell_index, cell, range, id)) =
                row.iter().enumerate().find_map(|(k, cell)| {
                    let (range, id) = leading_id(&cell.text, &families)?;
                    Some((k, cell, range, id))
                })
            else {
                continue;
            };
            let (Some(first), Some(last)) = (row.first(), row.last()) else {
                continue;
            };
            let control = match resolve(&id, &cell.text[range.end..]) {
                Resolved::Known(c) => c,
                Resolved::Unknown => {
                    unknown.push(UnknownId {
                        id,
                        span: cell.span.start + range.start..cell.span.start + range.end,
                    });
                    continue;
                }
                Resolved::Ignored => continue,
            };
            // Prose of cells that are not the answer: the id's own (its text after the id
            // and title is kept) and the requirement columns.
            let mut skip = Vec::new();
            for (k, other) in row.iter().enumerate() {
                if k == cell_index || not_answer(k) {
                    for (p, prose) in doc.prose.iter().enumerate() {
                        if prose.span.start >= other.span.start
                            && prose.span.end <= other.span.end
                            && !prose.span.is_empty()
                        {
                            let keep_from = if k == cell_index && !not_answer(k) {
                                after_title(
                                    &prose.text,
                                    range.end,
                                    &profile.controls[control].title,
                                )
                            } else {
                                prose.text.len()
                            };
                            skip.push((p, keep_from));
                        }
                    }
                }
            }
            marks.push(Mark {
                controls: vec![control],
                by: By::TableRow,
                anchor: cell.span.start + range.start..cell.span.start + range.end,
                span: first.span.start..last.span.end.max(first.span.end),
                skip,
            });
        }
    }

    // Labels: a paragraph or list item starting with an id.
    let mut seen_blocks = std::collections::HashSet::new();
    // Where an unknown id's label starts: it ends the label before it.
    let mut boundaries = Vec::new();
    for (p, prose) in doc.prose.iter().enumerate() {
        if !matches!(prose.block, BlockKind::Paragraph | BlockKind::ListItem)
            || prose.span.start < doc.body_start
            || !seen_blocks.insert(prose.block_index)
            || table_spans.iter().any(|t| t.contains(&prose.span.start))
        {
            continue;
        }
        let Some((range, id)) = leading_id(&prose.text, &families) else {
            continue;
        };
        let anchor = prose.source_range(range.clone());
        // "OPE-005 covers this too" opens a sentence that cites an id; a label is set off:
        // in bold, or followed by punctuation or the requirement's title.
        let after = &prose.text[range.end..];
        let bold = doc.source[..anchor.start].ends_with("**")
            || doc.source[..anchor.start].ends_with("__");
        let set_off = bold
            || after
                .trim_start_matches(['*', '_'])
                .starts_with([':', '.', ')', '—', '–'])
            || after.trim_start().starts_with("- ")
            || index_of(&id).is_some_and(|c| numeric_confirmed(after, &profile.controls[c].title));
        if !set_off {
            continue;
        }
        let control = match resolve(&id, after) {
            Resolved::Known(c) => c,
            Resolved::Unknown => {
                boundaries.push(prose.span.start);
                unknown.push(UnknownId { id, span: anchor });
                continue;
            }
            Resolved::Ignored => continue,
        };
        let keep_from = after_title(&prose.text, range.end, &profile.controls[control].title);
        marks.push(Mark {
            controls: vec![control],
            by: By::Label,
            anchor,
            span: prose.span.start..prose.span.end,
            skip: vec![(p, keep_from)],
        });
    }

    // A label runs to the next mark or heading, or a table of answers.
    let mut starts: Vec<usize> = marks.iter().map(|m| m.span.start).collect();
    starts.extend(doc.headings.iter().map(|h| h.span.start));
    starts.extend(boundaries);
    starts.extend(
        table_spans
            .iter()
            .filter(|t| {
                marks
                    .iter()
                    .any(|m| m.by == By::TableRow && t.contains(&m.span.start))
            })
            .map(|t| t.start),
    );
    starts.sort_unstable();
    for mark in marks.iter_mut().filter(|m| m.by == By::Label) {
        let end = starts
            .iter()
            .copied()
            .find(|&s| s > mark.span.start)
            .unwrap_or(doc.source.len());
        mark.span.end = end.max(mark.span.end);
    }

    // In source order, so what lies inside a mark is a slice (prose and links are in
    // source order too): linear in the document, not quadratic.
    marks.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut by_control: Vec<Vec<Answer>> = vec![Vec::new(); profile.controls.len()];
    for (m, mark) in marks.iter().enumerate() {
        // Marks inside this one that answer other ids are theirs, not this one's.
        let later = marks[m + 1..].partition_point(|o| o.span.start < mark.span.end);
        let inner: Vec<&Mark> = marks[m + 1..m + 1 + later]
            .iter()
            .filter(|other| other.span.end <= mark.span.end && other.span != mark.span)
            .collect();
        let prose_from = doc
            .prose
            .partition_point(|p| p.span.start < mark.span.start);
        let prose_to = doc.prose.partition_point(|p| p.span.start < mark.span.end);
        let links_from = doc
            .links
            .partition_point(|l| l.span.start < mark.span.start);
        let links_to = doc.links.partition_point(|l| l.span.start < mark.span.end);
        for &control in &mark.controls {
            // A more specific mark for the same id inside this one answers it instead.
            if inner.iter().any(|o| o.controls.contains(&control)) {
                continue;
            }
            let owned = |offset: usize| {
                mark.span.contains(&offset) && !inner.iter().any(|o| o.span.contains(&offset))
            };
            let mut pieces = Vec::new();
            for (p, prose) in doc.prose.iter().enumerate().take(prose_to).skip(prose_from) {
                // Headings and table header cells name things; they answer nothing.
                if matches!(prose.block, BlockKind::Heading(_))
                    || prose.context.table_header
                    || !owned(prose.span.start)
                {
                    continue;
                }
                let from = mark
                    .skip
                    .iter()
                    .find(|(s, _)| *s == p)
                    .map_or(0, |(_, from)| *from);
                if from >= prose.text.len() {
                    continue;
                }
                let text = &prose.text[from..];
                if checklist.quotes(text, false) {
                    continue;
                }
                pieces.push(Piece {
                    prose: p,
                    range: from..prose.text.len(),
                });
            }
            let links = doc
                .links
                .iter()
                .enumerate()
                .take(links_to)
                .skip(links_from)
                .filter(|(_, link)| owned(link.span.start))
                .map(|(i, _)| i)
                .collect();
            by_control[control].push(Answer {
                control,
                by: mark.by,
                anchor: mark.anchor.clone(),
                span: mark.span.clone(),
                pieces,
                links,
            });
        }
    }
    for answers in &mut by_control {
        answers.sort_by_key(|a| a.span.start);
    }
    unknown.sort_by_key(|u| u.span.start);
    unknown.dedup();
    Answers {
        by_control,
        unknown,
    }
}

enum Resolved {
    Known(usize),
    Unknown,
    Ignored,
}

/// Whether the text after a prerequisite's number confirms it is the id: nothing (or only
/// punctuation) follows, a `:` or a dash does, or at least half of the title's words do
/// ("2.1 Production AWS Customer Case Studies", "2.1 Production case studies").
fn numeric_confirmed(after: &str, title: &str) -> bool {
    let rest = after.trim_start_matches(['*', '_', ' ', '\t']);
    if rest.chars().all(|c| !c.is_alphanumeric())
        || rest.starts_with([':', '—', '–', ')'])
        || rest.starts_with("- ")
    {
        return true;
    }
    let title_words: Vec<String> = normalize(title)
        .split(' ')
        .filter(|w| w.len() >= 3)
        .map(String::from)
        .collect();
    let norm = normalize(rest);
    let rest_words: std::collections::HashSet<&str> =
        norm.split(' ').take(title_words.len() + 4).collect();
    let hits = title_words
        .iter()
        .filter(|w| rest_words.contains(w.as_str()))
        .count();
    hits > 0 && hits * 2 >= title_words.len()
}

/// Where the partner's own text starts after an id at `id_end`: past the control's title
/// if it follows, and the punctuation around ("**REL-003 Manage logs centrally:** We…").
fn after_title(text: &str, id_end: usize, title: &str) -> usize {
    let skip_punct = |from: usize| {
        from + text[from..]
            .char_indices()
            .find(|(_, c)| c.is_alphanumeric())
            .map_or(text.len() - from, |(i, _)| i)
    };
    let start = skip_punct(id_end);
    let title_words: Vec<String> = normalize(title).split(' ').map(String::from).collect();
    // Walk the words after the id while they are the title's, in order.
    let mut pos = start;
    let mut matched = 0;
    for word in &title_words {
        let rest = &text[pos..];
        let lead = rest.len()
            - rest
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let w_start = pos + lead;
        let w_len = text[w_start..]
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(text.len() - w_start, |(i, _)| i);
        if w_len == 0 || text[w_start..w_start + w_len].to_lowercase() != *word {
            break;
        }
        pos = w_start + w_len;
        matched += 1;
    }
    if matched == title_words.len() && matched > 0 {
        skip_punct(pos).min(text.len())
    } else {
        start.min(text.len())
    }
}

/// An id at the start of `text` (after spaces, `*`, `_`, `[`, `(` or `#`): technical
/// ("REL-003") or a prerequisite ("2.1").
fn leading_id(text: &str, families: &[String]) -> Option<(Range<usize>, String)> {
    let start = text.len()
        - text
            .trim_start_matches(|c: char| c.is_whitespace() || "*_[(#".contains(c))
            .len();
    let rest = &text[start..];
    if let Some((len, id)) = technical_id(rest, families) {
        return Some((start..start + len, id));
    }
    prerequisite_id(rest).map(|(len, id)| (start..start + len, id))
}

/// Ids in a heading: the ids it starts with ("REL-003 …", "REL-003 and REL-004: …"),
/// else technical ids anywhere ("Logs (REL-003)"), else a prerequisite id at its start
/// ("2.1 Production AWS Customer Case Studies", "Section 3.1"). Ids cited after a leading
/// one are references, as in the checklist's own titles ("… tracking system (SECOPS-006)").
fn ids_in(text: &str, families: &[String]) -> Vec<(Range<usize>, String)> {
    let leading = leading_ids(text, families);
    if !leading.is_empty() {
        return leading;
    }
    let mut out = Vec::new();
    for (i, _) in text.char_indices() {
        if text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric())
        {
            continue;
        }
        if let Some((len, id)) = technical_id(&text[i..], families) {
            out.push((i..i + len, id));
        }
    }
    if out.is_empty() {
        let lower = text.to_lowercase();
        let skip = ["section ", "prerequisite ", "§"]
            .iter()
            .find_map(|p| lower.strip_prefix(p).map(|_| p.len()))
            .unwrap_or(0);
        let start = skip + text[skip..].len() - text[skip..].trim_start().len();
        if let Some((len, id)) = prerequisite_id(&text[start..]) {
            out.push((start..start + len, id));
        }
    }
    out
}

/// The ids at the start of `text`, joined by `,`, `&`, `/`, `+` or "and".
fn leading_ids(text: &str, families: &[String]) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((range, id)) = leading_id(&text[from..], families) {
        let end = from + range.end;
        out.push((from + range.start..end, id));
        let rest = &text[end..];
        let joiner = rest.trim_start();
        let skip = ["and ", ",", "&", "/", "+"]
            .iter()
            .find(|j| joiner.to_ascii_lowercase().starts_with(**j))
            .map(|j| rest.len() - joiner.len() + j.len());
        match skip {
            Some(skip) => from = end + skip,
            None => break,
        }
    }
    out
}

/// "REL-003", "rel-003", "REL‑003" (a non-breaking hyphen), "REL_003" for a known family:
/// the length read and the id as the checklist writes it.
fn technical_id(text: &str, families: &[String]) -> Option<(usize, String)> {
    let letters = text
        .char_indices()
        .find(|(_, c)| !c.is_ascii_alphabetic())
        .map(|(i, _)| i)?;
    let family = text[..letters].to_ascii_uppercase();
    if !families.contains(&family) {
        return None;
    }
    let sep = text[letters..].chars().next()?;
    if !matches!(sep, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '_') {
        return None;
    }
    let digits_at = letters + sep.len_utf8();
    let digits = text[digits_at..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    if digits != 3 {
        return None;
    }
    let end = digits_at + 3;
    if text[end..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric())
    {
        return None;
    }
    Some((end, format!("{family}-{}", &text[digits_at..end])))
}

/// "2.1" followed by a space, `:`, `.`+space, `)` or the end; not "2.10", "2.1.3" or "1.0".
fn prerequisite_id(text: &str) -> Option<(usize, String)> {
    let b = text.as_bytes();
    if b.len() < 3 || !b[0].is_ascii_digit() || b[1] != b'.' || !(b'1'..=b'9').contains(&b[2]) {
        return None;
    }
    let next = text[3..].chars().next();
    let ok = match next {
        None => true,
        Some(c) if c.is_ascii_digit() => false,
        Some('.') => text[4..].chars().next().is_none_or(char::is_whitespace),
        Some(c) => c.is_whitespace() || ":)–—-".contains(c),
    };
    ok.then(|| (3, text[..3].to_string()))
}

/// Whether a link is to a file beside the document (not a web page, an e-mail address or a
/// place in the same document), and its target as written.
pub fn local_target(link: &Link) -> Option<&str> {
    let target = link.destination.trim();
    let lower = target.to_ascii_lowercase();
    // A file named in code is a mention, not a claim that evidence is attached.
    if link.kind == LinkKind::FileName {
        return None;
    }
    let is_web = link.kind == LinkKind::Bare
        || lower.contains("://")
        || lower.starts_with("www.")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
        || lower.starts_with("data:");
    let bare = target.split(['#', '?']).next().unwrap_or_default();
    (!is_web && !bare.is_empty() && !bare.starts_with('/')).then_some(target)
}

/// A web link's URL (`www.` read as `https://www.`).
pub fn web_url(link: &Link) -> Option<url::Url> {
    let target = link.destination.trim();
    let lower = target.to_ascii_lowercase();
    let text = if lower.starts_with("www.") {
        format!("https://{target}")
    } else if lower.starts_with("http://") || lower.starts_with("https://") {
        target.to_string()
    } else {
        return None;
    };
    url::Url::parse(&text).ok()
}

/// The prose a piece was read from.
pub fn piece_prose<'d>(doc: &'d Document, piece: &Piece) -> &'d Prose {
    &doc.prose[piece.prose]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answered(source: &str) -> Vec<(String, By, String)> {
        let profile = Profile::builtin().expect("profile");
        let (doc, _) = Document::parse("sa.md", source.to_string());
        let found = find(&doc, &profile);
        let mut out = Vec::new();
        for (c, answers) in found.by_control.iter().enumerate() {
            for a in answers {
                out.push((profile.controls[c].id.clone(), a.by, a.text(&doc)));
            }
        }
        out
    }

    #[test]
    fn ids() {
        let families = vec!["REL".to_string(), "SBR".to_string()];
        assert_eq!(
            technical_id("rel‑003 x", &families),
            Some((9, "REL-003".into()))
        );
        assert_eq!(technical_id("REL-0031", &families), None);
        assert_eq!(technical_id("XYZ-003", &families), None);
        assert_eq!(prerequisite_id("2.1 Production"), Some((3, "2.1".into())));
        assert_eq!(prerequisite_id("2.10"), None);
        assert_eq!(prerequisite_id("2.1.3"), None);
        assert_eq!(prerequisite_id("1.0 x"), None);
        assert_eq!(
            leading_id("**SBR-001:** yes", &families),
            Some((2..9, "SBR-001".into()))
        );
    }

    #[test]
    fn headings_labels_and_rows() {
        let src = "# SA\n\n## REL-003 Manage AWS and application logs centrally.\n\n\
            > All log information from the application, and from the AWS infrastructure, must be consolidated into a single system.\n\n\
            All logs go to Amazon CloudWatch Logs.\n\n\
            **REL-004 Manage AWS and application monitoring and alarms centrally.** One dashboard.\n\n\
            | ID | Requirement | Answer |\n|---|---|---|\n| OPE-003 | Code is peer reviewed | Two reviewers per pull request. |\n\n\
            ### 2.1 Production AWS Customer Case Studies\n\nFour case studies.\n";
        let found = answered(src);
        assert_eq!(
            found,
            [
                (
                    "2.1".to_string(),
                    By::Heading,
                    "Four case studies.".to_string()
                ),
                (
                    "REL-003".into(),
                    By::Heading,
                    "All logs go to Amazon CloudWatch Logs.".into()
                ),
                ("REL-004".into(), By::Label, "One dashboard.".into()),
                (
                    "OPE-003".into(),
                    By::TableRow,
                    "Two reviewers per pull request.".into()
                ),
            ]
        );
    }

    #[test]
    fn unknown_ids_and_ranges() {
        let profile = Profile::builtin().expect("profile");
        let (doc, _) = Document::parse(
            "sa.md",
            "## DOC-004 Something\n\nText.\n\n## Versions 1.10 and REL-099\n".to_string(),
        );
        let found = find(&doc, &profile);
        let ids: Vec<&str> = found.unknown.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["DOC-004", "REL-099"]);
        assert!(found.by_control.iter().all(Vec::is_empty));
    }

    #[test]
    fn ids_cited_in_a_title_are_references() {
        let src = "#### SECOPS-007 Automatically detect … tracking system (SECOPS-006).\n\nGuardDuty findings open tickets.\n\n## REL-003 and REL-004\n\nOne logging account for everything we run.\n";
        let found = answered(src);
        let ids: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(ids, ["SECOPS-007", "REL-003", "REL-004"], "{found:?}");
    }

    #[test]
    fn numbers_that_are_not_prerequisite_ids() {
        let src = "### 2.1 Business requirements\n\nText.\n\n2.4 million reminders a month go out.\n\n## 5.1 Setup\n\n**2.2:** Two are public.\n\n## 2.3 Anonymized case studies\n\nOne is anonymous.\n";
        let profile = Profile::builtin().expect("profile");
        let (doc, _) = Document::parse("sa.md", src.to_string());
        let found = find(&doc, &profile);
        assert!(found.unknown.is_empty(), "{:?}", found.unknown);
        let ids: Vec<&str> = found
            .by_control
            .iter()
            .enumerate()
            .filter(|(_, a)| !a.is_empty())
            .map(|(c, _)| profile.controls[c].id.as_str())
            .collect();
        assert_eq!(ids, ["2.2", "2.3"]);
    }

    #[test]
    fn an_id_opening_a_sentence_is_a_reference() {
        let src = "#### SECOPS-006 Implement a security ticketing system\n\nOPE-005 covers this too: the security team works in the same Jira instance.\n\nSECOPS-007 — GuardDuty findings open tickets.\n";
        let found = answered(src);
        let ids: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(ids, ["SECOPS-006", "SECOPS-007"], "{found:?}");
        assert!(found[0].2.starts_with("OPE-005 covers this too"));
    }

    #[test]
    fn a_nested_label_is_its_own_answer() {
        let src = "## Reliability REL-001\n\nRedundant tunnels to every customer.\n\n- REL-002: CloudWatch alarms page the on-call engineer.\n";
        let found = answered(src);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].2, "Redundant tunnels to every customer.");
        assert_eq!(found[1].2, "CloudWatch alarms page the on-call engineer.");
    }
}
