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
    /// How many findings the pretty format shows in full.
    pub amount: Amount,
    /// The command that made the report (`lint`, `convert`, ...), which titles the JUnit and
    /// Markdown formats.
    pub command: &'static str,
}

/// How many findings the pretty format shows with a code frame. Errors always get one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    /// Frames per rule for warnings; `None` for all.
    pub warnings_per_rule: Option<usize>,
    /// Frames per rule for infos; `None` for all.
    pub infos_per_rule: Option<usize>,
}

impl Amount {
    /// Every finding in full.
    pub const ALL: Amount = Amount {
        warnings_per_rule: None,
        infos_per_rule: None,
    };

    /// The first three findings of each rule.
    pub const READABLE: Amount = Amount {
        warnings_per_rule: Some(3),
        infos_per_rule: Some(3),
    };

    /// The first three warnings of each rule, and infos as counts only (the changes a pass
    /// made, which can number thousands).
    pub const CHANGES: Amount = Amount {
        warnings_per_rule: Some(3),
        infos_per_rule: Some(0),
    };
}

/// The findings of one rule that were not shown in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct More {
    pub severity: Severity,
    pub code: &'static str,
    pub rule: &'static str,
    /// How many of this rule's findings have a frame.
    pub framed: usize,
    /// How many do not.
    pub count: usize,
}

/// Which findings get a frame, and counts by rule of those that do not.
#[derive(Debug, Default)]
pub struct Selection<'a> {
    pub framed: Vec<&'a Diagnostic>,
    /// By severity (highest first), then code.
    pub more: Vec<More>,
}

/// Picks the findings to frame, in their order: every error, and the first findings of each
/// rule up to `amount`'s limit for their severity.
pub fn select(diags: &[Diagnostic], amount: Amount) -> Selection<'_> {
    let mut framing = Framing::new(amount);
    let mut more: Vec<More> = Vec::new();
    let mut framed = Vec::new();
    for d in diags {
        let (frames, n) = framing.frames(d);
        if frames {
            framed.push(d);
            continue;
        }
        match more
            .iter_mut()
            .find(|m| m.code == d.code && m.severity == d.severity)
        {
            Some(m) => m.count += 1,
            None => more.push(More {
                severity: d.severity,
                code: d.code,
                rule: d.rule,
                framed: n - 1,
                count: 1,
            }),
        }
    }
    more.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.code.cmp(b.code)));
    Selection { framed, more }
}

/// Which findings [`select`] frames, decided one finding at a time in order.
struct Framing {
    amount: Amount,
    /// Asked once per finding, thousands of times in a conversion's report: a fast hasher.
    seen: foldhash::HashMap<(&'static str, Severity), usize>,
}

impl Framing {
    fn new(amount: Amount) -> Self {
        Framing {
            amount,
            seen: Default::default(),
        }
    }

    /// Whether `d` is framed, and how many findings of its rule and severity came so far, `d`
    /// included.
    fn frames(&mut self, d: &Diagnostic) -> (bool, usize) {
        let limit = match d.severity {
            Severity::Error => None,
            Severity::Warning => self.amount.warnings_per_rule,
            Severity::Info => self.amount.infos_per_rule,
        };
        let n = self.seen.entry((d.code, d.severity)).or_insert(0);
        *n += 1;
        (limit.is_none_or(|l| *n <= l), *n)
    }
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

/// `1 change`, `2 changes`.
pub fn plural(n: usize, word: &str) -> String {
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
    let counted = format!(
        "{}, {} and {}",
        plural(e, "error"),
        plural(w, "warning"),
        plural(i, "info")
    );
    // A run that stopped before reading a file (an output it may not write) counts none.
    if files == 0 {
        format!("{counted}.")
    } else {
        format!("{counted} in {}.", plural(files, "file"))
    }
}

pub use pretty::{escape, escape_line};

/// Renders the report. A message or help that quotes a secret from the input (a host with
/// `user:password@`, a `Bearer` value, a key's value) is masked first, as code frames are.
pub fn render(format: Format, report: &Report) -> String {
    // The pretty report shows the messages of the findings it frames only (the others are
    // counted by rule): it masks those itself.
    if let Format::Pretty = format {
        return pretty::render(report);
    }
    let masked = masked_texts(report.diagnostics);
    let with_masked;
    let report = match &masked {
        Some(diagnostics) => {
            with_masked = Report {
                diagnostics,
                texts: report.texts,
                files: report.files,
                color: report.color,
                fail_on: report.fail_on,
                amount: report.amount,
                command: report.command,
            };
            &with_masked
        }
        None => report,
    };
    match format {
        Format::Pretty => pretty::render(report),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
        Format::Github => github::render(report),
        Format::Junit => junit::render(report),
        Format::Markdown => markdown::render(report),
    }
}

/// The diagnostics with their messages and help masked, when masking changes one (see
/// [`masked_text`]).
fn masked_texts(diags: &[Diagnostic]) -> Option<Vec<Diagnostic>> {
    use rayon::prelude::*;
    // Thousands of findings (the changes the passes made) are looked at on the pool.
    let changed: Vec<(usize, Masked)> = diags
        .par_iter()
        .with_min_len(256)
        .enumerate()
        .filter_map(|(i, d)| masked_text(d).map(|m| (i, m)))
        .collect();
    if changed.is_empty() {
        return None;
    }
    let mut out = diags.to_vec();
    for (i, masked) in changed {
        masked.apply(&mut out[i]);
    }
    Some(out)
}

/// A diagnostic's message and help, as written, where they differ from its own.
struct Masked {
    message: Option<String>,
    help: Option<String>,
}

impl Masked {
    fn apply(self, d: &mut Diagnostic) {
        if let Some(m) = self.message {
            d.message = m;
        }
        if self.help.is_some() {
            d.help = self.help;
        }
    }
}

/// What `d` is written with, when that is not its own texts: its message and help with the
/// secrets they quote masked, and an error or warning without help of its own given its code's
/// fix (the first paragraph of the rule's `## Fix`).
fn masked_text(d: &Diagnostic) -> Option<Masked> {
    let mask = |text: &str| crate::secrets::masked(text);
    let fix = (d.help.is_none() && d.severity >= Severity::Warning)
        .then(|| d.meta.fix_hint())
        .flatten();
    let help = match &fix {
        Some(fix) => Some(mask(fix).unwrap_or_else(|| fix.clone())),
        None => d.help.as_deref().and_then(mask),
    };
    let message = mask(&d.message);
    (message.is_some() || help.is_some()).then_some(Masked { message, help })
}

/// `diags` as they are written (see [`masked_text`]): borrowed where nothing changes.
pub(crate) fn as_written<'a>(diags: &[&'a Diagnostic]) -> Vec<std::borrow::Cow<'a, Diagnostic>> {
    use rayon::prelude::*;
    use std::borrow::Cow;
    diags
        .par_iter()
        .with_min_len(256)
        .map(|&d| match masked_text(d) {
            Some(masked) => {
                let mut d = d.clone();
                masked.apply(&mut d);
                Cow::Owned(d)
            }
            None => Cow::Borrowed(d),
        })
        .collect()
}

/// A report of `diagnostics` in one file, every finding in full, failing on errors.
#[cfg(test)]
pub(crate) fn test_report<'a>(
    diagnostics: &'a [Diagnostic],
    texts: &'a HashMap<String, Arc<str>>,
) -> Report<'a> {
    Report {
        diagnostics,
        texts,
        files: 1,
        color: false,
        fail_on: Some(Severity::Error),
        amount: Amount::ALL,
        command: "lint",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::codes::{LENIENT_SYNTAX, PARSE_ERROR};

    #[test]
    fn messages_quoting_a_secret_are_masked_in_every_format() {
        let diags = vec![
            Diagnostic::new(
                &PARSE_ERROR,
                Severity::Error,
                "`host` \"admin:hunter2@api.contoso.com\" has a colon",
            ),
            Diagnostic::new(
                &PARSE_ERROR,
                Severity::Warning,
                "`default` changed from \"Bearer 9f8a7b6c5d4e3f2a1b0c\"",
            ),
        ];
        let texts = HashMap::new();
        let report = test_report(&diags, &texts);
        for format in [
            Format::Pretty,
            Format::Json,
            Format::Sarif,
            Format::Github,
            Format::Junit,
            Format::Markdown,
        ] {
            let out = render(format, &report);
            assert!(
                !out.contains("hunter2") && !out.contains("9f8a7b6c"),
                "{format:?}: {out}"
            );
            assert!(out.contains("api.contoso.com"), "{format:?}: {out}");
        }
    }

    #[test]
    fn select_frames_errors_and_the_first_of_each_rule() {
        let mut diags = Vec::new();
        for _ in 0..5 {
            diags.push(Diagnostic::new(&LENIENT_SYNTAX, Severity::Warning, "w"));
            diags.push(Diagnostic::new(&PARSE_ERROR, Severity::Error, "e"));
            diags.push(Diagnostic::new(&PARSE_ERROR, Severity::Info, "i"));
        }
        let s = select(&diags, Amount::READABLE);
        assert_eq!(s.framed.len(), 5 + 3 + 3);
        assert_eq!(
            s.more
                .iter()
                .map(|m| (m.severity, m.count))
                .collect::<Vec<_>>(),
            [(Severity::Warning, 2), (Severity::Info, 2)]
        );
        let s = select(&diags, Amount::CHANGES);
        assert_eq!(s.framed.len(), 5 + 3);
        assert_eq!(s.more[1].framed, 0);
        assert_eq!(s.more[1].count, 5);
        let s = select(&diags, Amount::ALL);
        assert_eq!(s.framed.len(), 15);
        assert!(s.more.is_empty());
    }
}
