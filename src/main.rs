// Parsing builds millions of small maps and strings; mimalloc allocates and frees them faster
// and with less overhead per allocation than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (the same place in mimalloc 2 and 3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // A run lasts well under a second, but frees and reallocates whole trees: memory handed
    // back to the system in between has to be faulted in and zeroed again. Keep it instead,
    // unless the environment says otherwise (`MIMALLOC_PURGE_DELAY=0`, with
    // `MIMALLOC_ALLOW_THP=0`, trades some time for a lower peak; see the README).
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: setting an option is allowed at any time and takes plain integers.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
    // Huge pages while a conversion reads its input, small ones after it (see `memory`), unless
    // the environment chose for the whole run.
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        ccforge::memory::small_pages_after_input();
    }
    join_thread_pool();
    exit(ccforge::cli::run_status())
}

/// Ends the process with `status`. Everything a run writes is finished when written (files
/// synced and renamed into place, each write to a standard stream flushed), so what an orderly
/// exit would add is freeing memory the system takes back anyway: the allocator walks every
/// heap at exit, milliseconds on a large input.
#[cfg(unix)]
fn exit(status: u8) -> std::process::ExitCode {
    // Nothing should be left in the buffer; flushed all the same.
    let _ = std::io::Write::flush(&mut std::io::stdout());
    // SAFETY: `_exit` ends the process at once; no Rust value is used afterwards.
    unsafe { libc::_exit(i32::from(status)) }
}

#[cfg(not(unix))]
fn exit(status: u8) -> std::process::ExitCode {
    std::process::ExitCode::from(status)
}

/// Makes the main thread one of rayon's threads, so that the pool starts one thread fewer. Each
/// thread allocates from its own heap, and memory the main thread frees (an input's parsed
/// tree) is reused only by the main thread: one heap fewer is several megabytes less memory,
/// at the same speed. Kept to pools of two threads or more: a scoped thread that runs rayon
/// work while the main thread waits for it needs another thread of the pool to run it.
fn join_thread_pool() {
    let threads = std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if threads >= 2 {
        // An error means a pool exists already: nothing to do.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .use_current_thread()
            .build_global();
    }
}
