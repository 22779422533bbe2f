use crate::lint::script::{children_of_kind, classes, derives_script_base};
use crate::lint::{Emitter, ScriptCode};

crate::declare_rule! {
    /// The script class has no `public override Task<HttpResponseMessage> ExecuteAsync()`.
    ///
    /// ## What
    /// The class deriving from `ScriptBase` must override `ExecuteAsync` with exactly the
    /// signature `public override [async] Task<HttpResponseMessage> ExecuteAsync()`: public,
    /// an override, returning `Task<HttpResponseMessage>`, with no parameters. A missing method
    /// is reported at the class name; a wrong signature at the method name, saying what differs.
    ///
    /// ## Why
    /// `ExecuteAsync` is the abstract method of `ScriptBase` that the platform calls for each
    /// operation the code handles; without the override the code does not compile.
    ///
    /// ## Example
    /// ```csharp
    /// public class Script : ScriptBase {
    ///     public async Task<HttpResponseMessage> ExecuteAsync(string id) { ... }
    /// }
    /// ```
    ///
    /// ## Fix
    /// `public override async Task<HttpResponseMessage> ExecuteAsync()`; read the operation
    /// from `Context.OperationId` and the request from `Context.Request`.
    pub static RULE = Script(check) {
        code: "CCF452",
        name: "script-execute-async",
        severity: Error,
        microsoft: ["P6 script.csx limits"],
    }
}

/// The last dotted segment of each part of a type as written, without spaces:
/// `System.Threading.Tasks.Task < HttpResponseMessage >` → `Task<HttpResponseMessage>`.
fn simple_type(t: &str) -> String {
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = String::new();
    for (i, part) in compact.split(['<', '>']).enumerate() {
        if i == 1 {
            out.push('<');
        } else if i == 2 {
            out.push('>');
        }
        out.push_str(part.rsplit('.').next().unwrap_or(part));
    }
    out
}

fn check(cx: &ScriptCode, out: &mut Emitter) {
    let Some(root) = cx.root else { return };
    let script = cx.script;
    let Some(class) = classes(root)
        .into_iter()
        .find(|c| derives_script_base(script, *c))
    else {
        return;
    };
    let methods: Vec<_> = class
        .child_by_field_name("body")
        .map(|b| children_of_kind(b, "method_declaration"))
        .unwrap_or_default()
        .into_iter()
        .filter(|m| {
            m.child_by_field_name("name")
                .is_some_and(|n| script.text_of(n) == "ExecuteAsync")
        })
        .collect();
    if methods.is_empty() {
        let at = class.child_by_field_name("name").unwrap_or(class);
        out.emit_in(
            script,
            at.start_byte(),
            at.end_byte(),
            "the script class does not override `ExecuteAsync`, which the platform calls",
        )
        .set_help("add `public override async Task<HttpResponseMessage> ExecuteAsync()`");
        return;
    }
    // An overload is allowed beside the override; report only when none has the signature.
    let mut problems = Vec::new();
    for m in &methods {
        let modifiers: Vec<&str> = children_of_kind(*m, "modifier")
            .into_iter()
            .map(|n| script.text_of(n))
            .collect();
        let returns = m
            .child_by_field_name("returns")
            .map(|r| script.text_of(r))
            .unwrap_or_default();
        let params = m
            .child_by_field_name("parameters")
            .map(|p| p.named_child_count())
            .unwrap_or(0);
        let mut wrong = Vec::new();
        if !modifiers.contains(&"public") {
            wrong.push("is not `public`".to_string());
        }
        if !modifiers.contains(&"override") {
            wrong.push("is not an `override`".to_string());
        }
        if simple_type(returns) != "Task<HttpResponseMessage>" {
            wrong.push(format!(
                "returns `{}`, not `Task<HttpResponseMessage>`",
                returns.trim()
            ));
        }
        if params > 0 {
            wrong.push("takes parameters".to_string());
        }
        if wrong.is_empty() {
            return;
        }
        problems.push((*m, wrong));
    }
    for (m, wrong) in problems {
        let at = m.child_by_field_name("name").unwrap_or(m);
        out.emit_in(
            script,
            at.start_byte(),
            at.end_byte(),
            format!("`ExecuteAsync` {}", wrong.join(", ")),
        )
        .set_help("declare it as `public override async Task<HttpResponseMessage> ExecuteAsync()`");
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::rules::script::shared::test::lint_script;

    #[test]
    fn a_wrong_signature_is_reported_at_the_method_name() {
        let found = lint_script(
            &RULE,
            "public class Script : ScriptBase {\n  public async Task<string> ExecuteAsync(int a) { return \"\"; }\n}\n",
            None,
            None,
        );
        assert_eq!(
            found,
            [(
                "CCF452",
                2,
                29,
                "`ExecuteAsync` is not an `override`, returns `Task<string>`, not `Task<HttpResponseMessage>`, takes parameters".to_string()
            )]
        );
    }

    #[test]
    fn a_missing_override_is_reported_at_the_class() {
        let found = lint_script(&RULE, "public class Script : ScriptBase { }", None, None);
        assert_eq!(
            found,
            [(
                "CCF452",
                1,
                14,
                "the script class does not override `ExecuteAsync`, which the platform calls".to_string()
            )]
        );
    }

    #[test]
    fn the_documented_signatures_pass() {
        for code in [
            "public class Script : ScriptBase { public override async Task<HttpResponseMessage> ExecuteAsync() { return null; } }",
            "public class Script : ScriptBase { public override Task < System.Net.Http.HttpResponseMessage > ExecuteAsync() { return null; } }",
        ] {
            assert!(lint_script(&RULE, code, None, None).is_empty(), "{code}");
        }
    }
}
