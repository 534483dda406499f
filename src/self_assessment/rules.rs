//! The SA-3.1 rules: a self-assessment answers every requirement id that applies to the
//! solution's delivery model, each answer says more than a placeholder, and the evidence
//! it cites is there (a file beside it; for SBR-003 a page on the partner's own domain).
//! Pure: the loader answers whether a linked file exists (`Context::asset_exists`).

use std::ops::Range;
use std::path::Path;

use super::answers::{self, Answer, Answers, local_target, web_url};
use super::front::{self, Facts};
use super::vocabulary::VOCABULARY;
use crate::config::Level;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, DocumentKind};
use crate::profile::{Control, EvidenceNeed, Profile};
use crate::rules::{Context, RuleInfo};
use crate::web::policy::{on_partner_domain, registrable_domain};

pub const UNANSWERED: &str = "SA-3.1/unanswered";
pub const PLACEHOLDER: &str = "SA-3.1/placeholder";
pub const SHORT: &str = "SA-3.1/short";
pub const EVIDENCE_MISSING: &str = "SA-3.1/evidence-missing";
pub const EVIDENCE_DOMAIN: &str = "SA-3.1/evidence-domain";
pub const EVIDENCE_NEEDED: &str = "SA-3.1/evidence-needed";
pub const DUPLICATE: &str = "SA-3.1/duplicate";
pub const UNKNOWN_ID: &str = "SA-3.1/unknown-id";
pub const DELIVERY_MODEL: &str = "SA-3.1/delivery-model";
pub const WAIVER: &str = "SA-3.1/waiver";

/// The checklist section the rules enforce; findings are filed under it.
pub const REQUIREMENT: &str = "3.1";
const TITLE: &str = "AWS Partner Self-Assessment";
const WORDS: &str = "AWS Partner must conduct a self-assessment of their compliance to the \
requirements of the AWS Small and Medium Business (SMB) Technology Partner Validation Checklist. \
… AWS Partner must complete all sections of the Checklist.";
const APPLIES: &str = "self-assessments (`caselint: self-assessment`)";

const fn rule(
    id: &'static str,
    title: &'static str,
    level: Level,
    what: &'static str,
    why: &'static str,
    bad_example: &'static str,
    good_example: &'static str,
) -> RuleInfo {
    RuleInfo {
        id,
        title,
        requirement: REQUIREMENT,
        requirement_title: TITLE,
        checklist_words: WORDS,
        default_level: level,
        default_level_docs: level,
        applies_to: APPLIES,
        what,
        why,
        bad_example,
        good_example,
        fix_safety: "No automatic fix: the answer is yours to write.",
    }
}

pub const RULES: &[RuleInfo] = &[
    rule(
        UNANSWERED,
        "every requirement id that applies is answered",
        Level::Error,
        "Every id of the checklist that applies to the solution's `delivery_model` (the \
checklist's \"Applies to\") needs an answer: a heading carrying the id (`#### REL-003 …`), a \
paragraph or list item starting with it (`**REL-003:** …`), or a table row with the id in a \
cell. The finding sits where the answer belongs, after the previous id's answer. `caselint new \
--kind self-assessment` writes a template with every applicable id.",
        "AWS does not consider an incomplete application: \"AWS Partner must complete all \
sections of the Checklist\".",
        "(no REL-003 anywhere in the file)",
        "#### REL-003 Manage AWS and application logs centrally.\n\nEvery service ships its \
logs to one Amazon CloudWatch Logs account; the AWS logs (CloudTrail, VPC Flow Logs) land there too.",
    ),
    rule(
        PLACEHOLDER,
        "an answer is more than a placeholder",
        Level::Error,
        "An answer that still holds the template's TODO (or TBD, FIXME, …), template filler \
(\"your answer here\", \"to be completed\"), only the checklist's own words, or \"N/A\" \
without a reason. The marks and phrases are data (`lexicon/self-assessment.toml`).",
        "The validator reads the self-assessment offline before the call; a placeholder is an \
unanswered requirement.",
        "**OPE-003:** TBD",
        "**OPE-003:** Every change is reviewed by a second engineer in a GitHub pull request; \
the branch protection rule blocks merging without an approval.",
    ),
    rule(
        SHORT,
        "an answer says how the requirement is met",
        Level::Warning,
        "An answer shorter than `min_answer_words` (lexicon/self-assessment.toml) that links no \
evidence, or a bare \"Yes\" or \"Done\". A warning: a short answer can be enough.",
        "\"Yes\" tells the validator nothing it can check; a sentence on what, with which tool, \
and a link to the evidence does.",
        "**SECOPS-011:** Yes.",
        "**SECOPS-011:** All certificates are issued and renewed by AWS Certificate Manager; an \
Amazon EventBridge rule alerts the on-call engineer 30 days before any expiry.",
    ),
    rule(
        EVIDENCE_MISSING,
        "a file an answer links to exists",
        Level::Error,
        "A relative link or image in an answer (`[Runbooks](evidence/runbooks.pdf)`) must name a \
file that exists beside the self-assessment. Web links are not fetched by this rule.",
        "Evidence that is not there cannot be uploaded with the application or shown on the \
validation call.",
        "[GTM strategy](evidence/gtm-strategy.pdf) (no such file)",
        "[GTM strategy](evidence/gtm-strategy-2026.pdf) (the file is there)",
    ),
    rule(
        EVIDENCE_DOMAIN,
        "SBR-003's URL is on the partner's own domain",
        Level::Error,
        "Ids whose evidence is a page on the partner's domain (SBR-003: \"The URL should be \
hosted on your organization's domain\") must link one whose host is on `partner.domain`'s \
registrable domain (`blog.partner.com` is on `partner.com`; `partner.com.example.net` is not), \
as public case-study URLs are checked.",
        "A thought-leadership post on a third-party site does not show the partner's own web \
presence.",
        "SBR-003: https://medium.com/@brightchair/smb-reminders",
        "SBR-003: https://www.brightchair.example/blog/smb-no-shows",
    ),
    rule(
        EVIDENCE_NEEDED,
        "an answer links the evidence its id asks for",
        Level::Warning,
        "Ids whose checklist words ask for evidence (a Go-to-Market document, the customer list, \
the architecture diagrams, the customer-facing documentation, sales collateral, Marketplace \
listings) should link it. A warning: the files may be uploaded beside the application.",
        "The validator checks the evidence, not the description of it.",
        "**DOC-001:** Our diagrams show every AWS service.",
        "**DOC-001:** [Production architecture](evidence/architecture.png) shows every AWS \
service, VPC, AZ and subnet.",
    ),
    rule(
        DUPLICATE,
        "each id is answered once",
        Level::Warning,
        "A second heading, label or row for an id already answered: often a copy-paste slip \
that leaves another id unanswered. The first answer is the one caselint reads.",
        "Two answers to one id leave the validator guessing which one holds.",
        "## REL-003 …\n…\n## REL-003 … (again)",
        "## REL-003 …\n…\n## REL-004 …",
    ),
    rule(
        UNKNOWN_ID,
        "an id-like label names a requirement of this checklist",
        Level::Warning,
        "A heading, label or row carrying an id of a known family that this checklist version \
does not have (`DOC-004`, `IAM-001`): a typo, or an id from another checklist version.",
        "An answer under a wrong id answers nothing.",
        "## DOC-004 Customer facing documentation",
        "## DOC-003 Customer facing documentation",
    ),
    rule(
        WAIVER,
        "the other competency that waives a section is recent enough",
        Level::Error,
        "The Common Technical Requirements are waived \"if the AWS Partner has achieved another \
AWS Software Competency within the last 12 months for the associated offering\" (the profile's \
`waivable_sections` and `waiver_months`). With `other_competency: { name: …, achieved: \
YYYY-MM-DD }` in the front matter, those ids need no answer; an achievement date older than the \
window, or in the future, is this error and the ids must be answered.",
        "A waiver AWS will not grant leaves a whole section unanswered.",
        "other_competency: { name: AWS Security Competency, achieved: 2024-01-10 }",
        "other_competency: { name: AWS Security Competency, achieved: 2026-03-15 }",
    ),
    rule(
        DELIVERY_MODEL,
        "the solution's delivery model is one the competency accepts",
        Level::Error,
        "The profile lists the delivery models the competency accepts; for SMB, checklist 1.4: \
\"Deployment models must be SaaS on AWS. Please note that customer deployed solutions are not \
eligible\".",
        "An application for an ineligible solution is not reviewed.",
        "delivery_model: Customer Deployed",
        "delivery_model: SaaS",
    ),
];

/// The SA-3.1 findings (and the self-assessment's front-matter findings) for `doc`.
pub fn check(doc: &Document, ctx: &Context) -> Vec<Diagnostic> {
    if doc.kind != DocumentKind::SelfAssessment || ctx.profile.controls.is_empty() {
        return Vec::new();
    }
    let profile = ctx.profile;
    let (facts, mut out) = front::read(doc, profile);
    let found = answers::find(doc, profile);
    let waived = facts.waived(profile, ctx.today);
    if let Some(waiver) = facts.waiver.as_ref().filter(|_| !waived) {
        out.push(finding(
            WAIVER,
            Severity::Error,
            waiver.span.clone(),
            format!(
                "{} was achieved on {}, not within the {} months before {}: the {} must be answered",
                waiver.competency,
                waiver.achieved,
                profile.self_assessment.waiver_months.unwrap_or_default(),
                ctx.today,
                profile.self_assessment.waivable_sections.join(", ")
            ),
        ));
    }
    for unknown in &found.unknown {
        let family = unknown.id.split('-').next().unwrap_or_default();
        let known: Vec<&str> = profile
            .controls
            .iter()
            .filter(|c| c.id.split('-').next() == Some(family))
            .map(|c| c.id.as_str())
            .collect();
        out.push(finding(
            UNKNOWN_ID,
            Severity::Warning,
            unknown.span.clone(),
            format!(
                "`{}` is not a requirement of this checklist ({}): its {family} ids are {}",
                unknown.id,
                profile.profile.id,
                known.join(", ")
            ),
        ));
    }
    for (index, control) in profile.controls.iter().enumerate() {
        let answers = &found.by_control[index];
        for duplicate in answers.iter().skip(1) {
            out.push(finding(
                DUPLICATE,
                Severity::Warning,
                duplicate.anchor.clone(),
                format!(
                    "{} is answered again here (first at line {}): keep one answer",
                    control.id,
                    doc.line_col(answers[0].anchor.start).0
                ),
            ));
        }
        for answer in answers {
            out.extend(missing_files(doc, ctx, control, answer));
        }
        if !control.applies(&facts.models) {
            continue;
        }
        let waived_here = waived
            && profile
                .self_assessment
                .waivable_sections
                .contains(&control.section);
        match answers.first() {
            None if waived_here => {}
            None => out.push(unanswered(doc, profile, &found, &facts, index)),
            Some(answer) => out.extend(judge(doc, control, answer, &facts)),
        }
    }
    out.sort_by_key(|d| d.span.start);
    out
}

fn finding(
    rule: &str,
    severity: Severity,
    span: Range<usize>,
    message: impl Into<String>,
) -> Diagnostic {
    Diagnostic::new(rule, severity, span, message).with_requirement(REQUIREMENT)
}

/// Where an unanswered id's answer belongs: after the answer of the id before it in the
/// checklist's order, else before the next one answered, else at the top of the body.
fn unanswered(
    doc: &Document,
    profile: &Profile,
    found: &Answers,
    facts: &Facts,
    index: usize,
) -> Diagnostic {
    let control = &profile.controls[index];
    let before = (0..index)
        .rev()
        .find_map(|i| found.by_control[i].first().map(|a| (i, a)));
    let after = (index + 1..profile.controls.len())
        .find_map(|i| found.by_control[i].first().map(|a| a.span.start));
    let (at, place) = match before {
        Some((i, answer)) => (
            answer.span.end,
            format!(", after {}'s answer", profile.controls[i].id),
        ),
        None => (after.unwrap_or(doc.body_start), String::new()),
    };
    let at = at.min(doc.source.len());
    let applies = if control.applies_to.is_empty() || facts.models.is_empty() {
        String::new()
    } else {
        format!(" (it applies to {})", control.applies_to_text())
    };
    finding(
        UNANSWERED,
        Severity::Error,
        at..at,
        format!(
            "{} {} is not answered{applies}: add a `#### {} {}` heading with your answer here{place}",
            control.id,
            control.title.trim_end_matches('.'),
            control.id,
            control.title
        ),
    )
    .with_help(format!(
        "The checklist asks: \"{}\"",
        first_sentence(&control.words)
    ))
}

fn first_sentence(words: &str) -> &str {
    let line = words.lines().next().unwrap_or_default();
    match line.find(". ") {
        Some(i) => &line[..=i],
        None => line,
    }
}

/// Relative links of an answer to files that are not there.
fn missing_files(
    doc: &Document,
    ctx: &Context,
    control: &Control,
    answer: &Answer,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for &i in &answer.links {
        let link = &doc.links[i];
        let Some(target) = local_target(link) else {
            continue;
        };
        if (ctx.asset_exists)(Path::new(target)) {
            continue;
        }
        let span = link.destination_span.clone().unwrap_or(link.span.clone());
        out.push(finding(
            EVIDENCE_MISSING,
            Severity::Error,
            span,
            format!(
                "{}'s evidence `{target}` does not exist beside this file: add the file, or correct the link",
                control.id
            ),
        ));
    }
    out
}

/// The findings about one applicable answer.
fn judge(doc: &Document, control: &Control, answer: &Answer, facts: &Facts) -> Vec<Diagnostic> {
    let v = &*VOCABULARY;
    let id = &control.id;
    let text = answer.text(doc);
    let words = count_words(&text);
    let has_links = !answer.links.is_empty();

    // Marks and filler, at the exact place.
    for piece in &answer.pieces {
        let prose = answers::piece_prose(doc, piece);
        let hay = &prose.text[piece.range.clone()];
        if let Some((range, mark)) = find_marker(hay, &v.markers) {
            let at =
                prose.source_range(piece.range.start + range.start..piece.range.start + range.end);
            return vec![finding(
                PLACEHOLDER,
                Severity::Error,
                at,
                format!(
                    "{id}'s answer still holds `{mark}`: replace it with how you meet the requirement"
                ),
            )];
        }
        if let Some(range) = find_phrase(hay, &v.filler) {
            let at =
                prose.source_range(piece.range.start + range.start..piece.range.start + range.end);
            return vec![finding(
                PLACEHOLDER,
                Severity::Error,
                at.clone(),
                format!(
                    "{id}'s answer is template filler (`{}`): write how you meet the requirement",
                    &doc.source[at]
                ),
            )];
        }
    }
    if words == 0 && !has_links {
        return vec![finding(
            PLACEHOLDER,
            Severity::Error,
            answer.anchor.clone(),
            format!(
                "{id} has no answer under it yet, only the checklist's words: say how you meet it"
            ),
        )];
    }
    let lower = text.to_lowercase();
    if let Some(na) = v
        .not_applicable
        .iter()
        .find(|na| starts_with_word(&lower, na))
    {
        let reason = count_words(&lower[na.len()..]);
        if reason < v.min_reason_words {
            let at = answer
                .pieces
                .first()
                .map(|p| {
                    let prose = answers::piece_prose(doc, p);
                    let lead = prose.text[p.range.clone()].len()
                        - prose.text[p.range.clone()].trim_start().len();
                    prose.source_range(p.range.start + lead..p.range.start + lead + na.len())
                })
                .unwrap_or(answer.anchor.clone());
            return vec![finding(
                PLACEHOLDER,
                Severity::Error,
                at,
                format!(
                    "{id} is marked `{}` without a reason: the checklist applies it to {}, so say why it does not apply to your solution",
                    text.get(..na.len()).unwrap_or(na),
                    applies_in_words(control)
                ),
            )];
        }
        return Vec::new();
    }
    let mut out = Vec::new();
    let bare = normalize_words(&lower);
    // A table under the id (KPIs and their thresholds) says more than its word count.
    let has_table = answer.by != answers::By::TableRow
        && answer
            .pieces
            .iter()
            .filter(|p| answers::piece_prose(doc, p).block == crate::document::BlockKind::TableCell)
            .count()
            >= 2;
    if !has_links && v.bare.contains(&bare) {
        out.push(finding(
            SHORT,
            Severity::Warning,
            answer.anchor.clone(),
            format!("`{text}` does not say how {id} is met: describe what you do, with which tools, and link the evidence"),
        ));
    } else if !has_links && !has_table && words < v.min_answer_words {
        out.push(finding(
            SHORT,
            Severity::Warning,
            answer.anchor.clone(),
            format!(
                "{id}'s answer has {words} word{}: say how you meet it (what, with which AWS services or tools, who) and link the evidence",
                if words == 1 { "" } else { "s" }
            ),
        ));
    }
    match control.evidence {
        Some(EvidenceNeed::PartnerUrl) => out.extend(partner_url(doc, control, answer, facts)),
        Some(EvidenceNeed::Link) if !has_links => out.push(finding(
            EVIDENCE_NEEDED,
            Severity::Warning,
            answer.anchor.clone(),
            format!(
                "{id} asks for evidence ({}): link it, or say where it is attached",
                control.evidence_what
            ),
        )),
        _ => {}
    }
    out
}

/// SBR-003: at least one URL on the partner's registrable domain.
fn partner_url(
    doc: &Document,
    control: &Control,
    answer: &Answer,
    facts: &Facts,
) -> Vec<Diagnostic> {
    let Some(domain) = facts.partner_domain.as_deref() else {
        return Vec::new(); // The front matter's finding asks for the domain.
    };
    let urls: Vec<(url::Url, Range<usize>)> = answer
        .links
        .iter()
        .filter_map(|&i| {
            let link = &doc.links[i];
            let url = web_url(link)?;
            Some((
                url,
                link.destination_span.clone().unwrap_or(link.span.clone()),
            ))
        })
        .collect();
    if urls.iter().any(|(url, _)| on_partner_domain(url, domain)) {
        return Vec::new();
    }
    let partner = registrable_domain(domain);
    match urls.first() {
        None => vec![finding(
            EVIDENCE_DOMAIN,
            Severity::Error,
            answer.anchor.clone(),
            format!(
                "{} asks for {}: the answer links none (your domain: {partner})",
                control.id, control.evidence_what
            ),
        )],
        Some((_, span)) => {
            let hosts: Vec<String> = urls
                .iter()
                .map(|(url, _)| registrable_domain(url.host_str().unwrap_or_default()))
                .collect();
            vec![finding(
                EVIDENCE_DOMAIN,
                Severity::Error,
                span.clone(),
                format!(
                    "{} asks for a URL hosted on your organization's domain ({partner}); {} {} not",
                    control.id,
                    hosts.join(", "),
                    if hosts.len() == 1 { "is" } else { "are" }
                ),
            )]
        }
    }
}

/// "SaaS solutions", "SaaS and Customer Deployed solutions", "every application".
fn applies_in_words(control: &Control) -> String {
    if control.applies_to.is_empty() {
        return "every application".to_string();
    }
    let names: Vec<&str> = control.applies_to.iter().map(|m| m.as_str()).collect();
    format!("{} solutions", names.join(" and "))
}

fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn normalize_words(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn starts_with_word(text: &str, word: &str) -> bool {
    text.starts_with(word)
        && text[word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// A marker in capitals as a whole word.
fn find_marker<'m>(text: &str, markers: &'m [String]) -> Option<(Range<usize>, &'m str)> {
    for (i, _) in text.char_indices() {
        if text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        for mark in markers {
            if text[i..].starts_with(mark.as_str())
                && text[i + mark.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
            {
                return Some((i..i + mark.len(), mark));
            }
        }
    }
    None
}

/// A phrase in any case, on word boundaries.
fn find_phrase(text: &str, phrases: &[String]) -> Option<Range<usize>> {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return None; // Offsets would not map back; filler is plain ASCII.
    }
    for phrase in phrases {
        let mut from = 0;
        while let Some(found) = lower[from..].find(phrase.as_str()) {
            let start = from + found;
            let end = start + phrase.len();
            let before = lower[..start].chars().next_back();
            let after = lower[end..].chars().next();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
            {
                return Some(start..end);
            }
            from = end;
        }
    }
    None
}

/// Drops DOC-003 findings (names, spelling, grammar) inside the checklist's own words
/// quoted in a self-assessment: AWS's text is not the partner's to fix.
pub fn drop_findings_in_quotes(doc: &Document, profile: &Profile, found: &mut Vec<Diagnostic>) {
    if doc.kind != DocumentKind::SelfAssessment
        || profile.controls.is_empty()
        || !found.iter().any(|d| d.requirement == "DOC-003")
    {
        return;
    }
    let checklist = answers::Checklist::new(profile);
    let quoted: Vec<Range<usize>> = doc
        .prose
        .iter()
        .filter(|p| p.span.start >= doc.body_start)
        .filter_map(|p| {
            let heading = matches!(p.block, crate::document::BlockKind::Heading(_));
            let text = if heading {
                strip_ids(&p.text)
            } else {
                p.text.as_str()
            };
            checklist.quotes(text, heading).then(|| p.span.clone())
        })
        .collect();
    found.retain(|d| {
        d.requirement != "DOC-003"
            || !quoted
                .iter()
                .any(|q| q.start <= d.span.start && d.span.end <= q.end)
    });
}

/// A heading's text without the ids and numbering before its title ("#### REL-003 Manage
/// …" → "Manage …").
fn strip_ids(text: &str) -> &str {
    let mut rest = text.trim_start();
    loop {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..word_end];
        let is_id = word.chars().any(|c| c.is_ascii_digit())
            && word
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-.:".contains(c));
        if !is_id || word_end == rest.len() {
            return rest;
        }
        rest = rest[word_end..].trim_start();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_and_filler() {
        let markers = vec!["TODO".to_string(), "TBD".to_string()];
        assert_eq!(
            find_marker("We use TBD.", &markers).map(|m| m.1),
            Some("TBD")
        );
        assert_eq!(find_marker("A todo app, TODOS", &markers), None);
        let filler = vec!["your answer here".to_string()];
        assert_eq!(find_phrase("Write Your answer here.", &filler), Some(6..22));
        assert_eq!(find_phrase("yours answer here", &filler), None);
    }

    #[test]
    fn heading_ids_are_stripped() {
        assert_eq!(strip_ids("REL-003 Manage logs"), "Manage logs");
        assert_eq!(strip_ids("2.1 Production AWS"), "Production AWS");
        assert_eq!(strip_ids("Reliability"), "Reliability");
    }

    #[test]
    fn rules_are_documented() {
        for rule in RULES {
            assert!(rule.id.starts_with("SA-3.1/"), "{}", rule.id);
            assert!(!rule.what.is_empty() && !rule.why.is_empty());
        }
        let profile = Profile::builtin().expect("profile");
        let words = &profile.control("3.1").expect("3.1").words;
        for part in WORDS.split(" … ") {
            assert!(words.contains(part), "{part}");
        }
    }
}
