//! How string ends are stored: the low bits in runs of bytes, four bytes a
//! string (little-endian), then the list of where the high bits change.
//!
//! A run is read back in one copy rather than number by number, and runs
//! are short (4,096 ends), so that neither writing nor reading holds a copy
//! of all the ends. Ends read back are checked to never decrease.

use serde::de::{DeserializeSeed, Error, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Ends;

/// Ends in a run of bytes.
const RUN: usize = 4096;

impl Serialize for Ends {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (Runs(&self.low), &self.highs).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Ends {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Ends, D::Error> {
        let (Lows(low), highs) = <(Lows, Vec<(usize, u32)>)>::deserialize(deserializer)?;
        let ends = Ends { low, highs };
        match ends.well_formed() {
            true => Ok(ends),
            false => Err(D::Error::custom("string ends out of order")),
        }
    }
}

impl Ends {
    /// Whether the ends never decrease and the high bits are listed only
    /// where they change, as pushing them gives.
    fn well_formed(&self) -> bool {
        if self.highs.is_empty() {
            return self.low.windows(2).all(|w| w.first() <= w.last());
        }
        let mut again = Ends::default();
        self.iter().all(|e| again.push(e)) && again == *self
    }
}

/// Low bits written as runs of bytes.
struct Runs<'a>(&'a [u32]);

impl Serialize for Runs<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.chunks(RUN).map(Run))
    }
}

/// At most [`RUN`] low bits written as one run of bytes.
struct Run<'a>(&'a [u32]);

impl Serialize for Run<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut bytes = [0u8; RUN * 4];
        for (slot, low) in bytes.chunks_exact_mut(4).zip(self.0) {
            slot.copy_from_slice(&low.to_le_bytes());
        }
        serializer.serialize_bytes(bytes.get(..self.0.len() * 4).unwrap_or_default())
    }
}

/// Low bits read from runs of bytes.
struct Lows(Vec<u32>);

impl<'de> Deserialize<'de> for Lows {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Lows, D::Error> {
        deserializer.deserialize_seq(LowsVisitor)
    }
}

struct LowsVisitor;

impl<'de> Visitor<'de> for LowsVisitor {
    type Value = Lows;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("runs of string ends")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Lows, A::Error> {
        let runs = seq.size_hint().unwrap_or(0);
        let mut low = Vec::with_capacity(runs.saturating_mul(RUN).min(1 << 24));
        while seq.next_element_seed(Append(&mut low))?.is_some() {}
        Ok(Lows(low))
    }
}

/// Reads a run of bytes onto the end of a list of low bits.
struct Append<'a>(&'a mut Vec<u32>);

impl<'de> DeserializeSeed<'de> for Append<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_bytes(self)
    }
}

impl<'de> Visitor<'de> for Append<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("string ends, four bytes each")
    }

    fn visit_bytes<E: Error>(self, bytes: &[u8]) -> Result<(), E> {
        let words = bytes.chunks_exact(4);
        if !words.remainder().is_empty() || words.len() > RUN {
            return Err(E::custom("a run of string ends of the wrong length"));
        }
        let words = words.map(|w| u32::from_le_bytes(w.try_into().unwrap_or_default()));
        self.0.extend(words);
        Ok(())
    }
}

#[cfg(all(test, target_pointer_width = "64"))]
mod tests {
    use super::super::testing::{GIB4, ends};
    use super::*;

    /// Bytes stored as one run, whatever their length.
    struct RawRun<'a>(&'a [u8]);

    impl Serialize for RawRun<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(self.0)
        }
    }

    #[test]
    fn stored_ends_read_back_in_runs() {
        let long: Vec<usize> = (0..10_000).map(|i| i * 3).collect();
        for list in [
            vec![],
            vec![0usize, 3, 300, 70_000],
            vec![0usize, 3, 300, 70_000, GIB4 + 9, 2 * GIB4, 2 * GIB4 + 1],
            long,
        ] {
            let e = ends(&list);
            let stored = postcard::to_allocvec(&e).unwrap();
            assert_eq!(postcard::from_bytes::<Ends>(&stored).unwrap(), e);
        }
    }

    #[test]
    fn ends_out_of_order_or_cut_are_refused() {
        let backwards = Ends {
            low: vec![4, 2],
            highs: Vec::new(),
        };
        let repeated_high = Ends {
            low: vec![1, 2],
            highs: vec![(0, 1), (1, 1)],
        };
        for bad in [backwards, repeated_high] {
            let stored = postcard::to_allocvec(&bad).unwrap();
            assert!(postcard::from_bytes::<Ends>(&stored).is_err(), "{bad:?}");
        }
        let too_long = vec![0u8; (RUN + 1) * 4];
        for run in [&[1u8, 0, 0][..], &too_long] {
            let stored = postcard::to_allocvec(&(vec![RawRun(run)], Vec::<(usize, u32)>::new()));
            assert!(postcard::from_bytes::<Ends>(&stored.unwrap()).is_err());
        }
    }
}
