//! `chronicle stats`: counts, kinds, dates, components and top lists of what
//! the filters keep.

use serde_json::Value;

use crate::harness::{Scratch, bundled};
use crate::schema::assert_valid;
use crate::show::no_trailing_spaces;

fn json(args: &[&str]) -> Value {
    let mut all = vec!["stats"];
    all.extend_from_slice(args);
    all.push("--json");
    let doc = bundled(&all).status(0).json();
    assert_valid("stats", &doc);
    doc
}

#[test]
fn counts_every_record_type_of_the_bundled_facts() {
    let doc = json(&[]);
    assert_eq!(
        doc["records"],
        serde_json::json!({"sources": 1, "actors": 15, "places": 7, "events": 11, "relations": 19})
    );
}

#[test]
fn counts_kinds_most_frequent_first() {
    let doc = json(&[]);
    assert_eq!(
        doc["kinds"]["actors"][0],
        serde_json::json!({"kind": "group", "count": 5})
    );
    assert_eq!(
        doc["kinds"]["places"][0],
        serde_json::json!({"kind": "country", "count": 4})
    );
    assert_eq!(
        doc["kinds"]["events"][0],
        serde_json::json!({"kind": "statement", "count": 5})
    );
    assert_eq!(
        doc["kinds"]["events"][1],
        serde_json::json!({"kind": "attack", "count": 3})
    );
    assert_eq!(
        doc["kinds"]["roles"][0],
        serde_json::json!({"kind": "subject", "count": 12})
    );
    let relations: u64 = doc["kinds"]["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["count"].as_u64().unwrap())
        .sum();
    assert_eq!(relations, 19);
}

#[test]
fn describes_dates_their_precision_and_open_ends() {
    let d = json(&[])["dates"].clone();
    assert_eq!(d["earliest"], "2016-01-01");
    assert_eq!(d["latest"], "2024-04-02");
    assert_eq!(
        d["precision"],
        serde_json::json!({"year": 3, "month": 1, "day": 7})
    );
    assert_eq!(d["approximate"], 1);
    assert_eq!(d["uncertain"], 0);
    assert_eq!(d["intervals"], 5);
    assert_eq!(d["open_ends"], 5);
    assert_eq!(d["relations_dated"], 6);
    assert_eq!(d["relations_undated"], 13);
}

#[test]
fn the_bundled_facts_form_one_component_and_isis_k_is_the_hub() {
    let doc = json(&[]);
    assert_eq!(
        doc["components"],
        serde_json::json!({"count": 1, "largest": 33, "isolated": 0})
    );
    assert_eq!(doc["top_actors"][0]["entity"]["id"], "isis-k");
    assert_eq!(doc["top_actors"][0]["degree"], 18);
    assert_eq!(doc["top_actors"][1]["entity"]["id"], "united-states");
    assert_eq!(doc["top_actors"].as_array().unwrap().len(), 10);
    assert_eq!(doc["top_places"][0]["entity"]["id"], "afghanistan");
    assert_eq!(
        doc["top_sources"][0]["id"],
        "conservative-institute-2024-04-02"
    );
    assert_eq!(doc["top_sources"][0]["claims"], 52);
}

#[test]
fn filters_restrict_the_figures_to_what_they_keep() {
    let doc = json(&["--place", "Russia"]);
    assert_eq!(
        doc["records"],
        serde_json::json!({"sources": 1, "actors": 2, "places": 2, "events": 1, "relations": 2})
    );
    assert_eq!(doc["dates"]["earliest"], "2024-03-22");
    assert_eq!(doc["components"]["count"], 1);
    let since = json(&["--since", "2024-03-01"]);
    assert_eq!(since["records"]["events"], 7);
    assert_eq!(json(&["--kind", "attack"])["records"]["events"], 3);
    assert_eq!(json(&["--actor", "ISIS-K"])["records"]["events"], 7);
    // The pullout, the killing, and three statements said on or before
    // 2 April 2024, which may have been said by 2021.
    assert_eq!(
        json(&["--until", "2021", "--around", "U.S."])["records"]["events"],
        5
    );
}

#[test]
fn text_has_one_table_a_section() {
    let run = bundled(&["stats"]).status(0).stderr_is("");
    let text = run.stdout();
    assert!(
        text.starts_with("records\nrecord     count\nsources    1\nactors     15\n"),
        "{text}"
    );
    for part in [
        "\nkinds\nrecord    kind ",
        "event     attack                           3\n",
        "\ndates\nevents       2016-01-01 to 2024-04-02\nprecision    year 3, month 1, day 7\n",
        "intervals    5 (5 open-ended)\n",
        "\nconnections\ncomponents  1\nlargest     33 entities\n",
        "\nmost connected actors\ndegree  actor\n18      ISIS-K [isis-k]\n",
        "\nmost connected places\ndegree  place\n3       Afghanistan [afghanistan]\n",
        "\nsources with the most claims\nclaims  citations  source\n52      59         ISIS-K group that targeted Russia now looking toward US [conservative-institute-2024-04-02]\n",
    ] {
        assert!(text.contains(part), "{part:?} missing:\n{text}");
    }
    no_trailing_spaces(&text);
}

#[test]
fn records_without_a_kind_are_counted_as_none() {
    let s = Scratch::new().file(
        "facts/a.toml",
        "[[actor]]\nid = \"a\"\nname = \"A\"\n[[actor]]\nid = \"b\"\nname = \"B\"\n",
    );
    let run = s.run(&["stats", "--json"]).status(0);
    let doc = run.json();
    assert_valid("stats", &doc);
    assert_eq!(
        doc["kinds"]["actors"],
        serde_json::json!([{"kind": null, "count": 2}])
    );
    assert_eq!(
        doc["components"],
        serde_json::json!({"count": 2, "largest": 1, "isolated": 2})
    );
    assert!(doc["dates"]["earliest"].is_null());
    assert!(
        doc["top_actors"].as_array().unwrap().is_empty(),
        "unconnected actors are not ranked"
    );
    s.run(&["stats"])
        .status(0)
        .stdout_has("actor   (none)  2\n")
        .stdout_has("events       no known day\n")
        .stdout_has("\nlargest     1 entity\nisolated    2 entities\n");
}

#[test]
fn a_bad_filter_is_a_usage_error() {
    bundled(&["stats", "--place", "Atlantis"])
        .status(2)
        .stderr_has("no actor, place or event is called `Atlantis`");
}

#[test]
fn filters_work_in_text_too() {
    bundled(&["stats", "--place", "Russia"])
        .status(0)
        .stdout_has("records\nrecord     count\nsources    1\nactors     2\nplaces     2\nevents     1\nrelations  2\n")
        .stdout_has("events       2024-03-22 to 2024-03-22\n");
    let s = Scratch::new().file("x/a.toml", "[[actor]]\nid = \"a\"\nname = \"A\"\n");
    s.run(&["stats", "-f", "x"])
        .status(0)
        .stdout_has("actors     1\n");
}

/// An entity whose one relation is to itself is not isolated: `check` does
/// not call it unconnected, and it is ranked among the connected.
#[test]
fn a_relation_to_itself_is_a_connection() {
    let s = Scratch::new().file(
        "facts/a.toml",
        "[[actor]]\nid = \"a\"\nname = \"A\"\n[[actor]]\nid = \"b\"\nname = \"B\"\n[[relation]]\nkind = \"self\"\nfrom = \"a\"\nto = \"a\"\n",
    );
    let doc = s.run(&["stats", "--json"]).status(0).json();
    assert_eq!(
        doc["components"],
        serde_json::json!({"count": 2, "largest": 1, "isolated": 1})
    );
    assert_eq!(doc["top_actors"][0]["entity"]["id"], "a");
}
