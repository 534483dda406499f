//! The self-assessment (`caselint: self-assessment`), through the real binary: the
//! template `caselint new --kind self-assessment` writes reports only its placeholders, a
//! filled one passes, each SA-3.1 rule fires once on `bad.md` at its line, and `check
//! --xlsx` writes a workbook with one row per checklist id.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{caselint, check_json, fixtures};
use serde_json::Value;

use caselint::check::Checker;
use caselint::config::Config;
use caselint::profile::{DeliveryModel, Profile};
use caselint::self_assessment::Status;

const TODAY: &str = "2026-12-02";

fn rules_and_lines(report: &Value) -> Vec<(String, u64)> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

fn applicable(models: &[DeliveryModel]) -> usize {
    let profile = Profile::builtin().expect("profile");
    profile
        .controls
        .iter()
        .filter(|c| c.applies(models))
        .count()
}

#[test]
fn a_fresh_template_reports_only_its_placeholders() {
    for (flag, models) in [("saas", vec![DeliveryModel::Saas]), ("both", Vec::new())] {
        let dir = tempfile::tempdir().expect("temp dir");
        caselint()
            .current_dir(dir.path())
            .args([
                "new",
                "--kind",
                "self-assessment",
                "--delivery-model",
                flag,
                "sa.md",
            ])
            .assert()
            .success();
        let source = std::fs::read_to_string(dir.path().join("sa.md")).expect("written");
        let (code, report) = check_json(dir.path(), &["--no-config", "--today", TODAY, "sa.md"]);
        assert_eq!(code, 1, "{report}");
        let found = rules_and_lines(&report);
        let rules: BTreeSet<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(
            rules,
            BTreeSet::from(["SA-3.1/placeholder", "front-matter/placeholder"]),
            "{flag}: {report:#}"
        );
        let lines: Vec<&str> = source.lines().collect();
        let placeholders: Vec<u64> = found
            .iter()
            .filter(|(r, _)| r == "SA-3.1/placeholder")
            .map(|(_, l)| *l)
            .collect();
        assert_eq!(
            placeholders.len(),
            applicable(&models),
            "{flag}: one per id"
        );
        for line in placeholders {
            assert!(
                lines[line as usize - 1].starts_with("TODO: how you meet "),
                "{flag}: line {line} is not a placeholder"
            );
        }
    }
}

#[test]
fn the_filled_self_assessment_passes() {
    let (code, report) = check_json(
        &fixtures("self_assessment"),
        &["--no-config", "--today", TODAY, "filled.md"],
    );
    assert_eq!(report["diagnostics"], serde_json::json!([]), "{report:#}");
    assert_eq!(code, 0);
}

#[test]
fn each_rule_fires_at_its_line() {
    let (code, report) = check_json(
        &fixtures("self_assessment"),
        &["--no-config", "--today", TODAY, "bad.md"],
    );
    assert_eq!(code, 1);
    let found = rules_and_lines(&report);
    let expected: Vec<(&str, u64)> = vec![
        ("SA-3.1/evidence-missing", 44),
        ("SA-3.1/evidence-domain", 50),
        ("SA-3.1/unknown-id", 79),
        ("SA-3.1/evidence-needed", 82),
        ("SA-3.1/placeholder", 85),
        ("SA-3.1/short", 140),
        ("SA-3.1/placeholder", 148),
        ("SA-3.1/unanswered", 155),
        ("SA-3.1/placeholder", 169),
        ("SA-3.1/duplicate", 172),
    ];
    let got: Vec<(&str, u64)> = found.iter().map(|(r, l)| (r.as_str(), *l)).collect();
    assert_eq!(got, expected, "{report:#}");
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap_or_default())
        .collect();
    assert!(messages[1].contains("medium.com is not"), "{}", messages[1]);
    assert!(messages[7].starts_with("REL-003 "), "{}", messages[7]);
    assert!(messages[8].contains("`TBD`"), "{}", messages[8]);
}

#[test]
fn a_customer_deployed_solution_is_not_eligible() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = std::fs::read_to_string(fixtures("self_assessment").join("filled.md"))
        .expect("fixture")
        .replace("delivery_model: SaaS", "delivery_model: Customer Deployed");
    std::fs::write(dir.path().join("sa.md"), source).expect("write");
    let (_, report) = check_json(dir.path(), &["--no-config", "--today", TODAY, "sa.md"]);
    let found = rules_and_lines(&report);
    assert!(
        found.contains(&("SA-3.1/delivery-model".to_string(), 6)),
        "{report:#}"
    );
    // DOC-002 and AWSAPI-004 apply to customer-deployed solutions only; the filled file
    // (written for SaaS) does not answer them.
    let unanswered = found
        .iter()
        .filter(|(r, _)| r == "SA-3.1/unanswered")
        .count();
    assert_eq!(unanswered, 3, "DOC-002, AWSAPI-004, PS-001: {report:#}");
}

#[test]
fn rules_are_listed_and_explained() {
    let out = caselint().args(["rules"]).output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    for id in [
        "SA-3.1/unanswered",
        "SA-3.1/placeholder",
        "SA-3.1/evidence-domain",
    ] {
        assert!(text.contains(id), "{id} not listed");
    }
    let out = caselint()
        .args(["explain", "SA-3.1/evidence-domain"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("hosted on your organization's domain"),
        "{text}"
    );
}

/// The export's rows, from the library: one per control, in the checklist's order.
fn export_rows(name: &str) -> Vec<caselint::self_assessment::Row> {
    let path = fixtures("self_assessment").join(name);
    let today: jiff::civil::Date = TODAY.parse().expect("date");
    let checker = Checker::new(Config::default())
        .expect("checker")
        .with_today(today);
    let report = checker.check_file(&path);
    caselint::self_assessment::export::rows(checker.profile(), &report).expect("rows")
}

#[test]
fn export_rows_carry_answers_evidence_and_verdicts() {
    let profile = Profile::builtin().expect("profile");
    let rows = export_rows("bad.md");
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let wanted: Vec<&str> = profile.controls.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, wanted);
    let row = |id: &str| rows.iter().find(|r| r.id == id).expect("row");
    assert_eq!(row("REL-003").verdict, "not answered");
    assert_eq!(row("REL-003").status, Status::NotAnswered);
    assert_eq!(row("DOC-002").status, Status::NotApplicable);
    assert_eq!(row("SBR-003").status, Status::NeedsWork);
    assert_eq!(row("SECOPS-011").status, Status::ToCheck);
    assert_eq!(row("SBR-001").status, Status::Answered);
    assert!(row("DOC-002").verdict.starts_with("not applicable"));
    assert!(
        row("SBR-003")
            .verdict
            .starts_with("needs work: SA-3.1/evidence-domain"),
        "{}",
        row("SBR-003").verdict
    );
    assert_eq!(
        row("SBR-003").evidence,
        ["https://medium.com/@brightchair/smb-no-shows"]
    );
    assert!(row("SECOPS-011").verdict.starts_with("answered, to check"));
    let filled = export_rows("filled.md");
    for row in &filled {
        assert!(
            row.verdict == "answered" || row.verdict.starts_with("not applicable"),
            "{}: {}",
            row.id,
            row.verdict
        );
    }
    let one = filled.iter().find(|r| r.id == "1.3").expect("1.3");
    assert!(
        one.answer
            .starts_with("BrightChair Reminders, the solution we submit")
    );
    assert_eq!(one.requirement, profile.control("1.3").unwrap().words);
}

#[test]
fn check_xlsx_writes_a_workbook_with_a_row_per_id() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("self-assessment.xlsx");
    let fixture = fixtures("self_assessment").join("bad.md");
    caselint()
        .args(["check", "--no-config", "--today", TODAY, "--xlsx"])
        .arg(&out)
        .arg(&fixture)
        .assert()
        .code(1);
    let bytes = std::fs::read(&out).expect("the workbook is written");
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip file");
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["self-assessment.xlsx"]);
    read_back(&out);

    // No self-assessment among the files: nothing is written, and caselint says why.
    let other = dir.path().join("other.xlsx");
    let output = caselint()
        .args(["check", "--no-config", "--today", TODAY, "--xlsx"])
        .arg(&other)
        .arg(fixtures("self_assessment").join("evidence"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("none of the checked files"));
    assert!(!other.exists());
}

/// The workbook opened with a spreadsheet reader (calamine, independent of the writer),
/// as a partner's Excel would: a header row, then one row per checklist id in order.
fn read_back(path: &Path) {
    use calamine::{Reader, Xlsx, open_workbook};
    let mut workbook: Xlsx<_> = open_workbook(path).expect("the workbook opens");
    let sheet = workbook
        .sheet_names()
        .first()
        .cloned()
        .expect("one worksheet");
    let range = workbook.worksheet_range(&sheet).expect("the sheet reads");
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|row| row.iter().map(|cell| cell.to_string()).collect())
        .collect();
    let profile = Profile::builtin().expect("profile");
    assert_eq!(rows.len(), profile.controls.len() + 1);
    assert_eq!(rows[0][0], "ID");
    assert_eq!(rows[0].last().map(String::as_str), Some("caselint verdict"));
    for (row, control) in rows[1..].iter().zip(&profile.controls) {
        assert_eq!(row[0], control.id);
        assert_eq!(row[3], control.words, "{}", control.id);
    }
    let rel = rows.iter().find(|r| r[0] == "REL-003").expect("REL-003");
    assert_eq!(rel.last().map(String::as_str), Some("not answered"));
}

#[test]
fn answers_in_another_style() {
    let (_, report) = check_json(
        &fixtures("self_assessment"),
        &["--no-config", "--today", TODAY, "other-style.md"],
    );
    let found = rules_and_lines(&report);
    let others: Vec<(&str, u64)> = found
        .iter()
        .filter(|(r, _)| r != "SA-3.1/unanswered")
        .map(|(r, l)| (r.as_str(), *l))
        .collect();
    // SBR-003 (a subdomain of the partner's), DOC-002 (N/A with a reason), REL-003 (a
    // list), PRF-001 (a KPI table) pass; AWSAPI-004's bare "Not applicable" and REL-004's
    // missing runbook do not.
    assert_eq!(
        others,
        [("SA-3.1/placeholder", 17), ("SA-3.1/evidence-missing", 26)],
        "{report:#}"
    );
    let unanswered = found.len() - others.len();
    assert_eq!(unanswered, applicable(&DeliveryModel::ALL) - 6);
}

#[test]
fn an_unwritable_xlsx_path_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("no-such-folder").join("sa.xlsx");
    let output = caselint()
        .args(["check", "--no-config", "--today", TODAY, "--xlsx"])
        .arg(&out)
        .arg(fixtures("self_assessment").join("filled.md"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot write the spreadsheet"), "{stderr}");
    assert!(stderr.contains("does not exist"), "{stderr}");
    assert!(!out.exists());
}

/// `filled.md` without its Common Technical Requirements answers, claiming another
/// competency achieved on `achieved`.
fn waived_source(achieved: &str) -> String {
    let filled =
        std::fs::read_to_string(fixtures("self_assessment").join("filled.md")).expect("fixture");
    let start = filled
        .find("## Support and documentation")
        .expect("section");
    let end = filled.find("## Customer examples").expect("section");
    format!("{}{}", &filled[..start], &filled[end..]).replace(
        "delivery_model: SaaS\n",
        &format!(
            "delivery_model: SaaS\nother_competency: {{ name: AWS Security Competency, achieved: {achieved} }}\n"
        ),
    )
}

#[test]
fn another_competency_waives_the_common_technical_requirements() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("evidence")).expect("dir");
    for file in ["gtm-strategy.pdf", "smb-customers.csv"] {
        std::fs::copy(
            fixtures("self_assessment").join("evidence").join(file),
            dir.path().join("evidence").join(file),
        )
        .expect("copy");
    }
    std::fs::write(dir.path().join("recent.md"), waived_source("2026-03-15")).expect("write");
    std::fs::write(dir.path().join("old.md"), waived_source("2024-01-10")).expect("write");
    let (code, report) = check_json(dir.path(), &["--no-config", "--today", TODAY, "recent.md"]);
    // The case-study link of the fixture points outside this folder.
    let found: Vec<(String, u64)> = rules_and_lines(&report)
        .into_iter()
        .filter(|(r, _)| r != "SA-3.1/evidence-missing")
        .collect();
    assert!(found.is_empty(), "{report:#}");
    assert!(code <= 1);
    let (_, report) = check_json(dir.path(), &["--no-config", "--today", TODAY, "old.md"]);
    let found = rules_and_lines(&report);
    assert!(
        found.contains(&("SA-3.1/waiver".to_string(), 7)),
        "{report:#}"
    );
    let profile = Profile::builtin().expect("profile");
    let common = profile
        .controls
        .iter()
        .filter(|c| {
            c.section == "Common Technical Requirements" && c.applies(&[DeliveryModel::Saas])
        })
        .count();
    let unanswered = found
        .iter()
        .filter(|(r, _)| r == "SA-3.1/unanswered")
        .count();
    assert_eq!(unanswered, common);

    let today: jiff::civil::Date = TODAY.parse().expect("date");
    let checker = Checker::new(Config::default())
        .expect("checker")
        .with_today(today);
    let report = checker.check_file(&dir.path().join("recent.md"));
    let rows = caselint::self_assessment::export::rows(checker.profile(), &report).expect("rows");
    let rel = rows.iter().find(|r| r.id == "REL-003").expect("REL-003");
    assert_eq!(
        rel.verdict,
        "waived: AWS Security Competency achieved 2026-03-15"
    );
}
