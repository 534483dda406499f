//! Which files make up a submission, and the submission-level report of a run. This is the
//! loader's side (it walks folders and reads files); the rules in [`super::portfolio`]
//! only see parsed documents.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::manifest::Located;
use super::portfolio::{self, Member, Outcome, Status};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, FileReport, Severity, file_rules};
use crate::discover::{Filters, discover};
use crate::document::{Document, DocumentKind};
use crate::profile::Profile;

/// One submission: a folder, its manifest if it has one, and its case-study files.
#[derive(Debug, Clone)]
pub struct Submission {
    /// The folder case studies are named relative to (the manifest's, or the one given).
    pub root: PathBuf,
    pub manifest: Option<Located>,
    /// The files to read: the manifest's, or every Markdown file under `root`.
    pub files: Vec<PathBuf>,
    /// Manifest entries that match no file.
    pub unmatched: Vec<String>,
}

/// The manifest a folder's configuration holds.
pub fn manifest_of(config: &Config) -> Option<Located> {
    Some(Located {
        manifest: config.submission.clone()?,
        file: config.source.clone()?,
    })
}

impl Submission {
    /// The submission of `folder`: with `config`'s manifest, the case studies it lists
    /// (relative to the manifest's folder); without, every Markdown file under `folder`
    /// (the case studies among them are found when they are read).
    pub fn find(folder: &Path, config: &Config) -> Submission {
        let manifest = manifest_of(config);
        let root = match &manifest {
            Some(located) => located.folder().to_path_buf(),
            None => folder.to_path_buf(),
        };
        let walked = Filters::new(&[], &[])
            .map(|filters| discover(std::slice::from_ref(&root), &filters).files)
            .unwrap_or_default();
        let Some(located) = &manifest else {
            return Submission {
                root,
                manifest,
                files: walked,
                unmatched: Vec::new(),
            };
        };
        let patterns = &located.manifest.case_studies;
        if patterns.is_empty() {
            return Submission {
                root,
                manifest,
                files: walked,
                unmatched: Vec::new(),
            };
        }
        let mut files = Vec::new();
        let mut unmatched = Vec::new();
        for pattern in patterns {
            let glob =
                globset::Glob::new(pattern.trim_start_matches("./")).map(|g| g.compile_matcher());
            let before = files.len();
            match glob {
                Ok(matcher) => {
                    for file in &walked {
                        let relative = file.strip_prefix(&root).unwrap_or(file);
                        if matcher.is_match(relative) && !files.contains(file) {
                            files.push(file.clone());
                        }
                    }
                }
                Err(err) => {
                    unmatched.push(format!("`{pattern}` is not a valid glob ({err})"));
                    continue;
                }
            }
            if files.len() == before {
                unmatched.push(format!("`{pattern}` matches no Markdown file"));
            }
        }
        Submission {
            root,
            manifest,
            files,
            unmatched,
        }
    }

    /// How findings name a file: relative to the submission's folder, `/` separators.
    pub fn name_of(&self, file: &Path) -> String {
        let (root, absolute_file) = (absolute(&self.root), absolute(file));
        let relative = absolute_file
            .strip_prefix(&root)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| file.to_path_buf());
        crate::report::display_path(&relative)
    }

    /// Where submission-level findings are reported: the manifest, else the folder.
    pub fn report_path(&self) -> PathBuf {
        match &self.manifest {
            Some(located) => shown(&located.file),
            None => self.root.clone(),
        }
    }

    /// Runs the portfolio rules on the case studies among `reports` (the checked files
    /// of this submission; others are ignored).
    pub fn evaluate(
        &self,
        reports: &[&FileReport],
        profile: &Profile,
        today: Date,
    ) -> Vec<Outcome> {
        let Some(rules) = &profile.submission else {
            return Vec::new();
        };
        let wanted: HashSet<PathBuf> = self.files.iter().map(|f| absolute(f)).collect();
        let docs: Vec<(String, Document, bool)> = reports
            .iter()
            .filter(|r| wanted.contains(&absolute(&r.path)))
            .filter_map(|r| {
                let (doc, _) = Document::parse(&r.path, r.source.clone());
                (doc.kind == DocumentKind::CaseStudy).then(|| {
                    let failed = r.diagnostics.iter().any(|d| {
                        [
                            crate::check::REACHABLE,
                            crate::check::DOMAIN,
                            crate::check::HTTPS,
                        ]
                        .contains(&d.rule.as_str())
                    });
                    (self.name_of(&r.path), doc, failed)
                })
            })
            .collect();
        let members: Vec<Member> = docs
            .iter()
            .map(|(name, doc, failed)| Member {
                name,
                doc,
                page_failed: *failed,
            })
            .collect();
        portfolio::evaluate(
            &members,
            self.manifest.as_ref().map(|l| &l.manifest),
            rules,
            &profile.profile,
            today,
        )
    }

    /// Whether there is anything to judge: a manifest, or at least one case study.
    pub fn has_case_studies(&self, reports: &[FileReport]) -> bool {
        if self.manifest.is_some() {
            return true;
        }
        let wanted: HashSet<PathBuf> = self.files.iter().map(|f| absolute(f)).collect();
        reports.iter().any(|r| {
            wanted.contains(&absolute(&r.path))
                && Document::parse(&r.path, r.source.clone()).0.kind == DocumentKind::CaseStudy
        })
    }

    /// The submission-level findings as one report (no source text: they point at no
    /// line), with the configured levels applied.
    pub fn report(&self, outcomes: &[Outcome], config: &Config) -> FileReport {
        let mut diagnostics: Vec<Diagnostic> = self
            .unmatched
            .iter()
            .map(|problem| {
                Diagnostic::new(
                    file_rules::IO,
                    Severity::Error,
                    0..0,
                    format!("[submission] case_studies: {problem}: correct the path or the glob"),
                )
            })
            .collect();
        diagnostics.extend(diagnostics_of(outcomes, config));
        FileReport {
            path: self.report_path(),
            source: String::new(),
            diagnostics,
        }
    }
}

/// Portfolio results that are problems, as diagnostics (`Unknown` facts are not).
pub fn diagnostics_of(outcomes: &[Outcome], config: &Config) -> Vec<Diagnostic> {
    outcomes
        .iter()
        .filter_map(|o| {
            let default = match o.status {
                Status::Missing => Severity::Error,
                Status::Warning => Severity::Warning,
                Status::Met | Status::Unknown => return None,
            };
            let severity = match config.level_for(o.rule) {
                Some(level) => level.severity()?,
                None => default,
            };
            let help = portfolio::RULES
                .iter()
                .find(|r| r.id == o.rule)
                .map(|r| r.detail.to_string())
                .unwrap_or_default();
            Some(
                Diagnostic::new(o.rule, severity, 0..0, o.message.clone())
                    .with_requirement(o.requirement)
                    .with_help(help),
            )
        })
        .collect()
}

/// For `caselint check`: the submission-level report of each folder named on the command
/// line that holds case studies (or has a manifest). `config_of` gives the configuration
/// that applies to a folder.
pub fn check_reports(
    paths: &[PathBuf],
    reports: &[FileReport],
    config_of: &dyn Fn(&Path) -> Config,
    profile: &Profile,
    today: Date,
    without_manifest: bool,
) -> Vec<FileReport> {
    let mut out: Vec<FileReport> = Vec::new();
    let mut seen_roots: Vec<PathBuf> = Vec::new();
    for folder in paths.iter().filter(|p| p.is_dir()) {
        let config = config_of(folder);
        let submission = Submission::find(folder, &config);
        if submission.manifest.is_none() && !without_manifest {
            continue;
        }
        let root = absolute(&submission.root);
        if seen_roots.contains(&root) || !submission.has_case_studies(reports) {
            continue;
        }
        seen_roots.push(root);
        // A manifest may list files outside the folder walked: read those too.
        let checked: HashSet<PathBuf> = reports.iter().map(|r| absolute(&r.path)).collect();
        let mut extra = Vec::new();
        for file in &submission.files {
            if !checked.contains(&absolute(file))
                && let Ok(source) = std::fs::read_to_string(file)
            {
                extra.push(FileReport {
                    path: file.clone(),
                    source,
                    diagnostics: Vec::new(),
                });
            }
        }
        let all: Vec<&FileReport> = reports.iter().chain(&extra).collect();
        let outcomes = submission.evaluate(&all, profile, today);
        let report = submission.report(&outcomes, &config);
        if !report.diagnostics.is_empty() {
            out.push(report);
        }
    }
    out
}

fn absolute(path: &Path) -> PathBuf {
    let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    // `a/./b` and `a/b` are one file.
    joined.components().collect()
}

/// A path as a person named it: relative to the current folder when it is under it.
fn shown(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}
