use serde_json::Value;

use super::shared::mostly_non_latin;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A title, description or summary is written mostly in a script other than Latin.
    ///
    /// ## What
    /// More than half of the letters (at least four) of `info.title`, `info.description`, an
    /// operation's `summary` or `description`, or a parameter's `x-ms-summary` or `description` are
    /// outside the Latin alphabets. Certification profile.
    ///
    /// ## Why
    /// Certification asks for English texts; Microsoft's certification validator reports
    /// `ValueMustBeInEnglish`. Telling English from French or German needs more than a linter
    /// should
    /// guess, so this reading is conservative: it catches texts in Japanese, Chinese, Cyrillic,
    /// Arabic
    /// and similar scripts only.
    ///
    /// ## Example
    /// ```json
    /// "summary": "連絡先を取得"
    /// ```
    ///
    /// ## Fix
    /// Write the text in English (a localised connector ships its translations separately).
    pub static RULE = Definition(check) {
        code: "CCF475",
        name: "text-not-english",
        severity: Warning,
        profile: Certification,
        microsoft: ["ValueMustBeInEnglish"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let mut test = |v: Option<&Value>, at: &dyn Fn() -> String, what: &str| {
        if let Some(s) = v.and_then(Value::as_str)
            && mostly_non_latin(s)
        {
            out.emit(cx.src, at(), format!("{what} is not written in English: \"{s}\""))
                .set_help("write it in English");
        }
    };
    test(cx.doc.pointer("/info/title"), &|| "/info/title".into(), "the title");
    test(cx.doc.pointer("/info/description"), &|| "/info/description".into(), "the description");
    for op in cx.operations {
        for key in ["summary", "description"] {
            test(op.op.get(key), &|| op.pointer_to(key), &format!("the {key} of {}", op.label()));
        }
    }
    for p in cx.parameters() {
        let name = p.name().unwrap_or_default();
        for key in ["x-ms-summary", "description"] {
            test(
                p.value.get(key),
                &|| crate::diagnostic::join_pointer(&p.pointer(), key),
                &format!("the {key} of parameter `{name}`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn texts_in_other_scripts_are_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {"/c": {"get": {"summary": "連絡先を取得"}}}}"#);
        assert_eq!(
            findings(&found),
            [("CCF475", "/paths/~1c/get/summary", "the summary of GET /c is not written in English: \"連絡先を取得\"")]
        );
    }

    #[test]
    fn latin_texts_pass() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "info": {"title": "Café Société"}, "paths": {"/c": {"get": {"summary": "Get contacts (連絡先)"}}}}"#).is_empty());
    }
}
