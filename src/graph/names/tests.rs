//! Which entity a typed text names: ids, names and aliases weigh alike,
//! titles count when none matches; a filter's kind is looked among first;
//! `kind:id` names one.

use super::*;
use crate::load::Format;
use crate::validate::load_bytes;

fn facts(lines: &[&str]) -> Facts {
    let (facts, diags) = load_bytes(lines.join("\n").as_bytes(), Format::JsonLines);
    assert!(!diags.has_errors(), "{diags:?}");
    facts
}

/// The id of what `typed` names, or the error's message.
fn find(facts: &Facts, typed: &str) -> Result<String, String> {
    let names = NameIndex::build(facts);
    names
        .find(facts, typed)
        .map(|e| facts.id_of(e).to_string())
        .map_err(|e| e.to_string())
}

fn find_kind(facts: &Facts, typed: &str, kind: EntityKind) -> Result<String, String> {
    let names = NameIndex::build(facts);
    names
        .find_kind(facts, typed, kind)
        .map(|e| facts.id_of(e).to_string())
        .map_err(|e| e.to_string())
}

fn ok(id: &str) -> Result<String, String> {
    Ok(id.to_string())
}

fn georgia() -> Facts {
    facts(&[
        r#"{"type":"actor","id":"georgia-state","name":"Georgia"}"#,
        r#"{"type":"place","id":"georgia","name":"Sakartvelo"}"#,
    ])
}

#[test]
fn an_id_does_not_win_over_another_entitys_name() {
    let facts = georgia();
    let both = "`Georgia` is ambiguous: it names actor `georgia-state`, place `georgia`; \
                type `actor:georgia-state` or `place:georgia` to pick one";
    assert_eq!(find(&facts, "Georgia"), Err(both.to_string()));
    assert_eq!(
        find(&facts, "georgia"),
        Err(both.replace("`Georgia`", "`georgia`"))
    );
    assert_eq!(find(&facts, "place:georgia"), ok("georgia"));
    assert_eq!(find(&facts, "Actor:Georgia-State"), ok("georgia-state"));
    assert_eq!(find(&facts, "sakartvelo"), ok("georgia"));
    assert_eq!(find(&facts, "georgia-state"), ok("georgia-state"));
}

#[test]
fn a_filter_looks_among_its_kind_first() {
    let facts = georgia();
    let actor = EntityKind::Actor;
    assert_eq!(find_kind(&facts, "Georgia", actor), ok("georgia-state"));
    assert_eq!(
        find_kind(&facts, "GEORGIA", EntityKind::Place),
        ok("georgia")
    );
    // None of its kind: the one of another kind, for the caller to refuse.
    assert_eq!(find_kind(&facts, "Sakartvelo", actor), ok("georgia"));
    assert_eq!(find_kind(&facts, "place:georgia", actor), ok("georgia"));
    let two = facts_with_two_actors_named_same();
    let err = find_kind(&two, "same", actor).unwrap_err();
    assert!(err.starts_with("`same` is ambiguous: it names actor `a1`, actor `a2`;"));
}

fn facts_with_two_actors_named_same() -> Facts {
    facts(&[
        r#"{"type":"actor","id":"a1","name":"Same"}"#,
        r#"{"type":"actor","id":"a2","name":"Other","aliases":["same"]}"#,
        r#"{"type":"place","id":"same","name":"Place"}"#,
    ])
}

#[test]
fn an_id_typed_in_its_exact_case_is_still_ambiguous_with_a_name() {
    let facts = facts(&[
        r#"{"type":"actor","id":"paris","name":"Paris Hilton"}"#,
        r#"{"type":"actor","id":"ph","name":"paris"}"#,
    ]);
    for typed in ["Paris", "paris"] {
        let err = find(&facts, typed).unwrap_err();
        assert!(
            err.contains("it names actor `paris`, actor `ph`; type `actor:paris` or `actor:ph`"),
            "{err}"
        );
    }
    assert_eq!(find(&facts, "actor:paris"), ok("paris"));
    assert_eq!(find(&facts, "actor:ph"), ok("ph"));
    assert_eq!(find(&facts, "paris hilton"), ok("paris"));
}

#[test]
fn an_event_title_is_looked_up_when_nothing_else_matches() {
    let facts = facts(&[
        r#"{"type":"actor","id":"hilton","name":"Paris Hilton"}"#,
        r#"{"type":"event","id":"e1","title":"Paris Hilton","date":"2020"}"#,
        r#"{"type":"event","id":"e2","title":"Opening","date":"2021"}"#,
        r#"{"type":"event","id":"e3","title":"opening","date":"2022"}"#,
    ]);
    assert_eq!(find(&facts, "paris hilton"), ok("hilton"));
    let actor = EntityKind::Actor;
    assert_eq!(find_kind(&facts, "Paris Hilton", actor), ok("hilton"));
    assert_eq!(find(&facts, "event:E1"), ok("e1"));
    assert!(find(&facts, "OPENING").is_err_and(|e| e.contains("event `e2`, event `e3`")));
}

#[test]
fn an_entity_named_as_its_id_is_named_once() {
    let facts = facts(&[
        r#"{"type":"place","id":"russia","name":"Russia","aliases":["RUSSIA"]}"#,
        r#"{"type":"event","id":"e1","title":"Raid","date":"2020"}"#,
    ]);
    assert_eq!(find(&facts, "Russia"), ok("russia"));
    assert_eq!(find_kind(&facts, "russia", EntityKind::Place), ok("russia"));
}

#[test]
fn an_id_in_its_exact_case_wins_over_ids_in_another_case() {
    let facts = facts(&[
        r#"{"type":"actor","id":"Nato","name":"North Atlantic Treaty Organization"}"#,
        r#"{"type":"actor","id":"nato","name":"Not A Team Outfit"}"#,
    ]);
    assert_eq!(find(&facts, "Nato"), ok("Nato"));
    assert_eq!(find(&facts, "nato"), ok("nato"));
    assert!(find(&facts, "NATO").is_err_and(|e| e.contains("actor `Nato`, actor `nato`")));
    assert_eq!(find(&facts, "actor:Nato"), ok("Nato"));
}

#[test]
fn a_kind_with_no_such_id_leaves_the_whole_text_to_be_looked_up() {
    let facts = facts(&[
        r#"{"type":"actor","id":"x","name":"place:x"}"#,
        r#"{"type":"place","id":"actor:y","name":"Y"}"#,
    ]);
    assert_eq!(find(&facts, "place:x"), ok("x"));
    assert_eq!(find(&facts, "actor:y"), ok("actor:y"));
    assert_eq!(find(&facts, "place:actor:y"), ok("actor:y"));
    assert!(find(&facts, "event:x").is_err_and(|e| e.starts_with("no actor, place or event")));
}

#[test]
fn a_long_ambiguity_lists_the_first_candidates_and_counts_the_rest() {
    let lines: Vec<String> = (0..12)
        .map(|i| format!(r#"{{"type":"event","id":"e{i:02}","title":"Meeting","date":"2020"}}"#))
        .collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let err = find(&facts(&lines), "meeting").unwrap_err();
    assert!(
        err.ends_with("event `e07` and 4 more; type `kind:id` (as `event:e00`) to pick one"),
        "{err}"
    );
}

#[test]
fn same_lower_agrees_with_lower_casing() {
    for (text, lower) in [
        ("ABC", "abc"),
        ("\u{212A}m", "km"),
        ("Ο∆ΟΣ", "ο∆ος"),
        ("a", "b"),
    ] {
        assert_eq!(
            same_lower(text, lower),
            text.to_lowercase() == lower,
            "{text}"
        );
    }
}
