use crate::value::Lookup;
use serde_json::{Map, Value};

use crate::diagnostic::pointer;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A definition, shared parameter or shared response is only a `$ref` to another one.
    ///
    /// ## What
    /// An entry of the root `definitions`, `parameters` or `responses` is itself a `$ref`
    /// (`"Pet": {"$ref": "#/definitions/Animal"}`), so it is an alias of another entry, or a loop
    /// of aliases that never reaches a real one (`A` refers to `B`, `B` to `A`).
    ///
    /// ## Why
    /// Microsoft's validator rejects it: a definition, a shared parameter and a shared response
    /// may not use `$ref` to point to another entry (SchemaRefLoopNotAllowed,
    /// ParameterRefLoopNotAllowed, ResponseRefLoopNotAllowed). None of the accepted connectors
    /// has such an alias. A `$ref` inside a definition (a property, `items`, `allOf`) is not an
    /// alias, and recursive schemas such as a tree whose children are trees are fine.
    ///
    /// ## Example
    /// ```json
    /// "definitions": {
    ///   "Animal": {"$ref": "#/definitions/Pet"},
    ///   "Pet": {"$ref": "#/definitions/Animal"}
    /// }
    /// ```
    ///
    /// ## Fix
    /// Reference the real entry wherever the alias is used and remove the alias; for a loop, give
    /// one of the entries its real content. `ccforge fix` (and `convert`) does the first
    /// (`fix-ref-aliases`).
    pub static RULE = Definition(check) {
        code: "CCF123",
        name: "ref-alias",
        severity: Error,
        microsoft: ["SchemaRefLoopNotAllowed", "ParameterRefLoopNotAllowed", "ResponseRefLoopNotAllowed"],
    }
}

const SECTIONS: &[(&str, &str)] = &[
    ("definitions", "definition"),
    ("parameters", "shared parameter"),
    ("responses", "shared response"),
];

fn check(cx: &Definition, out: &mut Emitter) {
    for &(section, label) in SECTIONS {
        let Some(entries) = cx.doc.get(section).and_then(Value::as_object) else {
            continue;
        };
        let looping = on_loops(entries, section);
        for (i, (name, entry)) in entries.iter().enumerate() {
            let Some(target) = alias(entry) else { continue };
            let looped = looping[i];
            let message = if looped {
                format!(
                    "{label} `{name}` is only a `$ref` to `{target}`, and the chain of such references leads back to `{name}`"
                )
            } else {
                format!("{label} `{name}` is only a `$ref` to `{target}`")
            };
            out.emit(cx.src, pointer([section, name, "$ref"]), message)
                .set_help(format!(
                    "reference the target directly wherever `{name}` is used, and remove `{name}`"
                ));
        }
    }
}

/// The `$ref` an entry is made of, when it is one.
fn alias(entry: &Value) -> Option<&str> {
    entry.field("$ref").and_then(Value::as_str)
}

/// Whether following the aliases from `start` within `section` comes back to it.
/// For each entry, whether following its alias chain leads back to it. Each entry is an alias of
/// at most one other, so every chain is walked once: a walk stops at an entry an earlier walk
/// reached, and a walk that meets itself has found a loop.
fn on_loops(entries: &Map<String, Value>, section: &str) -> Vec<bool> {
    let prefix = format!("#/{section}/");
    let list: Vec<&Value> = entries.values().collect();
    let index: std::collections::HashMap<&str, usize> = entries
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let next = |i: usize| -> Option<usize> {
        let name = alias(list[i])?.strip_prefix(prefix.as_str())?;
        index
            .get(crate::diagnostic::unescape_token(name).as_str())
            .copied()
    };
    // 0: not reached yet; otherwise the number of the walk that reached the entry.
    let mut walk_of = vec![0usize; entries.len()];
    let mut looping = vec![false; entries.len()];
    for start in 0..entries.len() {
        if walk_of[start] != 0 {
            continue;
        }
        let walk = start + 1;
        let mut at = start;
        let mut path = Vec::new();
        loop {
            walk_of[at] = walk;
            path.push(at);
            match next(at) {
                Some(n) if walk_of[n] == 0 => at = n,
                Some(n) if walk_of[n] == walk => {
                    // The walk came back to `n`: the entries from `n` on are a loop.
                    let from = path.iter().position(|&p| p == n).unwrap_or(0);
                    for &p in &path[from..] {
                        looping[p] = true;
                    }
                    break;
                }
                _ => break,
            }
        }
    }
    looping
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn aliases_and_alias_loops_are_reported() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0",
                "definitions": {"A": {"$ref": "#/definitions/B"}, "B": {"$ref": "#/definitions/A"},
                                "C": {"$ref": "#/definitions/D"}, "D": {"type": "object"}},
                "parameters": {"Id": {"$ref": "#/parameters/Other"}, "Other": {"name": "x", "in": "query", "type": "string"}},
                "responses": {"Gone": {"$ref": "#/responses/Gone"}}}"##,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF123",
                    "/definitions/A/$ref",
                    "definition `A` is only a `$ref` to `#/definitions/B`, and the chain of such references leads back to `A`"
                ),
                (
                    "CCF123",
                    "/definitions/B/$ref",
                    "definition `B` is only a `$ref` to `#/definitions/A`, and the chain of such references leads back to `B`"
                ),
                (
                    "CCF123",
                    "/definitions/C/$ref",
                    "definition `C` is only a `$ref` to `#/definitions/D`"
                ),
                (
                    "CCF123",
                    "/parameters/Id/$ref",
                    "shared parameter `Id` is only a `$ref` to `#/parameters/Other`"
                ),
                (
                    "CCF123",
                    "/responses/Gone/$ref",
                    "shared response `Gone` is only a `$ref` to `#/responses/Gone`, and the chain of such references leads back to `Gone`"
                ),
            ]
        );
    }

    #[test]
    fn recursive_definitions_pass() {
        let found = lint_definition(
            &RULE,
            r##"{"swagger": "2.0", "definitions": {"Node": {"type": "object", "properties": {
                "children": {"type": "array", "items": {"$ref": "#/definitions/Node"}},
                "parent": {"$ref": "#/definitions/Node"}}}}}"##,
        );
        assert!(found.is_empty());
    }
}
