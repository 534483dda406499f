//! The checklist's case-study requirements (UCR, PS, CO, 2.1), driven by the profile: each
//! requirement finds the section that answers it by its headings, then asks the evidence
//! detectors the profile names. The code knows no requirement by name.

use std::ops::Range;

use jiff::civil::Date;

use super::Context;
use crate::config::Level;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{BlockKind, Document, DocumentKind};
use crate::evidence::{self, Env, Scope};
use crate::meta::{CaseStudyMeta, Visibility, has_key, key_location, read_meta};
use crate::profile::{Check, Profile, Requirement};

/// The rule id for a document checked against a checklist past its validity.
pub const CHECKLIST_VERSION: &str = "checklist-version";
/// Text the template leaves for the writer to replace.
pub const PLACEHOLDER_MARK: &str = "TODO";

/// One section of the document: a heading and the prose under it.
struct Section {
    heading: usize,
    span: Range<usize>,
}

pub fn check(doc: &Document, ctx: &Context) -> Vec<Diagnostic> {
    check_with_evidence(doc, ctx, None)
}

/// The checks that passed and what their detectors found, for `--verbose`.
pub fn passed(doc: &Document, ctx: &Context) -> Vec<crate::diagnostic::Met> {
    let mut passed = Vec::new();
    check_with_evidence(doc, ctx, Some(&mut passed));
    passed
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
        out.extend(name_leaks(doc, name));
    }

    let kind = doc.kind.as_str();
    let visibility = match meta.as_ref().and_then(|m| m.visibility) {
        Some(Visibility::Public) => "public",
        Some(Visibility::Anonymous) => "anonymous",
        _ => "private",
    };
    let sections = find_sections(doc, profile);
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

    let unfinished = sections.iter().any(|(_, section)| {
        let scope = scope_of(doc, &[section]);
        is_placeholder(&scope)
    });
    for requirement in profile
        .requirements
        .iter()
        .filter(|r| r.applies_to(kind, visibility))
    {
        let own: Vec<&Section> = sections
            .iter()
            .filter(|(id, _)| *id == requirement.id)
            .map(|(_, s)| s)
            .collect();
        let needs_section = requirement.checks.iter().any(|c| c.scope == "section");
        let section_scope = (!own.is_empty()).then(|| scope_of(doc, &own));

        if needs_section && own.is_empty() {
            out.push(missing_section(requirement, doc));
        } else if let Some(scope) = &section_scope
            && is_placeholder(scope)
        {
            let heading = &doc.headings[own[0].heading];
            out.push(
                Diagnostic::new(
                    format!("{}/placeholder", requirement.id),
                    level_severity(requirement.level),
                    heading.span.clone(),
                    format!(
                        "the `{}` section is still a placeholder: replace the TODO with the customer's story",
                        heading.text
                    ),
                )
                .with_requirement(&requirement.id)
                .with_help(requirement.help.clone()),
            );
            continue;
        }

        for check in &requirement.checks {
            // While the template's sections are unfinished, whole-document evidence is not
            // looked for yet: the placeholders already say what is missing.
            if check.scope == "document" && unfinished {
                continue;
            }
            let at = match (check.scope.as_str(), own.first()) {
                ("section", Some(section)) => doc.headings[section.heading].span.clone(),
                ("section", None) => continue,
                ("front-matter", _) => fm_anchor.clone(),
                _ => own
                    .first()
                    .map_or(fm_anchor.clone(), |s| doc.headings[s.heading].span.clone()),
            };
            let scope = match check.scope.as_str() {
                "section" => match &section_scope {
                    Some(scope) => scope,
                    None => continue,
                },
                _ => &body,
            };
            let verdict = match check.detector.as_str() {
                "front-matter-key" => front_matter_key(doc, check, &placeholders),
                // A key still holding its TODO is reported once, as a placeholder.
                "deployment-date" if is_placeholder_key(&placeholders, "production_since") => met(),
                "solution-area" if is_placeholder_key(&placeholders, "solution_area") => met(),
                "segment" => segment(doc, meta.as_ref(), profile),
                "deployment-date" => deployment_date(doc, meta.as_ref(), profile, ctx.today),
                "solution-area" => solution_area(meta.as_ref(), scope),
                "customer" => customer_named(doc, meta.as_ref(), scope),
                "partner" => partner_named(doc, meta.as_ref(), scope),
                _ => evidence::run(check, scope, &env),
            };
            let rule = format!("{}/{}", requirement.id, check_suffix(requirement, check));
            if let Some(passed) = passed.as_deref_mut()
                && verdict.met
                && verdict.problems.is_empty()
            {
                passed.push(crate::diagnostic::Met {
                    rule: rule.clone(),
                    requirement: requirement.id.clone(),
                    found: verdict
                        .found
                        .iter()
                        .map(|e| (e.span.clone(), e.note.clone()))
                        .collect(),
                });
            }
            let severity = level_severity(check.level.unwrap_or(requirement.level));
            let help = format!(
                "{} (checklist {}: \"{}\")",
                requirement.help, requirement.id, requirement.words
            );
            // Evidence searched across the document but owned by a section (projections
            // among the results) is only questioned inside that section: a counterfactual
            // in the challenge ("would have cost $96,000") is no claimed result.
            let problems: Vec<(Range<usize>, String)> = verdict
                .problems
                .into_iter()
                .filter(|(span, _)| {
                    check.scope != "document"
                        || if own.is_empty() {
                            !foreign_section(&sections, profile, &check.detector, span.start)
                        } else {
                            own.iter().any(|s| s.span.contains(&span.start))
                        }
                })
                .collect();
            // A projection is worth a second look, not a failed requirement.
            let problem_severity = if check.detector == "outcome" && verdict.met {
                Severity::Warning
            } else {
                severity
            };
            if !verdict.met && problems.is_empty() {
                out.push(
                    Diagnostic::new(rule.clone(), severity, at.clone(), check.message.clone())
                        .with_requirement(&requirement.id)
                        .with_help(help.clone()),
                );
            }
            // Precise problems say more than the check's general message, which becomes
            // their help.
            // The first problem of a check carries the checklist's words; the others only
            // say what to do, so a table of ten incomplete KPIs does not repeat a paragraph.
            for (index, (span, problem)) in problems.into_iter().enumerate() {
                // The same problem found again by another requirement (a projection
                // among the results, seen by CO-001 and by CS-2.2) is said once.
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
                    Diagnostic::new(rule.clone(), problem_severity, span, problem)
                        .with_requirement(&requirement.id)
                        .with_help(problem_help),
                );
            }
        }
    }
    out
}

/// Whether `offset` lies in a section answering a requirement that never asks this
/// detector: a projection in the challenge ("hiring would have cost $96,000") is no claimed
/// result, so a whole-document check without sections of its own (CS-2.2) does not
/// question it there.
fn foreign_section(
    sections: &[(String, Section)],
    profile: &Profile,
    detector: &str,
    offset: usize,
) -> bool {
    sections.iter().any(|(id, section)| {
        section.span.contains(&offset)
            && profile
                .requirement(id)
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

/// Legal-form words that the text may drop when it names a company ("Adventure Works"
/// for "Adventure Works LLC").
const LEGAL_SUFFIXES: &[&str] = &[
    "inc",
    "inc.",
    "incorporated",
    "llc",
    "l.l.c.",
    "ltd",
    "ltd.",
    "limited",
    "corp",
    "corp.",
    "corporation",
    "co",
    "co.",
    "company",
    "gmbh",
    "ag",
    "sa",
    "s.a.",
    "sas",
    "bv",
    "b.v.",
    "nv",
    "plc",
    "pty",
    "pty.",
    "llp",
    "lp",
    "srl",
    "s.r.l.",
    "oy",
    "ab",
    "as",
    "kk",
];

/// Every place an anonymous case study names its customer: the name is given privately
/// in the front matter and must not appear in the text, with or without its legal form.
fn name_leaks(doc: &Document, name: &str) -> Vec<Diagnostic> {
    let full = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let mut forms = vec![full.clone()];
    let mut words: Vec<&str> = full.split(' ').collect();
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| LEGAL_SUFFIXES.contains(&w.trim_end_matches(',')))
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
    let mut out = Vec::new();
    for prose in &doc.prose {
        let lower = prose.text.to_lowercase();
        let mut taken: Vec<Range<usize>> = Vec::new();
        for (form_index, form) in forms.iter().enumerate() {
            let partial = form_index >= certain;
            let mut from = 0;
            while let Some(pos) = find_word(&lower[from..], form).map(|p| p + from) {
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

/// Requirement id → its sections, each heading resolved by the profile's tie-break.
fn find_sections(doc: &Document, profile: &Profile) -> Vec<(String, Section)> {
    let mut out = Vec::new();
    for (index, heading) in doc.headings.iter().enumerate() {
        // The document's title is not a section, whatever words it uses ("How Acme cut
        // costs: the results").
        if index == 0 && heading.level == 1 {
            continue;
        }
        if let Some(requirement) = profile.requirement_for_heading(&heading.text)
            && let Some(span) = doc.section_span(index)
        {
            out.push((
                requirement.id.clone(),
                Section {
                    heading: index,
                    span,
                },
            ));
        }
    }
    out
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

fn scope_of<'a>(doc: &'a Document, sections: &[&Section]) -> Scope<'a> {
    let inside = |start: usize| sections.iter().any(|s| s.span.contains(&start));
    let prose = doc
        .prose
        .iter()
        .filter(|p| !matches!(p.block, BlockKind::Heading(_)) && inside(p.source_range(0..0).start))
        .collect();
    let start = sections.iter().map(|s| s.span.start).min().unwrap_or(0);
    let end = sections.iter().map(|s| s.span.end).max().unwrap_or(start);
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

fn missing_section(requirement: &Requirement, doc: &Document) -> Diagnostic {
    let heading = if requirement.section.is_empty() {
        requirement.title.clone()
    } else {
        requirement.section.clone()
    };
    let at = doc.body_start..doc.body_start;
    Diagnostic::new(
        format!("{}/section", requirement.id),
        level_severity(requirement.level),
        at,
        format!(
            "no section answers {} ({}): add a `## {heading}` section",
            requirement.id, requirement.title
        ),
    )
    .with_requirement(&requirement.id)
    .with_help(format!(
        "{} The checklist asks: \"{}\"",
        requirement.help, requirement.words
    ))
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
    let mut problems: Vec<(Range<usize>, String)> = meta
        .smb_problems(&profile.profile)
        .into_iter()
        .map(|(key, message)| {
            let at = key_location(doc, key).map_or(fallback.clone(), |l| l.value);
            (at, message)
        })
        .collect();
    for excluded in &profile.profile.excluded_segments {
        let needle = excluded.to_lowercase();
        for prose in &doc.prose {
            let lower = prose.text.to_lowercase();
            if let Some(pos) = find_word(&lower, &needle) {
                let span = prose.source_range(pos..pos + needle.len());
                problems.push((
                    span,
                    format!(
                        "the text calls the customer a `{excluded}`, which the checklist excludes from SMB: check that this is the customer and not someone else"
                    ),
                ));
                break;
            }
        }
    }
    if problems.is_empty() {
        met()
    } else {
        unmet(problems)
    }
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
        let described = !evidence::mention::customer_descriptions(scope).is_empty()
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
        None => met(),
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
        None => met(),
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
