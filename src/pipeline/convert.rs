//! `convert`: a Postman collection or an API definition, read from a file, into a
//! connector-ready Swagger 2.0 definition (and, for a connector folder, apiProperties.json and
//! settings.json), checked by the lint rules, written without ever leaving a half-written file
//! or overwriting the input.
//!
//! The path through the layers: [`source`](crate::source) reads the input,
//! [`import`](crate::import) converts it, [`connector`](crate::connector) builds apiProperties.json
//! and runs the passes, [`lint`](crate::lint) checks the result while it is rendered and written,
//! and the caller gets every diagnostic with the texts its code frames need.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use super::{Failure, Loaded, load};
use crate::connector::passes::size::SIZE;
use crate::connector::properties::{self, AuthOptions};
use crate::connector::select::{Folders, SELECTION_INVALID, Selection, select};
use crate::connector::split::{self, Limits, OPERATION_OVER_LIMIT, SPLIT_FURTHER, SplitBy};
use crate::connector::{Shrink, run_passes_within};
use crate::diagnostic::{Diagnostic, Policy, Reporter, Severity};
use crate::emit::{OutFormat, render, to_json, to_json_shared};
use crate::fsutil::{
    FolderError, FolderWriter, UNWRITABLE_OUTPUT, check_output, write_atomic, write_failed,
};
use crate::import::postman::codes::HOSTS;
use crate::import::postman::host;
use crate::import::provenance::Server;
use crate::import::{ImportOptions, import};
use crate::lint::SharedStructure;
use crate::lint::engine::{Trees, lint_finish, lint_rules_sharing};
use crate::lint::rules::document::definition_too_large as too_large;
use crate::lint::rules::schemas::body_schema_count;
use crate::source::{Source, Syntax, display_name};
use crate::swagger::size::Lines;
use crate::swagger::structure::refusals;

/// Where `convert` writes.
#[derive(Debug, Clone)]
pub enum Destination {
    /// The definition to standard output: the caller prints [`Converted::stdout`].
    Stdout,
    /// The definition to a file.
    File(PathBuf),
    /// A connector folder: apiDefinition.swagger.json and apiProperties.json, and settings.json
    /// when asked.
    Folder { dir: PathBuf, settings: bool },
}

/// What to convert and how.
#[derive(Debug, Clone)]
pub struct ConvertOptions {
    pub input: PathBuf,
    pub destination: Destination,
    /// Overwrite files that already exist.
    pub force: bool,
    /// The definition's syntax (a folder is always JSON).
    pub syntax: OutFormat,
    /// A Postman environment file.
    pub environment: Option<PathBuf>,
    /// Variables, host, servers: how the importers read the input (`path` is set from `input`).
    pub import: ImportOptions,
    /// The connection settings for apiProperties.json.
    pub auth: AuthOptions,
    /// Whether the user gave an auth setting: the definition's securityDefinitions then follow
    /// it even when no folder is written.
    pub auth_given: bool,
    /// A config file to use instead of the ccforge.toml found above the input.
    pub config: Option<PathBuf>,
    /// `--include` / `--exclude` patterns; given, they replace the config's for this input.
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// One connector folder per group under the destination folder.
    pub split_by: Option<SplitBy>,
    /// Only measure the parts: write nothing, return [`Converted::plan`].
    pub plan: bool,
    /// The size budget of each definition, in bytes (at most the 1 MB import limit).
    pub max_size: Option<usize>,
    /// Cut bodies over the 512-schema limit at the deepest level that fits.
    pub cut_schemas: bool,
    /// The size pass may cut descriptions to their first sentence and drop schema descriptions.
    pub trim_descriptions: bool,
    /// Write the definition minified (JSON on one line); the size budget counts that layout.
    pub minify: bool,
    /// Locate the infos too. A report that shows infos only as counts (the pretty one without
    /// `--all`) never reads their places: on a large input, the passes' thousands of infos
    /// would cost a walk through the texts for nothing.
    pub locate_infos: bool,
}

/// One connector of a split (or the whole conversion), as measured by `--plan`.
#[derive(Debug, Clone)]
pub struct PlanPart {
    /// The group's name (empty when not split).
    pub name: String,
    /// The folder it is written to, under the destination folder (when split).
    pub folder: Option<String>,
    pub title: String,
    pub operations: usize,
    /// The definition's written length after conversion.
    pub bytes: usize,
    /// The most schemas in one request or response body of one operation.
    pub schemas: u64,
    /// The group it was split from by path to fit.
    pub split_from: Option<String>,
    /// Operations that alone break a limit: (operation, why).
    pub over: Vec<(String, String)>,
}

impl PlanPart {
    /// Whether the part meets the size `limit` and the schema limit.
    pub fn fits(&self, limit: usize) -> bool {
        self.bytes <= limit && self.schemas <= crate::connector::split::MAX_BODY_SCHEMAS
    }
}

/// What `--plan` measured.
#[derive(Debug, Clone)]
pub struct Plan {
    pub budget: usize,
    /// The size over which the conversion fails: the budget when split (each part is made to
    /// fit it, and one that cannot is an error), the 1 MB import limit otherwise (a single
    /// definition over a smaller `--max-size` is only a warning).
    pub limit: usize,
    pub parts: Vec<PlanPart>,
}

/// What a conversion produced.
pub struct Converted {
    /// What reading the inputs noted (lenient syntax, encodings), reported before the rest.
    pub notes: super::Report,
    /// The conversion's, the passes' and the lint's diagnostics, sorted, with the texts of the
    /// inputs (secrets masked) and outputs for code frames.
    pub report: super::Report,
    /// The definition's text when the destination is standard output (not written yet).
    pub stdout: Option<Arc<str>>,
    /// With `--plan`: the parts, measured; nothing was written.
    pub plan: Option<Plan>,
    /// The files written (the definition, or each file of each connector folder), in order.
    pub written: Vec<PathBuf>,
}

/// One file to write.
struct Output {
    path: Option<PathBuf>,
    name: String,
    text: Arc<str>,
}

/// An output that must not or cannot be written, named in the diagnostic.
pub(super) fn refuse(path: &Path, message: String) -> Failure {
    Failure::of(
        UNWRITABLE_OUTPUT
            .diagnostic(message)
            .in_file(display_name(path)),
    )
}

/// An output file that exists and may be overwritten only with `--force`.
pub(super) fn refuse_existing(path: &Path) -> Failure {
    // The code's own help lists what to do for every way an output can fail.
    Failure::of(
        UNWRITABLE_OUTPUT
            .diagnostic(format!("{} already exists", path.display()))
            .with_help("pass --force to overwrite it, or name another output")
            .in_file(display_name(path)),
    )
}

/// Converts `opts.input`. `Err` means nothing was written: an input that cannot be read or
/// converted, or an output that must not be written.
pub fn convert(opts: &ConvertOptions) -> Result<Converted, Failure> {
    let Loaded {
        source: mut src,
        config,
        notes,
    } = load(&opts.input, opts.config.as_deref())?;
    let mut notes = notes;
    let mut import_opts = opts.import.clone();
    import_opts.path = Some(opts.input.clone());
    // Operations that must be written at paths of their own are routed back by policies in
    // apiProperties.json, so only connector folders, which hold it, keep them (a split writes
    // folders, and its plan measures what it would write).
    import_opts.route_shared_paths = matches!(opts.destination, Destination::Folder { .. })
        || opts.split_by.is_some()
        || opts.plan;
    // The size pass holds the whole definition to the budget when nothing is taken out of it
    // before (no selection, no split): examples over the budget by themselves are left out
    // by the importer, which then need not build them.
    if opts.split_by.is_none()
        && !opts.plan
        && config.pass_enabled(&crate::connector::passes::SIZE.code)
        && !selects(opts, &config, "convert")
    {
        import_opts.size_budget = Some((opts.budget(), opts.lines()));
    }
    let mut env_src = None;
    if let Some(env) = &opts.environment {
        let loaded = load(env, opts.config.as_deref()).map_err(|mut f| {
            f.prepend(notes.take());
            f
        })?;
        notes.merge(loaded.notes);
        if let Err(d) = crate::detect::expect_environment(&loaded.source.value, &loaded.source.name)
        {
            let mut f = Failure::of_sources(vec![d], &[&loaded.source]);
            f.prepend(notes);
            return Err(f);
        }
        import_opts.environment = Some(loaded.source.value.clone());
        env_src = Some(loaded.source);
    }
    // The input's text and tree are in memory; what follows allocates sparsely.
    crate::memory::input_read();
    let swagger_input = matches!(
        crate::detect::detect(&src.value, &src.name),
        Ok(crate::detect::Format::Swagger2)
    );
    let imported = import(&mut src, &import_opts);
    let mut inputs: Vec<&Source> = vec![&src];
    inputs.extend(env_src.as_ref());
    // A collection without requests converts to a definition without operations, which is
    // of no use as a connector: its error is the whole report, and nothing is written.
    let imported = imported.and_then(|i| {
        if i.diagnostics
            .iter()
            .any(crate::import::postman::holds_no_requests)
        {
            Err(i.diagnostics)
        } else {
            Ok(i)
        }
    });
    let imported = match imported {
        Ok(i) => i,
        Err(mut diags) => {
            src.resolve(&mut diags);
            let mut f = Failure::of_sources(diags, &inputs);
            f.prepend(notes);
            return Err(f);
        }
    };
    let mut doc = imported.doc;
    let examples_dropped = imported.examples_dropped;
    let mut secrets = imported.secrets;
    let mut input_diags = imported.diagnostics;
    supersede_input_auth(&mut input_diags, &opts.auth);
    let pass = &crate::connector::passes::SECRETS.code;
    if swagger_input && config.pass_enabled(pass) {
        // The importers take credentials out of what they convert; a Swagger 2.0 definition
        // is used as it is, so they are taken out here, before anything (the connection
        // settings) is made from it, unless the configuration turns the pass off.
        let mut report = Reporter::new(&src.name, config.as_ref());
        crate::connector::passes::secrets::take(&mut doc, &mut |at, message, help, values| {
            report
                .report_as(pass, Severity::Warning, at, message)
                .set_help(help);
            secrets.extend(values);
        });
        input_diags.extend(report.finish());
    }
    let provenance = imported.provenance;
    let routes = imported.routes;
    // The refresh URLs the input gave, which only apiProperties.json can carry.
    let with_refresh;
    let opts = if imported.refresh_urls.is_empty() {
        opts
    } else {
        let mut o = opts.clone();
        o.auth.declared_refresh_urls = imported.refresh_urls;
        with_refresh = o;
        &with_refresh
    };
    let folders = provenance.folders().cloned();
    let chosen = match choose(
        opts,
        &config,
        "convert",
        &src.name,
        &mut doc,
        folders.as_ref(),
    ) {
        Ok(chosen) => chosen,
        Err(d) => {
            let mut f = Failure::of(d);
            f.prepend(notes);
            return Err(f);
        }
    };
    let servers = provenance.servers();
    if !servers.is_empty() && (chosen.is_some() || opts.split_by.is_some()) {
        // The collection's host was chosen over all its requests: it is chosen again for
        // those kept (for each part, when split), and the others calling another host are
        // told again.
        input_diags.retain(|d| !host::is_other_host(d));
        if opts.split_by.is_none() {
            let keys = split::operation_keys(&doc);
            let found = host::rehost(
                &mut doc,
                &keys,
                servers,
                opts.import.host.is_some(),
                "among the operations kept",
            );
            let mut reporter = Reporter::new(&src.name, &crate::diagnostic::Declared);
            for ((path, method), message) in found.others {
                let at = provenance.source_of(&path, &method).unwrap_or_default();
                reporter.report(&HOSTS, at, message);
            }
            input_diags.extend(reporter.finish());
        }
    }
    let files = inputs.len();
    drop(inputs);
    let mut owned: Vec<&mut Source> = vec![&mut src];
    owned.extend(env_src.as_mut());
    let secrets_ref = &secrets;
    let locate_infos = opts.locate_infos;
    let locate_inputs = move || {
        for s in &owned {
            locate(s, &mut input_diags, locate_infos);
        }
        Located {
            diagnostics: input_diags,
            texts: masked_texts(owned, secrets_ref),
            infos_located: locate_infos,
        }
    };
    // The input's diagnostics are located (a pass over the input text), and the texts their
    // code frames show are masked, while the output is made: on the pool, whose threads'
    // memory is reused (a thread of its own would start a heap of its own).
    let (made, located) = rayon::join(
        || {
            if opts.split_by.is_some() || opts.plan {
                make_parts(
                    opts,
                    doc,
                    files,
                    &config,
                    Chosen {
                        folders: folders.as_ref(),
                        servers,
                        selected: chosen.unwrap_or_default(),
                        fresh: !swagger_input,
                        routes: &routes,
                    },
                )
            } else {
                make_outputs(
                    opts,
                    doc,
                    files,
                    &config,
                    Extra {
                        prune: chosen.is_some(),
                        diags: chosen.unwrap_or_default(),
                        passed: None,
                        defer_write: false,
                        fresh: !swagger_input,
                        routes,
                        examples_dropped,
                    },
                )
                .map(|m| (m.report, m.stdout, None, m.written))
            }
        },
        locate_inputs,
    );
    let input_syntax = src.syntax;
    let made = made.map(|(mut report, stdout, plan, written)| {
        relocate_refusals(&mut report, &provenance, &located.texts[0], input_syntax);
        // The findings are about the inputs and the files written.
        report.files += written.len();
        (located.before(report), stdout, plan, written)
    });
    crate::memory::dispose(src);
    let (report, stdout, plan, written) = made.map_err(|mut f| {
        f.prepend(notes.take());
        f
    })?;
    Ok(Converted {
        notes,
        report,
        stdout,
        plan,
        written,
    })
}

/// The input's diagnostics, located, and its texts with the secrets masked (for code frames).
struct Located {
    diagnostics: Vec<Diagnostic>,
    texts: Vec<(String, Arc<str>)>,
    /// Whether infos were located too; if not, the report only counts them.
    infos_located: bool,
}

impl Located {
    /// `report` with the input's diagnostics and texts added, the diagnostics in report order
    /// (the input's first among those at one place).
    fn before(self, mut report: super::Report) -> super::Report {
        // A server the conversion could not use is an error of the input already; the written
        // definition's `host` is the same problem, told once.
        let is = |d: &Diagnostic, code: &crate::diagnostic::Code| std::ptr::eq(d.meta, code);
        if self.diagnostics.iter().any(|d| {
            d.severity == Severity::Error && is(d, &crate::import::openapi3::codes::SERVER)
        }) {
            report
                .diagnostics
                .retain(|d| !is(d, &crate::lint::rules::document::host_invalid::RULE.code));
        }
        // An OAuth 2.0 auth without its URLs is an error of the input, which names the options
        // that fill them in; the empty URLs written in their place are the same problem.
        if self.diagnostics.iter().any(crate::import::lacks_oauth_urls) {
            report
                .diagnostics
                .retain(|d| !restates_missing_oauth_url(d));
        }
        name_oauth_url_flags(&mut report.diagnostics);
        let mut diagnostics = self.diagnostics;
        diagnostics.append(&mut report.diagnostics);
        sort_shown(&mut diagnostics, self.infos_located);
        report.diagnostics = diagnostics;
        report.texts.extend(self.texts);
        report
    }
}

/// `--auth` of another kind than OAuth 2.0 replaces the input's auth in what is written: that
/// the input's OAuth 2.0 auth lacks its URLs stays said, as an info, and is no error.
fn supersede_input_auth(diags: &mut [Diagnostic], auth: &AuthOptions) {
    use crate::connector::properties::AuthKind;
    let kind = match auth.kind {
        None | Some(AuthKind::Oauth2) => return,
        Some(AuthKind::None) => "none",
        Some(AuthKind::Apikey) => "apikey",
        Some(AuthKind::Basic) => "basic",
        Some(AuthKind::Aad) => "aad",
    };
    for d in diags
        .iter_mut()
        .filter(|d| crate::import::lacks_oauth_urls(d))
    {
        d.severity = Severity::Info;
        d.message
            .push_str(&format!("; the connector uses `--auth {kind}` instead"));
        d.help = None;
    }
}

/// Whether `d`, a finding about the written files, is about an empty OAuth 2.0 URL: the
/// definition's `authorizationUrl` or `tokenUrl`, or the connection's custom parameter of one
/// (the refresh URL, which falls back on the token URL, included).
fn restates_missing_oauth_url(d: &Diagnostic) -> bool {
    let crate::diagnostic::Anchor::Pointer(at) = &d.anchor else {
        return false;
    };
    let is = |code: &crate::diagnostic::Code| std::ptr::eq(d.meta, code);
    let url_invalid = is(&crate::lint::rules::schemas::url_invalid::RULE.code);
    let connection = is(&crate::connector::properties::CONNECTION)
        || is(&crate::lint::rules::properties::oauth_parameter_missing::RULE.code);
    // Most findings are neither: they are let go before their pointer is taken apart.
    if !url_invalid && !connection {
        return false;
    }
    let parts = crate::diagnostic::split_pointer(at);
    match parts.as_slice() {
        [defs, _, key] if defs == "securityDefinitions" => {
            url_invalid
                && matches!(key.as_str(), "authorizationUrl" | "tokenUrl")
                && d.message.starts_with("\"\" ")
        }
        [.., custom, key] if custom == "customParameters" => {
            connection && matches!(key.as_str(), "authorizationUrl" | "tokenUrl" | "refreshUrl")
        }
        _ => false,
    }
}

/// Says which option fills an empty OAuth 2.0 URL of the written definition (`--auth oauth2`
/// without `--authorization-url` or `--token-url`): the lint's own help, about writing a URL in
/// full, speaks to someone editing the file.
fn name_oauth_url_flags(diags: &mut [Diagnostic]) {
    let url_invalid = &crate::lint::rules::schemas::url_invalid::RULE.code;
    for d in diags
        .iter_mut()
        .filter(|d| std::ptr::eq(d.meta, url_invalid))
    {
        let crate::diagnostic::Anchor::Pointer(at) = &d.anchor else {
            continue;
        };
        let (key, flag) = if at.ends_with("/authorizationUrl") {
            ("authorizationUrl", "--authorization-url")
        } else if at.ends_with("/tokenUrl") {
            ("tokenUrl", "--token-url")
        } else {
            continue;
        };
        if !at.starts_with("/securityDefinitions/")
            || crate::diagnostic::split_pointer(at).len() != 3
        {
            continue;
        }
        if restates_missing_oauth_url(d) {
            d.message =
                format!("the OAuth 2.0 `{key}` is empty: the connection cannot sign users in");
            d.set_help(format!(
                "pass {flag} with the API's absolute https:// URL (its documentation gives it)"
            ));
        } else {
            // Written, but not a URL sign-in can call: relative with no server to resolve it
            // against, or holding a server variable.
            d.set_help(format!(
                "pass {flag} with the API's absolute https:// URL (its documentation gives it); \
                 a relative URL is resolved against --host or the definition's server"
            ));
        }
    }
}

/// Drops the lint findings about file `name` that its `refusals` (the output check's errors)
/// already say: every structural rule's, and any other rule's at a node a refusal names (an
/// unresolved `$ref` is both refused and a reference rule's finding).
pub(super) fn drop_said_by_refusals(
    found: &mut Vec<Diagnostic>,
    refusals: &[Diagnostic],
    name: &str,
) {
    let refused: HashSet<&str> = refusals.iter().filter_map(|d| d.pointer()).collect();
    found.retain(|d| {
        d.file.as_deref() != Some(name)
            || std::ptr::eq(d.meta, &crate::swagger::structure::INVALID_OUTPUT)
            || !(crate::lint::rules::is_structure(d.meta)
                || d.pointer().is_some_and(|p| refused.contains(p)))
    });
}

/// Places the findings about a definition that was not written (it was refused as
/// `invalid-output`) in the input, which the user can correct, instead of in an output file that
/// does not exist (or holds an older definition): a Swagger input at the same node, a converted
/// one at the node the converted one came from (the parameter, the schema keyword, the
/// response), found through the conversion's provenance; the message keeps the node's place in
/// the conversion. A node with no source stays placed in the conversion.
fn relocate_refusals(
    report: &mut super::Report,
    provenance: &crate::import::provenance::Provenance,
    (name, text): &(String, Arc<str>),
    syntax: Syntax,
) {
    use crate::diagnostic::Anchor;
    use crate::import::provenance::Origin;
    let mut refused: Vec<String> = (report.diagnostics.iter())
        .filter(|d| std::ptr::eq(d.meta, &crate::swagger::structure::INVALID_OUTPUT))
        .filter_map(|d| d.file.clone())
        .filter(|f| f != name)
        .collect();
    refused.sort_unstable();
    refused.dedup();
    if refused.is_empty() {
        return;
    }
    // The trees are read again from the texts: a refusal is rare, and the trees were freed
    // while the report was made.
    let tree = |file: &str, text: &str| {
        crate::source::load_bytes(file, text.as_bytes())
            .ok()
            .map(|s| s.value)
    };
    let converted: HashMap<&String, Value> = (refused.iter())
        .filter_map(|f| Some((f, tree(f, report.texts.get(f)?)?)))
        .filter(|(_, v)| {
            matches!(
                crate::detect::detect(v, ""),
                Ok(crate::detect::Format::Swagger2)
            )
        })
        .collect();
    let source = if provenance.origin == Origin::Same {
        Value::Null
    } else {
        tree(name, text).unwrap_or_default()
    };
    let mut moved = false;
    for d in &mut report.diagnostics {
        let Some(doc) = d.file.as_ref().and_then(|f| converted.get(f)) else {
            continue;
        };
        let Anchor::Pointer(at) = &d.anchor else {
            continue;
        };
        let place = if provenance.origin == Origin::Same {
            Some(at.clone())
        } else if at.is_empty() {
            // About the conversion as a whole (its size): about the input as a whole.
            Some(String::new())
        } else {
            let place = provenance.source_pointer(doc, &source, at);
            if place.is_some() {
                d.message
                    .push_str(&format!(" (at `{at}` of the conversion, not written)"));
            }
            place
        };
        if let Some(place) = place {
            d.file = Some(name.clone());
            d.anchor = Anchor::Pointer(place);
            d.span = None;
            moved = true;
        }
    }
    if moved {
        // Only the diagnostics of the input without a place yet: those just moved.
        Source::from_rendered(name, text.clone(), Value::Null, syntax)
            .resolve(&mut report.diagnostics);
    }
}

/// Each input's name and text, its secrets masked. The texts are taken from the sources (which
/// are done with once their diagnostics are located) and masked in place when not shared.
fn masked_texts(inputs: Vec<&mut Source>, secrets: &[String]) -> Vec<(String, Arc<str>)> {
    inputs
        .into_iter()
        .map(|s| {
            let text = std::mem::replace(&mut s.text, Arc::from(""));
            (
                s.name.clone(),
                crate::import::mask_secrets_owned(text, secrets),
            )
        })
        .collect()
}

/// Fills in the places of the diagnostics of `src`, of the infos too when `infos`. Those left
/// without a place sort first in their file; they are never shown.
fn locate(src: &Source, diags: &mut Vec<Diagnostic>, infos: bool) {
    let (mut shown, counted) = unlocated(std::mem::take(diags), infos);
    src.resolve(&mut shown);
    shown.extend(counted);
    *diags = shown;
}

/// `diags` split into those to locate and, unless `infos`, the infos, which are not.
pub(super) fn unlocated(diags: Vec<Diagnostic>, infos: bool) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    if infos {
        return (diags, Vec::new());
    }
    diags
        .into_iter()
        .partition(|d| d.severity != Severity::Info)
}

/// Puts `diags` in report order; unless `infos_located`, only those the report shows: the
/// infos it only counts follow as they came. Ordering thousands of them by their messages
/// cost more than the whole report shows.
pub(super) fn sort_shown(diags: &mut Vec<Diagnostic>, infos_located: bool) {
    if infos_located {
        crate::diagnostic::sort(diags);
        return;
    }
    let (mut shown, counted): (Vec<_>, Vec<_>) = std::mem::take(diags)
        .into_iter()
        .partition(|d| d.severity != Severity::Info);
    crate::diagnostic::sort(&mut shown);
    shown.extend(counted);
    *diags = shown;
}

/// Gives a part of a split collection the host most of its requests call, and tells those
/// calling another (at their operations in the part).
fn rehost_part(
    part: &mut split::Part,
    servers: &HashMap<(String, String), Server>,
    given: bool,
    lines: Lines,
) {
    let found = host::rehost(
        &mut part.doc,
        &part.keys,
        servers,
        given,
        "in this connector",
    );
    if found.changed {
        part.bytes = crate::swagger::size::laid_out_len(&part.doc, lines);
    }
    let mut reporter = Reporter::new("apiDefinition.swagger.json", &crate::diagnostic::Declared);
    for ((path, method), message) in found.others {
        let at = crate::diagnostic::pointer(["paths", path.as_str(), method.as_str()]);
        let at = if part.doc.pointer(&at).is_some() {
            at
        } else {
            String::new()
        };
        reporter.report(&HOSTS, at, message);
    }
    part.shrunk.extend(reporter.finish());
}

/// Keeps the operations the patterns choose (the command line's, else the config's for this
/// input), and drops what they no longer use. `None` when there were no patterns, else what to
/// report about the selection (operations kept because kept ones call them). `input` names the
/// input in the error.
pub(super) fn choose(
    opts_include_exclude: &impl Patterns,
    config: &crate::config::Config,
    command: &str,
    input: &str,
    doc: &mut Value,
    folders: Option<&Folders>,
) -> Result<Option<Vec<Diagnostic>>, Diagnostic> {
    let (cli_include, cli_exclude, path) = opts_include_exclude.patterns();
    let configured = config.selection(command, path);
    let from_config = |cli: &[String], conf: Option<&Vec<String>>| -> (Vec<String>, bool) {
        match conf {
            Some(c) if cli.is_empty() => (c.clone(), true),
            _ => (cli.to_vec(), false),
        }
    };
    let (include, inc_conf) = from_config(cli_include, configured.map(|c| &c.include));
    let (exclude, exc_conf) = from_config(cli_exclude, configured.map(|c| &c.exclude));
    let file = match (&config.file, inc_conf || exc_conf) {
        (Some(f), true) => display_name(f),
        _ => input.to_string(),
    };
    let sel = Selection::parse(&include, &exclude)
        .map_err(|e| SELECTION_INVALID.diagnostic(e).in_file(&file))?;
    if sel.is_empty() {
        return Ok(None);
    }
    let selected = select(doc, &sel, folders).map_err(|d| {
        let mut d = d.in_file(&file);
        if inc_conf || exc_conf {
            d.message = format!("{} (in [{command}.\"{input}\"])", d.message);
        }
        d
    })?;
    Ok(Some(selected.called))
}

/// Whether [`choose`] will select operations: include or exclude patterns, given or
/// configured for `command` and the input.
fn selects(opts: &impl Patterns, config: &crate::config::Config, command: &str) -> bool {
    let (include, exclude, path) = opts.patterns();
    !include.is_empty()
        || !exclude.is_empty()
        || config
            .selection(command, path)
            .is_some_and(|c| !c.include.is_empty() || !c.exclude.is_empty())
}

/// What the selection or the split adds to one output: diagnostics about it (pointers into
/// the definition), and whether to drop what the passes left unused.
struct Extra {
    diags: Vec<Diagnostic>,
    prune: bool,
    /// The written length of a definition the cut and the passes already ran over (a split
    /// part, measured by the split): they are not run again.
    passed: Option<usize>,
    /// Whether the files are left to the caller ([`Made::pending`]) instead of written: a
    /// split writes its folders only once every part may be written.
    defer_write: bool,
    /// See [`Scrubbed::fresh`].
    fresh: bool,
    /// Operations written at paths of their own, to be routed back (see
    /// [`crate::import::Route`]).
    routes: Vec<crate::import::Route>,
    /// What the importer left out for the size pass (see
    /// [`crate::import::ImportOptions::size_budget`]).
    examples_dropped: Option<crate::swagger::size::Dropped>,
}

/// What [`make_outputs`] made.
struct Made {
    report: super::Report,
    /// The definition's text, when it goes to standard output.
    stdout: Option<Arc<str>>,
    /// The files to write, with `Extra::defer_write`, when the definition may be written.
    pending: Option<Pending>,
    /// The files written, in the order written.
    written: Vec<PathBuf>,
}

/// Files made and checked, not yet written.
struct Pending {
    outputs: Vec<Output>,
    folder: Option<FolderWriter>,
}

impl Pending {
    fn write(&self) -> Result<Vec<PathBuf>, Failure> {
        write_outputs(&self.outputs, None, self.folder.as_ref())
    }
}

/// The command line's patterns and the input they apply to.
pub(super) trait Patterns {
    fn patterns(&self) -> (&[String], &[String], &Path);
}

impl ConvertOptions {
    /// The size budget of the definition (of each part, when split).
    fn budget(&self) -> usize {
        let max = crate::swagger::size::MAX_DEFINITION_BYTES;
        self.max_size.unwrap_or(max).min(max)
    }

    /// The layout the definition is written in, which its size is counted in.
    fn lines(&self) -> Lines {
        if self.minify {
            Lines {
                indent: 0,
                crlf: false,
            }
        } else {
            Lines::default()
        }
    }
}

impl Patterns for ConvertOptions {
    fn patterns(&self) -> (&[String], &[String], &Path) {
        (&self.include, &self.exclude, &self.input)
    }
}

/// What splitting needs from the selection: the Postman folders of the operations, and what
/// the selection reported (operations kept for a call).
struct Chosen<'a> {
    folders: Option<&'a Folders>,
    /// The server each request of a collection calls.
    servers: &'a HashMap<(String, String), Server>,
    selected: Vec<Diagnostic>,
    /// See [`Scrubbed::fresh`].
    fresh: bool,
    /// Operations written at paths of their own, to be routed back in the part that holds
    /// each.
    routes: &'a [crate::import::Route],
}

/// What the outputs step made: the report, the text for standard output, the plan.
/// A run's report, the definition when it goes to standard output, the plan when one was
/// asked for, and the files written.
type Parts = (super::Report, Option<Arc<str>>, Option<Plan>, Vec<PathBuf>);

/// `--split-by` and `--plan`: the parts, measured; unless planning, each written as a connector
/// folder under the destination folder, every target checked before any is written.
fn make_parts(
    opts: &ConvertOptions,
    doc: Value,
    files: usize,
    config: &crate::config::Config,
    chosen: Chosen,
) -> Result<Parts, Failure> {
    let Chosen {
        folders,
        servers,
        mut selected,
        fresh,
        routes,
    } = chosen;
    let imported = Scrubbed { config, fresh };
    let policy: &dyn Policy = &imported;
    let budget = opts.budget();
    if opts.split_by == Some(SplitBy::Folder) && folders.is_none() {
        return Err(Failure::of(
            SELECTION_INVALID
                .diagnostic("--split-by folder needs a Postman collection")
                .with_help("use --split-by tag or --split-by path")
                .in_file(display_name(&opts.input)),
        ));
    }
    // The security definitions are aligned with the connection settings before the parts are
    // measured, as each part's apiProperties.json will align them (what this reports, each
    // part reports again).
    let mut doc = doc;
    properties::build(
        &mut doc,
        &opts.auth,
        "apiDefinition.swagger.json",
        "apiProperties.json",
        &mut Reporter::new("apiDefinition.swagger.json", policy),
    );
    // What the selection kept only for a call goes with its callers when split, and each
    // part that holds a copy says so.
    let called = selected
        .iter()
        .filter_map(crate::connector::select::kept_for_call_operation)
        .collect();
    if opts.split_by.is_some() {
        selected.clear();
    }
    let parts = split::split(
        &doc,
        opts.split_by,
        folders,
        &called,
        &Limits {
            budget,
            policy,
            cut: opts.cut_schemas,
            trim_descriptions: opts.trim_descriptions,
            lines: opts.lines(),
        },
    );
    drop(doc);
    let mut parts = parts;
    if !servers.is_empty() && opts.split_by.is_some() {
        for part in &mut parts {
            rehost_part(part, servers, opts.import.host.is_some(), opts.lines());
        }
    }
    let split = opts.split_by.is_some();
    if opts.plan {
        let plan = Plan {
            budget,
            limit: if split {
                budget
            } else {
                crate::swagger::size::MAX_DEFINITION_BYTES
            },
            parts: parts
                .into_iter()
                .map(|p| PlanPart {
                    title: p
                        .doc
                        .pointer("/info/title")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    name: p.label,
                    folder: split.then_some(p.folder),
                    operations: p.operations,
                    bytes: p.bytes,
                    schemas: p.schemas,
                    split_from: p.split_from,
                    over: p.over,
                })
                .collect(),
        };
        let report = super::Report {
            files,
            ..Default::default()
        };
        return Ok((report, None, Some(plan), Vec::new()));
    }
    let Destination::Folder { dir, settings } = &opts.destination else {
        return Err(Failure::of(
            SELECTION_INVALID
                .diagnostic("--split-by writes one connector folder per group: give --out-dir")
                .in_file(display_name(&opts.input)),
        ));
    };
    // Every target is checked before any folder is written.
    let input_paths: Vec<&Path> = [
        Some(opts.input.as_path()),
        opts.environment.as_deref(),
        opts.config.as_deref(),
        config.file.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    for part in &parts {
        let d = dir.join(&part.folder);
        for name in [
            "apiDefinition.swagger.json",
            "apiProperties.json",
            "settings.json",
        ] {
            if name == "settings.json" && !settings {
                continue;
            }
            let p = d.join(name);
            check_output(&p, input_paths.iter().copied()).map_err(Failure::of)?;
            if p.exists() && !opts.force {
                return Err(refuse_existing(&p));
            }
        }
    }
    // What the selection kept for a call is told in the first part that holds it.
    let mut told = Vec::with_capacity(parts.len());
    for part in &parts {
        let (here, elsewhere): (Vec<Diagnostic>, Vec<Diagnostic>) = selected
            .into_iter()
            .partition(|d| d.pointer().is_some_and(|p| part.doc.pointer(p).is_some()));
        selected = elsewhere;
        told.push(here);
    }
    // The parts are independent: each is finished, linted and written in parallel, and the
    // reports are merged in the parts' order (the input's diagnostics first).
    use rayon::prelude::*;
    // Each part's report, its files when it may be written, and its folder's name.
    type PartMade = (super::Report, Option<Pending>, String);
    let reports: Vec<Result<PartMade, Failure>> = parts
        .into_par_iter()
        .zip(told)
        .map(|(part, here)| {
            let sub = ConvertOptions {
                destination: Destination::Folder {
                    dir: dir.join(&part.folder),
                    settings: *settings,
                },
                ..opts.clone()
            };
            // The limits one operation breaks alone are told once, by operation-over-limit,
            // rather than again by the part's own size and schema-count findings.
            let told_size = part.alone_over_budget(budget);
            let told_schemas = part.over_schema_limit();
            let mut extra = part.shrunk;
            extra.extend(here);
            if let Some(from) = &part.split_from {
                extra.push(
                    SPLIT_FURTHER
                        .diagnostic(format!(
                            "the group `{from}` is over the size budget of {budget} bytes in one \
                         connector: this folder holds {} of its operations, split by path",
                            part.operations
                        ))
                        .at_pointer(""),
                );
            }
            for (op, why) in &part.over {
                let pointer = split::pointer_of_label(&part.doc, op);
                extra.push(
                    OPERATION_OVER_LIMIT
                        .diagnostic(format!("{op} alone breaks a connector limit: {why}"))
                        .with_help(if opts.cut_schemas {
                            "--cut-schemas could not make it fit; let the designer load the \
                             schema at run time (x-ms-dynamic-schema), or leave the operation out \
                             (--exclude)"
                        } else {
                            "let the designer load the schema at run time (x-ms-dynamic-schema), \
                             trim the schema to what flows need (--cut-schemas cuts it at the \
                             deepest level that fits), or leave the operation out (--exclude)"
                        })
                        .at_pointer(pointer),
                );
            }
            let routes = (routes.iter())
                .filter(|r| {
                    let at =
                        crate::diagnostic::pointer(["paths", r.path.as_str(), r.method.as_str()]);
                    part.doc.pointer(&at).is_some()
                })
                .cloned()
                .collect();
            let mut made = make_outputs(
                &sub,
                part.doc,
                files,
                config,
                Extra {
                    diags: extra,
                    prune: true,
                    passed: Some(part.bytes),
                    defer_write: true,
                    fresh,
                    routes,
                    examples_dropped: None,
                },
            )?;
            made.report.diagnostics.retain(|d| {
                let is = |code: &crate::diagnostic::Code| std::ptr::eq(d.meta, code);
                !(told_size && (is(&too_large::RULE.code) || is(&SIZE.code))
                    || told_schemas && is(&body_schema_count::RULE.code))
            });
            Ok((made.report, made.pending, part.folder))
        })
        .collect();
    let mut all = super::Report::default();
    // The folders are written only when every part may be: one refused part leaves the
    // destination as it was.
    let mut pending = Vec::with_capacity(reports.len());
    let mut refused = Vec::new();
    let mut written = Vec::new();
    for made in reports {
        let (report, part, folder) = made?;
        all.merge(report);
        match part {
            Some(p) => pending.push(p),
            None => refused.push(folder),
        }
    }
    if refused.is_empty() {
        // An interrupting signal waits until every folder is written.
        let Some(_commit) = crate::fsutil::Commit::begin() else {
            return Err(refuse(
                dir,
                "interrupted before the folders were written".into(),
            ));
        };
        for p in &pending {
            written.extend(p.write()?);
        }
    } else {
        all.diagnostics.push(
            crate::swagger::structure::INVALID_OUTPUT
                .diagnostic(format!(
                    "no connector folder was written: the definition for {} may not be \
                     written, and the parts of a split are written together or not at all",
                    refused
                        .iter()
                        .map(|f| format!("`{f}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
                .with_help(
                    "correct, in the input, what each invalid-output error names, then run again",
                )
                .in_file(display_name(dir)),
        );
    }
    crate::diagnostic::sort(&mut all.diagnostics);
    all.files = files;
    Ok((all, None, None, written))
}

/// Writes the outputs that have a path: the connector folder as a whole, or the one file;
/// `first`, when given, is the text of the first output (rendered late).
fn write_outputs(
    outputs: &[Output],
    first: Option<&str>,
    folder: Option<&FolderWriter>,
) -> Result<Vec<PathBuf>, Failure> {
    let texts = outputs.iter().enumerate().map(|(i, o)| match first {
        Some(t) if i == 0 => t,
        _ => &o.text,
    });
    if let Some(folder) = folder {
        let files: Vec<(&str, &[u8])> = outputs
            .iter()
            .zip(texts)
            .filter_map(|(o, text)| {
                let name = o.path.as_deref()?.file_name()?.to_str()?;
                Some((name, text.as_bytes()))
            })
            .collect();
        folder.write(&files).map_err(|e| {
            let dir = folder.path();
            refuse(
                dir,
                format!("cannot write the folder {}: {e}", dir.display()),
            )
        })?;
        let dir = folder.path();
        return Ok(files.iter().map(|(name, _)| dir.join(name)).collect());
    }
    let mut written = Vec::new();
    for (o, text) in outputs.iter().zip(texts) {
        if let Some(p) = &o.path {
            write_atomic(p, text.as_bytes()).map_err(|e| Failure::of(write_failed(p, &e)))?;
            written.push(p.clone());
        }
    }
    Ok(written)
}

/// Takes a connector folder for this run: a second run into the same folder is refused.
fn open_folder(dir: &Path) -> Result<FolderWriter, Failure> {
    FolderWriter::open(dir).map_err(|e| {
        let mut f = refuse(dir, format!("cannot write into {}: {e}", dir.display()));
        match e {
            FolderError::Busy => {
                f.report.diagnostics[0].set_help(
                    "wait for the other run to finish; two runs never write one folder at once",
                );
            }
            // --force replaces files in a folder, never a file by a folder.
            FolderError::NotAFolder => {
                f.report.diagnostics[0].set_help(
                    "--out-dir names a connector folder (created when missing): name another \
                     path, or write only the definition to this file with -o (and --force)",
                );
            }
            _ => {}
        }
        f
    })
}

/// Refuses outputs that would overwrite an input (the definition, the environment, the
/// config, given or found above the input), that are not regular files, or that exist when
/// `force` is not given.
fn check_targets(
    outputs: &[Output],
    opts: &ConvertOptions,
    config_file: Option<&Path>,
) -> Result<(), Failure> {
    let inputs: Vec<&Path> = [
        Some(opts.input.as_path()),
        opts.environment.as_deref(),
        opts.config.as_deref(),
        config_file,
    ]
    .into_iter()
    .flatten()
    .collect();
    for o in outputs {
        let Some(p) = &o.path else { continue };
        check_output(p, inputs.iter().copied()).map_err(Failure::of)?;
        if p.exists() && !opts.force {
            return Err(refuse_existing(p));
        }
    }
    Ok(())
}

/// The configuration, for a definition `convert` made: the importers took the secrets out of
/// what they converted, and [`convert`] out of a Swagger 2.0 input, so the pass that does it is
/// not run again; nor is the pass that removes keywords without a value from a definition the
/// importers made, which holds none. (`diff` and `drift` use it for the sides they convert.)
pub(super) struct Scrubbed<'a> {
    pub(super) config: &'a crate::config::Config,
    /// Whether the definition is new, made from a collection or an OpenAPI 3 definition: no
    /// flow uses its operationIds yet, so renaming one is told as an info, not a warning about
    /// flows, unless the configuration sets the pass's level.
    pub(super) fresh: bool,
}

impl Policy for Scrubbed<'_> {
    fn configured(&self, code: &crate::diagnostic::Code) -> Option<crate::diagnostic::Level> {
        let configured = self.config.configured(code);
        if self.fresh
            && configured.is_none()
            && std::ptr::eq(code, &crate::connector::passes::OPERATION_IDS.code)
        {
            return Some(crate::diagnostic::Level::On(Severity::Info));
        }
        configured
    }

    fn profile(&self) -> crate::diagnostic::Profile {
        self.config.profile()
    }

    fn pass_enabled(&self, code: &crate::diagnostic::Code) -> bool {
        let is = |pass: &crate::connector::Pass| std::ptr::eq(code, &pass.code);
        let done_before = is(&crate::connector::passes::SECRETS)
            || (self.fresh && is(&crate::connector::passes::NULL_KEYWORDS));
        !done_before && self.config.pass_enabled(code)
    }

    fn limit(&self, code: &crate::diagnostic::Code) -> Option<u64> {
        self.config.limit(code)
    }

    fn find(&self, key: &str) -> Option<&'static crate::diagnostic::Code> {
        self.config.find(key)
    }
}

/// Everything after the import: apiProperties.json, the passes, lint, the files.
fn make_outputs(
    opts: &ConvertOptions,
    mut doc: Value,
    files: usize,
    config: &crate::config::Config,
    extra: Extra,
) -> Result<Made, Failure> {
    let imported = Scrubbed {
        config,
        fresh: extra.fresh,
    };
    let policy: &dyn Policy = &imported;
    // Where things go.
    let (swagger_path, out_dir, with_settings) = match &opts.destination {
        Destination::Folder { dir, settings } => (
            Some(dir.join("apiDefinition.swagger.json")),
            Some(dir),
            *settings,
        ),
        Destination::File(p) => (Some(p.clone()), None, false),
        Destination::Stdout => (None, None, false),
    };
    let swagger_name = swagger_path
        .as_deref()
        .map(display_name)
        .unwrap_or_else(|| "<stdout>".into());
    let properties_path = out_dir.map(|d| d.join("apiProperties.json"));
    let properties_name = properties_path
        .as_deref()
        .map(display_name)
        .unwrap_or_else(|| "apiProperties.json".into());

    let mut connection = Reporter::new(swagger_name.as_str(), policy);
    let mut api_properties = (out_dir.is_some() || opts.auth_given).then(|| {
        properties::build(
            &mut doc,
            &opts.auth,
            &swagger_name,
            &properties_name,
            &mut connection,
        )
    });
    let mut out_diags = connection.finish();
    if out_dir.is_none() {
        // No apiProperties.json is written: what it would lack does not matter.
        out_diags.retain(|d| d.file.as_deref() != Some(properties_name.as_str()));
    }
    // The written length, and the minified one when the size pass measured it.
    let (measured, minified) = match extra.passed {
        Some(bytes) => (Some(bytes), None),
        None => {
            if opts.cut_schemas {
                out_diags.extend(crate::connector::cut_schemas(
                    &mut doc,
                    &swagger_name,
                    policy,
                ));
            }
            let shrink = Shrink {
                budget: opts.budget(),
                trim_descriptions: opts.trim_descriptions,
                lines: opts.lines(),
                dropped_examples: extra.examples_dropped,
            };
            let (passed, mut measured) = run_passes_within(
                &mut doc,
                &swagger_name,
                policy,
                shrink,
                &crate::connector::Beside::default(),
            );
            out_diags.extend(passed);
            // A pass may leave a shared schema unused (that of a default response it removed):
            // a selection promises nothing unused.
            if extra.prune && crate::connector::select::prune(&mut doc) != Default::default() {
                measured = None;
            }
            (measured.map(|m| m.laid_out), measured.map(|m| m.minified))
        }
    };
    if let Some(props) = api_properties.as_mut()
        && !extra.routes.is_empty()
    {
        let routes = route_policies(&doc, &extra.routes, &swagger_name, &mut out_diags);
        properties::add_routes(props, &routes);
    }
    out_diags.extend(extra.diags.into_iter().map(|mut d| {
        d.file = Some(swagger_name.clone());
        d
    }));

    let syntax = if out_dir.is_some() {
        OutFormat::Json
    } else {
        opts.syntax
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
    if let (Some(props), Some(dir)) = (&api_properties, out_dir) {
        outputs.push(Output {
            path: properties_path,
            name: properties_name,
            text: to_json(props).into(),
        });
        if with_settings {
            let p = dir.join("settings.json");
            outputs.push(Output {
                name: display_name(&p),
                path: Some(p),
                text: to_json(&properties::settings()).into(),
            });
        }
    }

    // One run at a time in a folder; never overwrite without --force, never write over an
    // input.
    let folder = out_dir.map(|d| open_folder(d)).transpose()?;
    check_targets(&outputs, opts, config.file.as_deref())?;
    // Lint what will be written, as one connector (from the values, without parsing the text),
    // while the files are written.
    let mut values = vec![std::mem::take(&mut doc)];
    values.extend(api_properties);
    values.push(settings_value);
    let mut sources = Vec::new();
    for (i, (o, value)) in outputs.iter().zip(values).enumerate() {
        let syntax = match syntax {
            OutFormat::Yaml if i == 0 => Syntax::Yaml,
            _ => Syntax::Json,
        };
        // Pretty JSON, two spaces a level (YAML is left as it is; a minified definition is
        // one line).
        let source = Source::from_rendered(&o.name, o.text.clone(), value, syntax);
        sources.push(if i == 0 && opts.minify {
            source
        } else {
            source.laid_out_by_ccforge()
        });
    }
    if render_later {
        // Measured once, by the size pass unless it is off: the size rule reads it, and the
        // text is rendered into a buffer of it.
        sources[0].byte_len = measured
            .unwrap_or_else(|| crate::swagger::size::laid_out_len(&sources[0].value, opts.lines()));
        sources[0].minified_len = if opts.minify {
            Some(sources[0].byte_len)
        } else {
            minified
        };
    }
    // Infos the report only counts are kept out of the locating.
    let (out_diags, counted) = unlocated(out_diags, opts.locate_infos);
    // The rules read the same structural check the writing waits for: it runs once.
    let structure = SharedStructure::new();
    let (doc_src, outputs_ref, folder_ref) = (&sources[0], &outputs, folder.as_ref());
    let minify = opts.minify;
    // A definition that is not valid connector Swagger is not written at all, nor the files
    // beside it. It is checked while the text is rendered and the rules run, all on the pool
    // (whose threads' memory is reused, where new threads would each start a heap).
    let (found, (text, written, out_diags, refused)) = rayon::join(
        || lint_rules_sharing(&sources, policy, Some(&structure)),
        || {
            let (text, invalid) = rayon::join(
                || -> Option<Arc<str>> {
                    render_later.then(|| {
                        let indent = if minify { "" } else { "  " };
                        to_json_shared(&doc_src.value, indent, doc_src.byte_len)
                    })
                },
                || {
                    let doc = &doc_src.value;
                    refusals(
                        structure.get_or_init(|| crate::swagger::structure::check(doc)),
                        &outputs_ref[0].name,
                    )
                },
            );
            let refused = !invalid.is_empty();
            let written = if refused || extra.defer_write {
                Ok(Vec::new())
            } else {
                write_outputs(outputs_ref, text.as_deref(), folder_ref)
            };
            // The passes' diagnostics (most of them) are located here too.
            let mut out_diags = out_diags;
            out_diags.extend(invalid);
            let rendered = text.map(|text| {
                let name = &outputs_ref[0].name;
                let rendered = Source::from_rendered(name, text, Value::Null, doc_src.syntax);
                let rendered = if minify {
                    rendered
                } else {
                    rendered.laid_out_by_ccforge()
                };
                rendered.resolve(&mut out_diags);
                rendered
            });
            (rendered, written, out_diags, refused)
        },
    );
    let written = written?;
    if let Some(rendered) = text {
        debug_assert_eq!(
            sources[0].byte_len,
            rendered.text.len(),
            "the measured length disagrees with the text"
        );
        outputs[0].text = rendered.text.clone();
        sources[0].take_text(rendered);
    }
    let mut lint = lint_finish(sources, found, policy, out_diags, Trees::Dispose);
    lint.diagnostics.extend(counted);
    properties::drop_repeated(&mut lint.diagnostics);
    if opts.cut_schemas {
        // A body still over the limit after the cut holds too many schemas at its first level:
        // the rule's advice to cut it is spent.
        let over = &crate::lint::rules::schemas::body_schema_count::RULE.code;
        for d in &mut lint.diagnostics {
            if std::ptr::eq(d.meta, over) {
                d.set_help(
                    "--cut-schemas could not cut it: its first level alone holds more than 512 \
                     schemas; let the designer load the schema at run time \
                     (x-ms-dynamic-schema), or leave the operation out (--exclude)",
                );
            }
        }
    }
    if refused {
        let refusals: Vec<Diagnostic> = (lint.diagnostics.iter())
            .filter(|d| std::ptr::eq(d.meta, &crate::swagger::structure::INVALID_OUTPUT))
            .cloned()
            .collect();
        drop_said_by_refusals(&mut lint.diagnostics, &refusals, &outputs[0].name);
    }
    // The caller adds the inputs' diagnostics and masked texts, and puts the whole in order.
    let mut texts: HashMap<String, Arc<str>> = lint.texts;
    let diags = lint.diagnostics;

    for o in &outputs {
        texts.insert(o.name.clone(), o.text.clone());
    }
    let stdout = outputs
        .first()
        .filter(|o| o.path.is_none() && !refused)
        .map(|o| o.text.clone());
    let pending = (extra.defer_write && !refused).then_some(Pending { outputs, folder });
    Ok(Made {
        report: super::Report {
            diagnostics: diags,
            texts,
            files,
        },
        stdout,
        pending,
        written,
    })
}

/// The operations written at paths of their own, by `operationId`, grouped by the path the
/// API serves them at, in the order of `routes`. One without an `operationId` (when the pass
/// that gives one is off) cannot be named by a policy: reported.
fn route_policies(
    doc: &Value,
    routes: &[crate::import::Route],
    swagger_name: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, Vec<String>)> {
    let mut grouped: Vec<(String, Vec<String>)> = Vec::new();
    let mut reporter = Reporter::new(swagger_name, &crate::diagnostic::Declared);
    for route in routes {
        let at = crate::diagnostic::pointer(["paths", route.path.as_str(), route.method.as_str()]);
        let Some(op) = doc.pointer(&at) else {
            reporter.report(
                &crate::import::openapi3::codes::PATH,
                "/paths",
                format!(
                    "the {} operation written at `{}` to be routed to `{}` is no longer there, so \
                     apiProperties.json has no route for it",
                    route.method.to_uppercase(),
                    route.path,
                    route.to
                ),
            );
            continue;
        };
        let Some(id) = crate::value::Lookup::field(op, "operationId").and_then(Value::as_str)
        else {
            reporter.report(
                &crate::import::openapi3::codes::PATH,
                at,
                format!(
                    "this operation has no `operationId`, so the route policy that sends it to \
                     `{}` cannot name it; give it one",
                    route.to
                ),
            );
            continue;
        };
        match grouped.iter_mut().find(|(to, _)| *to == route.to) {
            Some((_, ids)) => ids.push(id.to_string()),
            None => grouped.push((route.to.clone(), vec![id.to_string()])),
        }
    }
    diags.extend(reporter.finish());
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(locate_infos: bool) -> ConvertOptions {
        ConvertOptions {
            input: PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/fixtures/convert/postman-v21-features/input.postman_collection.json"
            )),
            destination: Destination::Stdout,
            force: false,
            syntax: OutFormat::Json,
            environment: None,
            import: ImportOptions::default(),
            auth: AuthOptions::default(),
            auth_given: false,
            config: None,
            include: Vec::new(),
            exclude: Vec::new(),
            split_by: None,
            plan: false,
            max_size: None,
            cut_schemas: false,
            trim_descriptions: false,
            minify: false,
            locate_infos,
        }
    }

    #[test]
    fn infos_are_located_only_when_the_report_shows_them() {
        let run = |locate_infos| match convert(&options(locate_infos)) {
            Ok(c) => c.report.diagnostics,
            Err(_) => panic!("the fixture converts"),
        };
        let (all, counted) = (run(true), run(false));
        let infos = |d: &[Diagnostic]| d.iter().filter(|d| d.severity == Severity::Info).count();
        assert!(infos(&all) > 0, "the fixture has infos");
        assert_eq!((all.len(), infos(&all)), (counted.len(), infos(&counted)));
        assert!(all.iter().all(|d| d.span.is_some()), "{all:?}");
        for d in &counted {
            assert_eq!(d.span.is_some(), d.severity != Severity::Info, "{d:?}");
        }
        // What the report frames is the same, at the same places.
        let shown = |d: &[Diagnostic]| -> Vec<(String, Option<usize>, Option<usize>)> {
            d.iter()
                .filter(|d| d.severity != Severity::Info)
                .map(|d| (d.message.clone(), d.line(), d.column()))
                .collect()
        };
        assert_eq!(shown(&all), shown(&counted));
    }
}
