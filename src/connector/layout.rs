//! The layout `fix` writes JSON in: the input's own indentation and line ends, or, under the
//! certification profile, the 4-space style Microsoft's connectors repository asks for.

use crate::diagnostic::{Diagnostic, Policy, Reporter};
use crate::source::style::{Layout, StyleBreaks};
use crate::source::{Source, Syntax};

crate::declare_code! {
    /// Pass (certification): a JSON definition not indented by 4 spaces, or with trailing
    /// whitespace, is written indented by 4 spaces without trailing whitespace.
    ///
    /// ## What
    /// A step of `fix` in the certification profile (it runs with `--profile certification` or
    /// `profile = "certification"`, or when switched on in `[passes]`). When a JSON definition
    /// has a line that `whitespace-style` reports, the whole file is written again indented by 4
    /// spaces, with its line ends (`\n` or `\r\n`) kept, and one diagnostic counts the lines that
    /// changed. Outside this profile `fix` writes a file in its own indentation (2 spaces, 4,
    /// a tab...) and line ends, so that its diff shows only what a pass changed. YAML input is
    /// left as it is.
    ///
    /// ## Why
    /// Reviewers of Microsoft's connectors repository ask for 4-space indentation and no
    /// trailing whitespace.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "swagger": "2.0",
    /// ```
    /// is written as
    /// ```json
    /// {
    ///     "swagger": "2.0",
    /// ```
    ///
    /// ## Fix
    /// Nothing to do; switch the step off under `[passes]` to keep the file's indentation.
    pub static WHITESPACE = Pass {
        code: "CCF616",
        name: "fix-whitespace-style",
        severity: Info,
        document: Definition,
        profile: Certification,
    }
}

/// The layout to write `src` in, and, when the certification step re-lays it out, the
/// diagnostic that says so (the caller then writes the document even if nothing else changed).
pub fn choose(src: &Source, policy: &dyn Policy) -> (Layout, Option<Diagnostic>) {
    if src.syntax != Syntax::Json {
        return (Layout::default(), None);
    }
    let own = Layout::of(&src.text);
    if !policy.pass_enabled(&WHITESPACE) {
        return (own, None);
    }
    // A file in the style keeps its tabs or its 4 spaces; any other is written in 4 spaces
    // (a minified file too, when a pass changes it).
    let target = if own.indent == "\t" || own.indent == "    " {
        own.clone()
    } else {
        Layout::four_spaces(own.crlf)
    };
    let breaks = StyleBreaks::of(&src.text);
    if breaks.is_clean() {
        return (target, None);
    }
    let mut what = Vec::new();
    if breaks.misindented > 0 {
        what.push(format!(
            "{} line(s) were not indented by a multiple of 4 spaces",
            breaks.misindented
        ));
    }
    if breaks.trailing > 0 {
        what.push(format!("{} line(s) ended in whitespace", breaks.trailing));
    }
    let mut reporter = Reporter::new(src.name.as_str(), policy);
    reporter.report(
        &WHITESPACE,
        "",
        format!("wrote the file indented by 4 spaces: {}", what.join(", ")),
    );
    let diag = reporter.finish().into_iter().next();
    (target, diag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Level, Profile};

    struct Certification;

    impl Policy for Certification {
        fn configured(&self, _code: &Code) -> Option<Level> {
            None
        }
        fn profile(&self) -> Profile {
            Profile::Certification
        }
        fn find(&self, _key: &str) -> Option<&'static Code> {
            None
        }
    }

    fn choose_for(text: &str, policy: &dyn Policy) -> (String, bool) {
        let src = crate::source::load_bytes("a.json", text.as_bytes()).unwrap();
        let (layout, diag) = choose(&src, policy);
        (layout.indent, diag.is_some())
    }

    #[test]
    fn certification_writes_four_spaces_and_reports_only_a_file_that_breaks_the_style() {
        let cert = &Certification;
        assert_eq!(
            choose_for("{\n  \"a\": 1\n}\n", cert),
            ("    ".into(), true)
        );
        assert_eq!(
            choose_for("{\n    \"a\": 1 \n}\n", cert),
            ("    ".into(), true)
        );
        // Minified: nothing to report, but what is written is in 4 spaces.
        assert_eq!(choose_for("{\"a\": 1}", cert), ("    ".into(), false));
        // Tabs keep the style.
        assert_eq!(choose_for("{\n\t\"a\": 1\n}\n", cert), ("\t".into(), false));
        // Outside the profile a file keeps its own layout.
        let plain = &crate::diagnostic::Declared;
        assert_eq!(
            choose_for("{\n  \"a\": 1\n}\n", plain),
            ("  ".into(), false)
        );
    }
}
