//! The oracle that holds the fast decoder to the diagnostic one, line by
//! line: both accept the same lines and build the same records from them,
//! and the scanner reads what serde reads. Built for the tests and for the
//! fuzz targets (`--cfg fuzzing`), never into the program; it panics on a
//! disagreement, which is what those harnesses look for.

use super::de::Flat;
use super::{line, record, scan};
use crate::diag::Diagnostics;
use crate::load::lines::read_line;
use crate::load::read::SourceText;
use crate::load::{FileId, RawRecord, RecordShape, json};
use crate::model::Interner;
use crate::model::remap::MapSyms;
use crate::validate::{Pending, decode};

/// Panics unless two readings of `text` made the same records, the same
/// records dropped for errors, and the same diagnostics in the same order
/// (`what` names the second reading).
pub(in crate::validate) fn same_reading(
    (got, got_diags): (&Pending, &Diagnostics),
    (want, want_diags): (&Pending, &Diagnostics),
    what: &str,
    text: &str,
) {
    assert_eq!(describe(got), describe(want), "records {what} of {text}");
    let broken = |p: &Pending| {
        let named = p
            .broken
            .iter()
            .map(|(s, o, k)| (p.strings.resolve(*s).to_string(), *o, *k));
        named.collect::<Vec<_>>()
    };
    assert_eq!(broken(got), broken(want), "dropped {what} of {text}");
    assert_eq!(
        got_diags.list, want_diags.list,
        "diagnostics {what} of {text}"
    );
    assert_eq!(
        got_diags.errors(),
        want_diags.errors(),
        "errors {what} of {text}"
    );
}

/// The records of a store as text, each string renumbered in the order it
/// is met, so that stores that number their strings differently compare equal.
pub(in crate::validate) fn describe(store: &Pending) -> String {
    let canon = std::cell::RefCell::new(Interner::default());
    let f = |s: crate::model::Sym| canon.borrow_mut().intern(store.strings.resolve(s));
    fn each<T: MapSyms + Clone + std::fmt::Debug>(
        list: &[T],
        f: &dyn Fn(crate::model::Sym) -> crate::model::Sym,
        out: &mut String,
    ) {
        for r in list {
            let mut r = r.clone();
            r.map_syms(f);
            out.push_str(&format!("{r:?}\n"));
        }
    }
    let mut out = String::new();
    each(&store.sources, &f, &mut out);
    each(&store.actors, &f, &mut out);
    each(&store.places, &f, &mut out);
    each(&store.events, &f, &mut out);
    each(&store.relations, &f, &mut out);
    out.push_str(&canon.borrow().iter().collect::<Vec<_>>().join("|"));
    out
}

/// (accepted by the fast decoder, its store, accepted by the diagnostic one, its store)
pub fn both(text: &str) -> (bool, String, bool, String) {
    let mut fast = Pending::default();
    let fast_ok = line(text, FileId(0), 0, &mut fast);
    let mut slow = Pending::default();
    let mut diags = Diagnostics::default();
    read_line(FileId(0), text, 1, 0, &mut diags, &mut |rec, d| {
        decode::record(rec, &mut slow, d)
    });
    let slow_ok = !diags.has_errors() && slow.broken.is_empty();
    (fast_ok, describe(&fast), slow_ok, describe(&slow))
}

/// As [`both`], for a record of a document's list of `shape` records (no
/// `type`), decoded as it stands at the start of a document.
pub fn both_keyed(text: &str, shape: RecordShape) -> (bool, String, bool, String) {
    let mut fast = Pending::default();
    let fast_ok = record(text, Some(shape), FileId(0), 0, &mut fast);
    let mut slow = Pending::default();
    let mut diags = Diagnostics::default();
    let src = SourceText::new(FileId(0), text, 1, 0);
    let parsed = json::parse(text).map(|node| {
        let rec = RawRecord {
            shape,
            node: &node,
            tagged: false,
            src: &src,
        };
        decode::record(rec, &mut slow, &mut diags);
    });
    let slow_ok = parsed.is_ok() && !diags.has_errors() && slow.broken.is_empty();
    (fast_ok, describe(&fast), slow_ok, describe(&slow))
}

/// When the scanner reads a line, serde reads the same fields from it.
#[track_caller]
pub fn scanned_as_serde_reads(text: &str) {
    if let Some(scanned) = scan::flat(text) {
        match serde_json::from_str::<Flat<'_>>(text) {
            Ok(read) => assert_eq!(format!("{scanned:?}"), format!("{read:?}"), "{text}"),
            Err(e) => panic!("scanned what serde refuses ({e}): {text}"),
        }
    }
}

#[track_caller]
pub fn agree(text: &str) {
    scanned_as_serde_reads(text);
    agreed(text, both(text));
}

/// [`agree`] for a record of a document's list of `shape` records.
#[track_caller]
pub fn agree_keyed(text: &str, shape: RecordShape) {
    scanned_as_serde_reads(text);
    agreed(text, both_keyed(text, shape));
}

#[track_caller]
fn agreed(text: &str, (fast_ok, fast, slow_ok, slow): (bool, String, bool, String)) {
    if fast_ok {
        assert!(
            slow_ok,
            "fast accepted what the diagnostic decoder refuses: {text}"
        );
        assert_eq!(fast, slow, "different records from {text}");
    } else {
        assert!(
            fast.lines().count() <= 1,
            "a refused line left records behind: {text}"
        );
    }
}
