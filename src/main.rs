//! The `chronicle` binary: parse the command line, run, map errors to exit
//! codes. Errors are printed here once; diagnostics were printed by the
//! command that found them.

use clap::Parser;

use chronicle::cmd::{Cli, Error, run};

fn main() {
    let cli = Cli::parse();
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
