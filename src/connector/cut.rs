//! Cutting a body's schema tree over the platform's 512-schema limit (`convert --cut-schemas`).
//!
//! The tree of an over-limit body is copied inline, following `$ref`s, level by level: it is
//! kept whole down to the deepest level at which it still holds at most 512 schemas, and each
//! schema below that level is replaced by an untyped `{"type": "object"}` (a scalar keeps its
//! type). A level is one step through `properties`, `items`, `additionalProperties` or `allOf`.
//! Only that body changes; the shared definitions stay whole for the other operations.

use crate::value::Lookup;
use serde_json::{Map, Value, json};

use crate::swagger::schemas::Sizes;

crate::declare_code! {
    /// A body's schema tree was cut to fit the 512-schema limit.
    ///
    /// ## What
    /// With `convert --cut-schemas`, a request or response schema with more than 512 schemas
    /// (counting what it references) was copied inline and cut at the deepest level that fits;
    /// the message gives the level and the first places cut.
    ///
    /// ## Why
    /// The platform rejects a body over the limit (`BodySchemaCountExceedsMaxAllowed`). The
    /// cut parts still reach flows as untyped objects, but the designer no longer shows their
    /// properties.
    ///
    /// ## Example
    /// A payment's response that expands its customer, invoice and charges to every depth is
    /// kept to three levels.
    ///
    /// ## Fix
    /// Check the cut places: the properties flows need should be above the cut. For a schema
    /// that must stay whole, serve it at run time with `x-ms-dynamic-schema`.
    pub static SCHEMA_CUT = Conversion {
        code: "CCF624",
        name: "schema-cut",
        severity: Warning,
    }
}

/// The platform's limit on one body's tree.
const LIMIT: u64 = 512;

/// One body that was cut: its operation's pointer, which body, the level kept, the places cut
/// (dotted paths from the body's root) and the schema counts before and after.
pub struct Cut {
    pub operation: String,
    pub body: String,
    pub depth: usize,
    pub places: Vec<String>,
    pub before: u64,
    pub after: u64,
}

/// Copies `schema` inline down to `depth` levels; `None` once it holds more than `budget`
/// schemas. `places` collects the cut paths.
fn copy(
    doc: &Value,
    schema: &Value,
    depth: usize,
    at: &str,
    count: &mut u64,
    places: &mut Vec<String>,
    chain: &mut Vec<String>,
) -> Option<Value> {
    let mut schema = schema;
    let mut followed = None;
    while let Some(r) = schema.field("$ref").and_then(Value::as_str) {
        let name = r.strip_prefix("#/definitions/")?;
        let name = crate::diagnostic::unescape_token(name);
        if chain.contains(&name) || chain.len() > 64 {
            // A cycle: cut here.
            break;
        }
        schema = doc.field("definitions")?.get(&name)?;
        followed = Some(name);
    }
    *count += 1;
    if *count > LIMIT {
        return None;
    }
    let Some(map) = schema.as_object() else {
        return Some(schema.clone());
    };
    let nested = ["properties", "items", "additionalProperties", "allOf"]
        .iter()
        .any(|k| map.get(*k).is_some_and(|v| v.is_object() || v.is_array()));
    let is_ref = map.has("$ref");
    if (depth == 0 && nested) || is_ref {
        places.push(if at.is_empty() {
            "(root)".into()
        } else {
            at.to_string()
        });
        let mut cut = Map::new();
        match map.field("type").and_then(Value::as_str) {
            Some(t) if t != "object" && t != "array" => {
                cut.insert("type".into(), json!(t));
            }
            _ => {
                cut.insert("type".into(), json!("object"));
            }
        }
        if let Some(d) = map.field("description") {
            cut.insert("description".into(), d.clone());
        }
        return Some(Value::Object(cut));
    }
    let pushed = followed.is_some();
    if let Some(n) = followed {
        chain.push(n);
    }
    let mut out = Map::new();
    let join = |a: &str, b: &str| {
        if a.is_empty() {
            b.to_string()
        } else {
            format!("{a}.{b}")
        }
    };
    let mut result = Some(());
    for (k, v) in map {
        let copied = match (k.as_str(), v) {
            ("properties", Value::Object(props)) => {
                let mut m = Map::new();
                for (name, p) in props {
                    match copy(
                        doc,
                        p,
                        depth.saturating_sub(1),
                        &join(at, name),
                        count,
                        places,
                        chain,
                    ) {
                        Some(c) => {
                            m.insert(name.clone(), c);
                        }
                        None => {
                            result = None;
                            break;
                        }
                    }
                }
                Value::Object(m)
            }
            ("items" | "additionalProperties", Value::Object(_)) => {
                match copy(
                    doc,
                    v,
                    depth.saturating_sub(1),
                    &format!("{at}[]"),
                    count,
                    places,
                    chain,
                ) {
                    Some(c) => c,
                    None => {
                        result = None;
                        Value::Null
                    }
                }
            }
            ("allOf", Value::Array(items)) => {
                let mut a = Vec::new();
                for x in items {
                    match copy(doc, x, depth.saturating_sub(1), at, count, places, chain) {
                        Some(c) => a.push(c),
                        None => {
                            result = None;
                            break;
                        }
                    }
                }
                Value::Array(a)
            }
            _ => v.clone(),
        };
        if result.is_none() {
            break;
        }
        out.insert(k.clone(), copied);
    }
    if pushed {
        chain.pop();
    }
    result.map(|()| Value::Object(out))
}

/// The deepest cut of `schema` that holds at most 512 schemas: (depth, tree, places).
fn deepest_fit(doc: &Value, schema: &Value) -> Option<(usize, Value, Vec<String>)> {
    let mut best = None;
    for depth in 1..=32 {
        let (mut count, mut places, mut chain) = (0, Vec::new(), Vec::new());
        match copy(doc, schema, depth, "", &mut count, &mut places, &mut chain) {
            Some(tree) => {
                let whole = places.is_empty();
                best = Some((depth, tree, places));
                if whole {
                    break;
                }
            }
            None => break,
        }
    }
    best
}

/// Cuts every body over the limit; what was cut, in document order.
pub fn cut_schemas(doc: &mut Value) -> Vec<Cut> {
    // Which bodies are over: (path, method, where the schema is), measured once.
    let mut over = Vec::new();
    {
        let mut sizes = Sizes::new(doc);
        for op in crate::swagger::operations(doc) {
            if let Some(params) = op.op.field("parameters").and_then(Value::as_array) {
                for (i, p) in params.iter().enumerate() {
                    if p.field("in").and_then(Value::as_str) == Some("body")
                        && let Some(s) = p.field("schema")
                    {
                        let n = sizes.of(s).count;
                        if n > LIMIT {
                            over.push((
                                op.path.to_string(),
                                op.method.to_string(),
                                format!("parameters/{i}"),
                                "request body".to_string(),
                                n,
                            ));
                        }
                    }
                }
            }
            for (status, r) in op
                .op
                .field("responses")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                if let Some(s) = r.field("schema") {
                    let n = sizes.of(s).count;
                    if n > LIMIT {
                        over.push((
                            op.path.to_string(),
                            op.method.to_string(),
                            format!("responses/{}", crate::diagnostic::escape_token(status)),
                            format!("response {status}"),
                            n,
                        ));
                    }
                }
            }
        }
    }
    let mut cuts = Vec::new();
    for (path, method, at, body, before) in over {
        let op_ptr = crate::diagnostic::pointer(["paths", path.as_str(), method.as_str()]);
        let ptr = format!("{op_ptr}/{at}/schema");
        let Some(schema) = doc.pointer(&ptr) else {
            continue;
        };
        let Some((depth, tree, places)) = deepest_fit(doc, schema) else {
            continue;
        };
        let after = {
            let probe = json!({});
            Sizes::new(&probe).of(&tree).count
        };
        if let Some(slot) = doc.pointer_mut(&ptr) {
            *slot = tree;
        }
        cuts.push(Cut {
            operation: op_ptr,
            body,
            depth,
            places,
            before,
            after,
        });
    }
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `D0` has `width` properties of `D1`, each `width` of `D2`... down to `levels`.
    fn nested(levels: usize, width: usize) -> Value {
        let mut defs = Map::new();
        for l in 0..levels {
            let props: Map<String, Value> = (0..width)
                .map(|i| {
                    (
                        format!("p{i}"),
                        json!({"$ref": format!("#/definitions/D{}", l + 1)}),
                    )
                })
                .collect();
            defs.insert(
                format!("D{l}"),
                json!({"type": "object", "properties": props}),
            );
        }
        defs.insert(format!("D{levels}"), json!({"type": "string"}));
        json!({"swagger": "2.0", "definitions": defs, "paths": {"/a": {"get": {"responses": {
            "200": {"description": "ok", "schema": {"$ref": "#/definitions/D0"}}}}}}})
    }

    #[test]
    fn a_tree_over_the_limit_is_cut_at_the_deepest_level_that_fits() {
        // 1 + 3 + 9 + 27 + 81 + 243 + 729 = 1093 schemas.
        let mut doc = nested(6, 3);
        let cuts = cut_schemas(&mut doc);
        assert_eq!(cuts.len(), 1);
        let c = &cuts[0];
        assert_eq!((c.before, c.after, c.depth), (1093, 364, 5));
        assert_eq!(c.places.len(), 243);
        assert_eq!(c.places[0], "p0.p0.p0.p0.p0");
        let cut = &doc["paths"]["/a"]["get"]["responses"]["200"]["schema"];
        assert_eq!(
            cut["properties"]["p0"]["properties"]["p0"]["properties"]["p0"]["properties"]["p0"]["properties"]
                ["p0"],
            json!({"type": "object"})
        );
        // The definitions stay whole, and a second run finds nothing to cut.
        assert!(doc["definitions"]["D5"]["properties"].is_object());
        assert!(cut_schemas(&mut doc).is_empty());
    }
}
