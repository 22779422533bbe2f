//! `$ref`s: following them within the definition and into other files, which are loaded once.
use serde_json::Value;
use std::borrow::Cow;
use std::path::Path;
use std::rc::Rc;

use super::codes::*;
use super::{Conv, Loc};
use crate::diagnostic::unescape_token;

impl Conv<'_> {
    pub(super) fn load(&mut self, from: &Loc, file: &str, at: &str) -> Option<Loc> {
        let dir = from
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let path = dir.join(file);
        let key = std::fs::canonicalize(&path).unwrap_or(path.clone());
        if let Some(l) = self.files.get(&key) {
            return l.clone();
        }
        let name = crate::source::display_name(&path);
        let loaded = match crate::source::load_path(&path, &name) {
            Ok(src) => Some(Loc {
                path: Rc::new(key.clone()),
                name: name.into(),
                doc: Rc::new(src.value),
            }),
            Err(e) => {
                self.in_file(from).report(
                    &REF,
                    at,
                    format!(
                        "the referenced file `{file}` cannot be read: {}",
                        e.diagnostic.message
                    ),
                );
                None
            }
        };
        self.files.insert(key, loaded.clone());
        loaded
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
            Some(v) => Some((target, pointer, v)),
            None => {
                self.in_file(loc).report(
                    &REF,
                    at,
                    format!("`$ref: {reference}` points to nothing"),
                );
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
        if v.get("$ref").is_none() {
            return Some((loc.clone(), at.to_string(), Cow::Borrowed(v)));
        }
        let mut cur = (loc.clone(), at.to_string(), Cow::Borrowed(v));
        for _ in 0..32 {
            let Some(r) = cur
                .2
                .get("$ref")
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

    /// A pointer into the main document's component schemas (which were taken out of it): the
    /// schema as written while it is not yet converted, else its conversion. `None` when the
    /// pointer is elsewhere. Converted schemas refer to each other as `#/definitions/NAME`,
    /// which is read the same way when the document has no `definitions` of its own.
    pub(super) fn main_schema(&self, pointer: &str) -> Option<Option<Value>> {
        let rest = pointer.strip_prefix("/components/schemas/").or_else(|| {
            pointer
                .strip_prefix("/definitions/")
                .filter(|_| self.main.doc.get("definitions").is_none())
        })?;
        let (name, inner) = match rest.find('/') {
            Some(i) => (unescape_token(&rest[..i]), &rest[i..]),
            None => (unescape_token(rest), ""),
        };
        let schema = match self.raw_schemas.get(&name) {
            Some(raw) if !raw.is_null() => Some(raw),
            _ => self.memo.get(&name).or_else(|| self.definitions.get(&name)),
        };
        Some(schema.and_then(|s| s.pointer(inner)).cloned())
    }
}
