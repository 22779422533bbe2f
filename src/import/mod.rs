//! Importers: any document ccforge reads, into a Swagger 2.0 document plus the diagnostics of
//! what could not be carried over.

use crate::value::Lookup;
use serde_json::Value;

use crate::detect::{self, Format};
use crate::diagnostic::Diagnostic;
use crate::source::Source;

/// Options shared by the importers.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// `--var NAME=VALUE`, highest precedence.
    pub vars: Vec<(String, String)>,
    /// A Postman environment file.
    pub environment: Option<Value>,
    /// `--host`: host[:port], or a URL whose scheme and path also set `schemes` and `basePath`.
    pub host: Option<String>,
    /// Where the input file is, for relative `$ref`s.
    pub path: Option<std::path::PathBuf>,
    /// OpenAPI 3: `--server-var NAME=VALUE`.
    pub server_vars: Vec<(String, String)>,
    /// OpenAPI 3: `--server N` (counted from 0).
    pub server: Option<usize>,
    /// OpenAPI 3 openIdConnect: the URLs it lacks.
    pub authorization_url: Option<String>,
    pub token_url: Option<String>,
    /// OpenAPI 3: an operation whose path key differs from another's only by a query or
    /// fragment (`/#Action=RunInstances`) is written at a path of its own and routed back
    /// ([`Imported::routes`]), instead of left out. Only where apiProperties.json is written
    /// (connector folders), which holds the route policies.
    pub route_shared_paths: bool,
    /// The budget the size pass will hold the whole converted definition to, and the layout
    /// it will be written in, when nothing is removed between the import and that pass (no
    /// selection, no split). A Postman import whose saved-response examples alone are over it
    /// leaves them out ([`Imported::examples_dropped`]): the size pass would remove them all,
    /// and a large collection's examples are a large part of the memory and time a conversion
    /// takes.
    pub size_budget: Option<(usize, crate::swagger::size::Lines)>,
}

/// An operation written at a path of its own that the API does not have, which a route policy
/// (`routerequesttoendpoint` in apiProperties.json) sends to the path it is served at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The path key written (relative to `basePath`).
    pub path: String,
    /// Its method, lower case.
    pub method: String,
    /// The path the API serves it at (relative to `basePath`).
    pub to: String,
}

/// A converted document and what the conversion reported.
pub struct Imported {
    pub doc: Value,
    pub diagnostics: Vec<Diagnostic>,
    /// Secret values found in the input: never written, and masked in code frames.
    pub secrets: Vec<String>,
    /// Where each converted operation came from in the input.
    pub provenance: provenance::Provenance,
    /// The OAuth 2.0 refresh URL of each security definition the input gave one, by the
    /// definition's name: Swagger 2.0 has no place for it, apiProperties.json has.
    pub refresh_urls: Vec<(String, String)>,
    /// Operations written at paths of their own, each with the path it is sent to (see
    /// [`ImportOptions::route_shared_paths`]).
    pub routes: Vec<Route>,
    /// The examples left out under [`ImportOptions::size_budget`].
    pub examples_dropped: Option<crate::swagger::size::Dropped>,
}

/// `text` with every occurrence of `secrets` replaced by `*`s of the same byte length (so
/// positions stay right), sharing `text` itself when none occurs (a large input without secrets
/// is not copied).
pub fn mask_secrets_shared(text: &std::sync::Arc<str>, secrets: &[String]) -> std::sync::Arc<str> {
    masked(text, secrets).unwrap_or_else(|| text.clone())
}

/// [`mask_secrets_shared`] for a text no longer needed unmasked: masked where it lies when
/// nothing else holds it (a large input is not copied), else copied as there.
pub fn mask_secrets_owned(text: std::sync::Arc<str>, secrets: &[String]) -> std::sync::Arc<str> {
    let mut bytes: std::sync::Arc<[u8]> = text.into();
    let Some(buf) = std::sync::Arc::get_mut(&mut bytes) else {
        let text = crate::source::shared_str(bytes).expect("the bytes were text");
        return mask_secrets_shared(&text, secrets);
    };
    mask_in_place(buf, secrets);
    // Whole UTF-8 sequences were replaced by ASCII, so the text is still UTF-8.
    crate::source::shared_str(bytes).expect("masking keeps UTF-8")
}

/// The masked copy of `text`, or `None` when no secret occurs in it (the text is copied once,
/// at the first secret found, into the buffer it is shared from).
fn masked(text: &str, secrets: &[String]) -> Option<std::sync::Arc<str>> {
    let first = secrets.iter().position(|s| {
        s.len() >= MASKED_FROM && memchr::memmem::find(text.as_bytes(), s.as_bytes()).is_some()
    })?;
    let mut bytes: std::sync::Arc<[u8]> = text.as_bytes().into();
    let buf = std::sync::Arc::get_mut(&mut bytes).expect("the copy is not shared yet");
    mask_in_place(buf, &secrets[first..]);
    // Whole UTF-8 sequences were replaced by ASCII, so the text is still UTF-8.
    Some(crate::source::shared_str(bytes).expect("masking keeps UTF-8"))
}

/// Secrets shorter than this are not masked (they would mask ordinary words).
const MASKED_FROM: usize = 4;

/// Masks every occurrence of every secret as they are in the text, each sought with a
/// vectorised finder (a large input with many secrets is neither searched with `str::find` nor
/// copied once per secret). All are found before any is masked: a secret that overlaps another
/// is masked whole whatever their order, so no part of either shows. A secret found in many
/// places (the same token in every example) is sought once, and the secrets on all cores.
fn mask_in_place(buf: &mut [u8], secrets: &[String]) {
    use rayon::prelude::*;
    let mut sought: Vec<&[u8]> = (secrets.iter())
        .filter(|s| s.len() >= MASKED_FROM)
        .map(|s| s.as_bytes())
        .collect();
    sought.sort_unstable();
    sought.dedup();
    let text: &[u8] = buf;
    let found: Vec<(usize, usize)> = sought
        .par_iter()
        .flat_map_iter(|s| memchr::memmem::find_iter(text, s).map(|i| (i, i + s.len())))
        .collect();
    for (start, end) in found {
        buf[start..end].fill(b'*');
    }
}

/// Converts a source to Swagger 2.0. An `Err` holds the error diagnostics that stopped it. The
/// source's parsed value is taken (its text stays, for locations).
///
/// `--host` is written here, once, over whatever host the importer found; an importer only
/// consults it to decide what to report (a missing host is no error when `--host` gives one).
pub fn import(src: &mut Source, opts: &ImportOptions) -> Result<Imported, Vec<Diagnostic>> {
    let format =
        detect::detect(&src.value, &src.name).map_err(|u| vec![u.diagnostic(&src.name)])?;
    let mut imported = match format {
        Format::Swagger2 => Imported {
            provenance: provenance::Provenance::of_swagger(&src.value),
            doc: std::mem::take(&mut src.value),
            diagnostics: Vec::new(),
            secrets: Vec::new(),
            refresh_urls: Vec::new(),
            routes: Vec::new(),
            examples_dropped: None,
        },
        f if f.is_postman() => {
            let value = std::mem::take(&mut src.value);
            postman::convert(&src.name, value, opts)?
        }
        f if f.is_openapi3() => {
            let value = std::mem::take(&mut src.value);
            let mut i = openapi3::convert(&src.name, value, opts.path.as_deref(), opts)?;
            if !opts.vars.is_empty() || opts.environment.is_some() {
                let given = match (opts.vars.is_empty(), opts.environment.is_some()) {
                    (false, true) => "--var and --env",
                    (false, false) => "--var",
                    _ => "--env",
                };
                i.diagnostics.push(
                    openapi3::codes::SERVER
                        .diagnostic_as(crate::diagnostic::Severity::Warning, format!(
                            "{given} resolve{} the {{{{variables}}}} of Postman collections; this \
                             OpenAPI definition does not use them",
                            if given.contains(" and ") { "" } else { "s" }
                        ))
                        .in_file(&src.name)
                        .with_help("give the server's variables with --server-var NAME=VALUE, or its host with --host"),
                );
            }
            crate::diagnostic::dedupe(&mut i.diagnostics);
            i
        }
        Format::PostmanEnvironment => {
            return Err(vec![detect::wrong_format(
                format,
                "holds variables for a collection",
                &format!(
                    "convert the collection with it: ccforge convert COLLECTION.json --env {}",
                    crate::diagnostic::shell_word(&src.name)
                ),
                &src.name,
            )]);
        }
        other => {
            return Err(vec![detect::wrong_format(
                other,
                "convert cannot turn into a connector definition",
                "convert reads Postman collections, OpenAPI 3.0/3.1 and Swagger 2.0 definitions",
                &src.name,
            )]);
        }
    };
    if format.is_postman() || format.is_openapi3() {
        for renamed in path_names::plain_variable_names(&mut imported.doc) {
            imported.provenance.path_renamed(&renamed.from, &renamed.to);
            let d = variables_renamed(format, &renamed, &imported.doc, &imported.provenance);
            imported.diagnostics.push(d.in_file(&src.name));
        }
    }
    if let Some(host) = &opts.host {
        apply_host(&mut imported.doc, host);
    }
    if format.is_postman() {
        // After the host: a host that `--host` adds to a collection without one is written
        // before the definitions the hoisting adds.
        postman::hoist(&mut imported.doc);
    }
    Ok(imported)
}

/// The warning that the variables of a path were renamed (see [`path_names`]), placed at the
/// source of the path's first operation.
fn variables_renamed(
    format: Format,
    renamed: &path_names::Renamed,
    doc: &Value,
    provenance: &provenance::Provenance,
) -> Diagnostic {
    let list = |f: fn(&(String, String)) -> &String| {
        let names: Vec<String> = renamed
            .variables
            .iter()
            .map(|v| format!("`{{{}}}`", f(v)))
            .collect();
        names.join(", ")
    };
    let (old, new) = (list(|v| &v.0), list(|v| &v.1));
    let (what, its) = if renamed.variables.len() == 1 {
        ("path variable", "its parameter")
    } else {
        ("path variables", "their parameters")
    };
    let (code, input) = if format.is_postman() {
        (&postman::codes::PATH_TEMPLATE, "the collection")
    } else {
        (&openapi3::codes::PATH, "the OpenAPI document")
    };
    let first = (doc.field("paths").and_then(|p| p.field(&renamed.to)))
        .and_then(Value::as_object)
        .and_then(|item| crate::swagger::methods(item).next().map(|(m, _)| m));
    let at = first
        .and_then(|m| provenance.source_of(&renamed.to, m))
        .unwrap_or_default();
    code.diagnostic_as(
        crate::diagnostic::Severity::Warning,
        format!(
            "{what} {old} of `{}` written as {new}, {its} renamed to match: OpenAPI \
             validators read a `:` in a variable's name as the start of a format (a `!` as a \
             conversion), and find no parameter for it",
            renamed.from
        ),
    )
    .with_help(format!(
        "name the variable without `:` or `!` in {input}; the requests sent are the same"
    ))
    .at_pointer(at)
}

/// Splits `https://host:port/base` (or a bare `host:port`) into scheme, host and base path.
pub fn split_url(url: &str) -> (Option<String>, String, Option<String>) {
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (Some(s.to_ascii_lowercase()), r),
        None => (None, url),
    };
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], Some(&rest[i..])),
        None => (rest, None),
    };
    let path = path
        .map(|p| p.trim_end_matches('/'))
        .filter(|p| !p.is_empty())
        .map(str::to_string);
    (scheme, host.to_string(), path)
}

/// Sets `host` (and `schemes`/`basePath` when the value is a URL).
pub fn apply_host(doc: &mut Value, value: &str) {
    let (scheme, host, base) = split_url(value);
    let Some(root) = doc.as_object_mut() else {
        return;
    };
    root.insert("host".into(), Value::String(host));
    // A bare host is served over HTTPS, as the platform expects; a URL says its own scheme.
    let scheme = scheme.unwrap_or_else(|| "https".into());
    root.insert("schemes".into(), serde_json::json!([scheme]));
    if let Some(b) = base {
        root.insert("basePath".into(), Value::String(b));
    }
}
pub(crate) mod ahead;
pub mod infer;
pub mod media;
pub mod openapi3;
pub mod path_names;
pub mod postman;
pub mod provenance;
pub mod vars;

/// Whether `d` is an importer's error that the input's OAuth 2.0 (or OpenID Connect) auth lacks
/// its authorization or token URL, which `--authorization-url` and `--token-url` fill in.
pub fn lacks_oauth_urls(d: &Diagnostic) -> bool {
    postman::lacks_oauth_urls(d) || openapi3::lacks_oauth_urls(d)
}

/// The codes the importers report under, for the registry.
pub fn codes() -> impl Iterator<Item = &'static crate::diagnostic::Code> {
    postman::codes::ALL
        .iter()
        .chain(openapi3::codes::ALL)
        .copied()
}

#[cfg(test)]
mod mask_tests {
    fn mask_secrets(text: &str, secrets: &[String]) -> String {
        super::mask_secrets_shared(&text.into(), secrets).to_string()
    }

    #[test]
    fn masks_every_occurrence_keeping_positions() {
        // The same secret withheld from several places is listed as often.
        let secrets = vec![
            "s3cr3t-é".to_string(),
            "abc".to_string(),
            "aaaa".to_string(),
            "s3cr3t-é".to_string(),
        ];
        let text = "x s3cr3t-é y s3cr3t-é abc aaaaaa";
        // Short secrets stay; matches do not overlap; lengths are bytes.
        assert_eq!(
            mask_secrets(text, &secrets),
            "x ********* y ********* abc ****aa"
        );
    }

    #[test]
    fn overlapping_secrets_are_masked_whole_in_any_order() {
        for secrets in [["token123", "123-more"], ["123-more", "token123"]] {
            let secrets: Vec<String> = secrets.iter().map(|s| s.to_string()).collect();
            assert_eq!(
                mask_secrets("a token123-more b", &secrets),
                "a ************* b"
            );
        }
        // A secret inside a longer one, found first, leaves none of the longer one showing.
        let secrets = vec!["hunter22".to_string(), "xhunter22-rest".to_string()];
        assert_eq!(mask_secrets("xhunter22-rest", &secrets), "**************");
    }

    #[test]
    fn an_owned_text_is_masked_where_it_lies_unless_shared() {
        let secrets = vec!["token123".to_string()];
        let text: std::sync::Arc<str> = "a token123 b token123".into();
        let at = text.as_ptr();
        let masked = super::mask_secrets_owned(text, &secrets);
        assert_eq!(&*masked, "a ******** b ********");
        assert_eq!(masked.as_ptr(), at);
        let shared: std::sync::Arc<str> = "a token123".into();
        let masked = super::mask_secrets_owned(shared.clone(), &secrets);
        assert_eq!((&*masked, &*shared), ("a ********", "a token123"));
    }

    #[test]
    fn a_text_without_secrets_is_shared_not_copied() {
        let text: std::sync::Arc<str> = "no secret here".into();
        let secrets = vec!["token123".to_string()];
        let same = super::mask_secrets_shared(&text, &secrets);
        assert!(std::sync::Arc::ptr_eq(&text, &same));
        let masked = super::mask_secrets_shared(&"a token123".into(), &secrets);
        assert_eq!(&*masked, "a ********");
    }
}
