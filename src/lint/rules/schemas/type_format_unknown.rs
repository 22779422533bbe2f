use super::shared::{Holder, each_holder};
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::keyword;

crate::declare_rule! {
    /// A `type`/`format` pair the platform does not know.
    ///
    /// ## What
    /// A schema, non-body parameter, `items` or response header has a `format` that is not one
    /// known for its `type`. Known are Swagger 2.0's formats (`integer`: `int32`, `int64`;
    /// `number`: `float`, `double`; `string`: `byte`, `binary`, `date`, `date-time`, `password`)
    /// and those the platform's own connectors use: `string` with `date-no-tz`, `html`, `uri`,
    /// `email`, `uuid` or `guid`, `number` with `decimal`, and `file` with `binary`.
    ///
    /// ## Why
    /// Microsoft's validator flags the pair (`UnrecognizedTypeFormat`), and the designer ignores a
    /// format it does not know: a date that was meant as `date-time` is shown as plain text. It is
    /// a warning because accepted connectors carry many unknown formats (`int32` on a `string`,
    /// free text such as `"ISO 3166"`), so the platform does not reject them on import.
    ///
    /// ## Example
    /// ```json
    /// "created": {"type": "string", "format": "datetime"}
    /// ```
    ///
    /// ## Fix
    /// Use a known format (`date-time`), or remove `format` and describe the value in
    /// `description`.
    pub static RULE = Definition(check) {
        code: "CCF144",
        name: "type-format-unknown",
        severity: Warning,
        microsoft: ["UnrecognizedTypeFormat"],
    }
}

/// Whether `format` is known for `ty`.
fn known(ty: &str, format: &str) -> bool {
    match ty {
        "integer" => matches!(format, "int32" | "int64"),
        "number" => matches!(format, "float" | "double" | "decimal"),
        "string" => matches!(
            format,
            "byte"
                | "binary"
                | "date"
                | "date-time"
                | "password"
                | "date-no-tz"
                | "html"
                | "uri"
                | "email"
                | "uuid"
                | "guid"
        ),
        "file" => format == "binary",
        _ => false,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    each_holder(cx, keyword::FORMAT, &mut |h: &Holder| {
        let (Some(format), Some(ty)) = (h.field("format"), h.type_name()) else {
            return;
        };
        let Some(format) = format.as_str() else { return };
        if !known(ty, format) {
            out.emit(
                cx.src,
                h.pointer_to(cx, "format"),
                format!("the type/format `{ty}/{format}` is not recognised"),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn unknown_pairs_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"A": {"type": "object", "properties": {
                "created": {"type": "string", "format": "datetime"},
                "count": {"type": "string", "format": "int32"}}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF144",
                    "/definitions/A/properties/created/format",
                    "the type/format `string/datetime` is not recognised"
                ),
                (
                    "CCF144",
                    "/definitions/A/properties/count/format",
                    "the type/format `string/int32` is not recognised"
                ),
            ]
        );
    }

    #[test]
    fn known_pairs_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"get": {"parameters": [
                {"name": "d", "in": "query", "type": "string", "format": "date-no-tz"},
                {"name": "n", "in": "query", "type": "integer", "format": "int64"}]}}},
                "definitions": {"B": {"type": "string", "format": "binary"}}}"#,
        );
        assert!(found.is_empty());
    }
}
