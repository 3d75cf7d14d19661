//! A read-only string store whose text lies elsewhere: in a stored fact
//! set's file, read a page at a time as strings are asked for.
//!
//! Reading a page only when one of its strings is wanted keeps memory to
//! what a command touches, so a query on a million events does not hold a
//! hundred megabytes of summaries it never prints. The text is cut into
//! pages of about [`PAGE`] bytes, each read once (with a positioned read,
//! so threads share the file) and kept; a page holds whole the strings that
//! start in it, so no string is cut. The text is not trusted to be UTF-8: a
//! page is checked once, when it is read, and a string in a page that fails
//! is checked on its own. A string that is not UTF-8, or that cannot be read
//! (a file changed under the program), reads as empty; a text that could
//! not be read says so ([`SharedText::lost`]), so that nothing made of it
//! is taken for an answer. Lookups go
//! through a [`Probe`] table of handles stored with the text, so nothing
//! has to hash every string to answer one. Nothing here opens files or
//! knows what a string means.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use xxhash_rust::xxh3::xxh3_64;

use super::{Ends, Sym};

/// Bytes in a page of text, before the page is stretched to the end of the
/// last string that starts in it. Small, because the strings a question
/// asks for are scattered: the ids, titles and quotes of the busiest
/// actor's 126,000 events at a million events lie on most pages. `show` of
/// that actor peaked at 388 MB with 1 KiB pages, 371 MB with 512-byte ones
/// and 364 MB with 256-byte ones. Reading all of the text costs more pages,
/// each with its slot: a whole timeline as a table took 347, 354 and 369 MB.
pub const PAGE: usize = 512;

/// Pages whose slots are made together, when the first of them is read:
/// a slot takes 40 bytes, so a million events' text (240,000 pages) would
/// hold 10 MB of slots for a question that reads a handful of pages.
const GROUP: usize = 64;

/// Where the text is read from: a file, or bytes in memory in tests.
pub trait ReadAt: Send + Sync {
    /// Fills `buf` from `offset`; `false` if that many bytes are not there.
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> bool;
}

impl ReadAt for Vec<u8> {
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> bool {
        let Ok(start) = usize::try_from(offset) else {
            return false;
        };
        match self.get(start..start.saturating_add(buf.len())) {
            Some(bytes) => {
                buf.copy_from_slice(bytes);
                true
            }
            None => false,
        }
    }
}

/// The text of an interner, `len` bytes from `base` of a source.
pub struct SharedText {
    source: Arc<dyn ReadAt>,
    base: u64,
    len: usize,
    /// Page `i` is slot `i % GROUP` of group `i / GROUP`; a group's slots
    /// are made when one of its pages is first read.
    pages: Box<[OnceLock<Group>]>,
    /// Where each page's strings end: page `i` holds, whole, the strings
    /// that start in its [`PAGE`] bytes, so it ends where the last of them
    /// does (or where the page before it ends, when none starts in it).
    /// Empty until [`SharedText::index`]: every page then ends at its
    /// boundary, and a string that runs across one reads as empty.
    ends: Box<[usize]>,
    /// Set when a read failed: some string read as empty that is not.
    lost: AtomicBool,
}

/// The slots of [`GROUP`] pages, each empty until its page is read.
type Group = Box<[OnceLock<Page>]>;

/// A page of text as read, checked as UTF-8 once: where it starts, and its
/// text.
struct Page {
    start: usize,
    body: Body,
}

enum Body {
    Text(Box<str>),
    /// A page that is not UTF-8: its strings are checked one by one.
    Bytes(Box<[u8]>),
}

impl Page {
    fn new(start: usize, bytes: Vec<u8>) -> Page {
        let body = match String::from_utf8(bytes) {
            Ok(text) => Body::Text(text.into_boxed_str()),
            Err(e) => Body::Bytes(e.into_bytes().into_boxed_slice()),
        };
        Page { start, body }
    }

    /// The string at `range` of the text, or `""`.
    fn str(&self, range: Range<usize>) -> &str {
        let Some(range) = range
            .start
            .checked_sub(self.start)
            .zip(range.end.checked_sub(self.start))
        else {
            return "";
        };
        match &self.body {
            Body::Text(text) => text.get(range.0..range.1).unwrap_or_default(),
            Body::Bytes(bytes) => bytes
                .get(range.0..range.1)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
        }
    }
}

/// A clone reads its pages again, from the same source.
impl Clone for SharedText {
    fn clone(&self) -> SharedText {
        let (source, base, len) = (Arc::clone(&self.source), self.base, self.len);
        let mut text = SharedText::read_on_demand(source, base, len);
        text.ends = self.ends.clone();
        text
    }
}

impl SharedText {
    /// The text `len` bytes long at `base` of `source`; nothing is read yet.
    pub fn read_on_demand(source: Arc<dyn ReadAt>, base: u64, len: usize) -> SharedText {
        SharedText {
            source,
            base,
            len,
            pages: (0..len.div_ceil(PAGE).div_ceil(GROUP))
                .map(|_| OnceLock::new())
                .collect(),
            ends: Box::default(),
            lost: AtomicBool::new(false),
        }
    }

    /// Whether a read of the text failed (the file was cut short or
    /// changed under the program), so that some string read as empty.
    pub fn lost(&self) -> bool {
        self.lost.load(Ordering::Relaxed)
    }

    fn lose(&self) {
        self.lost.store(true, Ordering::Relaxed);
    }

    /// Notes where each page's strings end, from where every string ends.
    pub(super) fn index(&mut self, ends: &Ends) {
        let mut page_ends = vec![0; self.page_count()];
        let mut start = 0;
        for end in ends.iter() {
            if let Some(page_end) = page_ends.get_mut(start / PAGE) {
                *page_end = end.max(*page_end);
            }
            start = end;
        }
        // A page in which no string starts ends where the one before it does.
        let mut last = 0;
        for page_end in &mut page_ends {
            last = (*page_end).max(last).min(self.len);
            *page_end = last;
        }
        self.ends = page_ends.into_boxed_slice();
    }

    /// The bytes page `i` holds.
    fn span(&self, i: usize) -> Range<usize> {
        let boundary = |p: usize| p.saturating_mul(PAGE).min(self.len);
        let end_of = |p: usize| match self.ends.get(p) {
            Some(&end) => end,
            None => boundary(p + 1),
        };
        let start = match i.checked_sub(1) {
            Some(before) => end_of(before).max(boundary(i)),
            None => 0,
        };
        start..end_of(i).max(start)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    fn page_count(&self) -> usize {
        self.len.div_ceil(PAGE)
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// All the text, read now (empty if it cannot be read).
    pub fn all(&self) -> Vec<u8> {
        let mut all = vec![0; self.len];
        if !self.source.read_at(self.base, &mut all) {
            all.clear();
            self.lose();
        }
        all
    }

    /// The string at `range`, or `""` when it is not UTF-8, not there, or
    /// not within the page where it starts.
    pub fn str(&self, range: Range<usize>) -> &str {
        if range.is_empty() || range.end > self.len {
            return "";
        }
        let page = range.start / PAGE;
        let span = self.span(page);
        if range.start < span.start || range.end > span.end {
            return "";
        }
        match self.page(page) {
            Some(p) => p.str(range),
            None => "",
        }
    }

    fn page(&self, i: usize) -> Option<&Page> {
        let group = self.pages.get(i / GROUP)?;
        let slots = group.get_or_init(|| (0..GROUP).map(|_| OnceLock::new()).collect());
        let slot = slots.get(i % GROUP)?;
        Some(slot.get_or_init(|| {
            let span = self.span(i);
            let start = span.start;
            let bytes = self.read(span).unwrap_or_else(|| {
                self.lose();
                Vec::new()
            });
            Page::new(start, bytes)
        }))
    }

    fn read(&self, range: Range<usize>) -> Option<Vec<u8>> {
        let mut buf = vec![0; range.len()];
        let offset = self.base.checked_add(u64::try_from(range.start).ok()?)?;
        self.source.read_at(offset, &mut buf).then_some(buf)
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
    /// The table of the first `names` names, in handle order (so the same
    /// names give the same table), whose text `text` gives.
    pub fn build<'t>(names: usize, text: impl Fn(Sym) -> &'t [u8]) -> Probe {
        if names == 0 {
            return Probe::default();
        }
        // At most four-fifths full, so that a probe is short.
        let len = (names + names / 4 + 1).next_power_of_two();
        let mask = len - 1;
        let mut slots = vec![0u32; len];
        for sym in (0..names).map(Sym::from_index) {
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
            && self.handles().all(|s| !s.is_text() && s.index() < strings)
    }
}

#[cfg(test)]
mod tests;
