//! Scores the case-study checks on case studies written by other people (issue 10, item 7).
//!
//! `cargo test --release --test it case_study_score:: -- --ignored --nocapture`
//!
//! Reads `CASELINT_CASES` (default `/work/material/cases/dev`): one folder per writer, each
//! with a `labels.toml` (`[["files"]]` tables: file, visibility, complete, gaps) and the
//! Markdown files it labels. The material is referenced by path and never copied into the
//! repository. Each file is checked by the real binary (`CASELINT_BIN` overrides it, e.g. an
//! older build for a baseline) with `--today 2026-12-02`, and the findings are compared with
//! the labels, per requirement id:
//! - a complete file passes when it has no error-level finding;
//! - a requirement a file meets (every applicable one that is not a labelled gap) is a false
//!   alarm when an error-level finding names it;
//! - a labelled gap is found when a finding (error or warning) names its id; a miss
//!   otherwise.
//!
//! `CASELINT_SCORE_VERBOSE=1` lists every false alarm and miss with the finding's message.
//! The test fails only when the material cannot be read: it measures, it does not judge.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const TODAY: &str = "2026-12-02";
const DEFAULT_CASES: &str = "/work/material/cases/dev";

/// The units the labels speak of: the checklist's requirements, and the details of a
/// published page one by one (a page can name its customer and still give no result).
const PRIVATE_UNITS: &[&str] = &[
    "UCR-001", "UCR-002", "UCR-003", "UCR-004", "PS-001", "PS-002", "PS-003", "PS-004", "PS-005",
    "CO-001", "CO-002", "CS-2.1",
];
const PUBLIC_UNITS: &[&str] = &[
    "CS-2.2/customer",
    "CS-2.2/partner",
    "CS-2.2/challenge",
    "CS-2.2/aws-usage",
    "CS-2.2/outcome",
];
const ANONYMOUS_UNITS: &[&str] = &["CS-2.3/customer-name-leak"];

fn units(visibility: &str) -> Vec<&'static str> {
    let mut out = PRIVATE_UNITS.to_vec();
    if matches!(visibility, "public" | "anonymous") {
        out.extend_from_slice(PUBLIC_UNITS);
    }
    if visibility == "anonymous" {
        out.extend_from_slice(ANONYMOUS_UNITS);
    }
    out
}

/// The unit a finding speaks for: `CS-2.2/outcome` for the page's details, otherwise its
/// requirement ("UCR-002" for `UCR-002/risk`); `None` for spelling, names and the like.
fn unit_of(finding: &Value) -> Option<String> {
    let rule = finding["rule"].as_str().unwrap_or_default();
    if let Some(detail) = rule.strip_prefix("CS-2.2/") {
        return Some(format!(
            "CS-2.2/{}",
            detail.split('/').next().unwrap_or(detail)
        ));
    }
    if rule.starts_with("CS-2.3") {
        return Some("CS-2.3/customer-name-leak".to_string());
    }
    match finding["requirement"].as_str() {
        Some("2.1") => Some("CS-2.1".to_string()),
        Some(id) if PRIVATE_UNITS.contains(&id) => Some(id.to_string()),
        _ => {
            let head = rule.split('/').next().unwrap_or(rule);
            PRIVATE_UNITS.contains(&head).then(|| head.to_string())
        }
    }
}

/// A label's gap as a unit: "CS-2.3" and "CS-2.3/…" are the name leak; a requirement's
/// sub-check ("CO-001/kpis") counts for the requirement.
fn gap_unit(gap: &str) -> String {
    let gap = gap.trim();
    if gap.starts_with("CS-2.3") {
        return "CS-2.3/customer-name-leak".to_string();
    }
    if gap.starts_with("CS-2.2/") {
        return gap.to_string();
    }
    gap.split('/').next().unwrap_or(gap).to_string()
}

#[derive(Default)]
struct Tally {
    met: usize,
    false_alarms: usize,
    warned: usize,
    gaps: usize,
    found: usize,
    found_as_error: usize,
}

struct Labelled {
    path: PathBuf,
    visibility: String,
    complete: bool,
    gaps: Vec<String>,
}

fn labelled_files(cases: &Path) -> Vec<Labelled> {
    let mut writers: Vec<PathBuf> = std::fs::read_dir(cases)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", cases.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("labels.toml").is_file())
        .collect();
    writers.sort();
    let mut out = Vec::new();
    for writer in writers {
        let labels_path = writer.join("labels.toml");
        let text = std::fs::read_to_string(&labels_path)
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", labels_path.display()));
        let labels: toml::Value = toml::from_str(&text)
            .unwrap_or_else(|err| panic!("{} is not TOML: {err}", labels_path.display()));
        let files = labels
            .get("files")
            .and_then(|f| f.as_array())
            .cloned()
            .unwrap_or_default();
        for entry in files {
            let Some(file) = entry.get("file").and_then(|f| f.as_str()) else {
                continue;
            };
            let gaps: Vec<String> = entry
                .get("gaps")
                .and_then(|g| g.as_array())
                .map(|g| g.iter().filter_map(|v| v.as_str().map(gap_unit)).collect())
                .unwrap_or_default();
            out.push(Labelled {
                path: writer.join(file),
                visibility: entry
                    .get("visibility")
                    .and_then(|v| v.as_str())
                    .unwrap_or("private")
                    .to_string(),
                complete: entry
                    .get("complete")
                    .and_then(|v| v.as_bool())
                    .unwrap_or(gaps.is_empty()),
                gaps,
            });
        }
    }
    out
}

fn binary() -> PathBuf {
    std::env::var_os("CASELINT_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_caselint")))
}

fn findings(path: &Path) -> Vec<Value> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let output = Command::new(binary())
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY")
        // The published pages the case studies name are not fetched: the score must not
        // depend on the network, nor on whether the writer's made-up domain exists.
        .args([
            "check",
            "--format",
            "json",
            "--no-config",
            "--offline",
            "--today",
            TODAY,
        ])
        .arg(path)
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|err| {
        panic!(
            "{}: stdout is not JSON ({err}):\n{stdout}\n{}",
            path.display(),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "-".to_string()
    } else {
        format!("{:.1} %", 100.0 * part as f64 / whole as f64)
    }
}

#[test]
#[ignore = "scores the checks on external material: run with --ignored"]
fn score_case_studies() {
    let cases = std::env::var_os("CASELINT_CASES")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_CASES));
    let verbose = std::env::var_os("CASELINT_SCORE_VERBOSE").is_some();
    let files = labelled_files(&cases);
    assert!(
        !files.is_empty(),
        "no labelled files in {}",
        cases.display()
    );

    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    let (mut complete, mut complete_passing, mut complete_checklist_passing) = (0, 0, 0);
    let mut notes = Vec::new();
    for file in &files {
        let found = findings(&file.path);
        let name = file
            .path
            .strip_prefix(&cases)
            .unwrap_or(&file.path)
            .display()
            .to_string();
        let errors: Vec<&Value> = found.iter().filter(|d| d["severity"] == "error").collect();
        if file.complete {
            complete += 1;
            complete_passing += usize::from(errors.is_empty());
            complete_checklist_passing += usize::from(!errors.iter().any(|d| unit_of(d).is_some()));
            for other in errors.iter().filter(|d| unit_of(d).is_none()) {
                notes.push(format!(
                    "{name}: other error {}: {}",
                    other["rule"].as_str().unwrap_or_default(),
                    other["message"].as_str().unwrap_or_default()
                ));
            }
        }
        for unit in units(&file.visibility) {
            let mine: Vec<&Value> = found
                .iter()
                .filter(|d| unit_of(d).as_deref() == Some(unit))
                .collect();
            let as_error: Vec<&&Value> = mine.iter().filter(|d| d["severity"] == "error").collect();
            let t = tally.entry(unit.to_string()).or_default();
            if file.gaps.iter().any(|g| g == unit) {
                t.gaps += 1;
                t.found += usize::from(!mine.is_empty());
                t.found_as_error += usize::from(!as_error.is_empty());
                if mine.is_empty() {
                    notes.push(format!("{name}: MISS {unit}"));
                }
            } else {
                t.met += 1;
                t.false_alarms += usize::from(!as_error.is_empty());
                t.warned += usize::from(!mine.is_empty() && as_error.is_empty());
                for d in as_error {
                    notes.push(format!(
                        "{name}: FALSE ALARM {unit} {} (line {}): {}",
                        d["rule"].as_str().unwrap_or_default(),
                        d["line"],
                        d["message"].as_str().unwrap_or_default()
                    ));
                }
            }
        }
        for gap in &file.gaps {
            if !units(&file.visibility).contains(&gap.as_str()) {
                notes.push(format!("{name}: label {gap} is not a unit of this file"));
            }
        }
    }

    println!(
        "\ncase studies: {} files from {}",
        files.len(),
        cases.display()
    );
    println!(
        "complete files with no error: {complete_passing}/{complete} ({}); with no checklist error: {complete_checklist_passing}/{complete} ({})",
        percent(complete_passing, complete),
        percent(complete_checklist_passing, complete)
    );
    println!(
        "\n{:<28} {:>5} {:>8} {:>7} {:>5} {:>6} {:>7} {:>5}",
        "requirement", "met", "f.alarm", "warned", "gaps", "found", "as err", "miss"
    );
    let mut total = Tally::default();
    for (unit, t) in &tally {
        println!(
            "{unit:<28} {:>5} {:>8} {:>7} {:>5} {:>6} {:>7} {:>5}",
            t.met,
            t.false_alarms,
            t.warned,
            t.gaps,
            t.found,
            t.found_as_error,
            t.gaps - t.found
        );
        total.met += t.met;
        total.false_alarms += t.false_alarms;
        total.warned += t.warned;
        total.gaps += t.gaps;
        total.found += t.found;
        total.found_as_error += t.found_as_error;
    }
    println!(
        "{:<28} {:>5} {:>8} {:>7} {:>5} {:>6} {:>7} {:>5}",
        "total",
        total.met,
        total.false_alarms,
        total.warned,
        total.gaps,
        total.found,
        total.found_as_error,
        total.gaps - total.found
    );
    println!(
        "\nmet requirements with no error: {} ; labelled gaps reported under their id: {} ({} as errors)",
        percent(total.met - total.false_alarms, total.met),
        percent(total.found, total.gaps),
        percent(total.found_as_error, total.gaps)
    );
    if verbose {
        println!();
        for note in &notes {
            println!("{note}");
        }
    }
}
