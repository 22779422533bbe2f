//! `ccforge diff`: golden classification, equivalence (reordered keys, inline vs `$ref`), report
//! formats, git revisions, and the corpus (self-diffs and the named breaking pairs).

mod common;
use common::ccforge;

use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

#[test]
fn classification_matches_the_golden_report() {
    let out = ccforge()
        .current_dir(root())
        .args([
            "diff",
            "fixtures/diff/old.json",
            "fixtures/diff/new.json",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let actual = String::from_utf8(out.stdout).unwrap();
    let expected_path = root().join("fixtures/diff/expected.json");
    if std::env::var_os("CCFORGE_BLESS").is_some() {
        std::fs::write(&expected_path, &actual).unwrap();
    }
    assert_eq!(actual, std::fs::read_to_string(expected_path).unwrap());
    let report: Value = serde_json::from_str(&actual).unwrap();
    let rules = common::picked(&report["changes"], "level", "breaking", "rule");
    for rule in [
        "operation-id-changed",
        "operation-removed",
        "parameter-renamed",
        "parameter-added-required",
        "enum-added",
        "request-property-made-required",
        "response-type-changed",
    ] {
        assert!(rules.contains(&rule), "{rule} missing from {rules:?}");
    }
    // Adding an optional parameter or an operation is never breaking.
    for c in report["changes"].as_array().unwrap() {
        if c["rule"] == "parameter-added" || c["rule"] == "operation-added" {
            assert_eq!(c["level"], "info");
        }
    }
}

#[test]
fn reordered_keys_and_inline_versus_ref_are_no_change() {
    ccforge()
        .current_dir(root())
        .args([
            "diff",
            "fixtures/diff/old.json",
            "fixtures/diff/reordered.yaml",
        ])
        .assert()
        .code(0)
        // A schema written inline on one side and behind a `$ref` on the other is the same
        // schema, though not the same text.
        .stdout(
            "No changes that affect connections or flows; the definitions differ elsewhere \
             (`--text` shows where).\n",
        );
    ccforge()
        .current_dir(root())
        .args([
            "diff",
            "fixtures/diff/new.json",
            "fixtures/diff/new.json",
            "--fail-on",
            "warning",
        ])
        .assert()
        .code(0);
}

#[test]
fn markdown_and_github_formats_and_fail_on() {
    let out = ccforge()
        .current_dir(root())
        .args([
            "diff",
            "fixtures/diff/old.json",
            "fixtures/diff/new.json",
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("7 breaking changes, 1 warning and 4 other changes."),
        "{md}"
    );
    assert!(md.contains("| :x: | `operation-removed` |"), "{md}");
    assert!(
        md.contains("<details><summary>1 warning and 4 other changes</summary>"),
        "{md}"
    );
    let out = ccforge()
        .current_dir(root())
        .args([
            "diff",
            "fixtures/diff/old.json",
            "fixtures/diff/new.json",
            "--format",
            "github",
            "--fail-on",
            "never",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let gh = String::from_utf8(out.stdout).unwrap();
    assert!(
        gh.lines()
            .any(|l| l.starts_with("::error file=fixtures/diff/new.json,line=22,")),
        "{gh}"
    );
    // A removal is annotated on the old file.
    assert!(
        gh.lines()
            .any(|l| l.starts_with("::error file=fixtures/diff/old.json,line=31,")),
        "{gh}"
    );
}

#[test]
fn a_pipe_in_an_operation_does_not_break_the_markdown_table() {
    let dir = tempfile::tempdir().unwrap();
    let doc = |paths: Value| {
        serde_json::json!({"swagger": "2.0", "info": {"title": "T", "version": "1"},
            "host": "api.contoso.com", "paths": paths})
    };
    let get = serde_json::json!({"get": {"operationId": "GetAB", "responses": {"200": {"description": "OK"}}}});
    let (old, new) = (dir.path().join("old.json"), dir.path().join("new.json"));
    std::fs::write(&old, doc(serde_json::json!({"/a|b": get})).to_string()).unwrap();
    std::fs::write(&new, doc(serde_json::json!({})).to_string()).unwrap();
    let out = ccforge()
        .args(["diff", "--format", "markdown"])
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    let row = md.lines().find(|l| l.starts_with("| :x: |")).expect(&md);
    assert!(row.contains("| `GET /a\\|b` |"), "{row}");
    // Five cells, as the header has: no `|` but the separators is left unescaped.
    let cells = row.replace("\\|", "").matches('|').count();
    assert_eq!(cells, 6, "{row}");
}

#[test]
fn definitions_that_differ_only_where_no_change_is_told_are_not_called_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let doc = |description: &str| {
        serde_json::json!({"swagger": "2.0", "info": {"title": "T", "version": "1"},
            "host": "api.contoso.com", "paths": {"/a": {"get": {"operationId": "GetA",
            "description": description, "responses": {"200": {"description": "OK"}}}}}})
    };
    let (old, new, same) = (
        dir.path().join("old.json"),
        dir.path().join("new.json"),
        dir.path().join("same.json"),
    );
    std::fs::write(&old, doc("Gets an A.").to_string()).unwrap();
    std::fs::write(&new, doc("Gets the A.").to_string()).unwrap();
    std::fs::write(
        &same,
        serde_json::to_string_pretty(&doc("Gets an A.")).unwrap(),
    )
    .unwrap();
    let out = ccforge().arg("diff").arg(&old).arg(&new).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "No changes that affect connections or flows; the definitions differ elsewhere (`--text` \
         shows where).\n"
    );
    let out = ccforge().arg("diff").arg(&old).arg(&same).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "No changes.\n");
}

#[test]
fn text_mode_and_bad_input() {
    let out = ccforge()
        .current_dir(root())
        .args([
            "diff",
            "fixtures/diff/old.json",
            "fixtures/diff/reordered.yaml",
            "--text",
        ])
        .output()
        .unwrap();
    // The same definition once normalised, apart from the moved schema.
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("+    \"Address\": {"), "{text}");
    ccforge()
        .args(["diff", "no/such.json", "fixtures/diff/old.json"])
        .current_dir(root())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no/such.json"));
}

#[test]
fn a_git_revision_can_be_one_side() {
    let dir = tempfile::tempdir().unwrap();
    let Some(git) = common::git_repo(dir.path()) else {
        eprintln!("skipping: git is not installed");
        return;
    };
    std::fs::copy(
        root().join("fixtures/diff/old.json"),
        dir.path().join("api.json"),
    )
    .unwrap();
    git(&["add", "api.json"]);
    git(&["commit", "-q", "-m", "v1"]);
    std::fs::copy(
        root().join("fixtures/diff/new.json"),
        dir.path().join("api.json"),
    )
    .unwrap();
    let out = ccforge()
        .current_dir(dir.path())
        .args(["diff", "HEAD:api.json", "api.json", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["breaking"], 7);
    assert_eq!(report["changes"][0]["old"]["file"], "HEAD:api.json");
}

/// `REV:FOLDER` names the folder from the repository's root, and `REV:./FOLDER` from the
/// working folder, wherever in the repository the command runs.
#[test]
fn a_git_folder_is_read_from_a_subfolder_of_the_repository() {
    let dir = tempfile::tempdir().unwrap();
    let Some(git) = common::git_repo(dir.path()) else {
        eprintln!("skipping: git is not installed");
        return;
    };
    let folder = dir.path().join("connectors/C");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::create_dir_all(dir.path().join("x")).unwrap();
    let def = folder.join("apiDefinition.swagger.json");
    std::fs::copy(root().join("fixtures/diff/old.json"), &def).unwrap();
    git(&["add", "connectors"]);
    git(&["commit", "-q", "-m", "v1"]);
    std::fs::copy(root().join("fixtures/diff/new.json"), &def).unwrap();
    for (cwd, old, new) in [
        ("x", "HEAD:connectors/C", "../connectors/C"),
        ("connectors", "HEAD:./C", "C"),
        ("connectors", "HEAD:connectors/C", "C"),
    ] {
        let out = ccforge()
            .current_dir(dir.path().join(cwd))
            .args(["diff", old, new, "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "from {cwd}: {old} {new}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["summary"]["breaking"], 7, "from {cwd}: {old}");
    }
}

/// A dynamic call that follows its target's renamed operationId calls the same operation:
/// the rename is the breaking change, not the call. A call moved to another operation is.
#[test]
fn a_dynamic_call_that_follows_a_renamed_operation_is_no_change_of_target() {
    let dir = tempfile::tempdir().unwrap();
    let doc = |list_id: &str, target: &str| {
        serde_json::json!({
            "swagger": "2.0",
            "info": {"title": "Mail", "version": "1.0"},
            "host": "mail.contoso.com",
            "paths": {
                "/folders": {"get": {"operationId": list_id, "summary": "List folders",
                    "responses": {"200": {"description": "OK"}}}},
                "/archive": {"get": {"operationId": "ListArchive", "summary": "List the archive",
                    "responses": {"200": {"description": "OK"}}}},
                "/mail": {"get": {"operationId": "ListMail", "summary": "List mail",
                    "parameters": [{"name": "folder", "in": "query", "type": "string",
                        "x-ms-dynamic-values": {"operationId": target, "value-path": "id"}}],
                    "responses": {"200": {"description": "OK"}}}}
            }
        })
    };
    let old = dir.path().join("old.json");
    std::fs::write(&old, doc("List_Folders", "List_Folders").to_string()).unwrap();
    let rules = |new: Value| -> Vec<String> {
        let path = dir.path().join("new.json");
        std::fs::write(&path, new.to_string()).unwrap();
        let out = ccforge()
            .args(["diff", "--format", "json"])
            .arg(&old)
            .arg(&path)
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        report["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["rule"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        rules(doc("ListFolders", "ListFolders")),
        ["operation-id-changed"]
    );
    assert_eq!(
        rules(doc("List_Folders", "ListArchive")),
        ["dynamic-target-changed"]
    );
}

/// Operations pair whatever the letter case of their paths, but a path written with other
/// case is another URL to most servers: a warning.
#[test]
fn a_path_in_other_letter_case_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let doc = |path: &str, var: &str| {
        serde_json::json!({
            "swagger": "2.0",
            "info": {"title": "Items", "version": "1.0"},
            "host": "api.contoso.com",
            "paths": {path: {"get": {"operationId": "GetItem", "summary": "Get an item",
                "parameters": [{"name": var, "in": "path", "required": true, "type": "string"}],
                "responses": {"200": {"description": "OK"}}}}}
        })
    };
    let old = dir.path().join("old.json");
    let new = dir.path().join("new.json");
    std::fs::write(&old, doc("/items/{id}", "id").to_string()).unwrap();
    std::fs::write(&new, doc("/Items/{id}", "id").to_string()).unwrap();
    let out = ccforge()
        .args(["diff", "--format", "json"])
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(&str, &str)> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["rule"].as_str().unwrap(), c["level"].as_str().unwrap()))
        .collect();
    assert_eq!(found, [("path-case-changed", "warning")], "{report}");
    assert_eq!(out.status.code(), Some(0));
    // Renaming a path variable alone is no change of case.
    std::fs::write(&new, doc("/items/{itemId}", "itemId").to_string()).unwrap();
    let out = ccforge().arg("diff").arg(&old).arg(&new).output().unwrap();
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("path-case-changed"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn every_connector_diffed_against_itself_has_no_change() {
    let Some(definitions) = common::connector_definitions() else {
        eprintln!("skipping: ../shared/corpus/connectors is absent");
        return;
    };
    let mut n = 0;
    for (p, value) in &definitions {
        let changes = ccforge::diff::diff(value, value);
        assert!(changes.is_empty(), "{}: {changes:?}", p.display());
        n += 1;
    }
    assert!(n > 1000);
}

/// What every flow sends without choosing it: the default of an internal parameter, and the
/// security of operations that follow the document's.
#[test]
fn a_new_internal_default_and_a_new_document_security_are_reported() {
    let doc = |version: &str, security: bool| {
        let mut d = with_parameters(serde_json::json!([{"name": "api-version", "in": "query",
            "required": true, "type": "string", "default": version, "x-ms-visibility": "internal"}]));
        d["securityDefinitions"] =
            serde_json::json!({"api_key": {"type": "apiKey", "in": "header", "name": "X-Key"}});
        if security {
            d["security"] = serde_json::json!([{"api_key": []}]);
        }
        d
    };
    let old = doc("2020-01-01", false);
    assert_eq!(
        diff_messages(&old, &doc("2024-06-01", false)),
        [
            "parameter-default-changed: internal parameter `api-version` now sends \"2024-06-01\" \
          instead of \"2020-01-01\": every existing flow sends the new value"
        ]
    );
    assert_eq!(
        diff_messages(&old, &doc("2020-01-01", true)),
        [
            "operation-security-changed: the security of every operation without its own changed \
          from {} to {\"api_key\"}"
        ]
    );
}

/// Outside a body a default travels as text: `"1"` and `1` send the same request (`fix` writes the
/// second for an integer parameter), while a new value is still reported.
#[test]
fn an_internal_default_written_as_another_type_but_sent_alike_is_no_change() {
    let doc = |default: Value| {
        with_parameters(serde_json::json!([{"name": "is_enabled", "in": "query",
            "required": true, "type": "integer", "default": default, "x-ms-visibility": "internal"}]))
    };
    let old = doc(Value::from("1"));
    assert_eq!(
        diff_messages(&old, &doc(Value::from(1))),
        Vec::<String>::new()
    );
    assert_eq!(
        diff_messages(&old, &doc(Value::from(2))),
        [
            "parameter-default-changed: internal parameter `is_enabled` now sends 2 instead of \
             \"1\": every existing flow sends the new value"
        ]
    );
}

/// A path that lost variables renamed none of them: the ones gone are removed, and one both
/// paths have is unchanged; a variable renamed in place is still a rename.
#[test]
fn a_path_that_lost_variables_renamed_none_of_them() {
    let doc = |path: &str, vars: &[&str]| {
        let params: Vec<Value> = (vars.iter())
            .map(|v| serde_json::json!({"name": v, "in": "path", "required": true, "type": "string"}))
            .collect();
        serde_json::json!({
            "swagger": "2.0", "info": {"title": "Cards", "version": "1.0"},
            "host": "api.contoso.com",
            "paths": {(path): {"get": {"operationId": "GetCard", "summary": "Get card",
                "parameters": params, "responses": {"200": {"description": "OK"}}}}}
        })
    };
    let old = doc(
        "/tenants/{tenantId}/environments/{environmentId}/cards/{cardId}",
        &["tenantId", "environmentId", "cardId"],
    );
    let messages = diff_messages(&old, &doc("/cards/{cardId}", &["cardId"]));
    assert_eq!(
        messages[1..],
        [
            "parameter-removed: path parameter `tenantId` was removed",
            "parameter-removed: path parameter `environmentId` was removed",
        ],
        "{messages:?}"
    );
    let renamed = doc(
        "/tenants/{tenantId}/environments/{environmentId}/cards/{id}",
        &["tenantId", "environmentId", "id"],
    );
    assert_eq!(
        diff_messages(&old, &renamed),
        [
            "parameter-renamed: path parameter `cardId` was renamed `id`: flows pass parameters by name"
        ]
    );
}

#[test]
fn pairs_named_for_a_breaking_change_get_one() {
    let Some(dir) = common::corpus("diff/swagger2-pairs") else {
        eprintln!("skipping: ../shared/corpus/diff is absent");
        return;
    };
    let base = dir.join("openapi-diff/src/modeler/AutoRest.Swagger.Tests/Resource/Swagger");
    let breaking_names = [
        "removed_operation",
        "removed_path",
        "changed_operation_id",
        "removed_operation_id",
        "added_required_property",
        "removed_property",
        "type_changed",
        "type_changed_02",
        "required_parameter",
        "removed_parameter",
        "enum_values_changed",
    ];
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(base.join("new")).unwrap() {
        let name = entry.unwrap().file_name();
        let (Ok(old), Ok(new)) = (
            ccforge::source::load_path(&base.join("old").join(&name), "old"),
            ccforge::source::load_path(&base.join("new").join(&name), "new"),
        ) else {
            continue;
        };
        // Every pair classifies without a panic; the named ones find a breaking change.
        let changes = ccforge::diff::diff(&old.value, &new.value);
        let stem = name.to_string_lossy().trim_end_matches(".json").to_string();
        if breaking_names.contains(&stem.as_str())
            && !changes
                .iter()
                .any(|c| c.level == ccforge::diff::Level::Breaking)
        {
            failures.push(stem);
        }
    }
    assert!(
        failures.is_empty(),
        "no breaking change found for {failures:?}"
    );
}

#[test]
fn a_broken_side_is_reported_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\n  \"swagger\": \"2.0\",\n  \"paths\": {\n").unwrap();
    ccforge()
        .current_dir(dir.path())
        .args(["diff", "bad.json", "bad.json"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("bad.json:3:"));
}

#[test]
fn a_schema_that_reaches_itself_through_all_of_does_not_loop() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("fixtures/diff/recursive-allof.json")).unwrap();
    let changed = dir.path().join("changed.json");
    std::fs::write(
        &changed,
        text.replace(
            "\"name\": {\"type\": \"string\"}",
            "\"name\": {\"type\": \"integer\"}",
        ),
    )
    .unwrap();
    ccforge()
        .current_dir(root())
        .args([
            "diff",
            "fixtures/diff/recursive-allof.json",
            "fixtures/diff/recursive-allof.json",
        ])
        .assert()
        .code(0)
        .stdout("No changes.\n");
    let out = ccforge()
        .current_dir(root())
        .args([
            "diff",
            "fixtures/diff/recursive-allof.json",
            "--format",
            "json",
        ])
        .arg(&changed)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<(&str, &str)> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["rule"].as_str().unwrap(), c["level"].as_str().unwrap()))
        .collect();
    assert_eq!(rules, [("response-type-changed", "breaking")]);
}

/// What a pull request to a connector often does without breaking anything: an optional
/// parameter on every operation, an optional property on every definition, a new operation, new
/// and edited descriptions.
fn harmless_edit(doc: &Value) -> Value {
    fn describe(v: &mut Value) {
        match v {
            Value::Object(m) => {
                for (k, x) in m.iter_mut() {
                    match x {
                        Value::String(s) if k == "description" || k == "summary" => {
                            s.push_str(" (edited)")
                        }
                        _ => describe(x),
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(describe),
            _ => {}
        }
    }
    let mut new = doc.clone();
    describe(&mut new);
    if let Some(defs) = new.get_mut("definitions").and_then(Value::as_object_mut) {
        for props in defs
            .values_mut()
            .filter_map(|d| d.get_mut("properties"))
            .filter_map(Value::as_object_mut)
        {
            props.insert(
                "ccforgeNote".into(),
                serde_json::json!({"type": "string", "x-ms-summary": "Note"}),
            );
        }
    }
    if let Some(paths) = new.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for (method, op) in item.iter_mut() {
                if method == "parameters" || method.starts_with("x-") {
                    continue;
                }
                if let Some(op) = op.as_object_mut() {
                    let params = op
                        .entry("parameters")
                        .or_insert_with(|| Value::Array(Vec::new()));
                    if let Some(list) = params.as_array_mut() {
                        list.push(serde_json::json!({
                            "name": "ccforgeExtra", "in": "query", "type": "string",
                            "description": "An optional filter."
                        }));
                    }
                }
            }
        }
        paths.insert(
            "/ccforge-added-operation".into(),
            serde_json::json!({"get": {"operationId": "CcforgeAddedOperation",
                "summary": "Added", "responses": {"200": {"description": "OK"}}}}),
        );
    }
    new
}

#[test]
fn harmless_edits_to_corpus_connectors_are_never_breaking() {
    let Some(definitions) = common::connector_definitions() else {
        eprintln!("skipping: ../shared/corpus/connectors is absent");
        return;
    };
    let mut n = 0;
    for (p, value) in &definitions {
        let changes = ccforge::diff::diff(value, &harmless_edit(value));
        let worse: Vec<_> = changes
            .iter()
            .filter(|c| c.level > ccforge::diff::Level::Info)
            .collect();
        assert!(worse.is_empty(), "{}: {worse:?}", p.display());
        assert!(changes.iter().any(|c| c.rule == "operation-added"));
        n += 1;
    }
    assert!(n > 1000);
}

#[test]
fn one_change_is_counted_in_the_singular() {
    let out = ccforge()
        .current_dir(root())
        .args([
            "diff",
            "fixtures/diff/one-other-change/old.json",
            "fixtures/diff/one-other-change/new.json",
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("0 breaking changes, 0 warnings and 1 other change.\n"),
        "{md}"
    );
    assert!(
        md.contains("<details><summary>1 other change</summary>"),
        "{md}"
    );
    assert!(!md.contains("1 other changes"), "{md}");
}

/// The messages of `diff OLD NEW --format json`, each as `rule: message`.
fn diff_messages(old: &Value, new: &Value) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("old.json"), dir.path().join("new.json"));
    std::fs::write(&a, old.to_string()).unwrap();
    std::fs::write(&b, new.to_string()).unwrap();
    let out = ccforge()
        .arg("diff")
        .arg(&a)
        .arg(&b)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{}: {}",
                c["rule"].as_str().unwrap(),
                c["message"].as_str().unwrap()
            )
        })
        .collect()
}

fn with_parameters(params: Value) -> Value {
    serde_json::json!({
        "swagger": "2.0",
        "info": {"title": "Contoso", "version": "1.0"},
        "host": "api.contoso.com",
        "paths": {"/users": {"get": {
            "operationId": "ListUsers",
            "summary": "List users",
            "parameters": params,
            "responses": {"200": {"description": "OK"}}
        }}}
    })
}

#[test]
fn an_internal_required_parameter_with_a_default_is_not_called_optional() {
    let old = with_parameters(serde_json::json!([]));
    let new = with_parameters(serde_json::json!([{
        "name": "api-version", "in": "query", "type": "string", "required": true,
        "default": "2024-01-01", "x-ms-visibility": "internal"
    }]));
    let messages = diff_messages(&old, &new);
    assert_eq!(
        messages,
        [
            "parameter-added: query parameter `api-version` was added: required, but internal with a \
          default the connector sends"
        ],
        "{messages:?}"
    );
}

#[test]
fn a_removed_query_or_header_parameter_names_its_likely_new_name() {
    let param = |name: &str, loc: &str, ty: &str| serde_json::json!({"name": name, "in": loc, "type": ty, "required": false});
    let old = with_parameters(serde_json::json!([
        param("top", "query", "integer"),
        param("X-Trace", "header", "string")
    ]));
    let new = with_parameters(serde_json::json!([
        param("limit", "query", "integer"),
        param("X-Request-Id", "header", "string")
    ]));
    let messages = diff_messages(&old, &new);
    for m in [
        "parameter-removed: query parameter `top` was removed (renamed to `limit`?)",
        "parameter-removed: header parameter `X-Trace` was removed (renamed to `X-Request-Id`?)",
        "parameter-added: optional query parameter `limit` was added",
    ] {
        assert!(messages.iter().any(|x| x == m), "{m} not in {messages:?}");
    }
    // Two candidates, or one of another type: no guess.
    let new = with_parameters(serde_json::json!([
        param("limit", "query", "integer"),
        param("max", "query", "integer"),
        param("X-Request-Id", "header", "integer")
    ]));
    let messages = diff_messages(&old, &new);
    for m in [
        "parameter-removed: query parameter `top` was removed",
        "parameter-removed: header parameter `X-Trace` was removed",
    ] {
        assert!(messages.iter().any(|x| x == m), "{m} not in {messages:?}");
    }
}

/// A change on a converted input is placed in the file the user gave, not in its conversion.
#[test]
fn changes_on_postman_collections_are_placed_in_the_collections() {
    let dir = tempfile::tempdir().unwrap();
    let collection = |query: &str| {
        format!(
            r#"{{
  "info": {{"name": "Items", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}},
  "item": [
    {{
      "name": "List items",
      "request": {{
        "method": "GET",
        "url": {{
          "raw": "https://api.contoso.com/items",
          "host": ["api", "contoso", "com"],
          "path": ["items"],
          "query": [{query}]
        }}
      }}
    }}
  ]
}}
"#
        )
    };
    let old = dir.path().join("old.postman_collection.json");
    let new = dir.path().join("new.postman_collection.json");
    std::fs::write(
        &old,
        collection(r#"{"key": "top", "value": "10"}, {"key": "filter", "value": "x"}"#),
    )
    .unwrap();
    std::fs::write(&new, collection(r#"{"key": "top", "value": "10"}"#)).unwrap();
    let out = ccforge()
        .args(["diff", "--format", "json"])
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let removed = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "parameter-removed")
        .unwrap_or_else(|| panic!("no parameter-removed in {report}"));
    let place = &removed["old"];
    assert_eq!(place["file"], old.display().to_string(), "{report}");
    assert_eq!(place["pointer"], "/item/0/request/url/query/1", "{report}");
    assert_eq!(
        (place["line"].as_u64(), place["column"].as_u64()),
        (Some(12), Some(52))
    );
}

/// A collection is compared as `convert` writes it (its passes run): against the connector made
/// from it, nothing changed, although the passes add a response and move a schema.
#[test]
fn a_collection_and_the_connector_converted_from_it_have_no_change() {
    let dir = tempfile::tempdir().unwrap();
    let collection = dir.path().join("items.postman_collection.json");
    std::fs::write(
        &collection,
        r#"{
  "info": {"name": "Items", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
  "item": [
    {"name": "Create an item", "request": {"method": "POST", "url": "https://api.contoso.com/items",
      "header": [{"key": "Content-Type", "value": "application/json"}],
      "body": {"mode": "raw", "raw": "{\"name\": \"pen\", \"owner\": {\"id\": 1, \"name\": \"Ann\"}}"}}},
    {"name": "Get an item", "request": {"method": "GET", "url": "https://api.contoso.com/items/:id"},
      "response": [{"name": "Found", "code": 200, "header": [{"key": "Content-Type", "value": "application/json"}],
        "body": "{\"name\": \"pen\", \"owner\": {\"id\": 1, \"name\": \"Ann\"}}"}]}
  ]
}"#,
    )
    .unwrap();
    let converted = dir.path().join("apiDefinition.swagger.json");
    let out = ccforge()
        .arg("convert")
        .arg(&collection)
        .arg("-o")
        .arg(&converted)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let written = std::fs::read_to_string(&converted).unwrap();
    // The passes did change the conversion: a response for the request without one, and the
    // object in both bodies moved to `definitions`.
    assert!(written.contains("\"description\": \"OK\""), "{written}");
    assert!(written.contains("#/definitions/Owner"), "{written}");
    for (old, new) in [(&collection, &converted), (&converted, &collection)] {
        let out = ccforge().arg("diff").arg(old).arg(new).output().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "No changes.\n",
            "{old:?} against {new:?}"
        );
        assert_eq!(out.status.code(), Some(0));
    }
}

/// `convert --out-dir` names a basic scheme `basic_auth`: against a connector folder, the
/// definition's schemes are compared as its connector would have them, so nothing changed.
#[test]
fn a_definition_and_the_connector_folder_converted_from_it_have_no_change() {
    let (changes, report) = against_its_folder(
        "openapi: 3.0.3
info: {title: Museum, version: '1'}
servers: [{url: 'https://api.contoso.com'}]
security: [{MuseumAuth: []}]
components:
  securitySchemes:
    MuseumAuth: {type: http, scheme: basic}
paths:
  /hours:
    get:
      operationId: GetHours
      summary: Get the opening hours
      responses:
        '200': {description: OK}
",
    );
    assert!(changes.is_empty(), "{report}");
}

/// An API that offers two ways to sign in: the connector folder has one (a connector has one),
/// which is no removal of the other.
#[test]
fn a_scheme_the_connector_could_not_have_is_not_reported_as_removed() {
    let (changes, report) = against_its_folder(
        "openapi: 3.0.1
info: {title: Platform, version: '1'}
servers: [{url: 'https://api.contoso.com'}]
security: [{basicAuth: []}, {bearerAuth: []}]
components:
  securitySchemes:
    basicAuth: {type: http, scheme: basic}
    bearerAuth: {type: http, scheme: bearer}
paths:
  /time:
    get:
      operationId: GetTime
      summary: Get the time
      responses:
        '200': {description: OK}
",
    );
    assert!(changes.is_empty(), "{report}");
}

/// The OpenAPI definition `text` converted with `convert --out-dir`, then diffed against that
/// folder (which must report no break): each change's rule and level, and the whole report.
fn against_its_folder(text: &str) -> (Vec<String>, Value) {
    let dir = tempfile::tempdir().unwrap();
    let api = dir.path().join("api.yaml");
    std::fs::write(&api, text).unwrap();
    let folder = api.with_file_name("connector");
    let out = ccforge()
        .arg("convert")
        .arg(&api)
        .arg("--out-dir")
        .arg(&folder)
        .output()
        .unwrap();
    assert!(
        folder.join("apiDefinition.swagger.json").exists(),
        "{out:?}"
    );
    let out = ccforge()
        .args(["diff", "--format", "json"])
        .arg(&api)
        .arg(&folder)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let changes = (report["changes"].as_array().unwrap().iter())
        .map(|c| {
            format!(
                "{} {}",
                c["rule"].as_str().unwrap(),
                c["level"].as_str().unwrap()
            )
        })
        .collect();
    (changes, report)
}

/// An API whose operations each name their security, with two bearer schemes alike: the
/// connector folder has one scheme, which its document names for every operation. What applies
/// to each operation is the same, so nothing breaks.
#[test]
fn a_connector_folder_whose_document_security_replaces_the_operations_own_has_no_break() {
    let (changes, report) = against_its_folder(
        "openapi: 3.0.3
info: {title: Museum, version: '1'}
servers: [{url: 'https://api.contoso.com'}]
components:
  securitySchemes:
    UserKey: {type: http, scheme: bearer}
    AdminKey: {type: http, scheme: bearer}
paths:
  /hours:
    get:
      operationId: GetHours
      summary: Get the opening hours
      security: [{UserKey: []}, {AdminKey: []}]
      responses:
        '200': {description: OK}
  /tickets:
    post:
      operationId: BuyTicket
      summary: Buy a ticket
      security: [{UserKey: []}]
      responses:
        '200': {description: OK}
",
    );
    assert!(changes.is_empty(), "{report}");
}

/// An OAuth scheme whose scope has no description: the folder describes the scope and names
/// the scheme its own way, as the definition's connector would.
#[test]
fn a_connector_folder_that_describes_an_undescribed_scope_has_no_break() {
    let (changes, report) = against_its_folder(
        "openapi: 3.0.1
info: {title: Contacts, version: '1'}
servers: [{url: 'https://api.contoso.com'}]
paths:
  /contacts:
    get:
      operationId: ListContacts
      summary: List the contacts
      security: [{oauth2: [read]}]
      responses:
        '200': {description: OK}
components:
  securitySchemes:
    oauth2:
      type: oauth2
      flows:
        authorizationCode:
          authorizationUrl: https://login.contoso.com/auth
          tokenUrl: https://login.contoso.com/token
          scopes: {read: ''}
",
    );
    assert!(changes.is_empty(), "{report}");
}

#[test]
fn a_response_value_that_may_now_be_null_is_a_warning_and_so_is_a_request_one_that_may_not() {
    let doc = |response_nullable: bool, request_nullable: bool| {
        serde_json::json!({
            "swagger": "2.0",
            "info": {"title": "Contoso", "version": "1.0"},
            "host": "api.contoso.com",
            "paths": {"/users": {"post": {
                "operationId": "CreateUser",
                "summary": "Create a user",
                "parameters": [{"name": "body", "in": "body", "schema": {"type": "object",
                    "properties": {"nickname": {"type": "string", "x-nullable": request_nullable}}}}],
                "responses": {"200": {"description": "OK", "schema": {"type": "object",
                    "properties": {"email": {"type": "string", "x-nullable": response_nullable}}}}}
            }}}
        })
    };
    assert_eq!(
        diff_messages(&doc(false, true), &doc(true, false)),
        [
            "nullable-changed: property `nickname` of the request body no longer accepts null",
            "nullable-changed: property `email` of response `200` may now be null",
        ]
    );
    // The other way round, nothing a flow relies on changes.
    assert_eq!(
        diff_messages(&doc(true, false), &doc(false, true)),
        Vec::<String>::new()
    );
}

#[test]
fn a_definition_with_two_bodies_loses_its_body_once() {
    let old = with_parameters(serde_json::json!([
        {"name": "a", "in": "body", "schema": {"type": "object"}},
        {"name": "b", "in": "body", "schema": {"type": "object"}}
    ]));
    let new = with_parameters(serde_json::json!([]));
    assert_eq!(
        diff_messages(&old, &new),
        ["parameter-removed: the request body was removed"]
    );
}

#[test]
fn items_are_named_each_item_and_an_emptied_pattern_is_no_change() {
    let doc = |values: &[&str], pattern: &str| {
        with_parameters(
            serde_json::json!([{"name": "tags", "in": "query", "type": "array",
            "collectionFormat": "csv",
            "items": {"type": "string", "enum": values, "pattern": pattern}}]),
        )
    };
    assert_eq!(
        diff_messages(&doc(&["a", "b"], "^[ab]$"), &doc(&["a"], "^[ab]$")),
        ["enum-values-removed: each item of parameter `tags` lost enum values \"b\""]
    );
    assert_eq!(
        diff_messages(&doc(&["a"], "^[ab]$"), &doc(&["a"], "")),
        Vec::<String>::new()
    );
}

#[test]
fn the_enum_values_of_a_secret_are_not_repeated() {
    let doc = |values: &[&str]| {
        with_parameters(
            serde_json::json!([{"name": "api_key", "in": "query", "type": "string",
            "enum": values}]),
        )
    };
    assert_eq!(
        diff_messages(&doc(&["Zq8vPp2Lr5Ww"]), &doc(&["Kq8vPp2Lr5Ww"])),
        [
            "enum-values-removed: parameter `api_key` lost enum values (1 withheld: a secret)",
            "enum-values-added: parameter `api_key` gained enum values (1 withheld: a secret)"
        ]
    );
}
