//! The network options of the real binary, against servers on 127.0.0.1 only: the cache's
//! TTL from the config, `--refresh`, the note saying a page came from the cache, and a
//! name that does not resolve said in one plain sentence.

use crate::common;

use common::caselint;
use httpmock::prelude::*;

const PAGE: &str = include_str!("../fixtures/web/acme-page.html");

fn config(dir: &std::path::Path, ttl: &str, allow_private: bool) {
    let text = format!(
        "[web]\nallow_private_addresses = {allow_private}\nrequire_https = false\ntimeout = 3.0\n\
         connect_timeout = 2.0\nretries = 0\ncache_ttl = {ttl}\ncache_dir = \"cache\"\n\
         [web.resolve]\n\"www.partner.example\" = \"127.0.0.1\"\n"
    );
    std::fs::write(dir.join("caselint.toml"), text).expect("config");
}

/// The fixture page at /customers/acme on `server`, and its address under the partner's
/// name (which the config resolves to 127.0.0.1).
fn serve_page(server: &MockServer) -> (httpmock::Mock<'_>, String) {
    let page = server.mock(|when, then| {
        when.method(GET).path("/customers/acme");
        then.status(200)
            .header("content-type", "text/html")
            .body(PAGE);
    });
    let url = format!(
        "http://www.partner.example:{}/customers/acme",
        server.port()
    );
    (page, url)
}

fn check_url(dir: &std::path::Path, url: &str, extra: &[&str]) -> (i32, String, String) {
    let output = caselint()
        .current_dir(dir)
        .args([
            "check-url",
            url,
            "--today",
            "2026-02-01",
            "--customer",
            "Acme Dental Care",
        ])
        .args(["--partner", "BrightChair"])
        .args(extra)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn the_cache_is_said_refreshed_on_request_and_its_ttl_configured() {
    let dir = tempfile::tempdir().expect("tempdir");
    config(dir.path(), "\"24h\"", true);
    let server = MockServer::start();
    let (page, url) = serve_page(&server);

    let (_, _, first) = check_url(dir.path(), &url, &[]);
    assert_eq!(page.calls(), 1);
    assert!(!first.contains("from the cache"), "{first}");
    assert!(
        !first.contains("fetching"),
        "no progress off a terminal: {first}"
    );

    let (_, _, second) = check_url(dir.path(), &url, &[]);
    assert_eq!(page.calls(), 1, "served from the cache");
    assert!(
        second.contains(&format!("{url} was read from the cache (fetched"))
            && second.contains("--refresh fetches it again"),
        "{second}"
    );
    let (_, _, quiet) = check_url(dir.path(), &url, &["-q"]);
    assert!(quiet.is_empty(), "{quiet}");

    let (_, _, refreshed) = check_url(dir.path(), &url, &["--refresh"]);
    assert_eq!(page.calls(), 2, "--refresh asks the server again");
    assert!(!refreshed.contains("from the cache"), "{refreshed}");

    // A TTL of 0 seconds turns the cache off.
    config(dir.path(), "\"0s\"", true);
    check_url(dir.path(), &url, &[]);
    assert_eq!(page.calls(), 3);

    // A TTL that is not a duration is a configuration error.
    config(dir.path(), "\"soon\"", true);
    let (code, _, stderr) = check_url(dir.path(), &url, &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a duration"), "{stderr}");
}

#[test]
fn a_name_that_does_not_resolve_is_one_plain_sentence() {
    let dir = tempfile::tempdir().expect("tempdir");
    config(dir.path(), "\"1h\"", false);
    // `.invalid` never resolves (RFC 2606): the lookup fails on this machine, no request
    // leaves it.
    let (code, stdout, _) = check_url(dir.path(), "https://www.caselint-test.invalid/acme", &[]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains(
            "could not find the server www.caselint-test.invalid: check the address or your connection"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains("lookup address"), "{stdout}");
}

#[test]
fn verbose_lists_what_the_page_shows_for_each_detail_met() {
    let dir = tempfile::tempdir().expect("tempdir");
    config(dir.path(), "\"0s\"", true);
    let server = MockServer::start();
    let (_, url) = serve_page(&server);
    let (_, plain, _) = check_url(dir.path(), &url, &["--color", "never"]);
    assert!(!plain.contains("ok CS-2.2/customer"), "{plain}");
    let (_, verbose, _) = check_url(dir.path(), &url, &["--color", "never", "--verbose"]);
    assert!(verbose.contains("ok CS-2.2/customer"), "{verbose}");
    assert!(verbose.contains("ok CS-2.2/outcome (line"), "{verbose}");
}
