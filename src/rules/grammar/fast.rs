//! The fast grammar tier: slips that two neighbouring words show for certain, read from the
//! words spelling reads (code, paths and markup are never words). Each check speaks only
//! when the pair leaves no doubt; `lexicon/words/grammar.toml` says when that is.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use super::GRAMMAR;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::{BlockKind, Document, Prose};
use crate::rules::spelling::{self, ProseWords, words::Word};

// The lists are looked up once or more per word of every doc: a fast hash, not SipHash.
type Set = rustc_hash::FxHashSet<String>;
type Map = rustc_hash::FxHashMap<String, String>;

const GRAMMAR_WORDS: &str = include_str!("../../../lexicon/words/grammar.toml");

/// `lexicon/words/grammar.toml`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Lists {
    repeat_ok: Set,
    consonant_sound_prefixes: Vec<String>,
    consonant_sound_words: Set,
    silent_h_prefixes: Vec<String>,
    either_article_prefixes: Vec<String>,
    letter_by_letter: Set,
    not_after_article: Set,
    modals: Set,
    double_modals: Set,
    determiners: Set,
    comparatives: Set,
    its_means_it_is: Set,
    possessive_before: Set,
    there_before: Set,
    verbs_after_subject: Set,
    not_possessed: Set,
    possessive_after: Set,
    it_before: Set,
    lose_after: Set,
    vowel_sound_letters: Set,
    either_sound_letters: Set,
    acronyms_said_as_words: Set,
    plural_quantifiers: Set,
    compound_verb_before: Set,
    compound_verb_objects: Set,
    compound_verbs: Map,
    object_before_to: Set,
    not_verb_after_to: Set,
    affect_before: Set,
    affect_objects: Set,
    effect_before: Set,
    theyre_before: Set,
    theyre_then: Set,
    their_after_verbs: Set,
    their_after_prepositions: Set,
    its_before_end: Set,
    not_owned_after_there: Set,
    youre_after: Set,
    youre_objects: Set,
    whose_verbs: Set,
    not_owned_after_whos: Set,
    its_before_clause: Set,
    clause_starts: Set,
    singular_heads: Set,
    singular_pronoun_heads: Set,
    agreement_breakers: Set,
    passive_be: Set,
    passive_then: Set,
    passive_compounds: Set,
    compound_verbs_before_to: Set,
    able_after: Set,
    not_after_able: Set,
    verbs_after_also: Set,
    not_singular_subjects: Set,
    passive_be_alone: Set,
    compound_verb_particles: Set,
    compound_verb_subjects: Set,
    that_clause_verbs: Set,
    let_verbs: Set,
    verb_objects: Set,
    relative_pronouns: Set,
    possessive_capital_names: Vec<String>,
    plural_verb_singulars: Map,
    participles: Map,
}

/// Built in, and a unit test loads it: at run time it can only be the file the tests passed.
static LISTS: LazyLock<Lists> = LazyLock::new(|| toml::from_str(GRAMMAR_WORDS).unwrap_or_default());

/// The words that can open a phrase check (see [`phrases`]): a word outside this set and
/// not starting a sentence opens none, so the many list lookups are skipped for most words.
static PHRASE_OPENERS: LazyLock<Set> = LazyLock::new(|| {
    let l = &*LISTS;
    [
        &l.object_before_to,
        &l.affect_before,
        &l.effect_before,
        &l.their_after_verbs,
        &l.their_after_prepositions,
        &l.modals,
        &l.youre_after,
        &l.passive_be,
        &l.compound_verbs_before_to,
        &l.that_clause_verbs,
        &l.let_verbs,
        &l.able_after,
        &l.compound_verb_subjects,
    ]
    .into_iter()
    .flatten()
    .cloned()
    .chain(["their", "who's", "its"].map(String::from))
    .collect()
});

/// One slip: where, which check, what to say and what to write instead.
struct Slip {
    range: Range<usize>,
    check: &'static str,
    message: String,
    replacement: String,
    safe: bool,
}

pub(super) fn check(doc: &Document, split: &ProseWords, disabled: &[String]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (index, prose) in doc.prose.iter().enumerate() {
        if prose
            .text
            .trim_start()
            .starts_with(crate::rules::case_study::PLACEHOLDER_MARK)
        {
            continue;
        }
        // Headings and table cells are labels, often in title case: only a repeated word
        // is certain there.
        let label = matches!(prose.block, BlockKind::Heading(_) | BlockKind::TableCell);
        let cell = prose.block == BlockKind::TableCell;
        let found = split.of(index);
        for slip in slips(doc, prose, found, label, cell) {
            if disabled.iter().any(|d| d == slip.check) || !prose.is_verbatim(slip.range.clone()) {
                continue;
            }
            out.push(diagnostic(prose, slip));
        }
        let numbers = number_suffixes(&prose.text).into_iter().chain(
            (!cell)
                .then(|| number_articles(&prose.text))
                .into_iter()
                .flatten(),
        );
        for slip in numbers {
            if disabled.iter().all(|d| d != slip.check) && prose.is_verbatim(slip.range.clone()) {
                out.push(diagnostic(prose, slip));
            }
        }
        if !label {
            for slip in doubled_punctuation(&prose.text) {
                if disabled.iter().all(|d| d != slip.check) && prose.is_verbatim(slip.range.clone())
                {
                    out.push(diagnostic(prose, slip));
                }
            }
        }
    }
    out
}

fn diagnostic(prose: &Prose, slip: Slip) -> Diagnostic {
    let span = prose.source_range(slip.range);
    let applicability = if slip.safe {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    Diagnostic::new(GRAMMAR, Severity::Warning, span, slip.message)
        .with_help(format!(
            "grammar check `{}`; turn it off with `[grammar] disable = [\"{}\"]`.",
            slip.check, slip.check
        ))
        .with_fix(slip.replacement, applicability)
}

/// A word in lower case with a plain apostrophe, borrowed when it already is: most words
/// are, and this runs for every word of every doc.
fn lower_case(word: &str) -> Cow<'_, str> {
    if word.bytes().any(|c| c.is_ascii_uppercase()) || !word.is_ascii() {
        Cow::Owned(word.to_lowercase().replace('’', "'"))
    } else {
        Cow::Borrowed(word)
    }
}

fn is_article(word: &str) -> bool {
    matches!(word, "a" | "an" | "A" | "An")
}

/// The slips among neighbouring words of one prose value.
fn slips(doc: &Document, prose: &Prose, found: &[Word], label: bool, cell: bool) -> Vec<Slip> {
    let text = prose.text.as_str();
    let mut out = Vec::new();
    // "a S3 bucket", "an T3 instance": a letter-and-digits name is read letter by letter,
    // and the spelling-side words skip it as code-like.
    if !cell {
        for word in found {
            if !is_article(&text[word.range.clone()]) {
                continue;
            }
            let may_start = article_may_start(doc, prose, word.range.start);
            if let Some(slip) = alphanumeric_article(text, word, may_start) {
                out.push(slip);
            }
        }
    }
    if !label && !cell {
        out.extend(phrases(text, found));
    }
    for (n, pair) in found.windows(2).enumerate() {
        let (first, second) = (&pair[0], &pair[1]);
        let gap = &text[first.range.end..second.range.start];
        // Only words with nothing but space between them: punctuation, code or markup in
        // between breaks the pair.
        if gap.is_empty() || !gap.chars().all(char::is_whitespace) {
            continue;
        }
        let a = &text[first.range.clone()];
        let b = &text[second.range.clone()];
        // "on on-premises", "re-re…": the second word is part of a compound.
        let compound_after =
            text[second.range.end..].starts_with(['-', '\'', '’']) && !b.contains(['\'', '’']);
        let before = found.get(n.wrapping_sub(1)).map(|w| &text[w.range.clone()]);
        let after = found.get(n + 2).map(|w| &text[w.range.clone()]);
        let before_adjacent = n.checked_sub(1).and_then(|i| found.get(i)).and_then(|w| {
            let gap = &text[w.range.end..first.range.start];
            (!gap.is_empty() && gap.chars().all(char::is_whitespace))
                .then(|| &text[w.range.clone()])
        });
        let after_adjacent = found.get(n + 2).and_then(|w| {
            let gap = &text[second.range.end..w.range.start];
            (!gap.is_empty() && gap.chars().all(char::is_whitespace))
                .then(|| &text[w.range.clone()])
        });
        let both = first.range.start..second.range.end;
        // "--policy-arn arn:aws:…", "starts-with with": a word glued to code or an option
        // on either side is not repeated by a slip.
        let glued = text[..first.range.start].ends_with(['-', ':', '/', '.', '=', '@'])
            || text[second.range.end..].starts_with([':', '/', '.', '=', '@'])
                && text[second.range.end + 1..].starts_with(|c: char| c.is_alphanumeric());
        // Table cells list names and values ("ClusterName ClusterName" over a line break
        // the table flattens): a repeat there is not prose.
        // A run of three or more ("word word word", a stress test, a chant) is deliberate.
        let run_of_three = before.is_some_and(|w| w.eq_ignore_ascii_case(a))
            || after.is_some_and(|w| w.eq_ignore_ascii_case(b));
        if run_of_three && a.eq_ignore_ascii_case(b) {
            continue;
        }
        // "the \"latest latest pact\"": a quotation that opens on the repeat names it.
        let quoted = text[..first.range.start].ends_with(['"', '“']);
        if !cell
            && !glued
            && !quoted
            && let Some(slip) = repeated(a, b, first.sentence_start, compound_after, both.clone())
        {
            out.push(slip);
            continue;
        }
        if cell || compound_after {
            continue;
        }
        let article_start = is_article(a) && article_may_start(doc, prose, first.range.start);
        if let Some(slip) = article(a, b, first, article_start) {
            out.push(slip);
        } else if label {
            // Headings are labels: only the article, the repeat and an imperative that
            // opens one ("Step 2: Setup the Lambda function") are certain there.
            let before_first = text[..first.range.start].trim_end();
            let opens =
                first.sentence_start || before_first.is_empty() || before_first.ends_with(':');
            // Title case is common there: "Setup The Lambda Function".
            if opens && let Some(slip) = compound_verb(a, &lower_case(b), None, first, true) {
                out.push(slip);
            }
        } else if month_of(a, first, &text[second.range.end..]) {
            // "In May of 2019": the month, not the modal.
        } else if let Some(slip) = modal_of(a, b, before, after, both.clone()) {
            out.push(slip);
        } else if let Some(slip) = double_modal(a, b, before_adjacent, first, both.clone()) {
            out.push(slip);
        } else if let Some(slip) = there_is_plural(a, b, before_adjacent, first) {
            out.push(slip);
        } else if let Some(slip) = compound_verb(a, b, before_adjacent, first, first.sentence_start)
        {
            out.push(slip);
        } else if let Some(slip) = confusion(a, b, first, second, after, after_adjacent) {
            out.push(slip);
        }
    }
    // Two checks may read the same slip ("we login to it": a verb after a subject, and
    // before "to"): it is one finding.
    let mut seen = rustc_hash::FxHashSet::default();
    out.retain(|slip| seen.insert((slip.range.start, slip.range.end)));
    out
}

/// "the the", "The the": the same word twice, as typed.
fn repeated(
    a: &str,
    b: &str,
    sentence_start: bool,
    compound_after: bool,
    range: Range<usize>,
) -> Option<Slip> {
    // Cheap before the lower-casing: most pairs are no repeat.
    if a.is_ascii() && !a.eq_ignore_ascii_case(b) {
        return None;
    }
    let lower = a.to_lowercase();
    let same = a == b || (sentence_start && lower == b);
    if !same || compound_after || (a.len() == 1 && lower != "a") || LISTS.repeat_ok.contains(&lower)
    {
        return None;
    }
    Some(Slip {
        range,
        check: "RepeatedWords",
        message: format!("`{a}` is written twice"),
        replacement: a.to_string(),
        safe: true,
    })
}

/// Whether the word at `at` can be an article: not glued to a name, an option or a
/// version ("us-east-1a", "-a"), judged on the source, where code next to the text shows.
fn article_may_start(doc: &Document, prose: &Prose, at: usize) -> bool {
    let source_at = prose.source_offset(at);
    doc.source[..source_at]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '['))
}

/// `a` before a vowel sound or `an` before a consonant sound, judged only where the
/// spelling tells the sound: lower-case dictionary words, names starting with A, E, I or
/// O ("a Amazon", "a IAM role"), and dictionary words written as names ("an Lambda").
fn article(a: &str, b: &str, first: &Word, may_start: bool) -> Option<Slip> {
    let capital = match a {
        "a" | "an" => false,
        // A capital "A" inside a sentence is a name ("key A"), not an article.
        "A" | "An" if first.sentence_start => true,
        _ => return None,
    };
    let lower = b.to_lowercase();
    if !may_start
        || b.len() < 2
        || !b.bytes().all(|c| c.is_ascii_alphabetic())
        || LISTS.not_after_article.contains(&lower)
    {
        return None;
    }
    let wanted = if b.bytes().all(|c| c.is_ascii_lowercase()) {
        if LISTS.letter_by_letter.contains(b) || !spelling::is_dictionary_word(b) {
            return None;
        }
        expected_article(b)?
    } else {
        name_article(b, &lower)?
    };
    wrong_article(first.range.clone(), a, wanted, capital, b)
}

/// The article a writer puts before `word` (a name, an acronym or a lower-case word), for
/// messages that build a phrase: "an ISV", "a startup", "an Enterprise". Where writers
/// differ, "a".
pub(crate) fn article_before(word: &str) -> &'static str {
    let lower = word.to_lowercase();
    let settled = if word.starts_with(char::is_uppercase) {
        name_article(word, &lower)
    } else {
        expected_article(&lower)
    };
    settled.unwrap_or("a")
}

/// The article before a name or an acronym, when its spelling settles it. One starting with
/// A, E, I or O is read with a vowel, spelt out or not ("an IAM role", "an Oracle
/// database"), except "One…", "Once…" and "Eu…". Before other acronyms writers differ with
/// how they say them ("a SQL", "an SQL"), and a name starting with U may go either way
/// ("a Unix", "an Ubuntu"). A consonant name takes "a" only when it is a dictionary word
/// written with a capital ("a Lambda function"), as "an Nvidia GPU" is read by letters.
fn name_article(name: &str, lower: &str) -> Option<&'static str> {
    let first = lower.as_bytes().first()?;
    match first {
        b'a' | b'e' | b'i' | b'o' => {
            let consonant = lower.starts_with("eu")
                || lower.starts_with("one")
                || LISTS.consonant_sound_words.contains(lower);
            (!consonant).then_some("an")
        }
        _ if spelt_out(name, lower) => {
            let letter = &lower[..1];
            if LISTS.either_sound_letters.contains(letter) {
                None
            } else if LISTS.vowel_sound_letters.contains(letter) {
                Some("an")
            } else {
                Some("a")
            }
        }
        b'u' | b'h' | b'x' => None,
        _ => {
            let title_case = name.chars().skip(1).all(|c| c.is_ascii_lowercase());
            (title_case && spelling::is_dictionary_word(lower)).then_some("a")
        }
    }
}

/// An acronym that can only be read letter by letter: capitals with no vowel letter,
/// short enough to be an acronym, and not one writers also say as a word.
fn spelt_out(name: &str, lower: &str) -> bool {
    (2..=5).contains(&name.len())
        && name.bytes().all(|c| c.is_ascii_uppercase())
        && !name.bytes().any(|c| b"AEIOUY".contains(&c))
        && !LISTS.acronyms_said_as_words.contains(lower)
}

/// The article a lower-case word takes by its first sound, or `None` when writers differ
/// ("a historic", "an historic").
fn expected_article(word: &str) -> Option<&'static str> {
    let starts = |prefixes: &[String]| prefixes.iter().any(|p| word.starts_with(p.as_str()));
    match word.as_bytes().first()? {
        b'a' | b'e' | b'i' | b'o' | b'u' => {
            // "un" before a dictionary word is the prefix, a vowel: "an uninstalled agent".
            let un_prefix = word
                .strip_prefix("un")
                .is_some_and(|rest| rest.len() >= 4 && spelling::is_dictionary_word(rest));
            let consonant = !un_prefix
                && (LISTS.consonant_sound_words.contains(word)
                    || starts(&LISTS.consonant_sound_prefixes));
            Some(if consonant { "a" } else { "an" })
        }
        b'h' if starts(&LISTS.either_article_prefixes) => None,
        b'h' if starts(&LISTS.silent_h_prefixes) => Some("an"),
        _ => Some("a"),
    }
}

/// "there is multiple layers" → "there are": a plural subject after "there is/was".
fn there_is_plural(a: &str, b: &str, before: Option<&str>, first: &Word) -> Option<Slip> {
    if !before.is_some_and(|w| w.eq_ignore_ascii_case("there"))
        || !LISTS.plural_quantifiers.contains(&b.to_lowercase())
    {
        return None;
    }
    let right = match a {
        "is" => "are",
        "was" => "were",
        _ => return None,
    };
    Some(Slip {
        range: first.range.clone(),
        check: "ThereIsPlural",
        message: format!("`there {a} {b}`: write `there {right} {b}`"),
        replacement: right.to_string(),
        safe: false,
    })
}

/// "to setup the cluster" → "set up": a one-word noun used as a verb, told by what is
/// before it (or a sentence start) and the object after it.
/// `starts`: the first word opens a sentence or a heading's clause.
fn compound_verb(
    a: &str,
    b: &str,
    before: Option<&str>,
    first: &Word,
    starts: bool,
) -> Option<Slip> {
    if !LISTS.compound_verb_objects.contains(b) {
        return None;
    }
    let lower = a.to_lowercase();
    let verb = LISTS.compound_verbs.get(&lower)?;
    let capital = a.starts_with(char::is_uppercase);
    let as_verb = match before {
        Some(word) if !starts => {
            a == lower && LISTS.compound_verb_before.contains(&word.to_lowercase())
        }
        _ => starts && (a == lower || a[1..] == lower[1..]),
    };
    if !as_verb {
        return None;
    }
    let right = if capital {
        crate::rules::spelling::capitalise(verb)
    } else {
        verb.clone()
    };
    Some(Slip {
        range: first.range.clone(),
        check: "CompoundVerb",
        message: format!("`{a}` is the noun; the verb is `{right}`"),
        replacement: right,
        safe: false,
    })
}

/// "May" as a month: capitalised inside a sentence, or followed by a year ("May of 2019").
fn month_of(a: &str, first: &Word, rest: &str) -> bool {
    a == "May"
        && (!first.sentence_start || rest.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// "could of" for "could have".
fn modal_of(
    a: &str,
    b: &str,
    before: Option<&str>,
    after: Option<&str>,
    range: Range<usize>,
) -> Option<Slip> {
    if b != "of" {
        return None;
    }
    let lower = a.to_lowercase();
    // "the might of", "could, of course, …" (a missing comma, not this slip).
    let noun = before.is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "the" | "its" | "their" | "his" | "her" | "our" | "your" | "full" | "sheer" | "all"
        )
    });
    if b != "of" || !LISTS.modals.contains(&lower) || noun || after == Some("course") {
        return None;
    }
    let replacement = format!("{a} have");
    Some(Slip {
        range,
        check: "ModalOf",
        message: format!("`{a} of` is a slip for `{replacement}`"),
        replacement,
        safe: false,
    })
}

/// "might could", "will can": two modal verbs in a row, where one was meant ("might be
/// able to"). A modal after a determiner is a noun ("a must", "the will").
fn double_modal(
    a: &str,
    b: &str,
    before: Option<&str>,
    first: &Word,
    range: Range<usize>,
) -> Option<Slip> {
    if !LISTS.double_modals.contains(b) {
        return None;
    }
    let lower = a.to_lowercase();
    // A capital inside a sentence is a name ("Will can help").
    let name = a != lower && !first.sentence_start;
    let noun = before.is_some_and(|w| {
        LISTS.determiners.contains(&w.to_lowercase()) || w.ends_with("'s") || w.ends_with("’s")
    });
    if name
        || noun
        || b != b.to_lowercase()
        || !LISTS.double_modals.contains(&lower)
        || !LISTS.double_modals.contains(b)
    {
        return None;
    }
    // "can" and "could" say ability, which the first modal can take as "be able to".
    let replacement = if matches!(b, "can" | "could") {
        format!("{a} be able to")
    } else {
        a.to_string()
    };
    Some(Slip {
        range,
        check: "DoubleModal",
        message: format!("`{a} {b}`: two modal verbs in a row; write `{replacement}`"),
        replacement,
        safe: false,
    })
}

/// The words of one prose value as the phrase checks read them: lower case, one kind of
/// apostrophe, and whether the next word follows with nothing but spaces between.
struct Run<'a> {
    text: &'a str,
    found: &'a [Word],
    lower: Vec<Cow<'a, str>>,
    joined: Vec<bool>,
}

impl Run<'_> {
    fn word(&self, i: usize) -> Option<&str> {
        self.lower.get(i).map(|w| w.as_ref())
    }

    /// Word `i + k` when words `i..=i + k` follow one another with only spaces between.
    fn next(&self, i: usize, k: usize) -> Option<&str> {
        (i..i + k)
            .all(|j| self.joined.get(j).copied().unwrap_or(false))
            .then(|| self.word(i + k))
            .flatten()
    }

    fn is(&self, i: usize, list: &Set) -> bool {
        self.word(i).is_some_and(|w| list.contains(w))
    }

    fn written(&self, i: usize) -> &str {
        self.found
            .get(i)
            .and_then(|w| self.text.get(w.range.clone()))
            .unwrap_or_default()
    }

    /// Whether the object of word `i` comes before it in a relative clause: "the origins
    /// that you will allow to access the bucket".
    fn object_moved_before(&self, i: usize) -> bool {
        (i.saturating_sub(4)..i).rev().any(|j| {
            self.is(j, &LISTS.relative_pronouns)
                && !(j + 1..=i).any(|k| self.found.get(k).is_some_and(|w| w.sentence_start))
        })
    }

    /// Whether a clause ends right after word `i`: punctuation or the end of the text.
    fn clause_ends_after(&self, i: usize) -> bool {
        self.found.get(i).is_some_and(|w| {
            let rest = self.text[w.range.end..].trim_start_matches(' ');
            rest.is_empty() || rest.starts_with(['.', ',', ';', ':', '!', '?', ')'])
        })
    }

    /// A slip replacing word `i`, keeping a capital the writer gave it.
    fn replace(&self, i: usize, check: &'static str, right: &str, shown: Range<usize>) -> Slip {
        let written = self.written(i);
        let right = if written.starts_with(char::is_uppercase) {
            crate::rules::spelling::capitalise(right)
        } else {
            right.to_string()
        };
        let phrase = self.text.get(self.span(shown)).unwrap_or(written);
        Slip {
            range: self.found[i].range.clone(),
            check,
            message: format!("`{phrase}`: write `{right}` for `{written}`"),
            replacement: right,
            safe: false,
        }
    }

    fn span(&self, words: Range<usize>) -> Range<usize> {
        let last = words.end.saturating_sub(1).max(words.start);
        match (self.found.get(words.start), self.found.get(last)) {
            (Some(a), Some(b)) => a.range.start..b.range.end,
            _ => 0..0,
        }
    }
}

/// Slips that take three to seven neighbouring words to see. Each check speaks only when
/// the words around it leave one reading; the lists in `lexicon/words/grammar.toml` say
/// which words those are.
fn phrases(text: &str, found: &[Word]) -> Vec<Slip> {
    let run = Run {
        text,
        found,
        lower: found
            .iter()
            .map(|w| lower_case(&text[w.range.clone()]))
            .collect(),
        joined: found
            .windows(2)
            .map(|p| {
                let gap = &text[p[0].range.end..p[1].range.start];
                !gap.is_empty() && gap.chars().all(|c| c == ' ')
            })
            .collect(),
    };
    let l = &*LISTS;
    let lower_word = |w: Option<&str>| w.is_some_and(|w| w.bytes().all(|c| c.is_ascii_lowercase()));
    let mut out = Vec::new();
    for (i, this) in found.iter().enumerate() {
        let Some(w) = run.word(i) else { continue };
        // Every check below opens on a word of PHRASE_OPENERS or at a sentence's start.
        if !this.sentence_start && !PHRASE_OPENERS.contains(w) {
            continue;
        }
        let w1 = run.next(i, 1);
        let w2 = run.next(i, 2);
        let w3 = run.next(i, 3);
        // "allows to skip": the verb needs its object.
        if l.object_before_to.contains(w)
            && w1 == Some("to")
            && lower_word(w2)
            && !w2.is_some_and(|v| l.not_verb_after_to.contains(v) || v.ends_with("ing"))
            && !(i > 0 && run.next(i - 1, 1).is_some() && run.is(i - 1, &l.passive_be))
            && !run.object_moved_before(i)
        {
            let written = run.written(i);
            out.push(Slip {
                range: run.span(i..i + 2),
                check: "AllowsTo",
                message: format!(
                    "`{written} to {}`: say who, as in `{written} you to {0}`, or write `{written} {0}ing`",
                    w2.unwrap_or_default()
                ),
                replacement: format!("{written} you to"),
                safe: false,
            });
        }
        // "does not effect the data", "has no affect on".
        if l.affect_before.contains(w)
            && let Some(verb @ ("effect" | "effects")) = w1
            && w2.is_some_and(|o| l.affect_objects.contains(o))
        {
            let right = if verb == "effect" {
                "affect"
            } else {
                "affects"
            };
            out.push(run.replace(i + 1, "AffectEffect", right, i..i + 3));
        }
        if l.effect_before.contains(w)
            && let Some(noun @ ("affect" | "affects")) = w1
            && (matches!(w2, Some("on" | "of")) || w == "side")
        {
            let right = if noun == "affect" {
                "effect"
            } else {
                "effects"
            };
            out.push(run.replace(i + 1, "AffectEffect", right, i..i + 2));
        }
        // "their ready to receive": nothing is owned, so "they're".
        if w == "their"
            && w1.is_some_and(|a| l.theyre_before.contains(a))
            && (w2.is_some_and(|n| l.theyre_then.contains(n))
                || (w1.is_some() && run.clause_ends_after(i + 1)))
        {
            out.push(run.replace(i, "TheirThere", "they're", i..i + 2));
        }
        // "view there build logs", "based on there structure": the logs are owned, so
        // "their". After a preposition the noun may end the clause.
        let preposition = l.their_after_prepositions.contains(w);
        if (l.their_after_verbs.contains(w) || preposition)
            && w1 == Some("there")
            && lower_word(w2)
            && (w3.is_some() || preposition && run.clause_ends_after(i + 2))
            && !w2.is_some_and(|n| {
                l.not_owned_after_there.contains(n)
                    || n.ends_with("ly")
                    || preposition && n.ends_with("ing")
            })
        {
            out.push(run.replace(i + 1, "TheirThere", "their", i..i + 3));
        }
        // "might as well of made": "have", as after the modal alone.
        if l.modals.contains(w)
            && w1 == Some("as")
            && w2 == Some("well")
            && w3 == Some("of")
            && lower_word(run.next(i, 4))
            && run.next(i, 4) != Some("course")
        {
            out.push(run.replace(i + 3, "ModalOf", "have", i..i + 5));
        }
        // "get an email when its ready.", "where its deployed,": "it's". A possessive
        // needs its noun, and a past participle ends no noun phrase ("its seed." does).
        let participle = |a: &str| {
            a.len() >= 5
                && a.ends_with("ed")
                && !a.ends_with("eed")
                && spelling::is_dictionary_word(a)
        };
        if w == "its"
            && w1.is_some_and(|a| l.its_before_end.contains(a) || participle(a))
            && run.clause_ends_after(i + 1)
        {
            out.push(run.replace(i, "ItsContraction", "it's", i..i + 2));
        }
        // "If your using a proxy", "if your not using it": the verb, so "you're".
        if l.youre_after.contains(w)
            && w1 == Some("your")
            && (w2.is_some_and(|v| v.len() >= 5 && v.ends_with("ing"))
                && w3.is_some_and(|o| l.youre_objects.contains(o))
                || w2 == Some("not") && w3.is_some_and(|v| v.ends_with("ing")))
        {
            out.push(run.replace(i + 1, "YourYoure", "you're", i..i + 3));
        }
        // "Users who's sessions have expired": the sessions are owned, so "whose".
        if w == "who's"
            && lower_word(w1)
            && !w1.is_some_and(|n| {
                l.not_owned_after_whos.contains(n)
                    || n.ends_with("ly")
                    || n.ends_with("ing")
                    || n.ends_with("ed")
            })
            && w2.is_some_and(|v| l.whose_verbs.contains(v))
        {
            out.push(run.replace(i, "WhoseWhos", "whose", i..i + 3));
        }
        // "Its recommended to enable": "it is".
        if w == "its"
            && w1.is_some_and(|a| l.its_before_clause.contains(a))
            && w2.is_some_and(|c| l.clause_starts.contains(c))
        {
            out.push(run.replace(i, "ItsContraction", "it's", i..i + 3));
        }
        // "the subscription we setup.", "the group we've setup:": after a word that can
        // only be a subject, the noun was written for the verb, whatever follows.
        // (With an object after it, the pair check reports it.)
        if l.compound_verb_subjects.contains(w)
            && let Some(verb) = w1.and_then(|n| l.compound_verbs.get(n))
            && !w2.is_some_and(|o| l.compound_verb_objects.contains(o))
        {
            out.push(run.replace(i + 1, "CompoundVerb", verb, i..i + 2));
        }
        // "The file is generate by the agent": the participle.
        if l.passive_be.contains(w)
            && let Some(participle) = w1.and_then(|v| l.participles.get(v))
            && (w2 == Some("by") || w2 == Some("automatically") && w3 == Some("by"))
        {
            out.push(run.replace(i + 1, "Participle", participle, i..i + 3));
        }
        // "SNS topics are setup as targets": the participle, in two words.
        if l.passive_be.contains(w)
            && let Some(noun) = w1.filter(|n| l.passive_compounds.contains(*n))
            && (w2.is_some_and(|n| l.passive_then.contains(n))
                || run.clause_ends_after(i + 1) && l.passive_be_alone.contains(w))
            && let Some(verb) = l.compound_verbs.get(noun)
        {
            out.push(run.replace(i + 1, "CompoundVerb", verb, i..i + 2));
        }
        // "Login to your account": the verb, in two words.
        if l.compound_verbs_before_to.contains(w)
            && w1.is_some_and(|p| l.compound_verb_particles.contains(p))
            && (this.sentence_start
                || i > 0 && run.next(i - 1, 1).is_some() && run.is(i - 1, &l.compound_verb_before))
            && let Some(verb) = l.compound_verbs.get(w)
        {
            out.push(run.replace(i, "CompoundVerb", verb, i..i + 2));
        }
        // "recommends you to create": a that-clause.
        if l.that_clause_verbs.contains(w)
            && w1.is_some_and(|o| l.verb_objects.contains(o))
            && w2 == Some("to")
            && lower_word(w3)
            && !w3.is_some_and(|v| l.not_verb_after_to.contains(v))
        {
            let object = run.written(i + 1);
            out.push(Slip {
                range: run.span(i + 1..i + 3),
                check: "AllowsTo",
                message: format!(
                    "`{} {object} to {}`: write `{0} that {object} {1}`",
                    run.written(i),
                    w3.unwrap_or_default()
                ),
                replacement: format!("that {object}"),
                safe: false,
            });
        }
        // "let Mixpanel to create": "let" takes the bare verb.
        if l.let_verbs.contains(w)
            && w2 == Some("to")
            && (w1.is_some_and(|o| l.verb_objects.contains(o))
                || run.written(i + 1).starts_with(char::is_uppercase))
            && lower_word(w3)
            && !w3.is_some_and(|v| l.not_verb_after_to.contains(v))
        {
            let object = run.written(i + 1);
            out.push(Slip {
                range: run.span(i + 1..i + 3),
                check: "AllowsTo",
                message: format!(
                    "`{} {object} to {}`: write `{0} {object} {1}`",
                    run.written(i),
                    w3.unwrap_or_default()
                ),
                replacement: object.to_string(),
                safe: false,
            });
        }
        // "need to be able access": "able" takes "to".
        if l.able_after.contains(w)
            && w1 == Some("able")
            && lower_word(w2)
            && !w2.is_some_and(|n| l.not_after_able.contains(n))
        {
            out.push(Slip {
                range: run.span(i + 1..i + 2),
                check: "AllowsTo",
                message: format!(
                    "`{} able {}`: write `able to {1}`",
                    run.written(i),
                    w2.unwrap_or_default()
                ),
                replacement: "able to".to_string(),
                safe: false,
            });
        }
        // "Spacelift also support it": one name, so the verb takes its "-s".
        if this.sentence_start
            && run.written(i).starts_with(char::is_uppercase)
            && !w.ends_with('s')
            && !w.contains('\'')
            && !l.not_singular_subjects.contains(w)
            && w1 == Some("also")
            && let Some(verb) = w2.filter(|v| l.verbs_after_also.contains(*v))
        {
            let right = if verb.ends_with(['s', 'h', 'x']) {
                format!("{verb}es")
            } else {
                format!("{verb}s")
            };
            out.push(run.replace(i + 2, "Agreement", &right, i..i + 3));
        }
        if let Some(slip) = agreement(&run, i) {
            out.push(slip);
        }
    }
    out
}

/// "The list of supported regions are available", "Each of the nodes have": the verb
/// agrees with the singular head, not with the plural just before it.
fn agreement(run: &Run, i: usize) -> Option<Slip> {
    let l = &*LISTS;
    if !run.found.get(i)?.sentence_start {
        return None;
    }
    let of = if run.word(i) == Some("the")
        && run.next(i, 1).is_some_and(|h| l.singular_heads.contains(h))
        && run.next(i, 2) == Some("of")
    {
        i + 2
    } else if run.is(i, &l.singular_pronoun_heads) && run.next(i, 1) == Some("of") {
        i + 1
    } else {
        return None;
    };
    for k in of + 2..of + 7 {
        let word = run.next(i, k - i)?;
        if l.agreement_breakers.contains(word)
            || l.plural_verb_singulars.values().any(|s| s == word)
        {
            return None;
        }
        let Some(right) = l.plural_verb_singulars.get(word) else {
            continue;
        };
        let plural_before = run
            .word(k - 1)
            .is_some_and(|p| p.ends_with('s') && !p.ends_with("ss"));
        return plural_before.then(|| run.replace(k, "Agreement", right, i..k + 1));
    }
    None
}

/// "an 5-second delay", "a 8-core machine": the article of a number is that of its
/// spoken first word (eight, eleven and eighteen take "an").
fn number_articles(text: &str) -> Vec<Slip> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices(' ') {
        let Some(rest) = text.get(at + 1..) else {
            continue;
        };
        if !rest.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let head = &text[..at];
        let article_start = head
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_ascii_alphabetic())
            .map_or(0, |(p, c)| p + c.len_utf8());
        let article = &head[article_start..];
        let lowered = article.to_ascii_lowercase();
        if !matches!(lowered.as_str(), "a" | "an") {
            continue;
        }
        // "Figure A 3" is a label; only a lower-case article, or one starting a sentence.
        let sentence_start = head[..article_start].trim_end().is_empty()
            || head[..article_start]
                .trim_end()
                .ends_with(['.', '!', '?', ':']);
        if article != lowered && !sentence_start {
            continue;
        }
        if article_start > 0 && !matches!(bytes[article_start - 1], b' ' | b'(' | b'\n' | b'"') {
            continue;
        }
        let number: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',')
            .collect();
        let Some(vowel) = number_starts_with_vowel_sound(&number) else {
            continue;
        };
        let right = if vowel { "an" } else { "a" };
        if lowered == right {
            continue;
        }
        let right = if article.starts_with('A') {
            crate::rules::spelling::capitalise(right)
        } else {
            right.to_string()
        };
        out.push(Slip {
            range: article_start..at,
            check: "AnA",
            message: format!(
                "`{article} {number}`: the number is read with a {} sound, so `{right}`",
                if vowel { "vowel" } else { "consonant" }
            ),
            replacement: right,
            safe: false,
        });
    }
    out
}

/// Whether a written number is said starting with a vowel sound: "8" (eight), "11"
/// (eleven), "18 000" (eighteen thousand). `None` when it can be read either way ("1100":
/// eleven hundred or one thousand one hundred).
fn number_starts_with_vowel_sound(number: &str) -> Option<bool> {
    let number = number.trim_end_matches(',');
    let first_group = number.split(',').next()?;
    if first_group.is_empty() {
        return None;
    }
    if first_group.starts_with('8') {
        return Some(true);
    }
    let eleven_or_eighteen = first_group.starts_with("11") || first_group.starts_with("18");
    if number.contains(',') {
        return Some(first_group.len() == 2 && eleven_or_eighteen);
    }
    match first_group.len() {
        2 | 5 | 8 if eleven_or_eighteen => Some(true),
        4 if eleven_or_eighteen => None,
        _ => Some(false),
    }
}

/// "1th", "22th", "11st": an ordinal whose suffix does not fit its number.
fn number_suffixes(text: &str) -> Vec<Slip> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit()
            || i.checked_sub(1).is_some_and(|j| {
                bytes[j].is_ascii_alphanumeric()
                    || matches!(bytes[j], b'.' | b',' | b'_' | b'-' | b'/')
            })
        {
            i += 1;
            continue;
        }
        let digits_end = i + bytes[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let suffix_end = digits_end
            + bytes[digits_end..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
        let glued = bytes.get(suffix_end).is_some_and(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, b'_' | b'-' | b'/' | b'.')
                    && bytes
                        .get(suffix_end + 1)
                        .is_some_and(u8::is_ascii_alphanumeric)
        });
        let suffix = &text[digits_end..suffix_end];
        if !glued
            && suffix_end - digits_end == 2
            && let Some(right) = ordinal_suffix(&text[i..digits_end])
            && ["st", "nd", "rd", "th"].contains(&suffix.to_ascii_lowercase().as_str())
            && !suffix.eq_ignore_ascii_case(right)
        {
            let right = if suffix.bytes().all(|c| c.is_ascii_uppercase()) {
                right.to_ascii_uppercase()
            } else {
                right.to_string()
            };
            out.push(Slip {
                range: digits_end..suffix_end,
                check: "NumberSuffix",
                message: format!(
                    "`{}`: write `{}{right}`",
                    &text[i..suffix_end],
                    &text[i..digits_end]
                ),
                replacement: right,
                safe: false,
            });
        }
        i = suffix_end.max(i + 1);
    }
    out
}

/// The ordinal suffix a number takes: 1st, 2nd, 3rd, 11th-13th, and "th" otherwise.
fn ordinal_suffix(number: &str) -> Option<&'static str> {
    let last_two: u32 = number[number.len().saturating_sub(2)..].parse().ok()?;
    Some(match (last_two % 100, last_two % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    })
}

/// "a S3 bucket" for "an S3 bucket": the article before a name of one to three letters
/// and digits, which is read letter by letter ("ess three", "tee three").
fn alphanumeric_article(text: &str, word: &Word, may_start: bool) -> Option<Slip> {
    let a = &text[word.range.clone()];
    let capital = match a {
        "a" | "an" => false,
        "A" | "An" if word.sentence_start => true,
        _ => return None,
    };
    let rest = text[word.range.end..].strip_prefix(' ')?;
    let token: &str = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | ')' | '-'))
        .next()?;
    let letters = token.bytes().take_while(u8::is_ascii_alphabetic).count();
    let digits = token[letters..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    let tail = &token[letters + digits..];
    // One or two capitals ("S3", "EC2", "M1") or one small letter ("m5", "x86"): longer
    // letter groups may be read as a word ("a SHA256 hash", "a Log4j appender").
    let spelt_out = match letters {
        1 => true,
        2 => token[..2].bytes().all(|c| c.is_ascii_uppercase()),
        _ => false,
    };
    if !may_start
        || !spelt_out
        || digits == 0
        || !(tail.is_empty() || (tail.len() <= 2 && tail.bytes().all(|c| c.is_ascii_alphabetic())))
    {
        return None;
    }
    let first = token.as_bytes()[0].to_ascii_lowercase();
    let wanted = if b"aefhilmnorsx".contains(&first) {
        "an"
    } else {
        "a"
    };
    wrong_article(word.range.clone(), a, wanted, capital, token)
}

/// The a/an slip on `range` (the article `written`), unless it is already `wanted`.
fn wrong_article(
    range: Range<usize>,
    written: &str,
    wanted: &str,
    capital: bool,
    next: &str,
) -> Option<Slip> {
    if written.eq_ignore_ascii_case(wanted) {
        return None;
    }
    let replacement = if capital {
        crate::rules::spelling::capitalise(wanted)
    } else {
        wanted.to_string()
    };
    Some(Slip {
        range,
        check: "AnA",
        message: format!("write `{replacement}` before `{next}`, not `{written}`"),
        replacement,
        safe: false,
    })
}

/// its/it's, their/there/they're and then/than, each where the next word settles it.
fn confusion(
    a: &str,
    b: &str,
    first: &Word,
    second: &Word,
    after: Option<&str>,
    after_adjacent: Option<&str>,
) -> Option<Slip> {
    let lower = lower_case(a);
    let capital = a.starts_with(char::is_uppercase);
    let cased = |word: &str| {
        if capital {
            crate::rules::spelling::capitalise(word)
        } else {
            word.to_string()
        }
    };
    let slip = |range: Range<usize>, check, right: String, wrong: &str| Slip {
        range,
        check,
        message: format!("`{wrong} {b}`: write `{right}`"),
        replacement: right,
        safe: false,
    };
    // "IT's budget", "from IT's backlog": the IT department's, not "it is".
    let department = |w: &str| {
        LISTS.possessive_capital_names.iter().any(|name| {
            w.strip_prefix(name.as_str())
                .is_some_and(|rest| rest.starts_with(['\'', '’']))
        })
    };
    let lower = if department(a) {
        Cow::Borrowed("")
    } else {
        lower
    };
    let lower: &str = lower.as_ref();
    let second_lower = if department(b) {
        Cow::Borrowed("")
    } else {
        lower_case(b)
    };
    let second_lower: &str = second_lower.as_ref();
    match lower {
        // "due to it's stateless nature": after a preposition, the possessive.
        _ if second_lower == "it's"
            && LISTS.possessive_after.contains(lower)
            && after_adjacent.is_some_and(|next| next.bytes().all(|c| c.is_ascii_lowercase())) =>
        {
            Some(Slip {
                range: second.range.clone(),
                check: "ItsPossessive",
                message: format!("`{a} {b}`: write `{a} its`"),
                replacement: "its".to_string(),
                safe: false,
            })
        }
        // "if you loose it": after a subject or an auxiliary, the verb "lose".
        _ if second_lower == "loose" && LISTS.lose_after.contains(lower) => Some(Slip {
            range: second.range.clone(),
            check: "LoseLoose",
            message: format!("`{a} {b}`: write `{a} lose`"),
            replacement: "lose".to_string(),
            safe: false,
        }),
        // "its does not scale": a verb after it, so the pronoun was meant.
        "its" if LISTS.it_before.contains(second_lower) => Some(Slip {
            range: first.range.clone(),
            check: "ItsContraction",
            message: format!("`{a} {b}`: write `{} {b}`", cased("it")),
            replacement: cased("it"),
            safe: false,
        }),
        "it's" if LISTS.possessive_before.contains(b) => {
            Some(slip(first.range.clone(), "ItsPossessive", cased("its"), a))
        }
        // "it's value is": a noun and its verb after it, so the possessive was meant.
        "it's"
            if after_adjacent.is_some_and(|verb| LISTS.verbs_after_subject.contains(verb))
                && b.bytes().all(|c| c.is_ascii_lowercase())
                && !b.ends_with("ly")
                && !LISTS.not_possessed.contains(b)
                && spelling::is_dictionary_word(b) =>
        {
            Some(slip(first.range.clone(), "ItsPossessive", cased("its"), a))
        }
        // "its a", "its been": "it's" (it is, it has) was meant. "its not-null" is a compound.
        "its" if LISTS.its_means_it_is.contains(b) && after.is_some() => Some(slip(
            first.range.clone(),
            "ItsContraction",
            cased("it's"),
            a,
        )),
        "there" | "they're" if LISTS.possessive_before.contains(b) => {
            Some(slip(first.range.clone(), "TheirThere", cased("their"), a))
        }
        "their" if LISTS.there_before.contains(b) => {
            Some(slip(first.range.clone(), "TheirThere", cased("there"), a))
        }
        _ if b == "then" && LISTS.comparatives.contains(lower) && after.is_some() => Some(slip(
            second.range.clone(),
            "ThenThan",
            "than".to_string(),
            a,
        )),
        _ => None,
    }
}

/// ",,", ";;" and a word ended with two full stops ("etc.."), never an ellipsis.
fn doubled_punctuation(text: &str) -> Vec<Slip> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        let (c, next) = (bytes[i], bytes[i + 1]);
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i + 2).copied();
        let doubled = match c {
            b',' | b';' => next == c && after != Some(c) && before != Some(c),
            b'.' => {
                next == b'.'
                    && before.is_some_and(|b| b.is_ascii_alphabetic())
                    && after.is_none_or(|a| a.is_ascii_whitespace())
            }
            _ => false,
        };
        if doubled {
            let mark = char::from(c);
            out.push(Slip {
                range: i..i + 2,
                check: "DoubledPunctuation",
                message: format!("`{mark}{mark}`: one `{mark}` is enough"),
                replacement: mark.to_string(),
                safe: true,
            });
            i += 2;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text under each slip, replacement) for a one-paragraph document.
    fn found(text: &str) -> Vec<(String, String)> {
        let (doc, _) = Document::parse("t.md", format!("{text}\n"));
        check(&doc, &ProseWords::new(&doc), &[])
            .into_iter()
            .map(|d| {
                (
                    doc.source[d.span.clone()].to_string(),
                    d.fix.map(|f| f.replacement).unwrap_or_default(),
                )
            })
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn lists_load() {
        let lists: Lists = toml::from_str(GRAMMAR_WORDS).expect("grammar.toml parses");
        assert!(lists.repeat_ok.contains("that"));
        assert!(lists.modals.contains("could"));
    }

    #[test]
    fn repeated_words() {
        assert_eq!(found("Move the the files."), pairs(&[("the the", "the")]));
        assert_eq!(found("The the files moved."), pairs(&[("The the", "The")]));
        assert_eq!(found("Write it to to disk."), pairs(&[("to to", "to")]));
        assert!(found("He said that that was fine, and it had had time.").is_empty());
        assert!(found("Talk of the \"latest latest pact\" confuses.").is_empty());
        assert_eq!(
            found("The \"new\" new pact is the the one."),
            pairs(&[("the the", "the")])
        );
        assert!(found("Run it on on-premises hosts.").is_empty());
        assert!(found("Choose **Choose file**.").is_empty());
        assert!(found("Set `x` x to 1 and run the `the` command.").is_empty());
        assert!(found("Run --policy-arn arn:aws:iam and starts-with with care.").is_empty());
        assert!(found("| a | ClusterName ClusterName |\n| - | - |").is_empty());
    }

    #[test]
    fn articles() {
        assert_eq!(found("Create a instance."), pairs(&[("a", "an")]));
        assert_eq!(found("It is an bucket."), pairs(&[("an", "a")]));
        assert_eq!(found("An user signs in."), pairs(&[("An", "A")]));
        assert_eq!(found("Wait a hour."), pairs(&[("a", "an")]));
        assert_eq!(found("Create a IAM role."), pairs(&[("a", "an")]));
        assert_eq!(found("Read a Amazon S3 object."), pairs(&[("a", "an")]));
        assert_eq!(found("Call an Lambda function."), pairs(&[("an", "a")]));
        assert_eq!(found("List a S3 bucket."), pairs(&[("a", "an")]));
        assert_eq!(found("Start an T3 instance."), pairs(&[("an", "a")]));
        assert!(found("Start an m5 or a t3 instance, an S3-compatible store.").is_empty());
        assert!(found("Use a SHA256 hash and a Log4j appender.").is_empty());
        assert_eq!(found("Specify a SNS filter."), pairs(&[("a", "an")]));
        assert_eq!(found("Create an VPC first."), pairs(&[("an", "a")]));
        assert_eq!(found("Add a RDS instance."), pairs(&[("a", "an")]));
        for clean in [
            "Use an SNS topic, an RDS instance, a VPC, a CDN and an LLM.",
            "Run a SQL query or an SQL query, then save a PNG file.",
            "Send a HTTP request or an HTTP request.",
            "Use a SAML provider, a NAT gateway and an MFA device.",
        ] {
            assert!(found(clean).is_empty(), "{clean}: {:?}", found(clean));
        }
        for clean in [
            "Create a unique user and a one-time key in a European region.",
            "An hour later, an honest answer arrived from an uninstalled agent.",
            "Use an SQL query, an ssh key, a SQL query or an `eduPerson` attribute.",
            "Choose option a or b, and key A and key B.",
            "It is a historic and an historic moment in us-east-1a.",
            "Run it with -a and then stop. Use a OR b, an IAM role and a SQL query.",
            "Buy a Unix box, an Ubuntu host, an Nvidia GPU and a One Identity licence.",
            "An urgent update and a useful utility for a user.",
        ] {
            assert!(found(clean).is_empty(), "{clean}: {:?}", found(clean));
        }
    }

    #[test]
    fn one_word_nouns_used_as_verbs() {
        assert_eq!(
            found("You need to setup the table first."),
            pairs(&[("setup", "set up")])
        );
        assert_eq!(
            found("Setup the agent in your cluster."),
            pairs(&[("Setup", "Set up")])
        );
        assert_eq!(
            found("Please backup your data and we login to it."),
            pairs(&[("login", "log in"), ("backup", "back up")])
        );
        for clean in [
            "The setup is quick. Run the setup the wizard gives you.",
            "Set up the table. The backup the job wrote is complete.",
            "Go to Setup the page. A login to the console failed.",
            "Setup: the wizard opens. Setup takes a minute.",
        ] {
            assert!(found(clean).is_empty(), "{clean}: {:?}", found(clean));
        }
    }

    #[test]
    fn there_is_before_a_plural() {
        assert_eq!(
            found("There is multiple layers of throttling."),
            pairs(&[("is", "are")])
        );
        assert_eq!(
            found("there was several retries."),
            pairs(&[("was", "were")])
        );
        for clean in [
            "There are multiple layers. There is one layer.",
            "There is a multiple of four. Where is several of them?",
            "There is, in many cases, a second copy.",
        ] {
            assert!(found(clean).is_empty(), "{clean}: {:?}", found(clean));
        }
    }

    #[test]
    fn modal_of_its_their_then() {
        assert_eq!(
            found("You could of saved it."),
            pairs(&[("could of", "could have")])
        );
        assert!(found("You could of course save it, by the might of code.").is_empty());
        assert!(found("It shipped in May of 2019.").is_empty());
        assert!(found("May of 2019 was busy.").is_empty());
        assert_eq!(
            found("It may of course fail, but you may of saved it."),
            pairs(&[("may of", "may have")])
        );
        assert_eq!(
            found("The app has it's own key."),
            pairs(&[("it's", "its")])
        );
        assert_eq!(found("Its a good idea."), pairs(&[("Its", "It's")]));
        assert_eq!(
            found("If it exists and it's value is old, it expired."),
            pairs(&[("it's", "its")])
        );
        assert!(found("It's not what is needed, and it's likely is wrong.").is_empty());
        assert!(found("Its own key and its best part are its very core.").is_empty());
        assert_eq!(found("Their is a limit."), pairs(&[("Their", "There")]));
        assert_eq!(
            found("Teams keep there own keys."),
            pairs(&[("there", "their")])
        );
        assert_eq!(
            found("It costs more then the old one."),
            pairs(&[("then", "than")])
        );
        assert!(found("Wait longer then retry, and there is more.").is_empty());
        assert_eq!(
            found("Due to it's stateless nature, it runs anywhere."),
            pairs(&[("it's", "its")])
        );
        assert!(found("Leave it to it, it's fine; it's in use.").is_empty());
        assert_eq!(
            found("While it scales, its does not shard."),
            pairs(&[("its", "it")])
        );
        assert!(found("The team imposed its will; its design is clear.").is_empty());
        assert_eq!(
            found("If you loose the key, you will loose access."),
            pairs(&[("loose", "lose"), ("loose", "lose")])
        );
        assert!(found("Services are in loose coupling with a loose end.").is_empty());
        assert_eq!(
            found("Loki indexes streams by there labels, and groups based on there structure."),
            pairs(&[("there", "their"), ("there", "their")])
        );
        for clean in [
            "The server over there handles it, and from there the script runs.",
            "Save the files on there is fine; we wait for there to be a quorum.",
            "Copy it into there, then run it with there being no lock.",
        ] {
            assert!(found(clean).is_empty(), "{clean}: {:?}", found(clean));
        }
        assert_eq!(
            found("You might as well of made them errors."),
            pairs(&[("of", "have")])
        );
        assert!(found("It might as well of course fail.").is_empty());
        assert_eq!(
            found("Queue one, then get an email when its ready, and download it."),
            pairs(&[("its", "it's")])
        );
        assert!(
            found("It stands on its own. Its ready state shows, and so does its best.").is_empty()
        );
        assert_eq!(
            found("Logs stay where its deployed, not elsewhere."),
            pairs(&[("its", "it's")])
        );
        // A participle before its noun, and a noun that ends in -eed.
        assert!(found("It keeps its deployed version and its seed.").is_empty());
        assert_eq!(
            found("Open the archive; it's contents are private."),
            pairs(&[("it's", "its")])
        );
    }

    #[test]
    fn double_modals() {
        assert_eq!(
            found("You might could reuse the key."),
            pairs(&[("might could", "might be able to")])
        );
        assert_eq!(
            found("The job will can start at once."),
            pairs(&[("will can", "will be able to")])
        );
        assert_eq!(
            found("We should would prefer it."),
            pairs(&[("should would", "should")])
        );
        for clean in [
            "It is a must can of worms.",
            "Ask Will, who can help. Ask if Will can help.",
            "You might. Could it be? It may, can it not?",
            "The testator's will can be read.",
        ] {
            assert!(found(clean).is_empty(), "{clean}: {:?}", found(clean));
        }
    }

    #[test]
    fn a_phrase_gets_the_article_its_first_sound_takes() {
        for (word, article) in [
            ("ISV", "an"),
            ("Enterprise", "an"),
            ("Startup", "a"),
            ("startup", "a"),
            ("Digital Native Business", "a"),
            ("Public Sector", "a"),
            ("enterprise", "an"),
        ] {
            assert_eq!(article_before(word), article, "{word}");
        }
    }

    #[test]
    fn the_it_department_owns_things() {
        for clean in [
            "It came from IT's backlog.",
            "IT's budget is small, and IT's is too.",
        ] {
            assert!(found(clean).is_empty(), "{clean}: {:?}", found(clean));
        }
    }

    #[test]
    fn missing_objects_and_to() {
        assert_eq!(
            found("The flag allows to skip the step."),
            pairs(&[("allows to", "allows you to")])
        );
        assert_eq!(
            found("You need to be able access the VPC."),
            pairs(&[("able", "able to")])
        );
        for clean in [
            "Users are allowed to edit it. It allows access to the admins.",
            "List the origins that you will allow to access your bucket.",
            "It enables to the east a link. You are able to connect, and able enough.",
        ] {
            assert!(found(clean).is_empty(), "{clean}: {:?}", found(clean));
        }
    }

    #[test]
    fn affect_and_effect() {
        assert_eq!(
            found("Resizing does not effect the data."),
            pairs(&[("effect", "affect")])
        );
        assert_eq!(
            found("It has no affect on latency."),
            pairs(&[("affect", "effect")])
        );
        for clean in [
            "The goal is to effect a change. The effect on cost was small.",
            "It does not affect the data, and the side effects are known.",
        ] {
            assert!(found(clean).is_empty(), "{clean}: {:?}", found(clean));
        }
    }

    #[test]
    fn their_there_theyre_your_whose_its() {
        assert_eq!(
            found("Once installed, their ready to receive commands."),
            pairs(&[("their", "they're")])
        );
        assert_eq!(
            found("Developers can view there build logs."),
            pairs(&[("there", "their")])
        );
        assert_eq!(
            found("If your using a proxy, set the variable."),
            pairs(&[("your", "you're")])
        );
        assert_eq!(
            found("Users who's sessions have expired sign in again."),
            pairs(&[("who's", "whose")])
        );
        assert_eq!(
            found("Its recommended to enable versioning."),
            pairs(&[("Its", "It's")])
        );
        for clean in [
            "Pods report their ready state. Check their free tier.",
            "You can view there, and check there is a log. Update there too.",
            "If your logging bucket is full, or when your staging site is down.",
            "Ask who's responsible is unclear; who's logged in has access.",
            "Review its recommended settings before you start.",
        ] {
            assert!(found(clean).is_empty(), "{clean}: {:?}", found(clean));
        }
    }

    #[test]
    fn agreement_with_a_singular_head() {
        assert_eq!(
            found("The list of supported regions are in the docs."),
            pairs(&[("are", "is")])
        );
        assert_eq!(
            found("Each of the nodes have a disk."),
            pairs(&[("have", "has")])
        );
        assert_eq!(
            found("Spacelift also support stacks."),
            pairs(&[("support", "supports")])
        );
        assert_eq!(
            found("The number of partitions control the parallelism."),
            pairs(&[("control", "controls")])
        );
        for clean in [
            "The number of partitions controls the parallelism.",
            "A number of teams control their own keys.",
            "The list of access control lists is long.",
            "The list of regions that are supported is long.",
            "The list of regions and the zones are both in the docs.",
            "A number of users are online. Each of them has a key.",
            "You'll also need a key. To also allow reads, add it. Teams also use it.",
        ] {
            assert!(found(clean).is_empty(), "{clean}: {:?}", found(clean));
        }
    }

    #[test]
    fn an_imperative_opening_a_heading() {
        let heading = |text: &str| {
            let (doc, _) = Document::parse("t.md", format!("## {text}\n"));
            check(&doc, &ProseWords::new(&doc), &[])
                .into_iter()
                .map(|d| doc.source[d.span].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(heading("Step 2a: Setup the Lambda function"), ["Setup"]);
        assert_eq!(heading("Setup The Lambda Function"), ["Setup"]);
        assert!(heading("Setup Import Config").is_empty());
        assert!(heading("Backup and restore").is_empty());
    }

    #[test]
    fn verbs_that_take_a_clause_or_a_bare_verb() {
        assert_eq!(
            found("AWS recommends you to create a new user."),
            pairs(&[("you to", "that you")])
        );
        assert_eq!(
            found("This will let Mixpanel to directly create tables."),
            pairs(&[("Mixpanel to", "Mixpanel")])
        );
        for clean in [
            "We recommend that you create a user.",
            "AWS recommends you use roles.",
            "Let us know. It lets you to the door.",
            "We suggested them to the board.",
        ] {
            assert!(found(clean).is_empty(), "{clean}: {:?}", found(clean));
        }
    }

    #[test]
    fn a_base_form_before_by_is_the_participle() {
        assert_eq!(
            found("The key is generate by default, and the file was create automatically by it."),
            pairs(&[("generate", "generated"), ("create", "created")])
        );
        for clean in [
            "The key is generated by default. Files are sent by the agent.",
            "The goal is to generate by hand what the tool would.",
        ] {
            assert!(found(clean).is_empty(), "{clean}: {:?}", found(clean));
        }
    }

    #[test]
    fn compound_verbs_after_be_and_before_to() {
        assert_eq!(
            found("The topics are setup as targets."),
            pairs(&[("setup", "set up")])
        );
        assert_eq!(
            found("Login to your console."),
            pairs(&[("Login", "Log in")])
        );
        assert_eq!(
            found("Once we've setup the bucket, we had setup the role."),
            pairs(&[("setup", "set up"), ("setup", "set up")])
        );
        assert_eq!(
            found("It reads the group we setup. Then the stream they've setup: done."),
            pairs(&[("setup", "set up"), ("setup", "set up")])
        );
        // "you" can be an object: "gives you setup steps" is the noun.
        assert!(found("It gives you setup steps and we keep our setup.").is_empty());
        for clean in [
            "The next step is setup. The setup is done.",
            "The login page opens. A login to the portal needs MFA later.",
        ] {
            assert!(found(clean).is_empty(), "{clean}: {:?}", found(clean));
        }
    }

    #[test]
    fn articles_before_numbers() {
        assert_eq!(
            found("Retry after an 5-second delay on a 8-core host."),
            pairs(&[("an", "a"), ("a", "an")])
        );
        assert_eq!(found("It takes a 11-step run."), pairs(&[("a", "an")]));
        for clean in [
            "Use an 8-core host, a 1-hour window, an 11-step run and an 18-month term.",
            "A 5 GB disk. Figure A 3 shows it. It was a 1100-line file, or an 1100-line one.",
        ] {
            assert!(found(clean).is_empty(), "{clean}: {:?}", found(clean));
        }
    }

    #[test]
    fn number_suffixes() {
        assert_eq!(found("On the 1th of May."), pairs(&[("th", "st")]));
        assert_eq!(
            found("The 22th run and the 11st try."),
            pairs(&[("th", "nd"), ("st", "th")])
        );
        assert_eq!(found("Our 3TH PLACE."), pairs(&[("TH", "RD")]));
        for clean in [
            "The 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st and 111th runs.",
            "Use v1.2th? No: node 1th-a, x1th, 5G, 3D, 10GB and 2FA.",
        ] {
            assert!(found(clean).is_empty(), "{clean}: {:?}", found(clean));
        }
    }

    #[test]
    fn doubled_punctuation_but_not_ellipses() {
        assert_eq!(found("Logs, metrics,, traces."), pairs(&[(",,", ",")]));
        assert_eq!(
            found("Logs, metrics, etc.. Then more."),
            pairs(&[("..", ".")])
        );
        assert!(found("Wait... then go to ../docs; it works.").is_empty());
    }
}
