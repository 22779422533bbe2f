//! Baselines: record today's findings, report only new ones tomorrow.
//!
//! Findings are keyed by rule, file and JSON pointer (not line), so edits elsewhere in a file do
//! not make old findings look new. Files are recorded relative to the baseline's folder, so the
//! baseline matches whatever folder `lint` runs from and however the paths are spelled
//! (`connectors/A`, `./connectors/A`, an absolute path, another checkout).

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Diagnostic;

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq, Hash, Clone)]
pub struct Entry {
    pub rule: String,
    pub file: String,
    pub pointer: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// The version whose files are relative to the baseline's folder; version 1 recorded them as
/// `lint` named them (still read: such an entry matches the file named the same way).
const VERSION: u32 = 2;

/// `file` (as a diagnostic names it) relative to the folder `base`, with `/` separators; a name
/// that is no path (`<stdin>`) as it is.
fn relative(file: &str, base: &Path) -> String {
    if file.starts_with('<') {
        return file.to_string();
    }
    let abs = crate::fsutil::lexical_absolute;
    let (file, base) = (abs(Path::new(file)), abs(base));
    let (f, b): (Vec<Component>, Vec<Component>) =
        (file.components().collect(), base.components().collect());
    let common = f.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".to_string(); b.len() - common];
    parts.extend(
        f[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// The folder a baseline file's paths are relative to.
fn folder_of(baseline: &Path) -> PathBuf {
    match baseline.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn entry(d: &Diagnostic, base: Option<&Path>) -> Entry {
    let file = d.file.clone().unwrap_or_default();
    Entry {
        rule: d.rule.to_string(),
        file: match base {
            Some(base) if !file.is_empty() => relative(&file, base),
            _ => file,
        },
        // Findings without a node (e.g. a lenient-syntax note) are keyed by their message.
        pointer: d
            .pointer()
            .map_or_else(|| format!("@{}", d.message), str::to_string),
    }
}

impl Baseline {
    /// The baseline of `diags`, to be written at `path` (its files relative to its folder).
    pub fn from_diagnostics(diags: &[Diagnostic], path: &Path) -> Baseline {
        let base = folder_of(path);
        let mut findings: Vec<Entry> = diags.iter().map(|d| entry(d, Some(&base))).collect();
        findings
            .sort_by(|a, b| (&a.file, &a.pointer, &a.rule).cmp(&(&b.file, &b.pointer, &b.rule)));
        Baseline {
            version: VERSION,
            findings,
        }
    }

    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the baseline {}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}:{}:{}: not a ccforge baseline: {e}",
                path.display(),
                e.line(),
                e.column()
            )
        })
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("baseline serialises");
        s.push('\n');
        s
    }

    /// Removes the diagnostics the baseline read from `path` already knows (each entry matches
    /// once).
    pub fn filter(&self, diags: &mut Vec<Diagnostic>, path: &Path) {
        let mut budget: HashMap<&Entry, usize> = HashMap::new();
        for e in &self.findings {
            *budget.entry(e).or_default() += 1;
        }
        let base = (self.version >= VERSION).then(|| folder_of(path));
        diags.retain(|d| {
            let key = entry(d, base.as_deref());
            match budget.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::relative;
    use std::path::Path;

    #[test]
    fn files_are_relative_to_the_baseline_folder_however_they_are_spelled() {
        let cwd = std::env::current_dir().unwrap();
        let base = cwd.join("repo");
        for file in [
            "repo/connectors/A/apiDefinition.swagger.json",
            "./repo/connectors/A/apiDefinition.swagger.json",
            "repo/x/../connectors/A/apiDefinition.swagger.json",
        ] {
            assert_eq!(
                relative(file, &base),
                "connectors/A/apiDefinition.swagger.json"
            );
        }
        let abs = cwd.join("repo/connectors/A/apiDefinition.swagger.json");
        assert_eq!(
            relative(abs.to_str().unwrap(), Path::new("repo")),
            "connectors/A/apiDefinition.swagger.json"
        );
        assert_eq!(relative("other/a.json", &base), "../other/a.json");
        assert_eq!(relative("<stdin>", &base), "<stdin>");
        assert_eq!(
            crate::fsutil::lexical_absolute(Path::new("a/./b/../c")),
            cwd.join("a/c")
        );
        assert_eq!(
            crate::fsutil::lexical_absolute(Path::new("/../x")),
            Path::new("/x")
        );
    }
}
