//! `caselint server` started over stdio, and the Content-Length framing of its messages,
//! for the server's tests and its bench.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};

use serde_json::Value;

/// The server started in `root`, with a thread that reads each message it sends into the
/// receiver; stdin stays on the child for the caller to take.
pub fn start_server(binary: &str, root: &Path) -> (Child, Receiver<Value>) {
    let mut child = Command::new(binary)
        .arg("server")
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start caselint server");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, replies) = channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        while let Some(message) = read_frame(&mut reader) {
            if tx.send(message).is_err() {
                return;
            }
        }
    });
    (child, replies)
}

/// The next framed message, or `None` when the stream ends or the frame is malformed.
pub fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// One message as a frame: the header, then the JSON body.
pub fn frame(message: &Value) -> Vec<u8> {
    let body = message.to_string();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}
