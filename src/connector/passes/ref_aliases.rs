//! Points references past definitions, shared parameters and shared responses that are only a
//! `$ref` to another entry, and removes those aliases.

use crate::value::Lookup;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

use crate::connector::PassOut;
use crate::diagnostic::{escape_token, unescape_token};

crate::declare_pass! {
    /// Pass: a reference to an entry that is only a `$ref` names the entry it leads to.
    ///
    /// ## What
    /// A connector pass. An entry of `definitions`, `parameters` or `responses` that is only a
    /// `$ref` to another entry of its section (`"Pet": {"$ref": "#/definitions/Animal"}`) is an
    /// alias. Every reference to it is pointed at the entry the chain of aliases ends at, and the
    /// alias is removed. A loop of aliases, or one that leads to no entry, is left to the lint
    /// rule `ref-alias` (or `ref-not-found`): there is no entry to point at.
    ///
    /// ## Why
    /// Microsoft's validator rejects an alias (`SchemaRefLoopNotAllowed`,
    /// `ParameterRefLoopNotAllowed`, `ResponseRefLoopNotAllowed`). OpenAPI 3 definitions often
    /// name one schema twice (`ExportResponse: {$ref: Export}`), and `convert` writes each
    /// component as a definition.
    ///
    /// ## Example
    /// `"owner": {"$ref": "#/definitions/Owner"}` with `"Owner": {"$ref": "#/definitions/User"}`
    /// becomes `"owner": {"$ref": "#/definitions/User"}`, and `Owner` is removed.
    ///
    /// ## Fix
    /// Nothing to do: the schemas are the same; only the name the references use changes.
    pub static REF_ALIASES = Pass(run) {
        code: "CCF630",
        name: "fix-ref-aliases",
        microsoft: ["SchemaRefLoopNotAllowed", "ParameterRefLoopNotAllowed", "ResponseRefLoopNotAllowed"],
    }
}

const SECTIONS: &[&str] = &["definitions", "parameters", "responses"];

pub fn run(doc: &mut Value, out: &mut PassOut) {
    // Each alias's reference → the one of the entry its chain ends at, by section.
    let mut moved: BTreeMap<String, String> = BTreeMap::new();
    let mut removed: Vec<(&str, String, String)> = Vec::new();
    for &section in SECTIONS {
        let Some(entries) = doc.field(section).and_then(Value::as_object) else {
            continue;
        };
        for name in entries.keys() {
            if let Some(end) = chain_end(entries, section, name) {
                let reference = |n: &str| format!("#/{section}/{}", escape_token(n));
                moved.insert(reference(name), reference(&end));
                removed.push((section, name.clone(), end));
            }
        }
    }
    if moved.is_empty() {
        return;
    }
    // The aliases go first: their own references are no use to count.
    for (section, name, _) in &removed {
        if let Some(entries) = doc.field_mut(section).and_then(Value::as_object_mut) {
            entries.shift_remove(name);
        }
    }
    let count = super::repoint(doc, &moved);
    for (section, name, end) in &removed {
        let n = count
            .get(&format!("#/{section}/{}", escape_token(name)))
            .copied()
            .unwrap_or_default();
        out.note(
            format!("/{section}/{}", escape_token(end)),
            format!(
                "`{section}/{name}` was only a `$ref` leading to `{end}`: the {n} reference(s) \
                 to it now name `{end}`, and it is removed (an entry may not be an alias of \
                 another)"
            ),
        );
    }
}

/// The entry of `section` the aliases from `name` end at, when `name` is an alias and its
/// chain ends at an entry that is not one (not in a loop, not at a missing entry).
fn chain_end(entries: &Map<String, Value>, section: &str, name: &str) -> Option<String> {
    let mut at = name.to_string();
    // Each step leads to another entry: more steps than entries is a loop.
    for _ in 0..=entries.len() {
        match target(entries.get(&at)?, section) {
            Some(next) => at = next,
            None => return (at != name).then_some(at),
        }
    }
    None
}

/// The entry of `section` that `entry` is an alias of, when it is one: a `$ref` to a whole
/// entry of the same section.
fn target(entry: &Value, section: &str) -> Option<String> {
    let r = entry.field("$ref")?.as_str()?;
    let rest = r.strip_prefix('#')?.strip_prefix('/')?.strip_prefix(section)?;
    let name = rest.strip_prefix('/')?;
    (!name.contains('/')).then(|| unescape_token(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn references_to_an_alias_name_the_entry_its_chain_ends_at() {
        let found = crate::connector::passes::bad_good(
            &REF_ALIASES,
            json!({
                "paths": {"/pets": {"get": {
                    "parameters": [{"$ref": "#/parameters/PetId"}],
                    "responses": {
                        "200": {"description": "OK", "schema": {"type": "array",
                            "items": {"$ref": "#/definitions/Pet"}}},
                        "default": {"$ref": "#/responses/Failure"}
                    }
                }}},
                "definitions": {
                    "Pet": {"$ref": "#/definitions/Animal"},
                    "Animal": {"$ref": "#/definitions/Living~1Thing"},
                    "Living/Thing": {"type": "object", "properties": {
                        "parent": {"$ref": "#/definitions/Pet"}}},
                    "Loop": {"$ref": "#/definitions/Loop"},
                    "Dangling": {"$ref": "#/definitions/Nowhere"},
                    "Example": {"type": "object", "example": {"$ref": "#/definitions/Pet"}}
                },
                "parameters": {
                    "PetId": {"$ref": "#/parameters/Id"},
                    "Id": {"name": "id", "in": "query", "type": "string"}
                },
                "responses": {
                    "Failure": {"$ref": "#/responses/Error"},
                    "Error": {"description": "Failed"}
                }
            }),
            json!({
                "paths": {"/pets": {"get": {
                    "parameters": [{"$ref": "#/parameters/Id"}],
                    "responses": {
                        "200": {"description": "OK", "schema": {"type": "array",
                            "items": {"$ref": "#/definitions/Living~1Thing"}}},
                        "default": {"$ref": "#/responses/Error"}
                    }
                }}},
                "definitions": {
                    "Living/Thing": {"type": "object", "properties": {
                        "parent": {"$ref": "#/definitions/Living~1Thing"}}},
                    "Loop": {"$ref": "#/definitions/Loop"},
                    "Dangling": {"$ref": "#/definitions/Nowhere"},
                    "Example": {"type": "object", "example": {"$ref": "#/definitions/Pet"}}
                },
                "parameters": {"Id": {"name": "id", "in": "query", "type": "string"}},
                "responses": {"Error": {"description": "Failed"}}
            }),
        );
        let places: Vec<&str> = found.iter().map(|(at, _)| at.as_str()).collect();
        assert_eq!(
            places,
            [
                "/definitions/Living~1Thing",
                "/definitions/Living~1Thing",
                "/parameters/Id",
                "/responses/Error"
            ]
        );
        assert!(
            found[0].1.starts_with(
                "`definitions/Pet` was only a `$ref` leading to `Living/Thing`: the 2 reference(s)"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_definition_without_aliases_is_left_as_it_is() {
        let doc = json!({
            "definitions": {
                "Tree": {"type": "object", "properties": {
                    "children": {"type": "array", "items": {"$ref": "#/definitions/Tree"}}}},
                "Leaf": {"allOf": [{"$ref": "#/definitions/Tree"}]}
            }
        });
        let found = crate::connector::passes::bad_good(&REF_ALIASES, doc.clone(), doc);
        assert!(found.is_empty(), "{found:?}");
    }
}
