//! Word lists generated from maintained sources (cspell's technical dictionaries, typos'
//! misspelling dictionary) by `tests/it/vocabulary_codegen.rs`; sources, versions and
//! licences are in `lexicon/words/README.md`.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Technical words no Hunspell dictionary knows: `gzipped`, `upserted`, `syncer`.
pub(super) const WORDS: &str = include_str!("../../../lexicon/words/vocabulary.txt");

const TYPOS: &str = include_str!("../../../lexicon/words/typos.txt");

/// Typos that have one certain correction ("agregate" → "aggregate"), parsed on the first
/// word that needs a correction.
static CORRECTIONS: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    TYPOS
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once(' '))
        .collect()
});

/// The one correction typos' dictionary gives for a lower-case word, if any.
pub(super) fn known_typo(lower: &str) -> Option<&'static str> {
    CORRECTIONS.get(lower).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_lists_load() {
        assert!(WORDS.lines().filter(|l| !l.starts_with('#')).count() > 1000);
        assert!(CORRECTIONS.len() > 10_000);
        assert!(CORRECTIONS.values().all(|right| !right.is_empty()));
    }
}
