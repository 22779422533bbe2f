//! `ccforge diff OLD NEW`: what changed between two definitions and what breaks existing flows.

use super::{EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, output};
use crate::diff::Level;
use crate::diff::render::{self, Style};
use crate::import::ImportOptions;
use crate::pipeline::diff::{Compared, diff, environment, text_diff};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Pretty,
    Markdown,
    Json,
    Github,
}

/// When `diff` exits 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Breaking,
    Warning,
    Never,
}

#[derive(clap::Args)]
pub struct Args {
    /// The old definition: a file, a connector folder, or REV:PATH to read it from git.
    #[arg(value_name = "OLD")]
    old: String,
    /// The new definition, in the same forms.
    #[arg(value_name = "NEW")]
    new: String,
    /// Report format [default: pretty, or github when GITHUB_ACTIONS=true].
    #[arg(long, value_enum)]
    format: Option<DiffFormat>,
    /// Lowest level that makes the exit code 1.
    #[arg(long, value_enum, default_value = "breaking")]
    fail_on: FailOn,
    /// Print a unified line diff of both definitions after normalising them (sorted keys, same
    /// indentation) instead of the classified changes.
    #[arg(long)]
    text: bool,
    /// For OpenAPI 3 and Postman inputs: the host to convert them with.
    #[arg(long, value_name = "HOST")]
    host: Option<String>,
    /// For OpenAPI 3 inputs: which server to convert them with, counted from 0 [default: 0].
    #[arg(long, value_name = "N")]
    server: Option<usize>,
    /// For OpenAPI 3 inputs: a value for a server variable (repeatable).
    #[arg(long = "server-var", value_name = "NAME=VALUE", value_parser = super::convert::parse_var)]
    server_vars: Vec<(String, String)>,
    /// For Postman inputs: an environment file whose variables resolve {{name}} references.
    #[arg(long = "env", value_name = "FILE")]
    environment: Option<std::path::PathBuf>,
    /// For Postman inputs: a variable for {{NAME}} references (repeatable).
    #[arg(long = "var", value_name = "NAME=VALUE", value_parser = super::convert::parse_var)]
    vars: Vec<(String, String)>,
    /// For OpenAPI 3 and Postman inputs whose OAuth 2.0 (or OpenID Connect) auth lacks it: the
    /// authorization URL to convert them with.
    #[arg(long, value_name = "URL")]
    authorization_url: Option<String>,
    /// For the same inputs: the token URL to convert them with.
    #[arg(long, value_name = "URL")]
    token_url: Option<String>,
}

pub fn run(args: Args) -> u8 {
    if let Err(code) = super::check_host(args.host.as_ref())
        .and_then(|()| super::check_repeated("--var", &args.vars))
        .and_then(|()| super::check_repeated("--server-var", &args.server_vars))
    {
        return code;
    }
    let environment = match args.environment.as_deref().map(environment).transpose() {
        Ok(e) => e,
        Err(e) => {
            output::stderr_line(&format!("error: {e}"));
            return EXIT_INPUT;
        }
    };
    let convert = ImportOptions {
        host: args.host.clone(),
        server: args.server,
        server_vars: args.server_vars.clone(),
        vars: args.vars.clone(),
        environment,
        authorization_url: args.authorization_url.clone(),
        token_url: args.token_url.clone(),
        ..Default::default()
    };
    if args.text {
        return match text_diff(&args.old, &args.new, &convert) {
            Ok((text, differ, warnings)) => {
                print_warnings(&warnings);
                output::stdout(&text);
                if differ { EXIT_FINDINGS } else { EXIT_OK }
            }
            Err(e) => {
                output::stderr_line(&format!("error: {e}"));
                EXIT_INPUT
            }
        };
    }
    match diff(&args.old, &args.new, &convert) {
        Ok(compared) => report(&compared, args.format, args.fail_on, Style::DIFF),
        Err(e) => {
            output::stderr_line(&format!("error: {e}"));
            EXIT_INPUT
        }
    }
}

/// Prints the changes, worst first, and returns the exit code `--fail-on` asks for.
pub(super) fn report(
    compared: &Compared,
    format: Option<DiffFormat>,
    fail_on: FailOn,
    style: Style,
) -> u8 {
    print_warnings(&compared.warnings);
    let located = compared.located();
    let style = Style {
        differ_elsewhere: compared.differ_elsewhere,
        ..style
    };
    let format = format.unwrap_or(
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            DiffFormat::Github
        } else {
            DiffFormat::Pretty
        },
    );
    let text = match format {
        DiffFormat::Pretty => render::pretty(&located, super::stdout_color(), style),
        DiffFormat::Markdown => render::markdown(&located, style),
        DiffFormat::Json => render::json(&located),
        DiffFormat::Github => render::github(&located, style),
    };
    output::stdout(&text);
    let threshold = match fail_on {
        FailOn::Breaking => Some(Level::Breaking),
        FailOn::Warning => Some(Level::Warning),
        FailOn::Never => None,
    };
    if threshold.is_some_and(|t| compared.worst().is_some_and(|w| w >= t)) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// What reading the inputs noted, on standard error before the changes: the comparison is of
/// the values as read.
fn print_warnings(warnings: &[String]) {
    for w in warnings {
        output::stderr_line(&format!("warning: {w}"));
    }
}
