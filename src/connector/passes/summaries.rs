//! Creates missing operation summaries and keeps them short and free of restricted characters.

use crate::value::Lookup;
use serde_json::{Map, Value};

use super::words_of_id;
use crate::connector::PassOut;
use crate::connector::walk::{join, operation_pointer};
use crate::swagger::naming::id_from_route;

crate::declare_pass! {
    /// Pass: creates missing operation summaries; keeps them to 80 characters without / \ < > * % &
    /// ?.
    ///
    /// ## What
    /// A connector pass. An operation without `summary` gets one from its operationId
    /// (`GetUsersById` → `Get users by id`); a summary longer than 80 characters is cut at a word;
    /// the characters `/ \ < > * % & ?` are removed (`&` becomes `and`, slashes become spaces). The
    /// description is kept as it is.
    ///
    /// ## Why
    /// The summary is the action's name in the designer; Microsoft's validator rejects restricted
    /// characters (`RestrictedCharactersInSummary`) and long summaries.
    ///
    /// ## Example
    /// `summary: Create/Update <user>` becomes `Create Update user`.
    ///
    /// ## Fix
    /// Nothing to do; switch the pass off with `[passes] fix-summaries = false`.
    pub static SUMMARIES = Pass(run) {
        code: "CCF602",
        name: "fix-summaries",
        microsoft: ["RestrictedCharactersInSummary"],
    }
}

const SUMMARY_MAX: usize = 80;

/// A summary without restricted characters, at most 80 characters, cut at a word.
pub fn clean_summary(s: &str) -> String {
    let mut t = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '/' | '\\' => t.push(' '),
            '&' => t.push_str(" and "),
            '<' | '>' | '*' | '%' | '?' => {}
            c if c.is_whitespace() || c.is_control() => t.push(' '),
            c => t.push(c),
        }
    }
    let mut words = String::new();
    for w in t.split(' ').filter(|w| !w.is_empty()) {
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(w);
    }
    if words.chars().count() <= SUMMARY_MAX {
        return words;
    }
    let mut cut = String::new();
    for w in words.split(' ') {
        let extra = usize::from(!cut.is_empty()) + w.chars().count();
        if cut.chars().count() + extra > SUMMARY_MAX {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(w);
    }
    if cut.is_empty() {
        cut = words.chars().take(SUMMARY_MAX).collect();
    }
    cut
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    out.each_operation(doc, |path, method, op, out| {
        let at = join(&operation_pointer(path, method), "summary");
        let current = op.field("summary").and_then(Value::as_str);
        let cleaned = current.map(clean_summary).filter(|s| !s.is_empty());
        match (current, cleaned) {
            (Some(old), Some(new)) if old == new => {}
            (Some(old), Some(new)) => {
                out.note(
                    &at,
                    format!("summary `{old}` rewritten as `{new}` (at most 80 characters, none of / \\ < > * % & ?)"),
                );
                op.insert("summary".into(), Value::String(new));
            }
            (old, _) => {
                let from = op
                    .field("operationId")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| id_from_route(method, path));
                let new = clean_summary(&words_of_id(&from));
                if new.is_empty() {
                    return;
                }
                out.note(
                    &at,
                    match old {
                        Some(_) => format!("summary had no usable text; set to `{new}`"),
                        None => format!("added summary `{new}`"),
                    },
                );
                match op.field_mut("summary") {
                    Some(v) => *v = Value::String(new),
                    None => insert_after(op, "operationId", "summary", Value::String(new)),
                }
            }
        }
    });
}

/// Inserts `key` right after `after` (or first when `after` is absent).
fn insert_after(m: &mut Map<String, Value>, after: &str, key: &str, value: Value) {
    let rest = std::mem::take(m);
    let mut placed = !rest.contains_key(after);
    if placed {
        m.insert(key.into(), value.clone());
    }
    for (k, v) in rest {
        let here = k == after;
        m.insert(k, v);
        if here && !placed {
            m.insert(key.into(), value.clone());
            placed = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn summaries_are_cleaned_and_cut() {
        assert_eq!(
            clean_summary("Create/Update <user> & more?"),
            "Create Update user and more"
        );
        let long = "word ".repeat(30);
        let s = clean_summary(&long);
        assert!(s.len() <= 80 && s.ends_with("word"), "{s}");
        assert_eq!(clean_summary(&"x".repeat(100)).len(), 80);
    }

    #[test]
    fn summaries_are_added_and_rewritten() {
        let found = crate::connector::passes::bad_good(
            &SUMMARIES,
            json!({"paths": {"/users": {
                "get": {"operationId": "GetUsersById", "responses": {}},
                "post": {"operationId": "Make", "summary": "Create/Update <user>"}
            }}}),
            json!({"paths": {"/users": {
                "get": {"operationId": "GetUsersById", "summary": "Get users by id", "responses": {}},
                "post": {"operationId": "Make", "summary": "Create Update user"}
            }}}),
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].1, "added summary `Get users by id`");
    }
}
