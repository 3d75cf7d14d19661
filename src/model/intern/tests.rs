//! Tests of the interner: deduplication, absorbing, freezing and thawing.

use super::*;

#[test]
fn interning_deduplicates_and_push_does_not() {
    let mut i = Interner::default();
    let a = i.intern("moscow");
    let b = i.intern("russia");
    assert_eq!(i.intern("moscow"), a);
    assert_ne!(a, b);
    let t = i.push("moscow");
    assert_ne!(t, a);
    assert_eq!(i.resolve(t), "moscow");
    assert_eq!(i.get("russia"), Some(b));
    assert_eq!(i.get("nowhere"), None);
    assert_eq!(i.intern(""), i.intern(""));
    let empty = i.intern("");
    assert_eq!(i.resolve(empty), "");
}

#[test]
fn a_length_is_read_from_where_strings_end_held_or_frozen() {
    let mut a = Interner::default();
    let syms = [
        a.intern("moscow"),
        a.push("a «title»"),
        a.intern(""),
        a.push(""),
        a.intern("kyïv"),
    ];
    let lengths = |i: &Interner| syms.map(|s| i.len_of(s));
    let expected = syms.map(|s| a.resolve(s).len());
    assert_eq!(lengths(&a), expected);
    assert_eq!(expected, [6, 11, 0, 0, 5]);
    let frozen = frozen_over(&a, shared(&a));
    assert_eq!(lengths(&frozen), expected);
    assert_eq!(a.len_of(Sym::from_index(99)), 0, "no such string");
}

#[test]
fn names_and_texts_are_numbered_apart() {
    let mut i = Interner::default();
    let title = i.push("a title");
    let moscow = i.intern("moscow");
    assert!(title.is_text() && !moscow.is_text());
    assert_eq!((title.index(), moscow.index()), (0, 0));
    assert_eq!((i.len(), i.names_len()), (2, 1));
    assert_eq!(i.iter().collect::<Vec<_>>(), ["moscow", "a title"]);
    assert!(!Sym::from_index(usize::MAX).is_text());
    assert!(Sym::text_from_index(usize::MAX).is_text());
}

#[test]
fn absorbing_keeps_interned_strings_deduplicated() {
    let mut a = Interner::default();
    let moscow = a.intern("moscow");
    let mut b = Interner::default();
    let b_text = b.push("a title");
    let b_moscow = b.intern("moscow");
    let b_kyiv = b.intern("kyiv");
    let map = a.absorb(&b);
    assert_eq!(map.get(b_moscow), moscow);
    assert_eq!(a.resolve(map.get(b_text)), "a title");
    assert_eq!(a.get("kyiv"), Some(map.get(b_kyiv)));
    assert_eq!(a.get("a title"), None);
}

/// Both kinds' text, end to end, read from memory as from a file.
fn shared(a: &Interner) -> (SharedText, SharedText) {
    shared_edited(a, |_| {})
}

/// [`shared`], its bytes (names, then texts) changed by `edit` first.
fn shared_edited(a: &Interner, edit: impl FnOnce(&mut Vec<u8>)) -> (SharedText, SharedText) {
    let [names, text] = a.texts();
    let mut bytes = [names.as_ref(), text.as_ref()].concat();
    edit(&mut bytes);
    let bytes = std::sync::Arc::new(bytes);
    (
        SharedText::read_on_demand(bytes.clone(), 0, names.len()),
        SharedText::read_on_demand(bytes, names.len() as u64, text.len()),
    )
}

/// `a` frozen over `texts`, as a stored entry is read back.
fn frozen_over(a: &Interner, texts: (SharedText, SharedText)) -> Interner {
    let (name_ends, text_ends, probe) = a.stored();
    Interner::frozen(texts, (name_ends.clone(), text_ends.clone()), probe).unwrap()
}

#[test]
fn a_frozen_interner_reads_finds_and_grows_as_the_original() {
    let mut a = Interner::default();
    let moscow = a.intern("moscow");
    let title = a.push("a title");
    let kyiv = a.intern("kyiv");
    let texts = shared(&a);
    let (name_ends, text_ends, probe) = a.stored();
    let ends = (name_ends.clone(), text_ends.clone());
    let mut b = Interner::frozen(texts.clone(), ends.clone(), probe.clone()).unwrap();
    assert_eq!(b.iter().collect::<Vec<_>>(), a.iter().collect::<Vec<_>>());
    assert_eq!((b.get("moscow"), b.get("kyiv")), (Some(moscow), Some(kyiv)));
    assert_eq!(b.get("a title"), None);
    assert_eq!(b.stored().2, probe);
    let swapped = (ends.1.clone(), ends.0.clone());
    assert!(Interner::frozen(texts.clone(), swapped, probe.clone()).is_none());
    let mut c = a.clone();
    assert!(c.freeze(texts.0.clone(), texts.1.clone(), probe.clone()));
    assert!(c.names.buf.is_empty() && c.text.buf.is_empty());
    assert_eq!(c.iter().collect::<Vec<_>>(), a.iter().collect::<Vec<_>>());
    assert_eq!(c.get("kyiv"), Some(kyiv));
    assert!(!c.freeze(texts.0, texts.1, probe), "frozen once");
    assert_eq!(b.intern("kyiv"), kyiv);
    let lviv = b.intern("lviv");
    assert_eq!((b.resolve(title), b.resolve(lviv)), ("a title", "lviv"));
    assert_eq!(b.get("moscow"), Some(moscow));
}

#[test]
fn reading_a_frozen_interner_whole_keeps_every_string_and_lookup() {
    let mut a = Interner::default();
    let moscow = a.intern("moscow");
    let title = a.push("a title, «quoted» ✓");
    a.push("");
    let kyiv = a.intern("kyiv");
    let texts = shared(&a);
    let mut b = frozen_over(&a, texts);
    b.read_whole();
    assert!(b.frozen.is_none(), "in memory now");
    assert_eq!(b.iter().collect::<Vec<_>>(), a.iter().collect::<Vec<_>>());
    assert_eq!((b.get("moscow"), b.get("kyiv")), (Some(moscow), Some(kyiv)));
    assert_eq!(b.resolve(title), "a title, «quoted» ✓");
    assert_eq!(b.intern("kyiv"), kyiv, "found, not added again");
    let before = b.iter().count();
    b.read_whole();
    assert_eq!(b.iter().count(), before, "a second read changes nothing");
    a.read_whole();
    assert_eq!(a.iter().collect::<Vec<_>>(), b.iter().collect::<Vec<_>>());
}

/// A byte changed in the stored text under the program: read whole, as a
/// page at a time, the string it falls in reads as empty and every other
/// string as it was.
#[test]
fn a_string_that_is_not_utf8_reads_empty_whole_as_by_pages() {
    let mut a = Interner::default();
    let moscow = a.intern("moscow");
    let first = a.push("first «one»");
    let bad = a.push("bad");
    let last = a.push("last ✓");
    let texts = shared_edited(&a, |bytes| {
        let at = bytes.windows(3).position(|w| w == b"bad").unwrap();
        bytes[at + 1] = 0xFF;
    });
    let mut b = frozen_over(&a, texts);
    let paged: Vec<String> = b.iter().map(str::to_string).collect();
    assert_eq!(b.resolve(bad), "");
    let mut c = Interner::default();
    c.push("before");
    let map = c.absorb(&b);
    let absorbed = [first, bad, last].map(|sym| c.resolve(map.get(sym)));
    assert_eq!(absorbed, ["first «one»", "", "last ✓"], "appended as read");
    b.read_whole();
    assert!(b.frozen.is_none());
    assert_eq!(b.iter().collect::<Vec<_>>(), paged);
    assert_eq!(
        [
            b.resolve(moscow),
            b.resolve(first),
            b.resolve(bad),
            b.resolve(last)
        ],
        ["moscow", "first «one»", "", "last ✓"]
    );
    assert_eq!(b.get("moscow"), Some(moscow));
}

/// A block of names and texts, some repeating within it and across blocks.
fn block(b: usize) -> Interner {
    let mut i = Interner::default();
    for k in 0..50 {
        i.intern(&format!("actor-{}", (b * 7 + k * k) % 40));
        i.push(&format!("text {b} {k}"));
        i.intern(&format!("event-{b}-{k}"));
    }
    i
}

#[test]
fn absorbing_blocks_is_interning_their_strings_in_order() {
    let blocks: Vec<Interner> = (0..20).map(block).collect();
    let mut absorbed = Interner::default();
    let mut one_by_one = Interner::default();
    for b in &blocks {
        let map = absorbed.absorb(b);
        for sym in (0..b.names_len()).map(Sym::from_index) {
            let expected = one_by_one.intern(b.resolve(sym));
            assert_eq!(map.get(sym), expected, "{}", b.resolve(sym));
        }
        for i in 0..b.text.ends.len() {
            let sym = Sym::text_from_index(i);
            assert_eq!(map.get(sym), one_by_one.push(b.resolve(sym)));
        }
    }
    assert_eq!(
        absorbed.iter().collect::<Vec<_>>(),
        one_by_one.iter().collect::<Vec<_>>()
    );
    assert_eq!(absorbed.get("actor-3"), one_by_one.get("actor-3"));
}

#[test]
fn absorbing_a_frozen_interner_reads_its_text() {
    let b = block(3);
    let texts = shared(&b);
    let (name_ends, text_ends, probe) = b.stored();
    let frozen = Interner::frozen(texts, (name_ends.clone(), text_ends.clone()), probe).unwrap();
    let mut a = block(1);
    let mut expected = a.clone();
    let map = a.absorb(&frozen);
    let want = expected.absorb(&b);
    assert_eq!(
        a.iter().collect::<Vec<_>>(),
        expected.iter().collect::<Vec<_>>()
    );
    for i in 0..b.text.ends.len() {
        let sym = Sym::text_from_index(i);
        assert_eq!(map.get(sym), want.get(sym));
    }
}

#[test]
fn first_byte_is_the_first_byte_of_the_string() {
    let mut a = Interner::default();
    let syms = [
        a.intern("moscow"),
        a.push(""),
        a.intern(""),
        a.push("é title"),
        a.intern("kyiv"),
    ];
    let texts = shared(&a);
    let frozen = frozen_over(&a, texts);
    for sym in syms {
        let want = a.resolve(sym).bytes().next().unwrap_or(0);
        assert_eq!(
            (a.first_byte(sym), frozen.first_byte(sym)),
            (want, want),
            "{sym:?}"
        );
    }
}

#[test]
fn name_lengths_are_read_from_the_ends() {
    let mut strings = Interner::default();
    for s in ["ab", "", "ωmega", "ab", "xyz"] {
        strings.intern(s);
    }
    strings.push("a text, not a name");
    let lengths: Vec<usize> = strings.name_lengths().collect();
    assert_eq!(lengths, [2, 0, 6, 3]);
}
