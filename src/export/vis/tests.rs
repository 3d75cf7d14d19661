//! Tests of the vis-timeline export: points and ranges, UTC date-times and
//! six-digit years, groups, escaped HTML, and determinism.

use std::collections::HashSet;

use serde_json::{Value, json};

use super::super::fixture::{self, Fixture, HOSTILE, json, unescape};
use super::{Instant, OTHER, render};
use crate::edtf::Day;
use proptest::prelude::*;

fn doc(fx: &Fixture) -> Value {
    json(&render(&fx.view("T")))
}

fn items(fx: &Fixture) -> Vec<Value> {
    doc(fx)["items"].as_array().unwrap().clone()
}

#[test]
fn dates_field_by_field() {
    let z = |s: &str| json!(format!("{s}T00:00:00Z"));
    let none = Value::Null;
    let cases = [
        (
            "2024-03-22",
            z("2024-03-22"),
            none.clone(),
            "point",
            none.clone(),
        ),
        (
            "2024-03",
            z("2024-03-01"),
            z("2024-04-01"),
            "range",
            none.clone(),
        ),
        (
            "2024-02",
            z("2024-02-01"),
            z("2024-03-01"),
            "range",
            none.clone(),
        ),
        (
            "2024",
            z("2024-01-01"),
            z("2025-01-01"),
            "range",
            none.clone(),
        ),
        (
            "2024-12-31",
            z("2024-12-31"),
            none.clone(),
            "point",
            none.clone(),
        ),
        (
            "2016~",
            z("2016-01-01"),
            z("2017-01-01"),
            "range",
            json!("approximate"),
        ),
        (
            "2021?",
            z("2021-01-01"),
            z("2022-01-01"),
            "range",
            json!("uncertain"),
        ),
        (
            "2020%",
            z("2020-01-01"),
            z("2021-01-01"),
            "range",
            json!("approximate uncertain"),
        ),
        (
            "201X",
            z("2010-01-01"),
            z("2020-01-01"),
            "range",
            none.clone(),
        ),
        (
            "2024-03-XX",
            z("2024-03-01"),
            z("2024-04-01"),
            "range",
            none.clone(),
        ),
        (
            "2024-21",
            z("2024-03-01"),
            z("2024-06-01"),
            "range",
            none.clone(),
        ),
        (
            "2024-24",
            z("2024-12-01"),
            z("2025-03-01"),
            "range",
            none.clone(),
        ),
        (
            "2024-03-22T19:58:00+03:00",
            json!("2024-03-22T16:58:00Z"),
            none.clone(),
            "point",
            none.clone(),
        ),
        (
            "2024-03-22T01:30:00+03:00",
            json!("2024-03-21T22:30:00Z"),
            none.clone(),
            "point",
            none.clone(),
        ),
        (
            "2024-12-31T23:30:00-09:30",
            json!("2025-01-01T09:00:00Z"),
            none.clone(),
            "point",
            none.clone(),
        ),
        (
            "2024-03-22T19:58:07",
            json!("2024-03-22T19:58:07Z"),
            none.clone(),
            "point",
            none.clone(),
        ),
        (
            "2024-03-07/2024-03-22",
            z("2024-03-07"),
            z("2024-03-23"),
            "range",
            none.clone(),
        ),
        (
            "2024-04-02/2024-10~",
            z("2024-04-02"),
            z("2024-11-01"),
            "range",
            json!("approximate"),
        ),
        (
            "2024-03-22/..",
            z("2024-03-22"),
            none.clone(),
            "point",
            json!("open-end"),
        ),
        (
            "2024-03-22/",
            z("2024-03-22"),
            none.clone(),
            "point",
            json!("unknown-end"),
        ),
        (
            "../2024",
            z("2024-01-01"),
            z("2025-01-01"),
            "range",
            json!("open-start"),
        ),
        (
            "/2024-04-02",
            z("2024-04-02"),
            none.clone(),
            "point",
            json!("unknown-start"),
        ),
        (
            "../2024-03-22?",
            z("2024-03-22"),
            none.clone(),
            "point",
            json!("uncertain open-start"),
        ),
        (
            "-0043-03-15",
            z("-000043-03-15"),
            none.clone(),
            "point",
            none.clone(),
        ),
        (
            "0000",
            z("0000-01-01"),
            z("0001-01-01"),
            "range",
            none.clone(),
        ),
        (
            "-0499",
            z("-000499-01-01"),
            z("-000498-01-01"),
            "range",
            none.clone(),
        ),
        (
            "9999",
            z("9999-01-01"),
            z("+010000-01-01"),
            "range",
            none.clone(),
        ),
        (
            "Y12345",
            z("+012345-01-01"),
            z("+012346-01-01"),
            "range",
            none.clone(),
        ),
        (
            "Y-170000002",
            z("-271821-04-20"),
            none.clone(),
            "point",
            none.clone(),
        ),
        (
            "Y170000002",
            z("+275760-09-13"),
            none.clone(),
            "point",
            none.clone(),
        ),
    ];
    for (date, start, end, kind, class) in cases {
        let item = items(&fixture::dated(&[date])).remove(0);
        assert_eq!(item["start"], start, "{date}");
        assert_eq!(item["end"], end, "{date}");
        assert_eq!(item["type"], kind, "{date}");
        assert_eq!(item["className"], class, "{date}");
    }
}

#[test]
fn every_item_has_a_start_and_a_unique_id() {
    let dates = [
        "2024",
        "../2024",
        "/2024-04-02",
        "2024-03-22/..",
        "-0499",
        "Y-170000002",
    ];
    for fx in [
        fixture::dated(&dates),
        fixture::bundled(),
        fixture::hostile(),
    ] {
        let items = items(&fx);
        assert_eq!(items.len(), fx.sel.events.len());
        let mut ids = HashSet::new();
        for item in &items {
            assert!(
                item["start"].as_str().is_some_and(|s| s.ends_with('Z')),
                "{item}"
            );
            assert!(ids.insert(item["id"].as_str().unwrap().to_owned()));
            assert_eq!(item["type"] == "range", item["end"].is_string(), "{item}");
        }
    }
}

#[test]
fn items_and_tooltips_say_what_the_event_says() {
    let toml = r#"
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

[[event]]
id = "attack"
title = "Attack"
date = "2024-03-22"
kind = "attack"
place = "moscow"
actors = [{ id = "isis-k", role = "perpetrator" }]

[[event]]
id = "plain"
title = "Plain"
date = "2016~"
"#;
    let document = doc(&fixture::from_toml(toml));
    let expected = json!({
        "items": [
            {"id": "plain", "content": "Plain", "start": "2016-01-01T00:00:00Z",
             "end": "2017-01-01T00:00:00Z", "type": "range", "group": OTHER,
             "title": "<b>Plain</b><br>c. 2016 · 2016~", "className": "approximate"},
            {"id": "attack", "content": "Attack", "start": "2024-03-22T00:00:00Z",
             "type": "point", "group": "attack",
             "title": "<b>Attack</b><br>22 Mar 2024 · 2024-03-22<br>Moscow, Russia<br>ISIS-K (perpetrator)"}
        ],
        "groups": [{"id": "attack", "content": "attack"}, {"id": OTHER, "content": OTHER}]
    });
    assert_eq!(document, expected);
}

#[test]
fn groups_are_listed_once_and_sorted() {
    let mut toml = String::new();
    for (i, kind) in ["b", "a", "b", "c", "a"].iter().enumerate() {
        toml += &format!(
            "[[event]]\nid = \"e{i}\"\ntitle = \"t\"\ndate = \"2024\"\nkind = \"{kind}\"\n\n"
        );
    }
    let groups = doc(&fixture::from_toml(&toml))["groups"].clone();
    let ids: Vec<&str> = groups
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(doc(&fixture::from_toml(""))["groups"], json!([]));
}

#[test]
fn hostile_text_is_escaped_and_comes_back() {
    let document = doc(&fixture::hostile());
    for item in document["items"].as_array().unwrap() {
        let i: usize = item["id"].as_str().unwrap()[1..].parse().unwrap();
        let original = HOSTILE[i];
        let content = item["content"].as_str().unwrap();
        assert!(!content.contains('<'), "{content}");
        assert_eq!(unescape(content), original);
        assert_eq!(item["group"], original);
        let title = item["title"].as_str().unwrap();
        let bare = title
            .replace("<b>", "")
            .replace("</b>", "")
            .replace("<br>", "\n");
        assert!(!bare.contains('<'), "{title}");
        let lines: Vec<String> = bare.lines().map(unescape).collect();
        assert_eq!(lines[0], original);
        assert_eq!(lines[2], original, "place");
        assert_eq!(lines[3], format!("{original} ({original})"), "actor (role)");
    }
    for group in document["groups"].as_array().unwrap() {
        let content = group["content"].as_str().unwrap();
        assert!(!content.contains('<'), "{content}");
        assert_eq!(unescape(content), group["id"].as_str().unwrap());
        assert!(HOSTILE.contains(&group["id"].as_str().unwrap()));
    }
}

#[test]
fn output_is_deterministic() {
    let fx = fixture::bundled();
    let view = fx.view("Bundled");
    let bytes = render(&view);
    assert_eq!(bytes, render(&view));
    assert!(bytes.ends_with(b"}\n"));
}

proptest! {
    #[test]
    fn an_instant_is_its_day_and_time_of_day(days in -800_000i64..3_000_000, seconds in 0i64..200_000) {
        let instant = Instant::at(Day::from_days(days), seconds);
        let day = Day::from_days(days + seconds / 86_400);
        let s = seconds % 86_400;
        let want = format!("{day}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60);
        prop_assert_eq!(instant.to_string(), want);
    }
}

/// Events without a kind are a group of their own, never merged into an
/// event kind that happens to be called `other`.
#[test]
fn the_kindless_group_is_no_kind_s() {
    let event = |id: &str, kind: Option<&str>| {
        let kind = kind.map_or(String::new(), |k| format!("kind = \"{k}\"\n"));
        format!("[[event]]\nid = \"{id}\"\ntitle = \"{id}\"\ndate = \"2024\"\n{kind}")
    };
    let toml = [
        event("a", Some("other")),
        event("b", None),
        event("c", Some("other 2")),
    ]
    .concat();
    let document = doc(&fixture::from_toml(&toml));
    let groups: Vec<&str> = document["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["group"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["other", "other 3", "other 2"]);
    let ids: Vec<&str> = document["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["other", "other 2", "other 3"]);
}
