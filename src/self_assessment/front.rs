//! The self-assessment's front matter: who the partner is (`partner.name`,
//! `partner.domain`) and how the solution is delivered (`delivery_model`), which decides
//! the requirement ids it must answer (the checklist's "Applies to").

use std::ops::Range;

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Severity, file_rules};
use crate::document::Document;
use crate::meta::{key_location, meta_value, values::check_domain};
use crate::profile::{DeliveryModel, Profile};

use super::rules::{DELIVERY_MODEL, REQUIREMENT};

/// What the front matter says, as far as it could be read.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub partner_name: Option<String>,
    /// The partner's domain as written (checked: a bare domain).
    pub partner_domain: Option<String>,
    /// Empty when unknown: then every id applies.
    pub models: Vec<DeliveryModel>,
    /// `other_competency`: another AWS Software Competency for the offering, and when it
    /// was achieved.
    pub waiver: Option<Waiver>,
}

#[derive(Debug, Clone)]
pub struct Waiver {
    pub competency: String,
    pub achieved: jiff::civil::Date,
    /// Where `other_competency` is written, for findings about it.
    pub span: Range<usize>,
}

impl Facts {
    /// Whether the profile's waivable sections are waived on `today`.
    pub fn waived(&self, profile: &Profile, today: jiff::civil::Date) -> bool {
        let (Some(waiver), Some(months)) = (&self.waiver, profile.self_assessment.waiver_months)
        else {
            return false;
        };
        let earliest = today
            .checked_sub(jiff::Span::new().months(i64::from(months)))
            .unwrap_or(jiff::civil::Date::MIN);
        waiver.achieved >= earliest && waiver.achieved <= today
    }
}

/// Reads the facts; findings for missing, unfinished or wrong values.
pub fn read(doc: &Document, profile: &Profile) -> (Facts, Vec<Diagnostic>) {
    let mut facts = Facts::default();
    let mut out = Vec::new();
    if doc.metadata().is_none() {
        // Malformed front matter is reported when the document is parsed.
        return (facts, out);
    }
    let fence = fence_line(doc);
    out.extend(near_misses(doc));
    let mut placeholders = Vec::new();
    let mut text = |key: &str, out: &mut Vec<Diagnostic>, what: &str| -> Option<String> {
        match meta_value(doc, key) {
            Some(Value::String(s)) if is_todo(s) => {
                placeholders.push(key.to_string());
                None
            }
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => {
                out.push(missing(doc, key, what, fence.clone()));
                None
            }
        }
    };
    facts.partner_name = text("partner.name", &mut out, "your company's name");
    let domain = text(
        "partner.domain",
        &mut out,
        "your website's domain, e.g. partner.example (SBR-003 URLs must be on it)",
    );
    if let Some(domain) = domain {
        match check_domain(&domain) {
            Ok(clean) => facts.partner_domain = Some(clean),
            Err(problem) => out.push(
                Diagnostic::new(
                    file_rules::FRONT_MATTER,
                    Severity::Error,
                    value_span(doc, "partner.domain", &fence),
                    problem.message,
                )
                .with_help(problem.help.unwrap_or_default())
                .with_requirement(REQUIREMENT),
            ),
        }
    }
    match meta_value(doc, "delivery_model") {
        Some(Value::String(s)) if is_todo(s) => placeholders.push("delivery_model".to_string()),
        None | Some(Value::Null) => out.push(missing(
            doc,
            "delivery_model",
            "SaaS or Customer Deployed (a list for both); it decides which ids apply",
            fence.clone(),
        )),
        Some(value) => match delivery_models(value) {
            Some(models) => facts.models = models,
            None => out.push(
                Diagnostic::new(
                    file_rules::FRONT_MATTER,
                    Severity::Error,
                    value_span(doc, "delivery_model", &fence),
                    "`delivery_model` must be `SaaS` or `Customer Deployed`, or both as a list \
                     ([SaaS, Customer Deployed]), as the checklist's \"Applies to\" writes them",
                )
                .with_requirement(REQUIREMENT),
            ),
        },
    }
    if let Some(value) = meta_value(doc, "other_competency") {
        let at = value_span(doc, "other_competency", &fence);
        let name = meta_value(doc, "other_competency.name").and_then(Value::as_str);
        let achieved = meta_value(doc, "other_competency.achieved")
            .and_then(Value::as_str)
            .and_then(|d| d.trim().parse::<jiff::civil::Date>().ok());
        match (value.is_object(), name, achieved) {
            (true, Some(name), Some(achieved)) if !name.trim().is_empty() => {
                facts.waiver = Some(Waiver {
                    competency: name.trim().to_string(),
                    achieved,
                    span: at,
                })
            }
            _ => out.push(
                Diagnostic::new(
                    file_rules::FRONT_MATTER,
                    Severity::Error,
                    at,
                    "`other_competency` needs the competency's `name` and the date it was \
                     `achieved` (YYYY-MM-DD), e.g. { name: AWS Security Competency, achieved: 2026-03-15 }",
                )
                .with_requirement(REQUIREMENT),
            ),
        }
    }
    let eligible = &profile.self_assessment.eligible_delivery_models;
    if !facts.models.is_empty()
        && !eligible.is_empty()
        && !facts.models.iter().any(|m| eligible.contains(m))
    {
        let names: Vec<&str> = eligible.iter().map(|m| m.as_str()).collect();
        out.push(
            Diagnostic::new(
                DELIVERY_MODEL,
                Severity::Error,
                value_span(doc, "delivery_model", &fence),
                format!(
                    "this competency accepts {} solutions only (checklist 1.4: \"customer deployed solutions are not eligible\")",
                    names.join(" or ")
                ),
            )
            .with_requirement(REQUIREMENT)
            .with_help("Apply with the SaaS offering of the solution, delivered on AWS."),
        );
    }
    if !placeholders.is_empty() {
        out.push(
            Diagnostic::new(
                "front-matter/placeholder",
                Severity::Error,
                fence,
                format!(
                    "the front matter still has template placeholders: {}",
                    placeholders.join(", ")
                ),
            )
            .with_requirement(REQUIREMENT)
            .with_help("Replace each TODO with the real value."),
        );
    }
    (facts, out)
}

/// The keys a self-assessment reads, by mapping ("" for the top level).
const KEYS: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "caselint",
            "partner",
            "delivery_model",
            "other_competency",
            "solution",
        ],
    ),
    ("partner", &["name", "domain"]),
    ("other_competency", &["name", "achieved"]),
];

/// Keys written close to one caselint reads (`delivery-model`, `partner.domian`): a
/// warning with the rename. Other unknown keys belong to the site generator.
fn near_misses(doc: &Document) -> Vec<Diagnostic> {
    let squash = |key: &str| -> String {
        key.to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    let mut out = Vec::new();
    for (parent, known) in KEYS {
        let map = if parent.is_empty() {
            doc.metadata()
        } else {
            meta_value(doc, parent).and_then(Value::as_object)
        };
        let Some(map) = map else {
            continue;
        };
        for key in map.keys() {
            if known.contains(&key.as_str()) {
                continue;
            }
            let same = known.iter().find(|k| squash(k) == squash(key));
            let close = known
                .iter()
                .map(|k| (*k, strsim::jaro_winkler(&key.to_lowercase(), k)))
                .filter(|(_, score)| *score >= 0.9)
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(k, _)| k);
            let Some(wanted) = same.or(close.as_ref()) else {
                continue;
            };
            let dotted = if parent.is_empty() {
                key.clone()
            } else {
                format!("{parent}.{key}")
            };
            let Some(location) = key_location(doc, &dotted) else {
                continue;
            };
            let applicability = if same.is_some() {
                crate::diagnostic::Applicability::Safe
            } else {
                crate::diagnostic::Applicability::Unsafe
            };
            out.push(
                Diagnostic::new(
                    file_rules::FRONT_MATTER,
                    Severity::Warning,
                    location.key,
                    format!("unknown key `{key}`: did you mean `{wanted}`?"),
                )
                .with_fix(wanted.to_string(), applicability)
                .with_requirement(REQUIREMENT),
            );
        }
    }
    out
}

/// `SaaS`, `Customer Deployed`, a list of them, or "both"; any case, `-` or `_` for a
/// space.
fn delivery_models(value: &Value) -> Option<Vec<DeliveryModel>> {
    let one = |text: &str| -> Option<Vec<DeliveryModel>> {
        let key: String = text
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        match key.as_str() {
            "saas" | "software as a service" => Some(vec![DeliveryModel::Saas]),
            "customer deployed" => Some(vec![DeliveryModel::CustomerDeployed]),
            "both" | "saas and customer deployed" | "saas customer deployed" => {
                Some(DeliveryModel::ALL.to_vec())
            }
            _ => None,
        }
    };
    let mut models = match value {
        Value::String(s) => one(s)?,
        Value::Array(items) if !items.is_empty() => {
            let mut all = Vec::new();
            for item in items {
                all.extend(one(item.as_str()?)?);
            }
            all
        }
        _ => return None,
    };
    models.sort();
    models.dedup();
    Some(models)
}

fn is_todo(text: &str) -> bool {
    let text = text.trim_start();
    text.get(..4)
        .is_some_and(|s| s.eq_ignore_ascii_case("todo"))
        && text[4..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// The opening fence's line: where findings about the front matter as a whole point.
fn fence_line(doc: &Document) -> Range<usize> {
    let Some(fm) = &doc.front_matter else {
        return doc.body_start..doc.body_start;
    };
    let start = fm.span.start;
    let end = doc.source[start..fm.span.end]
        .find('\n')
        .map_or(fm.span.end, |i| start + i);
    start..end
}

fn value_span(doc: &Document, key: &str, fence: &Range<usize>) -> Range<usize> {
    match key_location(doc, key) {
        Some(loc) if !loc.value.is_empty() => loc.value,
        Some(loc) => loc.line,
        None => fence.clone(),
    }
}

fn missing(doc: &Document, key: &str, what: &str, fence: Range<usize>) -> Diagnostic {
    let at = key_location(doc, key).map_or(fence, |loc| loc.line);
    Diagnostic::new(
        file_rules::FRONT_MATTER,
        Severity::Error,
        at,
        format!("the self-assessment needs `{key}` in its front matter: {what}"),
    )
    .with_requirement(REQUIREMENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(front: &str) -> (Facts, Vec<String>) {
        let source = format!("---\ncaselint: self-assessment\n{front}---\n\n# X\n");
        let (doc, _) = Document::parse("sa.md", source);
        let profile = Profile::builtin().expect("profile");
        let (facts, found) = read(&doc, &profile);
        (facts, found.into_iter().map(|d| d.message).collect())
    }

    #[test]
    fn delivery_models_in_any_writing() {
        let partner = "partner:\n  name: BrightChair\n  domain: brightchair.example\n";
        let (f, found) = facts(&format!("{partner}delivery_model: saas\n"));
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(f.models, [DeliveryModel::Saas]);
        assert_eq!(f.partner_domain.as_deref(), Some("brightchair.example"));
        let (f, found) = facts(&format!(
            "{partner}delivery_model: [SaaS, customer-deployed]\n"
        ));
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(f.models, DeliveryModel::ALL);
        let (_, found) = facts(&format!("{partner}delivery_model: on premises\n"));
        assert!(found[0].contains("must be `SaaS`"), "{found:?}");
        let (_, found) = facts(&format!("{partner}delivery_model: Customer Deployed\n"));
        assert!(found[0].contains("checklist 1.4"), "{found:?}");
    }

    #[test]
    fn near_misses_of_keys() {
        let (_, found) =
            facts("partner:\n  name: X\n  domian: x.example\ndelivery-model: SaaS\nlayout: page\n");
        assert!(
            found
                .iter()
                .any(|m| m == "unknown key `delivery-model`: did you mean `delivery_model`?"),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|m| m == "unknown key `domian`: did you mean `domain`?"),
            "{found:?}"
        );
        assert!(!found.iter().any(|m| m.contains("layout")), "{found:?}");
    }

    #[test]
    fn missing_and_unfinished_values() {
        let (_, found) = facts("partner:\n  name: \"TODO: name\"\n");
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found.iter().any(|m| m.contains("`partner.domain`")));
        assert!(found.iter().any(|m| m.contains("`delivery_model`")));
        assert!(
            found
                .iter()
                .any(|m| m.contains("placeholders: partner.name"))
        );
        let (_, found) =
            facts("partner:\n  name: X\n  domain: https://www.x.example/\ndelivery_model: SaaS\n");
        assert!(found[0].contains("domain only"), "{found:?}");
    }
}
