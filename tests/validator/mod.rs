//! An independent Swagger 2.0 validator (openapi-spec-validator from PyPI), used when the
//! `CCFORGE_VALIDATOR_PYTHON` environment variable names a Python that has it (tests/run.sh sets
//! this up). Many files are checked in one Python process.

use std::path::PathBuf;
use std::process::Command;

pub struct Validator {
    python: PathBuf,
}

const SCRIPT: &str = r#"
import json, sys
from openapi_spec_validator import validate
from openapi_spec_validator.validation.validators import OpenAPIV2SpecValidator
for line in sys.stdin:
    path = line.rstrip("\n")
    try:
        with open(path, encoding="utf-8-sig") as f:
            doc = json.load(f)
        validate(doc, cls=OpenAPIV2SpecValidator)
        print("ok")
    except Exception as e:
        msg = str(e).splitlines()[0] if str(e) else type(e).__name__
        print("error " + msg[:300])
    sys.stdout.flush()
"#;

impl Validator {
    pub fn find() -> Option<Validator> {
        match std::env::var_os("CCFORGE_VALIDATOR_PYTHON") {
            Some(p) if !p.is_empty() => Some(Validator { python: p.into() }),
            _ => {
                eprintln!(
                    "skipping independent validation: CCFORGE_VALIDATOR_PYTHON is not set (tests/run.sh sets it)"
                );
                None
            }
        }
    }

    /// For each file: None when valid, else the validator's message. Runs one Python per core.
    pub fn check(&self, files: &[PathBuf]) -> Vec<Option<String>> {
        let n = std::thread::available_parallelism().map_or(1, |n| n.get());
        let size = files.len().div_ceil(n).max(1);
        std::thread::scope(|s| {
            let handles: Vec<_> = files
                .chunks(size)
                .map(|chunk| s.spawn(move || self.check_one(chunk)))
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        })
    }

    fn check_one(&self, files: &[PathBuf]) -> Vec<Option<String>> {
        use std::io::Write;
        let mut child = Command::new(&self.python)
            .args(["-c", SCRIPT])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("the validator's Python runs");
        let mut stdin = child.stdin.take().unwrap();
        let list: String = files.iter().map(|f| format!("{}\n", f.display())).collect();
        let writer = std::thread::spawn(move || stdin.write_all(list.as_bytes()));
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap().unwrap();
        assert!(out.status.success(), "the validator failed");
        let text = String::from_utf8(out.stdout).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(!files.is_empty() || lines.is_empty());
        assert_eq!(lines.len(), files.len(), "one verdict per file");
        lines
            .iter()
            .map(|l| (*l != "ok").then(|| l.trim_start_matches("error ").to_string()))
            .collect()
    }
}
