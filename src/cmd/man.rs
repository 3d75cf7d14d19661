//! `chronicle man`: the manual page in roff, generated from the same clap
//! definitions as the parser and `--help`.
//!
//! Renders into memory, then prints through `output::print`; writes no file.

use clap::CommandFactory;
use clap_mangen::Man;

use super::{Cli, Error};
use crate::output;

/// Print the manual page (roff) of chronicle or of one subcommand.
///
/// Examples:
///   chronicle man | man -l -
///   chronicle man path > chronicle-path.1
///   chronicle man > /usr/local/share/man/man1/chronicle.1
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// A subcommand whose page to print (default: the main page).
    #[arg(value_name = "SUBCOMMAND")]
    pub subcommand: Option<String>,
}

pub fn run(args: Args) -> Result<(), Error> {
    let mut cli = Cli::command();
    cli.build();
    let page = match &args.subcommand {
        None => cli,
        Some(name) => {
            let names: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
            let Some(sub) = cli.find_subcommand(name) else {
                return Err(Error::Usage(format!(
                    "no subcommand is called `{name}`; there are {}",
                    names.join(", ")
                )));
            };
            sub.clone()
        }
    };
    let mut roff = Vec::new();
    Man::new(page).render(&mut roff)?;
    output::print(&roff)?;
    Ok(())
}
