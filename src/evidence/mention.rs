//! Who a public case study names (checklist 2.2, 2.3): the customer (by name, or by a
//! description in an anonymous one) and the AWS Partner (by name: a logo, a domain or
//! "we" does not say who the partner is).

use std::ops::Range;
use std::sync::LazyLock;

use serde::Deserialize;

use super::Scope;
use super::text::{PhraseSet, Tok, TokKind, tokens};
use crate::document::BlockKind;

const VOCABULARY: &str = include_str!("../../lexicon/evidence/customer.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vocabulary {
    legal_forms: Vec<String>,
    leak_legal_suffixes: Vec<String>,
    generic_first_words: Vec<String>,
    description_reach: usize,
    organisations: Vec<String>,
    generic_organisations: Vec<String>,
    people_kinds: Vec<String>,
    description_stops: Vec<String>,
    not_kinds: Vec<String>,
    hollow_modifiers: Vec<String>,
    place_words: Vec<String>,
    size_words: Vec<String>,
    description_labels: Vec<String>,
}

struct Lists {
    legal_forms: Vec<String>,
    leak_legal_suffixes: Vec<String>,
    generic_first_words: Vec<String>,
    description_reach: usize,
    organisations: PhraseSet,
    generic_organisations: PhraseSet,
    people_kinds: PhraseSet,
    description_stops: Vec<String>,
    not_kinds: PhraseSet,
    hollow_modifiers: Vec<String>,
    place_words: Vec<String>,
    size_words: Vec<String>,
    description_labels: PhraseSet,
}

fn phrase_set(words: &[String]) -> PhraseSet {
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    PhraseSet::new(&words)
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    // Embedded at build time and parsed by the unit tests: cannot fail in a release.
    let v: Vocabulary = toml::from_str(VOCABULARY)
        .unwrap_or_else(|err| panic!("lexicon/evidence/customer.toml is not valid: {err}"));
    Lists {
        organisations: phrase_set(&v.organisations),
        generic_organisations: phrase_set(&v.generic_organisations),
        people_kinds: phrase_set(&v.people_kinds),
        not_kinds: phrase_set(&v.not_kinds),
        description_stops: v.description_stops,
        legal_forms: v.legal_forms,
        leak_legal_suffixes: v.leak_legal_suffixes,
        generic_first_words: v.generic_first_words,
        description_reach: v.description_reach,
        hollow_modifiers: v.hollow_modifiers,
        place_words: v.place_words,
        size_words: v.size_words,
        description_labels: phrase_set(&v.description_labels),
    }
});

/// Legal forms an anonymous case study may drop and still name its customer ("Adventure
/// Works" for "Adventure Works LLC"), as written (with their dots).
pub fn leak_legal_suffixes() -> &'static [String] {
    &LISTS.leak_legal_suffixes
}

/// The forms of a company name a reader recognises: the name, the name without its legal
/// form, and (written with its capitals) a distinctive first word ("Northwind" for
/// "Northwind Traders"). Each form is (text, case-sensitive).
pub fn name_forms(name: &str) -> Vec<(String, bool)> {
    let full: Vec<&str> = name.split_whitespace().collect();
    if full.is_empty() {
        return Vec::new();
    }
    let mut forms = vec![(full.join(" "), false)];
    let mut words = full.clone();
    while words.len() > 1
        && words.last().is_some_and(|w| {
            let bare = w
                .trim_matches(|c: char| c == ',' || c == '.')
                .to_lowercase();
            LISTS.legal_forms.contains(&bare)
        })
    {
        words.pop();
    }
    let short = words.join(" ").trim_end_matches(',').to_string();
    if short.len() >= 3 && !forms.iter().any(|(f, _)| *f == short) {
        forms.push((short, false));
    }
    let first = words[0].trim_end_matches([',', '\'']);
    if words.len() > 1
        && first.chars().count() >= 4
        && first.chars().next().is_some_and(char::is_uppercase)
        && !LISTS
            .generic_first_words
            .iter()
            .any(|w| *w == first.to_lowercase())
    {
        forms.push((first.to_string(), true));
    }
    forms
}

/// Every place the scope's prose names `name` (any of its [`name_forms`]), as source
/// ranges. A form inside a web address or an e-mail (`acme.com`, `info@acme.com`) does
/// not count: a domain is not a name.
pub fn name_mentions(scope: &Scope, name: &str) -> Vec<Range<usize>> {
    let forms = name_forms(name);
    let mut found = Vec::new();
    for prose in &scope.prose {
        let lower = prose.text.to_lowercase();
        // Lower-casing can change byte lengths outside ASCII: then only exact matches.
        let same_len = lower.len() == prose.text.len();
        for (form, exact) in &forms {
            let (hay, needle) = if *exact || !same_len {
                (prose.text.as_str(), form.clone())
            } else {
                (lower.as_str(), form.to_lowercase())
            };
            for (i, _) in hay.match_indices(needle.as_str()) {
                let end = i + needle.len();
                let before = hay[..i].chars().next_back();
                let after = hay[end..].chars().next();
                let after2 = hay[end..].chars().nth(1);
                let glued = before
                    .is_some_and(|c| c.is_alphanumeric() || c == '@' || c == '/' || c == '.')
                    || after.is_some_and(char::is_alphanumeric)
                    || (after == Some('.') && after2.is_some_and(char::is_alphanumeric));
                if !glued {
                    found.push(prose.source_range(i..end));
                }
            }
        }
    }
    found.sort_by_key(|r| r.start);
    found.dedup_by(|a, b| a.start < b.end);
    found
}

/// Descriptions of a customer that does not name it: "a 40-clinic dental group in
/// Ohio", "a family-owned business in Leeds", "one of the largest credit unions in Texas":
/// an indefinite opener ("a", "an", "one of") and, within a few words, a kind of
/// organisation. A generic kind ("a company", "one of our customers", "the client") says
/// nothing by itself: it needs a word that says which (not a hollow one like "leading" or
/// "our"), or a place or a size after it. The partner describing itself ("Crewpath is a
/// multi-tenant platform") is no description of the customer. Source ranges found.
pub fn customer_descriptions(scope: &Scope, partner: Option<&str>) -> Vec<Range<usize>> {
    let partner_forms: Vec<String> = partner
        .map(name_forms)
        .unwrap_or_default()
        .into_iter()
        .map(|(form, _)| form.to_lowercase())
        .collect();
    let mut found = Vec::new();
    for prose in &scope.prose {
        if matches!(prose.block, BlockKind::Heading(_)) && prose.text.split_whitespace().count() < 4
        {
            continue;
        }
        let text = &prose.text;
        let toks = tokens(text);
        // "Customer: 22-clinic veterinary group, regional Victoria", or the label alone
        // on the line before.
        let labelled = LISTS
            .description_labels
            .longest_at(&toks, 0)
            .filter(|&end| toks.get(end).is_some_and(|t| t.is_punct(':')))
            .map(|end| end + 1)
            .or_else(|| label_before(&scope.prose, prose).then_some(0));
        if let Some(from) = labelled
            && from < toks.len()
            && let Some(end) = kind_from(text, &toks, from)
        {
            found.push(prose.source_range(toks[from].range.start..end));
            continue;
        }
        for i in 0..toks.len() {
            let opens = toks[i].is_any(&["a", "an"])
                || (toks[i].is("one") && toks.get(i + 1).is_some_and(|t| t.is("of")));
            if !opens || describes_partner(text, toks[i].range.start, &partner_forms) {
                continue;
            }
            if let Some(end) = described_kind(text, &toks, i) {
                found.push(prose.source_range(toks[i].range.start..end));
            }
        }
    }
    found
}

/// Whether the words before an opener make the partner its subject: "Crewpath is a …",
/// "VaultHarbor, a …", "We are a …".
fn describes_partner(text: &str, at: usize, partner_forms: &[String]) -> bool {
    let before = text[..at].trim_end().to_lowercase();
    let before = before.trim_end_matches(['*', '_']);
    let Some(subject) = [
        " is",
        " was",
        ",",
        " is also",
        " has been",
        " are",
        "'re",
        "’re",
    ]
    .iter()
    .find_map(|verb| before.strip_suffix(verb)) else {
        return false;
    };
    let subject = subject.trim_end();
    subject.ends_with(" we")
        || subject == "we"
        || partner_forms
            .iter()
            .any(|form| !form.is_empty() && subject.ends_with(form.as_str()))
}

/// Whether the block before `prose` (in the same scope) is a description label standing
/// alone: "Customer" over "22-clinic veterinary group, regional Victoria".
fn label_before(all: &[&crate::document::Prose], prose: &crate::document::Prose) -> bool {
    let Some(at) = all.iter().position(|p| std::ptr::eq(*p, prose)) else {
        return false;
    };
    let Some(before) = at.checked_sub(1).and_then(|k| all.get(k)) else {
        return false;
    };
    let toks = tokens(before.text.trim_end_matches(':'));
    LISTS
        .description_labels
        .longest_at(&toks, 0)
        .is_some_and(|end| end == toks.len())
}

/// The end (byte offset in `text`) of the kind of organisation that the opener at token
/// `i` introduces, when what stands between says which organisation it is.
fn described_kind(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    let lists = &*LISTS;
    let is_in = |list: &[String], tok: &Tok| list.iter().any(|w| w == tok.low());
    // An "a" inside a compound ("software-as-a-service") opens nothing.
    let next = toks.get(i + 1)?;
    if !toks[i].space_before || !next.space_before {
        return None;
    }
    let mut j = i + 1;
    if toks[i].is("one") {
        // "one of the largest …", "one of our customers"
        j += 1;
        if toks
            .get(j)
            .is_some_and(|t| is_in(&lists.description_stops, t))
        {
            j += 1;
        }
    }
    kind_from(text, toks, j)
}

/// The end of a kind of organisation starting at token `j` and qualified by the words
/// before it (see [`described_kind`]); a determiner may open it after a label ("Customer:
/// the largest co-op in Iowa").
fn kind_from(text: &str, toks: &[Tok], mut j: usize) -> Option<usize> {
    let lists = &*LISTS;
    let is_in = |list: &[String], tok: &Tok| list.iter().any(|w| w == tok.low());
    if toks.get(j).is_some_and(|t| t.is_any(&["a", "an", "the"])) {
        j += 1;
    }
    let mut words = 0;
    let mut qualified = false;
    let mut strongly = false;
    while j < toks.len() && words < lists.description_reach {
        let tok = &toks[j];
        if tok.kind == TokKind::Punct {
            let joins = matches!(tok.low(), "-" | "‐" | "'" | "’" | "&" | "/")
                || (tok.is_punct(',')
                    && toks.get(j + 1).is_some_and(|n| {
                        n.kind == TokKind::Word
                            && !is_in(&lists.description_stops, n)
                            && !n.is("and")
                    }));
            if !joins {
                return None;
            }
            if matches!(tok.low(), "-" | "‐") {
                strongly = true;
            }
            j += 1;
            continue;
        }
        if let Some(end) = lists.not_kinds.longest_at(toks, j) {
            qualified = true;
            words += end - j;
            j = end;
            continue;
        }
        if let Some(end) = lists.organisations.longest_at(toks, j) {
            return Some(toks[end - 1].range.end);
        }
        if let Some(end) = lists.generic_organisations.longest_at(toks, j)
            && (qualified || place_or_size_follows(text, toks, end))
        {
            return Some(toks[end - 1].range.end);
        }
        if let Some(end) = lists.people_kinds.longest_at(toks, j) {
            return (strongly || place_or_size_follows(text, toks, end))
                .then(|| toks[end - 1].range.end);
        }
        if is_in(&lists.description_stops, tok) {
            return None;
        }
        if !is_in(&lists.hollow_modifiers, tok) {
            qualified = true;
            let capital = text[tok.range.clone()]
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
            if tok.kind == TokKind::Num || capital {
                strongly = true;
            }
        }
        words += 1;
        j += 1;
    }
    None
}

/// "… in Ohio", "… based in Leeds", "… of 22 clinics", "… with 260 carers": a place (a
/// capitalised word) or a size (a number) right after a generic kind of organisation.
fn place_or_size_follows(text: &str, toks: &[Tok], at: usize) -> bool {
    let lists = &*LISTS;
    let Some(next) = toks.get(at) else {
        return false;
    };
    let within = |k: usize| {
        toks.get(at + 1..(at + 1 + k).min(toks.len()))
            .unwrap_or_default()
    };
    if lists.place_words.iter().any(|w| w == next.low()) {
        return within(3).iter().any(|t| {
            t.kind == TokKind::Word
                && text[t.range.clone()]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        });
    }
    lists.size_words.iter().any(|w| w == next.low())
        && within(3).iter().any(|t| t.kind == TokKind::Num)
}

/// Words (letters, digits, `-`, `'`) with their byte offsets.
fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// Whether the description given privately (front matter `customer.description`) is
/// echoed in the text: most of its content words appear.
pub fn echoes_description(scope: &Scope, description: &str) -> bool {
    let wanted: Vec<String> = word_spans(description)
        .into_iter()
        .map(|(_, w)| w.to_lowercase())
        .filter(|w| w.len() > 3)
        .collect();
    if wanted.is_empty() {
        return false;
    }
    let text: String = scope
        .prose
        .iter()
        .map(|p| p.text.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    let words: std::collections::HashSet<&str> =
        word_spans(&text).into_iter().map(|(_, w)| w).collect();
    let hits = wanted.iter().filter(|w| words.contains(w.as_str())).count();
    hits * 3 >= wanted.len() * 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn doc(text: &str) -> Document {
        Document::parse("t.md", text.to_string()).0
    }

    #[test]
    fn names_and_forms() {
        let d = doc(
            "Acme Dental works with BrightChair. See brightchair.com or mail info@brightchair.com.\n",
        );
        let scope = Scope::document(&d);
        assert_eq!(name_mentions(&scope, "Acme Dental Care, LLC").len(), 1);
        assert_eq!(name_mentions(&scope, "BrightChair Software Inc.").len(), 1);
        assert!(name_mentions(&scope, "Globex").is_empty());
        let d = doc("Our team helped the customer.\n");
        assert!(name_mentions(&Scope::document(&d), "BrightChair").is_empty());
    }

    #[test]
    fn descriptions() {
        let d = doc(
            "The customer is a 40-clinic dental group in Ohio. One of the largest credit unions in Texas.\n",
        );
        assert_eq!(customer_descriptions(&Scope::document(&d), None).len(), 2);
        let d = doc("It cut costs by a third.\n");
        assert!(customer_descriptions(&Scope::document(&d), None).is_empty());
    }

    fn described(text: &str, partner: Option<&str>) -> Vec<String> {
        let d = doc(&format!("{text}\n"));
        customer_descriptions(&Scope::document(&d), partner)
            .into_iter()
            .map(|r| d.source[r].to_string())
            .collect()
    }

    #[test]
    fn vocabulary_loads() {
        assert!(LISTS.description_reach > 0);
        assert!(leak_legal_suffixes().iter().any(|s| s == "llc"));
    }

    #[test]
    fn a_description_says_which_organisation() {
        assert_eq!(
            described(
                "We worked with a 200-employee, family-owned precision machining manufacturer.",
                None
            ),
            ["a 200-employee, family-owned precision machining manufacturer"]
        );
        assert_eq!(
            described(
                "The customer is a privately owned group of 22 clinics.",
                None
            ),
            ["a privately owned group"]
        );
        assert_eq!(described("It is a business in Ohio.", None), ["a business"]);
        assert_eq!(
            described("They are a UK hospitality client.", None),
            ["a UK hospitality client"]
        );
    }

    #[test]
    fn a_fact_box_describes_without_an_article() {
        assert_eq!(
            described(
                "Customer: 22-clinic veterinary group, regional Victoria",
                None
            )
            .len(),
            1
        );
        let d = doc("### Snapshot\n\nCustomer\n\nFamily-owned hardware stores in Vermont\n");
        assert_eq!(customer_descriptions(&Scope::document(&d), None).len(), 1);
        // A label over a generic word is still no description.
        assert!(described("Customer: our client", None).is_empty());
    }

    #[test]
    fn our_customer_is_no_description() {
        for text in [
            "This is the story of one of our customers.",
            "The customer asked us for help, and the client agreed.",
            "A customer came to us. A leading company chose us.",
            "An older client may miss a meal, and an email chain goes round.",
            "Crewpath is a multi-tenant software-as-a-service platform.",
            "They sent a catalogue of products at the group and a tender that named the firm.",
        ] {
            assert!(
                described(text, Some("Crewpath")).is_empty(),
                "{text}: {:?}",
                described(text, Some("Crewpath"))
            );
        }
        // The partner describing itself is not the customer.
        assert!(
            described(
                "Crewpath is a family-owned business in Leeds.",
                Some("Crewpath")
            )
            .is_empty()
        );
        assert_eq!(
            described(
                "Crewpath helped a family-owned business in Leeds.",
                Some("Crewpath")
            )
            .len(),
            1
        );
    }
}
