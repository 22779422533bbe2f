//! Running one rule over connector files written inline, for the rules' tests.

use crate::diagnostic::{Declared, Diagnostic, Reporter};
use crate::source::{self, Source};

use super::{Connector, Rule};

fn source(name: &str, json: &str) -> Source {
    source::load_bytes(name, json.as_bytes())
        .unwrap_or_else(|e| panic!("{name} does not parse: {}", e.diagnostic.message))
}

/// The findings of `rule` on a connector with these files, every code at its declared severity.
pub fn lint_files(
    rule: &'static Rule,
    definition: Option<&str>,
    api_properties: Option<&str>,
) -> Vec<Diagnostic> {
    let definition = definition.map(|t| source("apiDefinition.swagger.json", t));
    let api_properties = api_properties.map(|t| source("apiProperties.json", t));
    let unit = Connector {
        definition: definition.as_ref(),
        api_properties: api_properties.as_ref(),
        settings: None,
        script: None,
        folder: None,
    };
    let facts = super::Facts::new(&unit);
    let mut reporter = Reporter::new("", &Declared);
    rule.run(&unit, &facts, &mut reporter);
    reporter.finish()
}

/// The findings of `rule` on a definition read from a file of its own (whose name a rule
/// reads).
pub fn lint_source(rule: &'static Rule, definition: Source) -> Vec<Diagnostic> {
    let unit = Connector {
        definition: Some(&definition),
        api_properties: None,
        settings: None,
        script: None,
        folder: None,
    };
    let facts = super::Facts::new(&unit);
    let mut reporter = Reporter::new("", &Declared);
    rule.run(&unit, &facts, &mut reporter);
    reporter.finish()
}

/// The findings of `rule` on a lone definition.
pub fn lint_definition(rule: &'static Rule, json: &str) -> Vec<Diagnostic> {
    lint_files(rule, Some(json), None)
}

/// The findings of `rule` on a lone apiProperties.json.
pub fn lint_api_properties(rule: &'static Rule, json: &str) -> Vec<Diagnostic> {
    lint_files(rule, None, Some(json))
}

/// Each finding's code, pointer and message, for comparing with the expected ones.
pub fn findings(diags: &[Diagnostic]) -> Vec<(&str, &str, &str)> {
    diags
        .iter()
        .map(|d| (d.code, d.pointer().unwrap_or_default(), d.message.as_str()))
        .collect()
}
