//! Integrity checks for the generated `lexicon/aws-products.toml`.
//!
//! Every failure message names the record id and the offending string. Exceptions are listed
//! in the constants below, each with the reason, so that a new exception is a visible decision.

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Lexicon {
    product: Vec<Product>,
}

/// Exactly the record format the matcher reads: no defaults, so a missing key fails here.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Product {
    id: String,
    canonical: String,
    prefix: String,
    short: String,
    bare: String,
    first_mention: String,
    aliases: Vec<String>,
    wrong: Vec<String>,
    homograph: bool,
    singular_resource: bool,
    status: String,
    status_date: String,
    code_ids: Vec<String>,
    landing_page: String,
    sources: Vec<String>,
    renamed_from: Vec<Rename>,
    /// Not in the file: "<prefix> <bare>", filled in by `load`.
    #[serde(skip)]
    prefixed_bare: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rename {
    name: String,
    short: String,
    date: String,
    source: String,
}

impl Product {
    /// Every correct surface form of the record, including the prefix followed by the bare
    /// form: the matcher takes that as right for every product ("AWS IAM"), so it must
    /// never be a wrong or stale name ("AWS MediaConnect" is why the Elemental records keep
    /// the full name as their short form).
    fn correct_forms(&self) -> Vec<&str> {
        let mut forms = vec![
            self.canonical.as_str(),
            self.short.as_str(),
            self.bare.as_str(),
            self.first_mention.as_str(),
        ];
        if let Some(prefixed) = &self.prefixed_bare {
            forms.push(prefixed);
        }
        forms.extend(self.aliases.iter().map(String::as_str));
        forms
    }
}

fn load() -> Vec<Product> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("lexicon/aws-products.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut lexicon: Lexicon =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for p in &mut lexicon.product {
        // "AWS NLB => Network Load Balancer": the wrong form is the part before the arrow.
        for w in &mut p.wrong {
            if let Some((wrong, _fix)) = w.split_once("=>") {
                *w = wrong.trim().to_string();
            }
        }
        if !p.prefix.is_empty() && !p.bare.is_empty() {
            p.prefixed_bare = Some(format!("{} {}", p.prefix, p.bare));
        }
    }
    lexicon.product
}

fn fail_if_any(what: &str, problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "{what}: {} problem(s)\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

/// Case-folded, without spaces and hyphens: "Cloud-Watch" and "cloudwatch" are one key.
fn loose(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_valid_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2100).contains(&y) && (1..=days).contains(&d)
}

// ---------------------------------------------------------------------------------------
// Documented exceptions

/// Surface forms that two records share on purpose: (form, ids).
const SHARED_FORMS: &[(&str, &[&str])] = &[];

/// Aliases that start with "Amazon "/"AWS " although the record's prefix differs: (id, alias,
/// why).
const ALIAS_PREFIX_EXCEPTIONS: &[(&str, &str, &str)] = &[
    (
        "iam-access-analyzer",
        "AWS IAM Access Analyzer",
        "landing page and blog posts use it; docs write IAM Access Analyzer",
    ),
    (
        "iam-roles-anywhere",
        "AWS IAM Roles Anywhere",
        "used by AWS blogs; docs write IAM Roles Anywhere",
    ),
    (
        "cost-optimization-hub",
        "AWS Cost Optimization Hub",
        "launch announcement name; docs write Cost Optimization Hub",
    ),
    (
        "savings-plans",
        "AWS Savings Plans",
        "botocore title and some AWS pages; products directory says Savings Plans",
    ),
    (
        "application-auto-scaling",
        "AWS Application Auto Scaling",
        "AWS docs entity long form (services.yaml); the user guide writes Application Auto Scaling",
    ),
    (
        "storage-gateway",
        "Amazon S3 File Gateway",
        "official name of the S3 gateway type of AWS Storage Gateway",
    ),
];

/// Botocore API titles that are stale or odd (README section 5): never a correct form of an
/// active record. They may appear in `renamed_from` or `wrong`.
const STALE_TITLES: &[&str] = &[
    "Amazon Elasticsearch Service",
    "AWS Single Sign-On",
    "AWS SSO Identity Store",
    "Amazon Kinesis Firehose",
    "Amazon Kinesis Analytics",
    "Amazon EC2 Container Service",
    "Amazon Simple Systems Manager (SSM)",
    "Amazon Simple Systems Manager",
    "Amazon Import/Export Snowball",
    "AWS Fault Injection Simulator",
    "Amazon Omics",
    "AWS CodeStar connections",
    "Amazon SageMaker Service",
    "AWS Certificate Manager Private Certificate Authority",
    "Amazon Connect Wisdom Service",
    "Amazon Prometheus Service",
    "Auto Scaling",
    "AWS Greengrass",
    "Amazon AppConfig",
    "AWS Comprehend Medical",
    "AWS S3 Control",
    "AWS RDS DataService",
    "AWS EC2 Instance Connect",
    "AWS Route53 Recovery Control Config",
    "AWS Route53 Recovery Readiness",
    "AWS MediaConnect",
    "AWS MediaTailor",
    "Amazon HealthLake",
    "Firewall Management Service",
    "Managed Streaming for Kafka",
    "Elastic Disaster Recovery Service",
    "AWSKendraFrontendService",
    "AmazonMQ",
    "AmazonMWAA",
    "AWSDeadlineCloud",
    "AWSMainframeModernization",
    "AWSBillingConductor",
    "AWSServerlessApplicationRepository",
    "AmazonApiGatewayV2",
    "AWS SecurityHub",
    "AWS EntityResolution",
    "Amazon CloudDirectory",
    "Amazon NeptuneData",
    "Amazon Appflow",
    "Amazon Sagemaker Edge Manager",
    "Amazon Workspaces Instances",
    "Amazon Macie 2",
    "Inspector2",
    "AWS CloudHSM V2",
    "AWS WAFV2",
    "Amazon Pinpoint SMS Voice V2",
    "Amazon Transcribe Service",
    "Amazon Connect Service",
    "Amazon Forecast Service",
    "AWS Clean Rooms Service",
    "AWS Cost Explorer Service",
    "AWS Price List Service",
    "OpenSearch Service Serverless",
    "Amazon MemoryDB for Redis",
    "AWS IoT Jobs SDK release",
    // "Amazon QuickSight" is accepted as an alias of Amazon Quick Sight until a dated
    // source confirms the rename (see lexicon/curation.toml).
];

/// Bare names that are ordinary English words or phrases: their records must say so.
const KNOWN_HOMOGRAPHS: &[&str] = &[
    "lambda",
    "athena",
    "aurora",
    "glacier",
    "redshift",
    "x-ray",
    "workspaces",
    "config",
    "batch",
    "backup",
    "shield",
    "inspector",
    "detective",
    "glue",
    "polly",
    "connect",
    "comprehend",
    "translate",
    "forecast",
    "personalize",
    "neptune",
    "step-functions",
    "secrets-manager",
    "systems-manager",
    "api-gateway",
    "direct-connect",
    "elastic-load-balancing",
    "organizations",
    "control-tower",
    "q",
];

/// Distinctive coinages: never homographs.
const KNOWN_COINAGES: &[&str] = &[
    "cloudwatch",
    "dynamodb",
    "fargate",
    "kinesis",
    "rekognition",
    "textract",
    "sagemaker",
    "s3",
    "ec2",
];

// ---------------------------------------------------------------------------------------
// Tests

#[test]
fn enough_active_records() {
    let products = load();
    let active = products.iter().filter(|p| p.status == "active").count();
    assert!(
        active >= 300,
        "only {active} active records (want at least 300)"
    );
}

#[test]
fn ids_are_unique_lowercase_kebab() {
    let products = load();
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    for p in &products {
        let kebab = !p.id.is_empty()
            && !p.id.starts_with('-')
            && !p.id.ends_with('-')
            && !p.id.contains("--")
            && p.id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !kebab {
            problems.push(format!("{}: id {:?} is not lowercase kebab", p.id, p.id));
        }
        if !seen.insert(p.id.as_str()) {
            problems.push(format!("{}: duplicate id {:?}", p.id, p.id));
        }
    }
    fail_if_any("ids", problems);
}

#[test]
fn records_are_sorted_by_id() {
    let products = load();
    let mut problems = Vec::new();
    for pair in products.windows(2) {
        if pair[0].id >= pair[1].id {
            problems.push(format!(
                "{}: record comes before {:?}",
                pair[0].id, pair[1].id
            ));
        }
    }
    fail_if_any("order", problems);
}

#[test]
fn no_field_is_blank_or_padded() {
    let products = load();
    let mut problems = Vec::new();
    for p in &products {
        let mut strings: Vec<(&str, &str)> = vec![
            ("canonical", &p.canonical),
            ("short", &p.short),
            ("bare", &p.bare),
            ("first_mention", &p.first_mention),
            ("landing_page", &p.landing_page),
        ];
        strings.extend(p.aliases.iter().map(|a| ("aliases", a.as_str())));
        strings.extend(p.wrong.iter().map(|w| ("wrong", w.as_str())));
        strings.extend(p.code_ids.iter().map(|c| ("code_ids", c.as_str())));
        strings.extend(p.sources.iter().map(|s| ("sources", s.as_str())));
        for r in &p.renamed_from {
            strings.push(("renamed_from.name", &r.name));
            strings.push(("renamed_from.source", &r.source));
        }
        for (field, value) in strings {
            if value.trim().is_empty() {
                problems.push(format!("{}: {field} is empty", p.id));
            } else if value.trim() != value || value.contains("  ") {
                problems.push(format!("{}: {field} {value:?} has stray spaces", p.id));
            }
        }
        if p.canonical.contains('(') {
            problems.push(format!(
                "{}: canonical {:?} contains a parenthesis",
                p.id, p.canonical
            ));
        }
        if !p.landing_page.starts_with("https://") {
            problems.push(format!(
                "{}: landing_page {:?} is not an https URL",
                p.id, p.landing_page
            ));
        }
        if p.sources.is_empty() {
            problems.push(format!("{}: no sources", p.id));
        }
    }
    fail_if_any("blank or padded fields", problems);
}

#[test]
fn prefix_short_and_bare_agree() {
    let products = load();
    let mut problems = Vec::new();
    for p in &products {
        if !["Amazon", "AWS", ""].contains(&p.prefix.as_str()) {
            problems.push(format!(
                "{}: prefix {:?} is not Amazon/AWS/\"\"",
                p.id, p.prefix
            ));
            continue;
        }
        let with_space = format!("{} ", p.prefix);
        if !p.prefix.is_empty() && !p.canonical.starts_with(&with_space) {
            problems.push(format!(
                "{}: canonical {:?} does not start with prefix {:?}",
                p.id, p.canonical, p.prefix
            ));
        }
        if p.prefix.is_empty()
            && (p.canonical.starts_with("AWS ") || p.canonical.starts_with("Amazon "))
        {
            problems.push(format!(
                "{}: canonical {:?} starts with a prefix but prefix is \"\"",
                p.id, p.canonical
            ));
        }
        // The short form either keeps the prefix (Amazon S3, AWS Glue) or is the bare form
        // (Lambda, CloudWatch: R2 says AWS docs drop the prefix for many word names).
        let expected_bare = p.short.strip_prefix(&with_space).unwrap_or(&p.short);
        let expected_bare = if p.prefix.is_empty() {
            p.short.as_str()
        } else {
            expected_bare
        };
        if p.bare != expected_bare {
            problems.push(format!(
                "{}: bare {:?} is not short {:?} without prefix {:?}",
                p.id, p.bare, p.short, p.prefix
            ));
        }
        if p.bare.starts_with("AWS ") || p.bare.starts_with("Amazon ") {
            problems.push(format!("{}: bare {:?} starts with a prefix", p.id, p.bare));
        }
        if !p.first_mention.starts_with(&p.canonical) {
            problems.push(format!(
                "{}: first_mention {:?} does not start with canonical {:?}",
                p.id, p.first_mention, p.canonical
            ));
        }
    }
    fail_if_any("prefix/short/bare", problems);
}

#[test]
fn aliases_keep_the_record_prefix() {
    let products = load();
    let mut problems = Vec::new();
    for p in &products {
        for alias in &p.aliases {
            let alias_prefix = if alias.starts_with("Amazon ") {
                "Amazon"
            } else if alias.starts_with("AWS ") {
                "AWS"
            } else {
                continue;
            };
            let documented = ALIAS_PREFIX_EXCEPTIONS
                .iter()
                .any(|(id, a, _)| *id == p.id && a == alias);
            if alias_prefix != p.prefix && !documented {
                problems.push(format!(
                    "{}: alias {alias:?} has prefix {alias_prefix:?}, record prefix is {:?} \
                     (add it to ALIAS_PREFIX_EXCEPTIONS with a reason if intended)",
                    p.id, p.prefix
                ));
            }
        }
    }
    for (id, alias, _) in ALIAS_PREFIX_EXCEPTIONS {
        let exists = products
            .iter()
            .any(|p| p.id == *id && p.aliases.iter().any(|a| a == alias));
        if !exists {
            problems.push(format!(
                "{id}: documented alias exception {alias:?} is stale"
            ));
        }
    }
    fail_if_any("alias prefixes", problems);
}

#[test]
fn correct_forms_are_unique_across_records() {
    let products = load();
    let mut owners: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    let mut spelled: BTreeMap<String, &str> = BTreeMap::new();
    for p in &products {
        for form in p.correct_forms() {
            owners.entry(form.to_lowercase()).or_default().insert(&p.id);
            spelled.entry(form.to_lowercase()).or_insert(form);
        }
    }
    let mut problems = Vec::new();
    for (key, ids) in &owners {
        if ids.len() < 2 {
            continue;
        }
        let documented = SHARED_FORMS.iter().any(|(form, shared)| {
            form.to_lowercase() == *key && ids.iter().all(|id| shared.contains(id))
        });
        if !documented {
            let ids: Vec<&str> = ids.iter().copied().collect();
            problems.push(format!(
                "{}: form {:?} is also a correct form of {:?}",
                ids[0],
                spelled[key],
                &ids[1..]
            ));
        }
    }
    fail_if_any("shared correct forms", problems);
}

/// Whether `wrong` differs from `correct` only in ways the matcher derives by itself: case,
/// joining words or swapping a space/hyphen at an existing word break, and splitting a
/// CamelCase word at a lower-to-upper boundary ("Work Spaces" from "WorkSpaces"). A space
/// inside a plain word ("Red Shift", "Bean Stalk") or a new hyphen ("EC-2") is not derived.
fn derivable_from(wrong: &str, correct: &str) -> bool {
    // Per letter (non-separator char): lowercased char and the separator before it.
    fn shape(s: &str) -> Vec<(char, Option<char>, char)> {
        let mut out = Vec::new();
        let mut pending = None;
        for c in s.chars() {
            if c == ' ' || c == '-' {
                pending = Some(c);
            } else {
                out.push((c.to_ascii_lowercase(), pending.take(), c));
            }
        }
        out
    }
    let (w, c) = (shape(wrong), shape(correct));
    if w.len() != c.len() || w.iter().zip(&c).any(|(a, b)| a.0 != b.0) {
        return false;
    }
    (0..w.len()).all(|i| {
        let (sep_w, sep_c) = (w[i].1, c[i].1);
        if sep_w == sep_c || sep_c.is_some() {
            return true;
        }
        // The correct form has no break here: only a CamelCase split is derived.
        i > 0 && c[i - 1].2.is_lowercase() && c[i].2.is_uppercase()
    })
}

/// The matcher derives variants from every correct form (case, spacing, prefix swap, the
/// canonical without its prefix). A variant of one record's form must never be a correct form
/// of another record, or a derived "wrong" form would fire on a correct name.
#[test]
fn derived_variants_do_not_hit_other_records() {
    let products = load();
    let mut owners: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for p in &products {
        for form in p.correct_forms() {
            owners.entry(loose(form)).or_default().insert(&p.id);
        }
    }
    let mut problems = Vec::new();
    for p in &products {
        let mut variants: Vec<(String, String)> = Vec::new();
        for form in p.correct_forms() {
            variants.push((form.to_string(), loose(form)));
            for v in prefix_variants(form) {
                variants.push((v.clone(), loose(&v)));
            }
        }
        let with_space = format!("{} ", p.prefix);
        if let Some(rest) = p.canonical.strip_prefix(&with_space) {
            variants.push((rest.to_string(), loose(rest)));
        }
        for (variant, key) in variants {
            let Some(ids) = owners.get(&key) else {
                continue;
            };
            let others: Vec<&&str> = ids.iter().filter(|id| **id != p.id).collect();
            if !others.is_empty() {
                problems.push(format!(
                    "{}: derived variant {variant:?} is a correct form of {others:?}",
                    p.id
                ));
            }
        }
    }
    fail_if_any("derived variants", problems);
}

/// The prefix variants the matcher derives from a correct form, lowercased: the swapped
/// prefix ("AWS S3" from "Amazon S3") and a prefix added to an unprefixed form.
fn prefix_variants(form: &str) -> Vec<String> {
    let lower = form.to_lowercase();
    if let Some(rest) = lower.strip_prefix("amazon ") {
        vec![format!("aws {rest}")]
    } else if let Some(rest) = lower.strip_prefix("aws ") {
        vec![format!("amazon {rest}")]
    } else {
        vec![format!("aws {lower}"), format!("amazon {lower}")]
    }
}

/// A curated wrong form must not be a correct form (exactly, ignoring case) of any record.
/// Compared loosely (ignoring case, spaces and hyphens) it must not equal a correct form of
/// *another* record either: the matcher could not tell which product was meant. Against its
/// own record a loose match is allowed only when the matcher would not derive it itself
/// ("Amazon Red Shift" is curated; "Amazon Work Spaces" is derived, so it is redundant).
#[test]
fn wrong_forms_are_never_correct() {
    let products = load();
    let mut exact: BTreeMap<String, &str> = BTreeMap::new();
    let mut loose_owner: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for p in &products {
        for form in p.correct_forms() {
            exact.insert(form.to_lowercase(), &p.id);
            loose_owner.entry(loose(form)).or_default().insert(&p.id);
        }
    }
    let mut problems = Vec::new();
    for p in &products {
        let mut seen = BTreeSet::new();
        for w in &p.wrong {
            if !seen.insert(w.to_lowercase()) {
                problems.push(format!("{}: wrong form {w:?} is listed twice", p.id));
            }
            if let Some(owner) = exact.get(&w.to_lowercase()) {
                problems.push(format!(
                    "{}: wrong form {w:?} is a correct form of {owner}",
                    p.id
                ));
                continue;
            }
            if let Some(owners) = loose_owner.get(&loose(w)) {
                let others: Vec<&&str> = owners.iter().filter(|o| **o != p.id).collect();
                if !others.is_empty() {
                    problems.push(format!(
                        "{}: wrong form {w:?} loosely equals a correct form of {others:?}",
                        p.id
                    ));
                }
            }
            if let Some(form) = p
                .correct_forms()
                .into_iter()
                .find(|f| derivable_from(w, f) || prefix_variants(f).contains(&w.to_lowercase()))
            {
                problems.push(format!(
                    "{}: wrong form {w:?} is derived from {form:?} by the matcher (remove it)",
                    p.id
                ));
            }
        }
    }
    fail_if_any("wrong forms", problems);
}

#[test]
fn derivation_model_matches_the_matcher_contract() {
    assert!(derivable_from("Amazon Work Spaces", "Amazon WorkSpaces"));
    assert!(derivable_from("Amazon Route53", "Amazon Route 53"));
    assert!(derivable_from("AWS XRay", "AWS X-Ray"));
    assert!(derivable_from("amazon cloudwatch", "Amazon CloudWatch"));
    assert!(!derivable_from("Amazon Red Shift", "Amazon Redshift"));
    assert!(!derivable_from("Amazon EC-2", "Amazon EC2"));
    assert!(!derivable_from("Amazon Recognition", "Amazon Rekognition"));
    assert!(prefix_variants("Amazon S3").contains(&"aws s3".to_string()));
    assert!(prefix_variants("Service Quotas").contains(&"aws service quotas".to_string()));
}

#[test]
fn renamed_names_are_not_current_names() {
    let products = load();
    let mut exact: BTreeMap<String, &str> = BTreeMap::new();
    for p in &products {
        for form in p.correct_forms() {
            exact.insert(form.to_lowercase(), &p.id);
        }
    }
    let mut problems = Vec::new();
    for p in &products {
        for r in &p.renamed_from {
            for old in [&r.name, &r.short] {
                if old.is_empty() {
                    continue;
                }
                if let Some(owner) = exact.get(&old.to_lowercase()) {
                    problems.push(format!(
                        "{}: old name {old:?} is a current correct form of {owner}",
                        p.id
                    ));
                }
                if p.wrong.iter().any(|w| w.eq_ignore_ascii_case(old)) {
                    problems.push(format!(
                        "{}: old name {old:?} is also listed in wrong",
                        p.id
                    ));
                }
            }
        }
    }
    fail_if_any("renamed names", problems);
}

#[test]
fn statuses_and_dates_are_valid() {
    let products = load();
    let mut problems = Vec::new();
    for p in &products {
        match p.status.as_str() {
            "active" => {
                if !p.status_date.is_empty() {
                    problems.push(format!(
                        "{}: active record has status_date {:?}",
                        p.id, p.status_date
                    ));
                }
            }
            "closed-to-new" | "end-of-support" | "retired" => {
                if !is_valid_date(&p.status_date) {
                    problems.push(format!(
                        "{}: status_date {:?} is not a valid YYYY-MM-DD",
                        p.id, p.status_date
                    ));
                }
            }
            other => problems.push(format!("{}: unknown status {other:?}", p.id)),
        }
        for r in &p.renamed_from {
            // An empty date: a rename that no source dates (curation.toml says which).
            if !r.date.is_empty() && !is_valid_date(&r.date) {
                problems.push(format!(
                    "{}: renamed_from {:?} has date {:?}, not a valid YYYY-MM-DD",
                    p.id, r.name, r.date
                ));
            }
        }
    }
    fail_if_any("statuses and dates", problems);
}

#[test]
fn stale_botocore_titles_are_not_correct_names() {
    let products = load();
    let mut problems = Vec::new();
    for p in products.iter().filter(|p| p.status == "active") {
        // Exact (case-sensitive: "Amazon Appflow" is odd, "Amazon AppFlow" is right); the
        // bare later-mention form is exempt ("Auto Scaling" is the bare form of AWS Auto
        // Scaling, although as a full title it is stale for Amazon EC2 Auto Scaling).
        let mut forms = p.correct_forms();
        forms.retain(|f| *f != p.bare || p.bare == p.canonical);
        forms.sort_unstable();
        forms.dedup();
        for form in forms {
            if let Some(stale) = STALE_TITLES.iter().find(|t| **t == form) {
                problems.push(format!(
                    "{}: stale/odd botocore title {stale:?} is used as a correct form",
                    p.id
                ));
            }
        }
    }
    fail_if_any("stale titles", problems);
}

#[test]
fn homograph_flags_match_known_words() {
    let products = load();
    let by_id: BTreeMap<&str, &Product> = products.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut problems = Vec::new();
    for id in KNOWN_HOMOGRAPHS {
        match by_id.get(id) {
            Some(p) if p.homograph => {}
            Some(p) => problems.push(format!(
                "{id}: bare {:?} is an ordinary word but homograph = false",
                p.bare
            )),
            None => problems.push(format!("{id}: record missing")),
        }
    }
    for id in KNOWN_COINAGES {
        match by_id.get(id) {
            Some(p) if !p.homograph => {}
            Some(p) => problems.push(format!(
                "{id}: bare {:?} is a coinage but homograph = true",
                p.bare
            )),
            None => problems.push(format!("{id}: record missing")),
        }
    }
    fail_if_any("homographs", problems);
}

#[test]
fn code_ids_are_unique_across_records() {
    let products = load();
    let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
    let mut problems = Vec::new();
    for p in &products {
        for code in &p.code_ids {
            if let Some(other) = owner.insert(code, &p.id)
                && other != p.id
            {
                problems.push(format!(
                    "{}: code id {code:?} also belongs to {other}",
                    p.id
                ));
            }
        }
    }
    fail_if_any("code ids", problems);
}

/// `lexicon/aws-terms.txt`: phrases a name checker must leave alone. None may be a product
/// name (correct, wrong or renamed): that would make the two files contradict each other.
#[test]
fn terms_do_not_collide_with_product_names() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("lexicon/aws-terms.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let products = load();
    let mut names: BTreeMap<String, (&str, &str)> = BTreeMap::new();
    for p in &products {
        for form in p.correct_forms() {
            names.insert(form.to_lowercase(), (&p.id, "a correct form"));
        }
        for w in &p.wrong {
            names.insert(w.to_lowercase(), (&p.id, "a wrong form"));
        }
        for r in &p.renamed_from {
            names.insert(r.name.to_lowercase(), (&p.id, "a renamed name"));
        }
    }
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if line.trim() != line {
            problems.push(format!(
                "aws-terms.txt line {}: {line:?} has stray spaces",
                n + 1
            ));
        }
        if !seen.insert(line) {
            problems.push(format!(
                "aws-terms.txt line {}: {line:?} is listed twice",
                n + 1
            ));
        }
        if let Some((id, what)) = names.get(&line.to_lowercase()) {
            problems.push(format!(
                "{id}: term {line:?} (aws-terms.txt) is {what} of the record"
            ));
        }
    }
    let count = seen.len();
    if !(60..=200).contains(&count) {
        problems.push(format!(
            "aws-terms.txt has {count} phrases (expected 60-200)"
        ));
    }
    fail_if_any("aws-terms.txt", problems);
}

#[test]
fn date_validation_works() {
    assert!(is_valid_date("2024-02-29"));
    assert!(!is_valid_date("2023-02-29"));
    assert!(!is_valid_date("2024-02"));
    assert!(!is_valid_date("2024-13-01"));
    assert!(!is_valid_date(""));
}

#[test]
fn singular_resources_end_in_a_plural() {
    let problems: Vec<String> = load()
        .iter()
        .filter(|p| p.singular_resource)
        .filter(|p| {
            let last = p.canonical.rsplit(' ').next().unwrap_or_default();
            !last.ends_with('s') || last.ends_with("ss")
        })
        .map(|p| {
            format!(
                "{}: singular_resource, but {:?} ends in no plural",
                p.id, p.canonical
            )
        })
        .collect();
    fail_if_any("singular resources", problems);
}
