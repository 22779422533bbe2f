//! Golden tests: each fixture under fixtures/lint is linted through the real binary, and the
//! findings (position, code, rule, severity, pointer) must equal the `.expected` file beside it.
//! Run with `CCFORGE_BLESS=1` to rewrite the expected files after a deliberate change.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/lint")
}

/// One line per finding, paths relative to fixtures/lint.
fn findings(target: &Path) -> String {
    let out = Command::cargo_bin("ccforge")
        .unwrap()
        .current_dir(fixtures())
        .arg("lint")
        .arg("--format=json")
        .arg("--fail-on=never")
        .arg(target.strip_prefix(fixtures()).unwrap())
        .env_remove("GITHUB_ACTIONS")
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: not JSON ({e}): {}",
            target.display(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut lines = String::new();
    for d in report["diagnostics"].as_array().unwrap() {
        lines.push_str(&format!(
            "{}:{}:{} {} {} {} {}\n",
            d["file"].as_str().unwrap(),
            d["line"],
            d["column"],
            d["code"].as_str().unwrap(),
            d["rule"].as_str().unwrap(),
            d["severity"].as_str().unwrap(),
            d["pointer"].as_str().unwrap_or("-"),
        ));
    }
    lines
}

fn check(target: &Path, expected: &Path) -> Option<String> {
    let actual = findings(target);
    if std::env::var_os("CCFORGE_BLESS").is_some() {
        std::fs::write(expected, &actual).unwrap();
        return None;
    }
    let want = std::fs::read_to_string(expected)
        .unwrap_or_else(|_| panic!("missing {}; run with CCFORGE_BLESS=1", expected.display()));
    (want != actual).then(|| {
        format!(
            "{}\n--- expected\n{want}--- actual\n{actual}",
            target.display()
        )
    })
}

#[test]
fn every_rule_fixture_reports_exactly_its_findings() {
    let mut failures = Vec::new();
    let mut n = 0;
    for entry in std::fs::read_dir(fixtures().join("rules")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "expected") {
            continue;
        }
        n += 1;
        let expected = path.with_extension(format!(
            "{}.expected",
            path.extension().unwrap().to_string_lossy()
        ));
        failures.extend(check(&path, &expected));
    }
    assert!(n >= 20, "only {n} fixtures found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_connector_fixture_reports_exactly_its_findings() {
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(fixtures().join("connectors")).unwrap() {
        let dir = entry.unwrap().path();
        if dir.is_dir() {
            failures.extend(check(&dir, &dir.join("expected.txt")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
