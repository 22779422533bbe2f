fn main() -> std::process::ExitCode {
    ccforge::cli::run()
}
