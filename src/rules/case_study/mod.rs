//! The checklist's case-study requirements (UCR, PS, CO, 2.1, 2.2/2.3), driven by the
//! profile: each requirement finds the parts of the document that answer it
//! ([`attribution`]: headings, inline labels, content), then asks the evidence detectors
//! the profile names, there first and then in the whole text. An error means the case
//! study lacks the evidence; evidence under an unexpected heading is at most a warning.
//! The code knows no requirement by name.

pub mod attribution;

use std::ops::Range;

use jiff::civil::Date;

use super::Context;
use crate::config::Level;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{BlockKind, Document, DocumentKind};
use crate::evidence::{self, Env, Scope};
use crate::meta::{CaseStudyMeta, Visibility, has_key, key_location, read_meta};
use crate::profile::{Check, Profile, Requirement};
use attribution::{Attribution, By, Names, Part};

/// The rule id for a document checked against a checklist past its validity.
pub const CHECKLIST_VERSION: &str = "checklist-version";
/// A section of its own with less than this share (1/N) of its requirement's expected
/// length is an empty answer ("## Challenge" over "Old backups."), not a short one.
const THIN_ANSWER_SHARE: usize = 4;
/// Text the template leaves for the writer to replace.
pub const PLACEHOLDER_MARK: &str = "TODO";

/// Places shown for evidence told elsewhere: enough to find it, not a list to read.
const MAX_RELATED: usize = 3;

pub fn check(doc: &Document, ctx: &Context) -> Vec<Diagnostic> {
    check_with_evidence(doc, ctx, None)
}

/// The checks that passed and what their detectors found, for `--verbose`.
pub fn passed(doc: &Document, ctx: &Context) -> Vec<crate::diagnostic::Met> {
    let mut passed = Vec::new();
    check_with_evidence(doc, ctx, Some(&mut passed));
    passed
}

fn record_met(
    passed: &mut Option<&mut Vec<crate::diagnostic::Met>>,
    rule: &str,
    requirement: &str,
    found: &[evidence::Evidence],
) {
    if let Some(passed) = passed.as_deref_mut() {
        passed.push(crate::diagnostic::Met {
            rule: rule.to_string(),
            requirement: requirement.to_string(),
            found: found
                .iter()
                .map(|e| (e.span.clone(), e.note.clone()))
                .collect(),
        });
    }
}

fn check_with_evidence(
    doc: &Document,
    ctx: &Context,
    mut passed: Option<&mut Vec<crate::diagnostic::Met>>,
) -> Vec<Diagnostic> {
    // Public pages (fetched, or saved from a browser) run the requirements whose `kinds`
    // name "public-page" (checklist 2.2, 2.3): the same engine, the same detectors.
    if !matches!(doc.kind, DocumentKind::CaseStudy | DocumentKind::PublicPage) {
        return Vec::new();
    }
    let profile = ctx.profile;
    let mut out = Vec::new();
    let fm_anchor = front_matter_anchor(doc);

    if let Some(note) = expired_profile(profile, ctx.today) {
        out.push(Diagnostic::new(CHECKLIST_VERSION, Severity::Warning, fm_anchor.clone(), note).with_help(
            "Check the AWS Partner Central page of the competency for a newer checklist and pass its profile with --profile.",
        ));
    }

    let (meta, meta_findings) = read_meta(doc, &profile.profile);
    let placeholders = placeholder_keys(doc);
    // A value still holding the template's TODO is reported once as a placeholder, not as
    // a type error.
    out.extend(meta_findings.into_iter().filter(|d| {
        !placeholders
            .iter()
            .any(|(_, line)| span_on_line(doc, &d.span, *line))
    }));
    if !placeholders.is_empty() {
        let keys: Vec<&str> = placeholders.iter().map(|(k, _)| k.as_str()).collect();
        out.push(
            Diagnostic::new(
                "front-matter/placeholder",
                Severity::Error,
                fm_anchor.clone(),
                format!(
                    "the front matter still has template placeholders: {}",
                    keys.join(", ")
                ),
            )
            .with_requirement("2.1")
            .with_help("Replace each TODO with the case study's real value."),
        );
    }

    if let Some(meta) = &meta
        && meta.visibility == Some(Visibility::Anonymous)
        && let Some(name) = &meta.customer.name
    {
        out.extend(name_leaks(doc, name, meta.customer.description.as_deref()));
    }

    let kind = doc.kind.as_str();
    // Malformed front matter: the body is still checked; what needs its values is not.
    let front_matter_unread = doc
        .front_matter
        .as_ref()
        .is_some_and(|fm| fm.data.is_none());
    let mut not_run: Vec<String> = Vec::new();
    let visibility = match meta.as_ref().and_then(|m| m.visibility) {
        Some(Visibility::Public) => "public",
        Some(Visibility::Anonymous) => "anonymous",
        _ if front_matter_unread => raw_visibility(doc),
        _ => "private",
    };
    let names = Names {
        customer: meta.as_ref().and_then(|m| m.customer.name.as_deref()),
        partner: meta.as_ref().and_then(|m| m.partner.name.as_deref()),
    };
    let attribution = attribution::attribute(doc, profile, names);
    let asset_exists = |path: &std::path::Path| (ctx.asset_exists)(path);
    let env = Env {
        names: ctx.names,
        asset_exists: &asset_exists,
    };
    let body = Scope {
        doc,
        prose: doc.prose.iter().collect(),
        span: doc.body_start..doc.source.len(),
    };
    // Where evidence is looked for when the requirement's own parts lack it: all the
    // running text (headings name sections; they answer nothing).
    let body_text = Scope {
        doc,
        prose: doc
            .prose
            .iter()
            .filter(|p| !matches!(p.block, BlockKind::Heading(_)))
            .collect(),
        span: doc.body_start..doc.source.len(),
    };

    let unfinished = attribution
        .parts
        .iter()
        .filter(|p| p.by == By::Heading)
        .any(|part| is_placeholder(&scope_of(doc, &[part])));
    for (index, requirement) in profile
        .requirements
        .iter()
        .enumerate()
        .filter(|(_, r)| r.applies_to(kind, visibility))
    {
        let own = attribution.of(index);
        let placed: Vec<&Part> = own
            .iter()
            .copied()
            .filter(|p| p.by != By::Content)
            .collect();
        let headed: Vec<&Part> = own
            .iter()
            .copied()
            .filter(|p| p.by == By::Heading)
            .collect();
        let own_scope = (!own.is_empty()).then(|| scope_of(doc, &own));
        let anchor = placed.first().or(own.first()).map(|p| p.anchor.clone());

        if let Some(first) = headed.first()
            && is_placeholder(&scope_of(doc, &headed))
        {
            let heading_text = doc.source.get(first.anchor.clone()).unwrap_or_default();
            let heading_text = heading_text.trim_start_matches('#').trim();
            out.push(
                Diagnostic::new(
                    format!("{}/placeholder", requirement.id),
                    level_severity(requirement.level),
                    first.anchor.clone(),
                    format!(
                        "the `{heading_text}` section is still a placeholder: replace the TODO with the customer's story"
                    ),
                )
                .with_requirement(&requirement.id)
                .with_help(requirement.help.clone()),
            );
            continue;
        }

        // The requirement's own evidence, check by check: where it is answered first,
        // then anywhere in the text.
        let section_checks: Vec<&Check> = requirement
            .checks
            .iter()
            .filter(|c| c.scope == "section")
            .collect();
        let in_own: Vec<Option<evidence::Verdict>> = section_checks
            .iter()
            .map(|c| {
                own_scope
                    .as_ref()
                    .map(|scope| evidence::run(c, scope, &env))
            })
            .collect();
        let in_text: Vec<Option<evidence::Verdict>> = section_checks
            .iter()
            .zip(&in_own)
            .map(|(c, own)| {
                (c.detector != "min-words" && !own.as_ref().is_some_and(|v| v.met))
                    .then(|| evidence::run(c, &body_text, &env))
            })
            .collect();
        let met_in = |verdicts: &[Option<evidence::Verdict>], id: &str| {
            section_checks.iter().zip(verdicts).any(|(c, v)| {
                check_suffix(requirement, c) == id && v.as_ref().is_some_and(|v| v.met)
            })
        };
        let answered = |k: usize| {
            in_own[k].as_ref().is_some_and(|v| v.met) || in_text[k].as_ref().is_some_and(|v| v.met)
        };
        let substantive: Vec<usize> = (0..section_checks.len())
            .filter(|&k| section_checks[k].detector != "min-words")
            .collect();
        // With nothing else to look for, the length is the evidence.
        let thin_evidence = substantive.is_empty()
            || substantive
                .iter()
                .any(|&k| !in_own[k].as_ref().is_some_and(|v| v.met));
        // A section or label of its own that says almost nothing ("## Challenge" over
        // "Old backups."): the writer's answer is there and empty, and words found
        // elsewhere do not make it an answer.
        let own_words: usize = own_scope.as_ref().map_or(0, |s| {
            s.prose
                .iter()
                .map(|p| p.text.split_whitespace().count())
                .sum()
        });
        let thin_answer = !headed.is_empty()
            && section_checks.iter().any(|c| {
                c.detector == "min-words"
                    && c.min
                        .is_some_and(|min| own_words * THIN_ANSWER_SHARE < min as usize)
            });
        // No part answers it: an error only when its content is missing from the whole
        // text too; otherwise a hint to give it a section of its own.
        let mut content_missing = false;
        if !section_checks.is_empty() && own.is_empty() && !unfinished {
            content_missing = !substantive.is_empty() && substantive.iter().all(|&k| !answered(k));
            out.push(missing_section(requirement, doc, content_missing));
        }

        let mut section_k = 0;
        for check in &requirement.checks {
            // While the template's sections are unfinished, whole-document evidence is not
            // looked for yet: the placeholders already say what is missing.
            if check.scope == "document" && unfinished {
                continue;
            }
            if front_matter_unread && needs_front_matter(check) {
                not_run.push(format!(
                    "{}/{}",
                    requirement.id,
                    check_suffix(requirement, check)
                ));
                continue;
            }
            let rule = format!("{}/{}", requirement.id, check_suffix(requirement, check));
            let severity = level_severity(check.level.unwrap_or(requirement.level));
            let help = format!(
                "{} (checklist {}: \"{}\")",
                requirement.help, requirement.id, requirement.words
            );
            if check.scope == "section" {
                let k = section_k;
                section_k += 1;
                if unfinished || content_missing {
                    continue;
                }
                let at = anchor.clone().unwrap_or(doc.body_start..doc.body_start);
                let what = Emit {
                    rule: &rule,
                    at: &at,
                    check,
                    help: &help,
                };
                let own_verdict = in_own[k].clone();
                if check.detector == "min-words" {
                    // Length is never an error by itself: a thin answer is worth a word
                    // only when its evidence is thin too.
                    if let Some(v) = own_verdict
                        && !v.met
                        && thin_evidence
                    {
                        emit(&mut out, &what, Severity::Warning, v.problems, true);
                    }
                    continue;
                }
                match (own_verdict, in_text[k].clone()) {
                    (Some(v), _) if v.met => {
                        if v.problems.is_empty() {
                            record_met(&mut passed, &rule, &requirement.id, &v.found);
                        }
                        // Met; what is left to say (a third KPI without its method) is
                        // a second look, not a failed requirement.
                        emit(&mut out, &what, Severity::Warning, v.problems, false);
                    }
                    (own_verdict, Some(text)) if text.met && !thin_answer => {
                        // Said, but not where the validator reads this requirement.
                        if own_verdict.is_some() {
                            let elsewhere = text
                                .found
                                .first()
                                .map(|e| format!(" (line {})", doc.line_col(e.span.start).0))
                                .unwrap_or_default();
                            let mut finding = Diagnostic::new(
                                rule.clone(),
                                Severity::Warning,
                                at.clone(),
                                format!(
                                    "the part that answers {} does not {}; the case study says it elsewhere{elsewhere}: say it here too, where the validator reads {}",
                                    requirement.id, check.message, requirement.title
                                ),
                            )
                            .with_requirement(&requirement.id)
                            .with_help(help.clone());
                            let mut lines_shown: Vec<usize> = Vec::new();
                            for evidence in &text.found {
                                let line = doc.line_col(evidence.span.start).0;
                                if lines_shown.len() == MAX_RELATED || lines_shown.contains(&line) {
                                    continue;
                                }
                                lines_shown.push(line);
                                finding = finding.with_related(
                                    evidence.span.clone(),
                                    format!(
                                        "said here, outside the part that answers {}",
                                        requirement.id
                                    ),
                                );
                            }
                            out.push(finding);
                        }
                    }
                    (own_verdict, text) => {
                        let sibling_met = check
                            .satisfied_by
                            .iter()
                            .any(|id| met_in(&in_own, id) || met_in(&in_text, id));
                        let unsure = own_verdict.as_ref().is_some_and(|v| v.uncertain)
                            || text.as_ref().is_some_and(|v| v.uncertain);
                        let severity = if sibling_met || unsure {
                            Severity::Warning
                        } else {
                            severity
                        };
                        let problems = match (own_verdict, text) {
                            (Some(v), _) if !v.problems.is_empty() || thin_answer => v.problems,
                            (_, Some(t)) => t.problems,
                            _ => Vec::new(),
                        };
                        emit(&mut out, &what, severity, problems, true);
                    }
                }
                continue;
            }

            let at = match check.scope.as_str() {
                "front-matter" => fm_anchor.clone(),
                _ => anchor.clone().unwrap_or(fm_anchor.clone()),
            };
            // Results are told where results are: a number in the lessons ("took nine
            // days instead of two") or among the alternatives is no outcome.
            let outcome_scope;
            let scope = if check.detector == "outcome" {
                outcome_scope = Scope {
                    doc,
                    prose: body
                        .prose
                        .iter()
                        .copied()
                        .filter(|p| !foreign_part(&attribution, profile, "outcome", p.span.start))
                        .collect(),
                    span: body.span.clone(),
                };
                &outcome_scope
            } else {
                &body
            };
            let verdict = match check.detector.as_str() {
                "front-matter-key" => front_matter_key(doc, check, &placeholders),
                // A key still holding its TODO is reported once, as a placeholder.
                "deployment-date" if is_placeholder_key(&placeholders, "production_since") => met(),
                "solution-area" if is_placeholder_key(&placeholders, "solution_area") => met(),
                "segment" => {
                    out.extend(segment_mentions(
                        doc,
                        profile,
                        &rule,
                        &requirement.id,
                        &help,
                    ));
                    segment(doc, meta.as_ref(), profile)
                }
                "deployment-date" => deployment_date(doc, meta.as_ref(), profile, ctx.today),
                "solution-area" => solution_area(meta.as_ref(), scope),
                "customer" => customer_named(doc, meta.as_ref(), scope),
                "partner" => partner_named(doc, meta.as_ref(), scope),
                _ => evidence::run(check, scope, &env),
            };
            if verdict.met && verdict.problems.is_empty() {
                record_met(&mut passed, &rule, &requirement.id, &verdict.found);
            }
            // Evidence searched across the document but owned by a part (projections
            // among the results) is only questioned inside that part: a counterfactual
            // in the challenge ("would have cost $96,000") is no claimed result.
            let problems: Vec<(Range<usize>, String)> = verdict
                .problems
                .into_iter()
                .filter(|(span, _)| {
                    check.scope != "document"
                        || if placed.is_empty() {
                            !foreign_part(&attribution, profile, &check.detector, span.start)
                        } else {
                            placed.iter().any(|p| p.span.contains(&span.start))
                        }
                })
                .collect();
            // A projection is worth a second look, not a failed requirement.
            let problem_severity = if verdict.met || verdict.uncertain {
                Severity::Warning
            } else {
                severity
            };
            let severity = if verdict.uncertain {
                Severity::Warning
            } else {
                severity
            };
            let severity = if problems.is_empty() {
                severity
            } else {
                problem_severity
            };
            emit(
                &mut out,
                &Emit {
                    rule: &rule,
                    at: &at,
                    check,
                    help: &help,
                },
                severity,
                problems,
                !verdict.met,
            );
        }
    }
    if !not_run.is_empty() {
        out.push(
            Diagnostic::new(
                "front-matter",
                Severity::Warning,
                fm_anchor.clone(),
                format!(
                    "the front matter could not be read, so these case-study checks could not run: {}",
                    not_run.join(", ")
                ),
            )
            .with_help("Fix the front matter (see the error at its first line) and check again; the body's checks above did run."),
        );
    }
    out
}

/// Findings for a check's precise problems, which say more than its general message
/// (that becomes their help). The first carries the checklist's words; the others only
/// say what to do, so a table of ten incomplete KPIs does not repeat a paragraph. A check
/// that is not met and names no problem gets its message as the finding.
/// What a finding is about: its rule, where it points, the check and its help.
struct Emit<'a> {
    rule: &'a str,
    at: &'a Range<usize>,
    check: &'a Check,
    help: &'a str,
}

fn emit(
    out: &mut Vec<Diagnostic>,
    what: &Emit,
    severity: Severity,
    problems: Vec<(Range<usize>, String)>,
    unmet: bool,
) {
    let Emit {
        rule,
        at,
        check,
        help,
    } = *what;
    let requirement = rule.split('/').next().unwrap_or(rule);
    if unmet && problems.is_empty() {
        out.push(
            Diagnostic::new(
                rule.to_string(),
                severity,
                at.clone(),
                check.message.clone(),
            )
            .with_requirement(requirement)
            .with_help(help.to_string()),
        );
    }
    for (index, (span, problem)) in problems.into_iter().enumerate() {
        // The same problem found again by another requirement (a projection among the
        // results, seen by CO-001 and by CS-2.2) is said once.
        if out.iter().any(|d| d.span == span && d.message == problem) {
            continue;
        }
        let span = if span.is_empty() && span.start == 0 {
            at.clone()
        } else {
            span
        };
        let problem_help = if index == 0 {
            format!("{} {help}", capitalize(&check.message))
        } else {
            capitalize(&check.message)
        };
        out.push(
            Diagnostic::new(rule.to_string(), severity, span, problem)
                .with_requirement(requirement)
                .with_help(problem_help),
        );
    }
}

/// Checks that need the front matter's values (customer, segment, dates, keys).
fn needs_front_matter(check: &Check) -> bool {
    check.scope == "front-matter"
        || matches!(
            check.detector.as_str(),
            "front-matter-key"
                | "segment"
                | "deployment-date"
                | "solution-area"
                | "customer"
                | "partner"
        )
}

/// `visibility:` as written in front matter that could not be parsed, so the requirements
/// for that visibility still run on the body.
fn raw_visibility(doc: &Document) -> &'static str {
    let written = doc
        .front_matter
        .as_ref()
        .and_then(|fm| fm.key_location(&doc.source, "visibility"))
        .and_then(|at| doc.source.get(at.value))
        .map(|value| value.trim().to_ascii_lowercase());
    match written.as_deref() {
        Some("public") => "public",
        Some("anonymous") => "anonymous",
        _ => "private",
    }
}

/// Whether `offset` lies only in parts placed (by their heading or label) under
/// requirements that never ask this detector (a KPI inside an "In production" section is
/// still the results'): a projection in the challenge ("hiring would have cost
/// $96,000") is no claimed result, so a whole-document check without parts of its own
/// (CS-2.2) does not question it there.
fn foreign_part(
    attribution: &Attribution,
    profile: &Profile,
    detector: &str,
    offset: usize,
) -> bool {
    let mut placed = attribution.placed_at(offset).peekable();
    placed.peek().is_some()
        && placed.all(|index| {
            profile
                .requirements
                .get(index)
                .is_some_and(|r| !r.checks.iter().any(|c| c.detector == detector))
        })
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect::<String>() + ".",
        None => String::new(),
    }
}

/// Rule id for an anonymous case study that names its customer (checklist 2.3).
pub const NAME_LEAK: &str = "CS-2.3/customer-name-leak";

/// Every place an anonymous case study names its customer: the name is given privately
/// in the front matter and must not appear in the text, with or without its legal form.
fn name_leaks(doc: &Document, name: &str, description: Option<&str>) -> Vec<Diagnostic> {
    let full = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let mut forms = vec![full.clone()];
    let mut words: Vec<&str> = full.split(' ').collect();
    while words.len() > 1
        && words.last().is_some_and(|w| {
            let bare = w.trim_end_matches(',');
            evidence::mention::leak_legal_suffixes()
                .iter()
                .any(|s| s == bare)
        })
    {
        words.pop();
    }
    let short = words.join(" ").trim_end_matches(',').to_string();
    if short != full && short.chars().filter(|c| c.is_alphanumeric()).count() >= 3 {
        forms.push(short);
    }
    // "Adventure Works" for "Adventure Works Distribution": a leading part of two words or
    // more may still identify the customer; reported as a warning, as it can be a place or
    // a common phrase.
    let certain = forms.len();
    for keep in (2..words.len()).rev() {
        let part = words[..keep].join(" ");
        if !matches!(words[0], "the" | "a" | "an") && part.len() >= 6 {
            forms.push(part);
        }
    }
    // "Hollybrook's finance director" for "Hollybrook Garden Centres Ltd": the distinctive
    // first word, written with its capitals, is how a reader would name the customer too.
    let distinctive: Vec<String> = evidence::mention::name_forms(name)
        .into_iter()
        .filter(|(form, exact)| *exact && !forms.contains(&form.to_lowercase()))
        // "Midlands" in "Midlands Garden Group", described as "a garden group in the
        // Midlands": a word the description itself uses describes, it does not name.
        .filter(|(form, _)| description.is_none_or(|d| find_word(d, form).is_none()))
        .map(|(form, _)| form)
        .collect();
    let mut out = Vec::new();
    for prose in &doc.prose {
        let lower = prose.text.to_lowercase();
        // Lower-casing can change byte lengths outside ASCII: then only exact matches.
        let lowered = if lower.len() == prose.text.len() {
            lower.as_str()
        } else {
            prose.text.as_str()
        };
        let mut taken: Vec<Range<usize>> = Vec::new();
        let searches = forms
            .iter()
            .enumerate()
            .map(|(i, form)| (form.as_str(), i >= certain, lowered))
            .chain(
                distinctive
                    .iter()
                    .map(|form| (form.as_str(), true, prose.text.as_str())),
            );
        for (form, partial, haystack) in searches {
            let mut from = 0;
            while let Some(pos) = find_word(&haystack[from..], form).map(|p| p + from) {
                let range = pos..pos + form.len();
                from = range.end;
                if taken
                    .iter()
                    .any(|t| t.start < range.end && range.start < t.end)
                {
                    continue;
                }
                taken.push(range.clone());
                let written = prose.text.get(range.clone()).unwrap_or(form);
                let (severity, what) = if partial {
                    (Severity::Warning, "may name its customer")
                } else {
                    (Severity::Error, "names its customer")
                };
                out.push(
                    Diagnostic::new(
                        NAME_LEAK,
                        severity,
                        prose.source_range(range),
                        format!(
                            "this anonymous case study {what} (`{written}`): describe them instead, as in the front matter's `customer.description`"
                        ),
                    )
                    .with_requirement("2.3")
                    .with_help(
                        "Anonymized public case studies keep the customer's name private: AWS publishes them without it (checklist 2.3).",
                    ),
                );
            }
        }
    }
    out
}

/// The check's own id without its requirement prefix ("UCR-002/risk" → "risk").
fn check_suffix<'a>(requirement: &Requirement, check: &'a Check) -> &'a str {
    check
        .id
        .strip_prefix(&requirement.id)
        .and_then(|rest| rest.strip_prefix('/'))
        .unwrap_or(&check.id)
}

fn level_severity(level: Level) -> Severity {
    match level {
        Level::Warning | Level::Off => Severity::Warning,
        Level::Error => Severity::Error,
    }
}

/// Where front-matter findings point: the `caselint:` line, or the start of the file.
fn front_matter_anchor(doc: &Document) -> Range<usize> {
    doc.front_matter
        .as_ref()
        .and_then(|fm| fm.key_location(&doc.source, "caselint"))
        .map(|loc| loc.key)
        .unwrap_or(0..0)
}

fn expired_profile(profile: &Profile, today: Date) -> Option<String> {
    let valid_until: Date = profile.profile.valid_until.parse().ok()?;
    (today > valid_until).then(|| {
        format!(
            "this case study is checked against the checklist `{}`, which AWS Partners could use until {}; a newer checklist version may apply",
            profile.profile.title, valid_until
        )
    })
}

/// Lower case, "&" as "and", numbering and punctuation dropped: "2. Business Challenge &
/// Risks:" → "business challenge and risks".
fn normalize_heading(text: &str) -> String {
    let mut words = Vec::new();
    for word in text.split(|c: char| c.is_whitespace()) {
        let cleaned: String = word
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '&' || *c == '-' || *c == '\'')
            .flat_map(char::to_lowercase)
            .collect();
        let cleaned = if cleaned == "&" {
            "and".to_string()
        } else {
            cleaned
        };
        if cleaned.is_empty() || cleaned.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        words.push(cleaned);
    }
    words.join(" ")
}

fn contains_words(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let (h, n) = (format!(" {haystack} "), format!(" {needle} "));
    h.contains(&n)
}

/// The prose of some parts of the document (headings left out: they name a section, they
/// do not answer it).
fn scope_of<'a>(doc: &'a Document, parts: &[&Part]) -> Scope<'a> {
    let inside = |start: usize| parts.iter().any(|p| p.span.contains(&start));
    let prose = doc
        .prose
        .iter()
        .filter(|p| !matches!(p.block, BlockKind::Heading(_)) && inside(p.span.start))
        .collect();
    let start = parts.iter().map(|p| p.span.start).min().unwrap_or(0);
    let end = parts.iter().map(|p| p.span.end).max().unwrap_or(start);
    Scope {
        doc,
        prose,
        span: start..end,
    }
}

/// A section whose text still starts with the template's TODO.
fn is_placeholder(scope: &Scope) -> bool {
    scope
        .prose
        .first()
        .is_some_and(|p| p.text.trim_start().starts_with(PLACEHOLDER_MARK))
}

/// Front-matter keys whose value still starts with TODO, with their line numbers.
fn placeholder_keys(doc: &Document) -> Vec<(String, usize)> {
    let Some(fm) = &doc.front_matter else {
        return Vec::new();
    };
    let text = &doc.source[fm.content_span.clone()];
    let mut out = Vec::new();
    let mut parents: Vec<(usize, String)> = Vec::new();
    let mut offset = fm.content_span.start;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if let Some((key, value)) = trimmed.split_once(':') {
            let key = key.trim().trim_matches('"');
            while parents.last().is_some_and(|(i, _)| *i >= indent) {
                parents.pop();
            }
            let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
            if value.is_empty() {
                parents.push((indent, key.to_string()));
            } else if value.starts_with(PLACEHOLDER_MARK) {
                let mut path: Vec<&str> = parents.iter().map(|(_, k)| k.as_str()).collect();
                path.push(key);
                out.push((path.join("."), doc.lines.line(offset)));
            }
        }
        offset += line.len();
    }
    out
}

fn span_on_line(doc: &Document, span: &Range<usize>, line: usize) -> bool {
    doc.lines.line(span.start) == line
}

/// No heading, label or content answers the requirement. An error when the whole text
/// lacks its evidence too; otherwise the content may be told elsewhere, and a section of
/// its own is a hint.
fn missing_section(requirement: &Requirement, doc: &Document, content_missing: bool) -> Diagnostic {
    let heading = if requirement.section.is_empty() {
        requirement.title.clone()
    } else {
        requirement.section.clone()
    };
    let at = doc.body_start..doc.body_start;
    let (severity, message) = if content_missing {
        (
            level_severity(requirement.level),
            format!(
                "nothing in the case study answers {} ({}): add a `## {heading}` section",
                requirement.id, requirement.title
            ),
        )
    } else {
        (
            Severity::Warning,
            format!(
                "no section answers {} ({}); some of its content may be told elsewhere: give it a `## {heading}` section, where the validator looks for it",
                requirement.id, requirement.title
            ),
        )
    };
    Diagnostic::new(format!("{}/section", requirement.id), severity, at, message)
        .with_requirement(&requirement.id)
        .with_help(format!(
            "{} The checklist asks: \"{}\"",
            requirement.help, requirement.words
        ))
}

/// Not known to be met: a warning, pointing at the front matter.
fn unsure(problem: &str) -> evidence::Verdict {
    evidence::Verdict {
        met: false,
        problems: vec![(0..0, problem.to_string())],
        uncertain: true,
        ..Default::default()
    }
}

fn met() -> evidence::Verdict {
    evidence::Verdict {
        met: true,
        ..Default::default()
    }
}

fn unmet(problems: Vec<(Range<usize>, String)>) -> evidence::Verdict {
    evidence::Verdict {
        met: false,
        problems,
        ..Default::default()
    }
}

fn front_matter_key(
    doc: &Document,
    check: &Check,
    placeholders: &[(String, usize)],
) -> evidence::Verdict {
    let Some(key) = &check.key else {
        return met();
    };
    if has_key(doc, key) || is_placeholder_key(placeholders, key) {
        met()
    } else {
        unmet(Vec::new())
    }
}

fn is_placeholder_key(placeholders: &[(String, usize)], key: &str) -> bool {
    placeholders.iter().any(|(k, _)| k == key)
}

/// UCR-001 and the SMB definition: segment SMB, revenue under the maximum (read from the
/// front matter), and the text does not present the customer as an excluded segment.
fn segment(doc: &Document, meta: Option<&CaseStudyMeta>, profile: &Profile) -> evidence::Verdict {
    let Some(meta) = meta else {
        return met();
    };
    let fallback = front_matter_anchor(doc);
    let problems: Vec<(Range<usize>, String)> = meta
        .smb_problems(&profile.profile)
        .into_iter()
        .map(|(key, message)| {
            let at = key_location(doc, key).map_or(fallback.clone(), |l| l.value);
            (at, message)
        })
        .collect();
    if problems.is_empty() {
        met()
    } else {
        unmet(problems)
    }
}

/// The text calling the customer an excluded segment ("a fast-growing startup"): a
/// warning, as the front matter's segment and revenue decide, and the word may be about
/// someone else. Denied mentions ("not a startup, ISV or digital native business",
/// "rather than a startup") are no mention at all.
fn segment_mentions(
    doc: &Document,
    profile: &Profile,
    rule: &str,
    requirement: &str,
    help: &str,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for excluded in &profile.profile.excluded_segments {
        let needle = evidence::text::tokens(excluded)
            .iter()
            .map(|t| t.low().to_string())
            .collect::<Vec<_>>();
        'prose: for prose in &doc.prose {
            let toks = evidence::text::tokens(&prose.text);
            for i in 0..toks.len() {
                let matches = needle.iter().enumerate().all(|(k, word)| {
                    toks.get(i + k).is_some_and(|t| {
                        t.low() == word || (k + 1 == needle.len() && t.low() == format!("{word}s"))
                    })
                });
                if !matches || evidence::negation::negated(&toks, i) {
                    continue;
                }
                let range = toks[i].range.start..toks[i + needle.len() - 1].range.end;
                out.push(
                    Diagnostic::new(
                        rule.to_string(),
                        Severity::Warning,
                        prose.source_range(range),
                        format!(
                            "the text calls the customer {} `{excluded}`, which the checklist excludes from SMB: check that this is the customer and not someone else",
                            crate::rules::grammar::article_before(excluded)
                        ),
                    )
                    .with_requirement(requirement)
                    .with_help(help.to_string()),
                );
                break 'prose;
            }
        }
    }
    out
}

fn find_word(haystack: &str, needle: &str) -> Option<usize> {
    haystack.match_indices(needle).map(|(i, _)| i).find(|&i| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Checklist 2.1: deployed within the window (18 months) before today, not in the future.
fn deployment_date(
    doc: &Document,
    meta: Option<&CaseStudyMeta>,
    profile: &Profile,
    today: Date,
) -> evidence::Verdict {
    let Some(date) = meta.and_then(|m| m.production_since) else {
        return unmet(Vec::new());
    };
    let at = key_location(doc, "production_since").map_or(0..0, |l| l.value);
    let months = profile.profile.deployment_window_months.unwrap_or(18);
    let earliest = today
        .checked_sub(jiff::Span::new().months(i64::from(months)))
        .unwrap_or(today);
    if date > today {
        return unmet(vec![(
            0..0,
            format!(
                "the production date {date} is in the future (today is {today}): case studies describe deployments already in production"
            ),
        )]);
    }
    if date < earliest {
        return unmet(vec![(
            at,
            format!(
                "the production date {date} is more than {months} months before today ({today}): the checklist accepts deployments since {earliest}"
            ),
        )]);
    }
    met()
}

/// Checklist 2.2 / 2.3: a public case study names its customer; an anonymous one describes
/// it instead (its name is checked separately, by [`name_leaks`]).
fn customer_named(
    doc: &Document,
    meta: Option<&CaseStudyMeta>,
    scope: &Scope,
) -> evidence::Verdict {
    let Some(meta) = meta else {
        return met();
    };
    if meta.visibility == Some(Visibility::Anonymous) {
        let partner = meta.partner.name.as_deref();
        let described = !evidence::mention::customer_descriptions(scope, partner).is_empty()
            || meta
                .customer
                .description
                .as_deref()
                .is_some_and(|d| evidence::mention::echoes_description(scope, d));
        return if described { met() } else { unmet(Vec::new()) };
    }
    match meta.customer.name.as_deref() {
        Some(name) if !evidence::mention::name_mentions(scope, name).is_empty() => met(),
        Some(name) => unmet(vec![(
            0..0,
            format!("the text never names the customer, `{}`", name.trim()),
        )]),
        // A draft without the name already has a front-matter finding; a page checked
        // without one cannot be judged, and says so.
        None if doc.kind == DocumentKind::PublicPage => unmet(vec![(
            0..0,
            "no customer name was given (front matter `customer.name`, or `check-url --customer`): caselint cannot tell whether the page names the customer".to_string(),
        )]),
        // A draft without the name: whether its text names the customer cannot be told.
        None => unsure(
            "the front matter gives no `customer.name`, so caselint cannot tell whether the text names the customer, as a public case study must",
        ),
    }
}

/// Checklist 2.2: the AWS Partner's name is in the text ("we", a logo or a domain do not
/// say who the partner is).
fn partner_named(doc: &Document, meta: Option<&CaseStudyMeta>, scope: &Scope) -> evidence::Verdict {
    let Some(meta) = meta else {
        return met();
    };
    match meta.partner.name.as_deref() {
        Some(name) if !evidence::mention::name_mentions(scope, name).is_empty() => met(),
        Some(name) => unmet(vec![(
            0..0,
            format!(
                "the text never names the AWS Partner, `{}`: \"we\", a logo or a web address do not say who the partner is",
                name.trim()
            ),
        )]),
        None if doc.kind == DocumentKind::PublicPage => unmet(vec![(
            0..0,
            "no partner name was given (front matter `partner.name`, or `check-url --partner`): caselint cannot tell whether the page names the partner".to_string(),
        )]),
        None => unsure(
            "the front matter gives no `partner.name`, so caselint cannot tell whether the text names the AWS Partner: add `partner.name`, and name the partner in the text (\"we\" or a web address does not say who the partner is)",
        ),
    }
}

/// UCR-004: the text names the solution area chosen in the front matter.
fn solution_area(meta: Option<&CaseStudyMeta>, scope: &Scope) -> evidence::Verdict {
    let Some(area) = meta.and_then(|m| m.solution_area.as_ref()) else {
        return unmet(Vec::new());
    };
    let wanted = normalize_heading(area);
    let named = scope
        .prose
        .iter()
        .any(|p| contains_words(&normalize_heading(&p.text), &wanted));
    if named { met() } else { unmet(Vec::new()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_normalise() {
        assert_eq!(
            normalize_heading("2. Business Challenge & Risks:"),
            "business challenge and risks"
        );
        assert_eq!(normalize_heading("**The** Challenge"), "the challenge");
        assert!(contains_words(
            "the business challenge",
            "business challenge"
        ));
        assert!(!contains_words("challenges we met", "challenge"));
    }
}
