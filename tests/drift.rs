//! `ccforge drift API CONNECTOR` and the connection part of `ccforge diff` on two connector
//! folders: golden reports, what drift must not report, recursion, the corpus.

mod common;
use common::ccforge;

use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn json_report(args: &[&str], dir: &Path) -> (Option<i32>, Value) {
    let out = ccforge()
        .current_dir(dir)
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: {e}\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code(), report)
}

fn rules(report: &Value) -> Vec<(String, String)> {
    report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["rule"].as_str().unwrap().to_string(),
                c["level"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn drift_matches_the_golden_report() {
    let out = ccforge()
        .current_dir(root())
        .args([
            "drift",
            "fixtures/drift/api.yaml",
            "fixtures/drift/connector",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let actual = String::from_utf8(out.stdout).unwrap();
    let expected_path = root().join("fixtures/drift/expected.json");
    if std::env::var_os("CCFORGE_BLESS").is_some() {
        std::fs::write(&expected_path, &actual).unwrap();
    }
    assert_eq!(actual, std::fs::read_to_string(expected_path).unwrap());

    let report: Value = serde_json::from_str(&actual).unwrap();
    let got = rules(&report);
    for (rule, level) in [
        ("operation-missing-from-api", "breaking"),
        ("operation-missing-from-connector", "info"),
        ("parameter-added-required", "breaking"),
        ("parameter-not-in-api", "warning"),
        ("response-property-removed", "breaking"),
        ("request-property-made-required", "breaking"),
        ("auth-differs", "info"),
    ] {
        assert!(
            got.contains(&(rule.into(), level.into())),
            "{rule} {level} missing from {got:?}"
        );
    }
    // The connector's own names and extensions are not drift: its operationIds differ from the
    // API's, its path variable is `{id}` where the API says `{contactId}`, and it has
    // x-ms-dynamic-values the API knows nothing of.
    for (rule, _) in &got {
        assert!(
            ![
                "operation-id-changed",
                "parameter-renamed",
                "dynamic-target-changed",
                "host-changed",
                "base-path-changed",
                "security-scheme-removed",
                "security-scheme-added"
            ]
            .contains(&rule.as_str()),
            "{rule} is not drift"
        );
    }
    // The connector side is located in the connector's file, the API side in its conversion.
    let missing = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "operation-missing-from-api")
        .unwrap();
    assert_eq!(
        missing["old"]["file"],
        "fixtures/drift/connector/apiDefinition.swagger.json"
    );
    assert_eq!(
        missing["old"]["pointer"],
        "/paths/~1v2~1contacts~1{id}~1notes/get"
    );
    assert_eq!(missing["old"]["line"], 97);
}

#[test]
fn drift_formats_and_fail_on() {
    let out = ccforge()
        .current_dir(root())
        .args([
            "drift",
            "fixtures/drift/api.yaml",
            "fixtures/drift/connector",
            "--format",
            "github",
            "--fail-on",
            "never",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let gh = String::from_utf8(out.stdout).unwrap();
    // Annotations go on the connector, the file in the repository.
    assert!(
        gh.lines().any(|l| l.starts_with(
            "::error file=fixtures/drift/connector/apiDefinition.swagger.json,line=97,title=ccforge drift operation-missing-from-api::"
        )),
        "{gh}"
    );
    let out = ccforge()
        .current_dir(root())
        .args([
            "drift",
            "fixtures/drift/api.yaml",
            "fixtures/drift/connector/apiDefinition.swagger.json",
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("## Connector drift\n"), "{md}");
    // The fold of what is not breaking counts as the summary under the heading does.
    let summary = md.lines().nth(2).unwrap();
    let folded = summary
        .split_once(", ")
        .map(|(_, rest)| rest.trim_end_matches('.'))
        .unwrap();
    assert!(
        md.contains(&format!("<details><summary>{folded}</summary>")),
        "{md}"
    );
    assert!(
        md.contains("| :x: | `operation-missing-from-api` |"),
        "{md}"
    );
}

#[test]
fn drift_input_errors_exit_2() {
    // The connector side must be a connector's Swagger 2.0 definition.
    ccforge()
        .current_dir(root())
        .args([
            "drift",
            "fixtures/drift/api.yaml",
            "fixtures/drift/api.yaml",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "a connector's definition is Swagger 2.0",
        ));
    ccforge()
        .current_dir(root())
        .args(["drift", "no/such.yaml", "fixtures/drift/connector"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no/such.yaml"));
    ccforge()
        .current_dir(root())
        .args([
            "drift",
            "fixtures/drift/connector/apiDefinition.swagger.json",
            "fixtures",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "without apiDefinition.swagger.json",
        ));
}

#[test]
fn a_connector_converted_from_the_api_has_not_drifted() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("connector");
    for (input, extra) in [
        ("fixtures/drift/api.yaml", &[][..]),
        (
            "fixtures/convert/postman-v21-features/input.postman_collection.json",
            &["--host", "api.example.com"][..],
        ),
    ] {
        let _ = std::fs::remove_dir_all(&out);
        ccforge()
            .current_dir(root())
            .args(["convert", input, "--out-dir"])
            .arg(&out)
            .args(extra)
            .assert()
            .code(predicates::ord::lt(2));
        let (code, report) = json_report(&["drift", input, out.to_str().unwrap()], &root());
        assert_eq!(code, Some(0), "{report}");
        let got = rules(&report);
        assert!(
            got.iter().all(|(r, _)| r == "auth-differs"),
            "{input}: {got:?}"
        );
    }
}

#[test]
fn two_connector_folders_compare_their_connections_too() {
    let (code, report) = json_report(
        &[
            "diff",
            "fixtures/diff/connectors/old",
            "fixtures/diff/connectors/new",
        ],
        &root(),
    );
    assert_eq!(code, Some(1));
    let got = rules(&report);
    assert_eq!(
        got,
        [
            ("oauth-setting-changed", "breaking"),
            ("connection-parameter-added-required", "breaking"),
            ("scopes-added", "warning"),
            ("policy-removed", "warning"),
            ("capability-added", "info"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let first = &report["changes"][0];
    assert_eq!(
        first["new"]["file"],
        "fixtures/diff/connectors/new/apiProperties.json"
    );
    assert_eq!(
        first["new"]["pointer"],
        "/properties/connectionParameters/token/oAuthSettings/customParameters/resourceUri/value"
    );
    assert_eq!(
        (
            first["new"]["line"].as_u64(),
            first["new"]["column"].as_u64()
        ),
        (Some(14), Some(29))
    );
    // A folder without apiProperties.json: said, not silently skipped.
    let bare = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("fixtures/diff/connectors/new/apiDefinition.swagger.json"),
        bare.path().join("apiDefinition.swagger.json"),
    )
    .unwrap();
    let (code, report) = json_report(
        &[
            "diff",
            "fixtures/diff/connectors/old",
            bare.path().to_str().unwrap(),
        ],
        &root(),
    );
    assert_eq!(code, Some(0));
    assert_eq!(
        rules(&report),
        [("api-properties-missing".to_string(), "warning".to_string())]
    );
    // A folder against itself: nothing.
    ccforge()
        .current_dir(root())
        .args([
            "diff",
            "fixtures/diff/connectors/old",
            "fixtures/diff/connectors/old",
        ])
        .assert()
        .code(0)
        .stdout("No changes.\n");
}

#[test]
fn a_connector_folder_at_a_git_revision() {
    let dir = tempfile::tempdir().unwrap();
    let Some(git) = common::git_repo(dir.path()) else {
        eprintln!("skipping: git is not installed");
        return;
    };
    let conn = dir.path().join("connectors/Contacts");
    std::fs::create_dir_all(&conn).unwrap();
    let copy = |from: &str| {
        for f in ["apiDefinition.swagger.json", "apiProperties.json"] {
            std::fs::copy(root().join(from).join(f), conn.join(f)).unwrap();
        }
    };
    copy("fixtures/diff/connectors/old");
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "v1"]);
    copy("fixtures/diff/connectors/new");
    let (code, report) = json_report(
        &["diff", "HEAD:connectors/Contacts", "connectors/Contacts"],
        dir.path(),
    );
    assert_eq!(code, Some(1), "{report}");
    assert_eq!(report["summary"]["breaking"], 2);
    assert_eq!(
        report["changes"][0]["old"]["file"],
        "HEAD:connectors/Contacts/apiProperties.json"
    );
}

#[test]
fn every_corpus_connector_against_its_own_definition_has_no_breaking_drift() {
    let Some(definitions) = common::connector_definitions() else {
        eprintln!("skipping: ../shared/corpus/connectors is absent");
        return;
    };
    let mut n = 0;
    for (p, connector) in &definitions {
        let mut api = connector.clone();
        let config = ccforge::config::Config::defaults(root());
        ccforge::connector::run_passes(&mut api, "api", &config);
        let mut changes = ccforge::diff::rebase(&mut api, connector);
        changes.extend(ccforge::diff::drift(connector, &api));
        // What the passes change (a GET body dropped) can show as a warning, never as breaking.
        let breaking: Vec<_> = changes
            .iter()
            .filter(|c| c.level == ccforge::diff::Level::Breaking)
            .collect();
        assert!(breaking.is_empty(), "{}: {breaking:?}", p.display());
        n += 1;
    }
    assert!(n > 1000);
}

#[test]
fn every_corpus_api_converted_to_a_connector_has_not_drifted() {
    let mut inputs = Vec::new();
    for (sub, exts) in [
        ("openapi3/specs", &["json", "yaml", "yml"][..]),
        ("postman", &["json"][..]),
    ] {
        match common::corpus(sub) {
            Some(dir) => inputs.extend(common::files(&dir, exts)),
            None => eprintln!("skipping {sub}: ../shared/corpus is absent"),
        }
    }
    let work = tempfile::tempdir().unwrap();
    let failures = std::sync::Mutex::new(Vec::new());
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    let out = work.path().join(i.to_string());
                    let converted = ccforge()
                        .args(["convert", "--host", "api.example.com", "--out-dir"])
                        .arg(&out)
                        .arg(input)
                        .output()
                        .unwrap();
                    if !out.join("apiDefinition.swagger.json").exists() {
                        // Not an API (an environment, a fragment) or a reported input error.
                        assert_eq!(converted.status.code(), Some(2), "{}", input.display());
                        continue;
                    }
                    let drift = ccforge()
                        .arg("drift")
                        .arg(input)
                        .arg(&out)
                        .args(["--format", "json"])
                        .output()
                        .unwrap();
                    let report: Value = match serde_json::from_slice(&drift.stdout) {
                        Ok(r) => r,
                        Err(e) => {
                            failures.lock().unwrap().push(format!(
                                "{}: {e}: {}",
                                input.display(),
                                String::from_utf8_lossy(&drift.stderr)
                            ));
                            continue;
                        }
                    };
                    let left: Vec<_> = rules(&report)
                        .into_iter()
                        .filter(|(r, _)| r != "auth-differs")
                        .collect();
                    if !left.is_empty() {
                        failures
                            .lock()
                            .unwrap()
                            .push(format!("{}: {left:?}", input.display()));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{failures:#?}");
}

/// A Swagger 2.0 API whose paths drift re-roots on the connector's base path is still placed in
/// the API's own file, at the moved operation.
#[test]
fn a_rerooted_swagger_api_is_placed_in_its_own_file() {
    let dir = tempfile::tempdir().unwrap();
    let api = dir.path().join("api.json");
    std::fs::write(
        &api,
        r#"{
  "swagger": "2.0",
  "info": {"title": "Items", "version": "2"},
  "host": "api.contoso.com",
  "basePath": "/v2",
  "paths": {
    "/items": {
      "get": {
        "parameters": [{"name": "workspace", "in": "query", "required": true, "type": "string"}],
        "responses": {"200": {"description": "OK"}}
      }
    }
  }
}
"#,
    )
    .unwrap();
    let connector = dir.path().join("apiDefinition.swagger.json");
    std::fs::write(
        &connector,
        r#"{
  "swagger": "2.0",
  "info": {"title": "Items", "version": "1"},
  "host": "api.contoso.com",
  "basePath": "/",
  "paths": {
    "/v2/items": {
      "get": {"operationId": "ListItems", "responses": {"200": {"description": "OK"}}}
    }
  }
}
"#,
    )
    .unwrap();
    let out = ccforge()
        .args(["drift", "--format", "json"])
        .arg(&api)
        .arg(&connector)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let added = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "parameter-added-required")
        .unwrap_or_else(|| panic!("no parameter-added-required in {report}"));
    let place = &added["new"];
    assert_eq!(place["file"], api.display().to_string(), "{report}");
    assert_eq!(
        place["pointer"], "/paths/~1items/get/parameters/0",
        "{report}"
    );
    assert_eq!(
        (place["line"].as_u64(), place["column"].as_u64()),
        (Some(9), Some(24))
    );
}
