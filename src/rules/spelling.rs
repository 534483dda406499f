//! DOC-003, second half: typos. Every prose word that reads as an ordinary English word is
//! checked against an embedded Hunspell dictionary (via spellbook); names, acronyms, code
//! and technical terms are recognised first so they are never flagged.
//!
//! Speed comes from checking little: capitalised words inside a sentence are names and are
//! skipped, code-like tokens are skipped, and the dictionary's verdict on each word is
//! cached per thread (most words repeat across a documentation tree).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::{Context, DOC_003_WORDS, RuleInfo, is_enabled};
use crate::config::{Dialect, Level};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::{BlockKind, Document, Prose};

pub const SPELLING: &str = "DOC-003/spelling";

pub const RULES: &[RuleInfo] = &[RuleInfo {
    id: SPELLING,
    title: "Prose is free of misspelt words",
    requirement: "DOC-003",
    requirement_title: "Customer facing documentation",
    checklist_words: DOC_003_WORDS,
    default_level: Level::Warning,
    default_level_docs: Level::Warning,
    applies_to: "all Markdown: case studies, public pages and customer-facing docs",
    what: "Checks every word of running text against an English dictionary (en-US, or en-GB with \
`[spelling] dialect = \"en-GB\"`) and offers up to three corrections. AWS product names, the \
customer's and partner's names from the front matter, cloud and software terms, your \
`[spelling] accept` words, capitalised names inside a sentence, acronyms, CamelCase words and \
code-like tokens (paths, hosts, identifiers, words with digits) are never flagged.",
    why: "The checklist asks that customer-facing documentation be generally free of typos; a \
typo in a case study undermines the claims around it.",
    bad_example: "The migration was completed withuot downtime.",
    good_example: "The migration was completed without downtime.",
    fix_safety: "Unsafe: the first suggestion is applied only with --unsafe-fixes, because a \
misspelling can have more than one plausible correction.",
}];

const EN_US_AFF: &str = include_str!("../../lexicon/dictionaries/en_US.aff");
const EN_US_DIC: &str = include_str!("../../lexicon/dictionaries/en_US.dic");
const EN_GB_AFF: &str = include_str!("../../lexicon/dictionaries/en_GB.aff");
const EN_GB_DIC: &str = include_str!("../../lexicon/dictionaries/en_GB.dic");
const CLOUD_WORDS: &str = include_str!("../../lexicon/words/cloud.txt");

/// Parsed once, on first use: a run that never checks spelling never pays for it.
static EN_US: LazyLock<Option<spellbook::Dictionary>> =
    LazyLock::new(|| spellbook::Dictionary::new(EN_US_AFF, EN_US_DIC).ok());
static EN_GB: LazyLock<Option<spellbook::Dictionary>> = LazyLock::new(|| {
    // The file starts with a byte-order mark, which is not part of the first line.
    let aff = EN_GB_AFF.trim_start_matches('\u{feff}');
    let dic = EN_GB_DIC.trim_start_matches('\u{feff}');
    spellbook::Dictionary::new(aff, dic).ok()
});

/// The vocabulary files, lower-cased: matching ignores case.
static ACCEPTED: LazyLock<HashSet<String>> = LazyLock::new(|| word_list(CLOUD_WORDS));

fn word_list(text: &str) -> HashSet<String> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn dictionary(dialect: Dialect) -> Option<&'static spellbook::Dictionary> {
    match dialect {
        Dialect::EnUs => EN_US.as_ref(),
        Dialect::EnGb => EN_GB.as_ref(),
    }
}

/// Past this many entries a thread's cache is dropped and rebuilt, which bounds memory on
/// huge trees while keeping the common words hot.
const CACHE_LIMIT: usize = 200_000;

#[derive(Default)]
struct Cache {
    known: [HashMap<Box<str>, bool>; 2],
    suggestions: [HashMap<Box<str>, Vec<String>>; 2],
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

fn dialect_slot(dialect: Dialect) -> usize {
    match dialect {
        Dialect::EnUs => 0,
        Dialect::EnGb => 1,
    }
}

/// The dictionary's verdict on one word, cached.
fn is_known(dictionary: &spellbook::Dictionary, dialect: Dialect, word: &str) -> bool {
    let slot = dialect_slot(dialect);
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(&known) = cache.known[slot].get(word) {
            return known;
        }
        // Typographic apostrophes are read as ASCII ones ("don’t").
        let known = if word.contains('’') {
            dictionary.check(&word.replace('’', "'"))
        } else {
            dictionary.check(word)
        };
        if cache.known[slot].len() >= CACHE_LIMIT {
            cache.known[slot].clear();
        }
        cache.known[slot].insert(word.into(), known);
        known
    })
}

/// At most three corrections, best first, cached.
fn suggestions(dictionary: &spellbook::Dictionary, dialect: Dialect, word: &str) -> Vec<String> {
    let slot = dialect_slot(dialect);
    if let Some(found) = CACHE.with(|c| c.borrow().suggestions[slot].get(word).cloned()) {
        return found;
    }
    let mut raw = Vec::new();
    // n-gram suggestions cost milliseconds per word and only find far-off words, which
    // `is_close` rejects anyway: the edit-based ones are what a typo needs.
    dictionary
        .suggester()
        .with_ngram_suggestions(false)
        .suggest(&word.replace('’', "'"), &mut raw);
    let ranked = rank(word, raw);
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.suggestions[slot].len() >= CACHE_LIMIT {
            cache.suggestions[slot].clear();
        }
        cache.suggestions[slot].insert(word.into(), ranked.clone());
    });
    ranked
}

/// Hunspell's order already puts likely corrections first; among them, a single-word
/// correction closer in spelling wins, and the writer's capitalisation is kept.
fn rank(word: &str, raw: Vec<String>) -> Vec<String> {
    let lower = word.to_lowercase();
    let mut scored: Vec<(usize, usize, usize, usize, String)> = raw
        .into_iter()
        .enumerate()
        .map(|(order, candidate)| {
            let split = usize::from(candidate.contains([' ', '-']));
            let distance = strsim::damerau_levenshtein(&lower, &candidate.to_lowercase());
            // Slips of the fingers keep the length (swapped or wrong letters): "teh" → "the".
            let length = candidate.chars().count().abs_diff(word.chars().count());
            let swapped = usize::from(!same_letters(&lower, &candidate.to_lowercase()));
            (split, distance, swapped + length, order, candidate)
        })
        .collect();
    scored.sort();
    let mut out: Vec<String> = Vec::new();
    for (_, _, _, _, candidate) in scored {
        let candidate = match_case(word, &candidate);
        if !out.contains(&candidate) {
            out.push(candidate);
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

/// Whether two words use the same letters (a transposition: "teh" and "the").
fn same_letters(a: &str, b: &str) -> bool {
    let mut a: Vec<char> = a.chars().collect();
    let mut b: Vec<char> = b.chars().collect();
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

fn match_case(word: &str, candidate: &str) -> String {
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    if capitalised && candidate.chars().next().is_some_and(char::is_lowercase) {
        let mut chars = candidate.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        candidate.to_string()
    }
}

/// A word of prose: its byte range in `Prose::text`, and whether it starts a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub range: std::ops::Range<usize>,
    pub sentence_start: bool,
}

/// Splits prose into the words worth checking. White-space separated chunks that look like
/// code (paths, hosts, e-mail addresses, identifiers, options, markup) are skipped whole;
/// inside a chunk, words are runs of ASCII letters with inner apostrophes, split at hyphens
/// and slashes between words.
pub(crate) fn words(text: &str, starts_sentence: bool) -> Vec<Word> {
    let mut out = Vec::new();
    let mut sentence_start = starts_sentence;
    let mut offset = 0;
    for chunk in text.split_inclusive(char::is_whitespace) {
        let start = offset;
        offset += chunk.len();
        let trimmed = chunk.trim_end();
        if trimmed.is_empty() {
            continue;
        }
        let ends_sentence = ends_sentence(trimmed);
        if !is_code_like(trimmed) {
            let mut first_in_chunk = true;
            for range in letter_runs(trimmed) {
                out.push(Word {
                    range: start + range.start..start + range.end,
                    sentence_start: sentence_start && first_in_chunk,
                });
                first_in_chunk = false;
            }
        }
        sentence_start = ends_sentence;
    }
    out
}

/// Whether a chunk ends a sentence (`done.`, `"Why?"`, `first:`), so the next word may
/// be capitalised as any sentence's first word is.
fn ends_sentence(chunk: &str) -> bool {
    let core = chunk.trim_end_matches(['"', '\'', '”', '’', ')', ']', '*', '_']);
    core.ends_with(['.', '!', '?', ':', '…'])
}

/// Code and addresses written in running text: never words.
fn is_code_like(chunk: &str) -> bool {
    let core = chunk.trim_matches(|c: char| {
        matches!(
            c,
            '(' | ')'
                | '['
                | ']'
                | '"'
                | '\''
                | '“'
                | '”'
                | '‘'
                | '’'
                | ','
                | ';'
                | ':'
                | '.'
                | '!'
                | '?'
                | '*'
        )
    });
    if core.starts_with("x-") || core.starts_with("X-") {
        return true;
    }
    if core.contains([
        '*', '@', '_', '\\', '=', '<', '>', '{', '}', '$', '#', '`', '|', '~', '^', '%', '+', '&',
    ]) {
        return true;
    }
    // A dot inside a token: a host, a file name, a version, a method call.
    if let Some(at) = core.find('.')
        && core[at + 1..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    {
        return true;
    }
    // Paths and URLs-without-scheme, but not "and/or" or "read/write".
    if core.starts_with('/') || core.matches('/').count() > 1 {
        return true;
    }
    // Anything with a digit: versions, sizes, ids ("t3", "2xlarge", "IPv6").
    core.chars().any(|c| c.is_ascii_digit())
}

/// Runs of letters (with inner apostrophes) inside a chunk; words with other scripts or
/// accents are left alone, as Hunspell's English lists do not cover them.
fn letter_runs(chunk: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut foreign = false;
    let mut chars = chunk.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_is_letter = chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
        let inner_apostrophe = matches!(c, '\'' | '’') && start.is_some() && next_is_letter;
        if c.is_alphabetic() || inner_apostrophe {
            if !c.is_ascii() && !inner_apostrophe {
                foreign = true;
            }
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            if !foreign {
                out.push(s..i);
            }
            foreign = false;
        }
    }
    if let Some(s) = start
        && !foreign
    {
        out.push(s..chunk.len());
    }
    out
}

/// Which words the dictionary is asked about: all-lower-case words anywhere, and
/// sentence-case words at a sentence start. Acronyms, CamelCase and capitalised words in
/// mid-sentence are names (or deliberate), never typos to a dictionary.
fn worth_checking(word: &str, sentence_start: bool) -> bool {
    if word.len() < 3 {
        return false;
    }
    let mut chars = word.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    if chars.any(char::is_uppercase) {
        return false;
    }
    !first_upper || sentence_start
}

/// The part of a word a dictionary knows: without a possessive `'s`/`’s` or a trailing
/// apostrophe.
fn stem(word: &str) -> &str {
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(stripped) = word.strip_suffix(suffix)
            && !stripped.is_empty()
        {
            return stripped;
        }
    }
    word
}

/// Words known without the dictionary for one document: front-matter names, the user's
/// words, and capitalised words used as names elsewhere in the document.
struct Exemptions<'a> {
    names: Vec<String>,
    user: HashSet<String>,
    ctx: &'a Context<'a>,
}

impl Exemptions<'_> {
    fn accepts(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        if let Some(singular) = lower.strip_suffix('s')
            && singular.len() >= 4
            && (ACCEPTED.contains(singular) || self.user.contains(singular))
        {
            return true;
        }
        ACCEPTED.contains(&lower)
            || self.user.contains(&lower)
            || self.names.contains(&lower)
            || is_product_word(self.ctx, word)
    }
}

/// Whether `word` is one of the words of an AWS product's name (any of its forms).
fn is_product_word(ctx: &Context, word: &str) -> bool {
    ctx.names.products().iter().any(|p| {
        std::iter::once(&p.canonical)
            .chain([&p.short, &p.bare])
            .chain(p.aliases.iter())
            .flat_map(|name| name.split(|c: char| !c.is_alphanumeric()))
            .chain(p.code_ids.iter().map(String::as_str))
            .any(|part| part.eq_ignore_ascii_case(word))
    })
}

/// Lower-cased words of the customer's and partner's names (and the customer description
/// an anonymous case study uses), from the front matter.
fn front_matter_names(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for key in [
        "customer.name",
        "partner.name",
        "customer.description",
        "title",
    ] {
        if let Some(serde_json::Value::String(value)) = crate::meta::meta_value(doc, key) {
            out.extend(
                value
                    .split(|c: char| !c.is_alphanumeric() && c != '\'')
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase),
            );
        }
    }
    out
}

/// Whether a prose value starts where a sentence may start: a new block, or a run after
/// code or markup that ended a sentence.
fn block_starts_sentence(prose: &Prose, previous: Option<&Prose>) -> bool {
    match previous {
        Some(p) if p.block_index == prose.block_index => ends_sentence(p.text.trim_end()),
        _ => true,
    }
}

/// Whether the rule is switched off for this file by `[spelling] exclude`.
fn excluded(doc: &Document, globs: &[String]) -> bool {
    crate::config::path_matches(&doc.path, globs)
}

pub fn check(doc: &Document, ctx: &Context) -> Vec<Diagnostic> {
    if !is_enabled(ctx.config, SPELLING, doc.kind) || excluded(doc, &ctx.config.spelling.exclude) {
        return Vec::new();
    }
    let dialect = ctx.config.spelling.dialect;
    let Some(dictionary) = dictionary(dialect) else {
        return Vec::new();
    };

    // Candidates first; exemptions that need the whole document are applied after.
    let mut candidates: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    let mut previous: Option<&Prose> = None;
    for (index, prose) in doc.prose.iter().enumerate() {
        let starts = block_starts_sentence(prose, previous);
        previous = Some(prose);
        if prose
            .text
            .trim_start()
            .starts_with(super::case_study::PLACEHOLDER_MARK)
        {
            continue;
        }
        // Headings are often in title case and table cells are labels: only their
        // lower-case words are checked, and a one-word cell is a value, not prose.
        let label = matches!(prose.block, BlockKind::Heading(_) | BlockKind::TableCell);
        let found = words(&prose.text, starts && !label);
        if prose.block == BlockKind::TableCell && found.len() == 1 {
            continue;
        }
        for (n, word) in found.iter().enumerate() {
            let text = stem(&prose.text[word.range.clone()]);
            // "Starfield Services Root …": a capitalised run starting a sentence is a name.
            let next_capitalised = found.get(n + 1).is_some_and(|next| {
                prose.text[next.range.clone()]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            });
            if word.sentence_start && next_capitalised {
                continue;
            }
            if !worth_checking(text, word.sentence_start) {
                continue;
            }
            // "pre-signed", "non-default": a prefix before a hyphen is not a word alone.
            if prose.text[word.range.end..].starts_with('-')
                && PREFIXES.contains(&text.to_ascii_lowercase().as_str())
            {
                continue;
            }
            let range = word.range.start..word.range.start + text.len();
            // Markup inside a word (`p*xx*`) marks a deliberate placeholder.
            if !is_known(dictionary, dialect, text) && prose.is_verbatim(range.clone()) {
                candidates.push((index, range));
            }
        }
    }
    if candidates.is_empty() {
        return Vec::new();
    }

    let exemptions = Exemptions {
        names: front_matter_names(doc),
        user: ctx
            .config
            .spelling
            .accept
            .iter()
            .map(|w| w.to_lowercase())
            .collect(),
        ctx,
    };
    let outside = OutsideProse::new(doc, &candidates);
    let mut out = Vec::new();
    for (index, range) in candidates {
        let prose = &doc.prose[index];
        let written = &prose.text[range.clone()];
        // "Fargate" at a sentence start is the name used elsewhere in mid-sentence.
        if used_as_name(doc, &capitalise(written))
            || exemptions.accepts(written)
            || outside.contains(written)
            || is_compound(dictionary, dialect, written)
            || is_derived(dictionary, dialect, written)
        {
            continue;
        }
        if written.contains(['\'', '’']) && exemptions.accepts(stem_apostrophe(written)) {
            continue;
        }
        let span = prose.source_range(range.clone());
        let suggestions = suggestions(dictionary, dialect, written);
        // A word no dictionary word is close to is a coinage or a name, not a slip.
        if !suggestions
            .first()
            .is_some_and(|best| is_close(written, best))
        {
            continue;
        }
        let message = match suggestions.first() {
            Some(best) => format!("`{written}` may be misspelt: did you mean `{best}`?"),
            None => format!("`{written}` is not in the {} dictionary", dialect.as_str()),
        };
        let mut diagnostic = Diagnostic::new(SPELLING, Severity::Warning, span, message)
            .with_help(
                "If the word is right (a name or a term), add it to `[spelling] accept` in caselint.toml.",
            );
        let verbatim = prose.is_verbatim(range);
        for (i, suggestion) in suggestions.into_iter().enumerate() {
            diagnostic = if i == 0 && verbatim {
                diagnostic.with_fix(suggestion, Applicability::Unsafe)
            } else {
                diagnostic.with_suggestion(suggestion)
            };
        }
        out.push(diagnostic);
    }
    out
}

/// Prefixes written with a hyphen ("pre-signed", "re-run", "non-default").
const PREFIXES: &[&str] = &[
    "anti", "auto", "bi", "co", "cross", "de", "inter", "intra", "micro", "mid", "multi", "non",
    "mis", "post", "pre", "pro", "re", "semi", "sub", "super", "un",
];

/// Candidate words that the document also writes outside its prose (in code, a command, a
/// URL or a link target): a tool, an option or a resource name, not a typo ("ethtool",
/// "examplebucket").
struct OutsideProse {
    words: HashSet<String>,
}

impl OutsideProse {
    fn new(doc: &Document, candidates: &[(usize, std::ops::Range<usize>)]) -> OutsideProse {
        let mut prose_count: HashMap<String, usize> = HashMap::new();
        for (index, range) in candidates {
            let word = doc.prose[*index].text[range.clone()].to_lowercase();
            *prose_count.entry(word).or_default() += 1;
        }
        let source = doc.source.to_lowercase();
        let words = prose_count
            .into_iter()
            .filter(|(word, in_prose)| count_word(&source, word) > *in_prose)
            .map(|(word, _)| word)
            .collect();
        OutsideProse { words }
    }

    fn contains(&self, word: &str) -> bool {
        self.words.contains(&word.to_lowercase())
    }
}

/// Occurrences of `word` in `text` as a whole word (not inside a longer run of letters).
fn count_word(text: &str, word: &str) -> usize {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, word.as_bytes())
        .filter(|&at| {
            let before = at.checked_sub(1).and_then(|i| bytes.get(i));
            let after = bytes.get(at + word.len());
            !before.is_some_and(u8::is_ascii_alphabetic)
                && !after.is_some_and(u8::is_ascii_alphabetic)
        })
        .count()
}

/// Two dictionary words run together into a long lower-case name ("examplebucket",
/// "costcenter"): an identifier written without code formatting. Short joins ("thefile")
/// are more likely a missing space, and stay findings.
fn is_compound(dictionary: &spellbook::Dictionary, dialect: Dialect, word: &str) -> bool {
    const MIN_PART: usize = 3;
    if word.len() < 9 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    (MIN_PART..=word.len() - MIN_PART).any(|at| {
        is_known(dictionary, dialect, &word[..at]) && is_known(dictionary, dialect, &word[at..])
    })
}

/// Whether the document writes `name` capitalised somewhere other than at a sentence start:
/// then it is a name ("Fargate runs …" after "… on Fargate"). Asked only of the few
/// candidates, so the hot loop keeps no set of every capitalised word.
fn used_as_name(doc: &Document, name: &str) -> bool {
    let bytes = doc.source.as_bytes();
    memchr::memmem::find_iter(bytes, name.as_bytes()).any(|at| {
        let before = doc.source[..at].trim_end_matches(['*', '_', '"', '“', '(', '[']);
        let after = bytes.get(at + name.len());
        let whole = !after.is_some_and(u8::is_ascii_alphabetic)
            && !before.ends_with(|c: char| c.is_alphabetic());
        let mid_sentence = before
            .chars()
            .next_back()
            .is_some_and(|c| c == ' ' || c == ',')
            && !before
                .trim_end()
                .ends_with(['.', '!', '?', ':', '\n', '|', '#', '-', '+']);
        whole && mid_sentence
    })
}

/// "Bitnami" written in mid-sentence makes a lower-case "bitnami" the same name.
fn capitalise(word: &str) -> String {
    match_case("A", word)
}

/// A prefix ("re", "un", "de", …) or plural ending on a dictionary word: "reassociate",
/// "unshares", "executables". Typos rarely leave a whole word behind the prefix.
fn is_derived(dictionary: &spellbook::Dictionary, dialect: Dialect, word: &str) -> bool {
    const WORD_PREFIXES: &[&str] = &[
        "auto", "co", "de", "dis", "inter", "multi", "non", "over", "pre", "re", "sub", "un",
        "under",
    ];
    let lower = word.to_ascii_lowercase();
    let prefixed = WORD_PREFIXES.iter().any(|prefix| {
        lower
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.len() >= 4 && is_known(dictionary, dialect, rest))
    });
    let plural = lower.len() >= 6
        && lower
            .strip_suffix('s')
            .is_some_and(|stem| is_known(dictionary, dialect, stem));
    prefixed || plural
}

/// Whether a suggestion is a plausible correction of the word: few edits apart, or the
/// same letters with a space put back ("usingthe" → "using the").
fn is_close(word: &str, suggestion: &str) -> bool {
    let word = word.to_lowercase();
    let suggestion = suggestion.to_lowercase();
    let joined: String = suggestion
        .chars()
        .filter(|c| *c != ' ' && *c != '-')
        .collect();
    let limit = if word.chars().count() <= 5 { 1 } else { 2 };
    joined == word || strsim::damerau_levenshtein(&word, &suggestion) <= limit
}

/// "CloudFront’s" is checked as "CloudFront" against the exemptions.
fn stem_apostrophe(word: &str) -> &str {
    word.split(['\'', '’']).next().unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(&str, bool)> {
        words(text, true)
            .into_iter()
            .map(|w| (&text[w.range], w.sentence_start))
            .collect()
    }

    #[test]
    fn words_skip_code_like_chunks() {
        let found = texts("Run it. Open /etc/hosts, my_var and example.com or t3.large now");
        let plain: Vec<&str> = found.iter().map(|(w, _)| *w).collect();
        assert_eq!(plain, vec!["Run", "it", "Open", "and", "or", "now"]);
        assert!(found[0].1 && !found[1].1 && found[2].1);
    }

    #[test]
    fn words_keep_apostrophes_and_split_hyphens() {
        let plain: Vec<&str> = texts("don’t re-run the team's read/write (café)")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(
            plain,
            vec!["don’t", "re", "run", "the", "team's", "read", "write"]
        );
    }

    #[test]
    fn only_lower_case_and_sentence_case_are_checked() {
        assert!(worth_checking("recieve", false));
        assert!(worth_checking("Recieve", true));
        assert!(!worth_checking("Recieve", false));
        assert!(!worth_checking("DynamoDB", true));
        assert!(!worth_checking("HTTPS", true));
        assert!(!worth_checking("ok", false));
    }

    #[test]
    fn dictionary_knows_english_and_not_typos() {
        let dict = dictionary(Dialect::EnUs).unwrap();
        assert!(is_known(dict, Dialect::EnUs, "migration"));
        assert!(is_known(dict, Dialect::EnUs, "don’t"));
        assert!(!is_known(dict, Dialect::EnUs, "recieve"));
        assert!(!is_known(dict, Dialect::EnUs, "colour"));
        let gb = dictionary(Dialect::EnGb).unwrap();
        assert!(is_known(gb, Dialect::EnGb, "colour"));
    }

    #[test]
    fn suggestions_are_ranked_and_keep_case() {
        let dict = dictionary(Dialect::EnUs).unwrap();
        let found = suggestions(dict, Dialect::EnUs, "recieve");
        assert_eq!(found.first().map(String::as_str), Some("receive"));
        assert!(found.len() <= 3);
        let found = suggestions(dict, Dialect::EnUs, "Teh");
        assert_eq!(found.first().map(String::as_str), Some("The"));
    }

    #[test]
    fn vocabulary_is_loaded() {
        assert!(ACCEPTED.contains("serverless"));
        assert!(ACCEPTED.contains("kubernetes"));
        assert!(!ACCEPTED.iter().any(|w| w.starts_with('#')));
    }
}
