//! What reaches a terminal. Fact files come from extraction tools and may
//! hold escape sequences, bells, newlines and bidi overrides: every piece of
//! fact text printed for people (headings, cards, tables, diagnostics and
//! the lines they quote) has each such character turned into a space, while
//! `--json` keeps the text as written. Tables and carets count the columns
//! a terminal gives a character: two for CJK and emoji, none for an accent.

use crate::harness::Scratch;

/// A source, a place and an event whose names would drive a terminal: a
/// colour, a bell, a newline, a window-title sequence, a right-to-left
/// override.
const HOSTILE: &str = r#"{"type":"source","id":"s","title":"Report\u001b[2J\u0007"}
{"type":"place","id":"p","name":"P\u001b[31mRED\u001b[0m\u0007","sources":["s"]}
{"type":"event","id":"e","title":"line1\nline2\u001b]0;pwned\u0007\u202e","date":"2024","place":"p","sources":["s"]}
"#;

/// The event's title and the place's name as printed.
const EVENT: &str = "line1 line2 ]0;pwned   [e]";
const PLACE: &str = "P [31mRED [0m  [p]";

/// Fails when text holds a character that drives or reorders a terminal
/// (a newline ends a line and is allowed).
#[track_caller]
fn printable(text: &str) {
    let bad = |c: char| {
        c != '\n'
            && (c.is_control()
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c))
    };
    assert!(!text.chars().any(bad), "unsafe character in {text:?}");
}

fn hostile(args: &[&str]) -> String {
    let s = Scratch::new().file("facts.jsonl", HOSTILE);
    let mut all = args.to_vec();
    all.extend(["-f", "facts.jsonl"]);
    let out = s.run(&all).status(0).stderr_is("").stdout();
    printable(&out);
    out
}

#[test]
fn a_card_names_its_entity_on_one_line_without_escapes_and_json_keeps_the_text() {
    let text = hostile(&["show", "e"]);
    assert!(
        text.starts_with(&format!(
            "{EVENT}\ntype   event\ndate   2024\nplace  {PLACE}\n"
        )),
        "{text}"
    );
    let s = Scratch::new().file("facts.jsonl", HOSTILE);
    let doc = s
        .run(&["show", "e", "-f", "facts.jsonl", "--json"])
        .status(0)
        .json();
    assert_eq!(doc["name"], "line1\nline2\u{1b}]0;pwned\u{7}\u{202e}");
}

#[test]
fn a_path_heading_names_both_ends_safely() {
    let text = hostile(&["path", "e", "p"]);
    assert!(
        text.starts_with(&format!("shortest path from {EVENT} to {PLACE}: 1 hop\n")),
        "{text}"
    );
}

#[test]
fn a_neighbourhood_heading_names_its_start_safely() {
    let text = hostile(&["neighbors", "e"]);
    assert!(
        text.starts_with(&format!("{EVENT} within 1 hop: 1 found\n")),
        "{text}"
    );
}

#[test]
fn a_source_heading_and_the_events_it_alone_supports_are_printed_safely() {
    let text = hostile(&["sources", "s"]);
    assert!(text.starts_with("Report [2J  [s]\n"), "{text}");
    assert!(
        text.ends_with(&format!(
            "events left with no source without it (1)\n{EVENT}\n"
        )),
        "{text}"
    );
}

#[test]
fn a_diagnostic_quotes_ids_without_their_control_characters_and_json_keeps_them() {
    let line = r#"{"type":"event","id":"e","title":"t","date":"2024","place":"\u001b[31mX"}"#;
    let s = Scratch::new().file("bad.jsonl", &format!("{line}\n"));
    s.run(&["check", "bad.jsonl"]).status(1).stdout_is("").stderr_is(&format!(
        "error[unknown-reference]: unknown place ` [31mX`\n --> bad.jsonl:1:60\n  |\n1 | {line}\n  | {}^^^^^^^^^^^^^\n\nerror: 1 error(s), 0 warning(s)\n",
        " ".repeat(59)
    ));
    let doc = s.run(&["check", "bad.jsonl", "--json"]).status(1).json();
    assert_eq!(
        doc["diagnostics"][0]["message"],
        "unknown place `\u{1b}[31mX`"
    );
}

#[test]
fn a_quoted_line_shows_raw_control_characters_as_spaces_with_the_caret_on_them() {
    // A raw escape inside a JSON string is a syntax error at the escape,
    // after a right-to-left override (valid in a string) and two CJK
    // characters (two columns each).
    let s = Scratch::new().file(
        "raw.jsonl",
        "{\"type\":\"event\",\"id\":\"e\",\"title\":\"\u{202e}東京\u{1b}[31m\",\"date\":\"2024\"}\n",
    );
    s.run(&["check", "raw.jsonl"]).status(1).stderr_is(&format!(
        "error[syntax]: a control character inside a string must be escaped\n --> raw.jsonl:1:38\n  |\n1 | {{\"type\":\"event\",\"id\":\"e\",\"title\":\" 東京 [31m\",\"date\":\"2024\"}}\n  | {}^\n\nerror: 1 error(s), 0 warning(s)\n",
        " ".repeat(39)
    ));
}

#[test]
fn the_caret_sits_under_the_offending_characters_after_wide_ones() {
    let line = r#"{"type":"event","id":"e","title":"東京大地震","date":"2024-13"}"#;
    let s = Scratch::new().file("wide.jsonl", &format!("{line}\n"));
    // Column 55 counts characters; the five CJK characters take ten columns.
    s.run(&["check", "wide.jsonl"]).status(1).stderr_is(&format!(
        "error[invalid-date]: invalid date `2024-13`: month 13 is out of range (01-12)\n --> wide.jsonl:1:55\n  |\n1 | {line}\n  | {}^^\n  = help: months are 01-12; seasons are 21-24\n\nerror: 1 error(s), 0 warning(s)\n",
        " ".repeat(59)
    ));
}

#[test]
fn the_caret_is_not_pushed_right_by_combining_accents() {
    let line =
        "{\"type\":\"event\",\"id\":\"e\",\"title\":\"Cafe\u{301}\u{301}\",\"date\":\"2024-13\"}";
    let s = Scratch::new().file("accents.jsonl", &format!("{line}\n"));
    s.run(&["check", "accents.jsonl"])
        .status(1)
        .stderr_has(&format!(
            " --> accents.jsonl:1:56\n  |\n1 | {line}\n  | {}^^\n",
            " ".repeat(53)
        ));
}

#[test]
fn tables_align_wide_characters_and_accents_by_the_columns_they_take() {
    let facts = r#"{"type":"event","id":"quake","title":"東京大地震","date":"2024","place":"tokyo"}
{"type":"event","id":"fire","title":"Cafe\u0301 🔥","date":"2025","place":"paris"}
{"type":"place","id":"tokyo","name":"東京"}
{"type":"place","id":"paris","name":"Paris"}
"#;
    let s = Scratch::new().file("facts.jsonl", facts);
    s.run(&["timeline", "-f", "facts.jsonl"])
        .status(0)
        .stdout_is(
            "date  when  kind  title               place  actors\n\
         2024  2024        東京大地震 [quake]  東京\n\
         2025  2025        Cafe\u{301} 🔥 [fire]      Paris\n",
        );
}
