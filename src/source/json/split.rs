//! Strict JSON of a large text, parsed on several threads. The text is cut into pieces at the
//! members of its root and of the root's large members (a collection's folders, a definition's
//! path items); serde_json parses the pieces on the thread pool, and the tree is put back
//! together around them. The cutting reads only the outline: strings are skipped by searching
//! for their closing quote, containers by counting brackets.
//!
//! Anything unusual gives `None`, and the caller parses the whole text on one thread as before,
//! which also finds the place of an error: a piece that does not parse, an outline with
//! something other than JSON whitespace, commas and colons between its pieces, or too many
//! pieces to be worth it.

use rayon::prelude::*;
use serde_json::Value;
use std::cell::Cell;
use std::sync::{Mutex, PoisonError};

use super::{Skim, Strict, Unread, Within, exact_map, next_special};

/// A container shorter than this (bytes) is one piece.
const CUT_FROM: usize = 64 * 1024;
/// Containers are cut at the root (depth 0) and in its members (depth 1); deeper values are
/// whole pieces.
const CUT_DEPTH: usize = 2;
/// More pieces than this (a huge flat array) would cost more to gather than they save.
const MAX_PIECES: usize = 1 << 16;

/// The tree around the pieces.
enum Outline {
    /// The piece with this index.
    Piece(usize),
    Object(Vec<(String, Outline)>),
    Array(Vec<Outline>),
}

/// A piece: its byte range, and where its value is (for the unread members).
struct Piece {
    from: usize,
    to: usize,
    within: Within,
}

impl Piece {
    /// Whether the piece is parsed as soon as it is found: it is large, so it stays a piece.
    fn early(&self) -> bool {
        self.to - self.from >= CUT_FROM
    }
}

/// A piece's value and whether it repeats a member name; `None` when it does not parse.
type Parsed = Option<(Value, bool)>;

/// `text` parsed as strict JSON on the thread pool, without the `unread` members, with whether
/// an object repeats a member name; `None` when it should be parsed on one thread instead.
///
/// A large piece is parsed as soon as the cutting finds it, while the cutting reads on: no large
/// piece is ever merged back into its container (that happens only to small containers), so its
/// place in the list of pieces holds.
pub(super) fn parse(text: &str, unread: &[Unread]) -> Option<(Value, bool)> {
    let b = text.as_bytes();
    let early: Mutex<Vec<(usize, Parsed)>> = Mutex::new(Vec::new());
    let cut = rayon::scope(|scope| {
        let dispatch = |index: usize, p: &Piece| {
            let (piece, within, early) = (&text[p.from..p.to], p.within, &early);
            scope.spawn(move |_| {
                let parsed = parse_piece(piece, unread, within);
                early
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push((index, parsed));
            });
        };
        let mut pieces = Vec::new();
        let start = ws(b, 0);
        let cutter = Cutter {
            text,
            unread,
            dispatch: &dispatch,
        };
        let (outline, end) = cutter.cut(start, 0, Within::Any, &mut pieces)?;
        if ws(b, end) != b.len() || pieces.len() < 2 || pieces.len() > MAX_PIECES {
            return None;
        }
        let rest: Vec<(usize, Parsed)> = pieces
            .par_iter()
            .enumerate()
            .filter(|(_, p)| !p.early())
            .map(|(i, p)| (i, parse_piece(&text[p.from..p.to], unread, p.within)))
            .collect();
        Some((outline, pieces.len(), rest))
    });
    let (outline, count, rest) = cut?;
    let mut parsed: Vec<Parsed> = (0..count).map(|_| None).collect();
    let early = early.into_inner().unwrap_or_else(PoisonError::into_inner);
    for (i, p) in early.into_iter().chain(rest) {
        parsed[i] = Some(p?);
    }
    let mut repeated = false;
    let mut values = Vec::with_capacity(parsed.len());
    for p in parsed {
        let (v, r) = p?;
        repeated |= r;
        values.push(v);
    }
    let value = assemble(outline, &mut values, &mut repeated);
    Some((value, repeated))
}

fn parse_piece(piece: &str, unread: &[Unread], within: Within) -> Option<(Value, bool)> {
    let repeated = Cell::new(false);
    let mut de = serde_json::Deserializer::from_str(piece);
    let value = if within == Within::Unread {
        serde::de::DeserializeSeed::deserialize(Skim(&repeated), &mut de).ok()?;
        Value::Null
    } else {
        let seed = Strict {
            repeated: &repeated,
            unread,
            within,
        };
        serde::de::DeserializeSeed::deserialize(seed, &mut de).ok()?
    };
    de.end().ok()?;
    Some((value, repeated.get()))
}

fn assemble(outline: Outline, values: &mut [Value], repeated: &mut bool) -> Value {
    match outline {
        Outline::Piece(i) => std::mem::take(&mut values[i]),
        Outline::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|o| assemble(o, values, repeated))
                .collect(),
        ),
        Outline::Object(members) => {
            let members: Vec<_> = members
                .into_iter()
                .map(|(k, o)| (k, assemble(o, values, repeated)))
                .collect();
            let (map, r) = exact_map(members.into_iter());
            *repeated |= r;
            Value::Object(map)
        }
    }
}

/// The text being cut, the members left unread, and what starts parsing a large piece (given
/// its index) as soon as it is found.
struct Cutter<'t> {
    text: &'t str,
    unread: &'t [Unread],
    dispatch: &'t (dyn Fn(usize, &Piece) + Sync),
}

impl Cutter<'_> {
    /// The outline of the value that starts at `at` (nesting `depth`, where `within` says), and
    /// where it ends; pieces are added to `pieces`.
    fn cut(
        &self,
        at: usize,
        depth: usize,
        within: Within,
        pieces: &mut Vec<Piece>,
    ) -> Option<(Outline, usize)> {
        let b = self.text.as_bytes();
        let open = *b.get(at)?;
        if depth >= CUT_DEPTH || within == Within::Unread || !matches!(open, b'{' | b'[') {
            let end = skip_value(b, at)?;
            return Some((self.piece(pieces, at, end, within), end));
        }
        let first_piece = pieces.len();
        let close = if open == b'{' { b'}' } else { b']' };
        let mut members = Vec::new();
        let mut items = Vec::new();
        let mut i = ws(b, at + 1);
        let end = if b.get(i) == Some(&close) {
            i + 1
        } else {
            loop {
                if open == b'{' {
                    if b.get(i) != Some(&b'"') {
                        return None;
                    }
                    let key_end = skip_string(b, i)?;
                    let key: String = serde_json::from_str(&self.text[i..key_end]).ok()?;
                    i = ws(b, key_end);
                    if b.get(i) != Some(&b':') {
                        return None;
                    }
                    let inner = within.member(&key, self.unread);
                    let (child, after) = self.cut(ws(b, i + 1), depth + 1, inner, pieces)?;
                    members.push((key, child));
                    i = ws(b, after);
                } else {
                    let (child, after) = self.cut(i, depth + 1, within.element(), pieces)?;
                    items.push(child);
                    i = ws(b, after);
                }
                if pieces.len() > MAX_PIECES {
                    return None;
                }
                match b.get(i) {
                    Some(b',') => i = ws(b, i + 1),
                    Some(&c) if c == close => break i + 1,
                    _ => return None,
                }
            }
        };
        if depth > 0 && end - at < CUT_FROM {
            // Small: one piece instead of its members.
            pieces.truncate(first_piece);
            return Some((self.piece(pieces, at, end, within), end));
        }
        let outline = if open == b'{' {
            Outline::Object(members)
        } else {
            Outline::Array(items)
        };
        Some((outline, end))
    }

    /// Adds a piece (a large one is dispatched) and returns its place in the outline.
    fn piece(&self, pieces: &mut Vec<Piece>, from: usize, to: usize, within: Within) -> Outline {
        let p = Piece { from, to, within };
        if p.early() {
            (self.dispatch)(pieces.len(), &p);
        }
        pieces.push(p);
        Outline::Piece(pieces.len() - 1)
    }
}

/// The first position at or after `i` that is not JSON whitespace.
fn ws(b: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = b.get(i) {
        i += 1;
    }
    i
}

/// The end (exclusive) of the string whose opening quote is at `i`; `None` when it is not closed.
pub(crate) fn skip_string(b: &[u8], i: usize) -> Option<usize> {
    let mut pos = i + 1;
    loop {
        pos += memchr::memchr2(b'"', b'\\', b.get(pos..)?)?;
        if b[pos] == b'\\' {
            pos += 2;
        } else {
            return Some(pos + 1);
        }
    }
}

/// The end (exclusive) of the value that starts at `i`: a string, a container (its brackets
/// counted, whatever their kind: serde_json checks them when it parses the piece), or a scalar
/// up to the next delimiter.
fn skip_value(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => skip_string(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut pos = i;
            loop {
                // Eight bytes at a time to a candidate, then byte by byte to a bracket or quote.
                pos = next_special(b, pos);
                while b
                    .get(pos)
                    .is_some_and(|c| !matches!(c, b'"' | b'{' | b'[' | b'}' | b']'))
                {
                    pos += 1;
                }
                match *b.get(pos)? {
                    b'"' => {
                        pos = skip_string(b, pos)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    _ => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(pos + 1);
                        }
                    }
                }
                pos += 1;
            }
        }
        _ => {
            let rest = &b[i..];
            let len = rest
                .iter()
                .position(|c| matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
                .unwrap_or(rest.len());
            (len > 0).then_some(i + len)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text over the cutting threshold: a root with a large array of objects and a large
    /// object of members, plus small members around them.
    fn large() -> String {
        let item = |i: usize| {
            format!(
                r#"{{"name": "item {i}", "tags": ["a", "b\"c", "\\"], "n": {i}, "x": -1.5e3, "ok": true, "none": null,
                "body": "{}"}}"#,
                "y".repeat(300)
            )
        };
        let items: Vec<String> = (0..400).map(item).collect();
        let members: Vec<String> = (0..400)
            .map(|i| format!(r#""/p{i}": {}"#, item(i)))
            .collect();
        format!(
            "\r\n {{\"info\": {{\"name\": \"big\"}}, \"item\" : [{}],\n\t\"paths\": {{{}}}, \"empty\": {{}}, \"list\": [], \"n\": 3}}  \n",
            items.join(",\n"),
            members.join(", ")
        )
    }

    fn sequential(text: &str) -> (Value, bool) {
        sequential_leaving(text, &[])
    }

    fn sequential_leaving(text: &str, unread: &[Unread]) -> (Value, bool) {
        let repeated = Cell::new(false);
        let mut de = serde_json::Deserializer::from_str(text);
        let seed = Strict {
            repeated: &repeated,
            unread,
            within: Within::Any,
        };
        let v = serde::de::DeserializeSeed::deserialize(seed, &mut de).unwrap();
        de.end().unwrap();
        (v, repeated.get())
    }

    /// A collection-like text whose folders are each a piece large enough to be parsed while
    /// the cutting goes on.
    fn large_pieces() -> String {
        let folder = |f: usize| {
            let items: Vec<String> = (0..200)
                .map(|i| {
                    format!(
                        r#"{{"name": "req {f}.{i}", "response": [{{"originalRequest": {{"url": "u"}}, "body": "{}"}}]}}"#,
                        "\\\"z\\\" ".repeat(60)
                    )
                })
                .collect();
            format!(r#"{{"name": "folder {f}", "item": [{}]}}"#, items.join(","))
        };
        let folders: Vec<String> = (0..5).map(folder).collect();
        format!(
            r#"{{"info": {{"name": "c"}}, "item": [{}], "n": 1}}"#,
            folders.join(",\n")
        )
    }

    #[test]
    fn large_pieces_parsed_early_make_the_same_tree() {
        let text = large_pieces();
        // Five folders, each over the size parsed early.
        assert!(text.len() > 5 * CUT_FROM);
        let unread = [Unread {
            list: "response",
            member: "originalRequest",
        }];
        let (value, repeated) = parse(&text, &unread).expect("cut");
        assert_eq!(
            (&value, repeated),
            (&sequential_leaving(&text, &unread).0, false)
        );
        assert_eq!(value["item"][3]["item"][7]["name"], "req 3.7");
        assert_eq!(
            value["item"][3]["item"][7]["response"][0]["originalRequest"],
            Value::Null
        );
        // An error in a large piece leaves the text to the single parse, which reports it.
        let broken = text.replacen("\"req 2.5\"", "\"req 2.5\" 1", 1);
        assert!(parse(&broken, &unread).is_none());
        // And a repeated name in one is noticed.
        let repeat = text.replacen("\"name\": \"req 4.1\"", "\"name\": 1, \"name\": 2", 1);
        assert!(parse(&repeat, &unread).unwrap().1);
    }

    #[test]
    fn pieces_make_the_same_tree_as_one_parse() {
        let text = large();
        assert!(text.len() > 2 * CUT_FROM);
        let (value, repeated) = parse(&text, &[]).expect("a large plain text is cut");
        assert_eq!((value, repeated), sequential(&text));
        // Member order is kept, at every level.
        let (value, _) = parse(&text, &[]).unwrap();
        let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["info", "item", "paths", "empty", "list", "n"]);
    }

    #[test]
    fn unread_members_are_left_out_as_in_one_parse() {
        // `tags` of the elements of `item`, in the outline's pieces; `body` of the elements of
        // `tags` (none are objects); `info` of nothing (`paths` members are not in a list).
        let unread = [
            Unread {
                list: "item",
                member: "tags",
            },
            Unread {
                list: "tags",
                member: "body",
            },
            Unread {
                list: "paths",
                member: "info",
            },
        ];
        let text = large();
        let (value, repeated) = parse(&text, &unread).unwrap();
        assert_eq!(
            (&value, repeated),
            (&sequential_leaving(&text, &unread).0, false)
        );
        assert_eq!(value["item"][7]["tags"], Value::Null);
        assert_eq!(value["item"][7]["name"], "item 7");
        assert_eq!(value["paths"]["/p7"]["tags"][1], "b\"c");
        // A repeat inside a left-out member is still noticed.
        let repeat = text.replacen(
            "\"tags\": [\"a\"",
            "\"tags\": [{\"k\": 1, \"k\": 2}, \"a\"",
            1,
        );
        assert!(parse(&repeat, &unread).unwrap().1);
    }

    #[test]
    fn a_repeated_member_name_is_noticed_in_the_outline_and_in_a_piece() {
        let text = large();
        let outline_repeat = text.replacen("\"n\": 3}", "\"n\": 3, \"info\": 1}", 1);
        assert_eq!(
            parse(&outline_repeat, &[]).unwrap(),
            sequential(&outline_repeat)
        );
        assert!(parse(&outline_repeat, &[]).unwrap().1);
        let piece_repeat = text.replacen("\"ok\": true,", "\"ok\": true, \"ok\": false,", 1);
        assert!(parse(&piece_repeat, &[]).unwrap().1);
        assert!(!parse(&text, &[]).unwrap().1);
    }

    #[test]
    fn anything_but_plain_json_is_left_to_the_single_parse() {
        let text = large();
        let broken = [
            // A comment between root members, a trailing comma, a missing comma.
            text.replacen("\"n\": 3}", "/* c */ \"n\": 3}", 1),
            text.replacen("\"n\": 3}", "\"n\": 3,}", 1),
            text.replacen(", \"empty\"", " \"empty\"", 1),
            // An error inside a piece, content after the root, an unclosed root.
            text.replacen("\"ok\": true", "\"ok\": tru", 1),
            format!("{text} {{}}"),
            text.trim_end().trim_end_matches('}').to_string(),
            // Brackets of the wrong kind inside a piece.
            text.replacen("[\"a\", ", "{\"a\", ", 1),
        ];
        for t in &broken {
            assert!(parse(t, &[]).is_none(), "cut: {}", &t[..t.len().min(80)]);
        }
    }

    /// Whatever one byte of a text with large pieces becomes, the cut reading gives up or gives
    /// what the single parse gives; never another tree.
    #[test]
    fn a_changed_byte_anywhere_gives_the_single_parse_or_nothing() {
        let text = large_pieces();
        let unread = [Unread {
            list: "response",
            member: "originalRequest",
        }];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..300 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let at = (seed % text.len() as u64) as usize;
            let byte = b"{}[]\",:\\ x1"[(seed >> 40) as usize % 11];
            let mut bytes = text.clone().into_bytes();
            bytes[at] = byte;
            let Ok(changed) = String::from_utf8(bytes) else {
                continue;
            };
            let Some(cut) = parse(&changed, &unread) else {
                continue;
            };
            let repeated = std::cell::Cell::new(false);
            let mut de = serde_json::Deserializer::from_str(&changed);
            let seed_de = Strict {
                repeated: &repeated,
                unread: &unread,
                within: Within::Any,
            };
            let single = serde::de::DeserializeSeed::deserialize(seed_de, &mut de)
                .ok()
                .filter(|_| de.end().is_ok());
            assert_eq!(
                Some(cut),
                single.map(|v| (v, repeated.get())),
                "byte {byte} at {at}"
            );
        }
    }

    #[test]
    fn small_texts_and_scalars_are_not_cut() {
        assert!(parse(r#"{"a": [1, 2, 3]}"#, &[]).is_none());
        assert!(parse("\"a string\"", &[]).is_none());
        assert!(parse("12", &[]).is_none());
    }
}
