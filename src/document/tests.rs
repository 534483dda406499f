//! Whole-document tests: prose and its exact mapping to source bytes, headings, links,
//! front matter and suppressions together, odd inputs, and the AWS docs corpus.

use super::*;
use crate::diagnostic::Severity;

fn doc(source: &str) -> Document {
    let (document, diagnostics) = Document::parse("test.md", source.to_string());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    document
}

fn texts(document: &Document) -> Vec<&str> {
    document.prose.iter().map(|p| p.text.as_str()).collect()
}

/// The text range of `needle` in a prose value's text.
fn find(prose: &Prose, needle: &str) -> Range<usize> {
    let start = prose
        .text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in {:?}", prose.text));
    start..start + needle.len()
}

/// Checks the mapping invariants of every prose value: verbatim ranges map to the same
/// bytes, ranges stay within the source and are ordered.
pub(super) fn check_invariants(document: &Document) {
    for prose in &document.prose {
        let len = prose.text.len();
        // Longer verbatim ranges: the source is the text, a line break standing for a space.
        let starts: Vec<usize> = prose
            .text
            .char_indices()
            .map(|(i, _)| i)
            .take(200)
            .collect();
        for &start in &starts {
            if prose.is_verbatim(start..len) {
                let source = &document.source[prose.source_range(start..len)];
                assert_eq!(
                    without_line_breaks(source),
                    prose.text[start..len],
                    "{prose:?}"
                );
            }
        }
        let span = prose.source_range(0..len);
        assert_eq!(span, prose.span);
        assert!(
            span.start <= span.end && span.end <= document.source.len(),
            "{prose:?}"
        );
        assert!(
            document.source.is_char_boundary(span.start)
                && document.source.is_char_boundary(span.end)
        );
        for (start, _) in prose.text.char_indices() {
            for end in [
                start,
                (start + 1..=len)
                    .find(|e| prose.text.is_char_boundary(*e))
                    .unwrap_or(len),
            ] {
                let range = prose.source_range(start..end);
                assert!(range.start <= range.end && range.end <= document.source.len());
                if prose.is_verbatim(start..end) {
                    let source = &document.source[range.clone()];
                    let text = &prose.text[start..end];
                    let white = |s: &str| s.chars().all(char::is_whitespace);
                    assert!(
                        source == text || (text == " " && white(source)),
                        "{text:?} vs {source:?} in {prose:?}"
                    );
                }
            }
        }
    }
}

/// Each line break with the white space around it as one space, as prose reads it.
fn without_line_breaks(source: &str) -> String {
    let mut out = String::new();
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' || c == '\n' {
            while out.ends_with([' ', '\t']) {
                out.pop();
            }
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn backslash_escapes_map_as_a_unit() {
    let source = "Use Amazon S3\\. Then X\\-Ray\\.";
    let d = doc(source);
    assert_eq!(texts(&d), ["Use Amazon S3. Then X-Ray."]);
    let p = &d.prose[0];
    assert_eq!(p.source_range(4..13), 4..13); // Amazon S3
    assert!(p.is_verbatim(4..13));
    assert_eq!(p.source_range(13..14), 13..15); // "." from "\."
    assert_eq!(p.source_range(11..14), 11..15); // "S3."
    assert!(!p.is_verbatim(11..14));
    let xray = find(p, "X-Ray");
    assert_eq!(p.source_range(xray.clone()), 21..27);
    assert!(!p.is_verbatim(xray));
    assert_eq!(p.span, 0..source.len());
    check_invariants(&d);
}

#[test]
fn escaped_backslash_then_punctuation() {
    let source = "a\\\\. b";
    let d = doc(source);
    assert_eq!(texts(&d), ["a\\. b"]);
    let p = &d.prose[0];
    assert_eq!(p.source_range(1..2), 1..3); // "\" from "\\"
    assert_eq!(p.source_range(2..3), 3..4); // "." is literal
    assert!(p.is_verbatim(2..5));
    check_invariants(&d);
}

#[test]
fn entities_are_decoded_and_mapped_as_a_unit() {
    let source = "AT&amp;T and caf&eacute; &#65;WS";
    let d = doc(source);
    assert_eq!(texts(&d), ["AT&T and café AWS"]);
    let p = &d.prose[0];
    assert_eq!(p.source_range(2..3), 2..7);
    assert_eq!(p.source_range(0..4), 0..8);
    assert!(!p.is_verbatim(0..4));
    let cafe = find(p, "café");
    assert_eq!(p.source_range(cafe.clone()), 13..24);
    assert!(!p.is_verbatim(cafe));
    let aws = find(p, "AWS");
    assert_eq!(p.source_range(aws), 25..32);
    assert!(p.is_verbatim(find(p, "and")));
    check_invariants(&d);
}

#[test]
fn soft_breaks_are_spaces_and_verbatim() {
    let d = doc("Amazon\nS3 rocks");
    assert_eq!(texts(&d), ["Amazon S3 rocks"]);
    let p = &d.prose[0];
    assert_eq!(p.source_range(0..9), 0..9);
    assert!(p.is_verbatim(0..9));
    assert_eq!(p.source_range(6..7), 6..7);

    let d = doc("Amazon\r\nS3 rocks\r\n");
    let p = &d.prose[0];
    assert_eq!(p.text, "Amazon S3 rocks");
    assert_eq!(p.source_range(0..9), 0..10);
    assert!(p.is_verbatim(0..9));
    assert_eq!(p.source_range(10..15), 11..16);
    check_invariants(&d);

    // Indentation of a continuation line is white space too.
    let d = doc("- Amazon\n  S3");
    let p = &d.prose[0];
    assert_eq!(p.text, "Amazon S3");
    assert_eq!(p.source_range(0..9), 2..13);
    assert!(p.is_verbatim(0..9));
}

#[test]
fn hard_breaks_are_spaces_but_not_verbatim() {
    for source in ["Amazon  \nS3", "Amazon\\\nS3"] {
        let d = doc(source);
        let p = &d.prose[0];
        assert_eq!(p.text, "Amazon S3", "{source:?}");
        assert_eq!(p.source_range(0..9), 0..source.len());
        assert!(!p.is_verbatim(0..9));
        assert!(p.is_verbatim(0..6));
        assert!(p.is_verbatim(7..9));
        check_invariants(&d);
    }
}

#[test]
fn emphasis_continues_the_text_but_is_not_verbatim() {
    let source = "**AWS** Lambda and ~~old~~ _new_";
    let d = doc(source);
    assert_eq!(texts(&d), ["AWS Lambda and old new"]);
    let p = &d.prose[0];
    assert_eq!(p.source_range(0..10), 2..14);
    assert!(!p.is_verbatim(0..10));
    assert!(p.is_verbatim(find(p, " Lambda and ")));
    assert_eq!(p.source_range(find(p, "old")), 21..24);
    check_invariants(&d);
}

#[test]
fn link_text_is_prose_destination_is_not() {
    let source = "Store it in [Amazon S3](https://aws.amazon.com/s3/ \"Amazon S3\") today.";
    let d = doc(source);
    assert_eq!(texts(&d), ["Store it in Amazon S3 today."]);
    let p = &d.prose[0];
    let s3 = find(p, "Amazon S3");
    assert_eq!(p.source_range(s3.clone()), 13..22);
    assert!(p.is_verbatim(s3));
    assert!(!p.is_verbatim(find(p, "in Amazon")));
    assert_eq!(d.links.len(), 1);
    let link = &d.links[0];
    assert!(!link.is_image);
    assert_eq!(link.kind, LinkKind::Inline);
    assert_eq!(link.text, "Amazon S3");
    assert_eq!(link.destination, "https://aws.amazon.com/s3/");
    assert_eq!(link.destination_span, Some(24..50));
    assert_eq!(link.span, 12..63);
    check_invariants(&d);
}

#[test]
fn image_inside_a_link() {
    let source = "[![Amazon S3 logo](s3.png) Amazon S3](https://aws.amazon.com/s3/)";
    let d = doc(source);
    assert_eq!(texts(&d), ["Amazon S3 logo Amazon S3"]);
    let links: Vec<(bool, &str, &str)> = d
        .links
        .iter()
        .map(|l| (l.is_image, l.text.as_str(), l.destination.as_str()))
        .collect();
    assert_eq!(
        links,
        [
            (
                false,
                "Amazon S3 logo Amazon S3",
                "https://aws.amazon.com/s3/"
            ),
            (true, "Amazon S3 logo", "s3.png"),
        ]
    );
    assert_eq!(
        &source[d.links[0].destination_span.clone().expect("span")],
        "https://aws.amazon.com/s3/"
    );
    assert_eq!(
        &source[d.links[1].destination_span.clone().expect("span")],
        "s3.png"
    );
}

#[test]
fn images_alt_text_is_prose() {
    let source = "See ![Amazon S3 console](<images/s3 console.png>) here";
    let d = doc(source);
    assert_eq!(texts(&d), ["See Amazon S3 console here"]);
    let link = &d.links[0];
    assert!(link.is_image);
    assert_eq!(link.text, "Amazon S3 console");
    assert_eq!(link.destination, "images/s3 console.png");
    assert_eq!(
        &source[link.destination_span.clone().expect("span")],
        "images/s3 console.png"
    );
    assert_eq!(
        d.prose[0].source_range(find(&d.prose[0], "Amazon S3")),
        6..15
    );
}

#[test]
fn reference_links_find_their_definition() {
    let source = "Read [the guide][Guide] and [S3].\n\n[guide]: https://docs.aws.amazon.com/a\\_b \"Guide\"\n[S3]:\n  <https://aws.amazon.com/s3/>\n";
    let d = doc(source);
    assert_eq!(
        texts(&d),
        ["Read the guide and S3."],
        "definitions are not prose"
    );
    assert_eq!(d.links.len(), 2);
    assert_eq!(d.links[0].kind, LinkKind::Reference);
    assert_eq!(d.links[0].destination, "https://docs.aws.amazon.com/a_b");
    assert_eq!(
        &source[d.links[0].destination_span.clone().expect("span")],
        "https://docs.aws.amazon.com/a\\_b"
    );
    assert_eq!(
        &source[d.links[1].destination_span.clone().expect("span")],
        "https://aws.amazon.com/s3/"
    );
}

#[test]
fn code_html_autolinks_and_footnotes_break_the_text() {
    let source = "Use Amazon `S3` bucket <b>Amazon</b> S3 <https://aws.amazon.com> Amazon[^1] S3\n\n[^1]: A note.\n";
    let d = doc(source);
    assert_eq!(
        texts(&d),
        [
            "Use Amazon ",
            " bucket ",
            "Amazon",
            " S3 ",
            " Amazon",
            " S3",
            "A note."
        ]
    );
    // The pieces of one paragraph share its block index.
    let indexes: Vec<usize> = d.prose.iter().map(|p| p.block_index).collect();
    assert_eq!(indexes, [0, 0, 0, 0, 0, 0, 1]);
    assert!(d.prose[6].context.in_footnote);
    assert_eq!(d.prose[1].span, 15..23);
    assert_eq!(d.links[0].kind, LinkKind::Autolink);
    assert_eq!(d.links[0].destination_span, Some(41..63));
    check_invariants(&d);
}

#[test]
fn bare_urls_are_not_prose_but_links() {
    let source = "Visit https://aws.amazon.com/s3/. Amazon S3 or www.example.com\\_x now";
    let d = doc(source);
    assert_eq!(texts(&d), ["Visit ", ". Amazon S3 or ", " now"]);
    let bare: Vec<(&str, Range<usize>)> = d
        .links
        .iter()
        .map(|l| (l.destination.as_str(), l.span.clone()))
        .collect();
    assert_eq!(
        bare,
        [
            ("https://aws.amazon.com/s3/", 6..32),
            ("www.example.com_x", 47..65)
        ]
    );
    assert!(d.links.iter().all(|l| l.kind == LinkKind::Bare));
    assert_eq!(d.prose[1].span, 32..47);
    assert_eq!(d.prose[2].span, 65..69);
    check_invariants(&d);
}

#[test]
fn code_blocks_html_blocks_and_comments_are_not_prose() {
    // An HTML block's visible text is prose (`extraction_tests`); its code is not.
    let source = "```\nAmazon Cloudwatch\n```\n\n    indented Cloudwatch\n\n<pre>\nCloudwatch\n</pre>\n\n<!-- Cloudwatch -->\n\nText\n";
    let d = doc(source);
    assert_eq!(texts(&d), ["Text"]);
    assert_eq!(d.prose[0].span, 98..102);
}

#[test]
fn nested_lists() {
    let source =
        "- Amazon S3\n  - AWS Lambda\n    1. Amazon EC2\n\n       Loose **para**\n- Last\n";
    let d = doc(source);
    assert_eq!(
        texts(&d),
        [
            "Amazon S3",
            "AWS Lambda",
            "Amazon EC2",
            "Loose para",
            "Last"
        ]
    );
    let depths: Vec<u8> = d.prose.iter().map(|p| p.context.list_depth).collect();
    assert_eq!(depths, [1, 2, 3, 3, 1]);
    assert!(
        d.prose
            .iter()
            .all(|p| p.block == BlockKind::ListItem && p.in_list_item())
    );
    let spans: Vec<Range<usize>> = d.prose.iter().map(|p| p.span.clone()).collect();
    assert_eq!(spans, [2..11, 16..26, 34..44, 53..65, 70..74]);
    let indexes: Vec<usize> = d.prose.iter().map(|p| p.block_index).collect();
    assert_eq!(indexes, [0, 1, 2, 3, 4]);
    check_invariants(&d);
}

#[test]
fn blockquotes() {
    let source = "> Amazon\n> S3 is **great**\n>\n> > Nested";
    let d = doc(source);
    assert_eq!(texts(&d), ["Amazon S3 is great", "Nested"]);
    let p = &d.prose[0];
    assert_eq!(p.block, BlockKind::Paragraph);
    assert_eq!(p.context.quote_depth, 1);
    assert!(p.in_blockquote());
    assert_eq!(p.source_range(0..9), 2..13);
    assert!(!p.is_verbatim(0..9), "a `> ` marker sits between the words");
    assert!(p.is_verbatim(0..6));
    assert_eq!(d.prose[1].context.quote_depth, 2);
    assert_eq!(d.prose[1].span, 33..39);
    check_invariants(&d);
}

#[test]
fn tables_with_code_and_escaped_pipes() {
    let source = "| Service | Notes |\n|---|---|\n| Amazon S3 | use `aws s3 ls` daily |\n| X\\|Y | &amp; |\n";
    let d = doc(source);
    assert_eq!(
        texts(&d),
        [
            "Service",
            "Notes",
            "Amazon S3",
            "use ",
            " daily",
            "X|Y",
            "&"
        ]
    );
    assert!(d.prose.iter().all(|p| p.block == BlockKind::TableCell));
    let headers: Vec<bool> = d.prose.iter().map(|p| p.context.table_header).collect();
    assert_eq!(headers, [true, true, false, false, false, false, false]);
    assert_eq!(d.prose[3].block_index, d.prose[4].block_index);
    let spans: Vec<Range<usize>> = d.prose.iter().map(|p| p.span.clone()).collect();
    assert_eq!(
        spans,
        [2..9, 12..17, 32..41, 44..48, 59..65, 70..74, 77..82]
    );
    assert_eq!(d.prose[5].source_range(1..2), 71..73);
    check_invariants(&d);
}

#[test]
fn headings_with_aws_anchors() {
    let source = "# Amazon S3 overview<a name=\"s3-overview\"></a>\n\n## Using `aws s3` with Amazon S3\r\n\nSetext *title*\n===\n";
    let d = doc(source);
    assert_eq!(
        texts(&d),
        [
            "Amazon S3 overview",
            "Using ",
            " with Amazon S3",
            "Setext title"
        ]
    );
    assert_eq!(d.prose[0].block, BlockKind::Heading(1));
    assert_eq!(d.prose[0].span, 2..20);
    assert!(d.prose[0].is_verbatim(0..18));
    assert_eq!(d.prose[1].block, BlockKind::Heading(2));
    let headings: Vec<(u8, &str, Range<usize>)> = d
        .headings
        .iter()
        .map(|h| (h.level, h.text.as_str(), h.span.clone()))
        .collect();
    assert_eq!(
        headings,
        [
            (1, "Amazon S3 overview", 0..46),
            (2, "Using aws s3 with Amazon S3", 48..80),
            (1, "Setext title", 83..101),
        ]
    );
    check_invariants(&d);
}

#[test]
fn multibyte_text() {
    let source = "Café — 東京 uses Amazon S3, naïvely.";
    let d = doc(source);
    let p = &d.prose[0];
    assert_eq!(p.text, source);
    let s3 = find(p, "Amazon S3");
    assert_eq!(p.source_range(s3.clone()), 22..31);
    assert!(p.is_verbatim(s3.clone()));
    assert_eq!(d.line_col(p.source_range(s3).start), (1, 16));
    // Ranges inside a character are widened to it; off-boundary ranges are not verbatim.
    assert_eq!(p.source_range(4..5), 3..5);
    assert!(!p.is_verbatim(4..5));
    assert!(!p.is_verbatim(0..500));
    check_invariants(&d);
}

#[test]
fn bom_is_kept_but_not_prose() {
    let source = "\u{feff}# Title\n\nAmazon S3";
    let (d, diagnostics) = Document::parse("bom.md", source.to_string());
    assert!(diagnostics.is_empty());
    assert_eq!(d.source, source);
    assert_eq!(texts(&d), ["Title", "Amazon S3"]);
    assert_eq!(d.prose[0].block, BlockKind::Heading(1));
    assert_eq!(d.prose[0].span, 5..10);
    assert_eq!(d.prose[1].span, 12..21);
    assert_eq!(d.body_start, 3);
    assert_eq!(d.line_col(12), (3, 1));
    assert_eq!(
        d.line_col(5),
        (1, 4),
        "the BOM counts as a column, as in the file"
    );
}

#[test]
fn yaml_front_matter_then_file_offsets() {
    let source = "---\ncaselint: case-study\ncustomer:\n  name: Acme Cloudwatch\n---\n# Acme\n\nUses Amazon S3\\.\n";
    let d = doc(source);
    assert_eq!(d.kind, DocumentKind::CaseStudy);
    let fm = d.front_matter.as_ref().expect("front matter");
    assert_eq!(fm.format, FrontMatterFormat::Yaml);
    assert_eq!(fm.span, 0..62);
    assert_eq!(fm.content_span, 4..59);
    assert_eq!(
        d.metadata().expect("data")["customer"]["name"],
        "Acme Cloudwatch"
    );
    assert_eq!(texts(&d), ["Acme", "Uses Amazon S3."]);
    assert_eq!(d.prose[0].span, 65..69);
    let p = &d.prose[1];
    assert_eq!(p.source_range(find(p, "Amazon S3")), 76..85);
    assert_eq!(d.line_col(76), (8, 6));
    assert_eq!(d.headings[0].span, 63..69);
}

#[test]
fn toml_front_matter_then_file_offsets() {
    let source = "+++\ncaselint = \"public-page\"\n+++\nAmazon S3\n";
    let d = doc(source);
    assert_eq!(d.kind, DocumentKind::PublicPage);
    assert_eq!(
        d.front_matter.as_ref().map(|f| f.format),
        Some(FrontMatterFormat::Toml)
    );
    assert_eq!(d.prose[0].span, 33..42);
}

#[test]
fn no_front_matter_means_doc() {
    let d = doc("# Title\n");
    assert_eq!(d.kind, DocumentKind::Doc);
    assert!(d.front_matter.is_none());
    let d = doc("---\ntitle: x\n---\n");
    assert_eq!(d.kind, DocumentKind::Doc);
}

#[test]
fn front_matter_problems_do_not_stop_the_body() {
    let source = "---\ncaselint: case-study\ntitle: Acme: story\n---\nAmazon S3\n";
    let (d, diagnostics) = Document::parse("a.md", source.to_string());
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].rule, "front-matter");
    assert_eq!(d.line_col(diagnostics[0].span.start).0, 3);
    // The `caselint:` line is still readable: a broken case study is not silently a doc.
    assert_eq!(d.kind, DocumentKind::CaseStudy);
    assert_eq!(texts(&d), ["Amazon S3"]);

    let source = "---\ncaselint: case-studdy\n---\nBody\n";
    let (d, diagnostics) = Document::parse("a.md", source.to_string());
    assert_eq!(d.kind, DocumentKind::Doc);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(&source[diagnostics[0].span.clone()], "case-studdy");
    assert!(
        diagnostics[0]
            .message
            .contains("did you mean `case-study`?")
    );

    // Unterminated: reported, and everything after the first line is the body.
    let source = "---\ntitle: Amazon Cloudwatch\n\nBody text\n";
    let (d, diagnostics) = Document::parse("a.md", source.to_string());
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].span, 0..3);
    assert!(d.front_matter.is_none());
    assert_eq!(texts(&d), ["title: Amazon Cloudwatch", "Body text"]);
    assert_eq!(d.prose[0].span, 4..28);
}

#[test]
fn suppression_comments_in_the_document() {
    let source = "<!-- caselint-disable-next-line DOC-003 -->\nAmazon Cloudwatch\n\nCloudwatch <!-- caselint-disable-line -->\n\n```\n<!-- caselint-disable-file -->\n```\n\n<div><!-- caselint-disable UCR-002 --></div>\n\nLast Cloudwatch\n\n<!-- caselint-enabel -->\n";
    let (d, diagnostics) = Document::parse("a.md", source.to_string());
    let first = source.find("Cloudwatch").expect("1");
    let second = source[first + 1..].find("Cloudwatch").expect("2") + first + 1;
    let last = source.find("Last").expect("last");
    assert!(d.suppressions.is_suppressed("DOC-003/product-name", first));
    assert!(d.suppressions.is_suppressed("DOC-003/product-name", second));
    assert!(
        !d.suppressions.is_suppressed("DOC-003/product-name", last),
        "the comment in code is no directive"
    );
    assert!(d.suppressions.is_suppressed("UCR-002", last));
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].rule, COMMENT_RULE);
    assert_eq!(diagnostics[0].severity, Severity::Warning);
    assert!(diagnostics[0].message.contains("caselint-enable"));
    assert_eq!(
        texts(&d),
        ["Amazon Cloudwatch", "Cloudwatch ", "Last Cloudwatch"]
    );
}

#[test]
fn odd_inputs_never_panic() {
    let deep_list: String = (0..300)
        .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
        .collect();
    let deep_quote = format!("{} deep", ">".repeat(5000));
    let deep_emphasis = format!("{}x{}", "*".repeat(3000), "*".repeat(3000));
    let huge_line = "Amazon S3\\. ".repeat(100_000);
    let brackets = "[".repeat(10_000) + &"](".repeat(10_000);
    let nested_images = "![".repeat(5_000) + "Amazon S3" + &"](x)".repeat(5_000);
    let many_comments = "<!-- caselint-disable-line -->\n".repeat(5_000);
    let inputs: Vec<String> = vec![
        String::new(),
        "---".into(),
        "---\n".into(),
        "+++".into(),
        "\u{feff}".into(),
        "\u{feff}---\na: b\n---".into(),
        "---\r\na: [\r\n---\r\n".into(),
        "---\n\0\n---\n\0".into(),
        "\0\0\0".into(),
        "\t\t# x\n\t- y\n\t\t```\n".into(),
        "\r".into(),
        "\r\r\n\r".into(),
        "a\\".into(),
        "\\".into(),
        "&".into(),
        "&#;&#x;&#xFFFFFFFF;&#0;".into(),
        "<!--".into(),
        "<!-- caselint-disable-line".into(),
        "<!-- caselint-disable-next-line -->".into(),
        "[a]: <".into(),
        "[a]:\n".into(),
        "![".into(),
        "[x](".into(),
        "| a |\n|---|\n| `b |".into(),
        "https://".into(),
        "www.".into(),
        "é\\é&é;".into(),
        "---\ncaselint: 5\n---\n".into(),
        "---\na: &x [*x]\n---\n".into(),
        "---\na: *unknown\n---\n".into(),
        "+++\n[[a]]\nb = 1979-05-27T07:32:00Z\n+++\n".into(),
        "+++\na = \"\u{e9}\n+++\n".into(),
        deep_list,
        deep_quote,
        deep_emphasis,
        huge_line,
        brackets,
        nested_images,
        many_comments,
    ];
    for input in inputs {
        let (d, _) = Document::parse("odd.md", input.clone());
        check_invariants_cheap(&d);
        for link in &d.links {
            assert!(link.span.end <= input.len());
            if let Some(span) = &link.destination_span {
                assert!(span.start <= span.end && span.end <= input.len());
            }
        }
        let _ = d.suppressions.is_suppressed("DOC-003", input.len());
    }
}

/// Like `check_invariants`, but only at the ends of each prose (fast on huge inputs).
fn check_invariants_cheap(document: &Document) {
    for prose in &document.prose {
        let span = prose.source_range(0..prose.text.len());
        assert!(span.start <= span.end && span.end <= document.source.len());
        if prose.is_verbatim(0..prose.text.len()) {
            let source = &document.source[span];
            assert_eq!(
                source.split_whitespace().collect::<Vec<_>>(),
                prose.text.split_whitespace().collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn pseudo_random_inputs_never_panic() {
    const PIECES: [&str; 44] = [
        "Amazon",
        " ",
        "S3",
        "\n",
        "\r\n",
        "\\",
        ".",
        "*",
        "_",
        "`",
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "!",
        "&amp;",
        "#",
        "-",
        "|",
        "---\n",
        "<!-- caselint-disable -->",
        "é",
        "東",
        "\t",
        "https://x.y/",
        "~~",
        "> ",
        "1. ",
        "\\.",
        "&#65;",
        "<b>",
        "```\n",
        "    ",
        "[a]: /u\n",
        "](",
        "|---|\n",
        "[^1]",
        "www.a.b",
        "  \n",
        "{#id}",
        "+++\n",
        "\u{feff}",
    ];
    let mut state: u64 = std::env::var("CASELINT_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    let rounds: usize = std::env::var("CASELINT_FUZZ_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1500);
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..rounds {
        let mut input = String::new();
        let length = (next() % 60) as usize;
        for _ in 0..length {
            input.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
        }
        let (d, _) = Document::parse("random.md", input.clone());
        if std::panic::catch_unwind(|| check_invariants(&d)).is_err() {
            panic!("invariants broken for {input:?}");
        }
    }
}

/// Parses every file of the AWS docs corpus: no panic, and the speed (run with
/// `cargo test --release -- --ignored corpus --nocapture` for real numbers).
#[test]
#[ignore = "reads /work/shared/corpus/awsdocs"]
fn corpus_parses() {
    let root = std::path::Path::new("/work/shared/corpus/awsdocs");
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    let sources: Vec<(std::path::PathBuf, String)> = files
        .into_iter()
        .filter_map(|path| {
            read_text(&path, &Limits::default())
                .ok()
                .map(|text| (path, text))
        })
        .collect();
    let bytes: usize = sources.iter().map(|(_, s)| s.len()).sum();
    let start = std::time::Instant::now();
    let mut prose = 0;
    let mut links = 0;
    for (path, source) in &sources {
        let (d, _) = Document::parse(path.clone(), source.clone());
        prose += d.prose.len();
        links += d.links.len();
    }
    let elapsed = start.elapsed().as_secs_f64();
    // The parser alone, for comparison.
    let raw_start = std::time::Instant::now();
    let mut events = 0usize;
    for (_, source) in &sources {
        events += pulldown_cmark::Parser::new_ext(source, markdown::options())
            .into_offset_iter()
            .count();
    }
    let raw = raw_start.elapsed().as_secs_f64();
    println!(
        "pulldown-cmark alone: {events} events, {raw:.3} s, {:.1} MB/s",
        bytes as f64 / 1e6 / raw
    );
    println!(
        "{} files, {:.1} MB, {prose} prose values, {links} links: {:.3} s, {:.1} MB/s (one thread)",
        sources.len(),
        bytes as f64 / 1e6,
        elapsed,
        bytes as f64 / 1e6 / elapsed
    );
    assert!(!sources.is_empty());
    if std::env::var_os("CASELINT_SPEED_ONLY").is_some() {
        let start = std::time::Instant::now();
        for _ in 0..5 {
            for (path, source) in &sources {
                let (d, _) = Document::parse(path.clone(), source.clone());
                std::hint::black_box(d);
            }
        }
        let elapsed = start.elapsed().as_secs_f64() / 5.0;
        println!("5 rounds: {:.1} MB/s", bytes as f64 / 1e6 / elapsed);
        return;
    }
    for (path, source) in &sources {
        let (d, _) = Document::parse(path.clone(), source.clone());
        check_invariants(&d);
    }
}

#[test]
fn sections() {
    let source = "Intro\n\n# Acme\n\n## Challenge\n\nText one\n\n### Detail\n\nDeep\n\n## Results<br>and KPIs\n\nText two\n";
    let d = doc(source);
    let path = |needle: &str| -> Vec<String> {
        d.heading_path(source.find(needle).expect("needle"))
            .into_iter()
            .map(|h| h.text.clone())
            .collect()
    };
    assert!(path("Intro").is_empty());
    assert_eq!(path("Text one"), ["Acme", "Challenge"]);
    assert_eq!(path("Deep"), ["Acme", "Challenge", "Detail"]);
    assert_eq!(path("Text two"), ["Acme", "Results and KPIs"]);
    assert_eq!(path("## Challenge"), ["Acme", "Challenge"]);
    let challenge = d.section_span(1).expect("section");
    assert_eq!(
        &source[challenge],
        "## Challenge\n\nText one\n\n### Detail\n\nDeep\n\n"
    );
    assert_eq!(d.section_span(0).map(|r| r.end), Some(source.len()));
    assert_eq!(d.section_span(9), None);
}

#[test]
fn url_as_link_text_is_one_link() {
    let source = "See [https://aws.amazon.com](https://aws.amazon.com) and https://x.example";
    let d = doc(source);
    let kinds: Vec<LinkKind> = d.links.iter().map(|l| l.kind).collect();
    assert_eq!(kinds, [LinkKind::Inline, LinkKind::Bare]);
    assert_eq!(texts(&d), ["See ", " and "]);
}

#[test]
fn gfm_extras() {
    let source = "# Pricing {#pricing}\n\n> [!NOTE]\n> Amazon S3 note\n\n- [x] Done with Amazon S3\n- [ ] Todo\n";
    let d = doc(source);
    assert_eq!(
        texts(&d),
        ["Pricing", "Amazon S3 note", "Done with Amazon S3", "Todo"]
    );
    assert_eq!(d.headings[0].text, "Pricing");
    assert_eq!(d.prose[2].span, 56..75);
}

#[test]
fn documents_can_be_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Document>();
    assert_send_sync::<Diagnostic>();
}

#[test]
fn tables_have_header_rows_and_cell_spans() {
    let source = "# KPIs\n\n| KPI | Baseline | Target |\n|:---|---:|---|\n| `p95` latency | 3 s \\| worst | [1 s](https://x.y) |\n| Errors |  |\n\nAfter.\n";
    let d = doc(source);
    assert_eq!(d.tables.len(), 1);
    let table = &d.tables[0];
    let header: Vec<&str> = table.header.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(header, ["KPI", "Baseline", "Target"]);
    for cell in &table.header {
        assert_eq!(&source[cell.span.clone()], cell.text);
    }
    assert_eq!(table.rows.len(), 2);
    let first: Vec<&str> = table.rows[0].iter().map(|c| c.text.as_str()).collect();
    assert_eq!(first, ["p95 latency", "3 s | worst", "1 s"]);
    assert_eq!(&source[table.rows[0][0].span.clone()], "`p95` latency");
    assert_eq!(&source[table.rows[0][1].span.clone()], "3 s \\| worst");
    assert_eq!(&source[table.rows[0][2].span.clone()], "[1 s](https://x.y)");
    let second: Vec<&str> = table.rows[1].iter().map(|c| c.text.as_str()).collect();
    assert_eq!(second[0], "Errors");
    assert!(second.iter().skip(1).all(|t| t.is_empty()), "{second:?}");
    assert!(source[table.span.clone()].starts_with("| KPI"));
    assert!(source[table.span.clone()].trim_end().ends_with("|"));
    // Cells stay prose too.
    assert!(d.prose.iter().any(|p| p.text == "Errors"));
    assert!(doc("No | table here\n").tables.is_empty());
    // A table in a list item and one without a leading pipe.
    let d = doc("- item\n\n  a | b\n  --|--\n  1 | 2\n");
    assert_eq!(d.tables.len(), 1);
    assert_eq!(d.tables[0].rows[0][1].text, "2");
}
