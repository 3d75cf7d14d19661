//! Short lists kept in the record: the actors of an event, the sources a
//! record cites.
//!
//! Most records name one or two of each, and a heap allocation for every
//! such list costs more than the list (a million events held two million of
//! them). A [`List`] keeps up to two items inline and only a longer list on
//! the heap. It reads as a slice, compares as its items, and is stored (and
//! serialized) as a plain sequence, the same as a boxed slice. Nothing here
//! knows what the items are.

use std::ops::{Deref, DerefMut};

/// A list of items, kept inline up to two.
#[derive(Clone)]
pub struct List<T>(Repr<T>);

#[derive(Clone)]
enum Repr<T> {
    One(T),
    Two([T; 2]),
    /// None, or more than two.
    Heap(Box<[T]>),
}

impl<T> List<T> {
    pub fn new() -> List<T> {
        List(Repr::Heap(Box::default()))
    }
}

impl<T> Default for List<T> {
    fn default() -> List<T> {
        List::new()
    }
}

impl<T> Deref for List<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        match &self.0 {
            Repr::One(item) => std::slice::from_ref(item),
            Repr::Two(items) => items,
            Repr::Heap(items) => items,
        }
    }
}

impl<T> DerefMut for List<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        match &mut self.0 {
            Repr::One(item) => std::slice::from_mut(item),
            Repr::Two(items) => items,
            Repr::Heap(items) => items,
        }
    }
}

impl<T> FromIterator<T> for List<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> List<T> {
        let mut items = items.into_iter();
        let Some(first) = items.next() else {
            return List::new();
        };
        let Some(second) = items.next() else {
            return List(Repr::One(first));
        };
        let Some(third) = items.next() else {
            return List(Repr::Two([first, second]));
        };
        let mut all = Vec::with_capacity(3 + items.size_hint().0);
        all.extend([first, second, third]);
        all.extend(items);
        List(Repr::Heap(all.into_boxed_slice()))
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> List<T> {
        if items.len() > 2 {
            List(Repr::Heap(items.into_boxed_slice()))
        } else {
            items.into_iter().collect()
        }
    }
}

impl<T, const N: usize> From<[T; N]> for List<T> {
    fn from(items: [T; N]) -> List<T> {
        items.into_iter().collect()
    }
}

/// What a list type that reads as a slice of its items has besides: it
/// iterates, compares and prints as its items, and is serialized as a plain
/// sequence (each type reads itself back in its own way). For [`List`] and
/// [`super::Rare`].
macro_rules! slice_like {
    ($list:ident) => {
        impl<'a, T> IntoIterator for &'a $list<T> {
            type Item = &'a T;
            type IntoIter = std::slice::Iter<'a, T>;

            fn into_iter(self) -> Self::IntoIter {
                self.iter()
            }
        }

        impl<'a, T> IntoIterator for &'a mut $list<T> {
            type Item = &'a mut T;
            type IntoIter = std::slice::IterMut<'a, T>;

            fn into_iter(self) -> Self::IntoIter {
                self.iter_mut()
            }
        }

        impl<T: PartialEq> PartialEq for $list<T> {
            fn eq(&self, other: &$list<T>) -> bool {
                **self == **other
            }
        }

        impl<T: std::fmt::Debug> std::fmt::Debug for $list<T> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_list().entries(self.iter()).finish()
            }
        }

        impl<T: serde::Serialize> serde::Serialize for $list<T> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.iter())
            }
        }
    };
}

pub(crate) use slice_like;

slice_like!(List);

/// Read as a sequence, the first two items kept inline as they come: a
/// short list costs no allocation, not even a passing one.
impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for List<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<List<T>, D::Error> {
        struct Items<T>(std::marker::PhantomData<T>);
        impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for Items<T> {
            type Value = List<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<List<T>, A::Error> {
                let mut error = None;
                let list: List<T> = std::iter::from_fn(|| {
                    seq.next_element().unwrap_or_else(|e| {
                        error = Some(e);
                        None
                    })
                })
                .collect();
                error.map_or(Ok(list), Err)
            }
        }
        deserializer.deserialize_seq(Items(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_length_reads_back_as_written() {
        for n in 0..6u32 {
            let items: Vec<u32> = (0..n).collect();
            let from_vec = List::from(items.clone());
            let collected: List<u32> = items.iter().copied().collect();
            assert_eq!(&*from_vec, items.as_slice());
            assert_eq!(from_vec, collected);
            assert_eq!(from_vec.len(), n as usize);
            assert_eq!((&from_vec).into_iter().count(), n as usize);
            assert_eq!(format!("{from_vec:?}"), format!("{items:?}"));
        }
        assert!(List::<u32>::default().is_empty());
        assert_eq!(&*List::from([4, 5]), &[4, 5]);
    }

    #[test]
    fn short_lists_stay_inline() {
        assert!(matches!(List::from(vec![1]).0, Repr::One(1)));
        assert!(matches!(List::from(vec![1, 2]).0, Repr::Two([1, 2])));
        assert!(matches!(List::from(vec![1, 2, 3]).0, Repr::Heap(_)));
    }

    #[test]
    fn items_can_be_changed_in_place() {
        for n in 1..5u32 {
            let mut list: List<u32> = (0..n).collect();
            for x in &mut list {
                *x += 10;
            }
            assert_eq!(list.to_vec(), (10..10 + n).collect::<Vec<_>>());
        }
    }

    #[test]
    fn stored_as_a_boxed_slice_is() {
        for n in 0..5u32 {
            let boxed: Box<[u32]> = (0..n).collect();
            let list: List<u32> = (0..n).collect();
            let stored = postcard::to_allocvec(&list).unwrap();
            assert_eq!(stored, postcard::to_allocvec(&boxed).unwrap());
            assert_eq!(postcard::from_bytes::<List<u32>>(&stored).unwrap(), list);
            let json = serde_json::to_string(&list).unwrap();
            assert_eq!(json, serde_json::to_string(&boxed).unwrap());
        }
    }

    #[test]
    fn a_list_of_two_ids_takes_no_more_than_three_words() {
        assert!(std::mem::size_of::<List<(u32, u32)>>() <= 24);
    }
}
