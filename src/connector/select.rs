//! Choosing operations: `--include` / `--exclude` patterns over tags, paths, operationIds,
//! methods and Postman folders, and dropping what no chosen operation uses any more
//! (definitions, shared parameters and responses, tags), so the result is as small as its
//! operations allow.
//!
//! A pattern is `KIND:GLOB`. In a `path:` or `folder:` glob `*` matches within one segment
//! (no `/`) and `**` any number of segments (`/v1/charges/**` also matches `/v1/charges`); in
//! the other kinds `*` matches anything. Methods are matched case-insensitively, the rest
//! exactly. A folder pattern matches a request in that folder or in any folder inside it
//! (`folder:Admin` takes `Admin/Users` too). An operation is kept when it matches any include (or there are none) and no
//! exclude.

use crate::value::Lookup;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};

use serde_json::{Map, Value};

use crate::diagnostic::Diagnostic;
use crate::swagger::METHODS;

crate::declare_code! {
    /// An `--include` / `--exclude` pattern cannot be used.
    ///
    /// ## What
    /// A pattern of `convert` or `fix` (or of `include` / `exclude` in ccforge.toml) is not
    /// `KIND:GLOB` with a known kind (`tag`, `path`, `id`, `method`, `folder`), uses `folder:`
    /// on an input that is not a Postman collection, or selects no operation at all; or the
    /// patterns together leave no operation.
    ///
    /// ## Why
    /// A pattern that matches nothing is almost always a typo (`tag:payment` for
    /// `tag:Payments`); writing a connector without the operations the user meant would hide it.
    ///
    /// ## Example
    /// `ccforge convert api.yaml --include tag:Payment` when the tag is `Payments`.
    ///
    /// ## Fix
    /// Correct the pattern as the message says: it names the kinds a pattern may have, or the
    /// tags (or folders) the input has.
    pub static SELECTION_INVALID = Input {
        code: "CCF621",
        name: "selection-invalid",
        severity: Error,
        fatal: true,
    }
}

crate::declare_code! {
    /// An operation outside the selection or the part is kept, because a kept one calls it.
    ///
    /// ## What
    /// A kept operation fills a dropdown, a schema or a tree from another operation
    /// (`x-ms-dynamic-values`, `-schema`, `-list`, `-properties`, `-tree`), names it in
    /// `x-ms-notification`, or the connector tests connections with it
    /// (`x-ms-capabilities.testConnection`). `--include` / `--exclude` keep that operation too
    /// (unless an `--exclude` pattern names it), and `--split-by` copies it into each part
    /// whose operations call it; one the patterns leave out gets no part of its own.
    ///
    /// ## Why
    /// Without the operation it calls, the action's dropdown stays empty and the validator
    /// rejects the definition (`OperationIdNotFound`).
    ///
    /// ## Example
    /// `--include tag:Orders` keeps `ListWarehouses` (tag `Stock`), which `CreateOrder`'s
    /// `warehouse` parameter takes its values from.
    ///
    /// ## Fix
    /// Nothing to do. To leave it out anyway, exclude it (`--exclude id:ListWarehouses`) and
    /// remove the dynamic extension that calls it.
    pub static OPERATION_KEPT_FOR_CALL = Conversion {
        code: "CCF625",
        name: "operation-kept-for-call",
        severity: Info,
    }
}

/// The operationIds that the `x-ms-` extensions of `doc` call: dynamic values, schemas, lists,
/// properties and trees, notifications, `testConnection`. The operation an
/// `x-ms-api-annotation` replacement names is not a call (it may be in another connector).
pub fn called_operations(doc: &Value) -> BTreeSet<&str> {
    let mut out = BTreeSet::new();
    // (node, inside an x-ms- extension, its key)
    let mut todo: Vec<(&Value, bool, &str)> = vec![(doc, false, "")];
    while let Some((v, inside, key)) = todo.pop() {
        match v {
            Value::String(id) if inside && key == "operationId" => {
                out.insert(id.as_str());
            }
            Value::Object(m) => {
                for (k, child) in m {
                    if k != "x-ms-api-annotation" {
                        todo.push((child, inside || k.starts_with("x-ms-"), k));
                    }
                }
            }
            Value::Array(items) => todo.extend(items.iter().map(|c| (c, inside, ""))),
            _ => {}
        }
    }
    out
}

/// The operations of `doc` by operationId: (path, method), the first of each id.
pub fn operations_by_id(doc: &Value) -> HashMap<&str, (String, String)> {
    let mut out = HashMap::new();
    for o in crate::swagger::operations(doc) {
        if let Some(id) = o.op.field("operationId").and_then(Value::as_str) {
            out.entry(id)
                .or_insert_with(|| (o.path.to_string(), o.method.to_string()));
        }
    }
    out
}

/// The diagnostic for operation `id` at (`path`, `method`), kept as `kept` says.
pub fn kept_for_call(id: &str, (path, method): &(String, String), kept: &str) -> Diagnostic {
    let label = format!("{} {path}", method.to_ascii_uppercase());
    OPERATION_KEPT_FOR_CALL
        .diagnostic(format!(
            "`{id}` ({label}) {kept}, because the connector calls it from an `x-ms-` extension \
             (dynamic values, schema or tree, a notification, or the connection test)"
        ))
        .at_pointer(format!(
            "/paths/{}/{method}",
            crate::diagnostic::escape_token(path)
        ))
}

/// The operation, as (path, method), that a diagnostic of [`kept_for_call`] is about.
pub fn kept_for_call_operation(d: &Diagnostic) -> Option<(String, String)> {
    if d.code != OPERATION_KEPT_FOR_CALL.code {
        return None;
    }
    let rest = d.pointer()?.strip_prefix("/paths/")?;
    let (path, method) = rest.split_once('/')?;
    Some((crate::diagnostic::unescape_token(path), method.to_string()))
}

/// What a pattern looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatternKind {
    Tag,
    Path,
    Id,
    Method,
    Folder,
}

impl PatternKind {
    fn parse(s: &str) -> Option<PatternKind> {
        Some(match s {
            "tag" => PatternKind::Tag,
            "path" => PatternKind::Path,
            "id" => PatternKind::Id,
            "method" => PatternKind::Method,
            "folder" => PatternKind::Folder,
            _ => return None,
        })
    }

    /// Whether `*` stops at `/`.
    fn segmented(self) -> bool {
        matches!(self, PatternKind::Path | PatternKind::Folder)
    }
}

/// One `KIND:GLOB` pattern.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// As the user wrote it, for messages.
    pub text: String,
    pub kind: PatternKind,
    glob: String,
}

impl Pattern {
    /// Reads `KIND:GLOB`; the error says what is wrong.
    pub fn parse(text: &str) -> Result<Pattern, String> {
        let Some((kind, glob)) = text.split_once(':') else {
            return Err(format!(
                "the pattern `{text}` has no kind; write KIND:GLOB with KIND one of tag, path, id, \
                 method, folder (e.g. `tag:{text}`)"
            ));
        };
        let Some(k) = PatternKind::parse(kind) else {
            return Err(format!(
                "the pattern `{text}` has the unknown kind `{kind}`; the kinds are tag, path, id, \
                 method and folder"
            ));
        };
        if glob.is_empty() {
            return Err(format!("the pattern `{text}` is empty after `{kind}:`"));
        }
        let glob = if k == PatternKind::Method {
            glob.to_ascii_lowercase()
        } else {
            glob.to_string()
        };
        Ok(Pattern {
            text: text.to_string(),
            kind: k,
            glob,
        })
    }

    /// Whether the pattern matches the operation.
    pub fn matches(&self, op: &OpFacts) -> bool {
        let m = |s: &str| glob_match(self.glob.as_bytes(), s.as_bytes(), self.kind.segmented());
        match self.kind {
            PatternKind::Tag => op.tags.iter().any(|t| m(t)),
            PatternKind::Path => m(op.path),
            PatternKind::Id => op.id.is_some_and(m),
            PatternKind::Method => m(&op.method.to_ascii_lowercase()),
            // A request in the folder or in any folder inside it.
            PatternKind::Folder => op.folder.is_some_and(|f| {
                f.match_indices('/')
                    .map(|(i, _)| &f[..i])
                    .chain(std::iter::once(f))
                    .any(m)
            }),
        }
    }
}

/// Whether `text` matches `glob`: `*` any run of characters (not `/` when `segmented`), `**`
/// any run at all; a trailing `/**` also matches nothing (the folder itself).
fn glob_match(glob: &[u8], text: &[u8], segmented: bool) -> bool {
    if glob.is_empty() {
        return text.is_empty();
    }
    if glob.starts_with(b"/**") && glob.len() == 3 && text.is_empty() {
        return true;
    }
    if glob.starts_with(b"**") {
        let rest = &glob[2..];
        // `**/` also matches no segment at all.
        if let Some(after) = rest.strip_prefix(b"/")
            && glob_match(after, text, segmented)
        {
            return true;
        }
        return (0..=text.len()).any(|i| glob_match(rest, &text[i..], segmented));
    }
    if glob[0] == b'*' {
        let rest = &glob[1..];
        for i in 0..=text.len() {
            if glob_match(rest, &text[i..], segmented) {
                return true;
            }
            if i < text.len() && segmented && text[i] == b'/' {
                return false;
            }
        }
        return false;
    }
    match text.first() {
        Some(&c) if c == glob[0] => glob_match(&glob[1..], &text[1..], segmented),
        _ => false,
    }
}

/// What a pattern can look at in one operation.
pub struct OpFacts<'a> {
    pub path: &'a str,
    pub method: &'a str,
    pub id: Option<&'a str>,
    pub tags: Vec<&'a str>,
    /// The Postman folder path (`Admin/Users`), for a converted collection.
    pub folder: Option<&'a str>,
}

impl<'a> OpFacts<'a> {
    pub fn of(
        path: &'a str,
        method: &'a str,
        op: &'a Map<String, Value>,
        folder: Option<&'a str>,
    ) -> Self {
        OpFacts {
            path,
            method,
            id: op.field("operationId").and_then(Value::as_str),
            tags: op
                .field("tags")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect(),
            folder,
        }
    }
}

/// Include and exclude patterns.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub include: Vec<Pattern>,
    pub exclude: Vec<Pattern>,
}

impl Selection {
    /// Reads the patterns; the first bad one is the error.
    pub fn parse(include: &[String], exclude: &[String]) -> Result<Selection, String> {
        let parse = |v: &[String]| -> Result<Vec<Pattern>, String> {
            v.iter().map(|p| Pattern::parse(p)).collect()
        };
        Ok(Selection {
            include: parse(include)?,
            exclude: parse(exclude)?,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }

    fn keeps(&self, op: &OpFacts) -> bool {
        (self.include.is_empty() || self.include.iter().any(|p| p.matches(op)))
            && !self.exclude.iter().any(|p| p.matches(op))
    }
}

/// The Postman folder of each operation, by (path, method).
pub type Folders = HashMap<(String, String), String>;

/// What [`select`] kept and dropped.
#[derive(Debug, Default)]
pub struct Selected {
    pub kept: usize,
    pub dropped: usize,
    pub pruned: Pruned,
    /// Operations the patterns left out that kept operations call (see
    /// [`OPERATION_KEPT_FOR_CALL`]), pointers into the result.
    pub called: Vec<Diagnostic>,
}

/// Keeps the operations the selection chooses and drops what nothing uses any more. The error
/// is a diagnostic naming the pattern (the caller adds the file).
pub fn select(
    doc: &mut Value,
    sel: &Selection,
    folders: Option<&Folders>,
) -> Result<Selected, Diagnostic> {
    let error = |msg: String| SELECTION_INVALID.diagnostic(msg);
    if let Some(p) = sel
        .include
        .iter()
        .chain(&sel.exclude)
        .find(|p| p.kind == PatternKind::Folder && folders.is_none())
    {
        return Err(error(format!(
            "the pattern `{}` chooses by Postman folder, but the input is not a Postman \
             collection",
            p.text
        ))
        .with_help("use tag:, path:, id: or method: patterns"));
    }
    let mut used = vec![false; sel.include.len() + sel.exclude.len()];
    let mut drop = Vec::new();
    // Dropped operations that a kept one may call back in: by operationId, index in `drop`.
    let mut callable: HashMap<String, usize> = HashMap::new();
    let mut kept = 0;
    let mut all_tags = BTreeSet::new();
    let mut all_folders = BTreeSet::new();
    for (path, item) in crate::swagger::path_items(doc) {
        for (method, op) in crate::swagger::methods(item) {
            let folder = folders
                .and_then(|f| f.get(&(path.to_string(), method.to_string())))
                .map(String::as_str)
                .filter(|f| !f.is_empty());
            let facts = OpFacts::of(path, method, op, folder);
            all_tags.extend(facts.tags.iter().map(|t| t.to_string()));
            all_folders.extend(folder.map(str::to_string));
            for (i, p) in sel.include.iter().chain(&sel.exclude).enumerate() {
                if !used[i] && p.matches(&facts) {
                    used[i] = true;
                }
            }
            if sel.keeps(&facts) {
                kept += 1;
            } else {
                drop.push((path.to_string(), method.to_string()));
                if let Some(id) = op.field("operationId").and_then(Value::as_str)
                    && !sel.exclude.iter().any(|p| p.matches(&facts))
                {
                    callable.entry(id.to_string()).or_insert(drop.len() - 1);
                }
            }
        }
    }
    if let Some((_, p)) = used
        .iter()
        .zip(sel.include.iter().chain(&sel.exclude))
        .find(|(u, _)| !**u)
    {
        let known = |names: &BTreeSet<String>, what: &str| {
            let list: Vec<&str> = names.iter().take(20).map(String::as_str).collect();
            let more = names.len().saturating_sub(list.len());
            match (list.is_empty(), more) {
                (true, _) => format!("the input has no {what}"),
                (false, 0) => format!("the input's {what}: {}", list.join(", ")),
                (false, n) => format!("the input's {what}: {} and {n} more", list.join(", ")),
            }
        };
        let help = match p.kind {
            PatternKind::Tag => known(&all_tags, "tags"),
            PatternKind::Folder => known(&all_folders, "folders"),
            PatternKind::Method => {
                "methods are get, put, post, delete, options, head, patch".into()
            }
            PatternKind::Path => {
                "in a path glob `*` matches one segment and `**` any number; paths are matched as \
                 written in the definition, with `{name}` templates"
                    .into()
            }
            PatternKind::Id => "operationIds are matched exactly, `*` matching any run".into(),
        };
        return Err(
            error(format!("the pattern `{}` selects no operation", p.text)).with_help(help),
        );
    }
    if kept == 0 {
        return Err(error("the patterns together leave no operation".into())
            .with_help("an operation is kept when it matches an include and no exclude"));
    }
    let called = keep_called(doc, &mut drop, &callable);
    kept += called.len();
    remove_operations(doc, &drop);
    let pruned = if drop.is_empty() {
        Pruned::default()
    } else {
        prune(doc)
    };
    Ok(Selected {
        kept,
        dropped: drop.len(),
        pruned,
        called: called
            .iter()
            .map(|(id, key)| kept_for_call(id, key, "is kept although the patterns leave it out"))
            .collect(),
    })
}

/// Takes out of `drop` the operations of `callable` that what is kept calls, following calls
/// of calls; returns them with their operationIds, in id order.
fn keep_called(
    doc: &Value,
    drop: &mut Vec<(String, String)>,
    callable: &HashMap<String, usize>,
) -> Vec<(String, (String, String))> {
    if !called_operations(doc)
        .iter()
        .any(|id| callable.contains_key(*id))
    {
        return Vec::new();
    }
    let mut back: BTreeSet<usize> = BTreeSet::new();
    loop {
        // What the operations kept so far (and the shared parts they use) call.
        let mut probe = doc.clone();
        let still: Vec<(String, String)> = drop
            .iter()
            .enumerate()
            .filter(|(i, _)| !back.contains(i))
            .map(|(_, k)| k.clone())
            .collect();
        remove_operations(&mut probe, &still);
        prune(&mut probe);
        let more: Vec<usize> = called_operations(&probe)
            .iter()
            .filter_map(|id| callable.get(*id).copied())
            .filter(|i| !back.contains(i))
            .collect();
        if more.is_empty() {
            break;
        }
        back.extend(more);
    }
    let mut out: Vec<(String, (String, String))> = callable
        .iter()
        .filter(|(_, i)| back.contains(i))
        .map(|(id, i)| (id.clone(), drop[*i].clone()))
        .collect();
    out.sort();
    let mut i = 0;
    drop.retain(|_| {
        i += 1;
        !back.contains(&(i - 1))
    });
    out
}

/// Removes operations, and path items left with none.
pub fn remove_operations(doc: &mut Value, ops: &[(String, String)]) {
    let Some(paths) = doc.field_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, method) in ops {
        if let Some(item) = paths.get_mut(path).and_then(Value::as_object_mut) {
            item.remove(method);
            if !item.keys().any(|k| METHODS.contains(&k.as_str())) {
                paths.remove(path);
            }
        }
    }
}

/// How many unused shared parts [`prune`] removed.
#[derive(Debug, Default, PartialEq, Eq, Clone, Copy)]
pub struct Pruned {
    pub definitions: usize,
    pub parameters: usize,
    pub responses: usize,
    pub tags: usize,
}

/// The three sections whose entries are used only through `$ref`.
const SHARED: [&str; 3] = ["definitions", "parameters", "responses"];

/// Which entries of the shared sections are reachable from the rest of the document, through
/// `$ref`s followed transitively.
pub fn reachable(doc: &Value) -> [BTreeSet<String>; 3] {
    reachable_in(doc, doc)
}

/// [`reachable`] from the non-shared parts of `from`, looking the shared entries up in `doc`.
pub fn reachable_in(from: &Value, doc: &Value) -> [BTreeSet<String>; 3] {
    // Names are borrowed from the documents while walking; only the entries reached are copied
    // out at the end.
    let mut seen: [HashSet<Cow<str>>; 3] = Default::default();
    let mut work: Vec<(usize, Cow<str>)> = Vec::new();
    let (Some(from), Some(root)) = (from.as_object(), doc.as_object()) else {
        return Default::default();
    };
    for (k, v) in from {
        match v {
            // Most of a large definition: its path items are walked on the pool.
            Value::Object(items) if k == "paths" && items.len() > 1 => {
                use rayon::prelude::*;
                let found: Vec<Vec<(usize, Cow<str>)>> = items
                    .values()
                    .collect::<Vec<_>>()
                    .into_par_iter()
                    .map(|item| {
                        let mut refs = Vec::new();
                        collect_refs(item, &mut refs);
                        refs
                    })
                    .collect();
                work.extend(found.into_iter().flatten());
            }
            _ if !SHARED.contains(&k.as_str()) => collect_refs(v, &mut work),
            _ => {}
        }
    }
    let sections = SHARED.map(|s| root.get(s).and_then(Value::as_object));
    while let Some((section, name)) = work.pop() {
        if seen[section].contains(&name) {
            continue;
        }
        if let Some(v) = sections[section].and_then(|s| s.get(name.as_ref())) {
            collect_refs(v, &mut work);
        }
        seen[section].insert(name);
    }
    seen.map(|names| names.into_iter().map(Cow::into_owned).collect())
}

/// Pushes every local `$ref` under `v` into a shared section as (section, entry name).
fn collect_refs<'a>(v: &'a Value, out: &mut Vec<(usize, Cow<'a, str>)>) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(m) => {
                // One look at each member, no lookup by name: every object of the document
                // passes here, examples included.
                for (k, x) in m {
                    match x {
                        Value::String(r) if k == "$ref" => out.extend(ref_target(r)),
                        Value::Object(_) | Value::Array(_) => stack.push(x),
                        _ => {}
                    }
                }
            }
            Value::Array(a) => stack.extend(a.iter().filter(|x| x.is_object() || x.is_array())),
            _ => {}
        }
    }
}

/// `#/definitions/Name/...` → (0, "Name").
fn ref_target(r: &str) -> Option<(usize, Cow<'_, str>)> {
    let rest = r.strip_prefix("#/")?;
    let (section, rest) = rest.split_once('/')?;
    let i = SHARED.iter().position(|s| *s == section)?;
    let name = rest.split('/').next()?;
    let name = if name.contains('~') {
        Cow::Owned(crate::diagnostic::unescape_token(name))
    } else {
        Cow::Borrowed(name)
    };
    Some((i, name))
}

/// Drops the definitions, shared parameters and responses nothing reaches, and the tag entries
/// no operation uses.
pub fn prune(doc: &mut Value) -> Pruned {
    let seen = reachable(doc);
    let mut pruned = Pruned {
        tags: prune_tags(doc),
        ..Pruned::default()
    };
    let Some(root) = doc.as_object_mut() else {
        return pruned;
    };
    // What goes can be large (thousands of schemas): disposed of as a whole, off this thread.
    let mut removed = Vec::new();
    for (i, section) in SHARED.iter().enumerate() {
        if let Some(Value::Object(m)) = root.get_mut(*section) {
            let before = m.len();
            m.retain(|k, v| {
                let keep = seen[i].contains(k);
                if !keep {
                    removed.push(std::mem::take(v));
                }
                keep
            });
            let n = before - m.len();
            match i {
                0 => pruned.definitions = n,
                1 => pruned.parameters = n,
                _ => pruned.responses = n,
            }
            if m.is_empty() {
                root.remove(*section);
            }
        }
    }
    crate::memory::dispose(removed);
    pruned
}

/// Drops the tag entries no operation uses; returns how many.
pub fn prune_tags(doc: &mut Value) -> usize {
    let used_tags: BTreeSet<String> = crate::swagger::path_items(doc)
        .flat_map(|(_, item)| crate::swagger::methods(item))
        .flat_map(|(_, op)| {
            op.field("tags")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
        })
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    let Some(root) = doc.as_object_mut() else {
        return 0;
    };
    let Some(Value::Array(tags)) = root.field_mut("tags") else {
        return 0;
    };
    let before = tags.len();
    tags.retain(|t| {
        t.field("name")
            .and_then(Value::as_str)
            .is_none_or(|n| used_tags.contains(n))
    });
    let n = before - tags.len();
    if tags.is_empty() {
        root.remove("tags");
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn facts<'a>(path: &'a str, tags: Vec<&'a str>, folder: Option<&'a str>) -> OpFacts<'a> {
        OpFacts {
            path,
            method: "GET",
            id: Some("CreateCharge"),
            tags,
            folder,
        }
    }

    #[test]
    fn globs_match_segments() {
        let p = Pattern::parse("path:/v1/charges/**").unwrap();
        assert!(p.matches(&facts("/v1/charges", vec![], None)));
        assert!(p.matches(&facts("/v1/charges/{id}/refund", vec![], None)));
        assert!(!p.matches(&facts("/v1/chargesx", vec![], None)));
        let p = Pattern::parse("path:/v1/*/refunds").unwrap();
        assert!(p.matches(&facts("/v1/charges/refunds", vec![], None)));
        assert!(!p.matches(&facts("/v1/a/b/refunds", vec![], None)));
        let p = Pattern::parse("path:/**/refunds").unwrap();
        assert!(p.matches(&facts("/v1/a/b/refunds", vec![], None)));
        let p = Pattern::parse("id:Create*").unwrap();
        assert!(p.matches(&facts("/", vec![], None)));
        let p = Pattern::parse("method:get").unwrap();
        assert!(p.matches(&facts("/", vec![], None)));
        let p = Pattern::parse("folder:Admin/*").unwrap();
        assert!(p.matches(&facts("/", vec![], Some("Admin/Users"))));
        assert!(p.matches(&facts("/", vec![], Some("Admin/Users/Deep"))));
        assert!(!p.matches(&facts("/", vec![], Some("Admin"))));
        let p = Pattern::parse("folder:Admin").unwrap();
        assert!(p.matches(&facts("/", vec![], Some("Admin/Users"))));
        assert!(!p.matches(&facts("/", vec![], Some("Administration"))));
        let p = Pattern::parse("tag:Pay*").unwrap();
        assert!(p.matches(&facts("/", vec!["Other", "Payments"], None)));
    }

    #[test]
    fn bad_patterns_say_why() {
        assert!(
            Pattern::parse("colour:red")
                .unwrap_err()
                .contains("unknown kind `colour`")
        );
        assert!(
            Pattern::parse("Payments")
                .unwrap_err()
                .contains("`tag:Payments`")
        );
    }

    #[test]
    fn unused_parts_go_transitively() {
        let mut doc = json!({
            "paths": {
                "/a": {"get": {"tags": ["A"], "parameters": [{"$ref": "#/parameters/P"}],
                    "responses": {"200": {"$ref": "#/responses/R"}}}},
                "/b": {"get": {"tags": ["B"], "responses": {"200": {"description": "ok",
                    "schema": {"$ref": "#/definitions/B"}}}}}
            },
            "parameters": {"P": {"in": "body", "name": "b", "schema": {"$ref": "#/definitions/X"}}},
            "responses": {"R": {"description": "ok", "schema": {"$ref": "#/definitions/Y"}}},
            "definitions": {
                "X": {"properties": {"y": {"$ref": "#/definitions/Y"}}},
                "Y": {"type": "string"},
                "B": {"properties": {"c": {"$ref": "#/definitions/C"}}},
                "C": {"type": "string"}
            },
            "tags": [{"name": "A"}, {"name": "B"}]
        });
        let sel = Selection::parse(&["tag:A".into()], &[]).unwrap();
        let got = select(&mut doc, &sel, None).unwrap();
        assert_eq!(got.kept, 1);
        assert_eq!(
            got.pruned,
            Pruned {
                definitions: 2,
                parameters: 0,
                responses: 0,
                tags: 1
            }
        );
        let defs: Vec<&String> = doc["definitions"].as_object().unwrap().keys().collect();
        assert_eq!(defs, ["X", "Y"]);
    }

    #[test]
    fn references_from_every_path_item_are_reached() {
        let mut doc = json!({
            "paths": {
                "/a": {"get": {"parameters": [{"$ref": "#/parameters/P"}]}},
                "/b": {"parameters": [{"in": "body", "name": "b", "schema": {"$ref": "#/definitions/B"}}]},
                "/c": {"get": {"responses": {"200": {"$ref": "#/responses/R"}}}}
            },
            "parameters": {"P": {"in": "query", "name": "p", "type": "string"}, "Q": {}},
            "responses": {"R": {"description": "ok", "schema": {"$ref": "#/definitions/Y"}}},
            "definitions": {"B": {}, "Y": {"items": {"$ref": "#/definitions/Z"}}, "Z": {}, "Unused": {}}
        });
        let [defs, params, responses] = reachable(&doc);
        assert_eq!(defs.into_iter().collect::<Vec<_>>(), ["B", "Y", "Z"]);
        assert_eq!(params.into_iter().collect::<Vec<_>>(), ["P"]);
        assert_eq!(responses.into_iter().collect::<Vec<_>>(), ["R"]);
        let pruned = prune(&mut doc);
        assert_eq!((pruned.definitions, pruned.parameters), (1, 1));
    }

    #[test]
    fn a_pattern_that_selects_nothing_is_named() {
        let mut doc = json!({"paths": {"/a": {"get": {"tags": ["A"]}}}});
        let sel = Selection::parse(&["tag:a".into()], &[]).unwrap();
        let e = select(&mut doc, &sel, None).unwrap_err();
        assert_eq!(e.message, "the pattern `tag:a` selects no operation");
        assert_eq!(e.help.as_deref(), Some("the input's tags: A"));
        let sel = Selection::parse(&[], &["folder:x".into()]).unwrap();
        assert!(select(&mut doc, &sel, None).is_err());
        let sel = Selection::parse(&[], &["tag:A".into()]).unwrap();
        let e = select(&mut doc, &sel, None).unwrap_err();
        assert!(e.message.contains("leave no operation"));
    }
}
