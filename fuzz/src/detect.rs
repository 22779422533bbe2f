//! Format detection: any document is one format or an unknown with a pointer into it.

use ccforge::{detect, source};

pub fn run(data: &[u8]) {
    let Ok(src) = source::load_bytes("input.json", data) else {
        return;
    };
    for name in ["input.json", "apiProperties.json", "settings.json"] {
        match detect::detect(&src.value, name) {
            Ok(format) => {
                let _ = format.with_article();
            }
            Err(unknown) => {
                let d = unknown.diagnostic(name);
                assert!(!d.message.is_empty());
                let mut diags = vec![d];
                src.resolve(&mut diags);
                super::check_diagnostics(&src, &diags);
            }
        }
    }
}
