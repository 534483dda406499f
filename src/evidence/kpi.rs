//! KPIs: each with a baseline, a target, the actual result and how it was measured, as
//! the checklist (CO-001) asks. Found in tables (a KPI per row, or per column when the
//! table is turned around) and in labelled prose ("Baseline: 5 days", "target of 1 day",
//! "measured with the ERP's logs"), grouped under the KPI's name.

use std::ops::Range;

use std::sync::LazyLock;

use serde::Deserialize;

use super::Scope;
use super::quantity::quantities_in;
use super::text::{PhraseSet, Tok, TokKind, quote, sentences, tokens};
use crate::document::{BlockKind, Cell, Table};

const WORD_LISTS_TOML: &str = include_str!("../../lexicon/evidence/kpi-labels.toml");

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WordLists {
    method_headers: Vec<String>,
    actual_headers: Vec<String>,
    baseline_headers: Vec<String>,
    target_headers: Vec<String>,
    method_verbs: Vec<String>,
    name_headers: Vec<String>,
    method_prepositions: Vec<String>,
    bare_labels: Vec<String>,
    placeholders: Vec<String>,
    not_yet_openers: Vec<String>,
    number_words: Vec<String>,
}

static WORD_LISTS: std::sync::LazyLock<WordLists> = std::sync::LazyLock::new(|| {
    // Embedded at build time and parsed by the unit tests: cannot fail in a release.
    toml::from_str(WORD_LISTS_TOML)
        .unwrap_or_else(|err| panic!("lexicon/evidence/kpi-labels.toml is not valid: {err}"))
});

/// The word lists as slices of `&str`, the form the scanners compare tokens with.
struct Words {
    method_headers: Vec<&'static str>,
    actual_headers: Vec<&'static str>,
    baseline_headers: Vec<&'static str>,
    target_headers: Vec<&'static str>,
    method_verbs: Vec<&'static str>,
    name_headers: Vec<&'static str>,
    method_prepositions: Vec<&'static str>,
    bare_labels: Vec<&'static str>,
    placeholders: Vec<&'static str>,
    not_yet_openers: Vec<&'static str>,
    number_words: Vec<&'static str>,
}

fn strs(list: &'static [String]) -> Vec<&'static str> {
    list.iter().map(String::as_str).collect()
}

static WORDS: std::sync::LazyLock<Words> = std::sync::LazyLock::new(|| {
    let data: &'static WordLists = &WORD_LISTS;
    Words {
        method_headers: strs(&data.method_headers),
        actual_headers: strs(&data.actual_headers),
        baseline_headers: strs(&data.baseline_headers),
        target_headers: strs(&data.target_headers),
        method_verbs: strs(&data.method_verbs),
        name_headers: strs(&data.name_headers),
        method_prepositions: strs(&data.method_prepositions),
        bare_labels: strs(&data.bare_labels),
        placeholders: strs(&data.placeholders),
        not_yet_openers: strs(&data.not_yet_openers),
        number_words: strs(&data.number_words),
    }
});

const VOCABULARY: &str = include_str!("../../lexicon/evidence/kpi.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vocabulary {
    target_words: Vec<String>,
    target_reach: usize,
    method_words: Vec<String>,
    baseline_before: Vec<String>,
    actual_before: Vec<String>,
    actual_headers: Vec<String>,
    baseline_headers: Vec<String>,
    target_headers: Vec<String>,
}

struct Lists {
    target_words: PhraseSet,
    target_reach: usize,
    method_words: PhraseSet,
    baseline_before: PhraseSet,
    actual_before: PhraseSet,
    actual_headers: Vec<String>,
    baseline_headers: Vec<String>,
    target_headers: Vec<String>,
}

fn set(words: &[String]) -> PhraseSet {
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    PhraseSet::new(&words)
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    // Embedded at build time and parsed by the unit tests: cannot fail in a release.
    let v: Vocabulary = toml::from_str(VOCABULARY)
        .unwrap_or_else(|err| panic!("lexicon/evidence/kpi.toml is not valid: {err}"));
    Lists {
        target_words: set(&v.target_words),
        target_reach: v.target_reach,
        method_words: set(&v.method_words),
        baseline_before: set(&v.baseline_before),
        actual_before: set(&v.actual_before),
        actual_headers: v.actual_headers,
        baseline_headers: v.baseline_headers,
        target_headers: v.target_headers,
    }
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Baseline,
    Target,
    Actual,
    Method,
}

impl Part {
    pub const ALL: [Part; 4] = [Part::Baseline, Part::Target, Part::Actual, Part::Method];

    pub fn describe(self) -> &'static str {
        match self {
            Part::Baseline => "baseline",
            Part::Target => "target",
            Part::Actual => "actual result",
            Part::Method => "measurement method",
        }
    }
}

/// One part of a KPI as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub text: String,
    /// Source byte range.
    pub span: Range<usize>,
}

/// A KPI and the parts found for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kpi {
    pub name: String,
    /// Source byte range: the table row (or column's header) or the name in prose.
    pub span: Range<usize>,
    pub baseline: Option<Field>,
    pub target: Option<Field>,
    pub actual: Option<Field>,
    pub method: Option<Field>,
    /// Found in a table (a row or a column), not in labelled prose.
    pub in_table: bool,
}

impl Kpi {
    fn new(name: String, span: Range<usize>) -> Kpi {
        Kpi {
            name,
            span,
            in_table: false,
            baseline: None,
            target: None,
            actual: None,
            method: None,
        }
    }

    pub fn part(&self, part: Part) -> Option<&Field> {
        match part {
            Part::Baseline => self.baseline.as_ref(),
            Part::Target => self.target.as_ref(),
            Part::Actual => self.actual.as_ref(),
            Part::Method => self.method.as_ref(),
        }
    }

    fn slot(&mut self, part: Part) -> &mut Option<Field> {
        match part {
            Part::Baseline => &mut self.baseline,
            Part::Target => &mut self.target,
            Part::Actual => &mut self.actual,
            Part::Method => &mut self.method,
        }
    }

    pub fn missing(&self) -> Vec<Part> {
        Part::ALL
            .into_iter()
            .filter(|p| self.part(*p).is_none())
            .collect()
    }

    /// The baseline, target or actual value has a number.
    pub fn is_quantified(&self) -> bool {
        [&self.baseline, &self.target, &self.actual]
            .into_iter()
            .flatten()
            .any(|f| has_number(&f.text))
    }

    /// All four parts, with numbers.
    pub fn is_complete(&self) -> bool {
        self.missing().is_empty() && self.is_quantified()
    }

    fn is_empty(&self) -> bool {
        Part::ALL.iter().all(|p| self.part(*p).is_none())
    }
}

/// What the KPI scan found in a scope.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KpiReport {
    pub kpis: Vec<Kpi>,
    /// Problems with the way KPIs are written ("the KPI table has no target column").
    pub problems: Vec<(Range<usize>, String)>,
    /// Sentences that give a target or a method next to numbers: KPIs told in prose that
    /// the finder could not take apart with certainty.
    pub prose_candidates: usize,
}

/// The KPIs in a scope: its tables, then its labelled prose.
pub fn kpis(scope: &Scope) -> KpiReport {
    let mut report = table_kpis(scope);
    from_prose(scope, &mut report);
    from_sentences(scope, &mut report);
    report
}

/// The KPIs in the tables of a scope only.
pub(crate) fn table_kpis(scope: &Scope) -> KpiReport {
    let mut report = KpiReport::default();
    for table in scope
        .doc
        .tables
        .iter()
        .filter(|t| t.span.start >= scope.span.start && t.span.end <= scope.span.end)
    {
        from_table(table, &mut report);
    }
    report
}

/// Which part a header (or a row label) names; `None` for other columns.
fn classify_header(text: &str) -> Option<Part> {
    let toks = tokens(text);
    let has = |list: &[&str]| toks.iter().any(|t| t.is_any(list));
    if has(WORDS.method_headers.as_slice()) {
        Some(Part::Method)
    } else if has(WORDS.actual_headers.as_slice()) {
        Some(Part::Actual)
    } else if has(WORDS.baseline_headers.as_slice()) {
        Some(Part::Baseline)
    } else if has(WORDS.target_headers.as_slice()) {
        Some(Part::Target)
    } else if has(WORDS.method_verbs.as_slice()) {
        Some(Part::Method)
    } else {
        let lists = &*LISTS;
        let has_data = |list: &[String]| toks.iter().any(|t| list.iter().any(|w| t.is(w)));
        if has_data(&lists.actual_headers) {
            Some(Part::Actual)
        } else if has_data(&lists.baseline_headers) {
            Some(Part::Baseline)
        } else if has_data(&lists.target_headers) {
            Some(Part::Target)
        } else {
            None
        }
    }
}

/// A header's part, read from its words outside parentheses first: "Before (how we knew)"
/// names the baseline, with how it was known beside it; and the part its parenthesis
/// names besides, if another.
fn classify_column(text: &str) -> (Option<Part>, Option<Part>) {
    let mut outside = String::new();
    let mut inside = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth > 0 => inside.push(c),
            _ => outside.push(c),
        }
        if matches!(c, '(' | ')') {
            outside.push(' ');
            inside.push(' ');
        }
    }
    match classify_header(&outside) {
        Some(main) if !inside.trim().is_empty() => {
            (Some(main), classify_header(&inside).filter(|p| *p != main))
        }
        _ => (classify_header(text), None),
    }
}

fn is_name_header(text: &str) -> bool {
    tokens(text)
        .iter()
        .any(|t| t.is_any(WORDS.name_headers.as_slice()))
}

fn is_placeholder(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.').to_lowercase();
    WORDS.placeholders.as_slice().contains(&t.as_str())
        || WORDS
            .not_yet_openers
            .iter()
            .any(|opener| t.starts_with(opener))
}

/// A digit, a number word or a percentage.
pub fn has_number(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
        || tokens(text)
            .iter()
            .any(|t| t.is_any(WORDS.number_words.as_slice()))
}

fn field(cell: &Cell) -> Option<Field> {
    (!is_placeholder(&cell.text)).then(|| Field {
        text: cell.text.clone(),
        span: cell.span.clone(),
    })
}

/// A table whose header (or first column) names at least two KPI parts, or one part
/// and a KPI / metric column.
fn from_table(table: &Table, report: &mut KpiReport) {
    let (mut columns, qualifiers): (Vec<Option<Part>>, Vec<Option<Part>>) = table
        .header
        .iter()
        .map(|c| classify_column(&c.text))
        .unzip();
    // By elimination: a table naming three parts and one more column besides the KPI's
    // name ("Starting point | Goal | Twelve months on | Source") has the fourth there.
    let unnamed: Vec<usize> = (1..columns.len())
        .filter(|&i| columns[i].is_none())
        .collect();
    let absent: Vec<Part> = Part::ALL
        .into_iter()
        .filter(|p| !columns.contains(&Some(*p)) && !qualifiers.contains(&Some(*p)))
        .collect();
    if let ([only], [part]) = (unnamed.as_slice(), absent.as_slice())
        && columns[0].is_none()
        && !is_name_header(&table.header[*only].text)
    {
        columns[*only] = Some(*part);
    }
    let distinct = |parts: &[Option<Part>]| {
        Part::ALL
            .into_iter()
            .filter(|p| parts.contains(&Some(*p)))
            .count()
    };
    let named = table.header.iter().any(|c| is_name_header(&c.text));
    if distinct(&columns) >= 2 || (distinct(&columns) == 1 && named) {
        rows_are_kpis(table, &columns, &qualifiers, report);
        return;
    }
    let labels: Vec<Option<Part>> = table
        .rows
        .iter()
        .map(|row| row.first().and_then(|c| classify_header(&c.text)))
        .collect();
    if distinct(&labels) >= 2 {
        columns_are_kpis(table, &labels, report);
    }
}

fn rows_are_kpis(
    table: &Table,
    columns: &[Option<Part>],
    qualifiers: &[Option<Part>],
    report: &mut KpiReport,
) {
    let name_col = table
        .header
        .iter()
        .position(|c| is_name_header(&c.text) && classify_header(&c.text).is_none())
        .or_else(|| columns.iter().position(Option::is_none))
        .unwrap_or(0);
    let absent: Vec<Part> = Part::ALL
        .into_iter()
        .filter(|p| !columns.contains(&Some(*p)) && !qualifiers.contains(&Some(*p)))
        .collect();
    if !absent.is_empty() {
        report.problems.push((
            table
                .header
                .first()
                .map_or(table.span.clone(), |c| c.span.clone()),
            format!(
                "the KPI table has no {} column",
                join_parts(&absent, "and no")
            ),
        ));
    }
    for row in &table.rows {
        let Some(name_cell) = row.get(name_col) else {
            continue;
        };
        let span = match (row.first(), row.last()) {
            (Some(a), Some(b)) => a.span.start..b.span.end.max(a.span.start),
            _ => continue,
        };
        let mut kpi = Kpi::new(name_cell.text.clone(), span);
        kpi.in_table = true;
        // The columns' own parts first, then what their parentheses add.
        for (i, part) in columns.iter().chain(qualifiers).enumerate() {
            if let (Some(part), Some(cell)) = (part, row.get(i % columns.len().max(1)))
                && kpi.part(*part).is_none()
            {
                *kpi.slot(*part) = field(cell);
            }
        }
        if kpi.name.trim().is_empty() && kpi.is_empty() {
            continue;
        }
        if kpi.name.trim().is_empty() {
            kpi.name = format!("row {}", report.kpis.len() + 1);
        }
        report.kpis.push(kpi);
    }
}

fn columns_are_kpis(table: &Table, labels: &[Option<Part>], report: &mut KpiReport) {
    for (col, header) in table.header.iter().enumerate().skip(1) {
        let mut kpi = Kpi::new(header.text.clone(), header.span.clone());
        kpi.in_table = true;
        for (row, part) in table.rows.iter().zip(labels) {
            if let (Some(part), Some(cell)) = (part, row.get(col))
                && kpi.part(*part).is_none()
            {
                *kpi.slot(*part) = field(cell);
            }
        }
        if !kpi.is_empty() || !kpi.name.trim().is_empty() {
            report.kpis.push(kpi);
        }
    }
}

/// "baseline", "baseline and no target", "baseline, target and no method".
pub(crate) fn join_parts(parts: &[Part], last_joiner: &str) -> String {
    let names: Vec<&str> = parts.iter().map(|p| p.describe()).collect();
    match names.len() {
        0 => String::new(),
        1 => names[0].to_string(),
        n => format!(
            "{} {} {}",
            names[..n - 1].join(", "),
            last_joiner,
            names[n - 1]
        ),
    }
}

/// A labelled part found in a prose text: its part, where the label starts (token),
/// and the value's byte range in the text.
#[derive(Debug)]
struct Label {
    part: Part,
    label_start: usize,
    value: Range<usize>,
}

/// KPIs in prose: labelled parts grouped under the nearest name before them.
fn from_prose(scope: &Scope, report: &mut KpiReport) {
    let mut current: Option<Kpi> = None;
    let mut pending_name: Option<(String, Range<usize>)> = None;
    let mut finished: Vec<Kpi> = Vec::new();
    let scope_heading = scope
        .doc
        .headings
        .iter()
        .find(|h| h.span.start == scope.span.start)
        .map(|h| h.span.clone());
    for prose in &scope.prose {
        if prose.block == BlockKind::TableCell {
            continue;
        }
        if matches!(prose.block, BlockKind::Heading(_))
            && scope_heading
                .as_ref()
                .is_some_and(|s| prose.span.start >= s.start && prose.span.end <= s.end)
        {
            continue;
        }
        let toks = tokens(&prose.text);
        let labels = find_labels(&prose.text, &toks);
        if labels.is_empty() {
            // A short block is a name for the parts that follow ("### Processing time",
            // "**KPI 1: Order accuracy**"); a new name closes the KPI before it.
            let words = toks.iter().filter(|t| t.kind != TokKind::Punct).count();
            if words > 0 && words <= 12 {
                if let Some(kpi) = current.take() {
                    finished.push(kpi);
                }
                pending_name = Some((clean_name(&prose.text), prose.span.clone()));
            }
            continue;
        }
        let mut previous_end = 0;
        for label in labels {
            // Text before the first label, or after a value that ended a sentence, names
            // the KPI ("Order processing time: baseline …. Ticket volume: baseline …").
            let label_byte = toks
                .get(label.label_start)
                .map_or(prose.text.len(), |t| t.range.start);
            if let Some(gap) = prose.text.get(previous_end..label_byte) {
                let name = clean_name(gap);
                if !name.is_empty() && name.split_whitespace().count() <= 12 {
                    if let Some(kpi) = current.take() {
                        finished.push(kpi);
                    }
                    let skip = gap.len() - gap.trim_start_matches(is_separator).len();
                    pending_name =
                        Some((name, prose.source_range(previous_end + skip..label_byte)));
                }
            }
            previous_end = label.value.end.max(previous_end);
            let text = prose.text[label.value.clone()].trim().to_string();
            let repeated = current
                .as_ref()
                .is_some_and(|k| k.part(label.part).is_some());
            if current.is_none() || repeated || pending_name.is_some() {
                if let Some(kpi) = current.take() {
                    finished.push(kpi);
                }
                let (name, span) = pending_name.take().unwrap_or_else(|| {
                    (
                        format!("KPI {}", report.kpis.len() + finished.len() + 1),
                        prose.source_range(label.value.clone()),
                    )
                });
                current = Some(Kpi::new(name, span));
            }
            if is_placeholder(&text) {
                continue;
            }
            if let Some(kpi) = current.as_mut() {
                // "Baseline: 86 a month, counted from the roster books": the method told
                // inside another part's value.
                let tells_method = label.part != Part::Method
                    && kpi.method.is_none()
                    && toks.iter().enumerate().any(|(i, t)| {
                        label.value.contains(&t.range.start)
                            && LISTS.method_words.longest_at(&toks, i).is_some()
                    });
                let field = Field {
                    text,
                    span: prose.source_range(label.value.clone()),
                };
                if tells_method {
                    kpi.method = Some(field.clone());
                }
                *kpi.slot(label.part) = Some(field);
            }
        }
    }
    finished.extend(current);
    // A KPI told in a table and again in prose is one KPI.
    let in_tables: Vec<String> = report.kpis.iter().map(|k| k.name.to_lowercase()).collect();
    report.kpis.extend(
        finished
            .into_iter()
            .filter(|k| !k.is_empty() && !in_tables.contains(&k.name.to_lowercase())),
    );
}

/// KPIs told in sentences: "Average time to fill, measured in the ATS, fell from 41 days
/// to 22 days, against the goal of 25." A sentence giving a target, a method and two
/// more values (the baseline, then the actual) is one KPI; when no sentence of a
/// paragraph is complete, the paragraph is read as one ("Closing took 11 days. The goal
/// was 4. It now takes 3, measured from the ledger.").
fn from_sentences(scope: &Scope, report: &mut KpiReport) {
    let mut found: Vec<Kpi> = Vec::new();
    for prose in &scope.prose {
        if !matches!(prose.block, BlockKind::Paragraph | BlockKind::ListItem) {
            continue;
        }
        let toks = tokens(&prose.text);
        let qs = quantities_in(&toks);
        if qs.len() < 2 {
            continue;
        }
        let mut any = false;
        for sentence in sentences(&toks) {
            let (kpi, candidate) = read_kpi(prose, &toks, &qs, sentence);
            report.prose_candidates += usize::from(candidate);
            if let Some(kpi) = kpi {
                any = true;
                found.push(kpi);
            }
        }
        if !any && let (Some(kpi), _) = read_kpi(prose, &toks, &qs, 0..toks.len()) {
            found.push(kpi);
        }
    }
    // A KPI the labels already gave in full is not counted again.
    let told = |f: &Kpi| {
        report.kpis.iter().filter(|k| k.is_complete()).any(|k| {
            Part::ALL.into_iter().any(|p| {
                k.part(p).is_some_and(|field| {
                    f.span.start <= field.span.start && field.span.end <= f.span.end
                })
            })
        })
    };
    found.retain(|f| !told(f));
    if found.is_empty() {
        return;
    }
    // What the label finder made of the same sentences is superseded.
    report.kpis.retain(|k| {
        k.in_table
            || k.is_complete()
            || !found
                .iter()
                .any(|f| f.span.start < k.span.end && k.span.start < f.span.end)
    });
    report.kpis.extend(found);
}

/// The KPI a run of tokens gives, if complete, and whether it looks like one (a target or
/// a method next to at least two numbers).
fn read_kpi(
    prose: &crate::document::Prose,
    toks: &[Tok],
    all: &[super::Quantity],
    range: Range<usize>,
) -> (Option<Kpi>, bool) {
    let lists = &*LISTS;
    let qs: Vec<&super::Quantity> = all
        .iter()
        .filter(|q| q.toks.start >= range.start && q.toks.end <= range.end)
        .collect();
    if qs.len() < 2 {
        return (None, false);
    }
    let is_number = |t: &Tok| t.kind == TokKind::Num || t.is_any(WORDS.number_words.as_slice());
    // The target: a number shortly after a target word, or right before one.
    let mut target: Option<Range<usize>> = None;
    for i in range.clone() {
        let Some(end) = lists.target_words.longest_at(toks, i) else {
            continue;
        };
        if let Some(k) =
            (end..(end + lists.target_reach).min(range.end)).find(|&k| is_number(&toks[k]))
        {
            let q_end = qs
                .iter()
                .find(|q| q.toks.contains(&k))
                .map_or(k + 1, |q| q.toks.end);
            target = Some(k..q_end);
            break;
        }
        if let Some(q) = qs.iter().find(|q| q.toks.end == i || q.toks.end + 1 == i) {
            target = Some(q.toks.clone());
            break;
        }
    }
    let method = (range.clone()).find(|&i| lists.method_words.longest_at(toks, i).is_some());
    let others: Vec<&super::Quantity> = qs
        .iter()
        .copied()
        .filter(|q| {
            target
                .as_ref()
                .is_none_or(|t| q.toks.start >= t.end || q.toks.end <= t.start)
        })
        .collect();
    let candidate = (target.is_some() || method.is_some()) && others.len() >= 2;
    let (Some(target), Some(method)) = (target, method) else {
        return (None, candidate);
    };
    if others.len() < 2 {
        return (None, candidate);
    }
    let cue = |q: &super::Quantity, set: &PhraseSet| {
        (q.toks.start.saturating_sub(3).max(range.start)..q.toks.start)
            .any(|k| set.longest_at(toks, k).is_some_and(|e| e <= q.toks.start))
    };
    let baseline = others
        .iter()
        .find(|q| cue(q, &lists.baseline_before))
        .or(others.first())
        .copied();
    let actual = others
        .iter()
        .rev()
        .find(|q| cue(q, &lists.actual_before) && baseline.is_none_or(|b| b.toks != q.toks))
        .or(others.last())
        .copied();
    let (Some(baseline), Some(actual)) = (baseline, actual) else {
        return (None, candidate);
    };
    if baseline.toks == actual.toks {
        return (None, candidate);
    }
    let bytes = |r: Range<usize>| super::text::byte_range(toks, r);
    let field = |r: Range<usize>| {
        let b = bytes(r);
        Field {
            text: prose.text[b.clone()].to_string(),
            span: prose.source_range(b),
        }
    };
    let name_end = (range.start + 8).min(range.end);
    let mut kpi = Kpi::new(
        quote(&prose.text[bytes(range.start..name_end)], 60),
        prose.source_range(bytes(range.clone())),
    );
    kpi.baseline = Some(field(baseline.toks.clone()));
    kpi.target = Some(field(target));
    kpi.actual = Some(field(actual.toks.clone()));
    kpi.method = Some(field(method..(method + 6).min(range.end)));
    (Some(kpi), candidate)
}

fn is_separator(c: char) -> bool {
    matches!(c, ':' | ';' | '.' | '-' | '–' | '—' | ',' | '*' | '#' | '|') || c.is_whitespace()
}

/// A name as a reader would quote it: without the punctuation around it.
fn clean_name(text: &str) -> String {
    let trimmed = text.trim_matches(is_separator);
    if trimmed.eq_ignore_ascii_case("and") {
        return String::new();
    }
    quote(trimmed, 80)
}

/// The labelled parts of one prose text, in order.
fn find_labels(text: &str, toks: &[Tok]) -> Vec<Label> {
    // (part, label start token, value start token)
    let mut starts: Vec<(Part, usize, usize)> = Vec::new();
    let mut j = 0;
    while j < toks.len() {
        if let Some((part, value_at)) = label_at(toks, j) {
            starts.push((part, j, value_at));
            j = value_at.max(j + 1);
        } else {
            j += 1;
        }
    }
    let mut out = Vec::with_capacity(starts.len());
    for (k, &(part, label_start, value_at)) in starts.iter().enumerate() {
        let limit = starts.get(k + 1).map_or(toks.len(), |s| s.1);
        // The value ends at `;`, `|`, a sentence's end, or the next label.
        let mut end = value_at;
        while end < limit {
            let t = &toks[end];
            let stop = t.kind == TokKind::Punct
                && (matches!(t.low(), ";" | "|")
                    || (matches!(t.low(), "." | "!" | "?")
                        && toks.get(end + 1).is_none_or(|n| n.space_before)));
            if stop {
                break;
            }
            end += 1;
        }
        // Trailing commas and "and" before the next label belong to neither.
        while end > value_at && (toks[end - 1].is_punct(',') || toks[end - 1].is("and")) {
            end -= 1;
        }
        let value = match (
            toks.get(value_at),
            end.checked_sub(1).and_then(|e| toks.get(e)),
        ) {
            (Some(a), Some(b)) if end > value_at => a.range.start..b.range.end,
            _ => {
                let at = toks.get(value_at).map_or(text.len(), |t| t.range.start);
                at..at
            }
        };
        out.push(Label {
            part,
            label_start,
            value,
        });
    }
    out
}

/// A label at token `j`: its part and the token where its value starts.
fn label_at(toks: &[Tok], j: usize) -> Option<(Part, usize)> {
    let tok = &toks[j];
    if tok.kind != TokKind::Word {
        return None;
    }
    // "measured with …", "tracked in …", "calculated from …".
    if tok.is_any(&["measured", "tracked", "calculated", "monitored"])
        && toks
            .get(j + 1)
            .is_some_and(|t| t.is_any(WORDS.method_prepositions.as_slice()))
    {
        // "measured by: ERP timestamps": the colon is the label's.
        let value = if toks.get(j + 2).is_some_and(|t| t.is_punct(':')) {
            j + 3
        } else {
            j + 2
        };
        return Some((Part::Method, value));
    }
    // A label of one to three words ending in `:` or a dash: "Measurement method:",
    // "Actual (month 3):", "How we measured —".
    let part = classify_label_word(tok)?;
    let mut k = j + 1;
    let mut words = 0;
    while let Some(t) = toks.get(k) {
        if t.kind == TokKind::Word && words < 3 && classify_label_word(t).is_none_or(|p| p == part)
        {
            words += 1;
            k += 1;
        } else if t.is_punct('(') {
            // Skip a short parenthesis: "Actual (month 3)".
            let close = (k + 1..(k + 8).min(toks.len())).find(|&c| toks[c].is_punct(')'))?;
            k = close + 1;
        } else {
            break;
        }
    }
    if let Some(t) = toks.get(k)
        && (t.is_punct(':')
            || t.is_punct('=')
            || ((t.is_punct('—') || t.is_punct('–')) && t.space_before))
    {
        return Some((part, k + 1));
    }
    // "baseline 48 hours", "target of 8 hours", "actual was 6 hours".
    if tok.is_any(WORDS.bare_labels.as_slice()) {
        let mut v = j + 1;
        while toks
            .get(v)
            .is_some_and(|t| t.is_any(&["of", "was", "is", "value", "were", "a", "an"]))
            && v < j + 3
        {
            v += 1;
        }
        if toks.get(v).is_some_and(|t| {
            t.kind == TokKind::Num || (t.kind == TokKind::Punct && "$€£¥₹<>~≈".contains(t.low()))
        }) {
            return Some((part, v));
        }
    }
    None
}

fn classify_label_word(tok: &Tok) -> Option<Part> {
    if tok.is_any(WORDS.method_headers.as_slice()) || tok.is_any(WORDS.method_verbs.as_slice()) {
        // "Source:" and "How:" only as labels; checked by the caller's colon.
        Some(Part::Method)
    } else if tok.is_any(WORDS.actual_headers.as_slice()) {
        Some(Part::Actual)
    } else if tok.is_any(WORDS.baseline_headers.as_slice()) {
        Some(Part::Baseline)
    } else if tok.is_any(WORDS.target_headers.as_slice()) {
        Some(Part::Target)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn report(source: &str) -> (Document, KpiReport) {
        let (doc, _) = Document::parse("t.md", source.to_string());
        let r = {
            let scope = Scope {
                doc: &doc,
                prose: doc.prose.iter().collect(),
                span: 0..doc.source.len(),
            };
            kpis(&scope)
        };
        (doc, r)
    }

    fn summary(k: &Kpi) -> String {
        let f = |p: Part| k.part(p).map_or("-".to_string(), |f| f.text.clone());
        format!(
            "{} | {} | {} | {} | {}",
            k.name,
            f(Part::Baseline),
            f(Part::Target),
            f(Part::Actual),
            f(Part::Method)
        )
    }

    #[test]
    fn a_full_kpi_table() {
        let src = "## KPIs\n\n| KPI | Baseline | Target | Actual | How measured |\n|---|---|---|---|---|\n| Invoice processing time | 5 days | 1 day | 4 hours | ERP workflow logs |\n| Error rate | 8% | 2% | 1.5% | Monthly audit sample |\n";
        let (doc, r) = report(src);
        assert_eq!(r.problems, []);
        let s: Vec<String> = r.kpis.iter().map(summary).collect();
        assert_eq!(
            s,
            [
                "Invoice processing time | 5 days | 1 day | 4 hours | ERP workflow logs",
                "Error rate | 8% | 2% | 1.5% | Monthly audit sample"
            ]
        );
        assert!(r.kpis.iter().all(Kpi::is_complete));
        assert_eq!(
            &doc.source[r.kpis[1].actual.as_ref().unwrap().span.clone()],
            "1.5%"
        );
    }

    #[test]
    fn a_value_not_there_yet_is_no_value() {
        let src = "| Metric | Starting point | Target | Achieved | Measured by |\n|---|---|---|---|---|\n\
                   | OEE | 48% | 60% by 2027 | Not yet measured; first review January 2027 | SiteWise |\n\
                   | Scrap | 4% | 2% | 2.5% | Quality log |\n";
        let (_, r) = report(src);
        let s: Vec<String> = r.kpis.iter().map(summary).collect();
        assert_eq!(
            s,
            [
                "OEE | 48% | 60% by 2027 | - | SiteWise",
                "Scrap | 4% | 2% | 2.5% | Quality log"
            ]
        );
    }

    #[test]
    fn a_method_told_in_another_part_counts() {
        let src = "## Results\n\n**Unfilled shifts.** Baseline: 86 a month, counted from the roster books. \
                   Target: fewer than 30. Result: 21 a month.\n";
        let (_, r) = report(src);
        assert!(r.kpis.first().is_some_and(Kpi::is_complete), "{:?}", r.kpis);
    }

    #[test]
    fn a_parenthesis_in_a_header_qualifies_its_column() {
        let src = "| Measure | Before (how we knew) | Target | Now (how we measure it) |\n|---|---|---|---|\n| Recovery time | 52 hours, tape test | 4 hours | 2 h 40 min, median of drills |\n";
        let (_, r) = report(src);
        assert_eq!(r.problems, []);
        assert_eq!(
            r.kpis.iter().map(summary).collect::<Vec<_>>(),
            [
                "Recovery time | 52 hours, tape test | 4 hours | 2 h 40 min, median of drills | 52 hours, tape test"
            ]
        );
        // A header whose own words name nothing is read whole, as before.
        let (_, r) = report(
            "| KPI | Baseline | Target | Actual | (how measured) |\n|---|---|---|---|---|\n| Uptime | 97% | 99% | 99.9% | logs |\n",
        );
        assert_eq!(r.problems, []);
        assert!(r.kpis[0].is_complete());
    }

    #[test]
    fn a_table_without_a_baseline_column() {
        let src = "| Metric | Target | After | Method |\n|---|---|---|---|\n| Close time | 2 days | 3 days | ERP |\n";
        let (_, r) = report(src);
        assert_eq!(r.kpis.len(), 1);
        assert_eq!(r.kpis[0].missing(), [Part::Baseline]);
        assert!(!r.kpis[0].is_complete());
        assert_eq!(r.problems.len(), 1);
        assert!(
            r.problems[0].1.contains("no baseline column"),
            "{:?}",
            r.problems
        );
    }

    #[test]
    fn before_after_tables_and_empty_cells() {
        let src = "| KPI | Before AWS | After AWS | Target | Data source |\n|---|---|---|---|---|\n| Uptime | 97% | 99.9% | - | CloudWatch |\n";
        let (_, r) = report(src);
        assert_eq!(summary(&r.kpis[0]), "Uptime | 97% | - | 99.9% | CloudWatch");
        assert_eq!(r.kpis[0].missing(), [Part::Target]);
    }

    #[test]
    fn a_turned_table() {
        let src = "| | Processing time | Errors |\n|---|---|---|\n| Baseline | 5 days | 8% |\n| Target | 1 day | 2% |\n| Actual | 4 hours | 1% |\n| Measurement method | ERP logs | QA audit |\n";
        let (_, r) = report(src);
        let s: Vec<String> = r.kpis.iter().map(summary).collect();
        assert_eq!(
            s,
            [
                "Processing time | 5 days | 1 day | 4 hours | ERP logs",
                "Errors | 8% | 2% | 1% | QA audit"
            ]
        );
    }

    #[test]
    fn unrelated_tables_are_not_kpis() {
        let src = "| Service | Purpose |\n|---|---|\n| Amazon S3 | Storage |\n\n| Phase | Dates |\n|---|---|\n| Build | May |\n";
        let (_, r) = report(src);
        assert!(r.kpis.is_empty());
        assert!(r.problems.is_empty());
    }

    #[test]
    fn labelled_prose() {
        let src = "## Key performance indicators\n\n### KPI 1: Invoice processing time\n\n- Baseline: 5 days\n- Target: 1 day\n- Actual (month 3): 4 hours\n- Measurement method: timestamps in the ERP workflow log\n\n### KPI 2: Order errors\n\n- **Baseline:** 8% of orders\n- **Target:** under 2%\n- **Result:** 1.4%\n- How we measured: monthly audit of 500 orders\n";
        let (_, r) = report(src);
        let s: Vec<String> = r.kpis.iter().map(summary).collect();
        assert_eq!(
            s,
            [
                "KPI 1: Invoice processing time | 5 days | 1 day | 4 hours | timestamps in the ERP workflow log",
                "KPI 2: Order errors | 8% of orders | under 2% | 1.4% | monthly audit of 500 orders"
            ]
        );
        assert!(r.kpis.iter().all(Kpi::is_complete));
    }

    #[test]
    fn inline_prose() {
        let src = "Order processing time: baseline 48 hours, target of 8 hours, actual 6 hours, measured from ERP timestamps. Ticket volume: baseline 900 a month; target 600; actual was 450; tracked in Zendesk.\n";
        let (_, r) = report(src);
        let s: Vec<String> = r.kpis.iter().map(summary).collect();
        assert_eq!(
            s,
            [
                "Order processing time | 48 hours | 8 hours | 6 hours | ERP timestamps",
                "Ticket volume | 900 a month | 600 | 450 | Zendesk"
            ]
        );
    }

    #[test]
    fn a_list_of_kpis_with_dashes() {
        let src = "- Invoice processing time — baseline: 3 days; target: 1 day; actual: 4 hours; measured by: ERP timestamps\n- Order accuracy — starting point: 92%; goal: 98%; achieved: 99%; source: QA audits\n";
        let (_, r) = report(src);
        let s: Vec<String> = r.kpis.iter().map(summary).collect();
        assert_eq!(
            s,
            [
                "Invoice processing time | 3 days | 1 day | 4 hours | ERP timestamps",
                "Order accuracy | 92% | 98% | 99% | QA audits"
            ]
        );
    }

    #[test]
    fn the_vocabulary_parses() {
        let v: Vocabulary = toml::from_str(VOCABULARY).expect("valid");
        assert!(v.target_reach > 0);
    }

    #[test]
    fn kpis_told_in_sentences() {
        let src = "The average time to first shift, measured from the first text to the first clocked shift, fell from 12 days to 4.2 days, beating the target of 5. Retention, measured with payroll termination dates, rose from 52% to 61%, short of the 65% target.\n";
        let (_, r) = report(src);
        let complete: Vec<String> = r
            .kpis
            .iter()
            .filter(|k| k.is_complete())
            .map(summary)
            .collect();
        assert_eq!(complete.len(), 2, "{:?}", r.kpis);
        assert!(complete[0].contains("| 12 days |"), "{complete:?}");
        assert!(complete[1].contains("| 61% |"), "{complete:?}");
        let src = "- **Purchase approval time:** 6.5 days on average before; goal 2 days; now **1.2 days**. Measured from submission to final approval in the audit log.\n";
        let (_, r) = report(src);
        assert!(r.kpis.iter().any(Kpi::is_complete), "{:?}", r.kpis);
        // A result without a target or method is no KPI.
        let (_, r) = report("Costs fell from $10,000 to $6,000 a month.\n");
        assert!(!r.kpis.iter().any(Kpi::is_complete));
    }

    #[test]
    fn tables_by_elimination_and_own_words() {
        let src = "| Measure | Starting point | Goal | Twelve months on | Source |\n|---|---|---|---|---|\n| Days to first shift | 19 | 10 | 8.5 | onboarding timestamps |\n";
        let (_, r) = report(src);
        assert!(r.kpis[0].is_complete(), "{:?}", r.kpis);
        let src = "| Measure | Where we started | What we aimed for | Where it landed | How we measured it |\n|---|---|---|---|---|\n| Delay | 8 hours | 15 minutes | 41 seconds | timestamps |\n";
        let (_, r) = report(src);
        assert!(r.kpis[0].is_complete(), "{:?}", r.kpis);
    }

    #[test]
    fn narrative_is_not_a_kpi() {
        let src = "The target was ambitious. Before the project, the team measured nothing. After go-live, results improved.\n";
        let (_, r) = report(src);
        assert!(r.kpis.iter().all(|k| !k.is_complete()), "{:?}", r.kpis);
        let src =
            "- Baseline: manual\n- Target: automated\n- Actual: automated\n- Method: observation\n";
        let (_, r) = report(src);
        assert_eq!(r.kpis.len(), 1);
        assert!(!r.kpis[0].is_quantified());
        assert!(!r.kpis[0].is_complete());
    }

    #[test]
    fn word_lists_load() {
        assert!(!WORDS.method_headers.is_empty(), "method_headers");
        assert!(!WORDS.actual_headers.is_empty(), "actual_headers");
        assert!(!WORDS.baseline_headers.is_empty(), "baseline_headers");
        assert!(!WORDS.target_headers.is_empty(), "target_headers");
        assert!(!WORDS.method_verbs.is_empty(), "method_verbs");
        assert!(!WORDS.name_headers.is_empty(), "name_headers");
        assert!(!WORDS.method_prepositions.is_empty(), "method_prepositions");
        assert!(!WORDS.bare_labels.is_empty(), "bare_labels");
        assert!(!WORDS.placeholders.is_empty(), "placeholders");
        assert!(!WORDS.number_words.is_empty(), "number_words");
    }
}
