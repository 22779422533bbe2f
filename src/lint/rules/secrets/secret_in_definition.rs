use crate::value::Lookup;
use serde_json::Value;

use crate::diagnostic::{Severity, Step, Trail, escape_token, pointer};
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
    /// credential parameter (`Authorization`, `api-key`, ...); an OAuth URL (in
    /// `securityDefinitions` or apiProperties.json) with a credential in its query, fragment or
    /// user info. What `fix` and `convert` withhold on weaker grounds (a field named as a secret,
    /// such as `password` or `client_secret`, whose value looks like one; a credential written
    /// into a value, or into a text of an `x-` extension such as a code sample's `source`;
    /// secret members of an example) is reported as a warning: it may be a made-up example.
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
            path: Trail::default(),
            in_extensions: 0,
        };
        w.walk(&src.value);
        // The OAuth URLs, which `fix` and `convert` take credentials out of.
        for (name, d) in src
            .value
            .field("securityDefinitions")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            for key in ["authorizationUrl", "tokenUrl"] {
                if let Some(url) = d.field(key).and_then(Value::as_str) {
                    url_credential(out, src, pointer(["securityDefinitions", name, key]), key, url);
                }
            }
        }
    }
    let Some(props) = cx.api_properties else {
        return;
    };
    for (key, param) in connection_parameters(&props.value) {
        let base = pointer(["properties", "connectionParameters", key]);
        for (name, custom) in param
            .pointer("/oAuthSettings/customParameters")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            if let Some(url) = custom.field("value").and_then(Value::as_str) {
                let at = format!(
                    "{base}/oAuthSettings/customParameters/{}/value",
                    escape_token(name)
                );
                url_credential(out, props, at, name, url);
            }
        }
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

use crate::secrets::{
    PROSE_KEYS, VALUE_KEYS, is_placeholder, looks_random, secret_shape, take_values, withhold_defined,
};

/// Reports the URL at `at` (the `key` of its holder) when it carries a credential in its query,
/// fragment or user info.
fn url_credential(out: &mut Emitter, src: &Source, at: String, key: &str, url: &str) {
    if url.contains("://") && !crate::secrets::without_url_secrets(url).1.is_empty() {
        out.emit(
            src,
            at,
            format!("this `{key}` carries a credential (in its query, fragment or user info)"),
        )
        .set_help("remove it from the URL (the client secret is entered at import time) and rotate it");
    }
}

struct Walker<'a, 'e, 'r, 'p> {
    src: &'a Source,
    out: &'e mut Emitter<'r, 'p>,
    /// The tokens leading to the node being walked: a key, or an array index.
    path: Trail<'a>,
    /// How many `x-` members lead to the node being walked.
    in_extensions: usize,
}

impl<'a> Walker<'a, '_, '_, '_> {
    fn here(&self, last: &str) -> String {
        self.path.pointer_to(last)
    }

    /// What `fix` and `convert` would take out of `map`'s values (a field named as a secret
    /// whose value looks like one, a credential written into a value, secret members of an
    /// example), beyond the keys already `told`: the lint finds what they withhold. Called for
    /// a `map` that holds one of [`VALUE_KEYS`].
    fn as_fix_judges(&mut self, map: &serde_json::Map<String, Value>, told: &[&str]) {
        // Named by its property (`properties/password`) or, for a parameter, its `name`.
        let name = match self.path.steps() {
            [.., Step::Key("properties"), Step::Key(name)] => Some(*name),
            _ => map.field("name").and_then(Value::as_str),
        };
        let judged = VALUE_KEYS
            .iter()
            .filter(|k| !told.contains(k))
            .filter_map(|k| map.get(*k).map(|v| (*k, v)));
        let mut found: Vec<(&str, &str)> = Vec::new();
        let mut containers = serde_json::Map::new();
        for (key, v) in judged {
            match v {
                // Most values are texts: judged as the pass judges them, without a copy.
                Value::String(s) => {
                    if let Some(why) = withhold_defined(name, s) {
                        let kind = if why == crate::secrets::SECRET_NAMED { "a secret" } else { why };
                        found.push((key, kind));
                    }
                }
                Value::Object(_) | Value::Array(_) => {
                    containers.insert(key.to_string(), v.clone());
                }
                _ => {}
            }
        }
        // An object or list example: its secret members, found by the pass's own walk.
        if let Some(taken) = take_values(name, &mut containers, VALUE_KEYS) {
            let kind = taken.kind;
            for key in &taken.keys {
                if let Some(key) = VALUE_KEYS.iter().find(|k| **k == key.as_str()) {
                    found.push((key, kind));
                }
            }
        }
        found.sort_by_key(|(key, _)| VALUE_KEYS.iter().position(|k| k == key));
        for (key, kind) in found {
            let at = self.here(key);
            let message = match name {
                Some(name) if kind == "a secret" => {
                    format!("this `{key}` of `{name}` holds a secret")
                }
                _ => format!("this `{key}` holds {kind}"),
            };
            // Judged by a name or a pattern, not by a known secret's shape: it may be a made-up
            // example, so a warning.
            self.out
                .emit_as(Severity::Warning, self.src, at, message)
                .set_help("if it is a real secret, remove it (use a placeholder such as \"<token>\") and rotate it; `ccforge fix` and `convert` leave it out of what they write either way");
        }
    }

    fn walk(&mut self, v: &'a Value) {
        match v {
            Value::Object(map) => {
                // Whether the object is a credential parameter is asked only of objects with a
                // value to judge: most have none.
                let mut credential = None;
                let mut told: Vec<&str> = Vec::new();
                // Read from the members in passing: asking the map for each value key would
                // hash them all, for every object of the document.
                let mut holds_value = false;
                for (k, child) in map {
                    let value_key = VALUE_KEYS.contains(&k.as_str());
                    holds_value |= value_key;
                    if let Some(s) = child.as_str()
                        && value_key
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
                            told.push(k);
                        }
                    }
                    let extension = k.starts_with("x-");
                    if let Some(s) = child.as_str()
                        && (self.in_extensions > 0 || extension)
                        && !value_key
                        && !PROSE_KEYS.contains(&k.as_str())
                        && crate::secrets::mask_credentials(s).is_some()
                    {
                        // Found by a pattern, not by a known secret's shape: a warning.
                        self.out
                            .emit_as(Severity::Warning, self.src, self.here(k), format!("this `{k}` holds a credential written into it"))
                            .set_help("if it is a real secret, replace it with a placeholder such as \"<token>\" and rotate it; `ccforge fix` and `convert` mask it in what they write either way");
                    }
                    if child.is_object() || child.is_array() {
                        self.in_extensions += usize::from(extension);
                        self.path.push(Step::Key(k));
                        self.walk(child);
                        self.path.pop();
                        self.in_extensions -= usize::from(extension);
                    }
                }
                if holds_value {
                    self.as_fix_judges(map, &told);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    if child.is_object() || child.is_array() {
                        self.path.push(Step::Index(i));
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
    fn a_credential_in_a_code_sample_is_found_and_a_placeholder_is_not() {
        let found = crate::lint::test_support::lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"get": {"x-codeSamples": [
                {"lang": "Shell", "source": "curl -H \"Authorization: Bearer sk_live_51HxYzAbCdEfGhIjKlMnOpQrStUv\" https://a.example.com"},
                {"lang": "Shell", "source": "curl -H \"Authorization: Bearer $TOKEN\" https://a.example.com"}
            ]}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF503",
                "/paths/~1a/get/x-codeSamples/0/source",
                "this `source` holds a credential written into it"
            )]
        );
        assert_eq!(found[0].severity, Severity::Warning);
    }

    #[test]
    fn what_fix_withholds_is_found_too() {
        let found = lint_files(
            &RULE,
            Some(
                r#"{"swagger": "2.0",
                    "securityDefinitions": {"oauth": {"type": "oauth2", "flow": "accessCode",
                        "authorizationUrl": "https://login.contoso.com/authorize",
                        "tokenUrl": "https://login.contoso.com/token?client_secret=Zx9Qw8Er7Ty6Ui5Op4"}},
                    "definitions": {"Login": {"type": "object", "properties": {
                        "password": {"type": "string", "example": "Hunter2Hunter2Secret99"},
                        "username": {"type": "string", "example": "Hunter2Hunter2Secret99"},
                        "client_secret": {"type": "string", "example": "<client secret>"}}}}}"#,
            ),
            Some(
                r#"{"properties": {"connectionParameters": {"token": {"type": "oauthSetting",
                    "oAuthSettings": {"identityProvider": "oauth2", "clientId": "abc",
                        "customParameters": {
                            "tokenUrl": {"value": "https://login.contoso.com/token?client_secret=Zx9Qw8Er7Ty6Ui5Op4"},
                            "refreshUrl": {"value": "https://login.contoso.com/token"}}}}}}}"#,
            ),
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF503",
                    "/definitions/Login/properties/password/example",
                    "this `example` of `password` holds a secret"
                ),
                (
                    "CCF503",
                    "/securityDefinitions/oauth/tokenUrl",
                    "this `tokenUrl` carries a credential (in its query, fragment or user info)"
                ),
                (
                    "CCF503",
                    "/properties/connectionParameters/token/oAuthSettings/customParameters/tokenUrl/value",
                    "this `tokenUrl` carries a credential (in its query, fragment or user info)"
                ),
            ]
        );
        // A name or pattern is a weaker ground than a known secret's shape.
        let severities: Vec<Severity> = found.iter().map(|d| d.severity).collect();
        assert_eq!(
            severities,
            [Severity::Warning, Severity::Error, Severity::Error]
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

    #[test]
    fn a_graphql_query_that_names_a_secret_variable_passes() {
        let found = lint_files(
            &RULE,
            Some(
                r#"{"swagger": "2.0", "paths": {"/graphql": {"post": {"parameters": [
                    {"name": "body", "in": "body", "schema": {"type": "object", "example": {
                        "query": "mutation login($password: String!) { login(password: $password) { token } }",
                        "variables": {"password": "{{password}}"}}}}
                ]}}}}"#,
            ),
            None,
        );
        assert!(found.is_empty(), "{found:?}");
        let found = lint_files(
            &RULE,
            Some(
                r#"{"swagger": "2.0", "paths": {"/graphql": {"post": {"parameters": [
                    {"name": "body", "in": "body", "schema": {"type": "object", "example": {
                        "query": "mutation { login(password: \"Hunter2Hunter2\") { token } }"}}}
                ]}}}}"#,
            ),
            None,
        );
        assert_eq!(found.len(), 1, "{found:?}");
    }
}
