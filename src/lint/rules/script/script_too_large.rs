use crate::lint::{Emitter, ScriptCode};

/// The platform's limit on the custom code file.
pub const MAX_BYTES: usize = 1024 * 1024;

crate::declare_rule! {
    /// The custom code file is larger than 1 MB.
    ///
    /// ## What
    /// `script.csx` is larger than 1 MB (1,048,576 bytes) as stored. Files over 8 MB are not
    /// parsed, so the other script rules do not check them.
    ///
    /// ## Why
    /// The platform rejects custom code files over 1 MB.
    ///
    /// ## Example
    /// A script with a large embedded data table.
    ///
    /// ## Fix
    /// Move data out of the code (fetch it through `Context.SendAsync`) and remove unused code.
    pub static RULE = Script(check) {
        code: "CCF455",
        name: "script-too-large",
        severity: Error,
        microsoft: ["P6 script.csx limits"],
    }
}

fn check(cx: &ScriptCode, out: &mut Emitter) {
    let size = cx.script.byte_len;
    if size > MAX_BYTES {
        out.emit_in(
            cx.script,
            0,
            1,
            format!("the custom code file is {size} bytes; the platform's limit is 1 MB ({MAX_BYTES} bytes)"),
        )
        .set_help("move data out of the code and remove unused code");
    }
}

#[cfg(test)]
mod tests {
    use super::{MAX_BYTES, RULE};
    use crate::lint::rules::script::shared::test::lint_script;

    #[test]
    fn a_file_over_one_megabyte_is_reported() {
        let code = format!("public class Script : ScriptBase {{ }}\n{}", "// x\n".repeat(MAX_BYTES / 5 + 1));
        let found = lint_script(&RULE, &code, None, None);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].1, found[0].2), (1, 1));
        let found = lint_script(&RULE, "public class Script : ScriptBase { }", None, None);
        assert!(found.is_empty());
    }
}
