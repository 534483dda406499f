use super::*;

fn profile() -> ProfileInfo {
    crate::profile::Profile::builtin()
        .expect("the built-in profile loads")
        .profile
}

fn read(source: &str) -> (Document, Option<CaseStudyMeta>, Vec<Diagnostic>) {
    let (doc, parse) = Document::parse("acme.md", source.to_string());
    assert!(parse.is_empty(), "document diagnostics: {parse:?}");
    let (meta, diagnostics) = read_meta(&doc, &profile());
    (doc, meta, diagnostics)
}

const GOOD: &str = "---
caselint: case-study
title: Acme Dental cuts billing time
visibility: public
customer:
  name: Acme Dental
  description: a 12-clinic dental group
  industry: Healthcare
  size: 120 employees
  segment: small business
  annual_revenue_usd: \"$12M\"
partner: { name: Partner Co, domain: partner.example }
solution_area: Productivity and Business Process
production_since: 2025-07-01
ace_opportunity_id: O1234567
aws_account_id: \"012345678901\"
aws_arr_usd: 36000
public_url: https://www.partner.example/customers/acme
tags: [dental]
sidebar_position: 3
---
# Acme
";

/// The text a diagnostic points at, and its 1-based line.
fn at(doc: &Document, d: &Diagnostic) -> (String, usize) {
    (
        doc.source[d.span.clone()].to_string(),
        doc.lines.line(d.span.start),
    )
}

fn apply(doc: &Document, d: &Diagnostic) -> String {
    let fix = d.fix.as_ref().expect("a fix");
    let mut s = doc.source.clone();
    s.replace_range(d.span.clone(), &fix.replacement);
    s
}

#[test]
fn a_complete_case_study_reads_clean() {
    let (_, meta, diagnostics) = read(GOOD);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let meta = meta.expect("meta");
    assert_eq!(meta.kind, DocumentKind::CaseStudy);
    assert_eq!(meta.visibility, Some(Visibility::Public));
    assert_eq!(meta.title.as_deref(), Some("Acme Dental cuts billing time"));
    assert_eq!(meta.customer.name.as_deref(), Some("Acme Dental"));
    assert_eq!(meta.customer.size.as_deref(), Some("120 employees"));
    assert_eq!(meta.customer.segment.as_deref(), Some("SMB"));
    assert_eq!(meta.customer.annual_revenue_usd, Some(12e6));
    assert_eq!(meta.partner.domain.as_deref(), Some("partner.example"));
    assert_eq!(
        meta.solution_area.as_deref(),
        Some("Productivity & Business Process")
    );
    assert_eq!(
        meta.production_since.map(|d| d.to_string()).as_deref(),
        Some("2025-07-01")
    );
    assert_eq!(meta.ace_opportunity_id.as_deref(), Some("O1234567"));
    assert_eq!(meta.aws_account_id.as_deref(), Some("012345678901"));
    assert_eq!(meta.aws_arr_usd, Some(36000.0));
    assert!(meta.public_url.is_some());
}

#[test]
fn toml_case_study_reads_clean() {
    let source = "+++
caselint = \"case-study\"
visibility = \"anonymous\"
solution_area = \"Security\"
production_since = 2025-07-01
aws_account_id = 123456789012
aws_arr_usd = \"36k\"
[customer]
name = \"Acme\"
description = \"a regional credit union\"
[partner]
name = \"Partner Co\"
+++
Body
";
    let (doc, meta, diagnostics) = read(source);
    // Anonymous and published: the address is asked for, as a warning.
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0].severity, Severity::Warning);
    assert_eq!(at(&doc, &diagnostics[0]), ("anonymous".into(), 3));
    assert!(
        diagnostics[0].message.contains("`public_url = https://…`"),
        "{}",
        diagnostics[0].message
    );
    let meta = meta.expect("meta");
    assert_eq!(meta.visibility, Some(Visibility::Anonymous));
    assert_eq!(
        meta.production_since.map(|d| d.to_string()).as_deref(),
        Some("2025-07-01")
    );
    assert_eq!(meta.aws_account_id.as_deref(), Some("123456789012"));
    assert_eq!(meta.aws_arr_usd, Some(36000.0));
}

#[test]
fn other_kinds_are_not_read() {
    for source in [
        "# Just a doc\n",
        "---\ntitle: x\n---\nBody\n",
        "---\ncaselint: self-assessment\n---\n",
    ] {
        let (doc, _) = Document::parse("a.md", source.to_string());
        assert_eq!(read_meta(&doc, &profile()), (None, vec![]), "{source}");
    }
}

#[test]
fn unknown_keys_get_did_you_mean_with_a_safe_rename() {
    let source = GOOD
        .replace("solution_area:", "solution_are:")
        .replace("production_since:", "production_date:")
        .replace("  industry:", "  industy:")
        .replace(
            "sidebar_position: 3\n",
            "sidebar_position: 3\nhero: x\nindustry: Dental\n",
        );
    let (doc, _, diagnostics) = read(&source);
    let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert!(
        messages.contains(&"unknown key `solution_are`: did you mean `solution_area`?"),
        "{messages:#?}"
    );
    let d = diagnostics
        .iter()
        .find(|d| d.message.contains("solution_are`"))
        .expect("d");
    assert_eq!(at(&doc, d), ("solution_are".to_string(), 13));
    assert_eq!(
        d.fix
            .as_ref()
            .map(|f| (f.replacement.as_str(), f.applicability)),
        Some(("solution_area", Applicability::Safe))
    );
    let d = diagnostics
        .iter()
        .find(|d| d.message.contains("production_date"))
        .expect("d");
    assert_eq!(
        d.fix.as_ref().map(|f| f.replacement.as_str()),
        Some("production_since")
    );
    let d = diagnostics
        .iter()
        .find(|d| d.message.contains("customer.industy"))
        .expect("nested");
    assert_eq!(at(&doc, d), ("industy".to_string(), 8));
    assert_eq!(
        d.fix.as_ref().map(|f| f.replacement.as_str()),
        Some("industry")
    );
    let d = diagnostics
        .iter()
        .find(|d| d.message.contains("under `customer`"))
        .expect("move");
    assert!(d.fix.is_none());
    // The renamed keys are missing, so they are also listed as missing; `hero` is left alone.
    assert!(
        !messages.iter().any(|m| m.contains("hero")),
        "{messages:#?}"
    );
}

#[test]
fn renaming_onto_an_existing_key_has_no_fix() {
    let source = GOOD.replace("tags: [dental]\n", "custmer: x\n");
    let (_, _, diagnostics) = read(&source);
    let d = diagnostics
        .iter()
        .find(|d| d.message.contains("custmer"))
        .expect("d");
    assert!(d.fix.is_none());
    assert!(d.help.as_deref().unwrap_or("").contains("already set"));
}

#[test]
fn values_are_checked_on_their_line() {
    let source = GOOD
        .replace("visibility: public", "visibility: anonymized")
        .replace("segment: small business", "segment: mid-market")
        .replace(
            "annual_revenue_usd: \"$12M\"",
            "annual_revenue_usd: twelve-ish",
        )
        .replace(
            "Productivity and Business Process",
            "Productivty & Business Process",
        )
        .replace(
            "production_since: 2025-07-01",
            "production_since: 2025-02-30",
        )
        .replace(
            "ace_opportunity_id: O1234567",
            "ace_opportunity_id: o1234567",
        )
        .replace(
            "aws_account_id: \"012345678901\"",
            "aws_account_id: 012345678901",
        )
        .replace("aws_arr_usd: 36000", "aws_arr_usd: -5")
        .replace(
            "https://www.partner.example/customers/acme",
            "www.partner.example/acme",
        );
    let (doc, _, diagnostics) = read(&source);
    let find = |needle: &str| {
        diagnostics
            .iter()
            .find(|d| d.message.contains(needle))
            .unwrap_or_else(|| panic!("no `{needle}` in {diagnostics:#?}"))
    };
    let d = find("visibility: anonymized");
    assert_eq!(at(&doc, d), ("anonymized".into(), 4));
    assert_eq!(
        d.fix.as_ref().map(|f| f.replacement.as_str()),
        Some("anonymous")
    );
    let d = find("mid-market");
    assert_eq!(at(&doc, d).1, 10);
    let d = find("twelve-ish");
    assert_eq!(at(&doc, d), ("twelve-ish".into(), 11));
    assert!(d.help.as_deref().unwrap_or("").contains("36k"));
    assert_eq!(d.requirement, "UCR-001");
    let d = find("did you mean `Productivity & Business Process`?");
    assert_eq!(
        d.message,
        "`solution_area` must be one of the eight SMB solution areas: did you mean `Productivity & Business Process`?"
    );
    assert_eq!(
        d.fix.as_ref().map(|f| f.replacement.as_str()),
        Some("Productivity & Business Process")
    );
    let d = find("February 2025 has 28 days");
    assert_eq!(at(&doc, d), ("2025-02-30".into(), 14));
    let d = find("lowercase `o`");
    assert_eq!(
        d.fix.as_ref().map(|f| f.replacement.as_str()),
        Some("O1234567")
    );
    let d = find("quote it: aws_account_id: \"012345678901\"");
    assert_eq!(at(&doc, d), ("012345678901".into(), 16));
    assert!(apply(&doc, d).contains("aws_account_id: \"012345678901\"\n"));
    let d = find("aws_arr_usd: -5");
    assert!(d.message.contains("negative"), "{}", d.message);
    let d = find("must start with https://");
    assert_eq!(
        d.fix.as_ref().map(|f| f.replacement.as_str()),
        Some("https://www.partner.example/acme")
    );
    assert_eq!(diagnostics.len(), 9, "{diagnostics:#?}");
}

#[test]
fn flow_and_toml_values_point_at_the_value() {
    let source = GOOD.replace(
        "domain: partner.example",
        "domain: \"https://www.partner.example/\"",
    );
    let (doc, _, diagnostics) = read(&source);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(at(&doc, d), ("https://www.partner.example/".into(), 12));
    assert!(apply(&doc, d).contains("domain: \"partner.example\" }"));

    let source = "+++
caselint = \"public-page\"
customer = { name = \"Acme\", segment = \"Entreprise\" }
partner.name = \"P\"
partner.domain = \"p.example\"
aws_account_id = \"1234-5678-9012\"
+++
";
    let (doc, _, diagnostics) = read(source);
    assert_eq!(diagnostics.len(), 2, "{diagnostics:#?}");
    assert_eq!(at(&doc, &diagnostics[0]), ("Entreprise".into(), 3));
    assert_eq!(at(&doc, &diagnostics[1]), ("1234-5678-9012".into(), 6));
    assert!(apply(&doc, &diagnostics[1]).contains("aws_account_id = \"123456789012\""));
}

#[test]
fn missing_keys_are_one_error_with_lines_to_add() {
    let source = "---\ncaselint: case-study\nvisibility: anonymous\ncustomer:\n  industry: Dental\ntitle: x\npublic_url: https://p.example/a\n---\nBody\n";
    let (doc, meta, diagnostics) = read(source);
    assert!(meta.is_some());
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(d.rule, "front-matter");
    // One insertion, after the `customer` block where its lines go.
    assert!(d.span.is_empty());
    assert_eq!(doc.line_col(d.span.start), (5, 19));
    assert!(d.message.starts_with("missing front matter: add these lines: `solution_area: \"TODO: one of the eight solution areas\"`"), "{}", d.message);
    assert!(d.message.ends_with("; and under `customer` add `name: \"TODO: the customer's name\"` and `description: \"TODO: who the customer is, without its name\"`"), "{}", d.message);
    for needle in ["production_since", "`partner:`"] {
        assert!(d.message.contains(needle), "{needle}: {}", d.message);
    }
    assert!(d.help.as_deref().unwrap_or("").contains("checklist 2.3"));
    let fix = d.fix.as_ref().expect("fix");
    assert_eq!(fix.applicability, Applicability::Unsafe);
    let fixed = apply(&doc, d);
    let (doc2, parse) = Document::parse("acme.md", fixed.clone());
    assert!(parse.is_empty(), "{parse:?}\n{fixed}");
    assert!(has_key(&doc2, "customer.name"), "{fixed}");
    assert!(has_key(&doc2, "customer.industry"));
    assert!(has_key(&doc2, "partner.name"));
    // The placeholders are reported until replaced, and nothing is missing any more.
    let (_, again) = read_meta(&doc2, &profile());
    assert!(
        again.iter().all(|d| d.message.contains("placeholder")),
        "{again:#?}"
    );
    assert_eq!(again.len(), 5, "{again:#?}");
}

#[test]
fn missing_keys_fix_in_every_shape() {
    let cases = [
        "---\ncaselint: case-study\nvisibility: public\ncustomer: { industry: Dental }\npartner: {}\n---\n",
        "---\r\ncaselint: case-study\r\nvisibility: public\r\ncustomer:\r\npartner:\r\n    name: P\r\n---\r\n",
        "+++\ncaselint = \"case-study\"\nvisibility = \"public\"\n[customer]\nindustry = \"Dental\"\n[partner]\n+++\n",
        "+++\ncaselint = \"case-study\"\nvisibility = \"public\"\ncustomer.industry = \"Dental\"\n+++\n",
        "+++\ncaselint = \"case-study\"\nvisibility = \"public\"\ncustomer = { industry = \"Dental\" }\npartner = {}\n+++\n",
        "+++\ncaselint = \"public-page\"\n+++\n",
        "---\ncaselint: public-page\n---\n",
    ];
    for source in cases {
        let (doc, _, diagnostics) = read(source);
        let d = diagnostics
            .iter()
            .find(|d| d.message.starts_with("missing"))
            .expect(source);
        if source.ends_with("caselint: public-page\n---\n") {
            // Only new lines: an insertion at the end of the opening fence.
            assert_eq!(d.span, 3..3);
        }
        let fixed = apply(&doc, d);
        let (doc2, parse) = Document::parse("a.md", fixed.clone());
        assert!(parse.is_empty(), "{parse:?}\n{fixed}");
        assert!(has_key(&doc2, "customer.name"), "{fixed}");
        assert!(has_key(&doc2, "partner.name"), "{fixed}");
        let (_, again) = read_meta(&doc2, &profile());
        assert!(
            !again.iter().any(|d| d.message.starts_with("missing")),
            "{fixed}\n{again:#?}"
        );
        if source.contains("industry") {
            assert!(has_key(&doc2, "customer.industry"), "{fixed}");
        }
    }
}

#[test]
fn empty_and_mistyped_values() {
    let source = "---\ncaselint: case-study\nvisibility: public\ncustomer: Acme\npartner:\n  name: \"\"\nsolution_area: [Security, Marketing]\nproduction_since: 2025\n---\n";
    let (doc, _, diagnostics) = read(source);
    let find = |needle: &str| {
        diagnostics
            .iter()
            .find(|d| d.message.contains(needle))
            .unwrap_or_else(|| panic!("{needle}: {diagnostics:#?}"))
    };
    let d = find("`customer` must list its details");
    assert_eq!(
        d.fix.as_ref().map(|f| f.replacement.as_str()),
        Some("{ name: \"Acme\" }")
    );
    let fixed = apply(&doc, d);
    assert!(has_key(&Document::parse("a.md", fixed).0, "customer.name"));
    let d = find("`partner.name` is empty");
    assert_eq!(doc.lines.line(d.span.start), 6);
    let d = find("`solution_area` must be a single value, not a list");
    assert_eq!(doc.lines.line(d.span.start), 7);
    find("`production_since` must be a date written YYYY-MM-DD; `2025` is not one");
    assert!(
        !diagnostics.iter().any(|d| d.message.starts_with("missing")),
        "{diagnostics:#?}"
    );
}

#[test]
fn public_page_requirements() {
    let source = "---\ncaselint: public-page\nvisibility: anonymous\ncustomer: { description: a dental group }\npartner: { name: P, domain: p.example }\n---\n";
    let (_, meta, diagnostics) = read(source);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert_eq!(meta.map(|m| m.kind), Some(DocumentKind::PublicPage));
    let source = "---\ncaselint: public-page\npartner: { name: P }\n---\n";
    let (_, _, diagnostics) = read(source);
    assert_eq!(diagnostics.len(), 1);
    assert!(
        diagnostics[0]
            .message
            .contains("name: \"TODO: the customer's name\""),
        "{}",
        diagnostics[0].message
    );
    assert!(
        diagnostics[0].message.contains("domain"),
        "{}",
        diagnostics[0].message
    );
}

#[test]
fn has_key_and_meta_value() {
    let (doc, _) = Document::parse("a.md", GOOD.to_string());
    assert!(has_key(&doc, "customer.industry"));
    assert!(has_key(&doc, "visibility"));
    assert!(has_key(&doc, "partner.domain"));
    assert!(!has_key(&doc, "customer.logo"));
    assert!(!has_key(&doc, "nothing"));
    assert!(!has_key(&doc, ""));
    assert!(!has_key(&doc, "visibility.deeper"));
    let (doc, _) = Document::parse(
        "a.md",
        "---\ncustomer:\n  name: \" \"\n  size:\n---\n".to_string(),
    );
    assert!(!has_key(&doc, "customer.name"));
    assert!(!has_key(&doc, "customer.size"));
    assert_eq!(
        meta_value(&doc, "customer.name"),
        Some(&Value::String(" ".into()))
    );
    let at = key_location(&doc, "customer.name").expect("location");
    assert_eq!(doc.lines.line(at.key.start), 3);
}

#[test]
fn empty_profile_accepts_any_area() {
    let mut p = profile();
    p.solution_areas.clear();
    let (doc, _) = Document::parse(
        "a.md",
        GOOD.replace("Productivity and Business Process", "Whatever")
            .to_string(),
    );
    let (meta, diagnostics) = read_meta(&doc, &p);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert_eq!(
        meta.and_then(|m| m.solution_area).as_deref(),
        Some("Whatever")
    );
}

#[test]
fn nothing_panics_on_odd_front_matter() {
    let odd = [
        "---\ncaselint: case-study\n---\n",
        "---\ncaselint: case-study\ncustomer: [1, 2]\npartner: 5\nvisibility: {a: 1}\n---\n",
        "---\ncaselint: case-study\ncustomer:\n  name:\n    - a\n  annual_revenue_usd: 1e400\naws_arr_usd: .nan\n---\n",
        "---\ncaselint: case-study\ncustomer: { name: \"unterminated }\n---\n",
        "---\ncaselint: case-study\n\"customer\": {\"name\": \"é\"}\naws_account_id: 0x1F\nace_opportunity_id: 0\nproduction_since: 2025-07-01T25:00:00\n---\n",
        "+++\ncaselint = \"case-study\"\nproduction_since = 2025-07-01T10:00:00Z\n[customer.extra]\nx = 1\n+++\n",
        "\u{feff}---\ncaselint: public-page\nvisibility: Private\n...\n",
        "---\ncaselint: case-study\ncustomer:\n  name: TODO\n---",
        "---\ncaselint: case-study\nvisibility: 'pubic'\nsolution_area: \"Data Protection\"\n---\n",
    ];
    for source in odd {
        let (doc, _) = Document::parse("a.md", source.to_string());
        let (_, diagnostics) = read_meta(&doc, &profile());
        for d in &diagnostics {
            assert!(
                doc.source.get(d.span.clone()).is_some(),
                "{source:?}: {d:?}"
            );
            if d.fix.is_some() {
                let _ = apply(&doc, d);
            }
        }
    }
}

#[test]
fn placeholders_are_whole_words() {
    assert!(is_placeholder("TODO: the customer's name"));
    assert!(is_placeholder("todo"));
    assert!(is_placeholder("TBD"));
    assert!(is_placeholder("XXX-1"));
    assert!(!is_placeholder("Todoist"));
    assert!(!is_placeholder("Tbdx Inc"));
    assert!(!is_placeholder("tö"));
    assert!(!is_placeholder(""));
    let source = GOOD
        .replace("name: Acme Dental", "name: Todoist")
        .replace("industry: Healthcare", "industry: TBD");
    let (doc, meta, diagnostics) = read(&source);
    assert_eq!(
        meta.and_then(|m| m.customer.name).as_deref(),
        Some("Todoist")
    );
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(at(&doc, &diagnostics[0]), ("TBD".into(), 8));
    assert!(diagnostics[0].message.contains("still a placeholder"));
}

#[test]
fn no_panic_on_any_prefix_or_line_shuffle() {
    let toml = "+++\ncaselint = \"case-study\"\nvisibility = \"public\"\ncustomer = { name = \"Ä\", segment = \"smb\" }\ncustomer.size = 5\n[partner]\nname = \"P\"\ndomain = \"https://p.example\"\n+++\n";
    for base in [GOOD, toml] {
        let fence = &base[..3];
        let content = &base[4..base.rfind(fence).unwrap_or(4)];
        let mut cut = 0;
        while cut <= content.len() {
            if content.is_char_boundary(cut) {
                for variant in [
                    format!("{fence}\n{}\n{fence}\n", &content[..cut]),
                    format!(
                        "{fence}\ncaselint: case-study\n{}\n{fence}\n",
                        &content[cut..]
                    ),
                    format!(
                        "{fence}\r\n{}\r\n{fence}\r\n",
                        content[..cut].replace('\n', "\r\n")
                    ),
                ] {
                    let (doc, _) = Document::parse("a.md", variant.clone());
                    let (_, diagnostics) = read_meta(&doc, &profile());
                    for d in &diagnostics {
                        assert!(
                            doc.source.get(d.span.clone()).is_some(),
                            "{variant:?}: {d:?}"
                        );
                    }
                }
            }
            cut += 1;
        }
    }
}

#[test]
fn smb_fit() {
    let (_, meta, _) = read(GOOD);
    let meta = meta.expect("meta");
    assert!(meta.smb_problems(&profile()).is_empty());
    let source = GOOD
        .replace("segment: small business", "segment: start-up")
        .replace(
            "annual_revenue_usd: \"$12M\"",
            "annual_revenue_usd: 120000000",
        );
    let (_, meta, diagnostics) = read(&source);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let problems = meta.expect("meta").smb_problems(&profile());
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(problems[0].0, "customer.segment");
    assert!(
        problems[0]
            .1
            .contains("`Startup`, not `SMB`: the checklist does not count startups"),
        "{}",
        problems[0].1
    );
    assert_eq!(
        problems[1].1,
        "the customer's annual revenue is $120,000,000: SMB customers have annual revenue under $100,000,000"
    );
    let source = GOOD.replace("segment: small business", "segment: Enterprise");
    let (_, meta, _) = read(&source);
    let problems = meta.expect("meta").smb_problems(&profile());
    assert!(
        problems[0].1.ends_with("must be about an SMB customer"),
        "{problems:?}"
    );
    assert_eq!(dollars(4500.5), "$4,500.50");
    assert_eq!(dollars(0.0), "$0");
    assert_eq!(dollars(999.0), "$999");
}

#[test]
fn toml_table_with_a_typo_is_renamed_in_its_header() {
    let source = "+++\ncaselint = \"public-page\"\n[customer]\nname = \"Acme\"\n[partnr]\nname = \"P\"\ndomain = \"p.example\"\n+++\n";
    let (doc, _, diagnostics) = read(source);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(at(&doc, d), ("partnr".into(), 5));
    let fixed = apply(&doc, d);
    let (doc2, _) = Document::parse("a.md", fixed);
    assert!(has_key(&doc2, "partner.domain"));
}

#[test]
fn a_public_page_cannot_be_private() {
    let source = "---\ncaselint: public-page\nvisibility: private\ncustomer: { name: A }\npartner: { name: P, domain: p.example }\n---\n";
    let (doc, _, diagnostics) = read(source);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(at(&doc, &diagnostics[0]), ("private".into(), 3));
    let (_, _, diagnostics) = read(&source.replace("private", "anonymous"));
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    // A private case study needs no public address.
    let (_, _, diagnostics) = read(
        &GOOD
            .replace("visibility: public", "visibility: private")
            .replace(
                "public_url: https://www.partner.example/customers/acme\n",
                "",
            ),
    );
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
}
