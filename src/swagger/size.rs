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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pretty_len_is_the_written_length() {
        let docs = [
            json!(null),
            json!({}),
            json!([]),
            json!({"a": [], "b": {}, "c": [[], {}, [1, -2, 3.5, 1e300, -0.0, 12345678901234567890u64]]}),
            json!({"s": "quote \" backslash \\ newline \n tab \t cr \r bell \u{7} nul \u{0} del \u{7f}",
                   "unicode": "é – 😀", "nested": {"deep": {"deeper": [true, false, null, "x"]}}}),
        ];
        for doc in docs {
            let written = serde_json::to_string_pretty(&doc).unwrap().len() + 1;
            assert_eq!(pretty_len(&doc), written, "{doc}");
        }
        // Every JSON fixture, as another sample of real documents.
        let mut checked = 0;
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let p = entry.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|e| e == "json")
                    && let Ok(doc) =
                        serde_json::from_str::<Value>(&std::fs::read_to_string(&p).unwrap())
                {
                    let written = serde_json::to_string_pretty(&doc).unwrap().len() + 1;
                    assert_eq!(pretty_len(&doc), written, "{}", p.display());
                    checked += 1;
                }
            }
        }
        assert!(checked > 20, "only {checked} JSON fixtures were found");
    }
}
