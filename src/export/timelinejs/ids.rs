//! Every slide's `unique_id`: the event id made a slug, with `-2`, `-3`, …
//! after the slugs already taken (the title's among them), in selection
//! order.
//!
//! A million slides are a million ids, so they are interned as the facts'
//! strings are ([`Interner`]): one text, four bytes an end and a table
//! entry an id. This module decides the ids; it writes nothing.

use hashbrown::HashMap;

use crate::model::{Interner, Sym};

use super::{TITLE_ID, View, slug};

/// The unique ids of a selection's slides, in selection order.
pub struct UniqueIds {
    strings: Interner,
    order: Vec<Sym>,
}

impl UniqueIds {
    pub fn of(view: &View<'_>) -> UniqueIds {
        let facts = view.facts;
        let mut ids = UniqueIds {
            strings: Interner::default(),
            order: Vec::with_capacity(view.sel.events.len()),
        };
        let mut next: HashMap<String, u64> = HashMap::new();
        for ix in &view.sel.events {
            let base = slug(facts.event(*ix).map_or("", |e| facts.str(e.id)));
            if !ids.taken(&base) {
                ids.add(&base);
                continue;
            }
            let n = next.entry(base.clone()).or_insert(2);
            loop {
                let id = format!("{base}-{n}");
                *n += 1;
                if !ids.taken(&id) {
                    ids.add(&id);
                    break;
                }
            }
        }
        ids
    }

    /// The ids, in selection order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(|&s| self.strings.resolve(s))
    }

    /// Whether `id` was given already, or is the title's.
    fn taken(&self, id: &str) -> bool {
        id == TITLE_ID || self.strings.get(id).is_some()
    }

    fn add(&mut self, id: &str) {
        let sym = self.strings.intern(id);
        self.order.push(sym);
    }
}
