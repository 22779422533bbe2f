//! `ccforge rules [NAME|CODE]`.

use crate::lint::{all_meta, find_meta};

#[derive(clap::Args)]
pub struct Args {
    /// A rule's name or code; prints its documentation.
    rule: Option<String>,

    /// Print the JSON Schema of ccforge.toml.
    #[arg(long, conflicts_with = "rule")]
    config_schema: bool,
}

pub fn run(args: Args) -> u8 {
    if args.config_schema {
        print!(
            "{}",
            crate::emit::to_json(&crate::lint::config::json_schema())
        );
        return super::EXIT_OK;
    }
    match args.rule {
        None => {
            println!("{:<7} {:<30} {:<8} SUMMARY", "CODE", "NAME", "SEVERITY");
            for m in all_meta() {
                println!(
                    "{:<7} {:<30} {:<8} {}",
                    m.code,
                    m.name,
                    m.severity.as_str(),
                    m.summary
                );
            }
            super::EXIT_OK
        }
        Some(key) => match find_meta(&key) {
            Some(m) => {
                println!("# {} {}\n", m.code, m.name);
                println!("Default severity: {}\n", m.severity);
                if !m.microsoft.is_empty() {
                    println!("Microsoft's validator calls it `{}`.\n", m.microsoft);
                }
                println!("{}", m.docs);
                super::EXIT_OK
            }
            None => {
                eprintln!(
                    "error: no rule is named or coded `{key}`; run `ccforge rules` for the list"
                );
                super::EXIT_INPUT
            }
        },
    }
}
