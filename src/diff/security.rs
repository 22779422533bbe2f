//! Changes to how connections sign in: the security schemes, and operations' own requirements.

use crate::value::Lookup;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

use super::changes::*;
use super::{Level, Out, str_of};
use crate::diagnostic::escape_token;
use crate::swagger::Operation;

/// The security schemes of both documents, paired by name.
pub(super) fn schemes(old: &Value, new: &Value, out: &mut Out) {
    let defs = |d: &Value| {
        d.field("securityDefinitions")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let (od, nd) = (defs(old), defs(new));
    renames(&od, &nd, out);
    for (name, o) in &od {
        let at = format!("/securityDefinitions/{}", escape_token(name));
        match nd.get(name) {
            None if out.renamed_schemes.contains_key(name) => {}
            None => out.push(
                &SECURITY_SCHEME_REMOVED,
                Level::Breaking,
                None,
                Some(at),
                None,
                format!("security scheme `{name}` was removed"),
            ),
            Some(n) => {
                let t = |v: &Value| {
                    (
                        str_of(v.field("type")).map(str::to_string),
                        str_of(v.field("flow")).map(str::to_string),
                        str_of(v.field("in")).map(str::to_string),
                        str_of(v.field("name")).map(str::to_string),
                    )
                };
                if t(o) != t(n) {
                    out.push(
                        &SECURITY_SCHEME_CHANGED,
                        Level::Breaking,
                        None,
                        Some(at.clone()),
                        Some(at.clone()),
                        format!("security scheme `{name}` changed its type, flow or key"),
                    );
                }
                let scopes = |v: &Value| -> BTreeSet<String> {
                    v.field("scopes")
                        .and_then(Value::as_object)
                        .map(|m| m.keys().cloned().collect())
                        .unwrap_or_default()
                };
                let added: Vec<String> = scopes(n).difference(&scopes(o)).cloned().collect();
                if !added.is_empty() {
                    out.push(&SCOPES_ADDED, Level::Warning, None, Some(at.clone()), Some(at), format!("security scheme `{name}` asks for new scopes {}: users must consent again", added.join(", ")));
                }
            }
        }
    }
    let renamed_to: BTreeSet<&String> = out.renamed_schemes.values().collect();
    let added: Vec<&String> = (nd.keys())
        .filter(|n| !od.contains_key(*n) && !renamed_to.contains(n))
        .collect();
    for name in added {
        out.push(
            &SECURITY_SCHEME_ADDED,
            if od.is_empty() {
                Level::Breaking
            } else {
                Level::Info
            },
            None,
            None,
            Some(format!("/securityDefinitions/{}", escape_token(name))),
            format!("security scheme `{name}` was added"),
        );
    }
}

/// Pairs each scheme only the old side has with the one scheme only the new side has that is
/// the same but for its name and descriptions, its own and its scopes' (`convert --out-dir`
/// names a basic scheme `basic_auth`, and describes a scope left undescribed): a connection
/// does not name the scheme, so nothing changes for it.
fn renames(od: &Map<String, Value>, nd: &Map<String, Value>, out: &mut Out) {
    let essence = |v: &Value| {
        let mut v = v.clone();
        if let Some(m) = v.as_object_mut() {
            m.shift_remove("description");
            if let Some(Value::Object(scopes)) = m.field_mut("scopes") {
                scopes.values_mut().for_each(|d| *d = Value::Null);
            }
        }
        v
    };
    let gone: Vec<(&String, Value)> = (od.iter())
        .filter(|(n, _)| !nd.contains_key(*n))
        .map(|(n, v)| (n, essence(v)))
        .collect();
    let came: Vec<(&String, Value)> = (nd.iter())
        .filter(|(n, _)| !od.contains_key(*n))
        .map(|(n, v)| (n, essence(v)))
        .collect();
    for (name, o) in &gone {
        let same =
            |list: &[(&String, Value)], v: &Value| list.iter().filter(|(_, x)| x == v).count();
        // Only a pairing without doubt: one such scheme on the new side. Several the same on
        // the old side became that one (`convert --out-dir` writes one scheme for two API keys
        // sent alike).
        let Some((to, _)) = came.iter().find(|(_, n)| n == o) else {
            continue;
        };
        if same(&came, o) != 1 {
            continue;
        }
        out.push(
            &SECURITY_SCHEME_RENAMED,
            Level::Info,
            None,
            Some(format!("/securityDefinitions/{}", escape_token(name))),
            Some(format!("/securityDefinitions/{}", escape_token(to))),
            format!("security scheme `{name}` is now named `{to}`, and is otherwise the same"),
        );
        out.renamed_schemes.insert((*name).clone(), (*to).clone());
    }
}

/// The schemes a `security` requirement of `m` names.
fn sec(m: &Map<String, Value>) -> BTreeSet<String> {
    m.field("security")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .flat_map(|r| r.keys().cloned())
        .collect()
}

/// The schemes an old requirement names, by the names the new side gives them, without those
/// the new side no longer defines: their removal is told once, as `security-scheme-removed`,
/// not again for every requirement that named them.
fn renamed(names: BTreeSet<String>, out: &Out, old: &Value, new: &Value) -> BTreeSet<String> {
    let defines = |doc: &Value, name: &str| {
        (doc.field("securityDefinitions").and_then(Value::as_object))
            .is_some_and(|d| d.contains_key(name))
    };
    (names.into_iter())
        .filter_map(|n| match out.renamed_schemes.get(&n) {
            Some(to) => Some(to.clone()),
            None if defines(old, &n) && !defines(new, &n) => None,
            None => Some(n),
        })
        .collect()
}

/// The document's `security` requirement, which every operation without its own follows. A
/// change to it matters when an old operation followed it: one that has its own on both sides
/// is compared by [`operation`].
pub(super) fn document(old: &Value, new: &Value, out: &mut Out) {
    let (Some(o), Some(n)) = (old.as_object(), new.as_object()) else {
        return;
    };
    if !o.has("security") && !n.has("security") {
        return;
    }
    let follows_document = crate::swagger::path_items(old)
        .flat_map(|(_, item)| crate::swagger::methods(item))
        .any(|(_, op)| !op.has("security"));
    if !follows_document {
        return;
    }
    let named = sec(o);
    let named_any = !named.is_empty();
    let (a, b) = (renamed(named, out, old, new), sec(n));
    // When every scheme it named was removed, the removal is the change, and told already.
    let all_removed = a.is_empty() && named_any;
    if a != b && !b.is_empty() && !all_removed {
        out.push(
            &OPERATION_SECURITY_CHANGED,
            Level::Breaking,
            None,
            o.has("security").then(|| "/security".to_string()),
            n.has("security").then(|| "/security".to_string()),
            format!("the security of every operation without its own changed from {a:?} to {b:?}"),
        );
    }
}

/// An operation's own `security` requirement, against what applies to it on the other side:
/// its own, or the document's.
pub(super) fn operation(
    old_doc: &Value,
    o: &Operation,
    new_doc: &Value,
    n: &Operation,
    op: Option<&str>,
    out: &mut Out,
) {
    // Drift gives the API the connector's security, and none of the API's operations keeps
    // its own: there is nothing of an operation's to compare.
    if out.drift {
        return;
    }
    if o.op.has("security") || n.op.has("security") {
        let applying = |doc: &Value, op: &Operation| {
            let own = op.op.has("security").then_some(op.op);
            own.or_else(|| doc.as_object()).map(sec).unwrap_or_default()
        };
        let named = applying(old_doc, o);
        let named_any = !named.is_empty();
        let (a, b) = (renamed(named, out, old_doc, new_doc), applying(new_doc, n));
        // When every scheme it named was removed, the removal is the change, and told already.
        let all_removed = a.is_empty() && named_any;
        if a != b && !b.is_empty() && !all_removed {
            out.push(
                &OPERATION_SECURITY_CHANGED,
                Level::Breaking,
                op,
                o.op.field("security").map(|_| o.pointer_to("security")),
                n.op.field("security").map(|_| n.pointer_to("security")),
                format!("the operation's security changed from {a:?} to {b:?}"),
            );
        }
    }
}
