//! The published page: real HTTP servers on 127.0.0.1 (httpmock, and a scripted one for
//! sequences), never the internet. Host names are mapped to 127.0.0.1 with `[web]
//! resolve`, so cross-domain redirects are real redirects between names.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use caselint::check::{Checker, DOMAIN, OFFLINE, PAGE_NUMBER, REACHABLE};
use caselint::config::{Config, Web};
use caselint::diagnostic::{FileReport, Severity};
use caselint::web::{FailureKind, Fetcher, PageInfo, USER_AGENT};
use httpmock::prelude::*;

const PAGE: &str = include_str!("../fixtures/web/acme-page.html");

fn settings(cache: &Path) -> Web {
    let mut web = Web {
        allow_private_addresses: true,
        require_https: false,
        timeout: 2.0,
        connect_timeout: 1.0,
        backoff_ms: 10,
        cache_dir: Some(cache.to_path_buf()),
        ..Web::default()
    };
    for host in [
        "www.partner.example",
        "blog.partner.example",
        "evil.example",
    ] {
        web.resolve
            .insert(host.to_string(), "127.0.0.1".parse().unwrap());
    }
    web
}

fn fetcher(cache: &Path) -> Fetcher {
    Fetcher::new(settings(cache), Some(cache.to_path_buf()))
}

fn checker(web: Web) -> Checker {
    let config = Config {
        web,
        ..Config::default()
    };
    let fetcher = Checker::fetcher_for(&config);
    Checker::new(config)
        .expect("checker")
        .with_today("2026-02-01".parse().unwrap())
        .with_web(Arc::new(fetcher))
}

fn info() -> PageInfo {
    PageInfo {
        visibility: "public".into(),
        customer_name: Some("Acme Dental Care".into()),
        partner_name: Some("BrightChair".into()),
        partner_domain: Some("partner.example".into()),
        ..PageInfo::default()
    }
}

fn rules(report: &FileReport) -> Vec<String> {
    report.diagnostics.iter().map(|d| d.rule.clone()).collect()
}

fn html_mock(server: &MockServer, path: &str, body: &str) {
    server.mock(|when, then| {
        when.method(GET).path(path);
        then.status(200)
            .header("content-type", "text/html; charset=utf-8")
            .body(body);
    });
}

#[test]
fn a_realistic_page_passes_and_is_cached() {
    let cache = tempfile::tempdir().unwrap();
    let server = MockServer::start();
    let page = server.mock(|when, then| {
        when.method(GET)
            .path("/customers/acme")
            .header("user-agent", USER_AGENT);
        then.status(200)
            .header("content-type", "text/html")
            .body(PAGE);
    });
    let url = format!(
        "http://www.partner.example:{}/customers/acme",
        server.port()
    );
    let report = checker(settings(cache.path())).check_url(&url, &info());
    let cs: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule.starts_with("CS-2.2"))
        .collect();
    assert!(cs.is_empty(), "{cs:#?}\n{}", report.source);
    assert!(!report.source.contains("cookies"), "{}", report.source);
    assert!(!report.source.contains("Products"), "{}", report.source);
    assert_eq!(page.calls(), 1);

    // A second run with a warm cache sends no request at all.
    let again = fetcher(cache.path());
    let fetched = again.fetch(&url);
    assert!(fetched.as_ref().as_ref().is_ok_and(|p| p.from_cache));
    assert_eq!(again.requests_sent(), 0);
    assert_eq!(page.calls(), 1);
}

#[test]
fn a_page_that_drops_the_partner_and_a_number_is_reported_on_the_draft() {
    let cache = tempfile::tempdir().unwrap();
    let server = MockServer::start();
    let html = "<html><body><main><h1>Acme Dental Care cuts no-shows</h1>\
        <p>Acme Dental Care struggled with manual reminder calls, a costly problem.</p>\
        <p>Amazon EventBridge Scheduler schedules every reminder for the clinics.</p>\
        <p>No-shows fell from 14% to 6%.</p></main></body></html>";
    html_mock(&server, "/customers/acme", html);
    let url = format!(
        "http://www.partner.example:{}/customers/acme",
        server.port()
    );
    let draft = std::fs::read_to_string("tests/fixtures/web/draft-public.md")
        .unwrap()
        .replace("PAGE_URL", &url);
    let checker = checker(settings(cache.path()));
    let report = checker.check_source(Path::new("draft.md"), draft.clone());
    let line_of = |offset: usize| draft[..offset].lines().count();
    let partner = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "CS-2.2/partner" && d.message.contains("published page"))
        .unwrap_or_else(|| panic!("{:#?}", report.diagnostics));
    assert!(partner.message.contains(&url));
    assert_eq!(line_of(partner.span.start), 8, "on the public_url line");
    let dropped: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == PAGE_NUMBER)
        .collect();
    assert_eq!(dropped.len(), 1, "{dropped:#?}");
    assert!(
        dropped[0].message.contains("$120,000"),
        "{}",
        dropped[0].message
    );
    assert_eq!(dropped[0].severity, Severity::Warning);
}

#[test]
fn redirects_are_checked_hop_by_hop() {
    let cache = tempfile::tempdir().unwrap();
    let server = MockServer::start();
    let port = server.port();
    server.mock(|when, then| {
        when.method(GET).path("/old");
        then.status(301).header(
            "location",
            format!("http://blog.partner.example:{port}/new"),
        );
    });
    server.mock(|when, then| {
        when.method(GET).path("/new");
        then.status(302)
            .header("location", format!("http://evil.example:{port}/landing"));
    });
    html_mock(&server, "/landing", PAGE);
    let url = format!("http://www.partner.example:{port}/old");
    let report = checker(settings(cache.path())).check_url(&url, &info());
    let domain: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == DOMAIN)
        .collect();
    assert_eq!(domain.len(), 1, "{:#?}", report.diagnostics);
    assert!(
        domain[0].message.contains("hop 3") && domain[0].message.contains("evil.example"),
        "{}",
        domain[0].message
    );

    // A loop ends after max_redirects, with a finding naming the hop.
    server.mock(|when, then| {
        when.method(GET).path("/loop");
        then.status(302).header("location", "/loop");
    });
    let looped = fetcher(cache.path()).fetch(&format!("http://www.partner.example:{port}/loop"));
    let failure = looped.as_ref().as_ref().unwrap_err();
    assert_eq!(failure.kind, FailureKind::Status);
    assert!(
        failure.to_string().contains("more than 10 redirects"),
        "{failure}"
    );
}

#[test]
fn slow_pages_time_out_without_hanging() {
    let cache = tempfile::tempdir().unwrap();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(GET).path("/slow");
        then.status(200)
            .header("content-type", "text/html")
            .delay(Duration::from_secs(5))
            .body(PAGE);
    });
    let mut web = settings(cache.path());
    web.timeout = 0.5;
    let started = Instant::now();
    let url = format!("http://www.partner.example:{}/slow", server.port());
    let report = checker(web).check_url(&url, &info());
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.rule == REACHABLE)
        .unwrap();
    assert!(
        d.message.contains("timeout") && d.message.contains(&url),
        "{}",
        d.message
    );
}

/// A server that answers each connection with the next scripted response (the last one
/// repeats): for 429-then-200 and 503-then-200 sequences.
fn scripted(responses: Vec<String>) -> (u16, std::thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = std::thread::spawn(move || {
        for (i, stream) in listener.incoming().enumerate() {
            let Ok(mut stream) = stream else { break };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let response = &responses[i.min(responses.len() - 1)];
            let _ = stream.write_all(response.as_bytes());
            if i + 1 >= responses.len() {
                break;
            }
        }
    });
    (port, handle)
}

fn response(status: &str, headers: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {status}\r\n{headers}content-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
}

#[test]
fn retries_honour_retry_after_and_back_off_on_5xx() {
    let cache = tempfile::tempdir().unwrap();
    let ok = response("200 OK", "content-type: text/html\r\n", PAGE);
    let (port, server) = scripted(vec![
        response("429 Too Many Requests", "retry-after: 1\r\n", ""),
        ok.clone(),
    ]);
    let f = fetcher(cache.path());
    let started = Instant::now();
    let got = f.fetch(&format!("http://www.partner.example:{port}/a"));
    assert!(got.as_ref().is_ok(), "{:?}", got.as_ref().as_ref().err());
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "Retry-After honoured"
    );
    assert_eq!(f.requests_sent(), 2);
    server.join().unwrap();

    let (port, server) = scripted(vec![
        response("503 Service Unavailable", "", ""),
        response("502 Bad Gateway", "", ""),
        ok,
    ]);
    let f = fetcher(cache.path());
    let got = f.fetch(&format!("http://www.partner.example:{port}/b"));
    assert!(got.as_ref().is_ok(), "{:?}", got.as_ref().as_ref().err());
    assert_eq!(f.requests_sent(), 3);
    server.join().unwrap();
}

#[test]
fn errors_are_findings_and_never_cached() {
    let cache = tempfile::tempdir().unwrap();
    let server = MockServer::start();
    let broken = server.mock(|when, then| {
        when.method(GET).path("/broken");
        then.status(500);
    });
    let mut web = settings(cache.path());
    web.retries = 0;
    let url = format!("http://www.partner.example:{}/broken", server.port());
    for _ in 0..2 {
        let f = Fetcher::new(web.clone(), Some(cache.path().to_path_buf()));
        let failure = f.fetch(&url).as_ref().clone().unwrap_err();
        assert!(failure.to_string().contains("500"), "{failure}");
    }
    assert_eq!(broken.calls(), 2, "a failure is asked again next run");
}

#[test]
fn huge_bodies_and_wrong_content_types_are_refused() {
    let cache = tempfile::tempdir().unwrap();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(GET).path("/huge");
        then.status(200)
            .header("content-type", "text/html")
            .body("<p>x</p>".repeat(300_000));
    });
    server.mock(|when, then| {
        when.method(GET).path("/pdf");
        then.status(200)
            .header("content-type", "application/pdf")
            .body("%PDF-1.7");
    });
    let mut web = settings(cache.path());
    web.max_body_bytes = 1_000_000;
    let f = Fetcher::new(web, None);
    let huge = f.fetch(&format!(
        "http://www.partner.example:{}/huge",
        server.port()
    ));
    let failure = huge.as_ref().as_ref().unwrap_err();
    assert_eq!(failure.kind, FailureKind::Content);
    assert!(failure.what.contains("limit"), "{failure}");
    let pdf = f.fetch(&format!("http://www.partner.example:{}/pdf", server.port()));
    let failure = pdf.as_ref().as_ref().unwrap_err();
    assert!(failure.what.contains("application/pdf"), "{failure}");
}

#[test]
fn private_addresses_are_refused_unless_allowed() {
    let cache = tempfile::tempdir().unwrap();
    let server = MockServer::start();
    let mock = server.mock(|when, then| {
        when.method(GET);
        then.status(200)
            .header("content-type", "text/html")
            .body(PAGE);
    });
    let mut web = settings(cache.path());
    web.allow_private_addresses = false;
    let f = Fetcher::new(web, None);
    let got = f.fetch(&server.url("/x"));
    let failure = got.as_ref().as_ref().unwrap_err();
    assert_eq!(failure.kind, FailureKind::Policy);
    assert!(failure.what.contains("127.0.0.1"), "{failure}");
    let ftp = f.fetch("ftp://www.partner.example/x");
    assert!(
        ftp.as_ref()
            .as_ref()
            .unwrap_err()
            .what
            .contains("only http and https")
    );
    assert_eq!(mock.calls(), 0);
}

#[test]
fn offline_uses_the_cache_and_a_miss_is_a_note() {
    let cache = tempfile::tempdir().unwrap();
    let server = MockServer::start();
    html_mock(&server, "/customers/acme", PAGE);
    let url = format!(
        "http://www.partner.example:{}/customers/acme",
        server.port()
    );
    let mut web = settings(cache.path());
    web.offline = true;
    let missed = checker(web.clone()).check_url(&url, &info());
    let note = missed
        .diagnostics
        .iter()
        .find(|d| d.rule == OFFLINE)
        .unwrap();
    assert_eq!(note.severity, Severity::Warning);

    assert!(fetcher(cache.path()).fetch(&url).as_ref().is_ok());
    let offline = Fetcher::new(web.clone(), Some(cache.path().to_path_buf()));
    assert!(offline.fetch(&url).as_ref().is_ok());
    assert_eq!(offline.requests_sent(), 0);
}

#[test]
fn a_saved_public_page_is_checked_like_a_fetched_one() {
    let path = PathBuf::from("tests/fixtures/web/saved-anonymous-page.md");
    let checker = Checker::new(Config::default())
        .unwrap()
        .with_today("2026-02-01".parse().unwrap());
    let report = checker.check_file(&path);
    let got = rules(&report);
    assert!(
        got.contains(&"CS-2.3/customer-name-leak".to_string()),
        "{got:?}"
    );
    for rule in [
        "CS-2.2/customer",
        "CS-2.2/partner",
        "CS-2.2/challenge",
        "CS-2.2/aws-usage",
        "CS-2.2/outcome",
    ] {
        assert!(
            !got.iter().any(|r| r == rule),
            "{rule}: {:#?}",
            report.diagnostics
        );
    }
}
