//! Postman auth to security definitions: what each request uses, and the definition's root.

use serde_json::{Map, Value, json};
use std::collections::HashMap;

use super::Cx;
use super::codes::*;
use super::model::{Auth, Request};
use super::op::Op;
use super::variables::only_references;
use crate::diagnostic::Severity;
use crate::import::vars::Vars;
use crate::swagger::naming::Names;

/// Where an OAuth 2.0 definition holds its refresh URL until [`refresh_urls`] takes it out.
const REFRESH_URL: &str = "x-refresh-url";

/// Takes the refresh URLs out of the security definitions (Swagger 2.0 has no place for them),
/// by definition name, for apiProperties.json.
pub(super) fn refresh_urls(auth_defs: &mut [(String, Value)]) -> Vec<(String, String)> {
    auth_defs
        .iter_mut()
        .filter_map(|(name, def)| {
            let url = def.as_object_mut()?.remove(REFRESH_URL)?;
            Some((name.clone(), url.as_str()?.to_string()))
        })
        .collect()
}

/// The auth blocks met so far. Exporters often copy one auth into every request (each
/// request of a 2,000-request collection with the same OAuth 2.0 block): blocks with the same
/// type and fields (their secrets aside, which are reported where they are) are converted, and
/// reported, once, and the findings say how many requests use them.
#[derive(Default)]
pub(super) struct Seen {
    distinct: Vec<Distinct>,
    by_pointer: HashMap<String, usize>,
    by_content: HashMap<String, usize>,
}

/// One distinct auth block: its conversion, the findings it gave (their range in the
/// conversion's report) and how many requests use it.
struct Distinct {
    converted: Option<(String, Value)>,
    reported: std::ops::Range<usize>,
    requests: usize,
}

/// What makes two auth blocks the same: their type and fields in any order, secrets aside.
fn content_key(auth: &Auth) -> String {
    let mut key = auth.kind.clone();
    let mut fields: Vec<_> = (auth.fields.iter())
        .filter(|(k, _)| !SECRET_FIELDS.contains(&k.as_str()))
        .collect();
    // Stable: a name given twice keeps the order that decides which value counts.
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    for (k, v) in fields {
        key.push('\0');
        key.push_str(k);
        key.push('\0');
        key.push_str(&v.to_string());
    }
    key
}

/// The security definition of a request's own or inherited auth, converted once per distinct
/// auth block and registered in the context; `None` without auth or when it does not convert.
pub(super) fn of_request(req: &Request, vars: &Vars, cx: &mut Cx) -> Option<String> {
    let a = req.auth.as_ref().filter(|a| a.kind != "noauth")?;
    let i = match cx.auths.by_pointer.get(&a.pointer) {
        Some(&i) => i,
        None => {
            report_secrets(a, cx);
            let key = content_key(a);
            let i = match cx.auths.by_content.get(&key) {
                Some(&i) => i,
                None => {
                    let start = cx.report.diagnostics().len();
                    let converted = security_of(a, vars, cx);
                    let reported = start..cx.report.diagnostics().len();
                    cx.auths.distinct.push(Distinct {
                        converted,
                        reported,
                        requests: 0,
                    });
                    cx.auths.by_content.insert(key, cx.auths.distinct.len() - 1);
                    cx.auths.distinct.len() - 1
                }
            };
            cx.auths.by_pointer.insert(a.pointer.clone(), i);
            i
        }
    };
    let seen = &mut cx.auths.distinct[i];
    seen.requests += 1;
    let (name, def) = seen.converted.clone()?;
    Some(register_auth(&mut cx.auth_defs, &name, def))
}

/// Adds to the findings of each auth block that more than one request uses how many use it:
/// one finding stands for all of them.
pub(super) fn tell_uses(cx: &mut Cx) {
    let found = cx.report.diagnostics_mut();
    for seen in &cx.auths.distinct {
        if seen.requests < 2 {
            continue;
        }
        for d in &mut found[seen.reported.clone()] {
            d.message
                .push_str(&format!(" ({} requests use this auth)", seen.requests));
        }
    }
}

/// The name of a security definition equal to `def`, registered under `base` when new.
pub(super) fn register_auth(
    auth_names: &mut Vec<(String, Value)>,
    base: &str,
    def: Value,
) -> String {
    if let Some((n, _)) = auth_names.iter().find(|(_, d)| *d == def) {
        return n.clone();
    }
    let mut taken = Names::default();
    for (n, _) in auth_names.iter() {
        taken.insert(n);
    }
    let n = taken.unique(base);
    auth_names.push((n.clone(), def));
    n
}

/// Reports, as one error, the URLs an OAuth 2.0 auth lacks (`urls`: the authorization URL and
/// the token URL, each empty when missing, with its text and the variable in it that had no
/// value) that no option fills in: sign-in cannot work without them. `token_only`: the block
/// holds an access token obtained elsewhere and neither URL, so a token the connection enters
/// may be what its author meant.
fn report_missing_urls(
    cx: &mut Cx,
    at: &str,
    urls: [(&String, Option<(String, String)>); 2],
    token_only: bool,
) {
    let given = [cx.oauth_urls_given.0, cx.oauth_urls_given.1];
    let mut lacks = Vec::new();
    let mut flags = Vec::new();
    let mut vars = Vec::new();
    for (((url, var), given), (what, flag)) in urls.into_iter().zip(given).zip([
        ("authorization URL", "--authorization-url"),
        ("token URL", "--token-url"),
    ]) {
        if !url.is_empty() || given {
            continue;
        }
        lacks.push(match &var {
            Some((text, v)) if *text == format!("{{{{{v}}}}}") => {
                format!("its {what} is `{text}`, which has no value")
            }
            Some((text, v)) => {
                format!("its {what} `{text}` uses `{{{{{v}}}}}`, which has no value")
            }
            None => format!("it has no {what}"),
        });
        flags.push(flag);
        vars.extend(var.map(|(_, v)| v));
    }
    if lacks.is_empty() {
        return;
    }
    let neither = lacks == ["it has no authorization URL", "it has no token URL"];
    if neither {
        lacks = vec!["it has no authorization URL and no token URL".to_string()];
    }
    let mut help = format!("pass {}", flags.join(" and "));
    if !vars.is_empty() {
        let named: Vec<String> = vars.iter().map(|v| format!("`{v}`")).collect();
        help.push_str(&format!(
            ", or give {} a value with --var NAME=URL or --env",
            named.join(" and ")
        ));
    }
    if token_only && neither {
        help.push_str(
            "; the auth holds no more than an access token obtained elsewhere: for a connection \
             that asks each user for a token (`Bearer <token>`), pass --auth apikey \
             --api-key-name Authorization",
        );
    }
    cx.report
        .report_as(
            &AUTH,
            Severity::Error,
            at,
            format!(
                "the OAuth 2.0 auth cannot sign users in: {}",
                lacks.join(", and ")
            ),
        )
        .set_help(help);
}

/// The auth fields that hold a secret (a password, a token, an API key's value): never part
/// of the definition, so two blocks that differ only there convert the same.
const SECRET_FIELDS: &[&str] = &[
    "password",
    "token",
    "value",
    "clientSecret",
    "accessToken",
    "refreshToken",
    "secretKey",
    "consumerSecret",
    "tokenSecret",
    "authKey",
    "privateKey",
    "secret",
    "sessionToken",
    "access_token",
];

/// Reports the secrets written into an auth block's fields (each block once, by pointer).
fn report_secrets(auth: &Auth, cx: &mut Cx) {
    for (k, v) in &auth.fields {
        if SECRET_FIELDS.contains(&k.as_str())
            && let Some(s) = v.as_str()
            && !s.is_empty()
            && !only_references(s)
        {
            cx.secret(
                &auth.pointer,
                format!("the `{}` auth's `{k}` field", auth.kind),
                &[s],
            );
        }
    }
}

/// Auth to a security definition (name, definition), or a diagnostic.
fn security_of(auth: &Auth, vars: &Vars, cx: &mut Cx) -> Option<(String, Value)> {
    let field = |k: &str| {
        auth.field(k)
            .map(|v| vars.resolve(v).text)
            .unwrap_or_default()
    };
    let unsupported = |cx: &mut Cx, what: &str, closest: &str| {
        cx.report.report(&AUTH, &auth.pointer, format!("{what} auth cannot be used by Power Platform custom connectors; it was not converted"))
            .set_help(format!("closest supported option: {closest}; choose it with --auth"));
    };
    match auth.kind.as_str() {
        "noauth" => None,
        "basic" => Some(("basic_auth".into(), json!({"type": "basic"}))),
        "apikey" => {
            let name = field("key");
            let name = if name.is_empty() {
                "api_key".to_string()
            } else {
                name
            };
            let location = if field("in") == "query" {
                "query"
            } else {
                "header"
            };
            Some((
                "api_key".into(),
                json!({"type": "apiKey", "in": location, "name": name}),
            ))
        }
        "bearer" => {
            cx.report.report_as(&AUTH, Severity::Info, &auth.pointer, "bearer auth became an API key in the `Authorization` header: users enter `Bearer <token>` as the key");
            Some((
                "bearer_auth".into(),
                json!({"type": "apiKey", "in": "header", "name": "Authorization"}),
            ))
        }
        "oauth2" => {
            let grant = field("grant_type");
            match grant.as_str() {
                "" | "authorization_code" | "authorization_code_with_pkce" => {
                    // A URL still holding a variable with no value is as good as none.
                    let url = |k: &str| {
                        let raw = auth.field(k).unwrap_or_default();
                        let r = vars.resolve(raw);
                        match r.unresolved.into_iter().next() {
                            Some(var) => (String::new(), Some((r.text, var))),
                            None => (r.text, None),
                        }
                    };
                    let ((mut a, a_var), (mut t, t_var)) = (url("authUrl"), url("accessTokenUrl"));
                    // A refresh URL sign-in cannot call is left out where the connection is
                    // made, with a warning.
                    let mut r = field("refreshTokenUrl");
                    // A client secret in a URL's query is taken out: the definition and the
                    // connection settings carry the URL to every user of the connector.
                    for (url, key) in [
                        (&mut a, "authUrl"),
                        (&mut t, "accessTokenUrl"),
                        (&mut r, "refreshTokenUrl"),
                    ] {
                        let (clean, taken) = crate::secrets::without_url_secrets(url);
                        if !taken.is_empty() {
                            let values: Vec<&str> = taken.iter().map(String::as_str).collect();
                            cx.secret(
                                &auth.pointer,
                                format!("the OAuth 2.0 `{key}` (its query, fragment or user info)"),
                                &values,
                            );
                            *url = clean;
                        }
                    }
                    let token_only = !field("accessToken").is_empty();
                    report_missing_urls(cx, &auth.pointer, [(&a, a_var), (&t, t_var)], token_only);
                    let scopes: Map<String, Value> = field("scope")
                        .split([' ', ','])
                        .filter(|s| !s.is_empty())
                        .map(|s| (s.to_string(), json!(s)))
                        .collect();
                    let mut def = json!({"type": "oauth2", "flow": "accessCode",
                        "authorizationUrl": a, "tokenUrl": t, "scopes": scopes});
                    if !r.is_empty() {
                        // Not Swagger 2.0: taken out again for apiProperties.json
                        // (`refresh_urls`).
                        def[REFRESH_URL] = json!(r);
                    }
                    Some(("oauth2_auth".into(), def))
                }
                "client_credentials" => {
                    unsupported(
                        cx,
                        "OAuth 2.0 client credentials",
                        "an API key (--auth apikey) or OAuth 2.0 authorization code (--auth oauth2), since the platform signs users in",
                    );
                    None
                }
                "password_credentials" => {
                    unsupported(
                        cx,
                        "OAuth 2.0 password",
                        "OAuth 2.0 authorization code (--auth oauth2 with --authorization-url and --token-url)",
                    );
                    None
                }
                "implicit" => {
                    unsupported(
                        cx,
                        "OAuth 2.0 implicit",
                        "OAuth 2.0 authorization code (--auth oauth2)",
                    );
                    None
                }
                other => {
                    unsupported(
                        cx,
                        &format!("OAuth 2.0 `{other}` grant"),
                        "OAuth 2.0 authorization code (--auth oauth2)",
                    );
                    None
                }
            }
        }
        "digest" | "ntlm" => {
            unsupported(cx, &auth.kind, "basic (--auth basic) over HTTPS");
            None
        }
        "oauth1" => {
            unsupported(
                cx,
                "OAuth 1.0",
                "OAuth 2.0 authorization code (--auth oauth2) if the API offers it, else an API key",
            );
            None
        }
        "hawk" | "awsv4" | "akamai" | "edgegrid" | "jwt" | "asap" => {
            unsupported(
                cx,
                &auth.kind,
                "an API key (--auth apikey), or request signing in custom code (script.csx)",
            );
            None
        }
        other => {
            unsupported(cx, &format!("`{other}`"), "an API key (--auth apikey)");
            None
        }
    }
}

/// The root security: the definition the most operations use (the first registered wins a
/// tie), moved to the front of the definitions.
pub(super) fn root_security(ops: &[Op], auth_defs: &mut Vec<(String, Value)>) -> Option<String> {
    let mut use_count: HashMap<&str, usize> = HashMap::new();
    for op in ops {
        if let Some(s) = &op.security {
            *use_count.entry(s.as_str()).or_default() += 1;
        }
    }
    let root_security = auth_defs
        .iter()
        .map(|(n, _)| n.as_str())
        .max_by_key(|n| {
            (
                use_count.get(n).copied().unwrap_or(0),
                std::cmp::Reverse(auth_defs.iter().position(|(m, _)| m == n)),
            )
        })
        .map(str::to_string);
    if let Some(root) = &root_security {
        let i = auth_defs
            .iter()
            .position(|(n, _)| n == root)
            .expect("listed");
        let d = auth_defs.remove(i);
        auth_defs.insert(0, d);
    }
    root_security
}
