//! A slice read in two halves on two threads.
//!
//! For the passes over every event of a large fact set whose results
//! combine (the span of their dates, what they cite and link): a million
//! events are 144 MB to read, and one core reads them at the speed of
//! memory while the other waits. The second half is read on a scoped
//! thread while the calling thread reads the first; a short slice is read
//! on the calling thread alone. Nothing here knows what it reads, and the
//! result is the same whichever thread finishes first.

/// Below this many items both halves are read on the calling thread: a
/// thread costs tens of microseconds.
const ALONE: usize = 1 << 16;

/// `read` of each half of `items` with the index of its first item, the
/// first half's result first. A panic in either half is the caller's.
pub fn halves<T, R, F>(items: &[T], read: F) -> (R, R)
where
    T: Sync,
    R: Send,
    F: Fn(&[T], usize) -> R + Sync,
{
    let mid = items.len() / 2;
    let (first, second) = items.split_at(mid);
    if items.len() < ALONE {
        return (read(first, 0), read(second, mid));
    }
    std::thread::scope(|scope| {
        let other = scope.spawn(|| read(second, mid));
        let first = read(first, 0);
        match other.join() {
            Ok(second) => (first, second),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{ALONE, halves};

    #[test]
    fn halves_cover_the_slice_once_in_order() {
        for len in [0, 1, 2, 7, ALONE - 1, ALONE, ALONE + 3] {
            let items: Vec<usize> = (0..len).collect();
            let (a, b) = halves(&items, |half, first| {
                assert!(half.iter().zip(first..).all(|(&x, i)| x == i));
                half.to_vec()
            });
            assert_eq!([a, b].concat(), items, "{len}");
        }
    }
}
