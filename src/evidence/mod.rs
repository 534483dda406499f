//! Evidence detectors: generic, data-driven finders that a checklist profile combines into
//! requirements ("a quantified outcome", "at least two KPIs with baselines", "a diagram").
//! They read a document; they never touch the disk or the network (whether a referenced
//! file exists is asked through `Env::asset_exists`, answered by the loader).
//!
//! INTERFACE (filled in by the evidence module's implementation). The detector contract
//! (the EOF_DETECTORS_PLACEHOLDER in your brief) follows:
//!
//! ## The evidence detectors (shared contract between the profile data and the code)
//! A profile check (`[[requirement.check]]` in `lexicon/checklists/smb-2025-08.toml`, schema in `src/profile.rs`) names a `detector` and its parameters (`min`, `phrases`, `kinds`, `key`), a `scope` ("section" = the requirement's section, default; "document" = all prose; "front-matter"), a short `id` (appended to the rule id, e.g. `UCR-002/risk`), a `message` (what is missing, plain words) and an optional `level`.
//! Text detectors (implemented in `src/evidence/`):
//! - `min-words` {min}: the scope has at least `min` words of prose.
//! - `phrases` {phrases, min=1}: at least `min` DISTINCT phrases of the list occur in the scope's prose; case-insensitive, whole words; a trailing `*` matches any ending ("scal*" matches scaling, scalable); a multi-word phrase matches across any whitespace.
//! - `quantity` {kinds=[], min=1}: numbers with a meaning: percent ("60 %", "60%", "sixty percent"), money ("$40,000", "USD 1.2M", "€3k", "40,000 dollars"), duration ("3 weeks", "48 hours"), multiplier ("3x", "three times faster"), count (a number with a noun: "1,200 invoices", "40 clinics"), size ("2 TB"). `kinds` filters on: percent, money, duration, multiplier, count, size (empty = any).
//! - `outcome` {min=1}: quantified RESULTS: a quantity tied to a result ("reduced X by 60%", "cut month-end close from 10 days to 3", "saved $40,000 a year", "3x faster", "now processes 10,000 invoices a day", "achieved 99.95% uptime"). NOT results: baselines alone, targets ("a goal of 50%", "aimed to"), projections ("expected to", "will", "could", "up to", "projected", "estimated"), sizes ("a 40-clinic group", "120 employees", "$20M revenue"), market statistics ("70% of SMBs"). Projections found are reported as problems ("a projection, not a result") even when the check is met otherwise.
//! - `aws-services` {min=1}: distinct AWS products named in the scope (correct names, via the lexicon matcher's correct hits).
//! - `diagram`: an image, or a link to a diagram file (.png .jpg .jpeg .svg .gif .webp .pdf .drawio), in the scope. Problems: an image without alt text; a relative target that does not exist (asked via `Env::asset_exists`). Met when at least one diagram is referenced and has no problem.
//! - `kpis` {min=2}: key performance indicators, from a Markdown table (columns recognised by header words: name/KPI/metric; baseline/before/starting point; target/goal; actual/result/after/achieved; method/measurement/how measured/measured by/source) or from a list ("Invoice processing time — baseline: 3 days; target: 1 day; actual: 4 hours; measured by: ERP timestamps"). Met when at least `min` KPIs have all four values (baseline, target, actual, method). Problems: each KPI missing a value ("the KPI `Processing time` has no baseline"), a table missing a column.
//! - `current-pilot`: pilot / proof of concept / POC / PoC / trial / beta described as the CURRENT state ("is in pilot", "currently piloting", "still a proof of concept", "POC phase"). Not matches: "autopilot", "co-pilot", "Copilot", and finished past phases ("after a successful pilot in 2024", "the pilot ended in March", "moved from POC to production"). Met when none is found; each one found is a problem.
//!
//! - `challenge` {phrases, min=2}: the customer's challenge on a published page (checklist 2.2): a section the page calls the challenge that says something, or `min` distinct problem phrases (the check's and `lexicon/evidence/challenge.toml`'s), not denied, outside the sections about the solution, the architecture and the results.
//! - `aws-usage` {min=1}: AWS services named with their role, in a sentence that says what the service does ("Amazon S3 stores the scans"); a bare list of names does not count (checklist 2.2).
//! - `customer`, `partner` (evaluated by the case-study rules, which know the front matter): the text names the customer (public) or describes it (anonymous: "a 40-clinic dental group"), and names the AWS Partner.
//!
//! Front-matter detectors (evaluated by the case-study rules in code, not in `src/evidence/`): `front-matter-key` {key} (the key, e.g. `aws_arr_usd` or `customer.industry`, is present and not empty), `segment` (segment is SMB, annual revenue under the profile's maximum, the text does not call the customer a startup/ISV/digital native business), `deployment-date` (production_since within the profile's window before today and not in the future), `solution-area` (the text names the front matter's solution area, which is one of the profile's).
//!
//! ## How the code reads the contract (where it had to choose)
//! - Each detector also works on plain text where that makes sense, with byte ranges into
//!   the text: [`quantities`], [`claims`] / [`outcomes`], [`pilot_mentions`],
//!   [`production_statements`]; [`kpis`] and [`diagrams`] read a [`Scope`] (tables, links).
//! - `quantity` kind `size` is an amount of data ("2 TB"), as the contract says. The
//!   customer's own size ("120 employees", "a team of 40", "$20M in revenue", "founded 25
//!   years ago") keeps its kind (count, money, duration) and is marked
//!   [`Quantity::customer_size`]; `outcome` never counts it as a result unless a change
//!   verb governs it ("grew from 12 to 20 stores").
//! - Not quantities: years, dates ("March 12", "12 March"), versions, IPs, times, "24/7",
//!   ordinals, list numbers, numbers glued to names ("EC2", "COVID-19") or after a label
//!   ("Tier 1", "SOC 2", "Windows Server 2019"), and bare numbers with no unit or noun
//!   (except in "from 12 to 3").
//! - `outcome` also takes `kinds` (same names as `quantity`). Goals and baselines are
//!   reported only to explain a check that is not met; projections always.
//! - `diagram`: logos, photos, screenshots, icons and banners (by alt text or file name)
//!   are not diagrams; a Mermaid / PlantUML / Graphviz fenced block is one.
//! - `current-pilot`: a mention whose sentence says neither that it ended nor that it goes
//!   on ("We built a PoC") is a note, not a problem; "the POC phase" with nothing else
//!   said is current. One problem per sentence.
//! - Problems and notes quote the text found between backticks.

mod challenge;
mod diagram;
mod kpi;
pub mod mention;
pub(crate) mod negation;
mod outcome;
mod pilot;
mod quantity;
pub(crate) mod text;
pub mod usage;

pub use diagram::{Diagram, diagrams, is_diagram_link, names_diagram_file};
pub use kpi::{Field, Kpi, KpiReport, Part, kpis};
pub(crate) use outcome::quantity_hedges;
pub use outcome::{Outcome, Role, claims, outcomes};
pub use pilot::{PilotMention, PilotState, pilot_mentions, production_statements};
pub use quantity::{Quantity, QuantityKind, quantities};

use std::ops::Range;
use std::path::Path;

use crate::document::{Document, Prose};
use crate::lexicon::NameMatcher;
use crate::profile::Check;

/// Every detector a profile may name in `[[requirement.check]] detector = "…"`.
/// Text detectors live in this module; the front-matter ones (`front-matter-key`,
/// `segment`, `deployment-date`, `solution-area`) are evaluated by the case-study rules.
pub const DETECTORS: &[&str] = &[
    "min-words",
    "phrases",
    "quantity",
    "outcome",
    "aws-services",
    "diagram",
    "kpis",
    "current-pilot",
    "front-matter-key",
    "segment",
    "deployment-date",
    "solution-area",
    "aws-usage",
    "challenge",
    "customer",
    "partner",
];

/// The prose a check searches: one section, or the whole document.
pub struct Scope<'a> {
    pub doc: &'a Document,
    /// The prose blocks inside the scope, in document order.
    pub prose: Vec<&'a Prose>,
    /// Source byte range of the scope (a section from its heading to the next heading of
    /// the same or higher level, or the whole body).
    pub span: Range<usize>,
}

impl<'a> Scope<'a> {
    /// The whole body of a document.
    pub fn document(doc: &'a Document) -> Scope<'a> {
        Scope::spanning(doc, doc.body_start..doc.source.len())
    }

    /// The section a heading starts (see [`Document::section_span`]); `None` for an index
    /// past the last heading.
    pub fn section(doc: &'a Document, heading_index: usize) -> Option<Scope<'a>> {
        Some(Scope::spanning(doc, doc.section_span(heading_index)?))
    }

    /// The prose inside `span` (prose is in source order, so two binary searches).
    pub fn spanning(doc: &'a Document, span: Range<usize>) -> Scope<'a> {
        let from = doc.prose.partition_point(|p| p.span.start < span.start);
        let to = doc.prose.partition_point(|p| p.span.start < span.end);
        let prose = doc.prose[from..to.max(from)]
            .iter()
            .filter(|p| p.span.end <= span.end)
            .collect();
        Scope { doc, prose, span }
    }
}

/// What the detectors may consult besides the text.
pub struct Env<'a> {
    pub names: &'a NameMatcher,
    /// Whether a relative link or image target exists (resolved against the document's
    /// folder by the loader). Rules never do I/O themselves.
    pub asset_exists: &'a dyn Fn(&Path) -> bool,
}

/// One thing a detector found, for `--verbose` and for pointing findings.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Source byte range.
    pub span: Range<usize>,
    /// What it is, in plain words: "outcome: cut processing time by 60 %".
    pub note: String,
}

/// A detector's answer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Verdict {
    pub met: bool,
    pub found: Vec<Evidence>,
    /// Why it is not met, more precisely than the check's message, e.g. "the KPI
    /// `Processing time` has no baseline". Each becomes a finding at `span`.
    pub problems: Vec<(Range<usize>, String)>,
    /// Not met, but the detector may have misread the writer (KPIs told in sentences it
    /// could not take apart): the rules then warn instead of failing the requirement.
    pub uncertain: bool,
}

/// Runs a text detector. Unknown or front-matter detectors return `met: true` (they are
/// evaluated elsewhere).
pub fn run(check: &Check, scope: &Scope, env: &Env) -> Verdict {
    match check.detector.as_str() {
        "min-words" => detect::min_words(check, scope),
        "phrases" => detect::phrases(check, scope),
        "quantity" => detect::quantity(check, scope),
        "outcome" => detect::outcome(check, scope),
        "aws-services" => detect::aws_services(check, scope, env),
        "diagram" => detect::diagram(check, scope, env),
        "kpis" => detect::kpis(check, scope),
        "current-pilot" => detect::current_pilot(scope),
        "aws-usage" => usage::aws_usage(check, scope, env),
        "challenge" => challenge::challenge(check, scope),
        _ => Verdict {
            met: true,
            ..Verdict::default()
        },
    }
}

/// Whether a check's parameters make sense for its detector (for profile validation):
/// `kinds` of `quantity` and `outcome` must be quantity kinds, `phrases` needs phrases.
pub fn check_parameters(check: &Check) -> Result<(), String> {
    match check.detector.as_str() {
        "quantity" | "outcome" => {
            for kind in &check.kinds {
                if QuantityKind::from_name(kind).is_none() {
                    return Err(format!(
                        "check `{}`: `{kind}` is not a kind of quantity; use percent, money, duration, multiplier, count or size",
                        check.id
                    ));
                }
            }
            Ok(())
        }
        "phrases"
            if check
                .phrases
                .iter()
                .all(|p| p.trim().trim_end_matches('*').trim().is_empty()) =>
        {
            Err(format!(
                "check `{}` uses the phrases detector without phrases",
                check.id
            ))
        }
        _ => Ok(()),
    }
}

mod detect;

#[cfg(test)]
mod tests;
