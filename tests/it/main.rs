//! Every integration test in one binary: each file here ran as a crate of its own, and
//! linking 25 test binaries against the whole dependency tree was most of a cold
//! `cargo test` after the library itself (issue 13). Run one area with
//! `cargo test --test it cli::` (the module is the former file name).

#[path = "../common/mod.rs"]
mod common;

mod case_study;
mod case_study_score;
mod ci_action;
mod ci_formats;
mod cli;
mod diagram;
mod extraction;
mod fuzz_seeds;
mod grammar;
mod input;
mod lexicon_codegen;
mod lexicon_integrity;
mod lexicon_variants;
mod names_score;
mod profile_data;
mod reliability;
mod self_assessment;
mod server;
mod slips_score;
mod spelling;
mod submission;
mod submission_html;
mod vocabulary_codegen;
mod web_cli;
mod web_details;
mod web_fetch;
