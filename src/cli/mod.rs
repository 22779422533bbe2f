//! The command line: argument definitions and dispatch. Each subcommand lives in its own file.

mod completions;
mod convert;
mod diff;
mod drift;
mod fix;
mod lint;
mod lsp;
mod man;
pub mod output;
mod parse;
mod rules;

use clap::{Parser, Subcommand};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::config::{Config, ConfigFinder};
use crate::diagnostic::{Diagnostic, Severity};
use crate::pipeline::{Failure, Report};
use crate::report;
use crate::source::display_name;
use crate::source::{self, LoadError, Source};
use std::io::IsTerminal;
use std::process::ExitCode;

/// The report formats, as the command line names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Code frames with help, for people at a terminal.
    Pretty,
    /// One JSON object with a `diagnostics` array (stable, documented in the README).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// JUnit XML, for CI systems that show test reports.
    Junit,
    /// A Markdown summary and table, for pull-request comments.
    Markdown,
}

impl From<Format> for report::Format {
    fn from(f: Format) -> report::Format {
        match f {
            Format::Pretty => report::Format::Pretty,
            Format::Json => report::Format::Json,
            Format::Sarif => report::Format::Sarif,
            Format::Github => report::Format::Github,
            Format::Junit => report::Format::Junit,
            Format::Markdown => report::Format::Markdown,
        }
    }
}

/// The syntax of a written definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Syntax {
    Json,
    Yaml,
}

impl From<Syntax> for crate::emit::OutFormat {
    fn from(s: Syntax) -> crate::emit::OutFormat {
        match s {
            Syntax::Json => crate::emit::OutFormat::Json,
            Syntax::Yaml => crate::emit::OutFormat::Yaml,
        }
    }
}

/// The kinds of auth a connector can be given on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AuthKind {
    None,
    Apikey,
    Basic,
    Oauth2,
    Aad,
}

impl From<AuthKind> for crate::connector::properties::AuthKind {
    fn from(k: AuthKind) -> Self {
        use crate::connector::properties::AuthKind as K;
        match k {
            AuthKind::None => K::None,
            AuthKind::Apikey => K::Apikey,
            AuthKind::Basic => K::Basic,
            AuthKind::Oauth2 => K::Oauth2,
            AuthKind::Aad => K::Aad,
        }
    }
}

/// Where the OAuth consent page sends the user back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RedirectMode {
    #[value(name = "Global", alias = "global")]
    Global,
    #[value(name = "GlobalPerConnector", alias = "global-per-connector")]
    GlobalPerConnector,
    #[value(name = "Direct", alias = "direct")]
    Direct,
}

impl From<RedirectMode> for crate::connector::properties::RedirectMode {
    fn from(m: RedirectMode) -> Self {
        use crate::connector::properties::RedirectMode as M;
        match m {
            RedirectMode::Global => M::Global,
            RedirectMode::GlobalPerConnector => M::GlobalPerConnector,
            RedirectMode::Direct => M::Direct,
        }
    }
}

/// Exit codes, as documented in the README.
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_INPUT: u8 = 2;

#[derive(Parser)]
#[command(
    name = "ccforge",
    version,
    about = "Convert, lint and diff Microsoft Power Platform custom connector definitions, offline.",
    propagate_version = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check Swagger 2.0 definitions and connector folders against Power Platform's rules.
    Lint(lint::Args),
    /// Convert a Postman collection or an API definition to a connector-ready Swagger 2.0
    /// definition, or to a connector folder with --out-dir.
    Convert(Box<convert::Args>),
    /// Show what changed between two definitions and which changes break existing flows.
    Diff(diff::Args),
    /// Show how far a connector has drifted from the API it calls: operations one has and the
    /// other lacks, and every parameter or schema difference.
    Drift(drift::Args),
    /// Run the connector passes over a Swagger 2.0 definition.
    Fix(fix::Args),
    /// List the rules, or print one rule's documentation.
    Rules(rules::Args),
    /// Serve the Language Server Protocol over standard input and output, for editors.
    Lsp(lsp::Args),
    /// Print the shell completion script for bash, zsh, fish, PowerShell or Elvish.
    Completions(completions::Args),
    /// Print the manual page (roff), or write one page per subcommand with --dir.
    Man(man::Args),
    /// Read and parse files without checking them (a baseline for benchmarks).
    #[command(hide = true)]
    Parse(parse::Args),
    /// Print this message or the help of the given subcommand(s).
    Help(HelpArgs),
}

#[derive(clap::Args)]
struct HelpArgs {
    /// The subcommand (and its subcommands) to print the help of.
    #[arg(value_name = "COMMAND")]
    command: Vec<String>,
}

/// The command line without its hidden subcommands, for completion scripts (which would
/// otherwise offer them).
fn visible_command(full: clap::Command) -> clap::Command {
    let mut cmd = clap::Command::new("ccforge")
        .version(env!("CARGO_PKG_VERSION"))
        .propagate_version(full.is_propagate_version_set())
        .disable_help_subcommand(full.is_disable_help_subcommand_set())
        .args(full.get_arguments().cloned())
        .subcommands(full.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    if let Some(about) = full.get_about() {
        cmd = cmd.about(about.clone());
    }
    cmd
}

/// `ccforge help [COMMAND]...`: the help `--help` prints, of the program or of a subcommand.
fn help(args: &HelpArgs) -> u8 {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    cmd.build();
    let mut at = &mut cmd;
    for name in &args.command {
        match at.find_subcommand_mut(name) {
            Some(sub) => at = sub,
            None => {
                output::stderr_line(&format!(
                    "error: unrecognized subcommand '{name}'\n\nFor a list of subcommands, try 'ccforge help'."
                ));
                return EXIT_INPUT;
            }
        }
    }
    output::stdout(&at.render_long_help().to_string());
    EXIT_OK
}

/// Runs the command the arguments name; the process's exit status.
pub fn run() -> ExitCode {
    ExitCode::from(run_status())
}

/// [`run`], as the number the process exits with.
/// The command being run, which titles the reports that have a title.
static COMMAND: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();

pub fn run_status() -> u8 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Usage errors, --help and --version, written through the same streams.
            let styled = e.render();
            if e.use_stderr() {
                output::stderr(&if stderr_color() {
                    styled.ansi().to_string()
                } else {
                    styled.to_string()
                });
            } else {
                output::stdout(&if stdout_color() {
                    styled.ansi().to_string()
                } else {
                    styled.to_string()
                });
            }
            return output::status(if e.exit_code() == 0 {
                EXIT_OK
            } else {
                EXIT_INPUT
            });
        }
    };
    let _ = COMMAND.set(match &cli.command {
        Command::Lint(_) => "lint",
        Command::Convert(_) => "convert",
        Command::Fix(_) => "fix",
        Command::Diff(_) => "diff",
        Command::Drift(_) => "drift",
        Command::Rules(_) => "rules",
        Command::Completions(_) => "completions",
        Command::Man(_) => "man",
        Command::Parse(_) => "parse",
        Command::Lsp(_) => "lsp",
        Command::Help(_) => "help",
    });
    // One command, then the process ends: the trees it is done with are left to the system.
    // The language server runs for as long as the editor does, and frees them.
    if !matches!(cli.command, Command::Lsp(_)) {
        crate::memory::leave_to_exit();
    }
    let code = match cli.command {
        Command::Lint(args) => lint::run(args),
        Command::Convert(args) => convert::run(*args),
        Command::Fix(args) => fix::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Drift(args) => drift::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
        Command::Parse(args) => parse::run(args),
        Command::Lsp(args) => lsp::run(args),
        Command::Help(args) => help(&args),
    };
    output::status(code)
}

/// Whether to colour what goes to stdout.
pub fn stdout_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// Whether to colour what goes to stderr.
pub fn stderr_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// Prints diagnostics to standard error in a report format. The pretty format frames every
/// error and the first warnings of each rule, and counts the rest by rule (the changes the passes
/// made, infos, by count only); `all` frames every one.
/// `fail_on` is the lowest severity that makes the run exit 1.
pub fn print_report(
    diags: &[Diagnostic],
    texts: &HashMap<String, Arc<str>>,
    files: usize,
    format: Format,
    all: bool,
    fail_on: Option<Severity>,
) {
    if diags.is_empty() && format == Format::Pretty {
        return;
    }
    let report = report::Report {
        diagnostics: diags,
        texts,
        files,
        color: format == Format::Pretty && stderr_color(),
        amount: if all {
            report::Amount::ALL
        } else {
            report::Amount::CHANGES
        },
        fail_on,
        command: COMMAND.get().copied().unwrap_or("lint"),
    };
    output::stderr(&report::render(format.into(), &report));
}

/// Prints a pipeline's report to standard error.
pub fn print_pipeline_report(r: &Report, format: Format, all: bool, fail_on: Option<Severity>) {
    print_report(&r.diagnostics, &r.texts, r.files, format, all, fail_on);
}

/// Prints a pipeline's report to standard error with what reading its inputs noted first, as
/// one report: one JSON object, one SARIF log, one summary line. Notes make no run fail.
pub fn print_noted_report(
    notes: &Report,
    r: &Report,
    format: Format,
    all: bool,
    fail_on: Option<Severity>,
) {
    if notes.is_empty() {
        return print_pipeline_report(r, format, all, fail_on);
    }
    let mut diags = notes.diagnostics.clone();
    diags.extend(r.diagnostics.iter().cloned());
    let mut texts = r.texts.clone();
    for (name, text) in &notes.texts {
        texts.entry(name.clone()).or_insert_with(|| text.clone());
    }
    print_report(
        &diags,
        &texts,
        r.files.max(notes.files),
        format,
        all,
        fail_on,
    );
}

/// Refuses a `--var` or `--server-var` NAME given twice with different values: which one
/// applies would otherwise be a guess.
pub fn check_repeated(option: &str, pairs: &[(String, String)]) -> Result<(), u8> {
    let mut seen: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for (name, value) in pairs {
        match seen.insert(name, value) {
            Some(before) if before != value => {
                output::stderr_line(&format!(
                    "error: {option} {name} is given twice, with different values; give it once"
                ));
                return Err(EXIT_INPUT);
            }
            _ => {}
        }
    }
    Ok(())
}

/// Checks `--host`: `host[:port]` or an `http(s)://host[:port]/base` URL, without credentials.
/// Anything else would be written into the definition as an invalid `host`.
pub fn check_host(host: Option<&String>) -> Result<(), u8> {
    let Some(host) = host else { return Ok(()) };
    let (scheme, rest) = match host.split_once("://") {
        Some((scheme, rest)) => (Some(scheme), rest),
        None => (None, host.as_str()),
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let problem = if crate::secrets::without_userinfo(host).1 {
        Some(
            "holds credentials (`user:password@` before the host), which would be written into \
             the definition: give the host alone and the connection's authentication with --auth"
                .to_string(),
        )
    } else if let Some(s) =
        scheme.filter(|s| !s.eq_ignore_ascii_case("https") && !s.eq_ignore_ascii_case("http"))
    {
        Some(format!(
            "uses `{s}://`; a connector calls its API over https or http only"
        ))
    } else if path.contains(['?', '#']) {
        Some("has a query or fragment; a base URL is scheme, host and path only".to_string())
    } else if authority.is_empty() {
        Some("has no host".to_string())
    } else {
        crate::swagger::host_problem(authority).map(|p| format!("is not a host: `{authority}` {p}"))
    };
    // The value is repeated without a password it may hold.
    let mut shown = crate::diagnostic::shell_word(host).into_owned();
    crate::secrets::mask_text(&mut shown);
    match problem {
        Some(problem) => {
            output::stderr_line(&format!(
                "error: --host {}: the value {problem}\n  help: give host[:port] (--host api.contoso.com) \
                 or a base URL (--host https://api.contoso.com/v1)",
                shown
            ));
            Err(EXIT_INPUT)
        }
        None => Ok(()),
    }
}

/// Prints why a pipeline stopped; its exit status.
pub fn print_failure(f: &Failure, format: Format, all: bool) -> u8 {
    print_noted_report(&f.notes, &f.report, format, all, Some(Severity::Error));
    EXIT_INPUT
}

/// Prints what reading some sources noted to standard error. Notes make no run fail.
pub fn print_diagnostics(diags: &[Diagnostic], sources: &[&Source], format: Format) {
    let texts = sources
        .iter()
        .map(|s| (s.name.clone(), s.text.clone()))
        .collect();
    print_report(diags, &texts, sources.len(), format, false, None);
}

/// Reads the input file of `fix`, `convert` or `diff` and the config that applies to it. On
/// failure the error has been printed and the exit code is returned.
pub fn read_input(
    path: &Path,
    config: Option<&Path>,
    format: Format,
) -> Result<(Source, Arc<Config>), u8> {
    let finder = ConfigFinder::new(config).map_err(|d| {
        print_report(
            &[d],
            &HashMap::new(),
            0,
            format,
            false,
            Some(Severity::Error),
        );
        EXIT_INPUT
    })?;
    let config = finder.for_path(path).map_err(|d| {
        print_report(
            &[d],
            &HashMap::new(),
            0,
            format,
            false,
            Some(Severity::Error),
        );
        EXIT_INPUT
    })?;
    let name = display_name(path);
    match source::load_path(path, &name) {
        Ok(src) => {
            if !src.notes.is_empty() {
                let mut notes = src.notes.clone();
                src.resolve(&mut notes);
                print_diagnostics(&notes, &[&src], format);
            }
            Ok((src, config))
        }
        Err(LoadError { diagnostic, text }) => {
            let mut texts = HashMap::new();
            if let Some(t) = text {
                texts.insert(name, t);
            }
            print_report(
                &[diagnostic],
                &texts,
                1,
                format,
                false,
                Some(Severity::Error),
            );
            Err(EXIT_INPUT)
        }
    }
}
