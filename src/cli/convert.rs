//! `ccforge convert INPUT`: a Postman collection or an API definition to a connector-ready
//! Swagger 2.0 definition, or to a whole connector folder.

use std::path::PathBuf;

use super::{AuthKind, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, Format, RedirectMode, Syntax};
use crate::connector::properties::AuthOptions;
use crate::diagnostic::Severity;
use crate::fsutil::is_stdout;
use crate::import::ImportOptions;
use crate::lint::engine::is_input_error;
use crate::pipeline::{ConvertOptions, Destination, convert};

#[derive(clap::Args)]
pub struct Args {
    /// The Postman collection (v1, v2.0, v2.1), OpenAPI 3.0/3.1 or Swagger 2.0 definition.
    #[arg(value_name = "INPUT")]
    input: PathBuf,

    /// Write the definition to FILE (default: standard output, as with `-` or /dev/stdout).
    #[arg(long, short = 'o', value_name = "FILE", conflicts_with = "out_dir")]
    output: Option<PathBuf>,

    /// Write a connector folder: apiDefinition.swagger.json and apiProperties.json (and
    /// settings.json with --settings).
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,

    /// Overwrite files that already exist in --out-dir or at -o.
    #[arg(long)]
    force: bool,

    /// Also write settings.json (for paconn) into --out-dir.
    #[arg(long, requires = "out_dir")]
    settings: bool,

    /// Syntax of the definition [default: json; --out-dir always writes JSON].
    #[arg(long, value_enum)]
    format_out: Option<Syntax>,

    /// The API's host (host[:port]), or its base URL (https://host/base).
    #[arg(long, value_name = "HOST")]
    host: Option<String>,

    /// A Postman environment file whose variables resolve {{name}} references.
    #[arg(long = "env", value_name = "FILE")]
    environment: Option<PathBuf>,

    /// A variable for {{NAME}} references (repeatable); wins over the environment and the
    /// collection's own variables.
    #[arg(long = "var", value_name = "NAME=VALUE", value_parser = parse_var)]
    vars: Vec<(String, String)>,

    /// OpenAPI 3: a value for a server variable (repeatable); wins over its default.
    #[arg(long = "server-var", value_name = "NAME=VALUE", value_parser = parse_var)]
    server_vars: Vec<(String, String)>,

    /// OpenAPI 3: which server to use, counted from 0 [default: 0].
    #[arg(long, value_name = "N")]
    server: Option<usize>,

    /// Exit 1 when the conversion lost anything (any warning).
    #[arg(long)]
    strict: bool,

    /// Format of the diagnostics on standard error.
    #[arg(long, value_enum, default_value = "pretty")]
    format: Format,

    /// In the pretty format, show every finding with its code frame, not the first few of each
    /// rule and a count of the rest.
    #[arg(long)]
    all: bool,

    /// Use this config file instead of looking for ccforge.toml above INPUT.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,

    #[command(flatten)]
    auth: AuthArgs,
}

/// The connection settings that go into apiProperties.json.
#[derive(clap::Args)]
#[command(next_help_heading = "Connection (apiProperties.json)")]
pub struct AuthArgs {
    /// The connection's auth [default: the input's own auth].
    #[arg(long, value_enum)]
    auth: Option<AuthKind>,
    /// Header or query parameter that carries the API key.
    #[arg(long, value_name = "NAME")]
    api_key_name: Option<String>,
    /// Where the API key goes.
    #[arg(long, value_name = "WHERE", value_parser = ["header", "query"])]
    api_key_in: Option<String>,
    /// OAuth client (application) id. The client secret is never written to a file.
    #[arg(long, value_name = "ID")]
    client_id: Option<String>,
    /// Azure AD resource URL: the API's Application ID URI, character for character.
    #[arg(long, value_name = "URL")]
    resource_url: Option<String>,
    /// Azure AD tenant [default: common].
    #[arg(long, value_name = "TENANT")]
    tenant: Option<String>,
    /// Azure AD login URL [default: https://login.windows.net].
    #[arg(long, value_name = "URL")]
    login_url: Option<String>,
    /// OAuth 2.0 authorization URL.
    #[arg(long, value_name = "URL")]
    authorization_url: Option<String>,
    /// OAuth 2.0 token URL.
    #[arg(long, value_name = "URL")]
    token_url: Option<String>,
    /// OAuth 2.0 refresh URL [default: the token URL].
    #[arg(long, value_name = "URL")]
    refresh_url: Option<String>,
    /// OAuth scopes, comma-separated.
    #[arg(long, value_name = "SCOPES", value_delimiter = ',')]
    scopes: Vec<String>,
    /// OAuth redirect mode.
    #[arg(long, value_enum, default_value = "GlobalPerConnector")]
    redirect_mode: RedirectMode,
    /// Icon background colour, #RRGGBB.
    #[arg(long, value_name = "COLOR")]
    brand_color: Option<String>,
    /// Publisher name.
    #[arg(long, value_name = "NAME")]
    publisher: Option<String>,
    /// Stack owner (the API's owner).
    #[arg(long, value_name = "NAME")]
    stack_owner: Option<String>,
}

impl AuthArgs {
    fn any(&self) -> bool {
        self.auth.is_some()
            || self.api_key_name.is_some()
            || self.client_id.is_some()
            || self.resource_url.is_some()
            || self.authorization_url.is_some()
            || self.token_url.is_some()
    }

    fn options(&self) -> AuthOptions {
        AuthOptions {
            kind: self.auth.map(Into::into),
            api_key_name: self.api_key_name.clone(),
            api_key_in: self.api_key_in.clone(),
            client_id: self.client_id.clone(),
            resource_url: self.resource_url.clone(),
            tenant: self.tenant.clone(),
            login_url: self.login_url.clone(),
            authorization_url: self.authorization_url.clone(),
            token_url: self.token_url.clone(),
            refresh_url: self.refresh_url.clone(),
            scopes: self
                .scopes
                .iter()
                .filter(|s| !s.is_empty())
                .cloned()
                .collect(),
            redirect_mode: self.redirect_mode.into(),
            brand_color: self.brand_color.clone(),
            publisher: self.publisher.clone(),
            stack_owner: self.stack_owner.clone(),
        }
    }
}

pub(super) fn parse_var(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err(format!("`{s}` is not NAME=VALUE")),
    }
}

pub fn run(args: Args) -> u8 {
    let destination = match (&args.out_dir, &args.output) {
        (Some(dir), _) => Destination::Folder {
            dir: dir.clone(),
            settings: args.settings,
        },
        (None, Some(p)) if is_stdout(p) => Destination::Stdout,
        (None, Some(p)) => Destination::File(p.clone()),
        (None, None) => Destination::Stdout,
    };
    let opts = ConvertOptions {
        input: args.input.clone(),
        destination,
        force: args.force,
        syntax: args.format_out.unwrap_or(Syntax::Json).into(),
        environment: args.environment.clone(),
        import: ImportOptions {
            vars: args.vars.clone(),
            host: args.host.clone(),
            server_vars: args.server_vars.clone(),
            server: args.server,
            authorization_url: args.auth.authorization_url.clone(),
            token_url: args.auth.token_url.clone(),
            ..Default::default()
        },
        auth: args.auth.options(),
        auth_given: args.auth.any(),
        config: args.config.clone(),
    };
    let converted = match convert(&opts) {
        Ok(c) => c,
        Err(failure) => return super::print_failure(&failure, args.format, args.all),
    };
    super::print_notes(&converted.notes, args.format, args.all);
    if let Some(text) = &converted.stdout {
        super::output::stdout(text);
    }
    let report = &converted.report;
    let fail_on = Some(if args.strict {
        Severity::Warning
    } else {
        Severity::Error
    });
    super::print_pipeline_report(report, args.format, args.all, fail_on);
    let diags = &report.diagnostics;
    let worst = diags.iter().map(|d| d.severity).max();
    let input_error = diags.iter().any(is_input_error);
    // The process ends here: freeing a large collection's tree would only cost time.
    std::mem::forget(converted);
    if input_error {
        return EXIT_INPUT;
    }
    let failing = match worst {
        Some(Severity::Error) => true,
        Some(Severity::Warning) => args.strict,
        _ => false,
    };
    if failing { EXIT_FINDINGS } else { EXIT_OK }
}
