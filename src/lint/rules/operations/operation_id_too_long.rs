use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An operationId is longer than any accepted connector's.
    ///
    /// ## What
    /// An `operationId` has more than 77 characters.
    ///
    /// ## Why
    /// Microsoft's validator caps the length (OperationIdTooLong, "the operationId length must be
    /// less than N") but does not publish N. 77 characters is the longest operationId among the
    /// 1,031 connectors Microsoft accepted into its connectors repository, so an id up to that
    /// length is known to pass; a longer one may be rejected. Long ids are also hard to read in
    /// flows and formulas that call the action by its id.
    ///
    /// ## Example
    /// ```json
    /// "operationId": "RestoreThePreviousVersionOfTheLandingPageToTheDraftVersionOfTheLandingPageNow"
    /// ```
    ///
    /// ## Fix
    /// Shorten the id to the action's verb and object, such as `RestoreLandingPageDraft`.
    /// Renaming an id breaks existing flows, so do it before publishing.
    pub static RULE = Definition(check) {
        code: "CCF218",
        name: "operation-id-too-long",
        severity: Warning,
        microsoft: ["OperationIdTooLong"],
        limit: 77,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let limit = out.limit();
    let max = usize::try_from(limit.value).unwrap_or(usize::MAX);
    for op in cx.operations {
        let Some(id) = op.operation_id() else {
            continue;
        };
        // Bytes bound characters from above: count only ids that may be too long.
        if id.len() <= max {
            continue;
        }
        let n = id.chars().count();
        if n > max {
            out.emit(
                cx.src,
                op.pointer_to("operationId"),
                format!(
                    "operationId of {} has {n} characters; {}",
                    op.label(),
                    limit.reason(|n| format!("accepted connectors have at most {n}"))
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn an_overlong_id_is_reported() {
        let id = "A".repeat(78);
        let found = lint_definition(
            &RULE,
            &format!(r#"{{"swagger": "2.0", "paths": {{"/u": {{"get": {{"operationId": "{id}"}}}}}}}}"#),
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF218",
                "/paths/~1u/get/operationId",
                "operationId of GET /u has 78 characters; accepted connectors have at most 77"
            )]
        );
    }

    #[test]
    fn an_id_of_the_longest_accepted_length_passes() {
        let id = "é".repeat(77);
        let found = lint_definition(
            &RULE,
            &format!(r#"{{"swagger": "2.0", "paths": {{"/u": {{"get": {{"operationId": "{id}"}}}}}}}}"#),
        );
        assert!(found.is_empty());
    }
}
