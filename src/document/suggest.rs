//! "Did you mean …?" for mistyped keywords.

/// The candidate closest to `word` (case-insensitive), if it is close enough to be a
/// likely typo: at most a third of the longer word's characters differ (at least one).
pub(crate) fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.trim().to_lowercase();
    if word.is_empty() {
        return None;
    }
    candidates
        .iter()
        .map(|candidate| {
            (
                strsim::damerau_levenshtein(&word, &candidate.to_lowercase()),
                *candidate,
            )
        })
        .filter(|(distance, candidate)| {
            let longest = word.chars().count().max(candidate.chars().count());
            *distance <= (longest / 3).max(1)
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_words_only() {
        let kinds = ["case-study", "public-page", "doc", "self-assessment"];
        assert_eq!(did_you_mean("casestudy", &kinds), Some("case-study"));
        assert_eq!(did_you_mean("Case_Study", &kinds), Some("case-study"));
        assert_eq!(did_you_mean("docs", &kinds), Some("doc"));
        assert_eq!(
            did_you_mean("self-asessment", &kinds),
            Some("self-assessment")
        );
        assert_eq!(did_you_mean("whitepaper", &kinds), None);
        assert_eq!(did_you_mean("", &kinds), None);
    }
}
