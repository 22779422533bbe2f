//! The size of the memory pages a run asks the system for.
//!
//! The allocator asks Linux for transparent huge pages (2 MiB each): one fault and one zeroing
//! per 2 MiB instead of 512 of each. That pays while a conversion reads its input, whose text
//! and document tree fill memory densely. What follows (the import, the passes, the lint,
//! rendering) allocates in many small pieces spread over the heap, where a huge page is mostly
//! empty yet counts whole in the peak: on a 4 MB Postman collection, huge pages throughout left
//! the peak at 48 MB, against 40 MB when the run goes on in 4 KiB pages once the input is read,
//! in the same time (with 4 KiB pages throughout: about as much memory, and up to a sixth
//! slower).
//!
//! The switch changes the whole process, so it is made only where a program asked for it
//! ([`small_pages_after_input`]; the `ccforge` binary does): a program that uses ccforge as a
//! library keeps its own settings.
//!
//! Likewise for the large trees a command is done with (a parsed definition, the examples the
//! size pass removed): freed by default, on the thread pool ([`dispose`]), and left to the
//! system by a process that ends when its one command does ([`leave_to_exit`]). Freeing a
//! multi-megabyte tree costs milliseconds, and more when the pool's threads free what another
//! one allocated.

use std::sync::atomic::{AtomicBool, Ordering};

static AFTER_INPUT: AtomicBool = AtomicBool::new(false);
static LEAVE_TO_EXIT: AtomicBool = AtomicBool::new(false);

/// Asks that what [`dispose`] is given be left for the system to take back when the process
/// ends, instead of freed: for a process that runs one command and exits (never a server).
pub fn leave_to_exit() {
    LEAVE_TO_EXIT.store(true, Ordering::Relaxed);
}

/// Gets rid of `value`, which nothing needs any more: freed on the thread pool, or never, if
/// [`leave_to_exit`] was asked for.
pub fn dispose<T: Send + 'static>(value: T) {
    if LEAVE_TO_EXIT.load(Ordering::Relaxed) {
        std::mem::forget(value);
    } else {
        rayon::spawn(move || drop(value));
    }
}

/// Asks that, once a conversion has read its input, the process take 4 KiB pages only.
pub fn small_pages_after_input() {
    AFTER_INPUT.store(true, Ordering::Relaxed);
}

/// A conversion has read and parsed its input: from now on, 4 KiB pages, if
/// [`small_pages_after_input`] was asked for (once; later calls do nothing).
pub fn input_read() {
    if AFTER_INPUT.swap(false, Ordering::Relaxed) {
        no_huge_pages();
    }
}

#[cfg(target_os = "linux")]
fn no_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory of ours; it only
    // changes how later page faults of this process are served. A kernel without it refuses
    // the call, which changes nothing.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn no_huge_pages() {}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// `THP_enabled` of /proc/self/status: 1, or 0 once the process has turned huge pages off.
    fn huge_pages_allowed() -> Option<bool> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with("THP_enabled:"))?;
        Some(line.split_whitespace().nth(1)? == "1")
    }

    /// Sets its flag when dropped.
    struct Flag(std::sync::Arc<AtomicBool>);

    impl Drop for Flag {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    #[test]
    fn disposed_values_are_freed_unless_left_to_exit() {
        let freed = std::sync::Arc::new(AtomicBool::new(false));
        dispose(Flag(freed.clone()));
        let start = std::time::Instant::now();
        while !freed.load(Ordering::SeqCst) {
            assert!(start.elapsed().as_secs() < 10, "never freed");
            std::thread::yield_now();
        }
        // The rest of this test process leaves what it disposes of to the system.
        leave_to_exit();
        let left = std::sync::Arc::new(AtomicBool::new(false));
        dispose(Flag(left.clone()));
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(!left.load(Ordering::SeqCst));
    }

    #[test]
    fn huge_pages_go_only_when_asked_and_only_after_the_input() {
        let Some(true) = huge_pages_allowed() else {
            return; // a kernel without the field, or a process that already turned them off
        };
        input_read();
        assert_eq!(
            huge_pages_allowed(),
            Some(true),
            "not asked: left as it was"
        );
        small_pages_after_input();
        input_read();
        assert_eq!(
            huge_pages_allowed(),
            Some(false),
            "off once the input is read"
        );
    }
}
