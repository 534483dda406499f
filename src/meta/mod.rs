//! The typed front matter of case studies and public pages: reading the keys of the
//! DESIGN contract (`visibility`, `customer`, `partner`, `solution_area`, …) into
//! [`CaseStudyMeta`], and checking each value where it is written, with a message a
//! marketing writer can act on.
//!
//! All findings use the rule `front-matter`. Malformed YAML or TOML and the `caselint:` key
//! itself are reported by [`Document::parse`]; this module reads well-formed front matter.
//!
//! Decisions:
//! - Unknown keys are reported only when they look like a caselint key (a near spelling or
//!   a known synonym, see `keys.rs`); other keys belong to the site generator.
//! - `customer.segment` is normalised to one of [`values::SEGMENTS`] from any case,
//!   punctuation or a synonym ("small business", "SME" → SMB; "DNB" → Digital Native
//!   Business; "government", "education", "nonprofit" → Public Sector). "Mid-market" is
//!   *not* read as SMB: AWS defines SMB by annual revenue (under $100M), and mid-market
//!   companies fall on both sides, so the writer is asked to choose.
//! - Missing keys are added, when asked, right after the opening fence (in TOML, keys
//!   after a `[table]` header would belong to the table) or inside the existing
//!   `customer` / `partner` mapping, with `TODO: …` values that are reported until replaced.
//!   When lines also go inside an existing mapping (YAML, or TOML without a `[table]`), the
//!   new top-level lines follow that mapping so the fix is a single insertion.
//! - `customer.name` is required for every case study, anonymous ones included (checklist
//!   2.3: AWS keeps it private); `customer.description` too when `visibility: anonymous`.
//! - Consistency: a `public-page` cannot be `private` (error); a public or anonymous case
//!   study without `public_url` gets a warning (checklist 2.2, 2.3).
//! - Whether the customer is SMB (segment, revenue under the profile's limit) is left to
//!   the case-study rules: [`CaseStudyMeta::smb_problems`] gives them the findings.

mod keys;
mod locate;
mod missing;
pub mod values;

use std::collections::HashSet;
use std::ops::Range;

use serde_json::{Map, Value};

use crate::diagnostic::{Applicability, Diagnostic, Severity, file_rules};
use crate::document::{Document, DocumentKind, FrontMatter, FrontMatterFormat};
use crate::profile::ProfileInfo;

pub use keys::{CUSTOMER_KEYS, PARTNER_KEYS, TOP_KEYS};
pub use locate::Location;
pub use values::{SEGMENTS, normalize_segment, parse_amount};

use keys::{Level, Target};
use values::{AreaMatch, Problem};

/// Who may see the case study: `visibility:` in front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Visibility {
    /// Published, naming the customer.
    Public,
    /// Published without the customer's name (checklist 2.3).
    Anonymous,
    /// Shared with AWS only.
    Private,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Anonymous => "anonymous",
            Visibility::Private => "private",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Customer {
    pub name: Option<String>,
    pub description: Option<String>,
    pub industry: Option<String>,
    /// Free text: "120 employees", "12 clinics".
    pub size: Option<String>,
    /// One of [`SEGMENTS`]: "SMB", "Enterprise", "Startup", "ISV", "Digital Native
    /// Business", "Public Sector".
    pub segment: Option<String>,
    pub annual_revenue_usd: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Partner {
    pub name: Option<String>,
    /// Lowercase, without scheme, `www.` or path: `partner.example`.
    pub domain: Option<String>,
}

/// What the front matter of a case study or public page says, as far as it could be read.
/// A value that is missing or not valid is `None` (and reported).
#[derive(Debug, Clone, PartialEq)]
pub struct CaseStudyMeta {
    pub kind: DocumentKind,
    pub visibility: Option<Visibility>,
    pub title: Option<String>,
    pub customer: Customer,
    pub partner: Partner,
    /// Spelled exactly as the profile's `solution_areas` (any text when the profile lists
    /// none).
    pub solution_area: Option<String>,
    pub production_since: Option<jiff::civil::Date>,
    /// `O` followed by 7 to 10 digits.
    pub ace_opportunity_id: Option<String>,
    /// Exactly 12 digits.
    pub aws_account_id: Option<String>,
    pub aws_arr_usd: Option<f64>,
    pub public_url: Option<String>,
}

impl CaseStudyMeta {
    fn new(kind: DocumentKind) -> Self {
        CaseStudyMeta {
            kind,
            visibility: None,
            title: None,
            customer: Customer::default(),
            partner: Partner::default(),
            solution_area: None,
            production_since: None,
            ace_opportunity_id: None,
            aws_account_id: None,
            aws_arr_usd: None,
            public_url: None,
        }
    }
}

impl CaseStudyMeta {
    /// Why the customer is not an SMB customer by the profile's definition, as
    /// `(dotted key, message)`: a segment other than SMB (the checklist excludes startups,
    /// ISVs and digital native businesses by name), or annual revenue at or above the
    /// profile's limit. For the case-study rules, which report them under their own rule id
    /// at [`key_location`]; `read_meta` does not.
    pub fn smb_problems(&self, profile: &ProfileInfo) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        if let Some(segment) = self.customer.segment.as_deref()
            && segment != "SMB"
        {
            let excluded = profile
                .excluded_segments
                .iter()
                .any(|e| normalize_segment(e).unwrap_or(e.as_str()) == segment);
            let why = if excluded {
                "the checklist does not count startups, ISVs or digital native businesses as SMB customers"
            } else {
                "the case study must be about an SMB customer"
            };
            problems.push((
                "customer.segment",
                format!("the customer's segment is `{segment}`, not `SMB`: {why}"),
            ));
        }
        if let (Some(revenue), Some(limit)) = (
            self.customer.annual_revenue_usd,
            profile.max_annual_revenue_usd,
        ) && revenue >= limit as f64
        {
            problems.push((
                "customer.annual_revenue_usd",
                format!(
                    "the customer's annual revenue is {}: SMB customers have annual revenue under {}",
                    dollars(revenue),
                    dollars(limit as f64)
                ),
            ));
        }
        problems
    }
}

/// `$120,000,000`, `$4,500.50`.
fn dollars(amount: f64) -> String {
    let whole = amount.trunc();
    let cents = ((amount - whole) * 100.0).round();
    let digits = format!("{whole:.0}");
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if cents > 0.0 {
        format!("${grouped}.{cents:02.0}")
    } else {
        format!("${grouped}")
    }
}

/// Reads and validates the front matter of a case study or public page. Returns the typed
/// metadata (as much as could be read) and diagnostics (rule `front-matter`, severity Error
/// unless said otherwise), each on the exact line of the offending key or value.
///
/// Documents of other kinds (and documents without readable front matter) give
/// `(None, vec![])`.
pub fn read_meta(
    doc: &Document,
    profile: &ProfileInfo,
) -> (Option<CaseStudyMeta>, Vec<Diagnostic>) {
    if !matches!(doc.kind, DocumentKind::CaseStudy | DocumentKind::PublicPage) {
        return (None, Vec::new());
    }
    let (Some(fm), Some(data)) = (doc.front_matter.as_ref(), doc.metadata()) else {
        return (None, Vec::new());
    };
    let mut reader = Reader {
        doc,
        fm,
        profile,
        diagnostics: Vec::new(),
        reported: HashSet::new(),
        pending: HashSet::new(),
    };
    let meta = reader.read(data);
    let mut diagnostics = reader.diagnostics;
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    (Some(meta), diagnostics)
}

/// Whether a dotted key (`customer.industry`, `visibility`) is present with a value that
/// is not empty (not null, not blank text, not an empty list or mapping).
pub fn has_key(doc: &Document, dotted: &str) -> bool {
    meta_value(doc, dotted).is_some_and(|value| match value {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        Value::Bool(_) | Value::Number(_) => true,
    })
}

/// The value at a dotted key, as the front matter gives it (dates are strings).
pub fn meta_value<'a>(doc: &'a Document, dotted: &str) -> Option<&'a Value> {
    let mut parts = dotted.split('.');
    let mut value = doc.metadata()?.get(parts.next()?.trim())?;
    for part in parts {
        value = value.as_object()?.get(part.trim())?;
    }
    Some(value)
}

/// Where a dotted key (`customer.name`) is written, so a finding can point at it: its line,
/// the key and the value. `None` when it is not written (or could not be found).
pub fn key_location(doc: &Document, dotted: &str) -> Option<Location> {
    let fm = doc.front_matter.as_ref()?;
    let path: Vec<&str> = dotted.split('.').map(str::trim).collect();
    locate::locate(fm, &doc.source, &path)
}

/// The checklist requirement a key serves, for the note under a finding.
fn requirement_of(path: &[&str]) -> Option<&'static str> {
    match path {
        ["customer", ..] => Some("UCR-001"),
        ["production_since"] | ["aws_arr_usd"] => Some("PS-004"),
        ["ace_opportunity_id"] | ["aws_account_id"] => Some("PS-005"),
        ["solution_area"] => Some("SBR-001"),
        _ => None,
    }
}

fn dotted(path: &[&str]) -> String {
    path.join(".")
}

struct Reader<'a> {
    doc: &'a Document,
    fm: &'a FrontMatter,
    profile: &'a ProfileInfo,
    diagnostics: Vec<Diagnostic>,
    /// Dotted keys that already have a finding about their value.
    reported: HashSet<String>,
    /// Dotted keys that a finding about a mistyped key proposes (`solution_are` →
    /// `solution_area`): not reported as missing as well.
    pending: HashSet<String>,
}

impl Reader<'_> {
    fn source(&self) -> &str {
        &self.doc.source
    }

    fn yaml(&self) -> bool {
        self.fm.format == FrontMatterFormat::Yaml
    }

    fn loc(&self, path: &[&str]) -> Option<Location> {
        locate::locate(self.fm, self.source(), path)
    }

    /// The opening fence (`---` or `+++`).
    fn fence(&self) -> Range<usize> {
        self.fm.span.start..(self.fm.span.start + 3).min(self.fm.span.end)
    }

    /// Where a finding about a key's value goes: the value, else the key's line, else its
    /// parent's line, else the opening fence.
    fn value_span(&self, path: &[&str]) -> Range<usize> {
        if let Some(at) = self.loc(path) {
            return if at.value.is_empty() {
                at.line
            } else {
                at.value
            };
        }
        if path.len() > 1
            && let Some(at) = self.loc(&path[..1])
        {
            return at.line;
        }
        self.fence()
    }

    fn diagnostic(&self, path: &[&str], span: Range<usize>, message: String) -> Diagnostic {
        let d = Diagnostic::new(file_rules::FRONT_MATTER, Severity::Error, span, message);
        match requirement_of(path) {
            Some(requirement) => d.with_requirement(requirement),
            None => d,
        }
    }

    fn push(&mut self, path: &[&str], diagnostic: Diagnostic) {
        self.reported.insert(dotted(path));
        self.diagnostics.push(diagnostic);
    }

    /// A value problem at the value, with its fix written in the file's syntax.
    fn problem(&mut self, path: &[&str], problem: Problem) {
        let at = self.loc(path);
        let span = self.value_span(path);
        let mut d = self.diagnostic(path, span, problem.message);
        if let Some(help) = problem.help {
            d = d.with_help(help);
        }
        let at = at.filter(|at| !at.value.is_empty());
        if let Some((value, applicability)) = problem.fix
            && let Some(at) = &at
            && let Some(written) = self.render_scalar(&value, at.quote)
        {
            d = d.with_fix(written, applicability);
        }
        for suggestion in problem.suggestions {
            let written = match &at {
                Some(at) => self.render_scalar(&suggestion, at.quote),
                None => None,
            };
            d = d.with_suggestion(written.unwrap_or(suggestion));
        }
        self.push(path, d);
    }

    /// `text` as it should replace a value span (which excludes quotes).
    fn render_scalar(&self, text: &str, quote: Option<char>) -> Option<String> {
        let double = |t: &str| t.replace('\\', "\\\\").replace('"', "\\\"");
        match quote {
            Some('"') => Some(double(text)),
            Some(_) if self.yaml() => Some(text.replace('\'', "''")),
            Some(_) => (!text.contains('\'')).then(|| text.to_string()),
            None if self.yaml() && plain_yaml(text) => Some(text.to_string()),
            None if !self.yaml() && is_iso_date(text) => Some(text.to_string()),
            None => Some(format!("\"{}\"", double(text))),
        }
    }

    // -----------------------------------------------------------------------------------
    // Reading

    fn read(&mut self, data: &Map<String, Value>) -> CaseStudyMeta {
        let mut meta = CaseStudyMeta::new(self.doc.kind);
        for (key, value) in data {
            let path = [key.as_str()];
            match key.as_str() {
                "caselint" => {} // Checked by the document loader.
                "title" => meta.title = self.text(&path, value),
                "visibility" => {
                    if let Some(text) = self.text(&path, value) {
                        match values::check_visibility(&text) {
                            Ok(v) => meta.visibility = Some(v),
                            Err(problem) => self.problem(&path, problem),
                        }
                    }
                }
                "customer" => self.customer(value, &mut meta.customer),
                "partner" => self.partner(value, &mut meta.partner),
                "solution_area" => meta.solution_area = self.solution_area(value),
                "production_since" => {
                    if let Some(text) = self.raw_text(&path, value) {
                        match values::parse_date(&text) {
                            Ok(date) => meta.production_since = Some(date),
                            Err(problem) => self.problem(&path, problem),
                        }
                    }
                }
                "ace_opportunity_id" => {
                    if let Some(text) = self.raw_text(&path, value) {
                        match values::check_ace_id(&text) {
                            Ok(id) => meta.ace_opportunity_id = Some(id),
                            Err(problem) => self.problem(&path, problem),
                        }
                    }
                }
                "aws_account_id" => meta.aws_account_id = self.account_id(value),
                "aws_arr_usd" => meta.aws_arr_usd = self.amount(&path, value),
                "public_url" => {
                    if let Some(text) = self.text(&path, value) {
                        match values::check_url(&text) {
                            Ok(_) => meta.public_url = Some(text),
                            Err(problem) => self.problem(&path, problem),
                        }
                    }
                }
                _ => self.unknown_key(&[], key, Level::Top, data),
            }
        }
        missing::check_required(self, data, &meta);
        self.visibility_consistency(data, &meta);
        meta
    }

    /// A public page cannot be private; a published case study gives its address.
    fn visibility_consistency(&mut self, data: &Map<String, Value>, meta: &CaseStudyMeta) {
        let path = ["visibility"];
        let sep = if self.yaml() { ":" } else { " =" };
        match (meta.kind, meta.visibility) {
            (DocumentKind::PublicPage, Some(Visibility::Private)) => {
                let span = self.value_span(&path);
                let d = self
                    .diagnostic(
                        &path,
                        span,
                        "a `public-page` is published, so its visibility cannot be `private`"
                            .to_string(),
                    )
                    .with_help(
                        "write `public` when the page names the customer, `anonymous` when it \
                         does not; a case study shared with AWS only is `caselint: case-study`",
                    )
                    .with_suggestion("public")
                    .with_suggestion("anonymous");
                self.push(&path, d);
            }
            (DocumentKind::CaseStudy, Some(v @ (Visibility::Public | Visibility::Anonymous)))
                if !data.contains_key("public_url") =>
            {
                let span = self.value_span(&path);
                let d = self
                    .diagnostic(
                        &path,
                        span,
                        format!(
                            "{} case study gives the address where it is published: add \
                             `public_url{sep} https://…`",
                            if v == Visibility::Public {
                                "a public"
                            } else {
                                "an anonymous"
                            }
                        ),
                    )
                    .with_help(
                        "AWS Partner Central asks for the public URL of public and anonymous \
                         case studies (checklist 2.2 and 2.3); if it is not published yet, add \
                         the address once it is",
                    );
                let mut d = d;
                d.severity = Severity::Warning;
                self.diagnostics.push(d);
            }
            _ => {}
        }
    }

    /// A text value: strings trimmed, numbers and booleans as written. Lists and mappings
    /// are reported; empty values and `TODO` placeholders give `None`.
    fn text(&mut self, path: &[&str], value: &Value) -> Option<String> {
        let text = match value {
            Value::Null => return None,
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Array(_) | Value::Object(_) => {
                let what = if value.is_array() {
                    "a list"
                } else {
                    "a mapping"
                };
                let name = dotted(path);
                let span = self.value_span(path);
                let d = self
                    .diagnostic(
                        path,
                        span,
                        format!("`{name}` must be a single value, not {what}"),
                    )
                    .with_help(format!(
                        "write one value after `{}`",
                        path.last().copied().unwrap_or("")
                    ));
                self.push(path, d);
                return None;
            }
        };
        if text.is_empty() {
            return None;
        }
        if is_placeholder(&text) {
            let name = dotted(path);
            let span = self.value_span(path);
            let hint = missing::placeholder(path, self.profile);
            let d = self
                .diagnostic(
                    path,
                    span,
                    format!(
                        "`{name}` is still a placeholder: replace `{text}` with the real value"
                    ),
                )
                .with_help(hint.trim_start_matches("TODO: ").to_string());
            self.push(path, d);
            return None;
        }
        Some(text)
    }

    /// Like [`Reader::text`], but for an unquoted value the text as written in the file
    /// (YAML reads `01234567` as a number and drops the zero).
    fn raw_text(&mut self, path: &[&str], value: &Value) -> Option<String> {
        let text = self.text(path, value)?;
        if value.is_number()
            && let Some(at) = self.loc(path)
            && at.quote.is_none()
            && let Some(raw) = self.source().get(at.value.clone())
            && !raw.is_empty()
        {
            return Some(raw.to_string());
        }
        Some(text)
    }

    fn account_id(&mut self, value: &Value) -> Option<String> {
        let path = ["aws_account_id"];
        let as_read = self.text(&path, value)?;
        let at = self.loc(&path);
        let raw = at
            .as_ref()
            .and_then(|at| self.source().get(at.value.clone()))
            .filter(|raw| !raw.is_empty())
            .unwrap_or(&as_read)
            .to_string();
        let quoted = at.as_ref().is_some_and(|at| at.quote.is_some());
        match values::check_account_id(&raw, quoted, &as_read, self.yaml()) {
            Ok(id) => Some(id),
            Err(problem) => {
                self.problem(&path, problem);
                None
            }
        }
    }

    fn amount(&mut self, path: &[&str], value: &Value) -> Option<f64> {
        let name = dotted(path);
        let written = match value {
            Value::Number(n) => {
                let amount = n.as_f64()?;
                if amount >= 0.0 {
                    return Some(amount);
                }
                n.to_string()
            }
            _ => self.text(path, value)?,
        };
        let why = match parse_amount(&written) {
            Ok(amount) => return Some(amount),
            Err(why) => why,
        };
        let why = if value.is_number() {
            "it is negative".to_string()
        } else {
            why
        };
        let span = self.value_span(path);
        let d = self
            .diagnostic(
                path,
                span,
                format!("`{name}: {written}` is not an amount of money: {why}"),
            )
            .with_help(values::AMOUNT_FORMS);
        self.push(path, d);
        None
    }

    fn solution_area(&mut self, value: &Value) -> Option<String> {
        let path = ["solution_area"];
        let text = self.text(&path, value)?;
        let areas = &self.profile.solution_areas;
        if areas.is_empty() {
            return Some(text);
        }
        let count = values::count_word(areas.len());
        let family = profile_short_name(self.profile)
            .map(|s| format!("{s} "))
            .unwrap_or_default();
        let list = areas
            .iter()
            .map(|a| format!("`{a}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let head = format!("`solution_area` must be one of the {count} {family}solution areas");
        let problem = match values::match_solution_area(&text, areas) {
            AreaMatch::Exact(area) => return Some(area),
            AreaMatch::Near(candidates, applicability) => {
                let shown = candidates
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(" or ");
                let mut problem = Problem {
                    message: format!("{head}: did you mean {shown}?"),
                    help: Some(format!("write one of {list}")),
                    fix: None,
                    suggestions: candidates.clone(),
                };
                if let (Some(a), [only]) = (applicability, &candidates[..]) {
                    problem.fix = Some((only.clone(), a));
                }
                problem
            }
            AreaMatch::None => Problem {
                message: format!("{head}; `{text}` is not one of them"),
                help: Some(format!("write one of {list}")),
                fix: None,
                suggestions: Vec::new(),
            },
        };
        self.problem(&path, problem);
        None
    }

    /// The mapping under `customer` / `partner`, or `None` after reporting a value that is
    /// not one.
    fn mapping<'v>(
        &mut self,
        key: &'static str,
        value: &'v Value,
    ) -> Option<&'v Map<String, Value>> {
        let map = match value {
            Value::Object(map) => return Some(map),
            Value::Null => return None,
            other => other,
        };
        let path = [key];
        let first = "name";
        let written = match map {
            Value::String(s) => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        let example = if self.yaml() {
            format!(
                "{key}: {{ {first}: {} }}",
                written.as_deref().unwrap_or("…")
            )
        } else {
            format!(
                "{key} = {{ {first} = \"{}\" }}",
                written.as_deref().unwrap_or("…")
            )
        };
        let keys = if key == "customer" {
            &CUSTOMER_KEYS[..]
        } else {
            &PARTNER_KEYS[..]
        };
        let at = self.loc(&path);
        let span = self.value_span(&path);
        let mut d = self
            .diagnostic(
                &path,
                span,
                format!("`{key}` must list its details under it, such as `{example}`"),
            )
            .with_help(format!(
                "the keys under `{key}` are {}",
                keys.iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        if let (Some(name), Some(at)) = (
            written.filter(|w| !w.is_empty()),
            at.filter(|at| !at.value.is_empty()),
        ) {
            // Replace the value with a mapping, quotes included.
            let quoted = at.quote.is_some();
            let mut span = at.value.clone();
            if quoted {
                span = span.start.saturating_sub(1)..span.end + 1;
            }
            let escaped = name.replace('\\', "\\\\").replace('"', "\\\"");
            let replacement = if self.yaml() {
                format!("{{ {first}: \"{escaped}\" }}")
            } else {
                format!("{{ {first} = \"{escaped}\" }}")
            };
            if self.source().get(span.clone()).is_some() {
                d.span = span;
                d = d.with_fix(replacement, Applicability::Unsafe);
            }
        }
        self.push(&path, d);
        None
    }

    fn customer(&mut self, value: &Value, customer: &mut Customer) {
        let Some(map) = self.mapping("customer", value) else {
            return;
        };
        for (key, value) in map {
            let path = ["customer", key.as_str()];
            match key.as_str() {
                "name" => customer.name = self.text(&path, value),
                "description" => customer.description = self.text(&path, value),
                "industry" => customer.industry = self.text(&path, value),
                "size" => customer.size = self.text(&path, value),
                "segment" => {
                    if let Some(text) = self.text(&path, value) {
                        match values::check_segment(&text) {
                            Ok(segment) => customer.segment = Some(segment.to_string()),
                            Err(problem) => self.problem(&path, problem),
                        }
                    }
                }
                "annual_revenue_usd" => customer.annual_revenue_usd = self.amount(&path, value),
                _ => self.unknown_key(&["customer"], key, Level::Customer, map),
            }
        }
    }

    fn partner(&mut self, value: &Value, partner: &mut Partner) {
        let Some(map) = self.mapping("partner", value) else {
            return;
        };
        for (key, value) in map {
            let path = ["partner", key.as_str()];
            match key.as_str() {
                "name" => partner.name = self.text(&path, value),
                "domain" => {
                    if let Some(text) = self.text(&path, value) {
                        match values::check_domain(&text) {
                            Ok(domain) => partner.domain = Some(domain),
                            Err(problem) => self.problem(&path, problem),
                        }
                    }
                }
                _ => self.unknown_key(&["partner"], key, Level::Partner, map),
            }
        }
    }

    /// An unknown key: reported only when it looks like one of caselint's.
    fn unknown_key(
        &mut self,
        parent: &[&str],
        key: &str,
        level: Level,
        siblings: &Map<String, Value>,
    ) {
        let Some(target) = keys::suggest(key, level) else {
            return;
        };
        let mut path: Vec<&str> = parent.to_vec();
        path.push(key);
        let at = self.loc(&path);
        let span = at
            .as_ref()
            .map_or_else(|| self.value_span(&path), |at| at.key.clone());
        let shown = dotted(&path);
        let proposed = match target {
            Target::Rename(good) => {
                let mut p: Vec<&str> = parent.to_vec();
                p.push(good);
                dotted(&p)
            }
            Target::Move("", top) => top.to_string(),
            Target::Move(mapping, child) => format!("{mapping}.{child}"),
        };
        self.pending.insert(proposed);
        let (message, fix, help) = match target {
            Target::Rename(good) => {
                let taken = siblings.contains_key(good);
                let message = format!("unknown key `{shown}`: did you mean `{good}`?");
                let help = if taken {
                    format!("`{good}` is already set: remove one of the two")
                } else {
                    format!("rename `{key}` to `{good}`")
                };
                let fix = (!taken && at.is_some()).then(|| good.to_string());
                (message, fix, help)
            }
            Target::Move("", top) => (
                format!(
                    "unknown key `{shown}`: `{top}` is a top-level key, not part of `{}`",
                    parent.join(".")
                ),
                None,
                format!(
                    "move it out of `{}` to its own line: `{top}{} …`",
                    parent.join("."),
                    if self.yaml() { ":" } else { " =" }
                ),
            ),
            Target::Move(mapping, child) => (
                format!("unknown key `{shown}`: did you mean `{child}` under `{mapping}`?"),
                None,
                if self.yaml() {
                    format!("move it under `{mapping}:`, indented: `{mapping}: {{ {child}: … }}`")
                } else {
                    format!("move it into `{mapping}`: `{mapping} = {{ {child} = … }}`")
                },
            ),
        };
        let mut d = self.diagnostic(&path, span, message).with_help(help);
        if let Some(fix) = fix {
            d = d.with_fix(fix, Applicability::Safe);
        }
        self.push(&path, d);
    }
}

/// "SMB" from "AWS Small and Medium Business (SMB) Competency, …".
fn profile_short_name(profile: &ProfileInfo) -> Option<&str> {
    let (_, rest) = profile.title.split_once('(')?;
    let (inside, _) = rest.split_once(')')?;
    let inside = inside.trim();
    (!inside.is_empty() && inside.len() <= 12).then_some(inside)
}

/// Whether `text` can be written as a plain YAML scalar and read back as the same string.
fn plain_yaml(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if text != text.trim()
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text.contains([',', '[', ']', '{', '}', '\n', '\t'])
    {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    let special = [
        "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n",
    ];
    if special.contains(&lower.as_str()) {
        return false;
    }
    // Numbers (but not dates, which stay strings).
    !(lower.parse::<f64>().is_ok()
        || lower.starts_with("0x")
        || lower.starts_with("0o")
        || lower.bytes().all(|b| b.is_ascii_digit() || b == b'_'))
}

/// `TODO: …`, `TBD`, `FIXME`, `XXX` (a whole word: `Todoist` is a name).
fn is_placeholder(text: &str) -> bool {
    ["todo", "tbd", "fixme", "xxx"].iter().any(|word| {
        text.get(..word.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(word))
            && text[word.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

fn is_iso_date(text: &str) -> bool {
    text.len() == 10 && text.parse::<jiff::civil::Date>().is_ok()
}

#[cfg(test)]
mod tests;
