//! `chronicle show ENTITY`: an entity's card, its sources, and every
//! connection in time order, as text or as one JSON object.

use crate::harness::{Scratch, bundled};
use crate::schema::assert_valid;

/// Fails when a line of text ends in a space.
#[track_caller]
pub fn no_trailing_spaces(text: &str) {
    for line in text.lines() {
        assert!(!line.ends_with(' '), "trailing space in {line:?}");
    }
}

#[test]
fn an_actor_card_lists_fields_sources_and_connections_in_time_order() {
    let run = bundled(&["show", "isis-k"]).status(0).stderr_is("");
    let text = run.stdout();
    assert!(
        text.starts_with("ISIS-K [isis-k]\ntype  actor\nkind  group\n"),
        "{text}"
    );
    assert!(text.contains("The K in the name stands for Khorasan"));
    assert!(text.contains("connections (18)"));
    let at = |part: &str| {
        text.find(part)
            .unwrap_or_else(|| panic!("{part} missing:\n{text}"))
    };
    assert!(at("2016~ (c. 2016)") < at("2021  "));
    assert!(at("2021  ") < at("2024-03-22 (22 Mar 2024)"));
    assert!(
        at("2024-03-22 (22 Mar 2024)") < at("-> named_after"),
        "undated connections come last"
    );
    no_trailing_spaces(&text);
}

#[test]
fn an_event_card_has_its_date_place_actors_counts_and_attributes() {
    bundled(&["show", "moscow-concert-hall-attack-2024"])
        .status(0)
        .stdout_has("date        2024-03-22 (22 Mar 2024)\n")
        .stdout_has("place       Moscow [moscow]\n")
        .stdout_has("actors      ISIS-K [isis-k] (perpetrator), Russian government [russian-government] (target)\n")
        .stdout_has("killed      at least 140\n")
        .stdout_has("attributes  claimed_responsibility = true\n")
        .stdout_has("            venue = concert hall\n")
        .stdout_has("<- perpetrator                 ISIS-K [isis-k]")
        .stdout_has("<- claimed_responsibility_for  ISIS-K [isis-k]");
}

#[test]
fn a_place_card_shows_where_it_lies_and_its_coordinates() {
    bundled(&["show", "Moscow"])
        .status(0)
        .stdout_has("in      Russia [russia]\n")
        .stdout_has("coords  55.7558, 37.6173\n")
        .stdout_has("<- occurred_at");
}

#[test]
fn names_and_aliases_find_the_entity_whatever_the_case() {
    bundled(&["show", "THE HOMELAND"])
        .status(0)
        .stdout_has("United States [united-states]\n");
    bundled(&["show", "customs and border patrol"])
        .status(0)
        .stdout_has("[us-customs-and-border-protection]");
}

#[test]
fn json_is_one_object_with_every_field_of_the_card() {
    let run = bundled(&["show", "moscow-concert-hall-attack-2024", "--json"]).status(0);
    let doc = run.json();
    assert_valid("show", &doc);
    assert_eq!(doc["id"], "moscow-concert-hall-attack-2024");
    assert_eq!(doc["type"], "event");
    assert_eq!(doc["kind"], "attack");
    assert_eq!(doc["date"]["edtf"], "2024-03-22");
    assert_eq!(doc["date"]["human"], "22 Mar 2024");
    assert_eq!(doc["place"]["id"], "moscow");
    assert_eq!(doc["actors"][1]["role"], "target");
    assert_eq!(doc["killed"]["text"], "140+");
    assert_eq!(doc["killed"]["max"], serde_json::Value::Null);
    assert_eq!(doc["attributes"]["on_video"], true);
    assert_eq!(doc["sources"].as_array().unwrap().len(), 3);
    let links = doc["connections"].as_array().unwrap();
    assert_eq!(links.len(), 4);
    assert_eq!(links[0]["direction"], "in");
    assert_eq!(links[0]["kind"], "perpetrator");
    assert_eq!(links[0]["other"]["id"], "isis-k");
}

#[test]
fn json_of_a_place_has_its_chain_and_null_event_fields() {
    let doc = bundled(&["show", "moscow", "--json"]).status(0).json();
    assert_valid("show", &doc);
    assert_eq!(doc["within"][0]["id"], "russia");
    assert_eq!(doc["coords"]["lat"], 55.7558);
    assert!(doc["date"].is_null());
    assert!(doc["actors"].as_array().unwrap().is_empty());
}

#[test]
fn relations_in_json_carry_their_id_note_and_date() {
    let doc = bundled(&["show", "russian-government", "--json"])
        .status(0)
        .json();
    let warned = doc["connections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["kind"] == "warned")
        .unwrap()
        .clone();
    assert_eq!(warned["relation"], "us-warned-russia");
    assert_eq!(warned["direction"], "in");
    assert_eq!(warned["date"]["edtf"], "/2024-03-22");
    assert!(warned["date"]["earliest"].is_null());
    assert!(
        warned["note"]
            .as_str()
            .unwrap()
            .starts_with("Repeated warnings")
    );
}

#[test]
fn an_unknown_name_is_a_usage_error_that_suggests_the_nearest() {
    bundled(&["show", "ISIS-J"])
        .status(2)
        .stdout_is("")
        .stderr_has("no actor, place or event is called `ISIS-J`; did you mean")
        .stderr_has("`ISIS-K`");
}

/// The names proposed are written as in the facts, and ids are among
/// them: every name and id is compared, so the answer is the same in
/// every run.
#[test]
fn the_nearest_names_are_proposed_as_written() {
    let actors: String = (0..20)
        .map(|i| format!("[[actor]]\nid = \"p{i}\"\nname = \"Person Number {i}\"\n"))
        .collect();
    let s = Scratch::new().file("facts/a.toml", &actors);
    s.run(&["show", "Person Numbr 7"]).status(2).stderr_is(
        "error: no actor, place or event is called `Person Numbr 7`; did you mean `Person Number 7`, `Person Number 17`, `Person Number 0`?\n",
    );
    s.run(&["show", "p7x"])
        .status(2)
        .stderr_has("did you mean `p7`");
}

#[test]
fn an_ambiguous_name_lists_the_candidates() {
    let s = Scratch::new().file(
        "facts/a.toml",
        "[[actor]]\nid = \"a1\"\nname = \"Same\"\n[[actor]]\nid = \"a2\"\nname = \"Same\"\n",
    );
    s.run(&["show", "same"])
        .status(2)
        .stderr_has("`same` is ambiguous: it names actor `a1`, actor `a2`");
}

#[test]
fn other_fact_files_are_read_with_f() {
    let s = Scratch::new().file(
        "elsewhere/x.toml",
        "[[actor]]\nid = \"x\"\nname = \"X\"\nkind = \"person\"\n",
    );
    s.run(&["show", "x", "-f", "elsewhere"])
        .status(0)
        .stdout_is("X [x]\ntype  actor\nkind  person\n\nconnections (0)\n");
}

#[test]
fn invalid_facts_exit_one_with_their_diagnostics() {
    let s = Scratch::new().file("facts/x.toml", "[[actor]]\nid = \"x\"\n");
    s.run(&["show", "x"]).status(1).stdout_is("");
}

#[test]
fn every_entity_of_the_bundled_facts_has_a_card_matching_the_schema() {
    let stats = bundled(&["stats", "--json"]).status(0).json();
    assert_eq!(stats["records"]["actors"], 15);
    for id in [
        "isis-k",
        "united-states",
        "mark-quantock",
        "russia",
        "khorasan",
        "iran-bombing-2024-01",
        "quantock-statement-us-target-no-1",
    ] {
        let doc = bundled(&["show", id, "--json"]).status(0).json();
        assert_valid("show", &doc);
    }
}

/// An actor named Georgia, and a place whose id is `georgia`.
pub const GEORGIA: &str = "[[actor]]\nid = \"georgia-state\"\nname = \"Georgia\"\n\
    [[place]]\nid = \"georgia\"\nname = \"Sakartvelo\"\n\
    [[event]]\nid = \"e1\"\ntitle = \"Election\"\ndate = \"2020\"\nplace = \"georgia\"\n\
    actors = [\"georgia-state\"]\n";

#[test]
fn an_id_and_another_entitys_name_are_ambiguous_and_kind_id_picks_one() {
    let s = Scratch::new().file("facts/a.toml", GEORGIA);
    let both = "error: `Georgia` is ambiguous: it names actor `georgia-state`, place `georgia`; \
                type `actor:georgia-state` or `place:georgia` to pick one\n";
    s.run(&["show", "Georgia"])
        .status(2)
        .stdout_is("")
        .stderr_is(both);
    s.run(&["neighbors", "georgia"])
        .status(2)
        .stderr_is(&both.replace("`Georgia`", "`georgia`"));
    s.run(&["show", "place:georgia"])
        .status(0)
        .stdout_has("Sakartvelo [georgia]\ntype  place\n");
    s.run(&["show", "actor:georgia-state"])
        .status(0)
        .stdout_has("Georgia [georgia-state]\ntype  actor\n");
}

#[test]
fn an_id_in_its_exact_case_is_ambiguous_with_another_actors_name() {
    let s = Scratch::new().file(
        "facts/a.toml",
        "[[actor]]\nid = \"paris\"\nname = \"Paris Hilton\"\n[[actor]]\nid = \"ph\"\nname = \"paris\"\n",
    );
    for typed in ["Paris", "paris"] {
        s.run(&["show", typed]).status(2).stderr_has(&format!(
            "`{typed}` is ambiguous: it names actor `paris`, actor `ph`; type `actor:paris` or `actor:ph` to pick one"
        ));
    }
    s.run(&["show", "actor:paris"])
        .status(0)
        .stdout_has("Paris Hilton [paris]\n");
    s.run(&["show", "ph"]).status(0).stdout_has("paris [ph]\n");
}

#[test]
fn a_name_is_found_before_an_event_title_which_kind_id_picks() {
    let s = Scratch::new().file(
        "facts/a.toml",
        "[[actor]]\nid = \"hilton\"\nname = \"Paris Hilton\"\n[[event]]\nid = \"e1\"\ntitle = \"Paris Hilton\"\ndate = \"2020\"\n",
    );
    s.run(&["show", "Paris Hilton"])
        .status(0)
        .stdout_has("Paris Hilton [hilton]\ntype  actor\n");
    s.run(&["show", "event:e1"])
        .status(0)
        .stdout_has("Paris Hilton [e1]\ntype  event\n");
    s.run(&["timeline", "--actor", "Paris Hilton"]).status(0);
}
