//! Removing this run's temporary files when it is interrupted. While a temporary file or folder
//! is registered, SIGINT, SIGTERM and SIGHUP first remove every registered path, then end the
//! process as the signal would have (a signal the process ignores stays ignored). Nothing can be
//! done on SIGKILL or a power cut: the temporary names say what they are
//! (`.NAME.ccforge-PID.tmp`).
//!
//! A signal is handled on whichever thread the system picks, while the others run on. So that it
//! never removes a file that a writer is about to rename into place, the writing of a set of
//! files is a [`Commit`]: a signal that arrives during one waits until it ends, then is handled
//! as before; a commit asked for after a signal is refused.

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
    use std::sync::atomic::{AtomicI32, AtomicPtr, AtomicUsize, Ordering};

    /// At most this many paths at once are removed on a signal; a run writes four at most.
    const SLOTS: usize = 32;

    /// How many commits are open, or [`DYING`] once a signal is being handled.
    static STATE: AtomicUsize = AtomicUsize::new(0);
    const DYING: usize = usize::MAX;
    /// A signal that arrived during a commit, handled when the last one ends (0: none).
    static PENDING: AtomicI32 = AtomicI32::new(0);

    static PATHS: [AtomicPtr<c_char>; SLOTS] =
        [const { AtomicPtr::new(std::ptr::null_mut()) }; SLOTS];

    extern "C" fn on_signal(signal: c_int) {
        // Only async-signal-safe calls: atomics, unlink, rmdir, signal, raise.
        loop {
            match STATE.load(Ordering::SeqCst) {
                DYING => return,
                0 => {
                    if STATE
                        .compare_exchange(0, DYING, Ordering::SeqCst, Ordering::SeqCst)
                        .is_ok()
                    {
                        remove_and_die(signal);
                    }
                }
                _ => {
                    // A commit is open: its end handles the signal. Should it have ended
                    // meanwhile, look again.
                    PENDING.store(signal, Ordering::SeqCst);
                    if STATE.load(Ordering::SeqCst) != 0 {
                        return;
                    }
                }
            }
        }
    }

    /// Removes the registered paths and ends the process as `signal` would have.
    fn remove_and_die(signal: c_int) {
        // Files first, then the (by then empty) folders.
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

    /// Opens a commit; `false` when a signal is already being handled.
    pub fn begin() -> bool {
        let mut s = STATE.load(Ordering::SeqCst);
        loop {
            if s == DYING {
                return false;
            }
            match STATE.compare_exchange(s, s + 1, Ordering::SeqCst, Ordering::SeqCst) {
                Ok(_) => return true,
                Err(now) => s = now,
            }
        }
    }

    /// Closes a commit; the last one handles a signal that arrived meanwhile.
    pub fn end() {
        if STATE.fetch_sub(1, Ordering::SeqCst) != 1 {
            return;
        }
        let signal = PENDING.swap(0, Ordering::SeqCst);
        if signal != 0
            && STATE
                .compare_exchange(0, DYING, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok()
        {
            remove_and_die(signal);
        }
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

/// A set of files being written and renamed into place: an interrupting signal waits for its
/// end (see the module). `None` when the run is already being interrupted: write nothing.
pub struct Commit {
    _private: (),
}

impl Commit {
    pub fn begin() -> Option<Commit> {
        #[cfg(unix)]
        if !imp::begin() {
            return None;
        }
        Some(Commit { _private: () })
    }
}

impl Drop for Commit {
    fn drop(&mut self) {
        #[cfg(unix)]
        imp::end();
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
