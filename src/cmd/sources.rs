//! `chronicle sources SOURCE`: every claim resting on one source, and the
//! events that would be left unsourced without it.
//!
//! `--json`: one object, described by `schemas/sources.schema.json`. Finding
//! the claims is `query::sources`'s job; this file only prints.

use std::io::{self, Write};

use super::Error;
use super::answer::{Reply, bold, named, reply};
use super::args::{FactsArgs, JsonArg};
use super::table::Table;
use crate::diag::term::clean;
use crate::query::data::date_cell;
use crate::query::sources::{Claim, SourceAnswer, claims, find};

/// List every claim resting on one source, and what it alone supports.
///
/// Each actor, place, event and relation citing the source, with its
/// quotes, so that a discredited source can be traced through the graph;
/// then the events that would be left with no source at all without it.
///
/// Examples:
///   chronicle sources conservative-institute-2024-04-02
///   chronicle sources "ISIS-K group that targeted Russia now looking toward US" --json
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The source: its id, or its title (case-insensitive).
    #[arg(value_name = "SOURCE")]
    pub source: String,
    #[command(flatten)]
    pub facts: FactsArgs,
    #[command(flatten)]
    pub json: JsonArg,
}

pub fn run(args: Args) -> Result<(), Error> {
    reply(&args.facts, &args, |loaded| {
        let source = find(&loaded.facts, &args.source).map_err(Error::Usage)?;
        let answer = claims(&loaded.facts, source);
        if args.json.json {
            return Reply::json(&answer);
        }
        Reply::written(|out| write(&answer, out))
    })
}

/// The answer as text, its claims written as they are made.
pub fn write(a: &SourceAnswer, out: &mut dyn Write) -> io::Result<()> {
    let s = &a.source;
    let mut text = format!("{}\n", clean(&named(&s.title, &s.id)));
    let mut t = Table::plain();
    let mut put = |label: &str, value: Option<String>| {
        if let Some(v) = value {
            t.row(&[label, v.as_str()]);
        }
    };
    put("publisher", s.publisher.clone());
    put("url", s.url.clone());
    put(
        "published",
        s.published.as_ref().map(|d| date_cell(Some(d))),
    );
    put("reliability", s.reliability.map(str::to_string));
    put("credibility", s.credibility.map(|c| c.to_string()));
    put("note", s.note.clone());
    text.push_str(&t.render(false));
    text.push_str(&format!("\nclaims ({})\n", a.count));
    out.write_all(text.as_bytes())?;
    if !a.claims.is_empty() {
        let rows = || a.claims.iter().flat_map(|c| rows(&c));
        let header = ["record", "claim", "date", "sole", "quote"];
        Table::write_streamed(&header, rows, bold(), out)?;
    }
    let orphaned = a.orphaned_events.len();
    writeln!(out, "\nevents left with no source without it ({orphaned})")?;
    for e in a.orphaned_events.iter() {
        writeln!(out, "{}", clean(&named(&e.name, &e.id)))?;
    }
    Ok(())
}

/// A claim's rows: its first quote beside it, each other quote below.
fn rows(c: &Claim) -> Vec<Vec<String>> {
    let name = match (&c.id, c.record) {
        (Some(id), "relation") => format!("{} [{id}]", c.name),
        (Some(id), _) => named(&c.name, id),
        (None, _) => c.name.clone(),
    };
    let sole = if c.sole { "yes" } else { "" };
    let date = date_cell(c.date.as_ref());
    let first = c.quotes.first().cloned().unwrap_or_default();
    let mut rows = vec![vec![
        c.record.to_string(),
        name,
        date,
        sole.to_string(),
        first,
    ]];
    for q in c.quotes.iter().skip(1) {
        let blank = String::new;
        rows.push(vec![blank(), blank(), blank(), blank(), q.clone()]);
    }
    rows
}
