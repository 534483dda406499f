//! TEMPORARY stub with the agreed API, replaced by the real document model on merge.
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Severity, file_rules};
use crate::lines::LineIndex;

pub struct Limits {
    pub max_file_bytes: u64,
}
impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 10 * 1024 * 1024,
        }
    }
}
pub fn read_text(path: &Path, _limits: &Limits) -> Result<String, Diagnostic> {
    std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::new(file_rules::IO, Severity::Error, 0..0, e.to_string()))
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Doc,
    CaseStudy,
    PublicPage,
    SelfAssessment,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading(u8),
    TableCell,
}
pub struct Prose {
    pub text: String,
    pub block: BlockKind,
    start: usize,
}
impl Prose {
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        self.start + range.start..self.start + range.end
    }
    pub fn is_verbatim(&self, _range: Range<usize>) -> bool {
        true
    }
}
pub struct Suppressions;
impl Suppressions {
    pub fn is_suppressed(&self, _rule: &str, _offset: usize) -> bool {
        false
    }
}
pub struct Document {
    pub path: PathBuf,
    pub source: String,
    pub kind: DocumentKind,
    pub prose: Vec<Prose>,
    pub suppressions: Suppressions,
    pub lines: LineIndex,
}
impl Document {
    pub fn parse(path: impl Into<PathBuf>, source: String) -> (Document, Vec<Diagnostic>) {
        let mut prose = Vec::new();
        let mut offset = 0;
        for line in source.split_inclusive('\n') {
            let text = line.trim_end_matches('\n').to_string();
            let block = if text.starts_with('#') {
                BlockKind::Heading(1)
            } else {
                BlockKind::Paragraph
            };
            prose.push(Prose {
                text,
                block,
                start: offset,
            });
            offset += line.len();
        }
        let lines = LineIndex::new(&source);
        (
            Document {
                path: path.into(),
                source,
                kind: DocumentKind::Doc,
                prose,
                suppressions: Suppressions,
                lines,
            },
            Vec::new(),
        )
    }
}
