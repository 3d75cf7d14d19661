//! Any bytes loaded as a fact file (the first byte chooses TOML, JSON or
//! JSON Lines); when the facts are valid, every export renders, the JSON
//! ones parse as JSON and the DOT ones are one `digraph`.

#![no_main]

use chronicle::export::dot::{self, Layout, Options};
use chronicle::export::{View, default_title, timeline, timelinejs, vis};
use chronicle::graph::Graph;
use chronicle::load::Format;
use chronicle::query::filter::Filter;
use chronicle::validate::load_bytes;
use libfuzzer_sys::fuzz_target;

const FORMATS: [Format; 3] = [Format::Toml, Format::Json, Format::JsonLines];

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let format = FORMATS[usize::from(*first % 3)];
    let (facts, diags) = load_bytes(rest, format);
    if diags.has_errors() {
        return;
    }
    let graph = Graph::build(&facts);
    assert_eq!(graph.g.edge_count(), chronicle::graph::edges(&facts).count());
    let sel = Filter::default().select(&facts, || &graph);
    let title = default_title(&facts);
    let view = View {
        facts: &facts,
        sel: &sel,
        title: &title,
        pace: None,
    };
    for layout in [Layout::Graph, Layout::Timeline] {
        let text = dot::render(&view, &Options { layout });
        assert!(text.starts_with(b"digraph"), "{layout:?}");
        assert!(text.trim_ascii_end().ends_with(b"}"), "{layout:?}");
    }
    for (name, bytes) in [
        ("timeline", timeline::render(&view)),
        ("timelinejs", timelinejs::render(&view)),
        ("vis", vis::render(&view)),
    ] {
        if let Err(e) = serde_json::from_slice::<serde_json::Value>(&bytes) {
            panic!(
                "{name} is not JSON ({e}):\n{}",
                String::from_utf8_lossy(&bytes)
            );
        }
    }
});
