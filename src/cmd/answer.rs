//! What the query commands share: loading the facts with their graph,
//! finding a named entity, resolving the filters, and printing an answer as
//! one JSON object or as text.
//!
//! Errors are mapped here to [`Error::Usage`] with the message of the query
//! layer (nearest names, ambiguous candidates). No query logic lives here.

use serde::Serialize;

use super::args::FactsArgs;
use super::{Error, load_valid};
use crate::graph::Graph;
use crate::model::{Ent, Facts};
use crate::output;
use crate::query::filter::{FilterArgs, Selection};

/// Valid facts and their graph.
pub struct Loaded {
    pub facts: Facts,
    pub graph: Graph,
}

impl Loaded {
    /// Loads and validates the facts (errors printed, exit 1) and builds the graph.
    pub fn load(args: &FactsArgs) -> Result<Loaded, Error> {
        let facts = load_valid(args)?;
        let graph = Graph::build(&facts);
        Ok(Loaded { facts, graph })
    }

    /// The entity a person typed: id, name or alias.
    pub fn find(&self, typed: &str) -> Result<Ent, Error> {
        self.graph
            .names
            .find(&self.facts, typed)
            .map_err(|e| Error::Usage(e.to_string()))
    }

    /// What the filters keep.
    pub fn select(&self, filters: &FilterArgs) -> Result<Selection, Error> {
        let filter = filters
            .resolve(&self.facts, &self.graph)
            .map_err(|e| Error::Usage(e.to_string()))?;
        Ok(filter.select(&self.facts, &self.graph))
    }
}

/// Prints an answer as one pretty-printed JSON object and a newline.
pub fn print_json<T: Serialize>(answer: &T) -> Result<(), Error> {
    let mut text = serde_json::to_string_pretty(answer).map_err(|e| Error::Io(e.to_string()))?;
    text.push('\n');
    output::print(text.as_bytes())?;
    Ok(())
}

/// Prints text for people.
pub fn print_text(text: &str) -> Result<(), Error> {
    output::print(text.as_bytes())?;
    Ok(())
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
