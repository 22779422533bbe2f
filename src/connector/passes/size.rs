//! Shrinks a definition over the 1 MB import limit.

use crate::value::Lookup;
use rayon::prelude::*;
use serde_json::Value;

use crate::connector::PassOut;
use crate::connector::walk::{
    for_each_parameter_of_path, for_each_schema, for_each_schema_of_path,
    for_each_shared_parameter, for_each_shared_schema, join, path_items_mut,
};
use crate::swagger::METHODS;
use crate::swagger::size::{
    Dropped, Lengths, Lines, MAX_DEFINITION_BYTES, Measured, laid_out_len, lengths,
    member_lengths,
};

crate::declare_pass! {
    /// Pass: over the size budget, shrinks the definition step by step, reporting each saving.
    ///
    /// ## What
    /// A connector pass that runs only when the definition is over the 1 MB import limit (or the
    /// smaller budget of `convert --max-size`). It takes these steps in this order and stops as
    /// soon as the definition fits, reporting what each step saved in bytes:
    ///
    /// 1. the definitions, shared parameters, responses and tag entries that nothing uses are
    ///    removed,
    ///    then inline schemas that occur more than once move to `definitions` and are referenced
    ///    (what the connector does is unchanged; an `allOf` part that requires a property it
    ///    leaves to the other parts stays in place); after each later step that leaves the
    ///    definition over the budget, so do schemas that have become copies of each other (they
    ///    differed only in what the step removed), so that the pass run again on its result
    ///    changes nothing;
    /// 2. `example`, `x-example` and response `examples` values are removed;
    /// 3. only with `--trim-descriptions`: descriptions are cut to their first sentence (at most
    ///    200 characters, ending in `…` when cut within it);
    /// 4. only with `--trim-descriptions`: the descriptions of schemas (body and response fields)
    ///    are removed; those of operations, parameters and responses stay.
    ///
    /// ## Why
    /// The importer rejects definitions of 1 MB or more. Descriptions are what users read in the
    /// designer, so they are trimmed only when asked.
    ///
    /// ## Example
    /// A 1.3 MB definition whose response schemas repeat an `Address` object shrinks under the
    /// limit at step 1.
    ///
    /// ## Fix
    /// When still too large, split the connector into several (`convert --split-by`), or allow
    /// `--trim-descriptions`.
    pub static SIZE = Pass(run) {
        code: "CCF611",
        name: "fix-size",
    }
}

/// How the size pass may shrink a definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shrink {
    /// The largest written length (pretty JSON) allowed, in bytes.
    pub budget: usize,
    /// Steps 3 and 4: descriptions may be cut and schema descriptions removed.
    pub trim_descriptions: bool,
    /// How the definition will be written (`fix` keeps a file's own indentation): the budget
    /// counts its bytes.
    pub lines: Lines,
    /// Examples the importer left out because they alone were over the budget: step 2 reports
    /// them with those it removes, and the lengths before it count them.
    pub dropped_examples: Option<Dropped>,
}

impl Default for Shrink {
    fn default() -> Self {
        Shrink {
            budget: MAX_DEFINITION_BYTES,
            trim_descriptions: false,
            lines: Lines::default(),
            dropped_examples: None,
        }
    }
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    shrink_to(doc, Shrink::default(), out);
}

/// What the budget is called in messages.
fn limit_name(budget: usize) -> String {
    if budget == MAX_DEFINITION_BYTES {
        "the 1 MB import limit".into()
    } else {
        format!("the budget of {budget} bytes")
    }
}

/// `12345 → 10000 bytes, saving 2345`.
fn saving(from: Lengths, to: Lengths) -> String {
    let (from, to) = (from.laid_out, to.laid_out);
    format!("{from} → {to} bytes, saving {}", from.saturating_sub(to))
}

/// The longest description kept by step 3, in characters.
const FIRST_SENTENCE_MAX: usize = 200;

/// Step 1 moves a schema repeated at least this many times, of at least this many bytes.
const HOIST_COUNT: usize = 2;
const HOIST_BYTES: usize = 200;

/// How long `doc` would be, laid out in `lines`, after step 1, the only step that loses nothing
/// (measured on a copy).
pub fn len_after_hoisting(doc: &Value, lines: Lines) -> usize {
    let mut copy = doc.clone();
    crate::connector::hoist::hoist_repeated(&mut copy, HOIST_COUNT, HOIST_BYTES);
    laid_out_len(&copy, lines)
}

/// The pass with another budget than the import limit (`convert --max-size`) and, when
/// allowed, description trimming: the steps of [`SIZE`] in order, until the definition fits.
pub fn shrink_to(doc: &mut Value, shrink: Shrink, out: &mut PassOut) {
    let budget = shrink.budget;
    // Until step 2, the lengths count the examples the importer left out.
    let ahead = shrink.dropped_examples.unwrap_or_default();
    let mut measured = Measured::of(doc, shrink.lines);
    let before = measured.total() + ahead.bytes;
    if before.laid_out <= budget {
        debug_assert!(ahead.count == 0, "examples are left out only over the budget");
        out.measured(before);
        return;
    }
    let mut now = before;

    // 1. Unused shared entries go; repeated schemas move to definitions.
    let pruned = crate::connector::select::prune(doc);
    let unused = [
        (pruned.definitions, "definition"),
        (pruned.parameters, "shared parameter"),
        (pruned.responses, "shared response"),
        (pruned.tags, "tag"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| crate::report::plural(n, what))
    .collect::<Vec<_>>();
    if !unused.is_empty() {
        // Pruning changes the shared sections and the tags alone: `paths`, most of a large
        // definition, is not measured again.
        measured.update(doc, &["definitions", "parameters", "responses", "tags"]);
        let after = measured.total() + ahead.bytes;
        out.note(
            "",
            format!(
                "step 1, unused entries: removed {} that nothing uses ({})",
                unused.join(", "),
                saving(now, after)
            ),
        );
        now = after;
    }
    // Unless what nothing uses was enough.
    if now.laid_out > budget {
        now = hoist_step(doc, 1, now, Some((&mut measured, ahead.bytes)), shrink.lines, out);
    }

    // 2. Examples.
    if now.laid_out > budget {
        let (dropped, saved) = drop_examples(doc, shrink.lines);
        let (dropped, saved) = (dropped + ahead.count, saved + ahead.bytes);
        if dropped > 0 {
            let after = now - saved;
            out.warn(
                "",
                format!(
                    "step 2, examples: removed {dropped} examples to get under {} ({})",
                    limit_name(budget),
                    saving(now, after)
                ),
            );
            now = after;
            if now.laid_out > budget {
                now = hoist_step(doc, 2, now, None, shrink.lines, out);
            }
        }
    }

    // 3 and 4. Descriptions, when allowed.
    if now.laid_out > budget && shrink.trim_descriptions {
        let cut = visit_descriptions(doc, &mut |d| first_sentence(d));
        if cut > 0 {
            let after = lengths(doc, shrink.lines);
            out.warn(
                "",
                format!(
                    "step 3, descriptions: cut {cut} descriptions to their first sentence ({})",
                    saving(now, after)
                ),
            );
            now = after;
            if now.laid_out > budget {
                now = hoist_step(doc, 3, now, None, shrink.lines, out);
            }
        }
    }
    if now.laid_out > budget && shrink.trim_descriptions {
        let mut removed = 0;
        for_each_schema(doc, &mut |s, _| {
            if s.field("description").is_some_and(Value::is_string) {
                s.remove("description");
                removed += 1;
            }
        });
        if removed > 0 {
            let after = lengths(doc, shrink.lines);
            out.warn(
                "",
                format!(
                    "step 4, schema descriptions: removed {removed} descriptions of body and \
                     response fields ({})",
                    saving(now, after)
                ),
            );
            now = after;
            if now.laid_out > budget {
                now = hoist_step(doc, 4, now, None, shrink.lines, out);
            }
        }
    }

    out.measured(now);
    let minified = now.minified;
    let (before, now) = (before.laid_out, now.laid_out);
    if now > budget {
        // Indentation alone may be what keeps it over.
        let minify = if minified < now && minified <= budget {
            format!(", or write it without indentation: minified it is {minified} bytes (convert --minify)")
        } else {
            String::new()
        };
        let trim = if shrink.trim_descriptions || !any_description(doc, &mut |d| first_sentence(d).is_some()) {
            String::new()
        } else {
            "; --trim-descriptions would also shorten its descriptions".into()
        };
        out.warn(
            "",
            format!(
                "the definition is still {now} bytes after shrinking (from {before}); the limit \
                 is {budget}: split it into several connectors (convert --split-by){minify}{trim}"
            ),
        );
    } else {
        out.note(
            "",
            format!(
                "the definition went from {before} to {now} bytes, under {}",
                limit_name(budget)
            ),
        );
    }
}

/// Moves the inline schemas that occur more than once to `definitions`, as part of `step`:
/// step 1, or a later step that removed what told copies apart (an example, a description), so
/// that the pass run again on its result finds nothing more to move. Returns the new length:
/// updated in `measured` (plus the lengths it does not see) when it measures `doc` as it was
/// before the move, measured again otherwise.
fn hoist_step(
    doc: &mut Value,
    step: usize,
    now: Lengths,
    measured: Option<(&mut Measured, Lengths)>,
    lines: Lines,
    out: &mut PassOut,
) -> Lengths {
    let mut changed = Vec::new();
    let hoisted = crate::connector::hoist::hoist_repeated_noting(
        doc,
        HOIST_COUNT,
        HOIST_BYTES,
        &mut changed,
    );
    if hoisted.is_empty() {
        return now;
    }
    for (name, count) in &hoisted {
        out.note(
            join("/definitions", name),
            if *count == 1 {
                format!("1 copy of a schema now refers to `definitions/{name}`, to save space")
            } else {
                format!("{count} copies of a schema now refer to `definitions/{name}`, to save space")
            },
        );
    }
    let after = match measured {
        Some((measured, unseen)) => {
            // Only the shared sections and the path items with a copy replaced changed.
            measured.update(doc, &["definitions", "parameters", "responses"]);
            measured.update_path_items(doc, &changed);
            measured.total() + unseen
        }
        None => lengths(doc, lines),
    };
    let told = if step == 1 {
        String::new()
    } else {
        ", copies now that what told them apart is gone".into()
    };
    out.note(
        "",
        format!(
            "step {step}, repeated schemas: moved {} to `definitions`{told} ({})",
            hoisted.len(),
            saving(now, after)
        ),
    );
    after
}

/// Step 2: removes examples; how many, and how many bytes that saves in `lines` (worked out
/// from what is removed: the rest of a large definition is not measured again).
fn drop_examples(doc: &mut Value, lines: Lines) -> (usize, Lengths) {
    // Outside `paths` on this thread, the path items (disjoint, most of a large definition) on
    // the pool. The examples are freed on another thread while the passes go on: a large
    // definition's examples are a large part of it.
    let mut dropped = Removed::new(lines);
    for_each_shared_schema(doc, &mut |s, at| dropped.take(s, at.depth(), "example"));
    for_each_shared_parameter(doc, &mut |p, at| dropped.take(p, at.depth(), "x-example"));
    let items = path_items_mut(doc);
    let parts: Vec<Removed> = items
        .into_par_iter()
        .map(|(path, item)| {
            let mut dropped = Removed::new(lines);
            for_each_schema_of_path(path, item, &mut |s, at| {
                dropped.take(s, at.depth(), "example");
            });
            for_each_parameter_of_path(path, item, &mut |p, at| {
                dropped.take(p, at.depth(), "x-example");
            });
            let operations = item.as_object_mut().into_iter().flat_map(|item| {
                item.iter_mut()
                    .filter(|(method, _)| METHODS.contains(&method.as_str()))
                    .map(|(_, op)| op)
            });
            for op in operations {
                if let Some(responses) = op.field_mut("responses").and_then(Value::as_object_mut) {
                    // `/paths/{path}/{method}/responses/{status}`.
                    for r in responses.values_mut().filter_map(Value::as_object_mut) {
                        dropped.take(r, 5, "examples");
                    }
                }
            }
            dropped
        })
        .collect();
    let count = dropped.values.len() + parts.iter().map(|p| p.values.len()).sum::<usize>();
    let saved = dropped.bytes + parts.iter().map(|p| p.bytes).sum::<Lengths>();
    crate::memory::dispose((dropped, parts));
    (count, saved)
}

/// Values removed from a definition, and the bytes their removal saves in the written text
/// (laid out and minified).
struct Removed {
    lines: Lines,
    values: Vec<Value>,
    bytes: Lengths,
}

impl Removed {
    fn new(lines: Lines) -> Self {
        Removed {
            lines,
            values: Vec::new(),
            bytes: Lengths::default(),
        }
    }

    /// Removes `key` from `object`, which starts at nesting `depth`.
    fn take(&mut self, object: &mut serde_json::Map<String, Value>, depth: usize, key: &str) {
        let members = object.len();
        if let Some(value) = object.remove(key) {
            self.bytes = self.bytes + member_lengths(self.lines, depth, members, key, &value);
            self.values.push(value);
        }
    }
}

/// Calls `f` on every `description` text of the definition (not on values: examples,
/// defaults, enums and extensions are skipped); `f` returns the new text when it changes it.
/// Returns how many changed.
fn visit_descriptions(doc: &mut Value, f: &mut dyn FnMut(&str) -> Option<String>) -> usize {
    let mut changed = 0;
    let mut stack = vec![doc];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(m) => {
                for (k, v) in m.iter_mut() {
                    if let Value::String(d) = v
                        && k == "description"
                    {
                        if let Some(new) = f(d) {
                            *v = Value::String(new);
                            changed += 1;
                        }
                    } else if !holds_values(k) {
                        stack.push(v);
                    }
                }
            }
            Value::Array(a) => stack.extend(a.iter_mut()),
            _ => {}
        }
    }
    changed
}

/// Keys whose contents are data, not documentation: examples, defaults, enums, extensions.
fn holds_values(key: &str) -> bool {
    matches!(key, "example" | "examples" | "x-example" | "default" | "enum") || key.starts_with("x-")
}

/// Whether some `description` text (as [`visit_descriptions`] finds them) satisfies `f`.
fn any_description(doc: &Value, f: &mut dyn FnMut(&str) -> bool) -> bool {
    let mut stack = vec![doc];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    match v {
                        Value::String(d) if k == "description" => {
                            if f(d) {
                                return true;
                            }
                        }
                        _ if holds_values(k) => {}
                        _ => stack.push(v),
                    }
                }
            }
            Value::Array(a) => stack.extend(a),
            _ => {}
        }
    }
    false
}

/// A description cut to its first sentence (a `.`, `!` or `?` followed by a space and a capital
/// or digit, or a line break), at most [`FIRST_SENTENCE_MAX`] characters; `None` when that is
/// the whole text.
fn first_sentence(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let chars: Vec<(usize, char)> = trimmed.char_indices().collect();
    let mut end = trimmed.len();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let next = chars.get(i + 1).map(|&(_, c)| c);
        let after = chars.get(i + 2).map(|&(_, c)| c);
        let ends = match c {
            '\n' => true,
            '.' | '!' | '?' => {
                next.is_some_and(char::is_whitespace)
                    && after.is_some_and(|a| a.is_uppercase() || a.is_ascii_digit())
            }
            _ => false,
        };
        if ends && at > 0 {
            end = if c == '\n' { at } else { at + c.len_utf8() };
            break;
        }
    }
    let sentence = trimmed[..end].trim_end();
    let cut = if sentence.chars().count() > FIRST_SENTENCE_MAX {
        let mut s: String = sentence.chars().take(FIRST_SENTENCE_MAX - 1).collect();
        if let Some(space) = s.rfind(char::is_whitespace) {
            s.truncate(space);
        }
        format!("{}…", s.trim_end())
    } else {
        sentence.to_string()
    };
    (cut.len() < text.len()).then_some(cut)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::swagger::size::pretty_len;
    use serde_json::json;

    #[test]
    fn a_small_definition_is_left_alone() {
        let doc = json!({"definitions": {"A": {"type": "string", "example": "a"}}});
        assert!(crate::connector::passes::bad_good(&SIZE, doc.clone(), doc).is_empty());
    }

    /// Operations that use the definitions `D0`..`D{n-1}`.
    #[test]
    fn repeated_schemas_are_told_by_their_copies() {
        let item = json!({"type": "object", "properties": {
            "name": {"type": "string", "description": "The item's name, as shown in lists."},
            "size": {"type": "integer", "description": "The item's size in bytes, rounded."},
            "kind": {"type": "string", "description": "What kind of item it is, in one word."}}});
        let paths: serde_json::Map<String, Value> = (0..3)
            .map(|i| {
                let op = json!({"get": {"responses": {"200": {"description": "OK", "schema": item}}}});
                (format!("/items{i}"), op)
            })
            .collect();
        let mut doc = json!({"swagger": "2.0", "paths": paths});
        let budget = pretty_len(&doc) - 1;
        let said = shrink(
            &mut doc,
            Shrink {
                budget,
                ..Shrink::default()
            },
        );
        assert!(
            said.iter().any(|m| m.starts_with("3 copies of a schema now refer to `definitions/")),
            "{said:?}"
        );
    }

    fn using(n: usize) -> Value {
        let paths: serde_json::Map<String, Value> = (0..n)
            .map(|i| {
                let schema = json!({"$ref": format!("#/definitions/D{i}")});
                (format!("/d{i}"), json!({"get": {"responses": {"200": {"description": "OK", "schema": schema}}}}))
            })
            .collect();
        Value::Object(paths)
    }

    #[test]
    fn examples_go_when_the_definition_is_too_large() {
        let big = |i: usize| format!("{i}{}", "x".repeat(MAX_DEFINITION_BYTES / 10));
        let bad: serde_json::Map<String, Value> = (0..11)
            .map(|i| (format!("D{i}"), json!({"type": "string", "example": big(i)})))
            .collect();
        let good: serde_json::Map<String, Value> = (0..11)
            .map(|i| (format!("D{i}"), json!({"type": "string"})))
            .collect();
        let found = crate::connector::passes::bad_good(
            &SIZE,
            json!({"paths": using(11), "definitions": bad}),
            json!({"paths": using(11), "definitions": good}),
        );
        assert_eq!(found.len(), 2);
        assert!(
            found[0]
                .1
                .starts_with("step 2, examples: removed 11 examples to get under the 1 MB import limit ("),
            "{}",
            found[0].1
        );
        let before = pretty_len(&json!({"paths": using(11), "definitions": (0..11)
            .map(|i| (format!("D{i}"), json!({"type": "string", "example": big(i)})))
            .collect::<serde_json::Map<String, Value>>()}));
        assert!(found[0].1.contains(&format!("{before} → ")), "{}", found[0].1);
    }

    #[test]
    fn what_nothing_uses_goes_first_and_may_be_enough() {
        let big = |i: usize| format!("{i}{}", "x".repeat(MAX_DEFINITION_BYTES / 10));
        let all: serde_json::Map<String, Value> = (0..11)
            .map(|i| (format!("D{i}"), json!({"type": "string", "example": big(i)})))
            .collect();
        // Two of the eleven large definitions are used: the rest go, the examples stay.
        let mut kept = all.clone();
        kept.retain(|k, _| k == "D0" || k == "D1");
        let found = crate::connector::passes::bad_good(
            &SIZE,
            json!({"paths": using(2), "definitions": all,
                   "tags": [{"name": "Unused"}]}),
            json!({"paths": using(2), "definitions": kept}),
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].1.starts_with(
                "step 1, unused entries: removed 9 definitions, 1 tag that nothing uses ("
            ),
            "{}",
            found[0].1
        );
        assert!(found[1].1.starts_with("the definition went from"), "{}", found[1].1);
        // Under the budget, nothing unused is touched.
        let small = json!({"paths": {}, "definitions": {"Unused": {"type": "string"}}});
        assert!(crate::connector::passes::bad_good(&SIZE, small.clone(), small).is_empty());
    }

    #[test]
    fn the_lengths_handed_on_after_dropping_examples_are_the_written_ones() {
        // Examples in a schema, a parameter and a response, at several depths, over the limit.
        let big = |i: usize| format!("{i}{}", "y".repeat(MAX_DEFINITION_BYTES / 3));
        let mut doc = json!({
            "swagger": "2.0",
            "paths": {"/a/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": true, "type": "string",
                                "x-example": big(0)}],
                "get": {"responses": {"200": {"description": "OK",
                    "schema": {"type": "object", "properties": {"n": {"type": "string", "example": big(1)}}},
                    "examples": {"application/json": {"n": big(2), "list": [1, {"k": [true]}]}}}}}}},
            "definitions": {"D": {"type": "object", "example": {"deep": {"er": big(3)}}}}
        });
        let (_, measured) = shrink_measured(&mut doc, Shrink::default());
        let measured = measured.expect("the pass measures");
        assert!(!doc.to_string().contains("yyy"), "the examples are gone: {doc}");
        assert_eq!(measured.laid_out, crate::emit::to_json(&doc).len());
        assert_eq!(measured.minified, doc.to_string().len() + 1);
    }

    /// Runs the pass with `shrink`; the messages.
    fn shrink(doc: &mut Value, shrink: Shrink) -> Vec<String> {
        shrink_measured(doc, shrink).0
    }

    /// Runs the pass with `shrink`; the messages and the lengths it handed on.
    fn shrink_measured(doc: &mut Value, shrink: Shrink) -> (Vec<String>, Option<Lengths>) {
        let mut reporter =
            crate::diagnostic::Reporter::new("test.json", &crate::diagnostic::Declared);
        let mut out = PassOut {
            code: &SIZE.code,
            reporter: &mut reporter,
            measured: None,
            beside: &crate::connector::Beside::default(),
        };
        shrink_to(doc, shrink, &mut out);
        let measured = out.measured;
        (reporter.finish().into_iter().map(|d| d.message).collect(), measured)
    }

    /// A definition whose operation and schemas have two-sentence descriptions.
    fn described() -> Value {
        let text = "Lists the users of the account. Deleted users are left out unless asked for.";
        json!({
            "paths": {"/users": {"get": {"description": text, "responses": {"200": {
                "description": text, "schema": {"$ref": "#/definitions/User"}}}}}},
            "definitions": {"User": {"type": "object", "description": text, "properties": {
                "description": {"type": "string", "description": text, "example": text,
                    "default": text}}}}
        })
    }

    #[test]
    fn descriptions_are_trimmed_only_when_allowed_step_by_step() {
        let budget = pretty_len(&described()) - 200;
        let mut doc = described();
        let said = shrink(&mut doc, Shrink { budget, trim_descriptions: false, ..Shrink::default() });
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[1].ends_with("; --trim-descriptions would also shorten its descriptions"));

        // Cutting to the first sentence is enough here: step 4 does not run.
        let mut doc = described();
        let said = shrink(&mut doc, Shrink { budget, trim_descriptions: true, ..Shrink::default() });
        assert!(said[0].starts_with("step 2, examples: removed 1 examples"), "{said:?}");
        assert!(said[1].starts_with("step 3, descriptions: cut 4 descriptions"), "{said:?}");
        assert!(said[2].starts_with("the definition went from"), "{said:?}");
        let first = "Lists the users of the account.";
        assert_eq!(doc["paths"]["/users"]["get"]["description"], first);
        assert_eq!(doc["definitions"]["User"]["description"], first);
        // A property named `description` is a schema, and a default is data: both kept.
        let prop = &doc["definitions"]["User"]["properties"]["description"];
        assert_eq!(prop["description"], first);
        assert_eq!(prop["default"], described()["definitions"]["User"]["properties"]["description"]["default"]);

        // A tighter budget also removes the schemas' descriptions, never the operation's.
        let mut doc = described();
        let budget = pretty_len(&doc) - 300;
        let said = shrink(&mut doc, Shrink { budget, trim_descriptions: true, ..Shrink::default() });
        assert!(said[2].starts_with("step 4, schema descriptions: removed 2 descriptions"), "{said:?}");
        assert_eq!(doc["paths"]["/users"]["get"]["description"], first);
        assert_eq!(doc["paths"]["/users"]["get"]["responses"]["200"]["description"], first);
        assert!(doc["definitions"]["User"].field("description").is_none());
    }

    #[test]
    fn a_first_sentence_ends_at_a_full_stop_before_a_capital_or_at_a_line_break() {
        assert_eq!(first_sentence("One. Two."), Some("One.".into()));
        assert_eq!(first_sentence("Use e.g. this one. Then"), Some("Use e.g. this one.".into()));
        assert_eq!(first_sentence("Title\nBody text"), Some("Title".into()));
        assert_eq!(first_sentence("Only one sentence."), None);
        let long = "word ".repeat(100);
        let cut = first_sentence(&long).unwrap();
        assert!(cut.ends_with("word…"), "{cut}");
        assert!(cut.chars().count() <= FIRST_SENTENCE_MAX);
    }
}
