//! The connector passes: small, idempotent rewrites that make any Swagger 2.0 document importable
//! by Power Platform. Each pass reports what it changed as a diagnostic at the place it changed,
//! and each can be switched off in `ccforge.toml` under `[passes]`.

pub mod hoist;
pub mod passes;
pub mod properties;
mod walk;

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::RuleMeta;
use crate::lint::config::Config;

/// A pass: its description (it reports under this code and name) and its rewrite.
pub struct Pass {
    pub meta: &'static RuleMeta,
    pub run: fn(&mut Value, &mut PassOut),
}

/// Where a pass reports what it did.
pub struct PassOut<'a> {
    meta: &'static RuleMeta,
    configured: Option<Severity>,
    silent: bool,
    file: &'a str,
    out: &'a mut Vec<Diagnostic>,
}

impl PassOut<'_> {
    /// Reports a change at the pass's severity (info).
    pub fn note(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.report(self.meta.severity, pointer, message);
    }

    /// Reports a change that lost something the user should look at.
    pub fn warn(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.report(Severity::Warning, pointer, message);
    }

    fn report(
        &mut self,
        default: Severity,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) {
        if self.silent {
            return;
        }
        self.out.push(
            Diagnostic::new(
                self.meta.code,
                self.meta.name,
                self.configured.unwrap_or(default),
                message,
            )
            .in_file(self.file)
            .at_pointer(pointer),
        );
    }
}

/// Every pass, in the order they run.
pub static PASSES: &[Pass] = &[
    Pass {
        meta: &passes::OPERATION_IDS,
        run: passes::operation_ids,
    },
    Pass {
        meta: &passes::SUMMARIES,
        run: passes::summaries,
    },
    Pass {
        meta: &passes::GET_BODY,
        run: passes::get_body,
    },
    Pass {
        meta: &passes::BODY_PARAMETERS,
        run: passes::body_parameters,
    },
    Pass {
        meta: &passes::PATH_PARAMETERS,
        run: passes::path_parameters,
    },
    Pass {
        meta: &passes::QUERY_PARAMETERS,
        run: passes::query_parameters,
    },
    Pass {
        meta: &passes::PARAMETER_SUMMARIES,
        run: passes::parameter_summaries,
    },
    Pass {
        meta: &passes::COLLECTION_FORMAT,
        run: passes::collection_format,
    },
    Pass {
        meta: &passes::RESPONSES,
        run: passes::responses,
    },
    Pass {
        meta: &passes::SCHEMAS,
        run: passes::schemas,
    },
    Pass {
        meta: &passes::SIZE,
        run: passes::size,
    },
];

/// The descriptions of the passes, for the rule registry.
pub fn all_meta() -> impl Iterator<Item = &'static RuleMeta> {
    PASSES
        .iter()
        .map(|p| p.meta)
        .chain(std::iter::once(&properties::CONNECTION))
}

/// Runs every enabled pass over a Swagger 2.0 document. `file` names the document in the
/// diagnostics, whose pointers are into the rewritten document.
pub fn run_passes(doc: &mut Value, file: &str, config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for pass in PASSES {
        if !config.pass_enabled(pass.meta) {
            continue;
        }
        let mut po = PassOut {
            meta: pass.meta,
            configured: config.override_for(pass.meta),
            silent: config.is_off(pass.meta),
            file,
            out: &mut out,
        };
        (pass.run)(doc, &mut po);
    }
    out
}

/// The largest definition Power Platform imports, as the lint rule counts it.
pub use crate::lint::rules::document::MAX_DEFINITION_BYTES;
