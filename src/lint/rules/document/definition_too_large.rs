use crate::lint::{Definition, Emitter};
use crate::swagger::size::MAX_DEFINITION_BYTES;

crate::declare_rule! {
    /// The definition file is over the 1 MB import limit.
    ///
    /// ## What
    /// The Swagger file is larger than 1 MB (1,048,576 bytes).
    ///
    /// ## Why
    /// Power Platform refuses to import larger definitions.
    ///
    /// ## Example
    /// A definition with every response schema written inline and long examples.
    ///
    /// ## Fix
    /// Move repeated schemas to `definitions` and reference them, drop examples, or split the
    /// connector. `ccforge fix` does the first two.
    pub static RULE = Definition(check) {
        code: "CCF105",
        name: "definition-too-large",
        severity: Error,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    if cx.src.byte_len > MAX_DEFINITION_BYTES {
        out.emit(
            cx.src,
            "",
            format!(
                "the definition is {} bytes, over the 1 MB ({MAX_DEFINITION_BYTES} bytes) import limit",
                cx.src.byte_len
            ),
        )
        .set_help("move repeated inline schemas to `definitions` and drop examples (`ccforge fix` does both)");
    }
}

#[cfg(test)]
mod tests {
    use super::{MAX_DEFINITION_BYTES, RULE};
    use crate::lint::test_support::{findings, lint_definition};

    /// A definition of exactly `len` bytes.
    fn definition_of(len: usize) -> String {
        let shell = r#"{"swagger": "2.0", "info": {"description": ""}}"#;
        let padding = "x".repeat(len - shell.len());
        shell.replace(r#""description": """#, &format!(r#""description": "{padding}""#))
    }

    #[test]
    fn a_definition_over_the_limit_is_reported() {
        let len = MAX_DEFINITION_BYTES + 1;
        let found = lint_definition(&RULE, &definition_of(len));
        let message = format!(
            "the definition is {len} bytes, over the 1 MB ({MAX_DEFINITION_BYTES} bytes) import limit"
        );
        assert_eq!(findings(&found), [("CCF105", "", message.as_str())]);
    }

    #[test]
    fn a_definition_at_the_limit_passes() {
        assert!(lint_definition(&RULE, &definition_of(MAX_DEFINITION_BYTES)).is_empty());
    }
}
