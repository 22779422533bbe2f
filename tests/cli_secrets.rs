//! No secret planted in an input reaches any output of the real binary: the files `convert`
//! writes, what it and `lint` and `diff --text` print, code frames included; and a diagnostic
//! names each place a secret was withheld from.
//!
//! Every planted secret contains the marker `S3CR3T`.

mod common;
use common::ccforge;

use std::path::{Path, PathBuf};

const MARKER: &str = "S3CR3T";

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/secrets")
        .join(rel)
}

/// Runs ccforge; returns its exit code, stdout and stderr, asserting neither holds the marker.
fn run(args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let out = ccforge().args(args).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        !stdout.contains(MARKER),
        "{args:?} printed a secret:\n{stdout}"
    );
    assert!(
        !stderr.contains(MARKER),
        "{args:?} printed a secret:\n{stderr}"
    );
    (out.status.code().unwrap(), stdout, stderr)
}

/// `convert` of an OpenAPI definition written as `text`, with the diagnostics as JSON: the exit
/// code, the definition printed and the diagnostics.
fn convert_openapi_text(text: &str) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let openapi = dir.path().join("api.openapi.yaml");
    std::fs::write(&openapi, text).unwrap();
    run(&[
        os("convert"),
        openapi.as_os_str(),
        os("--format"),
        os("json"),
    ])
}

/// [`convert_openapi_text`] of a definition whose one operation answers with `schema` and
/// `example` (YAML flow values).
fn convert_response_example(schema: &str, example: &str) -> (i32, String, String) {
    convert_openapi_text(&format!(
        "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\nservers: [{{url: 'https://api.contoso.com'}}]\n\
         paths:\n  /items:\n    get:\n      operationId: GetItems\n      summary: Get the items\n      \
         responses:\n        '200':\n          description: OK\n          content:\n            \
         application/json:\n              schema: {schema}\n              example: {example}\n"
    ))
}

fn os(s: &str) -> &std::ffi::OsStr {
    s.as_ref()
}

/// Every file under `dir` holds no marker.
fn assert_no_secret_written(dir: &Path) {
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap();
        assert!(
            !text.contains(MARKER),
            "{} holds a secret",
            e.path().display()
        );
        n += 1;
    }
    assert!(n >= 2, "nothing written in {}", dir.display());
}

/// `convert` to stdout, in every report format, and to a folder, then `lint` of that folder.
fn convert_everywhere(input: &Path) -> String {
    let (code, stdout, stderr) = run(&[os("convert"), input.as_os_str(), os("--all")]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("\"swagger\": \"2.0\""));
    for format in ["json", "sarif", "github", "junit", "markdown"] {
        run(&[os("convert"), input.as_os_str(), os("--format"), os(format)]);
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c");
    let (code, _, _) = run(&[
        os("convert"),
        input.as_os_str(),
        os("--out-dir"),
        out.as_os_str(),
        os("--settings"),
        os("--all"),
    ]);
    assert_eq!(code, 0);
    assert_no_secret_written(&out);
    run(&[os("lint"), out.as_os_str(), os("--all")]);
    stderr
}

#[test]
fn postman_secrets_are_withheld_from_every_output_and_reported() {
    let stderr = convert_everywhere(&fixture("planted.postman_collection.json"));
    for said in [
        "path variable `token` of `Path token` holds a secret; it is not written to the output",
        "query parameter `sig` of `Signed download` holds a secret",
        "query parameter `X-Amz-Signature` of `Signed download` holds a secret",
        "query parameter `signature` of `Signed download` holds a secret",
        "header `X-Forwarded-Credentials` of `Headers` holds a secret",
        "header `Cookie` of `Headers` holds a secret",
        "header `X-Upstream` of `Headers` holds a JSON Web Token",
        "the GraphQL variables of `GraphQL login` (field `password`) holds a secret",
        "form field `pwd` of `Form login` holds a secret",
        "form field `note` of `Form login` holds a bearer token",
        "the body of `JSON login` (field `credentials`, `token`) holds a secret",
        "the URL of `Userinfo` (a password before its host) holds a secret",
        "the GraphQL query of `GraphQL inline token` holds a credential written into it",
        "query parameter `target` of `Connection strings` holds a credential written into it",
        "the body of `Connection strings` (field `storage`) holds a secret",
        // An unnamed request is named by its URL, without the query that holds a token.
        "request COPY https://api.contoso.com/copy uses the method COPY",
    ] {
        assert!(stderr.contains(said), "no `{said}` in:\n{stderr}");
    }
    assert!(stderr.contains("CCF707 postman-secret"));
}

/// A Postman pair's `"key"` names what its `"value"` (on the next line of a pretty export)
/// holds: a code frame shows the name, and masks only the value of a secret one.
#[test]
fn code_frames_show_the_names_of_postman_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("pairs.postman_collection.json");
    let collection = serde_json::json!({
        "info": {"name": "Pairs", "schema":
            "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{"name": "Find", "request": {"method": "GET", "url": {
            "raw": "https://api.contoso.com/find",
            "host": ["api", "contoso", "com"], "path": ["find"],
            "query": [
                {"key": "age", "value": "45", "disabled": true},
                {"key": "access_token", "value": "S3CR3Tvalue", "disabled": true}
            ]}}}]
    });
    std::fs::write(&input, serde_json::to_string_pretty(&collection).unwrap()).unwrap();
    let (_, _, stderr) = run(&[os("convert"), input.as_os_str(), os("--all")]);
    assert!(stderr.contains(r#""key": "age","#), "{stderr}");
    assert!(stderr.contains(r#""key": "access_token","#), "{stderr}");
}

#[test]
fn openapi3_secret_defaults_and_examples_are_withheld_and_reported() {
    let input = fixture("planted.openapi.yaml");
    let stderr = convert_everywhere(&input);
    for said in [
        "the `default` of parameter `X-API-Key` holds a secret",
        "the `default`, `example` of property `client_secret` hold a secret; the values are not written",
        "the `example` of property `password` holds a secret",
        "the `x-example` of parameter `apiKey` holds a secret",
        "the `x-example` of parameter `upstream` holds a bearer token",
        "the `x-example` of parameter `target` holds a credential written into it",
        "the `example` of this schema holds a secret",
        "the `example` of this response holds a secret",
        "the `enum` of property `signing_key` holds a secret",
    ] {
        assert!(stderr.contains(said), "no `{said}` in:\n{stderr}");
    }
    assert!(stderr.contains("CCF810 openapi-secret"));
    // What is no secret is kept: `keyword` and `tokenizer` are not secret names.
    let (_, stdout, _) = run(&[os("convert"), input.as_os_str()]);
    assert!(stdout.contains("\"example\": \"kept-keyword-example\""));
    assert!(stdout.contains("\"default\": \"whitespace\""));
}

#[test]
fn swagger2_secret_values_are_withheld_and_reported() {
    let input = fixture("planted.swagger.json");
    let stderr = convert_everywhere(&input);
    for said in [
        "the `default` of parameter `sig` holds a secret",
        "the `default` of parameter `Authorization` holds a bearer token",
        "the `examples` of response `200` holds a secret",
        "the `default` of header `X-Session-Token` holds a secret",
        "the `example` of property `password` holds a secret",
        "the `enum` of property `signing_key` holds a secret",
        "the `example` of this schema holds a secret",
        "keeps a placeholder",
    ] {
        assert!(stderr.contains(said), "no `{said}` in:\n{stderr}");
    }
    assert!(stderr.contains("CCF629 fix-secrets"));
    // What is no secret is kept.
    let (_, stdout, _) = run(&[os("convert"), input.as_os_str()]);
    // A secret member of an example keeps its place (its schema may require it).
    for kept in [
        "\"kept-user\"",
        "\"kept-note\"",
        "\"read\"",
        "\"client_secret\": \"<client_secret>\"",
    ] {
        assert!(stdout.contains(kept), "{kept} lost:\n{stdout}");
    }
    // `fix` takes them out of a copy of the definition the same way.
    let dir = tempfile::tempdir().unwrap();
    let fixed = dir.path().join("fixed.json");
    let (code, _, stderr) = run(&[os("fix"), input.as_os_str(), os("-o"), fixed.as_os_str()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("CCF629 fix-secrets"), "{stderr}");
    let text = std::fs::read_to_string(&fixed).unwrap();
    assert!(!text.contains(MARKER), "{text}");
}

/// `[passes] fix-secrets = false` keeps a Swagger 2.0 definition's values in `convert`, as in
/// `fix`; a rule level for CCF629 changes how its places are reported.
#[test]
fn a_configuration_can_turn_the_swagger_scrub_off_or_up() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("planted.swagger.json");
    std::fs::copy(fixture("planted.swagger.json"), &input).unwrap();
    let config = dir.path().join("ccforge.toml");
    std::fs::write(&config, "[passes]\nfix-secrets = false\n").unwrap();
    let out = assert_cmd::Command::cargo_bin("ccforge")
        .unwrap()
        .args([os("convert"), input.as_os_str()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains(MARKER), "the values were taken:\n{stdout}");
    assert!(!stderr.contains("CCF629"), "{stderr}");
    std::fs::write(&config, "[rules]\nCCF629 = \"error\"\n").unwrap();
    let (code, stdout, stderr) =
        run(&[os("convert"), input.as_os_str(), os("--format"), os("json")]);
    assert!(!stdout.contains(MARKER));
    assert_eq!(code, 1, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stderr).unwrap();
    let levels = common::picked(&report["diagnostics"], "code", "CCF629", "severity");
    assert!(
        !levels.is_empty() && levels.iter().all(|l| *l == "error"),
        "{levels:?}"
    );
}

/// A secret-named field of a definition usually shows an illustration (`projectKey: ID-15`,
/// the choices of `sortingKey`): kept, in OpenAPI 3 and Swagger 2.0 inputs alike, while a
/// credential-like value is not.
#[test]
fn illustrations_of_secret_named_fields_are_kept() {
    let (code, stdout, stderr) = convert_openapi_text(
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\nservers: [{url: 'https://api.contoso.com'}]\n\
         paths:\n  /projects:\n    get:\n      operationId: ListProjects\n      summary: List projects\n      \
         parameters:\n        - {name: sortingKey, in: query, schema: {type: string, default: registrationDate, enum: [name, registrationDate]}}\n        \
         - {name: signatureApplyTo, in: query, schema: {type: string, enum: [FirstPage, LastPage]}}\n      \
         responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              \
         schema:\n                type: object\n                properties:\n                  \
         projectKey: {type: string, example: ID-15}\n                  password: {type: string, example: S3CR3Tpw1}\n",
    );
    assert_eq!(code, 0, "{stderr}");
    for kept in ["\"registrationDate\"", "\"FirstPage\"", "\"ID-15\""] {
        assert!(stdout.contains(kept), "{kept} lost:\n{stdout}");
    }
    assert!(stderr.contains("property `password`"), "{stderr}");
    assert_eq!(stderr.matches("CCF810").count(), 1, "{stderr}");
}

/// A response example of a text-generation API counts tokens: `"max_tokens": 31` is a number,
/// not a token.
#[test]
fn an_example_that_counts_tokens_is_kept() {
    let (code, stdout, stderr) = convert_response_example(
        "{type: string}",
        "'{\"usage\": {\"max_tokens\": 31, \"total_tokens\": 31}}'",
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("max_tokens"), "example lost:\n{stdout}");
    assert!(!stderr.contains("CCF810"), "{stderr}");
}

/// A field named `key` keys forms, menus and dictionaries: a name made of words is kept; a
/// generated key is withheld.
#[test]
fn keys_that_name_fields_are_kept() {
    let (code, stdout, stderr) = convert_response_example(
        "{type: object}",
        "{fields: [{key: addressLine1}, {key: V1001_TODAY_MUSIC}], routing_key: R022S3CR3TR9M266DX570EVE6}",
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("\"addressLine1\""), "{stdout}");
    assert!(stdout.contains("\"V1001_TODAY_MUSIC\""), "{stdout}");
    assert_eq!(stderr.matches("CCF810").count(), 1, "{stderr}");
}

/// Extensions are copied as they are, so what they hold is scrubbed like any value: an
/// operation's `x-example`, and a value of a parameter described inside an extension.
#[test]
fn secrets_in_extensions_are_withheld() {
    let (code, stdout, stderr) = convert_openapi_text(
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\nservers: [{url: 'https://api.contoso.com'}]\n\
         paths:\n  /e:\n    post:\n      operationId: Send\n      summary: Send it\n      \
         x-example: {apiKey: a8f5f167S3CR3Tf44f4964e6c998dee8}\n      \
         x-sample: {parameters: [{name: api_key, default: k9Q8x2S3CR3TabcdEFGH12345}]}\n      \
         responses:\n        '200': {description: OK}\n",
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("\"apiKey\": \"<apiKey>\""), "{stdout}");
    for said in [
        "the `x-example` of this operation holds a secret",
        "the `default` of `api_key` holds a secret",
    ] {
        assert!(stderr.contains(said), "no `{said}` in:\n{stderr}");
    }
    // `fix` scrubs a Swagger 2.0 operation's example the same way.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("api.swagger.json");
    std::fs::write(
        &input,
        r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "host": "api.contoso.com",
            "paths": {"/e": {"post": {"operationId": "Send", "summary": "Send it",
                "x-example": {"apiKey": "a8f5f167S3CR3Tf44f4964e6c998dee8"},
                "responses": {"200": {"description": "OK"}}}}}}"#,
    )
    .unwrap();
    let fixed = dir.path().join("fixed.json");
    let (code, _, stderr) = run(&[os("fix"), input.as_os_str(), os("-o"), fixed.as_os_str()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("CCF629 fix-secrets"), "{stderr}");
    let text = std::fs::read_to_string(&fixed).unwrap();
    assert!(!text.contains(MARKER), "{text}");
}

#[test]
fn code_frames_mask_the_secrets_on_the_lines_they_show() {
    // Each finding's frame shows a line with a secret: a `sig` parameter's x-example, a bearer
    // token and a password in an example.
    let dir = fixture("framed");
    let (code, report, _) = run(&[os("lint"), dir.as_os_str(), os("--all")]);
    assert_eq!(code, 1);
    assert!(
        report.contains(r#""name": "sig", "in": "query", "type": "string", "x-example": "**"#),
        "{report}"
    );
    assert!(report.contains(r#""default": "Bearer *******************************"}"#));
    assert!(report.contains("CCF115 value-not-allowed"));
    assert!(report.contains("CCF205 operation-id-invalid"));
}

#[test]
fn a_secret_finding_is_framed_with_its_value_hidden() {
    // A Stripe key as a parameter's default: the frame shows where it is, not what it is.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("api.json");
    std::fs::write(
        &file,
        "{\"swagger\": \"2.0\", \"info\": {\"title\": \"T\", \"version\": \"1\"},\n\
         \"host\": \"api.contoso.com\", \"paths\": {\"/a\": {\"get\": {\"parameters\": [\n\
         {\"name\": \"q\", \"in\": \"query\", \"type\": \"string\",\n\
         \"default\": \"sk_live_51HxYzS3CR3TAbCdEfGhIjKl\"}],\n\
         \"responses\": {\"200\": {\"description\": \"OK\"}}}}}}\n",
    )
    .unwrap();
    let (code, report, _) = run(&[os("lint"), file.as_os_str(), os("--all")]);
    assert_eq!(code, 1);
    let finding = report
        .split("CCF503 secret-in-definition")
        .nth(1)
        .and_then(|rest| rest.split("\nCCF").next())
        .unwrap_or_else(|| panic!("no secret-in-definition finding:\n{report}"));
    assert!(finding.contains("api.json:4:1)"), "{finding}");
    assert!(
        finding.contains(&format!(" 4 │ \"default\": \"{}\"}}],", "*".repeat(32))),
        "{finding}"
    );
    assert!(
        finding.contains("╰── /paths/~1a/get/parameters/0/default"),
        "{finding}"
    );
}

#[test]
fn diff_text_shows_secret_values_as_placeholders() {
    let tmp = tempfile::tempdir().unwrap();
    let old = fixture("framed/apiDefinition.swagger.json");
    let text = std::fs::read_to_string(&old).unwrap();
    let new = tmp.path().join("new.json");
    std::fs::write(
        &new,
        text.replace("planted-30", "planted-34")
            .replace("get-blobs", "GetBlobs"),
    )
    .unwrap();
    let (code, stdout, _) = run(&[os("diff"), os("--text"), old.as_os_str(), new.as_os_str()]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("+        \"operationId\": \"GetBlobs\","),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("(6 secret values shown as \"<secret>\")\n"),
        "{stdout}"
    );
    // Only the secret changed: the exit status says they differ, and the note says why nothing
    // is shown.
    let only = tmp.path().join("only.json");
    std::fs::write(&only, text.replace("planted-30", "planted-35")).unwrap();
    let (code, stdout, _) = run(&[os("diff"), os("--text"), old.as_os_str(), only.as_os_str()]);
    assert_eq!(code, 1);
    assert!(stdout.contains("the sides differ only in them"), "{stdout}");
    // The converted collections compared: nothing of theirs is printed either.
    run(&[
        os("diff"),
        os("--text"),
        fixture("planted.postman_collection.json").as_os_str(),
        fixture("planted.openapi.yaml").as_os_str(),
    ]);
}

#[test]
fn what_only_names_or_describes_a_secret_is_kept_and_not_reported() {
    // A header whose value is a scheme and a variable (GitHub's `token {{token}}`), one whose
    // value is a scheme and a `<placeholder>`, a `<placeholder>` query key, and a saved
    // response whose field about a password holds a flag: none is a secret.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("users.postman_collection.json");
    std::fs::write(
        &input,
        r#"{
  "info": {"name": "Users", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
  "item": [
    {
      "name": "Get a user",
      "request": {
        "method": "GET",
        "url": "https://api.example.com/users/1",
        "header": [
          {
            "key": "Authorization",
            "value": "token {{token}}"
          }
        ]
      },
      "response": [
        {
          "name": "A user",
          "code": 200,
          "header": [{"key": "Content-Type", "value": "application/json"}],
          "body": "{\"id\": 1, \"is_password_reset_required\": \"true\"}"
        }
      ]
    },
    {
      "name": "Get the profile",
      "request": {
        "method": "GET",
        "url": "https://api.example.com/profile?api_key=<api key>",
        "header": [{"key": "Authorization", "value": "Bearer <token>"}]
      }
    }
  ]
}"#,
    )
    .unwrap();
    let out = dir.path().join("out.json");
    let (code, _, stderr) = run(&[
        os("convert"),
        input.as_os_str(),
        os("-o"),
        out.as_os_str(),
        os("--all"),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("CCF707"), "{stderr}");
    // The header's name is never masked in a code frame.
    assert!(!stderr.contains("\"key\": \"****"), "{stderr}");
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(
        written.contains("\"is_password_reset_required\": \"true\""),
        "{written}"
    );
}

/// A client secret in the query of an OAuth URL: the definition and the connection settings
/// carry the URL, so the secret is taken out of it (the rest of the query kept).
#[test]
fn a_client_secret_in_an_oauth_url_is_taken_out_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let openapi = dir.path().join("oauth.openapi.yaml");
    std::fs::write(
        &openapi,
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\nservers: [{url: 'https://api.contoso.com'}]\n\
         components:\n  securitySchemes:\n    oa:\n      type: oauth2\n      flows:\n        authorizationCode:\n          \
         authorizationUrl: 'https://login.contoso.com/authorize?client_id=abc&client_secret=S3CR3Tq8vPp2Lr5Ww'\n          \
         tokenUrl: 'https://login.contoso.com/token#access_token=S3CR3Tfr4gm3nt&state=x'\n          \
         refreshUrl: 'https://login.contoso.com/refresh;client_secret=S3CR3Tm4tr1x;v=2'\n          scopes: {read: Read}\n\
         security: [{oa: [read]}]\npaths:\n  /a:\n    get:\n      operationId: A\n      summary: A\n      \
         responses: {'200': {description: OK}}\n",
    )
    .unwrap();
    let postman = dir.path().join("oauth.postman_collection.json");
    let collection = serde_json::json!({
        "info": {"name": "P", "schema":
            "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "auth": {"type": "oauth2", "oauth2": [
            {"key": "authUrl", "value": "https://login.contoso.com/authorize?client_id=abc&client_secret=S3CR3Tq8vPp2Lr5Ww"},
            {"key": "accessTokenUrl", "value": "https://login.contoso.com/token#access_token=S3CR3Tfr4gm3nt"},
            {"key": "grant_type", "value": "authorization_code"}]},
        "item": [{"name": "Get things", "request": {"method": "GET", "url": "https://api.contoso.com/things"}}]
    });
    std::fs::write(&postman, collection.to_string()).unwrap();
    let swagger = dir.path().join("oauth.swagger.json");
    let definition = serde_json::json!({
        "swagger": "2.0",
        "info": {"title": "S", "description": "A definition.", "version": "1"},
        "host": "api.contoso.com", "basePath": "/", "schemes": ["https"],
        "securityDefinitions": {"oa": {"type": "oauth2", "flow": "accessCode",
            "authorizationUrl": "https://me:S3CR3Tus3r1nf0@login.contoso.com/authorize?client_id=abc&client_secret=S3CR3Tq8vPp2Lr5Ww&code=S3CR3Tc0de",
            "tokenUrl": "https://login.contoso.com/token#S3CR3Tbare1",
            "scopes": {}}},
        "security": [{"oa": []}],
        "paths": {"/a": {"get": {"operationId": "A", "summary": "A", "description": "Gets A.",
            "responses": {"200": {"description": "OK"}}}}}
    });
    std::fs::write(&swagger, definition.to_string()).unwrap();
    for (input, said) in [
        (
            &openapi,
            "the `authorizationUrl` holds a credential (in its query, fragment or user info)",
        ),
        (
            &postman,
            "the OAuth 2.0 `authUrl` (its query, fragment or user info) holds a secret",
        ),
        (
            &swagger,
            "the `authorizationUrl` of security definition `oa` holds a credential",
        ),
    ] {
        let out = dir.path().join("out");
        let (_, _, stderr) = run(&[
            os("convert"),
            input.as_os_str(),
            os("--out-dir"),
            out.as_os_str(),
            os("--force"),
            os("--client-id"),
            os("abc"),
        ]);
        assert!(stderr.contains(said), "no `{said}` in:\n{stderr}");
        assert_no_secret_written(&out);
        let written = std::fs::read_to_string(out.join("apiDefinition.swagger.json")).unwrap();
        assert!(
            written.contains(
                "\"authorizationUrl\": \"https://login.contoso.com/authorize?client_id=abc\""
            ),
            "{written}"
        );
    }
}

/// A `setheader` policy's value is named by the `.name` member on the line before it; a pretty
/// Swagger parameter's `default` by its `name` lines above: code frames mask both.
#[test]
fn code_frames_mask_a_value_named_on_an_earlier_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("apiDefinition.swagger.json"),
        "{\n  \"swagger\": \"2.0\",\n  \"info\": {\"title\": \"Things\", \"version\": \"1.0\"},\n  \
         \"host\": \"api.contoso.com\",\n  \"paths\": {\n    \"/things\": {\n      \"get\": {\n        \
         \"operationId\": \"ListThings\",\n        \"summary\": \"List things\",\n        \"parameters\": [\n          {\n            \
         \"name\": \"api_key\",\n            \"in\": \"query\",\n            \"type\": \"string\",\n            \
         \"default\": \"S3CR3Tq8vPp2Lr5Ww\",\n            \"x-ms-visibility\": \"hidden\",\n            \
         \"required\": 3\n          }\n        ],\n        \"responses\": {\"200\": {\"description\": \"OK\"}}\n      }\n    }\n  }\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("apiProperties.json"),
        "{\n  \"properties\": {\n    \"connectionParameters\": {},\n    \"iconBrandColor\": \"#da3b01\",\n    \
         \"policyTemplateInstances\": [\n      {\n        \"templateId\": \"setheader\",\n        \"title\": \"Key\",\n        \
         \"parameters\": {\n          \"x-ms-apimTemplateParameter.name\": \"X-Api-Key\",\n          \
         \"x-ms-apimTemplateParameter.value\": \"S3CR3Tq8vPp2Lr5Ww\",\n          \
         \"x-ms-apimTemplate-policySection\": \"Requests\",\n          \
         \"x-ms-apimTemplateParameter.existsAction\": \"override\"\n        }\n      }\n    ]\n  }\n}\n",
    )
    .unwrap();
    let (code, stdout, _) = run(&[os("lint"), dir.path().as_os_str(), os("--all")]);
    assert_eq!(code, 1, "{stdout}");
    // Both frames show the masked line.
    assert!(
        stdout.contains("\"x-ms-apimTemplateParameter.value\": \"*****************\""),
        "{stdout}"
    );
    assert!(
        stdout.contains("\"default\": \"*****************\""),
        "{stdout}"
    );
}

/// Form fields and object values under a secret name: their `default`, `enum`, `const` and
/// `example` are the secret, whatever their shape.
#[test]
fn secret_form_fields_and_secret_objects_are_withheld() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("forms.openapi.json");
    std::fs::write(
        &input,
        serde_json::json!({"openapi": "3.0.3", "info": {"title": "T", "version": "1"},
            "servers": [{"url": "https://api.contoso.com"}],
            "paths": {
                "/form": {"post": {"operationId": "Form", "summary": "Form",
                    "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {
                        "type": "object", "properties": {
                            "client_secret": {"type": "string", "default": "S3CR3Tform11", "enum": ["S3CR3Tform12"]},
                            "password": {"type": "string", "const": "S3CR3Tconst13"},
                            "scope": {"type": "string", "default": "read"}}}}}},
                    "responses": {"200": {"description": "OK"}}}},
                "/json": {"post": {"operationId": "Json", "summary": "Json",
                    "requestBody": {"content": {"application/json": {"schema": {
                        "type": "object", "properties": {
                            "secret": {"type": "object", "default": {"inner": "S3CR3Tobjdef24"},
                                "example": {"inner": "S3CR3Tobjex25"}}}}}}},
                    "responses": {"200": {"description": "OK"}}}}}})
        .to_string(),
    )
    .unwrap();
    let stderr = convert_everywhere(&input);
    for said in [
        "the `enum`, `default` of form field `client_secret` hold a secret",
        "the `enum` of form field `password` holds a secret",
        "the `default`, `example` of property `secret` hold a secret",
    ] {
        assert!(stderr.contains(said), "no `{said}` in:\n{stderr}");
    }
    let (_, stdout, _) = run(&[os("convert"), input.as_os_str()]);
    assert!(stdout.contains("\"default\": \"read\""), "{stdout}");
}

/// The `enum` of a secret-named parameter is its secret: `diff` names how many values changed,
/// `diff --text` shows them as placeholders.
#[test]
fn diff_does_not_repeat_the_enum_values_of_a_secret() {
    let dir = tempfile::tempdir().unwrap();
    let side = |value: &str, file: &str| {
        let path = dir.path().join(file);
        std::fs::write(
            &path,
            serde_json::to_string_pretty(&serde_json::json!({
                "swagger": "2.0", "info": {"title": "T", "version": "1"},
                "host": "api.contoso.com", "paths": {"/a": {"get": {"operationId": "A",
                    "parameters": [{"name": "api_key", "in": "query", "type": "string",
                        "enum": [value]}],
                    "responses": {"200": {"description": "OK"}}}}}}))
            .unwrap(),
        )
        .unwrap();
        path
    };
    let old = side("S3CR3Tenum-old-01", "old.json");
    let new = side("S3CR3Tenum-new-02", "new.json");
    for format in ["pretty", "json", "markdown", "github"] {
        let (code, _, _) = run(&[
            os("diff"),
            old.as_os_str(),
            new.as_os_str(),
            os("--format"),
            os(format),
        ]);
        assert_eq!(code, 1, "{format}");
    }
    let (code, stdout, _) = run(&[os("diff"), os("--text"), old.as_os_str(), new.as_os_str()]);
    assert_eq!(code, 1);
    assert!(stdout.contains("the sides differ only in them"), "{stdout}");
}
