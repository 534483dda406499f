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

mod dialect;
mod rank;
mod vocabulary;
pub(crate) mod words;

pub use words::ProseWords;
use words::ends_sentence;
use words::words;

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
code-like tokens (paths, hosts, identifiers, words with digits) are never flagged. Also \
reported: dictionary words that are almost always a slip (`costumer`), words spelt as in the \
other English (`colour` in en-US), and names with two letters swapped (`Container Inisghts`). \
The first correction is the likeliest: fewest edits, then a word the page uses, a common \
word, a neighbouring key.",
    why: "The checklist asks that customer-facing documentation be generally free of typos; a \
typo in a case study undermines the claims around it.",
    bad_example: "The migration was completed withuot downtime.",
    good_example: "The migration was completed without downtime.",
    fix_safety: "Unsafe: the first suggestion is applied only with --unsafe-fixes, because a \
misspelling can have more than one plausible correction.",
}];

const EN_US_AFF: &str = include_str!("../../../lexicon/dictionaries/en_US.aff");
const EN_US_DIC: &str = include_str!("../../../lexicon/dictionaries/en_US.dic");
const EN_GB_AFF: &str = include_str!("../../../lexicon/dictionaries/en_GB.aff");
const EN_GB_DIC: &str = include_str!("../../../lexicon/dictionaries/en_GB.dic");
const EN_AU_AFF: &str = include_str!("../../../lexicon/dictionaries/en_AU.aff");
const EN_AU_DIC: &str = include_str!("../../../lexicon/dictionaries/en_AU.dic");
const EN_CA_AFF: &str = include_str!("../../../lexicon/dictionaries/en_CA.aff");
const EN_CA_DIC: &str = include_str!("../../../lexicon/dictionaries/en_CA.dic");
const CLOUD_WORDS: &str = include_str!("../../../lexicon/words/cloud.txt");
const MISSPELLINGS: &str = include_str!("../../../lexicon/words/misspellings.txt");
const WORD_FORMS: &str = include_str!("../../../lexicon/words/word-forms.toml");

/// `lexicon/words/word-forms.toml`: prefixes and dialect spellings.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct WordForms {
    hyphen_prefixes: Vec<String>,
    word_prefixes: Vec<String>,
    dialect_swaps: Vec<(String, String)>,
    doubled_l_endings: Vec<String>,
    word_suffixes: Vec<(String, String)>,
    function_words: Vec<String>,
}

/// The file is built in and a unit test loads it, so a broken edit fails the tests; at run
/// time it can only be the file the tests passed with.
static FORMS: LazyLock<WordForms> =
    LazyLock::new(|| toml::from_str(WORD_FORMS).unwrap_or_default());

/// Parsed once, on first use: a run that never checks spelling never pays for it.
static EN_US: LazyLock<Option<spellbook::Dictionary>> =
    LazyLock::new(|| spellbook::Dictionary::new(EN_US_AFF, EN_US_DIC).ok());
static EN_GB: LazyLock<Option<spellbook::Dictionary>> =
    LazyLock::new(|| parse_dictionary(EN_GB_AFF, EN_GB_DIC));
static EN_AU: LazyLock<Option<spellbook::Dictionary>> =
    LazyLock::new(|| parse_dictionary(EN_AU_AFF, EN_AU_DIC));
static EN_CA: LazyLock<Option<spellbook::Dictionary>> =
    LazyLock::new(|| parse_dictionary(EN_CA_AFF, EN_CA_DIC));

fn parse_dictionary(aff: &str, dic: &str) -> Option<spellbook::Dictionary> {
    // A byte-order mark, which some editions of these files carry, is not part of the first line.
    let aff = aff.trim_start_matches('\u{feff}');
    let dic = dic.trim_start_matches('\u{feff}');
    spellbook::Dictionary::new(aff, dic).ok()
}

/// The vocabulary files, lower-cased: matching ignores case. The hand-kept cloud words and
/// the generated technical vocabulary (`lexicon/words/vocabulary.txt`).
static ACCEPTED: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut words = word_list(CLOUD_WORDS);
    words.extend(word_list(vocabulary::WORDS));
    words
});

/// The vocabulary with each word's letter set, for finding corrections near a slip.
static ACCEPTED_LETTERS: LazyLock<Vec<(&'static String, u64)>> = LazyLock::new(|| {
    ACCEPTED
        .iter()
        .map(|word| (word, rank::letter_set(word)))
        .collect()
});

/// Dictionary words that are almost always a slip in business writing, with the word
/// meant: `wrong right` per line.
static LISTED: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    MISSPELLINGS
        .lines()
        .map(|line| line.split('#').next().unwrap_or_default())
        .filter_map(|line| line.split_once(char::is_whitespace))
        .map(|(wrong, right)| (wrong.trim(), right.trim()))
        .filter(|(wrong, right)| !wrong.is_empty() && !right.is_empty())
        .collect()
});

fn word_list(text: &str) -> HashSet<String> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Starts parsing the dictionary on a thread of its own when the configuration may use it,
/// so the parse (about 0.1 s) overlaps building the name matcher and finding the files
/// instead of stalling the first page checked.
pub fn preload(config: &crate::config::Config) {
    let wanted = crate::document::DocumentKind::ALL
        .iter()
        .any(|&kind| is_enabled(config, SPELLING, kind));
    if wanted {
        let dialect = config.spelling.dialect.unwrap_or_default();
        std::thread::spawn(move || dictionary(dialect).is_some());
    }
}

/// The dictionary of one English; the other Englishes are parsed only when a document
/// shows their spellings.
fn dictionary(dialect: Dialect) -> Option<&'static spellbook::Dictionary> {
    match dialect {
        Dialect::EnUs => EN_US.as_ref(),
        Dialect::EnGb => EN_GB.as_ref(),
        Dialect::EnAu => EN_AU.as_ref(),
        Dialect::EnCa => EN_CA.as_ref(),
    }
}

/// Whether en-US, the default English, knows a lower-case word: for the grammar checks,
/// which judge only dictionary words.
pub(crate) fn is_dictionary_word(word: &str) -> bool {
    dictionary(Dialect::EnUs).is_some_and(|d| verdict(d, Dialect::EnUs, word) != Verdict::Unknown)
}

/// Times a page writes an unknown word before it is read as the page's own term.
const REPEATED_TERM: usize = 3;

/// Past this many entries a thread's cache is dropped and rebuilt, which bounds memory on
/// huge trees while keeping the common words hot.
const CACHE_LIMIT: usize = 200_000;

#[derive(Default)]
struct Cache {
    known: [HashMap<Box<str>, Verdict>; 4],
    suggestions: [HashMap<Box<str>, Vec<String>>; 4],
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

fn dialect_slot(dialect: Dialect) -> usize {
    match dialect {
        Dialect::EnUs => 0,
        Dialect::EnGb => 1,
        Dialect::EnAu => 2,
        Dialect::EnCa => 3,
    }
}

/// What the dictionary and the list of listed slips say of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Known,
    Unknown,
    /// A dictionary word that is almost always a slip for another.
    Listed,
}

/// The dictionary's verdict on one word, cached.
fn verdict(dictionary: &spellbook::Dictionary, dialect: Dialect, word: &str) -> Verdict {
    let slot = dialect_slot(dialect);
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(&verdict) = cache.known[slot].get(word) {
            return verdict;
        }
        // Typographic apostrophes are read as ASCII ones ("don’t").
        let known = if word.contains('’') {
            dictionary.check(&word.replace('’', "'"))
        } else {
            dictionary.check(word)
        };
        let verdict = if !known {
            Verdict::Unknown
        } else if listed_correction(word).is_some() {
            Verdict::Listed
        } else {
            Verdict::Known
        };
        if cache.known[slot].len() >= CACHE_LIMIT {
            cache.known[slot].clear();
        }
        cache.known[slot].insert(word.into(), verdict);
        verdict
    })
}

fn is_known(dictionary: &spellbook::Dictionary, dialect: Dialect, word: &str) -> bool {
    verdict(dictionary, dialect, word) != Verdict::Unknown
}

/// The word a listed slip stands for ("costumer" → "customer").
fn listed_correction(word: &str) -> Option<&'static str> {
    LISTED.get(word.to_lowercase().as_str()).copied()
}

/// Hunspell's edit-based corrections, cached: the costly part of a suggestion. n-gram
/// suggestions cost milliseconds per word and find only far-off words, which no ranking
/// would offer anyway.
fn dictionary_suggestions(
    dictionary: &spellbook::Dictionary,
    dialect: Dialect,
    word: &str,
) -> Vec<String> {
    let slot = dialect_slot(dialect);
    if let Some(found) = CACHE.with(|c| c.borrow().suggestions[slot].get(word).cloned()) {
        return found;
    }
    let mut raw = Vec::new();
    dictionary
        .suggester()
        .with_ngram_suggestions(false)
        .suggest(&word.replace('’', "'"), &mut raw);
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.suggestions[slot].len() >= CACHE_LIMIT {
            cache.suggestions[slot].clear();
        }
        cache.suggestions[slot].insert(word.into(), raw.clone());
    });
    raw
}

/// Which words the dictionary is asked about: all-lower-case words anywhere, and
/// sentence-case words at a sentence start. Acronyms, CamelCase and capitalised words in
/// mid-sentence are names (or deliberate), never typos to a dictionary.
fn worth_checking(word: &str, sentence_start: bool) -> bool {
    // The longest English word in dictionaries has 45 letters; a longer run is an
    // identifier, a hash or noise, and the dictionary's work on it grows faster than its
    // length (a 300-letter run took most of a second).
    if word.len() < 3 || word.len() > 45 {
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
        if inflection_stems(&lower).any(|stem| ACCEPTED.contains(stem) || self.user.contains(stem))
        {
            return true;
        }
        ACCEPTED.contains(&lower)
            || self.user.contains(&lower)
            || self.names.contains(&lower)
            || self.ctx.names.is_name_word(word)
    }
}

/// The stems a regular inflection of a technical word leaves ("upserted" → "upsert",
/// "gzipped" → "gzip", "syncers" → "syncer", "sync"): the vocabulary lists hold base forms.
fn inflection_stems(lower: &str) -> impl Iterator<Item = &str> {
    const ENDINGS: [&str; 7] = ["s", "es", "ed", "d", "ing", "er", "ers"];
    ENDINGS.into_iter().flat_map(move |ending| {
        let stem = lower.strip_suffix(ending).filter(|stem| stem.len() >= 3);
        // A doubled final consonant before the ending ("gzipped", "mapping").
        let undoubled = stem.and_then(|stem| {
            let bytes = stem.as_bytes();
            let n = bytes.len();
            (n >= 4 && bytes[n - 1] == bytes[n - 2] && ending != "s" && ending != "es")
                .then(|| &stem[..n - 1])
        });
        stem.into_iter().chain(undoubled)
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
pub(crate) fn block_starts_sentence(prose: &Prose, previous: Option<&Prose>) -> bool {
    match previous {
        Some(p) if p.block_index == prose.block_index => ends_sentence(p.text.trim_end()),
        _ => true,
    }
}

/// Whether the rule is switched off for this file by `[spelling] exclude`.
fn excluded(doc: &Document, globs: &[String]) -> bool {
    crate::config::path_matches(&doc.path, globs)
}

/// Why a word is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slip {
    /// Not in the dictionary.
    Unknown,
    /// In the dictionary but, in business writing, almost always a slip for another word
    /// ("costumer", "alow"): `lexicon/words/misspellings.txt`.
    Listed,
    /// A capitalised word in mid-sentence, read as a name, whose letters are a common
    /// word with two neighbours swapped ("Container Inisghts").
    SwappedInName,
}

/// The English a document is read in: the configured one, or the one its spellings show.
pub fn document_dialect(doc: &Document, ctx: &Context) -> Dialect {
    if let Some(pinned) = ctx.config.spelling.dialect {
        return pinned;
    }
    let Some(us) = dictionary(Dialect::EnUs) else {
        return Dialect::EnUs;
    };
    let mut found = candidates(doc, &ProseWords::new(doc), us, Dialect::EnUs);
    dialect::read(doc, &mut found).dialect
}

/// Words the dictionary does not know (or lists as slips), and names with swapped
/// letters: what may be reported once the whole document's exemptions are applied.
fn candidates(
    doc: &Document,
    split: &ProseWords,
    dictionary: &spellbook::Dictionary,
    dialect: Dialect,
) -> Vec<(usize, std::ops::Range<usize>, Slip)> {
    let mut candidates: Vec<(usize, std::ops::Range<usize>, Slip)> = Vec::new();
    for (index, prose) in doc.prose.iter().enumerate() {
        if prose
            .text
            .trim_start()
            .starts_with(super::case_study::PLACEHOLDER_MARK)
        {
            continue;
        }
        // Headings are often in title case and table cells are labels: only their
        // lower-case words are checked, and a one-word cell is a value, not prose.
        let found = split.of(index);
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
            let range = word.range.start..word.range.start + text.len();
            if !worth_checking(text, word.sentence_start) {
                if is_swapped_name(dictionary, dialect, text) && prose.is_verbatim(range.clone()) {
                    candidates.push((index, range, Slip::SwappedInName));
                }
                continue;
            }
            let slip = match verdict(dictionary, dialect, text) {
                Verdict::Known => continue,
                Verdict::Unknown => Slip::Unknown,
                Verdict::Listed => Slip::Listed,
            };
            // Asked only of the words the dictionary does not know: most words stop above.
            // "pre-signed", "non-default", "pre, mid or post": a prefix is not a slip, before
            // a hyphen or written alone.
            if FORMS
                .hyphen_prefixes
                .iter()
                .any(|prefix| prefix.eq_ignore_ascii_case(text))
            {
                continue;
            }
            if hyphenated_name_or_word(dictionary, dialect, &prose.text, range.clone())
                || among_non_words(dictionary, dialect, &prose.text, found, n)
            {
                continue;
            }
            // Markup inside a word (`p*xx*`) marks a deliberate placeholder.
            if prose.is_verbatim(range.clone()) {
                candidates.push((index, range, slip));
            }
        }
    }
    candidates
}

pub fn check(doc: &Document, ctx: &Context, split: &ProseWords) -> Vec<Diagnostic> {
    if !is_enabled(ctx.config, SPELLING, doc.kind) || excluded(doc, &ctx.config.spelling.exclude) {
        return Vec::new();
    }
    let pinned = ctx.config.spelling.dialect;
    let first = pinned.unwrap_or_default();
    let Some(first_dictionary) = dictionary(first) else {
        return Vec::new();
    };
    // Candidates first; exemptions that need the whole document are applied after.
    let mut candidates = candidates(doc, split, first_dictionary, first);
    if candidates.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let (dialect, dictionary) = match pinned {
        Some(pinned) => (pinned, first_dictionary),
        None => {
            let reading = dialect::read(doc, &mut candidates);
            out.extend(reading.warning);
            match self::dictionary(reading.dialect) {
                Some(found) => (reading.dialect, found),
                None => (first, first_dictionary),
            }
        }
    };

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
    // A slip is rarely typed the same way three times: a word the page repeats is its
    // term ("skuba", "concurrencies"), unless typos' dictionary knows it as a slip.
    let mut repeats: HashMap<String, usize> = HashMap::new();
    for (index, range, _) in &candidates {
        *repeats
            .entry(doc.prose[*index].text[range.clone()].to_lowercase())
            .or_default() += 1;
    }
    // Built on the first word that needs a correction: most pages need none.
    let page = std::cell::OnceCell::new();
    let used_as_names = std::cell::OnceCell::new();
    for (index, range, slip) in candidates.clone() {
        let prose = &doc.prose[index];
        let written = &prose.text[range.clone()];
        if exemptions.accepts(written) || outside.contains(written) {
            continue;
        }
        if written.contains(['\'', '’']) && exemptions.accepts(stem_apostrophe(written)) {
            continue;
        }
        if glued_to_markup(doc, prose.source_range(range.clone()))
            || bold_term(doc, prose.source_range(range.clone()), written)
            || nickname(doc, prose.source_range(range.clone()))
        {
            continue;
        }
        // "Fargate" at a sentence start is the name used elsewhere in mid-sentence.
        if slip == Slip::Unknown
            && used_as_names
                .get_or_init(|| UsedAsNames::new(doc, &candidates))
                .contains(&capitalise(written))
        {
            continue;
        }
        let variant = match slip {
            Slip::Listed => None,
            Slip::Unknown | Slip::SwappedInName => {
                dialect_variant(dictionary, dialect, &written.to_lowercase())
            }
        };
        // "Network Information Centre": a name spelt the other way is still a name.
        if slip == Slip::SwappedInName
            && (variant.is_some() || is_known(dictionary, dialect, &written.to_lowercase()))
        {
            continue;
        }
        // Without a pinned English, the other Englishes' spellings were read as evidence
        // already: a "variant" left here is no dialect pair ("prequisites" is not
        // "perquisites" spelt another way), so the word is checked as any other.
        let variant = variant.filter(|_| pinned.is_some());
        if let Some(variant) = variant {
            let right = rank::match_case(written, &variant);
            let span = prose.source_range(range.clone());
            let message = format!(
                "`{written}` is spelt as in another English: {} writes `{right}`",
                dialect.as_str()
            );
            let mut diagnostic = Diagnostic::new(SPELLING, Severity::Warning, span, message)
                .with_help(
                    "Keep one spelling throughout; to write the other English, set `[spelling] dialect` in caselint.toml.",
                );
            diagnostic = if prose.is_verbatim(range) {
                diagnostic.with_fix(right, Applicability::Unsafe)
            } else {
                diagnostic.with_suggestion(right)
            };
            out.push(diagnostic);
            continue;
        }
        // typos' dictionary knows this slip and its one correction: certain enough to
        // report even a word that looks derived or compound.
        let known_typo = match slip {
            Slip::Unknown => vocabulary::known_typo(&written.to_lowercase()),
            Slip::Listed | Slip::SwappedInName => None,
        };
        if known_typo.is_none()
            && slip == Slip::Unknown
            && repeats
                .get(&written.to_lowercase())
                .is_some_and(|&count| count >= REPEATED_TERM)
        {
            continue;
        }
        // A derived word ("re-usable", "subfolders") is no slip whatever its suggestions:
        // asked before them, as suggesting is the costliest question here.
        let derived = |d, e| is_derived(d, e, written);
        if slip == Slip::Unknown
            && known_typo.is_none()
            && (derived(dictionary, dialect) || derived(first_dictionary, first))
        {
            continue;
        }
        let mut suggestions = match slip {
            Slip::Listed => listed_correction(written)
                .map(|c| vec![rank::match_case(written, c)])
                .unwrap_or_default(),
            Slip::Unknown | Slip::SwappedInName => corrections(
                dictionary,
                dialect,
                written,
                page.get_or_init(|| PageWords::new(doc, dictionary, dialect)),
                &exemptions.user,
            ),
        };
        if let Some(right) = known_typo {
            let right = rank::match_case(written, right);
            suggestions.retain(|s| *s != right);
            suggestions.insert(0, right);
            suggestions.truncate(3);
        }
        // A word no dictionary word is close to is a coinage or a name, not a slip.
        let Some(best) = suggestions.first() else {
            continue;
        };
        // Slips of the fingers are one edit from the word meant (a letter dropped, doubled,
        // swapped or mistyped); a word two edits from every correction is a coinage or a
        // name ("agentic" is not "agent"), unless typos' dictionary knows it.
        let lower = written.to_lowercase();
        let nearest = suggestions
            .iter()
            .map(|s| {
                let joined: String = s
                    .to_lowercase()
                    .chars()
                    .filter(|c| !matches!(c, ' ' | '-'))
                    .collect();
                finger_edits(&lower, &joined)
            })
            .min()
            .unwrap_or(usize::MAX);
        if known_typo.is_none() && slip == Slip::Unknown && nearest >= 2 {
            continue;
        }
        // A word of three letters is most often an abbreviation ("glb", "gui", "uat"); it
        // is a slip when a finger slip makes it of a common word ("teh", "tbe", "tht").
        if known_typo.is_none()
            && slip == Slip::Unknown
            && lower.len() <= 3
            && !suggestions
                .iter()
                .any(|s| short_slip_of(&lower, &s.to_lowercase()))
        {
            continue;
        }
        // "examplebucket", "reassociate": a run-together name or a prefixed word, unless a
        // single word one edit away is what was meant ("paramater").
        let one_edit_word = !best.contains([' ', '-'])
            && strsim::damerau_levenshtein(&written.to_lowercase(), &best.to_lowercase()) == 1;
        // A compound one edit from a single word is a compound all the same when that word
        // is no common one ("pemfile" is no slip for "gemfile").
        let compound_may_be_meant = !one_edit_word || !rank::is_common(&best.to_lowercase());
        if slip == Slip::Unknown
            && known_typo.is_none()
            && compound_may_be_meant
            && (is_compound(dictionary, dialect, written)
                || is_compound(first_dictionary, first, written))
        {
            continue;
        }
        let message = match slip {
            Slip::Listed => {
                format!("`{written}` is a word, but rarely the one meant: did you mean `{best}`?")
            }
            Slip::Unknown | Slip::SwappedInName => {
                format!("`{written}` may be misspelt: did you mean `{best}`?")
            }
        };
        let span = prose.source_range(range.clone());
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

/// Whether `meant` is a common word and `written` is it with two neighbouring letters
/// swapped ("teh"), one letter typed with a neighbouring key ("tbe") or one letter
/// dropped ("tht", "sde"). Not one letter added: "uat" is no slip for "at".
fn short_slip_of(written: &str, meant: &str) -> bool {
    let (a, b) = (written.as_bytes(), meant.as_bytes());
    let dropped =
        b.len() == a.len() + 1 && (0..b.len()).any(|i| b[..i] == a[..i] && b[i + 1..] == a[i..]);
    if dropped && rank::is_common(meant) {
        return true;
    }
    let differ: Vec<usize> = (0..a.len().min(b.len()))
        .filter(|&i| a[i] != b[i])
        .collect();
    let neighbour_key = a.len() == b.len()
        && matches!(differ[..], [i] if rank::neighbours(char::from(a[i]), char::from(b[i])));
    rank::is_common(meant)
        && a.len() == b.len()
        && (neighbour_key
            || (0..a.len().saturating_sub(1)).any(|i| {
                a[i] == b[i + 1]
                    && a[i + 1] == b[i]
                    && a[i] != a[i + 1]
                    && a[..i] == b[..i]
                    && a[i + 2..] == b[i + 2..]
            }))
}

/// Edits between a slip and a correction, counting two exchanged letters as one edit
/// however far apart ("ulitization" for "utilization"), and a missing space or hyphen as
/// one ("thefile" for "the file").
fn finger_edits(written: &str, meant: &str) -> usize {
    let (a, b) = (written.as_bytes(), meant.as_bytes());
    if a.len() == b.len() {
        let differ: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
        if let [i, j] = differ[..]
            && a[i] == b[j]
            && a[j] == b[i]
        {
            return 1;
        }
    }
    strsim::damerau_levenshtein(written, meant).max(1)
}

/// Ranked corrections for a word the dictionary does not know: Hunspell's, and the words
/// of this page and of the vocabulary lists that are close to it ("programatically" →
/// "programmatically", which Hunspell's lists lack).
fn corrections(
    dictionary: &spellbook::Dictionary,
    dialect: Dialect,
    written: &str,
    page: &PageWords,
    user: &HashSet<String>,
) -> Vec<String> {
    let lower = written.to_lowercase();
    let mut candidates: Vec<rank::Candidate> = dictionary_suggestions(dictionary, dialect, written)
        .into_iter()
        .enumerate()
        .map(|(order, word)| rank::Candidate { word, order })
        .collect();
    let letters = rank::letter_set(&lower);
    let near =
        |word: &&String| rank::within_two_edits(&lower, letters, word, rank::letter_set(word));
    // The vocabulary is thousands of words, asked about for every unknown word: its letter
    // sets are computed once, so most of it is ruled out without counting edits.
    let mut extra: Vec<&String> = ACCEPTED_LETTERS
        .iter()
        .filter(|(word, set)| rank::within_two_edits(&lower, letters, word, *set))
        .map(|(word, _)| *word)
        .chain(page.words.iter().chain(user.iter()).filter(near))
        .collect();
    // Hash sets iterate in a different order in every process: sorted, the tie-break by
    // `order` gives the same suggestions on every run.
    extra.sort();
    extra.dedup();
    for (n, word) in extra.into_iter().enumerate() {
        candidates.push(rank::Candidate {
            word: word.clone(),
            order: 1000 + n,
        });
    }
    rank::rank(written, candidates, &|word| page.has_form_of(word))
}

/// The lower-case words of a document's prose that are spelt right: where a writer's slip
/// most likely came from.
struct PageWords {
    words: HashSet<String>,
}

impl PageWords {
    /// Whether the page uses the word or a regular inflection of it ("publish" on a page
    /// that says "publishes").
    fn has_form_of(&self, word: &str) -> bool {
        ["", "s", "es", "d", "ed", "ing"]
            .iter()
            .any(|ending| self.words.contains(&format!("{word}{ending}")))
    }

    fn new(doc: &Document, dictionary: &spellbook::Dictionary, dialect: Dialect) -> PageWords {
        let mut words = HashSet::new();
        for prose in &doc.prose {
            for word in self::words(&prose.text, false) {
                let text = stem(&prose.text[word.range]);
                if text.len() < 3 || words.contains(&text.to_lowercase()) {
                    continue;
                }
                let lower = text.to_lowercase();
                if ACCEPTED.contains(&lower)
                    || verdict(dictionary, dialect, &lower) == Verdict::Known
                {
                    words.insert(lower);
                }
            }
        }
        PageWords { words }
    }
}

/// The spelling this dialect's dictionary uses for a word spelt the way of another
/// English: "colour" → "color", "signalling" → "signaling", "centre" → "center",
/// "analyse" → "analyze", "catalogue" → "catalog", "licence" → "license", and back.
fn dialect_variant(
    dictionary: &spellbook::Dictionary,
    dialect: Dialect,
    word: &str,
) -> Option<String> {
    let mut tried = Vec::new();
    for (a, b) in &FORMS.dialect_swaps {
        for (from, to) in [(a, b), (b, a)] {
            for (at, _) in word.match_indices(from.as_str()) {
                tried.push(format!("{}{to}{}", &word[..at], &word[at + from.len()..]));
            }
        }
    }
    for ending in &FORMS.doubled_l_endings {
        for (at, _) in word.match_indices(&format!("l{ending}")) {
            let (head, tail) = word.split_at(at);
            if let Some(single) = head.strip_suffix('l') {
                tried.push(format!("{single}{tail}"));
            } else {
                tried.push(format!("{head}l{tail}"));
            }
        }
    }
    tried
        .into_iter()
        .find(|variant| variant != word && verdict(dictionary, dialect, variant) == Verdict::Known)
}

/// A Title-case word in mid-sentence that is a common word with two neighbouring letters
/// swapped. Names are never checked against the dictionary, but a swap that yields a
/// common word is almost never a name.
fn is_swapped_name(dictionary: &spellbook::Dictionary, dialect: Dialect, word: &str) -> bool {
    let mut chars = word.chars();
    if word.len() < 6
        || !chars.next().is_some_and(|c| c.is_ascii_uppercase())
        || !chars.all(|c| c.is_ascii_lowercase())
    {
        return false;
    }
    let lower = word.to_ascii_lowercase();
    if is_known(dictionary, dialect, &lower) {
        return false;
    }
    let bytes = lower.as_bytes();
    (1..bytes.len() - 1).any(|i| {
        let mut swapped = bytes.to_vec();
        swapped.swap(i, i + 1);
        String::from_utf8(swapped)
            .is_ok_and(|s| rank::is_common(&s) && is_known(dictionary, dialect, &s))
    })
}

/// Candidate words that the document also writes outside its prose (in code, a command, a
/// URL or a link target): a tool, an option or a resource name, not a typo ("ethtool",
/// "examplebucket").
struct OutsideProse {
    words: HashSet<String>,
}

impl OutsideProse {
    fn new(doc: &Document, candidates: &[(usize, std::ops::Range<usize>, Slip)]) -> OutsideProse {
        let mut prose_count: HashMap<String, usize> = HashMap::new();
        for (index, range, _) in candidates {
            let word = doc.prose[*index].text[range.clone()].to_lowercase();
            *prose_count.entry(word).or_default() += 1;
        }
        let source = doc.source.to_lowercase();
        let patterns: Vec<&str> = prose_count.keys().map(String::as_str).collect();
        let mut in_source = vec![0usize; patterns.len()];
        for (pattern, at) in occurrences(&source, &patterns) {
            let bytes = source.as_bytes();
            let before = at.checked_sub(1).and_then(|i| bytes.get(i));
            let after = bytes.get(at + patterns[pattern].len());
            if !before.is_some_and(u8::is_ascii_alphabetic)
                && !after.is_some_and(u8::is_ascii_alphabetic)
            {
                in_source[pattern] += 1;
            }
        }
        let words = patterns
            .iter()
            .zip(in_source)
            .filter(|(word, count)| *count > prose_count[**word])
            .map(|(word, _)| (*word).to_string())
            .collect();
        OutsideProse { words }
    }

    fn contains(&self, word: &str) -> bool {
        self.words.contains(&word.to_lowercase())
    }
}

/// Every place any of `words` occurs in `text` (overlaps included), as (index into
/// `words`, byte offset), found in one pass: a search of the whole text per word made a
/// page with many unknown words quadratic.
fn occurrences(text: &str, words: &[&str]) -> Vec<(usize, usize)> {
    let Ok(automaton) = aho_corasick::AhoCorasick::new(words) else {
        return Vec::new();
    };
    automaton
        .find_overlapping_iter(text)
        .map(|found| (found.pattern().as_usize(), found.start()))
        .collect()
}

/// Two words run together into one lower-case name ("examplebucket", "costcenter",
/// "stackset", "homelab", "coredns"): an identifier or a coined term, written without code
/// formatting. Each part is a dictionary word or a technical term of 3+ letters; a part
/// that is a function word ("thefile", "ofthe") means a missing space, a slip.
fn is_compound(dictionary: &spellbook::Dictionary, dialect: Dialect, word: &str) -> bool {
    const MIN_PART: usize = 3;
    const MIN_WORD: usize = 7;
    if word.len() < MIN_WORD || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let content = |part: &str| {
        !FORMS.function_words.iter().any(|w| w == part)
            && (is_known(dictionary, dialect, part) || ACCEPTED.contains(part))
    };
    (MIN_PART..=word.len() - MIN_PART).any(|at| {
        let (left, right) = word.split_at(at);
        // Two technical terms glued ("kubeproxy") are as likely a slip of a third as a
        // name: one part at least is an English word.
        content(left)
            && content(right)
            && (is_known(dictionary, dialect, left) || is_known(dictionary, dialect, right))
    })
}

/// The names the document writes capitalised somewhere other than at a sentence start:
/// such a word is a name ("Fargate runs …" after "… on Fargate"). Built once per document
/// for the unknown candidates, in one pass over the source.
struct UsedAsNames {
    names: HashSet<String>,
}

impl UsedAsNames {
    fn new(doc: &Document, candidates: &[(usize, std::ops::Range<usize>, Slip)]) -> UsedAsNames {
        let mut wanted: Vec<String> = candidates
            .iter()
            .filter(|(_, _, slip)| *slip == Slip::Unknown)
            .map(|(index, range, _)| capitalise(&doc.prose[*index].text[range.clone()]))
            .collect();
        wanted.sort();
        wanted.dedup();
        let patterns: Vec<&str> = wanted.iter().map(String::as_str).collect();
        let names = occurrences(&doc.source, &patterns)
            .into_iter()
            .filter(|&(pattern, at)| used_as_name_at(doc, patterns[pattern], at))
            .map(|(pattern, _)| patterns[pattern].to_string())
            .collect();
        UsedAsNames { names }
    }

    fn contains(&self, name: &str) -> bool {
        self.names.contains(name)
    }
}

/// Whether `name`, found at byte `at` of the source, is a whole word written in
/// mid-sentence.
fn used_as_name_at(doc: &Document, name: &str, at: usize) -> bool {
    let bytes = doc.source.as_bytes();
    let Some(before) = doc.source.get(..at) else {
        return false;
    };
    let before = before.trim_end_matches(['*', '_', '"', '“', '(', '[']);
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
}

/// "Bitnami" written in mid-sentence makes a lower-case "bitnami" the same name.
pub(crate) fn capitalise(word: &str) -> String {
    rank::match_case("A", word)
}

/// A prefix ("re", "un", "de", …), a plural or a word-making ending on a dictionary word:
/// "reassociate", "unshares", "executables", "finalizer", "declaratively". Typos rarely
/// leave a whole word behind the prefix or before the ending.
fn is_derived(dictionary: &spellbook::Dictionary, dialect: Dialect, word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    let prefixed = FORMS.word_prefixes.iter().any(|prefix| {
        lower
            .strip_prefix(prefix.as_str())
            .is_some_and(|rest| rest.len() >= 4 && is_known(dictionary, dialect, rest))
    });
    let plural = lower.len() >= 6
        && lower
            .strip_suffix('s')
            .is_some_and(|stem| is_known(dictionary, dialect, stem));
    let suffixed = FORMS.word_suffixes.iter().any(|(ending, stem_ends)| {
        lower.strip_suffix(ending.as_str()).is_some_and(|stem| {
            stem.len() >= 5
                && stem.ends_with(stem_ends.as_str())
                && is_known(dictionary, dialect, stem)
        })
    });
    prefixed || plural || suffixed
}

/// A word listed with other words that are no words either ("gt, gte, lt, lte"): a list
/// of operators, options or values written without code formatting. Two such neighbours
/// in the same list, on either side.
fn among_non_words(
    dictionary: &spellbook::Dictionary,
    dialect: Dialect,
    text: &str,
    found: &[words::Word],
    n: usize,
) -> bool {
    let non_word = |w: &words::Word| {
        let part = &text[w.range.clone()];
        // Dictionaries know many two-letter abbreviations ("lt"): only common ones
        // ("or", "in") are words here.
        let short = part.len() <= 2 && !rank::is_common(part);
        part.bytes().all(|b| b.is_ascii_lowercase())
            && (short || !is_known(dictionary, dialect, part))
            && !FORMS.hyphen_prefixes.iter().any(|p| p == part)
    };
    let listed = |a: &words::Word, b: &words::Word| {
        matches!(text[a.range.end..b.range.start].trim(), "," | "|" | "/")
    };
    let mut count = 0;
    // Walk out from the word both ways while the items stay in one list.
    for step in [-1isize, 1] {
        let mut at = n;
        for _ in 0..2 {
            let Some(next) = at.checked_add_signed(step).filter(|&i| i < found.len()) else {
                break;
            };
            let (left, right) = if step < 0 { (next, at) } else { (at, next) };
            if !listed(&found[left], &found[right]) || !non_word(&found[next]) {
                break;
            }
            count += 1;
            at = next;
        }
    }
    count >= 2
}

/// Whether a word is part of a hyphenated chunk that is itself a dictionary word
/// ("add-ons", "check-ins") or a name made of terms ("tf-idf", "rustls-pemfile"): another
/// lower-case part is no word at all, so the chunk is an identifier, not prose to correct.
/// "well-knwon" stays a finding: "well" is a word.
fn hyphenated_name_or_word(
    dictionary: &spellbook::Dictionary,
    dialect: Dialect,
    text: &str,
    range: std::ops::Range<usize>,
) -> bool {
    let part_char = |c: char| c.is_ascii_alphanumeric() || c == '-';
    let start = text[..range.start]
        .char_indices()
        .rev()
        .take_while(|(_, c)| part_char(*c))
        .last()
        .map_or(range.start, |(i, _)| i);
    let end = text[range.end..]
        .char_indices()
        .find(|(_, c)| !part_char(*c))
        .map_or(text.len(), |(i, _)| range.end + i);
    let chunk = text[start..end].trim_matches('-');
    if !chunk.contains('-') {
        return false;
    }
    let own = &text[range.clone()];
    // "add-ons", "plug-ins", "trade-offs": a particle made plural after a hyphen.
    let particle_plural = text[..range.start].ends_with('-')
        && own
            .strip_suffix('s')
            .is_some_and(|stem| stem.len() >= 2 && is_known(dictionary, dialect, stem));
    if particle_plural || is_known(dictionary, dialect, &chunk.to_lowercase()) {
        return true;
    }
    chunk.split('-').any(|part| {
        part != own
            && !part.is_empty()
            && part.bytes().all(|b| b.is_ascii_lowercase())
            && !is_known(dictionary, dialect, part)
            && !ACCEPTED.contains(part)
            && !FORMS.hyphen_prefixes.iter().any(|p| p == part)
    })
}

/// A capitalised word that is the whole bold text at a sentence start ("**Nutch**: a web
/// crawler"): the term a list item defines, a name.
fn bold_term(doc: &Document, span: std::ops::Range<usize>, written: &str) -> bool {
    let capitalised = written.chars().next().is_some_and(char::is_uppercase);
    let before = &doc.source[..span.start];
    let after = &doc.source[span.end..];
    capitalised
        && ((before.ends_with("**") && after.starts_with("**"))
            || (before.ends_with("__") && after.starts_with("__")))
}

/// A quoted word between a first name and a surname (Roland "roli" Schilter): a nickname.
fn nickname(doc: &Document, span: std::ops::Range<usize>) -> bool {
    let before = doc.source[..span.start].strip_suffix(['"', '“']);
    let after = doc.source[span.end..].strip_prefix(['"', '”']);
    let (Some(before), Some(after)) = (before, after) else {
        return false;
    };
    let first_name = before.strip_suffix(' ').is_some_and(|b| {
        b.rsplit(' ')
            .next()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
    });
    let surname = after
        .strip_prefix(' ')
        .is_some_and(|a| a.starts_with(|c: char| c.is_uppercase()));
    first_name && surname
}

/// A word that is the whole text of a link ("[fsspec](…)", "[Informatica](…)") names what
/// the link points to; one glued to inline code or a link ("[`skuba build`]ing") is a
/// suffix, not a word.
fn glued_to_markup(doc: &Document, span: std::ops::Range<usize>) -> bool {
    let before = doc.source[..span.start].chars().next_back();
    let after = doc.source[span.end..].chars().next();
    let link_text = before == Some('[') && after == Some(']');
    let glued = matches!(before, Some('`' | ']' | ')')) || after == Some('`');
    link_text || glued
}

/// "CloudFront’s" is checked as "CloudFront" against the exemptions.
fn stem_apostrophe(word: &str) -> &str {
    word.split(['\'', '’']).next().unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lower_case_and_sentence_case_are_checked() {
        assert!(worth_checking("recieve", false));
        assert!(worth_checking("Recieve", true));
        assert!(!worth_checking("Recieve", false));
        assert!(!worth_checking("DynamoDB", true));
        assert!(!worth_checking("HTTPS", true));
        assert!(!worth_checking("ok", false));
        // Longer than any English word: noise, whose suggestions cost more than linear time.
        assert!(worth_checking(&"j".repeat(45), false));
        assert!(!worth_checking(&"j".repeat(46), false));
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
        let page = PageWords {
            words: HashSet::new(),
        };
        let none = HashSet::new();
        let found = corrections(dict, Dialect::EnUs, "recieve", &page, &none);
        assert_eq!(found.first().map(String::as_str), Some("receive"));
        assert!(found.len() <= 3);
        let found = corrections(dict, Dialect::EnUs, "Teh", &page, &none);
        assert_eq!(found.first().map(String::as_str), Some("The"));
    }

    #[test]
    fn listed_slips_are_dictionary_words_with_a_dictionary_correction() {
        let dict = dictionary(Dialect::EnUs).unwrap();
        assert!(LISTED.len() >= 10);
        for (wrong, right) in LISTED.iter() {
            assert!(
                dict.check(wrong),
                "{wrong}: the dictionary finds it without the list"
            );
            assert!(dict.check(right), "{right}: not a dictionary word");
        }
    }

    #[test]
    fn dialect_variants_both_ways() {
        let us = dictionary(Dialect::EnUs).unwrap();
        let gb = dictionary(Dialect::EnGb).unwrap();
        let variant = |d, dialect, w: &str| dialect_variant(d, dialect, w);
        assert_eq!(
            variant(us, Dialect::EnUs, "colour").as_deref(),
            Some("color")
        );
        assert_eq!(
            variant(us, Dialect::EnUs, "signalling").as_deref(),
            Some("signaling")
        );
        assert_eq!(
            variant(us, Dialect::EnUs, "catalogue").as_deref(),
            Some("catalog")
        );
        assert_eq!(
            variant(gb, Dialect::EnGb, "organize").as_deref(),
            Some("organise")
        );
        assert_eq!(
            variant(gb, Dialect::EnGb, "center").as_deref(),
            Some("centre")
        );
        assert_eq!(variant(us, Dialect::EnUs, "recieve"), None);
    }

    #[test]
    fn swapped_letters_in_a_name_are_found_but_names_are_not() {
        let us = dictionary(Dialect::EnUs).unwrap();
        assert!(is_swapped_name(us, Dialect::EnUs, "Inisghts"));
        assert!(!is_swapped_name(us, Dialect::EnUs, "Fargate"));
        assert!(!is_swapped_name(us, Dialect::EnUs, "Insights"));
        assert!(!is_swapped_name(us, Dialect::EnUs, "DynamoDB"));
    }

    fn us() -> &'static spellbook::Dictionary {
        dictionary(Dialect::EnUs).expect("en-US dictionary")
    }

    #[test]
    fn coined_compounds_but_not_missing_spaces() {
        for word in [
            "stackset", "homelab", "webscale", "showback", "coredns", "typesafe",
        ] {
            assert!(is_compound(us(), Dialect::EnUs, word), "{word}");
        }
        for word in ["thefile", "ofthe", "mightonly", "recieve", "ulitization"] {
            assert!(!is_compound(us(), Dialect::EnUs, word), "{word}");
        }
    }

    #[test]
    fn word_making_endings_on_dictionary_words() {
        for word in ["finalizer", "declaratively", "agentic", "reassociate"] {
            assert!(is_derived(us(), Dialect::EnUs, word), "{word}");
        }
        for word in ["basicly", "finaly", "excuting", "distrubution"] {
            assert!(!is_derived(us(), Dialect::EnUs, word), "{word}");
        }
    }

    #[test]
    fn finger_edits_count_an_exchange_and_a_missing_space_as_one() {
        assert_eq!(finger_edits("ulitization", "utilization"), 1);
        assert_eq!(finger_edits("thefile", "thefile"), 1);
        assert_eq!(finger_edits("recieve", "receive"), 1);
        assert_eq!(finger_edits("agentic", "agent"), 2);
        assert!(short_slip_of("teh", "the"));
        assert!(short_slip_of("tbe", "the"));
        assert!(short_slip_of("tht", "that"));
        assert!(!short_slip_of("glb", "gob"));
        assert!(!short_slip_of("uat", "at"));
    }

    #[test]
    fn hyphenated_names_and_particles_but_not_slips_in_compounds() {
        let at = |text: &str, word: &str| {
            let start = text.find(word).expect("word in text");
            hyphenated_name_or_word(us(), Dialect::EnUs, text, start..start + word.len())
        };
        assert!(at("the add-ons run", "ons"));
        assert!(at("scores use tf-idf here", "idf"));
        assert!(!at("a well-knwon tool", "knwon"));
        assert!(!at("no hyphen here", "hyphen"));
    }

    #[test]
    fn lists_of_non_words_are_operators_not_slips() {
        let check = |text: &str, word: &str| {
            let found = words::words(text, false);
            let n = found
                .iter()
                .position(|w| &text[w.range.clone()] == word)
                .expect("word found");
            among_non_words(us(), Dialect::EnUs, text, &found, n)
        };
        assert!(check("(gt, gte, lt, lte)", "gte"));
        assert!(check("(gt, gte, lt, lte)", "lte"));
        assert!(!check("the cat, the dgo, the cow", "dgo"));
    }

    #[test]
    fn word_forms_load() {
        let forms: WordForms = toml::from_str(WORD_FORMS).expect("word-forms.toml parses");
        assert!(forms.hyphen_prefixes.contains(&"pre".to_string()));
        assert!(forms.word_prefixes.contains(&"re".to_string()));
        assert!(forms.dialect_swaps.len() >= 10);
        assert!(forms.doubled_l_endings.contains(&"ing".to_string()));
    }

    #[test]
    fn vocabulary_is_loaded() {
        assert!(ACCEPTED.contains("serverless"));
        assert!(ACCEPTED.contains("kubernetes"));
        assert!(!ACCEPTED.iter().any(|w| w.starts_with('#')));
    }
}
