//! Checks on the real connectors in ../shared/corpus (skipped when that folder is absent):
//! no panic, every finding located, and faults injected into real connectors found at the right
//! pointer while the untouched connectors do not have them.

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn corpus() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/connectors");
    p.is_dir().then_some(p)
}

fn lint_json(path: &Path) -> Value {
    let out = Command::cargo_bin("ccforge")
        .unwrap()
        .env_remove("GITHUB_ACTIONS")
        .args(["lint", "--format=json", "--fail-on=never"])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 2)),
        "{}: exit {:?}: {}",
        path.display(),
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn whole_corpus_lints_without_panic_and_every_finding_is_located() {
    let Some(root) = corpus() else {
        eprintln!("skipping: ../shared/corpus/connectors is absent");
        return;
    };
    let v = lint_json(&root);
    let diags = v["diagnostics"].as_array().unwrap();
    assert!(v["summary"]["files"].as_u64().unwrap() > 2000);
    for d in diags {
        assert!(d["line"].as_u64().is_some_and(|l| l >= 1), "unlocated: {d}");
        assert!(
            d["column"].as_u64().is_some_and(|c| c >= 1),
            "unlocated: {d}"
        );
    }
    // Only genuinely broken files may fail to parse.
    let parse_errors = diags.iter().filter(|d| d["code"] == "CCF002").count();
    assert!(parse_errors <= 4, "{parse_errors} parse errors");
}

/// A connector from the corpus copied to a temporary folder, for fault injection.
struct Copy {
    _dir: tempfile::TempDir,
    folder: PathBuf,
}

fn copy_connector(name: &str) -> Option<Copy> {
    let src = corpus()?.join(name);
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("c");
    std::fs::create_dir(&folder).unwrap();
    for f in ["apiDefinition.swagger.json", "apiProperties.json"] {
        std::fs::copy(src.join(f), folder.join(f)).unwrap();
    }
    Some(Copy { _dir: dir, folder })
}

fn findings(folder: &Path, rule: &str) -> Vec<String> {
    findings_at_least(folder, rule, "info")
}

/// Pointers of a rule's findings at the given severity or above.
fn findings_at_least(folder: &Path, rule: &str, severity: &str) -> Vec<String> {
    let rank = |s: &str| ["info", "warning", "error"].iter().position(|x| *x == s);
    lint_json(folder)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule && rank(d["severity"].as_str().unwrap()) >= rank(severity))
        .map(|d| d["pointer"].as_str().unwrap_or("").to_string())
        .collect()
}

fn edit(folder: &Path, file: &str, f: impl FnOnce(&mut Value)) {
    let p = folder.join(file);
    let text = std::fs::read_to_string(&p).unwrap();
    let mut v: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
    f(&mut v);
    std::fs::write(&p, serde_json::to_string_pretty(&v).unwrap()).unwrap();
}

/// (rule, fault, expected pointer) on a real connector.
type Fault = (&'static str, fn(&mut Value), &'static str);

#[test]
fn injected_faults_are_found_at_their_pointer() {
    let connector = "certified-connectors/Microsoft Bookings";
    let Some(probe) = copy_connector(connector) else {
        eprintln!("skipping: corpus absent");
        return;
    };
    let faults: &[Fault] = &[
        (
            "swagger-version",
            |v| v["swagger"] = Value::from(2.0),
            "/swagger",
        ),
        (
            "host-invalid",
            |v| v["host"] = Value::from("https://example.com/api"),
            "/host",
        ),
        (
            "base-path-invalid",
            |v| v["basePath"] = Value::from("api"),
            "/basePath",
        ),
        (
            "schemes-invalid",
            |v| v["schemes"] = serde_json::json!([]),
            "/schemes",
        ),
        (
            "path-trailing-slash",
            |v| {
                let paths = v["paths"].as_object_mut().unwrap();
                paths.insert("/injected/".into(), serde_json::json!({"get": {"operationId": "Injected", "responses": {"200": {"description": "OK"}}}}));
            },
            "/paths/~1injected~1",
        ),
        (
            "operation-id-duplicate",
            |v| {
                let paths = v["paths"].as_object_mut().unwrap();
                paths.insert("/injected".into(), serde_json::json!({"get": {"operationId": "CreateAppointment", "responses": {"200": {"description": "OK"}}}}));
            },
            "/paths/~1injected/get/operationId",
        ),
        (
            "connection-id-parameter",
            |v| {
                let paths = v["paths"].as_object_mut().unwrap();
                paths.insert("/injected".into(), serde_json::json!({"get": {"operationId": "Injected", "parameters": [{"name": "connectionId", "in": "query", "type": "string"}], "responses": {"200": {"description": "OK"}}}}));
            },
            "/paths/~1injected/get/parameters/0/name",
        ),
        (
            "missing-security-definitions",
            |v| {
                v.as_object_mut().unwrap().remove("securityDefinitions");
            },
            "",
        ),
        (
            "ref-not-found",
            |v| {
                v["definitions"]
                    .as_object_mut()
                    .unwrap()
                    .remove("MailboxEntity");
            },
            "/definitions/ListMailboxResponse/properties/mailboxes/items/$ref",
        ),
        (
            "path-redefined",
            |v| {
                let paths = v["paths"].as_object_mut().unwrap();
                paths.insert(
                    "/BOOKINGSSERVICE/api/V1/bookingBusinessesUserAsAdmin".into(),
                    serde_json::json!({}),
                );
            },
            "/paths/~1BOOKINGSSERVICE~1api~1V1~1bookingBusinessesUserAsAdmin",
        ),
        (
            "path-duplicate",
            |v| {
                let paths = v["paths"].as_object_mut().unwrap();
                paths.insert("/BookingsService/api/V1/bookingBusinesses/{Address}/webhook/{Id}".into(), serde_json::json!({"delete": {"operationId": "Injected", "responses": {"200": {"description": "OK"}}}}));
            },
            "/paths/~1BookingsService~1api~1V1~1bookingBusinesses~1{Address}~1webhook~1{Id}/delete",
        ),
    ];
    // The untouched connector has none of these findings.
    for (rule, _, _) in faults {
        assert!(
            findings(&probe.folder, rule).is_empty(),
            "{rule} on the untouched connector"
        );
    }
    for (rule, fault, pointer) in faults {
        let c = copy_connector(connector).unwrap();
        edit(&c.folder, "apiDefinition.swagger.json", fault);
        let found = findings(&c.folder, rule);
        assert!(
            found.iter().any(|p| p == pointer),
            "{rule}: expected {pointer}, got {found:?}"
        );
    }
}

#[test]
fn injected_resource_url_slash_is_found() {
    let Some(c) = copy_connector("certified-connectors/Microsoft Bookings") else {
        eprintln!("skipping: corpus absent");
        return;
    };
    let base =
        "/properties/connectionParameters/token/oAuthSettings/customParameters/resourceUri/value";
    // The untouched connector only gets the informational reminder.
    assert!(findings_at_least(&c.folder, "resource-url-trailing-slash", "warning").is_empty());
    edit(&c.folder, "apiProperties.json", |v| {
        v["properties"]["connectionParameters"]["token"]["oAuthSettings"]["customParameters"]["resourceUri"]
            ["value"] = Value::from("https://management.azure.com");
    });
    assert_eq!(
        findings_at_least(&c.folder, "resource-url-trailing-slash", "error"),
        [base]
    );
}

/// Findings as (code, pointer), sorted.
type Findings = Vec<(String, String)>;

/// Findings on the definition `convert` writes, as its own report gives them and as `lint`
/// gives them on the written file. The passes' own reports (`fix-*`) are left out; only
/// `convert` makes them.
fn convert_and_lint(input: &Path, out: &Path) -> Option<(Findings, Findings)> {
    let run = |args: &[&std::ffi::OsStr]| {
        Command::cargo_bin("ccforge")
            .unwrap()
            .env_remove("GITHUB_ACTIONS")
            .args(args)
            .output()
            .unwrap()
    };
    let converted = run(&[
        "convert".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
        "--force".as_ref(),
        "--format=json".as_ref(),
    ]);
    if !out.exists() {
        return None;
    }
    let linted = run(&["lint".as_ref(), out.as_os_str(), "--format=json".as_ref()]);
    std::fs::remove_file(out).unwrap();
    let pairs = |report: &[u8], only_out: bool| -> Findings {
        let v: Value = serde_json::from_slice(report).unwrap();
        let mut found: Findings = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| !only_out || d["file"] == out.display().to_string())
            .filter(|d| !d["rule"].as_str().unwrap().starts_with("fix-"))
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["pointer"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        found.sort();
        found
    };
    Some((pairs(&converted.stderr, true), pairs(&linted.stdout, false)))
}

/// `convert` lints what it writes while the text is still being rendered: it must find what
/// `lint` finds in the written file, rule for rule (rules that first search the text for the
/// extension they check once found nothing there).
#[test]
fn convert_reports_what_lint_finds_in_the_written_file() {
    let Some(defs) = common::connector_definitions() else {
        eprintln!("skipping: ../shared/corpus/connectors is absent");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("apiDefinition.swagger.json");
    let mut checked = 0;
    for (path, _) in defs.iter().step_by(5) {
        let Some((converted, linted)) = convert_and_lint(path, &out) else {
            continue;
        };
        assert_eq!(converted, linted, "{}", path.display());
        checked += 1;
    }
    assert!(checked > 150, "only {checked} connectors converted");
}
