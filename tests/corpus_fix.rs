//! `fix` over every connector in ../shared/corpus (skipped when that folder is absent): the passes
//! are idempotent, keep every operation, parameter and response code, never add lint errors, and
//! (when an independent validator is available, see tests/run.sh) keep valid Swagger 2.0 valid.

use ccforge::config::Config;
use ccforge::connector::run_passes;
use ccforge::detect::{Format, detect};
use ccforge::emit::to_json;
use ccforge::lint::engine::lint_sources;
use ccforge::source::{Source, load_bytes, load_path};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

mod validator;

fn corpus() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/connectors");
    p.is_dir().then_some(p)
}

fn swaggers(root: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .build()
        .flatten()
        .map(|e| e.into_path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.to_ascii_lowercase().ends_with(".swagger.json"))
        })
        .collect();
    v.sort();
    v
}

/// The lint errors, less the placeholders the certification passes write on purpose (in place of
/// the missing contact and metadata they stand for).
fn errors(src: Source, config: &Config) -> usize {
    lint_sources(vec![src], config)
        .diagnostics
        .iter()
        .filter(|d| d.severity == ccforge::diagnostic::Severity::Error)
        .filter(|d| d.meta.name != "placeholder-unfilled")
        .count()
}

/// (path, method) → (non-body parameters as (name, in), response codes).
type Shape = BTreeSet<(String, String, String)>;

fn resolve<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    v.get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|p| doc.pointer(p))
        .unwrap_or(v)
}

fn shape(doc: &Value) -> Shape {
    let mut s = Shape::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            if !ccforge::swagger::METHODS.contains(&method.as_str()) || !op.is_object() {
                continue;
            }
            let key = format!("{method} {path}");
            s.insert((key.clone(), "op".into(), String::new()));
            for p in op["parameters"].as_array().into_iter().flatten() {
                let p = resolve(doc, p);
                let loc = p["in"].as_str().unwrap_or_default();
                // GET bodies become query parameters or go (reported); several bodies merge.
                if loc == "body" || (loc == "formData" && method == "get") {
                    continue;
                }
                let name = p["name"].as_str().unwrap_or_default().to_string();
                s.insert((key.clone(), "param".into(), name));
            }
            for code in op["responses"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, _)| k)
            {
                s.insert((key.clone(), "response".into(), code.clone()));
            }
        }
    }
    s
}

struct Checked {
    name: String,
    fixed: String,
}

#[test]
fn fix_is_idempotent_and_loses_nothing_on_every_connector() {
    let Some(root) = corpus() else {
        eprintln!("skipping: ../shared/corpus/connectors is absent");
        return;
    };
    check_fix(&root, &Config::defaults(root.clone()), true);
}

/// The same with the certification profile, whose passes write placeholders and final periods:
/// still idempotent and lossless, and afterwards what the certification rules report needs a
/// person (no connector lacks its contact or metadata entries any more, only their values).
#[test]
fn certification_fix_is_idempotent_and_leaves_only_what_needs_a_person() {
    let Some(root) = corpus() else {
        eprintln!("skipping: ../shared/corpus/connectors is absent");
        return;
    };
    let config =
        Config::parse(&root.join("ccforge.toml"), "profile = \"certification\"\n").unwrap();
    // Validity by the independent validator is the other test's business: these passes only add
    // strings and a root `x-` extension, and a second validator run would double the test's time.
    let checked = check_fix(&root, &config, false);
    let mechanical = [
        "contact-incomplete",
        "connector-metadata-missing",
        "operation-summary-missing",
        "summary-over-80",
    ];
    let left: Vec<String> = checked
        .par_iter()
        .flat_map_iter(|c| {
            let src = load_bytes(&c.name, c.fixed.as_bytes()).unwrap();
            lint_sources(vec![src], &config)
                .diagnostics
                .into_iter()
                .filter(|d| mechanical.contains(&d.meta.name))
                .map(|d| format!("{}: {} {}", d.file.unwrap_or_default(), d.code, d.message))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(left.is_empty(), "left after fix:\n{left:#?}");
}

fn check_fix(root: &Path, config: &Config, validate: bool) -> Vec<Checked> {
    let root = root.to_path_buf();
    let files = swaggers(&root);
    assert!(files.len() > 1000);
    let results: Vec<Result<Option<Checked>, String>> = files
        .par_iter()
        .map(|path| {
            let name = path.strip_prefix(&root).unwrap().display().to_string();
            let Ok(src) = load_path(path, &name) else {
                return Ok(None);
            };
            if detect(&src.value, &name) != Ok(Format::Swagger2) {
                return Ok(None);
            }
            let mut doc = src.value.clone();
            run_passes(&mut doc, &name, config);
            let text = to_json(&doc);
            let again = load_bytes(&name, text.as_bytes()).map_err(|e| {
                format!(
                    "{name}: the fixed output does not parse: {}",
                    e.diagnostic.message
                )
            })?;
            let mut twice = again.value.clone();
            let notes = run_passes(&mut twice, &name, config);
            if twice != again.value {
                return Err(format!(
                    "{name}: not idempotent; the second run changed: {:?}",
                    notes.iter().map(|d| &d.message).collect::<Vec<_>>()
                ));
            }
            let (before, after) = (shape(&src.value), shape(&doc));
            let lost: Vec<_> = before.difference(&after).collect();
            if !lost.is_empty() {
                return Err(format!("{name}: lost {lost:?}"));
            }
            let (e0, e1) = (errors(src, config), errors(again, config));
            if e1 > e0 {
                return Err(format!("{name}: {e0} lint errors before, {e1} after"));
            }
            Ok(Some(Checked { name, fixed: text }))
        })
        .collect();
    let failures: Vec<&String> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(
        failures.is_empty(),
        "{} failures:\n{:#?}",
        failures.len(),
        failures
    );
    let checked: Vec<Checked> = results
        .into_iter()
        .filter_map(|r| r.ok().flatten())
        .collect();
    assert!(checked.len() > 1000, "{} checked", checked.len());

    // Valid Swagger 2.0 stays valid, by an independent validator.
    let Some(v) = validator::Validator::find().filter(|_| validate) else {
        return checked;
    };
    let dir = tempfile::tempdir().unwrap();
    // The validator can fail: a definition without `info` is not Swagger 2.0.
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, r#"{"swagger": "2.0", "paths": {}}"#).unwrap();
    assert!(
        v.check(&[bad])[0].is_some(),
        "the validator accepts anything"
    );
    let mut pairs = Vec::new();
    for (i, c) in checked.iter().enumerate() {
        let out = dir.path().join(format!("{i}.json"));
        std::fs::write(&out, &c.fixed).unwrap();
        pairs.push((root.join(&c.name), out));
    }
    let inputs: Vec<PathBuf> = pairs.iter().map(|p| p.0.clone()).collect();
    let outputs: Vec<PathBuf> = pairs.iter().map(|p| p.1.clone()).collect();
    let valid_in = v.check(&inputs);
    let valid_out = v.check(&outputs);
    let broken: Vec<String> = checked
        .iter()
        .enumerate()
        .filter(|(i, _)| valid_in[*i].is_none() && valid_out[*i].is_some())
        .map(|(i, c)| {
            format!(
                "{}: {}",
                c.name,
                valid_out[i].as_deref().unwrap_or_default()
            )
        })
        .collect();
    assert!(
        broken.is_empty(),
        "valid before, invalid after fix:\n{broken:#?}"
    );
    checked
}
