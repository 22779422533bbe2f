//! OpenAPI 3.0 and 3.1 to Swagger 2.0, deterministically, in the author's order, reporting every
//! loss at its place.

mod bodies;
pub mod codes;
mod components;
mod operations;
mod parameters;
mod path_keys;
mod refs;
mod responses;
mod schema;
mod security;
mod servers;

use crate::import::provenance::{Origin, Provenance};
use crate::value::Lookup;
use serde_json::{Map, Value, json};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{ImportOptions, Imported};
use crate::diagnostic::{Declared, Diagnostic, Reporter, Severity};
use codes::*;

/// A loaded file: its path, display name and parsed value.
#[derive(Clone)]
pub(crate) struct Loc {
    path: Arc<PathBuf>,
    name: Arc<str>,
    doc: Arc<Value>,
}

impl Loc {
    fn same(&self, other: &Loc) -> bool {
        Arc::ptr_eq(&self.doc, &other.doc)
    }
}

pub(crate) struct Conv<'a> {
    opts: &'a ImportOptions,
    report: Reporter<'a>,
    main: Loc,
    files: HashMap<PathBuf, Option<Loc>>,
    /// The texts of the other files read (their values are in `files`), to locate findings in.
    sources: Vec<crate::source::Source>,
    /// External schemas already given a definition, by (file, pointer).
    ext_defs: HashMap<(PathBuf, String), String>,
    definitions: Map<String, Value>,
    /// Schemas from other files, placed after the definition's own.
    external_definitions: Map<String, Value>,
    def_names: crate::swagger::naming::Names,
    /// Shared parameters and responses that could not be converted (their refs are dropped).
    dropped_params: HashSet<String>,
    /// Shared parameters that converted, with their `in` and `name`: a reference to any other
    /// is resolved (and reported).
    kept_params: HashMap<String, (String, String)>,
    /// Shared object query parameters sent one query parameter per property: a reference to
    /// one stands for these.
    exploded_params: HashMap<String, Vec<Value>>,
    /// Secret values withheld from the output, masked in code frames.
    secrets: Vec<String>,
    /// The OAuth 2.0 refresh URL of each converted security scheme that gives one, by name.
    refresh_urls: Vec<(String, String)>,
    /// Refs being inlined, for cycle detection.
    inlining: Vec<(PathBuf, String)>,
    /// The component schemas as written, taken out of the document: each is moved into its
    /// conversion (leaving `null`), so the input's tree is not copied.
    raw_schemas: Map<String, Value>,
    /// The component schemas that a `$ref` points into through a keyword their conversion
    /// drops or merges (`Pet/oneOf/1`), as written: such a target is read there.
    pointed_through: Arc<Map<String, Value>>,
    /// Component schemas converted so far, by name (each is converted once).
    memo: HashMap<String, Value>,
    in_progress: HashSet<String>,
    /// Shared schemas flattened for a parameter so far, by the file of the reference and the
    /// reference.
    flattened: HashMap<(PathBuf, String), Map<String, Value>>,
    /// Shared JSON request bodies converted so far, by name: the body parameter's schema.
    shared_bodies: HashMap<String, Value>,
    /// Shared form bodies converted so far, by name: their `formData` parameters.
    shared_forms: HashMap<String, Vec<Value>>,
    /// Form parameters still allowed (see `bodies::FORM_FIELDS_BUDGET`), and whether running out
    /// was reported.
    form_fields_left: usize,
    form_budget_told: bool,
    /// The verdict on each `pattern` judged so far: generated definitions repeat a few
    /// patterns (an identifier's, a date's) thousands of times.
    patterns: HashMap<String, crate::swagger::pattern::Verdict>,
    /// On a converter of a share of the operations: what the conversion had made before they
    /// were shared out, read in place (see [`Conv::fork`]).
    base: Option<Base<'a>>,
    /// On a converter of a share of the operations: each form body it gave fields, for the
    /// budget to be settled over all the operations in order (see `bodies::settle_forms`).
    form_uses: Option<Vec<bodies::FormUse>>,
    /// On a converter of a share of the operations: the path and method of the operation it
    /// is converting, which its form uses name.
    operation: Option<(String, String)>,
}

/// What a [fork](Conv::fork) found.
struct Share {
    diagnostics: Vec<Diagnostic>,
    secrets: Vec<String>,
    definitions: Map<String, Value>,
    form_uses: Vec<bodies::FormUse>,
}

/// The definitions and component schemas as they stood when the operations were shared out
/// among threads.
#[derive(Clone, Copy)]
struct Base<'a> {
    definitions: &'a Map<String, Value>,
    raw_schemas: &'a Map<String, Value>,
}

use crate::diagnostic::join_pointer as join;
use crate::swagger::nulls;

/// Converts an OpenAPI 3.0 or 3.1 document. An `Err` holds the errors that leave nothing to
/// convert (a `--server` the definition lacks).
pub fn convert(
    name: &str,
    value: Value,
    path: Option<&Path>,
    opts: &ImportOptions,
) -> Result<Imported, Vec<Diagnostic>> {
    convert_in(name, value, path, opts, true)
}

/// [`convert`], with the operations converted on the pool when `share_out` allows and they
/// are many, else one after another.
fn convert_in(
    name: &str,
    value: Value,
    path: Option<&Path>,
    opts: &ImportOptions,
    share_out: bool,
) -> Result<Imported, Vec<Diagnostic>> {
    let mut value = value;
    // Extensions are copied as they are: the secrets they hold are taken out first.
    let mut in_extensions = Vec::new();
    crate::secrets::take_in_extensions(&mut value, &mut |at, what, taken| {
        in_extensions.push((at, taken.message(&what), taken.values));
    });
    let main_path = path.map(|p| std::fs::canonicalize(p).unwrap_or(p.to_path_buf()));
    let unread_maps = refs::expand_whole_maps(&mut value, main_path.as_deref());
    let not_media_types = drop_non_media_types(&mut value);
    let (movable, pointed_through, nulls) = refs::decode_refs(&mut value);
    let null_keywords = if nulls {
        nulls::drop_null_keywords(&mut value)
    } else {
        Vec::new()
    };
    let requirement_lists = security::requirement_lists(&value);
    // The operations, taken out of the document when no reference leads into them: each is
    // then taken apart by its conversion instead of copied (most of a large definition).
    let taken_paths = movable
        .then(|| value.field_mut("paths").and_then(Value::as_object_mut))
        .flatten()
        .map(std::mem::take);
    // The component schemas may be converted on the pool whatever refers into the paths.
    let parallel = share_out;
    let share_out = share_out && taken_paths.is_some();
    let raw_schemas = value
        .field_mut("components")
        .and_then(|c| c.field_mut("schemas"))
        .and_then(Value::as_object_mut)
        .map(std::mem::take)
        .unwrap_or_default();
    // The few components pointed into through a part their conversion loses, kept as written.
    let pointed_through: Map<String, Value> = pointed_through
        .into_iter()
        .filter_map(|name| Some((name.clone(), raw_schemas.get(&name)?.clone())))
        .collect();
    let main = Loc {
        path: Arc::new(main_path.unwrap_or_default()),
        name: name.into(),
        doc: Arc::new(value),
    };
    let mut cx = Conv {
        opts,
        report: Reporter::new(name, &Declared),
        main: main.clone(),
        files: HashMap::new(),
        sources: Vec::new(),
        ext_defs: HashMap::new(),
        definitions: Map::new(),
        external_definitions: Map::new(),
        def_names: Default::default(),
        dropped_params: HashSet::new(),
        kept_params: HashMap::new(),
        exploded_params: HashMap::new(),
        secrets: Vec::new(),
        refresh_urls: Vec::new(),
        inlining: Vec::new(),
        raw_schemas,
        pointed_through: Arc::new(pointed_through),
        memo: HashMap::new(),
        in_progress: HashSet::new(),
        flattened: HashMap::new(),
        shared_bodies: HashMap::new(),
        shared_forms: HashMap::new(),
        form_fields_left: bodies::FORM_FIELDS_BUDGET,
        form_budget_told: false,
        patterns: HashMap::new(),
        base: None,
        form_uses: None,
        operation: None,
    };
    for (at, message, values) in in_extensions {
        cx.secrets.extend(values);
        cx.in_file(&main)
            .report(&SECRET, at, message)
            .set_help(crate::secrets::TAKEN_HELP);
    }
    report_null_keywords(&mut cx, &main, null_keywords);
    for (at, message) in unread_maps {
        cx.in_file(&main).report(&REF, at, message).set_help(
            "keep the file in the definition's folder (or below it), or write the map in place",
        );
    }
    for (at, key) in not_media_types {
        report_not_media_type(&mut cx, &main, &at, &key);
    }
    let d = main.doc.clone();
    let mut out = Map::new();
    out.insert("swagger".into(), json!("2.0"));
    let (info, info_docs) = info(&mut cx, &main, &d);
    out.insert("info".into(), info);
    let Ok(base_tail) = servers::servers(&mut cx, &d, &mut out) else {
        let mut errors = cx.report.finish();
        errors.retain(|e| e.severity == Severity::Error);
        return Err(errors);
    };
    // Root extensions are kept.
    for (k, v) in d.as_object().into_iter().flatten() {
        if k.starts_with("x-") {
            out.insert(k.clone(), v.clone());
        }
    }
    if let Some(t) = d.field("tags") {
        out.insert("tags".into(), tags(&mut cx, &main, t));
    }
    if let Some(e) = d.field("externalDocs")
        && cx.keeps_docs(&main, e, "/externalDocs")
    {
        out.insert("externalDocs".into(), e.clone());
    }
    // A documentation link written into `info`, which OpenAPI does not allow there and Swagger
    // 2.0 rejects, moves to the root, where both have it.
    if let Some(e) = info_docs {
        let message = if out.has("externalDocs") {
            Some("`externalDocs` has no place in `info`; dropped (the root has its own)")
        } else if cx.keeps_docs(&main, &e, "/info/externalDocs") {
            out.insert("externalDocs".into(), e);
            Some("`externalDocs` has no place in `info`; moved to the root's `externalDocs`")
        } else {
            // Dropped, and told so, for its URL.
            None
        };
        if let Some(message) = message {
            cx.in_file(&main)
                .report(&DROPPED, "/info/externalDocs", message)
                .set_help(
                    "write the documentation link at the root of the definition (`externalDocs`)",
                );
        }
    }

    // Definitions first, so that names are taken in the author's order.
    components::convert_all(&mut cx, parallel);
    let comps = d.field("components").unwrap_or(&Value::Null);
    let shared_params = shared_parameters(&mut cx, comps);
    let shared_responses = shared_responses(&mut cx, comps);
    let server = server_url(&out, cx.opts.host.as_deref());
    let security_defs = security::security_schemes(
        &mut cx,
        &main,
        comps.field("securitySchemes"),
        server.as_deref(),
        &requirement_lists,
    );
    let (paths, written_in_place) =
        operations::paths(&mut cx, &d, taken_paths, &shared_responses, share_out);
    // Operations keep their path and method: each came from the same place in the input.
    let mut provenance = Provenance::new(Origin::OpenApi3);
    for (path, method) in written_in_place {
        if paths.get(&path).is_some_and(|item| item.has(&method)) {
            let at = crate::diagnostic::pointer(["paths", path.as_str(), method.as_str()]);
            provenance.operation(&path, &method, at);
        }
    }
    // The server's path from its first variable without a value starts every path.
    let paths = match base_tail.as_deref() {
        Some(tail) => match servers::prefix_paths(paths, tail, &mut provenance) {
            Ok(paths) => paths,
            Err(message) => {
                let index = cx.opts.server.unwrap_or(0);
                cx.in_file(&main)
                    .report_as(
                        &SERVER,
                        Severity::Error,
                        format!("/servers/{index}/url"),
                        message,
                    )
                    .set_help("pass its value with --server-var NAME=VALUE");
                let mut errors = cx.report.finish();
                errors.retain(|e| e.severity == Severity::Error);
                return Err(errors);
            }
        },
        None => paths,
    };
    let (paths, routes) =
        path_keys::query_in_paths(&mut cx, &main, paths, &shared_params, &mut provenance);
    let paths = path_keys::literal_braces(&mut cx, &main, paths, &mut provenance);
    out.insert("paths".into(), Value::Object(paths));
    let external = std::mem::take(&mut cx.external_definitions);
    cx.definitions.extend(external);
    if !cx.definitions.is_empty() {
        out.insert(
            "definitions".into(),
            Value::Object(std::mem::take(&mut cx.definitions)),
        );
    }
    if !shared_params.is_empty() {
        out.insert("parameters".into(), Value::Object(shared_params));
    }
    if !shared_responses.is_empty() {
        out.insert("responses".into(), Value::Object(shared_responses));
    }
    let kept: HashSet<String> = security_defs.keys().cloned().collect();
    if !security_defs.is_empty() {
        out.insert("securityDefinitions".into(), Value::Object(security_defs));
    }
    if let Some(sec) = d.field("security")
        && let Some(list) = security::requirements(&mut cx, &main, sec, "/security", &kept)
    {
        out.insert("security".into(), list);
    }
    report_dropped(&mut cx, &d);
    let mut diagnostics = cx.report.finish();
    for src in &cx.sources {
        src.resolve(&mut diagnostics);
    }
    let imported = Imported {
        doc: Value::Object(out),
        secrets: std::mem::take(&mut cx.secrets),
        refresh_urls: std::mem::take(&mut cx.refresh_urls),
        diagnostics,
        provenance,
        routes,
        examples_dropped: None,
    };
    // The input's tree, as large as the input, is freed while the conversion goes on.
    drop((cx.main, cx.files, main));
    if let Ok(input) = Arc::try_unwrap(d) {
        crate::memory::dispose(input);
    }
    Ok(imported)
}

/// The connector's server as a URL (its first scheme, host and base path), when it has a host:
/// `--host` when given (what the definition will be written with), else the servers' own.
fn server_url(out: &Map<String, Value>, host_given: Option<&str>) -> Option<String> {
    let base_written = out.field("basePath").and_then(Value::as_str);
    if let Some(given) = host_given {
        // `--host`, which replaces the servers' host (and base path, when it has one).
        let (scheme, host, base) = super::split_url(given);
        let scheme = scheme.as_deref().unwrap_or("https");
        let base = base.as_deref().or(base_written).unwrap_or("");
        return Some(format!("{scheme}://{host}{base}"));
    }
    let host = out.field("host").and_then(Value::as_str)?;
    let scheme = out
        .field("schemes")
        .and_then(|s| s.get(0))
        .and_then(Value::as_str)
        .unwrap_or("https");
    let base = base_written.unwrap_or("");
    Some(format!("{scheme}://{host}{base}"))
}

/// The tags, without the members that are `null` (generators write `description: null` for
/// none; Swagger 2.0 wants a text or nothing), and without documentation links that are not
/// absolute URLs (as for the root's `externalDocs`).
fn tags(cx: &mut Conv, main: &Loc, tags: &Value) -> Value {
    let Some(list) = tags.as_array() else {
        return tags.clone();
    };
    let mut out = Vec::with_capacity(list.len());
    for (i, tag) in list.iter().enumerate() {
        let Some(m) = tag.as_object() else {
            out.push(tag.clone());
            continue;
        };
        let mut tag = without_nulls(m);
        let at = format!("/tags/{i}");
        text_by_reference(cx, main, &mut tag, "description", &at);
        if let Some(docs) = tag.field("externalDocs")
            && !cx.keeps_docs(main, docs, &format!("/tags/{i}/externalDocs"))
        {
            tag.remove("externalDocs");
        }
        out.push(Value::Object(tag));
    }
    Value::Array(out)
}

/// Replaces the member `key` of `m` (at `at`), when it is a `$ref` (bundlers resolve them
/// anywhere, and definitions keep long texts in files of their own), by the text it points to:
/// a string in JSON or YAML, or the whole of a Markdown, text or HTML file; removes it, with a
/// warning, when it does not point to a text.
fn text_by_reference(cx: &mut Conv, loc: &Loc, m: &mut Map<String, Value>, key: &str, at: &str) {
    let Some(v) = m.get(key).filter(|v| v.field("$ref").is_some()) else {
        return;
    };
    let at = join(at, key);
    let text = match v.field("$ref").and_then(Value::as_str) {
        Some(file) if refs::is_text_file(file) => cx.load_text(loc, file, &at),
        _ => cx
            .deref(loc, v, &at)
            .and_then(|(_, _, target)| target.as_str().map(str::to_string)),
    };
    match text {
        Some(text) => {
            m.insert(key.to_string(), Value::String(text));
        }
        None => {
            m.remove(key);
            cx.in_file(loc)
                .report(
                    &DROPPED,
                    at,
                    format!("`{key}` is a `$ref` that does not lead to a text; dropped"),
                )
                .set_help(
                    "point the `$ref` at a Markdown or text file, or at a string, or write the \
                     text in place",
                );
        }
    }
}

/// `m` without the members (and the members of its objects) that are `null`, extensions aside:
/// in the documentation objects Swagger 2.0 has no `null`, and `null` says no more than absence.
fn without_nulls(m: &Map<String, Value>) -> Map<String, Value> {
    m.iter()
        .filter(|(k, v)| k.starts_with("x-") || !v.is_null())
        .map(|(k, v)| {
            let v = match v {
                Value::Object(inner) if !k.starts_with("x-") => Value::Object(without_nulls(inner)),
                other => other.clone(),
            };
            (k.clone(), v)
        })
        .collect()
}

/// `info`: a 3.1 `summary` becomes the description when there is none, the license's SPDX
/// `identifier` goes, members that are `null` go, and the title and version are strings. Other
/// members Swagger 2.0 does not allow there (and in its contact and license) are dropped with a
/// warning, but for `externalDocs`, which is returned: the root can hold it.
fn info(cx: &mut Conv, main: &Loc, d: &Value) -> (Value, Option<Value>) {
    let mut info = d
        .field("info")
        .and_then(Value::as_object)
        .map(without_nulls)
        .unwrap_or_default();
    if let Some(summary) = info.remove("summary")
        && !info.has("description")
    {
        info.insert("description".into(), summary);
    }
    if let Some(Value::Object(lic)) = info.field_mut("license") {
        lic.remove("identifier");
    }
    text_by_reference(cx, main, &mut info, "description", "/info");
    let docs = info.remove("externalDocs");
    let allowed: [(&str, &[&str]); 3] = [
        (
            "",
            &[
                "title",
                "version",
                "description",
                "termsOfService",
                "contact",
                "license",
            ],
        ),
        ("contact", &["name", "url", "email"]),
        ("license", &["name", "url"]),
    ];
    for (member, keys) in allowed {
        let object = match member {
            "" => Some(&mut info),
            m => info.field_mut(m).and_then(Value::as_object_mut),
        };
        let Some(object) = object else { continue };
        let at = join("/info", member);
        let at = at.trim_end_matches('/');
        let other: Vec<String> = (object.keys())
            .filter(|k| !k.starts_with("x-") && !keys.contains(&k.as_str()))
            .cloned()
            .collect();
        for key in other {
            object.shift_remove(&key);
            let place = if member.is_empty() {
                "`info`".to_string()
            } else {
                format!("`info.{member}`")
            };
            cx.in_file(main)
                .report(
                    &DROPPED,
                    join(at, &key),
                    format!("`{key}` has no place in {place} in Swagger 2.0; dropped"),
                )
                .set_help(format!(
                    "Swagger 2.0 allows only {} there (and `x-` extensions)",
                    keys.join(", ")
                ));
        }
    }
    // Swagger 2.0 (and the platform) take only an absolute URL there; a relative one points
    // nowhere once the definition is imported.
    for member in ["contact", "license"] {
        let Some(object) = info.field_mut(member).and_then(Value::as_object_mut) else {
            continue;
        };
        let Some(url) = object.field("url").and_then(Value::as_str) else {
            continue;
        };
        if crate::swagger::is_absolute_url(url) {
            continue;
        }
        let message = format!(
            "the {member} `url` \"{url}\" is not an absolute URL, which Swagger 2.0 requires; dropped"
        );
        object.shift_remove("url");
        cx.in_file(main)
            .report(&DROPPED, format!("/info/{member}/url"), message)
            .set_help("write the link in full (https://...) to keep it");
    }
    for (key, default) in [("title", "API"), ("version", "1.0")] {
        let text = match info.get(key) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => default.to_string(),
            Some(other) => other.to_string(),
        };
        info.insert(key.into(), json!(text));
    }
    (Value::Object(info), docs)
}

/// Reports the keywords [`nulls::drop_null_keywords`] removed from `loc`.
fn report_null_keywords(cx: &mut Conv, loc: &Loc, dropped: Vec<(String, String)>) {
    for (at, key) in dropped {
        cx.in_file(loc)
            .report_as(
                &DROPPED,
                Severity::Info,
                at,
                format!("`{key}` is written with no value (null), which says nothing; dropped"),
            )
            .set_help(format!("give `{key}` a value, or remove it"));
    }
}

/// The shared parameters that convert; the names of those that do not are remembered, so that
/// references to them are dropped.
fn shared_parameters(cx: &mut Conv, comps: &Value) -> Map<String, Value> {
    let main = cx.main.clone();
    let mut shared_params = Map::new();
    if let Some(params) = comps.field("parameters").and_then(Value::as_object) {
        for (name, p) in params {
            let at = join("/components/parameters", name);
            match parameters::parameter(cx, &main, p, &at) {
                Some(Value::Object(conv)) => {
                    let field = |k: &str| {
                        conv.get(k)
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_string()
                    };
                    cx.kept_params
                        .insert(name.clone(), (field("in"), field("name")));
                    shared_params.insert(name.clone(), Value::Object(conv));
                }
                Some(Value::Array(exploded)) => {
                    cx.exploded_params.insert(name.clone(), exploded);
                }
                _ => {
                    cx.dropped_params.insert(name.clone());
                }
            }
        }
    }
    shared_params
}

/// The shared responses.
fn shared_responses(cx: &mut Conv, comps: &Value) -> Map<String, Value> {
    let main = cx.main.clone();
    let mut shared_responses = Map::new();
    if let Some(responses) = comps.field("responses").and_then(Value::as_object) {
        for (name, r) in responses {
            let at = join("/components/responses", name);
            let mut produces = Vec::new();
            let conv = responses::response(cx, &main, r.clone(), &at, &mut produces);
            shared_responses.insert(name.clone(), conv);
        }
    }
    shared_responses
}

/// Reports the root parts with no Swagger 2.0 form.
fn report_dropped(cx: &mut Conv, d: &Value) {
    let main = cx.main.clone();
    for (what, at) in [("webhooks", "/webhooks")] {
        if d.get(what)
            .and_then(Value::as_object)
            .is_some_and(|w| !w.is_empty())
        {
            cx.in_file(&main)
                .report(
                    &DROPPED,
                    at,
                    format!("`{what}` have no Swagger 2.0 form and were dropped"),
                )
                .set_help(
                    "model them as a connector trigger (x-ms-trigger) by hand if flows need them",
                );
        }
    }
}

impl<'a> Conv<'a> {
    /// The reporter, set to report in `loc`'s file.
    /// Whether to keep `externalDocs` (at `at`): not when its `url` is not absolute. A link
    /// relative to the API's own documentation site (`/docs/assets#create`) leads nowhere from
    /// a connector, and Power Platform rejects it; it is dropped with a warning.
    fn keeps_docs(&mut self, loc: &Loc, docs: &Value, at: &str) -> bool {
        let url = docs.field("url").and_then(Value::as_str);
        if url.is_none_or(crate::swagger::is_absolute_url) {
            return true;
        }
        self.in_file(loc)
            .report(
                &DROPPED,
                join(at, "url"),
                format!(
                    "`externalDocs` whose `url` \"{}\" is not an absolute URL was dropped",
                    url.unwrap_or_default()
                ),
            )
            .set_help("write the documentation link in full (https://...) to keep it");
        false
    }

    fn in_file(&mut self, loc: &Loc) -> &mut Reporter<'a> {
        if self.report.file() != loc.name.as_ref() {
            self.report.set_file(loc.name.as_ref());
        }
        &mut self.report
    }

    /// Runs `f` with what it reports let go: for a second look at what another step has
    /// reported already.
    fn quietly<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        let quiet = Reporter::new(self.report.file(), &Declared);
        let told = std::mem::replace(&mut self.report, quiet);
        let out = f(self);
        self.report = told;
        out
    }

    /// Takes the secrets out of the `keys` of `m` (a parameter, header or schema named `name`,
    /// at `at`): a string that `name` or its shape says is secret, and the secret members of an
    /// object or list example. Each place is reported once, as `what`.
    fn withhold(
        &mut self,
        loc: &Loc,
        at: &str,
        what: impl FnOnce() -> String,
        name: Option<&str>,
        m: &mut Map<String, Value>,
        keys: &[&str],
    ) {
        let Some(taken) = crate::secrets::take_values(name, m, keys) else {
            return;
        };
        let message = taken.message(&what());
        self.secrets.extend(taken.values);
        self.in_file(loc)
            .report(&SECRET, at, message)
            .set_help(crate::secrets::TAKEN_HELP);
    }

    /// [`crate::swagger::pattern::verdict`], each pattern judged once.
    fn pattern(&mut self, pattern: &str) -> crate::swagger::pattern::Verdict {
        if let Some(v) = self.patterns.get(pattern) {
            return v.clone();
        }
        let v = crate::swagger::pattern::verdict(pattern);
        self.patterns.insert(pattern.to_string(), v.clone());
        v
    }

    /// The converted definition `name`, or the component schema converted under that name, or
    /// the schema of another file converted under that name.
    fn definition(&self, name: &str) -> Option<&Value> {
        (self.definitions.get(name))
            .or_else(|| self.base?.definitions.get(name))
            .or_else(|| self.external_definitions.get(name))
    }

    /// Component schema `name` as written (`null` once taken for its conversion).
    fn raw_schema(&self, name: &str) -> Option<&Value> {
        (self.raw_schemas.get(name)).or_else(|| self.base?.raw_schemas.get(name))
    }

    /// A converter for a share of the operations, on another thread. It reads what this one
    /// has made (the definitions, shared parameters and bodies) and gathers what it finds on
    /// its own, to be [joined](Conv::join) back in the operations' order. Only for a
    /// definition whose references all stay in it: a share loads no files and makes no
    /// definitions.
    fn fork(&self) -> Conv<'_> {
        self.fork_over(&self.definitions, self.def_names.clone())
    }

    /// [`fork`](Conv::fork), reading `definitions` as the definitions made so far, and taking
    /// the names of new definitions from `def_names`.
    fn fork_over<'b>(
        &'b self,
        definitions: &'b Map<String, Value>,
        def_names: crate::swagger::naming::Names,
    ) -> Conv<'b> {
        Conv {
            opts: self.opts,
            report: Reporter::new(self.report.file(), &Declared),
            main: self.main.clone(),
            files: HashMap::new(),
            sources: Vec::new(),
            ext_defs: HashMap::new(),
            definitions: Map::new(),
            external_definitions: Map::new(),
            def_names,
            dropped_params: self.dropped_params.clone(),
            kept_params: self.kept_params.clone(),
            exploded_params: self.exploded_params.clone(),
            secrets: Vec::new(),
            refresh_urls: Vec::new(),
            inlining: Vec::new(),
            raw_schemas: Map::new(),
            pointed_through: self.pointed_through.clone(),
            memo: HashMap::new(),
            in_progress: HashSet::new(),
            flattened: self.flattened.clone(),
            shared_bodies: self.shared_bodies.clone(),
            shared_forms: self.shared_forms.clone(),
            form_fields_left: self.form_fields_left,
            form_budget_told: self.form_budget_told,
            patterns: self.patterns.clone(),
            base: Some(Base {
                definitions,
                raw_schemas: &self.raw_schemas,
            }),
            form_uses: Some(Vec::new()),
            operation: None,
        }
    }

    /// What a fork found, once it is done.
    fn into_share(self) -> Share {
        debug_assert!(
            self.files.is_empty() && self.external_definitions.is_empty(),
            "a share of the operations read another file"
        );
        Share {
            diagnostics: self.report.finish(),
            secrets: self.secrets,
            definitions: self.definitions,
            form_uses: self.form_uses.unwrap_or_default(),
        }
    }

    /// Takes in what a fork found, in the operations' order; returns the form bodies it gave
    /// fields, for the budget to be settled.
    fn join(&mut self, share: Share) -> Vec<bodies::FormUse> {
        self.report.extend(share.diagnostics);
        self.secrets.extend(share.secrets);
        // Every shared body a share uses was made a definition before the sharing out.
        debug_assert!(share.definitions.is_empty(), "a share made definitions");
        for (name, schema) in share.definitions {
            self.definitions.entry(name).or_insert(schema);
        }
        share.form_uses
    }

    fn definition_name(&mut self, wanted: &str) -> String {
        let base = if wanted.is_empty() { "Schema" } else { wanted };
        self.def_names.unique(base)
    }
}

const JSON_FIRST: fn(&str) -> u8 = |mime| {
    let m = mime.to_ascii_lowercase();
    if m == "application/json" {
        0
    } else if m.ends_with("+json") || m.contains("/json") {
        1
    } else if m == "*/*" {
        2
    } else {
        3
    }
};

/// Whether `d` is the error that an OpenID Connect scheme, which becomes OAuth 2.0, lacks the
/// authorization and token URLs.
pub fn lacks_oauth_urls(d: &Diagnostic) -> bool {
    std::ptr::eq(d.meta, &SECURITY)
        && d.severity == Severity::Error
        && d.message.starts_with(security::OPENID_CONNECT_LACKS)
}

/// Reports `key`, at `at` under a `content`, as no media type and dropped.
fn report_not_media_type(cx: &mut Conv, loc: &Loc, at: &str, key: &str) {
    cx.in_file(loc)
        .report(
            &DROPPED,
            at,
            format!("`{key}` under `content` is no media type; dropped"),
        )
        .set_help(
            "key `content` by media types only (`application/json`); move examples into the \
             media type (`content: {application/json: {examples: ...}}`)",
        );
}

/// Takes out the keys under the `content` of the document's request bodies and responses that
/// are no media types (`examples` written one level too high), which would become invalid
/// `consumes` and `produces` entries: their pointers and names, to report.
fn drop_non_media_types(doc: &mut Value) -> Vec<(String, String)> {
    let mut dropped = Vec::new();
    let mut content_of = |holder: &mut Value, at: String| {
        let Some(content) = holder.field_mut("content").and_then(Value::as_object_mut) else {
            return;
        };
        // A `content` written as a `$ref` is followed where it is read.
        if content.keys().all(|k| crate::swagger::is_mime_type(k)) || content.has("$ref") {
            return;
        }
        content.retain(|k, _| {
            let keep = crate::swagger::is_mime_type(k);
            if !keep {
                dropped.push((join(&join(&at, "content"), k), k.clone()));
            }
            keep
        });
    };
    if let Some(paths) = doc.field_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for (method, op) in item.iter_mut() {
                if !crate::swagger::METHODS.contains(&method.as_str()) {
                    continue;
                }
                let at = crate::diagnostic::pointer(["paths", path, method]);
                if let Some(body) = op.field_mut("requestBody") {
                    content_of(body, join(&at, "requestBody"));
                }
                for (code, r) in op
                    .field_mut("responses")
                    .and_then(Value::as_object_mut)
                    .into_iter()
                    .flatten()
                {
                    content_of(r, join(&join(&at, "responses"), code));
                }
            }
        }
    }
    if let Some(components) = doc.field_mut("components") {
        for kind in ["requestBodies", "responses"] {
            for (name, holder) in components
                .field_mut(kind)
                .and_then(Value::as_object_mut)
                .into_iter()
                .flatten()
            {
                content_of(
                    holder,
                    crate::diagnostic::pointer(["components", kind, name]),
                );
            }
        }
    }
    dropped
}

/// The media types of a `content` map, JSON first, then in the author's order.
pub(super) fn media_order(content: &Map<String, Value>) -> Vec<&String> {
    let mut keys: Vec<&String> = content.keys().collect();
    keys.sort_by_key(|k| JSON_FIRST(k));
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A definition of `n` paths whose operations share what a conversion must settle across
    /// them: JSON bodies that become definitions (first used in another order than written),
    /// a shared form, shared schemas flattened into parameters, secrets and status ranges.
    fn sharing(n: usize) -> Value {
        let mut paths = Map::new();
        for i in 0..n {
            let body = match i % 4 {
                // Two bodies whose names differ only in case: the later first used gets
                // another name, wherever its first use falls.
                0 if i == 0 || i > n / 2 => {
                    let name = if i % 8 == 0 { "item" } else { "Item" };
                    json!({"$ref": format!("#/components/requestBodies/{name}")})
                }
                0 => json!({"$ref": format!("#/components/requestBodies/Body{}", (n - i) % 3)}),
                1 => json!({"$ref": "#/components/requestBodies/Form"}),
                2 => json!({"content": {"multipart/form-data": {"schema": {
                    "properties": {"file": {"type": "string", "format": "binary"}}}}}}),
                _ => json!({"$ref": "#/components/requestBodies/Broken"}),
            };
            paths.insert(
                format!("/things{i}/{{id}}"),
                json!({
                    "parameters": [{"name": "id", "in": "path", "required": true,
                                    "schema": {"$ref": "#/components/schemas/Id"}}],
                    "post": {
                        "operationId": format!("make{i}"),
                        "x-bodyName": if i % 5 == 0 { json!(7) } else { json!("payload") },
                        "parameters": [{"name": "api_key", "in": "query",
                                        "schema": {"type": "string"}, "example": "sk_live_abcdefghijklmnop"}],
                        "requestBody": body,
                        "responses": {"2XX": {"description": "fine"}, "4XX": {"description": "bad",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}
                    }
                }),
            );
        }
        let json_body = |k: &str| {
            json!({"content": {"application/json": {"schema": {
            "type": "object", "properties": {k: {"type": "int"}}}},
            "application/xml": {"schema": {"type": "string"}}}})
        };
        json!({
            "openapi": "3.0.3",
            "info": {"title": "Sharing", "version": "1"},
            "servers": [{"url": "https://api.example.com"}],
            "paths": paths,
            "components": {
                "schemas": {
                    "Id": {"type": "string", "pattern": "^[a-z]+$", "enum": [1, 2]},
                    "Error": {"type": "object", "properties": {"code": {"type": "integer"}}},
                    "Body1": {"type": "object"}
                },
                "requestBodies": {
                    "Body0": json_body("a"),
                    "Body1": json_body("b"),
                    "Body2": json_body("c"),
                    "Item": json_body("d"),
                    "item": json_body("e"),
                    "Broken": {"description": "no content"},
                    "Form": {"content": {"application/x-www-form-urlencoded": {"schema": {
                        "properties": {"name": {"type": "string"}, "meta": {"type": "object"}}}}}}
                }
            }
        })
    }

    #[test]
    fn operations_converted_in_shares_come_out_as_one_after_another() {
        let opts = ImportOptions::default();
        let run = |share_out| {
            let mut i = convert_in("api.json", sharing(40), None, &opts, share_out)
                .unwrap_or_else(|_| panic!("converts"));
            crate::diagnostic::dedupe(&mut i.diagnostics);
            crate::diagnostic::sort(&mut i.diagnostics);
            let found: Vec<String> = i
                .diagnostics
                .iter()
                .map(|d| format!("{} {:?} {}", d.code, d.pointer(), d.message))
                .collect();
            i.secrets.sort();
            i.secrets.dedup();
            (i.doc, found, i.secrets)
        };
        let (one_by_one, shared_out) = (run(false), run(true));
        // What is compared holds what the shares must settle.
        let definitions = one_by_one.0["definitions"].as_object().unwrap();
        assert_eq!(
            definitions.keys().collect::<Vec<_>>(),
            [
                "Id", "Error", "Body1", "item", "Body0", "Body2", "Body12", "Item2"
            ]
        );
        assert!(one_by_one.1.iter().any(|d| d.contains("different schemas")));
        assert!(!one_by_one.2.is_empty());
        assert_eq!(one_by_one.0, shared_out.0);
        assert_eq!(one_by_one.1, shared_out.1);
        assert_eq!(one_by_one.2, shared_out.2);
    }

    #[test]
    fn component_schemas_converted_in_waves_come_out_as_one_after_another() {
        // Forty components: chains merged from `oneOf` (each written before the one it is made
        // of), findings and secrets in them, a loop and an alias, which keep their order.
        let r = |n: String| json!({"$ref": format!("#/components/schemas/{n}")});
        let mut schemas = Map::new();
        for i in 0..36 {
            let schema = if i % 4 == 3 {
                json!({"type": "object", "nullable": true, "properties": {
                    "token": {"type": "string", "example": "sk_live_abcdefghijklmnop"},
                    "size": {"type": "int"}}})
            } else {
                json!({"oneOf": [r(format!("S{}", i + 1)), {"type": "object", "properties": {
                    format!("p{i}"): {"type": "string", "format": "uuid", "pattern": "^[a-f0-9-]+$"}}}]})
            };
            schemas.insert(format!("S{i}"), schema);
        }
        schemas.insert(
            "Ping".into(),
            json!({"type": "object", "properties": {"pong": r("Pong".into())}}),
        );
        schemas.insert(
            "Pong".into(),
            json!({"allOf": [r("Ping".into()), {"type": "object"}]}),
        );
        schemas.insert("Alias".into(), r("S3".into()));
        schemas.insert(
            "OnAlias".into(),
            json!({"allOf": [r("Alias".into()), {"type": "object"}]}),
        );
        let doc = json!({
            "openapi": "3.0.3",
            "info": {"title": "Waves", "version": "1"},
            "servers": [{"url": "https://api.example.com"}],
            "paths": {"/a": {"get": {"operationId": "getA", "responses": {"200": {
                "description": "OK",
                "content": {"application/json": {"schema": r("S0".into())}}}}}}},
            "components": {"schemas": schemas}
        });
        let opts = ImportOptions::default();
        let run = |parallel| {
            let mut i = convert_in("api.json", doc.clone(), None, &opts, parallel)
                .unwrap_or_else(|_| panic!("converts"));
            // Findings are put in order by their place in the file once located; unlocated
            // here, they are compared as a set.
            let mut found: Vec<String> = i
                .diagnostics
                .iter()
                .map(|d| format!("{} {:?} {}", d.code, d.pointer(), d.message))
                .collect();
            found.sort();
            i.secrets.sort();
            (i.doc, found, i.secrets)
        };
        let (one_by_one, in_waves) = (run(false), run(true));
        let merged = &one_by_one.0["definitions"]["S0"];
        assert!(merged["properties"]["p0"].is_object(), "{merged}");
        assert!(merged["properties"]["token"].is_object(), "{merged}");
        assert!(!one_by_one.1.is_empty());
        assert!(!one_by_one.2.is_empty());
        assert_eq!(one_by_one.0, in_waves.0);
        assert_eq!(one_by_one.1, in_waves.1);
        assert_eq!(one_by_one.2, in_waves.2);
    }
}
