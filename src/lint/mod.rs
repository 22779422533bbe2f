//! The linter: a registry of rules, the context they run on, and the engine that walks paths.

pub mod baseline;
pub mod codes;
pub mod engine;
pub mod file_schemas;
pub mod rules;
pub mod script;
mod suppress;
#[cfg(test)]
pub(crate) mod test_support;

use serde_json::Value;

use crate::diagnostic::{Code, Diagnostic, Reporter, Severity};
use crate::source::Source;
use crate::swagger::{self, Operation, Parameter, PathParameterLists};

/// A lint rule: the declaration of its code and its check, made together by [`declare_rule!`]
/// in the rule's own file.
pub struct Rule {
    pub code: Code,
    pub check: Check,
}

/// A rule's check, by the document it reads: it runs only when that document is there, and
/// receives it.
#[derive(Clone, Copy)]
pub enum Check {
    /// Reads the definition (and the connector's other files, when the folder has them).
    Definition(fn(&Definition<'_>, &mut Emitter<'_, '_>)),
    /// Reads apiProperties.json (and the definition beside it, when there is one).
    ApiProperties(fn(&ApiProperties<'_>, &mut Emitter<'_, '_>)),
    /// Reads whichever of a connector's files are there.
    Connector(fn(&Connector<'_>, &mut Emitter<'_, '_>)),
    /// Reads the custom code file (and the connector's other files, when the folder has them).
    Script(fn(&ScriptCode<'_>, &mut Emitter<'_, '_>)),
}

impl Check {
    /// The document the check reads.
    pub const fn document(self) -> crate::diagnostic::Document {
        use crate::diagnostic::Document;
        match self {
            Check::Definition(_) => Document::Definition,
            Check::ApiProperties(_) => Document::ApiProperties,
            Check::Connector(_) => Document::Any,
            Check::Script(_) => Document::Script,
        }
    }
}

/// The files of one lint unit (a connector folder or a lone file), as the engine found them.
pub struct Connector<'a> {
    pub definition: Option<&'a Source>,
    pub api_properties: Option<&'a Source>,
    pub settings: Option<&'a Source>,
    /// The custom code file (`script.csx`, or the one settings.json names), parsed.
    pub script: Option<&'a script::Script>,
    /// The names of the files in the connector's folder, when it was read from disk (`None` for
    /// documents held in memory).
    pub folder: Option<&'a [String]>,
}

/// What a script rule sees.
pub struct ScriptCode<'a> {
    pub script: &'a script::Script,
    /// The syntax tree's root, or `None` when the file is too large to parse.
    pub root: Option<tree_sitter::Node<'a>>,
    pub definition: Option<&'a Source>,
    pub api_properties: Option<&'a Source>,
    /// The definition's operations.
    pub operations: &'a [Operation<'a>],
}

/// What a definition rule sees.
pub struct Definition<'a> {
    pub src: &'a Source,
    /// The parsed definition.
    pub doc: &'a Value,
    /// Its operations, computed once for all rules.
    pub operations: &'a [Operation<'a>],
    pub api_properties: Option<&'a Source>,
    pub settings: Option<&'a Source>,
    facts: &'a Facts<'a>,
}

impl<'a> Definition<'a> {
    /// Every schema and `$ref` of the definition, walked once for all the rules that ask.
    pub fn index(&self) -> &'a swagger::schemas::Index<'a> {
        self.facts.index(self.doc)
    }

    /// The definition's structural problems against the connector subset of Swagger 2.0,
    /// checked once for all the rules that report them.
    pub fn structure(&self) -> &'a [swagger::structure::Finding] {
        let check = || swagger::structure::check(self.doc);
        match &self.facts.structure {
            Structure::Own(cell) => cell.get_or_init(check),
            Structure::Shared(cell) => cell.get_or_init(check),
        }
    }

    /// Every parameter object the definition defines, each once at its defining node (shared
    /// entries used or not, path-item and operation inline ones; see
    /// [`swagger::parameter_definitions`]), found once for all the rules that ask.
    pub fn parameters(&self) -> &'a [Parameter<'a>] {
        self.facts.parameters(self.doc)
    }

    /// Every path item's and operation's `parameters` list as written (see
    /// [`swagger::parameter_lists`]), found once for all the rules that ask.
    pub fn parameter_lists(&self) -> &'a [PathParameterLists<'a>] {
        self.facts.parameter_lists(self.doc)
    }

    /// The size of each of [`swagger::schemas::Index::roots`], in the same order, counted
    /// through `$ref`s once for all the rules that ask.
    pub fn root_sizes(&self) -> &'a [swagger::schemas::Size] {
        self.facts.root_sizes(self.doc)
    }

    /// Each faulty `$ref` of the definition (by its index in [`swagger::schemas::Index::refs`])
    /// with what is wrong with it, judged once for all the rules that ask.
    pub fn ref_faults(&self) -> &'a [(usize, swagger::references::Fault<'a>)] {
        self.facts
            .ref_faults
            .get_or_init(|| swagger::references::faults(self.doc, self.index()))
    }
}

/// The structural check of a unit's definition: its own, or one shared with the caller, which
/// may run it on another thread (the check before writing a converted or fixed definition).
pub type SharedStructure = std::sync::OnceLock<Vec<swagger::structure::Finding>>;

enum Structure<'a> {
    Own(std::sync::OnceLock<Vec<swagger::structure::Finding>>),
    Shared(&'a SharedStructure),
}

/// What the rules of one unit share, computed once: the operations at once, the rest when a rule
/// first asks.
pub struct Facts<'a> {
    operations: Vec<Operation<'a>>,
    index: std::sync::OnceLock<swagger::schemas::Index<'a>>,
    structure: Structure<'a>,
    parameters: std::sync::OnceLock<Vec<Parameter<'a>>>,
    parameter_lists: std::sync::OnceLock<Vec<PathParameterLists<'a>>>,
    root_sizes: std::sync::OnceLock<Vec<swagger::schemas::Size>>,
    ref_faults: std::sync::OnceLock<Vec<(usize, swagger::references::Fault<'a>)>>,
}

impl<'a> Facts<'a> {
    /// The facts of a unit's definition.
    pub fn new(unit: &Connector<'a>) -> Self {
        Self::sharing(unit, None)
    }

    /// [`Facts::new`], taking the structural check from `structure` when given (filling it in
    /// when no one has yet).
    pub fn sharing(unit: &Connector<'a>, structure: Option<&'a SharedStructure>) -> Self {
        Facts {
            operations: unit
                .definition
                .map(|s| swagger::operations(&s.value))
                .unwrap_or_default(),
            index: std::sync::OnceLock::new(),
            structure: match structure {
                Some(cell) => Structure::Shared(cell),
                None => Structure::Own(std::sync::OnceLock::new()),
            },
            parameters: std::sync::OnceLock::new(),
            parameter_lists: std::sync::OnceLock::new(),
            root_sizes: std::sync::OnceLock::new(),
            ref_faults: std::sync::OnceLock::new(),
        }
    }

    fn index(&self, doc: &'a Value) -> &swagger::schemas::Index<'a> {
        self.index.get_or_init(|| swagger::schemas::Index::new(doc))
    }

    fn parameters(&self, doc: &'a Value) -> &[Parameter<'a>] {
        self.parameters
            .get_or_init(|| swagger::parameter_definitions(doc))
    }

    fn root_sizes(&self, doc: &'a Value) -> &[swagger::schemas::Size] {
        self.root_sizes.get_or_init(|| {
            let mut sizes = swagger::schemas::Sizes::new(doc);
            self.index(doc)
                .roots()
                .map(|s| sizes.of_map(s.value))
                .collect()
        })
    }

    fn parameter_lists(&self, doc: &'a Value) -> &[PathParameterLists<'a>] {
        self.parameter_lists
            .get_or_init(|| swagger::parameter_lists(doc))
    }
}

/// What an apiProperties.json rule sees.
pub struct ApiProperties<'a> {
    pub src: &'a Source,
    /// The parsed apiProperties.json.
    pub doc: &'a Value,
    pub definition: Option<&'a Source>,
}

/// Declares a lint rule: its doc comment (summary, then What / Why / Example / Fix: the text of
/// `ccforge rules NAME`), the document its check reads with the check function, and its code's
/// fields (see [`declare_code!`](crate::declare_code)):
///
/// ```ignore
/// declare_rule! {
///     /// An operation path ends in `/`.
///     ///
///     /// ## What
///     /// ...
///     pub static RULE = Definition(check) {
///         code: "CCF201",
///         name: "path-trailing-slash",
///         severity: Warning,
///         microsoft: ["PathRedefined"],
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $id:ident = $document:ident($check:path) {
            code: $code:literal,
            name: $name:literal,
            severity: $sev:ident
            $(, profile: $profile:ident)?
            $(, microsoft: [$($ms:literal),* $(,)?])?
            $(, limit: $limit:literal)?
            $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        $vis static $id: $crate::lint::Rule = $crate::lint::Rule {
            code: $crate::diagnostic::Code {
                document: $crate::lint::Check::$document($check).document(),
                ..$crate::code_value!($(#[doc = $doc])* Lint {
                    code: $code,
                    name: $name,
                    severity: $sev
                    $(, profile: $profile)?
                    $(, microsoft: [$($ms),*])?
                    $(, limit: $limit)?
                })
            },
            check: $crate::lint::Check::$document($check),
        };
    };
}

/// The limit a rule compares a count or a length with ([`Emitter::limit`]).
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub value: u64,
    /// Set in `[limits]` of ccforge.toml rather than the rule's default.
    pub configured: bool,
}

impl Limit {
    /// Why the limit is what it is, for a finding's message: `default` (given the value) says
    /// where the rule's own number comes from.
    pub fn reason(&self, default: impl FnOnce(u64) -> String) -> String {
        if self.configured {
            format!("the limit set in ccforge.toml is {}", self.value)
        } else {
            default(self.value)
        }
    }
}

/// Collects the findings of one rule, with the severity the configuration gives it.
pub struct Emitter<'r, 'p> {
    code: &'static Code,
    reporter: &'r mut Reporter<'p>,
}

impl<'r, 'p> Emitter<'r, 'p> {
    pub fn new(code: &'static Code, reporter: &'r mut Reporter<'p>) -> Self {
        Emitter { code, reporter }
    }

    /// The limit in force for a rule declared with one: the configured one, else its default.
    pub fn limit(&self) -> Limit {
        match self.reporter.policy().limit(self.code) {
            Some(value) => Limit {
                value,
                configured: true,
            },
            None => Limit {
                value: self.code.limit.unwrap_or(u64::MAX),
                configured: false,
            },
        }
    }

    /// Reports a finding at the rule's severity, at `pointer` in `src`.
    pub fn emit(
        &mut self,
        src: &Source,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.emit_as(self.code.severity, src, pointer, message)
    }

    /// Reports a finding at the rule's severity at the byte range `start..end` of a script.
    pub fn emit_in(
        &mut self,
        script: &script::Script,
        start: usize,
        end: usize,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.emit_in_as(self.code.severity, script, start, end, message)
    }

    /// [`Emitter::emit_in`] with another default severity.
    pub fn emit_in_as(
        &mut self,
        default: Severity,
        script: &script::Script,
        start: usize,
        end: usize,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        if self.reporter.file() != script.name {
            self.reporter.set_file(script.name.as_str());
        }
        let d = self.reporter.report_as(self.code, default, "", message);
        d.anchor = crate::diagnostic::Anchor::Offset(start);
        d.span = Some(script.span(start, end));
        d
    }

    /// Reports a finding whose default severity differs from the rule's (a configured severity
    /// still wins).
    pub fn emit_as(
        &mut self,
        default: Severity,
        src: &Source,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        if self.reporter.file() != src.name {
            self.reporter.set_file(src.name.as_str());
        }
        self.reporter
            .report_as(self.code, default, pointer, message)
    }
}

impl Rule {
    /// Runs the check on a unit's files, when the document it reads is there.
    pub fn run<'a>(
        &'static self,
        unit: &Connector<'a>,
        facts: &'a Facts<'a>,
        out: &mut Reporter<'_>,
    ) {
        let mut emitter = Emitter::new(&self.code, out);
        match self.check {
            Check::Definition(check) => {
                let Some(src) = unit.definition else { return };
                let cx = Definition {
                    src,
                    doc: &src.value,
                    operations: &facts.operations,
                    api_properties: unit.api_properties,
                    settings: unit.settings,
                    facts,
                };
                check(&cx, &mut emitter);
            }
            Check::ApiProperties(check) => {
                let Some(src) = unit.api_properties else {
                    return;
                };
                let cx = ApiProperties {
                    src,
                    doc: &src.value,
                    definition: unit.definition,
                };
                check(&cx, &mut emitter);
            }
            Check::Connector(check) => check(unit, &mut emitter),
            Check::Script(check) => {
                let Some(script) = unit.script else { return };
                let cx = ScriptCode {
                    script,
                    root: script.root(),
                    definition: unit.definition,
                    api_properties: unit.api_properties,
                    operations: &facts.operations,
                };
                check(&cx, &mut emitter);
            }
        }
    }
}
