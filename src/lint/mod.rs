//! The linter: a registry of rules, the context they run on, and the engine that walks paths.

pub mod baseline;
pub mod codes;
pub mod config;
pub mod engine;
pub mod rules;
mod suppress;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;
use crate::swagger::{self, Operation};

/// What a rule is, for the registry, `ccforge rules` and the reports.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code, e.g. `CCF201`.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `path-trailing-slash`.
    pub name: &'static str,
    pub severity: Severity,
    /// One line, for `ccforge rules`.
    pub summary: &'static str,
    /// Markdown: what it checks, why, an example, how to fix.
    pub docs: &'static str,
    /// The name of Microsoft's validator rule it mirrors, if any, so users can search for it.
    pub microsoft: &'static str,
    /// Problems reading the input: always on, always errors, never suppressed.
    pub fatal: bool,
}

/// Declares a `RuleMeta` for a diagnostic reported outside the lint rules (conversions).
#[macro_export]
macro_rules! diagnostic_meta {
    ($id:ident, $code:literal, $name:literal, $sev:ident, $summary:literal, $docs:literal) => {
        pub static $id: $crate::lint::RuleMeta = $crate::lint::RuleMeta {
            code: $code,
            name: $name,
            severity: $crate::diagnostic::Severity::$sev,
            summary: $summary,
            docs: $docs,
            microsoft: "",
            fatal: false,
        };
    };
}

/// A rule: its description and its check.
pub struct Rule {
    pub meta: &'static RuleMeta,
    pub check: fn(&Context, &mut Emitter),
}

/// What the rules of one lint unit (a connector folder or a lone definition) see.
pub struct Context<'a> {
    pub swagger: Option<&'a Source>,
    pub api_properties: Option<&'a Source>,
    pub settings: Option<&'a Source>,
    /// The swagger's operations, computed once for all rules.
    pub operations: Vec<Operation<'a>>,
}

impl<'a> Context<'a> {
    pub fn new(
        swagger: Option<&'a Source>,
        api_properties: Option<&'a Source>,
        settings: Option<&'a Source>,
    ) -> Self {
        let operations = swagger
            .map(|s| swagger::operations(&s.value))
            .unwrap_or_default();
        Context {
            swagger,
            api_properties,
            settings,
            operations,
        }
    }
}

/// Collects the findings of one rule, with the severity the configuration gives it.
pub struct Emitter<'o> {
    meta: &'static RuleMeta,
    configured: Option<Severity>,
    out: &'o mut Vec<Diagnostic>,
}

impl<'o> Emitter<'o> {
    pub fn new(
        meta: &'static RuleMeta,
        configured: Option<Severity>,
        out: &'o mut Vec<Diagnostic>,
    ) -> Self {
        Emitter {
            meta,
            configured,
            out,
        }
    }

    /// Reports a finding at the rule's severity.
    pub fn emit(
        &mut self,
        src: &Source,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.emit_as(self.meta.severity, src, pointer, message)
    }

    /// Reports a finding whose default severity differs from the rule's (a configured severity
    /// still wins).
    pub fn emit_as(
        &mut self,
        default: Severity,
        src: &Source,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let severity = self.configured.unwrap_or(default);
        self.out.push(
            Diagnostic::new(self.meta.code, self.meta.name, severity, message)
                .in_file(&src.name)
                .at_pointer(pointer),
        );
        self.out.last_mut().expect("just pushed")
    }
}

/// Every rule and engine diagnostic, in code order.
pub fn all_meta() -> Vec<&'static RuleMeta> {
    let mut v: Vec<&'static RuleMeta> = codes::ENGINE.to_vec();
    v.extend(rules::ALL.iter().map(|r| r.meta));
    v.extend(crate::connector::all_meta());
    v.extend(crate::import::all_meta());
    v.sort_by_key(|m| m.code);
    v
}

/// Finds a rule (or engine diagnostic) by code or name, case-insensitively.
pub fn find_meta(key: &str) -> Option<&'static RuleMeta> {
    codes::ENGINE
        .iter()
        .copied()
        .chain(rules::ALL.iter().map(|r| r.meta))
        .chain(crate::connector::all_meta())
        .chain(crate::import::all_meta())
        .find(|m| m.code.eq_ignore_ascii_case(key) || m.name.eq_ignore_ascii_case(key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for m in all_meta() {
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
            for section in ["## What", "## Why", "## Example", "## Fix"] {
                assert!(m.docs.contains(section), "{} lacks {section}", m.name);
            }
            assert!(!m.summary.is_empty());
        }
    }
}
