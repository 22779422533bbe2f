//! `$ref`s: following them within the definition and into other files, which are loaded once.
use crate::value::Lookup;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use super::codes::*;
use super::{Conv, Loc, join};
use crate::diagnostic::{percent_decode, unescape_token};
use std::collections::HashMap;

/// A value with the file it is in and its pointer there.
pub(super) type Placed<T> = (Loc, String, T);

/// The largest file a `$ref` may read.
pub const MAX_REF_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a `$ref` to another file is not read.
fn refused(root: Option<&Path>, path: &Path) -> Result<std::path::PathBuf, String> {
    let Some(root) = root else {
        return Err("the definition was not read from a folder, so no other file is read".into());
    };
    // Canonical: `..` and symbolic links are resolved before the folder is checked. A path
    // that cannot be resolved is checked as written, so a missing file outside is named so.
    let real = std::fs::canonicalize(path).or_else(|e| {
        if lexical(path).starts_with(root) {
            Err(format!("{e}"))
        } else {
            Ok(lexical(path))
        }
    })?;
    if !real.starts_with(root) {
        return Err(format!(
            "it is outside the definition's folder `{}`; only files under it are read",
            crate::source::display_name(root)
        ));
    }
    let meta = std::fs::metadata(&real).map_err(|e| format!("{e}"))?;
    if !meta.is_file() {
        return Err("it is not a regular file (a folder, device or pipe)".into());
    }
    if meta.len() > MAX_REF_FILE_BYTES {
        return Err(format!(
            "it is {} bytes, more than the {} MiB a referenced file may have",
            meta.len(),
            MAX_REF_FILE_BYTES / (1024 * 1024)
        ));
    }
    Ok(real)
}

/// `path` with its `.` and `..` steps applied, without asking the file system.
fn lexical(path: &Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The file's bytes, when it is still a regular file of at most the size allowed once open.
fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("{e}"))?;
    let meta = file.metadata().map_err(|e| format!("{e}"))?;
    if !meta.is_file() {
        return Err("it is not a regular file (a folder, device or pipe)".into());
    }
    let mut bytes = Vec::new();
    file.take(MAX_REF_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{e}"))?;
    if bytes.len() as u64 > MAX_REF_FILE_BYTES {
        return Err(format!(
            "it is more than the {} MiB a referenced file may have",
            MAX_REF_FILE_BYTES / (1024 * 1024)
        ));
    }
    Ok(bytes)
}

/// Rewrites the `$ref`s of `doc` written with percent escapes (`#/components/schemas/My%20Thing`,
/// the URI form of a JSON pointer) into the pointer they stand for, so that every reader of a
/// reference finds its target. A reference within the document is rewritten when its decoded
/// form names something (what RFC 6901 says it names), and kept as written otherwise (a name
/// that holds a `%` of its own, written unescaped); one into another file is decoded whole.
///
/// Returns whether no `$ref` leads into the document's `paths` or into another file (from
/// which one could lead back): the operations may then be taken out of the document for their
/// conversion, rather than copied. Also returns the component schemas that a `$ref` points
/// into through a keyword their conversion drops or merges away (`Pet/oneOf/1`): such a target
/// is found in the schema as written, which is kept for it; and whether some keyword is `null`
/// (see `nulls`), found on the same walk.
pub(super) fn decode_refs(doc: &mut Value) -> (bool, Vec<String>, bool) {
    let mut decoded: HashMap<String, String> = HashMap::new();
    let found = escaped_refs(doc);
    let movable = !found.reaches_paths;
    let nulls = found.null_keywords;
    let mut through: Vec<String> = found
        .through
        .iter()
        .map(|name| match percent_decode(name) {
            Some(d) if name.contains('%') => unescape_token(&d),
            _ => unescape_token(name),
        })
        .collect();
    through.sort();
    through.dedup();
    for r in found.escaped {
        if decoded.contains_key(r) {
            continue;
        }
        let (file, fragment) = r.split_once('#').unwrap_or((r, ""));
        let new = if file.is_empty() {
            match percent_decode(fragment) {
                Some(d) if doc.pointer(&d).is_some() => format!("#{d}"),
                _ => continue,
            }
        } else {
            match (percent_decode(file), percent_decode(fragment)) {
                (Some(f), Some(d)) if r.contains('#') => format!("{f}#{d}"),
                (Some(f), Some(_)) => f,
                _ => continue,
            }
        };
        if new != r {
            decoded.insert(r.to_string(), new);
        }
    }
    if decoded.is_empty() {
        return (movable, through, nulls);
    }
    let mut stack = vec![doc];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(m) => {
                for (k, x) in m.iter_mut() {
                    if k == "$ref"
                        && let Value::String(r) = x
                        && let Some(new) = decoded.get(r.as_str())
                    {
                        *r = new.clone();
                    } else {
                        stack.push(x);
                    }
                }
            }
            Value::Array(a) => stack.extend(a.iter_mut()),
            _ => {}
        }
    }
    (movable, through, nulls)
}

/// What a walk over the `$ref`s of a document found.
#[derive(Default)]
struct Refs<'v> {
    /// Those that hold a percent escape, in document order.
    escaped: Vec<&'v str>,
    /// Some leads into another file, or into the document's own `paths` (or is written so
    /// that it might, with an escape in its first step).
    reaches_paths: bool,
    /// The component schemas (their names as written) that some leads into through a keyword
    /// their conversion drops or merges.
    through: Vec<&'v str>,
    /// Some member is `null` under a keyword that no Swagger 2.0 keyword may be `null` as
    /// (YAML's `description:` with nothing after it); see `nulls`.
    null_keywords: bool,
}

impl<'v> Refs<'v> {
    fn add(&mut self, r: &'v str) {
        if r.contains('%') {
            self.escaped.push(r);
        }
        self.reaches_paths |=
            !r.starts_with('#') || r.starts_with("#/paths") || r.starts_with("#%");
        if let Some(rest) = r.strip_prefix("#/components/schemas/")
            && super::schema::into_dropped(rest)
        {
            self.through.extend(rest.split('/').next());
        }
    }

    fn extend(&mut self, other: Refs<'v>) {
        self.escaped.extend(other.escaped);
        self.reaches_paths |= other.reaches_paths;
        self.through.extend(other.through);
        self.null_keywords |= other.null_keywords;
    }
}

/// The `$ref`s of `doc` that hold a percent escape, in document order, and whether any could
/// lead into its `paths`. The members of the root, and those of its members, are searched in
/// parallel: the import that follows runs on one thread, and this search is a walk of the
/// whole input.
fn escaped_refs(doc: &Value) -> Refs<'_> {
    use rayon::prelude::*;
    let mut parts: Vec<&Value> = Vec::new();
    let mut found = Refs::default();
    // The root and its members' members, each searched alone: `paths` and `components`
    // hold nearly all of a large definition.
    let Some(root) = doc.as_object() else {
        let mut nulls = false;
        for_each_ref(doc, &mut |r| found.add(r), &mut nulls);
        found.null_keywords = nulls;
        return found;
    };
    for (k, v) in root {
        if let Some(r) = reference(k, v) {
            found.add(r);
            continue;
        }
        found.null_keywords |= v.is_null() && crate::swagger::nulls::is_keyword(k);
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    match reference(k, v) {
                        Some(r) => found.add(r),
                        None => {
                            found.null_keywords |=
                                v.is_null() && crate::swagger::nulls::is_keyword(k);
                            parts.push(v)
                        }
                    }
                }
            }
            other => parts.push(other),
        }
    }
    let each: Vec<Refs> = parts
        .par_iter()
        .map(|v| {
            let mut refs = Refs::default();
            let mut nulls = false;
            for_each_ref(v, &mut |r| refs.add(r), &mut nulls);
            refs.null_keywords |= nulls;
            refs
        })
        .collect();
    for refs in each {
        found.extend(refs);
    }
    found
}

/// The text of the member `k: v` when it is a `$ref`.
fn reference<'v>(k: &str, v: &'v Value) -> Option<&'v str> {
    match (k, v) {
        ("$ref", Value::String(r)) => Some(r.as_str()),
        _ => None,
    }
}

/// Calls `f` with every `$ref` string of `doc`; sets `null_keywords` when a member named as a
/// keyword is `null` (see `nulls::is_keyword`).
fn for_each_ref<'v>(doc: &'v Value, f: &mut dyn FnMut(&'v str), null_keywords: &mut bool) {
    let mut stack = vec![doc];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    match reference(k, x) {
                        Some(r) => f(r),
                        None if x.is_null() => {
                            *null_keywords |= crate::swagger::nulls::is_keyword(k)
                        }
                        None => stack.push(x),
                    }
                }
            }
            Value::Array(a) => stack.extend(a.iter()),
            _ => {}
        }
    }
}

/// The maps a definition may keep whole in another file (`paths: {$ref: ./paths.yaml}`).
const WHOLE_MAPS: [&str; 7] = [
    "/paths",
    "/components/schemas",
    "/components/parameters",
    "/components/responses",
    "/components/requestBodies",
    "/components/headers",
    "/components/securitySchemes",
];

/// Rewrites each of the [`WHOLE_MAPS`] of `doc` that is one `$ref` to another file into a map
/// of the same keys as the map it leads to, each a `$ref` to its member there: every member is
/// then read where it is written, as if referred to one by one. What cannot be read is
/// returned (the pointer of the `$ref` and a message), and the map is left empty.
pub(super) fn expand_whole_maps(doc: &mut Value, main: Option<&Path>) -> Vec<(String, String)> {
    let mut unread = Vec::new();
    for at in WHOLE_MAPS {
        let Some(Value::Object(map)) = doc.pointer_mut(at) else {
            continue;
        };
        let reference = match map.field("$ref") {
            Some(Value::String(r)) if map.len() == 1 => r.clone(),
            _ => continue,
        };
        let (file, fragment) = reference.split_once('#').unwrap_or((&reference, ""));
        let keys = if file.is_empty() || file.contains("://") {
            Err("only a `$ref` to a file beside the definition is read for a whole map".into())
        } else {
            map_keys(main, file, fragment)
        };
        map.clear();
        match keys {
            Ok(keys) => {
                for key in keys {
                    let token = crate::diagnostic::escape_token(&key).replace('%', "%25");
                    let member = format!("{file}#{fragment}/{token}");
                    map.insert(key, serde_json::json!({ "$ref": member }));
                }
            }
            Err(why) => unread.push((
                format!("{at}/$ref"),
                format!(
                    "`{}` is a `$ref` to `{reference}`, which is not read: {why}",
                    &at[1..]
                ),
            )),
        }
    }
    unread
}

/// The keys of the map at `fragment` in `file` (relative to the definition `main`).
fn map_keys(main: Option<&Path>, file: &str, fragment: &str) -> Result<Vec<String>, String> {
    let main = main.ok_or("the definition was not read from a folder, so no other file is read")?;
    let root = main.parent();
    let decoded = percent_decode(file).unwrap_or_else(|| file.to_string());
    let path = root.unwrap_or(Path::new("")).join(decoded);
    let real = refused(root, &path)?;
    let bytes = read_capped(&real)?;
    let src = crate::source::load_bytes(&crate::source::display_name(&path), &bytes)
        .map_err(|e| e.diagnostic.message)?;
    let pointer = percent_decode(fragment).unwrap_or_else(|| fragment.to_string());
    match src.value.pointer(&pointer) {
        Some(Value::Object(m)) => Ok(m.keys().cloned().collect()),
        Some(_) => Err(format!("`#{fragment}` in it is no map")),
        None => Err(format!("it has no `#{fragment}`")),
    }
}

/// Whether a `$ref` names a whole file of text (Markdown, plain text, HTML), which a
/// documentation member such as `description` reads as its value.
pub(super) fn is_text_file(reference: &str) -> bool {
    let ext = Path::new(reference)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    !reference.contains('#')
        && matches!(
            ext.as_deref(),
            Some("md" | "markdown" | "txt" | "html" | "htm")
        )
}

impl Conv<'_> {
    /// The path of the `file` a `$ref` in `from` names, and the real path to read it by, unless
    /// it may not be read (see [`refused`]).
    fn referenced(
        &self,
        from: &Loc,
        file: &str,
    ) -> (std::path::PathBuf, Result<std::path::PathBuf, String>) {
        let dir = from.path.parent().unwrap_or(Path::new(""));
        let path = dir.join(file);
        let root = (self.main.path.parent()).filter(|_| !self.main.path.as_os_str().is_empty());
        let checked = refused(root, &path);
        (path, checked)
    }

    /// The text of the file a `$ref` names (see [`is_text_file`]), read under the same limits
    /// as [`Conv::load`]; `None`, with an error, when it cannot be read or is not UTF-8.
    pub(super) fn load_text(&mut self, from: &Loc, file: &str, at: &str) -> Option<String> {
        let (_, checked) = self.referenced(from, file);
        let read = checked.and_then(|real| {
            let bytes = read_capped(&real)?;
            String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_string())
        });
        match read {
            Ok(text) => Some(text.strip_prefix('\u{feff}').unwrap_or(&text).to_string()),
            Err(why) => {
                self.in_file(from)
                    .report(
                        &REF,
                        at,
                        format!("the referenced file `{file}` is not read: {why}"),
                    )
                    .set_help(
                        "keep the file in the definition's folder (or below it), as UTF-8 text",
                    );
                None
            }
        }
    }

    /// Loads the file a `$ref` names, relative to the file the `$ref` is in. Only regular files
    /// under the main definition's folder are read, up to [`MAX_REF_FILE_BYTES`]: a reference
    /// must not pull other files of the machine into the output, nor wait on a pipe or device.
    pub(super) fn load(&mut self, from: &Loc, file: &str, at: &str) -> Option<Loc> {
        let (path, checked) = self.referenced(from, file);
        let key = checked.clone().unwrap_or(path.clone());
        // A reference back into the definition itself (`../api.yaml#/...` from a file beside).
        if key == *self.main.path {
            return Some(self.main.clone());
        }
        if let Some(l) = self.files.get(&key) {
            return l.clone();
        }
        let name = self.given_name(&path);
        // Why it is not read, and whether it was read but is no JSON or YAML document.
        let read = checked.map_err(|why| (why, false)).and_then(|real| {
            let bytes = read_capped(&real).map_err(|why| (why, false))?;
            let mut src = crate::source::load_bytes(&name, &bytes).map_err(|e| {
                // Where in the file, which the report has no frame of.
                let place = (e.diagnostic.span)
                    .map(|s| format!(" at line {}, column {}", s.line, s.column))
                    .unwrap_or_default();
                (format!("{}{place}", e.diagnostic.message), true)
            })?;
            let (_, _, nulls) = decode_refs(&mut src.value);
            let dropped = if nulls {
                crate::swagger::nulls::drop_null_keywords(&mut src.value)
            } else {
                Vec::new()
            };
            Ok((src, dropped))
        });
        let loaded = match read {
            Ok((mut src, dropped)) => {
                let doc = std::mem::take(&mut src.value);
                // Kept to locate what is reported in it.
                self.sources.push(src);
                let loc = Loc {
                    path: Arc::new(key.clone()),
                    name: name.into(),
                    doc: Arc::new(doc),
                };
                super::report_null_keywords(self, &loc, dropped);
                Some(loc)
            }
            Err((why, unparsed)) => {
                self.in_file(from)
                    .report(
                        &REF,
                        at,
                        format!("the referenced file `{file}` is not read: {why}"),
                    )
                    .set_help(if unparsed {
                        "a `$ref` here leads to a JSON or YAML document: correct the file, or \
                         write what it holds in place"
                    } else {
                        "copy what it holds into the definition's folder and refer to it by a \
                         relative path"
                    });
                None
            }
        };
        self.files.insert(key, loaded.clone());
        loaded
    }

    /// The name of a file that a reference reads, as the user would name it: relative to the
    /// folder of the definition as it was given (`in/api.yaml` reads `in/schemas/Pet.yaml`).
    fn given_name(&self, path: &Path) -> String {
        use std::path::Component;
        let rel = (self.main.path.parent()).and_then(|dir| path.strip_prefix(dir).ok());
        let Some(rel) = rel else {
            return crate::source::display_name(path);
        };
        let given = Path::new(&*self.main.name)
            .parent()
            .unwrap_or(Path::new(""));
        let mut out = std::path::PathBuf::new();
        for c in given.join(rel).components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir
                    if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
                {
                    out.pop();
                }
                other => out.push(other),
            }
        }
        crate::source::display_name(&out)
    }

    /// Follows a reference: the file it lands in, the pointer there, and the value.
    pub(super) fn follow(
        &mut self,
        loc: &Loc,
        reference: &str,
        at: &str,
    ) -> Option<(Loc, String, Value)> {
        if reference.starts_with("http://")
            || reference.starts_with("https://")
            || reference.starts_with("//")
        {
            self.in_file(loc).report(&REF, at, format!("`$ref: {reference}` is remote; ccforge works offline, so it was replaced by an empty schema"))
                .set_help("download the file next to the definition and refer to it by relative path");
            return None;
        }
        let (file, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let target = if file.is_empty() {
            loc.clone()
        } else {
            self.load(loc, file, at)?
        };
        let pointer = fragment.to_string();
        // `#` is the definition itself, which is no schema, parameter or response.
        if pointer.is_empty() && target.same(&self.main) {
            self.in_file(loc)
                .report(
                    &REF,
                    at,
                    format!("`$ref: {reference}` points at the whole document"),
                )
                .set_help("point at a component, such as #/components/schemas/Thing");
            return None;
        }
        let value = if pointer.is_empty() {
            Some(target.doc.as_ref().clone())
        } else if target.same(&self.main)
            && let Some(found) = self.main_schema(&pointer)
        {
            found
        } else {
            target.doc.pointer(&pointer).cloned()
        };
        match value {
            Some(v) => {
                // A converted schema's `#/definitions/NAME` is `#/components/schemas/NAME` of
                // the input: findings inside it are placed there.
                let pointer = match pointer.strip_prefix("/definitions/") {
                    Some(rest)
                        if target.same(&self.main)
                            && self.main.doc.field("definitions").is_none() =>
                    {
                        format!("/components/schemas/{rest}")
                    }
                    _ => pointer,
                };
                Some((target, pointer, v))
            }
            None => {
                let help = if file.is_empty() {
                    format!("add what `#{fragment}` names to this file, or correct the reference")
                } else {
                    format!("add what `#{fragment}` names to {file}, or correct the reference")
                };
                self.in_file(loc)
                    .report(&REF, at, format!("`$ref: {reference}` points to nothing"))
                    .set_help(help);
                None
            }
        }
    }

    /// Resolves `$ref`s (for objects that are inlined: parameters, bodies, responses, headers,
    /// path items), with cycle detection.
    /// The value is borrowed when it is not a `$ref` (most are), copied from its target when it is.
    pub(super) fn deref<'v>(
        &mut self,
        loc: &Loc,
        v: &'v Value,
        at: &str,
    ) -> Option<(Loc, String, Cow<'v, Value>)> {
        if v.field("$ref").is_none() {
            return Some((loc.clone(), at.to_string(), Cow::Borrowed(v)));
        }
        let mut cur = (loc.clone(), at.to_string(), Cow::Borrowed(v));
        for _ in 0..32 {
            let Some(r) = cur
                .2
                .field("$ref")
                .and_then(Value::as_str)
                .map(str::to_string)
            else {
                return Some(cur);
            };
            let (l, a, target) = self.follow(&cur.0, &r, &cur.1)?;
            cur = (l, a, Cow::Owned(target));
        }
        self.in_file(loc)
            .report(&REF, at, "a chain of `$ref`s loops");
        None
    }

    /// [`Conv::deref`] of a value the caller owns: returned as it is when it is not a `$ref`.
    pub(super) fn deref_owned(
        &mut self,
        loc: &Loc,
        v: Value,
        at: &str,
    ) -> Option<(Loc, String, Value)> {
        if v.field("$ref").is_none() {
            return Some((loc.clone(), at.to_string(), v));
        }
        let (l, a, target) = self.deref(loc, &v, at)?;
        Some((l, a, target.into_owned()))
    }

    /// The media types under the `content` of a response or request body: `content` as it is
    /// at `at`, followed when it is written as a `$ref` (which the specification does not
    /// provide for, but bundlers follow), with the file it is in and its pointer there. Keys
    /// that are no media types are left out (they would become invalid `consumes` and
    /// `produces` entries), with a warning each. `None` when it is not a map of media types.
    pub(super) fn media_types<'v>(
        &mut self,
        loc: &Loc,
        content: Cow<'v, Value>,
        at: &str,
    ) -> Option<Placed<Cow<'v, Map<String, Value>>>> {
        let (loc, at, content) = if content.field("$ref").is_none() {
            (loc.clone(), at.to_string(), content)
        } else {
            match content {
                Cow::Borrowed(v) => self.deref(loc, v, at)?,
                Cow::Owned(v) => {
                    let (l, a, v) = self.deref_owned(loc, v, at)?;
                    (l, a, Cow::Owned(v))
                }
            }
        };
        let mut map = match content {
            Cow::Borrowed(Value::Object(m)) => Cow::Borrowed(m),
            Cow::Owned(Value::Object(m)) => Cow::Owned(m),
            _ => return None,
        };
        if !map.keys().all(|k| crate::swagger::is_mime_type(k)) {
            let kept = map.to_mut();
            let dropped: Vec<String> = (kept.keys())
                .filter(|k| !crate::swagger::is_mime_type(k))
                .cloned()
                .collect();
            for key in dropped {
                kept.remove(&key);
                super::report_not_media_type(self, &loc, &join(&at, &key), &key);
            }
        }
        Some((loc, at, map))
    }

    /// A pointer into the main document's component schemas (which were taken out of it): the
    /// schema as written while it is not yet converted, else its conversion. `None` when the
    /// pointer is elsewhere. Converted schemas refer to each other as `#/definitions/NAME`,
    /// which is read the same way when the document has no `definitions` of its own.
    pub(super) fn main_schema(&self, pointer: &str) -> Option<Option<Value>> {
        let rest = pointer.strip_prefix("/components/schemas/").or_else(|| {
            pointer
                .strip_prefix("/definitions/")
                .filter(|_| self.main.doc.field("definitions").is_none())
        })?;
        let (name, inner) = match rest.find('/') {
            Some(i) => (unescape_token(&rest[..i]), &rest[i..]),
            None => (unescape_token(rest), ""),
        };
        let schema = match self.raw_schema(&name) {
            Some(raw) if !raw.is_null() => Some(raw),
            _ => self.memo.get(&name).or_else(|| self.definition(&name)),
        };
        // A part that the conversion merged or dropped is read as written.
        let found = schema.and_then(|s| s.pointer(inner)).or_else(|| {
            (!inner.is_empty())
                .then(|| self.pointed_through.get(&name)?.pointer(inner))
                .flatten()
        });
        Some(found.cloned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn escaped_refs_are_found_at_every_depth() {
        let doc = json!({
            "$ref": "a%20b.yaml",
            "paths": {"$ref": "paths%20file.yaml", "/a": {"get": {"responses": {"200": {
                "$ref": "#/components/responses/R%20one"}}}}},
            "components": {"schemas": {"S": {"items": [{"$ref": "#/components/schemas/T%7E"}]},
                "Plain": {"$ref": "#/components/schemas/S"}}},
            "x-list": [{"$ref": "x%2Fy.yaml"}]
        });
        let mut found = escaped_refs(&doc).escaped;
        found.sort_unstable();
        assert_eq!(
            found,
            [
                "#/components/responses/R%20one",
                "#/components/schemas/T%7E",
                "a%20b.yaml",
                "paths%20file.yaml",
                "x%2Fy.yaml"
            ]
        );
        assert_eq!(escaped_refs(&json!([{"$ref": "q%20r"}])).escaped, ["q%20r"]);
    }

    #[test]
    fn operations_move_only_when_no_reference_can_lead_into_them() {
        let movable = |doc: Value| decode_refs(&mut doc.clone()).0;
        let local = json!({"paths": {"/a": {"get": {"responses": {"200": {
            "$ref": "#/components/responses/Ok"}}}}}});
        assert!(movable(local));
        assert!(movable(json!({"paths": {}})));
        // Into the operations, into another file (which could lead back), or escaped at its
        // first step.
        for r in ["#/paths/~1a/get", "other.yaml#/Pet", "#%2Fpaths~1a"] {
            let doc = json!({"paths": {}, "components": {"schemas": {"S": {"$ref": r}}}});
            assert!(!movable(doc), "{r}");
        }
    }
}
