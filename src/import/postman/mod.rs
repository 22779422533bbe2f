//! Postman collections (v1, v2.0, v2.1) to Swagger 2.0: the variables are gathered, each request
//! becomes an operation, one host is chosen, and the document is assembled.

mod auth;
mod body;
pub mod codes;
mod document;
pub mod host;
mod merge;
pub mod model;
mod op;
mod request;
mod response;
mod variables;

use crate::import::provenance::{Origin, Provenance};
use serde_json::Value;
use std::collections::HashSet;

use super::{ImportOptions, Imported};
use crate::diagnostic::{Declared, Diagnostic, Reporter, Severity};

/// The conversion's context: its findings and what it remembers between requests.
struct Cx<'a> {
    report: Reporter<'a>,
    /// Secrets already reported, by pointer.
    secrets_seen: HashSet<String>,
    /// Auth blocks converted so far: each distinct one once (see [`auth::Seen`]).
    auths: auth::Seen,
    /// The security definitions registered so far, by name, in order.
    auth_defs: Vec<(String, Value)>,
    /// The secret values found, to mask them in code frames.
    secrets: Vec<String>,
    /// An error was found that leaves no valid definition to write.
    fatal: bool,
    /// Whether `--authorization-url` and `--token-url` were given: they fill in what an OAuth 2.0
    /// auth lacks.
    oauth_urls_given: (bool, bool),
}

/// Whether `d` is the error that an OAuth 2.0 auth lacks its authorization or token URL (the
/// conversion writes an empty one in its place): what the written files' checks would say about
/// those empty URLs repeats it.
pub fn lacks_oauth_urls(d: &crate::diagnostic::Diagnostic) -> bool {
    std::ptr::eq(d.meta, &codes::AUTH) && d.severity == crate::diagnostic::Severity::Error
}

/// Where a step of the conversion tells what it found: the conversion's context, or a
/// [`response::Told`] that keeps it to be told later in order.
trait Tell {
    /// Reports a finding of `code` at `at`.
    fn tell(&mut self, code: &'static crate::diagnostic::Code, at: &str, message: String);
    /// Records secret values (for masking) and reports the place once.
    fn secret(&mut self, at: &str, what: String, values: &[&str]);
}

impl Tell for Cx<'_> {
    fn tell(&mut self, code: &'static crate::diagnostic::Code, at: &str, message: String) {
        self.report.report(code, at, message);
    }

    fn secret(&mut self, at: &str, what: String, values: &[&str]) {
        Cx::secret(self, at, what, values);
    }
}

/// Converts a Postman collection (`name` is how diagnostics name its file). The host is the
/// requests' (`--host` is written over it by `import()`), and the schemas inferred from the
/// examples are not yet hoisted: see [`hoist`]. An `Err` holds the errors that leave no valid
/// definition (a host that is an unresolved variable).
pub fn convert(
    name: &str,
    mut value: Value,
    opts: &ImportOptions,
) -> Result<Imported, Vec<Diagnostic>> {
    // `items` for `item`: a hand-made collection that Postman would show empty too.
    let misnamed = ["/items", "/collection/items"]
        .iter()
        .find(|at| value.pointer(at).is_some());
    let mut col = model::read(&mut value);
    // The model holds what is needed; the tree can go before the definition is built (freed
    // here, on the thread that allocated it, it costs under a millisecond).
    drop(value);
    if col.requests.is_empty() && col.skipped.is_empty() {
        // Requests where Postman does not read them: the file is broken for every command.
        if let Some(at) = misnamed {
            return Err(vec![misnamed_items(name, at)]);
        }
        // A definition without operations, with the error that says why: `convert` writes
        // nothing of it (see [`holds_no_requests`]), a comparison sees a connector that has no
        // operations yet.
        return Ok(Imported {
            doc: document::assemble(&col, Vec::new(), None, Vec::new(), None),
            diagnostics: vec![no_requests(name)],
            secrets: Vec::new(),
            refresh_urls: Vec::new(),
            provenance: Provenance::new(Origin::Postman),
            routes: Vec::new(),
            examples_dropped: None,
        });
    }
    let mut cx = Cx {
        report: Reporter::new(name, &Declared),
        secrets_seen: HashSet::new(),
        auths: auth::Seen::default(),
        auth_defs: Vec::new(),
        secrets: Vec::new(),
        fatal: false,
        oauth_urls_given: (opts.authorization_url.is_some(), opts.token_url.is_some()),
    };
    let vars = variables::collect(&col, opts, &mut cx);
    let lines = opts.size_budget.map(|(_, lines)| lines);
    let mut ops = request::operations(&mut col, &vars, lines, &mut cx);
    if ops.is_empty() {
        // Every request was skipped, each with its reason: a definition without operations
        // is of no use, and it is not written.
        let mut diagnostics = cx.report.finish();
        diagnostics.push(
            codes::SKIPPED
                .diagnostic_as(
                    Severity::Error,
                    "none of the collection's requests can be converted, so there is nothing to convert",
                )
                .with_help("each request is reported with the reason it was skipped")
                .in_file(name),
        );
        return Ok(Imported {
            doc: document::assemble(&col, Vec::new(), None, Vec::new(), None),
            diagnostics,
            secrets: cx.secrets,
            refresh_urls: Vec::new(),
            provenance: Provenance::new(Origin::Postman),
            routes: Vec::new(),
            examples_dropped: None,
        });
    }
    auth::tell_uses(&mut cx);
    let chosen = host::choose(&mut ops, opts.host.is_some(), &mut cx);
    let mut ops = request::merge_same(ops, &mut cx);
    if cx.fatal {
        let mut errors = cx.report.finish();
        errors.retain(|d| d.severity == Severity::Error);
        return Err(errors);
    }
    variables::report_unresolved(&col, &vars, &mut cx);
    let budget = opts.size_budget.map(|(budget, _)| budget);
    let examples_dropped = response::settle_examples(&mut ops, budget, &vars);
    let mut provenance = Provenance::new(Origin::Postman);
    for op in &ops {
        provenance.operation(&op.path, &op.method, op.pointer.clone());
        provenance.folder(&op.path, &op.method, op.folder.clone());
        if let Some(k) = &op.host_key {
            provenance.server(&op.path, &op.method, k.server(&op.name));
        }
    }
    let mut auth_defs = std::mem::take(&mut cx.auth_defs);
    let refresh_urls = auth::refresh_urls(&mut auth_defs);
    let root_security = auth::root_security(&ops, &mut auth_defs);
    let doc = document::assemble(
        &col,
        ops,
        chosen.as_ref(),
        auth_defs,
        root_security.as_ref(),
    );
    Ok(Imported {
        doc,
        diagnostics: cx.report.finish(),
        secrets: cx.secrets,
        refresh_urls,
        provenance,
        routes: Vec::new(),
        examples_dropped,
    })
}

/// Whether `d` is the error that the collection holds no request at all: a definition
/// converted from it has nothing to offer, and is not written.
pub fn holds_no_requests(d: &Diagnostic) -> bool {
    std::ptr::eq(d.meta, &codes::SKIPPED) && d.severity == Severity::Error
}

/// The error that a collection holds no request at all: a connector without operations would
/// be of no use (an export of the collection's documentation or auth alone, or the wrong file).
fn no_requests(name: &str) -> Diagnostic {
    codes::SKIPPED
        .diagnostic_as(
            Severity::Error,
            "the collection has no requests, so there is nothing to convert",
        )
        .with_help(
            "check that this is the collection you meant; in Postman, add the requests and \
             export the collection again",
        )
        .in_file(name)
}

/// The error that a collection holds no request because they are under `items` (at `at`).
fn misnamed_items(name: &str, at: &str) -> Diagnostic {
    codes::SKIPPED
        .diagnostic_as(
            Severity::Error,
            "the collection has no requests: they are under `items`, which Postman does not read \
             (the key is `item`)",
        )
        .with_help("rename `items` to `item`, or export the collection again from Postman")
        .in_file(name)
        .at_pointer(at)
}

/// Moves the inline schemas that repeat (examples of one shape inferred in many operations) into
/// `definitions`.
pub fn hoist(doc: &mut Value) {
    crate::connector::hoist::hoist_repeated(doc, 2, 60);
}
