//! The key of a cache entry: what the fact files are, byte for byte.
//!
//! The key lists every file the inputs expand to, in reading order, with its
//! path as it will be named, its length and a 128-bit XXH3 hash of its
//! content (of the hashes of its 16 MiB segments; the segments of all the
//! files are hashed on two threads),
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
        let paths = expanded
            .iter()
            .map(|(path, _)| path.as_deref())
            .collect::<Option<Vec<&Path>>>()?;
        let hashed = hash_files(&paths).ok()?;
        let files = paths.iter().map(|p| p.to_path_buf()).collect();
        let keys = expanded
            .iter()
            .zip(&paths)
            .zip(hashed)
            .map(|(((_, format), path), (len, hash))| FileKey {
                path,
                format: *format,
                len,
                hash,
            })
            .collect();
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

/// The length and content hash of each file: each [`SEGMENT`] of it hashed
/// on its own, then their hashes. The segments of all the files are shared
/// between two threads, so that a large file is hashed on both and a folder
/// of small files starts two threads, not one a file.
fn hash_files(paths: &[&Path]) -> std::io::Result<Vec<(u64, u128)>> {
    hash_files_in(paths, SEGMENT)
}

/// [`hash_files`] with segments of `segment` bytes.
fn hash_files_in(paths: &[&Path], segment: u64) -> std::io::Result<Vec<(u64, u128)>> {
    let lens = paths
        .iter()
        .map(|p| std::fs::metadata(p).map(|m| m.len()))
        .collect::<std::io::Result<Vec<u64>>>()?;
    // Every segment of every file, as (file, segment).
    let jobs: Vec<(usize, u64)> = lens
        .iter()
        .enumerate()
        .flat_map(|(f, len)| (0..len.div_ceil(segment).max(1)).map(move |i| (f, i)))
        .collect();
    let threads = jobs.len().min(2);
    let hash = |t: usize| -> std::io::Result<Vec<(usize, u64, u128)>> {
        let mut buf = vec![0u8; 1 << 18];
        let mine = jobs.iter().skip(t).step_by(threads.max(1));
        mine.map(|&(f, i)| {
            let (Some(path), Some(&len)) = (paths.get(f), lens.get(f)) else {
                return Err(changed());
            };
            Ok((f, i, hash_segment(path, (len, segment), i, &mut buf)?))
        })
        .collect()
    };
    let parts: Vec<std::io::Result<Vec<(usize, u64, u128)>>> = match threads {
        2 => std::thread::scope(|scope| {
            let other = scope.spawn(|| hash(1));
            let first = hash(0);
            let second = other
                .join()
                .unwrap_or_else(|_| Err(std::io::Error::other("hashing failed")));
            vec![first, second]
        }),
        _ => vec![hash(0)],
    };
    let mut hashes = Vec::with_capacity(jobs.len());
    for part in parts {
        hashes.extend(part?);
    }
    hashes.sort_unstable_by_key(|&(f, i, _)| (f, i));
    let mut segments = hashes.into_iter().peekable();
    let mut out = Vec::with_capacity(paths.len());
    for (f, (path, len)) in paths.iter().zip(lens).enumerate() {
        let mut all = Xxh3::new();
        all.update(&len.to_le_bytes());
        while let Some((_, _, hash)) = segments.next_if(|&(of, _, _)| of == f) {
            all.update(&hash.to_le_bytes());
        }
        if std::fs::metadata(path)?.len() != len {
            return Err(changed());
        }
        out.push((len, all.digest128()));
    }
    Ok(out)
}

/// The hash of segment `i` of a file `len` bytes long cut into segments
/// of `segment` bytes, read through `buf`; an error if the file no longer
/// holds it whole.
fn hash_segment(
    path: &Path,
    (len, segment): (u64, u64),
    i: u64,
    buf: &mut [u8],
) -> std::io::Result<u128> {
    let mut file = std::fs::File::open(path)?;
    if i > 0 {
        file.seek(SeekFrom::Start(i * segment))?;
    }
    let mut part = file.take(segment);
    let mut hasher = Xxh3::new();
    let mut read = 0u64;
    loop {
        let n = match part.read(buf) {
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
    Ok(hasher.digest128())
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

    fn hash_one(path: &Path, segment: u64) -> (u64, u128) {
        hash_files_in(&[path], segment).unwrap()[0]
    }

    #[test]
    fn a_file_is_hashed_segment_by_segment_on_two_threads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("facts.jsonl");
        for len in [0, 1, 6, 7, 8, 50] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 % 251) as u8).collect();
            std::fs::write(&path, &bytes).unwrap();
            let (read, hash) = hash_one(&path, 7);
            assert_eq!(
                (read, hash),
                (len as u64, by_definition(&bytes, 7)),
                "{len}"
            );
        }
        let before = hash_one(&path, 7);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[30] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert_ne!(hash_one(&path, 7), before);
    }

    #[test]
    fn files_hashed_together_hash_as_each_alone() {
        let dir = tempfile::tempdir().unwrap();
        let texts: Vec<Vec<u8>> = [0, 3, 7, 50, 1, 22]
            .iter()
            .map(|&len| (0..len).map(|i| (i * 53 % 241) as u8).collect())
            .collect();
        let paths: Vec<PathBuf> = (0..texts.len())
            .map(|i| dir.path().join(format!("{i}.jsonl")))
            .collect();
        for (path, bytes) in paths.iter().zip(&texts) {
            std::fs::write(path, bytes).unwrap();
        }
        let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
        let together = hash_files_in(&refs, 7).unwrap();
        let want: Vec<(u64, u128)> = texts
            .iter()
            .map(|b| (b.len() as u64, by_definition(b, 7)))
            .collect();
        assert_eq!(together, want);
        std::fs::remove_file(&paths[3]).unwrap();
        assert!(hash_files_in(&refs, 7).is_err());
    }
}
