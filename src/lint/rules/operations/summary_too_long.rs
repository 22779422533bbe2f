use crate::value::Lookup;
use serde_json::Value;

use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An operation summary has 120 characters or more.
    ///
    /// ## What
    /// An operation's `summary` is 120 characters long or longer (characters, not bytes).
    /// Microsoft's validator asks for fewer than 120; certification asks for at most 80, which is
    /// not this rule's business.
    ///
    /// ## Why
    /// The summary is the action's name in the designer; a long one is cut off, and Microsoft's
    /// validator warns about it.
    ///
    /// ## Example
    /// ```json
    /// "summary": "Retrieves the complete list of every user account that is registered in the workspace together with ..."
    /// ```
    ///
    /// ## Fix
    /// Shorten the summary to a few words and move the detail to `description` (`ccforge fix`
    /// cuts summaries to 80 characters).
    pub static RULE = Definition(check) {
        code: "CCF229",
        name: "summary-too-long",
        severity: Warning,
        microsoft: ["OperationSummaryTooLong"],
    }
}

/// Microsoft's validator wants summaries shorter than this.
const LIMIT: usize = 120;

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        let Some(summary) = op.op.field("summary").and_then(Value::as_str) else {
            continue;
        };
        // Bytes bound characters from above: most summaries are decided without counting.
        if summary.len() < LIMIT {
            continue;
        }
        let n = summary.chars().count();
        if n >= LIMIT {
            out.emit(
                cx.src,
                op.pointer_to("summary"),
                format!(
                    "the summary of {} has {n} characters; Microsoft's validator wants fewer than {LIMIT}",
                    op.label()
                ),
            )
            .set_help("keep the summary short and put the detail in `description`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_long_summary_is_reported() {
        let long = "a".repeat(120);
        let found = lint_definition(
            &RULE,
            &format!(r#"{{"swagger": "2.0", "paths": {{"/u": {{"get": {{"summary": "{long}"}}}}}}}}"#),
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF229",
                "/paths/~1u/get/summary",
                "the summary of GET /u has 120 characters; Microsoft's validator wants fewer than 120"
            )]
        );
    }

    #[test]
    fn a_short_summary_passes() {
        // 119 characters, some of them two bytes long.
        let s = format!("{}{}", "é".repeat(10), "a".repeat(109));
        let found = lint_definition(
            &RULE,
            &format!(r#"{{"swagger": "2.0", "paths": {{"/u": {{"get": {{"summary": "{s}"}}}}}}}}"#),
        );
        assert!(found.is_empty());
    }
}
