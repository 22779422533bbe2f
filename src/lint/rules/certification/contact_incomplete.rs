use crate::value::Lookup;
use serde_json::Value;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// The definition has no `info.contact`, or it lacks a name, url or email.
    ///
    /// ## What
    /// `info.contact` is missing, or one of its `name`, `url` and `email` is missing or empty.
    /// Certification profile.
    ///
    /// ## Why
    /// Certification requires the publisher's contact details, so that users and Microsoft can
    /// reach
    /// whoever supports the connector.
    ///
    /// ## Example
    /// ```json
    /// "info": {"title": "Contoso", "version": "1.0", "contact": {"name": "Contoso"}}
    /// ```
    ///
    /// ## Fix
    /// Add the publisher's support page and address. `ccforge fix --profile certification` writes
    /// placeholders where they go (see `placeholder-unfilled`).
    pub static RULE = Definition(check) {
        code: "CCF476",
        name: "contact-incomplete",
        severity: Error,
        profile: Certification,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(info) = cx.doc.field("info").filter(|i| i.is_object()) else {
        return;
    };
    let Some(contact) = info.field("contact") else {
        out.emit(cx.src, "/info", "the definition has no `info.contact`; certification requires the publisher's name, url and email")
            .set_help("add `contact` with `name`, `url` and `email` (`ccforge fix --profile certification` writes placeholders)");
        return;
    };
    if !contact.is_object() {
        return;
    }
    let missing: Vec<&str> = ["name", "url", "email"]
        .into_iter()
        .filter(|k| contact.get(*k).and_then(Value::as_str).is_none_or(|s| s.trim().is_empty()))
        .collect();
    if !missing.is_empty() {
        out.emit(
            cx.src,
            "/info/contact",
            format!("the contact has no {}; certification requires name, url and email", missing.join(", ")),
        )
        .set_help("add what is missing (`ccforge fix --profile certification` writes placeholders)");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn an_incomplete_contact_is_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "info": {"contact": {"name": "Contoso", "url": ""}}}"#);
        assert_eq!(
            findings(&found),
            [("CCF476", "/info/contact", "the contact has no url, email; certification requires name, url and email")]
        );
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "info": {"title": "T"}}"#);
        assert_eq!(findings(&found)[0].1, "/info");
    }

    #[test]
    fn a_full_contact_passes() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "info": {"contact": {"name": "Contoso", "url": "https://contoso.com", "email": "help@contoso.com"}}}"#).is_empty());
    }
}
