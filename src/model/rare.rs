//! Lists that are usually empty: an event's free attributes.
//!
//! A boxed slice takes sixteen bytes even when empty, in every one of a
//! million events. A [`Rare`] list takes eight (one pointer, null when
//! empty) and allocates only when it has items. It reads as a slice,
//! compares as its items, and is stored (and serialized) as a plain
//! sequence, the same as a boxed slice. Nothing here knows what the items
//! are.

use std::ops::{Deref, DerefMut};

/// A list kept behind one pointer, allocated only when not empty.
#[derive(Clone)]
pub struct Rare<T>(Option<Box<Box<[T]>>>);

impl<T> Default for Rare<T> {
    fn default() -> Rare<T> {
        Rare(None)
    }
}

impl<T> Deref for Rare<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        self.0.as_deref().map_or(&[], |items| items)
    }
}

impl<T> DerefMut for Rare<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        self.0.as_deref_mut().map_or(&mut [], |items| items)
    }
}

impl<T> From<Vec<T>> for Rare<T> {
    fn from(items: Vec<T>) -> Rare<T> {
        Rare((!items.is_empty()).then(|| Box::new(items.into_boxed_slice())))
    }
}

impl<T> FromIterator<T> for Rare<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Rare<T> {
        Rare::from(items.into_iter().collect::<Vec<T>>())
    }
}

super::list::slice_like!(Rare);

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Rare<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Rare<T>, D::Error> {
        <Vec<T> as serde::Deserialize>::deserialize(deserializer).map(Rare::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_changes_and_stores_as_a_boxed_slice() {
        assert_eq!(size_of::<Rare<(u32, u64)>>(), 8);
        for n in 0..4u32 {
            let mut rare: Rare<u32> = (0..n).collect();
            assert_eq!(rare.0.is_none(), n == 0, "no allocation when empty");
            for x in &mut rare {
                *x += 1;
            }
            assert_eq!(&*rare, (1..=n).collect::<Vec<_>>().as_slice());
            let boxed: Box<[u32]> = (1..=n).collect();
            let stored = postcard::to_allocvec(&rare).unwrap();
            assert_eq!(stored, postcard::to_allocvec(&boxed).unwrap());
            assert_eq!(postcard::from_bytes::<Rare<u32>>(&stored).unwrap(), rare);
            assert_eq!(format!("{rare:?}"), format!("{boxed:?}"));
        }
    }
}
