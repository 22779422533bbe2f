use crate::value::Lookup;
use serde_json::Value;

use crate::diagnostic::{escape_token, pointer};
use crate::lint::rules::security::shared::{connection_parameters, is_credential_parameter};
use crate::lint::{Connector, Emitter};
use crate::source::Source;

crate::declare_rule! {
    /// A client secret, token or key is written into the connector's files.
    ///
    /// ## What
    /// A value that looks like a real secret: a non-placeholder `clientSecret` in
    /// apiProperties.json, or a `default`, `example` or `x-example` in the swagger that looks like
    /// a bearer token, a JWT, a private key or a well-known API key format, or that fills a
    /// credential parameter (`Authorization`, `api-key`, ...).
    ///
    /// ## Why
    /// Connector files go into repositories and solutions; a secret there is leaked to everyone who
    /// can read them. The client secret is entered at import time and never needs to be in a file.
    ///
    /// ## Example
    /// ```json
    /// "oAuthSettings": { "clientId": "...", "clientSecret": "k9Q~2x..." }
    /// ```
    ///
    /// ## Fix
    /// Remove the value (use a placeholder such as `"<client secret>"` where a value is required)
    /// and rotate the secret: it is compromised.
    pub static RULE = Connector(check) {
        code: "CCF503",
        name: "secret-in-definition",
        severity: Error,
    }
}

fn check(cx: &Connector, out: &mut Emitter) {
    if let Some(src) = cx.definition {
        let mut w = Walker {
            src,
            out: &mut *out,
            path: Vec::new(),
        };
        w.walk(&src.value);
    }
    let Some(props) = cx.api_properties else {
        return;
    };
    for (key, param) in connection_parameters(&props.value) {
        let base = pointer(["properties", "connectionParameters", key]);
        if let Some(secret) = param
            .pointer("/oAuthSettings/clientSecret")
            .and_then(Value::as_str)
            && !is_placeholder(secret)
        {
            out.emit(
                    props,
                    format!("{base}/oAuthSettings/clientSecret"),
                    "apiProperties.json holds a client secret",
                )
                .set_help("remove it: the secret is entered at import time and must not be in a file; rotate it");
        }
        // A default value for a securestring parameter is a stored credential.
        if param.field("type").and_then(Value::as_str) == Some("securestring") {
            for k in ["value", "defaultValue"] {
                if let Some(s) = param.get(k).and_then(Value::as_str)
                    && !is_placeholder(s)
                {
                    out.emit(
                        props,
                        format!("{base}/{k}"),
                        format!("the secure parameter `{key}` has a stored `{k}`"),
                    )
                    .set_help("remove it; users enter the value when they create a connection");
                }
            }
        }
    }
}

use crate::secrets::{is_placeholder, looks_random, secret_shape};

const VALUE_KEYS: &[&str] = &["default", "example", "x-example", "x-ms-test-value"];

struct Walker<'a, 'e, 'r, 'p> {
    src: &'a Source,
    out: &'e mut Emitter<'r, 'p>,
    /// The tokens leading to the node being walked: a key, or an array index.
    path: Vec<Result<&'a str, usize>>,
}

impl<'a> Walker<'a, '_, '_, '_> {
    fn here(&self, last: &str) -> String {
        let mut p = String::new();
        for t in &self.path {
            p.push('/');
            match t {
                Ok(k) => p.push_str(&escape_token(k)),
                Err(i) => p.push_str(&i.to_string()),
            }
        }
        p.push('/');
        p.push_str(&escape_token(last));
        p
    }

    fn walk(&mut self, v: &'a Value) {
        match v {
            Value::Object(map) => {
                // Whether the object is a credential parameter is asked only of objects with a
                // value to judge: most have none.
                let mut credential = None;
                for (k, child) in map {
                    if let Some(s) = child.as_str()
                        && VALUE_KEYS.contains(&k.as_str())
                    {
                        let what = secret_shape(s).or_else(|| {
                            let credential =
                                *credential.get_or_insert_with(|| is_credential_parameter(map));
                            (credential && !is_placeholder(s) && looks_random(s))
                                .then_some("a credential value")
                        });
                        if let Some(what) = what {
                            let at = self.here(k);
                            self.out
                                    .emit(self.src, at, format!("this `{k}` looks like {what}"))
                                    .set_help("remove it (use a placeholder such as \"<token>\") and rotate the secret");
                        }
                    }
                    if child.is_object() || child.is_array() {
                        self.path.push(Ok(k));
                        self.walk(child);
                        self.path.pop();
                    }
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    if child.is_object() || child.is_array() {
                        self.path.push(Err(i));
                        self.walk(child);
                        self.path.pop();
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::{findings, lint_files};

    #[test]
    fn a_client_secret_and_a_bearer_token_are_reported() {
        let found = lint_files(
            &RULE,
            Some(
                r#"{"swagger": "2.0", "paths": {"/a": {"get": {"parameters": [
                    {"name": "Authorization", "in": "header", "type": "string",
                     "default": "Bearer 9f8a7b6c5d4e3f2a1b0c"}
                ]}}}}"#,
            ),
            Some(
                r#"{"properties": {"connectionParameters": {"token": {
                    "type": "oauthSetting",
                    "oAuthSettings": {"identityProvider": "oauth2", "clientSecret": "k9Q8x~2abcdEFGH12345"}
                }}}}"#,
            ),
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF503",
                    "/paths/~1a/get/parameters/0/default",
                    "this `default` looks like a bearer token"
                ),
                (
                    "CCF503",
                    "/properties/connectionParameters/token/oAuthSettings/clientSecret",
                    "apiProperties.json holds a client secret"
                ),
            ]
        );
    }

    #[test]
    fn placeholders_pass() {
        let found = lint_files(
            &RULE,
            Some(
                r#"{"swagger": "2.0", "paths": {"/a": {"get": {"parameters": [
                    {"name": "Authorization", "in": "header", "type": "string",
                     "default": "Bearer <access token>"}
                ]}}}}"#,
            ),
            Some(
                r#"{"properties": {"connectionParameters": {"token": {
                    "type": "oauthSetting",
                    "oAuthSettings": {"identityProvider": "oauth2", "clientSecret": "<client secret>"}
                }}}}"#,
            ),
        );
        assert!(found.is_empty());
    }
}
