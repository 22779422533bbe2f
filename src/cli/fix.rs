//! `ccforge fix FILE`: the connector passes over an existing Swagger 2.0 definition.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::Format;
use super::Syntax as SyntaxArg;
use super::lint::FailOn;
use super::{EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, print_diagnostics, read_input};
use crate::connector::run_passes;
use crate::detect::Format as DocFormat;
use crate::diagnostic::Diagnostic;
use crate::emit::{OutFormat, render};
use crate::fsutil::{same_file, write_atomic};
use crate::lint::engine::lint_sources;
use crate::source::display_name;
use crate::source::{Source, Syntax};

#[derive(clap::Args)]
pub struct Args {
    /// The Swagger 2.0 definition to fix.
    #[arg(value_name = "FILE")]
    file: PathBuf,

    /// Write the fixed definition to OUT (default: standard output).
    #[arg(long, short = 'o', value_name = "OUT", conflicts_with = "in_place")]
    output: Option<PathBuf>,

    /// Rewrite FILE itself (through a temporary file and a rename).
    #[arg(long)]
    in_place: bool,

    /// Print the change as a unified diff and write nothing.
    #[arg(long)]
    diff: bool,

    /// Write nothing; exit 1 when the passes would change the file (for pre-commit and CI).
    #[arg(long)]
    check: bool,

    /// Syntax of the fixed definition [default: the input's].
    #[arg(long, value_enum)]
    format_out: Option<SyntaxArg>,

    /// Format of the diagnostics on standard error.
    #[arg(long, value_enum, default_value = "pretty")]
    format: Format,

    /// Lowest severity of the remaining lint findings that makes the exit code 1.
    #[arg(long, value_enum, default_value = "error")]
    fail_on: FailOn,

    /// Use this config file instead of looking for ccforge.toml above FILE.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

/// A unified diff of two texts, labelled with the file name.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

pub fn run(args: Args) -> u8 {
    let (src, config) = match read_input(&args.file, args.config.as_deref(), args.format) {
        Ok(v) => v,
        Err(code) => return code,
    };
    match crate::detect::detect(&src.value, &src.name) {
        Ok(DocFormat::Swagger2) => {}
        other => {
            let what = match other {
                Ok(f) => format!("this is a {f}"),
                Err(u) => format!("this is not a document ccforge knows ({})", u.reason),
            };
            let d = Diagnostic::new(
                &crate::lint::codes::NOT_SWAGGER2,
                crate::diagnostic::Severity::Error,
                format!("{what}; `fix` works on Swagger 2.0 definitions"),
            )
            .with_help(format!(
                "convert it instead: ccforge convert {} -o apiDefinition.swagger.json",
                src.name
            ))
            .in_file(&src.name)
            .at_pointer("");
            let mut diags = vec![d];
            src.resolve(&mut diags);
            print_diagnostics(&diags, &[&src], args.format);
            return EXIT_INPUT;
        }
    }
    if let Some(out) = &args.output
        && same_file(out, &args.file)
    {
        eprintln!(
            "error: -o {} is the input file; use --in-place to rewrite it",
            out.display()
        );
        return EXIT_INPUT;
    }

    let mut doc = src.value.clone();
    let mut diags = run_passes(&mut doc, &src.name, &*config);
    let changed = doc != src.value;
    let out_format = args
        .format_out
        .map(OutFormat::from)
        .unwrap_or(match src.syntax {
            Syntax::Json => OutFormat::Json,
            Syntax::Yaml => OutFormat::Yaml,
        });
    let text: Arc<str> = if changed || args.format_out.is_some() {
        render(&doc, out_format).into()
    } else {
        src.text.clone()
    };
    let out_name = match (&args.output, args.in_place) {
        _ if args.diff || args.check => src.name.clone(),
        (Some(p), _) => display_name(p),
        (None, true) => src.name.clone(),
        (None, false) => "<stdout>".into(),
    };
    // The passes' pointers are into the fixed document: locate them there (from the value,
    // without parsing the text again).
    let fixed = Source::from_rendered(
        &out_name,
        text.clone(),
        doc,
        match out_format {
            OutFormat::Json => Syntax::Json,
            OutFormat::Yaml => Syntax::Yaml,
        },
    );
    for d in &mut diags {
        d.file = Some(out_name.clone());
    }
    if args.diff || args.check {
        // Nothing is written: point at the input (new nodes at their nearest ancestor).
        src.resolve(&mut diags);
    } else {
        fixed.resolve(&mut diags);
    }
    // What still fails after the passes (not when only previewing the change).
    let mut texts: HashMap<String, Arc<str>> = HashMap::new();
    let mut failing = false;
    if args.diff || args.check {
        texts.insert(out_name.clone(), src.text.clone());
    } else {
        let lint = lint_sources(vec![fixed], &*config);
        failing = args
            .fail_on
            .threshold()
            .is_some_and(|t| lint.diagnostics.iter().any(|d| d.severity >= t));
        diags.extend(lint.diagnostics);
        texts.extend(lint.texts);
        texts.insert(out_name.clone(), text.clone());
    }
    crate::diagnostic::sort(&mut diags);

    if args.diff || args.check {
        if args.diff {
            print!("{}", unified_diff(&src.name, &src.text, &text));
        }
        super::print_report(&diags, &texts, 1, args.format);
        return if args.check && changed {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        };
    }
    let target = match (&args.output, args.in_place) {
        (Some(p), _) => Some(p.clone()),
        (None, true) => Some(args.file.clone()),
        (None, false) => None,
    };
    match target {
        Some(path) => {
            if (changed || args.output.is_some())
                && let Err(e) = write_atomic(&path, text.as_bytes())
            {
                eprintln!("error: cannot write {}: {e}", path.display());
                return EXIT_INPUT;
            }
        }
        None => print!("{text}"),
    }
    super::print_report(&diags, &texts, 1, args.format);
    if failing { EXIT_FINDINGS } else { EXIT_OK }
}
