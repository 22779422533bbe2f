//! The connection a converted connector gets, through the real binary: `--auth` over the input's
//! own auth, and operations that required a scheme the connector leaves out.

mod common;

use common::{convert_dir, write};
use serde_json::Value;

/// An OpenAPI 3 definition whose only auth is OpenID Connect, which lacks the OAuth 2.0 URLs a
/// connector needs.
const OPENID_CONNECT: &str = "openapi: 3.0.3
info: {title: T, version: '1', description: A definition.}
servers: [{url: 'https://api.contoso.com'}]
paths:
  /a:
    get:
      operationId: GetA
      summary: Get A
      description: Gets A.
      responses: {'200': {description: OK}}
components:
  securitySchemes:
    oidc: {type: openIdConnect, openIdConnectUrl: 'https://login.contoso.com/.well-known/openid-configuration'}
security: [{oidc: []}]
";

fn said<'r>(report: &'r Value, rule: &str) -> Vec<(&'r str, &'r str)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .map(|d| {
            (
                d["severity"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect()
}

#[test]
fn auth_chosen_on_the_command_line_supersedes_what_the_inputs_auth_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "api.yaml", OPENID_CONNECT);
    // Left as it is, the input's auth lacks its URLs: an error that names the options.
    let (code, report) = convert_dir(&input, &dir.path().join("as-given"), &[]);
    assert_eq!(code, 1);
    assert_eq!(said(&report, "openapi-security")[0].0, "error");
    // Azure AD chosen instead: the input's scheme is not written, so what it lacks is an info.
    let out = dir.path().join("aad");
    let (code, report) = convert_dir(
        &input,
        &out,
        &[
            "--auth",
            "aad",
            "--client-id",
            "00000000-0000-0000-0000-000000000000",
            "--resource-url",
            "https://api.contoso.com",
        ],
    );
    assert_eq!(code, 0, "{report}");
    assert_eq!(
        said(&report, "openapi-security"),
        [(
            "info",
            "OpenID Connect scheme `oidc` became OAuth 2.0 authorization code, which needs the \
             authorization and token URLs (listed at \
             https://login.contoso.com/.well-known/openid-configuration); the connector uses \
             `--auth aad` instead"
        )]
    );
    let swagger: Value =
        serde_json::from_slice(&std::fs::read(out.join("apiDefinition.swagger.json")).unwrap())
            .unwrap();
    assert_eq!(
        swagger["securityDefinitions"]["oauth2_auth"]["authorizationUrl"],
        "https://login.windows.net/common/oauth2/authorize"
    );
}

#[test]
fn a_postman_oauth_without_urls_is_no_error_once_another_auth_is_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "c.postman_collection.json",
        r#"{"info": {"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "auth": {"type": "oauth2", "oauth2": [{"key": "grant_type", "value": "authorization_code"}]},
            "item": [{"name": "Get a", "request": {"method": "GET", "url": "https://api.contoso.com/a"}}]}"#,
    );
    let (code, report) = convert_dir(&input, &dir.path().join("as-given"), &[]);
    assert_eq!(code, 1);
    assert_eq!(said(&report, "postman-auth")[0].0, "error");
    let (code, report) = convert_dir(
        &input,
        &dir.path().join("key"),
        &["--auth", "apikey", "--api-key-name", "X-Key"],
    );
    assert_eq!(code, 0, "{report}");
    let told = said(&report, "postman-auth");
    assert!(
        told.iter().all(|(severity, message)| *severity == "info"
            && message.ends_with("; the connector uses `--auth apikey` instead")),
        "{told:?}"
    );
}

#[test]
fn an_operation_keeps_the_scheme_it_required_when_another_takes_its_name() {
    // The first scheme is kept, as `api_key`: the name of the second, which is left out.
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        "openapi: 3.0.3
info: {title: T, version: '1', description: A definition.}
servers: [{url: 'https://api.contoso.com'}]
paths:
  /a:
    get:
      operationId: GetA
      summary: Get A
      description: Gets A.
      security: [{api_key: []}]
      responses: {'200': {description: OK}}
    put:
      operationId: PutA
      summary: Put A
      description: Puts A.
      security: [{authtoken: []}]
      responses: {'200': {description: OK}}
components:
  securitySchemes:
    authtoken: {type: apiKey, in: header, name: authtoken}
    api_key: {type: apiKey, in: header, name: api_key}
",
    );
    let out = dir.path().join("out");
    let (code, report) = convert_dir(&input, &out, &[]);
    assert_eq!(code, 0, "{report}");
    let swagger: Value =
        serde_json::from_slice(&std::fs::read(out.join("apiDefinition.swagger.json")).unwrap())
            .unwrap();
    assert_eq!(
        swagger["securityDefinitions"],
        serde_json::json!({"api_key": {"type": "apiKey", "in": "header", "name": "authtoken"}})
    );
    let a = &swagger["paths"]["/a"];
    assert_eq!(a["put"]["security"], serde_json::json!([{"api_key": []}]));
    assert!(a["get"].get("security").is_none(), "{a}");
    let warned = said(&report, "connection-settings");
    assert!(
        warned
            .iter()
            .any(|(severity, message)| *severity == "warning"
                && message.ends_with("; the 1 operation that required another uses it too")),
        "{warned:?}"
    );
}
