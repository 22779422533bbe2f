//! The command line through the real binary: exit codes, inputs, walking, config, baselines
//! and output formats.

mod common;
use common::{ccforge, write};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/lint")
        .join(rel)
}

fn json_lint(args: &[&str]) -> (Value, i32) {
    let out = ccforge()
        .arg("lint")
        .arg("--format=json")
        .args(args)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON: {e}\n{}", String::from_utf8_lossy(&out.stdout)));
    (v, out.status.code().unwrap())
}

/// The message and help of each finding of `report` that `keep` picks.
fn told(report: &Value, keep: impl Fn(&Value) -> bool) -> Vec<(&Value, &Value)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| keep(d))
        .map(|d| (&d["message"], &d["help"]))
        .collect()
}

/// The code, message and line of each finding of `report` that `keep` picks.
fn placed(report: &Value, keep: impl Fn(&Value) -> bool) -> Vec<(&Value, &Value, &Value)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| keep(d))
        .map(|d| (&d["code"], &d["message"], &d["line"]))
        .collect()
}

fn codes(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn clean_swagger() -> String {
    std::fs::read_to_string(fixture("connectors/clean/apiDefinition.swagger.json")).unwrap()
}

#[test]
fn clean_connector_exits_zero() {
    ccforge()
        .arg("lint")
        .arg(fixture("connectors/clean"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("No problems found in 2 files."));
}

#[test]
fn errors_exit_one_and_fail_on_moves_the_threshold() {
    let f = fixture("rules/host-invalid.json");
    ccforge().arg("lint").arg(&f).assert().code(1);
    ccforge()
        .args(["lint", "--fail-on=never"])
        .arg(&f)
        .assert()
        .code(0);
    let w = fixture("rules/operation-id-invalid.json");
    ccforge().arg("lint").arg(&w).assert().code(0);
    ccforge()
        .args(["lint", "--fail-on=warning"])
        .arg(&w)
        .assert()
        .code(1);
}

#[test]
fn json_report_has_the_documented_fields() {
    let (v, code) = json_lint(&[fixture("rules/host-invalid.json").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["errors"], 1);
    let d = &v["diagnostics"][0];
    for key in [
        "code", "rule", "severity", "message", "file", "pointer", "line", "column",
    ] {
        assert!(!d[key].is_null(), "{key} missing in {d}");
    }
    assert_eq!(d["code"], "CCF102");
    assert_eq!(d["rule"], "host-invalid");
    assert_eq!(d["pointer"], "/host");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(8), Some(3))
    );
}

#[test]
fn openapi3_and_postman_are_pointed_to_convert() {
    let dir = tempfile::tempdir().unwrap();
    let oas = write(
        dir.path(),
        "openapi.yaml",
        "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\n",
    );
    ccforge()
        .arg("lint")
        .arg(&oas)
        .assert()
        .code(2)
        .stdout(predicate::str::contains("Swagger 2.0 only"))
        .stdout(predicate::str::contains("ccforge convert"));
    let pm = write(
        dir.path(),
        "c.json",
        r#"{"info": {"name": "x", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": []}"#,
    );
    let (v, code) = json_lint(&[pm.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert_eq!(codes(&v), ["CCF006"]);
    // The command to paste names a file with a space in quotes.
    let spaced = write(
        dir.path(),
        "my api.yaml",
        "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths: {}\n",
    );
    let out = ccforge()
        .current_dir(dir.path())
        .args(["lint", "--format=json", "my api.yaml"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["diagnostics"][0]["help"],
        "convert it first: ccforge convert 'my api.yaml' -o apiDefinition.swagger.json",
        "{spaced:?}"
    );
}

#[test]
fn unreadable_inputs_exit_two_with_a_location() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("empty.json", "", "CCF001", None),
        (
            "truncated.json",
            "{\n  \"swagger\": \"2.0\",\n  \"paths\": {\n",
            "CCF002",
            Some(3),
        ),
        (
            "garbage.json",
            "{\n  \"swagger\": \"2.0\" \"x\" : }\n",
            "CCF002",
            Some(2),
        ),
        (
            "bad.yaml",
            "swagger: '2.0'\npaths:\n  - a\n  b: c\n",
            "CCF002",
            Some(4),
        ),
        (
            "unknown.json",
            "{\"name\": \"package\", \"version\": \"1.0.0\"}",
            "CCF005",
            Some(1),
        ),
    ];
    for (name, text, code, line) in cases {
        let p = write(dir.path(), name, text);
        let (v, exit) = json_lint(&[p.to_str().unwrap()]);
        assert_eq!(exit, 2, "{name}");
        assert_eq!(codes(&v), [code], "{name}: {v}");
        assert_eq!(
            v["diagnostics"][0]["line"].as_u64().map(|l| l as usize),
            line,
            "{name}"
        );
    }
    let bin = dir.path().join("icon.json");
    std::fs::write(&bin, b"\x89PNG\r\n\x1a\n\x00\x00\x00").unwrap();
    let (v, exit) = json_lint(&[bin.to_str().unwrap()]);
    assert_eq!((exit, codes(&v)), (2, vec!["CCF001".to_string()]));
    ccforge()
        .args(["lint", "does/not/exist.json"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("no such file or directory"));
    // A pipe named on the command line (`/dev/stdin`, `<(cat api.json)`) is read as it comes.
    ccforge()
        .args(["lint", "/dev/stdin"])
        .write_stdin(clean_swagger())
        .assert()
        .code(0)
        .stdout(predicate::str::contains("No problems found in 1 file."));
}

#[test]
fn latin1_files_are_read_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = clean_swagger().into_bytes();
    let at = bytes
        .windows(13)
        .position(|w| w == b"Contoso Tasks")
        .unwrap();
    bytes.splice(at..at + 7, b"Br\xF8nn\xF8y".iter().copied());
    let p = dir.path().join("latin1.json");
    std::fs::write(&p, &bytes).unwrap();
    let (v, exit) = json_lint(&[p.to_str().unwrap()]);
    assert_eq!(exit, 0);
    assert_eq!(codes(&v), ["CCF004"]);
    assert!(
        v["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("0xF8 at 4:17")
    );
}

#[test]
fn oversized_definitions_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc: Value = serde_json::from_str(&clean_swagger()).unwrap();
    doc["info"]["description"] = Value::String("x".repeat(1_100_000));
    let p = write(dir.path(), "big.json", &doc.to_string());
    let (v, exit) = json_lint(&[p.to_str().unwrap()]);
    assert_eq!(exit, 1);
    assert_eq!(codes(&v), ["CCF105"]);
}

#[test]
fn directories_are_walked_as_connectors_and_lone_definitions() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let swagger = clean_swagger();
    let bad = swagger.replace("\"/tasks\":", "\"/tasks/\":");
    write(root, "connectors/A/apiDefinition.swagger.json", &bad);
    write(
        root,
        "connectors/A/apiProperties.json",
        "{\"properties\": {\"connectionParameters\": {}}}",
    );
    write(root, "connectors/B/APIDEFINITION.SWAGGER.JSON", &bad);
    write(root, "specs/tasks.swagger.json", &bad);
    write(
        root,
        "specs/package.json",
        "{\"name\": \"x\", \"version\": \"1\"}",
    );
    write(root, "node_modules/dep/apiDefinition.swagger.json", &bad);
    write(root, "target/apiDefinition.swagger.json", &bad);
    write(root, ".hidden/apiDefinition.swagger.json", &bad);
    write(root, "generated/apiDefinition.swagger.json", &bad);
    write(root, ".gitignore", "generated/\n");
    let out = ccforge()
        .current_dir(root)
        .args(["lint", "--format=json", "."])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "connectors/A/apiDefinition.swagger.json",
            "connectors/B/APIDEFINITION.SWAGGER.JSON",
            "specs/tasks.swagger.json"
        ]
    );
    assert_eq!(v["summary"]["files"], 4);
}

/// A path named on the command line that `ignore` leaves out entirely is a warning (exit 0):
/// a check pointed at it no longer passes without a word. A folder named in `ignore` leaves
/// out what is under it.
#[test]
fn a_path_whose_files_are_all_ignored_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let bad = clean_swagger().replace("\"/tasks\":", "\"/tasks/\":");
    write(root, "c1/apiDefinition.swagger.json", &bad);
    write(root, "c2/apiDefinition.swagger.json", &bad);
    write(root, "ccforge.toml", "ignore = [\"c1\"]\n");
    let run = |args: &[&str]| {
        let out = ccforge()
            .current_dir(root)
            .arg("lint")
            .arg("--format=json")
            .args(args)
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        (out.status.code(), v)
    };
    for named in ["c1", "c1/apiDefinition.swagger.json"] {
        let (code, v) = run(&[named]);
        assert_eq!(code, Some(0), "{named}: {v}");
        assert_eq!(codes(&v), ["CCF012"], "{named}: {v}");
        assert_eq!(v["diagnostics"][0]["severity"], "warning");
        assert_eq!(v["diagnostics"][0]["file"], named);
    }
    // The folder's connector is linted when it is not ignored; c1's findings never show.
    let (_, v) = run(&["."]);
    assert_eq!(codes(&v), ["CCF201"], "{v}");
    assert_eq!(v["diagnostics"][0]["file"], "c2/apiDefinition.swagger.json");
}

#[test]
fn config_sets_severity_and_ignores_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let bad = clean_swagger().replace("\"/tasks\":", "\"/tasks/\":");
    write(root, "a/apiDefinition.swagger.json", &bad);
    write(root, "legacy/apiDefinition.swagger.json", &bad);
    write(
        root,
        "ccforge.toml",
        "ignore = [\"legacy/**\"]\n[rules]\npath-trailing-slash = \"error\"\n",
    );
    let out = ccforge()
        .current_dir(root)
        .args(["lint", "--format=json", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(codes(&v), ["CCF201"]);
    assert_eq!(v["diagnostics"][0]["severity"], "error");

    write(root, "ccforge.toml", "[rules]\nCCF201 = \"off\"\n");
    ccforge()
        .current_dir(root)
        .args(["lint", "a"])
        .assert()
        .code(0);

    write(
        root,
        "ccforge.toml",
        "[rules]\npath-trailing-slash = \"loud\"\n",
    );
    ccforge()
        .current_dir(root)
        .args(["lint", "a"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("ccforge.toml:2:"));
    // The value is found on the line that sets it, not where its letters first occur.
    write(
        root,
        "ccforge.toml",
        "profile = \"default\"\n\n[rules]\npath-trailing-slash = \"of\"\n",
    );
    ccforge()
        .current_dir(root)
        .args(["lint", "a"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("ccforge.toml:4:24)"));
}

#[test]
fn config_limits_move_the_unpublished_limits() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // An operationId of 40 characters: within the 77 accepted connectors reach.
    let id = format!("List{}", "Task".repeat(9));
    let swagger = clean_swagger().replacen(
        "\"operationId\": \"",
        &format!("\"operationId\": \"{id}"),
        1,
    );
    write(root, "a/apiDefinition.swagger.json", &swagger);
    let lint = || {
        let out = ccforge()
            .current_dir(root)
            .args(["lint", "--format=json", "a"])
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{} {}",
                    d["code"].as_str().unwrap(),
                    d["message"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(lint(), Vec::<String>::new());
    write(
        root,
        "ccforge.toml",
        "[limits]\noperation-id-too-long = 32\n",
    );
    let found = lint();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("CCF218 operationId of ")
            && found[0].ends_with("characters; the limit set in ccforge.toml is 32"),
        "{found:?}"
    );
    // A rule without a limit is refused, at its line.
    write(root, "ccforge.toml", "[limits]\nhost-invalid = 3\n");
    ccforge()
        .current_dir(root)
        .args(["lint", "a"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("ccforge.toml:2:1"));
}

#[test]
fn baseline_reports_only_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let bad = clean_swagger().replace("\"ListTasks\"", "\"list-tasks\"");
    write(root, "api.json", &bad);
    ccforge()
        .current_dir(root)
        .args(["lint", "api.json", "--write-baseline", "baseline.json"])
        .assert()
        .code(0);
    let baseline: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(baseline["findings"][0]["rule"], "operation-id-invalid");
    assert_eq!(
        baseline["findings"][0]["pointer"],
        "/paths/~1tasks/get/operationId"
    );
    // Lines move, the finding stays known; a new finding is reported.
    let moved = format!("\n\n{}", bad.replace("\"CreateTask\"", "\"create-task\""));
    write(root, "api.json", &moved);
    let out = ccforge()
        .current_dir(root)
        .args([
            "lint",
            "--format=json",
            "--fail-on=warning",
            "--baseline",
            "baseline.json",
            "api.json",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 1);
    assert_eq!(
        v["diagnostics"][0]["pointer"],
        "/paths/~1tasks/post/operationId"
    );
}

/// A baseline records files relative to its own folder: it matches from another working
/// folder, with an absolute path, or after the repository moved (a CI runner's checkout).
#[test]
fn a_baseline_matches_from_any_folder_and_checkout() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    let bad = clean_swagger().replace("\"ListTasks\"", "\"list-tasks\"");
    write(
        &repo.join("connectors/A"),
        "apiDefinition.swagger.json",
        &bad,
    );
    ccforge()
        .current_dir(&repo)
        .args(["lint", ".", "--write-baseline", "base.json"])
        .assert()
        .code(0);
    let baseline: Value =
        serde_json::from_str(&std::fs::read_to_string(repo.join("base.json")).unwrap()).unwrap();
    assert_eq!(
        baseline["findings"][0]["file"],
        "connectors/A/apiDefinition.swagger.json"
    );
    let moved = dir.path().join("elsewhere");
    std::fs::rename(&repo, &moved).unwrap();
    for (cwd, target, base) in [
        (
            dir.path().to_path_buf(),
            "elsewhere",
            "elsewhere/base.json".to_string(),
        ),
        (
            std::env::temp_dir(),
            moved.to_str().unwrap(),
            moved.join("base.json").display().to_string(),
        ),
        (moved.join("connectors"), "A", "../base.json".to_string()),
    ] {
        let out = ccforge()
            .current_dir(&cwd)
            .args([
                "lint",
                "--format=json",
                "--fail-on=warning",
                target,
                "--baseline",
                &base,
            ])
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            v["diagnostics"],
            serde_json::json!([]),
            "from {cwd:?}: {target}"
        );
        assert_eq!(out.status.code(), Some(0));
    }
}

/// One file named several ways on the command line is linted once.
#[test]
fn a_file_named_twice_is_linted_once() {
    let dir = tempfile::tempdir().unwrap();
    let bad = clean_swagger().replace("\"ListTasks\"", "\"list-tasks\"");
    let file = write(dir.path(), "v/api.json", &bad);
    let out = ccforge()
        .current_dir(dir.path())
        .args([
            "lint",
            "--format=json",
            "v/api.json",
            "./v/api.json",
            "v/../v/api.json",
        ])
        .arg(&file)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["files"], 1, "{v}");
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 1, "{v}");
}

#[test]
fn pretty_output_shows_a_code_frame_and_help() {
    ccforge()
        .arg("lint")
        .arg(fixture("rules/host-invalid.json"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("CCF102 host-invalid"))
        .stdout(predicate::str::contains(
            "\"host\": \"https://api.contoso.com/v1\"",
        ))
        .stdout(predicate::str::contains("help:"))
        .stdout(predicate::str::contains("\u{1b}[").not());
}

#[test]
fn github_format_is_the_default_on_actions() {
    let mut c = Command::cargo_bin("ccforge").unwrap();
    c.env("GITHUB_ACTIONS", "true")
        .current_dir(fixture(""))
        .args(["lint", "rules/host-invalid.json"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "::error file=rules/host-invalid.json,line=8,col=3,title=CCF102 host-invalid::",
        ));
}

#[test]
fn junit_and_markdown_formats() {
    let f = fixture("rules/path-trailing-slash.json");
    let out = ccforge()
        .args(["lint", "--format=junit"])
        .arg(&f)
        .output()
        .unwrap();
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(xml.starts_with("<?xml"));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(xml.matches("<testcase").count(), 3);
    // Warnings below --fail-on pass, as the exit code does; at it, they fail.
    assert_eq!(xml.matches("<failure").count(), 0);
    let out = ccforge()
        .args(["lint", "--format=junit", "--fail-on=warning"])
        .arg(&f)
        .output()
        .unwrap();
    let xml = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(xml.matches("<failure").count(), 3);
    let out = ccforge()
        .args(["lint", "--format=markdown"])
        .arg(&f)
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("## ccforge lint\n"), "{md}");
    assert!(md.contains("| Severity | Rule | Location | Message |"));
    assert!(md.contains("`CCF202` path-trailing-slash-pair"));
    assert!(xml.contains("<testsuites name=\"ccforge lint\""), "{xml}");
    // Each report is titled by the command that made it.
    for (command, input) in [
        (
            "convert",
            fixture("../convert/postman-v21-features/input.postman_collection.json"),
        ),
        ("fix", f.clone()),
    ] {
        let out = ccforge()
            .args([command, "--format=junit"])
            .arg(&input)
            .output()
            .unwrap();
        let xml = String::from_utf8(out.stderr).unwrap();
        assert!(
            xml.contains(&format!("<testsuites name=\"ccforge {command}\"")),
            "{xml}"
        );
        let out = ccforge()
            .args([command, "--format=markdown"])
            .arg(&input)
            .output()
            .unwrap();
        let md = String::from_utf8(out.stderr).unwrap();
        assert!(md.starts_with(&format!("## ccforge {command}\n")), "{md}");
    }
}

#[test]
fn sarif_is_valid_2_1_0() {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas-ext/sarif-schema-2.1.0.json");
    let out = ccforge()
        .args(["lint", "--format=sarif"])
        .arg(fixture("rules/path-trailing-slash.json"))
        .arg(fixture("connectors/client-secret"))
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        30
    );
    let Ok(schema_text) = std::fs::read_to_string(&schema_path) else {
        eprintln!(
            "skipping schema validation: {} is absent",
            schema_path.display()
        );
        return;
    };
    let schema: Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn explicit_connector_file_lints_its_folder() {
    let (v, _) = json_lint(&[fixture("connectors/client-secret/apiProperties.json")
        .to_str()
        .unwrap()]);
    assert_eq!(codes(&v), ["CCF503"]);
    assert_eq!(v["summary"]["files"], 2);
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.sarif");
    ccforge()
        .args(["lint", "--format=sarif", "--fail-on=never", "-o"])
        .arg(&out)
        .arg(fixture("rules/path-trailing-slash.json"))
        .assert()
        .code(0)
        .stdout(predicate::str::is_empty());
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 3);
}

#[test]
fn output_dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = ccforge()
        .current_dir(dir.path())
        .args(["lint", "--format=json", "--fail-on=never", "-o", "-"])
        .arg(fixture("rules/path-trailing-slash.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["files"], 1);
    // No file named `-` is left behind.
    assert!(!dir.path().join("-").exists());
}

#[test]
fn rules_lists_and_documents() {
    ccforge()
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("CCF201  path-trailing-slash"))
        .stdout(predicate::str::contains(
            "CCF501  missing-security-definitions",
        ));
    ccforge()
        .args(["rules", "ccf502"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "# CCF502 resource-url-trailing-slash",
        ))
        .stdout(predicate::str::contains("## Fix"));
    ccforge().args(["rules", "nope"]).assert().code(2);
}

#[test]
fn usage_errors_exit_two() {
    ccforge().arg("lint").assert().code(2);
    ccforge()
        .args(["lint", "--format=xml", "x"])
        .assert()
        .code(2);
}

#[test]
fn config_schema_matches_what_the_config_accepts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("schemas/ccforge.schema.json")).unwrap(),
    )
    .unwrap();
    // The shipped file is what the binary generates.
    let generated = ccforge()
        .args(["rules", "--config-schema"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(
        serde_json::from_slice::<Value>(&generated).unwrap(),
        schema,
        "schemas/ccforge.schema.json is stale: cargo run -- rules --config-schema > schemas/ccforge.schema.json"
    );
    let validator = jsonschema::validator_for(&schema).unwrap();
    // Every configurable rule is in the schema, by name and by code; diff changes are not
    // configured (their --fail-on chooses what fails).
    let listing = ccforge()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let listing: Vec<serde_json::Value> = serde_json::from_slice(&listing.stdout).unwrap();
    let fatal = [
        "unreadable-file",
        "parse-error",
        "unknown-format",
        "not-swagger2",
        "nothing-to-lint",
        "invalid-config",
        "unwritable-output",
        "invalid-output",
        "selection-invalid",
    ];
    for entry in &listing {
        let (code, name) = (
            entry["code"].as_str().unwrap(),
            entry["name"].as_str().unwrap(),
        );
        let configurable = !fatal.contains(&name) && entry["kind"] != "diff";
        for key in [code, name] {
            let doc = serde_json::json!({"rules": {key: "off"}});
            assert_eq!(validator.is_valid(&doc), configurable, "{key}");
        }
    }
    assert!(validator.is_valid(&serde_json::json!({"profile": "import", "ignore": ["legacy/**"]})));
    assert!(!validator.is_valid(&serde_json::json!({"rules": {"path-trailing-slash": "loud"}})));
    assert!(!validator.is_valid(&serde_json::json!({"colour": 1})));
    assert!(
        validator
            .is_valid(&serde_json::json!({"passes": {"fix-summaries": false, "CCF601": true}}))
    );
    assert!(!validator.is_valid(&serde_json::json!({"passes": {"no-such-pass": false}})));
}

#[test]
fn convert_reports_an_unwritable_standard_output() {
    // A full disk: every write to it fails.
    let Ok(full) = std::fs::File::options().write(true).open("/dev/full") else {
        return;
    };
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("ccforge"))
        .arg("convert")
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fixtures/convert/openapi31-features/input.yaml"),
        )
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot write to standard output"),
        "{stderr}"
    );
}

#[test]
fn convert_into_a_missing_folder_names_the_output_and_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("missing/dir/out.json");
    let out = ccforge()
        .arg("convert")
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fixtures/convert/openapi31-features/input.yaml"),
        )
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("CCF011 unwritable-output"), "{stderr}");
    assert!(stderr.contains(&target.display().to_string()), "{stderr}");
    assert!(stderr.contains("does not exist: create it"), "{stderr}");
    // Nothing was read into a report: no count of files.
    assert_eq!(
        stderr.lines().last(),
        Some("1 error, 0 warnings and 0 infos."),
        "{stderr}"
    );
    assert!(!dir.path().join("missing").exists());
}

#[cfg(target_os = "linux")]
#[test]
fn convert_into_a_folder_it_may_not_write_says_why() {
    // sysfs refuses new files to everyone, root included (or is mounted read-only).
    if !Path::new("/sys/kernel").is_dir() {
        return;
    }
    let out = ccforge()
        .arg("convert")
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fixtures/convert/openapi31-features/input.yaml"),
        )
        .args(["-o", "/sys/ccforge-out.json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("CCF011 unwritable-output"), "{stderr}");
    assert!(
        stderr.contains("you may not write in /sys") || stderr.contains("read-only"),
        "{stderr}"
    );
}

#[test]
fn pretty_output_cuts_a_long_line_to_a_window_around_the_finding() {
    // One line, the finding past column 70,000: the frame shows its neighbourhood only.
    let dir = tempfile::tempdir().unwrap();
    let doc = serde_json::json!({
        "swagger": "2.0",
        "info": {"title": "t", "version": "1", "description": "x".repeat(80_000)},
        "host": "https://api.contoso.com/v1",
        "basePath": "/",
        "schemes": ["https"],
        "paths": {}
    });
    let path = dir.path().join("min.json");
    std::fs::write(&path, serde_json::to_string(&doc).unwrap()).unwrap();
    let out = ccforge().arg("lint").arg(&path).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stdout.contains("CCF102 host-invalid"), "{stdout}");
    assert!(stdout.contains("min.json:1:800"), "{stdout}");
    assert!(stdout.contains("…"), "{stdout}");
    assert!(stdout.contains("\"host\":\"https://api.contoso.com/v1\""));
    assert!(stdout.lines().all(|l| l.chars().count() < 200), "{stdout}");
}

#[test]
fn pretty_output_escapes_control_characters_from_the_input() {
    let dir = tempfile::tempdir().unwrap();
    // A raw ESC and a right-to-left override in a path, and an ESC in the file name.
    let text = "{\"swagger\":\"2.0\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\
        \"host\":\"api.contoso.com\",\"basePath\":\"/\",\"schemes\":[\"https\"],\
        \"paths\":{\"/a\u{1b}]0;title\u{7}\u{202e}/\":{\"get\":{\"operationId\":\"x\",\
        \"responses\":{\"200\":{\"description\":\"ok\"}}}}}}";
    let path = dir.path().join("e\u{1b}[31mx.json");
    std::fs::write(&path, text).unwrap();
    let out = ccforge()
        .args(["lint", "--fail-on", "never"])
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("CCF201 path-trailing-slash"), "{stdout}");
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    assert!(!stdout.contains('\u{7}'), "{stdout:?}");
    assert!(!stdout.contains('\u{202e}'), "{stdout:?}");
    assert!(
        stdout.contains("/a\\u{1b}]0;title\\u{7}\\u{202e}/"),
        "{stdout}"
    );
    assert!(stdout.contains("e\\u{1b}[31mx.json"), "{stdout}");
}

#[test]
fn pretty_output_frames_three_findings_of_a_rule_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = serde_json::Map::new();
    for i in 0..5 {
        paths.insert(
            format!("/items{i}/"),
            serde_json::json!({"get": {"operationId": format!("Get{i}"),
                "responses": {"200": {"description": "ok"}}}}),
        );
    }
    let doc = serde_json::json!({
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "host": "api.contoso.com",
        "basePath": "/",
        "schemes": ["https"],
        "paths": paths
    });
    let path = dir.path().join("api.json");
    std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let frames = |out: &str| out.matches("CCF201 path-trailing-slash (").count();

    let out = ccforge().arg("lint").arg(&path).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert_eq!(frames(&stdout), 3, "{stdout}");
    assert!(
        stdout.contains("warning CCF201 path-trailing-slash: 2 more"),
        "{stdout}"
    );
    assert!(stdout.contains("--all"), "{stdout}");
    assert!(stdout.ends_with("0 errors, 5 warnings and 0 infos in 1 file.\n"));

    let out = ccforge()
        .args(["lint", "--all"])
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(frames(&stdout), 5, "{stdout}");
    assert!(!stdout.contains("more"), "{stdout}");
}

#[test]
fn yaml_parse_error_frame_shows_the_offending_line() {
    let f = fixture("parse/yaml-error-on-line-5.yaml");
    let out_dir = tempfile::tempdir().unwrap();
    let runs: [Vec<std::ffi::OsString>; 3] = [
        vec!["lint".into(), f.clone().into()],
        vec!["fix".into(), "--check".into(), f.clone().into()],
        vec![
            "convert".into(),
            f.clone().into(),
            "--out-dir".into(),
            out_dir.path().join("out").into(),
        ],
    ];
    for args in runs {
        let out = ccforge().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            text.contains("yaml-error-on-line-5.yaml:5:4"),
            "{args:?}: {text}"
        );
        assert!(
            text.contains(" 5 │    host: example.com"),
            "{args:?}: {text}"
        );
        assert!(!text.contains(" 1 │ swagger"), "{args:?}: {text}");
    }
}

#[test]
fn a_yaml_tab_error_points_at_the_tab() {
    let dir = tempfile::tempdir().unwrap();
    // A tab that indents a line after a plain scalar, and one before a sequence entry.
    let cases = [
        (
            "after-scalar.yaml",
            "swagger: \"2.0\"\ninfo:\n  title: T\n\tversion: \"1\"\n",
            ":4:1",
        ),
        (
            "before-entry.yaml",
            "swagger: \"2.0\"\ntags:\n  -\n\t- a\n",
            ":4:1",
        ),
    ];
    for (name, text, place) in cases {
        let f = write(dir.path(), name, text);
        let (v, code) = json_lint(&[f.to_str().unwrap()]);
        assert_eq!((codes(&v), code), (vec!["CCF002".to_string()], 2), "{v}");
        let d = &v["diagnostics"][0];
        assert!(d["message"].as_str().unwrap().contains("tab"), "{v}");
        let at = format!(":{}:{}", d["line"], d["column"]);
        assert_eq!(at, place, "{name}: {v}");
    }
}

#[test]
fn a_file_that_does_not_parse_is_counted_as_linted() {
    let f = fixture("parse/yaml-error-on-line-5.yaml");
    let out = ccforge().arg("lint").arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("1 error, 0 warnings and 0 infos in 1 file."),
        "{text}"
    );
    let out = ccforge()
        .args(["lint", "--format=json"])
        .arg(&f)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["files"], 1, "{v}");
}

#[test]
fn a_broken_later_yaml_document_is_counted_and_the_first_is_linted() {
    // The second document is cut short: reading used to loop for ever on it.
    let out = ccforge()
        .args(["lint", "--format=json"])
        .arg(fixture("parse/yaml-second-document-unclosed.yaml"))
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags = report["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{report}");
    assert_eq!(diags[0]["code"], "CCF003");
    assert_eq!(diags[0]["line"], 1);
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .contains("1 more YAML document(s)"),
        "{report}"
    );
}

#[test]
fn convert_writes_nothing_when_the_postman_host_is_an_unresolved_variable() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "collection.json",
        r#"{"info": {"name": "Things", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "Get thing", "request": {"method": "GET", "url": "{{baseURL}}/things"}}]}"#,
    );
    let stderr = convert_refused(&input);
    for wanted in ["{{baseURL}}", "--var baseURL=VALUE", "--env", "--host"] {
        assert!(stderr.contains(wanted), "no {wanted} in {stderr}");
    }
}

#[test]
fn the_flag_for_a_host_variable_whose_name_has_spaces_is_quoted_for_the_shell() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "collection.json",
        r#"{"info": {"name": "Things", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "Get thing", "request": {"method": "GET", "url": "{{v2 API domain}}/things"}}]}"#,
    );
    let stderr = convert_refused(&input);
    assert!(stderr.contains("--var 'v2 API domain=VALUE'"), "{stderr}");
}

#[test]
fn a_folder_with_nothing_to_lint_is_an_error() {
    let empty = tempfile::tempdir().unwrap();
    let others = fixture("folders/only-openapi3-and-postman");
    for dir in [empty.path(), others.as_path()] {
        let (v, code) = json_lint(&[dir.to_str().unwrap()]);
        assert_eq!(code, 2, "{v}");
        assert_eq!(codes(&v), ["CCF012"], "{v}");
        let d = &v["diagnostics"][0];
        let message = d["message"].as_str().unwrap();
        assert!(
            message.contains("no Swagger 2.0 definition found under"),
            "{message}"
        );
        let help = d["help"].as_str().unwrap();
        assert!(help.contains("apiDefinition.swagger.json"), "{help}");
        assert!(
            help.contains("convert OpenAPI 3 or Postman first"),
            "{help}"
        );
    }
    // A folder that has something to lint next to an empty one still reports the empty one.
    let (v, code) = json_lint(&[
        fixture("connectors/clean").to_str().unwrap(),
        empty.path().to_str().unwrap(),
    ]);
    assert_eq!((codes(&v), code), (vec!["CCF012".to_string()], 2), "{v}");
    // Named files keep their own errors.
    let (v, code) = json_lint(&[others.join("openapi.yaml").to_str().unwrap()]);
    assert_eq!((codes(&v), code), (vec!["CCF006".to_string()], 2), "{v}");
}

#[test]
fn a_folder_with_connection_settings_but_no_definition_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "apiProperties.json", r#"{"properties": {}}"#);
    let (v, code) = json_lint(&[dir.path().to_str().unwrap()]);
    assert_eq!((codes(&v), code), (vec!["CCF012".to_string()], 2), "{v}");
    let help = v["diagnostics"][0]["help"].as_str().unwrap();
    assert!(help.contains("with the apiProperties.json"), "{help}");
}

#[test]
fn converting_a_folder_says_a_file_is_wanted_and_points_to_lint() {
    let dir = tempfile::tempdir().unwrap();
    let connector = dir.path().join("connector");
    std::fs::create_dir(&connector).unwrap();
    let stderr = convert_refused(&connector);
    assert!(stderr.contains("this is a folder"), "{stderr}");
    assert!(stderr.contains("ccforge lint FOLDER"), "{stderr}");
    assert!(!stderr.contains("os error"), "{stderr}");
}

#[test]
fn junit_reports_an_info_as_a_passed_test_case() {
    let dir = fixture("connectors/aad-resource-url-info");
    let out = ccforge()
        .args(["lint", "--format=junit"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let xml = String::from_utf8(out.stdout).unwrap();
    assert_eq!(xml.matches("<testcase").count(), 1, "{xml}");
    assert!(!xml.contains("<failure"), "{xml}");
    assert!(xml.contains("failures=\"0\""), "{xml}");
    assert!(
        xml.contains("<system-out>info: ") && xml.contains("Application ID URI"),
        "{xml}"
    );
    // Made to fail the run, the info fails the report too.
    let out = ccforge()
        .args(["lint", "--format=junit", "--fail-on=info"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let xml = String::from_utf8(out.stdout).unwrap();
    assert_eq!(xml.matches("<failure type=\"info\"").count(), 1, "{xml}");
}

#[test]
fn messages_use_the_right_article_and_help_takes_help() {
    let oas3 = fixture("folders/only-openapi3-and-postman/openapi.yaml");
    let (v, _) = json_lint(&[oas3.to_str().unwrap()]);
    let message = v["diagnostics"][0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("this is an OpenAPI 3.0 definition;"),
        "{message}"
    );
    ccforge()
        .arg("fix")
        .arg(&oas3)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "this is an OpenAPI 3.0 definition;",
        ));
    // `help` is a subcommand like the others: it takes --help, and prints a subcommand's help.
    ccforge()
        .args(["help", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Usage: ccforge help"));
    ccforge()
        .args(["help", "lint"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Usage: ccforge lint"));
    ccforge().args(["help", "nope"]).assert().code(2);
}

#[test]
fn an_empty_file_suggests_only_what_lint_reads() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "apiDefinition.swagger.json", "");
    let (v, code) = json_lint(&[empty.to_str().unwrap()]);
    assert_eq!((codes(&v), code), (vec!["CCF001".to_string()], 2), "{v}");
    let help = v["diagnostics"][0]["help"].as_str().unwrap();
    assert!(
        help.contains("lint and fix read Swagger 2.0 definitions and connector files"),
        "{help}"
    );
    assert!(help.contains("convert also reads OpenAPI 3"), "{help}");
}

fn sarif_schema_errors(sarif: &Value) -> Option<Vec<String>> {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas-ext/sarif-schema-2.1.0.json");
    let Ok(schema_text) = std::fs::read_to_string(&schema_path) else {
        eprintln!(
            "skipping schema validation: {} is absent",
            schema_path.display()
        );
        return None;
    };
    let schema: Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    Some(
        validator
            .iter_errors(sarif)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect(),
    )
}

#[test]
fn sarif_writes_absolute_paths_as_file_uris_and_relative_ones_against_srcroot() {
    let absolute = std::path::absolute(fixture("rules/host-invalid.json")).unwrap();
    let out = ccforge()
        .args(["lint", "--format=sarif"])
        .arg(&absolute)
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let location =
        &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    let uri = location["uri"].as_str().unwrap();
    assert!(uri.starts_with("file:///"), "{location}");
    assert!(
        uri.ends_with("/fixtures/lint/rules/host-invalid.json"),
        "{location}"
    );
    assert!(location.get("uriBaseId").is_none(), "{location}");
    assert!(sarif["runs"][0].get("originalUriBaseIds").is_none());
    if let Some(errors) = sarif_schema_errors(&sarif) {
        assert!(errors.is_empty(), "{errors:#?}");
    }

    let out = ccforge()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "lint",
            "--format=sarif",
            "fixtures/lint/rules/host-invalid.json",
        ])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let location =
        &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], "fixtures/lint/rules/host-invalid.json");
    assert_eq!(location["uriBaseId"], "%SRCROOT%");
    let root = sarif["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        root.starts_with("file:///") && root.ends_with('/'),
        "{root}"
    );
    if let Some(errors) = sarif_schema_errors(&sarif) {
        assert!(errors.is_empty(), "{errors:#?}");
    }
}

#[test]
fn an_oauth_refresh_url_of_the_input_reaches_the_connection_settings() {
    let dir = tempfile::tempdir().unwrap();
    let props = |input: &Path, folder: &str| -> Value {
        let out = dir.path().join(folder);
        ccforge()
            .arg("convert")
            .arg(input)
            .arg("--out-dir")
            .arg(&out)
            .args(["--client-id", "abc"])
            .assert()
            .code(predicate::in_iter([0, 1]));
        serde_json::from_str(&std::fs::read_to_string(out.join("apiProperties.json")).unwrap())
            .unwrap()
    };
    let custom = |p: &Value, key: &str| {
        p["properties"]["connectionParameters"]["token"]["oAuthSettings"]["customParameters"][key]
            ["value"]
            .clone()
    };
    // OpenAPI 3: a flow's `refreshUrl` (its credential taken out, as in the other URLs).
    let openapi = write(
        dir.path(),
        "api.yaml",
        &format!(
            "{OPENAPI_HEAD}paths:\n  /a:\n    get:\n      operationId: A\n      responses: {{'200': {{description: OK}}}}\n\
             components:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        authorizationCode:\n\
             \x20         authorizationUrl: https://id.contoso.com/authorize\n          tokenUrl: https://id.contoso.com/token\n\
             \x20         refreshUrl: https://id.contoso.com/refresh?client_secret=S3CR3T&v=2\n          scopes: {{read: Read}}\n\
             security: [{{oauth: [read]}}]\n"
        ),
    );
    let p = props(&openapi, "FromOpenApi");
    assert_eq!(custom(&p, "tokenUrl"), "https://id.contoso.com/token");
    assert_eq!(
        custom(&p, "refreshUrl"),
        "https://id.contoso.com/refresh?v=2"
    );
    // Postman: the oauth2 auth's `refreshTokenUrl`; none written into the definition.
    let collection = write(
        dir.path(),
        "c.json",
        r#"{"info": {"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "auth": {"type": "oauth2", "oauth2": [
                {"key": "authUrl", "value": "https://id.contoso.com/authorize"},
                {"key": "accessTokenUrl", "value": "https://id.contoso.com/token"},
                {"key": "refreshTokenUrl", "value": "https://id.contoso.com/refresh"}]},
            "item": [{"name": "Get a", "request": {"method": "GET", "url": "https://api.contoso.com/a"}}]}"#,
    );
    let p = props(&collection, "FromPostman");
    assert_eq!(custom(&p, "refreshUrl"), "https://id.contoso.com/refresh");
    let definition =
        std::fs::read_to_string(dir.path().join("FromPostman/apiDefinition.swagger.json")).unwrap();
    assert!(!definition.contains("refresh"), "{definition}");
    // One that is not a string is said to be ignored.
    let odd = write(
        dir.path(),
        "odd.yaml",
        &std::fs::read_to_string(&openapi).unwrap().replace(
            "refreshUrl: https://id.contoso.com/refresh?client_secret=S3CR3T&v=2",
            "refreshUrl: 5",
        ),
    );
    let report = convert_report(&odd, &[]);
    assert!(
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["message"]
                .as_str()
                .unwrap()
                .contains("`refreshUrl` of OAuth 2.0 scheme `oauth` is not a string")),
        "{report}"
    );
    // Without one, the token URL refreshes, as before; `--token-url` is the one that counts.
    let without = write(
        dir.path(),
        "plain.yaml",
        &std::fs::read_to_string(&openapi)
            .unwrap()
            .replace("refreshUrl", "x-other"),
    );
    let p = props(&without, "Plain");
    assert_eq!(custom(&p, "refreshUrl"), "https://id.contoso.com/token");
    let out = dir.path().join("Given");
    ccforge()
        .arg("convert")
        .arg(&without)
        .arg("--out-dir")
        .arg(&out)
        .args([
            "--client-id",
            "abc",
            "--token-url",
            "https://id2.contoso.com/token",
        ])
        .assert()
        .code(predicate::in_iter([0, 1]));
    let p: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("apiProperties.json")).unwrap())
            .unwrap();
    assert_eq!(custom(&p, "refreshUrl"), "https://id2.contoso.com/token");
}

/// A refresh URL that cannot be called (an unresolved Postman variable, a relative path, a line
/// break) is not written to the connection settings: the token URL refreshes, with a warning; an
/// authorization or token URL like it is an error that names the flag to pass.
#[test]
fn an_oauth_url_that_cannot_be_called_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let folder_report = |input: &Path, out: &Path| -> Value {
        let run = ccforge()
            .arg("convert")
            .arg(input)
            .arg("--out-dir")
            .arg(out)
            .args(["--force", "--client-id", "abc", "--format", "json"])
            .output()
            .unwrap();
        serde_json::from_slice(&run.stderr).unwrap()
    };
    // A collection whose OAuth 2.0 auth has these token and refresh URLs.
    let oauth = |token: &str, refresh: &str| {
        let collection = serde_json::json!({
            "info": {"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "auth": {"type": "oauth2", "oauth2": [
                {"key": "authUrl", "value": "https://id.contoso.com/authorize"},
                {"key": "accessTokenUrl", "value": token},
                {"key": "refreshTokenUrl", "value": refresh}]},
            "item": [{"name": "Get a", "request": {"method": "GET", "url": "https://api.contoso.com/a"}}]
        });
        write(dir.path(), "c.json", &collection.to_string())
    };
    for (refresh, why) in [
        (
            "{{auth_host}}/refresh",
            "holds an unresolved `{{variable}}`",
        ),
        ("/oauth/refresh", "is not an absolute http(s) URL"),
        (
            "https://id.contoso.com/re\nfresh",
            "holds a space or a line break",
        ),
    ] {
        let collection = oauth("https://id.contoso.com/token", refresh);
        let out = dir.path().join("c");
        let report = folder_report(&collection, &out);
        let props: Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("apiProperties.json")).unwrap())
                .unwrap();
        assert_eq!(
            props["properties"]["connectionParameters"]["token"]["oAuthSettings"]["customParameters"]
                ["refreshUrl"]["value"],
            "https://id.contoso.com/token",
            "{refresh}"
        );
        let said =
            format!("the OAuth 2.0 refresh URL {why}; the token URL is used to refresh tokens");
        let found = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["message"] == said.as_str());
        assert_eq!(
            found.map(|d| &d["severity"]),
            Some(&Value::from("warning")),
            "{report}"
        );
    }
    // A token URL with a variable that has no value: one error, at the collection's auth.
    let collection = oauth("{{auth_host}}/token", "");
    let out = dir.path().join("t");
    let report = folder_report(&collection, &out);
    let errors: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{report}");
    assert_eq!(
        errors[0]["message"],
        "the OAuth 2.0 auth cannot sign users in: its token URL `{{auth_host}}/token` uses \
         `{{auth_host}}`, which has no value"
    );
    assert_eq!(
        errors[0]["help"],
        "pass --token-url, or give `auth_host` a value with --var NAME=URL or --env"
    );
    // The URL the connection settings check.
    let collection = oauth("/oauth/token", "");
    let report = folder_report(&collection, &out);
    let token = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["message"]
                == "the OAuth 2.0 `tokenUrl` is not an absolute http(s) URL: sign-in cannot call it"
        })
        .unwrap_or_else(|| panic!("{report}"));
    assert_eq!(token["severity"], "error");
    assert_eq!(
        token["help"],
        "pass --token-url with the absolute https:// URL"
    );
}

#[test]
fn convert_reports_each_missing_azure_ad_setting_once() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: Things, version: '1.0'}\nservers: [{url: 'https://api.example.com'}]\npaths:\n  /things:\n    get:\n      operationId: ListThings\n      responses: {'200': {description: OK}}\n",
    );
    let out = ccforge()
        .arg("convert")
        .arg(&input)
        .args(["--out-dir", dir.path().join("Things").to_str().unwrap()])
        .args(["--auth", "aad", "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stderr).unwrap();
    let about_properties: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"].as_str().unwrap().ends_with("apiProperties.json"))
        .filter(|d| d["severity"] != "info")
        .map(|d| {
            (
                d["pointer"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        about_properties,
        [
            (
                "/properties/connectionParameters/token/oAuthSettings/clientId".to_string(),
                "the OAuth client id is missing".to_string()
            ),
            (
                "/properties/connectionParameters/token/oAuthSettings/customParameters/resourceUri"
                    .to_string(),
                "the Azure AD resource URL is missing".to_string()
            ),
        ]
    );
}

/// The texts of apiProperties.json shown to the person creating a connection.
fn connection_ui_texts(props: &Value) -> Vec<String> {
    let mut texts = Vec::new();
    for p in props["properties"]["connectionParameters"]
        .as_object()
        .unwrap()
        .values()
    {
        for key in ["displayName", "description", "tooltip"] {
            if let Some(t) = p["uiDefinition"][key].as_str() {
                texts.push(t.to_string());
            }
        }
    }
    texts
}

#[test]
fn a_bearer_connection_asks_for_bearer_and_the_token_in_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let postman = write(
        dir.path(),
        "collection.json",
        r#"{"info": {"name": "B", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]},
            "item": [{"name": "Get thing", "request": {"method": "GET", "url": "https://api.example.com/things"}}]}"#,
    );
    let openapi = write(
        dir.path(),
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: Things, version: '1.0'}\nservers: [{url: 'https://api.example.com'}]\n\
         components:\n  securitySchemes:\n    jwt: {type: http, scheme: bearer}\n\
         security: [{jwt: []}]\npaths:\n  /things:\n    get:\n      operationId: ListThings\n      responses: {'200': {description: OK}}\n",
    );
    let keyed = write(
        dir.path(),
        "keyed.yaml",
        "openapi: 3.0.3\ninfo: {title: Things, version: '1.0'}\nservers: [{url: 'https://api.example.com'}]\n\
         components:\n  securitySchemes:\n    key: {type: apiKey, in: query, name: code}\n\
         security: [{key: []}]\npaths:\n  /things:\n    get:\n      operationId: ListThings\n      responses: {'200': {description: OK}}\n",
    );
    for (input, bearer) in [(&postman, true), (&openapi, true), (&keyed, false)] {
        let out_dir = dir.path().join(format!(
            "out-{}",
            input.file_stem().unwrap().to_string_lossy()
        ));
        ccforge()
            .arg("convert")
            .arg(input)
            .arg("--out-dir")
            .arg(&out_dir)
            .assert()
            .code(predicate::in_iter([0, 1]));
        let props: Value = serde_json::from_str(
            &std::fs::read_to_string(out_dir.join("apiProperties.json")).unwrap(),
        )
        .unwrap();
        let texts = connection_ui_texts(&props);
        assert!(!texts.is_empty(), "{props}");
        for t in &texts {
            assert!(!t.contains('`'), "{}: {t}", input.display());
        }
        let asks_bearer = texts.iter().any(|t| t.contains("Bearer <token>"));
        assert_eq!(asks_bearer, bearer, "{}: {texts:?}", input.display());
    }
}

#[test]
fn a_server_the_definition_lacks_is_an_input_error_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let api = write(
        dir.path(),
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: Things, version: '1.0'}\n\
         servers: [{url: 'https://api.example.com'}, {url: 'https://staging.example.com'}]\n\
         paths:\n  /things:\n    get:\n      operationId: ListThings\n      responses: {'200': {description: OK}}\n",
    );
    let connector = dir.path().join("Things");
    ccforge()
        .arg("convert")
        .arg(&api)
        .arg("--out-dir")
        .arg(&connector)
        .assert()
        .code(0);
    let out = dir.path().join("out.json");
    let convert = ccforge()
        .arg("convert")
        .arg(&api)
        .args(["--server", "5", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(convert.status.code(), Some(2));
    assert!(!out.exists(), "a definition was written");
    assert!(
        String::from_utf8_lossy(&convert.stderr)
            .contains("--server 5 does not exist: the definition has 2 servers (counted from 0)")
    );
    for args in [
        vec!["diff", "--server", "5"],
        vec!["diff", "--text", "--server", "5"],
        vec!["drift", "--server", "5"],
    ] {
        let second = if args[0] == "diff" { &api } else { &connector };
        let run = ccforge()
            .args(&args)
            .arg(&api)
            .arg(second)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(run.stdout.is_empty(), "{args:?} printed a result");
        assert!(
            stderr.contains("--server 5 does not exist"),
            "{args:?}: {stderr}"
        );
    }
    // A server that exists still converts.
    ccforge()
        .args(["diff", "--server", "1"])
        .arg(&api)
        .arg(&api)
        .assert()
        .code(0);
}

#[test]
fn sarif_describes_the_rules_its_results_use() {
    let out = ccforge()
        .args(["lint", "--format", "sarif"])
        .arg(fixture("rules/host-invalid.json"))
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &sarif["runs"][0];
    let mut used: Vec<&str> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    used.sort();
    used.dedup();
    let described: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(!used.is_empty());
    assert_eq!(described, used);
}

#[test]
fn diff_resolves_collection_variables_as_convert_does() {
    let dir = tempfile::tempdir().unwrap();
    let collection = |path: &str| {
        format!(
            r#"{{"info": {{"name": "Things", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}},
  "item": [{{"name": "List things", "request": {{"method": "GET", "url": "{{{{baseUrl}}}}/{path}"}}}}]}}"#
        )
    };
    let old = write(
        dir.path(),
        "old.postman_collection.json",
        &collection("things"),
    );
    let new = write(
        dir.path(),
        "new.postman_collection.json",
        &collection("items"),
    );
    // The host variable has no value: the error names the flags that give it one.
    let out = ccforge().arg("diff").arg(&old).arg(&new).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--var baseUrl=VALUE"), "{stderr}");
    // Each flag it names works.
    let env = write(
        dir.path(),
        "prod.postman_environment.json",
        r#"{"name": "prod", "values": [{"key": "baseUrl", "value": "https://api.example.com", "enabled": true}]}"#,
    );
    for flags in [
        vec!["--var", "baseUrl=https://api.example.com"],
        vec!["--env", env.to_str().unwrap()],
    ] {
        let out = ccforge()
            .arg("diff")
            .args(&flags)
            .arg(&old)
            .arg(&new)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{flags:?}: {stdout}");
        assert!(stdout.contains("/things"), "{flags:?}: {stdout}");
    }
}

/// The start of a small OpenAPI 3 definition with one server, for the conversion tests.
const OPENAPI_HEAD: &str =
    "openapi: 3.0.3\ninfo: {title: T, version: '1'}\nservers: [{url: 'https://api.contoso.com'}]\n";

/// Converts `input` into `out.json` beside it, expecting an exit code of `codes`, and returns the
/// written definition.
fn converted(input: &Path, codes: &[i32]) -> Value {
    let out = input.with_file_name("out.json");
    ccforge()
        .arg("convert")
        .arg(input)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(predicate::in_iter(codes.to_vec()));
    serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap()
}

/// The keys of a definition's `paths`, in order.
fn path_keys(doc: &Value) -> Vec<&String> {
    doc["paths"].as_object().unwrap().keys().collect()
}

/// What converting `input` into `out.json` beside it says on standard error, when it is refused
/// (exit 2) and writes nothing.
fn convert_refused(input: &Path) -> String {
    common::convert_writing_nothing(input, 2).1
}

/// The definition [`convert_report`] wrote beside its input.
fn convert_output(input: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(input.with_file_name("out.json")).unwrap())
        .unwrap()
}

/// The `--format json` report of converting `input` into `out.json` beside it, with `extra`.
fn convert_report(input: &Path, extra: &[&str]) -> Value {
    common::convert_json(input, extra).1
}

#[test]
fn descriptions_kept_in_markdown_files_are_read_and_dropped_parts_say_what_replaces_them() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "docs/intro.md", "# Contoso\n\nThe API.\n");
    write(
        dir.path(),
        "docs/account.md",
        "Accounts and their settings.\n",
    );
    write(dir.path(), "docs/notes.yaml", "- one\n- : two\n  ]\n");
    let input = write(
        dir.path(),
        "api.yaml",
        "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\n  description: {$ref: ./docs/intro.md}\n\
         servers: [{url: 'https://api.contoso.com'}]\n\
         tags:\n  - name: Account\n    description: {$ref: ./docs/account.md}\n\
         paths:\n  /a:\n    trace:\n      responses: {'200': {description: OK}}\n\
         \x20   get:\n      operationId: A\n      tags: [Account]\n      responses:\n\
         \x20       '200':\n          description: OK\n          links: {next: {operationId: A}}\n\
         \x20         content: {application/json: {schema: {$ref: ./docs/notes.yaml}}}\n",
    );
    let report = convert_report(&input, &[]);
    let doc = convert_output(&input);
    assert_eq!(doc["info"]["description"], "# Contoso\n\nThe API.\n");
    assert_eq!(
        doc["tags"][0]["description"],
        "Accounts and their settings.\n"
    );
    let helps: Vec<(&str, &str)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "openapi-dropped" || d["rule"] == "openapi-ref")
        .map(|d| (d["pointer"].as_str().unwrap(), d["help"].as_str().unwrap()))
        .collect();
    assert_eq!(
        helps,
        [
            (
                "/paths/~1a/trace",
                "a connector cannot call TRACE; nothing to do unless flows need it"
            ),
            (
                "/paths/~1a/get/responses/200/links",
                "a flow passes one action's output to the next itself; to let the designer offer values from another operation, add `x-ms-dynamic-values` by hand"
            ),
            (
                "/paths/~1a/get/responses/200/content/application~1json/schema",
                "a `$ref` here leads to a JSON or YAML document: correct the file, or write what it holds in place"
            ),
        ],
        "{report}"
    );
}

#[test]
fn a_whole_map_kept_in_a_missing_file_is_an_error_at_its_ref() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        &format!("{OPENAPI_HEAD}paths:\n  $ref: ./parts/paths.yaml\n"),
    );
    let (code, report) = common::convert_json(&input, &[]);
    assert_eq!(code, 1, "{report}");
    let refs = common::findings_of(&report, "openapi-ref");
    assert_eq!(refs.len(), 1, "{report}");
    assert_eq!(refs[0]["pointer"], "/paths/$ref");
    assert_eq!(refs[0]["line"], 5);
    assert!(
        refs[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("`paths` is a `$ref` to `./parts/paths.yaml`, which is not read: "),
        "{report}"
    );
}

#[test]
fn percent_escaped_refs_find_what_they_name() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "shared parts.yaml",
        "Other Thing: {type: object, properties: {b: {type: integer}}}\n",
    );
    let input = write(
        dir.path(),
        "api.yaml",
        &format!(
            "{OPENAPI_HEAD}paths:\n  /a:\n    get:\n      operationId: A\n\
             \x20     parameters: [{{$ref: '#/components/parameters/The%20Id'}}]\n\
             \x20     responses:\n        '200':\n          description: OK\n\
             \x20         content: {{application/json: {{schema: {{$ref: '#/components/schemas/My%20Thing'}}}}}}\n\
             \x20       '201':\n          description: Other\n\
             \x20         content: {{application/json: {{schema: {{$ref: 'shared%20parts.yaml#/Other%20Thing'}}}}}}\n\
             \x20       '202':\n          description: Percent\n\
             \x20         content: {{application/json: {{schema: {{$ref: '#/components/schemas/100%25'}}}}}}\n\
             components:\n  parameters:\n    The Id: {{name: id, in: query, schema: {{type: string}}}}\n\
             \x20 schemas:\n    My Thing: {{type: object, properties: {{a: {{type: string}}}}}}\n\
             \x20   100%: {{type: object, properties: {{c: {{type: string}}}}}}\n\
             \x20   My%20Thing: {{type: object, properties: {{wrong: {{type: string}}}}}}\n"
        ),
    );
    let report = convert_report(&input, &[]);
    let refs = common::findings_of(&report, "openapi-ref");
    assert!(refs.is_empty(), "{refs:?}");
    let swagger: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.json")).unwrap())
            .unwrap();
    let op = &swagger["paths"]["/a"]["get"];
    let parameter = op["parameters"][0]["$ref"].as_str().unwrap();
    assert_eq!(
        swagger.pointer(&parameter[1..]).unwrap()["name"],
        "id",
        "{op}"
    );
    let schema_of = |code: &str| {
        let r = op["responses"][code]["schema"]["$ref"]
            .as_str()
            .unwrap()
            .to_string();
        swagger.pointer(&r[1..]).cloned().unwrap_or(Value::Null)
    };
    assert_eq!(schema_of("200")["properties"]["a"]["type"], "string");
    assert_eq!(schema_of("201")["properties"]["b"]["type"], "integer");
    assert_eq!(schema_of("202")["properties"]["c"]["type"], "string");
}

#[test]
fn an_empty_or_odd_x_body_name_names_the_body_body_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        &format!(
            "{OPENAPI_HEAD}paths:\n  /a:\n    post:\n      operationId: A\n      x-bodyName: ''\n\
             \x20     requestBody: {{content: {{application/json: {{schema: {{type: object}}}}}}}}\n\
             \x20     responses: {{'200': {{description: OK}}}}\n  /b:\n    post:\n      operationId: B\n\
             \x20     requestBody: {{$ref: '#/components/requestBodies/Shared'}}\n\
             \x20     responses: {{'200': {{description: OK}}}}\n\
             \x20 /c:\n    post:\n      operationId: C\n      x-bodyName: \"a\\nb\"\n\
             \x20     requestBody: {{content: {{application/json: {{schema: {{type: object}}}}}}}}\n\
             \x20     responses: {{'200': {{description: OK}}}}\n\
             components:\n  requestBodies:\n    Shared:\n      x-bodyName: 5\n\
             \x20     content: {{application/json: {{schema: {{type: object}}}}}}\n"
        ),
    );
    let report = convert_report(&input, &[]);
    let found: Vec<(&str, &str, i64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["message"].as_str().unwrap().contains("x-bodyName"))
        .map(|d| {
            (
                d["message"].as_str().unwrap(),
                d["pointer"].as_str().unwrap(),
                d["line"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "`x-bodyName` is empty; the body parameter is named `body`",
                "/paths/~1a/post/x-bodyName",
                8
            ),
            (
                "`x-bodyName` holds a control character (a line break, a tab, NUL); the body \
                 parameter is named `body`",
                "/paths/~1c/post/x-bodyName",
                19
            ),
            (
                "`x-bodyName` is not a string; the body parameter is named `body`",
                "/components/requestBodies/Shared/x-bodyName",
                25
            )
        ]
    );
    let swagger: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.json")).unwrap())
            .unwrap();
    for path in ["/a", "/b"] {
        assert_eq!(
            swagger["paths"][path]["post"]["parameters"][0]["name"],
            "body"
        );
    }
}

#[test]
fn a_v20_path_variable_named_by_its_id_keeps_its_description_and_example() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "collection.json",
        r#"{"info": {"name": "V20", "schema": "https://schema.getpostman.com/json/collection/v2.0.0/collection.json"},
            "item": [{"name": "Get", "request": {"method": "GET", "url": {"raw": "https://api.contoso.com/acct/:acct",
                "host": ["api", "contoso", "com"], "path": ["acct", ":acct"],
                "variable": [{"id": "acct", "value": "42", "description": "The account number"}]}}}]}"#,
    );
    let swagger = converted(&input, &[0, 1]);
    let p = &swagger["paths"]["/acct/{acct}"]["get"]["parameters"][0];
    assert_eq!(p["description"], "The account number", "{p}");
    assert_eq!(p["x-example"], "42", "{p}");
}

/// An environment is no input of its own: lint and convert say how to use it.
#[test]
fn an_environment_is_pointed_to_env() {
    let dir = tempfile::tempdir().unwrap();
    let env = write(
        dir.path(),
        "dev.postman_environment.json",
        r#"{"name": "dev", "values": [{"key": "baseUrl", "value": "https://api.example.com", "enabled": true}]}"#,
    );
    for cmd in ["lint", "convert"] {
        let out = ccforge()
            .args([cmd, "--format", "json"])
            .arg(&env)
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(if cmd == "lint" {
            &out.stdout
        } else {
            &out.stderr
        })
        .unwrap_or_else(|e| panic!("{cmd}: {e}: {out:?}"));
        let help = report["diagnostics"][0]["help"].as_str().unwrap();
        assert!(
            help.contains("ccforge convert COLLECTION.json --env "),
            "{cmd}: {help}"
        );
    }
}

#[test]
fn inputs_without_operations_say_the_connector_has_none_or_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let collection = write(
        dir.path(),
        "collection.json",
        r#"{"info": {"name": "Empty", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": [{"name": "Folder", "item": []}]}"#,
    );
    let openapi = write(
        dir.path(),
        "openapi.yaml",
        "openapi: 3.1.0\ninfo: {title: Hooks, version: '1.0'}\nservers: [{url: 'https://api.example.com'}]\npaths: {}\n",
    );
    // A collection without a single request has nothing to convert: refused, not written.
    let out = dir.path().join("empty.swagger.json");
    ccforge()
        .arg("convert")
        .arg(&collection)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the collection has no requests, so there is nothing to convert",
        ))
        .stderr(predicate::str::contains("host").not());
    assert!(!out.exists());
    // Compared, the empty collection is a first version without operations: what the next
    // version adds is told.
    let next = write(
        dir.path(),
        "next.json",
        r#"{"info": {"name": "Empty", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "auth": {"type": "apikey", "apikey": [{"key": "key", "value": "X-Api-Key"}, {"key": "in", "value": "header"}]}, "item": [{"name": "List hooks", "request": {"method": "GET", "url": "https://api.example.com/hooks"}}]}"#,
    );
    ccforge()
        .arg("diff")
        .arg(&collection)
        .arg(&next)
        .assert()
        .stdout(predicate::str::contains(
            "operation-added operation GET /hooks (`ListHooks`) was added",
        ))
        .stdout(predicate::str::contains("nothing to convert").not())
        // No flow can call the empty version: its host (none) and sign-in are no promise.
        .stdout(predicate::str::contains("security-scheme-added"))
        .stdout(predicate::str::contains("0 breaking changes"))
        .code(0);
    // An OpenAPI definition without paths converts, and says so.
    let report = convert_report(&openapi, &["--host", "api.example.com", "--force"]);
    let said = common::picked(&report["diagnostics"], "code", "CCF234", "message");
    assert_eq!(
        said,
        ["the definition has no operations: the connector would have no actions or triggers"]
    );
    assert_eq!(
        report["diagnostics"].as_array().unwrap().len(),
        1,
        "{report}"
    );
}

/// Postman's untyped URL (`about:blank`) is not a request to `/`, and a `Content-Type` or
/// A folder that also has a `request` of its own: Postman never sends it, and the conversion
/// says so at the request instead of dropping it without a word.
#[test]
fn a_request_beside_a_folders_items_is_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "collection.json",
        r#"{"info": {"name": "F", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "Users", "request": {"method": "GET", "url": "https://api.example.com/users"},
              "item": [{"name": "Get user", "request": {"method": "GET", "url": "https://api.example.com/users/:id"}}]}]}"#,
    );
    let report = convert_report(&input, &[]);
    let diags = &report["diagnostics"];
    assert_eq!(
        common::picked(diags, "code", "CCF708", "message"),
        [
            "item skipped: folder `Users` also has a `request`, which Postman never sends; move it into the folder's `item` list to convert it"
        ]
    );
    assert_eq!(
        common::picked(diags, "code", "CCF708", "pointer"),
        ["/item/0/request"]
    );
}

/// Variables with no value in a body are listed with those of the URL and headers: the
/// example would otherwise keep `{{userName}}` with nothing said.
#[test]
fn body_variables_without_a_value_are_told() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "collection.json",
        r#"{"info": {"name": "B", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [
              {"name": "Create", "request": {"method": "POST", "url": "https://api.example.com/users?x={{qv}}",
                "body": {"mode": "raw", "raw": "{\"name\": \"{{userName}}\", \"age\": {{age}}, \"id\": \"{{$guid}}\"}",
                         "options": {"raw": {"language": "json"}}}}},
              {"name": "Sign in", "request": {"method": "POST", "url": "https://api.example.com/session",
                "body": {"mode": "urlencoded", "urlencoded": [{"key": "user", "value": "{{user}}"},
                  {"key": "old", "value": "{{old}}", "disabled": true}]}}}
            ]}"#,
    );
    let report = convert_report(&input, &[]);
    assert_eq!(
        common::picked(&report["diagnostics"], "code", "CCF701", "message"),
        [
            "request `Create` uses {{qv}}, {{userName}}, {{age}} with no value",
            "request `Sign in` uses {{user}} with no value"
        ]
    );
}

/// A repeated query key (`?tag=a&tag=b`) becomes one parameter, and the repeat is told once:
/// the platform rejects the repeated form (`collectionFormat: multi`).
#[test]
fn a_repeated_query_key_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "collection.json",
        r#"{"info": {"name": "Q", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "Search", "request": {"method": "GET", "url": {"raw": "https://api.example.com/items?tag=a&tag=b&tag=c&q=x",
              "host": ["api", "example", "com"], "path": ["items"],
              "query": [{"key": "tag", "value": "a"}, {"key": "tag", "value": "b"}, {"key": "tag", "value": "c"}, {"key": "q", "value": "x"}]}}}]}"#,
    );
    let report = convert_report(&input, &[]);
    let diags = &report["diagnostics"];
    assert_eq!(
        common::picked(diags, "code", "CCF703", "severity"),
        ["warning"]
    );
    assert_eq!(
        common::picked(diags, "code", "CCF703", "pointer"),
        ["/item/0/request/url/query/1"]
    );
    let out = convert_output(&input);
    assert_eq!(
        common::names(&out["paths"]["/items"]["get"]["parameters"]),
        ["tag", "q"]
    );
}

/// A form-data file field that names several files becomes one `file` parameter, told at the
/// field; findings about form fields are placed at the field, and a file field's own name is not
/// masked in code frames as if it were a secret's.
#[test]
fn form_fields_are_told_at_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "collection.json",
        r#"{"info": {"name": "U", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [
              {"name": "Upload", "request": {"method": "POST", "url": "https://api.example.com/upload",
                "body": {"mode": "formdata", "formdata": [{"key": "files", "type": "file", "src": ["a.png", "b.png"]},
                  {"key": "one", "type": "file", "src": ["c.png"]}]}}},
              {"name": "Sign in", "request": {"method": "POST", "url": "https://api.example.com/session",
                "body": {"mode": "urlencoded", "urlencoded": [{"key": "user", "value": "ann"},
                  {"key": "assertion", "value": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"}]}}}
            ]}"#,
    );
    let report = convert_report(&input, &[]);
    let diags = &report["diagnostics"];
    assert_eq!(
        common::picked(diags, "code", "CCF703", "message"),
        [
            "form field `files` of `Upload` sends several files; the connector sends one (Swagger 2.0 has no field of several files)"
        ]
    );
    assert_eq!(
        common::picked(diags, "code", "CCF703", "pointer"),
        ["/item/0/request/body/formdata/0"]
    );
    assert_eq!(
        common::picked(diags, "code", "CCF707", "pointer"),
        ["/item/1/request/body/urlencoded/1"]
    );
    let out = convert_output(&input);
    let params = &out["paths"]["/upload"]["post"]["parameters"];
    assert_eq!(params[0]["type"], "file");
    assert_eq!(params.as_array().unwrap().len(), 2);
    let pretty = ccforge()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("pretty.json"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&pretty.stderr);
    assert!(
        stderr.contains(r#"{"key": "files", "type": "file""#),
        "{stderr}"
    );
}

/// `Accept` that is not a media type is not written into `consumes` or `produces` (where the
/// platform rejects it): both are told, at the item and at the header.
#[test]
fn untyped_urls_and_header_values_that_are_not_media_types_stay_out() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "collection.json",
        r#"{"info": {"name": "Users", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [
              {"name": "New tab", "request": {"method": "GET", "url": "about:blank"}},
              {"name": "Create", "request": {"method": "POST", "url": "https://api.example.com/users",
                "header": [{"key": "Content-Type", "value": "*"}, {"key": "Accept", "value": "{{accept}}"}],
                "body": {"mode": "raw", "raw": "{\"name\": \"Ann\"}"}}},
              {"name": "List", "request": {"method": "GET", "url": "https://api.example.com/users",
                "header": [{"key": "Accept", "value": "*, application/json"}]}}
            ]}"#,
    );
    let report = convert_report(&input, &[]);
    let diags = &report["diagnostics"];
    assert_eq!(
        common::picked(diags, "code", "CCF708", "message"),
        ["request `New tab` has no URL (`about:blank`); skipped"]
    );
    assert_eq!(
        common::picked(diags, "code", "CCF709", "message"),
        [
            "header `Content-Type` of `Create` is `*`, which is not a media type; it is left out of `consumes`"
        ]
    );
    assert_eq!(
        common::picked(diags, "code", "CCF709", "pointer"),
        ["/item/1/request/header/0"]
    );
    // The variable with no value is told once, as such.
    assert_eq!(
        common::picked(diags, "code", "CCF701", "message"),
        ["request `Create` uses {{accept}} with no value"]
    );
    assert!(
        common::picked(diags, "code", "CCF221", "message").is_empty(),
        "{diags}"
    );
    let out = convert_output(&input);
    let paths: Vec<&String> = out["paths"].as_object().unwrap().keys().collect();
    assert_eq!(paths, ["/users"]);
    assert_eq!(
        out["paths"]["/users"]["post"]["consumes"],
        json!(["application/json"])
    );
    assert_eq!(out["paths"]["/users"]["post"].get("produces"), None);
    assert_eq!(
        out["paths"]["/users"]["get"]["produces"],
        json!(["application/json"])
    );
}

/// An OAuth 2.0 auth whose URLs are missing, or variables without a value, is one error at
/// the collection's auth naming the options (and variables) that fill them in; the empty URLs
/// written in their place are not reported again by the written files' checks.
#[test]
fn oauth_without_its_urls_is_one_error_naming_what_fills_them_in() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "collection.json",
        r#"{"info": {"name": "Mail", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "auth": {"type": "oauth2", "oauth2": [{"key": "grant_type", "value": "authorization_code"},
              {"key": "authUrl", "value": "{{authUrl}}"}, {"key": "accessTokenUrl", "value": "{{tokenUrl}}"}]},
            "item": [{"name": "Inbox", "request": {"method": "GET", "url": "https://api.example.com/inbox"}}]}"#,
    );
    let errors = |report: &Value| -> Vec<(String, String)> {
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["message"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let both = (
        "CCF706".to_string(),
        "the OAuth 2.0 auth cannot sign users in: its authorization URL is `{{authUrl}}`, which \
         has no value, and its token URL is `{{tokenUrl}}`, which has no value"
            .to_string(),
    );
    let report = convert_report(&input, &[]);
    assert_eq!(errors(&report), std::slice::from_ref(&both));
    let help = common::picked(&report["diagnostics"], "code", "CCF706", "help");
    assert_eq!(
        help,
        [
            "pass --authorization-url and --token-url, or give `authUrl` and `tokenUrl` a value with --var NAME=URL or --env"
        ]
    );
    // A connector folder: the connection settings do not say it again (the client id is
    // another matter).
    let out = ccforge()
        .arg("convert")
        .arg(&input)
        .args([
            "--out-dir",
            dir.path().join("Mail").to_str().unwrap(),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stderr).unwrap();
    let found = errors(&report);
    let mut codes: Vec<&str> = found.iter().map(|(c, _)| c.as_str()).collect();
    codes.sort_unstable();
    assert_eq!(codes, ["CCF620", "CCF706"], "{report}");
    assert!(found.contains(&both), "{report}");
    // One URL given: only the other is missing.
    let report = convert_report(
        &input,
        &[
            "--authorization-url",
            "https://login.example.com/authorize",
            "--force",
        ],
    );
    assert_eq!(
        errors(&report),
        [(
            "CCF706".to_string(),
            "the OAuth 2.0 auth cannot sign users in: its token URL is `{{tokenUrl}}`, which has no value".to_string()
        )]
    );
    // Both given, or given as variables: nothing to say.
    for extra in [
        &[
            "--authorization-url",
            "https://login.example.com/authorize",
            "--token-url",
            "https://login.example.com/token",
        ][..],
        &[
            "--var",
            "authUrl=https://login.example.com/authorize",
            "--var",
            "tokenUrl=https://login.example.com/token",
        ][..],
    ] {
        let report = convert_report(&input, &[extra, &["--force"]].concat());
        assert_eq!(errors(&report), [], "{extra:?}");
    }
}

/// A definition without `servers` gets its server from `--host`: its relative OAuth 2.0 URLs are
/// resolved against that. Without one, the error names the flags that fill them in.
#[test]
fn relative_oauth_urls_are_resolved_against_the_host_given_or_name_the_flags() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: People, version: '1'}\n\
         components:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        authorizationCode:\n\
         \x20         authorizationUrl: /authorize\n          tokenUrl: /token\n          scopes: {}\n\
         security: [{oauth: []}]\npaths:\n  /people:\n    get:\n      operationId: ListPeople\n      responses: {'200': {description: OK}}\n",
    );
    let out = dir.path().join("out.json");
    let run = |extra: &[&str]| {
        let o = ccforge()
            .arg("convert")
            .arg(&input)
            .args(["--force", "--format", "json", "-o"])
            .arg(&out)
            .args(extra)
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&o.stderr).unwrap();
        (o.status.code(), report)
    };
    let (code, _) = run(&["--host", "https://webexapis.com/v1"]);
    assert_eq!(code, Some(0));
    let swagger: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let def = &swagger["securityDefinitions"]["oauth"];
    assert_eq!(
        (&def["authorizationUrl"], &def["tokenUrl"]),
        (
            &Value::from("https://webexapis.com/authorize"),
            &Value::from("https://webexapis.com/token")
        )
    );
    let (code, report) = run(&[]);
    assert_eq!(code, Some(1));
    assert_eq!(
        common::picked(&report["diagnostics"], "code", "CCF154", "help"),
        [
            "pass --authorization-url with the API's absolute https:// URL (its documentation \
             gives it); a relative URL is resolved against --host or the definition's server",
            "pass --token-url with the API's absolute https:// URL (its documentation gives it); \
             a relative URL is resolved against --host or the definition's server",
        ]
    );
}

/// OpenAPI resolves a relative URL against the server; the platform calls only absolute ones.
/// A relative OAuth 2.0 URL is resolved (and told), so that sign-in works and neither file
/// holds a URL the platform rejects.
#[test]
fn relative_oauth_urls_are_resolved_against_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: Things, version: '1.0'}\nservers: [{url: 'https://api.example.com/v2'}]\n\
         components:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        authorizationCode:\n\
         \x20         authorizationUrl: /oauth/authorize\n          tokenUrl: oauth/token\n          scopes: {read: Read}\n\
         security: [{oauth: [read]}]\npaths:\n  /things:\n    get:\n      operationId: ListThings\n      responses: {'200': {description: OK}}\n",
    );
    let out = ccforge()
        .arg("convert")
        .arg(&input)
        .args(["--out-dir", dir.path().join("Things").to_str().unwrap()])
        .args(["--client-id", "abc", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(
        common::picked(&report["diagnostics"], "code", "CCF806", "message"),
        [
            "the relative `authorizationUrl` `/oauth/authorize` of OAuth 2.0 scheme `oauth` is resolved against the server https://api.example.com/v2: https://api.example.com/oauth/authorize",
            "the relative `tokenUrl` `oauth/token` of OAuth 2.0 scheme `oauth` is resolved against the server https://api.example.com/v2: https://api.example.com/oauth/token",
        ]
    );
    let swagger: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("Things/apiDefinition.swagger.json")).unwrap(),
    )
    .unwrap();
    let def = &swagger["securityDefinitions"]["oauth2_auth"];
    assert_eq!(
        def["authorizationUrl"],
        "https://api.example.com/oauth/authorize"
    );
    assert_eq!(def["tokenUrl"], "https://api.example.com/oauth/token");
    let props: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("Things/apiProperties.json")).unwrap(),
    )
    .unwrap();
    let custom =
        &props["properties"]["connectionParameters"]["token"]["oAuthSettings"]["customParameters"];
    assert_eq!(
        custom["tokenUrl"]["value"],
        "https://api.example.com/oauth/token"
    );
}

/// A base URL ending in `/` before `/orgs` makes one separator, not a path `//orgs` beside
/// `/orgs`.
#[test]
fn a_base_url_ending_in_a_slash_makes_no_empty_segment() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "collection.json",
        r#"{"info": {"name": "Orgs", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "variable": [{"key": "baseUrl", "value": "https://api.example.com/v1/"}],
            "item": [
                {"name": "List users", "request": {"method": "GET", "url": "{{baseUrl}}/orgs/:orgId/users"}},
                {"name": "List teams", "request": {"method": "GET", "url": "{{baseUrl}}orgs/:orgId/teams/"}}]}"#,
    );
    let swagger = converted(&input, &[0, 1]);
    let paths = path_keys(&swagger);
    assert_eq!(
        paths,
        ["/orgs/{orgId}/users", "/orgs/{orgId}/teams/"],
        "{swagger}"
    );
}

#[test]
fn a_v2_collection_that_names_its_headers_headers_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "collection.json",
        r#"{"info": {"name": "Boxes", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "List boxes", "request": {"method": "GET", "url": "https://api.example.com/boxes",
                "headers": [{"key": "X-Tenant", "value": "acme", "description": "The tenant."}]},
                "response": [{"name": "ok", "code": 200, "headers": [{"key": "Content-Type", "value": "text/csv"}], "body": "a,b"}]}]}"#,
    );
    let swagger = converted(&input, &[0, 1]);
    let op = &swagger["paths"]["/boxes"]["get"];
    let tenant = op["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "X-Tenant")
        .unwrap_or_else(|| panic!("no X-Tenant parameter: {op}"));
    assert_eq!(tenant["in"], "header");
    assert_eq!(tenant["description"], "The tenant.");
    assert_eq!(op["produces"], serde_json::json!(["text/csv"]), "{op}");
}

#[test]
fn an_openapi3_request_body_without_content_is_reported_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: Things, version: '1.0'}\nservers: [{url: 'https://api.example.com'}]\n\
         paths:\n  /things:\n    post:\n      operationId: CreateThing\n      requestBody:\n        description: The thing.\n      \
         responses: {'200': {description: OK}}\n",
    );
    let report = convert_report(&input, &[]);
    let body: Vec<(String, u64, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "CCF805")
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["pointer"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        body,
        [(
            input.display().to_string(),
            8,
            "/paths/~1things/post/requestBody".to_string()
        )]
    );
}

/// A schema `$ref` to a component that does not exist is reported in the input, where it can
/// be corrected, and the output holds no dangling `#/definitions/...` reference.
#[test]
fn an_openapi3_schema_ref_to_nothing_is_reported_in_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: Pets, version: '1.0'}\nservers: [{url: 'https://api.example.com'}]\n\
         paths:\n  /pets:\n    get:\n      operationId: ListPets\n      responses:\n        '200':\n          \
         description: OK\n          content:\n            application/json:\n              schema:\n                \
         $ref: '#/components/schemas/Missing'\n\
         components:\n  schemas:\n    Pet: {type: object}\n",
    );
    let report = convert_report(&input, &[]);
    let found: Vec<(String, String, u64, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["pointer"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [(
            "openapi-ref".to_string(),
            input.display().to_string(),
            13,
            "/paths/~1pets/get/responses/200/content/application~1json/schema".to_string()
        )],
        "{report}"
    );
}

/// What `convert` writes is linted as `lint` would lint the file, including the rules that
/// first look for their extension in the text (the text is rendered while the rules run).
#[test]
fn convert_finds_in_its_output_what_lint_finds_in_the_written_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: Pets, version: '1.0'}\nservers: [{url: 'https://api.example.com'}]\n\
         paths:\n  /pets:\n    get:\n      operationId: ListPets\n      summary: List pets\n      parameters:\n        \
         - {name: top, in: query, schema: {type: integer}, x-ms-visibility: sometimes, x-ms-summmary: Top}\n      \
         responses: {'200': {description: OK}}\n",
    );
    let report = convert_report(&input, &[]);
    let out = input.with_file_name("out.json");
    let mut found: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == out.display().to_string() && d["severity"] != "info")
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["pointer"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    found.sort();
    let at = "/paths/~1pets/get/parameters/0";
    assert_eq!(
        found,
        [
            (
                "extension-value-invalid".to_string(),
                format!("{at}/x-ms-visibility")
            ),
            (
                "unknown-extension".to_string(),
                format!("{at}/x-ms-summmary")
            ),
        ],
        "{report}"
    );
}

#[test]
fn a_server_with_a_placeholder_scheme_is_replaced_by_host() {
    let dir = tempfile::tempdir().unwrap();
    let api = write(
        dir.path(),
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: Switch, version: '1.0'}\n\
         servers:\n  - url: protocol://hostname:<port>/switch/\n\
         paths:\n  /items:\n    get:\n      operationId: ListItems\n      responses: {'200': {description: OK}}\n",
    );
    let out = dir.path().join("out.json");
    let o = ccforge()
        .arg("convert")
        .arg(&api)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    // Long lines are wrapped in the pretty report.
    let stderr = String::from_utf8_lossy(&o.stderr);
    let stderr = stderr.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("uses `protocol`"), "{stderr}");
    assert!(
        stderr.contains("or pass the API's address with --host https://api.example.com"),
        "{stderr}"
    );
    assert!(!out.exists());
    // The flag the help names mends it: the server's path stays.
    let o = ccforge()
        .arg("convert")
        .arg(&api)
        .args(["--host", "api.example.com", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let doc: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(doc["host"], "api.example.com");
    assert_eq!(doc["basePath"], "/switch");
    assert_eq!(doc["schemes"], serde_json::json!(["https"]));
}

#[test]
fn server_variables_must_exist_and_give_an_https_or_http_url() {
    let dir = tempfile::tempdir().unwrap();
    let api = write(
        dir.path(),
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: Things, version: '1.0'}\n\
         servers:\n  - url: '{scheme}://{region}.api.example.com'\n    variables:\n      \
         scheme: {default: https, enum: [https, http]}\n      region: {default: eu, enum: [eu, us]}\n\
         paths:\n  /things:\n    get:\n      operationId: ListThings\n      responses: {'200': {description: OK}}\n",
    );
    let out = dir.path().join("out.json");
    let run = |vars: &[&str]| {
        let mut c = ccforge();
        c.arg("convert")
            .arg(&api)
            .arg("-o")
            .arg(&out)
            .arg("--force");
        for v in vars {
            c.args(["--server-var", v]);
        }
        let o = c.output().unwrap();
        // Long messages are wrapped in the pretty report.
        let stderr = String::from_utf8_lossy(&o.stderr).replace("\n  │ ", " ");
        (o.status.code(), stderr)
    };
    // A misspelt name changed nothing, silently.
    let (code, stderr) = run(&["regoin=us"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("--server-var regoin: server 0 (`{scheme}://{region}.api.example.com`) has no variable `regoin`; its variables: scheme, region"),
        "{stderr}"
    );
    assert!(!out.exists());
    // A scheme the platform cannot call is one error at the server, with the flag that mends it.
    let (code, stderr) = run(&["scheme=ftp"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("/api.yaml:4:5)"), "{stderr}");
    assert!(stderr.contains("uses `ftp`"), "{stderr}");
    assert!(
        stderr.contains("help: pass --server-var scheme=https"),
        "{stderr}"
    );
    assert!(!stderr.contains("invalid-output"), "{stderr}");
    assert!(!out.exists());
    // A value outside the enum is converted, with a warning.
    let (code, stderr) = run(&["region=ap"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr
            .contains("--server-var region=ap: `ap` is not one of the variable's values (eu, us)"),
        "{stderr}"
    );
    let swagger: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(swagger["host"], "ap.api.example.com");
}

/// Credentials in `--host` would be written into the definition: refused, without repeating
/// them.
#[test]
fn a_host_with_credentials_is_refused_without_repeating_them() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/convert/postman-v21-features/input.postman_collection.json");
    for cmd in [&["convert"][..], &["drift"]] {
        let mut c = ccforge();
        c.args(cmd).arg(&fixture);
        if cmd[0] == "drift" {
            c.arg(&fixture);
        } else {
            c.arg("--out-dir").arg(&out_dir);
        }
        let out = c
            .args(["--host", "https://admin:pa55word@api.contoso.com"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{cmd:?}: {stderr}");
        assert!(stderr.contains("the value holds credentials"), "{stderr}");
        assert!(!stderr.contains("pa55word"), "{stderr}");
    }
    assert!(!out_dir.exists());
}

#[test]
fn a_host_that_names_no_server_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/convert/postman-v21-features/input.postman_collection.json");
    for (host, why) in [
        ("ftp://api.contoso.com", "uses `ftp://`"),
        ("https://api.contoso.com/v1/?x=1", "has a query or fragment"),
        ("https://", "has no host"),
        ("-", "has a part that starts or ends with `-`"),
        ("api.contoso.com:99999", "has a port outside 1-65535"),
        (".contoso.com", "has an empty part between dots"),
    ] {
        let run = ccforge()
            .arg("convert")
            .arg(&fixture)
            .arg("-o")
            .arg(&out)
            .args(["--host", host])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{host}: {stderr}");
        assert!(
            stderr.starts_with("error: --host ") && stderr.contains(why),
            "{host}: {stderr}"
        );
        assert!(!out.exists(), "{host}");
    }
    ccforge()
        .arg("convert")
        .arg(&fixture)
        .arg("-o")
        .arg(&out)
        .args(["--host", "http://localhost:8080/api"])
        .assert()
        .code(0);
}

#[test]
fn an_empty_server_variable_that_leaves_no_host_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n\
         servers: [{url: 'https://{tenant}.events.contoso.com:8443', variables: {tenant: {default: acme}}}]\n\
         paths:\n  /things:\n    get:\n      operationId: ListThings\n      summary: List things\n      \
         responses: {'200': {description: OK}}\n",
    );
    let out = dir.path().join("out.json");
    let run = ccforge()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .args(["--server-var", "tenant=", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&run.stderr).unwrap();
    let d = &report["diagnostics"][0];
    assert_eq!(d["code"], "CCF801", "{report}");
    assert_eq!(
        d["message"],
        "the server URL gives the host `.events.contoso.com:8443`, which has an empty part between dots (a leading or doubled `.`)"
    );
    assert_eq!(
        d["help"],
        "pass a value with --server-var tenant=VALUE, or the host with --host api.example.com"
    );
    assert!(!out.exists());
}

#[test]
fn a_brand_colour_that_is_not_rrggbb_writes_no_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("connector");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/convert/postman-v21-features/input.postman_collection.json");
    let run = ccforge()
        .arg("convert")
        .arg(&fixture)
        .arg("--out-dir")
        .arg(&out_dir)
        .args(["--brand-color", "red"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("`red` is not a #RRGGBB colour"));
    assert!(!out_dir.exists());
}

#[test]
fn a_server_url_without_a_host_converts_into_a_definition_lint_rejects() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\nservers: [{url: /}]\n\
         paths:\n  /things:\n    get:\n      operationId: ListThings\n      summary: List things\n      \
         responses: {'200': {description: OK}}\n",
    );
    let out_dir = dir.path().join("connector");
    let run = ccforge()
        .arg("convert")
        .arg(&input)
        .arg("--out-dir")
        .arg(&out_dir)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    // One problem, told once: by the conversion, not again by the lint of what it wrote.
    let report: Value = serde_json::from_slice(&run.stderr).unwrap();
    let errors: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| &d["message"])
        .collect();
    assert_eq!(
        errors,
        ["the server URL `/` has no host, so the connector has none"]
    );
    let run = ccforge()
        .args(["lint", "--format", "json"])
        .arg(&out_dir)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    let d = &report["diagnostics"][0];
    assert_eq!(
        (&d["code"], &d["line"], &d["column"]),
        (&Value::from("CCF102"), &Value::from(1), &Value::from(1))
    );
    assert_eq!(
        d["message"],
        "`host` is missing: the connector would not know which server to call"
    );
}

/// A server URL written as Postman writes a variable (`{{baseUrl}}`) is read as the variable;
/// a scheme-relative URL names its host.
#[test]
fn a_server_url_in_double_braces_or_without_scheme_gives_a_host() {
    let dir = tempfile::tempdir().unwrap();
    let api = |url: &str| {
        format!(
            "openapi: 3.0.3\ninfo: {{title: Things, version: '1.0'}}\nservers:\n  - url: '{url}'\n\
             paths:\n  /things:\n    get:\n      operationId: ListThings\n      responses: {{'200': {{description: OK}}}}\n"
        )
    };
    let braces = write(dir.path(), "braces.yaml", &api("{{baseUrl}}"));
    let run = |input: &Path, args: &[&str]| {
        let o = ccforge()
            .arg("convert")
            .arg(input)
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr).replace("\n  │ ", " ");
        let doc: Value = serde_json::from_slice(&o.stdout).unwrap_or(Value::Null);
        (o.status.code(), doc, stderr)
    };
    let (code, doc, stderr) = run(&braces, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("server variable `baseUrl` has no default, so the connector has no host"),
        "{stderr}"
    );
    assert!(
        stderr.contains("pass --server-var baseUrl=VALUE, or the host with --host"),
        "{stderr}"
    );
    assert!(doc.get("host").is_none(), "{doc}");
    let (code, doc, stderr) = run(
        &braces,
        &["--server-var", "baseUrl=https://api.example.com/v2"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        (&doc["host"], &doc["basePath"]),
        (&"api.example.com".into(), &"/v2".into())
    );
    let (code, doc, stderr) = run(&braces, &["--host", "api.example.com"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(doc["host"], "api.example.com");

    let relative = write(dir.path(), "relative.yaml", &api("//api.contoso.com/v1"));
    let (code, doc, stderr) = run(&relative, &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        (&doc["host"], &doc["basePath"]),
        (&"api.contoso.com".into(), &"/v1".into())
    );
}

#[test]
fn a_connector_folder_says_which_of_several_security_definitions_it_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let api = write(
        dir.path(),
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: Things, version: '1.0'}\nservers: [{url: 'https://api.example.com'}]\n\
         components:\n  securitySchemes:\n    key: {type: apiKey, in: header, name: X-Key}\n    jwt: {type: http, scheme: bearer}\n\
         security: [{key: []}, {jwt: []}]\n\
         paths:\n  /things:\n    get:\n      operationId: ListThings\n      responses: {'200': {description: OK}}\n",
    );
    let out = ccforge()
        .arg("convert")
        .arg(&api)
        .arg("--out-dir")
        .arg(dir.path().join("Things"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&out.stderr).unwrap();
    let warnings: Vec<(&str, &str)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "CCF620" && d["severity"] == "warning")
        .map(|d| {
            (
                d["pointer"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        warnings,
        [(
            "/securityDefinitions",
            "the definition declares 2 security definitions (`key`, `jwt`) and a connection uses \
             one: the first, `key` (now `api_key`), is kept and the others are left out"
        )]
    );
    // Chosen with --auth, nothing is lost unsaid.
    let chosen = ccforge()
        .arg("convert")
        .arg(&api)
        .arg("--out-dir")
        .arg(dir.path().join("Bearer"))
        .args(["--auth", "apikey", "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&chosen.stderr).unwrap();
    assert!(
        !report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "CCF620" && d["severity"] == "warning"),
        "{report}"
    );
}

#[test]
fn pretty_output_keeps_a_long_path_in_a_help_whole() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "a-rather-long-folder-name/with-several-hyphenated-parts-in-it/my-open-api-definition.yaml",
        "openapi: 3.0.3\ninfo: {title: Things, version: '1.0'}\npaths: {}\n",
    );
    let out = ccforge().arg("lint").arg(&input).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let path = input.display().to_string();
    assert!(path.len() > 90, "{path}");
    assert!(
        stdout
            .lines()
            .skip_while(|l| !l.trim_start().starts_with("help:"))
            .any(|l| l.contains(&path)),
        "{stdout}"
    );
}

#[test]
fn a_scheme_relative_postman_url_names_its_host() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "collection.json",
        r#"{"info": {"name": "Bin", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "Post it", "request": {"method": "POST", "url": "//httpbin.org/post?random=yeah"}}]}"#,
    );
    let swagger = converted(&input, &[0]);
    assert_eq!(swagger["host"], "httpbin.org");
    let paths = path_keys(&swagger);
    assert_eq!(paths, ["/post"]);
}

#[test]
fn a_postman_form_body_sent_with_a_json_content_type_is_sent_as_a_form() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "collection.json",
        r#"{"info": {"name": "Bin", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "Post it", "request": {"method": "POST", "url": "https://httpbin.org/post",
                "header": [{"key": "Content-Type", "value": "application/json"}],
                "body": {"mode": "urlencoded", "urlencoded": [{"key": "name", "value": "Ann"}]}}}]}"#,
    );
    // Without the form's media type, the `formData` parameter is an error and the exit 1.
    let swagger = converted(&input, &[0]);
    let op = &swagger["paths"]["/post"]["post"];
    assert_eq!(
        op["consumes"],
        serde_json::json!(["application/x-www-form-urlencoded"])
    );
    assert_eq!(op["parameters"][0]["in"], "formData");
    let report = convert_report(&input, &["--force"]);
    assert_eq!(
        common::picked(&report["diagnostics"], "code", "CCF709", "message"),
        [
            "`Post it` sends a form body but its `Content-Type` header says application/json; the form's media type `application/x-www-form-urlencoded` is used"
        ]
    );
}

#[test]
fn a_postman_request_spelling_out_the_base_url_shares_the_base_path() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "collection.json",
        r#"{"info": {"name": "Base", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "variable": [{"key": "baseUrl", "value": "https://api.contoso.com/api/v1"}],
            "item": [{"name": "List orders", "request": {"method": "GET", "url": "{{baseUrl}}/orders"}},
                     {"name": "Things", "request": {"method": "GET", "url": "https://api.contoso.com/api/v1/things"}}]}"#,
    );
    let swagger = converted(&input, &[0]);
    assert_eq!(swagger["host"], "api.contoso.com");
    assert_eq!(swagger["basePath"], "/api/v1");
    let paths = path_keys(&swagger);
    assert_eq!(paths, ["/orders", "/things"]);
}

#[test]
fn a_given_host_keeps_the_base_path_of_a_base_url_whose_host_has_no_value() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "collection.json",
        r#"{"info": {"name": "Base", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "variable": [{"key": "baseUrl", "value": "https://{{host}}/api/v1"}],
            "item": [{"name": "List orders", "request": {"method": "GET", "url": "{{baseUrl}}/orders"}},
                     {"name": "Health", "request": {"method": "GET", "url": "https://{{host}}/health"}}]}"#,
    );
    let report = convert_report(&input, &["--host", "https://api.contoso.com"]);
    assert_eq!(
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] != "info")
            .count(),
        0,
        "{report}"
    );
    let swagger: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.json")).unwrap())
            .unwrap();
    assert_eq!(swagger["host"], "api.contoso.com");
    let paths = path_keys(&swagger);
    assert_eq!(paths, ["/api/v1/orders", "/health"]);
}

/// A form whose schema extends another by `allOf`: a finding about a field of the schema it
/// extends is placed at that field in the input, not at a pointer of the conversion.
#[test]
fn a_form_field_of_an_extended_schema_is_placed_in_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        &[OPENAPI_HEAD, "paths:\n  /documents:\n    post:\n      operationId: UploadDocument\n      \
         requestBody:\n        content:\n          multipart/form-data:\n            schema:\n              \
         $ref: '#/components/schemas/Uploader'\n      responses: {'200': {description: OK}}\n\
         components:\n  schemas:\n    Uploader:\n      allOf: [{$ref: '#/components/schemas/Request'}]\n    \
         Request:\n      type: object\n      properties:\n        file: {type: string, format: binary}\n        \
         location:\n          type: object\n          properties: {country: {type: string}}\n"].concat(),
    );
    let report = convert_report(&input, &[]);
    let found: Vec<(&Value, &Value, &Value)> = (report["diagnostics"].as_array().unwrap().iter())
        .filter(|d| d["code"] == "CCF805")
        .map(|d| (&d["pointer"], &d["line"], &d["column"]))
        .collect();
    assert_eq!(
        found,
        [(
            &Value::from("/components/schemas/Request/properties/location"),
            &Value::from(22),
            &Value::from(9)
        )],
        "{report}"
    );
}

#[test]
fn a_reference_to_a_missing_shared_parameter_is_reported_and_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        &[OPENAPI_HEAD, "components:\n  parameters:\n    Top: {name: top, in: query, schema: {type: integer}}\n\
         paths:\n  /things:\n    get:\n      operationId: ListThings\n      summary: List things\n      \
         parameters: [{$ref: '#/components/parameters/Nope'}, {$ref: '#/components/parameters/Top'}]\n      \
         responses: {'200': {description: OK}}\n"].concat(),
    );
    let report = convert_report(&input, &[]);
    let refs: Vec<(&Value, &Value, &Value, &Value)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "CCF802")
        .map(|d| (&d["message"], &d["line"], &d["column"], &d["help"]))
        .collect();
    assert_eq!(refs.len(), 1, "{report}");
    assert_eq!(
        refs[0].0,
        "`$ref: #/components/parameters/Nope` points to nothing"
    );
    assert_eq!((refs[0].1, refs[0].2), (&Value::from(12), &Value::from(20)));
    // No file is involved: the help is not the one for a reference to a file elsewhere.
    assert_eq!(
        refs[0].3,
        "add what `#/components/parameters/Nope` names to this file, or correct the reference"
    );
    let swagger: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.json")).unwrap())
            .unwrap();
    assert_eq!(
        swagger["paths"]["/things"]["get"]["parameters"],
        serde_json::json!([{"$ref": "#/parameters/Top"}])
    );
}

#[test]
fn an_exploded_array_query_parameter_is_sent_comma_separated_and_the_help_says_what_to_check() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        &[
            OPENAPI_HEAD,
            "paths:\n  /incidents:\n    get:\n      operationId: ListIncidents\n      \
         summary: List incidents\n      parameters: [{name: 'team_ids[]', in: query, \
         schema: {type: array, items: {type: string}}}]\n      \
         responses: {'200': {description: OK}}\n",
        ]
        .concat(),
    );
    let report = convert_report(&input, &[]);
    let found: Vec<(&Value, &Value)> = told(&report, |d| d["code"] == "CCF804");
    assert_eq!(
        found,
        [(
            &Value::from(
                "array parameter `team_ids[]` repeats itself per value (form, explode), which the \
                 platform does not support; sent comma-separated (csv) instead"
            ),
            &Value::from(
                "check that the API accepts `team_ids[]=a,b`; if it reads only repeated values, \
                 expose one parameter per value, or send them in a body"
            )
        )],
        "{report}"
    );
    let swagger: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.json")).unwrap())
            .unwrap();
    assert_eq!(
        swagger["paths"]["/incidents"]["get"]["parameters"][0]["collectionFormat"],
        "csv"
    );
}

#[test]
fn scopes_a_bearer_requirement_lists_are_left_out_and_told() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        &[OPENAPI_HEAD, "components:\n  securitySchemes:\n    bearerAuth: {type: http, scheme: bearer}\n\
         paths:\n  /users:\n    get:\n      operationId: ListUsers\n      summary: List users\n      \
         security: [{bearerAuth: [read:users, public]}]\n      \
         responses: {'200': {description: OK}}\n"].concat(),
    );
    let report = convert_report(&input, &[]);
    let found: Vec<(&Value, &Value, &Value)> = placed(&report, |d| {
        d["severity"] != "info" && (d["code"] == "CCF806" || d["code"] == "CCF510")
    });
    assert_eq!(
        found,
        [(
            &Value::from("CCF806"),
            &Value::from(
                "the scopes `read:users`, `public` of `bearerAuth` were left out: Swagger 2.0 \
                 gives scopes only to OAuth 2.0 schemes"
            ),
            &Value::from(12)
        )],
        "{report}"
    );
    let swagger: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.json")).unwrap())
            .unwrap();
    assert_eq!(
        swagger["paths"]["/users"]["get"]["security"],
        json!([{"bearerAuth": []}])
    );
}

#[test]
fn an_openapi3_path_parameter_its_path_does_not_name_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        &[OPENAPI_HEAD, "components:\n  parameters:\n    Id: {name: id, in: path, required: true, schema: {type: string}}\n\
         paths:\n  /things:\n    get:\n      operationId: ListThings\n      summary: List things\n      \
         parameters: [{$ref: '#/components/parameters/Id'}, {name: tenant, in: path, required: true, schema: {type: string}}]\n      \
         responses: {'200': {description: OK}}\n  /things/{id}:\n    get:\n      operationId: GetThing\n      \
         summary: Get a thing\n      parameters: [{$ref: '#/components/parameters/Id'}]\n      \
         responses: {'200': {description: OK}}\n"].concat(),
    );
    let report = convert_report(&input, &[]);
    let found: Vec<(&Value, &Value, &Value)> = placed(&report, |d| d["severity"] != "info");
    assert_eq!(
        found,
        [
            (
                &Value::from("CCF804"),
                &Value::from("path parameter `id` does not appear in the path /things; dropped"),
                &Value::from(12)
            ),
            (
                &Value::from("CCF804"),
                &Value::from(
                    "path parameter `tenant` does not appear in the path /things; dropped"
                ),
                &Value::from(12)
            )
        ],
        "{report}"
    );
    let swagger: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.json")).unwrap())
            .unwrap();
    assert_eq!(swagger["paths"]["/things"]["get"].get("parameters"), None);
    assert_eq!(
        swagger["paths"]["/things/{id}"]["get"]["parameters"],
        serde_json::json!([{"$ref": "#/parameters/Id"}])
    );
}

#[test]
fn openid_connect_keeps_every_requested_scope_and_an_undeclared_scheme_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        &[OPENAPI_HEAD, "components:\n  securitySchemes:\n    oidc: {type: openIdConnect, openIdConnectUrl: 'https://login.contoso.com/.well-known/openid-configuration'}\n\
         security: [{oidc: [openid, profile]}]\n\
         paths:\n  /things:\n    get:\n      operationId: ListThings\n      summary: List things\n      \
         security: [{nope: []}, {oidc: [things.read]}]\n      responses: {'200': {description: OK}}\n  \
         /others:\n    get:\n      operationId: ListOthers\n      summary: List others\n      \
         security: [{nope: []}]\n      responses: {'200': {description: OK}}\n"].concat(),
    );
    let out_dir = dir.path().join("connector");
    let run = ccforge()
        .arg("convert")
        .arg(&input)
        .arg("--out-dir")
        .arg(&out_dir)
        .args(["--format", "json", "--client-id", "abc"])
        .args(["--authorization-url", "https://login.contoso.com/authorize"])
        .args(["--token-url", "https://login.contoso.com/token"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&run.stderr).unwrap();
    let undeclared: Vec<(&Value, &Value)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["message"].as_str().unwrap().contains("does not declare"))
        .map(|d| (&d["pointer"], &d["line"]))
        .collect();
    assert_eq!(
        undeclared,
        [
            (
                &Value::from("/paths/~1things/get/security/0/nope"),
                &Value::from(13)
            ),
            (
                &Value::from("/paths/~1others/get/security/0/nope"),
                &Value::from(19)
            ),
        ],
        "{report}"
    );
    let swagger: Value = serde_json::from_str(
        &std::fs::read_to_string(out_dir.join("apiDefinition.swagger.json")).unwrap(),
    )
    .unwrap();
    // Left with no scheme, the operation keeps the definition's authentication.
    assert_eq!(swagger["paths"]["/others"]["get"].get("security"), None);
    let props: Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("apiProperties.json")).unwrap())
            .unwrap();
    assert_eq!(
        props["properties"]["connectionParameters"]["token"]["oAuthSettings"]["scopes"],
        serde_json::json!(["openid", "profile", "things.read"])
    );
}

#[test]
fn a_bearer_token_moved_to_the_query_takes_the_default_key_name() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        &[OPENAPI_HEAD, "components:\n  securitySchemes:\n    bearer: {type: http, scheme: bearer}\nsecurity: [{bearer: []}]\n\
         paths:\n  /things:\n    get:\n      operationId: ListThings\n      summary: List things\n      \
         responses: {'200': {description: OK}}\n"].concat(),
    );
    let out = dir.path().join("out.json");
    ccforge()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .args(["--auth", "apikey", "--api-key-in", "query"])
        .assert()
        .code(0);
    let swagger: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(
        swagger["securityDefinitions"]["api_key"],
        serde_json::json!({"type": "apiKey", "in": "query", "name": "api_key"})
    );
}

#[test]
fn env_takes_only_an_environment_and_var_on_openapi_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/convert/postman-v21-features/input.postman_collection.json");
    let api = write(
        dir.path(),
        "api.yaml",
        &[OPENAPI_HEAD, "paths:\n  /things:\n    get:\n      operationId: ListThings\n      summary: List things\n      \
         responses: {'200': {description: OK}}\n"].concat(),
    );
    let out = dir.path().join("out.json");
    // A definition given as the environment resolves nothing: refused, nothing written.
    let run = ccforge()
        .arg("convert")
        .arg(&fixture)
        .arg("-o")
        .arg(&out)
        .arg("--env")
        .arg(&api)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("CCF005 unknown-format") && stderr.contains("which --env cannot use"),
        "{stderr}"
    );
    assert!(!out.exists());
    let connector = write(
        dir.path(),
        "connector.json",
        r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "host": "api.contoso.com", "paths": {}}"#,
    );
    let run = ccforge()
        .arg("drift")
        .arg(&fixture)
        .arg(&connector)
        .arg("--env")
        .arg(&fixture)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("which --env cannot use"));
    // --var on an OpenAPI definition is said to do nothing.
    let report = convert_report(&api, &["--var", "host=api.contoso.com"]);
    let d = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "CCF801")
        .unwrap();
    assert_eq!(
        d["message"],
        "--var resolves the {{variables}} of Postman collections; this OpenAPI definition does not use them"
    );
    assert_eq!(d["severity"], "warning");
}

#[test]
fn a_reference_to_the_whole_openapi3_document_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        &[OPENAPI_HEAD, "paths:\n  /things:\n    get:\n      operationId: ListThings\n      summary: List things\n      \
         responses: {'200': {description: OK, content: {application/json: {schema: {$ref: '#'}}}}}\n"].concat(),
    );
    let report = convert_report(&input, &[]);
    let d = &report["diagnostics"][0];
    assert_eq!(
        (&d["code"], &d["severity"]),
        (&Value::from("CCF802"), &Value::from("error")),
        "{report}"
    );
    assert_eq!(d["message"], "`$ref: #` points at the whole document");
    assert_eq!(
        (&d["line"], &d["column"]),
        (&Value::from(9), &Value::from(73))
    );
}

#[test]
fn a_variable_given_twice_with_different_values_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/convert/postman-v21-features/input.postman_collection.json");
    let out = dir.path().join("out.json");
    for (option, first, second) in [
        ("--var", "host=a.contoso.com", "host=b.contoso.com"),
        ("--server-var", "region=eu", "region=us"),
    ] {
        let run = ccforge()
            .arg("convert")
            .arg(&fixture)
            .arg("-o")
            .arg(&out)
            .args([option, first, option, second])
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(2), "{option}");
        let stderr = String::from_utf8_lossy(&run.stderr);
        let name = first.split('=').next().unwrap();
        assert_eq!(
            stderr,
            format!("error: {option} {name} is given twice, with different values; give it once\n")
        );
        assert!(!out.exists());
    }
    // The same value twice is no conflict.
    ccforge()
        .arg("convert")
        .arg(&fixture)
        .arg("-o")
        .arg(&out)
        .args(["--var", "a=1", "--var", "a=1"])
        .assert()
        .code(0);
}

#[test]
fn openapi3_messages_name_a_missing_field_instead_of_a_blank() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: Things, version: '1.0'}\nservers: [{url: 'https://api.example.com'}]\n\
         components:\n  securitySchemes:\n    basicAuth: {type: http}\n  parameters:\n    Loose: {schema: {type: string}}\n\
         paths:\n  /things:\n    get:\n      operationId: ListThings\n      parameters: [{$ref: '#/components/parameters/Loose'}]\n      \
         responses: {'200': {description: OK}}\n",
    );
    let report = convert_report(&input, &[]);
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "CCF804" || d["code"] == "CCF806")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.contains(
            &"a parameter without a `name` has no `in`, so it is not sent anywhere; dropped"
        ),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"http scheme `basicAuth` has no `scheme` (`basic` or `bearer`), so Power Platform cannot use it; dropped"),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .all(|m| !m.contains("``") && !m.contains('?')),
        "{messages:?}"
    );
}

/// A body whose first level alone is over the 512-schema limit cannot be cut: with
/// `--cut-schemas` given, the finding no longer advises it.
#[test]
fn a_body_the_cut_cannot_fit_is_not_told_to_use_the_cut() {
    let dir = tempfile::tempdir().unwrap();
    let props: String = (0..600)
        .map(|i| format!("p{i}: {{type: string}}"))
        .collect::<Vec<_>>()
        .join(", ");
    let input = write(
        dir.path(),
        "wide.yaml",
        &format!(
            "{OPENAPI_HEAD}paths:\n  /wide:\n    get:\n      operationId: GetWide\n      summary: Get wide\n      description: Gets it.\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema: {{type: object, properties: {{{props}}}}}\n"
        ),
    );
    let help = |extra: &[&str]| -> String {
        let report = convert_report(&input, extra);
        let found: Vec<&Value> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "body-schema-count")
            .collect();
        assert_eq!(found.len(), 1, "{report}");
        found[0]["help"].as_str().unwrap().to_string()
    };
    assert!(help(&[]).contains("`ccforge convert FILE --cut-schemas`"));
    let cut = help(&["--cut-schemas", "--force"]);
    assert!(
        cut.starts_with("--cut-schemas could not cut it: its first level alone holds"),
        "{cut}"
    );
}

/// OpenAPI 3 lets a schema that is both the request and the response require a read-only
/// property; a connector may not: the conversion drops it from `required`, with a warning, and
/// the result passes `required-read-only-input`.
#[test]
fn a_read_only_required_property_leaves_the_required_list_of_a_request_body() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "things.yaml",
        &format!(
            "{OPENAPI_HEAD}paths:\n  /things:\n    post:\n      operationId: CreateThing\n      summary: Create a thing\n      description: Creates a thing.\n      requestBody:\n        content:\n          application/json:\n            schema: {{$ref: '#/components/schemas/Thing'}}\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/Thing'}}\ncomponents:\n  schemas:\n    Thing:\n      type: object\n      required: [id, name]\n      properties:\n        id: {{type: string, readOnly: true}}\n        name: {{type: string}}\n"
        ),
    );
    let report = convert_report(&input, &[]);
    let found: Vec<(&str, &str)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] != "info")
        .map(|d| (d["rule"].as_str().unwrap(), d["pointer"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [("fix-read-only-required", "/definitions/Thing/required")]
    );
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.json")).unwrap())
            .unwrap();
    assert_eq!(
        doc["definitions"]["Thing"]["required"],
        serde_json::json!(["name"])
    );
}

#[test]
fn a_shared_request_body_becomes_one_definition_every_operation_refers_to() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        &[OPENAPI_HEAD, "components:\n  schemas:\n    Thing: {type: object, properties: {id: {type: string}}}\n  \
         requestBodies:\n    Thing:\n      required: true\n      content:\n        application/json:\n          \
         schema: {type: object, properties: {name: {type: string}}}\n          example: {name: lamp}\n    \
         Ref:\n      content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}\n    \
         Alias: {$ref: '#/components/requestBodies/Thing'}\n\
         paths:\n  /a:\n    post:\n      operationId: A\n      summary: A\n      requestBody: {$ref: '#/components/requestBodies/Thing'}\n      \
         responses: {'200': {description: OK}}\n  /b:\n    put:\n      operationId: B\n      summary: B\n      \
         x-bodyName: item\n      requestBody: {$ref: '#/components/requestBodies/Thing'}\n      \
         responses: {'200': {description: OK}}\n  /c:\n    post:\n      operationId: C\n      summary: C\n      \
         requestBody: {$ref: '#/components/requestBodies/Ref'}\n      responses: {'200': {description: OK}}\n  \
         /d:\n    post:\n      operationId: D\n      summary: D\n      requestBody: {$ref: '#/components/requestBodies/Alias'}\n      \
         responses: {'200': {description: OK}}\n"].concat(),
    );
    let swagger = converted(&input, &[0]);
    let defs: Vec<&String> = swagger["definitions"].as_object().unwrap().keys().collect();
    assert_eq!(defs, ["Thing", "Thing2"], "{swagger:#}");
    assert_eq!(
        swagger["definitions"]["Thing2"],
        serde_json::json!({"type": "object", "properties": {"name": {"type": "string"}}, "example": {"name": "lamp"}})
    );
    let body = |path: &str, method: &str| swagger["paths"][path][method]["parameters"][0].clone();
    assert_eq!(
        body("/a", "post"),
        serde_json::json!({"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Thing2"}})
    );
    assert_eq!(
        body("/b", "put"),
        serde_json::json!({"name": "item", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Thing2"}})
    );
    assert_eq!(
        body("/c", "post")["schema"],
        serde_json::json!({"$ref": "#/definitions/Thing"})
    );
    // Through a shared body that names another.
    assert_eq!(
        body("/d", "post")["schema"],
        serde_json::json!({"$ref": "#/definitions/Thing2"})
    );
}

#[test]
fn a_definition_without_servers_is_told_so() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n\
         paths:\n  /things:\n    get:\n      operationId: ListThings\n      summary: List things\n      \
         responses: {'200': {description: OK}}\n",
    );
    let report = convert_report(&input, &[]);
    let errors: Vec<(&Value, &Value)> = told(&report, |d| d["severity"] == "error");
    assert_eq!(
        errors,
        [(
            &Value::from("the definition has no `servers`, so the connector has no host"),
            &Value::from(
                "pass --host api.example.com, or add `servers: [{url: https://api.example.com}]`"
            )
        )]
    );
}

#[test]
fn a_localhost_collection_is_told_at_its_first_request() {
    let dir = tempfile::tempdir().unwrap();
    let collection = serde_json::json!({
        "info": {"name": "Local", "schema":
            "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{"name": "List things", "request": {"method": "GET",
            "url": "http://localhost:3000/things"}}]
    });
    let input = write(
        dir.path(),
        "local.postman_collection.json",
        &serde_json::to_string_pretty(&collection).unwrap(),
    );
    let report = convert_report(&input, &[]);
    let found: Vec<(&Value, &Value)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["message"].as_str().unwrap().contains("cannot reach"))
        .map(|d| (&d["line"], &d["column"]))
        .collect();
    // The request, not the top of the file.
    assert_eq!(found, [(&Value::from(7), &Value::from(5))], "{report}");
}

#[test]
fn a_form_made_of_all_of_parts_lists_their_fields_and_a_one_of_form_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        &[OPENAPI_HEAD, "components:\n  schemas:\n    Base: {type: object, required: [id], properties: {id: {type: string}}}\n\
         paths:\n  /a:\n    post:\n      operationId: A\n      summary: A\n      requestBody:\n        content:\n          \
         application/x-www-form-urlencoded:\n            schema:\n              allOf:\n                \
         - $ref: '#/components/schemas/Base'\n                - {type: object, properties: {note: {type: string}}}\n      \
         responses: {'200': {description: OK}}\n  /b:\n    post:\n      operationId: B\n      summary: B\n      requestBody:\n        \
         content:\n          multipart/form-data:\n            schema:\n              oneOf: [{$ref: '#/components/schemas/Base'}]\n      \
         responses: {'200': {description: OK}}\n"].concat(),
    );
    let report = convert_report(&input, &[]);
    let swagger: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.json")).unwrap())
            .unwrap();
    let fields: Vec<(&Value, &Value)> = swagger["paths"]["/a"]["post"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (&p["name"], &p["required"]))
        .collect();
    assert_eq!(
        fields,
        [
            (&Value::from("id"), &Value::from(true)),
            (&Value::from("note"), &Value::from(false))
        ]
    );
    let told: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "CCF805")
        .map(|d| &d["message"])
        .collect();
    assert_eq!(
        told,
        [
            "the form's schema is a `oneOf`, which Swagger 2.0 form parameters cannot list; the operation gets no form parameters"
        ]
    );
}

#[test]
fn a_postman_host_that_is_no_host_name_is_refused_and_a_repeated_variable_takes_its_last_value() {
    let dir = tempfile::tempdir().unwrap();
    // A placeholder in single braces left as the variable's value.
    let input = write(
        dir.path(),
        "collection.json",
        r#"{"info": {"name": "Docs", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "variable": [{"key": "baseUrl", "value": "{baseUrl}"}],
            "item": [{"name": "List files", "request": {"method": "GET", "url": "{{baseUrl}}/api/files"}}]}"#,
    );
    let stderr = convert_refused(&input);
    for wanted in [
        "the host `{baseUrl}` (from {{baseUrl}}) is not a host name (it contains a template variable)",
        "--host",
        "give {{baseUrl}} a value without the placeholder (--var baseUrl=VALUE",
        "--env",
    ] {
        assert!(stderr.contains(wanted), "no {wanted} in {stderr}");
    }
    // A template environment's placeholder: the variable the host came from is named, and
    // giving it a value converts the collection.
    let collection = write(
        dir.path(),
        "shop.json",
        r#"{"info": {"name": "Shop", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "Carts", "request": {"method": "GET", "url": "{{host}}/{{project}}/carts"}}]}"#,
    );
    let env = write(
        dir.path(),
        "shop.template.json",
        r#"{"name": "Shop.template", "values": [
            {"key": "host", "value": "https://api.{region}.shop.example.com", "enabled": true},
            {"key": "project", "value": "demo", "enabled": true}]}"#,
    );
    let out = dir.path().join("shop.swagger.json");
    let refused = ccforge()
        .arg("convert")
        .arg(&collection)
        .arg("--env")
        .arg(&env)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let refused = String::from_utf8(refused).unwrap();
    assert!(
        refused.contains(
            "the host `api.{region}.shop.example.com` (from {{host}}) is not a host name"
        ),
        "{refused}"
    );
    assert!(refused.contains("(--var host=VALUE"), "{refused}");
    assert!(!out.exists());
    ccforge()
        .arg("convert")
        .arg(&collection)
        .arg("--env")
        .arg(&env)
        .args(["--var", "host=https://api.eu.shop.example.com", "-o"])
        .arg(&out)
        .assert()
        .code(0);
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(written["host"], "api.eu.shop.example.com");
    // Given twice, the variable takes its last value, as in Postman.
    let input = write(
        dir.path(),
        "twice.json",
        r#"{"info": {"name": "Docs", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "variable": [{"key": "baseUrl", "value": "{baseUrl}"},
                         {"key": "baseUrl", "value": "https://docs.contoso.com"}],
            "item": [{"name": "List files", "request": {"method": "GET", "url": "{{baseUrl}}/api/files"}}]}"#,
    );
    let swagger = converted(&input, &[0]);
    assert_eq!(swagger["host"], "docs.contoso.com");
}

#[test]
fn a_postman_base_url_that_is_a_path_alone_is_refused_by_name_and_its_path_kept_with_a_host() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "collection.json",
        r#"{"info": {"name": "MSP", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "variable": [{"key": "baseUrl", "value": "/"}],
            "item": [{"name": "Customers", "request": {"method": "GET", "url": "{{baseUrl}}/msp_api/v1/customers"}}]}"#,
    );
    let report = convert_report(&input, &[]);
    let said = common::picked(
        &report["diagnostics"],
        "rule",
        "postman-unresolved-variable",
        "message",
    );
    assert_eq!(
        said,
        [
            "the host comes from {{baseUrl}}, which gives the path `/` and no host, and the \
          collection cannot be converted without a host: pass --var baseUrl=VALUE, an \
          environment with it (--env FILE), or the host (--host api.example.com)"
        ]
    );
    // A connector without a host is not written.
    assert!(!dir.path().join("out.json").exists());
    // With the host given, the path stays whole.
    let swagger = {
        ccforge()
            .arg("convert")
            .arg(&input)
            .args(["--host", "apigw.contoso.com", "-o"])
            .arg(dir.path().join("given.json"))
            .assert()
            .code(0);
        let text = std::fs::read_to_string(dir.path().join("given.json")).unwrap();
        serde_json::from_str::<Value>(&text).unwrap()
    };
    assert_eq!(swagger["host"], "apigw.contoso.com");
    let paths = path_keys(&swagger);
    assert_eq!(paths, ["/msp_api/v1/customers"]);
}

#[test]
fn a_credential_like_header_beside_the_requests_auth_stays_a_parameter_without_its_value() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "collection.json",
        r#"{"info": {"name": "Partner", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{access_token}}"}]},
            "item": [{"name": "Create order", "request": {"method": "POST",
                "header": [{"key": "PayPal-Auth-Assertion", "value": "eyJhbGciOiJub25lIn0.eyJpc3MiOiJjbGllbnQifQ.",
                            "description": "Identifies the merchant."}],
                "url": "https://api.contoso.com/v2/orders"}}]}"#,
    );
    let report = convert_report(&input, &[]);
    let said = common::picked(&report["diagnostics"], "rule", "postman-auth", "message");
    assert!(
        said.contains(&"header `PayPal-Auth-Assertion` of `Create order` looks like a credential, and the request's auth is set already: kept as a parameter, without its value"),
        "{said:?}"
    );
    let text = std::fs::read_to_string(dir.path().join("out.json")).unwrap();
    assert!(!text.contains("eyJhbGciOiJub25lIn0"), "{text}");
    let swagger: Value = serde_json::from_str(&text).unwrap();
    let params = &swagger["paths"]["/v2/orders"]["post"]["parameters"];
    assert_eq!(
        params,
        &serde_json::json!([{"name": "PayPal-Auth-Assertion", "in": "header", "required": false,
            "type": "string", "description": "Identifies the merchant.",
            "x-ms-summary": "Pay Pal Auth Assertion"}]),
        "{params}"
    );
}

#[test]
fn a_finding_without_help_of_its_own_gets_its_rules_fix() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "apiDefinition.swagger.json",
        r#"{"swagger": "2.0", "info": {"title": "Docs", "version": "1.0", "description": "Docs."},
            "host": "api.contoso.com", "basePath": "/", "schemes": ["https"],
            "externalDocs": {"url": "/docs/reference"}, "paths": {}}"#,
    );
    let (report, code) = json_lint(&[input.to_str().unwrap()]);
    assert_eq!(code, 1, "{report}");
    let help = common::picked(&report["diagnostics"], "code", "CCF154", "help");
    assert_eq!(
        help,
        ["Write the full URL, with its scheme: `https://www.contoso.com/support`."]
    );
    // The pretty report shows it too.
    let out = ccforge().arg("lint").arg(&input).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("help: Write the full URL, with its scheme"),
        "{stdout}"
    );
}

#[test]
fn relative_documentation_links_are_dropped_from_a_converted_definition() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "openapi.json",
        r##"{"openapi": "3.0.3", "info": {"title": "Assets", "version": "1.0"},
            "servers": [{"url": "https://api.contoso.com"}],
            "externalDocs": {"url": "/docs"},
            "paths": {"/assets": {"post": {"operationId": "CreateAsset", "summary": "Create an asset",
                "externalDocs": {"url": "/api/products/assets/#create"},
                "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {
                    "type": "object", "properties": {
                        "id": {"type": "string", "externalDocs": {"url": "#ids"}},
                        "kind": {"type": "string", "externalDocs": {"url": "https://docs.contoso.com/kinds"}}}}}}}}}}}}"##,
    );
    let report = convert_report(&input, &[]);
    let said = common::picked(&report["diagnostics"], "rule", "openapi-dropped", "pointer");
    assert_eq!(
        said,
        [
            "/externalDocs/url",
            "/paths/~1assets/post/externalDocs/url",
            "/paths/~1assets/post/responses/200/content/application~1json/schema/properties/id/externalDocs/url",
        ]
    );
    let text = std::fs::read_to_string(dir.path().join("out.json")).unwrap();
    assert_eq!(text.matches("externalDocs").count(), 1, "{text}");
    assert!(text.contains("https://docs.contoso.com/kinds"), "{text}");
    let errors = common::picked(&report["diagnostics"], "severity", "error", "message");
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn refs_into_a_components_defs_get_a_copy_of_their_target() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        "openapi: 3.1.0\ninfo: {title: Things, version: '1.0'}\nservers: [{url: 'https://api.example.com'}]\n\
         paths:\n  /things:\n    get:\n      operationId: ListThings\n      responses:\n        '200':\n\
         \x20         description: OK\n          content:\n            application/json:\n\
         \x20             schema: {$ref: '#/components/schemas/Thing'}\n\
         components:\n  schemas:\n    Thing:\n      type: object\n      properties:\n\
         \x20       price: {$ref: '#/components/schemas/Thing/$defs/Money'}\n\
         \x20       tags: {type: array, items: {$ref: '#/components/schemas/Thing/$defs/Tag'}}\n\
         \x20     $defs:\n        Money: {type: string, pattern: '^[0-9]+$'}\n        Tag: {type: string, maxLength: 20}\n",
    );
    let output = dir.path().join("out.json");
    let out = ccforge()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(
        common::picked(&report["diagnostics"], "code", "CCF803", "message"),
        [
            "`$defs` has no Swagger 2.0 form; dropped (a `$ref` into it gets a copy of the schema it points to)"
        ]
    );
    let swagger: Value = serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap();
    let props = &swagger["definitions"]["Thing"]["properties"];
    assert_eq!(
        props["price"],
        json!({"type": "string", "pattern": "^[0-9]+$"})
    );
    assert_eq!(
        props["tags"]["items"],
        json!({"type": "string", "maxLength": 20})
    );
    assert!(!swagger.to_string().contains("$defs"));
}

#[test]
fn a_bearer_format_is_shown_in_code_frames_not_masked() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "api.yaml",
        "openapi: 3.0.3\ninfo: {title: T, version: '1.0'}\nservers: [{url: 'https://api.contoso.com'}]\n\
         components:\n  securitySchemes:\n    jwt: {type: http, scheme: bearer, bearerFormat: JWT}\n\
         security: [{jwt: []}]\npaths:\n  /things:\n    get:\n      operationId: ListThings\n\
         \x20     summary: List things\n      responses: {'200': {description: OK}}\n",
    );
    let out = ccforge()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("out.json"))
        .arg("--all")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(" 6 │     jwt: {type: http, scheme: bearer, bearerFormat: JWT}"),
        "{stderr}"
    );
}

/// The platform uses one security scheme: one that no requirement names is left out (it would
/// only add errors and the several-definitions warning), unless no requirement names a
/// declared one.
#[test]
fn security_schemes_nothing_requires_are_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let schemes = "components:\n  securitySchemes:\n    key: {type: apiKey, in: header, name: X-Key}\n\
         \x20   oidc: {type: openIdConnect, openIdConnectUrl: 'https://login.contoso.com/.well-known/openid-configuration'}\n";
    let paths = "paths:\n  /things:\n    get:\n      operationId: ListThings\n      summary: List things\n\
         \x20     responses: {'200': {description: OK}}\n";
    let head = "openapi: 3.0.3\ninfo: {title: T, version: '1.0'}\nservers: [{url: 'https://api.contoso.com'}]\n";
    for (name, security, kept) in [
        ("required.yaml", "security: [{key: []}]\n", vec!["key"]),
        ("unrequired.yaml", "", vec!["key", "oidc"]),
        // A requirement naming no declared scheme leaves them all in place.
        (
            "misspelt.yaml",
            "security: [{Key: []}]\n",
            vec!["key", "oidc"],
        ),
    ] {
        let input = write(
            dir.path(),
            name,
            &format!("{head}{security}{schemes}{paths}"),
        );
        let output = dir.path().join(format!("{name}.json"));
        let out = ccforge()
            .arg("convert")
            .arg(&input)
            .arg("-o")
            .arg(&output)
            .args(["--format", "json"])
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stderr).unwrap();
        let swagger: Value =
            serde_json::from_str(&std::fs::read_to_string(&output).unwrap_or_default())
                .unwrap_or(Value::Null);
        let names: Vec<&String> = swagger["securityDefinitions"]
            .as_object()
            .map(|m| m.keys().collect())
            .unwrap_or_default();
        assert_eq!(names, kept, "{name}: {report}");
        if name == "required.yaml" {
            assert_eq!(out.status.code(), Some(0), "{report}");
            let told = common::picked(
                &report["diagnostics"],
                "pointer",
                "/components/securitySchemes/oidc",
                "message",
            );
            assert_eq!(
                told,
                [
                    "security scheme `oidc` is required neither by the definition's `security` nor by any operation's; left out"
                ],
                "{report}"
            );
        }
    }
}

/// Writes `openapi.yaml` (OpenAPI `version`) in `dir`: one operation, `GET /pets`, whose 200
/// response is JSON of `schema`, and the component `schemas`. Both are YAML written from the
/// left margin (a leading newline is left out); they are indented into place.
fn openapi_with_response(dir: &Path, version: &str, schema: &str, schemas: &str) -> PathBuf {
    let indent = |text: &str, by: usize| -> String {
        text.lines()
            .filter(|l| !l.is_empty())
            .map(|l| format!("{:by$}{l}\n", ""))
            .collect()
    };
    let text = format!(
        "openapi: {version}\ninfo: {{title: T, version: \"1\"}}\n\
         servers: [{{url: \"https://api.example.com\"}}]\npaths:\n  /pets:\n    get:\n      \
         operationId: GetPets\n      responses:\n        \"200\":\n          description: OK\n          \
         content:\n            application/json:\n              schema:\n{}components:\n  schemas:\n{}",
        indent(schema, 16),
        indent(schemas, 4)
    );
    write(dir, "openapi.yaml", &text)
}

/// What stands beside a `$ref` (meaningful in OpenAPI 3.1) is dropped in Swagger 2.0: said once
/// per schema, naming the keys; wrapped in `allOf` they are kept.
#[test]
fn keys_beside_a_ref_are_told_when_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let input = openapi_with_response(
        dir.path(),
        "3.1.0",
        r##"
type: object
properties:
  owner:
    $ref: '#/components/schemas/Person'
    description: The pet's owner
    readOnly: true
  vet:
    $ref: '#/components/schemas/Person'
    $comment: only a comment
  sitter:
    allOf: [{$ref: '#/components/schemas/Person'}]
    description: Who looks after it
"##,
        r##"
Person: {type: object, properties: {name: {type: string}}}
"##,
    );
    let report = convert_report(&input, &[]);
    let diags = &report["diagnostics"];
    assert_eq!(
        common::picked(diags, "code", "CCF803", "message"),
        ["`description`, `readOnly` beside `$ref` are ignored in Swagger 2.0; dropped"]
    );
    assert_eq!(
        common::picked(diags, "code", "CCF803", "pointer"),
        ["/paths/~1pets/get/responses/200/content/application~1json/schema/properties/owner"]
    );
    let out = convert_output(&input);
    let props = &out["paths"]["/pets"]["get"]["responses"]["200"]["schema"]["properties"];
    assert_eq!(
        props["owner"],
        serde_json::json!({"$ref": "#/definitions/Person"})
    );
    assert_eq!(props["sitter"]["description"], "Who looks after it");
}

/// `oneOf` of objects composed with `allOf` (a discriminator's `Dog: allOf: [Pet, {...}]`) merges
/// as objects do: the parts' properties, and what every alternative requires.
#[test]
fn one_of_objects_composed_with_all_of_merge_into_one_object() {
    let dir = tempfile::tempdir().unwrap();
    let input = openapi_with_response(
        dir.path(),
        "3.0.3",
        r##"
oneOf:
  - $ref: '#/components/schemas/Dog'
  - $ref: '#/components/schemas/Cat'
"##,
        r##"
Pet:
  type: object
  required: [kind]
  properties: {kind: {type: string}}
Dog:
  allOf:
    - $ref: '#/components/schemas/Pet'
    - type: object
      required: [bark]
      properties: {bark: {type: boolean}}
Cat:
  allOf:
    - $ref: '#/components/schemas/Pet'
    - description: A cat
    - properties: {meow: {type: boolean}}
"##,
    );
    let report = convert_report(&input, &[]);
    assert_eq!(
        common::picked(&report["diagnostics"], "code", "CCF803", "message"),
        [
            "`oneOf` with 2 object alternatives became one object with all their properties (required: only what every alternative requires)"
        ]
    );
    let out = convert_output(&input);
    assert_eq!(
        out["paths"]["/pets"]["get"]["responses"]["200"]["schema"],
        serde_json::json!({"type": "object", "properties": {"kind": {"type": "string"},
            "bark": {"type": "boolean"}, "meow": {"type": "boolean"}}, "required": ["kind"]})
    );
}

/// Components that are nothing but references leading back to themselves describe nothing, and
/// written as they are a validator would follow them forever: the first of each loop becomes an
/// empty schema, with an error at its `$ref` naming the loop.
#[test]
fn reference_only_loops_are_broken_and_told() {
    let dir = tempfile::tempdir().unwrap();
    let input = openapi_with_response(
        dir.path(),
        "3.0.3",
        r##"
{$ref: '#/components/schemas/A'}
"##,
        r##"
A: {$ref: '#/components/schemas/B'}
B: {$ref: '#/components/schemas/C'}
C: {$ref: '#/components/schemas/A'}
Self: {$ref: '#/components/schemas/Self'}
Pet: {type: object, properties: {friend: {$ref: '#/components/schemas/Pet'}}}
"##,
    );
    let report = convert_report(&input, &[]);
    let diags = &report["diagnostics"];
    assert_eq!(
        common::picked(diags, "code", "CCF802", "message"),
        [
            "schema `A` is only a `$ref`, and the references lead back to it (A → B → C → A): it describes nothing; it became an empty schema",
            "schema `Self` is only a `$ref`, and the references lead back to it (Self → Self): it describes nothing; it became an empty schema"
        ]
    );
    assert_eq!(
        common::picked(diags, "code", "CCF802", "pointer"),
        [
            "/components/schemas/A/$ref",
            "/components/schemas/Self/$ref"
        ]
    );
    let out = convert_output(&input);
    let defs = &out["definitions"];
    assert_eq!(defs["A"], serde_json::json!({}));
    // The rest of the loop, aliases of `A` once it is broken, is not kept as aliases.
    assert!(defs.get("B").is_none() && defs.get("C").is_none(), "{defs}");
    assert_eq!(defs["Self"], serde_json::json!({}));
    // A schema that refers to itself through a property is no loop of references.
    assert_eq!(
        defs["Pet"]["properties"]["friend"],
        serde_json::json!({"$ref": "#/definitions/Pet"})
    );
}

#[test]
fn lint_finds_the_secrets_fix_withholds() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "apiDefinition.swagger.json",
        r#"{"swagger": "2.0", "info": {"title": "Tasks", "version": "1.0", "description": "Tasks."},
            "host": "api.contoso.com", "schemes": ["https"],
            "securityDefinitions": {"oauth": {"type": "oauth2", "flow": "accessCode",
                "authorizationUrl": "https://login.contoso.com/authorize",
                "tokenUrl": "https://login.contoso.com/token?client_secret=Zx9Qw8Er7Ty6Ui5Op4"}},
            "paths": {},
            "definitions": {"Login": {"type": "object", "properties": {
                "password": {"type": "string", "example": "Hunter2Hunter2Secret99"}}}}}"#,
    );
    let (report, code) = json_lint(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    let secrets: Vec<(&str, &str)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "secret-in-definition")
        .map(|d| {
            (
                d["severity"].as_str().unwrap(),
                d["pointer"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        secrets,
        [
            ("error", "/securityDefinitions/oauth/tokenUrl"),
            ("warning", "/definitions/Login/properties/password/example"),
        ]
    );
}

/// An OpenAPI 3 definition of one operation on `api.contoso.com`.
const ONE_OPERATION: &str = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n\
    servers: [{url: 'https://api.contoso.com'}]\npaths:\n  /a:\n    get:\n      operationId: A\n\
    \x20     summary: A\n      responses: {'200': {description: OK}}\n";

#[test]
fn convert_with_oauth_and_no_urls_names_the_options_that_give_them() {
    // Without --out-dir no apiProperties.json is written: the definition's empty URLs say
    // which option fills each in.
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "api.yaml", ONE_OPERATION);
    let out = ccforge()
        .arg("convert")
        .arg(&input)
        .args(["--auth", "oauth2", "--format", "json", "-o"])
        .arg(dir.path().join("out.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stderr).unwrap();
    let said: Vec<(&str, &str)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "url-invalid")
        .map(|d| (d["message"].as_str().unwrap(), d["help"].as_str().unwrap()))
        .collect();
    assert_eq!(
        said,
        [
            (
                "the OAuth 2.0 `authorizationUrl` is empty: the connection cannot sign users in",
                "pass --authorization-url with the API's absolute https:// URL (its documentation gives it)"
            ),
            (
                "the OAuth 2.0 `tokenUrl` is empty: the connection cannot sign users in",
                "pass --token-url with the API's absolute https:// URL (its documentation gives it)"
            ),
        ]
    );
}

#[test]
fn counts_of_one_are_singular_in_the_plan_and_the_baseline_line() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "api.yaml", ONE_OPERATION);
    let plan = ccforge()
        .arg("convert")
        .arg(&input)
        .arg("--plan")
        .output()
        .unwrap();
    let text = String::from_utf8(plan.stdout).unwrap();
    assert!(text.contains("1 connector, 1 operation, "), "{text}");
    let definition = write(
        dir.path(),
        "def.json",
        r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "host": "api.contoso.com", "paths": {}}"#,
    );
    let baseline = dir.path().join("baseline.json");
    let run = ccforge()
        .arg("lint")
        .arg(&definition)
        .arg("--write-baseline")
        .arg(&baseline)
        .output()
        .unwrap();
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(stderr.contains("Recorded 1 finding in "), "{stderr}");
}

#[test]
fn a_missing_responses_is_told_once_and_an_empty_one_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc: Value = serde_json::from_str(&clean_swagger()).unwrap();
    let (path, method) = {
        let paths = doc["paths"].as_object().unwrap();
        let (path, item) = paths.iter().next().unwrap();
        let method = item.as_object().unwrap().keys().next().unwrap().clone();
        (path.clone(), method)
    };
    let op = doc["paths"][&path][&method].as_object_mut().unwrap();
    op.remove("responses");
    let missing = write(dir.path(), "missing.json", &doc.to_string());
    doc["paths"][&path][&method]["responses"] = json!({});
    let empty = write(dir.path(), "empty.json", &doc.to_string());

    let (report, status) = json_lint(&[missing.to_str().unwrap()]);
    assert_eq!(codes(&report), ["CCF116"], "{report}");
    assert_eq!(status, 1);
    let (report, status) = json_lint(&[empty.to_str().unwrap()]);
    assert_eq!(codes(&report), ["CCF225"], "{report}");
    assert_eq!(status, 0);
}

/// An OpenAPI 3 definition whose path keys tell operations apart by a fragment or a query
/// alone, as query-protocol APIs do: `/` serves ListQueues and CreateQueue, `/queues/{id}`
/// serves UpdateQueue and PurgeQueue, all told apart by what they send; `/Queues/{name}/` is
/// `/queues/{id}` to the platform.
const SHARED_PATHS: &str = "openapi: 3.0.3
info: {title: Queues, version: '1', description: Queues.}
servers: [{url: 'https://queue.contoso.com/api'}]
paths:
  /#Action=ListQueues:
    get:
      operationId: ListQueues
      parameters:
        - {name: Action, in: query, required: true, schema: {type: string, enum: [ListQueues]}}
      responses: {'200': {description: OK}}
  /#Action=CreateQueue:
    get:
      operationId: CreateQueue
      parameters:
        - {name: Action, in: query, required: true, schema: {type: string, enum: [CreateQueue]}}
      responses: {'200': {description: OK}}
  /queues/{id}:
    post:
      operationId: UpdateQueue
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: OK}}
  /queues/{id}?purge=true:
    post:
      operationId: PurgeQueue
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: OK}}
  /Queues/{name}/#stats:
    get:
      operationId: QueueStats
      parameters: [{name: name, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: OK}}
";

/// A connector folder keeps every operation: one whose path the connector cannot give it is
/// written at a path of its own, which a route policy in apiProperties.json sends back (in the
/// part that holds it, when split). A single definition file, which has no apiProperties.json,
/// leaves it out and says how to keep it.
#[test]
fn operations_sharing_a_path_are_routed_back_in_a_connector_folder() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "queues.yaml", SHARED_PATHS);
    let out = dir.path().join("Queues");
    let (code, report) = common::convert_dir(&input, &out, &[]);
    assert_eq!(code, 0, "{report:#}");
    let read = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(out.join(name)).unwrap()).unwrap()
    };
    let swagger = read("apiDefinition.swagger.json");
    let operations: Vec<(String, String, String)> = swagger["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object().unwrap().iter().map(move |(method, op)| {
                let id = op["operationId"].as_str().unwrap().to_string();
                (path.clone(), method.clone(), id)
            })
        })
        .collect();
    let op = |p: &str, m: &str, id: &str| (p.to_string(), m.to_string(), id.to_string());
    assert_eq!(
        operations,
        [
            op("/queues/{id}", "post", "UpdateQueue"),
            op("/", "get", "ListQueues"),
            op("/virtual/CreateQueue", "get", "CreateQueue"),
            op("/queues/{id}/virtual/purge-true", "post", "PurgeQueue"),
            op("/Queues/{name}/virtual/stats", "get", "QueueStats"),
        ]
    );
    // The query's value is still sent.
    let purge = &swagger["paths"]["/queues/{id}/virtual/purge-true"]["post"]["parameters"][1];
    assert_eq!(
        (&purge["name"], &purge["default"], &purge["x-ms-visibility"]),
        (&json!("purge"), &json!("true"), &json!("internal"))
    );
    let route = |to: &str, id: &str| {
        json!({
            "templateId": "routerequesttoendpoint",
            "title": format!("Route to {to}"),
            "parameters": {
                "x-ms-apimTemplate-operationName": [id],
                "x-ms-apimTemplateParameter.newPath": to,
                "x-ms-apimTemplateParameter.httpMethod": "@Request.OriginalHTTPMethod"
            }
        })
    };
    assert_eq!(
        read("apiProperties.json")["properties"]["policyTemplateInstances"],
        json!([
            route("/", "CreateQueue"),
            route("/queues/{id}", "PurgeQueue"),
            route("/Queues/{name}/", "QueueStats")
        ])
    );
    let told: Vec<&str> = common::findings_of(&report, "openapi-path")
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        told.iter().any(|m| m.contains(
            "its GET operation is written at `/virtual/CreateQueue` (`/` has a GET operation \
             already), and a route policy in apiProperties.json sends it to `/`"
        )),
        "{told:#?}"
    );
    // The folder lints clean: the policies name operations that exist.
    ccforge().arg("lint").arg(&out).assert().code(0);

    // Split, each part holds the policies of its routed operations.
    let parts = dir.path().join("Parts");
    let (code, report) = common::convert_dir(&input, &parts, &["--split-by", "path"]);
    assert_eq!(code, 0, "{report:#}");
    let policies = |part: &str| -> Value {
        let props: Value = serde_json::from_str(
            &std::fs::read_to_string(parts.join(part).join("apiProperties.json")).unwrap(),
        )
        .unwrap();
        props["properties"]["policyTemplateInstances"].clone()
    };
    assert_eq!(policies("Virtual"), json!([route("/", "CreateQueue")]));
    assert_eq!(
        policies("Queues"),
        json!([
            route("/queues/{id}", "PurgeQueue"),
            route("/Queues/{name}/", "QueueStats")
        ])
    );
    ccforge()
        .arg("lint")
        .arg(parts.join("Queues"))
        .assert()
        .code(0);

    // Without a folder, they are left out, each with the way to keep it.
    let (code, report) = common::convert_json(&input, &[]);
    assert_eq!(code, 0);
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.json")).unwrap())
            .unwrap();
    let paths: Vec<&String> = written["paths"].as_object().unwrap().keys().collect();
    assert_eq!(paths, ["/queues/{id}", "/"]);
    let left_out: Vec<(&str, &str)> = common::findings_of(&report, "openapi-path")
        .iter()
        .filter(|d| d["message"].as_str().unwrap().contains("was left out"))
        .map(|d| (d["pointer"].as_str().unwrap(), d["help"].as_str().unwrap()))
        .collect();
    assert_eq!(left_out.len(), 3, "{report:#}");
    assert!(left_out[0].0.ends_with("CreateQueue/get"), "{left_out:?}");
    assert!(left_out[0].1.contains("--out-dir"), "{left_out:?}");
}
