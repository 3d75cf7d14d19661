//! Absorbing another interner: its names looked up here (added if new), its
//! texts appended in one copy, and where each of its handles went. This is
//! how blocks of facts read on other threads join the shared store.

use std::hash::BuildHasher;

use super::{Interner, Sym};

/// Where each of another interner's handles went when it was absorbed:
/// each name to the handle of an equal name, the texts all moved by as many
/// places.
pub struct Remap {
    names: Vec<Sym>,
    text: usize,
}

impl Remap {
    /// The new handle of `sym` (itself for a name that was not in the other
    /// interner).
    pub fn get(&self, sym: Sym) -> Sym {
        match sym.is_text() {
            false => self.names.get(sym.index()).copied().unwrap_or(sym),
            true => Sym::text_from_index(sym.index().saturating_add(self.text)),
        }
    }
}

impl Interner {
    /// Adds every string of `other`, names deduplicated, texts appended;
    /// says where each of `other`'s handles went.
    pub fn absorb(&mut self, other: &Interner) -> Remap {
        self.thaw();
        let names = self.absorb_names(other);
        let text = self.text.ends.len();
        let [_, other_text] = other.texts();
        self.text.append(&other_text, &other.text);
        Remap { names, text }
    }

    /// The handles of `other`'s names here, each added if new. The names
    /// are looked up all together before any is added (a block's names are
    /// distinct, so adding one cannot change another's lookup): lookups that
    /// do not wait on each other let the processor overlap their waits on
    /// memory. Names found again before are looked up first in
    /// [`Hot`](super::hot::Hot), and a name found in the table is kept there
    /// too.
    fn absorb_names(&mut self, other: &Interner) -> Vec<Sym> {
        let strs: Vec<&str> = (0..other.names_len())
            .map(|i| other.resolve(Sym::from_index(i)))
            .collect();
        let hashes: Vec<u64> = strs.iter().map(|s| self.hasher.hash_one(s)).collect();
        let table = &self.table;
        let names = &self.names;
        let found: Vec<Option<(Sym, bool)>> = strs
            .iter()
            .zip(&hashes)
            .map(|(s, &hash)| match self.hot.find(hash, s) {
                Some(sym) => Some((sym, true)),
                None => table
                    .find(hash, |&sym| names.is(sym.index(), s))
                    .map(|&sym| (sym, false)),
            })
            .collect();
        strs.iter()
            .zip(hashes)
            .zip(found)
            .map(|((s, hash), found)| match found {
                Some((sym, true)) => sym,
                Some((sym, false)) => {
                    self.hot.add(hash, s, sym, &self.hasher);
                    sym
                }
                None => self.add_name(s, hash),
            })
            .collect()
    }
}
