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

/// A relative URI reference for a file path: unreserved characters and `/` kept, the rest
/// percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
                let mut physical = json!({"artifactLocation": {"uri": uri(file)}});
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
    let doc = json!({
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
    let mut s = serde_json::to_string_pretty(&doc).expect("sarif serialises");
    s.push('\n');
    s
}
