//! A connector's custom code file (`script.csx`): its text and its C# syntax tree, parsed once
//! per unit with tree-sitter's C# grammar and shared by every script rule. Findings in it are
//! placed by byte range, since it is not a JSON document.

use std::cell::RefCell;
use std::sync::Arc;

use tree_sitter::{Node, Parser, Tree};

use crate::diagnostic::Span;

/// Scripts larger than this are not parsed (the platform's limit is 1 MB; the size rule reports
/// them): parsing stays bounded whatever the input.
pub const PARSE_LIMIT: usize = 8 * 1024 * 1024;

/// One custom code file, read and parsed.
pub struct Script {
    /// The file as the user named it, with `/` separators.
    pub name: String,
    /// The decoded text (BOM removed; invalid UTF-8 replaced).
    pub text: Arc<str>,
    /// Size of the file in bytes as stored.
    pub byte_len: usize,
    tree: Option<Tree>,
}

thread_local! {
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

impl Script {
    /// Reads the bytes of a script file and parses them.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Script {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text: Arc<str> = Arc::from(String::from_utf8_lossy(bytes).as_ref());
        Script::parse(name, text, bytes.len())
    }

    /// Parses `text` (the decoded file of `byte_len` bytes) as C#.
    pub fn parse(name: &str, text: Arc<str>, byte_len: usize) -> Script {
        let tree = (text.len() <= PARSE_LIMIT)
            .then(|| {
                PARSER.with(|cell| {
                    let mut slot = cell.borrow_mut();
                    let parser = slot.get_or_insert_with(|| {
                        let mut p = Parser::new();
                        // The grammar is compiled into the binary; its ABI matches the crate's.
                        let _ = p.set_language(&tree_sitter_c_sharp::LANGUAGE.into());
                        p
                    });
                    parser.parse(text.as_bytes(), None)
                })
            })
            .flatten();
        Script {
            name: name.to_string(),
            text,
            byte_len,
            tree,
        }
    }

    /// The syntax tree's root (`compilation_unit`), or `None` when the file was too large to
    /// parse.
    pub fn root(&self) -> Option<Node<'_>> {
        self.tree.as_ref().map(Tree::root_node)
    }

    /// The source text of a node.
    pub fn text_of(&self, node: Node<'_>) -> &str {
        self.text.get(node.byte_range()).unwrap_or_default()
    }

    /// The line and column of a byte range.
    pub fn span(&self, start: usize, end: usize) -> Span {
        crate::source::span_in_text(&self.text, start, end)
    }
}

/// Every node of the tree below `node` (itself included), in document order, visited without
/// recursion.
pub fn walk<'t>(node: Node<'t>, mut visit: impl FnMut(Node<'t>)) {
    let mut cursor = node.walk();
    loop {
        visit(cursor.node());
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node() == node {
                return;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// The declarations of the file that are not inside a type: the compilation unit's children and,
/// recursively, those of namespaces and preprocessor regions, in document order. `using`
/// directives and top-level classes are among them; class and method bodies are not entered, so
/// this costs a fraction of [`walk`].
pub fn declarations<'t>(root: Node<'t>, mut visit: impl FnMut(Node<'t>)) {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if node != root {
            visit(node);
        }
        let inner = match node.kind() {
            "namespace_declaration" => node.child_by_field_name("body"),
            k if node == root
                || k == "file_scoped_namespace_declaration"
                || k == "declaration_list"
                || k.starts_with("preproc_") =>
            {
                Some(node)
            }
            _ => None,
        };
        if let Some(inner) = inner {
            let mut cursor = inner.walk();
            let children: Vec<Node<'t>> = inner.named_children(&mut cursor).collect();
            stack.extend(children.into_iter().rev());
        }
    }
}

/// The named children of `node` of `kind`.
pub fn children_of_kind<'t>(node: Node<'t>, kind: &str) -> Vec<Node<'t>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|c| c.kind() == kind)
        .collect()
}

/// The classes of the file declared at its top level or in a namespace (not those nested in a
/// type).
pub fn classes<'t>(root: Node<'t>) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    declarations(root, |n| {
        if n.kind() == "class_declaration" {
            out.push(n);
        }
    });
    out
}

/// The base types a class names (`ScriptBase` for `class Script : ScriptBase`), as written.
pub fn bases<'s>(script: &'s Script, class: Node<'_>) -> Vec<&'s str> {
    children_of_kind(class, "base_list")
        .into_iter()
        .flat_map(|list| {
            let mut c = list.walk();
            list.named_children(&mut c).collect::<Vec<_>>()
        })
        .map(|n| script.text_of(n))
        .collect()
}

/// Whether a class derives from `ScriptBase` (by its simple or qualified name).
pub fn derives_script_base(script: &Script, class: Node<'_>) -> bool {
    bases(script, class)
        .iter()
        .any(|b| b.rsplit('.').next().map(str::trim) == Some("ScriptBase"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_reach_namespaces_and_preprocessor_regions_but_not_type_bodies() {
        let kinds = |text: &str| {
            let s = Script::from_bytes("script.csx", text.as_bytes());
            let mut found = Vec::new();
            declarations(s.root().unwrap(), |n| {
                if matches!(n.kind(), "using_directive" | "class_declaration") {
                    found.push(
                        s.text_of(n)
                            .split_whitespace()
                            .take(2)
                            .collect::<Vec<_>>()
                            .join(" "),
                    );
                }
            });
            found
        };
        assert_eq!(
            kinds(
                "using A;\n#if DEBUG\nusing B;\n#endif\nnamespace N { using C; public class Script : ScriptBase { class Inner {} } }\n"
            ),
            ["using A;", "using B;", "using C;", "public class"]
        );
        assert_eq!(
            kinds("namespace N;\nusing D;\nclass Script : ScriptBase { }\n"),
            ["using D;", "class Script"]
        );
    }

    #[test]
    fn a_script_parses_and_its_classes_are_found() {
        let s = Script::from_bytes(
            "script.csx",
            b"\xEF\xBB\xBFusing System;\nnamespace N { public class Script : ScriptBase { } }\n",
        );
        let root = s.root().unwrap();
        assert!(!root.has_error());
        let classes = classes(root);
        assert_eq!(classes.len(), 1);
        assert!(derives_script_base(&s, classes[0]));
        let span = s.span(classes[0].start_byte(), classes[0].end_byte());
        assert_eq!((span.line, span.column), (2, 15));
    }
}
