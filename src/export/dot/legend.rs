//! The legend: one sample node for each category and kind drawn, and one
//! for the dashed outline of an approximate or uncertain date.
//!
//! It is a cluster (`id="cluster_legend"`; `dot-writer` numbers cluster
//! names itself) holding a heading per category followed by its samples,
//! in one `rank=same` column, broken into several when long. The entries
//! have no edges, so Graphviz keeps them in the order written; invisible
//! edges inside a column would double the gaps between them.
//! Legend ids contain a space, which entity ids never do, so they cannot
//! meet a fact's node. Only kinds actually drawn are listed.

use std::collections::BTreeSet;

use dot_writer::{Attributes, Scope};

use super::{escape, style};
use crate::model::{EntityKind, Facts, Sym};

/// Most entries (headings and samples) in one column of the legend.
const COLUMN: usize = 20;

/// The categories and kinds drawn, and whether any date was dashed.
#[derive(Debug, Default)]
pub struct Used {
    kinds: BTreeSet<(EntityKind, Option<Sym>)>,
    dashed: bool,
}

impl Used {
    pub fn add(&mut self, category: EntityKind, kind: Option<Sym>, dashed: bool) {
        self.dashed |= dashed;
        self.kinds.insert((category, kind));
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }
}

/// One legend node: its id, label, and look (None for a heading).
struct Entry {
    id: String,
    label: String,
    look: Option<style::Look>,
}

fn heading(id: &str, label: &str) -> Entry {
    Entry {
        id: format!("legend heading {id}"),
        label: label.to_owned(),
        look: None,
    }
}

/// Headings and samples in legend order: categories, kinds sorted by name.
fn entries(facts: &Facts, used: &Used) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (category, title) in [
        (EntityKind::Actor, "Actors"),
        (EntityKind::Place, "Places"),
        (EntityKind::Event, "Events"),
    ] {
        let mut kinds: Vec<Option<&str>> = used
            .kinds
            .iter()
            .filter(|(c, _)| *c == category)
            .map(|(_, kind)| facts.opt_str(*kind))
            .collect();
        if kinds.is_empty() {
            continue;
        }
        kinds.sort_unstable();
        entries.push(heading(category.as_str(), title));
        entries.extend(kinds.into_iter().map(|k| sample(category, k)));
    }
    if used.dashed {
        entries.push(heading("date", "Dates"));
        entries.push(Entry {
            id: "legend date dashed".to_owned(),
            label: "approximate or\nuncertain date".to_owned(),
            look: Some(style::look(EntityKind::Event, None, true)),
        });
    }
    entries
}

fn sample(category: EntityKind, kind: Option<&str>) -> Entry {
    let name = category.as_str();
    let (id, label) = match kind {
        Some(k) => (format!("legend {name} kind {k}"), k.to_owned()),
        None => (format!("legend {name} none"), format!("{name} (no kind)")),
    };
    Entry {
        id,
        label,
        look: Some(style::look(category, kind, false)),
    }
}

/// Writes the legend cluster; nothing when nothing was drawn.
pub fn write(dot: &mut Scope<'_, '_>, facts: &Facts, used: &Used) {
    if used.is_empty() {
        return;
    }
    let entries = entries(facts, used);
    let mut cluster = dot.cluster();
    cluster
        .set("id", "cluster_legend", true)
        .set("label", "Legend", true)
        .set("fontsize", "13", true)
        .set("style", "rounded,filled", true)
        .set("fillcolor", "#F6F6F6", true)
        .set("color", "#B0B0B0", true);
    let mut firsts = Vec::new();
    for column in entries.chunks(COLUMN) {
        let ids: Vec<String> = column.iter().map(|e| escape::id(&e.id)).collect();
        let mut rank = cluster.subgraph();
        rank.set("rank", "same", false);
        for (entry, id) in column.iter().zip(&ids) {
            write_entry(&mut rank, entry, id);
        }
        firsts.extend(ids.into_iter().next());
    }
    if let Some(list) = cluster.edges(&firsts) {
        list.attributes().set("style", "invis", true);
    }
}

fn write_entry(scope: &mut Scope<'_, '_>, entry: &Entry, id: &str) {
    let mut node = scope.node_named(id);
    node.set("label", &escape::text(&entry.label), true);
    match entry.look {
        Some(look) => node
            .set("shape", look.shape, true)
            .set("style", look.style, true)
            .set("fillcolor", look.fill, true)
            .set("fontsize", "9", true)
            .set("height", "0.3", true)
            .set("margin", "0.08,0.03", true),
        None => node
            .set("shape", "plaintext", true)
            .set("fontsize", "12", true)
            .set("fontcolor", "#202020", true),
    };
}
