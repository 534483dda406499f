//! Fetching a published page: one blocking reqwest client (rustls with ring), redirects
//! followed by hand so every hop is checked, retries with exponential backoff and jitter
//! on 429 and 5xx (honouring `Retry-After`), limits on requests in flight overall and per
//! host, a body size limit, a content-type check, and the on-disk cache.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::io::Read;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::Duration;

use reqwest::blocking::{Client, Response};
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, LOCATION, RETRY_AFTER};
use serde::{Deserialize, Serialize};
use url::Url;

use super::cache::Cache;
use super::policy::is_non_public;
use crate::config::Web;

/// One request of a redirect chain: the URL asked and the status it answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hop {
    pub url: String,
    pub status: u16,
}

/// A page fetched (or read from the cache).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Page {
    /// The URL asked for.
    pub url: String,
    /// Every request made, the last one answering `status` with the page.
    pub hops: Vec<Hop>,
    pub status: u16,
    pub content_type: String,
    pub body: String,
    /// Seconds since the Unix epoch.
    pub fetched_at: i64,
    #[serde(skip)]
    pub from_cache: bool,
}

impl Page {
    pub fn final_url(&self) -> &str {
        self.hops
            .last()
            .map_or(self.url.as_str(), |h| h.url.as_str())
    }
}

/// What went wrong, in kinds a finding can be chosen by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// The URL or a hop is not allowed (scheme, address).
    Policy,
    /// No answer: DNS, connection, TLS, timeout.
    Network,
    /// An answer that is not a page: 4xx, 5xx, too many redirects.
    Status,
    /// An answer that is not HTML, or too big.
    Content,
    /// `--offline` and the page is not in the cache.
    Offline,
}

/// Why a page could not be fetched: which hop (1-based), its URL and what happened.
#[derive(Debug, Clone)]
pub struct Failure {
    pub kind: FailureKind,
    pub hop: usize,
    pub hop_url: String,
    pub what: String,
    /// The hops answered before the failure.
    pub hops: Vec<Hop>,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.hop <= 1 {
            write!(f, "`{}`: {}", self.hop_url, self.what)
        } else {
            write!(
                f,
                "redirect hop {} (`{}`): {}",
                self.hop, self.hop_url, self.what
            )
        }
    }
}

pub type Fetched = Result<Page, Failure>;

/// Requests in flight: at most `total`, and `per_host` to one host.
struct Limiter {
    state: Mutex<(usize, HashMap<String, usize>)>,
    freed: Condvar,
    total: usize,
    per_host: usize,
}

struct Permit<'a> {
    limiter: &'a Limiter,
    host: String,
}

impl Limiter {
    fn acquire(&self, host: &str) -> Permit<'_> {
        // A poisoned lock only means another thread panicked while counting: the counts
        // are still usable.
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let on_host = state.1.get(host).copied().unwrap_or(0);
            if state.0 < self.total && on_host < self.per_host {
                state.0 += 1;
                *state.1.entry(host.to_string()).or_insert(0) += 1;
                return Permit {
                    limiter: self,
                    host: host.to_string(),
                };
            }
            state = self.freed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut state = self.limiter.state.lock().unwrap_or_else(|e| e.into_inner());
        state.0 = state.0.saturating_sub(1);
        if let Some(n) = state.1.get_mut(&self.host) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                state.1.remove(&self.host);
            }
        }
        self.limiter.freed.notify_all();
    }
}

/// Fetches pages for one run. Each URL is fetched once per run (concurrent callers of
/// the same URL wait for the first), then kept on disk for the cache's TTL.
pub struct Fetcher {
    /// Built on the first fetch: most runs fetch nothing, and building a client loads the
    /// system's certificates and starts a thread.
    client: OnceLock<Result<Client, String>>,
    settings: Web,
    cache: Option<Cache>,
    limiter: Limiter,
    memo: Mutex<HashMap<String, Arc<OnceLock<Arc<Fetched>>>>>,
    requests: AtomicUsize,
    /// Say on stderr what is being fetched when a fetch takes long (only on a terminal).
    progress: bool,
}

/// How long a fetch runs before progress is shown.
const PROGRESS_AFTER: Duration = Duration::from_secs(1);

/// The user agent names caselint and its version, so a site owner knows who asks.
pub const USER_AGENT: &str = concat!(
    "caselint/",
    env!("CARGO_PKG_VERSION"),
    " (+https://github.com/caselint/caselint)"
);

/// Installs rustls's ring provider for the process. reqwest is built without a provider
/// (`rustls-no-provider`) so that only ring is compiled in; it must be installed before
/// the first client is built. Installing twice is harmless (the second call is refused).
pub fn install_crypto_provider() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

impl Fetcher {
    /// A fetcher for one run; its client is built on the first fetch.
    pub fn new(settings: Web, cache_dir: Option<std::path::PathBuf>) -> Fetcher {
        let cache = match cache_dir {
            Some(dir) if settings.cache_ttl > 0 || settings.offline => {
                Some(Cache::new(dir, settings.cache_ttl))
            }
            _ => None,
        };
        Fetcher {
            client: OnceLock::new(),
            limiter: Limiter {
                state: Mutex::new((0, HashMap::new())),
                freed: Condvar::new(),
                total: settings.concurrency.max(1),
                per_host: settings.per_host.max(1),
            },
            settings,
            cache,
            memo: Mutex::new(HashMap::new()),
            requests: AtomicUsize::new(0),
            progress: false,
        }
    }

    /// The one place a client is built. A client that cannot be built (no TLS roots, say)
    /// is reported on every fetch, never a panic.
    fn client(&self) -> &Result<Client, String> {
        self.client.get_or_init(|| {
            install_crypto_provider();
            let settings = &self.settings;
            let mut builder = Client::builder()
                .user_agent(USER_AGENT)
                .redirect(reqwest::redirect::Policy::none())
                .connect_timeout(seconds(settings.connect_timeout))
                .timeout(seconds(settings.timeout))
                .pool_max_idle_per_host(settings.per_host.max(1));
            for (host, ip) in &settings.resolve {
                builder = builder.resolve(host, SocketAddr::new(*ip, 0));
            }
            builder
                .build()
                .map_err(|e| format!("cannot set up HTTPS: {}", chain(&e)))
        })
    }

    /// Shows `caselint: fetching URL… 3 s` on stderr while a fetch takes over a second.
    /// The caller decides (stderr is a terminal, not `--quiet`).
    pub fn with_progress(mut self, progress: bool) -> Fetcher {
        self.progress = progress;
        self
    }

    /// The pages of this run that came from the on-disk cache, with when each was fetched
    /// (seconds since the Unix epoch), sorted by URL.
    pub fn served_from_cache(&self) -> Vec<(String, i64)> {
        let memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        let mut out: Vec<(String, i64)> = memo
            .iter()
            .filter_map(|(url, cell)| match cell.get().map(|f| f.as_ref()) {
                Some(Ok(page)) if page.from_cache => Some((url.clone(), page.fetched_at)),
                _ => None,
            })
            .collect();
        out.sort();
        out
    }

    pub fn settings(&self) -> &Web {
        &self.settings
    }

    /// HTTP requests sent so far (retries and redirect hops each count).
    pub fn requests_sent(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }

    /// The page at `url`, from this run's memory, the disk cache or the network.
    pub fn fetch(&self, url: &str) -> Arc<Fetched> {
        let cell = {
            let mut memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
            memo.entry(url.to_string()).or_default().clone()
        };
        cell.get_or_init(|| Arc::new(self.fetch_uncached(url)))
            .clone()
    }

    /// Fetches many pages at once, `concurrency` at a time (per-host limits still apply);
    /// results in the order of `urls`.
    pub fn fetch_all(&self, urls: &[String]) -> Vec<Arc<Fetched>> {
        let next = AtomicUsize::new(0);
        let results: Mutex<Vec<Option<Arc<Fetched>>>> = Mutex::new(vec![None; urls.len()]);
        let workers = self.settings.concurrency.clamp(1, urls.len().max(1));
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(url) = urls.get(i) else { break };
                        let fetched = self.fetch(url);
                        results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(fetched);
                    }
                });
            }
        });
        results
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .zip(urls)
            .map(|(r, url)| r.unwrap_or_else(|| self.fetch(url)))
            .collect()
    }

    fn fetch_uncached(&self, url: &str) -> Fetched {
        if self.settings.offline {
            return match self.cache.as_ref().and_then(|c| c.get(url, false)) {
                Some(page) => Ok(page),
                None => Err(Failure {
                    kind: FailureKind::Offline,
                    hop: 1,
                    hop_url: url.to_string(),
                    what: "not in the cache, and --offline forbids the network".to_string(),
                    hops: Vec::new(),
                }),
            };
        }
        if !self.settings.refresh
            && let Some(page) = self.cache.as_ref().and_then(|c| c.get(url, true))
        {
            return Ok(page);
        }
        let fetched = if self.progress {
            with_progress(url, || self.fetch_network(url))
        } else {
            self.fetch_network(url)
        };
        // Errors are never cached: the next run asks again.
        if let (Ok(page), Some(cache)) = (&fetched, &self.cache) {
            cache.put(page);
        }
        fetched
    }

    fn fetch_network(&self, url: &str) -> Fetched {
        let mut hops: Vec<Hop> = Vec::new();
        let mut current = url.to_string();
        let fail = |kind, hops: &[Hop], at: &str, what: String| Failure {
            kind,
            hop: hops.len() + 1,
            hop_url: at.to_string(),
            what,
            hops: hops.to_vec(),
        };
        loop {
            let parsed = match Url::parse(&current) {
                Ok(u) => u,
                Err(e) => {
                    return Err(fail(
                        FailureKind::Policy,
                        &hops,
                        &current,
                        format!("not a valid URL ({e})"),
                    ));
                }
            };
            if let Err(what) = self.allowed(&parsed) {
                return Err(fail(FailureKind::Policy, &hops, &current, what));
            }
            let client = match self.client() {
                Ok(c) => c,
                Err(e) => return Err(fail(FailureKind::Network, &hops, &current, e.clone())),
            };
            let host = parsed.host_str().unwrap_or_default().to_string();
            let (response, _permit) = self
                .send(client, &parsed, &host)
                .map_err(|(kind, what)| fail(kind, &hops, &current, what))?;
            let status = response.status();
            hops.push(Hop {
                url: current.clone(),
                status: status.as_u16(),
            });
            if status.is_redirection() && status != reqwest::StatusCode::NOT_MODIFIED {
                let Some(location) = response
                    .headers()
                    .get(LOCATION)
                    .and_then(|v| v.to_str().ok())
                else {
                    return Err(fail(
                        FailureKind::Status,
                        &hops[..hops.len() - 1],
                        &current,
                        format!("HTTP {status} without a Location header"),
                    ));
                };
                let next = match parsed.join(location) {
                    Ok(next) => next.to_string(),
                    Err(e) => {
                        return Err(fail(
                            FailureKind::Status,
                            &hops[..hops.len() - 1],
                            &current,
                            format!("redirects to `{location}`, which is not a URL ({e})"),
                        ));
                    }
                };
                if hops.len() > self.settings.max_redirects {
                    return Err(fail(
                        FailureKind::Status,
                        &hops[..hops.len() - 1],
                        &current,
                        format!(
                            "more than {} redirects; the chain goes on to `{next}`",
                            self.settings.max_redirects
                        ),
                    ));
                }
                current = next;
                continue;
            }
            let before = &hops[..hops.len() - 1];
            if !status.is_success() {
                return Err(fail(
                    FailureKind::Status,
                    before,
                    &current,
                    format!("the server answered HTTP {status}"),
                ));
            }
            let content_type = response
                .headers()
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string();
            let mime = content_type
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase();
            if !mime.is_empty() && !matches!(mime.as_str(), "text/html" | "application/xhtml+xml") {
                return Err(fail(
                    FailureKind::Content,
                    before,
                    &current,
                    format!(
                        "the server sent `{mime}`, not an HTML page: give the URL of the case study's web page"
                    ),
                ));
            }
            let body = self
                .read_body(response)
                .map_err(|what| fail(FailureKind::Content, before, &current, what))?;
            if mime.is_empty() && !looks_like_html(&body) {
                return Err(fail(
                    FailureKind::Content,
                    before,
                    &current,
                    "the server sent no content type and the body is not HTML".to_string(),
                ));
            }
            let body = decode(&body, &content_type);
            return Ok(Page {
                url: url.to_string(),
                hops,
                status: status.as_u16(),
                content_type,
                body,
                fetched_at: jiff::Timestamp::now().as_second(),
                from_cache: false,
            });
        }
    }

    /// Only http and https, and (unless allowed) no private, loopback or link-local
    /// address: a public case study never lives inside a network, and a URL written by
    /// someone else must not make caselint probe one.
    fn allowed(&self, url: &Url) -> Result<(), String> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!(
                "`{}:` URLs are not fetched: only http and https",
                url.scheme()
            ));
        }
        let Some(host) = url.host_str() else {
            return Err("the URL has no host".to_string());
        };
        if self.settings.allow_private_addresses {
            return Ok(());
        }
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let addresses: Vec<IpAddr> = if let Ok(ip) = bare.parse::<IpAddr>() {
            vec![ip]
        } else if let Some(ip) = self.settings.resolve.get(host) {
            vec![*ip]
        } else {
            lookup(
                host,
                url.port_or_known_default().unwrap_or(443),
                seconds(self.settings.connect_timeout),
            )?
        };
        match addresses.iter().find(|ip| is_non_public(**ip)) {
            Some(ip) => Err(format!(
                "`{host}` resolves to {ip}, a private, loopback or link-local address: not fetched (set `allow_private_addresses = true` under [web] to allow it)"
            )),
            None => Ok(()),
        }
    }

    /// One request with its retries. The permit is held until the body is read.
    fn send(
        &self,
        client: &Client,
        url: &Url,
        host: &str,
    ) -> Result<(Response, Permit<'_>), (FailureKind, String)> {
        let mut attempt: u32 = 0;
        loop {
            let permit = self.limiter.acquire(host);
            self.requests.fetch_add(1, Ordering::Relaxed);
            let sent = client
                .get(url.clone())
                .header(
                    reqwest::header::ACCEPT,
                    "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
                )
                .send();
            let retry_wait = match &sent {
                Ok(response) => {
                    let status = response.status();
                    if status.as_u16() == 429 || matches!(status.as_u16(), 500 | 502 | 503 | 504) {
                        Some(retry_after(response).unwrap_or_else(|| self.backoff(attempt)))
                    } else {
                        None
                    }
                }
                // A timeout is not retried: the configured timeout bounds the wait.
                Err(e) if e.is_connect() && !e.is_timeout() => Some(self.backoff(attempt)),
                Err(_) => None,
            };
            match (sent, retry_wait) {
                (Ok(response), Some(wait)) if attempt < self.settings.retries => {
                    if wait.as_secs_f64() > self.settings.max_retry_after {
                        return Err((
                            FailureKind::Status,
                            format!(
                                "the server answered HTTP {} and asked to wait {:.0} s before retrying, more than the {:.0} s allowed (max_retry_after)",
                                response.status(),
                                wait.as_secs_f64(),
                                self.settings.max_retry_after
                            ),
                        ));
                    }
                    drop(response);
                    drop(permit);
                    std::thread::sleep(wait);
                }
                (Err(_), Some(wait)) if attempt < self.settings.retries => {
                    drop(permit);
                    std::thread::sleep(wait);
                }
                (Ok(response), Some(_)) => {
                    return Err((
                        FailureKind::Status,
                        format!(
                            "the server answered HTTP {} after {} attempts",
                            response.status(),
                            attempt + 1
                        ),
                    ));
                }
                (Ok(response), None) => return Ok((response, permit)),
                (Err(e), _) => {
                    return Err((FailureKind::Network, self.describe(&e, host, attempt + 1)));
                }
            }
            attempt += 1;
        }
    }

    /// Exponential backoff with full jitter: a random wait in [base·2ⁿ/2, base·2ⁿ], so
    /// many clients retrying together spread out.
    fn backoff(&self, attempt: u32) -> Duration {
        let base = self
            .settings
            .backoff_ms
            .saturating_mul(1 << attempt.min(10));
        let jitter = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish()
            % (base / 2 + 1);
        Duration::from_millis(base / 2 + jitter)
    }

    fn read_body(&self, response: Response) -> Result<Vec<u8>, String> {
        let limit = self.settings.max_body_bytes;
        if let Some(length) = response
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok())
            && length > limit
        {
            return Err(format!(
                "the page is {length} bytes, over the {limit}-byte limit (max_body_bytes)"
            ));
        }
        let mut body = Vec::new();
        response
            .take(limit + 1)
            .read_to_end(&mut body)
            .map_err(|e| {
                if is_timeout_io(&e) {
                    format!(
                        "timed out after {} s while reading the page",
                        self.settings.timeout
                    )
                } else {
                    format!("the connection failed while reading the page: {e}")
                }
            })?;
        if body.len() as u64 > limit {
            return Err(format!(
                "the page is over the {limit}-byte limit (max_body_bytes)"
            ));
        }
        Ok(body)
    }

    fn describe(&self, e: &reqwest::Error, host: &str, attempts: u32) -> String {
        let tries = if attempts > 1 {
            format!(" (after {attempts} attempts)")
        } else {
            String::new()
        };
        let details = chain(e).to_ascii_lowercase();
        if details.contains("dns error") || details.contains("failed to lookup address") {
            return not_found(host);
        }
        if e.is_timeout() {
            format!(
                "no answer within the timeout ({} s to connect, {} s in all){tries}",
                self.settings.connect_timeout, self.settings.timeout
            )
        } else if e.is_connect() {
            format!("could not connect: {}{tries}", chain(e))
        } else {
            format!("the request failed: {}{tries}", chain(e))
        }
    }
}

/// `Retry-After` as seconds or an HTTP date.
fn retry_after(response: &Response) -> Option<Duration> {
    let value = response.headers().get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
    let wait = when.as_second() - jiff::Timestamp::now().as_second();
    Some(Duration::from_secs(wait.max(0) as u64))
}

/// DNS lookup bounded by the connect timeout: the system resolver has no timeout of its
/// own, and no lookup may hang a run.
fn lookup(host: &str, port: u16, timeout: Duration) -> Result<Vec<IpAddr>, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    let target = format!("{host}:{port}");
    std::thread::spawn(move || {
        let result = target
            .to_socket_addrs()
            .map(|addrs| addrs.map(|a| a.ip()).collect::<Vec<_>>());
        let _ = tx.send(result);
    });
    match rx.recv_timeout(timeout) {
        Ok(Ok(addrs)) if !addrs.is_empty() => Ok(addrs),
        Ok(Ok(_)) | Ok(Err(_)) => Err(not_found(host)),
        Err(_) => Err(format!(
            "the DNS lookup of `{host}` took more than {} s",
            timeout.as_secs_f64()
        )),
    }
}

/// The one sentence for a name that does not resolve: the resolver's own words
/// ("failed to lookup address information: Name or service not known") help nobody.
fn not_found(host: &str) -> String {
    format!("could not find the server {host}: check the address or your connection")
}

/// Runs `fetch`, and while it takes longer than [`PROGRESS_AFTER`] keeps one line on
/// stderr saying what is fetched and for how long; the line is cleared when it ends.
fn with_progress<T>(url: &str, fetch: impl FnOnce() -> T) -> T {
    let done = std::sync::Arc::new((Mutex::new(false), Condvar::new()));
    let ticker = {
        let done = done.clone();
        let url = url.to_string();
        std::thread::spawn(move || {
            let started = std::time::Instant::now();
            let (lock, wake) = &*done;
            let mut finished = lock.lock().unwrap_or_else(|e| e.into_inner());
            let mut shown = false;
            loop {
                let wait = if shown {
                    Duration::from_secs(1)
                } else {
                    PROGRESS_AFTER
                };
                finished = wake
                    .wait_timeout(finished, wait)
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
                if *finished {
                    break;
                }
                shown = true;
                eprint!(
                    "\r\x1b[2Kcaselint: fetching {url} ({} s)",
                    started.elapsed().as_secs()
                );
            }
            if shown {
                eprint!("\r\x1b[2K");
            }
        })
    };
    let result = fetch();
    let (lock, wake) = &*done;
    *lock.lock().unwrap_or_else(|e| e.into_inner()) = true;
    wake.notify_all();
    let _ = ticker.join();
    result
}

fn seconds(s: f64) -> Duration {
    Duration::from_secs_f64(if s.is_finite() && s > 0.0 { s } else { 1.0 })
}

fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(inner) = source {
        let more = inner.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = inner.source();
    }
    text
}

fn is_timeout_io(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::TimedOut || chain(e).contains("timed out")
}

fn looks_like_html(body: &[u8]) -> bool {
    let start: Vec<u8> = body.iter().take(512).map(u8::to_ascii_lowercase).collect();
    let text = String::from_utf8_lossy(&start);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with("<!doctype html") || text.starts_with("<html") || text.contains("<body")
}

/// Bytes to text: UTF-8 unless the content type says Latin-1 / Windows-1252 (read byte
/// for byte, close enough for finding names and numbers).
fn decode(body: &[u8], content_type: &str) -> String {
    let lower = content_type.to_ascii_lowercase();
    let charset = lower
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .next()
        .unwrap_or("utf-8")
        .trim_matches('"');
    match charset {
        "iso-8859-1" | "latin1" | "windows-1252" | "us-ascii" => {
            body.iter().map(|&b| b as char).collect()
        }
        _ => String::from_utf8_lossy(body).into_owned(),
    }
}
