//! Writing files safely: never a half-written file, never a clobbered input.

use std::io::Write;
use std::path::Path;

crate::declare_code! {
    /// An output file cannot or must not be written.
    ///
    /// ## What
    /// `convert` or `fix` refused to write an output: it names the input file, it already exists
    /// (and `--force` was not given), or its folder cannot be created or written.
    ///
    /// ## Why
    /// ccforge never overwrites an input or a file it was not told to replace, and never leaves
    /// a half-written file.
    ///
    /// ## Example
    /// `ccforge convert api.yaml -o api.yaml`.
    ///
    /// ## Fix
    /// Choose another output path, pass `--force` to replace an existing file, or create the
    /// folder and check its permissions.
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
