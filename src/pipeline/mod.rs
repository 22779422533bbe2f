//! The library's entry points: `convert`, `lint`, `fix`, `diff` and `drift` as functions that
//! take paths and options and return their outputs and diagnostics. The command line prints what
//! they return and decides the exit status; it does no work of its own.

pub mod convert;
pub mod diff;
pub mod fix;
pub mod lint;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::config::{Config, ConfigFinder};
use crate::diagnostic::Diagnostic;
use crate::source::{self, LoadError, Source, display_name};

pub use convert::{ConvertOptions, Converted, Destination, convert};
pub use fix::{FixOptions, FixTarget, Fixed, fix};
pub use lint::{LintOptions, lint, lint_paths};

/// Diagnostics with what a report needs to show them: the texts of their files, for code
/// frames, and how many files were read.
#[derive(Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub texts: HashMap<String, Arc<str>>,
    pub files: usize,
}

impl Report {
    /// Diagnostics about some sources, with their texts.
    pub fn of_sources(diagnostics: Vec<Diagnostic>, sources: &[&Source]) -> Report {
        Report {
            diagnostics,
            texts: sources
                .iter()
                .map(|s| (s.name.clone(), s.text.clone()))
                .collect(),
            files: sources.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// Takes the report, leaving an empty one.
    pub fn take(&mut self) -> Report {
        std::mem::take(self)
    }

    /// Adds another report's diagnostics, texts and files.
    pub fn merge(&mut self, other: Report) {
        self.diagnostics.extend(other.diagnostics);
        self.texts.extend(other.texts);
        self.files += other.files;
    }
}

/// Why a command stopped before writing anything: an input, a config or an output that cannot
/// be used. Always exit status 2.
pub struct Failure {
    /// What reading the inputs noted before it stopped, reported first.
    pub notes: Report,
    pub report: Report,
}

impl Failure {
    /// One error with no file text to show.
    pub fn of(diagnostic: Diagnostic) -> Failure {
        Failure {
            notes: Report::default(),
            report: Report {
                diagnostics: vec![diagnostic],
                ..Report::default()
            },
        }
    }

    /// Errors about some sources, with their texts.
    pub fn of_sources(mut diagnostics: Vec<Diagnostic>, sources: &[&Source]) -> Failure {
        // In the order of every report: by file and place, wherever they were found.
        crate::diagnostic::sort(&mut diagnostics);
        Failure {
            notes: Report::default(),
            report: Report::of_sources(diagnostics, sources),
        }
    }

    /// Reports `notes` before what this failure already notes.
    pub fn prepend(&mut self, mut notes: Report) {
        notes.merge(self.notes.take());
        self.notes = notes;
    }
}

/// An input file read, with the config that applies to it.
pub struct Loaded {
    pub source: Source,
    pub config: Arc<Config>,
    /// What reading it noted (lenient syntax, encoding), located.
    pub notes: Report,
}

/// Reads the input of `fix`, `convert` or `drift` and finds the config that applies to it
/// (`config`, when given, instead of the ccforge.toml above the file).
pub fn load(path: &Path, config: Option<&Path>) -> Result<Loaded, Failure> {
    load_with(path, config, None)
}

/// [`load`], with `profile` (when given) in force over the one the config names.
pub fn load_with(
    path: &Path,
    config: Option<&Path>,
    profile: Option<crate::diagnostic::Profile>,
) -> Result<Loaded, Failure> {
    let finder = ConfigFinder::with_profile(config, profile).map_err(Failure::of)?;
    let config = finder.for_path(path).map_err(Failure::of)?;
    let name = display_name(path);
    // A collection's parts that no conversion reads are left out of its tree.
    match source::load_path_leaving(path, &name, crate::import::postman::model::unread) {
        Ok(src) => {
            let notes = if src.notes.is_empty() {
                Report::default()
            } else {
                let mut notes = src.notes.clone();
                src.resolve(&mut notes);
                Report::of_sources(notes, &[&src])
            };
            Ok(Loaded {
                source: src,
                config,
                notes,
            })
        }
        Err(LoadError { diagnostic, text }) => {
            let mut texts = HashMap::new();
            if let Some(t) = text {
                texts.insert(name, t);
            }
            Err(Failure {
                notes: Report::default(),
                report: Report {
                    diagnostics: vec![diagnostic],
                    texts,
                    files: 1,
                },
            })
        }
    }
}
