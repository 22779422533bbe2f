//! The stable JSON report.

use serde_json::{Value, json};

use super::{Report, counts};

pub fn render(report: &Report) -> String {
    let (errors, warnings, infos) = counts(report.diagnostics);
    let diagnostics: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            json!({
                "code": d.code,
                "rule": d.rule,
                "severity": d.severity.as_str(),
                "message": d.message,
                "help": d.help,
                "file": d.file,
                "pointer": d.pointer(),
                "line": d.line(),
                "column": d.column(),
            })
        })
        .collect();
    let doc = json!({
        "version": 1,
        "tool": {"name": "ccforge", "version": env!("CARGO_PKG_VERSION")},
        "summary": {
            "files": report.files,
            "errors": errors,
            "warnings": warnings,
            "infos": infos,
        },
        "diagnostics": diagnostics,
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("report serialises");
    s.push('\n');
    s
}
