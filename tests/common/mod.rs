//! Helpers shared by the corpus tests.

use std::path::{Path, PathBuf};

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
