//! The declaration every diagnostic code has: lint rules, connector passes, conversion losses,
//! diff changes and the errors of reading input all declare themselves with
//! [`declare_code!`](crate::declare_code) (or a macro built on it), so the registry,
//! `ccforge rules`, the config and the reports read one shape.

use super::Severity;

/// Which stage reports a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Reading the input, the config or the suppressions: the run itself.
    Input,
    /// A lint rule's check.
    Lint,
    /// A connector pass's rewrite.
    Pass,
    /// What an importer could not carry over.
    Conversion,
    /// A change found by `diff` or `drift`.
    Diff,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Input => "input",
            Kind::Lint => "lint",
            Kind::Pass => "pass",
            Kind::Conversion => "conversion",
            Kind::Diff => "diff",
        }
    }
}

/// Which rule set a code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Profile {
    /// What Microsoft's importer and validator enforce: on by default.
    #[default]
    Default,
    /// What the certification review adds: on with `--profile certification`.
    Certification,
}

impl Profile {
    /// The profile a name chooses: `default` (or `import`, its older name) or `certification`.
    pub fn parse(name: &str) -> Option<Profile> {
        match name {
            "default" | "import" => Some(Profile::Default),
            "certification" => Some(Profile::Certification),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Default => "default",
            Profile::Certification => "certification",
        }
    }
}

/// The file of a connector a code reports on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Document {
    /// `apiDefinition.swagger.json` (or any Swagger 2.0 definition).
    Definition,
    /// `apiProperties.json`.
    ApiProperties,
    /// `settings.json`.
    Settings,
    /// `script.csx`.
    Script,
    /// Whatever file is being read or converted.
    Any,
}

impl Document {
    pub fn as_str(self) -> &'static str {
        match self {
            Document::Definition => "definition",
            Document::ApiProperties => "apiProperties",
            Document::Settings => "settings",
            Document::Script => "script",
            Document::Any => "any",
        }
    }
}

/// One diagnostic code: what it is called, how loud it is by default, and its documentation.
#[derive(Debug, PartialEq, Eq)]
pub struct Code {
    /// Stable code, for example `CCF201`.
    pub code: &'static str,
    /// Stable kebab-case name, for example `path-trailing-slash`.
    pub name: &'static str,
    pub severity: Severity,
    pub kind: Kind,
    pub profile: Profile,
    pub document: Document,
    /// The names of the Microsoft validator rules it checks, as the portal prints them.
    pub microsoft: &'static [&'static str],
    /// Problems reading the input: always on, always errors, never suppressed.
    pub fatal: bool,
    /// For a rule that compares a count or a length with a limit Microsoft does not publish: the
    /// default limit (the most an accepted connector has), which `[limits]` in ccforge.toml
    /// can change.
    pub limit: Option<u64>,
    /// The declaration's doc comment, one entry per line: its first paragraph is the summary,
    /// the rest the What / Why / Example / Fix sections.
    pub doc_lines: &'static [&'static str],
}

impl Code {
    /// The first paragraph of the doc comment, on one line.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for line in self.lines() {
            if line.trim().is_empty() {
                break;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(line.trim());
        }
        out
    }

    /// The documentation after the summary, as Markdown. The doc comment is wrapped to fit the
    /// source; its paragraphs and list items are joined back into one line each here, while
    /// headings, code blocks and tables keep their lines.
    pub fn docs(&self) -> String {
        let body = self
            .lines()
            .skip_while(|l| !l.trim().is_empty())
            .skip_while(|l| l.trim().is_empty());
        let mut out = String::new();
        let mut fence = false;
        let mut joinable = false;
        for line in body {
            let trimmed = line.trim();
            if trimmed.starts_with("```") {
                fence = !fence;
                joinable = false;
            } else if !fence && trimmed.is_empty() {
                joinable = false;
            } else if !fence && joinable && !starts_block(trimmed) {
                out.pop();
                out.push(' ');
                out.push_str(trimmed);
                out.push('\n');
                continue;
            } else if !fence {
                joinable = !trimmed.starts_with('#');
            }
            out.push_str(if trimmed.is_empty() { "" } else { line });
            out.push('\n');
        }
        while out.ends_with('\n') {
            out.pop();
        }
        out
    }

    /// The first paragraph of the doc comment's `## Fix` section, on one line: the help of a
    /// finding that gives none of its own.
    pub fn fix_hint(&self) -> Option<String> {
        let mut out = String::new();
        let section = self
            .lines()
            .skip_while(|l| l.trim() != "## Fix")
            .skip(1)
            .skip_while(|l| l.trim().is_empty());
        for line in section {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with("```") {
                break;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(line);
        }
        (!out.is_empty()).then_some(out)
    }

    /// Whether `key` names this code: its code, its name or one of its Microsoft names, in any
    /// case.
    pub fn is_named(&self, key: &str) -> bool {
        self.code.eq_ignore_ascii_case(key)
            || self.name.eq_ignore_ascii_case(key)
            || self.microsoft.iter().any(|m| m.eq_ignore_ascii_case(key))
    }

    /// A diagnostic of this code at its default severity.
    pub fn diagnostic(&'static self, message: impl Into<String>) -> super::Diagnostic {
        super::Diagnostic::new(self, self.severity, message)
    }

    /// A diagnostic of this code at a severity other than its default.
    pub fn diagnostic_as(
        &'static self,
        severity: Severity,
        message: impl Into<String>,
    ) -> super::Diagnostic {
        super::Diagnostic::new(self, severity, message)
    }

    fn lines(&self) -> impl Iterator<Item = &'static str> {
        // A `///` line arrives as ` text`: drop the one space the comment syntax adds.
        self.doc_lines
            .iter()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
    }
}

/// Whether a Markdown line starts a block of its own (a heading, list item, table row, code
/// fence or quote) rather than continuing a paragraph.
fn starts_block(line: &str) -> bool {
    let numbered = line
        .split_once(". ")
        .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    numbered
        || ["#", "- ", "* ", "|", "```", ">"]
            .iter()
            .any(|p| line.starts_with(p))
}

/// Declares a [`Code`] as a `static`, from its doc comment and fields:
///
/// ```ignore
/// declare_code! {
///     /// One-line summary.
///     ///
///     /// ## What
///     /// ...
///     pub static UNREADABLE_FILE = Input {
///         code: "CCF001",
///         name: "unreadable-file",
///         severity: Error,
///         fatal: true,
///     }
/// }
/// ```
///
/// The kind (`Input`, `Lint`, `Pass`, `Conversion`, `Diff`) comes before the braces; the fields
/// `document` (default `Any`), `profile` (default `Default`), `microsoft` (default none) and
/// `fatal` (default false) and `limit` (default none) may follow the three required ones, in
/// that order.
#[macro_export]
macro_rules! declare_code {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $id:ident = $kind:ident { $($fields:tt)* }
    ) => {
        $(#[doc = $doc])*
        $vis static $id: $crate::diagnostic::Code =
            $crate::code_value!($(#[doc = $doc])* $kind { $($fields)* });
    };
}

/// The [`Code`] value [`declare_code!`] declares, for macros that embed one in a larger static
/// (a lint rule, a connector pass).
#[macro_export]
macro_rules! code_value {
    (
        $(#[doc = $doc:literal])*
        $kind:ident {
            code: $code:literal,
            name: $name:literal,
            severity: $sev:ident
            $(, document: $document:ident)?
            $(, profile: $profile:ident)?
            $(, microsoft: [$($ms:literal),* $(,)?])?
            $(, fatal: $fatal:literal)?
            $(, limit: $limit:literal)?
            $(,)?
        }
    ) => {
        $crate::diagnostic::Code {
            code: $code,
            name: $name,
            severity: $crate::diagnostic::Severity::$sev,
            kind: $crate::diagnostic::Kind::$kind,
            profile: $crate::__or!(
                $($crate::diagnostic::Profile::$profile)?,
                $crate::diagnostic::Profile::Default
            ),
            document: $crate::__or!(
                $($crate::diagnostic::Document::$document)?,
                $crate::diagnostic::Document::Any
            ),
            microsoft: &[$($($ms),*)?],
            fatal: $crate::__or!($($fatal)?, false),
            limit: $crate::__or!($(Some($limit))?, None),
            doc_lines: &[$($doc),*],
        }
    };
}

/// The first of its arguments that is given: an optional macro field or its default.
#[doc(hidden)]
#[macro_export]
macro_rules! __or {
    (, $default:expr) => {
        $default
    };
    ($given:expr, $default:expr) => {
        $given
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::declare_code! {
        /// A sample code
        /// on two lines.
        ///
        /// ## What
        /// It shows
        /// the shape.
        /// - a list item
        ///   continued
        ///
        /// ```json
        /// { "kept": true }
        /// ```
        ///
        /// ## Fix
        /// Nothing.
        static SAMPLE = Lint {
            code: "CCF999",
            name: "sample-code",
            severity: Warning,
            document: Definition,
            microsoft: ["SampleRule"],
        }
    }

    #[test]
    fn summary_and_docs_come_from_the_doc_comment() {
        assert_eq!(SAMPLE.summary(), "A sample code on two lines.");
        assert_eq!(
            SAMPLE.docs(),
            "## What\nIt shows the shape.\n- a list item continued\n\n```json\n{ \"kept\": true }\n```\n\n## Fix\nNothing."
        );
        assert_eq!(SAMPLE.kind, Kind::Lint);
        assert_eq!(SAMPLE.profile, Profile::Default);
        assert_eq!(SAMPLE.document, Document::Definition);
        assert!(!SAMPLE.fatal);
        assert!(SAMPLE.is_named("samplerule"));
        assert!(SAMPLE.is_named("ccf999"));
        assert!(!SAMPLE.is_named("other"));
        assert_eq!(SAMPLE.fix_hint().as_deref(), Some("Nothing."));
    }

    crate::declare_code! {
        /// A code whose fix runs over lines.
        ///
        /// ## Fix
        /// Write the URL
        /// in full.
        ///
        /// Or leave it out.
        static WRAPPED = Lint {
            code: "CCF998",
            name: "wrapped-code",
            severity: Warning,
            document: Definition,
        }
    }

    crate::declare_code! {
        /// A code without a fix.
        static BARE = Lint {
            code: "CCF997",
            name: "bare-code",
            severity: Warning,
            document: Definition,
        }
    }

    #[test]
    fn the_fix_hint_is_the_first_paragraph_of_the_fix_section() {
        assert_eq!(
            WRAPPED.fix_hint().as_deref(),
            Some("Write the URL in full.")
        );
        assert_eq!(BARE.fix_hint(), None);
    }
}
