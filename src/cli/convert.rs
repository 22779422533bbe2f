//! `ccforge convert INPUT`: a Postman collection or an API definition to a connector-ready
//! Swagger 2.0 definition, or to a whole connector folder.

use std::path::PathBuf;

use super::{AuthKind, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, Format, RedirectMode, Syntax};
use crate::connector::properties::AuthOptions;
use crate::connector::split::SplitBy;
use crate::diagnostic::Severity;
use crate::fsutil::is_stdout;
use crate::import::ImportOptions;
use crate::lint::engine::is_input_error;
use crate::pipeline::convert::Plan;
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

    /// Syntax of the definition [default: yaml for -o FILE.yaml or .yml, else json; --out-dir
    /// always writes JSON].
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
    select: SelectArgs,

    /// Write one connector folder per group under --out-dir: by first tag, by top Postman
    /// folder, or by first path segment (after a version prefix). A group over the size
    /// budget is split further by path.
    #[arg(long, value_enum, conflicts_with = "output")]
    split_by: Option<SplitByArg>,

    /// Write nothing: print each connector the conversion (or --split-by) would make, with its
    /// operations, size, largest body schema count and the limits it meets or breaks
    /// (--format json for scripts).
    #[arg(long)]
    plan: bool,

    /// The size budget of each definition, below the 1 MB import limit: bytes, or with a
    /// k/KB or M/MB suffix (1 KB = 1024 bytes).
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    max_size: Option<usize>,

    /// Cut a request or response schema over the 512-schema limit: copied inline and kept
    /// down to the deepest level that fits, deeper objects left untyped; each cut reported.
    #[arg(long)]
    cut_schemas: bool,

    /// When the definition is still over the size budget after moving repeated schemas and
    /// dropping examples, also cut descriptions to their first sentence, then remove those of
    /// body and response fields; each step's saving is reported.
    #[arg(long)]
    trim_descriptions: bool,

    /// Write the definition as minified JSON (no indentation or line breaks). The 1 MB import
    /// limit counts the file's bytes: a large definition may fit only so, and the size budget
    /// is then counted in that layout. Certification wants an indented file.
    #[arg(long)]
    minify: bool,

    #[command(flatten)]
    auth: AuthArgs,
}

/// Which operations to keep (`convert` and `fix`).
#[derive(clap::Args)]
#[command(next_help_heading = "Choosing operations")]
pub struct SelectArgs {
    /// Keep only operations matching any of these patterns (repeatable): tag:NAME,
    /// path:GLOB (`*` one segment, `**` any), id:GLOB, method:NAME, folder:GLOB (Postman).
    /// Given, replaces the config's `include` for this input.
    #[arg(long, value_name = "KIND:GLOB")]
    pub include: Vec<String>,
    /// Then drop operations matching any of these patterns (repeatable).
    #[arg(long, value_name = "KIND:GLOB")]
    pub exclude: Vec<String>,
}

/// How `--split-by` groups operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SplitByArg {
    /// The operation's first tag.
    Tag,
    /// The request's top folder in a Postman collection.
    Folder,
    /// The first static path segment after a version prefix (`/v1/charges/{id}` → charges).
    Path,
}

impl From<SplitByArg> for SplitBy {
    fn from(s: SplitByArg) -> SplitBy {
        match s {
            SplitByArg::Tag => SplitBy::Tag,
            SplitByArg::Folder => SplitBy::Folder,
            SplitByArg::Path => SplitBy::Path,
        }
    }
}

/// `#RRGGBB`, as apiProperties.json's `iconBrandColor` takes it.
fn parse_color(s: &str) -> Result<String, String> {
    let t = s.trim();
    match t.strip_prefix('#') {
        Some(hex) if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
            Ok(t.to_string())
        }
        _ => Err(format!(
            "`{t}` is not a #RRGGBB colour (for example #007ee5)"
        )),
    }
}

/// `900000`, `900k`, `900KB`, `1M`, `1MB`.
fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let (num, unit) = match lower.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => lower.split_at(i),
        None => (lower.as_str(), ""),
    };
    let unit = match unit.trim() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1024,
        "m" | "mb" | "mib" => 1024 * 1024,
        u => return Err(format!("`{u}` is not a size unit; use k, KB, M or MB")),
    };
    let n: usize = num.parse().map_err(|_| format!("`{s}` is not a size"))?;
    let bytes = n.saturating_mul(unit);
    if bytes == 0 {
        return Err("the size budget must be more than 0 bytes".into());
    }
    let max = crate::swagger::size::MAX_DEFINITION_BYTES;
    if bytes > max {
        return Err(format!(
            "{bytes} bytes is over the 1 MB import limit ({max} bytes); the budget can only be smaller"
        ));
    }
    Ok(bytes)
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
    #[arg(long, value_name = "COLOR", value_parser = parse_color)]
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
            // Filled in from the input by the conversion.
            declared_refresh_urls: Vec::new(),
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
    if let Err(code) = super::check_host(args.host.as_ref())
        .and_then(|()| super::check_repeated("--var", &args.vars))
        .and_then(|()| super::check_repeated("--server-var", &args.server_vars))
    {
        return code;
    }
    if args.minify && args.format_out == Some(Syntax::Yaml) {
        super::output::stderr_line(
            "error: --minify writes minified JSON, which YAML has no form of: drop --minify or \
             --format-out yaml",
        );
        return super::EXIT_INPUT;
    }
    if args.out_dir.is_some() && args.format_out == Some(Syntax::Yaml) {
        super::output::stderr_line(
            "error: --out-dir writes a connector folder, whose apiDefinition.swagger.json is \
             JSON: drop --format-out yaml, or write the YAML definition alone with -o FILE",
        );
        return super::EXIT_INPUT;
    }
    // Without --format-out, a definition written to a `.yaml` or `.yml` file is YAML (unless
    // minified, which only JSON can be).
    let syntax = args.format_out.unwrap_or_else(|| {
        let yaml_named = (args.output.as_deref())
            .filter(|p| !is_stdout(p))
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
        if yaml_named && !args.minify && args.out_dir.is_none() {
            Syntax::Yaml
        } else {
            Syntax::Json
        }
    });
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
        syntax: syntax.into(),
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
        include: args.select.include.clone(),
        exclude: args.select.exclude.clone(),
        split_by: args.split_by.map(Into::into),
        plan: args.plan,
        max_size: args.max_size,
        cut_schemas: args.cut_schemas,
        trim_descriptions: args.trim_descriptions,
        minify: args.minify,
        // The pretty report counts the infos unless --all frames them.
        locate_infos: args.all || args.format != Format::Pretty,
    };
    let converted = match convert(&opts) {
        Ok(c) => c,
        Err(failure) => return super::print_failure(&failure, args.format, args.all),
    };
    if let Some(text) = &converted.stdout {
        super::output::stdout(text);
    }
    let plan_broken = converted.plan.as_ref().map(|plan| {
        super::output::stdout(&match args.format {
            Format::Json => plan_json(plan),
            _ => plan_text(plan),
        });
        plan.parts.iter().any(|p| !p.fits(plan.limit))
    });
    let report = &converted.report;
    let fail_on = Some(if args.strict {
        Severity::Warning
    } else {
        Severity::Error
    });
    super::print_noted_report(&converted.notes, report, args.format, args.all, fail_on);
    let to_files = args.output.as_deref().is_some_and(|p| !is_stdout(p)) || args.out_dir.is_some();
    if args.format == Format::Pretty {
        if let Some(line) = wrote_line(&converted.written) {
            super::output::stderr_line(&line);
        } else if to_files && !args.plan {
            super::output::stderr_line(&nothing_written(&report.diagnostics));
        }
    }
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
    if failing || plan_broken == Some(true) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// The plan as a table, one line per connector, then what breaks a limit.
fn plan_text(plan: &Plan) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let name_of = |p: &crate::pipeline::convert::PlanPart| {
        p.folder.clone().unwrap_or_else(|| p.title.clone())
    };
    let width = plan
        .parts
        .iter()
        .map(|p| name_of(p).chars().count())
        .max()
        .unwrap_or(0)
        .max("connector".len());
    let _ = writeln!(
        out,
        "{:<width$}  {:>10}  {:>9}  {:>7}  limits",
        "connector", "operations", "bytes", "schemas"
    );
    let (mut ops, mut bytes) = (0, 0);
    for p in &plan.parts {
        ops += p.operations;
        bytes += p.bytes;
        let verdict = match (p.bytes > plan.budget, p.schemas > 512) {
            (false, false) => "ok".to_string(),
            // One definition over a --max-size smaller than the import limit is a warning.
            (true, false) if p.bytes <= plan.limit => format!(
                "over the size budget ({} bytes; a warning, within the {} byte import limit)",
                plan.budget, plan.limit
            ),
            (true, false) => format!("over the size budget ({} bytes)", plan.budget),
            (false, true) => "over 512 schemas in one body".to_string(),
            (true, true) => format!("over the size budget ({}) and 512 schemas", plan.budget),
        };
        let split = p
            .split_from
            .as_ref()
            .map_or(String::new(), |f| format!(" (split from `{f}` by path)"));
        let _ = writeln!(
            out,
            "{:<width$}  {:>10}  {:>9}  {:>7}  {verdict}{split}",
            name_of(p),
            p.operations,
            p.bytes,
            p.schemas
        );
    }
    let _ = writeln!(
        out,
        "{}, {}, {bytes} bytes in all",
        crate::report::plural(plan.parts.len(), "connector"),
        crate::report::plural(ops, "operation"),
    );
    for p in &plan.parts {
        for (op, why) in &p.over {
            let _ = writeln!(
                out,
                "{}: {op} alone breaks a limit: {why}; use x-ms-dynamic-schema, trim the schema \
                 (--cut-schemas), or leave it out with --exclude",
                name_of(p)
            );
        }
    }
    out
}

/// The plan as JSON, for scripts.
fn plan_json(plan: &Plan) -> String {
    let parts: Vec<serde_json::Value> = plan
        .parts
        .iter()
        .map(|p| {
            serde_json::json!({
                "name": p.name,
                "folder": p.folder,
                "title": p.title,
                "operations": p.operations,
                "bytes": p.bytes,
                "schemas": p.schemas,
                "fits": p.fits(plan.limit),
                "over_size": p.bytes > plan.budget,
                "over_schemas": p.schemas > crate::connector::split::MAX_BODY_SCHEMAS,
                "split_from": p.split_from,
                "operations_over_limit": p.over.iter().map(|(op, why)| {
                    serde_json::json!({"operation": op, "reason": why})
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut text = crate::emit::to_json(&serde_json::json!({
        "budget": plan.budget,
        "limit": plan.limit,
        "schema_limit": crate::connector::split::MAX_BODY_SCHEMAS,
        "parts": parts,
    }));
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// What the pretty report says last: the files written, named (a handful), or counted under
/// the folder that holds them all (a split into many connector folders).
fn wrote_line(written: &[PathBuf]) -> Option<String> {
    let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    match names.as_slice() {
        [] => None,
        [one] => Some(format!("Wrote {one}.")),
        [first @ .., last] if names.len() <= 3 => {
            Some(format!("Wrote {} and {last}.", first.join(", ")))
        }
        _ => {
            let folders: std::collections::BTreeSet<_> =
                written.iter().filter_map(|p| p.parent()).collect();
            let under = common_folder(written)
                .map(|d| format!(" under {}", d.display()))
                .unwrap_or_default();
            Some(format!(
                "Wrote {} in {}{under}.",
                crate::report::plural(written.len(), "file"),
                crate::report::plural(folders.len(), "folder")
            ))
        }
    }
}

/// The last line of a conversion that wrote no file, with the reason when it is the
/// definition's check.
fn nothing_written(diags: &[crate::diagnostic::Diagnostic]) -> String {
    let refused = diags
        .iter()
        .any(|d| std::ptr::eq(d.meta, &crate::swagger::structure::INVALID_OUTPUT));
    if refused {
        "Wrote nothing: the conversion is not valid connector Swagger 2.0 (the `invalid-output` \
         errors above say where and why)."
            .into()
    } else {
        "Wrote nothing.".into()
    }
}

/// The deepest folder that holds every path of `paths`.
fn common_folder(paths: &[PathBuf]) -> Option<PathBuf> {
    let mut common = paths.first()?.parent()?.to_path_buf();
    for p in paths {
        while !p.starts_with(&common) {
            if !common.pop() {
                return None;
            }
        }
    }
    (!common.as_os_str().is_empty()).then_some(common)
}
