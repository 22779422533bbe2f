use crate::value::Lookup;
use std::collections::HashSet;

use serde_json::{Map, Value};

use super::shared::{definition, member};
use crate::swagger::schemas::Root;
use crate::diagnostic::escape_token;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A request body requires a property that is read-only.
    ///
    /// ## What
    /// A schema used in a body parameter (directly or through `$ref`s) lists a property in
    /// `required` that is marked `readOnly: true`.
    ///
    /// ## Why
    /// A read-only property is one the server sets and the client never sends, so it cannot also
    /// be a required input; Microsoft's validator rejects the pair
    /// (`RequiredReadOnlyPropertyNotAllowedAsInput`). It happens when one definition serves both
    /// as the response (where `id` is required) and as the request body.
    ///
    /// ## Example
    /// ```json
    /// "Item": {"type": "object", "required": ["id"],
    ///          "properties": {"id": {"type": "string", "readOnly": true}}}
    /// ```
    /// with `{"in": "body", "name": "item", "schema": {"$ref": "#/definitions/Item"}}`.
    ///
    /// ## Fix
    /// Give the request its own definition without the read-only property, or drop the property
    /// from `required`.
    pub static RULE = Definition(check) {
        code: "CCF149",
        name: "required-read-only-input",
        severity: Error,
        microsoft: ["RequiredReadOnlyPropertyNotAllowedAsInput"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let index = cx.index();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut places = Places::default();
    // The walk keeps its own stack: a chain of definitions, each a property of the one before,
    // is as deep as the file is long.
    let mut todo: Vec<(&Map<String, Value>, u32)> = Vec::new();
    for root in index.roots().filter(|s| s.root == Root::Parameter) {
        let at = places.add(NONE, Token::Schema(root.id));
        todo.push((root.value, at));
        while let Some((map, at)) = todo.pop() {
            if let Some((name, target)) = definition(cx.doc, map) {
                if seen.insert(name)
                    && let Some(target) = target.as_object()
                {
                    let definitions = places.add(NONE, Token::Key("definitions"));
                    todo.push((target, places.add(definitions, Token::Key(name))));
                }
                continue;
            }
            for name in required_read_only(map) {
                let pointer = format!(
                    "{}/properties/{}/readOnly",
                    places.pointer(at, index),
                    escape_token(name)
                );
                out.emit(
                    cx.src,
                    pointer,
                    format!("property `{name}` is read-only and required in a request body"),
                );
            }
            let first = todo.len();
            for (key, sub) in map {
                match key.as_str() {
                    "properties" => {
                        let p_at = places.add(at, Token::Key("properties"));
                        for (name, p) in sub.as_object().into_iter().flatten() {
                            if let Some(p) = p.as_object() {
                                todo.push((p, places.add(p_at, Token::Key(name))));
                            }
                        }
                    }
                    "items" | "additionalProperties" | "not" => {
                        if let Some(sub) = sub.as_object() {
                            todo.push((sub, places.add(at, Token::Key(key))));
                        }
                    }
                    "allOf" | "anyOf" | "oneOf" => {
                        let l_at = places.add(at, Token::Key(key));
                        for (i, s) in sub.as_array().into_iter().flatten().enumerate() {
                            if let Some(s) = s.as_object() {
                                todo.push((s, places.add(l_at, Token::Item(i))));
                            }
                        }
                    }
                    _ => {}
                }
            }
            // Visited in document order.
            todo[first..].reverse();
        }
    }
}

const NONE: u32 = u32::MAX;

/// How a visited schema is reached: from a root schema of the index, or by keys and list
/// indexes from there or from the document's root.
#[derive(Clone, Copy)]
enum Token<'a> {
    Schema(u32),
    Key(&'a str),
    Item(usize),
}

/// The places the walk visits, each its parent and token, so that only a reported place pays for
/// its pointer.
#[derive(Default)]
struct Places<'a> {
    steps: Vec<(u32, Token<'a>)>,
}

impl<'a> Places<'a> {
    fn add(&mut self, parent: u32, token: Token<'a>) -> u32 {
        self.steps.push((parent, token));
        (self.steps.len() - 1) as u32
    }

    fn pointer(&self, mut at: u32, index: &crate::swagger::schemas::Index) -> String {
        let mut tokens = Vec::new();
        while at != NONE {
            let (parent, token) = self.steps[at as usize];
            tokens.push(token);
            at = parent;
        }
        let mut out = String::new();
        for t in tokens.iter().rev() {
            match t {
                Token::Schema(id) => out.push_str(&index.pointer(*id)),
                Token::Key(k) => {
                    out.push('/');
                    out.push_str(&escape_token(k));
                }
                Token::Item(i) => {
                    out.push('/');
                    out.push_str(&i.to_string());
                }
            }
        }
        out
    }
}

/// The names in `required` of properties marked `readOnly: true`.
fn required_read_only(map: &Map<String, Value>) -> Vec<&str> {
    let (Some(required), Some(props)) = (
        member(map, "required").and_then(Value::as_array),
        member(map, "properties").and_then(Value::as_object),
    ) else {
        return Vec::new();
    };
    required
        .iter()
        .filter_map(Value::as_str)
        .filter(|name| {
            props
                .get(*name)
                .and_then(|p| p.field("readOnly"))
                .and_then(Value::as_bool)
                == Some(true)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_required_read_only_body_property_is_reported_once() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "paths": {
                "/a": {"post": {"parameters": [{"in": "body", "name": "b", "schema": {"$ref": "#/definitions/Item"}}]},
                       "put": {"parameters": [{"in": "body", "name": "b", "schema": {"type": "array",
                           "items": {"$ref": "#/definitions/Item"}}}]}}},
                "definitions": {"Item": {"type": "object", "required": ["id"],
                    "properties": {"id": {"type": "string", "readOnly": true}}}}}"##,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF149",
                "/definitions/Item/properties/id/readOnly",
                "property `id` is read-only and required in a request body"
            )]
        );
    }

    #[test]
    fn a_response_only_schema_passes() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "paths": {"/a": {"get": {"responses": {"200": {"description": "ok",
                "schema": {"$ref": "#/definitions/Item"}}}}}},
                "definitions": {"Item": {"type": "object", "required": ["id"],
                    "properties": {"id": {"type": "string", "readOnly": true}}}}}"##,
        );
        assert!(found.is_empty());
    }
}
