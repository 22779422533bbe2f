//! Choosing operations (`--include` / `--exclude`, on `convert` and `fix`, and in ccforge.toml)
//! and splitting one API into several connectors (`--split-by`, `--plan`, `--max-size`),
//! through the real binary.

mod common;
use common::ccforge;

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/split")
        .join(rel)
}

const TAGS: &str = "three-tags.openapi.yaml";
const POSTMAN: &str = "folders.postman.json";

fn read_json(p: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

/// `METHOD path` of every operation.
fn operations(doc: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if method != "parameters" {
                out.insert(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    out
}

/// The entries of definitions, parameters and responses that nothing outside them reaches
/// through `$ref`s (followed transitively).
fn unused(doc: &Value) -> Vec<String> {
    fn refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref") {
                    out.push(r.clone());
                }
                m.values().for_each(|x| refs(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let shared = ["definitions", "parameters", "responses"];
    let mut work = Vec::new();
    for (k, v) in doc.as_object().unwrap() {
        if !shared.contains(&k.as_str()) {
            refs(v, &mut work);
        }
    }
    let mut seen = BTreeSet::new();
    while let Some(r) = work.pop() {
        if seen.insert(r.clone()) {
            let mut parts = r.trim_start_matches("#/").splitn(2, '/');
            let (s, n) = (parts.next().unwrap(), parts.next().unwrap_or(""));
            refs(&doc[s][n], &mut work);
        }
    }
    let mut out = Vec::new();
    for s in shared {
        for name in doc[s].as_object().into_iter().flatten().map(|(k, _)| k) {
            if !seen.contains(&format!("#/{s}/{name}")) {
                out.push(format!("{s}/{name}"));
            }
        }
    }
    out
}

#[test]
fn include_a_tag_keeps_its_operations_and_only_what_they_use() {
    let out = ccforge()
        .args(["convert", "--include", "tag:Payments"])
        .arg(fixture(TAGS))
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        operations(&doc),
        BTreeSet::from([
            "GET /charges".to_string(),
            "POST /charges".into(),
            "GET /charges/{chargeId}".into()
        ])
    );
    assert_eq!(unused(&doc), Vec::<String>::new());
    let keys = |s: &str| -> Vec<String> { doc[s].as_object().unwrap().keys().cloned().collect() };
    assert_eq!(keys("definitions"), ["Error", "Money", "Charge"]);
    assert_eq!(keys("parameters"), ["Limit"]);
    assert_eq!(keys("responses"), ["NotFound"]);
    assert_eq!(doc["tags"], serde_json::json!([{"name": "Payments"}]));
    // The whole input, for contrast, carries every shared part.
    let all: Value = serde_json::from_slice(
        &ccforge()
            .arg("convert")
            .arg(fixture(TAGS))
            .assert()
            .code(0)
            .get_output()
            .stdout,
    )
    .unwrap();
    assert_eq!(all["definitions"].as_object().unwrap().len(), 7);
}

#[test]
fn includes_combine_and_excludes_win() {
    let out = ccforge()
        .args([
            "convert",
            "--include",
            "path:/charges/**",
            "--include",
            "id:*Customer*",
            "--exclude",
            "method:DELETE",
        ])
        .arg(fixture(TAGS))
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        operations(&doc),
        BTreeSet::from([
            "GET /charges".to_string(),
            "POST /charges".into(),
            "GET /charges/{chargeId}".into(),
            "GET /customers".into(),
        ])
    );
    assert_eq!(unused(&doc), Vec::<String>::new());
}

#[test]
fn a_bad_pattern_is_an_input_error_naming_it() {
    let err = ccforge()
        .args(["convert", "--include", "tag:Payment"])
        .arg(fixture(TAGS))
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("CCF621 selection-invalid"), "{err}");
    assert!(
        err.contains("the pattern `tag:Payment` selects no operation"),
        "{err}"
    );
    assert!(
        err.contains("the input's tags: Admin, Customers, Payments"),
        "{err}"
    );

    let err = ccforge()
        .args(["convert", "--exclude", "colour:red"])
        .arg(fixture(TAGS))
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(
        err.contains("the pattern `colour:red` has the unknown kind `colour`"),
        "{err}"
    );

    // Folders are a Postman notion.
    let err = ccforge()
        .args(["convert", "--include", "folder:Admin"])
        .arg(fixture(TAGS))
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(
        String::from_utf8(err)
            .unwrap()
            .contains("chooses by Postman folder")
    );

    // Everything excluded.
    let err = ccforge()
        .args(["convert", "--exclude", "path:/**"])
        .arg(fixture(TAGS))
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(
        String::from_utf8(err)
            .unwrap()
            .contains("leave no operation")
    );
}

#[test]
fn postman_folders_choose_and_split_without_leaving_a_trace() {
    let out = ccforge()
        .args([
            "convert",
            "--include",
            "folder:Admin/*",
            "--exclude",
            "folder:Admin/Audit",
        ])
        .arg(fixture(POSTMAN))
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        operations(&doc),
        BTreeSet::from([
            "GET /admin/users".to_string(),
            "DELETE /admin/users/{userId}".into()
        ])
    );

    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    ccforge()
        .args(["convert", "--split-by", "folder", "--out-dir"])
        .arg(&out_dir)
        .arg(fixture(POSTMAN))
        .assert()
        .code(0);
    let folders: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(folders, ["Admin", "Orders", "Root"]);
    let admin = read_json(&out_dir.join("Admin/apiDefinition.swagger.json"));
    assert_eq!(admin["info"]["title"], "Contoso Admin Admin");
    assert_eq!(operations(&admin).len(), 3);
    for f in &folders {
        let text =
            std::fs::read_to_string(out_dir.join(f).join("apiDefinition.swagger.json")).unwrap();
        // The folder paths are known to the run only.
        assert!(
            !text.contains("Admin/Users") && !text.contains("x-ccforge"),
            "{text}"
        );
        assert!(out_dir.join(f).join("apiProperties.json").is_file());
    }
}

#[test]
fn split_by_tag_writes_one_clean_connector_per_tag_the_same_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for out in [&a, &b] {
        ccforge()
            .args(["convert", "--split-by", "tag", "--out-dir"])
            .arg(out)
            .arg(fixture(TAGS))
            .assert()
            .code(0);
    }
    let mut carried = BTreeSet::new();
    for name in ["Payments", "Customers", "Admin"] {
        for file in ["apiDefinition.swagger.json", "apiProperties.json"] {
            let (x, y) = (a.join(name).join(file), b.join(name).join(file));
            assert_eq!(
                std::fs::read(&x).unwrap(),
                std::fs::read(&y).unwrap(),
                "{x:?}"
            );
        }
        let doc = read_json(&a.join(name).join("apiDefinition.swagger.json"));
        assert_eq!(doc["info"]["title"], format!("Contoso Billing {name}"));
        assert_eq!(unused(&doc), Vec::<String>::new());
        assert_eq!(doc["securityDefinitions"]["api_key"]["name"], "X-Api-Key");
        carried.extend(operations(&doc));
        ccforge().arg("lint").arg(a.join(name)).assert().code(0);
    }
    assert_eq!(std::fs::read_dir(&a).unwrap().count(), 3);
    let whole: Value = serde_json::from_slice(
        &ccforge()
            .arg("convert")
            .arg(fixture(TAGS))
            .assert()
            .get_output()
            .stdout,
    )
    .unwrap();
    assert_eq!(carried, operations(&whole));

    // A second run into the same folders is refused and changes nothing.
    let before = std::fs::read(a.join("Admin/apiDefinition.swagger.json")).unwrap();
    let err = ccforge()
        .args(["convert", "--split-by", "tag", "--out-dir"])
        .arg(&a)
        .arg(fixture(TAGS))
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8(err).unwrap().contains("pass --force"));
    assert_eq!(
        std::fs::read(a.join("Admin/apiDefinition.swagger.json")).unwrap(),
        before
    );
}

#[test]
fn plan_measures_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let out = ccforge()
        .args([
            "convert",
            "--plan",
            "--split-by",
            "tag",
            "--format",
            "json",
            "--out-dir",
        ])
        .arg(&out_dir)
        .arg(fixture(TAGS))
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert!(!out_dir.exists());
    let plan: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(plan["budget"], 1024 * 1024);
    let parts = plan["parts"].as_array().unwrap();
    let names: Vec<&str> = parts
        .iter()
        .map(|p| p["folder"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Payments", "Customers", "Admin"]);
    let ops: Vec<u64> = parts
        .iter()
        .map(|p| p["operations"].as_u64().unwrap())
        .collect();
    assert_eq!(ops, [3, 2, 1]);
    assert!(parts.iter().all(|p| p["fits"] == true));
    // The plan's size is the size written.
    ccforge()
        .args(["convert", "--split-by", "tag", "--out-dir"])
        .arg(&out_dir)
        .arg(fixture(TAGS))
        .assert()
        .code(0);
    for p in parts {
        let len = std::fs::metadata(
            out_dir
                .join(p["folder"].as_str().unwrap())
                .join("apiDefinition.swagger.json"),
        )
        .unwrap()
        .len();
        assert_eq!(len, p["bytes"].as_u64().unwrap(), "{}", p["folder"]);
    }

    let text = ccforge()
        .args(["convert", "--plan", "--split-by", "tag"])
        .arg(fixture(TAGS))
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(text).unwrap();
    assert!(text.starts_with("connector  operations"), "{text}");
    assert!(text.contains("3 connectors, 6 operations"), "{text}");
}

/// A tag per operation: each part copies its own tag entry, not the whole list (3,000 parts
/// each holding 3,000 tags took gigabytes).
#[test]
fn a_split_into_thousands_of_tags_copies_each_part_only_its_tag() {
    let dir = tempfile::tempdir().unwrap();
    let n = 3000;
    let mut paths = serde_json::Map::new();
    let mut tags = Vec::new();
    for i in 0..n {
        paths.insert(
            format!("/x{i}"),
            serde_json::json!({"get": {"operationId": format!("Get{i}"), "summary": format!("Get {i}"),
                "description": "Gets it.", "tags": [format!("T{i}")],
                "responses": {"200": {"description": "OK"}}}}),
        );
        tags.push(serde_json::json!({"name": format!("T{i}"), "description": "A tag."}));
    }
    let doc = serde_json::json!({"swagger": "2.0", "info": {"title": "T", "version": "1", "description": "An API."},
        "host": "api.contoso.com", "basePath": "/", "schemes": ["https"], "tags": tags, "paths": paths});
    let input = dir.path().join("api.json");
    std::fs::write(&input, doc.to_string()).unwrap();
    let out_dir = dir.path().join("out");
    ccforge()
        .args(["convert", "--split-by", "tag", "--out-dir"])
        .arg(&out_dir)
        .arg(&input)
        .timeout(std::time::Duration::from_secs(120))
        .assert()
        .code(0);
    let part = read_json(&out_dir.join("T1234/apiDefinition.swagger.json"));
    assert_eq!(
        part["tags"],
        serde_json::json!([{"name": "T1234", "description": "A tag."}])
    );
    assert_eq!(operations(&part).len(), 1);
}

#[test]
fn a_group_over_the_budget_is_split_further_by_path() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let budget = 2500;
    let out = ccforge()
        .args([
            "convert",
            "--split-by",
            "tag",
            "--max-size",
            "2500",
            "--format",
            "json",
        ])
        .arg("--out-dir")
        .arg(&out_dir)
        .arg(fixture(TAGS))
        .assert()
        .code(0)
        .get_output()
        .stderr
        .clone();
    let report: Value = serde_json::from_slice(&out).unwrap();
    let further = common::picked(&report["diagnostics"], "code", "CCF622", "file");
    assert!(!further.is_empty(), "{report}");
    let mut carried = 0;
    for e in std::fs::read_dir(&out_dir).unwrap() {
        let p = e.unwrap().path().join("apiDefinition.swagger.json");
        let len = std::fs::metadata(&p).unwrap().len();
        assert!(len <= budget, "{p:?}: {len}");
        carried += operations(&read_json(&p)).len();
    }
    assert_eq!(carried, 6);
    assert!(out_dir.join("Payments-1").is_dir());

    // An operation that alone is over the budget is named, with what to do.
    let err = ccforge()
        .args(["convert", "--plan", "--split-by", "tag", "--max-size", "1k"])
        .arg(fixture(TAGS))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(
        err.contains(
            "GET /admin/audit/{auditId} alone breaks a limit: alone it makes a definition of"
        ),
        "{err}"
    );
    ccforge()
        .args(["convert", "--plan", "--max-size", "2MB"])
        .arg(fixture(TAGS))
        .assert()
        .code(2);
}

/// Without a split, a definition over a `--max-size` smaller than the import limit is a
/// warning when converted (exit 0): the plan says so and exits as the conversion would.
#[test]
fn a_plan_without_a_split_exits_as_the_conversion_does() {
    let dir = tempfile::tempdir().unwrap();
    let converted = ccforge()
        .args(["convert", "--max-size", "1k", "-o"])
        .arg(dir.path().join("out.json"))
        .arg(fixture(TAGS))
        .assert()
        .code(0)
        .get_output()
        .stderr
        .clone();
    assert!(
        String::from_utf8_lossy(&converted).contains("the limit is 1024"),
        "{}",
        String::from_utf8_lossy(&converted)
    );
    let plan = ccforge()
        .args(["convert", "--plan", "--max-size", "1k"])
        .arg(fixture(TAGS))
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let plan = String::from_utf8(plan).unwrap();
    assert!(
        plan.contains(
            "over the size budget (1024 bytes; a warning, within the 1048576 byte import limit)"
        ),
        "{plan}"
    );
    let json = ccforge()
        .args(["convert", "--plan", "--max-size", "1k", "--format", "json"])
        .arg(fixture(TAGS))
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(json["limit"], 1024 * 1024);
    assert_eq!(json["parts"][0]["fits"], true);
    assert_eq!(json["parts"][0]["over_size"], true);
}

/// A group over the budget becomes as few connectors as fit it, not one for each path: the
/// paths a part holds are named by the first and the last.
#[test]
fn a_group_split_further_is_packed_into_as_few_connectors_as_fit() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("untagged.openapi.json");
    let mut paths = serde_json::Map::new();
    for i in 0..12 {
        let props: serde_json::Map<String, Value> = (0..8)
            .map(|j| {
                let text = format!("field {j} of resource {i} {}", "x".repeat(150));
                (
                    format!("f{j}"),
                    serde_json::json!({"type": "string", "description": text}),
                )
            })
            .collect();
        paths.insert(
            format!("/v1/res{i}/items"),
            serde_json::json!({"get": {
                "operationId": format!("ListRes{i}"),
                "summary": format!("List resource {i}"),
                "responses": {"200": {"description": "ok", "content": {"application/json":
                    {"schema": {"type": "object", "properties": props}}}}}
            }}),
        );
    }
    let api = serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "Packed", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": paths,
    });
    std::fs::write(&input, api.to_string()).unwrap();
    let out_dir = dir.path().join("out");
    let budget = 12_000;
    ccforge()
        .args(["convert", "--split-by", "tag", "--max-size", "12000"])
        .arg("--out-dir")
        .arg(&out_dir)
        .arg(&input)
        .assert()
        .code(0);
    let mut folders: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let (mut carried, mut total) = (BTreeSet::new(), 0);
    for f in &folders {
        let def = out_dir.join(f).join("apiDefinition.swagger.json");
        let len = std::fs::metadata(&def).unwrap().len();
        assert!(len <= budget, "{f}: {len}");
        total += len;
        carried.extend(operations(&read_json(&def)));
    }
    assert_eq!(carried.len(), 12);
    // Each operation alone is about a fifth of the budget: a handful of parts, not twelve.
    assert!(folders.len() < 6, "{folders:?}");
    assert!(total / folders.len() as u64 > budget / 2, "{folders:?}");
    assert!(folders.contains(&"Res0-to-Res3".to_string()) || folders[0].starts_with("Res0-to-"));
    let first = read_json(&out_dir.join(&folders[0]).join("apiDefinition.swagger.json"));
    assert!(
        first["info"]["title"]
            .as_str()
            .unwrap()
            .starts_with("Packed Res0 to Res"),
        "{}",
        first["info"]["title"]
    );
}

/// The host is the most common among the requests a selection keeps, or a part holds: a folder
/// that calls its own host gets it, and only the kept requests calling another are told.
#[test]
fn the_host_is_chosen_among_the_requests_kept() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("hosts.postman_collection.json");
    let request = |name: &str, url: &str| serde_json::json!({"name": name, "request": {"method": "GET", "url": url}});
    let collection = serde_json::json!({
        "info": {"name": "Hosts", "schema":
            "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [
            {"name": "Main", "item": [
                request("List orders", "https://api.contoso.com/v1/orders"),
                request("List carts", "https://api.contoso.com/v1/carts"),
                request("Get status", "https://status.contoso.com/v1/status"),
            ]},
            {"name": "Admin", "item": [
                request("List tenants", "https://admin.contoso.com/v1/tenants"),
                request("List roles", "https://admin.contoso.com/v1/roles"),
                request("List users", "https://admin.contoso.com/v1/users"),
                request("List keys", "https://admin.contoso.com/v1/keys"),
            ]},
        ],
    });
    std::fs::write(&input, collection.to_string()).unwrap();
    let hosts_told = |report: &Value| -> Vec<String> {
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "CCF702")
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect()
    };

    let out = ccforge()
        .args(["convert", "--include", "folder:Main", "--format", "json"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["host"], "api.contoso.com");
    assert_eq!(doc["basePath"], "/");
    let report: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(
        hosts_told(&report),
        [
            "request `Get status` calls https://status.contoso.com, but the connector's host is \
          https://api.contoso.com (the most common among the operations kept); the operation \
          is kept and will call that host"
        ],
    );

    let out_dir = dir.path().join("out");
    let out = ccforge()
        .args([
            "convert",
            "--split-by",
            "folder",
            "--format",
            "json",
            "--out-dir",
        ])
        .arg(&out_dir)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let host = |part: &str| {
        read_json(&out_dir.join(part).join("apiDefinition.swagger.json"))["host"].clone()
    };
    assert_eq!(host("Main"), "api.contoso.com");
    assert_eq!(host("Admin"), "admin.contoso.com");
    let report: Value = serde_json::from_slice(&out.stderr).unwrap();
    let told = hosts_told(&report);
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        told[0].contains("(the most common in this connector)"),
        "{told:?}"
    );

    // A host left as a variable is never chosen: the collection's stands, and is told.
    let unresolved = serde_json::json!({
        "info": {"name": "Hosts", "schema":
            "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [
            {"name": "Main", "item": [request("List orders", "https://api.contoso.com/v1/orders")]},
            {"name": "Other", "item": [request("List carts", "{{otherHost}}/carts")]},
        ],
    });
    std::fs::write(&input, unresolved.to_string()).unwrap();
    let out = ccforge()
        .args(["convert", "--include", "folder:Other", "--format", "json"])
        .arg(&input)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["host"], "api.contoso.com");
    let report: Value = serde_json::from_slice(&out.stderr).unwrap();
    let told = hosts_told(&report);
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        told[0].starts_with("request `List carts` calls https://{{otherHost}}"),
        "{told:?}"
    );
}

#[test]
fn the_selection_can_live_in_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("api.yaml");
    std::fs::copy(fixture(TAGS), &input).unwrap();
    std::fs::write(
        dir.path().join("ccforge.toml"),
        "[convert.\"api.yaml\"]\ninclude = [\"tag:Admin\", \"tag:Customers\"]\nexclude = [\"method:delete\"]\n",
    )
    .unwrap();
    let out = ccforge()
        .arg("convert")
        .arg(&input)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        operations(&doc),
        BTreeSet::from([
            "GET /customers".to_string(),
            "GET /admin/audit/{auditId}".into()
        ])
    );
    // The command line's patterns replace the config's.
    let out = ccforge()
        .args(["convert", "--include", "tag:Payments"])
        .arg(&input)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    // The config's exclude still applies (no Payments operation is a DELETE).
    assert_eq!(operations(&doc).len(), 3);

    std::fs::write(
        dir.path().join("ccforge.toml"),
        "[convert.\"api.yaml\"]\ninclude = [\"Admin\"]\n",
    )
    .unwrap();
    let err = ccforge()
        .arg("convert")
        .arg(&input)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("ccforge.toml:2:"), "{err}");
    assert!(err.contains("`tag:Admin`"), "{err}");
}

#[test]
fn fix_chooses_operations_of_a_swagger_definition() {
    let dir = tempfile::tempdir().unwrap();
    let full = dir.path().join("full.json");
    ccforge()
        .arg("convert")
        .arg(fixture(TAGS))
        .arg("-o")
        .arg(&full)
        .assert()
        .code(0);
    let out = ccforge()
        .args([
            "fix",
            "--exclude",
            "tag:Admin",
            "--exclude",
            "method:delete",
        ])
        .arg(&full)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(operations(&doc).len(), 4);
    assert_eq!(unused(&doc), Vec::<String>::new());
    assert!(doc["definitions"].get("AuditEntry").is_none());
    assert!(doc["parameters"].get("AuditId").is_none());
}

/// The one OpenAPI 3 definition of the corpus over 1 MB, split as a user would (its bodies over
/// 512 schemas cut): each part under 1 MB and lint-clean, and together every operation.
#[test]
fn a_real_large_definition_splits_into_connectors_that_fit() {
    let Some(dir) = common::corpus("openapi3") else {
        return;
    };
    let input = dir.join("specs/test/data/valid_openapi/stripe_openapi.json");
    if !input.is_file() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("out");
    let out = ccforge()
        .args([
            "convert",
            "--split-by",
            "tag",
            "--format",
            "json",
            "--out-dir",
        ])
        .arg(&out_dir)
        .arg(&input)
        .assert()
        .get_output()
        .stderr
        .clone();
    let report: Value = serde_json::from_slice(&out).unwrap();
    let over: BTreeSet<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "CCF623")
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect();
    let whole: Value = serde_json::from_slice(
        &ccforge()
            .args(["convert"])
            .arg(&input)
            .assert()
            .get_output()
            .stdout,
    )
    .unwrap();
    let mut carried = BTreeSet::new();
    for e in std::fs::read_dir(&out_dir).unwrap() {
        let folder = e.unwrap().path();
        let def = folder.join("apiDefinition.swagger.json");
        assert!(std::fs::metadata(&def).unwrap().len() < 1024 * 1024);
        let doc = read_json(&def);
        assert_eq!(unused(&doc), Vec::<String>::new(), "{def:?}");
        for op in operations(&doc) {
            assert!(carried.insert(op), "an operation is in two connectors");
        }
        let named = over
            .iter()
            .any(|f| def.ends_with(f) || f.ends_with(&*def.to_string_lossy()));
        let lint = ccforge()
            .arg("lint")
            .arg(&folder)
            .assert()
            .get_output()
            .status
            .code();
        assert!(
            lint == Some(0) || named,
            "{folder:?} fails lint and no operation of it is named"
        );
    }
    assert_eq!(carried, operations(&whole));
}

#[test]
fn a_body_over_512_schemas_is_reported_or_cut_on_request() {
    let input = fixture("deep-schema.swagger.json");
    let dir = tempfile::tempdir().unwrap();
    let out = ccforge()
        .args(["convert", "--plan", "--split-by", "tag"])
        .arg(&input)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains(
            "Trees: GET /trees alone breaks a limit: its response 200 schema has 1093 schemas"
        ),
        "{out}"
    );
    let err = ccforge()
        .args([
            "convert",
            "--split-by",
            "tag",
            "--cut-schemas",
            "--format",
            "json",
            "--out-dir",
        ])
        .arg(dir.path().join("out"))
        .arg(&input)
        .assert()
        .code(0)
        .get_output()
        .stderr
        .clone();
    let report: Value = serde_json::from_slice(&err).unwrap();
    let cuts: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "CCF624")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(cuts.len(), 1);
    assert!(
        cuts[0].starts_with(
            "the response 200 schema had 1093 schemas counting its references, over the limit of \
             512: it is kept 5 levels deep (364 schemas); cut at p0.p0.p0.p0.p0, "
        ),
        "{}",
        cuts[0]
    );
    for part in ["Trees", "Leaves"] {
        ccforge()
            .arg("lint")
            .arg(dir.path().join("out").join(part))
            .assert()
            .code(0);
    }
    // The shared definitions stay whole for the operation under the limit.
    let leaves = read_json(&dir.path().join("out/Leaves/apiDefinition.swagger.json"));
    assert!(leaves["definitions"]["D5"]["properties"].is_object());
}

#[test]
fn drift_compares_an_api_with_all_the_connectors_split_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("billing");
    ccforge()
        .args(["convert", "--split-by", "tag", "--out-dir"])
        .arg(&out)
        .arg(fixture(TAGS))
        .assert()
        .code(0);
    // Unchanged API: the parts together carry every operation, given one by one or as the
    // folder holding them.
    for args in [
        vec![out.clone()],
        ["Admin", "Customers", "Payments"]
            .iter()
            .map(|n| out.join(n))
            .collect(),
    ] {
        ccforge()
            .arg("drift")
            .arg(fixture(TAGS))
            .args(&args)
            .assert()
            .code(0)
            .stdout("No changes.\n");
    }

    // The API moves on: an operation changes method (placed in the part that carries it), and
    // a new one is in none of the parts (reported once, in the API's file).
    let text = std::fs::read_to_string(fixture(TAGS)).unwrap();
    let changed = text
        .replace(
            "  /customers/{customerId}:\n    delete:",
            "  /customers/{customerId}:\n    patch:",
        )
        .replace(
            "  /admin/audit/{auditId}:\n",
            "  /admin/users:\n    get:\n      operationId: ListUsers\n      tags: [Admin]\n      \
             responses:\n        \"200\": {description: The users}\n  /admin/audit/{auditId}:\n",
        );
    assert_ne!(changed, text);
    let api = dir.path().join("billing.openapi.yaml");
    std::fs::write(&api, &changed).unwrap();
    let report = ccforge()
        .args(["drift", "--format", "json"])
        .arg(&api)
        .arg(&out)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report: Value = serde_json::from_slice(&report).unwrap();
    let changes: Vec<(String, String, String)> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let file = |side: &str| {
                c[side]["file"]
                    .as_str()
                    .map(|f| {
                        Path::new(f)
                            .strip_prefix(dir.path())
                            .unwrap()
                            .display()
                            .to_string()
                    })
                    .unwrap_or_default()
            };
            (
                c["rule"].as_str().unwrap().to_string(),
                c["message"].as_str().unwrap().to_string(),
                format!("{} {}", file("old"), file("new")),
            )
        })
        .collect();
    let api_name = "billing.openapi.yaml";
    let customers = "billing/Customers/apiDefinition.swagger.json";
    assert_eq!(
        changes,
        vec![
            (
                "path-or-method-changed".to_string(),
                "operation `DeleteCustomer` moved from DELETE /customers/{customerId} to PATCH \
                 /customers/{customerId}"
                    .to_string(),
                format!("{customers} {api_name}"),
            ),
            (
                "operation-missing-from-connector".to_string(),
                "the API has GET /admin/users (`ListUsers`), which none of the 3 connectors \
                 carries"
                    .to_string(),
                format!(" {api_name}"),
            ),
        ]
    );
    // The API's new operation is placed in the user's file, where it was added.
    let line = changed
        .lines()
        .position(|l| l == "  /admin/users:")
        .unwrap()
        + 2;
    assert_eq!(report["changes"][1]["new"]["line"], line);

    // A folder holding no connector is an input error that says what to give.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    ccforge()
        .arg("drift")
        .arg(&api)
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("none of its folders has one"));
}

/// An OpenAPI 3 definition of `n` operations whose descriptions run to several sentences.
fn wordy_api(n: usize) -> String {
    let text = "Returns the item with every field filled in. The fields are described in the \
                reference; unknown fields are ignored. Rate limits apply to every call.";
    let paths: serde_json::Map<String, Value> = (0..n)
        .map(|i| {
            let op = serde_json::json!({"get": {
                "operationId": format!("GetItem{i}"),
                "summary": format!("Get item {i}"),
                "description": text,
                "responses": {"200": {"description": text, "content": {"application/json": {
                    "schema": {"type": "object", "description": text, "properties": {
                        format!("field{i}"): {"type": "string", "description": text}}}}}}}}});
            (format!("/items{i}"), op)
        })
        .collect();
    serde_json::to_string_pretty(&openapi("Wordy", paths)).unwrap()
}

/// The `--format json` report of converting `api` into `out` (overwritten) with `args`.
fn convert_report(api: &Path, out: &Path, args: &[&str]) -> Value {
    let assert = ccforge()
        .arg("convert")
        .arg(api)
        .args(["--format", "json", "--force", "-o"])
        .arg(out)
        .args(args)
        .assert();
    serde_json::from_slice(&assert.get_output().stderr).unwrap()
}

/// An OpenAPI 3.0 definition titled `title` with these paths, on one server.
fn openapi(title: &str, paths: serde_json::Map<String, Value>) -> Value {
    serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": title, "version": "1.0"},
        "servers": [{"url": "https://api.contoso.com"}],
        "paths": paths
    })
}

#[test]
fn each_size_step_reports_its_saving_and_descriptions_are_trimmed_only_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let api = dir.path().join("wordy.json");
    std::fs::write(&api, wordy_api(40)).unwrap();
    let out = dir.path().join("out.json");
    let size_messages = |args: &[&str]| -> (Vec<String>, Value) {
        let report = convert_report(&api, &out, args);
        let messages = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "fix-size" && d["pointer"] == "")
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect();
        (messages, read_json(&out))
    };
    let whole = size_messages(&[]).1;
    let full = std::fs::read(&out).unwrap().len();

    // --max-size applies to a single definition too; without --trim-descriptions it stays over.
    let budget = (full * 3 / 4).to_string();
    let (said, doc) = size_messages(&["--max-size", &budget]);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].contains(&format!("the limit is {budget}"))
            && said[0].ends_with("--trim-descriptions would also shorten its descriptions"),
        "{said:?}"
    );
    assert_eq!(doc, whole);

    // With it, descriptions are cut to their first sentence and the saving is given.
    let (said, doc) = size_messages(&["--max-size", &budget, "--trim-descriptions"]);
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(
        said[0].starts_with(&format!(
            "step 3, descriptions: cut 160 descriptions to their first sentence ({full} → "
        )),
        "{said:?}"
    );
    let written = std::fs::read(&out).unwrap().len();
    assert!(written <= full * 3 / 4, "{written}");
    assert!(said[1].contains(&format!("to {written} bytes")), "{said:?}");
    assert_eq!(
        doc["paths"]["/items0"]["get"]["description"],
        "Returns the item with every field filled in."
    );
}

#[test]
fn operations_that_kept_ones_call_are_kept_with_them() {
    const CALLS: &str = "dynamic-calls.swagger.json";
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("stock");
    let report = ccforge()
        .args([
            "convert",
            "--split-by",
            "tag",
            "--format",
            "json",
            "--out-dir",
        ])
        .arg(&out)
        .arg(fixture(CALLS))
        .assert()
        .code(0)
        .get_output()
        .stderr
        .clone();
    let report: Value = serde_json::from_slice(&report).unwrap();
    let mut copies: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "operation-kept-for-call")
        .map(|d| {
            let file = Path::new(d["file"].as_str().unwrap());
            let part = file.parent().unwrap().file_name().unwrap();
            (
                part.to_string_lossy().into_owned(),
                d["pointer"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    copies.sort();
    assert_eq!(
        copies,
        [
            ("Orders", "/paths/~1status/get"),
            ("Orders", "/paths/~1warehouses/get"),
            ("Stock", "/paths/~1status/get"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    // Each part has what its dropdowns and connection test call, and lints clean.
    let expected = [
        ("Admin", vec!["GET /status"]),
        (
            "Orders",
            vec!["GET /status", "GET /warehouses", "POST /orders"],
        ),
        (
            "Stock",
            vec![
                "GET /status",
                "GET /warehouses",
                "GET /warehouses/{id}/stock",
            ],
        ),
    ];
    for (name, ops) in expected {
        let doc = read_json(&out.join(name).join("apiDefinition.swagger.json"));
        assert_eq!(
            operations(&doc).into_iter().collect::<Vec<_>>(),
            ops,
            "{name}"
        );
        assert_eq!(unused(&doc), Vec::<String>::new());
        ccforge().arg("lint").arg(out.join(name)).assert().code(0);
    }

    // A selection keeps them too, unless an exclude names them.
    let chosen = ccforge()
        .args(["convert", "--include", "tag:Orders"])
        .arg(fixture(CALLS))
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&chosen).unwrap();
    assert_eq!(
        operations(&doc).into_iter().collect::<Vec<_>>(),
        ["GET /status", "GET /warehouses", "POST /orders"]
    );
    let chosen = ccforge()
        .args([
            "convert",
            "--include",
            "tag:Orders",
            "--exclude",
            "id:ListWarehouses",
        ])
        .arg(fixture(CALLS))
        .assert()
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&chosen).unwrap();
    assert_eq!(
        operations(&doc).into_iter().collect::<Vec<_>>(),
        ["GET /status", "POST /orders"]
    );
}

#[test]
fn diff_of_two_split_folders_compares_connector_by_connector() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    let text = std::fs::read_to_string(fixture(TAGS)).unwrap();
    // The next version files the audit entries under Customers: no Admin connector any more.
    let v2 = text
        .replace("tags: [Admin]", "tags: [Customers]")
        .replace("  - name: Admin\n", "");
    assert_ne!(v2, text);
    let api2 = dir.path().join("v2.openapi.yaml");
    std::fs::write(&api2, v2).unwrap();
    for (api, out) in [(fixture(TAGS), &old), (api2, &new)] {
        ccforge()
            .args(["convert", "--split-by", "tag", "--out-dir"])
            .arg(out)
            .arg(api)
            .assert()
            .code(0);
    }
    ccforge()
        .arg("diff")
        .arg(&old)
        .arg(&old)
        .assert()
        .code(0)
        .stdout("No changes.\n");
    let report = ccforge()
        .args(["diff", "--format", "json"])
        .arg(&old)
        .arg(&new)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report: Value = serde_json::from_slice(&report).unwrap();
    let side = |c: &Value, s: &str| {
        c[s]["file"].as_str().map(|f| {
            Path::new(f)
                .strip_prefix(dir.path())
                .unwrap()
                .display()
                .to_string()
        })
    };
    let changes: Vec<(String, String, Option<String>, Option<String>)> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["rule"].as_str().unwrap().to_string(),
                c["message"].as_str().unwrap().to_string(),
                side(c, "old"),
                side(c, "new"),
            )
        })
        .collect();
    assert_eq!(
        changes,
        vec![
            (
                "connector-removed".to_string(),
                "the connector `Admin` is gone: flows that use its 1 operation break".to_string(),
                Some("old/Admin/apiDefinition.swagger.json".to_string()),
                None,
            ),
            (
                "operation-added".to_string(),
                "operation GET /admin/audit/{auditId} (`GetAuditEntry`) was added to \
                 `Customers`: it moved here from the connector `Admin`"
                    .to_string(),
                None,
                Some("new/Customers/apiDefinition.swagger.json".to_string()),
            ),
        ]
    );
}

#[test]
fn operations_kept_only_for_a_call_go_with_their_callers_and_make_no_part() {
    const HELPERS: &str = "helpers-called-from-two-tags.swagger.json";
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sales");
    let report = ccforge()
        .args([
            "convert",
            "--include",
            "tag:Orders",
            "--include",
            "tag:Returns",
        ])
        .args(["--split-by", "tag", "--format", "json", "--out-dir"])
        .arg(&out)
        .arg(fixture(HELPERS))
        .assert()
        .code(0)
        .get_output()
        .stderr
        .clone();
    // No `Stock` part for the dropdown's list, no `Admin` part for the connection test: each
    // part that calls them holds them.
    let parts: BTreeSet<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(parts, BTreeSet::from(["Orders".into(), "Returns".into()]));
    for (name, own) in [("Orders", "POST /orders"), ("Returns", "POST /returns")] {
        let doc = read_json(&out.join(name).join("apiDefinition.swagger.json"));
        assert_eq!(
            operations(&doc),
            BTreeSet::from([own.into(), "GET /status".into(), "GET /warehouses".into()]),
            "{name}"
        );
        assert_eq!(unused(&doc), Vec::<String>::new());
        ccforge().arg("lint").arg(out.join(name)).assert().code(0);
    }
    // Each copy is told once, in its part, at the copied operation.
    let report: Value = serde_json::from_slice(&report).unwrap();
    let mut told: Vec<(String, String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "CCF625")
        .map(|d| {
            let file = Path::new(d["file"].as_str().unwrap());
            let part = file.parent().unwrap().file_name().unwrap();
            let message = d["message"].as_str().unwrap();
            (
                part.to_string_lossy().into_owned(),
                d["pointer"].as_str().unwrap().to_string(),
                message.split(", because").next().unwrap().to_string(),
            )
        })
        .collect();
    told.sort();
    let copied = "is copied into this part although the patterns leave it out";
    assert_eq!(
        told,
        [
            ("Orders", "/paths/~1status/get", "`Ping` (GET /status)"),
            (
                "Orders",
                "/paths/~1warehouses/get",
                "`ListWarehouses` (GET /warehouses)"
            ),
            ("Returns", "/paths/~1status/get", "`Ping` (GET /status)"),
            (
                "Returns",
                "/paths/~1warehouses/get",
                "`ListWarehouses` (GET /warehouses)"
            ),
        ]
        .map(|(a, b, c)| (a.to_string(), b.to_string(), format!("{c} {copied}")))
    );

    // The plan agrees; an operation the patterns choose keeps its own part.
    let plan = ccforge()
        .args(["convert", "--include", "tag:Orders", "--include", "id:Ping"])
        .args(["--split-by", "tag", "--plan", "--format", "json"])
        .arg(fixture(HELPERS))
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let plan: Value = serde_json::from_slice(&plan).unwrap();
    assert_eq!(common::names(&plan["parts"]), ["Orders", "Admin"]);
}

#[test]
fn one_part_that_may_not_be_written_keeps_every_folder_back() {
    // `customers` has a parameter `in: Query`, which no connector accepts; `orders` is fine.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let run = ccforge()
        .args(["convert", "--split-by", "tag", "--out-dir"])
        .arg(&out)
        .arg(fixture("two-tags-one-invalid.swagger.json"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("not written: `in` is `Query`")
            && stderr.contains(
                "no connector folder was written: the definition for `customers` may not be written"
            ),
        "{stderr}"
    );
    assert!(!out.exists(), "a folder was written: {stderr}");

    // Into an existing destination, nothing appears either.
    std::fs::create_dir(&out).unwrap();
    ccforge()
        .args(["convert", "--split-by", "tag", "--out-dir"])
        .arg(&out)
        .arg(fixture("two-tags-one-invalid.swagger.json"))
        .assert()
        .code(1);
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
}

#[test]
fn an_operation_over_a_limit_alone_is_reported_once_per_limit() {
    let input = fixture("deep-schema.swagger.json");
    let dir = tempfile::tempdir().unwrap();
    let err = ccforge()
        .args([
            "convert",
            "--split-by",
            "tag",
            "--format",
            "json",
            "--out-dir",
        ])
        .arg(dir.path().join("out"))
        .arg(&input)
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let report: Value = serde_json::from_slice(&err).unwrap();
    let errors: Vec<(&str, &str)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| (d["code"].as_str().unwrap(), d["file"].as_str().unwrap()))
        .collect();
    // The body-schema-count finding of the part would say the same again.
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "CCF623");
    assert!(errors[0].1.ends_with("Trees/apiDefinition.swagger.json"));
}

#[test]
fn untagged_operations_split_by_path_never_take_a_tag_groups_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = serde_json::Map::new();
    paths.insert(
        "/tagged".into(),
        serde_json::json!({"get": {"operationId": "Tagged", "summary": "T", "description": "T.",
            "tags": ["Events"], "responses": {"200": {"description": "ok"}}}}),
    );
    for seg in ["events", "users"] {
        for i in 0..6 {
            paths.insert(
                format!("/{seg}/x{i}"),
                serde_json::json!({"get": {"operationId": format!("{seg}{i}"), "summary": "S",
                    "description": "D".repeat(200), "responses": {"200": {"description": "ok"}}}}),
            );
        }
    }
    let doc = serde_json::json!({"swagger": "2.0", "info": {"title": "T", "version": "1", "description": "d"},
        "host": "api.contoso.com", "basePath": "/", "schemes": ["https"], "tags": [{"name": "Events"}],
        "paths": paths});
    let input = dir.path().join("api.json");
    std::fs::write(&input, doc.to_string()).unwrap();
    let out = dir.path().join("out");
    ccforge()
        .arg("convert")
        .arg(&input)
        .args(["--split-by", "tag", "--max-size", "4KB", "--out-dir"])
        .arg(&out)
        .assert()
        .code(0);
    let mut folders: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    assert_eq!(folders, ["Events", "Untagged-Events", "Untagged-Users"]);
    let events = read_json(&out.join("Events/apiDefinition.swagger.json"));
    assert_eq!(operations(&events).len(), 1);
}

/// An OpenAPI 3 definition of `n` operations whose responses nest objects deeply: most of its
/// pretty text is indentation.
fn nested_api(n: usize) -> String {
    let paths: serde_json::Map<String, Value> = (0..n)
        .map(|i| {
            let mut schema = serde_json::json!({"type": "string"});
            for level in 0..8 {
                schema = serde_json::json!({"type": "object", "properties": {
                    format!("a{i}x{level}"): {"type": "integer"},
                    format!("b{i}x{level}"): schema}});
            }
            // A parameter the passes give a summary: a finding in the written file.
            let op = serde_json::json!({"get": {
                "operationId": format!("GetItem{i}"),
                "summary": format!("Get item {i}"),
                "parameters": [{"name": "page size", "in": "query", "schema": {"type": "integer"}}],
                "responses": {"200": {"description": "OK", "content": {"application/json": {
                    "schema": schema}}}}}});
            (format!("/items{i}"), op)
        })
        .collect();
    serde_json::to_string(&openapi("Nested", paths)).unwrap()
}

#[test]
fn minify_writes_one_line_and_counts_the_budget_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let api = dir.path().join("nested.json");
    std::fs::write(&api, nested_api(20)).unwrap();
    let out = dir.path().join("out.json");
    let convert = |args: &[&str]| {
        let report = convert_report(&api, &out, args);
        (report, std::fs::read_to_string(&out).unwrap())
    };
    let (_, pretty) = convert(&[]);
    let whole: Value = serde_json::from_str(&pretty).unwrap();
    let minified = serde_json::to_string(&whole).unwrap().len() + 1;
    assert!(minified * 2 < pretty.len(), "{minified} {}", pretty.len());
    let budget = ((minified + pretty.len()) / 2).to_string();

    // Indented, the definition is over the budget, and the size pass says what minified
    // would weigh.
    let (report, _) = convert(&["--max-size", &budget]);
    let still = common::picked(&report["diagnostics"], "rule", "fix-size", "message");
    assert!(
        still.iter().any(|m| m.contains(&format!(
            "or write it without indentation: minified it is {minified} bytes (convert --minify)"
        ))),
        "{still:?}"
    );

    // Minified, it fits as it is: one line, the same document, no step taken.
    let (report, text) = convert(&["--max-size", &budget, "--minify"]);
    assert_eq!(text.len(), minified);
    assert_eq!(text.lines().count(), 1);
    assert!(text.ends_with("}\n"), "{text}");
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), whole);
    let said = common::picked(&report["diagnostics"], "rule", "fix-size", "message");
    assert!(said.iter().all(|m| !m.contains("step")), "{said:?}");

    // Findings in the minified file are placed on its one line.
    let lines: Vec<Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"].as_str().is_some_and(|f| f.ends_with("out.json")))
        .filter_map(|d| d.get("line").cloned())
        .collect();
    assert!(
        lines.len() == 20 && lines.iter().all(|l| l == 1),
        "{lines:?}"
    );

    // YAML has no minified form.
    ccforge()
        .arg("convert")
        .arg(&api)
        .args(["--minify", "--format-out", "yaml"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--minify"));
}
