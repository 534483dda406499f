//! caselint: checks AWS Partner case studies and customer-facing docs against the AWS SMB
//! Competency checklist. The binary is a thin shell over this library: discover → load →
//! check → report → fix.

pub mod baseline;
pub mod catalog;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod diagram;
pub mod discover;
pub mod document;
pub mod evidence;
pub mod fix;
pub mod lexicon;
pub mod lines;
pub mod meta;
pub mod profile;
pub mod report;
pub mod rules;
pub mod self_assessment;
pub mod server;
pub mod submission;
pub mod template;
pub mod web;
