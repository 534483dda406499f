//! What the architecture diagrams show (DOC-001, PS-001), whether the text and the
//! diagrams name the same services (PS-002), and AWS names in diagram labels (DOC-003).
//! The diagrams were read by the loader ([`crate::diagram::load_linked`]); these rules only
//! read the model.
//!
//! Precision first: the content checks run only when every diagram the document points
//! at was read, so nothing a picture shows is reported missing; what the checks cannot
//! be sure of is a warning.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::naming::{PRODUCT_NAME, RENAMED};
use super::{Context, RuleInfo, is_enabled};
use crate::config::Level;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::diagram::{Format, Kind, Loaded, Model, Outcome, Shapes};
use crate::document::{BlockKind, Document, DocumentKind};
use crate::evidence::text::{sentences, tokens};
use crate::lexicon::matcher::Verdict;

pub const SERVICES: &str = "diagram-services";
pub const DEPLOYMENT: &str = "diagram-deployment";
pub const EXTERNAL: &str = "diagram-external";
pub const UNREADABLE: &str = "diagram-unreadable";
pub const FILE: &str = "diagram-file";
pub const MISSING_SERVICE: &str = "PS-002/diagram-missing-service";
pub const UNEXPLAINED_SERVICE: &str = "PS-002/diagram-unexplained-service";

const PS_001_WORDS: &str =
    "Provide an architecture diagram for the overall design and deployment of the solution on AWS.";
const DOC_001_WORDS: &str = "Each architecture diagram must show: … All of the AWS services used, using the appropriate AWS \
service icons. How the AWS services are deployed, including, VPCs, Availability Zones (AZs), subnets, and connections to \
systems outside of AWS. Includes elements deployed outside of AWS, e.g. on-premises components, or hardware devices.";
const PS_002_WORDS: &str = "Describe the technical solution implemented. Reference the architecture diagram in the explanation. \
Justify each service relevant to the designation domain…";

const EXPORT_HELP: &str = "caselint reads draw.io files (.drawio), draw.io PNG and SVG exports that include the diagram \
(draw.io: File > Export as > PNG or SVG, with \"Include a copy of my diagram\" ticked) and Mermaid blocks.";

macro_rules! content_rule {
    ($id:expr, "PS-001", $title:expr, $level:expr, $docs:expr, $what:expr, $bad:expr, $good:expr) => {
        content_rule!(@make $id, "PS-001", "Solution Architecture", PS_001_WORDS,
            "case studies, on the diagrams caselint can read (draw.io files and exports with the diagram, SVG, Mermaid)",
            $title, $level, $docs, $what, $bad, $good)
    };
    ($id:expr, "DOC-001", $title:expr, $level:expr, $docs:expr, $what:expr, $bad:expr, $good:expr) => {
        content_rule!(@make $id, "DOC-001", "Architecture Diagram", DOC_001_WORDS,
            "customer-facing docs, on the diagrams caselint can read that show AWS services",
            $title, $level, $docs, $what, $bad, $good)
    };
    (@make $id:expr, $req:expr, $req_title:expr, $words:expr, $applies:expr, $title:expr, $level:expr, $docs:expr, $what:expr, $bad:expr, $good:expr) => {
        RuleInfo {
            id: $id,
            title: $title,
            requirement: $req,
            requirement_title: $req_title,
            checklist_words: $words,
            default_level: $level,
            default_level_docs: $docs,
            applies_to: $applies,
            what: $what,
            why: "The AWS Solutions Architect reads the diagram first (DOC-001): it must show every AWS service, how \
it is deployed (VPCs, Availability Zones, subnets) and what it connects to outside AWS.",
            bad_example: $bad,
            good_example: $good,
            fix_safety: "No automatic fix: the diagram is yours to change.",
        }
    };
}

const SERVICES_WHAT: &str = "The diagram shows no AWS service: no AWS icon and no AWS product name in any label. \
Reported only when every diagram of the case study could be read.";
const DEPLOYMENT_WHAT: &str = "The diagram does not show where the services run: a VPC, the Availability Zones and the \
subnets, as draw.io's AWS group shapes (AWS Groups > VPC, Public subnet, Private subnet; a dashed box labelled \
`Availability Zone`) or as labels (`VPC`, `us-east-1a`, `Private subnet`). One finding names everything missing.";
const EXTERNAL_WHAT: &str = "The diagram shows nothing outside AWS (users, an office or data center, a third-party \
service, a device), or shows it without a line connecting it to the rest.";
const FILE_WHAT: &str = "A diagram file the document points at could not be read: broken XML, a damaged PNG, a \
compressed page that inflates to an absurd size, or a file over 20 MB. The rest of the document is still checked.";
const DEPLOYMENT_BAD: &str =
    "A draw.io diagram with Amazon ECS and Amazon RDS icons side by side, no VPC around them.";
const DEPLOYMENT_GOOD: &str = "The same icons inside a VPC group, in two `Availability Zone` boxes, each with a private subnet.";

pub const RULES: &[RuleInfo] = &[
    content_rule!(
        "PS-001/diagram-services",
        "PS-001",
        "the architecture diagram shows AWS services",
        Level::Error,
        Level::Off,
        SERVICES_WHAT,
        "A Mermaid flowchart of boxes named `Frontend`, `Backend`, `Database`.",
        "The same flowchart with `Amazon CloudFront`, `AWS Lambda`, `Amazon DynamoDB`."
    ),
    content_rule!(
        "PS-001/diagram-deployment",
        "PS-001",
        "the architecture diagram shows the VPC, Availability Zones and subnets",
        Level::Warning,
        Level::Off,
        DEPLOYMENT_WHAT,
        DEPLOYMENT_BAD,
        DEPLOYMENT_GOOD
    ),
    content_rule!(
        "PS-001/diagram-external",
        "PS-001",
        "the architecture diagram shows what is outside AWS, connected",
        Level::Warning,
        Level::Off,
        EXTERNAL_WHAT,
        "Only AWS icons inside the AWS Cloud group.",
        "`Clinic staff` and the on-premises `Practice-management system` outside the AWS Cloud group, with arrows to the API."
    ),
    RuleInfo {
        id: "PS-001/diagram-unreadable",
        title: "caselint cannot read the diagram picture",
        requirement: "PS-001",
        requirement_title: "Solution Architecture",
        checklist_words: PS_001_WORDS,
        default_level: Level::Warning,
        default_level_docs: Level::Off,
        applies_to: "case studies whose diagrams are all pictures without the diagram inside, and whose text does not name the VPC, Availability Zones or subnets",
        what: "The architecture diagram is a picture (PNG, JPEG) without the draw.io diagram inside, so caselint cannot \
check what it shows, and the text does not say how the solution is deployed either. Said once per case study; never \
an error.",
        why: "The checks on the diagram (AWS services, VPC, Availability Zones, subnets, external systems) need a \
diagram caselint can read.",
        bad_example: "![Architecture](architecture.png), exported from draw.io without the diagram.",
        good_example: "![Architecture](architecture.drawio.png), exported with File > Export as > PNG and \"Include a copy of my diagram\".",
        fix_safety: "No automatic fix.",
    },
    content_rule!(
        "PS-001/diagram-file",
        "PS-001",
        "a diagram file that cannot be read",
        Level::Error,
        Level::Off,
        FILE_WHAT,
        "A .drawio file cut short by a failed upload.",
        "The file saved again from draw.io."
    ),
    content_rule!(
        "DOC-001/diagram-deployment",
        "DOC-001",
        "the architecture diagram shows the VPC, Availability Zones and subnets",
        Level::Warning,
        Level::Warning,
        DEPLOYMENT_WHAT,
        DEPLOYMENT_BAD,
        DEPLOYMENT_GOOD
    ),
    content_rule!(
        "DOC-001/diagram-external",
        "DOC-001",
        "the architecture diagram shows what is outside AWS, connected",
        Level::Warning,
        Level::Warning,
        EXTERNAL_WHAT,
        "Only AWS icons inside the AWS Cloud group.",
        "The customer's on-premises servers, connected through AWS Site-to-Site VPN."
    ),
    content_rule!(
        "DOC-001/diagram-file",
        "DOC-001",
        "a diagram file that cannot be read",
        Level::Error,
        Level::Error,
        FILE_WHAT,
        "A .drawio file cut short by a failed upload.",
        "The file saved again from draw.io."
    ),
    RuleInfo {
        id: MISSING_SERVICE,
        title: "a service the text names is missing from the diagram",
        requirement: "PS-002",
        requirement_title: "Technical Solution",
        checklist_words: PS_002_WORDS,
        default_level: Level::Warning,
        default_level_docs: Level::Off,
        applies_to: "case studies whose diagrams caselint can read",
        what: "The text says the solution uses an AWS service that no diagram shows (a service named only as an \
alternative weighed, `rather than Amazon RDS`, is not counted).",
        why: "The text walks the validator through the diagram: every service it describes should be on it.",
        bad_example: "Text: \"Amazon SQS queues the reminders.\" Diagram: no SQS.",
        good_example: "An Amazon SQS icon between the scheduler and the sender.",
        fix_safety: "No automatic fix.",
    },
    RuleInfo {
        id: UNEXPLAINED_SERVICE,
        title: "a service the diagram shows is never explained in the text",
        requirement: "PS-002",
        requirement_title: "Technical Solution",
        checklist_words: PS_002_WORDS,
        default_level: Level::Warning,
        default_level_docs: Level::Off,
        applies_to: "case studies whose diagrams caselint can read",
        what: "The diagram shows an AWS service the text never names, so its role is not explained.",
        why: "PS-002 asks for each component's role and why it was chosen.",
        bad_example: "An Amazon Cognito icon on the diagram; the text never mentions sign-in.",
        good_example: "\"Amazon Cognito signs staff in with the clinic's existing Microsoft 365 accounts.\"",
        fix_safety: "No automatic fix.",
    },
];

/// The requirement a content check reports under for this kind of document.
fn family(kind: DocumentKind) -> Option<&'static str> {
    match kind {
        DocumentKind::CaseStudy => Some("PS-001"),
        DocumentKind::Doc => Some("DOC-001"),
        _ => None,
    }
}

pub fn check(doc: &Document, ctx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if ctx.diagrams.is_empty() {
        return out;
    }
    let Ok(shapes) = Shapes::builtin() else {
        return out;
    };
    label_names(doc, ctx, &mut out);
    let Some(family) = family(doc.kind) else {
        return out;
    };
    let id = |suffix: &str| format!("{family}/{suffix}");
    for loaded in ctx.diagrams {
        if let Outcome::Failed(why) = &loaded.outcome {
            out.push(
                Diagnostic::new(id(FILE), Severity::Error, loaded.span.clone(), why.clone())
                    .with_help("Save or export the diagram again from draw.io, then check again."),
            );
        }
    }

    // Every diagram the writer points at, and whether it was read as a deployment diagram.
    let read: Vec<(&Loaded, &Model)> = ctx
        .diagrams
        .iter()
        .filter_map(|l| match &l.outcome {
            Outcome::Read(_, m) if !m.pages.is_empty() => Some((l, m)),
            _ => None,
        })
        .collect();
    let all_read = read.len() == ctx.diagrams.len() && !remote_diagrams(doc);
    let architecture: Vec<(&Loaded, &Model)> = read
        .iter()
        .copied()
        .filter(|(_, m)| shows_aws(m, ctx, shapes))
        .collect();

    if doc.kind == DocumentKind::CaseStudy && architecture.is_empty() {
        if all_read && !read.is_empty() {
            let names = read
                .iter()
                .map(|(l, _)| format!("`{}`", l.name))
                .collect::<Vec<_>>()
                .join(", ");
            out.push(
                Diagnostic::new(
                    id(SERVICES),
                    Severity::Error,
                    read[0].0.span.clone(),
                    format!("the architecture diagram ({names}) shows no AWS service: use the AWS icons (draw.io: More Shapes > AWS 2019+) or name each service in its label"),
                )
                .with_help("DOC-001: the diagram must show all the AWS services used, with the AWS service icons."),
            );
        } else if let Some(raster) = ctx.diagrams.iter().find(|l| l.outcome == Outcome::Raster)
            && !names_deployment(doc, shapes)
        {
            out.push(
                Diagnostic::new(
                    id(UNREADABLE),
                    Severity::Warning,
                    raster.span.clone(),
                    format!(
                        "caselint cannot read what `{}` shows (a picture without the diagram inside), and the text does not say how the solution is deployed: export the diagram from draw.io with File > Export as > PNG and tick \"Include a copy of my diagram\", or describe the VPC, Availability Zones and subnets in the text",
                        raster.name
                    ),
                )
                .with_help(EXPORT_HELP),
            );
        }
    }
    if architecture.is_empty() || !all_read {
        return out;
    }
    let anchor = architecture[0].0.span.clone();
    let shown = architecture
        .iter()
        .map(|(l, _)| format!("`{}`", l.name))
        .collect::<Vec<_>>()
        .join(", ");

    let missing = missing_deployment(&architecture, shapes);
    if !missing.is_empty() {
        out.push(
            Diagnostic::new(
                id(DEPLOYMENT),
                Severity::Warning,
                anchor.clone(),
                format!(
                    "the architecture diagram ({shown}) does not show {}: draw them as containers around the services (draw.io: AWS Groups > VPC, Public or Private subnet; a box labelled `Availability Zone`) or name them in labels",
                    join(&missing, "or")
                ),
            )
            .with_help("DOC-001: the diagram must show how the AWS services are deployed, including VPCs, Availability Zones and subnets."),
        );
    }
    if let Some(message) = external_problem(&architecture, ctx, shapes) {
        out.push(
            Diagnostic::new(
                id(EXTERNAL),
                Severity::Warning,
                anchor.clone(),
                format!("the architecture diagram ({shown}) {message}"),
            )
            .with_help("DOC-001: the diagram must include elements outside AWS (on-premises components, devices, users, third-party services) and the connections to them."),
        );
    }
    if doc.kind == DocumentKind::CaseStudy {
        text_and_diagram(doc, ctx, &architecture, &anchor, &shown, shapes, &mut out);
    }
    out
}

/// Images with a web address: caselint does not fetch them, so it cannot know what they show.
fn remote_diagrams(doc: &Document) -> bool {
    doc.links.iter().any(|l| {
        l.is_image
            && crate::evidence::is_diagram_link(l)
            && (l.destination.contains("://") || l.destination.starts_with("//"))
    })
}

/// Whether a diagram draws an AWS deployment: an AWS shape, an AWS group, or an AWS
/// product named in a label.
fn shows_aws(model: &Model, ctx: &Context, shapes: &Shapes) -> bool {
    model.nodes().any(|(_, n)| {
        n.product.is_some()
            || n.kind.is_some_and(Kind::is_aws_place)
            || n.shape.as_deref().is_some_and(|s| {
                s.contains("aws4") || s.starts_with("aws:") || s.starts_with("logos:aws")
            })
            || !products_in_label(&n.label, ctx).is_empty()
            || shapes.label_kind(&n.label).is_some_and(Kind::is_aws_place) && n.container
    })
}

/// Product indexes (into the matcher's products) named in a label.
fn products_in_label(label: &str, ctx: &Context) -> Vec<usize> {
    if label.is_empty() {
        return Vec::new();
    }
    ctx.names
        .find(label)
        .iter()
        .filter_map(|h| h.product)
        .collect()
}

fn missing_deployment(diagrams: &[(&Loaded, &Model)], shapes: &Shapes) -> Vec<&'static str> {
    let mut seen = std::collections::HashSet::new();
    for (_, model) in diagrams {
        for page in &model.pages {
            for n in &page.nodes {
                if let Some(k) = n.kind {
                    seen.insert(k);
                }
                if n.product.as_deref() == Some("vpc") {
                    seen.insert(Kind::Vpc);
                }
                seen.extend(shapes.label_kinds(&n.label));
            }
            for e in &page.edges {
                seen.extend(shapes.label_kinds(&e.label));
            }
        }
    }
    let mut missing = Vec::new();
    for (kind, name) in [
        (Kind::Vpc, "the VPC"),
        (Kind::AvailabilityZone, "the Availability Zones"),
        (Kind::Subnet, "the subnets"),
    ] {
        if !seen.contains(&kind) {
            missing.push(name);
        }
    }
    missing
}

/// What is wrong with the diagram's outside-AWS part, if anything (the message's tail).
fn external_problem(
    diagrams: &[(&Loaded, &Model)],
    ctx: &Context,
    shapes: &Shapes,
) -> Option<String> {
    let mut outside_labels = Vec::new();
    let mut connected = false;
    let mut edges = 0;
    let mut dangling = false;
    for (_, model) in diagrams {
        for page in &model.pages {
            let outside: Vec<bool> = (0..page.nodes.len())
                .map(|i| is_outside(page, i, ctx, shapes))
                .collect();
            // An edge to a node inside an outside container reaches outside AWS too.
            let reaches: Vec<bool> = (0..page.nodes.len())
                .map(|i| {
                    let mut at = Some(i);
                    for _ in 0..=page.nodes.len() {
                        match at {
                            Some(j) if outside[j] => return true,
                            Some(j) => at = page.nodes[j].parent,
                            None => break,
                        }
                    }
                    false
                })
                .collect();
            for (i, n) in page.nodes.iter().enumerate() {
                if outside[i] && !n.label.is_empty() {
                    outside_labels.push(n.label.clone());
                }
            }
            for e in &page.edges {
                edges += 1;
                match (e.source, e.target) {
                    (Some(a), Some(b)) => connected |= reaches[a] != reaches[b],
                    _ => dangling = true,
                }
            }
        }
    }
    if outside_labels.is_empty() {
        return Some("shows nothing outside AWS: add the users, the customer's on-premises systems, devices or third-party services it connects to, and the lines to them".into());
    }
    if connected || edges == 0 || dangling {
        // No lines at all (a plain SVG's text), or lines caselint cannot follow: no guess.
        return None;
    }
    outside_labels.sort();
    outside_labels.dedup();
    let named: Vec<String> = outside_labels
        .iter()
        .take(3)
        .map(|l| format!("`{l}`"))
        .collect();
    Some(format!(
        "shows {} outside AWS but no line connecting it to the AWS side: draw the connection (an arrow from the users to the entry point, the VPN or API to the on-premises system)",
        join(&named.iter().map(String::as_str).collect::<Vec<_>>(), "and")
    ))
}

/// A node stands outside AWS: its shape or label says so, or its container does, and it
/// is not an AWS service nor inside an AWS container.
fn is_outside(page: &crate::diagram::Page, i: usize, ctx: &Context, shapes: &Shapes) -> bool {
    let n = &page.nodes[i];
    if n.product.is_some() || !products_in_label(&n.label, ctx).is_empty() {
        return false;
    }
    if page
        .ancestors(i)
        .any(|a| a.kind.is_some_and(Kind::is_aws_place))
    {
        return false;
    }
    matches!(n.kind, Some(Kind::Outside | Kind::OnPremises))
        || (n.kind.is_none() && shapes.outside_label(&n.label))
        || page.ancestors(i).any(|a| a.kind == Some(Kind::OnPremises))
}

/// Whether the text says how the solution is deployed (VPC, Availability Zones, subnets).
fn names_deployment(doc: &Document, shapes: &Shapes) -> bool {
    doc.prose.iter().any(|p| shapes.names_deployment(&p.text))
}

/// PS-002: services the text describes and the diagram lacks, and the reverse.
fn text_and_diagram(
    doc: &Document,
    ctx: &Context,
    diagrams: &[(&Loaded, &Model)],
    anchor: &Range<usize>,
    shown: &str,
    shapes: &Shapes,
    out: &mut Vec<Diagnostic>,
) {
    let products = ctx.names.products();
    let index_of: BTreeMap<&str, usize> = products
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    // Diagram: product -> where it is shown (file, page, label), for each shape. Containers
    // (a VPC, an Auto Scaling group) are where services run, not services to explain; line
    // labels name protocols ("SMS", "HTTPS") more often than services.
    let mut shapes_shown: Vec<(Vec<usize>, String)> = Vec::new();
    let mut in_diagram: BTreeMap<usize, String> = BTreeMap::new();
    let mut has_auto_scaling = false;
    let mut has_vpc = false;
    for (loaded, model) in diagrams {
        for (page, n) in model.nodes() {
            has_auto_scaling |= n.kind == Some(Kind::AutoScaling);
            has_vpc |= n.kind == Some(Kind::Vpc) || n.product.as_deref() == Some("vpc");
            let mut shown: Vec<usize> = products_in_label(&n.label, ctx);
            if let Some(i) = n.product.as_deref().and_then(|p| index_of.get(p)) {
                shown.push(*i);
            }
            if shown.is_empty() {
                continue;
            }
            let place = place(loaded, page, n);
            for i in &shown {
                in_diagram.entry(*i).or_insert_with(|| place.clone());
            }
            if !n.container && n.kind.is_none_or(|k| !k.is_aws_place()) {
                shapes_shown.push((shown, place));
            }
        }
    }
    let family_of = |i: usize| -> Vec<usize> {
        // "Amazon CloudWatch Logs" in the text is shown by a CloudWatch icon, and the
        // reverse: names that extend one another are one service here.
        let name = &products[i].canonical;
        products
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.canonical == *name
                    || p.canonical.starts_with(&format!("{name} "))
                    || name.starts_with(&format!("{} ", p.canonical))
            })
            .map(|(j, _)| j)
            .collect()
    };
    let in_diagram_family = |i: usize| {
        family_of(i).iter().any(|j| in_diagram.contains_key(j))
            || (has_vpc && products[i].id == "vpc")
            || (has_auto_scaling && products[i].id.contains("auto-scaling"))
    };

    let weighs = |text: &str| {
        let toks = tokens(text);
        (0..toks.len()).any(|t| shapes.not_deployed.longest_at(&toks, t).is_some())
    };
    // "| AWS service | Role | Alternatives considered and rejected |": the cells under such
    // a header name services that were weighed, not deployed.
    let weighed_cells: Vec<Range<usize>> = doc
        .tables
        .iter()
        .flat_map(|table| {
            let columns: Vec<usize> = table
                .header
                .iter()
                .enumerate()
                .filter(|(_, cell)| weighs(&cell.text))
                .map(|(column, _)| column)
                .collect();
            table.rows.iter().flat_map(move |row| {
                columns
                    .clone()
                    .into_iter()
                    .filter_map(|column| row.get(column).map(|cell| cell.span.clone()))
            })
        })
        .collect();

    // Text: every product named, and where it is named as part of the deployment.
    let mut named: BTreeSet<usize> = BTreeSet::new();
    let mut deployed: BTreeMap<usize, Range<usize>> = BTreeMap::new();
    for prose in &doc.prose {
        if matches!(prose.block, BlockKind::Heading(_)) {
            continue;
        }
        let hits = ctx.names.find(&prose.text);
        if hits.is_empty() {
            continue;
        }
        let toks = tokens(&prose.text);
        let sents = sentences(&toks);
        let in_weighed_cell = weighed_cells
            .iter()
            .any(|cell| cell.start <= prose.span.start && prose.span.end <= cell.end);
        for hit in hits {
            let Some(i) = hit.product else { continue };
            use crate::lexicon::matcher::Role;
            if matches!(hit.verdict, Verdict::Correct { role: Role::Term }) {
                continue;
            }
            named.insert(i);
            // "two-way SMS": a bare name that is also an ordinary word is no sure mention
            // of the product in the deployment.
            let homograph = matches!(hit.verdict, Verdict::Correct { role: Role::Bare })
                && products[i].homograph;
            let sentence = sents
                .iter()
                .find(|s| {
                    let r = crate::evidence::text::byte_range(&toks, (*s).clone());
                    r.start <= hit.range.start && hit.range.end <= r.end
                })
                .cloned()
                .unwrap_or(0..toks.len());
            let weighed = (sentence.start..sentence.end).any(|t| {
                shapes
                    .not_deployed
                    .longest_at(&toks[..sentence.end], t)
                    .is_some()
            });
            if !weighed && !in_weighed_cell && !homograph {
                deployed
                    .entry(i)
                    .or_insert_with(|| prose.source_range(hit.range.clone()));
            }
        }
    }

    if is_enabled(ctx.config, MISSING_SERVICE, doc.kind) {
        for (i, span) in &deployed {
            if in_diagram_family(*i) || shapes.not_drawn.contains(&products[*i].id) {
                continue;
            }
            let name = &products[*i].short;
            out.push(
                Diagnostic::new(
                    MISSING_SERVICE,
                    Severity::Warning,
                    span.clone(),
                    format!("the text says the solution uses `{name}`, but the architecture diagram ({shown}) does not show it: add it to the diagram, or say why it is not part of the deployment"),
                )
                .with_help("PS-002: walk through the diagram; every service the text describes should be on it."),
            );
        }
    }
    if is_enabled(ctx.config, UNEXPLAINED_SERVICE, doc.kind) {
        // A shape is explained when the text names any product it shows (its icon may be
        // an older product's: the Pinpoint icon labelled "AWS End User Messaging SMS").
        let mut reported = BTreeSet::new();
        for (shown, place) in &shapes_shown {
            let explained = shown
                .iter()
                .any(|i| family_of(*i).iter().any(|j| named.contains(j)));
            let Some(&first) = shown.first() else {
                continue;
            };
            if explained || !reported.insert(first) {
                continue;
            }
            let name = &products[first].short;
            out.push(
                Diagnostic::new(
                    UNEXPLAINED_SERVICE,
                    Severity::Warning,
                    anchor.clone(),
                    format!("the architecture diagram shows `{name}` ({place}), but the text never mentions it: say what it does in this solution and why it was chosen"),
                )
                .with_help("PS-002: explain each component's role."),
            );
        }
    }
}

/// Where a node is, in words a writer can find it by: file, page, cell id or label.
fn place(loaded: &Loaded, page: &crate::diagram::Page, n: &crate::diagram::Node) -> String {
    let mut parts = vec![format!("`{}`", loaded.name)];
    if !page.name.is_empty() {
        parts.push(format!("page `{}`", page.name));
    }
    if !n.label.is_empty() {
        parts.push(format!("`{}`", crate::evidence::text::quote(&n.label, 40)));
    } else if !n.id.is_empty() {
        parts.push(format!("cell `{}`", n.id));
    }
    parts.join(", ")
}

/// DOC-003 on the labels of every diagram read: wrong and replaced AWS names.
fn label_names(doc: &Document, ctx: &Context, out: &mut Vec<Diagnostic>) {
    let wrong_on = is_enabled(ctx.config, PRODUCT_NAME, doc.kind);
    let renamed_on = is_enabled(ctx.config, RENAMED, doc.kind);
    if !wrong_on && !renamed_on {
        return;
    }
    for loaded in ctx.diagrams {
        let Outcome::Read(format, model) = &loaded.outcome else {
            continue;
        };
        // One finding per wrong form and diagram file: the places listed.
        let mut grouped: BTreeMap<(String, String, bool), Vec<String>> = BTreeMap::new();
        for page in &model.pages {
            let labels = page
                .nodes
                .iter()
                .map(|n| (n.label.as_str(), n.label_span.clone(), n.id.as_str(), false))
                .chain(
                    page.edges
                        .iter()
                        .map(|e| (e.label.as_str(), None, e.id.as_str(), true)),
                );
            for (label, label_span, cell, is_edge) in labels {
                if label.is_empty() {
                    continue;
                }
                for hit in ctx.names.find(label) {
                    let written = &label[hit.range.clone()];
                    let (rule, message, replacement) = match &hit.verdict {
                        Verdict::Wrong { replacement, .. } if wrong_on => (
                            PRODUCT_NAME,
                            format!("`{written}` is not the product's name: write `{replacement}`"),
                            replacement.clone(),
                        ),
                        Verdict::Renamed {
                            old, replacement, ..
                        } if renamed_on => (
                            RENAMED,
                            format!("`{old}` was renamed: write `{replacement}`"),
                            replacement.clone(),
                        ),
                        _ => continue,
                    };
                    // A Mermaid label is the document's own text: point at it and fix it.
                    if *format == Format::Mermaid
                        && let Some(span) = &label_span
                    {
                        let exact = span.start + hit.range.start..span.start + hit.range.end;
                        let mut d = Diagnostic::new(
                            rule,
                            Severity::Error,
                            exact.clone(),
                            format!("in {}: {message}", loaded.name),
                        );
                        if doc.source.get(exact) == Some(written) {
                            d = d.with_fix(replacement, Applicability::Safe);
                        }
                        out.push(d);
                        continue;
                    }
                    let where_ = if page.name.is_empty() {
                        String::new()
                    } else {
                        format!("page `{}`, ", page.name)
                    };
                    let what = if is_edge { "line" } else { "cell" };
                    grouped
                        .entry((rule.to_string(), message, false))
                        .or_default()
                        .push(format!(
                            "{where_}{what} `{cell}` (`{}`)",
                            crate::evidence::text::quote(label, 40)
                        ));
                }
            }
        }
        for ((rule, message, _), places) in grouped {
            let shown: Vec<&str> = places.iter().take(3).map(String::as_str).collect();
            let more = places.len().saturating_sub(3);
            let tail = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            out.push(
                Diagnostic::new(
                    rule,
                    Severity::Error,
                    loaded.span.clone(),
                    format!("in the diagram `{}`, {}{tail}: {message}", loaded.name, shown.join(", ")),
                )
                .with_help("Change the label in the diagram (draw.io: double-click the shape), then export it again."),
            );
        }
    }
}

fn join(items: &[&str], conjunction: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [first, second] => format!("{first} {conjunction} {second}"),
        [rest @ .., last] => format!("{}, {conjunction} {last}", rest.join(", ")),
    }
}
