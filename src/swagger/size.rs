//! How large a definition is once written, the number the platform's 1 MB limit counts.

use serde_json::Value;

/// Power Platform's limit on the definition file.
pub const MAX_DEFINITION_BYTES: usize = 1024 * 1024;

/// The length of the document as written (pretty JSON, two-space indent, and a newline),
/// worked out from the tree without writing the text.
pub fn pretty_len(doc: &Value) -> usize {
    // The top-level members (paths, definitions) are measured in parallel.
    let Value::Object(m) = doc else {
        return json_len(doc, 0) + 1;
    };
    if m.is_empty() {
        return 3;
    }
    use rayon::prelude::*;
    let members: Vec<(&String, &Value)> = m.iter().collect();
    let inner: usize = members
        .par_iter()
        .map(|(k, x)| quoted_len(k) + 2 + json_len(x, 1))
        .sum();
    container_len(0, m.len(), inner) + 1
}

/// The length of a non-empty container at nesting `depth` with `n` members whose own text is
/// `members` long: its brackets, a line break before each member and before the closing
/// bracket, the separating commas, and the indentation of every line.
fn container_len(depth: usize, n: usize, members: usize) -> usize {
    2 + n * (2 * (depth + 1) + 2) + 2 * depth + members
}

/// The length of `v` as pretty JSON when it starts at nesting `depth`.
fn json_len(v: &Value, depth: usize) -> usize {
    match v {
        Value::Null => 4,
        Value::Bool(true) => 4,
        Value::Bool(false) => 5,
        Value::Number(n) => number_len(n),
        Value::String(s) => quoted_len(s),
        Value::Array(a) if a.is_empty() => 2,
        Value::Object(m) if m.is_empty() => 2,
        Value::Array(a) => container_len(
            depth,
            a.len(),
            a.iter().map(|x| json_len(x, depth + 1)).sum::<usize>(),
        ),
        Value::Object(m) => container_len(
            depth,
            m.len(),
            m.iter()
                .map(|(k, x)| quoted_len(k) + 2 + json_len(x, depth + 1))
                .sum::<usize>(),
        ),
    }
}

/// The length of a number as serde_json writes it.
pub fn number_len(n: &serde_json::Number) -> usize {
    let digits = |n: u64| n.checked_ilog10().map_or(1, |d| d as usize + 1);
    match (n.as_u64(), n.as_i64()) {
        (Some(u), _) => digits(u),
        (None, Some(i)) => 1 + digits(i.unsigned_abs()),
        _ => serde_json::to_string(n).map_or(4, |t| t.len()),
    }
}

/// A string's length in JSON: quotes, and escapes for `"`, `\\` and control characters.
fn quoted_len(s: &str) -> usize {
    // Most strings need no escape; this count vectorises.
    let special = s
        .bytes()
        .filter(|&b| b < 0x20 || b == b'"' || b == b'\\')
        .count();
    if special == 0 {
        return s.len() + 2;
    }
    s.len()
        + 2
        + s.bytes()
            .map(|b| match b {
                b'"' | b'\\' | 0x08 | 0x0c | b'\n' | b'\r' | b'\t' => 1,
                0..0x20 => 5,
                _ => 0,
            })
            .sum::<usize>()
}
