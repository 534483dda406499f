//! `caselint new`: a case-study skeleton generated from the checklist profile, so the
//! sections always match what the checks look for. Every value to fill starts with
//! `TODO`, which the rules report as "still a placeholder" and nothing else.

use crate::meta::Visibility;
use crate::profile::{DeliveryModel, Profile};
use crate::rules::case_study::PLACEHOLDER_MARK;

/// The Markdown of a new case study for `visibility`, with one section per requirement
/// of `profile` that a section answers, in the profile's order.
pub fn case_study(profile: &Profile, visibility: Visibility) -> String {
    let todo = |what: &str| format!("\"{PLACEHOLDER_MARK}: {what}\"");
    let mut out = String::new();
    out.push_str("---\ncaselint: case-study\n");
    out.push_str(&format!("visibility: {}\n", visibility.as_str()));
    out.push_str("customer:\n");
    out.push_str(&format!(
        "  name: {}\n",
        todo(if visibility == Visibility::Anonymous {
            "the customer's legal name (kept private: it must not appear in the text)"
        } else {
            "the customer's legal name"
        })
    ));
    if visibility == Visibility::Anonymous {
        out.push_str(&format!(
            "  description: {}\n",
            todo(
                "how the public text describes the customer, e.g. a 40-clinic dental group in Ohio"
            )
        ));
    }
    out.push_str(&format!("  industry: {}\n", todo("e.g. Healthcare")));
    out.push_str(&format!(
        "  size: {}\n",
        todo("e.g. 120 employees in 14 clinics")
    ));
    out.push_str("  segment: SMB\n");
    out.push_str(&format!(
        "  annual_revenue_usd: {}\n",
        todo("yearly revenue in US dollars, under 100000000 for SMB")
    ));
    out.push_str("partner:\n");
    out.push_str(&format!("  name: {}\n", todo("your company's name")));
    out.push_str(&format!("  domain: {}\n", todo("yourcompany.com")));
    let areas = profile.profile.solution_areas.join("; ");
    out.push_str(&format!(
        "solution_area: {}\n",
        todo(&format!("one of: {areas}"))
    ));
    out.push_str(&format!(
        "production_since: {}\n",
        todo("YYYY-MM-DD, the day the solution went live in production")
    ));
    out.push_str(&format!(
        "ace_opportunity_id: {}\n",
        todo("the ACE opportunity ID, e.g. O1234567")
    ));
    out.push_str(&format!(
        "aws_account_id: {}\n",
        todo("the customer's 12-digit AWS account ID")
    ));
    out.push_str(&format!(
        "aws_arr_usd: {}\n",
        todo("estimated yearly AWS spend the solution drives, in US dollars")
    ));
    if visibility != Visibility::Private {
        out.push_str(&format!(
            "public_url: {}\n",
            todo("https:// address of the published case study on your own domain")
        ));
    }
    out.push_str("---\n\n");
    out.push_str(&format!(
        "# {PLACEHOLDER_MARK}: title — what the customer achieved with your solution on AWS\n"
    ));
    for requirement in &profile.requirements {
        let needs_section = requirement.checks.iter().any(|c| c.scope == "section");
        if !needs_section {
            continue;
        }
        let heading = if requirement.section.is_empty() {
            &requirement.title
        } else {
            &requirement.section
        };
        let prompt = if requirement.prompt.is_empty() {
            &requirement.help
        } else {
            &requirement.prompt
        };
        out.push_str(&format!(
            "\n## {heading}\n\n<!-- {}: {} -->\n\n{PLACEHOLDER_MARK}: {prompt}\n",
            requirement.id, requirement.title
        ));
    }
    out
}

/// The Markdown of a new self-assessment: every requirement id of `profile` that applies
/// to a solution delivered as `models` (all of them when empty), under the checklist's
/// sections and categories, with its words quoted and a `TODO` for the answer.
pub fn self_assessment(profile: &Profile, models: &[DeliveryModel]) -> String {
    let todo = |what: &str| format!("\"{PLACEHOLDER_MARK}: {what}\"");
    let model = match models {
        [one] => one.as_str().to_string(),
        _ => "[SaaS, Customer Deployed]".to_string(),
    };
    let mut out = String::new();
    out.push_str("---\ncaselint: self-assessment\npartner:\n");
    out.push_str(&format!("  name: {}\n", todo("your company's name")));
    out.push_str(&format!(
        "  domain: {}\n",
        todo("yourcompany.com, the domain of your website")
    ));
    out.push_str(&format!("delivery_model: {model}\n"));
    let waiver = &profile.self_assessment;
    if let (false, Some(months)) = (waiver.waivable_sections.is_empty(), waiver.waiver_months) {
        out.push_str(&format!(
            "# Achieved another AWS Software Competency for this offering within {months} months? \
             It waives the {}:\n# other_competency: {{ name: AWS Security Competency, achieved: YYYY-MM-DD }}\n",
            waiver.waivable_sections.join(", ")
        ));
    }
    out.push_str("---\n\n");
    out.push_str(&format!("# Self-assessment: {}\n\n", profile.profile.title));
    out.push_str(
        "<!-- Answer every requirement below the quote of its words: replace each TODO with how \
         you meet it, and link the evidence (a file beside this one, or a page on your website). \
         Keep the id in each heading. -->\n",
    );
    let (mut section, mut category) = ("", "");
    for control in profile.controls.iter().filter(|c| c.applies(models)) {
        if control.section != section {
            section = &control.section;
            category = "";
            out.push_str(&format!("\n## {section}\n"));
        }
        if control.category != category {
            category = &control.category;
            out.push_str(&format!("\n### {category}\n"));
        }
        out.push_str(&format!("\n#### {} {}\n\n", control.id, control.title));
        let quoted: Vec<String> = control.words.lines().map(|l| format!("> {l}")).collect();
        out.push_str(&quoted.join("\n>\n"));
        let evidence = if control.evidence.is_some() {
            format!(", with a link to {}", control.evidence_what)
        } else {
            ", with links to the evidence".to_string()
        };
        out.push_str(&format!(
            "\n\n{PLACEHOLDER_MARK}: how you meet {}{evidence}.\n",
            control.id
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_has_front_matter_and_placeholders() {
        let profile = Profile::builtin().unwrap();
        let text = case_study(&profile, Visibility::Anonymous);
        assert!(text.starts_with("---\ncaselint: case-study\nvisibility: anonymous\n"));
        assert!(text.contains("  description: \"TODO:"));
        let private = case_study(&profile, Visibility::Private);
        assert!(!private.contains("public_url"));
    }

    #[test]
    fn self_assessment_lists_the_applicable_ids() {
        let profile = Profile::builtin().unwrap();
        let saas = self_assessment(&profile, &[DeliveryModel::Saas]);
        assert!(saas.starts_with("---\ncaselint: self-assessment\n"));
        assert!(saas.contains("\n#### SBR-003 SMB Web Presence and Thought Leadership\n"));
        assert!(saas.contains("\n#### 2.1 Production AWS Customer Case Studies\n"));
        assert!(!saas.contains("DOC-002"), "customer deployed only");
        assert!(saas.contains("\n# other_competency: {"));
        let both = self_assessment(&profile, &[]);
        assert!(both.contains("#### DOC-002 Deployment Guide"));
        assert!(both.contains("delivery_model: [SaaS, Customer Deployed]"));
    }
}
