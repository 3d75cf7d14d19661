//! Interned strings: every id, name and text of the facts, in two buffers.
//!
//! A [`Sym`] is a 4-byte handle. Strings that repeat (ids, names, kinds,
//! roles) are *names*: deduplicated through a hash table that stores only
//! handles, so a million references to one actor cost a million `u32`s.
//! Unique *text* (titles, summaries, quotes) is appended to a buffer of its
//! own without a table entry. Keeping the two apart keeps the names, which
//! every lookup reads, together in memory: with a million events the names
//! are a tenth of the text, and merging blocks of facts (millions of
//! lookups) is several times faster than with the two interleaved. Where
//! each string ends takes four bytes a string ([`Ends`]). An interner read
//! back from storage is *frozen*: its text stays where it was stored (see
//! [`frozen`]) until something adds to it. Nothing here knows what a string
//! means.

mod absorb;
mod ends;
pub mod frozen;
mod hot;

use std::borrow::Cow;
use std::hash::BuildHasher;
use std::num::NonZeroU32;
use std::ops::Range;

use hashbrown::{DefaultHashBuilder, HashTable};

pub use absorb::Remap;
pub use ends::Ends;
use frozen::{Probe, SharedText};
use hot::Hot;

/// The bit of a handle that marks unique text.
const TEXT: u32 = 1 << 31;

/// A handle on a string held by an [`Interner`]: a name or a text, and its
/// place among them. It is never zero, so an `Option<Sym>` takes four bytes
/// too.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Sym(NonZeroU32);

impl Sym {
    /// The string's place among the names, or among the texts.
    pub fn index(self) -> usize {
        (self.0.get() & !TEXT) as usize - 1
    }

    /// Whether this is unique text rather than a name.
    pub fn is_text(self) -> bool {
        self.0.get() & TEXT != 0
    }

    /// The handle of the `i`-th name (saturating past the last handle).
    pub(crate) fn from_index(i: usize) -> Sym {
        Sym::of(0, i)
    }

    /// The handle of the `i`-th text (saturating past the last handle).
    pub(crate) fn text_from_index(i: usize) -> Sym {
        Sym::of(TEXT, i)
    }

    fn of(kind: u32, i: usize) -> Sym {
        let n = u32::try_from(i)
            .ok()
            .and_then(|i| i.checked_add(1))
            .filter(|n| *n < TEXT)
            .unwrap_or(TEXT - 1);
        Sym(NonZeroU32::new(kind | n).unwrap_or(NonZeroU32::MAX))
    }

    /// The handle stored as `n`; `None` for 0.
    fn from_raw(n: u32) -> Option<Sym> {
        NonZeroU32::new(n).map(Sym)
    }
}

/// One kind of string: the text while it is held here (empty while frozen)
/// and where each string ends.
#[derive(Clone, Default)]
struct Strings {
    buf: String,
    ends: Ends,
}

impl Strings {
    /// Appends `s`; gives its place.
    fn push(&mut self, s: &str) -> usize {
        self.buf.push_str(s);
        // The buffer only grows, so its length is never before the last end
        // and the push cannot be refused.
        let _ = self.ends.push(self.buf.len());
        self.ends.len() - 1
    }

    /// The strings that `ends` cut `bytes` into: `bytes` itself, with no
    /// copy, when it is all UTF-8 and as long as the ends say (as stored
    /// text is, unless its file was changed under the program); else each
    /// string that is not UTF-8 or not all there is kept empty, as a page
    /// read gives it, and the ends are moved to match.
    fn checked(bytes: Vec<u8>, ends: Ends) -> Strings {
        let bytes = match String::from_utf8(bytes) {
            Ok(buf) if buf.len() == ends.last() => return Strings { buf, ends },
            Ok(buf) => buf.into_bytes(),
            Err(e) => e.into_bytes(),
        };
        let mut strings = Strings::default();
        let mut start = 0;
        for end in ends.iter() {
            let s = bytes
                .get(start..end)
                .and_then(|b| std::str::from_utf8(b).ok());
            strings.push(s.unwrap_or_default());
            start = end;
        }
        strings
    }

    /// Appends the strings of `from`, whose text is `text` (held there or
    /// read from where it is stored).
    fn append(&mut self, text: &[u8], from: &Strings) {
        let by = self.buf.len();
        let held = (from.buf.len() == text.len()).then_some(from.buf.as_str());
        let stored = || std::str::from_utf8(text).ok();
        let whole = held.or_else(stored).filter(|t| t.len() == from.ends.last());
        let read;
        let (text, ends) = match whole {
            Some(text) => (text, &from.ends),
            None => {
                read = Strings::checked(text.to_vec(), from.ends.clone());
                (read.buf.as_str(), &read.ends)
            }
        };
        self.buf.push_str(text);
        // The buffer only grows, so the ends cannot be refused.
        let _ = self.ends.extend_shifted(ends, by);
    }

    fn get(&self, i: usize) -> &str {
        range(&self.ends, i)
            .and_then(|r| self.buf.get(r))
            .unwrap_or_default()
    }

    /// Whether string `i` is `s`, their bytes compared: unlike [`Strings::get`]
    /// it need not check that the string starts and ends on characters, as
    /// one equal to `s` does.
    fn is(&self, i: usize, s: &str) -> bool {
        range(&self.ends, i).and_then(|r| self.buf.as_bytes().get(r)) == Some(s.as_bytes())
    }
}

/// The string store of one fact set.
#[derive(Clone, Default)]
pub struct Interner {
    names: Strings,
    text: Strings,
    /// The names' handles by hash, while the names are held here.
    table: HashTable<Sym>,
    hasher: DefaultHashBuilder,
    /// The names absorbing found again, while loading goes on.
    hot: Hot,
    /// The text of both kinds and the names' lookup table when they lie
    /// elsewhere.
    frozen: Option<Frozen>,
    /// Whether text read from elsewhere into memory could not be read.
    lost: bool,
}

#[derive(Clone)]
struct Frozen {
    names: SharedText,
    text: SharedText,
    probe: Probe,
}

impl std::fmt::Debug for Interner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Interner({} names, {} texts{})",
            self.names.ends.len(),
            self.text.ends.len(),
            if self.frozen.is_some() {
                ", frozen"
            } else {
                ""
            }
        )
    }
}

impl Interner {
    /// The handle of the name `s`, adding it if it is new.
    pub fn intern(&mut self, s: &str) -> Sym {
        self.thaw();
        let hash = self.hasher.hash_one(s);
        let names = &self.names;
        match self.table.find(hash, |&sym| names.is(sym.index(), s)) {
            Some(&sym) => sym,
            None => self.add_name(s, hash),
        }
    }

    /// Adds the name `s`, known not to be held yet, whose hash is `hash`
    /// (the interner is not frozen).
    fn add_name(&mut self, s: &str, hash: u64) -> Sym {
        let sym = Sym::from_index(self.names.push(s));
        self.table
            .insert_unique(hash, sym, rehash(&self.names, &self.hasher));
        sym
    }

    /// Stores the text `s` without looking for an equal string.
    pub fn push(&mut self, s: &str) -> Sym {
        self.thaw();
        Sym::text_from_index(self.text.push(s))
    }

    /// The handle of `s` if it is a name (not merely pushed text).
    pub fn get(&self, s: &str) -> Option<Sym> {
        match &self.frozen {
            None => {
                let names = &self.names;
                self.table
                    .find(self.hasher.hash_one(s), |&sym| names.is(sym.index(), s))
                    .copied()
            }
            Some(f) => f
                .probe
                .find(s.as_bytes(), |sym| self.resolve(sym).as_bytes()),
        }
    }

    pub fn resolve(&self, sym: Sym) -> &str {
        let (strings, frozen) = match (&self.frozen, sym.is_text()) {
            (None, false) => return self.names.get(sym.index()),
            (None, true) => return self.text.get(sym.index()),
            (Some(f), false) => (&self.names, &f.names),
            (Some(f), true) => (&self.text, &f.text),
        };
        frozen.str(range(&strings.ends, sym.index()).unwrap_or_default())
    }

    /// The length in bytes of the string of `sym`, from where it ends: its
    /// text is not read.
    pub fn len_of(&self, sym: Sym) -> usize {
        let strings = if sym.is_text() {
            &self.text
        } else {
            &self.names
        };
        range(&strings.ends, sym.index()).map_or(0, |r| r.len())
    }

    /// The first byte of the string of `sym` (0 when it is empty): a read
    /// that brings the string into cache, lighter than [`Interner::resolve`]
    /// when the text is held here.
    pub fn first_byte(&self, sym: Sym) -> u8 {
        let strings = match (&self.frozen, sym.is_text()) {
            (None, false) => &self.names,
            (None, true) => &self.text,
            (Some(_), _) => return self.resolve(sym).bytes().next().unwrap_or(0),
        };
        range(&strings.ends, sym.index())
            .filter(|r| !r.is_empty())
            .and_then(|r| strings.buf.as_bytes().get(r.start).copied())
            .unwrap_or(0)
    }

    /// Every string: the names, then the texts, each in handle order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let names = (0..self.names.ends.len()).map(Sym::from_index);
        let text = (0..self.text.ends.len()).map(Sym::text_from_index);
        names.chain(text).map(|sym| self.resolve(sym))
    }

    /// How many handles exist (names and texts).
    pub fn len(&self) -> usize {
        self.names.ends.len() + self.text.ends.len()
    }

    /// The length in bytes of every name, in handle order, read from where
    /// they end: none of their text is read.
    pub fn name_lengths(&self) -> impl Iterator<Item = usize> + '_ {
        let ends = self.names.ends.iter();
        ends.scan(0, |start, end| {
            Some(end.saturating_sub(std::mem::replace(start, end)))
        })
    }

    /// How many names there are: every name's handle has an index below.
    pub fn names_len(&self) -> usize {
        self.names.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Room for `strings` more strings of `bytes` more bytes, `interned` of
    /// them names, so that loading does not grow the table step by step.
    pub fn reserve(&mut self, strings: usize, bytes: usize, interned: usize) {
        self.thaw();
        self.names.ends.reserve(interned);
        self.text.ends.reserve(strings.saturating_sub(interned));
        // Names are short: a sixteenth of the bytes, or sixteen a name.
        self.names
            .buf
            .reserve((bytes / 16).max(interned * 16).min(bytes));
        self.text.buf.reserve(bytes);
        self.table
            .reserve(interned, rehash(&self.names, &self.hasher));
    }

    /// Releases spare capacity once loading is over.
    pub fn shrink(&mut self) {
        self.hot = Hot::default();
        for strings in [&mut self.names, &mut self.text] {
            strings.ends.shrink_to_fit();
            strings.buf.shrink_to_fit();
        }
        self.table.shrink_to_fit(rehash(&self.names, &self.hasher));
    }

    /// The text of every name and of every text, each end to end (read
    /// whole if it is frozen).
    pub fn texts(&self) -> [Cow<'_, [u8]>; 2] {
        match &self.frozen {
            None => [
                Cow::Borrowed(self.names.buf.as_bytes()),
                Cow::Borrowed(self.text.buf.as_bytes()),
            ],
            Some(f) => [Cow::Owned(f.names.all()), Cow::Owned(f.text.all())],
        }
    }

    /// Makes a frozen interner one that can grow: its text copied in, its
    /// table rebuilt. Called at every string added, so the common case (not
    /// frozen) is a test alone, not a move of the whole `Option`.
    #[inline]
    fn thaw(&mut self) {
        if self.frozen.is_some() {
            self.thaw_now();
        }
    }

    /// Reads a stored interner's strings into memory whole, in one read,
    /// for a command about to write nearly all of them (`build`, an
    /// unfiltered `export`, `fmt`): each string is then a slice of one
    /// text, not a page to find and read. At 1M events, from cached facts,
    /// `build` took 6.51–7.83 s against 8.70–10.03 s, and `fmt` 2.48–2.71 s
    /// against 3.26–3.45 s (three runs each, by turns), with less memory.
    /// Nothing changes when the strings are in memory already.
    pub fn read_whole(&mut self) {
        self.thaw();
    }

    #[cold]
    fn thaw_now(&mut self) {
        if let Some(f) = self.frozen.take() {
            let (names, text) = (f.names.all(), f.text.all());
            self.lost |= f.names.lost() || f.text.lost();
            self.names = Strings::checked(names, std::mem::take(&mut self.names.ends));
            self.text = Strings::checked(text, std::mem::take(&mut self.text.ends));
            let hash = rehash(&self.names, &self.hasher);
            let mut table = HashTable::with_capacity(self.names.ends.len());
            for sym in (0..self.names.ends.len()).map(Sym::from_index) {
                table.insert_unique(hash(&sym), sym, &hash);
            }
            self.table = table;
        }
    }
}

/// What [`Interner::stored`] gives to store beside the text.
pub type Stored<'a> = (&'a Ends, &'a Ends, Probe);

impl Interner {
    /// What to store beside [`Interner::texts`] to read the interner back
    /// with [`Interner::frozen`]: where each name ends, where each text
    /// ends, and the table the names are found by.
    pub fn stored(&self) -> Stored<'_> {
        let probe = match &self.frozen {
            Some(f) => f.probe.clone(),
            None => Probe::build(self.names.ends.len(), |sym| self.resolve(sym).as_bytes()),
        };
        (&self.names.ends, &self.text.ends, probe)
    }

    /// Whether some text stored elsewhere could not be read (its file was
    /// cut short or changed), so that strings read as empty that are not.
    pub fn text_lost(&self) -> bool {
        self.lost || (self.frozen.as_ref()).is_some_and(|f| f.names.lost() || f.text.lost())
    }

    /// Whether the text lies elsewhere ([`Interner::freeze`]).
    pub fn is_frozen(&self) -> bool {
        self.frozen.is_some()
    }

    /// Frees the text held here for the same bytes stored elsewhere (`names`
    /// and `text`), and the hash table for `probe`, the table stored with
    /// them ([`Interner::stored`]); `false` (and nothing changed) when the
    /// stored text is not as long as the text held.
    pub fn freeze(&mut self, mut names: SharedText, mut text: SharedText, probe: Probe) -> bool {
        if self.frozen.is_some()
            || names.len() != self.names.buf.len()
            || text.len() != self.text.buf.len()
        {
            return false;
        }
        names.index(&self.names.ends);
        text.index(&self.text.ends);
        self.names.buf = String::new();
        self.text.buf = String::new();
        self.table = HashTable::new();
        self.hot = Hot::default();
        self.frozen = Some(Frozen { names, text, probe });
        true
    }

    /// A frozen interner over `names` and `text`, as [`Interner::stored`]
    /// described it; `None` when the parts do not fit together (the ends do
    /// not end with the text, a handle is out of range).
    pub fn frozen(
        (mut names, mut text): (SharedText, SharedText),
        (name_ends, text_ends): (Ends, Ends),
        probe: Probe,
    ) -> Option<Interner> {
        if name_ends.last() != names.len()
            || text_ends.last() != text.len()
            || !probe.fits(name_ends.len())
        {
            return None;
        }
        names.index(&name_ends);
        text.index(&text_ends);
        Some(Interner {
            names: Strings {
                buf: String::new(),
                ends: name_ends,
            },
            text: Strings {
                buf: String::new(),
                ends: text_ends,
            },
            frozen: Some(Frozen { names, text, probe }),
            ..Interner::default()
        })
    }
}

/// The hash of a name already stored, by its handle: what the table needs
/// to move its entries when it grows or shrinks.
fn rehash<'a>(names: &'a Strings, hasher: &'a DefaultHashBuilder) -> impl Fn(&Sym) -> u64 + 'a {
    |sym| hasher.hash_one(names.get(sym.index()))
}

/// Where string `i` of a kind lies in its buffer.
fn range(ends: &Ends, i: usize) -> Option<Range<usize>> {
    let end = ends.get(i)?;
    let start = match i.checked_sub(1) {
        Some(before) => ends.get(before)?,
        None => 0,
    };
    Some(start..end)
}

#[cfg(test)]
mod tests;
