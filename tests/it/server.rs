//! `caselint server` driven over stdio as an editor drives it: Content-Length framed
//! JSON-RPC messages in, replies and notifications out. Every read has a timeout, so a
//! server that hangs fails the test instead of hanging CI.

use std::io::Write;
use std::process::{Child, ChildStdin};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

#[path = "../common/lsp_frame.rs"]
mod lsp_frame;
use lsp_frame::start_server;

const TIMEOUT: Duration = Duration::from_secs(30);

struct Session {
    child: Child,
    stdin: Option<ChildStdin>,
    replies: Receiver<Value>,
    next_id: i64,
    _dir: tempfile::TempDir,
    root: std::path::PathBuf,
}

impl Session {
    fn start() -> Session {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().canonicalize().expect("canonical temp dir");
        let (mut child, replies) = start_server(env!("CARGO_BIN_EXE_caselint"), &root);
        let stdin = child.stdin.take();
        Session {
            child,
            stdin,
            replies,
            next_id: 0,
            _dir: dir,
            root,
        }
    }

    fn uri(&self, name: &str) -> String {
        format!("file://{}/{name}", self.root.display())
    }

    fn send_bytes(&mut self, body: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n", body.len()).expect("write header");
        stdin.write_all(body).expect("write body");
        stdin.flush().expect("flush");
    }

    fn send(&mut self, message: Value) {
        self.send_bytes(message.to_string().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request_id(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Sends a request and waits for its reply (other messages in between are skipped).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_id(method, params);
        self.wait_for(|m| m["id"] == json!(id) && m.get("method").is_none())
    }

    fn wait_for(&self, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.replies.recv_timeout(left) {
                Ok(message) if wanted(&message) => return message,
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => panic!("no wanted message within {TIMEOUT:?}"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&self, uri: &str) -> Value {
        self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })["params"]
            .clone()
    }

    fn initialize(&mut self) -> Value {
        let reply = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        );
        self.notify("initialized", json!({}));
        reply
    }

    fn open(&mut self, name: &str, text: &str) -> String {
        let uri = self.uri(name);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
        uri
    }

    fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    /// `shutdown`, then `exit`; the process's exit code.
    fn stop(mut self) -> Option<i32> {
        let reply = self.request("shutdown", Value::Null);
        assert_eq!(reply["result"], Value::Null, "{reply}");
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    fn wait_exit(&mut self) -> Option<i32> {
        drop(self.stdin.take());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn findings<'a>(params: &'a Value, code: &str) -> Vec<&'a Value> {
    params["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .filter(|d| d["code"] == code)
        .collect()
}

const PRODUCT_NAME: &str = "DOC-003/product-name";
/// `é` is one UTF-16 unit (two bytes), `😀` two units (four bytes): `Cloudwatch` starts
/// at UTF-16 column 22, character 21, byte 27.
const WRONG: &str = "# Notes\n\nCafé 😀 metrics go to Cloudwatch.\n";
const RIGHT: &str = "# Notes\n\nCafé 😀 metrics go to CloudWatch.\n";

#[test]
fn findings_fixes_and_hover_over_stdio() {
    let mut s = Session::start();
    let init = s.initialize();
    let capabilities = &init["result"]["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16", "{init}");
    assert_eq!(capabilities["textDocumentSync"]["change"], 1, "{init}");
    assert_eq!(init["result"]["serverInfo"]["name"], "caselint");

    let uri = s.open("notes.md", WRONG);
    let published = s.diagnostics(&uri);
    assert_eq!(published["version"], 1);
    let found = findings(&published, PRODUCT_NAME);
    assert_eq!(found.len(), 1, "{published}");
    let finding = found[0];
    assert_eq!(
        finding["range"],
        json!({"start": {"line": 2, "character": 22}, "end": {"line": 2, "character": 32}})
    );
    assert_eq!(finding["severity"], 1);
    assert_eq!(finding["source"], "caselint");
    assert!(
        finding["message"].as_str().unwrap().contains("CloudWatch"),
        "{finding}"
    );

    let actions = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": finding["range"], "context": {"diagnostics": [finding]}}),
    );
    let actions = actions["result"].as_array().expect("actions").clone();
    let quick = actions
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["isPreferred"] == true)
        .unwrap_or_else(|| panic!("a preferred quick fix in {actions:?}"));
    assert_eq!(quick["title"], "Replace `Cloudwatch` with `CloudWatch`");
    assert_eq!(
        quick["edit"]["changes"][&uri],
        json!([{"range": finding["range"], "newText": "CloudWatch"}])
    );
    assert!(
        actions
            .iter()
            .any(|a| a["title"] == format!("Disable {PRODUCT_NAME} for this line")),
        "{actions:?}"
    );
    let fix_all = actions
        .iter()
        .find(|a| a["kind"] == "source.fixAll.caselint")
        .unwrap_or_else(|| panic!("a fix-all action in {actions:?}"));
    assert_eq!(fix_all["title"], "Fix all safe caselint fixes in this file");

    let hover = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 25}}),
    );
    let text = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{hover}"));
    assert_eq!(hover["result"]["contents"]["kind"], "markdown");
    assert!(text.contains(PRODUCT_NAME), "{text}");
    assert!(
        text.contains("correct product names"),
        "the checklist's words: {text}"
    );
    assert!(text.contains("Why it matters"), "{text}");
    // Outside any finding: nothing to say.
    let nothing = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}}),
    );
    assert_eq!(nothing["result"], Value::Null, "{nothing}");

    s.change(&uri, 2, RIGHT);
    let published = s.diagnostics(&uri);
    assert_eq!(published["version"], 2);
    assert_eq!(published["diagnostics"], json!([]), "{published}");

    assert_eq!(s.stop(), Some(0));
}

/// The disable action writes a comment the checker honours.
#[test]
fn the_disable_comment_silences_the_finding() {
    let mut s = Session::start();
    s.initialize();
    let uri = s.open("notes.md", WRONG);
    let finding = findings(&s.diagnostics(&uri), PRODUCT_NAME)[0].clone();
    let reply = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": finding["range"], "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    let actions = reply["result"].as_array().expect("actions");
    assert!(actions.iter().all(|a| a["kind"] == "quickfix"), "{reply}");
    let disable = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Disable"))
        .expect("a disable action");
    let edit = &disable["edit"]["changes"][&uri][0];
    assert_eq!(edit["range"]["start"], json!({"line": 2, "character": 33}));
    let inserted = edit["newText"].as_str().unwrap();
    assert_eq!(
        inserted,
        " <!-- caselint-disable-line DOC-003/product-name -->"
    );
    let silenced = WRONG.replace("Cloudwatch.", &format!("Cloudwatch.{inserted}"));
    s.change(&uri, 2, &silenced);
    let published = s.diagnostics(&uri);
    assert_eq!(published["diagnostics"], json!([]), "{published}");
    assert_eq!(s.stop(), Some(0));
}

#[test]
fn bad_messages_get_error_replies_and_the_server_keeps_serving() {
    let mut s = Session::start();
    // Before `initialize`, requests are refused.
    let early = s.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    s.initialize();

    s.send_bytes(b"{this is not json");
    let reply = s.wait_for(|m| m.get("error").is_some());
    assert_eq!(reply["id"], Value::Null);
    assert_eq!(reply["error"]["code"], -32700, "{reply}");

    // A document whose bytes are not UTF-8 cannot be a JSON string: a parse error too.
    s.send_bytes(b"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"text\":\"\xff\xfe\"}}");
    let reply = s.wait_for(|m| m.get("error").is_some());
    assert_eq!(reply["error"]["code"], -32700, "{reply}");

    let bad_params = s.request("textDocument/hover", json!({"position": "here"}));
    assert_eq!(bad_params["error"]["code"], -32602, "{bad_params}");

    let unknown = s.request("textDocument/rename", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");

    // A notification with bad params is logged, not answered, and breaks nothing.
    s.notify("textDocument/didOpen", json!({"textDocument": 7}));

    // Still serving: a document opened now is checked.
    let uri = s.open("still.md", WRONG);
    assert_eq!(findings(&s.diagnostics(&uri), PRODUCT_NAME).len(), 1);
    assert_eq!(s.stop(), Some(0));
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let mut s = Session::start();
    s.initialize();
    s.notify("exit", Value::Null);
    assert_eq!(s.wait_exit(), Some(1));
}

/// Edits that arrive faster than checks: the last text is the one whose findings stand.
#[test]
fn the_latest_edit_wins() {
    let mut s = Session::start();
    s.initialize();
    let uri = s.open("fast.md", RIGHT);
    for version in 2..=6 {
        let text = if version % 2 == 0 { WRONG } else { RIGHT };
        s.change(&uri, version, text);
    }
    // Version 6 has the wrong name: whatever was published before, the last publication
    // is of version 6, with its finding.
    let mut last_version = 0;
    loop {
        let published = s.diagnostics(&uri);
        let version = published["version"].as_i64().expect("a version");
        assert!(
            version > last_version,
            "versions go forward: {version} after {last_version}"
        );
        last_version = version;
        if version == 6 {
            assert_eq!(findings(&published, PRODUCT_NAME).len(), 1, "{published}");
            break;
        }
    }
    // Closing clears the document's diagnostics.
    s.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let cleared = s.diagnostics(&uri);
    assert_eq!(cleared["diagnostics"], json!([]));
    assert_eq!(s.stop(), Some(0));
}

#[test]
fn front_matter_completion_offers_keys_and_values() {
    let mut s = Session::start();
    s.initialize();
    let text = "---\nvis\ncustomer:\n  segment: \nsolution_area: \n---\n# Title\n";
    let uri = s.open("study.md", text);
    let _ = s.diagnostics(&uri);
    let complete = |s: &mut Session, line: u32, character: u32| -> Vec<String> {
        let reply = s.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        );
        reply["result"]
            .as_array()
            .unwrap_or_else(|| panic!("{reply}"))
            .iter()
            .map(|item| item["label"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert!(complete(&mut s, 1, 3).contains(&"visibility".to_string()));
    assert!(complete(&mut s, 3, 11).contains(&"SMB".to_string()));
    let areas = complete(&mut s, 4, 15);
    assert!(!areas.is_empty(), "the profile's solution areas");
    // Outside front matter: nothing.
    assert!(complete(&mut s, 6, 3).is_empty());
    // A position past the end is no front matter, and no reason to fail.
    assert!(complete(&mut s, 999, 0).is_empty());
    assert_eq!(s.stop(), Some(0));
}

#[test]
fn unsafe_fixes_are_labelled_and_not_preferred() {
    let mut s = Session::start();
    s.initialize();
    let uri = s.open(
        "comment.md",
        "# Notes\n\nAll fine here. <!-- caselint-disable-line -->\n",
    );
    let published = s.diagnostics(&uri);
    let unused = findings(&published, "caselint-comment/unused");
    assert_eq!(unused.len(), 1, "{published}");
    let reply = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": unused[0]["range"], "context": {"diagnostics": []}}),
    );
    let actions = reply["result"].as_array().expect("actions");
    let delete = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Delete"))
        .unwrap_or_else(|| panic!("a delete action in {reply}"));
    assert!(
        delete["title"].as_str().unwrap().ends_with("(unsafe)"),
        "{delete}"
    );
    assert_eq!(delete["isPreferred"], false);
    // Comments about caselint's own comments are fixed, not silenced; and an unsafe fix
    // is not part of "fix all safe fixes".
    assert!(
        actions
            .iter()
            .all(|a| !a["title"].as_str().unwrap().starts_with("Disable")),
        "{reply}"
    );
    assert!(
        actions
            .iter()
            .all(|a| a["kind"] != "source.fixAll.caselint"),
        "{reply}"
    );
    assert_eq!(s.stop(), Some(0));
}

/// The nearest caselint.toml applies; a broken one is reported on the document.
#[test]
fn the_nearest_config_applies_and_a_broken_one_is_reported() {
    let mut s = Session::start();
    s.initialize();
    std::fs::create_dir(s.root.join("quiet")).expect("mkdir");
    std::fs::write(
        s.root.join("quiet/caselint.toml"),
        "[rules]\n\"DOC-003/product-name\" = \"off\"\n",
    )
    .expect("write config");
    let quiet = s.open("quiet/notes.md", WRONG);
    let published = s.diagnostics(&quiet);
    assert!(findings(&published, PRODUCT_NAME).is_empty(), "{published}");

    std::fs::create_dir(s.root.join("broken")).expect("mkdir");
    std::fs::write(s.root.join("broken/caselint.toml"), "[rules\n").expect("write config");
    let broken = s.open("broken/notes.md", WRONG);
    let published = s.diagnostics(&broken);
    let config = findings(&published, "config");
    assert_eq!(config.len(), 1, "{published}");
    assert!(
        config[0]["message"]
            .as_str()
            .unwrap()
            .contains("caselint.toml"),
        "{published}"
    );
    assert_eq!(s.stop(), Some(0));
}

#[test]
fn only_markdown_is_checked_and_a_save_checks_again() {
    let mut s = Session::start();
    s.initialize();
    let text_uri = s.uri("notes.txt");
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": text_uri, "languageId": "plaintext", "version": 1, "text": WRONG}}),
    );
    let uri = s.open("notes.md", WRONG);
    // Checks run in order: had the text file been checked, its diagnostics came first.
    let first = s.wait_for(|m| m["method"] == "textDocument/publishDiagnostics");
    assert_eq!(first["params"]["uri"], uri, "{first}");
    s.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let again = s.diagnostics(&uri);
    assert_eq!(again["version"], 1);
    assert_eq!(findings(&again, PRODUCT_NAME).len(), 1, "{again}");
    assert_eq!(s.stop(), Some(0));
}

/// A caselint.toml written while the server runs applies from the next check on.
#[test]
fn a_new_config_applies_at_the_next_check() {
    let mut s = Session::start();
    s.initialize();
    std::fs::create_dir(s.root.join("docs")).expect("mkdir");
    let uri = s.open("docs/notes.md", WRONG);
    assert_eq!(findings(&s.diagnostics(&uri), PRODUCT_NAME).len(), 1);
    std::fs::write(
        s.root.join("docs/caselint.toml"),
        "[rules]\n\"DOC-003/product-name\" = \"off\"\n",
    )
    .expect("write config");
    s.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let published = s.diagnostics(&uri);
    assert!(findings(&published, PRODUCT_NAME).is_empty(), "{published}");
    assert_eq!(s.stop(), Some(0));
}

/// A lower-case product name points at the place the page writes it right, so the editor
/// can show both.
#[test]
fn a_finding_points_at_its_related_place() {
    let mut s = Session::start();
    s.initialize();
    let uri = s.open(
        "jobs.md",
        "# Jobs\n\nEach import runs on AWS Lambda.\n\nOur lambda functions log every row.\n",
    );
    let published = s.diagnostics(&uri);
    let found = findings(&published, PRODUCT_NAME);
    assert_eq!(found.len(), 1, "{published}");
    assert_eq!(found[0]["range"]["start"]["line"], 4, "{published}");
    let related = found[0]["relatedInformation"]
        .as_array()
        .unwrap_or_else(|| panic!("related information in {published}"));
    assert_eq!(related.len(), 1, "{published}");
    assert_eq!(related[0]["location"]["uri"], uri);
    assert_eq!(
        related[0]["location"]["range"],
        json!({"start": {"line": 2, "character": 20}, "end": {"line": 2, "character": 30}})
    );
    assert!(
        related[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("Lambda")),
        "{published}"
    );
    assert_eq!(s.stop(), Some(0));
}
