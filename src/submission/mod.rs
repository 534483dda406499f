//! The whole submission (DESIGN "Beyond one file"): the case studies of one partner's
//! application checked together against checklist 1.2, 1.3, 2.1-2.4 and 4.1, and the
//! readiness overview built from them.
//!
//! - [`rules`]: the profile's `[submission]` numbers and word lists (data).
//! - [`manifest`]: `[submission]` in `caselint.toml`: the partner's facts and files.
//! - [`portfolio`]: the rules, a pure function over parsed documents.
//! - [`customer`]: when two case studies are about one customer.
//! - [`collect`]: which files make up a submission (the only I/O here).
//! - [`overview`]: the matrix, the portfolio and the verdict, for the renderers.
//! - [`run`]: `caselint readiness` from a folder to an overview.

pub mod collect;
pub mod customer;
pub mod manifest;
pub mod overview;
pub mod portfolio;
pub mod rules;
pub mod run;

pub use collect::{Submission, check_reports, diagnostics_of, manifest_of};
pub use manifest::{Located, Manifest};
pub use portfolio::{Member, Outcome, RULES, Status, evaluate};
pub use rules::SubmissionRules;
