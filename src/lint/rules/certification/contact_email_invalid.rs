use serde_json::Value;

use super::shared::is_placeholder;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// `info.contact.email` is not an e-mail address.
    ///
    /// ## What
    /// `info.contact.email` does not have the shape of an address: one `@`, something before it, a
    /// domain with a dot after it, and no spaces. Certification profile.
    ///
    /// ## Why
    /// Microsoft's certification validator reports `ContactEmailNotValid`; support mail would go
    /// nowhere.
    ///
    /// ## Example
    /// ```json
    /// "email": "support at contoso.com"
    /// ```
    ///
    /// ## Fix
    /// Write the support address: `support@contoso.com`.
    pub static RULE = Definition(check) {
        code: "CCF477",
        name: "contact-email-invalid",
        severity: Error,
        profile: Certification,
        microsoft: ["ContactEmailNotValid"],
    }
}

/// Whether `s` has the shape of an e-mail address.
fn is_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !s.contains(char::is_whitespace)
        && domain.contains('.')
        && domain.split('.').all(|l| !l.is_empty())
}

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(email) = cx.doc.pointer("/info/contact/email").and_then(Value::as_str) else {
        return;
    };
    if email.trim().is_empty() || is_email(email) || is_placeholder(email) {
        return;
    }
    out.emit(
        cx.src,
        "/info/contact/email",
        format!("\"{email}\" is not an e-mail address"),
    )
    .set_help("write the support address, like support@contoso.com");
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_malformed_address_is_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "info": {"contact": {"email": "support at contoso.com"}}}"#);
        assert_eq!(
            findings(&found),
            [("CCF477", "/info/contact/email", "\"support at contoso.com\" is not an e-mail address")]
        );
    }

    #[test]
    fn an_address_passes() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "info": {"contact": {"email": "support@contoso.co.uk"}}}"#).is_empty());
    }
}
