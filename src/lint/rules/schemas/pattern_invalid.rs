use regex_syntax::ast::{ErrorKind, parse::Parser};
use serde_json::Value;

use super::shared::{Holder, each_holder};
use crate::diagnostic::Severity;
use crate::lint::{Definition, Emitter};
use crate::swagger::schemas::keyword;

crate::declare_rule! {
    /// A `pattern` is not a valid regular expression.
    ///
    /// ## What
    /// The `pattern` of a schema, non-body parameter, `items` or response header has a syntax
    /// error that no regular expression dialect accepts: an unclosed `(` or `[`, an unopened `)`,
    /// a quantifier that follows nothing (`*abc`), a reversed range (`[z-a]`, `{3,1}`), a class as
    /// a range's end (`[\d-_]`, which .NET and most engines refuse), an unknown
    /// letter escape (`\i`), or a trailing backslash.
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
    /// Correct the expression (here `^[0-9]{5}$`); remember that in JSON a backslash is written
    /// `\\`.
    pub static RULE = Definition(check) {
        code: "CCF143",
        name: "pattern-invalid",
        severity: Error,
        microsoft: ["PatternShouldBeValidRegularExpression"],
    }
}

/// What ccforge can say about a pattern.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    Valid,
    /// A syntax error in .NET too.
    Invalid(&'static str),
    /// Syntax ccforge's parser does not read, which .NET may accept.
    Unchecked,
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

/// Letters that are not an escape in .NET regular expressions.
const NOT_DOTNET_ESCAPES: &str = "ghijlmoqyCEFHIJKLMNOQRTUVXY";

fn verdict(pattern: &str) -> Verdict {
    let Err(e) = Parser::new().parse(pattern) else {
        return Verdict::Valid;
    };
    let at = pattern[e.span().start.offset..].chars().next();
    let scan = || Scan::of(pattern);
    match e.kind() {
        ErrorKind::GroupUnclosed if scan().confident && scan().unclosed_group => {
            Verdict::Invalid("a group `(` is not closed")
        }
        ErrorKind::GroupUnopened if scan().confident && scan().unopened_group => {
            Verdict::Invalid("a `)` closes no group")
        }
        ErrorKind::ClassUnclosed if scan().confident && scan().unclosed_class => {
            Verdict::Invalid("a character class `[` is not closed")
        }
        ErrorKind::RepetitionMissing if matches!(at, Some('*' | '+' | '?')) => {
            Verdict::Invalid("a quantifier follows nothing")
        }
        ErrorKind::RepetitionCountInvalid => {
            Verdict::Invalid("a `{min,max}` quantifier has min greater than max")
        }
        ErrorKind::ClassRangeInvalid => {
            Verdict::Invalid("a character range ends before it starts")
        }
        // `[\d-_]`: .NET refuses a class as a range's end (a `-` meant literally goes first or
        // last, or is escaped).
        ErrorKind::ClassRangeLiteral if scan().confident => Verdict::Invalid(
            "a character range starts or ends with a class such as `\\d` (write the `-` first or \
             last in the brackets, or escape it, to mean a hyphen)",
        ),
        ErrorKind::EscapeUnexpectedEof => Verdict::Invalid("it ends with a lone backslash"),
        ErrorKind::EscapeUnrecognized
            if pattern[e.span().start.offset..]
                .chars()
                .nth(1)
                .is_some_and(|c| NOT_DOTNET_ESCAPES.contains(c)) =>
        {
            Verdict::Invalid("it uses an unknown escape")
        }
        // .NET reads a `{` that does not start a valid quantifier as a literal brace.
        ErrorKind::RepetitionMissing if at == Some('{') => Verdict::Valid,
        ErrorKind::RepetitionCountUnclosed
        | ErrorKind::RepetitionCountDecimalEmpty
        | ErrorKind::DecimalEmpty
        | ErrorKind::DecimalInvalid => Verdict::Valid,
        _ => Verdict::Unchecked,
    }
}

/// The structure of a pattern as .NET reads it: groups and character classes (which do not nest
/// in .NET), escapes skipped.
struct Scan {
    unclosed_group: bool,
    unopened_group: bool,
    unclosed_class: bool,
    /// False when the pattern may contain comments (`(?#...)`, or `#` in `x` mode), which this
    /// scan does not read.
    confident: bool,
}

impl Scan {
    fn of(pattern: &str) -> Scan {
        let mut depth = 0usize;
        let mut unopened = false;
        let mut class = false;
        let mut class_start = false;
        let mut chars = pattern.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\\' {
                chars.next();
                class_start = false;
                continue;
            }
            if class {
                if c == ']' && !class_start {
                    class = false;
                } else if c == '^' && class_start {
                    continue;
                }
                class_start = false;
                continue;
            }
            match c {
                '[' => {
                    class = true;
                    class_start = true;
                }
                '(' => depth += 1,
                ')' if depth == 0 => unopened = true,
                ')' => depth -= 1,
                _ => {}
            }
        }
        let confident = !pattern.contains("(?#") && !has_x_flag(pattern);
        Scan {
            unclosed_group: depth > 0,
            unopened_group: unopened,
            unclosed_class: class,
            confident,
        }
    }
}

/// Whether an inline option group turns on `x` (ignore white space, `#` comments).
fn has_x_flag(pattern: &str) -> bool {
    pattern.match_indices("(?").any(|(i, _)| {
        pattern[i + 2..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic() || *c == '-')
            .take_while(|c| *c != '-')
            .any(|c| c == 'x')
    })
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
        ] {
            assert!(matches!(verdict(p), Verdict::Invalid(_)), "{p}");
        }
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
        ] {
            assert_ne!(verdict(p), Verdict::Unchecked, "{p}");
            assert!(!matches!(verdict(p), Verdict::Invalid(_)), "{p}");
        }
        for p in ["[a[b]", "(?<=a)b", "(a)\\1", "(?>a+)", "(?(a)b|c)"] {
            assert_eq!(verdict(p), Verdict::Unchecked, "{p}");
        }
    }
}
