//! A cache entry on disk: a header, the key, the text and the facts.
//!
//! Layout: the magic bytes `CHRNFACT`, the format number (u32), the lengths
//! of the key, the text and the records (u64 each), an XXH3 checksum of all
//! three (u64), all little-endian; then the key bytes, the text of the
//! facts as it lies in the interner (its names, then its unique texts), and
//! the rest of the facts with their warning count, where each string ends
//! and the names' lookup table, encoded with postcard. The header is
//! written last, over a blank one, once the records have been encoded and
//! checksummed on their way to the file, so they are never held whole in
//! memory nor encoded twice.
//!
//! A read checks the magic, format, lengths and key, then streams the file
//! once through the checksum, before decoding. The text is not read then:
//! the facts read it from the file a page at a time as a command asks for
//! strings, so only the pages it touches take memory. The records are
//! decoded through a small window ([`Window`]), list by list with room for
//! exactly each list. Last, every record index is checked to be in range, so
//! a truncated, corrupt or foreign entry is a miss, never a panic or a wrong
//! answer. Writes are atomic: an entry is written beside its place and
//! renamed into it, so an entry being read is never changed in place by
//! chronicle.

use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;
use xxhash_rust::xxh3::Xxh3;

use super::header;
use super::key::Key;
use super::window::Window;
use crate::load::Files;
use crate::model::intern::frozen::{Probe, ReadAt, SharedText};
use crate::model::intern::{Ends, Stored};
use crate::model::{
    Actor, Cite, Ent, Event, EventIx, Facts, Ids, Interner, Place, Relation, Source, SourceIx,
    TimeOrder,
};

const MAGIC: &[u8; 8] = b"CHRNFACT";

#[derive(Serialize)]
struct FactsOut<'a> {
    warnings: u64,
    strings: Stored<'a>,
    sources: &'a [Source],
    actors: &'a [Actor],
    places: &'a [Place],
    events: &'a [Event],
    relations: &'a [Relation],
    files: &'a Files,
    by_time: &'a [EventIx],
}

/// What [`FactsOut`] encodes, read back owned (see [`take_facts`]).
struct FactsIn {
    warnings: u64,
    strings: (Ends, Ends, Probe),
    sources: Vec<Source>,
    actors: Vec<Actor>,
    places: Vec<Place>,
    events: Vec<Event>,
    relations: Vec<Relation>,
    files: Files,
    by_time: Vec<EventIx>,
}

/// A writer that counts and hashes the bytes on their way to `inner`, a
/// block at a time: the records are checksummed as they are written, never
/// held whole in memory nor encoded twice.
struct Digest<W: Write> {
    hasher: Xxh3,
    len: u64,
    block: Vec<u8>,
    inner: W,
}

impl<W: Write> Digest<W> {
    fn new(hasher: Xxh3, inner: W) -> Digest<W> {
        Digest {
            hasher,
            len: 0,
            block: Vec::with_capacity(1 << 16),
            inner,
        }
    }

    /// Hashes and writes out what is held.
    fn pass_on(&mut self) -> std::io::Result<()> {
        self.hasher.update(&self.block);
        self.inner.write_all(&self.block)?;
        self.block.clear();
        Ok(())
    }

    /// The count and the hash of every byte written, and the writer they
    /// went to.
    fn finish(mut self) -> std::io::Result<(u64, Xxh3, W)> {
        self.pass_on()?;
        Ok((self.len, self.hasher, self.inner))
    }
}

impl<W: Write> Write for Digest<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.block.len() + buf.len() > self.block.capacity() {
            self.pass_on()?;
        }
        if buf.len() >= self.block.capacity() {
            self.hasher.update(buf);
            self.inner.write_all(buf)?;
        } else {
            self.block.extend_from_slice(buf);
        }
        self.len += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes the entry for `key` at `path`, in one pass: a blank header, the
/// key, the text and the records, checksummed as they go, then the header
/// over the blank. Once the entry is written, `facts` read their text from
/// it, as a later command would, and the copy in memory is freed.
pub fn write(path: &Path, key: &Key, facts: &mut Facts, warnings: usize) -> std::io::Result<()> {
    // The time order first: its working memory is freed before the
    // lookup table is built.
    let by_time = facts.by_time();
    let [names, text] = facts.strings.texts();
    let out = FactsOut {
        warnings: warnings as u64,
        strings: facts.strings.stored(),
        sources: &facts.sources,
        actors: &facts.actors,
        places: &facts.places,
        events: &facts.events,
        relations: &facts.relations,
        files: &facts.files,
        by_time,
    };
    let text_len = (names.len() + text.len()) as u64;
    let mut head = Vec::new();
    crate::output::write_atomic_file(path, &mut |file| {
        let mut w = BufWriter::with_capacity(1 << 20, &mut *file);
        w.write_all(&[0; header::LEN])?;
        let mut hasher = Xxh3::new();
        for part in [&key.bytes[..], &names, &text] {
            w.write_all(part)?;
            hasher.update(part);
        }
        w.flush()?;
        drop(w);
        // The records go through the digest's own buffer alone.
        let digest = postcard::to_io(&out, Digest::new(hasher, &mut *file))
            .map_err(std::io::Error::other)?;
        let (records_len, hasher, _) = digest.finish()?;
        let lens = [key.bytes.len() as u64, text_len, records_len];
        head = header::encode(MAGIC, [lens[0], lens[1], lens[2], hasher.digest()]);
        file.seek(SeekFrom::Start(0))?;
        file.write_all(&head)
    })?;
    let (names_len, text_len) = (names.len(), text.len());
    let FactsOut {
        strings: (_, _, probe),
        ..
    } = out;
    if let Some((source, base)) = reopen(path, &head, key)
        && let Some((names, text)) = shared(source, base, names_len, text_len)
    {
        facts.strings.freeze(names, text, probe);
    }
    Ok(())
}

/// The names (`names_len` bytes from `base` of `source`) and the unique
/// texts after them (`text_len` bytes), each read as it is asked for.
pub(super) fn shared(
    source: Arc<dyn ReadAt>,
    base: u64,
    names_len: usize,
    text_len: usize,
) -> Option<(SharedText, SharedText)> {
    let text_base = base.checked_add(u64::try_from(names_len).ok()?)?;
    Some((
        SharedText::read_on_demand(source.clone(), base, names_len),
        SharedText::read_on_demand(source, text_base, text_len),
    ))
}

/// The entry just written at `path` with header `head`, to read its text
/// from, and where the text starts; `None` if the file there is not that
/// entry any more.
fn reopen(path: &Path, head: &[u8], key: &Key) -> Option<(Arc<dyn ReadAt>, u64)> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut found = vec![0u8; head.len() + key.bytes.len()];
    file.read_exact(&mut found).ok()?;
    let (found_head, found_key) = found.split_at(head.len());
    if found_head != head || found_key != key.bytes {
        return None;
    }
    Some((source(&file)?, found.len() as u64))
}

/// The facts and warning count stored at `path` for `key`, if the entry is
/// there, whole, and made for exactly this key.
pub fn read(path: &Path, key: &Key) -> Option<(Facts, usize)> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut head = [0u8; header::LEN];
    file.read_exact(&mut head).ok()?;
    let [key_len, text_len, records_len, sum] = header::decode(MAGIC, &head)?;
    if key_len != key.bytes.len() as u64 {
        return None;
    }
    let total = (header::LEN as u64)
        .checked_add(key_len)?
        .checked_add(text_len)?
        .checked_add(records_len)?;
    if file.metadata().ok()?.len() != total {
        return None;
    }
    let mut stored_key = vec![0u8; key.bytes.len()];
    file.read_exact(&mut stored_key).ok()?;
    if stored_key != key.bytes {
        return None;
    }
    let mut hasher = Xxh3::new();
    hasher.update(&stored_key);
    stream(&mut file, text_len.checked_add(records_len)?, |block| {
        hasher.update(block)
    })?;
    if hasher.digest() != sum {
        return None;
    }
    let text_start = header::LEN as u64 + key_len;
    let text = (source(&file)?, text_start, usize::try_from(text_len).ok()?);
    file.seek(SeekFrom::Start(text_start.checked_add(text_len)?))
        .ok()?;
    let mut window = Window::new(file, records_len);
    decode(text, take_facts(&mut window)?)
}

/// Passes the next `len` bytes of `file` to `each`, a block at a time.
fn stream(file: &mut std::fs::File, len: u64, mut each: impl FnMut(&[u8])) -> Option<()> {
    let mut block = vec![0u8; 1 << 20];
    let mut left = len;
    while left > 0 {
        let n = usize::try_from(left).map_or(block.len(), |l| l.min(block.len()));
        let part = block.get_mut(..n)?;
        file.read_exact(part).ok()?;
        each(part);
        left -= n as u64;
    }
    Some(())
}

/// `file`, to read an entry's text from a page at a time as the facts ask
/// for their strings.
pub(super) fn source(file: &std::fs::File) -> Option<Arc<dyn ReadAt>> {
    Some(Arc::new(TextFile(file.try_clone().ok()?)))
}

/// An entry's file, read at given offsets (never through its position, so
/// threads can share it).
struct TextFile(std::fs::File);

impl ReadAt for TextFile {
    #[cfg(unix)]
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> bool {
        std::os::unix::fs::FileExt::read_exact_at(&self.0, buf, offset).is_ok()
    }

    #[cfg(windows)]
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> bool {
        let mut done = 0;
        while done < buf.len() {
            let Some(rest) = buf.get_mut(done..) else {
                return false;
            };
            match std::os::windows::fs::FileExt::seek_read(&self.0, rest, offset + done as u64) {
                Ok(0) | Err(_) => return false,
                Ok(n) => done += n,
            }
        }
        true
    }

    #[cfg(not(any(unix, windows)))]
    fn read_at(&self, _: u64, _: &mut [u8]) -> bool {
        false
    }
}

/// Takes a list off the front of `w` with room for exactly its length
/// (bounded by the bytes left, as every item takes at least one), so that a
/// list of a million records is never copied as it grows.
fn take_list<T: DeserializeOwned, R: Read>(w: &mut Window<R>) -> Option<Vec<T>> {
    let len: usize = w.take()?;
    let room = usize::try_from(w.remaining()).map_or(len, |left| len.min(left));
    let mut list = Vec::with_capacity(room);
    for _ in 0..len {
        list.push(w.take()?);
    }
    Some(list)
}

/// Reads [`FactsOut`] back, field by field; `None` unless it takes every byte.
fn take_facts<R: Read>(w: &mut Window<R>) -> Option<FactsIn> {
    let facts = FactsIn {
        warnings: w.take()?,
        // Each part on its own (a tuple is its parts one after the other),
        // so that the window holds the largest, not all three.
        strings: (w.take()?, w.take()?, w.take()?),
        sources: take_list(w)?,
        actors: take_list(w)?,
        places: take_list(w)?,
        events: take_list(w)?,
        relations: take_list(w)?,
        files: w.take()?,
        by_time: take_list(w)?,
    };
    (w.remaining() == 0).then_some(facts)
}

/// The facts of an entry whose text, `len` bytes from `base` of `source`,
/// holds the names and then the texts.
fn decode(
    (source, base, len): (Arc<dyn ReadAt>, u64, usize),
    stored: FactsIn,
) -> Option<(Facts, usize)> {
    let warnings = usize::try_from(stored.warnings).ok()?;
    let (name_ends, text_ends, probe) = stored.strings;
    let names_len = name_ends.last();
    let texts = shared(source, base, names_len, len.checked_sub(names_len)?)?;
    let strings = Interner::frozen(texts, (name_ends, text_ends), probe)?;
    let entities = stored.actors.len() + stored.places.len() + stored.events.len();
    // Each record's own id names it: the actors, places and events in
    // entity order, the sources in theirs.
    let ents = (stored.actors.iter().map(|r| r.id))
        .chain(stored.places.iter().map(|r| r.id))
        .chain(stored.events.iter().map(|r| r.id))
        .zip(0u32..)
        .map(|(s, i)| (s, Ent(i)));
    let sources = (stored.sources.iter().map(|r| r.id))
        .zip(0u32..)
        .map(|(s, i)| (s, SourceIx(i)));
    let ids = Ids::from_lists(
        ents,
        sources,
        entities,
        stored.sources.len(),
        strings.names_len(),
    )?;
    let time = TimeOrder::from_stored(stored.by_time, stored.events.len())?;
    let facts = Facts {
        strings,
        sources: stored.sources,
        actors: stored.actors,
        places: stored.places,
        events: stored.events,
        relations: stored.relations,
        files: stored.files,
        ids,
        time,
    };
    in_range(&facts).then_some((facts, warnings))
}

/// Whether every index a record holds names a record that exists, so that
/// the graph can be built without a check at each edge (the id index checks
/// its own when it is rebuilt).
fn in_range(facts: &Facts) -> bool {
    let sources = |cites: &[Cite]| cites.iter().all(|c| facts.source(c.source).is_some());
    let ent = |e: Ent| e.index() < facts.entity_count();
    facts.actors.iter().all(|a| sources(&a.sources))
        && facts
            .places
            .iter()
            .all(|p| p.within.is_none_or(|w| facts.place(w).is_some()) && sources(&p.sources))
        && facts.events.iter().all(|e| {
            e.place.is_none_or(|p| facts.place(p).is_some())
                && e.actors.iter().all(|p| facts.actor(p.actor).is_some())
                && sources(&e.sources)
        })
        && facts
            .relations
            .iter()
            .all(|r| ent(r.from) && ent(r.to) && sources(&r.sources))
}
