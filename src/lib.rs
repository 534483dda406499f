//! caselint: checks AWS Partner case studies and customer-facing docs against the AWS SMB
//! Competency checklist. The binary is a thin shell over this library.

pub mod config;
pub mod diagnostic;
pub mod document;
pub mod fix;
pub mod lexicon;
pub mod lines;
pub mod report;
pub mod rules;
