//! What nodes and edges say: label and tooltip texts, not yet escaped.
//!
//! An event reads its title, its readable date and its counts ("140+
//! killed"); an actor or place its name; a relation edge its kind and
//! readable date; a role edge the role. Long titles and names are wrapped at
//! spaces. Escaping is `escape`'s job, drawing `style`'s.

use std::fmt::Write;

use super::escape::wrap;
use crate::graph::{Edge, EdgeInfo};
use crate::model::{Ent, EntityRef, Event, Facts};

/// Characters a node label line may hold before it wraps at a space.
pub const WRAP: usize = 26;

/// Appends the label of an actor, place or event to `out`.
pub fn node(facts: &Facts, ent: Ent, out: &mut String) {
    match facts.entity(ent) {
        Some(EntityRef::Event(e)) => event(facts, e, out),
        _ => wrap(facts.label_of(ent), WRAP, out),
    }
}

fn event(facts: &Facts, e: &Event, out: &mut String) {
    wrap(facts.str(e.title), WRAP, out);
    let _ = write!(out, "\n{}", e.date.readable());
    if e.killed.is_some() || e.injured.is_some() {
        out.push('\n');
        counts(out, e);
    }
}

/// Appends "140+ killed", "~100 killed, 3 injured" (nothing without
/// counts).
fn counts(out: &mut String, e: &Event) {
    let mut before = "";
    for (count, what) in [(e.killed, "killed"), (e.injured, "injured")] {
        if let Some(count) = count {
            let _ = write!(out, "{before}{count} {what}");
            before = ", ";
        }
    }
}

/// Appends the tooltip of a node: id, kind, date, aliases and the note or
/// summary.
pub fn tooltip(facts: &Facts, ent: Ent, out: &mut String) {
    let kind = facts.kind(ent).as_str();
    let _ = write!(out, "{kind} {}", facts.id_of(ent));
    let (sub, aliases, note) = match facts.entity(ent) {
        Some(EntityRef::Actor(a)) => (a.kind, a.aliases.as_slice(), a.note),
        Some(EntityRef::Place(p)) => (p.kind, p.aliases.as_slice(), p.note),
        Some(EntityRef::Event(e)) => {
            let _ = write!(out, "\n{}", e.date);
            (e.kind, &[][..], e.summary)
        }
        None => (None, &[][..], None),
    };
    if let Some(sub) = sub {
        let _ = write!(out, "\nkind: {}", facts.str(sub));
    }
    for (i, alias) in aliases.iter().enumerate() {
        out.push_str(if i == 0 { "\nalso: " } else { ", " });
        out.push_str(facts.str(*alias));
    }
    if let Some(note) = note {
        let _ = write!(out, "\n{}", facts.str(note));
    }
}

/// Appends the label of an edge; `false` (and nothing appended) for place
/// links (`occurred_at`, `located_in`), which have none.
pub fn edge(edge: Edge, info: &EdgeInfo<'_>, out: &mut String) -> bool {
    match edge {
        Edge::OccurredAt(_) | Edge::LocatedIn(_) => return false,
        Edge::Role { .. } => out.push_str(info.kind),
        Edge::Relation(_) => match info.date {
            Some(date) => {
                let _ = write!(out, "{}\n{}", info.kind, date.readable());
            }
            None => out.push_str(info.kind),
        },
    }
    true
}

/// Appends the tooltip of an edge: "from kind to", the date, and a
/// relation's note.
pub fn edge_tooltip(
    facts: &Facts,
    edge: Edge,
    info: &EdgeInfo<'_>,
    ends: (Ent, Ent),
    out: &mut String,
) {
    let kind = match edge {
        Edge::OccurredAt(_) => "occurred at",
        Edge::LocatedIn(_) => "located in",
        _ => info.kind,
    };
    let (from, to) = (facts.label_of(ends.0), facts.label_of(ends.1));
    let _ = write!(out, "{from} {kind} {to}");
    if let (Edge::Relation(_), Some(date)) = (edge, info.date) {
        let _ = write!(out, "\n{}", date.readable());
    }
    if let Edge::Relation(r) = edge
        && let Some(note) = facts.relations.get(r.index()).and_then(|r| r.note)
    {
        let _ = write!(out, "\n{}", facts.str(note));
    }
}
