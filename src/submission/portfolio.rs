//! The portfolio rules: checklist 1.2, 1.3, 2.1-2.4 and 4.1 over every case study of one
//! submission at once. A pure function of parsed documents, the manifest, the profile and
//! "today": no disk, no network.
//!
//! Each rule gives one result per violation (a group of duplicate case studies is one
//! violation), naming the files involved, so a submission-level problem is said once,
//! not once per file. A fact nobody recorded (no manifest) is `Unknown`: shown in the
//! readiness overview, never reported as a finding.

use jiff::civil::Date;
use serde::Serialize;

use super::customer::{id_key, name_key};
use super::manifest::Manifest;
use super::rules::SubmissionRules;
use crate::document::{BlockKind, Document, DocumentKind};
use crate::evidence::{PilotState, pilot_mentions};
use crate::meta::{CaseStudyMeta, Visibility, read_meta};
use crate::profile::ProfileInfo;

pub const CASE_STUDIES: &str = "SUB-2.1/case-studies";
pub const UNIQUE_CUSTOMERS: &str = "SUB-2.1/unique-customers";
pub const RECENT: &str = "SUB-2.1/recent";
pub const PRODUCTION: &str = "SUB-2.1/production";
pub const SMB: &str = "SUB-2.1/smb";
pub const ONE_PARTNER: &str = "SUB-2.1/one-partner";
pub const PUBLIC: &str = "SUB-2.2/public";
pub const ACE_ID: &str = "SUB-2.4/ace-id";
pub const SMB_CUSTOMERS: &str = "SUB-4.1/smb-customers";
pub const SOFTWARE_PATH: &str = "SUB-1.2/software-path";
pub const FTR: &str = "SUB-1.3/ftr";

/// What `caselint rules` and `caselint explain` say about a portfolio rule.
#[derive(Debug, Clone, Copy)]
pub struct RuleDoc {
    pub id: &'static str,
    /// The checklist section it enforces.
    pub requirement: &'static str,
    pub title: &'static str,
    /// The checklist's words, what is checked and how to fix it.
    pub detail: &'static str,
}

/// Every portfolio rule, in the order the readiness report lists them.
pub const RULES: &[RuleDoc] = &[
    RuleDoc {
        id: CASE_STUDIES,
        requirement: "2.1",
        title: "the submission holds fewer case studies than the checklist asks",
        detail: "Checklist 2.1: \"four (4) unique examples … for four (4) unique AWS customers\". \
                 caselint counts the case studies (front matter `caselint: case-study`) the \
                 manifest lists, or, without a manifest, those in the folder. Add case studies \
                 until the profile's number is reached.",
    },
    RuleDoc {
        id: UNIQUE_CUSTOMERS,
        requirement: "2.1",
        title: "two case studies are about one customer",
        detail: "Checklist 2.1: \"AWS will accept one case study per customer. Each customer must \
                 be a separate legal entity.\" Customer names are compared without case, \
                 punctuation and legal forms (\"Acme Dental, LLC\" is \"ACME Dental\"); the same ACE \
                 opportunity ID or AWS account ID in two case studies is one customer, or a \
                 copy-paste slip. Replace one of the case studies with another customer's, or \
                 correct the ID.",
    },
    RuleDoc {
        id: PUBLIC,
        requirement: "2.2",
        title: "fewer public case studies than the checklist asks",
        detail: "Checklist 2.2 / 2.3: \"At least two (2) of the provided case studies must be \
                 publicly available\". A case study counts when it is `visibility: public`, or \
                 `anonymous` with the customer's name kept private, and gives the `public_url` \
                 where the partner published it (a page that could not be fetched, or that \
                 leaves the partner's domain, does not count). Publish more of them.",
    },
    RuleDoc {
        id: RECENT,
        requirement: "2.1",
        title: "a deployment is older than the checklist's window (or in the future)",
        detail: "Checklist 2.1: \"All case studies must describe deployments that have been \
                 performed within the past 18 months\". caselint reads `production_since` and \
                 counts from today (`--today`). Replace old case studies with recent ones.",
    },
    RuleDoc {
        id: PRODUCTION,
        requirement: "2.1",
        title: "a case study describes a pilot or proof of concept",
        detail: "Checklist 2.1: projects must be \"in production with customers, rather than in a \
                 'pilot' or proof of concept stage\". caselint looks for a pilot, trial or proof \
                 of concept described as the current state (a pilot that ended is fine).",
    },
    RuleDoc {
        id: SMB,
        requirement: "2.1",
        title: "a case study's customer is not an SMB",
        detail: "Checklist 2.1 and the SMB definition: annual revenue under $100M, not startups, \
                 ISVs or digital native businesses. caselint reads `customer.segment` and \
                 `customer.annual_revenue_usd`.",
    },
    RuleDoc {
        id: ONE_PARTNER,
        requirement: "2.1",
        title: "the case studies name different partners",
        detail: "A submission is one AWS Partner's: case studies naming another partner (or a \
                 partner other than the manifest's) are usually in the wrong folder. A warning: \
                 a partner may have renamed itself.",
    },
    RuleDoc {
        id: ACE_ID,
        requirement: "2.4",
        title: "a case study has no ACE opportunity ID",
        detail: "Checklist 2.4: \"Each case study must be supplemented with the corresponding ACE \
                 Opportunity ID.\" Add `ace_opportunity_id: O1234567` to the front matter.",
    },
    RuleDoc {
        id: SMB_CUSTOMERS,
        requirement: "4.1",
        title: "fewer active SMB customers than the checklist asks",
        detail: "Checklist 4.1 / SBR-004: \"AWS Partner have 100+ SMB customers using this SaaS \
                 product on AWS.\" No document shows it: record `smb_customers` in the \
                 `[submission]` section of caselint.toml.",
    },
    RuleDoc {
        id: SOFTWARE_PATH,
        requirement: "1.2",
        title: "the partner is not at a qualifying Software Path stage",
        detail: "Checklist 1.2: \"Partner must be at the Validated or Differentiated stage within \
                 the Software Path.\" Record `software_path_stage` in `[submission]`.",
    },
    RuleDoc {
        id: FTR,
        requirement: "1.3",
        title: "no current Foundational Technical Review",
        detail: "Checklist 1.3: \"The AWS Partner solution must have a valid AWS Foundational \
                 Technical Review.\" Record `ftr_approved = YYYY-MM-DD` in `[submission]`; an \
                 approval older than the profile's `ftr_valid_months` is a warning to check that \
                 it is still valid.",
    },
];

/// One case study of the submission, as parsed.
#[derive(Debug, Clone, Copy)]
pub struct Member<'a> {
    /// How findings name it (relative to the submission's folder, `/` separators).
    pub name: &'a str,
    pub doc: &'a Document,
    /// Its published page was checked and failed (unreachable, not https, off the
    /// partner's domain): it does not count as public.
    pub page_failed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Met,
    /// Not recorded anywhere (no manifest): shown, not reported.
    Unknown,
    Warning,
    Missing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Unknown => "unknown",
            Status::Warning => "warning",
            Status::Missing => "missing",
        }
    }
}

/// One portfolio rule's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub rule: &'static str,
    pub requirement: &'static str,
    pub status: Status,
    /// What was found: for a problem, what is wrong and what to do.
    pub message: String,
    /// The case studies involved, as [`Member::name`] gives them.
    pub files: Vec<String>,
}

/// What the portfolio rules read of one case study.
struct Read<'a> {
    name: &'a str,
    meta: Option<CaseStudyMeta>,
    page_failed: bool,
    pilot: Option<String>,
}

/// Runs every portfolio rule. Members that are not case studies are ignored.
pub fn evaluate(
    members: &[Member],
    manifest: Option<&Manifest>,
    rules: &SubmissionRules,
    profile: &ProfileInfo,
    today: Date,
) -> Vec<Outcome> {
    let read: Vec<Read> = members
        .iter()
        .filter(|m| m.doc.kind == DocumentKind::CaseStudy)
        .map(|m| Read {
            name: m.name,
            meta: read_meta(m.doc, profile).0,
            page_failed: m.page_failed,
            pilot: current_pilot(m.doc),
        })
        .collect();
    let mut out = Vec::new();
    let groups = customer_groups(&read, rules);
    out.push(count(&read, groups.len(), rules));
    out.extend(duplicates(&read, &groups, rules));
    out.push(public(&read, rules));
    out.push(recent(&read, rules, today));
    out.push(production(&read));
    out.push(smb(&read, profile));
    out.push(one_partner(&read, manifest, rules));
    out.push(ace_ids(&read));
    out.extend(manifest_facts(manifest, rules, today));
    out
}

fn outcome(rule: &'static str, status: Status, message: String, files: Vec<String>) -> Outcome {
    let requirement = RULES
        .iter()
        .find(|r| r.id == rule)
        .map_or("2.1", |r| r.requirement);
    Outcome {
        rule,
        requirement,
        status,
        message,
        files,
    }
}

fn names(read: &[&Read]) -> Vec<String> {
    read.iter().map(|r| r.name.to_string()).collect()
}

/// `a.md`, `a.md and b.md`, `a.md, b.md and c.md`.
fn listing(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn count(read: &[Read], unique: usize, rules: &SubmissionRules) -> Outcome {
    let all: Vec<&Read> = read.iter().collect();
    let files = names(&all);
    if read.len() >= rules.case_studies {
        return outcome(
            CASE_STUDIES,
            Status::Met,
            format!(
                "{} ({} needed); {} unique customers",
                plural(read.len(), "case study", "case studies"),
                rules.case_studies,
                unique
            ),
            files,
        );
    }
    let held = if files.is_empty() {
        "no case studies".to_string()
    } else {
        format!(
            "{} ({})",
            plural(read.len(), "case study", "case studies"),
            listing(&files)
        )
    };
    outcome(
        CASE_STUDIES,
        Status::Missing,
        format!(
            "the submission holds {held}: the checklist asks for {}, each for a different customer; add {} more",
            rules.case_studies,
            rules.case_studies - read.len()
        ),
        files,
    )
}

/// Case studies grouped by customer: a group is every case study linked to another by the
/// same customer name (as [`name_key`] reads it), ACE opportunity ID or AWS account ID.
fn customer_groups(read: &[Read], rules: &SubmissionRules) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..read.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let keys: Vec<[Option<String>; 3]> = read.iter().map(|r| identity(r, rules)).collect();
    for a in 0..read.len() {
        for b in a + 1..read.len() {
            let linked = (0..3).any(|k| keys[a][k].is_some() && keys[a][k] == keys[b][k]);
            if linked {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                parent[rb] = ra;
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut index_of = std::collections::HashMap::new();
    for i in 0..read.len() {
        let r = root(&mut parent, i);
        let g = *index_of.entry(r).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    groups
}

/// Name key, ACE id, account id: what identifies the customer of a case study.
fn identity(read: &Read, rules: &SubmissionRules) -> [Option<String>; 3] {
    let Some(meta) = &read.meta else {
        return [None, None, None];
    };
    let nonempty = |s: String| (!s.is_empty()).then_some(s);
    [
        meta.customer
            .name
            .as_deref()
            .and_then(|n| nonempty(name_key(n, &rules.legal_suffixes))),
        meta.ace_opportunity_id
            .as_deref()
            .and_then(|i| nonempty(id_key(i))),
        meta.aws_account_id
            .as_deref()
            .and_then(|i| nonempty(id_key(i))),
    ]
}

fn duplicates(read: &[Read], groups: &[Vec<usize>], rules: &SubmissionRules) -> Vec<Outcome> {
    let mut out = Vec::new();
    for group in groups.iter().filter(|g| g.len() > 1) {
        let members: Vec<&Read> = group.iter().map(|&i| &read[i]).collect();
        let keys: Vec<[Option<String>; 3]> = members.iter().map(|r| identity(r, rules)).collect();
        let shared = |k: usize| -> Option<String> {
            // A value two of them share (the group may be linked through different keys).
            for a in 0..keys.len() {
                for b in a + 1..keys.len() {
                    if keys[a][k].is_some() && keys[a][k] == keys[b][k] {
                        return keys[a][k].clone();
                    }
                }
            }
            None
        };
        let written: Vec<String> = {
            let mut seen: Vec<String> = Vec::new();
            for r in &members {
                if let Some(name) = r.meta.as_ref().and_then(|m| m.customer.name.clone())
                    && !seen.contains(&name)
                {
                    seen.push(name);
                }
            }
            seen
        };
        let mut reasons = Vec::new();
        if shared(0).is_some() {
            let quoted: Vec<String> = written.iter().map(|n| format!("`{n}`")).collect();
            reasons.push(if quoted.len() > 1 {
                format!("the same customer written {}", listing(&quoted))
            } else {
                format!("the same customer, {}", listing(&quoted))
            });
        }
        if let Some(id) = shared(1) {
            reasons.push(format!("the same ACE opportunity ID {id}"));
        }
        if let Some(id) = shared(2) {
            reasons.push(format!("the same AWS account ID {id}"));
        }
        let files = names(&members);
        let names_differ = shared(0).is_none() && written.len() > 1;
        let verdict = if names_differ {
            format!(
                "they name different customers ({}), so one ID is a copy-paste slip, or they are one customer",
                listing(&written)
            )
        } else {
            "AWS accepts one case study per customer, so they count as one".to_string()
        };
        out.push(outcome(
            UNIQUE_CUSTOMERS,
            Status::Missing,
            format!(
                "{} are about one customer ({}): {verdict}; the submission has {} unique customers of the {} it needs",
                listing(&files),
                reasons.join("; "),
                groups.len(),
                rules.case_studies
            ),
            files,
        ));
    }
    if out.is_empty() {
        out.push(outcome(
            UNIQUE_CUSTOMERS,
            Status::Met,
            format!(
                "{} for {}",
                plural(read.len(), "case study", "case studies"),
                plural(groups.len(), "different customer", "different customers")
            ),
            Vec::new(),
        ));
    }
    out
}

fn public(read: &[Read], rules: &SubmissionRules) -> Outcome {
    let mut counted = Vec::new();
    // Published case studies that do not count, with why.
    let mut almost: Vec<(String, &str)> = Vec::new();
    for r in read {
        let Some(meta) = &r.meta else { continue };
        let published = matches!(
            meta.visibility,
            Some(Visibility::Public | Visibility::Anonymous)
        );
        if !published {
            continue;
        }
        match (&meta.public_url, r.page_failed) {
            (Some(_), false) => counted.push(r.name.to_string()),
            (Some(_), true) => {
                almost.push((r.name.to_string(), "its published page failed the check"))
            }
            (None, _) => almost.push((r.name.to_string(), "no public_url")),
        }
    }
    if counted.len() >= rules.public_case_studies {
        return outcome(
            PUBLIC,
            Status::Met,
            format!("{} published: {}", counted.len(), listing(&counted)),
            counted,
        );
    }
    let have = if counted.is_empty() {
        "no case study is public".to_string()
    } else {
        format!(
            "only {} of the {} case studies {} public ({})",
            counted.len(),
            read.len(),
            if counted.len() == 1 { "is" } else { "are" },
            listing(&counted)
        )
    };
    let mut message = format!(
        "{have}: at least {} must be published at a public_url the partner publishes (public, or anonymous)",
        rules.public_case_studies
    );
    if !almost.is_empty() {
        let why: Vec<String> = almost.iter().map(|(n, w)| format!("{n} ({w})")).collect();
        message.push_str(&format!("; not counted: {}", listing(&why)));
    }
    let mut files = counted;
    files.extend(almost.into_iter().map(|(n, _)| n));
    outcome(PUBLIC, Status::Missing, message, files)
}

fn recent(read: &[Read], rules: &SubmissionRules, today: Date) -> Outcome {
    let months = rules.deployment_window_months;
    let earliest = today
        .checked_sub(jiff::Span::new().months(i64::from(months)))
        .unwrap_or(today);
    let mut bad = Vec::new();
    let mut files = Vec::new();
    let mut undated = Vec::new();
    for r in read {
        match r.meta.as_ref().and_then(|m| m.production_since) {
            Some(date) if date < earliest => {
                bad.push(format!("{} (in production since {date})", r.name));
                files.push(r.name.to_string());
            }
            Some(date) if date > today => {
                bad.push(format!(
                    "{} (production date {date} is in the future)",
                    r.name
                ));
                files.push(r.name.to_string());
            }
            Some(_) => {}
            None => undated.push(r.name.to_string()),
        }
    }
    if !bad.is_empty() {
        return outcome(
            RECENT,
            Status::Missing,
            format!(
                "{}: every deployment must be from the {months} months before today ({today}), that is since {earliest}; replace {}",
                listing(&bad),
                if files.len() == 1 {
                    "it with a recent case study"
                } else {
                    "them with recent case studies"
                }
            ),
            files,
        );
    }
    if !undated.is_empty() {
        return outcome(
            RECENT,
            Status::Warning,
            format!(
                "{} {} no production_since, so {} cannot be checked against the {months}-month window",
                listing(&undated),
                if undated.len() == 1 { "gives" } else { "give" },
                if undated.len() == 1 {
                    "its deployment"
                } else {
                    "their deployments"
                }
            ),
            undated,
        );
    }
    outcome(
        RECENT,
        Status::Met,
        format!("every deployment is since {earliest} ({months} months before {today})"),
        Vec::new(),
    )
}

/// The first sentence that describes the solution as a pilot now, quoted.
fn current_pilot(doc: &Document) -> Option<String> {
    doc.prose
        .iter()
        .filter(|p| !matches!(p.block, BlockKind::Heading(_)))
        .find_map(|p| {
            pilot_mentions(&p.text)
                .into_iter()
                .find(|m| m.state == PilotState::Current)
                .map(|m| {
                    p.text
                        .get(m.sentence)
                        .unwrap_or_default()
                        .trim()
                        .to_string()
                })
        })
}

fn production(read: &[Read]) -> Outcome {
    let pilots: Vec<&Read> = read.iter().filter(|r| r.pilot.is_some()).collect();
    if pilots.is_empty() {
        return outcome(
            PRODUCTION,
            Status::Met,
            "no case study describes a current pilot or proof of concept".to_string(),
            Vec::new(),
        );
    }
    let quoted: Vec<String> = pilots
        .iter()
        .map(|r| {
            let sentence = r.pilot.as_deref().unwrap_or_default();
            let short: String = sentence.chars().take(120).collect();
            let cut = if short.len() < sentence.len() {
                "…"
            } else {
                ""
            };
            format!("{} (\"{short}{cut}\")", r.name)
        })
        .collect();
    outcome(
        PRODUCTION,
        Status::Missing,
        format!(
            "{} {} a pilot or proof of concept, not a deployment in production: the checklist does not accept them",
            listing(&quoted),
            if pilots.len() == 1 {
                "describes"
            } else {
                "describe"
            }
        ),
        names(&pilots),
    )
}

fn smb(read: &[Read], profile: &ProfileInfo) -> Outcome {
    let mut bad = Vec::new();
    let mut files = Vec::new();
    for r in read {
        let Some(meta) = &r.meta else { continue };
        let problems = meta.smb_problems(profile);
        if let Some((_, why)) = problems.first() {
            bad.push(format!("{} ({why})", r.name));
            files.push(r.name.to_string());
        }
    }
    if bad.is_empty() {
        return outcome(
            SMB,
            Status::Met,
            "no customer is outside the SMB segment".to_string(),
            Vec::new(),
        );
    }
    outcome(
        SMB,
        Status::Missing,
        format!(
            "{}: every case study must be about an SMB customer; replace {}",
            listing(&bad),
            if files.len() == 1 { "it" } else { "them" }
        ),
        files,
    )
}

fn one_partner(read: &[Read], manifest: Option<&Manifest>, rules: &SubmissionRules) -> Outcome {
    let named: Vec<(&str, String)> = read
        .iter()
        .filter_map(|r| {
            let name = r.meta.as_ref()?.partner.name.clone()?;
            Some((r.name, name))
        })
        .collect();
    let key = |n: &str| name_key(n, &rules.legal_suffixes);
    let expected = manifest
        .and_then(|m| m.partner.clone())
        .or_else(|| named.first().map(|(_, n)| n.clone()));
    let Some(expected) = expected else {
        return outcome(
            ONE_PARTNER,
            Status::Met,
            "no case study names its partner".to_string(),
            Vec::new(),
        );
    };
    let others: Vec<&(&str, String)> = named
        .iter()
        .filter(|(_, n)| key(n) != key(&expected))
        .collect();
    if others.is_empty() {
        return outcome(
            ONE_PARTNER,
            Status::Met,
            format!("every case study names {expected}"),
            Vec::new(),
        );
    }
    let from = if manifest.and_then(|m| m.partner.as_ref()).is_some() {
        "the manifest's partner"
    } else {
        "the first case study's partner"
    };
    let listed: Vec<String> = others
        .iter()
        .map(|(file, n)| format!("{file} (`{n}`)"))
        .collect();
    outcome(
        ONE_PARTNER,
        Status::Warning,
        format!(
            "{} {} another partner than {from}, `{expected}`: a submission is one partner's case studies",
            listing(&listed),
            if others.len() == 1 { "names" } else { "name" }
        ),
        others.iter().map(|(f, _)| f.to_string()).collect(),
    )
}

fn ace_ids(read: &[Read]) -> Outcome {
    let missing: Vec<&Read> = read
        .iter()
        .filter(|r| {
            r.meta
                .as_ref()
                .is_none_or(|m| m.ace_opportunity_id.is_none())
        })
        .collect();
    if missing.is_empty() {
        return outcome(
            ACE_ID,
            Status::Met,
            "every case study gives its ACE opportunity ID".to_string(),
            Vec::new(),
        );
    }
    let files = names(&missing);
    outcome(
        ACE_ID,
        Status::Missing,
        format!(
            "{} {} no valid ACE opportunity ID: each case study must come with its ACE opportunity ID (ace_opportunity_id: O1234567 in the front matter)",
            listing(&files),
            if files.len() == 1 { "has" } else { "have" }
        ),
        files,
    )
}

/// The facts only the manifest records: 4.1, 1.2, 1.3. Without a manifest they are
/// unknown; a manifest that leaves one out gets a warning.
fn manifest_facts(
    manifest: Option<&Manifest>,
    rules: &SubmissionRules,
    today: Date,
) -> Vec<Outcome> {
    let not_recorded = |rule: &'static str, key: &str, what: &str| {
        let (status, message) = match manifest {
            None => (
                Status::Unknown,
                format!(
                    "not recorded: add `{key}` to a `[submission]` section in caselint.toml ({what})"
                ),
            ),
            Some(_) => (
                Status::Warning,
                format!(
                    "the manifest does not record {what}: add `{key}` to its `[submission]` section"
                ),
            ),
        };
        outcome(rule, status, message, Vec::new())
    };
    let mut out = Vec::new();
    out.push(match manifest.and_then(|m| m.smb_customers) {
        None => not_recorded(SMB_CUSTOMERS, "smb_customers", "the number of active SMB customers"),
        Some(n) if n < rules.smb_customers => outcome(
            SMB_CUSTOMERS,
            Status::Missing,
            format!(
                "the manifest records {n} active SMB customers: the checklist asks for {} or more using the product on AWS",
                rules.smb_customers
            ),
            Vec::new(),
        ),
        Some(n) => outcome(
            SMB_CUSTOMERS,
            Status::Met,
            format!("{n} active SMB customers ({}+ needed)", rules.smb_customers),
            Vec::new(),
        ),
    });
    let stages = &rules.software_path_stages;
    out.push(
        match manifest.and_then(|m| m.software_path_stage.as_deref()) {
            None => not_recorded(
                SOFTWARE_PATH,
                "software_path_stage",
                "the Software Path stage",
            ),
            Some(stage)
                if stages.is_empty()
                    || stages.iter().any(|s| s.eq_ignore_ascii_case(stage.trim())) =>
            {
                outcome(
                    SOFTWARE_PATH,
                    Status::Met,
                    format!("Software Path stage: {}", stage.trim()),
                    Vec::new(),
                )
            }
            Some(stage) => outcome(
                SOFTWARE_PATH,
                Status::Missing,
                format!(
                    "the Software Path stage is `{}`: the checklist asks for {}",
                    stage.trim(),
                    listing(&stages.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>())
                        .replace(" and ", " or ")
                ),
                Vec::new(),
            ),
        },
    );
    let ftr_written = manifest.and_then(|m| m.ftr_approved.as_ref()).is_some();
    out.push(match manifest.and_then(Manifest::ftr_date) {
        None if ftr_written => outcome(
            FTR,
            Status::Missing,
            "`ftr_approved` is not a date: write it as YYYY-MM-DD".to_string(),
            Vec::new(),
        ),
        None => not_recorded(FTR, "ftr_approved", "the FTR approval date"),
        Some(date) if date > today => outcome(
            FTR,
            Status::Missing,
            format!("the FTR approval date {date} is in the future (today is {today})"),
            Vec::new(),
        ),
        Some(date) => {
            let stale = rules.ftr_valid_months.and_then(|months| {
                let limit = today.checked_sub(jiff::Span::new().months(i64::from(months))).ok()?;
                (date < limit).then_some(months)
            });
            match stale {
                Some(months) => outcome(
                    FTR,
                    Status::Warning,
                    format!(
                        "the FTR was approved on {date}, more than {months} months ago: check in AWS Partner Central that it is still valid for this solution"
                    ),
                    Vec::new(),
                ),
                None => outcome(FTR, Status::Met, format!("FTR approved on {date}"), Vec::new()),
            }
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;

    fn case_study(name: &str, ace: &str, account: &str, visibility: &str, since: &str) -> Document {
        let url = if visibility == "private" {
            String::new()
        } else {
            format!("public_url: https://www.partner.example/customers/{ace}\n")
        };
        let text = format!(
            "---\ncaselint: case-study\nvisibility: {visibility}\ncustomer:\n  name: \"{name}\"\n  description: a dental group\n  segment: SMB\npartner:\n  name: Partner Co\nproduction_since: {since}\nace_opportunity_id: {ace}\naws_account_id: \"{account}\"\n{url}---\n\n# Story\n\nThe solution has been in production since go-live.\n"
        );
        Document::parse(format!("{account}.md"), text).0
    }

    fn run(docs: &[Document], manifest: Option<&Manifest>) -> Vec<Outcome> {
        let profile = Profile::builtin().expect("profile");
        let rules = profile.submission.clone().expect("[submission]");
        let names: Vec<String> = docs.iter().map(|d| d.path.display().to_string()).collect();
        let members: Vec<Member> = docs
            .iter()
            .zip(&names)
            .map(|(doc, name)| Member {
                name,
                doc,
                page_failed: false,
            })
            .collect();
        evaluate(
            &members,
            manifest,
            &rules,
            &profile.profile,
            jiff::civil::date(2026, 2, 1),
        )
    }

    fn problems(outcomes: &[Outcome]) -> Vec<(&str, Status)> {
        outcomes
            .iter()
            .filter(|o| matches!(o.status, Status::Warning | Status::Missing))
            .map(|o| (o.rule, o.status))
            .collect()
    }

    fn four() -> Vec<Document> {
        vec![
            case_study(
                "Acme Dental",
                "O1000001",
                "100000000001",
                "public",
                "2025-06-01",
            ),
            case_study(
                "Birch Dental",
                "O1000002",
                "100000000002",
                "public",
                "2025-06-01",
            ),
            case_study(
                "Cedar Dental",
                "O1000003",
                "100000000003",
                "private",
                "2025-06-01",
            ),
            case_study(
                "Dune Dental",
                "O1000004",
                "100000000004",
                "anonymous",
                "2025-06-01",
            ),
        ]
    }

    #[test]
    fn four_distinct_customers_pass_and_unrecorded_facts_are_unknown() {
        let outcomes = run(&four(), None);
        assert!(problems(&outcomes).is_empty(), "{outcomes:#?}");
        let unknown = outcomes
            .iter()
            .filter(|o| o.status == Status::Unknown)
            .count();
        assert_eq!(unknown, 3);
    }

    #[test]
    fn a_group_of_three_copies_is_one_finding() {
        let mut docs = four();
        docs[1] = case_study(
            "ACME Dental, LLC",
            "O1000002",
            "100000000002",
            "public",
            "2025-06-01",
        );
        docs[2] = case_study(
            "Cedar Dental",
            "O1000001",
            "100000000003",
            "private",
            "2025-06-01",
        );
        let outcomes = run(&docs, None);
        let dupes: Vec<&Outcome> = outcomes
            .iter()
            .filter(|o| o.rule == UNIQUE_CUSTOMERS)
            .collect();
        assert_eq!(dupes.len(), 1, "{dupes:#?}");
        assert_eq!(
            dupes[0].files,
            ["100000000001.md", "100000000002.md", "100000000003.md"]
        );
        assert!(
            dupes[0].message.contains("2 unique customers"),
            "{}",
            dupes[0].message
        );
    }

    #[test]
    fn manifest_facts_are_checked_against_the_profile() {
        let manifest = Manifest {
            smb_customers: Some(99),
            software_path_stage: Some("Ready".to_string()),
            ftr_approved: "2022-01-10".parse().ok(),
            ..Manifest::default()
        };
        let outcomes = run(&four(), Some(&manifest));
        assert_eq!(
            problems(&outcomes),
            [
                (SMB_CUSTOMERS, Status::Missing),
                (SOFTWARE_PATH, Status::Missing),
                (FTR, Status::Warning)
            ]
        );
        let complete = Manifest {
            smb_customers: Some(100),
            software_path_stage: Some("differentiated".to_string()),
            ftr_approved: "2025-01-10".parse().ok(),
            ..Manifest::default()
        };
        assert!(problems(&run(&four(), Some(&complete))).is_empty());
        // A manifest that leaves a fact out: a warning, not silence.
        let partial = Manifest::default();
        assert_eq!(problems(&run(&four(), Some(&partial))).len(), 3);
    }
}
