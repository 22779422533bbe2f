//! Mending lenient JSON: a definition read only leniently (comments, trailing or missing commas,
//! raw control characters) is written back as strict JSON, and the mending is reported.

use crate::diagnostic::{Diagnostic, Policy, Reporter};
use crate::source::json::{LeniencyKind, parse_lenient};
use crate::source::{Source, Syntax, codes::LENIENT_SYNTAX};

crate::declare_code! {
    /// Pass: writes a definition read only leniently back as strict JSON.
    ///
    /// ## What
    /// A step of `fix` that runs when the input is JSON that parses only leniently: it has
    /// comments, a trailing comma, a missing comma between members, a raw control character in a
    /// string, a non-ASCII space between tokens, an escaped lone surrogate, or text after the root
    /// value; or when a `.json` input reads only as YAML (unquoted member names, single-quoted
    /// strings), which is written back as JSON, never as YAML. The fixed file is
    /// written as strict JSON even when no other pass changed anything, by the smallest change
    /// (a comment or a trailing comma goes, a missing comma is put in, the rest of the text
    /// stays as written), and one diagnostic says what kinds of lenient syntax were mended.
    /// YAML input is left as it is.
    ///
    /// ## Why
    /// Strict JSON tools (`jq`, `paconn`, most editors' schema checks) cannot read the lenient
    /// syntax `lenient-syntax` warns about.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   // the production host
    ///   "host": "api.contoso.com",
    /// }
    /// ```
    /// is written without the comment and the trailing comma.
    ///
    /// ## Fix
    /// Nothing to do; switch the step off under `[passes]` to keep the file's text as it is.
    pub static LENIENT = Pass {
        code: "CCF612",
        name: "fix-lenient-syntax",
        severity: Info,
        document: Definition,
    }
}

/// When `src` is JSON that was read only leniently and the step is enabled, the diagnostic that
/// reports its mending (the caller then writes the document as strict JSON); otherwise nothing.
pub fn mend(src: &Source, policy: &dyn Policy) -> Option<Vec<Diagnostic>> {
    if !policy.pass_enabled(&LENIENT)
        || !src.notes.iter().any(|n| n.meta.code == LENIENT_SYNTAX.code)
    {
        return None;
    }
    if src.syntax == Syntax::Yaml {
        // A `.json` file that reads only as YAML (unquoted names, single-quoted strings).
        if !written_as_json(&src.name) || !src.text.trim_start().starts_with(['{', '[']) {
            return None;
        }
        let mut reporter = Reporter::new(src.name.as_str(), policy);
        reporter.report(
            &LENIENT,
            "",
            "wrote strict JSON: the file was JSON only as YAML reads it (member names or \
             strings without double quotes)",
        );
        return Some(reporter.finish());
    }
    let found = parse_lenient(&src.text).ok()?.found;
    if found.is_empty() {
        return None;
    }
    let mut counts: Vec<(LeniencyKind, usize)> = Vec::new();
    for l in &found {
        match counts.iter_mut().find(|(k, _)| *k == l.kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((l.kind, 1)),
        }
    }
    let what: Vec<String> = counts.iter().map(|&(k, n)| mended(k, n)).collect();
    let mut reporter = Reporter::new(src.name.as_str(), policy);
    reporter.report(
        &LENIENT,
        "",
        format!("wrote strict JSON: {}", what.join(", ")),
    );
    Some(reporter.finish())
}

/// Whether a file of this name is written as JSON whatever it was read as: a `.json` file.
pub fn written_as_json(name: &str) -> bool {
    std::path::Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

fn mended(kind: LeniencyKind, n: usize) -> String {
    let count = |one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    match kind {
        LeniencyKind::Comment => format!("removed {}", count("comment", "comments")),
        LeniencyKind::TrailingComma => {
            format!("removed {}", count("trailing comma", "trailing commas"))
        }
        LeniencyKind::MissingComma => {
            format!("added {}", count("missing comma", "missing commas"))
        }
        LeniencyKind::ControlCharacter => format!(
            "escaped {} in strings",
            count("raw control character", "raw control characters")
        ),
        LeniencyKind::TrailingContent => "dropped the content after the root value".into(),
        LeniencyKind::UnicodeWhitespace => format!(
            "replaced {} between tokens",
            count("non-ASCII space", "non-ASCII spaces")
        ),
        LeniencyKind::LoneSurrogate => format!(
            "replaced {} by U+FFFD",
            count("lone surrogate", "lone surrogates")
        ),
    }
}
