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
        // Indentation alone can take a definition over the limit: say so, with the size it
        // would have without.
        let minified = cx.src.minified_len.unwrap_or_else(|| {
            crate::swagger::size::laid_out_len(
                &cx.src.value,
                crate::swagger::size::Lines {
                    indent: 0,
                    crlf: false,
                },
            )
        });
        let help = if minified < cx.src.byte_len && minified <= MAX_DEFINITION_BYTES {
            format!(
                "without indentation it is {minified} bytes, within the limit: write it minified \
                 (`ccforge convert --minify`; `ccforge fix` keeps a minified file minified), or \
                 move repeated inline schemas to `definitions` and drop examples (`ccforge fix` \
                 does what it can of both)"
            )
        } else {
            "split the connector (`ccforge convert FILE --split-by tag --out-dir DIR`), or shrink \
             it: `ccforge fix` and `convert` move repeated inline schemas to `definitions` and \
             drop examples where they can, and `--trim-descriptions` shortens descriptions"
                .to_string()
        };
        out.emit(
            cx.src,
            "",
            format!(
                "the definition is {} bytes, over the 1 MB ({MAX_DEFINITION_BYTES} bytes) import limit",
                cx.src.byte_len
            ),
        )
        .set_help(help);
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
    fn the_help_says_when_indentation_alone_takes_it_over() {
        let len = MAX_DEFINITION_BYTES + 1;
        // The same document spread over many indented lines.
        let members: Vec<String> = (0..40_000).map(|i| format!("\"k{i}\": {i}")).collect();
        let mut text = format!(
            "{{\"swagger\": \"2.0\", \"info\": {{\n{}\n}}}}",
            members.join(",\n                        ")
        );
        text.push_str(&" ".repeat(len.saturating_sub(text.len())));
        let found = lint_definition(&RULE, &text);
        let help = found[0].help.as_deref().unwrap();
        assert!(help.starts_with("without indentation it is "), "{help}");
        assert!(help.contains(" bytes, within the limit: write it minified (`ccforge convert --minify`"), "{help}");
        // Over the limit even without indentation: no such hint.
        let found = lint_definition(&RULE, &definition_of(len + 100));
        assert!(found[0].help.as_deref().unwrap().starts_with("split the connector (`ccforge convert FILE --split-by tag --out-dir DIR`)"));
    }

    #[test]
    fn a_definition_at_the_limit_passes() {
        assert!(lint_definition(&RULE, &definition_of(MAX_DEFINITION_BYTES)).is_empty());
    }
}
