//! Tests that TimelineJS keeps the `end_date` of every interval wider than
//! a day: it drops one that agrees with every part of `start_date`.

use serde_json::{Value, json};

use super::super::fixture::{self, json};
use super::render;

/// TimelineJS's test for a redundant end date (TimelineConfig
/// `_processDates`): every property of the start date equal in the end.
fn timelinejs_drops_end(start: &Value, end: &Value) -> bool {
    start
        .as_object()
        .unwrap()
        .iter()
        .all(|(part, value)| end.get(part) == Some(value))
}

#[test]
fn an_interval_keeps_its_end_date_in_timelinejs() {
    let cases = [
        (
            "2024-03/2024-03-15",
            json!({"year": 2024, "month": 3, "day": 1}),
        ),
        ("2024/2024-06", json!({"year": 2024, "month": 1, "day": 1})),
        (
            "2024-XX/2024-05",
            json!({"year": 2024, "month": 1, "day": 1}),
        ),
        (
            "2024-21/2024-03-20",
            json!({"year": 2024, "month": 3, "day": 1}),
        ),
        (
            "-0043/-0043-03-15",
            json!({"year": -44, "month": 1, "day": 1}),
        ),
        ("2016/2024", json!({"year": 2016})),
        ("2024-03/2024-04", json!({"year": 2024, "month": 3})),
        (
            "2024-03-07/2024-03-22",
            json!({"year": 2024, "month": 3, "day": 7}),
        ),
    ];
    let dates: Vec<&str> = cases.iter().map(|(date, _)| *date).collect();
    let fx = fixture::dated(&dates);
    let doc = json(&render(&fx.view("T")));
    for slide in doc["events"].as_array().unwrap() {
        let id = slide["unique_id"].as_str().unwrap();
        let at: usize = id.trim_start_matches('e').parse().unwrap();
        let (date, start) = &cases[at];
        assert_eq!(&slide["start_date"], start, "{date}");
        let end = &slide["end_date"];
        assert!(end.is_object(), "{date}");
        assert!(!timelinejs_drops_end(start, end), "{date}: {slide}");
    }
}
