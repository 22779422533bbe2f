//! `ccforge completions SHELL`: the shell's completion script, generated from the same clap
//! definitions as the parser, so every subcommand and option appears as soon as it exists.

use clap::CommandFactory;

#[derive(clap::Args)]
pub struct Args {
    /// The shell to complete in.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

pub fn run(args: Args) -> u8 {
    let mut cmd = super::visible_command(super::Cli::command());
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "ccforge", &mut script);
    super::output::stdout(&String::from_utf8_lossy(&script));
    super::EXIT_OK
}
