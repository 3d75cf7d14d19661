//! Interned strings: every id, name and text of the facts lives in one buffer.
//!
//! A [`Sym`] is a 4-byte handle. Strings that repeat (ids, names, kinds,
//! roles) are deduplicated through a hash table that stores only handles, so a
//! million references to one actor cost a million `u32`s; unique text
//! (titles, summaries, quotes) is appended without a table entry. Where each
//! string ends takes four bytes a string ([`Ends`]). Nothing here knows what
//! a string means.

mod ends;

use std::hash::BuildHasher;
use std::num::NonZeroU32;

use hashbrown::{DefaultHashBuilder, HashTable};

pub use ends::Ends;

/// A handle on a string held by an [`Interner`]. It is never zero, so an
/// `Option<Sym>` takes four bytes too.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Sym(NonZeroU32);

impl Sym {
    pub fn index(self) -> usize {
        self.0.get() as usize - 1
    }

    /// The handle of the `i`-th string (saturating past the last handle).
    pub(crate) fn from_index(i: usize) -> Sym {
        let n = u32::try_from(i)
            .ok()
            .and_then(|i| i.checked_add(1))
            .and_then(NonZeroU32::new);
        Sym(n.unwrap_or(NonZeroU32::MAX))
    }
}

/// The string store of one fact set.
#[derive(Clone, Default)]
pub struct Interner {
    buf: String,
    ends: Ends,
    table: HashTable<Sym>,
    hasher: DefaultHashBuilder,
}

impl std::fmt::Debug for Interner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Interner({} strings, {} bytes)",
            self.ends.len(),
            self.buf.len()
        )
    }
}

impl Interner {
    /// The handle of `s`, adding it if it is new.
    pub fn intern(&mut self, s: &str) -> Sym {
        let hash = self.hasher.hash_one(s);
        let (buf, ends) = (&self.buf, &self.ends);
        if let Some(sym) = self.table.find(hash, |&sym| slice(buf, ends, sym) == s) {
            return *sym;
        }
        let sym = self.push(s);
        let (buf, ends, hasher) = (&self.buf, &self.ends, &self.hasher);
        self.table
            .insert_unique(hash, sym, |&k| hasher.hash_one(slice(buf, ends, k)));
        sym
    }

    /// Stores `s` without looking for an equal string (for unique text).
    pub fn push(&mut self, s: &str) -> Sym {
        self.buf.push_str(s);
        // The buffer only grows, so its length is never before the last end
        // and the push cannot be refused.
        let _ = self.ends.push(self.buf.len());
        Sym::from_index(self.ends.len() - 1)
    }

    /// The handle of `s` if it was interned (not merely pushed).
    pub fn get(&self, s: &str) -> Option<Sym> {
        let hash = self.hasher.hash_one(s);
        self.table
            .find(hash, |&sym| slice(&self.buf, &self.ends, sym) == s)
            .copied()
    }

    pub fn resolve(&self, sym: Sym) -> &str {
        slice(&self.buf, &self.ends, sym)
    }

    /// Every string, in handle order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|i| slice(&self.buf, &self.ends, Sym::from_index(i)))
    }

    /// How many handles exist (interned and pushed).
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Room for `strings` more strings of `bytes` more bytes, `interned` of
    /// them deduplicated, so that loading does not grow the table step by step.
    pub fn reserve(&mut self, strings: usize, bytes: usize, interned: usize) {
        self.buf.reserve(bytes);
        self.ends.reserve(strings);
        let (buf, ends, hasher) = (&self.buf, &self.ends, &self.hasher);
        self.table
            .reserve(interned, |&k| hasher.hash_one(slice(buf, ends, k)));
    }

    /// Adds every string of `other`, interned ones deduplicated, pushed ones
    /// appended; returns the new handle of each of `other`'s handles.
    pub fn absorb(&mut self, other: &Interner) -> Vec<Sym> {
        let mut interned = vec![false; other.ends.len()];
        for sym in other.table.iter() {
            if let Some(flag) = interned.get_mut(sym.index()) {
                *flag = true;
            }
        }
        let mut map = Vec::with_capacity(other.ends.len());
        for (i, is_interned) in interned.into_iter().enumerate() {
            let s = slice(&other.buf, &other.ends, Sym::from_index(i));
            map.push(if is_interned {
                self.intern(s)
            } else {
                self.push(s)
            });
        }
        map
    }

    /// Releases spare capacity once loading is over.
    pub fn shrink(&mut self) {
        self.buf.shrink_to_fit();
        self.ends.shrink_to_fit();
        let (buf, ends, hasher) = (&self.buf, &self.ends, &self.hasher);
        self.table
            .shrink_to_fit(|&k| hasher.hash_one(slice(buf, ends, k)));
    }
}

/// An interner taken apart for storage: its text, where each string ends,
/// and which handles are interned (the others were pushed).
#[derive(Debug, PartialEq, serde::Deserialize)]
pub struct InternerParts {
    pub buf: String,
    pub ends: Ends,
    pub interned: Vec<Sym>,
}

impl Interner {
    /// The text, the string ends and the interned handles (ascending): what
    /// [`Interner::from_parts`] takes back.
    pub fn parts(&self) -> (&str, &Ends, Vec<Sym>) {
        let mut interned: Vec<Sym> = self.table.iter().copied().collect();
        interned.sort_unstable();
        (&self.buf, &self.ends, interned)
    }

    /// Puts an interner back together, rebuilding its table; `None` when the
    /// parts do not describe one (ends out of order or off a character
    /// boundary, a handle out of range or interned twice).
    pub fn from_parts(parts: InternerParts) -> Option<Interner> {
        let InternerParts {
            buf,
            ends,
            interned,
        } = parts;
        if ends.last() != buf.len() || !ends.iter().all(|end| buf.is_char_boundary(end)) {
            return None;
        }
        let mut out = Interner {
            buf,
            ends,
            table: HashTable::with_capacity(interned.len()),
            hasher: DefaultHashBuilder::default(),
        };
        for sym in interned {
            if sym.index() >= out.ends.len() {
                return None;
            }
            let (buf, ends, hasher) = (&out.buf, &out.ends, &out.hasher);
            let s = slice(buf, ends, sym);
            let hash = hasher.hash_one(s);
            if out
                .table
                .find(hash, |&k| slice(buf, ends, k) == s)
                .is_some()
            {
                return None;
            }
            out.table
                .insert_unique(hash, sym, |&k| hasher.hash_one(slice(buf, ends, k)));
        }
        Some(out)
    }
}

fn slice<'b>(buf: &'b str, ends: &Ends, sym: Sym) -> &'b str {
    let i = sym.index();
    let end = ends.get(i).unwrap_or(0);
    let start = i.checked_sub(1).and_then(|i| ends.get(i)).unwrap_or(0);
    buf.get(start..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_deduplicates_and_push_does_not() {
        let mut i = Interner::default();
        let a = i.intern("moscow");
        let b = i.intern("russia");
        assert_eq!(i.intern("moscow"), a);
        assert_ne!(a, b);
        let t = i.push("moscow");
        assert_ne!(t, a);
        assert_eq!(i.resolve(t), "moscow");
        assert_eq!(i.get("russia"), Some(b));
        assert_eq!(i.get("nowhere"), None);
        assert_eq!(i.intern(""), i.intern(""));
        let empty = i.intern("");
        assert_eq!(i.resolve(empty), "");
    }

    #[test]
    fn absorbing_keeps_interned_strings_deduplicated() {
        let mut a = Interner::default();
        let moscow = a.intern("moscow");
        let mut b = Interner::default();
        let b_text = b.push("a title");
        let b_moscow = b.intern("moscow");
        let b_kyiv = b.intern("kyiv");
        let map = a.absorb(&b);
        assert_eq!(map[b_moscow.index()], moscow);
        assert_eq!(a.resolve(map[b_text.index()]), "a title");
        assert_eq!(a.get("kyiv"), Some(map[b_kyiv.index()]));
        assert_eq!(a.get("a title"), None);
    }
}
