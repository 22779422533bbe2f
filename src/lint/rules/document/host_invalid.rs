use crate::value::Lookup;
use serde_json::Value;

use crate::diagnostic::Severity;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// `host` must be a bare host[:port], without scheme or path.
    ///
    /// ## What
    /// `host` contains a scheme (`https://`), a path, a query, white space, a template variable
    /// (`{tenant}.contoso.com`), a backslash, or a colon not followed by a numeric port
    /// (`api.contoso.com:abc`). The connector schema's pattern for `host` is
    /// `^[^{}/ :\\]+(:\d+)?$`. A name with an empty part (`.events.contoso.com`, what an empty
    /// server variable leaves), a part that starts or ends with `-`, or a port outside 1-65535
    /// passes that pattern but names no server, and is reported too.
    ///
    /// A definition without `host` is reported too.
    ///
    /// ## Why
    /// The platform builds request URLs as scheme + host + basePath + path; a scheme or path in
    /// `host` gives broken URLs, and Microsoft's validator rejects such a host
    /// (`HostNameNotValid`). A host with an empty part or an impossible port imports, and every
    /// call then fails. When apiProperties.json routes requests with a `dynamichosturl`
    /// policy template, the host is replaced at run time and accepted connectors carry a
    /// placeholder there, so the finding is then a warning.
    ///
    /// ## Example
    /// ```json
    /// "host": "https://api.contoso.com/v1"
    /// ```
    ///
    /// ## Fix
    /// Put the scheme in `schemes` and the path in `basePath`: `"host": "api.contoso.com",
    /// "basePath": "/v1", "schemes": ["https"]`. For a per-connection host, write a real default
    /// host and set the connection's host with the `dynamichosturl` policy template.
    pub static RULE = Definition(check) {
        code: "CCF102",
        name: "host-invalid",
        severity: Error,
        microsoft: ["HostNameNotValid", "S: host pattern ^[^{}/ :\\\\]+(:\\d+)?$"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(host) = cx.doc.field("host") else {
        // A definition without a host calls whatever serves it: a connector has no such server.
        if cx.doc.field("swagger").is_some() {
            let severity = if dynamic_host(cx) { Severity::Warning } else { Severity::Error };
            let d = out.emit_as(severity, cx.src, "", "`host` is missing: the connector would not know which server to call");
            match cx.doc.pointer("/x-ms-parameterized-host/hostTemplate").and_then(Value::as_str) {
                // AutoRest's data-plane specs (a vault, a storage account) name their host per
                // client; the platform reads `host` alone.
                Some(template) => d.set_help(format!(
                    "`x-ms-parameterized-host` (`{template}`) does not replace `host`, which the \
                     platform requires: write a default host (\"host\": \"myvault.example.com\"), \
                     and set each connection's host with the `dynamichosturl` policy template in \
                     apiProperties.json; `ccforge convert --host` writes the host"
                )),
                None => d.set_help(
                    "add the API's host: \"host\": \"api.contoso.com\" (with `schemes` and \
                     `basePath`); `ccforge convert --host` writes it",
                ),
            };
        }
        return;
    };
    let Some(h) = host.as_str() else {
        out.emit(cx.src, "/host", "`host` must be a string");
        return;
    };
    let Some(problem) = crate::swagger::host_problem(h) else {
        return;
    };
    let severity = if dynamic_host(cx) {
        Severity::Warning
    } else {
        Severity::Error
    };
    out.emit_as(severity, cx.src, "/host", format!("`host` \"{h}\" {problem}"))
        .set_help("`host` is a bare host[:port]; put the scheme in `schemes` and the path in `basePath`");
}

/// What is wrong with a host, if anything.
fn dynamic_host(cx: &Definition) -> bool {
    cx.api_properties.is_some_and(|p| {
        p.value
            .pointer("/properties/policyTemplateInstances")
            .and_then(Value::as_array)
            .is_some_and(|list| {
                list.iter().any(|t| {
                    t.field("templateId")
                        .and_then(Value::as_str)
                        .is_some_and(|id| id.eq_ignore_ascii_case("dynamichosturl"))
                })
            })
    })
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::swagger::host_problem as problem;
    use crate::diagnostic::Severity;
    use crate::lint::test_support::{findings, lint_definition, lint_files};

    #[test]
    fn a_missing_host_is_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {}}"#);
        assert_eq!(
            findings(&found),
            [("CCF102", "", "`host` is missing: the connector would not know which server to call")]
        );
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "host": "api.contoso.com", "paths": {}}"#);
        assert!(found.is_empty());
    }

    #[test]
    fn a_parameterized_host_is_told_not_to_replace_host() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {}, "x-ms-parameterized-host":
                {"hostTemplate": "{vaultBaseUrl}", "parameters": []}}"#,
        );
        assert_eq!(
            findings(&found),
            [("CCF102", "", "`host` is missing: the connector would not know which server to call")]
        );
        let help = found[0].help.as_deref().unwrap();
        assert!(help.starts_with("`x-ms-parameterized-host` (`{vaultBaseUrl}`) does not replace `host`"), "{help}");
        assert!(help.contains("`dynamichosturl`"), "{help}");
        let plain = lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {}}"#);
        assert!(plain[0].help.as_deref().unwrap().starts_with("add the API's host"));
    }

    #[test]
    fn a_scheme_is_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "host": "https://api.contoso.com/v1"}"#);
        assert_eq!(
            findings(&found),
            [("CCF102", "/host", "`host` \"https://api.contoso.com/v1\" contains a scheme")]
        );
    }

    #[test]
    fn templates_and_bad_ports_are_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "host": "{tenant}.contoso.com"}"#);
        assert_eq!(
            findings(&found),
            [("CCF102", "/host", "`host` \"{tenant}.contoso.com\" contains a template variable")]
        );
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "host": "api.contoso.com:abc"}"#);
        assert_eq!(
            findings(&found),
            [(
                "CCF102",
                "/host",
                "`host` \"api.contoso.com:abc\" has a colon that is not followed by a numeric port"
            )]
        );
        for bad in ["a:1:2", ":443", "a:", "a\\\\b", ".events.contoso.com:8443", "a..b", "a:99999", "a:0", "-", "api-.contoso.com"] {
            assert!(problem(bad).is_some(), "{bad}");
        }
        for good in ["api.contoso.com", "localhost:8080", "10.0.0.1:443", "api.contoso.com."] {
            assert_eq!(problem(good), None, "{good}");
        }
    }

    #[test]
    fn a_placeholder_routed_by_dynamichosturl_is_a_warning() {
        let found = lint_files(
            &RULE,
            Some(r#"{"swagger": "2.0", "host": "{{your_domain}}"}"#),
            Some(r#"{"properties": {"policyTemplateInstances": [{"templateId": "dynamichosturl"}]}}"#),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
    }

    #[test]
    fn a_bare_host_with_port_passes() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "host": "api.contoso.com:8443"}"#);
        assert!(found.is_empty());
    }
}
