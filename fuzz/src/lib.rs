//! The bodies of the fuzz targets, shared by cargo-fuzz (fuzz_targets/) and by the plain
//! test over the seed corpora (tests/it/fuzz_seeds.rs in the main crate). Each takes any
//! bytes; a panic or a failed assertion is a finding.

use std::path::Path;
use std::sync::OnceLock;

use caselint::check::Checker;
use caselint::config::Config;
use caselint::document::Document;
use caselint::fix::apply_fixes;
use caselint::lexicon::{Lexicon, NameMatcher};

/// Fuzz input as text: invalid UTF-8 is replaced, as no file caselint checks is anything
/// but UTF-8 (the loader refuses the rest before parsing).
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| {
        Checker::new(Config::default())
            .expect("the built-in lexicon and profile load")
            .with_today("2026-12-02".parse().expect("a date"))
    })
}

fn assert_spans_fit(source: &str, spans: impl IntoIterator<Item = std::ops::Range<usize>>) {
    for span in spans {
        assert!(
            span.start <= span.end && span.end <= source.len(),
            "span {span:?} outside a text of {} bytes",
            source.len()
        );
    }
}

/// Markdown parsing: every span the document records lies in the text.
pub fn parse_document(data: &[u8]) {
    let (doc, diagnostics) = Document::parse("fuzz.md", text(data));
    let source = &doc.source;
    assert_spans_fit(source, doc.headings.iter().map(|h| h.span.clone()));
    assert_spans_fit(source, doc.links.iter().map(|l| l.span.clone()));
    assert_spans_fit(source, diagnostics.iter().map(|d| d.span.clone()));
    for offset in [0, source.len() / 2, source.len()] {
        let (line, column) = doc.line_col(offset);
        assert!(line >= 1 && column >= 1);
    }
}

/// A whole check with the fixes applied and the result checked again: no fix may cut a
/// character or run past the text, and fixing again must converge.
pub fn check_and_fix(data: &[u8]) {
    let checker = checker();
    let path = Path::new("fuzz.md");
    let report = checker.check_source(path, text(data));
    let outcome = apply_fixes(&report.source, &report.diagnostics, true);
    assert_eq!(
        outcome.skipped_invalid, 0,
        "a rule made a fix that does not fit the text"
    );
    let mut current = checker.check_source(path, outcome.fixed);
    for _ in 0..8 {
        let next = apply_fixes(&current.source, &current.diagnostics, true);
        assert_eq!(next.skipped_invalid, 0);
        if next.applied == 0 {
            return;
        }
        current = checker.check_source(path, next.fixed);
    }
}

fn matcher() -> &'static NameMatcher {
    static MATCHER: OnceLock<NameMatcher> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let lexicon = Lexicon::builtin().expect("the built-in lexicon loads");
        NameMatcher::new(&lexicon).expect("the matcher builds")
    })
}

/// The product-name matcher on any text: hits lie in the text, on character boundaries.
pub fn name_matcher(data: &[u8]) {
    let text = text(data);
    for hit in matcher().find(&text) {
        assert!(
            text.get(hit.range.clone()).is_some(),
            "hit {:?} does not fit the text",
            hit.range
        );
    }
}

/// Text extraction from a fetched HTML page.
pub fn html_extract(data: &[u8]) {
    let _ = caselint::web::html::extract(&text(data));
}

/// Front matter of every format and shape, followed by a body: parsing it and reading a
/// case study's metadata from it never panics.
pub fn front_matter(data: &[u8]) {
    let body = text(data);
    let profile = caselint::profile::Profile::builtin().expect("the built-in profile loads");
    for fence in [
        "---\ncaselint: case-study\n",
        "+++\ncaselint = \"case-study\"\n",
        "---\n",
    ] {
        let (doc, _) = Document::parse("fuzz.md", format!("{fence}{body}"));
        let _ = caselint::meta::read_meta(&doc, &profile.profile);
    }
}
