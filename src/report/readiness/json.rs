//! `caselint readiness --format json`: the readiness overview as a contract other tools
//! parse. Fields may be added, never renamed or removed; `version` changes only for a
//! change that breaks readers. Schema (README, "The whole submission"):
//!
//! ```json
//! { "version": 1, "kind": "readiness", "today": "2026-12-02",
//!   "checklist": { "id": "smb-2025-08", "title": "…", "released": "2025-08-29", "valid_until": "2026-05-31" },
//!   "submission": { "root": "case-studies", "manifest": "caselint.toml", "partner": "BrightChair Software" },
//!   "verdict": { "status": "ready | review | not-ready", "errors": 0, "warnings": 0, "unknown": 0, "sentence": "…" },
//!   "requirements": [ { "id": "UCR-001", "title": "About the Customer" } ],
//!   "case_studies": [ { "name": "acme.md", "path": "case-studies/acme.md", "customer": "…",
//!       "visibility": "public", "production_since": "2025-06-16", "errors": 0, "warnings": 1,
//!       "cells": [ { "requirement": "UCR-001", "status": "met | warning | missing | n/a", "findings": [0] } ] } ],
//!   "portfolio": [ { "rule": "SUB-2.1/unique-customers", "requirement": "2.1",
//!       "status": "met | unknown | warning | missing", "message": "…", "files": ["a.md"] } ],
//!   "findings": [ { "path": "…", "case_study": 0, "line": 14, "column": 3, "rule": "UCR-002/risk",
//!       "requirement": "UCR-002", "severity": "error", "message": "…", "help": "…" } ] }
//! ```
//!
//! `cells[].findings` are indices into `findings`; `findings[].case_study` is an index
//! into `case_studies`, `null` for a submission-level finding (whose `line` and `column`
//! are 1). Case studies, requirements and portfolio rules keep their order.

use std::io;

use serde::Serialize;

use crate::submission::Outcome;
use crate::submission::overview::Overview;

/// The version of the readiness JSON contract.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    kind: &'static str,
    today: String,
    checklist: Checklist<'a>,
    submission: Submission<'a>,
    verdict: Verdict<'a>,
    requirements: Vec<Requirement<'a>>,
    case_studies: Vec<CaseStudy<'a>>,
    portfolio: &'a [Outcome],
    findings: Vec<Finding<'a>>,
}

#[derive(Serialize)]
struct Checklist<'a> {
    id: &'a str,
    title: &'a str,
    released: &'a str,
    valid_until: &'a str,
}

#[derive(Serialize)]
struct Submission<'a> {
    root: &'a str,
    manifest: Option<&'a str>,
    partner: Option<&'a str>,
}

#[derive(Serialize)]
struct Verdict<'a> {
    status: &'static str,
    errors: usize,
    warnings: usize,
    unknown: usize,
    sentence: &'a str,
}

#[derive(Serialize)]
struct Requirement<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct CaseStudy<'a> {
    name: &'a str,
    path: &'a str,
    customer: Option<&'a str>,
    visibility: Option<&'a str>,
    production_since: Option<&'a str>,
    errors: usize,
    warnings: usize,
    cells: Vec<Cell<'a>>,
}

#[derive(Serialize)]
struct Cell<'a> {
    requirement: &'a str,
    status: &'static str,
    findings: &'a [usize],
}

#[derive(Serialize)]
struct Finding<'a> {
    path: &'a str,
    case_study: Option<usize>,
    line: usize,
    column: usize,
    rule: &'a str,
    requirement: &'a str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
}

pub fn render(overview: &Overview, out: &mut dyn io::Write) -> io::Result<()> {
    let report = Report {
        version: VERSION,
        kind: "readiness",
        today: overview.today.to_string(),
        checklist: Checklist {
            id: &overview.checklist.id,
            title: &overview.checklist.title,
            released: &overview.checklist.released,
            valid_until: &overview.checklist.valid_until,
        },
        submission: Submission {
            root: &overview.root,
            manifest: overview.manifest.as_deref(),
            partner: overview.partner.as_deref(),
        },
        verdict: Verdict {
            status: overview.verdict.status.as_str(),
            errors: overview.verdict.errors,
            warnings: overview.verdict.warnings,
            unknown: overview.verdict.unknown,
            sentence: &overview.verdict.sentence,
        },
        requirements: overview
            .columns
            .iter()
            .map(|c| Requirement {
                id: &c.id,
                title: &c.title,
            })
            .collect(),
        case_studies: overview
            .rows
            .iter()
            .map(|row| CaseStudy {
                name: &row.name,
                path: &row.path,
                customer: row.customer.as_deref(),
                visibility: row.visibility.as_deref(),
                production_since: row.production_since.as_deref(),
                errors: row.errors,
                warnings: row.warnings,
                cells: row
                    .cells
                    .iter()
                    .zip(&overview.columns)
                    .map(|(cell, column)| Cell {
                        requirement: &column.id,
                        status: cell.status.as_str(),
                        findings: &cell.findings,
                    })
                    .collect(),
            })
            .collect(),
        portfolio: &overview.portfolio,
        findings: overview
            .findings
            .iter()
            .map(|f| Finding {
                path: &f.path,
                case_study: f.row,
                line: f.line,
                column: f.column,
                rule: &f.rule,
                requirement: &f.requirement,
                severity: f.severity.as_str(),
                message: &f.message,
                help: f.help.as_deref(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)?;
    out.flush()
}
