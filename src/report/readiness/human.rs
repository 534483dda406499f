//! `caselint readiness`: the overview for a terminal. Verdict first, then the portfolio
//! checks, then one line per case study with what is missing; the findings themselves
//! are `caselint check`'s job.

use std::io;

use crate::submission::Status;
use crate::submission::overview::{CellStatus, Overview};

pub fn render(overview: &Overview, out: &mut dyn io::Write) -> io::Result<()> {
    writeln!(out, "{}", overview.verdict.sentence)?;
    writeln!(
        out,
        "Checklist: {} ({}), checked on {}.",
        overview.checklist.title, overview.checklist.id, overview.today
    )?;
    let from = match &overview.manifest {
        Some(manifest) => format!("manifest {manifest}"),
        None => format!("the case studies in {} (no manifest)", overview.root),
    };
    writeln!(out, "Submission: {from}.\n")?;
    writeln!(out, "Portfolio:")?;
    for outcome in &overview.portfolio {
        writeln!(
            out,
            "  {} {:<9} {:<26} {}",
            symbol(outcome.status),
            outcome.status.as_str(),
            outcome.rule,
            outcome.message
        )?;
    }
    writeln!(out, "\nCase studies:")?;
    for row in &overview.rows {
        let missing: Vec<&str> = row
            .cells
            .iter()
            .zip(&overview.columns)
            .filter(|(c, _)| c.status == CellStatus::Missing)
            .map(|(_, col)| col.id.as_str())
            .collect();
        let warned: Vec<&str> = row
            .cells
            .iter()
            .zip(&overview.columns)
            .filter(|(c, _)| c.status == CellStatus::Warning)
            .map(|(_, col)| col.id.as_str())
            .collect();
        let mut line = format!(
            "  {} {}",
            if !missing.is_empty() {
                "✗"
            } else if !warned.is_empty() {
                "!"
            } else {
                "✓"
            },
            row.name
        );
        if let Some(customer) = &row.customer {
            line.push_str(&format!(" ({customer})"));
        }
        if missing.is_empty() && warned.is_empty() {
            line.push_str(": every requirement met");
        } else {
            if !missing.is_empty() {
                line.push_str(&format!(": missing {}", missing.join(", ")));
            }
            if !warned.is_empty() {
                line.push_str(&format!(
                    "{} warnings in {}",
                    if missing.is_empty() { ":" } else { ";" },
                    warned.join(", ")
                ));
            }
        }
        writeln!(out, "{line}")?;
    }
    if !overview.rows.is_empty() && overview.findings.iter().any(|f| f.row.is_some()) {
        writeln!(
            out,
            "\n`caselint check {}` shows each finding at its line.",
            overview.root
        )?;
    }
    out.flush()
}

fn symbol(status: Status) -> &'static str {
    match status {
        Status::Met => "✓",
        Status::Unknown => "?",
        Status::Warning => "!",
        Status::Missing => "✗",
    }
}
