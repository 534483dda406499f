//! Speed of DOC-003/spelling and DOC-003/grammar, in process: the spelling rule over
//! ../shared/corpus (or `CASELINT_CORPUS`), and grammar over a 55 KB case study built
//! from the bundled samples. Prints numbers; asserts nothing.

mod support;

use std::path::{Path, PathBuf};
use std::time::Instant;

use caselint::config::Config;
use caselint::document::Document;
use caselint::lexicon::{Lexicon, NameMatcher};
use caselint::profile::Profile;
use caselint::rules::{Context, grammar, spelling};

fn main() {
    let names = NameMatcher::new(&Lexicon::builtin().expect("lexicon")).expect("matcher");
    let profile = Profile::builtin().expect("profile");
    let config = Config::default();
    let ctx = Context {
        config: &config,
        names: &names,
        profile: &profile,
        today: jiff::civil::date(2026, 1, 15),
        asset_exists: &|_| true,
        diagrams: &[],
    };

    let corpus = std::env::var_os("CASELINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let files = support::markdown_files(&corpus);
    let docs: Vec<Document> = files
        .iter()
        .filter_map(|p| {
            std::fs::read_to_string(p)
                .ok()
                .map(|s| Document::parse(p, s).0)
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.source.len()).sum();
    if !docs.is_empty() {
        // The first pass loads the dictionary and fills the cache; the second is steady.
        for pass in ["cold", "warm"] {
            let start = Instant::now();
            let findings: usize = docs
                .iter()
                .map(|d| spelling::check(d, &ctx, &spelling::ProseWords::new(d)).len())
                .sum();
            let took = start.elapsed().as_secs_f64();
            println!(
                "spelling, one thread, {pass}: {} files, {:.1} MB in {took:.3} s ({:.0} MB/s), {findings} findings",
                docs.len(),
                bytes as f64 / 1e6,
                bytes as f64 / 1e6 / took.max(1e-9)
            );
        }
    }

    let sample = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/case-studies/acme-dental-public.md"),
    )
    .unwrap_or_default();
    let (head, body) = match sample.strip_prefix("---") {
        Some(rest) => match rest.find("\n---") {
            Some(end) => (
                format!("---{}\n---\n", &rest[..end]),
                rest[end + 4..].to_string(),
            ),
            None => (String::new(), sample.clone()),
        },
        None => (String::new(), sample.clone()),
    };
    let mut text = head;
    while text.len() < 55_000 && !body.trim().is_empty() {
        text.push_str(&body);
    }
    let (doc, _) = Document::parse("case-study.md", text);
    let start = Instant::now();
    let first = grammar::check(&doc, &ctx, &spelling::ProseWords::new(&doc)).len();
    let cold = start.elapsed().as_secs_f64();
    let start = Instant::now();
    grammar::check(&doc, &ctx, &spelling::ProseWords::new(&doc));
    let warm = start.elapsed().as_secs_f64();
    println!(
        "grammar on a {:.0} KB case study: {:.0} ms first run (word lists load), {:.0} ms after; {first} findings",
        doc.source.len() as f64 / 1e3,
        cold * 1e3,
        warm * 1e3
    );
}
