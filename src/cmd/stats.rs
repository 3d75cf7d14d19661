//! `chronicle stats`: figures about the facts the filters keep.
//!
//! Text: one small table a section. `--json`: one object, described by
//! `schemas/stats.schema.json`. The figures and their rules are in
//! `query::stats`.

use super::Error;
use super::answer::{Reply, bold, named, reply};
use super::args::{FactsArgs, JsonArg};
use super::table::Table;
use crate::query::filter::FilterArgs;
use crate::query::stats::{Connected, KindCount, Stats, stats};

/// Count records and kinds, describe dates, rank actors, places and sources.
///
/// Counts by record type and kind, the span of event dates and how precise
/// they are, connected components, the most connected actors and places, and
/// the sources carrying the most claims.
///
/// With filters, the figures describe what the filters keep: the kept
/// events with their actors and places, the relations between kept
/// entities, and the sources those cite. Components ignore edge direction.
///
/// Examples:
///   chronicle stats
///   chronicle stats --since 2024 --json
///   chronicle stats --place Russia
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
    reply(&args.facts, &args, |loaded| {
        let sel = loaded.select(&args.filters)?;
        let answer = stats(&loaded.facts, loaded.graph(), &sel, args.filters.is_empty());
        let reply = match args.json.json {
            true => Reply::json(&answer)?,
            false => Reply::text(render(&answer)),
        };
        if !sel.truncated {
            return Ok(reply);
        }
        Ok(reply.note(format!(
            "warning: --around stopped at {}; the figures count only those",
            super::counted(crate::query::filter::AROUND_LIMIT, "entity", "entities")
        )))
    })
}

fn section(text: &mut String, title: &str, table: &Table) {
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(title);
    text.push('\n');
    text.push_str(&table.render(bold()));
}

fn kinds(t: &mut Table, record: &str, list: &[KindCount]) {
    for k in list {
        let kind = k.kind.as_deref().unwrap_or("(none)");
        t.row(&[record, kind, &k.count.to_string()]);
    }
}

fn connected(list: &[Connected], what: &str) -> Table {
    let mut t = Table::new(&["degree", what]);
    for c in list {
        t.row(&[c.degree.to_string(), named(&c.entity.name, &c.entity.id)]);
    }
    t
}

/// The figures as text.
pub fn render(s: &Stats) -> String {
    let mut text = String::new();
    let r = &s.records;
    let mut t = Table::new(&["record", "count"]);
    for (name, n) in [
        ("sources", r.sources),
        ("actors", r.actors),
        ("places", r.places),
        ("events", r.events),
        ("relations", r.relations),
    ] {
        t.row(&[name.to_string(), n.to_string()]);
    }
    section(&mut text, "records", &t);
    let mut t = Table::new(&["record", "kind", "count"]);
    kinds(&mut t, "actor", &s.kinds.actors);
    kinds(&mut t, "place", &s.kinds.places);
    kinds(&mut t, "event", &s.kinds.events);
    kinds(&mut t, "relation", &s.kinds.relations);
    kinds(&mut t, "role", &s.kinds.roles);
    section(&mut text, "kinds", &t);
    section(&mut text, "dates", &dates(s));
    let c = &s.components;
    let mut t = Table::plain();
    t.row(&["components", &c.count.to_string()]);
    let entities = |n| super::counted(n, "entity", "entities");
    t.row(&["largest", &entities(c.largest)]);
    t.row(&["isolated", &entities(c.isolated)]);
    section(&mut text, "connections", &t);
    section(
        &mut text,
        "most connected actors",
        &connected(&s.top_actors, "actor"),
    );
    section(
        &mut text,
        "most connected places",
        &connected(&s.top_places, "place"),
    );
    let mut t = Table::new(&["claims", "citations", "source"]);
    for src in &s.top_sources {
        t.row(&[
            src.claims.to_string(),
            src.citations.to_string(),
            named(&src.title, &src.id),
        ]);
    }
    section(&mut text, "sources with the most claims", &t);
    text
}

fn dates(s: &Stats) -> Table {
    let d = &s.dates;
    let mut t = Table::plain();
    let span = match (&d.earliest, &d.latest) {
        (Some(a), Some(b)) => format!("{a} to {b}"),
        (Some(a), None) => format!("from {a}"),
        (None, Some(b)) => format!("until {b}"),
        (None, None) => "no known day".to_string(),
    };
    t.row(&["events", span.as_str()]);
    let order = [
        "century", "decade", "year", "season", "month", "day", "time",
    ];
    let precision: Vec<String> = order
        .iter()
        .filter_map(|p| d.precision.get(*p).map(|n| format!("{p} {n}")))
        .collect();
    t.row(&["precision", &precision.join(", ")]);
    t.row(&["approximate", &d.approximate.to_string()]);
    t.row(&["uncertain", &d.uncertain.to_string()]);
    let intervals = format!("{} ({} open-ended)", d.intervals, d.open_ends);
    t.row(&["intervals", &intervals]);
    let rel = format!(
        "{} dated, {} undated",
        d.relations_dated, d.relations_undated
    );
    t.row(&["relations", &rel]);
    t
}
