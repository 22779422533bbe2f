//! `ccforge drift API CONNECTOR`: how far a connector's definition is from the API it calls.

use std::path::Path;

use super::EXIT_INPUT;
use super::diff::{DiffFormat, FailOn, Side, locate, read_side, report};
use crate::config::ConfigFinder;
use crate::connector::run_passes;
use crate::detect::{self, Format as DocFormat};
use crate::diagnostic::Severity;
use crate::diff::render::Style;
use crate::diff::{drift, rebase};
use crate::import::{ImportOptions, import};
use crate::source::{self, Source};

#[derive(clap::Args)]
pub struct Args {
    /// The API's current definition (OpenAPI 3.0/3.1, Swagger 2.0 or a Postman collection): a
    /// file or REV:PATH.
    #[arg(value_name = "API")]
    api: String,
    /// The connector: its folder, its apiDefinition.swagger.json, or REV:PATH of either.
    #[arg(value_name = "CONNECTOR")]
    connector: String,
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

fn fail(e: String) -> u8 {
    eprintln!("error: {e}");
    EXIT_INPUT
}

pub fn run(args: Args) -> u8 {
    let Side {
        definition: connector_src,
        ..
    } = match read_side(&args.connector, false) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    if detect::detect(&connector_src.value, &connector_src.name).ok() != Some(DocFormat::Swagger2) {
        return fail(format!(
            "{}: a connector's definition is Swagger 2.0; give the connector folder or its \
             apiDefinition.swagger.json as CONNECTOR",
            connector_src.name
        ));
    }
    let connector = &connector_src.value;

    let Side {
        definition: mut api_src,
        ..
    } = match read_side(&args.api, false) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let mut environment = None;
    if let Some(env) = &args.environment {
        match source::load_path(env, &crate::source::display_name(env)) {
            Ok(s) => environment = Some(s.value),
            Err(e) => {
                return fail(format!(
                    "{}: {}",
                    e.diagnostic.location(),
                    e.diagnostic.message
                ));
            }
        }
    }
    // The connector's host, so that relative servers and {{baseUrl}} resolve as it calls them.
    let host = args.host.clone().or_else(|| {
        connector
            .get("host")
            .and_then(|h| h.as_str())
            .map(str::to_string)
    });
    let opts = ImportOptions {
        vars: args.vars.clone(),
        environment,
        host,
        path: Path::new(&args.api)
            .is_file()
            .then(|| args.api.clone().into()),
        server_vars: args.server_vars.clone(),
        server: args.server,
        ..Default::default()
    };
    let format = detect::detect(&api_src.value, &api_src.name);
    if !matches!(&format, Ok(f) if *f == DocFormat::Swagger2 || f.is_openapi3() || f.is_postman()) {
        return fail(format!(
            "{}: not an API definition ccforge reads (OpenAPI 3.0/3.1, Swagger 2.0 or a Postman \
             collection)",
            api_src.name
        ));
    }
    let mut api = match import(&mut api_src, &opts) {
        Ok(i) => {
            // What the conversion lost is convert's report; say that there is one.
            let count = |s: Severity| i.diagnostics.iter().filter(|d| d.severity == s).count();
            let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
            if errors + warnings > 0 {
                eprintln!(
                    "note: converting {} reported {errors} errors and {warnings} warnings; \
                     `ccforge convert {}` shows them",
                    api_src.name, args.api
                );
            }
            i.doc
        }
        Err(d) => {
            return fail(format!(
                "{}: {}",
                api_src.name,
                d.first()
                    .map(|d| d.message.as_str())
                    .unwrap_or("cannot convert")
            ));
        }
    };
    // What `convert` would make of the API today.
    let config = match ConfigFinder::new(args.config.as_deref()).and_then(|f| {
        let at = Path::new(&args.connector);
        f.for_path(if at.exists() { at } else { Path::new(".") })
    }) {
        Ok(c) => c,
        Err(d) => return fail(d.message),
    };
    let api_name = format!("{} (as the connector would call it)", api_src.name);
    run_passes(&mut api, &api_name, &*config);
    let notes = rebase(&mut api, connector);
    let api_located = Source::from_rendered(
        &api_name,
        crate::emit::to_json(&api).into(),
        api.clone(),
        source::Syntax::Json,
    );

    let mut changes = notes;
    changes.extend(drift(connector, &api));
    let located = locate(&changes, &connector_src, &api_located);
    report(located, args.format, args.fail_on, Style::DRIFT)
}
