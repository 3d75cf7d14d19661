//! Finding an entity by what a person types: an id, a name, an alias, an
//! event's title, or `kind:id`.
//!
//! Matching is case-insensitive. The text names every entity whose id it is
//! (an id typed in its exact case is that entity's alone, not also that of
//! an id differing only in case) and every actor and place whose name or
//! alias it is; when it names none, every event whose title it is (the
//! titles are the bulk of a large fact set's text, and are read only then).
//! One such entity is the answer; more are ambiguous, and reported with the
//! candidates however they matched: an id does not win over another
//! entity's name. `actor:ID`, `place:ID` and `event:ID` name the entity
//! of that kind with that id and nothing else, so that every entity can be
//! named; when no entity of that kind has that id, the whole text is looked
//! up as above. A command that wants an actor or a place
//! ([`NameIndex::find_kind`]) looks among that kind first. No match is
//! reported with the nearest names. Only actors and places are indexed by
//! name (they are few); ids and event titles are scanned.

use hashbrown::HashMap;

use crate::model::{Ent, EntityKind, EntityRef, Facts};
use crate::suggest::nearest;

/// Most candidates an ambiguous name lists.
const LISTED: usize = 8;

#[derive(Default)]
pub struct NameIndex {
    /// Lower-cased name or alias of every actor and place.
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
        /// The kinds and ids of the first candidates (eight at most).
        candidates: Vec<(EntityKind, String)>,
        /// How many more there are.
        more: usize,
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
            Lookup::Ambiguous {
                name,
                candidates,
                more,
            } => ambiguous(f, name, candidates, *more),
        }
    }
}

/// `` `x` is ambiguous: it names actor `a`, place `b`; type `actor:a` or
/// `place:b` to pick one ``.
fn ambiguous(
    f: &mut std::fmt::Formatter<'_>,
    name: &str,
    candidates: &[(EntityKind, String)],
    more: usize,
) -> std::fmt::Result {
    let listed: Vec<String> = candidates
        .iter()
        .map(|(kind, id)| format!("{} `{id}`", kind.as_str()))
        .collect();
    let forms: Vec<String> = candidates
        .iter()
        .map(|(kind, id)| format!("`{}:{id}`", kind.as_str()))
        .collect();
    write!(f, "`{name}` is ambiguous: it names {}", listed.join(", "))?;
    if more > 0 {
        write!(f, " and {more} more")?;
    }
    match forms.as_slice() {
        [] => Ok(()),
        [first, ..] if more > 0 => write!(f, "; type `kind:id` (as {first}) to pick one"),
        [only] => write!(f, "; type {only} to pick it"),
        [rest @ .., last] => write!(f, "; type {} or {last} to pick one", rest.join(", ")),
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

    /// Resolves a typed name to one entity, of any kind.
    pub fn find(&self, facts: &Facts, typed: &str) -> Result<Ent, Lookup> {
        if let Some(ent) = by_kind_and_id(facts, typed)? {
            return Ok(ent);
        }
        let found = self.matches(facts, typed, None);
        one(facts, typed, found)?.ok_or_else(|| unknown(facts, typed))
    }

    /// Resolves a typed name for a command that wants an entity of `kind`:
    /// the one entity of that kind it names, however many of other kinds
    /// it names too. When it names none of that kind, the entity of another
    /// kind it names, for the caller to refuse.
    pub fn find_kind(&self, facts: &Facts, typed: &str, kind: EntityKind) -> Result<Ent, Lookup> {
        if let Some(ent) = by_kind_and_id(facts, typed)? {
            return Ok(ent);
        }
        match one(facts, typed, self.matches(facts, typed, Some(kind)))? {
            Some(ent) => Ok(ent),
            None => self.find(facts, typed),
        }
    }

    /// Every entity (of `kind`, when one is given) that the text names by
    /// id, name or alias, or else by title: in number order, each once.
    /// Titles are read only when nothing else matches: reading every
    /// event's title takes most of a large fact set's text into memory.
    fn matches(&self, facts: &Facts, typed: &str, kind: Option<EntityKind>) -> Vec<Ent> {
        let lower = typed.to_lowercase();
        let mut found = by_id(facts, typed, &lower, kind);
        let named = self.names.get(&lower).into_iter().flatten().copied();
        found.extend(named.filter(|e| kind.is_none_or(|k| facts.kind(*e) == k)));
        if found.is_empty() && kind.is_none_or(|k| k == EntityKind::Event) {
            found.extend(titled(facts, &lower));
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// `actor:ID`, `place:ID` or `event:ID` (the kind in any case): the entity
/// of that kind with that id, if there is one.
fn by_kind_and_id(facts: &Facts, typed: &str) -> Result<Option<Ent>, Lookup> {
    let Some((kind, id)) = typed
        .split_once(':')
        .and_then(|(kind, id)| Some((kind_named(kind)?, id)))
    else {
        return Ok(None);
    };
    one(
        facts,
        typed,
        by_id(facts, id, &id.to_lowercase(), Some(kind)),
    )
}

/// The kind a word names (`actor`, `place`, `event`, in any case).
pub fn kind_named(word: &str) -> Option<EntityKind> {
    [EntityKind::Actor, EntityKind::Place, EntityKind::Event]
        .into_iter()
        .find(|k| k.as_str().eq_ignore_ascii_case(word))
}

/// The entities (of `kind`, when one is given) with the id `typed`: the
/// one whose id it is exactly, else every one whose id it is in another
/// case. `lower` is `typed` lower-cased.
fn by_id(facts: &Facts, typed: &str, lower: &str, kind: Option<EntityKind>) -> Vec<Ent> {
    let of_kind = |e: &Ent| kind.is_none_or(|k| facts.kind(*e) == k);
    if let Some(ent) = facts.lookup(typed).filter(of_kind) {
        return vec![ent];
    }
    facts
        .ents()
        .filter(of_kind)
        .filter(|e| same_lower(facts.id_of(*e), lower))
        .collect()
}

/// The events whose title, lower-cased, is `lower`.
fn titled<'a>(facts: &'a Facts, lower: &'a str) -> impl Iterator<Item = Ent> + 'a {
    facts
        .event_ixs()
        .map(|e| facts.event_ent(e))
        .filter(move |e| same_lower(facts.label_of(*e), lower))
}

/// Whether `text`, lower-cased, is `lower`: an ASCII text (most are) is
/// compared where it lies, without a lower-cased copy.
pub fn same_lower(text: &str, lower: &str) -> bool {
    if text.is_ascii() {
        text.eq_ignore_ascii_case(lower)
    } else {
        text.to_lowercase() == lower
    }
}

/// A name that names nothing, with the nearest names and ids.
fn unknown(facts: &Facts, typed: &str) -> Lookup {
    let events = facts.ents().filter(|e| facts.as_event(*e).is_some());
    let candidates = spellings(facts)
        .into_iter()
        .chain(events.map(|e| facts.id_of(e)));
    let near = nearest(typed, candidates, 3);
    Lookup::Unknown {
        name: typed.to_string(),
        nearest: near.into_iter().map(|s| format!("`{s}`")).collect(),
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

/// The one entity found, none, or an ambiguity listing the first
/// [`LISTED`] of those found (which are in number order, each once).
fn one(facts: &Facts, typed: &str, found: Vec<Ent>) -> Result<Option<Ent>, Lookup> {
    match found.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        many => Err(Lookup::Ambiguous {
            name: typed.to_string(),
            candidates: many
                .iter()
                .take(LISTED)
                .map(|e| (facts.kind(*e), facts.id_of(*e).to_string()))
                .collect(),
            more: many.len().saturating_sub(LISTED),
        }),
    }
}

#[cfg(test)]
mod tests;
