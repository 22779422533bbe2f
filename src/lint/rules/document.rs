//! Document-level import blockers: version, host, basePath, schemes, size.

use serde_json::Value;

use crate::diagnostic::Severity;
use crate::lint::{Context, Emitter, RuleMeta};

/// Power Platform's limit on the definition file.
pub const MAX_DEFINITION_BYTES: usize = 1024 * 1024;

pub static SWAGGER_VERSION: RuleMeta = RuleMeta {
    code: "CCF101",
    name: "swagger-version",
    severity: Severity::Error,
    summary: "`swagger` must be the string \"2.0\".",
    docs: "## What\nThe root `swagger` member is not exactly the string `\"2.0\"`.\n\n## Why\nPower \
Platform imports only Swagger 2.0 and rejects a number `2.0` or any other version.\n\n\
## Example\n```json\n{ \"swagger\": 2.0 }\n```\n\n## Fix\nWrite `\"swagger\": \"2.0\"`.",
    microsoft: "",
    fatal: false,
};

pub static HOST_INVALID: RuleMeta = RuleMeta {
    code: "CCF102",
    name: "host-invalid",
    severity: Severity::Error,
    summary: "`host` must be a bare host[:port], without scheme or path.",
    docs: "## What\n`host` contains a scheme (`https://`), a path, a query, or white space.\n\n\
## Why\nThe platform builds request URLs as scheme + host + basePath + path; a scheme or path in \
`host` gives broken URLs and is rejected on import.\n\n## Example\n```json\n\"host\": \
\"https://api.contoso.com/v1\"\n```\n\n## Fix\nPut the scheme in `schemes` and the path in \
`basePath`: `\"host\": \"api.contoso.com\", \"basePath\": \"/v1\", \"schemes\": [\"https\"]`.",
    microsoft: "",
    fatal: false,
};

pub static BASE_PATH_INVALID: RuleMeta = RuleMeta {
    code: "CCF103",
    name: "base-path-invalid",
    severity: Severity::Error,
    summary: "`basePath` must start with `/`.",
    docs: "## What\n`basePath` is not a string starting with `/`, or it contains a query or \
fragment.\n\n## Why\nSwagger 2.0 requires it and the importer rejects other values.\n\n\
## Example\n```json\n\"basePath\": \"api/v1\"\n```\n\n## Fix\nWrite `\"basePath\": \"/api/v1\"`.",
    microsoft: "",
    fatal: false,
};

pub static SCHEMES_INVALID: RuleMeta = RuleMeta {
    code: "CCF104",
    name: "schemes-invalid",
    severity: Severity::Error,
    summary: "`schemes` must be a non-empty list of `http`/`https`.",
    docs: "## What\n`schemes` is empty, not a list, or holds something other than `http` and \
`https` (for example `ws` or `HTTPS`).\n\n## Why\nConnectors call APIs over HTTP(S) only.\n\n\
## Example\n```json\n\"schemes\": []\n```\n\n## Fix\nWrite `\"schemes\": [\"https\"]`.",
    microsoft: "",
    fatal: false,
};

pub static DEFINITION_TOO_LARGE: RuleMeta = RuleMeta {
    code: "CCF105",
    name: "definition-too-large",
    severity: Severity::Error,
    summary: "The definition file is over the 1 MB import limit.",
    docs: "## What\nThe Swagger file is larger than 1 MB (1,048,576 bytes).\n\n## Why\nPower \
Platform refuses to import larger definitions.\n\n## Example\nA definition with every response \
schema written inline and long examples.\n\n## Fix\nMove repeated schemas to `definitions` and \
reference them, drop examples, or split the connector. `ccforge fix` does the first two.",
    microsoft: "",
    fatal: false,
};

pub fn swagger_version(cx: &Context, out: &mut Emitter) {
    let Some(src) = cx.swagger else { return };
    match src.value.get("swagger") {
        Some(Value::String(s)) if s == "2.0" => {}
        Some(v) => {
            out.emit(
                src,
                "/swagger",
                format!("`swagger` is {v}, not the string \"2.0\""),
            )
            .set_help("write \"swagger\": \"2.0\"");
        }
        None => {
            out.emit(src, "", "the document has no `swagger` member")
                .set_help("add \"swagger\": \"2.0\" at the top");
        }
    }
}

pub fn host_invalid(cx: &Context, out: &mut Emitter) {
    let Some(src) = cx.swagger else { return };
    let Some(host) = src.value.get("host") else {
        return;
    };
    let Some(h) = host.as_str() else {
        out.emit(src, "/host", "`host` must be a string");
        return;
    };
    let problem = if h.contains("://") {
        Some("contains a scheme")
    } else if h.contains('/') {
        Some("contains a path")
    } else if h.contains(['?', '#']) {
        Some("contains a query or fragment")
    } else if h.is_empty() || h.contains(char::is_whitespace) {
        Some("is empty or contains white space")
    } else {
        None
    };
    if let Some(problem) = problem {
        out.emit(src, "/host", format!("`host` \"{h}\" {problem}"))
            .set_help("`host` is a bare host[:port]; put the scheme in `schemes` and the path in `basePath`");
    }
}

pub fn base_path_invalid(cx: &Context, out: &mut Emitter) {
    let Some(src) = cx.swagger else { return };
    let Some(bp) = src.value.get("basePath") else {
        return;
    };
    match bp.as_str() {
        Some(s) if s.starts_with('/') && !s.contains(['?', '#']) => {}
        Some(s) => {
            out.emit(
                src,
                "/basePath",
                format!("`basePath` \"{s}\" must start with `/` and have no query or fragment"),
            )
            .set_help(format!(
                "write \"basePath\": \"/{}\"",
                s.trim_start_matches('/')
            ));
        }
        None => {
            out.emit(src, "/basePath", "`basePath` must be a string");
        }
    }
}

pub fn schemes_invalid(cx: &Context, out: &mut Emitter) {
    let Some(src) = cx.swagger else { return };
    let Some(schemes) = src.value.get("schemes") else {
        return;
    };
    let Some(list) = schemes.as_array() else {
        out.emit(src, "/schemes", "`schemes` must be a list");
        return;
    };
    if list.is_empty() {
        out.emit(src, "/schemes", "`schemes` is empty")
            .set_help("write \"schemes\": [\"https\"]");
    }
    for (i, s) in list.iter().enumerate() {
        if !matches!(s.as_str(), Some("http" | "https")) {
            out.emit(
                src,
                format!("/schemes/{i}"),
                format!("scheme {s} is not `http` or `https`"),
            );
        }
    }
}

pub fn definition_too_large(cx: &Context, out: &mut Emitter) {
    let Some(src) = cx.swagger else { return };
    if src.byte_len > MAX_DEFINITION_BYTES {
        out.emit(
            src,
            "",
            format!(
                "the definition is {} bytes, over the 1 MB ({MAX_DEFINITION_BYTES} bytes) import limit",
                src.byte_len
            ),
        )
        .set_help("move repeated inline schemas to `definitions` and drop examples (`ccforge fix` does both)");
    }
}
