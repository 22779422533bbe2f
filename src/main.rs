// Parsing builds millions of small maps and strings; mimalloc allocates and frees them faster
// and with less overhead per allocation than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    ccforge::cli::run()
}
