//! TOML documents read as they come give the records and diagnostics of
//! the whole reading, or are refused at their first problem when too large
//! to be parsed whole.

use super::agrees;

const RICH: &str = include_str!("../../../facts/isis-k-moscow-2024.toml");

#[test]
fn the_bundled_facts_read_as_they_come_as_read_whole() {
    for read in [1, 3, 64, 1 << 20] {
        assert!(agrees(RICH, read, 1), "{read}");
        assert!(agrees(RICH, read, 300), "{read}");
    }
}

#[test]
fn records_with_problems_read_as_they_come_as_read_whole() {
    let text = "[[source]]\nid = \"s\"\ntitle = \"T\"\n\n[[actor]]\nid = \"a\"\nname = \"A\"\nsources = [\"nope\"]\n\
        [[actor]]\nid = \"a\"\nnam = \"B\"\n\n[[event]]\nid = \"e\"\ntitle = \"\"\"\n[[event]]\"\"\"\ndate = \"2024-13\"\n\
        [event.attributes]\nk = 1\n[[event]]\nid = \"e2\"\ntitle = \"x\"\ndate = \"2024\"\nkilled = \"lots\"\n\
        [[event.sources]]\nid = \"s\"\nquote = 'q'\n[[relation]]\nkind = \"k\"\nfrom = \"a\"\nto = \"zz\"\r\n";
    for read in [1, 2, 5, 1 << 20] {
        assert!(agrees(text, read, 1), "{read}");
        assert!(agrees(text, read, 100), "{read}");
        assert!(agrees(&format!("\u{feff}{text}"), read, 1), "{read}");
    }
}

#[test]
fn documents_that_cannot_be_cut_or_parsed_in_batches_are_left_to_the_whole_reading() {
    let cases = [
        "title = \"x\"\n[[event]]\nid = \"e\"\n",
        "[[event]]\nid = \"e\"\n[[source]]\nid = \"s\"\n[[event]]\nid = \"f\"\n",
        "[[event]]\nid = \"e\"\nid = \"f\"\n",
        "[[event]]\nid = \"e\n",
    ];
    for text in cases {
        assert!(!agrees(text, 3, 1), "{text}");
    }
}

/// What is said of `doc` as a document too large to be parsed whole: the
/// code, and the line and column of its place (0 and the byte it is at
/// when it is left to be placed when shown).
fn refused(doc: &[u8]) -> (crate::diag::Code, u64, u64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.toml");
    std::fs::write(&path, doc).unwrap();
    let (mut store, mut diags) = (
        super::Pending::default(),
        crate::diag::Diagnostics::default(),
    );
    let size = doc.len() as u64;
    let progress = &mut crate::validate::NoProgress;
    let file = crate::load::FileId(0);
    let at = super::stream_file(&path, file, size, &mut store, &mut diags, progress).unwrap_err();
    assert!(store.is_empty() && diags.list.is_empty());
    placed(&super::refusal(&path, file, at))
}

/// The first problem of `doc` read whole, as [`refused`] gives it.
fn first_read_whole(doc: &[u8]) -> (crate::diag::Code, u64, u64) {
    use crate::load::read::{SourceText, decode, each_record};
    let file = crate::load::FileId(0);
    let mut diags = crate::diag::Diagnostics::default();
    if let Some(text) = decode(file, doc.to_vec(), 1, &mut diags) {
        let src = SourceText::new(file, &text, 1, 0);
        each_record(&src, crate::load::Format::Toml, &mut diags, &mut |_, _| {});
    }
    diags.sort();
    placed(diags.list.first().unwrap())
}

fn placed(d: &crate::diag::Diagnostic) -> (crate::diag::Code, u64, u64) {
    use crate::diag::Loc;
    match &d.loc {
        Some(Loc::At(pos)) => (d.code, pos.line, pos.col as u64),
        Some(Loc::Text(origin, 1)) => (d.code, 0, origin.offset),
        other => panic!("{other:?}"),
    }
}

/// `n` events of five lines each.
fn events(n: usize) -> String {
    (0..n)
        .map(|i| format!("[[event]]\nid = \"e{i:06}\"\ntitle = \"T\"\ndate = \"2024\"\n\n"))
        .collect()
}

#[test]
fn a_document_too_large_to_parse_whole_is_refused_at_its_first_problem() {
    use crate::diag::Code;
    // Where event 20,000 starts (some 1 MB in).
    let at = 20_000 * events(1).len();
    let mut doc = events(30_000);
    doc.insert_str(at, "[[source]]\nid = \"s\"\ntitle = \"T\"\n\n");
    // At the next event's header, after the source's four lines.
    assert_eq!(refused(doc.as_bytes()), (Code::Limit, 0, at as u64 + 33));
    // A syntax error, and bytes that are not UTF-8, as the whole reading
    // places them.
    let mut doc = events(30_000);
    doc.replace_range(at + 14..at + 15, "\"");
    let syntax = refused(doc.as_bytes());
    assert_eq!(syntax, first_read_whole(doc.as_bytes()));
    assert_eq!((syntax.0, syntax.1), (Code::Syntax, 20_000 * 5 + 2));
    let mut doc = events(30_000).into_bytes();
    doc[at + 26] = 0xff;
    let encoding = refused(&doc);
    assert_eq!(encoding, first_read_whole(&doc));
    assert_eq!((encoding.0, encoding.1), (Code::Encoding, 20_000 * 5 + 3));
}

proptest::proptest! {
    #![proptest_config(crate::write::arb::cases(64))]

    /// Any valid facts written as TOML read as they come as read whole:
    /// section by section (plain sections read by the fast decoder, the
    /// others through the tree), in batches of several sections (read by
    /// the fast decoder only when all of a batch's sections are plain), and
    /// in one batch.
    #[test]
    fn written_facts_read_as_they_come_as_read_whole(spec in crate::write::arb::spec()) {
        let format = crate::load::Format::JsonLines;
        let (facts, diags) = crate::validate::load_bytes(spec.jsonl().as_bytes(), format);
        proptest::prop_assert!(!diags.has_errors());
        let toml = crate::write::write(&facts, crate::load::Format::Toml);
        let text = String::from_utf8_lossy(&toml);
        for (read, batch) in [(1, 1), (7, 1), (7, 300), (1 << 20, 1 << 20)] {
            proptest::prop_assert!(agrees(&text, read, batch), "{} {}", read, batch);
        }
    }
}
