use serde_json::Value;

use crate::diagnostic::{Severity, escape_token};
use crate::lint::{Connector, Emitter};

crate::declare_rule! {
    /// settings.json names a file that is not in the connector's folder.
    ///
    /// ## What
    /// `apiDefinition`, `apiProperties`, `icon` and `script` in settings.json name files of the
    /// connector's folder; one that is not there is an error (a warning for `icon`, which a
    /// connector may do without), one that is there in another letter case a warning (file
    /// names are case-sensitive on Linux and in CI). Checked when the folder is linted from
    /// disk.
    ///
    /// ## Why
    /// Microsoft's connector CLI reads the files settings.json names; a missing one fails the
    /// upload, or the CLI silently uploads without the icon or the code.
    ///
    /// ## Example
    /// `"script": "Script.csx"` in a folder whose file is `script.csx`.
    ///
    /// ## Fix
    /// Name the file as it is in the folder, or add the file.
    pub static RULE = Connector(check) {
        code: "CCF407",
        name: "settings-file-missing",
        severity: Error,
    }
}

fn check(cx: &Connector, out: &mut Emitter) {
    let (Some(src), Some(folder)) = (cx.settings, cx.folder) else {
        return;
    };
    for key in ["apiDefinition", "apiProperties", "icon", "script"] {
        let Some(name) = src.value.get(key).and_then(Value::as_str) else {
            continue;
        };
        let at = format!("/{}", escape_token(key));
        // A path into another folder is the CLI's business; only names in this folder are
        // checked.
        let file = name.strip_prefix("./").unwrap_or(name);
        if file.contains(['/', '\\']) || folder.iter().any(|f| f == file) {
            continue;
        }
        match folder.iter().find(|f| f.eq_ignore_ascii_case(file)) {
            Some(actual) => {
                out.emit_as(
                    Severity::Warning,
                    src,
                    at,
                    format!("settings.json names `{name}`, but the file is `{actual}`"),
                )
                .set_help(format!("write `\"{key}\": \"{actual}\"`"));
            }
            None => {
                let severity = if key == "icon" {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                out.emit_as(
                    severity,
                    src,
                    at,
                    format!("settings.json names `{name}`, which is not in the connector's folder"),
                )
                .set_help("name a file of the folder, or add the file");
            }
        }
    }
}
