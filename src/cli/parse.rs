//! `ccforge parse PATH...` (hidden): reads and parses the files `lint` would, with the same walk
//! and parallelism, and runs no rule. Benchmarks compare `lint` against it.

use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

pub fn run(args: Args) -> u8 {
    let (parsed, problems) = crate::pipeline::lint::parse_paths(&args.paths);
    super::output::stdout(&format!("{parsed} files parsed\n"));
    if problems {
        super::EXIT_INPUT
    } else {
        super::EXIT_OK
    }
}
