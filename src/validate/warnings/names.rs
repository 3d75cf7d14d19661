//! Warnings about words that would be ambiguous on the command line, where
//! a typed word is looked up among ids, names, aliases and titles in any
//! case ([`crate::graph::names`]): a name or alias shared by two actors or
//! places, an id that is another entity's name or alias, an event's title
//! that is an actor's or place's name or alias or another entity's id (the
//! word picks that entity, never the event), two ids that differ only in
//! case ([`super::cases`]), and an id
//! that reads as `kind:id` of another entity (`actor:x` beside the actor
//! `x`), which only `event:actor:x` then names.
//!
//! The ids of a million events are read once, a half on each of two
//! threads. Their titles are the bulk of the text, and a title is read,
//! lower-cased and looked up only when it is as long in bytes as some name
//! or id lower-cased (most titles are longer than any): a title whose
//! letters change length in lower case (the Kelvin sign, `İ`) is compared
//! only if its own length passes. A title or a `kind:id` is matched with an
//! id as written or in lower case, not with an id in capitals that it is
//! only in another case. This module
//! reports; it changes no fact, and it does not decide what a typed word
//! names.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

use super::cases;
use crate::diag::{Diagnostics, PathSeg};
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
    /// Which byte lengths the lower-cased names have.
    lengths: Lengths,
    /// Which byte lengths the names the interner holds have: every id's
    /// among them.
    id_lengths: Lengths,
}

/// A set of byte lengths, one bit each: a text of no length in it is
/// passed over unread.
#[derive(Default)]
struct Lengths(Vec<u64>);

impl Lengths {
    fn add(&mut self, len: usize) {
        let (word, bit) = (len / 64, len % 64);
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        if let Some(w) = self.0.get_mut(word) {
            *w |= 1 << bit;
        }
    }

    fn has(&self, len: usize) -> bool {
        let word = self.0.get(len / 64).copied().unwrap_or(0);
        word & (1 << (len % 64)) != 0
    }

    /// The lengths of every name the interner holds (ids among them), read
    /// without their text.
    fn of_names(facts: &Facts) -> Lengths {
        let mut lengths = Lengths::default();
        facts
            .strings
            .name_lengths()
            .for_each(|len| lengths.add(len));
        lengths
    }
}

/// What one pass over entities' ids and events' titles found.
#[derive(Default)]
struct Found {
    /// Entities whose id is another's name or alias, with its first use.
    ids: Vec<(Ent, First)>,
    /// Events whose title is an actor's or place's name or alias.
    titles: Vec<(Ent, First)>,
    /// Events whose title is another entity's id, with that entity.
    titled_ids: Vec<(Ent, Ent)>,
    /// Entities whose id has capitals, each with the [`cases::hash`] of
    /// its id lower-cased (made in the same pass, by the same hasher).
    cased: Vec<(u32, Ent)>,
    /// Entities whose id reads as `kind:id` of another entity, with it.
    prefixed: Vec<(Ent, Ent)>,
}

impl Found {
    /// These findings and those of the entities after them.
    fn and(mut self, later: Found) -> Found {
        self.ids.extend(later.ids);
        self.titles.extend(later.titles);
        self.titled_ids.extend(later.titled_ids);
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
            lengths: Lengths::default(),
            id_lengths: Lengths::of_names(facts),
        }
    }

    /// Where the lower-cased name `lower` was first used.
    fn get(&self, lower: &str) -> Option<First> {
        self.find(lower, self.hasher.hash_one(lower))
    }

    /// [`Names::get`], with the hash of `lower` known.
    fn find(&self, lower: &str, hash: u64) -> Option<First> {
        let found = self
            .seen
            .find(hash, |f| same_lower(self.facts.str(f.name), lower));
        found.copied()
    }

    /// Adds a use of a name; the first use of it, if it was used before.
    fn add(&mut self, this: First) -> Option<First> {
        let key = self.facts.str(this.name).to_lowercase();
        let hash = self.hasher.hash_one(key.as_str());
        if let Some(first) = self.find(&key, hash) {
            return Some(first);
        }
        self.lengths.add(key.len());
        let (facts, hasher) = (self.facts, &self.hasher);
        let rehash = |f: &First| hasher.hash_one(facts.str(f.name).to_lowercase());
        self.seen.insert_unique(hash, this, rehash);
        None
    }

    /// The entity whose id is `title` (`lower` lower-cased), exactly or
    /// lower-cased. (An id with capitals that it is only in another case
    /// is not looked for.)
    fn titled_id(&self, title: &str, lower: &str) -> Option<Ent> {
        if !self.id_lengths.has(title.len()) && !self.id_lengths.has(lower.len()) {
            return None;
        }
        let exact = self.facts.lookup(title);
        exact.or_else(|| self.facts.lookup(lower))
    }

    /// Of entities with their ids (and an event's title), those whose id
    /// is the name or alias of another entity, those whose title is a
    /// name or alias, and those whose id has capitals. (A name whose first
    /// use is the id's own entity's is shared with the other, if with any,
    /// and reported as such.)
    fn scan(&self, ents: impl Iterator<Item = (Ent, Sym, Option<Sym>)>) -> Found {
        let (mut lowered, mut lower) = (String::new(), String::new());
        let mut found = Found::default();
        for (ent, id, title) in ents {
            let id = self.facts.str(id);
            // Most ids are in lower case already, and are not copied.
            let lower_id = match id.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
                true => lower_into(id, &mut lowered),
                false => id,
            };
            let hash = self.hasher.hash_one(lower_id);
            if lower_id != id {
                found.cased.push((cases::cut(hash), ent));
            }
            if let Some(other) = kind_and_id(self.facts, id).filter(|o| *o != ent) {
                found.prefixed.push((ent, other));
            }
            match self.find(lower_id, hash) {
                Some(first) if first.ent != ent => found.ids.push((ent, first)),
                _ => {}
            }
            let Some(title) = title else {
                continue;
            };
            // Its length is where it ends: its text is read only now.
            let len = self.facts.strings.len_of(title);
            if !self.lengths.has(len) && !self.id_lengths.has(len) {
                continue;
            }
            let title = self.facts.str(title);
            lower_into(title, &mut lower);
            let named = self.get(&lower);
            found.titles.extend(named.map(|first| (ent, first)));
            // The id of the entity the title names is the same ambiguity.
            let other = self.titled_id(title, &lower);
            if let Some(other) = other.filter(|o| *o != ent && Some(*o) != named.map(|f| f.ent)) {
                found.titled_ids.push((ent, other));
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

/// `text` lower-cased, into `buf` (an ASCII text without a copy of its
/// own), and what `buf` then holds.
fn lower_into<'b>(text: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    if text.is_ascii() {
        buf.push_str(text);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&text.to_lowercase());
    }
    buf
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
    for (ent, other) in found.titled_ids {
        title_is_id(facts, ent, other, diags);
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

mod report;
#[cfg(test)]
mod tests;

use report::{id_named, kind_prefixed, name_shared, title_is_id, title_named};
