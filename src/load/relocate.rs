//! Finding a record's field again in its file, for a diagnostic.
//!
//! The loaded model keeps only where each record starts (an [`Origin`]), not
//! the position of every value. When a later stage reports a problem with a
//! field, this module rereads that file once, finds the record that starts at
//! the origin and follows the path to the value. Standard input cannot be
//! reread, so its diagnostics keep just the file name.

use hashbrown::HashMap;

use super::files::{FileId, Files, Format};
use super::json;
use super::read::{SourceText, for_each_record, parse_document, read_text};
use super::tree::{Node, Span, Value};
use crate::diag::{Diagnostics, Loc, Origin, PathSeg, Pos};

/// Replaces every field location by a resolved position where possible.
pub fn relocate(files: &Files, diags: &mut Diagnostics) {
    let mut texts: HashMap<FileId, Option<String>> = HashMap::new();
    let mut locs: Vec<&mut Loc> = Vec::new();
    for d in &mut diags.list {
        locs.extend(d.loc.iter_mut());
        locs.extend(d.notes.iter_mut().filter_map(|n| n.loc.as_mut()));
    }
    for loc in locs {
        let Loc::Field(origin, path) = loc else {
            continue;
        };
        let text = texts
            .entry(origin.file)
            .or_insert_with(|| reread(files, origin.file));
        let found = text.as_deref().and_then(|t| find(files, t, *origin, path));
        *loc = match found {
            Some(pos) => Loc::At(pos),
            None => Loc::File(origin.file),
        };
    }
}

fn reread(files: &Files, id: FileId) -> Option<String> {
    let path = files.get(id)?.path.as_ref()?;
    read_text(id, path, &mut Diagnostics::default())
        .ok()
        .flatten()
}

fn find(files: &Files, text: &str, origin: Origin, path: &[PathSeg]) -> Option<Pos> {
    let format = files.get(origin.file)?.format;
    let offset = usize::try_from(origin.offset).ok()?;
    if format == Format::JsonLines {
        let line_start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
        let line_no = 1 + text.get(..line_start)?.matches('\n').count() as u64;
        let line = text
            .get(line_start..)?
            .split('\n')
            .next()?
            .trim_end_matches('\r');
        let src = SourceText::new(origin.file, line, line_no, line_start as u64);
        let node = json::parse(line).ok()?;
        return Some(src.pos(follow(&node, path)));
    }
    let src = SourceText::new(origin.file, text, 1, 0);
    let doc = parse_document(&src, format, &mut Diagnostics::default())?;
    let mut span = None;
    for_each_record(&doc, &src, &mut Diagnostics::default(), &mut |rec, _| {
        if span.is_none() && rec.node.span.start == offset {
            span = Some(follow(rec.node, path));
        }
    });
    span.map(|s| src.pos(s))
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
