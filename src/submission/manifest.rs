//! The submission manifest: `[submission]` in `caselint.toml`. It names the partner, the
//! case studies of the submission and the facts no document shows (FTR approval, Software
//! Path stage, the count of active SMB customers).
//!
//! ```toml
//! [submission]
//! partner = "BrightChair Software"
//! partner_domain = "brightchair.example"
//! profile = "smb-2025-08"                 # the checklist version applied for
//! case_studies = ["case-studies/*.md"]    # paths or globs, relative to this file
//! ftr_approved = 2025-03-14               # Foundational Technical Review approval (1.3)
//! software_path_stage = "Validated"       # Software Path stage (1.2)
//! smb_customers = 240                     # active SMB customers on the product (4.1)
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The AWS Partner's name, as the case studies write it.
    #[serde(default)]
    pub partner: Option<String>,
    #[serde(default)]
    pub partner_domain: Option<String>,
    /// The checklist profile id the submission is made against (`smb-2025-08`).
    #[serde(default)]
    pub profile: Option<String>,
    /// Case-study files or globs, relative to the manifest's folder; empty: every case
    /// study under that folder.
    #[serde(default)]
    pub case_studies: Vec<String>,
    /// When AWS approved the solution's Foundational Technical Review.
    #[serde(default)]
    pub ftr_approved: Option<toml::value::Datetime>,
    /// Software Path stage: "Validated" or "Differentiated" qualify.
    #[serde(default)]
    pub software_path_stage: Option<String>,
    /// Active SMB customers using the SaaS product on AWS.
    #[serde(default)]
    pub smb_customers: Option<u64>,
}

impl Manifest {
    /// The FTR approval date as a calendar date (a TOML date, or a date-time's date).
    pub fn ftr_date(&self) -> Option<jiff::civil::Date> {
        let date = self.ftr_approved.as_ref()?.date?;
        jiff::civil::Date::new(date.year as i16, date.month as i8, date.day as i8).ok()
    }
}

/// A manifest together with where it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub manifest: Manifest,
    /// The `caselint.toml` holding it.
    pub file: PathBuf,
}

impl Located {
    /// The folder its relative paths are resolved from.
    pub fn folder(&self) -> &Path {
        self.file.parent().unwrap_or(Path::new("."))
    }
}
