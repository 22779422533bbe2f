//! The one way ccforge writes files: a temporary file beside the target, written and synced
//! whole, then renamed onto it. The target's mode (and owner, when the process may set it) is
//! kept; a symbolic link is followed and its target written; anything but a regular file is
//! refused. A connector folder is written as a whole ([`FolderWriter`]).

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::cleanup;

/// How many symbolic links are followed before giving up (as the kernel does).
const MAX_LINKS: usize = 40;

/// The path a write to `path` replaces: `path` itself, or, when it is a symbolic link, the file
/// the link names (which need not exist yet), links followed one after the other.
pub fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::other(format!(
        "{}: more than {MAX_LINKS} symbolic links in a row",
        path.display()
    )))
}

/// The folder a file is in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `.NAME.ccforge-PID.tmp` beside `path`: hidden, and saying whose it is.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    // Within the usual 255-byte limit on a name.
    let mut end = name.len().min(200);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    folder_of(path).join(format!(
        ".{}.ccforge-{}.tmp",
        &name[..end],
        std::process::id()
    ))
}

/// Makes sure `err` names what it is about.
fn io_error(what: &str, err: io::Error) -> io::Error {
    io::Error::new(err.kind(), format!("{what}: {err}"))
}

/// What an existing target is: `Ok(None)` when it does not exist, an error when it is not a
/// regular file or is read-only.
fn existing_regular(target: &Path) -> io::Result<Option<Metadata>> {
    match std::fs::metadata(target) {
        // Replacing through a rename needs only the folder's permission: a file its owner made
        // read-only would be replaced all the same.
        Ok(m) if m.is_file() && m.permissions().readonly() => Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "it is read-only; make it writable (chmod u+w) to replace it, or write elsewhere",
        )),
        Ok(m) if m.is_file() => Ok(Some(m)),
        Ok(_) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "it is {}, not a regular file",
                super::not_regular(target).unwrap_or("not a regular file")
            ),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Flushes a file's data to the disk before it replaces anything.
fn sync_file(file: &File) -> io::Result<()> {
    file.sync_all()
}

/// Flushes a folder's entries (the renames into it), where the system allows it.
fn sync_folder(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Gives a new file the owner (when the process may) and then the mode of `like`: a change of
/// owner clears the set-id bits that the mode restores.
fn keep_owner_and_mode(file: &File, like: &Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt, fchown};
        if fchown(file, Some(like.uid()), Some(like.gid())).is_err() {
            let _ = fchown(file, None, Some(like.gid()));
        }
        file.set_permissions(std::fs::Permissions::from_mode(like.mode() & 0o7777))
    }
    #[cfg(not(unix))]
    {
        file.set_permissions(like.permissions())
    }
}

/// A temporary file or folder: removed when dropped unless it was renamed into place, and on an
/// interrupting signal until then.
struct Temp {
    path: PathBuf,
    folder: bool,
    done: bool,
    _registered: cleanup::Registered,
}

impl Temp {
    fn new(path: PathBuf, folder: bool) -> Temp {
        let registered = cleanup::register(&path);
        Temp {
            path,
            folder,
            done: false,
            _registered: registered,
        }
    }

    /// Renames it onto `target`.
    fn rename_onto(&mut self, target: &Path) -> io::Result<()> {
        std::fs::rename(&self.path, target)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.done {
            let _ = if self.folder {
                std::fs::remove_dir_all(&self.path)
            } else {
                std::fs::remove_file(&self.path)
            };
        }
    }
}

/// Writes `contents` to a new temporary file at `temp`, synced; with the owner and mode of
/// `like` (the file it will replace), or the default mode of a new file.
fn write_temp(temp: &Path, contents: &[u8], like: Option<&Metadata>) -> io::Result<()> {
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Never readable by others before it has the target's mode.
        opts.mode(if like.is_some() { 0o600 } else { 0o666 });
    }
    // A temporary file of this name is a leftover of a killed run of the same process id.
    let _ = std::fs::remove_file(temp);
    let mut file = opts.open(temp)?;
    if let Some(m) = like {
        keep_owner_and_mode(&file, m)?;
    }
    file.write_all(contents)?;
    sync_file(&file)
}

/// Writes `contents` to `path` through a temporary file in the same folder and a rename: the
/// file is never seen half-written. A symbolic link is followed and the file it names is
/// replaced (the link stays); an existing file keeps its mode and, when the process may set it,
/// its owner; anything but a regular file is refused.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let _commit = cleanup::Commit::begin().ok_or_else(interrupted)?;
    let target = resolve_links(path)?;
    let existing = existing_regular(&target)?;
    let mut temp = Temp::new(temp_path(&target), false);
    write_temp(&temp.path, contents, existing.as_ref())?;
    temp.rename_onto(&target)?;
    sync_folder(folder_of(&target));
    Ok(())
}

/// The error of a write asked for while the run is being interrupted.
fn interrupted() -> io::Error {
    io::Error::new(io::ErrorKind::Interrupted, "the run was interrupted")
}

/// Why a connector folder cannot be written.
#[derive(Debug)]
pub enum FolderError {
    /// Another run holds the folder.
    Busy,
    /// The folder appeared while this run wrote it as a new one.
    Appeared,
    /// The path names something that is not a folder (a file, a device).
    NotAFolder,
    /// Reading, writing or renaming failed.
    Io(io::Error),
}

impl std::fmt::Display for FolderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FolderError::Busy => f.write_str("another ccforge run is writing into it"),
            FolderError::Appeared => f.write_str(
                "it was created by someone else while this run wrote it; nothing was written",
            ),
            FolderError::NotAFolder => f.write_str("it exists and is not a folder"),
            FolderError::Io(e) => e.fmt(f),
        }
    }
}

impl From<io::Error> for FolderError {
    fn from(e: io::Error) -> Self {
        FolderError::Io(e)
    }
}

/// A connector folder written as a whole, never left with some of its files.
///
/// - A folder that does not exist is written in a temporary folder beside it
///   (`.NAME.ccforge-PID.tmp`), then renamed into place: it appears complete or not at all.
/// - An existing folder (which may hold other files: an icon, a script) is locked for the run,
///   so a second run into it stops with [`FolderError::Busy`]; every file is written to a
///   temporary file beside its target and synced, and only then are they renamed into place
///   one after the other.
///
/// Temporary files are removed on error and on SIGINT, SIGTERM and SIGHUP.
pub struct FolderWriter {
    dir: PathBuf,
    /// The open folder, locked for the run, when it already existed.
    _lock: Option<File>,
    /// Whether the folder existed: its files are replaced one by one, else it is made whole.
    existing: bool,
}

impl FolderWriter {
    /// Takes `dir` for this run (see the type).
    pub fn open(dir: &Path) -> Result<FolderWriter, FolderError> {
        let lock = match std::fs::metadata(dir) {
            Ok(m) if m.is_dir() => {
                let f = match File::open(dir) {
                    Ok(f) => f,
                    // A folder that cannot be opened for reading (or, on some systems, at all
                    // as a file) is written without a lock.
                    Err(e) if e.kind() == io::ErrorKind::PermissionDenied || cfg!(not(unix)) => {
                        return Ok(FolderWriter {
                            dir: dir.to_path_buf(),
                            _lock: None,
                            existing: true,
                        });
                    }
                    Err(e) => return Err(e.into()),
                };
                match f.try_lock() {
                    Ok(()) => {}
                    Err(std::fs::TryLockError::WouldBlock) => return Err(FolderError::Busy),
                    // A file system without locks: go on without one.
                    Err(std::fs::TryLockError::Error(e))
                        if e.kind() == io::ErrorKind::Unsupported => {}
                    Err(std::fs::TryLockError::Error(e)) => return Err(e.into()),
                }
                Some(f)
            }
            Ok(_) => return Err(FolderError::NotAFolder),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e.into()),
        };
        Ok(FolderWriter {
            dir: dir.to_path_buf(),
            existing: lock.is_some(),
            _lock: lock,
        })
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Writes `files` (names in the folder, and their contents). An interrupting signal that
    /// arrives meanwhile takes effect once they are all in place.
    pub fn write(&self, files: &[(&str, &[u8])]) -> Result<(), FolderError> {
        let _commit = cleanup::Commit::begin().ok_or_else(interrupted)?;
        if self.existing {
            self.write_into_existing(files)
        } else {
            self.write_new(files)
        }
    }

    fn write_into_existing(&self, files: &[(&str, &[u8])]) -> Result<(), FolderError> {
        let mut temps = Vec::with_capacity(files.len());
        let inside = std::fs::canonicalize(&self.dir)?;
        let mut reals: Vec<PathBuf> = Vec::with_capacity(files.len());
        for (name, contents) in files {
            let target = resolve_links(&self.dir.join(name))?;
            // A link planted in the folder must not carry the write out of it.
            let lands_in =
                std::fs::canonicalize(folder_of(&target)).map_err(|e| io_error(name, e))?;
            if !lands_in.starts_with(&inside) {
                return Err(io_error(
                    name,
                    io::Error::new(
                        io::ErrorKind::InvalidInput,
                        format!(
                            "it is a symbolic link to {}, outside the folder; remove the link \
                             (files of a connector folder are written inside it)",
                            target.display()
                        ),
                    ),
                )
                .into());
            }
            // Two files of the folder linked to one: one would be written over the other.
            let real = lands_in.join(target.file_name().unwrap_or_default());
            if reals.contains(&real) {
                return Err(io_error(
                    name,
                    io::Error::new(
                        io::ErrorKind::InvalidInput,
                        format!(
                            "it leads to {}, as another file of the folder does; remove the link",
                            target.display()
                        ),
                    ),
                )
                .into());
            }
            reals.push(real);
            let existing = existing_regular(&target).map_err(|e| io_error(name, e))?;
            let temp = Temp::new(temp_path(&target), false);
            write_temp(&temp.path, contents, existing.as_ref()).map_err(|e| io_error(name, e))?;
            temps.push((temp, target));
        }
        // Every file is whole on the disk: only now is any of them replaced.
        for (temp, target) in &mut temps {
            temp.rename_onto(target)?;
        }
        sync_folder(&self.dir);
        Ok(())
    }

    fn write_new(&self, files: &[(&str, &[u8])]) -> Result<(), FolderError> {
        let parent = folder_of(&self.dir);
        std::fs::create_dir_all(parent)?;
        let mut folder = Temp::new(temp_path(&self.dir), true);
        let _ = std::fs::remove_dir_all(&folder.path);
        std::fs::create_dir(&folder.path)?;
        let mut registered = Vec::with_capacity(files.len());
        for (name, contents) in files {
            let path = folder.path.join(name);
            registered.push(cleanup::register(&path));
            write_temp(&path, contents, None).map_err(|e| io_error(name, e))?;
        }
        sync_folder(&folder.path);
        rename_new_folder(&folder.path, &self.dir)?;
        folder.done = true;
        sync_folder(parent);
        Ok(())
    }
}

/// Renames a folder onto a path where nothing may be.
fn rename_new_folder(from: &Path, to: &Path) -> Result<(), FolderError> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let c = |p: &Path| std::ffi::CString::new(p.as_os_str().as_bytes());
        let (from_c, to_c) = (
            c(from).map_err(io::Error::other)?,
            c(to).map_err(io::Error::other)?,
        );
        // SAFETY: both are NUL-terminated paths that outlive the call.
        let r = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                from_c.as_ptr(),
                libc::AT_FDCWD,
                to_c.as_ptr(),
                libc::RENAME_NOREPLACE,
            )
        };
        if r == 0 {
            return Ok(());
        }
        let e = io::Error::last_os_error();
        match e.raw_os_error() {
            Some(libc::EEXIST) | Some(libc::ENOTEMPTY) => return Err(FolderError::Appeared),
            // A file system without RENAME_NOREPLACE: a plain rename, after a last look.
            Some(libc::EINVAL) | Some(libc::ENOSYS) => {}
            _ => return Err(e.into()),
        }
    }
    if std::fs::symlink_metadata(to).is_ok() {
        return Err(FolderError::Appeared);
    }
    std::fs::rename(from, to).map_err(|e| match e.kind() {
        io::ErrorKind::AlreadyExists | io::ErrorKind::DirectoryNotEmpty => FolderError::Appeared,
        _ => e.into(),
    })
}
