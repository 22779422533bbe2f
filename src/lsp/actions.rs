//! Code actions: the connector passes' rewrite of the node a finding points at, as the smallest
//! text edit that makes it, and a suppression with a reason.

use crate::value::Lookup;
use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    TextEdit, WorkspaceEdit,
};
use serde_json::Value;

use super::nav::{json_value_end, yaml_block_end};
use super::text::{LineIndex, uri_to_path};
use super::{Published, Server, name_of};
use crate::config::ConfigFinder;
use crate::connector::run_passes;
use crate::detect::{self, Format};
use crate::diagnostic::{Declared, Kind, Policy, escape_token, split_pointer};
use crate::source::{Source, Syntax};

/// The member that holds in-document suppressions (see the lint engine).
const KEY: &str = "x-ccforge-ignore";

/// What a new suppression's reason says until the user writes one.
pub const REASON: &str = "TODO: say why this is accepted";

/// Sections too broad to rewrite as one quick fix.
const TOO_BROAD: [&str; 5] = ["", "/paths", "/definitions", "/parameters", "/responses"];

fn tokens_join(tokens: &[String]) -> String {
    tokens
        .iter()
        .map(|t| format!("/{}", escape_token(t)))
        .collect()
}

fn is_ancestor_or_self(a: &str, b: &str) -> bool {
    b == a || (b.starts_with(a) && b.as_bytes().get(a.len()) == Some(&b'/'))
}

/// A text edit in byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The edit that turns `old` into `new` at `start`, trimmed to where they differ.
fn minimal(start: usize, old: &str, new: &str) -> Option<Edit> {
    if old == new {
        return None;
    }
    let mut p = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(p) || !new.is_char_boundary(p) {
        p -= 1;
    }
    let max_s = old.len().min(new.len()) - p;
    let mut s = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_s)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - s) || !new.is_char_boundary(new.len() - s) {
        s -= 1;
    }
    Some(Edit {
        start: start + p,
        end: start + old.len() - s,
        text: new[p..new.len() - s].to_string(),
    })
}

fn indent_of_line(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[start..];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// The text range of the value at `pointer` (an object member) and that value written anew in
/// the document's syntax, indented to fit.
fn replace_value(src: &Source, pointer: &str, new: &Value) -> Option<Edit> {
    let key = src.nearest_spans([pointer]).into_iter().next()??;
    let text = &*src.text;
    let key_end = key.offset + key.len;
    match src.syntax {
        Syntax::Json => {
            let b = text.as_bytes();
            let mut start = key_end;
            while start < b.len() && (b[start].is_ascii_whitespace() || b[start] == b':') {
                start += 1;
            }
            let end = json_value_end(text, key_end);
            let indent = indent_of_line(text, key.offset);
            let rendered = json_at(text, new, indent);
            minimal(start, &text[start..end], &rendered)
        }
        Syntax::Yaml => {
            let colon = key_end + text[key_end..].find(':')?;
            let end = yaml_block_end(text, key.offset);
            let indent = indent_of_line(text, key.offset);
            let rendered = match new {
                Value::Object(m) if !m.is_empty() => block(new, &format!("{indent}  ")),
                Value::Array(a) if !a.is_empty() => block(new, &format!("{indent}  ")),
                scalar => format!(" {}", crate::emit::to_yaml(scalar).trim_end()),
            };
            minimal(colon + 1, &text[colon + 1..end], &rendered)
        }
    }
}

/// `v` as JSON in the layout of `text` (its indentation unit and line ends), its lines after the
/// first indented by `indent`, to be placed where a line so indented holds a value.
fn json_at(text: &str, v: &Value, indent: &str) -> String {
    let layout = crate::source::style::Layout::of(text);
    let line_end = layout.line_end.as_str();
    crate::emit::to_json_laid_out(v, &layout.indent, "\n", 0)
        .trim_end()
        .replace('\n', &format!("{line_end}{indent}"))
}

fn block(v: &Value, indent: &str) -> String {
    let mut out = String::new();
    for line in crate::emit::to_yaml(v).trim_end().lines() {
        out.push('\n');
        out.push_str(indent);
        out.push_str(line);
    }
    out
}

/// The definition as the passes leave it, what they reported (pointer, message), and, once a
/// quick fix is in question, the findings (rule, pointer) the rules still make on it.
struct Passed {
    fixed: Source,
    notes: Vec<(String, String)>,
    remaining: std::cell::OnceCell<std::collections::HashSet<(&'static str, String)>>,
}

impl Passed {
    /// Whether the passes remove the finding of `rule` at `pointer`: a finding still there
    /// is not one they fix, whatever they changed near it. The rules run on the passes'
    /// result at most once per request, and only when a fix is in question.
    fn removes(&self, rule: &str, pointer: &str, policy: &dyn Policy) -> bool {
        let remaining = self.remaining.get_or_init(|| {
            crate::lint::engine::lint_rules(std::slice::from_ref(&self.fixed), policy)
                .into_iter()
                .filter_map(|d| Some((d.rule, d.pointer()?.to_string())))
                .collect()
        });
        !remaining.contains(&(rule, pointer.to_string()))
    }
}

/// The quick fix the passes offer for a finding at `pointer`: the passes' rewrite of the
/// smallest node holding both the finding and what they changed for it, titled by the change
/// nearest the finding.
fn pass_fix(
    src: &Source,
    fixed: &Value,
    notes: &[(String, String)],
    pointer: &str,
) -> Option<(String, Vec<Edit>)> {
    let relevant: Vec<&(String, String)> = notes
        .iter()
        .filter(|(q, _)| {
            !TOO_BROAD.contains(&q.as_str())
                && (is_ancestor_or_self(q, pointer) || is_ancestor_or_self(pointer, q))
        })
        .collect();
    // The change at the finding's own node, else the deepest one around it.
    let depth = |q: &str| {
        let (a, b) = (split_pointer(q), split_pointer(pointer));
        a.iter().zip(&b).take_while(|(x, y)| x == y).count()
    };
    let first = relevant
        .iter()
        .copied()
        .rev()
        .max_by_key(|(q, _)| depth(q))?;
    // The deepest common ancestor of the finding and the changes, that is an object member
    // in both versions.
    let mut scope = split_pointer(pointer);
    for (q, _) in &relevant {
        let qt = split_pointer(q);
        let common = scope.iter().zip(&qt).take_while(|(a, b)| a == b).count();
        scope.truncate(common);
    }
    loop {
        let p = tokens_join(&scope);
        let member = match scope.len() {
            0 => false,
            n => src
                .value
                .pointer(&tokens_join(&scope[..n - 1]))
                .is_some_and(Value::is_object),
        };
        if member && src.value.pointer(&p).is_some() && fixed.pointer(&p).is_some() {
            break;
        }
        scope.pop()?;
    }
    let p = tokens_join(&scope);
    if TOO_BROAD.contains(&p.as_str()) {
        return None;
    }
    let new = fixed.pointer(&p)?;
    if src.value.pointer(&p) == Some(new) {
        return None;
    }
    let old = src.value.pointer(&p)?;
    let mut edits = Vec::new();
    diff_edits(src, &p, old, new, &mut edits)?;
    Some((format!("Fix: {}", first.1), edits))
}

/// The edits that turn the value at `pointer` from `old` into `new`: members added to a JSON
/// object are inserted, changed ones edited in place, anything else rewritten where it is.
fn diff_edits(
    src: &Source,
    pointer: &str,
    old: &Value,
    new: &Value,
    out: &mut Vec<Edit>,
) -> Option<()> {
    if old == new {
        return Some(());
    }
    let (Syntax::Json, Value::Object(o), Value::Object(n)) = (src.syntax, old, new) else {
        out.push(replace_value(src, pointer, new)?);
        return Some(());
    };
    let kept: Vec<&String> = n.keys().filter(|k| o.contains_key(*k)).collect();
    let same_order = o
        .keys()
        .filter(|k| n.contains_key(*k))
        .eq(kept.iter().copied());
    if o.keys().any(|k| !n.contains_key(k)) || !same_order || o.is_empty() {
        out.push(replace_value(src, pointer, new)?);
        return Some(());
    }
    let text = &*src.text;
    let mut previous: Option<&String> = None;
    for (k, v) in n {
        let child = format!("{pointer}/{}", escape_token(k));
        match o.get(k) {
            Some(ov) => diff_edits(src, &child, ov, v, out)?,
            None => {
                // The indentation of the object's members, from its first member.
                let first = format!("{pointer}/{}", escape_token(o.keys().next()?));
                let first_span = src.nearest_spans([first.as_str()]).into_iter().next()??;
                let indent = indent_of_line(text, first_span.offset);
                let rendered = json_at(text, v, indent);
                let member = format!("{}: {rendered}", Value::from(k.as_str()));
                let same_line = !text[..first_span.offset].ends_with(indent) || indent.is_empty();
                let sep = if same_line {
                    " ".to_string()
                } else if text.contains("\r\n") {
                    format!("\r\n{indent}")
                } else {
                    format!("\n{indent}")
                };
                match previous {
                    None => out.push(Edit {
                        start: first_span.offset,
                        end: first_span.offset,
                        text: format!("{member},{sep}"),
                    }),
                    Some(prev) => {
                        let prev = format!("{pointer}/{}", escape_token(prev));
                        let span = src.nearest_spans([prev.as_str()]).into_iter().next()??;
                        let end = json_value_end(text, span.offset + span.len);
                        out.push(Edit {
                            start: end,
                            end,
                            text: format!(",{sep}{member}"),
                        });
                    }
                }
            }
        }
        previous = Some(k);
    }
    Some(())
}

/// The edit that adds an `x-ccforge-ignore` entry for `rule` on the nearest object holding
/// the node at `pointer`.
pub fn suppress_edit(src: &Source, pointer: &str, rule: &str) -> Option<Edit> {
    let text = &*src.text;
    let mut tokens = split_pointer(pointer);
    while !src
        .value
        .pointer(&tokens_join(&tokens))
        .is_some_and(Value::is_object)
    {
        tokens.pop()?;
    }
    let node = tokens_join(&tokens);
    let obj = src.value.pointer(&node)?.as_object()?;
    let json_entry = format!(
        "{{\"rule\": {}, \"reason\": \"{REASON}\"}}",
        serde_json::Value::from(rule)
    );
    // An existing list gets one more entry.
    if let Some(list) = obj.field(KEY).and_then(Value::as_array) {
        let key = src
            .nearest_spans([format!("{node}/{KEY}").as_str()])
            .into_iter()
            .next()??;
        let after = key.offset + key.len;
        return match src.syntax {
            Syntax::Json => {
                let open = after + text[after..].find('[')? + 1;
                let sep = if list.is_empty() { "" } else { ", " };
                Some(Edit {
                    start: open,
                    end: open,
                    text: format!("{json_entry}{sep}"),
                })
            }
            Syntax::Yaml => {
                let line_end = after + text[after..].find('\n').unwrap_or(text.len() - after);
                let next = text.get(line_end + 1..).unwrap_or("");
                let indent = if next.trim_start().starts_with("- ") {
                    indent_of_line(text, line_end + 1).to_string()
                } else {
                    format!("{}  ", indent_of_line(text, key.offset))
                };
                Some(Edit {
                    start: line_end,
                    end: line_end,
                    text: format!("\n{indent}- rule: {rule}\n{indent}  reason: \"{REASON}\""),
                })
            }
        };
    }
    match src.syntax {
        Syntax::Json => {
            let open = if tokens.is_empty() {
                text.find('{')?
            } else {
                let key = src.nearest_spans([node.as_str()]).into_iter().next()??;
                let from = if tokens.last().is_some_and(|t| t.parse::<usize>().is_ok()) {
                    key.offset
                } else {
                    key.offset + key.len
                };
                from + text[from..].find('{')?
            };
            let indent = if obj.is_empty() {
                format!("{}  ", indent_of_line(text, open))
            } else {
                let next = open + 1 + text[open + 1..].find(|c: char| !c.is_whitespace())?;
                indent_of_line(text, next).to_string()
            };
            let comma = if obj.is_empty() { "" } else { "," };
            Some(Edit {
                start: open + 1,
                end: open + 1,
                text: format!("\n{indent}\"{KEY}\": [{json_entry}]{comma}"),
            })
        }
        Syntax::Yaml => {
            let entry = |indent: &str| {
                format!("{indent}{KEY}:\n{indent}- rule: {rule}\n{indent}  reason: \"{REASON}\"")
            };
            if tokens.is_empty() {
                // At the top, after a leading `---` if there is one.
                let at = if text.starts_with("---") {
                    text.find('\n').map_or(text.len(), |i| i + 1)
                } else {
                    0
                };
                return Some(Edit {
                    start: at,
                    end: at,
                    text: format!("{}\n", entry("")),
                });
            }
            let key = src.nearest_spans([node.as_str()]).into_iter().next()??;
            let line_start = text[..key.offset].rfind('\n').map_or(0, |i| i + 1);
            let line_end = key.offset
                + text[key.offset..]
                    .find('\n')
                    .unwrap_or(text.len() - key.offset);
            let line = &text[line_start..line_end];
            let trimmed = line.trim_start();
            let indent = if let Some(rest) = trimmed.strip_prefix("- ") {
                // An object that is an item of a sequence: its keys follow the dash.
                " ".repeat(line.len() - rest.len())
            } else {
                let next = text.get(line_end + 1..).unwrap_or("");
                let next_line = next.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                let own = line.len() - trimmed.len();
                let deeper = next_line.len() - next_line.trim_start().len();
                if deeper > own && !next_line.trim_start().starts_with("- ") {
                    " ".repeat(deeper)
                } else {
                    " ".repeat(own + 2)
                }
            };
            Some(Edit {
                start: line_end,
                end: line_end,
                text: format!("\n{}", entry(&indent)),
            })
        }
    }
}

impl Server {
    pub fn code_actions(&mut self, p: CodeActionParams) -> Option<CodeActionResponse> {
        let uri = p.text_document.uri.clone();
        let path = uri_to_path(&uri)?;
        let src = self.parsed(&uri)?;
        let index = LineIndex::new(&src.text);
        let wanted: Vec<Published> = self
            .published(&path)
            .iter()
            .filter(|d| {
                let (r, q) = (d.range, p.range);
                (r.start.line, r.start.character) <= (q.end.line, q.end.character)
                    && (q.start.line, q.start.character) <= (r.end.line, r.end.character)
            })
            .cloned()
            .collect();
        if wanted.is_empty() {
            return Some(Vec::new());
        }
        let config = ConfigFinder::new(None)
            .ok()
            .and_then(|f| f.for_path(&path).ok());
        let policy: &dyn Policy = match &config {
            Some(c) => &**c,
            None => &Declared,
        };
        // The passes, run once over the whole definition.
        let mut passes: Option<Passed> = None;
        if matches!(detect::detect(&src.value, &src.name), Ok(Format::Swagger2)) {
            let mut fixed = src.value.clone();
            let notes = run_passes(&mut fixed, &name_of(&path), policy)
                .into_iter()
                .filter_map(|d| Some((d.pointer()?.to_string(), d.message)))
                .collect();
            passes = Some(Passed {
                fixed: Source::from_rendered(&src.name, "".into(), fixed, Syntax::Json),
                notes,
                remaining: std::cell::OnceCell::new(),
            });
        }
        let lsp_edit = |e: Edit| TextEdit {
            range: index.range(&src.text, e.start, e.end),
            new_text: e.text,
        };
        let action = |title: String, e: Vec<Edit>, d: &Published, preferred: bool| {
            // `Uri` caches its parts; it is not changed while it is a key.
            #[allow(clippy::mutable_key_type)]
            let mut changes = HashMap::new();
            changes.insert(uri.clone(), e.into_iter().map(lsp_edit).collect());
            let diag = p
                .context
                .diagnostics
                .iter()
                .find(|x| x.range == d.range && x.message.starts_with(&d.message))
                .cloned();
            CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diag.map(|d| vec![d]),
                edit: Some(WorkspaceEdit {
                    changes: Some(changes),
                    ..Default::default()
                }),
                is_preferred: Some(preferred),
                ..Default::default()
            })
        };
        let mut out = Vec::new();
        for d in &wanted {
            let Some(pointer) = &d.pointer else {
                continue;
            };
            if d.code.fatal {
                continue;
            }
            if d.code.kind == Kind::Lint
                && let Some(passed) = &passes
                && let Some((title, edit)) =
                    pass_fix(&src, &passed.fixed.value, &passed.notes, pointer)
                && passed.removes(d.code.name, pointer, policy)
            {
                out.push(action(title, edit, d, true));
            }
            if d.code.kind == Kind::Lint
                && let Some(edit) = suppress_edit(&src, pointer, d.code.name)
            {
                out.push(action(
                    format!(
                        "Suppress {} here (x-ccforge-ignore, with a reason)",
                        d.code.name
                    ),
                    vec![edit],
                    d,
                    false,
                ));
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::load_bytes;

    fn apply(text: &str, e: &Edit) -> String {
        format!("{}{}{}", &text[..e.start], e.text, &text[e.end..])
    }

    #[test]
    fn minimal_edits_cover_only_the_difference() {
        let e = minimal(10, "abcXdef", "abcYYdef").unwrap();
        assert_eq!((e.start, e.end, e.text.as_str()), (13, 14, "YY"));
        assert!(minimal(0, "same", "same").is_none());
    }

    #[test]
    fn values_are_written_in_the_document_s_indentation_and_line_ends() {
        let json = "{\r\n\t\"info\": {\r\n\t\t\"title\": \"T\"\r\n\t}\r\n}\r\n";
        let src = load_bytes("a.json", json.as_bytes()).unwrap();
        let new = serde_json::json!({"title": "T", "contact": {"name": "N"}});
        let mut edits = Vec::new();
        diff_edits(&src, "/info", &src.value["info"], &new, &mut edits).unwrap();
        let mut out = json.to_string();
        for e in edits.iter().rev() {
            out = apply(&out, e);
        }
        assert_eq!(
            out,
            "{\r\n\t\"info\": {\r\n\t\t\"title\": \"T\",\r\n\t\t\"contact\": {\r\n\t\t\t\"name\": \"N\"\r\n\t\t}\r\n\t}\r\n}\r\n"
        );
    }

    #[test]
    fn suppressions_are_inserted_as_valid_entries() {
        let json = "{\n  \"swagger\": \"2.0\",\n  \"paths\": {\n    \"/a\": {\n      \"get\": {\n        \"responses\": {}\n      }\n    }\n  }\n}\n";
        let src = load_bytes("a.json", json.as_bytes()).unwrap();
        let e = suppress_edit(&src, "/paths/~1a/get/responses", "no-responses").unwrap();
        let out = apply(json, &e);
        let v: Value = serde_json::from_str(&out).unwrap();
        // An empty object gets the entry itself.
        assert_eq!(
            v.pointer("/paths/~1a/get/responses/x-ccforge-ignore/0/rule"),
            Some(&Value::from("no-responses"))
        );
        let e = suppress_edit(&src, "/paths/~1a/get/summary", "summary-missing").unwrap();
        let out = apply(json, &e);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            v.pointer("/paths/~1a/get/x-ccforge-ignore/0/rule"),
            Some(&Value::from("summary-missing"))
        );
        let yaml = "swagger: '2.0'\npaths:\n  /a:\n    get:\n      parameters:\n        - name: q\n          in: query\n";
        let src = load_bytes("a.yaml", yaml.as_bytes()).unwrap();
        for p in ["/paths/~1a/get", "/paths/~1a/get/parameters/0/in", ""] {
            let e = suppress_edit(&src, p, "r").unwrap();
            let out = apply(yaml, &e);
            let back = load_bytes("b.yaml", out.as_bytes()).unwrap();
            let holder = split_pointer(p);
            let holder = match p {
                "/paths/~1a/get/parameters/0/in" => tokens_join(&holder[..holder.len() - 1]),
                _ => p.to_string(),
            };
            assert_eq!(
                back.value.pointer(&format!("{holder}/{KEY}/0/reason")),
                Some(&Value::from(REASON)),
                "{p}: {out}"
            );
        }
    }
}
