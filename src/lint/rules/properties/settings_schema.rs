use crate::lint::file_schemas::check_settings;
use crate::lint::{Connector, Emitter};

crate::declare_rule! {
    /// settings.json has a field that is not a string, or one the connector tools do not read.
    ///
    /// ## What
    /// settings.json is checked against `schemas/settings.schema.json`: `connectorId`,
    /// `environment`, `apiDefinition`, `apiProperties`, `icon`, `script`, `powerAppsUrl`,
    /// `powerAppsApiVersion`, `flowUrl` and `flowApiVersion` are strings (an error otherwise);
    /// another key, or a URL that is not https, is a warning.
    ///
    /// ## Why
    /// Microsoft's connector CLI reads its arguments from this file; a misspelt key is silently
    /// ignored, so the CLI then uses its defaults or asks.
    ///
    /// ## Example
    /// `{"apiDefinition": "apiDefinition.swagger.json", "scirpt": "script.csx"}`
    ///
    /// ## Fix
    /// Spell the key as listed, with a string value.
    pub static RULE = Connector(check) {
        code: "CCF406",
        name: "settings-schema",
        severity: Error,
    }
}

fn check(cx: &Connector, out: &mut Emitter) {
    let Some(src) = cx.settings else { return };
    for f in check_settings(&src.value) {
        let d = out.emit_as(f.severity, src, f.pointer, f.message);
        if let Some(help) = f.help {
            d.set_help(help);
        }
    }
}
