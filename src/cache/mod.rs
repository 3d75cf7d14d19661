//! The fact cache: a valid fact set kept on disk so that a repeated query on
//! unchanged files skips reading and validating them.
//!
//! An entry is keyed by the expanded list of fact files: each file's path,
//! length and a hash of its whole content, with the chronicle version and
//! the cache format. A different key is a miss: the facts are loaded from
//! scratch and the entry rewritten. The files are hashed before they are
//! read, the load reads exactly the files that were hashed, and they are
//! hashed again after it: a load during which a file changed is stored
//! nowhere, nor are answers made of it, so an entry never holds facts newer
//! or older than its key says. Only fact sets
//! without errors are stored. Anything unusual (no cache folder, standard
//! input, a corrupt or foreign entry, a folder that cannot be written) falls
//! back to loading quietly; the cache never fails a command and never
//! decides an answer. It must not print, validate or judge facts.
//!
//! Beside each entry, the answers of queries asked about it
//! ([`Entry::answer`]) are kept under the same key, so a repeated question
//! about unchanged files is answered without loading them; they are
//! forgotten when the entry is rewritten.

mod answers;
mod header;
mod key;
pub mod spill;
mod store;
mod window;

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::diag::Diagnostics;
use crate::load::Input;
use crate::model::Facts;

pub use answers::MAX_BYTES as MAX_ANSWER_BYTES;
pub use key::Key;

/// Facts loaded with or without the cache.
#[derive(Debug)]
pub struct Loaded {
    pub facts: Facts,
    /// The diagnostics of a fresh load; empty when the facts came from the cache.
    pub diags: Diagnostics,
    /// How many warnings the facts have, fresh or cached.
    pub warnings: usize,
    /// Whether the facts came from the cache.
    pub hit: bool,
}

/// Where entries are kept, or `None` when the cache is off: `CHRONICLE_CACHE=off`
/// turns it off; `CHRONICLE_CACHE_DIR` names the folder; otherwise
/// `$XDG_CACHE_HOME/chronicle` or `$HOME/.cache/chronicle`.
pub fn dir() -> Option<PathBuf> {
    dir_from(|name| std::env::var_os(name))
}

/// [`dir`] with the environment given by `var`.
fn dir_from(var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let var = |name| var(name).filter(|v| !v.is_empty());
    if var("CHRONICLE_CACHE").is_some_and(|v| v == "off") {
        return None;
    }
    if let Some(d) = var("CHRONICLE_CACHE_DIR") {
        return Some(PathBuf::from(d));
    }
    if let Some(d) = var("XDG_CACHE_HOME") {
        return Some(PathBuf::from(d).join("chronicle"));
    }
    var("HOME").map(|h| PathBuf::from(h).join(".cache").join("chronicle"))
}

/// Loads the inputs through `entry` when there is one (see [`Entry::load`]),
/// else afresh.
pub fn load_through<E>(
    entry: Option<&Entry>,
    inputs: &[Input],
    load: impl FnOnce(&[Input]) -> Result<(Facts, Diagnostics), E>,
) -> Result<Loaded, E> {
    match entry {
        Some(entry) => entry.load(load),
        None => load(inputs).map(fresh),
    }
}

/// Answers from the entry for `inputs` in `dir` when its key matches the
/// files as they are now; otherwise calls `load` (on the expanded file list)
/// and stores the result if it has no errors. Without a folder, or with
/// standard input among the inputs, this is just `load(inputs)`.
pub fn load_in<E>(
    dir: Option<PathBuf>,
    inputs: &[Input],
    load: impl FnOnce(&[Input]) -> Result<(Facts, Diagnostics), E>,
) -> Result<Loaded, E> {
    load_through(Entry::open_in(dir, inputs).as_ref(), inputs, load)
}

fn fresh((facts, diags): (Facts, Diagnostics)) -> Loaded {
    Loaded {
        warnings: diags.warnings(),
        facts,
        diags,
        hit: false,
    }
}

/// The cache entry of one set of inputs, with the key of their files as
/// they are now: the stored fact set and the stored answers about it.
#[derive(Debug)]
pub struct Entry {
    dir: PathBuf,
    key: Key,
    /// Set when the files no longer held what the key was made of once
    /// they had been loaded: nothing made of that load is kept under it.
    changed: AtomicBool,
}

impl Entry {
    /// The entry for `inputs` in [`dir`]; `None` when the cache is off or
    /// the inputs cannot be cached (standard input, unreadable files).
    pub fn open(inputs: &[Input]) -> Option<Entry> {
        Entry::open_in(dir(), inputs)
    }

    /// The entry for `inputs` in `dir`, hashing every file now.
    pub fn open_in(dir: Option<PathBuf>, inputs: &[Input]) -> Option<Entry> {
        let dir = dir?;
        let key = Key::of(inputs)?;
        Some(Entry {
            dir,
            key,
            changed: AtomicBool::new(false),
        })
    }

    fn facts_path(&self) -> PathBuf {
        self.dir.join(self.key.file_name())
    }

    fn answers(&self) -> PathBuf {
        answers::folder(&self.dir, &self.key.file_name())
    }

    /// The stored fact set when it was made from these files; otherwise
    /// `load` of exactly the hashed files, stored if it has no errors and
    /// the files still hold what was hashed (and the answers about the
    /// files' earlier contents forgotten). A file changed while it was
    /// loaded leaves the entry and its answers as they were: what was read
    /// may be neither the old contents nor the new.
    pub fn load<E>(
        &self,
        load: impl FnOnce(&[Input]) -> Result<(Facts, Diagnostics), E>,
    ) -> Result<Loaded, E> {
        let path = self.facts_path();
        if let Some((facts, warnings)) = store::read(&path, &self.key) {
            return Ok(Loaded {
                facts,
                diags: Diagnostics::default(),
                warnings,
                hit: true,
            });
        }
        let mut loaded = load(&self.key.inputs()).map(fresh)?;
        if !loaded.diags.has_errors() && self.still_hashed() {
            answers::clear(&self.answers());
            let _ = std::fs::create_dir_all(&self.dir);
            let _ = store::write(&path, &self.key, &mut loaded.facts, loaded.warnings);
        }
        Ok(loaded)
    }

    /// Whether the files hold now what the key was made of; if not, the
    /// entry keeps nothing more.
    fn still_hashed(&self) -> bool {
        let same = Key::of(&self.key.inputs()).is_some_and(|now| now.bytes == self.key.bytes);
        if !same {
            self.changed.store(true, Ordering::Relaxed);
        }
        same
    }

    /// The answer kept for `request` about exactly these files, if any.
    pub fn answer(&self, request: &[u8]) -> Option<Vec<u8>> {
        answers::read(&self.answers(), &self.key, request)
    }

    /// Keeps the answer `fill` writes (each time the same bytes) as the
    /// reply to `request` about these files; no copy of it is held in
    /// memory.
    /// Nothing is kept once the files were seen to change under a load.
    pub fn keep_answer(&self, request: &[u8], fill: &dyn Fn(&mut dyn Write) -> io::Result<()>) {
        if self.changed.load(Ordering::Relaxed) {
            return;
        }
        answers::write_with(&self.answers(), &self.key, request, fill);
    }
}

#[cfg(test)]
mod tests;
