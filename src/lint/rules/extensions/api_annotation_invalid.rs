use crate::value::Lookup;
use serde_json::{Map, Value};

use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// An `x-ms-api-annotation` has the wrong shape, or a replacement the platform cannot use.
    ///
    /// ## What
    /// On an operation, `x-ms-api-annotation` is an object: `family` a non-empty string,
    /// `revision` an integer of at least 1, `status` `Preview` or `Production`, and
    /// `replacement` (only on an operation marked `deprecated: true`) an object naming the `api`
    /// and the `operationId` that replace it. On `info` it holds the connector's `status`. An
    /// operation in `Production` while the connector's `info` annotation says `Preview` is
    /// reported too.
    ///
    /// ## Why
    /// The annotation is how an operation is versioned and retired: the designer offers the
    /// replacement of a deprecated operation and hides older revisions. Microsoft's validator
    /// rejects the shapes above (`OperationRevisionEmpty`, the `ApiAnnotationExtension...`
    /// rules). Statuses are compared in any case (accepted connectors write `production`). A
    /// deprecated operation's revision is not checked, as accepted connectors keep revision 0
    /// on retired operations. Whether a replacement's `operationId` exists in another API
    /// cannot be known offline.
    ///
    /// ## Example
    /// ```json
    /// "x-ms-api-annotation": {"family": "ListItems", "revision": "",
    ///   "replacement": {"operationId": "ListItemsV2"}}
    /// ```
    /// on an operation that is not deprecated.
    ///
    /// ## Fix
    /// Give `revision` a number, mark the operation `"deprecated": true`, and add
    /// `"api": "<connector name>"` to the replacement.
    pub static RULE = Definition(check) {
        code: "CCF252",
        name: "api-annotation-invalid",
        severity: Error,
        microsoft: [
            "S: x-ms-api-annotation status/family/revision>=1",
            "OperationRevisionEmpty",
            "ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations",
            "ApiAnnotationExtensionReplacementInfoMissingApiProperty",
            "ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty",
            "OperationStatusAheadOfConnector",
        ],
    }
}

const KEY: &str = "x-ms-api-annotation";

fn status_ok(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        s.eq_ignore_ascii_case("Preview") || s.eq_ignore_ascii_case("Production")
    })
}

fn check(cx: &Definition, out: &mut Emitter) {
    if !cx.src.mentions(KEY) {
        return;
    }
    let info = cx.doc.field("info").and_then(|i| i.field(KEY));
    let mut connector_preview = false;
    if let Some(info) = info {
        match info.as_object() {
            None => {
                out.emit(cx.src, format!("/info/{KEY}"), format!("`{KEY}` must be an object"));
            }
            Some(a) => {
                if let Some(s) = a.field("status") {
                    if !status_ok(s) {
                        out.emit(cx.src, format!("/info/{KEY}/status"), format!("the connector's status is `{s}`; allowed: Preview, Production"));
                    }
                    connector_preview = s.as_str().is_some_and(|s| s.eq_ignore_ascii_case("Preview"));
                }
            }
        }
    }
    for op in cx.operations {
        let Some(annotation) = op.op.field(KEY) else {
            continue;
        };
        let at = op.pointer_to(KEY);
        let Some(a) = annotation.as_object() else {
            out.emit(cx.src, at, format!("`{KEY}` must be an object"));
            continue;
        };
        let deprecated = op.op.field("deprecated").and_then(Value::as_bool) == Some(true);
        let member = |m: &str| format!("{at}/{m}");
        if let Some(f) = a.field("family")
            && f.as_str().is_none_or(|f| f.is_empty()) {
                out.emit(cx.src, member("family"), format!("`family` must be a non-empty string, not `{f}`"));
            }
        match a.field("revision") {
            None => {}
            Some(Value::Null) | Some(Value::String(_)) if is_empty(a) => {
                out.emit(cx.src, member("revision"), "`revision` is empty")
                    .set_help("give the revision a number: 1 for the first, 2 for its successor, ...");
            }
            Some(r) => {
                let n = r.as_i64();
                if n.is_none() {
                    out.emit(cx.src, member("revision"), format!("`revision` must be an integer, not `{r}`"));
                } else if n < Some(1) && !deprecated {
                    out.emit(cx.src, member("revision"), format!("`revision` is {r}; revisions start at 1"));
                }
            }
        }
        if let Some(s) = a.field("status") {
            if !status_ok(s) {
                out.emit(cx.src, member("status"), format!("`status` is `{s}`; allowed: Preview, Production"));
            } else if connector_preview
                && s.as_str().is_some_and(|s| s.eq_ignore_ascii_case("Production"))
            {
                out.emit(cx.src, member("status"), format!("{} is in Production while the connector's `info` says Preview", op.label()))
                    .set_help("mark the operation Preview, or the connector Production");
            }
        }
        if let Some(rep) = a.field("replacement") {
            if !deprecated {
                out.emit(cx.src, member("replacement"), format!("{} has a replacement but is not deprecated", op.label()))
                    .set_help("add `\"deprecated\": true` to the operation, or remove the replacement");
            }
            match rep.as_object() {
                None => {
                    out.emit(cx.src, member("replacement"), "`replacement` must be an object with `api` and `operationId`");
                }
                Some(r) => {
                    for key in ["api", "operationId"] {
                        if r.get(key).and_then(Value::as_str).is_none_or(|s| s.is_empty()) {
                            out.emit(cx.src, member("replacement"), format!("the replacement has no `{key}`"))
                                .set_help(format!("name the replacing {} in `{key}`", if key == "api" { "connector" } else { "operation" }));
                        }
                    }
                }
            }
        }
    }
}

/// Whether the annotation's `revision` is an empty string or null.
fn is_empty(a: &Map<String, Value>) -> bool {
    match a.field("revision") {
        Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn bad_annotations_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"x-ms-api-annotation": {"status": "Preview"}}, "paths": {
                "/a": {"get": {"operationId": "A", "x-ms-api-annotation": {"family": "A",
                    "revision": "", "status": "Beta", "replacement": {"operationId": "B"}},
                    "responses": {"200": {"description": "OK"}}}},
                "/b": {"get": {"operationId": "B", "x-ms-api-annotation": {"family": "A",
                    "revision": 2, "status": "Production"},
                    "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF252", "/paths/~1a/get/x-ms-api-annotation/revision", "`revision` is empty"),
                ("CCF252", "/paths/~1a/get/x-ms-api-annotation/status", "`status` is `\"Beta\"`; allowed: Preview, Production"),
                ("CCF252", "/paths/~1a/get/x-ms-api-annotation/replacement", "GET /a has a replacement but is not deprecated"),
                ("CCF252", "/paths/~1a/get/x-ms-api-annotation/replacement", "the replacement has no `api`"),
                ("CCF252", "/paths/~1b/get/x-ms-api-annotation/status", "GET /b is in Production while the connector's `info` says Preview"),
            ]
        );
    }

    #[test]
    fn a_versioned_family_with_a_replacement_passes() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"x-ms-api-annotation": {"status": "Production"}}, "paths": {
                "/a": {"get": {"operationId": "A", "deprecated": true, "x-ms-api-annotation": {
                    "family": "A", "revision": 1, "status": "production",
                    "replacement": {"api": "contoso", "operationId": "A_V2"}},
                    "responses": {"200": {"description": "OK"}}}},
                "/b": {"get": {"operationId": "A_V2", "x-ms-api-annotation": {"family": "A",
                    "revision": 2, "status": "Production"},
                    "responses": {"200": {"description": "OK"}}}}}}"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
