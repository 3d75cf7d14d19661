//! What the query commands share: loading the facts with their graph,
//! finding a named entity, resolving the filters, making a [`Reply`] (one
//! JSON object or text, and the warnings that go with it) and printing it,
//! from the cache of answers when the same question was asked of the same
//! files.
//!
//! Errors are mapped here to [`Error::Usage`] with the message of the query
//! layer (nearest names, ambiguous candidates). No query logic lives here.

use std::io::Write;
use std::sync::OnceLock;

use serde::Serialize;

use super::Error;
use super::args::FactsArgs;
use super::spilled::Spilled;
use crate::graph::Graph;
use crate::graph::names::NameIndex;
use crate::model::{Ent, Facts};
use crate::output;
use crate::query::filter::{FilterArgs, Selection};

/// Valid facts and, once a command asks for them, the index of their names
/// and their graph (a timeline never builds the graph, `build` neither).
pub struct Loaded {
    pub facts: Facts,
    names: OnceLock<NameIndex>,
    graph: OnceLock<Graph>,
}

impl Loaded {
    pub fn new(facts: Facts) -> Loaded {
        Loaded {
            facts,
            names: OnceLock::new(),
            graph: OnceLock::new(),
        }
    }

    fn names(&self) -> &NameIndex {
        self.names.get_or_init(|| NameIndex::build(&self.facts))
    }

    /// The graph of the facts, built on first use.
    pub fn graph(&self) -> &Graph {
        self.graph.get_or_init(|| Graph::build(&self.facts))
    }

    /// The graph, taken out (built first if need be), for a command that
    /// has found its entities and is done with the graph before it writes
    /// a long answer: the index of names is dropped here, and the graph
    /// when the caller drops it, so that their memory holds the answer's
    /// text as it is read.
    pub fn take_graph(&mut self) -> Graph {
        self.names.take();
        self.graph
            .take()
            .unwrap_or_else(|| Graph::build(&self.facts))
    }

    /// The entity a person typed: id, name or alias.
    pub fn find(&self, typed: &str) -> Result<Ent, Error> {
        self.names()
            .find(&self.facts, typed)
            .map_err(|e| Error::Usage(e.to_string()))
    }

    /// What the filters keep.
    pub fn select(&self, filters: &FilterArgs) -> Result<Selection, Error> {
        let none = NameIndex::default();
        let names = if filters.names_entities() {
            self.names()
        } else {
            &none
        };
        let filter = filters
            .resolve(&self.facts, names)
            .map_err(|e| Error::Usage(e.to_string()))?;
        Ok(filter.select(&self.facts, || self.graph()))
    }
}

/// What a query prints: its output, and warnings for standard error.
#[derive(Debug, Default)]
pub struct Reply {
    pub out: Spilled,
    pub notes: Vec<String>,
}

impl Reply {
    /// An answer as one pretty-printed JSON object and a newline, written
    /// as it is made.
    pub fn json<T: Serialize>(answer: &T) -> Result<Reply, Error> {
        let mut out = Spilled::default();
        serde_json::to_writer_pretty(&mut out, answer).map_err(|e| Error::Io(e.to_string()))?;
        out.write_all(b"\n")?;
        Ok(Reply::of(out))
    }

    /// Text for people.
    pub fn text(text: String) -> Reply {
        Reply::bytes(text.into_bytes())
    }

    pub fn bytes(out: Vec<u8>) -> Reply {
        Reply::of(Spilled::of(out))
    }

    /// Output that `fill` writes as it makes it.
    pub fn written(
        fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<Reply, Error> {
        let mut out = Spilled::default();
        fill(&mut out)?;
        Ok(Reply::of(out))
    }

    /// The reply as the cache keeps it: its notes encoded with postcard,
    /// then its output's bytes to the end, so that an output in a
    /// temporary file goes to the cache without being read into memory.
    fn keep(&self, w: &mut dyn Write) -> std::io::Result<()> {
        postcard::to_io(&self.notes, &mut *w).map_err(std::io::Error::other)?;
        self.out.write_into(w)
    }

    /// A reply kept by [`Reply::keep`], read back.
    fn kept(mut payload: Vec<u8>) -> Option<Reply> {
        let (notes, rest) = postcard::take_from_bytes::<Vec<String>>(&payload).ok()?;
        let at = payload.len() - rest.len();
        payload.drain(..at);
        Some(Reply {
            notes,
            ..Reply::bytes(payload)
        })
    }

    fn of(out: Spilled) -> Reply {
        Reply {
            out,
            notes: Vec::new(),
        }
    }

    /// The same reply with a warning for standard error.
    pub fn note(mut self, note: String) -> Reply {
        self.notes.push(note);
        self
    }

    /// Warnings to standard error, then the output.
    fn print(self) -> Result<(), Error> {
        for note in &self.notes {
            output::eprint(&format!("{note}\n"));
        }
        output::print_with(&mut |w| self.out.write_into(w))?;
        Ok(())
    }
}

/// Answers a query about the facts: from the answers kept for exactly these
/// files and this `request` (the command's arguments) when there is one,
/// else by loading the facts and calling `ask`, keeping what it replies.
/// Usage errors (an unknown name) are not kept.
pub fn reply<R: std::fmt::Debug>(
    facts: &FactsArgs,
    request: &R,
    ask: impl FnOnce(&mut Loaded) -> Result<Reply, Error>,
) -> Result<(), Error> {
    let inputs = facts.inputs();
    let entry = crate::cache::Entry::open(&inputs);
    // What the output depends on besides the files: the command, its
    // arguments, and whether the tables may be bold. The command is the
    // arguments' type (each command's are its own `Args`), since two
    // commands' arguments can print alike: `stats` and `timeline` with no
    // filters did, and answered each other. The key holds the build of the
    // program, so the type's name need not stay the same across builds.
    let command = std::any::type_name::<R>();
    let request = format!("{command} {request:?} bold={}", bold());
    let kept = entry.as_ref().and_then(|e| e.answer(request.as_bytes()));
    if let Some(reply) = kept.and_then(Reply::kept) {
        return reply.print();
    }
    let mut facts = super::load_valid_from(entry.as_ref(), &inputs)?;
    // Unless the cache took the text (it is off, or could not store the
    // facts), a large fact set's text goes to a temporary file before the
    // graph is built beside it.
    crate::cache::spill::spill(&mut facts);
    let mut loaded = Loaded::new(facts);
    let reply = ask(&mut loaded);
    let lost = loaded.facts.strings.text_lost();
    super::leave(loaded);
    let mut reply = reply?;
    if lost {
        // Some strings read as empty: the answer is wrong, so it is
        // neither printed nor kept.
        return Err(super::lost());
    }
    let small = reply.out.len() <= crate::cache::MAX_ANSWER_BYTES as u64;
    if let Some(entry) = entry.as_ref().filter(|_| small) {
        // The facts are still held (they are left to the system at exit),
        // so the answer is stored without a copy of it in memory.
        if reply.out.flush().is_ok() {
            entry.keep_answer(request.as_bytes(), &|w| reply.keep(w));
        }
    }
    reply.print()
}

/// Whether the header of a table may be bold.
pub fn bold() -> bool {
    output::stdout_color()
}

/// `Name [id]`, the way tables name an entity.
pub fn named(name: &str, id: &str) -> String {
    if name == id || name.is_empty() {
        id.to_string()
    } else {
        format!("{name} [{id}]")
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::Reply;
    use crate::cmd::spilled::SPILL_AT;

    fn kept_again(reply: &Reply) -> Reply {
        let mut payload = Vec::new();
        reply.keep(&mut payload).unwrap();
        Reply::kept(payload).unwrap()
    }

    #[test]
    fn a_kept_reply_reads_back_with_its_notes_and_output() {
        let reply = Reply::text("{\n  \"a\": 1\n}\n".into()).note("a note".into());
        let back = kept_again(&reply);
        assert_eq!(back.notes, ["a note"]);
        assert_eq!(back.out.in_memory(), reply.out.in_memory());
        let empty = kept_again(&Reply::text(String::new()));
        assert_eq!(empty.out.in_memory(), Some(&b""[..]));
        assert!(empty.notes.is_empty());
    }

    #[test]
    fn an_output_in_a_temporary_file_is_kept_whole() {
        let piece: Vec<u8> = (0..=255u8).cycle().take(SPILL_AT / 3).collect();
        let mut reply = Reply::written(|w| {
            for _ in 0..4 {
                w.write_all(&piece)?;
            }
            Ok(())
        })
        .unwrap();
        reply.out.flush().unwrap();
        assert!(reply.out.in_memory().is_none(), "spilled");
        let back = kept_again(&reply);
        assert!(back.out.in_memory() == Some(piece.repeat(4).as_slice()));
    }
}
