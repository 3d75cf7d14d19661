//! A read-only string store whose text lies elsewhere: in a stored fact
//! set's file, mapped into memory rather than read.
//!
//! Mapped text costs memory only for the pages a command touches, so a
//! query on a million events does not hold a hundred megabytes of summaries
//! it never prints. The text is not trusted to be UTF-8: each string is
//! checked as it is read, and one that is not (a file changed under the
//! program) reads as empty. Lookups go through a [`Probe`] table of handles
//! stored with the text, so nothing has to hash every string to answer
//! one. Nothing here opens files or knows what a string means.

use std::ops::Range;
use std::sync::Arc;

use xxhash_rust::xxh3::xxh3_64;

use super::Sym;

/// Bytes held by something else: a mapped file, or a buffer in tests.
pub type Bytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// A range of bytes of a [`Bytes`], holding every string of an interner.
#[derive(Clone)]
pub struct SharedText {
    bytes: Bytes,
    range: Range<usize>,
}

impl SharedText {
    /// The text at `range` of `bytes`; `None` when the range is not in them.
    pub fn new(bytes: Bytes, range: Range<usize>) -> Option<SharedText> {
        (*bytes).as_ref().get(range.clone())?;
        Some(SharedText { bytes, range })
    }

    /// All the text.
    pub fn all(&self) -> &[u8] {
        (*self.bytes)
            .as_ref()
            .get(self.range.clone())
            .unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.range.len()
    }

    pub fn is_empty(&self) -> bool {
        self.range.is_empty()
    }

    /// The string at `range`, or `""` when it is not UTF-8.
    pub fn str(&self, range: Range<usize>) -> &str {
        self.all()
            .get(range)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or_default()
    }
}

/// An open-addressing table of the interned handles, stored as it is used:
/// a power-of-two list of slots, each empty (0) or a handle, found by
/// linear probing from the XXH3 hash of the string's bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Probe {
    slots: Vec<u32>,
}

fn start(s: &[u8], mask: usize) -> usize {
    // The mask keeps the hash below the table's length.
    (xxh3_64(s) as usize) & mask
}

fn raw(sym: Sym) -> u32 {
    sym.0.get()
}

impl Probe {
    /// The table of `handles` (each once), whose text `text` gives.
    pub fn build<'t>(handles: &[Sym], text: impl Fn(Sym) -> &'t [u8]) -> Probe {
        if handles.is_empty() {
            return Probe::default();
        }
        // At most four-fifths full, so that a probe is short.
        let len = (handles.len() + handles.len() / 4 + 1).next_power_of_two();
        let mask = len - 1;
        let mut slots = vec![0u32; len];
        for &sym in handles {
            let mut i = start(text(sym), mask);
            while let Some(slot) = slots.get_mut(i) {
                if *slot == 0 {
                    *slot = raw(sym);
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        Probe { slots }
    }

    /// The handle whose text (as `text` gives it) is `s`.
    pub fn find<'t>(&self, s: &[u8], text: impl Fn(Sym) -> &'t [u8]) -> Option<Sym> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut i = start(s, mask);
        // Every slot at most once, even in a table with no empty slot.
        for _ in 0..self.slots.len() {
            let sym = Sym::from_raw(*self.slots.get(i)?)?;
            if text(sym) == s {
                return Some(sym);
            }
            i = (i + 1) & mask;
        }
        None
    }

    /// Every handle in the table.
    pub fn handles(&self) -> impl Iterator<Item = Sym> + '_ {
        self.slots.iter().filter_map(|&s| Sym::from_raw(s))
    }

    /// Whether the table has a usable shape for `strings` handles: a power
    /// of two long (or empty), every handle in range.
    pub fn fits(&self, strings: usize) -> bool {
        (self.slots.is_empty() || self.slots.len().is_power_of_two())
            && self.handles().all(|s| s.index() < strings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_probe_finds_every_handle_and_nothing_else() {
        let words = ["moscow", "kyiv", "", "isis-k", "russia"];
        let text = |s: Sym| words.get(s.index()).map_or(&b""[..], |w| w.as_bytes());
        let handles: Vec<Sym> = (0..words.len()).map(Sym::from_index).collect();
        let probe = Probe::build(&handles, text);
        assert!(probe.slots.len().is_power_of_two());
        assert!(probe.fits(words.len()));
        assert!(!probe.fits(2));
        for (i, w) in words.iter().enumerate() {
            assert_eq!(probe.find(w.as_bytes(), text), Some(Sym::from_index(i)));
        }
        assert_eq!(probe.find(b"nowhere", text), None);
        assert_eq!(Probe::default().find(b"moscow", text), None);
    }

    #[test]
    fn a_full_table_ends_its_search() {
        let text = |_: Sym| &b"same"[..];
        let probe = Probe {
            slots: vec![1, 2, 3, 4],
        };
        assert_eq!(probe.find(b"other", text), None);
    }

    #[test]
    fn shared_text_reads_utf8_only() {
        let bytes: Bytes = Arc::new(b"xxab\xffc".to_vec());
        let text = SharedText::new(bytes.clone(), 2..6).unwrap();
        assert_eq!(text.str(0..2), "ab");
        assert_eq!(text.str(1..3), "");
        assert_eq!(text.str(3..9), "");
        assert!(SharedText::new(bytes, 2..9).is_none());
    }
}
