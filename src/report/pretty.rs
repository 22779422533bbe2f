//! Code frames with miette.

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};
use std::fmt;
use std::sync::Arc;

use super::{Report, summary_line};
use crate::diagnostic::{Diagnostic, Severity};

struct Frame<'a> {
    d: &'a Diagnostic,
    source: Option<NamedSource<Arc<str>>>,
}

impl fmt::Debug for Frame<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl fmt::Display for Frame<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl std::error::Error for Frame<'_> {}

impl miette::Diagnostic for Frame<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!(
            "{} {} ({})",
            self.d.code,
            self.d.rule,
            self.d.location()
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.d
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.d.span?;
        self.source.as_ref()?;
        let label = match self.d.pointer() {
            Some(p) if !p.is_empty() => p.to_string(),
            _ => "here".to_string(),
        };
        Some(Box::new(std::iter::once(LabeledSpan::new(
            Some(label),
            span.offset,
            span.len.max(1),
        ))))
    }
}

/// Rules whose findings point at a secret value.
const CONCEALED: &[&str] = &["secret-in-definition"];

pub fn render(report: &Report) -> String {
    let mut out = frames(report);
    out.push_str(&summary_line(report.diagnostics, report.files));
    out.push('\n');
    out
}

/// The code frames alone, without the summary line.
pub fn frames(report: &Report) -> String {
    let theme = if report.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_context_lines(1)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    for d in report.diagnostics {
        // A frame around a secret would print the secret: those are located by line only.
        let conceal = CONCEALED.contains(&d.rule);
        let source = d.file.as_ref().filter(|_| !conceal).and_then(|f| {
            let text = report.texts.get(f)?;
            // A span past the text (should not happen) would make miette skip the frame.
            d.span
                .filter(|s| s.offset <= text.len())
                .map(|_| NamedSource::new(f.clone(), text.clone()))
        });
        let frame = Frame { d, source };
        if handler.render_report(&mut out, &frame).is_err() {
            out.push_str(&format!(
                "{}: {} {}: {}\n",
                d.location(),
                d.severity,
                d.code,
                d.message
            ));
        }
    }
    out
}
