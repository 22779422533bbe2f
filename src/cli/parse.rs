//! `ccforge parse PATH...` (hidden): reads and parses the files `lint` would, with the same walk
//! and parallelism, and runs no rule. Benchmarks compare `lint` against it.

use rayon::prelude::*;
use std::path::PathBuf;

use crate::lint::engine::{Unit, collect_units};
use crate::source;
use crate::source::display_name;

#[derive(clap::Args)]
pub struct Args {
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

pub fn run(args: Args) -> u8 {
    let mut problems = Vec::new();
    let units = collect_units(&args.paths, &mut problems);
    let parsed: usize = units
        .par_iter()
        .map(|u| {
            let files: Vec<&PathBuf> = match u {
                Unit::Connector {
                    swagger,
                    properties,
                    settings,
                    ..
                } => [Some(swagger), properties.as_ref(), settings.as_ref()]
                    .into_iter()
                    .flatten()
                    .collect(),
                Unit::File { path, .. } => vec![path],
            };
            files
                .into_iter()
                .filter(|f| source::load_path(f, &display_name(f)).is_ok())
                .count()
        })
        .sum();
    println!("{parsed} files parsed");
    if problems.is_empty() {
        super::EXIT_OK
    } else {
        super::EXIT_INPUT
    }
}
