//! The fuzz targets' bodies (`fuzz/src/`), compiled on stable and run over the project's own
//! fixtures, the seed corpus `fuzz/run.sh` starts from: a target that no longer builds, or a
//! fixture that makes one fail its checks, fails here, without a nightly toolchain.

#[path = "../fuzz/src/lib.rs"]
mod ccforge_fuzz;

use std::path::{Path, PathBuf};

/// The fixtures with `ext` among `exts`, under `dirs` of fixtures/, sorted.
fn fixtures(dirs: &[&str], exts: &[&str]) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = dirs.iter().map(|d| root.join(d)).collect();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.contains(&e))
            {
                out.push(path);
            }
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no fixtures under {dirs:?}");
    out
}

/// Runs `target` on every seed `fuzz/run.sh` gives the single-input targets.
fn every_seed(target: fn(&[u8])) {
    for path in fixtures(&[""], &["json", "yaml", "txt"]) {
        let data = std::fs::read(&path).unwrap();
        // A panic names the target's check; the fixture is named here.
        let ok = std::panic::catch_unwind(|| target(&data));
        assert!(ok.is_ok(), "the fuzz target fails on {}", path.display());
    }
}

#[test]
fn json_reader_target() {
    every_seed(ccforge_fuzz::json::run);
}

#[test]
fn yaml_reader_target() {
    every_seed(ccforge_fuzz::yaml::run);
}

#[test]
fn detect_target() {
    every_seed(ccforge_fuzz::detect::run);
}

#[test]
fn postman_target() {
    every_seed(ccforge_fuzz::postman::run);
}

#[test]
fn openapi3_target() {
    every_seed(ccforge_fuzz::openapi3::run);
}

#[test]
fn lint_target() {
    every_seed(ccforge_fuzz::lint::run);
}

#[test]
fn diff_target_on_neighbouring_pairs() {
    // As `fuzz/run.sh` seeds it: each diff and drift fixture against the next, joined by a NUL.
    let files = fixtures(&["diff", "drift"], &["json", "yaml"]);
    for pair in files.windows(2) {
        let mut data = std::fs::read(&pair[0]).unwrap();
        data.push(0);
        data.extend(std::fs::read(&pair[1]).unwrap());
        let ok = std::panic::catch_unwind(|| ccforge_fuzz::diff::run(&data));
        assert!(
            ok.is_ok(),
            "the diff target fails on {} against {}",
            pair[0].display(),
            pair[1].display()
        );
        // Each against itself: no change.
        let one = std::fs::read(&pair[0]).unwrap();
        ccforge_fuzz::diff::run(&one);
    }
}
