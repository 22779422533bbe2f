//! Writing files safely: never a half-written file or connector folder, never over an input,
//! never a device, FIFO or folder replaced by a file. [`write_atomic`] and [`FolderWriter`] are
//! the only ways ccforge writes files; [`check_output`] is what every command checks an output
//! path against before it does any work.

mod cleanup;
mod write;

use std::path::Path;

use crate::diagnostic::Diagnostic;

pub use cleanup::Commit;
pub use write::{FolderError, FolderWriter, resolve_links, write_atomic};

crate::declare_code! {
    /// An output file cannot or must not be written.
    ///
    /// ## What
    /// `convert`, `fix` or `lint` refused to write an output, or could not: it is one of the
    /// files the run reads (also through a symbolic or hard link), it already exists (and
    /// `--force` was not given), it is not a regular file (a directory, a FIFO, a device),
    /// another run is writing the same connector folder, or the disk or folder refused the write.
    ///
    /// ## Why
    /// ccforge never overwrites an input or a file it was not told to replace, and never leaves
    /// a half-written file or a connector folder with some of its files.
    ///
    /// ## Example
    /// `ccforge convert api.yaml -o api.yaml`.
    ///
    /// ## Fix
    /// Choose another output path, pass `--force` to replace an existing file, write to standard
    /// output (`-o -`) and redirect it instead of naming a FIFO or device, wait for the other
    /// run to finish, or create the folder and check its permissions and free space.
    pub static UNWRITABLE_OUTPUT = Input {
        code: "CCF011",
        name: "unwritable-output",
        severity: Error,
        fatal: true,
    }
}

/// The codes of writing files, for the registry.
pub static CODES: &[&crate::diagnostic::Code] = &[&UNWRITABLE_OUTPUT];

/// `path` made absolute (from the working folder) with its `.` and `..` steps applied, without
/// asking the file system (links are not followed): one spelling for `a/b`, `./a/b` and
/// `/cwd/a/x/../b`.
pub fn lexical_absolute(path: &Path) -> std::path::PathBuf {
    use std::path::Component;
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = std::path::PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if out.file_name().is_some() {
                    out.pop();
                } else if !out.has_root() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Whether two paths name the same existing file: the same device and inode, so a symbolic
/// link and a hard link name the file they share.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (file_id(a), file_id(b)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// What tells a file from every other: its device and inode (links followed).
#[cfg(unix)]
fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    Some((m.dev(), m.ino()))
}

/// What tells a file from every other: its canonical path.
#[cfg(not(unix))]
fn file_id(path: &Path) -> Option<std::path::PathBuf> {
    std::fs::canonicalize(path).ok()
}

/// The refusal of an output that is one of the files the run reads, when it is (the same file
/// after following links: a symbolic link or a hard link to an input is refused too).
pub fn refuse_input<'a>(
    output: &Path,
    inputs: impl IntoIterator<Item = &'a Path>,
) -> Option<Diagnostic> {
    let id = file_id(output)?;
    let input = inputs
        .into_iter()
        .find(|input| file_id(input).is_some_and(|i| i == id))?;
    let same = if input == output {
        String::new()
    } else {
        format!(" (the same file as {})", input.display())
    };
    Some(
        UNWRITABLE_OUTPUT
            .diagnostic(format!(
                "cannot write {}: it is an input of this run{same}; writing it would destroy the \
                 input",
                output.display()
            ))
            .with_help("choose another output path")
            .in_file(crate::source::display_name(output)),
    )
}

/// The refusal of an output that is an input of the run or not a regular file, when it is.
pub fn check_output<'a>(
    output: &Path,
    inputs: impl IntoIterator<Item = &'a Path>,
) -> Result<(), Diagnostic> {
    if let Some(d) = refuse_input(output, inputs) {
        return Err(d);
    }
    match refuse_not_regular(output) {
        Some(d) => Err(d.in_file(crate::source::display_name(output))),
        None => Ok(()),
    }
}

/// The error of an output that could not be written, with what to do about it.
pub fn write_failed(path: &Path, err: &std::io::Error) -> Diagnostic {
    use std::io::ErrorKind;
    let mut d = UNWRITABLE_OUTPUT
        .diagnostic(format!("cannot write {}: {err}", path.display()))
        .in_file(crate::source::display_name(path));
    let folder = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let help = if !folder.is_dir() {
        format!(
            "the folder {} does not exist: create it, or choose another path",
            folder.display()
        )
    } else {
        match err.kind() {
            ErrorKind::PermissionDenied
                if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) =>
            {
                "make the file writable (`chmod u+w`), or choose another path".to_string()
            }
            ErrorKind::PermissionDenied => format!(
                "you may not write in {} (or over the file there): choose a folder you can write                  in, or change its permissions",
                folder.display()
            ),
            ErrorKind::ReadOnlyFilesystem => {
                "that file system is read-only: choose a path on another one".to_string()
            }
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
                "the disk (or your quota) is full: free some space, or choose another disk"
                    .to_string()
            }
            ErrorKind::Interrupted => {
                "the run was interrupted before the file was in place; nothing was changed: run                  it again"
                    .to_string()
            }
            _ => "check the path and that it can be written; nothing was changed there".to_string(),
        }
    };
    d.set_help(help);
    d
}

/// Whether an output path names standard output: `-` or `/dev/stdout`.
pub fn is_stdout(path: &Path) -> bool {
    path == Path::new("-") || path == Path::new("/dev/stdout")
}

/// What an existing output path is when it is not a regular file (a directory, a FIFO, a
/// device...), which [`write_atomic`] would replace by a rename rather than write into; `None`
/// for a regular file or a path that does not exist.
pub fn not_regular(path: &Path) -> Option<&'static str> {
    let meta = std::fs::metadata(path).ok()?;
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO");
        }
        if kind.is_char_device() {
            return Some("a character device");
        }
        if kind.is_block_device() {
            return Some("a block device");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// The refusal of an output that exists but is not a regular file, when `path` is one (the
/// caller names the file).
pub fn refuse_not_regular(path: &Path) -> Option<Diagnostic> {
    let what = not_regular(path)?;
    let what = if what.starts_with("not ") {
        what.to_string()
    } else {
        format!("{what}, not a regular file")
    };
    Some(
        UNWRITABLE_OUTPUT
            .diagnostic(format!(
                "cannot write {}: it is {what}; outputs are written as regular files (through a \
                 temporary file and a rename)",
                path.display()
            ))
            .with_help(
                "choose a regular file, or write to standard output (`-o -`) and redirect it",
            ),
    )
}
