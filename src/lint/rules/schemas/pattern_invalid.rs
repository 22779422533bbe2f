use serde_json::Value;

use super::shared::{Holder, each_holder};
use crate::diagnostic::Severity;
use crate::lint::{Definition, Emitter};
use crate::swagger::pattern::{Verdict, verdict};
use crate::swagger::schemas::keyword;

crate::declare_rule! {
    /// A `pattern` is not a valid regular expression.
    ///
    /// ## What
    /// The `pattern` of a schema, non-body parameter, `items` or response header has a syntax
    /// error that no regular expression dialect accepts: an unclosed `(` or `[`, an unopened `)`,
    /// a quantifier that follows nothing (`*abc`), a reversed range (`[z-a]`, `{3,1}`), a class as
    /// a range's end (`[\d-_]`, which .NET and most engines refuse), an unknown
    /// letter escape (`\i`), or a trailing backslash. A Unicode property .NET does not have is
    /// an error too: .NET knows general categories (`\p{L}`, `\p{Nd}`) and named blocks
    /// (`\p{IsBasicLatin}`, spelt as .NET spells them), not the POSIX and Java names other engines
    /// know (`\p{XDigit}`, `\p{Alnum}`, `\p{ASCII}`, `\p{IsLetter}`).
    ///
    /// The platform reads patterns as .NET regular expressions. ccforge parses them with a
    /// different engine, so a pattern that uses syntax only .NET has (lookarounds,
    /// backreferences, atomic groups, conditionals, .NET Unicode block names, ...) is not judged:
    /// it is reported at info level as one that could not be checked, and nothing more.
    ///
    /// ## Why
    /// Microsoft's validator rejects a pattern that does not parse
    /// (`PatternShouldBeValidRegularExpression`).
    ///
    /// ## Example
    /// ```json
    /// "zip": {"type": "string", "pattern": "^[0-9{5}$"}
    /// ```
    ///
    /// ## Fix
    /// Correct the expression (the example's is `^[0-9]{5}$`); remember that in JSON a backslash
    /// is written `\\`.
    pub static RULE = Definition(check) {
        code: "CCF143",
        name: "pattern-invalid",
        severity: Error,
        microsoft: ["PatternShouldBeValidRegularExpression"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    each_holder(cx, keyword::PATTERN, &mut |h: &Holder| {
        let Some(pattern) = h.field("pattern").and_then(Value::as_str) else {
            return;
        };
        match verdict(pattern) {
            Verdict::Valid => {}
            Verdict::Invalid(why) => {
                out.emit(
                    cx.src,
                    h.pointer_to(cx, "pattern"),
                    format!("`pattern` is not a valid regular expression: {why}"),
                );
            }
            Verdict::Unchecked => {
                out.emit_as(
                    Severity::Info,
                    cx.src,
                    h.pointer_to(cx, "pattern"),
                    "`pattern` uses syntax ccforge cannot check (it may be valid in .NET)",
                );
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::{RULE, Verdict, verdict};
    use crate::diagnostic::Severity;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_broken_pattern_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "definitions": {"Z": {"type": "string", "pattern": "^[0-9{5}$"}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF143",
                "/definitions/Z/pattern",
                "`pattern` is not a valid regular expression: a character class `[` is not closed"
            )]
        );
    }

    #[test]
    fn dotnet_only_syntax_is_only_noted() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {"/a": {"get": {"parameters": [{"name": "p",
                "in": "query", "type": "string", "pattern": "^(?!test)\\w+$"}]}}}}"#,
        );
        assert_eq!(
            findings(&found),
            [(
                "CCF143",
                "/paths/~1a/get/parameters/0/pattern",
                "`pattern` uses syntax ccforge cannot check (it may be valid in .NET)"
            )]
        );
        assert_eq!(found[0].severity, Severity::Info);
    }

    #[test]
    fn errors_in_both_dialects() {
        for p in [
            "(abc",
            "abc)",
            "[abc",
            "*abc",
            "a|+b",
            "a{3,1}",
            "[z-a]",
            "abc\\",
            "\\i",
            "^[a-zA-Z\\d-_\\s]+$",
            "^\\p{XDigit}+$",
            "[\\p{Alnum}_]",
            "\\P{ASCII}",
            "\\p{IsLetter}",
            "\\p{IsBasiclatin}",
            "[\\p{IsLatin1Supplement}]",
        ] {
            assert!(matches!(verdict(p), Verdict::Invalid(_)), "{p}");
        }
    }

    #[test]
    fn the_message_names_what_dotnet_does_not_know() {
        let why = |p: &str| match verdict(p) {
            Verdict::Invalid(why) => why.into_owned(),
            v => panic!("{p}: {v:?}"),
        };
        assert!(
            why("^[\\p{L}\\p{XDigit}]+$").starts_with(
                "it names the Unicode property `XDigit`, which .NET does not have; .NET knows"
            ),
            "{}",
            why("^[\\p{L}\\p{XDigit}]+$")
        );
        assert_eq!(why("a\\ib"), "it uses an unknown escape (`\\i`)");
    }

    #[test]
    fn valid_or_unknown_in_dotnet() {
        for p in [
            "^[a-z]+$",
            "^\\d{3}-\\d{4}$",
            "a{",
            "x{,3}",
            "{abc}",
            "[]a]",
            "(?<year>\\d{4})",
            "^[\\w\\-\\.]+@([\\w-]+\\.)+[\\w-]{2,4}$",
            "[-\\d_]",
            "[\\d\\-_]",
            "^[\\p{L}\\p{Nd} ]+$",
            "\\P{C}",
            "\\p{IsBasicLatin}",
            "\\p{IsLatin-1Supplement}+",
            "[\\p{IsCJKUnifiedIdeographs}\\p{IsHiragana}]",
            "\\P{IsGreekandCoptic}",
        ] {
            assert_ne!(verdict(p), Verdict::Unchecked, "{p}");
            assert!(!matches!(verdict(p), Verdict::Invalid(_)), "{p}");
        }
        for p in ["[a[b]", "(?<=a)b", "(a)\\1", "(?>a+)", "(?(a)b|c)"] {
            assert_eq!(verdict(p), Verdict::Unchecked, "{p}");
        }
    }
}
