//! Generator for `lexicon/words/vocabulary.txt` and `lexicon/words/typos.txt`, written as a
//! test (as the `typos` project does for its dictionary, and `lexicon_codegen.rs` for the
//! product names).
//!
//! Inputs, all checked in under `lexicon/words/sources/` (refreshed from pinned packages by
//! `lexicon/words/fetch-sources.sh`; versions and licences in `lexicon/words/README.md`):
//! - `cspell-*.txt`: cspell's software-terms, software-tools, full-stack, companies, AWS,
//!   Kubernetes, Go, Docker, Terraform, Git and Google Cloud word lists;
//! - `typos-words.csv`: typos' misspelling dictionary (`typo,correction,…`);
//! - the Hunspell dictionaries in `lexicon/dictionaries/` and `lexicon/words/frequency.txt`.
//!
//! `CASELINT_BLESS=1 cargo test --test it vocabulary_codegen::` rewrites the generated files;
//! without the variable the test fails when a committed file differs from what would be
//! generated. Everything runs offline.
//!
//! What is kept:
//! - vocabulary: words of letters only (3+), lower-cased, that no Hunspell dictionary here
//!   knows, that typos does not list as a misspelling, and that are not two swapped letters
//!   of one of the 10,000 commonest English words (such a word would hide that slip);
//! - typos: entries with exactly one correction, where the typo is lower-case letters only
//!   (4+), unknown to every Hunspell dictionary here and not in the vocabulary, and the
//!   correction is an en-US dictionary word among the 30,000 commonest.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("lexicon")
}

fn read(path: &str) -> String {
    let path = root().join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

const CSPELL_LISTS: &[&str] = &[
    "cspell-software-terms.txt",
    "cspell-software-tools.txt",
    "cspell-fullstack.txt",
    "cspell-companies.txt",
    "cspell-aws.txt",
    "cspell-k8s.txt",
    "cspell-golang.txt",
    "cspell-docker.txt",
    "cspell-terraform.txt",
    "cspell-git.txt",
    "cspell-google.txt",
];

struct Dictionaries(Vec<spellbook::Dictionary>);

impl Dictionaries {
    fn load() -> Dictionaries {
        let all = ["en_US", "en_GB", "en_AU", "en_CA"]
            .iter()
            .map(|name| {
                let aff = read(&format!("dictionaries/{name}.aff"));
                let dic = read(&format!("dictionaries/{name}.dic"));
                spellbook::Dictionary::new(
                    aff.trim_start_matches('\u{feff}'),
                    dic.trim_start_matches('\u{feff}'),
                )
                .unwrap_or_else(|e| panic!("{name}: {e}"))
            })
            .collect();
        Dictionaries(all)
    }

    fn us_knows(&self, word: &str) -> bool {
        self.0[0].check(word)
    }

    fn any_knows(&self, word: &str) -> bool {
        self.0.iter().any(|d| d.check(word))
    }
}

/// The words of a cspell list: one entry per line, `#` comments, `!` for forbidden words
/// (skipped), `~`, `+` and `*` marking case and compound use (stripped).
fn cspell_words(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .filter(|line| !line.is_empty() && !line.starts_with('!'))
        .map(|line| line.trim_matches(['~', '+', '*']).to_string())
        .filter(|word| word.len() >= 3 && word.bytes().all(|b| b.is_ascii_alphabetic()))
        .collect()
}

fn typos_entries() -> BTreeMap<String, Vec<String>> {
    read("words/sources/typos-words.csv")
        .lines()
        .filter_map(|line| {
            let mut cells = line.split(',');
            let typo = cells.next()?.trim().to_string();
            let corrections: Vec<String> = cells.map(|c| c.trim().to_string()).collect();
            (!typo.is_empty() && !corrections.is_empty()).then_some((typo, corrections))
        })
        .collect()
}

fn frequency_ranks() -> HashMap<String, usize> {
    read("words/frequency.txt")
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
        .enumerate()
        .map(|(rank, word)| (word.to_string(), rank + 1))
        .collect()
}

/// The strings a writer makes of a word by swapping two neighbouring letters, the
/// commonest slip of the fingers.
fn swaps(word: &str) -> impl Iterator<Item = String> + '_ {
    let bytes = word.as_bytes();
    (0..bytes.len().saturating_sub(1)).filter_map(move |i| {
        let mut swapped = bytes.to_vec();
        swapped.swap(i, i + 1);
        String::from_utf8(swapped).ok().filter(|s| s != word)
    })
}

fn generate() -> (String, String) {
    let dictionaries = Dictionaries::load();
    let typos = typos_entries();
    let ranks = frequency_ranks();
    let common: HashSet<&str> = ranks
        .iter()
        .filter(|(_, rank)| **rank <= 10_000)
        .map(|(word, _)| word.as_str())
        .collect();

    let mut vocabulary = BTreeSet::new();
    for list in CSPELL_LISTS {
        for word in cspell_words(&read(&format!("words/sources/{list}"))) {
            let lower = word.to_lowercase();
            if dictionaries.any_knows(&word)
                || dictionaries.any_knows(&lower)
                || typos.contains_key(&lower)
                || swaps(&lower).any(|near| common.contains(near.as_str()))
            {
                continue;
            }
            vocabulary.insert(lower);
        }
    }

    let mut corrections = BTreeMap::new();
    for (typo, meant) in &typos {
        let [right] = meant.as_slice() else {
            continue;
        };
        if typo.len() < 4
            || !typo.bytes().all(|b| b.is_ascii_lowercase())
            || !right.bytes().all(|b| b.is_ascii_lowercase())
            || vocabulary.contains(typo)
            || dictionaries.any_knows(typo)
            || !ranks.contains_key(right)
            || !dictionaries.us_knows(right)
        {
            continue;
        }
        corrections.insert(typo.clone(), right.clone());
    }

    let mut words_out = String::from(
        "# @generated by tests/it/vocabulary_codegen.rs from lexicon/words/sources/cspell-*.txt:\n\
         # technical words that no Hunspell dictionary here knows. Do not edit: change the\n\
         # sources or the generator, then `CASELINT_BLESS=1 cargo test --test it vocabulary_codegen::`.\n",
    );
    for word in &vocabulary {
        words_out.push_str(word);
        words_out.push('\n');
    }
    let mut typos_out = String::from(
        "# @generated by tests/it/vocabulary_codegen.rs from lexicon/words/sources/typos-words.csv:\n\
         # `typo correction` per line, typos with one correction that a dictionary word fixes.\n\
         # Do not edit: change the sources or the generator, then bless.\n",
    );
    for (typo, right) in &corrections {
        typos_out.push_str(&format!("{typo} {right}\n"));
    }
    (words_out, typos_out)
}

#[test]
fn generated_word_lists_are_up_to_date() {
    let (vocabulary, typos) = generate();
    let bless = std::env::var_os("CASELINT_BLESS").is_some();
    for (name, generated) in [("vocabulary.txt", vocabulary), ("typos.txt", typos)] {
        let path = root().join("words").join(name);
        if bless {
            std::fs::write(&path, &generated).expect("write generated list");
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != generated {
            let diff = similar::TextDiff::from_lines(&committed, &generated);
            let shown: String = diff
                .unified_diff()
                .context_radius(1)
                .to_string()
                .lines()
                .take(40)
                .collect::<Vec<_>>()
                .join("\n");
            panic!(
                "lexicon/words/{name} is not what the generator makes; run \
                 `CASELINT_BLESS=1 cargo test --test it vocabulary_codegen::`:\n{shown}"
            );
        }
    }
}

#[test]
fn cspell_syntax_is_read() {
    let words = cspell_words("# comment\n!forbidden\n~Caseless\n*Auth*\nab\nok-word\nplain\n");
    assert_eq!(words, vec!["Caseless", "Auth", "plain"]);
}
