//! DOC-003/grammar through the real binary: exact spans, safe fixes only for repeated
//! words and punctuation, every check on every kind of document unless configured off.

use crate::common;

use common::{caselint, check_json, fixtures};
use std::path::Path;

use serde_json::Value;

const GRAMMAR: &str = "DOC-003/grammar";

/// (byte range, text under it, fix replacement, applicability) of each grammar finding.
fn grammar(dir: &Path, report: &Value) -> Vec<(usize, usize, String, String, String)> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == GRAMMAR)
        .map(|d| {
            let source =
                std::fs::read(dir.join(d["path"].as_str().unwrap_or_default())).unwrap_or_default();
            let start = d["byte_start"].as_u64().unwrap_or(0) as usize;
            let end = d["byte_end"].as_u64().unwrap_or(0) as usize;
            (
                start,
                end,
                String::from_utf8_lossy(&source[start..end]).to_string(),
                d["fix"]["replacement"].as_str().unwrap_or("-").to_string(),
                d["fix"]["applicability"]
                    .as_str()
                    .unwrap_or("-")
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn grammar_slips_have_exact_spans() {
    let source = std::fs::read_to_string(fixtures("spelling").join("grammar.md")).unwrap();
    let (_, report) = check_json(&fixtures("spelling"), &["--no-config", "grammar.md"]);
    let found = grammar(&fixtures("spelling"), &report);
    assert_eq!(found.len(), 2, "{found:?}");

    let repeated = &found[0];
    let at = source.find("the the records").unwrap();
    assert_eq!(&source[repeated.0..repeated.1], repeated.2);
    assert!(
        repeated.0 >= at && repeated.1 <= at + "the the".len(),
        "{repeated:?}"
    );
    assert_eq!(repeated.4, "safe");

    let article = &found[1];
    assert_eq!(article.2, "an");
    assert_eq!(article.0, source.find("an bucket").unwrap());
    assert_eq!(article.3, "a");
    assert_eq!(article.4, "unsafe");
}

#[test]
fn fix_removes_the_repeated_word_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("grammar.md");
    std::fs::copy(fixtures("spelling").join("grammar.md"), &file).unwrap();
    for _ in 0..2 {
        caselint()
            .current_dir(dir.path())
            .args(["check", "--no-config", "--fix", "grammar.md"])
            .output()
            .unwrap();
    }
    let fixed = std::fs::read_to_string(&file).unwrap();
    assert!(fixed.contains("The team moved the records"), "{fixed}");
    // The article is a suggestion only: --fix leaves it.
    assert!(fixed.contains("an bucket"), "{fixed}");
    let (_, report) = check_json(dir.path(), &["--no-config", "grammar.md"]);
    assert_eq!(grammar(dir.path(), &report).len(), 1);
}

#[test]
fn plain_docs_get_every_grammar_check_unless_configured_off() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("doc.md"),
        "We stored the the files in an bucket. You might could see them.\n",
    )
    .unwrap();
    let texts = |report: &Value| -> Vec<String> {
        grammar(dir.path(), report)
            .into_iter()
            .map(|(_, _, text, _, _)| text)
            .collect()
    };
    let (_, report) = check_json(dir.path(), &["--no-config", "doc.md"]);
    assert_eq!(texts(&report), vec!["the the", "an", "might could"]);

    std::fs::write(
        dir.path().join("caselint.toml"),
        "[grammar]\nexclude = [\"doc.md\"]\n",
    )
    .unwrap();
    let (_, report) = check_json(dir.path(), &["doc.md"]);
    assert!(grammar(dir.path(), &report).is_empty());

    std::fs::write(
        dir.path().join("caselint.toml"),
        "[rules]\n\"DOC-003/grammar\" = \"off\"\n",
    )
    .unwrap();
    let (_, report) = check_json(dir.path(), &["doc.md"]);
    assert!(grammar(dir.path(), &report).is_empty());

    std::fs::write(
        dir.path().join("caselint.toml"),
        "[grammar]\ndisable = [\"RepeatedWords\", \"AnA\", \"DoubleModal\"]\n",
    )
    .unwrap();
    let (_, report) = check_json(dir.path(), &["doc.md"]);
    assert!(grammar(dir.path(), &report).is_empty());
}

#[test]
fn fast_checks_find_the_common_slips_in_a_plain_doc() {
    let (_, report) = check_json(&fixtures("spelling"), &["--no-config", "grammar-fast.md"]);
    let found: Vec<(String, String)> = grammar(&fixtures("spelling"), &report)
        .into_iter()
        .map(|(_, _, text, fix, _)| (text, fix))
        .collect();
    let expected: Vec<(String, String)> = [
        ("to to", "to"),
        ("a", "an"),
        ("could of", "could have"),
        ("it's", "its"),
        ("Their", "There"),
        ("then", "than"),
        (",,", ","),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(found, expected);
}

#[test]
fn fast_checks_stay_quiet_on_clean_dense_prose() {
    let (_, report) = check_json(&fixtures("spelling"), &["--no-config", "grammar-dense.md"]);
    let found = grammar(&fixtures("spelling"), &report);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn code_acronyms_labels_and_names_are_not_grammar_slips() {
    let (_, report) = check_json(&fixtures("spelling"), &["--no-config", "grammar-clean.md"]);
    let found = grammar(&fixtures("spelling"), &report);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn wrong_articles_before_names_and_acronyms_are_found_once() {
    let source = std::fs::read_to_string(fixtures("spelling").join("grammar-slips.md")).unwrap();
    let (_, report) = check_json(&fixtures("spelling"), &["--no-config", "grammar-slips.md"]);
    let found = grammar(&fixtures("spelling"), &report);
    let spans: Vec<(&str, &str)> = found
        .iter()
        .map(|(start, end, _, fix, _)| (&source[*start..*end], fix.as_str()))
        .collect();
    assert_eq!(
        spans,
        vec![("a", "an"), ("a", "an"), ("a a", "a")],
        "{found:?}"
    );
}

#[test]
fn may_as_a_month_and_a_quoted_repeat_are_no_slips_but_may_of_is() {
    let (_, report) = check_json(&fixtures("spelling"), &["--no-config", "grammar-month.md"]);
    let found: Vec<(String, String)> = grammar(&fixtures("spelling"), &report)
        .into_iter()
        .map(|(_, _, text, fix, _)| (text, fix))
        .collect();
    let expected: Vec<(String, String)> = [("may of", "may have"), ("to to", "to")]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(found, expected);
}
