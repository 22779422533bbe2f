//! `fix` and `convert --out-dir` through the real binary: what is written, what is refused, and
//! the exit codes.

mod common;
use common::ccforge;

use assert_cmd::Command;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

fn temp_copy(rel: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(Path::new(rel).file_name().unwrap());
    std::fs::copy(fixture(rel), &path).unwrap();
    (dir, path)
}

#[test]
fn fix_in_place_rewrites_once_and_then_has_nothing_to_do() {
    let (_dir, path) = temp_copy("fix/every-problem.json");
    ccforge()
        .args(["fix", "--check"])
        .arg(&path)
        .assert()
        .code(1);
    ccforge()
        .args(["fix", "--in-place"])
        .arg(&path)
        .assert()
        .code(0);
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        fixed,
        std::fs::read_to_string(fixture("fix/every-problem.out.json")).unwrap()
    );
    ccforge()
        .args(["fix", "--check"])
        .arg(&path)
        .assert()
        .code(0);
    // A clean file is left byte for byte as it was, formatting included.
    let (_d2, clean) = temp_copy("lint/connectors/clean/apiDefinition.swagger.json");
    let before = std::fs::read(&clean).unwrap();
    ccforge()
        .args(["fix", "--in-place"])
        .arg(&clean)
        .assert()
        .code(0);
    assert_eq!(std::fs::read(&clean).unwrap(), before);
}

#[test]
fn fix_diff_prints_a_unified_diff_and_writes_nothing() {
    let (_dir, path) = temp_copy("fix/every-problem.json");
    let before = std::fs::read(&path).unwrap();
    let out = ccforge()
        .args(["fix", "--diff"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(diff.starts_with("--- a/"), "{diff}");
    assert!(
        diff.contains("-        \"operationId\": \"get-user\",\n"),
        "{diff}"
    );
    assert!(
        diff.contains("+        \"operationId\": \"GetUser\",\n"),
        "{diff}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn fix_keeps_the_text_of_what_it_does_not_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("api.json");
    // Written by hand: one-line objects and arrays, `" : "`, a blank line, `1E2`.
    let text = "{\n  \"swagger\" : \"2.0\",\n  \"info\": {\"title\": \"Things\", \"version\": \"1\"},\n  \"host\": \"api.contoso.com\",\n  \"schemes\": [ \"https\" ],\n\n  \"paths\": {\n    \"/things\": {\n      \"get\": {\"operationId\": \"ListThings\", \"summary\": \"List things\", \"description\": \"Lists things.\", \"responses\": {\"200\": {\"description\": \"OK\"}}}\n    },\n    \"/items\": {\n      \"get\": {\"summary\": \"List items\", \"description\": \"Lists items.\", \"x-max\": 1E2, \"responses\": {\"200\": {\"description\": \"OK\"}}}\n    }\n  }\n}\n";
    std::fs::write(&path, text).unwrap();
    let out = ccforge()
        .args(["fix", "--in-place"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fixed = std::fs::read_to_string(&path).unwrap();
    // Only the operation given an id is laid out anew; every other line is as it was.
    let expected = text.replace(
        "      \"get\": {\"summary\": \"List items\", \"description\": \"Lists items.\", \"x-max\": 1E2, \"responses\": {\"200\": {\"description\": \"OK\"}}}\n",
        "      \"get\": {\n        \"operationId\": \"GetItems\",\n        \"summary\": \"List items\",\n        \"description\": \"Lists items.\",\n        \"x-max\": 1E2,\n        \"responses\": {\"200\": {\"description\": \"OK\"}}\n      }\n",
    );
    assert_eq!(fixed, expected);
    // What changed is what `--diff` shows, and a second run has nothing to do.
    let again = ccforge()
        .args(["fix", "--check"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(0));
}

#[test]
fn fix_diff_of_a_minified_definition_shows_both_versions_indented() {
    let (dir, path) = temp_copy("fix/every-problem.json");
    let pretty: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let minified = dir.path().join("minified.json");
    let text = serde_json::to_string(&pretty).unwrap();
    std::fs::write(&minified, &text).unwrap();
    let out = ccforge()
        .args(["fix", "--diff"])
        .arg(&minified)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let diff = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(diff.starts_with("--- a/"), "{diff}");
    // The change itself, not the whole file as one removed and one added line.
    assert!(
        diff.contains("\n-        \"operationId\": \"get-user\",\n"),
        "{diff}"
    );
    assert!(
        diff.contains("\n+        \"operationId\": \"GetUser\",\n"),
        "{diff}"
    );
    assert!(diff.lines().all(|l| l.len() < 200), "{diff}");
    assert!(
        stderr.contains(
            "note: both versions are on one line: the diff shows both indented by two spaces"
        ),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&minified).unwrap(), text);
}

#[test]
fn fix_of_yaml_says_that_its_comments_are_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("api.yaml");
    let text = "# Contoso\nswagger: '2.0'\ninfo: {title: Things, version: '1.0', description: Things.}  # short\n\
                host: api.example.com\nbasePath: /\nschemes: [https]\npaths:\n  /things:\n    get:\n      \
                summary: List things\n      description: Lists things.\n      responses: {'200': {description: OK}}\n";
    std::fs::write(&input, text).unwrap();
    let note = |args: &[&str], file: &std::path::Path| {
        let out = ccforge().arg("fix").args(args).arg(file).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stderr)
            .unwrap()
            .lines()
            .filter(|l| l.starts_with("note:"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let fixed = dir.path().join("fixed.yaml");
    assert_eq!(
        note(&["-o", fixed.to_str().unwrap()], &input),
        [format!(
            "note: the fixed definition is written from the parsed form of {}, without its 2 comments",
            input.display()
        )]
    );
    assert!(!std::fs::read_to_string(&fixed).unwrap().contains('#'));
    assert_eq!(
        note(&["--diff"], &input),
        [format!(
            "note: the fixed definition would be written from the parsed form of {}, without its 2 comments",
            input.display()
        )]
    );
    // Nothing to change: the file is left as it is, and nothing is said.
    let commented = format!("# Fixed\n{}", std::fs::read_to_string(&fixed).unwrap());
    std::fs::write(&fixed, commented).unwrap();
    assert_eq!(note(&["--diff"], &fixed), Vec::<String>::new());
}

#[test]
fn fix_refuses_to_write_over_its_input_with_o() {
    let (_dir, path) = temp_copy("fix/every-problem.json");
    let before = std::fs::read(&path).unwrap();
    ccforge()
        .args(["fix", "-o"])
        .arg(&path)
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--in-place"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn fix_rejects_what_is_not_swagger2_and_passes_can_be_switched_off() {
    let dir = tempfile::tempdir().unwrap();
    let oas3 = dir.path().join("openapi.json");
    std::fs::write(
        &oas3,
        r#"{"openapi": "3.0.3", "info": {"title": "x", "version": "1"}, "paths": {}}"#,
    )
    .unwrap();
    ccforge()
        .arg("fix")
        .arg(&oas3)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("ccforge convert"));

    let path = dir.path().join("api.json");
    std::fs::copy(fixture("fix/every-problem.json"), &path).unwrap();
    std::fs::write(
        dir.path().join("ccforge.toml"),
        "[passes]\nfix-operation-ids = false\nfix-summaries = false\n",
    )
    .unwrap();
    let out = ccforge().arg("fix").arg(&path).output().unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let op = &doc["paths"]["/users/{id}"]["get"];
    assert_eq!(op["operationId"], "get-user");
    assert_eq!(op["summary"], "Get/read a <user> & show it?");
    // The other passes still ran.
    assert_eq!(op["parameters"][0]["x-ms-url-encoding"], "single");
    // The remaining lint error (the hyphenated id) is reported and fails the run.
    assert_eq!(out.status.code(), Some(1));

    std::fs::write(
        dir.path().join("ccforge.toml"),
        "[passes]\nno-such-pass = false\n",
    )
    .unwrap();
    ccforge()
        .arg("fix")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown pass"));
}

#[test]
fn convert_out_dir_writes_a_connector_that_lints_clean_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("Contoso");
    let args = |c: &mut Command| {
        c.arg("convert")
            .arg(fixture("fix/every-problem.json"))
            .args([
                "--host",
                "contoso.azurewebsites.net",
                "--auth",
                "aad",
                "--client-id",
                "00000000-0000-0000-0000-000000000001",
                "--resource-url",
                "https://contoso.azurewebsites.net",
                "--settings",
                "--out-dir",
            ])
            .arg(&out_dir);
    };
    let mut c = ccforge();
    args(&mut c);
    c.assert().code(0);
    let props: Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("apiProperties.json")).unwrap())
            .unwrap();
    let s = &props["properties"]["connectionParameters"]["token"]["oAuthSettings"];
    assert_eq!(s["identityProvider"], "aad");
    assert_eq!(s["redirectMode"], "GlobalPerConnector");
    assert_eq!(
        s["customParameters"]["resourceUri"]["value"],
        "https://contoso.azurewebsites.net"
    );
    assert_eq!(s["customParameters"]["tenantId"]["value"], "common");
    assert_eq!(
        s["customParameters"]["loginUri"]["value"],
        "https://login.windows.net"
    );
    let swagger: Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("apiDefinition.swagger.json")).unwrap())
            .unwrap();
    assert_eq!(swagger["host"], "contoso.azurewebsites.net");
    assert_eq!(
        swagger["securityDefinitions"],
        serde_json::json!({"oauth2_auth": {"type": "oauth2", "flow": "accessCode",
            "authorizationUrl": "https://login.windows.net/common/oauth2/authorize",
            "tokenUrl": "https://login.windows.net/common/oauth2/authorize", "scopes": {}}})
    );
    assert!(out_dir.join("settings.json").is_file());
    ccforge().arg("lint").arg(&out_dir).assert().code(0);

    // Again: refused, nothing touched; with --force it is rewritten.
    std::fs::write(out_dir.join("apiProperties.json"), "{}").unwrap();
    let mut c = ccforge();
    args(&mut c);
    c.assert()
        .code(2)
        .stderr(predicates::str::contains("--force"));
    assert_eq!(
        std::fs::read_to_string(out_dir.join("apiProperties.json")).unwrap(),
        "{}"
    );
    let mut c = ccforge();
    args(&mut c);
    c.arg("--force").assert().code(0);
    assert_ne!(
        std::fs::read_to_string(out_dir.join("apiProperties.json")).unwrap(),
        "{}"
    );
}

#[test]
fn convert_out_dir_keeps_the_descriptions_of_oauth_scopes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("openapi.yaml");
    std::fs::write(
        &input,
        "openapi: 3.0.3\ninfo: {title: Things, version: '1'}\nservers: [{url: 'https://api.contoso.com'}]\n\
         components:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        authorizationCode:\n\
         \x20         authorizationUrl: https://login.contoso.com/authorize\n          tokenUrl: https://login.contoso.com/token\n\
         \x20         scopes: {read: Read your things, write: Change your things}\n\
         security: [{oauth: [read]}]\n\
         paths:\n  /things:\n    get:\n      operationId: ListThings\n      summary: List things\n\
         \x20     description: Lists things.\n      responses: {'200': {description: OK}}\n",
    )
    .unwrap();
    let out = dir.path().join("connector");
    ccforge()
        .arg("convert")
        .arg(&input)
        .args(["--client-id", "abc", "--scopes", "read,admin", "--out-dir"])
        .arg(&out)
        .assert()
        .code(0);
    let doc: Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("apiDefinition.swagger.json")).unwrap(),
    )
    .unwrap();
    // The scopes the connection asks for; those the definition described keep their words.
    assert_eq!(
        doc["securityDefinitions"]["oauth2_auth"]["scopes"],
        json!({"read": "Read your things", "admin": "admin"})
    );
}

#[test]
fn convert_without_a_client_id_reports_it_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    ccforge()
        .arg("convert")
        .arg(fixture("fix/every-problem.json"))
        .args([
            "--auth",
            "aad",
            "--resource-url",
            "https://contoso.azurewebsites.net",
            "--out-dir",
        ])
        .arg(dir.path().join("c"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("--client-id"));
}

#[test]
fn convert_checks_the_resource_url_like_the_lint_rule() {
    let dir = tempfile::tempdir().unwrap();
    ccforge()
        .arg("convert")
        .arg(fixture("fix/every-problem.json"))
        .args([
            "--auth",
            "aad",
            "--client-id",
            "00000000-0000-0000-0000-000000000001",
            "--resource-url",
            "https://management.azure.com",
            "--format",
            "json",
            "--out-dir",
        ])
        .arg(dir.path().join("c"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("resource-url-trailing-slash"));
}

fn convert_fixture(case: &str, extra: &[&str]) -> (i32, String, String) {
    let dir = fixture("convert").join(case);
    let input = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("input.")
        })
        .unwrap();
    let out = ccforge()
        .arg("convert")
        .arg(input)
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn postman_secrets_never_reach_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("c");
    let (code, stdout, _) = convert_fixture("postman-v21-features", &[]);
    assert_eq!(code, 0);
    let (code, _, stderr) = convert_fixture(
        "postman-v21-features",
        &["--out-dir", out_dir.to_str().unwrap(), "--settings"],
    );
    assert_eq!(code, 0, "{stderr}");
    let mut written = stdout;
    for f in [
        "apiDefinition.swagger.json",
        "apiProperties.json",
        "settings.json",
    ] {
        written.push_str(&std::fs::read_to_string(out_dir.join(f)).unwrap());
    }
    for secret in ["tok_live_8f2a91c4d7e6b3a5", "Hunter2!"] {
        assert!(!written.contains(secret), "{secret} was written");
        assert!(!stderr.contains(secret), "{secret} was printed");
    }
    // The bearer auth became an API key connection whose key is the Authorization header.
    let props: Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("apiProperties.json")).unwrap())
            .unwrap();
    assert_eq!(
        props["properties"]["connectionParameters"]["api_key"]["type"],
        "securestring"
    );
    ccforge().arg("lint").arg(&out_dir).assert().code(0);
    let (_, _, v1_stderr) = convert_fixture("postman-v1-folders", &[]);
    assert!(!v1_stderr.contains("S3cr3t-Pa55"));
}

#[test]
fn strict_fails_on_any_loss_and_variables_resolve_by_precedence() {
    let (code, _, _) = convert_fixture("postman-v21-features", &["--strict"]);
    assert_eq!(code, 1);
    // --var beats the collection's own variable.
    let (code, stdout, _) = convert_fixture(
        "postman-v21-features",
        &["--var", "apiHost=staging.contoso.com"],
    );
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["host"], "staging.contoso.com");
    // An environment file resolves the host the collection leaves open; --var still wins.
    let dir = tempfile::tempdir().unwrap();
    let env = dir.path().join("env.json");
    std::fs::write(
        &env,
        r#"{"name": "dev", "values": [{"key": "baseUrl", "value": "https://dev.example.com/api", "enabled": true},
            {"key": "traceId", "value": "abc", "enabled": false}]}"#,
    )
    .unwrap();
    let (code, stdout, stderr) =
        convert_fixture("postman-unresolved-host", &["--env", env.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let doc: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["host"], "dev.example.com");
    assert_eq!(doc["basePath"], "/api");
    assert!(
        stderr.contains("{{traceId}}"),
        "a disabled environment value does not resolve"
    );
    let (_, stdout, _) = convert_fixture(
        "postman-unresolved-host",
        &[
            "--env",
            env.to_str().unwrap(),
            "--var",
            "baseUrl=https://prod.example.com",
        ],
    );
    let doc: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["host"], "prod.example.com");
    // Without any value for the host: an error that says what to pass, exit 2, nothing printed.
    let (code, stdout, stderr) = convert_fixture("postman-unresolved-host", &[]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("--var baseUrl=VALUE"), "{stderr}");
}

#[test]
fn convert_yaml_output_and_bad_input() {
    let (code, stdout, _) = convert_fixture("postman-v1-folders", &["--format-out", "yaml"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("swagger: \"2.0\"\n"), "{stdout}");
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.json");
    std::fs::write(&bad, "{\"info\": {\"name\": \"x\",").unwrap();
    let out = dir.path().join("out.json");
    ccforge()
        .arg("convert")
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("broken.json"));
    assert!(!out.exists(), "no output file on bad input");
}

/// `-o` a `.yaml` or `.yml` file writes YAML unless `--format-out` says otherwise; a connector
/// folder is JSON, so asking it for YAML is refused before any work; and `--out-dir` onto a
/// file says what to do rather than to pass `--force`.
#[test]
fn the_output_syntax_follows_the_file_name_and_a_folder_is_never_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = dir.path().join("api.yml");
    let (code, _, stderr) = convert_fixture("postman-v1-folders", &["-o", yaml.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(&yaml).unwrap();
    assert!(text.starts_with("swagger: \"2.0\"\n"), "{text}");
    let json = dir.path().join("api.yaml");
    let (code, _, stderr) = convert_fixture(
        "postman-v1-folders",
        &["-o", json.to_str().unwrap(), "--format-out", "json"],
    );
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(&json).unwrap();
    assert!(text.starts_with("{\n  \"swagger\": \"2.0\""), "{text}");

    let folder = dir.path().join("connector");
    let (code, _, stderr) = convert_fixture(
        "postman-v1-folders",
        &[
            "--out-dir",
            folder.to_str().unwrap(),
            "--format-out",
            "yaml",
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("drop --format-out yaml, or write the YAML definition alone with -o FILE"),
        "{stderr}"
    );
    assert!(!folder.exists());

    let file = dir.path().join("existing.json");
    std::fs::write(&file, "{}").unwrap();
    let (code, _, stderr) = convert_fixture(
        "postman-v1-folders",
        &["--out-dir", file.to_str().unwrap(), "--force"],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("it exists and is not a folder"), "{stderr}");
    assert!(
        stderr.contains("--out-dir names a connector folder"),
        "{stderr}"
    );
    assert!(!stderr.contains("pass `--force`"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "{}");
}

fn convert_text(name: &str, text: &str, extra: &[&str]) -> (i32, Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let out = ccforge()
        .arg("convert")
        .arg(&path)
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A renamed operationId is a warning about the flows that use it only where flows may exist:
/// a new connector made from OpenAPI 3 tells it as an info (so `--strict` passes), a Swagger 2.0
/// definition converted keeps the warning.
#[test]
fn a_renamed_operation_id_warns_only_when_flows_may_use_it() {
    let openapi = "openapi: 3.0.3\ninfo: {title: Mail, version: '1'}\n\
        servers: [{url: 'https://api.contoso.com'}]\npaths:\n  /emails:\n    post:\n      \
        operationId: emails/send\n      summary: Send an email\n      \
        responses: {'200': {description: OK}}\n";
    let swagger = r#"{"swagger": "2.0", "info": {"title": "Mail", "version": "1"},
        "host": "api.contoso.com", "paths": {"/emails": {"post": {"operationId": "emails/send",
        "summary": "Send an email", "responses": {"200": {"description": "OK"}}}}}}"#;
    for (name, text, severity, strict_code) in [
        ("mail.yaml", openapi, "info", 0),
        ("mail.json", swagger, "warning", 1),
    ] {
        let (code, doc, stderr) = convert_text(name, text, &["--format", "json"]);
        assert_eq!(code, 0, "{name}: {stderr}");
        assert_eq!(doc["paths"]["/emails"]["post"]["operationId"], "EmailsSend");
        let report: Value = serde_json::from_str(&stderr).unwrap();
        let renamed: Vec<&Value> = (report["diagnostics"].as_array().unwrap().iter())
            .filter(|d| d["rule"] == "fix-operation-ids")
            .collect();
        assert_eq!(renamed.len(), 1, "{name}: {report}");
        assert_eq!(renamed[0]["severity"], severity, "{name}");
        assert_eq!(
            renamed[0]["message"],
            "operationId `emails/send` is not alphanumeric; renamed to `EmailsSend`"
        );
        assert!(
            (renamed[0]["help"].as_str().unwrap()).contains("flows that call the old id"),
            "{name}: {report}"
        );
        let (code, _, stderr) = convert_text(name, text, &["--strict"]);
        assert_eq!(code, strict_code, "{name} --strict: {stderr}");
    }
}

const SERVERS: &str = r#"
openapi: 3.0.3
info: {title: Servers, version: "1"}
servers:
  - url: https://{env}.example.com:{port}/api
    variables:
      env: {default: prod}
      port: {default: "8443"}
  - url: /relative
paths:
  /x:
    get:
      operationId: GetX
      responses: {"200": {description: OK}}
"#;

#[test]
fn openapi_servers_choose_host_base_path_and_scheme() {
    let (code, doc, _) = convert_text("api.yaml", SERVERS, &[]);
    assert_eq!(code, 0);
    assert_eq!(doc["host"], "prod.example.com:8443");
    assert_eq!(doc["basePath"], "/api");
    let (_, doc, _) = convert_text("api.yaml", SERVERS, &["--server-var", "env=test"]);
    assert_eq!(doc["host"], "test.example.com:8443");
    // A relative server needs --host.
    let (code, _, stderr) = convert_text("api.yaml", SERVERS, &["--server", "1"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("--host"), "{stderr}");
    let (code, doc, _) = convert_text(
        "api.yaml",
        SERVERS,
        &["--server", "1", "--host", "api.contoso.com"],
    );
    assert_eq!(code, 0);
    assert_eq!(doc["host"], "api.contoso.com");
    assert_eq!(doc["basePath"], "/relative");
}

#[test]
fn openapi_remote_refs_and_openid_connect_are_errors_that_say_what_to_do() {
    let text = r#"{"openapi": "3.0.0", "info": {"title": "t", "version": "1"},
      "servers": [{"url": "https://api.example.com"}],
      "paths": {"/a": {"get": {"operationId": "GetA", "responses": {"200": {"description": "OK",
        "content": {"application/json": {"schema": {"$ref": "https://example.com/schemas/a.json"}}}}}}}},
      "components": {"securitySchemes": {"oidc": {"type": "openIdConnect", "openIdConnectUrl": "https://login.example.com/.well-known/openid-configuration"}}},
      "security": [{"oidc": []}]}"#;
    let (code, doc, stderr) = convert_text("api.json", text, &["--format", "json"]);
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stderr).unwrap();
    let errors = common::picked(&report["diagnostics"], "severity", "error", "rule");
    assert_eq!(errors, ["openapi-ref", "openapi-security"], "{stderr}");
    assert_eq!(doc["securityDefinitions"]["oidc"]["flow"], "accessCode");
    let (code, doc, stderr) = convert_text(
        "api.json",
        text.replace(
            "https://example.com/schemas/a.json",
            "#/components/schemas/A",
        )
        .replace(
            r#""securitySchemes""#,
            r#""schemas": {"A": {"type": "string"}}, "securitySchemes""#,
        )
        .as_str(),
        &[
            "--authorization-url",
            "https://login.example.com/authorize",
            "--token-url",
            "https://login.example.com/token",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    // The connection settings were given, so the one security definition matches them.
    let (_, def) = doc["securityDefinitions"]
        .as_object()
        .unwrap()
        .iter()
        .next()
        .unwrap();
    assert_eq!(
        def["authorizationUrl"],
        "https://login.example.com/authorize"
    );
    assert_eq!(def["tokenUrl"], "https://login.example.com/token");
}

#[test]
fn openapi_conversion_is_deterministic() {
    let input = fixture("convert/openapi31-features/input.yaml");
    let run = || {
        ccforge()
            .arg("convert")
            .arg(&input)
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run(), run());
}

/// The rule of each diagnostic of a JSON report, in order.
fn rule_names(report: &Value) -> Vec<&str> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect()
}

/// The summary line (last line of standard error) of a `fix` run, with its exit code.
fn fix_run(args: &[&str], file: &Path) -> (i32, String, String) {
    let out = ccforge().arg("fix").args(args).arg(file).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let summary = stderr.lines().last().unwrap_or_default().to_string();
    (out.status.code().unwrap(), summary, stderr)
}

#[test]
fn fix_check_and_diff_report_what_the_lint_still_finds() {
    let (dir, path) = temp_copy("fix/nothing-to-fix-host-with-scheme.json");
    let before = std::fs::read(&path).unwrap();
    let out = dir.path().join("out.json");
    let (code, written, _) = fix_run(&["-o", out.to_str().unwrap()], &path);
    assert_eq!(code, 1);
    assert_eq!(written, "1 error, 0 warnings and 0 infos in 1 file.");
    // Nothing to change, but the error remains: --check and --diff say so as -o does.
    for mode in ["--check", "--diff"] {
        let (code, summary, stderr) = fix_run(&[mode], &path);
        assert_eq!(code, 1, "{mode}: {stderr}");
        assert_eq!(summary, written, "{mode}: {stderr}");
        assert!(
            stderr.contains("CCF102 host-invalid (") && stderr.contains(".json:8:3)"),
            "{mode}: {stderr}"
        );
        let (code, _, stderr) = fix_run(&[mode, "--fail-on=never"], &path);
        assert_eq!(code, 0, "{mode} --fail-on=never: {stderr}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn fix_replaces_an_existing_output_only_with_force() {
    let (dir, path) = temp_copy("fix/fixable-and-host-with-scheme.json");
    let out = dir.path().join("out.json");
    std::fs::write(&out, "kept").unwrap();
    let (code, summary, stderr) = fix_run(&["-o", out.to_str().unwrap()], &path);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("out.json already exists\n"), "{stderr}");
    // The help is the one for this case, not the list for every way writing can fail.
    assert!(
        stderr.contains("help: pass --force to overwrite it, or name another output\n"),
        "{stderr}"
    );
    assert_eq!(summary, "1 error, 0 warnings and 0 infos.");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "kept");
    let (code, _, stderr) = fix_run(&["-o", out.to_str().unwrap(), "--force"], &path);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("\"swagger\"")
    );
}

/// `--diff` and `--check` write nothing: with `--in-place` or `-o` the run is refused instead
/// of leaving the file as it was without a word.
#[test]
fn a_preview_with_a_write_is_refused() {
    let (dir, path) = temp_copy("fix/fixable-and-host-with-scheme.json");
    let before = std::fs::read(&path).unwrap();
    let out = dir.path().join("out.json");
    for args in [
        vec!["--in-place", "--diff"],
        vec!["--check", "--in-place"],
        vec!["--diff", "-o", out.to_str().unwrap()],
    ] {
        let (code, _, stderr) = fix_run(&args, &path);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains("cannot be used with"), "{args:?}: {stderr}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!out.exists());
}

#[test]
fn fix_check_locates_what_remains_in_the_input() {
    let (dir, path) = temp_copy("fix/fixable-and-host-with-scheme.json");
    let input = std::fs::read_to_string(&path).unwrap();
    let host_line = input.lines().position(|l| l.contains("\"host\"")).unwrap() + 1;
    let out = dir.path().join("out.json");
    let (code, written, _) = fix_run(&["-o", out.to_str().unwrap()], &path);
    assert_eq!(code, 1);
    for mode in ["--check", "--diff"] {
        let (code, summary, stderr) = fix_run(&[mode], &path);
        assert_eq!(code, 1, "{mode}: {stderr}");
        assert_eq!(summary, written, "{mode}: {stderr}");
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(
            stderr.contains(&format!("{name}:{host_line}:3)")),
            "{mode}: the host finding is not at line {host_line} of the input: {stderr}"
        );
    }
}

/// In a connector folder, `fix` judges the definition with the apiProperties.json beside it, as
/// `lint` of the folder does: connection settings declared there are no missing security.
/// An operationId that apiProperties.json or script.csx names is not renamed in the
/// definition alone: the custom code and the policy would stop applying to the operation.
#[test]
fn fix_in_a_connector_folder_keeps_the_operation_ids_the_files_beside_it_name() {
    let dir = tempfile::tempdir().unwrap();
    let def = dir.path().join("apiDefinition.swagger.json");
    let op = |id: &str, summary: &str| {
        serde_json::json!({"operationId": id, "summary": summary, "description": format!("{summary}."),
            "responses": {"200": {"description": "OK"}}})
    };
    let doc = serde_json::json!({
        "swagger": "2.0",
        "info": {"title": "Mail", "description": "Sends and reads mail.", "version": "1.0"},
        "host": "mail.contoso.com",
        "basePath": "/",
        "schemes": ["https"],
        "paths": {
            "/send": {"post": op("Send_Mail", "Send mail")},
            "/drafts": {"post": op("Save_Draft", "Save a draft")},
            "/search": {"get": op("Search_Mail", "Search mail")},
            "/folders": {"get": op("List_Folders", "List folders")}
        }
    });
    std::fs::write(&def, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    std::fs::write(
        dir.path().join("apiProperties.json"),
        r#"{"properties": {"scriptOperations": ["Send_Mail"],
            "policyTemplateInstances": [{"templateId": "routerequesttoendpoint", "title": "Route",
              "parameters": {"x-ms-apimTemplate-operationName": ["Save_Draft"],
                "x-ms-apimTemplateParameter.newPath": "/v2/drafts"}}]}}"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("script.csx"),
        "public class Script : ScriptBase {\n  public override async Task<HttpResponseMessage> ExecuteAsync() {\n    \
         if (this.Context.OperationId == \"Search_Mail\") { }\n    return await this.Context.SendAsync(this.Context.Request, this.CancellationToken);\n  }\n}\n",
    )
    .unwrap();
    let out = ccforge()
        .args(["fix", "--in-place", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stderr).unwrap();
    let fixed: Value = serde_json::from_str(&std::fs::read_to_string(&def).unwrap()).unwrap();
    let id = |path: &str, method: &str| fixed["paths"][path][method]["operationId"].clone();
    assert_eq!(id("/send", "post"), "Send_Mail");
    assert_eq!(id("/drafts", "post"), "Save_Draft");
    assert_eq!(id("/search", "get"), "Search_Mail");
    // Named by nothing beside it: renamed.
    assert_eq!(id("/folders", "get"), "ListFolders");
    let kept: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "fix-operation-ids" && d["severity"] == "warning")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        kept,
        [
            "operationId `Send_Mail` is not alphanumeric, but apiProperties.json (`scriptOperations`) names it: kept; rename it there and here together",
            "operationId `Save_Draft` is not alphanumeric, but a policy template in apiProperties.json names it: kept; rename it there and here together",
            "operationId `Search_Mail` is not alphanumeric, but script.csx names it: kept; rename it there and here together",
            "operationId `List_Folders` is not alphanumeric; renamed to `ListFolders`",
        ],
        "{report}"
    );
    // The folder still agrees with itself.
    let lint = ccforge()
        .args(["lint", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let lint: Value = serde_json::from_slice(&lint.stdout).unwrap();
    for d in lint["diagnostics"].as_array().unwrap() {
        assert!(
            !["script-operation-unknown", "policy-template-reference"]
                .contains(&d["rule"].as_str().unwrap()),
            "{d}"
        );
    }
}

#[test]
fn fix_in_a_connector_folder_reads_the_connection_settings_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let def = dir.path().join("apiDefinition.swagger.json");
    let doc = serde_json::json!({
        "swagger": "2.0",
        "info": {"title": "Vault", "description": "Reads secrets from the vault.", "version": "1.0"},
        "host": "vault.contoso.com",
        "basePath": "/",
        "schemes": ["https"],
        "paths": {"/status": {"get": {"operationId": "GetStatus", "summary": "Get status",
            "description": "Gets the status.",
            "parameters": [{"name": "Access-Token", "in": "header", "type": "string",
                "x-ms-summary": "Access token", "description": "The token."}],
            "responses": {"200": {"description": "OK"}}}}},
        "securityDefinitions": {}
    });
    std::fs::write(&def, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let lone = ccforge()
        .args(["fix", "--check", "--format", "json"])
        .arg(&def)
        .output()
        .unwrap();
    let codes = |out: &std::process::Output| -> Vec<String> {
        let report: Value = serde_json::from_slice(&out.stderr).unwrap();
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        codes(&lone).contains(&"missing-security-definitions".to_string()),
        "{lone:?}"
    );
    std::fs::write(
        dir.path().join("apiProperties.json"),
        r##"{"properties": {"connectionParameters": {"baseurl": {"type": "string",
            "uiDefinition": {"displayName": "Base URL", "description": "The vault's URL",
            "tooltip": "URL", "constraints": {"required": "true"}}}},
            "policyTemplateInstances": [{"templateId": "setheader", "title": "Set the token",
                "parameters": {"x-ms-apimTemplate-policySection": "Request",
                "x-ms-apimTemplateParameter.existsAction": "override",
                "x-ms-apimTemplateParameter.name": "Authorization",
                "x-ms-apimTemplateParameter.value": "@headers('Access-Token')"}}],
            "iconBrandColor": "#da3b01", "publisher": "Contoso", "stackOwner": "Contoso"}}"##,
    )
    .unwrap();
    let lint = ccforge()
        .args(["lint", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let linted: Value = serde_json::from_slice(&lint.stdout).unwrap();
    let in_folder = ccforge()
        .args(["fix", "--check", "--format", "json"])
        .arg(&def)
        .output()
        .unwrap();
    let found = codes(&in_folder);
    assert!(
        !found.contains(&"missing-security-definitions".to_string()),
        "{found:?}"
    );
    assert!(
        !linted["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == "missing-security-definitions"),
        "{linted}"
    );
}

#[test]
fn fix_writes_strict_json_when_the_input_was_lenient() {
    let clean =
        std::fs::read_to_string(fixture("lint/connectors/clean/apiDefinition.swagger.json"))
            .unwrap();
    let lenient = clean
        .replacen("{\n", "{\n  // the production definition\n", 1)
        .trim_end()
        .strip_suffix('}')
        .unwrap()
        .trim_end()
        .to_string()
        + ",\n}\n";
    assert!(serde_json::from_str::<Value>(&lenient).is_err());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("apiDefinition.swagger.json");
    std::fs::write(&path, &lenient).unwrap();
    // Nothing else to fix, but the file would change: --check says so.
    let (code, _, stderr) = fix_run(&["--check", "--all"], &path);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("CCF612 fix-lenient-syntax")
            && stderr.contains("wrote strict JSON: removed 1 comment, removed 1 trailing comma"),
        "{stderr}"
    );
    // Standard output is strict JSON of the same document.
    let out = ccforge().arg("fix").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let written: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(written, serde_json::from_str::<Value>(&clean).unwrap());
    // In place, once; then there is nothing left to do.
    ccforge()
        .args(["fix", "--in-place"])
        .arg(&path)
        .assert()
        .code(0);
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert!(serde_json::from_str::<Value>(&fixed).is_ok(), "{fixed}");
    let (code, _, stderr) = fix_run(&["--check"], &path);
    assert_eq!(code, 0, "{stderr}");
    // What reading noted and what fixing did make one report, whatever the format.
    std::fs::write(&path, &lenient).unwrap();
    for cmd in [
        &["fix", "--format", "json"][..],
        &["convert", "--format", "json"],
    ] {
        let out = ccforge().args(cmd).arg(&path).output().unwrap();
        let report: Value = serde_json::from_slice(&out.stderr)
            .unwrap_or_else(|e| panic!("{cmd:?}: not one JSON report ({e}): {out:?}"));
        let codes: Vec<&str> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes[0], "CCF003", "{cmd:?}: {codes:?}");
        assert_eq!(report["summary"]["warnings"], 2, "{cmd:?}: {report}");
    }
    let (_, _, stderr) = fix_run(&[], &path);
    assert_eq!(stderr.matches(" in 1 file.").count(), 1, "{stderr}");
    // Switched off, the text is left as it was.
    std::fs::write(
        dir.path().join("ccforge.toml"),
        "[passes]\nfix-lenient-syntax = false\n",
    )
    .unwrap();
    let out = ccforge().arg("fix").arg(&path).output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), lenient);
}

#[test]
fn dash_and_dev_stdout_are_standard_output_and_other_special_files_are_refused() {
    let (code, plain, stderr) = convert_fixture("postman-v1-folders", &[]);
    assert_eq!(code, 0, "{stderr}");
    for target in ["-", "/dev/stdout"] {
        let (code, stdout, stderr) =
            convert_fixture("postman-v1-folders", &["-o", target, "--force"]);
        assert_eq!(code, 0, "convert -o {target}: {stderr}");
        assert_eq!(stdout, plain, "convert -o {target}");
        let (code, _, stderr) = fix_run(
            &["-o", target],
            &fixture("lint/connectors/clean/apiDefinition.swagger.json"),
        );
        assert_eq!(code, 0, "fix -o {target}: {stderr}");
    }
    let out = ccforge()
        .args(["fix", "-o", "-"])
        .arg(fixture("lint/connectors/clean/apiDefinition.swagger.json"))
        .output()
        .unwrap();
    assert_eq!(
        out.stdout,
        std::fs::read(fixture("lint/connectors/clean/apiDefinition.swagger.json")).unwrap()
    );

    // A FIFO, a character device or a directory is never written, even with --force.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for (target, what) in [
        (fifo.as_path(), "a FIFO, not a regular file"),
        (
            Path::new("/dev/null"),
            "a character device, not a regular file",
        ),
        (dir.path(), "a directory, not a regular file"),
    ] {
        for force in [&[][..], &["--force"]] {
            let mut args = vec!["-o", target.to_str().unwrap()];
            args.extend(force);
            let (code, _, stderr) = convert_fixture("postman-v1-folders", &args);
            assert_eq!(code, 2, "{stderr}");
            assert!(
                stderr.contains("CCF011") && stderr.contains(what),
                "convert -o {}: {stderr}",
                target.display()
            );
            assert!(!stderr.contains("already exists"), "{stderr}");
        }
        let out = ccforge()
            .args(["fix", "-o"])
            .arg(target)
            .arg(fixture("lint/connectors/clean/apiDefinition.swagger.json"))
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains(what),
            "fix -o {}: {stderr}",
            target.display()
        );
    }
    assert!(fifo.exists());
}

#[test]
fn an_invalid_definition_is_never_written_by_fix_or_convert() {
    let (dir, path) = temp_copy("refused/invalid-parameter-location.json");
    let before = std::fs::read(&path).unwrap();
    let name = path.file_name().unwrap().to_str().unwrap();
    let out = dir.path().join("out.json");
    for args in [
        vec!["fix", "--in-place"],
        vec!["fix", "-o", out.to_str().unwrap()],
        vec!["fix", "-o", "-"],
    ] {
        let run = ccforge().args(&args).arg(&path).output().unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(run.stdout.is_empty(), "{args:?} printed a definition");
        // Located in the input, which is what the user corrects.
        assert!(
            stderr.contains("CCF013 invalid-output (")
                && stderr.contains(&format!("{name}:13:27)"))
                && stderr.contains(
                    "not written: `in` is `Query`; allowed: query, header, path, formData, body"
                ),
            "{args:?}: {stderr}"
        );
        // Said once, not again by the lint rule that checks the same thing.
        assert!(!stderr.contains("CCF115"), "{args:?}: {stderr}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!out.exists());

    let folder = dir.path().join("connector");
    let run = ccforge()
        .args(["convert", "--out-dir"])
        .arg(&folder)
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    // Placed in the input too: the file named in the folder was never written.
    assert!(
        stderr.contains(&format!("CCF013 invalid-output ({}:13:27)", path.display())),
        "{stderr}"
    );
    assert!(!folder.exists(), "convert created {}", folder.display());
}

/// A path with a stray brace, which validators reject, is written with the brace URL-encoded
/// by `fix` and `convert` alike, with a warning that says what to do if it was meant.
#[test]
fn a_stray_brace_in_a_path_is_written_encoded() {
    let (dir, path) = temp_copy("fix/path-stray-brace.json");
    let out = dir.path().join("out.json");
    for command in ["fix", "convert"] {
        let run = ccforge()
            .args([command, "--force", "--format", "json", "-o"])
            .arg(&out)
            .arg(&path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(0), "{command}: {stderr}");
        let written: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
        let paths: Vec<&String> = written["paths"].as_object().unwrap().keys().collect();
        assert_eq!(paths, ["/items%7D", "/users/{id}/tags%7B"], "{command}");
        let report: Value = serde_json::from_str(&stderr).unwrap();
        let told: Vec<(&str, &str)> = common::findings_of(&report, "fix-path-parameters")
            .iter()
            .map(|d| (d["message"].as_str().unwrap(), d["help"].as_str().unwrap()))
            .collect();
        assert_eq!(
            told,
            [
                (
                    "path `/items}` has a brace that is not part of a path variable; written as \
                     `/items%7D`, the form in which it is sent",
                    "if the brace was meant to open or close a variable, correct the path \
                     (`/items/{id}`)"
                ),
                (
                    "path `/users/{id}/tags{` has a brace that is not part of a path variable; \
                     written as `/users/{id}/tags%7B`, the form in which it is sent",
                    "if the brace was meant to open or close a variable, correct the path \
                     (`/items/{id}`)"
                )
            ],
            "{command}"
        );
        assert!(
            common::findings_of(&report, "invalid-output").is_empty(),
            "{command}: {stderr}"
        );
    }
}

/// A converted node that may not be written is placed at the node it came from in the input,
/// and the message keeps its place in the conversion.
#[test]
fn a_refused_node_of_a_conversion_is_placed_at_its_source_in_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("api.yaml");
    std::fs::write(
        &input,
        "openapi: 3.0.3\ninfo: {title: Pets, version: '1.0'}\nservers: [{url: 'https://api.contoso.com'}]\n\
         paths:\n  /pets:\n    get:\n      operationId: ListPets\n      summary: List pets\n      \
         externalDocs: {description: More}\n      responses: {'200': {description: OK}}\n",
    )
    .unwrap();
    let (out, stderr) = convert_refused_with_errors(&input);
    assert!(
        stderr.contains(&format!("CCF013 invalid-output ({}:9:7)", input.display())),
        "{stderr}"
    );
    let run = ccforge()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&run.stderr).unwrap();
    let refusal = &report["diagnostics"][0];
    assert_eq!(refusal["rule"], "invalid-output", "{report}");
    assert_eq!(
        refusal["pointer"], "/paths/~1pets/get/externalDocs",
        "{report}"
    );
    assert!(
        refusal["message"]
            .as_str()
            .unwrap()
            .ends_with("(at `/paths/~1pets/get/externalDocs` of the conversion, not written)"),
        "{report}"
    );
    assert!(!out.exists());
}

/// The rules' findings about a refused conversion are placed in the input too: the output file
/// they would name does not exist, or holds an older definition that `--force` would have
/// replaced.
#[test]
fn findings_about_a_definition_that_was_not_written_are_placed_in_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("api.yaml");
    std::fs::write(
        &input,
        "openapi: 3.0.3\ninfo: {title: Numbers, version: '1.0'}\nservers: [{url: 'https://api.contoso.com'}]\n\
         paths:\n  /n:\n    get:\n      operationId: GetN\n      summary: Get n\n\
         \x20     externalDocs: {description: More}\n      parameters:\n\
         \x20       - {name: s, in: query, schema: {type: string, minLength: 5, maxLength: 2}}\n\
         \x20       - {name: m, in: query, schema: {type: number, minimum: 10, maximum: 1}}\n\
         \x20     responses: {'200': {description: OK}}\n",
    )
    .unwrap();
    let out = dir.path().join("out.json");
    std::fs::write(&out, "{\"older\": true}\n").unwrap();
    let run = ccforge()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .args(["--force", "--format", "json", "--max-size", "300"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&run.stderr).unwrap();
    // What is about the whole conversion (its size) is placed at the input's start, as it is.
    let size = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "fix-size")
        .unwrap();
    assert_eq!(size["file"], input.display().to_string(), "{report}");
    assert_eq!(size["pointer"], "", "{report}");
    assert!(
        size["message"]
            .as_str()
            .unwrap()
            .ends_with("split it into several connectors (convert --split-by)"),
        "{report}"
    );
    // The refusal at the operation's `externalDocs`, and the rules' findings each at the
    // keyword of the parameter's schema that breaks the rule.
    let placed: Vec<(String, String, String, u64, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["pointer"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let input_name = input.display().to_string();
    let at = |code: &str, pointer: &str, line: u64, column: u64| {
        let pointer = format!("/paths/~1n/get/{pointer}");
        (code.to_string(), input_name.clone(), pointer, line, column)
    };
    assert_eq!(
        placed,
        [
            at("CCF013", "externalDocs", 9, 7),
            at("CCF141", "parameters/0/schema/minLength", 11, 55),
            at("CCF141", "parameters/1/schema/minimum", 12, 55),
        ],
        "{report}"
    );
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "not written: an `externalDocs` object has no `url`: Swagger 2.0 requires it there (at `/paths/~1n/get/externalDocs` of the conversion, not written)",
            "`minLength` 5 is greater than `maxLength` 2 (at `/paths/~1n/get/parameters/0/minLength` of the conversion, not written)",
            "`minimum` 10 is greater than `maximum` 1 (at `/paths/~1n/get/parameters/1/minimum` of the conversion, not written)",
        ],
        "{report}"
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "{\"older\": true}\n"
    );
}

/// A saved response without a code is read by its status: `Not Found` is a 404, not the
/// success response; a status that names no code becomes the `default` response, and is told.
#[test]
fn saved_responses_without_a_code_are_placed_by_their_status() {
    let (code, doc, stderr) = convert_text(
        "c.postman_collection.json",
        r#"{"info": {"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "Get thing", "request": {"method": "GET", "url": "https://api.contoso.com/thing"},
                "response": [
                    {"name": "missing", "status": "not found", "body": "{\"error\": \"nope\"}"},
                    {"name": "odd", "status": "Weird", "body": "{\"odd\": true}"},
                    {"name": "made", "code": 201, "status": "Created", "body": "{\"id\": \"1\"}"}]}]}"#,
        &["--format", "json"],
    );
    assert_eq!(code, 0, "{stderr}");
    let responses = &doc["paths"]["/thing"]["get"]["responses"];
    let codes: Vec<&String> = responses.as_object().unwrap().keys().collect();
    assert_eq!(codes, ["404", "default", "201"], "{responses}");
    assert_eq!(responses["404"]["description"], "not found");
    assert_eq!(
        responses["404"]["examples"]["application/json"],
        json!({"error": "nope"})
    );
    let report: Value = serde_json::from_str(&stderr).unwrap();
    let told: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "CCF709")
        .map(|d| &d["message"])
        .collect();
    assert_eq!(
        told,
        [
            "a saved response of `Get thing` has no status code, and its status `Weird` is not a \
          standard one; it is written as the `default` response"
        ],
        "{report}"
    );
}

/// A body whose bare `{{variable}}` has no value still reads as JSON (the variable as `null`),
/// and a variable inside a string stays the text it was, not the string `"null"`.
#[test]
fn a_bare_variable_without_a_value_does_not_rewrite_the_strings_of_a_body() {
    let (code, doc, stderr) = convert_text(
        "c.postman_collection.json",
        r#"{"info": {"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "Add", "request": {"method": "POST", "url": "https://api.contoso.com/things",
                "header": [{"key": "Content-Type", "value": "application/json"}],
                "body": {"mode": "raw", "raw": "{\"user\": \"{{user}}\", \"ts\": {{ts}}}"}}}]}"#,
        &[],
    );
    assert_eq!(code, 0, "{stderr}");
    let body = &doc["paths"]["/things"]["post"]["parameters"][0]["schema"];
    assert_eq!(
        body["example"],
        json!({"user": "{{user}}", "ts": null}),
        "{doc}"
    );
    assert_eq!(body["properties"]["user"]["type"], "string", "{doc}");
}

#[test]
fn an_explicit_inherit_auth_block_takes_the_collections_auth() {
    let (code, doc, stderr) = convert_text(
        "c.postman_collection.json",
        r#"{"info": {"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]},
            "item": [{"name": "Me", "request": {"method": "GET", "auth": {"type": "inherit"},
                "url": "https://api.contoso.com/me"}}]}"#,
        &[],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("inherit"), "{stderr}");
    assert_eq!(
        doc["security"],
        serde_json::json!([{"bearer_auth": []}]),
        "{doc}"
    );
    assert_eq!(
        doc["securityDefinitions"].as_object().map(|m| m.len()),
        Some(1),
        "{doc}"
    );
}

/// `text` with each line's 2-space indentation levels written as tabs and `\r\n` line ends.
fn tabs_and_crlf(text: &str) -> String {
    text.lines()
        .map(|l| {
            let body = l.trim_start_matches(' ');
            let levels = (l.len() - body.len()) / 2;
            format!("{}{body}\r\n", "\t".repeat(levels))
        })
        .collect()
}

#[test]
fn fix_writes_in_the_input_s_own_indentation_and_line_ends() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("tabs.json");
    let out = dir.path().join("fixed.json");
    let text = std::fs::read_to_string(fixture("fix/every-problem.json")).unwrap();
    std::fs::write(&input, tabs_and_crlf(&text)).unwrap();
    ccforge()
        .args(["fix", "-o"])
        .arg(&out)
        .arg(&input)
        .assert()
        .code(0);
    let expected = std::fs::read_to_string(fixture("fix/every-problem.out.json")).unwrap();
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        tabs_and_crlf(&expected)
    );
    // The default profile leaves a 2-space file at 2 spaces: only what a pass changed differs.
    let plain = ccforge()
        .arg("fix")
        .arg(fixture("fix/every-problem.json"))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(plain.stdout).unwrap(), expected);
}

/// A schema nested 30 levels deep: whether the passes changed the definition is told in time
/// linear in its size (a digest that did the work of each level twice would take 2^60 steps).
#[test]
fn fix_tells_a_deeply_nested_definition_unchanged_without_redoing_the_levels() {
    let mut schema = serde_json::json!({"type": "string"});
    for i in 0..30 {
        schema = serde_json::json!({
            "type": "object",
            "description": format!("Level {i}."),
            "properties": {"a": schema}
        });
    }
    let mut doc = definition(
        "Nested",
        "One deep schema.",
        serde_json::json!({"/items": {"get": {
            "operationId": "GetItems",
            "summary": "Get items",
            "description": "Gets the items.",
            "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Deep"}}}
        }}}),
    );
    doc["definitions"] = serde_json::json!({"Deep": schema});
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("nested.json");
    std::fs::write(&input, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let fixed = dir.path().join("fixed.json");
    ccforge()
        .args(["fix", "--fail-on", "never", "-o"])
        .arg(&fixed)
        .arg(&input)
        .assert()
        .code(0);
    // Fixed once, there is nothing left to change: --in-place leaves the file as it is.
    let before = std::fs::read(&fixed).unwrap();
    ccforge()
        .args(["fix", "--fail-on", "never", "--in-place"])
        .arg(&fixed)
        .assert()
        .code(0);
    assert_eq!(std::fs::read(&fixed).unwrap(), before);
}

#[test]
fn a_connection_id_path_variable_is_renamed_so_the_connector_imports() {
    let (code, doc, stderr) = convert_text(
        "c.postman_collection.json",
        r#"{"info": {"name": "Connections", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "Get connection", "request": {"method": "GET",
                "url": {"raw": "https://api.contoso.com/connections/:connectionId",
                        "host": ["api", "contoso", "com"], "path": ["connections", ":connectionId"],
                        "variable": [{"key": "connectionId", "value": "c1"}]}}}]}"#,
        &[],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("connection-id-parameter"), "{stderr}");
    let paths = doc["paths"].as_object().unwrap();
    assert_eq!(
        paths.keys().collect::<Vec<_>>(),
        ["/connections/{connection_id}"]
    );
    let p = &paths["/connections/{connection_id}"]["get"]["parameters"][0];
    assert_eq!(
        (p["name"].as_str(), p["in"].as_str()),
        (Some("connection_id"), Some("path"))
    );
}

/// `fix --profile certification --format json -o` on `doc` written in 2 spaces, which must be
/// under `under` bytes and over 1 MB in 4 spaces: the report and the written text.
fn fix_certification_near_the_limit(doc: &Value, under: usize) -> (Value, String) {
    let text = format!("{}\n", serde_json::to_string_pretty(doc).unwrap());
    let indentation: usize = text.lines().map(|l| l.len() - l.trim_start().len()).sum();
    let four = text.len() + indentation;
    assert!(
        text.len() < under && four > 1 << 20,
        "{} / {four}",
        text.len()
    );
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.json");
    std::fs::write(&input, &text).unwrap();
    let out = dir.path().join("fixed.json");
    let assert = ccforge()
        .args([
            "fix",
            "--profile",
            "certification",
            "--format",
            "json",
            "-o",
        ])
        .arg(&out)
        .arg(&input)
        .assert();
    let report: Value = serde_json::from_slice(&assert.get_output().stderr).unwrap();
    (report, std::fs::read_to_string(&out).unwrap())
}

/// A definition under 1 MB as written (two spaces) but over it in the certification layout
/// (four spaces): the size pass counts the bytes of the file it writes.
#[test]
fn the_size_pass_counts_the_layout_the_file_is_written_in() {
    // Each operation returns the same large inline schema: moving it to `definitions` is what
    // brings the file under the limit.
    let properties: serde_json::Map<String, Value> = (0..40)
        .map(|i| {
            (
                format!("field{i}"),
                serde_json::json!({"type": "object", "description": format!("Field {i}."), "properties": {
                    "value": {"type": "string", "description": "The value."},
                    "unit": {"type": "string", "description": "The unit."}}}),
            )
        })
        .collect();
    let schema = serde_json::json!({"type": "object", "properties": properties});
    let mut paths = serde_json::Map::new();
    for i in 0..42 {
        paths.insert(
            format!("/items{i}"),
            serde_json::json!({"get": {"operationId": format!("GetItems{i}"), "summary": format!("Get items {i}"),
                "description": "Gets the items.", "responses": {"200": {"description": "OK", "schema": schema}}}}),
        );
    }
    let doc = serde_json::json!({"swagger": "2.0", "info": {"title": "Big", "version": "1.0", "description": "A big API."},
        "host": "api.example.com", "schemes": ["https"], "paths": paths});
    let (report, written) = fix_certification_near_the_limit(&doc, 1 << 20);
    assert!(written.starts_with("{\n    \"swagger\""), "not in 4 spaces");
    assert!(written.len() < 1 << 20, "{} bytes written", written.len());
    let codes: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["rule"].as_str())
        .collect();
    assert!(!codes.contains(&"definition-too-large"), "{codes:?}");
    let step = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("step 1"))
        })
        .expect("the repeated schema was moved to definitions");
    let after = written.len().to_string();
    assert!(
        step["message"]
            .as_str()
            .unwrap()
            .contains(&format!("→ {after} bytes")),
        "{step} / {after}"
    );
}

/// A definition under 1 MB as written (two spaces) that 4 spaces would take over it, with nothing
/// repeated to move to `definitions`: the certification layout is not applied, so the file
/// still imports and keeps its examples; an info says why.
#[test]
fn the_certification_layout_never_takes_an_importable_file_over_the_limit() {
    let mut paths = serde_json::Map::new();
    for i in 0..1900 {
        paths.insert(
            format!("/items{i}"),
            serde_json::json!({"get": {"operationId": format!("GetItems{i}"), "summary": format!("Get items {i}"),
                "description": "Gets the items.", "responses": {"200": {"description": "OK", "schema": {
                    "type": "object", "properties": {format!("value{i}"): {"type": "string", "example": "abc"}}}}}}}),
        );
    }
    let doc = serde_json::json!({"swagger": "2.0", "info": {"title": "Big", "version": "1.0", "description": "A big API."},
        "host": "api.example.com", "schemes": ["https"], "paths": paths});
    let (report, written) = fix_certification_near_the_limit(&doc, 1_000_000);
    assert!(written.starts_with("{\n  \"swagger\""), "re-indented");
    assert!(written.len() < 1 << 20, "{} bytes written", written.len());
    assert_eq!(written.matches("\"example\": \"abc\"").count(), 1900);
    let diags = report["diagnostics"].as_array().unwrap();
    let rules: Vec<&str> = diags.iter().filter_map(|d| d["rule"].as_str()).collect();
    assert!(!rules.contains(&"definition-too-large"), "{rules:?}");
    let kept = diags
        .iter()
        .find(|d| d["rule"] == "fix-whitespace-style")
        .expect("the step says why the layout was kept");
    assert!(
        kept["message"]
            .as_str()
            .unwrap()
            .starts_with("kept the file's own indentation: indented by 4 spaces it would be "),
        "{kept}"
    );
}

/// A minified definition of `operations` operations, each with a saved example, whose text
/// grows by about two and a half times when pretty-printed.
fn minified_definition(operations: usize) -> String {
    let mut paths = serde_json::Map::new();
    for i in 0..operations {
        let props: serde_json::Map<String, Value> = (0..4)
            .map(|j| {
                (
                    format!("field{j}_{i}"),
                    serde_json::json!({"type": "string", "description": format!("Field {j}."), "x-ms-summary": format!("Field {j}")}),
                )
            })
            .collect();
        paths.insert(
            format!("/items{i}"),
            serde_json::json!({"get": {
                "operationId": format!("GetItem{i}"),
                "summary": format!("Get item {i}"),
                "description": format!("Gets item {i}."),
                "responses": {"200": {
                    "description": "OK",
                    "schema": {"type": "object", "properties": props},
                    "examples": {"application/json": {"deep": {"a": {"b": [{"x": 1, "y": "two"}, {"x": 3, "y": "four"}]}}}}
                }}
            }}),
        );
    }
    let doc = definition("Minified", "A minified connector.", Value::Object(paths));
    serde_json::to_string(&doc).unwrap()
}

/// A Swagger 2.0 definition of `paths` on an HTTPS host, titled and described.
fn definition(title: &str, description: &str, paths: Value) -> Value {
    serde_json::json!({
        "swagger": "2.0",
        "info": {"title": title, "description": description, "version": "1.0"},
        "host": "api.example.com",
        "basePath": "/",
        "schemes": ["https"],
        "paths": paths
    })
}

#[test]
fn a_minified_definition_is_written_minified_and_keeps_its_examples() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("apiDefinition.swagger.json");
    // About 0.7 MB minified, over 1.7 MB pretty-printed: it imports as it is.
    let text = minified_definition(1000);
    assert!(text.len() < 800_000, "{}", text.len());
    std::fs::write(&input, &text).unwrap();
    let out = dir.path().join("out.json");
    let (code, summary, stderr) = fix_run(&["-o", out.to_str().unwrap()], &input);
    // The operation count is a warning; nothing was removed to fit a layout.
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !stderr.contains("CCF105") && !stderr.contains("CCF611"),
        "{stderr}"
    );
    assert!(summary.starts_with("0 errors"), "{summary}");
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written.trim_end().lines().count(), 1, "not minified");
    assert!(written.len() < 1024 * 1024, "{}", written.len());
    let fixed: Value = serde_json::from_str(&written).unwrap();
    let examples = fixed["paths"]
        .as_object()
        .unwrap()
        .values()
        .filter(|item| item["get"]["responses"]["200"]["examples"].is_object())
        .count();
    assert_eq!(examples, 1000);

    // Under the certification profile, 4 spaces would take it over the import limit: it stays
    // minified, and the info says so.
    let out4 = dir.path().join("out4.json");
    let (_, _, stderr) = fix_run(
        &[
            "--profile",
            "certification",
            "--all",
            "-o",
            out4.to_str().unwrap(),
        ],
        &input,
    );
    assert!(
        stderr.contains("kept the file minified: indented by 4 spaces it would be"),
        "{stderr}"
    );
    let written = std::fs::read_to_string(&out4).unwrap();
    assert_eq!(written.trim_end().lines().count(), 1, "not minified");
}

#[test]
fn fix_declares_the_path_parameters_a_template_names() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("apiDefinition.swagger.json");
    let text = r#"{
  "swagger": "2.0",
  "info": {"title": "Orders", "description": "Reads orders.", "version": "1.0"},
  "host": "api.example.com",
  "basePath": "/",
  "schemes": ["https"],
  "paths": {
    "/orders/{orderId}": {
      "get": {
        "operationId": "GetOrder",
        "summary": "Get an order",
        "description": "Gets one order.",
        "responses": {"200": {"description": "OK"}}
      }
    }
  }
}
"#;
    std::fs::write(&input, text).unwrap();
    let lint = ccforge().arg("lint").arg(&input).output().unwrap();
    let report = String::from_utf8(lint.stdout).unwrap();
    assert_eq!(lint.status.code(), Some(1), "{report}");
    assert!(report.contains("CCF301 path-parameter-missing"), "{report}");
    assert!(report.contains("(`ccforge fix` does)"), "{report}");

    let out = dir.path().join("out.json");
    let (code, summary, stderr) = fix_run(&["--all", "-o", out.to_str().unwrap()], &input);
    assert_eq!(code, 0, "{stderr}");
    assert!(summary.starts_with("0 errors"), "{summary}");
    assert!(
        stderr.contains("GET /orders/{orderId} uses `{orderId}` without declaring it: added")
            && stderr.contains("CCF605 fix-path-parameters (")
            && stderr.contains("out.json:14:11)"),
        "{stderr}"
    );
    let fixed: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let op = &fixed["paths"]["/orders/{orderId}"]["get"];
    assert_eq!(
        op["parameters"][0],
        serde_json::json!({"name": "orderId", "in": "path", "required": true, "type": "string",
                           "x-ms-url-encoding": "single", "x-ms-summary": "Order Id"})
    );
}

#[test]
fn fix_takes_a_connector_folder_as_lint_does() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Contoso");
    std::fs::create_dir(&folder).unwrap();
    // The file name in another letter case, as some exports write it.
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fix/every-problem.json"),
        folder.join("apidefinition.swagger.json"),
    )
    .unwrap();
    let out = ccforge()
        .args(["fix", "--diff"])
        .arg(&folder)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(
        diff.contains("+        \"operationId\": \"GetUser\",\n"),
        "{diff}"
    );
    // A folder without a definition says what to name.
    let empty = dir.path().join("Empty");
    std::fs::create_dir(&empty).unwrap();
    let out = ccforge().arg("fix").arg(&empty).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("is a folder without apiDefinition.swagger.json"),
        "{stderr}"
    );
}

/// `fix` writes a definition back as it was stored: numbers in their own spelling (none
/// rounded), the byte order mark or UTF-16 it had, and lines ended by a lone `\r`.
#[test]
fn fix_keeps_the_input_s_numbers_encoding_and_line_ends() {
    let dir = tempfile::tempdir().unwrap();
    let numbers = r#"{
  "swagger": "2.0",
  "info": {"title": "Numbers", "description": "Numbers kept.", "version": "1.0"},
  "host": "api.contoso.com",
  "basePath": "/",
  "schemes": ["https"],
  "paths": {
    "/things": {
      "get": {
        "operationId": "ListThings",
        "summary": "List things",
        "description": "Lists things.",
        "parameters": [{"name": "size", "in": "query", "type": "number", "description": "Size.",
          "maximum": 1E2, "minimum": -0, "default": 1.50, "multipleOf": 0.10,
          "enum": [123456789012345678901234567890, 1e-400, 1.50, 7]}],
        "responses": {"200": {"description": "OK"}}
      }
    }
  }
}
"#;
    let input = dir.path().join("numbers.json");
    std::fs::write(&input, numbers).unwrap();
    let out = dir.path().join("numbers.out.json");
    ccforge()
        .args(["fix", "-o"])
        .arg(&out)
        .arg(&input)
        .assert()
        .code(0);
    let written = std::fs::read_to_string(&out).unwrap();
    // The summary pass changed the parameter: the file was written, numbers as they were.
    assert!(written.contains("\"x-ms-summary\": \"Size\""), "{written}");
    for kept in [
        "\"maximum\": 1E2,",
        "\"minimum\": -0,",
        "\"default\": 1.50,",
        "\"multipleOf\": 0.10,",
        "123456789012345678901234567890,",
        "1e-400,",
    ] {
        assert!(written.contains(kept), "{kept} in {written}");
    }

    let text = std::fs::read_to_string(fixture("fix/every-problem.json")).unwrap();
    let expected = std::fs::read_to_string(fixture("fix/every-problem.out.json")).unwrap();
    let utf16 = |text: &str, le: bool| -> Vec<u8> {
        let mut b = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in text.encode_utf16() {
            b.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        b
    };
    let cases: [(&str, Vec<u8>, Vec<u8>); 4] = [
        (
            "bom.json",
            [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            [b"\xEF\xBB\xBF".as_slice(), expected.as_bytes()].concat(),
        ),
        ("le.json", utf16(&text, true), utf16(&expected, true)),
        ("be.json", utf16(&text, false), utf16(&expected, false)),
        (
            "cr.json",
            text.replace('\n', "\r").into_bytes(),
            expected.replace('\n', "\r").into_bytes(),
        ),
    ];
    for (name, input, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &input).unwrap();
        let out = ccforge().arg("fix").arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}");
        assert!(out.stdout == expected, "{name}: standard output");
        ccforge()
            .args(["fix", "--in-place"])
            .arg(&path)
            .assert()
            .code(0);
        assert!(
            std::fs::read(&path).unwrap() == expected,
            "{name}: in place"
        );
    }
}

/// `fix FILE > fixed.json`: the findings point into the input, the file the user has, not into
/// a file named `<stdout>` that annotates nothing.
#[test]
fn fix_to_standard_output_places_its_findings_in_the_input() {
    let (_dir, path) = temp_copy("fix/every-problem.json");
    let out = ccforge()
        .args(["fix", "--format", "github"])
        .arg(&path)
        .output()
        .unwrap();
    let annotations = String::from_utf8(out.stderr).unwrap();
    assert!(!annotations.contains("<stdout>"), "{annotations}");
    let file = format!("file={}", path.display());
    assert!(
        annotations.lines().filter(|l| l.starts_with("::")).count() > 0
            && annotations
                .lines()
                .filter(|l| l.starts_with("::"))
                .all(|l| l.contains(&file)),
        "{annotations}"
    );
}

#[test]
fn a_json_definition_that_reads_only_as_yaml_is_warned_and_fixed_into_json() {
    // An unquoted member name: YAML's flow style reads it, JSON tools do not.
    let clean =
        std::fs::read_to_string(fixture("lint/connectors/clean/apiDefinition.swagger.json"))
            .unwrap();
    let unquoted = clean.replacen("\"swagger\":", "swagger:", 1);
    assert!(serde_json::from_str::<Value>(&unquoted).is_err());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("apiDefinition.swagger.json");
    std::fs::write(&path, &unquoted).unwrap();
    let lint = ccforge()
        .args(["lint", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&lint.stdout).unwrap();
    let d = &report["diagnostics"][0];
    assert_eq!(
        (&d["rule"], &d["line"], &d["column"]),
        (&json!("lenient-syntax"), &json!(2), &json!(3)),
        "{report}"
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("not JSON (expected a member name in double quotes"),
        "{d}"
    );
    // Fixed in place, it is JSON again (never YAML), and says so once.
    let out = ccforge()
        .args(["fix", "--in-place", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let report: Value = serde_json::from_slice(&out.stderr).unwrap();
    let rules = rule_names(&report);
    assert_eq!(rules, ["fix-lenient-syntax"], "{report}");
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&fixed).unwrap(),
        serde_json::from_str::<Value>(&clean).unwrap()
    );
    let (code, _, stderr) = fix_run(&["--check"], &path);
    assert_eq!(code, 0, "{stderr}");
}

/// A `pattern` the platform would reject (not a regular expression) is dropped from the
/// conversion with a warning at its place in the input; a valid one is kept. The result is
/// written and exits 0, where it used to fail `pattern-invalid` after the conversion.
#[test]
fn an_invalid_pattern_is_dropped_in_conversion_with_a_warning() {
    let (code, doc, stderr) = convert_text(
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: Codes, version: '1.0'}\nservers: [{url: 'https://api.contoso.com'}]\n\
         paths:\n  /codes:\n    get:\n      operationId: ListCodes\n      summary: List codes\n      parameters:\n\
         \x20       - {name: code, in: query, schema: {type: string, pattern: '[a-z'}}\n\
         \x20       - {name: zip, in: query, schema: {type: string, pattern: '^[0-9]{5}$'}}\n\
         \x20     responses: {'200': {description: OK}}\n",
        &["--format", "json"],
    );
    assert_eq!(code, 0, "{stderr}");
    let params = &doc["paths"]["/codes"]["get"]["parameters"];
    assert_eq!(params[0]["name"], "code");
    assert!(params[0].get("pattern").is_none(), "{doc}");
    assert_eq!(params[1]["pattern"], "^[0-9]{5}$", "{doc}");
    let report: Value = serde_json::from_str(&stderr).unwrap();
    let dropped = common::findings_of(&report, "openapi-schema");
    assert_eq!(dropped.len(), 1, "{report}");
    assert_eq!(dropped[0]["severity"], "warning");
    assert_eq!(
        dropped[0]["message"],
        "`pattern` is not a valid regular expression (a character class `[` is not closed); \
         dropped, so values are not checked against it"
    );
    assert_eq!(
        (dropped[0]["pointer"].as_str(), dropped[0]["line"].as_u64()),
        (
            Some("/paths/~1codes/get/parameters/0/schema/pattern"),
            Some(10)
        )
    );
}

/// A schema `type` that is another spelling of a type (`int`, `Boolean`, `datetime`) becomes
/// the type meant, with the format it implies unless one is given; one that names no type is
/// dropped. Each is a warning at its place in the input, and the result is written (it used to
/// be refused as invalid output).
#[test]
fn fix_mends_misspelt_types_that_made_the_definition_unwritable() {
    // Before, these four types were lint errors that `fix` left in place, so it refused to
    // write the file at all.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("api.json");
    std::fs::write(
        &path,
        r##"{"swagger": "2.0", "info": {"title": "Items", "version": "1.0", "description": "Items."},
  "host": "api.contoso.com", "schemes": ["https"],
  "paths": {"/items": {"get": {"operationId": "ListItems", "summary": "List items",
    "description": "Lists items.",
    "parameters": [{"name": "limit", "in": "query", "type": "int", "x-ms-summary": "Limit",
      "description": "How many."}],
    "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/Item"}}}}}},
  "definitions": {"Item": {"type": "object", "properties": {
    "when": {"type": "datetime", "description": "When."},
    "ok": {"type": "Boolean", "description": "OK."},
    "odd": {"type": "any", "description": "Odd."}}}}
}
"##,
    )
    .unwrap();
    let fixed = dir.path().join("fixed.json");
    let out = ccforge()
        .args(["fix", "--format", "json"])
        .arg(&path)
        .arg("-o")
        .arg(&fixed)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&fixed).unwrap()).unwrap();
    assert_eq!(
        doc["paths"]["/items"]["get"]["parameters"][0]["type"],
        "integer"
    );
    let props = &doc["definitions"]["Item"]["properties"];
    assert_eq!(
        props["when"],
        json!({"type": "string", "description": "When.", "format": "date-time"})
    );
    assert_eq!(props["ok"]["type"], "boolean");
    assert_eq!(props["odd"], json!({"description": "Odd."}));
    let report: Value = serde_json::from_str(&stderr).unwrap();
    // Each a warning at what it changed, in the file written.
    let written = std::fs::read_to_string(&fixed).unwrap();
    let written: Vec<&str> = written.lines().collect();
    let at: Vec<&str> = common::findings_of(&report, "fix-schemas")
        .into_iter()
        .map(|d| {
            assert_eq!(d["severity"], "warning", "{d}");
            assert!(d["file"].as_str().unwrap().ends_with("fixed.json"), "{d}");
            written[d["line"].as_u64().unwrap() as usize - 1].trim()
        })
        .collect();
    assert_eq!(
        at,
        [
            r#""type": "integer","#,
            r#""type": "string","#,
            r#""type": "boolean","#,
            r#""odd": {"#
        ]
    );
    // The result lints clean of them.
    let lint = ccforge()
        .args(["lint", "--format", "json"])
        .arg(&fixed)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&lint.stdout).unwrap();
    assert!(
        common::findings_of(&report, "value-not-allowed").is_empty(),
        "{report}"
    );
}

#[test]
fn a_misspelt_schema_type_becomes_the_type_meant() {
    let (code, doc, stderr) = convert_text(
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: Items, version: '1.0'}\nservers: [{url: 'https://api.contoso.com'}]\n\
         paths:\n  /items:\n    get:\n      operationId: ListItems\n      summary: List items\n      parameters:\n\
         \x20       - {name: limit, in: query, schema: {type: int}}\n\
         \x20       - {name: active, in: query, schema: {type: Boolean}}\n\
         \x20     responses:\n        '200':\n          description: OK\n          content:\n\
         \x20           application/json:\n              schema:\n                type: object\n\
         \x20               properties:\n                  id: {type: long, format: int32}\n\
         \x20                 when: {type: datetime}\n                  odd: {type: banana}\n\
         \x20                 n: {type: ['null', Integer]}\n",
        &["--format", "json"],
    );
    assert_eq!(code, 0, "{stderr}");
    let params = &doc["paths"]["/items"]["get"]["parameters"];
    assert_eq!(
        (&params[0]["type"], &params[0]["format"]),
        (&json!("integer"), &json!("int32"))
    );
    assert_eq!(params[1]["type"], "boolean");
    assert!(params[1].get("format").is_none(), "{doc}");
    let props = &doc["paths"]["/items"]["get"]["responses"]["200"]["schema"]["properties"];
    // The format written stays.
    assert_eq!(props["id"], json!({"type": "integer", "format": "int32"}));
    assert_eq!(
        props["when"],
        json!({"type": "string", "format": "date-time"})
    );
    assert_eq!(props["odd"], json!({}));
    // Within a list of types, as alone.
    assert_eq!(props["n"], json!({"type": "integer", "x-nullable": true}));
    let report: Value = serde_json::from_str(&stderr).unwrap();
    let found: Vec<(&str, u64, &str)> = common::findings_of(&report, "openapi-schema")
        .into_iter()
        .map(|d| {
            assert_eq!(d["severity"], "warning", "{d}");
            (
                d["message"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                d["help"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "`type: int` is not a JSON Schema type; it became `type: integer` with `format: int32`",
                10,
                "write `type: integer` with `format: int32` in the definition"
            ),
            (
                "`type: Boolean` is not a JSON Schema type; it became `type: boolean`",
                11,
                "write `type: boolean` in the definition"
            ),
            (
                "`type: long` is not a JSON Schema type; it became `type: integer`",
                20,
                "write `type: integer` in the definition"
            ),
            (
                "`type: datetime` is not a JSON Schema type; it became `type: string` with `format: date-time`",
                21,
                "write `type: string` with `format: date-time` in the definition"
            ),
            (
                "`type: banana` is not a JSON Schema type; it was dropped, so the schema accepts any type",
                22,
                "use string, number, integer, boolean, array or object"
            ),
            (
                "`type: Integer` is not a JSON Schema type; it became `type: integer`",
                23,
                "write `type: integer` in the definition"
            ),
        ],
        "{report}"
    );
}

/// `enum` values not of the schema's `type`, which Microsoft's validator rejects, are mended in
/// conversion: a value .NET reads as the type is written as one (`2` for a string, `"10"` for
/// an integer), one it cannot read is dropped, and an array's `enum` of item values moves into
/// its `items`. Each is a warning at the `enum` in the input; nothing is left for
/// `enum-value-type-mismatch` to find in the result.
#[test]
fn enum_values_of_another_type_are_mended_in_conversion() {
    let (code, doc, stderr) = convert_text(
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: Items, version: '1.0'}\nservers: [{url: 'https://api.contoso.com'}]\n\
         paths:\n  /items:\n    get:\n      operationId: ListItems\n      summary: List items\n      parameters:\n\
         \x20       - {name: level, in: query, schema: {type: string, enum: [1, 2, high]}}\n\
         \x20       - {name: n, in: query, schema: {type: integer, enum: ['10', x]}}\n\
         \x20       - {name: tags, in: query, schema: {type: array, items: {type: string}, enum: [a, b]}}\n\
         \x20     responses: {'200': {description: OK}}\n",
        &["--format", "json"],
    );
    assert_eq!(code, 0, "{stderr}");
    let params = &doc["paths"]["/items"]["get"]["parameters"];
    assert_eq!(params[0]["enum"], json!(["1", "2", "high"]));
    assert_eq!(params[1]["enum"], json!([10]));
    assert!(params[2].get("enum").is_none(), "{doc}");
    assert_eq!(
        params[2]["items"],
        json!({"type": "string", "enum": ["a", "b"]})
    );
    let report: Value = serde_json::from_str(&stderr).unwrap();
    assert!(
        common::findings_of(&report, "enum-value-type-mismatch").is_empty(),
        "{report}"
    );
    let mut found: Vec<(u64, &str)> = common::findings_of(&report, "openapi-schema")
        .into_iter()
        .map(|d| (d["line"].as_u64().unwrap(), d["message"].as_str().unwrap()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            (
                10,
                "the `enum` values 1, 2 are not of `type: string`; they were written as string values"
            ),
            (
                11,
                "the `enum` value \"10\" is not of `type: integer`; it was written as an integer value"
            ),
            (
                11,
                "the `enum` value \"x\" is not of `type: integer` and does not convert to it; it was dropped"
            ),
            (
                12,
                "the `enum` of this array lists values of its items; it was moved into `items`"
            ),
        ],
        "{report}"
    );
}

/// Lenient JSON is made strict by the smallest change: its comments and trailing commas go,
/// and the rest of the text keeps its own layout (compact objects stay on their lines), also
/// where another pass changes something.
#[test]
fn lenient_json_is_made_strict_keeping_its_layout() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("apiDefinition.swagger.json");
    let text = "{\n  // the production host\n  \"swagger\": \"2.0\",\n  \
        \"info\": {\"title\": \"Items\", \"version\": \"1.0\", \"description\": \"Items API\"},\n  \
        \"host\": \"api.contoso.com\", // no scheme\n  \"basePath\": \"/\",\n  \
        \"schemes\": [\"https\"],\n  \"paths\": {\n    \"/items\": {\n      \"get\": {\n        \
        \"operationId\": \"ListItems\",\n        \"description\": \"Lists the items\",\n        \
        \"responses\": {\"200\": {\"description\": \"OK\"}},\n      }\n    }\n  },\n}\n";
    std::fs::write(&path, text).unwrap();
    let out = ccforge()
        .args(["fix", "--in-place", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        fixed,
        "{\n  \"swagger\": \"2.0\",\n  \
        \"info\": {\"title\": \"Items\", \"version\": \"1.0\", \"description\": \"Items API\"},\n  \
        \"host\": \"api.contoso.com\",\n  \"basePath\": \"/\",\n  \
        \"schemes\": [\"https\"],\n  \"paths\": {\n    \"/items\": {\n      \"get\": {\n        \
        \"operationId\": \"ListItems\",\n        \"summary\": \"List items\",\n        \
        \"description\": \"Lists the items\",\n        \
        \"responses\": {\"200\": {\"description\": \"OK\"}}\n      }\n    }\n  }\n}\n"
    );
    let report: Value = serde_json::from_slice(&out.stderr).unwrap();
    let rules = rule_names(&report);
    assert_eq!(rules, ["fix-lenient-syntax", "fix-summaries"], "{report}");
}

/// An OpenAPI 3 definition whose conversion stays over 1 MB after its examples are dropped,
/// with a `meta` schema in every response that differs from the others only in its example.
fn over_budget_with_copies_told_apart_by_examples() -> Value {
    let mut paths = serde_json::Map::new();
    for i in 0..600 {
        let meta = json!({
            "type": "object",
            "properties": {
                "created": {"type": "string", "description": "When the record was created, in UTC."},
                "updated": {"type": "string", "description": "When the record was last changed, in UTC."},
                "version": {"type": "integer", "description": "The record's version, one more at each change.", "example": i}
            }
        });
        let unique = format!("Operation {i}: ") + &"words that only this operation has ".repeat(60);
        paths.insert(
            format!("/records{i}"),
            json!({"get": {"operationId": format!("GetRecords{i}"), "description": unique,
            "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {
                "type": "object", "properties": {"meta": meta, "name": {"type": "string"}}
            }}}}}}}),
        );
    }
    json!({"openapi": "3.0.3", "info": {"title": "Records", "version": "1"},
        "servers": [{"url": "https://api.contoso.com"}], "paths": paths})
}

#[test]
fn fix_finds_nothing_left_to_shrink_in_what_convert_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("records.json");
    std::fs::write(
        &input,
        over_budget_with_copies_told_apart_by_examples().to_string(),
    )
    .unwrap();
    let output = dir.path().join("apiDefinition.swagger.json");
    ccforge()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .assert()
        .code(1);
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap();
    // Once the examples were gone, the copies of the response schema became one definition.
    let schema = &written["paths"]["/records7"]["get"]["responses"]["200"]["schema"];
    assert_eq!(
        schema["$ref"], "#/definitions/GetRecords0Response",
        "{schema}"
    );
    // So `fix`, running the same passes, has nothing more to do.
    let diff = ccforge()
        .arg("fix")
        .arg("--diff")
        .arg(&output)
        .output()
        .unwrap();
    assert!(
        diff.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&diff.stdout)
    );
}

#[test]
fn fix_on_a_connectors_api_properties_points_at_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("contoso");
    std::fs::create_dir(&folder).unwrap();
    let props = folder.join("apiProperties.json");
    std::fs::write(
        &props,
        r##"{"properties": {"connectionParameters": {}, "iconBrandColor": "#da3b01"}}"##,
    )
    .unwrap();
    let out = ccforge()
        .current_dir(dir.path())
        .args(["fix", "contoso/apiProperties.json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    // Not `convert`, which cannot read the file either: the folder, which `fix` and `lint` take.
    let words = stderr.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(
            "help: fix the connector's definition instead (ccforge fix contoso); ccforge lint \
             contoso checks this file with it"
        ),
        "{stderr}"
    );
}

/// A conversion that is refused says, last, that nothing was written and why, where a written
/// one names its files.
#[test]
fn a_refused_conversion_ends_by_saying_it_wrote_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("api.json");
    std::fs::write(
        &input,
        r#"{"swagger": "2.0", "info": {"title": "Rooms", "version": "1"},
            "license": {"name": "MIT"}, "host": "api.example.com",
            "paths": {"/rooms": {"get": {"operationId": "ListRooms", "summary": "List rooms",
                "responses": {"200": {"description": "OK"}}}}}}"#,
    )
    .unwrap();
    let (_, stderr) = convert_refused_with_errors(&input);
    assert!(
        stderr.contains("not written: `license` is not allowed"),
        "{stderr}"
    );
    assert_eq!(
        stderr.lines().last(),
        Some(
            "Wrote nothing: the conversion is not valid connector Swagger 2.0 (the \
             `invalid-output` errors above say where and why)."
        ),
        "{stderr}"
    );
}

/// Converts `input` into `out.json` beside it with the default output, which must end in
/// errors (exit 1) and write nothing: the output's path and what standard error said.
fn convert_refused_with_errors(input: &std::path::Path) -> (std::path::PathBuf, String) {
    common::convert_writing_nothing(input, 1)
}

#[test]
fn fix_removes_keywords_written_without_a_value_instead_of_refusing() {
    let input = fixture("fix/null-keywords.yaml");
    let (fixed, report) = fixed_json(&input, None);
    let op = &fixed["paths"]["/orders"]["get"];
    assert_eq!(op["responses"]["200"]["description"], "Response");
    assert!(op.get("description").is_none());
    assert!(fixed.get("produces").is_none());
    assert!(fixed["info"].get("description").is_none());
    let param = &op["parameters"][0];
    assert!(param.get("format").is_none());
    // `default: null` is data, which another pass judges; a property named `description`, and
    // the null inside an example, stay.
    let order = &fixed["definitions"]["Order"];
    assert!(order.get("title").is_none());
    assert_eq!(
        order["properties"]["description"],
        json!({"type": "string"})
    );
    assert_eq!(order["example"], json!({"description": null}));
    let places = common::picked(
        &report["diagnostics"],
        "rule",
        "fix-null-keywords",
        "pointer",
    );
    assert_eq!(
        places,
        [
            "/info/description",
            "/produces",
            "/paths/~1orders/get/description",
            "/paths/~1orders/get/parameters/0/format",
            "/paths/~1orders/get/responses/200/description",
            "/definitions/Order/title",
            "/definitions/Order/properties/description/pattern",
        ]
    );

    // `convert` of the definition runs the pass too, and writes it.
    let dir = tempfile::tempdir().unwrap();
    let written = dir.path().join("out.json");
    ccforge()
        .args(["convert"])
        .arg(&input)
        .arg("-o")
        .arg(&written)
        .assert()
        .code(0);
    let converted: Value =
        serde_json::from_str(&std::fs::read_to_string(&written).unwrap()).unwrap();
    assert_eq!(
        converted["paths"]["/orders"]["get"]["responses"]["200"]["description"],
        "Response"
    );

    // With the pass off, the definition is refused as before.
    refused_with_pass_off("fix/null-keywords.yaml", "fix-null-keywords");
}

/// `fix` of `input`, which must succeed, written as JSON to the file `to` or else to standard
/// output: the definition and the JSON report.
fn fixed_json(input: &Path, to: Option<&Path>) -> (Value, Value) {
    let mut fix = ccforge();
    fix.args(["fix", "--format", "json", "--format-out", "json"])
        .arg(input);
    if let Some(to) = to {
        fix.arg("-o").arg(to);
    }
    let out = fix.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fixed = match to {
        Some(to) => std::fs::read(to).unwrap(),
        None => out.stdout,
    };
    (
        serde_json::from_slice(&fixed).unwrap(),
        serde_json::from_slice(&out.stderr).unwrap(),
    )
}

/// `fix` of a copy of the fixture `rel` beside a configuration that turns `pass` off: refused,
/// nothing written. Its report.
fn refused_with_pass_off(rel: &str, pass: &str) -> String {
    let (dir, copy) = temp_copy(rel);
    std::fs::write(
        dir.path().join("ccforge.toml"),
        format!("[passes]\n{pass} = false\n"),
    )
    .unwrap();
    let out = ccforge().args(["fix"]).arg(&copy).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(stderr.contains("invalid-output"), "{stderr}");
    assert!(out.stdout.is_empty());
    stderr
}

#[test]
fn fix_describes_responses_written_without_a_description_instead_of_refusing() {
    let input = fixture("fix/responses-undescribed.yaml");
    let dir = tempfile::tempdir().unwrap();
    let (fixed, report) = fixed_json(&input, Some(&dir.path().join("fixed.json")));
    let orders = &fixed["paths"]["/orders"];
    assert_eq!(orders["get"]["responses"]["200"]["description"], "Response");
    // A reference is described where it leads.
    assert_eq!(
        orders["get"]["responses"]["404"],
        json!({"$ref": "#/responses/NotFound"})
    );
    assert_eq!(fixed["responses"]["NotFound"]["description"], "Response");
    // `responses:` with nothing after it goes, and the operation gets a success response.
    assert_eq!(
        orders["delete"]["responses"],
        json!({"200": {"description": "OK"}})
    );
    let places: Vec<(&str, &str)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap(), d["pointer"].as_str().unwrap()))
        .collect();
    assert_eq!(
        places,
        [
            ("fix-responses", "/paths/~1orders/get/responses/200"),
            ("fix-null-keywords", "/paths/~1orders/delete/responses"),
            ("fix-responses", "/paths/~1orders/delete/responses/200"),
            ("fix-responses", "/responses/NotFound"),
        ]
    );

    // `lint` says what fix writes.
    let out = ccforge().args(["lint"]).arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("help: add `description`; `ccforge fix` writes `Response` there"),
        "{stdout}"
    );

    // With the pass off, the definition is refused, the response named at its place.
    let stderr = refused_with_pass_off("fix/responses-undescribed.yaml", "fix-responses");
    assert!(
        stderr.contains("responses-undescribed.yaml:18:9"),
        "{stderr}"
    );
}

/// `swagger: 2.0` unquoted in YAML is a number, which the platform rejects: `fix` and `convert`
/// write the string, with a warning, instead of refusing the definition.
#[test]
fn a_swagger_version_written_as_a_number_becomes_the_string() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::write(
        dir.path(),
        "api.yaml",
        "swagger: 2.0\ninfo: {title: T, version: '1'}\nhost: api.contoso.com\nschemes: [https]\n\
         paths:\n  /a:\n    get:\n      operationId: GetA\n      summary: Get A\n\
         \x20     responses: {'200': {description: OK}}\n",
    );
    for (command, out) in [("fix", "out.yaml"), ("convert", "out.json")] {
        let out = dir.path().join(out);
        let run = ccforge()
            .args([command, "--force", "--format", "json", "-o"])
            .arg(&out)
            .arg(&path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(0), "{command}: {stderr}");
        let written = std::fs::read_to_string(&out).unwrap();
        assert!(
            written.starts_with("swagger: \"2.0\"\n") || written.contains("\"swagger\": \"2.0\""),
            "{command}: {written}"
        );
        let report: Value = serde_json::from_str(&stderr).unwrap();
        let told: Vec<&str> = common::findings_of(&report, "fix-swagger-version")
            .iter()
            .map(|d| d["message"].as_str().unwrap())
            .collect();
        assert_eq!(
            told,
            ["`swagger` was the number 2.0; written as the string \"2.0\""],
            "{command}"
        );
    }
}

/// A `$ref` into another file, or to nothing, cannot be followed once the definition is imported
/// as one file: the definition is refused at the reference, said once, and nothing is written.
#[test]
fn a_reference_outside_the_file_or_to_nothing_is_refused_at_the_reference() {
    let (dir, path) = temp_copy("refused/reference-outside-the-file.json");
    let before = std::fs::read(&path).unwrap();
    let out = dir.path().join("out.json");
    for command in ["fix", "convert"] {
        let run = ccforge()
            .args([command, "-o"])
            .arg(&out)
            .arg(&path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{command}: {stderr}");
        let name = path.display();
        for (at, message) in [
            (
                "13:25",
                "not written: `$ref` `./common.json#/parameters/ApiVersion` points outside this \
                 file: a connector is imported as one file",
            ),
            (
                "15:51",
                "not written: `$ref` `#/definitions/ItemList` names nothing in this file",
            ),
        ] {
            assert!(
                stderr.contains(&format!("CCF013 invalid-output ({name}:{at})")),
                "{command}: {stderr}"
            );
            let flat: String = stderr.split_whitespace().collect::<Vec<_>>().join(" ");
            let flat = flat.replace(" │ ", " ");
            assert!(flat.contains(message), "{command}: {stderr}");
        }
        // Said once: not again by the reference rules.
        assert!(
            !stderr.contains("CCF120") && !stderr.contains("CCF121"),
            "{command}: {stderr}"
        );
        assert!(!out.exists(), "{command} wrote {}", out.display());
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
