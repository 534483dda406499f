//! `caselint.toml`: found by walking up from the checked path (or named with `--config`);
//! command-line flags override it.
//!
//! ```toml
//! [rules]                       # per rule or family: "off" | "warning" | "error"
//! "DOC-003/first-mention" = "warning"
//!
//! [files]
//! include = ["docs/**/*.md"]    # globs, relative to the folder being walked
//! exclude = ["docs/legacy/**"]
//! max_file_size = 10485760      # bytes
//!
//! [naming]
//! accept = ["Acme Cloud Connector"]   # extra terms that are always right
//! bare_short_names = true             # "S3" after a full mention is fine
//! partition = "aws"                   # or "aws-cn": every "AWS X" is "Amazon X"
//! products = ["our-products.toml"]    # extra lexicon records, relative to this file
//!
//! [checklist]
//! profile = "smb-2026-02.toml"        # another checklist version (default: built in)
//!
//! [spelling]
//! dialect = "en-US"                   # or "en-GB", "en-AU", "en-CA" (default: by evidence)
//! accept = ["Acmeflow", "kubelet"]    # words never flagged (case ignored)
//! exclude = ["docs/legacy/**"]        # files where DOC-003/spelling is off
//!
//! [grammar]
//! exclude = ["docs/api/**"]           # files where DOC-003/grammar is off
//! disable = ["ThenThan"]            # grammar checks to turn off (names as in findings)
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::lexicon::Partition;

pub const FILE_NAME: &str = "caselint.toml";

/// A rule's level as configured: `off` silences it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Rule id or family (`DOC-003`) → level; the most specific entry wins.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    #[serde(default)]
    pub files: Files,
    #[serde(default)]
    pub naming: Naming,
    #[serde(default)]
    pub checklist: Checklist,
    #[serde(default)]
    pub web: Web,
    #[serde(default)]
    pub spelling: Spelling,
    #[serde(default)]
    pub grammar: Grammar,
    /// `[submission]`: the submission manifest (`crate::submission::Manifest`).
    #[serde(default)]
    pub submission: Option<crate::submission::Manifest>,
    /// Folder the config file sits in: relative paths in it are resolved from here.
    #[serde(skip)]
    pub root: Option<PathBuf>,
    /// The file this was read from, for messages.
    #[serde(skip)]
    pub source: Option<PathBuf>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Files {
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default = "default_max_file_size")]
    pub max_file_size: u64,
}

impl Default for Files {
    fn default() -> Self {
        Files {
            include: Vec::new(),
            exclude: Vec::new(),
            max_file_size: default_max_file_size(),
        }
    }
}

fn default_max_file_size() -> u64 {
    10 * 1024 * 1024
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Naming {
    #[serde(default)]
    pub accept: Vec<String>,
    #[serde(default = "yes")]
    pub bare_short_names: bool,
    #[serde(default)]
    pub partition: Partition,
    #[serde(default)]
    pub products: Vec<PathBuf>,
}

impl Default for Naming {
    fn default() -> Self {
        Naming {
            accept: Vec::new(),
            bare_short_names: true,
            partition: Partition::default(),
            products: Vec::new(),
        }
    }
}

/// Which checklist version case studies are checked against.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    /// A profile file (`lexicon/checklists/*.toml` format) instead of the built-in one.
    #[serde(default)]
    pub profile: Option<PathBuf>,
}

/// Which spelling a document follows, for `DOC-003/spelling` and `DOC-003/grammar`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub enum Dialect {
    #[default]
    #[serde(rename = "en-US", alias = "en_US", alias = "en-us")]
    EnUs,
    #[serde(rename = "en-GB", alias = "en_GB", alias = "en-gb")]
    EnGb,
    #[serde(rename = "en-AU", alias = "en_AU", alias = "en-au")]
    EnAu,
    #[serde(rename = "en-CA", alias = "en_CA", alias = "en-ca")]
    EnCa,
}

impl Dialect {
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::EnUs => "en-US",
            Dialect::EnGb => "en-GB",
            Dialect::EnAu => "en-AU",
            Dialect::EnCa => "en-CA",
        }
    }
}

/// `[spelling]`: the dictionary and the writer's own words.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spelling {
    /// A pinned dialect; without one, en-US unless a document's spellings show another.
    #[serde(default)]
    pub dialect: Option<Dialect>,
    /// Words that are always right (matched ignoring case).
    #[serde(default)]
    pub accept: Vec<String>,
    /// Path globs of files the rule skips.
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// `[grammar]`: where grammar is checked and which checks are off.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grammar {
    /// Path globs of files the rule skips.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Names of individual grammar checks to turn off (as shown in findings).
    #[serde(default)]
    pub disable: Vec<String>,
}

/// Whether `path` matches one of `globs`. A glob without a folder part (`CHANGELOG.md`,
/// `legacy/**`) matches at any depth, as in `.gitignore`. Invalid globs match nothing.
pub fn path_matches(path: &Path, globs: &[String]) -> bool {
    if globs.is_empty() {
        return false;
    }
    let mut builder = globset::GlobSetBuilder::new();
    for glob in globs {
        let glob = glob.trim_start_matches("./");
        for pattern in [glob.to_string(), format!("**/{glob}")] {
            if let Ok(compiled) = globset::Glob::new(&pattern) {
                builder.add(compiled);
            }
        }
    }
    let normalised: PathBuf = path.components().collect();
    builder
        .build()
        .is_ok_and(|set| set.is_match(&normalised) || set.is_match(path))
}

fn yes() -> bool {
    true
}

/// `[web]`: how published pages are fetched (the only network I/O caselint does).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Web {
    /// Seconds to wait for a connection (DNS lookup included).
    #[serde(default = "default_connect_timeout")]
    pub connect_timeout: f64,
    /// Seconds for one whole request, body included: no request hangs past it.
    #[serde(default = "default_timeout")]
    pub timeout: f64,
    /// Extra attempts after a 429, a 5xx or a failed connection.
    #[serde(default = "default_retries")]
    pub retries: u32,
    /// First backoff in milliseconds, doubled each retry, with jitter.
    #[serde(default = "default_backoff_ms")]
    pub backoff_ms: u64,
    /// The longest `Retry-After` honoured, in seconds; a server asking for more is reported.
    #[serde(default = "default_max_retry_after")]
    pub max_retry_after: f64,
    /// Requests in flight at once, overall and to one host.
    #[serde(default = "default_concurrency")]
    pub concurrency: usize,
    #[serde(default = "default_per_host")]
    pub per_host: usize,
    /// Redirects followed, each hop checked.
    #[serde(default = "default_max_redirects")]
    pub max_redirects: usize,
    /// Bytes of a page read at most.
    #[serde(default = "default_max_body")]
    pub max_body_bytes: u64,
    /// Folder of the on-disk cache [default: `$XDG_CACHE_HOME/caselint/web` or
    /// `~/.cache/caselint/web`].
    #[serde(default)]
    pub cache_dir: Option<PathBuf>,
    /// Seconds a fetched page is reused without asking the server again; 0 turns the
    /// cache off. Written as seconds (`3600`) or a duration (`"24h"`, `"30m"`, `"2d"`).
    #[serde(
        default = "default_cache_ttl",
        deserialize_with = "duration::deserialize_seconds"
    )]
    pub cache_ttl: u64,
    /// Ask the server again even for pages the cache holds (`--refresh`); the answer
    /// replaces the cached copy.
    #[serde(skip)]
    pub refresh: bool,
    /// Fetch pages on private, loopback and link-local addresses (off: a public URL never
    /// points inside a network).
    #[serde(default)]
    pub allow_private_addresses: bool,
    /// Published pages must be `https://` (checklist 2.2 asks for a public URL; off for
    /// local test servers).
    #[serde(default = "yes")]
    pub require_https: bool,
    /// The partner's domain when a document or `check-url` does not give one.
    #[serde(default)]
    pub partner_domain: Option<String>,
    /// Host → IP address, like curl's `--resolve` (staging servers, tests).
    #[serde(default)]
    pub resolve: BTreeMap<String, std::net::IpAddr>,
    /// Use the cache only, never the network (`--offline`).
    #[serde(default)]
    pub offline: bool,
    /// Fetch the `public_url` of case studies while checking them.
    #[serde(default = "yes")]
    pub fetch: bool,
}

impl Default for Web {
    fn default() -> Self {
        Web {
            connect_timeout: default_connect_timeout(),
            timeout: default_timeout(),
            retries: default_retries(),
            backoff_ms: default_backoff_ms(),
            max_retry_after: default_max_retry_after(),
            concurrency: default_concurrency(),
            per_host: default_per_host(),
            max_redirects: default_max_redirects(),
            max_body_bytes: default_max_body(),
            cache_dir: None,
            cache_ttl: default_cache_ttl(),
            allow_private_addresses: false,
            require_https: true,
            partner_domain: None,
            resolve: BTreeMap::new(),
            offline: false,
            fetch: true,
            refresh: false,
        }
    }
}

fn default_connect_timeout() -> f64 {
    5.0
}
fn default_timeout() -> f64 {
    20.0
}
fn default_retries() -> u32 {
    2
}
fn default_backoff_ms() -> u64 {
    500
}
fn default_max_retry_after() -> f64 {
    30.0
}
fn default_concurrency() -> usize {
    16
}
fn default_per_host() -> usize {
    4
}
fn default_max_redirects() -> usize {
    10
}
fn default_max_body() -> u64 {
    5 * 1024 * 1024
}
fn default_cache_ttl() -> u64 {
    24 * 60 * 60
}

/// `cache_ttl = "24h"`: durations in configuration, as seconds.
mod duration {
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        Seconds(u64),
        Text(String),
    }

    pub(super) fn deserialize_seconds<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<u64, D::Error> {
        match Written::deserialize(deserializer)? {
            Written::Seconds(seconds) => Ok(seconds),
            Written::Text(text) => parse(&text).map_err(serde::de::Error::custom),
        }
    }

    /// `"90s"`, `"30m"`, `"24h"`, `"2d"`, `"1h 30m"`, or a bare number of seconds.
    fn parse(text: &str) -> Result<u64, String> {
        let trimmed = text.trim();
        if let Ok(seconds) = trimmed.parse::<u64>() {
            return Ok(seconds);
        }
        let bad = || {
            format!(
                "`{text}` is not a duration: write it as `24h`, `30m`, `90s`, `2d` or a number of seconds"
            )
        };
        // jiff's friendly durations ("1h 30m"); days count as 24 hours, as a cache means.
        let span: jiff::Span = trimmed.parse().map_err(|_| bad())?;
        let seconds = span
            .total((
                jiff::Unit::Second,
                jiff::SpanRelativeTo::days_are_24_hours(),
            ))
            .map_err(|_| bad())?;
        if seconds < 0.0 || !seconds.is_finite() {
            return Err(bad());
        }
        Ok(seconds as u64)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a valid caselint configuration:\n{message}")]
    Invalid { path: PathBuf, message: String },
}

impl Config {
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let mut config = Config::parse(&text).map_err(|message| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        })?;
        config.root = path.parent().map(Path::to_path_buf);
        config.source = Some(path.to_path_buf());
        Ok(config)
    }

    /// Parses the text of a config file. Errors carry the line, the offending key and,
    /// for a misspelt key, what was probably meant.
    pub fn parse(text: &str) -> Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|err| explain_toml_error(&err))?;
        for (rule, _) in config.rules.iter() {
            if rule.trim().is_empty() {
                return Err("[rules] has an empty rule id".to_string());
            }
        }
        let checks = crate::rules::grammar::CHECKS;
        if let Some(unknown) = config
            .grammar
            .disable
            .iter()
            .find(|name| !checks.contains(&name.as_str()))
        {
            let best = checks
                .iter()
                .map(|c| (c, strsim::jaro_winkler(unknown, c)))
                .filter(|(_, score)| *score > 0.8)
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map_or(String::new(), |(c, _)| format!("did you mean `{c}`? "));
            return Err(format!(
                "[grammar] disable names `{unknown}`, which is not a grammar check; {best}\
                 the checks are {}",
                checks.join(", ")
            ));
        }
        Ok(config)
    }

    /// The nearest `caselint.toml` in `start` or one of its parent folders.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = if start.is_file() {
            start.parent()?.to_path_buf()
        } else {
            start.to_path_buf()
        };
        let absolute = std::path::absolute(&start).unwrap_or(start);
        absolute
            .ancestors()
            .map(|dir| dir.join(FILE_NAME))
            .find(|candidate| candidate.is_file())
    }

    /// `[rules]` keys that name no rule in `known` (each with the id it probably meant),
    /// as one message naming this file; `None` when every key is a rule or a family.
    pub fn unknown_rules(&self, known: &[crate::catalog::Entry]) -> Option<String> {
        let unknown: Vec<String> = self
            .rules
            .keys()
            .filter(|id| !crate::catalog::is_known(known, id))
            .map(|id| match crate::catalog::did_you_mean(known, id) {
                Some(best) => format!("`{id}` (did you mean `{best}`?)"),
                None => format!("`{id}`"),
            })
            .collect();
        if unknown.is_empty() {
            return None;
        }
        let file = self
            .source
            .as_ref()
            .map_or("the configuration".to_string(), |p| p.display().to_string());
        Some(format!(
            "{file}: [rules] names {} that caselint does not have: {}. Run `caselint rules` to list them",
            if unknown.len() == 1 {
                "a rule"
            } else {
                "rules"
            },
            unknown.join(", ")
        ))
    }

    /// The configured level for `rule`, trying the exact id, then its family
    /// (`DOC-003/first-mention` → `DOC-003`).
    pub fn level_for(&self, rule: &str) -> Option<Level> {
        if let Some(level) = self.rules.get(rule) {
            return Some(*level);
        }
        let mut family = rule;
        while let Some((parent, _)) = family.rsplit_once('/') {
            if let Some(level) = self.rules.get(parent) {
                return Some(*level);
            }
            family = parent;
        }
        None
    }

    /// Resolves a path written in the config file against the file's folder.
    pub fn resolve(&self, path: &Path) -> PathBuf {
        match &self.root {
            Some(root) if path.is_relative() => root.join(path),
            _ => path.to_path_buf(),
        }
    }
}

/// Finds the nearest `caselint.toml` of each file, as ruff and markdownlint-cli2 do: the
/// file's folder, then each parent. Each folder is looked at once per run, however many
/// files it holds, so a run over a thousand files costs one lookup per folder.
#[derive(Debug, Default)]
pub struct Nearest {
    /// Folder (absolute) → the config that applies to files in it.
    by_folder: std::collections::HashMap<PathBuf, Option<PathBuf>>,
}

impl Nearest {
    /// The configuration file that applies to `file`, if any.
    pub fn for_file(&mut self, file: &Path) -> Option<PathBuf> {
        let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let folder = if absolute.is_dir() {
            absolute
        } else {
            absolute.parent()?.to_path_buf()
        };
        self.for_folder(&folder)
    }

    fn for_folder(&mut self, folder: &Path) -> Option<PathBuf> {
        let mut unresolved = Vec::new();
        let mut found = None;
        for dir in folder.ancestors() {
            if let Some(known) = self.by_folder.get(dir) {
                found = known.clone();
                break;
            }
            unresolved.push(dir.to_path_buf());
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                found = Some(candidate);
                break;
            }
        }
        for dir in unresolved {
            self.by_folder.insert(dir, found.clone());
        }
        found
    }
}

fn explain_toml_error(err: &toml::de::Error) -> String {
    let message = err.to_string();
    // serde lists the expected keys for an unknown one; add the likely intended key.
    if let Some(rest) = message.split("unknown field `").nth(1)
        && let Some((unknown, expected)) = rest.split_once('`')
    {
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        if let Some(best) = candidates
            .iter()
            .map(|c| (c, strsim::jaro_winkler(unknown, c)))
            .filter(|(_, score)| *score > 0.8)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(c, _)| c)
        {
            return format!("{message}did you mean `{best}`?");
        }
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_resolve_from_exact_then_family() {
        let config =
            Config::parse("[rules]\n\"DOC-003\" = \"warning\"\n\"DOC-003/renamed\" = \"off\"\n")
                .unwrap();
        assert_eq!(
            config.level_for("DOC-003/product-name"),
            Some(Level::Warning)
        );
        assert_eq!(config.level_for("DOC-003/renamed"), Some(Level::Off));
        assert_eq!(config.level_for("UCR-001"), None);
    }

    #[test]
    fn misspelt_keys_get_a_suggestion_and_a_line() {
        let err = Config::parse("[naming]\nbare_short_name = false\n").unwrap_err();
        assert!(err.contains("did you mean `bare_short_names`"), "{err}");
        assert!(err.contains("line 2"), "{err}");
    }

    #[test]
    fn bad_levels_are_rejected() {
        let err = Config::parse("[rules]\n\"DOC-003\" = \"loud\"\n").unwrap_err();
        assert!(
            err.contains("loud") || err.contains("unknown variant"),
            "{err}"
        );
    }

    #[test]
    fn spelling_and_grammar_sections() {
        let config = Config::parse(
            "[spelling]\ndialect = \"en-GB\"\naccept = [\"Acmeflow\"]\nexclude = [\"legacy/**\"]\n\
             [grammar]\nexclude = [\"*.mdx\"]\ndisable = [\"ThenThan\"]\n",
        )
        .unwrap();
        assert_eq!(config.spelling.dialect, Some(Dialect::EnGb));
        assert_eq!(config.spelling.accept, vec!["Acmeflow".to_string()]);
        assert!(path_matches(
            Path::new("docs/legacy/a.md"),
            &config.spelling.exclude
        ));
        assert!(!path_matches(
            Path::new("docs/a.md"),
            &config.spelling.exclude
        ));
        assert!(path_matches(
            Path::new("./x/a.mdx"),
            &config.grammar.exclude
        ));
        assert_eq!(Config::default().spelling.dialect, None);
        assert!(Config::parse("[spelling]\ndialect = \"en-AU\"\n").is_ok());
        assert!(Config::parse("[spelling]\ndialect = \"en-NZ\"\n").is_err());
    }

    #[test]
    fn grammar_disable_names_known_checks() {
        for name in crate::rules::grammar::CHECKS {
            assert!(Config::parse(&format!("[grammar]\ndisable = [\"{name}\"]\n")).is_ok());
        }
        let err = Config::parse("[grammar]\ndisable = [\"ThenThen\"]\n").unwrap_err();
        assert!(err.contains("did you mean `ThenThan`"), "{err}");
        let err = Config::parse("[grammar]\ndeep = [\"doc\"]\n").unwrap_err();
        assert!(err.contains("unknown field `deep`"), "{err}");
    }

    #[test]
    fn cache_ttl_takes_durations() {
        let ttl = |text: &str| {
            Config::parse(&format!("[web]\ncache_ttl = {text}\n")).map(|c| c.web.cache_ttl)
        };
        assert_eq!(ttl("\"24h\""), Ok(86_400));
        assert_eq!(ttl("\"30m\""), Ok(1_800));
        assert_eq!(ttl("\"2d\""), Ok(172_800));
        assert_eq!(ttl("600"), Ok(600));
        assert_eq!(ttl("\"0\""), Ok(0));
        let err = ttl("\"soon\"").unwrap_err();
        assert!(err.contains("not a duration"), "{err}");
        assert_eq!(Config::default().web.cache_ttl, 86_400);
    }

    #[test]
    fn the_nearest_config_wins_and_folders_are_cached() {
        let root = tempfile::tempdir().unwrap();
        let docs = root.path().join("docs");
        let deep = docs.join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(root.path().join(FILE_NAME), "").unwrap();
        std::fs::write(docs.join(FILE_NAME), "").unwrap();
        let mut nearest = Nearest::default();
        let top = root.path().join("x.md");
        assert_eq!(nearest.for_file(&top), Some(root.path().join(FILE_NAME)));
        assert_eq!(
            nearest.for_file(&deep.join("y.md")),
            Some(docs.join(FILE_NAME))
        );
        // Cached: removing the file does not change this run's answer.
        std::fs::remove_file(docs.join(FILE_NAME)).unwrap();
        assert_eq!(
            nearest.for_file(&docs.join("a/z.md")),
            Some(docs.join(FILE_NAME))
        );
    }

    #[test]
    fn defaults() {
        let config = Config::parse("").unwrap();
        assert!(config.naming.bare_short_names);
        assert_eq!(config.naming.partition, Partition::Aws);
        assert_eq!(config.files.max_file_size, 10 * 1024 * 1024);
        let cn = Config::parse("[naming]\npartition = \"aws-cn\"\n").unwrap();
        assert_eq!(cn.naming.partition, Partition::AwsCn);
    }
}
