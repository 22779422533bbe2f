use crate::value::Lookup;
use serde_json::Value;

use super::shared::{ends_sentence, is_placeholder};
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// A description does not end in punctuation.
    ///
    /// ## What
    /// `info.description`, an operation's `description` or a parameter's `description` does not end
    /// in `.`, `!` or `?` (closing brackets and quotes after it are fine). Certification profile.
    ///
    /// ## Why
    /// Certification and the connectors repository's coding standards ask for descriptions written
    /// as
    /// full sentences, ending in punctuation.
    ///
    /// ## Example
    /// ```json
    /// "description": "Lists the users of the workspace"
    /// ```
    ///
    /// ## Fix
    /// End the sentence: `ccforge fix --profile certification` adds the period where the text ends
    /// on
    /// a letter, digit or bracket; a text that ends on `:` or `,` needs rewriting by a person.
    pub static RULE = Definition(check) {
        code: "CCF487",
        name: "description-no-final-punctuation",
        severity: Warning,
        profile: Certification,
    }
}

fn check(cx: &Definition, out: &mut Emitter) {
    let mut test = |v: Option<&Value>, at: &dyn Fn() -> String, what: &str| {
        if let Some(s) = v.and_then(Value::as_str)
            && !s.trim().is_empty()
            && !ends_sentence(s)
            && !is_placeholder(s)
        {
            out.emit(cx.src, at(), format!("the description of {what} does not end in punctuation"))
                .set_help("end it with a period (`ccforge fix --profile certification` adds one where it can)");
        }
    };
    test(cx.doc.pointer("/info/description"), &|| "/info/description".into(), "the connector");
    for op in cx.operations {
        test(op.op.field("description"), &|| op.pointer_to("description"), &op.label());
    }
    for p in cx.parameters() {
        let name = p.name().unwrap_or_default();
        test(
            p.value.field("description"),
            &|| crate::diagnostic::join_pointer(&p.pointer(), "description"),
            &format!("parameter `{name}`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn unfinished_sentences_are_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "paths": {"/u": {"get": {"description": "Lists users", "parameters": [{"name": "q", "in": "query", "description": "Filter, for example:"}]}}}}"#);
        assert_eq!(
            findings(&found),
            [
                ("CCF487", "/paths/~1u/get/description", "the description of GET /u does not end in punctuation"),
                ("CCF487", "/paths/~1u/get/parameters/0/description", "the description of parameter `q` does not end in punctuation"),
            ]
        );
    }

    #[test]
    fn sentences_pass() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "info": {"description": "Track parcels (all of them)."}, "paths": {"/u": {"get": {"description": "Lists users."}}}}"#).is_empty());
    }
}
