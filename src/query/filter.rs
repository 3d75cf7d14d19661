//! The filters shared by exports and queries, and what they keep.
//!
//! `--since`/`--until` keep events whose date bounds overlap the window;
//! `--kind` keeps event kinds; `--actor` the events an actor took part in;
//! `--place` the events at a place or anywhere inside it; `--around X
//! --depth N` the neighbourhood of X. Event filters keep the events that pass
//! them all, with their actors and places (and the places around those);
//! `--around` keeps its neighbourhood, less the events the other filters
//! reject. Entities are named by id, name or alias; `--actor` and
//! `--place` look among actors, or places, first.

use clap::Args;

use crate::edtf::{Bounds, Edtf};
use crate::graph::Graph;
use crate::graph::names::Lookup;
use crate::graph::names::NameIndex;
use crate::model::{ActorIx, Ent, EntityKind, EventIx, Facts, PlaceIx, Sym};
use crate::query::reach::reach;

/// Most entities an `--around` neighbourhood may hold.
pub const AROUND_LIMIT: usize = 100_000;

#[derive(Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Keep events that may fall on or after DATE (EDTF: 2024, 2024-03, …).
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Keep events that may fall on or before DATE (EDTF).
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// Keep events of this kind (repeatable).
    #[arg(long = "kind", value_name = "KIND")]
    pub kinds: Vec<String>,
    /// Keep events this actor took part in (id, name or alias).
    #[arg(long, value_name = "ENTITY")]
    pub actor: Option<String>,
    /// Keep events at this place or anywhere inside it.
    #[arg(long, value_name = "ENTITY")]
    pub place: Option<String>,
    /// Keep the neighbourhood of this entity (see --depth).
    #[arg(long, value_name = "ENTITY")]
    pub around: Option<String>,
    /// Hops from --around [default: 1].
    #[arg(long, value_name = "N")]
    pub depth: Option<usize>,
}

/// The hops of `--around` when `--depth` is not given.
pub const DEFAULT_DEPTH: usize = 1;

/// Why filter arguments cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterError {
    Date {
        flag: &'static str,
        text: String,
        message: String,
        /// How to write it, when the parser knows.
        help: Option<String>,
    },
    Entity(Lookup),
    NotA {
        flag: &'static str,
        name: String,
        wanted: &'static str,
        found: &'static str,
    },
    /// A `--kind` no event has, with the nearest kinds events have.
    Kind {
        kind: String,
        near: Vec<String>,
    },
    /// A `--since` after the `--until`: no date falls between.
    Window {
        since: String,
        until: String,
    },
    /// `--depth` without `--around`, which it is the hops of.
    DepthAlone,
}

impl std::fmt::Display for FilterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FilterError::Date {
                flag,
                text,
                message,
                help,
            } => {
                write!(f, "{flag} `{text}` is not an EDTF date: {message}")?;
                help.iter().try_for_each(|help| write!(f, "; {help}"))
            }
            FilterError::Entity(l) => l.fmt(f),
            FilterError::Window { since, until } => write!(
                f,
                "--since `{since}` is after --until `{until}`: no date falls between them"
            ),
            FilterError::Kind { kind, near } => {
                let hint = crate::suggest::hint(near);
                write!(f, "--kind `{kind}`: no event has this kind{hint}")
            }
            FilterError::NotA {
                flag,
                name,
                wanted,
                found,
            } => {
                write!(f, "{flag} `{name}` is {found}, not {wanted}")
            }
            FilterError::DepthAlone => f.write_str(
                "--depth is the hops from --around: give --around ENTITY too, or leave --depth out",
            ),
        }
    }
}

impl std::error::Error for FilterError {}

/// Filters with their names resolved and dates parsed.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub window: Option<Bounds>,
    /// Kinds as given; None matches nothing (a kind no event has).
    pub kinds: Vec<Option<Sym>>,
    pub actor: Option<ActorIx>,
    pub place: Option<PlaceIx>,
    pub around: Option<(Ent, usize)>,
}

/// What a filter keeps.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Kept events in time order.
    pub events: Vec<EventIx>,
    /// Kept entities, by `Ent` number.
    pub keep: Vec<bool>,
    /// True when `--around` stopped at [`AROUND_LIMIT`].
    pub truncated: bool,
}

impl Selection {
    pub fn has(&self, ent: Ent) -> bool {
        self.keep.get(ent.index()).copied().unwrap_or(false)
    }

    /// The kept events in the order they are stored, not in time order: for
    /// a pass whose result does not depend on the order, which then reads
    /// the events one after the next rather than jumping about memory. An
    /// event is kept exactly when it is in [`Selection::events`].
    pub fn stored<'a>(&'a self, facts: &'a Facts) -> impl Iterator<Item = EventIx> + 'a {
        facts.event_ixs().filter(|&e| self.has(facts.event_ent(e)))
    }
}

fn date(flag: &'static str, text: &Option<String>) -> Result<Option<Bounds>, FilterError> {
    let Some(text) = text else { return Ok(None) };
    let parsed: Result<Edtf, _> = crate::edtf::parse(text);
    parsed
        .map(|d| Some(d.bounds()))
        .map_err(|e| FilterError::Date {
            flag,
            text: text.clone(),
            message: e.message,
            help: e.help,
        })
}

impl FilterArgs {
    pub fn is_empty(&self) -> bool {
        self.since.is_none()
            && self.until.is_none()
            && self.kinds.is_empty()
            && self.actor.is_none()
            && self.place.is_none()
            && self.around.is_none()
    }

    /// Whether a filter names an entity (and so needs the name index).
    pub fn names_entities(&self) -> bool {
        self.actor.is_some() || self.place.is_some() || self.around.is_some()
    }

    /// Parses dates and resolves names against the facts. `names` is
    /// consulted only for the filters [`FilterArgs::names_entities`] lists.
    pub fn resolve(&self, facts: &Facts, names: &NameIndex) -> Result<Filter, FilterError> {
        let since = date("--since", &self.since)?;
        let until = date("--until", &self.until)?;
        if let (Some(s), Some(u)) = (&since, &until)
            && s.earliest.zip(u.latest).is_some_and(|(s, u)| s > u)
        {
            return Err(FilterError::Window {
                since: self.since.clone().unwrap_or_default(),
                until: self.until.clone().unwrap_or_default(),
            });
        }
        let window = match (since, until) {
            (None, None) => None,
            (s, u) => Some(Bounds {
                earliest: s.and_then(|b| b.earliest),
                latest: u.and_then(|b| b.latest),
            }),
        };
        let find = |name: &str| names.find(facts, name).map_err(FilterError::Entity);
        let actor = match &self.actor {
            Some(name) => {
                let ent = find_kind(facts, names, name, EntityKind::Actor)?;
                Some(
                    facts
                        .as_actor(ent)
                        .ok_or_else(|| not_a("--actor", name, "an actor", facts, ent))?,
                )
            }
            None => None,
        };
        let place = match &self.place {
            Some(name) => {
                let ent = find_kind(facts, names, name, EntityKind::Place)?;
                Some(
                    facts
                        .as_place(ent)
                        .ok_or_else(|| not_a("--place", name, "a place", facts, ent))?,
                )
            }
            None => None,
        };
        let around = match &self.around {
            Some(name) => Some((find(name)?, self.depth.unwrap_or(DEFAULT_DEPTH))),
            None if self.depth.is_some() => return Err(FilterError::DepthAlone),
            None => None,
        };
        let kinds = event_kinds(&self.kinds, facts)?;
        Ok(Filter {
            window,
            kinds,
            actor,
            place,
            around,
        })
    }
}

/// The entity a filter that wants `kind` names: one of that kind first.
fn find_kind(
    facts: &Facts,
    names: &NameIndex,
    name: &str,
    kind: EntityKind,
) -> Result<Ent, FilterError> {
    names
        .find_kind(facts, name, kind)
        .map_err(FilterError::Entity)
}

/// The kinds asked for by `--kind`. One that no event has is an error, with
/// the nearest kinds events have: a typo would otherwise select nothing.
fn event_kinds(asked: &[String], facts: &Facts) -> Result<Vec<Option<Sym>>, FilterError> {
    if asked.is_empty() {
        return Ok(Vec::new());
    }
    let known: std::collections::HashSet<Sym> =
        facts.events.iter().filter_map(|e| e.kind).collect();
    asked
        .iter()
        .map(
            |kind| match facts.strings.get(kind).filter(|s| known.contains(s)) {
                Some(sym) => Ok(Some(sym)),
                None => {
                    let mut names: Vec<&str> =
                        known.iter().map(|&s| facts.strings.resolve(s)).collect();
                    names.sort_unstable();
                    let near = crate::suggest::nearest(kind, names.into_iter(), 3);
                    Err(FilterError::Kind {
                        kind: kind.clone(),
                        near: near.into_iter().map(str::to_string).collect(),
                    })
                }
            },
        )
        .collect()
}

fn not_a(
    flag: &'static str,
    name: &str,
    wanted: &'static str,
    facts: &Facts,
    ent: Ent,
) -> FilterError {
    let found = match facts.kind(ent) {
        EntityKind::Actor => "an actor",
        EntityKind::Place => "a place",
        EntityKind::Event => "an event",
    };
    FilterError::NotA {
        flag,
        name: name.to_string(),
        wanted,
        found,
    }
}

impl Filter {
    fn filters_events(&self) -> bool {
        self.window.is_some()
            || !self.kinds.is_empty()
            || self.actor.is_some()
            || self.place.is_some()
    }

    /// Whether one event passes the event filters.
    pub fn event_passes(&self, facts: &Facts, e: EventIx) -> bool {
        let Some(ev) = facts.event(e) else {
            return false;
        };
        if let Some(w) = &self.window
            && !ev.date.bounds().overlaps(w)
        {
            return false;
        }
        if !self.kinds.is_empty() && !self.kinds.iter().any(|k| k.is_some() && *k == ev.kind) {
            return false;
        }
        if let Some(a) = self.actor
            && !ev.actors.iter().any(|p| p.actor == a)
        {
            return false;
        }
        if let Some(p) = self.place {
            let inside = ev
                .place
                .is_some_and(|at| facts.enclosing(at).any(|q| q == p));
            if !inside {
                return false;
            }
        }
        true
    }

    /// What the filters keep; `graph` is asked for only to go `--around`.
    pub fn select<'g>(&self, facts: &Facts, graph: impl FnOnce() -> &'g Graph) -> Selection {
        let n = facts.entity_count();
        let mut truncated = false;
        let mut keep = match self.around {
            Some((start, depth)) => {
                let r = reach(graph(), start, depth, AROUND_LIMIT, &|_| true);
                truncated = r.truncated;
                let mut keep = vec![false; n];
                for found in r.found {
                    if let Some(k) = keep.get_mut(found.ent.index()) {
                        *k = true;
                    }
                }
                keep
            }
            None => vec![!self.filters_events(); n],
        };
        // Without `--around`, the filters read every event: where it is
        // stored, one after the other, rather than in time order, which
        // jumps about memory. With it, only the events around are read.
        let passes: Option<Vec<bool>> = self.around.is_none().then(|| {
            (0u32..)
                .zip(&facts.events)
                .map(|(i, _)| self.event_passes(facts, EventIx(i)))
                .collect()
        });
        let events: Vec<EventIx> = facts
            .by_time()
            .iter()
            .copied()
            .filter(|e| match &passes {
                Some(passes) => passes.get(e.index()) == Some(&true),
                None => {
                    keep.get(facts.event_ent(*e).index()) == Some(&true)
                        && self.event_passes(facts, *e)
                }
            })
            .collect();
        for e in facts.event_ixs() {
            if let Some(k) = keep.get_mut(facts.event_ent(e).index()) {
                *k = false;
            }
        }
        for &e in &events {
            mark_event(
                facts,
                e,
                &mut keep,
                self.around.is_none() && self.filters_events(),
            );
        }
        Selection {
            events,
            keep,
            truncated,
        }
    }
}

/// Keeps an event and, when asked, its actors, its place and the places around.
fn mark_event(facts: &Facts, e: EventIx, keep: &mut [bool], with_context: bool) {
    let mut set = |ent: Ent| {
        if let Some(k) = keep.get_mut(ent.index()) {
            *k = true;
        }
    };
    set(facts.event_ent(e));
    if !with_context {
        return;
    }
    let Some(ev) = facts.event(e) else { return };
    for p in &ev.actors {
        set(facts.actor_ent(p.actor));
    }
    if let Some(p) = ev.place {
        for q in facts.enclosing(p) {
            set(facts.place_ent(q));
        }
    }
}

#[cfg(test)]
mod tests;
