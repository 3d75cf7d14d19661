//! Interned strings: every id, name and text of the facts lives in one buffer.
//!
//! A [`Sym`] is a 4-byte handle. Strings that repeat (ids, names, kinds,
//! roles) are deduplicated through a hash table that stores only handles, so a
//! million references to one actor cost a million `u32`s; unique text
//! (titles, summaries, quotes) is appended without a table entry. Where each
//! string ends takes four bytes a string ([`Ends`]). An interner read back
//! from storage is *frozen*: its text stays where it was stored (see
//! [`frozen`]) until something adds to it. Nothing here knows what a string
//! means.

mod ends;
pub mod frozen;

use std::borrow::Cow;
use std::hash::BuildHasher;
use std::num::NonZeroU32;
use std::ops::Range;

use hashbrown::{DefaultHashBuilder, HashTable};

pub use ends::Ends;
use frozen::{Probe, SharedText};

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

    /// The handle stored as `n`; `None` for 0.
    fn from_raw(n: u32) -> Option<Sym> {
        NonZeroU32::new(n).map(Sym)
    }
}

/// The string store of one fact set.
#[derive(Clone, Default)]
pub struct Interner {
    ends: Ends,
    /// The text while it is held here (empty while frozen).
    buf: String,
    /// The interned handles by hash, while the text is held here.
    table: HashTable<Sym>,
    hasher: DefaultHashBuilder,
    /// The text and lookup table when they lie elsewhere.
    frozen: Option<Frozen>,
}

#[derive(Clone)]
struct Frozen {
    text: SharedText,
    probe: Probe,
}

impl std::fmt::Debug for Interner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Interner({} strings, {} bytes{})",
            self.ends.len(),
            self.frozen
                .as_ref()
                .map_or(self.buf.len(), |f| f.text.len()),
            if self.frozen.is_some() {
                ", frozen"
            } else {
                ""
            }
        )
    }
}

impl Interner {
    /// The handle of `s`, adding it if it is new.
    pub fn intern(&mut self, s: &str) -> Sym {
        self.thaw();
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
        self.thaw();
        self.buf.push_str(s);
        // The buffer only grows, so its length is never before the last end
        // and the push cannot be refused.
        let _ = self.ends.push(self.buf.len());
        Sym::from_index(self.ends.len() - 1)
    }

    /// The handle of `s` if it was interned (not merely pushed).
    pub fn get(&self, s: &str) -> Option<Sym> {
        match &self.frozen {
            None => self
                .table
                .find(self.hasher.hash_one(s), |&sym| {
                    slice(&self.buf, &self.ends, sym) == s
                })
                .copied(),
            Some(f) => f
                .probe
                .find(s.as_bytes(), |sym| self.resolve(sym).as_bytes()),
        }
    }

    pub fn resolve(&self, sym: Sym) -> &str {
        match &self.frozen {
            None => slice(&self.buf, &self.ends, sym),
            Some(f) => f.text.str(range(&self.ends, sym).unwrap_or_default()),
        }
    }

    /// Every string, in handle order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|i| self.resolve(Sym::from_index(i)))
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
        self.thaw();
        self.ends.reserve(strings);
        self.buf.reserve(bytes);
        let (buf, ends, hasher) = (&self.buf, &self.ends, &self.hasher);
        self.table
            .reserve(interned, |&k| hasher.hash_one(slice(buf, ends, k)));
    }

    /// The interned handles, in no particular order.
    fn interned(&self) -> Vec<Sym> {
        match &self.frozen {
            None => self.table.iter().copied().collect(),
            Some(f) => f.probe.handles().collect(),
        }
    }

    /// Adds every string of `other`, interned ones deduplicated, pushed ones
    /// appended; returns the new handle of each of `other`'s handles.
    pub fn absorb(&mut self, other: &Interner) -> Vec<Sym> {
        let mut interned = vec![false; other.ends.len()];
        for sym in other.interned() {
            if let Some(flag) = interned.get_mut(sym.index()) {
                *flag = true;
            }
        }
        let mut map = Vec::with_capacity(other.ends.len());
        for (i, is_interned) in interned.into_iter().enumerate() {
            let s = other.resolve(Sym::from_index(i));
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
        self.ends.shrink_to_fit();
        let (buf, ends, hasher) = (&mut self.buf, &self.ends, &self.hasher);
        buf.shrink_to_fit();
        self.table
            .shrink_to_fit(|&k| hasher.hash_one(slice(buf, ends, k)));
    }

    /// The text of every string, end to end (read whole if it is frozen).
    pub fn text(&self) -> Cow<'_, [u8]> {
        match &self.frozen {
            None => Cow::Borrowed(self.buf.as_bytes()),
            Some(f) => Cow::Owned(f.text.all()),
        }
    }

    /// Makes a frozen interner one that can grow: its text copied in, its
    /// table rebuilt.
    fn thaw(&mut self) {
        if let Some(f) = self.frozen.take() {
            self.buf = String::from_utf8_lossy(&f.text.all()).into_owned();
            let (buf, ends, hasher) = (&self.buf, &self.ends, &self.hasher);
            self.table = HashTable::with_capacity(f.probe.handles().count());
            for sym in f.probe.handles() {
                let hash = hasher.hash_one(slice(buf, ends, sym));
                self.table
                    .insert_unique(hash, sym, |&k| hasher.hash_one(slice(buf, ends, k)));
            }
        }
    }
}

impl Interner {
    /// What to store beside [`Interner::text`] to read the interner back
    /// with [`Interner::frozen`]: where each string ends, and the table its
    /// interned strings are found by.
    pub fn stored(&self) -> (&Ends, Probe) {
        let probe = match &self.frozen {
            Some(f) => f.probe.clone(),
            None => {
                // In handle order, so that the same facts store the same bytes.
                let mut interned = self.interned();
                interned.sort_unstable();
                Probe::build(&interned, |sym| self.resolve(sym).as_bytes())
            }
        };
        (&self.ends, probe)
    }

    /// Frees the text held here for `text`, the same bytes stored elsewhere,
    /// and the hash table for `probe`, the table stored with them ([`Interner::stored`]);
    /// `false` (and nothing changed) when `text` is not as long as the text held.
    pub fn freeze(&mut self, mut text: SharedText, probe: Probe) -> bool {
        if self.frozen.is_some() || text.len() != self.buf.len() {
            return false;
        }
        text.index(&self.ends);
        self.buf = String::new();
        self.table = HashTable::new();
        self.frozen = Some(Frozen { text, probe });
        true
    }

    /// A frozen interner over `text`, as [`Interner::stored`] described it;
    /// `None` when the parts do not fit together (the ends do not end with
    /// the text, a handle is out of range).
    pub fn frozen(mut text: SharedText, ends: Ends, probe: Probe) -> Option<Interner> {
        if ends.last() != text.len() || !probe.fits(ends.len()) {
            return None;
        }
        text.index(&ends);
        Some(Interner {
            ends,
            frozen: Some(Frozen { text, probe }),
            ..Interner::default()
        })
    }
}

/// Where string `sym` lies in the text.
fn range(ends: &Ends, sym: Sym) -> Option<Range<usize>> {
    let i = sym.index();
    let end = ends.get(i)?;
    let start = match i.checked_sub(1) {
        Some(before) => ends.get(before)?,
        None => 0,
    };
    Some(start..end)
}

fn slice<'b>(buf: &'b str, ends: &Ends, sym: Sym) -> &'b str {
    range(ends, sym)
        .and_then(|r| buf.get(r))
        .unwrap_or_default()
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

    #[test]
    fn a_frozen_interner_reads_finds_and_grows_as_the_original() {
        let mut a = Interner::default();
        let moscow = a.intern("moscow");
        let title = a.push("a title");
        let kyiv = a.intern("kyiv");
        let bytes = std::sync::Arc::new(a.text().to_vec());
        let text = SharedText::read_on_demand(bytes, 0, a.text().len());
        let (ends, probe) = a.stored();
        let mut b = Interner::frozen(text.clone(), ends.clone(), probe.clone()).unwrap();
        assert_eq!(b.iter().collect::<Vec<_>>(), a.iter().collect::<Vec<_>>());
        assert_eq!((b.get("moscow"), b.get("kyiv")), (Some(moscow), Some(kyiv)));
        assert_eq!(b.get("a title"), None);
        assert_eq!(b.stored().1, probe);
        assert!(Interner::frozen(text.clone(), Ends::default(), probe.clone()).is_none());
        let mut c = a.clone();
        assert!(c.freeze(text.clone(), probe.clone()));
        assert!(c.buf.is_empty());
        assert_eq!(c.iter().collect::<Vec<_>>(), a.iter().collect::<Vec<_>>());
        assert_eq!(c.get("kyiv"), Some(kyiv));
        assert!(!c.freeze(text, probe), "frozen once");
        assert_eq!(b.intern("kyiv"), kyiv);
        let lviv = b.intern("lviv");
        assert_eq!((b.resolve(title), b.resolve(lviv)), ("a title", "lviv"));
        assert_eq!(b.get("moscow"), Some(moscow));
    }
}
