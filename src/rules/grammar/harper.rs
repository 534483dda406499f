//! harper's deeper grammar checks: its curated checks (repeated words, a/an, their/there,
//! its/it's, agreement, confused words) run on each paragraph and list item as a reader
//! reads it; findings are mapped from harper's character offsets back to exact byte spans
//! in the file.
//!
//! harper's own spelling checks are left out (`DOC-003/spelling` owns typos), and so are
//! its style and readability advice, which is not a grammatical error.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{LazyLock, Mutex, Once};

use harper_core::linting::{Lint, LintGroup, LintKind, Suggestion};
use harper_core::spell::FstDictionary;

use super::GRAMMAR;
use crate::config::Dialect;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::{BlockKind, Document, Prose};
use crate::rules::Context;

/// The harper checks that hold up on professionally edited technical prose (measured on
/// 2,263 AWS documentation pages). harper's other checks (compound nouns, sentence
/// capitals after list markers, unit shorthands, mass nouns, …) mostly flag correct
/// technical writing; `[grammar] enable` turns any of them on.
pub(super) const DEFAULT_CHECKS: &[&str] = &[
    "AnA",
    "CorrectNumberSuffix",
    "DoubleModal",
    "ItsPossessive",
    "RepeatedWords",
    "ThenThan",
    "Theres",
    "TheyreConfusions",
];

/// Stands for code, HTML or a URL that interrupts a sentence, so harper reads one sentence
/// rather than fragments; findings touching it are dropped.
const STAND_IN: &str = "Xyz";

fn harper_dialect(dialect: Dialect) -> harper_core::Dialect {
    match dialect {
        Dialect::EnUs => harper_core::Dialect::American,
        Dialect::EnGb => harper_core::Dialect::British,
        Dialect::EnAu => harper_core::Dialect::Australian,
        Dialect::EnCa => harper_core::Dialect::Canadian,
    }
}

/// One linter group for the whole process, behind a lock: building it (harper compiles
/// hundreds of rules, then most are switched off) costs far more than linting a case study,
/// and a per-thread group would pay that once per thread. Grammar runs on few files (case
/// studies and public pages), so sharing costs little.
static LINTERS: LazyLock<Mutex<Option<Built>>> = LazyLock::new(|| Mutex::new(None));

/// A linter group and the dialect and extra checks it was built for.
type Built = (Dialect, Vec<String>, LintGroup);

fn linters<'a>(
    cell: &'a mut Option<Built>,
    dialect: Dialect,
    enable: &[String],
) -> &'a mut LintGroup {
    let stale = cell
        .as_ref()
        .is_none_or(|(d, e, _)| *d != dialect || e.as_slice() != enable);
    if stale {
        *cell = None;
    }
    let (_, _, group) =
        cell.get_or_insert_with(|| (dialect, enable.to_vec(), build(dialect, enable)));
    group
}

/// Starts building the linter group on a thread of its own (once per process), so that
/// the build, most of a short run's time, overlaps the document's other checks. Whoever
/// takes the lock first builds; the other finds it built.
pub(super) fn prepare(dialect: Dialect, enable: &[String]) {
    static STARTED: Once = Once::new();
    STARTED.call_once(|| {
        let enable = enable.to_vec();
        // Without the thread, the first check builds the group itself: only slower.
        let _ = std::thread::Builder::new()
            .name("caselint-grammar".into())
            .spawn(move || {
                let mut cell = LINTERS
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                linters(&mut cell, dialect, &enable);
            });
    });
}

/// Runs harper's set-up on a thread with a thread pool of its own. The set-up (its curated
/// dictionary) runs parallel iterators: on the process's pool they would wait for, or be
/// stolen by, that pool's threads, which may be waiting for the lock the build holds.
fn off_pool<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        let handle = scope.spawn(|| match rayon::ThreadPoolBuilder::new().build() {
            Ok(pool) => pool.install(work),
            Err(_) => work(),
        });
        handle
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

fn build(dialect: Dialect, enable: &[String]) -> LintGroup {
    off_pool(|| build_group(dialect, enable))
}

fn build_group(dialect: Dialect, enable: &[String]) -> LintGroup {
    let mut group = LintGroup::new_curated(FstDictionary::curated(), harper_dialect(dialect));
    // Only the chosen checks run, which is also what makes grammar affordable.
    // harper's spell check stays off: it would duplicate DOC-003/spelling.
    group.set_all_rules_to(Some(false));
    for name in DEFAULT_CHECKS
        .iter()
        .copied()
        .chain(enable.iter().map(String::as_str))
    {
        if name != "SpellCheck" {
            group.config.set_rule_enabled(name, true);
        }
    }
    group
}

fn lint_text(text: &str, dialect: Dialect, enable: &[String]) -> BTreeMap<String, Vec<Lint>> {
    // A poisoned lock only means another thread panicked mid-lint; the group is still usable.
    let lock = || {
        LINTERS
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    };
    // The group first: building it sets up the curated dictionary the document needs,
    // off the pool (see `off_pool`); the document is then parsed outside the lock.
    linters(&mut lock(), dialect, enable);
    let document = harper_core::Document::new_plain_english_curated(text);
    linters(&mut lock(), dialect, enable).organized_lints(&document)
}

/// One block's text as harper reads it, with a map back to the prose values.
struct Joined {
    text: String,
    /// (start in `text`, prose index, length): verbatim pieces of prose.
    pieces: Vec<(usize, usize, usize)>,
    /// Ranges of `text` that are stand-ins for non-prose.
    stand_ins: Vec<Range<usize>>,
}

impl Joined {
    fn new(prose: &[Prose], indices: &[usize]) -> Joined {
        let mut joined = Joined {
            text: String::new(),
            pieces: Vec::new(),
            stand_ins: Vec::new(),
        };
        for (n, &index) in indices.iter().enumerate() {
            if n > 0 {
                let previous = &prose[indices[n - 1]];
                let at = joined.text.len();
                let pad_before = if previous.text.ends_with(char::is_whitespace) {
                    ""
                } else {
                    " "
                };
                joined.text.push_str(pad_before);
                let start = joined.text.len();
                joined.text.push_str(STAND_IN);
                joined.stand_ins.push(at..joined.text.len() + 1);
                joined.stand_ins.push(start..start + STAND_IN.len());
                if !prose[index].text.starts_with(char::is_whitespace) {
                    joined.text.push(' ');
                }
            }
            joined
                .pieces
                .push((joined.text.len(), index, prose[index].text.len()));
            joined.text.push_str(&prose[index].text);
        }
        joined
    }

    /// The prose value and its byte range for a byte range of the joined text, when the
    /// range lies inside one piece.
    fn locate(&self, range: &Range<usize>) -> Option<(usize, Range<usize>)> {
        self.pieces.iter().find_map(|&(start, index, len)| {
            (range.start >= start && range.end <= start + len)
                .then(|| (index, range.start - start..range.end - start))
        })
    }

    /// Whether the word after the range is a stand-in: "an `eduPerson` attribute" reads
    /// as "an Xyz attribute", and the article's verdict would be about the stand-in.
    fn next_to_stand_in(&self, range: &Range<usize>) -> bool {
        let after = self.text[range.end..].trim_start();
        let at = self.text.len() - after.len();
        after.starts_with(STAND_IN) && self.stand_ins.iter().any(|s| s.start == at)
    }

    fn touches_stand_in(&self, range: &Range<usize>) -> bool {
        self.stand_ins
            .iter()
            .any(|s| range.start <= s.end && s.start <= range.end)
    }
}

pub(super) fn check(doc: &Document, ctx: &Context, dialect: Dialect) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Group the prose values of each paragraph and list item.
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    for (index, prose) in doc.prose.iter().enumerate() {
        if !matches!(prose.block, BlockKind::Paragraph | BlockKind::ListItem) {
            continue;
        }
        match blocks.last_mut() {
            Some(block) if doc.prose[block[0]].block_index == prose.block_index => {
                block.push(index)
            }
            _ => blocks.push(vec![index]),
        }
    }
    for block in blocks {
        if doc.prose[block[0]]
            .text
            .trim_start()
            .starts_with(crate::rules::case_study::PLACEHOLDER_MARK)
        {
            continue;
        }
        let joined = Joined::new(&doc.prose, &block);
        // harper counts characters; the joined text's byte offset of each character.
        let char_bytes: Vec<usize> = joined
            .text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(joined.text.len()))
            .collect();
        for (name, lints) in lint_text(&joined.text, dialect, &ctx.config.grammar.enable) {
            if ctx.config.grammar.disable.iter().any(|d| d == &name) {
                continue;
            }
            for lint in lints {
                // Spelling is DOC-003/spelling's, even when a user enables more checks.
                if lint.lint_kind == LintKind::Spelling {
                    continue;
                }
                let (Some(&start), Some(&end)) = (
                    char_bytes.get(lint.span.start),
                    char_bytes.get(lint.span.end),
                ) else {
                    continue;
                };
                let range = start..end;
                if joined.touches_stand_in(&range) || joined.next_to_stand_in(&range) {
                    continue;
                }
                if lint.lint_kind == LintKind::Miscellaneous
                    && name == "AnA"
                    && !article_verdict_holds(&joined.text, &range)
                {
                    continue;
                }
                let Some((index, local)) = joined.locate(&range) else {
                    continue;
                };
                if lint.lint_kind == LintKind::Repetition {
                    let source = doc
                        .source
                        .get(doc.prose[index].source_range(local.clone()))
                        .unwrap_or_default();
                    if deliberate_repeat(
                        &joined.text[range.clone()],
                        &joined.text[range.end..],
                        source,
                    ) {
                        continue;
                    }
                }
                out.push(diagnostic(&doc.prose[index], local, &lint, &name));
            }
        }
    }
    out
}

/// Whether harper's a/an verdict on the article in `range` can be trusted. Before an
/// acronym the article follows how it is read, which spelling does not tell ("an SQL" and
/// "a SQL", "an SAP" are all written), except for one that starts with A, E, I or O, read
/// letter by letter or not ("an IAM role", "an EC2 instance"). A capital "A" inside a
/// sentence is a name ("key A and key B"), not an article.
fn article_verdict_holds(text: &str, range: &Range<usize>) -> bool {
    let article = &text[range.clone()];
    // "us-east-1a", "-a key": a letter glued to a name or an option, not a word.
    if text[..range.start].ends_with(|c: char| c.is_alphanumeric() || c == '-') {
        return false;
    }
    let before = text[..range.start].trim_end_matches(' ');
    if article == "A" && !before.trim_end().is_empty() && !before.ends_with(['.', '!', '?', ':']) {
        return false;
    }
    let after = text[range.end..]
        .trim_start_matches(' ')
        .trim_start_matches(['"', '“', '(', '[']);
    // "**a** – AMD processors", "a * as a wildcard": a label or a symbol follows.
    if !after.starts_with(char::is_alphanumeric) {
        return false;
    }
    let next: String = after.chars().take_while(|c| c.is_alphanumeric()).collect();
    // Acronyms, names with digits and vowel-less tokens are read letter by letter or
    // not, as the writer says them: "an SQL", "a SQL", "an m5", "an sshd".
    let acronym = next.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && next
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let letter_by_letter = acronym
        || next.chars().any(|c| c.is_ascii_digit())
        || !next.chars().any(|c| "aeiouyAEIOUY".contains(c));
    if !letter_by_letter {
        return true;
    }
    // Only a spelt-out vowel is certain: "an IAM role", "an EC2 instance".
    article.eq_ignore_ascii_case("a") && next.starts_with(['A', 'E', 'I', 'O'])
}

/// Whether a repeated word is meant: the second belongs to a hyphenated compound ("on
/// on-premises"), or the sentence runs into a label or a placeholder that starts with the
/// same word, which the writer set off with emphasis, a line break or a capital ("choose
/// **Choose file**", "user *user_name*", "Python<br>Python users", "For **for**"). A
/// slip repeats the word as it was typed.
fn deliberate_repeat(written: &str, after: &str, source: &str) -> bool {
    let mut words = written.split_whitespace();
    let same_case = match (words.next(), words.next_back()) {
        (Some(first), Some(last)) => first == last,
        _ => true,
    };
    after.starts_with('-')
        || !same_case
        || source.contains(['*', '_'])
        || source.contains("  \n")
        || source.contains("\\\n")
}

fn diagnostic(prose: &Prose, range: Range<usize>, lint: &Lint, name: &str) -> Diagnostic {
    let written = &prose.text[range.clone()];
    let span = prose.source_range(range.clone());
    let replacements: Vec<String> = lint
        .suggestions
        .iter()
        .map(|s| match s {
            Suggestion::ReplaceWith(chars) => chars.iter().collect(),
            Suggestion::InsertAfter(chars) => {
                let mut text = written.to_string();
                text.extend(chars.iter());
                text
            }
            Suggestion::Remove => String::new(),
        })
        .collect();
    let mut diagnostic = Diagnostic::new(
        GRAMMAR,
        Severity::Warning,
        span,
        lint.message.trim_end_matches('.').to_string(),
    )
    .with_help(format!(
        "grammar check `{name}`; turn it off with `[grammar] disable = [\"{name}\"]`."
    ));
    let verbatim = prose.is_verbatim(range);
    // A repeated word has one cure; every other correction is for the writer to confirm.
    let safe = lint.lint_kind == LintKind::Repetition && replacements.len() == 1;
    for (i, replacement) in replacements.into_iter().enumerate() {
        diagnostic = if i == 0 && verbatim {
            let applicability = if safe {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            diagnostic.with_fix(replacement, applicability)
        } else {
            diagnostic.with_suggestion(replacement)
        };
        if diagnostic.suggestions.len() >= 3 {
            break;
        }
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn harper_finds_a_repeated_word_without_spelling_lints() {
        let lints = lint_text("We moved the the data. Teh recieve.", Dialect::EnUs, &[]);
        assert!(
            lints.keys().all(|k| k != "SpellCheck"),
            "{:?}",
            lints.keys()
        );
        let repeated: Vec<&Lint> = lints
            .values()
            .flatten()
            .filter(|l| l.lint_kind == LintKind::Repetition)
            .collect();
        assert_eq!(repeated.len(), 1, "{lints:?}");
    }

    #[test]
    fn article_verdicts_before_acronyms_labels_and_names() {
        // The article under test is in brackets.
        let holds = |marked: &str| {
            let start = marked.find('[').unwrap();
            let end = marked.find(']').unwrap() - 1;
            let text = marked.replace(['[', ']'], "");
            article_verdict_holds(&text, &(start..end))
        };
        assert!(holds("Create [a] IAM role."));
        assert!(holds("We chose [an] bucket."));
        assert!(!holds("Use [an] SQL database."));
        assert!(!holds("Use [an] m5 instance."));
        assert!(!holds("Use [an] sshd server."));
        assert!(!holds("Copy key [A] and key B."));
        assert!(!holds("Run it in us-east-1[a] now."));
        assert!(!holds("[a] – AMD processors"));
    }

    #[test]
    fn repeats_set_off_as_labels_are_meant() {
        assert!(!deliberate_repeat("the the", " files", "the the"));
        assert!(deliberate_repeat(
            "choose Choose",
            " file",
            "choose **Choose"
        ));
        assert!(deliberate_repeat("on on", "-premises", "on on"));
        assert!(deliberate_repeat("user user", "_name", "user *user"));
        assert!(deliberate_repeat(
            "Python Python",
            " users",
            "Python  \nPython"
        ));
    }

    #[test]
    fn joined_blocks_map_back_and_mark_stand_ins() {
        let (doc, _) = Document::parse("t.md", "Run `ls` to list the the files.\n".to_string());
        let indices: Vec<usize> = (0..doc.prose.len()).collect();
        let joined = Joined::new(&doc.prose, &indices);
        assert_eq!(joined.text, "Run Xyz to list the the files.");
        let at = joined.text.find("the the").unwrap();
        let (index, local) = joined.locate(&(at..at + 7)).unwrap();
        assert_eq!(&doc.prose[index].text[local], "the the");
        assert!(joined.touches_stand_in(&(4..7)));
        assert!(!joined.touches_stand_in(&(at..at + 3)));
    }
}
