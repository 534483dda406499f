//! How AWS was used (checklist 2.2): named AWS services with their role in the solution.
//! A sentence counts when it names a service and says what it does there ("Amazon S3
//! stores the scanned invoices", "using AWS Lambda to resize images"); a bare list of
//! service names (a tag list, "Services used: Amazon S3, AWS Lambda") does not.

use std::collections::BTreeMap;
use std::ops::Range;

use super::{Env, Evidence, Scope, Verdict};
use crate::document::BlockKind;
use crate::lexicon::Verdict as NameVerdict;
use crate::profile::Check;

/// Word beginnings that say what a service does in the solution (verbs and their nouns).
const ROLE_STEMS: &[&str] = &[
    "use",
    "using",
    "run",
    "ran",
    "host",
    "stor",
    "process",
    "power",
    "built",
    "build",
    "deploy",
    "migrat",
    "analy",
    "automat",
    "ingest",
    "serve",
    "serving",
    "handl",
    "manag",
    "provid",
    "enabl",
    "allow",
    "trigger",
    "orchestrat",
    "send",
    "sent",
    "deliver",
    "stream",
    "quer",
    "monitor",
    "secur",
    "encrypt",
    "backup",
    "back",
    "replicat",
    "scal",
    "train",
    "transform",
    "integrat",
    "connect",
    "rout",
    "authenticat",
    "schedul",
    "cach",
    "archiv",
    "detect",
    "extract",
    "translat",
    "transcrib",
    "invok",
    "collect",
    "aggregat",
    "visuali",
    "protect",
    "recover",
    "alert",
    "notif",
    "generat",
    "predict",
    "classif",
    "summari",
    "answer",
    "search",
    "index",
    "load",
    "balanc",
    "distribut",
    "moved",
    "modernis",
    "moderniz",
    "replac",
    "consolidat",
    "captur",
    "record",
    "respond",
    "pars",
    "read",
    "writ",
    "keep",
    "kept",
    "hold",
    "turn",
    "feed",
    "fed",
    "pull",
    "push",
    "sync",
    "copy",
    "copie",
    "retain",
    "log",
    "audit",
    "govern",
    "catalog",
    "clean",
    "prepar",
    "forecast",
    "recommend",
    "personali",
    "identif",
    "verif",
    "filter",
    "block",
    "scan",
    "watch",
    "track",
    "launch",
    "spin",
    "patch",
    "restor",
    "fail",
    "queue",
    "decoupl",
    "expos",
    "call",
    "calls",
    "power",
    "support",
    "let",
    "lets",
    "gives",
    "give",
    "helps",
    "help",
    "through",
    "via",
    "backed",
    "behind",
    "where",
    "which",
];

/// Products that are programmes, markets or support, not parts of a solution.
const NOT_SERVICES: &[&str] = &[
    "partner",
    "marketplace",
    "support",
    "training",
    "certification",
    "activate",
    "program",
    "programme",
    "competency",
    "well-architected",
    "professional services",
];

/// Words in a sentence besides the names it takes to say what a service does.
const MIN_OTHER_WORDS: usize = 4;

pub fn aws_usage(check: &Check, scope: &Scope, env: &Env) -> Verdict {
    let products = env.names.products();
    let need = check.min.unwrap_or(1) as usize;
    let mut with_role: BTreeMap<usize, Evidence> = BTreeMap::new();
    let mut bare: BTreeMap<usize, Range<usize>> = BTreeMap::new();
    for prose in &scope.prose {
        if matches!(prose.block, BlockKind::Heading(_)) {
            continue;
        }
        let hits: Vec<_> = env
            .names
            .find(&prose.text)
            .into_iter()
            .filter_map(|hit| {
                let (NameVerdict::Correct { .. }, Some(i)) = (&hit.verdict, hit.product) else {
                    return None;
                };
                let product = products.get(i)?;
                let name = product.canonical.to_lowercase();
                (!NOT_SERVICES.iter().any(|n| name.contains(n))).then_some((i, hit.range))
            })
            .collect();
        if hits.is_empty() {
            continue;
        }
        for sentence in sentences(&prose.text) {
            let inside: Vec<&(usize, Range<usize>)> = hits
                .iter()
                .filter(|(_, r)| r.start >= sentence.start && r.end <= sentence.end)
                .collect();
            if inside.is_empty() {
                continue;
            }
            let mut others = 0;
            let mut role = false;
            for (start, word) in words(&prose.text[sentence.clone()]) {
                let at = sentence.start + start;
                if inside.iter().any(|(_, r)| r.contains(&at)) {
                    continue;
                }
                let lower = word.to_lowercase();
                if lower == "amazon" || lower == "aws" || lower == "and" {
                    continue;
                }
                others += 1;
                if ROLE_STEMS.iter().any(|s| lower.starts_with(s)) {
                    role = true;
                }
            }
            let described = role && others >= MIN_OTHER_WORDS;
            for (i, range) in inside {
                if described {
                    with_role.entry(*i).or_insert_with(|| Evidence {
                        span: prose.source_range(range.clone()),
                        note: format!(
                            "AWS service with its role: `{}`",
                            quote(prose.text[sentence.clone()].trim())
                        ),
                    });
                } else {
                    bare.entry(*i)
                        .or_insert_with(|| prose.source_range(range.clone()));
                }
            }
        }
    }
    let met = with_role.len() >= need;
    let mut problems = Vec::new();
    if !met && !bare.is_empty() {
        let names: Vec<String> = bare
            .keys()
            .filter(|i| !with_role.contains_key(i))
            .filter_map(|i| products.get(*i).map(|p| format!("`{}`", p.short)))
            .take(5)
            .collect();
        if let Some(first) = bare.values().next() {
            problems.push((
                first.clone(),
                format!(
                    "names {} without saying what {} in the solution: a list of services is not a description of how AWS was used",
                    names.join(", "),
                    if names.len() == 1 { "it does" } else { "they do" }
                ),
            ));
        }
    }
    Verdict {
        met,
        found: with_role.into_values().collect(),
        problems,
        uncertain: false,
    }
}

/// Sentence ranges: split after `.`, `!`, `?` or `;` followed by white space.
fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?' | b';')
            && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace())
        {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// Words (letters, digits, `-`) with their byte offsets.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || c == '-';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

fn quote(text: &str) -> String {
    if text.chars().count() <= 100 {
        return text.to_string();
    }
    let cut: String = text.chars().take(99).collect();
    format!("{cut}…")
}
