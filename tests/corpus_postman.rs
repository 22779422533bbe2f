//! `convert` over every Postman collection in ../shared/corpus/postman (skipped when absent):
//! no panic, output that lints without errors (or a conversion error saying why), valid Swagger
//! 2.0 by an independent validator (see tests/run.sh), and the same operations from the v1, v2.0
//! and v2.1 exports of the same API.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

mod common;
mod validator;

fn corpus() -> Option<PathBuf> {
    common::corpus("postman")
}

fn collections(root: &Path) -> Vec<PathBuf> {
    common::files(root, &["json"])
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
    let code = out.status.code().unwrap_or(-1);
    let report: Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|e| {
        panic!(
            "{}: stderr is not JSON ({e}): {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let doc = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    Converted {
        doc,
        diagnostics: report["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default(),
        code,
    }
}

/// Whether the only errors say that the host is a variable with no value.
fn unresolved_host(diagnostics: &[Value]) -> bool {
    let errors: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    !errors.is_empty()
        && errors.iter().all(|d| {
            d["code"] == "CCF701"
                && d["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("the host"))
        })
}

#[test]
fn every_collection_converts_to_valid_connector_ready_swagger() {
    let Some(root) = corpus() else {
        eprintln!("skipping: ../shared/corpus/postman is absent");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    let mut explained = Vec::new();
    let mut failures = Vec::new();
    let files = collections(&root);
    assert!(files.len() > 100);
    for path in &files {
        let name = path.strip_prefix(&root).unwrap().display().to_string();
        let mut c = convert(path, &[]);
        // A host that is a variable with no value stops the conversion with nothing printed; the
        // rest of the collection is checked with a host given.
        if c.code == 2 && c.doc.is_null() && unresolved_host(&c.diagnostics) {
            c = convert(path, &["--host", "api.example.com"]);
        }
        if !matches!(c.code, 0 | 1) {
            failures.push(format!("{name}: exit {}", c.code));
            continue;
        }
        let errors: Vec<&Value> = c
            .diagnostics
            .iter()
            .filter(|d| d["severity"] == "error")
            .collect();
        // An error must come with a conversion error that explains it.
        let conversion_error = errors
            .iter()
            .any(|d| d["code"].as_str().is_some_and(|c| c.starts_with("CCF7")));
        if !errors.is_empty() && !conversion_error {
            failures.push(format!(
                "{name}: lint errors without an explanation: {errors:?}"
            ));
        }
        for d in &c.diagnostics {
            if d["line"].as_u64().is_none() && d["pointer"].as_str().is_some_and(|p| !p.is_empty())
            {
                failures.push(format!("{name}: unlocated diagnostic {d}"));
            }
        }
        if c.code == 0 && !errors.is_empty() {
            failures.push(format!("{name}: errors but exit 0"));
        }
        let out = dir.path().join(format!("{}.json", outputs.len()));
        std::fs::write(&out, serde_json::to_vec(&c.doc).unwrap()).unwrap();
        outputs.push((name, out));
        explained.push(conversion_error);
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
        .zip(&explained)
        .filter(|((_, verdict), explained)| verdict.is_some() && !**explained)
        .map(|(((name, _), verdict), _)| {
            format!("{name}: {}", verdict.as_deref().unwrap_or_default())
        })
        .collect();
    assert!(
        invalid.is_empty(),
        "invalid Swagger 2.0:\n{}",
        invalid.join("\n")
    );
}

/// (method, path, parameter names) of every operation.
fn operations(doc: &Value) -> BTreeSet<String> {
    let mut s = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            let mut params: Vec<String> = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] != "header")
                .map(|p| {
                    format!(
                        "{}:{}",
                        p["in"].as_str().unwrap_or(""),
                        p["name"].as_str().unwrap_or("")
                    )
                })
                .collect();
            params.sort();
            s.insert(format!("{method} {path} {}", params.join(",")));
        }
    }
    s
}

#[test]
fn v1_v2_and_v21_exports_of_one_api_give_the_same_operations() {
    let Some(root) = corpus() else {
        eprintln!("skipping: ../shared/corpus/postman is absent");
        return;
    };
    let base = root.join("transformer/examples");
    let mut compared = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(base.join("v2.1.0")).unwrap() {
        let name = entry.unwrap().file_name();
        let reference =
            operations(&convert(&base.join("v2.1.0").join(&name), &["--host", "example.com"]).doc);
        for version in ["v1.0.0", "v2.0.0"] {
            let other = base.join(version).join(&name);
            if !other.exists() {
                continue;
            }
            compared += 1;
            let ops = operations(&convert(&other, &["--host", "example.com"]).doc);
            if ops != reference {
                failures.push(format!(
                    "{} {version} vs v2.1.0:\n  only {version}: {:?}\n  only v2.1.0: {:?}",
                    name.to_string_lossy(),
                    ops.difference(&reference).collect::<Vec<_>>(),
                    reference.difference(&ops).collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(compared >= 20, "{compared} pairs compared");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_tutorial_collection_gives_one_post_with_a_body_and_a_200() {
    let Some(root) = corpus() else {
        eprintln!("skipping: ../shared/corpus/postman is absent");
        return;
    };
    let c = convert(
        &root.join("tutorial/azure-function-hello.v1.json"),
        &["--host", "contoso.azurewebsites.net"],
    );
    assert_eq!(c.code, 0, "{:?}", c.diagnostics);
    assert_eq!(c.doc["host"], "contoso.azurewebsites.net");
    let paths = c.doc["paths"].as_object().unwrap();
    assert_eq!(paths.len(), 1);
    let (_, item) = paths.iter().next().unwrap();
    let item = item.as_object().unwrap();
    assert_eq!(item.keys().collect::<Vec<_>>(), ["post"]);
    let op = &item["post"];
    let body = op["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["in"] == "body")
        .unwrap();
    assert_eq!(body["schema"]["properties"]["name"]["type"], "string");
    assert!(op["responses"]["200"]["schema"].is_object());
}

#[test]
fn the_tutorial_collection_becomes_an_aad_connector_folder_that_lints_clean() {
    let Some(root) = corpus() else {
        eprintln!("skipping: ../shared/corpus/postman is absent");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("Contoso");
    Command::cargo_bin("ccforge")
        .unwrap()
        .arg("convert")
        .arg(root.join("tutorial/azure-function-hello.v1.json"))
        .args([
            "--host",
            "contoso.azurewebsites.net",
            "--auth",
            "aad",
            "--client-id",
            "00000000-0000-0000-0000-000000000001",
            "--resource-url",
            "https://contoso.azurewebsites.net",
            "--out-dir",
        ])
        .arg(&out_dir)
        .assert()
        .code(0);
    Command::cargo_bin("ccforge")
        .unwrap()
        .arg("lint")
        .arg(&out_dir)
        .assert()
        .code(0);
    let props: Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("apiProperties.json")).unwrap())
            .unwrap();
    let s = &props["properties"]["connectionParameters"]["token"]["oAuthSettings"];
    assert_eq!(s["identityProvider"], "aad");
    assert_eq!(s["redirectMode"], "GlobalPerConnector");
    for p in ["resourceUri", "loginUri", "tenantId"] {
        assert!(
            s["customParameters"][p]["value"]
                .as_str()
                .is_some_and(|v| !v.is_empty()),
            "{p}"
        );
    }
    let swagger: Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("apiDefinition.swagger.json")).unwrap())
            .unwrap();
    let (_, def) = swagger["securityDefinitions"]
        .as_object()
        .unwrap()
        .iter()
        .next()
        .unwrap();
    assert_eq!(def["type"], "oauth2");
    assert_eq!(def["flow"], "accessCode");
}
