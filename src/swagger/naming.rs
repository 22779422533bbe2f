//! The names ccforge makes: operationIds, definition names, made unique. The importers and the
//! connector passes share them, so a converted definition and a fixed one name things alike.

use std::collections::HashSet;

/// PascalCase from any text: words split at anything but ASCII letters and digits, each word's
/// first letter upper-cased, the rest kept. An apostrophe inside a word is left out rather than
/// splitting it: "a comment's text" → `ACommentsText`, not `ACommentSText`.
pub fn pascal(text: &str) -> String {
    let apostrophe = |c: char| c == '\'' || c == '\u{2019}';
    let joined: String;
    let text = if text.contains(apostrophe) {
        let chars: Vec<char> = text.chars().collect();
        joined = chars
            .iter()
            .enumerate()
            .filter(|&(i, &c)| {
                !(apostrophe(c)
                    && i > 0
                    && chars[i - 1].is_ascii_alphanumeric()
                    && chars.get(i + 1).is_some_and(char::is_ascii_alphanumeric))
            })
            .map(|(_, c)| *c)
            .collect();
        joined.as_str()
    } else {
        text
    };
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    out
}

/// An operationId from method and path: `GET /users/{id}/orders` → `GetUsersByIdOrders`.
pub fn id_from_route(method: &str, path: &str) -> String {
    let mut id = pascal(method);
    let mut any = false;
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        any = true;
        match seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(var) => {
                id.push_str("By");
                id.push_str(&pascal(var));
            }
            None => id.push_str(&pascal(seg)),
        }
    }
    if !any {
        id.push_str("Root");
    }
    id
}

/// The names of a document's definitions, lower-cased: the names [`unique`] must not take.
pub fn definition_names(doc: &serde_json::Value) -> HashSet<String> {
    doc.get("definitions")
        .and_then(serde_json::Value::as_object)
        .into_iter()
        .flatten()
        .map(|(k, _)| k.to_ascii_lowercase())
        .collect()
}

/// Makes `base` unique against `taken` (case-insensitively) with a number, and takes it.
pub fn unique(base: &str, taken: &mut HashSet<String>) -> String {
    if taken.insert(base.to_ascii_lowercase()) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}{n}"))
        .find(|c| taken.insert(c.to_ascii_lowercase()))
        .expect("an unused number exists")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(pascal("get-user_list"), "GetUserList");
        assert_eq!(pascal("listUsers"), "ListUsers");
        assert_eq!(pascal("get-user_by.id"), "GetUserById");
        assert_eq!(pascal("créer un"), "CrErUn");
        assert_eq!(
            pascal("Change a comment's message"),
            "ChangeACommentsMessage"
        );
        assert_eq!(pascal("Don\u{2019}t 'quote' me"), "DontQuoteMe");
        assert_eq!(
            id_from_route("get", "/users/{id}/orders"),
            "GetUsersByIdOrders"
        );
        assert_eq!(id_from_route("post", "/"), "PostRoot");
    }

    #[test]
    fn unique_numbers_duplicates() {
        let mut taken = HashSet::new();
        assert_eq!(unique("Get", &mut taken), "Get");
        assert_eq!(unique("get", &mut taken), "get2");
        assert_eq!(unique("Get", &mut taken), "Get3");
    }
}
