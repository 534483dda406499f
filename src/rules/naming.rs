//! DOC-003, first half: AWS product names. The lexicon decides what is a name; this module
//! turns the matcher's verdicts into findings a writer can act on.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::{Context, DOC_003_WORDS, RuleInfo, is_enabled};
use crate::config::Level;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::{BlockKind, Document};
use crate::lexicon::matcher::Hit;
use crate::lexicon::matcher::{Role, is_plain, mentions_aws, mentions_other_vendor};
use crate::lexicon::{Verdict, WrongReason};

pub const PRODUCT_NAME: &str = "DOC-003/product-name";
pub const RENAMED: &str = "DOC-003/renamed";
pub const FIRST_MENTION: &str = "DOC-003/first-mention";
pub const BARE_NAME: &str = "DOC-003/bare-name";

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: PRODUCT_NAME,
        title: "AWS product names are spelled exactly as AWS spells them",
        requirement: "DOC-003",
        requirement_title: "Customer facing documentation",
        checklist_words: DOC_003_WORDS,
        default_level: Level::Error,
        default_level_docs: Level::Error,
        applies_to: "all Markdown: case studies, public pages and customer-facing docs",
        what: "Finds AWS product names written in a way AWS never writes them: wrong capitals \
(`Cloudwatch`), split or joined words (`Dynamo DB`, `Route53`), the wrong prefix (`AWS S3`, \
`Amazon Lambda`), a prefix on a name that has none (`AWS Elastic Load Balancing`), the full name \
without its prefix (`Simple Storage Service`) and misspellings (`AWS Lamda`). Short forms AWS's own \
writers use, such as `S3`, `EC2`, `Lambda` or `CloudWatch Logs`, are not wrong names.",
        why: "The AWS validator checks customer-facing documentation for correct product names \
(DOC-003); a misspelt name reads as carelessness to customers and reviewers alike.",
        bad_example: "We store every invoice in AWS S3 and alert on failures with Cloudwatch.",
        good_example: "We store every invoice in Amazon S3 and alert on failures with Amazon CloudWatch.",
        fix_safety: "Safe: the replacement is the one correct spelling. Not applied where the name \
is split by formatting (`**AWS** S3`), which is left for you to edit.",
    },
    RuleInfo {
        id: RENAMED,
        title: "Products AWS renamed are called by their current name",
        requirement: "DOC-003",
        requirement_title: "Customer facing documentation",
        checklist_words: DOC_003_WORDS,
        default_level: Level::Error,
        default_level_docs: Level::Error,
        applies_to: "all Markdown",
        what: "Finds names AWS has replaced, such as `Amazon Elasticsearch Service` (now `Amazon \
OpenSearch Service`) or `AWS Single Sign-On` (now `AWS IAM Identity Center`), and gives the new name \
and the date of the change. An old name written as history (`formerly Amazon Elasticsearch Service`) \
is fine.",
        why: "A replaced name is no longer the correct product name, and it dates the document.",
        bad_example: "Search runs on Amazon Elasticsearch Service.",
        good_example: "Search runs on Amazon OpenSearch Service (formerly Amazon Elasticsearch Service).",
        fix_safety: "Safe: the current name replaces the old one.",
    },
    RuleInfo {
        id: FIRST_MENTION,
        title: "The first mention of a product gives its full name",
        requirement: "DOC-003",
        requirement_title: "Customer facing documentation",
        checklist_words: DOC_003_WORDS,
        default_level: Level::Warning,
        default_level_docs: Level::Off,
        applies_to: "case studies and public pages (off for other docs unless configured)",
        what: "The first time a document mentions a product in its body text, AWS style spells out \
the full name with the short name in parentheses: `Amazon Simple Storage Service (Amazon S3)`. \
Headings use the short name and do not count.",
        why: "Readers outside AWS may not know the short names; AWS's own style guide asks for the \
full name first.",
        bad_example: "Acme moved its archive to S3.",
        good_example: "Acme moved its archive to Amazon Simple Storage Service (Amazon S3).",
        fix_safety: "Unsafe: offered as a suggestion, applied only with --unsafe-fixes, because the \
sentence may need rewording.",
    },
    RuleInfo {
        id: BARE_NAME,
        title: "Later mentions keep the product's prefix (when configured)",
        requirement: "DOC-003",
        requirement_title: "Customer facing documentation",
        checklist_words: DOC_003_WORDS,
        default_level: Level::Warning,
        default_level_docs: Level::Warning,
        applies_to: "documents checked with `naming.bare_short_names = false`",
        what: "With `bare_short_names = false` in caselint.toml, a bare short name such as `S3` or \
`EC2` is reported and the short name with its prefix (`Amazon S3`) is suggested. AWS docs themselves \
accept both, so this is a house-style choice and off by default.",
        why: "Some partners' style guides ask for the prefixed short name throughout.",
        bad_example: "Objects are copied to S3 nightly.",
        good_example: "Objects are copied to Amazon S3 nightly.",
        fix_safety: "Unsafe: applied only with --unsafe-fixes.",
    },
];

pub fn check(doc: &Document, ctx: &Context) -> Vec<Diagnostic> {
    let products = ctx.names.products();
    let first_mention_on = is_enabled(ctx.config, FIRST_MENTION, doc.kind);
    let bare_on =
        !ctx.config.naming.bare_short_names && is_enabled(ctx.config, BARE_NAME, doc.kind);
    let mut mentioned: HashSet<usize> = HashSet::new();
    let mut out = Vec::new();
    let written_on = page_date(doc);
    // A page that names AWS anywhere is about AWS: "Cloud Watch logs" in its steps is a
    // slip, where on another page it could be anything.
    let about_aws = doc.prose.iter().any(|p| mentions_aws(&p.text));
    // A page that names Google Cloud or Azure may mean their "Secret Manager"; asked only
    // when such a name turns up, and then once.
    let other_clouds_seen = std::cell::OnceCell::new();
    let other_clouds = || {
        *other_clouds_seen.get_or_init(|| doc.prose.iter().any(|p| mentions_other_vendor(&p.text)))
    };

    // "Kestrel Shield", "Beacon Lightsail Co.": the partner's or the customer's own name
    // may hold a word that is also an AWS product; there it names the company.
    let own_names = organisation_names(doc);

    // Template prompts are reported as placeholders, not proofread.
    let found: Vec<Vec<Hit>> = doc
        .prose
        .iter()
        .map(|prose| {
            if prose
                .text
                .trim_start()
                .starts_with(super::case_study::PLACEHOLDER_MARK)
            {
                Vec::new()
            } else {
                let mut hits = ctx
                    .names
                    .find_on_page(&prose.text, about_aws, &other_clouds);
                hits.retain(|hit| !inside_own_name(&prose.text, &hit.range, &own_names));
                hits
            }
        })
        .collect();
    // "the lambda function" is Lambda miscased only where the page writes "Lambda" itself.
    // Product → where the page first writes it right, shown beside the lower-case finding.
    let mut named_in_capitals: HashMap<usize, Range<usize>> = HashMap::new();
    for (prose, hits) in doc.prose.iter().zip(&found) {
        for hit in hits {
            if let (Verdict::Correct { .. }, Some(product)) = (&hit.verdict, hit.product) {
                named_in_capitals
                    .entry(product)
                    .or_insert_with(|| prose.source_range(hit.range.clone()));
            }
        }
    }

    for (prose, hits) in doc.prose.iter().zip(found.iter()) {
        let in_heading = matches!(prose.block, BlockKind::Heading(_));
        for hit in hits {
            if let Verdict::Wrong {
                reason: WrongReason::LowerCase,
                ..
            } = hit.verdict
                && !hit
                    .product
                    .is_some_and(|p| named_in_capitals.contains_key(&p))
            {
                continue;
            }
            let span = prose.source_range(hit.range.clone());
            let verbatim = prose.is_verbatim(hit.range.clone());
            let written = &prose.text[hit.range.clone()];
            let product = hit.product.and_then(|i| products.get(i));
            match &hit.verdict {
                Verdict::Wrong {
                    replacement,
                    reason,
                } => {
                    if quoted_literal(&doc.source, &span, written, *reason) {
                        continue;
                    }
                    // "Spring Cloud AWS SQS", "the Fluent Bit AWS S3 maintainers": maybe
                    // another product's name, maybe a slip; caselint cannot tell.
                    let connector = names_connector(&prose.text, hit.range.end)
                        || !in_heading && inside_other_name(&prose.text, &hit.range, *reason);
                    let ambiguous = AMBIGUOUS_FORMS.contains(written);
                    let mut diagnostic = Diagnostic::new(
                        PRODUCT_NAME,
                        Severity::Error,
                        span,
                        format!("`{written}` is not the product's name: write `{replacement}`"),
                    )
                    .with_help(if connector {
                        CONNECTOR_HELP.to_string()
                    } else if ambiguous {
                        format!(
                            "Many pages use `{written}` as a plain noun, but AWS calls the product `{replacement}`; write that where the text names the product."
                        )
                    } else {
                        reason_help(*reason, written, replacement)
                    });
                    if *reason == WrongReason::LowerCase
                        && let Some(right) = hit.product.and_then(|p| named_in_capitals.get(&p))
                    {
                        diagnostic = diagnostic
                            .with_related(right.clone(), format!("`{replacement}` written here"));
                    }
                    if connector || ambiguous {
                        diagnostic = diagnostic.unsure();
                    }
                    out.push(offer(
                        diagnostic,
                        replacement,
                        verbatim,
                        applicability(
                            connector
                                || ambiguous
                                || matches!(*reason, WrongReason::Plural | WrongReason::LowerCase),
                        ),
                    ));
                    if !in_heading {
                        hit.product.map(|p| mentioned.insert(p));
                    }
                }
                Verdict::Renamed {
                    old,
                    replacement,
                    date,
                } => {
                    // A page dated before the rename used the name of its day.
                    let rename_day: Option<jiff::civil::Date> = date.parse().ok();
                    if let (Some(page), Some(renamed)) = (written_on, rename_day)
                        && page < renamed
                    {
                        continue;
                    }
                    let when = readable_date(date)
                        .map(|d| format!(" on {d}"))
                        .unwrap_or_default();
                    let connector = names_connector(&prose.text, hit.range.end);
                    // "Set the type to **Kinesis Data Firehose**", "![Create a Kinesis
                    // Firehose stream](…)": a label on a screen or in a screenshot, which
                    // may still show the old name.
                    let on_screen = !connector && shown_as_label(&doc.source, &span);
                    let mut diagnostic = Diagnostic::new(
                        RENAMED,
                        Severity::Error,
                        span,
                        format!("`{old}` was renamed{when}: write `{replacement}`"),
                    )
                    .with_help(if connector {
                        CONNECTOR_HELP
                    } else if on_screen {
                        ON_SCREEN_HELP
                    } else {
                        "AWS renamed this product; use the current name, or say `formerly …` if the old name matters to the story."
                    });
                    if connector || on_screen {
                        diagnostic = diagnostic.unsure();
                    }
                    out.push(offer(
                        diagnostic,
                        replacement,
                        verbatim,
                        applicability(connector || on_screen),
                    ));
                    if !in_heading {
                        hit.product.map(|p| mentioned.insert(p));
                    }
                }
                Verdict::Correct { role } => {
                    let (Some(index), Some(product)) = (hit.product, product) else {
                        continue;
                    };
                    if in_heading || !product.is_active() {
                        continue;
                    }
                    // "Amazon Aurora PostgreSQL-Compatible Edition" names the product in full.
                    if *role == Role::Alias {
                        if written.starts_with("Amazon ") || written.starts_with("AWS ") {
                            mentioned.insert(index);
                        }
                        continue;
                    }
                    // "Backup data", "ECS Service Auto Scaling": a bare name made of ordinary
                    // words is no sure mention of the product.
                    if *role == Role::Bare && (product.homograph || is_plain(product.bare_name())) {
                        continue;
                    }
                    let first = mentioned.insert(index);
                    if first && first_mention_on && *role != Role::Canonical {
                        let full = product.first_mention_form();
                        let already_full =
                            product.canonical == product.short && *role == Role::Short;
                        if !already_full {
                            let diagnostic = Diagnostic::new(
                                FIRST_MENTION,
                                Severity::Warning,
                                span,
                                format!("first mention of {}: write the full name `{full}`", product.short),
                            )
                            .with_help(
                                "Spell out a product's full name the first time it appears, then use the short name.",
                            );
                            out.push(offer(diagnostic, &full, verbatim, Applicability::Unsafe));
                        }
                    } else if !first
                        && bare_on
                        && *role == Role::Bare
                        && !product.prefix.is_empty()
                        && product.short != product.bare_name()
                    {
                        let diagnostic = Diagnostic::new(
                            BARE_NAME,
                            Severity::Warning,
                            span,
                            format!("write `{}` rather than the bare `{written}`", product.short),
                        )
                        .with_help("Your configuration asks for short names with their prefix (`naming.bare_short_names = false`).");
                        out.push(offer(
                            diagnostic,
                            &product.short,
                            verbatim,
                            Applicability::Unsafe,
                        ));
                    }
                }
            }
        }
    }
    out.iter_mut()
        .for_each(|d| d.requirement = "DOC-003".to_string());
    out
}

const CONNECTOR_HELP: &str = "This may be part of another vendor's product, connector or \
destination name (\"the Amazon Kinesis Firehose destination\", \"Spring Cloud AWS SQS\"), which \
only its vendor can rename: the fix is not applied by --fix; change it if the text means the AWS \
product.";

/// "Spring Cloud AWS SQS expects …", "the Fluent Bit AWS S3 maintainers": a prefixed name
/// after a capitalised word inside a sentence may be part of another product's name, whose
/// owner spells it so. Headings are left out: title case capitalises every word there.
fn inside_other_name(text: &str, range: &Range<usize>, reason: WrongReason) -> bool {
    let prefixed = ["AWS ", "Amazon "]
        .iter()
        .any(|p| text[range.clone()].starts_with(p));
    if !prefixed
        || !matches!(
            reason,
            WrongReason::SwappedPrefix | WrongReason::AddedPrefix | WrongReason::Known
        )
    {
        return false;
    }
    let before = &text[..range.start];
    let Some(previous) = before.strip_suffix(' ') else {
        return false;
    };
    let word_start = previous
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |i| i + 1);
    let word = &previous[word_start..];
    let ahead = previous[..word_start].trim_end();
    let mid_sentence = !ahead.is_empty() && !ahead.ends_with(['.', '!', '?', ':', '|', '—', '(']);
    word.starts_with(|c: char| c.is_uppercase())
        && !matches!(word, "The" | "A" | "An" | "I")
        && mid_sentence
        && previous[..word_start].ends_with(' ')
}

const ON_SCREEN_HELP: &str = "This looks like a label on a screen or in a screenshot, which \
may still show the old name: the fix is not applied by --fix; use the current name if the screen \
shows it, or say `formerly …`.";

/// Whether the span is a label the reader sees on a screen: bold or quoted text that fills
/// a step's choice ("select **Kinesis Firehose**", "set it to \"Kinesis Data Firehose\""),
/// or an image's alternative text (what a screenshot shows). Bold elsewhere is emphasis.
fn shown_as_label(source: &str, span: &Range<usize>) -> bool {
    let before = source.get(..span.start).unwrap_or_default();
    let after = source.get(span.end..).unwrap_or_default();
    let opened = ["**", "__", "\"", "“"]
        .iter()
        .zip(["**", "__", "\"", "”"])
        .find_map(|(open, close)| {
            (after.starts_with(close))
                .then(|| before.strip_suffix(open))
                .flatten()
        });
    let chosen = opened.is_some_and(|rest| {
        let word = rest.trim_end().rsplit(' ').next().unwrap_or_default();
        UI_CHOICE_WORDS.contains(&word.to_ascii_lowercase().as_str())
    });
    let line_before = before.rsplit('\n').next().unwrap_or_default();
    let in_alt_text = line_before
        .rfind("![")
        .is_some_and(|at| !line_before[at..].contains(']'));
    chosen || in_alt_text
}

/// Words before a label that a step tells the reader to pick or type.
const UI_CHOICE_WORDS: &[&str] = &[
    "select", "choose", "click", "pick", "tap", "to", "enter", "type", "as", "under", "from",
];

/// Wrong forms many writers use as plain nouns, one a line in
/// `lexicon/ambiguous-names.txt`: reported as warnings.
static AMBIGUOUS_FORMS: std::sync::LazyLock<HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        include_str!("../../lexicon/ambiguous-names.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    });

/// Words that, right after an AWS name, make it part of another vendor's component name
/// ("the AWS S3 destination", "the Amazon S3 Sink connector"), one a line in
/// `lexicon/connector-words.txt`.
static CONNECTOR_WORDS: std::sync::LazyLock<HashSet<String>> = std::sync::LazyLock::new(|| {
    include_str!("../../lexicon/connector-words.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_ascii_lowercase)
        .collect()
});

/// Whether the words after `end` name a connector, so the name may be another vendor's:
/// the next word ("the AWS S3 destination"), or one closing the title the name starts
/// ("AWS S3 with IAM Role Support Destination").
fn names_connector(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or_default();
    let words = rest
        .split(|c: char| c.is_whitespace() || matches!(c, '*' | '_'))
        .filter(|w| !w.is_empty())
        .take(6);
    for (i, word) in words.enumerate() {
        let word: String = word
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>();
        if CONNECTOR_WORDS.contains(&word.to_ascii_lowercase()) {
            return true;
        }
        let title_word = word.chars().next().is_some_and(char::is_uppercase)
            || matches!(word.as_str(), "with" | "for" | "and" | "of" | "to");
        if i == 0 && word.is_empty() || !title_word {
            return false;
        }
    }
    false
}

fn applicability(connector: bool) -> Applicability {
    if connector {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    }
}

/// A value typed or shown verbatim rather than a name in prose: a console label or input in
/// bold (`choose **Elastic Block Store**`, `enter **s3**`), a quoted key (`"ec2"`), a link
/// whose text is a command (`[ec2](…)`). Only lower-case hits and full names missing
/// their prefix are read this way; a miscapitalised name in bold is still a slip.
fn quoted_literal(
    source: &str,
    span: &std::ops::Range<usize>,
    written: &str,
    reason: WrongReason,
) -> bool {
    let lower_case = !written.chars().any(char::is_uppercase);
    if !lower_case && reason != WrongReason::MissingPrefix {
        return false;
    }
    let before = source.get(..span.start).and_then(|s| s.chars().next_back());
    let after = source.get(span.end..).and_then(|s| s.chars().next());
    let opens = |c: Option<char>| matches!(c, Some('*' | '_' | '"' | '\'' | '“' | '‘' | '['));
    let closes = |c: Option<char>| matches!(c, Some('*' | '_' | '"' | '\'' | '”' | '’' | ']'));
    // "Search for **lambda canary errors**": a lower-case name at either edge of quoted
    // or bold text is what the reader types or sees, not the writer's naming.
    if reason == WrongReason::LowerCase {
        return opens(before) || closes(after);
    }
    opens(before) && closes(after)
}

/// Attaches `replacement` as a fix when the source under the span is plain text; when the
/// name is split by markup or an escape it is only suggested, so `--fix` never breaks
/// formatting.
fn offer(
    diagnostic: Diagnostic,
    replacement: &str,
    verbatim: bool,
    applicability: Applicability,
) -> Diagnostic {
    if verbatim {
        diagnostic.with_fix(replacement, applicability)
    } else {
        diagnostic.with_suggestion(replacement)
    }
}

fn reason_help(reason: WrongReason, written: &str, replacement: &str) -> String {
    match reason {
        WrongReason::Case => "AWS product names keep their exact capitals.".to_string(),
        WrongReason::Spacing => "AWS product names keep their exact spacing: words are neither split nor joined.".to_string(),
        WrongReason::SwappedPrefix => {
            "Each product has its own prefix, `Amazon` or `AWS`; it is part of the name and cannot be swapped.".to_string()
        }
        WrongReason::AddedPrefix => format!("`{replacement}` has no `AWS` or `Amazon` in its name."),
        WrongReason::MissingPrefix => "The full name includes its prefix.".to_string(),
        WrongReason::Number => {
            "AWS product names keep their own singular or plural: `Secrets Manager`, `Step Functions`.".to_string()
        }
        WrongReason::Plural => format!(
            "`{replacement}` is one product, never written in the plural; for several of its resources, name them (`{replacement} functions`, `… instances`). Not applied by --fix, since the sentence may need rewording."
        ),
        WrongReason::LowerCase => format!(
            "The page names `{replacement}` elsewhere; in lower case it reads as another word. Not applied by --fix, since the word may be meant."
        ),
        WrongReason::Known | WrongReason::NearMiss => {
            format!("`{written}` looks like a misspelling of `{replacement}`.")
        }
    }
}

/// The partner's and the customer's names from the front matter, as the text writes them.
fn organisation_names(doc: &Document) -> Vec<String> {
    let Some(meta) = doc.metadata() else {
        return Vec::new();
    };
    ["partner", "customer"]
        .iter()
        .filter_map(|key| meta.get(*key)?.get("name")?.as_str())
        .map(|name| name.split_whitespace().collect::<Vec<_>>().join(" "))
        // One word is the company's name only where the text adds more: leave it be.
        .filter(|name| name.contains(' '))
        .collect()
}

/// Whether `range` of `text` lies inside one of the company names written there.
fn inside_own_name(text: &str, range: &Range<usize>, names: &[String]) -> bool {
    names.iter().any(|name| {
        text.match_indices(name.as_str())
            .any(|(at, _)| at <= range.start && range.end <= at + name.len())
    })
}

/// The date a page says it was written or last changed, from its front matter.
fn page_date(doc: &Document) -> Option<jiff::civil::Date> {
    let meta = doc.metadata()?;
    ["last_modified", "lastmod", "updated", "date"]
        .iter()
        .find_map(|key| meta.get(*key)?.as_str())
        .and_then(|value| value.get(..10)?.parse().ok())
}

/// "2021-09-08" → "September 8, 2021"; anything else is left out of the message.
fn readable_date(date: &str) -> Option<String> {
    let date: jiff::civil::Date = date.parse().ok()?;
    Some(date.strftime("%B %-d, %Y").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::lexicon::{Lexicon, NameMatcher};
    use crate::rules::check_document;

    fn run(source: &str, config: &Config) -> Vec<Diagnostic> {
        let names = NameMatcher::new(&Lexicon::builtin().unwrap()).unwrap();
        let profile = crate::profile::Profile::builtin().unwrap();
        let (doc, _) = Document::parse("t.md", source.to_string());
        let ctx = Context {
            config,
            names: &names,
            profile: &profile,
            today: jiff::civil::date(2026, 1, 15),
            asset_exists: &|_| true,
            diagrams: &[],
        };
        check_document(&doc, &ctx)
    }

    #[test]
    fn a_product_word_inside_the_partners_name_names_the_partner() {
        let config = Config::default();
        let rules = |source: &str| -> Vec<String> {
            run(source, &config)
                .into_iter()
                .filter(|d| d.rule.starts_with("DOC-003/"))
                .map(|d| format!("{} {}", d.rule, &source[d.span]))
                .collect()
        };
        let page = "---\ncaselint: public-page\npartner: { name: Kestrel Shield, domain: kestrel.example }\n---\n\nKestrel Shield runs on AWS Lambda.\n";
        assert!(rules(page).is_empty(), "{:?}", rules(page));
        // Another partner's page: "Shield" there is AWS Shield's first mention.
        let other = page.replace("name: Kestrel Shield", "name: Harbour Labs");
        assert_eq!(rules(&other), ["DOC-003/first-mention Shield"]);
    }

    #[test]
    fn a_lower_case_name_counts_only_where_the_page_writes_it_in_capitals() {
        let config = Config::default();
        let found = |source: &str| -> Vec<(String, Option<Applicability>)> {
            run(source, &config)
                .into_iter()
                .filter(|d| d.rule == PRODUCT_NAME)
                .map(|d| (source[d.span].to_string(), d.fix.map(|f| f.applicability)))
                .collect()
        };
        assert_eq!(
            found("Deploy it with AWS Lambda.\n\nThen invoke the lambda function.\n"),
            [("lambda".to_string(), Some(Applicability::Unsafe))]
        );
        // No "Lambda" on the page: the word may be the Greek letter or a code term.
        assert!(found("Then invoke the lambda function.\n").is_empty());
        // The ordinary term, a quoted search, and a word no one capitalises.
        assert!(
            found(
                "AWS Lambda runs it.\n\nA Python lambda and lambda calculus differ.\n\nSearch for **lambda errors**. Run a backup with AWS Backup.\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn pages_dated_before_a_rename_keep_the_old_name() {
        let dated = "---\ndate: 2020-07-10\n---\nWe run Flink on Amazon Kinesis Data Analytics for Apache Flink.\n";
        let found = run(dated, &Config::default());
        assert!(found.iter().all(|d| d.rule != RENAMED), "{found:?}");
        let undated = "We run Flink on Amazon Kinesis Data Analytics for Apache Flink.\n";
        let found = run(undated, &Config::default());
        assert!(found.iter().any(|d| d.rule == RENAMED), "{found:?}");
    }

    #[test]
    fn connector_names_are_reported_without_a_safe_fix() {
        let found = run(
            "Add the AWS S3 destination, then write to AWS S3.\n",
            &Config::default(),
        );
        let names: Vec<_> = found.iter().filter(|d| d.rule == PRODUCT_NAME).collect();
        assert_eq!(names.len(), 2, "{found:?}");
        let fix = |d: &Diagnostic| d.fix.as_ref().map(|f| f.applicability);
        assert_eq!(fix(names[0]), Some(Applicability::Unsafe));
        assert_eq!(fix(names[1]), Some(Applicability::Safe));
        // caselint cannot tell another vendor's connector from a slip: a warning.
        assert_eq!(names[0].severity, Severity::Warning);
        assert_eq!(names[1].severity, Severity::Error);
    }

    #[test]
    fn forms_used_as_plain_nouns_are_warnings_with_an_unsafe_fix() {
        let source = "Sign in to the AWS Console, then open Cloudwatch.\n";
        let found = run(source, &Config::default());
        let names: Vec<_> = found.iter().filter(|d| d.rule == PRODUCT_NAME).collect();
        assert_eq!(names.len(), 2, "{found:?}");
        assert_eq!(&source[names[0].span.clone()], "AWS Console");
        assert_eq!(names[0].severity, Severity::Warning);
        assert_eq!(
            names[0].fix.as_ref().map(|f| f.applicability),
            Some(Applicability::Unsafe)
        );
        // An ordinary slip beside it stays an error with a safe fix.
        assert_eq!(names[1].severity, Severity::Error);
        assert_eq!(
            names[1].fix.as_ref().map(|f| f.applicability),
            Some(Applicability::Safe)
        );
    }

    #[test]
    fn an_old_name_on_a_screen_is_a_warning_elsewhere_an_error() {
        let severity = |source: &str| -> Vec<(Severity, Option<Applicability>)> {
            run(source, &Config::default())
                .into_iter()
                .filter(|d| d.rule == RENAMED)
                .map(|d| (d.severity, d.fix.map(|f| f.applicability)))
                .collect()
        };
        let warned = [(Severity::Warning, Some(Applicability::Unsafe))];
        assert_eq!(
            severity("Set the type to **Kinesis Data Firehose**.\n"),
            warned
        );
        assert_eq!(
            severity("![Create a Kinesis Data Firehose stream](shot.png)\n"),
            warned
        );
        // Emphasis and running prose name the product.
        let errors = [(Severity::Error, Some(Applicability::Safe))];
        assert_eq!(
            severity("Logs stream into **Kinesis Data Firehose**.\n"),
            errors
        );
        assert_eq!(
            severity("Logs stream into Kinesis Data Firehose.\n"),
            errors
        );
    }

    #[test]
    fn a_prefixed_name_inside_another_products_name_is_a_warning() {
        let names = |source: &str| -> Vec<(String, Severity)> {
            run(source, &Config::default())
                .into_iter()
                .filter(|d| d.rule == PRODUCT_NAME)
                .map(|d| (source[d.span].to_string(), d.severity))
                .collect()
        };
        let found = |written: &str, severity| vec![(written.to_string(), severity)];
        assert_eq!(
            names("By default, Spring Cloud AWS SQS expects a UUID.\n"),
            found("AWS SQS", Severity::Warning)
        );
        // A sentence's first word, a lower-case word, and headings: a slip.
        assert_eq!(
            names("Configure AWS SQS first.\n"),
            found("AWS SQS", Severity::Error)
        );
        assert_eq!(
            names("Spring Cloud reads from AWS SQS.\n"),
            found("AWS SQS", Severity::Error)
        );
        assert_eq!(
            names("## Using Spring With AWS SQS\n"),
            found("AWS SQS", Severity::Error)
        );
    }

    #[test]
    fn wrong_name_has_safe_fix_and_exact_span() {
        let source = "Alerts go to Cloudwatch.\n";
        let found = run(source, &Config::default());
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(d.rule, PRODUCT_NAME);
        assert_eq!(&source[d.span.clone()], "Cloudwatch");
        assert_eq!(
            d.message,
            "`Cloudwatch` is not the product's name: write `CloudWatch`"
        );
        assert_eq!(d.fix.as_ref().unwrap().applicability, Applicability::Safe);
        assert_eq!(d.requirement, "DOC-003");
    }

    #[test]
    fn renamed_gives_date() {
        let found = run(
            "Runs on Amazon Elasticsearch Service.\n",
            &Config::default(),
        );
        assert_eq!(found[0].rule, RENAMED);
        assert!(
            found[0].message.contains("September 8, 2021"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn first_mention_is_off_for_plain_docs_and_on_when_configured() {
        assert!(run("Data lives in S3.\n", &Config::default()).is_empty());
        let config = Config::parse("[rules]\n\"DOC-003/first-mention\" = \"warning\"\n").unwrap();
        let found = run("Data lives in S3. Later S3 again.\n", &config);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, FIRST_MENTION);
        assert_eq!(
            found[0].suggestions,
            vec!["Amazon Simple Storage Service (Amazon S3)".to_string()]
        );
        let full = run(
            "Data lives in Amazon Simple Storage Service (Amazon S3).\n",
            &config,
        );
        assert!(full.is_empty(), "{full:?}");
    }

    #[test]
    fn bare_names_reported_only_when_configured() {
        let config = Config::parse("[naming]\nbare_short_names = false\n").unwrap();
        let found = run("Amazon S3 holds data. S3 is cheap.\n", &config);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, BARE_NAME);
        assert!(run("Amazon S3 holds data. S3 is cheap.\n", &Config::default()).is_empty());
    }

    #[test]
    fn rules_can_be_turned_off() {
        let config = Config::parse("[rules]\n\"DOC-003\" = \"off\"\n").unwrap();
        assert!(run("Alerts go to Cloudwatch.\n", &config).is_empty());
    }

    #[test]
    fn dates_read_well() {
        assert_eq!(
            readable_date("2021-09-08").as_deref(),
            Some("September 8, 2021")
        );
        assert_eq!(readable_date("2021-13-08"), None);
        assert_eq!(readable_date(""), None);
    }
}
