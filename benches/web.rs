//! Checking published pages: 100 URLs on a local server (httpmock on 127.0.0.1), fetched,
//! converted and checked with every rule; then a second run with a warm cache, which must
//! send no request at all.
//!
//! `cargo bench --bench web`

use std::sync::Arc;
use std::time::Instant;

use caselint::check::Checker;
use caselint::config::{Config, Web};
use caselint::web::{Fetcher, PageInfo};
use httpmock::prelude::*;
use rayon::prelude::*;

const PAGE: &str = include_str!("../tests/fixtures/web/acme-page.html");
const URLS: usize = 100;

fn run(config: &Config, urls: &[String]) -> (std::time::Duration, usize, usize) {
    let started = Instant::now();
    let fetcher = Arc::new(Checker::fetcher_for(config));
    let checker = Checker::new(config.clone())
        .expect("checker")
        .with_web(fetcher.clone());
    let info = PageInfo {
        visibility: "public".into(),
        customer_name: Some("Acme Dental Care".into()),
        partner_name: Some("BrightChair".into()),
        partner_domain: Some("partner.example".into()),
        ..PageInfo::default()
    };
    // Fetch all at once (bounded overall and per host), then check in parallel.
    fetcher.fetch_all(urls);
    let findings: usize = urls
        .par_iter()
        .map(|url| checker.check_url(url, &info).diagnostics.len())
        .sum();
    (started.elapsed(), fetcher.requests_sent(), findings)
}

fn main() {
    let server = MockServer::start();
    let mock = server.mock(|when, then| {
        when.method(GET);
        then.status(200)
            .header("content-type", "text/html; charset=utf-8")
            .body(PAGE);
    });
    let cache = tempfile::tempdir().expect("temp dir");
    let mut web = Web {
        allow_private_addresses: true,
        require_https: false,
        cache_dir: Some(cache.path().to_path_buf()),
        ..Web::default()
    };
    web.resolve
        .insert("www.partner.example".into(), "127.0.0.1".parse().unwrap());
    let config = Config {
        web,
        ..Config::default()
    };
    let urls: Vec<String> = (0..URLS)
        .map(|i| {
            format!(
                "http://www.partner.example:{}/customers/story-{i}",
                server.port()
            )
        })
        .collect();
    // Warm the process (name automaton, TLS provider) outside the timing.
    drop(Fetcher::new(Web::default(), None));

    let (cold, sent, findings) = run(&config, &urls);
    let served = mock.calls();
    println!(
        "cold cache: {URLS} URLs fetched and checked in {:.0} ms ({sent} requests, {served} served, {findings} findings)",
        cold.as_secs_f64() * 1000.0
    );
    let (warm, sent_warm, _) = run(&config, &urls);
    println!(
        "warm cache: {URLS} URLs checked in {:.0} ms ({sent_warm} requests sent, {} served)",
        warm.as_secs_f64() * 1000.0,
        mock.calls() - served
    );
    assert_eq!(sent_warm, 0, "a warm cache sends no request");
    assert_eq!(mock.calls(), served, "a warm cache sends no request");
    if cold.as_secs_f64() >= 1.0 {
        eprintln!("warning: over the 1 s budget");
    }
}
