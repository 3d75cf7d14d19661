//! Subcommands: thin layers that parse arguments, call the stages, print.
//!
//! One file a subcommand, holding its arguments and its `run`. Shared here:
//! loading the facts with diagnostics printed once, and the error type that
//! `main` maps to an exit code. No stage logic lives in this folder.

pub mod answer;
pub mod args;
pub mod build;
pub mod check;
pub mod completions;
pub mod export;
pub mod fmt;
pub mod man;
pub mod neighbors;
pub mod path;
pub mod show;
pub mod sources;
pub mod spilled;
pub mod stats;
pub mod table;
pub mod timeline;

use clap::{Parser, Subcommand};

use crate::diag::render::{Style, human};
use crate::diag::{Diagnostics, Severity};
use crate::load::files::InputError;
use crate::load::relocate::relocate;
use crate::model::Facts;
use crate::output;

/// Builds event-timeline knowledge graphs from fact files: validates them,
/// answers questions about them and exports diagrams and timelines.
#[derive(Parser, Debug)]
#[command(name = "chronicle", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Check(check::Args),
    Build(build::Args),
    Export(export::Args),
    Fmt(fmt::Args),
    Show(show::Args),
    Neighbors(neighbors::Args),
    Path(path::Args),
    Timeline(timeline::Args),
    Stats(stats::Args),
    Sources(sources::Args),
    Completions(completions::Args),
    Man(man::Args),
}

/// Why a command failed; `main` prints it once and picks the exit code.
#[derive(Debug)]
pub enum Error {
    /// The facts are invalid; the diagnostics were already printed. Exit 1.
    Invalid,
    /// A usage problem (an unknown entity, a bad option value). Exit 2.
    Usage(String),
    /// Reading or writing failed. Exit 2.
    Io(String),
    /// Standard output was closed (`| head`): stop quietly.
    BrokenPipe,
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Invalid => 1,
            Error::Usage(_) | Error::Io(_) => 2,
            Error::BrokenPipe => 0,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        match e.kind() {
            std::io::ErrorKind::BrokenPipe => Error::BrokenPipe,
            _ => Error::Io(e.to_string()),
        }
    }
}

impl From<InputError> for Error {
    fn from(e: InputError) -> Error {
        Error::Io(e.to_string())
    }
}

pub fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Build(args) => build::run(args),
        Command::Export(args) => export::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Show(args) => show::run(args),
        Command::Neighbors(args) => neighbors::run(args),
        Command::Path(args) => path::run(args),
        Command::Timeline(args) => timeline::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Sources(args) => sources::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
    }
}

/// Loads and validates; diagnostics are returned as found (see [`locate`]).
pub fn load(inputs: &[crate::load::Input]) -> Result<(Facts, Diagnostics), Error> {
    let mut diags = Diagnostics::default();
    let facts =
        crate::validate::load_with(inputs, &mut diags, &mut crate::progress::Bar::stderr())?;
    Ok((facts, diags))
}

/// Why a command made of cached facts whose text could not be read back
/// fails rather than print or write strings missing (read as empty).
pub fn lost() -> Error {
    Error::Io(
        "the cached facts could not be read back (their cache entry was cut short or changed while in use); run the command again"
            .to_string(),
    )
}

/// Reads stored facts' text whole, for a command that writes every string;
/// an error if it could not be read.
pub fn read_whole(facts: &mut Facts) -> Result<(), Error> {
    facts.strings.read_whole();
    match facts.strings.text_lost() {
        true => Err(lost()),
        false => Ok(()),
    }
}

/// A count and its noun, singular for one: `counted(1, "entity",
/// "entities")` is "1 entity", `counted(2, …)` "2 entities".
pub fn counted<N>(n: N, one: &str, many: &str) -> String
where
    N: std::fmt::Display + PartialEq + From<u8>,
{
    if n == N::from(1) {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Lets go of what a command loaded without freeing it piece by piece: the
/// command is over and the process ends next, and the system takes the
/// memory back at once (a million events are millions of allocations to
/// free one by one).
pub fn leave<T>(loaded: T) {
    std::mem::forget(loaded);
}

/// Finds every diagnostic's line and column and sorts them, just before
/// they are printed (it rereads files, so only diagnostics shown pay for it).
pub fn locate(facts: &Facts, diags: &mut Diagnostics) {
    relocate(&facts.files, diags);
    diags.sort();
}

/// Prints diagnostics to standard error for people.
pub fn print_diagnostics(facts: &Facts, diags: &Diagnostics, min: Severity) {
    let style = Style {
        color: output::stderr_color(),
    };
    let mut text = String::new();
    for d in diags.list.iter().filter(|d| d.severity <= min) {
        text.push_str(&human(d, &facts.files, style));
        text.push('\n');
    }
    if diags.dropped() > 0 {
        text.push_str(&format!("… and {} more not shown\n", diags.dropped()));
    }
    crate::output::eprint(&text);
}

/// Loads facts for a command that needs them valid: errors are printed,
/// with a line counting them, and end the command; warnings are neither
/// printed nor counted (`check` shows them), so a valid fact set is loaded
/// silently. Valid fact sets come from the cache when their files are
/// unchanged.
pub fn load_valid(facts: &args::FactsArgs) -> Result<Facts, Error> {
    let inputs = facts.inputs();
    load_valid_from(crate::cache::Entry::open(&inputs).as_ref(), &inputs)
}

/// [`load_valid`] through a cache entry already opened for `inputs`.
pub fn load_valid_from(
    entry: Option<&crate::cache::Entry>,
    inputs: &[crate::load::Input],
) -> Result<Facts, Error> {
    let crate::cache::Loaded {
        facts, mut diags, ..
    } = crate::cache::load_through(entry, inputs, load)?;
    if diags.has_errors() {
        locate(&facts, &mut diags);
        print_diagnostics(&facts, &diags, Severity::Error);
        let kinds =
            crate::diag::render::tally(&diags).map_or_else(String::new, |k| format!(" ({k})"));
        crate::output::eprint(&format!(
            "error: the facts have {} error(s){kinds}; nothing done\n",
            diags.errors()
        ));
        return Err(Error::Invalid);
    }
    Ok(facts)
}
