//! Random valid fact sets for the property tests.
//!
//! Every record type, with references only to records that exist (places
//! enclose only earlier places, so there is no cycle); text built from
//! hostile pieces (quotes, backslashes, line breaks, markup, entities, DOT
//! keywords and escapes, emoji, right-to-left text, control characters) and
//! random characters; ids that are DOT keywords or full of punctuation;
//! level 0 and 1 EDTF dates; counts of each form, up to the largest;
//! attributes of every type. A [`Spec`] holds the records as JSON values in
//! the canonical form the writers must give back, tagged, in canonical
//! order. Test-only.

use std::collections::HashSet;

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Map, Value, json};

use crate::model::Count;

/// `n` cases, or as many as `PROPTEST_CASES` asks for.
pub fn cases(n: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n);
    ProptestConfig::with_cases(n)
}

/// A random fact set: its records, canonical, in canonical order.
#[derive(Clone, Debug)]
pub struct Spec {
    pub records: Vec<Value>,
}

impl Spec {
    /// The records as JSON Lines, the input the tests load.
    pub fn jsonl(&self) -> String {
        let mut out = String::new();
        for r in &self.records {
            out.push_str(&r.to_string());
            out.push('\n');
        }
        out
    }
}

/// Pieces of text that break naive writers, readers and renderers.
#[rustfmt::skip]
const PIECES: &[&str] = &[
    "\"", "\\", "\n", "\r\n", "\r", "\t", "'", "<b>", "</b>", "<script>alert(1)</script>",
    "&", "&amp;", "&lt;", "{", "}", ";", "[", "]", "[[event]]", "=", "#", "node", "edge",
    "graph", "digraph", "subgraph", "strict", "\\N", "\\G", "\\l", "\\n", "\\\"", "<<", ">>",
    "->", "--", "\"\"\"", "'''", "🎉", "👩‍👩‍👧", "داعش", "עברית", "\u{202E}", "\u{0}",
    "\u{1b}", "\u{7f}", "\u{2028}", "\u{feff}", "e\u{301}", "é", "%", "~", " ", "  ",
];

/// Id flavours: no white space, hostile to DOT and HTML.
#[rustfmt::skip]
const ID_FLAVOURS: &[&str] = &[
    "", "node", "graph", "edge", "strict", "title", "\"q\"", "a\\b", "<b>&amp;", "🎉", "داعش",
    "->", "x;y{z}", "0", "-1", "é", "\u{202E}rtl",
];

/// Non-empty text (something other than white space).
pub fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(PIECES).prop_map(str::to_owned),
        3 => "[a-zA-Z0-9 ]{1,8}",
        1 => "\\PC{1,4}",
        1 => ".{1,3}",
    ];
    prop::collection::vec(piece, 1..5).prop_map(|parts| {
        let mut s = parts.concat();
        if s.trim().is_empty() {
            s.push('x');
        }
        s
    })
}

/// Text that may be empty (attribute strings and keys).
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![1 => Just(String::new()), 6 => text()]
}

fn opt<S: Strategy>(s: S) -> impl Strategy<Value = Option<S::Value>> {
    prop::option::weighted(0.5, s)
}

/// A level 0 or 1 EDTF date, canonical.
pub fn date() -> impl Strategy<Value = String> {
    let single = date_part();
    let end = prop_oneof![6 => date_part(), 1 => Just("..".to_owned()), 1 => Just(String::new())];
    let interval = (end.clone(), end).prop_filter_map("not an interval", |(a, b)| {
        let forward = format!("{a}/{b}");
        let back = format!("{b}/{a}");
        [forward, back]
            .into_iter()
            .find_map(|t| crate::edtf::parse(&t).ok())
            .map(|v| v.to_string())
    });
    let single = single.prop_filter_map("invalid date", |t| {
        crate::edtf::parse(&t).ok().map(|v| v.to_string())
    });
    prop_oneof![3 => single, 1 => interval]
}

fn date_part() -> impl Strategy<Value = String> {
    let year = prop_oneof![
        6 => (0i32..=9999).prop_map(|y| format!("{y:04}")),
        1 => (1i32..=9999).prop_map(|y| format!("-{y:04}")),
        1 => "Y-?[1-9][0-9]{4,8}",
    ];
    let zone = prop::sample::select(vec!["", "Z", "+05:30", "-14:00", "+00:00"]);
    let shape = prop_oneof![
        Just(0u8),
        Just(1),
        Just(2),
        Just(3),
        Just(4),
        Just(5),
        Just(6),
        Just(7)
    ];
    let qualifier = prop::sample::select(vec!["", "", "?", "~", "%"]);
    (
        year,
        1u8..=12,
        1u8..=28,
        21u8..=24,
        0u8..24,
        zone,
        shape,
        qualifier,
    )
        .prop_map(|(y, m, d, season, h, zone, shape, q)| {
            let four = y.len() == 4 && !y.starts_with('Y');
            match shape {
                0 => format!("{y}{q}"),
                1 if four => format!("{}X{q}", &y[..3]),
                2 if four => format!("{}XX{q}", &y[..2]),
                3 => format!("{y}-{m:02}{q}"),
                4 => format!("{y}-{season}{q}"),
                5 => format!("{y}-XX{q}"),
                6 => format!("{y}-{m:02}-XX{q}"),
                7 => format!("{y}-{m:02}-{d:02}T{h:02}:30:59{zone}"),
                _ => format!("{y}-{m:02}-{d:02}{q}"),
            }
        })
}

/// A count of any form, as the canonical writers give it.
fn count() -> impl Strategy<Value = Value> {
    let n = prop_oneof![3 => 0u32..1000, 1 => any::<u32>()];
    let count = prop_oneof![
        n.clone().prop_map(Count::Exact),
        n.clone().prop_map(Count::About),
        n.clone().prop_map(Count::AtLeast),
        (n.clone(), n).prop_map(|(a, b)| Count::Range(a.min(b), a.max(b))),
    ];
    count.prop_map(|c| match c {
        Count::Exact(n) => json!(n),
        other => json!(other.to_string()),
    })
}

fn attribute() -> impl Strategy<Value = Value> {
    let float = any::<f64>().prop_filter("finite", |x| x.is_finite());
    prop_oneof![
        any_text().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        float.prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
    ]
}

/// References drawn before the number of targets is known.
type Refs = Vec<(Index, Option<String>)>;

fn refs(max: usize) -> impl Strategy<Value = Refs> {
    prop::collection::vec((any::<Index>(), opt(text())), 0..max)
}

#[derive(Clone, Debug)]
struct Entry {
    flavour: Index,
    texts: Vec<Option<String>>,
    date: Option<String>,
    links: Vec<Option<Index>>,
    lists: Vec<Refs>,
    extra: Vec<Value>,
}

/// One record: a flavour for its id, `n` texts (the first required), a
/// date, `l` single references, lists of references, and extra values.
fn entry(
    n: usize,
    date_required: Option<bool>,
    l: usize,
    lists: usize,
    extra: BoxedStrategy<Vec<Value>>,
) -> impl Strategy<Value = Entry> {
    let texts = (text(), prop::collection::vec(opt(text()), n - 1))
        .prop_map(|(first, rest)| std::iter::once(Some(first)).chain(rest).collect::<Vec<_>>());
    let date = match date_required {
        Some(true) => date().prop_map(Some).boxed(),
        Some(false) => opt(date()).boxed(),
        None => Just(None).boxed(),
    };
    let links = prop::collection::vec(opt(any::<Index>()), l);
    let lists = prop::collection::vec(refs(4), lists);
    (any::<Index>(), texts, date, links, lists, extra).prop_map(
        |(flavour, texts, date, links, lists, extra)| Entry {
            flavour,
            texts,
            date,
            links,
            lists,
            extra,
        },
    )
}

fn no_extra() -> BoxedStrategy<Vec<Value>> {
    Just(Vec::new()).boxed()
}

/// A random valid fact set.
pub fn spec() -> impl Strategy<Value = Spec> {
    let reliability = opt(prop::sample::select(vec!["A", "B", "C", "D", "E", "F"]))
        .prop_map(|r| r.map_or(Value::Null, Value::from));
    let credibility = opt(1u8..=6).prop_map(|c| c.map_or(Value::Null, Value::from));
    let source_extra = (reliability, credibility)
        .prop_map(|(r, c)| vec![r, c])
        .boxed();
    let coords = opt((-90.0f64..=90.0, -180.0f64..=180.0))
        .prop_map(|c| c.map_or(vec![], |(a, o)| vec![json!(a), json!(o)]))
        .boxed();
    let attributes = prop::collection::vec((any_text(), attribute()), 0..4);
    let event_extra = (opt(count()), opt(count()), attributes)
        .prop_map(|(k, i, attrs)| {
            let mut map = Map::new();
            for (key, value) in attrs {
                map.entry(key).or_insert(value);
            }
            vec![
                k.unwrap_or(Value::Null),
                i.unwrap_or(Value::Null),
                Value::Object(map),
            ]
        })
        .boxed();
    let sources = prop::collection::vec(entry(5, Some(false), 0, 0, source_extra), 0..3);
    let actors = prop::collection::vec(entry(3, None, 0, 2, no_extra()), 0..4);
    let places = prop::collection::vec(entry(3, None, 1, 2, coords), 0..4);
    let events = prop::collection::vec(entry(3, Some(true), 1, 2, event_extra), 0..5);
    let relations = prop::collection::vec(
        (any::<bool>(), entry(2, Some(false), 2, 1, no_extra())),
        0..4,
    );
    (sources, actors, places, events, relations)
        .prop_map(|(s, a, p, e, r)| Builder::default().build(&s, &a, &p, &e, &r))
}

/// Turns drawn entries into canonical records with unique ids.
#[derive(Default)]
struct Builder {
    used: HashSet<String>,
    sources: Vec<String>,
    actors: Vec<String>,
    places: Vec<String>,
    entities: Vec<String>,
}

fn pick<'a>(ids: &'a [String], ix: &Index) -> Option<&'a String> {
    (!ids.is_empty()).then(|| &ids[ix.index(ids.len())])
}

/// Bare ids, or `{id, <extra>}` tables; dropped when there is nothing to name.
fn id_list(ids: &[String], refs: &Refs, extra: &str) -> Value {
    let items = refs.iter().filter_map(|(ix, with)| {
        let id = pick(ids, ix)?;
        Some(match with {
            None => json!(id),
            Some(t) => json!({"id": id, extra: t}),
        })
    });
    Value::Array(items.collect())
}

/// A record under construction: fields in canonical order, absent ones left out.
struct Rec(Map<String, Value>);

impl Rec {
    fn new(shape: &str) -> Rec {
        let mut map = Map::new();
        map.insert("type".into(), json!(shape));
        Rec(map)
    }

    fn set(&mut self, key: &str, value: Value) -> &mut Rec {
        let empty = match &value {
            Value::Null => true,
            Value::Array(a) => a.is_empty(),
            Value::Object(o) => o.is_empty(),
            _ => false,
        };
        if !empty {
            self.0.insert(key.into(), value);
        }
        self
    }

    fn text(&mut self, key: &str, text: &Option<String>) -> &mut Rec {
        self.set(key, text.clone().map_or(Value::Null, Value::from))
    }
}

impl Builder {
    fn id(&mut self, kind: &str, i: usize, flavour: &Index) -> String {
        let f = ID_FLAVOURS[flavour.index(ID_FLAVOURS.len())];
        let id = if f.is_empty() || self.used.contains(f) {
            format!("{kind}{i}.{f}")
        } else {
            f.to_owned()
        };
        self.used.insert(id.clone());
        id
    }

    fn build(
        mut self,
        sources: &[Entry],
        actors: &[Entry],
        places: &[Entry],
        events: &[Entry],
        relations: &[(bool, Entry)],
    ) -> Spec {
        let mut records = Vec::new();
        for (i, s) in sources.iter().enumerate() {
            let id = self.id("s", i, &s.flavour);
            self.sources.push(id.clone());
            let mut r = Rec::new("source");
            r.set("id", json!(id)).text("title", &s.texts[0]);
            r.text("publisher", &s.texts[1]).text("url", &s.texts[2]);
            r.set("published", s.date.clone().map_or(Value::Null, Value::from));
            r.set("reliability", s.extra[0].clone());
            r.set("credibility", s.extra[1].clone());
            r.text("note", &s.texts[3]);
            records.push(Value::Object(r.0));
        }
        for (i, a) in actors.iter().enumerate() {
            let id = self.id("a", i, &a.flavour);
            self.actors.push(id.clone());
            let mut r = Rec::new("actor");
            r.set("id", json!(id)).text("name", &a.texts[0]);
            r.text("kind", &a.texts[1]);
            r.set("aliases", aliases(&a.lists[1]))
                .text("note", &a.texts[2]);
            r.set("sources", id_list(&self.sources, &a.lists[0], "quote"));
            records.push(Value::Object(r.0));
        }
        for (i, p) in places.iter().enumerate() {
            let id = self.id("p", i, &p.flavour);
            let within = p.links[0]
                .as_ref()
                .and_then(|ix| pick(&self.places, ix).cloned());
            self.places.push(id.clone());
            let mut r = Rec::new("place");
            r.set("id", json!(id)).text("name", &p.texts[0]);
            r.text("kind", &p.texts[1]).text("in", &within);
            r.set("aliases", aliases(&p.lists[1]));
            if let [lat, lon] = p.extra.as_slice() {
                r.set("lat", lat.clone()).set("lon", lon.clone());
            }
            r.text("note", &p.texts[2]);
            r.set("sources", id_list(&self.sources, &p.lists[0], "quote"));
            records.push(Value::Object(r.0));
        }
        self.entities = [self.actors.clone(), self.places.clone()].concat();
        let mut event_ids = Vec::new();
        for (i, e) in events.iter().enumerate() {
            let id = self.id("e", i, &e.flavour);
            event_ids.push(id.clone());
            let place = e.links[0]
                .as_ref()
                .and_then(|ix| pick(&self.places, ix).cloned());
            let mut r = Rec::new("event");
            r.set("id", json!(id)).text("title", &e.texts[0]);
            r.text("date", &e.date).text("kind", &e.texts[1]);
            r.text("place", &place);
            r.set("actors", id_list(&self.actors, &e.lists[1], "role"));
            r.set("killed", e.extra[0].clone());
            r.set("injured", e.extra[1].clone());
            r.text("summary", &e.texts[2]);
            r.set("attributes", e.extra[2].clone());
            r.set("sources", id_list(&self.sources, &e.lists[0], "quote"));
            records.push(Value::Object(r.0));
        }
        self.entities.extend(event_ids);
        for (i, (with_id, rel)) in relations.iter().enumerate() {
            let ends = rel.links.iter().flatten().collect::<Vec<_>>();
            let (Some(from), Some(to)) = (ends.first(), ends.get(1)) else {
                continue;
            };
            let (Some(from), Some(to)) = (pick(&self.entities, from), pick(&self.entities, to))
            else {
                continue;
            };
            let (from, to) = (from.clone(), to.clone());
            let mut r = Rec::new("relation");
            if *with_id {
                let id = self.id("r", i, &rel.flavour);
                r.set("id", json!(id));
            }
            r.text("kind", &rel.texts[0]);
            r.set("from", json!(from)).set("to", json!(to));
            r.text("date", &rel.date).text("note", &rel.texts[1]);
            r.set("sources", id_list(&self.sources, &rel.lists[0], "quote"));
            records.push(Value::Object(r.0));
        }
        Spec { records }
    }
}

/// Aliases: the texts of a drawn list (its references are ignored).
fn aliases(refs: &Refs) -> Value {
    let names = refs
        .iter()
        .filter_map(|(_, t)| t.clone())
        .filter(|t| !t.trim().is_empty());
    Value::Array(names.map(Value::from).collect())
}
