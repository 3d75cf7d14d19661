//! Warnings about words that would be ambiguous on the command line, where
//! a typed word is looked up among ids, names, aliases and titles in any
//! case ([`crate::graph::names`]): a name or alias shared by two actors or
//! places, an id that is another entity's name or alias, an event's title
//! that is an actor's or place's name or alias (the word picks the actor or
//! place, never the event), two ids that differ only in case, and an id
//! that reads as `kind:id` of another entity (`actor:x` beside the actor
//! `x`), which only `event:actor:x` then names.
//!
//! The ids and titles of a million events are read once, a half on each of
//! two threads; a title is lower-cased and looked up only when it is as
//! long as some name (most titles are longer than any name). This module
//! reports; it changes no fact, and it does not decide what a typed word
//! names.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

use super::{cases, id_loc, origin_of};
use crate::diag::{Code, Diagnostic, Diagnostics, Loc, PathSeg};
use crate::graph::names::{kind_named, same_lower};
use crate::model::{Ent, EventIx, Facts, Sym};

/// Where a lower-cased name was first used: the name (or alias) as written,
/// and whose it is.
#[derive(Clone, Copy, Debug)]
struct First {
    name: Sym,
    ent: Ent,
    /// The alias's place among the aliases, or [`NAME`].
    seg: usize,
}

/// [`First::seg`] of a name (no alias list is that long).
const NAME: usize = usize::MAX;

impl First {
    fn path(self) -> Vec<PathSeg> {
        match self.seg {
            NAME => vec![PathSeg::Key("name")],
            i => vec![PathSeg::Key("aliases"), PathSeg::Index(i)],
        }
    }
}

/// The names and aliases, lower-cased, of every actor and place, each with
/// where it was first used. The table holds handles, not lower-cased
/// copies: a name is lower-cased again to compare.
struct Names<'f> {
    facts: &'f Facts,
    seen: HashTable<First>,
    hasher: DefaultHashBuilder,
    /// Which byte lengths the lower-cased names have, one bit each.
    lengths: Vec<u64>,
}

/// What one pass over entities' ids and events' titles found.
#[derive(Default)]
struct Found {
    /// Entities whose id is another's name or alias, with its first use.
    ids: Vec<(Ent, First)>,
    /// Events whose title is an actor's or place's name or alias.
    titles: Vec<(Ent, First)>,
    /// Entities whose id has capitals, each with the [`cases::hash`] of
    /// its id lower-cased.
    cased: Vec<(u32, Ent)>,
    /// Entities whose id reads as `kind:id` of another entity, with it.
    prefixed: Vec<(Ent, Ent)>,
}

impl Found {
    /// These findings and those of the entities after them.
    fn and(mut self, later: Found) -> Found {
        self.ids.extend(later.ids);
        self.titles.extend(later.titles);
        self.cased.extend(later.cased);
        self.prefixed.extend(later.prefixed);
        self
    }
}

impl<'f> Names<'f> {
    fn new(facts: &'f Facts) -> Names<'f> {
        let count = facts.actors.iter().map(|a| 1 + a.aliases.len());
        let count = count.chain(facts.places.iter().map(|p| 1 + p.aliases.len()));
        Names {
            facts,
            seen: HashTable::with_capacity(count.sum()),
            hasher: DefaultHashBuilder::default(),
            lengths: Vec::new(),
        }
    }

    /// Where the lower-cased name `lower` was first used.
    fn get(&self, lower: &str) -> Option<First> {
        let hash = self.hasher.hash_one(lower);
        let found = self
            .seen
            .find(hash, |f| same_lower(self.facts.str(f.name), lower));
        found.copied()
    }

    /// Adds a use of a name; the first use of it, if it was used before.
    fn add(&mut self, this: First) -> Option<First> {
        let key = self.facts.str(this.name).to_lowercase();
        if let Some(first) = self.get(&key) {
            return Some(first);
        }
        let (word, bit) = (key.len() / 64, key.len() % 64);
        if self.lengths.len() <= word {
            self.lengths.resize(word + 1, 0);
        }
        if let Some(w) = self.lengths.get_mut(word) {
            *w |= 1 << bit;
        }
        let (facts, hasher) = (self.facts, &self.hasher);
        let rehash = |f: &First| hasher.hash_one(facts.str(f.name).to_lowercase());
        self.seen
            .insert_unique(hasher.hash_one(key.as_str()), this, rehash);
        None
    }

    /// Whether some name, lower-cased, is `len` bytes long.
    fn has_length(&self, len: usize) -> bool {
        let word = self.lengths.get(len / 64).copied().unwrap_or(0);
        word & (1 << (len % 64)) != 0
    }

    /// Of entities with their ids (and an event's title), those whose id
    /// is the name or alias of another entity, those whose title is a
    /// name or alias, and those whose id has capitals. (A name whose first
    /// use is the id's own entity's is shared with the other, if with any,
    /// and reported as such.)
    fn scan(&self, ents: impl Iterator<Item = (Ent, Sym, Option<Sym>)>) -> Found {
        let mut lower = String::new();
        let mut found = Found::default();
        for (ent, id, title) in ents {
            let id = self.facts.str(id);
            lower_into(id, &mut lower);
            if lower != id {
                found.cased.push((cases::hash(&self.hasher, &lower), ent));
            }
            if let Some(other) = kind_and_id(self.facts, id).filter(|o| *o != ent) {
                found.prefixed.push((ent, other));
            }
            match self.get(&lower) {
                Some(first) if first.ent != ent => found.ids.push((ent, first)),
                _ => {}
            }
            let Some(title) = title.map(|t| self.facts.str(t)) else {
                continue;
            };
            if title.is_ascii() && !self.has_length(title.len()) {
                continue;
            }
            lower_into(title, &mut lower);
            if let Some(first) = self.get(&lower) {
                found.titles.push((ent, first));
            }
        }
        found
    }
}

/// The entity that `id`, typed on the command line, names as `kind:id`:
/// the one of that kind whose id is the rest, exactly or lower-cased.
fn kind_and_id(facts: &Facts, id: &str) -> Option<Ent> {
    let (kind, rest) = id.split_once(':')?;
    let kind = kind_named(kind)?;
    let of_kind = |e: &Ent| facts.kind(*e) == kind;
    let exact = facts.lookup(rest).filter(of_kind);
    exact.or_else(|| facts.lookup(&rest.to_lowercase()).filter(of_kind))
}

/// `text` lower-cased, into `buf`: an ASCII text without a copy of its own.
fn lower_into(text: &str, buf: &mut String) {
    buf.clear();
    if text.is_ascii() {
        buf.push_str(text);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&text.to_lowercase());
    }
}

/// Reports the names, ids and titles that would be ambiguous on the
/// command line.
pub fn shared(facts: &Facts, diags: &mut Diagnostics) {
    let names = names_of_all(facts, diags);
    let actors = facts.actors.iter().map(|a| (a.id, None));
    let ids = actors.chain(facts.places.iter().map(|p| (p.id, None)));
    let ids = facts.ents().zip(ids).map(|(ent, (id, t))| (ent, id, t));
    let found = names.scan(ids);
    // The events' ids and titles, a half on each of two threads (a million
    // of them).
    let (first, second) = crate::par::halves(&facts.events, |events, from| {
        let from = u32::try_from(from).unwrap_or(u32::MAX);
        let ents = (from..).map(|i| facts.event_ent(EventIx(i)));
        names.scan(ents.zip(events).map(|(ent, e)| (ent, e.id, Some(e.title))))
    });
    let found = found.and(first).and(second);
    for (ent, named) in found.ids {
        id_named(facts, ent, named, diags);
    }
    for (ent, named) in found.titles {
        title_named(facts, ent, named, diags);
    }
    cases::report(facts, &names.hasher, found.cased, diags);
    for (ent, other) in found.prefixed {
        kind_prefixed(facts, ent, other, diags);
    }
}

/// The names of every actor and place, reporting those shared.
fn names_of_all<'f>(facts: &'f Facts, diags: &mut Diagnostics) -> Names<'f> {
    let mut names = Names::new(facts);
    let actors = facts.actors.iter().map(|a| (a.name, &a.aliases));
    let places = facts.places.iter().map(|p| (p.name, &p.aliases));
    for (ent, (name, aliases)) in facts.ents().zip(actors.chain(places)) {
        let aliases = aliases.iter().enumerate().map(|(j, s)| (*s, j));
        for (name, seg) in std::iter::once((name, NAME)).chain(aliases) {
            let this = First { name, ent, seg };
            match names.add(this) {
                Some(first) if first.ent != ent => name_shared(facts, first, this, diags),
                _ => {}
            }
        }
    }
    names
}

/// Reports a name used by two actors or places.
fn name_shared(facts: &Facts, first: First, this: First, diags: &mut Diagnostics) {
    let (Some(first_origin), Some(origin)) =
        (origin_of(facts, first.ent), origin_of(facts, this.ent))
    else {
        return;
    };
    let msg = format!(
        "`{}` names both `{}` and `{}`",
        facts.str(this.name),
        facts.id_of(first.ent),
        facts.id_of(this.ent)
    );
    let d = Diagnostic::warning(Code::SharedName, msg)
        .at(Loc::Field(origin, this.path()))
        .note(Some(Loc::Field(first_origin, first.path())), "also used here")
        .help("on the command line this name will be ambiguous; use the id, or make the names distinct");
    diags.push(d);
}

/// Reports the id of `ent` that is the name or alias `named` of another.
fn id_named(facts: &Facts, ent: Ent, named: First, diags: &mut Diagnostics) {
    let (Some(id_origin), Some(origin)) = (origin_of(facts, ent), origin_of(facts, named.ent))
    else {
        return;
    };
    let kind = |e: Ent| facts.kind(e).as_str();
    let (id, other) = (facts.id_of(ent), facts.id_of(named.ent));
    let msg = format!(
        "`{}` names {} `{other}` and is the id of {} `{id}`",
        facts.str(named.name),
        kind(named.ent),
        kind(ent),
    );
    let help = format!(
        "on the command line this name will be ambiguous; type `{}:{other}` or `{}:{id}`, \
         or make the name and the id differ",
        kind(named.ent),
        kind(ent),
    );
    let d = Diagnostic::warning(Code::SharedName, msg)
        .at(Loc::Field(origin, named.path()))
        .note(Some(id_loc(id_origin)), "the id")
        .help(help);
    diags.push(d);
}

/// Reports the title of the event `ent` that is the name or alias `named`
/// of an actor or place.
fn title_named(facts: &Facts, ent: Ent, named: First, diags: &mut Diagnostics) {
    let (Some(origin), Some(name_origin)) = (origin_of(facts, ent), origin_of(facts, named.ent))
    else {
        return;
    };
    let (id, other) = (facts.id_of(ent), facts.id_of(named.ent));
    let kind = facts.kind(named.ent).as_str();
    let msg = format!(
        "`{}` is the title of event `{id}` and names {kind} `{other}`",
        facts.label_of(ent),
    );
    let help = format!(
        "on the command line this title names the {kind}; type `event:{id}` for the event, \
         or make the title and the name differ"
    );
    let d = Diagnostic::warning(Code::SharedName, msg)
        .at(Loc::Field(origin, vec![PathSeg::Key("title")]))
        .note(Some(Loc::Field(name_origin, named.path())), "the name")
        .help(help);
    diags.push(d);
}

/// Reports the id of `ent` that, typed on the command line, names `other`
/// as `kind:id`.
fn kind_prefixed(facts: &Facts, ent: Ent, other: Ent, diags: &mut Diagnostics) {
    let (Some(origin), Some(other_origin)) = (origin_of(facts, ent), origin_of(facts, other))
    else {
        return;
    };
    let (kind, other_kind) = (facts.kind(ent).as_str(), facts.kind(other).as_str());
    let id = facts.id_of(ent);
    let msg = format!(
        "`{id}` is the id of {kind} `{id}`, and on the command line it names {other_kind} `{}`",
        facts.id_of(other),
    );
    let help = format!(
        "type `{kind}:{id}` for the {kind}, or give it an id that does not begin with `{other_kind}:`"
    );
    let d = Diagnostic::warning(Code::SharedName, msg)
        .at(id_loc(origin))
        .note(Some(id_loc(other_origin)), format!("the {other_kind}"))
        .help(help);
    diags.push(d);
}

#[cfg(test)]
mod tests;
