//! What a check finds: a rule, a severity, a byte span in the file as read, a message
//! written for a marketing writer, and optionally a fix.

use std::ops::Range;

use serde::Serialize;

/// How serious a finding is. `Off` exists only in configuration: a rule set to `off`
/// never produces a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Whether `--fix` may apply a replacement without a human looking at it.
///
/// `Safe` means a single, unambiguous replacement that keeps the meaning (a product
/// name's casing). `Unsafe` means a likely but debatable edit (rewriting a first mention
/// into its long form): shown as a suggestion, applied only on request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    Safe,
    Unsafe,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub replacement: String,
    pub applicability: Applicability,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Checklist id, with a sub-check suffix: `DOC-003/product-name`. `io` and
    /// `front-matter` report files that could not be checked.
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    /// Byte offsets into the file as read (0-based, end exclusive).
    pub span: Range<usize>,
    /// The edit `--fix` may apply over `span`.
    pub fix: Option<Fix>,
    /// Other replacements worth offering, best first (the fix, if any, is first).
    pub suggestions: Vec<String>,
    /// The checklist requirement the rule enforces (`DOC-003`), so a writer can look it up.
    pub requirement: String,
    /// A short sentence or a link that helps the writer act on the finding.
    pub help: Option<String>,
    /// Other places in the same file that the finding is about: where the evidence a
    /// section lacks is told instead, or where a name is written right.
    pub related: Vec<Related>,
    /// The rule cannot tell for certain (a name that may be another vendor's connector):
    /// never more than a warning, whatever level the rule is configured at.
    pub unsure: bool,
}

/// A place in the same file that explains a finding, with what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Byte offsets into the file as read, like [`Diagnostic::span`].
    pub span: Range<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn new(
        rule: impl Into<String>,
        severity: Severity,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let rule = rule.into();
        let requirement = rule.split('/').next().unwrap_or_default().to_string();
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            span,
            fix: None,
            suggestions: Vec::new(),
            requirement,
            help: None,
            related: Vec::new(),
            unsure: false,
        }
    }

    /// Marks the finding as one the rule cannot be certain of (see [`Diagnostic::unsure`]).
    pub fn unsure(mut self) -> Self {
        self.unsure = true;
        self.severity = self.severity.min(Severity::Warning);
        self
    }

    pub fn with_fix(
        mut self,
        replacement: impl Into<String>,
        applicability: Applicability,
    ) -> Self {
        let replacement = replacement.into();
        if !self.suggestions.contains(&replacement) {
            self.suggestions.insert(0, replacement.clone());
        }
        self.fix = Some(Fix {
            replacement,
            applicability,
        });
        self
    }

    pub fn with_suggestion(mut self, replacement: impl Into<String>) -> Self {
        let replacement = replacement.into();
        if !self.suggestions.contains(&replacement) {
            self.suggestions.push(replacement);
        }
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_related(mut self, span: Range<usize>, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_requirement(mut self, requirement: impl Into<String>) -> Self {
        self.requirement = requirement.into();
        self
    }
}

/// Rules that report files caselint could not check at all.
pub mod file_rules {
    /// The file could not be read, is not text, is too large, or the path does not exist.
    pub const IO: &str = "io";
    /// The front matter between `---` (or `+++`) fences is malformed.
    pub const FRONT_MATTER: &str = "front-matter";
}

/// Everything found in one file. `source` is the text as read (empty when the file could
/// not be read), kept so renderers can show the line and fixes can be applied.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path as the user named it (or as found by walking), for display.
    pub path: std::path::PathBuf,
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    /// A file that could not be checked at all: one `io` error, nothing to show.
    pub fn unreadable(path: &std::path::Path, message: impl Into<String>) -> FileReport {
        FileReport {
            path: path.to_path_buf(),
            source: String::new(),
            diagnostics: vec![Diagnostic::new(
                file_rules::IO,
                Severity::Error,
                0..0,
                message,
            )],
        }
    }
}

/// A requirement check that passed, with what its detector found: `--verbose` lists these
/// so a writer sees what caselint read as the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Met {
    /// The check's rule id (`UCR-002/impact`).
    pub rule: String,
    pub requirement: String,
    /// Byte span in the file and a plain description of each piece of evidence.
    pub found: Vec<(std::ops::Range<usize>, String)>,
}
