//! Where each string of an interner ends, in four bytes a string.
//!
//! Ends only grow, so each is kept as its low 32 bits; the high bits come
//! from a short list that holds, each time they change, the first string
//! with the new high bits. Below 4 GiB of text that list is empty and an end
//! is one load. Any total size is kept exactly: there is no limit and
//! nothing is truncated. Stored, the low bits are one run of bytes, read
//! back in one copy and checked to never decrease. Nothing here knows about
//! the text.

/// The end of every string, in order; each end at least the one before.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ends {
    /// The low 32 bits of each end.
    low: Vec<u32>,
    /// Where the high bits change: the first string with them, and them.
    /// Empty while every end is below 4 GiB.
    highs: Vec<(usize, u32)>,
}

const LOW_BITS: u32 = 32;

impl Ends {
    /// Adds the end of the next string; `false` (and nothing added) when it
    /// is before the end of the last one.
    #[must_use]
    pub fn push(&mut self, end: usize) -> bool {
        if end < self.last() {
            return false;
        }
        let end = end as u64;
        // Below 2^64, the high bits fit in 32.
        let high = (end >> LOW_BITS) as u32;
        if high != self.highs.last().map_or(0, |&(_, h)| h) {
            self.highs.push((self.low.len(), high));
        }
        // The high bits are kept above.
        self.low.push(end as u32);
        true
    }

    /// The end of string `i`.
    pub fn get(&self, i: usize) -> Option<usize> {
        let low = u64::from(*self.low.get(i)?);
        if self.highs.is_empty() {
            return usize::try_from(low).ok();
        }
        let at = self.highs.partition_point(|&(first, _)| first <= i);
        let high = at.checked_sub(1).and_then(|k| self.highs.get(k));
        let high = u64::from(high.map_or(0, |&(_, h)| h));
        usize::try_from((high << LOW_BITS) | low).ok()
    }

    /// The end of the last string (0 when there is none).
    pub fn last(&self) -> usize {
        self.len()
            .checked_sub(1)
            .and_then(|i| self.get(i))
            .unwrap_or(0)
    }

    pub fn len(&self) -> usize {
        self.low.len()
    }

    pub fn is_empty(&self) -> bool {
        self.low.is_empty()
    }

    /// Every end, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = usize> + '_ {
        (0..self.len()).map(|i| self.get(i).unwrap_or(0))
    }

    /// Adds the ends of `other`'s strings, each moved by `by`: what
    /// appending their text after `by` bytes of text means. `false` (and
    /// nothing added) when the first of them would end before the last end
    /// here.
    #[must_use]
    pub fn extend_shifted(&mut self, other: &Ends, by: usize) -> bool {
        if by < self.last() {
            return false;
        }
        let fits = u32::try_from(by.saturating_add(other.last())).is_ok();
        match u32::try_from(by) {
            Ok(by) if fits && self.highs.is_empty() && other.highs.is_empty() => {
                // Every sum is below 2^32: checked just above.
                self.low.extend(other.low.iter().map(|&l| l + by));
            }
            _ => {
                self.reserve(other.len());
                // `other`'s ends do not decrease, so no push is refused.
                other
                    .iter()
                    .for_each(|e| _ = self.push(e.saturating_add(by)));
            }
        }
        true
    }

    pub fn reserve(&mut self, more: usize) {
        self.low.reserve(more);
    }

    pub fn shrink_to_fit(&mut self) {
        self.low.shrink_to_fit();
        self.highs.shrink_to_fit();
    }
}

mod stored;

/// Ends 4 GiB apart, and a list of ends pushed one by one, for tests.
#[cfg(all(test, target_pointer_width = "64"))]
mod testing {
    use super::Ends;

    pub const GIB4: usize = 1 << 32;

    pub fn ends(list: &[usize]) -> Ends {
        let mut ends = Ends::default();
        for &end in list {
            assert!(ends.push(end));
        }
        ends
    }
}

#[cfg(all(test, target_pointer_width = "64"))]
mod tests {
    use super::testing::{GIB4, ends};

    #[test]
    fn shifted_ends_are_the_ends_pushed_one_by_one() {
        for (here, there, by) in [
            (vec![0, 3], vec![2, 5, 5], 3),
            (vec![4], vec![1, GIB4 + 1], 10),
            (vec![GIB4 + 2], vec![7], GIB4 + 2),
            (vec![], vec![GIB4 - 1], 1),
        ] {
            let mut shifted = ends(&here);
            assert!(shifted.extend_shifted(&ends(&there), by));
            let all: Vec<_> = here
                .iter()
                .copied()
                .chain(there.iter().map(|e| e + by))
                .collect();
            assert_eq!(shifted, ends(&all), "{here:?} {there:?} {by}");
        }
        let mut e = ends(&[9]);
        assert!(!e.extend_shifted(&ends(&[1]), 8));
        assert_eq!(e, ends(&[9]));
    }

    #[test]
    fn ends_below_4_gib_are_kept_as_they_are() {
        let e = ends(&[0, 3, 3, 10, GIB4 - 1]);
        assert_eq!(e.iter().collect::<Vec<_>>(), vec![0, 3, 3, 10, GIB4 - 1]);
        assert_eq!(e.get(5), None);
        assert_eq!(e.last(), GIB4 - 1);
        assert!(e.highs.is_empty());
    }

    #[test]
    fn ends_past_4_gib_are_kept_exactly() {
        let list = [
            7,
            GIB4 - 1,
            GIB4,
            GIB4 + 5,
            GIB4 + 5,
            3 * GIB4 + 1,
            3 * GIB4 + 2,
            usize::MAX - 1,
            usize::MAX,
        ];
        let e = ends(&list);
        assert_eq!(e.iter().collect::<Vec<_>>(), list.to_vec());
        assert_eq!(e.last(), usize::MAX);
        assert_eq!(e.len(), list.len());
        assert_eq!(e.highs.len(), 3);
    }

    #[test]
    fn an_end_before_the_last_is_refused() {
        let mut e = ends(&[5, GIB4 + 1]);
        assert!(!e.push(GIB4));
        assert!(!e.push(6));
        assert_eq!(e.iter().collect::<Vec<_>>(), vec![5, GIB4 + 1]);
        assert!(e.push(GIB4 + 1));
    }
}
