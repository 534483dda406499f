//! DOC-003/spelling through the real binary: misspellings found with the right first
//! suggestion, names and code never flagged, fixes only on request, configuration.

use crate::common;

use common::{caselint, check_json, fixtures};
use std::path::Path;

use serde_json::Value;

/// (flagged text as found in the file, first suggestion, fix applicability) per finding of
/// `rule`.
fn found(dir: &Path, report: &Value, rule: &str) -> Vec<(String, String, String)> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == rule)
        .map(|d| {
            let source =
                std::fs::read(dir.join(d["path"].as_str().unwrap_or_default())).unwrap_or_default();
            let start = d["byte_start"].as_u64().unwrap_or(0) as usize;
            let end = d["byte_end"].as_u64().unwrap_or(0) as usize;
            (
                String::from_utf8_lossy(&source[start..end]).to_string(),
                d["suggestions"][0]["replacement"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                d["fix"]["applicability"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect()
}

const SPELLING: &str = "DOC-003/spelling";

#[test]
fn misspellings_are_found_with_the_right_first_suggestion() {
    let (_, report) = check_json(&fixtures("spelling"), &["--no-config", "typos.md"]);
    let found = found(&fixtures("spelling"), &report, SPELLING);
    let pairs: Vec<(&str, &str)> = found
        .iter()
        .map(|(w, s, _)| (w.as_str(), s.as_str()))
        .collect();
    assert_eq!(
        pairs,
        vec![
            ("recieve", "receive"),
            ("seperate", "separate"),
            ("enviroment", "environment"),
            ("succesful", "successful"),
            ("withuot", "without"),
        ]
    );
    assert!(found.iter().all(|(_, _, a)| a == "unsafe"), "{found:?}");
    let first = &report["diagnostics"][0];
    assert_eq!(first["severity"], "warning");
    assert_eq!(first["line"], 3);
    assert_eq!(first["column"], 9);
    assert!(first["suggestions"].as_array().unwrap().len() <= 3);
}

#[test]
fn names_terms_code_and_urls_are_never_flagged() {
    let (_, report) = check_json(&fixtures("spelling"), &["--no-config", "clean.md"]);
    let found = found(&fixtures("spelling"), &report, SPELLING);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn front_matter_names_are_accepted_at_a_sentence_start() {
    let (_, report) = check_json(&fixtures("spelling"), &["--no-config", "case-study.md"]);
    let found = found(&fixtures("spelling"), &report, SPELLING);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn fix_leaves_spelling_alone_and_unsafe_fixes_apply_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("typos.md");
    std::fs::copy(fixtures("spelling").join("typos.md"), &file).unwrap();
    let original = std::fs::read_to_string(&file).unwrap();

    caselint()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--fix", "typos.md"])
        .output()
        .unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), original);

    caselint()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--fix",
            "--unsafe-fixes",
            "typos.md",
        ])
        .output()
        .unwrap();
    let fixed = std::fs::read_to_string(&file).unwrap();
    assert!(
        fixed.contains("We will receive every invoice by email and keep a separate copy"),
        "{fixed}"
    );
    assert!(fixed.contains("migrated without downtime"), "{fixed}");

    caselint()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--fix",
            "--unsafe-fixes",
            "typos.md",
        ])
        .output()
        .unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), fixed);
    let (_, report) = check_json(dir.path(), &["--no-config", "typos.md"]);
    assert!(found(dir.path(), &report, SPELLING).is_empty());
}

#[test]
fn config_accepts_words_picks_the_dialect_and_turns_the_rule_off_by_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("legacy")).unwrap();
    std::fs::write(dir.path().join("a.md"), "We organise the withuot button.\n").unwrap();
    std::fs::write(dir.path().join("legacy/b.md"), "A withuot here.\n").unwrap();

    let words = |report: &Value| -> Vec<String> {
        found(dir.path(), report, SPELLING)
            .into_iter()
            .map(|(w, _, _)| w)
            .collect()
    };
    std::fs::write(dir.path().join("caselint.toml"), "").unwrap();
    let (_, report) = check_json(dir.path(), &["."]);
    // Unpinned, "organise" shows the page is en-GB: only the typos are findings.
    assert_eq!(words(&report), vec!["withuot", "withuot"]);
    std::fs::write(
        dir.path().join("caselint.toml"),
        "[spelling]\ndialect = \"en-US\"\n",
    )
    .unwrap();
    let (_, report) = check_json(dir.path(), &["."]);
    assert_eq!(words(&report), vec!["organise", "withuot", "withuot"]);

    std::fs::write(
        dir.path().join("caselint.toml"),
        "[spelling]\ndialect = \"en-GB\"\naccept = [\"Withuot\"]\nexclude = [\"legacy/**\"]\n",
    )
    .unwrap();
    let (_, report) = check_json(dir.path(), &["."]);
    assert!(words(&report).is_empty(), "{:?}", words(&report));

    std::fs::write(
        dir.path().join("caselint.toml"),
        "[rules]\n\"DOC-003/spelling\" = \"off\"\n",
    )
    .unwrap();
    let (_, report) = check_json(dir.path(), &["."]);
    assert!(words(&report).is_empty());
}

#[test]
fn the_first_suggestion_is_the_common_word_or_the_one_on_the_page() {
    let (_, report) = check_json(&fixtures("spelling"), &["--no-config", "ranked.md"]);
    let pairs: Vec<(String, String)> = found(&fixtures("spelling"), &report, SPELLING)
        .into_iter()
        .map(|(word, suggestion, _)| (word, suggestion))
        .collect();
    let expected = [
        ("continer", "container"),
        ("accout", "account"),
        ("tbe", "the"),
        ("reciving", "receiving"),
        ("pubish", "publish"),
        ("costumer", "customer"),
        ("Inisghts", "Insights"),
        ("programatically", "programmatically"),
        ("paramater", "parameter"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(w, s)| (w.to_string(), s.to_string()))
        .collect();
    assert_eq!(pairs, expected);
    let listed = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("costumer"))
        .unwrap();
    assert!(
        listed["message"]
            .as_str()
            .unwrap()
            .contains("rarely the one meant"),
        "{listed}"
    );
}

#[test]
fn a_pinned_english_names_the_other_spellings_word_by_word() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures("spelling").join("variants.md"),
        dir.path().join("variants.md"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("caselint.toml"),
        "[spelling]\ndialect = \"en-US\"\n",
    )
    .unwrap();
    let (_, report) = check_json(dir.path(), &["variants.md"]);
    let findings = found(dir.path(), &report, SPELLING);
    let pairs: Vec<(&str, &str)> = findings
        .iter()
        .map(|(w, s, _)| (w.as_str(), s.as_str()))
        .collect();
    assert_eq!(pairs, vec![("colour", "color"), ("analysed", "analyzed")]);
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.iter().all(|m| m.contains("en-US writes")),
        "{messages:?}"
    );

    std::fs::write(
        dir.path().join("caselint.toml"),
        "[spelling]\ndialect = \"en-GB\"\n",
    )
    .unwrap();
    let (_, report) = check_json(dir.path(), &["variants.md"]);
    assert!(found(dir.path(), &report, SPELLING).is_empty(), "{report}");
}

#[test]
fn an_unpinned_page_is_read_in_the_english_its_spellings_show() {
    for file in [
        "dialect-gb.md",
        "dialect-au.md",
        "dialect-oxford.md",
        "variants.md",
    ] {
        let (_, report) = check_json(&fixtures("spelling"), &["--no-config", file]);
        let findings = found(&fixtures("spelling"), &report, SPELLING);
        assert!(findings.is_empty(), "{file}: {findings:?}");
    }
}

#[test]
fn a_page_that_mixes_englishes_gets_one_warning() {
    let (_, report) = check_json(&fixtures("spelling"), &["--no-config", "dialect-mixed.md"]);
    let findings: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == SPELLING)
        .collect();
    assert_eq!(findings.len(), 1, "{findings:?}");
    let message = findings[0]["message"].as_str().unwrap();
    assert!(message.contains("mixes Englishes"), "{message}");
    assert!(
        message.contains("colour") && message.contains("color"),
        "{message}"
    );
}

#[test]
fn software_vocabulary_passes_and_known_typos_get_their_correction() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("doc.md"),
        "The syncer upserted the gzipped rows, and the orgs kept a roadmap for the standup.\n\n\
         We will agregate the logs.\n",
    )
    .unwrap();
    let (_, report) = check_json(dir.path(), &["--no-config", "doc.md"]);
    let pairs: Vec<(String, String)> = found(dir.path(), &report, SPELLING)
        .into_iter()
        .map(|(w, s, _)| (w, s))
        .collect();
    assert_eq!(
        pairs,
        vec![("agregate".to_string(), "aggregate".to_string())]
    );
}

#[test]
fn british_pages_with_ize_words_get_no_per_word_findings_and_no_mix_warning() {
    // Oxford spelling (-ize with -our), a technical -ize term, and -ise beside -ize alone
    // are no mix of Englishes.
    for file in ["dialect-oxford-ize.md", "dialect-ise-ize.md"] {
        let (_, report) = check_json(&fixtures("spelling"), &["--no-config", file]);
        let findings = found(&fixtures("spelling"), &report, SPELLING);
        assert!(findings.is_empty(), "{file}: {findings:?}");
    }
}

#[test]
fn british_only_beside_american_only_spelling_is_one_mix_warning() {
    let (_, report) = check_json(
        &fixtures("spelling"),
        &["--no-config", "dialect-mixed-strong.md"],
    );
    let findings = found(&fixtures("spelling"), &report, SPELLING);
    assert_eq!(findings.len(), 1, "{findings:?}");
    let message = report["diagnostics"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(
        message.contains("mixes Englishes") && message.contains("behavior"),
        "{message}"
    );
}

#[test]
fn ordinary_software_vocabulary_and_coined_compounds_are_no_slips() {
    let (_, report) = check_json(
        &fixtures("spelling"),
        &["--no-config", "vocabulary-software.md"],
    );
    let findings = found(&fixtures("spelling"), &report, SPELLING);
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn slips_beside_software_vocabulary_are_still_found() {
    let (_, report) = check_json(
        &fixtures("spelling"),
        &["--no-config", "vocabulary-slips.md"],
    );
    let pairs: Vec<(String, String)> = found(&fixtures("spelling"), &report, SPELLING)
        .into_iter()
        .map(|(w, s, _)| (w, s))
        .collect();
    let expected = [
        ("untill", "until"),
        ("ulitization", "utilization"),
        ("thefile", "the file"),
        ("recieve", "receive"),
    ];
    assert_eq!(
        pairs,
        expected
            .iter()
            .map(|(w, s)| (w.to_string(), s.to_string()))
            .collect::<Vec<_>>()
    );
}
