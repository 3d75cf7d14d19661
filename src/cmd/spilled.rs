//! A query's output as it is written: in memory while it is small, in a
//! temporary file past [`SPILL_AT`] bytes, so that printing the whole of a
//! million-event timeline as JSON (1.25 GB) takes no more memory than a
//! month of it. The file is removed from its folder as soon as it is made
//! and goes with the process. A file that cannot be made, or that stops
//! taking bytes (a full temporary folder), leaves the output in memory, as
//! it would be without one. Nothing here knows what is written.

use std::fs::File;
use std::io::{self, Write};
use std::os::unix::fs::FileExt;

/// Output held in memory up to this many bytes. Small beside the facts,
/// since a large answer is written while the facts are held; an answer the
/// cache keeps (up to 32 MiB) is copied to it from the file.
pub const SPILL_AT: usize = 4 << 20;

/// Once output goes to the file, it is written in runs of this many bytes.
const RUN: usize = 1 << 16;

/// Where output past [`SPILL_AT`] goes: a file that can be read back.
pub trait Spill: Write + std::fmt::Debug {
    /// Fills `buf` from `offset`.
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()>;
}

impl Spill for File {
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        FileExt::read_exact_at(self, buf, offset)
    }
}

/// Bytes written: the first ones in the file, if there is one, the rest in
/// memory.
#[derive(Debug, Default)]
pub struct Spilled {
    /// The output while there is no file; then what the file has not yet
    /// taken.
    mem: Vec<u8>,
    file: Option<Box<dyn Spill>>,
    /// Bytes in the file.
    in_file: u64,
    /// No file could be made or written: the output stays in memory, and
    /// making one is not tried again at every write.
    no_file: bool,
}

impl Spilled {
    /// Output held in memory alone.
    pub fn of(mem: Vec<u8>) -> Spilled {
        Spilled {
            mem,
            ..Spilled::default()
        }
    }

    /// The output, when it is all in memory.
    pub fn in_memory(&self) -> Option<&[u8]> {
        self.file.is_none().then_some(self.mem.as_slice())
    }

    /// How many bytes have been written.
    pub fn len(&self) -> u64 {
        self.in_file + self.mem.len() as u64
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Writes the whole output to `out`, leaving it as it is, so that it
    /// can be written again.
    pub fn write_into(&self, out: &mut dyn Write) -> io::Result<()> {
        if let Some(file) = &self.file {
            let mut buf = vec![0; RUN];
            let mut at = 0;
            while at < self.in_file {
                let want = usize::try_from(self.in_file - at).map_or(RUN, |n| n.min(RUN));
                let piece = buf.get_mut(..want).unwrap_or_default();
                file.read_exact_at(piece, at)?;
                out.write_all(piece)?;
                at += want as u64;
            }
        }
        out.write_all(&self.mem)
    }

    /// Moves what is held in memory to `file` from now on.
    fn spill_to(&mut self, file: Box<dyn Spill>) -> io::Result<()> {
        self.file = Some(file);
        self.drain()
    }

    /// Writes what is held to the file. Where the file takes no more, the
    /// output comes back to memory whole and stays there.
    fn drain(&mut self) -> io::Result<()> {
        let Some(file) = &mut self.file else {
            return Ok(());
        };
        let mut done = 0;
        while let Some(rest) = self.mem.get(done..).filter(|r| !r.is_empty()) {
            match file.write(rest) {
                Ok(n) if n > 0 => {
                    done += n;
                    self.in_file += n as u64;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                _ => {
                    self.mem.drain(..done);
                    return self.unspill();
                }
            }
        }
        self.mem.clear();
        Ok(())
    }

    /// Reads the file back in before what is held, and drops it.
    fn unspill(&mut self) -> io::Result<()> {
        self.no_file = true;
        let Some(file) = self.file.take() else {
            return Ok(());
        };
        let len = usize::try_from(self.in_file).map_err(io::Error::other)?;
        let mut back = vec![0; len];
        file.read_exact_at(&mut back, 0)?;
        back.append(&mut self.mem);
        self.mem = back;
        self.in_file = 0;
        Ok(())
    }
}

impl Write for Spilled {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.mem.extend_from_slice(buf);
        if self.file.is_some() {
            if self.mem.len() >= RUN {
                self.drain()?;
            }
        } else if self.mem.len() > SPILL_AT && !self.no_file {
            match crate::output::unlinked_temp("answer") {
                Some(file) => self.spill_to(Box::new(file))?,
                None => self.no_file = true,
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file with room for `room` bytes.
    #[derive(Debug)]
    struct Small {
        bytes: Vec<u8>,
        room: usize,
    }

    impl Write for Small {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let n = buf.len().min(self.room - self.bytes.len());
            if n == 0 {
                return Err(io::Error::from(io::ErrorKind::StorageFull));
            }
            self.bytes.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Spill for Small {
        fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
            let at = offset as usize;
            buf.copy_from_slice(&self.bytes[at..at + buf.len()]);
            Ok(())
        }
    }

    fn piece() -> Vec<u8> {
        (0..=255u8).cycle().take(1 << 20).collect()
    }

    #[test]
    fn output_past_the_limit_goes_to_a_file_and_comes_back_whole() {
        let piece = piece();
        let mut out = Spilled::default();
        let mut want = Vec::new();
        while want.len() <= SPILL_AT {
            out.write_all(&piece).unwrap();
            want.extend_from_slice(&piece);
        }
        assert!(out.in_memory().is_none(), "spilled");
        assert_eq!(out.len(), want.len() as u64);
        for _ in 0..2 {
            let mut got = Vec::new();
            out.write_into(&mut got).unwrap();
            assert!(got == want, "{} bytes against {}", got.len(), want.len());
        }
        let mut small = Spilled::default();
        small.write_all(b"abc").unwrap();
        assert_eq!(small.in_memory(), Some(&b"abc"[..]));
    }

    #[test]
    fn a_file_that_fills_up_leaves_the_whole_output_in_memory() {
        let piece = piece();
        for room in [0, 1, RUN + 7, 3 * RUN] {
            let mut out = Spilled::of(piece.clone());
            let file = Small {
                bytes: Vec::new(),
                room,
            };
            out.spill_to(Box::new(file)).unwrap();
            let mut want = piece.clone();
            for _ in 0..3 {
                out.write_all(&piece).unwrap();
                want.extend_from_slice(&piece);
            }
            out.flush().unwrap();
            assert!(out.in_memory() == Some(want.as_slice()), "room {room}");
            out.write_all(b"more").unwrap();
            assert_eq!(out.len(), want.len() as u64 + 4, "room {room}");
        }
    }
}
