//! The passes themselves, one module each. Each is idempotent: running it on its own output
//! changes nothing.

use crate::value::Lookup;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Declares the pass modules and [`ALL`], from one list of `module::STATIC` in run order.
macro_rules! passes {
    ($($module:ident::$pass:ident),* $(,)?) => {
        $(pub mod $module;)*
        $(pub use $module::$pass;)*

        /// Every pass, in the order they run.
        pub static ALL: &[&super::Pass] = &[$(&$module::$pass),*];
    };
}

passes! {
    swagger_version::SWAGGER_VERSION,
    null_keywords::NULL_KEYWORDS,
    secrets::SECRETS,
    inner_refs::INNER_REFS,
    ref_aliases::REF_ALIASES,
    operation_ids::OPERATION_IDS,
    summaries::SUMMARIES,
    get_body::GET_BODY,
    body_parameters::BODY_PARAMETERS,
    connection_id::CONNECTION_ID,
    path_parameters::PATH_PARAMETERS,
    query_parameters::QUERY_PARAMETERS,
    parameter_summaries::PARAMETER_SUMMARIES,
    collection_format::COLLECTION_FORMAT,
    responses::RESPONSES,
    schemas::SCHEMAS,
    read_only_required::READ_ONLY_REQUIRED,
    description_periods::DESCRIPTION_PERIODS,
    contact::CONTACT,
    connector_metadata::CONNECTOR_METADATA,
    size::SIZE,
}

/// Splits PascalCase or camelCase into lower-case words: `GetUsersById` → `Get users by id`.
fn words_of_id(id: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = id.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let boundary = i > 0
            && c.is_uppercase()
            && (chars[i - 1].is_lowercase()
                || chars[i - 1].is_ascii_digit()
                || chars.get(i + 1).is_some_and(|n| n.is_lowercase()));
        if boundary && !out.ends_with(' ') {
            out.push(' ');
        }
        if i == 0 {
            out.extend(c.to_uppercase());
        } else if boundary && chars.get(i + 1).is_some_and(|n| n.is_lowercase()) {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The `in` of a parameter object, empty when it has none.
fn location(p: &Map<String, Value>) -> &str {
    p.field("in").and_then(Value::as_str).unwrap_or_default()
}

/// Whether a member holds data (an example, a default, allowed values) rather than definitions:
/// nothing inside it is a reference or an extension.
fn holds_data(key: &str) -> bool {
    matches!(
        key,
        "example" | "examples" | "x-example" | "default" | "enum"
    )
}

/// Inserts `key` first.
fn prepend(m: &mut Map<String, Value>, key: &str, value: Value) {
    let rest = std::mem::take(m);
    m.insert(key.into(), value);
    m.extend(rest);
}

/// Runs `pass` on `doc`; the pointer and message of each finding.
#[cfg(test)]
fn run_pass(pass: &'static super::Pass, doc: &mut Value) -> Vec<(String, String)> {
    let mut reporter = crate::diagnostic::Reporter::new("test.json", &crate::diagnostic::Declared);
    let mut out = super::PassOut {
        code: &pass.code,
        reporter: &mut reporter,
        measured: None,
        beside: &super::Beside::default(),
    };
    (pass.run)(doc, &mut out);
    reporter
        .finish()
        .into_iter()
        .map(|d| (d.pointer().unwrap_or_default().to_string(), d.message))
        .collect()
}

/// Runs `pass` over `bad` and checks that it gives `good`, then that it leaves `good` as it is
/// and reports nothing there. Returns the `(pointer, message)` of each finding of the first run.
#[cfg(test)]
fn bad_good(pass: &'static super::Pass, bad: Value, good: Value) -> Vec<(String, String)> {
    let run = run_pass;
    let mut doc = bad;
    let found = run(pass, &mut doc);
    assert_eq!(doc, good, "{}", pass.code.name);
    let again = run(pass, &mut doc);
    assert_eq!(doc, good, "{} is not idempotent", pass.code.name);
    assert!(
        again.is_empty(),
        "{} reported on its own output: {again:?}",
        pass.code.name
    );
    found
}

/// A place a walk over the document's references looks into: a value, and whether it is an
/// operation's `responses` (whose `default` is a response, not a value).
type Place<V> = (V, bool);

/// Whether the member `k` of an object holds data, not definitions; `in_responses` when the
/// object is a `responses` map.
fn data_member(k: &str, in_responses: bool) -> bool {
    !in_responses && holds_data(k)
}

/// Points every `$ref` of the document (not in examples, defaults or enums) that `moved` maps
/// to where it maps, and counts them by their old target. The path items, most of a large
/// definition, are walked on the pool.
pub(super) fn repoint(
    doc: &mut Value,
    moved: &BTreeMap<String, String>,
) -> BTreeMap<String, usize> {
    use rayon::prelude::*;
    /// One member of an object: a reference is repointed, a value to look into is pushed.
    fn member<'a>(
        (k, x): (&str, &'a mut Value),
        in_responses: bool,
        stack: &mut Vec<Place<&'a mut Value>>,
        moved: &BTreeMap<String, String>,
        count: &mut BTreeMap<String, usize>,
    ) {
        match x {
            Value::String(r) if k == "$ref" => {
                if let Some(to) = moved.get(r.as_str()) {
                    *count.entry(std::mem::replace(r, to.clone())).or_default() += 1;
                }
            }
            _ if data_member(k, in_responses) => {}
            _ => stack.push((x, k == "responses")),
        }
    }
    fn walk(
        mut stack: Vec<Place<&mut Value>>,
        moved: &BTreeMap<String, String>,
        count: &mut BTreeMap<String, usize>,
    ) {
        while let Some((v, in_responses)) = stack.pop() {
            match v {
                Value::Object(m) => {
                    for (k, x) in m.iter_mut() {
                        member((k, x), in_responses, &mut stack, moved, count);
                    }
                }
                Value::Array(a) => stack.extend(a.iter_mut().map(|x| (x, false))),
                _ => {}
            }
        }
    }
    let mut count = BTreeMap::new();
    let Some(root) = doc.as_object_mut() else {
        walk(vec![(doc, false)], moved, &mut count);
        return count;
    };
    let mut stack = Vec::new();
    for (k, v) in root.iter_mut() {
        match v {
            Value::Object(items) if k == "paths" => {
                let items: Vec<(&String, &mut Value)> = items.iter_mut().collect();
                let counts: Vec<BTreeMap<String, usize>> = items
                    .into_par_iter()
                    .map(|(k, item)| {
                        let (mut stack, mut count) = (Vec::new(), BTreeMap::new());
                        member((k, item), false, &mut stack, moved, &mut count);
                        walk(stack, moved, &mut count);
                        count
                    })
                    .collect();
                for (target, n) in counts.into_iter().flatten() {
                    *count.entry(target).or_default() += n;
                }
            }
            _ => member((k, v), false, &mut stack, moved, &mut count),
        }
    }
    walk(stack, moved, &mut count);
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_ids() {
        assert_eq!(words_of_id("GetUsersById"), "Get users by id");
        assert_eq!(words_of_id("GetHTTPStatus"), "Get HTTP status");
    }

    #[test]
    fn all_lists_every_pass_once() {
        let mut codes: Vec<&str> = ALL.iter().map(|p| p.code.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), ALL.len());
    }
}
