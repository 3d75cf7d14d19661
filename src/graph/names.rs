//! Finding an entity by what a person types: an id, a name or an alias.
//!
//! Matching is case-insensitive. An exact id wins; then names and aliases of
//! actors and places, then event titles. More than one match at the same
//! level is ambiguous and reported with the candidates; no match is reported
//! with the nearest names. Only actors and places are indexed by name (they
//! are few); event titles are scanned, as they are rarely typed.

use hashbrown::HashMap;

use crate::model::{Ent, EntityRef, Facts};
use crate::suggest::nearest;

#[derive(Default)]
pub struct NameIndex {
    /// Lower-cased id, name or alias of every actor and place.
    names: HashMap<String, Vec<Ent>>,
}

/// Why a typed name does not name exactly one entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Unknown {
        name: String,
        nearest: Vec<String>,
    },
    Ambiguous {
        name: String,
        candidates: Vec<String>,
    },
}

impl std::fmt::Display for Lookup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Lookup::Unknown { name, nearest } if nearest.is_empty() => {
                write!(f, "no actor, place or event is called `{name}`")
            }
            Lookup::Unknown { name, nearest } => {
                write!(
                    f,
                    "no actor, place or event is called `{name}`; did you mean {}?",
                    nearest.join(", ")
                )
            }
            Lookup::Ambiguous { name, candidates } => {
                write!(
                    f,
                    "`{name}` is ambiguous: it names {}; use an id",
                    candidates.join(", ")
                )
            }
        }
    }
}

impl std::error::Error for Lookup {}

impl NameIndex {
    pub fn build(facts: &Facts) -> NameIndex {
        let mut names: HashMap<String, Vec<Ent>> = HashMap::new();
        let mut add = |text: &str, ent: Ent| {
            let list = names.entry(text.to_lowercase()).or_default();
            if !list.contains(&ent) {
                list.push(ent);
            }
        };
        for ent in facts.ents() {
            match facts.entity(ent) {
                Some(EntityRef::Actor(a)) => {
                    add(facts.str(a.name), ent);
                    a.aliases.iter().for_each(|s| add(facts.str(*s), ent));
                }
                Some(EntityRef::Place(p)) => {
                    add(facts.str(p.name), ent);
                    p.aliases.iter().for_each(|s| add(facts.str(*s), ent));
                }
                _ => break,
            }
        }
        NameIndex { names }
    }

    /// Resolves a typed name to one entity.
    pub fn find(&self, facts: &Facts, typed: &str) -> Result<Ent, Lookup> {
        if let Some(ent) = facts.lookup(typed) {
            return Ok(ent);
        }
        let lower = typed.to_lowercase();
        let by_id: Vec<Ent> = facts
            .ents()
            .filter(|e| facts.id_of(*e).to_lowercase() == lower)
            .collect();
        if let Some(found) = one(facts, typed, by_id)? {
            return Ok(found);
        }
        let by_name = self.names.get(&lower).cloned().unwrap_or_default();
        if let Some(found) = one(facts, typed, by_name)? {
            return Ok(found);
        }
        let by_title: Vec<Ent> = facts
            .ents()
            .filter(|e| facts.as_event(*e).is_some() && facts.label_of(*e).to_lowercase() == lower)
            .collect();
        if let Some(found) = one(facts, typed, by_title)? {
            return Ok(found);
        }
        let events = facts.ents().filter(|e| facts.as_event(*e).is_some());
        let candidates = spellings(facts)
            .into_iter()
            .chain(events.map(|e| facts.id_of(e)));
        let near = nearest(typed, candidates, 3);
        Err(Lookup::Unknown {
            name: typed.to_string(),
            nearest: near.into_iter().map(|s| format!("`{s}`")).collect(),
        })
    }
}

/// Every actor's and place's name, aliases and id as written, to propose
/// for a name typed wrong: the nearest are the same whatever the order they
/// are offered in. An entity's spellings that differ only in case are
/// offered once (`Russia`, not also its id `russia`); two entities' are
/// both offered.
fn spellings(facts: &Facts) -> Vec<&str> {
    let named = facts.ents().map_while(|ent| match facts.entity(ent) {
        Some(EntityRef::Actor(a)) => Some((ent, a.name, &a.aliases)),
        Some(EntityRef::Place(p)) => Some((ent, p.name, &p.aliases)),
        _ => None,
    });
    let mut spellings = Vec::new();
    for (ent, name, aliases) in named {
        let own = std::iter::once(name)
            .chain(aliases.iter().copied())
            .map(|sym| facts.str(sym))
            .chain([facts.id_of(ent)]);
        let mut seen: Vec<String> = Vec::new();
        for spelling in own {
            let lower = spelling.to_lowercase();
            if !seen.contains(&lower) {
                seen.push(lower);
                spellings.push(spelling);
            }
        }
    }
    spellings
}

fn one(facts: &Facts, typed: &str, mut found: Vec<Ent>) -> Result<Option<Ent>, Lookup> {
    found.sort();
    found.dedup();
    match found.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        many => Err(Lookup::Ambiguous {
            name: typed.to_string(),
            candidates: many
                .iter()
                .map(|e| format!("{} `{}`", facts.kind(*e).as_str(), facts.id_of(*e)))
                .collect(),
        }),
    }
}
