//! Finding a record's field again in its file, for a diagnostic.
//!
//! The loaded model keeps only where each record starts (an [`Origin`](crate::diag::Origin)), not
//! the position of every value. When a later stage reports a problem with a
//! field (or a record of a JSON document read as it came reports one with a
//! span of its text), this module reads that file again — once per file,
//! however many diagnostics point into it — finds the records that start at
//! the origins and follows each path to its value (or finds the span). A
//! JSON Lines file or JSON document is streamed, never held whole, and only
//! the records pointed into are parsed; a TOML document is cut as it was
//! read and only the batches pointed into are parsed (one that cannot be
//! cut is parsed whole). Standard input is read again from the copy kept
//! as it was read ([`super::spool`]).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;

use hashbrown::HashMap;

use super::files::{FileId, Files, Format};
use super::json;
use super::read::{BOM, SourceText, each_record, read_text};
use super::shape::for_each_record;
use super::toml::cut::{Cut, Cuts};
use super::tree::{Node, Span, Value};
use super::window::Window;
use crate::diag::{Diagnostics, Loc, Note, PathSeg, Pos};

/// Why a problem in standard input has no line and column.
const UNKEPT: &str = "no copy of standard input could be made in the temporary folder \
                      (TMPDIR), so where in it this lies is not known";

/// Replaces every field or text location by a resolved position where
/// possible.
pub fn relocate(files: &Files, diags: &mut Diagnostics) {
    let mut by_file: BTreeMap<FileId, Vec<&mut Loc>> = BTreeMap::new();
    for d in &mut diags.list {
        // Standard input with no copy kept cannot be read again: say why.
        if let Some(Loc::Field(origin, _) | Loc::Text(origin, _)) = &d.loc {
            let entry = files.get(origin.file);
            if entry.is_some_and(|e| e.path.is_none() && e.kept.is_none()) {
                d.notes.push(Note {
                    loc: None,
                    message: UNKEPT.to_string(),
                });
            }
        }
        let locs = d
            .loc
            .iter_mut()
            .chain(d.notes.iter_mut().filter_map(|n| n.loc.as_mut()));
        for loc in locs {
            if let Loc::Field(origin, _) | Loc::Text(origin, _) = loc {
                by_file.entry(origin.file).or_default().push(loc);
            }
        }
    }
    for (file, locs) in by_file {
        let entry = files.get(file);
        let path = entry.and_then(|e| e.path.as_deref().or(e.kept.as_deref()));
        let found = match (path, entry.map(|e| e.format)) {
            (Some(p), Some(Format::JsonLines)) => in_lines(file, p, &locs),
            (Some(p), Some(Format::Json)) => in_json(file, p, &locs),
            (Some(p), Some(Format::Toml)) => in_toml(file, p, &locs),
            _ => HashMap::new(),
        };
        for (i, loc) in locs.into_iter().enumerate() {
            *loc = match found.get(&i) {
                Some(pos) => Loc::At(pos.clone()),
                None => Loc::File(file),
            };
        }
    }
}

fn parts(loc: &Loc) -> Option<(u64, &[PathSeg])> {
    match loc {
        Loc::Field(origin, path) => Some((origin.offset, path.as_slice())),
        _ => None,
    }
}

/// Streams a JSON Lines file once, resolving each location on its line.
fn in_lines(file: FileId, path: &Path, locs: &[&mut Loc]) -> HashMap<usize, Pos> {
    let mut wanted: Vec<(u64, usize)> = locs
        .iter()
        .enumerate()
        .filter_map(|(i, l)| Some((parts(l)?.0, i)))
        .collect();
    wanted.sort_unstable();
    let mut found = HashMap::new();
    let Ok(f) = std::fs::File::open(path) else {
        return found;
    };
    let mut reader = BufReader::with_capacity(1 << 20, f);
    let (mut buf, mut start, mut line_no, mut next) = (Vec::new(), 0u64, 1u64, 0usize);
    while next < wanted.len() {
        buf.clear();
        let Ok(n) = reader.read_until(b'\n', &mut buf) else {
            break;
        };
        if n == 0 {
            break;
        }
        // Offsets count after a byte-order mark.
        let bom = if line_no == 1 && buf.starts_with(&BOM) {
            3
        } else {
            0
        };
        let end = start + (n - bom) as u64;
        let text = std::str::from_utf8(buf.get(bom..).unwrap_or_default()).unwrap_or_default();
        let text = text.trim_end_matches('\n').trim_end_matches('\r');
        while let Some(&(_, i)) = wanted.get(next).filter(|(o, _)| *o < end) {
            next += 1;
            let Some((_, segs)) = locs.get(i).and_then(|l| parts(l)) else {
                continue;
            };
            let src = SourceText::new(file, text, line_no, start);
            if let Ok(node) = json::parse(text) {
                found.insert(i, src.pos(follow(&node, segs)));
            }
        }
        start = end;
        line_no += 1;
    }
    found
}

/// Reads a JSON document again front to back, resolving each location in
/// a window of the text around it: a field in its record, parsed alone; a
/// span of text where it stands.
fn in_json(file: FileId, path: &Path, locs: &[&mut Loc]) -> HashMap<usize, Pos> {
    let mut found = HashMap::new();
    let Ok(reader) = std::fs::File::open(path) else {
        return found;
    };
    let mut window = Window::new(reader, file);
    let mut at: BTreeMap<u64, Wanted> = BTreeMap::new();
    for (i, loc) in locs.iter().enumerate() {
        match loc {
            Loc::Field(origin, _) => at.entry(origin.offset).or_default().0.push(i),
            Loc::Text(origin, len) => at.entry(origin.offset).or_default().1.push((i, *len)),
            _ => {}
        }
    }
    for (offset, (fields, spans)) in at {
        if !fields.is_empty()
            && let Some((src, start)) = window.record(offset)
            && let Ok(node) = json::parse_at(src.text, start)
        {
            resolve(&src, &node, &fields, locs, &mut found);
        }
        for (i, len) in spans {
            if let Some((src, span)) = window.around(offset, len) {
                found.insert(i, src.pos(span));
            }
        }
    }
    found
}

/// What is wanted at one offset of a JSON document: the locations of the
/// fields of the record there, and those of the spans of text there with
/// their lengths.
type Wanted = (Vec<usize>, Vec<(usize, usize)>);

/// The locations of each record, by where the record starts, in order.
fn by_record(locs: &[&mut Loc]) -> BTreeMap<u64, Vec<usize>> {
    let mut records: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    for (i, loc) in locs.iter().enumerate() {
        if let Some((offset, _)) = parts(loc) {
            records.entry(offset).or_default().push(i);
        }
    }
    records
}

/// Reads a TOML document again as it was read, cut into batches of whole
/// sections, parsing only the batches that hold records pointed into; a
/// document that cannot be cut so is parsed whole.
fn in_toml(file: FileId, path: &Path, locs: &[&mut Loc]) -> HashMap<usize, Pos> {
    let mut found = spans(file, path, locs);
    let size = std::fs::metadata(path).map_or(u64::MAX, |m| m.len());
    let whole = |mut found: HashMap<usize, Pos>| {
        if size <= super::toml::MAX_WHOLE_BYTES {
            found.extend(in_document(file, path, locs));
        }
        found
    };
    let records = by_record(locs);
    let (Ok(f), Some(&last)) = (std::fs::File::open(path), records.keys().next_back()) else {
        return found;
    };
    for cut in Cuts::new(f) {
        let batch = match cut {
            Cut::Batch(batch) => batch,
            Cut::Stop(_) => return whole(found),
        };
        if batch.offset > last {
            break;
        }
        let end = batch.offset + batch.bytes.len() as u64;
        if records.range(batch.offset..end).next().is_none() {
            continue;
        }
        let Ok(text) = std::str::from_utf8(&batch.bytes) else {
            return whole(found);
        };
        let Ok(doc) = super::toml::parse(text) else {
            return whole(found);
        };
        let src = SourceText::new(file, text, batch.line, batch.offset);
        for_each_record(&doc, &src, &mut Diagnostics::default(), &mut |rec, _| {
            let origin = rec.src.origin(rec.node.span).offset;
            if let Some(list) = records.get(&origin) {
                resolve(rec.src, rec.node, list, locs, &mut found);
            }
        });
    }
    found
}

/// Places each span of text ([`Loc::Text`]) in a window of the file's
/// text around it, the file read once front to back.
fn spans(file: FileId, path: &Path, locs: &[&mut Loc]) -> HashMap<usize, Pos> {
    let mut found = HashMap::new();
    let mut at: Vec<(u64, usize, usize)> = locs
        .iter()
        .enumerate()
        .filter_map(|(i, loc)| match loc {
            Loc::Text(origin, len) => Some((origin.offset, i, *len)),
            _ => None,
        })
        .collect();
    if at.is_empty() {
        return found;
    }
    at.sort_unstable();
    let Ok(reader) = std::fs::File::open(path) else {
        return found;
    };
    let mut window = Window::new(reader, file);
    for (offset, i, len) in at {
        if let Some((src, span)) = window.around(offset, len) {
            found.insert(i, src.pos(span));
        }
    }
    found
}

/// Reads a TOML document again, parsed whole, resolving each location in
/// its record.
fn in_document(file: FileId, path: &Path, locs: &[&mut Loc]) -> HashMap<usize, Pos> {
    let mut found = HashMap::new();
    let Ok(Some(text)) = read_text(file, path, &mut Diagnostics::default()) else {
        return found;
    };
    let records = by_record(locs);
    let src = SourceText::new(file, &text, 1, 0);
    each_record(
        &src,
        Format::Toml,
        &mut Diagnostics::default(),
        &mut |rec, _| {
            if let Some(list) = records.get(&(rec.node.span.start as u64)) {
                resolve(&src, rec.node, list, locs, &mut found);
            }
        },
    );
    found
}

/// Resolves each location of `list` in the record `node`.
fn resolve(
    src: &SourceText<'_>,
    node: &Node<'_>,
    list: &[usize],
    locs: &[&mut Loc],
    found: &mut HashMap<usize, Pos>,
) {
    for &i in list {
        if let Some((_, segs)) = locs.get(i).and_then(|l| parts(l)) {
            found.insert(i, src.pos(follow(node, segs)));
        }
    }
}

/// Follows the path as far as the tree's shape allows; the span of a key
/// when the path ends on one, so that `id` points at the value.
fn follow(node: &Node<'_>, path: &[PathSeg]) -> Span {
    let mut at = node;
    for seg in path {
        let next = match (seg, &at.value) {
            (PathSeg::Key(k), Value::Table(_)) => at.get(k).map(|e| &e.value),
            (PathSeg::Index(i), Value::Array(items)) => items.get(*i),
            _ => None,
        };
        match next {
            Some(n) => at = n,
            None => break,
        }
    }
    if std::ptr::eq(at, node) {
        return Span::new(node.span.start, node.span.start + 1);
    }
    at.span
}

#[cfg(test)]
mod tests {
    use super::{
        Cut, Cuts, FileId, Format, Loc, PathSeg, SourceText, each_record, in_document, in_toml,
    };
    use crate::diag::Diagnostics;

    /// Fields of records in every batch placed by cutting the document
    /// again as by parsing it whole.
    #[test]
    fn a_toml_document_cut_again_places_fields_as_parsed_whole() {
        let mut doc = String::from("\u{feff}# x\r\n[[source]]\r\nid = \"s\"\r\ntitle = \"T\"\r\n");
        for i in 0..3_000 {
            doc.push_str(&format!(
                "\n[[event]]\nid = \"e{i}\"\ntitle = '''É\n[[event]]'''\ndate = \"2024\"\n\
                 actors = [\n  \"a\",\n  {{ id = \"b\", role = \"r\" }},\n]\n[event.attributes]\nk = {i}\n"
            ));
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.toml");
        std::fs::write(&path, &doc).unwrap();
        let cuts: Vec<Cut> = Cuts::new(std::fs::File::open(&path).unwrap()).collect();
        assert!(cuts.len() > 3 && cuts.iter().all(|c| matches!(c, Cut::Batch(_))));
        let text = doc.strip_prefix('\u{feff}').unwrap();
        let src = SourceText::new(FileId(0), text, 1, 0);
        let mut origins = Vec::new();
        each_record(
            &src,
            Format::Toml,
            &mut Diagnostics::default(),
            &mut |rec, _| {
                origins.push(rec.src.origin(rec.node.span));
            },
        );
        assert_eq!(origins.len(), 3_001);
        let paths: [&[PathSeg]; 4] = [
            &[PathSeg::Key("id")],
            &[PathSeg::Key("title")],
            &[
                PathSeg::Key("actors"),
                PathSeg::Index(1),
                PathSeg::Key("role"),
            ],
            &[PathSeg::Key("attributes"), PathSeg::Key("k")],
        ];
        let mut locs: Vec<Loc> = origins
            .iter()
            .step_by(7)
            .flat_map(|&o| paths.iter().map(move |p| Loc::Field(o, p.to_vec())))
            .collect();
        let refs: Vec<&mut Loc> = locs.iter_mut().collect();
        let cut = in_toml(FileId(0), &path, &refs);
        let whole = in_document(FileId(0), &path, &refs);
        assert_eq!(cut.len(), refs.len());
        assert_eq!(cut, whole);
    }
}
