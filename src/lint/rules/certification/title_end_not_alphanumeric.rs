use serde_json::Value;

use super::shared::is_placeholder;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// The connector's title does not end with a letter or a digit.
    ///
    /// ## What
    /// The last character of `info.title` (spaces trimmed) is not a letter or a digit.
    /// Certification
    /// profile.
    ///
    /// ## Why
    /// Certification asks titles to end in a letter or digit; Microsoft's certification validator
    /// reports `ValueMustEndWithAlphanumeric`.
    ///
    /// ## Example
    /// ```json
    /// "title": "Contoso (Beta)"
    /// ```
    ///
    /// ## Fix
    /// End the title with the name itself: `Contoso Beta`.
    pub static RULE = Definition(check) {
        code: "CCF472",
        name: "title-end-not-alphanumeric",
        severity: Error,
        profile: Certification,
        microsoft: ["ValueMustEndWithAlphanumeric"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(title) = cx.doc.pointer("/info/title").and_then(Value::as_str) else {
        return;
    };
    let Some(last) = title.trim_end().chars().next_back() else {
        return;
    };
    if !last.is_alphanumeric() && !is_placeholder(title) {
        out.emit(
            cx.src,
            "/info/title",
            format!("the title ends with `{last}`; certification wants a letter or digit last"),
        )
        .set_help("end the title with the name itself");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn a_title_ending_in_punctuation_is_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "info": {"title": "Contoso (Beta)"}}"#);
        assert_eq!(
            findings(&found),
            [("CCF472", "/info/title", "the title ends with `)`; certification wants a letter or digit last")]
        );
    }

    #[test]
    fn a_title_ending_in_a_digit_passes() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "info": {"title": "Contoso 365"}}"#).is_empty());
    }
}
