//! `lint`: every path, each unit with the config that applies to it, in parallel.

use rayon::prelude::*;
use std::collections::HashSet;
use std::path::PathBuf;

use crate::config::ConfigFinder;
use crate::lint::engine::{Outcome, collect_units, lint_unit};

/// Lints every path: collects units, finds each one's config, lints in parallel, and returns the
/// findings sorted by file and position.
pub fn lint_paths(paths: &[PathBuf], finder: &ConfigFinder) -> Outcome {
    let mut problems = Vec::new();
    let units = collect_units(paths, &mut problems);
    let results: Vec<Outcome> = units
        .par_iter()
        .map(|unit| {
            let config = match finder.for_path(unit.main_path()) {
                Ok(c) => c,
                Err(d) => {
                    return Outcome {
                        diagnostics: vec![d],
                        ..Outcome::default()
                    };
                }
            };
            let abs = std::path::absolute(unit.main_path())
                .unwrap_or_else(|_| unit.main_path().to_path_buf());
            if config.is_ignored(&abs) {
                return Outcome::default();
            }
            lint_unit(unit, &*config)
        })
        .collect();
    let mut out = Outcome {
        diagnostics: problems,
        ..Outcome::default()
    };
    let mut config_errors = HashSet::new();
    for r in results {
        out.files += r.files;
        for d in r.diagnostics {
            // A broken config is reported once, not once per unit under it.
            if d.code == crate::config::INVALID_CONFIG.code
                && !config_errors.insert(d.message.clone())
            {
                continue;
            }
            out.diagnostics.push(d);
        }
        out.texts.extend(r.texts);
    }
    crate::diagnostic::sort(&mut out.diagnostics);
    out
}
