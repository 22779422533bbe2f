//! Removing this run's temporary files when it is interrupted. While a temporary file or folder
//! is registered, SIGINT, SIGTERM and SIGHUP first remove every registered path, then end the
//! process as the signal would have (a signal the process ignores stays ignored). Nothing can be
//! done on SIGKILL or a power cut: the temporary names say what they are
//! (`.NAME.ccforge-PID.tmp`).

/// A path removed on an interrupting signal until this is dropped.
pub struct Registered {
    #[cfg(unix)]
    slot: Option<usize>,
}

#[cfg(unix)]
mod imp {
    use std::ffi::{CString, c_char, c_int};
    use std::path::Path;
    use std::sync::Once;
    use std::sync::atomic::{AtomicPtr, Ordering};

    /// At most this many paths at once are removed on a signal; a run writes four at most.
    const SLOTS: usize = 32;

    static PATHS: [AtomicPtr<c_char>; SLOTS] =
        [const { AtomicPtr::new(std::ptr::null_mut()) }; SLOTS];

    extern "C" fn on_signal(signal: c_int) {
        // Only async-signal-safe calls. Files first, then the (by then empty) folders.
        for _ in 0..2 {
            for slot in &PATHS {
                let p = slot.load(Ordering::SeqCst);
                if !p.is_null() {
                    // SAFETY: a registered pointer is a NUL-terminated string that is never freed.
                    unsafe {
                        if libc::unlink(p) != 0 {
                            libc::rmdir(p);
                        }
                    }
                }
            }
        }
        // SAFETY: restoring the default action and raising the signal again ends the process
        // as the signal would have without the handler.
        unsafe {
            libc::signal(signal, libc::SIG_DFL);
            libc::raise(signal);
        }
    }

    fn install() {
        static ONCE: Once = Once::new();
        ONCE.call_once(|| {
            for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
                // SAFETY: the handler only makes async-signal-safe calls.
                unsafe {
                    let old = libc::signal(signal, on_signal as *const () as libc::sighandler_t);
                    if old == libc::SIG_IGN {
                        // Ignored (nohup): leave it so.
                        libc::signal(signal, libc::SIG_IGN);
                    }
                }
            }
        });
    }

    pub fn register(path: &Path) -> Option<usize> {
        use std::os::unix::ffi::OsStrExt;
        install();
        let ptr = CString::new(path.as_os_str().as_bytes()).ok()?.into_raw();
        for (i, slot) in PATHS.iter().enumerate() {
            if slot
                .compare_exchange(
                    std::ptr::null_mut(),
                    ptr,
                    Ordering::SeqCst,
                    Ordering::SeqCst,
                )
                .is_ok()
            {
                return Some(i);
            }
        }
        // SAFETY: `ptr` came from `into_raw` above and was never shared.
        drop(unsafe { CString::from_raw(ptr) });
        None
    }

    pub fn unregister(slot: usize) {
        // The string is left allocated: a handler running on another thread may be reading it.
        PATHS[slot].store(std::ptr::null_mut(), Ordering::SeqCst);
    }
}

/// Registers `path` (a file, or a folder holding only registered files) for removal on an
/// interrupting signal.
pub fn register(path: &std::path::Path) -> Registered {
    #[cfg(unix)]
    {
        Registered {
            slot: imp::register(path),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Registered {}
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(slot) = self.slot {
            imp::unregister(slot);
        }
    }
}
