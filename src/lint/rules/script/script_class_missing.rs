use crate::diagnostic::Severity;
use crate::lint::script::{classes, derives_script_base};
use crate::lint::{Emitter, ScriptCode};

crate::declare_rule! {
    /// The custom code has no class `Script` deriving from `ScriptBase`.
    ///
    /// ## What
    /// `script.csx` must declare one class named `Script` that derives from `ScriptBase`. No
    /// such class, or a class `Script` that does not derive from `ScriptBase`, or a second class
    /// deriving from it, is an error. A class deriving from `ScriptBase` under another name is
    /// an error, except when only the letter case differs (`script`), which accepted
    /// connectors do: that is a warning.
    ///
    /// ## Why
    /// The platform instantiates the class `Script` and calls its `ExecuteAsync`; without it the
    /// code never runs and the connector is rejected.
    ///
    /// ## Example
    /// ```csharp
    /// public class Handler : ScriptBase { ... }
    /// ```
    ///
    /// ## Fix
    /// Name the class `Script` and derive it from `ScriptBase`: `public class Script :
    /// ScriptBase`.
    pub static RULE = Script(check) {
        code: "CCF451",
        name: "script-class-missing",
        severity: Error,
        microsoft: ["P6 script.csx limits"],
    }
}

fn check(cx: &ScriptCode, out: &mut Emitter) {
    let Some(root) = cx.root else { return };
    let script = cx.script;
    let all = classes(root);
    let name_of = |c: tree_sitter::Node| {
        c.child_by_field_name("name")
            .map(|n| (script.text_of(n), n.start_byte(), n.end_byte()))
            .unwrap_or(("", c.start_byte(), c.start_byte() + 1))
    };
    let derived: Vec<_> = all
        .iter()
        .copied()
        .filter(|c| derives_script_base(script, *c))
        .collect();
    if derived.is_empty() {
        match all.iter().find(|c| name_of(**c).0 == "Script") {
            Some(c) => {
                let (_, s, e) = name_of(*c);
                out.emit_in(script, s, e, "class `Script` does not derive from `ScriptBase`")
                    .set_help("declare it as `public class Script : ScriptBase`");
            }
            None => {
                out.emit_in(
                    script,
                    0,
                    1,
                    "the custom code has no class `Script` deriving from `ScriptBase`; the platform runs nothing",
                )
                .set_help("add `public class Script : ScriptBase` with an `ExecuteAsync` override");
            }
        }
        return;
    }
    for (i, c) in derived.iter().enumerate() {
        let (name, s, e) = name_of(*c);
        if i > 0 {
            out.emit_in(
                script,
                s,
                e,
                format!("a second class (`{name}`) derives from `ScriptBase`; the platform runs one class `Script`"),
            )
            .set_help("keep one `Script` class; make the others plain helper classes");
        } else if name != "Script" && name.eq_ignore_ascii_case("Script") {
            out.emit_in_as(
                Severity::Warning,
                script,
                s,
                e,
                format!("the script class is named `{name}`; Microsoft documents the name `Script`"),
            )
            .set_help("rename it to `Script`");
        } else if name != "Script" {
            out.emit_in(
                script,
                s,
                e,
                format!("the class deriving from `ScriptBase` is named `{name}`; the platform runs the class `Script`"),
            )
            .set_help("rename it to `Script`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::lint::rules::script::shared::test::lint_script;

    #[test]
    fn a_class_under_another_name_is_reported_at_its_name() {
        let found = lint_script(&RULE, "using System;\npublic class Handler : ScriptBase { }\n", None, None);
        assert_eq!(
            found,
            [(
                "CCF451",
                2,
                14,
                "the class deriving from `ScriptBase` is named `Handler`; the platform runs the class `Script`".to_string()
            )]
        );
    }

    #[test]
    fn no_script_base_class_is_reported() {
        let found = lint_script(&RULE, "public class Script { }", None, None);
        assert_eq!(
            found,
            [("CCF451", 1, 14, "class `Script` does not derive from `ScriptBase`".to_string())]
        );
        let found = lint_script(&RULE, "// nothing\n", None, None);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].1, found[0].2), (1, 1));
    }

    #[test]
    fn lower_case_is_a_warning_and_the_documented_shape_passes() {
        let found = super::super::shared::test::run(&RULE, "public class script : ScriptBase { }", None, None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, crate::diagnostic::Severity::Warning);
        let found = lint_script(&RULE, "namespace N { public class Script : ScriptBase { } class Helper { } }", None, None);
        assert!(found.is_empty());
    }
}
