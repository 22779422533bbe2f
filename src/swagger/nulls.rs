//! Keywords written with no value. In YAML, `description:` with nothing after it is `null`, which
//! no OpenAPI keyword allows and no Swagger 2.0 keyword accepts: written as it is, the whole
//! definition would be refused. Such a keyword says nothing, so it can be removed wherever it is
//! a keyword (not the name of a property, path or media type, and not inside an example or an
//! extension's value, where `null` is data): by the OpenAPI 3 conversion before it reads the
//! document, and by a connector pass in a Swagger 2.0 definition.
use serde_json::Value;

use crate::diagnostic::join_pointer as join;

/// The keywords removed when `null`: those of the root, schemas, parameters, headers,
/// operations, responses, request bodies and tags that Swagger 2.0 writes, or that the OpenAPI 3
/// conversion reads. A map of names written as `null` (an operation's `parameters` or
/// `responses`, the root's `definitions`) holds nothing, and goes too.
const KEYWORDS: &[&str] = &[
    "additionalProperties",
    "allOf",
    "anyOf",
    "basePath",
    "collectionFormat",
    "consumes",
    "contact",
    "definitions",
    "deprecated",
    "description",
    "discriminator",
    "enum",
    "exclusiveMaximum",
    "exclusiveMinimum",
    "explode",
    "externalDocs",
    "format",
    "headers",
    "host",
    "in",
    "items",
    "license",
    "maxItems",
    "maxLength",
    "maxProperties",
    "maximum",
    "minItems",
    "minLength",
    "minProperties",
    "minimum",
    "multipleOf",
    "not",
    "nullable",
    "oneOf",
    "operationId",
    "parameters",
    "pattern",
    "produces",
    "properties",
    "readOnly",
    "required",
    "responses",
    "schemes",
    "security",
    "securityDefinitions",
    "style",
    "summary",
    "tags",
    "termsOfService",
    "title",
    "type",
    "uniqueItems",
    "writeOnly",
    "xml",
];

/// Whether a member named `key` is one of [`KEYWORDS`].
pub fn is_keyword(key: &str) -> bool {
    KEYWORDS.contains(&key)
}

/// The members whose values are maps keyed by names the author chose (a property named
/// `description` is no keyword): their members are walked into, never removed.
const NAMED: &[&str] = &[
    "$defs",
    "callbacks",
    "content",
    "definitions",
    "dependentSchemas",
    "encoding",
    "headers",
    "links",
    "mapping",
    "parameters",
    "pathItems",
    "paths",
    "patternProperties",
    "properties",
    "requestBodies",
    "responses",
    "schemas",
    "scopes",
    "securityDefinitions",
    "securitySchemes",
    "variables",
    "webhooks",
];

/// The members whose values are data, not keywords: left as they are (`enum: null` itself goes,
/// `default: null` and `example: null` say something and stay).
const DATA: &[&str] = &["const", "default", "enum", "example", "examples", "value"];

/// Removes every [`KEYWORDS`] member whose value is `null` from `doc`, returning the pointer and
/// name of each. The root is taken for a keyword object (a definition, or another file's
/// schema, path item or response), even when it is a map of names (another file's schemas):
/// no one names a schema `description` and leaves it empty.
pub fn drop_null_keywords(doc: &mut Value) -> Vec<(String, String)> {
    let mut dropped = Vec::new();
    drop_under(doc, &mut String::new(), false, &mut dropped);
    dropped.sort();
    dropped
}

/// Whether [`drop_null_keywords`] removes a `null` at `pointer` of the document: the member
/// there is a keyword, read where the walk reads keywords (not a name the author chose, and not
/// inside data or an extension).
pub fn removes_at(pointer: &str) -> bool {
    let tokens = crate::diagnostic::split_pointer(pointer);
    let Some((key, path)) = tokens.split_last() else {
        return false;
    };
    let mut named = false;
    for k in path {
        if !named && (DATA.contains(&k.as_str()) || k.starts_with("x-")) {
            return false;
        }
        named = !named && NAMED.contains(&k.as_str());
    }
    !named && is_keyword(key)
}

/// [`drop_null_keywords`] in `v` at pointer `at`, which is extended and restored on the way down
/// (no pointer is made for a node unless a keyword there is dropped); `named` when `v` is a map
/// of names.
fn drop_under(v: &mut Value, at: &mut String, named: bool, dropped: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            if !named {
                m.retain(|k, x| {
                    let keep = !(x.is_null() && is_keyword(k));
                    if !keep {
                        dropped.push((join(at, k), k.clone()));
                    }
                    keep
                });
            }
            for (k, x) in m.iter_mut() {
                if !named && (DATA.contains(&k.as_str()) || k.starts_with("x-")) {
                    continue;
                }
                // Under a map of names, each member is a keyword object again.
                visit(x, at, k, !named && NAMED.contains(&k.as_str()), dropped);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter_mut().enumerate() {
                visit(x, at, &i.to_string(), false, dropped);
            }
        }
        _ => {}
    }
}

/// [`drop_under`] a member `token` of the node at `at`: a scalar holds no keyword.
fn visit(
    x: &mut Value,
    at: &mut String,
    token: &str,
    named: bool,
    dropped: &mut Vec<(String, String)>,
) {
    if x.is_object() || x.is_array() {
        let len = at.len();
        at.push('/');
        crate::diagnostic::push_escaped(at, token);
        drop_under(x, at, named, dropped);
        at.truncate(len);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_keywords_go_and_names_and_data_stay() {
        let mut doc = json!({
            "info": {"title": "T", "description": null},
            "paths": {"/a": {"get": {
                "description": null,
                "parameters": [{"name": "q", "in": "query", "schema": {"format": null}}],
                "responses": {"200": {"description": null}}
            }, "post": {"parameters": null, "responses": null}}},
            "components": {"schemas": {
                "description": null,
                "responses": null,
                "Item": {
                    "type": "object",
                    "title": null,
                    "properties": {"description": null, "tags": {"type": "string", "enum": null}},
                    "example": {"description": null},
                    "x-note": {"summary": null}
                }
            }}
        });
        let dropped = drop_null_keywords(&mut doc);
        let pointers: Vec<&str> = dropped.iter().map(|(at, _)| at.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/components/schemas/Item/properties/tags/enum",
                "/components/schemas/Item/title",
                "/info/description",
                "/paths/~1a/get/description",
                "/paths/~1a/get/parameters/0/schema/format",
                "/paths/~1a/get/responses/200/description",
                "/paths/~1a/post/parameters",
                "/paths/~1a/post/responses",
            ]
        );
        // A schema named `description`, a property named so, and data keep their nulls.
        assert!(doc["components"]["schemas"]["description"].is_null());
        assert!(doc["components"]["schemas"]["responses"].is_null());
        assert!(doc["components"]["schemas"]["Item"]["properties"]["description"].is_null());
        assert!(doc["components"]["schemas"]["Item"]["example"]["description"].is_null());
        assert!(doc["components"]["schemas"]["Item"]["x-note"]["summary"].is_null());
    }

    #[test]
    fn removes_at_agrees_with_the_walk() {
        let mut doc = json!({
            "info": {"description": null},
            "paths": {"/a": {"get": {
                "parameters": [{"name": "q", "format": null, "default": null}],
                "responses": {"description": {"description": null}}
            }, "post": {"responses": null}}},
            "definitions": {
                "description": null,
                "A": {"properties": {
                    "title": null,
                    "properties": {"title": null},
                    "b": {"example": {"title": null}, "x-note": {"title": null}}
                }}
            }
        });
        let pointers = [
            "/info/description",
            "/paths/~1a/get/parameters/0/format",
            "/paths/~1a/get/parameters/0/default",
            "/paths/~1a/get/responses/description/description",
            "/paths/~1a/post/responses",
            "/definitions/description",
            "/definitions/A/properties/title",
            "/definitions/A/properties/properties/title",
            "/definitions/A/properties/b/example/title",
            "/definitions/A/properties/b/x-note/title",
        ];
        let said: Vec<&str> = pointers.into_iter().filter(|p| removes_at(p)).collect();
        let dropped = drop_null_keywords(&mut doc);
        let mut done: Vec<&str> = dropped.iter().map(|(at, _)| at.as_str()).collect();
        done.sort();
        let mut said = said;
        said.sort();
        assert_eq!(said, done);
        assert_eq!(done.len(), 5, "{done:?}");
    }
}
