//! Every slide's `unique_id`: the event id made a slug, with `-2`, `-3`, …
//! after the slugs already taken (the title's among them), in selection
//! order.
//!
//! A million slides are a million ids, so they are kept as one text with
//! where each ends, and the ids taken so far as handles into it in a hash
//! table: about 20 bytes an id. This module decides the ids; it writes
//! nothing.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashMap, HashTable};

use super::{TITLE_ID, View, slug};

/// The unique ids of a selection's slides, in selection order.
pub struct UniqueIds {
    text: String,
    ends: Vec<usize>,
}

impl UniqueIds {
    pub fn of(view: &View<'_>) -> UniqueIds {
        let facts = view.facts;
        let mut taken = Taken::new(view.sel.events.len());
        let mut next: HashMap<String, u64> = HashMap::new();
        for ix in &view.sel.events {
            let base = slug(facts.event(*ix).map_or("", |e| facts.str(e.id)));
            if !taken.contains(&base) {
                taken.add(&base);
                continue;
            }
            let n = next.entry(base.clone()).or_insert(2);
            loop {
                let id = format!("{base}-{n}");
                *n += 1;
                if !taken.contains(&id) {
                    taken.add(&id);
                    break;
                }
            }
        }
        taken.ids
    }

    /// The ids, in selection order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|i| self.get(i))
    }

    fn get(&self, i: usize) -> &str {
        let end = self.ends.get(i).copied().unwrap_or(0);
        let start = i.checked_sub(1).and_then(|i| self.ends.get(i)).copied();
        self.text.get(start.unwrap_or(0)..end).unwrap_or_default()
    }
}

/// The ids given so far, and the title's.
struct Taken {
    ids: UniqueIds,
    /// Indices into `ids`.
    table: HashTable<usize>,
    hasher: DefaultHashBuilder,
}

impl Taken {
    fn new(room: usize) -> Taken {
        Taken {
            ids: UniqueIds {
                text: String::with_capacity(room * 12),
                ends: Vec::with_capacity(room),
            },
            table: HashTable::with_capacity(room),
            hasher: DefaultHashBuilder::default(),
        }
    }

    fn contains(&self, id: &str) -> bool {
        id == TITLE_ID
            || self
                .table
                .find(self.hasher.hash_one(id), |&i| self.ids.get(i) == id)
                .is_some()
    }

    fn add(&mut self, id: &str) {
        let i = self.ids.ends.len();
        self.ids.text.push_str(id);
        self.ids.ends.push(self.ids.text.len());
        let (ids, hasher) = (&self.ids, &self.hasher);
        self.table
            .insert_unique(hasher.hash_one(id), i, |&k| hasher.hash_one(ids.get(k)));
    }
}
