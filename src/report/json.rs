//! The stable JSON report.

use serde::Serialize;

use super::{Report, counts};

/// One diagnostic as the report writes it (borrowed: reports can hold tens of thousands).
#[derive(Serialize)]
struct Item<'a> {
    code: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    file: Option<&'a str>,
    pointer: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    tool: Tool,
    summary: Summary,
    diagnostics: Vec<Item<'a>>,
}

pub fn render(report: &Report) -> String {
    let (errors, warnings, infos) = counts(report.diagnostics);
    let doc = Doc {
        version: 1,
        tool: Tool {
            name: "ccforge",
            version: env!("CARGO_PKG_VERSION"),
        },
        summary: Summary {
            files: report.files,
            errors,
            warnings,
            infos,
        },
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| Item {
                code: d.code,
                rule: d.rule,
                severity: d.severity.as_str(),
                message: &d.message,
                help: d.help.as_deref(),
                file: d.file.as_deref(),
                pointer: d.pointer(),
                line: d.line(),
                column: d.column(),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("report serialises");
    s.push('\n');
    s
}
