//! The layout `fix` writes JSON in: the input's own indentation and line ends, or, under the
//! certification profile, the 4-space style Microsoft's connectors repository asks for.

use serde_json::Value;

use crate::connector::passes::size::len_after_hoisting;
use crate::diagnostic::{Diagnostic, Policy, Reporter};
use crate::source::style::{Layout, StyleBreaks};
use crate::source::{Source, Syntax};
use crate::swagger::size::{Lines, MAX_DEFINITION_BYTES, laid_out_len};

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
    /// a tab...) and line ends, so that its diff shows only what a pass changed; a minified
    /// file (JSON on one line) stays minified. YAML input is left as it is. A definition within
    /// the 1 MB import limit that 4 spaces alone would take over it keeps its own indentation
    /// (or stays minified), and the diagnostic says so: a connector that imports is not made one
    /// that does not.
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

/// The layout chosen for a file, and what the certification step says about it.
pub struct Chosen {
    pub layout: Layout,
    /// The certification step re-lays the file out: it is written even when no pass changed it.
    pub relaid: bool,
    pub diagnostic: Option<Diagnostic>,
}

/// The layout the certification step writes a file laid out in `own` in: a file in the style
/// keeps its tabs or its 4 spaces; any other is written in 4 spaces (a minified file too, when
/// a pass changes it).
pub fn certification_layout(own: &Layout) -> Layout {
    if own.indent == "\t" || own.indent == "    " {
        own.clone()
    } else {
        Layout::four_spaces(own.line_end)
    }
}

/// The length `doc` would have in `target` when that alone takes it over `budget` bytes: laid
/// out in `own` it fits, and moving repeated schemas to `definitions` (which loses nothing) would
/// not make room.
pub fn too_wide(doc: &Value, own: &Layout, target: &Layout, budget: usize) -> Option<usize> {
    if target == own {
        return None;
    }
    let own_len = laid_out_len(doc, Lines::of(own));
    if own_len > budget {
        return None;
    }
    // Indented by `k` spaces, each level's indentation grows by `4 / k` at most and the rest
    // stays: a file within a fraction of the budget cannot overflow it (most files).
    let k = own.indent.len();
    if own.indent.bytes().all(|b| b == b' ') && k > 0 && own_len.saturating_mul(4) / k <= budget {
        return None;
    }
    let wide = laid_out_len(doc, Lines::of(target));
    // The definition is small here (within the budget as it is): measuring a hoisted copy
    // costs little.
    (wide > budget && len_after_hoisting(doc, Lines::of(target)) > budget).then_some(wide)
}

/// The layout to write `src` (whose parsed value is `doc`) in. A re-layout that alone would take
/// a definition within `budget` bytes over it, even once repeated schemas are moved to
/// `definitions` (which loses nothing), is not made: a file that could be imported would no
/// longer be, or the size pass would remove examples to pay for indentation.
pub fn choose(src: &Source, doc: &Value, budget: usize, policy: &dyn Policy) -> Chosen {
    let own = Layout::of(&src.text);
    let keep = |layout: Layout| Chosen {
        layout,
        relaid: false,
        diagnostic: None,
    };
    if src.syntax != Syntax::Json {
        return keep(Layout::default());
    }
    if !policy.pass_enabled(&WHITESPACE) {
        return keep(own);
    }
    let target = certification_layout(&own);
    let mut reporter = Reporter::new(src.name.as_str(), policy);
    if let Some(wide) = too_wide(doc, &own, &target, budget) {
        let limit = if budget == MAX_DEFINITION_BYTES {
            "the 1 MB import limit".to_string()
        } else {
            format!("the budget of {budget} bytes")
        };
        let kept = if own.is_minified() {
            "kept the file minified"
        } else {
            "kept the file's own indentation"
        };
        reporter
            .report(
                &WHITESPACE,
                "",
                format!("{kept}: indented by 4 spaces it would be {wide} bytes, over {limit}"),
            )
            .set_help(
                "split the connector (convert --split-by) to meet both the size limit and the \
                 certification style",
            );
        return Chosen {
            layout: own,
            relaid: false,
            diagnostic: reporter.finish().into_iter().next(),
        };
    }
    let breaks = StyleBreaks::of(&src.text);
    if breaks.is_clean() {
        return keep(target);
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
    reporter.report(
        &WHITESPACE,
        "",
        format!("wrote the file indented by 4 spaces: {}", what.join(", ")),
    );
    let diagnostic = reporter.finish().into_iter().next();
    Chosen {
        layout: target,
        relaid: diagnostic.is_some(),
        diagnostic,
    }
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

    fn choose_within(text: &str, budget: usize, policy: &dyn Policy) -> Chosen {
        let src = crate::source::load_bytes("a.json", text.as_bytes()).unwrap();
        choose(&src, &src.value, budget, policy)
    }

    fn choose_for(text: &str, policy: &dyn Policy) -> (String, bool) {
        let chosen = choose_within(text, MAX_DEFINITION_BYTES, policy);
        assert_eq!(chosen.relaid, chosen.diagnostic.is_some());
        (chosen.layout.indent, chosen.relaid)
    }

    #[test]
    fn indentation_alone_never_takes_a_definition_over_the_size_budget() {
        let text = "{\n  \"a\": {\n    \"b\": [\n      1\n    ]\n  }\n}\n";
        // 4 spaces add 2 bytes per level on its 5 indented lines: 2 + 4 + 6 + 4 + 2.
        let fits = text.len();
        let chosen = choose_within(text, fits + 5, &Certification);
        assert_eq!(
            (chosen.layout.indent.as_str(), chosen.relaid),
            ("  ", false)
        );
        let d = chosen.diagnostic.expect("a diagnostic says why");
        assert!(
            d.message.contains("kept the file's own indentation"),
            "{}",
            d.message
        );
        assert!(
            d.message.contains(&format!("{} bytes", fits + 18)),
            "{}",
            d.message
        );
        // With room for the wider text, it is re-laid out.
        let chosen = choose_within(text, fits + 18, &Certification);
        assert_eq!(
            (chosen.layout.indent.as_str(), chosen.relaid),
            ("    ", true)
        );
        // Over the budget either way: the style is kept to (the size pass says the rest).
        let chosen = choose_within(text, fits - 1, &Certification);
        assert_eq!(
            (chosen.layout.indent.as_str(), chosen.relaid),
            ("    ", true)
        );
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
        // Outside the profile a file keeps its own layout, a minified one too.
        let plain = &crate::diagnostic::Declared;
        assert_eq!(
            choose_for("{\n  \"a\": 1\n}\n", plain),
            ("  ".into(), false)
        );
        assert_eq!(choose_for("{\"a\":1}", plain), ("".into(), false));
    }

    #[test]
    fn a_minified_definition_that_four_spaces_would_take_over_the_budget_stays_minified() {
        let text = "{\"a\":{\"b\":[1,{\"c\":null}]}}";
        // Written minified with a final newline, it fits exactly.
        let budget = text.len() + 1;
        let chosen = choose_within(text, budget, &Certification);
        assert_eq!((chosen.layout.indent.as_str(), chosen.relaid), ("", false));
        let d = chosen.diagnostic.expect("a diagnostic says why");
        assert!(
            d.message
                .starts_with("kept the file minified: indented by 4 spaces it would be"),
            "{}",
            d.message
        );
        // With room for 4 spaces, those are what a changed file is written in.
        let chosen = choose_within(text, 1000, &Certification);
        assert_eq!(
            (chosen.layout.indent.as_str(), chosen.relaid),
            ("    ", false)
        );
    }
}
