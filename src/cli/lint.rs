//! `ccforge lint PATH...`.

use std::path::PathBuf;

use super::{Format, output};
use crate::diagnostic::{Diagnostic, Severity};
use crate::fsutil::{check_output, write_atomic, write_failed};
use crate::lint::baseline::Baseline;
use crate::lint::engine::is_input_error;
use crate::pipeline::{LintOptions, lint};
use crate::report::{self, Report};

/// When `lint` exits 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub(super) fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(clap::Args)]
pub struct Args {
    /// Files and folders to lint. A folder is walked; a folder holding apiDefinition.swagger.json
    /// is linted as a connector together with its apiProperties.json and settings.json.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Output format [default: pretty, or github when GITHUB_ACTIONS=true].
    #[arg(long, value_enum)]
    format: Option<Format>,

    /// Lowest severity that makes the exit code 1 (an unreadable or broken file, or a path with
    /// nothing to lint, exits 2 whatever this is).
    #[arg(long, value_enum, default_value = "error")]
    fail_on: FailOn,

    /// Use this config file instead of looking for ccforge.toml above each path.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,

    /// Rule set: `default` (what import enforces) or `certification`. Adds the certification review's rules. Overrides `profile` in ccforge.toml.
    #[arg(long, value_name = "PROFILE", value_parser = parse_profile)]
    profile: Option<crate::diagnostic::Profile>,

    /// Report only findings that this baseline file does not already record.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,

    /// Record the current findings in FILE (by rule, file and JSON pointer) and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,

    /// In the pretty format, show every finding with its code frame, not the first three of
    /// each rule and a count of the rest.
    #[arg(long)]
    all: bool,

    /// Write the report to FILE instead of standard output (`-` is standard output).
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The profile a `--profile` value names.
pub(super) fn parse_profile(name: &str) -> Result<crate::diagnostic::Profile, String> {
    crate::diagnostic::Profile::parse(name).ok_or_else(|| {
        format!(
            "`{name}` is not a profile; use `default` (also called `import`) or `certification`"
        )
    })
}

fn default_format() -> Format {
    if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
        Format::Github
    } else {
        Format::Pretty
    }
}

pub fn run(mut args: Args) -> u8 {
    // `-o -` and `-o /dev/stdout` name standard output, where the report goes anyway.
    args.output = args.output.filter(|p| !crate::fsutil::is_stdout(p));
    // A baseline being written is not applied.
    let format = args.format.unwrap_or_else(default_format);
    let opts = LintOptions {
        paths: args.paths.clone(),
        config: args.config.clone(),
        profile: args.profile,
        baseline: args
            .baseline
            .clone()
            .filter(|_| args.write_baseline.is_none()),
        // Only the pretty report shows code frames.
        texts: format == Format::Pretty,
    };
    let outcome = match lint(&opts) {
        Ok(o) => o,
        Err(e) => {
            output::stderr_line(&e);
            return super::EXIT_INPUT;
        }
    };
    let input_error = outcome.diagnostics.iter().any(is_input_error);
    // No output may be one of the files read, nor a FIFO, a device or a folder.
    for path in args.write_baseline.iter().chain(&args.output) {
        if let Err(d) = check_output(path, outcome.inputs.iter().map(PathBuf::as_path)) {
            return refused(d);
        }
    }

    if let Some(path) = &args.write_baseline {
        let baseline = Baseline::from_diagnostics(&outcome.diagnostics, path);
        if let Err(e) = write_atomic(path, baseline.to_json().as_bytes()) {
            return refused(write_failed(path, &e));
        }
        output::stderr_line(&format!(
            "Recorded {} in {}.",
            crate::report::plural(baseline.findings.len(), "finding"),
            path.display()
        ));
        return if input_error {
            super::EXIT_INPUT
        } else {
            super::EXIT_OK
        };
    }

    let report = Report {
        diagnostics: &outcome.diagnostics,
        texts: &outcome.texts,
        files: outcome.files,
        color: args.output.is_none() && format == Format::Pretty && super::stdout_color(),
        amount: if args.all {
            report::Amount::ALL
        } else {
            report::Amount::READABLE
        },
        fail_on: args.fail_on.threshold(),
        command: "lint",
    };
    let rendered = report::render(format.into(), &report);
    match &args.output {
        Some(path) => {
            if let Err(e) = write_atomic(path, rendered.as_bytes()) {
                return refused(write_failed(path, &e));
            }
            output::stderr_line(&report::summary_line(&outcome.diagnostics, outcome.files));
        }
        None => {
            output::stdout(&rendered);
        }
    }

    if input_error {
        return super::EXIT_INPUT;
    }
    let failing = args
        .fail_on
        .threshold()
        .is_some_and(|t| outcome.diagnostics.iter().any(|d| d.severity >= t));
    if failing {
        super::EXIT_FINDINGS
    } else {
        super::EXIT_OK
    }
}

/// Says why an output is not written; exit status 2.
fn refused(d: Diagnostic) -> u8 {
    super::print_report(
        &[d],
        &Default::default(),
        0,
        Format::Pretty,
        false,
        Some(Severity::Error),
    );
    super::EXIT_INPUT
}
