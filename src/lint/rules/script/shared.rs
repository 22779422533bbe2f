//! What the script rules share: the namespaces the platform supports, and the test helper.

/// The namespaces custom code may use, as listed under "Supported namespaces" on Microsoft's
/// "Write code in a custom connector" page:
/// <https://learn.microsoft.com/en-us/connectors/custom-connectors/write-code>
pub(super) const SUPPORTED_NAMESPACES: &[&str] = &[
    "System",
    "System.Collections",
    "System.Collections.Generic",
    "System.Diagnostics",
    "System.IO",
    "System.IO.Compression",
    "System.Linq",
    "System.Net",
    "System.Net.Http",
    "System.Net.Http.Headers",
    "System.Net.Security",
    "System.Security.Authentication",
    "System.Security.Cryptography",
    "System.Text",
    "System.Text.RegularExpressions",
    "System.Threading",
    "System.Threading.Tasks",
    "System.Web",
    "System.Xml",
    "System.Xml.Linq",
    "System.Drawing",
    "System.Drawing.Drawing2D",
    "System.Drawing.Imaging",
    "Microsoft.Extensions.Logging",
    "Newtonsoft.Json",
    "Newtonsoft.Json.Linq",
];

/// The namespace of the platform's own script types (`ScriptBase`, `IScriptContext`), which
/// local test projects import; the platform provides it.
pub(super) const PLATFORM_NAMESPACE: &str = "Microsoft.PowerPlatform.Connectors.CustomCode";

#[cfg(test)]
pub(super) mod test {
    use crate::diagnostic::{Declared, Diagnostic, Reporter};
    use crate::lint::script::Script;
    use crate::lint::{Connector, Facts, Rule};
    use crate::source;

    /// The findings of `rule` on a script, with an optional definition and apiProperties.json:
    /// (code, line, column, message).
    pub fn lint_script(
        rule: &'static Rule,
        code: &str,
        definition: Option<&str>,
        api_properties: Option<&str>,
    ) -> Vec<(&'static str, usize, usize, String)> {
        run(rule, code, definition, api_properties)
            .into_iter()
            .map(|d| {
                let span = d.span.expect("script findings are placed");
                (d.code, span.line, span.column, d.message)
            })
            .collect()
    }

    pub fn run(
        rule: &'static Rule,
        code: &str,
        definition: Option<&str>,
        api_properties: Option<&str>,
    ) -> Vec<Diagnostic> {
        let load = |name: &str, t: &str| source::load_bytes(name, t.as_bytes()).unwrap();
        let definition = definition.map(|t| load("apiDefinition.swagger.json", t));
        let api_properties = api_properties.map(|t| load("apiProperties.json", t));
        let script = Script::from_bytes("script.csx", code.as_bytes());
        let unit = Connector {
            definition: definition.as_ref(),
            api_properties: api_properties.as_ref(),
            settings: None,
            script: Some(&script),
            folder: None,
        };
        let facts = Facts::new(&unit);
        let mut reporter = Reporter::new("", &Declared);
        rule.run(&unit, &facts, &mut reporter);
        reporter.finish()
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::test::run;
    use crate::lint::rules::ALL;

    /// Tokens of C# scripts, so that random texts reach the code that reads classes, methods,
    /// using directives and object creations, with broken nesting among them.
    const TOKENS: &[&str] = &[
        "using", "System", ".", "Net", ";", "public", "class", "Script", ":", "ScriptBase",
        "{", "}", "(", ")", "override", "async", "Task", "<", ">", "HttpResponseMessage",
        "ExecuteAsync", "new", "HttpClient", "WebClient", "static", "=", "\"s\"", "//", "\n",
        "namespace", "é", "\u{0}", "[", "]", ",",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn script_rules_never_panic_and_place_findings_inside_the_text(
            picks in proptest::collection::vec(0..TOKENS.len(), 0..80)
        ) {
            let code: Vec<&str> = picks.iter().map(|i| TOKENS[*i]).collect();
            let code = code.join(" ");
            for rule in ALL.iter().filter(|r| r.code.document == crate::diagnostic::Document::Script) {
                for d in run(rule, &code, None, None) {
                    let span = d.span.expect("placed");
                    prop_assert!(span.offset + span.len <= code.len().max(1));
                }
            }
        }
    }
}
