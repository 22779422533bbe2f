//! The names ccforge makes: operationIds, definition names, made unique. The importers and the
//! connector passes share them, so a converted definition and a fixed one name things alike.

use crate::value::Lookup;
use std::collections::{HashMap, HashSet};

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

/// The names of a document's definitions: the names [`Names::unique`] must not take.
pub fn definition_names(doc: &serde_json::Value) -> Names {
    let mut names = Names::default();
    for (k, _) in doc
        .field("definitions")
        .and_then(serde_json::Value::as_object)
        .into_iter()
        .flatten()
    {
        names.insert(k);
    }
    names
}

/// Names taken so far, compared without letter case, and the next number to try for each base
/// that was wanted twice: a thousand operations all wanting `Get` are numbered in one pass
/// each, not by counting up from 2 every time.
#[derive(Debug, Default, Clone)]
pub struct Names {
    taken: HashSet<String>,
    next: HashMap<String, u64>,
}

impl Names {
    /// Takes `name`; false when it was taken already.
    pub fn insert(&mut self, name: &str) -> bool {
        self.taken.insert(name.to_ascii_lowercase())
    }

    /// Makes `base` unique with the lowest free number from 2 up, and takes it.
    pub fn unique(&mut self, base: &str) -> String {
        let lower = base.to_ascii_lowercase();
        if self.taken.insert(lower.clone()) {
            return base.to_string();
        }
        let n = self.next.entry(lower).or_insert(2);
        loop {
            let candidate = format!("{base}{n}");
            *n += 1;
            if self.taken.insert(candidate.to_ascii_lowercase()) {
                return candidate;
            }
        }
    }
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
        let mut taken = Names::default();
        assert!(taken.insert("Get4"));
        assert_eq!(taken.unique("Get"), "Get");
        assert_eq!(taken.unique("get"), "get2");
        assert_eq!(taken.unique("Get"), "Get3");
        assert_eq!(taken.unique("GET"), "GET5");
        assert!(!taken.insert("get5"));
    }
}
