//! Ends descriptions that stop on a letter, a digit or a closing bracket with a period.

use crate::value::Lookup;
use serde_json::{Map, Value};

use crate::connector::PassOut;
use crate::connector::placeholder::is_placeholder;
use crate::connector::walk::{for_each_parameter, join, operation_keys, operation_mut, operation_pointer};

crate::declare_pass! {
    /// Pass (certification): descriptions that end on a letter, digit or closing bracket get a
    /// final period.
    ///
    /// ## What
    /// A connector pass of the certification profile (it runs with `--profile certification` or
    /// `profile = "certification"`, or when switched on in `[passes]`). The definition's
    /// `info.description`, each operation's `description` and each parameter's `description` that
    /// ends on a letter, a digit or a closing bracket or quote gets a period at the end. A
    /// description that ends on other punctuation (`:`, `,`, `;`) is left for a person to rewrite.
    ///
    /// ## Why
    /// Certification asks for descriptions written as full sentences ending in punctuation.
    ///
    /// ## Example
    /// `description: Lists the users` becomes `Lists the users.`
    ///
    /// ## Fix
    /// Nothing to do; the rule `description-no-final-punctuation` reports what is left.
    pub static DESCRIPTION_PERIODS = Pass(run) {
        code: "CCF613",
        name: "fix-description-periods",
        profile: Certification,
    }
}

/// Closing characters that may follow a sentence's final punctuation.
const CLOSERS: &[char] = &[')', ']', '}', '"', '\'', '\u{201d}', '\u{2019}', '`', '*'];

/// Whether a text ends as a sentence does: in `.`, `!` or `?` (or their full-width forms),
/// possibly followed by closing brackets or quotes.
pub fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end().trim_end_matches(CLOSERS);
    t.ends_with(['.', '!', '?', '\u{3002}', '\u{ff01}', '\u{ff1f}', '\u{2026}'])
}

/// Whether a period can be added mechanically: the text ends on a letter, digit or closer.
fn wants_period(s: &str) -> bool {
    let t = s.trim_end();
    !ends_sentence(t)
        && !is_placeholder(t)
        && t.chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || CLOSERS.contains(&c))
}

fn fix(m: &mut Map<String, Value>, at: &str, what: &str, out: &mut PassOut) {
    let Some(Value::String(d)) = m.field_mut("description") else {
        return;
    };
    if !wants_period(d) {
        return;
    }
    let trimmed = d.trim_end().len();
    d.truncate(trimmed);
    d.push('.');
    out.note(
        join(at, "description"),
        format!("the description of {what} now ends with a period"),
    );
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    if let Some(info) = doc.field_mut("info").and_then(Value::as_object_mut) {
        fix(info, "/info", "the connector", out);
    }
    for (path, method) in operation_keys(doc) {
        let at = operation_pointer(&path, &method);
        let label = format!("{} {path}", method.to_ascii_uppercase());
        if let Some(op) = operation_mut(doc, &path, &method) {
            fix(op, &at, &label, out);
        }
    }
    for_each_parameter(doc, |p, at| {
        let name = p
            .field("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        fix(p, &at.to_string(), &format!("parameter `{name}`"), out);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sentences_get_their_period() {
        let found = crate::connector::passes::bad_good(
            &DESCRIPTION_PERIODS,
            json!({"info": {"description": "Manage Contoso users "},
                   "paths": {"/u": {"get": {"description": "Lists users (all of them)",
                     "parameters": [
                       {"name": "q", "in": "query", "description": "Filter, for example:"},
                       {"name": "top", "in": "query", "description": "How many?"}
                     ]}}}}),
            json!({"info": {"description": "Manage Contoso users."},
                   "paths": {"/u": {"get": {"description": "Lists users (all of them).",
                     "parameters": [
                       {"name": "q", "in": "query", "description": "Filter, for example:"},
                       {"name": "top", "in": "query", "description": "How many?"}
                     ]}}}}),
        );
        assert_eq!(
            found,
            [
                ("/info/description".to_string(), "the description of the connector now ends with a period".to_string()),
                ("/paths/~1u/get/description".to_string(), "the description of GET /u now ends with a period".to_string()),
            ]
        );
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("Done."));
        assert!(ends_sentence("Is it (really)?\")"));
        assert!(!ends_sentence("Values:"));
        assert!(!ends_sentence("Lists users"));
    }
}
