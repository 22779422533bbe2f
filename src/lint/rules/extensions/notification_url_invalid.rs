use crate::value::Lookup;
use serde_json::Value;

use super::shared::{parameter_type, resolve};
use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::{Root, Token};

crate::declare_rule! {
    /// The field that receives a webhook's callback URL is optional or not a string.
    ///
    /// ## What
    /// A body property marked `x-ms-notification-url` must be listed in its object's `required`
    /// (a parameter so marked must be `required: true`), and must be of `type: string`.
    ///
    /// ## Why
    /// The registration request must carry the callback URL, and the URL is a string. Microsoft's
    /// validator reports `NotificationUrlNotRequired` and `NotificationUrlNotString`. The type is
    /// read through `$ref`; a field that states no `type` at all is not reported, since an
    /// accepted connector (Eigen Events Connector) marks such a field; only a `type` other than
    /// `string` is.
    ///
    /// ## Example
    /// ```json
    /// {"type": "object", "properties": {
    ///   "callbackUrl": {"type": "object", "x-ms-notification-url": true}}}
    /// ```
    ///
    /// ## Fix
    /// Write `"type": "string"` and add the property's name to the object's `required` list.
    pub static RULE = Definition(check) {
        code: "CCF270",
        name: "notification-url-invalid",
        severity: Error,
        microsoft: ["NotificationUrlNotRequired", "NotificationUrlNotString"],
    }
}

const KEY: &str = "x-ms-notification-url";

fn check(cx: &Definition, out: &mut Emitter) {
    if !cx.src.mentions(KEY) {
        return;
    }
    let not_string = |t: &str| format!("the field marked `{KEY}` is of type `{t}`; the callback URL is a string");
    for p in cx.parameters() {
        if !p.value.has(KEY) {
            continue;
        }
        if p.value.field("required") != Some(&Value::Bool(true)) {
            out.emit(cx.src, p.member_pointer(KEY), format!("the parameter marked `{KEY}` is not `required: true`"))
                .set_help("add `\"required\": true`: the registration request must carry the callback URL");
        }
        if let Some(t) = parameter_type(cx.doc, p.value).filter(|t| *t != "string") {
            out.emit(cx.src, p.member_pointer(KEY), not_string(t))
                .set_help("write `\"type\": \"string\"`");
        }
    }
    let index = cx.index();
    let mut tokens = Vec::new();
    for s in &index.schemas {
        if s.root == Root::Response || !s.value.has(KEY) {
            continue;
        }
        if let Some(t) = resolve(cx.doc, s.value)
            .field("type")
            .and_then(Value::as_str)
            .filter(|t| *t != "string")
        {
            out.emit(cx.src, index.pointer_to(s.id, KEY), not_string(t))
                .set_help("write `\"type\": \"string\"`");
        }
        if !s.is_property {
            continue;
        }
        index.tokens(s.id, &mut tokens);
        let [.., Token::Key("properties"), Token::Key(name)] = tokens[..] else {
            continue;
        };
        let parent = pointer(tokens[..tokens.len() - 2].iter().map(|t| match t {
            Token::Key(k) => (*k).to_string(),
            Token::Index(i) => i.to_string(),
        }));
        let required = cx
            .doc
            .pointer(&parent)
            .and_then(|o| o.field("required"))
            .and_then(Value::as_array)
            .is_some_and(|r| r.iter().any(|n| n.as_str() == Some(name)));
        if !required {
            out.emit(
                cx.src,
                index.pointer_to(s.id, KEY),
                format!("the property `{name}` marked `{KEY}` is not in its object's `required`"),
            )
            .set_help(format!("add `\"{name}\"` to the `required` list beside `properties`"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn an_optional_or_non_string_field_is_reported() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "definitions": {"Reg": {"type": "object",
                    "properties": {"url": {"type": "object", "x-ms-notification-url": true,
                        "x-ms-visibility": "internal"}}}},
                "paths": {"/hooks": {"post": {"operationId": "Hook", "x-ms-trigger": "single",
                "parameters": [{"name": "body", "in": "body", "required": true,
                    "schema": {"$ref": "#/definitions/Reg"}}],
                "responses": {"201": {"description": "Created"}}}}}}"##,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF270", "/definitions/Reg/properties/url/x-ms-notification-url", "the field marked `x-ms-notification-url` is of type `object`; the callback URL is a string"),
                ("CCF270", "/definitions/Reg/properties/url/x-ms-notification-url", "the property `url` marked `x-ms-notification-url` is not in its object's `required`"),
            ]
        );
    }

    #[test]
    fn a_required_string_or_untyped_field_passes() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "definitions": {"Url": {"type": "string",
                    "x-ms-notification-url": true}},
                "paths": {"/hooks": {"post": {"operationId": "Hook",
                "x-ms-trigger": "single",
                "parameters": [{"name": "body", "in": "body", "required": true, "schema": {
                    "type": "object", "required": ["url", "other"], "properties": {
                        "url": {"$ref": "#/definitions/Url"},
                        "other": {"x-ms-notification-url": true}}}}],
                "responses": {"201": {"description": "Created"}}}}}}"##,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
