//! `{{name}}` variables: resolved from --var, the environment, then the collection's variables,
//! recursively, with cycle detection.

use std::collections::HashMap;

/// Variable values by name, with where each came from.
#[derive(Debug, Default, Clone)]
pub struct Vars {
    values: HashMap<String, String>,
    /// How many bytes all resolutions so far have added (clones share it): one value of a few
    /// hundred kilobytes used in thousands of places would otherwise make gigabytes.
    spent: std::sync::Arc<std::sync::atomic::AtomicUsize>,
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
    /// A variable whose value, with the variables it uses, nests deeper than [`MAX_NESTING`] or
    /// grows past [`MAX_EXPANSION_BYTES`] (or past what is left of
    /// [`MAX_TOTAL_EXPANSION_BYTES`]): it is left as `{{name}}` from there on.
    pub too_large: Option<String>,
}

/// How many variables deep a value may refer (`a` uses `b`, which uses `c`, ...).
pub const MAX_NESTING: usize = 32;

/// How many bytes resolving one text may produce beyond the text itself. Two references per
/// value, 30 levels deep, would otherwise make a gigabyte from a one-kilobyte collection.
pub const MAX_EXPANSION_BYTES: usize = 256 * 1024;

/// How many bytes the resolutions of one collection may add in all.
pub const MAX_TOTAL_EXPANSION_BYTES: usize = 64 << 20;

use crate::secrets::is_secret_name;

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
        use std::sync::atomic::Ordering::Relaxed;
        let left = MAX_TOTAL_EXPANSION_BYTES.saturating_sub(self.spent.load(Relaxed));
        let mut budget = text.len().saturating_add(MAX_EXPANSION_BYTES.min(left));
        let mut done = HashMap::new();
        r.text = self.expand(text, &mut stack, &mut r, &mut budget, &mut done);
        self.spent
            .fetch_add(r.text.len().saturating_sub(text.len()), Relaxed);
        r
    }

    /// `budget`: how many more bytes of values the whole resolution may write.
    fn expand(
        &self,
        text: &str,
        stack: &mut Vec<String>,
        r: &mut Resolved,
        budget: &mut usize,
        done: &mut HashMap<String, String>,
    ) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        // memmem: `str::find` sets up a general searcher for each call, which costs more than
        // the search on the short texts (and the long bodies without a variable) seen here.
        let find = |hay: &str, needle: &[u8]| memchr::memmem::find(hay.as_bytes(), needle);
        while let Some(start) = find(rest, b"{{") {
            let Some(len) = find(&rest[start + 2..], b"}}") else {
                break;
            };
            out.push_str(&rest[..start]);
            *budget = budget.saturating_sub(start);
            let name = rest[start + 2..start + 2 + len].trim();
            let whole = &rest[start..start + 2 + len + 2];
            rest = &rest[start + 2 + len + 2..];
            // Postman's dynamic variables ({{$guid}}, {{$timestamp}}) have no fixed value.
            match self.values.get(name) {
                Some(value) if !name.starts_with('$') => {
                    if stack.iter().any(|s| s == name) {
                        r.cycle.get_or_insert_with(|| name.to_string());
                        out.push_str(whole);
                        continue;
                    }
                    if stack.len() >= MAX_NESTING || value.len() > *budget {
                        // Named by the variable the text uses, where the user can act.
                        let outer = stack.first().map_or(name, String::as_str);
                        r.too_large.get_or_insert_with(|| outer.to_string());
                        out.push_str(whole);
                        continue;
                    }
                    if is_secret_name(name) {
                        r.secret = true;
                    }
                    // A value expanded once is copied: each variable is expanded once per text.
                    if let Some(expanded) = done.get(name) {
                        *budget = budget.saturating_sub(expanded.len());
                        out.push_str(expanded);
                        continue;
                    }
                    let clean = r.cycle.is_none() && r.too_large.is_none();
                    stack.push(name.to_string());
                    let expanded = self.expand(value, stack, r, budget, done);
                    stack.pop();
                    out.push_str(&expanded);
                    if clean && r.cycle.is_none() && r.too_large.is_none() {
                        done.insert(name.to_string(), expanded);
                    }
                }
                _ => {
                    if !r.unresolved.iter().any(|u| u == name) {
                        r.unresolved.push(name.to_string());
                    }
                    *budget = budget.saturating_sub(whole.len());
                    out.push_str(whole);
                }
            }
        }
        *budget = budget.saturating_sub(rest.len());
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
    fn a_value_that_doubles_at_each_level_stops_at_the_budget() {
        let mut list: Vec<(String, String)> = (0..30)
            .map(|i| {
                (
                    format!("v{i}"),
                    format!("{{{{v{}}}}}{{{{v{}}}}}", i + 1, i + 1),
                )
            })
            .collect();
        list.push(("v30".into(), "x".into()));
        let mut v = Vars::default();
        v.add_fallback(list);
        let r = v.resolve("/{{v0}}");
        assert_eq!(r.too_large.as_deref(), Some("v0"));
        assert!(r.text.len() <= 2 * MAX_EXPANSION_BYTES, "{}", r.text.len());
        // Twelve levels fit: 4096 bytes.
        let r = v.resolve("{{v18}}");
        assert_eq!((r.text.len(), r.too_large), (4096, None));
        let deep: Vec<(String, String)> = (0..40)
            .map(|i| (format!("d{i}"), format!("{{{{d{}}}}}", i + 1)))
            .collect();
        let mut v = Vars::default();
        v.add_fallback(deep);
        assert_eq!(v.resolve("{{d0}}").too_large.as_deref(), Some("d0"));
    }

    #[test]
    fn all_resolutions_together_add_at_most_the_collection_budget() {
        let mut v = Vars::default();
        v.add_fallback([("big".to_string(), "x".repeat(200 * 1024))]);
        let used = (0..400)
            .map(|_| v.resolve("{{big}}"))
            .take_while(|r| r.too_large.is_none())
            .count();
        // 64 MiB hold 327 copies of 200 KiB; the next is left unresolved.
        assert_eq!(used, MAX_TOTAL_EXPANSION_BYTES / (200 * 1024));
        let r = v.resolve("a {{big}}");
        assert_eq!(
            (r.text.as_str(), r.too_large.as_deref()),
            ("a {{big}}", Some("big"))
        );
        // A value that adds nothing still resolves.
        v.add_fallback([("small".to_string(), String::new())]);
        assert_eq!(v.resolve("a{{small}}b").text, "ab");
    }
}
