//! A Markdown summary with a table, for pull-request comments and job summaries.

use super::{Report, summary_line};

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn render(report: &Report) -> String {
    let mut out = format!("## ccforge {}\n\n", report.command);
    out.push_str(&summary_line(report.diagnostics, report.files));
    out.push('\n');
    if report.diagnostics.is_empty() {
        return out;
    }
    out.push_str("\n| Severity | Rule | Location | Message |\n|---|---|---|---|\n");
    for d in report.diagnostics {
        out.push_str(&format!(
            "| {} | `{}` {} | `{}` | {} |\n",
            d.severity,
            d.code,
            d.rule,
            cell(&d.location()),
            cell(&d.message)
        ));
    }
    out
}
