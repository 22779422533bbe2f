// Parsing builds millions of small maps and strings; mimalloc allocates and frees them faster
// and with less overhead per allocation than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (the same place in mimalloc 2 and 3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // A run lasts well under a second, but frees and reallocates whole trees: memory handed
    // back to the system in between has to be faulted in and zeroed again. Keep it instead.
    // SAFETY: setting an option is allowed at any time and takes plain integers.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    ccforge::cli::run()
}
