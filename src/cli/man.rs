//! `ccforge man [--dir DIR]`: the manual page in roff, generated from the same clap definitions
//! as the parser. To standard output, the page of ccforge (which lists the subcommands); with
//! `--dir`, that page and one page per subcommand (`ccforge-lint.1`, ...), written as a whole.

use std::path::PathBuf;

use clap::CommandFactory;

use crate::diagnostic::Severity;
use crate::fsutil::{FolderError, FolderWriter, UNWRITABLE_OUTPUT};

#[derive(clap::Args)]
pub struct Args {
    /// Write ccforge.1 and one page per subcommand (ccforge-lint.1, ...) into this folder (made
    /// when missing; pages already there are replaced) instead of printing ccforge.1.
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    dir: Option<PathBuf>,
}

pub fn run(args: Args) -> u8 {
    let mut cmd = super::Cli::command();
    // Sets each subcommand's display name (`ccforge-lint`) and synopsis name (`ccforge lint`).
    cmd.build();
    let Some(dir) = args.dir else {
        return match page(&cmd) {
            Ok((_, text)) => {
                super::output::stdout(&String::from_utf8_lossy(&text));
                super::EXIT_OK
            }
            Err(e) => failed(format!("cannot render the manual page: {e}")),
        };
    };
    let mut pages = Vec::new();
    if let Err(e) = collect(&cmd, &mut pages) {
        return failed(format!("cannot render the manual pages: {e}"));
    }
    let files: Vec<(&str, &[u8])> = pages
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_slice()))
        .collect();
    let written = FolderWriter::open(&dir).and_then(|w| w.write(&files));
    match written {
        Ok(()) => {
            super::output::stderr_line(&format!(
                "Wrote {} manual pages to {}.",
                pages.len(),
                dir.display()
            ));
            super::EXIT_OK
        }
        Err(e) => {
            let help = match e {
                FolderError::Busy => "wait for the other run to finish",
                _ => "choose a folder you can write to",
            };
            let d = UNWRITABLE_OUTPUT
                .diagnostic(format!("cannot write into {}: {e}", dir.display()))
                .with_help(help)
                .in_file(crate::source::display_name(&dir));
            super::print_report(
                &[d],
                &Default::default(),
                0,
                super::Format::Pretty,
                false,
                Some(Severity::Error),
            );
            super::EXIT_INPUT
        }
    }
}

/// The page of `cmd` (built): its file name and roff text.
fn page(cmd: &clap::Command) -> std::io::Result<(String, Vec<u8>)> {
    let man =
        clap_mangen::Man::new(cmd.clone()).source(format!("ccforge {}", env!("CARGO_PKG_VERSION")));
    let mut text = Vec::new();
    man.render(&mut text)?;
    Ok((man.get_filename(), text))
}

/// The pages of `cmd` and of its visible subcommands, depth first (the page of `ccforge`
/// names every one of them, `help` too).
fn collect(cmd: &clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
    pages.push(page(cmd)?);
    for sub in cmd.get_subcommands() {
        if !sub.is_hide_set() {
            collect(sub, pages)?;
        }
    }
    Ok(())
}

fn failed(message: String) -> u8 {
    super::output::stderr_line(&format!("error: {message}"));
    super::EXIT_INPUT
}
