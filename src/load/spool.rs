//! Standard input kept in a temporary file as it is read, so that problems
//! found after the reading (an unknown reference, a duplicate id) can be
//! placed in it, line, column and caret, as in a file named on the command
//! line: [`relocate`](super::relocate) reads that file again.
//!
//! The file is named `.chronicle-stdin-PID-N.tmp` in the temporary folder,
//! holds at most [`MAX_SPOOL_BYTES`] (what comes after is read as before but
//! its problems keep just the name `<stdin>`), and is removed by
//! [`remove_all`] when the command ends; one a killed process left is
//! removed by the next that makes such a file. Nothing here reads facts or
//! decides what is a problem.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::PathBuf;
use std::sync::Mutex;

/// The most of standard input kept: 1 GiB.
pub const MAX_SPOOL_BYTES: u64 = 1 << 30;

/// The files made, to remove when the command ends, each with a clone of
/// it kept open, which holds it until then (a file no one holds is taken
/// for one a killed process left, see [`crate::output::private_temp`]).
static MADE: Mutex<Vec<(PathBuf, Option<File>)>> = Mutex::new(Vec::new());

/// A reader that copies what it reads into a temporary file, up to
/// [`MAX_SPOOL_BYTES`]. A failure to write the copy stops the copy, never
/// the reading.
pub struct Tee<R> {
    inner: R,
    copy: Option<(BufWriter<File>, PathBuf)>,
    written: u64,
}

impl<R: Read> Tee<R> {
    pub fn new(inner: R) -> Tee<R> {
        Tee {
            inner,
            copy: made(),
            written: 0,
        }
    }

    /// The temporary file holding what was read (or its first
    /// [`MAX_SPOOL_BYTES`]), if one could be made.
    pub fn finish(self) -> Option<PathBuf> {
        let (mut w, path) = self.copy?;
        w.flush().ok()?;
        Some(path)
    }
}

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let room = MAX_SPOOL_BYTES.saturating_sub(self.written);
        let kept = buf.get(..n.min(usize::try_from(room).unwrap_or(usize::MAX)));
        if let (Some((w, _)), Some(kept)) = (&mut self.copy, kept.filter(|k| !k.is_empty())) {
            match w.write_all(kept) {
                Ok(()) => self.written += kept.len() as u64,
                // What was copied so far is kept: its problems are placed.
                Err(_) => self.written = MAX_SPOOL_BYTES,
            }
        }
        Ok(n)
    }
}

/// A new temporary file, entered in [`MADE`].
fn made() -> Option<(BufWriter<File>, PathBuf)> {
    let (file, path) = crate::output::private_temp("stdin")?;
    if let Ok(mut made) = MADE.lock() {
        made.push((path.clone(), file.try_clone().ok()));
    }
    Some((BufWriter::with_capacity(1 << 16, file), path))
}

/// Removes every temporary file made here.
pub fn remove_all() {
    if let Ok(mut made) = MADE.lock() {
        for (path, _held) in made.drain(..) {
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_read_is_kept_whole_and_removed_at_the_end() {
        let text: Vec<u8> = (0..200_000u32).flat_map(|i| i.to_le_bytes()).collect();
        let mut tee = Tee::new(text.as_slice());
        let mut read = Vec::new();
        tee.read_to_end(&mut read).unwrap();
        let path = tee.finish().unwrap();
        assert_eq!(read, text);
        assert_eq!(std::fs::read(&path).unwrap(), text);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        remove_all();
        assert!(!path.exists());
    }
}
