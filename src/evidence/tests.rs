//! Detectors run the way the rules run them: a parsed document, a section scope, a check.

use std::path::Path;
use std::sync::LazyLock;

use super::*;
use crate::lexicon::Lexicon;

static NAMES: LazyLock<NameMatcher> =
    LazyLock::new(|| NameMatcher::new(&Lexicon::builtin().expect("lexicon")).expect("matcher"));

fn check(detector: &str) -> Check {
    Check {
        detector: detector.to_string(),
        scope: "section".to_string(),
        id: "x".to_string(),
        message: "m".to_string(),
        level: None,
        min: None,
        phrases: Vec::new(),
        kinds: Vec::new(),
        key: None,
        satisfied_by: Vec::new(),
    }
}

fn doc(source: &str) -> Document {
    Document::parse("case.md", source.to_string()).0
}

/// The section under the first heading containing `heading` (lower case), or the whole
/// body for "".
fn scope<'a>(doc: &'a Document, heading: &str) -> Scope<'a> {
    if heading.is_empty() {
        return Scope::document(doc);
    }
    let i = doc
        .headings
        .iter()
        .position(|h| h.text.to_lowercase().contains(heading))
        .unwrap_or_else(|| panic!("no heading {heading}"));
    Scope::section(doc, i).unwrap()
}

#[test]
fn scopes_hold_the_prose_of_their_span() {
    let d = doc(CASE);
    let whole = Scope::document(&d);
    assert_eq!(whole.prose.len(), d.prose.len());
    for (i, _) in d.headings.iter().enumerate() {
        let s = Scope::section(&d, i).unwrap();
        let slow: Vec<&Prose> = d
            .prose
            .iter()
            .filter(|p| p.span.start >= s.span.start && p.span.end <= s.span.end)
            .collect();
        assert_eq!(s.prose, slow);
    }
    assert!(Scope::section(&d, 99).is_none());
}

fn run_on(c: &Check, doc: &Document, heading: &str) -> Verdict {
    let exists = |p: &Path| !p.to_string_lossy().contains("missing");
    let env = Env {
        names: &NAMES,
        asset_exists: &exists,
    };
    run(c, &scope(doc, heading), &env)
}

const CASE: &str = "---
caselint: case-study
---
# Acme Dental modernises patient scheduling on AWS

## About the customer

Acme Dental runs 12 clinics in Ohio with 150 staff and was founded 20 years ago.

## The business challenge

Front-desk staff spent 40 hours a week confirming appointments by phone, and 18% of
appointments were no-shows, costing about $310,000 a year. Without action, Acme risked
losing patients to competitors with online booking.

## Goals

The goal was to cut no-shows by 30% and to save 20 staff hours a week.

## Solution architecture

![Solution architecture](img/architecture.png)

The solution uses Amazon API Gateway, AWS Lambda and Amazon DynamoDB, with Amazon SNS
for reminders. After a four-week pilot in two clinics, the platform went live in all 12
clinics in March 2025.

## Results

No-shows fell from 18% to 9%, and confirmation calls dropped by 85%. The team now saves
34 hours a week. Acme expects to save a further $50,000 next year.

| KPI | Baseline | Target | Actual | How measured |
|---|---|---|---|---|
| No-show rate | 18% | 12% | 9% | Practice-management reports |
| Staff hours on confirmations | 40 h/week | 20 h/week | 6 h/week | Timesheets |
";

#[test]
fn a_case_study_meets_every_detector() {
    let d = doc(CASE);
    let words = Check {
        min: Some(20),
        ..check("min-words")
    };
    assert!(run_on(&words, &d, "business challenge").met);

    let risk = Check {
        phrases: vec!["risk*".into(), "without action".into()],
        min: Some(2),
        ..check("phrases")
    };
    let v = run_on(&risk, &d, "business challenge");
    assert!(v.met, "{v:?}");
    // Evidence comes in the order of the text.
    let notes: Vec<&str> = v.found.iter().map(|e| e.note.as_str()).collect();
    assert!(notes.contains(&"wording: `risked`"), "{notes:?}");
    assert!(notes.contains(&"wording: `Without action`"), "{notes:?}");

    let v = run_on(&check("quantity"), &d, "business challenge");
    assert!(v.met);
    assert!(
        v.found
            .iter()
            .any(|e| e.note == "an amount of money: `$310,000 a year`"),
        "{v:?}"
    );

    let v = run_on(&check("outcome"), &d, "results");
    assert!(v.met);
    let notes: Vec<&str> = v.found.iter().map(|e| e.note.as_str()).collect();
    assert!(
        notes.contains(&"result: `No-shows fell from 18% to 9%,`"),
        "{notes:?}"
    );
    assert!(notes.iter().any(|n| n.contains("34 hours")), "{notes:?}");
    assert!(!notes.iter().any(|n| n.contains("$50,000")), "{notes:?}");
    assert!(
        notes.contains(&"result: `9%` (the actual value of the KPI `No-show rate`)"),
        "{notes:?}"
    );
    // The span points at the quantity in the source.
    let nine = v.found.iter().find(|e| e.note.contains("9%")).unwrap();
    assert_eq!(&CASE[nine.span.clone()], "9%");

    let services = Check {
        min: Some(3),
        ..check("aws-services")
    };
    let v = run_on(&services, &d, "architecture");
    assert!(v.met, "{v:?}");
    assert!(
        v.found.iter().any(|e| e.note == "AWS service: Amazon SNS"),
        "{v:?}"
    );

    let v = run_on(&check("diagram"), &d, "architecture");
    assert!(v.met, "{v:?}");
    assert_eq!(v.found[0].note, "diagram: `Solution architecture`");

    let v = run_on(&check("kpis"), &d, "results");
    assert!(v.met, "{v:?}");
    assert_eq!(v.found.len(), 2);
    assert!(v.problems.is_empty(), "{:?}", v.problems);

    let v = run_on(&check("current-pilot"), &d, "");
    assert!(v.met, "{v:?}");
    assert!(
        v.found
            .iter()
            .any(|e| e.note.starts_with("a pilot that ended"))
    );

    for fm in [
        "front-matter-key",
        "segment",
        "deployment-date",
        "solution-area",
        "nope",
    ] {
        assert!(run_on(&check(fm), &d, "").met);
    }
}

#[test]
fn near_misses_are_not_met_and_say_why() {
    let d = doc(
        "## Results\n\nAcme has 150 employees. The new system is expected to save 30% of costs. The goal was to cut errors by half.\n",
    );
    let v = run_on(&check("outcome"), &d, "results");
    assert!(!v.met);
    assert!(
        v.problems
            .iter()
            .any(|(_, m)| m.contains("is a projection")),
        "{:?}",
        v.problems
    );
    let v = run_on(&check("quantity"), &d, "results");
    assert!(v.met, "30% is a quantity even as a projection");
    let d = doc("## Challenge\n\nAcme has 150 employees in 3 countries.\n");
    // Any kind by default: a count of employees is a quantity.
    assert!(run_on(&check("quantity"), &d, "challenge").met);
    let impact = Check {
        kinds: vec!["percent".into(), "money".into(), "duration".into()],
        ..check("quantity")
    };
    let v = run_on(&impact, &d, "challenge");
    assert!(!v.met);
    assert!(
        v.problems[0]
            .1
            .contains("`150 employees` is the customer's size"),
        "{:?}",
        v.problems
    );
    let data = Check {
        kinds: vec!["size".into()],
        ..check("quantity")
    };
    assert!(!run_on(&data, &d, "challenge").met);
    let d = doc("## Challenge\n\nThe archive held 40 TB of scans.\n");
    assert!(run_on(&data, &d, "challenge").met);
}

#[test]
fn kpi_problems_name_the_kpi_and_the_missing_part() {
    let d = doc(
        "## KPIs\n\n| KPI | Before | After | Method |\n|---|---|---|---|\n| Close time | 10 days | 3 days | ERP |\n| Errors | 5% | | audit |\n",
    );
    let v = run_on(&check("kpis"), &d, "kpis");
    assert!(!v.met);
    let messages: Vec<&str> = v.problems.iter().map(|(_, m)| m.as_str()).collect();
    assert!(
        messages.contains(&"the KPI table has no target column"),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"the KPI `Errors` has no target and no actual result"),
        "{messages:?}"
    );
    let (span, _) = v
        .problems
        .iter()
        .find(|(_, m)| m.contains("`Errors`"))
        .unwrap();
    assert!(d.source[span.clone()].starts_with("Errors"));
}

#[test]
fn current_pilots_fail_and_others_are_notes() {
    let d = doc("## Solution\n\nThe chatbot is currently in a pilot with 20 users.\n");
    let v = run_on(&check("current-pilot"), &d, "");
    assert!(!v.met);
    assert!(
        v.problems[0].1.contains("not in production yet"),
        "{:?}",
        v.problems
    );
    let d = doc("## Solution\n\nWe ran a pilot with the finance team.\n");
    let v = run_on(&check("current-pilot"), &d, "");
    assert!(v.met);
    assert!(
        v.found[0]
            .note
            .starts_with("a pilot with no word on whether it ended"),
        "{v:?}"
    );
    let d = doc(
        "## Solution\n\nWe ran a pilot with the finance team. The platform has been in production since May 2025.\n",
    );
    assert!(run_on(&check("current-pilot"), &d, "").met);
    let d = doc("## Solution\n\nThe autopilot feature flags late orders.\n");
    assert!(run_on(&check("current-pilot"), &d, "").met);
}

#[test]
fn missing_diagrams_and_short_sections() {
    let d = doc("## Architecture\n\n![Architecture](img/missing.png)\n");
    let v = run_on(&check("diagram"), &d, "architecture");
    assert!(!v.met);
    assert!(v.problems[0].1.contains("`img/missing.png` is not there"));
    let d = doc("## Architecture\n\nWe used AWS.\n");
    let v = run_on(
        &Check {
            min: Some(50),
            ..check("min-words")
        },
        &d,
        "architecture",
    );
    assert!(!v.met);
    assert_eq!(v.problems[0].1, "this part has 3 words; write at least 50");
    assert_eq!(&d.source[v.problems[0].0.clone()], "## Architecture");
}

#[test]
fn the_section_title_does_not_answer_a_phrase_check() {
    let d = doc(
        "## Challenges and risks\n\nPaper forms slowed billing.\n\n### Risk of inaction\n\nMore churn.\n",
    );
    let risk = Check {
        phrases: vec!["risk*".into()],
        ..check("phrases")
    };
    let v = run_on(&risk, &d, "challenges");
    assert!(v.met, "a sub-heading counts");
    let d = doc("## Challenges and risks\n\nPaper forms slowed billing.\n");
    assert!(!run_on(&risk, &d, "challenges").met);
}

#[test]
fn a_kpi_in_a_table_and_in_prose_counts_once() {
    let d = doc(
        "## KPIs\n\n| KPI | Baseline | Target | Actual | Method |\n|---|---|---|---|---|\n| Close time | 10 days | 4 days | 3 days | ERP |\n\n**Close time**\n\nBaseline: 10 days. Target: 4 days. Actual: 3 days. Method: ERP.\n",
    );
    let v = run_on(&check("kpis"), &d, "kpis");
    assert!(!v.met);
    assert_eq!(v.found.len(), 1);
}

#[test]
fn check_parameters_are_validated() {
    let bad = Check {
        kinds: vec!["furlongs".into()],
        ..check("quantity")
    };
    assert!(check_parameters(&bad).unwrap_err().contains("furlongs"));
    assert!(check_parameters(&check("phrases")).is_err());
    assert!(check_parameters(&check("kpis")).is_ok());
}

#[test]
fn odd_documents_do_not_panic() {
    let long_number = "9".repeat(2000);
    let odd = [
        String::new(),
        "$".into(),
        "%".into(),
        "1,2,3".into(),
        "١٢٣٤ ٪ ５０％".into(),
        long_number.clone(),
        format!("${long_number}M"),
        "| a |\n|---|\n| |\n".into(),
        "|KPI|Baseline|\n|-|-|\n|x|\n".into(),
        "Baseline: Target: Actual: Method:".into(),
        "baseline 3 baseline 4 target".into(),
        "![]()\n\n![](<>)\n\n[x](%zz.png)".into(),
        "```mermaid".into(),
        "pilot pilot pilot. not yet in production; PoC".into(),
        "— – - ; : . ! ? from to by than".into(),
        "é".repeat(100),
        "# h\n## h\n### h\n".into(),
    ];
    let detectors = [
        "min-words",
        "phrases",
        "quantity",
        "outcome",
        "aws-services",
        "diagram",
        "kpis",
        "current-pilot",
    ];
    for text in &odd {
        let d = doc(text);
        for detector in detectors {
            let c = Check {
                phrases: vec!["*".into(), "risk".into()],
                kinds: vec!["percent".into(), "bogus".into()],
                ..check(detector)
            };
            let v = run_on(&c, &d, "");
            for (span, _) in &v.problems {
                assert!(span.end <= d.source.len());
            }
            for e in &v.found {
                assert!(e.span.end <= d.source.len());
            }
        }
    }
}

#[test]
fn a_large_document_is_checked_in_one_pass() {
    let mut big = String::from("# Case\n\n## Results\n\n");
    while big.len() < 50_000 {
        big.push_str(CASE.split("## Results").nth(1).unwrap_or(""));
        big.push_str("\nAfter the pilot, costs fell 30% and Amazon S3 stores 2 TB.\n\n");
        big.push_str("![Architecture diagram](img/arch.png)\n\n");
    }
    let d = doc(&big);
    LazyLock::force(&NAMES);
    let start = std::time::Instant::now();
    for detector in [
        "min-words",
        "quantity",
        "outcome",
        "aws-services",
        "diagram",
        "kpis",
        "current-pilot",
    ] {
        let one = std::time::Instant::now();
        let v = run_on(&check(detector), &d, "");
        eprintln!("{detector}: {:?}", one.elapsed());
        assert!(v.met, "{detector}");
    }
    eprintln!(
        "all detectors on {} KB: {:?}",
        big.len() / 1000,
        start.elapsed()
    );
    // Debug builds are slow; this only catches a quadratic scan.
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
}

#[test]
#[ignore = "reads /work/shared/corpus/awsdocs"]
fn corpus_runs_without_panics() {
    let mut stack = vec![std::path::PathBuf::from("/work/shared/corpus/awsdocs")];
    let mut files = 0;
    let mut bytes = 0;
    let mut elapsed = std::time::Duration::ZERO;
    LazyLock::force(&NAMES);
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Ok(source) = std::fs::read_to_string(&path) else {
                continue;
            };
            files += 1;
            bytes += source.len();
            let d = doc(&source);
            let start = std::time::Instant::now();
            for detector in DETECTORS {
                let v = run_on(&check(detector), &d, "");
                for (span, _) in &v.problems {
                    assert!(span.end <= d.source.len(), "{}", path.display());
                }
            }
            elapsed += start.elapsed();
        }
    }
    eprintln!(
        "{files} files, {} MB, detectors {elapsed:?}",
        bytes / 1_000_000
    );
    assert!(files > 0);
}

fn usage_met(text: &str) -> bool {
    let d = doc(&format!("# Page\n\n{text}\n"));
    run_on(&check("aws-usage"), &d, "").met
}

#[test]
fn aws_usage_needs_a_role_in_the_services_clause() {
    for text in [
        "Amazon S3 stores the scanned invoices for seven years.",
        "CloudFront caches the catalogue's images close to the clinics.",
        "The team used AWS Lambda to resize every uploaded photo.",
        "- Amazon Cognito handles sign-in for 60 practice managers.",
    ] {
        assert!(usage_met(text), "{text}");
    }
    for text in [
        "Services used: Amazon S3 · AWS Lambda · Amazon DynamoDB · Trusted by 2,000 finance teams",
        "Amazon S3, AWS Lambda, Amazon DynamoDB",
        "Proud AWS Partner. Available in AWS Marketplace. The solution runs on AWS.",
        "We chose Amazon Aurora rather than Amazon Redshift.",
        "The practice already kept its old scans in Amazon S3 buckets for years.",
    ] {
        let d = doc(&format!("# Page\n\n{text}\n"));
        let v = run_on(&check("aws-usage"), &d, "");
        // "We chose Amazon Aurora" names no role either: "chose" says why, not what it does.
        assert!(!v.met, "{text}: {:?}", v.found);
    }
}

#[test]
fn a_rejected_service_has_no_role() {
    let d = doc(
        "# Page\n\nInstead of Amazon Redshift storing the history, the team kept it in files.\n",
    );
    let v = run_on(&check("aws-usage"), &d, "");
    assert!(!v.met, "{:?}", v.found);
}

#[test]
fn a_sub_heading_is_the_writers_words_but_the_title_is_not() {
    let goals = Check {
        phrases: vec!["objective*".into()],
        ..check("phrases")
    };
    let d = doc(
        "# T\n\n## 3. Goals and objectives\n\n### 3.1 Business objectives\n\n1. Cut onboarding from 6.5 to 2 days.\n",
    );
    assert!(run_on(&goals, &d, "goals").met);
    let d = doc("# T\n\n## 3. Goals and objectives\n\n1. Cut onboarding from 6.5 to 2 days.\n");
    assert!(!run_on(&goals, &d, "goals").met);
}
