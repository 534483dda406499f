//! The only module that does network I/O: fetching a published case study (checklist 2.2,
//! 2.3, SBR-003), checking its URL and every redirect hop against the partner's domain,
//! caching it on disk, and turning its HTML into a `public-page` Markdown document so
//! every rule runs on the page as published. Rules never call this module: the pipeline
//! (`crate::check`) fetches and hands them a `Document`.

pub mod cache;
pub mod fetch;
pub mod html;
pub mod policy;

pub use cache::default_dir as default_cache_dir;
pub use fetch::{Failure, FailureKind, Fetched, Fetcher, Hop, Page, USER_AGENT};
pub use policy::{on_partner_domain, partner_registrable, registrable_domain};

/// What the draft (or `check-url`'s flags) says about the page, written into the page
/// document's front matter so the rules know whom the page must name.
#[derive(Debug, Clone, Default)]
pub struct PageInfo {
    /// "public" or "anonymous".
    pub visibility: String,
    pub customer_name: Option<String>,
    pub customer_description: Option<String>,
    pub partner_name: Option<String>,
    pub partner_domain: Option<String>,
    pub solution_area: Option<String>,
}

/// The page as a `caselint: public-page` Markdown document: front matter from `info`,
/// then the page's main text. The same shape a page saved from a browser is checked in.
pub fn page_source(info: &PageInfo, url: &str, html: &str) -> String {
    let extracted = html::extract(html);
    let mut front = String::from("---\ncaselint: public-page\n");
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string());
    front.push_str(&format!("visibility: {}\n", quote(&info.visibility)));
    if let Some(title) = &extracted.title {
        front.push_str(&format!("title: {}\n", quote(title)));
    }
    let mut customer = Vec::new();
    if let Some(name) = &info.customer_name {
        customer.push(format!("name: {}", quote(name)));
    }
    if let Some(description) = &info.customer_description {
        customer.push(format!("description: {}", quote(description)));
    }
    if !customer.is_empty() {
        front.push_str(&format!("customer: {{ {} }}\n", customer.join(", ")));
    }
    let mut partner = Vec::new();
    if let Some(name) = &info.partner_name {
        partner.push(format!("name: {}", quote(name)));
    }
    if let Some(domain) = &info.partner_domain {
        partner.push(format!("domain: {}", quote(domain)));
    }
    if !partner.is_empty() {
        front.push_str(&format!("partner: {{ {} }}\n", partner.join(", ")));
    }
    if let Some(area) = &info.solution_area {
        front.push_str(&format!("solution_area: {}\n", quote(area)));
    }
    front.push_str(&format!("public_url: {}\n---\n\n", quote(url)));
    front + &extracted.markdown
}
