//! Reporting the structural findings of the connector-subset JSON Schema (checked once per
//! definition, see `swagger::structure`) through the rule that owns each kind.

use crate::value::Lookup;
use crate::lint::{Definition, Emitter};
use crate::swagger::structure::{Finding, Kind};

/// Reports the findings of `kind`, with `help` (given the finding) as what to do.
pub(super) fn report(
    cx: &Definition,
    out: &mut Emitter,
    kind: Kind,
    help: impl Fn(&Finding) -> Option<String>,
) {
    for f in cx.structure() {
        if f.kind == kind && !spoken_for(f, cx.doc) {
            let d = out.emit(cx.src, f.pointer.clone(), f.message.clone());
            if let Some(h) = help(f) {
                d.set_help(h);
            }
        }
    }
}

/// Findings that a rule of their own reports with a more precise message: the version, host,
/// basePath and schemes at the root (`document` rules), a body parameter without `schema`
/// (`body-parameter-schema-missing`) or with a non-body keyword (`body-parameter-keyword`), and
/// a non-body parameter with a `schema` in place of its `type` (`non-body-parameter-schema`).
fn spoken_for(f: &Finding, doc: &serde_json::Value) -> bool {
    let key = || f.pointer.rsplit('/').next().unwrap_or_default();
    let parameter_rule = match (f.object, f.kind) {
        ("bodyParameter", Kind::Missing) => f.missing.as_deref() == Some("schema"),
        ("bodyParameter", Kind::UnknownKey) => {
            key() == "allowEmptyValue" || crate::swagger::SIMPLE_KEYWORDS.contains(&key())
        }
        ("nonBodyParameter", Kind::UnknownKey) => key() == "schema",
        ("nonBodyParameter", Kind::Missing) => {
            f.missing.as_deref() == Some("type")
                && doc
                    .pointer(&f.pointer)
                    .is_some_and(|p| p.field("schema").is_some())
        }
        _ => false,
    };
    let under = |member: &str| {
        f.pointer == member
            || f.pointer
                .strip_prefix(member)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    parameter_rule
        || under("/swagger")
        || under("/host")
        || under("/basePath")
        || under("/schemes")
        || (f.pointer.is_empty() && f.missing.as_deref() == Some("swagger"))
}
