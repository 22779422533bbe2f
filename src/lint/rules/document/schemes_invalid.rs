use crate::value::Lookup;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// `schemes` must be a non-empty list of `http`/`https`.
    ///
    /// ## What
    /// `schemes` is empty, not a list, or holds something other than `http` and `https` (for
    /// example `ws` or `HTTPS`).
    ///
    /// ## Why
    /// Connectors call APIs over HTTP(S) only.
    ///
    /// ## Example
    /// ```json
    /// "schemes": []
    /// ```
    ///
    /// ## Fix
    /// Write `"schemes": ["https"]`.
    pub static RULE = Definition(check) {
        code: "CCF104",
        name: "schemes-invalid",
        severity: Error,
        microsoft: ["SchemesArrayEmpty", "SchemeNotValid", "SchemeNotSupported"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(schemes) = cx.doc.field("schemes") else {
        return;
    };
    let Some(list) = schemes.as_array() else {
        out.emit(cx.src, "/schemes", "`schemes` must be a list");
        return;
    };
    if list.is_empty() {
        out.emit(cx.src, "/schemes", "`schemes` is empty")
            .set_help("write \"schemes\": [\"https\"]");
    }
    for (i, s) in list.iter().enumerate() {
        if !matches!(s.as_str(), Some("http" | "https")) {
            out.emit(
                cx.src,
                format!("/schemes/{i}"),
                format!("scheme {s} is not `http` or `https`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn an_empty_list_and_other_schemes_are_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "schemes": []}"#);
        assert_eq!(findings(&found), [("CCF104", "/schemes", "`schemes` is empty")]);

        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "schemes": ["https", "ws"]}"#);
        assert_eq!(
            findings(&found),
            [("CCF104", "/schemes/1", "scheme \"ws\" is not `http` or `https`")]
        );
    }

    #[test]
    fn http_and_https_pass() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "schemes": ["http", "https"]}"#);
        assert!(found.is_empty());
    }
}
