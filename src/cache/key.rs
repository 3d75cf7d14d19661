//! The key of a cache entry: what the fact files are, byte for byte.
//!
//! The key lists every file the inputs expand to, in reading order, with its
//! path as it will be named, its length and a 128-bit XXH3 hash of its
//! content, then the chronicle version, the cache format and the running
//! program's length and modification time (so that a rebuilt program does
//! not read entries of another build). A fact file's modification time is
//! not used: one rewritten with the same length in the same second still
//! changes the key. The entry's file name is a hash of the
//! inputs' canonical paths, so one set of inputs keeps one entry. This file
//! reads files to hash them; it does not parse them.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::load::files::{Format, Input, expand};

/// Bumped whenever the stored layout changes.
pub const FORMAT: u32 = 6;

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

/// The length and content hash of a file, read in blocks.
fn hash_file(path: &Path) -> std::io::Result<(u64, u128)> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Xxh3::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut len = 0u64;
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(buf.get(..n).unwrap_or_default());
        len += n as u64;
    }
    Ok((len, hasher.digest128()))
}
