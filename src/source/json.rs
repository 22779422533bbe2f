//! A lenient JSON reader and a pointer locator that share one lexer.
//!
//! Strict JSON is parsed by serde_json (the fast path). Only when that fails does
//! [`parse_lenient`] run: it accepts what Microsoft's importer accepted in practice (comments,
//! trailing and missing commas, raw control characters inside strings, content after the root
//! value) and records each such place so it can be reported. [`locate`] walks the text to the
//! nodes named by a set of JSON pointers, in one pass, skipping everything else.

use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use std::collections::HashMap;

use super::{PointerTrie, Pointers};

mod split;
pub(crate) use split::skip_string;

/// What the lenient reader had to tolerate, and where (byte offset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leniency {
    pub offset: usize,
    pub kind: LeniencyKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeniencyKind {
    Comment,
    TrailingComma,
    MissingComma,
    ControlCharacter,
    TrailingContent,
    UnicodeWhitespace,
    LoneSurrogate,
}

impl LeniencyKind {
    pub fn describe(self) -> &'static str {
        match self {
            LeniencyKind::Comment => "a comment, which JSON does not allow",
            LeniencyKind::TrailingComma => "a trailing comma, which JSON does not allow",
            LeniencyKind::MissingComma => "a missing comma between two members",
            LeniencyKind::ControlCharacter => {
                "a raw control character inside a string (it must be escaped, e.g. \\t or \\n)"
            }
            LeniencyKind::TrailingContent => {
                "content after the end of the document's root value; it is ignored"
            }
            LeniencyKind::UnicodeWhitespace => {
                "a non-ASCII space character between tokens (JSON allows only space, tab and line breaks)"
            }
            LeniencyKind::LoneSurrogate => {
                "an escaped lone surrogate (`\\uD800`-`\\uDFFF` without its pair), which no \
                 Unicode text can hold; it is read as U+FFFD"
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub offset: usize,
    pub message: String,
}

/// Deepest nesting accepted, to keep recursion bounded on hostile input.
const MAX_DEPTH: usize = 512;

struct Lexer<'a> {
    s: &'a [u8],
    pos: usize,
    record: bool,
    found: Vec<Leniency>,
    /// Set when an object repeats a member name.
    repeated: bool,
    /// Where each repeated name is, collected only when asked for (a second, rare pass).
    duplicates: Option<Vec<DuplicateKey>>,
    /// The text is laid out one member or element per line by ccforge itself: a container's
    /// end is the first line after it that holds its closing bracket at its indentation.
    own_layout: bool,
}

/// A member name that appears more than once in one object: byte offsets of the first
/// occurrence's name and of a later one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    pub key: String,
    pub first: usize,
    pub again: usize,
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str, record: bool) -> Self {
        Lexer {
            s: text.as_bytes(),
            pos: 0,
            record,
            found: Vec::new(),
            repeated: false,
            duplicates: None,
            own_layout: false,
        }
    }

    fn note(&mut self, offset: usize, kind: LeniencyKind) {
        if self.record {
            self.found.push(Leniency { offset, kind });
        }
    }

    fn err<T>(&self, offset: usize, message: impl Into<String>) -> Result<T, JsonError> {
        Err(JsonError {
            offset,
            message: message.into(),
        })
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    /// Skips white space and comments.
    fn trivia(&mut self) -> Result<(), JsonError> {
        loop {
            // Indentation comes in runs: eight spaces at a time, then byte by byte.
            const SPACES: u64 = u64::from_ne_bytes([b' '; 8]);
            while let Some(chunk) = self.s.get(self.pos..self.pos + 8)
                && u64::from_ne_bytes(chunk.try_into().expect("eight bytes")) == SPACES
            {
                self.pos += 8;
            }
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.pos += 1,
                Some(b'/') if self.s.get(self.pos + 1) == Some(&b'/') => {
                    self.note(self.pos, LeniencyKind::Comment);
                    while let Some(c) = self.peek() {
                        if c == b'\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                Some(b'/') if self.s.get(self.pos + 1) == Some(&b'*') => {
                    let start = self.pos;
                    self.note(start, LeniencyKind::Comment);
                    match find(&self.s[self.pos + 2..], b"*/") {
                        Some(i) => self.pos += 2 + i + 2,
                        None => return self.err(start, "this comment is never closed"),
                    }
                }
                Some(c) if c >= 0x80 => {
                    // One character: at most four bytes.
                    let end = (self.pos + 4).min(self.s.len());
                    let bytes = &self.s[self.pos..end];
                    let rest = match std::str::from_utf8(bytes) {
                        Ok(r) => r,
                        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or(""),
                    };
                    match rest.chars().next() {
                        Some(ch) if ch.is_whitespace() => {
                            self.note(self.pos, LeniencyKind::UnicodeWhitespace);
                            self.pos += ch.len_utf8();
                        }
                        _ => return Ok(()),
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn unclosed<T>(&self, open_at: usize, what: &str, close: u8) -> Result<T, JsonError> {
        self.err(
            open_at,
            format!(
                "this {what} is never closed: the file was cut off or a `{}` is missing",
                close as char
            ),
        )
    }

    fn describe_here(&self) -> String {
        match self.peek() {
            None => "the end of the file".to_string(),
            Some(_) => {
                let rest = std::str::from_utf8(&self.s[self.pos..]).unwrap_or("");
                let c = rest.chars().next().unwrap_or('?');
                format!("`{}`", c.escape_debug())
            }
        }
    }

    /// Reads a string starting at `"`; returns its value (borrowed when it has no escapes).
    fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        let start = self.pos;
        self.pos += 1;
        let s = self.s;
        let body_start = self.pos;
        // Fast path: no escapes and no control characters.
        while let Some(&c) = s.get(self.pos) {
            match c {
                b'"' => {
                    let out = std::str::from_utf8(&s[body_start..self.pos]).unwrap_or("");
                    self.pos += 1;
                    return Ok(Cow::Borrowed(out));
                }
                b'\\' => break,
                c if c < 0x20 => break,
                _ => self.pos += 1,
            }
        }
        let mut out = String::from(std::str::from_utf8(&s[body_start..self.pos]).unwrap_or(""));
        loop {
            let Some(&c) = s.get(self.pos) else {
                return self.err(start, "this string is never closed");
            };
            match c {
                b'"' => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                b'\\' => {
                    let esc_at = self.pos;
                    let Some(&e) = s.get(self.pos + 1) else {
                        return self.err(start, "this string is never closed");
                    };
                    self.pos += 2;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4(esc_at)?;
                            let ch = if (0xD800..0xDC00).contains(&hi)
                                && s.get(self.pos) == Some(&b'\\')
                                && s.get(self.pos + 1) == Some(&b'u')
                            {
                                let save = self.pos;
                                self.pos += 2;
                                let lo = self.hex4(esc_at)?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                } else {
                                    self.pos = save;
                                    None
                                }
                            } else {
                                char::from_u32(hi)
                            };
                            if ch.is_none() {
                                // A strict reading fails here, so that the lenient one says so.
                                if !self.record {
                                    return self.err(esc_at, "an escaped lone surrogate");
                                }
                                self.note(esc_at, LeniencyKind::LoneSurrogate);
                            }
                            out.push(ch.unwrap_or('\u{FFFD}'));
                        }
                        _ => return self.err(esc_at, "this escape sequence is not valid JSON"),
                    }
                }
                c if c < 0x20 => {
                    self.note(self.pos, LeniencyKind::ControlCharacter);
                    out.push(c as char);
                    self.pos += 1;
                }
                _ => {
                    let run_start = self.pos;
                    while let Some(&c) = s.get(self.pos) {
                        if c == b'"' || c == b'\\' || c < 0x20 {
                            break;
                        }
                        self.pos += 1;
                    }
                    out.push_str(std::str::from_utf8(&s[run_start..self.pos]).unwrap_or(""));
                }
            }
        }
    }

    fn hex4(&mut self, esc_at: usize) -> Result<u32, JsonError> {
        let digits = self.s.get(self.pos..self.pos + 4);
        let parsed = digits
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| u32::from_str_radix(d, 16).ok());
        match parsed {
            Some(v) => {
                self.pos += 4;
                Ok(v)
            }
            None => self.err(esc_at, "a \\u escape needs four hexadecimal digits"),
        }
    }

    fn literal(&mut self, word: &str) -> Result<(), JsonError> {
        if self.s[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(())
        } else {
            self.err(
                self.pos,
                format!("expected a JSON value, found {}", self.describe_here()),
            )
        }
    }

    fn number(&mut self) -> Result<Number, JsonError> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E') {
                self.pos += 1;
            } else {
                break;
            }
        }
        let text = std::str::from_utf8(&self.s[start..self.pos]).unwrap_or("");
        match text.parse::<Number>() {
            Ok(n) => Ok(n),
            Err(_) if text.parse::<f64>().is_ok_and(f64::is_infinite) => self.err(
                start,
                format!("`{text}` is not a valid JSON number: it is out of the range of a double"),
            ),
            Err(_) => self.err(start, format!("`{text}` is not a valid JSON number")),
        }
    }

    /// After a member or element: consumes a separator. Returns true when the container ends.
    fn separator(&mut self, close: u8, what: &str, open_at: usize) -> Result<bool, JsonError> {
        let value_end = self.pos;
        self.trivia()?;
        match self.peek() {
            Some(c) if c == close => {
                self.pos += 1;
                Ok(true)
            }
            Some(b',') => {
                let comma = self.pos;
                self.pos += 1;
                self.trivia()?;
                if self.peek() == Some(close) {
                    self.note(comma, LeniencyKind::TrailingComma);
                    self.pos += 1;
                    return Ok(true);
                }
                Ok(false)
            }
            Some(c) if starts_value(c) && (close == b']' || c == b'"') => {
                self.note(value_end, LeniencyKind::MissingComma);
                Ok(false)
            }
            None => self.unclosed(open_at, what, close),
            Some(_) => self.err(
                self.pos,
                format!(
                    "expected `,` or `{}` in this {what}, found {}",
                    close as char,
                    self.describe_here()
                ),
            ),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, JsonError> {
        if depth > MAX_DEPTH {
            return self.err(self.pos, "the document is nested too deeply");
        }
        self.trivia()?;
        match self.peek() {
            Some(b'{') => {
                let open_at = self.pos;
                self.pos += 1;
                let mut members = Vec::new();
                let mut seen: HashMap<String, usize> = HashMap::new();
                self.trivia()?;
                if self.peek() == Some(b'}') {
                    self.pos += 1;
                    return Ok(Value::Object(Map::new()));
                }
                loop {
                    self.trivia()?;
                    if self.peek().is_none() {
                        return self.unclosed(open_at, "object", b'}');
                    }
                    if self.peek() != Some(b'"') {
                        return self.err(
                            self.pos,
                            format!(
                                "expected a member name in double quotes, found {}",
                                self.describe_here()
                            ),
                        );
                    }
                    let key_at = self.pos;
                    let key = self.string()?.into_owned();
                    if let Some(found) = self.duplicates.as_mut() {
                        let first = *seen.entry(key.clone()).or_insert(key_at);
                        if first != key_at {
                            found.push(DuplicateKey {
                                key: key.clone(),
                                first,
                                again: key_at,
                            });
                        }
                    }
                    self.trivia()?;
                    if self.peek() != Some(b':') {
                        return self.err(
                            self.pos,
                            format!(
                                "expected `:` after the member name, found {}",
                                self.describe_here()
                            ),
                        );
                    }
                    self.pos += 1;
                    members.push((key, self.value(depth + 1)?));
                    if self.separator(b'}', "object", open_at)? {
                        let (map, repeated) = exact_map(members.into_iter());
                        self.repeated |= repeated;
                        return Ok(Value::Object(map));
                    }
                }
            }
            Some(b'[') => {
                let open_at = self.pos;
                self.pos += 1;
                let mut arr = Vec::new();
                self.trivia()?;
                if self.peek() == Some(b']') {
                    self.pos += 1;
                    return Ok(Value::Array(arr));
                }
                loop {
                    arr.push(self.value(depth + 1)?);
                    if self.separator(b']', "array", open_at)? {
                        arr.shrink_to_fit();
                        return Ok(Value::Array(arr));
                    }
                }
            }
            Some(b'"') => Ok(Value::String(self.string()?.into_owned())),
            Some(b't') => self.literal("true").map(|_| Value::Bool(true)),
            Some(b'f') => self.literal("false").map(|_| Value::Bool(false)),
            Some(b'n') => self.literal("null").map(|_| Value::Null),
            Some(b'-') if self.s[self.pos..].starts_with(b"-Infinity") => self.not_a_number(),
            Some(b'N' | b'I')
                if self.s[self.pos..].starts_with(b"NaN")
                    || self.s[self.pos..].starts_with(b"Infinity") =>
            {
                self.not_a_number()
            }
            Some(c) if c == b'-' || c.is_ascii_digit() => Ok(Value::Number(self.number()?)),
            None => self.err(self.pos, "the file ends where a value was expected"),
            Some(_) => self.err(
                self.pos,
                format!("expected a JSON value, found {}", self.describe_here()),
            ),
        }
    }

    /// `NaN`, `Infinity` or `-Infinity`, which some writers emit and JSON does not have.
    fn not_a_number<T>(&self) -> Result<T, JsonError> {
        let rest = &self.s[self.pos..];
        let len = rest
            .iter()
            .position(|c| !(c.is_ascii_alphabetic() || *c == b'-'))
            .unwrap_or(rest.len());
        let word = std::str::from_utf8(&rest[..len]).unwrap_or("");
        self.err(
            self.pos,
            format!("`{word}` is not a valid JSON number: JSON has no NaN or infinity"),
        )
    }

    /// Skips one value without building it.
    fn skip(&mut self) -> Result<(), JsonError> {
        self.trivia()?;
        match self.peek() {
            Some(b'{' | b'[') => self.skip_container(),
            Some(b'"') => self.skip_string(),
            _ => {
                // Scalars: read up to the next structural character.
                let start = self.pos;
                while let Some(c) = self.peek() {
                    if matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r' | b'/') {
                        break;
                    }
                    self.pos += 1;
                }
                if self.pos == start {
                    return self.err(self.pos, "expected a value");
                }
                Ok(())
            }
        }
    }

    /// Skips a whole object or array. The text has been parsed already, so only strings,
    /// comments and brackets matter: everything else is passed over without being read.
    fn skip_container(&mut self) -> Result<(), JsonError> {
        if self.own_layout
            && let Some(end) = laid_out_end(self.s, self.pos)
        {
            self.pos = end;
            return Ok(());
        }
        const SPECIAL: [bool; 256] = {
            let mut t = [false; 256];
            t[b'{' as usize] = true;
            t[b'[' as usize] = true;
            t[b'}' as usize] = true;
            t[b']' as usize] = true;
            t[b'"' as usize] = true;
            t[b'/' as usize] = true;
            t
        };
        let open_at = self.pos;
        let s = self.s;
        let mut depth = 0usize;
        let mut pos = self.pos;
        loop {
            pos = next_special(s, pos);
            while pos < s.len() && !SPECIAL[s[pos] as usize] {
                pos += 1;
            }
            let Some(&c) = s.get(pos) else { break };
            match c {
                b'{' | b'[' => {
                    depth += 1;
                    pos += 1;
                }
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    pos += 1;
                    if depth == 0 {
                        self.pos = pos;
                        return Ok(());
                    }
                }
                b'"' => {
                    self.pos = pos;
                    self.skip_string()?;
                    pos = self.pos;
                }
                b'/' if s.get(pos + 1) == Some(&b'/') => {
                    pos = memchr::memchr(b'\n', &s[pos..]).map_or(s.len(), |i| pos + i);
                }
                b'/' if s.get(pos + 1) == Some(&b'*') => match find(&s[pos + 2..], b"*/") {
                    Some(i) => pos += 2 + i + 2,
                    None => return self.err(pos, "this comment is never closed"),
                },
                _ => pos += 1,
            }
        }
        let (what, close) = if s[open_at] == b'{' {
            ("object", b'}')
        } else {
            ("array", b']')
        };
        self.unclosed(open_at, what, close)
    }

    fn skip_string(&mut self) -> Result<(), JsonError> {
        let start = self.pos;
        self.pos += 1;
        loop {
            match memchr2(b'"', b'\\', &self.s[self.pos..]) {
                None => return self.err(start, "this string is never closed"),
                Some(i) => {
                    self.pos += i;
                    if self.s[self.pos] == b'"' {
                        self.pos += 1;
                        return Ok(());
                    }
                    self.pos += 2;
                }
            }
        }
    }

    /// Walks one value, recording the place of every node of the trie.
    fn walk(&mut self, trie: &PointerTrie, found: &mut Found) -> Result<(), JsonError> {
        self.trivia()?;
        match self.peek() {
            Some(b'{') => {
                let open_at = self.pos;
                self.pos += 1;
                self.trivia()?;
                if self.peek() == Some(b'}') {
                    self.pos += 1;
                    return Ok(());
                }
                loop {
                    self.trivia()?;
                    if self.peek() != Some(b'"') {
                        return self.err(self.pos, "expected a member name");
                    }
                    let key_start = self.pos;
                    let key = self.string()?;
                    let key_end = self.pos;
                    self.trivia()?;
                    if self.peek() != Some(b':') {
                        return self.err(self.pos, "expected `:`");
                    }
                    self.pos += 1;
                    match trie.child(&key) {
                        Some(child) => {
                            found.record(child.id, key_start, key_end);
                            if found.all() {
                                return self.err(self.pos, "every node is found");
                            }
                            if child.has_children() {
                                self.walk(child, found)?;
                            } else {
                                self.skip()?;
                            }
                        }
                        None => self.skip()?,
                    }
                    if self.separator(b'}', "object", open_at)? {
                        return Ok(());
                    }
                }
            }
            Some(b'[') => {
                let open_at = self.pos;
                self.pos += 1;
                self.trivia()?;
                if self.peek() == Some(b']') {
                    self.pos += 1;
                    return Ok(());
                }
                let mut index = 0usize;
                loop {
                    self.trivia()?;
                    let mut digits = [0u8; 20];
                    match trie.child(crate::diagnostic::index_token(index, &mut digits)) {
                        Some(child) => {
                            let start = self.pos;
                            if child.has_children() {
                                self.walk(child, found)?;
                            } else {
                                self.skip()?;
                            }
                            // An element's place is its first line.
                            let len = memchr::memchr(b'\n', &self.s[start..self.pos])
                                .unwrap_or(self.pos - start);
                            found.record(child.id, start, start + len.max(1));
                            if found.all() {
                                return self.err(self.pos, "every node is found");
                            }
                        }
                        None => self.skip()?,
                    }
                    index += 1;
                    if self.separator(b']', "array", open_at)? {
                        return Ok(());
                    }
                }
            }
            _ => self.skip(),
        }
    }
}

/// The places found by [`locate`]. A repeated key is recorded each time: the parsed value is
/// its last occurrence, and the last place recorded for an id is the one kept.
struct Found {
    places: Vec<(u32, usize, usize)>,
    /// Which ids were found, and how many were not.
    seen: Vec<bool>,
    left: usize,
    /// No member name repeats: a node found is found for good.
    unique: bool,
}

impl Found {
    fn record(&mut self, id: u32, start: usize, end: usize) {
        self.places.push((id, start, end));
        if let Some(seen) = self.seen.get_mut(id as usize)
            && !*seen
        {
            *seen = true;
            self.left -= 1;
        }
    }

    /// Every node is found and none can be found again: the rest of the text need not be read.
    fn all(&self) -> bool {
        self.unique && self.left == 0
    }
}

/// The position of the first byte at or after `pos` that may be one of `{ [ } ] " /`, eight
/// bytes at a time: with the 0x20 bit set, those are the four bytes 0x7B, 0x7D, 0x22 and 0x2F.
/// The control bytes 0x02 and 0x0F match too, so the caller looks at the byte itself. Returns
/// where the last whole word ends when no word has one.
fn next_special(s: &[u8], mut pos: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of `w` that equals `b` (exact for the lowest such byte).
    let equal = |w: u64, b: u8| {
        let v = w ^ (ONES * b as u64);
        v.wrapping_sub(ONES) & !v & HIGHS
    };
    while let Some(chunk) = s.get(pos..pos + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes")) | (ONES * 0x20);
        let hits = equal(w, b'{') | equal(w, b'}') | equal(w, b'"') | equal(w, b'/');
        if hits != 0 {
            return pos + (hits.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    pos
}

fn starts_value(c: u8) -> bool {
    matches!(c, b'{' | b'[' | b'"' | b't' | b'f' | b'n' | b'-') || c.is_ascii_digit()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

fn memchr2(a: u8, b: u8, hay: &[u8]) -> Option<usize> {
    memchr::memchr2(a, b, hay)
}

/// What a reading returned: the value (the last of repeated members wins), every tolerated
/// deviation, and whether some object repeats a member name.
#[derive(Debug)]
pub struct Lenient {
    pub value: Value,
    pub found: Vec<Leniency>,
    pub repeated: bool,
}

/// `text`, which reads only leniently, made strict JSON by the smallest edits: a comment goes
/// (with its line when it stands alone on one), a trailing comma goes, a missing comma is put
/// in, a raw control character in a string is escaped, a non-ASCII space between tokens becomes
/// a space, and content after the root value goes; the rest of the text stays as it is. `None`
/// when an escaped lone surrogate (which no strict text can hold), a member name given twice,
/// or anything else keeps the edited text from reading strictly as the same value.
pub fn strict_text(text: &str) -> Option<String> {
    let lenient = parse_lenient(text).ok().filter(|l| !l.repeated)?;
    let b = text.as_bytes();
    // (start, end, replacement) of each edit, in the order of the text.
    let mut edits: Vec<(usize, usize, String)> = Vec::with_capacity(lenient.found.len());
    for l in &lenient.found {
        let at = l.offset;
        let edit = match l.kind {
            LeniencyKind::Comment => {
                let end = if b[at..].starts_with(b"//") {
                    let line_end = find(&b[at..], b"\n").map_or(b.len(), |i| at + i);
                    if line_end > at && b[line_end - 1] == b'\r' {
                        line_end - 1
                    } else {
                        line_end
                    }
                } else {
                    at + 2 + find(&b[at + 2..], b"*/")? + 2
                };
                let line_start = b[..at]
                    .iter()
                    .rposition(|&c| c == b'\n')
                    .map_or(0, |i| i + 1);
                let blank = |s: &[u8]| s.iter().all(|c| c.is_ascii_whitespace());
                let next_line = find(&b[end..], b"\n").map_or(b.len(), |i| end + i + 1);
                if blank(&b[line_start..at]) && blank(&b[end..next_line]) {
                    // Alone on its line: the line goes.
                    (line_start, next_line, String::new())
                } else {
                    // After something on its line: the comment and the spaces before it go.
                    let mut start = at;
                    while start > line_start && matches!(b[start - 1], b' ' | b'\t') {
                        start -= 1;
                    }
                    (start, end, String::new())
                }
            }
            LeniencyKind::TrailingComma => (at, at + 1, String::new()),
            LeniencyKind::MissingComma => (at, at, ",".into()),
            LeniencyKind::ControlCharacter => {
                let escaped = match b[at] {
                    b'\n' => "\\n".to_string(),
                    b'\r' => "\\r".to_string(),
                    b'\t' => "\\t".to_string(),
                    0x08 => "\\b".to_string(),
                    0x0c => "\\f".to_string(),
                    c => format!("\\u{c:04x}"),
                };
                (at, at + 1, escaped)
            }
            LeniencyKind::UnicodeWhitespace => {
                let width = text[at..].chars().next()?.len_utf8();
                (at, at + width, " ".into())
            }
            LeniencyKind::TrailingContent => {
                // What follows the root value goes; the text still ends in a line end.
                let kept_end = b[..at].iter().rposition(|c| !c.is_ascii_whitespace())? + 1;
                let line_end = if text.contains("\r\n") { "\r\n" } else { "\n" };
                (kept_end, b.len(), line_end.into())
            }
            LeniencyKind::LoneSurrogate => return None,
        };
        edits.push(edit);
    }
    edits.sort_by_key(|e| (e.0, e.1));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end, with) in edits {
        if start < at {
            // Two edits of one place: not the smallest edit any more.
            return None;
        }
        out.push_str(&text[at..start]);
        out.push_str(&with);
        at = end;
    }
    out.push_str(&text[at..]);
    let (value, _) = parse_strict(&out).ok()?;
    (value == lenient.value).then_some(out)
}

/// Parses JSON leniently. On success returns the value and every tolerated deviation.
pub fn parse_lenient(text: &str) -> Result<Lenient, JsonError> {
    let mut lx = Lexer::new(text, true);
    let value = lx.value(0)?;
    lx.trivia()?;
    if lx.pos < lx.s.len() {
        let at = lx.pos;
        lx.note(at, LeniencyKind::TrailingContent);
    }
    Ok(Lenient {
        value,
        found: lx.found,
        repeated: lx.repeated,
    })
}

/// Every repeated member name of a text that [`parse_lenient`] reads, in text order. A second
/// pass, run only when a reading saw a repeat: the first pass keeps no names.
pub fn duplicate_keys(text: &str) -> Vec<DuplicateKey> {
    let mut lx = Lexer::new(text, true);
    lx.duplicates = Some(Vec::new());
    let _ = lx.value(0);
    let mut found = lx.duplicates.unwrap_or_default();
    found.sort_by_key(|d| d.again);
    found
}

/// The numbers of a JSON text that are spelled otherwise than serde_json writes them back
/// (`1E2`, `-0`, `1.50`, integers past 64 bits, `1e-400`), by the text serde_json writes for each
/// value: a writer that looks its numbers up here keeps the input's spelling, and with it every
/// digit the parsed value lost. A value spelled two different ways is left out (its spelling
/// is not the value's alone).
pub fn number_spellings(text: &str) -> HashMap<String, String> {
    let s = text.as_bytes();
    let mut found: HashMap<String, Option<&str>> = HashMap::new();
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'"' => {
                i += 1;
                while i < s.len() {
                    match s[i] {
                        b'\\' => i += 2,
                        b'"' => break,
                        _ => i += 1,
                    }
                }
                i += 1;
            }
            b'/' if s.get(i + 1) == Some(&b'/') => {
                i = find(&s[i..], b"\n").map_or(s.len(), |n| i + n);
            }
            b'/' if s.get(i + 1) == Some(&b'*') => {
                i = find(&s[i + 2..], b"*/").map_or(s.len(), |n| i + 2 + n + 2);
            }
            c if c == b'-' || c.is_ascii_digit() => {
                let start = i;
                while i < s.len() && (s[i].is_ascii_digit() || b"-+.eE".contains(&s[i])) {
                    i += 1;
                }
                let token = &text[start..i];
                if written_alike(token.as_bytes()) {
                    continue;
                }
                let Ok(n) = token.parse::<Number>() else {
                    continue;
                };
                let Ok(written) = serde_json::to_string(&n) else {
                    continue;
                };
                if written != token {
                    found
                        .entry(written)
                        .and_modify(|seen| {
                            if *seen != Some(token) {
                                *seen = None;
                            }
                        })
                        .or_insert(Some(token));
                }
            }
            _ => i += 1,
        }
    }
    found
        .into_iter()
        .filter_map(|(written, token)| Some((written, token?.to_owned())))
        .collect()
}

/// Whether serde_json surely writes the number `token` back as it is: a short integer without
/// leading zeros (most numbers of a definition).
fn written_alike(token: &[u8]) -> bool {
    let digits = token.strip_prefix(b"-").unwrap_or(token);
    !digits.is_empty()
        && digits.len() <= 18
        && digits.iter().all(u8::is_ascii_digit)
        && (digits[0] != b'0' || token.len() == 1)
}

/// One member of an object, or element of an array, in a strict JSON text (see [`parts`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part<'a> {
    /// The member's name; `None` for an array element.
    pub key: Option<Cow<'a, str>>,
    /// The white space before it (after the `{`, `[` or `,`).
    pub lead: std::ops::Range<usize>,
    /// Where it starts: its name's opening quote, or the element itself.
    pub start: usize,
    /// Its value's text.
    pub value: std::ops::Range<usize>,
}

/// The members or elements of the container whose `{` or `[` is at `at` in `text`, a strict
/// JSON text, with the white space before its closing bracket; `None` if no container starts
/// there or it does not read as strict JSON.
pub fn parts(text: &str, at: usize) -> Option<(Vec<Part<'_>>, std::ops::Range<usize>)> {
    let mut lx = Lexer::new(text, true);
    lx.pos = at;
    let close = match lx.peek()? {
        b'{' => b'}',
        b'[' => b']',
        _ => return None,
    };
    lx.pos += 1;
    let mut found = Vec::new();
    loop {
        let lead_from = lx.pos;
        lx.trivia().ok()?;
        let lead = lead_from..lx.pos;
        if found.is_empty() && lx.peek() == Some(close) {
            lx.pos += 1;
            return lx.found.is_empty().then_some((found, lead));
        }
        let start = lx.pos;
        let key = if close == b'}' {
            if lx.peek() != Some(b'"') {
                return None;
            }
            let key = lx.string().ok()?;
            lx.trivia().ok()?;
            if lx.peek() != Some(b':') {
                return None;
            }
            lx.pos += 1;
            lx.trivia().ok()?;
            Some(key)
        } else {
            None
        };
        let value_from = lx.pos;
        lx.skip().ok()?;
        found.push(Part {
            key,
            lead,
            start,
            value: value_from..lx.pos,
        });
        let close_from = lx.pos;
        lx.trivia().ok()?;
        match lx.peek()? {
            b',' => lx.pos += 1,
            c if c == close => {
                let close_lead = close_from..lx.pos;
                // A comment anywhere, or other leniency, is not strict JSON.
                return lx.found.is_empty().then_some((found, close_lead));
            }
            _ => return None,
        }
    }
}

/// Texts at least this long are parsed on several threads, when there are several (see
/// [`split`]).
const PARALLEL_FROM: usize = 512 * 1024;

/// Strict JSON, as serde_json reads it, also telling whether some object repeats a member name
/// (serde_json's own reading keeps the last silently).
pub fn parse_strict(text: &str) -> Result<(Value, bool), serde_json::Error> {
    parse_strict_leaving(text, &[])
}

/// [`parse_strict`], with the `unread` members left out of the tree.
pub fn parse_strict_leaving(
    text: &str,
    unread: &[Unread],
) -> Result<(Value, bool), serde_json::Error> {
    if text.len() >= PARALLEL_FROM
        && rayon::current_num_threads() > 1
        && let Some(parsed) = split::parse(text, unread)
    {
        return Ok(parsed);
    }
    let repeated = std::cell::Cell::new(false);
    let mut de = serde_json::Deserializer::from_str(text);
    let seed = Strict {
        repeated: &repeated,
        unread,
        within: Within::Any,
    };
    let value = serde::de::DeserializeSeed::deserialize(seed, &mut de)?;
    de.end()?;
    Ok((value, repeated.get()))
}

/// A member its reader never reads, left out of the tree: `member` of each object that is an
/// element of the array under a member named `list`. It stays in its object as `null`, so that
/// its name still counts when repeated names are looked for, and so are repeated names inside
/// it. (A collection's saved responses each repeat their request under `originalRequest`, a
/// fifth of a typical export, which a conversion never reads.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unread {
    pub list: &'static str,
    pub member: &'static str,
}

/// Where a value is, for [`Unread`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Within {
    Any,
    /// The value of a member named `list`.
    List(&'static str),
    /// An element of that value.
    Element(&'static str),
    /// A member left unread.
    Unread,
}

impl Within {
    /// Where the value of member `key` of an object here is.
    fn member(self, key: &str, unread: &[Unread]) -> Within {
        if let Within::Element(list) = self
            && unread.iter().any(|u| u.list == list && u.member == key)
        {
            return Within::Unread;
        }
        unread
            .iter()
            .find(|u| u.list == key)
            .map_or(Within::Any, |u| Within::List(u.list))
    }

    /// Where an element of an array here is.
    fn element(self) -> Within {
        match self {
            Within::List(list) => Within::Element(list),
            _ => Within::Any,
        }
    }
}

/// The members as a map of exactly their number (a later repeated name wins, as with
/// `insert`), and whether a name was repeated. A map grown member by member keeps room for up to
/// twice its members; a document's millions of small objects would hold that room for as long
/// as the document lives.
fn exact_map(
    members: impl ExactSizeIterator<Item = (String, Value)>,
) -> (Map<String, Value>, bool) {
    let mut map = Map::with_capacity(members.len());
    let mut repeated = false;
    for (k, v) in members {
        repeated |= map.insert(k, v).is_some();
    }
    (map, repeated)
}

/// The members and elements of the objects and arrays being read on this thread, innermost
/// last. A container's own are moved out into a value of exactly their number when it ends, so
/// that reading allocates no list per container that it grows and throws away.
#[derive(Default)]
struct Open {
    members: Vec<(String, Value)>,
    elements: Vec<Value>,
}

thread_local! {
    static OPEN: std::cell::RefCell<Open> = std::cell::RefCell::default();
}

/// Runs `read`, which pushes the members or elements of one container onto its `stack` of
/// [`Open`] (reading nested values as it goes), and `made` of what it pushed. What a failed
/// `read` pushed is dropped, so nothing is left for the next reading on this thread.
fn read_open<T, R, E>(
    stack: fn(&mut Open) -> &mut Vec<T>,
    read: impl FnOnce() -> Result<(), E>,
    made: impl FnOnce(std::vec::Drain<'_, T>) -> R,
) -> Result<R, E> {
    let start = OPEN.with_borrow_mut(|o| stack(o).len());
    let result = read();
    OPEN.with_borrow_mut(|o| {
        let open = stack(o);
        match result {
            Ok(()) => Ok(made(open.drain(start..))),
            Err(e) => {
                open.truncate(start);
                Err(e)
            }
        }
    })
}

/// Builds a `Value` as serde_json does, noting repeated member names, leaving out the unread
/// members.
#[derive(Clone, Copy)]
struct Strict<'a> {
    repeated: &'a std::cell::Cell<bool>,
    unread: &'a [Unread],
    within: Within,
}

impl Strict<'_> {
    /// The value where `within` is: read, or skimmed and left as `null` when unread.
    fn read<'de, A: serde::de::MapAccess<'de>>(
        self,
        map: &mut A,
        within: Within,
    ) -> Result<Value, A::Error> {
        if within == Within::Unread {
            map.next_value_seed(Skim(self.repeated))?;
            return Ok(Value::Null);
        }
        map.next_value_seed(Strict { within, ..self })
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Strict<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let element = Strict {
            within: self.within.element(),
            ..self
        };
        let read = || {
            while let Some(v) = seq.next_element_seed(element)? {
                OPEN.with_borrow_mut(|o| o.elements.push(v));
            }
            Ok(())
        };
        let items = read_open(|o| &mut o.elements, read, |items| items.collect())?;
        Ok(Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let read = || {
            while let Some(key) = map.next_key::<String>()? {
                let within = self.within.member(&key, self.unread);
                let value = self.read(&mut map, within)?;
                OPEN.with_borrow_mut(|o| o.members.push((key, value)));
            }
            Ok(())
        };
        let (map, repeated) = read_open(|o| &mut o.members, read, |members| exact_map(members))?;
        if repeated {
            self.repeated.set(true);
        }
        Ok(Value::Object(map))
    }
}

/// Reads a value without building it, noting repeated member names.
#[derive(Clone, Copy)]
struct Skim<'a>(&'a std::cell::Cell<bool>);

impl<'de> serde::de::DeserializeSeed<'de> for Skim<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Skim<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut names: Vec<Name<'de>> = Vec::new();
        while let Some(name) = map.next_key::<Name<'de>>()? {
            names.push(name);
            map.next_value_seed(self)?;
        }
        names.sort_unstable();
        if names.windows(2).any(|w| w[0] == w[1]) {
            self.0.set(true);
        }
        Ok(())
    }
}

/// A member name, borrowed from the text when it has no escapes.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Name<'de>(Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Name<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Name<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// Where the container opening at `open` ends, in a text laid out one member or element per
/// line (strings hold no line break: a line that starts with the opening line's indentation
/// and the closing bracket closes this container, and the first such line is its own). `None`
/// when no such line follows, for the bracket-counting scan to decide.
fn laid_out_end(s: &[u8], open: usize) -> Option<usize> {
    let close = match s.get(open)? {
        b'{' => b'}',
        b'[' => b']',
        _ => return None,
    };
    if s.get(open + 1) == Some(&close) {
        return Some(open + 2);
    }
    let line = memchr::memrchr(b'\n', &s[..open]).map_or(0, |i| i + 1);
    let indent = s[line..open]
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    let mut needle = Vec::with_capacity(indent + 2);
    needle.push(b'\n');
    needle.extend_from_slice(&s[line..line + indent]);
    needle.push(close);
    memchr::memmem::find(&s[open..], &needle).map(|i| open + i + needle.len())
}

/// Finds the byte range of each node of `pointers` that is in the text, as `(id, start, end)`,
/// in one walk: a member by its name, an array element by its first line. `unique`: no object
/// of the text repeats a member name, so the walk ends once every node is found. `own_layout`:
/// the text is laid out by ccforge (see [`laid_out_end`]).
pub fn locate(
    text: &str,
    pointers: &Pointers,
    unique: bool,
    own_layout: bool,
) -> Vec<(u32, usize, usize)> {
    let mut lx = Lexer::new(text, false);
    lx.own_layout = own_layout;
    let mut found = Found {
        places: Vec::new(),
        seen: vec![false; pointers.len()],
        left: pointers.len(),
        unique,
    };
    let _ = lx.trivia();
    let start = lx.pos;
    found.record(pointers.root.id, start, start + 1);
    if !pointers.root.has_children() {
        return found.places;
    }
    // A malformed tail only stops the walk (as does finding everything); what was found so far
    // is kept.
    let _ = lx.walk(&pointers.root, &mut found);
    found.places
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_name_each_member_and_element_with_its_place() {
        let text = r#"{ "a" : [1, {"b": 2}], "c\u0064": "x" }"#;
        let (members, close) = parts(text, 0).unwrap();
        let keys: Vec<_> = members.iter().map(|p| p.key.as_deref().unwrap()).collect();
        assert_eq!(keys, ["a", "cd"]);
        assert_eq!(&text[members[0].value.clone()], r#"[1, {"b": 2}]"#);
        assert_eq!(
            &text[members[1].start..members[1].value.end],
            r#""c\u0064": "x""#
        );
        assert_eq!(&text[close], " ");
        let (elements, _) = parts(text, members[0].value.start).unwrap();
        assert_eq!(&text[elements[1].value.clone()], r#"{"b": 2}"#);
        assert_eq!(&text[elements[1].lead.clone()], " ");
        assert_eq!(parts("[ ]", 0).map(|(p, c)| (p.len(), c)), Some((0, 1..2)));
        // Not strict JSON, or no container there.
        assert_eq!(parts("[1, /* two */ 2]", 0), None);
        assert_eq!(parts("[1,]", 0), None);
        assert_eq!(parts("1", 0), None);
    }

    #[test]
    fn a_failed_parse_leaves_nothing_open_for_the_next() {
        let open = || OPEN.with_borrow(|o| (o.members.len(), o.elements.len()));
        for bad in [
            r#"{"a": [1, {"b": 2,"#,
            r#"[{"a": 1}, [2, 3"#,
            r#"{"a": {"b": [1, 2]}, "c": x}"#,
        ] {
            assert!(parse_strict(bad).is_err(), "{bad}");
            assert_eq!(open(), (0, 0), "{bad}");
        }
        let (v, repeated) = parse_strict(r#"{"a": [1, {"b": 2, "b": 3}], "c": []}"#).unwrap();
        assert_eq!(v, serde_json::json!({"a": [1, {"b": 3}], "c": []}));
        assert!(repeated);
        let Value::Array(items) = &v["a"] else {
            unreachable!()
        };
        assert_eq!(items.capacity(), 2);
        assert_eq!(open(), (0, 0));
    }

    #[test]
    fn locating_skips_brackets_inside_strings_and_comments() {
        let text = r#"{
  "skipped": {"a": "} ] { [", "b": ["\"}", {"c": "]"}], // } ]
    /* { [ */ "d": [[], {}]},
  "after": [10, {"x": "y"}]
}"#;
        let mut pointers = Pointers::default();
        let (mut x, mut after) = (Vec::new(), Vec::new());
        pointers.add("/after/1/x", &mut x);
        pointers.add("/after", &mut after);
        let found: std::collections::HashMap<u32, (usize, usize)> =
            locate(text, &pointers, true, false)
                .into_iter()
                .map(|(id, s, e)| (id, (s, e)))
                .collect();
        let at = |chain: &[u32]| match found.get(chain.last().expect("an id")) {
            Some(&(s, e)) => &text[s..e],
            None => panic!("{chain:?} not found"),
        };
        assert_eq!(x.len(), 4, "the root, `after`, `1` and `x`");
        assert_eq!(after, x[..2]);
        assert_eq!(at(&after), "\"after\"");
        assert_eq!(at(&x[..3]), "{\"x\": \"y\"}");
        assert_eq!(at(&x), "\"x\"");
    }

    #[test]
    fn a_text_laid_out_by_ccforge_is_located_alike_by_its_lines() {
        let doc = serde_json::json!({
            "a": {"s": "} ]\n  }", "x": [[], {}, [1, {"y": "]"}]], "e": {}},
            "b": [{"c": {"d": [true]}}, "  }"],
            "after": {"z": null}
        });
        let pretty = serde_json::to_string_pretty(&doc).unwrap();
        let tabs = pretty.replace("  ", "\t").replace('\n', "\r\n");
        let pointers = [
            "/after/z",
            "/b/1",
            "/b/0/c/d/0",
            "/a/x/2/1/y",
            "/a/e",
            "/missing/deeper",
        ];
        for text in [pretty, tabs] {
            let mut trie = Pointers::default();
            for p in pointers {
                trie.add(p, &mut Vec::new());
            }
            let mut plain = locate(&text, &trie, true, false);
            let mut by_lines = locate(&text, &trie, true, true);
            plain.sort_unstable();
            by_lines.sort_unstable();
            assert_eq!(by_lines, plain, "{text}");
            assert_eq!(plain.len(), 15, "every node but the missing one");
        }
        // A container that closes on no line of its own (not laid out by ccforge) is still
        // passed over by counting brackets.
        let text = "{\"a\": {\"b\": [1, 2]}, \"c\": 3}";
        let mut trie = Pointers::default();
        trie.add("/c", &mut Vec::new());
        assert_eq!(
            locate(text, &trie, true, true),
            locate(text, &trie, true, false)
        );
    }

    #[test]
    fn the_word_scan_stops_at_the_first_special_byte() {
        let text = b"  \"abc\": 12,\x02 [ x\x0f } ] /  {   plain words only here ......!";
        let naive = |from: usize| {
            (from..text.len())
                .find(|&i| b"{[}]\"/\x02\x0f".contains(&text[i]))
                .unwrap_or(text.len())
        };
        for from in 0..text.len() {
            let at = next_special(text, from);
            // The first candidate byte, or else where the whole words end before it.
            let whole_words_end = from + (text.len() - from) / 8 * 8;
            assert!(
                at == naive(from) || (at == whole_words_end && naive(from) >= at),
                "from {from}: {at}"
            );
        }
    }

    fn kinds(text: &str) -> Vec<LeniencyKind> {
        parse_lenient(text)
            .unwrap()
            .found
            .into_iter()
            .map(|l| l.kind)
            .collect()
    }

    #[test]
    fn lenient_text_is_made_strict_by_the_smallest_edits() {
        let strict = |t: &str| strict_text(t).unwrap();
        // A comment alone on its line goes with the line; one after a member goes with the
        // spaces before it; the layout of everything else stays.
        assert_eq!(
            strict("{\n  // host\n  \"a\": [1, 2], // note\n  \"b\": {\"c\": 1,},\n}\n"),
            "{\n  \"a\": [1, 2],\n  \"b\": {\"c\": 1}\n}\n"
        );
        assert_eq!(strict("// top\n{}"), "{}");
        assert_eq!(
            strict("{\"a\": 1 /* x */, \"b\": 2}"),
            "{\"a\": 1, \"b\": 2}"
        );
        // A missing comma is put in; a raw tab is escaped; a non-ASCII space becomes a space.
        assert_eq!(
            strict("{\"a\": 1\n \"b\": \"x\ty\"}"),
            "{\"a\": 1,\n \"b\": \"x\\ty\"}"
        );
        assert_eq!(strict("{\u{a0}\"a\": 1}"), "{ \"a\": 1}");
        // What follows the root value goes; the text still ends its line.
        assert_eq!(strict("{}\r\n}\r\n"), "{}\r\n");
        // A lone surrogate has no strict form; duplicate names are not strict either.
        assert_eq!(strict_text("[\"\\ud800\"]"), None);
        assert_eq!(strict_text("{\"a\": 1, \"a\": 2,}"), None);
    }

    #[test]
    fn strict_json_has_no_leniencies() {
        let p = parse_lenient(r#"{"a": [1, 2.5, "x\n\u00e9"], "b": null}"#).unwrap();
        assert!(p.found.is_empty() && !p.repeated);
        let v = p.value;
        assert_eq!(v["a"][2], "x\né");
        assert_eq!(v["a"][1], 2.5);
    }

    #[test]
    fn tolerates_what_connectors_contain() {
        assert_eq!(kinds("{\"a\": 1,}"), vec![LeniencyKind::TrailingComma]);
        assert_eq!(kinds("[1,]"), vec![LeniencyKind::TrailingComma]);
        assert_eq!(
            kinds("{\"a\": 1\n \"b\": 2}"),
            vec![LeniencyKind::MissingComma]
        );
        assert_eq!(kinds("// hi\n{}"), vec![LeniencyKind::Comment]);
        assert_eq!(kinds("{/* x */}"), vec![LeniencyKind::Comment]);
        assert_eq!(
            kinds("{\"a\": \"x\ty\"}"),
            vec![LeniencyKind::ControlCharacter]
        );
        assert_eq!(kinds("{}\n}"), vec![LeniencyKind::TrailingContent]);
        assert_eq!(
            kinds("{\"a\": 1\u{2003}}"),
            vec![LeniencyKind::UnicodeWhitespace]
        );
    }

    #[test]
    fn errors_carry_offsets() {
        let e = parse_lenient("{\"a\": ").unwrap_err();
        assert_eq!(e.offset, 6);
        let e = parse_lenient("{\"a\": [1, 2").unwrap_err();
        assert!(e.message.contains("cut off"), "{}", e.message);
        assert_eq!(e.offset, 6);
        let e = parse_lenient("{\"a\": {\n").unwrap_err();
        assert!(e.message.contains("never closed"), "{}", e.message);
        assert_eq!(e.offset, 6);
        let e = parse_lenient("{a: 1}").unwrap_err();
        assert_eq!(e.offset, 1);
        assert!(parse_lenient("\"abc").is_err());
    }

    #[test]
    fn numbers_spelled_otherwise_than_written_back_are_found_outside_strings_and_comments() {
        let found = number_spellings(
            r#"{"a": 1E2, "b": [10, -0, 2.50, "3.0e1 1E2", 99999999999999999999],
                // 4.0E0 in a comment
                /* 5.00 */ "c": 1e2, "d": 0.5, "e\"": 6.10}"#,
        );
        let mut found: Vec<_> = found.iter().collect();
        found.sort();
        // 1E2 and 1e2 spell one value two ways: neither is kept.
        assert_eq!(
            found,
            [
                (&"-0.0".to_string(), &"-0".to_string()),
                (&"1e+20".to_string(), &"99999999999999999999".to_string()),
                (&"2.5".to_string(), &"2.50".to_string()),
                (&"6.1".to_string(), &"6.10".to_string()),
            ]
        );
    }

    #[test]
    fn surrogate_pairs() {
        let v = parse_lenient(r#""\ud83d\ude00""#).unwrap().value;
        assert_eq!(v, "😀");
    }

    #[test]
    fn repeated_member_names_are_noticed_then_placed() {
        let text = r#"{"host": "a", "x": {"k": 1, "k": 2, "k": 3}, "host": "b"}"#;
        let (strict, repeated) = parse_strict(text).unwrap();
        assert!(repeated);
        assert_eq!(strict["host"], "b");
        assert_eq!(strict["x"]["k"], 3);
        let lenient = parse_lenient(text).unwrap();
        assert!(lenient.repeated);
        assert_eq!(lenient.value, strict);
        let at = |n: usize| text.match_indices('"').nth(n).unwrap().0;
        let found: Vec<(String, usize, usize)> = duplicate_keys(text)
            .into_iter()
            .map(|d| (d.key, d.first, d.again))
            .collect();
        let k = text.find("\"k\"").unwrap();
        assert_eq!(
            found,
            vec![
                ("k".into(), k, k + 8),
                ("k".into(), k, k + 16),
                ("host".into(), at(0), text.rfind("\"host\"").unwrap()),
            ]
        );
        assert!(!parse_strict(r#"{"a": {"b": 1}, "b": {"a": 2}}"#).unwrap().1);
        assert!(duplicate_keys(r#"{"a": 1, "b": 2}"#).is_empty());
    }

    const SCRIPTS: &[Unread] = &[Unread {
        list: "item",
        member: "event",
    }];

    #[test]
    fn unread_members_are_null_only_in_elements_of_their_list() {
        let text = r#"{"event": [1], "item": [
            {"name": "a", "event": [{"script": "x"}], "item": [{"event": {"b": 2}, "name": "b"}]},
            {"other": {"event": 4}}, 5],
            "list": {"item": {"event": 6}}}"#;
        let (v, repeated) = parse_strict_leaving(text, SCRIPTS).unwrap();
        assert!(!repeated);
        assert_eq!(
            v,
            serde_json::json!({"event": [1], "item": [
                {"name": "a", "event": null, "item": [{"event": null, "name": "b"}]},
                {"other": {"event": 4}}, 5],
                "list": {"item": {"event": 6}}})
        );
        // Nothing left out: the whole tree.
        assert_eq!(
            parse_strict_leaving(text, &[]).unwrap().0,
            parse_strict(text).unwrap().0
        );
    }

    #[test]
    fn repeated_names_in_and_of_unread_members_are_noticed() {
        for text in [
            r#"{"item": [{"event": {"s": 1, "t": 2, "s": 3}}]}"#,
            r#"{"item": [{"event": [{"a": 1}, {"b": [{"c": 1, "c": 1}]}]}]}"#,
            r#"{"item": [{"event": 1, "name": "a", "event": 2}]}"#,
        ] {
            assert!(parse_strict_leaving(text, SCRIPTS).unwrap().1, "{text}");
        }
        let text = r#"{"item": [{"event": {"s": 1, "t": {"s": 2}}, "s": 3}]}"#;
        assert!(!parse_strict_leaving(text, SCRIPTS).unwrap().1);
        // An unread member still has to be JSON.
        assert!(parse_strict_leaving(r#"{"item": [{"event": [1,]}]}"#, SCRIPTS).is_err());
    }
}
