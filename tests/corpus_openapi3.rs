//! `convert` over the OpenAPI 3 definitions in ../shared/corpus/openapi3 (skipped when absent): no
//! panic, valid Swagger 2.0 by an independent validator (see tests/run.sh) unless an error
//! diagnostic says why not, and nothing that api-spec-converter keeps in its down-conversions lost
//! without a diagnostic.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

mod common;
mod validator;

fn corpus() -> Option<PathBuf> {
    common::corpus("openapi3")
}

fn files(root: &Path) -> Vec<PathBuf> {
    common::files(root, &["json", "yaml", "yml"])
}

struct Converted {
    doc: Value,
    diagnostics: Vec<Value>,
    code: i32,
}

fn convert(path: &Path, extra: &[&str]) -> Converted {
    let out = Command::cargo_bin("ccforge")
        .unwrap()
        .env_remove("GITHUB_ACTIONS")
        .arg("convert")
        .arg(path)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|e| {
        panic!(
            "{}: stderr is not JSON ({e}): {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    Converted {
        doc: serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
        diagnostics: report["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default(),
        code: out.status.code().unwrap_or(-1),
    }
}

#[test]
fn every_openapi3_definition_converts_to_valid_swagger2() {
    let Some(root) = corpus() else {
        eprintln!("skipping: ../shared/corpus/openapi3 is absent");
        return;
    };
    let inputs: Vec<PathBuf> = files(&root.join("specs"))
        .into_iter()
        .chain(files(&root.join("down-conversion/test/input")))
        .collect();
    assert!(inputs.len() > 100);
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let mut outputs = Vec::new();
    for path in &inputs {
        let name = path.strip_prefix(&root).unwrap().display().to_string();
        let c = convert(path, &[]);
        let codes: Vec<&str> = c
            .diagnostics
            .iter()
            .filter_map(|d| d["code"].as_str())
            .collect();
        if c.code == 2 {
            // Only the schema fragments that other files refer to are not documents.
            if codes != ["CCF005"] {
                failures.push(format!("{name}: exit 2 {codes:?}"));
            }
            continue;
        }
        if !matches!(c.code, 0 | 1) {
            failures.push(format!("{name}: exit {}", c.code));
            continue;
        }
        let has_error = c.diagnostics.iter().any(|d| d["severity"] == "error");
        if (c.code == 0) == has_error {
            failures.push(format!("{name}: exit {} with errors = {has_error}", c.code));
        }
        for d in &c.diagnostics {
            if d["line"].as_u64().is_none() && d["pointer"].as_str().is_some_and(|p| !p.is_empty())
            {
                failures.push(format!("{name}: unlocated diagnostic {d}"));
            }
        }
        let out = dir.path().join(format!("{}.json", outputs.len()));
        std::fs::write(&out, serde_json::to_vec(&c.doc).unwrap()).unwrap();
        outputs.push((name, out, has_error));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let Some(v) = validator::Validator::find() else {
        return;
    };
    let paths: Vec<PathBuf> = outputs.iter().map(|o| o.1.clone()).collect();
    let verdicts = v.check(&paths);
    let invalid: Vec<String> = outputs
        .iter()
        .zip(&verdicts)
        .filter(|((_, _, explained), verdict)| verdict.is_some() && !explained)
        .map(|((name, _, _), verdict)| {
            format!("{name}: {}", verdict.as_deref().unwrap_or_default())
        })
        .collect();
    assert!(
        invalid.is_empty(),
        "invalid Swagger 2.0 without an error diagnostic:\n{}",
        invalid.join("\n")
    );
}

/// Operations, parameters, responses, definitions and security schemes of a Swagger 2.0 document.
fn shape(doc: &Value) -> BTreeSet<String> {
    let mut s = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            if !ccforge::swagger::METHODS.contains(&method.as_str()) {
                continue;
            }
            s.insert(format!("op {method} {path}"));
            let params = item["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .chain(op["parameters"].as_array().into_iter().flatten());
            for p in params {
                let p = match p["$ref"].as_str() {
                    Some(r) => doc["parameters"][r.rsplit('/').next().unwrap()].clone(),
                    None => p.clone(),
                };
                let name = if p["in"] == "body" {
                    "<body>"
                } else {
                    p["name"].as_str().unwrap_or("")
                };
                s.insert(format!(
                    "param {method} {path} {name} {}",
                    p["in"].as_str().unwrap_or("")
                ));
            }
            for code in op["responses"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, _)| k)
            {
                s.insert(format!("response {method} {path} {code}"));
            }
        }
    }
    for k in doc["definitions"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, _)| k)
    {
        s.insert(format!("definition {k}"));
    }
    for k in doc["securityDefinitions"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, _)| k)
    {
        s.insert(format!("security {k}"));
    }
    s
}

fn read_any(path: &Path) -> Value {
    let text = std::fs::read(path).unwrap();
    ccforge::source::load_bytes("expected", &text)
        .unwrap()
        .value
}

#[test]
fn nothing_api_spec_converter_keeps_is_lost_silently() {
    let Some(root) = corpus() else {
        eprintln!("skipping: ../shared/corpus/openapi3 is absent");
        return;
    };
    let base = root.join("down-conversion/test");
    let outputs = files(&base.join("output/swagger_2"));
    let mut compared = 0;
    let mut failures = Vec::new();
    for input in files(&base.join("input/openapi_3")) {
        let stem = input.file_stem().unwrap().to_string_lossy().to_string();
        // Their petstore output comes from the Swagger 2.0 petstore, not from this input.
        if stem == "petstore" {
            continue;
        }
        let Some(expected) = outputs
            .iter()
            .find(|o| o.file_stem().unwrap().to_string_lossy() == stem)
        else {
            continue;
        };
        let c = convert(&input, &["--host", "example.com"]);
        if c.code == 2 {
            continue;
        }
        compared += 1;
        let theirs = shape(&read_any(expected));
        let ours = shape(&c.doc);
        let explained = c
            .diagnostics
            .iter()
            .any(|d| d["code"].as_str().is_some_and(|c| c.starts_with("CCF8")));
        let lost: Vec<&String> = theirs.difference(&ours).collect();
        if !lost.is_empty() && !explained {
            failures.push(format!("{stem}: lost without a diagnostic: {lost:?}"));
        }
    }
    assert!(compared >= 10, "{compared} compared");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
