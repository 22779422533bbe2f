//! Hover, go to definition, find references and document symbols over a parsed buffer.

use crate::value::Lookup;
use lsp_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, GotoDefinitionParams,
    GotoDefinitionResponse, Hover, HoverContents, HoverParams, Location, MarkupContent, MarkupKind,
    Position, Range, ReferenceParams, SymbolKind,
};
use serde_json::Value;

use super::Server;
use super::text::LineIndex;
use crate::diagnostic::{Span, escape_token, split_pointer};
use crate::source::{Source, Syntax};

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// A `$ref` member; its value.
    Ref(String),
    /// An operation's `operationId`; the operation's pointer.
    OperationId(String),
    /// An `operationId` inside a dynamic extension (`x-ms-dynamic-values` and the like).
    DynamicId,
    /// An entry of `definitions`, `parameters` or `responses`.
    Shared,
}

struct Node {
    pointer: String,
    kind: Kind,
    /// The member's string value (a `$ref`'s target, an operationId), or the entry's name.
    value: String,
    span: Span,
}

/// The nodes navigation knows, with their places, found in one walk and one pass over the text.
struct Nodes {
    nodes: Vec<Node>,
}

fn walk(v: &Value, ptr: &mut String, dynamic: bool, out: &mut Vec<(String, Kind, String)>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                let len = ptr.len();
                ptr.push('/');
                ptr.push_str(&escape_token(k));
                match (k.as_str(), child) {
                    ("$ref", Value::String(s)) => {
                        out.push((ptr.clone(), Kind::Ref(s.clone()), s.clone()))
                    }
                    ("operationId", Value::String(s)) => {
                        let tokens = split_pointer(&ptr[..len]);
                        if dynamic {
                            out.push((ptr.clone(), Kind::DynamicId, s.clone()));
                        } else if tokens.len() == 3 && tokens[0] == "paths" {
                            out.push((
                                ptr.clone(),
                                Kind::OperationId(ptr[..len].to_string()),
                                s.clone(),
                            ));
                        }
                    }
                    _ => walk(child, ptr, dynamic || k.starts_with("x-ms-dynamic"), out),
                }
                ptr.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let len = ptr.len();
                ptr.push('/');
                ptr.push_str(&i.to_string());
                walk(child, ptr, dynamic, out);
                ptr.truncate(len);
            }
        }
        _ => {}
    }
}

impl Nodes {
    fn of(src: &Source) -> Nodes {
        let mut found = Vec::new();
        walk(&src.value, &mut String::new(), false, &mut found);
        for section in ["definitions", "parameters", "responses"] {
            if let Some(m) = src.value.get(section).and_then(Value::as_object) {
                for k in m.keys() {
                    found.push((
                        crate::diagnostic::pointer([section, k]),
                        Kind::Shared,
                        format!("#/{section}/{}", escape_token(k)),
                    ));
                }
            }
        }
        let spans = src.nearest_spans(found.iter().map(|(p, _, _)| p.as_str()));
        let nodes = found
            .into_iter()
            .zip(spans)
            .filter_map(|((pointer, kind, value), span)| {
                Some(Node {
                    pointer,
                    kind,
                    value,
                    span: span?,
                })
            })
            .collect();
        Nodes { nodes }
    }

    /// The node on the cursor's line: the last one starting at or before the cursor, else the
    /// first on the line.
    fn at(&self, src: &Source, index: &LineIndex, pos: Position) -> Option<&Node> {
        let offset = index.offset(&src.text, pos);
        let line = pos.line as usize + 1;
        let on_line = || self.nodes.iter().filter(move |n| n.span.line == line);
        on_line()
            .filter(|n| n.span.offset <= offset)
            .max_by_key(|n| n.span.offset)
            .or_else(|| on_line().min_by_key(|n| n.span.offset))
    }

    fn operation_by_id(&self, id: &str) -> Option<&Node> {
        self.nodes
            .iter()
            .find(|n| matches!(n.kind, Kind::OperationId(_)) && n.value == id)
    }

    fn shared(&self, target: &str) -> Option<&Node> {
        self.nodes
            .iter()
            .find(|n| n.kind == Kind::Shared && n.value == target)
    }
}

/// Where a node's value ends: the end of a JSON value, or of a YAML block.
pub fn value_end(src: &Source, key: Span) -> usize {
    let text = &src.text;
    match src.syntax {
        Syntax::Json => json_value_end(text, key.offset + key.len),
        Syntax::Yaml => yaml_block_end(text, key.offset),
    }
}

/// From just after a key (or at a value), the end of the JSON value that follows.
pub fn json_value_end(text: &str, from: usize) -> usize {
    let b = text.as_bytes();
    let mut i = from;
    while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b':') {
        i += 1;
    }
    let mut depth = 0i32;
    let mut in_string = false;
    while i < b.len() {
        let c = b[i];
        if in_string {
            if c == b'\\' {
                i += 1;
            } else if c == b'"' {
                in_string = false;
                if depth == 0 {
                    return i + 1;
                }
            }
        } else {
            match c {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth -= 1;
                    if depth <= 0 {
                        return i + usize::from(depth == 0);
                    }
                }
                b',' | b'\n' if depth == 0 => return i,
                _ => {}
            }
        }
        i += 1;
    }
    b.len()
}

/// The end of the YAML node whose key starts at `key`: its line, and the lines after it that
/// are indented deeper (or are items of a sequence at the key's own indentation).
pub fn yaml_block_end(text: &str, key: usize) -> usize {
    let line_start = text[..key].rfind('\n').map_or(0, |i| i + 1);
    let indent = key - line_start;
    let mut end = text[key..].find('\n').map_or(text.len(), |i| key + i);
    let mut at = end;
    while at < text.len() {
        let next = at + 1;
        let line_end = text[next..].find('\n').map_or(text.len(), |i| next + i);
        let line = &text[next..line_end];
        let trimmed = line.trim_start();
        let own = line.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            at = line_end;
            continue;
        }
        if own > indent || (own == indent && trimmed.starts_with("- ")) {
            end = line_end;
            at = line_end;
        } else {
            break;
        }
    }
    end
}

fn span_range(src: &Source, index: &LineIndex, span: Span) -> Range {
    index.range(&src.text, span.offset, span.offset + span.len)
}

/// A value shown in a hover, in the document's syntax, cut to a screenful.
/// The value as the file's syntax writes it, its secrets shown as `<secret>` (a hover may be
/// shared on screen or logged by the editor), cut after 40 lines.
fn snippet(src: &Source, v: &Value) -> String {
    let mut v = v.clone();
    crate::secrets::mask_document(&mut v);
    let (lang, text) = match src.syntax {
        Syntax::Json => ("json", crate::emit::to_json(&v)),
        Syntax::Yaml => ("yaml", crate::emit::to_yaml(&v)),
    };
    let mut lines: Vec<&str> = text.lines().take(41).collect();
    if lines.len() > 40 {
        lines[40] = "…";
    }
    format!("```{lang}\n{}\n```", lines.join("\n"))
}

fn operation_text(src: &Source, op_pointer: &str) -> Option<String> {
    let tokens = split_pointer(op_pointer);
    let op = src.value.pointer(op_pointer)?;
    let mut out = format!(
        "**{} {}**",
        tokens.get(2)?.to_ascii_uppercase(),
        tokens.get(1)?
    );
    if let Some(id) = op.field("operationId").and_then(Value::as_str) {
        out.push_str(&format!(" · `{id}`"));
    }
    for key in ["summary", "description"] {
        if let Some(s) = op.get(key).and_then(Value::as_str) {
            out.push_str("\n\n");
            out.push_str(s);
        }
    }
    Some(out)
}

fn local_target<'a>(src: &'a Source, r: &str) -> Option<&'a Value> {
    let p = r.strip_prefix('#')?;
    src.value.pointer(p)
}

impl Server {
    pub fn hover(&mut self, p: HoverParams) -> Option<Hover> {
        let uri = p.text_document_position_params.text_document.uri;
        let pos = p.text_document_position_params.position;
        let src = self.parsed(&uri);
        let mut parts = Vec::new();
        if let Some(src) = &src {
            let index = LineIndex::new(&src.text);
            let nodes = Nodes::of(src);
            if let Some(n) = nodes.at(src, &index, pos) {
                match &n.kind {
                    Kind::Ref(r) => match local_target(src, r) {
                        Some(v) => parts.push(format!("`{r}`\n\n{}", snippet(src, v))),
                        None => parts.push(format!("`{r}` resolves to nothing in this file")),
                    },
                    Kind::OperationId(op) => parts.extend(operation_text(src, op)),
                    Kind::DynamicId => match nodes.operation_by_id(&n.value) {
                        Some(op) => {
                            if let Kind::OperationId(opp) = &op.kind {
                                parts.extend(operation_text(src, opp));
                            }
                        }
                        None => parts.push(format!("no operation has the id `{}`", n.value)),
                    },
                    Kind::Shared => {
                        if let Some(v) = src.value.pointer(&n.pointer) {
                            parts.push(format!("`{}`\n\n{}", n.value, snippet(src, v)));
                        }
                    }
                }
            }
        }
        // The rules of the diagnostics under the cursor.
        let path = super::text::uri_to_path(&uri)?;
        let mut seen = Vec::new();
        for d in self.published(&path) {
            let r = d.range;
            let inside = (r.start.line, r.start.character) <= (pos.line, pos.character)
                && (pos.line, pos.character) <= (r.end.line, r.end.character);
            if inside && !seen.contains(&d.code.code) {
                seen.push(d.code.code);
                let link = (self.docs_base.as_deref())
                    .map(|b| {
                        format!(
                            "\n\n[{} documentation]({})",
                            d.code.name,
                            super::docs_url(b, d.code)
                        )
                    })
                    .unwrap_or_default();
                parts.push(format!(
                    "**{} {}**: {}\n\n{}{link}",
                    d.code.code,
                    d.code.name,
                    d.code.summary(),
                    d.code.docs(),
                ));
            }
        }
        if parts.is_empty() {
            return None;
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range: None,
        })
    }

    pub fn definition(&mut self, p: GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
        let uri = p.text_document_position_params.text_document.uri;
        let pos = p.text_document_position_params.position;
        let src = self.parsed(&uri)?;
        let index = LineIndex::new(&src.text);
        let nodes = Nodes::of(&src);
        let n = nodes.at(&src, &index, pos)?;
        let target = match &n.kind {
            Kind::Ref(r) => match nodes.shared(r) {
                Some(t) => t.span,
                None => {
                    let p = r.strip_prefix('#')?;
                    src.value.pointer(p)?;
                    src.nearest_spans([p]).into_iter().next()??
                }
            },
            Kind::DynamicId => nodes.operation_by_id(&n.value)?.span,
            _ => return None,
        };
        Some(GotoDefinitionResponse::Scalar(Location::new(
            uri,
            span_range(&src, &index, target),
        )))
    }

    pub fn references(&mut self, p: ReferenceParams) -> Option<Vec<Location>> {
        let uri = p.text_document_position.text_document.uri;
        let pos = p.text_document_position.position;
        let src = self.parsed(&uri)?;
        let index = LineIndex::new(&src.text);
        let nodes = Nodes::of(&src);
        let n = nodes.at(&src, &index, pos)?;
        let loc = |s: Span| Location::new(uri.clone(), span_range(&src, &index, s));
        let mut out = Vec::new();
        match &n.kind {
            Kind::Ref(_) | Kind::Shared => {
                let target = match &n.kind {
                    Kind::Ref(t) => t.clone(),
                    _ => n.value.clone(),
                };
                if p.context.include_declaration
                    && let Some(d) = nodes.shared(&target)
                {
                    out.push(loc(d.span));
                }
                for r in &nodes.nodes {
                    if matches!(&r.kind, Kind::Ref(t) if *t == target) {
                        out.push(loc(r.span));
                    }
                }
            }
            Kind::OperationId(_) | Kind::DynamicId => {
                for r in &nodes.nodes {
                    let same = r.value == n.value;
                    match r.kind {
                        Kind::DynamicId if same => out.push(loc(r.span)),
                        Kind::OperationId(_) if same && p.context.include_declaration => {
                            out.push(loc(r.span))
                        }
                        _ => {}
                    }
                }
            }
        }
        Some(out)
    }

    #[allow(deprecated)]
    pub fn symbols(&mut self, p: DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
        let src = self.parsed(&p.text_document.uri)?;
        let index = LineIndex::new(&src.text);
        let mut pointers = Vec::new();
        let paths = src.value.field("paths").and_then(Value::as_object);
        for (path, item) in paths.into_iter().flatten() {
            pointers.push(crate::diagnostic::pointer(["paths", path]));
            for (m, _) in crate::swagger::methods(item.as_object()?) {
                pointers.push(crate::diagnostic::pointer(["paths", path, m]));
            }
        }
        let defs = src.value.field("definitions").and_then(Value::as_object);
        for name in defs.into_iter().flatten().map(|(k, _)| k) {
            pointers.push(crate::diagnostic::pointer(["definitions", name]));
        }
        let spans = src.nearest_spans(pointers.iter().map(String::as_str));
        let mut spans = spans.into_iter();
        let symbol = |name: String, detail: Option<String>, kind, span: Span| {
            let full = index.range(&src.text, span.offset, value_end(&src, span));
            DocumentSymbol {
                name,
                detail,
                kind,
                tags: None,
                deprecated: None,
                range: full,
                selection_range: span_range(&src, &index, span),
                children: None,
            }
        };
        let mut out = Vec::new();
        for (path, item) in paths.into_iter().flatten() {
            let span = spans.next()??;
            let mut children = Vec::new();
            for (m, op) in crate::swagger::methods(item.as_object()?) {
                let s = spans.next()??;
                let detail = op
                    .field("operationId")
                    .or_else(|| op.field("summary"))
                    .and_then(Value::as_str)
                    .map(str::to_string);
                children.push(symbol(
                    m.to_ascii_uppercase(),
                    detail,
                    SymbolKind::METHOD,
                    s,
                ));
            }
            let mut sym = symbol(path.clone(), None, SymbolKind::NAMESPACE, span);
            sym.children = Some(children);
            out.push(sym);
        }
        for name in defs.into_iter().flatten().map(|(k, _)| k) {
            let span = spans.next()??;
            out.push(symbol(name.clone(), None, SymbolKind::STRUCT, span));
        }
        Some(DocumentSymbolResponse::Nested(out))
    }
}
