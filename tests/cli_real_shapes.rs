//! Shapes met in public API definitions and collections that once made `convert` write a
//! definition an independent Swagger 2.0 validator rejects, or report one problem many times:
//! each converted through the real binary, its output checked for the mended node and, when
//! `CCFORGE_VALIDATOR_PYTHON` is set (tests/run.sh), by that validator.

use serde_json::Value;
use std::path::Path;

mod common;
mod validator;

use common::{ccforge, write};

/// Converts `input` into `out.json` beside it; returns the exit code, the `--format json`
/// report's diagnostics and the written definition (`Null` when none was written).
fn convert(input: &Path, extra: &[&str]) -> (i32, Vec<Value>, Value) {
    let (code, report) = common::convert_json(input, extra);
    let doc = std::fs::read_to_string(input.with_file_name("out.json"))
        .map(|t| serde_json::from_str(&t).unwrap())
        .unwrap_or(Value::Null);
    let diagnostics = report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    (code, diagnostics, doc)
}

/// The messages of the diagnostics of `code`.
fn messages<'a>(diagnostics: &'a [Value], code: &str) -> Vec<&'a str> {
    diagnostics
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| d["message"].as_str().unwrap())
        .collect()
}

/// The independent validator's verdict on the written `out.json` beside `input`, when it is
/// available.
fn assert_valid(input: &Path) {
    if let Some(v) = validator::Validator::find() {
        let out = input.with_file_name("out.json");
        assert_eq!(v.check(&[out]), [None], "{}", input.display());
    }
}

/// Converts the OpenAPI 3 definition `HEAD` followed by `body`, written as `api.yaml` in a folder
/// of its own: the folder (which lives as long as it is held), the input, and what [`convert`]
/// gives.
fn convert_openapi(
    body: &str,
) -> (
    tempfile::TempDir,
    std::path::PathBuf,
    (i32, Vec<Value>, Value),
) {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "api.yaml", &format!("{HEAD}{body}"));
    let converted = convert(&input, &[]);
    (dir, input, converted)
}

const HEAD: &str =
    "openapi: 3.0.3\ninfo: {title: T, version: '1'}\nservers: [{url: 'https://api.contoso.com'}]\n";

#[test]
fn repeated_enum_values_and_security_requirements_are_listed_once() {
    let (_dir, input, (code, diagnostics, doc)) = convert_openapi(
        "paths:\n  /a:\n    get:\n      operationId: A\n\
             \x20     security: [{key: []}, {key: []}]\n\
             \x20     parameters: [{name: s, in: query, schema: {type: string, enum: [on, off, on]}}]\n\
             \x20     responses: {'200': {description: OK}}\n\
             components:\n  securitySchemes:\n    key: {type: apiKey, in: header, name: X-Key}\n",
    );
    assert_eq!(code, 0, "{diagnostics:?}");
    let op = &doc["paths"]["/a"]["get"];
    assert_eq!(op["security"], serde_json::json!([{"key": []}]));
    assert_eq!(
        op["parameters"][0]["enum"],
        serde_json::json!(["on", "off"])
    );
    assert_eq!(
        messages(&diagnostics, "CCF610"),
        ["removed 1 repeated value(s) from `enum` (Swagger 2.0 lists each value once)"]
    );
    assert_valid(&input);
}

#[test]
fn repeated_tags_scopes_and_parameters_are_listed_once() {
    let (_dir, input, (code, diagnostics, doc)) = convert_openapi(
        "paths:\n  /a:\n    get:\n      operationId: A\n\
             \x20     tags: [Blocks, Blocks, Documents]\n\
             \x20     security: [{oauth: [profile, read, profile]}]\n\
             \x20     parameters:\n\
             \x20       - {name: filter, in: query, required: true, schema: {type: integer}}\n\
             \x20       - {name: filter, in: query, schema: {type: string}}\n\
             \x20       - {name: filter, in: header, schema: {type: string}}\n\
             \x20     responses: {'200': {description: OK}}\n\
             components:\n  securitySchemes:\n    oauth:\n      type: oauth2\n\
             \x20     flows: {authorizationCode: {authorizationUrl: 'https://login.contoso.com/a', \
             tokenUrl: 'https://login.contoso.com/t', scopes: {profile: p, read: r}}}\n",
    );
    assert_eq!(code, 0, "{diagnostics:?}");
    let op = &doc["paths"]["/a"]["get"];
    assert_eq!(op["tags"], serde_json::json!(["Blocks", "Documents"]));
    assert_eq!(
        op["security"],
        serde_json::json!([{"oauth": ["profile", "read"]}])
    );
    let params: Vec<(&str, &str, &str)> = op["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["in"].as_str().unwrap(),
                p["name"].as_str().unwrap(),
                p["type"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        params,
        [
            ("query", "filter", "integer"),
            ("header", "filter", "string")
        ]
    );
    assert_eq!(
        messages(&diagnostics, "CCF804"),
        ["query parameter `filter` is listed again; the first one is kept and this one dropped"]
    );
    assert_valid(&input);
}

#[test]
fn defaults_their_own_schema_rejects_are_removed_with_the_reason() {
    let (_dir, input, (code, diagnostics, doc)) = convert_openapi(
        "paths:\n  /a:\n    post:\n      operationId: A\n\
             \x20     parameters:\n\
             \x20       - {name: since, in: query, schema: {type: string, format: date-time, default: Now + 30 minutes}}\n\
             \x20       - {name: kind, in: query, schema: {type: string, enum: ['1', '3'], default: '2'}}\n\
             \x20     requestBody:\n        content:\n          application/json:\n            schema:\n\
             \x20             type: object\n\
             \x20             properties:\n\
             \x20               flags:\n\
             \x20                 allOf: [{$ref: '#/components/schemas/Flags'}]\n\
             \x20                 default: {merge: false, uuid: null}\n\
             \x20     responses: {'200': {description: OK}}\n\
             components:\n  schemas:\n    Flags:\n      type: object\n\
             \x20     properties: {merge: {type: boolean}, uuid: {type: string}}\n",
    );
    assert_eq!(code, 0, "{diagnostics:?}");
    let mut removed = messages(&diagnostics, "CCF610");
    removed.sort_unstable();
    assert_eq!(
        removed,
        [
            "removed the default, which its own schema rejects: the value `/uuid` is `null`, no \
             value of the type `string`",
            "removed the default, which its own schema rejects: the value is no `date-time`",
            "removed the default, which its own schema rejects: the value is not one of its \
             `enum` values",
        ]
    );
    let op = &doc["paths"]["/a"]["post"];
    assert!(op["parameters"][0].get("default").is_none(), "{op}");
    assert!(op["parameters"][1].get("default").is_none(), "{op}");
    assert_valid(&input);
}

#[test]
fn defaults_outside_their_bounds_are_removed_and_those_inside_kept() {
    // Generators write `default: []` under `minItems: 1`, and `default: 0` under an exclusive
    // minimum of 0.
    let (_dir, input, (code, diagnostics, doc)) = convert_openapi(
        "paths:\n  /a:\n    get:\n      operationId: A\n\
             \x20     parameters:\n\
             \x20       - {name: page, in: query, schema: {type: integer, minimum: 0, exclusiveMinimum: true, default: 0}}\n\
             \x20       - {name: size, in: query, schema: {type: integer, minimum: 1, maximum: 100, default: 20}}\n\
             \x20       - {name: code, in: query, schema: {type: string, maxLength: 2, default: abc}}\n\
             \x20     responses: {'200': {description: OK, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}\n\
             components:\n  schemas:\n    Pet:\n      type: object\n\
             \x20     properties:\n\
             \x20       photoUrls: {type: array, minItems: 1, items: {type: string}, default: []}\n\
             \x20       tags: {type: array, uniqueItems: true, items: {type: string}, default: [a, a]}\n\
             \x20       step: {type: number, multipleOf: 0.5, default: 1.5}\n",
    );
    assert_eq!(code, 0, "{diagnostics:?}");
    let mut removed = messages(&diagnostics, "CCF610");
    removed.sort_unstable();
    let why = "removed the default, which its own schema rejects: the value";
    assert_eq!(
        removed,
        [
            format!("{why} has fewer items than its `minItems` 1"),
            format!("{why} is longer than its `maxLength` 2"),
            format!("{why} is not above its exclusive `minimum` 0"),
            format!("{why} repeats an item, which its `uniqueItems` forbids"),
        ]
    );
    let params = &doc["paths"]["/a"]["get"]["parameters"];
    assert!(params[0].get("default").is_none(), "{params}");
    assert_eq!(params[1]["default"], 20);
    let pet = &doc["definitions"]["Pet"]["properties"];
    assert!(pet["photoUrls"].get("default").is_none(), "{pet}");
    assert_eq!(pet["step"]["default"], 1.5);
    assert_valid(&input);
}

#[test]
fn generated_and_split_definitions_convert_whole() {
    // Null texts in tags (generators write them), a tag description and an operation kept in
    // files of their own (a bundler resolves both), a header with `allowEmptyValue`, and a
    // composed schema that requires a name none of its parts defines.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "intro.yaml", "introduction: Read this first.\n");
    write(
        dir.path(),
        "ops/list.yaml",
        "operationId: ListThings\nsummary: List things\n\
         parameters: [{name: v, in: header, allowEmptyValue: false, schema: {type: string}},\n\
         \x20 {name: w, in: header, allowEmptyValue: true, schema: {type: string}}]\n\
         responses: {'200': {description: OK, content: {application/json: {schema: {$ref: '../api.yaml#/components/schemas/Thing'}}}}}\n",
    );
    let input = write(
        dir.path(),
        "api.yaml",
        &format!(
            "{HEAD}tags:\n  - {{name: Intro, description: {{$ref: 'intro.yaml#/introduction'}}}}\n\
             \x20 - {{name: Things, description: null, externalDocs: {{url: 'https://docs.contoso.com', description: null}}}}\n\
             \x20 - {{name: Relative, externalDocs: {{url: '/docs/things'}}}}\n\
             paths:\n  /things:\n    get:\n      $ref: 'ops/list.yaml'\n\
             components:\n  schemas:\n    Base: {{type: object, properties: {{id: {{type: string}}}}}}\n\
             \x20   Thing:\n      type: object\n      allOf: [{{$ref: '#/components/schemas/Base'}}]\n\
             \x20     required: [id, method]\n"
        ),
    );
    let (code, diagnostics, doc) = convert(&input, &[]);
    assert_eq!(code, 0, "{diagnostics:?}");
    assert_eq!(doc["tags"][0]["description"], "Read this first.");
    assert_eq!(
        doc["tags"][1],
        serde_json::json!({"name": "Things", "externalDocs": {"url": "https://docs.contoso.com"}})
    );
    let op = &doc["paths"]["/things"]["get"];
    assert_eq!(op["operationId"], "ListThings", "{op}");
    assert_eq!(
        op["parameters"][0],
        serde_json::json!({"name": "v", "in": "header", "type": "string", "x-ms-summary": "V"})
    );
    assert_eq!(
        doc["definitions"]["Thing"]["required"],
        serde_json::json!(["id"])
    );
    // The operation's file refers back into the definition: its schemas, not copies of them.
    let names: Vec<&String> = doc["definitions"].as_object().unwrap().keys().collect();
    assert_eq!(names, ["Base", "Thing"]);
    assert_eq!(
        messages(&diagnostics, "CCF610"),
        ["removed `method` from `required`: neither the schema nor its `allOf` parts define it"]
    );
    assert_eq!(doc["tags"][2], serde_json::json!({"name": "Relative"}));
    // The tag's two members written as null say nothing: each is reported as dropped.
    assert_eq!(
        messages(&diagnostics, "CCF807"),
        [
            "`description` is written with no value (null), which says nothing; dropped",
            "`description` is written with no value (null), which says nothing; dropped",
            "`externalDocs` whose `url` \"/docs/things\" is not an absolute URL was dropped"
        ]
    );
    assert!(op["parameters"][1].get("allowEmptyValue").is_none(), "{op}");
    assert_eq!(
        messages(&diagnostics, "CCF804"),
        [
            "`allowEmptyValue` of header parameter `w` has no Swagger 2.0 form (only query \
          parameters have it); dropped"
        ]
    );
    assert_valid(&input);
}

const POSTMAN_V21: &str = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

#[test]
fn one_auth_copied_into_every_request_is_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    // Copies differ in the order of their fields, which says nothing.
    let auth = |i: usize| {
        let mut fields = [
            r#"{"key": "accessToken", "value": "{{token}}"}"#,
            r#"{"key": "tokenType", "value": "bearer"}"#,
            r#"{"key": "addTokenTo", "value": "header"}"#,
        ];
        if i % 2 == 1 {
            fields.reverse();
        }
        format!(r#"{{"type": "oauth2", "oauth2": [{}]}}"#, fields.join(", "))
    };
    let request = |i: usize| {
        format!(
            r#"{{"name": "r{i}", "request": {{"auth": {}, "method": "GET", "url": "https://api.contoso.com/r{i}"}}}}"#,
            auth(i)
        )
    };
    let items: Vec<String> = (0..3).map(request).collect();
    let input = write(
        dir.path(),
        "c.json",
        &format!(
            r#"{{"info": {{"name": "C", "schema": "{POSTMAN_V21}"}}, "item": [{}]}}"#,
            items.join(",")
        ),
    );
    let (code, diagnostics, _) = convert(&input, &[]);
    assert_eq!(code, 1, "{diagnostics:?}");
    assert_eq!(
        messages(&diagnostics, "CCF706"),
        [
            "the OAuth 2.0 auth cannot sign users in: it has no authorization URL and no token URL \
          (3 requests use this auth)"
        ]
    );
    // It holds an access token alone: entering a token per connection is named as the way out.
    let help = diagnostics
        .iter()
        .find(|d| d["code"] == "CCF706")
        .map(|d| d["help"].as_str().unwrap_or_default().to_string())
        .unwrap_or_default();
    assert_eq!(
        help,
        "pass --authorization-url and --token-url; the auth holds no more than an access token \
         obtained elsewhere: for a connection that asks each user for a token (`Bearer <token>`), \
         pass --auth apikey --api-key-name Authorization"
    );
}

#[test]
fn a_collection_without_requests_is_refused_saying_why() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "c.json",
        &format!(
            r#"{{"info": {{"name": "C", "schema": "{POSTMAN_V21}"}},
                "items": [{{"name": "r", "request": {{"method": "GET", "url": "https://api.contoso.com/r"}}}}]}}"#
        ),
    );
    let (code, diagnostics, doc) = convert(&input, &[]);
    assert_eq!(code, 2);
    assert!(doc.is_null(), "nothing is written");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "CCF708");
    assert_eq!(diagnostics[0]["pointer"], "/items");
    assert!(
        diagnostics[0]["help"]
            .as_str()
            .unwrap()
            .contains("rename `items` to `item`")
    );
    // The file is broken, not empty: a comparison stops on it too, instead of taking it for a
    // version without operations.
    let out = ccforge()
        .arg("diff")
        .arg(&input)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("they are under `items`"), "{stderr}");
}

#[test]
fn a_collection_of_items_alone_converts() {
    // What newman runs: no `info`, only variables and items.
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "c.json",
        r#"{"variable": [{"key": "base", "value": "https://api.contoso.com"}],
            "item": [{"name": "Get thing", "request": {"method": "GET", "url": "{{base}}/things"}}]}"#,
    );
    let (code, diagnostics, doc) = convert(&input, &[]);
    assert_eq!(code, 0, "{diagnostics:?}");
    assert_eq!(doc["host"], "api.contoso.com");
    assert!(doc["paths"]["/things"]["get"].is_object(), "{doc}");
}

#[test]
fn identifiers_called_key_stay_in_examples_and_credentials_do_not() {
    let dir = tempfile::tempdir().unwrap();
    let body =
        r#"{\"key\": \"new-product\", \"addressKey\": \"home\", \"apiKey\": \"abc-def-ghi\"}"#;
    let input = write(
        dir.path(),
        "c.json",
        &format!(
            r#"{{"info": {{"name": "C", "schema": "{POSTMAN_V21}"}},
                "item": [{{"name": "Create", "request": {{"method": "POST",
                    "header": [{{"key": "Content-Type", "value": "application/json"}}],
                    "body": {{"mode": "raw", "raw": "{body}"}},
                    "url": "https://api.contoso.com/products"}}}}]}}"#
        ),
    );
    let (code, diagnostics, doc) = convert(&input, &[]);
    assert_eq!(code, 0, "{diagnostics:?}");
    let text = doc.to_string();
    assert!(
        text.contains("new-product") && text.contains("\"home\""),
        "{text}"
    );
    assert!(!text.contains("abc-def-ghi"), "{text}");
    assert_eq!(messages(&diagnostics, "CCF707").len(), 1, "{diagnostics:?}");
}

#[test]
fn a_host_variable_set_to_nothing_is_named_and_nothing_is_written() {
    // Exported collections often leave the base URL's value empty, for each user's environment.
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "c.json",
        &format!(
            r#"{{"info": {{"name": "C", "schema": "{POSTMAN_V21}"}},
                "variable": [{{"key": "baseUrl", "value": ""}}],
                "item": [{{"name": "Items", "request": {{"method": "GET",
                    "url": "{{{{baseUrl}}}}/items",
                    "auth": {{"type": "oauth2", "oauth2": [{{"key": "grant_type", "value": "authorization_code"}}]}}}}}}]}}"#
        ),
    );
    let (code, diagnostics, doc) = convert(&input, &[]);
    assert_eq!(code, 2, "{diagnostics:?}");
    assert_eq!(doc, Value::Null, "nothing is written");
    assert_eq!(
        messages(&diagnostics, "CCF701"),
        [
            "the host comes from {{baseUrl}}, whose value is empty, and the collection cannot be \
          converted without a host: pass --var baseUrl=VALUE, an environment with it (--env \
          FILE), or the host (--host api.example.com)"
        ]
    );
    // The errors that stopped it are listed in the order of the file, as in every report.
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["CCF701", "CCF706"]);
    let lines: Vec<u64> = diagnostics
        .iter()
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert!(lines.is_sorted(), "{lines:?}");
    // Given a value, it converts.
    let (code, diagnostics, doc) = convert(
        &input,
        &[
            "--var",
            "baseUrl=https://api.contoso.com",
            "--authorization-url",
            "https://login.contoso.com/authorize",
            "--token-url",
            "https://login.contoso.com/token",
        ],
    );
    assert_eq!(code, 0, "{diagnostics:?}");
    assert_eq!(doc["host"], "api.contoso.com");
}

/// A path variable named as an Express route names it (`{insight_id:}`), or with a `:` inside,
/// is written with a plain name in the path and its parameters (a shared one included), so
/// that validators find the parameter; the request sent is the same.
#[test]
fn path_variables_with_a_colon_in_their_names_are_renamed_with_their_parameters() {
    let (_dir, input, (code, diagnostics, doc)) = convert_openapi(
        "paths:\n  /insights/{insight_id:}/query/{ns:key}:\n    get:\n      operationId: Query\n\
             \x20     parameters:\n\
             \x20       - {name: 'insight_id:', in: path, required: true, schema: {type: string}}\n\
             \x20       - $ref: '#/components/parameters/Key'\n\
             \x20     responses: {'200': {description: OK}}\n\
             components:\n  parameters:\n    Key: {name: 'ns:key', in: path, required: true, \
             schema: {type: string}}\n",
    );
    assert_eq!(code, 0, "{diagnostics:?}");
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    assert_eq!(paths, ["/insights/{insight_id}/query/{ns_key}"]);
    let op = &doc["paths"]["/insights/{insight_id}/query/{ns_key}"]["get"];
    assert_eq!(op["parameters"][0]["name"], "insight_id");
    assert_eq!(op["parameters"][1]["$ref"], "#/parameters/Key");
    assert_eq!(doc["parameters"]["Key"]["name"], "ns_key");
    let told: Vec<(&str, &str)> = diagnostics
        .iter()
        .filter(|d| d["code"] == "CCF811")
        .map(|d| {
            (
                d["message"].as_str().unwrap(),
                d["pointer"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        told,
        [(
            "path variables `{insight_id:}`, `{ns:key}` of `/insights/{insight_id:}/query/{ns:key}` \
             written as `{insight_id}`, `{ns_key}`, their parameters renamed to match: OpenAPI \
             validators read a `:` in a variable's name as the start of a format (a `!` as a \
             conversion), and find no parameter for it",
            "/paths/~1insights~1{insight_id:}~1query~1{ns:key}/get"
        )]
    );
    assert_valid(&input);

    // A Postman request's `:insight_id:` and `{{ns:key}}`, alike.
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "c.json",
        r#"{"info": {"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "Query", "request": {"method": "GET",
              "url": {"raw": "https://api.contoso.com/insights/:insight_id:/{{ns:key}}",
                      "host": ["api", "contoso", "com"], "path": ["insights", ":insight_id:", "{{ns:key}}"],
                      "variable": [{"key": "insight_id:", "value": "pop"}]}}}]}"#,
    );
    let (code, diagnostics, doc) = convert(&input, &["--var", "ns:key=k1"]);
    assert_eq!(code, 0, "{diagnostics:?}");
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    assert_eq!(paths, ["/insights/{insight_id}/{ns_key}"]);
    let names: Vec<&str> = doc["paths"]["/insights/{insight_id}/{ns_key}"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["in"] == "path")
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["insight_id", "ns_key"]);
    let told: Vec<(&str, &str)> = diagnostics
        .iter()
        .filter(|d| d["code"] == "CCF710")
        .map(|d| {
            (
                d["message"].as_str().unwrap(),
                d["pointer"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        told[0].0.starts_with("path variables `{insight_id:}`, `{ns:key}` of `/insights/{insight_id:}/{ns:key}` written as"),
        "{told:?}"
    );
    assert_eq!(told[0].1, "/item/0");
    assert_valid(&input);
}

/// Characters JSON lets through raw but YAML readers refuse (C1 controls in garbled text) or
/// fold (U+2028) are written escaped, so validators that load JSON as YAML read the file, and
/// read the text as it was.
#[test]
fn control_characters_beyond_ascii_are_written_escaped() {
    let (_dir, input, (code, diagnostics, doc)) = convert_openapi(
        "paths:\n  /a:\n    get:\n      operationId: A\n\
             \x20     description: \"Don\\x92t \\x80\\x9cquote\\x9d\\u2028next line.\"\n\
             \x20     responses: {'200': {description: OK}}\n",
    );
    assert_eq!(code, 0, "{diagnostics:?}");
    assert_eq!(
        doc["paths"]["/a"]["get"]["description"],
        "Don\u{92}t \u{80}\u{9c}quote\u{9d}\u{2028}next line."
    );
    let text = std::fs::read_to_string(input.with_file_name("out.json")).unwrap();
    assert!(
        text.contains(r#""description": "Don\u0092t \u0080\u009cquote\u009d\u2028next line.""#),
        "{text}"
    );
    assert_valid(&input);
}

/// A server variable of the base path without a value (`/merchants/{merchantAccount}/sync`)
/// starts every path, as a parameter of every operation: a base path has no variables, and
/// substituting nothing would call `/merchants//sync`.
#[test]
fn a_server_variable_of_the_base_path_without_a_value_starts_every_path() {
    let body = "paths:\n  /ping:\n    get:\n      operationId: Ping\n\
                \x20     responses: {'200': {description: OK}}\n  /:\n    get:\n      operationId: Root\n\
                \x20     responses: {'200': {description: OK}}\n";
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        &format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\nservers:\n\
             \x20 - url: 'https://api.contoso.com/v1/merchants/{{merchantAccount}}/sync'\n{body}"
        ),
    );
    let (code, diagnostics, doc) = convert(&input, &[]);
    assert_eq!(code, 0, "{diagnostics:?}");
    assert_eq!(doc["host"], "api.contoso.com");
    assert_eq!(doc["basePath"], "/v1/merchants");
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    assert_eq!(
        paths,
        ["/{merchantAccount}/sync/ping", "/{merchantAccount}/sync"]
    );
    for path in paths {
        let param = &doc["paths"][path]["parameters"][0];
        assert_eq!(param["name"], "merchantAccount", "{path}");
        assert_eq!(param["in"], "path");
        assert_eq!(param["required"], true);
    }
    assert_eq!(
        messages(&diagnostics, "CCF801")
            .into_iter()
            .filter(|m| m.contains("base path"))
            .collect::<Vec<_>>(),
        [
            "server variable `merchantAccount` of the base path has no value: the base path stops at \
          `/v1/merchants`, every path starts with `/{merchantAccount}/sync`, and it is a parameter \
          of every operation"
        ]
    );
    assert_valid(&input);

    // A brace that closes no variable is not one.
    let odd = write(
        dir.path(),
        "odd.yaml",
        &format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\nservers:\n\
             \x20 - url: 'https://api.contoso.com/a{{b'\n{body}"
        ),
    );
    let (_, diagnostics, doc) = convert(&odd, &["--force"]);
    assert_eq!(doc["basePath"], "/a{b", "{diagnostics:?}");
    assert!(
        messages(&diagnostics, "CCF801").is_empty(),
        "{diagnostics:?}"
    );

    // Given a value, the variable stays in the base path.
    let (code, diagnostics, doc) =
        convert(&input, &["--server-var", "merchantAccount=m1", "--force"]);
    assert_eq!(code, 0, "{diagnostics:?}");
    assert_eq!(doc["basePath"], "/v1/merchants/m1/sync");
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    assert_eq!(paths, ["/ping", "/"]);
}

/// A `pattern` that sets a flag after its start (`\.(?i)(pdf|png)$`, which .NET reads) is
/// written with the flag scoped to what it applies to, the form Python's and JavaScript's
/// readers take too.
#[test]
fn inline_flags_in_the_middle_of_a_pattern_are_written_scoped() {
    let (_dir, input, (code, diagnostics, doc)) = convert_openapi(
        "paths:\n  /a:\n    post:\n      operationId: A\n\
             \x20     requestBody: {content: {application/json: {schema: {type: object, properties: \
             {file: {type: string, pattern: '^[^.]+\\.(?i)(pdf|png)$'}}}}}}\n\
             \x20     responses: {'200': {description: OK}}\n",
    );
    assert_eq!(code, 0, "{diagnostics:?}");
    assert_eq!(
        doc["paths"]["/a"]["post"]["parameters"][0]["schema"]["properties"]["file"]["pattern"],
        r"^[^.]+\.(?i:(pdf|png)$)"
    );
    assert_eq!(
        messages(&diagnostics, "CCF803"),
        [
            r#"`pattern` sets flags after its start ("^[^.]+\\.(?i)(pdf|png)$"), which Python and JavaScript readers reject; written with the flags scoped to what they apply to: "^[^.]+\\.(?i:(pdf|png)$)""#
        ]
    );
    assert_valid(&input);
}

/// An `allOf` part that requires a property it leaves to the other parts (or to no part:
/// Box's definition has such) stays where it is when the size pass moves repeated schemas to
/// `definitions`: as a definition of its own it would require a property it does not have.
#[test]
fn an_allof_part_requiring_what_it_lacks_is_not_moved_to_definitions() {
    let dir = tempfile::tempdir().unwrap();
    let props: String = (0..8)
        .map(|i| {
            format!(
                "p{i}: {{type: string, description: A property with a fairly long description.}}, "
            )
        })
        .collect();
    let link = format!(
        "{{allOf: [{{title: Shared link, type: object, required: [url, accessed], properties: \
         {{{props}url: {{type: string}}}}}}, {{description: The link.}}]}}"
    );
    let op = |name: &str| {
        format!(
            "  /{name}:\n    get:\n      operationId: {name}\n      responses:\n        '200':\n\
             \x20         description: OK\n          content:\n            application/json:\n\
             \x20             schema: {{type: object, properties: {{link: {link}, name: {{type: string, description: {name}}}}}}}\n"
        )
    };
    let input = write(
        dir.path(),
        "api.yaml",
        &format!(
            "{HEAD}paths:\n{}{}{}",
            op("files"),
            op("folders"),
            op("links")
        ),
    );
    let (code, diagnostics, doc) = convert(&input, &["--max-size", "3k"]);
    assert!(
        diagnostics.iter().all(|d| d["severity"] != "error"),
        "{diagnostics:?}"
    );
    assert_eq!(code, 0);
    let part = &doc["paths"]["/files"]["get"]["responses"]["200"]["schema"]["properties"]["link"]["allOf"]
        [0];
    assert_eq!(
        part["required"],
        serde_json::json!(["url", "accessed"]),
        "{doc}"
    );
    assert_valid(&input);
}

/// Requests merged into one operation (same method and path) that send a JSON body and form
/// fields: the operation keeps the first one's kind of payload, says which form fields are
/// left out, and lists only the media types of what it sends.
#[test]
fn merged_requests_say_which_form_fields_they_leave_out() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "c.json",
        r#"{"info": {"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [
              {"name": "json", "request": {"method": "POST", "url": "https://api.contoso.com/post",
                "header": [{"key": "Content-Type", "value": "application/json"}],
                "body": {"mode": "raw", "raw": "{\"a\": 1}", "options": {"raw": {"language": "json"}}}}},
              {"name": "form", "request": {"method": "POST", "url": "https://api.contoso.com/post",
                "body": {"mode": "urlencoded", "urlencoded": [{"key": "b", "value": "2"}, {"key": "c", "value": "3"}]}}}
            ]}"#,
    );
    let (code, diagnostics, doc) = convert(&input, &[]);
    assert_eq!(code, 0, "{diagnostics:?}");
    let op = &doc["paths"]["/post"]["post"];
    assert_eq!(
        op["consumes"],
        serde_json::json!(["application/json"]),
        "{op}"
    );
    let kinds: Vec<&str> = op["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["in"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["body"]);
    assert_eq!(
        messages(&diagnostics, "CCF705"),
        [
            "request `form` has the same method and path as `json` (POST /post); merged into one operation",
            "the form fields `b`, `c` of request `form` are left out of the merged operation: an \
             operation has a body or form fields, and `json` sends a body"
        ]
    );
    assert_valid(&input);
}

/// A collection whose saved-response examples alone are over the size budget: they are
/// reported removed by the size pass with the lengths they would have had (the length before
/// shrinking is that of the definition written with them), whether the importer leaves them out
/// or the size pass removes them (a selection takes operations out in between, so the importer
/// keeps them then). A merged request keeps the example of a status code only the second one has.
#[test]
fn examples_over_the_budget_by_themselves_are_reported_as_the_size_pass_removes_them() {
    let dir = tempfile::tempdir().unwrap();
    let body = |n: usize| {
        let items: Vec<String> = (0..40)
            .map(|i| {
                format!(r#"{{\"id\": {i}, \"name\": \"item {n}-{i}\", \"tags\": [\"a\", \"b\"]}}"#)
            })
            .collect();
        format!("[{}]", items.join(", "))
    };
    let saved = |code: u16, n: usize| {
        format!(
            r#"{{"name": "r{n}", "code": {code}, "status": "OK",
                "header": [{{"key": "Content-Type", "value": "application/json"}}], "body": "{}"}}"#,
            body(n)
        )
    };
    let request = |name: &str, path: &str, responses: &[String]| {
        format!(
            r#"{{"name": "{name}", "request": {{"method": "GET", "url": "https://api.contoso.com/{path}"}},
                "response": [{}]}}"#,
            responses.join(", ")
        )
    };
    let items = [
        request("List a", "a", &[saved(200, 1), saved(200, 2)]),
        request("List b", "b", &[saved(200, 3)]),
        // Merged into `List b`: its 404 example is kept, its 200 one is not.
        request("List b again", "b", &[saved(200, 4), saved(404, 5)]),
    ];
    let input = write(
        dir.path(),
        "c.json",
        &format!(
            r#"{{"info": {{"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}},
                "item": [{}]}}"#,
            items.join(", ")
        ),
    );
    let (code, diagnostics, whole) = convert(&input, &[]);
    assert_eq!(code, 0, "{diagnostics:?}");
    let examples = |doc: &Value| {
        ["/a", "/b"]
            .iter()
            .flat_map(|p| {
                let responses = doc["paths"][p]["get"]["responses"]
                    .as_object()
                    .unwrap()
                    .clone();
                responses
                    .into_iter()
                    .filter(|(_, r)| r.get("examples").is_some())
            })
            .count()
    };
    assert_eq!(examples(&whole), 3, "one per status code: {whole}");
    assert!(
        whole.to_string().contains("item 5-0"),
        "the 404 example of the merged request"
    );
    let full_len = std::fs::read(input.with_file_name("out.json"))
        .unwrap()
        .len();

    // The examples alone are about 24 KB.
    let budget = "4000";
    let step2 = |diagnostics: &[Value]| -> String {
        messages(diagnostics, "CCF611")
            .into_iter()
            .find(|m| m.starts_with("step 2, examples"))
            .unwrap_or_else(|| panic!("{diagnostics:?}"))
            .to_string()
    };
    let (_, left_out, shrunk) = convert(&input, &["--max-size", budget, "--force"]);
    assert_eq!(examples(&shrunk), 0, "{shrunk}");
    let said = step2(&left_out);
    let written = std::fs::read(input.with_file_name("out.json"))
        .unwrap()
        .len();
    assert_eq!(
        said,
        format!(
            "step 2, examples: removed 3 examples to get under the budget of 4000 bytes \
             ({full_len} → {written} bytes, saving {})",
            full_len - written
        )
    );
    // Selected, the same operations: the size pass removes the examples itself.
    let (_, selected, _) = convert(
        &input,
        &["--max-size", budget, "--include", "method:GET", "--force"],
    );
    assert_eq!(step2(&selected), said);
    assert_valid(&input);
}

/// `{{}}` in a Postman path names no variable: it becomes a path parameter named for it
/// (`value`, `value2`, ..., a name no variable of the path has), with a warning, instead of a
/// parameter without a name that leaves the definition invalid.
#[test]
fn an_empty_variable_in_a_path_becomes_a_named_path_parameter() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "c.json",
        r#"{"info": {"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "variable": [{"key": "value", "value": "v1"}],
            "item": [
              {"name": "Badge", "request": {"method": "GET",
                "url": "https://dev.azure.com/_apis/build/controllers/{{}}/{{value}}/x/{{ }}"}}
            ]}"#,
    );
    let (code, diagnostics, doc) = convert(&input, &[]);
    assert_eq!(code, 0, "{diagnostics:?}");
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    assert_eq!(
        paths,
        ["/_apis/build/controllers/{value2}/{value}/x/{value3}"]
    );
    let op = &doc["paths"][paths[0]]["get"];
    let names: Vec<&str> = op["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["value2", "value", "value3"]);
    assert_eq!(
        messages(&diagnostics, "CCF710"),
        [
            "request `Badge`: the path holds `{{}}`, which names no variable; it became the path parameter `value2`",
            "request `Badge`: the path holds `{{}}`, which names no variable; it became the path parameter `value3`"
        ]
    );
    assert_valid(&input);
}

/// A gRPC or WebSocket request is skipped with the reason (a connector calls HTTP APIs only),
/// instead of a definition whose `schemes` the validator refuses; a collection of nothing else
/// is refused with an error that says so, and nothing is written.
#[test]
fn requests_that_are_not_http_are_skipped_and_a_collection_of_them_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let collection = |items: &str| {
        format!(
            r#"{{"info": {{"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}},
                "item": [{items}]}}"#
        )
    };
    let grpc = r#"{"name": "Call", "request": {"method": "POST", "url": "grpc://api.contoso.com/svc.Cert/Request"}}"#;
    let ws = r#"{"name": "Stream", "request": {"method": "GET", "url": "wss://api.contoso.com/stream"}}"#;
    let http =
        r#"{"name": "List", "request": {"method": "GET", "url": "https://api.contoso.com/items"}}"#;
    // A scheme that is a variable without a value is no scheme: the connector's host is called.
    let unset = r#"{"name": "Get", "request": {"method": "GET", "url": "{{proto}}://api.contoso.com/items/{{id}}"}}"#;
    let input = write(
        dir.path(),
        "c.json",
        &collection(&[grpc, ws, http, unset].join(", ")),
    );
    let (code, diagnostics, doc) = convert(&input, &[]);
    assert_eq!(code, 0, "{diagnostics:?}");
    assert_eq!(doc["schemes"], serde_json::json!(["https"]));
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    assert_eq!(paths, ["/items", "/items/{id}"], "{doc}");
    assert_eq!(
        messages(&diagnostics, "CCF708"),
        [
            "request `Call` calls a `grpc://` URL, and a connector calls HTTP and HTTPS APIs only; skipped",
            "request `Stream` calls a `wss://` URL, and a connector calls HTTP and HTTPS APIs only; skipped"
        ]
    );
    assert_valid(&input);

    let only = write(dir.path(), "only.json", &collection(grpc));
    let out = only.with_file_name("out.json");
    std::fs::remove_file(&out).unwrap();
    let (code, report) = common::convert_json(&only, &[]);
    assert_eq!(code, 2, "{report}");
    assert!(!out.exists(), "nothing is written");
    let errors: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        errors,
        ["none of the collection's requests can be converted, so there is nothing to convert"]
    );
}

/// Requests whose paths differ only in letter case (`/Feeds`, `/feeds`) are written under the
/// first spelling, with a warning, for every method: two path keys that differ only in case are
/// an error the platform reports, and the merge of two requests says what it merged.
#[test]
fn paths_that_differ_only_in_letter_case_are_written_as_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "c.json",
        r#"{"info": {"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [
              {"name": "Create feed", "request": {"method": "POST", "url": "https://api.contoso.com/Feeds/{{id}}"}},
              {"name": "Create again", "request": {"method": "POST", "url": "https://api.contoso.com/feeds/{{id}}"}},
              {"name": "Get feed", "request": {"method": "GET", "url": "https://api.contoso.com/feeds/{{id}}"}},
              {"name": "Other name", "request": {"method": "GET", "url": "https://api.contoso.com/FEEDS/{{Id}}/x"}}
            ]}"#,
    );
    let (code, diagnostics, doc) = convert(&input, &[]);
    assert_eq!(code, 0, "{diagnostics:?}");
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    assert_eq!(paths, ["/Feeds/{id}", "/FEEDS/{Id}/x"]);
    let methods: Vec<&String> = doc["paths"]["/Feeds/{id}"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(methods, ["post", "get"]);
    assert_eq!(
        messages(&diagnostics, "CCF710"),
        [
            "request `Create again` calls `/feeds/{id}`, which differs from `/Feeds/{id}` (request \
             `Create feed`) only in letter case; written as `/Feeds/{id}`, since the platform \
             rejects paths that differ only in letter case",
            "request `Get feed` calls `/feeds/{id}`, which differs from `/Feeds/{id}` (request \
             `Create feed`) only in letter case; written as `/Feeds/{id}`, since the platform \
             rejects paths that differ only in letter case"
        ]
    );
    assert_eq!(
        messages(&diagnostics, "CCF705"),
        [
            "request `Create again` has the same method and path as `Create feed` (POST /Feeds/{id}); merged into one operation"
        ]
    );
    assert_valid(&input);
}

/// A query parameter whose name ends in `Id` (`sessionId`) picks a resource: it stays a parameter,
/// and the credential header the requests send is the connection's key.
#[test]
fn a_session_id_in_the_query_is_a_parameter_and_the_auth_header_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "c.json",
        r#"{"info": {"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [
              {"name": "Broadcasts", "request": {"method": "GET",
                "header": [{"key": "X-OPENTOK-AUTH", "value": "{{jwt}}"}],
                "url": "https://api.opentok.com/v2/project/{{projectApiKey}}/broadcast?sessionId={{sessionId}}"}}
            ]}"#,
    );
    let (code, diagnostics, doc) = convert(&input, &[]);
    assert!(code <= 1, "{diagnostics:?}");
    let op = &doc["paths"]["/v2/project/{projectApiKey}/broadcast"]["get"];
    let params: Vec<(&str, &str)> = (op["parameters"].as_array().unwrap().iter())
        .map(|p| (p["name"].as_str().unwrap(), p["in"].as_str().unwrap()))
        .collect();
    assert_eq!(
        params,
        [("projectApiKey", "path"), ("sessionId", "query")],
        "{doc}"
    );
    assert_eq!(
        doc["securityDefinitions"],
        serde_json::json!({"api_key": {"type": "apiKey", "in": "header", "name": "X-OPENTOK-AUTH"}})
    );
    assert_valid(&input);
}

/// A query parameter or header named like a credential whose value is a flag
/// (`useSessionCookies=false`) is a setting: an ordinary boolean parameter, not the connection's
/// API key and not reported as a secret.
#[test]
fn a_flag_under_a_secret_name_is_a_setting_not_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "c.json",
        r#"{"info": {"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [
              {"name": "Login", "request": {"method": "POST",
                "header": [{"key": "X-Token-Required", "value": "true"}],
                "url": {"raw": "https://api.contoso.com/auth/login?useSessionCookies=false",
                        "host": ["api", "contoso", "com"], "path": ["auth", "login"],
                        "query": [{"key": "useSessionCookies", "value": "false"}]}}},
              {"name": "Info", "request": {"method": "GET", "url": "https://api.contoso.com/auth/info?api_key=9f8a7b6c5d4e3f2a1b0c"}}
            ]}"#,
    );
    let (code, diagnostics, doc) = convert(&input, &[]);
    assert!(code <= 1, "{diagnostics:?}");
    let login = &doc["paths"]["/auth/login"]["post"];
    let params: Vec<(&str, &str, &str)> = login["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap(),
                p["in"].as_str().unwrap(),
                p["type"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        params,
        [
            ("useSessionCookies", "query", "boolean"),
            ("X-Token-Required", "header", "string")
        ]
    );
    // The real key is still the connection's.
    let schemes: Vec<&String> = doc["securityDefinitions"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(schemes.len(), 1, "{doc}");
    assert_eq!(doc["securityDefinitions"][schemes[0]]["name"], "api_key");
    assert!(
        messages(&diagnostics, "CCF707")
            .iter()
            .all(|m| !m.contains("useSessionCookies") && !m.contains("X-Token-Required")),
        "{diagnostics:?}"
    );
    assert_valid(&input);
}
