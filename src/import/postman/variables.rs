//! The collection's variables (with `--var` and the environment) and the secrets among them
//! and elsewhere in the collection.

use crate::value::Lookup;
use serde_json::Value;

use super::Cx;
use super::codes::*;
use super::model::{Body, Collection};
use crate::import::ImportOptions;
use crate::import::vars::Vars;
use crate::secrets::is_secret_name;

/// The variables `{{name}}` references resolve to: `--var` first, then the environment, then the
/// collection's own. The secrets among the environment's and the collection's are recorded.
pub(super) fn collect(col: &Collection, opts: &ImportOptions, cx: &mut Cx) -> Vars {
    let mut vars = Vars::default();
    vars.add_fallback(opts.vars.iter().cloned());
    if let Some(env) = &opts.environment {
        environment(env, &mut vars, cx);
    }
    for v in &col.variables {
        if !v.disabled
            && is_secret_name(&v.key)
            && !v.value.is_empty()
            && !only_references(&v.value)
        {
            cx.secret(
                &v.pointer,
                format!("collection variable `{}`", v.key),
                &[&v.value],
            );
        }
    }
    // A name given twice takes its last value, as Postman does.
    vars.add_fallback(
        col.variables
            .iter()
            .rev()
            .filter(|v| !v.disabled)
            .map(|v| (v.key.clone(), v.value.clone())),
    );
    vars
}

/// The enabled values of a Postman environment file, its secrets recorded for masking.
fn environment(env: &Value, vars: &mut Vars, cx: &mut Cx) {
    for v in env
        .field("values")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let (Some(k), Some(val)) = (
            v.field("key").and_then(Value::as_str),
            v.field("value").and_then(Value::as_str),
        ) && is_secret_name(k)
            && !val.trim().is_empty()
        {
            cx.secrets.push(val.trim().to_string());
        }
    }
    let values = env
        .field("values")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    // A name given twice takes its last value, as Postman does.
    let values: Vec<&Value> = values.collect();
    vars.add_fallback(
        values
            .into_iter()
            .rev()
            .filter(|v| v.field("enabled") != Some(&Value::Bool(false)))
            .filter_map(|v| {
                Some((
                    v.field("key")?.as_str()?.to_string(),
                    match v.field("value")? {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    },
                ))
            }),
    );
}

impl Cx<'_> {
    /// Records secret values (for masking) and reports the place once.
    pub(super) fn secret(&mut self, at: &str, what: String, values: &[&str]) {
        self.secret_as(at, what, "a secret", values);
    }

    /// Whether the value of `name` (a path variable, query parameter, header or form field) is
    /// withheld from the examples: a secret-named value or one shaped like a secret, recorded and
    /// reported once at `at` as `what`.
    pub(super) fn withheld(&mut self, at: &str, what: String, name: &str, value: &str) -> bool {
        let judge = if crate::secrets::names_identifier_key(name) {
            // `item_key=some_key`: withheld only when the value looks generated.
            crate::secrets::withhold_member
        } else {
            crate::secrets::withhold
        };
        match judge(Some(name), value) {
            Some(kind) => {
                let kind = if kind == crate::secrets::SECRET_NAMED {
                    "a secret"
                } else {
                    kind
                };
                self.secret_as(at, what, kind, &[value]);
                true
            }
            None => false,
        }
    }

    /// Records secret values and reports the place once, saying what kind of secret it holds.
    pub(super) fn secret_as(&mut self, at: &str, what: String, kind: &str, values: &[&str]) {
        for v in values {
            let v = v.trim();
            if !v.is_empty() && !self.secrets.iter().any(|s| s == v) {
                self.secrets.push(v.to_string());
            }
        }
        if self.secrets_seen.insert(at.to_string()) {
            self.report.report(&SECRET, at, format!("{what} holds {kind}; it is not written to the output"))
                .set_help("rotate it if the collection was shared, and keep it in an uncommitted environment as {{variable}}");
        }
    }
}

/// Whether a query parameter, header or form field named `name` carries a credential: a secret
/// name, but not a key of something (`item_key`, `sortKey`; see
/// [`crate::secrets::names_identifier_key`]), which the request sends as data.
pub(super) fn credential_name(name: &str) -> bool {
    is_secret_name(name) && !crate::secrets::names_identifier_key(name)
}

/// Whether a text is only variable references (no literal secret in it).
pub(super) use crate::secrets::only_references;

pub(super) use crate::secrets::redact;

/// The texts of a request's body that may use variables: a raw body, the values of its enabled
/// form fields, GraphQL variables.
fn body_texts(body: Option<&Body>) -> Vec<&String> {
    match body {
        Some(Body::Raw { text, .. }) => vec![text],
        Some(Body::UrlEncoded(fields) | Body::FormData(fields)) => fields
            .iter()
            .filter(|f| !f.disabled && !f.is_file)
            .map(|f| &f.value)
            .collect(),
        Some(Body::GraphQl {
            variables: Some(v), ..
        }) => vec![v],
        _ => Vec::new(),
    }
}

/// Reports the variables left unresolved outside the host (which the host choice reports) and
/// the path (where they become parameters), and variables that refer to themselves.
pub(super) fn report_unresolved(col: &Collection, vars: &Vars, cx: &mut Cx) {
    for req in &col.requests {
        let mut names = Vec::new();
        let mut cycle = None;
        let mut too_large = None;
        // A credential's value is never written, so what it lacks does not matter; and a
        // secret is entered when a connection is created, never passed with --var.
        let credential = |h: &&super::model::Entry| {
            h.key.eq_ignore_ascii_case("authorization") || crate::secrets::is_secret_name(&h.key)
        };
        for text in std::iter::once(&req.url.raw)
            .chain(
                (req.headers.iter())
                    .filter(|h| !h.disabled && !credential(h))
                    .map(|h| &h.value),
            )
            .chain(body_texts(req.body.as_ref()))
        {
            let r = vars.resolve(text);
            for u in r.unresolved {
                if !names.contains(&u) && !u.starts_with('$') && !crate::secrets::is_secret_name(&u)
                {
                    names.push(u);
                }
            }
            cycle = cycle.or(r.cycle);
            too_large = too_large.or(r.too_large);
        }
        if let Some(v) = too_large {
            cx.report
                .report(
                    &UNRESOLVED_VARIABLE,
                    &req.pointer,
                    format!(
                        "variable `{v}` expands to more than {} KiB or through more than {} \
                         variables (its value uses others, which use others), or the \
                         collection's variables have already added {} MiB in all; left \
                         unresolved",
                        crate::import::vars::MAX_EXPANSION_BYTES / 1024,
                        crate::import::vars::MAX_NESTING,
                        crate::import::vars::MAX_TOTAL_EXPANSION_BYTES >> 20
                    ),
                )
                .set_help("give the variable its final value with --var NAME=VALUE");
        }
        if let Some(c) = cycle {
            cx.report.report(
                &UNRESOLVED_VARIABLE,
                &req.pointer,
                format!(
                    "variable `{c}` refers to itself (through other variables); left unresolved"
                ),
            );
        }
        // The host's own variables are reported with the host; the path's become parameters.
        let in_path: Vec<String> = names
            .iter()
            .filter(|n| {
                req.url.raw.contains(&format!("/{{{{{n}}}}}"))
                    || req.url.raw.contains(&format!("{{{{{n}}}}}/"))
            })
            .cloned()
            .collect();
        // A variable in the resolved URL's authority (`{{baseUrl}}` = `https://{{host}}/v1`) is
        // the host's, which the host choice reports (and `--host` supplies).
        let resolved = vars.resolve(&req.url.raw).text;
        let after_scheme = match resolved.split_once("://") {
            Some((_, rest)) => rest,
            None => resolved.trim_start_matches("//"),
        };
        let authority = after_scheme.split('/').next().unwrap_or_default();
        let rest: Vec<&String> = names
            .iter()
            .filter(|n| {
                let reference = format!("{{{{{n}}}}}");
                !in_path.contains(n)
                    && !req.url.raw.starts_with(&reference)
                    && !authority.contains(&reference)
            })
            .collect();
        if !rest.is_empty() {
            cx.report
                .report(
                    &UNRESOLVED_VARIABLE,
                    &req.pointer,
                    format!(
                        "request `{}` uses {} with no value",
                        req.name,
                        rest.iter()
                            .map(|n| format!("{{{{{n}}}}}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
                .set_help("pass --var NAME=VALUE or --env FILE");
        }
    }
}
