//! YAML reading into `serde_json::Value`, and a pointer locator over the same event stream.
//!
//! Scalars are resolved with the YAML 1.2 core schema. Mapping keys are kept as the text the
//! author wrote (so `200:` is the key `"200"`), anchors and aliases are expanded, and `<<` merge
//! keys are applied.

use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};
use serde_json::{Map, Number, Value};
use std::collections::HashMap;

use super::PointerTrie;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// Where, in characters from the start of the text.
    pub index: usize,
    pub message: String,
}

/// The outcome of reading: the first document and how many more the stream had.
pub struct Parsed {
    pub value: Value,
    pub extra_documents: usize,
    /// Whether some mapping repeats a key (the last value is kept).
    pub repeated: bool,
}

/// A key that appears more than once in one mapping: where its first occurrence and a later
/// one start, in characters from the start of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    pub key: String,
    pub first: usize,
    pub again: usize,
}

const MAX_DEPTH: usize = 512;
/// What all aliases of a document may copy, in nodes. A copied node costs a few hundred bytes
/// once parsed: this keeps a document of aliases near 100 MB, so that a run over several of
/// them (a drift against many connectors, a folder of them) stays within memory.
const MAX_ALIAS_NODES: usize = 250_000;
/// What all aliases of a document may copy, in bytes of the values they copy. One 1 MB scalar
/// aliased 4,000 times would otherwise take 4 GB.
pub const MAX_ALIAS_BYTES: usize = 16 * 1024 * 1024;

enum Frame {
    Seq {
        items: Vec<Value>,
        anchor: usize,
    },
    Map {
        map: Map<String, Value>,
        key: Option<String>,
        /// Where the pending key starts (in characters).
        key_at: usize,
        anchor: usize,
        merges: Vec<Value>,
        /// Where each key first appeared, kept only when duplicates are being placed.
        seen: Option<HashMap<String, usize>>,
    },
}

fn err_at(span: &Span, message: impl Into<String>) -> YamlError {
    YamlError {
        index: span.start.index(),
        message: message.into(),
    }
}

/// How many nodes a value has, about how many bytes it takes (its JSON text, roughly) and how
/// deep it nests: an alias copies all three, so all three are budgeted.
fn measure(v: &Value) -> (usize, usize, usize) {
    let (mut nodes, mut bytes, mut deepest) = (0usize, 0usize, 0usize);
    let mut todo = vec![(v, 0usize)];
    while let Some((v, depth)) = todo.pop() {
        nodes += 1;
        deepest = deepest.max(depth);
        bytes = bytes.saturating_add(match v {
            Value::String(s) => s.len() + 2,
            Value::Array(a) => {
                todo.extend(a.iter().map(|x| (x, depth + 1)));
                2 + a.len()
            }
            Value::Object(m) => {
                for (k, x) in m {
                    bytes = bytes.saturating_add(k.len() + 4);
                    todo.push((x, depth + 1));
                }
                2
            }
            _ => 8,
        });
    }
    (nodes, bytes, deepest)
}

/// Parses the first YAML document of `text`.
pub fn parse(text: &str) -> Result<Parsed, YamlError> {
    read(text, None).map_err(|mut e| {
        // The scanner may place an error at end of input one character past it (after a
        // directive with nothing following, among others): the place stays inside the text.
        e.index = e.index.min(text.chars().count());
        e
    })
}

/// How many comments `text` has: each `#` that starts a line's comment, outside quotes and block
/// scalars. A rewrite from the parsed document keeps none of them.
pub fn comment_count(text: &str) -> usize {
    let mut count = 0;
    // The indentation of the line that opened a block scalar (`|` or `>`), while inside one.
    let mut block: Option<usize> = None;
    for line in text.lines() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(at) = block {
            if line.trim().is_empty() || indent > at {
                continue;
            }
            block = None;
        }
        let (mut single, mut double, mut prev) = (false, false, ' ');
        let mut code_end = line.len();
        // A quote opens a quoted scalar only where a value starts (`it's` is plain text).
        let opens =
            |prev: char| prev.is_whitespace() || matches!(prev, ':' | '[' | '{' | ',' | '-');
        for (i, c) in line.char_indices() {
            match c {
                '\'' if single => single = false,
                '\'' if !double && opens(prev) => single = true,
                '"' if double && prev != '\\' => double = false,
                '"' if !single && opens(prev) => double = true,
                '#' if !single && !double && prev.is_whitespace() => {
                    count += 1;
                    code_end = i;
                    break;
                }
                _ => {}
            }
            prev = c;
        }
        let code = line[..code_end].trim_end();
        let indicator = code.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '+');
        if indicator.ends_with(['|', '>'])
            && indicator[..indicator.len() - 1]
                .chars()
                .last()
                .is_none_or(|c| c == ' ' || c == ':' || c == '-')
        {
            block = Some(indent);
        }
    }
    count
}

/// Every repeated key of the first document of `text`, in text order. A second, rare pass: the
/// first keeps no key positions.
pub fn duplicate_keys(text: &str) -> Vec<DuplicateKey> {
    let mut found = Vec::new();
    let _ = read(text, Some(&mut found));
    found.sort_by_key(|d| d.again);
    found
}

fn read(text: &str, mut duplicates: Option<&mut Vec<DuplicateKey>>) -> Result<Parsed, YamlError> {
    let mut repeated = false;
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Value> = HashMap::new();
    let mut root: Option<Value> = None;
    let mut documents = 0usize;
    let mut alias_nodes = 0usize;
    let mut alias_bytes = 0usize;

    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| YamlError {
            index: e.marker().index(),
            message: e.info().to_string(),
        })?;
        let finished: Option<(Value, usize)> = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    // Only the first document is read; count the rest, up to a syntax error in
                    // them (after one, the parser repeats its error for ever).
                    let mut extra = 1;
                    for ev in parser.by_ref() {
                        match ev {
                            Ok((Event::DocumentStart(_), _)) => extra += 1,
                            Ok(_) => {}
                            Err(_) => break,
                        }
                    }
                    return Ok(Parsed {
                        value: root.unwrap_or(Value::Null),
                        extra_documents: extra,
                        repeated,
                    });
                }
                None
            }
            Event::Scalar(text, style, anchor, tag) => {
                let is_key = matches!(stack.last(), Some(Frame::Map { key: None, .. }));
                if is_key {
                    if let Some(Frame::Map { key, key_at, .. }) = stack.last_mut() {
                        *key = Some(text.into_owned());
                        *key_at = span.start.index();
                    }
                    None
                } else {
                    let value = resolve_scalar(&text, style, tag.as_deref());
                    if style == ScalarStyle::Plain
                        && value.is_string()
                        && let Some(why) = not_a_json_number(&text)
                    {
                        return Err(err_at(&span, format!("`{text}` {why}")));
                    }
                    Some((value, anchor))
                }
            }
            Event::Alias(id) => {
                let v = anchors.get(&id).cloned().ok_or_else(|| {
                    err_at(&span, "this alias names an anchor that is not defined")
                })?;
                let (nodes, bytes, depth) = measure(&v);
                // An alias of a nested value nests it again where it stands: `&a1 [*a0]`,
                // `&a2 [*a1]`, ... would otherwise pass the depth limit one level at a time.
                if stack.len() + depth > MAX_DEPTH {
                    return Err(err_at(
                        &span,
                        "the document is nested too deeply (through this alias)",
                    ));
                }
                alias_nodes += nodes;
                alias_bytes = alias_bytes.saturating_add(bytes);
                if alias_nodes > MAX_ALIAS_NODES || alias_bytes > MAX_ALIAS_BYTES {
                    return Err(err_at(
                        &span,
                        format!(
                            "aliases copy more than {} nodes or {} MiB; write the values out, \
                             or alias fewer or smaller ones",
                            MAX_ALIAS_NODES,
                            MAX_ALIAS_BYTES / (1024 * 1024)
                        ),
                    ));
                }
                if let Some(Frame::Map { key: None, .. }) = stack.last() {
                    match v {
                        Value::String(s) => {
                            if let Some(Frame::Map { key, key_at, .. }) = stack.last_mut() {
                                *key = Some(s);
                                *key_at = span.start.index();
                            }
                            None
                        }
                        _ => return Err(err_at(&span, "a mapping key must be a scalar")),
                    }
                } else {
                    Some((v, 0))
                }
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if let Some(Frame::Map { key: None, .. }) = stack.last() {
                    return Err(err_at(
                        &span,
                        "a mapping key must be a scalar; complex keys are not supported",
                    ));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(err_at(&span, "the document is nested too deeply"));
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq {
                        items: Vec::new(),
                        anchor,
                    }
                } else {
                    Frame::Map {
                        map: Map::new(),
                        key: None,
                        key_at: 0,
                        anchor,
                        merges: Vec::new(),
                        seen: duplicates.as_ref().map(|_| HashMap::new()),
                    }
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq { items, anchor }) => Some((Value::Array(items), anchor)),
                Some(Frame::Map {
                    mut map,
                    anchor,
                    merges,
                    ..
                }) => {
                    for merged in merges {
                        let sources = match merged {
                            Value::Array(items) => items,
                            other => vec![other],
                        };
                        for source in sources {
                            if let Value::Object(m) = source {
                                for (k, v) in m {
                                    map.entry(k).or_insert(v);
                                }
                            }
                        }
                    }
                    Some((Value::Object(map), anchor))
                }
                None => None,
            },
            _ => None,
        };
        if let Some((value, anchor)) = finished {
            if anchor > 0 {
                anchors.insert(anchor, value.clone());
            }
            match stack.last_mut() {
                Some(Frame::Seq { items, .. }) => items.push(value),
                Some(Frame::Map {
                    map,
                    key,
                    key_at,
                    merges,
                    seen,
                    ..
                }) => {
                    let k = key.take().unwrap_or_default();
                    if k == "<<" {
                        merges.push(value);
                    } else {
                        if let (Some(seen), Some(found)) = (seen.as_mut(), duplicates.as_mut()) {
                            let first = *seen.entry(k.clone()).or_insert(*key_at);
                            if first != *key_at {
                                found.push(DuplicateKey {
                                    key: k.clone(),
                                    first,
                                    again: *key_at,
                                });
                            }
                        }
                        if map.insert(k, value).is_some() {
                            repeated = true;
                        }
                    }
                }
                None => root = Some(value),
            }
        }
    }
    Ok(Parsed {
        value: root.unwrap_or(Value::Null),
        extra_documents: 0,
        repeated,
    })
}

/// Why a plain scalar that YAML reads as a number cannot be one in JSON: `.nan`, `.inf`, or a
/// float out of the range of a double (which would otherwise become a string).
fn not_a_json_number(text: &str) -> Option<&'static str> {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    if [".nan", ".inf"]
        .iter()
        .any(|w| body.eq_ignore_ascii_case(w))
    {
        return Some("is not a valid JSON number: JSON has no NaN or infinity");
    }
    let numeric = body
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || b == b'.')
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'));
    (numeric && text.parse::<f64>().is_ok_and(f64::is_infinite))
        .then_some("is not a valid JSON number: it is out of the range of a double")
}

fn resolve_scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Value {
    if let Some(tag) = tag
        && (tag.handle == "tag:yaml.org,2002:" || tag.handle == "!!")
    {
        match tag.suffix.as_str() {
            "str" => return Value::String(text.to_string()),
            "null" => return Value::Null,
            _ => {}
        }
    }
    if style != ScalarStyle::Plain {
        return Value::String(text.to_string());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(n) = resolve_number(text) {
        return Value::Number(n);
    }
    Value::String(text.to_string())
}

fn resolve_number(text: &str) -> Option<Number> {
    let first = text.as_bytes().first()?;
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return None;
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok().map(Number::from);
    }
    if let Some(oct) = text.strip_prefix("0o") {
        return i64::from_str_radix(oct, 8).ok().map(Number::from);
    }
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(i) = text.parse::<i64>() {
            return Some(Number::from(i));
        }
        if let Ok(u) = text.parse::<u64>() {
            return Some(Number::from(u));
        }
    }
    // Floats: digits with a dot and/or exponent (YAML 1.2 core schema).
    let valid_float = {
        let (mantissa, exp) = match body.find(['e', 'E']) {
            Some(i) => (&body[..i], Some(&body[i + 1..])),
            None => (body, None),
        };
        let mantissa_ok = !mantissa.is_empty()
            && mantissa != "."
            && mantissa.bytes().filter(|&b| b == b'.').count() <= 1
            && mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        let exp_ok = exp.is_none_or(|e| {
            let d = e.strip_prefix(['-', '+']).unwrap_or(e);
            !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())
        });
        mantissa_ok && exp_ok
    };
    if valid_float {
        return text.parse::<f64>().ok().and_then(Number::from_f64);
    }
    None
}

enum LocFrame<'t> {
    Seq {
        trie: Option<&'t PointerTrie>,
        index: usize,
    },
    Map {
        trie: Option<&'t PointerTrie>,
        /// The trie node of the pending key's value, once the key is read.
        pending: Option<Option<&'t PointerTrie>>,
    },
}

/// Finds where each requested node starts and ends, in characters.
pub fn locate(text: &str, trie: &PointerTrie) -> Vec<(u32, usize, usize)> {
    let mut out = Vec::new();
    let mut stack: Vec<LocFrame> = Vec::new();
    let mut root_done = false;
    let mark = |id: u32, span: &Span| {
        (
            id,
            span.start.index(),
            span.end.index().max(span.start.index() + 1),
        )
    };
    for next in Parser::new_from_str(text) {
        let Ok((event, span)) = next else { break };
        if matches!(event, Event::DocumentStart(_)) && root_done {
            break;
        }
        // Which trie node the node starting here belongs to (None: not wanted).
        let mut node_trie: Option<&PointerTrie> = None;
        let is_start = matches!(
            event,
            Event::Scalar(..)
                | Event::Alias(_)
                | Event::SequenceStart(..)
                | Event::MappingStart(..)
        );
        if is_start {
            match stack.last_mut() {
                None => {
                    node_trie = Some(trie);
                    out.push(mark(trie.id, &span));
                    root_done = true;
                }
                Some(LocFrame::Seq { trie: t, index }) => {
                    node_trie = t.and_then(|t| t.child(&index.to_string()));
                    *index += 1;
                    if let Some(c) = node_trie {
                        out.push(mark(c.id, &span));
                    }
                }
                Some(LocFrame::Map { trie: t, pending }) => match pending.take() {
                    None => {
                        // This is a key.
                        let child = match &event {
                            Event::Scalar(k, ..) => t.and_then(|t| t.child(k)),
                            _ => None,
                        };
                        if let Some(c) = child {
                            out.push(mark(c.id, &span));
                        }
                        *pending = Some(child);
                    }
                    Some(child) => {
                        node_trie = child;
                    }
                },
            }
        }
        match event {
            Event::SequenceStart(..) => stack.push(LocFrame::Seq {
                trie: node_trie.filter(|t| t.has_children()),
                index: 0,
            }),
            Event::MappingStart(..) => stack.push(LocFrame::Map {
                trie: node_trie.filter(|t| t.has_children()),
                pending: None,
            }),
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_schema_scalars() {
        let v = parse("a: 1\nb: 1.5\nc: true\nd: ~\ne: '1'\nf: 0x10\ng: hello\nh: 1e3\ni: .5\n")
            .unwrap()
            .value;
        assert_eq!(v["a"], 1);
        assert_eq!(v["b"], 1.5);
        assert_eq!(v["c"], true);
        assert!(v["d"].is_null());
        assert_eq!(v["e"], "1");
        assert_eq!(v["f"], 16);
        assert_eq!(v["g"], "hello");
        assert_eq!(v["h"], 1000.0);
        assert_eq!(v["i"], 0.5);
    }

    #[test]
    fn an_error_at_the_end_is_placed_inside_the_text() {
        // A directive and nothing after it: the scanner reports one character past the end.
        let text = "%perties& \u{1a} \u{60c}c\n";
        let Err(e) = parse(text) else {
            panic!("a directive alone is no document")
        };
        assert_eq!(e.index, text.chars().count(), "{e:?}");
    }

    #[test]
    fn comments_are_counted_outside_quotes_and_block_scalars() {
        let text = "# A definition\nswagger: '2.0'  # the version\ninfo:\n  title: 'a # b'\n  \
                    x: \"c # d\"\n  description: |\n    # not a comment\n    text\n  url: a#b\n# end\n";
        assert_eq!(comment_count(text), 3);
        assert_eq!(comment_count("a: 1\n"), 0);
        assert_eq!(comment_count("#only\n"), 1);
        assert_eq!(comment_count("summary: it's here # a comment\n"), 1);
    }

    #[test]
    fn numeric_keys_stay_text() {
        let v = parse("responses:\n  200:\n    description: ok\n")
            .unwrap()
            .value;
        assert_eq!(v["responses"]["200"]["description"], "ok");
    }

    #[test]
    fn anchors_aliases_and_merges() {
        let v = parse("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\nref: *b\n")
            .unwrap()
            .value;
        assert_eq!(v["other"]["x"], 1);
        assert_eq!(v["other"]["y"], 3);
        assert_eq!(v["ref"]["y"], 2);
    }

    #[test]
    fn errors_have_positions() {
        let e = parse("a: [1, 2\nb: 3\n").err().unwrap();
        assert!(e.index <= "a: [1, 2\nb: 3\n".len());
        let p = parse("a: 1\n---\nb: 2\n").unwrap();
        assert_eq!(p.extra_documents, 1);
    }

    #[test]
    fn a_syntax_error_in_a_later_document_ends_the_count() {
        // The parser repeats its error once it has one: counting on used to loop for ever.
        for text in [
            "a: 1\n---\n[",
            "a: 1\n---\nb: 2\n---\n\"",
            "a\n---\n- b\n c: d",
        ] {
            let p = parse(text).unwrap();
            assert!(p.extra_documents >= 1, "{text:?}");
        }
        assert_eq!(parse("a: 1\n---\nb: 2\n---\n[").unwrap().extra_documents, 2);
    }
}
