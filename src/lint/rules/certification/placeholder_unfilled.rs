use serde_json::Value;

use super::shared::is_placeholder;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A placeholder written by `fix --profile certification` is still to be filled in.
    ///
    /// ## What
    /// A string of the definition is one of the placeholders the certification passes write where
    /// only a person knows the text: it starts with `TODO:` or uses the host `todo.invalid`.
    /// Certification profile.
    ///
    /// ## Why
    /// The passes never invent a publisher's contact, website, privacy policy or categories; they
    /// show
    /// where each goes, and this rule keeps the connector from being submitted until someone has
    /// written them.
    ///
    /// ## Example
    /// ```json
    /// "contact": {"name": "Contoso", "url": "https://contoso.com", "email": "support@todo.invalid"}
    /// ```
    ///
    /// ## Fix
    /// Replace the placeholder with the real value.
    pub static RULE = Definition(check) {
        code: "CCF492",
        name: "placeholder-unfilled",
        severity: Error,
        profile: Certification,
    }
}

fn walk(v: &Value, at: &mut Vec<String>, found: &mut Vec<(String, String)>) {
    match v {
        Value::String(s) if is_placeholder(s) => {
            let mut p = String::new();
            for t in at.iter() {
                p = crate::diagnostic::join_pointer(&p, t);
            }
            found.push((p, s.clone()));
        }
        Value::Object(m) => {
            for (k, v) in m {
                at.push(k.clone());
                walk(v, at, found);
                at.pop();
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                at.push(i.to_string());
                walk(v, at, found);
                at.pop();
            }
        }
        _ => {}
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let mut found = Vec::new();
    walk(cx.doc, &mut Vec::new(), &mut found);
    for (at, value) in found {
        out.emit(cx.src, at, format!("placeholder \"{value}\" is still to be filled in"))
            .set_help("replace it with the real value");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn placeholders_are_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "info": {"contact": {"name": "Contoso", "email": "support@todo.invalid"}}}"#);
        assert_eq!(
            findings(&found),
            [("CCF492", "/info/contact/email", "placeholder \"support@todo.invalid\" is still to be filled in")]
        );
    }

    #[test]
    fn real_values_pass() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "info": {"contact": {"name": "Contoso", "email": "support@contoso.com"}}}"#).is_empty());
    }
}
