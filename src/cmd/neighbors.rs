//! `chronicle neighbors ENTITY`: everything within N hops, nearest first,
//! each with the connection that reached it.
//!
//! `--depth` is the filters' own `--depth` (it also sets the hops of
//! `--around`). A walk that stops at `--limit` says so on standard error and
//! with `"truncated": true`. `--json`: one object, described by
//! `schemas/neighbors.schema.json`.

use std::io::{self, Write};

use super::Error;
use super::answer::{Loaded, Reply, bold, named, reply};
use super::args::{FactsArgs, JsonArg};
use super::table::Table;
use crate::diag::term::clean;
use crate::query::data::date_cell;
use crate::query::filter::{DEFAULT_DEPTH, FilterArgs};
use crate::query::neighbors::{
    DEFAULT_LIMIT, Neighbor, Neighbors, Options, check_kinds, neighbors, walk,
};

/// List everything within N hops of an entity, with the edge that reached it.
///
/// Each entity comes with its distance and the edge kind, entity and date
/// that first reached it, nearest first.
///
/// Edges are followed both ways. --depth sets the hops (default 1). --rel
/// follows only edges of that kind: a relation kind, an actor's role
/// (perpetrator, target, …), occurred_at or located_in. The filters keep
/// events out of the walk; actors and places are always walked.
///
/// Examples:
///   chronicle neighbors ISIS-K
///   chronicle neighbors Moscow --depth 2 --since 2024-03 --until 2024-03
///   chronicle neighbors "U.S." --rel warned --rel sender --json
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
#[command(mut_arg("depth", |a| a.help("Hops from ENTITY (and from --around) [default: 1]")))]
pub struct Args {
    /// The entity: id, name or alias (case-insensitive).
    #[arg(value_name = "ENTITY")]
    pub entity: String,
    /// Follow only edges of this kind (repeatable).
    #[arg(long = "rel", value_name = "KIND")]
    pub rels: Vec<String>,
    /// Stop after this many entities, the start included.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_LIMIT, value_parser = at_least_one())]
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

fn ask(args: &Args, loaded: &mut Loaded) -> Result<Reply, Error> {
    let start = loaded.find(&args.entity)?;
    // Here --depth is the hops from ENTITY too, so it may come alone.
    let mut filters = args.filters.clone();
    if filters.around.is_none() {
        filters.depth = None;
    }
    let sel = loaded.select(&filters)?;
    check_kinds(&loaded.facts, loaded.graph(), &args.rels).map_err(Error::Usage)?;
    let opts = Options {
        depth: args.filters.depth.unwrap_or(DEFAULT_DEPTH),
        rels: args.rels.clone(),
        limit: args.limit,
    };
    let graph = loaded.take_graph();
    let found = walk(&loaded.facts, &graph, &sel, start, &opts);
    // The whole graph's neighbourhood is as long as the facts: their text
    // is read while it is written, in the graph's room.
    drop(graph);
    let answer = neighbors(&loaded.facts, start, &opts, found);
    let reply = if args.json.json {
        Reply::json(&answer)?
    } else {
        Reply::written(|out| write(&answer, out))?
    };
    if !answer.truncated {
        return Ok(reply);
    }
    Ok(reply.note(format!(
        "warning: stopped at {}, the start included (--limit); there are more within {}",
        super::counted(answer.limit, "entity", "entities"),
        hops(answer.depth)
    )))
}

fn hops(n: usize) -> String {
    super::counted(n, "hop", "hops")
}

/// The neighbourhood as text, its table written as it is made.
pub fn write(answer: &Neighbors, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{} within {}: {} found",
        clean(&named(&answer.start.name, &answer.start.id)),
        hops(answer.depth),
        answer.count
    )?;
    if answer.neighbors.is_empty() {
        return Ok(());
    }
    let rows = || answer.neighbors.iter().map(|n| row(&n));
    let header = ["hops", "entity", "type", "link", "from", "date"];
    Table::write_streamed(&header, rows, bold(), out)
}

fn row(n: &Neighbor) -> Vec<String> {
    vec![
        n.distance.to_string(),
        named(&n.entity.name, &n.entity.id),
        n.entity.kind.to_string(),
        n.via.link_cell(),
        named(&n.via.from.name, &n.via.from.id),
        date_cell(n.via.date.as_ref()),
    ]
}

/// A count of at least one.
pub fn at_least_one() -> clap::builder::RangedU64ValueParser<usize> {
    clap::builder::RangedU64ValueParser::new().range(1..)
}
