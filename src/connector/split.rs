//! Splitting one definition into several connectors that each fit: one part per tag, Postman
//! folder or leading path segment; a part still over the size budget is split further by path
//! (then in halves, in document order); an operation that alone breaks a limit is reported.
//!
//! Each part is a complete definition: the document's root (info, host, security...), its
//! operations, and only the definitions, shared parameters and responses they reach.

use crate::value::Lookup;
use std::collections::{BTreeSet, HashMap, HashSet};

use serde_json::{Map, Value};

use super::select::{
    Folders, OpFacts, called_operations, kept_for_call, operations_by_id, reachable_in,
};
use crate::diagnostic::{Diagnostic, Policy};
use crate::swagger::schemas::Sizes;

crate::declare_code! {
    /// A group of operations was split further to fit the size budget.
    ///
    /// ## What
    /// `convert --split-by` made a group (a tag, a folder, a path) whose definition is still
    /// over the size budget after the size pass, so it was split again by the next path segment
    /// (or, when all its operations share one path, in halves in document order); neighbouring
    /// pieces are then joined again while the joined definition fits, so the group becomes as
    /// few connectors as it needs.
    ///
    /// ## Why
    /// The platform rejects a definition of 1 MB or more; `--max-size` sets a smaller budget.
    ///
    /// ## Example
    /// The tag `Issues` of a large API becomes `Issues-Comments-to-Events` and
    /// `Issues-Labels-to-Reactions`.
    ///
    /// ## Fix
    /// Nothing to do; choose other groups (`--include`, another `--split-by`) for other names.
    pub static SPLIT_FURTHER = Conversion {
        code: "CCF622",
        name: "split-further",
        severity: Info,
    }
}

crate::declare_code! {
    /// One operation alone breaks a connector limit.
    ///
    /// ## What
    /// An operation's request or response schema has more than 512 schemas (counting what it
    /// references), or the operation alone makes a definition over the size budget, so no split
    /// can make a connector that carries it and fits.
    ///
    /// ## Why
    /// The platform rejects such a definition (`BodySchemaCountExceedsMaxAllowed`, the 1 MB
    /// import limit), whatever else the connector holds.
    ///
    /// ## Example
    /// A `GET /v1/accounts/{id}` whose response expands every nested object of the API.
    ///
    /// ## Fix
    /// Let the designer load the schema at run time (`x-ms-dynamic-schema` on an operation that
    /// returns it), trim the schema to the properties flows need, or leave the operation out
    /// (`--exclude id:NAME`).
    pub static OPERATION_OVER_LIMIT = Conversion {
        code: "CCF623",
        name: "operation-over-limit",
        severity: Error,
    }
}

/// The platform's cap on the schemas of one body's tree.
pub const MAX_BODY_SCHEMAS: u64 = 512;

/// How to group operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SplitBy {
    /// The first tag.
    Tag,
    /// The top Postman folder.
    Folder,
    /// The first static path segment after a version prefix.
    Path,
}

/// One connector of a split: its name, definition and measures.
pub struct Part {
    /// Its name, as in the title: the tag, folder or path words.
    pub label: String,
    /// The folder name under `--out-dir`.
    pub folder: String,
    pub doc: Value,
    pub operations: usize,
    /// The definition's written length.
    pub bytes: usize,
    /// The most schemas of one body of one operation.
    pub schemas: u64,
    /// Its operations as (path, method) in the document it was split from (the passes may
    /// have renamed path parameters since), without those copied in for a call.
    pub keys: Vec<Key>,
    /// The group it was split from, when it was split further.
    pub split_from: Option<String>,
    /// Operations that alone break a limit: (operation label, why).
    pub over: Vec<(String, String)>,
    /// What the passes did to it, pointers into `doc` (in a file named
    /// apiDefinition.swagger.json).
    pub shrunk: Vec<Diagnostic>,
}

impl Part {
    /// Whether [`Part::over`] names its one operation as over the size budget alone.
    pub fn alone_over_budget(&self, budget: usize) -> bool {
        self.operations == 1 && self.bytes > budget
    }

    /// Whether [`Part::over`] names an operation of it as over the schema limit.
    pub fn over_schema_limit(&self) -> bool {
        self.schemas > MAX_BODY_SCHEMAS && !self.over.is_empty()
    }

    /// Whether it meets the size budget and the schema limit.
    pub fn fits(&self, budget: usize) -> bool {
        self.bytes <= budget && self.schemas <= MAX_BODY_SCHEMAS
    }
}

type Key = (String, String);

/// The operations of a document in order, as (path, method).
pub fn operation_keys(doc: &Value) -> Vec<Key> {
    crate::swagger::operations(doc)
        .iter()
        .map(|o| (o.path.to_string(), o.method.to_string()))
        .collect()
}

/// Whether a path segment is a version or API prefix (`v1`, `2.0`, `api`), skipped by the
/// path grouping.
fn is_prefix(seg: &str) -> bool {
    let s = seg.to_ascii_lowercase();
    let v = s.strip_prefix('v').unwrap_or(&s);
    s == "api" || (!v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// The first `depth` static segments of a path, after its version prefix.
fn path_key(path: &str, depth: usize) -> String {
    let mut segs = path
        .split('/')
        .filter(|s| !s.is_empty() && !s.contains('{'))
        .peekable();
    while segs.peek().is_some_and(|s| is_prefix(s)) {
        segs.next();
    }
    segs.take(depth).collect::<Vec<_>>().join(" ")
}

/// The group of each operation, in order of first appearance. The operations in `called`
/// (kept only because others call them) make no group: they go with their callers.
pub fn group(
    doc: &Value,
    by: SplitBy,
    folders: Option<&Folders>,
    called: &BTreeSet<Key>,
) -> Vec<(String, Vec<Key>)> {
    let mut groups: Vec<(String, Vec<Key>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for o in crate::swagger::operations(doc) {
        let key = (o.path.to_string(), o.method.to_string());
        if called.contains(&key) {
            continue;
        }
        let facts = OpFacts::of(o.path, o.method, o.op, None);
        let name = match by {
            SplitBy::Tag => facts
                .tags
                .first()
                .map_or("Untagged".into(), |t| t.to_string()),
            SplitBy::Folder => folders
                .and_then(|f| f.get(&key))
                .and_then(|f| f.split('/').next())
                .filter(|f| !f.is_empty())
                .map_or("Root".into(), str::to_string),
            SplitBy::Path => {
                let k = path_key(o.path, 1);
                if k.is_empty() {
                    "Root".into()
                } else {
                    capitalized(&k)
                }
            }
        };
        let i = *index.entry(name.clone()).or_insert_with(|| {
            groups.push((name, Vec::new()));
            groups.len() - 1
        });
        groups[i].1.push(key);
    }
    groups
}

/// The definition of some operations of `doc`: its root, those operations (with their path
/// items' own parameters), and the shared parts they reach.
pub fn extract(doc: &Value, ops: &[Key]) -> Value {
    let Some(root) = doc.as_object() else {
        return doc.clone();
    };
    let mut want: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for (p, m) in ops {
        want.entry(p.as_str()).or_default().insert(m.as_str());
    }
    // The tags the kept operations name: only their entries are copied (an API with a tag per
    // operation, split by tag, would otherwise copy every tag into every part).
    let paths = root.field("paths");
    let used_tags: HashSet<&str> = ops
        .iter()
        .filter_map(|(p, m)| paths?.get(p)?.get(m)?.field("tags")?.as_array())
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let mut out = Map::new();
    for (k, v) in root {
        match k.as_str() {
            "paths" => {
                // Each kept operation's path is looked up, in the order of `ops` (the
                // document's, as the parts list them): walking every path of the document for
                // each part would grow with parts × paths.
                let all = v.as_object();
                let mut paths = Map::new();
                for (p, _) in ops {
                    if paths.contains_key(p.as_str()) {
                        continue;
                    }
                    let Some(item) = all.and_then(|a| a.get(p)).and_then(Value::as_object) else {
                        continue;
                    };
                    let methods = &want[p.as_str()];
                    let kept: Map<String, Value> = item
                        .iter()
                        .filter(|(m, _)| {
                            !crate::swagger::METHODS.contains(&m.as_str())
                                || methods.contains(m.as_str())
                        })
                        .map(|(m, x)| (m.clone(), x.clone()))
                        .collect();
                    paths.insert(p.clone(), Value::Object(kept));
                }
                out.insert(k.clone(), Value::Object(paths));
            }
            "definitions" | "parameters" | "responses" => {}
            "tags" if v.is_array() => {
                let kept: Vec<Value> = v
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|t| {
                        t.field("name")
                            .and_then(Value::as_str)
                            .is_none_or(|n| used_tags.contains(n))
                    })
                    .cloned()
                    .collect();
                if !kept.is_empty() {
                    out.insert(k.clone(), Value::Array(kept));
                }
            }
            _ => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    // The shared parts, followed from what was kept (looked up in the whole document), copied
    // entry by entry: a part holds a small share of a large API's definitions.
    let out = Value::Object(out);
    let seen = reachable_in(&out, doc);
    let Value::Object(mut out) = out else {
        unreachable!()
    };
    for (i, section) in ["definitions", "parameters", "responses"]
        .iter()
        .enumerate()
    {
        if let Some(Value::Object(all)) = root.get(*section) {
            let kept: Map<String, Value> = all
                .iter()
                .filter(|(k, _)| seen[i].contains(*k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if !kept.is_empty() {
                out.insert(section.to_string(), Value::Object(kept));
            }
        }
    }
    let mut doc = Value::Object(out);
    // Tag entries of no kept operation go (the shared sections hold only what is reached).
    super::select::prune_tags(&mut doc);
    doc
}

/// The most schemas of one body (request or response) of any operation, and the operations
/// over the platform's cap with why.
fn schema_counts(doc: &Value) -> (u64, Vec<(String, String)>) {
    let mut sizes = Sizes::new(doc);
    let mut most = 0;
    let mut over = Vec::new();
    for op in crate::swagger::operations(doc) {
        let mut worst: Option<(u64, String)> = None;
        let mut see = |n: u64, what: String| {
            if worst.as_ref().is_none_or(|(w, _)| n > *w) {
                worst = Some((n, what));
            }
        };
        for p in &op.params {
            if p.location() == Some("body")
                && let Some(s) = p.value.field("schema")
            {
                see(sizes.of(s).count, "request body".into());
            }
        }
        for (status, r) in op
            .op
            .field("responses")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let r = match r.field("$ref").and_then(Value::as_str) {
                Some(t) => t.strip_prefix("#/responses/").and_then(|n| {
                    doc.field("responses")?
                        .get(crate::diagnostic::unescape_token(n))
                }),
                None => Some(r),
            };
            if let Some(s) = r.and_then(|r| r.field("schema")) {
                see(sizes.of(s).count, format!("response {status}"));
            }
        }
        if let Some((n, what)) = worst {
            most = most.max(n);
            if n > MAX_BODY_SCHEMAS {
                over.push((
                    op.label(),
                    format!(
                        "its {what} schema has {n} schemas counting its references; the \
                         platform allows at most {MAX_BODY_SCHEMAS} in one body"
                    ),
                ));
            }
        }
    }
    (most, over)
}

/// How to split.
pub struct Limits<'p> {
    /// The size budget of each definition (at most the 1 MB import limit).
    pub budget: usize,
    pub policy: &'p dyn Policy,
    /// Cut bodies over the 512-schema limit (`--cut-schemas`).
    pub cut: bool,
    /// The size pass may trim descriptions (`--trim-descriptions`).
    pub trim_descriptions: bool,
    /// The layout the parts are written in, which their sizes count.
    pub lines: crate::swagger::size::Lines,
}

/// A candidate part before it is named.
struct Candidate {
    label: String,
    split_from: Option<String>,
    ops: Vec<Key>,
    doc: Value,
    bytes: usize,
    schemas: u64,
    over: Vec<(String, String)>,
    shrunk: Vec<Diagnostic>,
}

/// Names a part's definition after the whole one's title and its label.
fn retitle(doc: &Value, part: &mut Value, label: &str) {
    if label.is_empty() {
        return;
    }
    let title = doc
        .pointer("/info/title")
        .and_then(Value::as_str)
        .unwrap_or("Connector");
    let name = format!("{title} {label}");
    if let Some(info) = part.field_mut("info").and_then(Value::as_object_mut) {
        info.insert("title".into(), Value::String(name));
    }
}

/// `charges refunds` → `Charges Refunds`.
fn capitalized(words: &str) -> String {
    words
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// The definition of `ops` (see [`extract`]) with the operations they call through `x-ms-`
/// extensions copied in from the whole document, following calls of calls; a note for each
/// copy (saying so when the copy is of an operation in `called`, which the selection kept only
/// for its callers).
fn extract_with_calls(
    doc: &Value,
    ops: &[Key],
    called: &BTreeSet<Key>,
) -> (Value, Vec<Diagnostic>) {
    let mut part = extract(doc, ops);
    if called_operations(&part).is_empty() {
        return (part, Vec::new());
    }
    let by_id = operations_by_id(doc);
    let mut all = ops.to_vec();
    let mut copied: Vec<(String, Key)> = Vec::new();
    loop {
        let have = operations_by_id(&part);
        let missing: Vec<(String, Key)> = called_operations(&part)
            .into_iter()
            .filter(|id| !have.contains_key(id))
            .filter_map(|id| Some((id.to_string(), by_id.get(id)?.clone())))
            .filter(|(_, key)| !all.contains(key))
            .collect();
        if missing.is_empty() {
            break;
        }
        for (id, key) in missing {
            all.push(key.clone());
            copied.push((id, key));
        }
        part = extract(doc, &all);
    }
    let notes = copied
        .iter()
        .map(|(id, key)| {
            let how = if called.contains(key) {
                "is copied into this part although the patterns leave it out"
            } else {
                "is copied into this part too"
            };
            kept_for_call(id, key, how)
        })
        .collect();
    (part, notes)
}

/// Measures (and shrinks, when over the budget) the definition of some operations.
fn candidate(
    doc: &Value,
    ops: Vec<Key>,
    label: String,
    called: &BTreeSet<Key>,
    limits: &Limits,
) -> Candidate {
    let (mut part, copied) = extract_with_calls(doc, &ops, called);
    retitle(doc, &mut part, &label);
    let cut = if limits.cut {
        super::cut_schemas(&mut part, "apiDefinition.swagger.json", limits.policy)
    } else {
        Vec::new()
    };
    let (mut shrunk, bytes) = super::run_passes_within(
        &mut part,
        "apiDefinition.swagger.json",
        limits.policy,
        super::Shrink {
            budget: limits.budget,
            trim_descriptions: limits.trim_descriptions,
            lines: limits.lines,
            dropped_examples: None,
        },
        &super::Beside::default(),
    );
    // The passes may leave a definition unused (a schema of a default response they removed).
    let pruned = super::select::prune(&mut part);
    let bytes = match bytes {
        Some(b) if pruned == super::select::Pruned::default() => b.laid_out,
        _ => crate::swagger::size::laid_out_len(&part, limits.lines),
    };
    shrunk.splice(0..0, copied.into_iter().chain(cut));
    let (schemas, over) = schema_counts(&part);
    Candidate {
        label,
        split_from: None,
        ops,
        doc: part,
        bytes,
        schemas,
        over,
        shrunk,
    }
}

/// Splits a candidate over the budget until each piece fits or holds one operation; `depth`
/// is how many path segments its operations already share.
fn fit(
    doc: &Value,
    c: Candidate,
    depth: usize,
    called: &BTreeSet<Key>,
    limits: &Limits,
    untagged_alone: bool,
    out: &mut Vec<Candidate>,
) {
    if c.bytes <= limits.budget || c.ops.len() < 2 {
        out.push(c);
        return;
    }
    let from = c.split_from.clone().unwrap_or_else(|| c.label.clone());
    // By the next path segment, while that separates the operations.
    let most = c
        .ops
        .iter()
        .map(|(p, _)| path_key(p, usize::MAX).split(' ').count())
        .max()
        .unwrap_or(0);
    for d in depth + 1..=most {
        let mut groups: Vec<(String, Vec<Key>)> = Vec::new();
        for k in &c.ops {
            let key = path_key(&k.0, d);
            match groups.iter_mut().find(|(g, _)| *g == key) {
                Some((_, v)) => v.push(k.clone()),
                None => groups.push((key, vec![k.clone()])),
            }
        }
        if groups.len() > 1 {
            for (key, ops) in groups {
                // An untagged group's parts are named by their paths alone when no tag has a
                // group whose name they could take; otherwise `Untagged Events`.
                let base = if c.split_from.is_none() && c.label == "Untagged" && untagged_alone {
                    String::new()
                } else {
                    format!("{} ", c.label)
                };
                let label = if key.is_empty() {
                    format!("{base}Root")
                } else {
                    let last = capitalized(key.rsplit(' ').next().unwrap_or(&key));
                    if c.label.split(' ').any(|w| w == last) {
                        format!("{base}{}", capitalized(&key))
                    } else {
                        format!("{base}{last}")
                    }
                };
                let mut sub = candidate(doc, ops, label, called, limits);
                sub.split_from = Some(from.clone());
                fit(doc, sub, d, called, limits, untagged_alone, out);
            }
            return;
        }
    }
    // One path for all: in halves, in document order, numbered in order at the end.
    let mut ops = c.ops;
    let second = ops.split_off(ops.len() / 2);
    let mut pieces = Vec::new();
    for half in [ops, second] {
        let mut sub = candidate(doc, half, c.label.clone(), called, limits);
        sub.split_from = Some(from.clone());
        fit(
            doc,
            sub,
            usize::MAX - 1,
            called,
            limits,
            untagged_alone,
            &mut pieces,
        );
    }
    if depth < usize::MAX - 1 {
        let title_len = |d: &Value| d.pointer("/info/title").map_or(0, |t| t.to_string().len());
        for (i, piece) in pieces.iter_mut().enumerate() {
            piece.label = format!("{} {}", c.label, i + 1);
            // The piece was measured under its old title.
            let before = title_len(&piece.doc);
            retitle(doc, &mut piece.doc, &piece.label);
            piece.bytes = piece.bytes + title_len(&piece.doc) - before;
        }
    }
    out.extend(pieces);
}

/// The pieces a group over the budget was split into, neighbours joined while the joined
/// definition fits: the group becomes as few connectors as it needs, not one for each path.
/// Which pieces to join is estimated from their sizes (each piece's root counted once; what
/// pieces share, counted in each, makes the estimate high rather than low), and each join is
/// measured; one that does not fit after all leaves its pieces as they were.
fn pack(
    doc: &Value,
    pieces: Vec<Candidate>,
    called: &BTreeSet<Key>,
    limits: &Limits,
) -> Vec<Candidate> {
    if pieces.len() < 2 {
        return pieces;
    }
    let root = crate::swagger::size::laid_out_len(&extract(doc, &[]), limits.lines);
    let fits = |c: &Candidate| c.bytes <= limits.budget && c.schemas <= MAX_BODY_SCHEMAS;
    let mut bins: Vec<(usize, Vec<Candidate>)> = Vec::new();
    for piece in pieces {
        let joinable = fits(&piece) && piece.over.is_empty();
        match bins.last_mut() {
            Some((estimate, bin))
                if joinable
                    && bin.iter().all(|c| fits(c) && c.over.is_empty())
                    && *estimate + piece.bytes.saturating_sub(root) <= limits.budget =>
            {
                *estimate += piece.bytes.saturating_sub(root);
                bin.push(piece);
            }
            _ => bins.push((piece.bytes, vec![piece])),
        }
    }
    use rayon::prelude::*;
    let packed: Vec<Vec<Candidate>> = bins
        .into_par_iter()
        .map(|(_, bin)| {
            if bin.len() < 2 {
                return bin;
            }
            let ops: Vec<Key> = bin.iter().flat_map(|c| c.ops.iter().cloned()).collect();
            let label = joined_label(&bin[0].label, &bin[bin.len() - 1].label);
            let mut joined = candidate(doc, ops, label, called, limits);
            if fits(&joined) && joined.over.is_empty() {
                joined.split_from = bin[0].split_from.clone();
                vec![joined]
            } else {
                bin
            }
        })
        .collect();
    packed.into_iter().flatten().collect()
}

/// The label of joined pieces from those of the first and the last: the words they share, then
/// each one's own (`Issues Comments` and `Issues Labels` → `Issues Comments to Labels`).
fn joined_label(first: &str, last: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (first.split(' ').collect(), last.split(' ').collect());
    let shared = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let shared = shared.min(a.len() - 1).min(b.len() - 1);
    let mut label = a[..shared].join(" ");
    if !label.is_empty() {
        label.push(' ');
    }
    label.push_str(&format!(
        "{} to {}",
        a[shared..].join(" "),
        b[shared..].join(" ")
    ));
    label
}

/// A folder name from a label: ASCII letters and digits, other runs as one `-`.
pub fn slug(label: &str) -> String {
    let mut s = String::new();
    for c in label.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    while s.ends_with('-') {
        s.pop();
    }
    if s.is_empty() { "Operations".into() } else { s }
}

/// Splits `doc` by `by`; without `by`, the whole document is one part. Parts come in the order
/// of their groups' first operations. The operations in `called`, which a selection kept only
/// because kept ones call them, have no part of their own: each part whose operations call
/// them gets a copy.
pub fn split(
    doc: &Value,
    by: Option<SplitBy>,
    folders: Option<&Folders>,
    called: &BTreeSet<Key>,
    limits: &Limits,
) -> Vec<Part> {
    let mut leaves = Vec::new();
    match by {
        None => {
            let ops = operation_keys(doc);
            leaves.push(candidate(doc, ops, String::new(), called, limits));
        }
        Some(by) => {
            // The groups are measured (and split further) in parallel; the parts keep the
            // groups' order.
            use rayon::prelude::*;
            let depth = match by {
                SplitBy::Path => 1,
                _ => 0,
            };
            let groups = group(doc, by, folders, called);
            let untagged_alone = by != SplitBy::Tag || groups.iter().all(|(l, _)| l == "Untagged");
            let fitted: Vec<Vec<Candidate>> = groups
                .into_par_iter()
                .map(|(label, ops)| {
                    let mut out = Vec::new();
                    fit(
                        doc,
                        candidate(doc, ops, label, called, limits),
                        depth,
                        called,
                        limits,
                        untagged_alone,
                        &mut out,
                    );
                    pack(doc, out, called, limits)
                })
                .collect();
            leaves.extend(fitted.into_iter().flatten());
        }
    }
    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut parts = Vec::new();
    for mut c in leaves {
        let mut folder = slug(&c.label);
        let n = taken.entry(folder.to_ascii_lowercase()).or_insert(0);
        *n += 1;
        if *n > 1 {
            folder = format!("{folder}-{n}");
        }
        let mut over = std::mem::take(&mut c.over);
        // What [`Part::alone_over_budget`] reads back.
        if c.bytes > limits.budget
            && let [(p, m)] = c.ops.as_slice()
        {
            over.push((
                format!("{} {p}", m.to_ascii_uppercase()),
                format!(
                    "alone it makes a definition of {} bytes after the size pass; the budget is {}",
                    c.bytes, limits.budget
                ),
            ));
        }
        parts.push(Part {
            label: c.label,
            folder,
            operations: c.ops.len(),
            keys: c.ops,
            doc: c.doc,
            bytes: c.bytes,
            schemas: c.schemas,
            split_from: c.split_from,
            over,
            shrunk: c.shrunk,
        });
    }
    parts
}

/// The pointer of the operation `METHOD /path` (as [`Part::over`] names it) in `doc`, or the
/// document's root.
pub fn pointer_of_label(doc: &Value, label: &str) -> String {
    let Some((method, path)) = label.split_once(' ') else {
        return String::new();
    };
    let method = method.to_ascii_lowercase();
    let is_operation = !path.starts_with("x-")
        && crate::swagger::METHODS.contains(&method.as_str())
        && doc
            .field("paths")
            .and_then(|p| p.get(path))
            .and_then(|item| item.get(&method))
            .is_some_and(Value::is_object);
    if is_operation {
        crate::diagnostic::pointer(["paths", path, &method])
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Declared;
    use serde_json::json;

    #[test]
    fn path_keys_skip_versions_and_templates() {
        assert_eq!(path_key("/v1/charges/{id}/refunds", 1), "charges");
        assert_eq!(path_key("/v1/charges/{id}/refunds", 2), "charges refunds");
        assert_eq!(path_key("/api/2.0/users", 1), "users");
        assert_eq!(path_key("/", 1), "");
    }

    #[test]
    fn a_part_holds_only_its_operations_and_their_paths() {
        let doc = json!({"swagger": "2.0", "paths": {
            "/a": {"parameters": [], "get": {"operationId": "A"}, "post": {"operationId": "B"}},
            "/b": {"get": {"operationId": "C"}},
            "/c": {"get": {"operationId": "D"}}
        }});
        let key = |p: &str, m: &str| (p.to_string(), m.to_string());
        let part = extract(&doc, &[key("/a", "post"), key("/c", "get")]);
        assert_eq!(
            part["paths"],
            json!({"/a": {"parameters": [], "post": {"operationId": "B"}}, "/c": {"get": {"operationId": "D"}}})
        );
        assert_eq!(extract(&doc, &[])["paths"], json!({}));
    }

    #[test]
    fn slugs_are_plain() {
        assert_eq!(slug("Payments & Refunds"), "Payments-Refunds");
        assert_eq!(slug("/"), "Operations");
    }

    #[test]
    fn a_large_group_is_split_by_path_then_in_halves() {
        let big = "x".repeat(400);
        let mut paths = Map::new();
        for i in 0..6 {
            paths.insert(
                format!("/v1/things/{}/p{i}", "{id}"),
                json!({"get": {"tags": ["T"], "description": big, "responses": {"200": {"description": "ok"}}}}),
            );
        }
        paths.insert(
            "/v1/things".into(),
            json!({"get": {"tags": ["T"], "description": big, "responses": {"200": {"description": "ok"}}}}),
        );
        let doc = json!({"swagger": "2.0", "info": {"title": "A", "version": "1"}, "paths": paths});
        let limits = Limits {
            budget: 1500,
            trim_descriptions: false,
            policy: &Declared,
            cut: false,
            lines: Default::default(),
        };
        let parts = split(&doc, Some(SplitBy::Tag), None, &BTreeSet::new(), &limits);
        assert!(parts.len() > 2, "{}", parts.len());
        assert!(parts.iter().all(|p| p.fits(1500)));
        assert_eq!(parts.iter().map(|p| p.operations).sum::<usize>(), 7);
        assert!(parts.iter().all(|p| p.split_from.as_deref() == Some("T")));
        let names: BTreeSet<&str> = parts.iter().map(|p| p.folder.as_str()).collect();
        assert_eq!(names.len(), parts.len());
    }
}
