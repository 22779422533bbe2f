//! Inputs built to make a tool crash, hang or run out of memory: deep `$ref` chains, very many
//! operations, hostile YAML and references. Each runs the real binary; sizes are chosen so a
//! linear walk finishes quickly and a quadratic or recursive one does not finish at all.

use assert_cmd::Command;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn ccforge() -> Command {
    let mut c = Command::cargo_bin("ccforge").unwrap();
    c.env_remove("GITHUB_ACTIONS").env("NO_COLOR", "1");
    c
}

fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
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
