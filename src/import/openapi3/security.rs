//! Security schemes to security definitions, and requirements without the dropped ones.
use crate::value::Lookup;
use serde_json::{Map, Value, json};
use std::collections::HashSet;

use super::codes::*;
use super::{Conv, Loc, join};
use crate::diagnostic::{Severity, escape_token};

/// How the error that an OpenID Connect scheme lacks its OAuth 2.0 URLs begins.
pub(super) const OPENID_CONNECT_LACKS: &str = "OpenID Connect scheme";

/// Security requirements without the schemes that were dropped; `None` when none is left of a
/// list that had some (an empty list would say the operation needs no authentication). A
/// requirement naming a scheme the definition does not declare is reported.
pub(super) fn requirements(
    cx: &mut Conv,
    loc: &Loc,
    list: &Value,
    at: &str,
    kept: &HashSet<String>,
) -> Option<Value> {
    // Each scheme the definition declares, and whether it takes scopes (Swagger 2.0 gives
    // scopes to OAuth 2.0 alone: an API key's or a basic scheme's are lost), read once.
    let doc = cx.main.doc.clone();
    let schemes: Vec<(&str, bool)> = (doc.field("components"))
        .and_then(|c| c.field("securitySchemes"))
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, s)| {
            let kind = s.field("type").and_then(Value::as_str);
            (
                name.as_str(),
                matches!(kind, Some("oauth2" | "openIdConnect")),
            )
        })
        .collect();
    let declared = |name: &str| schemes.iter().any(|(n, _)| *n == name);
    let takes_scopes = |name: &str| schemes.iter().any(|(n, scoped)| *n == name && *scoped);
    let undeclared: Vec<(usize, String)> = list
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, req)| req.as_object().map(|m| (i, m)))
        .flat_map(|(i, m)| {
            m.keys()
                .filter(|k| !declared(k))
                .map(move |k| (i, k.clone()))
        })
        .collect();
    for (i, name) in undeclared {
        cx.in_file(loc)
            .report(
                &SECURITY,
                join(&format!("{at}/{i}"), &name),
                format!(
                    "the security requirement names `{name}`, which `components.securitySchemes` does not declare; left out"
                ),
            )
            .set_help("declare the scheme, or name one that is declared");
    }
    let scoped: Vec<(usize, String, String)> = (list.as_array().into_iter().flatten().enumerate())
        .filter_map(|(i, req)| req.as_object().map(|m| (i, m)))
        .flat_map(|(i, m)| m.iter().map(move |(k, v)| (i, k, v)))
        .filter(|(_, k, _)| kept.contains(*k) && !takes_scopes(k))
        .filter_map(|(i, k, v)| {
            let scopes: Vec<String> = (v.as_array().into_iter().flatten())
                .filter_map(Value::as_str)
                .map(|s| format!("`{s}`"))
                .collect();
            (!scopes.is_empty()).then(|| (i, k.clone(), scopes.join(", ")))
        })
        .collect();
    for (i, name, scopes) in scoped {
        cx.in_file(loc)
            .report(
                &SECURITY,
                join(&format!("{at}/{i}"), &name),
                format!(
                    "the scopes {scopes} of `{name}` were left out: Swagger 2.0 gives scopes only to OAuth 2.0 schemes"
                ),
            )
            .set_help("if the API checks them, tell the connector's users which the token needs (in the description)");
    }
    let mut outv = Vec::new();
    let mut had = false;
    for req in list.as_array().into_iter().flatten() {
        let Some(m) = req.as_object() else { continue };
        if m.is_empty() {
            if !outv.contains(&json!({})) {
                outv.push(json!({}));
            }
            continue;
        }
        had = true;
        let filtered: Map<String, Value> = m
            .iter()
            .filter(|(k, _)| kept.contains(*k))
            .map(|(k, v)| {
                let scopes = if takes_scopes(k) {
                    once_each(v)
                } else {
                    json!([])
                };
                (k.clone(), scopes)
            })
            .collect();
        // A requirement listed twice (or two that differ only in schemes left out) is one.
        let filtered = Value::Object(filtered);
        if filtered.as_object().is_some_and(|f| !f.is_empty()) && !outv.contains(&filtered) {
            outv.push(filtered);
        }
    }
    (!(had && outv.is_empty())).then_some(Value::Array(outv))
}

/// A requirement's scopes with each listed once (Swagger 2.0 lists each once), in their order;
/// always a list, as Swagger 2.0 wants: `null` (Square writes it for none) is none, and one scope
/// written alone is a list of one.
fn once_each(scopes: &Value) -> Value {
    match scopes {
        Value::Array(list) => {
            let mut list = list.clone();
            crate::value::keep_first_of_each(&mut list);
            Value::Array(list)
        }
        Value::String(_) => Value::Array(vec![scopes.clone()]),
        _ => json!([]),
    }
}

/// The scopes the definition's security requirements ask of scheme `name`, in order of first
/// use.
fn requested_scopes(lists: &[Value], name: &str) -> Vec<String> {
    let mut scopes: Vec<String> = Vec::new();
    for req in lists.iter().filter_map(Value::as_array).flatten() {
        for scope in req
            .get(name)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(s) = scope.as_str()
                && !scopes.iter().any(|x| x == s)
            {
                scopes.push(s.to_string());
            }
        }
    }
    scopes
}

/// The security requirement lists of `doc`: its own, then each operation's, as written. Read
/// before the operations are taken out of the document for their conversion.
pub(super) fn requirement_lists(doc: &Value) -> Vec<Value> {
    let ops = (doc.field("paths").and_then(Value::as_object).into_iter())
        .flat_map(|paths| paths.values())
        .filter_map(Value::as_object)
        .flat_map(|item| item.values())
        .map(|op| op.field("security"));
    std::iter::once(doc.field("security"))
        .chain(ops)
        .flatten()
        .cloned()
        .collect()
}

/// The schemes that the definition's security requirement `lists` name.
fn required_schemes(lists: &[Value]) -> HashSet<&str> {
    lists
        .iter()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(Value::as_object)
        .flat_map(|req| req.keys().map(String::as_str))
        .collect()
}

/// Whether a security scheme converts to something (so requirements may name it).
pub(super) fn scheme_kept(s: &Value) -> bool {
    match s.field("type").and_then(Value::as_str) {
        Some("http") => matches!(
            s.field("scheme")
                .and_then(Value::as_str)
                .map(str::to_ascii_lowercase)
                .as_deref(),
            Some("basic" | "bearer")
        ),
        Some("apiKey") => matches!(
            s.field("in").and_then(Value::as_str),
            Some("header" | "query")
        ),
        Some("oauth2") => s
            .field("flows")
            .and_then(Value::as_object)
            .is_some_and(|f| !f.is_empty()),
        Some("openIdConnect") => true,
        _ => false,
    }
}

/// The security schemes as security definitions. `server` is the connector's server URL
/// (scheme, host and base path), against which relative OAuth 2.0 URLs are resolved, as OpenAPI
/// says of every relative URL. `lists` are the definition's security requirement lists (see
/// [`requirement_lists`]).
pub(super) fn security_schemes(
    cx: &mut Conv,
    loc: &Loc,
    schemes: Option<&Value>,
    server: Option<&str>,
    lists: &[Value],
) -> Map<String, Value> {
    let mut out = Map::new();
    let used = required_schemes(lists);
    let declared = schemes.and_then(Value::as_object);
    // The platform uses one scheme: one that nothing requires only gets in the way. When no
    // requirement names a declared scheme, they are all kept (the requirements are what was
    // left out or misspelt, not the schemes).
    let leave_unused = declared.is_some_and(|d| d.keys().any(|k| used.contains(k.as_str())));
    for (name, s) in declared.into_iter().flatten() {
        let at = join("/components/securitySchemes", name);
        if leave_unused && !used.contains(name.as_str()) {
            cx.in_file(loc).report_as(
                &SECURITY,
                Severity::Info,
                &at,
                format!(
                    "security scheme `{name}` is required neither by the definition's `security` \
                     nor by any operation's; left out"
                ),
            );
            continue;
        }
        let Some((sloc, sat, s)) = cx.deref(loc, s, &at) else {
            continue;
        };
        let mut d = Map::new();
        // An OAuth 2.0 flow's `refreshUrl`, which Swagger 2.0 has no place for.
        let mut refresh = None;
        if let Some(desc) = s.field("description") {
            d.insert("description".into(), desc.clone());
        }
        match s.field("type").and_then(Value::as_str).unwrap_or_default() {
            "http" => match s
                .field("scheme")
                .and_then(Value::as_str)
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                Some("basic") => {
                    d.insert("type".into(), json!("basic"));
                }
                Some("bearer") => {
                    d.insert("type".into(), json!("apiKey"));
                    d.insert("in".into(), json!("header"));
                    d.insert("name".into(), json!("Authorization"));
                    // Says that users enter `Bearer <token>`, for the connection settings.
                    let says_bearer = |t: &str| t.to_ascii_lowercase().contains("bearer");
                    let described = d.field("description").and_then(Value::as_str);
                    if !says_bearer(name) && !described.is_some_and(says_bearer) {
                        let text = match described {
                            Some(t) => format!("{t} (a bearer token: Bearer <token>)"),
                            None => "A bearer token: Bearer <token>".to_string(),
                        };
                        d.insert("description".into(), json!(text));
                    }
                    cx.in_file(&sloc).report_as(&SECURITY, Severity::Info, &sat, format!("http bearer scheme `{name}` became an API key in the `Authorization` header: users enter `Bearer <token>`"));
                }
                other => {
                    cx.in_file(&sloc).report(&SECURITY, &sat, match other {
                        Some(scheme) => format!("http `{scheme}` scheme `{name}` cannot be used by Power Platform; dropped"),
                        None => format!("http scheme `{name}` has no `scheme` (`basic` or `bearer`), so Power Platform cannot use it; dropped"),
                    })
                        .set_help("closest supported option: basic (--auth basic) or an API key (--auth apikey)");
                    continue;
                }
            },
            "apiKey" => {
                let location = s.field("in").and_then(Value::as_str).unwrap_or("header");
                if location == "cookie" {
                    cx.in_file(&sloc).report(&SECURITY, &sat, format!("API key `{name}` is sent in a cookie, which Swagger 2.0 and the platform cannot do; dropped"))
                        .set_help("closest supported option: an API key in a header (--auth apikey --api-key-in header)");
                    continue;
                }
                d.insert("type".into(), json!("apiKey"));
                d.insert("in".into(), json!(location));
                d.insert(
                    "name".into(),
                    s.field("name").cloned().unwrap_or_else(|| json!(name)),
                );
            }
            "oauth2" => {
                let flows = s
                    .field("flows")
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default();
                let scopes = |f: &Value| f.field("scopes").cloned().unwrap_or_else(|| json!({}));
                if let Some(f) = flows.field("authorizationCode") {
                    d.insert("type".into(), json!("oauth2"));
                    d.insert("flow".into(), json!("accessCode"));
                    d.insert(
                        "authorizationUrl".into(),
                        f.field("authorizationUrl")
                            .cloned()
                            .unwrap_or_else(|| json!("")),
                    );
                    d.insert(
                        "tokenUrl".into(),
                        f.field("tokenUrl").cloned().unwrap_or_else(|| json!("")),
                    );
                    d.insert("scopes".into(), scopes(f));
                    refresh = f.field("refreshUrl").cloned();
                    let others: Vec<&String> =
                        flows.keys().filter(|k| *k != "authorizationCode").collect();
                    if !others.is_empty() {
                        cx.in_file(&sloc).report_as(&SECURITY, Severity::Info, &sat, format!("OAuth 2.0 scheme `{name}` keeps its authorizationCode flow; the other flows ({}) were left out", others.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")));
                    }
                } else if let Some((flow, f)) = flows.iter().next() {
                    let (two, why) = match flow.as_str() {
                        "implicit" => (
                            "implicit",
                            "the platform signs users in with the authorization code flow",
                        ),
                        "password" => (
                            "password",
                            "the platform signs users in with the authorization code flow",
                        ),
                        _ => (
                            "application",
                            "the platform cannot use the client credentials flow",
                        ),
                    };
                    d.insert("type".into(), json!("oauth2"));
                    d.insert("flow".into(), json!(two));
                    if let Some(u) = f.field("authorizationUrl") {
                        d.insert("authorizationUrl".into(), u.clone());
                    }
                    if two != "implicit" {
                        d.insert(
                            "tokenUrl".into(),
                            f.field("tokenUrl").cloned().unwrap_or_else(|| json!("")),
                        );
                    }
                    d.insert("scopes".into(), scopes(f));
                    refresh = f.field("refreshUrl").cloned();
                    cx.in_file(&sloc).report(&SECURITY, &sat, format!("OAuth 2.0 scheme `{name}` uses the `{flow}` flow; {why}"))
                        .set_help("closest supported option: the authorization code flow (--auth oauth2 --authorization-url ... --token-url ...)");
                } else {
                    cx.in_file(&sloc).report(
                        &SECURITY,
                        &sat,
                        format!("OAuth 2.0 scheme `{name}` has no flows; dropped"),
                    );
                    continue;
                }
            }
            "openIdConnect" => {
                let discovery = s
                    .field("openIdConnectUrl")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                let a = cx.opts.authorization_url.clone();
                let t = cx.opts.token_url.clone();
                if a.is_none() || t.is_none() {
                    cx.in_file(&sloc).report_as(&SECURITY, Severity::Error, &sat, format!("{OPENID_CONNECT_LACKS} `{name}` became OAuth 2.0 authorization code, which needs the authorization and token URLs (listed at {discovery})"))
                        .set_help("pass --authorization-url and --token-url");
                }
                d.insert("type".into(), json!("oauth2"));
                d.insert("flow".into(), json!("accessCode"));
                d.insert(
                    "authorizationUrl".into(),
                    json!(a.unwrap_or_else(|| discovery.clone())),
                );
                d.insert("tokenUrl".into(), json!(t.unwrap_or(discovery)));
                // `openid` and every scope a requirement asks of this scheme.
                let mut scopes = Map::new();
                scopes.insert("openid".into(), json!("openid"));
                for scope in requested_scopes(lists, name) {
                    scopes.insert(scope.clone(), json!(scope));
                }
                d.insert("scopes".into(), Value::Object(scopes));
            }
            other => {
                cx.in_file(&sloc).report(&SECURITY, &sat, format!("security scheme `{name}` of type `{other}` cannot be used by Power Platform; dropped"));
                continue;
            }
        }
        // Checked for credentials with the other URLs, then handed on for apiProperties.json.
        match refresh {
            Some(url) if url.as_str().is_some_and(|u| !u.is_empty()) => {
                d.insert(REFRESH_URL.into(), url);
            }
            Some(Value::String(_)) | None => {}
            Some(_) => {
                cx.in_file(&sloc)
                    .report(
                        &SECURITY,
                        &sat,
                        format!("the `refreshUrl` of OAuth 2.0 scheme `{name}` is not a string; tokens are refreshed at the token URL"),
                    )
                    .set_help("write the refresh URL as a string, or pass --refresh-url");
            }
        }
        // Credentials first: they are told at the URL as the input writes it.
        url_secrets(cx, &sloc, &sat, &s, &mut d);
        if let Some(server) = server {
            resolve_relative_urls(cx, &sloc, &sat, name, server, &mut d);
        }
        if let Some(Value::String(url)) = d.remove(REFRESH_URL) {
            cx.refresh_urls.push((name.clone(), url));
        }
        out.insert(name.clone(), Value::Object(d));
    }
    out
}

/// An OAuth 2.0 flow's refresh URL, as OpenAPI 3 names it.
const REFRESH_URL: &str = "refreshUrl";

/// Resolves the scheme's relative OAuth 2.0 URLs (`/oauth/token`, `token`) against `server`,
/// telling each: the platform calls only absolute URLs, and OpenAPI resolves relative ones
/// against the server.
fn resolve_relative_urls(
    cx: &mut Conv,
    loc: &Loc,
    at: &str,
    name: &str,
    server: &str,
    d: &mut Map<String, Value>,
) {
    for key in ["authorizationUrl", "tokenUrl", REFRESH_URL] {
        let Some(Value::String(url)) = d.get_mut(key) else {
            continue;
        };
        // A URL with a scheme (`urn:`, `https:` without a host) is not relative.
        if url.trim().is_empty() || crate::swagger::split_scheme(url.trim()).is_some() {
            continue;
        }
        let resolved = resolve_reference(server, url.trim());
        cx.in_file(loc).report_as(
            &SECURITY,
            Severity::Info,
            at,
            format!(
                "the relative `{key}` `{url}` of OAuth 2.0 scheme `{name}` is resolved against \
                 the server {server}: {resolved}"
            ),
        );
        *url = resolved;
    }
}

/// A relative reference resolved against an absolute `base` URL without query or fragment
/// (RFC 3986, section 5.2): `//host/x` takes the base's scheme, `/x` its authority, and `x`
/// replaces the base path's last segment; `.` and `..` segments are removed.
fn resolve_reference(base: &str, reference: &str) -> String {
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    if let Some(authority_on) = reference.strip_prefix("//") {
        return format!("{scheme}://{authority_on}");
    }
    let (authority, base_path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    // The reference's own query or fragment stays as it is.
    let split = reference.find(['?', '#']).unwrap_or(reference.len());
    let (path, tail) = reference.split_at(split);
    let merged = if path.starts_with('/') {
        path.to_string()
    } else if path.is_empty() {
        base_path.to_string()
    } else {
        let dir = base_path.rfind('/').map_or("/", |i| &base_path[..=i]);
        format!("{dir}{path}")
    };
    format!(
        "{scheme}://{authority}{}{tail}",
        without_dot_segments(&merged)
    )
}

/// `path` without its `.` and `..` segments (RFC 3986, section 5.2.4).
fn without_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." | ".." => {
                if *seg == ".." {
                    out.pop();
                }
                // A path ending in `.` or `..` names a folder.
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}", out.join("/"))
}

/// Takes a credential out of the scheme's URLs (`?client_secret=...` in an authorization URL),
/// reported at the URL in the input: the definition and the connection settings carry the URL to
/// every user of the connector.
fn url_secrets(cx: &mut Conv, loc: &Loc, at: &str, scheme: &Value, d: &mut Map<String, Value>) {
    for key in ["authorizationUrl", "tokenUrl", REFRESH_URL] {
        let Some(Value::String(url)) = d.get(key) else {
            continue;
        };
        let (clean, taken) = crate::secrets::without_url_secrets(url);
        if taken.is_empty() {
            continue;
        }
        // The place the URL was written: a flow's field, or the OpenID Connect discovery URL.
        let place = scheme
            .field("flows")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .flat_map(|(flow, f)| {
                f.as_object()
                    .into_iter()
                    .flatten()
                    .filter(|(_, v)| v.as_str() == Some(url.as_str()))
                    .map(move |(k, _)| format!("/flows/{}/{k}", escape_token(flow)))
            })
            .next()
            .unwrap_or_else(|| match scheme.field("openIdConnectUrl") {
                Some(_) => "/openIdConnectUrl".into(),
                None => String::new(),
            });
        for v in &taken {
            if !cx.secrets.contains(v) {
                cx.secrets.push(v.clone());
            }
        }
        cx.in_file(loc)
            .report(
                &SECRET,
                format!("{at}{place}"),
                format!("the `{key}` holds a credential (in its query, fragment or user info); it is taken out of the URL written to the output"),
            )
            .set_help(crate::secrets::URL_HELP);
        d.insert(key.into(), json!(clean));
    }
}

#[cfg(test)]
mod tests {
    use super::resolve_reference as r;

    #[test]
    fn relative_references_resolve_as_rfc_3986_says() {
        let base = "https://api.example.com/v2";
        assert_eq!(
            r(base, "/oauth/token"),
            "https://api.example.com/oauth/token"
        );
        assert_eq!(
            r(base, "oauth/token"),
            "https://api.example.com/oauth/token"
        );
        assert_eq!(
            r("https://api.example.com/v2/", "oauth/token"),
            "https://api.example.com/v2/oauth/token"
        );
        assert_eq!(
            r("https://api.example.com/a/b/", "../token?x=1"),
            "https://api.example.com/a/token?x=1"
        );
        assert_eq!(
            r("https://api.example.com/a/b", "./"),
            "https://api.example.com/a/"
        );
        assert_eq!(
            r("https://api.example.com", "token"),
            "https://api.example.com/token"
        );
        assert_eq!(
            r(
                "https://api.example.com:8443/v1",
                "//login.example.com/authorize"
            ),
            "https://login.example.com/authorize"
        );
    }
}
