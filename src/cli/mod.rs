//! The command line: argument definitions and dispatch. Each subcommand lives in its own file.

mod lint;
mod parse;
mod rules;

use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::process::ExitCode;

/// Exit codes, as documented in the README.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_INPUT: u8 = 2;

#[derive(Parser)]
#[command(
    name = "ccforge",
    version,
    about = "Convert, lint and diff Microsoft Power Platform custom connector definitions, offline.",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check Swagger 2.0 definitions and connector folders against Power Platform's rules.
    Lint(lint::Args),
    /// List the rules, or print one rule's documentation.
    Rules(rules::Args),
    /// Read and parse files without checking them (a baseline for benchmarks).
    #[command(hide = true)]
    Parse(parse::Args),
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Lint(args) => lint::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Parse(args) => parse::run(args),
    };
    ExitCode::from(code)
}

/// Whether to colour what goes to stdout.
pub fn stdout_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}
