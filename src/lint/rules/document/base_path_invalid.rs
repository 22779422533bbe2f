use crate::value::Lookup;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// `basePath` must start with `/`.
    ///
    /// ## What
    /// `basePath` is not a string starting with `/`, or it contains a query or fragment.
    ///
    /// ## Why
    /// Swagger 2.0 requires it and the importer rejects other values.
    ///
    /// ## Example
    /// ```json
    /// "basePath": "api/v1"
    /// ```
    ///
    /// ## Fix
    /// Write `"basePath": "/api/v1"`.
    pub static RULE = Definition(check) {
        code: "CCF103",
        name: "base-path-invalid",
        severity: Error,
        microsoft: ["BasePathNotValid"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(bp) = cx.doc.field("basePath") else {
        return;
    };
    match bp.as_str() {
        Some(s) if s.starts_with('/') && !s.contains(['?', '#']) => {}
        Some(s) => {
            out.emit(
                cx.src,
                "/basePath",
                format!("`basePath` \"{s}\" must start with `/` and have no query or fragment"),
            )
            .set_help(format!(
                "write \"basePath\": \"/{}\"",
                s.trim_start_matches('/')
            ));
        }
        None => {
            out.emit(cx.src, "/basePath", "`basePath` must be a string");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_relative_base_path_is_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "basePath": "api/v1"}"#);
        assert_eq!(
            findings(&found),
            [(
                "CCF103",
                "/basePath",
                "`basePath` \"api/v1\" must start with `/` and have no query or fragment"
            )]
        );
        assert_eq!(found[0].help.as_deref(), Some("write \"basePath\": \"/api/v1\""));
    }

    #[test]
    fn an_absolute_base_path_passes() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "basePath": "/api/v1"}"#).is_empty());
    }
}
