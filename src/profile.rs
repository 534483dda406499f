//! A checklist version as data: `lexicon/checklists/<id>.toml` says what each requirement
//! asks, where a case study answers it (section headings), and which evidence detectors
//! must find something there. A new checklist version is a new file, not new code.
//! It also holds every requirement id of the checklist as a [`Control`], quoted, for the
//! self-assessment (`crate::self_assessment`).

use std::path::Path;

use serde::Deserialize;

use crate::config::Level;

const BUILTIN: &str = include_str!("../lexicon/checklists/smb-2025-08.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub profile: ProfileInfo,
    #[serde(default, rename = "requirement")]
    pub requirements: Vec<Requirement>,
    /// What the self-assessment needs beyond the controls.
    #[serde(default)]
    pub self_assessment: SelfAssessmentInfo,
    /// Every requirement id of the checklist, in its order, as it words it: what a
    /// self-assessment answers and its spreadsheet lists.
    #[serde(default, rename = "control")]
    pub controls: Vec<Control>,
    /// `[submission]`: what a whole submission needs (checklist 1.2-1.3, 2.1-2.4, 4.1).
    #[serde(default)]
    pub submission: Option<crate::submission::SubmissionRules>,
}

/// The self-assessment's facts that are not one control's.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfAssessmentInfo {
    /// Delivery models the competency accepts (empty: any).
    #[serde(default)]
    pub eligible_delivery_models: Vec<DeliveryModel>,
    /// Sections a partner need not answer when it achieved another AWS Software
    /// Competency for the offering within `waiver_months` (front matter `other_competency`).
    #[serde(default)]
    pub waivable_sections: Vec<String>,
    #[serde(default)]
    pub waiver_months: Option<u32>,
}

/// How the partner's solution reaches customers: the checklist's "Applies to" values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum DeliveryModel {
    #[serde(rename = "SaaS")]
    Saas,
    #[serde(rename = "Customer Deployed")]
    CustomerDeployed,
}

impl DeliveryModel {
    pub const ALL: [DeliveryModel; 2] = [DeliveryModel::Saas, DeliveryModel::CustomerDeployed];

    /// As the checklist writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryModel::Saas => "SaaS",
            DeliveryModel::CustomerDeployed => "Customer Deployed",
        }
    }
}

/// What an answer must link to, beyond its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceNeed {
    /// A web page on the partner's own registrable domain (SBR-003).
    PartnerUrl,
    /// A document or page of any kind, local or on the web.
    Link,
}

/// One requirement id of the checklist, quoted: the prerequisites (1.1 … 4.1) and the
/// technical requirements (SBR-001 … CO-002).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Control {
    /// "SBR-003", "2.1".
    pub id: String,
    /// The checklist's part: "Common Technical Requirements".
    pub section: String,
    /// The heading it stands under: "Reliability", "APN Program Membership".
    pub category: String,
    pub title: String,
    /// The checklist's "Applies to"; empty when it states none (then it applies to all).
    #[serde(default)]
    pub applies_to: Vec<DeliveryModel>,
    /// The checklist's words, its line breaks kept.
    pub words: String,
    #[serde(default)]
    pub evidence: Option<EvidenceNeed>,
    /// The evidence in plain words, for findings and the template.
    #[serde(default)]
    pub evidence_what: String,
}

impl Control {
    /// Whether a solution delivered as `models` must answer it (no model known: all do).
    pub fn applies(&self, models: &[DeliveryModel]) -> bool {
        self.applies_to.is_empty()
            || models.is_empty()
            || self.applies_to.iter().any(|m| models.contains(m))
    }

    /// "SaaS | Customer Deployed", or "all (not stated)".
    pub fn applies_to_text(&self) -> String {
        if self.applies_to.is_empty() {
            return "all (not stated)".to_string();
        }
        self.applies_to
            .iter()
            .map(|m| m.as_str())
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileInfo {
    /// "smb-2025-08".
    pub id: String,
    pub title: String,
    /// When AWS released this checklist version.
    pub released: String,
    /// The last day partners may submit against it.
    pub valid_until: String,
    /// The competency's solution areas (categories), exactly as the checklist writes them.
    #[serde(default)]
    pub solution_areas: Vec<String>,
    /// The SMB definition: annual revenue below this.
    #[serde(default)]
    pub max_annual_revenue_usd: Option<u64>,
    /// Segments the checklist excludes from SMB ("Startup", "ISV", …).
    #[serde(default)]
    pub excluded_segments: Vec<String>,
    /// Case studies must describe deployments from the past N months.
    #[serde(default)]
    pub deployment_window_months: Option<u32>,
    /// How many case studies a submission needs, and how many public.
    #[serde(default)]
    pub case_studies_required: Option<u32>,
    #[serde(default)]
    pub public_case_studies_required: Option<u32>,
    /// Words that do not count when heading synonyms compete ("the", "our").
    #[serde(default = "default_fillers")]
    pub heading_fillers: Vec<String>,
}

fn default_fillers() -> Vec<String> {
    ["the", "a", "an", "our", "their", "your", "its"]
        .map(String::from)
        .to_vec()
}

/// One checklist requirement and how a case study shows it is met.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// The checklist id ("UCR-002"); findings use it as their rule id.
    pub id: String,
    pub title: String,
    /// The checklist's own words, one or two sentences, quoted in findings.
    pub words: String,
    /// Why it matters to the validator, for `caselint explain`.
    #[serde(default)]
    pub why: String,
    /// What to write, in plain words, shown as help when something is missing.
    pub help: String,
    /// A short passing example, for `caselint explain` and the template.
    #[serde(default)]
    pub example: String,
    /// The prompt `caselint new` writes under the section heading.
    #[serde(default)]
    pub prompt: String,
    /// Document kinds it applies to: "case-study", "public-page".
    #[serde(default = "case_study_only")]
    pub kinds: Vec<String>,
    /// Visibilities it applies to: "public", "anonymous", "private".
    #[serde(default = "all_visibilities")]
    pub visibilities: Vec<String>,
    #[serde(default = "error_level")]
    pub level: Level,
    /// Section headings that answer it, lower case; a heading matches when it contains one
    /// of these as whole words ("## The Business Challenge" matches "business challenge").
    #[serde(default)]
    pub headings: Vec<String>,
    /// The heading `caselint new` writes and the one suggested when the section is missing.
    #[serde(default)]
    pub section: String,
    /// Evidence that must be found; each failing check is one finding.
    #[serde(default, rename = "check")]
    pub checks: Vec<Check>,
    /// `headings` split into words once, with their count of content words.
    #[serde(skip)]
    heading_words: Vec<(Vec<String>, usize)>,
}

/// One piece of evidence a requirement needs, found by a detector in code.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// The detector: see `crate::evidence::DETECTORS` for the list and their parameters.
    pub detector: String,
    /// Where to look: "section" (the requirement's section, the default), "document" (all
    /// prose), or "front-matter".
    #[serde(default = "section_scope")]
    pub scope: String,
    /// A short id for the sub-check, appended to the rule id ("UCR-002/risk").
    pub id: String,
    /// What is missing, in plain words: "say what the customer risked by not acting".
    pub message: String,
    /// Overrides the requirement's level for this check (e.g. a warning).
    #[serde(default)]
    pub level: Option<Level>,
    /// Detector parameters.
    #[serde(default)]
    pub min: Option<u32>,
    #[serde(default)]
    pub phrases: Vec<String>,
    #[serde(default)]
    pub kinds: Vec<String>,
    #[serde(default)]
    pub key: Option<String>,
    /// Sibling checks (their short ids, e.g. "future-actions") whose evidence also answers
    /// this one: when this check finds nothing but one of them does, a careful writer
    /// has said it another way ("we now validate every connector" is the lesson), and the
    /// finding is a warning.
    #[serde(default)]
    pub satisfied_by: Vec<String>,
}

fn case_study_only() -> Vec<String> {
    vec!["case-study".to_string()]
}

fn all_visibilities() -> Vec<String> {
    ["public", "anonymous", "private"]
        .map(String::from)
        .to_vec()
}

fn error_level() -> Level {
    Level::Error
}

fn section_scope() -> String {
    "section".to_string()
}

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("cannot read the checklist profile {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the checklist profile {path} is not valid: {message}")]
    Invalid { path: String, message: String },
}

impl Profile {
    /// The profile for the checklist this release was built for.
    pub fn builtin() -> Result<Profile, ProfileError> {
        Profile::parse(BUILTIN, "lexicon/checklists/smb-2025-08.toml")
    }

    pub fn load(path: &Path) -> Result<Profile, ProfileError> {
        let text = std::fs::read_to_string(path).map_err(|source| ProfileError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Profile::parse(&text, &path.display().to_string())
    }

    pub fn parse(text: &str, path: &str) -> Result<Profile, ProfileError> {
        let mut profile: Profile = toml::from_str(text).map_err(|err| ProfileError::Invalid {
            path: path.to_string(),
            message: err.to_string(),
        })?;
        profile
            .validate()
            .map_err(|message| ProfileError::Invalid {
                path: path.to_string(),
                message,
            })?;
        for control in &mut profile.controls {
            control.words = control.words.trim().to_string();
        }
        let fillers = profile.profile.heading_fillers.clone();
        for requirement in &mut profile.requirements {
            requirement.heading_words = requirement
                .headings
                .iter()
                .map(|synonym| {
                    let words = words(synonym);
                    let content = words.iter().filter(|w| !fillers.contains(w)).count();
                    (words, content)
                })
                .collect();
        }
        Ok(profile)
    }

    fn validate(&self) -> Result<(), String> {
        let mut seen = std::collections::HashSet::new();
        for requirement in &self.requirements {
            if !seen.insert(requirement.id.as_str()) {
                return Err(format!("requirement {} is listed twice", requirement.id));
            }
            for check in &requirement.checks {
                if !crate::evidence::DETECTORS.contains(&check.detector.as_str()) {
                    return Err(format!(
                        "requirement {} check `{}` uses the unknown detector `{}`; known: {}",
                        requirement.id,
                        check.id,
                        check.detector,
                        crate::evidence::DETECTORS.join(", ")
                    ));
                }
                if !matches!(
                    check.scope.as_str(),
                    "section" | "document" | "front-matter"
                ) {
                    return Err(format!(
                        "requirement {} check `{}` has scope `{}`; use section, document or front-matter",
                        requirement.id, check.id, check.scope
                    ));
                }
            }
        }
        let mut controls = std::collections::HashSet::new();
        for control in &self.controls {
            if !controls.insert(control.id.to_ascii_uppercase()) {
                return Err(format!("control {} is listed twice", control.id));
            }
            if control.words.trim().is_empty() || control.title.trim().is_empty() {
                return Err(format!("control {} needs its title and words", control.id));
            }
            if control.evidence.is_some() && control.evidence_what.trim().is_empty() {
                return Err(format!(
                    "control {} asks for evidence: say which in evidence_what",
                    control.id
                ));
            }
        }
        for date in [&self.profile.released, &self.profile.valid_until] {
            if date.parse::<jiff::civil::Date>().is_err() {
                return Err(format!("`{date}` is not a date (YYYY-MM-DD)"));
            }
        }
        Ok(())
    }

    /// The control (checklist requirement id) `id`, ASCII case ignored.
    pub fn control(&self, id: &str) -> Option<&Control> {
        self.controls.iter().find(|c| c.id.eq_ignore_ascii_case(id))
    }

    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirements
            .iter()
            .find(|r| r.id.eq_ignore_ascii_case(id))
    }

    /// The requirement a section heading answers, by the profile's documented tie-break:
    /// the label before `|` or `:` first, then the whole heading; among the synonyms it
    /// contains as whole words, the one with the most content words wins, then the one
    /// ending last in the heading (English puts the head noun last), then file order.
    pub fn requirement_for_heading(&self, heading: &str) -> Option<&Requirement> {
        if let Some(cut) = heading.find(['|', ':'])
            && let Some(found) = self.resolve_words(&words(&heading[..cut]))
        {
            return Some(found);
        }
        self.resolve_words(&words(heading))
    }

    /// Every requirement a heading answers, best first. Besides the synonyms (as in
    /// [`Profile::requirement_for_heading`]): a requirement id in the heading answers
    /// that requirement ("UCR-002 Key business challenge", "PS-001: Architecture");
    /// numbering ("3.", "Step 2:") and question marks do not count; two answers joined
    /// by "and", "&", "/" or "," are both taken ("Challenge and goals"), while a longer
    /// synonym still wins over the words inside it ("Challenges and lessons learned").
    pub fn requirements_for_heading(&self, heading: &str) -> Vec<&Requirement> {
        let all = heading_words(heading);
        let by_id: Vec<&Requirement> = self
            .requirements
            .iter()
            .filter(|r| last_end(&all, &words(&r.id)).is_some())
            .collect();
        if !by_id.is_empty() {
            return by_id;
        }
        if let Some(cut) = heading.find(['|', ':']) {
            let found = self.resolve_all(&heading_words(&heading[..cut]));
            if !found.is_empty() {
                return found;
            }
        }
        self.resolve_all(&all)
    }

    fn resolve_all(&self, heading: &[String]) -> Vec<&Requirement> {
        type Rank = (usize, usize, std::cmp::Reverse<usize>);
        let mut matches: Vec<(Rank, std::ops::Range<usize>, usize)> = Vec::new();
        for (order, requirement) in self.requirements.iter().enumerate() {
            for (synonym, content) in &requirement.heading_words {
                if let Some(end) = last_end(heading, synonym) {
                    let rank = (*content, end, std::cmp::Reverse(order));
                    matches.push((rank, end - synonym.len()..end, order));
                }
            }
        }
        matches.sort_by_key(|m| std::cmp::Reverse(m.0));
        let mut chosen: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
        for (_, range, order) in matches {
            if chosen.iter().any(|(_, o)| *o == order) {
                continue;
            }
            let joined = chosen.iter().all(|(c, _)| {
                let between = if c.end <= range.start {
                    c.end..range.start
                } else if range.end <= c.start {
                    range.end..c.start
                } else {
                    return false;
                };
                heading[between].iter().any(|w| w == "and")
            });
            if chosen.is_empty() || joined {
                chosen.push((range, order));
            }
        }
        chosen
            .into_iter()
            .map(|(_, order)| &self.requirements[order])
            .collect()
    }

    fn resolve_words(&self, heading: &[String]) -> Option<&Requirement> {
        type Rank = (usize, usize, std::cmp::Reverse<usize>);
        let mut best: Option<(Rank, &Requirement)> = None;
        for (order, requirement) in self.requirements.iter().enumerate() {
            for (synonym, content) in &requirement.heading_words {
                if let Some(end) = last_end(heading, synonym) {
                    let rank = (*content, end, std::cmp::Reverse(order));
                    if best.as_ref().is_none_or(|(b, _)| rank > *b) {
                        best = Some((rank, requirement));
                    }
                }
            }
        }
        best.map(|(_, requirement)| requirement)
    }
}

/// Lower-case words: runs of letters and digits ("Go-Live" → "go", "live").
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// A heading's words for matching: as [`words`], with "&", "/", "+" and "," read as
/// "and" ("Goals & objectives" is "goals and objectives").
fn heading_words(text: &str) -> Vec<String> {
    let mut spaced = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' | '/' | '+' | ',' => spaced.push_str(" and "),
            _ => spaced.push(c),
        }
    }
    let mut out = words(&spaced);
    out.dedup_by(|b, a| a == "and" && b == "and");
    out
}

/// End (exclusive word index) of the last whole-word occurrence of `needle` in `hay`.
fn last_end(hay: &[String], needle: &[String]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| hay[i..i + needle.len()] == *needle)
        .map(|i| i + needle.len())
}

impl Requirement {
    pub fn applies_to(&self, kind: &str, visibility: &str) -> bool {
        self.kinds.iter().any(|k| k == kind) && self.visibilities.iter().any(|v| v == visibility)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profile_loads() {
        let profile = Profile::builtin().expect("embedded profile is valid");
        assert_eq!(profile.profile.id, "smb-2025-08");
    }

    #[test]
    fn controls_apply_by_delivery_model() {
        let p = Profile::builtin().expect("embedded profile is valid");
        let saas = [DeliveryModel::Saas];
        let deployed = [DeliveryModel::CustomerDeployed];
        let guide = p.control("doc-002").expect("DOC-002");
        assert!(!guide.applies(&saas) && guide.applies(&deployed));
        let prerequisite = p.control("1.3").expect("1.3");
        assert!(prerequisite.applies(&saas) && prerequisite.applies(&deployed));
        assert_eq!(prerequisite.applies_to_text(), "all (not stated)");
        assert_eq!(
            p.control("SUP-002")
                .map(Control::applies_to_text)
                .as_deref(),
            Some("SaaS | Customer Deployed")
        );
        let twice = "[profile]\nid='x'\ntitle='x'\nreleased='2025-08-29'\nvalid_until='2026-05-31'\n\
            [[control]]\nid='A-001'\nsection='s'\ncategory='c'\ntitle='t'\nwords='w'\n\
            [[control]]\nid='a-001'\nsection='s'\ncategory='c'\ntitle='t'\nwords='w'\n";
        let err = Profile::parse(twice, "p.toml").unwrap_err().to_string();
        assert!(err.contains("listed twice"), "{err}");
    }

    fn ids(profile: &Profile, heading: &str) -> Vec<String> {
        profile
            .requirements_for_heading(heading)
            .iter()
            .map(|r| r.id.clone())
            .collect()
    }

    #[test]
    fn headings_of_any_form() {
        let p = Profile::builtin().expect("embedded profile is valid");
        assert_eq!(ids(&p, "3. Goals"), ["UCR-003"]);
        assert_eq!(ids(&p, "UCR-002 Key business challenge"), ["UCR-002"]);
        assert_eq!(ids(&p, "PS-001: how it stays up"), ["PS-001"]);
        assert_eq!(
            ids(&p, "The challenge and the goals"),
            ["UCR-003", "UCR-002"]
        );
        assert_eq!(ids(&p, "Goals & objectives"), ["UCR-003"]);
        assert_eq!(ids(&p, "Challenges and lessons learned"), ["CO-002"]);
        assert_eq!(ids(&p, "Solution architecture"), ["PS-001"]);
        assert_eq!(
            ids(&p, "Solution: a serverless reminder engine"),
            ["PS-002"]
        );
        assert!(ids(&p, "About BrightChair").is_empty());
    }

    #[test]
    fn unknown_detectors_and_bad_dates_are_rejected() {
        let bad = "[profile]\nid='x'\ntitle='x'\nreleased='2025-08-29'\nvalid_until='2026-05-31'\n\
            [[requirement]]\nid='A'\ntitle='t'\nwords='w'\nhelp='h'\n\
            [[requirement.check]]\ndetector='telepathy'\nid='x'\nmessage='m'\n";
        let err = Profile::parse(bad, "p.toml").unwrap_err().to_string();
        assert!(err.contains("telepathy"), "{err}");
        let date = "[profile]\nid='x'\ntitle='x'\nreleased='soon'\nvalid_until='2026-05-31'\n";
        assert!(
            Profile::parse(date, "p.toml")
                .unwrap_err()
                .to_string()
                .contains("soon")
        );
    }
}
