//! The wrong spellings people predictably make of a correct name, derived mechanically so
//! the lexicon only has to record the unpredictable ones. Case variants need no entry at
//! all: the automaton matches ASCII case-insensitively.

/// Spacing variants of `name`: CamelCase words split ("Cloud Watch", "Dynamo DB"), all
/// words joined ("Route53", "StepFunctions"), hyphens dropped or spaced ("XRay",
/// "X Ray"), and a trailing number detached ("Cloud 9"). Never includes `name` itself.
pub fn spacing_variants(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |candidate: String| {
        if candidate != name && !candidate.trim().is_empty() && !out.contains(&candidate) {
            out.push(candidate);
        }
    };

    let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() > 1 {
        push(words.concat());
    }

    let split_words: Vec<String> = words.iter().map(|w| split_camel(w)).collect();
    let split = split_words.join(" ");
    push(split.clone());
    // "Dynamo DB" split while the rest joined is rare; "Cloud Watch Logs" (split + spaced)
    // is covered by `split` above.

    if name.contains('-') {
        push(name.replace('-', ""));
        push(name.replace('-', " "));
    }

    for (i, word) in words.iter().enumerate() {
        if let Some(detached) = detach_trailing_number(word) {
            let mut parts: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            parts[i] = detached;
            push(parts.join(" "));
        }
    }
    out
}

/// "CloudWatch" → "Cloud Watch", "DynamoDB" → "Dynamo DB", "ElastiCache" → "Elasti Cache".
/// A word with no lower-to-upper boundary comes back unchanged; acronyms ("EC2", "IoT")
/// are not split apart letter by letter.
fn split_camel(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len() + 4);
    let mut part_start = 0;
    for (i, &c) in chars.iter().enumerate() {
        // "IoT" has a lower-to-upper boundary, but "Io" is no word of its own: a part must
        // be at least three letters long.
        if c.is_ascii_uppercase()
            && i > 0
            && chars[i - 1].is_ascii_lowercase()
            && i - part_start >= 3
        {
            out.push(' ');
            part_start = i;
        }
        out.push(c);
    }
    out
}

/// "Cloud9" → "Cloud 9": only for words with at least four letters before the digits, so
/// "S3" and "EC2" are left alone.
fn detach_trailing_number(word: &str) -> Option<String> {
    let digits_at = word.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = word.split_at(digits_at);
    (letters.len() >= 4
        && letters.chars().all(|c| c.is_ascii_alphabetic())
        && digits.chars().all(|c| c.is_ascii_digit()))
    .then(|| format!("{letters} {digits}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_splits_and_joins() {
        assert_eq!(spacing_variants("CloudWatch"), vec!["Cloud Watch"]);
        assert_eq!(spacing_variants("DynamoDB"), vec!["Dynamo DB"]);
        assert_eq!(spacing_variants("Route 53"), vec!["Route53"]);
        let step = spacing_variants("Step Functions");
        assert_eq!(step, vec!["StepFunctions"]);
        let logs = spacing_variants("CloudWatch Logs");
        assert!(logs.contains(&"CloudWatchLogs".to_string()));
        assert!(logs.contains(&"Cloud Watch Logs".to_string()));
    }

    #[test]
    fn hyphens_and_numbers() {
        let xray = spacing_variants("X-Ray");
        assert!(xray.contains(&"XRay".to_string()));
        assert!(xray.contains(&"X Ray".to_string()));
        assert_eq!(spacing_variants("Cloud9"), vec!["Cloud 9"]);
        assert!(spacing_variants("S3").is_empty());
        assert!(spacing_variants("EC2").is_empty());
    }

    #[test]
    fn acronyms_are_not_split() {
        assert!(spacing_variants("IoT").is_empty());
        assert_eq!(spacing_variants("IoT Core"), vec!["IoTCore"]);
        assert!(spacing_variants("SES").is_empty());
    }
}
