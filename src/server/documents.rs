//! The documents the editor has open: their text as the editor has it (not as saved),
//! and the findings of the latest check of exactly that text.

use std::collections::HashMap;
use std::path::PathBuf;

use lsp_types::Uri;

use super::position::LineMap;
use super::worker::{Checked, Job};
use crate::diagnostic::FileReport;

#[derive(Debug)]
pub struct OpenDocument {
    pub text: String,
    /// The editor's version number, sent back with the diagnostics.
    pub version: i32,
    /// Bumped on every new text or re-check; a check result of another generation is
    /// stale (a closed and reopened document may reuse version numbers).
    pub generation: u64,
    pub path: PathBuf,
    /// The latest check of `text`, once it is done.
    pub checked: Option<Findings>,
}

#[derive(Debug)]
pub struct Findings {
    pub report: FileReport,
    pub lines: LineMap,
    pub explanations: HashMap<String, String>,
    pub front_matter_end: Option<usize>,
    pub solution_areas: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Documents {
    open: HashMap<Uri, OpenDocument>,
    next_generation: u64,
}

impl Documents {
    /// Records the text of `uri` (opened or changed) and returns the check to run.
    pub fn update(&mut self, uri: &Uri, version: i32, text: String, path: PathBuf) -> Job {
        self.next_generation += 1;
        let generation = self.next_generation;
        let doc = OpenDocument {
            text,
            version,
            generation,
            path,
            checked: None,
        };
        let job = job_for(uri, &doc);
        self.open.insert(uri.clone(), doc);
        job
    }

    /// A new check of the text as it is (after a save: files next to it may have
    /// appeared or gone). The findings so far stay until it is done.
    pub fn recheck(&mut self, uri: &Uri, saved_text: Option<String>) -> Option<Job> {
        self.next_generation += 1;
        let generation = self.next_generation;
        let doc = self.open.get_mut(uri)?;
        if let Some(text) = saved_text
            && text != doc.text
        {
            doc.text = text;
            doc.checked = None;
        }
        doc.generation = generation;
        Some(job_for(uri, doc))
    }

    pub fn close(&mut self, uri: &Uri) -> Option<OpenDocument> {
        self.open.remove(uri)
    }

    pub fn get(&self, uri: &Uri) -> Option<&OpenDocument> {
        self.open.get(uri)
    }

    /// Keeps a check result if it is of the document's current text; returns the
    /// document to publish its findings, or `None` for a stale result.
    pub fn accept(&mut self, checked: Checked) -> Option<(&Uri, &OpenDocument)> {
        let (uri, doc) = self.open.get_key_value(&checked.uri)?;
        if doc.generation != checked.generation {
            return None;
        }
        let uri = uri.clone();
        let doc = self.open.get_mut(&uri)?;
        doc.checked = Some(Findings {
            lines: LineMap::new(&checked.report.source),
            report: checked.report,
            explanations: checked.explanations,
            front_matter_end: checked.front_matter_end,
            solution_areas: checked.solution_areas,
        });
        self.open.get_key_value(&uri)
    }
}

fn job_for(uri: &Uri, doc: &OpenDocument) -> Job {
    Job {
        uri: uri.clone(),
        generation: doc.generation,
        path: doc.path.clone(),
        text: doc.text.clone(),
    }
}
