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
}
