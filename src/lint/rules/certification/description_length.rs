use crate::value::Lookup;
use serde_json::Value;

use super::shared::is_placeholder;
use crate::lint::{Definition, Emitter};

crate::declare_rule! {
    /// The connector's description is missing, shorter than 30 or longer than 500 characters.
    ///
    /// ## What
    /// `info.description` is missing, or has fewer than 30 or more than 500 characters.
    /// Certification
    /// profile.
    ///
    /// ## Why
    /// The description is what users read about the connector before they use it; certification
    /// asks
    /// for 30 to 500 characters, and Microsoft's certification validator reports
    /// `FieldLengthNotInRange`.
    ///
    /// ## Example
    /// ```json
    /// "info": {"title": "Contoso", "description": "Contoso API", "version": "1.0"}
    /// ```
    ///
    /// ## Fix
    /// Write one to three sentences on what the service does and what the connector lets users do.
    pub static RULE = Definition(check) {
        code: "CCF473",
        name: "description-length",
        severity: Error,
        profile: Certification,
        microsoft: ["FieldLengthNotInRange"],
    }
}

const MIN: usize = 30;
const MAX: usize = 500;

fn check(cx: &Definition, out: &mut Emitter) {
    let Some(info) = cx.doc.field("info").filter(|i| i.is_object()) else {
        return;
    };
    let Some(description) = info.field("description").and_then(Value::as_str) else {
        out.emit(cx.src, "/info", "the connector has no `description`; certification asks for 30 to 500 characters")
            .set_help("write one to three sentences on what the service does");
        return;
    };
    let n = description.trim().chars().count();
    if (MIN..=MAX).contains(&n) || is_placeholder(description) {
        return;
    }
    out.emit(
        cx.src,
        "/info/description",
        format!("the description has {n} characters; certification asks for {MIN} to {MAX}"),
    )
    .set_help(if n < MIN {
        "say what the service does and what the connector lets users do"
    } else {
        "keep the essentials; details belong in the documentation"
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::test_support::{findings, lint_definition};

    #[test]
    fn short_and_missing_descriptions_are_reported() {
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "info": {"title": "T", "description": "Contoso API"}}"#);
        assert_eq!(
            findings(&found),
            [("CCF473", "/info/description", "the description has 11 characters; certification asks for 30 to 500")]
        );
        let found = lint_definition(&RULE, r#"{"swagger": "2.0", "info": {"title": "T"}}"#);
        assert_eq!(findings(&found)[0].1, "/info");
    }

    #[test]
    fn a_description_in_range_passes() {
        assert!(lint_definition(&RULE, r#"{"swagger": "2.0", "info": {"title": "T", "description": "Contoso tracks parcels from pickup to delivery."}}"#).is_empty());
    }
}
