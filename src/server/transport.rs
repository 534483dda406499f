//! Messages in and out over standard input and output. lsp-server frames and parses the
//! messages; its own stdio transport ends the session at the first malformed message,
//! and an editor's server must keep serving, so the reading thread here reports a bad
//! message and goes on with the next one.

use std::io::{self, BufRead, Write};
use std::thread;

use lsp_server::Message;
use std::sync::mpsc::{Sender, channel};

/// What the reading thread saw.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A frame whose body is not UTF-8 or not a JSON-RPC message: answered with a parse
    /// error; the stream goes on at the next frame.
    Malformed(String),
    /// Standard input closed or broke: nothing more will come.
    Closed,
}

/// What the writing thread sends.
#[derive(Debug)]
pub enum Outgoing {
    Message(Message),
    /// A JSON-RPC error reply without a request id (the id of a message that could not be
    /// parsed is unknown; JSON-RPC answers such a message with `"id": null`).
    ErrorWithoutId {
        code: i32,
        message: String,
    },
}

pub struct Transport {
    pub outgoing: Sender<Outgoing>,
    writer: thread::JoinHandle<io::Result<()>>,
}

impl Transport {
    /// Starts reading standard input into `sink` (as `E`, so the caller can merge what
    /// the client sends with its own events) and writing what is sent to `outgoing`.
    pub fn stdio<E: From<Incoming> + Send + 'static>(sink: Sender<E>) -> io::Result<Transport> {
        let (out_tx, out_rx) = channel::<Outgoing>();
        thread::Builder::new()
            .name("caselint-lsp-reader".into())
            .spawn(move || read_loop(&mut io::stdin().lock(), &sink))?;
        let writer = thread::Builder::new()
            .name("caselint-lsp-writer".into())
            .spawn(move || {
                let stdout = io::stdout();
                let mut out = stdout.lock();
                for message in out_rx {
                    write_one(&mut out, message)?;
                }
                Ok(())
            })?;
        Ok(Transport {
            outgoing: out_tx,
            writer,
        })
    }

    /// Waits until every message sent so far is written.
    pub fn finish(self) -> io::Result<()> {
        drop(self.outgoing);
        self.writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writing thread panicked")))
    }
}

fn read_loop<E: From<Incoming>>(input: &mut impl BufRead, sink: &Sender<E>) {
    loop {
        let next = match Message::read(input) {
            Ok(Some(message)) => {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if sink.send(Incoming::Message(message).into()).is_err() || exit {
                    return;
                }
                continue;
            }
            Ok(None) => Incoming::Closed,
            // lsp-server has read the whole frame before it found the body malformed.
            Err(err) if err.kind() == io::ErrorKind::InvalidData => {
                Incoming::Malformed(err.to_string())
            }
            Err(_) => Incoming::Closed,
        };
        let closed = matches!(next, Incoming::Closed);
        if sink.send(next.into()).is_err() || closed {
            return;
        }
    }
}

fn write_one(out: &mut impl Write, message: Outgoing) -> io::Result<()> {
    match message {
        Outgoing::Message(message) => message.write(out),
        Outgoing::ErrorWithoutId { code, message } => {
            let body = serde_json::json!({
                "jsonrpc": "2.0",
                "id": null,
                "error": { "code": code, "message": message },
            })
            .to_string();
            write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
            out.flush()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &[u8]) -> Vec<u8> {
        let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        out.extend_from_slice(body);
        out
    }

    #[test]
    fn a_malformed_frame_is_reported_and_reading_goes_on() {
        let mut input = frame(b"{not json");
        input.extend(frame(b"\xff\xfe"));
        input.extend(frame(
            br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
        ));
        let (tx, rx) = channel::<Incoming>();
        read_loop(&mut input.as_slice(), &tx);
        let seen: Vec<Incoming> = rx.try_iter().collect();
        assert!(matches!(seen[0], Incoming::Malformed(_)), "{seen:?}");
        assert!(matches!(seen[1], Incoming::Malformed(_)), "{seen:?}");
        assert!(
            matches!(&seen[2], Incoming::Message(Message::Notification(n)) if n.method == "initialized")
        );
        assert!(matches!(seen[3], Incoming::Closed));
    }
}
