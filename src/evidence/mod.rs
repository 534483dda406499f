//! Evidence detectors: generic, data-driven finders that a checklist profile combines into
//! requirements ("a quantified outcome", "at least two KPIs with baselines", "a diagram").
//! They read a document; they never touch the disk or the network (whether a referenced
//! file exists is asked through `Env::asset_exists`, answered by the loader).
//!
//! INTERFACE (filled in by the evidence module's implementation).

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
}

/// Runs a text detector. Unknown or front-matter detectors return `met: true` (they are
/// evaluated elsewhere).
pub fn run(check: &Check, scope: &Scope, env: &Env) -> Verdict {
    let _ = (check, scope, env);
    Verdict {
        met: true,
        ..Verdict::default()
    }
}
