//! The five details of checklist 2.2 on `public-page` documents (pages saved from a
//! browser are checked exactly like fetched ones).

use crate::common;

use std::path::Path;

use caselint::check::Checker;
use caselint::config::Config;

fn page(visibility: &str, body: &str) -> Vec<String> {
    let source = format!(
        "---\ncaselint: public-page\nvisibility: {visibility}\ncustomer: {{ name: \"Acme Dental Care, LLC\", description: \"a dental group\" }}\npartner: {{ name: BrightChair, domain: brightchair.example }}\n---\n\n{body}\n"
    );
    let checker = Checker::new(Config::default())
        .unwrap()
        .with_today("2026-02-01".parse().unwrap());
    checker
        .check_source(Path::new("page.md"), source)
        .diagnostics
        .into_iter()
        .filter(|d| d.rule.starts_with("CS-2"))
        .map(|d| d.rule)
        .collect()
}

const CHALLENGE: &str = "The group struggled with manual reminder calls that took hours a week.";
const USAGE: &str =
    "Amazon EventBridge Scheduler schedules every reminder, and AWS Lambda updates the records.";
const RESULT: &str = "No-shows fell from 14% to 6% within four months.";

#[test]
fn a_complete_page_passes() {
    let body = format!(
        "# Acme Dental Care and BrightChair\n\nAcme Dental Care works with BrightChair. {CHALLENGE} {USAGE} {RESULT}"
    );
    assert!(
        page("public", &body).is_empty(),
        "{:?}",
        page("public", &body)
    );
}

#[test]
fn each_missing_detail_is_its_own_finding() {
    let partner_we = format!(
        "Acme Dental Care asked us for help. {CHALLENGE} We built it on AWS. {USAGE} {RESULT} Visit brightchair.example."
    );
    assert_eq!(page("public", &partner_we), ["CS-2.2/partner"]);

    let no_customer = format!("BrightChair helped a client. {CHALLENGE} {USAGE} {RESULT}");
    assert_eq!(page("public", &no_customer), ["CS-2.2/customer"]);

    let tags = format!(
        "Acme Dental Care works with BrightChair. {CHALLENGE} {RESULT}\n\nServices used: Amazon S3, AWS Lambda, Amazon DynamoDB"
    );
    assert_eq!(page("public", &tags), ["CS-2.2/aws-usage"]);

    let built_on_aws = format!(
        "Acme Dental Care works with BrightChair. {CHALLENGE} The solution runs on AWS. {RESULT}"
    );
    assert_eq!(page("public", &built_on_aws), ["CS-2.2/aws-usage"]);

    let projection = format!(
        "Acme Dental Care works with BrightChair. {CHALLENGE} {USAGE} The clinics are expected to cut no-shows by up to 50%. The group has 260 employees."
    );
    let got = page("public", &projection);
    assert!(
        got.iter().all(|r| r == "CS-2.2/outcome") && !got.is_empty(),
        "{got:?}"
    );

    let no_challenge = format!("Acme Dental Care works with BrightChair. {USAGE} {RESULT}");
    assert_eq!(page("public", &no_challenge), ["CS-2.2/challenge"]);
}

#[test]
fn anonymous_pages_describe_the_customer_and_never_name_it() {
    let described = format!(
        "BrightChair helped a 40-clinic dental group in Ohio. {CHALLENGE} {USAGE} {RESULT}"
    );
    assert!(
        page("anonymous", &described).is_empty(),
        "{:?}",
        page("anonymous", &described)
    );
    let named = format!(
        "BrightChair helped a 40-clinic dental group in Ohio, Acme Dental Care. {CHALLENGE} {USAGE} {RESULT}"
    );
    assert_eq!(page("anonymous", &named), ["CS-2.3/customer-name-leak"]);
}

/// The error-level 2.2 details `check-url` reports for a page served on 127.0.0.1.
fn page_errors(html: &'static str, anonymous: bool) -> Vec<String> {
    let server = httpmock::MockServer::start();
    server.mock(|when, then| {
        when.method(httpmock::Method::GET).path("/customers/story");
        then.status(200)
            .header("content-type", "text/html")
            .body(html);
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("caselint.toml");
    std::fs::write(
        &config,
        "[web]\nallow_private_addresses = true\nrequire_https = false\ncache_ttl = 0\ncache_dir = \"cache\"\nretries = 0\n",
    )
    .expect("config");
    let url = format!("http://127.0.0.1:{}/customers/story", server.port());
    let mut cmd = common::caselint();
    cmd.current_dir(dir.path()).args([
        "check-url",
        &url,
        "--format",
        "json",
        "--today",
        "2026-12-02",
        "--partner",
        "Ledgerloop",
        "--partner-domain",
        "127.0.0.1",
        "--customer",
        "Harrowgate Bakeries Ltd",
    ]);
    if anonymous {
        cmd.arg("--anonymous");
    }
    let output = cmd.output().expect("runs");
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("the JSON report");
    let mut rules: Vec<String> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| {
            d["severity"] == "error" && d["rule"].as_str().is_some_and(|r| r.starts_with("CS-2.2/"))
        })
        .map(|d| d["rule"].as_str().unwrap_or_default().to_string())
        .collect();
    rules.sort();
    rules.dedup();
    rules
}

#[test]
fn a_page_read_like_a_careful_reader_reads_it() {
    // "One of our customers" describes nobody (the description in a card for another
    // story is that story's); AWS appears only in a service list and the footer badge.
    // The challenge under a heading without the word, and the results in stat cards and
    // a sentence, are there.
    assert_eq!(
        page_errors(
            include_str!("../fixtures/web/anonymous-undescribed.html"),
            true
        ),
        ["CS-2.2/aws-usage", "CS-2.2/customer"]
    );
    // A described customer, a challenge under a marketing heading, services with their
    // roles (short forms too) and a result: nothing to report.
    assert_eq!(
        page_errors(include_str!("../fixtures/web/described-story.html"), true),
        Vec::<String>::new()
    );
}

#[test]
fn a_results_section_states_results_in_its_own_way() {
    let with = |tail: &str| {
        page(
            "public",
            &format!("Acme Dental Care works with BrightChair. {CHALLENGE} {USAGE}\n\n{tail}"),
        )
    };
    assert!(
        with("## The results\n\nRestoring a patient's full record takes six minutes on average.")
            .is_empty()
    );
    // A time frame, or the same sentence under a plan, is no result.
    assert_eq!(
        with("## The results\n\nWithin six months, every clinic was live."),
        ["CS-2.2/outcome"]
    );
    assert_eq!(
        with("## What's next\n\nRestoring a full record will take six minutes on average."),
        ["CS-2.2/outcome"]
    );
}
