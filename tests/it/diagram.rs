//! Architecture diagrams end to end: a case study pointing at a draw.io file (plain,
//! compressed), a PNG or SVG export with the diagram inside, or a Mermaid block; the
//! complete diagram passes, and dropping the VPC, the Availability Zones or the external
//! systems gives exactly one finding each. Fixtures: tests/fixtures/diagrams/ (make.py).

use crate::common;

use std::path::Path;

use common::{caselint, fixtures, root};
use serde_json::Value;

const DIAGRAM_RULES: &[&str] = &[
    "PS-001/diagram-services",
    "PS-001/diagram-deployment",
    "PS-001/diagram-external",
    "PS-001/diagram-unreadable",
    "PS-001/diagram-file",
    "PS-002/diagram-missing-service",
    "PS-002/diagram-unexplained-service",
    "DOC-001/diagram-deployment",
    "DOC-001/diagram-external",
    "DOC-001/diagram-file",
];

/// The passing sample case study, its diagram swapped for `diagram` (a fixture file name)
/// or for a Mermaid block.
fn case_study(dir: &Path, image: &str) -> String {
    let sample = std::fs::read_to_string(root().join("samples/case-studies/acme-dental-public.md"))
        .expect("sample");
    let text = sample.replace("](architecture-acme-dental.png)", &format!("]({image})"));
    assert_ne!(text, sample, "the sample's diagram link moved");
    let path = dir.join("acme.md");
    std::fs::write(&path, &text).expect("write");
    text
}

fn copy_fixture(dir: &Path, name: &str) {
    std::fs::copy(fixtures("diagrams").join(name), dir.join(name)).expect("copy fixture");
}

fn check(dir: &Path) -> (i32, Value) {
    common::check_json(dir, &["--no-config", "--today", "2026-02-01", "acme.md"])
}

fn diagram_rules(report: &Value) -> Vec<String> {
    let mut found: Vec<String> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["rule"].as_str().unwrap_or_default().to_string())
        .filter(|r| DIAGRAM_RULES.contains(&r.as_str()))
        .collect();
    found.sort();
    found
}

fn all_rules(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["rule"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn messages(report: &Value) -> String {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            format!(
                "{}: {}",
                d["rule"].as_str().unwrap_or_default(),
                d["message"].as_str().unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const FORMATS: &[(&str, &str)] = &[
    ("", ".drawio"),
    ("-compressed", ".drawio"),
    ("", ".drawio.png"),
    ("-ztxt", ".drawio.png"),
    ("", ".drawio.svg"),
];

#[test]
fn a_complete_diagram_passes_in_every_format() {
    for (variant, ending) in FORMATS {
        let dir = tempfile::tempdir().expect("tempdir");
        let name = format!("architecture{variant}{ending}");
        copy_fixture(dir.path(), &name);
        case_study(dir.path(), &name);
        let (code, report) = check(dir.path());
        assert_eq!(
            all_rules(&report),
            Vec::<String>::new(),
            "{name}:\n{}",
            messages(&report)
        );
        assert_eq!(code, 0, "{name}");
    }
}

#[test]
fn dropping_the_vpc_the_zones_or_the_outside_gives_one_finding_each() {
    let expected = [
        ("no-vpc", "PS-001/diagram-deployment", "the VPC"),
        (
            "no-az",
            "PS-001/diagram-deployment",
            "the Availability Zones",
        ),
        (
            "no-external",
            "PS-001/diagram-external",
            "nothing outside AWS",
        ),
    ];
    for (drop, rule, words) in expected {
        for (variant, ending) in FORMATS {
            let dir = tempfile::tempdir().expect("tempdir");
            let name = format!("architecture-{drop}{variant}{ending}");
            copy_fixture(dir.path(), &name);
            case_study(dir.path(), &name);
            let (code, report) = check(dir.path());
            assert_eq!(all_rules(&report), [rule], "{name}:\n{}", messages(&report));
            let message = report["diagnostics"][0]["message"]
                .as_str()
                .unwrap_or_default();
            assert!(message.contains(words), "{name}: {message}");
            assert!(message.contains(&name), "{name}: {message}");
            assert_eq!(report["diagnostics"][0]["severity"], "warning");
            assert_eq!(code, 0, "{name}: warnings only");
        }
    }
}

#[test]
fn a_picture_without_the_diagram_gets_one_note_only_when_the_text_is_silent() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_fixture(dir.path(), "picture-only.png");
    let text = case_study(dir.path(), "picture-only.png");
    // The sample's text says "three Availability Zones": enough, no note.
    let (_, report) = check(dir.path());
    assert_eq!(
        all_rules(&report),
        Vec::<String>::new(),
        "{}",
        messages(&report)
    );
    // Without it, caselint says once that it cannot read the picture, and how to export it.
    std::fs::write(
        dir.path().join("acme.md"),
        text.replace("Every component runs across three Availability Zones. ", "")
            .replace("with a Multi-AZ reader", "with a reader"),
    )
    .expect("write");
    let (code, report) = check(dir.path());
    assert_eq!(
        diagram_rules(&report),
        ["PS-001/diagram-unreadable"],
        "{}",
        messages(&report)
    );
    let note = &report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "PS-001/diagram-unreadable")
        .expect("note")["message"];
    assert!(
        note.as_str()
            .unwrap_or_default()
            .contains("Include a copy of my diagram"),
        "{note}"
    );
    assert_ne!(code, 2);
}

#[test]
fn text_and_diagram_name_the_same_services() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_fixture(dir.path(), "architecture.drawio");
    let text = case_study(dir.path(), "architecture.drawio");
    // The text adds Amazon Cognito; the diagram does not show it.
    std::fs::write(
        dir.path().join("acme.md"),
        text.replace(
            "Every component runs across three Availability Zones.",
            "Every component runs across three Availability Zones. Amazon Cognito signs front-desk staff in.",
        )
        // ... and stops explaining Amazon Connect, which the diagram shows.
        .replace("(7) Patients who ask for a call are placed in an Amazon Connect\ncallback queue for the clinic's front desk.", "")
        .replace("Amazon Connect was preferred to a hosted phone system because it is billed per\nminute.", ""),
    )
    .expect("write");
    let (_, report) = check(dir.path());
    let text = messages(&report);
    assert_eq!(
        diagram_rules(&report),
        [
            "PS-002/diagram-missing-service",
            "PS-002/diagram-unexplained-service"
        ],
        "{text}"
    );
    assert!(text.contains("`Amazon Cognito`"), "{text}");
    assert!(text.contains("`Amazon Connect`"), "{text}");
}

#[test]
fn services_weighed_tooling_and_ordinary_words_need_no_place_on_the_diagram() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_fixture(dir.path(), "architecture.drawio");
    let text = case_study(dir.path(), "architecture.drawio");
    let added = "Every component runs across three Availability Zones. We tried Amazon Aurora first, \
but the schema was too small for it. The AWS CDK app deploys the stacks, and IAM roles scope each \
function. Patients get a two-way SMS.\n\n| Service | Alternatives considered |\n| --- | --- |\n\
| AWS Lambda | Amazon EKS (too much to run) |\n";
    std::fs::write(
        dir.path().join("acme.md"),
        text.replace(
            "Every component runs across three Availability Zones.",
            added,
        ),
    )
    .expect("write");
    let (_, report) = check(dir.path());
    let text = messages(&report);
    assert!(
        !diagram_rules(&report).contains(&"PS-002/diagram-missing-service".to_string()),
        "{text}"
    );
}

#[test]
fn wrong_names_in_labels_are_reported_with_their_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_fixture(dir.path(), "wrong-names.drawio");
    case_study(dir.path(), "wrong-names.drawio");
    let (code, report) = check(dir.path());
    let text = messages(&report);
    let names: Vec<&Value> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == "DOC-003/product-name")
        .collect();
    assert_eq!(names.len(), 2, "{text}");
    assert!(
        text.contains("page `Architecture`, cell `cw` (`Cloudwatch alarms`)"),
        "{text}"
    );
    assert!(text.contains("write `CloudWatch`"), "{text}");
    assert!(text.contains("cell `sqs` (`AWS SQS`)"), "{text}");
    assert_eq!(code, 1);
}

#[test]
fn a_broken_or_bomb_diagram_is_an_error_naming_it_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_fixture(dir.path(), "broken.drawio");
    case_study(dir.path(), "broken.drawio");
    let (code, report) = check(dir.path());
    assert_eq!(
        all_rules(&report),
        ["PS-001/diagram-file"],
        "{}",
        messages(&report)
    );
    assert!(messages(&report).contains("`broken.drawio`"));
    assert_eq!(code, 1);

    // 200 MB of spaces in a compressed page: a few hundred kilobytes on disk.
    let bomb = {
        use std::io::Write;
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        let block = vec![b' '; 1024 * 1024];
        for _ in 0..200 {
            encoder.write_all(&block).expect("deflate");
        }
        let raw = encoder.finish().expect("deflate");
        use base64::Engine;
        let packed = base64::engine::general_purpose::STANDARD.encode(raw);
        format!("<mxfile><diagram name=\"Page-1\" id=\"x\">{packed}</diagram></mxfile>")
    };
    std::fs::write(dir.path().join("bomb.drawio"), bomb).expect("write");
    case_study(dir.path(), "bomb.drawio");
    let started = std::time::Instant::now();
    let (code, report) = check(dir.path());
    assert_eq!(
        all_rules(&report),
        ["PS-001/diagram-file"],
        "{}",
        messages(&report)
    );
    let text = messages(&report);
    assert!(
        text.contains("`bomb.drawio`") && text.contains("inflates to more than"),
        "{text}"
    );
    assert_eq!(code, 1);
    let _ = started;
}

#[test]
fn mermaid_blocks_are_read_from_the_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = std::fs::read_to_string(root().join("samples/case-studies/acme-dental-public.md"))
        .expect("sample");
    let block = "```mermaid\nflowchart LR\n  staff[Clinic staff] -->|HTTPS| ecs\n  pms[Practice-management system] -->|webhook| apigw\n  subgraph cloud [AWS Cloud]\n    subgraph vpc [VPC]\n      subgraph az1 [Availability Zone 1]\n        subgraph sub1 [Private subnet]\n          ecs[Amazon ECS on AWS Fargate] --> aurora[(Amazon Aurora)]\n        end\n      end\n    end\n    apigw[Amazon API Gateway] --> fn[AWS Lambda] --> sched[Amazon EventBridge Scheduler] --> q[Amazon SQS] --> sms[AWS End User Messaging SMS]\n    sns[Amazon SNS] --> fn\n    connect[Amazon Connect]\n    cw[Amazon CloudWatch]\n    kms[AWS KMS]\n  end\n  sms --> phones[Patients' phones]\n```\n";
    let with_block = sample.replace(
        "![Architecture of BrightChair Engage for Acme Dental Care on AWS](architecture-acme-dental.png)\n",
        block,
    );
    std::fs::write(dir.path().join("acme.md"), &with_block).expect("write");
    let (_, report) = check(dir.path());
    assert_eq!(
        all_rules(&report),
        Vec::<String>::new(),
        "{}",
        messages(&report)
    );

    // A slip in a Mermaid label is the document's own text: exact place, safe fix.
    std::fs::write(
        dir.path().join("acme.md"),
        with_block.replace("cw[Amazon CloudWatch]", "cw[Amazon Cloudwatch]"),
    )
    .expect("write");
    let (_, report) = check(dir.path());
    let names: Vec<&Value> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == "DOC-003/product-name")
        .collect();
    assert_eq!(names.len(), 1, "{}", messages(&report));
    assert_eq!(names[0]["fix"]["replacement"], "Amazon CloudWatch");
    assert_eq!(names[0]["fix"]["applicability"], "safe");

    // Without the VPC subgraph: one finding.
    std::fs::write(
        dir.path().join("acme.md"),
        with_block
            .replace("    subgraph vpc [VPC]\n", "")
            .replace("      end\n    end\n    apigw", "      end\n    apigw"),
    )
    .expect("write");
    let (_, report) = check(dir.path());
    assert_eq!(
        all_rules(&report),
        ["PS-001/diagram-deployment"],
        "{}",
        messages(&report)
    );
}

#[test]
fn every_diagram_rule_is_explained_and_listed() {
    let listing = caselint().arg("rules").output().expect("runs");
    let listing = String::from_utf8_lossy(&listing.stdout).to_string();
    for id in DIAGRAM_RULES {
        assert!(listing.contains(id), "{id} not in `caselint rules`");
        let explain = caselint().args(["explain", id]).output().expect("runs");
        assert!(explain.status.success(), "explain {id}");
    }
}

#[test]
fn every_shape_maps_to_a_lexicon_product() {
    let shapes = caselint::diagram::Shapes::builtin().expect("shapes.toml");
    let lexicon = caselint::lexicon::Lexicon::builtin().expect("lexicon");
    let ids: std::collections::HashSet<&str> =
        lexicon.products.iter().map(|p| p.id.as_str()).collect();
    let unknown: Vec<&str> = shapes
        .product_ids()
        .filter(|id| !ids.contains(id))
        .collect();
    assert!(
        unknown.is_empty(),
        "shapes.toml names products the lexicon lacks: {unknown:?}"
    );
}
