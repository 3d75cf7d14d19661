//! A query's output as it is written: in memory while it is small, in a
//! temporary file past [`SPILL_AT`] bytes, so that printing the whole of a
//! million-event timeline as JSON (1.25 GB) takes no more memory than a
//! month of it. The file is removed from its folder as soon as it is made
//! and goes with the process. Nothing here knows what is written.

use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};
use std::os::unix::fs::FileExt;

/// Output held in memory up to this many bytes. Small beside the facts,
/// since a large answer is written while the facts are held; an answer the
/// cache keeps (up to 32 MiB) is copied to it from the file.
pub const SPILL_AT: usize = 4 << 20;

/// Bytes written, in memory or past [`SPILL_AT`] in a temporary file.
#[derive(Debug, Default)]
pub struct Spilled {
    mem: Vec<u8>,
    file: Option<BufWriter<File>>,
    /// Bytes written to the file.
    spilled: u64,
    /// No temporary file could be made: the output stays in memory, and
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
        self.spilled + self.mem.len() as u64
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Writes the whole output to `out`, leaving it as it is, so that it
    /// can be written again. Output in a file must have been flushed.
    pub fn write_into(&self, out: &mut dyn Write) -> io::Result<()> {
        let Some(file) = &self.file else {
            return out.write_all(&self.mem);
        };
        let mut buf = vec![0; 1 << 16];
        let mut at = 0;
        while at < self.spilled {
            let want = usize::try_from(self.spilled - at).map_or(buf.len(), |n| n.min(buf.len()));
            let piece = buf.get_mut(..want).unwrap_or_default();
            file.get_ref().read_exact_at(piece, at)?;
            out.write_all(piece)?;
            at += want as u64;
        }
        Ok(())
    }

    /// Writes the whole output to `out`.
    pub fn copy_to(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.file.take() {
            None => out.write_all(&self.mem),
            Some(file) => {
                let mut file = file.into_inner().map_err(|e| e.into_error())?;
                file.rewind()?;
                io::copy(&mut file, out).map(drop)
            }
        }
    }

    /// Moves what is held in memory to a temporary file; where none can be
    /// made, the output stays in memory.
    fn spill(&mut self) -> io::Result<()> {
        let Some(file) = crate::output::unlinked_temp("answer") else {
            self.no_file = true;
            return Ok(());
        };
        let mut file = BufWriter::with_capacity(1 << 16, file);
        file.write_all(&self.mem)?;
        self.spilled = self.mem.len() as u64;
        self.mem = Vec::new();
        self.file = Some(file);
        Ok(())
    }
}

impl Write for Spilled {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let past = self.mem.len().saturating_add(buf.len()) > SPILL_AT;
        if past && self.file.is_none() && !self.no_file {
            self.spill()?;
        }
        match &mut self.file {
            Some(file) => {
                let n = file.write(buf)?;
                self.spilled += n as u64;
                Ok(n)
            }
            None => {
                self.mem.extend_from_slice(buf);
                Ok(buf.len())
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(file) => file.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_past_the_limit_goes_to_a_file_and_comes_back_whole() {
        let piece: Vec<u8> = (0..=255u8).cycle().take(1 << 20).collect();
        let mut out = Spilled::default();
        let mut want = Vec::new();
        while want.len() <= SPILL_AT {
            out.write_all(&piece).unwrap();
            want.extend_from_slice(&piece);
        }
        assert!(out.in_memory().is_none(), "spilled");
        assert_eq!(out.len(), want.len() as u64);
        out.flush().unwrap();
        let mut again = Vec::new();
        out.write_into(&mut again).unwrap();
        assert!(again == want, "{} bytes written into", again.len());
        let mut got = Vec::new();
        out.copy_to(&mut got).unwrap();
        assert!(got == want, "{} bytes against {}", got.len(), want.len());
        let mut small = Spilled::default();
        small.write_all(b"abc").unwrap();
        assert_eq!(small.in_memory(), Some(&b"abc"[..]));
    }
}
