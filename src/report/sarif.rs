//! SARIF 2.1.0, for GitHub code scanning and other viewers.

use serde_json::{Value, json};
use std::collections::HashMap;

use super::Report;
use crate::diagnostic::Severity;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The base id relative file names are resolved against: the folder ccforge ran in.
const SRCROOT: &str = "%SRCROOT%";

/// A path percent-encoded for a URI: unreserved characters and `/` kept (and `:` when
/// `colon`), the rest percent-encoded.
fn encode(path: &str, colon: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (colon && b == b':')
        {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Whether a file name (with `/` separators) is absolute, on Unix or Windows.
fn is_absolute(path: &str) -> bool {
    let b = path.as_bytes();
    path.starts_with('/') || (b.len() >= 3 && b[0].is_ascii_alphabetic() && &b[1..3] == b":/")
}

/// The `file:` URI of an absolute path: `/tmp/a.json` → `file:///tmp/a.json`, `C:/a.json` →
/// `file:///C:/a.json`, `//server/share/a.json` → `file://server/share/a.json`.
fn file_uri(path: &str) -> String {
    if path.starts_with("//") {
        format!("file:{}", encode(path, true))
    } else if path.starts_with('/') {
        format!("file://{}", encode(path, true))
    } else {
        format!("file:///{}", encode(path, true))
    }
}

/// The artifact location of a file: an absolute path as a `file:` URI; a relative one as a
/// relative reference against [`SRCROOT`].
fn artifact_location(file: &str) -> Value {
    if is_absolute(file) {
        json!({"uri": file_uri(file)})
    } else {
        json!({"uri": encode(file.trim_start_matches("./"), false), "uriBaseId": SRCROOT})
    }
}

/// The folder relative names are relative to, as a `file:` URI ending in `/`.
fn srcroot() -> Option<String> {
    let cwd = std::env::current_dir().ok()?;
    let mut path = cwd.to_str()?.replace('\\', "/");
    if !path.ends_with('/') {
        path.push('/');
    }
    is_absolute(&path).then(|| file_uri(&path))
}

pub fn render(report: &Report) -> String {
    // The rules the results refer to, in code order.
    let mut metas: Vec<&crate::diagnostic::Code> =
        report.diagnostics.iter().map(|d| d.meta).collect();
    metas.sort_by_key(|m| m.code);
    metas.dedup_by_key(|m| m.code);
    let index: HashMap<&str, usize> = metas.iter().enumerate().map(|(i, m)| (m.code, i)).collect();
    let rules: Vec<Value> = metas
        .iter()
        .map(|m| {
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": m.summary()},
                "fullDescription": {"text": m.summary()},
                "help": {"text": m.docs(), "markdown": m.docs()},
                "defaultConfiguration": {"level": level(m.severity)},
            })
        })
        .collect();
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push_str(" (");
                text.push_str(h);
                text.push(')');
            }
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": {"text": text},
            });
            if let Some(i) = index.get(d.code) {
                result["ruleIndex"] = json!(i);
            }
            if let Some(file) = &d.file {
                let mut physical = json!({"artifactLocation": artifact_location(file)});
                if let Some(s) = d.span {
                    physical["region"] = json!({"startLine": s.line, "startColumn": s.column});
                }
                let mut location = json!({"physicalLocation": physical});
                if let Some(p) = d.pointer() {
                    location["logicalLocations"] =
                        json!([{"fullyQualifiedName": p, "kind": "member"}]);
                }
                result["locations"] = json!([location]);
            }
            result
        })
        .collect();
    let relative = report
        .diagnostics
        .iter()
        .any(|d| d.file.as_deref().is_some_and(|f| !is_absolute(f)));
    let mut doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "ccforge",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/ccforge",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    if relative && let Some(root) = srcroot() {
        doc["runs"][0]["originalUriBaseIds"] = json!({SRCROOT: {"uri": root}});
    }
    let mut s = serde_json::to_string_pretty(&doc).expect("sarif serialises");
    s.push('\n');
    s
}
