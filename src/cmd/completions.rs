//! `chronicle completions SHELL`: a shell completion script, generated from
//! the same clap definitions as the parser, so it never drifts from it.
//!
//! The script is built in memory and printed through `output::print`.

use clap::CommandFactory;
use clap_complete::{Shell, generate};

use super::{Cli, Error};
use crate::output;

/// Print a completion script for a shell.
///
/// Examples:
///   chronicle completions bash > ~/.local/share/bash-completion/completions/chronicle
///   chronicle completions zsh > ~/.zfunc/_chronicle
///   chronicle completions fish > ~/.config/fish/completions/chronicle.fish
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The shell.
    #[arg(value_name = "SHELL")]
    pub shell: Shell,
}

pub fn run(args: Args) -> Result<(), Error> {
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    generate(args.shell, &mut cmd, "chronicle", &mut script);
    output::print(&script)?;
    Ok(())
}
