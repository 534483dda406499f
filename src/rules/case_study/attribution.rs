//! Which blocks of a case study answer which requirement, read the way a validator reads
//! them: from a section's heading (any level, any wording the profile knows, numbered,
//! asked as a question, "About <customer>", a requirement id), from an inline label
//! ("**UCR-002 Key business challenge:** …", "Goals: …"), and, under no recognised
//! heading, from what a block says (content cues, `lexicon/evidence/attribution.toml`).
//!
//! Attribution only says where to look first. The rules then ask the detectors for
//! evidence in those blocks, and in the whole document when they find nothing there: an
//! error means the document lacks the evidence, not that it stands under another heading.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::document::{BlockKind, Document, Prose};
use crate::evidence::text::{PhraseSet, tokens};
use crate::profile::Profile;

const VOCABULARY: &str = include_str!("../../../lexicon/evidence/attribution.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vocabulary {
    customer_intro: Vec<String>,
    not_customer: Vec<String>,
    label_max_words: usize,
    part_labels: Vec<String>,
    cues: HashMap<String, Vec<String>>,
}

struct Lists {
    customer_intro: Vec<String>,
    not_customer: Vec<String>,
    label_max_words: usize,
    part_labels: Vec<String>,
    cues: HashMap<String, PhraseSet>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    // Embedded at build time and parsed by the unit tests: cannot fail in a release.
    let v: Vocabulary = toml::from_str(VOCABULARY)
        .unwrap_or_else(|err| panic!("lexicon/evidence/attribution.toml is not valid: {err}"));
    let cues = v
        .cues
        .iter()
        .map(|(id, words)| {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            (id.clone(), PhraseSet::new(&words))
        })
        .collect();
    Lists {
        customer_intro: v.customer_intro,
        not_customer: v.not_customer,
        label_max_words: v.label_max_words,
        part_labels: v.part_labels,
        cues,
    }
});

/// How a part of the document came to answer a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum By {
    /// A section whose heading names the requirement.
    Heading,
    /// A paragraph or list item that starts with a label naming it, and what belongs to
    /// the label (the paragraphs after it, or the item's nested items).
    Label,
    /// A block under no recognised heading whose words answer it.
    Content,
}

/// One part of the document attributed to one requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Index of the requirement in `Profile::requirements`.
    pub requirement: usize,
    /// Source bytes of the part.
    pub span: Range<usize>,
    /// Where a finding about the part points: its heading or label, else its start.
    pub anchor: Range<usize>,
    pub by: By,
}

/// Every part of one document, by requirement.
#[derive(Debug, Default)]
pub struct Attribution {
    pub parts: Vec<Part>,
}

impl Attribution {
    /// The parts answering a requirement (by index), in document order.
    pub fn of(&self, requirement: usize) -> Vec<&Part> {
        let mut out: Vec<&Part> = self
            .parts
            .iter()
            .filter(|p| p.requirement == requirement)
            .collect();
        out.sort_by_key(|p| p.span.start);
        out
    }

    /// The requirements whose heading or label parts contain `offset`.
    pub fn placed_at(&self, offset: usize) -> impl Iterator<Item = usize> + '_ {
        self.parts
            .iter()
            .filter(move |p| p.by != By::Content && p.span.contains(&offset))
            .map(|p| p.requirement)
    }
}

/// Who the document is about, for "About <customer>" headings.
#[derive(Debug, Default, Clone, Copy)]
pub struct Names<'a> {
    pub customer: Option<&'a str>,
    pub partner: Option<&'a str>,
}

/// Attributes the blocks of `doc` to the requirements of `profile`.
pub fn attribute(doc: &Document, profile: &Profile, names: Names) -> Attribution {
    let mut parts = Vec::new();
    let index_of = |id: &str| profile.requirements.iter().position(|r| r.id == id);

    // Headings, at any level; the document's title (a first level-1 heading) is no section.
    for (i, heading) in doc.headings.iter().enumerate() {
        if i == 0 && heading.level == 1 {
            continue;
        }
        let Some(span) = doc.section_span(i) else {
            continue;
        };
        for requirement in heading_requirements(profile, &heading.text, names) {
            parts.push(Part {
                requirement,
                span: span.clone(),
                anchor: heading.span.clone(),
                by: By::Heading,
            });
        }
    }

    // Inline labels and bold lines standing as headings.
    let blocks = blocks(doc);
    for (k, block) in blocks.iter().enumerate() {
        let Some(label) = label_of(doc, block) else {
            continue;
        };
        let found = heading_requirements(profile, &label.text, names);
        if found.is_empty() {
            continue;
        }
        let names_a_requirement =
            |label: &Label| !heading_requirements(profile, &label.text, names).is_empty();
        let end = if label.strong || block.kind == BlockKind::ListItem {
            label_end(doc, &blocks, k, names_a_requirement)
        } else {
            block.span.end
        };
        for requirement in found {
            parts.push(Part {
                requirement,
                span: block.span.start..end,
                anchor: label.span.clone(),
                by: By::Label,
            });
        }
    }

    // Content, where no heading or label says what a block answers.
    let placed: Vec<Range<usize>> = parts.iter().map(|p| p.span.clone()).collect();
    let lists = &*LISTS;
    for block in &blocks {
        if placed.iter().any(|s| s.contains(&block.span.start)) {
            continue;
        }
        let text = block.text();
        let toks = tokens(&text);
        for (id, cues) in &lists.cues {
            let Some(requirement) = index_of(id) else {
                continue;
            };
            if (0..toks.len()).any(|i| cues.longest_at(&toks, i).is_some()) {
                parts.push(Part {
                    requirement,
                    span: block.span.clone(),
                    anchor: block.span.clone(),
                    by: By::Content,
                });
            }
        }
        // The solution area named in the text is the fit's answer (UCR-004).
        if let Some(requirement) = index_of("UCR-004") {
            let lower = text.to_lowercase();
            if profile
                .profile
                .solution_areas
                .iter()
                .any(|a| lower.contains(&a.to_lowercase()))
                && !parts
                    .iter()
                    .any(|p| p.requirement == requirement && p.span == block.span)
            {
                parts.push(Part {
                    requirement,
                    span: block.span.clone(),
                    anchor: block.span.clone(),
                    by: By::Content,
                });
            }
        }
    }
    Attribution { parts }
}

/// The requirements (indexes) a heading or a label answers.
pub fn heading_requirements(profile: &Profile, text: &str, names: Names) -> Vec<usize> {
    let index = |id: &str| profile.requirements.iter().position(|r| r.id == id);
    let mut out: Vec<usize> = profile
        .requirements_for_heading(text)
        .into_iter()
        .filter_map(|r| index(&r.id))
        .collect();
    if out.is_empty()
        && is_about_customer(text, names)
        && let Some(i) = index("UCR-001")
    {
        out.push(i);
    }
    out
}

/// "About Acme Dental", "Meet Acme", "Who is Acme?": a heading about the customer, unless
/// what follows is the partner or the text itself ("About us", "About the author").
fn is_about_customer(text: &str, names: Names) -> bool {
    let lower = normalized(text);
    let lists = &*LISTS;
    let Some(rest) = lists
        .customer_intro
        .iter()
        .find_map(|intro| lower.strip_prefix(&format!("{intro} ")))
    else {
        return false;
    };
    let rest = rest.trim();
    if rest.is_empty() || lists.not_customer.iter().any(|n| n == rest) {
        return false;
    }
    let first_word = |name: &str| {
        normalized(name)
            .split(' ')
            .find(|w| w.len() >= 3)
            .map(String::from)
    };
    if let Some(partner) = names.partner.and_then(first_word)
        && rest.split(' ').any(|w| w == partner)
    {
        return false;
    }
    match names.customer.and_then(first_word) {
        Some(customer) => rest.split(' ').any(|w| w == customer),
        // Anonymous or unnamed: "About the dental group" still describes the customer.
        None => true,
    }
}

/// Lower case, words separated by one space, punctuation dropped.
fn normalized(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One block of the body: the prose values sharing a `block_index`.
pub(super) struct Block<'a> {
    pub prose: Vec<&'a Prose>,
    pub span: Range<usize>,
    pub kind: BlockKind,
    pub list_depth: u8,
}

impl Block<'_> {
    fn text(&self) -> String {
        let mut out = String::new();
        for p in &self.prose {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&p.text);
        }
        out
    }
}

/// The body's blocks other than headings, in source order.
pub(super) fn blocks(doc: &Document) -> Vec<Block<'_>> {
    let mut out: Vec<Block> = Vec::new();
    for prose in doc.prose.iter().filter(|p| p.span.start >= doc.body_start) {
        if matches!(prose.block, BlockKind::Heading(_)) {
            continue;
        }
        if let Some(last) = out.last_mut()
            && last.prose.last().map(|p| p.block_index) == Some(prose.block_index)
        {
            last.span.end = last.span.end.max(prose.span.end);
            last.prose.push(prose);
            continue;
        }
        out.push(Block {
            prose: vec![prose],
            span: prose.span.clone(),
            kind: prose.block,
            list_depth: prose.context.list_depth,
        });
    }
    out
}

struct Label {
    text: String,
    span: Range<usize>,
    /// In bold, or naming a requirement id: it heads what follows, like a heading. A
    /// plain "The problem was clear: …" heads only its own block.
    strong: bool,
}

/// A label at the start of a paragraph or list item: "UCR-002 Key business challenge:",
/// "Goals:", or a whole short block in bold standing as a heading ("**Results**").
fn label_of(doc: &Document, block: &Block) -> Option<Label> {
    if !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem) {
        return None;
    }
    let first = block.prose.first()?;
    let text = first.text.as_str();
    let max = LISTS.label_max_words;
    if let Some(colon) = text.find(':') {
        let label = &text[..colon];
        let words = label.split_whitespace().count();
        if (1..=max).contains(&words) && !label.contains(['.', '!', '?']) {
            let strong = opens_in_bold(doc, &block.span)
                || label.bytes().any(|b| b.is_ascii_digit()) && label.contains('-');
            return Some(Label {
                text: label.to_string(),
                span: first.source_range(0..colon + 1),
                strong,
            });
        }
    }
    // A bold run-in label: "**What went wrong.** The first sync …".
    if opens_in_bold(doc, &block.span)
        && let Some(inside) = doc.source.get(block.span.clone())
    {
        let run_start = if inside.starts_with("**") || inside.starts_with("__") {
            2
        } else {
            0
        };
        if let Some(close) = inside[run_start..].find(['*', '_']) {
            let run = inside[run_start..run_start + close].trim();
            let rest = inside[run_start + close..].trim_start_matches(['*', '_']);
            let words = run.split_whitespace().count();
            if (1..=max).contains(&words)
                && run.ends_with(['.', ':', '?', '!'])
                && !rest.trim().is_empty()
            {
                let end = block.span.start + run_start + close;
                return Some(Label {
                    text: run.trim_end_matches(['.', ':']).to_string(),
                    span: block.span.start..end,
                    strong: true,
                });
            }
        }
    }
    // A short bold line: "**What we learned**".
    let words = text.split_whitespace().count();
    if block.prose.len() == 1 && (1..=max).contains(&words) && all_in_bold(doc, &block.span) {
        return Some(Label {
            text: text.to_string(),
            span: block.span.clone(),
            strong: true,
        });
    }
    None
}

/// The source of `span`'s line around it: what comes before it on its line (list markers,
/// quote markers and emphasis the block's text leaves out) and after it.
fn line_around<'a>(doc: &'a Document, span: &Range<usize>) -> (&'a str, &'a str) {
    let source = doc.source.as_str();
    let line_start = crate::lines::line_around(source, span.start).start;
    let line_end = crate::lines::line_around(source, span.end).end;
    (
        source.get(line_start..span.start).unwrap_or_default(),
        source.get(span.end..line_end).unwrap_or_default(),
    )
}

/// Whether the block starts in bold: `**UCR-002 Challenge:** …`, `- __Goals:__ …`. The
/// block's span may start inside the emphasis or before it.
fn opens_in_bold(doc: &Document, span: &Range<usize>) -> bool {
    let (before, _) = line_around(doc, span);
    let inside = doc.source.get(span.clone()).unwrap_or_default();
    is_bold_marker_end(before.trim_end()) || inside.starts_with("**") || inside.starts_with("__")
}

/// Whether the whole block is in bold: `**What we learned**`, `**KPI 1, uptime.**`.
fn all_in_bold(doc: &Document, span: &Range<usize>) -> bool {
    let (_, after) = line_around(doc, span);
    let inside = doc.source.get(span.clone()).unwrap_or_default().trim_end();
    let after = after.trim();
    let closes = matches!(after, "**" | "__") || after.is_empty() && is_bold_marker_end(inside);
    opens_in_bold(doc, span) && closes
}

fn is_bold_marker_end(text: &str) -> bool {
    text.ends_with("**") || text.ends_with("__")
}

/// Whether a label names a part of one answer ("Baseline:", "Target:", "Result:") rather
/// than a requirement of its own, by its first word.
fn is_part_label(label: &Label) -> bool {
    tokens(&label.text)
        .first()
        .is_some_and(|t| LISTS.part_labels.iter().any(|w| t.is(w)))
}

/// Where what a label heads ends: a list item's label covers its nested items; a
/// paragraph's label covers the paragraphs after it up to the next label or heading, and
/// the list after it whatever its items' own labels ("- Business: …", "- Technical: …"),
/// unless an item's label names another requirement and is no part of an answer
/// ("**KPI 1.**" then "- *Target:* 1 hour" is one KPI, not a goal).
fn label_end(
    doc: &Document,
    blocks: &[Block],
    k: usize,
    names_a_requirement: impl Fn(&Label) -> bool,
) -> usize {
    let block = &blocks[k];
    let next_heading = doc
        .headings
        .iter()
        .map(|h| h.span.start)
        .find(|&s| s > block.span.start)
        .unwrap_or(doc.source.len());
    let mut end = block.span.end;
    for next in &blocks[k + 1..] {
        if next.span.start >= next_heading {
            break;
        }
        let belongs = if block.kind == BlockKind::ListItem {
            next.list_depth > block.list_depth
        } else {
            match label_of(doc, next) {
                None => true,
                Some(label) => {
                    next.kind == BlockKind::ListItem
                        && (!names_a_requirement(&label) || is_part_label(&label))
                }
            }
        };
        if !belongs {
            break;
        }
        end = next.span.end;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(source: &str, names: Names) -> Vec<(String, By, String)> {
        let profile = Profile::builtin().expect("profile");
        let (doc, _) = Document::parse("t.md", source.to_string());
        let mut out: Vec<(String, By, String)> = attribute(&doc, &profile, names)
            .parts
            .into_iter()
            .map(|p| {
                let text = doc.source[p.span.clone()].trim().to_string();
                (profile.requirements[p.requirement].id.clone(), p.by, text)
            })
            .collect();
        out.sort_by(|a, b| (a.0.as_str(), a.2.as_str()).cmp(&(b.0.as_str(), b.2.as_str())));
        out
    }

    fn ids(source: &str) -> Vec<String> {
        let mut ids: Vec<String> = parts(source, Names::default())
            .into_iter()
            .map(|p| p.0)
            .collect();
        ids.dedup();
        ids
    }

    #[test]
    fn the_vocabulary_parses() {
        let v: Vocabulary = toml::from_str(VOCABULARY).expect("valid");
        let profile = Profile::builtin().expect("profile");
        for id in v.cues.keys() {
            assert!(profile.requirement(id).is_some(), "cue for unknown {id}");
        }
    }

    #[test]
    fn headings_of_any_form() {
        assert_eq!(ids("# Title\n\n## 3. Goals\n\nText.\n"), ["UCR-003"]);
        assert_eq!(
            ids("## Why not Kubernetes?\n\nText.\n\n## What we'd do differently\n\nText.\n"),
            ["CO-002", "PS-003"]
        );
        assert_eq!(
            ids("## The challenge and the goals\n\nText.\n"),
            ["UCR-002", "UCR-003"]
        );
        // The checklist's own words for PS-002: "service selection decisions".
        assert_eq!(
            ids("## 6. Why these services, and how it all connects\n\nText.\n"),
            ["PS-002"]
        );
        assert_eq!(ids("### 7.1 Service selection\n\nText.\n"), ["PS-002"]);
    }

    #[test]
    fn about_the_customer() {
        let names = Names {
            customer: Some("Acme Dental Care LLC"),
            partner: Some("BrightChair Inc."),
        };
        let found = parts(
            "## About Acme Dental\n\nText.\n\n## About BrightChair\n\nUs.\n",
            names,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "UCR-001");
        assert!(found[0].2.starts_with("## About Acme"));
    }

    #[test]
    fn inline_labels_of_a_q_and_a() {
        let src = "# Case study\n\n**UCR-002 Key business challenge:** Orders were lost.\n\nA second paragraph.\n\n**UCR-003 Goals:** Cut errors.\n";
        let found = parts(src, Names::default());
        let challenge: Vec<_> = found.iter().filter(|p| p.0 == "UCR-002").collect();
        assert_eq!(challenge.len(), 1, "{found:?}");
        assert_eq!(challenge[0].1, By::Label);
        assert!(challenge[0].2.ends_with("A second paragraph."), "{found:?}");
        assert!(found.iter().any(|p| p.0 == "UCR-003" && p.1 == By::Label));
    }

    #[test]
    fn a_labelled_paragraph_covers_the_labelled_list_after_it() {
        let src = "# Case study\n\n**UCR-003 Goals and objectives:** Agreed at kick-off:\n\n\
                   - Business: cut the outage to half a day.\n- Technical: an RPO of one hour.\n\n\
                   **UCR-004 Fit:** Data protection.\n";
        let found = parts(src, Names::default());
        let goals: Vec<_> = found.iter().filter(|p| p.0 == "UCR-003").collect();
        assert_eq!(goals.len(), 1, "{found:?}");
        assert!(goals[0].2.ends_with("an RPO of one hour."), "{found:?}");
        assert!(!goals[0].2.contains("UCR-004"), "{found:?}");
    }

    #[test]
    fn a_kpi_keeps_its_target_and_baseline_items() {
        let src = "# Case study\n\n**KPI 1, recovery point.**\n\n- *Baseline:* 24 hours.\n\
                   - *Target:* 1 hour.\n- *Result:* 38 seconds.\n\n**What went wrong.** A lot.\n";
        let found = parts(src, Names::default());
        let kpi: Vec<_> = found.iter().filter(|p| p.0 == "CO-001").collect();
        assert!(
            kpi[0].2.contains("Baseline") && kpi[0].2.ends_with("38 seconds."),
            "{found:?}"
        );
        assert!(!kpi.iter().any(|p| p.2.contains("went wrong")), "{found:?}");
        // A bold run-in label heads its paragraph: the lessons are CO-002's.
        assert!(
            found.iter().any(|p| p.0 == "CO-002" && p.1 == By::Label),
            "{found:?}"
        );
        // Under a label that names a requirement, an item naming another one still ends it.
        let src = "# Case study\n\n**KPI 1, recovery point.**\n\n- *Baseline:* 24 hours.\n\
                   - Lessons learned: test restores early.\n";
        let found = parts(src, Names::default());
        let kpi: Vec<_> = found.iter().filter(|p| p.0 == "CO-001").collect();
        assert!(kpi[0].2.ends_with("24 hours."), "{found:?}");
    }

    #[test]
    fn a_labelled_list_item_covers_its_nested_items() {
        let src = "- **Lessons learned:** three things\n  - validate connectors early\n  - map data first\n- Another item\n";
        let found = parts(src, Names::default());
        let lessons: Vec<_> = found
            .iter()
            .filter(|p| p.0 == "CO-002" && p.1 == By::Label)
            .collect();
        assert_eq!(lessons.len(), 1, "{found:?}");
        assert!(lessons[0].2.contains("map data first"));
        assert!(!lessons[0].2.contains("Another item"));
    }

    #[test]
    fn content_without_headings() {
        let src = "Acme was founded in 1998 and employs 120 people.\n\nNext time we will validate every connector before go-live.\n\nWe considered an off-the-shelf tool and ruled it out.\n";
        assert_eq!(ids(src), ["CO-002", "PS-003", "UCR-001"]);
        // Under a recognised heading, the heading decides.
        let src = "## Results\n\nNext time we will add a step.\n";
        assert_eq!(ids(src), ["CO-001"]);
    }
}
