//! The on-disk page cache: one JSON file per URL, named by a hash of the URL. Only pages
//! fetched successfully are stored (errors are never cached); a page older than the TTL
//! is fetched again, except with `--offline`, which reads whatever the cache holds.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::fetch::Page;

pub struct Cache {
    dir: PathBuf,
    ttl: u64,
}

/// Where pages are cached when the config does not say: `$XDG_CACHE_HOME/caselint/web`,
/// else `~/.cache/caselint/web` (the XDG default on every platform, so one rule to document).
pub fn default_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".cache"))
        })?;
    Some(base.join("caselint").join("web"))
}

impl Cache {
    pub fn new(dir: PathBuf, ttl: u64) -> Cache {
        Cache { dir, ttl }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn file(&self, url: &str) -> PathBuf {
        self.dir
            .join(format!("{:016x}.json", fnv1a(url.as_bytes())))
    }

    /// The cached page for `url`; with `fresh`, only if younger than the TTL. A cache file
    /// that cannot be read is a miss, never an error.
    pub fn get(&self, url: &str, fresh: bool) -> Option<Page> {
        let text = std::fs::read_to_string(self.file(url)).ok()?;
        let mut page: Page = serde_json::from_str(&text).ok()?;
        if page.url != url {
            return None; // a hash collision
        }
        let age = jiff::Timestamp::now().as_second() - page.fetched_at;
        if fresh && (age < 0 || age as u64 >= self.ttl) {
            return None;
        }
        page.from_cache = true;
        Some(page)
    }

    /// Stores a page: written to a temporary file then renamed, so a reader never sees half
    /// a file. Failing to write the cache only costs a fetch next time: ignored.
    pub fn put(&self, page: &Page) {
        let _ = (|| -> std::io::Result<()> {
            std::fs::create_dir_all(&self.dir)?;
            let mut tmp = tempfile::NamedTempFile::new_in(&self.dir)?;
            let json = serde_json::to_vec(page).map_err(std::io::Error::other)?;
            tmp.write_all(&json)?;
            tmp.persist(self.file(&page.url)).map_err(|e| e.error)?;
            Ok(())
        })();
    }
}

/// FNV-1a: a stable hash across Rust versions (file names must not change between
/// releases).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}
