//! Turning the paths a user names into the files to check: folders are walked in
//! parallel, honouring .gitignore, hidden files and the include/exclude globs.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use ignore::{WalkBuilder, WalkState};

use crate::diagnostic::FileReport;

/// File endings checked when a folder is walked and no include glob is given.
pub const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkd", "mdx"];

/// A Markdown file by its name: one of [`MARKDOWN_EXTENSIONS`], or Markdown run through a
/// template engine first (`page.html.md.erb`, Middleman's convention), whose tags are masked.
fn is_markdown_name(path: &Path) -> bool {
    let markdown = |e: &str| {
        MARKDOWN_EXTENSIONS
            .iter()
            .any(|m| m.eq_ignore_ascii_case(e))
    };
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let mut parts = name.rsplit('.');
    match (parts.next(), parts.next()) {
        (Some(last), _) if markdown(last) => name.contains('.'),
        (Some(last), Some(inner)) => last.eq_ignore_ascii_case("erb") && markdown(inner),
        _ => false,
    }
}

#[derive(Debug, Default)]
pub struct Discovered {
    /// Files to check, sorted so output is stable from run to run.
    pub files: Vec<PathBuf>,
    /// Paths that could not be used (missing, unreadable folder), as ready-made reports.
    pub problems: Vec<FileReport>,
}

#[derive(Debug, thiserror::Error)]
#[error("`{glob}` is not a valid glob: {reason}")]
pub struct GlobError {
    pub glob: String,
    pub reason: String,
}

pub struct Filters {
    include: Option<GlobSet>,
    exclude: GlobSet,
}

impl Filters {
    pub fn new(include: &[String], exclude: &[String]) -> Result<Filters, GlobError> {
        Ok(Filters {
            include: if include.is_empty() {
                None
            } else {
                Some(build_set(include)?)
            },
            exclude: build_set(exclude)?,
        })
    }

    /// Whether a walked file (path relative to the walk root) is to be checked.
    fn accepts(&self, relative: &Path) -> bool {
        if self.exclude.is_match(relative)
            || relative
                .file_name()
                .is_some_and(|n| self.exclude.is_match(n))
        {
            return false;
        }
        match &self.include {
            Some(include) => {
                include.is_match(relative)
                    || relative.file_name().is_some_and(|n| include.is_match(n))
            }
            None => is_markdown_name(relative),
        }
    }

    /// Excludes also prune whole folders (`node_modules/**`, `legacy`) so they are not walked.
    fn prunes_dir(&self, relative: &Path) -> bool {
        !relative.as_os_str().is_empty()
            && (self.exclude.is_match(relative)
                || relative
                    .file_name()
                    .is_some_and(|n| self.exclude.is_match(n)))
    }
}

fn build_set(globs: &[String]) -> Result<GlobSet, GlobError> {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        let parsed: Glob = GlobBuilder::new(glob)
            .literal_separator(true)
            .build()
            .map_err(|err| GlobError {
                glob: glob.clone(),
                reason: err.kind().to_string(),
            })?;
        builder.add(parsed);
        // `docs/legacy` should also exclude what is under it.
        if !glob.ends_with("/**")
            && let Ok(under) = GlobBuilder::new(&format!("{}/**", glob.trim_end_matches('/')))
                .literal_separator(true)
                .build()
        {
            builder.add(under);
        }
    }
    builder.build().map_err(|err| GlobError {
        glob: globs.join(", "),
        reason: err.to_string(),
    })
}

/// Files named directly are always checked (whatever their ending, as ripgrep does), and
/// `-` (standard input) too; folders are walked with `filters`.
pub fn discover(paths: &[PathBuf], filters: &Filters) -> Discovered {
    let mut found = Discovered::default();
    for path in paths {
        if crate::check::is_stdin(path) {
            found.files.push(path.clone());
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, filters, &mut found),
            Ok(_) => found.files.push(path.clone()),
            Err(err) => found.problems.push(missing(path, &err)),
        }
    }
    found.files.sort();
    found.files.dedup();
    found
}

fn walk(root: &Path, filters: &Filters, found: &mut Discovered) {
    let files = Mutex::new(Vec::new());
    let problems = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(8);
    WalkBuilder::new(root)
        .threads(threads)
        // A docs folder need not be a git checkout for its .gitignore to count.
        .require_git(false)
        .build_parallel()
        .run(|| {
            let files = &files;
            let problems = &problems;
            Box::new(move |entry| {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(err) => {
                        let path = err_path(&err).unwrap_or_else(|| root.to_path_buf());
                        if let Ok(mut problems) = problems.lock() {
                            problems.push(unreadable(&path, &err.to_string()));
                        }
                        return WalkState::Continue;
                    }
                };
                let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                if is_dir {
                    return if filters.prunes_dir(relative) {
                        WalkState::Skip
                    } else {
                        WalkState::Continue
                    };
                }
                if entry.file_type().is_some_and(|t| t.is_file())
                    && filters.accepts(relative)
                    && let Ok(mut files) = files.lock()
                {
                    files.push(entry.into_path());
                }
                WalkState::Continue
            })
        });
    found.files.extend(files.into_inner().unwrap_or_default());
    found
        .problems
        .extend(problems.into_inner().unwrap_or_default());
}

fn err_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            err_path(err)
        }
        _ => None,
    }
}

fn missing(path: &Path, err: &std::io::Error) -> FileReport {
    let message = if err.kind() == std::io::ErrorKind::NotFound {
        format!(
            "`{}` does not exist: check the path for typos",
            path.display()
        )
    } else {
        format!("cannot open `{}`: {err}", path.display())
    };
    report(path, message)
}

fn unreadable(path: &Path, reason: &str) -> FileReport {
    report(path, format!("cannot read `{}`: {reason}", path.display()))
}

fn report(path: &Path, message: String) -> FileReport {
    FileReport::unreadable(path, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(dir: &Path, rel: &str) {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "x").unwrap();
    }

    fn names(found: &Discovered, root: &Path) -> Vec<String> {
        found
            .files
            .iter()
            .map(|p| {
                p.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect()
    }

    #[test]
    fn markdown_names_include_erb_templates_of_markdown() {
        assert!(is_markdown_name(Path::new("docs/a.md")));
        assert!(is_markdown_name(Path::new("docs/upgrade.html.md.erb")));
        assert!(!is_markdown_name(Path::new("views/page.html.erb")));
        assert!(!is_markdown_name(Path::new("md")));
        assert!(!is_markdown_name(Path::new("notes.txt")));
    }

    #[test]
    fn walks_markdown_honouring_gitignore_and_globs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(root, "a.md");
        touch(root, "docs/b.markdown");
        touch(root, "docs/c.txt");
        touch(root, "ignored/d.md");
        touch(root, "legacy/e.md");
        touch(root, ".hidden/f.md");
        std::fs::write(root.join(".gitignore"), "ignored/\n").unwrap();

        let found = discover(
            &[root.to_path_buf()],
            &Filters::new(&[], &["legacy".into()]).unwrap(),
        );
        assert_eq!(names(&found, root), vec!["a.md", "docs/b.markdown"]);

        let only_docs = discover(
            &[root.to_path_buf()],
            &Filters::new(&["docs/**".into()], &[]).unwrap(),
        );
        assert_eq!(
            names(&only_docs, root),
            vec!["docs/b.markdown", "docs/c.txt"]
        );
    }

    #[test]
    fn missing_paths_are_reported_and_files_named_directly_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        touch(dir.path(), "notes.txt");
        let found = discover(
            &[dir.path().join("notes.txt"), dir.path().join("nope.md")],
            &Filters::new(&[], &[]).unwrap(),
        );
        assert_eq!(found.files.len(), 1);
        assert_eq!(found.problems.len(), 1);
        assert!(
            found.problems[0].diagnostics[0]
                .message
                .contains("does not exist")
        );
    }

    #[test]
    fn bad_globs_are_errors() {
        let err = Filters::new(&["docs/[".into()], &[]).err().unwrap();
        assert!(err.to_string().contains("docs/["));
    }
}
