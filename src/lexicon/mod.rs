//! AWS product names as data. The records live in `lexicon/aws-products.toml` (generated
//! from `lexicon/sources/` and `lexicon/curation.toml`), are embedded in the binary, and a
//! user's own file can add or replace records. Code here only loads and reshapes them;
//! `matcher` turns them into one automaton.

pub mod matcher;
mod variants;

use std::path::Path;

use serde::Deserialize;

pub use matcher::{Hit, NameMatcher, Verdict, WrongReason};

const BUILTIN_PRODUCTS: &str = include_str!("../../lexicon/aws-products.toml");
const BUILTIN_TERMS: &str = include_str!("../../lexicon/aws-terms.txt");

/// One AWS product (or named feature), as `lexicon/aws-products.toml` records it.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub id: String,
    /// Full marketing name, e.g. "Amazon Simple Storage Service".
    pub canonical: String,
    /// "Amazon", "AWS" or "" (Elastic Load Balancing has none).
    #[serde(default)]
    pub prefix: String,
    /// The later-mention form AWS docs use, e.g. "Amazon S3".
    pub short: String,
    /// The short form without its prefix, e.g. "S3".
    #[serde(default)]
    pub bare: String,
    #[serde(default)]
    pub first_mention: String,
    /// Other correct names: named features and accepted alternatives.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Wrong forms that the mechanical variants (case, spacing, prefix) do not produce.
    #[serde(default)]
    pub wrong: Vec<String>,
    /// The bare name is an ordinary word ("Lambda", "Glue", "Step Functions"): it is a
    /// product only when written exactly so, or with its prefix.
    #[serde(default)]
    pub homograph: bool,
    /// The last word made singular names one resource, which AWS itself writes ("a Local
    /// Zone", "an Outpost"): that singular is no slip.
    #[serde(default)]
    pub singular_resource: bool,
    #[serde(default = "active")]
    pub status: String,
    #[serde(default)]
    pub status_date: String,
    #[serde(default)]
    pub code_ids: Vec<String>,
    #[serde(default)]
    pub landing_page: String,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub renamed_from: Vec<Rename>,
}

fn active() -> String {
    "active".to_string()
}

/// A name AWS replaced with the product's current one.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Rename {
    pub name: String,
    #[serde(default)]
    pub short: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProductFile {
    #[serde(default)]
    product: Vec<Product>,
}

/// Which naming convention applies: the global one, or the China partition's, where
/// every "AWS X" is written "Amazon X" (naming rule R9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Partition {
    #[default]
    Aws,
    AwsCn,
}

#[derive(Debug, Clone)]
pub struct Lexicon {
    pub products: Vec<Product>,
    /// Correct phrases that are not products ("AWS Cloud", "AWS Region") plus the user's
    /// accepted terms: never flagged, never "corrected".
    pub terms: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("cannot read the product list {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the product list {path} is not valid: {message}")]
    Parse { path: String, message: String },
}

impl Lexicon {
    /// The lexicon embedded in the binary.
    pub fn builtin() -> Result<Lexicon, LexiconError> {
        let products = parse_products(BUILTIN_PRODUCTS, "lexicon/aws-products.toml")?;
        Ok(Lexicon {
            products,
            terms: parse_terms(BUILTIN_TERMS),
        })
    }

    /// Adds records from a user's file in the same format; a record whose `id` exists
    /// replaces the built-in one, so a user can correct a name without waiting for a
    /// release.
    pub fn extend_from_file(&mut self, path: &Path) -> Result<(), LexiconError> {
        let text = std::fs::read_to_string(path).map_err(|source| LexiconError::Read {
            path: path.display().to_string(),
            source,
        })?;
        let extra = parse_products(&text, &path.display().to_string())?;
        self.extend(extra);
        Ok(())
    }

    pub fn extend(&mut self, extra: Vec<Product>) {
        for product in extra {
            match self.products.iter_mut().find(|p| p.id == product.id) {
                Some(existing) => *existing = product,
                None => self.products.push(product),
            }
        }
    }

    pub fn accept_terms<I: IntoIterator<Item = String>>(&mut self, terms: I) {
        self.terms.extend(terms);
    }

    /// Rewrites every "AWS X" name as "Amazon X" (rule R9), so the matcher treats the
    /// China-partition spelling as the correct one.
    pub fn into_partition(mut self, partition: Partition) -> Lexicon {
        if partition == Partition::AwsCn {
            for product in &mut self.products {
                product.apply_cn_prefix();
            }
        }
        self
    }
}

impl Product {
    /// The bare name, derived from `short` when the record leaves it empty.
    pub fn bare_name(&self) -> &str {
        if !self.bare.is_empty() {
            return &self.bare;
        }
        strip_prefix(&self.short, &self.prefix)
    }

    /// What a wrong short form becomes (the fix policy, README "The lexicon"): the writer's
    /// register is kept. Written without a prefix, the bare short name AWS's own writers use
    /// (`Cloudwatch` → `CloudWatch`, `Route53` → `Route 53`); written with one, the name with
    /// the product's own prefix (`AWS S3` → `Amazon S3`, `AWS DynamoDB` → `Amazon DynamoDB`),
    /// or the full name when that prefix does not go with the short name (`AWS Firehose` →
    /// `Amazon Data Firehose`) or the product has no prefix (`AWS ELB` → `Elastic Load
    /// Balancing`); an acronym AWS writes bare becomes that acronym (`Amazon IAM` → `IAM`).
    pub fn fix_for_short(&self, prefixed: bool) -> String {
        let bare = self.bare_name();
        if self.prefix.is_empty() {
            return if prefixed {
                self.canonical.clone()
            } else {
                bare.to_string()
            };
        }
        if !prefixed {
            return bare.to_string();
        }
        // "Amazon IAM": an acronym AWS writes without a prefix (IAM, ACM, DAX) is fixed to
        // that acronym; the others keep their own prefix ("AWS SES" → "Amazon SES").
        if is_abbreviation(bare) && self.short == bare {
            return bare.to_string();
        }
        let with_prefix = format!("{} {bare}", self.prefix);
        if with_prefix == self.short || with_prefix == self.canonical || is_abbreviation(bare) {
            with_prefix
        } else {
            self.canonical.clone()
        }
    }

    /// What a wrong spelled-out name becomes: the full name, with its prefix when the writer
    /// wrote one; without a prefix only when the rest still spells the name out (`Kinesis
    /// Data Firehose` → `Data Firehose`, but `Elastic MapReduce` → `Amazon EMR`, as a
    /// spelled-out name never becomes a bare abbreviation).
    pub fn fix_for_full(&self, prefixed: bool) -> String {
        let without = strip_prefix(&self.canonical, &self.prefix);
        if prefixed || is_abbreviation(without) {
            self.canonical.clone()
        } else {
            without.to_string()
        }
    }

    pub fn first_mention_form(&self) -> String {
        if !self.first_mention.is_empty() {
            self.first_mention.clone()
        } else if self.canonical == self.short {
            self.canonical.clone()
        } else {
            format!("{} ({})", self.canonical, self.short)
        }
    }

    pub fn is_active(&self) -> bool {
        self.status == "active"
    }

    fn apply_cn_prefix(&mut self) {
        if self.prefix != "AWS" {
            return;
        }
        let swap = |name: &mut String| {
            if let Some(rest) = name.strip_prefix("AWS ") {
                *name = format!("Amazon {rest}");
            }
        };
        self.prefix = "Amazon".to_string();
        swap(&mut self.canonical);
        swap(&mut self.short);
        swap(&mut self.first_mention);
        self.first_mention = self.first_mention.replace("(AWS ", "(Amazon ");
        self.aliases.iter_mut().for_each(swap);
    }
}

/// "S3", "EC2", "KMS": one word of capitals and digits.
pub fn is_abbreviation(name: &str) -> bool {
    !name.is_empty()
        && !name.contains(' ')
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// `name` without a leading "Amazon " / "AWS " when it carries `prefix`.
pub fn strip_prefix<'a>(name: &'a str, prefix: &str) -> &'a str {
    if prefix.is_empty() {
        return name;
    }
    name.strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix(' '))
        .unwrap_or(name)
}

fn parse_products(text: &str, path: &str) -> Result<Vec<Product>, LexiconError> {
    let file: ProductFile = toml::from_str(text).map_err(|err| LexiconError::Parse {
        path: path.to_string(),
        message: err.to_string(),
    })?;
    Ok(file.product)
}

fn parse_terms(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_loads() {
        let lexicon = Lexicon::builtin().expect("embedded lexicon parses");
        assert!(lexicon.products.iter().any(|p| p.id == "s3"));
        assert!(lexicon.terms.iter().any(|t| t == "AWS Cloud"));
    }

    #[test]
    fn china_partition_rewrites_aws_prefix() {
        let lexicon = Lexicon::builtin().unwrap().into_partition(Partition::AwsCn);
        let lambda = lexicon.products.iter().find(|p| p.id == "lambda").unwrap();
        assert_eq!(lambda.canonical, "Amazon Lambda");
        assert_eq!(lambda.prefix, "Amazon");
        let s3 = lexicon.products.iter().find(|p| p.id == "s3").unwrap();
        assert_eq!(s3.short, "Amazon S3");
    }

    #[test]
    fn user_records_replace_by_id() {
        let mut lexicon = Lexicon::builtin().unwrap();
        let extra = parse_products(
            "[[product]]\nid = \"s3\"\ncanonical = \"Amazon S3\"\nprefix = \"Amazon\"\nshort = \"Amazon S3\"\n",
            "extra.toml",
        )
        .unwrap();
        let before = lexicon.products.len();
        lexicon.extend(extra);
        assert_eq!(lexicon.products.len(), before);
        let s3 = lexicon.products.iter().find(|p| p.id == "s3").unwrap();
        assert_eq!(s3.canonical, "Amazon S3");
        assert_eq!(s3.bare_name(), "S3");
    }

    #[test]
    fn unknown_keys_are_reported() {
        let err = parse_products(
            "[[product]]\nid = \"x\"\ncanonical = \"A\"\nshort = \"A\"\nshrot = \"\"\n",
            "x.toml",
        )
        .unwrap_err();
        assert!(err.to_string().contains("shrot"), "{err}");
    }
}
