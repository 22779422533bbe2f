use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// `host` must be a bare host[:port], without scheme or path.
    ///
    /// ## What
    /// `host` contains a scheme (`https://`), a path, a query, or white space.
    ///
    /// ## Why
    /// The platform builds request URLs as scheme + host + basePath + path; a scheme or path in
    /// `host` gives broken URLs and is rejected on import.
    ///
    /// ## Example
    /// ```json
    /// "host": "https://api.contoso.com/v1"
    /// ```
    ///
    /// ## Fix
    /// Put the scheme in `schemes` and the path in `basePath`: `"host": "api.contoso.com",
    /// "basePath": "/v1", "schemes": ["https"]`.
    pub static RULE = Definition(check) {
        code: "CCF102",
        name: "host-invalid",
        severity: Error,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(host) = cx.doc.get("host") else {
        return;
    };
    let Some(h) = host.as_str() else {
        out.emit(cx.src, "/host", "`host` must be a string");
        return;
    };
    let problem = if h.contains("://") {
        Some("contains a scheme")
    } else if h.contains('/') {
        Some("contains a path")
    } else if h.contains(['?', '#']) {
        Some("contains a query or fragment")
    } else if h.is_empty() || h.contains(char::is_whitespace) {
        Some("is empty or contains white space")
    } else {
        None
    };
    if let Some(problem) = problem {
        out.emit(cx.src, "/host", format!("`host` \"{h}\" {problem}"))
            .set_help("`host` is a bare host[:port]; put the scheme in `schemes` and the path in `basePath`");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_scheme_is_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "host": "https://api.contoso.com/v1"}"#);
        assert_eq!(
            findings(&found),
            [("CCF102", "/host", "`host` \"https://api.contoso.com/v1\" contains a scheme")]
        );
    }

    #[test]
    fn a_bare_host_with_port_passes() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "host": "api.contoso.com:8443"}"#);
        assert!(found.is_empty());
    }
}
