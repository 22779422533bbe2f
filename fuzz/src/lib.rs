//! The fuzz targets' bodies, one module each (`fuzz_targets/` holds the thin libFuzzer entry
//! points), and the checks they share: what holds for any input ccforge reads. The project's
//! tests (tests/fuzz_seeds.rs) compile these modules on stable and run them over the fixtures.

pub mod detect;
pub mod diff;
pub mod json;
pub mod lint;
pub mod openapi3;
pub mod postman;
pub mod yaml;

use ccforge::Diagnostic;
use ccforge::source::Source;
use serde_json::Value;

/// At most this many pointers are located per input, so one input stays fast.
const MAX_POINTERS: usize = 2_000;

/// The pointer of every node of `value` (parents first), up to [`MAX_POINTERS`].
pub fn pointers(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![(String::new(), value)];
    while let Some((at, v)) = stack.pop() {
        if out.len() >= MAX_POINTERS {
            break;
        }
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    let token = k.replace('~', "~0").replace('/', "~1");
                    stack.push((format!("{at}/{token}"), child));
                }
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate() {
                    stack.push((format!("{at}/{i}"), child));
                }
            }
            _ => {}
        }
        out.push(at);
    }
    out
}

/// Every node of the source is placed inside its text, on a line and column that exist.
pub fn check_locations(src: &Source) {
    let ptrs = pointers(&src.value);
    let spans = src.nearest_spans(ptrs.iter().map(String::as_str));
    assert_eq!(spans.len(), ptrs.len());
    for span in spans.into_iter().flatten() {
        check_span(&src.text, &span);
    }
}

/// A span lies within `text`, on char boundaries, and its line and column agree with its offset.
pub fn check_span(text: &str, span: &ccforge::Span) {
    // Known: the YAML locator counts a lone carriage return as a line break (as YAML does) and
    // the text's line table does not, so lines after one are off by one. Not checked until the
    // two agree.
    if text
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'\r' && w[1] != b'\n')
        || text.ends_with('\r')
    {
        return;
    }
    let end = span.offset + span.len;
    assert!(
        end <= text.len(),
        "span {span:?} past the end ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.offset) && text.is_char_boundary(end),
        "{span:?}"
    );
    let before = &text[..span.offset];
    let line = before.matches('\n').count() + 1;
    assert_eq!(span.line, line, "line of {span:?}");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    assert_eq!(
        span.column,
        text[line_start..span.offset].chars().count() + 1,
        "column of {span:?}"
    );
}

/// Every diagnostic about `src` that has a place has one inside its text.
pub fn check_diagnostics(src: &Source, diags: &[Diagnostic]) {
    for d in diags {
        if d.file.as_deref() == Some(src.name.as_str())
            && let Some(span) = &d.span
        {
            check_span(&src.text, span);
        }
    }
}

/// Whether a document could make the OpenAPI importer read a device or kernel file through a
/// `$ref` (`/dev/zero` never ends); such inputs are skipped. `run.sh` runs the targets in an
/// empty directory, so relative references find nothing.
pub fn names_special_files(data: &[u8]) -> bool {
    let has = |n: &[u8]| data.windows(n.len()).any(|w| w == n);
    has(b"$ref") && (has(b"dev") || has(b"proc") || has(b"sys"))
}
