//! The `chronicle` binary: parse the command line, run, map errors to exit
//! codes. Errors are printed here once; diagnostics were printed by the
//! command that found them.

use clap::Parser;

use chronicle::cmd::{Cli, Error, run};

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => std::process::exit(usage(&e)),
    };
    let done = run(cli);
    chronicle::load::spool::remove_all();
    let code = match done {
        Ok(()) => 0,
        Err(e) => {
            match &e {
                Error::Usage(msg) | Error::Io(msg) => {
                    // Messages name ids and names from the facts.
                    let msg = chronicle::diag::term::clean(msg);
                    chronicle::output::eprint(&format!("error: {msg}\n"))
                }
                Error::Invalid | Error::BrokenPipe => {}
            }
            e.exit_code()
        }
    };
    std::process::exit(code);
}

/// Prints help, the version or a usage error as clap words it; the exit
/// code: clap's (0 for help, 2 for a usage error), or 2 when the help could
/// not be written (a full disk), while a closed pipe ends quietly.
fn usage(e: &clap::Error) -> i32 {
    use std::io::Write;
    let printed = e.print().and_then(|()| std::io::stdout().flush());
    match printed {
        Err(io) if io.kind() != std::io::ErrorKind::BrokenPipe => {
            chronicle::output::eprint(&format!("error: {io}\n"));
            2
        }
        _ => e.exit_code(),
    }
}
