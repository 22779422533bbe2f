use crate::value::Lookup;
use serde_json::Value;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An operation summary or a parameter label has more than 80 characters.
    ///
    /// ## What
    /// An operation's `summary` has 81 to 119 characters (from 120 on, `summary-too-long` reports
    /// it
    /// for every profile), or a parameter's `x-ms-summary` has more than 80. Certification profile.
    ///
    /// ## Why
    /// Certification limits summaries to 80 characters, so that the designer shows them whole.
    ///
    /// ## Example
    /// ```json
    /// "summary": "Retrieve every user account registered in the workspace, with their roles and groups"
    /// ```
    ///
    /// ## Fix
    /// Shorten it and move the detail to `description` (`ccforge fix` cuts operation summaries to
    /// 80
    /// characters at a word).
    pub static RULE = Definition(check) {
        code: "CCF486",
        name: "summary-over-80",
        severity: Warning,
        profile: Certification,
        microsoft: ["FieldLengthExceeded"],
    }
}

const LIMIT: usize = 80;
/// From here on `summary-too-long` reports an operation summary.
const DEFAULT_LIMIT: usize = 120;

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        let Some(s) = op.op.field("summary").and_then(Value::as_str) else {
            continue;
        };
        let n = s.chars().count();
        if n > LIMIT && n < DEFAULT_LIMIT {
            out.emit(cx.src, op.pointer_to("summary"), format!("the summary of {} has {n} characters; certification allows at most {LIMIT}", op.label()))
                .set_help("shorten it and move the detail to `description`");
        }
    }
    for p in cx.parameters() {
        let Some(s) = p.value.field("x-ms-summary").and_then(Value::as_str) else {
            continue;
        };
        let n = s.chars().count();
        if n > LIMIT {
            let name = p.name().unwrap_or_default();
            out.emit(
                cx.src,
                crate::diagnostic::join_pointer(&p.pointer(), "x-ms-summary"),
                format!("the label of parameter `{name}` has {n} characters; certification allows at most {LIMIT}"),
            )
            .set_help("shorten it and move the detail to `description`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn long_summaries_are_reported() {
        let s = "a".repeat(81);
        let found = lint_definition(&RULE, &format!(r#"{{"swagger": "2.0", "paths": {{"/u": {{"get": {{"summary": "{s}", "parameters": [{{"name": "q", "in": "query", "x-ms-summary": "{s}"}}]}}}}}}}}"#));
        assert_eq!(
            findings(&found),
            [
                ("CCF486", "/paths/~1u/get/summary", "the summary of GET /u has 81 characters; certification allows at most 80"),
                ("CCF486", "/paths/~1u/get/parameters/0/x-ms-summary", "the label of parameter `q` has 81 characters; certification allows at most 80"),
            ]
        );
    }

    #[test]
    fn summaries_of_80_pass_and_120_are_left_to_the_default_rule() {
        for n in [80, 120] {
            let s = "a".repeat(n);
            assert!(lint_definition(&RULE, &format!(r#"{{"swagger": "2.0", "paths": {{"/u": {{"get": {{"summary": "{s}"}}}}}}}}"#)).is_empty());
        }
    }
}
