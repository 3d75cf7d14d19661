//! Facts for the DOT tests: the bundled facts, fact files written to a
//! temporary folder, and a hostile fact set. Test-only; panics on invalid
//! facts so that a broken fixture shows.

use std::path::PathBuf;

use super::{Layout, Options, render};
use crate::diag::Diagnostics;
use crate::export::View;
use crate::graph::Graph;
use crate::load::Input;
use crate::model::Facts;
use crate::query::filter::{Filter, Selection};

pub struct Loaded {
    pub facts: Facts,
    pub graph: Graph,
    pub sel: Selection,
}

impl Loaded {
    pub fn view<'f>(&'f self, title: &'f str) -> View<'f> {
        View {
            facts: &self.facts,
            graph: &self.graph,
            sel: &self.sel,
            title,
        }
    }

    /// The DOT text of everything kept.
    pub fn dot(&self, title: &str, layout: Layout) -> String {
        String::from_utf8(render(&self.view(title), &Options { layout })).unwrap()
    }
}

fn load(input: PathBuf) -> Loaded {
    let mut diags = Diagnostics::default();
    let facts = crate::validate::load(&[Input::Path(input)], &mut diags).unwrap();
    assert!(!diags.has_errors(), "invalid fixture: {:#?}", diags.list);
    let graph = Graph::build(&facts);
    let sel = Filter::default().select(&facts, &graph);
    Loaded { facts, graph, sel }
}

/// Loads one TOML fact file written to a temporary folder.
pub fn from_toml(toml: &str) -> Loaded {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("facts.toml");
    std::fs::write(&path, toml).unwrap();
    load(path)
}

/// The facts bundled with the repository.
pub fn bundled() -> Loaded {
    load(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("facts"))
}

/// Ids that are DOT keywords or ports, text with quotes, backslashes,
/// escString sequences, markup, line breaks, control characters, emoji and
/// right-to-left scripts; dates approximate, uncertain, open and BC.
pub const HOSTILE: &str = r#"
[[source]]
id = "src"
title = 'Source "quoted" \N'

[[actor]]
id = "node"
name = 'Say "hi" \N \G \L \l \r \n \E \T \H'
kind = "person"
sources = [{ id = "src" }]

[[actor]]
id = "graph"
name = 'C:\path\ trailing\'
kind = "state"
sources = [{ id = "src" }]

[[actor]]
id = "strict"
name = "<b>bold</b> & &amp; {a|b}; [x] = y -> z"
kind = "Secret service ✨"
sources = [{ id = "src" }]

[[actor]]
id = "a:b"
name = "داعش خراسان"
kind = "group"
sources = [{ id = "src" }]

[[actor]]
id = 'x"y\z'
name = "ירושלים 🎉👨‍👩‍👧 \u202Eevil"
sources = [{ id = "src" }]

[[actor]]
id = "EDGE"
name = "Tab\there, bell \u0007, escape \u001b, nul \u0000."
kind = "<i>kind</i>"
sources = [{ id = "src" }]

[[place]]
id = "digraph"
name = 'Zürich "old town"'
kind = "city"
in = "subgraph"
sources = [{ id = "src" }]

[[place]]
id = "subgraph"
name = "Line one\nLine two\r\nLine three\rfour"
kind = "country"
sources = [{ id = "src" }]

[[event]]
id = "ev-1"
title = 'A very long title with "quotes" and \backslashes\ that must wrap over lines'
date = "2016~"
kind = "attack"
place = "digraph"
actors = [{ id = "node", role = 'perpetrator \N' }, { id = "a:b", role = 'victim "x"' }]
killed = "140+"
injured = "~3"
summary = 'A tooltip with \ and " and <b>'
sources = [{ id = "src" }]

[[event]]
id = "ev-2"
title = "Statement\u0007 with a bell"
date = "2021?"
kind = "statement"
actors = [{ id = 'x"y\z' }, { id = "EDGE" }]
sources = [{ id = "src" }]

[[event]]
id = "ev:3"
title = "🎉 ירושלים emoji"
date = "199X"
kind = "zz custom"
sources = [{ id = "src" }]

[[event]]
id = "ev-4"
title = "Interval"
date = "2024-03-07/2024-03-22"
actors = [{ id = "graph", role = "sender" }]
sources = [{ id = "src" }]

[[event]]
id = "ev-5"
title = "Up to publication"
date = "/2024-04-02"
kind = "statement"
actors = [{ id = "node", role = "speaker" }, { id = "strict" }]
sources = [{ id = "src" }]

[[event]]
id = "ides"
title = "Ides of March"
date = "-0043-03-15"
kind = "attack"
killed = "1"
place = "subgraph"
sources = [{ id = "src" }]

[[relation]]
kind = 'named "after" \N'
from = "strict"
to = "a:b"
date = "2020~"
sources = [{ id = "src" }]

[[relation]]
kind = "occurred_during"
from = "ev-1"
to = "ev-2"
sources = [{ id = "src" }]

[[relation]]
kind = "supports"
from = "graph"
to = "node"
date = "2024-03-22"
sources = [{ id = "src" }]

[[relation]]
kind = "supports"
from = "graph"
to = "node"
sources = [{ id = "src" }]

[[relation]]
kind = "governs"
from = "subgraph"
to = "graph"
sources = [{ id = "src" }]
"#;

/// The hostile fact set, loaded.
pub fn hostile() -> Loaded {
    from_toml(HOSTILE)
}
