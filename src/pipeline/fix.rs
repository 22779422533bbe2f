//! `fix`: the connector passes over an existing Swagger 2.0 definition, then the lint rules over
//! what they made. Writes the fixed definition to a file or in place, or only previews it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Failure, Loaded, Report, load_with};
use crate::connector::{Shrink, layout, lenient, run_passes_within};
use crate::detect::{self, Format};
use crate::diagnostic::Severity;
use crate::emit::{OutFormat, render, to_json_spelled};
use crate::fsutil::{check_output, write_atomic, write_failed};
use crate::lint::SharedStructure;
use crate::lint::codes::NOT_SWAGGER2;
use crate::lint::engine::lint_sources_sharing;
use crate::source::{Encoding, Source, Syntax, display_name};
use crate::swagger::size::{Lines, MAX_DEFINITION_BYTES};
use crate::swagger::structure::refusals;

/// Where the fixed definition goes.
#[derive(Debug, Clone)]
pub enum FixTarget {
    /// The caller prints [`Fixed::stdout`].
    Stdout,
    /// Another file.
    File(PathBuf),
    /// The input itself, through a temporary file and a rename, when anything changed.
    InPlace,
    /// Nowhere: the change is only shown (`--diff`, `--check`), and diagnostics (the passes'
    /// and the lint's over the fixed document) point into the input.
    Preview,
}

#[derive(Debug, Clone)]
pub struct FixOptions {
    pub input: PathBuf,
    pub target: FixTarget,
    /// The syntax to write [default: the input's]; given, the file is rewritten even when no
    /// pass changed it.
    pub syntax: Option<OutFormat>,
    /// A config file to use instead of the ccforge.toml found above the input.
    pub config: Option<PathBuf>,
    /// `--include` / `--exclude` patterns; given, they replace the config's for this input.
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// The profile whose passes and rules apply, over the one the config names.
    pub profile: Option<crate::diagnostic::Profile>,
    /// The size pass may trim descriptions (see [`crate::connector::Shrink`]).
    pub trim_descriptions: bool,
    /// Whether the passes' infos get a place. The pretty report only counts them, unless it
    /// shows everything: locating one per operation of a large definition costs time and
    /// memory for nothing.
    pub locate_infos: bool,
    /// An existing `-o` file may be replaced.
    pub force: bool,
}

impl super::convert::Patterns for FixOptions {
    fn patterns(&self) -> (&[String], &[String], &std::path::Path) {
        (&self.include, &self.exclude, &self.input)
    }
}

/// What `fix` did.
pub struct Fixed {
    /// What reading the input noted, reported before the rest.
    pub notes: Report,
    /// What the passes changed and what the lint still finds (located in the input when
    /// previewing).
    pub report: Report,
    /// The input's name and text, and the fixed text.
    pub name: String,
    pub original: Arc<str>,
    pub text: Arc<str>,
    /// Whether any pass changed the definition, or its lenient JSON is written strict.
    pub changed: bool,
    /// The comments of a YAML input that its rewritten text does not keep.
    pub comments_lost: usize,
    /// The worst severity the lint still finds after the passes.
    pub remaining: Option<Severity>,
    /// The fixed text, when the target is standard output.
    pub stdout: Option<Arc<str>>,
    /// How the input is stored (a byte order mark, UTF-16), which the fixed text keeps.
    pub encoding: Encoding,
}

pub fn fix(opts: &FixOptions) -> Result<Fixed, Failure> {
    let Loaded {
        source: src,
        config,
        notes,
    } = load_with(&opts.input, opts.config.as_deref(), opts.profile)?;
    let not_swagger = |what: String, beside: bool| {
        let help = if beside {
            // apiProperties.json or settings.json: the folder's definition is what `fix` mends.
            let folder = std::path::Path::new(&src.name)
                .parent()
                .map(|p| p.to_string_lossy().into_owned())
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| ".".into());
            let folder = crate::diagnostic::shell_word(&folder);
            format!(
                "fix the connector's definition instead (ccforge fix {folder}); ccforge lint \
                 {folder} checks this file with it"
            )
        } else {
            format!(
                "convert it instead: ccforge convert {} -o apiDefinition.swagger.json",
                crate::diagnostic::shell_word(&src.name)
            )
        };
        let mut diags = vec![
            NOT_SWAGGER2
                .diagnostic(format!("{what}; `fix` works on Swagger 2.0 definitions"))
                .with_help(help)
                .in_file(&src.name)
                .at_pointer(""),
        ];
        src.resolve(&mut diags);
        diags
    };
    let refused = |f: Failure, notes: Report| {
        let mut f = f;
        f.prepend(notes);
        f
    };
    match detect::detect(&src.value, &src.name) {
        Ok(Format::Swagger2) => {}
        Ok(f) => {
            let beside = matches!(f, Format::ApiProperties | Format::Settings);
            let diags = not_swagger(format!("this is {}", f.with_article()), beside);
            return Err(refused(Failure::of_sources(diags, &[&src]), notes));
        }
        Err(u) => {
            let diags = not_swagger(
                format!("this is not a document ccforge knows ({})", u.reason),
                false,
            );
            return Err(refused(Failure::of_sources(diags, &[&src]), notes));
        }
    }
    // -o names neither the input nor the config, nor a FIFO, a device or a folder.
    if let FixTarget::File(out) = &opts.target {
        let inputs = std::iter::once(opts.input.as_path())
            .chain(opts.config.as_deref())
            .chain(config.file.as_deref());
        if let Err(mut d) = check_output(out, inputs) {
            if crate::fsutil::same_file(out, &opts.input) {
                d.set_help("use --in-place to rewrite it");
            }
            return Err(refused(Failure::of(d), notes));
        }
        if out.exists() && !opts.force {
            return Err(refused(super::convert::refuse_existing(out), notes));
        }
    }

    // The passes work on the parsed tree itself, not a copy: a copy of a large definition costs
    // as much memory again. Whether they changed it is told by a fingerprint taken before.
    let mut src = src;
    let before = fingerprint(&src.value);
    let mut doc = std::mem::take(&mut src.value);
    // Numbers are written as the input spells them (`1E2` stays `1E2`, a 30-digit integer
    // keeps its digits).
    let spellings = match src.syntax {
        Syntax::Json => crate::source::json::number_spellings(&src.text),
        Syntax::Yaml => HashMap::new(),
    };
    // Lenient JSON that fix-lenient-syntax mends is first made strict by the smallest edits
    // (a comment or a trailing comma goes, the rest stays as written).
    let strict = (src.syntax == Syntax::Json
        && !src.is_plain_json()
        && opts.syntax.is_none()
        && crate::diagnostic::Policy::pass_enabled(&*config, &lenient::LENIENT))
    .then(|| crate::source::json::strict_text(&src.text))
    .flatten();
    let original_text: &str = strict.as_deref().unwrap_or(&src.text);
    // Strict JSON is written back keeping its own text wherever the passes changed nothing:
    // that needs the tree as read. A text laid out as ccforge lays it out is simply written
    // anew.
    let as_read = ((src.is_plain_json() || strict.is_some())
        && opts.syntax.is_none()
        && !crate::emit::is_laid_out(
            &doc,
            original_text,
            &crate::source::style::Layout::of(original_text).indent,
            &spellings,
        ))
    .then(|| doc.clone());
    let chosen = match super::convert::choose(opts, &config, "fix", &src.name, &mut doc, None) {
        Ok(chosen) => chosen,
        Err(d) => return Err(refused(Failure::of(d), notes)),
    };
    // The size budget counts the bytes as they will be written, in the layout chosen for the
    // file (its own, or the certification one).
    let layout::Chosen {
        layout,
        relaid,
        diagnostic: laid_out,
    } = layout::choose(&src, &doc, MAX_DEFINITION_BYTES, &*config);
    let shrink = Shrink {
        trim_descriptions: opts.trim_descriptions,
        lines: Lines::of(&layout),
        ..Shrink::default()
    };
    // In a connector folder, the files beside the definition name its operations: the passes
    // keep the names they use.
    let properties = beside(&opts.input, "apiProperties.json");
    let script = beside_text(&opts.input, "script.csx");
    let files_beside = crate::connector::Beside {
        api_properties: properties.as_ref().map(|p| &p.value),
        script: script.as_deref(),
    };
    let mut diags = run_passes_within(&mut doc, &src.name, &*config, shrink, &files_beside).0;
    if let Some(called) = chosen {
        diags.splice(0..0, called);
        // What the passes left unused goes too.
        crate::connector::select::prune(&mut doc);
    }
    // Lenient JSON is written back strict even when no pass changed the document.
    let mended = lenient::mend(&src, &*config);
    let strict_json = mended.is_some();
    // A file that is not UTF-8 is written as UTF-8, even when no pass changed the document.
    let changed = fingerprint(&doc) != before
        || mended.is_some()
        || relaid
        || src.encoding == crate::source::Encoding::Latin1;
    diags.extend(mended.into_iter().flatten().chain(laid_out));
    let syntax = opts.syntax.unwrap_or(match src.syntax {
        Syntax::Json => OutFormat::Json,
        // A `.json` file that reads only as YAML is mended into JSON, never turned into YAML.
        Syntax::Yaml if strict_json => OutFormat::Json,
        Syntax::Yaml => OutFormat::Yaml,
    });
    let text: Arc<str> = if changed || opts.syntax.is_some() {
        match syntax {
            // JSON in the input's own layout (or the certification one), its numbers spelled
            // as the input spells them.
            OutFormat::Json => {
                let fresh = || {
                    to_json_spelled(
                        &doc,
                        &layout.indent,
                        layout.line_end.as_str(),
                        src.text.len(),
                        &spellings,
                    )
                };
                match as_read.as_ref().filter(|_| !relaid) {
                    Some(value) => {
                        let original = crate::emit::Original {
                            text: original_text,
                            value,
                        };
                        let kept = crate::emit::to_json_keeping(
                            &doc,
                            original,
                            &layout.indent,
                            layout.line_end.as_str(),
                            &spellings,
                        );
                        // The size pass measured the text laid out anew: kept text that
                        // takes it over the limit is laid out anew, unless that is over too.
                        if kept.len() > MAX_DEFINITION_BYTES {
                            let laid_out = fresh();
                            if laid_out.len() <= MAX_DEFINITION_BYTES {
                                laid_out
                            } else {
                                kept
                            }
                        } else {
                            kept
                        }
                    }
                    None => fresh(),
                }
                .into()
            }
            OutFormat::Yaml => render(&doc, syntax).into(),
        }
    } else {
        src.text.clone()
    };
    let preview = matches!(opts.target, FixTarget::Preview);
    // A definition that is not valid connector Swagger is not written. The check runs once, for
    // the refusal and for the rules.
    let structure = SharedStructure::new();
    let refused_output =
        !preview && !(structure.get_or_init(|| crate::swagger::structure::check(&doc))).is_empty();
    // Findings point into a file the user has: the one written, or, when nothing is written
    // or it goes to standard output (a redirection ccforge does not know), the input.
    let in_input = preview || refused_output || matches!(opts.target, FixTarget::Stdout);
    let out_name = match &opts.target {
        FixTarget::File(p) if !refused_output => display_name(p),
        _ => src.name.clone(),
    };
    // The passes' pointers are into the fixed document: locate them there (from the value,
    // without parsing the text again).
    let fixed = Source::from_rendered(
        &out_name,
        text.clone(),
        doc,
        match syntax {
            OutFormat::Json => Syntax::Json,
            OutFormat::Yaml => Syntax::Yaml,
        },
    );
    for d in &mut diags {
        d.file = Some(out_name.clone());
    }
    let (mut diags, counted) = super::convert::unlocated(diags, opts.locate_infos);
    if in_input {
        // Point at the input (new nodes at their nearest ancestor).
        src.resolve(&mut diags);
    } else {
        fixed.resolve(&mut diags);
    }
    diags.extend(counted);
    // What still fails after the passes. A preview locates it in the input, as it locates
    // the passes' changes: the fixed text is not written anywhere to point into.
    let mut texts: HashMap<String, Arc<str>> = HashMap::new();
    // The problems of a definition not written are the input's, and are shown there.
    let mut invalid = if refused_output {
        refusals(
            structure.get_or_init(|| crate::swagger::structure::check(&fixed.value)),
            &src.name,
        )
    } else {
        Vec::new()
    };
    src.resolve(&mut invalid);
    // In a connector folder the definition is linted with the apiProperties.json beside it, as
    // `lint` of the folder does (the connection settings it declares are part of the connector);
    // only the definition's findings are this command's.
    let mut sources = vec![fixed];
    sources.extend(properties);
    let lint = lint_sources_sharing(sources, &*config, &structure);
    let mut found = lint.diagnostics;
    found.retain(|d| d.file.as_deref() == Some(out_name.as_str()));
    let remaining = found.iter().map(|d| d.severity).max();
    texts.extend(lint.texts);
    if in_input {
        for d in &mut found {
            if d.file.as_deref() == Some(out_name.as_str()) && d.pointer().is_some() {
                d.span = None;
            }
        }
        src.resolve(&mut found);
        texts.insert(out_name.clone(), src.text.clone());
    } else {
        texts.insert(out_name.clone(), text.clone());
    }
    if refused_output {
        super::convert::drop_said_by_refusals(&mut found, &invalid, &out_name);
        texts.insert(src.name.clone(), src.text.clone());
    }
    diags.extend(found);
    diags.extend(invalid);
    super::convert::sort_shown(&mut diags, opts.locate_infos);

    let write_to = match &opts.target {
        _ if refused_output => None,
        FixTarget::File(p) => Some(p.clone()),
        FixTarget::InPlace if changed => Some(opts.input.clone()),
        _ => None,
    };
    // Rewritten in place, the input's lenient syntax is gone from the file (fix-lenient-syntax
    // says what was mended): its warnings would point into a text that is no longer there.
    let mut notes = notes;
    if strict_json && write_to.as_deref() == Some(opts.input.as_path()) {
        notes
            .diagnostics
            .retain(|d| !std::ptr::eq(d.meta, &crate::source::codes::LENIENT_SYNTAX));
    }
    let encoding = src.encoding;
    if let Some(path) = write_to
        && let Err(e) = write_atomic(&path, &encoding.encode(&text))
    {
        return Err(refused(Failure::of(write_failed(&path, &e)), notes));
    }
    let stdout =
        (matches!(opts.target, FixTarget::Stdout) && !refused_output).then(|| text.clone());
    Ok(Fixed {
        notes,
        report: Report {
            diagnostics: diags,
            texts,
            files: 1,
        },
        name: src.name.clone(),
        original: src.text.clone(),
        comments_lost: if src.syntax == Syntax::Yaml && text != src.text {
            crate::source::yaml::comment_count(&src.text)
        } else {
            0
        },
        text,
        changed,
        remaining,
        stdout,
        encoding,
    })
}

/// A 128-bit digest of a JSON value that two values share exactly when they are equal as
/// `serde_json` compares them: arrays in order, objects whatever the order of their members,
/// numbers by kind and value.
fn fingerprint(v: &serde_json::Value) -> u128 {
    use serde_json::Value;
    use std::hash::{BuildHasher, Hasher};
    fn hashers() -> [foldhash::quality::FoldHasher<'static>; 2] {
        const SEEDS: [foldhash::quality::FixedState; 2] = [
            foldhash::quality::FixedState::with_seed(0x6669_7865_6431),
            foldhash::quality::FixedState::with_seed(0x6669_7865_6432),
        ];
        [SEEDS[0].build_hasher(), SEEDS[1].build_hasher()]
    }
    fn finish(h: [foldhash::quality::FoldHasher<'static>; 2]) -> u128 {
        (u128::from(h[0].finish()) << 64) | u128::from(h[1].finish())
    }
    fn print(v: &Value) -> u128 {
        let mut h = hashers();
        let mut write = |bytes: &[u8]| h.iter_mut().for_each(|h| h.write(bytes));
        match v {
            Value::Null => write(&[0]),
            Value::Bool(b) => write(&[1, u8::from(*b)]),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    write(&[2]);
                    write(&u.to_le_bytes());
                } else if let Some(i) = n.as_i64() {
                    write(&[3]);
                    write(&i.to_le_bytes());
                } else {
                    // 0.0 and -0.0 are equal floats.
                    let f = n.as_f64().unwrap_or_default();
                    write(&[4]);
                    write(&(if f == 0.0 { 0.0f64 } else { f }).to_bits().to_le_bytes());
                }
            }
            Value::String(s) => {
                write(&[5]);
                write(&s.len().to_le_bytes());
                write(s.as_bytes());
            }
            Value::Array(a) => {
                write(&[6]);
                write(&a.len().to_le_bytes());
                for item in a {
                    write(&print(item).to_le_bytes());
                }
            }
            Value::Object(m) => {
                // Members in any order: their digests are summed.
                let mut sum = 0u128;
                for (k, item) in m {
                    let item = print(item).to_le_bytes();
                    let mut e = hashers();
                    for e in &mut e {
                        e.write(&k.len().to_le_bytes());
                        e.write(k.as_bytes());
                        e.write(&item);
                    }
                    sum = sum.wrapping_add(finish(e));
                }
                write(&[7]);
                write(&m.len().to_le_bytes());
                write(&sum.to_le_bytes());
            }
        }
        finish(h)
    }
    print(v)
}

/// The file `name` in the folder of `input`, read, when `input` is a connector's definition and
/// the file is there and readable.
fn beside(input: &Path, name: &str) -> Option<Source> {
    let path = beside_path(input, name)?;
    crate::source::load_path(&path, &display_name(&path)).ok()
}

/// The file `name` in the same connector folder as `input`, when `input` is a connector's
/// `*.swagger.json` and the file is there.
fn beside_path(input: &Path, name: &str) -> Option<std::path::PathBuf> {
    let file = input.file_name()?.to_str()?;
    if !file.ends_with(".swagger.json") {
        return None;
    }
    let path = input.parent()?.join(name);
    path.is_file().then_some(path)
}

/// The text of the file `name` beside `input` (see [`beside_path`]), read leniently: only its
/// strings are looked at.
fn beside_text(input: &Path, name: &str) -> Option<String> {
    let path = beside_path(input, name)?;
    // Custom code is at most 1 MB (`script-too-large`); a far larger file is not read.
    if std::fs::metadata(&path).ok()?.len() > 16 << 20 {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::fingerprint;
    use serde_json::json;

    #[test]
    fn fingerprints_agree_with_equality() {
        let same = [
            (json!({"a": 1, "b": [1, 2]}), json!({"b": [1, 2], "a": 1})),
            (json!(0.0), json!(-0.0)),
            (
                json!({"x": {"y": null, "z": "s"}}),
                json!({"x": {"z": "s", "y": null}}),
            ),
        ];
        for (a, b) in &same {
            assert_eq!(a, b);
            assert_eq!(fingerprint(a), fingerprint(b), "{a} and {b}");
        }
        let different = [
            (json!({"a": 1}), json!({"a": 1, "b": 1})),
            (json!([1, 2]), json!([2, 1])),
            (json!(1), json!(1.0)),
            (json!(-1), json!(1)),
            (json!("ab"), json!(["a", "b"])),
            (json!({"ab": ""}), json!({"a": "b"})),
            (
                json!({"a": {"b": 1}, "c": 2}),
                json!({"a": {"b": 2}, "c": 1}),
            ),
            (json!(null), json!(false)),
            (json!({}), json!([])),
        ];
        for (a, b) in &different {
            assert_ne!(a, b);
            assert_ne!(fingerprint(a), fingerprint(b), "{a} and {b}");
        }
    }
}
