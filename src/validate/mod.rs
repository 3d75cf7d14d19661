//! Validate: raw records in, a [`Facts`] valid by construction out.
//!
//! Records are decoded one by one as the loader reads them (so a large JSON
//! Lines file or JSON document never sits in memory twice; blocks of JSON
//! Lines and batches of a document's records on worker threads, the JSON
//! Lines files and small documents of a set through one pipeline), kept as
//! pending records whose references are ids, then resolved together once
//! every file is read: duplicate ids, unknown or wrongly typed references
//! and places that enclose themselves are reported there, and warnings
//! last. Every problem is collected; nothing here prints.

pub(crate) mod decode;
mod document;
mod fast;
mod fields;
mod many;
mod resolve;
mod sections;
mod stream;
mod warnings;

/// Holds the split reading of a JSON document to the whole-tree one (see
/// `document::agrees`): for the fuzz targets.
#[cfg(fuzzing)]
pub use document::agrees as document_reads_agree;
/// Holds the fast decoder of JSON Lines to the diagnostic one on one line
/// (see `fast::agree`): for the fuzz targets, and panics when they differ.
#[cfg(fuzzing)]
pub use fast::agree::agree as decoders_agree;
/// The same for a record of a document's list of one type.
#[cfg(fuzzing)]
pub use fast::agree::agree_keyed as keyed_decoders_agree;
/// Holds the reading of a TOML document as it comes to the whole one (see
/// `sections::agrees`): for the fuzz targets.
#[cfg(fuzzing)]
pub use sections::agrees as toml_reads_agree;

use crate::diag::{Code, Diagnostic, Diagnostics, Loc, Note, Origin, PathSeg};
use crate::load::files::{InputError, expand};
use crate::load::lines::BLOCK_BYTES;
use crate::load::read::{self, SourceText};
use crate::load::{Files, Format, Input, RecordShape, spool};
use crate::model::remap::MapSyms;
use crate::model::{self, Facts, Interner, Sym};

/// Records read so far, their references still ids.
#[derive(Default)]
pub struct Pending {
    pub strings: Interner,
    pub sources: Vec<model::Source>,
    pub actors: Vec<model::Actor<model::Pending>>,
    pub places: Vec<model::Place<model::Pending>>,
    pub events: Vec<model::Event<model::Pending>>,
    pub relations: Vec<model::Relation<model::Pending>>,
    /// Ids of records dropped for errors, with where they stand: references
    /// to them are not errors again, but their ids may still clash.
    pub broken: Vec<(Sym, Origin, RecordShape)>,
    /// References made by dropped records, still checked so that one run
    /// reports every problem.
    pub broken_refs: Vec<BrokenRef>,
}

/// What a reference must name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefTarget {
    Actor,
    Place,
    /// An actor, a place or an event.
    Entity,
    Source,
}

/// A reference made by a record that was dropped for other errors.
#[derive(Clone, Debug)]
pub struct BrokenRef {
    pub sym: Sym,
    pub target: RefTarget,
    pub origin: Origin,
    pub path: Vec<PathSeg>,
}

impl Pending {
    /// Reserves room for the records of a JSON Lines file of `bytes` bytes
    /// (about one record a 300 bytes, most of them events). Room not used is
    /// never touched, so it costs address space, not memory.
    fn reserve_for(&mut self, bytes: u64) {
        let records = usize::try_from(bytes / 300).unwrap_or(0);
        self.events.reserve(records);
        self.strings.reserve(
            records * 4,
            usize::try_from(bytes / 3).unwrap_or(0),
            records,
        );
    }

    /// An empty store with room for the records of `bytes` bytes of JSON
    /// Lines (about one record a 300 bytes).
    fn for_bytes(bytes: usize) -> Pending {
        Pending::for_block(bytes, bytes / 300 + 16)
    }

    /// An empty store with room for a block of `bytes` bytes of input
    /// holding about `records` records, a handful of strings each.
    fn for_block(bytes: usize, records: usize) -> Pending {
        let mut store = Pending::default();
        store.strings.reserve(records * 6, bytes / 2, records * 3);
        // Most records are events: their list then never grows by copying.
        store.events.reserve(records);
        store
    }

    fn is_empty(&self) -> bool {
        self.strings.is_empty()
            && self.sources.is_empty()
            && self.actors.is_empty()
            && self.places.is_empty()
            && self.events.is_empty()
            && self.relations.is_empty()
            && self.broken.is_empty()
            && self.broken_refs.is_empty()
    }

    /// [`Pending::absorb`], or the other store taken whole when this one is
    /// empty (and so keeps none of the room reserved in this one).
    fn join(&mut self, other: Pending) {
        match self.is_empty() {
            true => *self = other,
            false => self.absorb(other),
        }
    }

    /// Moves another store's records in after this one's, renumbering their
    /// strings into this store's.
    fn absorb(&mut self, other: Pending) {
        let map = self.strings.absorb(&other.strings);
        let f = |s: Sym| map.get(s);
        fn moved<T: MapSyms>(into: &mut Vec<T>, mut from: Vec<T>, f: &dyn Fn(Sym) -> Sym) {
            from.iter_mut().for_each(|r| r.map_syms(f));
            into.append(&mut from);
        }
        moved(&mut self.sources, other.sources, &f);
        moved(&mut self.actors, other.actors, &f);
        moved(&mut self.places, other.places, &f);
        moved(&mut self.events, other.events, &f);
        moved(&mut self.relations, other.relations, &f);
        self.broken
            .extend(other.broken.into_iter().map(|(s, o, k)| (f(s), o, k)));
        self.broken_refs
            .extend(other.broken_refs.into_iter().map(|mut b| {
                b.sym = f(b.sym);
                b
            }));
    }
}

/// Reads, decodes and resolves the inputs. Errors in the facts are in
/// `diags`; only a problem with the inputs themselves is an `Err`.
pub fn load(inputs: &[Input], diags: &mut Diagnostics) -> Result<Facts, InputError> {
    load_with(inputs, diags, &mut NoProgress)
}

/// Told how reading goes, so that a long load can show a progress bar.
pub trait Progress {
    /// A file begins; `total` is its size when known.
    fn file(&mut self, name: &str, total: Option<u64>);
    /// `bytes` more of the current file were read.
    fn advance(&mut self, bytes: u64);
    /// Reading is over (resolving follows).
    fn done(&mut self);
}

/// Progress that shows nothing.
pub struct NoProgress;

impl Progress for NoProgress {
    fn file(&mut self, _: &str, _: Option<u64>) {}
    fn advance(&mut self, _: u64) {}
    fn done(&mut self) {}
}

/// [`load`], reporting progress as files are read.
pub fn load_with(
    inputs: &[Input],
    diags: &mut Diagnostics,
    progress: &mut dyn Progress,
) -> Result<Facts, InputError> {
    let mut pending = Pending::default();
    let mut files = Files::default();
    let mut set = many::Set::default();
    for (path, format) in expand(inputs)? {
        let id = files.add(path.clone(), format);
        let size = path
            .as_deref()
            .and_then(|p| std::fs::metadata(p).ok())
            .map(|m| m.len());
        if let Some(p) = path.as_ref().filter(|_| many::Set::takes(format, size)) {
            set.push(id, p.clone(), format, size);
            continue;
        }
        set.read(&files, &mut pending, diags, progress)?;
        progress.file(files.name(id), size);
        match (path, format) {
            (None, _) => {
                let before = diags.list.len();
                let mut tee = spool::Tee::new(std::io::stdin());
                stream::read(&mut tee, id, &mut pending, diags, progress);
                if let Some(kept) = tee.finish() {
                    files.keep(id, kept);
                }
                if let Some(first) = diags.list.get_mut(before) {
                    hint_document(first);
                }
            }
            (Some(p), Format::Json) => {
                let Some(rest) = document::stream_file(&p, id, size, &mut pending, diags, progress)
                else {
                    continue;
                };
                if size.is_some_and(|s| s > read::MAX_DOCUMENT_BYTES) {
                    diags.push(document::too_large(&p, id, &rest));
                    continue;
                }
                if let Some(text) = read::read_text(id, &p, diags)? {
                    let src = SourceText::new(id, &text, 1, 0);
                    document::read_rest(&src, rest, &mut pending, diags);
                }
            }
            (Some(p), format) => {
                if format == Format::Toml && sections::streams(size) {
                    let (size, store) = (size.unwrap_or(0), &mut pending);
                    if sections::read_large(&p, id, size, store, diags, progress) {
                        continue;
                    }
                    // Parsed whole, from the start.
                    progress.file(files.name(id), Some(size));
                }
                if let Some(text) = read::read_text(id, &p, diags)? {
                    let src = SourceText::new(id, &text, 1, 0);
                    read_document(&src, format, &mut pending, diags);
                }
            }
        }
    }
    set.read(&files, &mut pending, diags, progress)?;
    progress.done();
    Ok(finish(pending, files, diags))
}

/// Standard input is read as JSON Lines. When its first line is not a
/// JSON object at all (a TOML document's comment or header, the first line
/// of an indented JSON document, a list), the first diagnostic says so.
fn hint_document(first: &mut Diagnostic) {
    let on_first_line = matches!(&first.loc, Some(Loc::At(pos)) if pos.line == 1);
    if on_first_line && matches!(first.code, Code::Syntax | Code::WrongType) {
        first.notes.push(Note {
            loc: None,
            message: "standard input is read as JSON Lines, one record a line: \
                      give a TOML or JSON document as a file (`-f case.toml`)"
                .to_string(),
        });
    }
}

/// Reads, decodes and resolves one fact document held in memory, as if it
/// were standard input in that encoding (so diagnostics name `<stdin>`).
pub fn load_bytes(bytes: &[u8], format: Format) -> (Facts, Diagnostics) {
    let mut pending = Pending::default();
    let mut files = Files::default();
    let mut diags = Diagnostics::default();
    let id = files.add(None, format);
    match format {
        Format::JsonLines if bytes.len() <= BLOCK_BYTES => {
            stream::read_here(bytes, id, &mut pending, &mut diags)
        }
        Format::JsonLines => stream::read(bytes, id, &mut pending, &mut diags, &mut NoProgress),
        Format::Toml | Format::Json => {
            if let Some(text) = read::decode(id, bytes.to_vec(), 1, &mut diags) {
                let src = SourceText::new(id, &text, 1, 0);
                read_document(&src, format, &mut pending, &mut diags);
            }
        }
    }
    let facts = finish(pending, files, &mut diags);
    (facts, diags)
}

/// Decodes a TOML or JSON document's text into the store: a JSON
/// document a record at a time on two threads ([`document`]), a TOML one
/// from its whole tree.
fn read_document(
    src: &SourceText<'_>,
    format: Format,
    store: &mut Pending,
    diags: &mut Diagnostics,
) {
    if format == Format::Json {
        return document::read(src, store, diags);
    }
    read::each_record(src, format, diags, &mut |rec, d| {
        decode::record(rec, store, d)
    });
}

/// Resolves what was read and adds the warnings.
fn finish(pending: Pending, files: Files, diags: &mut Diagnostics) -> Facts {
    let mut facts = resolve::resolve(pending, diags);
    facts.files = files;
    // Warnings about facts with errors would mostly echo the errors (a
    // source "uncited" because the event citing it was dropped): skip them.
    if !diags.has_errors() {
        warnings::check(&facts, diags);
    }
    facts
}
