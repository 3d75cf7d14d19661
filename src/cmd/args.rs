//! Arguments shared by several subcommands: where the facts are, the
//! filters, and the output form.

use std::path::PathBuf;

use clap::Args;

use crate::load::Input;

/// Where to read facts from.
#[derive(Args, Debug, Clone, Default)]
pub struct FactsArgs {
    /// Fact file or folder to read (repeatable; `-` reads JSON Lines from
    /// standard input). Default: `facts/`.
    #[arg(short = 'f', long = "facts", value_name = "PATH")]
    pub facts: Vec<String>,
}

impl FactsArgs {
    /// The inputs, `facts/` when none were given.
    pub fn inputs(&self) -> Vec<Input> {
        if self.facts.is_empty() {
            return vec![Input::Path(PathBuf::from("facts"))];
        }
        self.facts.iter().map(|f| Input::parse(f)).collect()
    }
}

/// `--json`: machine-readable output.
#[derive(Args, Debug, Clone, Copy, Default)]
pub struct JsonArg {
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}
