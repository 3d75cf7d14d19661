//! Ids that differ only in case: `Russia` beside `russia` or `RUSSIA`.
//! Typed in its exact case each picks its own entity; typed in any other,
//! the word is ambiguous on the command line.
//!
//! The pass over the ids in [`super::names`] hands over those with
//! capitals, each with a hash of its id lower-cased. A fact set whose ids
//! are all lower case costs nothing more. Otherwise the ids without
//! capitals whose hash one with capitals has are added, and those whose
//! hash another id may have (filters of bits tell) are sorted by it: ids
//! are compared only with those that share their hash. That is one more
//! read of the ids and a sort of the few that may share one, and no table
//! of a million lower-cased ids. This module reports; it
//! does not decide what a typed word names.

use std::hash::BuildHasher;

use hashbrown::DefaultHashBuilder;

use super::{id_loc, origin_of};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::graph::names::same_lower;
use crate::model::{Ent, EventIx, Facts, Sym};

/// A hash of an id lower-cased, cut to 32 bits: ids that share one are
/// compared in full.
pub fn hash(hasher: &DefaultHashBuilder, lower: &str) -> u32 {
    cut(hasher.hash_one(lower))
}

/// A [`hash`] from the full hash of an id lower-cased, made by the same
/// hasher: the pass that reads the ids hashes each once.
pub fn cut(hash: u64) -> u32 {
    hash as u32
}

/// Reports ids that differ only in case, each against the one of them
/// without capitals if there is one, else against the first in number
/// order. `cased` holds the entities whose id has capitals, each with the
/// [`hash`] (made by `hasher`) of its id lower-cased.
pub fn report(
    facts: &Facts,
    hasher: &DefaultHashBuilder,
    mut cased: Vec<(u32, Ent)>,
    diags: &mut Diagnostics,
) {
    if cased.is_empty() {
        return;
    }
    let mut filter = Filter::of(&cased);
    let plain = |ids: &mut dyn Iterator<Item = (Ent, Sym)>| -> Vec<(u32, Ent)> {
        let ids = ids.map(|(ent, id)| (ent, facts.str(id)));
        let ids = ids.filter(|(_, id)| !has_capitals(id));
        let hashed = ids.map(|(ent, id)| (hash(hasher, id), ent));
        hashed.filter(|(h, _)| filter.has(*h)).collect()
    };
    let actors = facts.actors.iter().map(|a| a.id);
    let ids = actors.chain(facts.places.iter().map(|p| p.id));
    let mut plains = plain(&mut facts.ents().zip(ids));
    let (first, second) = crate::par::halves(&facts.events, |events, from| {
        let from = u32::try_from(from).unwrap_or(u32::MAX);
        let ents = (from..).map(|i| facts.event_ent(EventIx(i)));
        plain(&mut ents.zip(events.iter().map(|e| e.id)))
    });
    plains.extend(first.into_iter().chain(second));
    plains.iter().for_each(|&(h, _)| filter.add(h));
    // Only the ids whose hash another id may have are compared.
    cased.retain(|&(h, _)| filter.shared(h));
    cased.extend(plains);
    cased.sort_unstable();
    let mut found = Vec::new();
    let runs = cased.chunk_by(|a, b| a.0 == b.0);
    for run in runs.filter(|run| run.len() > 1) {
        let run: Vec<Ent> = run.iter().map(|&(_, ent)| ent).collect();
        compare(facts, &run, &mut found);
    }
    // In number order, whatever the hashes.
    found.sort_unstable();
    for (ent, first) in found {
        case_only(facts, first, ent, diags);
    }
}

/// Each of `run` (entities in number order whose ids share a hash) with
/// the first of those whose ids are its own lower-cased, one without
/// capitals first, into `found`.
fn compare(facts: &Facts, run: &[Ent], found: &mut Vec<(Ent, Ent)>) {
    for &ent in run {
        let lower = facts.id_of(ent).to_lowercase();
        let same: Vec<Ent> = run
            .iter()
            .copied()
            .filter(|e| same_lower(facts.id_of(*e), &lower))
            .collect();
        let plain = same.iter().find(|e| !has_capitals(facts.id_of(**e)));
        match plain.or(same.first()) {
            Some(&first) if first != ent => found.push((ent, first)),
            _ => {}
        }
    }
}

/// Whether `id` changes when lower-cased.
fn has_capitals(id: &str) -> bool {
    if id.is_ascii() {
        id.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        id.to_lowercase() != id
    }
}

/// Which [`hash`]es the ids have, one bit each, at about sixteen bits an
/// id (a sixteenth of other ids pass by chance), and which of them more
/// than one id may have.
struct Filter {
    once: Vec<u64>,
    twice: Vec<u64>,
    mask: u32,
}

impl Filter {
    fn of(cased: &[(u32, Ent)]) -> Filter {
        let len = (cased.len() * 16)
            .clamp(1 << 10, 1 << 27)
            .next_power_of_two();
        let mut filter = Filter {
            once: vec![0; len / 64],
            twice: vec![0; len / 64],
            mask: u32::try_from(len - 1).unwrap_or(u32::MAX),
        };
        cased.iter().for_each(|&(h, _)| filter.add(h));
        filter
    }

    /// The word and the bit of `h`.
    fn at(&self, h: u32) -> (usize, u64) {
        let i = (h & self.mask) as usize;
        (i / 64, 1 << (i % 64))
    }

    fn add(&mut self, h: u32) {
        let (word, bit) = self.at(h);
        let bits = if self.has(h) {
            &mut self.twice
        } else {
            &mut self.once
        };
        if let Some(w) = bits.get_mut(word) {
            *w |= bit;
        }
    }

    /// Whether an id may have the hash `h`.
    fn has(&self, h: u32) -> bool {
        let (word, bit) = self.at(h);
        self.once.get(word).is_some_and(|w| w & bit != 0)
    }

    /// Whether more than one id may have the hash `h`.
    fn shared(&self, h: u32) -> bool {
        let (word, bit) = self.at(h);
        self.twice.get(word).is_some_and(|w| w & bit != 0)
    }
}

/// Reports the id of `ent` that differs from the id of `first` only in case.
fn case_only(facts: &Facts, first: Ent, ent: Ent, diags: &mut Diagnostics) {
    let (Some(first_origin), Some(origin)) = (origin_of(facts, first), origin_of(facts, ent))
    else {
        return;
    };
    let kind = |e: Ent| facts.kind(e).as_str();
    let (id, other) = (facts.id_of(ent), facts.id_of(first));
    let msg = format!(
        "{} `{id}` and {} `{other}` have ids that differ only in case",
        kind(ent),
        kind(first),
    );
    let help = "on the command line each id picks its entity typed in its exact case, and \
                is ambiguous in any other; make the ids differ by more than case";
    let d = Diagnostic::warning(Code::SharedName, msg)
        .at(id_loc(origin))
        .note(Some(id_loc(first_origin)), "the other id")
        .help(help);
    diags.push(d);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_has_every_hash_put_in_and_few_others() {
        let hasher = DefaultHashBuilder::default();
        let cased: Vec<(u32, Ent)> = (0..5000)
            .map(|i| (hash(&hasher, &format!("id-{i}")), Ent(i)))
            .collect();
        let mut filter = Filter::of(&cased);
        assert!(cased.iter().all(|&(h, _)| filter.has(h)));
        // Few are taken as shared by chance; one added again is.
        assert!(cased.iter().filter(|&&(h, _)| filter.shared(h)).count() < 750);
        let (h, _) = cased[7];
        filter.add(h);
        assert!(filter.shared(h));
        let others = (0..10_000).filter(|i| filter.has(hash(&hasher, &format!("other-{i}"))));
        // About one in sixteen, by chance.
        assert!(others.count() < 1500);
    }

    #[test]
    fn capitals_are_found_in_any_script() {
        assert!(has_capitals("Russia") && has_capitals("ÜBER") && has_capitals("Ωmega"));
        assert!(!has_capitals("russia") && !has_capitals("über") && !has_capitals("ωmega-1"));
    }
}
