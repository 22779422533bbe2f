//! Changes to an operation paired on both sides: its operationId, deprecation, visibility and
//! trigger, then its parameters, responses and security.

use crate::value::Lookup;
use serde_json::{Map, Value};

use super::changes::*;
use super::{Level, Out, str_of};
use crate::swagger::Operation;

fn ext<'a>(op: &'a Map<String, Value>, k: &str) -> Option<&'a Value> {
    op.get(k)
}

pub(super) fn operation(
    old_doc: &Value,
    o: &Operation,
    new_doc: &Value,
    n: &Operation,
    out: &mut Out,
) {
    let label = n.label();
    let op = Some(label.as_str());
    // Flows call the connector's operationId; the API's own ids do not reach them.
    if !out.drift && o.operation_id() != n.operation_id() {
        out.push(
            &OPERATION_ID_CHANGED,
            Level::Breaking,
            op,
            Some(o.pointer_to("operationId")),
            Some(n.pointer_to("operationId")),
            format!(
                "operationId changed from `{}` to `{}`: flows call actions by operationId",
                o.operation_id().unwrap_or("(none)"),
                n.operation_id().unwrap_or("(none)")
            ),
        );
    }
    // The same path but for letter case: another URL to most servers.
    if super::normalize_path(o.path) == super::normalize_path(n.path)
        && crate::swagger::skeleton(o.path) != crate::swagger::skeleton(n.path)
    {
        out.push(
            &PATH_CASE_CHANGED,
            Level::Warning,
            op,
            Some(o.pointer()),
            Some(n.pointer()),
            format!(
                "the path `{}` is now written `{}`: the connector calls another URL, which most servers tell apart",
                o.path, n.path
            ),
        );
    }
    // Deprecation, visibility, triggers.
    let dep = |m: &Map<String, Value>| m.field("deprecated") == Some(&Value::Bool(true));
    if !dep(o.op) && dep(n.op) {
        let replaced =
            n.op.field("x-ms-api-annotation")
                .and_then(|a| a.field("replacement"))
                .is_some();
        out.push(
            &OPERATION_DEPRECATED,
            if replaced {
                Level::Info
            } else {
                Level::Warning
            },
            op,
            None,
            Some(n.pointer_to("deprecated")),
            if replaced {
                "the operation was deprecated, with a replacement in `x-ms-api-annotation`".into()
            } else {
                "the operation was deprecated without a replacement (`x-ms-api-annotation`)".into()
            },
        );
    }
    let vis =
        |m: &Map<String, Value>| str_of(m.field("x-ms-visibility")).map(str::to_ascii_lowercase);
    if out.drift {
        // Visibility and triggers are the connector's own; the API has no say in them.
    } else if vis(n.op).as_deref() == Some("internal") && vis(o.op).as_deref() != Some("internal") {
        out.push(
            &VISIBILITY_INTERNAL,
            Level::Warning,
            op,
            None,
            Some(n.pointer_to("x-ms-visibility")),
            "the operation became `x-ms-visibility: internal`: it disappears from the designer"
                .into(),
        );
    }
    if !out.drift && ext(o.op, "x-ms-trigger") != ext(n.op, "x-ms-trigger") {
        out.push(
            &TRIGGER_CHANGED,
            Level::Breaking,
            op,
            o.op.field("x-ms-trigger")
                .map(|_| o.pointer_to("x-ms-trigger")),
            n.op.field("x-ms-trigger")
                .map(|_| n.pointer_to("x-ms-trigger")),
            "`x-ms-trigger` changed: flows that use the trigger break".into(),
        );
    }
    super::parameters::parameters(old_doc, o, new_doc, n, out);
    super::responses::responses(old_doc, o, new_doc, n, out);
    super::security::operation(old_doc, o, new_doc, n, op, out);
}
