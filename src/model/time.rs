//! The events of a fact set in time order: earliest bound, then latest
//! bound, then id.
//!
//! Sorting a million events costs about a sixth of a second and reads every
//! event's id, so the order is computed once, when first asked for, and a
//! stored fact set keeps it ([`TimeOrder::from_stored`]). Nothing here
//! prints or reads files.

use std::sync::OnceLock;

use super::{EventIx, Facts};
use crate::edtf::Day;

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
    let keys = || {
        (0u32..)
            .zip(&facts.events)
            .map(|(i, e)| (e.date.bounds().sort_key(), EventIx(i)))
    };
    // Days as 32-bit numbers when every bound fits (any date within five
    // million years), so that the list being sorted takes 12 bytes an event.
    let narrow: Option<Vec<_>> = keys()
        .map(|((a, b), e)| Some(((narrow(a)?, narrow(b)?), e)))
        .collect();
    match narrow {
        Some(keyed) => order(facts, keyed),
        None => order(facts, keys().collect()),
    }
}

/// A day as a 32-bit number, in the same order; `None` when it does not fit.
fn narrow(day: Day) -> Option<i32> {
    match day {
        Day::MIN => Some(i32::MIN),
        Day::MAX => Some(i32::MAX),
        _ => i32::try_from(day.days())
            .ok()
            .filter(|d| *d != i32::MIN && *d != i32::MAX),
    }
}

/// The first sixteen bytes of an id, padded with zeros, as a number: of two
/// ids, the one first in byte order never has the larger prefix, and ids
/// that differ within their first sixteen bytes (nearly all, when many
/// events share a day) are ordered by their prefixes alone.
fn prefix(id: &str) -> u128 {
    let mut bytes = [0u8; 16];
    for (to, from) in bytes.iter_mut().zip(id.bytes()) {
        *to = from;
    }
    u128::from_be_bytes(bytes)
}

/// The events sorted by key, then id. The keys are sorted alone; then each
/// run of events with the same key is sorted by id, through the first
/// sixteen bytes of each id, read once an event, and whole ids only where
/// those agree. With a million events, comparing whole ids whenever keys
/// tied read about seven ids an event and took most of the sort's time.
fn order<K: Ord>(facts: &Facts, mut keyed: Vec<(K, EventIx)>) -> Vec<EventIx> {
    let id = |e: EventIx| facts.event(e).map_or("", |ev| facts.str(ev.id));
    keyed.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
    // A list of its own, so that the sorted keys' memory is freed.
    let mut out = Vec::with_capacity(keyed.len());
    let mut run: Vec<(u128, EventIx)> = Vec::new();
    for same in keyed.chunk_by(|(a, _), (b, _)| a == b) {
        if let [(_, only)] = same {
            out.push(*only);
            continue;
        }
        run.clear();
        run.extend(same.iter().map(|&(_, e)| (prefix(id(e)), e)));
        run.sort_unstable_by(|(p, x), (q, y)| p.cmp(q).then_with(|| id(*x).cmp(id(*y))));
        out.extend(run.iter().map(|&(_, e)| e));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_narrow_in_order_or_not_at_all() {
        let days = [
            Day::MIN,
            Day::from_days(-5),
            Day::from_days(0),
            Day::from_days(20_000),
            Day::MAX,
        ];
        let narrowed: Vec<i32> = days.iter().map(|d| narrow(*d).unwrap()).collect();
        assert!(narrowed.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(narrow(Day::from_days(i64::from(i32::MAX))), None);
        assert_eq!(narrow(Day::from_days(-60_000_000_000)), None);
    }

    #[test]
    fn dates_too_far_for_32_bits_are_ordered_as_well() {
        let toml = |far: &str| {
            format!(
                "[[event]]\nid = \"b\"\ntitle = \"B\"\ndate = \"2024\"\n\n\
                 [[event]]\nid = \"far\"\ntitle = \"F\"\ndate = \"{far}\"\n\n\
                 [[event]]\nid = \"a\"\ntitle = \"A\"\ndate = \"2024\"\n"
            )
        };
        for (far, expected) in [
            ("Y-170000002", ["far", "a", "b"]),
            ("Y170000002", ["a", "b", "far"]),
            ("1900", ["far", "a", "b"]),
        ] {
            let (facts, _) = crate::query::testing::facts_from(&toml(far));
            let ids: Vec<&str> = facts
                .by_time()
                .iter()
                .map(|e| facts.str(facts.events[e.index()].id))
                .collect();
            assert_eq!(ids, expected, "{far}");
        }
    }

    #[test]
    fn prefixes_never_disagree_with_byte_order() {
        let ids = [
            "",
            "\0",
            "a",
            "a\0",
            "a\0b",
            "ab",
            "event-1",
            "event-10",
            "event-2",
            "event-1234567890",
            "event-12345678901",
            "event-12345678902",
            "é",
            "z",
        ];
        for a in ids {
            for b in ids {
                if a < b {
                    assert!(prefix(a) <= prefix(b), "{a:?} {b:?}");
                }
                if a.len() <= 16
                    && b.len() <= 16
                    && a.trim_end_matches('\0') != b.trim_end_matches('\0')
                {
                    assert_eq!(prefix(a).cmp(&prefix(b)), a.cmp(b), "{a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn events_on_one_day_are_in_id_order_past_the_prefix() {
        // Ids that share their first sixteen bytes, stored out of order.
        let ids = [
            "event-0000000000-b",
            "event-0000000000-a",
            "event-0000000000",
            "e",
        ];
        let toml: String = ids
            .iter()
            .map(|id| format!("[[event]]\nid = \"{id}\"\ntitle = \"T\"\ndate = \"2024-03-22\"\n\n"))
            .collect();
        let (facts, _) = crate::query::testing::facts_from(&toml);
        let got: Vec<&str> = facts
            .by_time()
            .iter()
            .map(|e| facts.str(facts.events[e.index()].id))
            .collect();
        let mut want = ids.to_vec();
        want.sort_unstable();
        assert_eq!(got, want);
    }

    #[test]
    fn a_stored_order_must_list_every_event_once() {
        assert!(TimeOrder::from_stored(vec![EventIx(1), EventIx(0)], 2).is_some());
        assert!(TimeOrder::from_stored(vec![EventIx(1), EventIx(1)], 2).is_none());
        assert!(TimeOrder::from_stored(vec![EventIx(2), EventIx(0)], 2).is_none());
        assert!(TimeOrder::from_stored(vec![EventIx(0)], 2).is_none());
    }
}
