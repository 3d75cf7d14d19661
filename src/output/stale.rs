//! Temporary files a killed process left behind, found and removed.
//!
//! Every temporary file chronicle makes (an output written beside its place
//! before it is renamed into it, the copy of standard input) is locked by
//! its maker for as long as it is in use ([`hold`]); the system lets go of
//! the lock when the process ends, however it ends. So a temporary file of
//! ours that no one holds, and that has not been written for a while, was
//! left by a process that is gone: Ctrl-C during a `build` of a million
//! events leaves gigabytes of them. The next process to make such a file
//! beside it removes it ([`sweep`]). Nothing here decides names: the caller
//! says which names are its temporary files.

use std::fs::File;
use std::path::Path;
use std::time::Duration;

/// How long a temporary file no one holds must have gone unwritten before
/// it is taken for left behind: longer by far than the moment between a
/// file being made and its maker locking it.
const QUIET: Duration = Duration::from_secs(60);

/// Locks `file`, a temporary file just made, for as long as it (or a clone
/// of it) is open. Where the system cannot lock files, it is not locked,
/// and [`sweep`] never takes it for left behind.
pub fn hold(file: &File) {
    let _ = file.try_lock();
}

/// Removes the files of `dir` whose names `ours` accepts, other than `own`,
/// that are left behind: regular files (never links) that no process holds
/// and that have not been written for [`QUIET`]. Anything it cannot read or
/// remove is left as it is.
pub fn sweep(dir: &Path, own: &Path, ours: impl Fn(&str) -> bool) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let named = entry.file_name().to_str().is_some_and(&ours);
        if named && path != own && left_behind(&path, QUIET) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Whether the file at `path` is a regular file unwritten for `quiet`
/// that no process holds.
fn left_behind(path: &Path, quiet: Duration) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    let unwritten = meta.modified().ok().and_then(|m| m.elapsed().ok());
    if !meta.is_file() || unwritten.is_none_or(|age| age < quiet) {
        return false;
    }
    // Locked here means held nowhere else; the lock goes with the file.
    File::open(path).is_ok_and(|file| file.try_lock().is_ok())
}

/// Whether `name` is `{prefix}{digits}{suffix}`.
pub fn numbered(name: &str, prefix: &str, suffix: &str) -> bool {
    name.strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(suffix))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aged(path: &Path) {
        let old = std::time::SystemTime::now() - 2 * QUIET;
        let file = File::options().write(true).open(path).unwrap();
        file.set_modified(old).unwrap();
    }

    #[test]
    fn a_file_no_one_holds_is_left_behind_once_quiet() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".x.1.tmp");
        std::fs::write(&path, "old").unwrap();
        assert!(!left_behind(&path, QUIET), "written just now");
        aged(&path);
        assert!(left_behind(&path, QUIET));
    }

    #[test]
    fn a_held_file_is_not_left_behind_however_old() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".x.1.tmp");
        let file = File::create(&path).unwrap();
        hold(&file);
        aged(&path);
        // The lock is the open file's: another open of it cannot take it.
        assert!(!left_behind(&path, QUIET));
        let clone = file.try_clone().unwrap();
        drop(file);
        assert!(!left_behind(&path, QUIET), "a clone keeps the hold");
        drop(clone);
        assert!(left_behind(&path, QUIET));
    }

    #[test]
    fn sweeping_removes_only_our_names_left_behind() {
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str| dir.path().join(name);
        for name in [".a.json.7.tmp", ".a.json.8.tmp", ".a.json.x.tmp", "a.json"] {
            std::fs::write(at(name), name).unwrap();
            aged(&at(name));
        }
        let held = File::open(at(".a.json.8.tmp")).unwrap();
        hold(&held);
        #[cfg(unix)]
        std::os::unix::fs::symlink(at("a.json"), at(".a.json.9.tmp")).unwrap();
        let own = at(".a.json.7.tmp");
        sweep(dir.path(), &at(".a.json.1.tmp"), |n| {
            numbered(n, ".a.json.", ".tmp")
        });
        assert!(!own.exists(), "left behind");
        assert!(at(".a.json.8.tmp").exists(), "held");
        assert!(at(".a.json.x.tmp").exists(), "not one of ours");
        assert!(at("a.json").exists());
        #[cfg(unix)]
        assert!(at(".a.json.9.tmp").symlink_metadata().is_ok(), "a link");
        std::fs::write(at(".a.json.1.tmp"), "mine").unwrap();
        aged(&at(".a.json.1.tmp"));
        sweep(dir.path(), &at(".a.json.1.tmp"), |n| {
            numbered(n, ".a.json.", ".tmp")
        });
        assert!(at(".a.json.1.tmp").exists(), "the sweeper's own");
    }

    #[test]
    fn numbered_names() {
        assert!(numbered(".a.12.tmp", ".a.", ".tmp"));
        assert!(!numbered(".a..tmp", ".a.", ".tmp"));
        assert!(!numbered(".a.1x.tmp", ".a.", ".tmp"));
        assert!(!numbered(".b.1.tmp", ".a.", ".tmp"));
    }
}
