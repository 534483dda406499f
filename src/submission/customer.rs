//! When two case studies are about one customer: the same legal entity written two ways
//! ("Acme Dental, LLC" / "ACME Dental"), or the same ACE opportunity or AWS account.

/// A customer name reduced to what tells legal entities apart: lower case, `&` read as
/// "and", punctuation dropped, dotted initials joined ("L.L.C." → "llc"), a leading "the"
/// and trailing legal-form words (`suffixes`, from the profile) removed. Empty when
/// nothing is left, so an empty key never matches another.
pub fn name_key(name: &str, suffixes: &[String]) -> String {
    let spaced = name.replace(['&', '+'], " and ");
    let mut words: Vec<String> = Vec::new();
    // Dotted initials ("L.L.C.", "S.A.") are one word: join letters that stand alone
    // between dots.
    for raw in spaced.split_whitespace() {
        let letters: Vec<&str> = raw.split('.').filter(|p| !p.is_empty()).collect();
        let initials = letters.len() > 1 && letters.iter().all(|p| p.chars().count() == 1);
        let word: String = if initials {
            letters.concat()
        } else {
            raw.to_string()
        };
        for part in word
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|p| !p.is_empty())
        {
            words.push(part.to_string());
        }
    }
    if words.first().is_some_and(|w| w == "the") && words.len() > 1 {
        words.remove(0);
    }
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| suffixes.iter().any(|s| s == w))
    {
        words.pop();
    }
    // "Acme Dental and Co" → "acme dental": a dangling "and" left by "& Co.".
    while words.len() > 1 && words.last().is_some_and(|w| w == "and") {
        words.pop();
    }
    words.join(" ")
}

/// An ACE opportunity id or account id as compared: without spaces and dashes, upper case.
pub fn id_key(id: &str) -> String {
    id.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suffixes() -> Vec<String> {
        crate::profile::Profile::builtin()
            .expect("built-in profile")
            .submission
            .expect("built-in profile has [submission]")
            .legal_suffixes
    }

    #[test]
    fn legal_forms_case_and_punctuation_do_not_tell_customers_apart() {
        let s = suffixes();
        let acme = name_key("ACME Dental", &s);
        assert_eq!(acme, "acme dental");
        for variant in [
            "Acme Dental, LLC",
            "Acme Dental L.L.C.",
            "acme dental inc.",
            "The Acme Dental Co.",
            "Acme Dental Pty Ltd",
        ] {
            assert_eq!(name_key(variant, &s), acme, "{variant}");
        }
        assert_eq!(
            name_key("Kessler Tool & Die Co.", &s),
            name_key("Kessler Tool and Die", &s)
        );
    }

    #[test]
    fn different_entities_stay_apart() {
        let s = suffixes();
        assert_ne!(
            name_key("Hollins & Daughter Ltd", &s),
            name_key("Hollins Garden Centres", &s)
        );
        assert_ne!(
            name_key("Acme Dental", &s),
            name_key("Acme Dental Labs", &s)
        );
        // A name that is only a legal form keeps it, so it matches nothing by accident.
        assert_eq!(name_key("Company", &s), "company");
        assert_eq!(name_key("  ", &s), "");
    }

    #[test]
    fn ids_compare_without_layout() {
        assert_eq!(id_key(" o4815162 "), "O4815162");
        assert_eq!(id_key("4829-1736-5014"), "482917365014");
    }
}
