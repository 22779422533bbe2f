//! `ccforge diff OLD NEW`: what changed between two definitions and what breaks existing flows.

use std::collections::HashMap;
use std::path::Path;

use super::{EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};
use crate::detect::{self, Format as DocFormat};
use crate::diff::render::{self, Located, Place};
use crate::diff::{Level, diff, normalized};
use crate::import::{ImportOptions, import};
use crate::lint::engine::display_name;
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

/// Reads one side: a file, a connector folder, or `REV:PATH` from git.
fn read_side(arg: &str) -> Result<Source, String> {
    let path = Path::new(arg);
    if path.is_dir() {
        let def = std::fs::read_dir(path)
            .map_err(|e| format!("{arg}: {e}"))?
            .flatten()
            .map(|e| e.path())
            .find(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.eq_ignore_ascii_case("apiDefinition.swagger.json"))
            })
            .ok_or_else(|| format!("{arg} is a folder without apiDefinition.swagger.json"))?;
        return source::load_path(&def, &display_name(&def))
            .map_err(|e| format!("{}: {}", e.diagnostic.location(), e.diagnostic.message));
    }
    if path.exists() {
        return source::load_path(path, &display_name(path))
            .map_err(|e| format!("{}: {}", e.diagnostic.location(), e.diagnostic.message));
    }
    if let Some((rev, file)) = arg.split_once(':')
        && !rev.is_empty()
        && !file.is_empty()
    {
        let out = std::process::Command::new("git")
            .args(["show", &format!("{rev}:{file}")])
            .output()
            .map_err(|e| format!("{arg}: cannot run git: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "{arg}: git cannot read it: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        return source::load_bytes(arg, &out.stdout)
            .map_err(|e| format!("{arg}: {}", e.diagnostic.message));
    }
    Err(format!("{arg}: no such file or folder (and not REV:PATH)"))
}

/// One side as Swagger 2.0: read, and converted when it is OpenAPI 3 or Postman.
fn side(arg: &str, host: &Option<String>) -> Result<(Source, serde_json::Value), String> {
    let mut src = read_side(arg)?;
    match detect::detect(&src.value, &src.name) {
        Ok(DocFormat::Swagger2) => {
            let v = src.value.clone();
            Ok((src, v))
        }
        Ok(f) if f.is_openapi3() || f.is_postman() => {
            let opts = ImportOptions {
                host: host.clone(),
                path: Path::new(arg).exists().then(|| arg.into()),
                ..Default::default()
            };
            let imported = import(&mut src, &opts).map_err(|d| {
                format!(
                    "{arg}: {}",
                    d.first()
                        .map(|d| d.message.as_str())
                        .unwrap_or("cannot convert")
                )
            })?;
            // Locations then refer to the converted text.
            let text = crate::emit::to_json(&imported.doc);
            let converted = Source::from_rendered(
                &format!("{} (as Swagger 2.0)", src.name),
                text.into(),
                imported.doc.clone(),
                source::Syntax::Json,
            );
            Ok((converted, imported.doc))
        }
        Ok(f) => Err(format!("{arg}: this is a {f}, not an API definition")),
        Err(u) => Err(format!(
            "{arg}: ccforge does not know this kind of document: {}",
            u.reason
        )),
    }
}

/// Line and column of each pointer (or of its nearest located ancestor).
fn places(src: &Source, pointers: &[&str]) -> HashMap<String, Place> {
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
    let (old_src, old) = match side(&args.old, &args.host) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_INPUT;
        }
    };
    let (new_src, new) = match side(&args.new, &args.host) {
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
    let mut changes = diff(&old, &new);
    changes.sort_by_key(|c| std::cmp::Reverse(c.level));
    let old_ptrs: Vec<&str> = changes.iter().filter_map(|c| c.old.as_deref()).collect();
    let new_ptrs: Vec<&str> = changes.iter().filter_map(|c| c.new.as_deref()).collect();
    let old_places = places(&old_src, &old_ptrs);
    let new_places = places(&new_src, &new_ptrs);
    let located: Vec<Located> = changes
        .iter()
        .map(|c| Located {
            change: c,
            old: c.old.as_ref().and_then(|p| old_places.get(p).cloned()),
            new: c.new.as_ref().and_then(|p| new_places.get(p).cloned()),
        })
        .collect();
    let format = args.format.unwrap_or(
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            DiffFormat::Github
        } else {
            DiffFormat::Pretty
        },
    );
    let text = match format {
        DiffFormat::Pretty => render::pretty(&located, super::stdout_color()),
        DiffFormat::Markdown => render::markdown(&located),
        DiffFormat::Json => render::json(&located),
        DiffFormat::Github => render::github(&located),
    };
    print!("{text}");
    let threshold = match args.fail_on {
        FailOn::Breaking => Some(Level::Breaking),
        FailOn::Warning => Some(Level::Warning),
        FailOn::Never => None,
    };
    if threshold.is_some_and(|t| changes.iter().any(|c| c.level >= t)) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
