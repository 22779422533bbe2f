//! Every code ccforge reports, collected from the declarations of each layer: the errors of
//! reading, detecting and configuring, the lint rules, the connector passes, the importers' losses
//! and the diff's changes. `ccforge rules`, the configuration and the generated rule reference
//! read it; nothing keeps a list of its own.

use std::sync::OnceLock;

use crate::diagnostic::Code;

crate::declare_code! {
    /// ccforge.toml cannot be read or names an unknown rule, level or profile.
    ///
    /// ## What
    /// The configuration file is not valid TOML, has an unknown key, names a rule that does not
    /// exist, or gives a level other than `off`, `info`, `warning`, `error`.
    ///
    /// ## Why
    /// A silently ignored setting would lint with rules the team meant to change.
    ///
    /// ## Example
    /// ```toml
    /// [rules]
    /// path-trailing-slash = "loud"
    /// ```
    ///
    /// ## Fix
    /// Correct the entry; `ccforge rules` lists the rule names and codes.
    pub static INVALID_CONFIG = Input {
        code: "CCF010",
        name: "invalid-config",
        severity: Error,
        fatal: true,
    }
}

/// Every code, in code order.
pub fn all() -> impl Iterator<Item = &'static Code> {
    static ALL: OnceLock<Vec<&'static Code>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut v: Vec<&'static Code> = Vec::new();
        v.extend(crate::source::codes::ALL);
        v.extend(crate::fsutil::CODES);
        v.extend(crate::swagger::structure::CODES);
        v.extend(crate::detect::CODES);
        v.push(&INVALID_CONFIG);
        v.extend(crate::lint::codes::ALL);
        v.extend(crate::lint::rules::ALL.iter().map(|r| &r.code));
        v.extend(crate::connector::codes());
        v.extend(crate::import::codes());
        v.extend(crate::diff::codes());
        v.sort_by_key(|c| c.code);
        v
    })
    .iter()
    .copied()
}

/// The code `key` names: a code (`CCF201`), a name (`path-trailing-slash`) or a Microsoft
/// validator rule name (`PathRedefined`), in any case. A ccforge code or name wins over a
/// Microsoft name that several rules share.
pub fn find(key: &str) -> Option<&'static Code> {
    all()
        .find(|c| c.code.eq_ignore_ascii_case(key) || c.name.eq_ignore_ascii_case(key))
        .or_else(|| all().find(|c| c.is_named(key)))
}

/// Every code whose declaration claims the Microsoft validator rule `name`.
pub fn for_microsoft(name: &str) -> impl Iterator<Item = &'static Code> {
    all().filter(move |c| c.microsoft.iter().any(|m| m.eq_ignore_ascii_case(name)))
}

/// The codes of the connector passes (and `fix`'s mending of lenient JSON), which `[passes]`
/// switches off, in the order they run.
pub fn passes() -> impl Iterator<Item = &'static Code> {
    crate::connector::pass_codes()
}

/// The pass `key` names, by code or name.
pub fn find_pass(key: &str) -> Option<&'static Code> {
    passes().find(|c| c.code.eq_ignore_ascii_case(key) || c.name.eq_ignore_ascii_case(key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Kind;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for m in all() {
            assert!(codes.insert(m.code), "duplicate code {}", m.code);
            assert!(names.insert(m.name), "duplicate name {}", m.name);
            assert!(m.code.starts_with("CCF") && m.code.len() == 6, "{}", m.code);
            assert!(
                m.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                m.name
            );
            let docs = m.docs();
            for section in ["## What", "## Why", "## Example", "## Fix"] {
                assert!(docs.contains(section), "{} lacks {section}", m.name);
            }
            assert!(!m.summary().is_empty(), "{} has no summary", m.name);
            assert!(!m.fatal || m.kind == Kind::Input, "{} is fatal", m.name);
        }
    }

    #[test]
    fn finds_by_code_name_and_microsoft_name() {
        assert_eq!(find("ccf201").map(|c| c.name), Some("path-trailing-slash"));
        assert_eq!(find("Path-Trailing-Slash").map(|c| c.code), Some("CCF201"));
        let ms = find("BodyOrFormDataParameterInFetchOperationNotAllowed").expect("claimed");
        assert!(
            ms.microsoft
                .contains(&"BodyOrFormDataParameterInFetchOperationNotAllowed")
        );
        assert!(find("no-such-rule").is_none());
    }
}
