//! The self-assessment (checklist 3.1: "AWS Partner must complete all sections of the
//! Checklist"): one Markdown file, `caselint: self-assessment` in its front matter, that
//! answers every requirement id of the profile's `[[control]]` list that applies to the
//! solution's delivery model.
//!
//! - [`answers`]: which parts of the file answer which id (headings, labels, table rows);
//! - [`rules`]: the SA-3.1 rules on those answers (pure, like every rule);
//! - [`export`]: the spreadsheet AWS asks for, from a checked file;
//! - `front`: the front matter (partner, domain, delivery model); `vocabulary`: the
//!   words and thresholds of `lexicon/self-assessment.toml`.

pub mod answers;
pub mod export;
mod front;
pub mod rules;
mod vocabulary;

pub use export::{ExportError, Row, Status, export_xlsx, rows};
pub use rules::{RULES, check, drop_findings_in_quotes};
