//! A set of files read through one pipeline against each file read alone
//! by the reader of its format: files with problems of every kind, and
//! random fact sets written in every encoding, cut into files and changed.

use std::path::{Path, PathBuf};

use super::Set;
use crate::diag::Diagnostics;
use crate::load::files::InputError;
use crate::load::lines::BLOCK_BYTES;
use crate::load::read::{SourceText, read_text};
use crate::load::{FileId, Files, Format};
use crate::validate::fast::agree::same_reading;
use crate::validate::{NoProgress, Pending, document, read_document, stream};

/// Files of every kind the set takes, with problems of every kind: lines
/// that are not JSON, a UTF-16 file, bytes that are not UTF-8, a document
/// that is not JSON, TOML with a syntax error; and JSON Lines enough for
/// several blocks, so that workers decode them.
fn files(dir: &Path) -> Vec<(PathBuf, Format)> {
    let event = |i: usize| {
        format!(
            r#"{{"type":"event","id":"e{i}","title":"Event {i} \"q\"","date":"2024-03-{:02}","actors":["a"],"sources":["s"]}}"#,
            i % 28 + 1
        )
    };
    let many: Vec<String> = (0..(3 * BLOCK_BYTES / 110)).map(event).collect();
    let list = [
        (
            "a.jsonl",
            "{\"type\":\"source\",\"id\":\"s\",\"title\":\"S\"}\n{\"type\": broken\n".to_string(),
        ),
        (
            "b.json",
            r#"{"actor": [{"id": "a", "name": "A"}, {"id": "b"}]}"#.to_string(),
        ),
        (
            "c.toml",
            "[[place]]\nid = \"p\"\nname = \"P\"\n\n[[actor]]\nid = \"c\"\nname = \n".to_string(),
        ),
        ("d.jsonl", many.join("\n")),
        (
            "e.json",
            r#"[{"type": "actor", "id": "x", "name": "X"}, {"type": "actor" "id": "y"}]"#
                .to_string(),
        ),
        (
            "f.jsonl",
            "\u{feff}{\"type\":\"actor\",\"id\":\"e1\",\"name\":\"dup\"}\n".to_string(),
        ),
        (
            "h.toml",
            "[[actor]]\nid = \"t\"\nname = \"T\"\ncountry = 3\n".to_string(),
        ),
    ];
    let mut out: Vec<(PathBuf, Format)> = list
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            (path, Format::of(Path::new(name)).unwrap())
        })
        .collect();
    for (name, bytes) in [
        ("g.jsonl", &b"\xff\xfe{}\n"[..]),
        (
            "i.jsonl",
            b"{\"type\":\"actor\",\"id\":\"n\",\"name\":\"N\xc3\"}\n",
        ),
    ] {
        std::fs::write(dir.join(name), bytes).unwrap();
        out.push((dir.join(name), Format::JsonLines));
    }
    out
}

/// Each file read alone, one after another, into one store.
fn one_by_one(files: &[(PathBuf, Format)]) -> (Pending, Diagnostics) {
    let (mut store, mut diags) = (Pending::default(), Diagnostics::default());
    for (i, (path, format)) in files.iter().enumerate() {
        let id = FileId(i as u32);
        let progress = &mut NoProgress;
        match format {
            Format::JsonLines => {
                let file = std::fs::File::open(path).unwrap();
                stream::read(file, id, &mut store, &mut diags, progress);
            }
            Format::Json => {
                let rest = document::stream_file(path, id, None, &mut store, &mut diags, progress);
                let text = rest.map(|rest| (rest, read_text(id, path, &mut diags).unwrap()));
                if let Some((rest, Some(text))) = text {
                    let src = SourceText::new(id, &text, 1, 0);
                    document::read_rest(&src, rest, &mut store, &mut diags);
                }
            }
            Format::Toml => {
                if let Some(text) = read_text(id, path, &mut diags).unwrap() {
                    let src = SourceText::new(id, &text, 1, 0);
                    read_document(&src, Format::Toml, &mut store, &mut diags);
                }
            }
        }
    }
    (store, diags)
}

/// The files through one set.
fn together(files: &[(PathBuf, Format)]) -> Result<(Pending, Diagnostics), InputError> {
    let (mut store, mut diags) = (Pending::default(), Diagnostics::default());
    let mut set = Set::default();
    for (i, (path, format)) in files.iter().enumerate() {
        let size = std::fs::metadata(path).map(|m| m.len()).ok();
        assert!(Set::takes(*format, size), "{path:?}");
        set.push(FileId(i as u32), path.clone(), *format, size);
    }
    set.read(&Files::default(), &mut store, &mut diags, &mut NoProgress)?;
    Ok((store, diags))
}

#[test]
fn a_set_of_files_reads_as_its_files_read_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let files = files(dir.path());
    let want = one_by_one(&files);
    assert!(want.1.errors() >= 6, "{:?}", want.1.list);
    // On worker threads, then on the calling thread alone (a set smaller
    // than a block).
    let got = together(&files).unwrap();
    same_reading(
        (&got.0, &got.1),
        (&want.0, &want.1),
        "together",
        "the files",
    );
    let small: Vec<_> = files
        .into_iter()
        .filter(|(p, _)| !p.ends_with("d.jsonl"))
        .collect();
    let got = together(&small).unwrap();
    let want = one_by_one(&small);
    same_reading(
        (&got.0, &got.1),
        (&want.0, &want.1),
        "together",
        "the small files",
    );
}

#[test]
fn a_file_that_cannot_be_read_stops_the_set_with_its_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = files(dir.path());
    let gone = dir.path().join("gone.json");
    files.insert(2, (gone.clone(), Format::Json));
    let mut set = Set::default();
    for (i, (path, format)) in files.iter().enumerate() {
        set.push(FileId(i as u32), path.clone(), *format, Some(10));
    }
    let (mut store, mut diags) = (Pending::default(), Diagnostics::default());
    match set.read(&Files::default(), &mut store, &mut diags, &mut NoProgress) {
        Err(InputError::Io(path, _)) => assert_eq!(path, gone),
        other => panic!("{:?}", other.err()),
    }
    assert!(set.entries.is_empty());
}

#[test]
fn only_documents_small_enough_to_read_whole_join_a_set() {
    let block = BLOCK_BYTES as u64;
    assert!(Set::takes(Format::JsonLines, None));
    assert!(Set::takes(Format::JsonLines, Some(u64::MAX)));
    for format in [Format::Json, Format::Toml] {
        assert!(Set::takes(format, Some(0)));
        assert!(Set::takes(format, Some(block)));
        assert!(!Set::takes(format, Some(block + 1)));
        assert!(!Set::takes(format, None));
    }
}

/// `facts` written in the three encodings and cut into files: the JSON
/// Lines in `cuts` pieces around the two documents, each file given a
/// `name` in the order read.
fn written(dir: &Path, facts: &crate::model::Facts, cuts: usize) -> Vec<(PathBuf, Format)> {
    let lines = crate::write::write(facts, Format::JsonLines);
    let lines: Vec<&[u8]> = lines.split_inclusive(|b| *b == b'\n').collect();
    let per = lines.len().div_ceil(cuts.max(1)).max(1);
    let mut texts: Vec<(Vec<u8>, Format)> = lines
        .chunks(per)
        .map(|part| (part.concat(), Format::JsonLines))
        .collect();
    let at = texts.len() / 2;
    texts.insert(at, (crate::write::write(facts, Format::Json), Format::Json));
    texts.push((crate::write::write(facts, Format::Toml), Format::Toml));
    let ext = |f: Format| match f {
        Format::JsonLines => "jsonl",
        Format::Json => "json",
        Format::Toml => "toml",
    };
    texts
        .into_iter()
        .enumerate()
        .map(|(i, (text, format))| {
            let path = dir.join(format!("{i:03}.{}", ext(format)));
            std::fs::write(&path, text).unwrap();
            (path, format)
        })
        .collect()
}

proptest::proptest! {
    #![proptest_config(crate::write::arb::cases(32))]

    /// Any valid facts, written in every encoding and cut into files, one
    /// of them with a byte changed: read together as each file alone.
    #[test]
    fn written_facts_in_many_files_read_together_as_one_by_one(
        spec in crate::write::arb::spec(),
        cuts in 1usize..6,
        change in proptest::prelude::any::<(proptest::sample::Index, proptest::sample::Index, u8)>(),
    ) {
        let format = Format::JsonLines;
        let (facts, diags) = crate::validate::load_bytes(spec.jsonl().as_bytes(), format);
        proptest::prop_assert!(!diags.has_errors());
        let dir = tempfile::tempdir().unwrap();
        let files = written(dir.path(), &facts, cuts);
        let (file, at, byte) = change;
        let path = &files[file.index(files.len())].0;
        let mut bytes = std::fs::read(path).unwrap();
        if !bytes.is_empty() {
            let at = at.index(bytes.len());
            bytes[at] = byte;
            std::fs::write(path, bytes).unwrap();
        }
        let got = together(&files).unwrap();
        let want = one_by_one(&files);
        same_reading((&got.0, &got.1), (&want.0, &want.1), "together", "the written files");
    }
}
