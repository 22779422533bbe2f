//! `ccforge drift API CONNECTOR`: how far a connector's definition is from the API it calls.

use super::EXIT_INPUT;
use super::diff::{DiffFormat, FailOn, report};
use crate::diff::render::Style;
use crate::import::ImportOptions;
use crate::pipeline::diff::{DriftOptions, drift};

#[derive(clap::Args)]
pub struct Args {
    /// The API's current definition (OpenAPI 3.0/3.1, Swagger 2.0 or a Postman collection): a
    /// file or REV:PATH.
    #[arg(value_name = "API")]
    api: String,
    /// The connector: its folder, its apiDefinition.swagger.json, or REV:PATH of either. Several
    /// connectors (the parts of a split API, or the folder holding them) are compared together:
    /// an API operation is reported missing only when none of them carries it.
    #[arg(value_name = "CONNECTOR", required = true, num_args = 1..)]
    connectors: Vec<String>,
    /// Report format [default: pretty, or github when GITHUB_ACTIONS=true].
    #[arg(long, value_enum)]
    format: Option<DiffFormat>,
    /// Lowest level that makes the exit code 1.
    #[arg(long, value_enum, default_value = "breaking")]
    fail_on: FailOn,
    /// Convert the API with this host instead of the connector's (host[:port] or a base URL).
    #[arg(long, value_name = "HOST")]
    host: Option<String>,
    /// A Postman environment file whose variables resolve {{name}} references.
    #[arg(long = "env", value_name = "FILE")]
    environment: Option<std::path::PathBuf>,
    /// A variable for {{NAME}} references (repeatable).
    #[arg(long = "var", value_name = "NAME=VALUE", value_parser = super::convert::parse_var)]
    vars: Vec<(String, String)>,
    /// OpenAPI 3: a value for a server variable (repeatable).
    #[arg(long = "server-var", value_name = "NAME=VALUE", value_parser = super::convert::parse_var)]
    server_vars: Vec<(String, String)>,
    /// OpenAPI 3: which server to use, counted from 0 [default: 0].
    #[arg(long, value_name = "N")]
    server: Option<usize>,
    /// Use this config file (its [passes]) instead of looking for ccforge.toml above CONNECTOR.
    #[arg(long, value_name = "FILE")]
    config: Option<std::path::PathBuf>,
}

pub fn run(args: Args) -> u8 {
    if let Err(code) = super::check_host(args.host.as_ref())
        .and_then(|()| super::check_repeated("--var", &args.vars))
        .and_then(|()| super::check_repeated("--server-var", &args.server_vars))
    {
        return code;
    }
    let opts = DriftOptions {
        api: args.api.clone(),
        connectors: args.connectors.clone(),
        import: ImportOptions {
            vars: args.vars.clone(),
            host: args.host.clone(),
            server_vars: args.server_vars.clone(),
            server: args.server,
            ..Default::default()
        },
        environment: args.environment.clone(),
        config: args.config.clone(),
    };
    match drift(&opts) {
        Ok(drifted) => {
            if let Some(note) = &drifted.note {
                super::output::stderr_line(&format!("note: {note}"));
            }
            report(&drifted.compared, args.format, args.fail_on, Style::DRIFT)
        }
        Err(e) => {
            super::output::stderr_line(&format!("error: {e}"));
            EXIT_INPUT
        }
    }
}
