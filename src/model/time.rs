//! The events of a fact set in time order: earliest bound, then latest
//! bound, then id.
//!
//! Sorting a million events costs a fifth of a second and reads every
//! event's id, so the order is computed once, when first asked for, and a
//! stored fact set keeps it ([`TimeOrder::from_stored`]). Nothing here
//! prints or reads files.

use std::sync::OnceLock;

use super::{EventIx, Facts};

/// The time order of the events, computed on first use.
#[derive(Debug, Default)]
pub struct TimeOrder(OnceLock<Vec<EventIx>>);

impl TimeOrder {
    /// An order read back from storage; `None` unless it lists each of
    /// `events` events exactly once.
    pub fn from_stored(order: Vec<EventIx>, events: usize) -> Option<TimeOrder> {
        let mut seen = vec![false; events];
        for e in &order {
            let slot = seen.get_mut(e.index())?;
            if std::mem::replace(slot, true) {
                return None;
            }
        }
        (order.len() == events).then(|| TimeOrder(OnceLock::from(order)))
    }
}

impl Facts {
    /// Every event, earliest first (see the module docs).
    pub fn by_time(&self) -> &[EventIx] {
        self.time.0.get_or_init(|| sorted(self))
    }
}

fn sorted(facts: &Facts) -> Vec<EventIx> {
    // Ids are compared only between events with the same bounds, so that
    // the list being sorted holds no string.
    let mut keyed: Vec<_> = (0u32..)
        .zip(&facts.events)
        .map(|(i, e)| (e.date.bounds().sort_key(), EventIx(i)))
        .collect();
    let id = |e: EventIx| facts.event(e).map_or("", |ev| facts.str(ev.id));
    keyed.sort_unstable_by(|(a, x), (b, y)| a.cmp(b).then_with(|| id(*x).cmp(id(*y))));
    keyed.into_iter().map(|(_, e)| e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_order_must_list_every_event_once() {
        assert!(TimeOrder::from_stored(vec![EventIx(1), EventIx(0)], 2).is_some());
        assert!(TimeOrder::from_stored(vec![EventIx(1), EventIx(1)], 2).is_none());
        assert!(TimeOrder::from_stored(vec![EventIx(2), EventIx(0)], 2).is_none());
        assert!(TimeOrder::from_stored(vec![EventIx(0)], 2).is_none());
    }
}
