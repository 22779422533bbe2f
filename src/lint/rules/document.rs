//! Document-level import blockers: version, host, basePath, schemes, size.

use serde_json::Value;

use crate::lint::{Definition, Emitter};

use crate::swagger::size::MAX_DEFINITION_BYTES;

crate::declare_rule! {
    /// `swagger` must be the string "2.0".
    ///
    /// ## What
    /// The root `swagger` member is not exactly the string `"2.0"`.
    ///
    /// ## Why
    /// Power Platform imports only Swagger 2.0 and rejects a number `2.0` or any other version.
    ///
    /// ## Example
    /// ```json
    /// { "swagger": 2.0 }
    /// ```
    ///
    /// ## Fix
    /// Write `"swagger": "2.0"`.
    pub static SWAGGER_VERSION = Definition(swagger_version) {
        code: "CCF101",
        name: "swagger-version",
        severity: Error,
    }
}

crate::declare_rule! {
    /// `host` must be a bare host[:port], without scheme or path.
    ///
    /// ## What
    /// `host` contains a scheme (`https://`), a path, a query, or white space.
    ///
    /// ## Why
    /// The platform builds request URLs as scheme + host + basePath + path; a scheme or path in
    /// `host` gives broken URLs and is rejected on import.
    ///
    /// ## Example
    /// ```json
    /// "host": "https://api.contoso.com/v1"
    /// ```
    ///
    /// ## Fix
    /// Put the scheme in `schemes` and the path in `basePath`: `"host": "api.contoso.com",
    /// "basePath": "/v1", "schemes": ["https"]`.
    pub static HOST_INVALID = Definition(host_invalid) {
        code: "CCF102",
        name: "host-invalid",
        severity: Error,
    }
}

crate::declare_rule! {
    /// `basePath` must start with `/`.
    ///
    /// ## What
    /// `basePath` is not a string starting with `/`, or it contains a query or fragment.
    ///
    /// ## Why
    /// Swagger 2.0 requires it and the importer rejects other values.
    ///
    /// ## Example
    /// ```json
    /// "basePath": "api/v1"
    /// ```
    ///
    /// ## Fix
    /// Write `"basePath": "/api/v1"`.
    pub static BASE_PATH_INVALID = Definition(base_path_invalid) {
        code: "CCF103",
        name: "base-path-invalid",
        severity: Error,
    }
}

crate::declare_rule! {
    /// `schemes` must be a non-empty list of `http`/`https`.
    ///
    /// ## What
    /// `schemes` is empty, not a list, or holds something other than `http` and `https` (for
    /// example `ws` or `HTTPS`).
    ///
    /// ## Why
    /// Connectors call APIs over HTTP(S) only.
    ///
    /// ## Example
    /// ```json
    /// "schemes": []
    /// ```
    ///
    /// ## Fix
    /// Write `"schemes": ["https"]`.
    pub static SCHEMES_INVALID = Definition(schemes_invalid) {
        code: "CCF104",
        name: "schemes-invalid",
        severity: Error,
    }
}

crate::declare_rule! {
    /// The definition file is over the 1 MB import limit.
    ///
    /// ## What
    /// The Swagger file is larger than 1 MB (1,048,576 bytes).
    ///
    /// ## Why
    /// Power Platform refuses to import larger definitions.
    ///
    /// ## Example
    /// A definition with every response schema written inline and long examples.
    ///
    /// ## Fix
    /// Move repeated schemas to `definitions` and reference them, drop examples, or split the
    /// connector. `ccforge fix` does the first two.
    pub static DEFINITION_TOO_LARGE = Definition(definition_too_large) {
        code: "CCF105",
        name: "definition-too-large",
        severity: Error,
    }
}

fn swagger_version(cx: &Definition, out: &mut Emitter) {
    let src = cx.src;
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

fn host_invalid(cx: &Definition, out: &mut Emitter) {
    let src = cx.src;
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

fn base_path_invalid(cx: &Definition, out: &mut Emitter) {
    let src = cx.src;
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

fn schemes_invalid(cx: &Definition, out: &mut Emitter) {
    let src = cx.src;
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

fn definition_too_large(cx: &Definition, out: &mut Emitter) {
    let src = cx.src;
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
