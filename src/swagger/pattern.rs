//! What can be said of a `pattern` without running it: whether it is a regular expression the
//! platform (.NET) reads, one it rejects, or one this parser cannot judge.

use regex_syntax::ast::{ErrorKind, parse::Parser};
use std::borrow::Cow;

/// What ccforge can say about a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    /// A syntax error in .NET too, and what it is.
    Invalid(Cow<'static, str>),
    /// Syntax ccforge's parser does not read, which .NET may accept.
    Unchecked,
}

/// A syntax error that is the same whatever the pattern.
fn invalid(why: &'static str) -> Verdict {
    Verdict::Invalid(Cow::Borrowed(why))
}

/// Letters that are not an escape in .NET regular expressions.
const NOT_DOTNET_ESCAPES: &str = "ghijlmoqyCEFHIJKLMNOQRTUVXY";

/// The verdict on `pattern`: what a .NET reader would make of it, as far as it can be told.
pub fn verdict(pattern: &str) -> Verdict {
    let Err(e) = Parser::new().parse(pattern) else {
        return match unicode_properties(pattern).find(|p| !dotnet_property(p)) {
            None => Verdict::Valid,
            Some(unknown) => Verdict::Invalid(Cow::Owned(format!(
                "it names the Unicode property `{unknown}`, which .NET does not have; .NET knows \
                 categories such as `\\p{{L}}` and `\\p{{Nd}}`, and blocks such as \
                 `\\p{{IsBasicLatin}}`"
            ))),
        };
    };
    let at = pattern[e.span().start.offset..].chars().next();
    let scan = || Scan::of(pattern);
    match e.kind() {
        ErrorKind::GroupUnclosed if scan().confident && scan().unclosed_group => {
            invalid("a group `(` is not closed")
        }
        ErrorKind::GroupUnopened if scan().confident && scan().unopened_group => {
            invalid("a `)` closes no group")
        }
        ErrorKind::ClassUnclosed if scan().confident && scan().unclosed_class => {
            invalid("a character class `[` is not closed")
        }
        ErrorKind::RepetitionMissing if matches!(at, Some('*' | '+' | '?')) => {
            invalid("a quantifier follows nothing")
        }
        ErrorKind::RepetitionCountInvalid => {
            invalid("a `{min,max}` quantifier has min greater than max")
        }
        ErrorKind::ClassRangeInvalid => invalid("a character range ends before it starts"),
        // `[\d-_]`: .NET refuses a class as a range's end (a `-` meant literally goes first or
        // last, or is escaped).
        ErrorKind::ClassRangeLiteral if scan().confident => invalid(
            "a character range starts or ends with a class such as `\\d` (write the `-` first or \
             last in the brackets, or escape it, to mean a hyphen)",
        ),
        ErrorKind::EscapeUnexpectedEof => invalid("it ends with a lone backslash"),
        ErrorKind::EscapeUnrecognized
            if let Some(c) = pattern[e.span().start.offset..].chars().nth(1)
                && NOT_DOTNET_ESCAPES.contains(c) =>
        {
            Verdict::Invalid(Cow::Owned(format!("it uses an unknown escape (`\\{c}`)")))
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

/// `pattern` with each inline flag group after its start (`abc(?i)def`, which sets the flag
/// for the rest of its group) written as a group scoped to that rest (`abc(?i:def)`), the same
/// expression to .NET; `None` when it has none, or one that cannot be scoped so. Python's
/// reader (validators of `pattern` use it) rejects flags set anywhere but at the start of the
/// expression, and JavaScript's has no inline flags but scoped ones. A flag group in one branch
/// of an alternation holds for the branches after it too (`a(?i)b|c` → `a(?i:b)|(?i:c)`).
pub fn scoped_inline_flags(pattern: &str) -> Option<String> {
    use regex_syntax::ast::Ast;
    // Only a group opened after the start can set flags there.
    if !pattern.match_indices("(?").any(|(i, _)| i > 0) {
        return None;
    }
    let ast = Parser::new().parse(pattern).ok()?;
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    scope_flags(&ast, &mut edits)?;
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|(start, end, _)| (*start, *end));
    let mut out = String::with_capacity(pattern.len() + 8 * edits.len());
    let mut at = 0;
    for (start, end, text) in &edits {
        out.push_str(&pattern[at..*start]);
        out.push_str(text);
        at = *end;
    }
    out.push_str(&pattern[at..]);
    // Checked: the same parser reads it, with flags set nowhere but at the start.
    let again = Parser::new().parse(&out).ok()?;
    let mut left = Vec::new();
    scope_flags(&again, &mut left)?;
    left.is_empty()
        .then_some(out)
        .filter(|_| !matches!(again, Ast::Empty(_)))
}

/// The edits (byte range, new text) that scope the inline flag groups of `ast`; `None` when a
/// group sets a flag other than `i`, `m`, `s` and `x` (which every reader of scoped groups has).
fn scope_flags(
    ast: &regex_syntax::ast::Ast,
    edits: &mut Vec<(usize, usize, String)>,
) -> Option<()> {
    use regex_syntax::ast::Ast;
    match ast {
        Ast::Alternation(alt) => {
            // Flags set in a branch hold in the branches after it.
            let mut carried: Vec<String> = Vec::new();
            for branch in &alt.asts {
                let span = branch.span();
                for flags in &carried {
                    edits.push((span.start.offset, span.start.offset, format!("(?{flags}:")));
                    edits.push((span.end.offset, span.end.offset, ")".into()));
                }
                carried.extend(scope_branch(branch, edits)?);
            }
            Some(())
        }
        other => scope_branch(other, edits).map(|_| ()),
    }
}

/// [`scope_flags`] for one branch (a sequence): each flag group in it, past the pattern's
/// start, opens a scoped group closed at the branch's end. Returns the flags set, which hold
/// in the branches after it.
fn scope_branch(
    ast: &regex_syntax::ast::Ast,
    edits: &mut Vec<(usize, usize, String)>,
) -> Option<Vec<String>> {
    use regex_syntax::ast::Ast;
    let items: &[Ast] = match ast {
        Ast::Concat(c) => &c.asts,
        other => std::slice::from_ref(other),
    };
    let end = ast.span().end.offset;
    let mut set = Vec::new();
    for item in items {
        match item {
            Ast::Flags(f) if f.span.start.offset > 0 => {
                let flags = flag_letters(&f.flags)?;
                edits.push((
                    f.span.start.offset,
                    f.span.end.offset,
                    format!("(?{flags}:"),
                ));
                edits.push((end, end, ")".into()));
                set.push(flags);
            }
            Ast::Group(g) => scope_flags(&g.ast, edits)?,
            Ast::Repetition(r) => scope_flags(&r.ast, edits)?,
            Ast::Alternation(_) | Ast::Concat(_) => scope_flags(item, edits)?,
            _ => {}
        }
    }
    Some(set)
}

/// The letters of an inline flag group (`i`, `-i`, `im-s`), when each is one every reader of
/// scoped flag groups has.
fn flag_letters(flags: &regex_syntax::ast::Flags) -> Option<String> {
    use regex_syntax::ast::{Flag, FlagsItemKind};
    let mut out = String::new();
    for item in &flags.items {
        out.push(match item.kind {
            FlagsItemKind::Negation => '-',
            FlagsItemKind::Flag(Flag::CaseInsensitive) => 'i',
            FlagsItemKind::Flag(Flag::MultiLine) => 'm',
            FlagsItemKind::Flag(Flag::DotMatchesNewLine) => 's',
            FlagsItemKind::Flag(Flag::IgnoreWhitespace) => 'x',
            _ => return None,
        });
    }
    Some(out)
}

/// The Unicode general categories .NET names in `\p{..}`.
const DOTNET_CATEGORIES: &[&str] = &[
    "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc",
    "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl", "Zp", "C",
    "Cc", "Cf", "Cs", "Co", "Cn",
];

/// The Unicode blocks .NET names, each written `\p{Is<name>}` (`\p{IsGreek}`), with the
/// spelling it takes (letter case included): its table of the blocks of Unicode 4.0's Basic
/// Multilingual Plane, two of them under a second name too.
const DOTNET_BLOCKS: &[&str] = &[
    "BasicLatin",
    "Latin-1Supplement",
    "LatinExtended-A",
    "LatinExtended-B",
    "IPAExtensions",
    "SpacingModifierLetters",
    "CombiningDiacriticalMarks",
    "Greek",
    "GreekandCoptic",
    "Cyrillic",
    "CyrillicSupplement",
    "Armenian",
    "Hebrew",
    "Arabic",
    "Syriac",
    "Thaana",
    "Devanagari",
    "Bengali",
    "Gurmukhi",
    "Gujarati",
    "Oriya",
    "Tamil",
    "Telugu",
    "Kannada",
    "Malayalam",
    "Sinhala",
    "Thai",
    "Lao",
    "Tibetan",
    "Myanmar",
    "Georgian",
    "HangulJamo",
    "Ethiopic",
    "Cherokee",
    "UnifiedCanadianAboriginalSyllabics",
    "Ogham",
    "Runic",
    "Tagalog",
    "Hanunoo",
    "Buhid",
    "Tagbanwa",
    "Khmer",
    "Mongolian",
    "Limbu",
    "TaiLe",
    "KhmerSymbols",
    "PhoneticExtensions",
    "LatinExtendedAdditional",
    "GreekExtended",
    "GeneralPunctuation",
    "SuperscriptsandSubscripts",
    "CurrencySymbols",
    "CombiningDiacriticalMarksforSymbols",
    "CombiningMarksforSymbols",
    "LetterlikeSymbols",
    "NumberForms",
    "Arrows",
    "MathematicalOperators",
    "MiscellaneousTechnical",
    "ControlPictures",
    "OpticalCharacterRecognition",
    "EnclosedAlphanumerics",
    "BoxDrawing",
    "BlockElements",
    "GeometricShapes",
    "MiscellaneousSymbols",
    "Dingbats",
    "MiscellaneousMathematicalSymbols-A",
    "SupplementalArrows-A",
    "BraillePatterns",
    "SupplementalArrows-B",
    "MiscellaneousMathematicalSymbols-B",
    "SupplementalMathematicalOperators",
    "MiscellaneousSymbolsandArrows",
    "CJKRadicalsSupplement",
    "KangxiRadicals",
    "IdeographicDescriptionCharacters",
    "CJKSymbolsandPunctuation",
    "Hiragana",
    "Katakana",
    "Bopomofo",
    "HangulCompatibilityJamo",
    "Kanbun",
    "BopomofoExtended",
    "KatakanaPhoneticExtensions",
    "EnclosedCJKLettersandMonths",
    "CJKCompatibility",
    "CJKUnifiedIdeographsExtensionA",
    "YijingHexagramSymbols",
    "CJKUnifiedIdeographs",
    "YiSyllables",
    "YiRadicals",
    "HangulSyllables",
    "HighSurrogates",
    "HighPrivateUseSurrogates",
    "LowSurrogates",
    "PrivateUse",
    "PrivateUseArea",
    "CJKCompatibilityIdeographs",
    "AlphabeticPresentationForms",
    "ArabicPresentationForms-A",
    "VariationSelectors",
    "CombiningHalfMarks",
    "CJKCompatibilityForms",
    "SmallFormVariants",
    "ArabicPresentationForms-B",
    "HalfwidthandFullwidthForms",
    "Specials",
];

/// Whether .NET has the Unicode property `name` of a `\p{name}`: a general category, or one of
/// its named blocks (`IsGreek`). POSIX and Java names (`XDigit`, `Alnum`, `ASCII`,
/// `IsLetter`), which other engines know, it has not.
fn dotnet_property(name: &str) -> bool {
    DOTNET_CATEGORIES.contains(&name)
        || name
            .strip_prefix("Is")
            .is_some_and(|block| DOTNET_BLOCKS.contains(&block))
}

/// The names of the `\p{..}` and `\P{..}` properties of `pattern` (an escaped backslash
/// starts none).
fn unicode_properties(pattern: &str) -> impl Iterator<Item = &str> {
    let mut rest = pattern;
    std::iter::from_fn(move || {
        loop {
            let at = rest.find('\\')?;
            let after = &rest[at + 1..];
            match after.chars().next() {
                Some('p' | 'P') if after[1..].starts_with('{') => {
                    let body = &after[2..];
                    let end = body.find('}')?;
                    rest = &body[end + 1..];
                    return Some(&body[..end]);
                }
                Some(c) => rest = &after[c.len_utf8()..],
                None => return None,
            }
        }
    })
}

/// Whether `text` matches `pattern` anywhere (a JSON Schema pattern is not anchored unless it
/// says so), or `None` when the pattern uses what this engine does not run the way .NET would
/// (lookaround, backreferences) or is too large to run.
pub fn matches(pattern: &str, text: &str) -> Option<bool> {
    if verdict(pattern) != Verdict::Valid {
        return None;
    }
    let re = regex::RegexBuilder::new(pattern)
        .size_limit(1 << 20)
        .build()
        .ok()?;
    Some(re.is_match(text))
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
    use super::*;

    #[test]
    fn unicode_properties_are_read_past_escaped_backslashes() {
        let names: Vec<&str> = unicode_properties(r"\p{L}[\P{Nd}]\\p{X}\p{IsGreek}").collect();
        assert_eq!(names, ["L", "Nd", "IsGreek"]);
    }

    #[test]
    fn inline_flags_after_the_start_are_scoped_to_what_they_apply_to() {
        let cases = [
            (
                r"([^\s]+(\.(?i)(jpeg|tiff|pdf))$)",
                Some(r"([^\s]+(\.(?i:(jpeg|tiff|pdf)))$)"),
            ),
            ("a(?i)b|c", Some("a(?i:b)|(?i:c)")),
            ("(a(?i)b|c)d", Some("(a(?i:b)|(?i:c))d")),
            ("x(?i)a(?-i)b", Some("x(?i:a(?-i:b))")),
            ("a(?s)b+", Some("a(?s:b+)")),
            // Flags at the very start hold for the whole pattern: every reader has those.
            ("(?i)abc", None),
            ("abc", None),
            ("(?i:abc)", None),
            // A flag readers of scoped groups lack, or a pattern this parser cannot read.
            ("a(?U)b", None),
            ("a(?<=b)c", None),
        ];
        for (pattern, expected) in cases {
            assert_eq!(
                scoped_inline_flags(pattern).as_deref(),
                expected,
                "{pattern}"
            );
        }
    }
}
