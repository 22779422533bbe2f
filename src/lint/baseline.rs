//! Baselines: record today's findings, report only new ones tomorrow.
//!
//! Findings are keyed by rule, file and JSON pointer (not line), so edits elsewhere in a file do
//! not make old findings look new.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

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

fn entry(d: &Diagnostic) -> Entry {
    Entry {
        rule: d.rule.to_string(),
        file: d.file.clone().unwrap_or_default(),
        // Findings without a node (e.g. a lenient-syntax note) are keyed by their message.
        pointer: d
            .pointer()
            .map_or_else(|| format!("@{}", d.message), str::to_string),
    }
}

impl Baseline {
    pub fn from_diagnostics(diags: &[Diagnostic]) -> Baseline {
        let mut findings: Vec<Entry> = diags.iter().map(entry).collect();
        findings
            .sort_by(|a, b| (&a.file, &a.pointer, &a.rule).cmp(&(&b.file, &b.pointer, &b.rule)));
        Baseline {
            version: 1,
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

    /// Removes the diagnostics the baseline already knows (each entry matches once).
    pub fn filter(&self, diags: &mut Vec<Diagnostic>) {
        let mut budget: HashMap<&Entry, usize> = HashMap::new();
        for e in &self.findings {
            *budget.entry(e).or_default() += 1;
        }
        diags.retain(|d| {
            let key = entry(d);
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
