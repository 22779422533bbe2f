//! What is wrong with each `$ref` of a Swagger 2.0 document: what a reference at its place must
//! name, whether it is a JSON pointer, and whether what it names exists.

use std::borrow::Cow;

use serde_json::Value;

use super::METHODS;
use super::schemas::{Index, Token};

/// What a reference at a given place must name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A schema: `#/definitions/NAME`.
    Schema,
    /// An entry of a `parameters` list: `#/parameters/NAME`.
    Parameter,
    /// A response of an operation: `#/responses/NAME`.
    Response,
}

impl Kind {
    /// The root member the reference must point into.
    pub fn section(self) -> &'static str {
        match self {
            Kind::Schema => "definitions",
            Kind::Parameter => "parameters",
            Kind::Response => "responses",
        }
    }

    /// How messages name the reference.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Schema => "schema reference",
            Kind::Parameter => "parameter reference",
            Kind::Response => "response reference",
        }
    }

    /// How messages name what the reference should name.
    pub fn target(self) -> &'static str {
        match self {
            Kind::Schema => "definition",
            Kind::Parameter => "shared parameter",
            Kind::Response => "shared response",
        }
    }

    fn of_section(section: &str) -> Option<Kind> {
        match section {
            "definitions" => Some(Kind::Schema),
            "parameters" => Some(Kind::Parameter),
            "responses" => Some(Kind::Response),
            _ => None,
        }
    }
}

/// What is wrong with one reference.
pub enum Fault<'a> {
    /// The `$ref` is not a string, or not a JSON pointer (JsonPointerNotValid); the reason.
    Pointer(String),
    /// The reference is a valid pointer but may not be used here: it points outside the document,
    /// into the wrong section, or inside an entry; the message.
    NotValid(String),
    /// The reference names an entry that does not exist.
    NotFound {
        kind: Kind,
        name: String,
        target: &'a str,
    },
}

/// Where a `$ref` sits, by the tokens that lead to its holder.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Expect(Kind),
    /// A path item: only path-item-ref reports it.
    PathItem,
    /// Not where the connector's Swagger takes a `$ref` (the structure rules' business), or a
    /// map of names that happens to hold a `$ref` key (a property named `$ref`): only the pointer
    /// itself is checked.
    Other,
    /// Not a reference at all.
    Skip,
}

fn key<'a>(t: Option<&Token<'a>>) -> Option<&'a str> {
    match t {
        Some(Token::Key(k)) => Some(k),
        _ => None,
    }
}

fn place(tokens: &[Token]) -> Place {
    let is_method = |t: Option<&Token>| key(t).is_some_and(|m| METHODS.contains(&m));
    // A map of names (properties, or a root section) whose key is `$ref`.
    if tokens.len() <= 1 || key(tokens.last()) == Some("properties") {
        return Place::Skip;
    }
    match key(tokens.first()) {
        Some("paths") => {
            if tokens.len() == 2 {
                return Place::PathItem;
            }
            let list_entry = |at: usize| {
                tokens.len() == at + 2
                    && key(tokens.get(at)) == Some("parameters")
                    && matches!(tokens.get(at + 1), Some(Token::Index(_)))
            };
            if list_entry(2) || (is_method(tokens.get(2)) && list_entry(3)) {
                return Place::Expect(Kind::Parameter);
            }
            if tokens.len() == 5
                && is_method(tokens.get(2))
                && key(tokens.get(3)) == Some("responses")
            {
                return Place::Expect(Kind::Response);
            }
        }
        Some("definitions") => return Place::Expect(Kind::Schema),
        Some("parameters") if tokens.len() == 2 => return Place::Expect(Kind::Parameter),
        Some("responses") if tokens.len() == 2 => return Place::Expect(Kind::Response),
        _ => {}
    }
    if tokens.iter().any(|t| matches!(t, Token::Key("schema"))) {
        Place::Expect(Kind::Schema)
    } else {
        Place::Other
    }
}

/// Each faulty reference of `doc` with its fault: the index of the reference in
/// [`Index::refs`] and what is wrong with it.
pub fn faults<'a>(doc: &Value, index: &Index<'a>) -> Vec<(usize, Fault<'a>)> {
    let mut out = Vec::new();
    let mut tokens = Vec::new();
    for (i, r) in index.refs.iter().enumerate() {
        index.tokens(r.id, &mut tokens);
        let expect = match place(&tokens) {
            Place::Skip | Place::PathItem => continue,
            Place::Expect(kind) => Some(kind),
            Place::Other => None,
        };
        let Some(target) = r.target.as_str() else {
            out.push((i, Fault::Pointer("`$ref` is not a string".into())));
            continue;
        };
        if let Some(fault) = judge(doc, target, expect) {
            out.push((i, fault));
        }
    }
    out
}

/// Whether reference `r` leads into another file or a URL (`common.json#/definitions/Pet`), not
/// into this document.
pub fn is_external(r: &str) -> bool {
    !r.starts_with('#')
        && !["definitions/", "parameters/", "responses/"]
            .iter()
            .any(|s| r.trim_start_matches('/').starts_with(s))
}

/// The fault of reference `r` at a place that expects `expect` (None: any section).
fn judge<'a>(doc: &Value, r: &'a str, expect: Option<Kind>) -> Option<Fault<'a>> {
    let not_valid = |reason: String| {
        expect.map(|kind| Fault::NotValid(format!("{} `{r}` {reason}", kind.label())))
    };
    let Some(fragment) = r.strip_prefix('#') else {
        if !is_external(r) {
            return Some(Fault::Pointer(format!(
                "`{r}` is not a valid JSON pointer: a local reference starts with `#/`"
            )));
        }
        return not_valid("points outside this document".into());
    };
    if fragment.is_empty() {
        return not_valid("points at the whole document".into());
    }
    let Some(path) = fragment.strip_prefix('/') else {
        return Some(Fault::Pointer(format!(
            "`{r}` is not a valid JSON pointer: it must start with `#/`"
        )));
    };
    if let Some(bad) = bad_escape(path) {
        return Some(Fault::Pointer(format!(
            "`{r}` is not a valid JSON pointer: `~` must be followed by `0` or `1`, not `{bad}`"
        )));
    }
    let (section, rest) = path.split_once('/').unwrap_or((path, ""));
    let kind = match (Kind::of_section(section), expect) {
        (Some(found), Some(want)) if found != want => {
            return not_valid(format!("must point into `#/{}/`", want.section()));
        }
        (Some(found), _) => found,
        (None, Some(want)) => {
            return not_valid(format!("must point into `#/{}/`", want.section()));
        }
        (None, None) => return None,
    };
    if rest.is_empty() && !path.contains('/') {
        return not_valid(format!("names no {}", kind.target()));
    }
    if let Some((name, _)) = rest.split_once('/') {
        return Some(Fault::NotValid(format!(
            "{} `{r}` points inside `#/{section}/{name}`; only a whole {} can be referenced",
            kind.label(),
            kind.target()
        )));
    }
    let name = unescaped(rest);
    let found = doc
        .get(section)
        .and_then(Value::as_object)
        .is_some_and(|m| m.contains_key(name.as_ref()));
    (!found).then(|| Fault::NotFound {
        kind,
        name: name.into_owned(),
        target: r,
    })
}

/// A pointer token unescaped, borrowed when it has no escape.
pub fn unescaped(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        Cow::Owned(crate::diagnostic::unescape_token(token))
    } else {
        Cow::Borrowed(token)
    }
}

/// The first `~` escape of a pointer that is neither `~0` nor `~1`, as written.
fn bad_escape(path: &str) -> Option<&str> {
    let bytes = path.as_bytes();
    let at = bytes
        .iter()
        .enumerate()
        .find(|&(i, &b)| b == b'~' && !matches!(bytes.get(i + 1), Some(b'0' | b'1')))?
        .0;
    let end = path[at + 1..]
        .char_indices()
        .nth(1)
        .map_or(path.len(), |(i, _)| at + 1 + i);
    Some(&path[at..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn verdict(r: &str, expect: Option<Kind>) -> String {
        let doc = json!({"definitions": {"A": {}, "a/b": {}}, "parameters": {"Id": {}}});
        match judge(&doc, r, expect) {
            None => "ok".into(),
            Some(Fault::Pointer(m)) => format!("pointer: {m}"),
            Some(Fault::NotValid(reason)) => format!("not valid: {reason}"),
            Some(Fault::NotFound { kind, name, .. }) => format!("not found {kind:?}: {name}"),
        }
    }

    #[test]
    fn references_are_judged_by_place_and_syntax() {
        let s = Some(Kind::Schema);
        let p = Some(Kind::Parameter);
        assert_eq!(verdict("#/definitions/A", s), "ok");
        assert_eq!(verdict("#/definitions/a~1b", s), "ok");
        assert_eq!(verdict("#/definitions/B", s), "not found Schema: B");
        assert_eq!(verdict("#/parameters/Id", p), "ok");
        assert_eq!(
            verdict("#/definitions/A", p),
            "not valid: parameter reference `#/definitions/A` must point into `#/parameters/`"
        );
        assert_eq!(
            verdict("#/definitions/A/properties/b", s),
            "not valid: schema reference `#/definitions/A/properties/b` points inside `#/definitions/A`; only a whole definition can be referenced"
        );
        assert_eq!(
            verdict("other.json#/definitions/A", s),
            "not valid: schema reference `other.json#/definitions/A` points outside this document"
        );
        assert_eq!(
            verdict("#/definitions/a~2b", s),
            "pointer: `#/definitions/a~2b` is not a valid JSON pointer: `~` must be followed by `0` or `1`, not `~2`"
        );
        assert_eq!(
            verdict("#definitions/A", s),
            "pointer: `#definitions/A` is not a valid JSON pointer: it must start with `#/`"
        );
        assert_eq!(
            verdict("definitions/A", s),
            "pointer: `definitions/A` is not a valid JSON pointer: a local reference starts with `#/`"
        );
        assert_eq!(
            verdict("#/definitions", s),
            "not valid: schema reference `#/definitions` names no definition"
        );
        // Where no section is expected, only the pointer and the entry are checked.
        assert_eq!(verdict("#/info", None), "ok");
        assert_eq!(verdict("#/parameters/X", None), "not found Parameter: X");
    }
}
