//! Writing files safely: never a half-written file, never a clobbered input.

use std::io::Write;
use std::path::Path;

crate::declare_code! {
    /// An output file cannot or must not be written.
    ///
    /// ## What
    /// `convert` or `fix` refused to write an output: it names the input file, it already exists
    /// (and `--force` was not given), it is not a regular file (a directory, a FIFO, a device),
    /// or its folder cannot be created or written.
    ///
    /// ## Why
    /// ccforge never overwrites an input or a file it was not told to replace, and never leaves
    /// a half-written file.
    ///
    /// ## Example
    /// `ccforge convert api.yaml -o api.yaml`.
    ///
    /// ## Fix
    /// Choose another output path, pass `--force` to replace an existing file, write to standard
    /// output (`-o -`) and redirect it instead of naming a FIFO or device, or create the folder
    /// and check its permissions.
    pub static UNWRITABLE_OUTPUT = Input {
        code: "CCF011",
        name: "unwritable-output",
        severity: Error,
        fatal: true,
    }
}

/// The codes of writing files, for the registry.
pub static CODES: &[&crate::diagnostic::Code] = &[&UNWRITABLE_OUTPUT];

/// Writes `contents` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.ccforge-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Whether two paths name the same existing file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
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
pub fn refuse_not_regular(path: &Path) -> Option<crate::diagnostic::Diagnostic> {
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
                 temporary file and a rename), even with --force",
                path.display()
            ))
            .with_help(
                "choose a regular file, or write to standard output (`-o -`) and redirect it",
            ),
    )
}
