//! `chronicle show ENTITY`: the card of one actor, place or event.
//!
//! Text: the entity's fields, its sources with their quotes, then every
//! connection in time order. `--json`: one object, described by
//! `schemas/show.schema.json`. Finding the entity and building the card are
//! the query layer's; this file only prints.

use std::io::{self, Write};

use super::Error;
use super::answer::{Reply, bold, named, reply};
use super::args::{FactsArgs, JsonArg};
use super::table::Table;
use crate::diag::term::clean;
use crate::query::data::{CiteOut, EntityOut, Link, date_cell};
use crate::query::show::{Card, card};

/// Show an entity's card and everything it is connected to, in time order.
///
/// The card: the record's fields (kind, aliases, note, coordinates and the
/// places around a place; date, place, actors, counts, summary and
/// attributes of an event), its sources with their quotes, then every edge
/// in and out, by date (undated last), with direction, kind, the entity at
/// the other end, date and sources.
///
/// Examples:
///   chronicle show ISIS-K
///   chronicle show moscow-concert-hall-attack-2024 --json
///   chronicle show "U.S." -f facts/ -f more.jsonl
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The entity: id, name or alias (case-insensitive).
    #[arg(value_name = "ENTITY")]
    pub entity: String,
    #[command(flatten)]
    pub facts: FactsArgs,
    #[command(flatten)]
    pub json: JsonArg,
}

pub fn run(args: Args) -> Result<(), Error> {
    reply(&args.facts, &args, |loaded| {
        let ent = loaded.find(&args.entity)?;
        let graph = loaded.take_graph();
        let answer = card(&loaded.facts, &graph, ent);
        // A hub's card is long: its text is read while it is written.
        drop(graph);
        if args.json.json {
            return Reply::json(&answer);
        }
        Reply::written(|out| write(&answer, out))
    })
}

fn entity(e: &EntityOut) -> String {
    named(&e.name, &e.id)
}

/// The card as text, its connections written as they are made.
pub fn write(card: &Card, out: &mut dyn Write) -> io::Result<()> {
    let mut text = format!("{}\n", clean(&entity(&card.entity)));
    text.push_str(&fields(card).render(false));
    if !card.sources.is_empty() {
        text.push_str("\nsources\n");
        text.push_str(&sources(&card.sources).render(bold()));
    }
    text.push_str(&format!("\nconnections ({})\n", card.connections.len()));
    out.write_all(text.as_bytes())?;
    if card.connections.is_empty() {
        return Ok(());
    }
    let rows = || card.connections.iter().map(|l| connection(&l));
    let header = ["date", "link", "entity", "sources"];
    Table::write_streamed(&header, rows, bold(), out)
}

fn fields(card: &Card) -> Table {
    let mut t = Table::plain();
    let mut put = |label: &str, value: String| {
        if !value.is_empty() {
            t.row(&[label, value.as_str()]);
        }
    };
    put("type", card.entity.kind.to_string());
    put("kind", card.kind.clone().unwrap_or_default());
    put("aliases", card.aliases.join(", "));
    if let Some(c) = &card.coords {
        put("coords", format!("{}, {}", c.lat, c.lon));
    }
    let within: Vec<String> = card.within.iter().map(entity).collect();
    put("in", within.join(" < "));
    put("date", date_cell(card.date.as_ref()));
    put("place", card.place.as_ref().map(entity).unwrap_or_default());
    let actors: Vec<String> = card
        .actors
        .iter()
        .map(|p| match &p.role {
            Some(role) => format!("{} ({role})", entity(&p.actor)),
            None => entity(&p.actor),
        })
        .collect();
    put("actors", actors.join(", "));
    put(
        "killed",
        card.killed
            .as_ref()
            .map(|c| c.human.clone())
            .unwrap_or_default(),
    );
    put(
        "injured",
        card.injured
            .as_ref()
            .map(|c| c.human.clone())
            .unwrap_or_default(),
    );
    put("summary", card.summary.clone().unwrap_or_default());
    put("note", card.note.clone().unwrap_or_default());
    for (i, (name, value)) in card.attributes.iter().enumerate() {
        let label = if i == 0 { "attributes" } else { "" };
        let value = match value {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        t.row(&[label.to_string(), format!("{name} = {value}")]);
    }
    t
}

fn sources(cites: &[CiteOut]) -> Table {
    let mut t = Table::new(&["source", "quote"]);
    for c in cites {
        t.row(&[c.source.as_str(), c.quote.as_deref().unwrap_or("")]);
    }
    t
}

/// The distinct source ids of a list of citations, in order.
pub fn source_ids(cites: &[CiteOut]) -> String {
    let mut ids: Vec<&str> = Vec::new();
    for c in cites {
        if !ids.contains(&c.source.as_str()) {
            ids.push(&c.source);
        }
    }
    ids.join(", ")
}

fn connection(l: &Link) -> Vec<String> {
    vec![
        date_cell(l.date.as_ref()),
        format!("{} {}", l.direction.arrow(), l.kind),
        entity(&l.other),
        source_ids(&l.sources),
    ]
}
