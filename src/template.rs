//! `caselint new`: a case-study skeleton generated from the checklist profile, so the
//! sections always match what the checks look for. Every value to fill starts with
//! `TODO`, which the rules report as "still a placeholder" and nothing else.

use crate::meta::Visibility;
use crate::profile::Profile;
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
}
