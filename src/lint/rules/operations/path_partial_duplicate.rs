use std::collections::HashMap;

use crate::lint::{Definition, Emitter};
use crate::swagger;

crate::declare_rule! {
    /// A path variable can take the value of another operation's fixed segment.
    ///
    /// ## What
    /// Two operations with the same method have paths of the same length whose segments all
    /// match pairwise, where at least one segment is a whole `{variable}` in one path and a fixed
    /// segment in the other: `GET /items/{id}` and `GET /items/latest`. A request for
    /// `/items/latest` fits both. The finding is on the operation with the variable, naming the
    /// paths it overlaps.
    ///
    /// This is a conservative reading of Microsoft's rule, whose text speaks of "an input path
    /// parameter value [that] matches a static value segment": only segments that are exactly one
    /// variable count as variables, fixed segments are compared ignoring letter case, and a
    /// segment mixing text and variables (`{name}.json`) is only compared with the same mixture.
    /// Templates that differ only in variable names are path-duplicate's finding.
    ///
    /// ## Why
    /// Microsoft's validator warns (PartialDuplicateOperationPath): a request can be routed to
    /// the other operation when a user's value equals the fixed segment, and routing should
    /// never depend on the values. Many accepted connectors have such pairs, so this is a
    /// warning.
    ///
    /// ## Example
    /// ```json
    /// "/items/{id}": { "get": {...} },
    /// "/items/latest": { "get": {...} }
    /// ```
    ///
    /// ## Fix
    /// Make the paths differ in a fixed segment, e.g. `/items/by-id/{id}`, or fold the fixed
    /// path into the variable one (an `id` of `latest`) if the API really treats it so.
    pub static RULE = Definition(check) {
        code: "CCF217",
        name: "path-partial-duplicate",
        severity: Warning,
        microsoft: ["PartialDuplicateOperationPath"],
    }
}

/// One segment of a path template, as paths are compared: fixed text and the fixed parts of
/// a mixed segment without regard to case.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Seg {
    Fixed(String),
    Var,
    /// Text and variables in one segment (`{id}.json`), by its skeleton (`{}.json`).
    Mixed(String),
}

fn segments(path: &str) -> Vec<Seg> {
    path.split('/')
        .map(|s| {
            if !s.contains(['{', '}']) {
                Seg::Fixed(s.to_ascii_lowercase())
            } else if s.len() > 2
                && s.starts_with('{')
                && s.ends_with('}')
                && !s[1..s.len() - 1].contains(['{', '}'])
            {
                Seg::Var
            } else {
                Seg::Mixed(swagger::skeleton(s).to_ascii_lowercase())
            }
        })
        .collect()
}

/// The paths of one method and length, as a tree of segments.
#[derive(Default)]
struct Node {
    children: HashMap<Seg, usize>,
    /// Operations whose path ends here.
    ends: Vec<usize>,
}

struct Tree {
    nodes: Vec<Node>,
}

impl Tree {
    fn new() -> Tree {
        Tree {
            nodes: vec![Node::default()],
        }
    }

    fn insert(&mut self, segs: &[Seg], op: usize) {
        let mut at = 0;
        for seg in segs {
            at = match self.nodes[at].children.get(seg) {
                Some(&next) => next,
                None => {
                    self.nodes.push(Node::default());
                    let next = self.nodes.len() - 1;
                    self.nodes[at].children.insert(seg.clone(), next);
                    next
                }
            };
        }
        self.nodes[at].ends.push(op);
    }

    /// The operations whose paths `segs` shadows: segment by segment each is the same, or a
    /// variable of `segs` faces a fixed (non-empty) segment, or a fixed segment of `segs`
    /// faces a variable; and at least one variable of `segs` faces a fixed segment.
    fn shadowed(&self, segs: &[Seg], out: &mut Vec<usize>) {
        let mut todo = vec![(0usize, 0usize, false)];
        while let Some((at, depth, shadows)) = todo.pop() {
            let node = &self.nodes[at];
            let Some(seg) = segs.get(depth) else {
                if shadows {
                    out.extend(&node.ends);
                }
                continue;
            };
            if let Some(&same) = node.children.get(seg) {
                todo.push((same, depth + 1, shadows));
            }
            match seg {
                Seg::Fixed(p) if !p.is_empty() => {
                    if let Some(&var) = node.children.get(&Seg::Var) {
                        todo.push((var, depth + 1, shadows));
                    }
                }
                Seg::Var => {
                    for (child, &next) in &node.children {
                        if matches!(child, Seg::Fixed(q) if !q.is_empty()) {
                            todo.push((next, depth + 1, true));
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    // Only operations with a variable segment can shadow; group by method and length.
    let segs: Vec<Vec<Seg>> = cx.operations.iter().map(|op| segments(op.path)).collect();
    let mut groups: HashMap<(&str, usize), Vec<usize>> = HashMap::new();
    for (i, op) in cx.operations.iter().enumerate() {
        groups.entry((op.method, segs[i].len())).or_default().push(i);
    }
    let mut partners: Vec<Vec<usize>> = vec![Vec::new(); cx.operations.len()];
    for members in groups.values().filter(|m| m.len() > 1) {
        let mut tree = Tree::new();
        for &i in members {
            tree.insert(&segs[i], i);
        }
        for &a in members {
            if segs[a].contains(&Seg::Var) {
                tree.shadowed(&segs[a], &mut partners[a]);
                partners[a].retain(|&b| b != a);
            }
        }
    }
    for (a, list) in partners.iter_mut().enumerate() {
        if list.is_empty() {
            continue;
        }
        list.sort_unstable();
        let op = &cx.operations[a];
        let shown: Vec<String> = list
            .iter()
            .take(5)
            .map(|&b| format!("`{}`", cx.operations[b].path))
            .collect();
        let more = match list.len() {
            n if n > 5 => format!(" and {} more", n - 5),
            _ => String::new(),
        };
        out.emit(
            cx.src,
            op.pointer(),
            format!(
                "{} also fits the requests of {} {}{more}: a path variable whose value equals a fixed segment routes to more than one operation",
                op.label(),
                op.method.to_ascii_uppercase(),
                shown.join(", ")
            ),
        )
        .set_help("make the paths differ in a fixed segment");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_variable_facing_a_fixed_segment_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {
                "/items/{id}": {"get": {}},
                "/items/latest": {"get": {}, "post": {}},
                "/items/{id}/parts": {"post": {}},
                "/{kind}/search": {"get": {}},
                "/items/{id}.json": {"get": {}}
            }}"#,
        );
        assert_eq!(
            findings(&found),
            [
                (
                    "CCF217",
                    "/paths/~1items~1{id}/get",
                    "GET /items/{id} also fits the requests of GET `/items/latest`, `/{kind}/search`: a path variable whose value equals a fixed segment routes to more than one operation"
                ),
                (
                    "CCF217",
                    "/paths/~1{kind}~1search/get",
                    "GET /{kind}/search also fits the requests of GET `/items/{id}`: a path variable whose value equals a fixed segment routes to more than one operation"
                ),
            ]
        );
    }

    #[test]
    fn distinct_fixed_segments_pass() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "paths": {
                "/items/{id}": {"get": {}},
                "/items/{id}/parts": {"get": {}},
                "/orders/latest": {"get": {}},
                "/items/latest": {"delete": {}},
                "/items/{itemId}": {"put": {}}
            }}"#,
        );
        assert!(found.is_empty());
    }
}
