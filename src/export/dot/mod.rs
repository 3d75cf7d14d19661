//! Graphviz DOT: the kept actors, places and events as a diagram.
//!
//! One node per kept entity, one edge per graph edge between kept nodes,
//! shapes and colours by category and kind, a legend, and two layouts, both
//! running left to right (actor → event → place): the plain graph, or a
//! timeline with events in time-ordered `rank=same` columns and their actors
//! and places around them. Node ids are the entity ids, quoted. Written with
//! `dot-writer` in pretty mode, streamed through a `Sticky` writer (dot-writer
//! unwraps every write, so the writer it gets never fails and the first real
//! error is returned at the end); every id and text is escaped here first
//! (see `escape`). This module prints nothing, opens no file and runs no
//! Graphviz.

mod escape;
mod label;
mod legend;
mod style;
mod timeline;

#[cfg(test)]
pub(super) mod fixture;
#[cfg(test)]
pub(super) mod graphviz_tests;
#[cfg(test)]
mod tests;

use std::io::Write;

use dot_writer::{Attributes, DotWriter, Scope};

use super::View;
use crate::graph::{self, Edge};
use crate::model::{Ent, EntityKind, EntityRef, Facts, Sym};

/// How the diagram is laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Layout {
    /// Actors, events and places as one network.
    #[default]
    Graph,
    /// Events left to right in time order, actors and places around them.
    Timeline,
}

/// What to draw and how.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub layout: Layout,
}

/// Graphviz will not lay out graphs much larger than this in reasonable time.
pub const LAYOUT_LIMIT: usize = 5_000;

const FONT: &str = "Helvetica,Arial,sans-serif";
/// Edges to and between places: drawn lighter.
const PLACE_LINK: &str = "#A8A8A8";
const ROLE: &str = "#707070";
const RELATION: &str = "#303030";

/// The whole DOT file for the view, in memory.
pub fn render(view: &View<'_>, opts: &Options) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into a `Vec` cannot fail.
    let _ = write(view, opts, &mut out);
    out
}

/// Writes the whole DOT file for the view to `out` as it is made; the first
/// error writing to `out` is returned once the file is done (nothing more is
/// written after it).
pub fn write(view: &View<'_>, opts: &Options, out: &mut dyn Write) -> std::io::Result<()> {
    let mut sticky = Sticky {
        out: std::io::BufWriter::with_capacity(1 << 16, out),
        error: None,
    };
    {
        let mut writer = DotWriter::from(&mut sticky);
        writer.set_pretty_print(true);
        let mut dot = writer.digraph();
        graph_attributes(&mut dot, view.title, opts.layout);
        let mut nodes = Nodes::new(view.facts);
        match opts.layout {
            Layout::Graph => graph_nodes(&mut dot, view, &mut nodes),
            Layout::Timeline => timeline_nodes(&mut dot, view, &mut nodes),
        }
        edges(&mut dot, view, &nodes.written, opts.layout);
        legend::write(&mut dot, view.facts, &nodes.used);
    }
    match sticky.error {
        Some(e) => Err(e),
        None => sticky.out.flush(),
    }
}

/// A writer that never fails: the first error of the one it wraps is kept,
/// and every write after it is dropped. It buffers, so that dot-writer's
/// many small writes stay out of `out`'s dynamic calls.
struct Sticky<'w> {
    out: std::io::BufWriter<&'w mut dyn Write>,
    error: Option<std::io::Error>,
}

impl Write for Sticky<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.error.is_none()
            && let Err(e) = self.out.write_all(buf)
        {
            self.error = Some(e);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.error.is_none()
            && let Err(e) = self.out.flush()
        {
            self.error = Some(e);
        }
        Ok(())
    }
}

fn graph_attributes(dot: &mut Scope<'_, '_>, title: &str, layout: Layout) {
    let (nodesep, ranksep) = match layout {
        Layout::Graph => ("0.3", "0.6"),
        Layout::Timeline => ("0.25", "0.5"),
    };
    dot.graph_attributes()
        .set("label", &escape::text(title), true)
        .set("labelloc", "t", true)
        .set("fontname", FONT, true)
        .set("fontsize", "20", true)
        .set("rankdir", "LR", true)
        .set("nodesep", nodesep, true)
        .set("ranksep", ranksep, true)
        .set("pad", "0.3", true)
        .set("bgcolor", "white", true)
        .set("outputorder", "edgesfirst", true);
    dot.node_attributes()
        .set("fontname", FONT, true)
        .set("fontsize", "11", true)
        .set("color", "#404040", true)
        .set("margin", "0.12,0.06", true);
    dot.edge_attributes()
        .set("fontname", FONT, true)
        .set("fontsize", "9", true)
        .set("color", ROLE, true)
        .set("fontcolor", "#404040", true)
        .set("arrowsize", "0.7", true);
}

/// The nodes written so far and the kinds they showed.
struct Nodes {
    written: Vec<bool>,
    used: legend::Used,
    scratch: Scratch,
}

/// Two texts reused for every node and edge: one as it reads, one escaped
/// (a million events are millions of labels and tooltips).
#[derive(Default)]
struct Scratch {
    raw: String,
    escaped: String,
}

impl Scratch {
    /// The text `fill` writes, escaped for a quoted DOT value.
    fn text(&mut self, fill: impl FnOnce(&mut String)) -> &str {
        self.raw.clear();
        fill(&mut self.raw);
        self.escaped.clear();
        escape::text_into(&self.raw, &mut self.escaped);
        &self.escaped
    }
}

impl Nodes {
    fn new(facts: &Facts) -> Nodes {
        Nodes {
            written: vec![false; facts.entity_count()],
            used: legend::Used::default(),
            scratch: Scratch::default(),
        }
    }

    /// Writes the entity's node unless it is already written.
    fn write(&mut self, scope: &mut Scope<'_, '_>, facts: &Facts, ent: Ent) {
        let Some(slot) = self.written.get_mut(ent.index()) else {
            return;
        };
        if *slot {
            return;
        }
        *slot = true;
        let category = facts.kind(ent);
        let (kind, dashed) = kind_and_dashed(facts, ent);
        self.used.add(category, kind, dashed);
        let look = style::look(category, facts.opt_str(kind), dashed);
        let mut node = scope.node_named(escape::id(facts.id_of(ent)));
        let label = self.scratch.text(|out| label::node(facts, ent, out));
        node.set("label", label, true);
        let tooltip = self.scratch.text(|out| label::tooltip(facts, ent, out));
        node.set("tooltip", tooltip, true)
            .set("shape", look.shape, true)
            .set("style", look.style, true)
            .set("fillcolor", look.fill, true);
    }
}

/// The entity's kind, and whether it is an event with an approximate or uncertain date.
fn kind_and_dashed(facts: &Facts, ent: Ent) -> (Option<Sym>, bool) {
    match facts.entity(ent) {
        Some(EntityRef::Actor(a)) => (a.kind, false),
        Some(EntityRef::Place(p)) => (p.kind, false),
        Some(EntityRef::Event(e)) => (e.kind, e.date.approximate() || e.date.uncertain()),
        None => (None, false),
    }
}

/// Actors and places in number order, then events in time order.
fn graph_nodes(dot: &mut Scope<'_, '_>, view: &View<'_>, nodes: &mut Nodes) {
    let facts = view.facts;
    for ent in facts.ents() {
        if facts.kind(ent) != EntityKind::Event && view.sel.has(ent) {
            nodes.write(dot, facts, ent);
        }
    }
    for e in view.events() {
        let ent = facts.event_ent(e);
        if view.sel.has(ent) {
            nodes.write(dot, facts, ent);
        }
    }
}

/// One `rank=same` column a period, holding its heading and its events;
/// headings chained in time order by invisible edges; then actors and places.
fn timeline_nodes(dot: &mut Scope<'_, '_>, view: &View<'_>, nodes: &mut Nodes) {
    let facts = view.facts;
    let kept: Vec<_> = view
        .sel
        .events
        .iter()
        .copied()
        .filter(|&e| view.sel.has(facts.event_ent(e)))
        .collect();
    let periods = timeline::group(facts, &kept);
    let mut heads = Vec::with_capacity(periods.len());
    for (i, (period, events)) in periods.iter().enumerate() {
        let head = escape::id(&format!("period {i}"));
        let mut column = dot.subgraph();
        column.set("rank", "same", false);
        column
            .node_named(head.clone())
            .set("label", &escape::text(&period.label()), true)
            .set("shape", "box", true)
            .set("style", "rounded,filled", true)
            .set("color", "#505050", true)
            .set("fillcolor", "#505050", true)
            .set("fontcolor", "white", true)
            .set("fontsize", "14", true);
        for &e in events {
            nodes.write(&mut column, facts, facts.event_ent(e));
        }
        heads.push(head);
    }
    for pair in heads.windows(2) {
        if let [from, to] = pair {
            dot.edge(from, to)
                .attributes()
                .set("style", "invis", true)
                .set("minlen", "2", true);
        }
    }
    for ent in facts.ents() {
        if facts.kind(ent) != EntityKind::Event && view.sel.has(ent) {
            nodes.write(dot, facts, ent);
        }
    }
}

/// Every graph edge between written nodes, in edge order.
fn edges(dot: &mut Scope<'_, '_>, view: &View<'_>, written: &[bool], layout: Layout) {
    let facts = view.facts;
    let on = |ent: Ent| written.get(ent.index()).copied().unwrap_or(false);
    let (mut from_id, mut to_id) = (String::new(), String::new());
    let mut scratch = Scratch::default();
    for (from, to, edge) in graph::edges(facts) {
        if !on(from) || !on(to) {
            continue;
        }
        let info = graph::edge_info(facts, edge);
        from_id.clear();
        escape::id_into(facts.id_of(from), &mut from_id);
        to_id.clear();
        escape::id_into(facts.id_of(to), &mut to_id);
        let mut attrs = dot.edge(&from_id, &to_id).attributes();
        let mut labelled = false;
        let label = scratch.text(|out| labelled = label::edge(edge, &info, out));
        if labelled {
            attrs.set("label", label, true);
        }
        let tooltip = scratch.text(|out| label::edge_tooltip(facts, edge, &info, (from, to), out));
        attrs.set("tooltip", tooltip, true);
        match edge {
            Edge::OccurredAt(_) | Edge::LocatedIn(_) => {
                attrs
                    .set("color", PLACE_LINK, true)
                    .set("arrowsize", "0.5", true);
            }
            Edge::Role { .. } => {}
            Edge::Relation(_) => {
                attrs
                    .set("color", RELATION, true)
                    .set("fontcolor", RELATION, true)
                    .set("penwidth", "1.2", true);
                if info.date.is_some_and(|d| d.approximate() || d.uncertain()) {
                    attrs.set("style", "dashed", true);
                }
            }
        }
        if layout == Layout::Timeline && !keeps_time_order(facts, edge, (from, to)) {
            attrs.set("constraint", "false", true);
        }
    }
}

/// Whether an edge may rank its ends in the timeline without fighting the
/// time order: role edges (actor → event), place links, and relations
/// between actors and places except place → actor. Ranked edges then always
/// run actor → event → place, so no chain of them leads from a later event
/// back to an earlier one.
fn keeps_time_order(facts: &Facts, edge: Edge, (from, to): (Ent, Ent)) -> bool {
    match edge {
        Edge::Role { .. } | Edge::OccurredAt(_) | Edge::LocatedIn(_) => true,
        Edge::Relation(_) => matches!(
            (facts.kind(from), facts.kind(to)),
            (EntityKind::Actor, EntityKind::Actor | EntityKind::Place)
                | (EntityKind::Place, EntityKind::Place)
        ),
    }
}
