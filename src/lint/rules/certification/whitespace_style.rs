use crate::connector::layout::{certification_layout, too_wide};
use crate::lint::{Definition, Emitter};
use crate::source::Syntax;
use crate::source::style::{Layout, StyleBreak, StyleBreaks};
use crate::swagger::size::MAX_DEFINITION_BYTES;

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
    let misindented = |n: usize| match n {
        1 => "1 line is not indented by a multiple of 4 spaces".to_string(),
        n => format!("{n} lines are not indented by a multiple of 4 spaces"),
    };
    let trailing = |n: usize| match n {
        1 => "1 line ends in whitespace".to_string(),
        n => format!("{n} lines end in whitespace"),
    };
    let (what, same, other) = match what {
        StyleBreak::Indent => (
            "is not indented by a multiple of 4 spaces",
            breaks.misindented,
            (breaks.trailing > 0).then(|| trailing(breaks.trailing)),
        ),
        StyleBreak::Trailing => (
            "ends in whitespace",
            breaks.trailing,
            (breaks.misindented > 0).then(|| misindented(breaks.misindented)),
        ),
    };
    let first = if same > 1 {
        format!("the first of {same} such lines")
    } else {
        "the only such line".to_string()
    };
    let other = other.map(|o| format!("; {o}")).unwrap_or_default();
    let d = out.emit(cx.src, "", format!("this line {what} ({first}{other})"));
    d.anchor = crate::diagnostic::Anchor::Offset(offset);
    // `fix` does not re-indent a definition that 4 spaces alone would take over the import
    // limit: the help must not promise it.
    let own = Layout::of(&cx.src.text);
    let target = certification_layout(&own);
    match too_wide(cx.doc, &own, &target, MAX_DEFINITION_BYTES) {
        Some(wide) => d.set_help(format!(
            "indented by 4 spaces the definition would be {wide} bytes, over the 1 MB import \
             limit, so `ccforge fix --profile certification` keeps its indentation: split the \
             connector (convert --split-by) to meet both the size limit and the style"
        )),
        None => d.set_help(
            "re-indent the file with 4 spaces and strip trailing whitespace \
             (`ccforge fix --profile certification` does both)",
        ),
    };
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
        assert_eq!(
            found[0].message,
            "this line ends in whitespace (the only such line; 2 lines are not indented by a \
             multiple of 4 spaces)"
        );
        assert!(matches!(found[0].anchor, Anchor::Offset(23)), "{:?}", found[0].anchor);
    }

    #[test]
    fn the_help_says_when_fix_would_keep_the_indentation_for_size() {
        let data: Vec<_> = (0..16_000)
            .map(|i| serde_json::json!({"k": {"v": i}}))
            .collect();
        let doc = serde_json::json!({"swagger": "2.0", "info": {"title": "T", "version": "1"},
                                     "paths": {}, "x-data": data});
        let two = serde_json::to_string_pretty(&doc).unwrap();
        let four = crate::emit::to_json_laid_out(&doc, "    ", "\n", 0);
        assert!(two.len() < 1024 * 1024 && four.len() > 1024 * 1024);
        let found = lint_definition(&RULE, &two);
        let help = found[0].help.as_deref().unwrap_or_default();
        assert!(
            help.starts_with(&format!(
                "indented by 4 spaces the definition would be {} bytes, over the 1 MB import limit",
                four.len()
            )),
            "{help}"
        );
        // A small file is re-indented by fix.
        let found = lint_definition(&RULE, "{\n  \"swagger\": \"2.0\"\n}\n");
        assert!(
            found[0].help.as_deref().unwrap_or_default().contains("does both"),
            "{found:?}"
        );
    }

    #[test]
    fn four_spaces_and_tabs_pass() {
        let found = lint_definition(&RULE, "{\n    \"swagger\": \"2.0\",\n\t\"paths\": {\n\t\t\"/a\": {}\n\t},\n\r\n    \"info\": {}\n}");
        assert!(found.is_empty(), "{found:?}");
    }
}
