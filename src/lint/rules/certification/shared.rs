//! What the certification rules share: the restricted words, the English heuristic, the
//! independent-publisher folder and the texts a person still has to write.

use crate::value::Lookup;
use serde_json::Value;

pub use crate::connector::passes::connector_metadata::{CATEGORIES, ENTRIES, entry_name};
pub use crate::connector::passes::description_periods::ends_sentence;
pub use crate::connector::placeholder::is_placeholder;

/// Power Platform product names, which certification keeps out of titles and descriptions,
/// with and without their inner space, lower case.
const PRODUCTS: &[(&str, &str)] = &[
    ("power apps", "Power Apps"),
    ("powerapps", "Power Apps"),
    ("power automate", "Power Automate"),
    ("powerautomate", "Power Automate"),
    ("logic apps", "Logic Apps"),
    ("logicapps", "Logic Apps"),
];

/// The product names a text mentions (as whole words, in any case), each once.
pub fn product_names(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    let mut found: Vec<&'static str> = Vec::new();
    for (needle, name) in PRODUCTS {
        let hit = lower.match_indices(needle).any(|(i, m)| {
            let before = lower[..i].chars().next_back();
            let after = lower[i + m.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        });
        if hit && !found.contains(name) {
            found.push(name);
        }
    }
    found
}

/// Whether `text` has `word` as a whole word, in any case.
pub fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether a text is written mostly in a script other than Latin: more than half of its
/// letters (at least four) lie outside the Latin blocks. A conservative reading of "in
/// English": French or German text passes, Japanese or Russian does not.
pub fn mostly_non_latin(text: &str) -> bool {
    let (mut letters, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        let latin = c.is_ascii() || ('\u{00c0}'..='\u{024f}').contains(&c)
            || ('\u{1e00}'..='\u{1eff}').contains(&c);
        if !latin {
            other += 1;
        }
    }
    letters >= 4 && other * 2 > letters
}

/// Whether a parameter is shown to users and labelled by itself (not a body, not internal).
pub fn is_labelled_parameter(p: &serde_json::Map<String, Value>) -> bool {
    p.field("in").and_then(Value::as_str) != Some("body")
        && p.field("x-ms-visibility").and_then(Value::as_str) != Some("internal")
        && !p.has("$ref")
}

/// Whether a definition's file lies directly in a folder under `independent-publisher-connectors/`.
pub fn independent_publisher_folder(file: &str) -> Option<std::path::PathBuf> {
    let path = std::path::Path::new(file);
    let folder = path.parent()?;
    let parent = folder.parent()?;
    let named = parent
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case("independent-publisher-connectors"));
    named.then(|| folder.to_path_buf())
}

/// Whether `key` is missing from `node`, or is a string of only white space.
pub fn blank(node: &serde_json::Map<String, Value>, key: &str) -> bool {
    node.get(key)
        .is_none_or(|v| v.as_str().is_some_and(|s| s.trim().is_empty()))
}

/// Reports every operation whose `key` is [`blank`]: "{label} has no `{key}`; certification asks
/// every operation for {what}".
pub fn operations_without(
    cx: &crate::lint::Definition,
    out: &mut crate::lint::Emitter,
    key: &str,
    what: &str,
    help: &str,
) {
    for op in cx.operations {
        if blank(op.op, key) {
            let message = format!(
                "{} has no `{key}`; certification asks every operation for {what}",
                op.label()
            );
            out.emit(cx.src, op.pointer(), message).set_help(help);
        }
    }
}

/// Reports every parameter shown to users ([`is_labelled_parameter`]) whose `key` is [`blank`].
pub fn parameters_without(
    cx: &crate::lint::Definition,
    out: &mut crate::lint::Emitter,
    key: &str,
    help: &str,
) {
    for p in cx.parameters() {
        if is_labelled_parameter(p.value) && blank(p.value, key) {
            let name = p.name().unwrap_or_default();
            out.emit(cx.src, p.pointer(), format!("parameter `{name}` has no `{key}`"))
                .set_help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_names_are_whole_words() {
        assert_eq!(product_names("Use it in Power Automate and PowerApps."), ["Power Apps", "Power Automate"]);
        assert!(product_names("Superpower apps").is_empty());
    }

    #[test]
    fn scripts() {
        assert!(mostly_non_latin("連絡先を管理します"));
        assert!(mostly_non_latin("Управление контактами"));
        assert!(!mostly_non_latin("Gérer les contacts"));
        assert!(!mostly_non_latin("Manage contacts (連絡先)"));
    }
}
