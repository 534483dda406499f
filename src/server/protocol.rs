//! The message loop: the LSP lifecycle (initialize, shutdown, exit), the document
//! notifications, and the requests. Everything here is quick; checks run on the worker
//! and come back as events, so a long check never holds up the editor's next message.

use std::path::PathBuf;
use std::sync::mpsc::{Sender, channel};

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, Completion, HoverRequest, Request as _};
use lsp_types::{
    CodeActionOptions, CodeActionProviderCapability, CompletionOptions, HoverProviderCapability,
    InitializeResult, PositionEncodingKind, PublishDiagnosticsParams, SaveOptions,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use serde::de::DeserializeOwned;

use super::documents::Documents;
use super::transport::{Incoming, Outgoing, Transport};
use super::worker::{Checked, Worker};

/// What the loop waits for: a message from the editor or a finished check.
pub enum Event {
    Client(Incoming),
    Checked(Box<Checked>),
}

impl From<Incoming> for Event {
    fn from(incoming: Incoming) -> Event {
        Event::Client(incoming)
    }
}

impl From<Checked> for Event {
    fn from(checked: Checked) -> Event {
        Event::Checked(Box::new(checked))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before `initialize`: only `initialize` and `exit` are answered.
    Starting,
    Running,
    /// After `shutdown`: only `exit` is expected.
    ShuttingDown,
}

/// JSON-RPC error codes lsp-server does not name.
const SERVER_NOT_INITIALIZED: i32 = -32002;

struct Server {
    out: Sender<Outgoing>,
    documents: Documents,
    worker: Worker,
    state: State,
}

/// Serves one editor session over stdio. Returns the process exit code: 0 after
/// `shutdown` then `exit`, 1 when the editor exits or disappears without `shutdown`
/// (as the LSP specification asks), 2 when stdio cannot be used at all.
pub fn serve() -> u8 {
    let (events, incoming) = channel::<Event>();
    let transport = match Transport::stdio(events.clone()) {
        Ok(transport) => transport,
        Err(err) => {
            eprintln!("caselint server: cannot start reading standard input: {err}");
            return 2;
        }
    };
    let worker = match Worker::start(events) {
        Ok(worker) => worker,
        Err(err) => {
            eprintln!("caselint server: cannot start the checking thread: {err}");
            return 2;
        }
    };
    let mut server = Server {
        out: transport.outgoing.clone(),
        documents: Documents::default(),
        worker,
        state: State::Starting,
    };
    let mut code = 1;
    for event in incoming {
        match event {
            Event::Checked(checked) => server.publish(*checked),
            Event::Client(Incoming::Malformed(error)) => {
                server.send_raw_error(ErrorCode::ParseError as i32, error);
            }
            Event::Client(Incoming::Closed) => break,
            Event::Client(Incoming::Message(Message::Notification(n))) if n.method == "exit" => {
                if server.state == State::ShuttingDown {
                    code = 0;
                }
                break;
            }
            Event::Client(Incoming::Message(message)) => {
                let id = match &message {
                    Message::Request(request) => Some(request.id.clone()),
                    _ => None,
                };
                // A bug in one handler must not end the session: the editor gets an
                // error for that request and the next message is served.
                let handled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    server.handle(message);
                }));
                if let (Err(_), Some(id)) = (handled, id) {
                    server.error(
                        id,
                        ErrorCode::InternalError as i32,
                        "caselint's server failed on this request because of a bug in caselint; please report it",
                    );
                }
            }
        }
    }
    drop(server);
    if let Err(err) = transport.finish() {
        eprintln!("caselint server: cannot write to standard output: {err}");
    }
    code
}

impl Server {
    fn send(&self, message: impl Into<Message>) {
        // The writer only goes away when stdout is closed: the editor is gone.
        let _ = self.out.send(Outgoing::Message(message.into()));
    }

    fn send_raw_error(&self, code: i32, message: String) {
        let _ = self.out.send(Outgoing::ErrorWithoutId { code, message });
    }

    fn error(&self, id: RequestId, code: i32, message: impl Into<String>) {
        self.send(Response::new_err(id, code, message.into()));
    }

    fn log(&self, message: String) {
        let params = lsp_types::LogMessageParams {
            typ: lsp_types::MessageType::WARNING,
            message,
        };
        self.send(Notification::new("window/logMessage".into(), params));
    }

    fn handle(&mut self, message: Message) {
        match message {
            Message::Request(request) => self.request(request),
            Message::Notification(notification) => self.notification(notification),
            // The server sends no requests, so no response is awaited.
            Message::Response(_) => {}
        }
    }

    fn request(&mut self, request: Request) {
        match (self.state, request.method.as_str()) {
            (State::Starting, "initialize") => {
                self.send(Response::new_ok(request.id, initialize_result()));
                self.state = State::Running;
            }
            (State::Starting, _) => self.error(
                request.id,
                SERVER_NOT_INITIALIZED,
                "the server is not initialized yet: send `initialize` first",
            ),
            (State::ShuttingDown, _) => self.error(
                request.id,
                ErrorCode::InvalidRequest as i32,
                "the server is shutting down: only `exit` is expected",
            ),
            (State::Running, "initialize") => self.error(
                request.id,
                ErrorCode::InvalidRequest as i32,
                "the server is already initialized",
            ),
            (State::Running, "shutdown") => {
                self.send(Response::new_ok(request.id, ()));
                self.state = State::ShuttingDown;
            }
            (State::Running, CodeActionRequest::METHOD) => {
                self.answer(request, |server, params: lsp_types::CodeActionParams| {
                    let uri = &params.text_document.uri;
                    server
                        .documents
                        .get(uri)
                        .map(|doc| super::actions::code_actions(uri, doc, &params))
                        .unwrap_or_default()
                });
            }
            (State::Running, HoverRequest::METHOD) => {
                self.answer(request, |server, params: lsp_types::HoverParams| {
                    let at = &params.text_document_position_params;
                    server
                        .documents
                        .get(&at.text_document.uri)
                        .and_then(|doc| super::hover::hover(doc, at.position))
                });
            }
            (State::Running, Completion::METHOD) => {
                self.answer(request, |server, params: lsp_types::CompletionParams| {
                    let at = &params.text_document_position;
                    server
                        .documents
                        .get(&at.text_document.uri)
                        .map(|doc| super::completion::complete(doc, at.position))
                });
            }
            (State::Running, method) => {
                let message = format!("caselint's server does not handle `{method}`");
                self.error(request.id, ErrorCode::MethodNotFound as i32, message);
            }
        }
    }

    /// Parses the params, answers with `reply`'s result, or with InvalidParams.
    fn answer<P: DeserializeOwned, R: serde::Serialize>(
        &mut self,
        request: Request,
        reply: impl FnOnce(&mut Server, P) -> R,
    ) {
        match serde_json::from_value::<P>(request.params) {
            Ok(params) => {
                let result = reply(self, params);
                self.send(Response::new_ok(request.id, result));
            }
            Err(err) => self.error(
                request.id,
                ErrorCode::InvalidParams as i32,
                format!("invalid params for `{}`: {err}", request.method),
            ),
        }
    }

    fn notification(&mut self, notification: Notification) {
        if self.state != State::Running {
            return;
        }
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                self.notified(
                    notification,
                    |server, p: lsp_types::DidOpenTextDocumentParams| {
                        let doc = p.text_document;
                        if is_markdown(&doc.language_id, &doc.uri) {
                            let path = path_of(&doc.uri);
                            let job =
                                server
                                    .documents
                                    .update(&doc.uri, doc.version, doc.text, path);
                            server.worker.submit(job);
                        }
                    },
                );
            }
            DidChangeTextDocument::METHOD => {
                self.notified(
                    notification,
                    |server, p: lsp_types::DidChangeTextDocumentParams| {
                        let uri = p.text_document.uri;
                        // Full sync: the last change holds the whole text.
                        let (Some(change), Some(doc)) = (
                            p.content_changes.into_iter().last(),
                            server.documents.get(&uri),
                        ) else {
                            return;
                        };
                        let path = doc.path.clone();
                        let job = server.documents.update(
                            &uri,
                            p.text_document.version,
                            change.text,
                            path,
                        );
                        server.worker.submit(job);
                    },
                );
            }
            DidSaveTextDocument::METHOD => {
                self.notified(
                    notification,
                    |server, p: lsp_types::DidSaveTextDocumentParams| {
                        if let Some(job) = server.documents.recheck(&p.text_document.uri, p.text) {
                            server.worker.submit(job);
                        }
                    },
                );
            }
            DidCloseTextDocument::METHOD => {
                self.notified(
                    notification,
                    |server, p: lsp_types::DidCloseTextDocumentParams| {
                        let uri = p.text_document.uri;
                        server.worker.cancel(&uri);
                        if server.documents.close(&uri).is_some() {
                            server.send_diagnostics(uri, Vec::new(), None);
                        }
                    },
                );
            }
            // `initialized`, `$/cancelRequest` (every answer is immediate), settings.
            _ => {}
        }
    }

    /// Parses a notification's params; a notification gets no reply, so bad params are
    /// logged to the editor's output instead.
    fn notified<P: DeserializeOwned>(
        &mut self,
        notification: Notification,
        handle: impl FnOnce(&mut Server, P),
    ) {
        match serde_json::from_value::<P>(notification.params) {
            Ok(params) => handle(self, params),
            Err(err) => self.log(format!(
                "caselint: ignored `{}` with invalid params: {err}",
                notification.method
            )),
        }
    }

    fn publish(&mut self, checked: Checked) {
        let elapsed = checked.elapsed;
        let Some((uri, doc)) = self.documents.accept(checked) else {
            return;
        };
        let Some(findings) = &doc.checked else {
            return;
        };
        let diagnostics = super::diagnostics::all(findings, uri);
        eprintln!(
            "caselint server: checked {} (version {}, {} bytes) in {:.1} ms: {} findings",
            uri.as_str(),
            doc.version,
            findings.report.source.len(),
            elapsed.as_secs_f64() * 1000.0,
            diagnostics.len()
        );
        let (uri, version) = (uri.clone(), doc.version);
        self.send_diagnostics(uri, diagnostics, Some(version));
    }

    fn send_diagnostics(
        &self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Notification::new(PublishDiagnostics::METHOD.into(), params));
    }
}

fn initialize_result() -> InitializeResult {
    InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(PositionEncodingKind::UTF16),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::FULL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(super::actions::kinds()),
                ..CodeActionOptions::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec![":".into(), " ".into()]),
                ..CompletionOptions::default()
            }),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: "caselint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    }
}

/// Markdown as the editor names it, or a file whose extension says so.
fn is_markdown(language_id: &str, uri: &Uri) -> bool {
    let language = language_id.to_ascii_lowercase();
    if matches!(language.as_str(), "markdown" | "mdx" | "md") {
        return true;
    }
    let path = uri.path().as_str().to_ascii_lowercase();
    [".md", ".markdown", ".mdx", ".mdown", ".mkd"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

/// The file a `file:` URI names; for other schemes (an unsaved buffer), its last path
/// segment, which keeps the extension rules read and finds no config.
fn path_of(uri: &Uri) -> PathBuf {
    if let Ok(url) = url::Url::parse(uri.as_str())
        && url.scheme() == "file"
        && let Ok(path) = url.to_file_path()
    {
        return path;
    }
    let last = uri
        .path()
        .as_str()
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or("untitled.md");
    PathBuf::from(last)
}
