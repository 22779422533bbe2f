use crate::value::Lookup;
use std::collections::HashMap;

use serde_json::{Map, Value};

use super::shared::{by_id, each_dynamic, parameter_type, resolve};
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::json_type;
use crate::swagger::{Operation, Parameter};

crate::declare_rule! {
    /// A dynamic extension passes a parameter its target operation does not take, or one of the
    /// wrong type.
    ///
    /// ## What
    /// Each key of the `parameters` of `x-ms-dynamic-values`, `-schema`, `-list` or
    /// `-properties` must name one parameter of the called operation (or a property of its body,
    /// written `name` or `body/name`): not none (`OperationParameterNameNotFound`), not two in
    /// different places (`OperationParameterNameIsAmbiguous`). A fixed value must have the
    /// parameter's type (`OperationParameterStaticTypeMismatch`). A value taken from another
    /// parameter of the same operation (`{"parameter": "..."}`) must come from a parameter that
    /// exists (or from the operation's body), of the same type (`OperationParameterTypeMismatch`).
    ///
    /// ## Why
    /// The designer makes the call with these values; a name the target does not know is
    /// dropped, and a value of the wrong type or a missing one fails the call, so the dropdown
    /// or the schema stays empty. An integer fits a `number` parameter. References are checked
    /// only for extensions on an operation's own parameters, where "the same operation" is
    /// known; those inside schemas may also name sibling properties and are not checked.
    /// `OperationParameterRequiredMismatch` is not checked: about forty dynamic calls of
    /// accepted connectors fill a required input from an optional parameter.
    ///
    /// ## Example
    /// ```json
    /// "x-ms-dynamic-values": {"operationId": "ListChannels",
    ///   "parameters": {"teamID": {"parameter": "team"}, "top": "ten"}}
    /// ```
    /// where `ListChannels` takes `teamId` and an integer `top`.
    ///
    /// ## Fix
    /// Spell the name as the target operation's parameter, and pass a value of its type.
    pub static RULE = Definition(check) {
        code: "CCF256",
        name: "dynamic-parameter-invalid",
        severity: Error,
        microsoft: [
            "OperationParameterNameNotFound",
            "OperationParameterNameIsAmbiguous",
            "OperationParameterStaticTypeMismatch",
            "OperationParameterTypeMismatch",
        ],
    }
}

/// A type name with its article: "an integer", "a string".
fn an(t: &str) -> String {
    if t.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {t}")
    } else {
        format!("a {t}")
    }
}

/// Whether a value of type `given` fits a parameter of type `wanted`.
fn fits(given: &str, wanted: &str) -> bool {
    given == wanted || (given == "integer" && wanted == "number")
}

const PRIMITIVE: &[&str] = &["string", "integer", "number", "boolean", "array", "object"];

fn check(cx: &Definition, out: &mut Emitter) {
    let mut ids: Option<HashMap<&str, &Operation>> = None;
    // The operation that defines each inline parameter, built on first need.
    let mut callers: Option<HashMap<*const Map<String, Value>, &Operation>> = None;
    each_dynamic(cx, |d| {
        let Some(given) = d.call.field("parameters").and_then(Value::as_object) else {
            return;
        };
        let ids = ids.get_or_insert_with(|| by_id(cx));
        let Some(target) = d.operation_id().and_then(|id| ids.get(id)) else {
            return;
        };
        let body_props = target
            .params
            .iter()
            .filter(|p| p.location() == Some("body"))
            .filter_map(|p| p.value.field("schema")?.as_object())
            .filter_map(|s| resolve(cx.doc, s).field("properties")?.as_object())
            .next();
        for (name, value) in given {
            let at = || d.pointer(cx, Some("parameters")) + "/" + &crate::diagnostic::escape_token(name);
            let mut matches = target.params.iter().filter(|p| p.name() == Some(name.as_str()));
            let Some(p) = matches.next() else {
                let head = name.split('/').next().unwrap_or_default();
                let known = body_props.is_some_and(|b| b.contains_key(name.as_str()))
                    || (name.contains('/') && target.params.iter().any(|p| p.name() == Some(head)));
                if !known {
                    out.emit(cx.src, at(), format!("`{}` passes `{name}`, but `{}` has no parameter `{name}`", d.ext, target.operation_id().unwrap_or_default()))
                        .set_help(match super::shared::closest(name, target.params.iter().filter_map(Parameter::name)) {
                            Some(near) => format!("did you mean `{near}`?"),
                            None => "name a parameter of the called operation".into(),
                        });
                }
                continue;
            };
            if let Some(other) = matches.next() {
                out.emit(cx.src, at(), format!("`{name}` is ambiguous: `{}` has it both in {} and in {}", target.operation_id().unwrap_or_default(), p.location().unwrap_or("?"), other.location().unwrap_or("?")))
                    .set_help("rename one of the target operation's parameters");
                continue;
            }
            let wanted = parameter_type(cx.doc, p.value).filter(|t| PRIMITIVE.contains(t));
            let reference = value
                .as_object()
                .and_then(|o| o.field("parameter").or_else(|| o.field("parameterReference")))
                .and_then(Value::as_str);
            let fixed = match value {
                Value::Object(o) if reference.is_none() => o.field("value"),
                Value::Object(_) => None,
                v => Some(v),
            };
            if let (Some(fixed), Some(wanted)) = (fixed, wanted) {
                let given = json_type(fixed);
                if !fits(given, wanted) && given != "null" {
                    out.emit(cx.src, at(), format!("`{name}` is given a fixed {given}, but `{}` takes {}", target.operation_id().unwrap_or_default(), an(wanted)))
                        .set_help(format!("give {} value", an(wanted)));
                }
                continue;
            }
            let Some(reference) = reference.filter(|r| !r.contains('/')) else {
                continue;
            };
            let Some(own) = d.parameter.filter(|p| !p.is_shared()) else {
                continue;
            };
            let callers = callers.get_or_insert_with(|| {
                let mut map = HashMap::new();
                for op in cx.operations {
                    for p in op.params.iter().filter(|p| !p.is_shared()) {
                        map.insert(p.value as *const _, op);
                    }
                }
                map
            });
            let Some(caller) = callers.get(&(own.value as *const _)) else {
                continue;
            };
            let Some(source) = caller.params.iter().find(|q| q.name() == Some(reference)) else {
                // A body's properties may be named too.
                if caller.params.iter().any(|q| q.location() == Some("body")) {
                    continue;
                }
                out.emit(cx.src, at(), format!("`{name}` is taken from parameter `{reference}`, which {} does not have", caller.label()))
                    .set_help("name a parameter of this operation");
                continue;
            };
            let have = parameter_type(cx.doc, source.value).filter(|t| PRIMITIVE.contains(t));
            if let (Some(have), Some(wanted)) = (have, wanted)
                && !fits(have, wanted) {
                    out.emit(cx.src, at(), format!("`{name}` is taken from `{reference}`, {}, but `{}` takes {}", an(have), target.operation_id().unwrap_or_default(), an(wanted)))
                        .set_help("pass a parameter of the same type");
                    continue;
                }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    const TARGET: &str = r#""/teams/{teamId}/channels": {"get": {"operationId": "ListChannels",
        "parameters": [
            {"name": "teamId", "in": "path", "required": true, "type": "string"},
            {"name": "top", "in": "query", "type": "integer"},
            {"name": "kind", "in": "query", "type": "string"},
            {"name": "kind", "in": "header", "type": "string"}
        ], "responses": {"200": {"description": "OK"}}}}"#;

    #[test]
    fn unknown_ambiguous_and_mistyped_parameters_are_reported() {
        let found = lint_definition(
            &RULE,
            &format!(
                r#"{{"swagger": "2.0", "paths": {{{TARGET},
                "/post": {{"post": {{"operationId": "Post", "parameters": [
                    {{"name": "team", "in": "query", "type": "integer"}},
                    {{"name": "channel", "in": "query", "type": "string",
                      "x-ms-dynamic-values": {{"operationId": "ListChannels", "parameters": {{
                        "teamID": "x", "kind": "a", "top": "ten", "teamId": {{"parameter": "team"}}}}}}}}
                ], "responses": {{"200": {{"description": "OK"}}}}}}}}}}}}"#
            ),
        );
        let at = "/paths/~1post/post/parameters/1/x-ms-dynamic-values/parameters";
        assert_eq!(
            findings(&found),
            [
                ("CCF256", format!("{at}/teamID").as_str(), "`x-ms-dynamic-values` passes `teamID`, but `ListChannels` has no parameter `teamID`"),
                ("CCF256", format!("{at}/kind").as_str(), "`kind` is ambiguous: `ListChannels` has it both in query and in header"),
                ("CCF256", format!("{at}/top").as_str(), "`top` is given a fixed string, but `ListChannels` takes an integer"),
                ("CCF256", format!("{at}/teamId").as_str(), "`teamId` is taken from `team`, an integer, but `ListChannels` takes a string"),
            ]
        );
        assert_eq!(found[0].help.as_deref(), Some("did you mean `teamId`?"));
    }

    #[test]
    fn matching_parameters_pass() {
        let found = lint_definition(
            &RULE,
            &format!(
                r#"{{"swagger": "2.0", "paths": {{{TARGET},
                "/post": {{"post": {{"operationId": "Post", "parameters": [
                    {{"name": "team", "in": "query", "required": true, "type": "string"}},
                    {{"name": "channel", "in": "query", "type": "string",
                      "x-ms-dynamic-values": {{"operationId": "ListChannels", "parameters": {{
                        "teamId": {{"parameter": "team"}}, "top": 10}}}}}}
                ], "responses": {{"200": {{"description": "OK"}}}}}}}}}}}}"#
            ),
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
