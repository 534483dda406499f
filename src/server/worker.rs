//! Checks run on their own thread, so reading the editor's messages never waits for one.
//! Jobs are kept per document, newest only: when several edits arrive while a check
//! runs, the next check is of the latest text, and the edits in between are never checked.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use jiff::civil::Date;
use lsp_types::Uri;

use crate::check::Checker;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, FileReport, Severity};

/// One document to check, as the editor has it now.
#[derive(Debug, Clone)]
pub struct Job {
    pub uri: Uri,
    /// Which edit of the document this is (see `Documents`); results of older ones are
    /// dropped.
    pub generation: u64,
    pub path: PathBuf,
    pub text: String,
}

/// What a check found, with what answering the editor about it needs later.
#[derive(Debug)]
pub struct Checked {
    pub uri: Uri,
    pub generation: u64,
    pub report: FileReport,
    /// Hover text (Markdown) of each rule that has a finding here, from the profile the
    /// document was checked with.
    pub explanations: HashMap<String, String>,
    /// Where the front matter ends (no disable comment can go before it).
    pub front_matter_end: Option<usize>,
    /// The profile's solution areas, for completion.
    pub solution_areas: Vec<String>,
    pub elapsed: Duration,
}

#[derive(Default)]
struct Queue {
    jobs: HashMap<Uri, Job>,
    order: VecDeque<Uri>,
    stopped: bool,
}

/// The handle the protocol loop keeps: submit, cancel, stop.
pub struct Worker {
    shared: Arc<(Mutex<Queue>, Condvar)>,
}

impl Worker {
    pub fn start<E: From<Checked> + Send + 'static>(results: Sender<E>) -> std::io::Result<Worker> {
        let shared = Arc::new((Mutex::new(Queue::default()), Condvar::new()));
        let theirs = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("caselint-lsp-check".into())
            .spawn(move || {
                let mut checkers = Checkers::default();
                while let Some(job) = next_job(&theirs) {
                    let checked = checkers.check(job);
                    if results.send(checked.into()).is_err() {
                        return;
                    }
                }
            })?;
        Ok(Worker { shared })
    }

    /// Queues `job`, replacing a queued older job of the same document.
    pub fn submit(&self, job: Job) {
        let (lock, ready) = &*self.shared;
        let mut queue = locked(lock);
        if queue.jobs.insert(job.uri.clone(), job.clone()).is_none() {
            queue.order.push_back(job.uri);
        }
        ready.notify_one();
    }

    /// Forgets a queued job of `uri` (the document was closed).
    pub fn cancel(&self, uri: &Uri) {
        let mut queue = locked(&self.shared.0);
        queue.jobs.remove(uri);
        queue.order.retain(|u| u != uri);
    }
}

/// The thread stops at its next job. It is not waited for: a check of a large file
/// that is under way must not delay the editor's `exit`.
impl Drop for Worker {
    fn drop(&mut self) {
        locked(&self.shared.0).stopped = true;
        self.shared.1.notify_all();
    }
}

/// A panic while holding the lock leaves the queue usable: it holds plain data.
fn locked(lock: &Mutex<Queue>) -> MutexGuard<'_, Queue> {
    lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn next_job(shared: &(Mutex<Queue>, Condvar)) -> Option<Job> {
    let (lock, ready) = shared;
    let mut queue = locked(lock);
    loop {
        if queue.stopped {
            return None;
        }
        while let Some(uri) = queue.order.pop_front() {
            if let Some(job) = queue.jobs.remove(&uri) {
                return Some(job);
            }
        }
        queue = ready
            .wait(queue)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
    }
}

/// Which configuration file (and which version of it) a checker was built from, and
/// for which day: a changed `caselint.toml` or a new day builds a new checker.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CheckerKey {
    config: Option<PathBuf>,
    modified: Option<SystemTime>,
    today: Date,
}

#[derive(Default)]
struct Checkers {
    built: HashMap<CheckerKey, Result<Checker, String>>,
}

impl Checkers {
    fn check(&mut self, job: Job) -> Checked {
        let started = Instant::now();
        let key = key_for(&job.path);
        // A checker of yesterday, or of a config file since edited, is not used again.
        self.built.retain(|built, _| {
            built.today == key.today
                && (built.config != key.config || built.modified == key.modified)
        });
        let checker = self.built.entry(key.clone()).or_insert_with(|| build(&key));
        let solution_areas = match checker {
            Ok(checker) => checker.profile().profile.solution_areas.clone(),
            Err(_) => Vec::new(),
        };
        let (report, explanations, front_matter_end) = match checker {
            Ok(checker) => check_with(checker, &job),
            Err(message) => (
                FileReport {
                    path: job.path.clone(),
                    source: job.text.clone(),
                    diagnostics: vec![Diagnostic::new(
                        "config",
                        Severity::Error,
                        0..0,
                        format!("{message}; this file was not checked"),
                    )],
                },
                HashMap::new(),
                None,
            ),
        };
        Checked {
            uri: job.uri,
            generation: job.generation,
            report,
            explanations,
            front_matter_end,
            solution_areas,
            elapsed: started.elapsed(),
        }
    }
}

fn key_for(path: &Path) -> CheckerKey {
    // Only a file on disk has a folder to look in; an unsaved buffer gets the defaults.
    let config = if path.is_absolute() {
        Config::discover(path)
    } else {
        None
    };
    let modified = config
        .as_ref()
        .and_then(|c| std::fs::metadata(c).ok())
        .and_then(|m| m.modified().ok());
    CheckerKey {
        config,
        modified,
        today: jiff::ZonedDateTime::now().date(),
    }
}

/// A checker as `caselint check` builds one, except that published pages are never
/// fetched: an editor must not reach the network on every keystroke.
fn build(key: &CheckerKey) -> Result<Checker, String> {
    let config = match &key.config {
        Some(path) => Config::load(path).map_err(|err| err.to_string())?,
        None => Config::default(),
    };
    let checker = Checker::new(config)
        .map_err(|err| err.to_string())?
        .with_today(key.today);
    if let Some(message) = checker.config().unknown_rules(checker.catalog()) {
        return Err(message);
    }
    Ok(checker)
}

type CheckParts = (FileReport, HashMap<String, String>, Option<usize>);

fn check_with(checker: &Checker, job: &Job) -> CheckParts {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let report = checker.check_source(&job.path, job.text.clone());
        let (doc, _) = crate::document::Document::parse(&job.path, job.text.clone());
        let front_matter_end = doc.front_matter.as_ref().map(|f| f.span.end);
        (report, front_matter_end)
    }));
    let (report, front_matter_end) = match outcome {
        Ok(parts) => parts,
        Err(_) => {
            let mut report = FileReport::unreadable(
                &job.path,
                "caselint failed on this file because of a bug in caselint, not in the file. \
                 Please report it with the file attached.",
            );
            report.source = job.text.clone();
            (report, None)
        }
    };
    let mut explanations = HashMap::new();
    for diagnostic in &report.diagnostics {
        if !explanations.contains_key(&diagnostic.rule)
            && let Some(text) = super::hover::explain_markdown(&diagnostic.rule, checker)
        {
            explanations.insert(diagnostic.rule.clone(), text);
        }
    }
    (report, explanations, front_matter_end)
}
