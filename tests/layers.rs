//! The crate's layers point one way: a module uses only its own layer and the layers below it,
//! and the top-level modules form no circle. Read from the `crate::` paths in the sources, as
//! ARCHITECTURE.md describes them. Also the one convention of the sources checked the same way:
//! members are looked up by a literal key through `value::Lookup`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module and its layer, lowest first.
const LAYERS: &[(&str, usize)] = &[
    ("diagnostic", 0),
    ("value", 0),
    ("memory", 0),
    ("source", 1),
    ("emit", 1),
    ("fsutil", 1),
    ("secrets", 1),
    ("detect", 2),
    ("swagger", 2),
    ("report", 2),
    ("import", 3),
    ("connector", 3),
    ("lint", 4),
    ("diff", 4),
    ("registry", 5),
    ("config", 6),
    ("pipeline", 7),
    ("lsp", 8),
    ("cli", 9),
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a source file belongs to (`src/lint/rules/x.rs` → `lint`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib" && name != "main").then(|| name.to_string())
}

/// The top-level modules a file names through `crate::` (in `use` lines and inline paths),
/// outside comments.
fn uses(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            // `$crate::` is a macro's own path, resolved where the macro is used.
            let before = &rest[..i];
            let after = &rest[i + "crate::".len()..];
            if !before.ends_with('$') {
                let name: String = after
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    found.insert(name);
                }
            }
            rest = after;
        }
    }
    found
}

fn graph() -> BTreeMap<String, BTreeMap<String, Vec<PathBuf>>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut edges: BTreeMap<String, BTreeMap<String, Vec<PathBuf>>> = BTreeMap::new();
    for f in files {
        let Some(from) = module_of(&src, &f) else {
            continue;
        };
        let text = std::fs::read_to_string(&f).unwrap();
        for to in uses(&text) {
            if to != from {
                edges
                    .entry(from.clone())
                    .or_default()
                    .entry(to)
                    .or_default()
                    .push(f.strip_prefix(&src).unwrap().to_path_buf());
            }
        }
    }
    edges
}

#[test]
fn every_module_has_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for f in files {
        if let Some(m) = module_of(&src, &f) {
            assert!(
                layer(&m).is_some(),
                "src/{m} has no layer: add it to LAYERS here and to ARCHITECTURE.md"
            );
        }
    }
}

#[test]
fn no_module_uses_a_layer_above_its_own() {
    let mut wrong = Vec::new();
    for (from, tos) in graph() {
        let Some(lf) = layer(&from) else { continue };
        for (to, files) in tos {
            let Some(lt) = layer(&to) else { continue };
            if lt > lf {
                wrong.push(format!(
                    "{from} (layer {lf}) uses {to} (layer {lt}) in {files:?}"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "upward imports:\n{}", wrong.join("\n"));
}

#[test]
fn top_level_modules_form_no_circle() {
    let edges = graph();
    // Depth-first search for a back edge.
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeMap<String, Vec<PathBuf>>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(node) {
            Some(1) => {
                let start = path.iter().position(|n| n == node).unwrap_or(0);
                let mut cycle = path[start..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            Some(2) => return None,
            _ => {}
        }
        state.insert(node.to_string(), 1);
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flat_map(|t| t.keys()) {
            if let Some(c) = visit(next, edges, state, path) {
                return Some(c);
            }
        }
        path.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in edges.keys() {
        if let Some(cycle) = visit(node, &edges, &mut state, &mut Vec::new()) {
            panic!("modules form a circle: {}", cycle.join(" -> "));
        }
    }
}

#[test]
fn the_check_sees_crate_paths() {
    let found = uses(
        "use crate::lint::Rule;\nlet x = crate::swagger::paths(d); // crate::cli\n$crate::diagnostic::Code",
    );
    assert_eq!(
        found.into_iter().collect::<Vec<_>>(),
        vec!["lint".to_string(), "swagger".to_string()]
    );
}

/// Every lookup by a literal key goes through `value::Lookup` (`field`, `field_mut`, `has`),
/// which searches small objects without hashing the key: a `.get("...")` on a serde_json value
/// or map would hash it.
#[test]
fn literal_keys_are_looked_up_through_lookup() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut found = Vec::new();
    for f in files.iter().filter(|f| !f.ends_with("value.rs")) {
        let text = std::fs::read_to_string(f).unwrap();
        for (i, line) in text.lines().enumerate() {
            if [".get(\"", ".get_mut(\"", ".contains_key(\""]
                .iter()
                .any(|p| line.contains(p))
            {
                found.push(format!("{}:{}: {}", f.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "use value::Lookup (field, field_mut, has):\n{}",
        found.join("\n")
    );
}
