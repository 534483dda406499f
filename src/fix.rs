//! Applying fixes: choosing which replacements to make, writing the result atomically, and
//! showing what would change as a unified diff (`--diff`).
//!
//! Nothing here panics on odd spans: a span that is reversed, past the end of the text or
//! not on a character boundary is skipped and counted in [`FixOutcome::skipped_invalid`].

use std::fs;
use std::io::{self, Write as _};
use std::ops::Range;
use std::path::{Path, PathBuf};

use std::time::{Duration, SystemTime};

use similar::{ChangeTag, TextDiff};

use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::Fingerprint;

/// What [`apply_fixes`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixOutcome {
    /// The text with the chosen fixes applied (equal to the input when none applied).
    pub fixed: String,
    /// Replacements that changed the text.
    pub applied: usize,
    /// Replacements left out because they overlap one that was applied. They will be found
    /// again on the next run, on the fixed text.
    pub skipped_overlapping: usize,
    /// Replacements left out because their span does not fit the text (reversed, past the
    /// end, or inside a character). This points at a bug in a rule, never at the writer.
    pub skipped_invalid: usize,
}

/// One replacement we may make.
struct Edit<'a> {
    span: Range<usize>,
    replacement: &'a str,
}

/// Applies the fixes of `diagnostics` to `source`.
///
/// - Only [`Applicability::Safe`] fixes, unless `include_unsafe`.
/// - Edits never overlap. They are taken in order of position; when two overlap, the first
///   (earliest start, then longest) wins and the other is counted in
///   `skipped_overlapping`. Two insertions (empty spans) at the same place overlap too.
/// - A replacement equal to the text it replaces changes nothing: it is neither applied nor
///   skipped, and it never blocks another fix.
/// - The same edit reported twice (same span, same replacement) is made once and the
///   duplicate is not counted as skipped.
/// - Spans out of range or not on character boundaries are skipped (`skipped_invalid`).
pub fn apply_fixes(source: &str, diagnostics: &[Diagnostic], include_unsafe: bool) -> FixOutcome {
    let mut skipped_invalid = 0;
    let mut edits: Vec<Edit<'_>> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for diagnostic in diagnostics {
        let Some(fix) = &diagnostic.fix else { continue };
        if fix.applicability == Applicability::Unsafe && !include_unsafe {
            continue;
        }
        let span = diagnostic.span.clone();
        let Some(current) = source.get(span.clone()) else {
            // `str::get` is `None` for reversed spans, spans past the end and spans that cut a
            // character.
            skipped_invalid += 1;
            continue;
        };
        if current == fix.replacement || !seen.insert((span.start, span.end, &fix.replacement)) {
            continue;
        }
        edits.push(Edit {
            span,
            replacement: &fix.replacement,
        });
    }

    // Earliest start first; for the same start, the longest first. The sort is stable, so
    // for identical spans the diagnostic that came first wins.
    edits.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then_with(|| b.span.end.cmp(&a.span.end))
    });

    let mut fixed = String::with_capacity(source.len());
    let mut applied = 0;
    let mut skipped_overlapping = 0;
    let mut cursor = 0;
    let mut last: Option<&Edit<'_>> = None;
    for edit in &edits {
        if let Some(previous) = last {
            let overlaps = edit.span.start < cursor
                || (edit.span.start == previous.span.start
                    && (edit.span.is_empty() || previous.span.is_empty()));
            if overlaps {
                skipped_overlapping += 1;
                continue;
            }
        }
        // Both ends are char boundaries (checked above) and `cursor <= start`.
        fixed.push_str(&source[cursor..edit.span.start]);
        fixed.push_str(edit.replacement);
        cursor = edit.span.end;
        applied += 1;
        last = Some(edit);
    }
    fixed.push_str(&source[cursor..]);

    FixOutcome {
        fixed,
        applied,
        skipped_overlapping,
        skipped_invalid,
    }
}

/// How many fixes `--fix` could make in `source` (over as many runs as it takes):
/// fixes that would change the text and whose span fits it, overlapping ones included,
/// duplicates counted once. Use it for [`crate::report::Summary::fixable_remaining`].
pub fn count_fixable(source: &str, diagnostics: &[Diagnostic], include_unsafe: bool) -> usize {
    let outcome = apply_fixes(source, diagnostics, include_unsafe);
    outcome.applied + outcome.skipped_overlapping
}

/// Why the fixed text of a file could not be saved. Every message names the file, says the
/// file was left as it was, and what to do.
#[derive(Debug, thiserror::Error)]
pub enum FixError {
    #[error("could not save fixes to {}: {} Nothing was changed; check that the file exists and that you can open it.", path.display(), plain(error))]
    Missing { path: PathBuf, error: io::Error },
    #[error("could not save fixes to {}: the file is read-only. Nothing was changed; make the file writable and run again.", path.display())]
    ReadOnly { path: PathBuf },
    #[error("could not save fixes to {}: could not create a temporary file in {}: {} Nothing was changed; check that you can write to that folder.", path.display(), dir.display(), plain(error))]
    TempFile {
        path: PathBuf,
        dir: PathBuf,
        error: io::Error,
    },
    #[error("could not save fixes to {}: {} Nothing was changed; check that the disk is not full and run again.", path.display(), plain(error))]
    Write { path: PathBuf, error: io::Error },
    #[error("could not save fixes to {}: could not replace the file: {} Nothing was changed; check that you can write to its folder and run again.", path.display(), plain(error))]
    Replace { path: PathBuf, error: io::Error },
    #[error("did not save fixes to {}: the file changed while caselint was checking it (it was edited or replaced). It was left as it is now, so that edit is kept; run caselint again to check and fix the new text.", path.display())]
    Changed { path: PathBuf },
    #[error("could not save fixes to {}: the text did not come from a regular file (standard input or a pipe), so there is nothing to write back to. Use --diff to see the fixes, or name the file itself.", path.display())]
    NotAFile { path: PathBuf },
}

impl FixError {
    /// The file that could not be saved.
    pub fn path(&self) -> &Path {
        match self {
            FixError::Missing { path, .. }
            | FixError::ReadOnly { path }
            | FixError::TempFile { path, .. }
            | FixError::Write { path, .. }
            | FixError::Replace { path, .. }
            | FixError::Changed { path }
            | FixError::NotAFile { path } => path,
        }
    }
}

/// An I/O error in words a writer understands, as a sentence.
fn plain(error: &io::Error) -> String {
    let words = match error.kind() {
        io::ErrorKind::NotFound => "the file or its folder does not exist.",
        io::ErrorKind::PermissionDenied => "permission denied.",
        io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only.",
        io::ErrorKind::StorageFull => "the disk is full.",
        io::ErrorKind::QuotaExceeded => "your disk quota is used up.",
        _ => return format!("{error}."),
    };
    words.to_string()
}

/// Writes `contents` to `path` atomically: a temporary file in the same folder, flushed to
/// disk, then renamed over the original, so a crash never leaves a half-written file.
///
/// - The original's permissions are kept (all mode bits on Unix), and on Unix its owner and
///   group too when the process may set them (best effort).
/// - When `path` is a symbolic link, the file it points to is replaced and the link is kept.
/// - A read-only file is not replaced: that is an error ([`FixError::ReadOnly`]).
/// - When `path` does not exist yet, it is created with the usual permissions (0o666 less
///   the umask), as `fs::write` would.
/// - On any error the original is untouched and no temporary file is left behind.
///
/// Hard links to the original are not kept (the folder entry is replaced).
pub fn write_atomic(path: &Path, contents: &str) -> Result<(), FixError> {
    write_atomic_checked(path, contents.as_bytes(), None)
}

/// [`write_atomic`] for a binary file (the self-assessment spreadsheet).
pub fn write_atomic_bytes(path: &Path, contents: &[u8]) -> Result<(), FixError> {
    write_atomic_checked(path, contents, None)
}

/// [`write_atomic`] for `--fix`: just before the rename, the file must still be what was
/// read (`read`: its size, modification time and bytes); if it was edited meanwhile it is
/// left alone ([`FixError::Changed`]), so the edit is not lost. An edit in the instant
/// between that last look and the rename cannot be told apart.
pub fn write_atomic_if_unchanged(
    path: &Path,
    contents: &str,
    read: &Fingerprint,
) -> Result<(), FixError> {
    write_atomic_checked(path, contents.as_bytes(), Some(read))
}

fn write_atomic_checked(
    path: &Path,
    contents: &[u8],
    read: Option<&Fingerprint>,
) -> Result<(), FixError> {
    let target = resolve_target(path)?;
    let original = match fs::metadata(&target) {
        Ok(metadata) => Some(metadata),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => {
            return Err(FixError::Missing {
                path: path.to_path_buf(),
                error,
            });
        }
    };
    if let Some(metadata) = &original
        && metadata.permissions().readonly()
    {
        return Err(FixError::ReadOnly {
            path: path.to_path_buf(),
        });
    }

    let dir = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let prefix = format!(
        ".{}.",
        target
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default()
    );
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(&prefix)
        .suffix(TEMP_SUFFIX)
        .rand_bytes(TEMP_RANDOM_CHARS);
    #[cfg(unix)]
    if original.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder
        .tempfile_in(&dir)
        .map_err(|error| FixError::TempFile {
            path: path.to_path_buf(),
            dir: dir.clone(),
            error,
        })?;

    // From here on, returning early drops `temp`, which deletes the temporary file.
    let write_error = |error| FixError::Write {
        path: path.to_path_buf(),
        error,
    };
    temp.write_all(contents).map_err(write_error)?;
    if let Some(metadata) = &original {
        keep_owner(temp.as_file(), metadata);
        // After the owner: changing the owner may clear set-user-id bits.
        temp.as_file()
            .set_permissions(metadata.permissions())
            .map_err(write_error)?;
    }
    temp.as_file().sync_all().map_err(write_error)?;

    #[cfg(debug_assertions)]
    fault_pause_before_rename();
    if let Some(read) = read {
        // An error here (the file is gone, unreadable) also means it is not what was read.
        if !read.still_matches(&target).unwrap_or(false) {
            return Err(FixError::Changed {
                path: path.to_path_buf(),
            });
        }
    }
    temp.persist(&target).map_err(|error| FixError::Replace {
        path: path.to_path_buf(),
        error: error.error,
    })?;
    // Make the rename itself durable; failing here does not undo it, so ignore errors.
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(&dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Fault tests (debug builds only): with `CASELINT_FAULT_PAUSE_BEFORE_RENAME=FILE`, `--fix`
/// creates FILE once the fixed text is on disk and waits (30 s at most) until the test
/// deletes it, so a test can edit the original at the worst moment.
#[cfg(debug_assertions)]
fn fault_pause_before_rename() {
    let Some(marker) = std::env::var_os("CASELINT_FAULT_PAUSE_BEFORE_RENAME") else {
        return;
    };
    if fs::write(&marker, b"").is_err() {
        return;
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while Path::new(&marker).exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Temporary files are `.<file name>.<random>.caselint-tmp`, beside the file.
const TEMP_SUFFIX: &str = ".caselint-tmp";
const TEMP_RANDOM_CHARS: usize = 6;
/// A temporary file untouched for this long belongs to a `--fix` that was killed: a
/// running one writes, syncs and renames it within seconds.
const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// Whether a file name is one of our temporary files (`.notes.md.a1B2c3.caselint-tmp`).
fn is_temp_name(name: &str) -> bool {
    name.strip_prefix('.')
        .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
        .and_then(|rest| rest.rsplit_once('.'))
        .is_some_and(|(file, random)| {
            !file.is_empty()
                && random.len() == TEMP_RANDOM_CHARS
                && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// Removes the temporary files a killed `--fix` left in the folders of `files`: only
/// regular files of caselint's own naming untouched for [`STALE_AFTER`]. Best effort (a
/// folder that cannot be read is skipped); returns what was removed.
pub fn remove_stale_temp_files<'a>(files: impl Iterator<Item = &'a PathBuf>) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = files
        .map(|file| match file.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        })
        .collect();
    folders.sort();
    folders.dedup();
    let now = SystemTime::now();
    let mut removed = Vec::new();
    for folder in folders {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            if !name.to_str().is_some_and(is_temp_name) {
                continue;
            }
            // `DirEntry::metadata` does not follow symbolic links: a link is never ours.
            let stale = entry.metadata().is_ok_and(|meta| {
                meta.is_file()
                    && meta
                        .modified()
                        .ok()
                        .and_then(|at| now.duration_since(at).ok())
                        .is_some_and(|age| age >= STALE_AFTER)
            });
            if stale && fs::remove_file(entry.path()).is_ok() {
                removed.push(entry.path());
            }
        }
    }
    removed
}

/// The file to replace: `path` itself, or what it points to when it is a symbolic link.
fn resolve_target(path: &Path) -> Result<PathBuf, FixError> {
    match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => {
            fs::canonicalize(path).map_err(|error| FixError::Missing {
                path: path.to_path_buf(),
                error,
            })
        }
        _ => Ok(path.to_path_buf()),
    }
}

#[cfg(unix)]
fn keep_owner(file: &fs::File, original: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let Ok(current) = file.metadata() else { return };
    if current.uid() != original.uid() || current.gid() != original.gid() {
        // Only a privileged process may give a file away; otherwise keep our own.
        let _ = std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid()));
    }
}

#[cfg(not(unix))]
fn keep_owner(_file: &fs::File, _original: &fs::Metadata) {}

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// A unified diff of `old` → `new` for `--diff`: `--- a/path`, `+++ b/path`, hunks with 3
/// lines of context. Empty when the texts are equal. With `color`, removed lines are red,
/// added lines green, hunk headers cyan (ANSI escape codes); without, none at all.
pub fn unified_diff(path: &Path, old: &str, new: &str, color: bool) -> String {
    if old == new {
        return String::new();
    }
    let name = crate::report::display_path(path);
    let diff = TextDiff::from_lines(old, new);
    let mut unified = diff.unified_diff();
    unified.context_radius(3);

    let mut out = String::new();
    let (bold, red, green, cyan, reset) = if color {
        (BOLD, RED, GREEN, CYAN, RESET)
    } else {
        ("", "", "", "", "")
    };
    out.push_str(&format!("{bold}--- a/{name}{reset}\n"));
    out.push_str(&format!("{bold}+++ b/{name}{reset}\n"));
    for hunk in unified.iter_hunks() {
        out.push_str(&format!("{cyan}{}{reset}\n", hunk.header()));
        for change in hunk.iter_changes() {
            let (sign, style) = match change.tag() {
                ChangeTag::Delete => ('-', red),
                ChangeTag::Insert => ('+', green),
                ChangeTag::Equal => (' ', ""),
            };
            let value = change.value();
            let line = value.strip_suffix('\n').unwrap_or(value);
            let line = line.strip_suffix('\r').unwrap_or(line);
            let ending = &value[line.len()..];
            let style_reset = if style.is_empty() { "" } else { reset };
            out.push_str(&format!("{style}{sign}{line}{style_reset}{ending}"));
            if !ending.ends_with('\n') {
                out.push('\n');
                out.push_str("\\ No newline at end of file\n");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn fix_at(source: &str, needle: &str, replacement: &str) -> Diagnostic {
        let start = source.find(needle).expect("needle in source");
        Diagnostic::new(
            "DOC-003/product-name",
            Severity::Error,
            start..start + needle.len(),
            "wrong name",
        )
        .with_fix(replacement, Applicability::Safe)
    }

    fn raw_fix(span: Range<usize>, replacement: &str, applicability: Applicability) -> Diagnostic {
        Diagnostic::new("DOC-003/product-name", Severity::Error, span, "wrong name")
            .with_fix(replacement, applicability)
    }

    #[test]
    fn applies_at_exact_positions_with_multibyte_text_around() {
        let source = "Café Cloudwatch 🚀 and Dynamo DB — naïve\n";
        let diagnostics = [
            fix_at(source, "Dynamo DB", "Amazon DynamoDB"),
            fix_at(source, "Cloudwatch", "Amazon CloudWatch"),
        ];
        let outcome = apply_fixes(source, &diagnostics, false);
        assert_eq!(
            outcome.fixed,
            "Café Amazon CloudWatch 🚀 and Amazon DynamoDB — naïve\n"
        );
        assert_eq!(outcome.applied, 2);
        assert_eq!(outcome.skipped_overlapping, 0);
        assert_eq!(outcome.skipped_invalid, 0);
    }

    #[test]
    fn unsafe_fixes_only_on_request() {
        let source = "We use S3.";
        let diagnostics = [
            raw_fix(7..9, "Amazon S3", Applicability::Unsafe),
            Diagnostic::new("DOC-003/spelling", Severity::Warning, 0..2, "no fix"),
        ];
        let outcome = apply_fixes(source, &diagnostics, false);
        assert_eq!(outcome.fixed, source);
        assert_eq!(outcome.applied, 0);
        let outcome = apply_fixes(source, &diagnostics, true);
        assert_eq!(outcome.fixed, "We use Amazon S3.");
        assert_eq!(outcome.applied, 1);
    }

    #[test]
    fn overlapping_fixes_first_then_longest_wins() {
        let source = "abcdefghij";
        let diagnostics = [
            raw_fix(2..4, "X", Applicability::Safe), // inside the longer one: skipped
            raw_fix(2..6, "LONG", Applicability::Safe), // same start, longer: wins
            raw_fix(5..8, "Y", Applicability::Safe), // overlaps the winner: skipped
            raw_fix(8..9, "Z", Applicability::Safe), // touches nothing: applied
            raw_fix(0..1, "A", Applicability::Safe), // earliest: applied
        ];
        let outcome = apply_fixes(source, &diagnostics, false);
        assert_eq!(outcome.fixed, "AbLONGghZj");
        assert_eq!(outcome.applied, 3);
        assert_eq!(outcome.skipped_overlapping, 2);
    }

    #[test]
    fn adjacent_fixes_do_not_overlap() {
        let source = "abcdef";
        let diagnostics = [
            raw_fix(3..6, "DEF", Applicability::Safe),
            raw_fix(0..3, "ABC", Applicability::Safe),
        ];
        let outcome = apply_fixes(source, &diagnostics, false);
        assert_eq!(outcome.fixed, "ABCDEF");
        assert_eq!(outcome.applied, 2);
        assert_eq!(outcome.skipped_overlapping, 0);
    }

    #[test]
    fn insertions_at_the_same_place_overlap() {
        let source = "ab";
        let diagnostics = [
            raw_fix(1..1, "X", Applicability::Safe),
            raw_fix(1..1, "Y", Applicability::Safe),
        ];
        let outcome = apply_fixes(source, &diagnostics, false);
        assert_eq!(outcome.fixed, "aXb");
        assert_eq!(outcome.applied, 1);
        assert_eq!(outcome.skipped_overlapping, 1);
    }

    #[test]
    fn counting_fixable() {
        let source = "abcdef";
        let diagnostics = [
            raw_fix(0..3, "X", Applicability::Safe),
            raw_fix(1..2, "Y", Applicability::Safe), // overlaps: counted, for a later run
            raw_fix(0..3, "X", Applicability::Safe), // duplicate: once
            raw_fix(3..4, "d", Applicability::Safe), // no change
            raw_fix(4..99, "e", Applicability::Safe), // does not fit
            raw_fix(5..6, "F", Applicability::Unsafe), // only on request
        ];
        assert_eq!(count_fixable(source, &diagnostics, false), 2);
        assert_eq!(count_fixable(source, &diagnostics, true), 3);
    }

    #[test]
    fn duplicate_fixes_are_made_once_and_not_counted_as_skipped() {
        let source = "Cloudwatch";
        let diagnostics = [
            fix_at(source, "Cloudwatch", "Amazon CloudWatch"),
            fix_at(source, "Cloudwatch", "Amazon CloudWatch"),
        ];
        let outcome = apply_fixes(source, &diagnostics, false);
        assert_eq!(outcome.fixed, "Amazon CloudWatch");
        assert_eq!(outcome.applied, 1);
        assert_eq!(outcome.skipped_overlapping, 0);

        // A skipped fix reported twice counts once.
        let diagnostics = [
            raw_fix(0..10, "Amazon CloudWatch", Applicability::Safe),
            raw_fix(0..5, "x", Applicability::Safe),
            raw_fix(0..10, "other", Applicability::Safe),
            raw_fix(0..5, "x", Applicability::Safe),
        ];
        let outcome = apply_fixes(source, &diagnostics, false);
        assert_eq!(outcome.fixed, "Amazon CloudWatch");
        assert_eq!(outcome.applied, 1);
        assert_eq!(outcome.skipped_overlapping, 2);
    }

    #[test]
    fn invalid_spans_are_skipped_without_panicking() {
        let source = "é Cloudwatch";
        let diagnostics = [
            raw_fix(1..2, "e", Applicability::Safe), // inside `é`
            raw_fix(Range { start: 5, end: 3 }, "x", Applicability::Safe), // reversed
            raw_fix(10..99, "x", Applicability::Safe), // past the end
            raw_fix(99..99, "x", Applicability::Safe), // past the end, empty
            fix_at(source, "Cloudwatch", "Amazon CloudWatch"),
        ];
        let outcome = apply_fixes(source, &diagnostics, false);
        assert_eq!(outcome.fixed, "é Amazon CloudWatch");
        assert_eq!(outcome.applied, 1);
        assert_eq!(outcome.skipped_invalid, 4);
        assert_eq!(outcome.skipped_overlapping, 0);
    }

    #[test]
    fn empty_source_and_edits_at_the_end() {
        let outcome = apply_fixes("", &[raw_fix(0..0, "x", Applicability::Safe)], false);
        assert_eq!(outcome.fixed, "x");
        let outcome = apply_fixes("ab", &[raw_fix(2..2, "!", Applicability::Safe)], false);
        assert_eq!(outcome.fixed, "ab!");
        assert_eq!(outcome.applied, 1);
    }

    #[test]
    fn idempotent_when_replacements_equal_the_text() {
        let source = "Café Cloudwatch 🚀 and Dynamo DB\n";
        let first = apply_fixes(
            source,
            &[
                fix_at(source, "Cloudwatch", "Amazon CloudWatch"),
                fix_at(source, "Dynamo DB", "Amazon DynamoDB"),
            ],
            false,
        );
        assert_eq!(first.applied, 2);
        // A second run finds the fixed names and "fixes" them to themselves.
        let fixed = &first.fixed;
        let again = [
            fix_at(fixed, "Amazon CloudWatch", "Amazon CloudWatch"),
            fix_at(fixed, "Amazon DynamoDB", "Amazon DynamoDB"),
        ];
        let second = apply_fixes(fixed, &again, false);
        assert_eq!(&second.fixed, fixed);
        assert_eq!(second.applied, 0);
        assert_eq!(second.skipped_overlapping, 0);
    }

    #[test]
    fn a_no_op_replacement_does_not_block_a_real_fix() {
        let source = "Amazon Cloudwatch";
        let diagnostics = [
            raw_fix(0..17, "Amazon Cloudwatch", Applicability::Safe),
            raw_fix(7..17, "CloudWatch", Applicability::Safe),
        ];
        let outcome = apply_fixes(source, &diagnostics, false);
        assert_eq!(outcome.fixed, "Amazon CloudWatch");
        assert_eq!(outcome.applied, 1);
        assert_eq!(outcome.skipped_overlapping, 0);
    }

    fn temp_names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("read dir")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }

    #[test]
    fn temp_names_are_recognised_exactly() {
        assert!(is_temp_name(".notes.md.a1B2c3.caselint-tmp"));
        assert!(is_temp_name(".a.b.md.ZZZZZZ.caselint-tmp"));
        assert!(!is_temp_name(".notes.md.a1B2c.caselint-tmp"));
        assert!(!is_temp_name("notes.md.a1B2c3.caselint-tmp"));
        assert!(!is_temp_name("..a1B2c3.caselint-tmp"));
        assert!(!is_temp_name(".notes.md.a1B2c3.tmp"));
        assert!(!is_temp_name(".notes.md.a1-2c3.caselint-tmp"));
    }

    #[test]
    fn a_file_edited_after_it_was_read_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "Cloudwatch\n").unwrap();
        let limits = crate::document::Limits::default();
        let read = crate::document::read_source(&path, &limits).unwrap();
        let fingerprint = read.fingerprint.clone().unwrap();
        // Same size, and the modification time put back: only the bytes tell.
        let modified = fs::metadata(&path).unwrap().modified().unwrap();
        fs::write(&path, "CloudWatch\n").unwrap();
        fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        let error =
            write_atomic_if_unchanged(&path, "Amazon CloudWatch\n", &fingerprint).unwrap_err();
        assert!(matches!(error, FixError::Changed { .. }), "{error}");
        assert!(
            error
                .to_string()
                .contains("changed while caselint was checking it")
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "CloudWatch\n");
        assert!(
            !temp_names(dir.path())
                .iter()
                .any(|n| n.ends_with(TEMP_SUFFIX))
        );

        let read = crate::document::read_source(&path, &limits).unwrap();
        write_atomic_if_unchanged(
            &path,
            "Amazon CloudWatch\n",
            read.fingerprint.as_ref().unwrap(),
        )
        .unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "Amazon CloudWatch\n");
    }

    #[test]
    fn only_stale_temp_files_of_our_naming_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let hour_ago = SystemTime::now() - Duration::from_secs(3600);
        let make = |name: &str, at: Option<SystemTime>| {
            let path = dir.path().join(name);
            let file = fs::File::create(&path).unwrap();
            if let Some(at) = at {
                file.set_modified(at).unwrap();
            }
            path
        };
        let stale = make(".a.md.Ab12Cd.caselint-tmp", Some(hour_ago));
        let fresh = make(".a.md.Zz98Yy.caselint-tmp", None);
        let foreign = make(".a.md.swp", Some(hour_ago));
        let doc = make("a.md", Some(hour_ago));
        let removed = remove_stale_temp_files([doc.clone()].iter());
        assert_eq!(removed, vec![stale.clone()]);
        assert!(!stale.exists() && fresh.exists() && foreign.exists() && doc.exists());
    }

    #[test]
    fn write_atomic_replaces_content() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("acme.md");
        fs::write(&path, "old text that is longer than the new one\n").expect("write");
        write_atomic(&path, "new ü\n").expect("write_atomic");
        assert_eq!(fs::read_to_string(&path).expect("read"), "new ü\n");
        assert_eq!(temp_names(dir.path()), ["acme.md"]);
    }

    #[test]
    fn write_atomic_creates_a_missing_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("new.md");
        write_atomic(&path, "hello\n").expect("write_atomic");
        assert_eq!(fs::read_to_string(&path).expect("read"), "hello\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).expect("metadata").permissions().mode();
            // 0o666 less the umask: at least readable and writable by the owner, and not
            // the 0o600 a bare temporary file gets unless the umask asks for it.
            assert_eq!(mode & 0o600, 0o600);
        }
        assert_eq!(temp_names(dir.path()), ["new.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn write_atomic_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("acme.md");
        fs::write(&path, "old\n").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
        write_atomic(&path, "new\n").expect("write_atomic");
        let mode = fs::metadata(&path).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o7777, 0o640);
        assert_eq!(fs::read_to_string(&path).expect("read"), "new\n");
        assert_eq!(temp_names(dir.path()), ["acme.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn write_atomic_follows_a_symlink() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        fs::write(&real, "old\n").expect("write");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        write_atomic(&link, "new\n").expect("write_atomic");
        assert!(
            fs::symlink_metadata(&link)
                .expect("metadata")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).expect("read"), "new\n");
        assert_eq!(temp_names(dir.path()), ["link.md", "real.md"]);
    }

    #[test]
    fn write_atomic_refuses_a_read_only_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("acme.md");
        fs::write(&path, "old\n").expect("write");
        let mut permissions = fs::metadata(&path).expect("metadata").permissions();
        permissions.set_readonly(true);
        fs::set_permissions(&path, permissions).expect("chmod");
        let error = write_atomic(&path, "new\n").expect_err("read-only file");
        assert!(matches!(error, FixError::ReadOnly { .. }), "{error:?}");
        assert!(error.to_string().contains("acme.md"));
        assert!(error.to_string().contains("read-only"));
        assert_eq!(fs::read_to_string(&path).expect("read"), "old\n");
        assert_eq!(temp_names(dir.path()), ["acme.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn write_atomic_fails_cleanly_in_a_read_only_directory() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("acme.md");
        fs::write(&path, "old\n").expect("write");
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).expect("chmod");
        // root (or CAP_DAC_OVERRIDE) ignores mode bits: probe instead of guessing.
        let probe = dir.path().join("probe");
        if fs::write(&probe, "").is_ok() {
            let _ = fs::remove_file(&probe);
            let _ = fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755));
            eprintln!(
                "note: skipped the read-only folder check: this process ignores permissions (root?)"
            );
            return;
        }
        let result = write_atomic(&path, "new\n");
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod back");
        let error = result.expect_err("read-only folder");
        assert!(matches!(error, FixError::TempFile { .. }), "{error:?}");
        let message = error.to_string();
        assert!(message.contains("acme.md"), "{message}");
        assert!(message.contains("Nothing was changed"), "{message}");
        assert_eq!(fs::read_to_string(&path).expect("read"), "old\n");
        assert_eq!(temp_names(dir.path()), ["acme.md"]);
    }

    #[test]
    fn write_atomic_fails_cleanly_in_a_missing_directory() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("no-such-folder").join("acme.md");
        let error = write_atomic(&path, "new\n").expect_err("missing folder");
        assert_eq!(error.path(), path);
        let message = error.to_string();
        assert!(message.contains("acme.md"), "{message}");
        assert!(message.contains("does not exist"), "{message}");
        assert!(!path.exists());
        assert!(temp_names(dir.path()).is_empty());
    }

    #[test]
    fn unified_diff_is_empty_when_unchanged() {
        assert_eq!(unified_diff(Path::new("a.md"), "x\n", "x\n", false), "");
        assert_eq!(unified_diff(Path::new("a.md"), "x\n", "x\n", true), "");
    }

    #[test]
    fn unified_diff_of_a_one_word_change() {
        let old = "# Acme\n\nline 2\nline 3\nline 4\nWe monitor with Cloudwatch.\nline 6\nline 7\nline 8\nline 9\n";
        let new = old.replace("Cloudwatch", "Amazon CloudWatch");
        let diff = unified_diff(Path::new("docs/acme.md"), old, &new, false);
        assert!(!diff.contains('\x1b'));
        insta::assert_snapshot!(diff);
    }

    #[test]
    fn unified_diff_in_color() {
        let diff = unified_diff(
            Path::new("a.md"),
            "Cloudwatch\n",
            "Amazon CloudWatch\n",
            true,
        );
        assert_eq!(
            diff,
            "\x1b[1m--- a/a.md\x1b[0m\n\x1b[1m+++ b/a.md\x1b[0m\n\x1b[36m@@ -1 +1 @@\x1b[0m\n\
             \x1b[31m-Cloudwatch\x1b[0m\n\x1b[32m+Amazon CloudWatch\x1b[0m\n"
        );
    }

    #[test]
    fn unified_diff_without_final_newline() {
        let diff = unified_diff(
            Path::new("a.md"),
            "one\nCloudwatch",
            "one\nAmazon CloudWatch",
            false,
        );
        assert_eq!(
            diff,
            "--- a/a.md\n+++ b/a.md\n@@ -1,2 +1,2 @@\n one\n-Cloudwatch\n\\ No newline at end of file\n+Amazon CloudWatch\n\\ No newline at end of file\n"
        );
    }
}
