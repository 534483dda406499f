//! Reading a file as text, with errors a writer can act on.

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;

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

/// Reads a file as text. Errors are ready-made Diagnostics (rule `io`, severity Error)
/// whose message says what is wrong and what to do.
///
/// A UTF-8 BOM is kept in the returned text (offsets are into the file as read); the
/// Markdown parser skips it.
// The error is a whole Diagnostic by design (the caller reports it as is); reading a file
// is rare next to checking it, so its size does not matter.
#[allow(clippy::result_large_err)]
pub fn read_text(path: &Path, limits: &Limits) -> Result<String, Diagnostic> {
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
    if metadata.len() > limits.max_file_bytes {
        return Err(too_large(path, metadata.len(), limits.max_file_bytes));
    }

    let mut file = File::open(path).map_err(|error| open_error(path, &error))?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // Read at most one byte more than the limit: the file may have grown since `metadata`.
    file.by_ref()
        .take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|error| open_error(path, &error))?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > limits.max_file_bytes {
        return Err(too_large(path, read, limits.max_file_bytes));
    }
    decode(path, bytes)
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
