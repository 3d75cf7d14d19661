//! A cache entry on disk: a header, the key, and the facts.
//!
//! Layout: the magic bytes `CHRNFACT`, the format number (u32), the key's
//! length and the payload's length (u64 each), an XXH3 checksum of the key
//! and payload (u64), all little-endian; then the key bytes and the payload,
//! the facts and their warning count encoded with postcard. A read checks
//! the magic, format, lengths, key and checksum before decoding, then checks
//! that every record index is in range, so a truncated, corrupt or foreign
//! entry is a miss, never a panic or a wrong answer. Writes are atomic.

use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::key::{FORMAT, Key};
use crate::load::Files;
use crate::model::intern::{Ends, InternerParts};
use crate::model::{
    Actor, Cite, Ent, Event, Facts, Ids, Interner, Place, Relation, Source, SourceIx, Sym,
};

const MAGIC: &[u8; 8] = b"CHRNFACT";
const HEADER: usize = 8 + 4 + 8 + 8 + 8;

#[derive(Serialize)]
struct FactsOut<'a> {
    warnings: u64,
    strings: (&'a str, &'a Ends, Vec<Sym>),
    sources: &'a [Source],
    actors: &'a [Actor],
    places: &'a [Place],
    events: &'a [Event],
    relations: &'a [Relation],
    files: &'a Files,
    by_id: Vec<(Sym, Ent)>,
    source_by_id: Vec<(Sym, SourceIx)>,
}

/// What [`FactsOut`] encodes, read back owned.
#[derive(Deserialize)]
struct FactsIn {
    warnings: u64,
    strings: InternerParts,
    sources: Vec<Source>,
    actors: Vec<Actor>,
    places: Vec<Place>,
    events: Vec<Event>,
    relations: Vec<Relation>,
    files: Files,
    by_id: Vec<(Sym, Ent)>,
    source_by_id: Vec<(Sym, SourceIx)>,
}

fn checksum(key: &[u8], payload: &[u8]) -> u64 {
    let mut h = Xxh3::new();
    h.update(key);
    h.update(payload);
    h.digest()
}

/// Writes the entry for `key` at `path`.
pub fn write(path: &Path, key: &Key, facts: &Facts, warnings: usize) -> std::io::Result<()> {
    let mut by_id: Vec<(Sym, Ent)> = facts.ids.ents().collect();
    by_id.sort_unstable();
    let mut source_by_id: Vec<(Sym, SourceIx)> = facts.ids.sources().collect();
    source_by_id.sort_unstable();
    let out = FactsOut {
        warnings: warnings as u64,
        strings: facts.strings.parts(),
        sources: &facts.sources,
        actors: &facts.actors,
        places: &facts.places,
        events: &facts.events,
        relations: &facts.relations,
        files: &facts.files,
        by_id,
        source_by_id,
    };
    let payload = postcard::to_allocvec(&out).map_err(std::io::Error::other)?;
    let mut head = Vec::with_capacity(HEADER + key.bytes.len());
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(&FORMAT.to_le_bytes());
    head.extend_from_slice(&(key.bytes.len() as u64).to_le_bytes());
    head.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    head.extend_from_slice(&checksum(&key.bytes, &payload).to_le_bytes());
    head.extend_from_slice(&key.bytes);
    crate::output::write_atomic_with(path, &mut |w| {
        w.write_all(&head)?;
        w.write_all(&payload)
    })
}

/// The facts and warning count stored at `path` for `key`, if the entry is
/// there, whole, and made for exactly this key.
pub fn read(path: &Path, key: &Key) -> Option<(Facts, usize)> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut header = [0u8; HEADER];
    file.read_exact(&mut header).ok()?;
    let (magic, rest) = header.split_first_chunk::<8>()?;
    let (format, rest) = rest.split_first_chunk::<4>()?;
    let (key_len, rest) = rest.split_first_chunk::<8>()?;
    let (payload_len, rest) = rest.split_first_chunk::<8>()?;
    let (sum, _) = rest.split_first_chunk::<8>()?;
    if magic != MAGIC || u32::from_le_bytes(*format) != FORMAT {
        return None;
    }
    if u64::from_le_bytes(*key_len) != key.bytes.len() as u64 {
        return None;
    }
    let mut stored_key = vec![0u8; key.bytes.len()];
    file.read_exact(&mut stored_key).ok()?;
    if stored_key != key.bytes {
        return None;
    }
    let payload_len = usize::try_from(u64::from_le_bytes(*payload_len)).ok()?;
    let rest_len = file.metadata().ok()?.len();
    let expected = (HEADER + key.bytes.len()).checked_add(payload_len)?;
    if rest_len != expected as u64 {
        return None;
    }
    let mut payload = vec![0u8; payload_len];
    file.read_exact(&mut payload).ok()?;
    if checksum(&stored_key, &payload) != u64::from_le_bytes(*sum) {
        return None;
    }
    decode(&payload)
}

fn decode(payload: &[u8]) -> Option<(Facts, usize)> {
    let stored: FactsIn = postcard::from_bytes(payload).ok()?;
    let warnings = usize::try_from(stored.warnings).ok()?;
    let entities = stored.actors.len() + stored.places.len() + stored.events.len();
    let ids = Ids::from_lists(
        stored.by_id,
        stored.source_by_id,
        entities,
        stored.sources.len(),
        stored.strings.ends.len(),
    )?;
    let facts = Facts {
        strings: Interner::from_parts(stored.strings)?,
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
