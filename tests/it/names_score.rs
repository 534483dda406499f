//! Scores the product-name rules on labelled sentences written by other people (JSON Lines,
//! one `{"id", "sentence", "errors": [{"wrong", "fix", "safe", "kind"}]}` per line). The
//! material is not in the repository, so the scorer is ignored unless asked for:
//!
//! ```sh
//! CASELINT_NAMES_JSONL=/path/to/dev.jsonl cargo test --test it names_score:: -- --ignored --nocapture
//! ```
//!
//! It prints recall (labelled spans a finding overlaps), the right-fix rate (findings whose
//! rewrite of the sentence equals the label's rewrite) and false positives (findings on no
//! labelled span), with every miss listed. It asserts nothing about the numbers: they are
//! read by people, and a tuned threshold here would invite tuning to the material.

use std::path::Path;

use caselint::check::Checker;
use caselint::config::Config;
use serde_json::Value;

const NAMES_ONLY: &str = "[rules]\n\"DOC-003/spelling\" = \"off\"\n\"DOC-003/grammar\" = \"off\"\n\
\"DOC-003/first-mention\" = \"off\"\n\"DOC-003/bare-name\" = \"off\"\n";

struct Label {
    range: std::ops::Range<usize>,
    fix: String,
    safe: bool,
}

#[test]
#[ignore = "needs CASELINT_NAMES_JSONL (labelled sentences, not in the repository)"]
fn score_labelled_sentences() {
    let Some(path) = std::env::var_os("CASELINT_NAMES_JSONL") else {
        panic!("set CASELINT_NAMES_JSONL to a JSON Lines file of labelled sentences");
    };
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", Path::new(&path).display()));
    let config = Config::parse(NAMES_ONLY).expect("names-only config parses");
    let checker = Checker::new(config)
        .expect("checker builds")
        .with_today(jiff::civil::date(2026, 12, 2));

    let (mut labelled, mut found, mut right_fix, mut false_pos) = (0, 0, 0, 0);
    let (mut safe_labelled, mut unsafe_offered_as_safe) = (0, 0);
    let mut sentences_with_fp = 0;
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: Value = serde_json::from_str(line)
            .unwrap_or_else(|err| panic!("line {}: not JSON: {err}", number + 1));
        let id = record["id"].as_str().unwrap_or("?");
        let sentence = record["sentence"].as_str().unwrap_or_default().to_string();
        let labels: Vec<Label> = record["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| {
                let wrong = e["wrong"].as_str()?;
                let start = sentence.find(wrong)?;
                Some(Label {
                    range: start..start + wrong.len(),
                    fix: e["fix"].as_str()?.to_string(),
                    safe: e["safe"].as_bool().unwrap_or(true),
                })
            })
            .collect();
        let report = checker.check_source(Path::new("sentence.md"), sentence.clone());
        let findings: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.rule.starts_with("DOC-003/product-name") || d.rule == "DOC-003/renamed")
            .collect();

        let overlaps = |a: &std::ops::Range<usize>, b: &std::ops::Range<usize>| {
            a.start < b.end && b.start < a.end
        };
        for label in &labels {
            labelled += 1;
            if label.safe {
                safe_labelled += 1;
            }
            let wrong = &sentence[label.range.clone()];
            let hit = findings.iter().find(|d| overlaps(&d.span, &label.range));
            let Some(hit) = hit else {
                println!("MISS {id}: `{wrong}` -> `{}`", label.fix);
                continue;
            };
            found += 1;
            let offered = hit
                .fix
                .as_ref()
                .map(|f| f.replacement.clone())
                .or_else(|| hit.suggestions.first().cloned())
                .unwrap_or_default();
            let ours = rewrite(&sentence, &hit.span, &offered);
            let theirs = rewrite(&sentence, &label.range, &label.fix);
            if normalise(&ours) == normalise(&theirs) {
                right_fix += 1;
            } else {
                println!(
                    "FIX  {id}: `{}` -> ours `{offered}`, label `{wrong}` -> `{}`",
                    &sentence[hit.span.clone()],
                    label.fix
                );
            }
            let offered_safe = hit
                .fix
                .as_ref()
                .is_some_and(|f| f.applicability == caselint::diagnostic::Applicability::Safe);
            if !label.safe && offered_safe {
                unsafe_offered_as_safe += 1;
                println!("SAFE {id}: `{wrong}` is labelled unsafe, offered as a safe fix");
            }
        }
        let mut fp_here = 0;
        for d in &findings {
            if !labels.iter().any(|l| overlaps(&d.span, &l.range)) {
                fp_here += 1;
                println!(
                    "FP   {id}: `{}` ({}: {})",
                    &sentence[d.span.clone()],
                    d.rule,
                    d.message
                );
            }
        }
        false_pos += fp_here;
        if fp_here > 0 {
            sentences_with_fp += 1;
        }
    }
    let ratio = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    println!(
        "labelled spans {labelled} (safe {safe_labelled}); found {found}: recall {:.3}; right fix {right_fix}: {:.3} of labelled, {:.3} of found; false positives {false_pos} in {sentences_with_fp} sentences; unsafe spans offered as safe fixes {unsafe_offered_as_safe}",
        ratio(found, labelled),
        ratio(right_fix, labelled),
        ratio(right_fix, found),
    );
}

/// The sentence with `range` replaced by `replacement`.
fn rewrite(sentence: &str, range: &std::ops::Range<usize>, replacement: &str) -> String {
    format!(
        "{}{}{}",
        &sentence[..range.start],
        replacement,
        &sentence[range.end..]
    )
}

/// Two rewrites that differ only in spacing are the same fix.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
