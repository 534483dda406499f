//! Who a public case study names (checklist 2.2, 2.3): the customer (by name, or by a
//! description in an anonymous one) and the AWS Partner (by name: a logo, a domain or
//! "we" does not say who the partner is).

use std::ops::Range;

use super::Scope;
use crate::document::BlockKind;

/// Legal forms a text drops when it names a company ("Acme Dental" for "Acme Dental, LLC").
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "incorporated",
    "llc",
    "l.l.c",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "ag",
    "sa",
    "s.a",
    "sas",
    "bv",
    "b.v",
    "nv",
    "plc",
    "pty",
    "llp",
    "lp",
    "srl",
    "s.r.l",
    "oy",
    "ab",
    "kk",
    "group",
    "holdings",
];

/// First words too common to stand for a company on their own ("First Bank" is not named
/// by "First").
const GENERIC_FIRST_WORDS: &[&str] = &[
    "the",
    "first",
    "american",
    "national",
    "united",
    "general",
    "global",
    "international",
    "new",
    "north",
    "south",
    "east",
    "west",
    "central",
    "premier",
    "advanced",
    "smart",
    "digital",
    "cloud",
    "data",
    "best",
    "great",
    "big",
    "little",
    "city",
    "state",
    "royal",
    "modern",
    "total",
    "pacific",
    "atlantic",
    "southern",
    "northern",
    "western",
    "eastern",
    "health",
    "family",
    "community",
    "summit",
    "peak",
    "prime",
    "blue",
    "green",
    "red",
];

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
            LEGAL_FORMS.contains(
                &w.trim_matches(|c: char| c == ',' || c == '.')
                    .to_lowercase()
                    .as_str(),
            )
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
        && !GENERIC_FIRST_WORDS.contains(&first.to_lowercase().as_str())
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

/// Nouns that say what kind of organisation a customer is.
const ORGANISATIONS: &[&str] = &[
    "company",
    "companies",
    "firm",
    "business",
    "group",
    "provider",
    "retailer",
    "manufacturer",
    "distributor",
    "wholesaler",
    "practice",
    "clinic",
    "clinics",
    "network",
    "chain",
    "agency",
    "organization",
    "organisation",
    "nonprofit",
    "non-profit",
    "bank",
    "insurer",
    "brokerage",
    "lender",
    "school",
    "college",
    "university",
    "hospital",
    "brand",
    "operator",
    "producer",
    "supplier",
    "carrier",
    "restaurant",
    "restaurants",
    "hotel",
    "hotels",
    "store",
    "stores",
    "shop",
    "dealership",
    "dealer",
    "studio",
    "publisher",
    "platform",
    "startup",
    "cooperative",
    "union",
    "unions",
    "firms",
    "groups",
    "providers",
    "retailers",
    "manufacturers",
    "distributors",
    "practices",
    "businesses",
    "banks",
    "schools",
    "brands",
    "operators",
    "consultancy",
    "maker",
    "builder",
    "developer",
    "institution",
    "enterprise",
    "smb",
    "customer",
    "client",
    "fintech",
    "e-commerce",
    "ecommerce",
    "marketplace",
    "franchise",
    "utility",
    "laboratory",
    "lab",
    "pharmacy",
    "charity",
    "association",
    "team",
];

/// Descriptions of a customer that does not name it: "a 40-clinic dental group in
/// Ohio", "a leading US retailer", "one of the largest credit unions in Texas": an
/// indefinite article (or "one of the") followed, within six words, by a kind of
/// organisation. Source ranges of the descriptions found.
pub fn customer_descriptions(scope: &Scope) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for prose in &scope.prose {
        if matches!(prose.block, BlockKind::Heading(_)) && prose.text.split_whitespace().count() < 4
        {
            continue;
        }
        let text = &prose.text;
        let words: Vec<(usize, &str)> = word_spans(text);
        for (i, (start, word)) in words.iter().enumerate() {
            let lower = word.to_lowercase();
            let opens = matches!(lower.as_str(), "a" | "an")
                || (lower == "one"
                    && words
                        .get(i + 1)
                        .is_some_and(|(_, w)| w.eq_ignore_ascii_case("of")));
            if !opens {
                continue;
            }
            for (end, next) in words.iter().skip(i + 1).take(7) {
                let next = next.to_lowercase();
                let next = next.trim_end_matches("'s");
                if ORGANISATIONS.contains(&next) {
                    found.push(prose.source_range(*start..end + next.len()));
                    break;
                }
            }
        }
    }
    found
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
        assert_eq!(customer_descriptions(&Scope::document(&d)).len(), 2);
        let d = doc("It cut costs by a third.\n");
        assert!(customer_descriptions(&Scope::document(&d)).is_empty());
    }
}
