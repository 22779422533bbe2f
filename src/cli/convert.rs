//! `ccforge convert INPUT`: a Postman collection or an API definition to a connector-ready
//! Swagger 2.0 definition, or to a whole connector folder.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde_json::Value;

use super::{EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, print_report, read_input};
use crate::connector::properties::{self, AuthKind, AuthOptions, RedirectMode};
use crate::connector::run_passes;
use crate::diagnostic::{Diagnostic, Severity};
use crate::emit::{OutFormat, render, to_json, to_json_sized};
use crate::fsutil::{same_file, write_atomic};
use crate::import::{ImportOptions, import};
use crate::lint::engine::{is_input_error, lint_finish, lint_rules};
use crate::report::Format;
use crate::source::Source;
use crate::source::display_name;

#[derive(clap::Args)]
pub struct Args {
    /// The Postman collection (v1, v2.0, v2.1), OpenAPI 3.0/3.1 or Swagger 2.0 definition.
    #[arg(value_name = "INPUT")]
    input: PathBuf,

    /// Write the definition to FILE (default: standard output).
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
    format_out: Option<OutFormat>,

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
            kind: self.auth,
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
            redirect_mode: self.redirect_mode,
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

/// One file to write.
struct Output {
    path: Option<PathBuf>,
    name: String,
    text: Arc<str>,
}

fn refuse(message: String, format: Format) -> u8 {
    let d = Diagnostic::new(
        &crate::source::codes::UNREADABLE_FILE,
        Severity::Error,
        message,
    );
    print_report(&[d], &HashMap::new(), 0, format);
    EXIT_INPUT
}

pub fn run(args: Args) -> u8 {
    let (mut src, config) = match read_input(&args.input, args.config.as_deref(), args.format) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let mut opts = ImportOptions {
        vars: args.vars.clone(),
        host: args.host.clone(),
        path: Some(args.input.clone()),
        server_vars: args.server_vars.clone(),
        server: args.server,
        authorization_url: args.auth.authorization_url.clone(),
        token_url: args.auth.token_url.clone(),
        ..Default::default()
    };
    let mut env_src = None;
    if let Some(env) = &args.environment {
        match read_input(env, args.config.as_deref(), args.format) {
            Ok((s, _)) => {
                opts.environment = Some(s.value.clone());
                env_src = Some(s);
            }
            Err(code) => return code,
        }
    }
    let imported = import(&mut src, &opts);
    let mut inputs: Vec<&Source> = vec![&src];
    inputs.extend(env_src.as_ref());
    let imported = match imported {
        Ok(i) => i,
        Err(mut diags) => {
            src.resolve(&mut diags);
            super::print_diagnostics(&diags, &inputs, args.format);
            return EXIT_INPUT;
        }
    };
    let doc = imported.doc;
    let secrets = imported.secrets;
    let mut input_diags = imported.diagnostics;
    let inputs_ref = &inputs;
    // The input's diagnostics are located (a pass over the input text) while the output is made.
    let code = std::thread::scope(|scope| {
        let located = scope.spawn(move || {
            for s in inputs_ref {
                s.resolve(&mut input_diags);
            }
            input_diags
        });
        make_outputs(&args, doc, located, &inputs, &secrets, &config)
    });
    // The process ends here: freeing a large collection's tree would only cost time.
    std::mem::forget(src);
    code
}

/// Writes each output to its file (or standard output), stopping at the first failure;
/// `first`, when given, is the text of the first output (rendered late).
fn write_outputs(outputs: &[Output], first: Option<&str>) -> Result<(), String> {
    for (i, o) in outputs.iter().enumerate() {
        let text = match first {
            Some(t) if i == 0 => t,
            _ => &o.text,
        };
        match &o.path {
            Some(p) => {
                write_atomic(p, text.as_bytes())
                    .map_err(|e| format!("cannot write {}: {e}", p.display()))?;
            }
            None => {
                use std::io::Write;
                let mut out = std::io::stdout().lock();
                out.write_all(text.as_bytes())
                    .and_then(|()| out.flush())
                    .map_err(|e| format!("cannot write to standard output: {e}"))?;
            }
        }
    }
    Ok(())
}

/// Everything after the import: apiProperties.json, the passes, lint, the files and the report.
fn make_outputs(
    args: &Args,
    mut doc: serde_json::Value,
    located: std::thread::ScopedJoinHandle<'_, Vec<Diagnostic>>,
    inputs: &[&Source],
    secrets: &[String],
    config: &Arc<crate::config::Config>,
) -> u8 {
    // Where things go.
    let swagger_path = match (&args.out_dir, &args.output) {
        (Some(dir), _) => Some(dir.join("apiDefinition.swagger.json")),
        (None, Some(p)) => Some(p.clone()),
        (None, None) => None,
    };
    let swagger_name = swagger_path
        .as_deref()
        .map(display_name)
        .unwrap_or_else(|| "<stdout>".into());
    let properties_path = args.out_dir.as_ref().map(|d| d.join("apiProperties.json"));
    let properties_name = properties_path
        .as_deref()
        .map(display_name)
        .unwrap_or_else(|| "apiProperties.json".into());

    let mut out_diags = Vec::new();
    let api_properties = (args.out_dir.is_some() || args.auth.any()).then(|| {
        properties::build(
            &mut doc,
            &args.auth.options(),
            &swagger_name,
            &properties_name,
            &mut out_diags,
        )
    });
    if args.out_dir.is_none() {
        // No apiProperties.json is written: what it would lack does not matter.
        out_diags.retain(|d| d.file.as_deref() != Some(properties_name.as_str()));
    }
    out_diags.extend(run_passes(&mut doc, &swagger_name, &**config));

    let syntax = if args.out_dir.is_some() {
        OutFormat::Json
    } else {
        args.format_out.unwrap_or(OutFormat::Json)
    };
    let settings_value = properties::settings();
    // JSON is rendered on another thread while the output is linted (its length, which the lint
    // needs, is worked out from the tree); YAML is rendered here.
    let render_later = matches!(syntax, OutFormat::Json);
    let mut outputs = vec![Output {
        path: swagger_path,
        name: swagger_name,
        text: if render_later {
            Arc::from("")
        } else {
            render(&doc, syntax).into()
        },
    }];
    if let (Some(props), Some(dir)) = (&api_properties, &args.out_dir) {
        outputs.push(Output {
            path: properties_path,
            name: properties_name,
            text: to_json(props).into(),
        });
        if args.settings {
            let p = dir.join("settings.json");
            outputs.push(Output {
                name: display_name(&p),
                path: Some(p),
                text: to_json(&properties::settings()).into(),
            });
        }
    }

    // Never overwrite without --force, never write over the input.
    for o in &outputs {
        let Some(p) = &o.path else { continue };
        if same_file(p, &args.input) {
            return refuse(
                format!("{} is the input file; choose another output", p.display()),
                args.format,
            );
        }
        if p.exists() && !args.force {
            return refuse(
                format!(
                    "{} already exists; pass --force to overwrite it",
                    p.display()
                ),
                args.format,
            );
        }
    }

    if let Some(dir) = &args.out_dir
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        return refuse(format!("cannot create {}: {e}", dir.display()), args.format);
    }

    // Lint what will be written, as one connector (from the values, without parsing the text),
    // while the files are written.
    let mut values = vec![std::mem::take(&mut doc)];
    values.extend(api_properties);
    values.push(settings_value);
    let mut sources = Vec::new();
    for (i, (o, value)) in outputs.iter().zip(values).enumerate() {
        let syntax = match syntax {
            OutFormat::Yaml if i == 0 => crate::source::Syntax::Yaml,
            _ => crate::source::Syntax::Json,
        };
        sources.push(Source::from_rendered(
            &o.name,
            o.text.clone(),
            value,
            syntax,
        ));
    }
    if render_later {
        sources[0].byte_len = crate::swagger::size::pretty_len(&sources[0].value);
    }
    let (found, text, written, out_diags) = std::thread::scope(|scope| {
        let (doc_src, outputs) = (&sources[0], &outputs);
        let worker = scope.spawn(move || {
            let text: Option<Arc<str>> =
                render_later.then(|| to_json_sized(&doc_src.value, doc_src.byte_len).into());
            let written = write_outputs(outputs, text.as_deref());
            // The passes' diagnostics (most of them) are located here too.
            let mut out_diags = out_diags;
            if let Some(text) = &text {
                let name = &outputs[0].name;
                Source::from_rendered(name, text.clone(), Value::Null, doc_src.syntax)
                    .resolve(&mut out_diags);
            }
            (text, written, out_diags)
        });
        let found = lint_rules(&sources, &**config);
        let (text, written, out_diags) = worker
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (found, text, written, out_diags)
    });
    if let Err(message) = written {
        return refuse(message, args.format);
    }
    if let Some(text) = text {
        debug_assert_eq!(sources[0].byte_len, text.len(), "pretty_len disagrees");
        sources[0].byte_len = text.len();
        sources[0].text = text.clone();
        outputs[0].text = text;
    }
    let lint = lint_finish(sources, found, &**config, out_diags);
    let mut diags = located
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e));
    diags.extend(lint.diagnostics);
    crate::diagnostic::sort(&mut diags);

    let mut texts: HashMap<String, Arc<str>> = lint.texts;
    for s in inputs {
        texts.insert(
            s.name.clone(),
            crate::import::mask_secrets(&s.text, secrets).into(),
        );
    }
    for o in &outputs {
        texts.insert(o.name.clone(), o.text.clone());
    }
    print_report(&diags, &texts, inputs.len(), args.format);
    let worst = diags.iter().map(|d| d.severity).max();
    let input_error = diags.iter().any(is_input_error);
    // The process ends here: freeing a large collection's tree would only cost time.
    std::mem::forget((doc, texts, diags, outputs));
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
