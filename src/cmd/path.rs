//! `chronicle path FROM TO`: how two entities are connected, hop by hop.
//!
//! No path is not an error: the command says so and exits 0 (with
//! `"found": false` in JSON). A search that stops early says why on standard
//! error. `--json`: one object, described by `schemas/path.schema.json`.
//! The searches and their rules are in `query::path`.

use std::io::{self, Write};

use super::Error;
use super::answer::{Loaded, Reply, bold, named, reply};
use super::args::{FactsArgs, JsonArg};
use super::show::source_ids;
use super::table::Table;
use crate::diag::term::clean;
use crate::query::data::{EntityOut, date_cell};
use crate::query::filter::FilterArgs;
use crate::query::path::{
    DEFAULT_LIMIT, DEFAULT_MAX_HOPS, Options, PathAnswer, PathOut, STEP_BUDGET, Stop, paths,
};

/// Find how two entities are connected: the shortest path, or every path.
///
/// Edges are followed both ways unless --directed. Ties are broken by the
/// order of the records, so the answer is the same on every run. Every
/// search stops at --max-hops and after examining 10 000 000 edges.
///
/// --chronological keeps only time-respecting paths: one moment can be
/// chosen in each dated hop (an event's date, a relation's date) so that the
/// moments never go back. A dated hop may follow when its latest possible
/// day is no earlier than the earliest day the path can have reached (the
/// same day is allowed); located_in and undated relations do not constrain.
///
/// Examples:
///   chronicle path ISIS-K Russia
///   chronicle path "U.S." moscow-concert-hall-attack-2024 --chronological
///   chronicle path ISIS-K "U.S." --all --max-hops 3 --json
///   chronicle path united-states isis-k --directed --until 2024-03
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Where the path starts: id, name or alias.
    #[arg(value_name = "FROM")]
    pub from: String,
    /// Where the path ends: id, name or alias.
    #[arg(value_name = "TO")]
    pub to: String,
    /// Longest path to look for, in hops.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_HOPS)]
    pub max_hops: usize,
    /// List every simple path up to --max-hops, shortest first.
    #[arg(long)]
    pub all: bool,
    /// Follow edges only from their source to their target.
    #[arg(long)]
    pub directed: bool,
    /// Keep only paths that never go back in time.
    #[arg(long)]
    pub chronological: bool,
    /// With --all: stop after this many paths.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_LIMIT, value_parser = super::neighbors::at_least_one())]
    pub limit: usize,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub facts: FactsArgs,
    #[command(flatten)]
    pub json: JsonArg,
}

pub fn run(args: Args) -> Result<(), Error> {
    reply(&args.facts, &args, |loaded| ask(&args, loaded))
}

fn ask(args: &Args, loaded: &Loaded) -> Result<Reply, Error> {
    let from = loaded.find(&args.from)?;
    let to = loaded.find(&args.to)?;
    let sel = loaded.select(&args.filters)?;
    let opts = Options {
        directed: args.directed,
        chronological: args.chronological,
        all: args.all,
        max_hops: args.max_hops,
        limit: args.limit,
    };
    let answer = paths(&loaded.facts, loaded.graph(), &sel, from, to, &opts);
    let reply = if args.json.json {
        Reply::json(&answer)?
    } else {
        Reply::written(|out| write(&answer, out))?
    };
    Ok(match answer.stopped {
        Some(Stop::Limit) => reply.note(format!(
            "warning: stopped after {} (--limit); there are more",
            super::counted(answer.limit, "path", "paths")
        )),
        Some(Stop::Steps) => reply.note(format!(
            "warning: the search stopped after examining {STEP_BUDGET} edges; the answer may be incomplete"
        )),
        None => reply,
    })
}

fn entity(e: &EntityOut) -> String {
    named(&e.name, &e.id)
}

fn hops(n: usize) -> String {
    super::counted(n, "hop", "hops")
}

/// "time-respecting directed path", as the options ask.
fn what(answer: &PathAnswer, noun: &str) -> String {
    let mut words = Vec::new();
    if answer.chronological {
        words.push("time-respecting");
    }
    if answer.directed {
        words.push("directed");
    }
    words.push(noun);
    words.join(" ")
}

/// The answer as text, a path at a time.
pub fn write(answer: &PathAnswer, out: &mut dyn Write) -> io::Result<()> {
    let (from, to) = (entity(&answer.from), entity(&answer.to));
    let ends = format!("from {} to {}", clean(&from), clean(&to));
    let within = hops(answer.max_hops);
    if !answer.found {
        let what = what(answer, "path");
        return writeln!(out, "no {what} {ends} within {within}");
    }
    if answer.all {
        let n = answer.paths.len();
        let noun = if n == 1 { "path" } else { "paths" };
        writeln!(out, "{n} {} {ends} within {within}", what(answer, noun))?;
    }
    // Without `--all` there is one path, the shortest, and its line heads
    // the answer.
    for (i, p) in answer.paths.iter().enumerate() {
        if answer.all {
            write!(out, "\npath {} ({})\n", i + 1, hops(p.length))?;
        } else {
            let what = what(answer, "path");
            writeln!(out, "shortest {what} {ends}: {}", hops(p.length))?;
        }
        if !p.hops.is_empty() {
            out.write_all(table(&p).render(bold()).as_bytes())?;
        }
    }
    Ok(())
}

fn table(path: &PathOut) -> Table {
    let mut t = Table::new(&["#", "from", "link", "to", "date", "sources"]);
    for (i, h) in path.hops.iter().enumerate() {
        t.row(&[
            (i + 1).to_string(),
            entity(&h.from),
            h.link_cell(),
            entity(&h.to),
            date_cell(h.date.as_ref()),
            source_ids(&h.sources),
        ]);
    }
    t
}
