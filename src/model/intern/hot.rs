//! The names found again while absorbing, kept close at hand.
//!
//! Absorbing blocks of facts looks up every name of every block. Most
//! names are found only once (the ids that records define), but the few that
//! records refer to (actors, places, sources, kinds, roles) are found again
//! and again. In the interner's own table each such lookup touches four
//! places spread over all the names; once the names outgrow the processor's
//! caches, each waits on memory. [`Hot`] keeps a second, small table of the
//! names found at least once, a short name (as most are) inside its entry
//! and a longer one's text beside the table, so that finding them again
//! stays within a few megabytes and, for a short name, reads one place. It
//! is only a shortcut: a name missing here is looked up in the interner as
//! before, so what it holds never changes a result, and it starts afresh
//! when it has grown to its limit.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

use super::Sym;

/// The most names kept (a few megabytes): past it the table starts afresh,
/// so that it stays small whatever the facts refer to.
const MOST: usize = 1 << 18;

/// The longest name kept in its entry rather than in [`Hot::text`]: most
/// names that records refer to (`actor-12345`, `src-9876`, `perpetrator`)
/// fit, so that finding one reads its entry alone, and an entry takes 16
/// bytes, four to a cache line.
const INLINE: usize = 11;

/// [`Entry::len`] of a longer name.
const LONG: u8 = u8::MAX;

/// A kept name and its handle: the name itself when it is short, else
/// where it lies in [`Hot::text`].
#[derive(Clone, Copy)]
struct Entry {
    sym: Sym,
    /// The name's length when it is inline, else [`LONG`].
    len: u8,
    /// The name's bytes, or (for a longer name) its start and length in
    /// the text, four bytes each.
    bytes: [u8; INLINE],
}

impl Entry {
    fn name<'a>(&'a self, text: &'a str) -> &'a [u8] {
        if self.len != LONG {
            return self.bytes.get(..usize::from(self.len)).unwrap_or_default();
        }
        let [a, b, c, d, e, f, g, h, ..] = self.bytes;
        let start = u32::from_le_bytes([a, b, c, d]) as usize;
        let len = u32::from_le_bytes([e, f, g, h]) as usize;
        text.as_bytes().get(start..start + len).unwrap_or_default()
    }
}

/// Names with their handles, and the text of the longer ones end to end.
#[derive(Clone, Default)]
pub struct Hot {
    table: HashTable<Entry>,
    text: String,
}

impl Hot {
    /// The handle of `s`, whose hash is `hash`, if it is kept here.
    pub fn find(&self, hash: u64, s: &str) -> Option<Sym> {
        self.table
            .find(hash, |e| e.name(&self.text) == s.as_bytes())
            .map(|e| e.sym)
    }

    /// Keeps `s` (not kept yet), whose hash under `hasher` is `hash`, with
    /// its handle. A long name is not kept once the text would pass 4 GiB.
    pub fn add(&mut self, hash: u64, s: &str, sym: Sym, hasher: &DefaultHashBuilder) {
        if self.table.len() >= MOST {
            self.table.clear();
            self.text.clear();
        }
        let mut bytes = [0u8; INLINE];
        let len = match bytes.get_mut(..s.len()) {
            Some(inline) => {
                inline.copy_from_slice(s.as_bytes());
                // No longer than INLINE, so below LONG.
                s.len() as u8
            }
            None => {
                let (Ok(start), Ok(len)) = (u32::try_from(self.text.len()), u32::try_from(s.len()))
                else {
                    return;
                };
                if start.checked_add(len).is_none() {
                    return;
                }
                self.text.push_str(s);
                let [a, b, c, d] = start.to_le_bytes();
                let [e, f, g, h] = len.to_le_bytes();
                bytes = [a, b, c, d, e, f, g, h, 0, 0, 0];
                LONG
            }
        };
        let text = &self.text;
        let entry = Entry { sym, len, bytes };
        self.table.insert_unique(hash, entry, |e| {
            // Every kept name is UTF-8: it was a `&str` when kept.
            hasher.hash_one(std::str::from_utf8(e.name(text)).unwrap_or_default())
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_names_are_found_and_others_are_not() {
        let hasher = DefaultHashBuilder::default();
        let mut hot = Hot::default();
        let names = [
            "actor-1",
            "",
            "place-2",
            "actor-10",
            "eleven-byte",
            "twelve-bytes",
            "a name longer than sixteen bytes",
            "another name past sixteen bytes",
        ];
        for (i, s) in names.iter().enumerate() {
            hot.add(hasher.hash_one(s), s, Sym::from_index(i), &hasher);
        }
        for (i, s) in names.iter().enumerate() {
            assert_eq!(hot.find(hasher.hash_one(s), s), Some(Sym::from_index(i)));
        }
        assert_eq!(hot.find(hasher.hash_one("actor"), "actor"), None);
        let near = "a name longer than sixteen byte";
        assert_eq!(hot.find(hasher.hash_one(near), near), None);
    }

    #[test]
    fn an_entry_is_a_quarter_of_a_cache_line() {
        assert_eq!(std::mem::size_of::<Entry>(), 16);
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
