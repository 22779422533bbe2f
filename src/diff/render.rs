//! Diff reports: pretty (terminal), markdown (pull-request comment), json, github annotations.

use serde_json::json;

use super::{Change, Level};

/// Where a change is, on each side: file and 1-based line and column, when located.
#[derive(Debug, Clone, Default)]
pub struct Place {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The pointer in `file`, when it is not the change's own (a change on a converted input is
    /// placed in the file it was converted from).
    pub pointer: Option<String>,
}

impl Place {
    fn text(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file),
            _ => self.file.clone(),
        }
    }
}

/// How a report names its two sides.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// The markdown heading.
    pub title: &'static str,
    pub old_label: &'static str,
    pub new_label: &'static str,
    /// Annotations and table rows point at the old side when it is located (drift: the
    /// connector, which is the file in the repository), else at the new side.
    pub anchor_old: bool,
    /// The two sides differ where no change is told (descriptions, examples, a scope taken
    /// away): with no change, the summary does not say they are the same.
    pub differ_elsewhere: bool,
}

impl Style {
    pub const DIFF: Style = Style {
        title: "Connector changes",
        old_label: "old",
        new_label: "new",
        anchor_old: false,
        differ_elsewhere: false,
    };
    pub const DRIFT: Style = Style {
        title: "Connector drift",
        old_label: "connector",
        new_label: "api",
        anchor_old: true,
        differ_elsewhere: false,
    };

    fn anchor<'a>(&self, l: &'a Located) -> Option<&'a Place> {
        if self.anchor_old {
            l.old.as_ref().or(l.new.as_ref())
        } else {
            l.new.as_ref().or(l.old.as_ref())
        }
    }
}

/// A change with its places.
pub struct Located<'a> {
    pub change: &'a Change,
    pub old: Option<Place>,
    pub new: Option<Place>,
}

fn counts(changes: &[Located]) -> (usize, usize, usize) {
    let mut c = (0, 0, 0);
    for l in changes {
        match l.change.level {
            Level::Breaking => c.0 += 1,
            Level::Warning => c.1 += 1,
            Level::Info => c.2 += 1,
        }
    }
    c
}

pub use crate::report::plural;

/// The label of the markdown fold of what is not breaking, in the summary's words and counts:
/// `1 warning and 4 other changes`.
fn not_breaking(w: usize, i: usize) -> String {
    match (w, i) {
        (w, 0) => plural(w, "warning"),
        (0, i) => plural(i, "other change"),
        (w, i) => format!("{} and {}", plural(w, "warning"), plural(i, "other change")),
    }
}

pub fn summary(changes: &[Located], style: Style) -> String {
    let (b, w, i) = counts(changes);
    if changes.is_empty() && style.differ_elsewhere {
        return "No changes that affect connections or flows; the definitions differ elsewhere \
                (`--text` shows where)."
            .into();
    }
    if changes.is_empty() {
        return "No changes.".into();
    }
    format!(
        "{}, {} and {}.",
        plural(b, "breaking change"),
        plural(w, "warning"),
        plural(i, "other change")
    )
}

pub fn pretty(changes: &[Located], color: bool, style: Style) -> String {
    use crate::report::escape_line;
    let mut out = String::new();
    for l in changes {
        let c = l.change;
        let (tag, paint) = match c.level {
            Level::Breaking => ("breaking", "\x1b[1;31m"),
            Level::Warning => ("warning ", "\x1b[1;33m"),
            Level::Info => ("info    ", "\x1b[36m"),
        };
        let tag = if color {
            format!("{paint}{tag}\x1b[0m")
        } else {
            tag.to_string()
        };
        // What comes from the inputs (keys, file names) is shown with its control characters
        // escaped: it cannot move the cursor or start a line of its own.
        out.push_str(&format!("{tag} {} {}\n", c.rule, escape_line(&c.message)));
        if let Some(op) = &c.operation {
            out.push_str(&format!("         in {}\n", escape_line(op)));
        }
        if let Some(p) = &l.old {
            out.push_str(&format!(
                "         {} {}\n",
                style.old_label,
                escape_line(&p.text())
            ));
        }
        if let Some(p) = &l.new {
            out.push_str(&format!(
                "         {} {}\n",
                style.new_label,
                escape_line(&p.text())
            ));
        }
    }
    out.push_str(&summary(changes, style));
    out.push('\n');
    out
}

fn place_json(p: &Option<Place>, pointer: &Option<String>) -> serde_json::Value {
    match (p, pointer) {
        (Some(p), Some(ptr)) => {
            let ptr = p.pointer.as_ref().unwrap_or(ptr);
            json!({"file": p.file, "pointer": ptr, "line": p.line, "column": p.column})
        }
        _ => serde_json::Value::Null,
    }
}

pub fn json(changes: &[Located]) -> String {
    let (b, w, i) = counts(changes);
    let list: Vec<serde_json::Value> = changes
        .iter()
        .map(|l| {
            json!({
                "rule": l.change.rule,
                "level": l.change.level.as_str(),
                "message": l.change.message,
                "operation": l.change.operation,
                "old": place_json(&l.old, &l.change.old),
                "new": place_json(&l.new, &l.change.new),
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&json!({
        "summary": {"breaking": b, "warning": w, "info": i},
        "changes": list,
    }))
    .unwrap_or_default();
    s.push('\n');
    s
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// `s` as code in a table cell: a `|` is escaped there too, or it would end the cell.
fn md_code(s: &str) -> String {
    format!("`{}`", md_escape(s))
}

pub fn markdown(changes: &[Located], style: Style) -> String {
    let mut out = format!("## {}\n\n", style.title);
    out.push_str(&summary(changes, style));
    out.push_str("\n\n");
    let breaking: Vec<&Located> = changes
        .iter()
        .filter(|l| l.change.level == Level::Breaking)
        .collect();
    if !breaking.is_empty() {
        out.push_str("| | change | operation | where | |\n|---|---|---|---|---|\n");
        for l in &breaking {
            let place = style.anchor(l).map(Place::text).unwrap_or_default();
            out.push_str(&format!(
                "| :x: | `{}` | {} | {} | {} |\n",
                l.change.rule,
                l.change
                    .operation
                    .as_deref()
                    .map(md_code)
                    .unwrap_or_default(),
                md_code(&place),
                md_escape(&l.change.message)
            ));
        }
        out.push('\n');
    }
    let rest: Vec<&Located> = changes
        .iter()
        .filter(|l| l.change.level != Level::Breaking)
        .collect();
    if !rest.is_empty() {
        let (_, w, i) = counts(changes);
        out.push_str(&format!(
            "<details><summary>{}</summary>\n\n",
            not_breaking(w, i)
        ));
        out.push_str("| level | change | operation | |\n|---|---|---|---|\n");
        for l in rest {
            out.push_str(&format!(
                "| {} | `{}` | {} | {} |\n",
                l.change.level.as_str(),
                l.change.rule,
                l.change
                    .operation
                    .as_deref()
                    .map(md_code)
                    .unwrap_or_default(),
                md_escape(&l.change.message)
            ));
        }
        out.push_str("\n</details>\n");
    }
    out
}

fn gh_escape(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

pub fn github(changes: &[Located], style: Style) -> String {
    let mut out = String::new();
    for l in changes {
        let kind = match l.change.level {
            Level::Breaking => "error",
            Level::Warning => "warning",
            Level::Info => "notice",
        };
        let place = style.anchor(l);
        let mut props = vec![format!(
            "title=ccforge {} {}",
            if style.anchor_old { "drift" } else { "diff" },
            gh_escape(l.change.rule)
                .replace(',', "%2C")
                .replace(':', "%3A")
        )];
        if let Some(p) = place {
            props.insert(
                0,
                format!(
                    "file={}",
                    gh_escape(&p.file).replace(',', "%2C").replace(':', "%3A")
                ),
            );
            if let Some(line) = p.line {
                props.insert(1, format!("line={line}"));
            }
        }
        out.push_str(&format!(
            "::{kind} {}::{}\n",
            props.join(","),
            gh_escape(&l.change.message)
        ));
    }
    out
}
