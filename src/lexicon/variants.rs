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

    // One pair of words joined, the others left apart ("Elastic Loadbalancing").
    if words.len() > 2 {
        for i in 0..words.len() - 1 {
            let mut parts: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            let next = parts.remove(i + 1);
            parts[i].push_str(&next);
            push(parts.join(" "));
        }
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

/// Singular slips inside a name of several words: a plural word before the last made
/// singular ("Secrets Manager" → "Secret Manager", "Systems Manager" → "System Manager").
/// The last word is left alone: its singular is usually the name of one resource, which AWS
/// itself writes ("a Local Zone", "a Savings Plan", "the Resource Group"); the few real
/// slips there ("Step Function") are listed in the lexicon. Words that only look plural
/// ("Analytics", "Kinesis", "Business", "OpsWorks") are left alone; the matcher takes these
/// forms only in the capitals shown, so "a secret manager" stays a common noun.
pub fn number_variants(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out = Vec::new();
    if words.len() < 2 {
        return out;
    }
    for (i, word) in words.iter().enumerate().take(words.len() - 1) {
        if !looks_plural(word) {
            continue;
        }
        let variant = word[..word.len() - 1].to_string();
        let mut parts: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        parts[i] = variant;
        let candidate = parts.join(" ");
        if !out.contains(&candidate) {
            out.push(candidate);
        }
    }
    out
}

/// A capitalised ordinary word with a plural "-s": not "-ss", "-us", "-is", "-ics", not an
/// acronym ("SNS") and not a coinage ("OpsWorks").
fn looks_plural(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let capitalised = chars.first().is_some_and(|c| c.is_ascii_uppercase())
        && chars[1..].iter().all(|c| c.is_ascii_lowercase());
    capitalised
        && chars.len() >= 4
        && word.ends_with('s')
        && !["ss", "us", "is", "ics"]
            .iter()
            .any(|end| word.ends_with(end))
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
    fn one_pair_joined() {
        let elb = spacing_variants("Elastic Load Balancing");
        assert!(elb.contains(&"Elastic LoadBalancing".to_string()));
        assert!(elb.contains(&"ElasticLoad Balancing".to_string()));
    }

    #[test]
    fn singulars_and_plurals() {
        assert_eq!(number_variants("Secrets Manager"), vec!["Secret Manager"]);
        assert_eq!(number_variants("Systems Manager"), vec!["System Manager"]);
        assert!(number_variants("Step Functions").is_empty());
        assert!(number_variants("Local Zones").is_empty());
        assert!(number_variants("Kinesis Data Analytics").is_empty());
        assert!(number_variants("Lambda").is_empty());
        assert!(number_variants("Amazon SNS").is_empty());
    }

    #[test]
    fn acronyms_are_not_split() {
        assert!(spacing_variants("IoT").is_empty());
        assert_eq!(spacing_variants("IoT Core"), vec!["IoTCore"]);
        assert!(spacing_variants("SES").is_empty());
    }
}
