//! The front-matter keys caselint reads, the keys static-site generators use (left alone),
//! and the likely mistakes: near spellings and synonyms of caselint's keys.

use super::values::closest;

/// Top-level keys caselint reads (the DESIGN contract), plus `title`.
pub const TOP_KEYS: [&str; 11] = [
    "caselint",
    "visibility",
    "customer",
    "partner",
    "solution_area",
    "production_since",
    "ace_opportunity_id",
    "aws_account_id",
    "aws_arr_usd",
    "public_url",
    "title",
];

pub const CUSTOMER_KEYS: [&str; 6] = [
    "name",
    "description",
    "industry",
    "size",
    "segment",
    "annual_revenue_usd",
];

pub const PARTNER_KEYS: [&str; 2] = ["name", "domain"];

/// Keys that static-site generators (Hugo, Jekyll, Docusaurus, MkDocs, Astro, Eleventy,
/// Just the Docs …) read. Never reported, even when close to a caselint key.
const SITE_KEYS: &[&str] = &[
    "title",
    "description",
    "date",
    "tags",
    "categories",
    "category",
    "layout",
    "slug",
    "author",
    "authors",
    "draft",
    "weight",
    "sidebar_position",
    "sidebar_label",
    "sidebar_class_name",
    "sidebar",
    "summary",
    "image",
    "images",
    "permalink",
    "lang",
    "language",
    "locale",
    "id",
    "keywords",
    "aliases",
    "toc",
    "url",
    "type",
    "lastmod",
    "last_modified_at",
    "publishdate",
    "publish_date",
    "expirydate",
    "menu",
    "hide_title",
    "hide_table_of_contents",
    "pagination_label",
    "custom_edit_url",
    "last_update",
    "nav_order",
    "parent",
    "grand_parent",
    "has_children",
    "nav_exclude",
    "excerpt",
    "published",
    "canonical_url",
    "canonical",
    "cover",
    "thumbnail",
    "featured_image",
    "subtitle",
    "header",
    "banner",
    "robots",
    "noindex",
    "sitemap",
    "template",
    "series",
    "hero",
    "og_image",
    "order",
    "position",
    "priority",
    "redirect_from",
    "redirect_to",
    "section",
    "icon",
    "status",
    "version",
    "head",
    "meta",
    "seo",
    "comments",
    "share",
    "featured",
    "related",
    "linktitle",
    "outputs",
    "resources",
    "markup",
    "headless",
    "cascade",
    "build",
    "params",
    "translationkey",
    "hide",
    "search",
    "exclude",
    "eleventynavigation",
    "pagination",
    "permalinks",
    "tag",
    "abstract",
    "pubdate",
    "updated",
    "created",
    "modified",
    "math",
    "mermaid",
    "css",
    "js",
    "script",
    "styles",
    "class",
    "body_class",
    "redirect",
    "nav",
    "navigation",
    "audience",
    "product",
    "products",
    "topic",
    "topics",
];

/// Where a mistyped key probably belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A key at the same level: renaming fixes it.
    Rename(&'static str),
    /// A key of a nested mapping written at the top level (`industry` → `customer.industry`),
    /// or the reverse (`customer.arr` → top-level `aws_arr_usd`).
    Move(&'static str, &'static str),
}

const TOP_SYNONYMS: &[(&str, Target)] = &[
    ("production_date", Target::Rename("production_since")),
    ("in_production_since", Target::Rename("production_since")),
    ("live_since", Target::Rename("production_since")),
    ("live_date", Target::Rename("production_since")),
    ("go_live", Target::Rename("production_since")),
    ("go_live_date", Target::Rename("production_since")),
    ("golive", Target::Rename("production_since")),
    ("launch_date", Target::Rename("production_since")),
    ("launched", Target::Rename("production_since")),
    ("launched_on", Target::Rename("production_since")),
    ("deployment_date", Target::Rename("production_since")),
    ("deployed", Target::Rename("production_since")),
    ("deployed_on", Target::Rename("production_since")),
    ("production_start", Target::Rename("production_since")),
    ("in_production", Target::Rename("production_since")),
    ("arr", Target::Rename("aws_arr_usd")),
    ("aws_arr", Target::Rename("aws_arr_usd")),
    ("arr_usd", Target::Rename("aws_arr_usd")),
    ("annual_recurring_revenue", Target::Rename("aws_arr_usd")),
    (
        "aws_annual_recurring_revenue",
        Target::Rename("aws_arr_usd"),
    ),
    ("ace_id", Target::Rename("ace_opportunity_id")),
    ("ace", Target::Rename("ace_opportunity_id")),
    ("opportunity_id", Target::Rename("ace_opportunity_id")),
    ("ace_opportunity", Target::Rename("ace_opportunity_id")),
    ("ace_opp_id", Target::Rename("ace_opportunity_id")),
    ("opp_id", Target::Rename("ace_opportunity_id")),
    ("account_id", Target::Rename("aws_account_id")),
    ("aws_account", Target::Rename("aws_account_id")),
    ("aws_account_number", Target::Rename("aws_account_id")),
    ("account_number", Target::Rename("aws_account_id")),
    ("case_study_url", Target::Rename("public_url")),
    ("public_link", Target::Rename("public_url")),
    ("published_url", Target::Rename("public_url")),
    ("solution", Target::Rename("solution_area")),
    ("solution_category", Target::Rename("solution_area")),
    ("solution_areas", Target::Rename("solution_area")),
    ("competency_area", Target::Rename("solution_area")),
    ("smb_category", Target::Rename("solution_area")),
    ("smb_solution_area", Target::Rename("solution_area")),
    ("client", Target::Rename("customer")),
    ("privacy", Target::Rename("visibility")),
    ("customer_name", Target::Move("customer", "name")),
    ("client_name", Target::Move("customer", "name")),
    ("company_name", Target::Move("customer", "name")),
    (
        "customer_description",
        Target::Move("customer", "description"),
    ),
    ("industry", Target::Move("customer", "industry")),
    ("customer_industry", Target::Move("customer", "industry")),
    ("vertical", Target::Move("customer", "industry")),
    ("segment", Target::Move("customer", "segment")),
    ("customer_segment", Target::Move("customer", "segment")),
    ("market_segment", Target::Move("customer", "segment")),
    ("size", Target::Move("customer", "size")),
    ("company_size", Target::Move("customer", "size")),
    ("customer_size", Target::Move("customer", "size")),
    ("employees", Target::Move("customer", "size")),
    (
        "annual_revenue",
        Target::Move("customer", "annual_revenue_usd"),
    ),
    (
        "annual_revenue_usd",
        Target::Move("customer", "annual_revenue_usd"),
    ),
    (
        "customer_revenue",
        Target::Move("customer", "annual_revenue_usd"),
    ),
    ("revenue", Target::Move("customer", "annual_revenue_usd")),
    ("partner_name", Target::Move("partner", "name")),
    ("partner_domain", Target::Move("partner", "domain")),
    ("domain", Target::Move("partner", "domain")),
];

const CUSTOMER_SYNONYMS: &[(&str, Target)] = &[
    ("company", Target::Rename("name")),
    ("company_name", Target::Rename("name")),
    ("customer_name", Target::Rename("name")),
    ("about", Target::Rename("description")),
    ("desc", Target::Rename("description")),
    ("summary", Target::Rename("description")),
    ("sector", Target::Rename("industry")),
    ("vertical", Target::Rename("industry")),
    ("employees", Target::Rename("size")),
    ("headcount", Target::Rename("size")),
    ("company_size", Target::Rename("size")),
    ("employee_count", Target::Rename("size")),
    ("market_segment", Target::Rename("segment")),
    ("customer_segment", Target::Rename("segment")),
    ("revenue", Target::Rename("annual_revenue_usd")),
    ("annual_revenue", Target::Rename("annual_revenue_usd")),
    ("revenue_usd", Target::Rename("annual_revenue_usd")),
    ("arr", Target::Move("", "aws_arr_usd")),
    ("aws_arr_usd", Target::Move("", "aws_arr_usd")),
    ("aws_account_id", Target::Move("", "aws_account_id")),
];

const PARTNER_SYNONYMS: &[(&str, Target)] = &[
    ("company", Target::Rename("name")),
    ("company_name", Target::Rename("name")),
    ("partner_name", Target::Rename("name")),
    ("website", Target::Rename("domain")),
    ("site", Target::Rename("domain")),
    ("url", Target::Rename("domain")),
    ("homepage", Target::Rename("domain")),
    ("domain_name", Target::Rename("domain")),
];

/// `Solution-Area`, `solutionArea`, `solution area` → `solution_area`.
pub fn normalize_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    let mut prev_lower = false;
    for c in key.trim().chars() {
        if c.is_uppercase() && prev_lower {
            out.push('_');
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        match c {
            '-' | ' ' | '.' => out.push('_'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Which mapping a key is in: `None` for the top level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Top,
    Customer,
    Partner,
}

impl Level {
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            Level::Top => &TOP_KEYS,
            Level::Customer => &CUSTOMER_KEYS,
            Level::Partner => &PARTNER_KEYS,
        }
    }

    fn synonyms(self) -> &'static [(&'static str, Target)] {
        match self {
            Level::Top => TOP_SYNONYMS,
            Level::Customer => CUSTOMER_SYNONYMS,
            Level::Partner => PARTNER_SYNONYMS,
        }
    }
}

/// What an unknown key probably meant, or `None` when it is not close to anything
/// caselint reads (then it belongs to someone else and is left alone).
pub fn suggest(key: &str, level: Level) -> Option<Target> {
    let keys = level.keys();
    if keys.contains(&key) {
        return None;
    }
    if level == Level::Top && SITE_KEYS.contains(&key.to_lowercase().as_str()) {
        return None;
    }
    let norm = normalize_key(key);
    if let Some(k) = keys.iter().find(|k| **k == norm) {
        return Some(Target::Rename(k));
    }
    if let Some((_, target)) = level.synonyms().iter().find(|(s, _)| *s == norm) {
        return Some(*target);
    }
    if level == Level::Top && SITE_KEYS.contains(&norm.as_str()) {
        return None;
    }
    closest(&norm, keys).map(Target::Rename)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_and_synonyms() {
        assert_eq!(
            suggest("solution_are", Level::Top),
            Some(Target::Rename("solution_area"))
        );
        assert_eq!(
            suggest("custmer", Level::Top),
            Some(Target::Rename("customer"))
        );
        assert_eq!(
            suggest("Solution-Area", Level::Top),
            Some(Target::Rename("solution_area"))
        );
        assert_eq!(
            suggest("productionSince", Level::Top),
            Some(Target::Rename("production_since"))
        );
        assert_eq!(
            suggest("production_date", Level::Top),
            Some(Target::Rename("production_since"))
        );
        assert_eq!(
            suggest("ARR", Level::Top),
            Some(Target::Rename("aws_arr_usd"))
        );
        assert_eq!(
            suggest("industry", Level::Top),
            Some(Target::Move("customer", "industry"))
        );
        assert_eq!(
            suggest("nmae", Level::Customer),
            Some(Target::Rename("name"))
        );
        assert_eq!(
            suggest("website", Level::Partner),
            Some(Target::Rename("domain"))
        );
        assert_eq!(
            suggest("domian", Level::Partner),
            Some(Target::Rename("domain"))
        );
    }

    #[test]
    fn site_and_unrelated_keys_are_left_alone() {
        for key in [
            "title",
            "date",
            "tags",
            "sidebar_position",
            "draft",
            "url",
            "Description",
            "hero_image",
            "weight",
        ] {
            assert_eq!(suggest(key, Level::Top), None, "{key}");
        }
        assert_eq!(suggest("visibility", Level::Top), None);
        assert_eq!(suggest("country", Level::Customer), None);
        assert_eq!(suggest("logo", Level::Partner), None);
    }
}
