//! Turning paths into lint units (connector folders and lone definitions) and linting them in
//! parallel.

use crate::value::Lookup;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::codes::{CONNECTOR_FILE_NAME, NOT_SWAGGER2};
use super::script::Script;
use super::{Connector, rules, suppress};
use crate::detect::{self, Format};
use crate::diagnostic::{Diagnostic, Policy, Reporter, Severity};
use crate::source::codes::UNREADABLE_FILE;
use crate::source::{self, LoadError, Source, display_name};

/// A connector folder's files, or one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    Connector {
        swagger: PathBuf,
        properties: Option<PathBuf>,
        settings: Option<PathBuf>,
        /// The custom code file: `script.csx`, or the folder's only `*.csx` (settings.json may
        /// name another).
        script: Option<PathBuf>,
        /// The definition is not named apiDefinition.swagger.json.
        misnamed: bool,
    },
    File {
        path: PathBuf,
        /// Named by the user (an error when it is not lintable) or found by a walk (skipped).
        explicit: bool,
    },
}

impl Unit {
    /// Every file of the unit.
    pub fn files(&self) -> Vec<&PathBuf> {
        match self {
            Unit::Connector {
                swagger,
                properties,
                settings,
                script,
                ..
            } => [
                Some(swagger),
                properties.as_ref(),
                settings.as_ref(),
                script.as_ref(),
            ]
            .into_iter()
            .flatten()
            .collect(),
            Unit::File { path, .. } => vec![path],
        }
    }

    pub fn main_path(&self) -> &Path {
        match self {
            Unit::Connector { swagger, .. } => swagger,
            Unit::File { path, .. } => path,
        }
    }
}

/// What linting produced.
#[derive(Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    /// Texts of the files that have diagnostics, for code frames.
    pub texts: HashMap<String, Arc<str>>,
    /// How many files were linted.
    pub files: usize,
    /// The files read as inputs (set by the caller that walked the paths), which no output may
    /// overwrite.
    pub inputs: Vec<PathBuf>,
}

/// Whether a diagnostic reports input that could not be read (exit code 2).
pub fn is_input_error(d: &Diagnostic) -> bool {
    d.severity == Severity::Error && d.meta.fatal
}

fn eq_name(path: &Path, name: &str) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case(name))
}

fn is_data_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "json" | "yaml" | "yml"))
}

fn is_script_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csx"))
}

/// The custom code file among a folder's files: `script.csx`, or the only `*.csx`.
fn script_of(files: &[PathBuf]) -> Option<PathBuf> {
    let mut scripts = files.iter().filter(|f| is_script_file(f));
    if let Some(s) = files.iter().find(|f| eq_name(f, "script.csx")) {
        return Some(s.clone());
    }
    let only = scripts.next()?;
    scripts.next().is_none().then(|| only.clone())
}

/// Groups the data files (and script files) of one folder into units; a script file belongs to
/// the folder's connector, or to no unit.
fn units_of_folder(all: &[PathBuf], out: &mut Vec<Unit>) {
    let script = script_of(all);
    let files: Vec<PathBuf> = all.iter().filter(|f| is_data_file(f)).cloned().collect();
    let files = files.as_slice();
    let find = |name: &str| files.iter().find(|f| eq_name(f, name)).cloned();
    let properties = find("apiProperties.json");
    let settings = find("settings.json");
    let definition = find("apiDefinition.swagger.json")
        .map(|p| (p, false))
        .or_else(|| {
            // A folder with apiProperties.json and exactly one other *.swagger.json is a connector
            // whose definition is misnamed.
            properties.as_ref()?;
            let mut swaggers = files.iter().filter(|f| {
                f.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.to_ascii_lowercase().ends_with(".swagger.json"))
            });
            let only = swaggers.next()?;
            swaggers.next().is_none().then(|| (only.clone(), true))
        });
    let mut taken: HashSet<&PathBuf> = HashSet::new();
    if let Some((swagger, misnamed)) = &definition {
        taken.insert(swagger);
        taken.extend(properties.iter());
        taken.extend(settings.iter());
        out.push(Unit::Connector {
            swagger: swagger.clone(),
            properties: properties.clone(),
            settings: settings.clone(),
            script,
            misnamed: *misnamed,
        });
    }
    for f in files {
        if !taken.contains(f) {
            out.push(Unit::File {
                path: f.clone(),
                explicit: false,
            });
        }
    }
}

/// The data files of a folder, sorted.
fn folder_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && (is_data_file(p) || is_script_file(p)))
        .collect();
    v.sort();
    v
}

/// Expands the paths a user gave into lint units. Paths that do not exist become diagnostics.
pub fn collect_units(paths: &[PathBuf], problems: &mut Vec<Diagnostic>) -> Vec<Unit> {
    let mut units = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut by_folder: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
            let walker = ignore::WalkBuilder::new(path)
                .hidden(true)
                .git_ignore(true)
                .git_exclude(true)
                .require_git(false)
                .parents(true)
                .filter_entry(|e| {
                    !(e.file_type().is_some_and(|t| t.is_dir())
                        && matches!(e.file_name().to_str(), Some("target" | "node_modules")))
                })
                .build();
            for entry in walker.flatten() {
                let p = entry.path();
                if entry.file_type().is_some_and(|t| t.is_file())
                    && (is_data_file(p) || is_script_file(p))
                {
                    let parent = p.parent().map(Path::to_path_buf).unwrap_or_default();
                    by_folder.entry(parent).or_default().push(p.to_path_buf());
                }
            }
            for (_, mut files) in by_folder {
                files.sort();
                units_of_folder(&files, &mut units);
            }
        } else if path.is_file() {
            let is_connector_file = [
                "apiDefinition.swagger.json",
                "apiProperties.json",
                "settings.json",
            ]
            .iter()
            .any(|n| eq_name(path, n))
                || is_script_file(path);
            let parent = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let mut folder_units = Vec::new();
            if is_connector_file {
                units_of_folder(&folder_files(parent), &mut folder_units);
            }
            let file_name = path.file_name();
            let connector = folder_units.into_iter().find(|u| {
                matches!(u, Unit::Connector { .. })
                    && u.files().iter().any(|f| f.file_name() == file_name)
            });
            units.push(connector.unwrap_or_else(|| Unit::File {
                path: path.clone(),
                explicit: true,
            }));
        } else if path.exists() {
            // A pipe or a device (`<(cat api.json)`, `/dev/stdin`): read as it comes.
            units.push(Unit::File {
                path: path.clone(),
                explicit: true,
            });
        } else {
            problems.push(
                Diagnostic::new(
                    &UNREADABLE_FILE,
                    Severity::Error,
                    "no such file or directory",
                )
                .with_help("check the path")
                .in_file(display_name(path)),
            );
        }
    }
    // One file named twice (`a.json` and `./a.json`, or by its absolute path) is linted once.
    let mut seen = HashSet::new();
    units.retain(|u| seen.insert(crate::fsutil::lexical_absolute(u.main_path())));
    units
}

/// Runs every rule that is on over a unit's files.
pub fn run_rules(unit: &Connector, policy: &dyn Policy, out: &mut Vec<Diagnostic>) {
    run_rules_sharing(unit, policy, None, out);
}

/// The definition size (bytes) from which a unit's rules run in parallel.
const PARALLEL_RULES_FROM: usize = 256 * 1024;

/// [`run_rules`], taking the definition's structural check from `structure` when given.
fn run_rules_sharing<'a>(
    unit: &Connector<'a>,
    policy: &dyn Policy,
    structure: Option<&'a super::SharedStructure>,
    out: &mut Vec<Diagnostic>,
) {
    // The rules are independent readers of one document. On a large definition they run in
    // parallel (an editor or a single-file check waits for them); a small one is not worth the
    // hand-over, and many small ones are already linted in parallel.
    let parallel = unit
        .definition
        .is_some_and(|d| d.byte_len >= PARALLEL_RULES_FROM);
    let facts = super::Facts::sharing(unit, structure);
    out.extend(each_rule(unit, policy, &facts, parallel));
}

/// The findings of every rule `policy` runs, in the rules' order, whether they ran one after
/// the other or, when `parallel`, at once.
fn each_rule<'a>(
    unit: &Connector<'a>,
    policy: &dyn Policy,
    facts: &'a super::Facts<'a>,
    parallel: bool,
) -> Vec<Diagnostic> {
    let run = |rule: &'static super::Rule| {
        let mut reporter = Reporter::new("", policy);
        rule.run(unit, facts, &mut reporter);
        reporter.finish()
    };
    let rules = rules::ALL
        .iter()
        .copied()
        .filter(|rule| policy.runs(&rule.code));
    if parallel {
        use rayon::prelude::*;
        let rules: Vec<_> = rules.collect();
        let found: Vec<Vec<Diagnostic>> = rules.into_par_iter().map(run).collect();
        found.into_iter().flatten().collect()
    } else {
        rules.flat_map(run).collect()
    }
}

struct Loaded {
    sources: Vec<Source>,
    scripts: Vec<Script>,
    diags: Vec<Diagnostic>,
    texts: Vec<(String, Arc<str>)>,
    /// Files that could not be read or parsed: checked all the same (their error is a finding).
    unread: usize,
}

/// Reads and parses one file of a unit as lint would (a script as C#, the rest as JSON or
/// YAML), for the parse-only baseline; whether it parsed.
pub fn parse_file(path: &Path) -> bool {
    if is_script_file(path) {
        return std::fs::read(path)
            .is_ok_and(|b| Script::from_bytes(&display_name(path), &b).root().is_some());
    }
    source::load_path(path, &display_name(path)).is_ok()
}

/// The names of the files in a folder.
fn folder_names(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect()
}

impl Loaded {
    fn load_script(&mut self, path: &Path) {
        let name = display_name(path);
        match std::fs::read(path) {
            Ok(bytes) => self.scripts.push(Script::from_bytes(&name, &bytes)),
            Err(e) => {
                self.unread += 1;
                self.diags.push(
                    Diagnostic::new(
                        &UNREADABLE_FILE,
                        Severity::Error,
                        format!("cannot read the file: {e}"),
                    )
                    .with_help("check that the path exists and is readable")
                    .in_file(name),
                );
            }
        }
    }

    fn load(&mut self, path: &Path) -> Option<usize> {
        let name = display_name(path);
        match source::load_path(path, &name) {
            Ok(src) => {
                self.sources.push(src);
                Some(self.sources.len() - 1)
            }
            Err(LoadError { diagnostic, text }) => {
                if let Some(t) = text {
                    self.texts.push((name, t));
                }
                self.diags.push(diagnostic);
                self.unread += 1;
                None
            }
        }
    }
}

fn format_error(src: &Source, format: Result<Format, detect::Unknown>) -> Diagnostic {
    match format {
        Ok(f) if f.is_openapi3() || f.is_postman() || f == Format::PostmanEnvironment => {
            Diagnostic::new(
                &NOT_SWAGGER2,
                Severity::Error,
                format!(
                    "this is {}; Power Platform imports connectors from Swagger 2.0 only",
                    f.with_article()
                ),
            )
            .with_help(if f == Format::PostmanEnvironment {
                format!(
                    "an environment holds variables for a collection: convert the collection \
                     with it, ccforge convert COLLECTION.json --env {} -o apiDefinition.swagger.json",
                    crate::diagnostic::shell_word(&src.name)
                )
            } else {
                format!(
                    "convert it first: ccforge convert {} -o apiDefinition.swagger.json",
                    crate::diagnostic::shell_word(&src.name)
                )
            })
            .in_file(&src.name)
            .at_pointer("")
        }
        Ok(f) => detect::wrong_format(f, "lint does not check on its own", "", &src.name),
        Err(u) => u.diagnostic(&src.name),
    }
}

fn quick_sniff(path: &Path) -> bool {
    // A walk only lints files that mention `swagger`; reading the bytes is cheap next to parsing.
    std::fs::read(path)
        .map(|b| b.windows(7).any(|w| w == b"swagger"))
        .unwrap_or(true)
}

/// Lints one unit with its config.
pub fn lint_unit(unit: &Unit, policy: &dyn Policy) -> Outcome {
    let mut l = Loaded {
        sources: Vec::new(),
        scripts: Vec::new(),
        diags: Vec::new(),
        texts: Vec::new(),
        unread: 0,
    };
    let (mut swagger, mut properties, mut settings) = (None, None, None);
    let mut folder = None;
    match unit {
        Unit::Connector {
            swagger: s,
            properties: p,
            settings: t,
            script,
            misnamed,
        } => {
            swagger = l.load(s);
            properties = p.as_deref().and_then(|p| l.load(p));
            settings = t.as_deref().and_then(|t| l.load(t));
            let dir = s.parent().unwrap_or(Path::new("."));
            // settings.json may name the script file; one that is not there is the settings
            // rule's to report.
            let named = settings
                .and_then(|i| l.sources[i].value.field("script"))
                .and_then(|v| v.as_str())
                .map(|n| dir.join(n))
                .filter(|p| p.is_file());
            if let Some(path) = named.as_ref().or(script.as_ref()) {
                l.load_script(path);
            }
            if settings.is_some() {
                folder = Some(folder_names(dir));
            }
            if let Some(i) = swagger {
                match detect::detect(&l.sources[i].value, &l.sources[i].name) {
                    Ok(Format::Swagger2) => {}
                    other => {
                        let d = format_error(&l.sources[i], other);
                        l.diags.push(d);
                        swagger = None;
                    }
                }
            }
            if *misnamed && let Some(i) = swagger {
                let mut r = Reporter::new(l.sources[i].name.as_str(), policy);
                r.report(
                    &CONNECTOR_FILE_NAME,
                    "",
                    "this connector's definition is not named apiDefinition.swagger.json",
                )
                .set_help("rename it to apiDefinition.swagger.json");
                l.diags.extend(r.finish());
            }
        }
        Unit::File { path, explicit } => {
            if !*explicit && !quick_sniff(path) {
                return Outcome::default();
            }
            let Some(i) = l.load(path) else {
                return finish(l, policy, Vec::new(), Trees::Free);
            };
            match detect::detect(&l.sources[i].value, &l.sources[i].name) {
                Ok(Format::Swagger2) => swagger = Some(i),
                Ok(Format::ApiProperties) => properties = Some(i),
                Ok(Format::Settings) => settings = Some(i),
                _ if !*explicit => return Outcome::default(),
                other => {
                    let d = format_error(&l.sources[i], other);
                    l.diags.push(d);
                }
            }
        }
    }
    let mut found = Vec::new();
    let unit = Connector {
        definition: swagger.map(|i| &l.sources[i]),
        api_properties: properties.map(|i| &l.sources[i]),
        settings: settings.map(|i| &l.sources[i]),
        script: l.scripts.first(),
        folder: folder.as_deref(),
    };
    run_rules(&unit, policy, &mut found);
    l.diags.extend(found);
    finish(l, policy, Vec::new(), Trees::Free)
}

/// `extra`: diagnostics about the same sources found elsewhere (the conversion's), located in
/// the same pass over each text and returned with the findings.
fn finish(mut l: Loaded, policy: &dyn Policy, extra: Vec<Diagnostic>, trees: Trees) -> Outcome {
    for src in &l.sources {
        let mut notes = Reporter::new(src.name.as_str(), policy);
        for note in &src.notes {
            notes.push(note.clone());
        }
        l.diags.extend(notes.finish());
    }
    // Shared nodes (a referenced parameter) can be reported once per user; keep one.
    crate::diagnostic::dedupe(&mut l.diags);
    let mut problems = Vec::new();
    for src in &l.sources {
        let mut sups = suppress::collect(src, policy, &mut problems);
        suppress::apply(src, policy, &mut sups, &mut l.diags);
    }
    l.diags.extend(problems);
    l.diags.extend(extra);
    for src in &l.sources {
        src.resolve(&mut l.diags);
    }
    let mut texts = l.texts;
    for script in &l.scripts {
        if l.diags
            .iter()
            .any(|d| d.file.as_deref() == Some(&script.name))
        {
            texts.push((script.name.clone(), script.text.clone()));
        }
    }
    for src in &l.sources {
        if l.diags.iter().any(|d| d.file.as_deref() == Some(&src.name)) {
            texts.push((src.name.clone(), src.text.clone()));
        }
    }
    let files = l.sources.len() + l.scripts.len() + l.unread;
    // A large definition's tree takes milliseconds to free, at the very end of a command: it
    // is freed on the pool while the report is written, or left to the system.
    if l.sources.iter().map(|s| s.byte_len).sum::<usize>() >= PARALLEL_RULES_FROM {
        let sources = std::mem::take(&mut l.sources);
        match trees {
            Trees::Free => rayon::spawn(move || drop(sources)),
            Trees::Dispose => crate::memory::dispose(sources),
        }
    }
    Outcome {
        files,
        diagnostics: l.diags,
        texts: texts.into_iter().collect(),
        inputs: Vec::new(),
    }
}

/// Lints documents held in memory (a converted or fixed definition, with the apiProperties.json
/// and settings.json written beside it), as one connector.
pub fn lint_sources(sources: Vec<Source>, policy: &dyn Policy) -> Outcome {
    lint_sources_with(sources, policy, Vec::new())
}

/// [`lint_sources`], also locating `extra` diagnostics about those sources (found by a
/// conversion or the passes) in the same pass over each text, and returning them too.
pub fn lint_sources_with(
    sources: Vec<Source>,
    policy: &dyn Policy,
    extra: Vec<Diagnostic>,
) -> Outcome {
    let found = lint_rules(&sources, policy);
    lint_finish(sources, found, policy, extra, Trees::Free)
}

/// [`lint_sources`], taking the definition's structural check from `structure` (the first
/// source is the definition).
pub fn lint_sources_sharing(
    sources: Vec<Source>,
    policy: &dyn Policy,
    structure: &super::SharedStructure,
) -> Outcome {
    let found = lint_rules_sharing(&sources, policy, Some(structure));
    lint_finish(sources, found, policy, Vec::new(), Trees::Free)
}

/// The rules' findings for files already in memory, seen as one connector. Only the values
/// and sizes are read, so the texts may still be empty.
pub fn lint_rules(sources: &[Source], policy: &dyn Policy) -> Vec<Diagnostic> {
    lint_rules_sharing(sources, policy, None)
}

/// [`lint_rules`], taking the definition's structural check from `structure` when given.
pub fn lint_rules_sharing<'a>(
    sources: &'a [Source],
    policy: &dyn Policy,
    structure: Option<&'a super::SharedStructure>,
) -> Vec<Diagnostic> {
    let (mut swagger, mut properties, mut settings) = (None, None, None);
    for (i, src) in sources.iter().enumerate() {
        match detect::detect(&src.value, &src.name) {
            Ok(Format::Swagger2) => swagger = Some(i),
            Ok(Format::ApiProperties) => properties = Some(i),
            Ok(Format::Settings) => settings = Some(i),
            _ => {}
        }
    }
    let mut found = Vec::new();
    let unit = Connector {
        definition: swagger.map(|i| &sources[i]),
        api_properties: properties.map(|i| &sources[i]),
        settings: settings.map(|i| &sources[i]),
        script: None,
        folder: None,
    };
    run_rules_sharing(&unit, policy, structure, &mut found);
    found
}

/// What becomes of a large unit's document trees once it is linted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trees {
    /// Freed on the pool, while the report is written: the report of a large folder is drawn
    /// in the memory they free (a lint of 1,031 connectors peaked 40% higher when they were
    /// left to the system).
    Free,
    /// The command's one unit: left to the system when the process ends with the command
    /// (see [`crate::memory::dispose`]). Freeing a tree the main thread built, on the pool,
    /// costs a large definition's conversion some 10 ms of both cores.
    Dispose,
}

/// The rest of a lint once the texts are in place: notes, suppressions, `extra` (diagnostics
/// from elsewhere about these files) and the places of everything.
pub fn lint_finish(
    sources: Vec<Source>,
    found: Vec<Diagnostic>,
    policy: &dyn Policy,
    extra: Vec<Diagnostic>,
    trees: Trees,
) -> Outcome {
    let l = Loaded {
        sources,
        scripts: Vec::new(),
        diags: found,
        texts: Vec::new(),
        unread: 0,
    };
    finish(l, policy, extra, trees)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Declared;

    #[test]
    fn rules_run_in_parallel_report_in_the_same_order() {
        // Findings of several rules, at several places.
        let text = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"},
            "host": "api.example.com", "basePath": "/",
            "paths": {
                "/a/": {"get": {"responses": {"200": {"description": "OK"}}}},
                "/b/{id}": {"post": {"operationId": "b", "responses": {"default": {}}}}
            }}"#;
        let src = source::load_bytes("apiDefinition.swagger.json", text.as_bytes()).unwrap();
        let unit = Connector {
            definition: Some(&src),
            api_properties: None,
            settings: None,
            script: None,
            folder: None,
        };
        let facts = super::super::Facts::new(&unit);
        let one_by_one = each_rule(&unit, &Declared, &facts, false);
        let at_once = each_rule(&unit, &Declared, &facts, true);
        let codes: std::collections::BTreeSet<_> = one_by_one.iter().map(|d| d.code).collect();
        assert!(codes.len() >= 4, "{codes:?}");
        let key = |d: &Diagnostic| (d.code, d.anchor.clone(), d.message.clone());
        assert_eq!(
            one_by_one.iter().map(key).collect::<Vec<_>>(),
            at_once.iter().map(key).collect::<Vec<_>>()
        );
    }
}
