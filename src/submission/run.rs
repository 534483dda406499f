//! `caselint readiness`: find the submission, check its case studies with the usual
//! pipeline, run the portfolio rules and build the overview.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::collect::Submission;
use super::overview::{self, Overview};
use crate::check::{Checker, RunOptions};
use crate::config::{Config, FILE_NAME};
use crate::diagnostic::{FileReport, file_rules};
use crate::document::{Document, DocumentKind};
use crate::profile::Profile;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A folder, or a `caselint.toml` holding a `[submission]` manifest.
    pub path: PathBuf,
    pub config: Option<PathBuf>,
    pub no_config: bool,
    pub profile: Option<PathBuf>,
    pub today: Option<Date>,
    pub offline: bool,
    /// Also write the submission's self-assessment as the spreadsheet AWS asks for.
    pub xlsx: Option<PathBuf>,
}

/// What a readiness run found.
pub struct Readiness {
    pub overview: Overview,
    /// Said once on stderr (an expired checklist, cached pages).
    pub notes: Vec<String>,
    /// A file or the manifest could not be read.
    pub trouble: bool,
}

pub fn run(options: &Options) -> Result<Readiness, String> {
    let given = &options.path;
    let (folder, named_config) = if given.is_file() {
        if given.file_name().is_some_and(|n| n == FILE_NAME) {
            let folder = given.parent().unwrap_or(Path::new(".")).to_path_buf();
            let folder = if folder.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                folder
            };
            (folder, Some(given.clone()))
        } else {
            return Err(format!(
                "{} is a file: give the folder of the submission's case studies, or its {FILE_NAME}",
                given.display()
            ));
        }
    } else if given.is_dir() {
        (given.clone(), None)
    } else {
        return Err(format!("{} does not exist", given.display()));
    };
    let config_file = if options.no_config {
        None
    } else {
        options
            .config
            .clone()
            .or(named_config)
            .or_else(|| Config::discover(&folder))
    };
    let mut config = match &config_file {
        Some(path) => Config::load(path).map_err(|err| err.to_string())?,
        None => Config::default(),
    };
    config.web.offline |= options.offline;
    let today = options
        .today
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let mut checker = Checker::new(config.clone())
        .map_err(|err| err.to_string())?
        .with_today(today);
    if let Some(path) = &options.profile {
        checker = checker.with_profile(Profile::load(path).map_err(|err| err.to_string())?);
    }
    if let Some(message) = checker.config().unknown_rules(checker.catalog()) {
        return Err(message);
    }
    if checker.config().web.fetch {
        let fetcher = Checker::fetcher_for(checker.config());
        checker = checker.with_web(std::sync::Arc::new(fetcher));
    }
    let submission = Submission::find(&folder, &config);
    let mut reports: Vec<FileReport> = checker
        .run(&submission.files, &RunOptions::default())
        .into_iter()
        .map(|outcome| outcome.report)
        .collect();
    let mut notes = Vec::new();
    let mut expired = false;
    for report in &mut reports {
        let before = report.diagnostics.len();
        report
            .diagnostics
            .retain(|d| d.rule != crate::rules::case_study::CHECKLIST_VERSION);
        expired |= report.diagnostics.len() != before;
    }
    let profile = checker.profile();
    if expired {
        notes.push(format!(
            "the checklist profile `{}` expired on {}; pass a newer profile with --profile",
            profile.profile.id, profile.profile.valid_until
        ));
    }
    if let Some(web) = checker.web() {
        notes.extend(web.served_from_cache().into_iter().map(|(url, _)| {
            format!("{url} was read from the cache; --offline off and a fresh cache fetch it again")
        }));
    }
    let trouble = reports
        .iter()
        .any(|r| r.diagnostics.iter().any(|d| d.rule == file_rules::IO))
        || !submission.unmatched.is_empty();
    if let Some(path) = &options.xlsx {
        crate::self_assessment::export::export_checked(path, profile, &reports)?;
    }
    let checked: Vec<&FileReport> = reports.iter().collect();
    let outcomes = submission.evaluate(&checked, profile, today);
    let submission_report = submission.report(&outcomes, &config);
    let case_studies: Vec<(String, &FileReport)> = reports
        .iter()
        .filter(|r| {
            r.diagnostics.iter().any(|d| d.rule == file_rules::IO)
                || Document::parse(&r.path, r.source.clone()).0.kind == DocumentKind::CaseStudy
        })
        .map(|r| (submission.name_of(&r.path), r))
        .collect();
    let manifest = submission.manifest.as_ref();
    let overview = overview::build(overview::Input {
        profile,
        today,
        root: crate::report::display_path(&submission.root),
        manifest: manifest.map(|_| crate::report::display_path(&submission.report_path())),
        partner: manifest
            .and_then(|m| m.manifest.partner.clone())
            .or_else(|| {
                // Without a manifest, the partner the case studies name (when they agree).
                let named: Vec<String> = case_studies
                    .iter()
                    .filter_map(|(_, r)| {
                        let (doc, _) = Document::parse(&r.path, r.source.clone());
                        crate::meta::read_meta(&doc, &profile.profile)
                            .0?
                            .partner
                            .name
                    })
                    .collect();
                let first = named.first()?;
                named.iter().all(|n| n == first).then(|| first.clone())
            }),
        case_studies,
        portfolio: outcomes,
        submission: &submission_report,
    });
    Ok(Readiness {
        overview,
        notes,
        trouble,
    })
}
