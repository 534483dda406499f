//! The words and thresholds the self-assessment checks read (`lexicon/self-assessment.toml`).

use std::sync::LazyLock;

use serde::Deserialize;

const TEXT: &str = include_str!("../../lexicon/self-assessment.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    pub min_answer_words: usize,
    pub min_reason_words: usize,
    pub markers: Vec<String>,
    pub filler: Vec<String>,
    pub not_applicable: Vec<String>,
    pub bare: Vec<String>,
    pub columns: Columns,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    pub requirement: Vec<String>,
    pub id: Vec<String>,
}

/// Embedded at build time and parsed by the unit test below: cannot fail in a release.
pub static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    toml::from_str(TEXT)
        .unwrap_or_else(|err| panic!("lexicon/self-assessment.toml is not valid: {err}"))
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_is_lower_case_where_matched_in_any_case() {
        let v: Vocabulary = toml::from_str(TEXT).expect("valid");
        assert!(v.min_answer_words > 0 && v.min_reason_words > 0);
        for list in [
            &v.filler,
            &v.not_applicable,
            &v.bare,
            &v.columns.requirement,
        ] {
            for phrase in list {
                assert_eq!(phrase, &phrase.to_lowercase(), "{phrase}");
            }
        }
        assert!(v.markers.iter().all(|m| m == &m.to_uppercase()));
    }
}
