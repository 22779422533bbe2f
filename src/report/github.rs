//! GitHub Actions workflow commands: one annotation per finding.

use super::{Report, summary_line};
use crate::diagnostic::Severity;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for d in report.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = Vec::new();
        if let Some(f) = &d.file {
            props.push(format!("file={}", escape_property(f)));
        }
        if let Some(s) = d.span {
            props.push(format!("line={}", s.line));
            props.push(format!("col={}", s.column));
        }
        props.push(format!(
            "title={}",
            escape_property(&format!("{} {}", d.code, d.rule))
        ));
        let mut message = d.message.clone();
        if let Some(h) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(h);
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            escape_data(&message)
        ));
    }
    out.push_str(&summary_line(report.diagnostics, report.files));
    out.push('\n');
    out
}
