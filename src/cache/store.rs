//! A cache entry on disk: a header, the key, the text and the facts.
//!
//! Layout: the magic bytes `CHRNFACT`, the format number (u32), the lengths
//! of the key, the text and the records (u64 each), an XXH3 checksum of all
//! three (u64), all little-endian; then the key bytes, the text of every
//! string of the facts as it lies in the interner (read straight into its
//! buffer, never copied), and the rest of the facts with their warning count
//! encoded with postcard (written after a first encoding pass that only
//! measures and checksums them, so they are never held whole in memory; read
//! back list by list with room for exactly each list). A read checks the
//! magic, format, lengths, key and checksum before decoding, then checks
//! that every record index is in range, so a truncated, corrupt or foreign
//! entry is a miss, never a panic or a wrong answer. Writes are atomic.

use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::header;
use super::key::Key;
use crate::load::Files;
use crate::model::intern::{Ends, InternerParts};
use crate::model::{
    Actor, Cite, Ent, Event, Facts, Ids, Interner, Place, Relation, Source, SourceIx, Sym,
};

const MAGIC: &[u8; 8] = b"CHRNFACT";

#[derive(Serialize)]
struct FactsOut<'a> {
    warnings: u64,
    strings: (&'a Ends, Vec<Sym>),
    sources: &'a [Source],
    actors: &'a [Actor],
    places: &'a [Place],
    events: &'a [Event],
    relations: &'a [Relation],
    files: &'a Files,
    by_id: Vec<(Sym, Ent)>,
    source_by_id: Vec<(Sym, SourceIx)>,
}

/// What [`FactsOut`] encodes, read back owned (see [`take_facts`]).
struct FactsIn {
    warnings: u64,
    strings: (Ends, Vec<Sym>),
    sources: Vec<Source>,
    actors: Vec<Actor>,
    places: Vec<Place>,
    events: Vec<Event>,
    relations: Vec<Relation>,
    files: Files,
    by_id: Vec<(Sym, Ent)>,
    source_by_id: Vec<(Sym, SourceIx)>,
}

fn checksum(parts: [&[u8]; 3]) -> u64 {
    let mut h = Xxh3::new();
    for p in parts {
        h.update(p);
    }
    h.digest()
}

/// A writer that keeps nothing: it counts the bytes and hashes them, in
/// blocks, so that the records can be measured and checksummed before they
/// are written without being held in memory.
struct Digest {
    hasher: Xxh3,
    len: u64,
    block: Vec<u8>,
}

impl Digest {
    fn new() -> Digest {
        Digest {
            hasher: Xxh3::new(),
            len: 0,
            block: Vec::with_capacity(1 << 16),
        }
    }

    fn finish(mut self) -> (u64, Xxh3) {
        self.hasher.update(&self.block);
        (self.len, self.hasher)
    }
}

impl std::io::Write for Digest {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.block.len() + buf.len() > self.block.capacity() {
            self.hasher.update(&self.block);
            self.block.clear();
        }
        if buf.len() >= self.block.capacity() {
            self.hasher.update(buf);
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

/// Writes the entry for `key` at `path`. The records are encoded twice,
/// once to measure and checksum them and once into the file, so that they
/// never sit in memory whole.
pub fn write(path: &Path, key: &Key, facts: &Facts, warnings: usize) -> std::io::Result<()> {
    let mut by_id: Vec<(Sym, Ent)> = facts.ids.ents().collect();
    by_id.sort_unstable();
    let mut source_by_id: Vec<(Sym, SourceIx)> = facts.ids.sources().collect();
    source_by_id.sort_unstable();
    let (text, ends, interned) = facts.strings.parts();
    let out = FactsOut {
        warnings: warnings as u64,
        strings: (ends, interned),
        sources: &facts.sources,
        actors: &facts.actors,
        places: &facts.places,
        events: &facts.events,
        relations: &facts.relations,
        files: &facts.files,
        by_id,
        source_by_id,
    };
    let text = text.as_bytes();
    let mut digest = Digest::new();
    digest.hasher.update(&key.bytes);
    digest.hasher.update(text);
    let (records_len, hasher) = postcard::to_io(&out, digest)
        .map_err(std::io::Error::other)?
        .finish();
    let lens = [key.bytes.len() as u64, text.len() as u64, records_len];
    let head = header::encode(MAGIC, [lens[0], lens[1], lens[2], hasher.digest()]);
    crate::output::write_atomic_with(path, &mut |w| {
        w.write_all(&head)?;
        w.write_all(&key.bytes)?;
        w.write_all(text)?;
        postcard::to_io(&out, &mut *w).map_err(std::io::Error::other)?;
        Ok(())
    })
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
    let mut text = vec![0u8; usize::try_from(text_len).ok()?];
    file.read_exact(&mut text).ok()?;
    let mut records = vec![0u8; usize::try_from(records_len).ok()?];
    file.read_exact(&mut records).ok()?;
    if checksum([&stored_key, &text, &records]) != sum {
        return None;
    }
    decode(String::from_utf8(text).ok()?, &records)
}

/// Takes one value off the front of `bytes`.
fn take<'a, T: Deserialize<'a>>(bytes: &mut &'a [u8]) -> Option<T> {
    let (value, rest) = postcard::take_from_bytes(bytes).ok()?;
    *bytes = rest;
    Some(value)
}

/// Takes a list off the front of `bytes` with room for exactly its length
/// (bounded by the bytes left, as every item takes at least one), so that a
/// list of a million records is never copied as it grows.
fn take_list<'a, T: Deserialize<'a>>(bytes: &mut &'a [u8]) -> Option<Vec<T>> {
    let len: usize = take(bytes)?;
    let mut list = Vec::with_capacity(len.min(bytes.len()));
    for _ in 0..len {
        list.push(take(bytes)?);
    }
    Some(list)
}

/// Reads [`FactsOut`] back, field by field; `None` unless it takes every byte.
fn take_facts(mut bytes: &[u8]) -> Option<FactsIn> {
    let b = &mut bytes;
    let facts = FactsIn {
        warnings: take(b)?,
        strings: take(b)?,
        sources: take_list(b)?,
        actors: take_list(b)?,
        places: take_list(b)?,
        events: take_list(b)?,
        relations: take_list(b)?,
        files: take(b)?,
        by_id: take_list(b)?,
        source_by_id: take_list(b)?,
    };
    b.is_empty().then_some(facts)
}

fn decode(text: String, records: &[u8]) -> Option<(Facts, usize)> {
    let stored = take_facts(records)?;
    let warnings = usize::try_from(stored.warnings).ok()?;
    let strings = Interner::from_parts(InternerParts {
        buf: text,
        ends: stored.strings.0,
        interned: stored.strings.1,
    })?;
    let entities = stored.actors.len() + stored.places.len() + stored.events.len();
    let ids = Ids::from_lists(
        stored.by_id,
        stored.source_by_id,
        entities,
        stored.sources.len(),
        strings.len(),
    )?;
    let facts = Facts {
        strings,
        sources: stored.sources,
        actors: stored.actors,
        places: stored.places,
        events: stored.events,
        relations: stored.relations,
        files: stored.files,
        ids,
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
