//! `ccforge lsp`: the language server, over standard input and output.

#[derive(clap::Args)]
pub struct Args {
    /// Accepted for editors that pass it; standard input and output are the only transport.
    #[arg(long)]
    stdio: bool,
}

pub fn run(args: Args) -> u8 {
    let _ = args.stdio;
    match crate::lsp::run_stdio() {
        Ok(true) => super::EXIT_OK,
        // `exit` without `shutdown` first, as the protocol says.
        Ok(false) => 1,
        Err(e) => {
            super::output::stderr_line(&format!("error: the language server stopped: {e}"));
            super::EXIT_INPUT
        }
    }
}
