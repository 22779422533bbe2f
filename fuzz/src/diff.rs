//! Diff of two documents (the input split at its first NUL byte; without one, the document
//! against itself, which must show no change): any pair compares, and every change is placed
//! inside its side's text.

use ccforge::diff;
use ccforge::pipeline::diff::{Placer, locate};
use ccforge::source;

pub fn run(data: &[u8]) {
    let (old, new) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, data),
    };
    let (Ok(a), Ok(b)) = (
        source::load_bytes("old.json", old),
        source::load_bytes("new.json", new),
    ) else {
        return;
    };
    let changes = diff::diff(&a.value, &b.value);
    if old == new {
        assert!(
            changes.is_empty(),
            "a document differs from itself: {:?}",
            changes.first()
        );
    }
    let _ = diff::properties::properties(&a.value, &b.value);
    let (ta, tb) = (a.text.clone(), b.text.clone());
    let located = locate(&changes, &Placer::plain(a), &Placer::plain(b));
    for l in &located {
        for (place, text) in [(&l.old, &ta), (&l.new, &tb)] {
            if let Some(line) = place.as_ref().and_then(|p| p.line) {
                assert!(
                    line >= 1 && line <= text.lines().count().max(1),
                    "line {line}"
                );
            }
        }
    }
    let _ = diff::render::json(&located);
    let _ = diff::render::pretty(&located, false, diff::render::Style::DIFF);
    let _ = diff::render::markdown(&located, diff::render::Style::DIFF);
}
