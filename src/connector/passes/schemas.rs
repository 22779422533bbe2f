//! Mends what the validator rejects in schemas and parameters: empty or repeated `required`
//! lists, arrays without `items`, `items` listed by position, defaults that are `null`, not of
//! the declared type or rejected by their schema, empty or repeated `enum` lists, and required
//! names a schema (or its `allOf` parts) does not define.

use crate::value::{Lookup, keep_first_of_each, repeats};
use serde_json::{Map, Value, json};

use super::location;
use crate::connector::PassOut;
use crate::connector::walk::Ptr;
use crate::swagger::schemas::{
    Written, converted, fits_type, json_type, member, misfit, one_object, one_primitive,
    required_undefined,
    required_undefined_in_all_of,
    written_type,
};

crate::declare_pass! {
    /// Pass: mends schemas and parameters the validator rejects: misspelt types, empty or
    /// repeated `required` names, arrays without `items`, defaults that are `null`, mistyped or
    /// rejected by their schema, empty or repeated `enum` lists.
    ///
    /// ## What
    /// A connector pass. A `type` that names no Swagger 2.0 type but spells one another way
    /// (`int`, `Integer`, `long`, `bool`, `datetime`, `uuid`, `list`, `dict`) becomes that type,
    /// with the format it implies unless one is given (`int` → `integer` + `int32`), with a
    /// warning; one that names nothing (`any`) is removed from a schema, which then accepts any
    /// type, and becomes `string` on a non-body parameter.
    ///
    /// In schemas, a `required: []` is removed and a name listed twice in `required` is kept
    /// once. An array schema without `items` gets `items: {}` (a parameter array gets
    /// `items: {type: string}`), with a warning. An `items` that lists a schema for each
    /// position (a JSON Schema tuple: Swagger 2.0 has one schema for all the items) becomes that
    /// schema when every position has the same one, else `{}`, with a warning. In schemas,
    /// non-body parameters and their `items`:
    /// - `default: null` is removed (Swagger 2.0 has no null value; `x-nullable` says a field may
    ///   be null);
    /// - a default of another JSON type than the declared `type` is written as a value of that
    ///   type when it converts (`"false"` for a `boolean` becomes `false`, `"10"` for an
    ///   `integer` becomes `10`), and removed with a warning when it does not;
    /// - an empty `enum`, which would allow no value, is removed with a warning, and a value
    ///   listed twice in an `enum` is kept once;
    /// - a default that its own schema rejects (not one of the `enum` values, a `date-time`
    ///   that is not one, outside its `minimum`, `maximum`, lengths or item counts, an object
    ///   default with a `null` member or without a required member, `$ref`s and `allOf`
    ///   followed) is removed with a warning that says why.
    ///
    /// Keywords of OpenAPI 3 and later JSON Schema, which Swagger 2.0 schemas lack, are
    /// rewritten: `nullable: true` becomes `x-nullable: true`, `const` a one-value `enum`,
    /// `examples` an `example` (the first). A `oneOf` or `anyOf` loses its `null` alternatives
    /// (the schema becomes `x-nullable`); one alternative left becomes the schema (a reference
    /// through `allOf`); alternatives of one primitive type become that type (their `enum`
    /// values joined); object alternatives, references followed, become one object with all
    /// their properties, requiring only what every alternative requires; others are removed, and
    /// the schema accepts any type. Any other keyword (`deprecated`, `writeOnly`, `not`, ...) is
    /// removed, with a warning.
    ///
    /// The property a schema's `discriminator` names, when it has no `type` and nothing else says
    /// what it holds but string `enum` values, gets `type: string`.
    ///
    /// A schema with `allOf` that lists in `required` a name neither it nor its parts define
    /// loses that name, with a warning; so does a plain object schema whose `properties` do not
    /// define a name it requires (what `required-property-undefined` reports), unless it is a
    /// member of an `allOf`, whose other members may define it.
    ///
    /// ## Why
    /// Microsoft's validator rejects all of these (`DefaultValueMustMatchType` among them), and
    /// so do other Swagger 2.0 validators; OpenAPI 3 definitions carry them often (a nullable
    /// field whose default is `null`, a boolean default written as a string).
    ///
    /// ## Example
    /// `{type: array}` becomes `{type: array, items: {}}`; `{type: boolean, default: "false"}`
    /// becomes `{type: boolean, default: false}`; `{type: datetime}` becomes
    /// `{type: string, format: date-time}`; `{discriminator: kind, required: [kind], properties:
    /// {kind: {enum: [cat, dog]}}}` gets `kind: {type: string, enum: [cat, dog]}`.
    ///
    /// ## Fix
    /// Describe the items' real type by hand; give a removed default again as a value its schema
    /// accepts (of the field's type, one of its `enum` values, with every required member), when
    /// it has one.
    pub static SCHEMAS = Pass(run) {
        code: "CCF610",
        name: "fix-schemas",
    }
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    // Defaults that only the whole schema can check (an object or a list, or under a `$ref` or
    // `allOf`), by the pointer of their schema or parameter: checked once the walk is done.
    let deep_defaults = std::sync::Mutex::new(Vec::new());
    let deeper = |at: &crate::connector::walk::Ptr| {
        let mut list = deep_defaults.lock().unwrap_or_else(|e| e.into_inner());
        list.push(String::from(at));
    };
    // Likewise the composed schemas that require names: their parts may define them.
    let composed = std::sync::Mutex::new(Vec::new());
    // The `oneOf` and `anyOf` that need the whole document, mended once the walk is done.
    let alternatives = std::sync::Mutex::new(Vec::new());
    out.each_schema(doc, |s, at, out| {
        if mend_keywords(s, at, out) {
            let mut list = alternatives.lock().unwrap_or_else(|e| e.into_inner());
            list.push(String::from(at));
        }
        mend_type(s, false, &|k| String::from(&at.key(k)), out);
        if let Some(Value::Array(names)) = s.field_mut("required") {
            if names.is_empty() {
                s.shift_remove("required");
                out.note(&at.key("required"), "removed an empty `required` list");
            } else {
                let before = names.len();
                let mut seen = std::collections::HashSet::new();
                names.retain(|n| seen.insert(n.clone()));
                if names.len() < before {
                    out.note(
                        &at.key("required"),
                        format!(
                            "removed {} repeated name(s) from `required`",
                            before - names.len()
                        ),
                    );
                }
            }
        }
        mend_tuple(s, at, out);
        if s.field("type").and_then(Value::as_str) == Some("array") && !s.has("items") {
            s.insert("items".into(), json!({}));
            out.warn(
                at,
                "an array schema had no `items`; added `items: {}` (describe the items' type)",
            );
        }
        mend_values(s, &|k| String::from(&at.key(k)), out);
        if needs_whole_schema(s) {
            deeper(at);
        }
        if s.has("allOf") && s.has("required") {
            let mut list = composed.lock().unwrap_or_else(|e| e.into_inner());
            list.push(String::from(at));
        }
        remove_undefined_required_of_object(s, at, out);
        type_discriminator(s, at, out);
    });
    out.each_parameter(doc, |p, at, out| {
        if location(p) == "body" {
            return;
        }
        mend_type(p, true, &|k| String::from(&at.key(k)), out);
        if p.field("type").and_then(Value::as_str) == Some("array") && !p.has("items") {
            let name = p.field("name").and_then(Value::as_str).unwrap_or_default();
            out.warn(
                at,
                format!("array parameter `{name}` had no `items`; added `items: {{type: string}}`"),
            );
            p.insert("items".into(), json!({"type": "string"}));
        }
        mend_values(p, &|k| String::from(&at.key(k)), out);
        if member(p, "default").is_some_and(Value::is_array) {
            deeper(at);
        }
        // The items of an array parameter, and theirs.
        let mut items = p.field_mut("items").and_then(Value::as_object_mut);
        let mut depth = 1;
        while let Some(it) = items {
            let member = |k: &str| {
                let mut pointer = String::from(at);
                pointer.push_str(&"/items".repeat(depth));
                pointer.push('/');
                pointer.push_str(k);
                pointer
            };
            mend_type(it, true, &member, out);
            mend_values(it, &member, out);
            items = it.field_mut("items").and_then(Value::as_object_mut);
            depth += 1;
        }
    });
    let mut alternatives = alternatives.into_inner().unwrap_or_else(|e| e.into_inner());
    alternatives.sort();
    mend_composed(doc, &alternatives, out);
    let mut deep_defaults = deep_defaults.into_inner().unwrap_or_else(|e| e.into_inner());
    // The walk runs on the pool: the order is made the same on every run.
    deep_defaults.sort();
    remove_misfit_defaults(doc, &deep_defaults, out);
    let mut composed = composed.into_inner().unwrap_or_else(|e| e.into_inner());
    composed.sort();
    remove_undefined_required(doc, &composed, out);
}

/// Gives the property a schema's `discriminator` names `type: string` when it has no type of
/// its own and nothing says it is not a string (no reference, no composition, no `enum` value
/// that is not a string): a discriminator must be a string, and such a property (common in
/// OpenAPI 3 definitions, where an `enum` alone says what it holds) fails
/// `discriminator-invalid` only for the missing word.
fn type_discriminator(s: &mut Map<String, Value>, at: &Ptr, out: &mut PassOut) {
    let Some(name) = s.field("discriminator").and_then(Value::as_str) else {
        return;
    };
    let name = name.to_string();
    let Some(property) = (s.field_mut("properties"))
        .and_then(Value::as_object_mut)
        .and_then(|p| p.get_mut(&name))
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let untyped = ["type", "$ref", "allOf", "anyOf", "oneOf", "items", "properties"]
        .iter()
        .all(|k| !property.has(k));
    let strings = property
        .field("enum")
        .and_then(Value::as_array)
        .is_none_or(|values| values.iter().all(Value::is_string));
    if untyped && strings {
        super::prepend(property, "type", json!("string"));
        out.note(
            String::from(&at.key("properties").key(&name)),
            format!(
                "property `{name}`, the schema's `discriminator`, had no `type`; written as \
                 `type: string`, which a discriminator must be"
            ),
        );
    }
}

/// Replaces `items` that lists a schema for each position (a JSON Schema tuple, which Swagger
/// 2.0 lacks: its `items` is one schema for every item) by that one schema when every position
/// has the same, else by `{}`, with a warning.
fn mend_tuple(s: &mut Map<String, Value>, at: &crate::connector::walk::Ptr, out: &mut PassOut) {
    let Some(Value::Array(list)) = s.field_mut("items") else {
        return;
    };
    let positions = list.len();
    let alike = list.windows(2).all(|w| w[0] == w[1]);
    let (one, what) = match list.pop() {
        Some(first) if alike => (first, "the schema every position shares".to_string()),
        Some(_) => (
            json!({}),
            format!("`{{}}`: the {positions} positions' schemas differ, so the items accept any type"),
        ),
        None => (json!({}), "`{}`".to_string()),
    };
    s.insert("items".into(), one);
    out.warn(
        &at.key("items"),
        format!(
            "`items` listed a schema for each position, which Swagger 2.0 lacks (one schema for \
             all the items); it became {what}"
        ),
    );
}

/// Removes from the `required` of a plain object schema at `at` the names its `properties` do
/// not define (a misspelt or renamed property), with a warning: validators reject them, and a
/// flow could not fill them in. A member of an `allOf`, whose other members may define them, is
/// left alone.
fn remove_undefined_required_of_object(
    s: &mut Map<String, Value>,
    at: &crate::connector::walk::Ptr,
    out: &mut PassOut,
) {
    let names: Vec<String> = (required_undefined(s).into_iter())
        .map(|(_, n)| n.to_string())
        .collect();
    if names.is_empty() {
        return;
    }
    let pointer = String::from(at);
    let (parent, last) = pointer.rsplit_once('/').unwrap_or_default();
    if parent.ends_with("/allOf") && last.parse::<usize>().is_ok() {
        return;
    }
    let listed = unrequire(s, &names);
    out.warn(
        &at.key("required"),
        format!("removed {listed} from `required`: the schema's `properties` do not define it"),
    )
    .set_help(
        "if a defined property was meant (a misspelt or renamed name), require that one in the \
         input instead",
    );
}

/// Removes from the `required` of each composed schema at `schemas` the names that none of its
/// parts defines, with a warning: validators reject them, and a flow could not fill them in.
fn remove_undefined_required(doc: &mut Value, schemas: &[String], out: &mut PassOut) {
    let found: Vec<(&String, Vec<String>)> = schemas
        .iter()
        .filter_map(|at| {
            let names = required_undefined_in_all_of(doc, doc.pointer(at)?.as_object()?);
            (!names.is_empty()).then_some((at, names))
        })
        .collect();
    for (at, names) in found {
        let Some(Value::Object(schema)) = doc.pointer_mut(at) else {
            continue;
        };
        let listed = unrequire(schema, &names);
        out.warn(
            format!("{at}/required"),
            format!(
                "removed {listed} from `required`: neither the schema nor its `allOf` parts define it"
            ),
        );
    }
}

/// Takes `names` out of the schema's `required` (the list too, when it ends up empty), and
/// lists them for a message (`` `a`, `b` ``).
fn unrequire(schema: &mut Map<String, Value>, names: &[String]) -> String {
    if let Some(Value::Array(required)) = schema.field_mut("required") {
        required.retain(|n| n.as_str().is_none_or(|n| !names.iter().any(|x| x == n)));
        if required.is_empty() {
            schema.shift_remove("required");
        }
    }
    let listed: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    listed.join(", ")
}

fn removed_misfit(why: &str) -> String {
    format!("removed the default, which its own schema rejects: the value {why}")
}

/// Whether a schema's default can be checked only against the whole schema.
fn needs_whole_schema(s: &Map<String, Value>) -> bool {
    match member(s, "default") {
        None => false,
        Some(Value::Object(_) | Value::Array(_)) => true,
        Some(_) => member(s, "$ref").is_some() || member(s, "allOf").is_some(),
    }
}

/// Removes, with a warning, each default at `owners` (pointers of schemas and parameters) that
/// is no value of its own schema: validators check a default against it, members and items
/// included, and reject the definition when it is not.
fn remove_misfit_defaults(doc: &mut Value, owners: &[String], out: &mut PassOut) {
    let misfits: Vec<(&String, String)> = owners
        .iter()
        .filter_map(|at| {
            let owner = doc.pointer(at)?.as_object()?;
            let why = misfit(doc, owner, member(owner, "default")?)?;
            Some((at, why))
        })
        .collect();
    for (at, why) in misfits {
        if let Some(Value::Object(owner)) = doc.pointer_mut(at) {
            owner.shift_remove("default");
            out.warn(format!("{at}/default"), removed_misfit(&why));
        }
    }
}

/// Mends a `type` that names no Swagger 2.0 type (`int`, `Boolean`, `datetime`) in a schema or,
/// when `parameter`, in a non-body parameter or its items: another spelling of a type becomes
/// that type, with the format it implies unless one is given; a name of nothing goes from a
/// schema, which then accepts any type, and becomes `string` on a parameter, which must have a
/// type. `at` gives the pointer of a member.
fn mend_type(
    m: &mut Map<String, Value>,
    parameter: bool,
    at: &dyn Fn(&str) -> String,
    out: &mut PassOut,
) {
    let Some(Value::String(t)) = member(m, "type") else {
        return;
    };
    let (ty, format) = match written_type(t) {
        Written::Type => return,
        _ if t == "file" => return,
        _ if t.eq_ignore_ascii_case("file") => (Some("file"), None),
        Written::Means(ty, format) if !(parameter && ty == "object") => (Some(ty), format),
        _ if parameter => (Some("string"), None),
        _ => (None, None),
    };
    let t = t.clone();
    let format = format.filter(|_| !m.has("format"));
    let (message, help) = match ty {
        Some(ty) => {
            m.insert("type".into(), json!(ty));
            let with = match format {
                Some(f) => {
                    m.insert("format".into(), json!(f));
                    format!(" with `format: {f}`")
                }
                None => String::new(),
            };
            (
                format!("`type: {t}` is not a Swagger 2.0 type; it became `type: {ty}`{with}"),
                "check that this is the type meant",
            )
        }
        None => {
            m.shift_remove("type");
            (
                format!(
                    "`type: {t}` is not a Swagger 2.0 type; it was removed, so the schema accepts \
                     any type"
                ),
                "give the type: string, number, integer, boolean, array or object",
            )
        }
    };
    out.warn(at("type"), message).set_help(help);
}

/// Mends the `default` and `enum` of a schema, parameter or `items`; `at` gives the pointer of
/// one of its members.
fn mend_values(m: &mut Map<String, Value>, at: &dyn Fn(&str) -> String, out: &mut PassOut) {
    // Most of a large definition's schemas have neither: looked for by comparing their few keys.
    let listed = member(m, "enum").and_then(Value::as_array);
    let empty_enum = listed.is_some_and(Vec::is_empty);
    let repeated_enum = listed.is_some_and(|values| repeats(values));
    if member(m, "default").is_none() && !empty_enum && !repeated_enum {
        return;
    }
    let ty = m.field("type").and_then(Value::as_str).map(str::to_string);
    match (m.field("default"), ty.as_deref()) {
        (Some(Value::Null), _) => {
            m.shift_remove("default");
            out.note(
                at("default"),
                "removed `default: null`: Swagger 2.0 has no null value (`x-nullable` says the \
                 field may be null)",
            );
        }
        (Some(d), Some(ty)) if fits_type(d, ty) == Some(false) => {
            let was = json_type(d);
            if let Some(value) = converted(d, ty) {
                let shown = value.to_string();
                m.insert("default".into(), value);
                out.note(
                    at("default"),
                    format!("wrote the `{was}` default as the `{ty}` {shown}"),
                );
            } else {
                m.shift_remove("default");
                out.warn(
                    at("default"),
                    format!(
                        "removed the `{was}` default, which is no value of the declared type \
                         `{ty}`"
                    ),
                );
            }
        }
        _ => {}
    }
    if empty_enum {
        m.shift_remove("enum");
        out.warn(
            at("enum"),
            "removed an empty `enum`, which would allow no value (list the allowed values)",
        );
    }
    // What the schema says besides the type (its `enum`, `format`, items and members without
    // references; those with them are checked once the walk is done).
    if let Some(why) = m.field("default").and_then(|d| misfit(&Value::Null, m, d)) {
        m.shift_remove("default");
        out.warn(at("default"), removed_misfit(&why));
    }
    if repeated_enum && let Some(Value::Array(values)) = m.field_mut("enum") {
        let before = values.len();
        keep_first_of_each(values);
        out.note(
            at("enum"),
            format!(
                "removed {} repeated value(s) from `enum` (Swagger 2.0 lists each value once)",
                before - values.len()
            ),
        );
    }
}

/// Whether `key` is a keyword of a Swagger 2.0 schema object (or an `x-` extension).
fn swagger_schema_key(key: &str) -> bool {
    key.starts_with("x-")
        || matches!(
            key,
            "$ref"
                | "format"
                | "title"
                | "description"
                | "default"
                | "multipleOf"
                | "maximum"
                | "exclusiveMaximum"
                | "minimum"
                | "exclusiveMinimum"
                | "maxLength"
                | "minLength"
                | "pattern"
                | "maxItems"
                | "minItems"
                | "uniqueItems"
                | "maxProperties"
                | "minProperties"
                | "required"
                | "enum"
                | "additionalProperties"
                | "type"
                | "items"
                | "allOf"
                | "properties"
                | "discriminator"
                | "readOnly"
                | "xml"
                | "externalDocs"
                | "example"
        )
}

/// Rewrites in schema `s` the keywords of OpenAPI 3 and later JSON Schema that Swagger 2.0
/// lacks: `nullable` → `x-nullable`, `const` → a one-value `enum`, `examples` → `example`; a
/// `oneOf` or `anyOf` whose alternatives are `null` and one schema, or of one primitive type,
/// becomes that schema; any other keyword is removed. Returns whether a `oneOf` or `anyOf` is
/// left, whose alternatives only the whole document can tell apart.
fn mend_keywords(s: &mut Map<String, Value>, at: &Ptr, out: &mut PassOut) -> bool {
    if s.keys().all(|k| swagger_schema_key(k)) {
        return false;
    }
    let foreign: Vec<String> = s.keys().filter(|k| !swagger_schema_key(k)).cloned().collect();
    let mut composed = false;
    for key in foreign {
        let Some(value) = s.shift_remove(&key) else { continue };
        let at_key = String::from(&at.key(&key));
        match key.as_str() {
            "nullable" if value == Value::Bool(true) => {
                if !s.has("x-nullable") {
                    s.insert("x-nullable".into(), Value::Bool(true));
                }
                out.note(at_key, "`nullable`, which Swagger 2.0 lacks, became `x-nullable`");
            }
            "nullable" => {
                // Not nullable is what a schema is without it.
                out.note(at_key, "`nullable: false`, which Swagger 2.0 lacks, was removed");
            }
            "const" if !s.has("enum") => {
                s.insert("enum".into(), Value::Array(vec![value]));
                out.note(at_key, "`const`, which Swagger 2.0 lacks, became a one-value `enum`");
            }
            "examples" if !s.has("example") => {
                let first = match value {
                    Value::Array(list) => list.into_iter().next(),
                    other => Some(other),
                };
                if let Some(first) = first {
                    s.insert("example".into(), first);
                }
                out.note(
                    at_key,
                    "`examples`, which Swagger 2.0 lacks, became `example` (the first one)",
                );
            }
            "oneOf" | "anyOf" => {
                if let Some(rest) = alternatives(s, &key, value, &at_key, out) {
                    // Put back for the step that reads the whole document.
                    s.insert(key, rest);
                    composed = true;
                }
            }
            _ => {
                out.warn(
                    at_key,
                    format!("`{key}` is not a Swagger 2.0 schema keyword, and was removed"),
                );
            }
        }
    }
    composed
}

/// Mends the `oneOf` or `anyOf` (`keyword`) of schema `s` when its alternatives alone say what
/// it becomes: `null` alternatives make it `x-nullable`; one alternative left becomes the schema
/// (a reference through `allOf`); alternatives of one primitive type become that type. Returns
/// the alternatives left when they need the whole document (references, objects).
fn alternatives(
    s: &mut Map<String, Value>,
    keyword: &str,
    value: Value,
    at: &str,
    out: &mut PassOut,
) -> Option<Value> {
    let Value::Array(list) = value else {
        out.warn(at, format!("`{keyword}` is not a list of schemas, and was removed"));
        return None;
    };
    let is_null = |v: &Value| v.field("type").and_then(Value::as_str) == Some("null");
    let nullable = list.iter().any(is_null);
    let mut real: Vec<Value> = list.into_iter().filter(|v| !is_null(v)).collect();
    if nullable {
        s.insert("x-nullable".into(), Value::Bool(true));
    }
    if real.len() == 1 {
        let Some(Value::Object(one)) = real.pop() else {
            out.warn(at, format!("`{keyword}` held no schema, and was removed"));
            return None;
        };
        if one.has("$ref") {
            let mut all = match s.shift_remove("allOf") {
                Some(Value::Array(all)) => all,
                _ => Vec::new(),
            };
            all.push(Value::Object(one));
            s.insert("allOf".into(), Value::Array(all));
        } else {
            for (k, v) in one {
                s.entry(k).or_insert(v);
            }
        }
        out.note(
            at,
            format!("`{keyword}` of one schema (and `null`), which Swagger 2.0 lacks, became that schema"),
        );
        return None;
    }
    if real.is_empty() {
        out.note(at, format!("`{keyword}` of only `null` became `x-nullable`"));
        return None;
    }
    if let Some(one) = one_primitive(&real) {
        let t = one.field("type").and_then(Value::as_str).unwrap_or_default().to_string();
        for (k, v) in one {
            s.entry(k).or_insert(v);
        }
        out.warn(
            at,
            format!(
                "`{keyword}` of {} `{t}` schemas, which Swagger 2.0 lacks, became one `{t}` schema",
                real.len()
            ),
        );
        return None;
    }
    Some(Value::Array(real))
}

/// Mends the `oneOf` and `anyOf` left by [`mend_keywords`] at `owners`, reading the schemas
/// their references lead to: object alternatives become one object with all their properties
/// (required: only what every alternative requires); others are removed, and the schema
/// accepts any type. Both with a warning.
fn mend_composed(doc: &mut Value, owners: &[String], out: &mut PassOut) {
    for at in owners {
        let Some(schema) = doc.pointer(at) else { continue };
        let keyword = if schema.has("oneOf") { "oneOf" } else { "anyOf" };
        let branches: Vec<Value> = (schema.field(keyword).and_then(Value::as_array))
            .into_iter()
            .flatten()
            .map(|b| crate::connector::walk::resolve_ref(doc, b).clone())
            .collect();
        let objects = branches.iter().all(|b| {
            b.as_object().is_some_and(|m| {
                m.has("properties")
                    && m.field("type").and_then(Value::as_str).is_none_or(|t| t == "object")
            })
        });
        let Some(Value::Object(s)) = doc.pointer_mut(at) else { continue };
        s.shift_remove(keyword);
        let at_key = format!("{at}/{keyword}");
        if !objects {
            out.warn(
                at_key,
                format!(
                    "`{keyword}` of alternatives of different types has no Swagger 2.0 form, \
                     and was removed: the schema accepts any type"
                ),
            );
            continue;
        }
        let count = branches.len();
        let own = match s.shift_remove("properties") {
            Some(Value::Object(p)) => p,
            _ => Map::new(),
        };
        // The schema's own properties stand, and require nothing of the alternatives.
        let parts = branches.into_iter().map(|b| {
            let props = b.field("properties").and_then(Value::as_object).cloned();
            let req = b.field("required").and_then(Value::as_array).cloned();
            (props.unwrap_or_default(), req.unwrap_or_default())
        });
        let (mut props, required) = one_object(parts);
        for (k, v) in own.into_iter().rev() {
            props.shift_insert(0, k, v);
        }
        s.insert("type".into(), json!("object"));
        s.insert("properties".into(), Value::Object(props));
        if !required.is_empty() {
            let mut own = match s.shift_remove("required") {
                Some(Value::Array(r)) => r,
                _ => Vec::new(),
            };
            for r in required {
                if !own.contains(&r) {
                    own.push(r);
                }
            }
            s.insert("required".into(), Value::Array(own));
        }
        out.warn(
            at_key,
            format!(
                "`{keyword}` with {count} object alternatives, which Swagger 2.0 lacks, became one \
                 object with all their properties (required: only what every alternative requires)"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_untyped_discriminator_becomes_a_string_when_nothing_says_otherwise() {
        let found = crate::connector::passes::bad_good(
            &SCHEMAS,
            json!({"definitions": {
                "Pet": {"type": "object", "discriminator": "kind", "required": ["kind"],
                    "properties": {"kind": {"enum": ["cat", "dog"], "description": "Which."}}},
                "Bare": {"type": "object", "discriminator": "odata.type",
                    "properties": {"odata.type": {}}},
                "Numbered": {"type": "object", "discriminator": "n",
                    "properties": {"n": {"enum": [1, 2]}}},
                "Referred": {"type": "object", "discriminator": "k",
                    "properties": {"k": {"$ref": "#/definitions/Kind"}}},
                "Kind": {"type": "string"}
            }}),
            json!({"definitions": {
                "Pet": {"type": "object", "discriminator": "kind", "required": ["kind"],
                    "properties": {"kind": {
                        "type": "string", "enum": ["cat", "dog"], "description": "Which."}}},
                "Bare": {"type": "object", "discriminator": "odata.type",
                    "properties": {"odata.type": {"type": "string"}}},
                "Numbered": {"type": "object", "discriminator": "n",
                    "properties": {"n": {"enum": [1, 2]}}},
                "Referred": {"type": "object", "discriminator": "k",
                    "properties": {"k": {"$ref": "#/definitions/Kind"}}},
                "Kind": {"type": "string"}
            }}),
        );
        let places: Vec<&str> = found.iter().map(|(at, _)| at.as_str()).collect();
        assert_eq!(
            places,
            [
                "/definitions/Pet/properties/kind",
                "/definitions/Bare/properties/odata.type"
            ]
        );
        assert!(found[0].1.contains("written as `type: string`"), "{found:?}");
    }

    #[test]
    fn misspelt_types_become_the_types_meant() {
        let found = crate::connector::passes::bad_good(
            &SCHEMAS,
            json!({
                "paths": {"/s": {"get": {"parameters": [
                    {"name": "id", "in": "query", "type": "int"},
                    {"name": "ids", "in": "query", "type": "list", "items": {"type": "Long"}},
                    {"name": "q", "in": "query", "type": "banana"},
                    {"name": "f", "in": "formData", "type": "file"},
                    {"name": "g", "in": "formData", "type": "File"}
                ]}}},
                "definitions": {"A": {"type": "object", "properties": {
                    "when": {"type": "datetime", "format": "date"},
                    "ok": {"type": "Boolean"},
                    "any": {"type": "any", "description": "Anything."}}}}
            }),
            json!({
                "paths": {"/s": {"get": {"parameters": [
                    {"name": "id", "in": "query", "type": "integer", "format": "int32"},
                    {"name": "ids", "in": "query", "type": "array",
                        "items": {"type": "integer", "format": "int64"}},
                    {"name": "q", "in": "query", "type": "string"},
                    {"name": "f", "in": "formData", "type": "file"},
                    {"name": "g", "in": "formData", "type": "file"}
                ]}}},
                "definitions": {"A": {"type": "object", "properties": {
                    "when": {"type": "string", "format": "date"},
                    "ok": {"type": "boolean"},
                    "any": {"description": "Anything."}}}}
            }),
        );
        let said: Vec<(&str, &str)> = found.iter().map(|(at, m)| (at.as_str(), m.as_str())).collect();
        assert_eq!(
            said,
            [
                ("/definitions/A/properties/when/type", "`type: datetime` is not a Swagger 2.0 type; it became `type: string`"),
                ("/definitions/A/properties/ok/type", "`type: Boolean` is not a Swagger 2.0 type; it became `type: boolean`"),
                ("/definitions/A/properties/any/type", "`type: any` is not a Swagger 2.0 type; it was removed, so the schema accepts any type"),
                ("/paths/~1s/get/parameters/0/type", "`type: int` is not a Swagger 2.0 type; it became `type: integer` with `format: int32`"),
                ("/paths/~1s/get/parameters/1/type", "`type: list` is not a Swagger 2.0 type; it became `type: array`"),
                ("/paths/~1s/get/parameters/1/items/type", "`type: Long` is not a Swagger 2.0 type; it became `type: integer` with `format: int64`"),
                ("/paths/~1s/get/parameters/2/type", "`type: banana` is not a Swagger 2.0 type; it became `type: string`"),
                ("/paths/~1s/get/parameters/4/type", "`type: File` is not a Swagger 2.0 type; it became `type: file`"),
            ]
        );
    }

    #[test]
    fn empty_required_goes_and_arrays_get_items() {
        let found = crate::connector::passes::bad_good(
            &SCHEMAS,
            json!({
                "paths": {"/s": {"get": {"parameters": [{"name": "ids", "in": "query", "type": "array"}]}}},
                "definitions": {"A": {"type": "object", "required": []}, "L": {"type": "array"}}
            }),
            json!({
                "paths": {"/s": {"get": {"parameters": [
                    {"name": "ids", "in": "query", "type": "array", "items": {"type": "string"}}
                ]}}},
                "definitions": {"A": {"type": "object"}, "L": {"type": "array", "items": {}}}
            }),
        );
        assert_eq!(found.len(), 3);
    }

    #[test]
    fn items_listed_by_position_become_one_schema() {
        let found = crate::connector::passes::bad_good(
            &SCHEMAS,
            json!({"definitions": {
                "Same": {"type": "array", "items": [{"type": "integer"}, {"type": "integer"}]},
                "Mixed": {"type": "array", "items": [{"type": "integer"}, {"type": "array"}]},
                "None": {"type": "array", "items": []}
            }}),
            json!({"definitions": {
                "Same": {"type": "array", "items": {"type": "integer"}},
                "Mixed": {"type": "array", "items": {}},
                "None": {"type": "array", "items": {}}
            }}),
        );
        let messages: Vec<(&str, &str)> = found
            .iter()
            .map(|(at, message)| (at.as_str(), message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                (
                    "/definitions/Same/items",
                    "`items` listed a schema for each position, which Swagger 2.0 lacks (one \
                     schema for all the items); it became the schema every position shares"
                ),
                (
                    "/definitions/Mixed/items",
                    "`items` listed a schema for each position, which Swagger 2.0 lacks (one \
                     schema for all the items); it became `{}`: the 2 positions' schemas differ, \
                     so the items accept any type"
                ),
                (
                    "/definitions/None/items",
                    "`items` listed a schema for each position, which Swagger 2.0 lacks (one \
                     schema for all the items); it became `{}`"
                ),
            ]
        );
    }

    #[test]
    fn repeated_enum_values_rejected_defaults_and_undefined_required_names_are_mended() {
        let found = crate::connector::passes::bad_good(
            &SCHEMAS,
            json!({
                "paths": {"/s": {"get": {"parameters": [
                    {"name": "when", "in": "query", "type": "string", "format": "date-time",
                        "default": "now"},
                    {"name": "ids", "in": "query", "type": "array",
                        "items": {"type": "integer"}, "default": [1, "two"]},
                    {"name": "fine", "in": "query", "type": "string", "format": "date",
                        "default": "2024-02-29", "enum": ["2024-02-29", "2024-02-29"]}
                ]}}},
                "definitions": {
                    "Flags": {"type": "object", "properties": {"uuid": {"type": "string"}}},
                    "Holder": {"type": "object", "properties": {
                        "flags": {"allOf": [{"$ref": "#/definitions/Flags"}],
                            "default": {"uuid": null}},
                        "good": {"$ref": "#/definitions/Flags", "default": {"uuid": "u"}}}},
                    "Thing": {"allOf": [{"$ref": "#/definitions/Flags"}],
                        "required": ["uuid", "method"]}
                }
            }),
            json!({
                "paths": {"/s": {"get": {"parameters": [
                    {"name": "when", "in": "query", "type": "string", "format": "date-time"},
                    {"name": "ids", "in": "query", "type": "array", "items": {"type": "integer"}},
                    {"name": "fine", "in": "query", "type": "string", "format": "date",
                        "default": "2024-02-29", "enum": ["2024-02-29"]}
                ]}}},
                "definitions": {
                    "Flags": {"type": "object", "properties": {"uuid": {"type": "string"}}},
                    "Holder": {"type": "object", "properties": {
                        "flags": {"allOf": [{"$ref": "#/definitions/Flags"}]},
                        "good": {"$ref": "#/definitions/Flags", "default": {"uuid": "u"}}}},
                    "Thing": {"allOf": [{"$ref": "#/definitions/Flags"}], "required": ["uuid"]}
                }
            }),
        );
        let said: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(
            said,
            // What the walk finds alone comes first; what needs the whole document after it.
            [
                "removed the default, which its own schema rejects: the value is no `date-time`",
                "removed the default, which its own schema rejects: the value `/1` is of the \
                 type `string`, not `integer`",
                "removed 1 repeated value(s) from `enum` (Swagger 2.0 lists each value once)",
                "removed the default, which its own schema rejects: the value `/uuid` is `null`, \
                 no value of the type `string`",
                "removed `method` from `required`: neither the schema nor its `allOf` parts \
                 define it",
            ]
        );
    }

    #[test]
    fn a_required_name_an_object_does_not_define_is_removed_unless_a_part_may_define_it() {
        let found = crate::connector::passes::bad_good(
            &SCHEMAS,
            json!({"definitions": {
                "Docker": {"type": "object", "required": ["tags", "tag"],
                    "properties": {"tag": {"type": "array", "items": {"type": "string"}}}},
                "Only": {"type": "object", "required": ["tags"],
                    "properties": {"tag": {"type": "string"}}},
                "Open": {"type": "object", "required": ["extra"], "additionalProperties": true,
                    "properties": {"tag": {"type": "string"}}},
                "Part": {"allOf": [{"type": "object", "required": ["name"],
                    "properties": {"id": {"type": "string"}}}, {"$ref": "#/definitions/Named"}]},
                "Named": {"type": "object", "properties": {"name": {"type": "string"}}}
            }}),
            json!({"definitions": {
                "Docker": {"type": "object", "required": ["tag"],
                    "properties": {"tag": {"type": "array", "items": {"type": "string"}}}},
                "Only": {"type": "object", "properties": {"tag": {"type": "string"}}},
                "Open": {"type": "object", "required": ["extra"], "additionalProperties": true,
                    "properties": {"tag": {"type": "string"}}},
                "Part": {"allOf": [{"type": "object", "required": ["name"],
                    "properties": {"id": {"type": "string"}}}, {"$ref": "#/definitions/Named"}]},
                "Named": {"type": "object", "properties": {"name": {"type": "string"}}}
            }}),
        );
        assert_eq!(
            found,
            [
                (
                    "/definitions/Docker/required".to_string(),
                    "removed `tags` from `required`: the schema's `properties` do not define it"
                        .to_string()
                ),
                (
                    "/definitions/Only/required".to_string(),
                    "removed `tags` from `required`: the schema's `properties` do not define it"
                        .to_string()
                ),
            ]
        );
    }

    #[test]
    fn null_and_mistyped_defaults_empty_enums_and_repeated_required_names_are_mended() {
        let found = crate::connector::passes::bad_good(
            &SCHEMAS,
            json!({
                "paths": {"/s": {"get": {"parameters": [
                    {"name": "top", "in": "query", "type": "integer", "default": "20 - most"},
                    {"name": "on", "in": "query", "type": "boolean", "default": "false"},
                    {"name": "ids", "in": "query", "type": "array", "items": {
                        "type": "array", "items": {"type": "integer", "default": "7", "enum": []}}},
                    {"name": "fine", "in": "query", "type": "string", "default": "a", "enum": ["a"]}
                ]}}},
                "definitions": {"A": {"type": "object", "required": ["id", "name", "id"],
                    "properties": {
                        "id": {"type": "string"}, "name": {"type": "string"},
                        "port": {"type": "integer", "x-nullable": true, "default": null},
                        "ratio": {"type": "number", "default": "0.5"},
                        "label": {"type": "string", "default": 5},
                        "kind": {"type": "string", "enum": []}}}}
            }),
            json!({
                "paths": {"/s": {"get": {"parameters": [
                    {"name": "top", "in": "query", "type": "integer"},
                    {"name": "on", "in": "query", "type": "boolean", "default": false},
                    {"name": "ids", "in": "query", "type": "array", "items": {
                        "type": "array", "items": {"type": "integer", "default": 7}}},
                    {"name": "fine", "in": "query", "type": "string", "default": "a", "enum": ["a"]}
                ]}}},
                "definitions": {"A": {"type": "object", "required": ["id", "name"],
                    "properties": {
                        "id": {"type": "string"}, "name": {"type": "string"},
                        "port": {"type": "integer", "x-nullable": true},
                        "ratio": {"type": "number", "default": 0.5},
                        "label": {"type": "string", "default": "5"},
                        "kind": {"type": "string"}}}}
            }),
        );
        // What is removed leaves the other keys in their order (the written diff stays small).
        let mut doc = json!({"definitions": {"A": {"type": "string", "default": null,
            "description": "d", "example": "e"}}});
        crate::connector::passes::run_pass(&SCHEMAS, &mut doc);
        let keys: Vec<&String> = doc["definitions"]["A"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["type", "description", "example"]);
        let at: Vec<&str> = found.iter().map(|(at, _)| at.as_str()).collect();
        assert_eq!(
            at,
            [
                "/definitions/A/required",
                "/definitions/A/properties/port/default",
                "/definitions/A/properties/ratio/default",
                "/definitions/A/properties/label/default",
                "/definitions/A/properties/kind/enum",
                "/paths/~1s/get/parameters/0/default",
                "/paths/~1s/get/parameters/1/default",
                "/paths/~1s/get/parameters/2/items/items/default",
                "/paths/~1s/get/parameters/2/items/items/enum",
            ]
        );
        assert_eq!(
            found[6].1,
            "wrote the `string` default as the `boolean` false"
        );
        assert_eq!(
            found[5].1,
            "removed the `string` default, which is no value of the declared type `integer`"
        );
    }
}

