//! Helpers shared by the tests.
// Each test crate uses some of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The binary, with the environment pinned: no GitHub Actions format by default, no colour.
pub fn ccforge() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("ccforge").unwrap();
    c.env_remove("GITHUB_ACTIONS").env("NO_COLOR", "1");
    c
}

/// Writes `text` to `rel` under `dir` (making its folders) and returns the path.
pub fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

/// Converts `input` into `out.json` beside it with `--format json` and `extra`: the exit code
/// and the report.
pub fn convert_json(input: &Path, extra: &[&str]) -> (i32, serde_json::Value) {
    let out = input.with_file_name("out.json");
    convert_report(input, &["-o".as_ref(), out.as_os_str()], extra)
}

/// `ccforge convert input destination... --format json extra...`: the exit code and the report.
fn convert_report(
    input: &Path,
    destination: &[&std::ffi::OsStr],
    extra: &[&str],
) -> (i32, serde_json::Value) {
    let run = ccforge()
        .arg("convert")
        .arg(input)
        .args(destination)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let report = serde_json::from_slice(&run.stderr).unwrap();
    (run.status.code().unwrap_or(-1), report)
}

/// Converts `input` into the connector folder `out` with `--format json` and `extra`: the exit
/// code and the report.
pub fn convert_dir(input: &Path, out: &Path, extra: &[&str]) -> (i32, serde_json::Value) {
    convert_report(input, &["--out-dir".as_ref(), out.as_os_str()], extra)
}

/// A folder of ../shared/corpus, when it sits beside the clone.
pub fn corpus(sub: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(sub);
    p.is_dir().then_some(p)
}

/// Every file under `root` whose extension is one of `exts`, sorted.
pub fn files(root: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .build()
        .flatten()
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| exts.iter().any(|x| e == *x)))
        .collect();
    v.sort();
    v
}

/// Every corpus connector's apiDefinition.swagger.json that parses, with its path; `None` when
/// the corpus is absent.
pub fn connector_definitions() -> Option<Vec<(PathBuf, serde_json::Value)>> {
    let dir = corpus("connectors")?;
    Some(
        files(&dir, &["json"])
            .into_iter()
            .filter(|p| {
                p.file_name().is_some_and(|f| {
                    f.to_string_lossy()
                        .eq_ignore_ascii_case("apiDefinition.swagger.json")
                })
            })
            .filter_map(|p| {
                let value = ccforge::source::load_path(&p, "x").ok()?.value;
                Some((p, value))
            })
            .collect(),
    )
}

/// A git runner for a fresh repository in `dir` (`git init` done), or `None` without git.
pub fn git_repo(dir: &Path) -> Option<impl Fn(&[&str]) + '_> {
    std::process::Command::new("git")
        .arg("--version")
        .output()
        .ok()?;
    let git = move |args: &[&str]| {
        let s = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(dir)
            .output()
            .unwrap();
        assert!(s.status.success(), "{}", String::from_utf8_lossy(&s.stderr));
    };
    git(&["init", "-q"]);
    Some(git)
}

/// The `field` of each element of the array `list` whose `key` is `value`, in order: the
/// messages of one code in a JSON report, the rules of the breaking changes of a diff.
pub fn picked<'a>(
    list: &'a serde_json::Value,
    key: &str,
    value: &str,
    field: &str,
) -> Vec<&'a str> {
    list.as_array()
        .expect("an array")
        .iter()
        .filter(|x| x[key] == value)
        .map(|x| x[field].as_str().expect("a string"))
        .collect()
}

/// The `name` of each element of the array `list`, in order: a definition's parameters, the parts
/// of a split plan.
pub fn names(list: &serde_json::Value) -> Vec<&str> {
    list.as_array()
        .expect("an array")
        .iter()
        .map(|x| x["name"].as_str().expect("a string"))
        .collect()
}

/// Converts `input` into `out.json` beside it with the default output, which must exit with
/// `code` and write nothing: the output's path and what standard error said.
pub fn convert_writing_nothing(input: &Path, code: i32) -> (PathBuf, String) {
    let out = input.with_file_name("out.json");
    let run = ccforge()
        .arg("convert")
        .arg(input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_eq!(run.status.code(), Some(code), "{stderr}");
    assert!(!out.exists(), "{} was written: {stderr}", out.display());
    (out, stderr)
}

/// The diagnostics of a JSON report made by `rule`, in order.
pub fn findings_of<'a>(report: &'a serde_json::Value, rule: &str) -> Vec<&'a serde_json::Value> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .collect()
}
