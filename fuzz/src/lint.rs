//! Lint of one definition, as `convert` and `fix` lint what they wrote: every rule runs on any
//! document and every finding is placed inside its text.

use ccforge::diagnostic::Declared;
use ccforge::lint::engine;
use ccforge::source;

pub fn run(data: &[u8]) {
    let Ok(mut src) = source::load_bytes("apiDefinition.swagger.json", data) else {
        return;
    };
    // Most rules need a Swagger 2.0 document: make an object one.
    if let Some(obj) = src.value.as_object_mut()
        && !obj.contains_key("swagger")
    {
        obj.insert("swagger".into(), "2.0".into());
    }
    let text = src.text.clone();
    let outcome = engine::lint_sources(vec![src], &Declared);
    for d in &outcome.diagnostics {
        if let Some(span) = &d.span {
            super::check_span(&text, span);
        }
    }
}
