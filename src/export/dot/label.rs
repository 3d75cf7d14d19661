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

/// The label of an actor, place or event.
pub fn node(facts: &Facts, ent: Ent) -> String {
    match facts.entity(ent) {
        Some(EntityRef::Event(e)) => event(facts, e),
        _ => wrap(facts.label_of(ent), WRAP),
    }
}

fn event(facts: &Facts, e: &Event) -> String {
    let mut text = wrap(facts.str(e.title), WRAP);
    let _ = write!(text, "\n{}", e.date.readable());
    if let Some(counts) = counts(e) {
        text.push('\n');
        text.push_str(&counts);
    }
    text
}

/// "140+ killed", "~100 killed, 3 injured".
pub fn counts(e: &Event) -> Option<String> {
    let parts: Vec<String> = [(e.killed, "killed"), (e.injured, "injured")]
        .into_iter()
        .filter_map(|(count, what)| count.map(|c| format!("{c} {what}")))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The tooltip of a node: id, kind, date, aliases and the note or summary.
pub fn tooltip(facts: &Facts, ent: Ent) -> String {
    let kind = facts.kind(ent).as_str();
    let mut text = format!("{kind} {}", facts.id_of(ent));
    let (sub, aliases, note) = match facts.entity(ent) {
        Some(EntityRef::Actor(a)) => (a.kind, a.aliases.as_slice(), a.note),
        Some(EntityRef::Place(p)) => (p.kind, p.aliases.as_slice(), p.note),
        Some(EntityRef::Event(e)) => {
            let _ = write!(text, "\n{}", e.date);
            (e.kind, &[][..], e.summary)
        }
        None => (None, &[][..], None),
    };
    if let Some(sub) = sub {
        let _ = write!(text, "\nkind: {}", facts.str(sub));
    }
    if !aliases.is_empty() {
        let names: Vec<&str> = aliases.iter().map(|a| facts.str(*a)).collect();
        let _ = write!(text, "\nalso: {}", names.join(", "));
    }
    if let Some(note) = note {
        let _ = write!(text, "\n{}", facts.str(note));
    }
    text
}

/// The label of an edge; place links (`occurred_at`, `located_in`) have none.
pub fn edge(edge: Edge, info: &EdgeInfo<'_>) -> Option<String> {
    match edge {
        Edge::OccurredAt(_) | Edge::LocatedIn(_) => None,
        Edge::Role { .. } => Some(info.kind.to_owned()),
        Edge::Relation(_) => Some(match info.date {
            Some(date) => format!("{}\n{}", info.kind, date.readable()),
            None => info.kind.to_owned(),
        }),
    }
}

/// The tooltip of an edge: "from kind to", the date, and a relation's note.
pub fn edge_tooltip(facts: &Facts, edge: Edge, info: &EdgeInfo<'_>, ends: (Ent, Ent)) -> String {
    let kind = match edge {
        Edge::OccurredAt(_) => "occurred at",
        Edge::LocatedIn(_) => "located in",
        _ => info.kind,
    };
    let mut text = format!(
        "{} {kind} {}",
        facts.label_of(ends.0),
        facts.label_of(ends.1)
    );
    if let (Edge::Relation(_), Some(date)) = (edge, info.date) {
        let _ = write!(text, "\n{}", date.readable());
    }
    if let Edge::Relation(r) = edge
        && let Some(note) = facts.relations.get(r.index()).and_then(|r| r.note)
    {
        let _ = write!(text, "\n{}", facts.str(note));
    }
    text
}
