//! `ccforge.toml`: per-rule severity, profile and ignored files.

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::diagnostic::{Code, Diagnostic, Kind, Level, Policy, Profile, Severity};
use crate::registry::{self, INVALID_CONFIG};
use crate::source::span_in_text;

pub const FILE_NAME: &str = "ccforge.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    profile: Option<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    rules: HashMap<String, String>,
    #[serde(default)]
    passes: HashMap<String, bool>,
    #[serde(default)]
    limits: HashMap<String, i64>,
    #[serde(default)]
    convert: HashMap<String, RawSelection>,
    #[serde(default)]
    fix: HashMap<String, RawSelection>,
}

/// `[convert."FILE"]` / `[fix."FILE"]`: which operations of one input to keep.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSelection {
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
}

/// The include and exclude patterns of one input, as written in the config.
#[derive(Debug, Clone, Default)]
pub struct InputSelection {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

#[derive(Debug)]
pub struct Config {
    /// The file it came from (None: built-in defaults).
    pub file: Option<PathBuf>,
    pub profile: Profile,
    /// Folder the ignore globs are relative to.
    root: PathBuf,
    ignore: GlobSet,
    levels: HashMap<&'static str, Level>,
    /// Connector passes switched off, by code.
    passes_off: HashSet<&'static str>,
    /// `[convert."FILE"]` and `[fix."FILE"]`: (command, file relative to `root`) → patterns.
    selections: HashMap<(String, PathBuf), InputSelection>,
    /// Connector passes of another profile switched on by name, by code.
    passes_on: HashSet<&'static str>,
    /// `[limits]`: the limit of a rule declared with one, by code.
    limits: HashMap<&'static str, u64>,
}

fn config_error(
    file: &Path,
    text: &str,
    range: Option<std::ops::Range<usize>>,
    message: String,
) -> Diagnostic {
    let mut d = Diagnostic::new(
        &INVALID_CONFIG,
        Severity::Error,
        format!("invalid configuration: {message}"),
    )
    .with_help("see the configuration section of the README; `ccforge rules` lists rule names")
    .in_file(file.display().to_string());
    if let Some(r) = range {
        d.span = Some(span_in_text(text, r.start, r.end));
    }
    d
}

impl Config {
    pub fn defaults(root: PathBuf) -> Config {
        Config {
            file: None,
            profile: Profile::Default,
            root,
            ignore: GlobSet::empty(),
            levels: HashMap::new(),
            passes_off: HashSet::new(),
            selections: HashMap::new(),
            passes_on: HashSet::new(),
            limits: HashMap::new(),
        }
    }

    /// Reads a config file. Errors name the file and the place.
    pub fn load(file: &Path) -> Result<Config, Diagnostic> {
        let text = std::fs::read_to_string(file)
            .map_err(|e| config_error(file, "", None, format!("cannot read it: {e}")))?;
        Self::parse(file, &text)
    }

    pub fn parse(file: &Path, text: &str) -> Result<Config, Diagnostic> {
        let raw: RawConfig = toml::from_str(text)
            .map_err(|e| config_error(file, text, e.span(), e.message().to_string()))?;
        let find = |needle: &str| text.find(needle).map(|i| i..i + needle.len());
        // Where `key = ...` is set: the start of the line that sets it (the key first on it,
        // bare or quoted) and the key's offset in that line.
        let key_line = |key: &str| {
            let mut at = 0;
            for line in text.split_inclusive('\n') {
                let trimmed = line.trim_start();
                let lead = line.len() - trimmed.len();
                let rest = trimmed
                    .strip_prefix(key)
                    .or_else(|| trimmed.strip_prefix(&format!("\"{key}\"")));
                if rest.is_some_and(|r| r.trim_start().starts_with('=')) {
                    return Some((at, lead));
                }
                at += line.len();
            }
            None
        };
        let find_key = |key: &str| {
            key_line(key)
                .map(|(at, lead)| at + lead..at + lead + key.len())
                .or_else(|| find(key))
        };
        // The value set for `key`, after it on its line.
        let find_value = |key: &str, value: &str| {
            key_line(key)
                .and_then(|(at, lead)| {
                    let from = at + lead + key.len();
                    let end = text[from..].find('\n').map_or(text.len(), |e| from + e);
                    text[from..end]
                        .find(value)
                        .map(|v| from + v..from + v + value.len())
                })
                .or_else(|| find(value))
        };
        let profile = match raw.profile.as_deref() {
            None => Profile::Default,
            Some(name) => match Profile::parse(name) {
                Some(p) => p,
                None => {
                    return Err(config_error(
                        file,
                        text,
                        find(name),
                        format!(
                            "unknown profile `{name}`; the profiles are `default` (also called \
                             `import`) and `certification`"
                        ),
                    ));
                }
            },
        };
        let mut levels = HashMap::new();
        for (key, value) in &raw.rules {
            let Some(meta) = registry::find(key) else {
                return Err(config_error(
                    file,
                    text,
                    find_key(key),
                    format!("unknown rule `{key}`"),
                ));
            };
            let level = match value.as_str() {
                "off" => Level::Off,
                v => match Severity::parse(v) {
                    Some(s) => Level::On(s),
                    None => {
                        return Err(config_error(
                            file,
                            text,
                            find_value(key, value),
                            format!(
                                "`{value}` for `{key}` is not one of off, info, warning, error"
                            ),
                        ));
                    }
                },
            };
            if meta.fatal {
                return Err(config_error(
                    file,
                    text,
                    find_key(key),
                    format!("`{key}` reports unreadable input and cannot be configured"),
                ));
            }
            if !configurable(meta) {
                return Err(config_error(
                    file,
                    text,
                    find_key(key),
                    format!(
                        "`{key}` keeps invalid definitions from being written and cannot be \
                         configured"
                    ),
                ));
            }
            if meta.kind == Kind::Diff {
                return Err(config_error(
                    file,
                    text,
                    find_key(key),
                    format!(
                        "`{key}` is a change `diff` and `drift` report; choose what fails with \
                         their --fail-on instead"
                    ),
                ));
            }
            levels.insert(meta.code, level);
        }
        let mut passes_off = HashSet::new();
        let mut passes_on = HashSet::new();
        for (key, on) in &raw.passes {
            let Some(meta) = registry::find_pass(key) else {
                return Err(config_error(
                    file,
                    text,
                    find_key(key),
                    format!("unknown pass `{key}`; `ccforge rules` lists them (codes CCF6xx)"),
                ));
            };
            if *on {
                passes_on.insert(meta.code);
            } else {
                passes_off.insert(meta.code);
            }
        }
        let mut limits = HashMap::new();
        for (key, value) in &raw.limits {
            let meta = registry::find(key).filter(|m| m.limit.is_some());
            let Some(meta) = meta else {
                let with: Vec<&str> = registry::all()
                    .filter(|m| m.limit.is_some())
                    .map(|m| m.name)
                    .collect();
                return Err(config_error(
                    file,
                    text,
                    find_key(key),
                    format!(
                        "`{key}` has no limit to set; the rules with one are {}",
                        with.join(", ")
                    ),
                ));
            };
            let Ok(n @ 1..) = u64::try_from(*value) else {
                return Err(config_error(
                    file,
                    text,
                    find_key(key),
                    format!(
                        "the limit of `{key}` is {value}; it must be a whole number of 1 or more"
                    ),
                ));
            };
            limits.insert(meta.code, n);
        }
        let mut builder = GlobSetBuilder::new();
        for pattern in &raw.ignore {
            let glob = Glob::new(pattern).map_err(|e| {
                config_error(
                    file,
                    text,
                    find(pattern),
                    format!("bad ignore pattern `{pattern}`: {e}"),
                )
            })?;
            builder.add(glob);
        }
        let ignore = builder
            .build()
            .map_err(|e| config_error(file, text, None, e.to_string()))?;
        let mut selections = HashMap::new();
        for (command, table) in [("convert", raw.convert), ("fix", raw.fix)] {
            for (input, sel) in table {
                for pattern in sel.include.iter().chain(&sel.exclude) {
                    if let Err(e) = crate::connector::select::Pattern::parse(pattern) {
                        return Err(config_error(file, text, find(pattern), e));
                    }
                }
                selections.insert(
                    (command.to_string(), normal(Path::new(&input))),
                    InputSelection {
                        include: sel.include,
                        exclude: sel.exclude,
                    },
                );
            }
        }
        let root = file.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(Config {
            file: Some(file.to_path_buf()),
            profile,
            root,
            ignore,
            levels,
            passes_off,
            selections,
            passes_on,
            limits,
        })
    }

    /// The config with `profile`, when given, in force instead of its own.
    fn chosen(mut self, profile: Option<Profile>) -> Config {
        if let Some(p) = profile {
            self.profile = p;
        }
        self
    }

    /// The operations `command` (`convert` or `fix`) keeps of `input`, when the config names
    /// the file (relative to the config's folder).
    pub fn selection(&self, command: &str, input: &Path) -> Option<&InputSelection> {
        if self.selections.is_empty() {
            return None;
        }
        let abs = std::path::absolute(input).ok()?;
        let root = std::path::absolute(&self.root).ok()?;
        let rel = normal(abs.strip_prefix(&root).ok()?);
        self.selections.get(&(command.to_string(), rel))
    }

    /// Whether an (absolute) path, or a folder it is in, matches an ignore glob, relative to
    /// the config's folder: `legacy` ignores what is under the folder, as `legacy/**` does.
    pub fn is_ignored(&self, path: &Path) -> bool {
        if self.ignore.is_empty() {
            return false;
        }
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        rel.ancestors()
            .filter(|p| !p.as_os_str().is_empty())
            .any(|p| self.ignore.is_match(p))
    }
}

impl Policy for Config {
    fn configured(&self, code: &Code) -> Option<Level> {
        self.levels.get(code.code).copied()
    }

    fn profile(&self) -> Profile {
        self.profile
    }

    fn pass_enabled(&self, code: &Code) -> bool {
        if self.passes_off.contains(code.code) {
            return false;
        }
        self.passes_on.contains(code.code)
            || code.profile == Profile::Default
            || code.profile == self.profile
    }

    fn limit(&self, code: &Code) -> Option<u64> {
        self.limits.get(code.code).copied()
    }

    fn find(&self, key: &str) -> Option<&'static Code> {
        registry::find(key)
    }
}

/// A relative path without `.` components, `..` applied where it can be.
fn normal(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// Finds the config for each path by walking up from it, once per folder.
pub struct ConfigFinder {
    explicit: Option<Arc<Config>>,
    /// A profile chosen on the command line, over the one each config names.
    profile: Option<Profile>,
    cache: Mutex<HashMap<PathBuf, Arc<Config>>>,
}

impl ConfigFinder {
    pub fn new(explicit: Option<&Path>) -> Result<ConfigFinder, Diagnostic> {
        Self::with_profile(explicit, None)
    }

    /// [`ConfigFinder::new`], with `profile` (when given) in force whatever the configs say.
    pub fn with_profile(
        explicit: Option<&Path>,
        profile: Option<Profile>,
    ) -> Result<ConfigFinder, Diagnostic> {
        let explicit = match explicit {
            Some(p) => Some(Arc::new(Config::load(p)?.chosen(profile))),
            None => None,
        };
        Ok(ConfigFinder {
            explicit,
            profile,
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// The config that applies to a file or folder.
    pub fn for_path(&self, path: &Path) -> Result<Arc<Config>, Diagnostic> {
        if let Some(c) = &self.explicit {
            return Ok(c.clone());
        }
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let dir = if abs.is_dir() {
            abs
        } else {
            abs.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        self.for_dir(&dir)
    }

    /// The config files read so far.
    pub fn files(&self) -> Vec<PathBuf> {
        let cache = self.cache.lock().expect("config cache");
        let mut files: Vec<PathBuf> = (cache.values())
            .chain(&self.explicit)
            .filter_map(|c| c.file.clone())
            .collect();
        files.sort();
        files.dedup();
        files
    }

    fn for_dir(&self, dir: &Path) -> Result<Arc<Config>, Diagnostic> {
        if let Some(c) = self.cache.lock().expect("config cache").get(dir) {
            return Ok(c.clone());
        }
        let candidate = dir.join(FILE_NAME);
        let config = if candidate.is_file() {
            Arc::new(Config::load(&candidate)?.chosen(self.profile))
        } else {
            match dir.parent() {
                Some(parent) if parent != dir => self.for_dir(parent)?,
                _ => Arc::new(Config::defaults(dir.to_path_buf()).chosen(self.profile)),
            }
        };
        self.cache
            .lock()
            .expect("config cache")
            .insert(dir.to_path_buf(), config.clone());
        Ok(config)
    }
}

/// Whether a (non-fatal) code's level may be set: not the refusal of an invalid output, which
/// protects files whatever the configuration says.
fn configurable(m: &Code) -> bool {
    !std::ptr::eq(m, &crate::swagger::structure::INVALID_OUTPUT)
}

/// The JSON Schema of `ccforge.toml` (shipped as schemas/ccforge.schema.json, for editors).
pub fn json_schema() -> serde_json::Value {
    use serde_json::{Map, Value, json};
    let mut rules = Map::new();
    for m in registry::all().filter(|m| !m.fatal && m.kind != Kind::Diff && configurable(m)) {
        rules.insert(
            m.name.into(),
            json!({"$ref": "#/$defs/level", "description": m.code}),
        );
        rules.insert(
            m.code.into(),
            json!({"$ref": "#/$defs/level", "description": m.name}),
        );
    }
    let mut limits = Map::new();
    for m in registry::all() {
        let Some(default) = m.limit else { continue };
        let d = format!("{} (default {default})", m.summary());
        for key in [m.name, m.code] {
            limits.insert(
                key.into(),
                json!({"type": "integer", "minimum": 1, "description": d}),
            );
        }
    }
    let mut passes = Map::new();
    for p in registry::passes() {
        let d = Value::String(p.summary());
        passes.insert(p.name.into(), json!({"type": "boolean", "description": d}));
        passes.insert(
            p.code.into(),
            json!({"type": "boolean", "description": p.name}),
        );
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://crates.io/crates/ccforge/ccforge.schema.json",
        "title": "ccforge.toml",
        "description": "Configuration of ccforge, found by walking up from each linted, fixed or converted path.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "profile": {
                "description": "Which of Microsoft's rule sets to check against: `default` (also called `import`: what the import validator enforces) or `certification` (adds the certification review's rules and the passes that write the skeletons it asks for).",
                "type": "string",
                "enum": ["default", "import", "certification"]
            },
            "ignore": {
                "description": "Glob patterns, relative to the folder of ccforge.toml, of files and folders not to lint.",
                "type": "array",
                "items": {"type": "string"}
            },
            "rules": {
                "description": "Severity per rule, by name or code: off, info, warning or error.",
                "type": "object",
                "additionalProperties": false,
                "properties": Value::Object(rules)
            },
            "limits": {
                "description": "The limit of a rule that compares a count or a length with a number Microsoft does not publish (by default the most an accepted connector has), by name or code.",
                "type": "object",
                "additionalProperties": false,
                "properties": Value::Object(limits)
            },
            "passes": {
                "description": "Connector passes of `fix` and `convert` to switch off (false), or to switch on outside their profile (true), by name or code.",
                "type": "object",
                "additionalProperties": false,
                "properties": Value::Object(passes)
            },
            "convert": {
                "description": "Per input file of `convert` (path relative to the folder of ccforge.toml): the operations to keep, as with --include and --exclude.",
                "type": "object",
                "additionalProperties": {"$ref": "#/$defs/selection"}
            },
            "fix": {
                "description": "Per input file of `fix` (path relative to the folder of ccforge.toml): the operations to keep, as with --include and --exclude.",
                "type": "object",
                "additionalProperties": {"$ref": "#/$defs/selection"}
            }
        },
        "$defs": {
            "level": {"type": "string", "enum": ["off", "info", "warning", "error"]},
            "selection": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "include": {
                        "description": "Keep the operations matching any of these KIND:GLOB patterns (kinds: tag, path, id, method, folder).",
                        "type": "array",
                        "items": {"type": "string", "pattern": "^(tag|path|id|method|folder):."}
                    },
                    "exclude": {
                        "description": "Then drop the operations matching any of these KIND:GLOB patterns.",
                        "type": "array",
                        "items": {"type": "string", "pattern": "^(tag|path|id|method|folder):."}
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_levels_by_name_or_code() {
        let c = Config::parse(
            Path::new("ccforge.toml"),
            "profile = \"import\"\nignore = [\"legacy/**\"]\n[rules]\npath-trailing-slash = \"off\"\nCCF205 = \"error\"\n",
        )
        .unwrap();
        let slash = registry::find("path-trailing-slash").unwrap();
        assert!(c.is_off(slash));
        assert_eq!(
            c.configured(registry::find("operation-id-invalid").unwrap()),
            Some(Level::On(Severity::Error))
        );
        assert!(c.is_ignored(Path::new("legacy/a/apiDefinition.swagger.json")));
        assert!(!c.is_ignored(Path::new("current/apiDefinition.swagger.json")));
    }

    #[test]
    fn an_ignored_folder_ignores_what_is_under_it() {
        let c = Config::parse(
            Path::new("ccforge.toml"),
            "ignore = [\"legacy\", \"*.draft.json\"]\n",
        )
        .unwrap();
        assert!(c.is_ignored(Path::new("legacy/a/apiDefinition.swagger.json")));
        assert!(c.is_ignored(Path::new("a.draft.json")));
        assert!(!c.is_ignored(Path::new("legacy-v2/apiDefinition.swagger.json")));
        assert!(!c.is_ignored(Path::new("current/apiDefinition.swagger.json")));
    }

    #[test]
    fn limits_are_set_by_rule_name_or_code_and_checked() {
        let c = Config::parse(
            Path::new("c.toml"),
            "[limits]\ntoo-many-operations = 300\nCCF218 = 90\n",
        )
        .unwrap();
        assert_eq!(c.limit(registry::find("CCF231").unwrap()), Some(300));
        assert_eq!(
            c.limit(registry::find("operation-id-too-long").unwrap()),
            Some(90)
        );
        assert_eq!(c.limit(registry::find("schema-too-deep").unwrap()), None);
        let e =
            Config::parse(Path::new("c.toml"), "[limits]\npath-trailing-slash = 3\n").unwrap_err();
        assert!(
            e.message
                .contains("`path-trailing-slash` has no limit to set; the rules with one are"),
            "{}",
            e.message
        );
        assert_eq!(e.span.map(|s| (s.line, s.column)), Some((2, 1)));
        let e = Config::parse(Path::new("c.toml"), "[limits]\nschema-too-deep = 0\n").unwrap_err();
        assert!(
            e.message.contains("must be a whole number of 1 or more"),
            "{}",
            e.message
        );
        assert!(
            Config::parse(
                Path::new("c.toml"),
                "[limits]\nschema-too-deep = \"deep\"\n"
            )
            .is_err()
        );
    }

    #[test]
    fn errors_name_the_place() {
        let e =
            Config::parse(Path::new("c.toml"), "[rules]\nno-such-rule = \"off\"\n").unwrap_err();
        assert!(e.message.contains("unknown rule `no-such-rule`"));
        assert_eq!(e.span.map(|s| (s.line, s.column)), Some((2, 1)));
        let e = Config::parse(
            Path::new("c.toml"),
            "[rules]\npath-trailing-slash = \"loud\"\n",
        )
        .unwrap_err();
        assert!(e.message.contains("off, info, warning, error"));
        let e = Config::parse(Path::new("c.toml"), "colour = 1\n").unwrap_err();
        assert!(e.message.contains("colour"), "{}", e.message);
        assert!(Config::parse(Path::new("c.toml"), "profile = \"strict\"\n").is_err());
    }

    #[test]
    fn the_certification_profile_turns_its_rules_and_passes_on() {
        let contact = registry::find("contact-incomplete").unwrap();
        let pass = registry::find_pass("fix-contact").unwrap();
        let plain = Config::parse(Path::new("c.toml"), "profile = \"default\"\n").unwrap();
        assert!(!plain.runs(contact));
        assert!(!plain.pass_enabled(pass));
        let cert = Config::parse(Path::new("c.toml"), "profile = \"certification\"\n").unwrap();
        assert_eq!(cert.profile, Profile::Certification);
        assert!(cert.runs(contact));
        assert!(cert.pass_enabled(pass));
        // One rule or pass of the profile, switched on by name.
        let one = Config::parse(
            Path::new("c.toml"),
            "[rules]\ncontact-incomplete = \"warning\"\n[passes]\nfix-contact = true\n",
        )
        .unwrap();
        assert!(one.runs(contact));
        assert!(one.pass_enabled(pass));
        assert!(!one.runs(registry::find("placeholder-unfilled").unwrap()));
        let e = Config::parse(Path::new("c.toml"), "profile = \"strict\"\n").unwrap_err();
        assert!(e.message.contains("`certification`"), "{}", e.message);
    }

    #[test]
    fn diff_changes_are_not_configured_here() {
        let e = Config::parse(
            Path::new("c.toml"),
            "[rules]\noperation-removed = \"off\"\n",
        )
        .unwrap_err();
        assert!(e.message.contains("--fail-on"), "{}", e.message);
        assert_eq!(e.span.map(|s| (s.line, s.column)), Some((2, 1)));
    }
}
