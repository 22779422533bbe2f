//! Declares the path parameters a path template names, and makes path parameters required and
//! single-encoded.

use crate::value::Lookup;
use serde_json::{Map, Value, json};
use std::collections::{HashMap, HashSet};

use super::location;
use crate::connector::PassOut;
use crate::connector::walk::Ptr;
use crate::swagger::{METHODS, encode_stray_braces, template_problem, template_variables};

crate::declare_pass! {
    /// Pass: a `{var}` of the path gets its `in: path` parameter; path parameters get
    /// `required: true` and `x-ms-url-encoding: single`; a stray brace is URL-encoded.
    ///
    /// ## What
    /// A connector pass. An operation whose path names a `{var}` that neither it nor its path
    /// item declares as an `in: path` parameter gets one: `{"name": "var", "in": "path",
    /// "required": true, "type": "string", "x-ms-url-encoding": "single"}`, placed before its
    /// other parameters, with a warning (the type is a guess). Not for a variable after a `?`
    /// (a query in the path, which `path-query-or-fragment` reports), nor when a parameter
    /// `$ref` of the operation resolves to nothing (it may be the declaration), nor when a path
    /// parameter differs from the variable only in case (which of the two is right is for you
    /// to say). Before that, a brace of a path that opens or closes no variable (`/items}`, an
    /// empty `{}`) is written URL-encoded (`/items%7D`), with a warning, unless a path written
    /// so exists already. Then every `in: path` parameter is made `required: true` and gets
    /// `x-ms-url-encoding: single` when it has no valid encoding (`single` or `double`).
    ///
    /// ## Why
    /// The importer rejects a path variable without its parameter (`path-parameter-missing`),
    /// and requires path parameters to be required and encoded; without the encoding, values
    /// with `/` or spaces are sent wrongly.
    ///
    /// ## Example
    /// `{name: id, in: path, type: string}` gains `required: true` and `x-ms-url-encoding: single`;
    /// `"/users/{id}": {"get": {}}` gains that whole parameter.
    ///
    /// ## Fix
    /// Nothing to do; give an added parameter its real type and a description, and use `double`
    /// by hand where the API expects double-encoded values.
    pub static PATH_PARAMETERS = Pass(run) {
        code: "CCF605",
        name: "fix-path-parameters",
    }
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    literal_braces(doc, out);
    declare_missing(doc, out);
    out.each_parameter(doc, |p, at, out| {
        if location(p) != "path" {
            return;
        }
        let name = p
            .field("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        if p.field("required") != Some(&Value::Bool(true)) {
            p.insert("required".into(), Value::Bool(true));
            out.note(
                &at.key("required"),
                format!("path parameter `{name}` made required"),
            );
        }
        let enc = p.field("x-ms-url-encoding").and_then(Value::as_str);
        if !matches!(enc, Some("single" | "double")) {
            p.insert("x-ms-url-encoding".into(), Value::String("single".into()));
            out.note(
                &at.key("x-ms-url-encoding"),
                format!("path parameter `{name}` given `x-ms-url-encoding: single`"),
            );
        }
    });
}

/// What a parameter in a list declares: the name of an `in: path` one (`Some(None)` for any
/// other), or `None` for a `$ref` that resolves to nothing.
type Declares = Option<Option<String>>;

/// Adds the path parameters the templates name and no parameter declares.
/// Writes URL-encoded each brace of a path that opens or closes no variable (`/items}` →
/// `/items%7D`), with a warning, unless another path is written so already.
fn literal_braces(doc: &mut Value, out: &mut PassOut) {
    let Some(paths) = doc.field_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    let stray = |p: &str| !p.starts_with("x-") && template_problem(p).is_some();
    if !paths.keys().any(|p| stray(p)) {
        return;
    }
    let given: HashSet<String> = paths.keys().cloned().collect();
    for (path, item) in std::mem::take(paths) {
        let encoded = (stray(&path))
            .then(|| encode_stray_braces(&path))
            .flatten()
            .filter(|e| !given.contains(e));
        match encoded {
            Some(encoded) => {
                out.warn(
                    crate::diagnostic::pointer(["paths", path.as_str()]),
                    format!(
                        "path `{path}` has a brace that is not part of a path variable; written \
                         as `{encoded}`, the form in which it is sent"
                    ),
                )
                .set_help(
                    "if the brace was meant to open or close a variable, correct the path \
                     (`/items/{id}`)",
                );
                paths.insert(encoded, item);
            }
            None => {
                paths.insert(path, item);
            }
        }
    }
}

fn declare_missing(doc: &mut Value, out: &mut PassOut) {
    // What the shared parameters declare, by reference, read before the paths are changed.
    let shared: HashMap<String, Option<String>> = doc
        .field("parameters")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, p)| {
            let reference = format!("#/parameters/{}", crate::diagnostic::escape_token(name));
            (reference, path_name(p))
        })
        .collect();
    let declares = |p: &Value| -> Declares {
        match p.field("$ref") {
            Some(r) => shared.get(r.as_str()?).cloned(),
            None => Some(path_name(p)),
        }
    };
    out.each_path_item(doc, |path, item, out| {
        // A variable after `?` is in a query the path should not hold (path-query-or-fragment):
        // not a path parameter to add.
        let route = path.split(['?', '#']).next().unwrap_or_default();
        let vars: Vec<&str> = template_variables(route)
            .into_iter()
            .filter(|v| !v.is_empty())
            .collect();
        let Some(item) = item.as_object_mut().filter(|_| !vars.is_empty()) else {
            return;
        };
        let Some(on_item) = declared(item.field("parameters"), &declares) else {
            return;
        };
        for (method, op) in item.iter_mut() {
            let Some(op) = op.as_object_mut().filter(|_| METHODS.contains(&method.as_str()))
            else {
                continue;
            };
            let Some(on_op) = declared(op.field("parameters"), &declares) else {
                continue;
            };
            let known: Vec<&String> = on_item.iter().chain(&on_op).collect();
            let mut missing: Vec<&str> = Vec::new();
            for var in &vars {
                let named = |n: &&String| n.eq_ignore_ascii_case(var);
                if !known.iter().any(named) && !missing.contains(var) {
                    missing.push(var);
                }
            }
            if missing.is_empty() {
                continue;
            }
            if !op.has("parameters") {
                // Where a definition has it: before the responses.
                let rest = std::mem::take(op);
                for (k, v) in rest {
                    if k == "responses" {
                        op.insert("parameters".into(), Value::Array(Vec::new()));
                    }
                    op.insert(k, v);
                }
            }
            let list = op
                .entry("parameters")
                .or_insert_with(|| Value::Array(Vec::new()));
            let Value::Array(list) = list else {
                continue;
            };
            let root = Ptr::Root;
            let paths = root.key("paths");
            let item_at = paths.key(path);
            let op_at = item_at.key(method);
            let list_at = op_at.key("parameters");
            for (i, var) in missing.iter().enumerate() {
                list.insert(i, parameter(var));
                // Its type is a guess: a warning, to be looked at.
                out.warn(
                    &list_at.index(i),
                    format!(
                        "{} {path} uses `{{{var}}}` without declaring it: added `{var}` as a \
                         required string path parameter",
                        method.to_uppercase()
                    ),
                );
            }
        }
    });
}

/// The names of the `in: path` parameters of a parameter list; `None` when one of its `$ref`s
/// resolves to nothing.
fn declared(list: Option<&Value>, declares: &impl Fn(&Value) -> Declares) -> Option<Vec<String>> {
    let mut names = Vec::new();
    for p in list.and_then(Value::as_array).into_iter().flatten() {
        names.extend(declares(p)?);
    }
    Some(names)
}

/// The name of a parameter object when it is `in: path`.
fn path_name(p: &Value) -> Option<String> {
    let p = p.as_object()?;
    (location(p) == "path")
        .then(|| p.field("name").and_then(Value::as_str).map(str::to_string))
        .flatten()
}

/// The parameter declaring the path variable `var`.
fn parameter(var: &str) -> Value {
    let mut p = Map::new();
    p.insert("name".into(), json!(var));
    p.insert("in".into(), json!("path"));
    p.insert("required".into(), json!(true));
    p.insert("type".into(), json!("string"));
    p.insert("x-ms-url-encoding".into(), json!("single"));
    Value::Object(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn path_parameters_are_required_and_encoded() {
        let found = crate::connector::passes::bad_good(
            &PATH_PARAMETERS,
            json!({"paths": {"/u/{id}": {"get": {"parameters": [
                {"name": "id", "in": "path", "type": "string"}
            ]}}}}),
            json!({"paths": {"/u/{id}": {"get": {"parameters": [
                {"name": "id", "in": "path", "type": "string", "required": true, "x-ms-url-encoding": "single"}
            ]}}}}),
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, "/paths/~1u~1{id}/get/parameters/0/required");
    }

    #[test]
    fn a_variable_without_its_parameter_gets_one() {
        let added = json!({"name": "id", "in": "path", "required": true, "type": "string",
                           "x-ms-url-encoding": "single"});
        let found = crate::connector::passes::bad_good(
            &PATH_PARAMETERS,
            json!({"paths": {"/u/{id}/orders/{order}": {
                "parameters": [{"name": "order", "in": "path", "required": true, "type": "integer",
                                "x-ms-url-encoding": "single"}],
                "get": {"parameters": [{"name": "q", "in": "query", "type": "string"}]},
                "delete": {"operationId": "Remove", "responses": {}}
            }}}),
            json!({"paths": {"/u/{id}/orders/{order}": {
                "parameters": [{"name": "order", "in": "path", "required": true, "type": "integer",
                                "x-ms-url-encoding": "single"}],
                "get": {"parameters": [added, {"name": "q", "in": "query", "type": "string"}]},
                "delete": {"operationId": "Remove", "parameters": [added], "responses": {}}
            }}}),
        );
        assert_eq!(
            found,
            [
                (
                    "/paths/~1u~1{id}~1orders~1{order}/get/parameters/0".to_string(),
                    "GET /u/{id}/orders/{order} uses `{id}` without declaring it: added `id` as \
                     a required string path parameter"
                        .to_string()
                ),
                (
                    "/paths/~1u~1{id}~1orders~1{order}/delete/parameters/0".to_string(),
                    "DELETE /u/{id}/orders/{order} uses `{id}` without declaring it: added `id` \
                     as a required string path parameter"
                        .to_string()
                )
            ]
        );
    }

    #[test]
    fn an_added_parameter_list_goes_before_the_responses() {
        let mut doc = json!({"paths": {"/u/{id}": {"get": {
            "operationId": "Get", "responses": {}, "x-ms-visibility": "important"}}}});
        crate::connector::passes::run_pass(&PATH_PARAMETERS, &mut doc);
        let keys: Vec<&String> = doc["paths"]["/u/{id}"]["get"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        assert_eq!(
            keys,
            ["operationId", "parameters", "responses", "x-ms-visibility"]
        );
    }

    #[test]
    fn declared_unresolved_or_differently_cased_variables_get_no_parameter() {
        let doc = json!({
            "parameters": {"Id": {"name": "id", "in": "path", "required": true, "type": "string",
                                  "x-ms-url-encoding": "single"}},
            "paths": {
                "/shared/{id}": {"get": {"parameters": [{"$ref": "#/parameters/Id"}]}},
                "/dangling/{id}": {"get": {"parameters": [{"$ref": "#/parameters/Missing"}]}},
                "/cased/{userId}": {"get": {"parameters": [{"name": "userid", "in": "path",
                    "required": true, "type": "string", "x-ms-url-encoding": "single"}]}},
                "/query?{params}": {"get": {}}
            }
        });
        let found = crate::connector::passes::bad_good(&PATH_PARAMETERS, doc.clone(), doc);
        assert!(found.is_empty(), "{found:?}");
    }
}
