//! Inputs built to make a tool crash, hang or run out of memory: deep `$ref` chains, very many
//! operations, hostile YAML and references. Each runs the real binary; sizes are chosen so a
//! linear walk finishes quickly and a quadratic or recursive one does not finish at all.

mod common;
use common::{ccforge, write};

use serde_json::{Value, json};
use std::path::Path;

/// Makes a FIFO at `path`.
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo {}", path.display());
}

fn swagger(paths: Value, definitions: Value) -> Value {
    json!({"swagger": "2.0", "info": {"title": "T", "version": "1", "description": "A test API."},
        "host": "api.example.com", "basePath": "/", "schemes": ["https"],
        "paths": paths, "definitions": definitions})
}

/// How one definition of a chain refers to the next.
type Link = fn(Value) -> Value;

/// A definition whose schema goes `levels` definitions deep, each link made by `link`.
fn chain(levels: usize, link: Link) -> Value {
    let mut defs = serde_json::Map::new();
    for i in 0..levels {
        defs.insert(
            format!("D{i}"),
            link(json!({"$ref": format!("#/definitions/D{}", i + 1)})),
        );
    }
    defs.insert(format!("D{levels}"), json!({"type": "string"}));
    let body = json!({"$ref": "#/definitions/D0"});
    swagger(
        json!({"/a": {"post": {"operationId": "A", "summary": "A", "description": "A.",
            "parameters": [{"name": "body", "in": "body", "schema": body}],
            "responses": {"200": {"description": "ok", "schema": body}}}}}),
        Value::Object(defs),
    )
}

/// Exit status and the codes of a `--format json` report.
fn run(args: &[&str]) -> (i32, Vec<String>) {
    let out = ccforge().args(args).output().unwrap();
    let status = out.status.code().unwrap_or(-1);
    let report: Value = serde_json::from_slice(&out.stdout)
        .or_else(|_| serde_json::from_slice(&out.stderr))
        .unwrap_or(Value::Null);
    let codes = report["diagnostics"]
        .as_array()
        .or(report["changes"].as_array())
        .into_iter()
        .flatten()
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .collect();
    (status, codes)
}

#[test]
fn a_chain_of_ten_thousand_references_is_read_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let links: [(&str, Link); 4] = [
        (
            "property",
            |r| json!({"type": "object", "properties": {"next": r}}),
        ),
        ("items", |r| json!({"type": "array", "items": r})),
        (
            "allOf",
            |r| json!({"allOf": [r, {"type": "object", "properties": {"a": {"type": "string"}}}]}),
        ),
        ("alias", |r| r),
    ];
    for (name, link) in links {
        let doc = chain(10_000, link);
        let file = write(dir.path(), &format!("{name}.json"), &doc.to_string());
        let file = file.to_str().unwrap();
        let (status, codes) = run(&["lint", "--format=json", file]);
        assert_eq!(status, 1, "lint of the {name} chain");
        // The schema is reported as too deep, however deep it is.
        if name != "alias" {
            assert!(codes.iter().any(|c| c == "CCF152"), "{name}: {codes:?}");
        }
        let (status, _) = run(&["fix", "--format=json", "--check", file]);
        assert!(
            status == 0 || status == 1,
            "fix of the {name} chain: {status}"
        );
        let (status, codes) = run(&["diff", "--format=json", file, file]);
        assert_eq!((status, codes.len()), (0, 0), "diff of the {name} chain");
        let (status, _) = run(&["drift", "--format=json", file, file]);
        assert!(
            status == 0 || status == 1,
            "drift of the {name} chain: {status}"
        );
    }
}

#[test]
fn a_change_deep_in_a_chain_is_described_in_a_few_words() {
    let dir = tempfile::tempdir().unwrap();
    let property = |r| json!({"type": "object", "properties": {"next": r}});
    let old = chain(10_000, property);
    let mut new = old.clone();
    new["definitions"]["D10000"] = json!({"type": "integer"});
    let old = write(dir.path(), "old.json", &old.to_string());
    let new = write(dir.path(), "new.json", &new.to_string());
    let out = ccforge()
        .args(["diff", "--format=json"])
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let messages: Vec<&str> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "property `next`, 10000 levels inside the request body changed type from string to integer",
            "property `next`, 10000 levels inside response `200` changed type from string to integer",
        ]
    );
}

/// An OpenAPI 3 definition whose one response schema is `$ref: reference`.
fn openapi_with_ref(reference: &str) -> String {
    json!({"openapi": "3.0.0", "info": {"title": "T", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": {"/a": {"get": {"operationId": "A", "responses": {"200": {"description": "ok",
            "content": {"application/json": {"schema": {"$ref": reference}}}}}}}}})
    .to_string()
}

#[test]
fn a_ref_reads_only_regular_files_under_the_definitions_folder() {
    let dir = tempfile::tempdir().unwrap();
    let secret = write(dir.path(), "other/secret.json", r#"{"title": "hunter2"}"#);
    write(
        dir.path(),
        "api/schemas/pet.json",
        r#"{"type": "object", "title": "pet"}"#,
    );
    write(
        dir.path(),
        "api/schemas/broken.yaml",
        "type: object\nproperties:\n  a: {type: string\n  b: [\n",
    );
    let api = dir.path().join("api");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&secret, api.join("schemas/link.json")).unwrap();
        mkfifo(&api.join("pipe.json"));
    }
    let secret_abs = secret.to_str().unwrap().to_string();
    let mut cases = vec![
        (
            "parent",
            "../other/secret.json",
            "outside the definition's folder",
        ),
        (
            "absolute",
            secret_abs.as_str(),
            "outside the definition's folder",
        ),
        ("folder", "schemas", "not a regular file"),
        // Not YAML: where in that file is said, since the report frames the `$ref`.
        ("unparsed", "schemas/broken.yaml", "at line 4, column 4"),
    ];
    if cfg!(unix) {
        cases.extend([
            (
                "symlink",
                "schemas/link.json",
                "outside the definition's folder",
            ),
            ("fifo", "pipe.json", "not a regular file"),
            ("stdin", "/dev/stdin", "outside the definition's folder"),
            ("zero", "/dev/zero", "outside the definition's folder"),
        ]);
    }
    for (name, reference, why) in cases {
        let file = write(&api, &format!("{name}.json"), &openapi_with_ref(reference));
        let out = ccforge()
            .args(["convert", "--format=json"])
            .arg(&file)
            .timeout(std::time::Duration::from_secs(120))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(!stdout.contains("hunter2"), "{name}: {stdout}");
        let report: Value = serde_json::from_str(&stderr).unwrap();
        let refused: Vec<&Value> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "CCF802")
            .collect();
        assert_eq!(refused.len(), 1, "{name}: {stderr}");
        let message = refused[0]["message"].as_str().unwrap();
        assert!(
            message.starts_with(&format!("the referenced file `{reference}` is not read: "))
                && message.contains(why),
            "{name}: {message}"
        );
        assert_eq!(refused[0]["line"], 1, "{name}");
        // The text diff converts both sides the same way.
        let out = ccforge()
            .args(["diff", "--text"])
            .arg(&file)
            .arg(&file)
            .timeout(std::time::Duration::from_secs(120))
            .output()
            .unwrap();
        assert!(
            !String::from_utf8_lossy(&out.stdout).contains("hunter2"),
            "{name}"
        );
    }
    // A file beside the definition is read.
    let file = write(&api, "sibling.json", &openapi_with_ref("schemas/pet.json"));
    let out = ccforge().arg("convert").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"pet\""));
}

#[test]
fn a_postman_variable_that_doubles_thirty_times_is_reported_not_expanded() {
    let dir = tempfile::tempdir().unwrap();
    let mut variables: Vec<Value> = (0..30)
        .map(|i| json!({"key": format!("v{i}"), "value": format!("{{{{v{0}}}}}{{{{v{0}}}}}", i + 1)}))
        .collect();
    variables.push(json!({"key": "v30", "value": "x"}));
    let collection = json!({"info": {"name": "P",
        "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "variable": variables,
        "item": [{"name": "r", "request": {"method": "GET",
            "url": "https://api.example.com/{{v0}}", "header": [{"key": "X-A", "value": "{{v0}}"}]}}]});
    let file = write(dir.path(), "doubling.json", &collection.to_string());
    let out = ccforge()
        .args(["convert", "--format=json"])
        .arg(&file)
        .timeout(std::time::Duration::from_secs(300))
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stderr).unwrap();
    let messages = common::picked(&report["diagnostics"], "code", "CCF701", "message");
    assert!(
        messages.contains(
            &"variable `v0` expands to more than 256 KiB or through more than 32 variables (its value uses others, which use others), or the collection's variables have already added 64 MiB in all; left unresolved"
        ),
        "{messages:?}"
    );
    assert!(out.stdout.len() < 4 * 1024 * 1024, "{}", out.stdout.len());
}

#[test]
fn yaml_aliases_that_double_at_each_level_stop_before_using_much_memory() {
    // Each level aliases the one below twice: 2^18 copies from a 1.2 KB file (about 800 MB
    // once read under a budget of 2,000,000 nodes).
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "swagger: '2.0'\ninfo: {title: T, version: '1'}\nhost: a.com\ndefinitions:\n  S0: &s0 {type: object, properties: {a: {type: string}}}\n",
    );
    for i in 1..=17 {
        text.push_str(&format!(
            "  S{i}: &s{i} {{type: object, properties: {{l: *s{}, r: *s{}}}}}\n",
            i - 1,
            i - 1
        ));
    }
    text.push_str("paths: {}\nx-all: *s17\n");
    let file = write(dir.path(), "api.yaml", &text);
    let out = ccforge()
        .args(["lint", "--format=json"])
        .arg(&file)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &report["diagnostics"][0];
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("aliases copy more than 250000 nodes"),
        "{d}"
    );
}

#[test]
fn yaml_aliases_are_budgeted_in_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let big = "x".repeat(1_000_000);
    let mut block = format!(
        "swagger: '2.0'\ninfo:\n  title: T\n  version: '1'\n  description: &big {big}\nhost: api.example.com\npaths: {{}}\nx-copies:\n"
    );
    let mut flow =
        format!("{{\"swagger\": \"2.0\", \"info\": {{\"title\": &big \"{big}\"}}, \"x\": [");
    for _ in 0..4000 {
        block.push_str("  - *big\n");
        flow.push_str("*big, ");
    }
    flow.push_str("1]}");
    for (name, text, line) in [("block.yaml", &block, 25), ("flow.json", &flow, 1)] {
        let file = write(dir.path(), name, text);
        for command in ["lint", "convert"] {
            let out = ccforge()
                .args([command, "--format=json"])
                .arg(&file)
                .timeout(std::time::Duration::from_secs(300))
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{command} {name}");
            let text = [out.stdout, out.stderr].concat();
            let report: Value = serde_json::from_slice(&text).unwrap();
            let d = &report["diagnostics"][0];
            assert_eq!(d["code"], "CCF002", "{command} {name}: {d}");
            // Flow YAML in a JSON file is reported as the JSON it is not.
            if name.ends_with(".yaml") {
                assert!(
                    d["message"]
                        .as_str()
                        .unwrap()
                        .contains("aliases copy more than"),
                    "{d}"
                );
            }
            assert_eq!(d["line"], line, "{command} {name}");
        }
    }
}

#[test]
fn numbers_json_cannot_hold_are_reported_where_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "nan.json",
            "{\"swagger\": \"2.0\",\n \"x\": {\"maximum\": NaN}}",
            "`NaN` is not a valid JSON number: JSON has no NaN or infinity",
            2,
            19,
        ),
        (
            "huge.json",
            "{\"swagger\": \"2.0\",\n \"x\": {\"maximum\": 1e400}}",
            "`1e400` is not a valid JSON number: it is out of the range of a double",
            2,
            19,
        ),
        (
            "nan.yaml",
            "swagger: '2.0'\nx:\n  maximum: .nan\n",
            "`.nan` is not a valid JSON number: JSON has no NaN or infinity",
            3,
            12,
        ),
        (
            "huge.yaml",
            "swagger: '2.0'\nx:\n  maximum: -1e400\n",
            "`-1e400` is not a valid JSON number: it is out of the range of a double",
            3,
            12,
        ),
    ];
    for (name, text, message, line, column) in cases {
        let file = write(dir.path(), name, text);
        let out = ccforge()
            .args(["lint", "--format=json"])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let d = &report["diagnostics"][0];
        assert_eq!(d["code"], "CCF002", "{name}");
        assert_eq!(
            d["message"],
            format!(
                "invalid {}: {message}",
                if name.ends_with("json") {
                    "JSON"
                } else {
                    "YAML"
                }
            ),
            "{name}"
        );
        assert_eq!(
            (d["line"].clone(), d["column"].clone()),
            (json!(line), json!(column)),
            "{name}"
        );
    }
}

#[test]
fn a_repeated_key_is_reported_at_both_places() {
    let dir = tempfile::tempdir().unwrap();
    let head = "{\n  \"swagger\": \"2.0\",\n  \"info\": {\"title\": \"T\", \"version\": \"1\"},\n";
    let cases = [
        (
            "strict.json",
            format!(
                "{head}  \"host\": \"api.contoso.com\",\n  \"host\": \"staging.contoso.com\",\n  \"paths\": {{}}\n}}\n"
            ),
            (5, 3),
            (4, 3),
        ),
        (
            // Read only leniently (a trailing comma): the same finding.
            "lenient.json",
            format!(
                "{head}  \"host\": \"api.contoso.com\",\n  \"paths\": {{}},\n  \"host\": \"staging.contoso.com\",\n}}\n"
            ),
            (6, 3),
            (4, 3),
        ),
        (
            "mapping.yaml",
            "swagger: '2.0'\ninfo:\n  title: T\n  version: '1'\nhost: api.contoso.com\npaths: {}\nhost: staging.contoso.com\n".to_string(),
            (7, 1),
            (5, 1),
        ),
    ];
    for (name, text, again, first) in cases {
        let file = write(dir.path(), name, &text);
        let out = ccforge()
            .args(["lint", "--format=json"])
            .arg(&file)
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let found: Vec<&Value> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "CCF014")
            .collect();
        assert_eq!(found.len(), 1, "{name}: {report}");
        let d = found[0];
        assert_eq!(d["severity"], "warning", "{name}");
        assert_eq!(
            (d["line"].clone(), d["column"].clone()),
            (json!(again.0), json!(again.1)),
            "{name}"
        );
        assert_eq!(
            d["message"],
            format!(
                "`host` appears again in this object (first at line {}, column {}); ccforge keeps \
                 this later value and drops the first, other tools may keep the first or reject \
                 the file",
                first.0, first.1
            ),
            "{name}"
        );
    }

    // Members of different objects with one name are not repeats.
    let file = write(
        dir.path(),
        "apart.json",
        r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "x-a": {"title": 1}}"#,
    );
    let (_, codes) = run(&["lint", "--format=json", file.to_str().unwrap()]);
    assert!(!codes.iter().any(|c| c == "CCF014"), "{codes:?}");
}

#[test]
fn many_repeats_are_counted_not_listed() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("{\"swagger\": \"2.0\", \"x-a\": {");
    for i in 0..200_000 {
        if i > 0 {
            text.push(',');
        }
        text.push_str("\"k\": 1");
    }
    text.push_str("}}");
    let file = write(dir.path(), "repeats.json", &text);
    let out = ccforge()
        .args(["lint", "--format=json"])
        .arg(&file)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let repeats: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "CCF014")
        .collect();
    assert_eq!(repeats.len(), 100);
    assert!(
        repeats[99]["message"]
            .as_str()
            .unwrap()
            .ends_with("(199899 more repeated keys in this file are not listed)"),
        "{}",
        repeats[99]["message"]
    );
}

/// A JSON text of `levels` objects, each the only member of the one above.
fn nested_body(levels: usize) -> String {
    format!("{}1{}", "{\"a\": ".repeat(levels), "}".repeat(levels))
}

#[test]
fn a_body_nested_hundreds_deep_converts_into_a_definition_that_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    for (levels, example_kept) in [(40, true), (300, false)] {
        let collection = json!({
            "info": {"name": "Deep", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "Send", "request": {"method": "POST", "url": "https://api.example.com/send",
                "header": [{"key": "Content-Type", "value": "application/json"}],
                "body": {"mode": "raw", "raw": nested_body(levels)}},
                "response": [{"name": "ok", "code": 200, "header": [{"key": "Content-Type", "value": "application/json"}],
                    "body": nested_body(levels)}]}]
        });
        let input = write(
            dir.path(),
            &format!("deep{levels}.json"),
            &collection.to_string(),
        );
        let output = dir.path().join(format!("out{levels}.json"));
        let out = ccforge()
            .args(["convert", "--format=json"])
            .arg(&input)
            .arg("-o")
            .arg(&output)
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stderr).unwrap();
        let messages: Vec<&str> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "CCF709")
            .map(|d| d["message"].as_str().unwrap())
            .collect();
        let dropped = if example_kept {
            String::new()
        } else {
            "; the example is left out (examples are kept up to 64 levels)".to_string()
        };
        assert_eq!(
            messages,
            [
                format!(
                    "the JSON body of `Send` nests {} levels deep: its schema describes the first 15 levels, and deeper objects and arrays have no type{dropped}",
                    levels + 1
                ),
                format!(
                    "a saved JSON response of `Send` nests {} levels deep: its schema describes the first 15 levels, and deeper objects and arrays have no type{dropped}",
                    levels + 1
                ),
            ],
            "{report}"
        );
        // What was written reads back, with its schemas 15 levels deep.
        let written: Value =
            serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap();
        let (code, codes) = run(&["lint", "--format=json", output.to_str().unwrap()]);
        assert!(code == 0 || code == 1, "{codes:?}");
        assert!(
            !codes.iter().any(|c| c == "CCF002" || c == "CCF152"),
            "{codes:?}"
        );
        let body = &written["paths"]["/send"]["post"]["parameters"][0]["schema"];
        assert_eq!(body.get("example").is_some(), example_kept, "{body}");
        let response = &written["paths"]["/send"]["post"]["responses"]["200"];
        assert_eq!(response.get("examples").is_some(), example_kept);
    }
}

#[test]
fn twenty_thousand_paths_of_one_shape_are_compared_without_pairing_them_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = serde_json::Map::new();
    let op = |id: String| {
        json!({"get": {"operationId": id, "summary": "Get", "description": "Get.",
            "parameters": [{"name": "id", "in": "path", "required": true, "type": "string",
                "x-ms-url-encoding": "single"}],
            "responses": {"200": {"description": "ok"}}}})
    };
    for i in 0..20_000 {
        paths.insert(format!("/items{i}/{{id}}"), op(format!("Get{i}")));
    }
    paths.insert(
        "/items7/latest".into(),
        json!({"get": {"operationId": "Latest", "summary": "Latest", "description": "Latest.",
            "responses": {"200": {"description": "ok"}}}}),
    );
    let file = write(
        dir.path(),
        "wide.json",
        &swagger(Value::Object(paths), json!({})).to_string(),
    );
    let out = ccforge()
        .args(["lint", "--format=json"])
        .arg(&file)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let shadowing: Vec<(&str, &str)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "CCF217")
        .map(|d| {
            (
                d["pointer"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        shadowing,
        [(
            "/paths/~1items7~1{id}/get",
            "GET /items7/{id} also fits the requests of GET `/items7/latest`: a path variable whose value equals a fixed segment routes to more than one operation"
        )]
    );
}

#[test]
fn yaml_aliases_cannot_nest_past_the_depth_limit() {
    let dir = tempfile::tempdir().unwrap();
    // Each anchor holds the one before it: 600 levels deep, though no line nests past two.
    let mut text = String::from(
        "swagger: '2.0'\ninfo: {title: T, version: '1'}\nhost: api.example.com\npaths: {}\nx-a0: &a0 [1]\n",
    );
    for i in 1..600 {
        text.push_str(&format!("x-a{i}: &a{i} [*a{}]\n", i - 1));
    }
    let file = write(dir.path(), "deep.yaml", &text);
    for command in ["lint", "convert"] {
        let out = ccforge()
            .args([command, "--format=json"])
            .arg(&file)
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{command}");
        let report: Value = serde_json::from_slice(&[out.stdout, out.stderr].concat()).unwrap();
        let d = &report["diagnostics"][0];
        assert_eq!(d["code"], "CCF002", "{command}: {d}");
        assert_eq!(
            d["message"], "invalid YAML: the document is nested too deeply (through this alias)",
            "{command}: {d}"
        );
        // `x-a511: &a511 [*a510]`: the first alias whose copy passes 512 levels.
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(516), Some(16)),
            "{command}: {d}"
        );
    }
}

#[test]
fn openapi3_server_credentials_are_never_written_or_repeated() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: T, version: '1', description: Send Bearer <token> in the header}\n\
         servers: [{url: 'https://admin:hunter2pass@api.contoso.com/v1'}, {url: 'https://ops:s3cretpw@api2.contoso.com'}]\n\
         paths:\n  /things:\n    get:\n      operationId: ListThings\n      responses: {'200': {description: OK}}\n",
    );
    let out = ccforge()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("out.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("CCF810 openapi-secret (") && stderr.contains("api.yaml:3:12)"),
        "{stderr}"
    );
    let json = ccforge()
        .arg("convert")
        .arg(&input)
        .args(["--format", "json", "-o", "-"])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&json.stderr);
    assert!(
        report.contains("not used: https://api2.contoso.com"),
        "{report}"
    );
    assert!(
        !report.contains("s3cretpw") && !report.contains("hunter2pass"),
        "{report}"
    );
    // The prose `Bearer <token>` hides nothing after it.
    assert!(stderr.contains("paths:"), "{stderr}");
    let written = std::fs::read_to_string(dir.path().join("out.json")).unwrap();
    for secret in ["hunter2pass", "s3cretpw"] {
        assert!(
            !stderr.contains(secret) && !written.contains(secret),
            "{secret}"
        );
    }
    let swagger: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(
        (swagger["host"].as_str(), swagger["basePath"].as_str()),
        (Some("api.contoso.com"), Some("/v1"))
    );
}

#[test]
fn lint_messages_never_repeat_a_password_in_a_host() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.json",
        r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "host": "admin:hunter2pass@api.contoso.com",
            "paths": {}}"#,
    );
    for format in ["pretty", "json", "sarif", "github", "junit", "markdown"] {
        let out = ccforge()
            .args(["lint", "--format", format])
            .arg(&input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("CCF102") || text.contains("host-invalid"),
            "{format}: {text}"
        );
        assert!(
            text.contains("admin:") && !text.contains("hunter2pass"),
            "{format}: {text}"
        );
    }
}

/// Sizes at which comparing each item with every other takes minutes, and one pass a moment.
#[test]
fn thousands_of_duplicate_ids_parameters_and_enum_values_take_one_pass() {
    let dir = tempfile::tempdir().unwrap();
    let limit = std::time::Duration::from_secs(60);
    // Every operation wants the same operationId: numbered in one pass.
    let mut paths = serde_json::Map::new();
    for i in 0..12_000 {
        paths.insert(
            format!("/r{i}"),
            json!({"get": {"operationId": "Dup", "summary": "Get", "description": "Get.",
                "responses": {"200": {"description": "ok"}}}}),
        );
    }
    let dup = write(
        dir.path(),
        "dup.json",
        &swagger(Value::Object(paths), json!({})).to_string(),
    );
    let fixed = dir.path().join("fixed.json");
    // Written, though over the import size (an error of its own).
    ccforge()
        .arg("fix")
        .arg(&dup)
        .arg("-o")
        .arg(&fixed)
        .timeout(limit)
        .assert()
        .code(1);
    let fixed: Value = serde_json::from_str(&std::fs::read_to_string(&fixed).unwrap()).unwrap();
    let ids: std::collections::HashSet<&str> = fixed["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|item| item["get"]["operationId"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 12_000);
    assert!(ids.contains("Dup") && ids.contains("Dup2") && ids.contains("Dup12000"));

    // A minified file (one line) with 12,000 errors: each frame finds its line in the index.
    let mut paths = serde_json::Map::new();
    for i in 0..12_000 {
        paths.insert(
            format!("/r{i}"),
            json!({"get": {"summary": "Get", "description": "Get.", "responses": {"200": {"description": "ok"}}}}),
        );
    }
    let noid = write(
        dir.path(),
        "noid.json",
        &swagger(Value::Object(paths), json!({})).to_string(),
    );
    let out = ccforge()
        .arg("lint")
        .arg(&noid)
        .timeout(limit)
        .output()
        .unwrap();
    let pretty = String::from_utf8_lossy(&out.stdout);
    assert_eq!(pretty.matches("has no operationId").count(), 12_000);
    // The one more is the file's size, over the import limit.
    assert!(
        pretty.contains("\n12001 errors, "),
        "{}",
        &pretty[pretty.len() - 200..]
    );

    // A Postman request with 12,000 query parameters and 12,000 headers, each given twice.
    let pairs = |prefix: &str| -> Vec<Value> {
        (0..24_000)
            .map(|i| json!({"key": format!("{prefix}{}", i % 12_000), "value": "1"}))
            .collect()
    };
    let collection = json!({"info": {"name": "Q", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{"name": "Search", "request": {"method": "GET", "header": pairs("X-H"),
            "url": {"raw": "https://api.contoso.com/search", "host": ["api", "contoso", "com"], "path": ["search"],
                "query": pairs("q")}}}]});
    let input = write(
        dir.path(),
        "wide.postman_collection.json",
        &collection.to_string(),
    );
    let converted = dir.path().join("wide.json");
    let out = ccforge()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&converted)
        .timeout(limit)
        .output()
        .unwrap();
    assert!(
        converted.exists(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let converted: Value =
        serde_json::from_str(&std::fs::read_to_string(&converted).unwrap()).unwrap();
    let params = converted["paths"]["/search"]["get"]["parameters"]
        .as_array()
        .unwrap();
    assert_eq!(params.iter().filter(|p| p["in"] == "query").count(), 12_000);
    assert_eq!(
        params.iter().filter(|p| p["in"] == "header").count(),
        12_000
    );

    // One operation with 12,000 parameters and an enum of 50,000 values; the new version
    // drops one of each.
    let params = |skip: usize| -> Value {
        let mut list: Vec<Value> = (0..12_000)
            .filter(|&i| i != skip)
            .map(|i| json!({"name": format!("p{i}"), "in": "query", "type": "string"}))
            .collect();
        let values: Vec<String> = (0..50_000)
            .filter(|&i| i != skip)
            .map(|i| format!("v{i}"))
            .collect();
        list.push(json!({"name": "e", "in": "query", "type": "string", "enum": values}));
        json!({"/a": {"get": {"operationId": "A", "summary": "A", "description": "A.",
            "parameters": list, "responses": {"200": {"description": "ok"}}}}})
    };
    let old = write(
        dir.path(),
        "old.json",
        &swagger(params(usize::MAX), json!({})).to_string(),
    );
    let new = write(
        dir.path(),
        "new.json",
        &swagger(params(7), json!({})).to_string(),
    );
    for command in ["lint", "diff"] {
        let mut run = ccforge();
        run.args([command, "--format=json"]).arg(&old);
        if command == "diff" {
            run.arg(&new);
        }
        let out = run.timeout(limit).output().unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let messages: Vec<&str> = report["diagnostics"]
            .as_array()
            .or(report["changes"].as_array())
            .unwrap()
            .iter()
            .map(|d| d["message"].as_str().unwrap())
            .collect();
        if command == "diff" {
            assert_eq!(
                messages,
                [
                    "query parameter `p7` was removed",
                    "parameter `e` lost enum values \"v7\""
                ],
                "{report}"
            );
        } else {
            assert!(
                !messages.iter().any(|m| m.contains("twice")),
                "{messages:?}"
            );
        }
    }
}

/// `fix` reads its input once (a FIFO has nothing left for a second read), writes a file that is
/// not UTF-8 as UTF-8 (its UTF-8 text as it was, each other byte as its Latin-1 character), and
/// `--in-place` rewrites only a file named on the command line, not whatever `/dev/stdin` was
/// redirected from.
#[cfg(unix)]
#[test]
fn fix_reads_once_keeps_the_bytes_of_a_latin1_file_and_rewrites_only_named_files() {
    let dir = tempfile::tempdir().unwrap();
    // The summary pass changes the parameter: the file is written.
    let doc = swagger(
        json!({"/a": {"get": {"operationId": "A", "summary": "A", "description": "Num-ROS kept.",
            "parameters": [{"name": "q", "in": "query", "type": "string", "description": "Q."}],
            "responses": {"200": {"description": "ok"}}}}}),
        json!({}),
    );
    let text = serde_json::to_string_pretty(&doc).unwrap();

    let fifo = dir.path().join("pipe.json");
    mkfifo(&fifo);
    let writer = {
        let (fifo, text) = (fifo.clone(), text.clone());
        std::thread::spawn(move || std::fs::write(fifo, text))
    };
    let out = ccforge()
        .arg("fix")
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"x-ms-summary\": \"Q\""));
    writer.join().unwrap().unwrap();

    // Valid UTF-8 (`é`) and one stray byte (`ÿ` in Latin-1): written as UTF-8.
    let latin1 = dir.path().join("latin1.json");
    let bytes = text
        .replace("Num-ROS", "Num\u{e9}ros \u{1}")
        .into_bytes()
        .into_iter()
        .map(|b| if b == 1 { 0xFF } else { b })
        .collect::<Vec<u8>>();
    std::fs::write(&latin1, &bytes).unwrap();
    ccforge()
        .args(["fix", "--in-place"])
        .arg(&latin1)
        .assert()
        .code(0);
    let written = std::fs::read(&latin1).unwrap();
    assert_ne!(written, bytes, "the summary pass changed nothing");
    let written = String::from_utf8(written).expect("written as UTF-8");
    assert!(written.contains("Num\u{e9}ros \u{ff}"), "{written}");
    // No pass has anything to change: the file is written all the same, as UTF-8.
    let fixed_text = written.clone();
    let stray: Vec<u8> = (fixed_text
        .replace('\u{ff}', "\u{1}")
        .into_bytes()
        .into_iter())
    .map(|b| if b == 1 { 0xFF } else { b })
    .collect();
    std::fs::write(&latin1, &stray).unwrap();
    ccforge()
        .args(["fix", "--in-place"])
        .arg(&latin1)
        .assert()
        .code(0);
    assert_eq!(std::fs::read_to_string(&latin1).unwrap(), fixed_text);

    let redirected = dir.path().join("redirected.json");
    std::fs::write(&redirected, &text).unwrap();
    let out = ccforge()
        .args(["fix", "--in-place", "/dev/stdin"])
        .pipe_stdin(&redirected)
        .unwrap()
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("write the result with -o FILE"));
    assert_eq!(std::fs::read_to_string(&redirected).unwrap(), text);
}

/// A connector folder's files are regular files: `diff` refuses an apiProperties.json that is a
/// link to a device or a FIFO instead of reading it without end; a device named as the input is
/// read up to a bound.
#[cfg(unix)]
#[test]
fn a_special_file_in_a_folder_or_as_the_input_is_never_read_without_end() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("c");
    let doc = swagger(
        json!({"/a": {"get": {"operationId": "A", "summary": "A", "description": "A.",
            "responses": {"200": {"description": "ok"}}}}}),
        json!({}),
    );
    write(
        &folder,
        "apiDefinition.swagger.json",
        &serde_json::to_string_pretty(&doc).unwrap(),
    );
    std::os::unix::fs::symlink("/dev/zero", folder.join("apiProperties.json")).unwrap();
    let out = ccforge()
        .arg("diff")
        .arg(&folder)
        .arg(&folder)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is not a regular file"),
        "{out:?}"
    );
    let out = ccforge()
        .args(["lint", "/dev/zero"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("a pipe or device that gave more than"));
}

/// A file name is shown on one line: a newline or an escape sequence in it cannot start a line
/// of its own in `diff`'s report (which a CI log would read as a workflow command) or reach the
/// terminal raw.
#[cfg(unix)]
#[test]
fn diff_shows_file_names_with_their_control_characters_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let doc = |ty: &str| {
        serde_json::to_string_pretty(&swagger(
            json!({"/a": {"get": {"operationId": "A", "summary": "A", "description": "A.",
                "parameters": [{"name": "q", "in": "query", "type": ty, "description": "Q."}],
                "responses": {"200": {"description": "ok"}}}}}),
            json!({}),
        ))
        .unwrap()
    };
    let old = write(dir.path(), "old.json", &doc("string"));
    let new = write(
        dir.path(),
        "inj\n::error file=evil::INJECTED\n\u{1b}[31m.json",
        &doc("integer"),
    );
    let out = ccforge().arg("diff").arg(&old).arg(&new).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("inj\\u{a}::error"), "{text}");
    assert!(
        !text.lines().any(|l| l.starts_with("::error")) && !text.contains('\u{1b}'),
        "{text}"
    );
}

/// A server URL's query cannot go into `host` or `basePath`: it is left out, reported as a
/// secret when it holds one (`?sig=...`), else as a server problem.
#[test]
fn a_server_url_query_is_never_written_into_the_base_path() {
    let dir = tempfile::tempdir().unwrap();
    for (query, code) in [
        ("sig=S3CR3Tsignature", "CCF810"),
        ("api-version=2", "CCF801"),
    ] {
        let input = write(
            dir.path(),
            "api.yaml",
            &format!(
                "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\nservers: [{{url: 'https://api.contoso.com/v1?{query}'}}]\npaths:\n  /things:\n    get:\n      operationId: ListThings\n      summary: List things\n      description: Lists things.\n      responses: {{'200': {{description: OK}}}}\n"
            ),
        );
        let out = ccforge()
            .args(["convert", "--format", "json"])
            .arg(&input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let (stdout, stderr) = (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        );
        assert!(!stdout.contains("S3CR3T") && !stderr.contains("S3CR3T"));
        let doc: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(doc["basePath"], "/v1");
        let report: Value = serde_json::from_str(&stderr).unwrap();
        assert!(
            report["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["code"] == code && d["pointer"] == "/servers/0/url"),
            "{report}"
        );
    }
}

/// An OpenAPI 3 definition whose shared request body `name` (of `media`, `fields` string
/// properties) is the body of `operations` operations.
fn shared_body_users(name: &str, media: &str, fields: usize, operations: usize) -> Value {
    let properties: serde_json::Map<String, Value> = (0..fields)
        .map(|i| (format!("field{i}"), json!({"type": "string"})))
        .collect();
    let paths: serde_json::Map<String, Value> = (0..operations)
        .map(|i| {
            (
                format!("/things{i}"),
                json!({"post": {"operationId": format!("Add{i}"), "summary": "Add",
                    "requestBody": {"$ref": format!("#/components/requestBodies/{name}")},
                    "responses": {"200": {"description": "OK"}}}}),
            )
        })
        .collect();
    json!({"openapi": "3.0.3", "info": {"title": "T", "version": "1"},
        "servers": [{"url": "https://api.contoso.com"}], "paths": paths,
        "components": {"requestBodies": {name: {"content": {media:
            {"schema": {"type": "object", "properties": properties}}}}}}})
}

#[test]
fn a_large_request_body_shared_by_thousands_of_operations_is_written_once() {
    // 300 properties used by 3,000 operations: copied into each, the output would be 30 MB.
    let dir = tempfile::tempdir().unwrap();
    let doc = shared_body_users("Thing", "application/json", 300, 3000);
    let input = write(dir.path(), "api.json", &doc.to_string());
    let out = dir.path().join("out.json");
    ccforge()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.len() < 2_000_000, "{} bytes", written.len());
    let swagger: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(
        swagger["definitions"]["Thing"]["properties"]
            .as_object()
            .unwrap()
            .len(),
        300
    );
}

#[test]
fn an_escaped_lone_surrogate_is_reported_not_replaced_silently() {
    let dir = tempfile::tempdir().unwrap();
    let text = swagger(json!({}), json!({}))
        .to_string()
        .replace("A test API.", "half \\ud800 of a pair");
    assert!(text.contains("\\ud800"), "{text}");
    let input = write(dir.path(), "api.json", &text);
    let out = ccforge()
        .args(["lint", "--format", "json"])
        .arg(&input)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(&Value, &Value)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "CCF003")
        .map(|d| (&d["line"], &d["column"]))
        .collect();
    assert_eq!(found.len(), 1, "{report}");
    // `fix` says what it wrote instead.
    let out = ccforge()
        .args(["fix", "--all"])
        .arg(&input)
        .output()
        .unwrap();
    let fixed = String::from_utf8(out.stdout).unwrap();
    assert!(fixed.contains("half \u{FFFD} of a pair"), "{fixed}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("replaced 1 lone surrogate by U+FFFD"),
        "{stderr}"
    );
}

#[test]
fn keys_that_differ_only_in_lone_surrogates_are_a_repeat_and_diff_says_how_it_read_them() {
    let dir = tempfile::tempdir().unwrap();
    let op =
        |id: &str| json!({"get": {"operationId": id, "responses": {"200": {"description": "OK"}}}});
    let text = |paths: &[(&str, &str)]| {
        let mut map = serde_json::Map::new();
        for (key, id) in paths {
            map.insert(format!("/a{key}"), op(id));
        }
        // Marked keys, then their marks replaced by escaped lone surrogates.
        swagger(Value::Object(map), json!({}))
            .to_string()
            .replace("/aX", "/a\\ud800")
            .replace("/aY", "/a\\udc00")
    };
    let both = write(
        dir.path(),
        "both.json",
        &text(&[("X", "First"), ("Y", "Second")]),
    );
    let out = ccforge()
        .args(["lint", "--format", "json"])
        .arg(&both)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let repeats: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "duplicate-key")
        .collect();
    assert_eq!(repeats.len(), 1, "{report}");

    // Two files that differ only there read alike: `diff` says so for each side.
    let old = write(dir.path(), "old.json", &text(&[("X", "Same")]));
    let new = write(dir.path(), "new.json", &text(&[("Y", "Same")]));
    for extra in [&[][..], &["--text"][..]] {
        let out = ccforge()
            .arg("diff")
            .args(extra)
            .arg(&old)
            .arg(&new)
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        for side in ["old.json", "new.json"] {
            assert!(
                stderr.contains(&format!("warning: {}:1:", dir.path().join(side).display()))
                    || stderr.contains(&format!("warning: {side}:1:")),
                "{extra:?}: {stderr}"
            );
        }
        assert!(stderr.contains("lone surrogate"), "{stderr}");
    }
}

#[test]
fn diff_tells_a_few_of_an_inputs_thousand_mended_places_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut text =
        String::from(r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {},"#);
    for i in 0..1000 {
        text.push_str(&format!("\n\"x-{i}\": 1, // a comment"));
    }
    text.push_str("\n\"x-end\": 1}");
    let file = write(dir.path(), "api.json", &text);
    let out = ccforge()
        .arg("diff")
        .arg(&file)
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 42, "{stderr}");
    assert!(
        stderr.contains("980 more like these are not listed"),
        "{stderr}"
    );
}

#[test]
fn a_large_form_shared_by_thousands_of_operations_stops_at_a_budget() {
    // 1,000 fields used by 3,000 operations would be 3,000,000 form parameters (7 GB).
    let dir = tempfile::tempdir().unwrap();
    let doc = shared_body_users("Form", "application/x-www-form-urlencoded", 1000, 3000);
    let input = write(dir.path(), "api.json", &doc.to_string());
    let out = dir.path().join("out.json");
    let run = ccforge()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&run.stderr).unwrap();
    let budget: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "CCF805" && d["severity"] == "error")
        .map(|d| &d["pointer"])
        .collect();
    assert_eq!(budget, [&Value::from("/components/requestBodies/Form")]);
    let swagger: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let with_form = swagger["paths"]
        .as_object()
        .unwrap()
        .values()
        .filter(|p| p["post"]["parameters"].is_array())
        .count();
    assert_eq!(with_form, 50);
}
