//! Paths and operations: trailing slashes, operationIds, responses.

use serde_json::Value;
use std::collections::HashMap;

use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};
use crate::swagger;

crate::declare_rule! {
    /// An operation path ends in `/`.
    ///
    /// ## What
    /// A path other than `/` ends with a slash, such as `/users/`.
    ///
    /// ## Why
    /// Most APIs do not expect the trailing slash and answer 404 or a redirect that drops the body;
    /// converters often add it by accident. Whether the platform keeps it at run time is not
    /// documented, so a connector that relies on it is fragile.
    ///
    /// ## Example
    /// ```json
    /// "paths": { "/users/": { "get": { ... } } }
    /// ```
    ///
    /// ## Fix
    /// Remove the trailing slash, unless the API really requires it; then suppress this finding
    /// with `x-ccforge-ignore` and the reason.
    pub static PATH_TRAILING_SLASH = Definition(path_trailing_slash) {
        code: "CCF201",
        name: "path-trailing-slash",
        severity: Warning,
    }
}

crate::declare_rule! {
    /// Both `/x` and `/x/` are defined.
    ///
    /// ## What
    /// The definition has a path both with and without a trailing slash.
    ///
    /// ## Why
    /// The two can route to the same endpoint; defining both is usually a way around the
    /// duplicate-path check and confuses users who see two near-identical actions.
    ///
    /// ## Example
    /// ```json
    /// "paths": { "/items": {...}, "/items/": {...} }
    /// ```
    ///
    /// ## Fix
    /// Merge the operations under one path.
    pub static PATH_TRAILING_SLASH_PAIR = Definition(path_trailing_slash_pair) {
        code: "CCF202",
        name: "path-trailing-slash-pair",
        severity: Warning,
        microsoft: ["PathRedefined"],
    }
}

crate::declare_rule! {
    /// An operation has no operationId.
    ///
    /// ## What
    /// An operation lacks `operationId`, or it is empty.
    ///
    /// ## Why
    /// Flows and apps call an action by its operationId; the importer requires one.
    ///
    /// ## Example
    /// ```json
    /// "get": { "summary": "List users", "responses": {...} }
    /// ```
    ///
    /// ## Fix
    /// Add a unique PascalCase `operationId` such as `ListUsers` (`ccforge fix` derives one).
    pub static OPERATION_ID_MISSING = Definition(operation_id_missing) {
        code: "CCF203",
        name: "operation-id-missing",
        severity: Error,
    }
}

crate::declare_rule! {
    /// Two operations share an operationId (also after the platform removes non-alphanumerics).
    ///
    /// ## What
    /// Two operations have the same `operationId`, or ids that become the same once characters
    /// other than letters and digits are removed (`Get_Item` and `GetItem`).
    ///
    /// ## Why
    /// The operationId identifies the action; the platform sanitises ids to letters and digits, so
    /// such a pair collides on import.
    ///
    /// ## Example
    /// ```json
    /// "/a": {"get": {"operationId": "Get"}},
    /// "/b": {"get": {"operationId": "Get"}}
    /// ```
    ///
    /// ## Fix
    /// Give each operation a distinct id.
    pub static OPERATION_ID_DUPLICATE = Definition(operation_id_duplicate) {
        code: "CCF204",
        name: "operation-id-duplicate",
        severity: Error,
        microsoft: ["OperationIdSanitized"],
    }
}

crate::declare_rule! {
    /// An operationId has characters other than letters and digits.
    ///
    /// ## What
    /// The `operationId` contains characters other than ASCII letters and digits (`-`, `_`, `.`,
    /// `/`, spaces).
    ///
    /// ## Why
    /// The platform sanitises the id to letters and digits, so what flows reference differs from
    /// what you wrote, and certification requires PascalCase.
    ///
    /// ## Example
    /// ```json
    /// "operationId": "get-user_by.id"
    /// ```
    ///
    /// ## Fix
    /// Use PascalCase: `GetUserById`. Renaming an id breaks existing flows, so do it before
    /// publishing.
    pub static OPERATION_ID_INVALID = Definition(operation_id_invalid) {
        code: "CCF205",
        name: "operation-id-invalid",
        severity: Warning,
        microsoft: ["OperationIdSanitized"],
    }
}

crate::declare_rule! {
    /// An operation has no 2xx response.
    ///
    /// ## What
    /// An operation's `responses` has no status code from 200 to 299 (or no responses at all).
    ///
    /// ## Why
    /// The designer takes an action's outputs from its success response; with only `default` the
    /// action has no outputs, and Microsoft's validator asks for a 2xx response.
    ///
    /// ## Example
    /// ```json
    /// "responses": { "default": { "description": "OK", "schema": {...} } }
    /// ```
    ///
    /// ## Fix
    /// Describe the success response under its real code, e.g. `"200"`.
    pub static NO_SUCCESS_RESPONSE = Definition(no_success_response) {
        code: "CCF206",
        name: "no-success-response",
        severity: Warning,
    }
}

crate::declare_rule! {
    /// The `default` response has a schema.
    ///
    /// ## What
    /// An operation's `default` response carries a `schema`.
    ///
    /// ## Why
    /// Microsoft's rules say the default response must not have a schema; its outputs are ignored
    /// or mislead the designer.
    ///
    /// ## Example
    /// ```json
    /// "default": { "description": "error", "schema": {"$ref": "#/definitions/Error"} }
    /// ```
    ///
    /// ## Fix
    /// Move the schema to the 2xx response it describes, or drop it (`ccforge fix` does this).
    pub static DEFAULT_RESPONSE_SCHEMA = Definition(default_response_schema) {
        code: "CCF207",
        name: "default-response-schema",
        severity: Warning,
    }
}

fn path_trailing_slash(cx: &Definition, out: &mut Emitter) {
    let src = cx.src;
    for path in swagger::paths(&src.value) {
        if path.len() > 1 && path.ends_with('/') {
            out.emit(
                src,
                pointer(["paths", path]),
                format!("path `{path}` ends in `/`"),
            )
            .set_help(format!(
                "write `{}` unless the API needs the slash",
                path.trim_end_matches('/')
            ));
        }
    }
}

fn path_trailing_slash_pair(cx: &Definition, out: &mut Emitter) {
    let src = cx.src;
    let all: Vec<&str> = swagger::paths(&src.value).collect();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for &path in &all {
        if path.len() > 1 && path.ends_with('/') {
            let bare = path.trim_end_matches('/');
            let bare = if bare.is_empty() { "/" } else { bare };
            if all.contains(&bare) {
                if let Some(first) = seen.get(bare) {
                    out.emit(
                        src,
                        pointer(["paths", path]),
                        format!("path `{path}` repeats `{bare}` and `{first}` with extra slashes"),
                    );
                    continue;
                }
                seen.insert(bare, path);
                out.emit(
                    src,
                    pointer(["paths", path]),
                    format!("both `{bare}` and `{path}` are defined"),
                )
                .set_help("merge the operations under one path");
            }
        }
    }
}

fn operation_id_missing(cx: &Definition, out: &mut Emitter) {
    let src = cx.src;
    for op in cx.operations {
        match op.op.get("operationId") {
            Some(Value::String(s)) if !s.trim().is_empty() => {}
            Some(_) => {
                out.emit(
                    src,
                    op.pointer_to("operationId"),
                    format!("{} has an empty or non-string operationId", op.label()),
                );
            }
            None => {
                out.emit(
                    src,
                    op.pointer(),
                    format!("{} has no operationId", op.label()),
                )
                .set_help("add a unique PascalCase operationId; `ccforge fix` derives one");
            }
        }
    }
}

/// The id as the platform sanitises it: letters and digits only, compared case-insensitively.
fn sanitised(id: &str) -> String {
    id.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn operation_id_duplicate(cx: &Definition, out: &mut Emitter) {
    let src = cx.src;
    let mut first: HashMap<String, (&str, String)> = HashMap::new();
    for op in cx.operations {
        let Some(id) = op.operation_id() else {
            continue;
        };
        if id.trim().is_empty() {
            continue;
        }
        let key = sanitised(id);
        match first.get(&key) {
            Some((other, label)) if *other == id => {
                out.emit(
                    src,
                    op.pointer_to("operationId"),
                    format!(
                        "operationId `{id}` of {} is already used by {label}",
                        op.label()
                    ),
                );
            }
            Some((other, label)) => {
                out.emit(
                    src,
                    op.pointer_to("operationId"),
                    format!(
                        "operationId `{id}` of {} collides with `{other}` of {label} once the platform removes characters other than letters and digits",
                        op.label()
                    ),
                );
            }
            None => {
                first.insert(key, (id, op.label()));
            }
        }
    }
}

fn operation_id_invalid(cx: &Definition, out: &mut Emitter) {
    let src = cx.src;
    for op in cx.operations {
        let Some(id) = op.operation_id() else {
            continue;
        };
        if !id.is_empty() && !id.chars().all(|c| c.is_ascii_alphanumeric()) {
            let suggestion = swagger::naming::pascal(id);
            out.emit(
                src,
                op.pointer_to("operationId"),
                format!("operationId `{id}` has characters other than letters and digits"),
            )
            .set_help(format!("use `{suggestion}`"));
        }
    }
}

fn no_success_response(cx: &Definition, out: &mut Emitter) {
    let src = cx.src;
    for op in cx.operations {
        let responses = op.op.get("responses").and_then(Value::as_object);
        let has_2xx = responses.is_some_and(|r| {
            r.keys()
                .any(|k| k.len() == 3 && k.starts_with('2') || k.eq_ignore_ascii_case("2xx"))
        });
        if !has_2xx {
            let at = if responses.is_some() {
                op.pointer_to("responses")
            } else {
                op.pointer()
            };
            out.emit(src, at, format!("{} has no 2xx response", op.label()))
                .set_help("describe the success response under its status code, e.g. \"200\"");
        }
    }
}

fn default_response_schema(cx: &Definition, out: &mut Emitter) {
    let src = cx.src;
    for op in cx.operations {
        let has_schema = op
            .op
            .get("responses")
            .and_then(|r| r.get("default"))
            .and_then(|d| d.get("schema"))
            .is_some();
        if has_schema {
            out.emit(
                src,
                pointer([
                    "paths",
                    op.path,
                    op.method,
                    "responses",
                    "default",
                    "schema",
                ]),
                format!("the `default` response of {} has a schema", op.label()),
            )
            .set_help("move the schema to the 2xx response it describes, or remove it");
        }
    }
}
