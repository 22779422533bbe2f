//! OpenAPI 3.0/3.1 schemas to Swagger 2.0 schemas.

use crate::swagger::SIMPLE_KEYWORDS;
use crate::swagger::pattern::Verdict;
use crate::swagger::schemas::{Written, one_object, one_primitive, written_type};
use crate::value::Lookup;
use serde_json::{Map, Value, json};

use super::codes::{REF, SCHEMA};
use super::{Conv, Loc, join};
use crate::diagnostic::{Severity, escape_token, unescape_token};

/// Keys a Swagger 2.0 schema keeps as they are.
const KEPT: &[&str] = &[
    "title",
    "description",
    "default",
    "format",
    "enum",
    "multipleOf",
    "maximum",
    "minimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
    "readOnly",
    "xml",
    "externalDocs",
    "example",
];

/// Keywords with no Swagger 2.0 form, dropped with a diagnostic.
const DROPPED: &[&str] = &[
    "not",
    "if",
    "then",
    "else",
    "unevaluatedProperties",
    "unevaluatedItems",
    "dependentRequired",
    "dependentSchemas",
    "patternProperties",
    "propertyNames",
    "contains",
    "minContains",
    "maxContains",
    "$defs",
    "definitions",
];

/// Keys that only identify or annotate and are dropped silently.
const SILENT: &[&str] = &[
    "$schema",
    "$id",
    "$anchor",
    "$comment",
    "$dynamicAnchor",
    "$dynamicRef",
    "contentSchema",
];

/// The map of a schema's `properties`, and where it is. A map written as a lone reference
/// (`properties: {$ref: attributes.yaml#/droplet}`, which bundlers resolve) is the map it points
/// at, read in its own file; a reference that leads nowhere is reported and leaves no property.
fn properties_map(cx: &mut Conv, loc: &Loc, at: String, v: Value) -> (Loc, String, Value) {
    let lone_ref = match &v {
        Value::Object(m) if m.len() == 1 => m.field("$ref").and_then(Value::as_str),
        _ => None,
    };
    let Some(r) = lone_ref else {
        return (loc.clone(), at, v);
    };
    let r = r.to_string();
    match cx.follow(loc, &r, &join(&at, "$ref")) {
        Some((target, pointer, map @ Value::Object(_))) => (target, pointer, map),
        Some((target, pointer, _)) => {
            cx.in_file(loc)
                .report(
                    &SCHEMA,
                    join(&at, "$ref"),
                    format!("`properties: {{$ref: {r}}}` points at no map of properties; the schema has no properties"),
                )
                .set_help("point it at a map of property names to schemas, or write the properties in place");
            (target, pointer, Value::Null)
        }
        None => (loc.clone(), at, Value::Null),
    }
}

/// A schema's `xml` reduced to what Swagger 2.0 allows there: `name`, `namespace` and
/// `prefix` as strings, `attribute` and `wrapped` as booleans, and extensions. `None` when
/// nothing is left; with the keys dropped, quoted.
fn xml_object(v: Value) -> (Option<Value>, Vec<String>) {
    let Value::Object(m) = v else {
        return (None, vec!["the value".into()]);
    };
    let mut dropped = Vec::new();
    let mut kept = Map::new();
    for (k, v) in m {
        let fits = match k.as_str() {
            "name" | "namespace" | "prefix" => v.is_string(),
            "attribute" | "wrapped" => v.is_boolean(),
            _ => k.starts_with("x-"),
        };
        if fits {
            kept.insert(k, v);
        } else {
            dropped.push(format!("`{k}`"));
        }
    }
    ((!kept.is_empty()).then_some(Value::Object(kept)), dropped)
}

/// Converts one schema, taking it apart: its keys and values move into the result.
pub(super) fn convert(cx: &mut Conv, loc: &Loc, s: Value, at: &str) -> Value {
    let m = match s {
        Value::Object(m) => m,
        Value::Bool(false) => {
            cx.in_file(loc).report(&SCHEMA, at, "the schema `false` (nothing is valid) has no Swagger 2.0 form; it became an empty schema");
            return json!({});
        }
        _ => return json!({}),
    };
    if let Some(r) = m.field("$ref").and_then(Value::as_str) {
        // Swagger 2.0 ignores whatever stands beside a `$ref` (OpenAPI 3.1 does not).
        let beside: Vec<String> = m
            .keys()
            .filter(|k| *k != "$ref" && !SILENT.contains(&k.as_str()))
            .map(|k| format!("`{k}`"))
            .collect();
        if !beside.is_empty() {
            let (list, verb) = match beside.len() {
                1 => (beside[0].clone(), "is"),
                _ => (beside.join(", "), "are"),
            };
            cx.in_file(loc)
                .report(
                    &SCHEMA,
                    at,
                    format!("{list} beside `$ref` {verb} ignored in Swagger 2.0; dropped"),
                )
                .set_help(
                    "move what is needed into the referenced schema, or write the reference \
                     as `allOf: [{$ref: ...}]` beside the other keys",
                );
        }
        return reference(cx, loc, r, at);
    }
    // What the keys below look at in their siblings, read before the map is taken apart.
    let has = |k: &str| m.has(k);
    let (has_items, has_type, has_example, has_format, has_encoding, has_oneof) = (
        has("items"),
        has("type"),
        has("example"),
        has("format"),
        has("contentEncoding"),
        has("oneOf") || has("anyOf"),
    );
    let discriminator_required = m
        .field("discriminator")
        .and_then(|v| {
            v.field("propertyName")
                .and_then(Value::as_str)
                .or(v.as_str())
        })
        .is_some_and(|name| {
            m.field("required")
                .and_then(Value::as_array)
                .is_some_and(|r| r.iter().any(|x| x.as_str() == Some(name)))
        });
    let mut out = Map::with_capacity(m.len());
    let mut nullable = false;
    for (key, v) in m {
        // Built only where it is used: most keys need no pointer.
        let kat = || join(at, &key);
        match key.as_str() {
            "type" => match v {
                Value::String(t) if t == "null" => nullable = true,
                Value::String(t) if written_type(&t) == Written::Type => {
                    out.insert(key, Value::String(t));
                }
                Value::String(t) => {
                    let (ty, format) = mend_type(cx, loc, &kat(), t, has_format);
                    if let Some(ty) = ty {
                        out.insert(key, ty);
                    }
                    if let Some(f) = format {
                        out.insert("format".into(), json!(f));
                    }
                }
                Value::Array(types) => {
                    let total = types.len();
                    let mut non_null: Vec<(usize, Value)> = types
                        .into_iter()
                        .enumerate()
                        .filter(|(_, t)| t.as_str() != Some("null"))
                        .collect();
                    nullable |= non_null.len() < total;
                    match non_null.len() {
                        1 => match non_null.pop().expect("one") {
                            // Spelt as a type alone would be (`[Integer, "null"]`).
                            (i, Value::String(t)) if written_type(&t) != Written::Type => {
                                let at = format!("{}/{i}", kat());
                                let (ty, format) = mend_type(cx, loc, &at, t, has_format);
                                if let Some(ty) = ty {
                                    out.insert(key, ty);
                                }
                                if let Some(f) = format {
                                    out.insert("format".into(), json!(f));
                                }
                            }
                            (_, t) => {
                                out.insert(key, t);
                            }
                        },
                        0 => {}
                        _ => {
                            let list: Vec<&str> =
                                non_null.iter().filter_map(|(_, t)| t.as_str()).collect();
                            cx.in_file(loc).report(&SCHEMA, kat(), format!("`type: [{}]` has no Swagger 2.0 form; the schema accepts any type", list.join(", ")));
                        }
                    }
                }
                _ => {}
            },
            "nullable" => nullable |= v == Value::Bool(true),
            "properties" => {
                let (props_loc, base, v) = properties_map(cx, loc, kat(), v);
                let loc = &props_loc;
                let props: Map<String, Value> = match v {
                    Value::Object(props) => props
                        .into_iter()
                        .map(|(k, p)| {
                            let pat = join(&base, &k);
                            let mut c = convert(cx, loc, p, &pat);
                            if let Value::Object(cm) = &mut c {
                                cx.withhold(
                                    loc,
                                    &pat,
                                    || format!("property `{k}`"),
                                    Some(&k),
                                    cm,
                                    VALUE_KEYS,
                                );
                            }
                            (k, c)
                        })
                        .collect(),
                    _ => Map::new(),
                };
                // After a `oneOf` or `anyOf`: their properties stay, after the schema's own.
                if let Some(Value::Object(merged)) = out.insert(key, Value::Object(props)) {
                    merge_alternatives(
                        &mut out,
                        Map::from_iter([("properties".into(), merged.into())]),
                    );
                }
            }
            "items" => {
                let items = match v {
                    Value::Array(list) => list
                        .into_iter()
                        .next()
                        .map(|f| convert(cx, loc, f, &format!("{}/0", kat())))
                        .unwrap_or_else(|| json!({})),
                    other => convert(cx, loc, other, &kat()),
                };
                out.insert(key, items);
            }
            "prefixItems" => {
                cx.in_file(loc).report(&SCHEMA, kat(), "`prefixItems` (a tuple) has no Swagger 2.0 form; the items are described by the first position's schema");
                if !has_items
                    && let Value::Array(list) = v
                    && let Some(first) = list.into_iter().next()
                {
                    let c = convert(cx, loc, first, &format!("{}/0", kat()));
                    out.insert("items".into(), c);
                }
            }
            "additionalProperties" => {
                let ap = match v {
                    Value::Bool(b) => Value::Bool(b),
                    other => convert(cx, loc, other, &kat()),
                };
                out.insert(key, ap);
            }
            "allOf" => {
                let base = kat();
                let list: Vec<Value> = match v {
                    Value::Array(list) => list
                        .into_iter()
                        .enumerate()
                        .map(|(i, b)| convert(cx, loc, b, &format!("{base}/{i}")))
                        .collect(),
                    _ => Vec::new(),
                };
                out.insert(key, Value::Array(list));
            }
            "oneOf" | "anyOf" => {
                let branches = match v {
                    Value::Array(list) => list,
                    _ => Vec::new(),
                };
                let (combined, null_branch) = combine(cx, loc, branches, &kat(), &key);
                nullable |= null_branch;
                merge_alternatives(&mut out, combined);
            }
            "const" => {
                let implied = match &v {
                    Value::String(_) => Some("string"),
                    Value::Bool(_) => Some("boolean"),
                    Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
                    Value::Number(_) => Some("number"),
                    _ => None,
                };
                out.insert("enum".into(), Value::Array(vec![v]));
                if let Some(t) = implied.filter(|_| !has_type) {
                    out.insert("type".into(), json!(t));
                }
            }
            "examples" => {
                if !has_example
                    && let Value::Array(list) = v
                    && let Some(first) = list.into_iter().next()
                {
                    out.insert("example".into(), first);
                }
            }
            "exclusiveMinimum" | "exclusiveMaximum" => {
                let bound = if key == "exclusiveMinimum" {
                    "minimum"
                } else {
                    "maximum"
                };
                match v {
                    Value::Bool(_) => {
                        out.insert(key, v);
                    }
                    Value::Number(_) => {
                        out.insert(bound.into(), v);
                        out.insert(key, json!(true));
                    }
                    _ => {}
                }
            }
            "discriminator" => {
                let name = v
                    .field("propertyName")
                    .and_then(Value::as_str)
                    .or(v.as_str());
                match name {
                    Some(n) if discriminator_required && !has_oneof => {
                        out.insert(key, json!(n));
                    }
                    _ => {
                        cx.in_file(loc).report(&SCHEMA, kat(), "this `discriminator` has no Swagger 2.0 form (2.0 needs a required property on an allOf base); dropped");
                    }
                }
            }
            "writeOnly" if v == Value::Bool(true) => {
                cx.in_file(loc).report_as(
                    &SCHEMA,
                    Severity::Info,
                    kat(),
                    "`writeOnly` has no Swagger 2.0 form; the property also appears in responses",
                );
            }
            "deprecated" => {
                out.insert("x-deprecated".into(), v);
            }
            "contentEncoding" if v.as_str() == Some("base64") && !has_format => {
                out.insert("format".into(), json!("byte"));
            }
            "contentMediaType" if !has_format && !has_encoding => {
                out.insert("format".into(), json!("binary"));
            }
            "required" if v.as_array().is_some_and(|r| !r.is_empty()) => {
                if let Some(merged) = out.insert(key, v) {
                    merge_alternatives(&mut out, Map::from_iter([("required".into(), merged)]));
                }
            }
            "writeOnly" | "contentEncoding" | "contentMediaType" | "required" => {}
            "externalDocs" if !cx.keeps_docs(loc, &v, &kat()) => {}
            "xml" => {
                let (xml, dropped) = xml_object(v);
                if !dropped.is_empty() {
                    cx.in_file(loc).report(
                        &SCHEMA,
                        kat(),
                        format!(
                            "{} of `xml` {} no Swagger 2.0 form (it has `name`, `namespace`, \
                             `prefix`, `attribute` and `wrapped`); dropped",
                            dropped.join(", "),
                            if dropped.len() == 1 { "has" } else { "have" }
                        ),
                    );
                }
                if let Some(xml) = xml {
                    out.insert(key, xml);
                }
            }
            "pattern" if let Some(Verdict::Invalid(why)) = v.as_str().map(|p| cx.pattern(p)) => {
                cx.in_file(loc)
                    .report(
                        &SCHEMA,
                        kat(),
                        format!(
                            "`pattern` is not a valid regular expression ({why}); dropped, so \
                             values are not checked against it"
                        ),
                    )
                    .set_help("correct the expression in the input to keep the check");
            }
            k if KEPT.contains(&k) => match mend_keyword(k, v) {
                Mend::Kept(v) => {
                    out.insert(key, v);
                }
                Mend::Mended(v, why) => {
                    cx.in_file(loc).report(&SCHEMA, kat(), why);
                    out.insert(key, v);
                }
                Mend::Dropped(why) => {
                    cx.in_file(loc).report(&SCHEMA, kat(), why);
                }
            },
            k if k.starts_with("x-") => {
                out.insert(key, v);
            }
            k if DROPPED.contains(&k) => {
                cx.in_file(loc).report(
                    &SCHEMA,
                    kat(),
                    if matches!(k, "$defs" | "definitions") {
                        format!(
                            "`{k}` has no Swagger 2.0 form; dropped (a `$ref` into it gets a copy \
                             of the schema it points to)"
                        )
                    } else {
                        format!("`{k}` has no Swagger 2.0 form; dropped")
                    },
                );
            }
            k if SILENT.contains(&k) => {}
            _ => {}
        }
    }
    if nullable {
        out.insert("x-nullable".into(), json!(true));
    }
    mend_enum(cx, loc, at, &mut out);
    // Values shaped like a secret, and the secret members of an object example.
    cx.withhold(loc, at, || "this schema".into(), None, &mut out, VALUE_KEYS);
    Value::Object(out)
}

pub(super) use crate::secrets::VALUE_KEYS;

/// A kept keyword's value, as Swagger 2.0 takes it.
enum Mend {
    /// Of the type Swagger 2.0 requires.
    Kept(Value),
    /// Written in the type it requires (a number written as a string, `"10"` for `10`), and
    /// what was done.
    Mended(Value, String),
    /// Of no form Swagger 2.0 takes; why it was dropped.
    Dropped(String),
}

/// `v` of keyword `key` in the type Swagger 2.0 requires of it: YAML authors write `pattern:
/// 12345` or `maxLength: "10"`, which validators reject, and the meaning is plain. What has no
/// such reading is dropped.
fn mend_keyword(key: &str, v: Value) -> Mend {
    // The value as written, for a message: built only when one is made.
    let shown = |v: &Value| {
        let text = v.to_string();
        match text.char_indices().nth(40) {
            Some((end, _)) => format!("{}…", &text[..end]),
            None => text,
        }
    };
    let mended = |was: &Value, to: Value, needs: &str| {
        let why = format!(
            "`{key}` is {}, where Swagger 2.0 needs {needs}; written as {to}",
            shown(was)
        );
        Mend::Mended(to, why)
    };
    let dropped = |was: &Value, needs: &str| {
        Mend::Dropped(format!(
            "`{key}` is {}, where Swagger 2.0 needs {needs}; dropped",
            shown(was)
        ))
    };
    let number = |v: &Value| match v {
        Value::Number(n) => n.as_f64(),
        Value::String(t) => t.trim().parse::<f64>().ok().filter(|x| x.is_finite()),
        _ => None,
    };
    // A whole number, as an integer when it is one.
    let numeric = |x: f64| {
        if x.fract() == 0.0 && x.abs() < 9.0e15 {
            json!(x as i64)
        } else {
            json!(x)
        }
    };
    match key {
        "pattern"
            if let Some(scoped) = v
                .as_str()
                .and_then(crate::swagger::pattern::scoped_inline_flags) =>
        {
            let why = format!(
                "`pattern` sets flags after its start ({}), which Python and JavaScript readers \
                 reject; written with the flags scoped to what they apply to: {}",
                shown(&v),
                Value::String(scoped.clone())
            );
            Mend::Mended(Value::String(scoped), why)
        }
        "title" | "description" | "format" | "pattern" => match v {
            Value::String(_) => Mend::Kept(v),
            Value::Number(_) | Value::Bool(_) => {
                mended(&v, Value::String(v.to_string()), "a string")
            }
            _ => dropped(&v, "a string"),
        },
        "maxLength" | "minLength" | "maxItems" | "minItems" | "maxProperties" | "minProperties" => {
            let needs = "a whole number of zero or more";
            match number(&v) {
                Some(_) if v.is_u64() => Mend::Kept(v),
                Some(x) if x >= 0.0 && x.fract() == 0.0 => mended(&v, numeric(x), needs),
                _ => dropped(&v, needs),
            }
        }
        "minimum" | "maximum" => match number(&v) {
            Some(_) if v.is_number() => Mend::Kept(v),
            Some(x) => mended(&v, numeric(x), "a number"),
            None => dropped(&v, "a number"),
        },
        "multipleOf" => match number(&v) {
            Some(x) if x > 0.0 && v.is_number() => Mend::Kept(v),
            Some(x) if x > 0.0 => mended(&v, numeric(x), "a number greater than zero"),
            _ => dropped(&v, "a number greater than zero"),
        },
        "uniqueItems" | "readOnly" => match v {
            Value::Bool(_) => Mend::Kept(v),
            Value::String(ref t) if t == "true" || t == "false" => {
                mended(&v, json!(t == "true"), "true or false")
            }
            _ => dropped(&v, "true or false"),
        },
        "enum" => match v {
            Value::Array(_) => Mend::Kept(v),
            Value::String(_) | Value::Number(_) | Value::Bool(_) => {
                mended(&v, json!([v]), "a list of values")
            }
            _ => dropped(&v, "a list of values"),
        },
        _ => Mend::Kept(v),
    }
}

/// Adds what a `oneOf` or `anyOf` became to the schema written beside it, before or after the
/// schema's own keys: the alternatives' properties join the schema's own (its own stand where
/// both name one), their common `required` joins its list, and any other key is taken where the
/// schema has none.
fn merge_alternatives(out: &mut Map<String, Value>, combined: Map<String, Value>) {
    for (k, v) in combined {
        match (k.as_str(), out.get_mut(&k), v) {
            ("properties", Some(Value::Object(own)), Value::Object(theirs)) => {
                for (name, p) in theirs {
                    own.entry(name).or_insert(p);
                }
            }
            ("required", Some(Value::Array(own)), Value::Array(theirs)) => {
                for name in theirs {
                    if !own.contains(&name) {
                        own.push(name);
                    }
                }
            }
            (_, Some(_), _) => {}
            (_, None, v) => {
                out.insert(k, v);
            }
        }
    }
}

/// A component schema, converted once (None while it is being converted: a cycle).
pub(super) fn component(cx: &mut Conv, name: &str) -> Option<Value> {
    // After the components are converted, they live in the definitions.
    if !cx.memo.contains_key(name) && cx.definition(name).is_none() {
        convert_component(cx, name);
    }
    cx.memo.get(name).or_else(|| cx.definition(name)).cloned()
}

/// Converts component schema `name` into the memo, once; a schema that refers to itself while
/// it is being converted is left out (the caller gets `None`).
pub(super) fn convert_component(cx: &mut Conv, name: &str) {
    if cx.memo.contains_key(name)
        || cx.definition(name).is_some()
        || !cx.in_progress.insert(name.to_string())
    {
        return;
    }
    let main = cx.main.clone();
    // A schema holding `$defs` stays readable while it is converted (and after): a `$ref` in
    // it may point into them, and the conversion drops them.
    let Some(raw) = cx.raw_schemas.get_mut(name).map(|raw| {
        if holds_defs(raw) {
            raw.clone()
        } else {
            std::mem::take(raw)
        }
    }) else {
        cx.in_progress.remove(name);
        return;
    };
    let at = join("/components/schemas", name);
    let v = match alias_loop(cx, name, &raw) {
        Some(chain) => {
            cx.in_file(&main)
                .report(
                    &REF,
                    join(&at, "$ref"),
                    format!(
                        "schema `{name}` is only a `$ref`, and the references lead back to it \
                         ({chain}): it describes nothing; it became an empty schema"
                    ),
                )
                .set_help("give one schema of the loop its own content, or refer to it directly");
            json!({})
        }
        None => match external_alias(cx, name, &raw, &at) {
            Some(v) => v,
            None => {
                let mut v = convert(cx, &main, raw, &at);
                // A text schema named like a secret (`api_secret`) is judged by its name, as
                // a property of that name would be (an object's members are judged by theirs).
                if let Value::Object(m) = &mut v
                    && matches!(
                        m.field("type").and_then(Value::as_str),
                        Some("string") | None
                    )
                    && !m.has("properties")
                    && crate::secrets::is_secret_name(name)
                {
                    cx.withhold(
                        &main,
                        &at,
                        || format!("schema `{name}`"),
                        Some(name),
                        m,
                        VALUE_KEYS,
                    );
                }
                v
            }
        },
    };
    cx.in_progress.remove(name);
    cx.memo.insert(name.to_string(), v);
}

/// The `$ref` of a component that is nothing but a reference to another file
/// (`Item: {$ref: ./schemas.yaml#/Item}`, as a whole map kept in another file becomes).
fn external_reference(raw: &Value) -> Option<&str> {
    let r = raw
        .as_object()
        .filter(|m| m.len() == 1)?
        .field("$ref")?
        .as_str()?;
    let local = r.starts_with('#') || r.contains("://") || r.starts_with("//");
    (!local).then_some(r)
}

/// Gives each schema of another file that a component is only a reference to the component's
/// name, before anything is converted: references to it from anywhere then name that
/// definition, rather than one made under a name of its own beside it.
pub(super) fn claim_external_aliases(cx: &mut Conv, names: &[String]) {
    let main = cx.main.clone();
    for name in names {
        let Some(r) = cx.raw_schemas.get(name).and_then(external_reference) else {
            continue;
        };
        let (r, at) = (
            r.to_string(),
            join(&join("/components/schemas", name), "$ref"),
        );
        let Some((tloc, pointer, _)) = cx.follow(&main, &r, &at) else {
            continue;
        };
        if !tloc.same(&main) {
            let key = (tloc.path.as_ref().clone(), pointer);
            cx.ext_defs.entry(key).or_insert_with(|| name.clone());
        }
    }
}

/// The conversion of component `name` when it is only a reference to a schema in another file
/// that [`claim_external_aliases`] gave its name: that schema, which becomes this definition.
fn external_alias(cx: &mut Conv, name: &str, raw: &Value, at: &str) -> Option<Value> {
    let r = external_reference(raw)?;
    let main = cx.main.clone();
    let (tloc, pointer, target) = cx.follow(&main, r, &join(at, "$ref"))?;
    let key = (tloc.path.as_ref().clone(), pointer.clone());
    if tloc.same(&main) || cx.ext_defs.get(&key).is_none_or(|claimed| claimed != name) {
        return None;
    }
    Some(convert(cx, &tloc, target, &pointer))
}

/// The component a schema is nothing but a `$ref` to, if it is one.
fn alias_of(raw: &Value) -> Option<String> {
    let rest = raw
        .field("$ref")?
        .as_str()?
        .strip_prefix("#/components/schemas/")?;
    (!rest.contains('/')).then(|| unescape_token(rest))
}

/// When component `name` (written as `raw`) is only a `$ref` and following such references
/// comes back to it (`A: {$ref: B}`, `B: {$ref: A}`), the loop (`A → B → A`). Written as it is,
/// the definitions would refer to each other forever, with no schema to reach.
fn alias_loop(cx: &Conv, name: &str, raw: &Value) -> Option<String> {
    let mut chain = vec![name.to_string()];
    let mut next = alias_of(raw)?;
    // Components converted already are no longer in `raw_schemas`: a loop through them was
    // told when the first of it was converted.
    while chain.len() <= cx.raw_schemas.len() {
        if next == name {
            chain.push(next);
            return Some(chain.join(" → "));
        }
        let following = alias_of(cx.raw_schemas.get(&next)?)?;
        chain.push(std::mem::replace(&mut next, following));
    }
    None
}

/// A `$ref` in a schema: components stay references (as definitions), other places are inlined.
fn reference(cx: &mut Conv, loc: &Loc, r: &str, at: &str) -> Value {
    if loc.same(&cx.main)
        && let Some(rest) = r.strip_prefix("#/components/schemas/")
        && !into_dropped(rest)
    {
        let name = unescape_token(rest.split('/').next().unwrap_or_default());
        if cx.raw_schema(&name).is_some()
            || cx.memo.contains_key(&name)
            || cx.definition(&name).is_some()
        {
            return json!({ "$ref": format!("#/definitions/{rest}") });
        }
        // Written as it is, the reference would dangle in the output, where the user would
        // meet it; it is reported here, where it can be corrected.
        cx.in_file(loc)
            .report(
                &REF,
                at,
                format!(
                    "`$ref: {r}` points to nothing: there is no schema `{name}` under `components/schemas`; it was replaced by an empty schema"
                ),
            )
            .set_help(format!(
                "add `{name}` under `components/schemas`, or correct the reference"
            ));
        return json!({});
    }
    let Some((tloc, pointer, target)) = cx.follow(loc, r, at) else {
        return json!({});
    };
    // Another file's reference back into the definition's own schemas names them.
    if tloc.same(&cx.main) && !loc.same(&cx.main) && pointer.starts_with("/components/schemas/") {
        return reference(cx, &tloc, &format!("#{pointer}"), at);
    }
    let key = (tloc.path.as_ref().clone(), pointer.clone());
    if tloc.same(&cx.main) {
        // A local pointer to somewhere other than components/schemas: inline it once.
        if cx.inlining.contains(&key) {
            cx.in_file(loc).report_as(&REF, Severity::Warning, at, format!("`$ref: {r}` refers to itself through an inlined schema; the inner use became an empty schema"));
            return json!({});
        }
        cx.inlining.push(key);
        let v = convert(cx, &tloc, target, &pointer);
        cx.inlining.pop();
        return v;
    }
    // Another file: each referenced schema becomes one definition.
    if let Some(name) = cx.ext_defs.get(&key) {
        return json!({ "$ref": format!("#/definitions/{}", escape_token(name)) });
    }
    let wanted = pointer
        .rsplit('/')
        .next()
        .filter(|t| !t.is_empty())
        .map(unescape_token)
        .unwrap_or_else(|| {
            tloc.path
                .file_stem()
                .map(|s| {
                    s.to_string_lossy()
                        .split('.')
                        .next()
                        .unwrap_or("Schema")
                        .to_string()
                })
                .unwrap_or_default()
        });
    let name = cx.definition_name(&wanted);
    cx.ext_defs.insert(key, name.clone());
    let converted = convert(
        cx,
        &tloc,
        target,
        if pointer.is_empty() { "" } else { &pointer },
    );
    cx.external_definitions.insert(name.clone(), converted);
    json!({ "$ref": format!("#/definitions/{}", escape_token(&name)) })
}

/// The `type` a schema writes as `t` (at `at`): `t` itself when it is a type; the type meant
/// when `t` spells it another way, with the format it implies unless the schema `has_format`;
/// nothing when `t` names no type. What changed is reported.
fn mend_type(
    cx: &mut Conv,
    loc: &Loc,
    at: &str,
    t: String,
    has_format: bool,
) -> (Option<Value>, Option<&'static str>) {
    match written_type(&t) {
        Written::Type => (Some(Value::String(t)), None),
        Written::Means(ty, format) => {
            let format = format.filter(|_| !has_format);
            let became = match format {
                Some(f) => format!("`type: {ty}` with `format: {f}`"),
                None => format!("`type: {ty}`"),
            };
            let message = format!("`type: {t}` is not a JSON Schema type; it became {became}");
            cx.in_file(loc)
                .report(&SCHEMA, at, message)
                .set_help(format!("write {became} in the definition"));
            (Some(json!(ty)), format)
        }
        Written::Unknown => {
            let message = format!(
                "`type: {t}` is not a JSON Schema type; it was dropped, so the schema accepts any \
                 type"
            );
            cx.in_file(loc)
                .report(&SCHEMA, at, message)
                .set_help("use string, number, integer, boolean, array or object");
            (None, None)
        }
    }
}

/// An `enum` (of the schema `out`, at `at`) with values not of the schema's `type`, which
/// Microsoft's validator rejects: each that converts the way .NET reads it (`2` for a string,
/// `"10"` for an integer) is written as a value of the type, and each that does not is dropped
/// (with the `enum` when none is left). Reported once per schema for each.
fn mend_enum(cx: &mut Conv, loc: &Loc, at: &str, out: &mut Map<String, Value>) {
    use crate::swagger::schemas::{converted, fits_type};
    let Some(ty) = out
        .field("type")
        .and_then(Value::as_str)
        .map(str::to_string)
    else {
        return;
    };
    let Some(Value::Array(list)) = out.field_mut("enum") else {
        return;
    };
    if list.iter().all(|v| fits_type(v, &ty) != Some(false)) {
        return;
    }
    // The values of an array's items, written beside the array (`type: array, enum: [a, b]`):
    // they go to the items, when those have no `enum` of their own and take every value.
    if ty == "array"
        && let Some(Value::Object(items)) = out.field("items")
        && !items.has("enum")
        && !items.has("$ref")
    {
        let item_type = items.field("type").and_then(Value::as_str);
        let list = out
            .field("enum")
            .and_then(Value::as_array)
            .into_iter()
            .flatten();
        if list
            .clone()
            .all(|v| !v.is_array() && item_type.is_none_or(|t| fits_type(v, t) != Some(false)))
        {
            let list = out.remove("enum").unwrap_or_default();
            if let Some(Value::Object(items)) = out.field_mut("items") {
                items.insert("enum".into(), list);
            }
            cx.in_file(loc)
                .report(
                    &SCHEMA,
                    join(at, "enum"),
                    "the `enum` of this array lists values of its items; it was moved into `items`",
                )
                .set_help("write the `enum` under `items` in the definition");
            return;
        }
    }
    let Some(Value::Array(list)) = out.field_mut("enum") else {
        return;
    };
    let (mut rewritten, mut dropped) = (Vec::new(), Vec::new());
    list.retain_mut(|v| {
        if fits_type(v, &ty) != Some(false) {
            return true;
        }
        match converted(v, &ty) {
            Some(c) => {
                rewritten.push(format!("{v}"));
                *v = c;
                true
            }
            None => {
                dropped.push(format!("{v}"));
                false
            }
        }
    });
    let emptied = list.is_empty();
    if emptied {
        out.remove("enum");
    }
    let at = join(at, "enum");
    // `the `enum` value 3 is`, `the `enum` values 1, 2 are`, and the pronoun that follows.
    let listed = |values: &[String]| match values {
        [one] => (format!("the `enum` value {one} is"), "it"),
        many => (format!("the `enum` values {} are", many.join(", ")), "they"),
    };
    if !rewritten.is_empty() {
        let (values, pronoun) = listed(&rewritten);
        let (written, as_what) = match rewritten.len() {
            1 => ("it was", format!("{} {ty} value", article(&ty))),
            _ => ("they were", format!("{ty} values")),
        };
        cx.in_file(loc)
            .report(
                &SCHEMA,
                &at,
                format!("{values} not of `type: {ty}`; {written} written as {as_what}"),
            )
            .set_help(format!(
                "write {pronoun} as {as_what} in the definition, or correct the `type`"
            ));
    }
    if !dropped.is_empty() {
        let (values, pronoun) = listed(&dropped);
        let (verbs, object) = match dropped.len() {
            1 => (("does", "was"), "it"),
            _ => (("do", "were"), "them"),
        };
        let with_enum = if emptied {
            format!(", and with {object} the `enum`")
        } else {
            String::new()
        };
        cx.in_file(loc)
            .report(
                &SCHEMA,
                &at,
                format!(
                    "{values} not of `type: {ty}` and {} not convert to it; {pronoun} {} \
                     dropped{with_enum}",
                    verbs.0, verbs.1
                ),
            )
            .set_help("correct the values or the `type` in the definition");
    }
}

/// `a` or `an` before a type's name.
fn article(ty: &str) -> &'static str {
    if ty.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Whether `v` has a `$defs` or `definitions` member somewhere.
fn holds_defs(v: &Value) -> bool {
    match v {
        Value::Object(m) => m
            .iter()
            .any(|(k, v)| matches!(k.as_str(), "$defs" | "definitions") || holds_defs(v)),
        Value::Array(a) => a.iter().any(holds_defs),
        _ => false,
    }
}

/// Whether a pointer inside a component schema (`Name/...`) passes through a keyword that is
/// dropped (`Order/$defs/Money`) or merged into one schema (`Pet/oneOf/1`): the definition will
/// not hold its target, so the target is inlined where it is referenced, as a pointer anywhere
/// else outside the components is. A property's name is not a keyword (`Rule/properties/not`).
pub(super) fn into_dropped(rest: &str) -> bool {
    let mut name_next = false;
    rest.split('/').skip(1).any(|t| {
        let t = unescape_token(t);
        if std::mem::take(&mut name_next) {
            return false;
        }
        name_next = t == "properties";
        DROPPED.contains(&t.as_ref()) || matches!(t.as_ref(), "oneOf" | "anyOf")
    })
}

fn is_null_schema(v: &Value) -> bool {
    v.field("type").and_then(Value::as_str) == Some("null")
        || v.field("type")
            .and_then(Value::as_array)
            .is_some_and(|t| t.len() == 1 && t[0] == "null")
}

/// The policy for `oneOf`/`anyOf`: one object with every branch's properties (required: those
/// all branches require), one primitive type when all agree, else the most general schema.
/// Returns the combined keys and whether a branch was `null`.
fn combine(
    cx: &mut Conv,
    loc: &Loc,
    branches: Vec<Value>,
    at: &str,
    keyword: &str,
) -> (Map<String, Value>, bool) {
    let null_branch = branches.iter().any(is_null_schema);
    let mut real: Vec<(usize, Value)> = branches
        .into_iter()
        .enumerate()
        .filter(|(_, b)| !is_null_schema(b))
        .collect();
    if real.len() == 1 {
        let (i, b) = real.pop().expect("one");
        let v = match convert(cx, loc, b, &format!("{at}/{i}")) {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        return (v, null_branch);
    }
    if real.is_empty() {
        return (Map::new(), null_branch);
    }
    // Each branch, resolved (a branch that refers back to one being merged stays opaque).
    let alternatives = real.len();
    let mut resolved = Vec::new();
    for (i, b) in real {
        let bat = format!("{at}/{i}");
        if loc.same(&cx.main)
            && let Some(name) = b
                .field("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
            && !name.contains('/')
        {
            // Already converted (or being converted: then it stays opaque).
            let name = unescape_token(name);
            resolved.push(component(cx, &name).unwrap_or_else(|| json!({})));
            continue;
        }
        if b.field("$ref").is_none() {
            resolved.push(convert(cx, loc, b, &bat));
            continue;
        }
        let Some((bloc, bptr, raw)) = cx.deref(loc, &b, &bat) else {
            resolved.push(json!({}));
            continue;
        };
        let raw = raw.into_owned();
        let key = (bloc.path.as_ref().clone(), bptr.clone());
        if cx.inlining.contains(&key) {
            resolved.push(json!({}));
            continue;
        }
        cx.inlining.push(key);
        let v = convert(cx, &bloc, raw, &bptr);
        cx.inlining.pop();
        resolved.push(v);
    }
    let ty = |v: &Value| v.field("type").and_then(Value::as_str).map(str::to_string);
    // An `allOf` branch's properties and `required`, gathered once (plain objects need none).
    let mut composed: Vec<Option<ObjectParts>> = resolved
        .iter()
        .map(|v| {
            (!plain_object(v))
                .then(|| composed_object(cx, v, 0))
                .flatten()
        })
        .collect();
    let objects = resolved
        .iter()
        .zip(&composed)
        .all(|(v, c)| plain_object(v) || c.is_some());
    let mut out = Map::new();
    if objects {
        // The branches are ours: their properties move into the merged object (an `allOf`
        // branch's are gathered from its parts).
        let parts = resolved.into_iter().zip(composed.iter_mut()).map(|(v, c)| {
            if plain_object(&v) {
                let Value::Object(mut v) = v else {
                    return Default::default();
                };
                let p = match v.remove("properties") {
                    Some(Value::Object(p)) => p,
                    _ => Map::new(),
                };
                let req = match v.remove("required") {
                    Some(Value::Array(r)) => r,
                    _ => Vec::new(),
                };
                (p, req)
            } else {
                c.take().unwrap_or_default()
            }
        });
        let (props, required) = one_object(parts);
        out.insert("type".into(), json!("object"));
        out.insert("properties".into(), Value::Object(props));
        if !required.is_empty() {
            out.insert("required".into(), Value::Array(required));
        }
        cx.in_file(loc).report(&SCHEMA, at, format!("`{keyword}` with {alternatives} object alternatives became one object with all their properties (required: only what every alternative requires)"));
    } else if let Some(one) = one_primitive(&resolved) {
        let t = one
            .field("type")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        out = one;
        cx.in_file(loc).report(
            &SCHEMA,
            at,
            format!("`{keyword}` with {alternatives} `{t}` alternatives became one `{t}` schema"),
        );
    } else {
        let kinds: Vec<String> = resolved
            .iter()
            .map(|v| ty(v).unwrap_or_else(|| "any".into()))
            .collect();
        let message = if kinds.iter().all(|k| k == "any") {
            format!(
                "`{keyword}` of alternatives that name no type has no Swagger 2.0 form; the schema accepts any type"
            )
        } else {
            format!(
                "`{keyword}` of different types ({}) has no Swagger 2.0 form; the schema accepts any type",
                kinds.join(", ")
            )
        };
        cx.in_file(loc).report(&SCHEMA, at, message);
    }
    (out, null_branch)
}

/// An object schema's properties and `required` list.
type ObjectParts = (Map<String, Value>, Vec<Value>);

/// Whether a converted schema is an object by itself: `type: object`, or properties and no type.
fn plain_object(v: &Value) -> bool {
    match v.field("type").and_then(Value::as_str) {
        Some(t) => t == "object",
        None => v.field("properties").is_some(),
    }
}

/// The properties and `required` list of a converted object schema: its own, or for an `allOf`
/// of objects (`Dog: allOf: [Pet, {properties: ...}]`) those of all its parts, a `$ref` part read
/// from the converted definitions. `None` when it is no object, or a part has another type.
fn composed_object(cx: &Conv, v: &Value, depth: usize) -> Option<ObjectParts> {
    if plain_object(v) {
        let props = v.field("properties").and_then(Value::as_object).cloned();
        let required = v.field("required").and_then(Value::as_array).cloned();
        return Some((props.unwrap_or_default(), required.unwrap_or_default()));
    }
    // Definitions that compose each other endlessly are not followed far.
    if depth > 16 || v.field("type").is_some() {
        return None;
    }
    let mut props = Map::new();
    let mut required: Vec<Value> = Vec::new();
    let mut any = false;
    for part in v.field("allOf")?.as_array()? {
        let target = match part
            .field("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/definitions/"))
        {
            Some(name) => {
                let name = unescape_token(name);
                cx.memo.get(&*name).or_else(|| cx.definition(&name))?
            }
            None => part,
        };
        match composed_object(cx, target, depth + 1) {
            Some((p, r)) => {
                any = true;
                for (k, x) in p {
                    props.entry(k).or_insert(x);
                }
                for x in r {
                    if !required.contains(&x) {
                        required.push(x);
                    }
                }
            }
            // A part that only annotates (a description) adds nothing.
            None if target.field("type").is_none() && target.field("allOf").is_none() => {}
            None => return None,
        }
    }
    any.then_some((props, required))
}

/// A schema flattened into a non-body parameter or a header: primitives (and arrays of them)
/// only, references resolved.
pub(super) fn flatten(cx: &mut Conv, loc: &Loc, raw: &Value, at: &str) -> Map<String, Value> {
    // A shared schema is flattened the same way wherever a parameter refers to it (what it
    // reports is at its own place): once. Only outside another flattening, whose cycle check
    // could cut it short.
    let shared = (raw.field("$ref").and_then(Value::as_str))
        .filter(|_| cx.inlining.is_empty())
        .map(|r| (loc.path.as_ref().clone(), r.to_string()));
    if let Some(flat) = shared.as_ref().and_then(|key| cx.flattened.get(key)) {
        return flat.clone();
    }
    let Some((l, a, r)) = cx.deref(loc, raw, at) else {
        return json!({"type": "string"})
            .as_object()
            .cloned()
            .unwrap_or_default();
    };
    let flat = flatten_target(cx, &l, &a, r.into_owned());
    if let Some(key) = shared {
        cx.flattened.insert(key, flat.clone());
    }
    flat
}

/// [`flatten`] of the schema `r`, at `a` in `l`, once its references are followed.
fn flatten_target(cx: &mut Conv, l: &Loc, a: &str, r: Value) -> Map<String, Value> {
    let key = (l.path.as_ref().clone(), a.to_string());
    if cx.inlining.contains(&key) {
        return json!({"type": "string"})
            .as_object()
            .cloned()
            .unwrap_or_default();
    }
    cx.inlining.push(key);
    let items = r.field("items").cloned();
    let parts = r.field("allOf").and_then(Value::as_array).cloned();
    let conv = convert(cx, l, r, a);
    let mut out = Map::new();
    // The simple keywords (the array ones come below), then what a parameter adds.
    let keys = SIMPLE_KEYWORDS
        .iter()
        .filter(|k| !matches!(**k, "items" | "collectionFormat"))
        .chain(&["description", "x-nullable"]);
    for k in keys {
        if let Some(v) = conv.get(*k) {
            out.insert((*k).into(), v.clone());
        }
    }
    for (k, v) in conv.as_object().into_iter().flatten() {
        if k.starts_with("x-") {
            out.insert(k.clone(), v.clone());
        }
    }
    // A parameter has no `allOf`: what its parts say (`allOf: [{$ref: Status}]` for the
    // allowed values) is said by the parameter, unless it says otherwise itself. What the parts
    // hold has been reported by their conversion above.
    for (i, part) in parts.iter().flatten().enumerate() {
        let at = join(&join(a, "allOf"), &i.to_string());
        let flat = cx.quietly(|cx| flatten(cx, l, part, &at));
        for (k, v) in flat {
            // Every part applies: of two bounds, the tighter.
            let tighter = |mine: &Value| match (mine.as_f64(), v.as_f64()) {
                (Some(a), Some(b)) if k.starts_with("max") => b < a,
                (Some(a), Some(b)) if k.starts_with("min") => b > a,
                _ => false,
            };
            // An empty `enum` beside the parts (Discord's) allows no value: theirs stands.
            let replaced = match out.field(&k) {
                None => true,
                Some(Value::Array(list)) => list.is_empty(),
                Some(mine) => tighter(mine),
            };
            if replaced {
                out.insert(k, v);
            }
        }
    }
    if out.field("type").and_then(Value::as_str) == Some("array") {
        let items = items.unwrap_or_else(|| json!({"type": "string"}));
        let mut flat = flatten(cx, l, &items, &join(a, "items"));
        // An `enum` the conversion moved into the items (see `mend_enum`).
        if let Some(e) = conv.field("items").and_then(|i| i.field("enum"))
            && !flat.has("enum")
        {
            flat.insert("enum".into(), e.clone());
        }
        if matches!(
            flat.field("type").and_then(Value::as_str),
            Some("object" | "array") | None
        ) {
            flat.insert("type".into(), json!("string"));
        }
        out.insert("items".into(), Value::Object(flat));
    }
    cx.inlining.pop();
    out
}
