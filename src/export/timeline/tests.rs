//! Tests of the canonical timeline: every field of every date form, open
//! ends, hostile text, order, and agreement with the JSON Schema.

use serde_json::{Value, json};

use super::super::fixture::{self, Fixture, HOSTILE, json};
use super::{document, render};

fn events(fx: &Fixture) -> Vec<Value> {
    let doc = json(&render(&fx.view("T")));
    doc["events"].as_array().unwrap().clone()
}

/// The date fields of the single event of a fact set with one date.
fn date_fields(date: &str) -> Value {
    let mut event = events(&fixture::dated(&[date])).remove(0);
    let fields = [
        "date",
        "human",
        "start",
        "end",
        "precision",
        "approximate",
        "uncertain",
        "interval",
    ];
    let object = event.as_object_mut().unwrap();
    object.retain(|k, _| fields.contains(&k.as_str()));
    event
}

#[test]
fn dates_field_by_field() {
    let cases = [
        (
            "2024-03-22",
            "22 Mar 2024",
            "2024-03-22",
            "2024-03-22",
            "day",
            false,
            false,
            false,
        ),
        (
            "2024-03",
            "Mar 2024",
            "2024-03-01",
            "2024-03-31",
            "month",
            false,
            false,
            false,
        ),
        (
            "2024",
            "2024",
            "2024-01-01",
            "2024-12-31",
            "year",
            false,
            false,
            false,
        ),
        (
            "2016~",
            "c. 2016",
            "2016-01-01",
            "2016-12-31",
            "year",
            true,
            false,
            false,
        ),
        (
            "2021?",
            "2021?",
            "2021-01-01",
            "2021-12-31",
            "year",
            false,
            true,
            false,
        ),
        (
            "2020%",
            "c. 2020?",
            "2020-01-01",
            "2020-12-31",
            "year",
            true,
            true,
            false,
        ),
        (
            "201X",
            "2010s",
            "2010-01-01",
            "2019-12-31",
            "decade",
            false,
            false,
            false,
        ),
        (
            "2024-XX",
            "2024",
            "2024-01-01",
            "2024-12-31",
            "year",
            false,
            false,
            false,
        ),
        (
            "2024-03-XX",
            "Mar 2024",
            "2024-03-01",
            "2024-03-31",
            "month",
            false,
            false,
            false,
        ),
        (
            "2024-21",
            "Spring 2024",
            "2024-03-01",
            "2024-05-31",
            "season",
            false,
            false,
            false,
        ),
        (
            "2024-24",
            "Winter 2024",
            "2024-12-01",
            "2025-02-28",
            "season",
            false,
            false,
            false,
        ),
        (
            "2024-03-22T19:58:00+03:00",
            "22 Mar 2024 19:58 +03:00",
            "2024-03-22",
            "2024-03-22",
            "time",
            false,
            false,
            false,
        ),
        (
            "2024-03-07/2024-03-22",
            "7–22 Mar 2024",
            "2024-03-07",
            "2024-03-22",
            "day",
            false,
            false,
            true,
        ),
        (
            "2024-04-02/2024-10~",
            "2 Apr 2024 – c. Oct 2024",
            "2024-04-02",
            "2024-10-31",
            "month",
            true,
            false,
            true,
        ),
        (
            "-0043-03-15",
            "15 Mar 44 BC",
            "-000043-03-15",
            "-000043-03-15",
            "day",
            false,
            false,
            false,
        ),
        (
            "0000",
            "1 BC",
            "0000-01-01",
            "0000-12-31",
            "year",
            false,
            false,
            false,
        ),
        (
            "-0499",
            "500 BC",
            "-000499-01-01",
            "-000499-12-31",
            "year",
            false,
            false,
            false,
        ),
        (
            "Y12345",
            "12345",
            "+012345-01-01",
            "+012345-12-31",
            "year",
            false,
            false,
            false,
        ),
    ];
    for (date, human, start, end, precision, approximate, uncertain, interval) in cases {
        let expected = json!({
            "date": date, "human": human, "start": start, "end": end, "precision": precision,
            "approximate": approximate, "uncertain": uncertain, "interval": interval,
        });
        assert_eq!(date_fields(date), expected, "{date}");
    }
}

#[test]
fn open_and_unknown_ends_are_null() {
    let cases = [
        (
            "2024-03-22/..",
            "from 22 Mar 2024",
            json!("2024-03-22"),
            Value::Null,
        ),
        ("../2024", "until 2024", Value::Null, json!("2024-12-31")),
        (
            "/2024-04-02",
            "? – 2 Apr 2024",
            Value::Null,
            json!("2024-04-02"),
        ),
        (
            "2024-03-22/",
            "22 Mar 2024 – ?",
            json!("2024-03-22"),
            Value::Null,
        ),
    ];
    for (date, human, start, end) in cases {
        let event = date_fields(date);
        assert_eq!(event["date"], date);
        assert_eq!(event["human"], human, "{date}");
        assert_eq!(event["start"], start, "{date}");
        assert_eq!(event["end"], end, "{date}");
        assert_eq!(event["interval"], true);
    }
}

pub(super) const RICH: &str = r#"
[[source]]
id = "src"
title = "An article"
publisher = "A paper"
url = "https://example.org/a"

[[place]]
id = "russia"
name = "Russia"

[[place]]
id = "moscow"
name = "Moscow"
in = "russia"

[[actor]]
id = "isis-k"
name = "ISIS-K"

[[actor]]
id = "gov"
name = "Russian government"

[[event]]
id = "attack"
title = "Attack"
date = "2024-03-22"
kind = "attack"
place = "moscow"
actors = [{ id = "isis-k", role = "perpetrator" }, "gov"]
killed = "140+"
injured = "~100"
summary = "Over 140 killed."
attributes = { venue = "concert hall", claimed = true, shooters = 4, share = 0.5 }
sources = [{ id = "src", quote = "killing over 140 people" }, "src"]

[[event]]
id = "bare"
title = "Bare"
date = "2016~"
"#;

#[test]
fn every_field_of_a_rich_event() {
    let fx = fixture::from_toml(RICH);
    let all = events(&fx);
    assert_eq!(all.len(), 2);
    let attack = &all[1];
    let expected = json!({
        "id": "attack", "title": "Attack", "kind": "attack",
        "date": "2024-03-22", "human": "22 Mar 2024", "start": "2024-03-22", "end": "2024-03-22",
        "precision": "day", "approximate": false, "uncertain": false, "interval": false,
        "place": {"id": "moscow", "name": "Moscow", "within": ["russia"]},
        "actors": [
            {"id": "isis-k", "name": "ISIS-K", "role": "perpetrator"},
            {"id": "gov", "name": "Russian government", "role": null}
        ],
        "killed": {"text": "140+", "human": "at least 140", "min": 140, "max": null, "approximate": false},
        "injured": {"text": "~100", "human": "about 100", "min": 100, "max": 100, "approximate": true},
        "summary": "Over 140 killed.",
        "attributes": {"venue": "concert hall", "claimed": true, "shooters": 4, "share": 0.5},
        "sources": [
            {"id": "src", "title": "An article", "url": "https://example.org/a",
             "publisher": "A paper", "quote": "killing over 140 people"},
            {"id": "src", "title": "An article", "url": "https://example.org/a",
             "publisher": "A paper", "quote": null}
        ]
    });
    assert_eq!(attack, &expected);
    let bare = &all[0];
    for key in ["kind", "place", "killed", "injured", "summary"] {
        assert_eq!(bare[key], Value::Null, "{key}");
    }
    assert_eq!(bare["actors"], json!([]));
    assert_eq!(bare["attributes"], json!({}));
}

#[test]
fn keys_and_attributes_keep_their_written_order() {
    let text = String::from_utf8(render(&fixture::from_toml(RICH).view("T"))).unwrap();
    let at = |needle: &str| text.find(needle).unwrap();
    assert!(at("\"chronicle\": 1") < at("\"title\": \"T\""));
    assert!(at("\"range\"") < at("\"events\""));
    assert!(at("\"venue\"") < at("\"claimed\"") && at("\"claimed\"") < at("\"shooters\""));
    assert!(at("\"id\": \"attack\"") < at("\"kind\": \"attack\""));
    assert!(text.ends_with("}\n"));
}

#[test]
fn range_spans_the_known_days() {
    let fx = fixture::dated(&["2016~", "2024-04-02/2024-10~", "../2020", "2022/.."]);
    let doc = json(&render(&fx.view("T")));
    assert_eq!(
        doc["range"],
        json!({"start": "2016-01-01", "end": "2024-10-31"})
    );
    let open = fixture::dated(&["../2020"]);
    let doc = json(&render(&open.view("T")));
    assert_eq!(doc["range"], json!({"start": null, "end": "2020-12-31"}));
    let empty = fixture::from_toml("");
    let doc = json(&render(&empty.view("Nothing")));
    assert_eq!(
        doc,
        json!({"chronicle": 1, "title": "Nothing", "range": null, "events": []})
    );
}

#[test]
fn events_follow_the_selection_order() {
    let fx = fixture::dated(&["2024", "2016~", "2024-03-22", "../2020"]);
    let ids: Vec<Value> = events(&fx).iter().map(|e| e["id"].clone()).collect();
    assert_eq!(ids, [json!("e3"), json!("e1"), json!("e0"), json!("e2")]);
}

#[test]
fn hostile_text_comes_through_unchanged() {
    let fx = fixture::hostile();
    for event in events(&fx) {
        let i: usize = event["id"].as_str().unwrap()[1..].parse().unwrap();
        let text = HOSTILE[i];
        assert_eq!(event["title"], text);
        assert_eq!(event["kind"], text);
        assert_eq!(event["summary"], text);
        assert_eq!(event["place"]["name"], text);
        assert_eq!(event["actors"][0]["name"], text);
        assert_eq!(event["actors"][0]["role"], text);
        assert_eq!(event["sources"][0]["quote"], text);
        assert_eq!(event["sources"][0]["url"], text);
    }
    let title = HOSTILE[0];
    assert_eq!(json(&render(&fx.view(title)))["title"], title);
}

#[test]
fn render_and_document_agree_and_repeat() {
    let fx = fixture::bundled();
    let view = fx.view("Bundled");
    let bytes = render(&view);
    assert_eq!(bytes, render(&view));
    assert_eq!(json(&bytes), document(&view));
    assert_eq!(
        document(&view)["events"].as_array().unwrap().len(),
        fx.sel.events.len()
    );
}
