//! Inputs at scale: JSON and TOML documents too large to be held whole,
//! read as they come, and folders of many small files; each problem still
//! placed to the character.

use super::check::{found, one};
use crate::harness::Scratch;

/// A JSON document of 70,000 events, one a line, the first and the last
/// with an invalid date, and the lines of `between` before the events.
fn big_document(between: &str) -> String {
    let events: Vec<String> = (0..70_000)
        .map(|i| {
            let date = if i == 0 || i == 69_999 { "2024-13" } else { "2024-03" };
            format!(r#"{{"id": "e{i}", "title": "E", "date": "{date}", "actors": ["a"], "sources": ["s"]}}"#)
        })
        .collect();
    format!(
        "{{\"source\": [{{\"id\": \"s\", \"title\": \"S\"}}],\n\"actor\": [{{\"id\": \"a\", \"name\": \"A\"}}],\n{between}\"event\": [\n{}\n]}}\n",
        events.join(",\n")
    )
}

#[test]
fn a_large_json_document_reads_as_a_small_one_does() {
    // Records of a list decoded apart: the first and the last keep their
    // places, in document order, with a problem of the document's shape
    // between them.
    let s = Scratch::new().file("facts/big.json", &big_document("\"evnt\": [],\n"));
    let run = s.run(&["check", "--json"]).status(1);
    let mut expected = one("invalid-date", "facts/big.json", 5, 42);
    expected.extend(one("unknown-record-type", "facts/big.json", 3, 1));
    expected.extend(one("invalid-date", "facts/big.json", 70_004, 46));
    let mut got = found(&run);
    got.sort_by_key(|d| (d.2, d.3));
    expected.sort_by_key(|d| (d.2, d.3));
    assert_eq!(got, expected);
}

#[test]
fn a_large_json_document_on_one_line_is_placed_to_the_character() {
    // Read as it comes; the problems found after reading (an unknown actor,
    // a duplicate id) are placed by reading the line again around them.
    let events: Vec<String> = (0..40_000)
        .map(|i| {
            let actor = if i == 39_000 { "nobody" } else { "a" };
            let id = if i == 39_999 { "e7" } else { &format!("e{i}") };
            let date = if i == 30_000 { "2024-03-3x" } else { "2024-03" };
            format!(r#"{{"id": "{id}", "title": "É", "date": "{date}", "actors": ["{actor}"], "sources": ["s"]}}"#)
        })
        .collect();
    let doc = format!(
        r#"{{"sources": [{{"id": "s", "title": "S"}}], "actors": [{{"id": "a", "name": "A"}}], "events": [{}]}}"#,
        events.join(", ")
    );
    // Columns count characters from 1.
    let column = |needle: &str| {
        let at = doc.find(needle).unwrap();
        doc[..at].chars().count() as u64 + 1
    };
    let nobody = column("\"nobody\"");
    // The bad character of the date.
    let day = column("3x\"") + 1;
    // The second `e7`'s id, its value.
    let twin = doc.rfind(r#""e7""#).unwrap();
    let twin = doc[..twin].chars().count() as u64 + 1;
    let s = Scratch::new().file("facts/line.json", &doc);
    let run = s.run(&["check", "--json"]).status(1);
    let mut got = found(&run);
    got.sort_by_key(|d| (d.2, d.3));
    let mut expected = one("unknown-reference", "facts/line.json", 1, nobody);
    expected.extend(one("invalid-date", "facts/line.json", 1, day));
    expected.extend(one("duplicate-id", "facts/line.json", 1, twin));
    expected.sort_by_key(|d| (d.2, d.3));
    assert_eq!(got, expected);
    s.run(&["check"])
        .status(1)
        .stderr_has(&format!("--> facts/line.json:1:{nobody}"));
}

#[test]
fn a_large_json_document_read_as_it_comes_places_each_problem_of_its_records() {
    // No problem with the document's shape: its records are read as they
    // come, and those with problems decoded apart, their problems placed
    // to the character when shown.
    let s = Scratch::new().file("facts/big.json", &big_document(""));
    let run = s.run(&["check", "--json"]).status(1);
    let mut expected = one("invalid-date", "facts/big.json", 4, 42);
    expected.extend(one("invalid-date", "facts/big.json", 70_003, 46));
    assert_eq!(found(&run), expected);
    s.run(&["check"])
        .status(1)
        .stderr_has("--> facts/big.json:70003:46\n")
        .stderr_has("months are 01-12");
}

/// A TOML document of 20,000 events (2 MB, read in batches): the first and
/// the last with an invalid date, one naming an unknown actor, one reusing
/// the id of another in an earlier batch.
fn big_toml() -> String {
    let mut doc = String::from(
        "# a large case\n[[source]]\nid = \"s\"\ntitle = \"S\"\n\n[[actor]]\nid = \"a\"\nname = \"A\"\n",
    );
    for i in 0..20_000 {
        let date = if i == 0 || i == 19_999 {
            "2024-13"
        } else {
            "2024-03"
        };
        let actor = if i == 12_345 { "nobody" } else { "a" };
        let id = if i == 15_000 {
            "e7".to_string()
        } else {
            format!("e{i}")
        };
        doc.push_str(&format!(
            "\n[[event]]\nid = \"{id}\"\ntitle = \"\"\"É\n[[event]]\"\"\"\ndate = \"{date}\"\nactors = [\"{actor}\"]\nsources = [\"s\"]\n"
        ));
    }
    doc
}

/// The diagnostics of [`big_toml`] as read whole, with event `i`'s header
/// on line `header(i)`: its id one line below, its date four, its actors
/// five (the title takes two lines).
fn big_toml_problems(header: impl Fn(u64) -> u64) -> Vec<(String, String, u64, u64)> {
    let file = "facts/big.toml";
    let mut expected = one("invalid-date", file, header(0) + 4, 14);
    expected.extend(one("unknown-reference", file, header(12_345) + 5, 11));
    expected.extend(one("duplicate-id", file, header(15_000) + 1, 6));
    expected.extend(one("invalid-date", file, header(19_999) + 4, 14));
    expected
}

#[test]
fn a_large_toml_document_read_as_it_comes_places_each_problem() {
    let s = Scratch::new().file("facts/big.toml", &big_toml());
    let run = s.run(&["check", "--json"]).status(1);
    let mut got = found(&run);
    got.sort_by_key(|d| (d.2, d.3));
    let header = |i: u64| 10 + 8 * i;
    assert_eq!(got, big_toml_problems(header));
    s.run(&["check"])
        .status(1)
        .stderr_has(&format!("--> facts/big.toml:{}:6\n", header(15_000) + 1))
        .stderr_has(&format!(
            "first used by the event defined here: facts/big.toml:{}:6\n",
            header(7) + 1
        ));
}

#[test]
fn a_large_toml_document_that_cannot_be_cut_reads_as_when_parsed_whole() {
    // The actor between two runs of events: cut into batches, the events
    // would come in another order than parsing the document whole gives.
    let actor = "\n[[actor]]\nid = \"a\"\nname = \"A\"\n";
    let doc = big_toml().replacen(&actor[1..], "", 1).replacen(
        "\n[[event]]\nid = \"e10000\"",
        &format!("{actor}\n[[event]]\nid = \"e10000\""),
        1,
    );
    let s = Scratch::new().file("facts/big.toml", &doc);
    let run = s.run(&["check", "--json"]).status(1);
    let mut got = found(&run);
    got.sort_by_key(|d| (d.2, d.3));
    // Three lines fewer before the events, four more from event 10,000.
    let header = |i: u64| if i < 10_000 { 7 + 8 * i } else { 11 + 8 * i };
    assert_eq!(got, big_toml_problems(header));
}

/// File `i` of a folder of small files: an actor and an event in JSON
/// Lines, a JSON document or TOML by turns, each event with a report of a
/// thousand bytes (so that the folder is read on worker threads), the
/// events in TOML naming the actor of the file before too.
fn small_file(i: usize, date: &str) -> (String, String) {
    let report = "report ".repeat(143);
    let actor = format!(r#"{{"type":"actor","id":"a{i}","name":"A {i}"}}"#);
    let event = format!(
        r#"{{"type":"event","id":"e{i}","title":"E","date":"{date}","actors":["a{i}"],"sources":["s"],"summary":"{report}"}}"#
    );
    match i % 3 {
        0 => (format!("{i:03}.jsonl"), format!("{actor}\n{event}\n")),
        1 => (format!("{i:03}.json"), format!("[{actor},\n{event}]")),
        _ => {
            let actors = format!(r#"["a{i}", "a{}"]"#, i - 1);
            let toml = format!(
                "[[actor]]\nid = \"a{i}\"\nname = \"A {i}\"\n\n[[event]]\nid = \"e{i}\"\n\
                 title = \"E\"\ndate = \"{date}\"\nactors = {actors}\nsources = [\"s\"]\n\
                 summary = \"{report}\"\n"
            );
            (format!("{i:03}.toml"), toml)
        }
    }
}

#[test]
fn a_folder_of_many_small_files_reads_as_the_files_one_by_one() {
    // An extraction tool's folder: a file per report, in three encodings,
    // the records of one file referring to those of others, a problem in
    // a file near the end.
    let source = r#"{"type":"source","id":"s","title":"S"}"#;
    let mut s = Scratch::new().file("facts/000-sources.jsonl", source);
    for i in 1..=600 {
        let date = ["2024-05", "2024-03", "2024-04"][i % 3];
        let (name, text) = small_file(i, if i == 591 { "2024-13" } else { date });
        s = s.file(&format!("facts/{name}"), &text);
    }
    let run = s.run(&["check", "--json"]).status(1);
    assert_eq!(found(&run), one("invalid-date", "facts/591.jsonl", 2, 54));
    std::fs::write(s.path().join("facts/591.jsonl"), "").unwrap();
    s.run(&["check"]).status(0).stdout_is(
        "ok: 1 source, 599 actors, 0 places, 599 events, 0 relations in 601 files; \
         events from 2024-03-01 to 2024-05-31\n",
    );
}

/// `--around` stops at its limit of 100,000 entities, and every command
/// that takes it says so: the figures, the timeline and the export count
/// only the entities reached.
#[test]
fn around_past_its_limit_says_so_everywhere() {
    let mut lines = String::from("{\"type\":\"place\",\"id\":\"hub\",\"name\":\"Hub\"}\n");
    for i in 0..100_001 {
        lines.push_str(&format!(
            "{{\"type\":\"event\",\"id\":\"e{i}\",\"title\":\"E\",\"date\":\"2024\",\"place\":\"hub\"}}\n"
        ));
    }
    let s = Scratch::new().file("facts/big.jsonl", &lines);
    let around = ["--around", "hub", "--depth", "1"];
    for (command, warning) in [
        (
            &["stats"][..],
            "warning: --around stopped at 100000 entities; the figures count only those",
        ),
        (
            &["timeline"],
            "warning: --around stopped at 100000 entities; the timeline may miss events",
        ),
        (
            &["export", "timeline"],
            "warning: --around stopped at 100000 entities",
        ),
    ] {
        let args: Vec<&str> = command.iter().chain(&around).copied().collect();
        s.run(&args).status(0).stderr_has(warning);
    }
}
