use crate::lint::{Definition, Emitter};
use crate::source::Syntax;
use crate::source::style::{StyleBreak, StyleBreaks};

crate::declare_rule! {
    /// The definition is not indented by 4 spaces, or has trailing whitespace.
    ///
    /// ## What
    /// A line of the JSON definition is indented by a number of spaces that is not a multiple of
    /// 4 (or by spaces and tabs mixed), or ends in spaces or tabs. Reported once per file, at the
    /// first such line, with the number of lines of each kind. Lines indented by tabs only pass.
    /// YAML definitions are not checked. Certification profile.
    ///
    /// ## Why
    /// The coding standards of Microsoft's connectors repository ask for 4-space indentation and
    /// no trailing whitespace, and reviewers ask for them. Most certified connectors are indented
    /// by 2 spaces (589 of the 618 in the accepted corpus), so this is a warning: a reviewer
    /// may ask for it, the validator does not reject it. `ccforge fix` keeps a file's own
    /// indentation, except under the certification profile, where `fix-whitespace-style`
    /// re-indents the file by 4 spaces.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "swagger": "2.0",
    /// ```
    ///
    /// ## Fix
    /// Run `ccforge fix --profile certification`, or re-indent the file with 4 spaces and strip
    /// trailing whitespace (most editors' "format document" with a tab size of 4 does both).
    pub static RULE = Definition(check) {
        code: "CCF493",
        name: "whitespace-style",
        severity: Warning,
        profile: Certification,
        microsoft: ["Coding: 4-space indent, no trailing whitespace"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    if cx.src.syntax != Syntax::Json {
        return;
    }
    let breaks = StyleBreaks::of(&cx.src.text);
    let Some((offset, what)) = breaks.first else {
        return;
    };
    let what = match what {
        StyleBreak::Indent => "is not indented by a multiple of 4 spaces",
        StyleBreak::Trailing => "ends in whitespace",
    };
    let d = out.emit(
        cx.src,
        "",
        format!(
            "this line {what}: {} line(s) not indented by a multiple of 4 spaces, {} line(s) ending in whitespace",
            breaks.misindented, breaks.trailing
        ),
    );
    d.anchor = crate::diagnostic::Anchor::Offset(offset);
    d.set_help(
        "re-indent the file with 4 spaces and strip trailing whitespace \
         (`ccforge fix --profile certification` does both)",
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::diagnostic::Anchor;
    use crate::lint::test_support::lint_definition;

    #[test]
    fn two_space_indentation_and_trailing_whitespace_are_one_finding() {
        let found = lint_definition(&RULE, "{\n    \"swagger\": \"2.0\", \n  \"paths\": {},\n  \"info\": {}\n}\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, "CCF493");
        assert_eq!(found[0].message, "this line ends in whitespace: 2 line(s) not indented by a multiple of 4 spaces, 1 line(s) ending in whitespace");
        assert!(matches!(found[0].anchor, Anchor::Offset(23)), "{:?}", found[0].anchor);
    }

    #[test]
    fn four_spaces_and_tabs_pass() {
        let found = lint_definition(&RULE, "{\n    \"swagger\": \"2.0\",\n\t\"paths\": {\n\t\t\"/a\": {}\n\t},\n\r\n    \"info\": {}\n}");
        assert!(found.is_empty(), "{found:?}");
    }
}
