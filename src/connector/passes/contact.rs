//! Gives the definition an `info.contact` skeleton whose missing entries are placeholders.

use crate::value::Lookup;
use serde_json::{Map, Value};

use crate::connector::PassOut;
use crate::connector::placeholder;

crate::declare_pass! {
    /// Pass (certification): a missing `info.contact`, or its missing name, url or email, is
    /// written as a placeholder to fill in.
    ///
    /// ## What
    /// A connector pass of the certification profile (it runs with `--profile certification` or
    /// `profile = "certification"`, or when switched on in `[passes]`). When `info.contact` or
    /// one of its `name`, `url` and `email` is missing, it is added with a placeholder
    /// (`TODO: ...`, `https://todo.invalid/...`, `support@todo.invalid`). Nothing is invented and
    /// nothing present is changed.
    ///
    /// ## Why
    /// Certification requires the publisher's contact; the placeholders show where it goes, and
    /// `placeholder-unfilled` reports each one until a person fills it in.
    ///
    /// ## Example
    /// `"info": {"title": "Contoso", "version": "1.0"}` gains
    /// `"contact": {"name": "TODO: ...", "url": "https://todo.invalid/support", "email": "support@todo.invalid"}`.
    ///
    /// ## Fix
    /// Replace the placeholders with the publisher's real name, support page and address.
    pub static CONTACT = Pass(run) {
        code: "CCF614",
        name: "fix-contact",
        profile: Certification,
    }
}

pub fn run(doc: &mut Value, out: &mut PassOut) {
    let Some(info) = doc.field_mut("info").and_then(Value::as_object_mut) else {
        return;
    };
    let contact = info
        .entry("contact")
        .or_insert_with(|| Value::Object(Map::new()));
    let Some(contact) = contact.as_object_mut() else {
        return;
    };
    let mut added = Vec::new();
    for (key, value) in [
        ("name", placeholder::text("the publisher's or support team's name")),
        ("url", placeholder::url("support")),
        ("email", placeholder::email()),
    ] {
        if !contact.contains_key(key) {
            contact.insert(key.into(), Value::String(value));
            added.push(key);
        }
    }
    if !added.is_empty() {
        out.note(
            "/info/contact",
            format!(
                "placeholder contact {} added: fill in the publisher's details",
                added.join(", ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn missing_entries_become_placeholders() {
        let found = crate::connector::passes::bad_good(
            &CONTACT,
            json!({"info": {"title": "T", "contact": {"name": "Contoso"}}}),
            json!({"info": {"title": "T", "contact": {"name": "Contoso",
                "url": "https://todo.invalid/support", "email": "support@todo.invalid"}}}),
        );
        assert_eq!(
            found,
            [(
                "/info/contact".to_string(),
                "placeholder contact url, email added: fill in the publisher's details".to_string()
            )]
        );
    }
}
