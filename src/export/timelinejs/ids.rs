//! Every slide's `unique_id`: the event id made a slug, with `-2`, `-3`, …
//! after the slugs already taken (the title's among them), in selection
//! order. A name every JavaScript object already has counts as taken too:
//! TimelineJS asks `id in slides` of a plain object, so it would rename a
//! slide `constructor` to `constructor-1` (and so break a link to it).
//!
//! Event ids are unique, so when every one is already its own slug (as
//! extracted ids such as `event-123` are) and none is the title's nor such a
//! name, they are
//! the unique ids as they stand and nothing is kept. Otherwise a million
//! slides are a million ids, interned as the facts' strings are
//! ([`Interner`]): one text, four bytes an end and a table entry an id.
//! This module decides the ids; it writes nothing.

use hashbrown::HashMap;

use crate::model::{EventIx, Facts, Interner, Sym};

use super::super::js;
use super::{TITLE_ID, View, slug};

/// The unique ids of a selection's slides, in selection order.
pub struct UniqueIds<'v> {
    /// The made ids; `None` when they are the event ids themselves.
    made: Option<Made>,
    events: &'v [EventIx],
}

struct Made {
    strings: Interner,
    order: Vec<Sym>,
}

/// Whether [`slug`] leaves `id` as it is, found without making the slug.
fn is_slug(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

impl<'v> UniqueIds<'v> {
    pub fn of(view: &View<'v>) -> UniqueIds<'v> {
        let facts = view.facts;
        let events = view.sel.events.as_slice();
        let id = |ix: EventIx| facts.event(ix).map_or("", |e| facts.str(e.id));
        let as_they_are = view.sel.stored(facts).all(|ix| {
            let id = id(ix);
            id != TITLE_ID && !js::is_inherited(id) && is_slug(id)
        });
        if as_they_are {
            return UniqueIds { made: None, events };
        }
        let made = Made::of(view);
        UniqueIds {
            made: Some(made),
            events,
        }
    }

    /// The ids, in selection order.
    pub fn iter<'a>(&'a self, facts: &'a Facts) -> impl Iterator<Item = &'a str> + 'a {
        let made = self.made.iter().flat_map(Made::iter);
        let same = self.events.iter().filter(move |_| self.made.is_none());
        made.chain(same.map(move |&ix| facts.event(ix).map_or("", |e| facts.str(e.id))))
    }
}

impl Made {
    fn of(view: &View<'_>) -> Made {
        let facts = view.facts;
        let mut ids = Made {
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
    fn iter(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(|&s| self.strings.resolve(s))
    }

    /// Whether `id` was given already, is the title's or is a name every
    /// JavaScript object has.
    fn taken(&self, id: &str) -> bool {
        id == TITLE_ID || js::is_inherited(id) || self.strings.get(id).is_some()
    }

    fn add(&mut self, id: &str) {
        let sym = self.strings.intern(id);
        self.order.push(sym);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::super::fixture::{from_toml, json};
    use super::super::render;
    use super::{is_slug, slug};

    #[test]
    fn ids_that_are_their_own_slug() {
        for id in ["event-12", "a", "isis-k", "a1-b2"] {
            assert!(is_slug(id), "{id}");
        }
        for id in ["", "12", "-a", "a-", "a--b", "A", "a b", "é", "a_b"] {
            assert!(!is_slug(id), "{id}");
        }
    }

    /// TimelineJS keeps a slide's id only when `id in slides` is false of
    /// a plain object: `constructor` is, before any slide is added.
    #[test]
    fn no_id_is_a_name_every_javascript_object_has() {
        let toml = "[[event]]\nid = \"constructor\"\ntitle = \"t\"\ndate = \"2024\"\n";
        let doc = json(&render(&from_toml(toml).view("T")));
        let ids: Vec<&str> = doc["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["unique_id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["constructor-2"]);
    }

    proptest! {
        #[test]
        fn is_slug_agrees_with_slug(id in "[a-zA-Z0-9 _-]{0,8}") {
            prop_assert_eq!(is_slug(&id), slug(&id) == id);
        }
    }
}
