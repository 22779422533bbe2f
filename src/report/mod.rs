//! Renderers: one per output format, all over the same diagnostics.

mod github;
mod json;
mod junit;
mod markdown;
mod pretty;
mod sarif;

use std::collections::HashMap;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Severity};

/// The output formats of `lint` (and the diagnostics of the other commands).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Code frames with help, for people at a terminal.
    Pretty,
    /// One JSON object with a `diagnostics` array (stable, documented in the README).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// JUnit XML, for CI systems that show test reports.
    Junit,
    /// A Markdown summary and table, for pull-request comments.
    Markdown,
}

/// Everything a renderer needs.
pub struct Report<'a> {
    pub diagnostics: &'a [Diagnostic],
    /// Source texts by file name, for code frames.
    pub texts: &'a HashMap<String, Arc<str>>,
    /// How many files were checked.
    pub files: usize,
    /// Whether the terminal takes colour.
    pub color: bool,
    /// The lowest severity that makes the run exit 1 (none: only input errors fail it). JUnit
    /// reports a finding below it as a passed test case.
    pub fail_on: Option<Severity>,
}

impl Report<'_> {
    /// Whether a diagnostic makes the run fail: an input error, or a finding at or above
    /// [`Report::fail_on`].
    pub fn fails(&self, d: &Diagnostic) -> bool {
        (d.meta.fatal && d.severity == Severity::Error)
            || self.fail_on.is_some_and(|t| d.severity >= t)
    }
}

/// Counts by severity: (errors, warnings, infos).
pub fn counts(diags: &[Diagnostic]) -> (usize, usize, usize) {
    let mut c = (0, 0, 0);
    for d in diags {
        match d.severity {
            Severity::Error => c.0 += 1,
            Severity::Warning => c.1 += 1,
            Severity::Info => c.2 += 1,
        }
    }
    c
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `3 errors, 1 warning and 0 infos in 12 files`.
pub fn summary_line(diags: &[Diagnostic], files: usize) -> String {
    let (e, w, i) = counts(diags);
    if diags.is_empty() {
        return format!("No problems found in {}.", plural(files, "file"));
    }
    format!(
        "{}, {} and {} in {}.",
        plural(e, "error"),
        plural(w, "warning"),
        plural(i, "info"),
        plural(files, "file")
    )
}

/// Pretty code frames without the summary line.
pub fn pretty_frames(report: &Report) -> String {
    pretty::frames(report)
}

pub fn render(format: Format, report: &Report) -> String {
    match format {
        Format::Pretty => pretty::render(report),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
        Format::Github => github::render(report),
        Format::Junit => junit::render(report),
        Format::Markdown => markdown::render(report),
    }
}
