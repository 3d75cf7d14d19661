//! Fact sets for the query unit tests: TOML text in, valid facts and their
//! graph out. Test-only; panics on invalid facts so a broken fixture shows.

use crate::diag::Diagnostics;
use crate::graph::Graph;
use crate::load::Input;
use crate::model::Facts;

/// Loads `toml` as one fact file and builds its graph.
pub fn facts_from(toml: &str) -> (Facts, Graph) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("facts.toml");
    std::fs::write(&path, toml).unwrap();
    let mut diags = Diagnostics::default();
    let facts = crate::validate::load(&[Input::Path(path)], &mut diags).unwrap();
    assert!(!diags.has_errors(), "fixture is invalid: {:?}", diags.list);
    let graph = Graph::build(&facts);
    (facts, graph)
}
