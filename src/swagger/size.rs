//! How large a definition is once written, the number the platform's 1 MB limit counts.

use crate::value::Lookup;
use serde_json::Value;

/// Power Platform's limit on the definition file.
pub const MAX_DEFINITION_BYTES: usize = 1024 * 1024;

/// How a definition's text is laid out, as far as its length goes: the bytes of one level of
/// indentation and whether lines end in `\r\n`. No indentation is minified JSON: one line, no
/// spaces between tokens (and a final line end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lines {
    pub indent: usize,
    pub crlf: bool,
}

impl Default for Lines {
    /// Two spaces and `\n`, what ccforge writes a new file in.
    fn default() -> Self {
        Lines {
            indent: 2,
            crlf: false,
        }
    }
}

impl Lines {
    /// The lines of a layout (`indent` is its unit: spaces or a tab).
    pub fn of(layout: &crate::source::style::Layout) -> Self {
        Lines {
            indent: layout.indent.len(),
            crlf: layout.line_end == crate::source::style::LineEnd::CrLf,
        }
    }

    fn line_end(self) -> usize {
        if self.crlf { 2 } else { 1 }
    }

    fn minified(self) -> bool {
        self.indent == 0
    }

    /// The bytes between a member's name and its value: `": "`, or `":"` when minified.
    fn colon(self) -> usize {
        if self.minified() { 1 } else { 2 }
    }

    /// The length of a non-empty container at nesting `depth` with `n` members whose own text
    /// is `members` long: its brackets, a line end and indentation before each member and
    /// before the closing bracket (unless minified), and the separating commas.
    fn container(self, depth: usize, n: usize, members: usize) -> usize {
        if self.minified() {
            return 2 + (n - 1) + members;
        }
        let line = |depth: usize| self.line_end() + self.indent * depth;
        2 + n * line(depth + 1) + (n - 1) + line(depth) + members
    }
}

/// The length of the document as written (pretty JSON, two-space indent, and a newline),
/// worked out from the tree without writing the text.
pub fn pretty_len(doc: &Value) -> usize {
    laid_out_len(doc, Lines::default())
}

/// [`pretty_len`] for another indentation or line end.
pub fn laid_out_len(doc: &Value, lines: Lines) -> usize {
    lengths(doc, lines).laid_out
}

/// Examples an importer left out because the size pass would remove them all anyway (their
/// own length alone is over the budget): how many, and what they would have added to the
/// written text. The size pass reports them as if it had removed them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Dropped {
    pub count: usize,
    pub bytes: Lengths,
}

/// A document's written length in one layout and minified, found in one walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Lengths {
    /// In the layout measured for.
    pub laid_out: usize,
    /// Minified: one line, no indentation, a final `\n`.
    pub minified: usize,
}

impl Lengths {
    fn both(n: usize) -> Self {
        Lengths {
            laid_out: n,
            minified: n,
        }
    }
}

impl std::ops::Add for Lengths {
    type Output = Lengths;
    fn add(self, o: Lengths) -> Lengths {
        Lengths {
            laid_out: self.laid_out + o.laid_out,
            minified: self.minified + o.minified,
        }
    }
}

impl std::ops::Sub for Lengths {
    type Output = Lengths;
    fn sub(self, o: Lengths) -> Lengths {
        Lengths {
            laid_out: self.laid_out - o.laid_out,
            minified: self.minified - o.minified,
        }
    }
}

impl std::iter::Sum for Lengths {
    fn sum<I: Iterator<Item = Lengths>>(iter: I) -> Lengths {
        iter.fold(Lengths::default(), |a, b| a + b)
    }
}

/// The layout [`Lengths::minified`] counts in.
const MINIFIED: Lines = Lines {
    indent: 0,
    crlf: false,
};

/// The written length of `doc` laid out in `lines`, and minified, without writing the text.
pub fn lengths(doc: &Value, lines: Lines) -> Lengths {
    match doc.as_object() {
        // Through the members of the root, as [`Measured`] counts them.
        Some(root) if root.len() > 1 => Measured::of(doc, lines).total(),
        _ => parallel_len(doc, 0, lines) + final_line_end(lines),
    }
}

/// The line end after the document, in `lines` and minified.
fn final_line_end(lines: Lines) -> Lengths {
    Lengths {
        laid_out: lines.line_end(),
        minified: MINIFIED.line_end(),
    }
}

/// A document's written length kept per member of its root (an object), so that after a
/// change to some members only those are measured again: a large definition's `paths` is most
/// of it, and removing unused definitions does not touch it.
#[derive(Debug, Clone)]
pub struct Measured {
    lines: Lines,
    /// Each member of the root, and the length of its text (name, colon and value).
    members: Vec<(String, Lengths)>,
    /// Each member of `paths` likewise, in order, when `paths` is a non-empty object: most
    /// changes (moving repeated schemas to `definitions`) touch only some path items.
    path_items: Vec<Lengths>,
}

impl Measured {
    /// Measures every member of the root of `doc` (the members in parallel, and the members
    /// of each in parallel: one member holds nearly all of a large definition).
    pub fn of(doc: &Value, lines: Lines) -> Measured {
        use rayon::prelude::*;
        let mut measured = Measured {
            lines,
            members: Vec::new(),
            path_items: Vec::new(),
        };
        let Some(root) = doc.as_object() else {
            return measured;
        };
        let all: Vec<(&String, &Value)> = root.iter().collect();
        // `paths` is measured item by item, and the items' lengths are kept.
        let parts: Vec<(Lengths, Option<Vec<Lengths>>)> = all
            .par_iter()
            .map(|(k, x)| match x {
                Value::Object(items) if *k == "paths" && !items.is_empty() => {
                    let items = path_item_lengths(items, lines);
                    let value = container(lines, 1, items.len(), items.iter().copied().sum());
                    (member(lines, k, value), Some(items))
                }
                _ => (member(lines, k, parallel_len(x, 1, lines)), None),
            })
            .collect();
        for ((k, _), (len, items)) in all.iter().zip(parts) {
            measured.members.push(((*k).clone(), len));
            if let Some(items) = items {
                measured.path_items = items;
            }
        }
        measured
    }

    /// The document's written length, with its final line end.
    pub fn total(&self) -> Lengths {
        let n = self.members.len();
        let root = if n == 0 {
            Lengths::both(2)
        } else {
            container(self.lines, 0, n, self.members.iter().map(|(_, l)| *l).sum())
        };
        root + final_line_end(self.lines)
    }

    /// Measures again the members `changed` of the root of `doc` (now), which may have been
    /// removed; the others are taken to be as they were.
    pub fn update(&mut self, doc: &Value, changed: &[&str]) {
        let root = doc.as_object();
        self.members.retain(|(k, _)| !changed.contains(&k.as_str()));
        for key in changed {
            if *key == "paths" {
                self.path_items.clear();
            }
            if let Some(x) = root.and_then(|r| r.get(*key)) {
                let value = match x {
                    Value::Object(items) if *key == "paths" && !items.is_empty() => {
                        self.path_items = path_item_lengths(items, self.lines);
                        self.paths_value()
                    }
                    _ => parallel_len(x, 1, self.lines),
                };
                self.members
                    .push((key.to_string(), member(self.lines, key, value)));
            }
        }
    }

    /// Measures again the path items at `changed` (indices into `paths`, whose members are
    /// the same as when it was measured, in the same order; their values may have changed).
    pub fn update_path_items(&mut self, doc: &Value, changed: &[usize]) {
        use rayon::prelude::*;
        let items = doc.field("paths").and_then(Value::as_object);
        let Some(items) = items.filter(|p| p.len() == self.path_items.len() && !p.is_empty())
        else {
            // Not as measured: all of it again.
            self.update(doc, &["paths"]);
            return;
        };
        let lines = self.lines;
        let items: Vec<(&String, &Value)> = items.iter().collect();
        let fresh: Vec<(usize, Lengths)> = changed
            .par_iter()
            .filter_map(|&i| {
                let (k, x) = items.get(i)?;
                Some((i, member(lines, k, json_len(x, 2, lines))))
            })
            .collect();
        for (i, len) in fresh {
            self.path_items[i] = len;
        }
        let value = member(lines, "paths", self.paths_value());
        match self.members.iter_mut().find(|(k, _)| k == "paths") {
            Some((_, len)) => *len = value,
            None => self.members.push(("paths".into(), value)),
        }
    }

    /// The length of `paths`'s value from those of its members.
    fn paths_value(&self) -> Lengths {
        let n = self.path_items.len();
        container(self.lines, 1, n, self.path_items.iter().copied().sum())
    }
}

/// The text of each member of `paths` (a non-empty object): name, colon and path item.
fn path_item_lengths(items: &serde_json::Map<String, Value>, lines: Lines) -> Vec<Lengths> {
    use rayon::prelude::*;
    let all: Vec<(&String, &Value)> = items.iter().collect();
    all.par_iter()
        .map(|(k, x)| member(lines, k, json_len(x, 2, lines)))
        .collect()
}

/// A non-empty container at nesting `depth` with `n` members whose own text is `members` long.
fn container(lines: Lines, depth: usize, n: usize, members: Lengths) -> Lengths {
    Lengths {
        laid_out: lines.container(depth, n, members.laid_out),
        minified: MINIFIED.container(depth, n, members.minified),
    }
}

/// An object's member: its quoted name, the colon and its value.
fn member(lines: Lines, key: &str, value: Lengths) -> Lengths {
    let name = quoted_len(key);
    Lengths {
        laid_out: name + lines.colon() + value.laid_out,
        minified: name + MINIFIED.colon() + value.minified,
    }
}

/// [`json_len`], the members of the top two levels (the root, then `paths` and `definitions`)
/// measured in parallel: one member at the root holds nearly all of a large definition.
fn parallel_len(v: &Value, depth: usize, lines: Lines) -> Lengths {
    use rayon::prelude::*;
    match v {
        Value::Object(m) if depth < 2 && m.len() > 1 => {
            let members: Vec<(&String, &Value)> = m.iter().collect();
            let inner: Lengths = members
                .par_iter()
                .map(|(k, x)| member(lines, k, parallel_len(x, depth + 1, lines)))
                .sum();
            container(lines, depth, m.len(), inner)
        }
        _ => json_len(v, depth, lines),
    }
}

/// The length of `v` laid out in `lines`, and minified, when it starts at nesting `depth`.
fn json_len(v: &Value, depth: usize, lines: Lines) -> Lengths {
    match v {
        Value::Null => Lengths::both(4),
        Value::Bool(true) => Lengths::both(4),
        Value::Bool(false) => Lengths::both(5),
        Value::Number(n) => Lengths::both(number_len(n)),
        Value::String(s) => Lengths::both(quoted_len(s)),
        Value::Array(a) if a.is_empty() => Lengths::both(2),
        Value::Object(m) if m.is_empty() => Lengths::both(2),
        Value::Array(a) => container(
            lines,
            depth,
            a.len(),
            a.iter().map(|x| json_len(x, depth + 1, lines)).sum(),
        ),
        Value::Object(m) => container(
            lines,
            depth,
            m.len(),
            m.iter()
                .map(|(k, x)| member(lines, k, json_len(x, depth + 1, lines)))
                .sum(),
        ),
    }
}

/// By how much the written text shrinks when the member `key` (holding `value`) is removed
/// from an object that starts at nesting `depth` and holds `members` members, that one
/// included: what [`laid_out_len`] would find less after the removal, without measuring the
/// rest of the document again.
pub fn member_len(lines: Lines, depth: usize, members: usize, key: &str, value: &Value) -> usize {
    member_lengths(lines, depth, members, key, value).laid_out
}

/// [`member_len`] in `lines` and minified.
pub fn member_lengths(
    lines: Lines,
    depth: usize,
    members: usize,
    key: &str,
    value: &Value,
) -> Lengths {
    let own = member(lines, key, json_len(value, depth + 1, lines));
    let removal = |lines: Lines, member: usize| {
        if members <= 1 {
            // The object becomes `{}`.
            lines.container(depth, 1, member) - 2
        } else if lines.minified() {
            // Its comma.
            1 + member
        } else {
            // Its line, its indentation and a comma.
            lines.line_end() + lines.indent * (depth + 1) + 1 + member
        }
    };
    Lengths {
        laid_out: removal(lines, own.laid_out),
        minified: removal(MINIFIED, own.minified),
    }
}

/// The length of a number as serde_json writes it.
pub fn number_len(n: &serde_json::Number) -> usize {
    let digits = |n: u64| n.checked_ilog10().map_or(1, |d| d as usize + 1);
    match (n.as_u64(), n.as_i64()) {
        (Some(u), _) => digits(u),
        (None, Some(i)) => 1 + digits(i.unsigned_abs()),
        _ => serde_json::to_string(n).map_or(4, |t| t.len()),
    }
}

/// A string's length in JSON: quotes, and the escapes the writer adds.
fn quoted_len(s: &str) -> usize {
    crate::emit::quoted_len(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The default layout, minified, and four spaces with `\r\n`.
    fn layouts() -> [Lines; 3] {
        let four = Lines {
            indent: 4,
            crlf: true,
        };
        [Lines::default(), MINIFIED, four]
    }

    #[test]
    fn a_measure_updated_for_some_members_is_a_new_measure() {
        let mut doc = serde_json::json!({"swagger": "2.0", "paths": {"/a": {"get": {}}},
            "definitions": {"A": {"type": "string"}, "B": {"type": "integer"}},
            "tags": [{"name": "t"}]});
        for lines in layouts() {
            let mut measured = Measured::of(&doc, lines);
            assert_eq!(measured.total(), lengths(&doc, lines));
            let mut changed = doc.clone();
            changed["definitions"].as_object_mut().unwrap().remove("B");
            changed.as_object_mut().unwrap().remove("tags");
            measured.update(&changed, &["definitions", "tags", "parameters"]);
            let line_end = if lines.crlf { "\r\n" } else { "\n" };
            let indent = " ".repeat(lines.indent);
            let written = crate::emit::to_json_laid_out(&changed, &indent, line_end, 0);
            assert_eq!(measured.total().laid_out, written.len());
            assert_eq!(measured.total(), lengths(&changed, lines));
        }
        doc.as_object_mut().unwrap().clear();
        assert_eq!(Measured::of(&doc, Lines::default()).total().laid_out, 3);
    }

    #[test]
    fn a_measure_updated_for_some_path_items_is_a_new_measure() {
        let mut doc = json!({"swagger": "2.0", "paths": {
            "/a": {"get": {"responses": {}}},
            "/b": {"get": {"responses": {"200": {"description": "OK"}}}},
            "/c": {}
        }, "definitions": {}});
        for lines in layouts() {
            let mut measured = Measured::of(&doc, lines);
            assert_eq!(measured.total(), lengths(&doc, lines));
            let mut changed = doc.clone();
            changed["paths"]["/b"]["get"]["responses"]["200"]["schema"] =
                json!({"$ref": "#/definitions/Thing"});
            changed["paths"]["/c"]["parameters"] = json!([]);
            changed["definitions"]["Thing"] = json!({"type": "object"});
            measured.update(&changed, &["definitions"]);
            measured.update_path_items(&changed, &[1, 2]);
            assert_eq!(measured.total(), lengths(&changed, lines));
            // Path items added or removed: `paths` is measured again as a whole.
            changed["paths"].as_object_mut().unwrap().shift_remove("/a");
            measured.update_path_items(&changed, &[]);
            assert_eq!(measured.total(), lengths(&changed, lines));
        }
        // Measured as a whole again, `paths` keeps its items' lengths for the next update.
        let mut measured = Measured::of(&doc, Lines::default());
        measured.update(&doc, &["paths"]);
        doc["paths"]["/c"]["x-ms-visibility"] = json!("internal");
        measured.update_path_items(&doc, &[2]);
        assert_eq!(measured.total(), lengths(&doc, Lines::default()));
    }

    #[test]
    fn member_len_is_what_removing_the_member_saves() {
        let doc = json!({
            "a": {"only": {"x": [1, "two\n", null]}},
            "b": {"keep": true, "gone": {"deep": {"er": "é\"s"}}, "last": 1.5},
            "c": [{"first": {}, "second": []}]
        });
        let layouts = [
            Lines::default(),
            Lines {
                indent: 1,
                crlf: true,
            },
            Lines {
                indent: 4,
                crlf: false,
            },
            Lines {
                indent: 0,
                crlf: false,
            },
        ];
        let cases: [(&str, &str, usize); 5] = [
            ("/a", "only", 1),
            ("/b", "gone", 1),
            ("/b", "last", 1),
            ("/c/0", "first", 2),
            ("/c/0", "second", 2),
        ];
        for lines in layouts {
            for (at, key, depth) in cases {
                let mut removed = doc.clone();
                let object = removed.pointer_mut(at).unwrap().as_object_mut().unwrap();
                let members = object.len();
                let value = object.shift_remove(key).unwrap();
                assert_eq!(
                    member_len(lines, depth, members, key, &value),
                    laid_out_len(&doc, lines) - laid_out_len(&removed, lines),
                    "{at}/{key} in {lines:?}"
                );
                let minified = |d: &Value| serde_json::to_string(d).unwrap().len();
                assert_eq!(
                    member_lengths(lines, depth, members, key, &value).minified,
                    minified(&doc) - minified(&removed),
                    "{at}/{key} minified"
                );
            }
        }
    }

    #[test]
    fn pretty_len_is_the_written_length() {
        let docs = [
            json!(null),
            json!({}),
            json!([]),
            json!({"a": [], "b": {}, "c": [[], {}, [1, -2, 3.5, 1e300, -0.0, 12345678901234567890u64]]}),
            json!({"s": "quote \" backslash \\ newline \n tab \t cr \r bell \u{7} nul \u{0} del \u{7f}",
                   "unicode": "é – 😀 \u{85}\u{2028}", "nested": {"deep": {"deeper": [true, false, null, "x"]}}}),
        ];
        for doc in docs {
            let written = crate::emit::to_json(&doc).len();
            assert_eq!(pretty_len(&doc), written, "{doc}");
            let minified = crate::emit::to_json_laid_out(&doc, "", "\n", 0).len();
            assert_eq!(lengths(&doc, Lines::default()).minified, minified, "{doc}");
        }
        // Every JSON fixture, as another sample of real documents.
        let mut checked = 0;
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let p = entry.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|e| e == "json")
                    && let Ok(doc) =
                        serde_json::from_str::<Value>(&std::fs::read_to_string(&p).unwrap())
                {
                    let written = crate::emit::to_json(&doc).len();
                    let minified = crate::emit::to_json_laid_out(&doc, "", "\n", 0).len();
                    let found = lengths(&doc, Lines::default());
                    assert_eq!(found.laid_out, written, "{}", p.display());
                    assert_eq!(found.minified, minified, "{}", p.display());
                    checked += 1;
                }
            }
        }
        assert!(checked > 20, "only {checked} JSON fixtures were found");
    }

    #[test]
    fn laid_out_len_is_the_written_length_in_other_layouts() {
        let doc = json!({"swagger": "2.0", "paths": {"/a": {"get": {"tags": ["x", "y"], "responses": {}}}},
                          "info": {"title": "T\r\nU", "version": "1"}, "empty": [], "n": [1, [2, {"k": null}]]});
        for (indent, crlf) in [
            ("  ", false),
            ("    ", false),
            ("\t", false),
            ("    ", true),
            ("  ", true),
            ("", false),
        ] {
            let line_end = if crlf {
                crate::source::style::LineEnd::CrLf
            } else {
                crate::source::style::LineEnd::Lf
            };
            let layout = crate::source::style::Layout {
                indent: indent.into(),
                line_end,
            };
            let written = crate::emit::to_json_laid_out(&doc, indent, line_end.as_str(), 0).len();
            assert_eq!(
                laid_out_len(&doc, Lines::of(&layout)),
                written,
                "{indent:?} {crlf}"
            );
        }
    }
}
