//! The names found again while absorbing, kept close at hand.
//!
//! Absorbing blocks of facts looks up every name of every block. Most
//! names are found only once (the ids that records define), but the few that
//! records refer to (actors, places, sources, kinds, roles) are found again
//! and again. In the interner's own table each such lookup touches four
//! places spread over all the names; once the names outgrow the processor's
//! caches, each waits on memory. [`Hot`] keeps a second, small table of the
//! names found at least once, with their text copied beside it, so that
//! finding them again stays within a few megabytes. It is only a shortcut:
//! a name missing here is looked up in the interner as before, so what it
//! holds never changes a result, and it starts afresh when it has grown to
//! its limit.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

use super::Sym;

/// The most names kept (a few megabytes): past it the table starts afresh,
/// so that it stays small whatever the facts refer to.
const MOST: usize = 1 << 18;

/// Names with their handles, and the text of those names end to end.
#[derive(Clone, Default)]
pub struct Hot {
    /// Where each name lies in `text`, and its handle.
    table: HashTable<(u32, u32, Sym)>,
    text: String,
}

impl Hot {
    /// The handle of `s`, whose hash is `hash`, if it is kept here.
    pub fn find(&self, hash: u64, s: &str) -> Option<Sym> {
        self.table
            .find(hash, |&(start, len, _)| self.str(start, len) == s)
            .map(|&(_, _, sym)| sym)
    }

    /// Keeps `s` (not kept yet), whose hash under `hasher` is `hash`, with
    /// its handle. Nothing is kept once the text would pass 4 GiB.
    pub fn add(&mut self, hash: u64, s: &str, sym: Sym, hasher: &DefaultHashBuilder) {
        if self.table.len() >= MOST {
            self.table.clear();
            self.text.clear();
        }
        let (Ok(start), Ok(len)) = (u32::try_from(self.text.len()), u32::try_from(s.len())) else {
            return;
        };
        if start.checked_add(len).is_none() {
            return;
        }
        self.text.push_str(s);
        let text = &self.text;
        self.table
            .insert_unique(hash, (start, len, sym), |&(start, len, _)| {
                hasher.hash_one(str_at(text, start, len))
            });
    }

    fn str(&self, start: u32, len: u32) -> &str {
        str_at(&self.text, start, len)
    }
}

fn str_at(text: &str, start: u32, len: u32) -> &str {
    let start = start as usize;
    text.get(start..start + len as usize).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_names_are_found_and_others_are_not() {
        let hasher = DefaultHashBuilder::default();
        let mut hot = Hot::default();
        let names = ["actor-1", "", "place-2", "actor-10"];
        for (i, s) in names.iter().enumerate() {
            hot.add(hasher.hash_one(s), s, Sym::from_index(i), &hasher);
        }
        for (i, s) in names.iter().enumerate() {
            assert_eq!(hot.find(hasher.hash_one(s), s), Some(Sym::from_index(i)));
        }
        assert_eq!(hot.find(hasher.hash_one("actor"), "actor"), None);
    }

    #[test]
    fn a_full_table_starts_afresh() {
        let hasher = DefaultHashBuilder::default();
        let mut hot = Hot::default();
        let name = |i: usize| format!("n{i}");
        for i in 0..=MOST {
            let s = name(i);
            hot.add(hasher.hash_one(&s), &s, Sym::from_index(i), &hasher);
        }
        assert_eq!(hot.table.len(), 1);
        let last = name(MOST);
        assert_eq!(
            hot.find(hasher.hash_one(&last), &last),
            Some(Sym::from_index(MOST))
        );
        assert_eq!(hot.find(hasher.hash_one("n0"), "n0"), None);
    }
}
