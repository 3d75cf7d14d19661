//! The ids of vis-timeline items and groups: the event ids and kinds, except
//! those vis-timeline cannot take.
//!
//! vis-timeline keeps items and groups in plain JavaScript objects keyed by
//! id, so an id that every object already has (`toString`, `constructor`,
//! `__proto__`… see `js`) makes it throw while loading the data; and it
//! reserves the group ids `__ungrouped__` and `__background__` for itself
//! (an item in the first is not drawn, in the second it is drawn as
//! background). Such an event id is written `event ID`: ids hold no white
//! space, so no other event has it. Such a kind gets the group id `KIND 2`
//! (or the first of `KIND 3`, … that no kind and no other group has), its
//! `content` still the kind. This module decides ids; it writes nothing.

use std::collections::{BTreeMap, BTreeSet};

use super::super::js;

/// Group ids vis-timeline gives its own groups.
const RESERVED_GROUPS: [&str; 2] = ["__ungrouped__", "__background__"];

/// What an inherited name is written as when it is an event id.
const ITEM_IDS: [(&str, &str); 12] = [
    ("constructor", "event constructor"),
    ("__defineGetter__", "event __defineGetter__"),
    ("__defineSetter__", "event __defineSetter__"),
    ("hasOwnProperty", "event hasOwnProperty"),
    ("__lookupGetter__", "event __lookupGetter__"),
    ("__lookupSetter__", "event __lookupSetter__"),
    ("isPrototypeOf", "event isPrototypeOf"),
    ("propertyIsEnumerable", "event propertyIsEnumerable"),
    ("toString", "event toString"),
    ("valueOf", "event valueOf"),
    ("__proto__", "event __proto__"),
    ("toLocaleString", "event toLocaleString"),
];

/// The item id of the event whose id is `id`.
pub fn item_id(id: &str) -> &str {
    ITEM_IDS
        .iter()
        .find(|(name, _)| *name == id)
        .map_or(id, |(_, written)| written)
}

/// Whether vis-timeline cannot take `kind` as a group id.
fn unfit_group(kind: &str) -> bool {
    js::is_inherited(kind) || RESERVED_GROUPS.contains(&kind)
}

/// The group id of every kind, and of the events without one.
pub struct GroupIds<'f> {
    /// The group of events without a kind (`other`, `other 2`…).
    none: String,
    /// The kinds vis-timeline cannot take, with the ids written instead.
    renamed: BTreeMap<&'f str, String>,
}

impl<'f> GroupIds<'f> {
    /// The group ids for the events' `kinds`.
    pub fn of(kinds: &BTreeSet<&'f str>) -> GroupIds<'f> {
        let none = super::kindless(kinds);
        let mut renamed = BTreeMap::new();
        let mut used: BTreeSet<String> = BTreeSet::from([none.clone()]);
        for &kind in kinds.iter().filter(|k| unfit_group(k)) {
            let id = (2..)
                .map(|n: u64| format!("{kind} {n}"))
                .find(|id| !kinds.contains(id.as_str()) && !used.contains(id))
                .unwrap_or_default();
            used.insert(id.clone());
            renamed.insert(kind, id);
        }
        GroupIds { none, renamed }
    }

    /// The group id of events of `kind` (`None`: without one).
    pub fn get<'a>(&'a self, kind: Option<&'a str>) -> &'a str {
        match kind {
            None => &self.none,
            Some(kind) if unfit_group(kind) => self.renamed.get(kind).map_or(kind, String::as_str),
            Some(kind) => kind,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::super::super::fixture::{from_toml, json};
    use super::super::render;
    use super::{GroupIds, ITEM_IDS, RESERVED_GROUPS, item_id};
    use crate::export::js::{INHERITED, is_inherited};

    #[test]
    fn every_inherited_name_is_renamed_as_an_item_id() {
        let renamed: Vec<&str> = ITEM_IDS.iter().map(|(name, _)| *name).collect();
        assert_eq!(renamed, INHERITED);
        for name in INHERITED {
            assert_eq!(item_id(name), format!("event {name}"));
        }
        for id in ["e1", "Constructor", "proto", "event toString"] {
            assert_eq!(item_id(id), id);
        }
    }

    #[test]
    fn unfit_kinds_get_a_free_group_id() {
        let kinds = BTreeSet::from(["toString", "toString 2", "__background__", "attack"]);
        let ids = GroupIds::of(&kinds);
        assert_eq!(ids.get(Some("toString")), "toString 3");
        assert_eq!(ids.get(Some("toString 2")), "toString 2");
        assert_eq!(ids.get(Some("__background__")), "__background__ 2");
        assert_eq!(ids.get(Some("attack")), "attack");
        assert_eq!(ids.get(None), "other");
    }

    /// Every inherited name and reserved group as an event id and a kind:
    /// no item or group id is one of them, every item's group is listed,
    /// and each group still shows its kind.
    #[test]
    fn no_id_is_one_vis_timeline_cannot_take() {
        let mut toml = String::new();
        for (i, name) in INHERITED.iter().chain(&RESERVED_GROUPS).enumerate() {
            toml += &format!(
                "[[event]]\nid = \"{name}\"\ntitle = \"t\"\ndate = \"2024\"\nkind = \"{name}\"\n\n\
                 [[event]]\nid = \"e{i}\"\ntitle = \"t\"\ndate = \"2024\"\n\n"
            );
        }
        let fx = from_toml(&toml);
        let doc = json(&render(&fx.view("T")));
        let unfit = |id: &str| is_inherited(id) || RESERVED_GROUPS.contains(&id);
        let groups = doc["groups"].as_array().unwrap();
        let group_ids: BTreeSet<&str> = groups.iter().map(|g| g["id"].as_str().unwrap()).collect();
        assert_eq!(group_ids.len(), groups.len());
        for id in &group_ids {
            assert!(!unfit(id), "group {id}");
        }
        let contents: BTreeSet<&str> = groups
            .iter()
            .map(|g| g["content"].as_str().unwrap())
            .collect();
        for name in INHERITED.iter().chain(&RESERVED_GROUPS) {
            assert!(contents.contains(name), "{name}");
        }
        let items = doc["items"].as_array().unwrap();
        let item_ids: BTreeSet<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
        assert_eq!(item_ids.len(), items.len());
        for item in items {
            assert!(!is_inherited(item["id"].as_str().unwrap()), "{item}");
            assert!(
                group_ids.contains(item["group"].as_str().unwrap()),
                "{item}"
            );
        }
    }
}
