//! `x-ccforge-ignore`: in-document suppressions with a required reason.

use crate::value::Lookup;
use serde_json::Value;

use super::codes::{INVALID_SUPPRESSION, UNUSED_SUPPRESSION};
use crate::diagnostic::{Code, Diagnostic, Kind, Policy, escape_token};
use crate::source::Source;

pub const KEY: &str = "x-ccforge-ignore";

pub struct Suppression {
    /// Pointer of the node that carries the suppression: it covers this node and below.
    node: String,
    /// Pointer of the entry, for reports about the suppression itself.
    entry: String,
    rule: &'static Code,
    used: bool,
}

/// Finds every suppression in a file; malformed entries become diagnostics.
pub fn collect(
    src: &Source,
    policy: &dyn Policy,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Suppression> {
    let mut found = Vec::new();
    if !src.mentions(KEY) {
        return found;
    }
    let mut path = String::new();
    walk(&src.value, &mut path, &mut |node, list| {
        let base = format!("{node}/{KEY}");
        let Some(items) = list.as_array() else {
            problems.push(invalid(
                src,
                policy,
                base,
                "`x-ccforge-ignore` must be a list of {rule, reason} objects",
            ));
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let entry = format!("{base}/{i}");
            let rule = item.field("rule").and_then(Value::as_str);
            let reason = item.field("reason").and_then(Value::as_str).map(str::trim);
            let Some(rule) = rule else {
                problems.push(invalid(
                    src,
                    policy,
                    entry,
                    "this suppression has no `rule`",
                ));
                continue;
            };
            let Some(meta) = policy.find(rule).filter(|m| !m.fatal) else {
                problems.push(invalid(
                    src,
                    policy,
                    format!("{entry}/rule"),
                    &format!(
                        "`{rule}` is not a rule that can be suppressed; `ccforge rules` lists them"
                    ),
                ));
                continue;
            };
            if meta.kind == Kind::Input {
                // Found in the text as it is read, at no node a suppression could hold.
                let mut d = invalid(
                    src,
                    policy,
                    format!("{entry}/rule"),
                    &format!(
                        "`{rule}` is found while the file is read, before `x-ccforge-ignore` is, so it cannot be suppressed here"
                    ),
                );
                d.set_help(format!(
                    "correct the file, or switch the rule off in ccforge.toml: [rules] {} = \"off\"",
                    meta.name
                ));
                problems.push(d);
                continue;
            }
            if reason.is_none_or(str::is_empty) {
                problems.push(invalid(
                    src,
                    policy,
                    entry,
                    &format!("the suppression of `{rule}` has no `reason`; a reason is required"),
                ));
                continue;
            }
            found.push(Suppression {
                node: node.to_string(),
                entry,
                rule: meta,
                used: false,
            });
        }
    });
    found
}

fn invalid(src: &Source, policy: &dyn Policy, at: String, message: &str) -> Diagnostic {
    let severity = policy
        .severity(&INVALID_SUPPRESSION, INVALID_SUPPRESSION.severity)
        .unwrap_or(INVALID_SUPPRESSION.severity);
    Diagnostic::new(&INVALID_SUPPRESSION, severity, message)
        .with_help("write [{\"rule\": \"NAME\", \"reason\": \"why\"}]")
        .in_file(&src.name)
        .at_pointer(at)
}

fn walk(v: &Value, path: &mut String, f: &mut impl FnMut(&str, &Value)) {
    match v {
        Value::Object(map) => {
            if let Some(list) = map.field(KEY) {
                f(path, list);
            }
            for (k, child) in map {
                if k != KEY && (child.is_object() || child.is_array()) {
                    let len = path.len();
                    path.push('/');
                    path.push_str(&escape_token(k));
                    walk(child, path, f);
                    path.truncate(len);
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                if child.is_object() || child.is_array() {
                    let len = path.len();
                    path.push('/');
                    path.push_str(&i.to_string());
                    walk(child, path, f);
                    path.truncate(len);
                }
            }
        }
        _ => {}
    }
}

fn covers(node: &str, pointer: &str) -> bool {
    pointer == node
        || (pointer.starts_with(node) && pointer.as_bytes().get(node.len()) == Some(&b'/'))
}

/// Drops the diagnostics of `file` that a suppression covers, then reports unused suppressions of
/// rules that ran.
pub fn apply(
    src: &Source,
    policy: &dyn Policy,
    sups: &mut [Suppression],
    diags: &mut Vec<Diagnostic>,
) {
    if sups.is_empty() {
        return;
    }
    diags.retain(|d| {
        if d.file.as_deref() != Some(&src.name) {
            return true;
        }
        let Some(p) = d.pointer() else { return true };
        let mut keep = true;
        for s in sups.iter_mut() {
            if s.rule.code == d.code && covers(&s.node, p) {
                s.used = true;
                keep = false;
            }
        }
        keep
    });
    if policy.is_off(&UNUSED_SUPPRESSION) {
        return;
    }
    let severity = policy
        .severity(&UNUSED_SUPPRESSION, UNUSED_SUPPRESSION.severity)
        .unwrap_or(UNUSED_SUPPRESSION.severity);
    for s in sups.iter().filter(|s| !s.used && policy.runs(s.rule)) {
        diags.push(
            Diagnostic::new(
                &UNUSED_SUPPRESSION,
                severity,
                format!("this suppression of `{}` silences nothing", s.rule.name),
            )
            .with_help("remove the entry")
            .in_file(&src.name)
            .at_pointer(s.entry.clone()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::covers;

    #[test]
    fn coverage_is_by_whole_tokens() {
        assert!(covers("", "/paths"));
        assert!(covers("/paths/~1a", "/paths/~1a/get"));
        assert!(covers("/paths/~1a", "/paths/~1a"));
        assert!(!covers("/paths/~1a", "/paths/~1ab"));
    }
}
