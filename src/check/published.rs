//! The published page of a public or anonymous case study, in the pipeline: its URL is
//! checked (https, on the partner's registrable domain, every redirect hop too), the page
//! is fetched (through `crate::web`, the only module that does network I/O), turned into
//! a `public-page` document, checked by the same rules, and compared with the draft. Every
//! finding lands on the draft's `public_url` line, naming the URL.

use std::ops::Range;
use std::path::{Path, PathBuf};

use url::Url;

use super::Checker;
use crate::config::Level;
use crate::diagnostic::{Diagnostic, FileReport, Severity, file_rules};
use crate::document::{Document, DocumentKind};
use crate::evidence::{Role, claims, quantities};
use crate::meta::{CaseStudyMeta, Visibility, key_location, read_meta};
use crate::web::policy::is_reserved_example;
use crate::web::{Failure, FailureKind, Fetcher, Hop, PageInfo, on_partner_domain, page_source};

/// Rule ids of the published-page checks (checklist 2.2; SBR-003 asks the same of
/// thought-leadership URLs: hosted on the partner's domain).
pub const HTTPS: &str = "CS-2.2/https";
pub const DOMAIN: &str = "CS-2.2/domain";
pub const REACHABLE: &str = "CS-2.2/reachable";
pub const OFFLINE: &str = "CS-2.2/offline";
pub const PAGE_NUMBER: &str = "CS-2.2/page-number";

const HELP: &str = "Checklist 2.2: the partner provides the publicly available URL, published by the partner, which must include the customer (or its description), the partner, the challenge, how AWS was used and the results.";

impl Checker {
    /// Findings about the published page of a draft case study (none for other documents,
    /// private ones, ones without `public_url`, and sample URLs on reserved example names).
    pub(super) fn published_page(&self, doc: &Document, web: &Fetcher) -> Vec<Diagnostic> {
        if doc.kind != DocumentKind::CaseStudy || !web.settings().fetch {
            return Vec::new();
        }
        let (Some(meta), _) = read_meta(doc, &self.profile.profile) else {
            return Vec::new();
        };
        if !matches!(
            meta.visibility,
            Some(Visibility::Public | Visibility::Anonymous)
        ) {
            return Vec::new();
        }
        let Some(url_text) = meta.public_url.clone() else {
            return Vec::new();
        };
        let Ok(url) = Url::parse(url_text.trim()) else {
            return Vec::new(); // The front-matter check reports it.
        };
        if !should_fetch(&url, web) {
            return Vec::new();
        }
        let at = key_location(doc, "public_url").map_or(0..0, |l| l.value);
        let info = page_info(&meta, web);
        let mut out = url_findings(&url, info.partner_domain.as_deref(), web, at.clone());
        match web.fetch(url.as_str()).as_ref() {
            Err(failure) => {
                out.extend(hop_findings(&failure.hops, &info, web, at.clone()));
                out.push(failure_finding(failure, at.clone()));
            }
            Ok(page) => {
                out.extend(hop_findings(&page.hops, &info, web, at.clone()));
                let source = page_source(&info, page.final_url(), &page.body);
                let report = self.check_page(Path::new(url.as_str()), source);
                out.extend(page_findings(&report, url.as_str(), at.clone()));
                let (page_doc, _) =
                    Document::parse(PathBuf::from(url.as_str()), report.source.clone());
                out.extend(dropped_numbers(doc, &page_doc, url.as_str()));
            }
        }
        // The configured levels and the draft's suppression comments apply as to any rule.
        out.retain_mut(|d| match self.config.level_for(&d.rule) {
            Some(Level::Off) => false,
            Some(level) => {
                d.severity = level.severity().unwrap_or(d.severity);
                !doc.suppressions.is_suppressed(&d.rule, d.span.start)
            }
            None => !doc.suppressions.is_suppressed(&d.rule, d.span.start),
        });
        out
    }

    /// Checks a page's Markdown (fetched and converted, or `check-url`'s) with every rule,
    /// never fetching anything itself.
    pub fn check_page(&self, path: &Path, source: String) -> FileReport {
        let (doc, mut diagnostics) = Document::parse(path, source);
        let nothing = |_: &Path| false;
        let ctx = crate::rules::Context {
            config: &self.config,
            names: &self.names,
            profile: &self.profile,
            today: self.today,
            asset_exists: &nothing,
            diagrams: &[],
        };
        diagnostics.extend(crate::rules::check_document(&doc, &ctx));
        // The front matter is caselint's own, written from the draft or the flags: its
        // findings would be about caselint, not the page.
        diagnostics.retain(|d| d.rule != file_rules::FRONT_MATTER);
        diagnostics.sort_by_key(|d| d.span.start);
        FileReport {
            path: path.to_path_buf(),
            source: doc.source,
            diagnostics,
        }
    }

    /// `caselint check-url`: the page at `url`, checked as a public page. Problems with the
    /// URL or the fetch are findings at the top of the report.
    pub fn check_url(&self, url: &str, info: &PageInfo) -> FileReport {
        let path = PathBuf::from(url);
        let mut head = Vec::new();
        let Some(web) = &self.web else {
            return FileReport {
                path,
                source: String::new(),
                diagnostics: vec![Diagnostic::new(
                    file_rules::IO,
                    Severity::Error,
                    0..0,
                    "fetching is turned off ([web] fetch = false)",
                )],
            };
        };
        let parsed = match Url::parse(url.trim()) {
            Ok(parsed) => parsed,
            Err(e) => {
                return FileReport {
                    path,
                    source: String::new(),
                    diagnostics: vec![Diagnostic::new(
                        REACHABLE,
                        Severity::Error,
                        0..0,
                        format!(
                            "`{url}` is not a URL ({e}): give the page's full address, starting with https://"
                        ),
                    )],
                };
            }
        };
        head.extend(url_findings(
            &parsed,
            info.partner_domain.as_deref(),
            web,
            0..0,
        ));
        let mut report = match web.fetch(parsed.as_str()).as_ref() {
            Err(failure) => {
                head.extend(hop_findings(&failure.hops, info, web, 0..0));
                head.push(failure_finding(failure, 0..0));
                FileReport {
                    path,
                    source: String::new(),
                    diagnostics: Vec::new(),
                }
            }
            Ok(page) => {
                head.extend(hop_findings(&page.hops, info, web, 0..0));
                let source = page_source(info, page.final_url(), &page.body);
                self.check_page(&path, source)
            }
        };
        head.append(&mut report.diagnostics);
        report.diagnostics = head;
        report
    }

    /// Whether the published page named in `text` will be fetched before checking.
    pub(super) fn will_prefetch(&self, text: &str) -> bool {
        let Some(web) = &self.web else { return false };
        web.settings().fetch
            && quick_public_url(text)
                .and_then(|url| Url::parse(&url).ok())
                .is_some_and(|url| should_fetch(&url, web))
    }

    /// Fetches every published page the files name, all at once (the per-run and per-host
    /// limits apply), so the parallel checks that follow find them ready.
    pub(super) fn prefetch(&self, texts: &[&str]) {
        let Some(web) = &self.web else { return };
        if !web.settings().fetch {
            return;
        }
        let mut urls: Vec<String> = texts
            .iter()
            .filter_map(|text| {
                let url = quick_public_url(text)?;
                let parsed = Url::parse(&url).ok()?;
                should_fetch(&parsed, web).then(|| parsed.to_string())
            })
            .collect();
        urls.sort();
        urls.dedup();
        if urls.len() > 1 {
            web.fetch_all(&urls);
        }
    }
}

/// A sample's `https://www.partner.example/…` is never fetched (reserved names never
/// resolve), unless the config maps the host to an address (`[web] resolve`).
fn should_fetch(url: &Url, web: &Fetcher) -> bool {
    let host = url.host_str().unwrap_or_default();
    !is_reserved_example(host) || web.settings().resolve.contains_key(host)
}

/// The `public_url` of a public or anonymous case study, read from the front matter's
/// lines without parsing the file (for prefetching; the check itself parses it).
fn quick_public_url(text: &str) -> Option<String> {
    let text = text.trim_start_matches('\u{feff}');
    let fence = if text.starts_with("---") {
        "---"
    } else if text.starts_with("+++") {
        "+++"
    } else {
        return None;
    };
    let mut lines = text.lines().skip(1);
    let mut url = None;
    let mut private = false;
    let mut case_study = false;
    for line in lines.by_ref() {
        if line.trim_end() == fence {
            break;
        }
        let Some((key, value)) = line.split_once([':', '=']) else {
            continue;
        };
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
        match key.trim() {
            "public_url" => url = Some(value.to_string()),
            "visibility" => private = value == "private",
            "caselint" => case_study = value == "case-study",
            _ => {}
        }
    }
    url.filter(|_| case_study && !private)
}

fn page_info(meta: &CaseStudyMeta, web: &Fetcher) -> PageInfo {
    PageInfo {
        visibility: meta
            .visibility
            .map_or("public", Visibility::as_str)
            .to_string(),
        customer_name: meta.customer.name.clone(),
        customer_description: meta.customer.description.clone(),
        partner_name: meta.partner.name.clone(),
        partner_domain: meta
            .partner
            .domain
            .clone()
            .or_else(|| web.settings().partner_domain.clone()),
        solution_area: meta.solution_area.clone(),
    }
}

/// The URL as given: https, and on the partner's registrable domain.
fn url_findings(
    url: &Url,
    partner: Option<&str>,
    web: &Fetcher,
    at: Range<usize>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if web.settings().require_https && url.scheme() != "https" {
        out.push(
            Diagnostic::new(
                HTTPS,
                Severity::Error,
                at.clone(),
                format!(
                    "the published page `{url}` is not https: publish it at an https:// address"
                ),
            )
            .with_requirement("2.2")
            .with_help(HELP),
        );
    }
    match partner {
        Some(partner) if !on_partner_domain(url, partner) => out.push(
            Diagnostic::new(
                DOMAIN,
                Severity::Error,
                at,
                format!(
                    "the published page `{url}` is not on the partner's domain `{}`: the checklist asks for a URL published by the partner, on its own domain",
                    crate::web::partner_registrable(partner).unwrap_or_else(|| partner.to_string())
                ),
            )
            .with_requirement("2.2")
            .with_help(HELP),
        ),
        Some(_) => {}
        None => out.push(
            Diagnostic::new(
                DOMAIN,
                Severity::Warning,
                at,
                format!("cannot tell whether `{url}` is on the partner's domain: add `partner.domain` to the front matter (or `partner_domain` under [web])"),
            )
            .with_requirement("2.2"),
        ),
    }
    out
}

/// Redirect hops after the first: each must stay on the partner's domain and on https.
fn hop_findings(hops: &[Hop], info: &PageInfo, web: &Fetcher, at: Range<usize>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, pair) in hops.windows(2).enumerate() {
        let (from, to) = (&pair[0], &pair[1]);
        let Ok(url) = Url::parse(&to.url) else {
            continue;
        };
        let hop = i + 2;
        if let Some(partner) = &info.partner_domain
            && !on_partner_domain(&url, partner)
        {
            out.push(
                Diagnostic::new(
                    DOMAIN,
                    Severity::Error,
                    at.clone(),
                    format!(
                        "redirect hop {hop} leaves the partner's domain `{}`: `{}` (HTTP {}) → `{}`",
                        crate::web::partner_registrable(partner).unwrap_or_else(|| partner.clone()),
                        from.url,
                        from.status,
                        to.url
                    ),
                )
                .with_requirement("2.2")
                .with_help(HELP),
            );
        }
        if web.settings().require_https && url.scheme() != "https" {
            out.push(
                Diagnostic::new(
                    HTTPS,
                    Severity::Error,
                    at.clone(),
                    format!(
                        "redirect hop {hop} goes to `{}`, which is not https",
                        to.url
                    ),
                )
                .with_requirement("2.2"),
            );
        }
    }
    out
}

fn failure_finding(failure: &Failure, at: Range<usize>) -> Diagnostic {
    let (rule, severity, message) = match failure.kind {
        FailureKind::Offline => (
            OFFLINE,
            Severity::Warning,
            format!(
                "the published page `{}` was not checked: it is not in the cache, and --offline forbids the network",
                failure.hop_url
            ),
        ),
        _ => (
            REACHABLE,
            Severity::Error,
            format!("the published page cannot be fetched: {failure}"),
        ),
    };
    Diagnostic::new(rule, severity, at, message)
        .with_requirement("2.2")
        .with_help("The validator opens the Case Study URL: it must answer with the page, to anyone, without a login.")
}

/// The page's own findings, moved to the draft's `public_url` line and naming the page.
fn page_findings(report: &FileReport, url: &str, at: Range<usize>) -> Vec<Diagnostic> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule != crate::rules::case_study::CHECKLIST_VERSION)
        .map(|d| {
            let quoted = report
                .source
                .get(d.span.clone())
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty() && d.span.start > 0)
                .map(|t| {
                    let short: String = t.chars().take(60).collect();
                    format!(" (on the page: `{short}`)")
                })
                .unwrap_or_default();
            let mut moved = Diagnostic::new(
                d.rule.clone(),
                d.severity,
                at.clone(),
                format!("the published page `{url}`: {}{quoted}", d.message),
            )
            .with_requirement(d.requirement.clone());
            moved.help = d.help.clone();
            moved
        })
        .collect()
}

/// A result the draft claims that the page does not show (by value and kind: "60 %" and
/// "sixty percent" are the same number) is a warning at the draft's number.
fn dropped_numbers(draft: &Document, page: &Document, url: &str) -> Vec<Diagnostic> {
    let shown: Vec<(crate::evidence::QuantityKind, f64)> = page
        .prose
        .iter()
        .flat_map(|p| quantities(&p.text))
        .map(|q| (q.kind, q.value))
        .collect();
    let mut out = Vec::new();
    let mut said: Vec<String> = Vec::new();
    for prose in &draft.prose {
        for claim in claims(&prose.text) {
            if claim.role != Role::Result {
                continue;
            }
            let q = &claim.quantity;
            let same = |v: f64| (v - q.value).abs() <= q.value.abs() * 1e-6 + 1e-9;
            if shown.iter().any(|(kind, v)| *kind == q.kind && same(*v)) {
                continue;
            }
            let written = prose
                .text
                .get(q.range.clone())
                .unwrap_or_default()
                .to_string();
            if said.contains(&written) {
                continue;
            }
            said.push(written.clone());
            out.push(
                Diagnostic::new(
                    PAGE_NUMBER,
                    Severity::Warning,
                    prose.source_range(q.range.clone()),
                    format!(
                        "the published page `{url}` does not show `{written}`, a result this case study claims: publish the same numbers, or correct the draft"
                    ),
                )
                .with_requirement("2.2")
                .with_help("The validator reads the published page: results only in the draft are not seen."),
            );
        }
    }
    out
}
