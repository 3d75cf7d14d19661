//! Exports that walk the same events, kept near each other.
//!
//! `build` writes its exports at once, each on a thread of its own, and
//! each walks the kept events in time order. With a large fact set the
//! events' records and strings do not fit in the processor's caches: an
//! export that runs ahead fetches them from memory, and one far behind
//! fetches them again. A [`Pace`] keeps its walkers within a window of
//! events of the slowest one, so that what one fetches is still in the
//! shared cache when the others read it. It decides only when a walker
//! waits, never what any export writes. The slowest walker never waits, and
//! a walker that is done (its walk over, its export stopped, its handle
//! dropped) holds no one back, so the walkers cannot all wait at once.

use std::sync::{Condvar, Mutex, MutexGuard};

/// Where a walker stands once it is done: past every event.
const DONE: usize = usize::MAX;

/// The positions of walkers that keep within `window` events of each other.
pub struct Pace {
    at: Mutex<Vec<usize>>,
    moved: Condvar,
    window: usize,
}

/// One walker of a [`Pace`]; done when dropped.
pub struct Walker<'p> {
    pace: &'p Pace,
    slot: usize,
}

impl Pace {
    /// `walkers` walkers at the first event, none more than `window` events
    /// ahead of the slowest.
    pub fn new(walkers: usize, window: usize) -> Pace {
        Pace {
            at: Mutex::new(vec![0; walkers]),
            moved: Condvar::new(),
            window,
        }
    }

    /// A handle for each walker, in order.
    pub fn walkers(&self) -> Vec<Walker<'_>> {
        let count = self.at.lock().map_or(0, |at| at.len());
        (0..count).map(|slot| Walker { pace: self, slot }).collect()
    }
}

impl Walker<'_> {
    /// Says that this walker is at event `position` of its walk, and waits
    /// while that is more than the window past the slowest walker.
    pub fn at(&self, position: usize) {
        let pace = self.pace;
        let Some(mut at) = self.tell(position) else {
            return;
        };
        while position > slowest(&at).saturating_add(pace.window) {
            at = match pace.moved.wait(at) {
                Ok(at) => at,
                Err(_) => return,
            };
        }
    }

    /// Says that this walker's walk is over: it holds no one back, and
    /// does not wait.
    pub fn done(&self) {
        drop(self.tell(DONE));
    }

    /// Sets this walker's position and wakes the walkers waiting; gives the
    /// positions, still locked (`None` if a walker panicked holding them).
    fn tell(&self, position: usize) -> Option<MutexGuard<'_, Vec<usize>>> {
        let mut at = self.pace.at.lock().ok()?;
        if let Some(slot) = at.get_mut(self.slot) {
            *slot = position;
        }
        self.pace.moved.notify_all();
        Some(at)
    }
}

impl Drop for Walker<'_> {
    fn drop(&mut self) {
        self.done();
    }
}

/// The position of the slowest walker.
fn slowest(at: &[usize]) -> usize {
    at.iter().copied().min().unwrap_or(DONE)
}

/// Runs `f` on a thread of its own; fails if it has not returned in 30
/// seconds (walkers waiting on each other forever), rather than hang.
#[cfg(test)]
pub(crate) fn finishes(f: impl FnOnce() + Send + 'static) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        f();
        let _ = tx.send(());
    });
    let over = rx.recv_timeout(std::time::Duration::from_secs(30));
    assert!(over.is_ok(), "the walkers did not finish");
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::{Pace, finishes, slowest};

    #[test]
    fn the_slowest_is_the_least_position_and_done_walkers_count_for_nothing() {
        assert_eq!(slowest(&[3, 1, 2]), 1);
        assert_eq!(slowest(&[super::DONE, 5]), 5);
        assert_eq!(slowest(&[]), super::DONE);
    }

    /// Three walkers of 10,000 steps, one of them slow: at every step each
    /// sees the others within the window (plus the step it has not told
    /// yet), and all finish.
    #[test]
    fn walkers_keep_within_the_window_and_all_finish() {
        finishes(three_walkers);
    }

    fn three_walkers() {
        const WINDOW: usize = 64;
        const STEPS: usize = 10_000;
        let pace = Pace::new(3, WINDOW);
        let walked: Vec<AtomicUsize> = (0..3).map(|_| AtomicUsize::new(0)).collect();
        std::thread::scope(|scope| {
            for (i, walker) in pace.walkers().into_iter().enumerate() {
                let walked = &walked;
                scope.spawn(move || {
                    for step in 0..STEPS {
                        walker.at(step);
                        let slowest = walked.iter().map(|w| w.load(Ordering::SeqCst)).min();
                        assert!(step <= slowest.unwrap_or(0) + WINDOW + 1, "{i} at {step}");
                        if let Some(w) = walked.get(i) {
                            w.store(step, Ordering::SeqCst);
                        }
                        if i == 0 && step % 100 == 0 {
                            std::thread::yield_now();
                        }
                    }
                });
            }
        });
        assert!(walked.iter().all(|w| w.load(Ordering::SeqCst) == STEPS - 1));
    }

    /// A walker dropped before it walks holds no one back, and is not held
    /// back by those still walking.
    #[test]
    fn a_dropped_walker_holds_no_one_back() {
        finishes(|| {
            let pace = Pace::new(2, 4);
            let mut walkers = pace.walkers();
            drop(walkers.pop());
            if let Some(walker) = walkers.first() {
                walker.at(1_000);
            }
        });
    }
}
