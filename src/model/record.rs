//! The five record types, generic over their stage.
//!
//! A record is first *pending*: its references are the interned ids as
//! written. Once every file is read, the validator resolves them and the
//! record becomes *resolved*: a place reference is a [`PlaceIx`], an actor a
//! [`ActorIx`], a cited source a [`SourceIx`], so a resolved record cannot
//! point at nothing or at the wrong kind of thing.

use std::fmt::Debug;

use super::count::Count;
use super::intern::Sym;
use super::list::List;
use super::rare::Rare;
use crate::diag::Origin;
use crate::edtf::Edtf;

macro_rules! index_type {
    ($($(#[$doc:meta])* $name:ident),*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub struct $name(pub u32);
        impl $name {
            pub fn index(self) -> usize { self.0 as usize }
        }
    )*};
}

index_type!(
    /// An actor's place in `Facts::actors`.
    ActorIx,
    /// A place's place in `Facts::places`.
    PlaceIx,
    /// An event's place in `Facts::events`.
    EventIx,
    /// A source's place in `Facts::sources`.
    SourceIx,
    /// A relation's place in `Facts::relations`.
    RelationIx,
    /// An actor, place or event: the graph node of the same number.
    Ent
);

/// What references are at one stage of validation.
pub trait Stage: Clone + Debug {
    type Actor: Copy + Debug + PartialEq + serde::Serialize + serde::de::DeserializeOwned;
    type Place: Copy + Debug + PartialEq + serde::Serialize + serde::de::DeserializeOwned;
    type Entity: Copy + Debug + PartialEq + serde::Serialize + serde::de::DeserializeOwned;
    type Source: Copy + Debug + PartialEq + serde::Serialize + serde::de::DeserializeOwned;
}

/// References as written: interned ids.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Pending;
impl Stage for Pending {
    type Actor = Sym;
    type Place = PlaceRef;
    type Entity = Sym;
    type Source = Sym;
}

/// A place reference as written. It takes as much room as a resolved
/// [`PlaceIx`] does in an `Option`, so that a pending event and a resolved
/// one have the same size and resolving a million events reuses their memory
/// instead of holding two copies.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PlaceRef {
    pub sym: Sym,
    _room: u32,
}

impl PlaceRef {
    pub fn new(sym: Sym) -> PlaceRef {
        PlaceRef { sym, _room: 0 }
    }
}

/// References resolved to the records they name.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Resolved;
impl Stage for Resolved {
    type Actor = ActorIx;
    type Place = PlaceIx;
    type Entity = Ent;
    type Source = SourceIx;
}

/// A claim's source, with the words it rests on.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Cite<S: Stage = Resolved> {
    pub source: S::Source,
    pub quote: Option<Sym>,
}

/// Admiralty-scale source reliability, A (completely reliable) to F (cannot be judged).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Reliability {
    A,
    B,
    C,
    D,
    E,
    F,
}

impl Reliability {
    pub fn parse(s: &str) -> Option<Reliability> {
        Some(match s {
            "A" => Reliability::A,
            "B" => Reliability::B,
            "C" => Reliability::C,
            "D" => Reliability::D,
            "E" => Reliability::E,
            "F" => Reliability::F,
            _ => return None,
        })
    }

    pub fn letter(self) -> &'static str {
        ["A", "B", "C", "D", "E", "F"]
            .get(self as usize)
            .copied()
            .unwrap_or("F")
    }
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Source {
    pub id: Sym,
    pub title: Sym,
    pub publisher: Option<Sym>,
    pub url: Option<Sym>,
    pub published: Option<Edtf>,
    pub reliability: Option<Reliability>,
    /// Admiralty-scale credibility of the information, 1 to 6.
    pub credibility: Option<u8>,
    pub note: Option<Sym>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Actor<S: Stage = Resolved> {
    pub id: Sym,
    pub name: Sym,
    pub kind: Option<Sym>,
    pub aliases: Vec<Sym>,
    pub note: Option<Sym>,
    pub sources: List<Cite<S>>,
    pub origin: Origin,
}

/// A point on the globe, in range by construction.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Coords {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Place<S: Stage = Resolved> {
    pub id: Sym,
    pub name: Sym,
    pub kind: Option<Sym>,
    /// The enclosing place (`in`).
    pub within: Option<S::Place>,
    pub aliases: Vec<Sym>,
    pub coords: Option<Coords>,
    pub note: Option<Sym>,
    pub sources: List<Cite<S>>,
    pub origin: Origin,
}

/// An actor's part in an event.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Participant<S: Stage = Resolved> {
    pub actor: S::Actor,
    pub role: Option<Sym>,
}

/// A free attribute value of an event.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Attr {
    Str(Sym),
    Int(i64),
    Float(f64),
    Bool(bool),
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Event<S: Stage = Resolved> {
    pub id: Sym,
    pub title: Sym,
    pub date: Edtf,
    pub kind: Option<Sym>,
    pub place: Option<S::Place>,
    pub actors: List<Participant<S>>,
    pub killed: Option<Count>,
    pub injured: Option<Count>,
    pub summary: Option<Sym>,
    pub attributes: Rare<(Sym, Attr)>,
    pub sources: List<Cite<S>>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Relation<S: Stage = Resolved> {
    pub id: Option<Sym>,
    pub kind: Sym,
    pub from: S::Entity,
    pub to: S::Entity,
    pub date: Option<Edtf>,
    pub note: Option<Sym>,
    pub sources: List<Cite<S>>,
    pub origin: Origin,
}
