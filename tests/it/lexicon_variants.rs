//! The variant families of every product name, checked over the whole lexicon: each family
//! is built here independently of `src/lexicon/variants.rs` (from the record alone), put in a
//! sentence, and must be reported with the fix the README's fix policy gives; every correct
//! form of every record must pass. A family that does not apply to a record (a one-word name
//! has no joined form) is skipped; a form that is another record's correct name is skipped.

use std::collections::HashSet;

use caselint::lexicon::{Lexicon, NameMatcher, Product, Verdict};

const PREFIXES: [&str; 2] = ["Amazon", "AWS"];

struct Names {
    lexicon: Lexicon,
    matcher: NameMatcher,
    /// Every correct surface of every record and term, lower-cased.
    correct: HashSet<String>,
}

fn names() -> Names {
    let lexicon = Lexicon::builtin().expect("lexicon loads");
    let matcher = NameMatcher::new(&lexicon).expect("matcher builds");
    let mut correct: HashSet<String> = lexicon.terms.iter().map(|t| t.to_lowercase()).collect();
    for p in &lexicon.products {
        correct.extend(correct_forms(p).into_iter().map(|f| f.to_lowercase()));
    }
    Names {
        lexicon,
        matcher,
        correct,
    }
}

fn correct_forms(p: &Product) -> Vec<String> {
    let bare = p.bare_name().to_string();
    let mut forms = vec![p.canonical.clone(), p.short.clone(), bare.clone()];
    if !p.prefix.is_empty() {
        forms.push(format!("{} {bare}", p.prefix));
    }
    for alias in &p.aliases {
        forms.push(alias.clone());
        if let Some(rest) = PREFIXES
            .iter()
            .find_map(|q| alias.strip_prefix(&format!("{q} ")))
        {
            forms.push(rest.to_string());
        }
    }
    forms
}

/// The sentence after applying the finding that covers `wrong`, or `None` if nothing
/// covers it; `renamed` says whether that finding was a rename.
fn rewrite(names: &Names, sentence: &str, wrong: &str) -> Option<(String, bool)> {
    let start = sentence.find(wrong)?;
    let end = start + wrong.len();
    names
        .matcher
        .find_in(sentence, true)
        .into_iter()
        .find(|h| h.range.start < end && start < h.range.end)
        .and_then(|h| match h.verdict {
            Verdict::Correct { .. } => None,
            Verdict::Wrong { replacement, .. } => Some((replacement, h.range, false)),
            Verdict::Renamed { replacement, .. } => Some((replacement, h.range, true)),
        })
        .map(|(replacement, range, renamed)| {
            let fixed = format!(
                "{}{replacement}{}",
                &sentence[..range.start],
                &sentence[range.end..]
            );
            (fixed, renamed)
        })
}

fn sentence(form: &str) -> String {
    format!("Our team runs the service with {form} every day on AWS.")
}

/// Splits at each small-to-capital boundary whose left part has three letters or more
/// ("CloudWatch" → "Cloud Watch", but "IoT" stays whole).
fn camel_splits(word: &str) -> Vec<(String, String)> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    for i in 3..chars.len() {
        if chars[i].is_ascii_uppercase() && chars[i - 1].is_ascii_lowercase() {
            let lowered: String = chars[..i]
                .iter()
                .chain(std::iter::once(&chars[i].to_ascii_lowercase()))
                .chain(&chars[i + 1..])
                .collect();
            let split: String = chars[..i]
                .iter()
                .chain(std::iter::once(&' '))
                .chain(&chars[i..])
                .collect();
            out.push((lowered, split));
        }
    }
    out
}

/// One family: (label, wrong form, expected fixed sentence or `None` for "any rename").
type Case = (&'static str, String, String);

fn families(p: &Product) -> Vec<Case> {
    let bare = p.bare_name();
    let canonical_bare = p
        .canonical
        .strip_prefix(&format!("{} ", p.prefix))
        .unwrap_or(&p.canonical);
    let mut cases: Vec<Case> = Vec::new();
    let fix_prefixed = p.fix_for_short(true);
    let fix_bare = p.fix_for_short(false);
    for other in PREFIXES.iter().filter(|q| **q != p.prefix) {
        let label = if p.prefix.is_empty() {
            "prefix added"
        } else {
            "prefix swapped"
        };
        cases.push((label, format!("{other} {bare}"), fix_prefixed.clone()));
        if canonical_bare != bare {
            cases.push((
                "prefix on the full name",
                format!("{other} {canonical_bare}"),
                p.canonical.clone(),
            ));
        }
    }
    let words: Vec<&str> = bare.split(' ').collect();
    for (i, word) in words.iter().enumerate() {
        for (lowered, split) in camel_splits(word) {
            let with = |w: &str| {
                let mut parts = words.clone();
                parts[i] = w;
                parts.join(" ")
            };
            cases.push(("inner capital lowered", with(&lowered), fix_bare.clone()));
            cases.push(("camel word split", with(&split), fix_bare.clone()));
            if !p.prefix.is_empty() {
                cases.push((
                    "inner capital lowered, prefixed",
                    format!("{} {}", p.prefix, with(&lowered)),
                    fix_prefixed.clone(),
                ));
            }
        }
    }
    let capitalised = words
        .iter()
        .all(|w| w.chars().next().is_some_and(|c| c.is_ascii_uppercase()));
    // Run together, a name of acronyms ("VPCIPAM") reads as a code, not as a slip.
    let has_lower = bare.chars().any(|c| c.is_ascii_lowercase());
    if words.len() > 1 && capitalised && has_lower {
        cases.push(("words joined", words.concat(), fix_bare.clone()));
        if !p.prefix.is_empty() {
            cases.push((
                "words joined, prefixed",
                format!("{} {}", p.prefix, words.concat()),
                fix_prefixed.clone(),
            ));
        }
    }
    if bare.contains('-') && !p.prefix.is_empty() {
        cases.push((
            "hyphen dropped, prefixed",
            format!("{} {}", p.prefix, bare.replace('-', "")),
            fix_prefixed.clone(),
        ));
    }
    cases
}

#[test]
fn every_product_has_its_variant_families_reported_with_the_policy_fix() {
    let names = names();
    let mut problems = Vec::new();
    let mut checked = 0;
    for p in names.lexicon.products.iter().filter(|p| p.is_active()) {
        for (label, wrong, fix) in families(p) {
            if names.correct.contains(&wrong.to_lowercase()) {
                continue;
            }
            checked += 1;
            let text = sentence(&wrong);
            let want = text.replacen(&wrong, &fix, 1);
            match rewrite(&names, &text, &wrong) {
                None => problems.push(format!("{}: {label} `{wrong}` not reported", p.id)),
                Some((got, _)) if got != want => problems.push(format!(
                    "{}: {label} `{wrong}` fixed as {got:?}, want {want:?}",
                    p.id
                )),
                Some(_) => {}
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {checked} variants:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(checked > 500, "only {checked} variants checked");
}

#[test]
fn every_old_name_and_its_spellings_are_reported_as_renamed() {
    let names = names();
    let mut problems = Vec::new();
    for p in &names.lexicon.products {
        for r in &p.renamed_from {
            let mut forms = vec![r.name.clone()];
            if !r.short.is_empty() {
                forms.push(r.short.clone());
            }
            let old_bare = PREFIXES
                .iter()
                .find_map(|q| r.name.strip_prefix(&format!("{q} ")));
            if let Some(old_bare) = old_bare {
                forms.extend(PREFIXES.iter().map(|q| format!("{q} {old_bare}")));
                for word in old_bare.split(' ') {
                    for (lowered, split) in camel_splits(word) {
                        forms.push(r.name.replacen(word, &split, 1));
                        forms.push(r.name.replacen(word, &lowered, 1));
                    }
                }
            }
            if r.name.contains('-') {
                forms.push(r.name.replace('-', " "));
            }
            for form in forms {
                if names.correct.contains(&form.to_lowercase()) {
                    continue;
                }
                let text = sentence(&form);
                match rewrite(&names, &text, &form) {
                    Some((_, true)) => {}
                    Some((_, false)) => problems.push(format!(
                        "{}: `{form}` reported as a wrong name, not as renamed",
                        p.id
                    )),
                    None => problems.push(format!("{}: `{form}` not reported", p.id)),
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_correct_form_of_any_product_is_reported() {
    let names = names();
    let mut problems = Vec::new();
    for p in names.lexicon.products.iter().filter(|p| p.is_active()) {
        for form in correct_forms(p) {
            let text = sentence(&form);
            if let Some((got, _)) = rewrite(&names, &text, &form) {
                problems.push(format!("{}: correct `{form}` reported: {got}", p.id));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Later mentions the facts allow (AWS docs' short form, the bare name after the full
/// one, the product's own prefix before its bare name) are never errors after a first
/// full mention.
#[test]
fn later_mentions_after_a_full_mention_are_accepted() {
    let names = names();
    let mut problems = Vec::new();
    for p in names.lexicon.products.iter().filter(|p| p.is_active()) {
        let bare = p.bare_name();
        let mut later = vec![p.short.clone(), bare.to_string()];
        if !p.prefix.is_empty() {
            later.push(format!("{} {bare}", p.prefix));
        }
        for form in later {
            let text = format!(
                "We chose {}. Later, {form} handled the load on AWS.",
                p.first_mention_form()
            );
            let flagged: Vec<String> = names
                .matcher
                .find_in(&text, true)
                .into_iter()
                .filter(|h| !matches!(h.verdict, Verdict::Correct { .. }))
                .map(|h| text[h.range].to_string())
                .collect();
            if !flagged.is_empty() {
                problems.push(format!("{}: {text:?} flags {flagged:?}", p.id));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn families_of_a_sample_hold_exactly() {
    let names = names();
    for (wrong, fixed) in [
        ("Cloudtrail", "CloudTrail"),
        ("DynamoDb", "DynamoDB"),
        ("Elasti Cache", "ElastiCache"),
        ("CodePipe line", "CodePipeline"),
        ("Xray", "X-Ray"),
        ("Secret Manager", "Secrets Manager"),
        ("System Manager", "Systems Manager"),
        ("AWS NLB", "Network Load Balancer"),
        ("AWS SES", "Amazon SES"),
        ("Amazon KMS", "AWS KMS"),
        ("Opensearch", "OpenSearch"),
        ("Eventbridge", "EventBridge"),
        ("SecretsManager", "Secrets Manager"),
        ("Amazon Red Shift", "Amazon Redshift"),
        ("AWS Step Function", "AWS Step Functions"),
    ] {
        let text = sentence(wrong);
        let got = rewrite(&names, &text, wrong).map(|(s, _)| s);
        assert_eq!(got, Some(text.replacen(wrong, fixed, 1)), "{wrong}");
    }
    for old in [
        "Kinesis Firehose",
        "AWS Kinesis Firehose",
        "Amazon Kinesis Data Firehose",
        "Elastic Map Reduce",
        "AWS Single Sign On",
        "Amazon Elasticsearch",
        "Code Whisperer",
        "NICE DCV",
    ] {
        let text = sentence(old);
        assert_eq!(
            rewrite(&names, &text, old).map(|(_, renamed)| renamed),
            Some(true),
            "{old}"
        );
    }
    for fine in [
        "Step functions in maths are discontinuous.",
        "A secret manager such as Vault.",
        "X-ray images of the chest.",
        "Autoscaling of the node group on AWS.",
        "Use the prefect-aws SDK on AWS.",
        "Each AWS Local Zone and every AWS Outpost on AWS.",
    ] {
        let flagged: Vec<_> = names
            .matcher
            .find_in(fine, false)
            .into_iter()
            .filter(|h| !matches!(h.verdict, Verdict::Correct { .. }))
            .map(|h| fine[h.range].to_string())
            .collect();
        assert!(flagged.is_empty(), "{fine}: {flagged:?}");
    }
}
