//! What shapes and labels mean: draw.io's AWS shape names and group icons, Mermaid icon
//! names, and label words, all from `lexicon/diagram/shapes.toml`.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::evidence::text::{PhraseSet, TokKind, tokens};

/// What a node stands for in the deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    AwsCloud,
    Region,
    Vpc,
    AvailabilityZone,
    Subnet,
    SecurityGroup,
    Account,
    AutoScaling,
    /// A data center, an office: a place outside AWS.
    OnPremises,
    /// People, devices, third-party services: something outside AWS.
    Outside,
    /// Another AWS group (an Elastic Beanstalk environment, a Step Functions workflow).
    OtherGroup,
}

impl Kind {
    fn from_name(name: &str) -> Option<Kind> {
        Some(match name {
            "aws-cloud" => Kind::AwsCloud,
            "region" => Kind::Region,
            "vpc" => Kind::Vpc,
            "availability-zone" => Kind::AvailabilityZone,
            "subnet" => Kind::Subnet,
            "security-group" => Kind::SecurityGroup,
            "account" => Kind::Account,
            "auto-scaling" => Kind::AutoScaling,
            "on-premises" => Kind::OnPremises,
            "other" => Kind::OtherGroup,
            _ => return None,
        })
    }

    /// Containers that are part of AWS: what is inside them is not outside AWS.
    pub fn is_aws_place(self) -> bool {
        matches!(
            self,
            Kind::AwsCloud
                | Kind::Region
                | Kind::Vpc
                | Kind::AvailabilityZone
                | Kind::Subnet
                | Kind::SecurityGroup
                | Kind::Account
                | Kind::AutoScaling
        )
    }
}

#[derive(Deserialize)]
struct Data {
    groups: HashMap<String, String>,
    labels: HashMap<String, Vec<String>>,
    outside: OutsideData,
    services: HashMap<String, String>,
}

#[derive(Deserialize)]
struct OutsideData {
    shapes: Vec<String>,
    words: Vec<String>,
    not_deployed: Vec<String>,
    not_drawn: Vec<String>,
}

/// The parsed data file.
pub struct Shapes {
    groups: HashMap<String, Kind>,
    services: HashMap<String, String>,
    labels: Vec<(Kind, PhraseSet)>,
    outside_shapes: Vec<String>,
    outside_words: PhraseSet,
    pub(crate) not_deployed: PhraseSet,
    /// Product ids a diagram need not draw (tooling, billing, governance).
    pub(crate) not_drawn: Vec<String>,
}

const DATA: &str = include_str!("../../lexicon/diagram/shapes.toml");

static BUILTIN: LazyLock<Result<Shapes, String>> = LazyLock::new(|| Shapes::parse(DATA));

impl Shapes {
    /// The built-in data; an error only if the embedded file is broken (a test guards it).
    pub fn builtin() -> Result<&'static Shapes, String> {
        BUILTIN.as_ref().map_err(Clone::clone)
    }

    pub fn parse(text: &str) -> Result<Shapes, String> {
        let data: Data = toml::from_str(text)
            .map_err(|e| format!("lexicon/diagram/shapes.toml is not valid: {e}"))?;
        let mut groups = HashMap::new();
        for (icon, kind) in data.groups {
            let kind = Kind::from_name(&kind)
                .ok_or_else(|| format!("shapes.toml: group `{icon}` has unknown kind `{kind}`"))?;
            groups.insert(icon, kind);
        }
        let mut labels = Vec::new();
        let mut names: Vec<_> = data.labels.into_iter().collect();
        names.sort();
        for (kind, words) in names {
            let kind = Kind::from_name(&kind)
                .ok_or_else(|| format!("shapes.toml: label kind `{kind}` is unknown"))?;
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            labels.push((kind, PhraseSet::new(&words)));
        }
        let words: Vec<&str> = data.outside.words.iter().map(String::as_str).collect();
        let not_deployed: Vec<&str> = data
            .outside
            .not_deployed
            .iter()
            .map(String::as_str)
            .collect();
        Ok(Shapes {
            groups,
            services: data.services,
            labels,
            outside_shapes: data.outside.shapes,
            outside_words: PhraseSet::new(&words),
            not_deployed: PhraseSet::new(&not_deployed),
            not_drawn: data.outside.not_drawn,
        })
    }

    /// Every product id the data names (for the lexicon cross-check).
    pub fn product_ids(&self) -> impl Iterator<Item = &str> {
        self.services
            .values()
            .chain(&self.not_drawn)
            .map(String::as_str)
    }

    /// The product a shape name shows: `lambda`, `mxgraph.aws4.lambda_function`,
    /// `aws:lambda`, `logos:aws-lambda` (Mermaid icons use hyphens).
    pub fn product(&self, shape: &str) -> Option<&str> {
        let name = shape_key(shape)?;
        self.services.get(&name).map(String::as_str)
    }

    /// The container a group icon (`mxgraph.aws4.group_vpc`) stands for.
    pub fn group(&self, icon: &str) -> Option<Kind> {
        self.groups.get(&shape_key(icon)?).copied()
    }

    /// Whether a shape stands for something outside AWS (users, an office).
    pub fn outside_shape(&self, shape: &str) -> bool {
        shape_key(shape).is_some_and(|k| self.outside_shapes.contains(&k))
    }

    /// What a label says a node is ("Private subnet", "VPC 10.0.0.0/16", "us-east-1a"):
    /// the kind named first.
    pub fn label_kind(&self, label: &str) -> Option<Kind> {
        self.label_kinds(label).first().copied()
    }

    /// Every kind a label names, in the order it names them ("Public subnets ·
    /// us-east-1a / 1b": a subnet, then an Availability Zone).
    pub fn label_kinds(&self, label: &str) -> Vec<Kind> {
        let toks = tokens(label);
        let words = toks.iter().filter(|t| t.kind != TokKind::Punct).count();
        if words == 0 || words > 16 {
            // A paragraph of explanation in a text box is not a container's name.
            return Vec::new();
        }
        let mut found: Vec<(usize, Kind)> = Vec::new();
        if let Some((at, kind)) = zone_code(label) {
            found.push((at, kind));
        }
        for (kind, set) in &self.labels {
            if let Some(i) = (0..toks.len()).find(|&i| set.longest_at(&toks, i).is_some()) {
                found.push((toks[i].range.start, *kind));
            }
        }
        found.sort_by_key(|(at, _)| *at);
        let mut out: Vec<Kind> = Vec::new();
        for (_, kind) in found {
            if !out.contains(&kind) {
                out.push(kind);
            }
        }
        out
    }

    /// Whether running text names a VPC, an Availability Zone or a subnet.
    pub fn names_deployment(&self, text: &str) -> bool {
        let toks = tokens(text);
        self.labels.iter().any(|(kind, set)| {
            matches!(kind, Kind::Vpc | Kind::AvailabilityZone | Kind::Subnet)
                && (0..toks.len()).any(|i| set.longest_at(&toks, i).is_some())
        }) || matches!(zone_code(text), Some((_, Kind::AvailabilityZone)))
    }

    /// Whether a label names something outside AWS ("Clinic staff", "On-premises ERP").
    pub fn outside_label(&self, label: &str) -> bool {
        let toks = tokens(label);
        toks.len() <= 12
            && (0..toks.len()).any(|i| self.outside_words.longest_at(&toks, i).is_some())
    }
}

/// The bare shape name: library prefixes dropped, hyphens as underscores, lower case.
fn shape_key(shape: &str) -> Option<String> {
    let lower = shape.trim().to_ascii_lowercase();
    let bare = lower
        .strip_prefix("mxgraph.aws4.")
        .or_else(|| lower.strip_prefix("mxgraph.aws3."))
        .or_else(|| lower.strip_prefix("logos:aws-"))
        .or_else(|| lower.strip_prefix("aws:"))
        .or_else(|| lower.strip_prefix("aws-"))
        .unwrap_or(&lower);
    (!bare.is_empty()).then(|| bare.replace('-', "_"))
}

/// `us-east-1a` is an Availability Zone, `eu-west-2` a Region: any word of the label
/// written as an AWS Region code, with a zone letter or without.
fn zone_code(label: &str) -> Option<(usize, Kind)> {
    let mut at = 0;
    for word in label.split_inclusive(|c: char| c.is_whitespace() || "()[],;:/".contains(c)) {
        let start = at;
        at += word.len();
        let word = word.trim_end_matches(|c: char| c.is_whitespace() || "()[],;:/".contains(c));
        let parts: Vec<&str> = word.split('-').collect();
        if parts.len() < 3 || parts.len() > 4 {
            continue;
        }
        let country = parts[0];
        if country.len() != 2 || !country.chars().all(|c| c.is_ascii_lowercase()) {
            continue;
        }
        let middle_ok = parts[1..parts.len() - 1]
            .iter()
            .all(|p| p.len() >= 3 && p.chars().all(|c| c.is_ascii_lowercase()));
        let last = parts[parts.len() - 1];
        let digits: String = last.chars().take_while(char::is_ascii_digit).collect();
        let rest = &last[digits.len()..];
        if !middle_ok || digits.len() != 1 {
            continue;
        }
        match rest.len() {
            0 => return Some((start, Kind::Region)),
            1 if rest.chars().all(|c| c.is_ascii_lowercase()) => {
                return Some((start, Kind::AvailabilityZone));
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_parses_and_names_products() {
        let shapes = Shapes::builtin().expect("shapes.toml");
        assert_eq!(shapes.product("mxgraph.aws4.lambda"), Some("lambda"));
        assert_eq!(
            shapes.product("mxgraph.aws4.lambda_function"),
            Some("lambda")
        );
        assert_eq!(shapes.product("logos:aws-lambda"), Some("lambda"));
        assert_eq!(shapes.product("aws:api-gateway"), Some("api-gateway"));
        assert_eq!(shapes.product("mxgraph.aws4.compute"), None);
        assert_eq!(shapes.group("mxgraph.aws4.group_vpc"), Some(Kind::Vpc));
        assert!(shapes.outside_shape("mxgraph.aws4.users"));
    }

    #[test]
    fn labels_say_what_a_node_is() {
        let shapes = Shapes::builtin().expect("shapes.toml");
        assert_eq!(shapes.label_kind("Private subnet"), Some(Kind::Subnet));
        assert_eq!(shapes.label_kind("VPC 10.0.0.0/16"), Some(Kind::Vpc));
        assert_eq!(
            shapes.label_kind("us-east-1a"),
            Some(Kind::AvailabilityZone)
        );
        assert_eq!(shapes.label_kind("Region eu-west-2"), Some(Kind::Region));
        assert_eq!(
            shapes.label_kind("Availability Zone 2"),
            Some(Kind::AvailabilityZone)
        );
        assert_eq!(shapes.label_kind("Lambda function"), None);
        assert_eq!(shapes.label_kind("ip-10-0-1-5"), None);
        assert_eq!(
            shapes.label_kinds("Public subnets · us-east-1a / 1b / 1c"),
            [Kind::Subnet, Kind::AvailabilityZone]
        );
        assert!(shapes.outside_label("Clinic staff"));
        assert!(shapes.outside_label("On-premises ERP"));
        assert!(!shapes.outside_label("Amazon S3"));
    }
}
