//! Reading a file as text, with errors a writer can act on.

use std::fs::{File, Metadata};
use std::io::{ErrorKind, Read};
use std::path::Path;
use std::time::SystemTime;

use crate::diagnostic::{Diagnostic, Severity, file_rules};
use crate::lines::LineIndex;

/// Limits on what caselint agrees to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Files larger than this are reported, not read (`max_file_size` in caselint.toml).
    pub max_file_bytes: u64,
}

impl Limits {
    pub const DEFAULT_MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: Limits::DEFAULT_MAX_FILE_BYTES,
        }
    }
}

/// How many leading bytes are searched for a NUL byte to tell binary files from text.
const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// What a file held when it was read, so that `--fix` can tell whether someone changed it
/// while it was being checked: its size, modification time and a hash of the bytes read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

impl Fingerprint {
    fn new(metadata: &Metadata, bytes: &[u8]) -> Fingerprint {
        Fingerprint {
            len: metadata.len(),
            modified: metadata.modified().ok(),
            hash: hash_bytes(bytes),
        }
    }

    /// Whether the file at `path` still holds exactly what was read. Size and time are
    /// compared first; the bytes are read and hashed only when both still match (an edit
    /// within the file system's time resolution keeps the time).
    pub fn still_matches(&self, path: &Path) -> std::io::Result<bool> {
        let metadata = std::fs::metadata(path)?;
        if metadata.len() != self.len || metadata.modified().ok() != self.modified {
            return Ok(false);
        }
        let bytes = std::fs::read(path)?;
        Ok(u64::try_from(bytes.len()).ok() == Some(self.len) && hash_bytes(&bytes) == self.hash)
    }
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    use std::hash::{DefaultHasher, Hasher};
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// A file's text as read once, with what `--fix` needs to write it back safely.
#[derive(Debug, Clone)]
pub struct Source {
    pub text: String,
    /// `None` when the text did not come from a regular file (standard input, a pipe):
    /// there is nothing to write fixes back to.
    pub fingerprint: Option<Fingerprint>,
}

/// Reads a file as text. Errors are ready-made Diagnostics (rule `io`, severity Error)
/// whose message says what is wrong and what to do.
///
/// A UTF-8 BOM is kept in the returned text (offsets are into the file as read); the
/// Markdown parser skips it.
// The error is a whole Diagnostic by design (the caller reports it as is); reading a file
// is rare next to checking it, so its size does not matter.
#[allow(clippy::result_large_err)]
pub fn read_text(path: &Path, limits: &Limits) -> Result<String, Diagnostic> {
    read_source(path, limits).map(|source| source.text)
}

/// Reads a file once: its text and its [`Fingerprint`]. Only regular files are read, and
/// pipes that are already open (`/dev/stdin`, `/dev/fd/N` from process substitution):
/// opening a named pipe (FIFO) would wait for a writer forever, and a device has no end.
#[allow(clippy::result_large_err)]
pub fn read_source(path: &Path, limits: &Limits) -> Result<Source, Diagnostic> {
    let shown = path.display();
    if path.as_os_str().is_empty() {
        return Err(io_error(
            0..0,
            "no file name was given; name a Markdown file or a folder to check",
        ));
    }
    let metadata = std::fs::metadata(path).map_err(|error| open_error(path, &error))?;
    if metadata.is_dir() {
        return Err(io_error(
            0..0,
            format!(
                "`{shown}` is a folder, not a file; name a Markdown file, or check the folder \
                 with `caselint check {shown}` so its files are found"
            ),
        ));
    }
    let regular = metadata.is_file();
    let open_pipe = is_open_pipe(&metadata) && names_open_descriptor(path);
    if !regular && !open_pipe {
        return Err(not_a_file(path, &metadata));
    }
    if regular && metadata.len() > limits.max_file_bytes {
        return Err(too_large(path, metadata.len(), limits.max_file_bytes));
    }

    let mut file = File::open(path).map_err(|error| open_error(path, &error))?;
    // What was opened may not be what was looked at (the path was replaced in between).
    let opened = file.metadata().map_err(|error| open_error(path, &error))?;
    if regular != opened.is_file() {
        return Err(not_a_file(path, &opened));
    }
    let capacity = if regular { opened.len() } else { 0 };
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    read_bounded(&mut file, &mut bytes, limits).map_err(|error| open_error(path, &error))?;
    check_size(path, &bytes, limits)?;
    let fingerprint = regular.then(|| Fingerprint::new(&opened, &bytes));
    Ok(Source {
        text: decode(path, bytes)?,
        fingerprint,
    })
}

/// Reads standard input (`caselint check -`); `shown` is the name findings are reported
/// under (`--stdin-filename`, or `<stdin>`).
#[allow(clippy::result_large_err)]
pub fn read_stdin(shown: &Path, limits: &Limits) -> Result<Source, Diagnostic> {
    let mut bytes = Vec::new();
    read_bounded(&mut std::io::stdin().lock(), &mut bytes, limits).map_err(|error| {
        io_error(
            0..0,
            format!(
                "standard input could not be read: {error}; pipe the Markdown text in and try again"
            ),
        )
    })?;
    check_size(shown, &bytes, limits)?;
    Ok(Source {
        text: decode(shown, bytes)?,
        fingerprint: None,
    })
}

/// Reads at most one byte more than the limit: a file may have grown since it was looked
/// at, and a pipe has no size to look at.
fn read_bounded(
    reader: &mut impl Read,
    bytes: &mut Vec<u8>,
    limits: &Limits,
) -> std::io::Result<()> {
    reader
        .take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(bytes)
        .map(|_| ())
}

#[allow(clippy::result_large_err)]
fn check_size(path: &Path, bytes: &[u8], limits: &Limits) -> Result<(), Diagnostic> {
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > limits.max_file_bytes {
        return Err(too_large(path, read, limits.max_file_bytes));
    }
    Ok(())
}

#[cfg(unix)]
fn is_open_pipe(metadata: &Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    let kind = metadata.file_type();
    kind.is_fifo() || kind.is_socket()
}

#[cfg(not(unix))]
fn is_open_pipe(_metadata: &Metadata) -> bool {
    false
}

/// `/dev/stdin`, `/dev/fd/63` (what `<(command)` expands to), `/proc/self/fd/0`: a
/// descriptor this process already holds, so opening it never waits.
fn names_open_descriptor(path: &Path) -> bool {
    let text = path.to_string_lossy();
    text == "/dev/stdin"
        || ["/dev/fd/", "/proc/self/fd/"].iter().any(|folder| {
            text.strip_prefix(folder)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// Anything but a regular file named directly: refused, saying what it is.
fn not_a_file(path: &Path, metadata: &Metadata) -> Diagnostic {
    let shown = path.display();
    let what = file_kind(metadata);
    let message = if what == "a named pipe (FIFO)" {
        format!(
            "`{shown}` is {what}, not a regular file: reading it would wait for a program to \
             write to it; to check what a program prints, pipe it in: `program | caselint check -`"
        )
    } else {
        format!(
            "`{shown}` is {what}, not a regular file; caselint checks Markdown files: name one, \
             or pipe text in with `caselint check -`"
        )
    };
    io_error(0..0, message)
}

fn file_kind(metadata: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    let _ = metadata;
    "a special file"
}

/// Turns the bytes of a file into text, or explains why they are not UTF-8 text.
#[allow(clippy::result_large_err)]
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let shown = path.display();
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(io_error(
            0..2,
            format!(
                "`{shown}` is saved as UTF-16 text; re-save it as UTF-8 (in most editors: \
                 \"Save with encoding\" → UTF-8) and check it again"
            ),
        ));
    }
    let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    if let Some(nul) = sniff.iter().position(|&b| b == 0) {
        return Err(io_error(
            nul..nul + 1,
            format!(
                "`{shown}` looks like a binary file (it contains a NUL byte), not Markdown text; \
                 exclude it from the check (for example with `exclude` in caselint.toml)"
            ),
        ));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) => {
            let utf8 = error.utf8_error();
            let at = utf8.valid_up_to();
            let len = utf8.error_len().unwrap_or(1);
            let bytes = error.as_bytes();
            // Everything before `at` is valid UTF-8, so this cannot fail; fall back to an
            // empty prefix rather than panic.
            let valid = std::str::from_utf8(&bytes[..at]).unwrap_or("");
            let (line, column) = LineIndex::new(valid).line_col(valid, at);
            let byte = bytes.get(at).copied().unwrap_or(0);
            Err(io_error(
                at..at + len,
                format!(
                    "`{shown}` is not UTF-8 text: line {line}, column {column} has the byte \
                     0x{byte:02X}, which is not valid UTF-8 (the file was probably saved in \
                     another encoding, such as Windows-1252 or Latin-1); re-save it as UTF-8 \
                     and check it again"
                ),
            ))
        }
    }
}

fn too_large(path: &Path, size: u64, limit: u64) -> Diagnostic {
    io_error(
        0..0,
        format!(
            "`{}` is {}, over the {} limit; exclude it or raise `max_file_size` in caselint.toml",
            path.display(),
            human_size(size),
            human_size(limit)
        ),
    )
}

fn open_error(path: &Path, error: &std::io::Error) -> Diagnostic {
    let shown = path.display();
    let message = match error.kind() {
        ErrorKind::NotFound => {
            format!(
                "`{shown}` does not exist; check the path is spelled right and the file was not moved"
            )
        }
        ErrorKind::PermissionDenied => format!(
            "`{shown}` cannot be read: permission denied; give your user read access to it \
             (or exclude it from the check)"
        ),
        ErrorKind::IsADirectory => format!(
            "`{shown}` is a folder, not a file; name a Markdown file, or check the folder \
             with `caselint check {shown}` so its files are found"
        ),
        ErrorKind::InvalidData => format!(
            "`{shown}` could not be read as text ({error}); re-save it as UTF-8 text and check it again"
        ),
        _ => format!(
            "`{shown}` could not be read: {error}; check the file is readable and try again"
        ),
    };
    io_error(0..0, message)
}

fn io_error(span: std::ops::Range<usize>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(file_rules::IO, Severity::Error, span, message)
}

/// `10485760` → `10 MB`, `110000000` → `104.9 MB` (binary multiples, as file managers
/// on most systems show them, with one decimal when it is not a whole number).
fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0} {}", UNITS[unit])
    } else {
        format!("{rounded:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let path = dir.join(name);
        let mut file = File::create(&path).expect("create");
        file.write_all(bytes).expect("write");
        path
    }

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(human_size(10 * 1024 * 1024), "10 MB");
        assert_eq!(human_size(110_000_000), "104.9 MB");
        assert_eq!(human_size(1536), "1.5 KB");
        assert_eq!(human_size(12), "12 bytes");
    }

    #[test]
    fn reads_text_and_keeps_the_bom() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = write(dir.path(), "a.md", "\u{feff}# Hi\r\n".as_bytes());
        let text = read_text(&path, &Limits::default()).expect("read");
        assert_eq!(text, "\u{feff}# Hi\r\n");
    }

    #[test]
    fn missing_file_and_directory() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = read_text(&dir.path().join("nope.md"), &Limits::default()).unwrap_err();
        assert_eq!(missing.rule, "io");
        assert_eq!(missing.severity, Severity::Error);
        assert!(
            missing.message.contains("does not exist"),
            "{}",
            missing.message
        );
        let folder = read_text(dir.path(), &Limits::default()).unwrap_err();
        assert!(folder.message.contains("is a folder"), "{}", folder.message);
        let empty = read_text(Path::new(""), &Limits::default()).unwrap_err();
        assert!(empty.message.contains("no file name"), "{}", empty.message);
    }

    #[test]
    fn too_large_names_the_setting() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = write(dir.path(), "big.md", &[b'a'; 3000]);
        let error = read_text(
            &path,
            &Limits {
                max_file_bytes: 2048,
            },
        )
        .unwrap_err();
        assert!(
            error.message.contains("is 2.9 KB, over the 2 KB limit"),
            "{}",
            error.message
        );
        assert!(error.message.contains("max_file_size"), "{}", error.message);
        assert!(
            read_text(
                &path,
                &Limits {
                    max_file_bytes: 3000
                }
            )
            .is_ok()
        );
    }

    #[test]
    fn binary_and_utf16() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = write(dir.path(), "x.png", b"\x89PNG\r\n\x1a\n\0\0\0");
        let error = read_text(&path, &Limits::default()).unwrap_err();
        assert!(error.message.contains("binary"), "{}", error.message);
        assert_eq!(error.span, 8..9);
        let path = write(dir.path(), "u16.md", b"\xFF\xFEH\0i\0");
        let error = read_text(&path, &Limits::default()).unwrap_err();
        assert!(error.message.contains("UTF-16"), "{}", error.message);
    }

    #[test]
    fn not_utf8_points_at_the_byte() {
        let dir = tempfile::tempdir().expect("tempdir");
        // "café" in Latin-1 on line 2, after a multibyte character on the same line.
        let path = write(
            dir.path(),
            "l1.md",
            b"# Title\n\xE2\x80\x94 caf\xE9 au lait\n",
        );
        let error = read_text(&path, &Limits::default()).unwrap_err();
        assert_eq!(error.span, 15..16);
        assert!(
            error.message.contains("line 2, column 6"),
            "{}",
            error.message
        );
        assert!(error.message.contains("0xE9"), "{}", error.message);
        assert!(
            error.message.contains("re-save it as UTF-8"),
            "{}",
            error.message
        );
    }

    #[cfg(unix)]
    #[test]
    fn permission_denied() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = write(dir.path(), "secret.md", b"# Secret\n");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        // Root can read anything; only check the message when the read really fails.
        if let Err(error) = read_text(&path, &Limits::default()) {
            assert!(
                error.message.contains("permission denied"),
                "{}",
                error.message
            );
        }
    }
}
