//! Writing documents: pretty JSON and block-style YAML, in the document's own key order.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value;

/// The syntax a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutFormat {
    Json,
    Yaml,
}

/// Renders a document in a syntax, ending with a newline.
pub fn render(value: &Value, format: OutFormat) -> String {
    match format {
        OutFormat::Json => to_json(value),
        OutFormat::Yaml => to_yaml(value),
    }
}

/// Pretty JSON with two-space indentation and a final newline.
pub fn to_json(value: &Value) -> String {
    to_json_sized(value, 0)
}

/// [`to_json`] into a buffer of `len` bytes, the text's known length: a multi-megabyte
/// definition is written once, without growing and copying the buffer on the way.
pub fn to_json_sized(value: &Value, len: usize) -> String {
    to_json_laid_out(value, "  ", "\n", len)
}

/// Pretty JSON indented by `indent` per level (spaces or a tab; minified JSON when it is empty),
/// its lines ended by `line_end` (`\n`, `\r\n` or `\r`), a final one included; `len` is the
/// expected length, as in [`to_json_sized`].
pub fn to_json_laid_out(value: &Value, indent: &str, line_end: &str, len: usize) -> String {
    to_json_spelled(value, indent, line_end, len, &HashMap::new())
}

/// [`to_json_laid_out`], writing a number as `spellings` spells it when they name the text
/// serde_json would write for it (a source's own spelling, see
/// `source::json::number_spellings`).
pub fn to_json_spelled(
    value: &Value,
    indent: &str,
    line_end: &str,
    len: usize,
    spellings: &HashMap<String, String>,
) -> String {
    let mut buf = Vec::with_capacity(len);
    if write_json(value, indent, spellings, &mut buf).is_err() {
        buf = b"null".to_vec();
    }
    buf.push(b'\n');
    String::from_utf8(end_lines(buf, line_end))
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// `buf`, whose lines end in `\n`, with its lines ended by `line_end` instead.
fn end_lines(mut buf: Vec<u8>, line_end: &str) -> Vec<u8> {
    if line_end == "\r" {
        // Strings escape their line ends: every raw `\n` is one between tokens.
        for b in &mut buf {
            if *b == b'\n' {
                *b = b'\r';
            }
        }
    } else if line_end != "\n" {
        let lines = buf.iter().filter(|b| **b == b'\n').count();
        let mut ended = Vec::with_capacity(buf.len() + lines * line_end.len());
        for b in buf {
            if b == b'\n' {
                ended.extend_from_slice(line_end.as_bytes());
            } else {
                ended.push(b);
            }
        }
        buf = ended;
    }
    buf
}

/// Whether `text` is exactly what [`to_json_spelled`] writes for `value` with `indent` and
/// `\n` line ends: then writing it anew changes only what changed. Stops at the first byte
/// that differs.
pub fn is_laid_out(
    value: &Value,
    text: &str,
    indent: &str,
    spellings: &HashMap<String, String>,
) -> bool {
    /// Takes bytes as long as they are the next of `rest`.
    struct Same<'a> {
        rest: &'a [u8],
    }
    impl std::io::Write for Same<'_> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            match self.rest.strip_prefix(buf) {
                Some(rest) => {
                    self.rest = rest;
                    Ok(buf.len())
                }
                None => Err(std::io::Error::other("differs")),
            }
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut same = Same {
        rest: text.as_bytes(),
    };
    write_json(value, indent, spellings, &mut same).is_ok() && same.rest == b"\n"
}

/// The text a JSON document was read from, and its tree as read (see [`to_json_keeping`]).
#[derive(Clone, Copy)]
pub struct Original<'a> {
    /// Strict JSON, without comments or repeated member names.
    pub text: &'a str,
    pub value: &'a Value,
}

/// [`to_json_spelled`] for a changed document, keeping the text of `original` wherever the
/// document did not change: a member or element the same as it was is copied as it was written
/// (on one line, spaced or indented its own way), and so is the white space around those of a
/// changed object or array that had a line of their own. What changed is laid out by `indent`,
/// so a diff of the two texts shows only the changes.
pub fn to_json_keeping(
    value: &Value,
    original: Original,
    indent: &str,
    line_end: &str,
    spellings: &HashMap<String, String>,
) -> String {
    let start = original.text.len() - original.text.trim_start().len();
    let mut keeper = Keeper {
        text: original.text,
        indent,
        spellings,
        out: Vec::with_capacity(original.text.len() + original.text.len() / 8),
        line_start: 0,
    };
    keeper.node(value, Some((original.value, start)));
    let mut buf = keeper.out;
    buf.push(b'\n');
    String::from_utf8(end_lines(buf, line_end))
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The writer of [`to_json_keeping`]: lines end in `\n` until the end. What it lays out anew is
/// indented from the line it is on, as that line was written: a changed member of an object
/// indented in its own way lines up with its siblings.
struct Keeper<'a> {
    text: &'a str,
    indent: &'a str,
    spellings: &'a HashMap<String, String>,
    out: Vec<u8>,
    /// Where the line being written starts in `out`.
    line_start: usize,
}

impl Keeper<'_> {
    /// Writes `new`; `old` is the value it replaces and where that value's text starts.
    fn node(&mut self, new: &Value, old: Option<(&Value, usize)>) {
        let Some((old, at)) = old else {
            return self.fresh(new);
        };
        let parts = match (new, old) {
            (Value::Object(m), Value::Object(_)) if !m.is_empty() => {
                crate::source::json::parts(self.text, at)
            }
            (Value::Array(a), Value::Array(_)) if !a.is_empty() => {
                crate::source::json::parts(self.text, at)
            }
            _ => None,
        };
        let Some((parts, close_lead)) = parts else {
            return self.fresh(new);
        };
        // The indentation of the line the container opens on, and that of the last member
        // written on a line of its own: a new member lines up with it.
        let base = self.margin();
        let mut sibling: Option<Vec<u8>> = None;
        match (new, old) {
            (Value::Object(m), Value::Object(o)) => {
                // A repeated name's last member is the one read.
                let by_name: HashMap<&str, &crate::source::json::Part> = parts
                    .iter()
                    .filter_map(|p| Some((p.key.as_deref()?, p)))
                    .collect();
                self.out.push(b'{');
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        self.out.push(b',');
                    }
                    match (by_name.get(k.as_str()), o.get(k)) {
                        (Some(p), Some(was)) => {
                            if self.lead(&p.lead, &base, 1) {
                                sibling = Some(self.margin());
                            }
                            if was == v {
                                self.copy(p.start..p.value.end);
                            } else {
                                // The name as written, then what changed.
                                self.copy(p.start..p.value.start);
                                self.node(v, Some((was, p.value.start)));
                            }
                        }
                        _ => {
                            match &sibling {
                                Some(margin) => self.line(margin, 0),
                                None => self.line(&base, 1),
                            }
                            self.scalar(&Value::String(k.clone()));
                            let colon: &[u8] = if self.indent.is_empty() { b":" } else { b": " };
                            self.out.extend_from_slice(colon);
                            self.fresh(v);
                        }
                    }
                }
                let _ = self.lead(&close_lead, &base, 0);
                self.out.push(b'}');
            }
            (Value::Array(a), Value::Array(o)) => {
                self.out.push(b'[');
                for (i, v) in a.iter().enumerate() {
                    if i > 0 {
                        self.out.push(b',');
                    }
                    match (parts.get(i), o.get(i)) {
                        (Some(p), Some(was)) => {
                            if self.lead(&p.lead, &base, 1) {
                                sibling = Some(self.margin());
                            }
                            if was == v {
                                self.copy(p.value.clone());
                            } else {
                                self.node(v, Some((was, p.value.start)));
                            }
                        }
                        _ => {
                            match &sibling {
                                Some(margin) => self.line(margin, 0),
                                None => self.line(&base, 1),
                            }
                            self.fresh(v);
                        }
                    }
                }
                let _ = self.lead(&close_lead, &base, 0);
                self.out.push(b']');
            }
            _ => self.fresh(new),
        }
    }

    /// The white space the line being written starts with.
    fn margin(&self) -> Vec<u8> {
        let line = &self.out[self.line_start..];
        let n = line
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        line[..n].to_vec()
    }

    /// The white space before a member, element or closing bracket: as written when it
    /// starts a line (then true), otherwise a new line indented `levels` past `base`.
    fn lead(&mut self, lead: &std::ops::Range<usize>, base: &[u8], levels: usize) -> bool {
        let ws = &self.text[lead.clone()];
        let kept = ws.contains(['\n', '\r']) && !self.indent.is_empty();
        if kept {
            self.copy(lead.clone());
        } else {
            self.line(base, levels);
        }
        kept
    }

    /// A new line indented `levels` past `base` (nothing when minified).
    fn line(&mut self, base: &[u8], levels: usize) {
        if self.indent.is_empty() {
            return;
        }
        self.out.push(b'\n');
        self.line_start = self.out.len();
        self.out.extend_from_slice(base);
        for _ in 0..levels {
            self.out.extend_from_slice(self.indent.as_bytes());
        }
    }

    /// Copies the original text of `range`, its line ends made `\n`.
    fn copy(&mut self, range: std::ops::Range<usize>) {
        let bytes = self.text[range].as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {}
                b'\r' | b'\n' => {
                    self.out.push(b'\n');
                    self.line_start = self.out.len();
                }
                b => self.out.push(b),
            }
            i += 1;
        }
    }

    /// `v` laid out anew, as [`to_json_spelled`] would, its lines indented from the line it
    /// starts on.
    fn fresh(&mut self, v: &Value) {
        let mut own = Vec::new();
        if write_json(v, self.indent, self.spellings, &mut own).is_err() {
            own = b"null".to_vec();
        }
        let margin = self.margin();
        for b in own {
            self.out.push(b);
            if b == b'\n' {
                self.line_start = self.out.len();
                self.out.extend_from_slice(&margin);
            }
        }
    }

    fn scalar(&mut self, v: &Value) {
        self.fresh(v);
    }
}

/// [`to_json_laid_out`] with `\n` line ends, written straight into shared memory of `len`
/// bytes, the text's known length: a multi-megabyte definition that the writer and the report
/// share is neither grown nor copied on the way. A `len` that is not the length only costs a
/// copy.
pub fn to_json_shared(value: &Value, indent: &str, len: usize) -> Arc<str> {
    use std::io::Write;
    // SAFETY: zeroed bytes are initialised `u8`s.
    let mut buf: Arc<[u8]> = unsafe { Arc::<[u8]>::new_zeroed_slice(len).assume_init() };
    let filled = {
        let mut rest: &mut [u8] = Arc::get_mut(&mut buf).expect("a new Arc is unique");
        write_json(value, indent, &HashMap::new(), &mut rest).is_ok()
            && rest.write_all(b"\n").is_ok()
            && rest.is_empty()
    };
    match filled.then(|| crate::source::shared_str(buf)) {
        Some(Ok(text)) => text,
        _ => to_json_laid_out(value, indent, "\n", len).into(),
    }
}

/// Writes `value` as JSON indented by `indent` per level (minified when empty), numbers spelled
/// as in `spellings`, without a final newline.
fn write_json<W: std::io::Write>(
    value: &Value,
    indent: &str,
    spellings: &HashMap<String, String>,
    out: W,
) -> serde_json::Result<()> {
    use serde::Serialize;
    if spellings.is_empty() {
        return Plain::new(out, indent.as_bytes())
            .value(value, 0)
            .map_err(serde_json::Error::io);
    }
    if indent.is_empty() {
        // Minified: one line, no spaces between tokens.
        let formatter = Spelled {
            inner: serde_json::ser::CompactFormatter,
            spellings,
        };
        value.serialize(&mut serde_json::Serializer::with_formatter(out, formatter))
    } else {
        let formatter = Spelled {
            inner: serde_json::ser::PrettyFormatter::with_indent(indent.as_bytes()),
            spellings,
        };
        value.serialize(&mut serde_json::Serializer::with_formatter(out, formatter))
    }
}

/// What a string holds `b` as, when not as itself: the letter after its backslash, `u` for
/// `\u00XX`, or 0 for the byte itself (serde_json's escapes, which the output keeps).
static ESCAPES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x0c] = b'f';
    table[b'\n' as usize] = b'n';
    table[b'\r' as usize] = b'r';
    table[b'\t' as usize] = b't';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Whether JSON text holds `c` escaped (`\u0085`) though JSON lets it through raw: DEL and the
/// C1 controls, the line and paragraph separators U+2028 and U+2029, and the noncharacters
/// U+FFFE and U+FFFF. YAML readers, which read JSON too (validators load definitions with
/// them), refuse a file with a raw control or noncharacter, and read a raw separator as a line
/// break, folded into a space; escaped, each reads back as itself everywhere.
pub fn escaped_beyond_ascii(c: char) -> bool {
    matches!(
        c,
        '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}'
    )
}

/// Whether `b` holds one of [`escaped_beyond_ascii`]'s characters: a search for their
/// first bytes (DEL, and `0xC2`, `0xE2`, `0xEF`, which start them and many other characters),
/// each one found checked with the bytes after it.
fn has_wide_escape(b: &[u8]) -> bool {
    memchr::memchr(0x7f, b).is_some()
        || memchr::memchr3_iter(0xc2, 0xe2, 0xef, b).any(|i| {
            matches!(
                (b[i], b.get(i + 1), b.get(i + 2)),
                (0xc2, Some(0x80..=0x9f), _)
                    | (0xe2, Some(0x80), Some(0xa8 | 0xa9))
                    | (0xef, Some(0xbf), Some(0xbe | 0xbf))
            )
        })
}

/// The length of `s` as a JSON string: its quotes, and the escapes [`Plain`] writes.
#[inline]
pub fn quoted_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    // Most strings need no escape: a count and a maximum, which vectorise; text beyond ASCII
    // is then searched for the few characters escaped there.
    let (special, top) = bytes.iter().fold((0usize, 0u8), |(n, top), &b| {
        (
            n + usize::from((b < 0x20) | (b == b'"') | (b == b'\\')),
            top.max(b),
        )
    });
    let wide = top >= 0x7f && has_wide_escape(bytes);
    if special == 0 && !wide {
        return s.len() + 2;
    }
    s.len()
        + 2
        + s.chars()
            .map(|c| match c {
                '"' | '\\' | '\u{8}' | '\u{c}' | '\n' | '\r' | '\t' => 1,
                '\0'..='\u{1f}' => 5,
                c if wide && escaped_beyond_ascii(c) => 6 - c.len_utf8(),
                _ => 0,
            })
            .sum::<usize>()
}

/// Writes `fragment`, which holds none of [`ESCAPES`], with the characters of
/// [`escaped_beyond_ascii`] escaped.
fn write_fragment<W: ?Sized + std::io::Write>(out: &mut W, fragment: &str) -> std::io::Result<()> {
    if !has_wide_escape(fragment.as_bytes()) {
        return out.write_all(fragment.as_bytes());
    }
    let mut start = 0;
    for (i, c) in fragment.char_indices() {
        if escaped_beyond_ascii(c) {
            out.write_all(&fragment.as_bytes()[start..i])?;
            write!(out, "\\u{:04x}", c as u32)?;
            start = i + c.len_utf8();
        }
    }
    out.write_all(&fragment.as_bytes()[start..])
}

/// JSON written as serde_json's pretty (or, without `indent`, compact) serializer writes it,
/// byte for byte, in one walk of the tree: a multi-megabyte definition is written several
/// times faster than through serde's per-token calls.
struct Plain<'a, W> {
    out: W,
    indent: &'a [u8],
    /// A line end and the indentation of the deepest level written so far.
    margin: Vec<u8>,
}

impl<'a, W: std::io::Write> Plain<'a, W> {
    fn new(out: W, indent: &'a [u8]) -> Self {
        Plain {
            out,
            indent,
            margin: vec![b'\n'],
        }
    }

    fn value(&mut self, v: &Value, depth: usize) -> std::io::Result<()> {
        match v {
            Value::Null => self.out.write_all(b"null"),
            Value::Bool(true) => self.out.write_all(b"true"),
            Value::Bool(false) => self.out.write_all(b"false"),
            Value::Number(n) => serde_json::to_writer(&mut self.out, n).map_err(Into::into),
            Value::String(s) => self.string(s),
            Value::Array(a) if a.is_empty() => self.out.write_all(b"[]"),
            Value::Object(m) if m.is_empty() => self.out.write_all(b"{}"),
            Value::Array(a) => {
                self.out.write_all(b"[")?;
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        self.out.write_all(b",")?;
                    }
                    self.line(depth + 1)?;
                    self.value(x, depth + 1)?;
                }
                self.line(depth)?;
                self.out.write_all(b"]")
            }
            Value::Object(m) => {
                let colon: &[u8] = if self.indent.is_empty() { b":" } else { b": " };
                self.out.write_all(b"{")?;
                for (i, (k, x)) in m.iter().enumerate() {
                    if i > 0 {
                        self.out.write_all(b",")?;
                    }
                    self.line(depth + 1)?;
                    self.string(k)?;
                    self.out.write_all(colon)?;
                    self.value(x, depth + 1)?;
                }
                self.line(depth)?;
                self.out.write_all(b"}")
            }
        }
    }

    /// A line end and `depth` levels of indentation; nothing when compact.
    fn line(&mut self, depth: usize) -> std::io::Result<()> {
        if self.indent.is_empty() {
            return Ok(());
        }
        let len = 1 + self.indent.len() * depth;
        while self.margin.len() < len {
            self.margin.extend_from_slice(self.indent);
        }
        self.out.write_all(&self.margin[..len])
    }

    fn string(&mut self, s: &str) -> std::io::Result<()> {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let bytes = s.as_bytes();
        self.out.write_all(b"\"")?;
        // Most strings need no escape: a test that vectorises, then one copy.
        let plain = bytes.chunks(32).all(|chunk| {
            !chunk.iter().fold(false, |any, &b| {
                any | (b < 0x20) | (b == b'"') | (b == b'\\') | (b >= 0x7f)
            })
        }) || (bytes
            .iter()
            .all(|&b| (b >= 0x20) & (b != b'"') & (b != b'\\'))
            && !has_wide_escape(bytes));
        if plain {
            self.out.write_all(bytes)?;
            return self.out.write_all(b"\"");
        }
        // Runs without serde_json's escapes, each written with the other escapes.
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let escape = ESCAPES[usize::from(b)];
            if escape == 0 {
                continue;
            }
            write_fragment(&mut self.out, &s[start..i])?;
            if escape == b'u' {
                let (hi, lo) = (HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]);
                self.out.write_all(&[b'\\', b'u', b'0', b'0', hi, lo])?;
            } else {
                self.out.write_all(&[b'\\', escape])?;
            }
            start = i + 1;
        }
        write_fragment(&mut self.out, &s[start..])?;
        self.out.write_all(b"\"")
    }
}

/// A JSON formatter that lays out as `inner` does and writes each number in `spellings` as
/// spelled there.
struct Spelled<'a, F> {
    inner: F,
    spellings: &'a HashMap<String, String>,
}

impl<F> Spelled<'_, F> {
    /// Writes the number `write` writes, or its spelling.
    fn number<W: ?Sized + std::io::Write>(
        &self,
        writer: &mut W,
        write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let mut own = Vec::with_capacity(24);
        write(&mut own)?;
        if let Some(spelled) = std::str::from_utf8(&own)
            .ok()
            .and_then(|s| self.spellings.get(s))
        {
            return writer.write_all(spelled.as_bytes());
        }
        writer.write_all(&own)
    }
}

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for Spelled<'_, F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        write_fragment(w, fragment)
    }
    fn write_i64<W: ?Sized + std::io::Write>(&mut self, w: &mut W, v: i64) -> std::io::Result<()> {
        if self.spellings.is_empty() {
            return serde_json::ser::CompactFormatter.write_i64(w, v);
        }
        self.number(w, |b| serde_json::ser::CompactFormatter.write_i64(b, v))
    }
    fn write_u64<W: ?Sized + std::io::Write>(&mut self, w: &mut W, v: u64) -> std::io::Result<()> {
        if self.spellings.is_empty() {
            return serde_json::ser::CompactFormatter.write_u64(w, v);
        }
        self.number(w, |b| serde_json::ser::CompactFormatter.write_u64(b, v))
    }
    fn write_f64<W: ?Sized + std::io::Write>(&mut self, w: &mut W, v: f64) -> std::io::Result<()> {
        if self.spellings.is_empty() {
            return serde_json::ser::CompactFormatter.write_f64(w, v);
        }
        self.number(w, |b| serde_json::ser::CompactFormatter.write_f64(b, v))
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.inner.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.inner.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.inner.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.inner.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.inner.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.inner.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.inner.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.inner.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.inner.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.inner.end_object_value(w)
    }
}

/// Block-style YAML that any YAML 1.1 or 1.2 reader reads back as the same JSON value.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(m) if !m.is_empty() => write_map(&mut out, m, 0),
        Value::Array(a) if !a.is_empty() => write_seq(&mut out, a, 0),
        scalar => {
            write_scalar(&mut out, scalar);
            out.push('\n');
        }
    }
    out
}

fn indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

fn write_map(out: &mut String, m: &serde_json::Map<String, Value>, level: usize) {
    for (k, v) in m {
        indent(out, level);
        if !implicit_key_fits(k) {
            write_explicit(out, k, v, level);
            continue;
        }
        write_str(out, k);
        out.push(':');
        write_child(out, v, level);
    }
}

/// YAML reads a key written as `key: value` only up to 1024 characters; a longer one needs the
/// explicit form.
fn implicit_key_fits(k: &str) -> bool {
    // Escaping writes a character as at most 6 (`\u0012`), plus two quotes: short keys fit.
    if k.len() <= 160 {
        return true;
    }
    let mut written = String::new();
    write_str(&mut written, k);
    written.chars().count() < 1000
}

/// `? key` on one line, `: value` on the next, at `level` (the indentation already written).
fn write_explicit(out: &mut String, k: &str, v: &Value, level: usize) {
    out.push_str("? ");
    write_str(out, k);
    out.push('\n');
    indent(out, level);
    out.push(':');
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            write_map(out, m, level + 2);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            write_seq(out, a, level + 2);
        }
        scalar => {
            out.push(' ');
            write_scalar(out, scalar);
            out.push('\n');
        }
    }
}

fn write_seq(out: &mut String, a: &[Value], level: usize) {
    for v in a {
        indent(out, level);
        out.push('-');
        match v {
            Value::Object(m) if !m.keys().all(|k| implicit_key_fits(k)) => {
                out.push('\n');
                write_map(out, m, level + 2);
            }
            Value::Object(m) if !m.is_empty() => {
                // The first key sits on the dash's line; the rest align under it.
                let mut first = true;
                for (k, v) in m {
                    if first {
                        out.push(' ');
                        first = false;
                    } else {
                        indent(out, level + 2);
                    }
                    write_str(out, k);
                    out.push(':');
                    write_child(out, v, level + 2);
                }
            }
            Value::Array(inner) if !inner.is_empty() => {
                out.push('\n');
                write_seq(out, inner, level + 2);
            }
            scalar => {
                out.push(' ');
                write_scalar(out, scalar);
                out.push('\n');
            }
        }
    }
}

/// Writes what follows `key:`.
fn write_child(out: &mut String, v: &Value, level: usize) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            write_map(out, m, level + 2);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            write_seq(out, a, level);
        }
        scalar => {
            out.push(' ');
            write_scalar(out, scalar);
            out.push('\n');
        }
    }
}

fn write_scalar(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => write_str(out, s),
        Value::Object(_) => out.push_str("{}"),
        Value::Array(_) => out.push_str("[]"),
    }
}

/// Whether a string can be written plain without being read back as something else.
fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.starts_with(' ') || s.ends_with(' ') || s.ends_with(':') {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        // `-x` is fine as plain text, but keep the rule simple and safe.
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.chars().any(|c| c.is_control() || c == '\u{feff}')
    {
        return false;
    }
    // Words and numbers that a YAML 1.1 or 1.2 reader would not read as a string.
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "true"
            | "false"
            | "null"
            | "~"
            | "yes"
            | "no"
            | "on"
            | "off"
            | "y"
            | "n"
            | ".nan"
            | ".inf"
            | "-.inf"
            | "+.inf"
            | "<<"
            // YAML 1.1's value key, which PyYAML's readers refuse as a plain value.
            | "="
    ) {
        return false;
    }
    !looks_numeric(s)
}

fn looks_numeric(s: &str) -> bool {
    let t = s.trim_start_matches(['+', '-']);
    if t.is_empty() {
        return false;
    }
    let first = t.as_bytes()[0];
    // Anything starting with a digit or a dot and a digit might be read as a number, a date or
    // a sexagesimal; quote it.
    first.is_ascii_digit() || (first == b'.' && t.len() > 1 && t.as_bytes()[1].is_ascii_digit())
}

fn write_str(out: &mut String, s: &str) {
    if plain_ok(s) {
        out.push_str(s);
        return;
    }
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || c == '\u{feff}' || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `text` (strict JSON) written back with `edit` applied to its tree, keeping its text.
    fn kept(text: &str, indent: &str, edit: impl FnOnce(&mut Value)) -> String {
        kept_ending(text, indent, "\n", edit)
    }

    /// [`kept`], its lines ended by `line_end`.
    fn kept_ending(
        text: &str,
        indent: &str,
        line_end: &str,
        edit: impl FnOnce(&mut Value),
    ) -> String {
        let original: Value = serde_json::from_str(text).unwrap();
        let mut doc = original.clone();
        edit(&mut doc);
        let original = Original {
            text,
            value: &original,
        };
        let out = to_json_keeping(&doc, original, indent, line_end, &HashMap::new());
        assert_eq!(serde_json::from_str::<Value>(&out).unwrap(), doc, "{out}");
        out
    }

    #[test]
    fn strings_a_yaml_reader_would_take_for_something_else_are_quoted() {
        let list = json!([
            "=", "<<", "~", "yes", "1.0", "-x", "a: b", "==", "a=b", "plain"
        ]);
        assert_eq!(
            to_yaml(&list),
            "- \"=\"\n- \"<<\"\n- \"~\"\n- \"yes\"\n- \"1.0\"\n- \"-x\"\n- \"a: b\"\n- ==\n- a=b\n- plain\n"
        );
    }

    #[test]
    fn what_did_not_change_keeps_its_own_text() {
        let text = "{\n  \"info\": {\"title\": \"T\",\"version\":\"1\"},\n  \"schemes\": [ \"https\" ],\n  \"n\": 1E2,\n  \"paths\": {\n    \"/a\": {\"get\": {\"responses\": {}}}\n  }\n}\n";
        let out = kept(text, "  ", |d| {
            d["paths"]["/a"]["get"]["operationId"] = json!("GetA");
        });
        assert_eq!(
            out,
            "{\n  \"info\": {\"title\": \"T\",\"version\":\"1\"},\n  \"schemes\": [ \"https\" ],\n  \"n\": 1E2,\n  \"paths\": {\n    \"/a\": {\n      \"get\": {\n        \"responses\": {},\n        \"operationId\": \"GetA\"\n      }\n    }\n  }\n}\n"
        );
    }

    #[test]
    fn what_is_laid_out_anew_lines_up_with_the_lines_around_it() {
        // Members indented less than their nesting: what changes, or is added, starts from
        // their margin.
        let text = "{\"definitions\": {\"Item\": {\"properties\": {\n  \"when\": {\"type\": \"datetime\"},\n  \"n\": {\"type\": \"integer\"}\n}}}}\n";
        let out = kept(text, "  ", |d| {
            d["definitions"]["Item"]["properties"]["when"] =
                json!({"type": "string", "format": "date-time"});
            d["definitions"]["Item"]["properties"]["new"] = json!({"type": "string"});
        });
        assert_eq!(
            out,
            // The containers that open on one line are spread over lines, as any that changes.
            "{\n  \"definitions\": {\n    \"Item\": {\n      \"properties\": {\n  \"when\": {\n    \"type\": \"string\",\n    \"format\": \"date-time\"\n  },\n  \"n\": {\"type\": \"integer\"},\n  \"new\": {\n    \"type\": \"string\"\n  }\n}\n    }\n  }\n}\n"
        );
    }

    #[test]
    fn members_keep_their_lines_and_changed_ones_their_name_as_written() {
        let text = "{\n    \"a\" : 1,\n\n    \"b\" : {\n        \"c\" : [1, 2]\n    }\n}";
        let out = kept(text, "    ", |d| {
            d["b"]["c"][1] = json!(3);
            d.as_object_mut().unwrap().remove("a");
        });
        // A changed one-line array is laid out anew, one element per line.
        assert_eq!(
            out,
            "{\n\n    \"b\" : {\n        \"c\" : [\n            1,\n            3\n        ]\n    }\n}\n"
        );
    }

    #[test]
    fn new_elements_and_members_are_laid_out_at_their_depth() {
        let text = "{\n  \"tags\": [\n    {\"name\": \"a\"}\n  ]\n}";
        let out = kept(text, "  ", |d| {
            d["tags"].as_array_mut().unwrap().push(json!({"name": "b"}));
            d["x"] = json!({"y": [true]});
        });
        assert_eq!(
            out,
            "{\n  \"tags\": [\n    {\"name\": \"a\"},\n    {\n      \"name\": \"b\"\n    }\n  ],\n  \"x\": {\n    \"y\": [\n      true\n    ]\n  }\n}\n"
        );
    }

    #[test]
    fn crlf_text_is_kept_with_its_line_ends() {
        let text = "{\r\n  \"a\": [1,2],\r\n  \"b\": 1\r\n}\r\n";
        let out = kept_ending(text, "  ", "\r\n", |d| d["b"] = json!(2));
        assert_eq!(out, "{\r\n  \"a\": [1,2],\r\n  \"b\": 2\r\n}\r\n");
    }

    #[test]
    fn a_text_is_laid_out_only_when_written_byte_for_byte_alike() {
        let doc = json!({"a": [1], "b": {}});
        let none = HashMap::new();
        assert!(is_laid_out(
            &doc,
            "{\n  \"a\": [\n    1\n  ],\n  \"b\": {}\n}\n",
            "  ",
            &none
        ));
        assert!(!is_laid_out(
            &doc,
            "{\n  \"a\": [1],\n  \"b\": {}\n}\n",
            "  ",
            &none
        ));
        assert!(!is_laid_out(
            &doc,
            "{\n  \"a\": [\n    1\n  ],\n  \"b\": { }\n}\n",
            "  ",
            &none
        ));
    }

    fn roundtrip(v: Value) {
        let text = to_yaml(&v);
        let src = crate::source::load_bytes("t.yaml", text.as_bytes())
            .unwrap_or_else(|_| panic!("does not parse:\n{text}"));
        assert_eq!(src.value, v, "\n{text}");
    }

    #[test]
    fn characters_yaml_readers_refuse_or_fold_are_written_escaped() {
        let text =
            "a\u{7f}b\u{80}\u{85}\u{9c}\u{9f}\u{a0}é\u{2028}\u{2029}\u{fffe}\u{ffff}\u{feff}\"\n😀";
        let v = json!({"k\u{85}": text, "n": 1});
        let expected = "{\"k\\u0085\":\"a\\u007fb\\u0080\\u0085\\u009c\\u009f\u{a0}é\\u2028\\u2029\\ufffe\\uffff\u{feff}\\\"\\n😀\",\"n\":1}";
        // Written alike with and without the source's number spellings (two writers).
        let spelled = HashMap::from([("1".to_string(), "1.0".to_string())]);
        for spellings in [HashMap::new(), spelled] {
            let mut ours = Vec::new();
            write_json(&v, "", &spellings, &mut ours).unwrap();
            let ours = String::from_utf8(ours).unwrap();
            let n = if spellings.is_empty() { "1" } else { "1.0" };
            assert_eq!(ours, expected.replace(":1}", &format!(":{n}}}")));
            assert_eq!(
                serde_json::from_str::<Value>(&ours).unwrap()["k\u{85}"],
                text
            );
        }
        assert_eq!(
            quoted_len(text),
            serde_json::to_string(&json!(text)).unwrap().len() + 5 + 4 * 4 + 4 * 3
        );
        let written = {
            let mut out = Vec::new();
            write_json(&json!(text), "", &HashMap::new(), &mut out).unwrap();
            out.len()
        };
        assert_eq!(quoted_len(text), written);
    }

    #[test]
    fn json_is_written_byte_for_byte_as_serde_json_writes_it() {
        let v = json!({
            "": "",
            "esc\"aped\\": "q\" b\\ \u{8}\u{c}\n\r\t \u{0}\u{1f} \u{7f} / é \u{2028} 😀",
            "n": [0, -1, 18446744073709551615u64, -9223372036854775808i64, 1.5, 1e300, -0.0, 100.0],
            "nested": [[], {}, [[1]], {"a": {"b": [null, true, false]}}],
            "multi": {"x": 1, "y": [1, 2]}
        });
        // But for the characters YAML readers refuse or fold, which serde_json writes raw.
        let escaped = |t: String| {
            t.replace('\u{7f}', "\\u007f")
                .replace('\u{2028}', "\\u2028")
        };
        for (indent, serde) in [
            ("  ", serde_json::to_string_pretty(&v).unwrap()),
            ("", serde_json::to_string(&v).unwrap()),
        ] {
            let mut ours = Vec::new();
            write_json(&v, indent, &HashMap::new(), &mut ours).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                escaped(serde),
                "{indent:?}"
            );
        }
        let mut four = Vec::new();
        write_json(&v, "    ", &HashMap::new(), &mut four).unwrap();
        let mut serde = Vec::new();
        let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
        serde::Serialize::serialize(
            &v,
            &mut serde_json::Serializer::with_formatter(&mut serde, fmt),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(four).unwrap(),
            escaped(String::from_utf8(serde).unwrap())
        );
    }

    #[test]
    fn shared_json_is_the_laid_out_text_whatever_length_it_is_given() {
        let v = json!({"a": [1, {"b": "é"}], "c": {}, "d": []});
        for indent in ["  ", ""] {
            let text = to_json_laid_out(&v, indent, "\n", 0);
            for len in [text.len(), text.len() - 1, text.len() + 1, 0] {
                assert_eq!(
                    &*to_json_shared(&v, indent, len),
                    text.as_str(),
                    "{indent:?} {len}"
                );
            }
        }
    }

    #[test]
    fn yaml_reads_back_as_the_same_value() {
        roundtrip(json!({
            "swagger": "2.0",
            "info": {"title": "a: b", "version": "1.0", "x": "", "y": " lead", "z": "#x"},
            "n": [1, 2.5, -3, true, null, "true", "No", "123", "1.0", "2024-01-01", "-", "- x"],
            "nested": [[1, [2]], {"a": {"b": []}, "c": {}}, [], {}],
            "multi": "line one\nline \"two\"\t\\",
            "paths": {"/users/{id}": {"get": {"responses": {"200": {"description": "OK"}}}}},
            "odd": "é ü \u{1}",
        }));
        roundtrip(json!([{"a": 1, "b": [{"c": 2}]}]));
    }

    #[test]
    fn keys_over_the_implicit_key_limit_are_written_explicitly() {
        let long = "k".repeat(2000);
        let quoted = "\u{1}".repeat(300);
        // Short, but each character escaped as six: written longer than the limit.
        let escaped = "\u{12}".repeat(200);
        roundtrip(json!({
            escaped.clone(): {escaped.clone(): 1},
            "short": 1,
            long.clone(): {"a": [1, {long.clone(): "x"}], quoted.clone(): []},
            quoted.clone(): [1, [2]],
            "list": [{long.clone(): 1, "b": 2}, {"c": {long.clone(): null}}],
        }));
    }

    #[test]
    fn json_is_pretty_with_a_final_newline() {
        assert_eq!(
            to_json(&json!({"a": [1]})),
            "{\n  \"a\": [\n    1\n  ]\n}\n"
        );
    }
}
