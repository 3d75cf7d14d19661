//! "Did you mean" for references to unknown ids, bounded on large fact sets.
//!
//! The ids of the kinds a reference asks for are gathered (and lower-cased)
//! once, at the first unknown reference that asks for them; an unknown id
//! referenced again gets the help found the first time; and the comparisons
//! made over one load are bounded by [`BUDGET`]. So a fact set with
//! thousands of broken references (an extraction tool's misspelt prefix,
//! say) is checked in about the time of a valid one, and the unknown ids
//! met first get their help. Nothing here reports problems; it only words
//! the help line.

use hashbrown::HashMap;

use super::defs::{Counts, Kind};
use crate::model::{Ids, Interner, Sym};
use crate::suggest::Candidates;

/// Comparisons of an unknown id with a known one allowed in one load: at
/// most about three tenths of a second. An unknown id that would pass it
/// gets no help.
const BUDGET: usize = 5_000_000;

/// Ids of more kinds than this are not gathered as candidates.
const MAX_CANDIDATES: usize = 200_000;

/// The help lines of one load.
pub(super) struct Hints<'p> {
    /// The candidates for each set of kinds asked for.
    candidates: HashMap<u8, Candidates<'p>>,
    /// The help already given to each unknown id, by the kinds asked for.
    given: HashMap<(Sym, u8), Option<String>>,
    /// Comparisons that may still be made.
    budget: usize,
}

impl Default for Hints<'_> {
    fn default() -> Self {
        Hints::with_budget(BUDGET)
    }
}

/// Where the ids are read from.
pub(super) struct Known<'a, 'p> {
    pub ids: &'a Ids,
    pub counts: Counts,
    pub strings: &'p Interner,
}

impl<'p> Hints<'p> {
    fn with_budget(budget: usize) -> Self {
        Hints {
            candidates: HashMap::new(),
            given: HashMap::new(),
            budget,
        }
    }

    /// The help for an unknown reference to `id`, which must name one of
    /// the `wanted` kinds.
    pub fn help(&mut self, id: Sym, wanted: &[Kind], known: &Known<'_, 'p>) -> Option<String> {
        let key = mask(wanted);
        if let Some(given) = self.given.get(&(id, key)) {
            return given.clone();
        }
        let candidates = self
            .candidates
            .entry(key)
            .or_insert_with(|| gather(wanted, known));
        self.budget = self.budget.checked_sub(candidates.len())?;
        let mut best = candidates.nearest(known.strings.resolve(id), 3);
        best.sort_unstable();
        let help = wording(&best);
        self.given.insert((id, key), help.clone());
        help
    }
}

/// The ids of the `wanted` kinds, in handle order (at most
/// [`MAX_CANDIDATES`]).
fn gather<'p>(wanted: &[Kind], known: &Known<'_, 'p>) -> Candidates<'p> {
    let strings = known.strings;
    let ids = known
        .ids
        .iter()
        .filter(|(_, n)| wanted.contains(&known.counts.def(*n).kind))
        .map(|(s, _)| strings.resolve(s))
        .take(MAX_CANDIDATES);
    Candidates::new(ids)
}

fn wording(best: &[&str]) -> Option<String> {
    match best {
        [] => None,
        [one] => Some(format!("did you mean `{one}`?")),
        many => Some(format!(
            "did you mean one of: {}?",
            many.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The set of kinds as a key: one bit a kind.
fn mask(wanted: &[Kind]) -> u8 {
    wanted.iter().fold(0, |m, k| m | k.bit())
}

#[cfg(test)]
mod tests {
    use super::{Counts, Hints, Kind, Known};
    use crate::load::Format;
    use crate::model::{EntityKind, Facts};
    use crate::validate::load_bytes;

    const ACTORS: &[u8] = br#"{"type":"actor","id":"actor-1","name":"A"}
{"type":"actor","id":"actor-2","name":"B"}
{"type":"actor","id":"actor-3","name":"C"}
{"type":"place","id":"actor-4","name":"A place"}
"#;

    fn known(facts: &Facts) -> Known<'_, '_> {
        let counts = Counts {
            actors: 3,
            places: 1,
        };
        Known {
            ids: &facts.ids,
            counts,
            strings: &facts.strings,
        }
    }

    /// `typed`, interned so that it has a handle.
    fn facts_with(typed: &[&str]) -> Facts {
        let mut facts = load_bytes(ACTORS, Format::JsonLines).0;
        for t in typed {
            let _ = facts.strings.intern(t);
        }
        facts
    }

    const ACTOR: [Kind; 1] = [Kind::Entity(EntityKind::Actor)];

    #[test]
    fn ids_of_the_kind_asked_for_are_proposed() {
        let facts = facts_with(&["actr-1", "zzz"]);
        let (known, mut hints) = (known(&facts), Hints::default());
        let mut help = |t| hints.help(facts.strings.get(t)?, &ACTOR, &known);
        assert_eq!(
            help("actr-1").as_deref(),
            Some("did you mean one of: `actor-1`, `actor-2`, `actor-3`?")
        );
        assert_eq!(help("zzz"), None);
    }

    #[test]
    fn an_id_met_again_costs_nothing_and_past_the_budget_there_is_no_help() {
        let facts = facts_with(&["actor-11", "actor-22"]);
        let known = known(&facts);
        // Room to compare one id with the three actors, not two.
        let mut hints = Hints::with_budget(5);
        let first = facts.strings.get("actor-11");
        let second = facts.strings.get("actor-22");
        let (Some(first), Some(second)) = (first, second) else {
            panic!("not interned");
        };
        let help = hints.help(first, &ACTOR, &known);
        assert!(help.as_deref().is_some_and(|h| h.contains("`actor-1`")));
        assert_eq!(hints.budget, 2);
        assert_eq!(hints.help(first, &ACTOR, &known), help);
        assert_eq!(hints.budget, 2);
        assert_eq!(hints.help(second, &ACTOR, &known), None);
    }
}
