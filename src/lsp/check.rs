//! Checking a connector folder as the editor holds it and publishing what the lint finds.

use crate::value::Lookup;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_server::Notification;
use lsp_types::notification::Notification as _;
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    PublishDiagnosticsParams, Range, notification as note,
};

use super::text::{LineIndex, path_to_uri};
use super::{Server, name_of};
use crate::config::ConfigFinder;
use crate::detect::{self, Format};
use crate::diagnostic::{Anchor, Code, Diagnostic, Policy, Severity, pointer};
use crate::lint::codes::CONNECTOR_FILE_NAME;
use crate::lint::engine::{Trees, Unit, collect_units, lint_finish, lint_rules};
use crate::source::{self, LoadError, Source};

/// A diagnostic as published: where, which code, and the node it points at.
#[derive(Debug, Clone)]
pub struct Published {
    pub range: Range,
    pub code: &'static Code,
    pub pointer: Option<String>,
    pub message: String,
}

const CONNECTOR_FILES: [&str; 3] = [
    "apiDefinition.swagger.json",
    "apiProperties.json",
    "settings.json",
];

fn named_like_connector_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    CONNECTOR_FILES.iter().any(|n| n.eq_ignore_ascii_case(name))
        || name.to_ascii_lowercase().ends_with(".swagger.json")
}

/// A file in check: its path and, once read, its parse.
struct File {
    path: PathBuf,
    text: Option<Arc<str>>,
    /// Why it could not be read, when it could not.
    error: Option<Diagnostic>,
}

impl Server {
    /// Checks the folders of the dirty paths, each folder once.
    pub fn check_all(&mut self, dirty: HashSet<PathBuf>) {
        let mut done: HashSet<PathBuf> = HashSet::new();
        let mut dirty: Vec<PathBuf> = dirty.into_iter().collect();
        dirty.sort();
        for path in dirty {
            if done.contains(&path) {
                continue;
            }
            let files = self.unit_files(&path);
            done.extend(files.iter().cloned());
            self.check_unit(&path, files);
        }
    }

    /// The files checked together with `path`: its connector folder's, or itself.
    fn unit_files(&self, path: &Path) -> Vec<PathBuf> {
        let mut files = vec![path.to_path_buf()];
        if path.is_file() {
            let mut problems = Vec::new();
            if let Some(unit @ Unit::Connector { .. }) =
                collect_units(&[path.to_path_buf()], &mut problems).first()
            {
                files = unit.files().into_iter().cloned().collect();
            }
        }
        files
    }

    fn check_unit(&mut self, trigger: &Path, paths: Vec<PathBuf>) {
        self.checks += 1;
        let finder = match ConfigFinder::new(None) {
            Ok(f) => f,
            Err(d) => return self.publish_error(trigger, d),
        };
        let config = match finder.for_path(trigger) {
            Ok(c) => c,
            Err(d) => return self.publish_error(trigger, d),
        };
        let abs = std::path::absolute(trigger).unwrap_or_else(|_| trigger.to_path_buf());
        if config.is_ignored(&abs) {
            for p in &paths {
                self.send(p, Vec::new(), Vec::new());
            }
            return;
        }
        let mut files: Vec<File> = paths
            .into_iter()
            .map(|path| File {
                text: self.text_of(&path),
                path,
                error: None,
            })
            .collect();
        // Parse each file; one that does not parse is linted as it last parsed.
        let mut sources: Vec<Source> = Vec::new();
        let mut source_of: HashMap<String, usize> = HashMap::new();
        let in_connector = files.len() > 1;
        for f in &mut files {
            let name = name_of(&f.path);
            let Some(text) = f.text.clone() else {
                continue;
            };
            match source::load_bytes(&name, text.as_bytes()) {
                Ok(src) => {
                    // A JSON or YAML file that is none of a connector's (a tsconfig.json, a
                    // workflow) is not ccforge's business, unless it is in a connector folder.
                    let ours = matches!(
                        detect::detect(&src.value, &src.name),
                        Ok(Format::Swagger2 | Format::ApiProperties | Format::Settings)
                    );
                    if !ours && !in_connector {
                        continue;
                    }
                    self.last_good.insert(f.path.clone(), text);
                    source_of.insert(name, sources.len());
                    sources.push(src);
                }
                Err(LoadError { diagnostic, .. }) => {
                    f.error = Some(diagnostic);
                    if let Some(old) = self.last_good.get(&f.path)
                        && let Ok(src) = source::load_bytes(&name, old.as_bytes())
                    {
                        sources.push(src);
                    }
                }
            }
        }
        let misnamed = sources.iter().position(|s| {
            matches!(detect::detect(&s.value, &s.name), Ok(Format::Swagger2))
                && !s.name.ends_with("/apiDefinition.swagger.json")
                && sources
                    .iter()
                    .any(|o| matches!(detect::detect(&o.value, &o.name), Ok(Format::ApiProperties)))
        });
        let mut found = lint_rules(&sources, &*config);
        if let Some(i) = misnamed
            && let Some(sev) = config.severity(&CONNECTOR_FILE_NAME, CONNECTOR_FILE_NAME.severity)
        {
            found.push(
                Diagnostic::new(
                    &CONNECTOR_FILE_NAME,
                    sev,
                    "this connector's definition is not named apiDefinition.swagger.json",
                )
                .with_help("rename it to apiDefinition.swagger.json")
                .in_file(&sources[i].name)
                .at_pointer(""),
            );
        }
        // Second places named in the messages, located with the findings.
        let related = related_places(&sources, &found);
        let extra: Vec<Diagnostic> = related
            .iter()
            .enumerate()
            .map(|(i, (_, file, p))| {
                Diagnostic::new(&CONNECTOR_FILE_NAME, Severity::Info, format!("\0{i}"))
                    .in_file(file.clone())
                    .at_pointer(p.clone())
            })
            .collect();
        let texts: HashMap<String, Arc<str>> = sources
            .iter()
            .map(|s| (s.name.clone(), s.text.clone()))
            .collect();
        let outcome = lint_finish(sources, found, &*config, extra, Trees::Free);
        let mut diags = Vec::new();
        let mut places: HashMap<usize, (String, crate::diagnostic::Span)> = HashMap::new();
        for d in outcome.diagnostics {
            if let Some(i) = d.message.strip_prefix('\0') {
                if let (Ok(i), Some(span), Some(file)) = (i.parse(), d.span, d.file.clone()) {
                    places.insert(i, (file, span));
                }
            } else {
                diags.push(d);
            }
        }
        let mut related_of: HashMap<usize, Vec<(String, crate::diagnostic::Span)>> = HashMap::new();
        for (i, (owner, _, _)) in related.iter().enumerate() {
            if let Some(place) = places.remove(&i) {
                related_of.entry(*owner).or_default().push(place);
            }
        }
        let indexes: HashMap<String, LineIndex> = texts
            .iter()
            .map(|(n, t)| (n.clone(), LineIndex::new(t)))
            .collect();
        for f in &files {
            let name = name_of(&f.path);
            if let Some(err) = &f.error {
                if f.text.as_deref().is_some_and(|t| t.contains("swagger"))
                    || (named_like_connector_file(&f.path) && in_connector)
                {
                    let text = f.text.clone().unwrap_or_else(|| Arc::from(""));
                    self.publish_raw(&f.path, &text, vec![err.clone()]);
                }
                continue;
            }
            let Some(text) = texts.get(&name) else {
                // Not a connector's file (any more): nothing to show.
                if self.published.contains_key(&f.path) {
                    self.send(&f.path, Vec::new(), Vec::new());
                }
                continue;
            };
            let mine: Vec<(usize, Diagnostic)> = diags
                .iter()
                .enumerate()
                .filter(|(_, d)| d.file.as_deref() == Some(&name))
                .map(|(i, d)| (i, d.clone()))
                .collect();
            let mut lsp = Vec::new();
            let mut published = Vec::new();
            for (i, d) in mine {
                let (diag, pubd) = self.convert(&d, text, &indexes[&name]);
                let mut diag = diag;
                if let Some(places) = related_of.get(&i) {
                    diag.related_information = Some(
                        places
                            .iter()
                            .filter_map(|(file, span)| {
                                let t = texts.get(file)?;
                                let idx = indexes.get(file)?;
                                Some(DiagnosticRelatedInformation {
                                    location: Location::new(
                                        path_to_uri(Path::new(file))?,
                                        idx.range(t, span.offset, span.offset + span.len),
                                    ),
                                    message: "also here".into(),
                                })
                            })
                            .collect(),
                    );
                }
                lsp.push(diag);
                published.push(pubd);
            }
            self.send(&f.path, lsp, published);
        }
    }

    fn convert(
        &self,
        d: &Diagnostic,
        text: &str,
        index: &LineIndex,
    ) -> (lsp_types::Diagnostic, Published) {
        let range = match d.span {
            Some(s) => index.range(text, s.offset, s.offset + s.len.max(1)),
            None => Range::default(),
        };
        let severity = match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let href =
            (self.docs_base.as_deref()).and_then(|b| super::docs_url(b, d.meta).parse().ok());
        let diag = lsp_types::Diagnostic {
            range,
            severity: Some(severity),
            code: Some(NumberOrString::String(d.code.to_string())),
            code_description: href.map(|href| CodeDescription { href }),
            source: Some(format!("ccforge {}", d.rule)),
            message,
            related_information: None,
            tags: None,
            data: d
                .pointer()
                .map(|p| serde_json::json!({"pointer": p, "rule": d.rule})),
        };
        let published = Published {
            range,
            code: d.meta,
            pointer: d.pointer().map(str::to_string),
            message: d.message.clone(),
        };
        (diag, published)
    }

    /// Publishes diagnostics made outside a lint (a config or read error), placed in `text`.
    fn publish_raw(&mut self, path: &Path, text: &str, diags: Vec<Diagnostic>) {
        let index = LineIndex::new(text);
        let mut lsp = Vec::new();
        let mut published = Vec::new();
        for mut d in diags {
            if d.span.is_none()
                && let Anchor::Offset(o) = d.anchor
            {
                d.span = Some(source::span_in_text(text, o, o + 1));
            }
            let (diag, p) = self.convert(&d, text, &index);
            lsp.push(diag);
            published.push(p);
        }
        self.send(path, lsp, published);
    }

    fn publish_error(&mut self, path: &Path, d: Diagnostic) {
        let text = self.text_of(path).unwrap_or_else(|| Arc::from(""));
        self.publish_raw(path, &text, vec![d]);
    }

    fn send(&mut self, path: &Path, diags: Vec<lsp_types::Diagnostic>, published: Vec<Published>) {
        let Some(uri) = self
            .open
            .get(path)
            .map(|d| d.uri.clone())
            .or_else(|| path_to_uri(path))
        else {
            return;
        };
        let version = self.open.get(path).map(|d| d.version);
        self.published.insert(path.to_path_buf(), published);
        self.outbox.push(Notification::new(
            note::PublishDiagnostics::METHOD.to_string(),
            PublishDiagnosticsParams {
                uri,
                diagnostics: diags,
                version,
            },
        ));
    }

    /// What was last published for a file.
    pub fn published(&self, path: &Path) -> &[Published] {
        self.published.get(path).map_or(&[], Vec::as_slice)
    }
}

/// The second places a finding's message names: another operation (`GET /path`) or another
/// path (`` `/path` ``) of the definition. `(finding index, file, pointer)`.
fn related_places(sources: &[Source], found: &[Diagnostic]) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    for (i, d) in found.iter().enumerate() {
        let Some(file) = d.file.as_deref() else {
            continue;
        };
        let Some(src) = sources.iter().find(|s| s.name == file) else {
            continue;
        };
        let Some(paths) = src.value.field("paths").and_then(|p| p.as_object()) else {
            continue;
        };
        let own = d.pointer().unwrap_or("");
        let mut seen = HashSet::new();
        let mut add = |p: String| {
            if !own.starts_with(&p) && seen.insert(p.clone()) {
                out.push((i, file.to_string(), p));
            }
        };
        // `METHOD /path` labels.
        let words: Vec<&str> = d.message.split(' ').collect();
        for w in words.windows(2) {
            let method = w[0].trim_start_matches(['(', '`']);
            if matches!(
                method,
                "GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS"
            ) {
                let path = w[1].trim_end_matches([',', ';', ')', '`', '.']);
                let m = method.to_ascii_lowercase();
                if paths.get(path).and_then(|item| item.get(&m)).is_some() {
                    add(pointer(["paths", path, &m]));
                }
            }
        }
        // `` `/path` `` names.
        for (k, part) in d.message.split('`').enumerate() {
            if k % 2 == 1 && part.starts_with('/') && paths.contains_key(part) {
                add(pointer(["paths", part]));
            }
        }
    }
    out
}
