//! Generator for `lexicon/aws-products.toml`, written as a test (as the `typos` project does
//! for its dictionary).
//!
//! Inputs:
//! - `lexicon/sources/botocore-names.tsv`: the inventory of API clients (botocore 1.44.8);
//! - `lexicon/sources/lexicon-seed.tsv`: the same clients joined with the AWS docs entity
//!   names (long/short) and the 2024 products-directory name;
//! - `lexicon/sources/renames.tsv`: renames and closures with dates and sources;
//! - `lexicon/curation.toml`: the hand-made decisions (the source of truth when it speaks).
//!
//! `CASELINT_BLESS=1 cargo test --test it lexicon_codegen::` rewrites the generated file; without
//! the variable the test fails when the committed file differs from what would be generated.
//!
//! How a record is built (curation always wins):
//! 1. each curated product names the botocore clients it covers (`clients`, first = the one
//!    whose names are used); every botocore client must be claimed by exactly one product or
//!    be listed in `exclude_clients`, so a new botocore release forces a decision;
//! 2. `canonical` = curated, else the AWS docs long name, else the products-directory name
//!    (a trailing parenthesis is dropped from both). A botocore title is never used as a
//!    name: a product known only from botocore must have a curated `canonical`;
//! 3. `short` = curated, else (when the canonical is not curated) the AWS docs short name,
//!    else the prefix plus the parenthesised abbreviation of the docs/directory name, else
//!    the canonical;
//! 4. `prefix` = curated, else the first word of the canonical when it is "Amazon"/"AWS";
//!    `bare` = `short` without the prefix;
//! 5. `first_mention` = curated, else "<canonical> (<short>)", or only the canonical when
//!    the short form is the canonical or its last words ("AWS Lambda", not
//!    "AWS Lambda (Lambda)"; "AWS Elemental MediaConvert", not "... (MediaConvert)");
//! 6. `renamed_from` entries may point at a `renames.tsv` row (`tsv = "<old_name>"`), which
//!    supplies the date and the source; a date that the row gives only as a month or year
//!    must be completed in the curation and the source then says so ("verify").

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

fn lexicon_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("lexicon")
}

const OUTPUT: &str = "aws-products.toml";

// ---------------------------------------------------------------------------------------
// Sources

struct Botocore {
    full_name: String,
}

#[derive(Default)]
struct Seed {
    docs_long: String,
    docs_short: String,
    directory: String,
}

struct RenameRow {
    date: String,
    confidence: String,
    source: String,
}

/// Reads a TSV file with a header line into maps keyed by the first column.
fn read_tsv(name: &str, expected_header: &[&str]) -> Vec<Vec<String>> {
    let path = lexicon_dir().join("sources").join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    assert_eq!(header, expected_header, "unexpected header in {name}");
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut cells: Vec<String> = l.split('\t').map(|c| c.trim().to_string()).collect();
            cells.resize(expected_header.len(), String::new());
            cells
        })
        .collect()
}

fn load_botocore() -> BTreeMap<String, Botocore> {
    let header = [
        "client_name",
        "service_id",
        "full_name",
        "abbreviation",
        "api_version",
        "endpoint_prefix",
        "n_versions",
    ];
    read_tsv("botocore-names.tsv", &header)
        .into_iter()
        .map(|r| {
            (
                r[0].clone(),
                Botocore {
                    full_name: r[2].clone(),
                },
            )
        })
        .collect()
}

fn load_seed() -> BTreeMap<String, Seed> {
    let header = [
        "client_name",
        "service_id",
        "botocore_full_name",
        "botocore_abbreviation",
        "docs_long_name",
        "docs_short_name",
        "products_directory_name_2024",
    ];
    read_tsv("lexicon-seed.tsv", &header)
        .into_iter()
        .map(|r| {
            (
                r[0].clone(),
                Seed {
                    docs_long: r[4].clone(),
                    docs_short: r[5].clone(),
                    directory: r[6].clone(),
                },
            )
        })
        .collect()
}

fn load_renames() -> BTreeMap<String, RenameRow> {
    let header = [
        "old_name",
        "new_name_or_status",
        "kind",
        "date",
        "date_confidence",
        "source",
    ];
    read_tsv("renames.tsv", &header)
        .into_iter()
        .map(|r| {
            (
                r[0].clone(),
                RenameRow {
                    date: r[3].clone(),
                    confidence: r[4].clone(),
                    source: r[5].clone(),
                },
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Curation

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Curation {
    exclude_clients: Vec<String>,
    product: Vec<Curated>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Curated {
    id: String,
    #[serde(default)]
    clients: Vec<String>,
    canonical: Option<String>,
    prefix: Option<String>,
    short: Option<String>,
    first_mention: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    wrong: Vec<String>,
    #[serde(default)]
    homograph: bool,
    #[serde(default)]
    singular_resource: bool,
    status: Option<String>,
    status_date: Option<String>,
    #[serde(default)]
    code_ids: Vec<String>,
    landing_page: Option<String>,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    renamed_from: Vec<CuratedRename>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CuratedRename {
    name: String,
    short: Option<String>,
    date: Option<String>,
    source: Option<String>,
    /// `old_name` of the `renames.tsv` row this entry comes from.
    tsv: Option<String>,
}

fn load_curation() -> Curation {
    let path = lexicon_dir().join("curation.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------------------------------
// Output record

struct Product {
    id: String,
    canonical: String,
    prefix: String,
    short: String,
    bare: String,
    first_mention: String,
    aliases: Vec<String>,
    wrong: Vec<String>,
    homograph: bool,
    singular_resource: bool,
    status: String,
    status_date: String,
    code_ids: Vec<String>,
    landing_page: String,
    sources: Vec<String>,
    renamed_from: Vec<Rename>,
}

struct Rename {
    name: String,
    short: String,
    date: String,
    source: String,
}

/// "Amazon Simple Storage Service (Amazon S3)" -> ("Amazon Simple Storage Service",
/// Some("Amazon S3")).
fn split_parenthesis(name: &str) -> (String, Option<String>) {
    match name.strip_suffix(')').and_then(|n| n.rsplit_once(" (")) {
        Some((head, inner)) => (head.trim().to_string(), Some(inner.trim().to_string())),
        None => (name.trim().to_string(), None),
    }
}

fn prefix_of(name: &str) -> &'static str {
    if name.starts_with("Amazon ") {
        "Amazon"
    } else if name.starts_with("AWS ") {
        "AWS"
    } else {
        ""
    }
}

fn strip_prefix<'a>(name: &'a str, prefix: &str) -> &'a str {
    if prefix.is_empty() {
        return name;
    }
    name.strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix(' '))
        .unwrap_or(name)
}

fn is_full_date(date: &str) -> bool {
    let b = date.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

struct Inputs {
    botocore: BTreeMap<String, Botocore>,
    seed: BTreeMap<String, Seed>,
    renames: BTreeMap<String, RenameRow>,
    curation: Curation,
}

fn build(inputs: &Inputs) -> Vec<Product> {
    check_client_coverage(inputs);
    let mut products: Vec<Product> = inputs
        .curation
        .product
        .iter()
        .map(|c| build_one(c, inputs))
        .collect();
    products.sort_by(|a, b| a.id.cmp(&b.id));
    for pair in products.windows(2) {
        assert_ne!(
            pair[0].id, pair[1].id,
            "duplicate product id in curation.toml"
        );
    }
    products
}

/// Every botocore client is claimed by exactly one product or excluded, never both.
fn check_client_coverage(inputs: &Inputs) {
    let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
    for p in &inputs.curation.product {
        for client in &p.clients {
            assert!(
                inputs.botocore.contains_key(client),
                "product {}: client {client} is not in botocore-names.tsv",
                p.id
            );
            if let Some(other) = owner.insert(client, &p.id) {
                panic!("client {client} is claimed by both {other} and {}", p.id);
            }
        }
    }
    for client in &inputs.curation.exclude_clients {
        assert!(
            inputs.botocore.contains_key(client),
            "exclude_clients: {client} is not in botocore-names.tsv"
        );
        if let Some(p) = owner.insert(client, "exclude_clients") {
            panic!("client {client} is both excluded and claimed by {p}");
        }
    }
    let missing: Vec<&String> = inputs
        .botocore
        .keys()
        .filter(|c| !owner.contains_key(c.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "botocore clients neither claimed by a product nor excluded in curation.toml: {missing:?}"
    );
}

fn build_one(c: &Curated, inputs: &Inputs) -> Product {
    let empty = Seed::default();
    let seed = c
        .clients
        .first()
        .map(|client| inputs.seed.get(client).unwrap_or(&empty))
        .unwrap_or(&empty);
    let (docs_long, docs_abbrev) = split_parenthesis(&seed.docs_long);
    let (directory, directory_abbrev) = split_parenthesis(&seed.directory);

    let canonical = match (&c.canonical, docs_long.is_empty(), directory.is_empty()) {
        (Some(name), _, _) => name.clone(),
        (None, false, _) => docs_long.clone(),
        (None, true, false) => directory.clone(),
        (None, true, true) => panic!(
            "product {}: no AWS docs or products-directory name for client {:?} \
             (botocore title {:?}); give `canonical` in curation.toml",
            c.id,
            c.clients.first(),
            c.clients
                .first()
                .and_then(|cl| inputs.botocore.get(cl))
                .map(|b| b.full_name.as_str())
        ),
    };
    let prefix = c
        .prefix
        .clone()
        .unwrap_or_else(|| prefix_of(&canonical).to_string());
    let abbreviation = docs_abbrev.or(directory_abbrev).map(|abbrev| {
        if prefix.is_empty() || abbrev.starts_with(&format!("{prefix} ")) {
            abbrev
        } else {
            format!("{prefix} {abbrev}")
        }
    });
    // A docs short form belongs to the docs long name: it is not used when the canonical
    // name is curated (the curation then gives `short`, or the short is the canonical).
    let short = match (&c.short, &c.canonical) {
        (Some(short), _) => short.clone(),
        (None, None) if !seed.docs_short.is_empty() => seed.docs_short.clone(),
        (None, None) => abbreviation.unwrap_or_else(|| canonical.clone()),
        (None, Some(_)) => canonical.clone(),
    };
    let bare = strip_prefix(&short, &prefix).to_string();
    let first_mention = c.first_mention.clone().unwrap_or_else(|| {
        // No parenthesis when the short form is only the tail of the canonical name
        // ("AWS Lambda" / "Lambda", "AWS Elemental MediaConvert" / "MediaConvert").
        if short == canonical || canonical.ends_with(&format!(" {short}")) {
            canonical.clone()
        } else {
            format!("{canonical} ({short})")
        }
    });

    let renamed_from: Vec<Rename> = c
        .renamed_from
        .iter()
        .map(|r| build_rename(&c.id, r, inputs))
        .collect();

    let status = c.status.clone().unwrap_or_else(|| "active".to_string());
    let status_date = c.status_date.clone().unwrap_or_default();

    let mut code_ids: Vec<String> = Vec::new();
    for id in c.clients.iter().chain(&c.code_ids) {
        if !code_ids.contains(id) {
            code_ids.push(id.clone());
        }
    }

    let mut sources: Vec<String> = Vec::new();
    if c.clients
        .iter()
        .any(|cl| inputs.seed.get(cl).is_some_and(|s| !s.docs_long.is_empty()))
    {
        sources.push("docs-entities".to_string());
    }
    sources.extend(c.clients.iter().map(|cl| format!("botocore:{cl}")));
    if c.clients
        .iter()
        .any(|cl| inputs.seed.get(cl).is_some_and(|s| !s.directory.is_empty()))
    {
        sources.push("products-directory-2024".to_string());
    }
    if c.renamed_from.iter().any(|r| r.tsv.is_some()) {
        sources.push("renames.tsv".to_string());
    }
    let overrides = c.canonical.is_some()
        || c.short.is_some()
        || c.prefix.is_some()
        || c.first_mention.is_some()
        || !c.aliases.is_empty()
        || !c.wrong.is_empty()
        || c.status.is_some()
        || c.clients.is_empty();
    if overrides {
        sources.push("curated".to_string());
    }
    for s in &c.sources {
        if !sources.contains(s) {
            sources.push(s.clone());
        }
    }

    Product {
        id: c.id.clone(),
        canonical,
        prefix,
        short,
        bare,
        first_mention,
        aliases: c.aliases.clone(),
        wrong: c.wrong.clone(),
        homograph: c.homograph,
        singular_resource: c.singular_resource,
        status,
        status_date,
        code_ids,
        landing_page: c.landing_page.clone().unwrap_or_default(),
        sources,
        renamed_from,
    }
}

fn build_rename(id: &str, r: &CuratedRename, inputs: &Inputs) -> Rename {
    let row = r.tsv.as_ref().map(|key| {
        inputs
            .renames
            .get(key)
            .unwrap_or_else(|| panic!("product {id}: renames.tsv has no row {key:?}"))
    });
    let date = match (&r.date, row) {
        (Some(date), _) => date.clone(),
        (None, Some(row)) if is_full_date(&row.date) => row.date.clone(),
        (None, Some(row)) => panic!(
            "product {id}: renames.tsv gives date {:?} for {:?}; complete it in curation.toml",
            row.date, r.name
        ),
        (None, None) => panic!("product {id}: rename {:?} needs a date", r.name),
    };
    let mut source = match (&r.source, row) {
        (Some(source), _) => source.clone(),
        (None, Some(row)) => row.source.clone(),
        (None, None) => panic!("product {id}: rename {:?} needs a source", r.name),
    };
    if let Some(row) = row {
        let unsure = row.confidence.contains("verify") || row.confidence.contains("memory");
        if row.date != date || unsure {
            write!(
                source,
                " [date: renames.tsv gives {:?} ({}); verify]",
                row.date, row.confidence
            )
            .unwrap();
        }
    }
    Rename {
        name: r.name.clone(),
        short: r.short.clone().unwrap_or_default(),
        date,
        source,
    }
}

// ---------------------------------------------------------------------------------------
// Rendering

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => write!(out, "\\u{:04X}", c as u32).unwrap(),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn array(key: &str, items: &[String]) -> String {
    let one_line = format!(
        "{key} = [{}]\n",
        items
            .iter()
            .map(|i| quote(i))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if one_line.len() <= 100 {
        return one_line;
    }
    let mut out = format!("{key} = [\n");
    for item in items {
        writeln!(out, "    {},", quote(item)).unwrap();
    }
    out.push_str("]\n");
    out
}

fn render(products: &[Product]) -> String {
    let mut out = String::new();
    out.push_str(
        "# AWS product names: GENERATED by tests/it/lexicon_codegen.rs from lexicon/sources/*.tsv\n\
         # and lexicon/curation.toml. Do not edit: change curation.toml, then run\n\
         #   CASELINT_BLESS=1 cargo test --test it lexicon_codegen::\n\
         # Forms derived mechanically at load time (case variants, split/joined words,\n\
         # hyphens, prefix swaps, prefix on unprefixed names, canonical without prefix,\n\
         # singular of a trailing plural) are not listed in `wrong`.\n",
    );
    for p in products {
        out.push('\n');
        out.push_str("[[product]]\n");
        writeln!(out, "id = {}", quote(&p.id)).unwrap();
        writeln!(out, "canonical = {}", quote(&p.canonical)).unwrap();
        writeln!(out, "prefix = {}", quote(&p.prefix)).unwrap();
        writeln!(out, "short = {}", quote(&p.short)).unwrap();
        writeln!(out, "bare = {}", quote(&p.bare)).unwrap();
        writeln!(out, "first_mention = {}", quote(&p.first_mention)).unwrap();
        out.push_str(&array("aliases", &p.aliases));
        out.push_str(&array("wrong", &p.wrong));
        writeln!(out, "homograph = {}", p.homograph).unwrap();
        writeln!(out, "singular_resource = {}", p.singular_resource).unwrap();
        writeln!(out, "status = {}", quote(&p.status)).unwrap();
        writeln!(out, "status_date = {}", quote(&p.status_date)).unwrap();
        out.push_str(&array("code_ids", &p.code_ids));
        writeln!(out, "landing_page = {}", quote(&p.landing_page)).unwrap();
        out.push_str(&array("sources", &p.sources));
        if p.renamed_from.is_empty() {
            // Every key is always present; renames are written as sub-tables below.
            out.push_str("renamed_from = []\n");
        }
        for r in &p.renamed_from {
            out.push('\n');
            out.push_str("[[product.renamed_from]]\n");
            writeln!(out, "name = {}", quote(&r.name)).unwrap();
            writeln!(out, "short = {}", quote(&r.short)).unwrap();
            writeln!(out, "date = {}", quote(&r.date)).unwrap();
            writeln!(out, "source = {}", quote(&r.source)).unwrap();
        }
    }
    out
}

fn generate() -> String {
    let inputs = Inputs {
        botocore: load_botocore(),
        seed: load_seed(),
        renames: load_renames(),
        curation: load_curation(),
    };
    render(&build(&inputs))
}

/// The first lines where `committed` and `generated` differ, for the failure message.
fn first_differences(committed: &str, generated: &str) -> String {
    let old: Vec<&str> = committed.lines().collect();
    let new: Vec<&str> = generated.lines().collect();
    let mut out = String::new();
    let mut shown = 0;
    for i in 0..old.len().max(new.len()) {
        let (a, b) = (old.get(i), new.get(i));
        if a != b {
            writeln!(out, "line {}:", i + 1).unwrap();
            writeln!(
                out,
                "  committed: {}",
                a.copied().unwrap_or("<end of file>")
            )
            .unwrap();
            writeln!(
                out,
                "  generated: {}",
                b.copied().unwrap_or("<end of file>")
            )
            .unwrap();
            shown += 1;
            if shown == 5 {
                break;
            }
        }
    }
    out
}

#[test]
fn aws_products_toml_is_up_to_date() {
    let generated = generate();
    let path = lexicon_dir().join(OUTPUT);
    if std::env::var_os("CASELINT_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &generated)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "lexicon/{OUTPUT} is out of date with lexicon/curation.toml and lexicon/sources/.\n\
         Run `CASELINT_BLESS=1 cargo test --test it lexicon_codegen::` and commit the result.\n\
         First differences:\n{}",
        first_differences(&committed, &generated)
    );
}

#[test]
fn split_parenthesis_keeps_inner_text() {
    assert_eq!(
        split_parenthesis("Amazon Simple Storage Service (Amazon S3)"),
        (
            "Amazon Simple Storage Service".to_string(),
            Some("Amazon S3".to_string())
        )
    );
    assert_eq!(
        split_parenthesis("AWS Lambda"),
        ("AWS Lambda".to_string(), None)
    );
}
