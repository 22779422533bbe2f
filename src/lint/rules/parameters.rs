//! Parameters: path templates, required, url-encoding, bodies, reserved names.

use serde_json::Value;
use std::collections::HashSet;

use crate::diagnostic::{Severity, pointer};
use crate::lint::{Context, Emitter, RuleMeta};
use crate::swagger;

pub static PATH_PARAMETER_MISSING: RuleMeta = RuleMeta {
    code: "CCF301",
    name: "path-parameter-missing",
    severity: Severity::Error,
    summary: "A `{var}` in the path has no `in: path` parameter.",
    docs: "## What\nThe path template names a variable that no `in: path` parameter of the operation \
(or its path item) declares.\n\n## Why\nThe importer cannot build the URL and rejects the \
definition.\n\n## Example\n```json\n\"/users/{id}\": { \"get\": { \"parameters\": [] } }\n```\n\n\
## Fix\nAdd `{\"name\": \"id\", \"in\": \"path\", \"required\": true, \"type\": \"string\", \
\"x-ms-url-encoding\": \"single\"}`.",
    microsoft: "",
    fatal: false,
};

pub static PATH_PARAMETER_UNUSED: RuleMeta = RuleMeta {
    code: "CCF302",
    name: "path-parameter-unused",
    severity: Severity::Error,
    summary: "An `in: path` parameter has no `{var}` in the path.",
    docs: "## What\nAn operation declares an `in: path` parameter whose name does not appear as \
`{name}` in its path.\n\n## Why\nThe importer rejects it; usually the path or the parameter was \
renamed and the other was not.\n\n## Example\n```json\n\"/users/{userId}\": { \"get\": { \
\"parameters\": [{\"name\": \"id\", \"in\": \"path\", ...}] } }\n```\n\n## Fix\nMake the names \
agree, or remove the parameter.",
    microsoft: "",
    fatal: false,
};

pub static PATH_PARAMETER_NOT_REQUIRED: RuleMeta = RuleMeta {
    code: "CCF303",
    name: "path-parameter-not-required",
    severity: Severity::Error,
    summary: "A path parameter is not `required: true`.",
    docs: "## What\nAn `in: path` parameter lacks `\"required\": true`.\n\n## Why\nSwagger 2.0 requires \
it and the importer rejects the definition.\n\n## Example\n```json\n{\"name\": \"id\", \"in\": \
\"path\", \"type\": \"string\"}\n```\n\n## Fix\nAdd `\"required\": true`.",
    microsoft: "",
    fatal: false,
};

pub static PATH_PARAMETER_URL_ENCODING: RuleMeta = RuleMeta {
    code: "CCF304",
    name: "path-parameter-url-encoding",
    severity: Severity::Warning,
    summary: "A path parameter lacks `x-ms-url-encoding` (or a query parameter has one).",
    docs: "## What\nAn `in: path` parameter has no `x-ms-url-encoding`, or its value is not `single` \
or `double`; or a query parameter carries `x-ms-url-encoding`.\n\n## Why\nMicrosoft's validator \
asks for it on path parameters: without it a value containing `/` or `%` may be encoded twice or \
not at all. Query parameters must not carry it.\n\n## Example\n```json\n{\"name\": \"id\", \"in\": \
\"path\", \"required\": true, \"type\": \"string\"}\n```\n\n## Fix\nAdd `\"x-ms-url-encoding\": \
\"single\"` (`ccforge fix` does).",
    microsoft: "",
    fatal: false,
};

pub static BODY_IN_GET: RuleMeta = RuleMeta {
    code: "CCF305",
    name: "body-in-get",
    severity: Severity::Error,
    summary: "A GET operation has a body or formData parameter.",
    docs: "## What\nA GET operation declares an `in: body` or `in: formData` parameter.\n\n## Why\nThe \
platform does not send a body with GET and rejects the definition \
(`BodyOrFormDataParameterInFetchOperationNotAllowed`).\n\n## Example\n```json\n\"get\": { \
\"parameters\": [{\"name\": \"body\", \"in\": \"body\", \"schema\": {...}}] }\n```\n\n## Fix\nUse \
POST, or pass the values as query parameters.",
    microsoft: "BodyOrFormDataParameterInFetchOperationNotAllowed",
    fatal: false,
};

pub static MULTIPLE_BODY_PARAMETERS: RuleMeta = RuleMeta {
    code: "CCF306",
    name: "multiple-body-parameters",
    severity: Severity::Error,
    summary: "An operation has more than one body parameter, or body and formData together.",
    docs: "## What\nAn operation declares two or more `in: body` parameters, or body and formData \
parameters together.\n\n## Why\nA request has one body; Swagger 2.0 allows one body parameter and \
never both kinds.\n\n## Example\n```json\n\"parameters\": [{\"in\": \"body\", \"name\": \"a\"}, \
{\"in\": \"body\", \"name\": \"b\"}]\n```\n\n## Fix\nMerge them into one body schema with a \
property each.",
    microsoft: "",
    fatal: false,
};

pub static CONNECTION_ID_PARAMETER: RuleMeta = RuleMeta {
    code: "CCF307",
    name: "connection-id-parameter",
    severity: Severity::Error,
    summary: "A parameter is named `connectionId`, which the platform reserves.",
    docs: "## What\nA parameter is named `connectionId`.\n\n## Why\nThe platform adds its own \
`connectionId` to every call and rejects definitions that declare one.\n\n## Example\n```json\n\
{\"name\": \"connectionId\", \"in\": \"path\", ...}\n```\n\n## Fix\nRename the parameter.",
    microsoft: "",
    fatal: false,
};

pub fn path_parameter_missing(cx: &Context, out: &mut Emitter) {
    let Some(src) = cx.swagger else { return };
    for op in &cx.operations {
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

pub fn path_parameter_unused(cx: &Context, out: &mut Emitter) {
    let Some(src) = cx.swagger else { return };
    for op in &cx.operations {
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

pub fn path_parameter_not_required(cx: &Context, out: &mut Emitter) {
    let Some(src) = cx.swagger else { return };
    for op in &cx.operations {
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

pub fn path_parameter_url_encoding(cx: &Context, out: &mut Emitter) {
    let Some(src) = cx.swagger else { return };
    for op in &cx.operations {
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

pub fn body_in_get(cx: &Context, out: &mut Emitter) {
    let Some(src) = cx.swagger else { return };
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

pub fn multiple_body_parameters(cx: &Context, out: &mut Emitter) {
    let Some(src) = cx.swagger else { return };
    for op in &cx.operations {
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

pub fn connection_id_parameter(cx: &Context, out: &mut Emitter) {
    let Some(src) = cx.swagger else { return };
    let mut seen = HashSet::new();
    for op in &cx.operations {
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
