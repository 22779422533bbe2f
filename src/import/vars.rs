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

pub use crate::secrets::is_secret_name;

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
}
