//! apiProperties.json: generated from the auth options (or the definition's own auth), with the
//! swagger's `securityDefinitions` and `security` rewritten so the two files always agree. A client
//! secret is never written: it is entered when the connector is created.

use crate::value::Lookup;
use serde_json::{Map, Value, json};

use crate::diagnostic::{Anchor, Diagnostic, Reporter, Severity};

crate::declare_code! {
    /// apiProperties.json generation: the auth chosen, and what it still needs.
    ///
    /// ## What
    /// Reported while `convert` writes a connector folder: which auth the connection uses (from
    /// `--auth` or from the definition's own auth), how the swagger's `securityDefinitions` were
    /// made to agree with it, and which settings are still missing (an error when a required one,
    /// such as the Azure AD client id, was not given). A definition with several security
    /// definitions and no `--auth` is a warning: the connection uses the first, and the others are
    /// left out of the connector.
    ///
    /// ## Why
    /// The connection settings live in apiProperties.json and must describe the same auth as the
    /// swagger; a wrong or missing value fails only at sign-in.
    ///
    /// ## Example
    /// `--auth aad` without `--client-id` reports that the client id is missing.
    ///
    /// ## Fix
    /// Pass the missing option (`--client-id`, `--resource-url`, `--api-key-name`, ...).
    pub static CONNECTION = Pass {
        code: "CCF620",
        name: "connection-settings",
        severity: Info,
        document: ApiProperties,
    }
}

/// The kinds of auth a connector can be given on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthKind {
    None,
    Apikey,
    Basic,
    Oauth2,
    Aad,
}

/// Where the OAuth consent page sends the user back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RedirectMode {
    Global,
    #[default]
    GlobalPerConnector,
    Direct,
}

impl RedirectMode {
    fn as_str(self) -> &'static str {
        match self {
            RedirectMode::Global => "Global",
            RedirectMode::GlobalPerConnector => "GlobalPerConnector",
            RedirectMode::Direct => "Direct",
        }
    }
}

pub const GLOBAL_REDIRECT: &str = "https://global.consent.azure-apim.net/redirect";
pub const DEFAULT_BRAND_COLOR: &str = "#007ee5";

/// What the user asked for; anything not given is taken from the definition's own auth.
#[derive(Debug, Clone, Default)]
pub struct AuthOptions {
    pub kind: Option<AuthKind>,
    pub api_key_name: Option<String>,
    pub api_key_in: Option<String>,
    pub client_id: Option<String>,
    pub resource_url: Option<String>,
    pub tenant: Option<String>,
    pub login_url: Option<String>,
    pub authorization_url: Option<String>,
    pub token_url: Option<String>,
    pub refresh_url: Option<String>,
    /// The refresh URL the input gave each OAuth 2.0 security definition, by the definition's
    /// name (an OpenAPI 3 flow's `refreshUrl`, a Postman `refreshTokenUrl`): Swagger 2.0 has no
    /// place for it, so the converters hand it on here. `refresh_url` comes first.
    pub declared_refresh_urls: Vec<(String, String)>,
    pub scopes: Vec<String>,
    pub redirect_mode: RedirectMode,
    pub brand_color: Option<String>,
    pub publisher: Option<String>,
    pub stack_owner: Option<String>,
}

/// The auth a connector ends up with.
#[derive(Debug, Clone, PartialEq)]
enum Auth {
    None,
    ApiKey {
        name: String,
        location: String,
        /// The source's auth was a bearer token: users enter `Bearer <token>` as the key.
        bearer: bool,
    },
    Basic,
    OAuth2 {
        authorization_url: String,
        token_url: String,
        refresh_url: String,
        scopes: Vec<String>,
    },
    Aad {
        login_url: String,
        tenant: String,
        resource_url: Option<String>,
        scopes: Vec<String>,
    },
}

const AAD_HOSTS: &[&str] = &["login.windows.net", "login.microsoftonline.com"];

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// The Azure AD login URL and tenant of an authorization URL on an AAD host.
fn aad_parts(url: &str) -> Option<(String, String)> {
    let rest = url.strip_prefix("https://")?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if !AAD_HOSTS.iter().any(|h| host.eq_ignore_ascii_case(h)) {
        return None;
    }
    let tenant = path
        .split('/')
        .next()
        .filter(|t| !t.is_empty())
        .unwrap_or("common");
    Some((format!("https://{host}"), tenant.to_string()))
}

fn scopes_of(def: &Value) -> Vec<String> {
    def.field("scopes")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

/// The auth the definition itself declares (its first security definition); an OAuth 2.0
/// refresh URL from `refresh_urls` (by definition name), or empty.
fn declared(doc: &Value, refresh_urls: &[(String, String)]) -> Auth {
    let Some((key, def)) = doc
        .field("securityDefinitions")
        .and_then(Value::as_object)
        .and_then(|d| d.iter().next())
    else {
        return Auth::None;
    };
    match str_of(def, "type") {
        Some("apiKey") => {
            let name = str_of(def, "name").unwrap_or("api_key").to_string();
            let location = str_of(def, "in").unwrap_or("header").to_string();
            // The importers turn a bearer scheme into this key, and say so in its name or
            // description.
            let says_bearer = |t: &str| t.to_ascii_lowercase().contains("bearer");
            let bearer = location == "header"
                && name.eq_ignore_ascii_case("Authorization")
                && (says_bearer(key) || str_of(def, "description").is_some_and(says_bearer));
            Auth::ApiKey {
                name,
                location,
                bearer,
            }
        }
        Some("basic") => Auth::Basic,
        Some("oauth2") => {
            let authorization_url = str_of(def, "authorizationUrl")
                .unwrap_or_default()
                .to_string();
            match aad_parts(&authorization_url) {
                Some((login_url, tenant)) => Auth::Aad {
                    login_url,
                    tenant,
                    resource_url: None,
                    scopes: scopes_of(def),
                },
                None => Auth::OAuth2 {
                    authorization_url,
                    token_url: str_of(def, "tokenUrl").unwrap_or_default().to_string(),
                    refresh_url: refresh_urls
                        .iter()
                        .find(|(name, _)| name == key)
                        .map(|(_, url)| url.clone())
                        .unwrap_or_default(),
                    scopes: scopes_of(def),
                },
            }
        }
        _ => Auth::None,
    }
}

/// The auth from the options, falling back on what the definition declares.
fn chosen(doc: &Value, o: &AuthOptions) -> Auth {
    let base = declared(doc, &o.declared_refresh_urls);
    let scopes = |fallback: &[String]| {
        if o.scopes.is_empty() {
            fallback.to_vec()
        } else {
            o.scopes.clone()
        }
    };
    let kind = o.kind.unwrap_or(match &base {
        Auth::None => AuthKind::None,
        Auth::ApiKey { .. } => AuthKind::Apikey,
        Auth::Basic => AuthKind::Basic,
        Auth::OAuth2 { .. } => AuthKind::Oauth2,
        Auth::Aad { .. } => AuthKind::Aad,
    });
    match kind {
        AuthKind::None => Auth::None,
        AuthKind::Basic => Auth::Basic,
        AuthKind::Apikey => {
            let (name, location, bearer) = match &base {
                Auth::ApiKey {
                    name,
                    location,
                    bearer,
                } => (name.clone(), location.clone(), *bearer),
                _ => ("api_key".to_string(), "header".to_string(), false),
            };
            let location = o.api_key_in.clone().unwrap_or(location);
            // `Authorization` names a header; moved to the query, the key takes the default name.
            let name = o.api_key_name.clone().unwrap_or(
                if location == "query" && name.eq_ignore_ascii_case("Authorization") {
                    "api_key".to_string()
                } else {
                    name
                },
            );
            // Still the bearer token only while it is still sent as the Authorization header.
            let bearer =
                bearer && location == "header" && name.eq_ignore_ascii_case("Authorization");
            Auth::ApiKey {
                name,
                location,
                bearer,
            }
        }
        AuthKind::Oauth2 => {
            let (a, t, r, s) = match &base {
                Auth::OAuth2 {
                    authorization_url,
                    token_url,
                    refresh_url,
                    scopes,
                } => (
                    authorization_url.clone(),
                    token_url.clone(),
                    refresh_url.clone(),
                    scopes.clone(),
                ),
                _ => Default::default(),
            };
            let token_url = o.token_url.clone().unwrap_or(t);
            Auth::OAuth2 {
                authorization_url: o.authorization_url.clone().unwrap_or(a),
                refresh_url: o
                    .refresh_url
                    .clone()
                    .or_else(|| (!r.is_empty()).then_some(r))
                    .unwrap_or_else(|| token_url.clone()),
                token_url,
                scopes: scopes(&s),
            }
        }
        AuthKind::Aad => {
            let (login, tenant, s) = match &base {
                Auth::Aad {
                    login_url,
                    tenant,
                    scopes,
                    ..
                } => (
                    Some(login_url.clone()),
                    Some(tenant.clone()),
                    scopes.clone(),
                ),
                _ => (None, None, Vec::new()),
            };
            Auth::Aad {
                login_url: o
                    .login_url
                    .clone()
                    .or(login)
                    .unwrap_or_else(|| "https://login.windows.net".into())
                    .trim_end_matches('/')
                    .to_string(),
                tenant: o
                    .tenant
                    .clone()
                    .or(tenant)
                    .unwrap_or_else(|| "common".into()),
                resource_url: o.resource_url.clone(),
                scopes: scopes(&s),
            }
        }
    }
}

fn ui(display: &str, description: &str, tooltip: &str, required: bool) -> Value {
    json!({
        "displayName": display,
        "description": description,
        "tooltip": tooltip,
        "constraints": {"required": if required { "true" } else { "false" }},
    })
}

/// The swagger security definition for an auth, and its name.
fn security_definition(auth: &Auth) -> Option<(&'static str, Value)> {
    let scopes_map = |scopes: &[String]| {
        Value::Object(
            scopes
                .iter()
                .map(|s| (s.clone(), Value::String(s.clone())))
                .collect(),
        )
    };
    match auth {
        Auth::None => None,
        Auth::ApiKey { name, location, .. } => Some((
            "api_key",
            json!({"type": "apiKey", "in": location, "name": name}),
        )),
        Auth::Basic => Some(("basic_auth", json!({"type": "basic"}))),
        Auth::OAuth2 {
            authorization_url,
            token_url,
            scopes,
            ..
        } => Some((
            "oauth2_auth",
            json!({"type": "oauth2", "flow": "accessCode", "authorizationUrl": authorization_url,
                   "tokenUrl": token_url, "scopes": scopes_map(scopes)}),
        )),
        Auth::Aad {
            login_url,
            tenant,
            scopes,
            ..
        } => {
            let url = format!("{login_url}/{tenant}/oauth2/authorize");
            Some((
                "oauth2_auth",
                json!({"type": "oauth2", "flow": "accessCode", "authorizationUrl": url,
                       "tokenUrl": url, "scopes": scopes_map(scopes)}),
            ))
        }
    }
}

/// Gives the OAuth 2.0 scopes of `def`, a security definition written from the connection
/// settings (which name the scopes only), the descriptions the definition's own security
/// definitions (`declared`) gave the same scopes.
fn keep_scope_descriptions(def: &mut Value, declared: Option<&Value>) {
    let Some(scopes) = def.field_mut("scopes").and_then(Value::as_object_mut) else {
        return;
    };
    let described: Vec<&Map<String, Value>> = declared
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|defs| defs.values())
        .filter_map(|d| d.field("scopes").and_then(Value::as_object))
        .collect();
    for (scope, text) in scopes.iter_mut() {
        let own = described.iter().find_map(|s| {
            s.field(scope)
                .and_then(Value::as_str)
                .filter(|t| !t.trim().is_empty())
        });
        if let Some(own) = own {
            *text = Value::String(own.to_string());
        }
    }
}

/// Reports `connection-settings` findings about one file.
struct Notes<'r, 'p> {
    file: &'r str,
    out: &'r mut Reporter<'p>,
}

impl Notes<'_, '_> {
    fn add(&mut self, severity: Severity, pointer: &str, message: String, help: Option<&str>) {
        self.out.set_file(self.file);
        let d = self.out.report_as(&CONNECTION, severity, pointer, message);
        if let Some(h) = help {
            d.set_help(h);
        }
    }
}

/// Why a URL cannot be called by the platform as written, or `None` when it can: it must be
/// absolute (`https://host/...`), with every `{{variable}}` resolved and no space or line break.
fn unusable_url(url: &str) -> Option<&'static str> {
    if url.contains("{{") {
        return Some("holds an unresolved `{{variable}}`");
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("holds a space or a line break");
    }
    let absolute = ["https://", "http://"].iter().any(|scheme| {
        url.get(..scheme.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
            && url.len() > scheme.len()
    });
    (!absolute).then_some("is not an absolute http(s) URL")
}

fn oauth_setting(
    provider: &str,
    client_id: &str,
    scopes: &[String],
    mode: RedirectMode,
    custom: Value,
    properties: Value,
) -> Value {
    let mut s = Map::new();
    s.insert("identityProvider".into(), json!(provider));
    s.insert("clientId".into(), json!(client_id));
    s.insert("scopes".into(), json!(scopes));
    s.insert("redirectMode".into(), json!(mode.as_str()));
    if mode == RedirectMode::Global {
        s.insert("redirectUrl".into(), json!(GLOBAL_REDIRECT));
    }
    s.insert("properties".into(), properties);
    s.insert("customParameters".into(), custom);
    json!({
        "type": "oauthSetting",
        "oAuthSettings": Value::Object(s),
        "uiDefinition": ui("Login with your credentials", "Sign in to the API", "Provide your credentials", true),
    })
}

/// Makes the swagger's security agree with the chosen auth and builds apiProperties.json.
/// Diagnostics about the swagger are reported in `swagger_file`, about the properties in
/// `properties_file`.
pub fn build(
    doc: &mut Value,
    o: &AuthOptions,
    swagger_file: &str,
    properties_file: &str,
    diags: &mut Reporter,
) -> Value {
    let auth = chosen(doc, o);
    let before = doc.field("securityDefinitions").cloned();
    let def = security_definition(&auth);
    {
        let root = doc.as_object_mut().expect("a document is an object");
        match &def {
            Some((name, d)) => {
                let mut d = d.clone();
                keep_scope_descriptions(&mut d, before.as_ref());
                let mut defs = Map::new();
                defs.insert((*name).into(), d);
                root.insert("securityDefinitions".into(), Value::Object(defs));
                root.insert("security".into(), json!([{ *name: [] }]));
            }
            None => {
                root.remove("securityDefinitions");
                root.remove("security");
            }
        }
    }
    // The declared scheme the connection's is made from, by its name in the input: the first
    // one, unless `--auth` chose another kind.
    let first_declared = before
        .as_ref()
        .and_then(Value::as_object)
        .and_then(|d| d.iter().next())
        .filter(|(_, d)| {
            def.as_ref()
                .is_some_and(|(_, kept)| d.field("type") == kept.field("type"))
        })
        .map(|(name, _)| name.clone());
    // Operation-level requirements can only name the one scheme left: one that names the scheme
    // it was made from is renamed with it (not one that happens to have its new name), any other
    // is removed, and the operation uses the connection's.
    let mut moved = 0;
    if let Some(paths) = doc.field_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for op in item.values_mut().filter_map(Value::as_object_mut) {
                let Some(req) = op.field_mut("security").and_then(Value::as_array_mut) else {
                    continue;
                };
                let names_kept = |r: &Value| {
                    r.as_object()
                        .is_some_and(|m| m.keys().all(|k| Some(k) == first_declared.as_ref()))
                };
                match &def {
                    Some((name, _)) if req.iter().all(names_kept) => {
                        for r in req.iter_mut().filter_map(Value::as_object_mut) {
                            if let Some(scopes) = first_declared.as_ref().and_then(|k| r.remove(k))
                            {
                                r.insert((*name).into(), scopes);
                            }
                        }
                    }
                    _ => {
                        if !req.iter().any(names_kept) {
                            moved += 1;
                        }
                        op.remove("security");
                    }
                }
            }
        }
    }
    let mut sw = Notes {
        file: swagger_file,
        out: diags,
    };
    let after = doc.field("securityDefinitions").cloned();
    let declared_names: Vec<&String> = before
        .as_ref()
        .and_then(Value::as_object)
        .map(|d| d.keys().collect())
        .unwrap_or_default();
    if o.kind.is_none() && declared_names.len() > 1 {
        // The first is the one the platform would use too; the others would be lost unsaid.
        let quoted: Vec<String> = declared_names.iter().map(|n| format!("`{n}`")).collect();
        let kept = match &def {
            Some((name, _)) if *name != declared_names[0].as_str() => {
                format!("{} (now `{name}`)", quoted[0])
            }
            _ => quoted[0].clone(),
        };
        sw.add(
            Severity::Warning,
            "/securityDefinitions",
            format!(
                "the definition declares {} security definitions ({}) and a connection uses one: \
                 the first, {}, is kept and the others are left out{}",
                declared_names.len(),
                quoted.join(", "),
                kept,
                match moved {
                    0 => String::new(),
                    1 => "; the 1 operation that required another uses it too".to_string(),
                    n => format!("; the {n} operations that required another use it too"),
                }
            ),
            Some(
                "choose another with --auth (and its options); to let users choose, describe each \
                 as a connection parameter set in apiProperties.json",
            ),
        );
    } else if before != after && before.is_some() {
        sw.add(
            Severity::Info,
            "/securityDefinitions",
            "`securityDefinitions` rewritten to match the connection settings in apiProperties.json".into(),
            None,
        );
    }
    let mut notes = Notes {
        file: properties_file,
        out: sw.out,
    };
    let client_id = o.client_id.clone().unwrap_or_default();
    let need_client = |notes: &mut Notes| {
        if client_id.is_empty() {
            notes.add(
                Severity::Error,
                "/properties/connectionParameters/token/oAuthSettings/clientId",
                "the OAuth client id is missing".into(),
                Some("pass --client-id with the application (client) id of the app registration; the client secret is entered when the connector is created, never written to a file"),
            );
        }
    };
    let params = match &auth {
        Auth::None => json!({}),
        Auth::ApiKey {
            name,
            location,
            bearer,
        } => {
            // Shown as plain text to the person creating a connection: no Markdown.
            let ui_definition = if *bearer {
                ui(
                    "Bearer token",
                    &format!(
                        "Enter Bearer, a space and your token (Bearer <token>); it is sent in the {name} header"
                    ),
                    "Enter Bearer <token>",
                    true,
                )
            } else {
                let sent = if location == "query" {
                    format!("sent as the {name} query parameter")
                } else {
                    format!("sent in the {name} header")
                };
                ui(
                    "API Key",
                    &format!("The API key, {sent}"),
                    "Provide your API key",
                    true,
                )
            };
            json!({
                "api_key": {
                    "type": "securestring",
                    "uiDefinition": ui_definition,
                }
            })
        }
        Auth::Basic => json!({
            "username": {"type": "securestring", "uiDefinition": ui("Username", "The user name", "Provide your user name", true)},
            "password": {"type": "securestring", "uiDefinition": ui("Password", "The password", "Provide your password", true)},
        }),
        Auth::OAuth2 {
            authorization_url,
            token_url,
            refresh_url,
            scopes,
        } => {
            need_client(&mut notes);
            let at = |key: &str| {
                format!(
                    "/properties/connectionParameters/token/oAuthSettings/customParameters/{key}"
                )
            };
            for (flag, key, v) in [
                ("--authorization-url", "authorizationUrl", authorization_url),
                ("--token-url", "tokenUrl", token_url),
            ] {
                if v.is_empty() {
                    notes.add(
                        Severity::Error,
                        &at(key),
                        format!(
                            "the OAuth 2.0 connection needs a URL that is missing: pass {flag}"
                        ),
                        None,
                    );
                } else if let Some(why) = unusable_url(v) {
                    notes.add(
                        Severity::Error,
                        &at(key),
                        format!("the OAuth 2.0 `{key}` {why}: sign-in cannot call it"),
                        Some(&format!("pass {flag} with the absolute https:// URL")),
                    );
                }
            }
            // A refresh URL the input gave that cannot be called: tokens are refreshed at the
            // token URL, as when none is given.
            let refresh_url = match unusable_url(refresh_url) {
                Some(why) if !refresh_url.is_empty() && refresh_url != token_url => {
                    notes.add(
                        Severity::Warning,
                        &at("refreshUrl"),
                        format!("the OAuth 2.0 refresh URL {why}; the token URL is used to refresh tokens"),
                        Some("pass --refresh-url with the absolute https:// URL if the API refreshes elsewhere"),
                    );
                    token_url
                }
                _ => refresh_url,
            };
            let custom = json!({
                "authorizationUrl": {"value": authorization_url},
                "tokenUrl": {"value": token_url},
                "refreshUrl": {"value": refresh_url},
            });
            json!({ "token": oauth_setting("oauth2", &client_id, scopes, o.redirect_mode, custom, json!({"IsFirstParty": "False"})) })
        }
        Auth::Aad {
            login_url,
            tenant,
            resource_url,
            scopes,
        } => {
            need_client(&mut notes);
            let resource = resource_url.clone().unwrap_or_default();
            if resource.is_empty() {
                notes.add(
                    Severity::Error,
                    "/properties/connectionParameters/token/oAuthSettings/customParameters/resourceUri",
                    "the Azure AD resource URL is missing".into(),
                    Some("pass --resource-url with the API's Application ID URI, character for character (for Azure Functions: https://<app>.azurewebsites.net, without a trailing slash)"),
                );
            }
            let custom = json!({
                "loginUri": {"value": login_url},
                "tenantId": {"value": tenant},
                "resourceUri": {"value": resource},
                "enableOnbehalfOfLogin": {"value": "false"},
            });
            let props = json!({
                "IsFirstParty": "False",
                "AzureActiveDirectoryResourceId": resource,
                "IsOnbehalfofLoginSupported": false,
            });
            json!({ "token": oauth_setting("aad", &client_id, scopes, o.redirect_mode, custom, props) })
        }
    };
    let mut properties = Map::new();
    properties.insert("connectionParameters".into(), params);
    properties.insert(
        "iconBrandColor".into(),
        json!(o.brand_color.as_deref().unwrap_or(DEFAULT_BRAND_COLOR)),
    );
    properties.insert("capabilities".into(), json!([]));
    if let Some(p) = &o.publisher {
        properties.insert("publisher".into(), json!(p));
    }
    if let Some(s) = &o.stack_owner {
        properties.insert("stackOwner".into(), json!(s));
    }
    let described = match &auth {
        Auth::None => "no authentication".to_string(),
        Auth::ApiKey {
            name,
            location,
            bearer: true,
        } => format!("a bearer token (entered as `Bearer <token>`) in the {location} `{name}`"),
        Auth::ApiKey { name, location, .. } => format!("an API key in the {location} `{name}`"),
        Auth::Basic => "basic authentication".to_string(),
        Auth::OAuth2 { .. } => "generic OAuth 2.0 (authorization code)".to_string(),
        Auth::Aad { .. } => "Azure AD (OAuth 2.0 authorization code)".to_string(),
    };
    notes.add(
        Severity::Info,
        "/properties/connectionParameters",
        format!(
            "the connection uses {described}{}",
            if o.kind.is_some() {
                ""
            } else {
                ", as the definition declares"
            }
        ),
        None,
    );
    json!({ "properties": Value::Object(properties) })
}

/// Adds to apiProperties.json (`props`, as [`build`] makes it) one route policy
/// (`routerequesttoendpoint`) per path in `routes`, which sends the operations listed with it
/// (by `operationId`) to that path, relative to `basePath`, with the method they were called
/// with: operations that the definition has to write at paths of their own, because the path
/// the API serves them at holds another operation of their method.
pub fn add_routes(props: &mut Value, routes: &[(String, Vec<String>)]) {
    let Some(properties) = props.field_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    let list = properties
        .entry("policyTemplateInstances")
        .or_insert_with(|| Value::Array(Vec::new()));
    let Value::Array(list) = list else { return };
    for (to, ids) in routes.iter().filter(|(_, ids)| !ids.is_empty()) {
        list.push(json!({
            "templateId": "routerequesttoendpoint",
            "title": format!("Route to {to}"),
            "parameters": {
                "x-ms-apimTemplate-operationName": ids,
                "x-ms-apimTemplateParameter.newPath": to,
                "x-ms-apimTemplateParameter.httpMethod": "@Request.OriginalHTTPMethod",
            },
        }));
    }
}

/// Drops the lint findings about apiProperties.json that repeat a `connection-settings` error:
/// `build` reports a setting it could not fill (with the option that fills it) at the place the
/// lint rules would report it again.
pub fn drop_repeated(diags: &mut Vec<Diagnostic>) {
    let explained: Vec<(Option<String>, String)> = diags
        .iter()
        .filter(|d| std::ptr::eq(d.meta, &CONNECTION) && d.severity == Severity::Error)
        .filter_map(|d| match &d.anchor {
            Anchor::Pointer(p) => Some((d.file.clone(), p.clone())),
            _ => None,
        })
        .collect();
    if explained.is_empty() {
        return;
    }
    diags.retain(|d| {
        std::ptr::eq(d.meta, &CONNECTION)
            || !matches!(&d.anchor, Anchor::Pointer(p)
                if explained.iter().any(|(f, q)| *f == d.file && q == p))
    });
}

/// A settings.json for `paconn`, naming the two files.
pub fn settings() -> Value {
    json!({
        "apiDefinition": "apiDefinition.swagger.json",
        "apiProperties": "apiProperties.json",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aad_from_options() {
        let mut doc = json!({"swagger": "2.0", "paths": {}});
        let o = AuthOptions {
            kind: Some(AuthKind::Aad),
            client_id: Some("00000000-0000-0000-0000-000000000001".into()),
            resource_url: Some("https://contoso.azurewebsites.net".into()),
            ..Default::default()
        };
        let mut r = Reporter::new("s", &crate::diagnostic::Declared);
        let p = build(&mut doc, &o, "s", "p", &mut r);
        let d = r.finish();
        let s = &p["properties"]["connectionParameters"]["token"]["oAuthSettings"];
        assert_eq!(s["identityProvider"], "aad");
        assert_eq!(s["redirectMode"], "GlobalPerConnector");
        assert_eq!(
            s["customParameters"]["resourceUri"]["value"],
            "https://contoso.azurewebsites.net"
        );
        assert_eq!(s["customParameters"]["tenantId"]["value"], "common");
        assert_eq!(
            s["customParameters"]["loginUri"]["value"],
            "https://login.windows.net"
        );
        assert_eq!(
            doc["securityDefinitions"]["oauth2_auth"]["flow"],
            "accessCode"
        );
        assert_eq!(
            doc["securityDefinitions"]["oauth2_auth"]["authorizationUrl"],
            "https://login.windows.net/common/oauth2/authorize"
        );
        assert_eq!(doc["security"], json!([{"oauth2_auth": []}]));
        assert!(d.iter().all(|d| d.severity == Severity::Info));
    }

    #[test]
    fn declared_api_key_is_kept() {
        let mut doc = json!({"swagger": "2.0", "securityDefinitions": {"k": {"type": "apiKey", "in": "query", "name": "code"}}});
        let mut r = Reporter::new("s", &crate::diagnostic::Declared);
        let p = build(&mut doc, &AuthOptions::default(), "s", "p", &mut r);
        assert!(p["properties"]["connectionParameters"]["api_key"].is_object());
        assert_eq!(
            doc["securityDefinitions"]["api_key"],
            json!({"type": "apiKey", "in": "query", "name": "code"})
        );
    }

    #[test]
    fn operations_keep_the_scheme_they_required_not_its_name() {
        // The kept scheme takes the name `api_key`, which a dropped scheme had.
        let mut doc = json!({"swagger": "2.0",
            "securityDefinitions": {
                "token": {"type": "apiKey", "in": "header", "name": "X-Token"},
                "api_key": {"type": "apiKey", "in": "header", "name": "X-Other"}},
            "paths": {"/a": {
                "get": {"security": [{"api_key": []}]},
                "put": {"security": [{"token": []}]},
                "post": {"security": []}}}});
        let mut r = Reporter::new("s", &crate::diagnostic::Declared);
        build(&mut doc, &AuthOptions::default(), "s", "p", &mut r);
        assert_eq!(
            doc["securityDefinitions"],
            json!({"api_key": {"type": "apiKey", "in": "header", "name": "X-Token"}})
        );
        let ops = &doc["paths"]["/a"];
        assert!(!ops["get"].has("security"), "{ops}");
        assert_eq!(ops["put"]["security"], json!([{"api_key": []}]));
        assert_eq!(ops["post"]["security"], json!([]));
        let d = r.finish();
        assert!(
            d.iter().any(|d| d.severity == Severity::Warning
                && d.message
                    .ends_with("; the 1 operation that required another uses it too")),
            "{d:?}"
        );
    }

    #[test]
    fn aad_without_client_id_is_an_error() {
        let mut doc = json!({"swagger": "2.0"});
        let o = AuthOptions {
            kind: Some(AuthKind::Aad),
            ..Default::default()
        };
        let mut r = Reporter::new("s", &crate::diagnostic::Declared);
        build(&mut doc, &o, "s", "p", &mut r);
        let d = r.finish();
        assert_eq!(
            d.iter().filter(|d| d.severity == Severity::Error).count(),
            2
        );
    }
}
