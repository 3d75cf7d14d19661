//! Facts for the DOT tests: the bundled facts, fact files written to a
//! temporary folder, a hostile fact set and dates a timeline must order.
//! Test-only; panics on invalid facts so that a broken fixture shows.

use super::{Layout, Options, render};

pub use crate::export::fixture::{Fixture as Loaded, bundled, dated, from_toml};

/// The DOT text of everything a fixture keeps.
pub trait DotText {
    fn dot(&self, title: &str, layout: Layout) -> String;
}

impl DotText for Loaded {
    fn dot(&self, title: &str, layout: Layout) -> String {
        String::from_utf8(render(&self.view(title), &Options { layout })).unwrap_or_default()
    }
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

/// Dates a timeline must hold whole and in order: winter running into the
/// next year, other seasons, BC days and decades, and 1 BC.
pub const SEASONS_AND_BC: [&str; 6] = [
    "2024-24",
    "2023-22",
    "-0043-03-15",
    "0000",
    "-010X",
    "2024-21",
];

/// The hostile fact set, loaded.
pub fn hostile() -> Loaded {
    from_toml(HOSTILE)
}
