use serde_json::Value;

use super::shared::{has_word, is_placeholder, product_names};
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// The connector's title contains "API", "Connector" or a Power Platform product name.
    ///
    /// ## What
    /// `info.title` contains the word `API` or `Connector` (whole words, any case), or one of the
    /// product names Power Apps, Power Automate and Logic Apps. Certification profile.
    ///
    /// ## Why
    /// Certification rules these words out of titles (every connector is an API connector);
    /// Microsoft's certification validator reports `ValueContainsRestrictedWords`.
    ///
    /// ## Example
    /// ```json
    /// "title": "Contoso API Connector"
    /// ```
    ///
    /// ## Fix
    /// Name the product only: `Contoso`.
    pub static RULE = Definition(check) {
        code: "CCF471",
        name: "title-restricted-words",
        severity: Error,
        profile: Certification,
        microsoft: ["ValueContainsRestrictedWords"],
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(title) = cx.doc.pointer("/info/title").and_then(Value::as_str) else {
        return;
    };
    let mut words: Vec<&str> = ["API", "Connector"]
        .into_iter()
        .filter(|w| has_word(title, w))
        .collect();
    words.extend(product_names(title));
    if words.is_empty() || is_placeholder(title) {
        return;
    }
    let list: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    out.emit(
        cx.src,
        "/info/title",
        format!("the title contains {}, which certification rules out of titles", list.join(", ")),
    )
    .set_help("name the product only");
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn restricted_words_are_reported() {
        let found = lint_definition(
            &RULE,
            r#"{"swagger": "2.0", "info": {"title": "Contoso API for Power Automate"}}"#,
        );
        assert_eq!(
            findings(&found),
            [("CCF471", "/info/title", "the title contains `API`, `Power Automate`, which certification rules out of titles")]
        );
    }

    #[test]
    fn words_inside_words_pass() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "info": {"title": "RapidAPI Hub"}}"#).is_empty());
    }
}
