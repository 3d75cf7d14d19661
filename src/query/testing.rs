//! Fact sets for the query unit tests: TOML text in, valid facts and their
//! graph out, through the export tests' fixture. Test-only; panics on
//! invalid facts so a broken fixture shows.

use crate::graph::Graph;
use crate::model::Facts;

/// Loads `toml` as one fact file and builds its graph.
pub fn facts_from(toml: &str) -> (Facts, Graph) {
    let fixture = crate::export::fixture::from_toml(toml);
    (fixture.facts, fixture.graph)
}
