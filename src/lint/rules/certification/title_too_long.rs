use serde_json::Value;

use super::shared::is_placeholder;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// The connector's title is longer than 30 characters.
    ///
    /// ## What
    /// `info.title` has more than 30 characters (characters, not bytes). Certification profile.
    ///
    /// ## Why
    /// Certification limits a connector's title to 30 characters; Microsoft's certification
    /// validator
    /// reports `FieldLengthExceeded`.
    ///
    /// ## Example
    /// ```json
    /// "title": "Contoso Customer Relationship Manager"
    /// ```
    ///
    /// ## Fix
    /// Shorten the title to the product's name.
    pub static RULE = Definition(check) {
        code: "CCF470",
        name: "title-too-long",
        severity: Error,
        profile: Certification,
        microsoft: ["FieldLengthExceeded"],
    }
}

const LIMIT: usize = 30;

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(title) = cx.doc.pointer("/info/title").and_then(Value::as_str) else {
        return;
    };
    let n = title.chars().count();
    if n > LIMIT && !is_placeholder(title) {
        out.emit(
            cx.src,
            "/info/title",
            format!("the title has {n} characters; certification allows at most {LIMIT}"),
        )
        .set_help("shorten the title to the product's name");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_long_title_is_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "Contoso Customer Relationship Manager"}}"#,
        );
        assert_eq!(
            findings(&found),
            [("CCF470", "/info/title", "the title has 37 characters; certification allows at most 30")]
        );
    }

    #[test]
    fn a_short_title_passes() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "info": {"title": "Contoso CRM"}}"#).is_empty());
    }
}
