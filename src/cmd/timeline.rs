//! `chronicle timeline`: the kept events in time order.
//!
//! Text: a table of date as written, readable date, kind, title, place and
//! actors. `--json`: the canonical timeline document of
//! `export::timeline` (the same bytes as `chronicle export timeline`),
//! described by `schemas/timeline.schema.json`.

use super::Error;
use super::answer::{Loaded, Reply, bold, named, reply};
use super::args::{FactsArgs, JsonArg};
use super::table::Table;
use crate::export::{View, default_title, timeline};
use crate::model::{EventIx, Facts};
use crate::query::filter::{FilterArgs, Selection};

/// List events in time order: earliest possible day, then latest, then id.
///
/// Events with open or unknown starts (`/2024-04-02`) come first, as they may
/// be the earliest; approximate (`2016~`) and year-only (`2021`) dates are
/// placed by their whole span.
///
/// Examples:
///   chronicle timeline
///   chronicle timeline --actor ISIS-K
///   chronicle timeline --place Russia --since 2024-03 --until 2024-03
///   chronicle timeline --kind attack --json > attacks.json
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
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
    let sel = loaded.select(&args.filters)?;
    let reply = if args.json.json {
        let title = default_title(&loaded.facts);
        let view = View {
            facts: &loaded.facts,
            sel: &sel,
            title: &title,
            pace: None,
        };
        Reply::written(|out| timeline::write(&view, out))?
    } else {
        Reply::written(|out| write_table(&loaded.facts, &sel, out))?
    };
    if !sel.truncated {
        return Ok(reply);
    }
    Ok(reply.note(format!(
        "warning: --around stopped at {}; the timeline may miss events",
        super::counted(crate::query::filter::AROUND_LIMIT, "entity", "entities")
    )))
}

/// The selection's events as a table, written as it is made: a million
/// rows are made twice rather than held.
pub fn write_table(
    facts: &Facts,
    sel: &Selection,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    if sel.events.is_empty() {
        return out.write_all(b"no events\n");
    }
    let rows = || {
        sel.events
            .iter()
            .filter_map(|&e| row(facts, e))
            .map(Vec::from)
    };
    Table::write_streamed(
        &["date", "when", "kind", "title", "place", "actors"],
        rows,
        bold(),
        out,
    )
}

fn row(facts: &Facts, e: EventIx) -> Option<[String; 6]> {
    let ev = facts.event(e)?;
    let place = ev
        .place
        .and_then(|p| facts.place(p))
        .map(|p| facts.str(p.name).to_string())
        .unwrap_or_default();
    let actors: Vec<String> = ev
        .actors
        .iter()
        .filter_map(|p| {
            let name = facts.str(facts.actor(p.actor)?.name);
            Some(match p.role {
                Some(role) => format!("{name} ({})", facts.str(role)),
                None => name.to_string(),
            })
        })
        .collect();
    Some([
        ev.date.to_string(),
        ev.date.human(),
        facts.opt_str(ev.kind).unwrap_or("").to_string(),
        named(facts.str(ev.title), facts.str(ev.id)),
        place,
        actors.join(", "),
    ])
}
