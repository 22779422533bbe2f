use crate::value::Lookup;
use serde_json::Value;

use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An operation summary contains a character Microsoft restricts: / \ < > * % & ?
    ///
    /// ## What
    /// An operation's `summary` contains one of `/ \ < > * % & ?`, the characters Microsoft's
    /// connector guidance rules out of summaries.
    ///
    /// ## Why
    /// The summary is the action's name; Microsoft's validator rejects these characters
    /// (`RestrictedCharactersInSummary`). None of the 1,031 accepted connectors has one.
    ///
    /// ## Example
    /// ```json
    /// "summary": "Create/update a <user>"
    /// ```
    ///
    /// ## Fix
    /// Rephrase: `Create or update a user`. `ccforge fix` removes the characters (`&` becomes
    /// `and`, slashes become spaces).
    pub static RULE = Definition(check) {
        code: "CCF230",
        name: "summary-restricted-characters",
        severity: Error,
        microsoft: ["RestrictedCharactersInSummary"],
    }
}

const RESTRICTED: [char; 8] = ['/', '\\', '<', '>', '*', '%', '&', '?'];

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        let Some(summary) = op.op.field("summary").and_then(Value::as_str) else {
            continue;
        };
        if !summary.contains(RESTRICTED) {
            continue;
        }
        let found: String = RESTRICTED
            .iter()
            .filter(|c| summary.contains(**c))
            .flat_map(|c| [*c, ' '])
            .collect();
        out.emit(
            cx.src,
            op.pointer_to("summary"),
            format!(
                "the summary of {} contains the restricted characters {}",
                op.label(),
                found.trim_end()
            ),
        )
        .set_help("rephrase without / \\ < > * % & ?; `ccforge fix` removes them");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn restricted_characters_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/u": {"get": {"summary": "Create/update a <user>"}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF230",
                "/paths/~1u/get/summary",
                "the summary of GET /u contains the restricted characters / < >"
            )]
        );
    }

    #[test]
    fn a_plain_summary_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/u": {"get": {"summary": "Create or update a user (v2)"}}}}"#,
        );
        assert!(found.is_empty());
    }
}
