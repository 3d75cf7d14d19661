//! Reading an export's strings ahead of it, a batch of events at a time.
//!
//! Exports walk events in time order, but their text is stored in the order
//! it was read, so with a large fact set each string an export writes is a
//! wait on memory, taken one after another while the export builds its
//! output. [`events`] hands the events over in batches and, before each
//! batch, reads the first byte of every string the batch's events write: the
//! reads are independent of each other, so the processor overlaps their
//! waits, and the export then finds its strings in cache. A walk may also
//! keep pace with other exports' walks ([`super::pace`]). It changes no
//! output; it only decides when memory is touched.

use super::pace::Walker;
use crate::model::{EventIx, Facts, Sym};

/// How many events are read ahead at once: their strings stay in cache
/// until written. Small, because `build` runs its four exports at once, two
/// to a core and its caches: at 1M, batches of 16 took `build` a median of
/// 7.40 s against 7.50 s for 256 and 8.03 s reading nothing ahead (five
/// interleaved runs), and 1,024 was slower again.
const BATCH: usize = 16;

/// How many events a paced walk goes between telling its [`Walker`] where
/// it is: about two thousand times over a million events. A whole number of
/// batches, so that a walk tells it at the start of a batch.
const STRIDE: usize = 512;
const _: () = assert!(STRIDE.is_multiple_of(BATCH));

/// `events`, in order, each batch's strings read just before it; with a
/// `walker`, at the pace of the exports walking with it, and done with the
/// last event.
pub fn events<'a>(
    facts: &'a Facts,
    events: &'a [EventIx],
    walker: Option<&'a Walker<'a>>,
) -> impl Iterator<Item = EventIx> + 'a {
    let walk = events
        .chunks(BATCH)
        .enumerate()
        .flat_map(move |(i, batch)| {
            let at = i * BATCH;
            if let Some(walker) = walker.filter(|_| at.is_multiple_of(STRIDE)) {
                walker.at(at);
            }
            touch(facts, batch);
            batch.iter().copied()
        });
    let end = std::iter::from_fn(move || {
        if let Some(walker) = walker {
            walker.done();
        }
        None
    });
    walk.chain(end)
}

/// Reads the first byte of the strings the events of `batch` write: their
/// handles first, from the records, then the bytes, in a loop of reads that
/// do not wait on each other.
fn touch(facts: &Facts, batch: &[EventIx]) {
    let mut syms: Vec<Sym> = Vec::with_capacity(batch.len() * 12);
    for event in batch.iter().filter_map(|&ix| facts.event(ix)) {
        syms.extend([event.id, event.title]);
        syms.extend(event.summary);
        syms.extend(event.kind);
        syms.extend(event.place.and_then(|p| facts.place(p)).map(|p| p.name));
        for part in event.actors.iter() {
            syms.extend(part.role);
            syms.extend(facts.actor(part.actor).map(|a| a.name));
        }
        for cite in event.sources.iter() {
            syms.extend(cite.quote);
            if let Some(source) = facts.source(cite.source) {
                syms.push(source.title);
                syms.extend(source.url);
            }
        }
    }
    let seen = syms
        .iter()
        .fold(0u8, |seen, &sym| seen ^ facts.strings.first_byte(sym));
    std::hint::black_box(seen);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture;

    /// Two walks at one pace, on two threads, each give every event in
    /// order and are done at their end (else the other would wait forever).
    #[test]
    fn paced_walks_give_the_same_events() {
        crate::export::pace::finishes(|| {
            let facts = fixture::bundled().facts;
            let all: Vec<EventIx> = (0..facts.events.len()).map(|i| EventIx(i as u32)).collect();
            let ixs: Vec<EventIx> = all.iter().copied().cycle().take(5 * STRIDE + 3).collect();
            let pace = crate::export::pace::Pace::new(2, 1);
            let walks: Vec<Vec<EventIx>> = std::thread::scope(|scope| {
                let handles: Vec<_> = pace
                    .walkers()
                    .into_iter()
                    .map(|walker| {
                        let (facts, ixs) = (&facts, &ixs);
                        scope.spawn(move || events(facts, ixs, Some(&walker)).collect())
                    })
                    .collect();
                handles.into_iter().filter_map(|h| h.join().ok()).collect()
            });
            assert_eq!(walks, vec![ixs.clone(), ixs]);
        });
    }

    #[test]
    fn events_come_in_order_each_once() {
        let facts = fixture::bundled().facts;
        let all: Vec<EventIx> = (0..facts.events.len()).map(|i| EventIx(i as u32)).collect();
        assert!(!all.is_empty());
        for n in [0, 1, BATCH - 1, BATCH, BATCH + 1, 3 * BATCH + 7] {
            let ixs: Vec<EventIx> = all.iter().copied().cycle().take(n).collect();
            assert_eq!(events(&facts, &ixs, None).collect::<Vec<_>>(), ixs, "{n}");
        }
    }
}
