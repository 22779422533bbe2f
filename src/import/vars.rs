//! `{{name}}` variables: resolved from --var, the environment, then the collection's variables,
//! recursively, with cycle detection.

use std::collections::HashMap;

/// Variable values by name, with where each came from.
#[derive(Debug, Default, Clone)]
pub struct Vars {
    values: HashMap<String, String>,
}

/// What resolving a text found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub text: String,
    /// Variables with no value (left as `{{name}}` in `text`).
    pub unresolved: Vec<String>,
    /// Variables whose value looks like a secret were used.
    pub secret: bool,
    /// A variable refers to itself, directly or not.
    pub cycle: Option<String>,
}

/// Whether a variable or field name suggests a secret value.
pub fn is_secret_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase().replace(['-', '_', ' ', '.'], "");
    [
        "password",
        "passwd",
        "secret",
        "token",
        "apikey",
        "accesskey",
        "privatekey",
        "clientsecret",
        "authorization",
        "credential",
        "bearer",
        "sessionid",
        "cookie",
        "signature",
    ]
    .iter()
    .any(|w| n.contains(w))
        || n == "key"
        || ends_with_word_key(name)
        || n == "auth"
        || n == "pwd"
}

/// Whether the last word of a name is "key" (`subscriptionKey`, `APP_KEY`, `master-key`), not
/// a word that merely ends in it (`monkey`, `whiskey`, `turkey`).
fn ends_with_word_key(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let Some(head) = lower.strip_suffix("key") else {
        return false;
    };
    (name.ends_with("Key") && !head.is_empty()) || head.ends_with(['-', '_', ' ', '.'])
}

impl Vars {
    /// Adds variables with lower precedence than those already present.
    pub fn add_fallback<I: IntoIterator<Item = (String, String)>>(&mut self, vars: I) {
        for (k, v) in vars {
            self.values.entry(k).or_insert(v);
        }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    pub fn resolve(&self, text: &str) -> Resolved {
        let mut r = Resolved::default();
        let mut stack = Vec::new();
        r.text = self.expand(
            text,
            &mut stack,
            &mut r.unresolved,
            &mut r.secret,
            &mut r.cycle,
        );
        r
    }

    fn expand(
        &self,
        text: &str,
        stack: &mut Vec<String>,
        unresolved: &mut Vec<String>,
        secret: &mut bool,
        cycle: &mut Option<String>,
    ) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            let Some(len) = rest[start + 2..].find("}}") else {
                break;
            };
            out.push_str(&rest[..start]);
            let name = rest[start + 2..start + 2 + len].trim();
            let whole = &rest[start..start + 2 + len + 2];
            rest = &rest[start + 2 + len + 2..];
            // Postman's dynamic variables ({{$guid}}, {{$timestamp}}) have no fixed value.
            match self.values.get(name) {
                Some(value) if !name.starts_with('$') => {
                    if stack.iter().any(|s| s == name) {
                        cycle.get_or_insert_with(|| name.to_string());
                        out.push_str(whole);
                        continue;
                    }
                    if is_secret_name(name) {
                        *secret = true;
                    }
                    stack.push(name.to_string());
                    let expanded = self.expand(value, stack, unresolved, secret, cycle);
                    stack.pop();
                    out.push_str(&expanded);
                }
                _ => {
                    if !unresolved.iter().any(|u| u == name) {
                        unresolved.push(name.to_string());
                    }
                    out.push_str(whole);
                }
            }
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(list: &[(&str, &str)]) -> Vars {
        let mut v = Vars::default();
        v.add_fallback(list.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        v
    }

    #[test]
    fn resolves_recursively_with_precedence_and_cycles() {
        let mut v = vars(&[
            ("baseUrl", "https://{{host}}/v1"),
            ("host", "api.example.com"),
        ]);
        v.add_fallback([("host".to_string(), "ignored".to_string())]);
        assert_eq!(
            v.resolve("{{baseUrl}}/users").text,
            "https://api.example.com/v1/users"
        );
        let r = v.resolve("{{nope}}/x");
        assert_eq!(r.unresolved, vec!["nope".to_string()]);
        assert_eq!(r.text, "{{nope}}/x");
        let c = vars(&[("a", "{{b}}"), ("b", "x{{a}}")]);
        let r = c.resolve("{{a}}");
        assert_eq!(r.cycle.as_deref(), Some("a"));
        assert!(vars(&[("apiKey", "k")]).resolve("{{apiKey}}").secret);
    }

    #[test]
    fn secret_names() {
        for n in [
            "password",
            "api_key",
            "apiKey",
            "X-API-Key",
            "access_token",
            "client-secret",
            "Authorization",
        ] {
            assert!(is_secret_name(n), "{n}");
        }
        for n in ["baseUrl", "userId", "page", "monkey", "keyword"] {
            assert!(!is_secret_name(n), "{n}");
        }
    }

    #[test]
    fn key_names_are_secret_only_when_key_is_a_word_of_their_own() {
        for name in [
            "key",
            "subscriptionKey",
            "APP_KEY",
            "master-key",
            "api key",
            "x-api-key",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in ["monkey", "whiskey", "turkey", "hockey", "keyword", "keys"] {
            assert!(!is_secret_name(name), "{name}");
        }
    }
}
