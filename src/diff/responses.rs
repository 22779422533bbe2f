//! Changes to an operation's responses: success responses removed, and their schemas.

use crate::value::Lookup;
use serde_json::{Map, Value};

use super::changes::*;
use super::{Direction, Level, Out, schema, str_of};
use crate::diagnostic::escape_token;
use crate::swagger::Operation;

pub(super) fn responses(
    old_doc: &Value,
    o: &Operation,
    new_doc: &Value,
    n: &Operation,
    out: &mut Out,
) {
    let label = n.label();
    let op = Some(label.as_str());
    let empty = Map::new();
    let (or, nr) = (
        o.op.field("responses")
            .and_then(Value::as_object)
            .unwrap_or(&empty),
        n.op.field("responses")
            .and_then(Value::as_object)
            .unwrap_or(&empty),
    );
    fn resolve<'v>(doc: &'v Value, v: &'v Value) -> &'v Value {
        str_of(v.field("$ref"))
            .and_then(|r| r.strip_prefix('#'))
            .and_then(|p| doc.pointer(p))
            .unwrap_or(v)
    }
    for (code, r) in or {
        let at = format!("{}/{}", o.pointer_to("responses"), escape_token(code));
        match nr.get(code) {
            None if code.starts_with('2') => {
                // Another 2xx with the same schema is a code change, still breaking for flows
                // that branch on the status, but the outputs stay.
                out.push(
                    &SUCCESS_RESPONSE_REMOVED,
                    Level::Breaking,
                    op,
                    Some(at),
                    None,
                    format!("success response `{code}` was removed"),
                );
            }
            None => {}
            Some(nv) => {
                let (a, b) = (resolve(old_doc, r), resolve(new_doc, nv));
                let nat = format!("{}/{}", n.pointer_to("responses"), escape_token(code));
                match (a.field("schema"), b.field("schema")) {
                    (Some(sa), Some(sb)) => {
                        let mut cx =
                            schema::Cx::new(old_doc, new_doc, Direction::Response, op, out);
                        cx.compare(
                            sa,
                            &format!("{at}/schema"),
                            sb,
                            &format!("{nat}/schema"),
                            &format!("response `{code}`"),
                        );
                    }
                    (Some(_), None) if code.starts_with('2') => out.push(
                        &RESPONSE_SCHEMA_REMOVED,
                        Level::Breaking,
                        op,
                        Some(format!("{at}/schema")),
                        Some(nat),
                        format!("response `{code}` lost its schema: its outputs disappear"),
                    ),
                    _ => {}
                }
            }
        }
    }
}
