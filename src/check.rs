//! The pipeline for one run: load each file, check it, fix it if asked. Files are
//! independent, so they are checked in parallel; results keep the discovery order.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use jiff::civil::Date;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Applicability, Diagnostic, FileReport, Severity, file_rules};
use crate::document::{Document, Limits, Source, read_source, read_stdin};
use crate::fix::{apply_fixes, remove_stale_temp_files, unified_diff, write_atomic_if_unchanged};
use crate::lexicon::{Lexicon, LexiconError, NameMatcher};
use crate::profile::{Profile, ProfileError};
use crate::rules::{Context, check_document_tracked};
use crate::web::Fetcher;

mod published;
pub use published::{DOMAIN, HTTPS, OFFLINE, PAGE_NUMBER, REACHABLE};

/// Everything that is built once per run and shared by all files.
pub struct Checker {
    config: Config,
    names: NameMatcher,
    limits: Limits,
    profile: Profile,
    today: Date,
    /// Fetches the published pages of public case studies; `None`: pages are not fetched.
    web: Option<Arc<Fetcher>>,
    /// Every rule id of this run (rules and the profile's checks), for disable comments.
    catalog: Vec<crate::catalog::Entry>,
    /// Also collect what passing checks found (`--verbose`).
    verbose: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
    #[error(transparent)]
    Matcher(#[from] crate::lexicon::matcher::BuildError),
    #[error(transparent)]
    Profile(#[from] ProfileError),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FixMode {
    #[default]
    Off,
    /// Apply fixes marked safe.
    Safe,
    /// Apply every fix, including the unsafe ones.
    Unsafe,
}

#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub fix: FixMode,
    /// Compute the fixes but print a diff instead of writing files.
    pub diff: bool,
    pub color: bool,
    /// The name standard input (`-`) is checked and reported under (`--stdin-filename`).
    pub stdin_name: Option<PathBuf>,
}

/// The path that stands for standard input.
pub const STDIN: &str = "-";

/// Whether `path` stands for standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

impl RunOptions {
    /// The name a file is reported under: its path, or the stdin name for `-`.
    pub fn shown_path(&self, path: &Path) -> PathBuf {
        if is_stdin(path) {
            self.stdin_name
                .clone()
                .unwrap_or_else(|| PathBuf::from("<stdin>"))
        } else {
            path.to_path_buf()
        }
    }
}

/// The outcome for one file: what remains to report, and what fixing did.
#[derive(Debug)]
pub struct FileOutcome {
    pub report: FileReport,
    pub fixes_applied: usize,
    /// A unified diff, in `--diff` mode, when fixes would change the file.
    pub diff: Option<String>,
    /// With `--verbose`: the requirement checks that passed and what they found.
    pub met: Vec<crate::diagnostic::Met>,
}

/// How many times fixes are re-applied to the same text: a fix skipped because it
/// overlapped another is found again on the next pass, so one run converges.
const FIX_PASSES: usize = 4;

impl Checker {
    pub fn new(config: Config) -> Result<Checker, SetupError> {
        crate::rules::spelling::preload(&config);
        let mut lexicon = Lexicon::builtin()?;
        for path in &config.naming.products {
            lexicon.extend_from_file(&config.resolve(path))?;
        }
        lexicon.accept_terms(config.naming.accept.iter().cloned());
        let lexicon = lexicon.into_partition(config.naming.partition);
        let names = NameMatcher::new(&lexicon)?;
        let limits = Limits {
            max_file_bytes: config.files.max_file_size,
        };
        let profile = match &config.checklist.profile {
            Some(path) => Profile::load(&config.resolve(path))?,
            None => Profile::builtin()?,
        };
        let catalog = crate::catalog::entries(&profile);
        Ok(Checker {
            config,
            names,
            limits,
            profile,
            today: jiff::ZonedDateTime::now().date(),
            web: None,
            catalog,
            verbose: false,
        })
    }

    /// Checks against another checklist version (`--profile`).
    pub fn with_profile(mut self, profile: Profile) -> Checker {
        self.catalog = crate::catalog::entries(&profile);
        self.profile = profile;
        self
    }

    /// Also collects what passing requirement checks found (`--verbose`).
    pub fn with_verbose(mut self, verbose: bool) -> Checker {
        self.verbose = verbose;
        self
    }

    /// Every rule id this checker can emit.
    pub fn catalog(&self) -> &[crate::catalog::Entry] {
        &self.catalog
    }

    /// Pins "today" (`--today`), so date checks are reproducible.
    pub fn with_today(mut self, today: Date) -> Checker {
        self.today = today;
        self
    }

    /// Fetches and checks the published page (`public_url`) of public and anonymous case
    /// studies with this fetcher.
    pub fn with_web(mut self, fetcher: Arc<Fetcher>) -> Checker {
        self.web = Some(fetcher);
        self
    }

    /// A fetcher built from the configuration's `[web]` section (the cache folder
    /// resolved against the config file's folder).
    pub fn fetcher_for(config: &Config) -> Fetcher {
        let dir = config
            .web
            .cache_dir
            .as_ref()
            .map(|d| config.resolve(d))
            .or_else(crate::web::default_cache_dir);
        Fetcher::new(config.web.clone(), dir)
    }

    pub fn web(&self) -> Option<&Arc<Fetcher>> {
        self.web.as_ref()
    }

    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Checks text that is already in memory (tests, editors, fetched pages).
    pub fn check_source(&self, path: &Path, source: String) -> FileReport {
        self.check_source_of_kind(path, source).0
    }

    /// [`Checker::check_source`], also saying whether the file is a plain doc (not a case
    /// study, public page or self-assessment).
    fn check_source_of_kind(&self, path: &Path, source: String) -> (FileReport, bool) {
        let (doc, mut diagnostics) = Document::parse(path, source);
        let assets = Assets::new(&doc, path);
        let asset_exists = |target: &Path| assets.exists(target);
        let diagrams = load_diagrams(&doc, path);
        let ctx = Context {
            config: &self.config,
            names: &self.names,
            profile: &self.profile,
            today: self.today,
            asset_exists: &asset_exists,
            diagrams: &diagrams,
        };
        let mut used = Vec::new();
        diagnostics.extend(check_document_tracked(&doc, &ctx, &mut used));
        if let Some(web) = &self.web {
            let mut published = self.published_page(&doc, web);
            published.retain(|d| {
                let silencers = doc.suppressions.silencers(&d.rule, d.span.start);
                let keep = silencers.is_empty();
                used.extend(silencers);
                keep
            });
            diagnostics.extend(published);
        }
        diagnostics.extend(self.comment_findings(&doc, &used));
        diagnostics.sort_by_key(|d| d.span.start);
        let plain_doc = doc.kind == crate::document::DocumentKind::Doc;
        let report = FileReport {
            path: path.to_path_buf(),
            source: doc.source,
            diagnostics,
        };
        (report, plain_doc)
    }

    /// Disable comments that name an unknown rule (an error: they silence nothing), or
    /// that silenced nothing in this run (a warning, as ruff's RUF100).
    fn comment_findings(&self, doc: &Document, used: &[(usize, Option<usize>)]) -> Vec<Diagnostic> {
        use crate::catalog::{UNKNOWN_RULE_IN_COMMENT, UNUSED_DISABLE, did_you_mean, is_known};
        let mut out = Vec::new();
        for (index, directive) in doc.suppressions.directives().iter().enumerate() {
            if directive.ids.is_empty() {
                if !used.iter().any(|(d, _)| *d == index) {
                    out.push(
                        Diagnostic::new(
                            UNUSED_DISABLE,
                            Severity::Warning,
                            directive.span.clone(),
                            "this caselint-disable comment silences nothing: delete it",
                        )
                        .with_fix("", Applicability::Unsafe),
                    );
                }
                continue;
            }
            for (id_index, (id, span)) in directive.ids.iter().enumerate() {
                if !is_known(&self.catalog, id) {
                    let mut message =
                        format!("`{id}` is not a caselint rule, so this comment silences nothing");
                    let mut finding = Diagnostic::new(
                        UNKNOWN_RULE_IN_COMMENT,
                        Severity::Error,
                        span.clone(),
                        String::new(),
                    )
                    .with_help("`caselint rules` lists every rule id.");
                    if let Some(best) = did_you_mean(&self.catalog, id) {
                        message.push_str(&format!("; did you mean `{best}`?"));
                        finding = finding.with_fix(best, Applicability::Unsafe);
                    }
                    finding.message = message;
                    out.push(finding);
                    continue;
                }
                let silenced = used
                    .iter()
                    .any(|(d, i)| *d == index && *i == Some(id_index));
                // A rule that is off here, or a published-page check with fetching off,
                // could not have fired: saying "unused" would be a guess.
                let could_fire = crate::rules::is_enabled(&self.config, id, doc.kind)
                    && !(self.web.is_none() && id.to_ascii_uppercase().starts_with("CS-2.2"));
                if !silenced && could_fire {
                    out.push(Diagnostic::new(
                        UNUSED_DISABLE,
                        Severity::Warning,
                        span.clone(),
                        format!("nothing here is silenced by `{id}`: delete it from the comment"),
                    ));
                }
            }
        }
        out
    }

    /// What the requirement checks that passed found in `source` (for `--verbose`).
    pub fn met(&self, path: &Path, source: String) -> Vec<crate::diagnostic::Met> {
        let (doc, _) = Document::parse(path, source);
        let assets = Assets::new(&doc, path);
        let asset_exists = |target: &Path| assets.exists(target);
        let diagrams = load_diagrams(&doc, path);
        let ctx = Context {
            config: &self.config,
            names: &self.names,
            profile: &self.profile,
            today: self.today,
            asset_exists: &asset_exists,
            diagrams: &diagrams,
        };
        crate::rules::case_study::passed(&doc, &ctx)
    }

    pub fn check_file(&self, path: &Path) -> FileReport {
        match read_source(path, &self.limits) {
            Ok(source) => self.check_source(path, source.text),
            Err(diagnostic) => FileReport {
                path: path.to_path_buf(),
                source: String::new(),
                diagnostics: vec![diagnostic],
            },
        }
    }

    /// Reads a file (or standard input, for `-`) once, for everything that follows.
    #[allow(clippy::result_large_err)]
    fn load(&self, path: &Path, options: &RunOptions) -> Result<Source, Diagnostic> {
        if is_stdin(path) {
            read_stdin(&options.shown_path(path), &self.limits)
        } else {
            read_source(path, &self.limits)
        }
    }

    /// Checks (and, as asked, fixes) one file.
    pub fn process(&self, path: &Path, options: &RunOptions) -> FileOutcome {
        let loaded = self.load(path, options);
        self.process_loaded(path, loaded, options)
    }

    fn process_loaded(
        &self,
        path: &Path,
        loaded: Result<Source, Diagnostic>,
        options: &RunOptions,
    ) -> FileOutcome {
        let mut outcome = self.process_loaded_unverbose(path, loaded, options);
        if self.verbose && !outcome.report.source.is_empty() {
            outcome.met = self.met(path, outcome.report.source.clone());
        }
        outcome
    }

    fn process_loaded_unverbose(
        &self,
        path: &Path,
        loaded: Result<Source, Diagnostic>,
        options: &RunOptions,
    ) -> FileOutcome {
        let shown = options.shown_path(path);
        let (mut report, plain_doc, fingerprint) = match loaded {
            Ok(source) => {
                let (report, plain_doc) = self.check_source_of_kind(&shown, source.text);
                (report, plain_doc, source.fingerprint)
            }
            Err(diagnostic) => (
                FileReport {
                    path: shown.clone(),
                    source: String::new(),
                    diagnostics: vec![diagnostic],
                },
                true,
                None,
            ),
        };
        let wants_fix = options.fix != FixMode::Off || options.diff;
        if !wants_fix || !report.diagnostics.iter().any(|d| fixable(d, options.fix)) {
            // A clean doc's text is never shown again: keeping every file's text until the
            // report is written held the whole tree in memory. Case studies, public pages
            // and self-assessments keep theirs for the submission checks and the
            // spreadsheet, and --verbose shows what was found in any file.
            if report.diagnostics.is_empty() && plain_doc && !self.verbose {
                report.source = String::new();
            }
            return FileOutcome {
                report,
                fixes_applied: 0,
                diff: None,
                met: Vec::new(),
            };
        }
        let include_unsafe = options.fix == FixMode::Unsafe;
        let original = report.source.clone();
        let mut current = report;
        let mut applied = 0;
        for _ in 0..FIX_PASSES {
            let outcome = apply_fixes(&current.source, &current.diagnostics, include_unsafe);
            if outcome.applied == 0 || outcome.fixed == current.source {
                break;
            }
            applied += outcome.applied;
            current = self.check_source(&shown, outcome.fixed);
        }
        if applied == 0 {
            return FileOutcome {
                report: current,
                fixes_applied: 0,
                diff: None,
                met: Vec::new(),
            };
        }
        if options.diff {
            return FileOutcome {
                diff: Some(unified_diff(
                    &shown,
                    &original,
                    &current.source,
                    options.color,
                )),
                report: current,
                fixes_applied: applied,
                met: Vec::new(),
            };
        }
        let written = match &fingerprint {
            Some(fingerprint) => write_atomic_if_unchanged(path, &current.source, fingerprint),
            None => Err(crate::fix::FixError::NotAFile {
                path: shown.clone(),
            }),
        };
        if let Err(err) = written {
            // Nothing was written: report what was found in the file as it was read.
            let mut unchanged = self.check_source(&shown, original);
            unchanged.diagnostics.insert(
                0,
                Diagnostic::new(file_rules::IO, Severity::Error, 0..0, err.to_string()),
            );
            return FileOutcome {
                report: unchanged,
                fixes_applied: 0,
                diff: None,
                met: Vec::new(),
            };
        }
        FileOutcome {
            report: current,
            fixes_applied: applied,
            diff: None,
            met: Vec::new(),
        }
    }

    /// Processes every file in parallel; outcomes come back in the order of `files`. A bug
    /// that panics on one file is reported against that file; the others are still checked.
    // A failed read is a whole Diagnostic by design (see `read_text`).
    #[allow(clippy::result_large_err)]
    pub fn run(&self, files: &[PathBuf], options: &RunOptions) -> Vec<FileOutcome> {
        remove_stale_temp_files(files.iter().filter(|path| !is_stdin(path)));
        let guarded = |path: &Path, loaded: Result<Source, Diagnostic>| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.process_loaded(path, loaded, options)
            }))
            .unwrap_or_else(|_| internal_error(&options.shown_path(path)))
        };
        // Each file is read exactly once: a pipe (`/dev/stdin`, `<(command)`) cannot be
        // read again, and a file read twice may have changed in between. A file is checked
        // as soon as it is read, so the tree is never in memory at once; only the case
        // studies whose published pages will be fetched wait, so that all their pages are
        // fetched together first.
        let staged: Vec<Staged> = files
            .par_iter()
            .map(|path| match self.load(path, options) {
                Ok(source) if self.will_prefetch(&source.text) => Staged::Waiting(source),
                loaded => Staged::Done(Box::new(guarded(path, loaded))),
            })
            .collect();
        let texts: Vec<&str> = staged
            .iter()
            .filter_map(|stage| match stage {
                Staged::Waiting(source) => Some(source.text.as_str()),
                Staged::Done(_) => None,
            })
            .collect();
        self.prefetch(&texts);
        files
            .par_iter()
            .zip(staged.into_par_iter())
            .map(|(path, stage)| match stage {
                Staged::Done(outcome) => *outcome,
                Staged::Waiting(source) => guarded(path, Ok(source)),
            })
            .collect()
    }
}

/// A file of a run: checked as soon as it was read, or waiting for its published page to
/// be fetched with the others'.
enum Staged {
    Done(Box<FileOutcome>),
    Waiting(Source),
}

/// The relative link and image targets of `doc` that exist next to it. This is the
/// loader's I/O on the rules' behalf: rules only ask the answer. Asked lazily, so a check
/// that never asks (names only, most documents) reads no folder: only a target that is
/// one of the document's own links is looked for on disk.
struct Assets<'a> {
    doc: &'a Document,
    folder: &'a Path,
    linked: OnceLock<HashSet<PathBuf>>,
}

impl<'a> Assets<'a> {
    fn new(doc: &'a Document, path: &'a Path) -> Self {
        Assets {
            doc,
            folder: path.parent().unwrap_or(Path::new("")),
            linked: OnceLock::new(),
        }
    }

    fn exists(&self, target: &Path) -> bool {
        let key = asset_key(target);
        let linked = self.linked.get_or_init(|| {
            self.doc
                .links
                .iter()
                .map(|link| asset_key(Path::new(&link.destination)))
                .collect()
        });
        let text = key.to_string_lossy();
        linked.contains(&key)
            && !text.is_empty()
            && !text.contains("://")
            && !text.starts_with("mailto:")
            && !key.is_absolute()
            && self.folder.join(&key).exists()
    }
}

/// The diagrams `doc` references (files next to it) or embeds (Mermaid), read: the
/// loader's I/O on the diagram rules' behalf. Standard input has no folder: only its
/// Mermaid blocks are read.
fn load_diagrams(doc: &Document, path: &Path) -> Vec<crate::diagram::Loaded> {
    let Ok(shapes) = crate::diagram::Shapes::builtin() else {
        return Vec::new();
    };
    let limits = crate::diagram::Limits::default();
    if is_stdin(path) || path.as_os_str().is_empty() {
        return crate::diagram::mermaid_blocks(
            &doc.source,
            doc.body_start..doc.source.len(),
            shapes,
        );
    }
    let folder = path.parent().unwrap_or(Path::new(""));
    crate::diagram::load_linked(doc, folder, &limits, shapes)
}

/// A link target without its `#fragment` or `?query`, with `%20` as a space.
fn asset_key(target: &Path) -> PathBuf {
    let text = target.to_string_lossy();
    let bare = text.split(['#', '?']).next().unwrap_or_default();
    PathBuf::from(bare.replace("%20", " "))
}

fn internal_error(path: &Path) -> FileOutcome {
    let message = "caselint failed on this file because of a bug in caselint, not in the file; \
        it was left unchanged. Please report it with the file attached."
        .to_string();
    FileOutcome {
        report: FileReport::unreadable(path, message),
        fixes_applied: 0,
        diff: None,
        met: Vec::new(),
    }
}

fn fixable(diagnostic: &Diagnostic, mode: FixMode) -> bool {
    diagnostic
        .fix
        .as_ref()
        .is_some_and(|fix| fix.applicability == Applicability::Safe || mode == FixMode::Unsafe)
}

/// 0: nothing at error level; 1: findings at error level; 2: a file could not be checked.
pub fn exit_code(reports: &[FileReport]) -> u8 {
    let diagnostics = || reports.iter().flat_map(|r| r.diagnostics.iter());
    if diagnostics().any(|d| d.rule == file_rules::IO) {
        2
    } else if diagnostics().any(|d| d.severity == Severity::Error) {
        1
    } else {
        0
    }
}

/// Fixes `--fix` could still apply in `reports` (for the "N can be fixed" hint).
pub fn count_fixable(reports: &[FileReport], mode: FixMode) -> usize {
    reports
        .iter()
        .map(|r| crate::fix::count_fixable(&r.source, &r.diagnostics, mode == FixMode::Unsafe))
        .sum()
}
