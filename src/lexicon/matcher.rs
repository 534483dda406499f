//! One automaton over every correct name, every derived wrong form and every old name;
//! each hit is then judged in its context (prefix, casing, code-like surroundings,
//! ordinary words that happen to be product names).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::variants::{NumberSlip, number_variants, spacing_variants};
use super::{Lexicon, Product, is_abbreviation, strip_prefix};

const PREFIXES: [&str; 2] = ["Amazon", "AWS"];

/// How a correct form relates to its product, which decides both the first-mention rule
/// and the shape of a fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The full name ("Amazon Simple Storage Service").
    Canonical,
    /// The later-mention name with its prefix ("Amazon S3").
    Short,
    /// The short name without prefix ("S3").
    Bare,
    /// A named feature or accepted alternative ("Amazon S3 Glacier Deep Archive").
    Alias,
    /// A correct AWS phrase that is not a product ("AWS Cloud").
    Term,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WrongReason {
    /// Right letters, wrong capitals ("Cloudwatch").
    Case,
    /// Words split or joined ("Cloud Watch", "Route53").
    Spacing,
    /// "AWS" where the product is "Amazon", or the reverse ("AWS S3").
    SwappedPrefix,
    /// A prefix on a name that has none ("AWS Elastic Load Balancing").
    AddedPrefix,
    /// The full name without its prefix ("Simple Storage Service").
    MissingPrefix,
    /// A known misspelling or wrong word from the lexicon ("Amazon Recognition").
    Known,
    /// A plural word of the name made singular ("Secret Manager", "AWS Step Function").
    Number,
    /// A singular name made plural ("AWS Lambdas", "Amazon Elastic Container Services"):
    /// the writer may mean the product's resources, so the fix needs a reader.
    Plural,
    /// Close to a product name but not it ("AWS Lamda").
    NearMiss,
    /// A single-word name in lower case ("the lambda function"): an ordinary word's
    /// letters, so it stands only on a page that writes the product's name in its capitals
    /// (the rule checks the page).
    LowerCase,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Correct {
        role: Role,
    },
    Wrong {
        replacement: String,
        reason: WrongReason,
    },
    Renamed {
        old: String,
        replacement: String,
        date: String,
    },
}

/// One product name found in a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte range in the text that was scanned.
    pub range: Range<usize>,
    /// Index into [`NameMatcher::products`]; `None` for terms that are not products.
    pub product: Option<usize>,
    pub verdict: Verdict,
}

#[derive(Debug, Clone)]
enum FormKind {
    Correct {
        role: Role,
        surface: String,
        /// What a miscased hit of this form should become.
        fix: String,
    },
    Wrong {
        fix: String,
        reason: WrongReason,
    },
    Renamed {
        old: String,
        fix: String,
        date: String,
    },
}

#[derive(Debug, Clone)]
struct Form {
    product: Option<usize>,
    kind: FormKind,
    /// Whether the form starts with "Amazon " or "AWS ".
    prefixed: bool,
    /// The name (without prefix) is made of ordinary words ("Step Functions", "Transit
    /// Gateway", "Identity and Access Management") or the lexicon marks it a homograph
    /// ("Lambda"): written otherwise than exactly, it is usually the common noun.
    plain: bool,
    /// For a named feature ("Amazon CloudWatch Alarms"): the length of the product's own
    /// name at its start, so "CloudWatch alarms" reads as product + common noun.
    head: usize,
    /// A coinage split into ordinary words ("Cloud Formation", "Event Bridge"): a slip only
    /// where the text is about AWS, since the words also name other things.
    split_coinage: bool,
    /// The letters after the prefix must match exactly, capitals included: a singular
    /// ("Secret Manager") is a slip only written as a name, never as a common noun.
    exact: Option<String>,
    /// The words of a name run together or its hyphen dropped ("SecretsManager", "XRay"):
    /// no English word, so a slip whatever the product's bare name means, but in lower case
    /// an identifier ("secretsmanager" is the CLI namespace).
    glued: bool,
}

/// A candidate word for near-miss detection ("Lamda" for "Lambda").
#[derive(Debug, Clone)]
struct NearName {
    lower: String,
    product: usize,
    /// Multi-word bare names: the words after the first, which must follow verbatim.
    rest: String,
    /// "CloudWatch", "DynamoDB": internal capitals make a coinage no English word is near.
    distinctive: bool,
}

/// `text` with ASCII capitals lowered, borrowed when it has none: the same length and
/// offsets, as the automaton's keys are lowered.
fn lower_ascii(text: &str) -> std::borrow::Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(text.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[derive(Debug)]
pub struct NameMatcher {
    products: Vec<Product>,
    automaton: AhoCorasick,
    /// Pattern id → the forms sharing that lower-case key.
    forms: Vec<Vec<Form>>,
    /// Lower-case key → pattern id, to judge a part of a hit without a second search.
    patterns: HashMap<String, usize>,
    longest_key: usize,
    near: HashMap<char, Vec<NearName>>,
    terms_lower: std::collections::HashSet<String>,
    /// Every word of every product name, alias and code id, lower-cased: the spelling
    /// check asks about each unknown word, so this is a set rather than a scan.
    name_words: HashSet<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("cannot build the product-name matcher: {0}")]
pub struct BuildError(String);

impl NameMatcher {
    pub fn new(lexicon: &Lexicon) -> Result<NameMatcher, BuildError> {
        let mut table = FormTable::default();
        let heads: HashSet<String> = lexicon.products.iter().flat_map(product_heads).collect();
        for (index, product) in lexicon.products.iter().enumerate() {
            add_correct_forms(&mut table, index, product, &heads);
        }
        for term in &lexicon.terms {
            table.add(
                term,
                Form {
                    product: None,
                    kind: FormKind::Correct {
                        role: Role::Term,
                        surface: term.clone(),
                        fix: term.clone(),
                    },
                    prefixed: starts_with_prefix(term),
                    plain: false,
                    head: 0,
                    split_coinage: false,
                    exact: None,
                    glued: false,
                },
            );
        }
        // Wrong forms second, so a form that is correct for any product is never wrong.
        // "Outposts", "Zones": last words whose singular names a resource AWS writes ("an
        // Outpost"), in whichever name they end ("S3 on Outpost bucket").
        let resource_words: HashSet<&str> = lexicon
            .products
            .iter()
            .filter(|p| p.singular_resource)
            .filter_map(|p| p.canonical.rsplit(' ').next())
            .collect();
        for (index, product) in lexicon.products.iter().enumerate() {
            add_wrong_forms(&mut table, index, product, &resource_words);
        }
        let (keys, forms, patterns) = table.into_parts();
        let longest_key = keys.iter().map(String::len).max().unwrap_or(0);
        // The keys are lower case and the text is searched lower-cased (ASCII only, so
        // every byte offset stays put): a case-insensitive automaton would carry both cases
        // of every transition and take several times as long to build.
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&keys)
            .map_err(|err| BuildError(err.to_string()))?;

        let mut near: HashMap<char, Vec<NearName>> = HashMap::new();
        for (index, product) in lexicon.products.iter().enumerate() {
            if !product.is_active() || product.homograph {
                continue;
            }
            let bare = product.bare_name();
            let (first, rest) = bare.split_once(' ').unwrap_or((bare, ""));
            if first.chars().count() < 4 || !first.chars().all(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
            let lower = first.to_ascii_lowercase();
            let Some(initial) = lower.chars().next() else {
                continue;
            };
            let distinctive = first.chars().skip(1).any(|c| c.is_ascii_uppercase());
            near.entry(initial).or_default().push(NearName {
                lower,
                product: index,
                rest: rest.to_string(),
                distinctive,
            });
        }
        let terms_lower = lexicon
            .terms
            .iter()
            .map(|t| t.to_ascii_lowercase())
            .collect();
        let name_words = lexicon
            .products
            .iter()
            .flat_map(|p| {
                [&p.canonical, &p.short, &p.bare]
                    .into_iter()
                    .chain(p.aliases.iter())
                    .flat_map(|name| name.split(|c: char| !c.is_alphanumeric()))
                    .chain(p.code_ids.iter().map(String::as_str))
            })
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
            .collect();
        Ok(NameMatcher {
            products: lexicon.products.clone(),
            automaton,
            forms,
            patterns,
            longest_key,
            near,
            terms_lower,
            name_words,
        })
    }

    pub fn products(&self) -> &[Product] {
        &self.products
    }

    /// Whether `word` is one of the words of a product's name in any of its forms
    /// ("Lambda", "CloudFront", "ec2"); case is ignored.
    pub fn is_name_word(&self, word: &str) -> bool {
        self.name_words.contains(&word.to_lowercase())
    }

    /// Every product name in `text`, judged. Hits in code-like tokens (paths, hosts,
    /// ARNs, CloudFormation types, CLI commands, package names) are left out, and so are
    /// slips that read as ordinary words ("the Event Bridge", "an API gateway") unless
    /// the same text is about AWS.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        self.find_in(text, false)
    }

    /// [`NameMatcher::find`] for a piece of a document that, as a whole, is about AWS
    /// (`about_aws`), so doubtful slips in it count as names.
    pub fn find_in(&self, text: &str, about_aws: bool) -> Vec<Hit> {
        self.find_on_page(text, about_aws, &|| true)
    }

    /// [`NameMatcher::find_in`] able to ask whether the page names another cloud anywhere
    /// (`other_clouds`, asked only for a name another vendor shares): only then can "Secret
    /// Manager" be Google's product rather than a slip in AWS's.
    pub fn find_on_page(
        &self,
        text: &str,
        about_aws: bool,
        other_clouds: &dyn Fn() -> bool,
    ) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut doubtful = Vec::new();
        let lowered = lower_ascii(text);
        let mut from = 0;
        while let Some(m) = self
            .automaton
            .find(aho_corasick::Input::new(lowered.as_ref()).range(from..))
        {
            let range = m.start()..m.end();
            if !is_word_boundary(text, &range) || in_code_token(text, &range) {
                // "the AWS Cloud" ends inside "the AWS Cloudwatch": the search goes on
                // inside the match, or the name it hides would be skipped with it.
                from = ceil_char_boundary(text, range.start + 1);
                continue;
            }
            from = range.end;
            let judged = self
                .judge(text, range.clone(), m.pattern().as_usize())
                .or_else(|| self.judge_shorter(text, range, m.pattern().as_usize()))
                .filter(|(hit, _)| {
                    // "Navigate to **Secret Manager**" in a page's Google Cloud steps.
                    let written = &text[hit.range.clone()];
                    !(matches!(hit.verdict, Verdict::Wrong { .. })
                        && OTHER_VENDOR_PRODUCTS.contains(&written.to_ascii_lowercase())
                        && !mentions_aws(text)
                        && other_clouds())
                });
            if let Some((mut hit, needs_context)) = judged {
                // "Amazon AWS S3": both prefixes, so the fix replaces both; "AWS Managed
                // Streaming for Kafka": a prefix before a slip whose fix brings its own.
                let text_before = &text[..hit.range.start];
                let fix_prefixed = match &hit.verdict {
                    Verdict::Wrong { replacement, .. } | Verdict::Renamed { replacement, .. } => {
                        starts_with_prefix(replacement)
                    }
                    Verdict::Correct { .. } => false,
                };
                let written_prefixed = starts_with_prefix(&text[hit.range.clone()]);
                let before_prefix = PREFIXES.iter().find_map(|p| {
                    text_before
                        .strip_suffix(' ')
                        .and_then(|t| t.strip_suffix(p))
                        .map(str::len)
                });
                if let Some(start) = before_prefix
                    && (written_prefixed || fix_prefixed)
                    && is_word_boundary(text, &(start..hit.range.end))
                {
                    hit.range.start = start;
                }
                // "**Amazon CloudFormation** 部署": China-partition style (rule R9).
                let china_style = matches!(
                    hit.verdict,
                    Verdict::Wrong {
                        reason: WrongReason::SwappedPrefix,
                        ..
                    }
                ) && text[hit.range.clone()].starts_with("Amazon ")
                    && text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
                if china_style {
                    continue;
                }
                fix_article(text, &mut hit);
                doubtful.push(needs_context);
                hits.push(hit);
            }
        }
        if doubtful.iter().any(|d| *d) {
            let about_aws = about_aws || doubtful.iter().any(|d| !d) || mentions_aws(text);
            if !about_aws {
                let mut keep = doubtful.iter().map(|d| !d);
                hits.retain(|_| keep.next().unwrap_or(true));
            }
        }
        self.find_near_misses(text, &mut hits);
        hits
    }

    /// A hit and whether it stands only where the text is about AWS.
    fn judge(&self, text: &str, range: Range<usize>, pattern: usize) -> Option<(Hit, bool)> {
        let forms = self.forms.get(pattern)?;
        let matched = &text[range.clone()];
        // Exactly right.
        for form in forms {
            if let FormKind::Correct { role, surface, .. } = &form.kind
                && surface == matched
            {
                let hit = Hit {
                    range,
                    product: form.product,
                    verdict: Verdict::Correct { role: *role },
                };
                return Some((hit, false));
            }
        }
        let form = forms.first()?;
        match &form.kind {
            FormKind::Correct { role, surface, fix } => {
                if *role == Role::Term {
                    // "Opensearch": a coinage among the terms keeps its capitals too; in
                    // lower case it is a package or an identifier.
                    let miscased = is_coinage(surface)
                        && matched.chars().any(char::is_uppercase)
                        && !looks_like_identifier(text, &range);
                    let hit = Hit {
                        range,
                        product: None,
                        verdict: Verdict::Wrong {
                            replacement: fix.clone(),
                            reason: WrongReason::Case,
                        },
                    };
                    return miscased.then_some((hit, false));
                }
                if form.head > 0 && form.head < matched.len() && matched.is_char_boundary(form.head)
                {
                    // "CloudWatch alarms", "Cognito User Pools": the feature's trailing
                    // words are common nouns whatever their case; only the product part
                    // can be wrong.
                    if matched[..form.head] == surface[..form.head] {
                        // ... unless the trailing words are a coinage ("Bedrock Agentcore",
                        // "SageMaker Hyperpod"): no common noun is spelled so.
                        let tail = surface[form.head..].trim_start();
                        if is_plain(tail) || !tail.chars().any(|c| c.is_ascii_lowercase()) {
                            return None;
                        }
                        let hit = Hit {
                            range,
                            product: form.product,
                            verdict: Verdict::Wrong {
                                replacement: fix.clone(),
                                reason: WrongReason::Case,
                            },
                        };
                        return Some((hit, false));
                    }
                    return self.judge_prefix(text, range.start..range.start + form.head);
                }
                let (reason, needs_context) = if form.plain && lowercase_name_in_prose(text, &range)
                {
                    (WrongReason::LowerCase, false)
                } else {
                    (WrongReason::Case, self.plausible_slip(form, text, &range)?)
                };
                let replacement = shape_fix(text, &range, fix, form, self.product(form));
                let hit = Hit {
                    range,
                    product: form.product,
                    verdict: Verdict::Wrong {
                        replacement,
                        reason,
                    },
                };
                Some((hit, needs_context))
            }
            FormKind::Wrong { fix, reason } => {
                if names_a_former_name(text, &range)
                    || form.prefixed && glued_to_a_word(text, &range)
                {
                    return None;
                }
                let needs_context = self.plausible_slip(form, text, &range)?;
                if *reason == WrongReason::MissingPrefix
                    && !bare_full_name_in_prose(text, &range, fix, form.plain)
                {
                    return None;
                }
                let mut replacement = shape_fix(text, &range, fix, form, self.product(form));
                // "the AWS Athena console": the console is named by the short name alone.
                if form.prefixed
                    && before_console(text, range.end)
                    && let Some(product) = self.product(form)
                {
                    replacement = product.fix_for_short(false);
                }
                let hit = Hit {
                    range,
                    product: form.product,
                    verdict: Verdict::Wrong {
                        replacement,
                        reason: *reason,
                    },
                };
                Some((hit, needs_context))
            }
            FormKind::Renamed { old, fix, date } => {
                // "the AWS single sign-on endpoint": an old name in lower case is a phrase.
                let name_part = strip_any_prefix(matched).unwrap_or(matched);
                let lower = !name_part.chars().any(|c| c.is_uppercase());
                let inexact = form.exact.as_ref().is_some_and(|e| e != matched);
                if lower
                    || inexact
                    || is_historical_mention(text, &range, fix)
                    || looks_like_cli(matched)
                    || inside_title(text, &range)
                {
                    return None;
                }
                // "Amazon Elastic MapReduce (Amazon EMR)": the old name glossed with the
                // current one; the pair becomes the current name.
                let mut range = range;
                let mut replacement = fix.clone();
                // A bare abbreviation in the parentheses ("AWS Fault Injection Simulator
                // (FIS)") stays: the current full name then glosses it, as a first mention
                // should; one the current name already ends with ("Elastic MapReduce
                // (EMR)") would repeat it.
                if let Some(product) = self.product(form)
                    && let Some((gloss, end)) = parenthesised_after(text, range.end)
                    && product_names(product).any(|n| n == gloss)
                    && (strip_any_prefix(gloss).is_some() || fix.ends_with(gloss))
                {
                    replacement = if strip_any_prefix(gloss).is_some() {
                        gloss.to_string()
                    } else {
                        fix.clone()
                    };
                    range.end = end;
                }
                let hit = Hit {
                    range,
                    product: form.product,
                    verdict: Verdict::Renamed {
                        old: old.clone(),
                        replacement,
                        date: date.clone(),
                    },
                };
                Some((hit, false))
            }
        }
    }

    /// A form taken only in exact capitals ("CloudWatch Log", a singular) that did not
    /// match hides the shorter name inside it ("Cloudwatch Log Group"): judge that instead.
    fn judge_shorter(
        &self,
        text: &str,
        range: Range<usize>,
        pattern: usize,
    ) -> Option<(Hit, bool)> {
        let exact_only = self
            .forms
            .get(pattern)?
            .first()
            .is_some_and(|f| f.exact.is_some());
        if !exact_only {
            return None;
        }
        let cut = text[range.clone()].rfind(' ')?;
        let head = range.start..range.start + cut;
        let (shorter, pattern) = self.longest_key_at(text, head)?;
        if !is_word_boundary(text, &shorter) {
            return None;
        }
        self.judge(text, shorter.clone(), pattern)
            .or_else(|| self.judge_shorter(text, shorter, pattern))
    }

    /// Judges the product-name part of a longer hit on its own.
    fn judge_prefix(&self, text: &str, head: Range<usize>) -> Option<(Hit, bool)> {
        let pattern = self.pattern_of(text.get(head.clone())?)?;
        self.judge(text, head, pattern)
    }

    /// The pattern whose key `written` is, case aside (ASCII only, as the automaton).
    fn pattern_of(&self, written: &str) -> Option<usize> {
        self.patterns.get(&written.to_ascii_lowercase()).copied()
    }

    /// The longest key that `text[range]` starts with, as an anchored search would find:
    /// asked for rarely (the part of a hit), so looking keys up beats a second automaton
    /// start state, which costs its build on every run.
    fn longest_key_at(&self, text: &str, range: Range<usize>) -> Option<(Range<usize>, usize)> {
        let written = text.get(range.clone())?;
        (1..=written.len().min(self.longest_key))
            .rev()
            .filter(|&end| written.is_char_boundary(end))
            .find_map(|end| {
                let pattern = self.pattern_of(&written[..end])?;
                Some((range.start..range.start + end, pattern))
            })
    }

    fn product(&self, form: &Form) -> Option<&Product> {
        form.product.and_then(|i| self.products.get(i))
    }

    /// Whether a hit that is not exactly a correct form is a slip in writing a product
    /// name rather than an ordinary word, a command or an identifier: `None` when it is
    /// not, otherwise whether it counts only where the text is about AWS.
    fn plausible_slip(&self, form: &Form, text: &str, range: &Range<usize>) -> Option<bool> {
        let matched = &text[range.clone()];
        let has_upper = matched.chars().any(|c| c.is_uppercase());
        if form.glued {
            // "secretsmanager", "XRAY TraceId", "AWS autoscaling": a namespace, a key or a
            // common noun, not the name run together.
            let name_part = strip_any_prefix(matched).unwrap_or(matched);
            let all_upper = !name_part.chars().any(|c| c.is_lowercase());
            let lower = !name_part.chars().any(|c| c.is_uppercase());
            let common = COMMON_NOUNS.contains(&name_part.to_ascii_lowercase())
                && !has_camel_hump(name_part);
            if lower || all_upper || common {
                return None;
            }
        }
        if form.glued && !form.prefixed {
            // "Xray": run together, an ordinary word ("X-ray") still reads as itself outside
            // a text about AWS; "XRay", in the name's own capitals, does not.
            let own_capitals = self
                .product(form)
                .is_some_and(|p| p.bare_name().replace([' ', '-'], "") == matched);
            if !own_capitals && self.product(form).is_some_and(|p| p.homograph) {
                return Some(true);
            }
        }
        if let Some(exact) = &form.exact {
            let name = |s: &'_ str| strip_any_prefix(s).unwrap_or(s).to_string();
            if name(matched) != name(exact) || looks_like_cli(matched) {
                return None;
            }
            // "Amazon Virtual Private Clouds (VPCs)": the plural defines the resource.
            let defines_plural = parenthesised_after(text, range.end).is_some_and(|(inner, _)| {
                inner.ends_with('s') && is_abbreviation(&inner[..inner.len() - 1])
            });
            if defines_plural {
                return None;
            }
            if !form.prefixed && after_other_vendor(text, range.start) {
                return None;
            }
            // "AWS Organization ID", "AWS Organization Formation": a longer name.
            let next_capitalised = text[range.end..]
                .strip_prefix(' ')
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_uppercase);
            if !name(exact).contains(' ') && next_capitalised {
                return None;
            }
            // "Step Function" is two ordinary words, "Kinesis Data Stream" is not; four
            // capitalised words that all but spell a name ("System Manager Parameter
            // Store") are that name, whatever the page is about.
            let ordinary = self.product(form).is_none_or(|p| p.homograph)
                && name(matched).split(' ').count() < 4;
            return Some(!form.prefixed && ordinary);
        }
        if form.prefixed {
            // `aws s3 cp`, `aws lambda invoke`: a CLI command, not prose.
            if looks_like_cli(matched) {
                return None;
            }
            // "AWS service quotas", "contact AWS support", "the AWS config file": lower-case
            // ordinary words after the prefix describe, they do not name.
            let name_part = strip_any_prefix(matched).unwrap_or(matched);
            let lower = !name_part.chars().any(|c| c.is_uppercase());
            // "Amazon inspector", "Amazon textract": after "Amazon", one lower-case word
            // that is the product's whole name describes nothing; it is the name miscased.
            let miscased_amazon_name = matched.starts_with("Amazon ")
                && !name_part.contains(' ')
                && self.product(form).is_some_and(|p| {
                    p.prefix == "Amazon" && p.bare_name().eq_ignore_ascii_case(name_part)
                });
            return (!(form.plain && lower) || miscased_amazon_name).then_some(false);
        }
        if form.split_coinage {
            // "Cloud Formation", "dynamo db": a coinage split into words. In lower case
            // only a split no English phrase makes ("dynamo db", "cloud watch logs").
            if after_other_vendor(text, range.start) {
                return None;
            }
            // A piece no word is ("Dynamo DB", "dynamo db") tells on its own.
            let words: Vec<&str> = matched.split(' ').collect();
            let telling = words.iter().any(|w| w.len() <= 2);
            if !has_upper {
                let telling = telling || words.len() >= 3;
                return (telling && !looks_like_identifier(text, range)).then_some(!telling);
            }
            // "Cloud Trail", "Code Pipeline": every piece capitalised, as the name is, tells
            // too, unless the pieces are a phrase AWS's own pages use ("Event Bridge").
            let capitalised = words
                .iter()
                .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()));
            let common = COMMON_NOUNS.contains(&matched.to_ascii_lowercase());
            return Some(!(telling || (capitalised && !common)));
        }
        if !has_upper {
            // "s3" or "ec2" in lower case is an identifier in real documents (a value in a
            // table, a quoted key, a variable) unless it stands in running prose.
            return (!form.plain && !looks_like_identifier(text, range)).then_some(false);
        }
        if !form.plain {
            return Some(false);
        }
        // Ordinary words: "Lambda" miscased, "Transit gateway" at the start of a sentence,
        // "an API gateway" are common nouns; "we use Step functions" is a slip in a name.
        let multi_word = matched.contains(' ');
        let all_upper = matched
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase());
        if !multi_word || all_upper {
            return None;
        }
        let first_upper = matched.chars().next().is_some_and(|c| c.is_uppercase());
        let rest_lower = !matched
            .split(' ')
            .skip(1)
            .any(|w| w.chars().next().is_some_and(|c| c.is_uppercase()));
        let previous = previous_word(text, range.start);
        let after_article =
            previous.is_some_and(|w| matches!(w.to_ascii_lowercase().as_str(), "a" | "an"));
        // "API gateway", "User notifications": common nouns too, so the text itself must
        // be about AWS, not just the page.
        if !first_upper || after_article || after_other_vendor(text, range.start) {
            return None;
        }
        if rest_lower && at_sentence_start(text, range.start) {
            // "Step functions evaluates …": the sentence's capital hides the name's lower-case
            // second word. The name itself written so is the product in a text about AWS,
            // unless AWS uses the phrase as a common noun ("Transit gateway attachments …").
            let is_name = matches!(form.kind, FormKind::Correct { .. });
            let common = COMMON_NOUNS.contains(&matched.to_ascii_lowercase());
            // "**Elastic inference**: An accelerator …": a console field being described.
            let label = text[range.end..].starts_with(':');
            // The paragraph itself must name AWS: on a page about AWS, "Step functions in
            // mathematics …" is still the maths.
            return (is_name && !common && !label && mentions_aws(text)).then_some(true);
        }
        if rest_lower && !mentions_aws(text) {
            return None;
        }
        Some(true)
    }

    /// "AWS Lamda", "Cloudwach": a word one edit away from a product name, either right
    /// after "AWS"/"Amazon" or, unprefixed, when the name is a coinage ("CloudWatch")
    /// that no English word is that close to.
    fn find_near_misses(&self, text: &str, hits: &mut Vec<Hit>) {
        if self.near.is_empty() {
            return;
        }
        // Only capitalised words can be near misses, so scan bytes for them rather than
        // splitting the whole text into words: this runs over every line of every file.
        let is_word_byte = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
        let bytes = text.as_bytes();
        let mut new_hits = Vec::new();
        let mut next_hit = 0;
        let mut last_covered_end = 0;
        let mut i = 0;
        while i < bytes.len() {
            let starts_word =
                bytes[i].is_ascii_uppercase() && (i == 0 || !is_word_byte(bytes[i - 1]));
            if !starts_word {
                i += 1;
                continue;
            }
            let mut end = i + 1;
            while end < bytes.len() && is_word_byte(bytes[end]) {
                end += 1;
            }
            let word = i..end;
            i = end;
            while let Some(hit) = hits.get(next_hit)
                && hit.range.end <= word.start
            {
                last_covered_end = last_covered_end.max(hit.range.end);
                next_hit += 1;
            }
            let inside_hit = hits
                .get(next_hit)
                .is_some_and(|c| c.range.start < word.end && word.start < c.range.end);
            if inside_hit || word.len() < 4 || !text.is_char_boundary(word.end) {
                continue;
            }
            let before = &text[..word.start];
            let prefix = ["AWS ", "Amazon "].iter().find_map(|p| {
                let start = before.strip_suffix(p).map(str::len)?;
                let boundary = start == 0 || !is_word_byte(bytes[start - 1]);
                (boundary && start >= last_covered_end).then(|| start..word.start - 1)
            });
            if let Some(hit) = self.near_miss(text, word, prefix) {
                new_hits.push(hit);
            }
        }
        if !new_hits.is_empty() {
            hits.extend(new_hits);
            hits.sort_by_key(|h| h.range.start);
        }
    }

    fn near_miss(
        &self,
        text: &str,
        word: Range<usize>,
        prefix: Option<Range<usize>>,
    ) -> Option<Hit> {
        let token = &text[word.clone()];
        let initial = token.chars().next()?.to_ascii_lowercase();
        let candidates = self.near.get(&initial)?;
        let lower = token.to_ascii_lowercase();
        let mut best: Option<&NearName> = None;
        for candidate in candidates {
            if prefix.is_none() && (!candidate.distinctive || lower.len() < 7) {
                continue;
            }
            if candidate.lower.len().abs_diff(lower.len()) > 1 {
                continue;
            }
            // Edits that only add or drop digits ("Cloud" for "Cloud9") are other words.
            let strip = |s: &str| s.replace(|c: char| c.is_ascii_digit(), "");
            if one_edit_apart(&candidate.lower, &lower) && strip(&candidate.lower) != strip(&lower)
            {
                best = Some(candidate);
                break;
            }
        }
        let candidate = best?;
        // Checked only for the rare word that is one edit from a name.
        if in_code_token(text, &word) || self.terms_lower.contains(&lower) {
            return None;
        }
        if let Some(p) = &prefix {
            let phrase = text[p.start..word.end].to_ascii_lowercase();
            if self.terms_lower.contains(&phrase) {
                return None;
            }
        }
        let product = self.products.get(candidate.product)?;
        let mut end = word.end;
        if !candidate.rest.is_empty() {
            let after = text.get(word.end..)?;
            let rest = after.strip_prefix(' ')?;
            if !rest.starts_with(&candidate.rest) {
                return None;
            }
            end = word.end + 1 + candidate.rest.len();
        }
        let start = prefix.as_ref().map_or(word.start, |p| p.start);
        let replacement = product.fix_for_short(prefix.is_some());
        Some(Hit {
            range: start..end,
            product: Some(candidate.product),
            verdict: Verdict::Wrong {
                replacement,
                reason: WrongReason::NearMiss,
            },
        })
    }
}

/// Lower-case keys in insertion order, each with its forms; correct forms come first.
#[derive(Default)]
struct FormTable {
    index: HashMap<String, usize>,
    keys: Vec<String>,
    forms: Vec<Vec<Form>>,
}

impl FormTable {
    fn add(&mut self, surface: &str, form: Form) {
        let key = surface.to_ascii_lowercase();
        if key.trim().is_empty() {
            return;
        }
        let slot = match self.index.get(&key) {
            Some(&slot) => slot,
            None => {
                self.keys.push(key.clone());
                self.forms.push(Vec::new());
                self.index.insert(key, self.keys.len() - 1);
                self.keys.len() - 1
            }
        };
        let existing = &mut self.forms[slot];
        let rank = form.rank();
        let best = existing.iter().map(Form::rank).max().unwrap_or(0);
        if rank > best {
            // Explicit data beats derivation: a correct form hides every wrong reading of
            // the same letters, a recorded rename or misspelling hides a derived variant.
            existing.clear();
            existing.push(form);
        } else if rank == best && rank == Form::CORRECT {
            existing.push(form);
        }
    }

    fn into_parts(self) -> (Vec<String>, Vec<Vec<Form>>, HashMap<String, usize>) {
        (self.keys, self.forms, self.index)
    }
}

impl Form {
    const CORRECT: u8 = 5;

    /// Which reading wins when two forms share the same letters: explicit data beats
    /// derivation, and a derivation that keeps the letters ("AWS QuickSight", a swapped
    /// prefix) beats one that moves spaces ("Quick Sight" joined).
    fn rank(&self) -> u8 {
        match &self.kind {
            FormKind::Correct { .. } => Form::CORRECT,
            FormKind::Renamed { .. } => 4,
            FormKind::Wrong {
                reason: WrongReason::Known,
                ..
            } => 3,
            FormKind::Wrong {
                reason: WrongReason::Spacing,
                ..
            } => 1,
            FormKind::Wrong { .. } => 2,
        }
    }
}

fn correct(product: usize, plain: bool, role: Role, surface: &str, fix: &str) -> Form {
    Form {
        product: Some(product),
        kind: FormKind::Correct {
            role,
            surface: surface.to_string(),
            fix: fix.to_string(),
        },
        prefixed: starts_with_prefix(surface),
        plain,
        head: 0,
        split_coinage: false,
        exact: None,
        glued: false,
    }
}

/// Whether a name (without prefix) is made of ordinary words: letters only, no inner
/// capitals ("CloudWatch"), no digits ("S3"), and not a lone acronym ("EBS").
pub fn is_plain(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    let lone_acronym = words.len() == 1 && words[0].chars().all(|c| c.is_ascii_uppercase());
    !lone_acronym
        && words.iter().all(|word| {
            let chars: Vec<char> = word.chars().collect();
            chars.iter().all(|c| c.is_alphabetic() || *c == '-')
                && !chars
                    .windows(2)
                    .any(|w| w[0].is_lowercase() && w[1].is_uppercase())
        })
}

/// The product's own names that its features are built on ("Amazon CloudWatch",
/// "CloudWatch"), longest first.
fn product_heads(product: &Product) -> Vec<String> {
    let bare = product.bare_name();
    let mut heads = vec![
        product.canonical.clone(),
        product.short.clone(),
        bare.to_string(),
    ];
    if !product.prefix.is_empty() {
        heads.push(format!("{} {}", product.prefix, bare));
    }
    heads.dedup();
    heads
}

/// Length of the longest product name that starts `surface` and is followed by more words
/// ("Amazon CloudWatch" in "Amazon CloudWatch Logs"), or 0.
fn head_len(surface: &str, heads: &HashSet<String>) -> usize {
    surface
        .rmatch_indices(' ')
        .map(|(i, _)| i)
        .find(|&i| heads.contains(&surface[..i]))
        .unwrap_or(0)
}

/// A feature name with the prefix it carries: listed with one, or inheriting the product's
/// when it starts with the product's bare name ("CloudWatch RUM" → "Amazon CloudWatch RUM").
fn alias_parts<'a>(alias: &'a str, product: &Product) -> (String, &'a str) {
    if let Some(rest) = strip_any_prefix(alias) {
        let prefix = &alias[..alias.len() - rest.len() - 1];
        return (prefix.to_string(), rest);
    }
    let bare = product.bare_name();
    let inherits = alias == bare || alias.starts_with(&format!("{bare} "));
    let prefix = if inherits {
        product.prefix.clone()
    } else {
        String::new()
    };
    (prefix, alias)
}

fn joined(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix} {name}")
    }
}

fn add_correct_forms(
    table: &mut FormTable,
    index: usize,
    product: &Product,
    heads: &HashSet<String>,
) {
    let add = |table: &mut FormTable, surface: &str, mut form: Form| {
        form.head = head_len(surface, heads);
        table.add(surface, form);
    };
    let bare = product.bare_name();
    let plain = product.homograph || is_plain(bare);
    let canonical_bare = strip_prefix(&product.canonical, &product.prefix);
    let canonical_plain = product.homograph || is_plain(canonical_bare);
    add(
        table,
        &product.canonical,
        correct(
            index,
            canonical_plain,
            Role::Canonical,
            &product.canonical,
            &product.canonical,
        ),
    );
    add(
        table,
        &product.short,
        correct(index, plain, Role::Short, &product.short, &product.short),
    );
    if !product.prefix.is_empty() {
        // The product's own prefix before its bare name is always right ("AWS IAM").
        let prefixed = joined(&product.prefix, bare);
        add(
            table,
            &prefixed,
            correct(index, plain, Role::Short, &prefixed, &prefixed),
        );
    }
    add(table, bare, correct(index, plain, Role::Bare, bare, bare));
    // "DynamoDB Accelerator", "Systems Manager Incident Manager": a full name built on
    // another product's name reads right without the prefix, like a feature name.
    if canonical_bare != bare && head_len(canonical_bare, heads) > 0 {
        add(
            table,
            canonical_bare,
            correct(
                index,
                canonical_plain,
                Role::Alias,
                canonical_bare,
                canonical_bare,
            ),
        );
    }
    for alias in &product.aliases {
        let (prefix, alias_bare) = alias_parts(alias, product);
        let full = joined(&prefix, alias_bare);
        let alias_plain = product.homograph || is_plain(alias_bare);
        for surface in [full.as_str(), alias_bare, alias.as_str()] {
            add(
                table,
                surface,
                correct(index, alias_plain, Role::Alias, surface, surface),
            );
        }
    }
}

/// A correct name that wrong forms are derived from, with what each register of slip
/// becomes (the fix policy: see [`Product::fix_for_short`]).
struct Base {
    text: String,
    own_prefix: String,
    /// The fix for a slip written without a prefix.
    fix_bare: String,
    /// The fix for a slip written with one.
    fix_prefixed: String,
    /// The full name without its prefix ("Elastic Container Service").
    full: bool,
}

fn add_wrong_forms(
    table: &mut FormTable,
    index: usize,
    product: &Product,
    resource_words: &HashSet<&str>,
) {
    let bare = product.bare_name();
    let wrong = |surface: &str, fix: &str, reason: WrongReason, plain: bool| Form {
        product: Some(index),
        kind: FormKind::Wrong {
            fix: fix.to_string(),
            reason,
        },
        prefixed: starts_with_prefix(surface),
        plain,
        head: 0,
        split_coinage: false,
        exact: None,
        glued: false,
    };

    let mut bases = vec![Base {
        text: bare.to_string(),
        own_prefix: product.prefix.clone(),
        fix_bare: product.fix_for_short(false),
        fix_prefixed: product.fix_for_short(true),
        full: false,
    }];
    let canonical_bare = strip_prefix(&product.canonical, &product.prefix);
    if canonical_bare != bare {
        // The full name without its prefix is itself the slip, so it becomes the full name.
        bases.push(Base {
            text: canonical_bare.to_string(),
            own_prefix: product.prefix.clone(),
            fix_bare: product.canonical.clone(),
            fix_prefixed: product.canonical.clone(),
            full: true,
        });
        if !product.prefix.is_empty() {
            let plain = product.homograph || is_plain(canonical_bare);
            table.add(
                canonical_bare,
                wrong(
                    canonical_bare,
                    &product.canonical,
                    WrongReason::MissingPrefix,
                    plain,
                ),
            );
        }
    }
    for alias in &product.aliases {
        let (prefix, alias_bare) = alias_parts(alias, product);
        // A prefix on an alias that has none: the full name when the alias is its last
        // word ("AWS Firehose" → "Amazon Data Firehose"), else the alias without it
        // ("AWS Session Manager" → "Session Manager").
        let fix_prefixed = if !prefix.is_empty() {
            joined(&prefix, alias_bare)
        } else if !product.prefix.is_empty() && product.canonical.ends_with(alias_bare) {
            product.canonical.clone()
        } else {
            alias_bare.to_string()
        };
        bases.push(Base {
            text: alias_bare.to_string(),
            own_prefix: prefix.clone(),
            fix_bare: alias_bare.to_string(),
            fix_prefixed,
            full: false,
        });
    }

    for base in &bases {
        let coinage = !is_plain(&base.text);
        let several_words = base.text.contains(' ');
        let mut spellings = vec![(base.text.clone(), WrongReason::Case, None)];
        spellings.extend(
            spacing_variants(&base.text)
                .into_iter()
                .map(|v| (v, WrongReason::Spacing, None)),
        );
        for (variant, slip) in number_variants(&base.text) {
            // A last word listed as a resource made singular is that resource ("an
            // Outpost").
            let last_word = base.text.rsplit(' ').next().unwrap_or_default();
            if slip == NumberSlip::LastSingular && resource_words.contains(last_word) {
                continue;
            }
            let reason = if slip == NumberSlip::LastPlural {
                WrongReason::Plural
            } else {
                WrongReason::Number
            };
            spellings.push((variant, reason, Some(slip)));
        }
        // Split and made plural at once ("AWS Code Pipelines").
        let split_plurals: Vec<_> = spellings
            .iter()
            .filter(|(v, kind, _)| *kind == WrongReason::Spacing && v.contains(' '))
            .flat_map(|(v, _, _)| number_variants(v))
            .filter(|(_, slip)| *slip == NumberSlip::LastPlural)
            .map(|(v, slip)| (v, WrongReason::Plural, Some(slip)))
            .collect();
        spellings.extend(split_plurals);
        for (spelling, kind, slip) in &spellings {
            let glued = *kind == WrongReason::Spacing
                && !spelling.contains(' ')
                && (several_words || base.text.contains('-'));
            // "private link" is two ordinary words even though "PrivateLink" is a coinage.
            let plain = !glued && (product.homograph || is_plain(spelling));
            let shaped = |surface: &str, fix: &str, reason: WrongReason| {
                let mut form = wrong(surface, fix, reason, plain);
                form.split_coinage = *kind == WrongReason::Spacing && coinage && plain;
                form.glued = glued;
                if slip.is_some() {
                    form.exact = Some(surface.to_string());
                }
                form
            };
            // Unprefixed, a plural is the writer's count of the product's resources ("two
            // API Gateways"), unless it is the full name ("Elastic Container Services"); a
            // one-word name made singular is its resource ("an Organization").
            let unprefixed = match slip {
                Some(NumberSlip::LastPlural) => {
                    base.full
                        && !product.prefix.is_empty()
                        && base.text.split(' ').count() >= 3
                        && *kind == WrongReason::Plural
                }
                Some(NumberSlip::LastSingular) => several_words,
                _ => true,
            };
            if *kind != WrongReason::Case && unprefixed {
                table.add(spelling, shaped(spelling, &base.fix_bare, *kind));
            }
            for prefix in PREFIXES {
                let surface = format!("{prefix} {spelling}");
                let reason = if *kind != WrongReason::Case {
                    *kind
                } else if base.own_prefix.is_empty() {
                    WrongReason::AddedPrefix
                } else if base.own_prefix != prefix {
                    WrongReason::SwappedPrefix
                } else {
                    continue;
                };
                table.add(&surface, shaped(&surface, &base.fix_prefixed, reason));
            }
        }
    }

    for known in &product.wrong {
        // "Amazon GroundTruth => Amazon SageMaker Ground Truth": a slip whose fix is
        // another of the product's names than the policy would pick.
        let (known, explicit) = match known.split_once("=>") {
            Some((w, f)) => (w.trim(), Some(f.trim())),
            None => (known.as_str(), None),
        };
        let prefixed = starts_with_prefix(known);
        let policy = product.fix_for_short(prefixed);
        let fix = explicit.unwrap_or_else(|| closest(known, &[&policy, &product.canonical]));
        let name_part = strip_any_prefix(known).unwrap_or(known);
        let plain = product.homograph || is_plain(name_part);
        // "Amazon Managed Prometheus" listed: "AWS Managed Prometheus" is the same slip.
        let surfaces: Vec<String> = if prefixed {
            PREFIXES
                .iter()
                .map(|p| format!("{p} {name_part}"))
                .collect()
        } else {
            vec![known.to_string()]
        };
        for surface in &surfaces {
            let mut form = wrong(surface, fix, WrongReason::Known, plain);
            // "Step Function", "NICE DCV": ordinary words are this slip only in its capitals.
            if is_plain(name_part) {
                form.exact = Some(surface.clone());
            }
            table.add(surface, form);
        }
    }

    for rename in &product.renamed_from {
        for (old, is_short) in [(&rename.name, false), (&rename.short, true)] {
            if old.is_empty() {
                continue;
            }
            let renamed = |surface: &str, exact: bool| Form {
                product: Some(index),
                kind: FormKind::Renamed {
                    old: old.clone(),
                    // An old short name becomes the current short name; an old full name
                    // the current full name, prefixed as the writer prefixed it.
                    fix: if is_short {
                        product.short.clone()
                    } else {
                        product.fix_for_full(starts_with_prefix(surface))
                    },
                    date: rename.date.clone(),
                },
                prefixed: starts_with_prefix(surface),
                plain: false,
                head: 0,
                split_coinage: false,
                exact: exact.then(|| surface.to_string()),
                glued: false,
            };
            // Every spelling of the old name is the old name: split or joined words, a
            // hyphen dropped ("Single Sign On"), a last word made singular ("CloudWatch Event
            // rule"), taken in the old name's capitals where they are ordinary words.
            let spellings = |name: &str| -> Vec<(String, bool)> {
                let mut all = vec![(name.to_string(), false)];
                all.extend(spacing_variants(name).into_iter().map(|v| (v, false)));
                all.extend(
                    number_variants(name)
                        .into_iter()
                        .filter(|(_, slip)| *slip != NumberSlip::LastPlural)
                        .map(|(v, _)| (v, true)),
                );
                all
            };
            for (spelling, exact) in spellings(old) {
                table.add(&spelling, renamed(&spelling, exact));
            }
            // "AWS ACM PCA": an old short name without a prefix, given one.
            if is_short && !starts_with_prefix(old) {
                for (spelling, exact) in spellings(old) {
                    for prefix in PREFIXES {
                        let prefixed = format!("{prefix} {spelling}");
                        table.add(&prefixed, renamed(&prefixed, exact));
                    }
                }
            }
            if let Some(old_bare) = strip_any_prefix(old) {
                for (spelling, exact) in spellings(old_bare) {
                    for prefix in PREFIXES {
                        let swapped = format!("{prefix} {spelling}");
                        table.add(&swapped, renamed(&swapped, exact));
                    }
                }
                // A coinage stays recognisable without its prefix ("CodeWhisperer", "Elastic
                // MapReduce"), and so does a name with a code in it ("EC2 Container Service")
                // or of four words or more in its capitals ("Kinesis Data Analytics for
                // Apache Flink"); a short plain phrase ("Single
                // Sign-On", "Elasticsearch Service") is a generic term or another vendor's
                // name, and "Kinesis Data Analytics" also names the SQL flavour, which kept
                // its name (a correct form of that record hides this one).
                let words: Vec<&str> = old_bare.split(' ').collect();
                let has_coinage = words.iter().any(|w| has_camel_hump(w));
                let has_code = words.iter().any(|w| {
                    w.len() >= 2
                        && w.chars().any(|c| c.is_ascii_digit())
                        && w.chars()
                            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                });
                let long = words.len() >= 4;
                if has_coinage || has_code || long {
                    let exact_only = !has_coinage && !has_code;
                    for (spelling, exact) in spellings(old_bare) {
                        table.add(&spelling, renamed(&spelling, exact || exact_only));
                    }
                }
            }
        }
    }
}

/// The best of `options` for a hand-listed wrong form: the long name for a long slip
/// ("Amazon Simple Storage Services"), the short one otherwise.
fn closest<'a>(wrong: &str, options: &[&'a String]) -> &'a str {
    let wrong = wrong.to_ascii_lowercase();
    options
        .iter()
        .map(|o| {
            (
                o.as_str(),
                strsim::jaro_winkler(&wrong, &o.to_ascii_lowercase()),
            )
        })
        .fold(None, |best: Option<(&str, f64)>, (o, score)| match best {
            Some((_, s)) if s >= score => best,
            _ => Some((o, score)),
        })
        .map_or("", |(o, _)| o)
}

/// "MapReduce", "CodeWhisperer": a capital right after a small letter ("Sign-On" has none).
fn has_camel_hump(word: &str) -> bool {
    word.as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
}

fn is_coinage(name: &str) -> bool {
    !name.contains(' ')
        && name.chars().skip(1).any(|c| c.is_ascii_uppercase())
        && name.chars().any(|c| c.is_ascii_lowercase())
}

fn starts_with_prefix(surface: &str) -> bool {
    strip_any_prefix(surface).is_some()
}

fn strip_any_prefix(name: &str) -> Option<&str> {
    PREFIXES.iter().find_map(|p| {
        name.strip_prefix(p)
            .and_then(|rest| rest.strip_prefix(' '))
            .filter(|rest| !rest.is_empty())
    })
}

/// `aws s3 cp`, `aws lambda invoke`: lower-case `aws` followed by a lower-case service.
fn looks_like_cli(matched: &str) -> bool {
    matched.starts_with("aws ") && !matched.chars().any(|c| c.is_uppercase())
}

/// Shapes the fix for a miscased or misspelt hit: an unprefixed hit glued into a compound
/// ("Cloudwatch-based") keeps the bare name, so the fix reads "CloudWatch-based".
fn shape_fix(
    text: &str,
    range: &Range<usize>,
    fix: &str,
    form: &Form,
    product: Option<&Product>,
) -> String {
    let glued = text[..range.start].ends_with('-') || text[range.end..].starts_with('-');
    if glued
        && !form.prefixed
        && let Some(product) = product
    {
        return strip_prefix(fix, &product.prefix).to_string();
    }
    fix.to_string()
}

/// Whether the text names AWS itself ("AWS", "Amazon" as words), which makes a doubtful
/// slip in it a product name.
pub fn mentions_aws(text: &str) -> bool {
    ["AWS", "Amazon"].iter().any(|word| {
        text.match_indices(word).any(|(i, _)| {
            let range = i..i + word.len();
            is_word_boundary(text, &range)
        })
    })
}

/// "Creating and Configuring Amazon Elasticsearch Service Domains", "Lambda Simple Kinesis
/// Firehose Function": an old name with capitalised words on both sides is part of another
/// title (an old page's, a template's), quoted as it stands.
fn inside_title(text: &str, range: &Range<usize>) -> bool {
    let capitalised = |w: Option<&str>| {
        w.and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    };
    let next = text[range.end..]
        .strip_prefix(' ')
        .and_then(|rest| rest.split(|c: char| !c.is_alphanumeric()).next());
    let previous = previous_word(text, range.start);
    let article = previous.is_some_and(|w| matches!(w, "A" | "An" | "The"));
    !article && capitalised(previous) && capitalised(next)
}

/// "a Amazon IAM policy" → "an IAM policy": when the article before a wrong name does not
/// go with the fix, the finding takes the article in and corrects it too.
fn fix_article(text: &str, hit: &mut Hit) {
    let replacement = match &mut hit.verdict {
        Verdict::Wrong { replacement, .. } | Verdict::Renamed { replacement, .. } => replacement,
        Verdict::Correct { .. } => return,
    };
    let before = &text[..hit.range.start];
    let Some(head) = before.strip_suffix(' ') else {
        return;
    };
    let article_start = head.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
        i + head[i..].chars().next().map_or(1, char::len_utf8)
    });
    let article = &head[article_start..];
    let wants_an = starts_with_vowel_sound(replacement);
    let fixed = match article {
        "a" | "an" => {
            if wants_an {
                "an"
            } else {
                "a"
            }
        }
        "A" | "An" => {
            if wants_an {
                "An"
            } else {
                "A"
            }
        }
        _ => return,
    };
    if fixed != article {
        *replacement = format!("{fixed} {replacement}");
        hit.range.start = article_start;
    }
}

/// "an IAM", "an S3", "an Amazon", "a CloudWatch": the sound the name starts with.
fn starts_with_vowel_sound(name: &str) -> bool {
    let word = name.split(' ').next().unwrap_or_default();
    let Some(first) = word.chars().next() else {
        return false;
    };
    let acronym = word.len() >= 2
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if acronym {
        return "AEFHILMNORSX".contains(first);
    }
    let lower = word.to_ascii_lowercase();
    matches!(first.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o')
        || (lower.starts_with('u') && !lower.starts_with("uni") && !lower.starts_with("use"))
}

/// "… console": the slip names the product's console.
fn before_console(text: &str, end: usize) -> bool {
    text[end..]
        .strip_prefix(' ')
        .and_then(|rest| rest.get(..7))
        .is_some_and(|word| word.eq_ignore_ascii_case("console"))
}

/// `(X)` right after `end`: X and the end of the closing parenthesis.
fn parenthesised_after(text: &str, end: usize) -> Option<(&str, usize)> {
    let rest = text[end..].strip_prefix(" (")?;
    let close = rest.find(')')?;
    let inner = &rest[..close];
    let inner_end = end + 2 + close + 1;
    (!inner.is_empty() && close <= 64).then_some((inner, inner_end))
}

/// Every correct name of a product: full, short, bare, with its prefix.
fn product_names(product: &Product) -> impl Iterator<Item = String> + '_ {
    let bare = product.bare_name();
    [
        product.canonical.clone(),
        product.short.clone(),
        bare.to_string(),
        joined(&product.prefix, bare),
    ]
    .into_iter()
}

/// Other vendors' names that share words with AWS products ("GCP Secret Manager", "Azure
/// Event Grid"), one a line in `lexicon/other-vendors.txt`.
static OTHER_VENDORS: std::sync::LazyLock<HashSet<String>> = std::sync::LazyLock::new(|| {
    include_str!("../../lexicon/other-vendors.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_ascii_lowercase)
        .collect()
});

/// Other vendors' product names that are also slips in an AWS name ("Secret Manager"), one
/// a line in `lexicon/other-vendor-products.txt`.
static OTHER_VENDOR_PRODUCTS: std::sync::LazyLock<HashSet<String>> =
    std::sync::LazyLock::new(|| {
        include_str!("../../lexicon/other-vendor-products.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_ascii_lowercase)
            .collect()
    });

/// Lower-case phrases that AWS's own pages use as common nouns although they spell a
/// product's name ("transit gateway", "load balancer"), one a line in
/// `lexicon/common-nouns.txt`: at the start of a sentence they are not the name.
static COMMON_NOUNS: std::sync::LazyLock<HashSet<String>> = std::sync::LazyLock::new(|| {
    include_str!("../../lexicon/common-nouns.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_ascii_lowercase)
        .collect()
});

/// `lexicon/lowercase-names.toml`: single-word names whose lower-case form can be the
/// product miscased, and the words that make them ordinary terms.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct LowerCaseNames {
    names: HashSet<String>,
    generic_after: HashSet<String>,
    generic_before: HashSet<String>,
    languages: HashSet<String>,
}

/// Built in, and a unit test loads it: at run time it can only be the file the tests passed.
static LOWERCASE_NAMES: std::sync::LazyLock<LowerCaseNames> = std::sync::LazyLock::new(|| {
    toml::from_str(include_str!("../../lexicon/lowercase-names.toml")).unwrap_or_default()
});

/// "deploy the lambda function": one of the listed names, all in lower case, as a word of
/// running prose, not an identifier nor the ordinary term ("a Python lambda", "lambda
/// calculus").
fn lowercase_name_in_prose(text: &str, range: &Range<usize>) -> bool {
    let matched = &text[range.clone()];
    let lists = &*LOWERCASE_NAMES;
    if !lists.names.contains(matched) || looks_like_identifier(text, range) {
        return false;
    }
    let next = text[range.end..]
        .strip_prefix(' ')
        .and_then(|rest| rest.split(|c: char| !c.is_alphanumeric()).next())
        .map(str::to_ascii_lowercase);
    let previous = previous_word(text, range.start).map(str::to_ascii_lowercase);
    // "the lambda function in Python": the language named right after makes it the term.
    let after_end = ceil_char_boundary(text, (range.end + 24).min(text.len()));
    let language_after = text[range.end..after_end]
        .to_ascii_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '#' && c != '+')
        .any(|w| lists.languages.contains(w));
    !next.is_some_and(|w| lists.generic_after.contains(&w))
        && !previous
            .is_some_and(|w| lists.generic_before.contains(&w) || lists.languages.contains(&w))
        && !language_after
}

/// Whether the text names another vendor of `lexicon/other-vendors.txt` ("GCP", "Azure").
pub fn mentions_other_vendor(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 3 && w.len() <= 16)
        .any(|w| OTHER_VENDORS.contains(&w.to_ascii_lowercase()))
}

/// The word before `start` is another vendor's name: the words after it are that
/// vendor's product, not a slip in an AWS name.
fn after_other_vendor(text: &str, start: usize) -> bool {
    // The clause before the hit ("**GCP**: One-line Cloud Shell setup").
    let from = floor_char_boundary(text, start.saturating_sub(60));
    let clause = text[from..start]
        .rsplit(['.', ';', '!', '?'])
        .next()
        .unwrap_or_default();
    clause
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| !w.is_empty() && OTHER_VENDORS.contains(&w.to_ascii_lowercase()))
}

/// `lexicon/history-phrases.toml`: the words around an old name that make it history.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct HistoryPhrases {
    before: Vec<String>,
    after: Vec<String>,
    names_before: Vec<String>,
    pair_joiners: Vec<String>,
    not_a_prefix_before: Vec<String>,
}

/// "formerly known as \"AWS ALB Ingress Controller\"": what follows a phrase that gives
/// a former name is quoted history, whatever its spelling.
fn names_a_former_name(text: &str, range: &Range<usize>) -> bool {
    let before_start = floor_char_boundary(text, range.start.saturating_sub(32));
    let before = text[before_start..range.start]
        .to_ascii_lowercase()
        .trim_end_matches(['"', '\'', '“', '‘', '`', ' '])
        .to_string();
    let before = before.strip_suffix(" the").unwrap_or(&before).to_string();
    HISTORY_PHRASES
        .names_before
        .iter()
        .any(|p| before.ends_with(p.as_str()))
}

/// "Non-AWS S3 compatible": the prefix is part of another word.
fn glued_to_a_word(text: &str, range: &Range<usize>) -> bool {
    // Only the few bytes before the name: this runs for every wrong form found.
    let from = floor_char_boundary(text, range.start.saturating_sub(8));
    let before = text[from..range.start].to_ascii_lowercase();
    HISTORY_PHRASES
        .not_a_prefix_before
        .iter()
        .any(|p| before.ends_with(p.as_str()))
}

/// Built in, and a unit test loads it: at run time it can only be the file the tests passed.
static HISTORY_PHRASES: std::sync::LazyLock<HistoryPhrases> = std::sync::LazyLock::new(|| {
    toml::from_str(include_str!("../../lexicon/history-phrases.toml")).unwrap_or_default()
});

/// "formerly Amazon Elasticsearch Service", "Amazon ES (now OpenSearch Service)": an old
/// name used as history is correct.
/// Also "EventBridge (CloudWatch Events)": the old name in parentheses right after the
/// current one is given as a gloss.
fn is_historical_mention(text: &str, range: &Range<usize>, current_name: &str) -> bool {
    let before_start = floor_char_boundary(text, range.start.saturating_sub(48));
    // "OpenSearch Service (successor to Amazon Elasticsearch Service) as a Kinesis Data
    // Firehose destination": words that tell history speak of a name in their own clause.
    let clause_ends = |c: char| matches!(c, ')' | '.' | ';' | '!' | '?');
    let before = text[before_start..range.start].to_ascii_lowercase();
    let before = before
        .rfind(clause_ends)
        .map_or(before.as_str(), |at| &before[at + 1..])
        .to_string();
    let after_end = ceil_char_boundary(text, (range.end + 48).min(text.len()));
    let after = text[range.end..after_end].to_ascii_lowercase();
    let after = after
        .find(['.', ';', '!', '?'])
        .map_or(after.as_str(), |at| &after[..at])
        .to_string();
    let current = strip_any_prefix(current_name)
        .unwrap_or(current_name)
        .to_ascii_lowercase();
    let glossed = before
        .trim_end()
        .strip_suffix('(')
        .is_some_and(|b| b.trim_end().ends_with(&current));
    // "As of September 2021, Amazon Elasticsearch Service is Amazon OpenSearch Service."
    let stated = ["is ", "was "].iter().any(|verb| {
        after
            .trim_start()
            .strip_prefix(verb)
            .is_some_and(|rest| rest.contains(&current))
    });
    // "filters for both Amazon Elasticsearch Service and Amazon OpenSearch Service": the
    // old name beside the current one names the two.
    let paired = HISTORY_PHRASES.pair_joiners.iter().any(|joiner| {
        after
            .trim_start()
            .strip_prefix(joiner.as_str())
            .is_some_and(|rest| {
                // `after` is lower case: the prefixes are compared without case.
                let rest = PREFIXES
                    .iter()
                    .find_map(|p| {
                        rest.get(..p.len())
                            .filter(|head| head.eq_ignore_ascii_case(p))
                            .and_then(|_| rest[p.len()..].strip_prefix(' '))
                    })
                    .unwrap_or(rest);
                rest.starts_with(&current)
            })
            || before
                .trim_end()
                .strip_suffix(joiner.trim_end())
                .is_some_and(|b| b.trim_end().ends_with(&current))
    });
    glossed
        || stated
        || paired
        || HISTORY_PHRASES
            .before
            .iter()
            .any(|w| before.contains(w.as_str()))
        || HISTORY_PHRASES
            .after
            .iter()
            .any(|w| after.contains(w.as_str()))
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn ceil_char_boundary(text: &str, mut index: usize) -> usize {
    while index < text.len() && !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

/// A name must stand as whole words: "S3" in "MS3" or "EC2s" is something else.
fn is_word_boundary(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let joins = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    !joins(before) && !joins(after)
}

/// Whether the hit sits inside a token that is code rather than prose: a path or URL
/// (`/aws/lambda/`, `s3.amazonaws.com`), an ARN (`arn:aws:s3:::`), a CloudFormation
/// type (`AWS::S3::Bucket`), a package (`@aws-sdk/client-s3`, `aws-lambda`), a variable
/// (`AWS_REGION`, `$S3_BUCKET`), or a file name (`cloudwatch.json`).
fn in_code_token(text: &str, range: &Range<usize>) -> bool {
    let token_start = text[..range.start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let token_end = text[range.end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| range.end + i);
    let opening: &[char] = &['(', '[', '{', '"', '\'', '“', '‘', '*', '_', '<', '«'];
    let closing: &[char] = &[
        '.', ',', ';', ':', '!', '?', ')', ']', '}', '"', '\'', '”', '’', '*', '_', '>', '»',
    ];
    let before = text[token_start..range.start].trim_start_matches(opening);
    let after = text[range.end..token_end].trim_end_matches(closing);
    let after = after.strip_prefix("'s").unwrap_or(after);
    let after = after.strip_prefix("’s").unwrap_or(after);
    let codeish = |s: &str| {
        s.contains(['/', '\\', '@', '=', '$', '#', '{', '}', '<', '>', '|', '`'])
            || s.contains("::")
            || s.contains('_')
    };
    // "Cloudflare/AWS CloudFront", "S3/DynamoDB": a slash between two capitalised words
    // is an "or" in prose, not a path.
    // Only for a prefixed name: "ContainerInsights/Prometheus" is a metric namespace.
    let matched_upper = starts_with_prefix(&text[range.clone()]);
    let word_or = |s: &str, before_hit: bool| {
        let word = if before_hit {
            s.strip_suffix('/')
        } else {
            s.strip_prefix('/')
        };
        word.is_some_and(|w| {
            matched_upper
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
    };
    let before = if word_or(before, true) { "" } else { before };
    let after = if word_or(after, false) { "" } else { after };
    if codeish(before) || codeish(after) {
        return true;
    }
    // `arn:aws:s3`, `s3:GetObject`, `s3.amazonaws.com`, `cloudwatch.json`: a colon or a
    // dot glued to letters on the hit's side.
    let glued = |s: &str, at_end: bool| {
        let mut chars: Box<dyn Iterator<Item = char>> = if at_end {
            Box::new(s.chars().rev())
        } else {
            Box::new(s.chars())
        };
        matches!(chars.next(), Some('.' | ':')) && chars.next().is_some_and(|c| c.is_alphanumeric())
    };
    if glued(after, false) || glued(before, true) {
        return true;
    }
    // Lower-case hyphenated identifiers: `aws-lambda`, `ec2-user`, `amazon-s3-bucket`, and
    // a package name before a word ("the prefect-aws SDK").
    let matched = &text[range.clone()];
    let lower_hit = !matched.chars().any(|c| c.is_uppercase());
    let lower_start = matched.chars().next().is_some_and(|c| c.is_lowercase());
    let hyphens: &[char] = &['-', '\u{2010}', '\u{2011}'];
    (lower_hit && (before.ends_with(hyphens) || after.starts_with(hyphens)))
        || (lower_start && before.ends_with(hyphens))
}

/// The word just before `start`, if only spaces separate them.
fn previous_word(text: &str, start: usize) -> Option<&str> {
    let before = &text[..start];
    let trimmed = before.trim_end_matches(' ');
    if trimmed.len() == before.len() && !before.is_empty() {
        return None;
    }
    let word_start = trimmed
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &trimmed[word_start..];
    (!word.is_empty()).then_some(word)
}

/// At the start of the text, a sentence, a clause after a colon, or a table cell.
fn at_sentence_start(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    let before = before.trim_end_matches(['*', '_', '"', '\'', '“', '(', '[']);
    before.is_empty() || before.ends_with(['.', '!', '?', ':', '|', '—'])
}

/// A full name written without its prefix counts as a slip only when it is spelled
/// exactly, stands in running prose (the previous word is lower case, so it is neither a
/// title nor a label) and, when made of ordinary words, is not being defined (`Virtual
/// Private Cloud (VPC)`): otherwise it names the topic ("Identity and access management
/// for …"), not the product.
fn bare_full_name_in_prose(text: &str, range: &Range<usize>, full_name: &str, plain: bool) -> bool {
    let matched = &text[range.clone()];
    let exact = strip_any_prefix(full_name) == Some(matched);
    let mid_sentence = previous_word(text, range.start)
        .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase));
    let after = text[range.end..].trim_start();
    let defined = after.starts_with('(');
    // "Identity and Access Management for Amazon VPC": a title naming the topic.
    let titled = ["for ", "in ", "on ", "with "].iter().any(|joint| {
        after
            .strip_prefix(joint)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_uppercase()))
    });
    // "ECS (Elastic Container Service)": the name spelt out to gloss its own abbreviation
    // is the name in prose, wherever the sentence starts; an abbreviation of something
    // else ("see FAQ (Elastic Container Service)") says nothing about it.
    let initials: String = matched
        .split(' ')
        .filter_map(|word| word.chars().next().filter(char::is_ascii_uppercase))
        .collect();
    let glosses = after.starts_with(')')
        && text[..range.start]
            .strip_suffix('(')
            .map(str::trim_end)
            .and_then(|before| before.rsplit(' ').next())
            .is_some_and(|word| word.len() >= 2 && word == initials);
    // "a Virtual Private Cloud (VPC)" defines the concept; "an Elastic Kubernetes Service
    // (EKS) cluster" names the product without its prefix.
    exact && (mid_sentence || glosses) && !(defined && plain) && !titled
}

/// A lower-case hit used as a value rather than a name: quoted or emphasised (`"ec2"`,
/// `**s3**`), alone in its block (a table cell), or assigned or called (`s3 = …`).
fn looks_like_identifier(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let marker = |c: Option<char>| {
        matches!(
            c,
            Some('"' | '\'' | '*' | '_' | '`' | '“' | '”' | '‘' | '’' | '[' | ']')
        )
    };
    let next_symbol = text[range.end..].trim_start().chars().next();
    // "ecr - this helper …", "s3: the bucket …": a term being defined at the start.
    let defined =
        text[..range.start].trim().is_empty() && matches!(next_symbol, Some('-' | ':' | '—' | '–'));
    defined
        || marker(before)
        || marker(after)
        || text.trim() == &text[range.clone()]
        || matches!(next_symbol, Some('=' | '(' | '['))
        || previous_word(text, range.start)
            .is_some_and(|w| matches!(w, "var" | "let" | "const" | "new"))
}

/// Whether two words differ by exactly one edit: a letter replaced, added, dropped, or
/// two neighbours swapped ("Lamda", "Cloudwach", "Sagemkaer"). A bounded check: this runs
/// for every capitalised word, where a full edit-distance matrix would cost too much.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let common_start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let common_end = a[common_start..]
        .iter()
        .rev()
        .zip(b[common_start..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let rest_a = &a[common_start..a.len() - common_end];
    let rest_b = &b[common_start..b.len() - common_end];
    match (rest_a.len(), rest_b.len()) {
        (1, 1) | (1, 0) | (0, 1) => true,
        (2, 2) => rest_a[0] == rest_b[1] && rest_a[1] == rest_b[0],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_phrases_load() {
        let lists: HistoryPhrases =
            toml::from_str(include_str!("../../lexicon/history-phrases.toml")).unwrap();
        assert!(lists.before.iter().any(|w| w == "formerly"));
        assert!(
            lists.before.iter().any(|w| w == "former "),
            "the space is kept"
        );
        assert!(lists.after.iter().any(|w| w == "(now"));
    }

    #[test]
    fn lowercase_names_load() {
        let lists: LowerCaseNames =
            toml::from_str(include_str!("../../lexicon/lowercase-names.toml")).unwrap();
        assert!(lists.names.contains("lambda") && !lists.names.contains("backup"));
        assert!(
            lists
                .names
                .iter()
                .all(|n| n.chars().all(|c| c.is_ascii_lowercase()))
        );
        assert!(!lists.generic_after.is_empty() && !lists.generic_before.is_empty());
        assert!(lists.languages.contains("python"));
    }

    fn matcher() -> NameMatcher {
        NameMatcher::new(&Lexicon::builtin().unwrap()).unwrap()
    }

    fn judge(text: &str) -> Vec<(String, Verdict)> {
        matcher()
            .find(text)
            .into_iter()
            .map(|h| (text[h.range].to_string(), h.verdict))
            .collect()
    }

    fn wrong(text: &str) -> Vec<(String, String)> {
        judge(text)
            .into_iter()
            .filter_map(|(m, v)| match v {
                Verdict::Wrong { replacement, .. } => Some((m, replacement)),
                Verdict::Renamed { replacement, .. } => Some((m, replacement)),
                Verdict::Correct { .. } => None,
            })
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn former_names_quoted_as_history() {
        for text in [
            "The controller was formerly named the AWS ALB Ingress Controller.",
            "It was formerly known as \"AWS ALB Ingress Controller\".",
            "Non-AWS S3 compatible providers have known issues.",
            "Filter for both Amazon Elasticsearch Service and Amazon OpenSearch Service.",
        ] {
            assert_eq!(wrong(text), vec![], "{text}");
        }
        // Used, not named: still slips.
        assert_eq!(
            wrong("We previously used AWS S3 for this."),
            vec![pair("AWS S3", "Amazon S3")]
        );
        assert_eq!(
            wrong("Amazon Elasticsearch Service and Amazon Redshift store it."),
            vec![pair(
                "Amazon Elasticsearch Service",
                "Amazon OpenSearch Service"
            )]
        );
    }

    #[test]
    fn a_renamed_name_glossed_by_an_abbreviation() {
        assert_eq!(
            wrong("Elastic MapReduce (EMR) hosts Spark."),
            vec![pair("Elastic MapReduce (EMR)", "Amazon EMR")]
        );
        assert_eq!(
            wrong("AWS Fault Injection Simulator (FIS) runs experiments."),
            vec![pair(
                "AWS Fault Injection Simulator",
                "AWS Fault Injection Service"
            )]
        );
    }

    #[test]
    fn a_full_name_glossing_its_abbreviation_takes_its_prefix() {
        let about_aws = |text: &str| {
            matcher()
                .find_in(text, true)
                .into_iter()
                .filter(|h| !matches!(h.verdict, Verdict::Correct { .. }))
                .map(|h| text[h.range].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            about_aws("ECS (Elastic Container Service) runs the flows."),
            vec!["Elastic Container Service"]
        );
        // A concept glossed, and the name given after its full form, are no slips.
        assert!(about_aws("Each VPC (virtual private cloud) is isolated.").is_empty());
        assert!(about_aws("Amazon Elastic Container Service (ECS) runs it.").is_empty());
    }

    #[test]
    fn a_name_starting_inside_a_longer_key_is_still_found() {
        // "the AWS Cloud" is a term; "the AWS Cloudwatch" hides a slip behind it.
        assert_eq!(
            wrong("Logs go to the AWS Cloudwatch dashboards."),
            vec![pair("AWS Cloudwatch", "Amazon CloudWatch")]
        );
        assert!(wrong("It runs in the AWS Cloud today.").is_empty());
    }

    #[test]
    fn issue_examples() {
        assert_eq!(
            wrong("We log to Cloudwatch daily."),
            vec![pair("Cloudwatch", "CloudWatch")]
        );
        assert_eq!(
            wrong("We log to AWS Cloudwatch daily."),
            vec![pair("AWS Cloudwatch", "Amazon CloudWatch")]
        );
        assert_eq!(
            wrong("Files go to AWS S3."),
            vec![pair("AWS S3", "Amazon S3")]
        );
        assert_eq!(
            wrong("Amazon Lambda runs it."),
            vec![pair("Amazon Lambda", "AWS Lambda")]
        );
        assert_eq!(
            wrong("State in Dynamo DB on AWS."),
            vec![pair("Dynamo DB", "DynamoDB")]
        );
        assert_eq!(
            wrong("Run on AWS Lamda."),
            vec![pair("AWS Lamda", "AWS Lambda")]
        );
        assert_eq!(
            wrong("Search with Amazon Elasticsearch Service."),
            vec![pair(
                "Amazon Elasticsearch Service",
                "Amazon OpenSearch Service"
            )]
        );
    }

    #[test]
    fn correct_names_are_not_flagged() {
        for text in [
            "Amazon Simple Storage Service (Amazon S3) stores objects in S3.",
            "AWS Lambda and Lambda functions; Amazon CloudWatch and CloudWatch.",
            "AWS Identity and Access Management (IAM) and AWS IAM policies.",
            "Elastic Load Balancing spreads the load.",
        ] {
            assert_eq!(wrong(text), vec![], "{text}");
        }
    }

    #[test]
    fn homographs_are_ordinary_words_unless_written_as_names() {
        assert_eq!(wrong("A lambda expression in Python."), vec![]);
        assert_eq!(wrong("LAMBDA is a Greek letter."), vec![]);
        assert_eq!(wrong("Each step functions as a gate."), vec![]);
        assert_eq!(
            wrong("We use Step functions for orchestration on AWS."),
            vec![pair("Step functions", "Step Functions")]
        );
        // Lower-case ordinary words after the prefix describe ("contact AWS support").
        assert_eq!(
            wrong("Contact AWS support or edit the AWS config file."),
            vec![]
        );
        assert_eq!(
            wrong("Deploy with AWS LAMBDA."),
            vec![pair("AWS LAMBDA", "AWS Lambda")]
        );
        assert_eq!(wrong("The AWS single sign-on endpoint."), vec![]);
        // After "Amazon", the product's one-word name in lower case is that name miscased.
        assert_eq!(
            wrong("Workloads are scanned by Amazon inspector daily."),
            vec![pair("Amazon inspector", "Amazon Inspector")]
        );
        assert_eq!(wrong("Amazon warehouse staff and AWS support."), vec![]);
    }

    #[test]
    fn code_like_contexts_are_skipped() {
        for text in [
            "Run aws s3 cp to copy.",
            "The ARN arn:aws:s3:::bucket is used.",
            "Declare AWS::S3::Bucket in the template.",
            "Install @aws-sdk/client-dynamodb first.",
            "Open s3.amazonaws.com/bucket now.",
            "Logs land in /aws/lambda/my-fn.",
            "Set AWS_LAMBDA_RUNTIME_API.",
            "Log in as ec2-user.",
            "See cloudwatch.json for settings.",
        ] {
            assert_eq!(wrong(text), vec![], "{text}");
        }
    }

    #[test]
    fn renamed_names_used_as_history_are_fine() {
        assert_eq!(
            wrong("Amazon OpenSearch Service (Amazon Elasticsearch Service) is used."),
            vec![]
        );
        assert_eq!(
            wrong("OpenSearch Service (formerly Amazon Elasticsearch Service) is used."),
            vec![]
        );
        assert_eq!(
            wrong("Amazon ES clusters"),
            vec![pair("Amazon ES", "OpenSearch Service")]
        );
        assert_eq!(
            wrong("Amazon EMR (which used to stand for Amazon Elastic MapReduce) runs it."),
            vec![]
        );
        // The history words speak of the name in their own clause, not of the next one.
        assert_eq!(
            wrong(
                "OpenSearch Service (successor to Elasticsearch) as a Kinesis Data Firehose target."
            ),
            vec![pair("Kinesis Data Firehose", "Data Firehose")]
        );
    }

    #[test]
    fn fixes_keep_the_writers_register() {
        assert_eq!(
            wrong("Route53 and s3 on AWS."),
            vec![pair("Route53", "Route 53"), pair("s3", "S3")]
        );
        assert_eq!(
            wrong("Traffic goes through AWS ELB."),
            vec![pair("AWS ELB", "Elastic Load Balancing")]
        );
        assert_eq!(
            wrong("Mail goes through AWS SES and Amazon KMS keys."),
            vec![pair("AWS SES", "Amazon SES"), pair("Amazon KMS", "AWS KMS")]
        );
        assert_eq!(
            wrong("Stream to AWS Firehose."),
            vec![pair("AWS Firehose", "Amazon Data Firehose")]
        );
        assert_eq!(
            wrong("Open the AWS Athena console."),
            vec![pair("AWS Athena", "Athena")]
        );
        assert_eq!(
            wrong("Put it behind an AWS NLB."),
            vec![pair("an AWS NLB", "a Network Load Balancer")]
        );
        assert_eq!(
            wrong("Get information on a Amazon IAM policy."),
            vec![pair("a Amazon IAM", "an IAM")]
        );
        assert_eq!(
            wrong("Start an AWS S3 bucket."),
            vec![pair("AWS S3", "Amazon S3")]
        );
    }

    #[test]
    fn singular_slips_need_the_names_capitals() {
        assert_eq!(
            wrong("Keep the password in Secret Manager on AWS."),
            vec![pair("Secret Manager", "Secrets Manager")]
        );
        assert_eq!(
            wrong("Orchestrate with AWS Step Function."),
            vec![pair("AWS Step Function", "AWS Step Functions")]
        );
        assert_eq!(wrong("A secret manager such as Vault, on AWS."), vec![]);
        assert_eq!(wrong("GCP Secret Manager stores it, not AWS."), vec![]);
        // Four words that all but spell a name need no page about AWS around them.
        assert_eq!(
            wrong("Store it in the System Manager Parameter Store."),
            vec![pair(
                "System Manager Parameter Store",
                "Systems Manager Parameter Store"
            )]
        );
        assert_eq!(wrong("Store it in the System Manager of the host."), vec![]);
    }

    #[test]
    fn split_coinages_need_an_aws_text() {
        assert_eq!(
            wrong("Deploy a Cloud Formation template with Elastic Beanstalk."),
            vec![pair("Cloud Formation", "CloudFormation")]
        );
        assert_eq!(wrong("The same approach the Event Bridge uses."), vec![]);
        assert_eq!(
            wrong("Low cloud formation over the hills, not AWS."),
            vec![]
        );
        assert_eq!(
            wrong("Inspect cloud watch logs from EC2."),
            vec![pair("cloud watch logs", "CloudWatch Logs")]
        );
    }

    #[test]
    fn renames_in_all_their_variants() {
        assert_eq!(
            wrong("Flow logs can be sent to Kinesis Data Firehose."),
            vec![pair("Kinesis Data Firehose", "Data Firehose")]
        );
        assert_eq!(
            wrong("Run jobs on Elastic MapReduce."),
            vec![pair("Elastic MapReduce", "Amazon EMR")]
        );
        assert_eq!(
            wrong("It needs Amazon Elastic MapReduce (Amazon EMR)."),
            vec![pair("Amazon Elastic MapReduce (Amazon EMR)", "Amazon EMR")]
        );
        assert_eq!(
            wrong("For an SQL-based Amazon Kinesis Data Analytics application."),
            vec![]
        );
        assert_eq!(
            wrong("EventBridge is the next evolution of CloudWatch Events."),
            vec![]
        );
    }

    #[test]
    fn slashes_between_names_are_prose() {
        assert_eq!(
            wrong("Pick a CDN (Cloudflare/AWS CloudFront)."),
            vec![pair("AWS CloudFront", "Amazon CloudFront")]
        );
        assert_eq!(wrong("Logs land in /aws/lambda/my-fn."), vec![]);
    }

    #[test]
    fn china_partition_pages_and_stated_renames_are_fine() {
        assert_eq!(wrong("通过 Amazon CloudFormation 部署解决方案。"), vec![]);
        assert_eq!(
            wrong("Deploy with Amazon CloudFormation."),
            vec![pair("Amazon CloudFormation", "AWS CloudFormation")]
        );
        assert_eq!(
            wrong(
                "As of September 2021, Amazon Elasticsearch Service is Amazon OpenSearch Service."
            ),
            vec![]
        );
    }

    #[test]
    fn old_names_inside_another_title_are_quoted() {
        assert_eq!(
            wrong("Creating and Configuring Amazon Elasticsearch Service Domains"),
            vec![]
        );
        assert_eq!(
            wrong("Configure Amazon Kinesis Firehose to read it."),
            vec![pair("Amazon Kinesis Firehose", "Amazon Data Firehose")]
        );
    }

    #[test]
    fn split_coinages_in_capitals_tell_on_their_own() {
        assert_eq!(
            wrong("Data structure for a Cloud Trail event."),
            vec![pair("Cloud Trail", "CloudTrail")]
        );
        assert_eq!(wrong("FLEXT Meltano Event Bridge."), vec![]);
        assert_eq!(wrong("Harbor basins and cloud fronts."), vec![]);
        assert_eq!(wrong("supports XRay tracing"), vec![pair("XRay", "X-Ray")]);
        assert_eq!(wrong("the NATO word Xray"), vec![]);
    }

    #[test]
    fn miscased_terms() {
        assert_eq!(
            wrong("Copy the Opensearch domain endpoint."),
            vec![pair("Opensearch", "OpenSearch")]
        );
        assert_eq!(wrong("Install opensearch-py."), vec![]);
    }

    #[test]
    fn compounds_keep_the_bare_name() {
        assert_eq!(
            wrong("A Cloudwatch-based alarm."),
            vec![pair("Cloudwatch", "CloudWatch")]
        );
    }

    #[test]
    fn near_misses_need_a_prefix_or_a_coinage() {
        assert_eq!(
            wrong("Metrics in Cloudwach today."),
            vec![pair("Cloudwach", "CloudWatch")]
        );
        assert_eq!(wrong("Lamda is misspelt but unprefixed."), vec![]);
        assert_eq!(wrong("The AWS Cloud is big."), vec![]);
    }

    #[test]
    fn words_and_boundaries() {
        assert_eq!(wrong("MS3 and EC2s and S3x"), vec![]);
        let text = "é Amazon S3";
        let hits = matcher().find(text);
        assert_eq!(&text[hits[0].range.clone()], "Amazon S3");
    }
}
