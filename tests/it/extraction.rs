//! Prose extraction on the Markdown people write (MDX, Hugo, Jekyll, HTML blocks, front
//! matter), through the real binary: findings land on the real slips at their exact
//! spans, and nothing is reported from code, props, template tags or hidden markup.

use crate::common;

use std::path::Path;

use common::{caselint, check_json, fixtures};
use serde_json::Value;

/// (rule, the source text under the finding's span) for every finding, in order.
fn found(dir: &Path, report: &Value) -> Vec<(String, String)> {
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    diagnostics
        .iter()
        .map(|d| {
            let path = dir.join(d["path"].as_str().expect("path"));
            let source = std::fs::read_to_string(&path).expect("fixture");
            let start = d["byte_start"].as_u64().expect("start") as usize;
            let end = d["byte_end"].as_u64().expect("end") as usize;
            (
                d["rule"].as_str().expect("rule").to_string(),
                source[start..end].to_string(),
            )
        })
        .collect()
}

fn findings(file: &str) -> Vec<(String, String)> {
    let dir = fixtures("extraction");
    let (_, report) = check_json(&dir, &["--no-config", "--today", "2026-12-02", file]);
    found(&dir, &report)
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(rule, text)| (rule.to_string(), text.to_string()))
        .collect()
}

#[test]
fn mdx_components_text_is_checked_and_code_is_not() {
    assert_eq!(
        findings("docusaurus.mdx"),
        pairs(&[
            ("DOC-003/product-name", "Cloudwatch"),
            ("DOC-003/spelling", "statr"),
            ("DOC-003/spelling", "sevice"),
            ("DOC-003/spelling", "bukcet"),
        ])
    );
}

#[test]
fn hugo_shortcodes_and_toml_front_matter() {
    assert_eq!(
        findings("hugo.md"),
        pairs(&[
            ("DOC-003/product-name", "AWS Lamda"),
            ("DOC-003/spelling", "invocaton"),
        ])
    );
}

#[test]
fn liquid_tags_alerts_and_footnotes() {
    assert_eq!(
        findings("jekyll.md"),
        pairs(&[
            ("DOC-003/spelling", "paterns"),
            ("DOC-003/spelling", "automaticaly"),
            ("DOC-003/spelling", "curent"),
        ])
    );
}

#[test]
fn html_blocks_visible_text_only() {
    assert_eq!(
        findings("html-blocks.md"),
        pairs(&[
            ("DOC-003/product-name", "Amazon Dynamo DB"),
            ("DOC-003/spelling", "sesion"),
            ("DOC-003/spelling", "functons"),
            ("DOC-003/spelling", "pallete"),
        ])
    );
}

#[test]
fn fix_edits_front_matter_values_and_keeps_the_yaml_valid() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("doc.md");
    std::fs::copy(fixtures("extraction").join("fix-front-matter.md"), &path).expect("copy");
    let output = caselint()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--fix", "doc.md"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let fixed = std::fs::read_to_string(&path).expect("read");
    assert_eq!(
        fixed,
        "---\ntitle: Using CloudWatch with the agent\ndescription: 'Alarms in CloudWatch'\nsummary: \"Logs, metrics and CloudWatch alarms\" # shown in lists\n---\nBody text about Amazon CloudWatch.\n"
    );
    let (code, report) = check_json(dir.path(), &["--no-config", "doc.md"]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["diagnostics"], serde_json::json!([]));
}
