//! Parameters: path templates, required, url-encoding, bodies, reserved names.

use serde_json::Value;
use std::collections::HashSet;

use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};
use crate::swagger;

crate::declare_rule! {
    /// A `{var}` in the path has no `in: path` parameter.
    ///
    /// ## What
    /// The path template names a variable that no `in: path` parameter of the operation (or its
    /// path item) declares.
    ///
    /// ## Why
    /// The importer cannot build the URL and rejects the definition.
    ///
    /// ## Example
    /// ```json
    /// "/users/{id}": { "get": { "parameters": [] } }
    /// ```
    ///
    /// ## Fix
    /// Add `{"name": "id", "in": "path", "required": true, "type": "string", "x-ms-url-encoding":
    /// "single"}`.
    pub static PATH_PARAMETER_MISSING = Definition(path_parameter_missing) {
        code: "CCF301",
        name: "path-parameter-missing",
        severity: Error,
    }
}

crate::declare_rule! {
    /// An `in: path` parameter has no `{var}` in the path.
    ///
    /// ## What
    /// An operation declares an `in: path` parameter whose name does not appear as `{name}` in its
    /// path.
    ///
    /// ## Why
    /// The importer rejects it; usually the path or the parameter was renamed and the other was
    /// not.
    ///
    /// ## Example
    /// ```json
    /// "/users/{userId}": { "get": { "parameters": [{"name": "id", "in": "path", ...}] } }
    /// ```
    ///
    /// ## Fix
    /// Make the names agree, or remove the parameter.
    pub static PATH_PARAMETER_UNUSED = Definition(path_parameter_unused) {
        code: "CCF302",
        name: "path-parameter-unused",
        severity: Error,
    }
}

crate::declare_rule! {
    /// A path parameter is not `required: true`.
    ///
    /// ## What
    /// An `in: path` parameter lacks `"required": true`.
    ///
    /// ## Why
    /// Swagger 2.0 requires it and the importer rejects the definition.
    ///
    /// ## Example
    /// ```json
    /// {"name": "id", "in": "path", "type": "string"}
    /// ```
    ///
    /// ## Fix
    /// Add `"required": true`.
    pub static PATH_PARAMETER_NOT_REQUIRED = Definition(path_parameter_not_required) {
        code: "CCF303",
        name: "path-parameter-not-required",
        severity: Error,
    }
}

crate::declare_rule! {
    /// A path parameter lacks `x-ms-url-encoding` (or a query parameter has one).
    ///
    /// ## What
    /// An `in: path` parameter has no `x-ms-url-encoding`, or its value is not `single` or
    /// `double`; or a query parameter carries `x-ms-url-encoding`.
    ///
    /// ## Why
    /// Microsoft's validator asks for it on path parameters: without it a value containing `/` or
    /// `%` may be encoded twice or not at all. Query parameters must not carry it.
    ///
    /// ## Example
    /// ```json
    /// {"name": "id", "in": "path", "required": true, "type": "string"}
    /// ```
    ///
    /// ## Fix
    /// Add `"x-ms-url-encoding": "single"` (`ccforge fix` does).
    pub static PATH_PARAMETER_URL_ENCODING = Definition(path_parameter_url_encoding) {
        code: "CCF304",
        name: "path-parameter-url-encoding",
        severity: Warning,
    }
}

crate::declare_rule! {
    /// A GET operation has a body or formData parameter.
    ///
    /// ## What
    /// A GET operation declares an `in: body` or `in: formData` parameter.
    ///
    /// ## Why
    /// The platform does not send a body with GET and rejects the definition
    /// (`BodyOrFormDataParameterInFetchOperationNotAllowed`).
    ///
    /// ## Example
    /// ```json
    /// "get": { "parameters": [{"name": "body", "in": "body", "schema": {...}}] }
    /// ```
    ///
    /// ## Fix
    /// Use POST, or pass the values as query parameters.
    pub static BODY_IN_GET = Definition(body_in_get) {
        code: "CCF305",
        name: "body-in-get",
        severity: Error,
        microsoft: ["BodyOrFormDataParameterInFetchOperationNotAllowed"],
    }
}

crate::declare_rule! {
    /// An operation has more than one body parameter, or body and formData together.
    ///
    /// ## What
    /// An operation declares two or more `in: body` parameters, or body and formData parameters
    /// together.
    ///
    /// ## Why
    /// A request has one body; Swagger 2.0 allows one body parameter and never both kinds.
    ///
    /// ## Example
    /// ```json
    /// "parameters": [{"in": "body", "name": "a"}, {"in": "body", "name": "b"}]
    /// ```
    ///
    /// ## Fix
    /// Merge them into one body schema with a property each.
    pub static MULTIPLE_BODY_PARAMETERS = Definition(multiple_body_parameters) {
        code: "CCF306",
        name: "multiple-body-parameters",
        severity: Error,
    }
}

crate::declare_rule! {
    /// A parameter is named `connectionId`, which the platform reserves.
    ///
    /// ## What
    /// A parameter is named `connectionId`.
    ///
    /// ## Why
    /// The platform adds its own `connectionId` to every call and rejects definitions that declare
    /// one.
    ///
    /// ## Example
    /// ```json
    /// {"name": "connectionId", "in": "path", ...}
    /// ```
    ///
    /// ## Fix
    /// Rename the parameter.
    pub static CONNECTION_ID_PARAMETER = Definition(connection_id_parameter) {
        code: "CCF307",
        name: "connection-id-parameter",
        severity: Error,
    }
}

fn path_parameter_missing(cx: &Definition, out: &mut Emitter) {
    let src = cx.src;
    for op in cx.operations {
        let params = &op.params;
        let declared: HashSet<&str> = params
            .iter()
            .filter(|p| p.location() == Some("path"))
            .filter_map(|p| p.name())
            .collect();
        for var in swagger::template_variables(op.path) {
            if !declared.contains(var) {
                out.emit(
                    src,
                    op.pointer(),
                    format!("{} uses `{{{var}}}` but declares no `in: path` parameter `{var}`", op.label()),
                )
                .set_help(format!(
                    "add {{\"name\": \"{var}\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \"x-ms-url-encoding\": \"single\"}}"
                ));
            }
        }
    }
}

fn path_parameter_unused(cx: &Definition, out: &mut Emitter) {
    let src = cx.src;
    for op in cx.operations {
        let vars = swagger::template_variables(op.path);
        for p in op.params.iter() {
            if p.location() != Some("path") {
                continue;
            }
            let Some(name) = p.name() else { continue };
            if !vars.contains(&name) {
                out.emit(
                    src,
                    p.member_pointer("name"),
                    format!(
                        "path parameter `{name}` of {} does not appear in the path",
                        op.label()
                    ),
                )
                .set_help(format!(
                    "add `{{{name}}}` to the path, or rename the parameter to match"
                ));
            }
        }
    }
}

fn path_parameter_not_required(cx: &Definition, out: &mut Emitter) {
    let src = cx.src;
    for op in cx.operations {
        for p in op.params.iter() {
            if p.location() != Some("path") {
                continue;
            }
            match p.value.get("required") {
                Some(Value::Bool(true)) => {}
                Some(_) => {
                    out.emit(
                        src,
                        p.member_pointer("required"),
                        format!(
                            "path parameter `{}` must be `required: true`",
                            p.name().unwrap_or("?")
                        ),
                    );
                }
                None => {
                    out.emit(
                        src,
                        p.pointer(),
                        format!(
                            "path parameter `{}` lacks `required: true`",
                            p.name().unwrap_or("?")
                        ),
                    )
                    .set_help("add \"required\": true");
                }
            }
        }
    }
}

fn path_parameter_url_encoding(cx: &Definition, out: &mut Emitter) {
    let src = cx.src;
    for op in cx.operations {
        for p in op.params.iter() {
            let encoding = p.value.get("x-ms-url-encoding");
            match p.location() {
                Some("path") => match encoding.and_then(Value::as_str) {
                    Some("single" | "double") => {}
                    Some(other) => {
                        out.emit(
                            src,
                            p.member_pointer("x-ms-url-encoding"),
                            format!("`x-ms-url-encoding` is \"{other}\"; it must be \"single\" or \"double\""),
                        );
                    }
                    None => {
                        out.emit(
                            src,
                            p.pointer(),
                            format!(
                                "path parameter `{}` lacks `x-ms-url-encoding`",
                                p.name().unwrap_or("?")
                            ),
                        )
                        .set_help("add \"x-ms-url-encoding\": \"single\"");
                    }
                },
                Some("query") if encoding.is_some() => {
                    out.emit(
                        src,
                        p.member_pointer("x-ms-url-encoding"),
                        format!(
                            "query parameter `{}` must not carry `x-ms-url-encoding`",
                            p.name().unwrap_or("?")
                        ),
                    );
                }
                _ => {}
            }
        }
    }
}

fn body_in_get(cx: &Definition, out: &mut Emitter) {
    let src = cx.src;
    for op in cx.operations.iter().filter(|o| o.method == "get") {
        for p in op.params.iter() {
            if let Some(loc @ ("body" | "formData")) = p.location() {
                out.emit(
                    src,
                    p.member_pointer("in"),
                    format!(
                        "GET {} has an `in: {loc}` parameter `{}`",
                        op.path,
                        p.name().unwrap_or("?")
                    ),
                )
                .set_help("use POST, or pass the values as query parameters");
            }
        }
    }
}

fn multiple_body_parameters(cx: &Definition, out: &mut Emitter) {
    let src = cx.src;
    for op in cx.operations {
        let params = &op.params;
        let bodies: Vec<_> = params
            .iter()
            .filter(|p| p.location() == Some("body"))
            .collect();
        for extra in bodies.iter().skip(1) {
            out.emit(
                src,
                extra.pointer(),
                format!(
                    "{} has more than one body parameter (`{}` and `{}`)",
                    op.label(),
                    bodies[0].name().unwrap_or("?"),
                    extra.name().unwrap_or("?")
                ),
            )
            .set_help("merge them into one body schema with a property each");
        }
        if let Some(first_body) = bodies.first()
            && let Some(form) = params.iter().find(|p| p.location() == Some("formData"))
        {
            out.emit(
                src,
                form.pointer(),
                format!(
                    "{} has both a body parameter (`{}`) and formData parameters",
                    op.label(),
                    first_body.name().unwrap_or("?")
                ),
            );
        }
    }
}

fn connection_id_parameter(cx: &Definition, out: &mut Emitter) {
    let src = cx.src;
    let mut seen = HashSet::new();
    for op in cx.operations {
        for p in op.params.iter() {
            if p.name() == Some("connectionId") && seen.insert(p.pointer()) {
                out.emit(
                    src,
                    p.member_pointer("name"),
                    "a parameter may not be named `connectionId`; the platform reserves it",
                );
            }
        }
    }
    // Shared parameters nobody references are still part of the definition.
    if let Some(shared) = src.value.get("parameters").and_then(Value::as_object) {
        for (key, p) in shared {
            let ptr = pointer(["parameters", key]);
            if p.get("name").and_then(Value::as_str) == Some("connectionId")
                && seen.insert(ptr.clone())
            {
                out.emit(
                    src,
                    format!("{ptr}/name"),
                    "a parameter may not be named `connectionId`; the platform reserves it",
                );
            }
        }
    }
}
