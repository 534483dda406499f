//! How long an editor waits for findings (issue 16: ≤ 50 ms warm for a 55 KB case study):
//! the real `caselint server` over stdio, timed from sending `didChange` to receiving its
//! `publishDiagnostics`, for a 55 KB case study and a 1 MB document.
//! `cargo bench --bench server`; prints, asserts nothing.

use std::io::Write;
use std::path::Path;
use std::process::ChildStdin;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "../tests/common/lsp_frame.rs"]
mod lsp_frame;
mod support;
use lsp_frame::{frame, start_server};

const EDITS: usize = 20;

fn main() {
    let case_study = support::grown_case_study(55_000).1;
    let doc_sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/docs/getting-started.md");
    let doc_text = std::fs::read_to_string(&doc_sample).expect("sample doc");
    let mut big = String::new();
    while big.len() < 1_000_000 {
        big.push_str(&doc_text);
        big.push('\n');
    }

    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("canonical temp dir");
    let (mut child, replies) = start_server(env!("CARGO_BIN_EXE_caselint"), &root);
    let mut stdin = child.stdin.take().expect("stdin");
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
               "params": {"processId": null, "rootUri": format!("file://{}", root.display()), "capabilities": {}}}),
    );
    wait_for(&replies, |m| m["id"] == 1);
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );

    for (name, text) in [("case-study.md", &case_study), ("big-doc.md", &big)] {
        let uri = format!("file://{}/{name}", root.display());
        let start = Instant::now();
        send(
            &mut stdin,
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                   "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}),
        );
        wait_for(&replies, |m| published(m, &uri, 1));
        let first = start.elapsed();
        let mut times: Vec<Duration> = Vec::with_capacity(EDITS);
        for edit in 0..EDITS {
            let version = edit as i64 + 2;
            // A writer's keystroke: one more word at the end of the text.
            let changed = format!("{text}\nEdit {edit}.\n");
            let start = Instant::now();
            send(
                &mut stdin,
                json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
                       "params": {"textDocument": {"uri": uri, "version": version},
                                  "contentChanges": [{"text": changed}]}}),
            );
            wait_for(&replies, |m| published(m, &uri, version));
            times.push(start.elapsed());
        }
        times.sort();
        println!(
            "{name} ({} KB): first check {:.1} ms; edits: median {:.1} ms, p90 {:.1} ms, best {:.1} ms over {EDITS}",
            text.len() / 1000,
            ms(first),
            ms(times[EDITS / 2]),
            ms(times[EDITS * 9 / 10]),
            ms(times[0]),
        );
    }
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    );
    wait_for(&replies, |m| m["id"] == 2);
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit"}));
    let _ = child.wait();
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

fn published(message: &Value, uri: &str, version: i64) -> bool {
    message["method"] == "textDocument/publishDiagnostics"
        && message["params"]["uri"] == uri
        && message["params"]["version"] == version
}

fn send(stdin: &mut ChildStdin, message: Value) {
    stdin.write_all(&frame(&message)).expect("write to server");
    stdin.flush().expect("flush");
}

fn wait_for(replies: &Receiver<Value>, wanted: impl Fn(&Value) -> bool) -> Value {
    loop {
        let message = replies
            .recv_timeout(Duration::from_secs(120))
            .expect("the server answers");
        if wanted(&message) {
            return message;
        }
    }
}
