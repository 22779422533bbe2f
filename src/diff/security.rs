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
    for (name, o) in &od {
        let at = format!("/securityDefinitions/{}", escape_token(name));
        match nd.get(name) {
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
    for name in nd.keys().filter(|n| !od.contains_key(*n)) {
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

/// The document's `security` requirement, which every operation without its own follows.
pub(super) fn document(old: &Value, new: &Value, out: &mut Out) {
    let (Some(o), Some(n)) = (old.as_object(), new.as_object()) else {
        return;
    };
    if !o.has("security") && !n.has("security") {
        return;
    }
    let (a, b) = (sec(o), sec(n));
    if a != b && !b.is_empty() {
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

/// An operation's own `security` requirement.
pub(super) fn operation(o: &Operation, n: &Operation, op: Option<&str>, out: &mut Out) {
    if o.op.has("security") || n.op.has("security") {
        let (a, b) = (sec(o.op), sec(n.op));
        if a != b && !b.is_empty() {
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
