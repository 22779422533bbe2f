use super::shared::{PLATFORM_NAMESPACE, SUPPORTED_NAMESPACES};
use crate::lint::script::declarations;
use crate::lint::{Emitter, ScriptCode};

crate::declare_rule! {
    /// A `using` directive names a namespace custom code may not use.
    ///
    /// ## What
    /// Each `using` directive of `script.csx` must name one of the namespaces Microsoft lists as
    /// supported for custom code ("Write code in a custom connector": `System`,
    /// `System.Collections(.Generic)`, `System.Diagnostics`, `System.IO(.Compression)`,
    /// `System.Linq`, `System.Net(.Http, .Http.Headers, .Security)`,
    /// `System.Security.Authentication`, `System.Security.Cryptography`,
    /// `System.Text(.RegularExpressions)`, `System.Threading(.Tasks)`, `System.Web`,
    /// `System.Xml(.Linq)`, `System.Drawing(.Drawing2D, .Imaging)`,
    /// `Microsoft.Extensions.Logging`, `Newtonsoft.Json(.Linq)`). `using static` and alias
    /// directives may name a type of one of them. The platform's own
    /// `Microsoft.PowerPlatform.Connectors.CustomCode` namespace is accepted.
    ///
    /// ## Why
    /// The code runs in a sandbox with only those assemblies; other namespaces fail to compile
    /// or to run, and certification rejects them. It is a warning because accepted connectors
    /// import a few others that resolve in the sandbox.
    ///
    /// ## Example
    /// `using System.Data.SqlClient;`
    ///
    /// ## Fix
    /// Use the supported namespaces only; call other services through `Context.SendAsync`.
    pub static RULE = Script(check) {
        code: "CCF453",
        name: "script-namespace-not-supported",
        severity: Warning,
        microsoft: ["P6 script.csx limits"],
    }
}

fn supported(name: &str) -> bool {
    SUPPORTED_NAMESPACES.contains(&name)
        || name == PLATFORM_NAMESPACE
        || name.starts_with(&format!("{PLATFORM_NAMESPACE}."))
}

fn check(cx: &ScriptCode, out: &mut Emitter) {
    let Some(root) = cx.root else { return };
    let script = cx.script;
    // `using` directives stand at the top of the file or of a namespace.
    declarations(root, |n| {
        if n.kind() != "using_directive" {
            return;
        }
        let mut cursor = n.walk();
        let alias = n.child_by_field_name("name").map(|a| a.id());
        let mut is_static = false;
        let mut target = None;
        for c in n.children(&mut cursor) {
            match c.kind() {
                "static" => is_static = true,
                "identifier" | "qualified_name" | "generic_name" if Some(c.id()) != alias => {
                    target = Some(c);
                }
                _ => {}
            }
        }
        let Some(target) = target else { return };
        let name: String = script
            .text_of(target)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let name = name.strip_prefix("global::").unwrap_or(&name);
        // A type (`using static`, an alias) is fine when its namespace is.
        let of_type = (is_static || alias.is_some())
            .then(|| name.split('<').next().unwrap_or(name))
            .and_then(|t| t.rsplit_once('.'))
            .is_some_and(|(ns, _)| supported(ns));
        if !supported(name) && !of_type {
            out.emit_in(
                script,
                target.start_byte(),
                target.end_byte(),
                format!("`{name}` is not a namespace custom code may use"),
            )
            .set_help("custom code may use only the namespaces Microsoft lists (see `ccforge rules script-namespace-not-supported`)");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::rules::script::shared::test::lint_script;

    #[test]
    fn an_unsupported_namespace_is_reported_at_its_name() {
        let found = lint_script(
            &RULE,
            "using System;\nusing System.Data.SqlClient;\npublic class Script : ScriptBase { }\n",
            None,
            None,
        );
        assert_eq!(
            found,
            [(
                "CCF453",
                2,
                7,
                "`System.Data.SqlClient` is not a namespace custom code may use".to_string()
            )]
        );
    }

    #[test]
    fn supported_namespaces_types_of_them_and_using_statements_pass() {
        let found = lint_script(
            &RULE,
            "using System.Net.Http.Headers;\nusing Newtonsoft.Json.Linq;\nusing static System.Math;\nusing J = Newtonsoft.Json.JsonConvert;\nusing Microsoft.PowerPlatform.Connectors.CustomCode;\npublic class Script : ScriptBase { void M() { using var r = new HttpRequestMessage(); } }\n",
            None,
            None,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
