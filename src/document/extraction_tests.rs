//! Prose from the Markdown people write beyond CommonMark: HTML blocks and inline HTML,
//! MDX, template tags, admonitions, GitHub alerts, footnotes, attribute lists, and the
//! front-matter values of docs. Every value keeps exact spans (checked by the invariants).

use super::tests::check_invariants;
use super::*;

fn parse(path: &str, source: &str) -> Document {
    let (document, diagnostics) = Document::parse(path, source.to_string());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    check_invariants(&document);
    document
}

fn texts(document: &Document) -> Vec<&str> {
    document.prose.iter().map(|p| p.text.as_str()).collect()
}

/// The source text under each prose value's span.
fn spans(document: &Document) -> Vec<&str> {
    document
        .prose
        .iter()
        .map(|p| &document.source[p.span.clone()])
        .collect()
}

#[test]
fn html_block_text_is_prose_with_exact_spans() {
    let source = "Intro.\n\n<details>\n  <summary>Click to see the Cloudwatch setup</summary>\n  <p class=\"note\">Logs go to\n  Amazon S3 &amp; Glacier.</p>\n</details>\n";
    let d = parse("a.md", source);
    assert_eq!(
        texts(&d),
        [
            "Intro.",
            "Click to see the Cloudwatch setup",
            "Logs go to Amazon S3 & Glacier."
        ]
    );
    assert_eq!(spans(&d)[2], "Logs go to\n  Amazon S3 &amp; Glacier.");
    let p = &d.prose[1];
    assert_eq!(p.origin, ProseOrigin::Html);
    let at = p.text.find("Cloudwatch").expect("word");
    let range = p.source_range(at..at + 10);
    assert_eq!(&source[range], "Cloudwatch");
    assert!(p.is_verbatim(at..at + 10));
    // The entity is one unit, not verbatim; the words around it are.
    let q = &d.prose[2];
    let amp = q.text.find('&').expect("&");
    assert!(!q.is_verbatim(amp..amp + 1));
    assert!(q.is_verbatim(0..amp - 1));
    // Separate elements are separate blocks.
    assert_ne!(d.prose[1].block_index, d.prose[2].block_index);
}

#[test]
fn html_code_script_style_comments_and_attributes_are_not_prose() {
    let source = "<div title=\"Attribute text\">\n<p>Run <code>aws s3 ls</code> now.</p>\n<pre>\nsome code\n</pre>\n<script>var x = 'hello wrold';</script>\n<style>.a { color: red }</style>\n<!-- hidden note -->\n<kbd>Ctrl</kbd>\n</div>\n";
    let d = parse("a.md", source);
    assert_eq!(texts(&d), ["Run", "now."]);
}

#[test]
fn html_tables_lists_and_headings() {
    let source = "<table>\n<tr><th>Service</th><th>Use</th></tr>\n<tr><td>Amazon S3</td><td>Stores the files</td></tr>\n</table>\n\n<ul>\n<li>First item</li>\n<li>Second item</li>\n</ul>\n\n<h2>A heading</h2>\n";
    let d = parse("a.md", source);
    let kinds: Vec<(&str, BlockKind, bool)> = d
        .prose
        .iter()
        .map(|p| (p.text.as_str(), p.block, p.context.table_header))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Service", BlockKind::TableCell, true),
            ("Use", BlockKind::TableCell, true),
            ("Amazon S3", BlockKind::TableCell, false),
            ("Stores the files", BlockKind::TableCell, false),
            ("First item", BlockKind::ListItem, false),
            ("Second item", BlockKind::ListItem, false),
            ("A heading", BlockKind::Heading(2), false),
        ]
    );
}

#[test]
fn custom_and_xml_elements_hide_their_text() {
    let source = "<ReplicationConfiguration>\n  <Rule><ID>rule1</ID><Status>Enabled</Status></Rule>\n</ReplicationConfiguration>\n\n<cwdb-action display=\"popup\">\n  More info about it.\n</cwdb-action>\n";
    let d = parse("a.md", source);
    assert!(texts(&d).is_empty(), "{:?}", texts(&d));
}

#[test]
fn inline_html_hides_code_and_closed_custom_tags_only() {
    let d = parse(
        "a.md",
        "Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to copy, then <span>read on</span>.\n\nA List<String> holds text.\n\nA <x-note>hidden</x-note> word.\n",
    );
    assert_eq!(
        texts(&d),
        [
            "Press ",
            "+",
            " to copy, then ",
            "read on",
            ".",
            "A List",
            " holds text.",
            "A ",
            " word."
        ]
    );
}

#[test]
fn mdx_imports_jsx_and_expressions_are_code() {
    let source = "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\nexport const meta = {\n  title: 'Not prose',\n};\n\n# Install {#install}\n\n{/* A comment that is not prose */}\n\n<Tabs groupId=\"os\" values={[{label: 'Linux', value: 'linux'}]}>\n<TabItem value=\"linux\" label=\"Linux\">\n\nRun the installer on {props.os} hosts.\n\n</TabItem>\n</Tabs>\n\nA <Highlight color=\"#25c2a0\">green</Highlight> word and <CodeBlock>let x</CodeBlock>.\n";
    let d = parse("docs/a.mdx", source);
    assert_eq!(d.flavour, Flavour::Mdx);
    assert_eq!(
        texts(&d),
        [
            "Install",
            "Run the installer on",
            "hosts.",
            "A ",
            "green",
            " word and ",
            "."
        ]
    );
    let p = &d.prose[1];
    assert_eq!(&source[p.span.clone()], "Run the installer on");
}

#[test]
fn mdx_syntax_in_plain_markdown_is_left_alone_except_imports_and_comments() {
    let source = "import Tabs from '@theme/Tabs';\n\nImport your data from the console.\n\nUse {braces} here {/* but not this */}.\n";
    let d = parse("a.md", source);
    assert_eq!(
        texts(&d),
        [
            "Import your data from the console.",
            "Use {braces} here",
            "."
        ]
    );
}

#[test]
fn template_tags_are_cut_out() {
    let source = "---\nlayout: page\n---\n{% include note.html %}\nWelcome to {{ site.title }}, the {{< param \"product\" >}} docs.\n\n{% raw %}\nThe {{ raw }} text\n{% endraw %}\n\n{{< highlight go >}}\nfunc mian() {}\n{{< /highlight >}}\n\n{{% notice tip %}}\nA real tip.\n{{% /notice %}}\n\nParagraph.\n{: .lead}\n";
    let d = parse("a.md", source);
    assert_eq!(
        texts(&d),
        ["Welcome to", ", the", "docs.", "A real tip.", "Paragraph."]
    );
}

#[test]
fn admonitions_keep_their_title_apart_from_the_body() {
    let source = ":::note Before you begin\nInstall the agent.\n:::\n\n:::tip[Good to know]\n\nIt is fast.\n\n:::\n";
    let d = parse("a.md", source);
    assert_eq!(
        texts(&d),
        [
            "Before you begin",
            "Install the agent.",
            "Good to know",
            "It is fast."
        ]
    );
}

#[test]
fn github_alerts_and_footnotes() {
    let source =
        "> [!NOTE]\n> Useful information.\n\nText with a note.[^1]\n\n[^1]: The footnote text.\n";
    let d = parse("a.md", source);
    assert_eq!(
        texts(&d),
        [
            "Useful information.",
            "Text with a note.",
            "The footnote text."
        ]
    );
    assert!(d.prose[0].in_blockquote());
    assert!(d.prose[2].context.in_footnote);
}

#[test]
fn front_matter_values_of_docs_are_prose() {
    let source = "---\ntitle: Getting started with Cloudwatch\ndescription: \"Learn how to send logs\"\nsummary: >\n  A short\n  summary here.\nsidebar_label: Not this\ntags: [a, b]\n---\nBody.\n";
    let d = parse("a.md", source);
    assert_eq!(
        texts(&d),
        [
            "Getting started with Cloudwatch",
            "Learn how to send logs",
            "A short summary here.",
            "Body."
        ]
    );
    assert_eq!(d.prose[0].block, BlockKind::Heading(1));
    assert_eq!(d.prose[1].block, BlockKind::Paragraph);
    assert!(
        d.prose[..3]
            .iter()
            .all(|p| p.origin == ProseOrigin::FrontMatter)
    );
    assert_eq!(spans(&d)[2], "A short\n  summary here.");
    let styles: Vec<ScalarStyle> = d.front_matter_values.iter().map(|v| v.style).collect();
    assert_eq!(
        styles,
        [
            ScalarStyle::Plain,
            ScalarStyle::DoubleQuoted,
            ScalarStyle::Block
        ]
    );
    let indices: Vec<usize> = d.prose.iter().map(|p| p.block_index).collect();
    assert_eq!(indices, [0, 1, 2, 3]);
    let at = d.prose[0].text.find("Cloudwatch").expect("word");
    assert_eq!(&source[d.prose[0].source_range(at..at + 10)], "Cloudwatch");
}

#[test]
fn front_matter_values_written_with_escapes_are_left_out() {
    let source =
        "---\ntitle: \"Tab\\there\"\ndescription: 'It''s here'\nsummary:\n  nested: map\n---\n";
    assert!(parse("a.md", source).prose.is_empty());
    // Case studies read their front matter as data, not prose.
    let source = "---\ncaselint: case-study\ntitle: Acme\n---\n";
    let (d, _) = Document::parse("a.md", source.to_string());
    assert!(d.prose.is_empty() && d.front_matter_values.is_empty());
    // TOML front matter.
    let source = "+++\ntitle = \"Hugo page\"\ndescription = 'Literal text'\n+++\n";
    assert_eq!(texts(&parse("a.md", source)), ["Hugo page", "Literal text"]);
}

fn fix_kept(source: &str, needle: &str, replacement: &str) -> bool {
    let d = parse("a.md", source);
    let at = source.find(needle).expect("needle");
    let mut diagnostic = Diagnostic::new(
        "DOC-003/spelling",
        crate::diagnostic::Severity::Error,
        at..at + needle.len(),
        "x",
    )
    .with_fix(replacement, crate::diagnostic::Applicability::Safe);
    d.vet_fix(&mut diagnostic);
    assert_eq!(
        diagnostic.suggestions.first().map(String::as_str),
        Some(replacement)
    );
    diagnostic.fix.is_some()
}

#[test]
fn fixes_in_front_matter_only_when_the_yaml_stays_valid() {
    let plain = "---\ntitle: Using Cloudwatch today\nsidebar: x\n---\nBody\n";
    assert!(fix_kept(plain, "Cloudwatch", "Amazon CloudWatch"));
    assert!(
        !fix_kept(plain, "Cloudwatch", "CloudWatch: logs"),
        "would need quotes"
    );
    assert!(
        !fix_kept(plain, "Cloudwatch", "x #y"),
        "would start a comment"
    );
    let single = "---\ntitle: 'Its a test'\n---\n";
    assert!(!fix_kept(single, "Its", "It's"), "would close the quote");
    let double = "---\ntitle: \"Its a test\"\n---\n";
    assert!(fix_kept(double, "Its", "It's"));
    assert!(!fix_kept(double, "Its", "A \"quote\""));
    let block = "---\ndescription: >\n  Send logs to\n  Cloudwatch now.\n---\n";
    assert!(fix_kept(block, "Cloudwatch", "Amazon CloudWatch"));
    let toml = "+++\ntitle = \"Using Cloudwatch\"\n+++\n";
    assert!(fix_kept(toml, "Cloudwatch", "Amazon CloudWatch"));
    assert!(!fix_kept(toml, "Cloudwatch", "a \" b"));
    // Outside the prose values (and in the body), fixes are left alone.
    assert!(fix_kept(
        "---\ntitle: A\n---\nUsing Cloudwatch\n",
        "Cloudwatch",
        "x: y"
    ));
}

#[test]
fn long_constructs_end_on_character_boundaries() {
    for pad in 0..4 {
        let source = format!("<Tabs x=\"{}{}", "a".repeat(4090 + pad), "🟢".repeat(4));
        let _ = Document::parse("a.mdx", source.clone());
        let source = format!("{{{{ {}{} x", "a".repeat(4090 + pad), "🟢".repeat(4));
        let _ = Document::parse("a.md", source);
    }
}

#[test]
fn html_and_mdx_inputs_never_panic() {
    const PIECES: [&str; 24] = [
        "<div>",
        "</div>",
        "<p",
        ">",
        "text",
        " ",
        "\n",
        "\n\n",
        "{",
        "}",
        "{{",
        "}}",
        "{%",
        "%}",
        "<Tabs x={1}>",
        "</Tabs>",
        ":::note ",
        "&amp;",
        "<code>",
        "import x from 'y'",
        "<!--",
        "-->",
        "`",
        "é",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..1500 {
        let mut input = String::new();
        for _ in 0..(next() % 50) {
            input.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
        }
        let path = if round % 2 == 0 { "r.md" } else { "r.mdx" };
        let (d, _) = Document::parse(path, input.clone());
        if std::panic::catch_unwind(|| check_invariants(&d)).is_err() {
            panic!("invariants broken for {input:?} ({path})");
        }
    }
}

#[test]
fn mdx_text_indented_inside_components_is_prose_and_code_stays_code() {
    let source = "<Tabs>\n  <Tab title=\"AWS\">\n\n    Store the token in AWS Secret Manager.\n\n    ```sh\n        aws s3 ls\n    ```\n\n        Still prose, deeply indented.\n  </Tab>\n</Tabs>\n";
    let d = parse("docs/a.mdx", source);
    assert_eq!(
        texts(&d),
        [
            "Store the token in AWS Secret Manager.",
            "Still prose, deeply indented."
        ]
    );
    assert_eq!(spans(&d), texts(&d));
    // In Markdown, four spaces of indentation still make code.
    let d = parse(
        "docs/a.md",
        "Intro.\n\n    Indented code in AWS Secret Manager.\n",
    );
    assert_eq!(texts(&d), ["Intro."]);
}
