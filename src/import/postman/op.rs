//! One operation being built from a request, and the small pieces the request's parts share.

use serde_json::{Map, Value, json};

use crate::import::vars::Vars;

/// One operation being built.
pub(super) struct Op {
    pub(super) method: String,
    pub(super) path: String,
    /// The URL ends where its base path does (`{{baseUrl}}` alone): the request calls the base
    /// path itself, not `/` under it.
    pub(super) bare: bool,
    pub(super) canon: String,
    pub(super) host_key: Option<HostKey>,
    /// With no host: the variables that stood for it, and what they gave.
    pub(super) host_from: Option<(Vec<String>, String)>,
    /// The variables whose values gave the host.
    pub(super) host_vars: Vec<String>,
    pub(super) operation: Map<String, Value>,
    pub(super) params: Vec<Map<String, Value>>,
    pub(super) consumes: Vec<String>,
    pub(super) produces: Vec<String>,
    pub(super) responses: Map<String, Value>,
    /// The examples its responses keep, put into them once the collection is read.
    pub(super) examples: Vec<super::response::Pending>,
    pub(super) security: Option<String>,
    pub(super) pointer: String,
    pub(super) name: String,
    /// The request's folders from the outside in, joined with `/`.
    pub(super) folder: String,
}

/// Where a request goes: scheme, host (with port) and the base path of a `{{baseUrl}}`.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub(super) struct HostKey {
    pub(super) scheme: String,
    pub(super) host: String,
    pub(super) base: String,
}

impl HostKey {
    /// The server, as the provenance keeps it for the request `request`.
    pub(super) fn server(&self, request: &str) -> crate::import::provenance::Server {
        crate::import::provenance::Server {
            scheme: self.scheme.clone(),
            host: self.host.clone(),
            base: self.base.clone(),
            request: request.to_string(),
        }
    }
}

/// A non-body parameter of a type, required when it is in the path.
pub(super) fn param(name: &str, location: &str, ty: &str) -> Map<String, Value> {
    let mut p = Map::new();
    p.insert("name".into(), json!(name));
    p.insert("in".into(), json!(location));
    p.insert("required".into(), json!(location == "path"));
    p.insert("type".into(), json!(ty));
    p
}

pub(super) fn set_description(p: &mut Map<String, Value>, d: &str, vars: &Vars) {
    if !d.is_empty() {
        let r = vars.resolve(d);
        let text = if r.secret { d.to_string() } else { r.text };
        p.insert("description".into(), json!(text));
    }
}

/// A media type without its parameters, in lower case.
pub(super) fn mime_base(v: &str) -> String {
    v.split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}
