//! `ccforge lsp`: a language server over standard input and output. It checks Swagger 2.0
//! definitions, apiProperties.json and settings.json as the editor holds them (open buffers win
//! over the files on disk), a connector folder at a time, and answers hover, go to definition,
//! find references, document symbols and code actions (the connector passes' quick fixes and a
//! suppression with a reason).
//!
//! Built on `lsp-server` (synchronous: one loop reads a message and answers it, which fits a
//! checker whose work is one short computation per edit) and `lsp-types`.

mod actions;
mod check;
mod nav;
pub mod text;
mod transport;

use crate::value::Lookup;
use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, HoverProviderCapability,
    InitializeParams, OneOf, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind, Uri, notification as note, request as req,
};

use crate::diagnostic::Code;
use crate::source::{self, Source};
pub use check::Published;

/// Where a rule's documentation is: `{base}#{code}-{name}`, the heading of the rule in
/// docs/rules.md of this version where the crate says it is kept (`repository` in
/// Cargo.toml). Without one, there is no page to link to: the rule's documentation is shown on
/// hover, and a client may give a base (`rulesDocs`).
fn default_docs_base() -> Option<String> {
    let repo = option_env!("CARGO_PKG_REPOSITORY")
        .unwrap_or_default()
        .trim_end_matches('/');
    (!repo.is_empty()).then(|| format!("{repo}/blob/v{}/docs/rules.md", env!("CARGO_PKG_VERSION")))
}

/// The URL of a code's documentation.
pub fn docs_url(base: &str, code: &Code) -> String {
    format!("{base}#{}-{}", code.code, code.name).to_ascii_lowercase()
}

/// A buffer the editor has open.
pub struct OpenDoc {
    pub uri: Uri,
    pub text: String,
    pub version: i32,
}

/// The server's state: open buffers, what was last published, and parses kept for navigation.
pub struct Server {
    open: HashMap<PathBuf, OpenDoc>,
    /// The last text of each file that parsed, to lint a folder's other files with while one
    /// of them is mid-edit.
    last_good: HashMap<PathBuf, Arc<str>>,
    /// The diagnostics last published for each file, for hover and code actions.
    published: HashMap<PathBuf, Vec<Published>>,
    /// Parsed open buffers by version, for navigation.
    parsed: HashMap<PathBuf, (i32, Arc<Source>)>,
    docs_base: Option<String>,
    /// Notifications to send, in order.
    outbox: Vec<Notification>,
    /// How many checks ran (for tests and benchmarks).
    pub checks: usize,
}

impl Default for Server {
    fn default() -> Self {
        Server::new(None)
    }
}

impl Server {
    pub fn new(docs_base: Option<String>) -> Server {
        Server {
            open: HashMap::new(),
            last_good: HashMap::new(),
            published: HashMap::new(),
            parsed: HashMap::new(),
            docs_base: docs_base.or_else(default_docs_base),
            outbox: Vec::new(),
            checks: 0,
        }
    }

    pub fn capabilities() -> ServerCapabilities {
        ServerCapabilities {
            text_document_sync: Some(TextDocumentSyncCapability::Kind(
                TextDocumentSyncKind::INCREMENTAL,
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            document_symbol_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..Default::default()
            })),
            ..Default::default()
        }
    }

    /// Handles a notification; the paths whose folders need checking again are added to `dirty`.
    pub fn notify(&mut self, n: Notification, dirty: &mut HashSet<PathBuf>) {
        let method = n.method.clone();
        let result = catch_unwind(AssertUnwindSafe(|| self.notify_inner(n, dirty)));
        if result.is_err() {
            self.log(&format!("ccforge: internal error while handling {method}"));
        }
    }

    fn notify_inner(&mut self, n: Notification, dirty: &mut HashSet<PathBuf>) {
        match n.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params)
                else {
                    return;
                };
                let Some(path) = text::uri_to_path(&p.text_document.uri) else {
                    return;
                };
                self.open.insert(
                    path.clone(),
                    OpenDoc {
                        uri: p.text_document.uri,
                        text: p.text_document.text,
                        version: p.text_document.version,
                    },
                );
                dirty.insert(path);
            }
            note::DidChangeTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params)
                else {
                    return;
                };
                let Some(path) = text::uri_to_path(&p.text_document.uri) else {
                    return;
                };
                if let Some(doc) = self.open.get_mut(&path) {
                    text::apply_changes(&mut doc.text, p.content_changes);
                    doc.version = p.text_document.version;
                    dirty.insert(path);
                }
            }
            note::DidCloseTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params)
                else {
                    return;
                };
                if let Some(path) = text::uri_to_path(&p.text_document.uri) {
                    self.open.remove(&path);
                    self.parsed.remove(&path);
                    // The folder is checked again as it is on disk.
                    dirty.insert(path);
                }
            }
            note::DidSaveTextDocument::METHOD | note::DidChangeWatchedFiles::METHOD => {
                // A file saved or changed on disk (ccforge.toml, a closed connector file) can
                // change what the open buffers' folders find.
                dirty.extend(self.open.keys().cloned());
            }
            _ => {}
        }
    }

    /// Answers a request; never panics (a failure is an error response).
    pub fn request(&mut self, r: Request) -> Response {
        let id = r.id.clone();
        let method = r.method.clone();
        match catch_unwind(AssertUnwindSafe(|| self.request_inner(r))) {
            Ok(resp) => resp,
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                format!("ccforge failed while answering {method}"),
            ),
        }
    }

    fn request_inner(&mut self, r: Request) -> Response {
        fn params<P: serde::de::DeserializeOwned>(r: &Request) -> Result<P, Response> {
            serde_json::from_value(r.params.clone()).map_err(|e| {
                Response::new_err(
                    r.id.clone(),
                    ErrorCode::InvalidParams as i32,
                    format!("invalid params for {}: {e}", r.method),
                )
            })
        }
        let id = r.id.clone();
        let result = match r.method.as_str() {
            req::HoverRequest::METHOD => params(&r).map(|p| to_value(self.hover(p))),
            req::GotoDefinition::METHOD => params(&r).map(|p| to_value(self.definition(p))),
            req::References::METHOD => params(&r).map(|p| to_value(self.references(p))),
            req::DocumentSymbolRequest::METHOD => params(&r).map(|p| to_value(self.symbols(p))),
            req::CodeActionRequest::METHOD => params(&r).map(|p| to_value(self.code_actions(p))),
            req::Shutdown::METHOD => Ok(serde_json::Value::Null),
            _ => Err(Response::new_err(
                id.clone(),
                ErrorCode::MethodNotFound as i32,
                format!("ccforge does not answer {}", r.method),
            )),
        };
        match result {
            Ok(v) => Response::new_ok(id, v),
            Err(e) => e,
        }
    }

    /// The notifications to send (published diagnostics, log messages), taken.
    pub fn take_outbox(&mut self) -> Vec<Notification> {
        std::mem::take(&mut self.outbox)
    }

    fn log(&mut self, message: &str) {
        self.outbox.push(Notification::new(
            note::LogMessage::METHOD.to_string(),
            lsp_types::LogMessageParams {
                typ: lsp_types::MessageType::ERROR,
                message: message.to_string(),
            },
        ));
    }

    /// The text of a file: the open buffer, else the file on disk.
    fn text_of(&self, path: &Path) -> Option<Arc<str>> {
        match self.open.get(path) {
            Some(doc) => Some(Arc::from(doc.text.as_str())),
            None => std::fs::read_to_string(path).ok().map(Arc::from),
        }
    }

    /// The open buffer of `uri`, parsed (cached by version).
    fn parsed(&mut self, uri: &Uri) -> Option<Arc<Source>> {
        let path = text::uri_to_path(uri)?;
        let doc = self.open.get(&path)?;
        if let Some((v, src)) = self.parsed.get(&path)
            && *v == doc.version
        {
            return Some(src.clone());
        }
        let src = Arc::new(source::load_bytes(&name_of(&path), doc.text.as_bytes()).ok()?);
        let version = doc.version;
        self.parsed.insert(path, (version, src.clone()));
        Some(src)
    }
}

/// The name a file goes by in diagnostics: its path.
fn name_of(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn to_value<T: serde::Serialize>(v: T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

/// Runs the server over a connection until `exit` or the end of input. Returns whether the
/// client asked to shut down first (the exit status the protocol asks for).
pub fn serve(conn: &Connection) -> Result<bool, String> {
    let (id, params) = conn.initialize_start().map_err(|e| e.to_string())?;
    let init: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let docs_base = init
        .initialization_options
        .as_ref()
        .and_then(|o| o.field("rulesDocs"))
        .and_then(|v| v.as_str())
        .map(str::to_string);
    let result = lsp_types::InitializeResult {
        capabilities: Server::capabilities(),
        server_info: Some(ServerInfo {
            name: "ccforge".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    conn.initialize_finish(id, to_value(result))
        .map_err(|e| e.to_string())?;
    let mut server = Server::new(docs_base);
    let mut shut_down = false;
    while let Ok(msg) = conn.receiver.recv() {
        let mut dirty = HashSet::new();
        let mut next = Some(msg);
        // Everything already waiting is handled before checking, so that a burst of edits is
        // checked once.
        while let Some(msg) = next.take() {
            match msg {
                Message::Request(r) => {
                    if r.method == req::Shutdown::METHOD {
                        shut_down = true;
                    }
                    // A request sees the folders as they are now.
                    server.check_all(std::mem::take(&mut dirty));
                    send_outbox(conn, &mut server);
                    let resp = server.request(r);
                    let _ = conn.sender.send(Message::Response(resp));
                }
                Message::Notification(n) if n.method == note::Exit::METHOD => {
                    return Ok(shut_down);
                }
                Message::Notification(n) => server.notify(n, &mut dirty),
                Message::Response(_) => {}
            }
            next = conn.receiver.try_recv().ok();
        }
        server.check_all(dirty);
        send_outbox(conn, &mut server);
    }
    Ok(shut_down)
}

fn send_outbox(conn: &Connection, server: &mut Server) {
    for n in server.take_outbox() {
        let _ = conn.sender.send(Message::Notification(n));
    }
}

/// `ccforge lsp`: serves over standard input and output.
pub fn run_stdio() -> Result<bool, String> {
    let io = transport::stdio();
    let result = serve(&io.connection);
    io.join();
    result
}

/// A request id, for tests that drive a server in memory.
pub fn request_id(n: i32) -> RequestId {
    RequestId::from(n)
}
