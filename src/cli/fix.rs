//! `ccforge fix FILE`: the connector passes over an existing Swagger 2.0 definition.

use std::path::PathBuf;

use super::Syntax as SyntaxArg;
use super::lint::FailOn;
use super::{EXIT_FINDINGS, EXIT_OK, Format, output};
use crate::fsutil::is_stdout;
use crate::pipeline::{FixOptions, FixTarget, fix};

#[derive(clap::Args)]
pub struct Args {
    /// The Swagger 2.0 definition to fix, or the connector folder that holds it.
    #[arg(value_name = "FILE")]
    file: PathBuf,

    /// Write the fixed definition to OUT (default: standard output, as with `-` or /dev/stdout).
    #[arg(long, short = 'o', value_name = "OUT", conflicts_with = "in_place")]
    output: Option<PathBuf>,

    /// Rewrite FILE itself (through a temporary file and a rename).
    #[arg(long)]
    in_place: bool,

    /// Replace the -o file when it exists.
    #[arg(long, requires = "output")]
    force: bool,

    /// Print the change as a unified diff and write nothing.
    #[arg(long, conflicts_with_all = ["output", "in_place"])]
    diff: bool,

    /// Write nothing; exit 1 when the passes would change the file or a lint finding at or above
    /// --fail-on remains after them (for pre-commit and CI).
    #[arg(long, conflicts_with_all = ["output", "in_place"])]
    check: bool,

    /// Syntax of the fixed definition [default: the input's].
    #[arg(long, value_enum)]
    format_out: Option<SyntaxArg>,

    /// Format of the diagnostics on standard error.
    #[arg(long, value_enum, default_value = "pretty")]
    format: Format,

    /// In the pretty format, show every finding with its code frame, not the first few of each
    /// rule and a count of the rest.
    #[arg(long)]
    all: bool,

    /// Lowest severity of the remaining lint findings that makes the exit code 1.
    #[arg(long, value_enum, default_value = "error")]
    fail_on: FailOn,

    /// Use this config file instead of looking for ccforge.toml above FILE.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,

    #[command(flatten)]
    select: super::convert::SelectArgs,
    /// Rule set: `default` (what import enforces) or `certification`. Also runs the passes that write the skeletons certification asks for (contact, connector metadata, final periods). Overrides `profile` in ccforge.toml.
    #[arg(long, value_name = "PROFILE", value_parser = super::lint::parse_profile)]
    profile: Option<crate::diagnostic::Profile>,
    /// When the definition is over 1 MB after moving repeated schemas and dropping examples,
    /// also cut descriptions to their first sentence, then remove those of body and response
    /// fields; each step's saving is reported.
    #[arg(long)]
    trim_descriptions: bool,
}

/// A unified diff of two texts, labelled with the file name.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// What `--diff` prints for a change of `old` into `new`. A definition on one line (minified)
/// would show as one line removed and one added, each the whole file: then both versions are
/// shown indented by two spaces, and a note on standard error says so.
fn shown_diff(name: &str, old: &str, new: &str) -> String {
    let one_line = |t: &str| !t.trim_end().contains('\n');
    if old != new
        && (one_line(old) || one_line(new))
        && let (Ok(before), Ok(after)) = (
            serde_json::from_str::<serde_json::Value>(old),
            serde_json::from_str::<serde_json::Value>(new),
        )
    {
        let layout = if one_line(old) && one_line(new) {
            "both versions are on one line"
        } else if one_line(old) {
            "the definition is on one line and the fixed one is indented"
        } else {
            "the fixed definition is on one line"
        };
        output::stderr_line(&format!(
            "note: {layout}: the diff shows both indented by two spaces"
        ));
        return unified_diff(
            name,
            &crate::emit::to_json(&before),
            &crate::emit::to_json(&after),
        );
    }
    unified_diff(name, old, new)
}

pub fn run(mut args: Args) -> u8 {
    // A connector folder stands for its definition, as in lint, diff and drift.
    if args.file.is_dir() {
        match crate::pipeline::diff::definition_in(&args.file) {
            Some(file) => args.file = file,
            None => {
                output::stderr_line(&format!(
                    "error: {} is a folder without apiDefinition.swagger.json: name the \
                     definition to fix",
                    args.file.display()
                ));
                return super::EXIT_INPUT;
            }
        }
    }
    // In place means the file named: not standard input or a descriptor (`/dev/stdin` is
    // whatever file the shell redirected), nor a FIFO or device.
    if args.in_place && !(args.diff || args.check) {
        let named = args.file.to_string_lossy();
        let stream = named.starts_with("/dev/") || named.starts_with("/proc/");
        if stream || std::fs::metadata(&args.file).is_ok_and(|m| !m.is_file()) {
            output::stderr_line(&format!(
                "error: --in-place rewrites a file, and {named} is {}: write the result with \
                 -o FILE instead",
                if stream {
                    "a stream or device"
                } else {
                    "not a regular file"
                }
            ));
            return super::EXIT_INPUT;
        }
    }
    let target = match (&args.output, args.in_place) {
        _ if args.diff || args.check => FixTarget::Preview,
        (Some(p), _) if is_stdout(p) => FixTarget::Stdout,
        (Some(p), _) => FixTarget::File(p.clone()),
        (None, true) => FixTarget::InPlace,
        (None, false) => FixTarget::Stdout,
    };
    let opts = FixOptions {
        input: args.file.clone(),
        target,
        syntax: args.format_out.map(Into::into),
        config: args.config.clone(),
        include: args.select.include.clone(),
        exclude: args.select.exclude.clone(),
        profile: args.profile,
        trim_descriptions: args.trim_descriptions,
        locate_infos: args.all || args.format != Format::Pretty,
        force: args.force,
    };
    let fixed = match fix(&opts) {
        Ok(f) => f,
        Err(failure) => return super::print_failure(&failure, args.format, args.all),
    };
    if fixed.comments_lost > 0 && args.format == Format::Pretty {
        let verb = if args.diff || args.check {
            "would be"
        } else {
            "is"
        };
        output::stderr_line(&format!(
            "note: the fixed definition {verb} written from the parsed form of {}, without its {}",
            fixed.name,
            crate::report::plural(fixed.comments_lost, "comment")
        ));
    }
    if args.diff || args.check {
        if args.diff {
            output::stdout(&shown_diff(&fixed.name, &fixed.original, &fixed.text));
        }
        super::print_noted_report(
            &fixed.notes,
            &fixed.report,
            args.format,
            args.all,
            args.fail_on.threshold(),
        );
        let would_change = args.check && fixed.changed;
        return if would_change || failing(&args, &fixed) {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        };
    }
    if let Some(text) = &fixed.stdout {
        output::stdout_bytes(&fixed.encoding.encode(text));
    }
    super::print_noted_report(
        &fixed.notes,
        &fixed.report,
        args.format,
        args.all,
        args.fail_on.threshold(),
    );
    if failing(&args, &fixed) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// Whether a lint finding at or above `--fail-on` remains after the passes.
fn failing(args: &Args, fixed: &crate::pipeline::Fixed) -> bool {
    args.fail_on
        .threshold()
        .is_some_and(|t| fixed.remaining.is_some_and(|worst| worst >= t))
}
