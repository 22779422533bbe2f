//! `diff` and `drift`: read two sides (files, connector folders or `REV:PATH` in git), bring
//! each to Swagger 2.0 (converting OpenAPI 3 and Postman as `convert` would), compare them, and
//! locate every change on both sides.

use crate::value::Lookup;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::ConfigFinder;
use crate::connector::run_passes;
use crate::detect::{self, Format as DocFormat};
use crate::diagnostic::{Diagnostic, Severity, escape_token};
use crate::diff::changes::{
    API_PROPERTIES_MISSING, CONNECTOR_ADDED, CONNECTOR_REMOVED, OPERATION_ADDED,
    OPERATION_MISSING_FROM_CONNECTOR, OPERATION_REMOVED,
};
use crate::diff::properties::properties;
use crate::diff::render::{Located, Place, plural};
use crate::diff::{Change, Level, normalized};
use crate::import::provenance::Provenance;
use crate::import::{ImportOptions, import};
use crate::source::{self, Source, display_name};

/// Changes with their places on each side, in the order they were found.
pub struct Compared {
    pub changes: Vec<Change>,
    /// For each change, its place on the old and on the new side.
    pub places: Vec<(Option<Place>, Option<Place>)>,
    /// How the sides were read where that may differ from what they say (a repeated key of
    /// which the last is kept, a lone surrogate read as U+FFFD), each `FILE:LINE:COL: what`.
    pub warnings: Vec<String>,
    /// Without a change, whether the two definitions differ all the same (in what no change
    /// kind tells: descriptions, examples, a scope taken away).
    pub differ_elsewhere: bool,
}

impl Compared {
    fn new() -> Compared {
        Compared {
            changes: Vec::new(),
            places: Vec::new(),
            warnings: Vec::new(),
            differ_elsewhere: false,
        }
    }

    /// Adds what reading `side` noted: the comparison is of the values as read.
    fn add_read_notes(&mut self, side: &Placer) {
        self.warnings.extend(side.read_notes());
    }

    /// Adds changes located on two sides.
    fn add_located(&mut self, changes: Vec<Change>, old: &Placer, new: &Placer) {
        for l in locate(&changes, old, new) {
            self.places.push((l.old, l.new));
        }
        self.changes.extend(changes);
    }

    /// Adds changes that have a place on one side only: the old one when `old`.
    fn add_one_side(&mut self, changes: Vec<Change>, at: &Placer, old: bool) {
        let pointer = |c: &Change| if old { c.old.clone() } else { c.new.clone() };
        let pointers: Vec<String> = changes.iter().filter_map(pointer).collect();
        let places = at.places(&pointers.iter().map(String::as_str).collect::<Vec<_>>());
        for c in &changes {
            let place = pointer(c).and_then(|p| places.get(&p).cloned());
            self.places
                .push(if old { (place, None) } else { (None, place) });
        }
        self.changes.extend(changes);
    }

    /// Adds changes that have no place in a file.
    fn add_unlocated(&mut self, changes: Vec<Change>) {
        self.places.extend(changes.iter().map(|_| (None, None)));
        self.changes.extend(changes);
    }

    /// The changes with their places, for the renderers, most severe first.
    pub fn located(&self) -> Vec<Located<'_>> {
        let mut located: Vec<Located<'_>> = self
            .changes
            .iter()
            .zip(&self.places)
            .map(|(change, (old, new))| Located {
                change,
                old: old.clone(),
                new: new.clone(),
            })
            .collect();
        located.sort_by_key(|l| std::cmp::Reverse(l.change.level));
        located
    }

    /// The most severe change, if any.
    pub fn worst(&self) -> Option<Level> {
        self.changes.iter().map(|c| c.level).max()
    }
}

/// One side: its definition, and its apiProperties.json when the side is a connector folder.
pub struct Side {
    pub definition: Source,
    pub properties: Option<Source>,
    /// The side was a connector folder (in the file system or in git).
    pub folder: bool,
}

fn load(path: &Path) -> Result<Source, String> {
    source::load_path_leaving(
        path,
        &display_name(path),
        crate::import::postman::model::unread,
    )
    .map_err(|e| format!("{}: {}", e.diagnostic.location(), e.diagnostic.message))
}

/// The file of a folder listing named `name` in any letter case.
fn find_named<'a>(names: impl IntoIterator<Item = &'a str>, name: &str) -> Option<&'a str> {
    names.into_iter().find(|n| n.eq_ignore_ascii_case(name))
}

const DEFINITION: &str = "apiDefinition.swagger.json";
const PROPERTIES: &str = "apiProperties.json";

/// Runs `git COMMAND OBJECT`. The object is a user's `REV:PATH`: `--end-of-options` keeps git
/// from reading it as an option, whatever it starts with.
fn git(command: &[&str], object: &str, what: &str) -> Result<Vec<u8>, String> {
    let out = std::process::Command::new("git")
        .args(command)
        .arg("--end-of-options")
        .arg(object)
        .output()
        .map_err(|e| format!("{what}: cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{what}: git cannot read it: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(out.stdout)
}

fn git_source(rev: &str, file: &str) -> Result<Source, String> {
    let name = format!("{rev}:{file}");
    let bytes = git(&["cat-file", "blob"], &name, &name)?;
    source::load_bytes(&name, &bytes)
        .map_err(|e| format!("{}: {}", e.diagnostic.location(), e.diagnostic.message))
}

/// Reads one side: a file, a connector folder, or `REV:PATH` (a file or a folder) from git.
/// `with_properties`: also read the folder's apiProperties.json.
pub fn read_side(arg: &str, with_properties: bool) -> Result<Side, String> {
    let path = Path::new(arg);
    if path.is_dir() {
        let names: Vec<String> = std::fs::read_dir(path)
            .map_err(|e| format!("{arg}: {e}"))?
            .flatten()
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .collect();
        let def = find_named(names.iter().map(String::as_str), DEFINITION)
            .ok_or_else(|| format!("{arg} is a folder without {DEFINITION}"))?;
        // The files of a folder are regular files (a link to one counts); a FIFO or a device
        // named like one is refused, not read without end.
        let regular = |name: &str| {
            let file = path.join(name);
            if std::fs::metadata(&file).is_ok_and(|m| m.is_file()) {
                Ok(file)
            } else {
                Err(format!(
                    "{} is not a regular file (a folder, device or pipe); a connector folder \
                     holds its files themselves",
                    file.display()
                ))
            }
        };
        let properties = find_named(names.iter().map(String::as_str), PROPERTIES)
            .filter(|_| with_properties)
            .map(|p| regular(p).and_then(|f| load(&f)))
            .transpose()?;
        let def = regular(def)?;
        return Ok(Side {
            definition: load(&def)?,
            properties,
            folder: true,
        });
    }
    if path.exists() {
        return Ok(Side {
            definition: load(path)?,
            properties: None,
            folder: false,
        });
    }
    if let Some((rev, file)) = arg.split_once(':')
        && !rev.is_empty()
        && !file.is_empty()
    {
        if rev.starts_with('-') {
            // No revision starts with `-`; git would read it as an option.
            return Err(format!(
                "{arg}: no such file or folder, and `{rev}` is not a git revision (a revision \
                 never starts with `-`); write ./{arg} for a file of that name"
            ));
        }
        let kind = git(&["cat-file", "-t"], arg, arg)?;
        if String::from_utf8_lossy(&kind).trim() == "tree" {
            // `--full-tree`: from a subfolder, git would list only what lies under it.
            let listing = git(&["ls-tree", "--full-tree", "--name-only"], arg, arg)?;
            let listing = String::from_utf8_lossy(&listing);
            let dir = file.trim_end_matches('/');
            let def = find_named(listing.lines(), DEFINITION)
                .ok_or_else(|| format!("{arg} is a folder without {DEFINITION}"))?;
            let properties = find_named(listing.lines(), PROPERTIES)
                .filter(|_| with_properties)
                .map(|p| git_source(rev, &format!("{dir}/{p}")))
                .transpose()?;
            return Ok(Side {
                definition: git_source(rev, &format!("{dir}/{def}"))?,
                properties,
                folder: true,
            });
        }
        return Ok(Side {
            definition: git_source(rev, file)?,
            properties: None,
            folder: false,
        });
    }
    Err(format!("{arg}: no such file or folder (and not REV:PATH)"))
}

/// Where one side's changes are placed: in the file the user gave. For a converted input
/// (OpenAPI 3, Postman) each converted node is traced back to the node it came from; only
/// nodes with no source (a definition made from example bodies) are placed in the converted
/// copy, named `FILE (as Swagger 2.0)`.
pub struct Placer {
    /// The side as compared (for a converted input, its converted copy, whose text is written
    /// only when a node with no source is placed in it).
    pub located: Source,
    /// A converted input's original text and tree, and where its operations came from.
    original: Option<(std::sync::Arc<Source>, Provenance)>,
}

impl Placer {
    /// A side that is compared as it is.
    pub fn plain(located: Source) -> Placer {
        Placer {
            located,
            original: None,
        }
    }

    /// A converted side: `doc`, the converted copy, is placed through `provenance` in
    /// `original`, the file the user gave.
    fn converted(
        name: &str,
        doc: serde_json::Value,
        original: std::sync::Arc<Source>,
        provenance: Provenance,
    ) -> Placer {
        // No text yet: most sides place every change through the provenance, and a large
        // definition's text costs as much as the definition.
        Placer {
            located: Source::from_rendered(name, "".into(), doc, source::Syntax::Json),
            original: Some((original, provenance)),
        }
    }

    /// Gives a converted side the one way to sign in that `convert --out-dir` would give its
    /// connector, for comparing it with a connector folder: a connector has one security
    /// scheme, so the others an API offers are no change to it.
    fn sign_in_as_a_connector(&mut self) {
        if self.original.is_none() {
            return;
        }
        let name = self.located.name.clone();
        let mut ignored = crate::diagnostic::Reporter::new(&name, &crate::diagnostic::Declared);
        crate::connector::properties::build(
            &mut self.located.value,
            &Default::default(),
            &name,
            "apiProperties.json",
            &mut ignored,
        );
    }

    /// What reading the file the user gave noted (its warnings), each `FILE:LINE:COL: what`.
    fn read_notes(&self) -> Vec<String> {
        let src = match &self.original {
            Some((original, _)) => original.as_ref(),
            None => &self.located,
        };
        let mut notes: Vec<Diagnostic> = src
            .notes
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .cloned()
            .collect();
        // A file of thousands of comments is told about in a few lines.
        const SHOWN: usize = 20;
        let more = notes.len().saturating_sub(SHOWN);
        notes.truncate(SHOWN);
        src.resolve(&mut notes);
        let mut lines: Vec<String> = notes
            .iter()
            .map(|d| format!("{}: {}", d.location(), d.message))
            .collect();
        if more > 0 {
            lines.push(format!(
                "{}: {more} more like these are not listed (`ccforge lint` shows them all for \
                 a Swagger file)",
                src.name
            ));
        }
        lines
    }

    /// Line and column of each pointer (or of its nearest located ancestor).
    pub fn places(&self, pointers: &[&str]) -> HashMap<String, Place> {
        let Some((original, provenance)) = &self.original else {
            return places(&self.located, pointers);
        };
        let mut traced: Vec<(&str, String)> = Vec::new();
        let mut untraced: Vec<&str> = Vec::new();
        for p in pointers {
            match provenance.source_pointer(&self.located.value, &original.value, p) {
                Some(at) => traced.push((p, at)),
                None => untraced.push(p),
            }
        }
        let at: Vec<&str> = traced.iter().map(|(_, a)| a.as_str()).collect();
        let found = places(original, &at);
        let mut out = if untraced.is_empty() {
            HashMap::new()
        } else {
            // The converted copy, written as `convert` writes it, for the nodes it made itself.
            let text = crate::emit::to_json(&self.located.value);
            let copy = Source::from_rendered(
                &self.located.name,
                text.into(),
                serde_json::Value::Null,
                source::Syntax::Json,
            )
            .laid_out_by_ccforge();
            places(&copy, &untraced)
        };
        for (p, a) in &traced {
            if let Some(place) = found.get(a) {
                let place = Place {
                    pointer: Some(a.clone()),
                    ..place.clone()
                };
                out.insert(p.to_string(), place);
            }
        }
        out
    }
}

/// A definition as Swagger 2.0 (the placer's `located.value`): as it is, or converted when it
/// is OpenAPI 3 or Postman, as `convert` would write it (its passes run, with the settings of
/// the configuration that applies to the file), placed through its provenance (see [`Placer`]).
pub fn as_swagger(mut src: Source, opts: &ImportOptions) -> Result<Placer, String> {
    match detect::detect(&src.value, &src.name) {
        Ok(DocFormat::Swagger2) => Ok(Placer::plain(src)),
        Ok(f) if f.is_openapi3() || f.is_postman() => {
            let original = src.value.clone();
            let imported = import(&mut src, opts).map_err(|d| {
                format!(
                    "{}: {}",
                    src.name,
                    d.first()
                        .map(|d| d.message.as_str())
                        .unwrap_or("cannot convert")
                )
            })?;
            let name = format!("{} (as Swagger 2.0)", src.name);
            // Without the passes, a converted side differs from what `convert` writes (a
            // response the connector adds, a schema moved to `definitions`), and comparing
            // a collection with the connector made from it would report those as changes.
            let mut doc = imported.doc;
            let config = ConfigFinder::new(None)
                .and_then(|f| f.for_path(config_anchor(opts.path.as_deref())))
                .map_err(|d| d.message)?;
            // The importer took the secrets out: the pass that does it is not run again.
            run_passes(
                &mut doc,
                &name,
                &super::convert::Scrubbed {
                    config: &config,
                    fresh: true,
                },
            );
            src.value = original;
            Ok(Placer::converted(
                &name,
                doc,
                std::sync::Arc::new(src),
                imported.provenance,
            ))
        }
        Ok(f) => Err(format!(
            "{}: this is {}, not an API definition",
            src.name,
            f.with_article()
        )),
        Err(u) => Err(format!(
            "{}: ccforge does not know this kind of document: {}",
            src.name, u.reason
        )),
    }
}

/// Where the configuration of a side is sought: beside its file, or in the current folder for
/// a side read from git or a pipe.
fn config_anchor(path: Option<&Path>) -> &Path {
    path.filter(|p| p.exists()).unwrap_or(Path::new("."))
}

/// Line and column of each pointer (or of its nearest located ancestor).
pub fn places(src: &Source, pointers: &[&str]) -> HashMap<String, Place> {
    let spans = src.nearest_spans(pointers.iter().copied());
    pointers
        .iter()
        .zip(spans)
        .map(|(p, span)| {
            (
                p.to_string(),
                Place {
                    file: src.name.clone(),
                    line: span.map(|s| s.line),
                    column: span.map(|s| s.column),
                    pointer: None,
                },
            )
        })
        .collect()
}

/// Two connector folders, one without apiProperties.json: its connection is not compared.
fn only_one_side(file: &str, side: &str) -> Change {
    Change {
        code: &API_PROPERTIES_MISSING,
        rule: API_PROPERTIES_MISSING.name,
        level: Level::Warning,
        message: format!(
            "only the {side} folder has apiProperties.json ({file}); the connections were not compared"
        ),
        operation: None,
        old: None,
        new: None,
    }
}

/// Each change with its line and column on both sides.
pub fn locate<'a>(changes: &'a [Change], old: &Placer, new: &Placer) -> Vec<Located<'a>> {
    let old_ptrs: Vec<&str> = changes.iter().filter_map(|c| c.old.as_deref()).collect();
    let new_ptrs: Vec<&str> = changes.iter().filter_map(|c| c.new.as_deref()).collect();
    let old_places = old.places(&old_ptrs);
    let new_places = new.places(&new_ptrs);
    changes
        .iter()
        .map(|c| Located {
            change: c,
            old: c.old.as_ref().and_then(|p| old_places.get(p).cloned()),
            new: c.new.as_ref().and_then(|p| new_places.get(p).cloned()),
        })
        .collect()
}

/// Reads one side of `diff` as Swagger 2.0: its apiProperties.json when it is a connector
/// folder, whether it is one, and its definition as Swagger 2.0 with what places its nodes.
fn read_as_swagger(
    arg: &str,
    convert: &ImportOptions,
) -> Result<(Option<Source>, bool, Placer), String> {
    let Side {
        definition,
        properties,
        folder,
    } = read_side(arg, true)?;
    let opts = ImportOptions {
        path: Path::new(arg).is_file().then(|| arg.into()),
        ..convert.clone()
    };
    Ok((properties, folder, as_swagger(definition, &opts)?))
}

/// What changed from `old` to `new` (each a file, a connector folder or `REV:PATH`), and, for
/// two connector folders, in their connections. `convert` says how to convert OpenAPI 3 and
/// Postman sides (host, server).
pub fn diff(old: &str, new: &str, convert: &ImportOptions) -> Result<Compared, String> {
    if let (Some(a), Some(b)) = (connector_set(old)?, connector_set(new)?) {
        return diff_sets(&a, &b, convert);
    }
    diff_pair(old, new, convert)
}

/// The connectors of a folder of connector folders (what `convert --split-by` writes), by
/// folder name; `None` when `arg` is not such a folder.
fn connector_set(arg: &str) -> Result<Option<Vec<(String, String)>>, String> {
    let path = Path::new(arg);
    if !path.is_dir() || definition_in(path).is_some() {
        return Ok(None);
    }
    let parts = connector_args(arg)?;
    Ok(Some(
        parts
            .into_iter()
            .map(|p| {
                let name = Path::new(&p)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                (name, p)
            })
            .collect(),
    ))
}

/// Two folders of connectors: each pair of connectors of the same folder name compared, and
/// the connectors only one side has. An operation removed from one connector and added to
/// another is said to have moved (still breaking: flows use it through its connector).
fn diff_sets(
    old: &[(String, String)],
    new: &[(String, String)],
    convert: &ImportOptions,
) -> Result<Compared, String> {
    let mut out = Compared::new();
    let find = |set: &[(String, String)], name: &str| {
        set.iter().find(|(n, _)| n == name).map(|(_, p)| p.clone())
    };
    // Where each operation is added and removed, to tell the moves.
    let mut added_in: HashMap<String, String> = HashMap::new();
    let mut removed_from: HashMap<String, String> = HashMap::new();
    let mut compared = Vec::new();
    for (name, a) in old {
        match find(new, name) {
            Some(b) => {
                let c = diff_pair(a, &b, convert)?;
                for change in &c.changes {
                    let Some(op) = &change.operation else {
                        continue;
                    };
                    if std::ptr::eq(change.code, &OPERATION_ADDED) {
                        added_in.entry(op.clone()).or_insert_with(|| name.clone());
                    } else if std::ptr::eq(change.code, &OPERATION_REMOVED) {
                        removed_from
                            .entry(op.clone())
                            .or_insert_with(|| name.clone());
                    }
                }
                compared.push((name.clone(), c));
            }
            None => {
                let side = read_side(a, false)?;
                let ops = crate::swagger::operations(&side.definition.value);
                let count = ops.len();
                for op in ops {
                    removed_from
                        .entry(op.label())
                        .or_insert_with(|| name.clone());
                }
                let change = Change {
                    code: &CONNECTOR_REMOVED,
                    rule: CONNECTOR_REMOVED.name,
                    level: Level::Breaking,
                    message: format!(
                        "the connector `{name}` is gone: flows that use its {} break",
                        plural(count, "operation")
                    ),
                    operation: None,
                    old: Some(String::new()),
                    new: None,
                };
                let side = Placer::plain(side.definition);
                out.add_read_notes(&side);
                out.add_one_side(vec![change], &side, true);
            }
        }
    }
    for (name, b) in new {
        if find(old, name).is_none() {
            let side = read_side(b, false)?;
            let count = crate::swagger::operations(&side.definition.value).len();
            let change = Change {
                code: &CONNECTOR_ADDED,
                rule: CONNECTOR_ADDED.name,
                level: Level::Info,
                message: format!(
                    "the connector `{name}` is new, with {}",
                    plural(count, "operation")
                ),
                operation: None,
                old: None,
                new: Some(String::new()),
            };
            for op in crate::swagger::operations(&side.definition.value) {
                added_in.entry(op.label()).or_insert_with(|| name.clone());
            }
            let side = Placer::plain(side.definition);
            out.add_read_notes(&side);
            out.add_one_side(vec![change], &side, false);
        }
    }
    for (name, mut c) in compared {
        for change in &mut c.changes {
            let Some(op) = &change.operation else {
                continue;
            };
            if std::ptr::eq(change.code, &OPERATION_REMOVED)
                && let Some(to) = added_in.get(op).filter(|to| **to != name)
            {
                change.message = format!(
                    "{} from `{name}`: it is now in the connector `{to}`, and flows that use \
                     it must move to that connector",
                    change.message
                );
            } else if std::ptr::eq(change.code, &OPERATION_ADDED)
                && let Some(from) = removed_from.get(op).filter(|from| **from != name)
            {
                change.message = format!(
                    "{} to `{name}`: it moved here from the connector `{from}`",
                    change.message
                );
            }
        }
        out.changes.extend(c.changes);
        out.places.extend(c.places);
        out.warnings.extend(c.warnings);
    }
    Ok(out)
}

/// Two definitions or connector folders.
fn diff_pair(old: &str, new: &str, convert: &ImportOptions) -> Result<Compared, String> {
    // Both sides at once: reading and parsing is most of the work.
    let (a, b) = rayon::join(
        || read_as_swagger(old, convert),
        || read_as_swagger(new, convert),
    );
    let ((old_props, old_folder, mut old), (new_props, new_folder, mut new)) =
        a.and_then(|a| Ok((a, b?)))?;
    // An API against a connector folder: the API's schemes, as its connector would have them.
    if new_props.is_some() {
        old.sign_in_as_a_connector();
    }
    if old_props.is_some() {
        new.sign_in_as_a_connector();
    }
    let mut out = Compared::new();
    out.add_read_notes(&old);
    out.add_read_notes(&new);
    let changes = crate::diff::diff(&old.located.value, &new.located.value);
    // Objects are equal whatever the order of their members.
    out.differ_elsewhere = changes.is_empty() && old.located.value != new.located.value;
    out.add_located(changes, &old, &new);
    // Two connector folders: their connections too.
    match (old_props, new_props) {
        (Some(a), Some(b)) => {
            let (a, b) = (Placer::plain(a), Placer::plain(b));
            out.add_read_notes(&a);
            out.add_read_notes(&b);
            out.add_located(properties(&a.located.value, &b.located.value), &a, &b);
        }
        (Some(a), None) if new_folder => out.add_unlocated(vec![only_one_side(&a.name, "old")]),
        (None, Some(b)) if old_folder => out.add_unlocated(vec![only_one_side(&b.name, "new")]),
        _ => {}
    }
    Ok(out)
}

/// The textual diff of the two sides' normalized JSON (`diff --text`), and whether they differ.
///
/// Also returns what reading the sides noted (see [`Compared::warnings`]).
pub fn text_diff(
    old: &str,
    new: &str,
    convert: &ImportOptions,
) -> Result<(String, bool, Vec<String>), String> {
    let (a, b) = rayon::join(
        || read_as_swagger(old, convert),
        || read_as_swagger(new, convert),
    );
    let ((_, _, mut old_src), (_, _, mut new_src)) = a.and_then(|a| Ok((a, b?)))?;
    let mut warnings = old_src.read_notes();
    warnings.extend(new_src.read_notes());
    let old = std::mem::take(&mut old_src.located.value);
    let new = std::mem::take(&mut new_src.located.value);
    let (a, b) = (normalized(&old), normalized(&new));
    let differ = a != b;
    // The lines shown never hold a secret: both sides are compared again with theirs masked.
    let shown = |mut v: serde_json::Value| {
        let masked = crate::secrets::mask_document(&mut v);
        (masked, normalized(&v))
    };
    let ((ma, a), (mb, b)) = (shown(old), shown(new));
    // Two large, unrelated definitions would take the line diff minutes to make minimal; past
    // a few seconds it settles for a longer, still correct, diff.
    let mut text = similar::TextDiff::configure()
        .timeout(std::time::Duration::from_secs(3))
        .diff_lines(&a, &b)
        .unified_diff()
        .context_radius(3)
        .header(&old_src.located.name, &new_src.located.name)
        .to_string();
    if ma + mb > 0 && (!text.is_empty() || differ) {
        text.push_str(&format!(
            "({} secret value{} shown as \"<secret>\"{})\n",
            ma + mb,
            if ma + mb == 1 { "" } else { "s" },
            if differ && a == b {
                "; the sides differ only in them"
            } else {
                ""
            }
        ));
    }
    Ok((text, differ, warnings))
}

/// What `drift` compares: an API (OpenAPI 3, Swagger 2.0 or Postman) and the connectors made
/// from it.
#[derive(Debug, Clone, Default)]
pub struct DriftOptions {
    /// The API: a file or `REV:PATH`.
    pub api: String,
    /// The connectors: each a folder, its apiDefinition.swagger.json, or `REV:PATH` of either;
    /// a folder holding connector folders (what `convert --split-by` writes) stands for them all.
    pub connectors: Vec<String>,
    /// How to convert the API (its host defaults to the first connector's).
    pub import: ImportOptions,
    /// A Postman environment file.
    pub environment: Option<PathBuf>,
    /// A config file to use instead of the ccforge.toml found above the first connector.
    pub config: Option<PathBuf>,
}

/// What `drift` found.
pub struct Drifted {
    pub compared: Compared,
    /// A note that converting the API reported problems (`convert` shows them).
    pub note: Option<String>,
}

/// The connectors a `drift` argument names: itself, or, for a folder with no definition of its
/// own, each of its sub-folders that has one (a split connector's parts), in name order.
fn connector_args(arg: &str) -> Result<Vec<String>, String> {
    let path = Path::new(arg);
    if !path.is_dir() {
        return Ok(vec![arg.to_string()]);
    }
    if definition_in(path).is_some() {
        return Ok(vec![arg.to_string()]);
    }
    let mut parts: Vec<String> = std::fs::read_dir(path)
        .map_err(|e| format!("{arg}: {e}"))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && definition_in(p).is_some())
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        return Err(format!(
            "{arg} is a folder without {DEFINITION}, and none of its folders has one; give a \
             connector folder, its {DEFINITION}, or the folder `convert --split-by` wrote"
        ));
    }
    parts.sort();
    Ok(parts)
}

/// The connector definition a folder holds (`apiDefinition.swagger.json`, the name in any
/// letter case), when it holds one.
pub fn definition_in(dir: &Path) -> Option<PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.file_name())
        .find(|n| {
            n.to_str()
                .is_some_and(|n| n.eq_ignore_ascii_case(DEFINITION))
        })
        .map(|n| dir.join(n))
}

/// One connector as drift reads it.
fn read_connector(arg: &str) -> Result<Source, String> {
    let Side { definition, .. } = read_side(arg, false)?;
    if detect::detect(&definition.value, &definition.name).ok() != Some(DocFormat::Swagger2) {
        return Err(format!(
            "{}: a connector's definition is Swagger 2.0; give the connector folder or its \
             apiDefinition.swagger.json as CONNECTOR",
            definition.name
        ));
    }
    Ok(definition)
}

/// The API, converted as `convert` would (passes included), with what placing it needs.
struct ConvertedApi {
    doc: serde_json::Value,
    provenance: Provenance,
    /// The API's own text; its tree only when it was converted (placing goes through it).
    original: std::sync::Arc<Source>,
    name: String,
    note: Option<String>,
}

impl ConvertedApi {
    /// A placer for `doc` (the API as compared) that traces nodes back to the user's file.
    fn placer(&self, doc: serde_json::Value, provenance: Provenance) -> Placer {
        Placer::converted(&self.name, doc, self.original.clone(), provenance)
    }
}

/// A Postman environment file's tree (`--env`), or why it cannot be read.
pub fn environment(path: &Path) -> Result<serde_json::Value, String> {
    let s = source::load_path(path, &display_name(path))
        .map_err(|e| format!("{}: {}", e.diagnostic.location(), e.diagnostic.message))?;
    crate::detect::expect_environment(&s.value, &s.name)
        .map_err(|d| format!("{}: {}", d.location(), d.message))?;
    Ok(s.value)
}

fn convert_api(opts: &DriftOptions, first: &serde_json::Value) -> Result<ConvertedApi, String> {
    let Side {
        definition: mut api_src,
        ..
    } = read_side(&opts.api, false)?;
    let mut import_opts = opts.import.clone();
    if let Some(env) = &opts.environment {
        import_opts.environment = Some(environment(env)?);
    }
    // The connector's host, so that relative servers and {{baseUrl}} resolve as it calls them.
    if import_opts.host.is_none() {
        import_opts.host = first
            .field("host")
            .and_then(|h| h.as_str())
            .map(str::to_string);
    }
    import_opts.path = Path::new(&opts.api)
        .is_file()
        .then(|| opts.api.clone().into());
    let format = detect::detect(&api_src.value, &api_src.name);
    if !matches!(&format, Ok(f) if *f == DocFormat::Swagger2 || f.is_openapi3() || f.is_postman()) {
        return Err(format!(
            "{}: not an API definition ccforge reads (OpenAPI 3.0/3.1, Swagger 2.0 or a Postman \
             collection)",
            api_src.name
        ));
    }
    let mut note = None;
    // A converted API is placed through its original tree; a Swagger 2.0 one needs only its text.
    let original = if matches!(format, Ok(DocFormat::Swagger2)) {
        serde_json::Value::Null
    } else {
        api_src.value.clone()
    };
    let (mut doc, provenance) = match import(&mut api_src, &import_opts) {
        Ok(i) => {
            // What the conversion lost is convert's report; say that there is one.
            let count = |s: Severity| i.diagnostics.iter().filter(|d| d.severity == s).count();
            let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
            if errors + warnings > 0 {
                // Only what reading the API reported: convert also reports its passes and
                // its lint of the result, so its counts are larger.
                note = Some(format!(
                    "reading {} for the conversion reported {} and {}; `ccforge convert {}` \
                     shows them, with its changes to the result and the result's lint",
                    api_src.name,
                    crate::report::plural(errors, "error"),
                    crate::report::plural(warnings, "warning"),
                    crate::diagnostic::shell_word(&opts.api)
                ));
            }
            (i.doc, i.provenance)
        }
        Err(d) => {
            return Err(format!(
                "{}: {}",
                api_src.name,
                d.first()
                    .map(|d| d.message.as_str())
                    .unwrap_or("cannot convert")
            ));
        }
    };
    // What `convert` would make of the API today.
    let config = ConfigFinder::new(opts.config.as_deref())
        .and_then(|f| {
            let at = Path::new(&opts.connectors[0]);
            f.for_path(if at.exists() { at } else { Path::new(".") })
        })
        .map_err(|d| d.message)?;
    let name = format!("{} (as the connector would call it)", api_src.name);
    // An importer took the secrets out: the pass that does it is not run again on what it
    // made (a Swagger 2.0 API goes through every pass).
    let scrubbed = super::convert::Scrubbed {
        config: &config,
        fresh: true,
    };
    let policy: &dyn crate::diagnostic::Policy = if matches!(format, Ok(DocFormat::Swagger2)) {
        &*config
    } else {
        &scrubbed
    };
    run_passes(&mut doc, &name, policy);
    api_src.value = original;
    Ok(ConvertedApi {
        doc,
        provenance,
        original: std::sync::Arc::new(api_src),
        name,
        note,
    })
}

/// The API's definition (`doc`, converted, with its `provenance`) brought onto one connector,
/// and how the two differ.
fn drift_one(
    mut doc: serde_json::Value,
    mut provenance: Provenance,
    connector: &serde_json::Value,
) -> (serde_json::Value, Provenance, Vec<Change>) {
    provenance.moved(&crate::diff::rebased_paths(&doc, connector));
    let mut changes = crate::diff::rebase(&mut doc, connector);
    changes.extend(crate::diff::drift(connector, &doc));
    (doc, provenance, changes)
}

/// How far the connectors have drifted from the API: the API is converted as `convert` would
/// (passes included), takes each connector's host, schemes and auth, and is compared with it as
/// the old side. With several connectors (the parts of a split API), an operation of the API is
/// reported missing only when none of them carries it, once, in the API's file.
pub fn drift(opts: &DriftOptions) -> Result<Drifted, String> {
    let mut args = Vec::new();
    for arg in &opts.connectors {
        args.extend(connector_args(arg)?);
    }
    let Some(first_arg) = args.first() else {
        return Err("give at least one connector to compare the API with".into());
    };
    let first = read_connector(first_arg)?;
    let api = convert_api(opts, &first.value)?;
    let mut compared = Compared::new();
    if args.len() == 1 {
        // The API's definition is rebased in place: one connector needs no copy of it.
        let mut api = api;
        let doc = std::mem::take(&mut api.doc);
        let provenance = std::mem::take(&mut api.provenance);
        let (doc, provenance, changes) = drift_one(doc, provenance, &first.value);
        let placer = api.placer(doc, provenance);
        let first = Placer::plain(first);
        compared.add_read_notes(&placer);
        compared.add_read_notes(&first);
        compared.add_located(changes, &first, &placer);
        return Ok(Drifted {
            compared,
            note: api.note,
        });
    }

    // Each API operation, by the pointer it has before rebasing, with how many connectors lack it.
    let mut lacking: HashMap<String, (usize, Change)> = HashMap::new();
    let mut connectors = vec![first];
    for arg in &args[1..] {
        connectors.push(read_connector(arg)?);
    }
    let count = connectors.len();
    // What reading the API noted is told once.
    let mut api_noted = false;
    for connector in connectors {
        let (doc, provenance, changes) =
            drift_one(api.doc.clone(), api.provenance.clone(), &connector.value);
        // The API's paths as they were before rebasing onto this connector.
        let back: HashMap<String, String> = crate::diff::rebased_paths(&api.doc, &connector.value)
            .into_iter()
            .map(|(from, to)| {
                (
                    escape_token(&to).into_owned(),
                    escape_token(&from).into_owned(),
                )
            })
            .collect();
        let (missing, rest): (Vec<Change>, Vec<Change>) = changes
            .into_iter()
            .partition(|c| std::ptr::eq(c.code, &OPERATION_MISSING_FROM_CONNECTOR));
        for mut change in missing {
            let Some(at) = change.new.as_deref().and_then(|p| unrebased(p, &back)) else {
                continue;
            };
            change.new = Some(at.clone());
            lacking.entry(at).or_insert((0, change)).0 += 1;
        }
        let (connector, placer) = (Placer::plain(connector), api.placer(doc, provenance));
        if !api_noted {
            compared.add_read_notes(&placer);
            api_noted = true;
        }
        compared.add_read_notes(&connector);
        compared.add_located(rest, &connector, &placer);
    }
    let mut uncarried: Vec<Change> = lacking
        .into_values()
        .filter(|(n, _)| *n == count)
        .map(|(_, mut change)| {
            change.message = change.message.replace(
                "which the connector lacks",
                &format!("which none of the {count} connectors carries"),
            );
            change
        })
        .collect();
    uncarried.sort_by(|a, b| a.new.cmp(&b.new));
    let mut api = api;
    let doc = std::mem::take(&mut api.doc);
    let provenance = std::mem::take(&mut api.provenance);
    let placer = api.placer(doc, provenance);
    compared.add_one_side(uncarried, &placer, false);
    Ok(Drifted {
        compared,
        note: api.note,
    })
}

/// `/paths/{rebased}/{method}` back to the API's own path, through `back` (escaped tokens).
fn unrebased(pointer: &str, back: &HashMap<String, String>) -> Option<String> {
    let rest = pointer.strip_prefix("/paths/")?;
    let (path, method) = rest.rsplit_once('/')?;
    Some(format!("/paths/{}/{method}", back.get(path)?))
}
