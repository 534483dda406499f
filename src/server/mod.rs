//! `caselint server`: a Language Server Protocol server over stdio, on the same library
//! as `caselint check`. Findings of every rule appear as the writer types, with the
//! config found for the file and today's date; published pages are never fetched.
//!
//! - `protocol`: the message loop and lifecycle;
//! - `transport`: framed messages in and out (a malformed one does not end the session);
//! - `documents`: the open documents and the findings of their current text;
//! - `worker`: checks on their own thread, newest text only;
//! - `position`: byte offsets to UTF-16 positions and back;
//! - `diagnostics`, `actions`, `hover`, `completion`: findings in LSP terms.

mod actions;
mod completion;
mod diagnostics;
mod documents;
mod hover;
mod position;
mod protocol;
mod transport;
mod worker;

/// Runs the server until the editor exits; returns the process exit code.
pub fn run() -> u8 {
    protocol::serve()
}
