//! `lint`: every path, each unit with the config that applies to it, in parallel.

use rayon::prelude::*;
use std::collections::HashSet;
use std::path::PathBuf;

use crate::config::ConfigFinder;
use crate::diagnostic::{Diagnostic, Profile, Severity};
use crate::lint::baseline::Baseline;
use crate::lint::codes::NOTHING_TO_LINT;
use crate::lint::engine::{Outcome, collect_units, lint_unit};
use crate::source::display_name;

/// What to lint and how.
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// Files and folders; folders are walked (respecting .gitignore).
    pub paths: Vec<PathBuf>,
    /// A config file to use instead of the ccforge.toml found above each path.
    pub config: Option<PathBuf>,
    /// A baseline whose findings are not reported again.
    pub baseline: Option<PathBuf>,
    /// The profile to lint with, over the one each ccforge.toml names.
    pub profile: Option<Profile>,
    /// Keep the texts of the files with findings, for a report that shows code frames. Without
    /// it each file's text is freed as soon as its unit is linted.
    pub texts: bool,
}

/// Lints the paths with the configs that apply to them, less what the baseline records. `Err`
/// is a config or baseline that cannot be read, as a message.
pub fn lint(opts: &LintOptions) -> Result<Outcome, String> {
    let finder = ConfigFinder::with_profile(opts.config.as_deref(), opts.profile)
        .map_err(|d| format!("{}: error {}: {}", d.location(), d.code, d.message))?;
    let mut outcome = lint_paths_with(&opts.paths, &finder, opts.texts);
    if let Some(path) = &opts.baseline {
        Baseline::read(path)
            .map_err(|e| format!("error: {e}"))?
            .filter(&mut outcome.diagnostics, path);
    }
    outcome
        .inputs
        .extend(opts.config.iter().chain(&opts.baseline).cloned());
    Ok(outcome)
}

/// Reads and parses the files `lint` would, with the same walk and parallelism, and runs no
/// rule: the baseline benchmarks compare `lint` against. Returns how many files parsed and
/// whether a path could not be read.
pub fn parse_paths(paths: &[PathBuf]) -> (usize, bool) {
    let mut problems = Vec::new();
    let units = collect_units(paths, &mut problems);
    let parsed: usize = units
        .par_iter()
        .map(|u| {
            let files = u.files();
            files
                .into_iter()
                .filter(|f| crate::lint::engine::parse_file(f))
                .count()
        })
        .sum();
    (parsed, !problems.is_empty())
}

/// Lints every path: collects units, finds each one's config, lints in parallel, and returns the
/// findings sorted by file and position.
pub fn lint_paths(paths: &[PathBuf], finder: &ConfigFinder) -> Outcome {
    lint_paths_with(paths, finder, true)
}

/// [`lint_paths`], keeping the texts of the files with findings only when `texts` is set.
fn lint_paths_with(paths: &[PathBuf], finder: &ConfigFinder, texts: bool) -> Outcome {
    let mut problems = Vec::new();
    let units = collect_units(paths, &mut problems);
    // Each unit: whether it was found (read or ignored on purpose), whether ignored, and what
    // linting it gave.
    let results: Vec<(bool, bool, Outcome)> = units
        .par_iter()
        .map(|unit| {
            let config = match finder.for_path(unit.main_path()) {
                Ok(c) => c,
                Err(d) => {
                    let outcome = Outcome {
                        diagnostics: vec![d],
                        ..Outcome::default()
                    };
                    return (true, false, outcome);
                }
            };
            let abs = std::path::absolute(unit.main_path())
                .unwrap_or_else(|_| unit.main_path().to_path_buf());
            if config.is_ignored(&abs) {
                // Ignored on purpose: found, though not linted.
                return (true, true, Outcome::default());
            }
            let mut outcome = lint_unit(unit, &*config);
            if !texts {
                outcome.texts = Default::default();
            }
            (
                outcome.files > 0 || !outcome.diagnostics.is_empty(),
                false,
                outcome,
            )
        })
        .collect();
    // Only a run with ignored units looks at the files named (a hook names hundreds).
    let any_ignored = results.iter().any(|(_, ignored, _)| *ignored);
    for path in paths.iter().filter(|p| any_ignored || p.is_dir()) {
        let under: Vec<bool> = units
            .iter()
            .zip(&results)
            .filter(|(u, (read, _, _))| *read && u.main_path().starts_with(path))
            .map(|(_, (_, ignored, _))| *ignored)
            .collect();
        if under.is_empty() {
            if path.is_dir() {
                problems.push(nothing_to_lint(path));
            }
        } else if under.iter().all(|&ignored| ignored) {
            problems.push(all_ignored(path, under.len()));
        }
    }
    let mut out = Outcome {
        diagnostics: problems,
        ..Outcome::default()
    };
    for (unit, (read, _, _)) in units.iter().zip(&results) {
        if *read {
            out.inputs.extend(unit.files().into_iter().cloned());
        }
    }
    // The configs found above the paths are inputs too: `-o` must not overwrite them.
    out.inputs.extend(finder.files());
    let mut config_errors = HashSet::new();
    for (_, _, r) in results {
        out.files += r.files;
        for d in r.diagnostics {
            // A broken config is reported once, not once per unit under it.
            if d.code == crate::registry::INVALID_CONFIG.code
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

/// The warning for a path named on the command line whose every file `ignore` in
/// ccforge.toml leaves out: nothing was checked there, on purpose, but a check pointed at it
/// would pass without a word.
fn all_ignored(path: &std::path::Path, n: usize) -> Diagnostic {
    Diagnostic::new(
        &NOTHING_TO_LINT,
        Severity::Warning,
        format!(
            "nothing was linted under {}: `ignore` in ccforge.toml leaves out {} found there",
            display_name(path),
            if n == 1 {
                "the one connector or file".to_string()
            } else {
                format!("all {n} connectors and files")
            }
        ),
    )
    .with_help("name another path, or take the pattern out of `ignore`")
    .in_file(display_name(path))
}

/// The error for a folder in which the walk found nothing lint reads.
fn nothing_to_lint(path: &std::path::Path) -> Diagnostic {
    Diagnostic::new(
        &NOTHING_TO_LINT,
        Severity::Error,
        format!(
            "no Swagger 2.0 definition found under {} (apiDefinition.swagger.json, or another \
             Swagger 2.0 file)",
            display_name(path)
        ),
    )
    .with_help(
        "ccforge lint reads Swagger 2.0 definitions, with the apiProperties.json, settings.json \
         and script.csx beside them; convert OpenAPI 3 or Postman first \
         (ccforge convert FILE -o apiDefinition.swagger.json), or name the right folder",
    )
    .in_file(display_name(path))
}
