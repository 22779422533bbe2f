use crate::diagnostic::Severity;
use crate::lint::script::walk;
use crate::lint::{Emitter, ScriptCode};

crate::declare_rule! {
    /// The custom code creates its own HttpClient instead of calling Context.SendAsync.
    ///
    /// ## What
    /// `new HttpClient(...)` (also `HttpClient c = new()`) in `script.csx` is an error;
    /// `new WebClient()` is a warning (accepted connectors use it, but it bypasses the platform
    /// just the same).
    ///
    /// ## Why
    /// Custom code must send its requests through `Context.SendAsync`, which applies the
    /// connection's authentication, policies and time limits; Microsoft's documentation and the
    /// certification review forbid a client of its own.
    ///
    /// ## Example
    /// `var client = new HttpClient();`
    ///
    /// ## Fix
    /// Build an `HttpRequestMessage` and `await Context.SendAsync(request,
    /// CancellationToken)`.
    pub static RULE = Script(check) {
        code: "CCF454",
        name: "script-http-client",
        severity: Error,
        microsoft: ["P6 script.csx limits"],
    }
}

fn last_segment(t: &str) -> &str {
    let t = t.trim();
    t.rsplit('.').next().unwrap_or(t).trim()
}

fn check(cx: &ScriptCode, out: &mut Emitter) {
    let Some(root) = cx.root else { return };
    let script = cx.script;
    walk(root, |n| {
        let ty = match n.kind() {
            "object_creation_expression" => n.child_by_field_name("type"),
            // `HttpClient c = new();`: the type is the declaration's.
            "implicit_object_creation_expression" => n
                .parent()
                .filter(|p| p.kind() == "variable_declarator")
                .and_then(|p| p.parent())
                .and_then(|d| d.child_by_field_name("type")),
            _ => None,
        };
        let Some(ty) = ty else { return };
        match last_segment(script.text_of(ty)) {
            "HttpClient" => {
                out.emit_in(
                    script,
                    n.start_byte(),
                    n.end_byte(),
                    "the custom code creates its own `HttpClient`; requests must go through `Context.SendAsync`",
                )
                .set_help("send an HttpRequestMessage with `await Context.SendAsync(request, CancellationToken)`");
            }
            "WebClient" => {
                out.emit_in_as(
                    Severity::Warning,
                    script,
                    n.start_byte(),
                    n.end_byte(),
                    "the custom code creates a `WebClient`; requests should go through `Context.SendAsync`",
                )
                .set_help("send an HttpRequestMessage with `await Context.SendAsync(request, CancellationToken)`");
            }
            _ => {}
        }
    });
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::rules::script::shared::test::lint_script;

    #[test]
    fn an_own_http_client_is_reported_where_it_is_made() {
        let found = lint_script(
            &RULE,
            "public class Script : ScriptBase {\n  void M() {\n    var a = new System.Net.Http.HttpClient();\n    HttpClient b = new();\n  }\n}\n",
            None,
            None,
        );
        let places: Vec<(usize, usize)> = found.iter().map(|f| (f.1, f.2)).collect();
        assert_eq!(places, [(3, 13), (4, 20)]);
        assert_eq!(
            found[0].3,
            "the custom code creates its own `HttpClient`; requests must go through `Context.SendAsync`"
        );
    }

    #[test]
    fn context_send_async_passes() {
        let found = lint_script(
            &RULE,
            "public class Script : ScriptBase { async Task<HttpResponseMessage> M() { var r = new HttpRequestMessage(HttpMethod.Get, \"https://a\"); return await Context.SendAsync(r, CancellationToken); } }",
            None,
            None,
        );
        assert!(found.is_empty());
    }
}
