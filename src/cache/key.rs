//! The key of a cache entry: what the fact files are, byte for byte.
//!
//! The key lists every file the inputs expand to, in reading order, with its
//! path as it will be named, its length and a 128-bit XXH3 hash of its
//! content (of the hashes of its 16 MiB segments, taken on two threads),
//! then the chronicle version, the cache format and the running
//! program's length and modification time (so that a rebuilt program does
//! not read entries of another build). A fact file's modification time is
//! not used: one rewritten with the same length in the same second still
//! changes the key. The entry's file name is a hash of the
//! inputs' canonical paths, so one set of inputs keeps one entry. This file
//! reads files to hash them; it does not parse them.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use serde::Serialize;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::load::files::{Format, Input, expand};

/// Bumped whenever the stored layout changes.
pub const FORMAT: u32 = 7;

#[derive(Serialize)]
struct FileKey<'a> {
    path: &'a Path,
    format: Format,
    len: u64,
    hash: u128,
}

#[derive(Serialize)]
struct KeyData<'a> {
    format: u32,
    version: &'a str,
    /// The running program's length and modification time: a rebuilt
    /// program never trusts entries written by another build.
    program: (u64, u128),
    files: Vec<FileKey<'a>>,
}

/// The key of the inputs as they are now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// The key, encoded: entries match when these bytes are equal.
    pub bytes: Vec<u8>,
    files: Vec<PathBuf>,
    name: u64,
}

impl Key {
    /// Hashes the files the inputs expand to; `None` when they cannot be
    /// cached (standard input) or read (the load will report why).
    pub fn of(inputs: &[Input]) -> Option<Key> {
        let mut names = Vec::new();
        for input in inputs {
            match input {
                Input::Stdin => return None,
                Input::Path(p) => names.push(p.canonicalize().ok()?),
            }
        }
        let expanded = expand(inputs).ok()?;
        let mut files = Vec::with_capacity(expanded.len());
        let mut keys = Vec::with_capacity(expanded.len());
        for (path, format) in &expanded {
            let path = path.as_deref()?;
            let (len, hash) = hash_file(path).ok()?;
            files.push(path.to_path_buf());
            keys.push(FileKey {
                path,
                format: *format,
                len,
                hash,
            });
        }
        let data = KeyData {
            format: FORMAT,
            version: env!("CARGO_PKG_VERSION"),
            program: program().ok()?,
            files: keys,
        };
        let bytes = postcard::to_allocvec(&data).ok()?;
        let listed = postcard::to_allocvec(&names).ok()?;
        Some(Key {
            bytes,
            files,
            name: xxh3_64(&listed),
        })
    }

    /// The entry's file name in the cache folder.
    pub fn file_name(&self) -> String {
        format!("{:016x}.facts", self.name)
    }

    /// The hashed files as inputs, for a load that reads exactly them.
    pub fn inputs(&self) -> Vec<Input> {
        self.files.iter().cloned().map(Input::Path).collect()
    }
}

fn program() -> std::io::Result<(u64, u128)> {
    let meta = std::fs::metadata(std::env::current_exe()?)?;
    let since = meta.modified()?.duration_since(std::time::UNIX_EPOCH);
    Ok((meta.len(), since.map_or(0, |d| d.as_nanos())))
}

/// Bytes hashed apart: a file's hash is the hash of its segments' hashes,
/// so that its segments can be hashed on several threads and the key is
/// the same whatever their number.
const SEGMENT: u64 = 16 << 20;

/// The length and content hash of a file: each [`SEGMENT`] of it hashed on
/// its own (those of a large file on two threads), then their hashes.
fn hash_file(path: &Path) -> std::io::Result<(u64, u128)> {
    hash_file_in(path, SEGMENT)
}

/// [`hash_file`] with segments of `segment` bytes.
fn hash_file_in(path: &Path, segment: u64) -> std::io::Result<(u64, u128)> {
    let len = std::fs::metadata(path)?.len();
    let segments = len.div_ceil(segment).max(1);
    let threads = if segments > 1 { 2 } else { 1 };
    let parts: Vec<std::io::Result<Vec<(u64, u128)>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    let which = (t..segments).step_by(threads as usize);
                    hash_segments(path, (len, segment), which)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("hashing failed")))
            })
            .collect()
    });
    let mut hashes = Vec::with_capacity(segments as usize);
    for part in parts {
        hashes.extend(part?);
    }
    if std::fs::metadata(path)?.len() != len {
        return Err(changed());
    }
    hashes.sort_unstable_by_key(|&(i, _)| i);
    let mut all = Xxh3::new();
    all.update(&len.to_le_bytes());
    for (_, hash) in &hashes {
        all.update(&hash.to_le_bytes());
    }
    Ok((len, all.digest128()))
}

/// The hash of each segment numbered in `which` of a file `len` bytes
/// long cut into segments of `segment` bytes; an error if the file no
/// longer holds them whole.
fn hash_segments(
    path: &Path,
    (len, segment): (u64, u64),
    which: impl Iterator<Item = u64>,
) -> std::io::Result<Vec<(u64, u128)>> {
    let mut file = std::fs::File::open(path)?;
    let mut buf = vec![0u8; 1 << 18];
    let mut hashes = Vec::new();
    for i in which {
        file.seek(SeekFrom::Start(i * segment))?;
        let mut part = (&mut file).take(segment);
        let mut hasher = Xxh3::new();
        let mut read = 0u64;
        loop {
            let n = match part.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            hasher.update(buf.get(..n).unwrap_or_default());
            read += n as u64;
        }
        if read != segment.min(len.saturating_sub(i * segment)) {
            return Err(changed());
        }
        hashes.push((i, hasher.digest128()));
    }
    Ok(hashes)
}

fn changed() -> std::io::Error {
    std::io::Error::other("the file changed while it was hashed")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash as defined: the length, then each segment's hash.
    fn by_definition(bytes: &[u8], segment: usize) -> u128 {
        let mut all = Xxh3::new();
        all.update(&(bytes.len() as u64).to_le_bytes());
        let parts: Vec<&[u8]> = match bytes.is_empty() {
            true => vec![&[]],
            false => bytes.chunks(segment).collect(),
        };
        for part in parts {
            let mut one = Xxh3::new();
            one.update(part);
            all.update(&one.digest128().to_le_bytes());
        }
        all.digest128()
    }

    #[test]
    fn a_file_is_hashed_segment_by_segment_on_two_threads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("facts.jsonl");
        for len in [0, 1, 6, 7, 8, 50] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 % 251) as u8).collect();
            std::fs::write(&path, &bytes).unwrap();
            let (read, hash) = hash_file_in(&path, 7).unwrap();
            assert_eq!(
                (read, hash),
                (len as u64, by_definition(&bytes, 7)),
                "{len}"
            );
        }
        let before = hash_file_in(&path, 7).unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[30] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert_ne!(hash_file_in(&path, 7).unwrap(), before);
    }
}
