//! TEMPORARY stub with the agreed API; replaced by the typed front matter on merge.
use crate::diagnostic::Diagnostic;
use crate::document::{Document, DocumentKind};
use crate::profile::ProfileInfo;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    Public,
    Anonymous,
    Private,
}
#[derive(Debug, Clone, Default)]
pub struct Customer {
    pub name: Option<String>,
    pub description: Option<String>,
    pub industry: Option<String>,
    pub size: Option<String>,
    pub segment: Option<String>,
    pub annual_revenue_usd: Option<f64>,
}
#[derive(Debug, Clone, Default)]
pub struct Partner {
    pub name: Option<String>,
    pub domain: Option<String>,
}
#[derive(Debug, Clone)]
pub struct CaseStudyMeta {
    pub kind: DocumentKind,
    pub visibility: Option<Visibility>,
    pub customer: Customer,
    pub partner: Partner,
    pub solution_area: Option<String>,
    pub production_since: Option<jiff::civil::Date>,
    pub ace_opportunity_id: Option<String>,
    pub aws_account_id: Option<String>,
    pub aws_arr_usd: Option<f64>,
    pub public_url: Option<String>,
}
pub fn read_meta(
    doc: &Document,
    _profile: &ProfileInfo,
) -> (Option<CaseStudyMeta>, Vec<Diagnostic>) {
    let Some(data) = doc.metadata() else {
        return (None, Vec::new());
    };
    let s = |v: Option<&serde_json::Value>| v.and_then(|v| v.as_str()).map(String::from);
    let customer = data.get("customer").and_then(|c| c.as_object());
    let meta = CaseStudyMeta {
        kind: doc.kind,
        visibility: match s(data.get("visibility")).as_deref() {
            Some("public") => Some(Visibility::Public),
            Some("anonymous") => Some(Visibility::Anonymous),
            Some("private") => Some(Visibility::Private),
            _ => None,
        },
        customer: Customer {
            name: s(customer.and_then(|c| c.get("name"))),
            segment: s(customer.and_then(|c| c.get("segment"))),
            annual_revenue_usd: customer
                .and_then(|c| c.get("annual_revenue_usd"))
                .and_then(|v| v.as_f64()),
            ..Customer::default()
        },
        partner: Partner::default(),
        solution_area: s(data.get("solution_area")),
        production_since: s(data.get("production_since")).and_then(|d| d.parse().ok()),
        ace_opportunity_id: s(data.get("ace_opportunity_id")),
        aws_account_id: s(data.get("aws_account_id")),
        aws_arr_usd: data.get("aws_arr_usd").and_then(|v| v.as_f64()),
        public_url: s(data.get("public_url")),
    };
    (Some(meta), Vec::new())
}
pub fn has_key(doc: &Document, dotted: &str) -> bool {
    let Some(mut value) = doc.metadata().map(|m| serde_json::Value::Object(m.clone())) else {
        return false;
    };
    for part in dotted.split('.') {
        match value.get(part) {
            Some(v) => value = v.clone(),
            None => return false,
        }
    }
    !(value.is_null() || value.as_str().is_some_and(|s| s.trim().is_empty()))
}
