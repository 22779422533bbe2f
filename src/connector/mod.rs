//! The connector passes: small, idempotent rewrites that make any Swagger 2.0 document importable
//! by Power Platform. Each pass reports what it changed as a diagnostic at the place it changed,
//! and each can be switched off in `ccforge.toml` under `[passes]`.

pub mod cut;
pub mod hoist;
pub mod layout;
pub mod lenient;
pub mod passes;
pub mod placeholder;
pub mod properties;
pub mod select;
pub mod split;
mod walk;

use crate::value::Lookup;
use serde_json::{Map, Value};

pub use passes::size::Shrink;
use walk::Ptr;

use crate::diagnostic::{Code, Diagnostic, Policy, Reporter, Severity};

/// A pass: the declaration of the code it reports under, and its rewrite.
pub struct Pass {
    pub code: Code,
    pub run: fn(&mut Value, &mut PassOut),
}

/// Declares a connector pass: its doc comment (summary, then What / Why / Example / Fix), its
/// rewrite function, and its code's fields (see [`declare_code!`](crate::declare_code)).
#[macro_export]
macro_rules! declare_pass {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $id:ident = Pass($run:path) {
            code: $code:literal,
            name: $name:literal
            $(, profile: $profile:ident)?
            $(, microsoft: [$($ms:literal),* $(,)?])?
            $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        $vis static $id: $crate::connector::Pass = $crate::connector::Pass {
            code: $crate::code_value!($(#[doc = $doc])* Pass {
                code: $code,
                name: $name,
                severity: Info,
                document: Definition
                $(, profile: $profile)?
                $(, microsoft: [$($ms),*])?
            }),
            run: $run,
        };
    };
}

/// Where a pass reports what it did: at the pass's own code.
pub struct PassOut<'r, 'p> {
    code: &'static Code,
    reporter: &'r mut Reporter<'p>,
    /// The written length of the document as the pass left it, when the pass measured it.
    measured: Option<crate::swagger::size::Lengths>,
    /// The files beside the definition, whose references into it a pass must not break.
    beside: &'r Beside<'r>,
}

/// The files of a connector folder beside its definition (`fix` of a folder reads them): they
/// refer to operations by `operationId`, so a pass leaves alone a name they use, which it
/// could only change in the definition.
#[derive(Debug, Default, Clone, Copy)]
pub struct Beside<'a> {
    /// apiProperties.json, parsed.
    pub api_properties: Option<&'a Value>,
    /// script.csx, as it is written.
    pub script: Option<&'a str>,
}

impl Beside<'_> {
    /// Where a file beside the definition names the operation `id`, if one does: in
    /// `scriptOperations` or a policy template's operations (apiProperties.json), or as a
    /// string in the custom code (which compares `Context.OperationId` with it).
    pub fn operation_use(&self, id: &str) -> Option<&'static str> {
        let props = self.api_properties.and_then(|p| p.field("properties"));
        let named = |v: Option<&Value>, exact: bool| {
            v.and_then(Value::as_array).into_iter().flatten().any(|n| {
                n.as_str().is_some_and(|n| {
                    if exact {
                        n == id
                    } else {
                        n.eq_ignore_ascii_case(id)
                    }
                })
            })
        };
        if named(props.and_then(|p| p.field("scriptOperations")), true) {
            return Some("apiProperties.json (`scriptOperations`)");
        }
        let templates = props
            .and_then(|p| p.field("policyTemplateInstances"))
            .and_then(Value::as_array);
        if templates.into_iter().flatten().any(|t| {
            named(
                t.pointer("/parameters/x-ms-apimTemplate-operationName"),
                false,
            )
        }) {
            return Some("a policy template in apiProperties.json");
        }
        if self.script.is_some_and(|s| {
            memchr::memmem::find(s.as_bytes(), format!("\"{id}\"").as_bytes()).is_some()
        }) {
            return Some("script.csx");
        }
        None
    }
}

impl PassOut<'_, '_> {
    /// The files beside the definition (see [`Beside`]).
    pub fn beside(&self) -> &Beside<'_> {
        self.beside
    }

    /// Reports a change at the pass's severity (info).
    pub fn note(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.reporter.report(self.code, pointer, message);
    }

    /// Reports a change that lost something the user should look at.
    pub fn warn(
        &mut self,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut crate::diagnostic::Diagnostic {
        self.reporter
            .report_as(self.code, Severity::Warning, pointer, message)
    }

    /// Records the document's written length (pretty JSON), as the pass leaves the document,
    /// so that nothing after the passes has to measure it again.
    pub fn measured(&mut self, len: crate::swagger::size::Lengths) {
        self.measured = Some(len);
    }

    /// Calls `f` on every parameter object, as [`walk::for_each_parameter`] does: those
    /// outside `paths` on this thread, each path item's on the pool (path items are disjoint,
    /// and most of a large definition). What `f` reports stays in document order.
    pub fn each_parameter(
        &mut self,
        doc: &mut Value,
        f: impl Fn(&mut Map<String, Value>, &Ptr, &mut PassOut) + Sync,
    ) {
        walk::for_each_shared_parameter(doc, &mut |p, at| f(p, at, self));
        self.each_path_item(doc, |path, item, out| {
            walk::for_each_parameter_of_path(path, item, &mut |p, at| f(p, at, out));
        });
    }

    /// Calls `f` on every schema object, parents before children, as
    /// [`walk::for_each_schema`] does, on the pool like [`PassOut::each_parameter`].
    pub fn each_schema(
        &mut self,
        doc: &mut Value,
        f: impl Fn(&mut Map<String, Value>, &Ptr, &mut PassOut) + Sync,
    ) {
        walk::for_each_shared_schema(doc, &mut |s, at| f(s, at, self));
        self.each_path_item(doc, |path, item, out| {
            walk::for_each_schema_of_path(path, item, &mut |s, at| f(s, at, out));
        });
    }

    /// Calls `f` on every operation with its path and method, in document order, each path
    /// item's on the pool like [`PassOut::each_parameter`].
    pub fn each_operation(
        &mut self,
        doc: &mut Value,
        f: impl Fn(&str, &str, &mut Map<String, Value>, &mut PassOut) + Sync,
    ) {
        self.each_path_item(doc, |path, item, out| {
            let Some(item) = item.as_object_mut() else {
                return;
            };
            for (method, op) in item.iter_mut() {
                if let (true, Some(op)) = (
                    crate::swagger::METHODS.contains(&method.as_str()),
                    op.as_object_mut(),
                ) {
                    f(path, method, op, out);
                }
            }
        });
    }

    /// Calls `f` on each path item on the pool, each with findings of its own, added here in
    /// the order of the paths.
    fn each_path_item(
        &mut self,
        doc: &mut Value,
        f: impl Fn(&str, &mut Value, &mut PassOut) + Sync,
    ) {
        use rayon::prelude::*;
        let (code, policy) = (self.code, self.reporter.policy());
        let file = self.reporter.file();
        let found: Vec<Vec<Diagnostic>> = walk::path_items_mut(doc)
            .into_par_iter()
            .map(|(path, item)| {
                let mut reporter = Reporter::new(file, policy);
                f(
                    path,
                    item,
                    &mut PassOut {
                        code,
                        reporter: &mut reporter,
                        measured: None,
                        beside: &Beside::default(),
                    },
                );
                reporter.finish()
            })
            .collect();
        for part in found {
            self.reporter.extend(part);
        }
    }
}

/// Every pass, in the order they run.
pub static PASSES: &[&Pass] = passes::ALL;

/// The codes of the rewrites `[passes]` in ccforge.toml can switch off: the passes in the order
/// they run, then `fix`'s mending of lenient JSON and its certification layout.
pub fn pass_codes() -> impl Iterator<Item = &'static Code> {
    PASSES
        .iter()
        .map(|p| &p.code)
        .chain([&lenient::LENIENT, &layout::WHITESPACE])
}

/// The codes the connector layer reports under, for the registry.
pub fn codes() -> impl Iterator<Item = &'static Code> {
    pass_codes().chain([
        &properties::CONNECTION,
        &select::SELECTION_INVALID,
        &select::OPERATION_KEPT_FOR_CALL,
        &split::SPLIT_FURTHER,
        &split::OPERATION_OVER_LIMIT,
        &cut::SCHEMA_CUT,
    ])
}

/// Cuts the bodies over the 512-schema limit ([`cut`]), each reported at its operation.
pub fn cut_schemas(doc: &mut Value, file: &str, policy: &dyn Policy) -> Vec<Diagnostic> {
    let mut reporter = Reporter::new(file, policy);
    for c in cut::cut_schemas(doc) {
        let shown: Vec<&str> = c.places.iter().take(8).map(String::as_str).collect();
        let more = match c.places.len() - shown.len() {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        reporter.report(
            &cut::SCHEMA_CUT,
            c.operation,
            format!(
                "the {} schema had {} schemas counting its references, over the limit of 512: \
                 it is kept {} levels deep ({} schemas); cut at {}{more}",
                c.body,
                c.before,
                c.depth,
                c.after,
                shown.join(", ")
            ),
        );
    }
    reporter.finish()
}

/// Runs every enabled pass over a Swagger 2.0 document. `file` names the document in the
/// diagnostics, whose pointers are into the rewritten document.
pub fn run_passes(doc: &mut Value, file: &str, policy: &dyn Policy) -> Vec<Diagnostic> {
    run_passes_measured(doc, file, policy).0
}

/// [`run_passes`], also returning the document's written length (pretty JSON) when the last
/// pass that ran measured it (the size pass does).
pub fn run_passes_measured(
    doc: &mut Value,
    file: &str,
    policy: &dyn Policy,
) -> (Vec<Diagnostic>, Option<crate::swagger::size::Lengths>) {
    run_passes_within(doc, file, policy, Shrink::default(), &Beside::default())
}

/// [`run_passes_measured`] with another size budget than the import limit, or description
/// trimming allowed (see [`passes::size::SIZE`]), and the files `beside` the definition.
pub fn run_passes_within(
    doc: &mut Value,
    file: &str,
    policy: &dyn Policy,
    shrink: Shrink,
    beside: &Beside,
) -> (Vec<Diagnostic>, Option<crate::swagger::size::Lengths>) {
    let mut reporter = Reporter::new(file, policy);
    let mut measured = None;
    for pass in PASSES {
        if !policy.pass_enabled(&pass.code) {
            continue;
        }
        let mut out = PassOut {
            code: &pass.code,
            reporter: &mut reporter,
            measured: None,
            beside,
        };
        if std::ptr::eq(*pass, &passes::SIZE) {
            passes::size::shrink_to(doc, shrink, &mut out);
        } else {
            (pass.run)(doc, &mut out);
        }
        // A later pass may change the document: only the last measurement stands.
        measured = out.measured;
    }
    (reporter.finish(), measured)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Declared;

    #[test]
    fn findings_made_on_the_pool_come_in_document_order() {
        let param = |name: &str| serde_json::json!({"name": name, "in": "query", "type": "string"});
        let mut paths = serde_json::Map::new();
        for i in 0..40 {
            paths.insert(
                format!("/p{i}"),
                serde_json::json!({
                    "parameters": [param(&format!("item_{i}"))],
                    "get": {"parameters": [param(&format!("op_{i}"))], "responses": {}}
                }),
            );
        }
        let mut doc = serde_json::json!({
            "swagger": "2.0",
            "info": {"title": "T", "version": "1"},
            "parameters": {"shared": param("shared_one")},
            "paths": paths
        });
        let mut reporter = Reporter::new("a.json", &crate::diagnostic::Declared);
        let mut out = PassOut {
            code: &passes::PARAMETER_SUMMARIES.code,
            reporter: &mut reporter,
            measured: None,
            beside: &Beside::default(),
        };
        out.each_parameter(&mut doc, |p, at, out| {
            out.note(at, p["name"].as_str().unwrap_or_default().to_string());
        });
        let found: Vec<String> = reporter.finish().into_iter().map(|d| d.message).collect();
        let mut expected = vec!["shared_one".to_string()];
        for i in 0..40 {
            expected.push(format!("item_{i}"));
            expected.push(format!("op_{i}"));
        }
        assert_eq!(found, expected);
    }

    #[test]
    fn the_passes_hand_on_the_written_length_they_measured() {
        let mut doc = serde_json::json!({
            "swagger": "2.0",
            "info": {"title": "T", "version": "1"},
            "paths": {"/users/{id}": {"get": {"responses": {"200": {"description": "OK"}}}}}
        });
        let (_, measured) = run_passes_measured(&mut doc, "a.json", &Declared);
        assert_eq!(
            measured.map(|m| m.laid_out),
            Some(crate::emit::to_json(&doc).len())
        );
        assert_eq!(
            measured.map(|m| m.minified),
            Some(doc.to_string().len() + 1)
        );
    }
}
