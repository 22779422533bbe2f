use crate::value::Lookup;
use serde_json::Value;

use crate::diagnostic::Severity;
use super::shared::{member, schemas_with};
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::keyword;

crate::declare_rule! {
    /// A URL field does not hold an absolute URL.
    ///
    /// ## What
    /// One of the fields that hold a URL is not an absolute URL (a scheme such as `https:`, and
    /// for web schemes a host): `info.termsOfService`, `info.contact.url`, `info.license.url`,
    /// the `externalDocs.url` of the document, a tag, an operation or a schema, and an OAuth 2.0
    /// security definition's `authorizationUrl` and `tokenUrl`.
    ///
    /// ## Why
    /// Microsoft's validator rejects these (`UrlNotValid`: the URL must be a valid absolute URL);
    /// a relative or mistyped URL also gives users a dead link, or a sign-in that cannot start.
    /// `info.termsOfService` is not a field named `url`, and accepted connectors put text there,
    /// so it is only a warning.
    ///
    /// ## Example
    /// ```json
    /// "contact": {"name": "Contoso", "url": "www.contoso.com/support"}
    /// ```
    ///
    /// ## Fix
    /// Write the full URL, with its scheme: `https://www.contoso.com/support`.
    pub static RULE = Definition(check) {
        code: "CCF154",
        name: "url-invalid",
        severity: Error,
        microsoft: ["UrlNotValid"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let mut test_as = |severity: Severity, value: Option<&Value>, pointer: &dyn Fn() -> String| {
        let Some(url) = value.and_then(Value::as_str) else {
            return;
        };
        if !crate::swagger::is_absolute_url(url) {
            out.emit_as(
                severity,
                cx.src,
                pointer(),
                format!("\"{url}\" is not an absolute URL"),
            );
        }
    };
    let doc = cx.doc;
    if let Some(info) = doc.field("info") {
        test_as(Severity::Warning, info.field("termsOfService"), &|| {
            "/info/termsOfService".into()
        });
    }
    let mut test = |value: Option<&Value>, pointer: &dyn Fn() -> String| {
        test_as(Severity::Error, value, pointer)
    };
    if let Some(info) = doc.field("info") {
        test(info.pointer("/contact/url"), &|| "/info/contact/url".into());
        test(info.pointer("/license/url"), &|| "/info/license/url".into());
    }
    test(doc.pointer("/externalDocs/url"), &|| "/externalDocs/url".into());
    if let Some(tags) = doc.field("tags").and_then(Value::as_array) {
        for (i, tag) in tags.iter().enumerate() {
            test(tag.pointer("/externalDocs/url"), &|| format!("/tags/{i}/externalDocs/url"));
        }
    }
    for op in cx.operations {
        if let Some(docs) = op.op.field("externalDocs") {
            test(docs.field("url"), &|| format!("{}/url", op.pointer_to("externalDocs")));
        }
    }
    let index = cx.index();
    for s in schemas_with(cx, keyword::EXTERNAL_DOCS) {
        if let Some(docs) = member(s.value, "externalDocs") {
            test(docs.field("url"), &|| format!("{}/url", index.pointer_to(s.id, "externalDocs")));
        }
    }
    if let Some(defs) = doc.field("securityDefinitions").and_then(Value::as_object) {
        for (name, def) in defs {
            if def.field("type").and_then(Value::as_str) != Some("oauth2") {
                continue;
            }
            for key in ["authorizationUrl", "tokenUrl"] {
                test(def.get(key), &|| {
                    crate::diagnostic::pointer(["securityDefinitions", name.as_str(), key])
                });
            }
        }
    }
}


#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::swagger::is_absolute_url;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn relative_urls_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "t", "version": "1",
                    "contact": {"url": "www.contoso.com/support"}},
                "securityDefinitions": {"oauth": {"type": "oauth2", "flow": "accessCode",
                    "authorizationUrl": "https://login.contoso.com/authorize", "tokenUrl": "/token"}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                ("CCF154", "/info/contact/url", "\"www.contoso.com/support\" is not an absolute URL"),
                ("CCF154", "/securityDefinitions/oauth/tokenUrl", "\"/token\" is not an absolute URL"),
            ]
        );
    }

    #[test]
    fn absolute_urls_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "t", "version": "1", "termsOfService": "https://contoso.com/terms",
                "license": {"name": "MIT", "url": "https://opensource.org/licenses/MIT"}},
                "externalDocs": {"url": "http://localhost:8080/docs"}}"#,
        );
        assert!(found.is_empty());
        for ok in ["mailto:a@b.c", "https://user@host.com:443/p?q#f", "https://[::1]/"] {
            assert!(is_absolute_url(ok), "{ok}");
        }
        for bad in ["", "contoso.com", "https://", "https:/contoso.com", "https://{tenant}.com"] {
            assert!(!is_absolute_url(bad), "{bad}");
        }
    }
}
