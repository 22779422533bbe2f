//! Reading files: bytes → text (encodings) → parsed value, plus lazy pointer → line:column.

pub mod codes;
pub mod json;
pub mod style;
pub mod yaml;

use serde_json::Value;
use std::borrow::Cow;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::diagnostic::{Anchor, Diagnostic, Severity, Span};

/// The concrete syntax a file was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Json,
    Yaml,
}

/// One file, read and parsed, with its text kept for locations and code frames.
#[derive(Debug)]
pub struct Source {
    /// The file as the user named it, with `/` separators.
    pub name: String,
    /// The decoded text (BOM removed).
    pub text: Arc<str>,
    pub syntax: Syntax,
    pub value: Value,
    /// Size of the file in bytes as stored.
    pub byte_len: usize,
    /// Its length minified, when whoever wrote the text measured it (the size rule's help
    /// reads it instead of measuring the tree again).
    pub minified_len: Option<usize>,
    /// How the file is stored, for writing it back alike.
    pub encoding: Encoding,
    /// Warnings from reading (lenient JSON, Latin-1, extra YAML documents).
    pub notes: Vec<Diagnostic>,
    /// Some object repeats a member name (JSON): places must be sought to the end of the text,
    /// where the last occurrence (the one parsed) may be.
    repeated_keys: bool,
    /// The text is JSON that ccforge laid out itself (see [`Source::laid_out_by_ccforge`]).
    own_layout: bool,
    line_starts: OnceLock<Vec<u32>>,
    /// The last place a column was counted at: (byte offset, its column in characters). Places
    /// are located in the order of the text, so on a long line (a minified file is one) each
    /// column is counted on from the one before instead of from the start of the line.
    last_column: std::sync::Mutex<(usize, usize)>,
}

/// A file that could not be read: the error, and the text when there was one (for a code frame).
#[derive(Debug)]
pub struct LoadError {
    pub diagnostic: Diagnostic,
    pub text: Option<Arc<str>>,
}

/// The set of pointers to locate, as a tree of tokens, so one pass over the text finds them all.
/// Every node of the tree is sought, so that a pointer to a node that does not exist falls back
/// to its nearest ancestor; each has an id, in the order the nodes were added (the root is 0).
#[derive(Debug, Default)]
pub struct PointerTrie {
    children: Children,
    /// This node's id.
    pub id: u32,
}

/// A node's children. Most nodes have none or a few (`get`, `parameters`, `0`): those are kept
/// in a short list, searched in order, which costs a small fraction of a hash table's memory
/// (a definition with a million operations seeks millions of nodes); a node with many
/// (`paths`, `definitions`) gets a table.
#[derive(Debug)]
enum Children {
    Few(Vec<(Box<str>, PointerTrie)>),
    Many(foldhash::HashMap<Box<str>, PointerTrie>),
}

impl Default for Children {
    fn default() -> Self {
        Children::Few(Vec::new())
    }
}

/// Children beyond which a node's are kept in a table.
const FEW_CHILDREN: usize = 8;

impl Children {
    fn get(&self, token: &str) -> Option<&PointerTrie> {
        match self {
            Children::Few(v) => v.iter().find(|(k, _)| &**k == token).map(|(_, t)| t),
            Children::Many(m) => m.get(token),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Children::Few(v) => v.is_empty(),
            Children::Many(m) => m.is_empty(),
        }
    }

    /// The child `token`, made with `id()` when it is new.
    fn get_or_add(&mut self, token: &str, id: impl FnOnce() -> u32) -> &mut PointerTrie {
        if let Children::Few(v) = self
            && v.len() >= FEW_CHILDREN
            && !v.iter().any(|(k, _)| &**k == token)
        {
            *self = Children::Many(std::mem::take(v).into_iter().collect());
        }
        let new = || PointerTrie {
            children: Children::default(),
            id: id(),
        };
        match self {
            Children::Few(v) => match v.iter().position(|(k, _)| &**k == token) {
                Some(i) => &mut v[i].1,
                None => {
                    v.push((token.into(), new()));
                    &mut v.last_mut().expect("just pushed").1
                }
            },
            Children::Many(m) => {
                if !m.contains_key(token) {
                    m.insert(token.into(), new());
                }
                m.get_mut(token).expect("present")
            }
        }
    }
}

/// A [`PointerTrie`] and how many nodes it has.
#[derive(Debug, Default)]
pub struct Pointers {
    pub root: PointerTrie,
    len: u32,
}

impl Pointers {
    /// How many nodes are sought (the root included).
    pub fn len(&self) -> usize {
        self.len as usize + 1
    }

    /// Whether only the root is sought.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds `pointer` and appends to `chain` the id of every node on its way, from the root down
    /// to the node itself.
    pub fn add(&mut self, pointer: &str, chain: &mut Vec<u32>) {
        let mut node = &mut self.root;
        chain.push(node.id);
        if pointer.is_empty() {
            return;
        }
        let tokens = pointer.strip_prefix('/').unwrap_or(pointer).split('/');
        for raw in tokens {
            let token: std::borrow::Cow<str> = if raw.contains('~') {
                crate::diagnostic::unescape_token(raw).into()
            } else {
                raw.into()
            };
            // A token already in the tree costs a lookup; only a new one is copied.
            let len = &mut self.len;
            node = node.children.get_or_add(&token, || {
                *len += 1;
                *len
            });
            chain.push(node.id);
        }
    }
}

impl PointerTrie {
    pub fn child(&self, token: &str) -> Option<&PointerTrie> {
        self.children.get(token)
    }

    pub fn has_children(&self) -> bool {
        !self.children.is_empty()
    }
}

fn read_error(name: &str, message: impl Into<String>, help: &str) -> LoadError {
    LoadError {
        diagnostic: Diagnostic::new(&codes::UNREADABLE_FILE, Severity::Error, message)
            .with_help(help)
            .in_file(name),
        text: None,
    }
}

/// Reads and parses a file from disk.
pub fn load_path(path: &Path, name: &str) -> Result<Source, LoadError> {
    load_path_leaving(path, name, |_| &[])
}

/// [`load_path`], leaving out of the tree the members that `unread` names for the file's text
/// (see [`json::Unread`]; strict JSON only).
pub fn load_path_leaving(
    path: &Path,
    name: &str,
    unread: fn(&str) -> &'static [json::Unread],
) -> Result<Source, LoadError> {
    match read_shared(path) {
        Ok(bytes) => match plain_utf8(bytes) {
            Ok(text) => {
                let len = text.len();
                let unread = unread(&text);
                load_text(name, text, Vec::new(), len, unread)
            }
            Err(bytes) => load_bytes(name, &bytes),
        },
        Err(_) if path.is_dir() => Err(read_error(
            name,
            "this is a folder, where a file is expected",
            "name a file in it (a Swagger 2.0 or OpenAPI definition, or a Postman collection); \
             to check a whole connector folder, run `ccforge lint FOLDER`",
        )),
        Err(e) => Err(read_error(
            name,
            format!("cannot read the file: {e}"),
            "check that the path exists and is readable",
        )),
    }
}

/// The most read from a pipe or device (standard input, `<(...)`), whose end is not known ahead.
const MAX_STREAM_BYTES: u64 = 256 << 20;

/// The whole file, read straight into the shared buffer the text will live in.
fn read_shared(path: &Path) -> std::io::Result<Arc<[u8]>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    let len = usize::try_from(meta.len());
    let (true, Ok(len)) = (meta.is_file(), len) else {
        // A pipe or device: its size is not known in advance, and it may never end
        // (`/dev/zero`): read up to a bound.
        let mut all = Vec::new();
        file.take(MAX_STREAM_BYTES + 1).read_to_end(&mut all)?;
        if all.len() as u64 > MAX_STREAM_BYTES {
            return Err(std::io::Error::other(format!(
                "it is a pipe or device that gave more than {} MiB; save the document to a file",
                MAX_STREAM_BYTES >> 20
            )));
        }
        return Ok(Arc::from(all));
    };
    // SAFETY: zeroed bytes are initialised `u8`s.
    let mut buf: Arc<[u8]> = unsafe { Arc::<[u8]>::new_zeroed_slice(len).assume_init() };
    let whole = {
        let dst = Arc::get_mut(&mut buf).expect("a new Arc is unique");
        file.read_exact(dst).is_ok() && file.read(&mut [0u8; 1]).is_ok_and(|n| n == 0)
    };
    if whole {
        Ok(buf)
    } else {
        // The file changed size while being read: read it again, plainly.
        std::fs::read(path).map(Arc::from)
    }
}

/// The bytes as text without copying them, when they are UTF-8 with no byte-order mark and no
/// NUL; otherwise the bytes back, for [`decode`].
fn plain_utf8(bytes: Arc<[u8]>) -> Result<Arc<str>, Arc<[u8]>> {
    let marked = bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF");
    if marked || memchr::memchr(0, &bytes).is_some() {
        return Err(bytes);
    }
    shared_str(bytes)
}

/// Shared bytes as shared text, without copying them, when they are UTF-8; otherwise the bytes
/// back.
pub fn shared_str(bytes: Arc<[u8]>) -> Result<Arc<str>, Arc<[u8]>> {
    if std::str::from_utf8(&bytes).is_err() {
        return Err(bytes);
    }
    // SAFETY: the bytes were just checked to be UTF-8, and `str` has the layout of `[u8]`.
    Ok(unsafe { Arc::from_raw(Arc::into_raw(bytes) as *const str) })
}

/// How a file's text is stored, as far as writing it back goes: the byte order mark it opens with
/// and the encoding that mark names, or Latin-1 for a file that is not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    #[default]
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Not UTF-8: its UTF-8 sequences read as they are and every other byte as Latin-1
    /// (reported as `non-utf8`), and written back as UTF-8, the only encoding the platform
    /// and other tools read JSON in.
    Latin1,
}

impl Encoding {
    /// The encoding the opening bytes of a file name.
    pub fn of(bytes: &[u8]) -> Encoding {
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            Encoding::Utf8Bom
        } else if bytes.starts_with(b"\xFF\xFE") {
            Encoding::Utf16Le
        } else if bytes.starts_with(b"\xFE\xFF") {
            Encoding::Utf16Be
        } else {
            Encoding::Utf8
        }
    }

    /// `text` stored in this encoding, its byte order mark first.
    pub fn encode<'a>(self, text: &'a str) -> Cow<'a, [u8]> {
        let utf16 = |to: fn(u16) -> [u8; 2], mark: [u8; 2]| {
            let mut out = Vec::with_capacity(2 + text.len() * 2);
            out.extend_from_slice(&mark);
            for unit in text.encode_utf16() {
                out.extend_from_slice(&to(unit));
            }
            Cow::Owned(out)
        };
        match self {
            Encoding::Utf8 | Encoding::Latin1 => Cow::Borrowed(text.as_bytes()),
            Encoding::Utf8Bom => {
                let mut out = Vec::with_capacity(3 + text.len());
                out.extend_from_slice(b"\xEF\xBB\xBF");
                out.extend_from_slice(text.as_bytes());
                Cow::Owned(out)
            }
            Encoding::Utf16Le => utf16(u16::to_le_bytes, [0xFF, 0xFE]),
            Encoding::Utf16Be => utf16(u16::to_be_bytes, [0xFE, 0xFF]),
        }
    }
}

/// Decodes bytes to text: UTF-8 (BOM optional), UTF-16 with BOM, else Latin-1 with a warning.
fn decode(name: &str, bytes: &[u8]) -> Result<(String, Vec<Diagnostic>), LoadError> {
    let mut notes = Vec::new();
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8(name, rest, &mut notes).map(|t| (t, notes));
    }
    for (bom, le) in [(b"\xFF\xFE", true), (b"\xFE\xFF", false)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let units: Vec<u16> = rest
                .chunks_exact(2)
                .map(|c| {
                    if le {
                        u16::from_le_bytes([c[0], c[1]])
                    } else {
                        u16::from_be_bytes([c[0], c[1]])
                    }
                })
                .collect();
            let text = String::from_utf16_lossy(&units);
            return Ok((text, notes));
        }
    }
    if bytes.contains(&0) {
        return Err(read_error(
            name,
            "this is a binary file, not a JSON or YAML text",
            "pass a Swagger 2.0, OpenAPI 3, Postman collection or apiProperties.json file",
        ));
    }
    decode_utf8(name, bytes, &mut notes).map(|t| (t, notes))
}

fn decode_utf8(name: &str, bytes: &[u8], notes: &mut Vec<Diagnostic>) -> Result<String, LoadError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let bad = e.valid_up_to();
            // Line and column of the first bad byte, counted in the valid prefix.
            let prefix = std::str::from_utf8(&bytes[..bad]).unwrap_or("");
            let line = prefix.matches('\n').count() + 1;
            let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            // What is UTF-8 stays as it is (an editor's `é`); each other byte is a Latin-1
            // character (a `ø` saved in a legacy code page).
            let mut text = String::with_capacity(bytes.len() + 16);
            for chunk in bytes.utf8_chunks() {
                text.push_str(chunk.valid());
                text.extend(chunk.invalid().iter().map(|&b| char::from(b)));
            }
            notes.push(
                Diagnostic::new(&codes::NON_UTF8, codes::NON_UTF8.severity,
                    format!(
                        "the file is not valid UTF-8 (first bad byte 0x{:02X} at {line}:{col}); the bytes that are not UTF-8 were read as Latin-1",
                        bytes[bad]
                    ),
                )
                .with_help("save the file as UTF-8 (`ccforge fix` writes it so); Power Platform expects UTF-8 JSON")
                .in_file(name)
                // The text before it is the file's own.
                .at_offset(bad),
            );
            Ok(text)
        }
    }
}

impl Source {
    /// Takes the text of `other`, a rendering of this source's value, with what was learnt
    /// about its lines while locating in it (a large definition's text is indexed once).
    pub fn take_text(&mut self, other: Source) {
        self.byte_len = other.text.len();
        self.text = other.text;
        self.own_layout = other.own_layout;
        self.line_starts = other.line_starts;
        self.last_column = other.last_column;
    }

    /// Whether the text is strict JSON that names no member of an object twice: the tree
    /// holds all it says, and nothing else (no comment, no member read over by a later one).
    pub fn is_plain_json(&self) -> bool {
        self.syntax == Syntax::Json
            && !self.repeated_keys
            && !self
                .notes
                .iter()
                .any(|d| std::ptr::eq(d.meta, &codes::LENIENT_SYNTAX))
    }

    /// Marks the text as JSON ccforge laid out itself, one member or element per line and
    /// indented by at least one character per level: every object or array that is not empty
    /// closes on a line of its own, indented as the line it opens on, and no line of what it
    /// holds starts that way. Locating in it then passes over
    /// a container by seeking that line instead of reading what is inside.
    pub fn laid_out_by_ccforge(mut self) -> Source {
        self.own_layout = self.syntax == Syntax::Json;
        self
    }

    /// A document ccforge wrote itself: its text and the value it was written from (no parse).
    pub fn from_rendered(name: &str, text: Arc<str>, value: Value, syntax: Syntax) -> Source {
        Source {
            name: name.to_string(),
            byte_len: text.len(),
            encoding: Encoding::Utf8,
            text,
            syntax,
            value,
            notes: Vec::new(),
            repeated_keys: false,
            own_layout: false,
            line_starts: OnceLock::new(),
            last_column: Default::default(),
            minified_len: None,
        }
    }
}

/// Reads a document from memory.
pub fn load_bytes(name: &str, bytes: &[u8]) -> Result<Source, LoadError> {
    let (text, notes) = decode(name, bytes)?;
    let latin1 = notes.iter().any(|n| std::ptr::eq(n.meta, &codes::NON_UTF8));
    let mut src = load_text(name, Arc::from(text), notes, bytes.len(), &[])?;
    src.encoding = if latin1 {
        Encoding::Latin1
    } else {
        Encoding::of(bytes)
    };
    Ok(src)
}

/// Parses decoded text; `notes` are what decoding it reported, `byte_len` the file's size.
fn load_text(
    name: &str,
    text: Arc<str>,
    mut notes: Vec<Diagnostic>,
    byte_len: usize,
    unread: &[json::Unread],
) -> Result<Source, LoadError> {
    if text.trim().is_empty() {
        return Err(read_error(
            name,
            "the file is empty",
            "restore its content or pass the right file: lint and fix read Swagger 2.0 definitions \
             and connector files (apiProperties.json, settings.json); convert also reads OpenAPI 3 \
             and Postman collections",
        ));
    }
    let first = first_significant(&text);
    let mut repeated_keys = false;
    let parsed = if matches!(first, Some(b'{' | b'[')) {
        parse_json(name, &text, &mut notes, &mut repeated_keys, unread)
    } else {
        parse_yaml(name, &text, &mut notes)
    };
    match parsed {
        Ok((value, syntax)) => Ok(Source {
            name: name.to_string(),
            text,
            syntax,
            value,
            byte_len,
            encoding: Encoding::Utf8,
            notes,
            repeated_keys,
            own_layout: false,
            line_starts: OnceLock::new(),
            last_column: Default::default(),
            minified_len: None,
        }),
        Err(diagnostic) => {
            let mut diagnostic = diagnostic;
            let src = Source {
                name: name.to_string(),
                text: text.clone(),
                syntax: Syntax::Json,
                value: Value::Null,
                byte_len,
                encoding: Encoding::Utf8,
                notes: Vec::new(),
                repeated_keys: true,
                own_layout: false,
                line_starts: OnceLock::new(),
                last_column: Default::default(),
                minified_len: None,
            };
            src.resolve_one(&mut diagnostic);
            Err(LoadError {
                diagnostic,
                text: Some(text),
            })
        }
    }
}

fn first_significant(text: &str) -> Option<u8> {
    let mut rest = text.trim_start();
    // Skip leading JSON comments so a commented JSON file is still read as JSON.
    loop {
        if let Some(r) = rest.strip_prefix("//") {
            rest = r
                .split_once('\n')
                .map_or("", |(_, after)| after)
                .trim_start();
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r
                .split_once("*/")
                .map_or("", |(_, after)| after)
                .trim_start();
        } else {
            return rest.bytes().next();
        }
    }
}

fn parse_error(name: &str, message: String, help: &str) -> Diagnostic {
    Diagnostic::new(&codes::PARSE_ERROR, Severity::Error, message)
        .with_help(help)
        .in_file(name)
}

fn parse_json(
    name: &str,
    text: &str,
    notes: &mut Vec<Diagnostic>,
    repeated_keys: &mut bool,
    unread: &[json::Unread],
) -> Result<(Value, Syntax), Diagnostic> {
    // Until known otherwise (a YAML reading of a `{` text is not checked).
    *repeated_keys = true;
    if let Ok((v, repeated)) = json::parse_strict_leaving(text, unread) {
        *repeated_keys = repeated;
        if repeated {
            report_json_duplicates(name, text, notes);
        }
        return Ok((v, Syntax::Json));
    }
    match json::parse_lenient(text) {
        Ok(json::Lenient {
            value,
            found,
            repeated,
        }) => {
            *repeated_keys = repeated;
            if repeated {
                report_json_duplicates(name, text, notes);
            }
            for l in found {
                notes.push(
                    Diagnostic::new(&codes::LENIENT_SYNTAX, codes::LENIENT_SYNTAX.severity,
                        format!("not strict JSON: {}", l.kind.describe()),
                    )
                    .with_help("fix the syntax; strict JSON parsers (and some Power Platform tools) reject it")
                    .in_file(name)
                    .at_offset(l.offset),
                );
            }
            Ok((value, Syntax::Json))
        }
        Err(e) => {
            // A flow-style YAML document also starts with `{`; accept it when it reads as YAML.
            // A number JSON cannot hold is reported as such, not read as a YAML string.
            if !e.message.contains("is not a valid JSON number")
                && let Ok(p) = yaml::parse(text)
                && (p.value.is_object() || p.value.is_array())
            {
                // Where JSON stops (an unquoted name, a single-quoted string), told: a tool
                // that reads JSON cannot read the file.
                notes.push(
                    Diagnostic::new(
                        &codes::LENIENT_SYNTAX,
                        codes::LENIENT_SYNTAX.severity,
                        format!(
                            "not JSON ({}): the file was read as YAML, whose flow style allows it",
                            e.message
                        ),
                    )
                    .with_help(YAML_FLOW_HELP)
                    .in_file(name)
                    .at_offset(e.offset),
                );
                return Ok((p.value, Syntax::Yaml));
            }
            Err(parse_error(
                name,
                format!("invalid JSON: {}", e.message),
                "fix the syntax at this place; the file cannot be read until then",
            )
            .at_offset(e.offset))
        }
    }
}

/// What to do about a file that starts as JSON but reads only as YAML.
pub const YAML_FLOW_HELP: &str = "quote every member name and string in double quotes, as JSON \
     requires (`ccforge fix` writes a `.json` file back as strict JSON); or, if it is meant to be \
     YAML, name it `.yaml`";

fn parse_yaml(
    name: &str,
    text: &str,
    notes: &mut Vec<Diagnostic>,
) -> Result<(Value, Syntax), Diagnostic> {
    match yaml::parse(text) {
        Ok(p) => {
            if p.extra_documents > 0 {
                notes.push(
                    Diagnostic::new(&codes::LENIENT_SYNTAX, codes::LENIENT_SYNTAX.severity,
                        format!(
                            "the file holds {} more YAML document(s) after the first; only the first is read",
                            p.extra_documents
                        ),
                    )
                    .in_file(name)
                    .at_offset(0),
                );
            }
            if p.repeated {
                let found = yaml::duplicate_keys(text);
                let total = found.len();
                // In order of the repeats, one cursor; it starts over only where a first
                // occurrence lies before the last repeat, at most once per report.
                let mut bytes = CharCursor::new(text);
                let places = (found.into_iter().take(MAX_DUPLICATE_REPORTS)).map(|d| {
                    let first = bytes.offset(d.first);
                    (d.key, first, bytes.offset(d.again))
                });
                report_duplicates(name, text, total, places, notes);
            }
            if !(p.value.is_object() || p.value.is_array()) {
                return Err(parse_error(
                    name,
                    "this is neither a JSON object nor a YAML mapping".to_string(),
                    "pass a Swagger 2.0, OpenAPI 3, Postman collection or apiProperties.json file",
                )
                .at_offset(0));
            }
            Ok((p.value, Syntax::Yaml))
        }
        Err(e) => {
            let mut d = parse_error(
                name,
                format!("invalid YAML: {}", e.message),
                "fix the syntax at this place; the file cannot be read until then",
            );
            let at = CharCursor::new(text).offset(e.index);
            d.anchor = Anchor::Offset(tab_meant(text, at, &e.message));
            Err(d)
        }
    }
}

/// Where a YAML error about a tab points: the scanner names the place of the token it was
/// reading (a scalar that runs on to the next line), the user needs the tab's.
fn tab_meant(text: &str, at: usize, message: &str) -> usize {
    let Some(rest) = text.get(at..) else {
        return at;
    };
    if !message.contains("tab") || rest.starts_with('\t') {
        return at;
    }
    // A tab in the indentation the token follows, or else the next one.
    let line = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let indent = &text[line..at];
    if indent.chars().all(char::is_whitespace)
        && let Some(tab) = indent.find('\t')
    {
        return line + tab;
    }
    rest.find('\t').map_or(at, |tab| at + tab)
}

fn report_json_duplicates(name: &str, text: &str, notes: &mut Vec<Diagnostic>) {
    let found = json::duplicate_keys(text);
    let total = found.len();
    let places = (found.into_iter().take(MAX_DUPLICATE_REPORTS)).map(|d| (d.key, d.first, d.again));
    report_duplicates(name, text, total, places, notes);
}

/// How many repeated keys of one file are reported one by one; the last report counts the rest.
const MAX_DUPLICATE_REPORTS: usize = 100;

/// One `duplicate-key` finding per repeat listed (key, offset of its first occurrence, offset
/// of the repeat), at the repeat; `total` counts the repeats of the file, listed or not.
fn report_duplicates(
    name: &str,
    text: &str,
    total: usize,
    places: impl Iterator<Item = (String, usize, usize)>,
    notes: &mut Vec<Diagnostic>,
) {
    for (i, (key, first, again)) in places.enumerate() {
        let at = span_in_text(text, first, first + 1);
        let more = if i + 1 == MAX_DUPLICATE_REPORTS && total > MAX_DUPLICATE_REPORTS {
            format!(
                " ({} more repeated keys in this file are not listed)",
                total - i - 1
            )
        } else {
            String::new()
        };
        notes.push(
            Diagnostic::new(
                &codes::DUPLICATE_KEY,
                codes::DUPLICATE_KEY.severity,
                format!(
                    "`{key}` appears again in this object (first at line {}, column {}); ccforge \
                     keeps this later value and drops the first, other tools may keep the first \
                     or reject the file{more}",
                    at.line, at.column
                ),
            )
            .with_help("keep one of the two members: merge them or delete the wrong one")
            .in_file(name)
            .at_offset(again),
        );
    }
}

/// Byte offsets of character offsets, counted on from the last one asked for (the start of
/// the text when an earlier one is asked for): offsets asked for in order cost one pass.
struct CharCursor<'a> {
    text: &'a str,
    ascii: bool,
    chars: usize,
    bytes: usize,
}

impl<'a> CharCursor<'a> {
    fn new(text: &'a str) -> Self {
        CharCursor {
            text,
            ascii: text.is_ascii(),
            chars: 0,
            bytes: 0,
        }
    }

    /// The byte offset of the `index`th character; past the end, the text's length.
    fn offset(&mut self, index: usize) -> usize {
        if self.ascii {
            return index.min(self.text.len());
        }
        if index < self.chars {
            (self.chars, self.bytes) = (0, 0);
        }
        let rest = &self.text[self.bytes..];
        let step = rest
            .char_indices()
            .nth(index - self.chars)
            .map_or(rest.len(), |(i, _)| i);
        self.bytes += step;
        self.chars = index;
        self.bytes
    }
}

/// Where each line of `text` starts, as byte offsets. Counted first, so that a large file's index
/// is allocated once, at its size (texts are far below 4 GiB: inputs are refused from 16 MiB).
pub fn line_starts(text: &str) -> Vec<u32> {
    let bytes = text.as_bytes();
    let mut v = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
    v.push(0);
    v.extend(memchr::memchr_iter(b'\n', bytes).map(|i| (i + 1) as u32));
    v
}

impl Source {
    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| line_starts(&self.text))
    }

    /// Span of a byte range.
    pub fn span_of_bytes(&self, start: usize, end: usize) -> Span {
        let start = floor_char_boundary(&self.text, start.min(self.text.len()));
        let end = floor_char_boundary(&self.text, end.clamp(start, self.text.len()));
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s as usize <= start);
        let line_start = starts[line - 1] as usize;
        let column = self.column(line_start, start) + 1;
        Span {
            offset: start,
            len: end - start,
            line,
            column,
        }
    }

    /// Characters from `line_start` to `at`, counted on from the last place counted when it is
    /// on the same line and before `at`.
    fn column(&self, line_start: usize, at: usize) -> usize {
        let mut last = self.last_column.lock().unwrap_or_else(|e| e.into_inner());
        let (from, counted) = match *last {
            (offset, column) if offset >= line_start && offset <= at => (offset, column),
            _ => (line_start, 0),
        };
        let column = counted + self.text[from..at].chars().count();
        *last = (at, column);
        column
    }

    /// Finds the place of every node of `pointers` in one pass over the text: the span of each,
    /// by id, when it is there.
    pub fn locate_all(&self, pointers: &Pointers) -> Vec<Option<Span>> {
        let mut spans = vec![None; pointers.len()];
        match self.syntax {
            Syntax::Json => {
                let mut found =
                    json::locate(&self.text, pointers, !self.repeated_keys, self.own_layout);
                // In text order, so that the columns of the places on one line are counted once.
                found.sort_unstable_by_key(|&(_, start, _)| start);
                let mut last: Option<Span> = None;
                for (id, start, end) in found {
                    let span = self.span_after(last, start, end);
                    spans[id as usize] = Some(span);
                    last = Some(span);
                }
            }
            Syntax::Yaml => {
                // Character ranges, in text order, so one cursor turns them into byte offsets.
                let mut found = yaml::locate(&self.text, &pointers.root);
                found.sort_unstable_by_key(|&(_, start, _)| start);
                let mut bytes = CharCursor::new(&self.text);
                let mut last: Option<Span> = None;
                for (id, first, after) in found {
                    let start = bytes.offset(first);
                    // At most to the end of its line, as a code frame shows it.
                    let rest = &self.text[start..];
                    let len = (rest.char_indices())
                        .take_while(|&(_, c)| c != '\n')
                        .nth(after - first)
                        .map_or_else(|| rest.find('\n').unwrap_or(rest.len()), |(i, _)| i);
                    let end = start + len;
                    let span = self.span_after(last, start, end);
                    spans[id as usize] = Some(span);
                    last = Some(span);
                }
            }
        }
        spans
    }

    /// [`Source::span_of_bytes`], counting lines and columns on from `last` (the text's start
    /// when `None`) when `start` is not before it: places converted in text order cost the text
    /// between them, not a line index or a scan from the start of the line.
    fn span_after(&self, last: Option<Span>, start: usize, end: usize) -> Span {
        let last = last.unwrap_or(Span {
            offset: 0,
            len: 0,
            line: 1,
            column: 1,
        });
        let start = floor_char_boundary(&self.text, start.min(self.text.len()));
        let end = floor_char_boundary(&self.text, end.clamp(start, self.text.len()));
        if start < last.offset {
            return self.span_of_bytes(start, end);
        }
        let gap = &self.text.as_bytes()[last.offset..start];
        let (line, column) = match memchr::memrchr(b'\n', gap) {
            None => (
                last.line,
                last.column + self.text[last.offset..start].chars().count(),
            ),
            Some(nl) => (
                last.line + memchr::memchr_iter(b'\n', gap).count(),
                self.text[last.offset + nl + 1..start].chars().count() + 1,
            ),
        };
        Span {
            offset: start,
            len: end - start,
            line,
            column,
        }
    }

    /// Whether the text holds `needle` anywhere: the cheap test rules make before walking the
    /// document for an extension most definitions do not use (a vectorised search; one rule's
    /// test costs a fraction of parsing the text).
    /// A document linted before its text exists (`convert` renders the text while the rules
    /// run on the tree) may hold anything: the answer is yes.
    pub fn mentions(&self, needle: &str) -> bool {
        (self.text.is_empty() && !self.value.is_null())
            || memchr::memmem::find(self.text.as_bytes(), needle.as_bytes()).is_some()
    }

    /// The place of each of `pointers`, or of its nearest ancestor that is in the text, found in
    /// one pass over the text.
    pub fn nearest_spans<'p>(
        &self,
        pointers: impl IntoIterator<Item = &'p str>,
    ) -> Vec<Option<Span>> {
        let mut trie = Pointers::default();
        // The ids on the way to each pointer's node: `chain[from..to]`, root first.
        let mut chain: Vec<u32> = Vec::new();
        let mut ways: Vec<(usize, usize)> = Vec::new();
        for p in pointers {
            let from = chain.len();
            trie.add(p, &mut chain);
            ways.push((from, chain.len()));
        }
        if ways.is_empty() {
            return Vec::new();
        }
        let found = self.locate_all(&trie);
        ways.into_iter()
            .map(|(from, to)| {
                chain[from..to]
                    .iter()
                    .rev()
                    .find_map(|&id| found[id as usize])
            })
            .collect()
    }

    /// Fills in `span` for the diagnostics of this file. A pointer that names a node that does not
    /// exist is resolved to its nearest existing ancestor.
    pub fn resolve(&self, diags: &mut [Diagnostic]) {
        let mine = |d: &Diagnostic| d.span.is_none() && d.file.as_deref() == Some(&self.name);
        let pointers = diags
            .iter()
            .filter(|d| mine(d))
            .filter_map(|d| match &d.anchor {
                Anchor::Pointer(p) => Some(p.as_str()),
                _ => None,
            });
        let mut spans = self.nearest_spans(pointers).into_iter();
        for d in diags.iter_mut().filter(|d| mine(d)) {
            d.span = match &d.anchor {
                Anchor::Pointer(_) => Some(
                    spans
                        .next()
                        .flatten()
                        .unwrap_or_else(|| self.span_of_bytes(0, 1)),
                ),
                Anchor::Offset(o) => Some(self.span_of_bytes(*o, *o + 1)),
                Anchor::None => None,
            };
        }
    }

    fn resolve_one(&self, d: &mut Diagnostic) {
        self.resolve(std::slice::from_mut(d));
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Span of a byte range in a text that is not a [`Source`] (e.g. a config file).
pub fn span_in_text(text: &str, start: usize, end: usize) -> Span {
    let start = floor_char_boundary(text, start.min(text.len()));
    let end = floor_char_boundary(text, end.clamp(start, text.len()));
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Span {
        offset: start,
        len: end - start,
        line,
        column: text[line_start..start].chars().count() + 1,
    }
}

/// The name a path is shown with: as given, `/`-separated, without a leading `./`.
pub fn display_name(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut s = s.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn files_are_read_as_text_with_their_stored_size() {
        let dir = tempfile::tempdir().unwrap();
        let cases: [(&str, &[u8], &str, bool); 4] = [
            (
                "plain.json",
                b"{\"a\": \"\xc3\xa9\"}",
                "{\"a\": \"\u{e9}\"}",
                false,
            ),
            ("bom.json", b"\xEF\xBB\xBF{\"a\": 1}", "{\"a\": 1}", false),
            (
                "latin1.json",
                b"{\"a\": \"\xe9\"}",
                "{\"a\": \"\u{e9}\"}",
                true,
            ),
            ("utf16.json", b"\xFF\xFE{\0}\0", "{}", false),
        ];
        for (file, bytes, text, noted) in cases {
            let path = dir.path().join(file);
            std::fs::write(&path, bytes).unwrap();
            let src = load_path(&path, file).unwrap();
            assert_eq!(&*src.text, text, "{file}");
            assert_eq!(src.byte_len, bytes.len(), "{file}");
            assert_eq!(!src.notes.is_empty(), noted, "{file}");
        }
        let empty = dir.path().join("empty.json");
        std::fs::write(&empty, b"").unwrap();
        let e = load_path(&empty, "empty.json").unwrap_err();
        assert!(
            e.diagnostic.message.contains("empty"),
            "{}",
            e.diagnostic.message
        );
    }

    use super::*;

    fn at(src: &Source, pointer: &str) -> (usize, usize) {
        let mut d = vec![
            codes::NON_UTF8
                .diagnostic_as(Severity::Info, "m")
                .in_file(&src.name)
                .at_pointer(pointer),
        ];
        src.resolve(&mut d);
        let s = d[0].span.unwrap();
        (s.line, s.column)
    }

    #[test]
    fn json_locations() {
        let text = "{\n  \"a\": {\n    \"b/c\": [10, {\"d\": 1}]\n  }\n}\n";
        let src = load_bytes("t.json", text.as_bytes()).unwrap();
        assert_eq!(at(&src, ""), (1, 1));
        assert_eq!(at(&src, "/a"), (2, 3));
        assert_eq!(at(&src, "/a/b~1c"), (3, 5));
        assert_eq!(at(&src, "/a/b~1c/1"), (3, 17));
        assert_eq!(at(&src, "/a/b~1c/1/d"), (3, 18));
        // A missing node falls back to the nearest ancestor.
        assert_eq!(at(&src, "/a/missing"), (2, 3));
    }

    #[test]
    fn the_walk_ends_early_only_without_repeated_members() {
        // Every node sought is found on the first line; a member repeated later is the one
        // parsed, so it is the place reported.
        let text = "{\"a\": {\"x\": 1},\n \"b\": 2,\n \"a\": {\"x\": 3}}\n";
        let src = load_bytes("r.json", text.as_bytes()).unwrap();
        assert_eq!(src.value["a"]["x"], 3);
        assert_eq!(at(&src, "/a/x"), (3, 8));
        assert_eq!(at(&src, "/a"), (3, 2));
        // Without repeats, the places are those of the only occurrence.
        let text = "{\"a\": {\"x\": 1},\n \"b\": 2,\n \"c\": {\"x\": 3}}\n";
        let src = load_bytes("u.json", text.as_bytes()).unwrap();
        assert_eq!(at(&src, "/a/x"), (1, 8));
        assert_eq!(at(&src, "/c/x"), (3, 8));
    }

    #[test]
    fn yaml_locations() {
        let text = "a:\n  b: [10, {d: 1}]\n  'c': x\nlist:\n  - one\n  - two\n";
        let src = load_bytes("t.yaml", text.as_bytes()).unwrap();
        assert_eq!(src.syntax, Syntax::Yaml);
        assert_eq!(at(&src, "/a"), (1, 1));
        assert_eq!(at(&src, "/a/b"), (2, 3));
        assert_eq!(at(&src, "/a/b/1/d"), (2, 12));
        assert_eq!(at(&src, "/a/c"), (3, 3));
        assert_eq!(at(&src, "/list/1"), (6, 5));

        // A lone carriage return ends a line for YAML but not for the line count: places after
        // one are still found at their own bytes, with non-ASCII text before them.
        let text = "é: 1\rb: 2\nc:\n  - ü\n  - x\n";
        let src = load_bytes("cr.yaml", text.as_bytes()).unwrap();
        let span = |p: &str| {
            let mut d = vec![
                Diagnostic::new(&codes::PARSE_ERROR, Severity::Error, "x")
                    .in_file("cr.yaml")
                    .at_pointer(p),
            ];
            src.resolve(&mut d);
            d[0].span.unwrap()
        };
        assert_eq!(&text[span("/b").offset..][..4], "b: 2");
        assert_eq!(&text[span("/c/1").offset..][..1], "x");
        assert_eq!((span("/c/1").line, span("/c/1").column), (4, 5));
    }

    #[test]
    fn bom_and_latin1() {
        let src = load_bytes("b.json", b"\xEF\xBB\xBF{\"a\": 1}").unwrap();
        assert!(src.notes.is_empty());
        assert_eq!(src.value["a"], 1);
        let src = load_bytes("l.json", b"{\n \"a\": \"Br\xF8nn\"}").unwrap();
        assert_eq!(src.value["a"], "Br\u{f8}nn");
        assert_eq!(src.notes.len(), 1);
        assert!(
            src.notes[0].message.contains("0xF8 at 2:10"),
            "{}",
            src.notes[0].message
        );
    }

    #[test]
    fn bad_inputs_are_errors_with_places() {
        let e = load_bytes("e.json", b"  \n ").unwrap_err();
        assert!(e.diagnostic.message.contains("empty"));
        let e = load_bytes("b.bin", b"\x89PNG\x00\x00").unwrap_err();
        assert!(e.diagnostic.message.contains("binary"));
        let e = load_bytes("t.json", b"{\n  \"a\": [1,\n").unwrap_err();
        assert_eq!(e.diagnostic.code, "CCF002");
        assert!(e.diagnostic.span.is_some());
    }

    #[test]
    fn lenient_json_is_reported_at_its_place() {
        let src = load_bytes("c.json", b"{\n  \"a\": 1,\n}\n").unwrap();
        assert_eq!(src.notes.len(), 1);
        let mut notes = src.notes.clone();
        src.resolve(&mut notes);
        assert_eq!((notes[0].line(), notes[0].column()), (Some(2), Some(9)));
    }
    #[test]
    fn columns_on_one_long_line_are_counted_once() {
        // A minified file is one line: each column is counted on from the one before, so this
        // is linear; counting each from the start of the line would scan it 100,000 times.
        let n = 100_000;
        let text = format!("[{}]", vec!["{\"a\": \"\u{e9}\"}"; n].join(","));
        let src = load_bytes("min.json", text.as_bytes()).unwrap();
        let mut diags: Vec<Diagnostic> = (0..n)
            .map(|i| {
                codes::NON_UTF8
                    .diagnostic_as(Severity::Info, "m")
                    .in_file("min.json")
                    .at_pointer(format!("/{i}/a"))
            })
            .collect();
        src.resolve(&mut diags);
        // `{"a": "é"}` is 10 characters and a comma: member `a` of element i is at 3 + 11 i.
        for (i, d) in diags.iter().enumerate().step_by(9_999) {
            assert_eq!((d.line(), d.column()), (Some(1), Some(3 + 11 * i)), "{i}");
        }
    }
}
