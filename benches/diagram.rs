//! Reading a 5 MB diagram, in process: `cargo bench --bench diagram` builds a draw.io
//! file of AWS shapes in nested groups with edges (plain XML, about 5 MB), the same page
//! compressed as draw.io compresses it, and a PNG export carrying it, then reads each with
//! `caselint::diagram::load_bytes` and prints the best of five in milliseconds. Target:
//! well under 100 ms. `CASELINT_DIAGRAMS` points at a folder of real diagrams to time too
//! (e.g. /work/material/diagrams/real). Prints, never asserts.

use std::io::Write;
use std::time::Instant;

use base64::Engine;
use caselint::diagram::{Limits, Outcome, Shapes, load_bytes};

const MB: usize = 1024 * 1024;
const ICONS: &[&str] = &[
    "lambda",
    "s3",
    "dynamodb",
    "sqs",
    "api_gateway",
    "aurora",
    "ecs",
    "cloudwatch_2",
];

fn main() {
    let shapes = Shapes::builtin().expect("shapes.toml");
    let limits = Limits::default();
    let plain = drawio_page(5 * MB);
    let cases = [
        (
            "5 MB .drawio (plain XML)".to_string(),
            "big.drawio",
            mxfile(&plain).into_bytes(),
        ),
        (
            "compressed .drawio of the same page".to_string(),
            "big.drawio",
            compressed(&plain).into_bytes(),
        ),
        (
            "PNG export carrying it".to_string(),
            "big.drawio.png",
            png(&compressed(&plain)),
        ),
    ];
    for (name, file, bytes) in &cases {
        let mut nodes = 0;
        let ms = best_of(5, || {
            if let Outcome::Read(_, model) = load_bytes(bytes, file, &limits, shapes) {
                nodes = model.nodes().count();
            }
        });
        println!(
            "{name}: {:.1} MB on disk, {nodes} shapes read in {ms:.1} ms",
            bytes.len() as f64 / MB as f64
        );
    }
    if let Some(dir) = std::env::var_os("CASELINT_DIAGRAMS") {
        let mut total = 0.0;
        let mut count = 0;
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let shown = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            total += best_of(3, || {
                let _ = load_bytes(&bytes, &shown, &limits, shapes);
            });
            count += 1;
            // What was recognised, for judging the loader on other people's diagrams.
            match load_bytes(&bytes, &shown, &limits, shapes) {
                Outcome::Read(format, model) => {
                    let mut kinds = std::collections::BTreeMap::new();
                    for (_, n) in model.nodes() {
                        if let Some(k) = n.kind {
                            *kinds.entry(format!("{k:?}")).or_insert(0) += 1;
                        }
                    }
                    let services = model.nodes().filter(|(_, n)| n.product.is_some()).count();
                    println!(
                        "  {shown}: {format:?}, {} pages, {} shapes ({services} AWS), {} containers, {} edges, kinds {kinds:?}",
                        model.pages.len(),
                        model.nodes().count(),
                        model.nodes().filter(|(_, n)| n.container).count(),
                        model.edge_count()
                    );
                }
                other => println!("  {shown}: {other:?}"),
            }
        }
        println!("{count} real diagrams: {total:.1} ms in all");
    }
}

/// A page of `size` bytes: groups (VPC, subnets) holding AWS icons, each linked to the next.
fn drawio_page(size: usize) -> String {
    let mut xml =
        String::from("<mxGraphModel><root><mxCell id=\"0\"/><mxCell id=\"1\" parent=\"0\"/>");
    let mut i = 0;
    while xml.len() < size {
        let group = format!("g{}", i / 20);
        if i % 20 == 0 {
            xml.push_str(&format!(
                "<mxCell id=\"{group}\" value=\"Private subnet {i}\" style=\"shape=mxgraph.aws4.group;grIcon=mxgraph.aws4.group_security_group;grStroke=0;container=1;\" vertex=\"1\" parent=\"1\"><mxGeometry x=\"0\" y=\"0\" width=\"400\" height=\"400\" as=\"geometry\"/></mxCell>"
            ));
        }
        let icon = ICONS[i % ICONS.len()];
        xml.push_str(&format!(
            "<mxCell id=\"n{i}\" value=\"&lt;b&gt;Service {i}&lt;/b&gt;&lt;br&gt;{icon}\" style=\"sketch=0;outlineConnect=0;fontColor=#232F3E;gradientColor=none;strokeColor=#ffffff;dashed=0;verticalLabelPosition=bottom;verticalAlign=top;align=center;html=1;fontSize=12;aspect=fixed;shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.{icon};\" vertex=\"1\" parent=\"{group}\"><mxGeometry x=\"10\" y=\"10\" width=\"78\" height=\"78\" as=\"geometry\"/></mxCell>"
        ));
        if i > 0 {
            xml.push_str(&format!(
                "<mxCell id=\"e{i}\" value=\"\" style=\"edgeStyle=orthogonalEdgeStyle;html=1;endArrow=block;\" edge=\"1\" parent=\"1\" source=\"n{}\" target=\"n{i}\"><mxGeometry relative=\"1\" as=\"geometry\"/></mxCell>",
                i - 1
            ));
        }
        i += 1;
    }
    xml.push_str("</root></mxGraphModel>");
    xml
}

fn mxfile(page: &str) -> String {
    format!(
        "<mxfile host=\"app.diagrams.net\"><diagram name=\"Page-1\" id=\"p1\">{page}</diagram></mxfile>"
    )
}

/// draw.io's compressed page: URL-encoded, raw-deflated, base64.
fn compressed(page: &str) -> String {
    let encoded: String =
        percent_encoding::utf8_percent_encode(page, percent_encoding::NON_ALPHANUMERIC).collect();
    let mut encoder =
        flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(encoded.as_bytes()).expect("deflate");
    let raw = encoder.finish().expect("deflate");
    mxfile(&base64::engine::general_purpose::STANDARD.encode(raw))
}

fn png(mxfile: &str) -> Vec<u8> {
    let text: String =
        percent_encoding::utf8_percent_encode(mxfile, percent_encoding::NON_ALPHANUMERIC).collect();
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&[0, 0, 0, 0]); // CRC: not checked by the reader
    };
    chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    let mut data = b"mxfile\0".to_vec();
    data.extend_from_slice(text.as_bytes());
    chunk(b"tEXt", &data);
    chunk(b"IEND", &[]);
    out
}

fn best_of(runs: usize, mut f: impl FnMut()) -> f64 {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .fold(f64::INFINITY, f64::min)
}
