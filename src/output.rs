//! Where output goes: standard output that survives a closed pipe, files
//! written atomically, and whether to colour.
//!
//! Everything a command prints goes through here, so that `| head` ends the
//! program quietly instead of panicking (on standard error too), colour
//! follows the terminal and `NO_COLOR`, and no file is ever left
//! half-written: a file is written to a temporary sibling and renamed into
//! place. What is not a regular file (a
//! device such as `/dev/null`, a named pipe) is written as it is, never
//! replaced.

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

mod stale;

/// True when colour may be used on a stream that is (or is not) a terminal.
pub fn color_allowed(is_terminal: bool) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    is_terminal && !no_color && !dumb
}

pub fn stderr_color() -> bool {
    color_allowed(io::stderr().is_terminal())
}

pub fn stdout_color() -> bool {
    color_allowed(io::stdout().is_terminal())
}

/// Writes an export to standard output as `fill` produces it; a closed pipe
/// is reported as such. `fill` is given standard output itself: every
/// export buffers its own output and writes it a buffer at a time.
pub fn print_with(fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let mut out = io::stdout().lock();
    fill(&mut out)?;
    out.flush()
}

/// Writes a message to standard error. A standard error that is closed
/// (`2>&1 | head`) or fails is passed over: there is nowhere left to say
/// so, and the work goes on.
pub fn eprint(text: &str) {
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

/// A new file in the temporary folder for this process alone, named
/// `.chronicle-{what}-PID-N.tmp`, open for reading and writing and readable
/// by its owner alone (its content comes from the facts); with its path.
/// It is held while it, or a clone of it, is open; such files that killed
/// processes left are removed (see `output::stale`).
pub fn private_temp(what: &str) -> Option<(File, PathBuf)> {
    static MADE: AtomicU64 = AtomicU64::new(0);
    let n = MADE.fetch_add(1, Ordering::Relaxed);
    let name = format!(".chronicle-{what}-{}-{n}.tmp", std::process::id());
    let dir = std::env::temp_dir();
    let path = dir.join(name);
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(&path).ok()?;
    stale::hold(&file);
    let prefix = format!(".chronicle-{what}-");
    stale::sweep(&dir, &path, |name| {
        // PID-N: the N and the `-` before it are numbered's suffix.
        name.rsplit_once('-').is_some_and(|(head, n)| {
            stale::numbered(head, &prefix, "") && stale::numbered(n, "", ".tmp")
        })
    });
    Some((file, path))
}

/// A [`private_temp`] file already removed from its folder: it goes with
/// the process, however the process ends.
pub fn unlinked_temp(what: &str) -> Option<File> {
    let (file, path) = private_temp(what)?;
    std::fs::remove_file(&path).ok()?;
    Some(file)
}

/// Writes bytes to standard output; a closed pipe is reported as such.
pub fn print(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// Writes a file atomically from bytes in memory.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, &mut |w| w.write_all(bytes))
}

/// Writes a file atomically and durably: `fill` writes into a temporary
/// file in the same folder, which is synced to disk and renamed over the
/// target once complete. For fact files, which cannot be made again, and
/// the cache's kept answers.
pub fn write_atomic_with(
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut buffered = |file: &mut File| {
        let mut w = io::BufWriter::with_capacity(1 << 20, file);
        fill(&mut w)?;
        w.flush()
    };
    replace(path, &mut buffered, OnDisk::Synced)
}

/// Writes a file atomically and durably, like [`write_atomic_with`], but
/// `fill` is given the file itself, to buffer as it needs and to go back in
/// (a header written last, once what follows it is known). For the cache.
pub fn write_atomic_file(
    path: &Path,
    fill: &mut dyn FnMut(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    replace(path, fill, OnDisk::Synced)
}

/// Writes an export atomically: like [`write_atomic_with`], but the file is
/// left to the system to put on disk in its own time. An export is made
/// again from the facts by running the command again, and syncing the
/// gigabytes of a large fact set's exports took a tenth of `build`'s time.
/// Readers still see the old file or the new one, never a part.
///
/// `fill` is given the file itself, with no buffer between: every export
/// buffers its own output and writes it 64 KiB at a time. A second buffer
/// of 1 MiB copied every byte once more and wrote the file in pieces of
/// 1 MiB, which took the system two to four times as long: at 1M events
/// `build` spent 2.7–5.2 s of system time against 1.3–1.4 s (five runs
/// each) and took 7.5–8.8 s against 6.6–7.0 s (BENCHMARKS.md).
pub fn write_export_with(
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    replace(path, &mut |file: &mut File| fill(file), OnDisk::Later)
}

/// When a file reaches the disk: synced before it replaces the old one, or
/// later, as the system writes it out.
#[derive(Clone, Copy, PartialEq)]
enum OnDisk {
    Synced,
    Later,
}

/// Where a write goes: a file to replace, or something that is not a
/// regular file and is written in place.
enum Target {
    /// A regular file, or none yet: replaced by a temporary sibling that
    /// takes the old file's permissions. A symbolic link is followed, so
    /// that the file it names is replaced and the link is kept.
    Replace(PathBuf, Option<std::fs::Permissions>),
    /// A device, a named pipe or a socket (`/dev/null`, `/dev/stdout`, a
    /// shell's `>(…)`): written as it is. Replacing it would put a regular
    /// file where the device was, which for `/dev/null` breaks every other
    /// program on the machine.
    InPlace,
}

fn target(path: &Path) -> io::Result<Target> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        // None yet: made where the path says, or where a link says.
        Err(_) => return Ok(Target::Replace(dangling(path), None)),
    };
    if meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            format!("`{}` is a directory", path.display()),
        ));
    }
    if !meta.is_file() {
        return Ok(Target::InPlace);
    }
    let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let file = match link {
        true => std::fs::canonicalize(path)?,
        false => path.to_path_buf(),
    };
    Ok(Target::Replace(file, Some(meta.permissions())))
}

/// Where a link that names no file yet points (a relative link from its
/// own folder), or `path` itself when it is not a link.
fn dangling(path: &Path) -> PathBuf {
    match std::fs::read_link(path) {
        Ok(to) => match path.parent() {
            Some(dir) => dir.join(to),
            None => to,
        },
        Err(_) => path.to_path_buf(),
    }
}

fn replace(
    path: &Path,
    fill: &mut dyn FnMut(&mut File) -> io::Result<()>,
    on_disk: OnDisk,
) -> io::Result<()> {
    stage(path, fill, on_disk)?.commit()
}

/// A file written in full beside its place and not yet moved into it, so
/// that several can replace their old files together, or none of them
/// (`build`). Dropped without [`Staged::commit`], it is removed.
#[must_use]
pub struct Staged {
    /// The temporary file and where it goes; `None` for what was written in
    /// place, or once moved.
    moves: Option<(PathBuf, PathBuf)>,
    /// The temporary file, open so that it is held until it is moved
    /// ([`stale`]).
    _held: Option<File>,
}

impl Staged {
    /// Moves the file into its place.
    pub fn commit(mut self) -> io::Result<()> {
        match self.moves.take() {
            Some((tmp, path)) => std::fs::rename(&tmp, path).inspect_err(|_| {
                let _ = std::fs::remove_file(&tmp);
            }),
            None => Ok(()),
        }
    }

    /// How many bytes were written.
    pub fn bytes(&self) -> io::Result<u64> {
        match &self.moves {
            Some((tmp, _)) => std::fs::metadata(tmp).map(|m| m.len()),
            None => Ok(0),
        }
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some((tmp, _)) = self.moves.take() {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// Writes an export as [`write_export_with`] does, but leaves it beside its
/// place until it is committed.
pub fn stage_export(
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<Staged> {
    stage(path, &mut |file: &mut File| fill(file), OnDisk::Later)
}

fn stage(
    path: &Path,
    fill: &mut dyn FnMut(&mut File) -> io::Result<()>,
    on_disk: OnDisk,
) -> io::Result<Staged> {
    let (path, permissions) = match target(path)? {
        Target::Replace(path, permissions) => (path, permissions),
        Target::InPlace => {
            fill(&mut std::fs::OpenOptions::new().write(true).open(path)?)?;
            return Ok(Staged {
                moves: None,
                _held: None,
            });
        }
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    // From here on, a failure removes the temporary file (on drop).
    let mut staged = Staged {
        moves: Some((tmp.clone(), path.clone())),
        _held: None,
    };
    let mut file = File::create(&tmp)?;
    stale::hold(&file);
    let prefix = format!(".{name}.");
    stale::sweep(dir, &tmp, |n| stale::numbered(n, &prefix, ".tmp"));
    if let Some(permissions) = permissions {
        file.set_permissions(permissions)?;
    }
    fill(&mut file)?;
    if on_disk == OnDisk::Synced {
        file.sync_all()?;
    }
    staged._held = Some(file);
    Ok(staged)
}

#[cfg(test)]
mod tests;
