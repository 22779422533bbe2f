use crate::value::Lookup;
use serde_json::Value;

use super::shared::{effective_mimes, essence};
use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A response example is for a MIME type the operation does not produce.
    ///
    /// ## What
    /// A key of a response's `examples` (a MIME type, such as `application/json`) is not among
    /// the operation's effective `produces` (its own, else the root's). Types are compared
    /// without their parameters and ignoring case. When neither the operation nor the root has
    /// `produces`, nothing is reported: what the platform then assumes is not published.
    ///
    /// ## Why
    /// Microsoft's validator rejects an example the operation can never return.
    ///
    /// ## Example
    /// ```json
    /// "produces": ["application/json"],
    /// "responses": {"200": {"description": "OK", "examples": {"application/xml": "<a/>"}}}
    /// ```
    ///
    /// ## Fix
    /// Key the example by a type in `produces`, add the type to `produces`, or remove the
    /// example.
    pub static RULE = Definition(check) {
        code: "CCF227",
        name: "response-example-not-produced",
        severity: Error,
        microsoft: ["ResponseExampleMustBeProducedByOperation"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    for op in cx.operations {
        let Some(responses) = op.op.field("responses").and_then(Value::as_object) else {
            continue;
        };
        for (code, r) in responses {
            let Some(examples) = r.field("examples").and_then(Value::as_object) else {
                continue;
            };
            let (Some(produces), _) = effective_mimes(cx.doc, op, "produces") else {
                continue;
            };
            for mime in examples.keys() {
                let produced = produces.iter().any(|p| {
                    p.as_str()
                        .is_some_and(|p| essence(p).eq_ignore_ascii_case(essence(mime)))
                });
                if !produced {
                    out.emit(
                        cx.src,
                        pointer(["paths", op.path, op.method, "responses", code, "examples", mime]),
                        format!(
                            "the `{code}` response of {} has an example for `{mime}`, which the operation does not produce",
                            op.label()
                        ),
                    )
                    .set_help("key the example by a type listed in `produces`, or add the type there");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn an_example_of_another_type_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "produces": ["application/json"], "paths": {"/u": {"get": {"responses": {
                "200": {"description": "OK", "examples": {"application/json": {}, "application/xml": "<a/>"}}
            }}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF227",
                "/paths/~1u/get/responses/200/examples/application~1xml",
                "the `200` response of GET /u has an example for `application/xml`, which the operation does not produce"
            )]
        );
    }

    #[test]
    fn produced_types_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "produces": ["application/xml"], "paths": {
                "/u": {"get": {"produces": ["application/json; charset=utf-8"], "responses": {
                    "200": {"description": "OK", "examples": {"Application/JSON": {}}}}}},
                "/v": {"get": {"produces": [], "responses": {"200": {"description": "OK"}}}}
            }}"#,
        );
        assert!(found.is_empty());
    }
}
