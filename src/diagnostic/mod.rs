//! The bottom layer: the one diagnostic type every stage of ccforge speaks, the declaration of
//! a diagnostic code ([`Code`], [`declare_code!`](crate::declare_code)) and the one way to report
//! ([`Reporter`]). It depends on nothing else in the crate.

pub mod code;
pub mod reporter;

pub use code::{Code, Document, Kind, Profile};
pub use reporter::{Declared, Level, Policy, Reporter, dedupe};

use std::fmt;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A resolved place in a file: byte offset and length into the source text (for code frames),
/// and the 1-based line and column (column counted in Unicode code points).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub offset: usize,
    pub len: usize,
    pub line: usize,
    pub column: usize,
}

/// Where a diagnostic points before its line and column are known.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Anchor {
    /// No place in a file (for example a file that could not be read at all).
    None,
    /// A node of the parsed document, by RFC 6901 JSON pointer (`""` is the root).
    Pointer(String),
    /// A byte offset into the (decoded) source text, for problems found while reading.
    Offset(usize),
}

/// One finding, loss or error, from any stage.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The declaration of its code.
    pub meta: &'static Code,
    /// Stable code, for example `CCF201`.
    pub code: &'static str,
    /// Stable kebab-case rule name, for example `path-trailing-slash`.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The file as the user named it (with `/` separators), if any.
    pub file: Option<String>,
    pub anchor: Anchor,
    /// Filled in by the source layer's `Source::resolve` only for diagnostics that are reported.
    pub span: Option<Span>,
}

impl Diagnostic {
    /// A diagnostic of `meta`'s code; [`Code::diagnostic`] and a [`Reporter`] are the usual
    /// ways to make one.
    pub fn new(meta: &'static Code, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            meta,
            code: meta.code,
            rule: meta.name,
            severity,
            message: message.into(),
            help: None,
            file: None,
            anchor: Anchor::None,
            span: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds help text in place (for findings made through a lint rule's emitter).
    pub fn set_help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn at_pointer(mut self, pointer: impl Into<String>) -> Self {
        self.anchor = Anchor::Pointer(pointer.into());
        self
    }

    pub fn at_offset(mut self, offset: usize) -> Self {
        self.anchor = Anchor::Offset(offset);
        self
    }

    pub fn pointer(&self) -> Option<&str> {
        match &self.anchor {
            Anchor::Pointer(p) => Some(p),
            _ => None,
        }
    }

    pub fn line(&self) -> Option<usize> {
        self.span.map(|s| s.line)
    }

    pub fn column(&self) -> Option<usize> {
        self.span.map(|s| s.column)
    }

    /// `file:line:col` (or as much of it as is known).
    pub fn location(&self) -> String {
        let file = self.file.as_deref().unwrap_or("<input>");
        match self.span {
            Some(s) => format!("{file}:{}:{}", s.line, s.column),
            None => file.to_string(),
        }
    }

    /// The order reports use: by file, then position, then code.
    pub fn sort_key(&self) -> (Option<&str>, usize, usize, &'static str, &str) {
        let (line, col) = self.span.map_or((0, 0), |s| (s.line, s.column));
        (self.file.as_deref(), line, col, self.code, &self.message)
    }
}

/// Sorts diagnostics deterministically: by file, then line, column, code and message (equal
/// ones keep their order).
pub fn sort(diags: &mut [Diagnostic]) {
    let by_key = |a: &Diagnostic, b: &Diagnostic| a.sort_key().cmp(&b.sort_key());
    if diags.len() >= 1024 {
        // A conversion's thousands of changes: sorted on the pool, as stable as alone.
        use rayon::slice::ParallelSliceMut;
        diags.par_sort_by(by_key);
    } else {
        diags.sort_by(by_key);
    }
}

/// `word` as a POSIX shell reads it back: as it is when it holds nothing the shell treats
/// specially, else in single quotes. For file names in the commands a help text suggests, so
/// that pasting the command works for `my api.json` too.
pub fn shell_word(word: &str) -> std::borrow::Cow<'_, str> {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-./:@%+=,".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        return word.into();
    }
    format!("'{}'", word.replace('\'', "'\\''")).into()
}

/// Escapes one JSON pointer reference token (RFC 6901).
pub fn escape_token(token: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr2(b'~', b'/', token.as_bytes()).is_some() {
        let mut out = String::with_capacity(token.len() + 2);
        push_escaped(&mut out, token);
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(token)
    }
}

/// Appends one JSON pointer reference token to `out`, escaped (RFC 6901), without an
/// intermediate string: path keys (`/users/{id}`) always need escaping, and walks write
/// thousands of them.
pub fn push_escaped(out: &mut String, token: &str) {
    let mut rest = token;
    // A byte search: `str::find` with a set of chars decodes every character.
    while let Some(i) = memchr::memchr2(b'~', b'/', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        out.push_str(if rest.as_bytes()[i] == b'~' {
            "~0"
        } else {
            "~1"
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// An array index as a pointer token, written into `buf` (no allocation per element).
pub fn index_token(mut i: usize, buf: &mut [u8; 20]) -> &str {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (i % 10) as u8;
        i /= 10;
        if i == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[at..]).unwrap_or_default()
}

/// `base` followed by `/` and `token`, escaped: a JSON pointer one level down.
pub fn join_pointer(base: &str, token: &str) -> String {
    let mut out = String::with_capacity(base.len() + 1 + token.len() + 2);
    out.push_str(base);
    out.push('/');
    push_escaped(&mut out, token);
    out
}

/// Unescapes one JSON pointer reference token.
pub fn unescape_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// A URI component with its `%XX` escapes decoded (a `$ref`'s fragment, a `file:` URI's path);
/// `None` when an escape is malformed or the bytes are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Builds a JSON pointer from raw (unescaped) tokens.
pub fn pointer<I, S>(tokens: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = String::new();
    for t in tokens {
        out.push('/');
        push_escaped(&mut out, t.as_ref());
    }
    out
}

/// One step of a [`Trail`]: a member's name or an element's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Where a walk of a document is, kept as its steps and written as a JSON pointer only when a
/// finding needs it: escaping every name on the way costs a large document's walk more than
/// the walk itself.
#[derive(Debug, Default)]
pub struct Trail<'a> {
    steps: Vec<Step<'a>>,
}

impl<'a> Trail<'a> {
    pub fn push(&mut self, step: Step<'a>) {
        self.steps.push(step);
    }

    pub fn pop(&mut self) {
        self.steps.pop();
    }

    pub fn steps(&self) -> &[Step<'a>] {
        &self.steps
    }

    /// The pointer of the member `key` of where the walk is.
    pub fn pointer_to(&self, key: &str) -> String {
        let mut out = String::new();
        for step in &self.steps {
            match step {
                Step::Key(k) => {
                    out.push('/');
                    push_escaped(&mut out, k);
                }
                Step::Index(i) => {
                    use std::fmt::Write;
                    let _ = write!(out, "/{i}");
                }
            }
        }
        out.push('/');
        push_escaped(&mut out, key);
        out
    }
}

/// Splits a JSON pointer into its unescaped tokens. `""` gives no tokens.
pub fn split_pointer(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer
        .strip_prefix('/')
        .unwrap_or(pointer)
        .split('/')
        .map(unescape_token)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trail_is_written_as_an_escaped_pointer() {
        let mut t = Trail::default();
        t.push(Step::Key("paths"));
        t.push(Step::Key("/a~b"));
        t.push(Step::Index(3));
        assert_eq!(t.pointer_to("x/y"), "/paths/~1a~0b/3/x~1y");
        t.pop();
        assert_eq!(t.steps(), [Step::Key("paths"), Step::Key("/a~b")]);
    }

    #[test]
    fn percent_escapes_decode_and_malformed_ones_do_not() {
        assert_eq!(percent_decode("My%20Thing").as_deref(), Some("My Thing"));
        assert_eq!(percent_decode("caf%C3%A9%25").as_deref(), Some("café%"));
        assert_eq!(percent_decode("plain+sign").as_deref(), Some("plain+sign"));
        assert_eq!(percent_decode("bad%2"), None);
        assert_eq!(percent_decode("bad%+1"), None);
        assert_eq!(percent_decode("%FF"), None);
    }

    #[test]
    fn words_the_shell_would_split_or_expand_are_quoted() {
        assert_eq!(shell_word("connectors/A/api.json"), "connectors/A/api.json");
        assert_eq!(shell_word("sp ace/my api.json"), "'sp ace/my api.json'");
        assert_eq!(shell_word("it's.json"), "'it'\\''s.json'");
        assert_eq!(shell_word("$HOME/a;b"), "'$HOME/a;b'");
        assert_eq!(shell_word(""), "''");
    }

    #[test]
    fn pointer_round_trip() {
        let p = pointer(["paths", "/users/{id}", "get"]);
        assert_eq!(p, "/paths/~1users~1{id}/get");
        assert_eq!(split_pointer(&p), vec!["paths", "/users/{id}", "get"]);
        assert_eq!(pointer(["a~b"]), "/a~0b");
        assert_eq!(split_pointer("/a~0b"), vec!["a~b"]);
        assert!(split_pointer("").is_empty());
    }

    #[test]
    fn escaping_in_place_matches_the_escaped_token() {
        for t in ["", "plain", "/", "~", "~1", "/a~b/", "~~//", "é/ü~"] {
            let mut out = String::from("x");
            push_escaped(&mut out, t);
            assert_eq!(out, format!("x{}", t.replace('~', "~0").replace('/', "~1")));
            assert_eq!(escape_token(t), &out[1..], "{t:?}");
            assert_eq!(split_pointer(&join_pointer("", t)), vec![t.to_string()]);
        }
    }

    #[test]
    fn severity_order() {
        assert!(Severity::Info < Severity::Warning);
        assert!(Severity::Warning < Severity::Error);
        assert_eq!(Severity::parse("warning"), Some(Severity::Warning));
        assert_eq!(Severity::parse("off"), None);
    }
}
