//! `chronicle sources SOURCE`: every claim resting on one source, and the
//! events that would be left unsourced without it.

use serde_json::Value;

use crate::harness::{Scratch, bundled};
use crate::schema::assert_valid;
use crate::show::no_trailing_spaces;

const SOURCE: &str = "conservative-institute-2024-04-02";

fn json(args: &[&str]) -> Value {
    let mut all = vec!["sources"];
    all.extend_from_slice(args);
    all.push("--json");
    let doc = bundled(&all).status(0).json();
    assert_valid("sources", &doc);
    doc
}

#[test]
fn every_record_of_the_bundled_facts_rests_on_the_one_article() {
    let doc = json(&[SOURCE]);
    assert_eq!(doc["source"]["id"], SOURCE);
    assert_eq!(doc["source"]["publisher"], "Conservative Institute");
    assert_eq!(doc["source"]["published"]["edtf"], "2024-04-02");
    assert_eq!(doc["source"]["reliability"], "C");
    assert_eq!(doc["source"]["credibility"], 3);
    assert!(doc["source"]["url"].is_null());
    assert_eq!(doc["count"], 15 + 7 + 11 + 19);
    let claims = doc["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 52);
    assert!(claims.iter().all(|c| c["sole"] == true));
    assert_eq!(doc["orphaned_events"].as_array().unwrap().len(), 11);
}

#[test]
fn claims_carry_their_quotes_and_relations_their_ends() {
    let doc = json(&[SOURCE]);
    let claims = doc["claims"].as_array().unwrap();
    let attack = claims
        .iter()
        .find(|c| c["id"] == "moscow-concert-hall-attack-2024")
        .unwrap();
    assert_eq!(attack["record"], "event");
    assert_eq!(attack["date"]["edtf"], "2024-03-22");
    assert_eq!(attack["quotes"].as_array().unwrap().len(), 3);
    assert_eq!(attack["quotes"][1], "killing over 140 people");
    let warned = claims
        .iter()
        .find(|c| c["id"] == "us-warned-russia")
        .unwrap();
    assert_eq!(warned["record"], "relation");
    assert_eq!(warned["name"], "united-states warned russian-government");
    assert_eq!(warned["from"]["id"], "united-states");
    assert_eq!(warned["to"]["id"], "russian-government");
    assert_eq!(warned["date"]["edtf"], "/2024-03-22");
    let records: Vec<&str> = claims
        .iter()
        .map(|c| c["record"].as_str().unwrap())
        .collect();
    let first_event = records.iter().position(|r| *r == "event").unwrap();
    let first_relation = records.iter().position(|r| *r == "relation").unwrap();
    assert!(
        records[..first_event]
            .iter()
            .all(|r| *r == "actor" || *r == "place")
    );
    assert!(records[first_relation..].iter().all(|r| *r == "relation"));
}

#[test]
fn events_are_listed_in_time_order() {
    let doc = json(&[SOURCE]);
    let orphans: Vec<&str> = doc["orphaned_events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(orphans.last(), Some(&"moscow-concert-hall-attack-2024"));
    let western = orphans
        .iter()
        .position(|e| *e == "western-europe-attack-2016")
        .unwrap();
    let iran = orphans
        .iter()
        .position(|e| *e == "iran-bombing-2024-01")
        .unwrap();
    assert!(western < iran);
}

#[test]
fn a_second_source_keeps_events_from_being_orphaned() {
    let s = Scratch::new().file(
        "facts/a.toml",
        r#"
[[source]]
id = "paper"
title = "The Paper"
[[source]]
id = "wire"
title = "The Wire"
[[event]]
id = "both"
title = "Both"
date = "2024"
sources = [{ id = "paper", quote = "it happened" }, "wire"]
[[event]]
id = "only"
title = "Only"
date = "2023"
sources = ["paper"]
"#,
    );
    let doc = s.run(&["sources", "paper", "--json"]).status(0).json();
    assert_valid("sources", &doc);
    let orphans: Vec<&str> = doc["orphaned_events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(orphans, ["only"]);
    assert_eq!(
        doc["claims"][1]["quotes"],
        serde_json::json!(["it happened"])
    );
    assert_eq!(doc["claims"][1]["sole"], false);
    s.run(&["sources", "The Wire"])
        .status(0)
        .stdout_is("The Wire [wire]\n\nclaims (1)\nrecord  claim        date  sole  quote\nevent   Both [both]  2024\n\nevents left with no source without it (0)\n");
}

#[test]
fn text_lists_claims_with_quotes_and_the_orphaned_events() {
    let run = bundled(&["sources", SOURCE]).status(0).stderr_is("");
    let text = run.stdout();
    assert!(text.starts_with("ISIS-K group that targeted Russia now looking toward US [conservative-institute-2024-04-02]\npublisher    Conservative Institute\n"), "{text}");
    assert!(text.contains("\nclaims (52)\nrecord    claim"));
    assert!(text.contains("relation  united-states warned russian-government [us-warned-russia]"));
    assert!(text.contains("\nevents left with no source without it (11)\n"));
    assert!(text.ends_with("Attack on a Moscow concert hall [moscow-concert-hall-attack-2024]\n"));
    no_trailing_spaces(&text);
}

#[test]
fn the_title_finds_the_source_too() {
    let doc = json(&["isis-k group that targeted russia now looking toward us"]);
    assert_eq!(doc["source"]["id"], SOURCE);
}

#[test]
fn an_unknown_source_is_a_usage_error_with_the_nearest_ids() {
    bundled(&["sources", "conservative-institute"])
        .status(2)
        .stdout_is("")
        .stderr_is("error: no source is called `conservative-institute`; did you mean `conservative-institute-2024-04-02`?\n");
}
