//! Takes secret values out of a definition: credentials given as examples, defaults or allowed
//! values, and credentials written into the OAuth 2.0 URLs.

use crate::value::Lookup;
use serde_json::Value;

use crate::connector::PassOut;
use crate::connector::walk::{Ptr, for_each_parameter, for_each_schema, join};
use crate::diagnostic::pointer;
use crate::secrets::{TAKEN_HELP, Taken, URL_HELP, VALUE_KEYS, take_values};

crate::declare_pass! {
    /// Pass: secret values are taken out of the definition.
    ///
    /// ## What
    /// A connector pass. A `default`, `example`, `x-example` or `x-ms-test-value` of a parameter,
    /// header or property whose name is a secret's (`api_key`, `password`, `client_secret`, ...)
    /// or whose value has the shape of one (a JWT, a bearer token, a private key, a well-known API
    /// key format), the secret members of an example, an operation's `x-example`, the values
    /// inside any `x-` extension, the `enum` of a secret-named field, and a
    /// credential written into an OAuth 2.0 `authorizationUrl` or `tokenUrl` (user info, a
    /// `client_secret=` in the query) are removed, each reported as a warning at its place; the
    /// value itself is never printed. `convert` of a Swagger 2.0 definition takes them out before
    /// apiProperties.json is made from it, so neither file holds them.
    ///
    /// ## Why
    /// Connector files go into repositories and solutions, and the definition is shown to every
    /// user of the connector: a real key in an example is leaked to all of them. Postman and
    /// OpenAPI 3 inputs are scrubbed the same way as they are converted.
    ///
    /// ## Example
    /// `{name: api_key, in: query, type: string, x-example: 9f8a7b6c5d4e3f2a1b0c}` loses its
    /// `x-example`.
    ///
    /// ## Fix
    /// Rotate the secret: it was shared with the file. Where an example helps, write a placeholder
    /// such as `<api key>`.
    pub static SECRETS = Pass(run) {
        code: "CCF629",
        name: "fix-secrets",
    }
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    take(doc, &mut |at, message, help, _| {
        out.warn(at, message).set_help(help);
    });
}

/// Takes the secrets out of a Swagger 2.0 document, calling `found` with the pointer of each
/// place, the report of it and the values taken (for masking).
pub fn take(doc: &mut Value, found: &mut dyn FnMut(String, String, &'static str, Vec<String>)) {
    if let Some(defs) = doc
        .field_mut("securityDefinitions")
        .and_then(Value::as_object_mut)
    {
        for (name, d) in defs.iter_mut() {
            for key in ["authorizationUrl", "tokenUrl"] {
                let Some(Value::String(url)) = d.get_mut(key) else {
                    continue;
                };
                let (clean, taken) = crate::secrets::without_url_secrets(url);
                if taken.is_empty() {
                    continue;
                }
                *url = clean;
                found(
                    pointer(["securityDefinitions", name, key]),
                    format!(
                        "the `{key}` of security definition `{name}` holds a credential (in its \
                         query, fragment or user info); it is taken out of the URL written to \
                         the output"
                    ),
                    URL_HELP,
                    taken,
                );
            }
        }
    }
    for_each_parameter(doc, |p, at| {
        let name = p.field("name").and_then(Value::as_str).map(str::to_string);
        let what = || format!("parameter `{}`", name.as_deref().unwrap_or_default());
        if let Some(t) = take_values(name.as_deref(), p, VALUE_KEYS) {
            report(found, String::from(at), &what(), t);
        }
        // A non-body array parameter's items: its allowed values and defaults are the same
        // parameter's.
        if let Some(Value::Object(items)) = p.field_mut("items")
            && let Some(t) = take_values(name.as_deref(), items, VALUE_KEYS)
        {
            report(found, join(&String::from(at), "items"), &what(), t);
        }
    });
    for_each_schema(doc, &mut |s, at| {
        let name = match at {
            Ptr::Key(Ptr::Key(_, "properties"), name) => Some(*name),
            _ => None,
        };
        if let Some(t) = take_values(name, s, VALUE_KEYS) {
            let what = name.map_or_else(|| "this schema".into(), |n| format!("property `{n}`"));
            report(found, String::from(at), &what, t);
        }
    });
    // The headers and examples of the responses, shared and of each operation.
    if let Some(shared) = doc.field_mut("responses").and_then(Value::as_object_mut) {
        for (name, r) in shared.iter_mut() {
            response(r, &pointer(["responses", name]), name, found);
        }
    }
    let paths = doc.field_mut("paths").and_then(Value::as_object_mut);
    for (path, item) in paths.into_iter().flatten() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, op) in item.iter_mut() {
            if !crate::swagger::METHODS.contains(&method.as_str()) {
                continue;
            }
            let Some(responses) = op.field_mut("responses").and_then(Value::as_object_mut) else {
                continue;
            };
            for (status, r) in responses.iter_mut() {
                let at = pointer(["paths", path, method, "responses", status]);
                response(r, &at, status, found);
            }
        }
    }
    // What extensions hold, copied as they are by converters.
    crate::secrets::take_in_extensions(doc, &mut |at, what, t| report(found, at, &what, t));
}

/// The secrets of one response (at `at`): its headers' values and its examples.
fn response(
    r: &mut Value,
    at: &str,
    status: &str,
    found: &mut dyn FnMut(String, String, &'static str, Vec<String>),
) {
    let Some(r) = r.as_object_mut() else { return };
    if let Some(t) = take_values(None, r, &["examples"]) {
        report(found, at.to_string(), &format!("response `{status}`"), t);
    }
    let Some(headers) = r.field_mut("headers").and_then(Value::as_object_mut) else {
        return;
    };
    for (name, h) in headers.iter_mut() {
        let Some(h) = h.as_object_mut() else { continue };
        let h_at = join(&join(at, "headers"), name);
        if let Some(t) = take_values(Some(name), h, VALUE_KEYS) {
            report(found, h_at.clone(), &format!("header `{name}`"), t);
        }
        if let Some(Value::Object(items)) = h.field_mut("items")
            && let Some(t) = take_values(Some(name), items, VALUE_KEYS)
        {
            report(found, join(&h_at, "items"), &format!("header `{name}`"), t);
        }
    }
}

fn report(
    found: &mut dyn FnMut(String, String, &'static str, Vec<String>),
    at: String,
    what: &str,
    taken: Taken,
) {
    let message = taken.message(what);
    found(at, message, TAKEN_HELP, taken.values);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connector::passes::bad_good;
    use serde_json::json;

    #[test]
    fn secret_defaults_examples_and_urls_are_taken_out() {
        let found = bad_good(
            &SECRETS,
            json!({
                "swagger": "2.0",
                "securityDefinitions": {"oauth": {
                    "type": "oauth2", "flow": "accessCode",
                    "authorizationUrl": "https://login.contoso.com/auth",
                    "tokenUrl": "https://login.contoso.com/token?client_secret=k9Q8x2abcdEFGH12345&x=1"
                }},
                "paths": {"/a": {"get": {
                    "parameters": [
                        {"name": "api_key", "in": "query", "type": "string", "x-example": "9f8a7b6c5d4e3f2a1b0c"},
                        {"name": "page", "in": "query", "type": "integer", "default": 1}
                    ],
                    "responses": {"200": {
                        "description": "OK",
                        "headers": {"X-Token": {"type": "string", "default": "abcDEF123456ghiJKL"}},
                        "examples": {"application/json": {"user": "ann", "password": "hunter22hunter"}}
                    }}
                }}},
                "definitions": {"Login": {"type": "object", "properties": {
                    "client_secret": {"type": "string", "default": "k9Q8x2abcdEFGH12345"},
                    "name": {"type": "string", "example": "Ann"}
                }}}
            }),
            json!({
                "swagger": "2.0",
                "securityDefinitions": {"oauth": {
                    "type": "oauth2", "flow": "accessCode",
                    "authorizationUrl": "https://login.contoso.com/auth",
                    "tokenUrl": "https://login.contoso.com/token?x=1"
                }},
                "paths": {"/a": {"get": {
                    "parameters": [
                        {"name": "api_key", "in": "query", "type": "string"},
                        {"name": "page", "in": "query", "type": "integer", "default": 1}
                    ],
                    "responses": {"200": {
                        "description": "OK",
                        "headers": {"X-Token": {"type": "string"}},
                        "examples": {"application/json": {"user": "ann", "password": "<password>"}}
                    }}
                }}},
                "definitions": {"Login": {"type": "object", "properties": {
                    "client_secret": {"type": "string"},
                    "name": {"type": "string", "example": "Ann"}
                }}}
            }),
        );
        let at: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            at,
            [
                "/securityDefinitions/oauth/tokenUrl",
                "/paths/~1a/get/parameters/0",
                "/definitions/Login/properties/client_secret",
                "/paths/~1a/get/responses/200",
                "/paths/~1a/get/responses/200/headers/X-Token",
            ]
        );
        assert_eq!(
            found[1].1,
            "the `x-example` of parameter `api_key` holds a secret; the value is not written to the output"
        );
        assert!(found.iter().all(|(_, m)| !m.contains("9f8a7b6c")));
    }

    #[test]
    fn an_example_keeps_its_members_and_goes_when_left_empty() {
        // A secret member keeps its place (the schema may require it) with a placeholder.
        let found = bad_good(
            &SECRETS,
            json!({"swagger": "2.0", "definitions": {"Login": {
                "type": "object", "required": ["password"],
                "example": {"password": "hunter22hunter"}
            }}}),
            json!({"swagger": "2.0", "definitions": {"Login": {
                "type": "object", "required": ["password"],
                "example": {"password": "<password>"}
            }}}),
        );
        assert_eq!(found.len(), 1);
        // A secret-named object goes whole; the example it leaves empty goes too.
        let found = bad_good(
            &SECRETS,
            json!({"swagger": "2.0", "definitions": {"Login": {
                "type": "object",
                "example": {"token": {"value": "hunter22hunter"}}
            }}}),
            json!({"swagger": "2.0", "definitions": {"Login": {"type": "object"}}}),
        );
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn what_extensions_hold_is_taken_out() {
        let found = bad_good(
            &SECRETS,
            json!({"swagger": "2.0", "paths": {"/a": {"post": {
                "x-example": {"apiKey": "a8f5f167f44f4964e6c998dee8"},
                "x-sample": {"parameters": [{"name": "api_key", "default": "k9Q8x2abcdEFGH12345"}]},
                "x-note": {"default": "kept-as-it-is"},
                "responses": {"200": {"description": "OK"}}
            }}}}),
            json!({"swagger": "2.0", "paths": {"/a": {"post": {
                "x-example": {"apiKey": "<apiKey>"},
                "x-sample": {"parameters": [{"name": "api_key"}]},
                "x-note": {"default": "kept-as-it-is"},
                "responses": {"200": {"description": "OK"}}
            }}}}),
        );
        let at: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(at, ["/paths/~1a/post", "/paths/~1a/post/x-sample/parameters/0"]);
        assert!(found[0].1.starts_with("the `x-example` of this operation holds a secret"));
        assert!(found[1].1.starts_with("the `default` of `api_key` holds a secret"));
    }

    #[test]
    fn placeholders_and_ordinary_values_stay() {
        let doc = json!({
            "swagger": "2.0",
            "paths": {"/a": {"get": {"parameters": [
                {"name": "api_key", "in": "header", "type": "string", "x-example": "<api key>"},
                {"name": "Authorization", "in": "header", "type": "string", "default": "Bearer <token>"},
                {"name": "sort", "in": "query", "type": "string", "default": "name", "enum": ["name", "date"]}
            ]}}}
        });
        let found = bad_good(&SECRETS, doc.clone(), doc);
        assert!(found.is_empty(), "{found:?}");
    }
}
