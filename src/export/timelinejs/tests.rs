//! Tests of the TimelineJS3 export: date parts and display dates, BC years,
//! ids that survive slugify, escaped HTML, and determinism.

use std::collections::HashSet;

use serde_json::{Value, json};

use super::super::fixture::{self, Fixture, HOSTILE, json, unescape};
use super::{TITLE_ID, render, slug};

fn doc(fx: &Fixture, title: &str) -> Value {
    json(&render(&fx.view(title)))
}

fn slides(fx: &Fixture) -> Vec<Value> {
    doc(fx, "T")["events"].as_array().unwrap().clone()
}

#[test]
fn dates_field_by_field() {
    let none = Value::Null;
    let cases = [
        (
            "2024-03-22",
            json!({"year": 2024, "month": 3, "day": 22}),
            none.clone(),
            none.clone(),
        ),
        (
            "2024-03",
            json!({"year": 2024, "month": 3}),
            none.clone(),
            none.clone(),
        ),
        ("2024", json!({"year": 2024}), none.clone(), none.clone()),
        (
            "2016~",
            json!({"year": 2016}),
            none.clone(),
            json!("c. 2016"),
        ),
        ("2021?", json!({"year": 2021}), none.clone(), json!("2021?")),
        ("201X", json!({"year": 2010}), none.clone(), json!("2010s")),
        ("20XX", json!({"year": 2000}), none.clone(), json!("2000s")),
        (
            "2024-XX",
            json!({"year": 2024}),
            none.clone(),
            json!("2024"),
        ),
        (
            "2024-03-XX",
            json!({"year": 2024, "month": 3}),
            none.clone(),
            json!("Mar 2024"),
        ),
        (
            "2024-21",
            json!({"year": 2024, "month": 3}),
            none.clone(),
            json!("Spring 2024"),
        ),
        (
            "2024-24",
            json!({"year": 2024, "month": 12}),
            none.clone(),
            json!("Winter 2024"),
        ),
        (
            "2024-03-22T19:58:07+03:00",
            json!({"year": 2024, "month": 3, "day": 22, "hour": 19, "minute": 58, "second": 7}),
            none.clone(),
            json!("22 Mar 2024 19:58:07 +03:00"),
        ),
        (
            "2024-03-22T19:58:00",
            json!({"year": 2024, "month": 3, "day": 22, "hour": 19, "minute": 58, "second": 0}),
            none.clone(),
            none.clone(),
        ),
        (
            "2024-03-07/2024-03-22",
            json!({"year": 2024, "month": 3, "day": 7}),
            json!({"year": 2024, "month": 3, "day": 22}),
            json!("7–22 Mar 2024"),
        ),
        (
            "2024-04-02/2024-10~",
            json!({"year": 2024, "month": 4, "day": 2}),
            json!({"year": 2024, "month": 10, "day": 31}),
            json!("2 Apr 2024 – c. Oct 2024"),
        ),
        // An end ends on the last day it covers, so that a coarser end
        // never lands before its start.
        (
            "2024-03/2024",
            json!({"year": 2024, "month": 3}),
            json!({"year": 2024, "month": 12, "day": 31}),
            json!("Mar 2024 – 2024"),
        ),
        (
            "2024-03-15/2024-03",
            json!({"year": 2024, "month": 3, "day": 15}),
            json!({"year": 2024, "month": 3, "day": 31}),
            json!("15 Mar 2024 – Mar 2024"),
        ),
        (
            "2024-24/2025-21",
            json!({"year": 2024, "month": 12}),
            json!({"year": 2025, "month": 5, "day": 31}),
            json!("Winter 2024 – Spring 2025"),
        ),
        (
            "-0100/-001X",
            json!({"year": -101}),
            json!({"year": -11, "month": 12, "day": 31}),
            json!("101 BC – 20–11 BC"),
        ),
        (
            "2024-03-22/..",
            json!({"year": 2024, "month": 3, "day": 22}),
            none.clone(),
            json!("from 22 Mar 2024"),
        ),
        (
            "../2024",
            json!({"year": 2024}),
            none.clone(),
            json!("until 2024"),
        ),
        (
            "/2024-04-02",
            json!({"year": 2024, "month": 4, "day": 2}),
            none.clone(),
            json!("? – 2 Apr 2024"),
        ),
        (
            "-0043-03-15",
            json!({"year": -44, "month": 3, "day": 15}),
            none.clone(),
            none.clone(),
        ),
        ("0000", json!({"year": -1}), none.clone(), none.clone()),
        ("-0499", json!({"year": -500}), none.clone(), none.clone()),
        ("0001", json!({"year": 1}), none.clone(), none.clone()),
        // A slide starts at the earliest year its date can be, BC as AD.
        (
            "-001X",
            json!({"year": -20}),
            none.clone(),
            json!("20–11 BC"),
        ),
        (
            "-01XX",
            json!({"year": -200}),
            none.clone(),
            json!("200–101 BC"),
        ),
        ("Y12345", json!({"year": 12345}), none.clone(), none.clone()),
    ];
    for (date, start, end, display) in cases {
        let slide = slides(&fixture::dated(&[date])).remove(0);
        assert_eq!(slide["start_date"], start, "{date}");
        assert_eq!(slide["end_date"], end, "{date}");
        assert_eq!(slide["display_date"], display, "{date}");
    }
}

#[test]
fn no_slide_lacks_a_start_date() {
    let dates = [
        "2024",
        "../2024",
        "/2024-04-02",
        "2024-03-22/..",
        "2024-03-22/",
        "2024-21",
        "201X",
        "-0499",
        "Y-170000002",
    ];
    for fx in [
        fixture::dated(&dates),
        fixture::bundled(),
        fixture::hostile(),
    ] {
        let slides = slides(&fx);
        assert_eq!(slides.len(), fx.sel.events.len());
        for slide in slides {
            assert!(slide["start_date"]["year"].is_i64(), "{slide}");
        }
    }
}

/// TimelineJS's own slugify (core/Util.js), reimplemented.
fn timelinejs_slugify(text: &str) -> String {
    let from = "ãàáäâẽèéëêìíïîõòóöôùúüûñç·/_,:;";
    let to = "aaaaaeeeeeiiiiooooouuuunc------";
    let mapped: String = text
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| {
            from.chars()
                .position(|f| f == c)
                .map_or(c, |i| to.chars().nth(i).unwrap())
        })
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == ' ' || *c == '-')
        .collect();
    let mut out = String::new();
    for c in mapped.chars().map(|c| if c == ' ' { '-' } else { c }) {
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

#[test]
fn slugs_are_what_timelinejs_keeps() {
    let cases = [
        ("moscow-attack", "moscow-attack"),
        ("Moscow_Attack!!2024", "moscow-attack-2024"),
        ("2024-attack", "event-2024-attack"),
        ("--x--", "x"),
        ("москва", "event"),
        ("café", "caf"),
        ("<script>", "script"),
    ];
    for (id, expected) in cases {
        assert_eq!(slug(id), expected, "{id}");
        assert_eq!(timelinejs_slugify(&slug(id)), slug(id), "{id}");
    }
}

#[test]
fn unique_ids_stay_unique_after_slugify() {
    let ids = [
        "attack",
        "Attack",
        "ATTACK!",
        "attack-2",
        "title",
        "Title",
        "2024",
        "москва",
        "киев",
        "a.b",
        "a_b",
        "a-b",
    ];
    let mut toml = String::new();
    for id in ids {
        toml += &format!("[[event]]\nid = \"{id}\"\ntitle = \"t\"\ndate = \"2024\"\n\n");
    }
    let fx = fixture::from_toml(&toml);
    let document = doc(&fx, "Title");
    let mut seen = HashSet::from([timelinejs_slugify(TITLE_ID)]);
    assert_eq!(document["title"]["unique_id"], TITLE_ID);
    let slides = document["events"].as_array().unwrap();
    assert_eq!(slides.len(), ids.len());
    for slide in slides {
        let id = slide["unique_id"].as_str().unwrap();
        assert_eq!(timelinejs_slugify(id), id);
        assert!(seen.insert(id.to_owned()), "{id} twice");
    }
    let again = doc(&fixture::from_toml(&toml), "Title");
    assert_eq!(again, document);
}

/// The tags in `html` that are not ours.
fn foreign_tags(html: &str) -> Vec<String> {
    let ours = [
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        "<ul>",
        "</ul>",
        "<li>",
        "</li>",
        "</a>",
        "<a href=\"",
    ];
    html.match_indices('<')
        .map(|(at, _)| &html[at..])
        .filter(|rest| !ours.iter().any(|tag| rest.starts_with(tag)))
        .map(|rest| rest.chars().take(20).collect())
        .collect()
}

#[test]
fn hostile_text_is_escaped_and_comes_back() {
    let fx = fixture::hostile();
    let document = doc(&fx, HOSTILE[0]);
    let title = &document["title"]["text"]["headline"];
    assert_eq!(unescape(title.as_str().unwrap()), HOSTILE[0]);
    for slide in document["events"].as_array().unwrap() {
        let i: usize = slide["unique_id"].as_str().unwrap()[1..].parse().unwrap();
        let original = HOSTILE[i];
        let headline = slide["text"]["headline"].as_str().unwrap();
        assert!(!headline.contains('<'), "{headline}");
        assert_eq!(unescape(headline), original);
        let group = slide["group"].as_str().unwrap();
        assert!(!group.contains('<'), "{group}");
        assert_eq!(unescape(&unescape(group)), original);
        let text = slide["text"]["text"].as_str().unwrap();
        assert_eq!(foreign_tags(text), Vec::<String>::new());
        assert!(!text.contains("<a "), "a non-web URL is not linked: {text}");
        let back = unescape(text);
        let pieces = [
            format!("<p>{original}</p>"),
            format!("<b>Actors:</b> {original} ({original})</p>"),
            format!("<b>Place:</b> {original}</p>"),
            format!("<li>“{original}” — {original}, {original} ({original})</li>"),
        ];
        for piece in pieces {
            assert!(back.contains(&piece), "{piece:?} not in {back:?}");
        }
    }
}

#[test]
fn web_urls_are_links_with_escaped_targets() {
    let toml = r#"
[[source]]
id = "s"
title = "<i>T</i>"
url = "https://example.org/?q=\"><script>x</script>&a=1"

[[event]]
id = "e"
title = "E"
date = "2024"
sources = ["s"]
"#;
    let slide = slides(&fixture::from_toml(toml)).remove(0);
    let text = slide["text"]["text"].as_str().unwrap();
    assert_eq!(foreign_tags(text), Vec::<String>::new());
    let href =
        "<a href=\"https://example.org/?q=&quot;&gt;&lt;script&gt;x&lt;/script&gt;&amp;a=1\">";
    assert!(
        text.contains(&format!("{href}&lt;i&gt;T&lt;/i&gt;</a>")),
        "{text}"
    );
}

#[test]
fn title_slide_says_how_many_and_when() {
    let cases: [(&[&str], &str); 5] = [
        (&[], "No events"),
        (&["2024-03-22"], "1 event in 2024"),
        (
            &["2016~", "2024-04-02/2024-10~"],
            "2 events from 2016 to 2024",
        ),
        (
            &["-0043-03-15", "0000", "2024"],
            "3 events from 44 BC to 2024",
        ),
        (&["../2024", "2022/.."], "2 events from 2022 to 2024"),
    ];
    for (dates, expected) in cases {
        let document = doc(&fixture::dated(dates), "T");
        assert_eq!(document["title"]["text"]["text"], expected, "{dates:?}");
        assert_eq!(document["title"]["text"]["headline"], "T");
    }
    let open = doc(&fixture::dated(&["../2024"]), "T");
    assert_eq!(open["title"]["text"]["text"], "1 event until 2024");
}

#[test]
fn slides_carry_kind_and_body() {
    let toml = r#"
[[actor]]
id = "a"
name = "A"

[[event]]
id = "e"
title = "E"
date = "2024"
kind = "attack"
actors = [{ id = "a", role = "perpetrator" }]
killed = "10-20"
injured = 3

[[event]]
id = "f"
title = "F"
date = "2025"
"#;
    let all = slides(&fixture::from_toml(toml));
    assert_eq!(all[0]["group"], "attack");
    assert_eq!(
        all[0]["text"]["text"],
        "<p><b>Actors:</b> A (perpetrator)</p><p><b>Killed:</b> 10 to 20 · <b>Injured:</b> 3</p>"
    );
    assert_eq!(all[1]["group"], Value::Null);
    assert_eq!(all[1]["text"]["text"], "");
}

#[test]
fn output_is_deterministic() {
    let fx = fixture::bundled();
    let view = fx.view("Bundled");
    let bytes = render(&view);
    assert_eq!(bytes, render(&view));
    assert!(bytes.ends_with(b"}\n"));
}

/// One date beyond TimelineJS's human scale moves the whole timeline to its
/// cosmological scale, which shows years ago: every slide then says its date.
#[test]
fn a_date_beyond_the_human_scale_dates_every_slide() {
    let display = |dates: &[&str]| -> Vec<Value> {
        slides(&fixture::dated(dates))
            .iter()
            .map(|s| s["display_date"].clone())
            .collect()
    };
    assert_eq!(
        display(&["2024-03-22", "-0043"]),
        [Value::Null, Value::Null]
    );
    assert_eq!(
        display(&["-0043", "Y-300000", "2024-03-22"]),
        [json!("300001 BC"), json!("44 BC"), json!("22 Mar 2024")]
    );
    assert_eq!(display(&["2024", "Y300000"])[0], json!("2024"));
}

/// TimelineJS moves to its cosmological scale by itself only for a start
/// date; on the human scale an end beyond it is no date at all. So the
/// document names the scale whenever any date is beyond it.
#[test]
fn a_date_beyond_the_human_scale_names_the_cosmological_scale() {
    let scale = |dates: &[&str]| doc(&fixture::dated(dates), "T")["scale"].clone();
    assert_eq!(scale(&["2024-03-22", "-0043"]), Value::Null);
    assert_eq!(
        scale(&["2024-03-22", "2020/Y300000"]),
        json!("cosmological")
    );
    assert_eq!(scale(&["Y-300000"]), json!("cosmological"));
}
