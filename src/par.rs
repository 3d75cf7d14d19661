//! A slice read in two halves on two threads.
//!
//! For the passes over every event of a large fact set whose results
//! combine (the span of their dates, what they cite and link): a million
//! events are 144 MB to read, and one core reads them at the speed of
//! memory while the other waits. The second half is read on a scoped
//! thread while the calling thread reads the first; a short slice is read
//! on the calling thread alone. Two different passes can also run side by
//! side ([`beside`]). Nothing here knows what it reads, and the result is
//! the same whichever thread finishes first.

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

/// `here()` on the calling thread and `there()` on a scoped thread at the
/// same time, when `apart`; else one after the other on the calling
/// thread. A panic in either is the caller's.
pub fn beside<A, B>(
    here: impl FnOnce() -> A,
    there: impl FnOnce() -> B + Send,
    apart: bool,
) -> (A, B)
where
    B: Send,
{
    if !apart {
        let a = here();
        return (a, there());
    }
    std::thread::scope(|scope| {
        let other = scope.spawn(there);
        let a = here();
        match other.join() {
            Ok(b) => (a, b),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// Whether a pass over `len` items is worth a thread of its own.
pub fn worth_a_thread(len: usize) -> bool {
    len >= ALONE
}

#[cfg(test)]
mod tests {
    use super::{ALONE, beside, halves};

    #[test]
    fn beside_gives_both_results_apart_or_not() {
        for apart in [false, true] {
            let (a, b) = beside(|| 1 + 1, || "two", apart);
            assert_eq!((a, b), (2, "two"));
        }
    }

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
