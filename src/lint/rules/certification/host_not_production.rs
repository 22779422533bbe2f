use crate::value::Lookup;
use serde_json::Value;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// The host looks like a staging, development or test server.
    ///
    /// ## What
    /// A label of `host` before its domain (the last two labels are not read), split at dots and
    /// hyphens, is one of `staging`, `stage`, `stg`, `dev`, `develop`, `development`, `test`,
    /// `testing`, `sandbox`, `qa`, `uat`, `preprod`, or the host is `localhost` or an IP address.
    /// A heuristic on the name only. Certification profile.
    ///
    /// ## Why
    /// Certification requires the connector to call the production service.
    ///
    /// ## Example
    /// ```json
    /// "host": "api-staging.contoso.com"
    /// ```
    ///
    /// ## Fix
    /// Point `host` at the production API.
    pub static RULE = Definition(check) {
        code: "CCF490",
        name: "host-not-production",
        severity: Warning,
        profile: Certification,
    }
}

const NOT_PRODUCTION: &[&str] = &[
    "staging", "stage", "stg", "dev", "develop", "development", "test", "testing", "sandbox", "qa",
    "uat", "preprod",
];

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(host) = cx.doc.field("host").and_then(Value::as_str) else {
        return;
    };
    let name = host.split(':').next().unwrap_or_default().to_ascii_lowercase();
    if name.contains('{') || name.is_empty() {
        return;
    }
    let ip = name.split('.').count() == 4 && name.split('.').all(|l| l.parse::<u8>().is_ok());
    let labels: Vec<&str> = name.split('.').collect();
    let sub = &labels[..labels.len().saturating_sub(2)];
    let word = sub
        .iter()
        .flat_map(|l| l.split('-'))
        .find(|w| NOT_PRODUCTION.contains(w));
    let why = if name == "localhost" || ip {
        Some("a local or numeric address".to_string())
    } else {
        word.map(|w| format!("`{w}` in its name"))
    };
    if let Some(why) = why {
        out.emit(cx.src, "/host", format!("host `{host}` does not look like a production server ({why})"))
            .set_help("certification requires the production API's host");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn staging_hosts_are_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "host": "api-staging.contoso.com"}"#);
        assert_eq!(
            findings(&found),
            [("CCF490", "/host", "host `api-staging.contoso.com` does not look like a production server (`staging` in its name)")]
        );
    }

    #[test]
    fn production_hosts_pass() {
        for host in ["api.contoso.com", "dev.to", "developer.contoso.com", "{tenant}.contoso.com"] {
            assert!(lint_definition(&RULE, &format!(r#"{{"swagger": "2.0", "host": "{host}"}}"#)).is_empty(), "{host}");
        }
    }
}
