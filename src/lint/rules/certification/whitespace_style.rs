use crate::lint::{Definition, Emitter};
use crate::source::Syntax;

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
    /// may ask for it, the validator does not reject it. `ccforge fix` writes JSON indented by
    /// 2 spaces, so it does not mend this.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "swagger": "2.0",
    /// ```
    ///
    /// ## Fix
    /// Re-indent the file with 4 spaces and strip trailing whitespace (most editors' "format
    /// document" with a tab size of 4 does both).
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
    let text = cx.src.text.as_bytes();
    let (mut indented, mut trailing) = (0usize, 0usize);
    let mut first: Option<(usize, &str)> = None;
    let mut start = 0;
    while start <= text.len() {
        let end = memchr(b'\n', &text[start..]).map_or(text.len(), |i| start + i);
        let mut line_end = end;
        if line_end > start && text[line_end - 1] == b'\r' {
            line_end -= 1;
        }
        let line = &text[start..line_end];
        let lead = line.iter().take_while(|b| **b == b' ' || **b == b'\t').count();
        if lead == line.len() {
            // A blank line: whitespace only is trailing whitespace.
            if lead > 0 {
                trailing += 1;
                first.get_or_insert((start, "ends in whitespace"));
            }
        } else {
            let spaces = line[..lead].iter().filter(|b| **b == b' ').count();
            if spaces % 4 != 0 || (spaces > 0 && spaces < lead) {
                indented += 1;
                first.get_or_insert((start, "is not indented by a multiple of 4 spaces"));
            }
            let body = line.iter().rposition(|b| *b != b' ' && *b != b'\t').map_or(0, |i| i + 1);
            if body < line.len() {
                trailing += 1;
                first.get_or_insert((start + body, "ends in whitespace"));
            }
        }
        start = end + 1;
    }
    let Some((offset, what)) = first else {
        return;
    };
    let d = out.emit(
        cx.src,
        "",
        format!(
            "this line {what}: {indented} line(s) not indented by a multiple of 4 spaces, {trailing} line(s) ending in whitespace"
        ),
    );
    d.anchor = crate::diagnostic::Anchor::Offset(offset);
    d.set_help("re-indent the file with 4 spaces and strip trailing whitespace");
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|b| *b == needle)
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
