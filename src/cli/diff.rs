//! `ccforge diff OLD NEW`: what changed between two definitions and what breaks existing flows.

use std::collections::HashMap;
use std::path::Path;

use super::{EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};
use crate::detect::{self, Format as DocFormat};
use crate::diff::changes::API_PROPERTIES_MISSING;
use crate::diff::properties::properties;
use crate::diff::render::{self, Located, Place, Style};
use crate::diff::{Change, Level, diff, normalized};
use crate::import::{ImportOptions, import};
use crate::source::display_name;
use crate::source::{self, Source};

/// How the report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Pretty,
    Markdown,
    Json,
    Github,
}

/// When `diff` exits 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Breaking,
    Warning,
    Never,
}

#[derive(clap::Args)]
pub struct Args {
    /// The old definition: a file, a connector folder, or REV:PATH to read it from git.
    #[arg(value_name = "OLD")]
    old: String,
    /// The new definition, in the same forms.
    #[arg(value_name = "NEW")]
    new: String,
    /// Report format [default: pretty, or github when GITHUB_ACTIONS=true].
    #[arg(long, value_enum)]
    format: Option<DiffFormat>,
    /// Lowest level that makes the exit code 1.
    #[arg(long, value_enum, default_value = "breaking")]
    fail_on: FailOn,
    /// Print a unified line diff of both definitions after normalising them (sorted keys, same
    /// indentation) instead of the classified changes.
    #[arg(long)]
    text: bool,
    /// For OpenAPI 3 and Postman inputs: the host to convert them with.
    #[arg(long, value_name = "HOST")]
    host: Option<String>,
}

/// One side: its definition, and its apiProperties.json when the side is a connector folder.
pub(super) struct Side {
    pub definition: Source,
    pub properties: Option<Source>,
    /// The side was a connector folder (in the file system or in git).
    pub folder: bool,
}

fn load(path: &Path) -> Result<Source, String> {
    source::load_path(path, &display_name(path))
        .map_err(|e| format!("{}: {}", e.diagnostic.location(), e.diagnostic.message))
}

/// The file of a folder listing named `name` in any letter case.
fn find_named<'a>(names: impl IntoIterator<Item = &'a str>, name: &str) -> Option<&'a str> {
    names.into_iter().find(|n| n.eq_ignore_ascii_case(name))
}

const DEFINITION: &str = "apiDefinition.swagger.json";
const PROPERTIES: &str = "apiProperties.json";

fn git(args: &[&str], what: &str) -> Result<Vec<u8>, String> {
    let out = std::process::Command::new("git")
        .args(args)
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
    let bytes = git(&["show", &name], &name)?;
    source::load_bytes(&name, &bytes)
        .map_err(|e| format!("{}: {}", e.diagnostic.location(), e.diagnostic.message))
}

/// Reads one side: a file, a connector folder, or `REV:PATH` (a file or a folder) from git.
/// `with_properties`: also read the folder's apiProperties.json.
pub(super) fn read_side(arg: &str, with_properties: bool) -> Result<Side, String> {
    let path = Path::new(arg);
    if path.is_dir() {
        let names: Vec<String> = std::fs::read_dir(path)
            .map_err(|e| format!("{arg}: {e}"))?
            .flatten()
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .collect();
        let def = find_named(names.iter().map(String::as_str), DEFINITION)
            .ok_or_else(|| format!("{arg} is a folder without {DEFINITION}"))?;
        let properties = find_named(names.iter().map(String::as_str), PROPERTIES)
            .filter(|_| with_properties)
            .map(|p| load(&path.join(p)))
            .transpose()?;
        return Ok(Side {
            definition: load(&path.join(def))?,
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
        let kind = git(&["cat-file", "-t", arg], arg)?;
        if String::from_utf8_lossy(&kind).trim() == "tree" {
            let listing = git(&["ls-tree", "--name-only", arg], arg)?;
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

/// A definition as Swagger 2.0: as it is, or converted when it is OpenAPI 3 or Postman. A
/// converted definition is located in its converted text.
pub(super) fn as_swagger(
    mut src: Source,
    opts: &ImportOptions,
) -> Result<(Source, serde_json::Value), String> {
    match detect::detect(&src.value, &src.name) {
        Ok(DocFormat::Swagger2) => {
            // Locating needs only the text.
            let v = std::mem::take(&mut src.value);
            Ok((src, v))
        }
        Ok(f) if f.is_openapi3() || f.is_postman() => {
            let imported = import(&mut src, opts).map_err(|d| {
                format!(
                    "{}: {}",
                    src.name,
                    d.first()
                        .map(|d| d.message.as_str())
                        .unwrap_or("cannot convert")
                )
            })?;
            let text = crate::emit::to_json(&imported.doc);
            let converted = Source::from_rendered(
                &format!("{} (as Swagger 2.0)", src.name),
                text.into(),
                imported.doc.clone(),
                source::Syntax::Json,
            );
            Ok((converted, imported.doc))
        }
        Ok(f) => Err(format!(
            "{}: this is a {f}, not an API definition",
            src.name
        )),
        Err(u) => Err(format!(
            "{}: ccforge does not know this kind of document: {}",
            src.name, u.reason
        )),
    }
}

/// Line and column of each pointer (or of its nearest located ancestor).
pub(super) fn places(src: &Source, pointers: &[&str]) -> HashMap<String, Place> {
    let mut wanted: Vec<String> = Vec::new();
    for p in pointers {
        let mut cur = p.to_string();
        loop {
            wanted.push(cur.clone());
            match cur.rfind('/') {
                Some(i) => cur.truncate(i),
                None => break,
            }
        }
    }
    let found = src.locate_all(wanted.iter().map(String::as_str));
    pointers
        .iter()
        .map(|p| {
            let mut cur = p.to_string();
            let span = loop {
                if let Some(s) = found.get(&cur) {
                    break Some(*s);
                }
                match cur.rfind('/') {
                    Some(i) => cur.truncate(i),
                    None => break None,
                }
            };
            (
                p.to_string(),
                Place {
                    file: src.name.clone(),
                    line: span.map(|s| s.line),
                    column: span.map(|s| s.column),
                },
            )
        })
        .collect()
}

pub fn run(args: Args) -> u8 {
    let opts = |arg: &str| ImportOptions {
        host: args.host.clone(),
        path: Path::new(arg).is_file().then(|| arg.into()),
        ..Default::default()
    };
    let read = |arg: &str| -> Result<(Option<Source>, bool, Source, serde_json::Value), String> {
        let Side {
            definition,
            properties,
            folder,
        } = read_side(arg, true)?;
        let (src, value) = as_swagger(definition, &opts(arg))?;
        Ok((properties, folder, src, value))
    };
    // Both sides at once: reading and parsing is most of the work.
    let (a, b) = rayon::join(|| read(&args.old), || read(&args.new));
    let ((old_props, old_folder, old_src, old), (new_props, new_folder, new_src, new)) =
        match a.and_then(|a| Ok((a, b?))) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_INPUT;
            }
        };
    if args.text {
        let (a, b) = (normalized(&old), normalized(&new));
        print!(
            "{}",
            similar::TextDiff::from_lines(&a, &b)
                .unified_diff()
                .context_radius(3)
                .header(&old_src.name, &new_src.name)
        );
        return if a == b { EXIT_OK } else { EXIT_FINDINGS };
    }
    let changes = diff(&old, &new);
    let mut located = locate(&changes, &old_src, &new_src);
    // Two connector folders: their connections too.
    let prop_changes = match (&old_props, &new_props) {
        (Some(a), Some(b)) => properties(&a.value, &b.value),
        (Some(a), None) if new_folder => {
            vec![only_one_side(&a.name, "old")]
        }
        (None, Some(b)) if old_folder => {
            vec![only_one_side(&b.name, "new")]
        }
        _ => Vec::new(),
    };
    match (&old_props, &new_props) {
        (Some(a), Some(b)) => located.extend(locate(&prop_changes, a, b)),
        _ => located.extend(prop_changes.iter().map(|c| Located {
            change: c,
            old: None,
            new: None,
        })),
    }
    report(located, args.format, args.fail_on, Style::DIFF)
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
pub(super) fn locate<'a>(changes: &'a [Change], old: &Source, new: &Source) -> Vec<Located<'a>> {
    let old_ptrs: Vec<&str> = changes.iter().filter_map(|c| c.old.as_deref()).collect();
    let new_ptrs: Vec<&str> = changes.iter().filter_map(|c| c.new.as_deref()).collect();
    let old_places = places(old, &old_ptrs);
    let new_places = places(new, &new_ptrs);
    changes
        .iter()
        .map(|c| Located {
            change: c,
            old: c.old.as_ref().and_then(|p| old_places.get(p).cloned()),
            new: c.new.as_ref().and_then(|p| new_places.get(p).cloned()),
        })
        .collect()
}

/// Prints the changes, worst first, and returns the exit code `--fail-on` asks for.
pub(super) fn report(
    mut located: Vec<Located>,
    format: Option<DiffFormat>,
    fail_on: FailOn,
    style: Style,
) -> u8 {
    located.sort_by_key(|l| std::cmp::Reverse(l.change.level));
    let format = format.unwrap_or(
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            DiffFormat::Github
        } else {
            DiffFormat::Pretty
        },
    );
    let text = match format {
        DiffFormat::Pretty => render::pretty(&located, super::stdout_color(), style),
        DiffFormat::Markdown => render::markdown(&located, style),
        DiffFormat::Json => render::json(&located),
        DiffFormat::Github => render::github(&located, style),
    };
    print!("{text}");
    let threshold = match fail_on {
        FailOn::Breaking => Some(Level::Breaking),
        FailOn::Warning => Some(Level::Warning),
        FailOn::Never => None,
    };
    if threshold.is_some_and(|t| located.iter().any(|l| l.change.level >= t)) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
