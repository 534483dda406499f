//! The profile's `[submission]` section: what a whole submission needs, as data
//! (`lexicon/checklists/*.toml`), so a new checklist version changes numbers, not code.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmissionRules {
    /// 2.1: case studies, each for a different customer.
    pub case_studies: usize,
    /// 2.2 / 2.3: of which public (public, or anonymous with a public URL).
    pub public_case_studies: usize,
    /// 2.1: deployments performed within this many months before today.
    pub deployment_window_months: u32,
    /// 4.1 / SBR-004: active SMB customers using the product.
    pub smb_customers: u64,
    /// 1.2: Software Path stages that qualify.
    #[serde(default)]
    pub software_path_stages: Vec<String>,
    /// 1.3: months an FTR approval is taken as current without a second look.
    #[serde(default)]
    pub ftr_valid_months: Option<u32>,
    /// Words dropped from the end of customer names before they are compared.
    #[serde(default)]
    pub legal_suffixes: Vec<String>,
}
