//! Where each converted node came from: the importers record, for every operation they write,
//! the pointer of the operation or request it came from; the parts of an operation (parameters,
//! responses, schemas) and the document's shared parts are then matched by meaning (a parameter
//! by name and location, a response by status code, a definition by name). `diff` and `drift`
//! use it to place a change on a converted input in the file the user gave, not in a converted
//! copy the user never sees.

use crate::value::Lookup;
use std::collections::HashMap;

use serde_json::Value;

use crate::diagnostic::{escape_token, join_pointer as join, split_pointer};
use crate::swagger::skeleton;

/// What the converted document was made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Origin {
    /// Swagger 2.0 as it is: every pointer is its own source, but for the operations whose
    /// paths moved.
    #[default]
    Same,
    OpenApi3,
    Postman,
}

static EMPTY: std::sync::LazyLock<HashMap<(String, String), String>> =
    std::sync::LazyLock::new(HashMap::new);

/// The source of each converted operation, and what the document was made from.
#[derive(Clone, Debug, Default)]
pub struct Provenance {
    pub origin: Origin,
    /// (path, method) of a converted operation → pointer of its source.
    operations: HashMap<(String, String), String>,
    /// (skeleton of the path, method) → pointer of its source, for operations whose path
    /// variables were renamed after the import.
    skeletons: HashMap<(String, String), String>,
    /// (path, method) of a converted Postman request → its folder path (`Admin/Users`), for
    /// `--include folder:...` and `--split-by folder`; never written into the definition.
    folders: Option<HashMap<(String, String), String>>,
    /// (path, method) of a converted Postman request → the server it calls, for choosing the
    /// host again when a selection or a split leaves requests out.
    servers: HashMap<(String, String), Server>,
}

/// The server a converted request calls, and the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Server {
    pub scheme: String,
    /// The host, with its port.
    pub host: String,
    /// The base path of a `{{baseUrl}}` that holds one, else empty.
    pub base: String,
    /// The request's name.
    pub request: String,
}

impl Provenance {
    pub fn new(origin: Origin) -> Self {
        Provenance {
            origin,
            ..Provenance::default()
        }
    }

    /// The provenance of a Swagger 2.0 document taken as it is: each operation is where it is.
    pub fn of_swagger(doc: &Value) -> Self {
        let mut p = Provenance::new(Origin::Same);
        for (path, item) in crate::swagger::path_items(doc) {
            for (method, _) in crate::swagger::methods(item) {
                p.operation(
                    path,
                    method,
                    crate::diagnostic::pointer(["paths", path, method]),
                );
            }
        }
        p
    }

    /// Records the Postman folder (names from the outside in, joined with `/`) of the
    /// operation `method path`.
    pub fn folder(&mut self, path: &str, method: &str, folder: String) {
        self.folders
            .get_or_insert_with(HashMap::new)
            .insert((path.to_string(), method.to_string()), folder);
    }

    /// Records the server the operation `method path` calls.
    pub fn server(&mut self, path: &str, method: &str, server: Server) {
        self.servers
            .insert((path.to_string(), method.to_string()), server);
    }

    /// The server each operation calls, for a converted collection (empty otherwise).
    pub fn servers(&self) -> &HashMap<(String, String), Server> {
        &self.servers
    }

    /// The Postman folder of each operation, for a converted collection.
    pub fn folders(&self) -> Option<&HashMap<(String, String), String>> {
        match self.origin {
            Origin::Postman => Some(self.folders.as_ref().unwrap_or(&EMPTY)),
            _ => None,
        }
    }

    /// Records that the operation `method path` came from the node at `source`.
    pub fn operation(&mut self, path: &str, method: &str, source: String) {
        self.skeletons
            .entry((skeleton(path), method.to_string()))
            .or_insert_with(|| source.clone());
        self.operations
            .insert((path.to_string(), method.to_string()), source);
    }

    /// Follows the operations of path `from`, now written at `to` (its variables renamed by
    /// the import): their source, folder and server stay theirs.
    pub fn path_renamed(&mut self, from: &str, to: &str) {
        fn rekey<T>(map: &mut HashMap<(String, String), T>, from: &str, to: &str) {
            let keys: Vec<(String, String)> =
                map.keys().filter(|(p, _)| p == from).cloned().collect();
            for key in keys {
                if let Some(v) = map.remove(&key) {
                    map.insert((to.to_string(), key.1), v);
                }
            }
        }
        rekey(&mut self.operations, from, to);
        if let Some(folders) = &mut self.folders {
            rekey(folders, from, to);
        }
        rekey(&mut self.servers, from, to);
    }

    /// Follows operations whose paths moved (`drift` re-roots the API's paths on the
    /// connector's base path): `moves` lists (old path, new path).
    pub fn moved(&mut self, moves: &[(String, String)]) {
        let old = std::mem::take(&mut self.operations);
        self.skeletons.clear();
        // By skeleton: a pass may have renamed path variables since the import.
        let to: HashMap<String, &str> = moves
            .iter()
            .map(|(a, b)| (skeleton(a), b.as_str()))
            .collect();
        for ((path, method), source) in old {
            let path = to
                .get(&skeleton(&path))
                .map_or(path.clone(), |p| p.to_string());
            self.operation(&path, &method, source);
        }
    }

    /// The pointer of the source of the operation `method path`, as the importer recorded it.
    pub fn source_of(&self, path: &str, method: &str) -> Option<&str> {
        self.operation_source(path, method)
    }

    fn operation_source(&self, path: &str, method: &str) -> Option<&str> {
        self.operations
            .get(&(path.to_string(), method.to_string()))
            .or_else(|| self.skeletons.get(&(skeleton(path), method.to_string())))
            .map(String::as_str)
    }

    /// The pointer in `source` (the document the user gave) of the node at `pointer` in
    /// `converted`, or of its nearest part that has one; `None` when the node has no source
    /// (a definition made from example bodies, a default response the converter added).
    pub fn source_pointer(
        &self,
        converted: &Value,
        source: &Value,
        pointer: &str,
    ) -> Option<String> {
        let tokens = split_pointer(pointer);
        let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
        match self.origin {
            Origin::Same => Some(match tokens.as_slice() {
                // An operation whose path moved (drift re-roots paths) is found where it was.
                ["paths", path, method, rest @ ..] => match self.operation_source(path, method) {
                    Some(op) => rest.iter().fold(op.to_string(), |at, t| join(&at, t)),
                    None => pointer.to_string(),
                },
                _ => pointer.to_string(),
            }),
            Origin::OpenApi3 => self.openapi3(converted, source, &tokens),
            Origin::Postman => self.postman(converted, source, &tokens),
        }
    }

    fn openapi3(&self, converted: &Value, source: &Value, t: &[&str]) -> Option<String> {
        match t {
            ["paths", path, method, rest @ ..] if crate::swagger::METHODS.contains(method) => {
                let op = self.operation_source(path, method)?;
                Some(openapi3_in_operation(
                    converted, source, path, method, op, rest,
                ))
            }
            ["paths", path, rest @ ..] => deepest(source, &join("/paths", path), rest),
            ["definitions", name, rest @ ..] => {
                deepest(source, &join("/components/schemas", name), rest)
            }
            ["parameters", name, ..] => deepest(source, &join("/components/parameters", name), &[]),
            ["responses", name, ..] => deepest(source, &join("/components/responses", name), &[]),
            ["securityDefinitions", name, ..] => {
                deepest(source, &join("/components/securitySchemes", name), &[])
            }
            ["host" | "basePath" | "schemes", ..] => deepest(source, "/servers", &["0", "url"]),
            rest => deepest(source, "", rest),
        }
    }

    fn postman(&self, converted: &Value, source: &Value, t: &[&str]) -> Option<String> {
        match t {
            ["paths", path, method, rest @ ..] if crate::swagger::METHODS.contains(method) => {
                let item = self.operation_source(path, method)?;
                Some(postman_in_operation(
                    converted, source, path, method, item, rest,
                ))
            }
            ["info", ..] => Some("/info".into()),
            ["securityDefinitions" | "security", ..] => {
                source.field("auth").map(|_| "/auth".into())
            }
            _ => None,
        }
    }
}

/// The deepest node of `base` + `rest` that exists in `source`; `None` when `base` does not.
fn deepest(source: &Value, base: &str, rest: &[&str]) -> Option<String> {
    source.pointer(base)?;
    let mut at = base.to_string();
    for t in rest {
        let next = join(&at, t);
        if source.pointer(&next).is_none() {
            break;
        }
        at = next;
    }
    Some(at)
}

/// The deepest node of `base` + `rest` that exists in `source`, or `base` itself.
fn within(source: &Value, base: &str, rest: &[&str]) -> String {
    deepest(source, base, rest).unwrap_or_else(|| base.to_string())
}

/// The pointer of the first entry of the list at `list` in `source` that `matches`.
fn find_entry(source: &Value, list: &str, matches: impl Fn(&Value) -> bool) -> Option<String> {
    let i = source.pointer(list)?.as_array()?.iter().position(matches)?;
    Some(join(list, &i.to_string()))
}

/// The name and location of the converted parameter at `pointer` (following a
/// `#/parameters/` reference).
fn parameter_key<'a>(converted: &'a Value, pointer: &str) -> Option<(&'a str, &'a str)> {
    let mut p = converted.pointer(pointer)?;
    if let Some(r) = p.field("$ref").and_then(Value::as_str) {
        p = converted.pointer(r.strip_prefix('#')?)?;
    }
    Some((p.field("name")?.as_str()?, p.field("in")?.as_str()?))
}

fn openapi3_in_operation(
    converted: &Value,
    source: &Value,
    path: &str,
    method: &str,
    op: &str,
    rest: &[&str],
) -> String {
    match rest {
        ["parameters", index, more @ ..] => {
            let at = join(&join(&join("/paths", path), method), "parameters");
            let Some((name, location)) = parameter_key(converted, &join(&at, index)) else {
                return op.to_string();
            };
            if matches!(location, "body" | "formData") {
                let body = within(source, op, &["requestBody"]);
                return match more {
                    ["schema", more @ ..] => media_schema(source, &body, more),
                    _ => body,
                };
            }
            let item = op
                .rsplit_once('/')
                .map(|(item, _)| item)
                .unwrap_or_default();
            // A shared parameter is placed where it is written: that is where to change it.
            let target = |p: &Value| match p.field("$ref").and_then(Value::as_str) {
                Some(r) => r
                    .strip_prefix('#')
                    .filter(|r| source.pointer(r).is_some())
                    .map(str::to_string),
                None => None,
            };
            let same = |p: &Value| {
                let p = target(p).and_then(|r| source.pointer(&r)).unwrap_or(p);
                p.field("name").and_then(Value::as_str) == Some(name)
                    && p.field("in").and_then(Value::as_str) == Some(location)
            };
            let Some(entry) = find_entry(source, &join(op, "parameters"), same)
                .or_else(|| find_entry(source, &join(item, "parameters"), same))
            else {
                return op.to_string();
            };
            let Some(first) = more.first() else {
                return entry;
            };
            let entry = source.pointer(&entry).and_then(target).unwrap_or(entry);
            match *first {
                // The parameter's own words, and what Swagger 2.0 takes from its `style`,
                // `example` and extensions; the rest of a simple parameter is its schema's.
                "name" | "in" | "description" | "required" | "allowEmptyValue" => {
                    within(source, &entry, more)
                }
                "collectionFormat" => within(source, &entry, &["style"]),
                "x-example" => within(source, &entry, &["example"]),
                "x-nullable" => within(source, &entry, &["schema", "nullable"]),
                x if x.starts_with("x-") => within(source, &entry, more),
                _ => {
                    let mut tokens = vec!["schema"];
                    tokens.extend_from_slice(more);
                    within(source, &entry, &tokens)
                }
            }
        }
        ["responses", code, "schema", more @ ..] => {
            let response = within(source, op, &["responses", code]);
            media_schema(source, &response, more)
        }
        rest => within(source, op, rest),
    }
}

/// The node `more` within the schema of the first media type of the `content` of the body or
/// response at `at` (the one a conversion takes, JSON first); `at` itself when it has none.
fn media_schema(source: &Value, at: &str, more: &[&str]) -> String {
    let content = source
        .pointer(&join(at, "content"))
        .and_then(Value::as_object);
    let media = content.and_then(|c| {
        super::openapi3::media_order(c)
            .first()
            .map(|m| m.to_string())
    });
    match media {
        Some(m) => {
            let mut tokens = vec!["content", m.as_str(), "schema"];
            tokens.extend_from_slice(more);
            within(source, at, &tokens)
        }
        None => at.to_string(),
    }
}

fn postman_in_operation(
    converted: &Value,
    source: &Value,
    path: &str,
    method: &str,
    item: &str,
    rest: &[&str],
) -> String {
    let request = join(item, "request");
    match rest {
        ["parameters", index, ..] => {
            let at = join(&join(&join("/paths", path), method), "parameters");
            let Some((name, location)) = parameter_key(converted, &join(&at, index)) else {
                return item.to_string();
            };
            let (list, key_of): (String, &str) = match location {
                "query" => (format!("{request}/url/query"), "key"),
                "header" => (join(&request, "header"), "key"),
                "path" => (format!("{request}/url/variable"), "key"),
                "formData" => {
                    let mode = source
                        .pointer(&format!("{request}/body/mode"))
                        .and_then(Value::as_str)
                        .unwrap_or("formdata");
                    (format!("{request}/body/{}", escape_token(mode)), "key")
                }
                _ => return within(source, &request, &["body"]),
            };
            let same = |entry: &Value| {
                let key = entry
                    .get(key_of)
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                if location == "header" {
                    key.eq_ignore_ascii_case(name)
                } else {
                    key == name
                }
            };
            find_entry(source, &list, same).unwrap_or_else(|| match location {
                "path" | "query" => within(source, &request, &["url"]),
                _ => request,
            })
        }
        ["responses", code, ..] => find_entry(source, &join(item, "response"), |r| {
            r.field("code")
                .and_then(Value::as_u64)
                .map(|c| c.to_string())
                .as_deref()
                == Some(*code)
        })
        .unwrap_or_else(|| item.to_string()),
        ["summary" | "operationId", ..] => within(source, item, &["name"]),
        ["description", ..] => within(source, &request, &["description"]),
        _ => item.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn openapi3_parameters_responses_and_definitions_map_to_their_sources() {
        let source = json!({"openapi": "3.0.0",
            "paths": {"/a/{id}": {
                "parameters": [{"name": "id", "in": "path"}],
                "get": {"parameters": [{"name": "q", "in": "query"}],
                        "responses": {"200": {"content": {"application/json": {"schema": {"properties": {"x": {}}}}}}}}}},
            "components": {"schemas": {"Pet": {"properties": {"name": {}}}}}});
        let converted = json!({"swagger": "2.0",
            "paths": {"/a/{id}": {"get": {
                "parameters": [{"name": "q", "in": "query"}, {"name": "id", "in": "path"}],
                "responses": {"200": {"schema": {"properties": {"x": {}}}}}}}},
            "definitions": {"Pet": {"properties": {"name": {}, "added": {}}}}});
        let mut p = Provenance::new(Origin::OpenApi3);
        p.operation("/a/{id}", "get", "/paths/~1a~1{id}/get".into());
        let at = |ptr: &str| p.source_pointer(&converted, &source, ptr);
        assert_eq!(
            at("/paths/~1a~1{id}/get/parameters/1/type").as_deref(),
            Some("/paths/~1a~1{id}/parameters/0")
        );
        assert_eq!(
            at("/paths/~1a~1{id}/get/parameters/0").as_deref(),
            Some("/paths/~1a~1{id}/get/parameters/0")
        );
        assert_eq!(
            at("/paths/~1a~1{id}/get/responses/200/schema/properties/x").as_deref(),
            Some(
                "/paths/~1a~1{id}/get/responses/200/content/application~1json/schema/properties/x"
            )
        );
        assert_eq!(
            at("/definitions/Pet/properties/added").as_deref(),
            Some("/components/schemas/Pet/properties")
        );
        // Renamed path variables still find the operation.
        assert_eq!(
            at("/paths/~1a~1{itemId}/get").as_deref(),
            Some("/paths/~1a~1{id}/get")
        );
        assert_eq!(at("/paths/~1b/get"), None);
    }

    #[test]
    fn openapi3_parameter_keywords_map_into_the_schema_and_shared_parameters_to_components() {
        let source = json!({"openapi": "3.0.0",
            "paths": {"/a": {"post": {
                "parameters": [
                    {"name": "q", "in": "query", "style": "pipeDelimited",
                     "schema": {"type": "array", "items": {"type": "string", "pattern": "["}}},
                    {"$ref": "#/components/parameters/Top"}],
                "requestBody": {"content": {"text/plain": {"schema": {}},
                    "application/json": {"schema": {"properties": {"x": {"enum": [1]}}}}}}}}},
            "components": {"parameters": {"Top": {"name": "top", "in": "query",
                "schema": {"type": "integer", "minimum": -1}}}}});
        let converted = json!({"swagger": "2.0",
            "paths": {"/a": {"post": {"parameters": [
                {"name": "q", "in": "query", "type": "array", "collectionFormat": "pipes",
                 "items": {"type": "string", "pattern": "["}},
                {"name": "top", "in": "query", "type": "integer", "minimum": -1},
                {"name": "body", "in": "body", "schema": {"properties": {"x": {"enum": [1]}}}}]}}}});
        let mut p = Provenance::new(Origin::OpenApi3);
        p.operation("/a", "post", "/paths/~1a/post".into());
        let at = |ptr: &str| p.source_pointer(&converted, &source, ptr);
        assert_eq!(
            at("/paths/~1a/post/parameters/0/items/pattern").as_deref(),
            Some("/paths/~1a/post/parameters/0/schema/items/pattern")
        );
        assert_eq!(
            at("/paths/~1a/post/parameters/0/collectionFormat").as_deref(),
            Some("/paths/~1a/post/parameters/0/style")
        );
        assert_eq!(
            at("/paths/~1a/post/parameters/0/name").as_deref(),
            Some("/paths/~1a/post/parameters/0/name")
        );
        assert_eq!(
            at("/paths/~1a/post/parameters/1/minimum").as_deref(),
            Some("/components/parameters/Top/schema/minimum")
        );
        // The entry itself stays the operation's.
        assert_eq!(
            at("/paths/~1a/post/parameters/1").as_deref(),
            Some("/paths/~1a/post/parameters/1")
        );
        // A body's schema is the one of the media type the conversion took (JSON first).
        assert_eq!(
            at("/paths/~1a/post/parameters/2/schema/properties/x/enum/0").as_deref(),
            Some(
                "/paths/~1a/post/requestBody/content/application~1json/schema/properties/x/enum/0"
            )
        );
    }

    #[test]
    fn postman_parameters_and_responses_map_to_the_request() {
        let source = json!({"info": {}, "item": [{"name": "Get item", "request": {
            "url": {"raw": "x", "query": [{"key": "a"}, {"key": "top"}], "variable": [{"key": "id"}]},
            "header": [{"key": "X-Trace"}]},
            "response": [{"code": 404}, {"code": 200}]}]});
        let converted = json!({"paths": {"/items/{id}": {"get": {"parameters": [
            {"name": "top", "in": "query"}, {"name": "x-trace", "in": "header"}, {"name": "id", "in": "path"}]}}}});
        let mut p = Provenance::new(Origin::Postman);
        p.operation("/items/{id}", "get", "/item/0".into());
        let at = |ptr: &str| p.source_pointer(&converted, &source, ptr);
        assert_eq!(
            at("/paths/~1items~1{id}/get/parameters/0").as_deref(),
            Some("/item/0/request/url/query/1")
        );
        assert_eq!(
            at("/paths/~1items~1{id}/get/parameters/1/type").as_deref(),
            Some("/item/0/request/header/0")
        );
        assert_eq!(
            at("/paths/~1items~1{id}/get/parameters/2").as_deref(),
            Some("/item/0/request/url/variable/0")
        );
        assert_eq!(
            at("/paths/~1items~1{id}/get/responses/200/schema").as_deref(),
            Some("/item/0/response/1")
        );
        assert_eq!(
            at("/paths/~1items~1{id}/get/operationId").as_deref(),
            Some("/item/0/name")
        );
        assert_eq!(at("/definitions/Item"), None);
    }

    #[test]
    fn a_swagger_operation_whose_path_moved_is_found_where_it_was() {
        let source = json!({"swagger": "2.0", "basePath": "/v2",
            "paths": {"/items": {"get": {"parameters": [{"name": "q", "in": "query"}]}}}});
        let mut p = Provenance::of_swagger(&source);
        p.moved(&[("/items".into(), "/v2/items".into())]);
        let converted = json!({});
        assert_eq!(
            p.source_pointer(&converted, &source, "/paths/~1v2~1items/get/parameters/0")
                .as_deref(),
            Some("/paths/~1items/get/parameters/0")
        );
        assert_eq!(
            p.source_pointer(&converted, &source, "/definitions/A")
                .as_deref(),
            Some("/definitions/A")
        );
    }
}
