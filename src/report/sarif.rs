//! SARIF 2.1.0, for GitHub code scanning (`github/codeql-action/upload-sarif`) and other
//! SARIF viewers.
//!
//! - One run; `tool.driver.rules` lists every rule a run can report: the naming rules, each
//!   check of every requirement in the checklist profile (`UCR-002/risk`, and the
//!   requirement's `/section` and `/placeholder` findings), and the file-level rules (`io`,
//!   `front-matter`, `checklist-version`, …). Each has a short and a full description,
//!   help (plain text and Markdown), its default level, and the checklist requirement in
//!   its properties. A result whose rule is somehow not in that list gets an entry built
//!   from the result, so `ruleIndex` is always valid.
//! - Regions are in the file's own coordinates: 1-based lines; columns in UTF-16 code
//!   units, SARIF's default `columnKind`, which the run also states explicitly (GitHub and
//!   VS Code read columns that way; caselint's JSON report counts characters instead);
//!   `byteOffset`/`byteLength` give the exact bytes. `endColumn` is exclusive, as in SARIF.
//! - A finding with a fix carries it as `fixes[0]`: one replacement of the flagged region
//!   by the fix's text.
//! - `partialFingerprints["caselint/v1"]` is the baseline hash (rule + flagged text + its
//!   line's content), so code scanning tracks a finding when lines move.
//! - Paths are relative URIs (against `%SRCROOT%`, the repository root for code scanning)
//!   when the path is relative, `file://` URIs when absolute; both percent-encoded.

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::path::Path;

use serde_sarif::sarif;

use super::{Position, RenderOptions, display_path, sorted, utf16_column};
use crate::config::Level;
use crate::diagnostic::{Applicability, Diagnostic, FileReport, Severity};
use crate::lines::LineIndex;
use crate::profile::Profile;
use crate::rules::all_rules;

/// The official location of the SARIF 2.1.0 schema (OASIS errata 01).
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Where every relative path is rooted.
const SRCROOT: &str = "%SRCROOT%";

/// What SARIF says about one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDoc {
    pub id: String,
    /// One line.
    pub short: String,
    /// What the rule checks.
    pub full: String,
    /// How to satisfy it (plain text).
    pub help: String,
    /// The same help, in Markdown.
    pub help_markdown: String,
    /// The checklist requirement (`DOC-003`) and its title.
    pub requirement: String,
    pub requirement_title: String,
    pub level: Level,
}

/// Every rule caselint can report with `profile`, in a stable order: naming rules, the
/// profile's requirement checks, then file-level rules.
pub fn rule_catalog(profile: Option<&Profile>) -> Vec<RuleDoc> {
    let mut docs = Vec::new();
    for rule in all_rules() {
        docs.push(RuleDoc {
            id: rule.id.to_string(),
            short: rule.title.to_string(),
            full: rule.what.to_string(),
            help: format!(
                "{}\n\nInstead of: {}\nWrite: {}\n\nFix: {}\n\nChecklist {} ({}): \"{}\"",
                rule.why,
                rule.bad_example,
                rule.good_example,
                rule.fix_safety,
                rule.requirement,
                rule.requirement_title,
                rule.checklist_words
            ),
            help_markdown: format!(
                "{}\n\n- Instead of: {}\n- Write: {}\n\n**Fix:** {}\n\n> Checklist **{}** ({}): {}",
                rule.why,
                rule.bad_example,
                rule.good_example,
                rule.fix_safety,
                rule.requirement,
                rule.requirement_title,
                rule.checklist_words
            ),
            requirement: rule.requirement.to_string(),
            requirement_title: rule.requirement_title.to_string(),
            level: rule.default_level,
        });
    }
    let builtin;
    let profile = match profile {
        Some(profile) => Some(profile),
        None => {
            builtin = Profile::builtin().ok();
            builtin.as_ref()
        }
    };
    if let Some(profile) = profile {
        for requirement in &profile.requirements {
            let words = format!(
                "Checklist {} ({}): \"{}\"",
                requirement.id, requirement.title, requirement.words
            );
            let markdown = |first: &str| {
                let mut text = format!(
                    "{first}\n\n> Checklist **{}** ({}): {}",
                    requirement.id, requirement.title, requirement.words
                );
                if !requirement.example.is_empty() {
                    text.push_str(&format!("\n\nA passing example: {}", requirement.example));
                }
                text.push_str(&format!(
                    "\n\nRun `caselint explain {}` for more.",
                    requirement.id
                ));
                text
            };
            let mut push = |id: String, short: String, level: Level| {
                docs.push(RuleDoc {
                    id,
                    short,
                    full: format!("{}: {}", requirement.title, requirement.words),
                    help: format!("{}\n\n{words}", requirement.help),
                    help_markdown: markdown(&requirement.help),
                    requirement: requirement.id.clone(),
                    requirement_title: requirement.title.clone(),
                    level,
                });
            };
            if requirement.checks.iter().any(|c| c.scope == "section") {
                push(
                    format!("{}/section", requirement.id),
                    format!(
                        "A section answers {} ({})",
                        requirement.id, requirement.title
                    ),
                    requirement.level,
                );
            }
            push(
                format!("{}/placeholder", requirement.id),
                format!(
                    "The {} section no longer holds the template's TODO",
                    requirement.title
                ),
                requirement.level,
            );
            for check in &requirement.checks {
                let suffix = check
                    .id
                    .strip_prefix(&requirement.id)
                    .and_then(|rest| rest.strip_prefix('/'))
                    .unwrap_or(&check.id);
                push(
                    format!("{}/{suffix}", requirement.id),
                    capitalise(&check.message),
                    check.level.unwrap_or(requirement.level),
                );
            }
        }
    }
    let file_rule = |id: &str, short: &str, full: &str, help: &str, level: Level| RuleDoc {
        id: id.to_string(),
        short: short.to_string(),
        full: full.to_string(),
        help: help.to_string(),
        help_markdown: help.to_string(),
        requirement: id.split('/').next().unwrap_or(id).to_string(),
        requirement_title: String::new(),
        level,
    };
    docs.push(file_rule(
        crate::diagnostic::file_rules::IO,
        "The file can be read and checked",
        "The file could not be read: it is missing, not UTF-8 text, binary, or over the size limit.",
        "Check the path, save the file as UTF-8, or raise `max_file_size` in caselint.toml.",
        Level::Error,
    ));
    docs.push(file_rule(
        crate::diagnostic::file_rules::FRONT_MATTER,
        "The front matter is well formed",
        "The YAML or TOML front matter between `---` (or `+++`) lines is malformed, has an unknown key close to a known one, or misses a required key.",
        "Fix the front matter as the message says; `caselint new` writes a correct one.",
        Level::Error,
    ));
    docs.push(file_rule(
        "front-matter/placeholder",
        "The front matter no longer holds the template's TODO",
        "A front-matter value still holds the template's `TODO`.",
        "Replace each TODO value with the customer's details.",
        Level::Error,
    ));
    docs.push(file_rule(
        crate::rules::case_study::CHECKLIST_VERSION,
        "The checklist profile is still valid",
        "The checklist version the case study is checked against is past its validity date.",
        "Check the AWS Partner Central page of the competency for a newer checklist and pass its profile with --profile.",
        Level::Warning,
    ));
    let mut leak = file_rule(
        crate::rules::case_study::NAME_LEAK,
        "An anonymous case study does not name its customer",
        "An anonymous case study names (or may name) the customer its front matter keeps private.",
        "Anonymized public case studies keep the customer's name private: describe the customer as the front matter's `customer.description` does (checklist 2.3).",
        Level::Error,
    );
    leak.requirement = "2.3".into();
    docs.push(leak);
    docs.push(file_rule(
        crate::document::COMMENT_RULE,
        "caselint comments are well formed",
        "A `<!-- caselint-… -->` comment is malformed or names an unknown rule.",
        "Write `<!-- caselint-disable-next-line RULE -->`, `caselint-disable-line`, `caselint-disable` … `caselint-enable`, or `caselint-disable-file`.",
        Level::Warning,
    ));
    let mut seen = std::collections::HashSet::new();
    docs.retain(|doc| seen.insert(doc.id.clone()));
    docs
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A catalogue entry for a rule the catalogue does not know, built from its finding.
fn doc_from_diagnostic(diagnostic: &Diagnostic, options: &RenderOptions) -> RuleDoc {
    let title = options
        .requirement_titles
        .get(&diagnostic.requirement)
        .cloned()
        .unwrap_or_default();
    let help = diagnostic
        .help
        .clone()
        .unwrap_or_else(|| format!("Run `caselint explain {}`.", diagnostic.rule));
    RuleDoc {
        id: diagnostic.rule.clone(),
        short: format!("caselint rule {}", diagnostic.rule),
        full: if title.is_empty() {
            format!("Checklist requirement {}.", diagnostic.requirement)
        } else {
            format!("Checklist requirement {}: {title}.", diagnostic.requirement)
        },
        help_markdown: help.clone(),
        help,
        requirement: diagnostic.requirement.clone(),
        requirement_title: title,
        level: match diagnostic.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        },
    }
}

fn level_value(level: Level) -> serde_json::Value {
    serde_json::Value::from(match level {
        Level::Error => "error",
        Level::Warning | Level::Off => "warning",
    })
}

fn descriptor(doc: &RuleDoc) -> sarif::ReportingDescriptor {
    let mut properties = BTreeMap::new();
    properties.insert(
        "requirement".to_string(),
        serde_json::Value::from(doc.requirement.clone()),
    );
    if !doc.requirement_title.is_empty() {
        properties.insert(
            "requirementTitle".to_string(),
            serde_json::Value::from(doc.requirement_title.clone()),
        );
    }
    let configuration = if doc.level == Level::Off {
        sarif::ReportingConfiguration::builder()
            .enabled(false)
            .level(level_value(doc.level))
            .build()
    } else {
        sarif::ReportingConfiguration::builder()
            .level(level_value(doc.level))
            .build()
    };
    sarif::ReportingDescriptor::builder()
        .id(doc.id.clone())
        .name(rule_name(&doc.id))
        .short_description(text_message(&doc.short))
        .full_description(text_message(&doc.full))
        .help(
            sarif::MultiformatMessageString::builder()
                .text(doc.help.clone())
                .markdown(doc.help_markdown.clone())
                .build(),
        )
        .default_configuration(configuration)
        .properties(
            sarif::PropertyBag::builder()
                .tags(vec![
                    "aws-smb-competency".to_string(),
                    doc.requirement.clone(),
                ])
                .additional_properties(properties)
                .build(),
        )
        .build()
}

/// SARIF's `name` is an identifier-like label: `DOC-003/product-name` → `Doc003ProductName`.
fn rule_name(id: &str) -> String {
    id.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let lower = part.to_ascii_lowercase();
            let mut chars = lower.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn text_message(text: &str) -> sarif::MultiformatMessageString {
    sarif::MultiformatMessageString::builder()
        .text(text.to_string())
        .build()
}

/// A path as a URI reference: relative paths stay relative (`docs/a%20b.md`), absolute
/// ones become `file://` URIs.
pub fn path_uri(path: &Path) -> (String, Option<String>) {
    if path.is_absolute()
        && let Ok(url) = url::Url::from_file_path(path)
    {
        return (url.to_string(), None);
    }
    let shown = display_path(path);
    let trimmed = shown.trim_start_matches("./");
    let mut uri = String::with_capacity(trimmed.len());
    for byte in trimmed.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char)
            }
            other => uri.push_str(&format!("%{other:02X}")),
        }
    }
    (uri, Some(SRCROOT.to_string()))
}

fn region(position: &Position, source: &str, index: &LineIndex) -> sarif::Region {
    if !position.in_source {
        // A file-level finding (unreadable file): point at its start.
        return sarif::Region::builder()
            .start_line(1)
            .start_column(1)
            .build();
    }
    let start_column = utf16_column(source, index, position.bytes.start);
    let end_column = utf16_column(source, index, position.bytes.end);
    sarif::Region::builder()
        .start_line(position.start.0 as i64)
        .start_column(start_column as i64)
        .end_line(position.end.0 as i64)
        .end_column(end_column as i64)
        .byte_offset(position.bytes.start as i64)
        .byte_length(position.bytes.len() as i64)
        .build()
}

pub(super) fn render(
    reports: &[FileReport],
    options: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let log = build(reports, options);
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)?;
    out.flush()
}

/// The whole SARIF log as a value.
pub fn build(reports: &[FileReport], options: &RenderOptions) -> sarif::Sarif {
    let mut docs = rule_catalog(options.profile.as_ref());
    let mut index_of: HashMap<String, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, doc)| (doc.id.clone(), i))
        .collect();
    let mut results = Vec::new();
    for report in reports {
        let source = &report.source;
        let index = LineIndex::new(source);
        let (uri, base) = path_uri(&report.path);
        let location = || {
            let location = sarif::ArtifactLocation::builder().uri(uri.clone());
            match &base {
                Some(base) => location.uri_base_id(base.clone()).build(),
                None => location.build(),
            }
        };
        for diagnostic in sorted(report) {
            let rule_index = *index_of.entry(diagnostic.rule.clone()).or_insert_with(|| {
                docs.push(doc_from_diagnostic(diagnostic, options));
                docs.len() - 1
            });
            let position = Position::of(diagnostic, source, &index);
            let region = region(&position, source, &index);
            let mut text = diagnostic.message.clone();
            if let Some(help) = &diagnostic.help {
                text.push_str(&format!("\nHelp: {help}"));
            }
            let mut fingerprints = BTreeMap::new();
            fingerprints.insert(
                "caselint/v1".to_string(),
                crate::baseline::finding_hash(diagnostic, source),
            );
            let physical = sarif::PhysicalLocation::builder()
                .artifact_location(location())
                .region(region.clone())
                .build();
            let mut properties = BTreeMap::new();
            properties.insert(
                "requirement".to_string(),
                serde_json::Value::from(diagnostic.requirement.clone()),
            );
            if !diagnostic.suggestions.is_empty() {
                properties.insert(
                    "suggestions".to_string(),
                    serde_json::Value::from(diagnostic.suggestions.clone()),
                );
            }
            let result = sarif::Result::builder()
                .rule_id(diagnostic.rule.clone())
                .rule_index(rule_index as i64)
                .level(match diagnostic.severity {
                    Severity::Error => sarif::ResultLevel::Error,
                    Severity::Warning => sarif::ResultLevel::Warning,
                })
                .message(sarif::Message::builder().text(text).build())
                .locations(vec![
                    sarif::Location::builder()
                        .physical_location(physical)
                        .build(),
                ])
                .partial_fingerprints(fingerprints)
                .properties(
                    sarif::PropertyBag::builder()
                        .additional_properties(properties)
                        .build(),
                );
            let result = match (&diagnostic.fix, position.in_source) {
                (Some(fix), true) => {
                    let description = match fix.applicability {
                        Applicability::Safe => format!("Write `{}`", fix.replacement),
                        Applicability::Unsafe => format!(
                            "Write `{}` (review the sentence: this fix is not applied by --fix alone)",
                            fix.replacement
                        ),
                    };
                    let change = sarif::ArtifactChange::builder()
                        .artifact_location(location())
                        .replacements(vec![
                            sarif::Replacement::builder()
                                .deleted_region(region)
                                .inserted_content(
                                    sarif::ArtifactContent::builder()
                                        .text(fix.replacement.clone())
                                        .build(),
                                )
                                .build(),
                        ])
                        .build();
                    result
                        .fixes(vec![
                            sarif::Fix::builder()
                                .description(sarif::Message::builder().text(description).build())
                                .artifact_changes(vec![change])
                                .build(),
                        ])
                        .build()
                }
                _ => result.build(),
            };
            results.push(result);
        }
    }
    let rules: Vec<sarif::ReportingDescriptor> = docs.iter().map(descriptor).collect();
    let driver = sarif::ToolComponent::builder()
        .name("caselint")
        .full_name(format!("caselint {}", env!("CARGO_PKG_VERSION")))
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .short_description(text_message(env!("CARGO_PKG_DESCRIPTION")))
        .rules(rules)
        .build();
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .column_kind(serde_json::Value::from("utf16CodeUnits"))
        .results(results)
        .build();
    sarif::Sarif::builder()
        .schema(SCHEMA_URI)
        .version(serde_json::Value::from("2.1.0"))
        .runs(vec![run])
        .build()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn columns_are_utf16_and_fixes_replace_the_region() {
        let source = "🚀 é Cloudwatch\n";
        let start = source.find("Cloudwatch").expect("needle");
        let diagnostic = Diagnostic::new(
            "DOC-003/product-name",
            Severity::Error,
            start..start + 10,
            "wrong",
        )
        .with_fix("Amazon CloudWatch", Applicability::Safe);
        let reports = [FileReport {
            path: PathBuf::from("./docs/a b.md"),
            source: source.into(),
            diagnostics: vec![diagnostic],
        }];
        let value =
            serde_json::to_value(build(&reports, &RenderOptions::default())).expect("serialises");
        let result = &value["runs"][0]["results"][0];
        let region = &result["locations"][0]["physicalLocation"]["region"];
        // 🚀 is two UTF-16 units, then a space, é, a space: `Cloudwatch` starts at unit 6.
        assert_eq!(region["startColumn"], 6);
        assert_eq!(region["endColumn"], 16);
        assert_eq!(region["byteOffset"], start);
        assert_eq!(
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "docs/a%20b.md"
        );
        let replacement = &result["fixes"][0]["artifactChanges"][0]["replacements"][0];
        assert_eq!(replacement["insertedContent"]["text"], "Amazon CloudWatch");
        assert_eq!(replacement["deletedRegion"], *region);
        let rules = value["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .expect("rules");
        let index = result["ruleIndex"].as_u64().expect("index") as usize;
        assert_eq!(rules[index]["id"], "DOC-003/product-name");
        assert_eq!(value["runs"][0]["columnKind"], "utf16CodeUnits");
    }

    #[test]
    fn catalogue_names_every_kind_of_rule_once() {
        let docs = rule_catalog(None);
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        for id in [
            "DOC-003/product-name",
            "DOC-003/renamed",
            "UCR-002/risk",
            "UCR-002/section",
            "io",
            "front-matter",
            "checklist-version",
            "CS-2.3/customer-name-leak",
        ] {
            assert!(ids.contains(&id), "{id} missing from {ids:?}");
        }
        let unique: std::collections::HashSet<&&str> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len());
        assert!(
            docs.iter()
                .all(|d| !d.short.is_empty() && !d.help.is_empty())
        );
    }

    #[test]
    fn unknown_rules_get_an_entry() {
        let reports = [FileReport {
            path: PathBuf::from("/tmp/x.md"),
            source: "abc".into(),
            diagnostics: vec![Diagnostic::new("NEW-1/x", Severity::Warning, 0..1, "m")],
        }];
        let value =
            serde_json::to_value(build(&reports, &RenderOptions::default())).expect("serialises");
        let result = &value["runs"][0]["results"][0];
        let rules = &value["runs"][0]["tool"]["driver"]["rules"];
        let index = result["ruleIndex"].as_u64().expect("index") as usize;
        assert_eq!(rules[index]["id"], "NEW-1/x");
        assert_eq!(
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "file:///tmp/x.md"
        );
    }
}
