//! JUnit XML: one test suite per file, one test case per finding. A finding that makes the run
//! fail (an input error, or at or above `--fail-on`) is a failure; any other is a passed test
//! case whose text is its system-out, so the report passes exactly when the exit code is 0.

use std::collections::BTreeMap;

use super::Report;
use crate::diagnostic::Diagnostic;

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

pub fn render(report: &Report) -> String {
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in report.diagnostics {
        by_file
            .entry(d.file.as_deref().unwrap_or("<input>"))
            .or_default()
            .push(d);
    }
    let total = report.diagnostics.len();
    let failures = report
        .diagnostics
        .iter()
        .filter(|d| report.fails(d))
        .count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"ccforge {}\" tests=\"{}\" failures=\"{failures}\">\n",
        report.command,
        total.max(1)
    ));
    if by_file.is_empty() {
        out.push_str(&format!(
            "  <testsuite name=\"ccforge {}\" tests=\"1\" failures=\"0\">\n    <testcase name=\"{} checked\" classname=\"ccforge\"/>\n  </testsuite>\n",
            report.command,
            super::plural(report.files, "file")
        ));
    }
    for (file, diags) in by_file {
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">\n",
            xml(file),
            diags.len(),
            diags.iter().filter(|d| report.fails(d)).count()
        ));
        for d in diags {
            let text = format!(
                "{}: {}{}",
                xml(&d.location()),
                xml(&d.message),
                d.help
                    .as_ref()
                    .map(|h| format!("\nhelp: {}", xml(h)))
                    .unwrap_or_default(),
            );
            let result = if report.fails(d) {
                format!(
                    "<failure type=\"{}\" message=\"{}\">{text}</failure>",
                    d.severity,
                    xml(&d.message),
                )
            } else {
                format!("<system-out>{}: {text}</system-out>", d.severity)
            };
            out.push_str(&format!(
                "    <testcase name=\"{} {} {}\" classname=\"{}\">\n      {result}\n    </testcase>\n",
                d.code,
                xml(d.rule),
                xml(d.pointer().unwrap_or("")),
                xml(&d.location()),
            ));
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
