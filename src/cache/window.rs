//! Postcard values read one by one from a run of a file's bytes, through a
//! window that holds only what the value being read needs.
//!
//! A cached fact set's records take about a hundred megabytes at a million
//! events; reading them whole before decoding held them beside the decoded
//! facts. A [`Window`] keeps a few megabytes: it decodes from the bytes in
//! hand and, when a value runs past them, reads on (growing only for a value
//! longer than the window). Postcard values are self-delimiting, so a value
//! cut short always fails as cut short and is read again in full. Nothing
//! here knows what the values are.

use std::io::Read;

use serde::de::DeserializeOwned;

/// Bytes held at first.
const START: usize = 4 << 20;

pub struct Window<R> {
    reader: R,
    buf: Vec<u8>,
    /// The bytes in hand and not yet decoded are `buf[start..end]`.
    start: usize,
    end: usize,
    /// Bytes of the run not yet read from `reader`.
    left: u64,
}

impl<R: Read> Window<R> {
    /// A window on the next `len` bytes of `reader`.
    pub fn new(reader: R, len: u64) -> Window<R> {
        let size = usize::try_from(len).map_or(START, |len| len.min(START));
        Window {
            reader,
            buf: vec![0; size],
            start: 0,
            end: 0,
            left: len,
        }
    }

    /// The next value; `None` when the bytes do not hold one or cannot be read.
    pub fn take<T: DeserializeOwned>(&mut self) -> Option<T> {
        loop {
            let held = self.buf.get(self.start..self.end)?;
            match postcard::take_from_bytes::<T>(held) {
                Ok((value, rest)) => {
                    self.start = self.end - rest.len();
                    return Some(value);
                }
                Err(postcard::Error::DeserializeUnexpectedEnd) if self.left > 0 => {
                    self.read_on()?
                }
                Err(_) => return None,
            }
        }
    }

    /// Bytes of the run not yet decoded.
    pub fn remaining(&self) -> u64 {
        self.left + (self.end - self.start) as u64
    }

    /// Moves the bytes in hand to the front and reads as many more as fit,
    /// doubling the window when it is full.
    fn read_on(&mut self) -> Option<()> {
        self.buf.copy_within(self.start..self.end, 0);
        self.end -= self.start;
        self.start = 0;
        if self.end == self.buf.len() {
            let more = usize::try_from(self.left)
                .map_or(self.buf.len(), |left| left.min(self.buf.len().max(1)));
            self.buf.resize(self.buf.len() + more, 0);
        }
        let room = usize::try_from(self.left)
            .map_or(usize::MAX, |left| left)
            .min(self.buf.len() - self.end);
        let fresh = self.buf.get_mut(self.end..self.end + room)?;
        self.reader.read_exact(fresh).ok()?;
        self.end += room;
        self.left -= room as u64;
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(values: &[Vec<u32>]) -> Vec<u8> {
        values
            .iter()
            .flat_map(|v| postcard::to_allocvec(v).unwrap())
            .collect()
    }

    #[test]
    fn values_longer_than_the_window_are_read_whole() {
        let values = vec![
            vec![1, 2, 3],
            (0..3_000_000).collect(),
            vec![],
            vec![u32::MAX],
        ];
        let bytes = encoded(&values);
        let mut w = Window::new(&bytes[..], bytes.len() as u64);
        for v in &values {
            assert_eq!(w.take::<Vec<u32>>().as_ref(), Some(v));
        }
        assert_eq!(w.remaining(), 0);
        assert_eq!(w.take::<u32>(), None);
    }

    #[test]
    fn a_run_cut_short_or_shorter_than_said_is_refused() {
        let bytes = encoded(&[vec![7; 100]]);
        let mut cut = Window::new(&bytes[..50], bytes.len() as u64);
        assert_eq!(cut.take::<Vec<u32>>(), None);
        let mut short = Window::new(&bytes[..], 50);
        assert_eq!(short.take::<Vec<u32>>(), None);
    }
}
