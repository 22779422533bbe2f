//! Golden tests for `fix` and `convert`, through the real binary.
//!
//! - `fixtures/fix/NAME.json|yaml`: `ccforge fix NAME` must print `NAME.out.json|yaml` and report
//!   exactly `NAME.expected` (one diagnostic per line, with its message).
//! - `fixtures/convert/NAME/`: `ccforge convert` runs inside the folder on its `input.*` file with
//!   the arguments listed in `args` (one per line, optional); it must print `expected.json` and
//!   report exactly `expected.txt`. A case without `expected.json` must fail instead: exit 2,
//!   nothing printed, and its errors reported exactly as `expected.txt` says.
//!
//! Run with `CCFORGE_BLESS=1` to rewrite the expected files after a deliberate change.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn run(dir: &Path, args: &[String]) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("ccforge")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .args(["--format=json"])
        .env_remove("GITHUB_ACTIONS")
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0..=2)),
        "{args:?} in {}: exit {:?}\n{}",
        dir.display(),
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|e| {
        panic!(
            "{args:?}: the diagnostics are not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let mut lines = String::new();
    for d in report["diagnostics"].as_array().unwrap() {
        lines.push_str(&format!(
            "{}:{}:{} {} {} {} {} | {}\n",
            d["file"].as_str().unwrap_or("-"),
            d["line"],
            d["column"],
            d["code"].as_str().unwrap(),
            d["rule"].as_str().unwrap(),
            d["severity"].as_str().unwrap(),
            d["pointer"].as_str().unwrap_or("-"),
            d["message"].as_str().unwrap(),
        ));
    }
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        lines,
    )
}

/// Compares (or, when blessing, writes) one expected file.
fn compare(path: &Path, actual: &str, failures: &mut Vec<String>) {
    if std::env::var_os("CCFORGE_BLESS").is_some() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let want = std::fs::read_to_string(path)
        .unwrap_or_else(|_| panic!("missing {}; run with CCFORGE_BLESS=1", path.display()));
    if want != actual {
        failures.push(format!(
            "{}\n--- expected\n{want}--- actual\n{actual}",
            path.display()
        ));
    }
}

#[test]
fn fix_fixtures_give_their_golden_output_and_diagnostics() {
    let dir = root().join("fix");
    let mut failures = Vec::new();
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some((stem, ext)) = name.rsplit_once('.') else {
            continue;
        };
        if stem.ends_with(".out") || ext == "expected" {
            continue;
        }
        n += 1;
        let (code, stdout, diags) = run(&dir, &["fix".into(), name.clone()]);
        assert!(matches!(code, Some(0 | 1)), "fix {name}: exit {code:?}");
        compare(
            &dir.join(format!("{stem}.out.{ext}")),
            &stdout,
            &mut failures,
        );
        compare(&dir.join(format!("{stem}.expected")), &diags, &mut failures);
    }
    assert!(n >= 1, "no fixtures");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn convert_fixtures_give_their_golden_output_and_diagnostics() {
    let dir = root().join("convert");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut failures = Vec::new();
    for entry in entries {
        let case = entry.unwrap().path();
        if !case.is_dir() {
            continue;
        }
        let input = std::fs::read_dir(&case)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with("input."))
            .unwrap_or_else(|| panic!("{}: no input.* file", case.display()));
        let mut args = vec!["convert".to_string(), input];
        if let Ok(extra) = std::fs::read_to_string(case.join("args")) {
            args.extend(extra.lines().filter(|l| !l.is_empty()).map(str::to_string));
        }
        let (code, stdout, diags) = run(&case, &args);
        let expected = case.join("expected.json");
        let bless = std::env::var_os("CCFORGE_BLESS").is_some();
        if code == Some(2) {
            if bless {
                let _ = std::fs::remove_file(&expected);
            } else if expected.exists() {
                failures.push(format!("{}: exit 2, no output", case.display()));
            }
            if !stdout.is_empty() {
                failures.push(format!("{}: exit 2, yet printed {stdout}", case.display()));
            }
        } else if bless || expected.exists() {
            compare(&expected, &stdout, &mut failures);
        } else {
            failures.push(format!(
                "{}: no expected.json, so the conversion must fail (exit 2); it exited {code:?}",
                case.display()
            ));
        }
        compare(&case.join("expected.txt"), &diags, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
