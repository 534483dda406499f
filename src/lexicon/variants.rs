//! The wrong spellings people predictably make of a correct name, derived mechanically so
//! the lexicon only has to record the unpredictable ones. Case variants need no entry at
//! all: the automaton matches ASCII case-insensitively.

use std::sync::LazyLock;

/// English compounds inside product names and the split people write ("Bean stalk"), from
/// `lexicon/compound-words.txt`: (joined, split).
static COMPOUNDS: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    include_str!("../../lexicon/compound-words.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|l| l.contains(' '))
        .map(|l| (l.replace(' ', ""), l.to_string()))
        .collect()
});

/// Spacing variants of `name`: CamelCase words split ("Cloud Watch", "Dynamo DB"), each
/// alone or all at once ("SageMaker Hyper Pod"), all words joined ("Route53",
/// "StepFunctions"), an English compound split ("Elastic Bean stalk", "CodePipe line"),
/// hyphens dropped or spaced ("XRay", "X Ray"), and a trailing number detached ("Cloud 9").
/// Never includes `name` itself.
pub fn spacing_variants(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |candidate: String| {
        if candidate != name && !candidate.trim().is_empty() && !out.contains(&candidate) {
            out.push(candidate);
        }
    };

    let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    let with_word = |i: usize, replacement: &str| {
        let mut parts: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        parts[i] = replacement.to_string();
        parts.join(" ")
    };
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
    push(split_words.join(" "));
    for (i, split) in split_words.iter().enumerate() {
        if split != words[i] {
            push(with_word(i, split));
        }
    }

    for (i, word) in words.iter().enumerate() {
        for (joined, split) in COMPOUNDS.iter() {
            if let Some(at) = word.find(joined.as_str()) {
                let end = at + joined.len();
                let whole_part = word[end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_ascii_lowercase());
                if !whole_part {
                    continue;
                }
                let spelled = format!("{}{split}{}", &word[..at], &word[end..]);
                push(with_word(i, &spelled));
                push(with_word(i, &split_camel(&spelled)));
            }
        }
    }

    if name.contains('-') {
        push(name.replace('-', ""));
        push(name.replace('-', " "));
    }

    for (i, word) in words.iter().enumerate() {
        if let Some(detached) = detach_trailing_number(word) {
            push(with_word(i, &detached));
        }
    }
    out
}

/// Which word of a name a singular/plural slip changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberSlip {
    /// A plural word before the last made singular ("Secret Manager").
    Inner,
    /// The last word made singular ("Step Function", "AWS Organization").
    LastSingular,
    /// The last word of a singular name made plural ("Amazon Elastic Container Services").
    LastPlural,
}

/// Singular and plural slips of a name, in the name's capitals (the matcher takes them only
/// so, since "a secret manager" or "an AWS organization" in lower case are common nouns):
/// a plural word before the last made singular ("Secrets Manager" → "Secret Manager"); the
/// last word made singular ("Step Functions" → "Step Function") or, when singular, plural
/// ("Elastic Container Service" → "Elastic Container Services"). Whether a last-word slip
/// counts is the matcher's call: some singulars are resources AWS itself names ("a Local
/// Zone"), and a plural is taken only after a prefix. Words that only look plural
/// ("Analytics", "Kinesis", "Business", "OpsWorks") and acronyms are left alone.
pub fn number_variants(name: &str) -> Vec<(String, NumberSlip)> {
    let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out: Vec<(String, NumberSlip)> = Vec::new();
    let mut push = |candidate: String, slip: NumberSlip| {
        if candidate != name && !out.iter().any(|(c, _)| *c == candidate) {
            out.push((candidate, slip));
        }
    };
    let with_word = |i: usize, replacement: &str| {
        let mut parts: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        parts[i] = replacement.to_string();
        parts.join(" ")
    };
    let Some(last) = words.len().checked_sub(1) else {
        return out;
    };
    for (i, word) in words.iter().enumerate().take(last) {
        if looks_plural(word) {
            push(with_word(i, &word[..word.len() - 1]), NumberSlip::Inner);
        }
    }
    let word = words[last];
    if looks_plural(word) {
        push(
            with_word(last, &word[..word.len() - 1]),
            NumberSlip::LastSingular,
        );
    } else if looks_singular(word) {
        push(with_word(last, &format!("{word}s")), NumberSlip::LastPlural);
    }
    out
}

/// A capitalised ordinary word that takes a plain "-s" plural: "Service", "Gateway", "Hub";
/// not "-s", "-x", "-z", "-ch", "-sh" or consonant-"y" endings, which pluralise otherwise.
fn looks_singular(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let capitalised = chars.first().is_some_and(|c| c.is_ascii_uppercase())
        && chars[1..].iter().all(|c| c.is_ascii_lowercase());
    let consonant_y = word.ends_with('y')
        && chars
            .len()
            .checked_sub(2)
            .and_then(|i| chars.get(i))
            .is_some_and(|c| !"aeiou".contains(*c));
    capitalised
        && chars.len() >= 3
        && !consonant_y
        && !["s", "x", "z", "ch", "sh"]
            .iter()
            .any(|end| word.ends_with(end))
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
        let names = |name: &str| -> Vec<(String, NumberSlip)> { number_variants(name) };
        let pair = |s: &str, slip| (s.to_string(), slip);
        assert_eq!(
            names("Secrets Manager"),
            vec![
                pair("Secret Manager", NumberSlip::Inner),
                pair("Secrets Managers", NumberSlip::LastPlural)
            ]
        );
        assert_eq!(
            names("Step Functions"),
            vec![pair("Step Function", NumberSlip::LastSingular)]
        );
        assert_eq!(
            names("Elastic Container Service"),
            vec![pair("Elastic Container Services", NumberSlip::LastPlural)]
        );
        assert!(names("Kinesis Data Analytics").is_empty());
        assert!(names("Amazon SNS").is_empty());
        assert!(names("Glue DataBrew").is_empty());
        assert_eq!(
            names("Lambda"),
            vec![pair("Lambdas", NumberSlip::LastPlural)]
        );
    }

    #[test]
    fn each_camel_word_split_alone_and_compounds_split() {
        let pod = spacing_variants("SageMaker HyperPod");
        assert!(pod.contains(&"SageMaker Hyper Pod".to_string()), "{pod:?}");
        assert!(pod.contains(&"Sage Maker HyperPod".to_string()), "{pod:?}");
        let pipeline = spacing_variants("CodePipeline");
        assert!(
            pipeline.contains(&"CodePipe line".to_string()),
            "{pipeline:?}"
        );
        assert!(
            pipeline.contains(&"Code Pipe line".to_string()),
            "{pipeline:?}"
        );
        let beanstalk = spacing_variants("Elastic Beanstalk");
        assert!(
            beanstalk.contains(&"Elastic Bean stalk".to_string()),
            "{beanstalk:?}"
        );
        assert!(spacing_variants("Redshift").contains(&"Red shift".to_string()));
        // "Backups" is no "Back up" plus letters.
        assert!(
            !spacing_variants("Backups")
                .iter()
                .any(|v| v.contains("Back up"))
        );
    }

    #[test]
    fn acronyms_are_not_split() {
        assert!(spacing_variants("IoT").is_empty());
        assert_eq!(spacing_variants("IoT Core"), vec!["IoTCore"]);
        assert!(spacing_variants("SES").is_empty());
    }
}
