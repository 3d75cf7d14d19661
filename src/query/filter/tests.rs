//! The selection's two orders: time order, and the order the events are
//! stored in.

use super::*;
use crate::export::fixture;
use crate::graph::names::NameIndex;

fn args(edit: impl FnOnce(&mut FilterArgs)) -> FilterArgs {
    let mut args = FilterArgs::default();
    edit(&mut args);
    args
}

#[test]
fn stored_order_holds_the_kept_events_each_once_by_place() {
    let fixture::Fixture { facts, graph, .. } = fixture::bundled();
    let names = NameIndex::build(&facts);
    let cases = [
        args(|_| {}),
        args(|a| a.since = Some("2024-03-22".into())),
        args(|a| a.until = Some("2023".into())),
        args(|a| a.actor = Some("isis-k".into())),
        args(|a| a.place = Some("russia".into())),
        args(|a| a.around = Some("moscow".into())),
        args(|a| a.kinds = vec!["attack".into()]),
        args(|a| a.since = Some("2030".into())),
    ];
    let mut sizes = Vec::new();
    for case in cases {
        let sel = case
            .resolve(&facts, &names)
            .unwrap()
            .select(&facts, || &graph);
        let mut want = sel.events.clone();
        want.sort_by_key(|e| e.index());
        let got: Vec<EventIx> = sel.stored(&facts).collect();
        assert_eq!(got, want, "{case:?}");
        sizes.push(got.len());
    }
    // The cases keep different events, from all of them to none.
    assert_eq!(sizes.first(), Some(&facts.events.len()));
    assert_eq!(sizes.last(), Some(&0));
    assert!(
        sizes.iter().any(|&n| n > 0 && n < facts.events.len()),
        "{sizes:?}"
    );
}

#[test]
fn actor_and_place_resolve_among_their_kind_first() {
    let lines = [
        r#"{"type":"actor","id":"georgia-state","name":"Georgia"}"#,
        r#"{"type":"place","id":"georgia","name":"Sakartvelo"}"#,
    ];
    let (facts, _) =
        crate::validate::load_bytes(lines.join("\n").as_bytes(), crate::load::Format::JsonLines);
    let names = NameIndex::build(&facts);
    let resolve = |edit: fn(&mut FilterArgs)| args(edit).resolve(&facts, &names);
    let actor = resolve(|a| a.actor = Some("Georgia".into())).unwrap();
    assert_eq!(actor.actor, Some(ActorIx(0)));
    let place = resolve(|a| a.place = Some("Georgia".into())).unwrap();
    assert_eq!(place.place, Some(PlaceIx(0)));
    let around = resolve(|a| a.around = Some("Georgia".into()));
    assert!(matches!(
        around,
        Err(FilterError::Entity(Lookup::Ambiguous { .. }))
    ));
    let not_a = resolve(|a| a.actor = Some("Sakartvelo".into())).unwrap_err();
    assert_eq!(
        not_a.to_string(),
        "--actor `Sakartvelo` is a place, not an actor"
    );
}
