//! The one way every stage reports: a [`Reporter`] makes diagnostics of declared [`Code`]s in a
//! file, at the severity the user's [`Policy`] gives each code.

use super::{Code, Diagnostic, Profile, Severity};

/// A code's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

/// How the user's configuration turns codes off or changes their severity. The configuration
/// layer implements it; the stages below it only ask.
pub trait Policy: Sync {
    /// The level the user set for a code, or `None` to keep its own severity.
    fn configured(&self, code: &Code) -> Option<Level>;

    /// The rule set in force: the codes of another profile than the default run only under
    /// their own.
    fn profile(&self) -> Profile {
        Profile::Default
    }

    /// Whether a connector pass runs (a pass can be switched off apart from its reports). A
    /// pass of the certification profile runs only under it.
    fn pass_enabled(&self, code: &Code) -> bool {
        code.profile == Profile::Default || code.profile == self.profile()
    }

    /// Whether a lint rule runs: not off, and of the profile in force, or given a level by name
    /// (which switches a rule of another profile on by itself).
    fn runs(&self, code: &Code) -> bool {
        match self.configured(code) {
            Some(Level::Off) => false,
            Some(Level::On(_)) => true,
            None => code.profile == Profile::Default || code.profile == self.profile(),
        }
    }

    /// The severity a finding of `code` reports at when its default is `default`, or `None`
    /// when the code is off. A configured severity wins over the default.
    fn severity(&self, code: &Code, default: Severity) -> Option<Severity> {
        match self.configured(code) {
            Some(Level::Off) => None,
            Some(Level::On(s)) => Some(s),
            None => Some(default),
        }
    }

    /// The limit the user set for a rule declared with one ([`Code::limit`]), or `None` to
    /// keep the rule's own.
    fn limit(&self, _code: &Code) -> Option<u64> {
        None
    }

    fn is_off(&self, code: &Code) -> bool {
        self.configured(code) == Some(Level::Off)
    }

    /// The code a name in the user's files refers to (a suppression's rule), among all of
    /// ccforge's codes.
    fn find(&self, key: &str) -> Option<&'static Code>;
}

/// Every code at its declared severity, for a stage run without a configuration (an importer's
/// tests, a library caller). It names no code: suppressions need the registry's policy.
#[derive(Debug, Clone, Copy, Default)]
pub struct Declared;

impl Policy for Declared {
    fn configured(&self, _code: &Code) -> Option<Level> {
        None
    }

    fn find(&self, _key: &str) -> Option<&'static Code> {
        None
    }
}

/// Collects the diagnostics of one stage in one file.
pub struct Reporter<'a> {
    file: String,
    policy: &'a dyn Policy,
    out: Vec<Diagnostic>,
    /// Where the findings of codes that are off go, so that callers can still add help.
    discard: Option<Diagnostic>,
}

impl<'a> Reporter<'a> {
    pub fn new(file: impl Into<String>, policy: &'a dyn Policy) -> Self {
        Reporter {
            file: file.into(),
            policy,
            out: Vec::new(),
            discard: None,
        }
    }

    /// The file the next findings are in.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Reports the following findings in another file (a referenced file of a definition).
    pub fn set_file(&mut self, file: impl Into<String>) {
        self.file = file.into();
    }

    pub fn policy(&self) -> &'a dyn Policy {
        self.policy
    }

    /// Reports a finding of `code` at its declared severity, at `pointer` in the current file.
    pub fn report(
        &mut self,
        code: &'static Code,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.report_as(code, code.severity, pointer, message)
    }

    /// Reports a finding of `code` whose default severity differs from the code's (a configured
    /// severity still wins).
    pub fn report_as(
        &mut self,
        code: &'static Code,
        default: Severity,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let d = Diagnostic::new(code, default, message)
            .in_file(self.file.as_str())
            .at_pointer(pointer);
        self.push(d)
    }

    /// Adds a diagnostic made elsewhere, applying the policy to its severity.
    pub fn push(&mut self, mut d: Diagnostic) -> &mut Diagnostic {
        match self.policy.severity(d.meta, d.severity) {
            Some(s) => {
                d.severity = s;
                self.out.push(d);
                self.out.last_mut().expect("just pushed")
            }
            None => self.discard.insert(d),
        }
    }

    /// Adds what another reporter under the same policy found (its severities are final).
    pub fn extend(&mut self, found: Vec<Diagnostic>) {
        self.out.extend(found);
    }

    /// The findings so far.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.out
    }

    /// The findings so far, to amend what they say.
    pub fn diagnostics_mut(&mut self) -> &mut [Diagnostic] {
        &mut self.out
    }

    /// Takes what was reported.
    pub fn finish(self) -> Vec<Diagnostic> {
        self.out
    }
}

/// Keeps the first of each diagnostic reported twice at one place with the same message (a
/// shared node reached from several operations), in order.
pub fn dedupe(diags: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    let keep: Vec<bool> = diags
        .iter()
        .map(|d| seen.insert((d.code, d.file.as_deref(), &d.anchor, d.message.as_str())))
        .collect();
    let mut keep = keep.into_iter();
    diags.retain(|_| keep.next().unwrap_or(true));
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::declare_code! {
        /// A test code.
        static LOUD = Lint {
            code: "CCF998",
            name: "loud",
            severity: Warning,
        }
    }

    struct Fixed(Option<Level>);
    impl Policy for Fixed {
        fn configured(&self, _code: &Code) -> Option<Level> {
            self.0
        }
        fn find(&self, _key: &str) -> Option<&'static Code> {
            None
        }
    }

    #[test]
    fn the_policy_decides_severity_and_silence() {
        let mut r = Reporter::new("a.json", &Declared);
        r.report(&LOUD, "/x", "m").set_help("h");
        r.report_as(&LOUD, Severity::Info, "/y", "n");
        let d = r.finish();
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(d[0].help.as_deref(), Some("h"));
        assert_eq!(d[0].file.as_deref(), Some("a.json"));
        assert_eq!(d[0].pointer(), Some("/x"));
        assert_eq!(d[1].severity, Severity::Info);

        let mut r = Reporter::new("a.json", &Fixed(Some(Level::Off)));
        r.report(&LOUD, "/x", "m").set_help("still allowed");
        assert!(r.finish().is_empty());

        let mut r = Reporter::new("a.json", &Fixed(Some(Level::On(Severity::Error))));
        r.report_as(&LOUD, Severity::Info, "/x", "m");
        assert_eq!(r.finish()[0].severity, Severity::Error);
    }

    #[test]
    fn dedupe_keeps_the_first_of_each() {
        let mut r = Reporter::new("a.json", &Declared);
        r.report(&LOUD, "/x", "m");
        r.report(&LOUD, "/x", "m");
        r.report(&LOUD, "/x", "other");
        let mut d = r.finish();
        dedupe(&mut d);
        assert_eq!(d.len(), 2);
    }
}
