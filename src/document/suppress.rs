//! Suppression comments: `<!-- caselint-disable … -->` and friends, in HTML comments
//! anywhere in the Markdown except code.
//!
//! - `caselint-disable-file [ids]`: the whole file;
//! - `caselint-disable [ids]` … `caselint-enable [ids]`: from the comment on (an enable
//!   with ids re-enables only those; without, all);
//! - `caselint-disable-next-line [ids]`: the next line that is not blank;
//! - `caselint-disable-line [ids]`: the line(s) the comment is on.
//!
//! Ids are separated by spaces or commas; none means every rule. An id matches a rule
//! exactly or as its family: `DOC-003` matches `DOC-003/product-name`, never `DOC-0031`.
//! Text after ` -- ` is a reason, for readers: `<!-- caselint-disable-line DOC-003 -- quoted -->`.

use std::ops::Range;

use super::suggest::did_you_mean;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::lines::LineIndex;

/// Rule id of warnings about comments that look like directives but are not.
pub const COMMENT_RULE: &str = "caselint-comment";

const DIRECTIVES: [&str; 5] = [
    "caselint-disable",
    "caselint-enable",
    "caselint-disable-line",
    "caselint-disable-next-line",
    "caselint-disable-file",
];

/// Which findings the document's comments silence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suppressions {
    file: Vec<(Selector, usize)>,
    /// Byte ranges of whole lines (line break included).
    lines: Vec<(Range<usize>, Selector, usize)>,
    /// `disable` / `enable` comments in source order.
    toggles: Vec<Toggle>,
    /// Every disabling comment, so unused ones and unknown ids can be reported.
    directives: Vec<Directive>,
}

/// One comment that disables rules: where it is and the ids it names (none: all rules).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub span: Range<usize>,
    /// Each id with its byte span in the file.
    pub ids: Vec<(String, Range<usize>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Selector {
    All,
    Ids(Vec<String>),
}

impl Selector {
    fn from_ids(ids: Vec<String>) -> Selector {
        if ids.is_empty() {
            Selector::All
        } else {
            Selector::Ids(ids)
        }
    }

    /// `Some(None)`: matches as "every rule"; `Some(Some(i))`: its `i`th id matches.
    fn matched(&self, rule: &str) -> Option<Option<usize>> {
        match self {
            Selector::All => Some(None),
            Selector::Ids(ids) => ids.iter().position(|id| id_matches(id, rule)).map(Some),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Toggle {
    at: usize,
    disable: bool,
    selector: Selector,
    /// The directive (for `disable` toggles).
    directive: usize,
}

/// `DOC-003` matches `DOC-003` and `DOC-003/product-name`, not `DOC-0031` (ASCII case
/// ignored).
fn id_matches(id: &str, rule: &str) -> bool {
    match rule.get(..id.len()) {
        Some(prefix) if prefix.eq_ignore_ascii_case(id) => {
            rule.len() == id.len() || rule.as_bytes().get(id.len()) == Some(&b'/')
        }
        _ => false,
    }
}

impl Suppressions {
    /// Whether a finding of `rule` (e.g. `DOC-003/product-name`) starting at byte `offset`
    /// is silenced.
    pub fn is_suppressed(&self, rule: &str, offset: usize) -> bool {
        !self.silencers(rule, offset).is_empty()
    }

    /// The directives that silence `rule` at `offset`: each as its index in
    /// [`Suppressions::directives`] and the index of the id that matched (`None`: the
    /// comment names no ids, so it silences every rule).
    pub fn silencers(&self, rule: &str, offset: usize) -> Vec<(usize, Option<usize>)> {
        let mut out = Vec::new();
        for (selector, directive) in &self.file {
            if let Some(id) = selector.matched(rule) {
                out.push((*directive, id));
            }
        }
        for (range, selector, directive) in &self.lines {
            if range.contains(&offset)
                && let Some(id) = selector.matched(rule)
            {
                out.push((*directive, id));
            }
        }
        let mut disabled = None;
        for toggle in self.toggles.iter().take_while(|t| t.at <= offset) {
            if let Some(id) = toggle.selector.matched(rule) {
                disabled = toggle.disable.then_some((toggle.directive, id));
            }
        }
        out.extend(disabled);
        out
    }

    /// The comments that disable rules, in source order.
    pub fn directives(&self) -> &[Directive] {
        &self.directives
    }

    /// No suppression comments at all.
    pub fn is_empty(&self) -> bool {
        self.file.is_empty() && self.lines.is_empty() && self.toggles.is_empty()
    }

    /// Reads the directives in `comments` (spans of `<!-- … -->`), and warns about
    /// comments that look like a mistyped directive.
    pub(super) fn from_comments(
        source: &str,
        lines: &LineIndex,
        comments: &[Range<usize>],
    ) -> (Suppressions, Vec<Diagnostic>) {
        let mut suppressions = Suppressions::default();
        let mut diagnostics = Vec::new();
        for comment in comments {
            let Some(text) = source.get(comment.clone()) else {
                continue;
            };
            let inner = text.strip_prefix("<!--").unwrap_or(text);
            let inner = inner.strip_suffix("-->").unwrap_or(inner);
            let inner_start =
                comment.start + (text.len() - text.strip_prefix("<!--").unwrap_or(text).len());
            let trimmed = inner.trim_start();
            let token_start = inner_start + (inner.len() - trimmed.len());
            let token = trimmed
                .split(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            let name = token.trim_end_matches(':').to_ascii_lowercase();
            if name == "caselint" {
                // `caselint disable-line`: a directive written with a space.
                let after = &trimmed[token.len()..];
                let next = after.split_whitespace().next().unwrap_or("");
                let lower = next.to_ascii_lowercase();
                if lower.starts_with("disable") || lower.starts_with("enable") {
                    let end =
                        token_start + token.len() + after.find(next).unwrap_or(0) + next.len();
                    let shown = source.get(token_start..end).unwrap_or(token);
                    let suggestion = did_you_mean(&format!("caselint-{lower}"), &DIRECTIVES);
                    diagnostics.push(unknown_directive(token_start..end, shown, suggestion));
                }
                continue;
            }
            if !name.starts_with("caselint-") {
                continue;
            }
            let rest = &trimmed[token.len()..];
            let rest_start = token_start + token.len();
            let rest = rest.split(" -- ").next().unwrap_or(rest);
            let mut spanned: Vec<(String, Range<usize>)> = Vec::new();
            let mut word_start = None;
            for (i, c) in rest
                .char_indices()
                .chain(std::iter::once((rest.len(), ' ')))
            {
                let separator = c.is_whitespace() || c == ',';
                match (separator, word_start) {
                    (false, None) => word_start = Some(i),
                    (true, Some(start)) => {
                        let id = rest[start..i].trim_end_matches('/');
                        if !id.is_empty() {
                            let at = rest_start + start;
                            spanned.push((id.to_string(), at..at + id.len()));
                        }
                        word_start = None;
                    }
                    _ => {}
                }
            }
            let ids: Vec<String> = spanned.iter().map(|(id, _)| id.clone()).collect();
            let selector = Selector::from_ids(ids);
            let directive = suppressions.directives.len();
            if name != "caselint-enable" && DIRECTIVES.contains(&name.as_str()) {
                suppressions.directives.push(Directive {
                    span: comment.clone(),
                    ids: spanned,
                });
            }
            match name.as_str() {
                "caselint-disable-file" => suppressions.file.push((selector, directive)),
                "caselint-disable" | "caselint-enable" => suppressions.toggles.push(Toggle {
                    at: comment.start,
                    disable: name == "caselint-disable",
                    selector,
                    directive,
                }),
                "caselint-disable-line" => {
                    let first = lines.line(comment.start);
                    let last = lines.line(comment.end.saturating_sub(1).max(comment.start));
                    suppressions.lines.push((
                        line_bytes(source, lines, first, last),
                        selector,
                        directive,
                    ));
                }
                "caselint-disable-next-line" => {
                    let last = lines.line(comment.end.saturating_sub(1).max(comment.start));
                    let next = (last + 1..=lines.line_count()).find(|&l| {
                        source
                            .get(lines.line_range(source, l))
                            .is_some_and(|t| !t.trim().is_empty())
                    });
                    if let Some(next) = next {
                        suppressions.lines.push((
                            line_bytes(source, lines, next, next),
                            selector,
                            directive,
                        ));
                    }
                }
                _ => {
                    let span = token_start..token_start + token.len();
                    let suggestion = did_you_mean(&name, &DIRECTIVES);
                    diagnostics.push(unknown_directive(span, token, suggestion));
                }
            }
        }
        (suppressions, diagnostics)
    }
}

/// The warning for a comment that looks like a directive but is not one.
fn unknown_directive(span: Range<usize>, shown: &str, suggestion: Option<&str>) -> Diagnostic {
    let mut message = format!("`{shown}` is not a caselint comment, so it silences nothing");
    if let Some(suggestion) = suggestion {
        message.push_str(&format!("; did you mean `{suggestion}`?"));
    }
    let mut diagnostic = Diagnostic::new(COMMENT_RULE, Severity::Warning, span, message).with_help(
        "caselint understands `caselint-disable`, `caselint-enable`, `caselint-disable-line`, \
         `caselint-disable-next-line` and `caselint-disable-file`, each optionally followed by \
         rule ids such as `DOC-003/product-name`",
    );
    if let Some(suggestion) = suggestion {
        diagnostic = diagnostic.with_fix(suggestion, Applicability::Unsafe);
    }
    diagnostic
}

/// Bytes of lines `first..=last` (1-based), line breaks included; the last line of the
/// file also covers the offset at its very end.
fn line_bytes(source: &str, lines: &LineIndex, first: usize, last: usize) -> Range<usize> {
    let start = lines.line_range(source, first).start;
    let end = if last < lines.line_count() {
        lines.line_range(source, last + 1).start
    } else {
        source.len() + 1
    };
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comments(source: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(i) = source[from..].find("<!--") {
            let start = from + i;
            let end = source[start..]
                .find("-->")
                .map_or(source.len(), |j| start + j + 3);
            out.push(start..end);
            from = end;
        }
        out
    }

    fn parse(source: &str) -> (Suppressions, Vec<Diagnostic>) {
        Suppressions::from_comments(source, &LineIndex::new(source), &comments(source))
    }

    #[test]
    fn ids_match_families_not_prefixes() {
        assert!(id_matches("DOC-003", "DOC-003"));
        assert!(id_matches("DOC-003", "DOC-003/product-name"));
        assert!(id_matches("doc-003", "DOC-003/product-name"));
        assert!(!id_matches("DOC-003", "DOC-0031"));
        assert!(!id_matches("DOC-003/product-name", "DOC-003"));
        assert!(!id_matches("DOC-003", "DOC-00"));
        assert!(!id_matches("é", "e"));
    }

    #[test]
    fn disable_file() {
        let (s, d) = parse("Text\n<!-- caselint-disable-file DOC-003/first-mention -->\n");
        assert!(d.is_empty());
        assert!(s.is_suppressed("DOC-003/first-mention", 0));
        assert!(!s.is_suppressed("DOC-003/product-name", 0));
        let (s, _) = parse("<!--caselint-disable-file-->");
        assert!(s.is_suppressed("anything", 1000));
    }

    #[test]
    fn disable_and_enable_ranges() {
        let source = "AAA\n<!-- caselint-disable DOC-003, UCR-002 -->\nBBB\n<!-- caselint-enable DOC-003 -->\nCCC\n<!-- caselint-disable -->\nDDD\n<!-- caselint-enable -->\nEEE\n";
        let (s, d) = parse(source);
        assert!(d.is_empty());
        let at = |t: &str| source.find(t).expect("marker");
        assert!(!s.is_suppressed("DOC-003/product-name", at("AAA")));
        assert!(s.is_suppressed("DOC-003/product-name", at("BBB")));
        assert!(s.is_suppressed("UCR-002", at("BBB")));
        assert!(!s.is_suppressed("PS-004", at("BBB")));
        assert!(!s.is_suppressed("DOC-003/product-name", at("CCC")));
        assert!(s.is_suppressed("UCR-002", at("CCC")));
        assert!(s.is_suppressed("PS-004", at("DDD")));
        assert!(!s.is_suppressed("UCR-002", at("EEE")));
    }

    #[test]
    fn enable_with_ids_after_disable_all() {
        let source = "<!-- caselint-disable -->\na\n<!-- caselint-enable DOC-003 -->\nb\n";
        let (s, _) = parse(source);
        let b = source.find("b\n").expect("b");
        assert!(!s.is_suppressed("DOC-003/spelling", b));
        assert!(s.is_suppressed("UCR-002", b));
    }

    #[test]
    fn next_line_skips_blank_lines() {
        let source = "<!-- caselint-disable-next-line DOC-003 -- a quote -->\n\n   \nAmazon Cloudwatch\nAgain Cloudwatch\n";
        let (s, d) = parse(source);
        assert!(d.is_empty());
        let first = source.find("Cloudwatch").expect("first");
        let second = source.rfind("Cloudwatch").expect("second");
        assert!(s.is_suppressed("DOC-003/product-name", first));
        assert!(!s.is_suppressed("DOC-003/product-name", second));
        assert!(!s.is_suppressed("a", first), "the reason is not an id");
    }

    #[test]
    fn same_line_and_crlf() {
        let source = "x\r\nAmazon Cloudwatch <!-- caselint-disable-line -->\r\nCloudwatch";
        let (s, _) = parse(source);
        assert!(s.is_suppressed(
            "DOC-003/product-name",
            source.find("Cloudwatch").expect("c")
        ));
        assert!(!s.is_suppressed(
            "DOC-003/product-name",
            source.rfind("Cloudwatch").expect("c")
        ));
        assert!(!s.is_suppressed("DOC-003/product-name", 0));
        // A comment on the last line covers the end of the file.
        let source = "end <!-- caselint-disable-line -->";
        let (s, _) = parse(source);
        assert!(s.is_suppressed("x", source.len()));
    }

    #[test]
    fn unknown_directives_warn_with_a_suggestion() {
        let source = "<!-- caselint-disabel DOC-003 -->\n<!-- caselint-disable-nextline -->\n<!-- just a note about caselint -->\n<!-- caselint-frobnicate -->\n<!--  caselint   disable-line -->\n<!-- caselint is great -->";
        let (s, d) = parse(source);
        assert!(s.is_empty());
        assert_eq!(d.len(), 4);
        assert_eq!(&source[d[3].span.clone()], "caselint   disable-line");
        assert!(
            d[3].message
                .contains("did you mean `caselint-disable-line`?"),
            "{}",
            d[3].message
        );
        assert_eq!(d[0].rule, "caselint-comment");
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(&source[d[0].span.clone()], "caselint-disabel");
        assert!(
            d[0].message.contains("did you mean `caselint-disable`?"),
            "{}",
            d[0].message
        );
        assert!(
            d[1].message
                .contains("did you mean `caselint-disable-next-line`?"),
            "{}",
            d[1].message
        );
        assert!(!d[2].message.contains("did you mean"), "{}", d[2].message);
    }

    #[test]
    fn directives_know_their_ids_and_what_they_silence() {
        let source = "<!-- caselint-disable-next-line DOC-003, UCR-002 -- why -->\nCloudwatch\n<!-- caselint-disable-file -->\n";
        let (s, _) = parse(source);
        assert_eq!(s.directives().len(), 2);
        let ids: Vec<&str> = s.directives()[0]
            .ids
            .iter()
            .map(|(id, span)| {
                assert_eq!(&source[span.clone()], id);
                id.as_str()
            })
            .collect();
        assert_eq!(ids, ["DOC-003", "UCR-002"]);
        let at = source.find("Cloudwatch").expect("c");
        assert_eq!(
            s.silencers("DOC-003/product-name", at),
            vec![(1, None), (0, Some(0))]
        );
    }

    #[test]
    fn unterminated_comment_is_still_read() {
        let source = "<!-- caselint-disable-file";
        let (s, d) = parse(source);
        assert!(d.is_empty());
        assert!(s.is_suppressed("DOC-003", 0));
    }
}
