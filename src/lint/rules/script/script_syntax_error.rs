use crate::lint::script::walk;
use crate::lint::{Emitter, ScriptCode};

crate::declare_rule! {
    /// The custom code file is not valid C#.
    ///
    /// ## What
    /// `script.csx` has a syntax error: the C# parser found text it could not read, or a token
    /// missing (a `;`, a `}`). The first problem is reported at its line and column; the rest of
    /// the file is still checked by the other script rules.
    ///
    /// ## Why
    /// The platform compiles the code when the connector is created or updated and rejects a
    /// file that does not compile.
    ///
    /// ## Example
    /// ```csharp
    /// public class Script : ScriptBase {
    ///     public override async Task<HttpResponseMessage> ExecuteAsync() {
    ///         return await Context.SendAsync(Context.Request, CancellationToken)
    ///     }
    /// }
    /// ```
    ///
    /// ## Fix
    /// Correct the code at the place shown (here, add the `;`). The parser is tree-sitter's C#
    /// grammar, not the C# compiler: it follows the language closely, but a construct it does
    /// not know is reported too; suppress the finding in `ccforge.toml` if the code compiles.
    pub static RULE = Script(check) {
        code: "CCF450",
        name: "script-syntax-error",
        severity: Error,
        microsoft: ["P6 script.csx limits"],
    }
}

fn check(cx: &ScriptCode, out: &mut Emitter) {
    let Some(root) = cx.root else { return };
    if !root.has_error() {
        return;
    }
    let mut first = None;
    walk(root, |n| {
        if first.is_none() && (n.is_error() || n.is_missing()) {
            first = Some(n);
        }
    });
    let Some(node) = first else { return };
    let message = if node.is_missing() {
        format!("C# syntax error: `{}` expected here", node.kind())
    } else {
        let text = cx.script.text_of(node);
        let shown: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let shown: String = shown.chars().take(40).collect();
        format!("C# syntax error: unexpected `{shown}`")
    };
    // A missing token has no width: show the place it belongs.
    let end = node.end_byte().max(node.start_byte() + 1);
    out.emit_in(cx.script, node.start_byte(), end, message)
        .set_help("correct the code here; the platform compiles the file and rejects it otherwise");
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::rules::script::shared::test::lint_script;

    #[test]
    fn a_missing_semicolon_is_reported_at_its_place() {
        let found = lint_script(
            &RULE,
            "public class Script : ScriptBase {\n    public override async Task<HttpResponseMessage> ExecuteAsync() {\n        return await Context.SendAsync(Context.Request, CancellationToken)\n    }\n}\n",
            None,
            None,
        );
        assert_eq!(
            found,
            [("CCF450", 3, 75, "C# syntax error: `;` expected here".to_string())]
        );
    }

    #[test]
    fn valid_code_passes() {
        let found = lint_script(
            &RULE,
            "public class Script : ScriptBase { public override Task<HttpResponseMessage> ExecuteAsync() { return Context.SendAsync(Context.Request, CancellationToken); } }",
            None,
            None,
        );
        assert!(found.is_empty());
    }
}
