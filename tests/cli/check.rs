//! `chronicle check`: every error and warning class, with its exact place.

use crate::harness::{Run, Scratch, bundled};

/// (code, file, line, column) of each diagnostic of a `--json` run.
pub fn found(run: &Run) -> Vec<(String, String, u64, u64)> {
    let doc = run.json();
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

/// (code, line, column) of each diagnostic of a `--json` run in one file.
fn placed(run: &Run) -> Vec<(String, u64, u64)> {
    found(run).into_iter().map(|d| (d.0, d.2, d.3)).collect()
}

pub fn one(code: &str, file: &str, line: u64, column: u64) -> Vec<(String, String, u64, u64)> {
    vec![(code.to_string(), file.to_string(), line, column)]
}

const SOURCE: &str = "[[source]]\nid = \"s\"\ntitle = \"Report\"\n";
const ACTORS: &str = "[[actor]]\nid = \"a\"\nname = \"A\"\n";

/// A valid event citing `s`, with `extra` lines appended.
fn event(extra: &str) -> String {
    format!(
        "{SOURCE}{ACTORS}[[event]]\nid = \"e\"\ntitle = \"E\"\ndate = \"2024-03-22\"\nactors = [\"a\"]\nsources = [\"s\"]\n{extra}"
    )
}

#[test]
fn bundled_facts_are_valid_and_summarised() {
    bundled(&["check"])
        .status(0)
        .stdout_is("ok: 1 source, 15 actors, 7 places, 11 events, 19 relations in 2 files; events from 2016-01-01 to 2024-04-02\n")
        .stderr_is("");
}

#[test]
fn valid_facts_exit_zero_with_a_summary() {
    let s = Scratch::new().file("facts/a.toml", &event(""));
    s.run(&["check"]).status(0).stdout_is("ok: 1 source, 1 actor, 0 places, 1 event, 0 relations in 1 file; events from 2024-03-22 to 2024-03-22\n");
}

/// Every known day is inside the range, a later start of an open-ended
/// event too; a side no event is bounded on is said to be unknown.
#[test]
fn the_range_holds_every_known_day() {
    let open = event("").replace("2024-03-22", "2024-03-22/..");
    let earlier = "[[event]]\nid = \"old\"\ntitle = \"Old\"\ndate = \"2020\"\nactors = [\"a\"]\nsources = [\"s\"]\n";
    let s = Scratch::new().file("facts/a.toml", &format!("{open}{earlier}"));
    s.run(&["check"])
        .status(0)
        .stdout_has("; events from 2020-01-01 to 2024-03-22\n");
    let s = Scratch::new().file("facts/a.toml", &open);
    s.run(&["check"])
        .status(0)
        .stdout_has("; events from 2024-03-22 (no known end)\n");
    let range = s.run(&["check", "--json"]).status(0).json()["summary"]["range"].clone();
    assert_eq!(
        range,
        serde_json::json!({"start": "2024-03-22", "end": null})
    );
    let s = Scratch::new().file("facts/a.toml", &event("").replace("2024-03-22", "../2024"));
    s.run(&["check"])
        .status(0)
        .stdout_has("; events until 2024-12-31 (no known start)\n");
}

#[test]
fn paths_may_be_given_as_arguments_like_a_linter() {
    let s = Scratch::new()
        .file("cases/a.toml", &event(""))
        .file("facts/broken.toml", "[[event]");
    s.run(&["check", "cases/a.toml"]).status(0);
    s.run(&["check", "cases"]).status(0);
    s.run(&["check", "-f", "cases"]).status(0);
    s.run(&["check"]).status(1);
}

#[test]
fn syntax_errors_of_each_encoding() {
    let s = Scratch::new()
        .file("t.toml", "[[event]]\nid = \"e\"\ntitle = \n")
        .file("j.json", "{\"event\": [{\"id\": \"e\",}]}")
        .file("l.jsonl", "{\"type\": \"actor\", \"id\": \"a\", \"name\": \"A\"}\n{\"type\": \"actor\" \"id\": \"b\"}\n");
    assert_eq!(
        found(&s.run(&["check", "--json", "t.toml"]).status(1)),
        one("syntax", "t.toml", 3, 9)
    );
    assert_eq!(
        found(&s.run(&["check", "--json", "j.json"]).status(1)),
        one("syntax", "j.json", 1, 23)
    );
    assert_eq!(
        found(&s.run(&["check", "--json", "l.jsonl"]).status(1)),
        one("syntax", "l.jsonl", 2, 18)
    );
}

#[test]
fn an_error_quotes_the_line_with_a_caret_and_a_help() {
    let s = Scratch::new().file("facts/a.toml", &event("titel = \"x\"\n"));
    s.run(&["check"]).status(1).stdout_is("").stderr_is(
        "error[unknown-field]: unknown field `titel` in event record\n  --> facts/a.toml:13:1\n   |\n13 | titel = \"x\"\n   | ^^^^^\n   = help: did you mean `title`?\n\nerror: 1 error(s), 0 warning(s)\n",
    );
}

#[test]
fn wrong_types_and_missing_fields() {
    let s = Scratch::new().file(
        "a.toml",
        &format!("{SOURCE}[[actor]]\nid = \"a\"\nname = 3\n[[actor]]\nid = \"b\"\n"),
    );
    let run = s.run(&["check", "--json", "a.toml"]).status(1);
    let mut expected = one("wrong-type", "a.toml", 6, 8);
    expected.extend(one("missing-field", "a.toml", 7, 1));
    assert_eq!(found(&run), expected);
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let text = event("killed = \"lots\"\nplace = \"nowhere\"\n");
    let text = text.replace("2024-03-22", "2024-02-30");
    let s = Scratch::new().file("a.toml", &text);
    let codes: Vec<String> = found(&s.run(&["check", "--json", "a.toml"]).status(1))
        .into_iter()
        .map(|d| d.0)
        .collect();
    assert_eq!(
        codes,
        ["invalid-date", "invalid-count", "unknown-reference"]
    );
}

/// A count past its range says so and gives the range, however the number
/// is written and however large it is.
#[test]
fn a_count_too_large_gives_its_range() {
    for killed in [
        "4294967296",
        "9223372036854775807",
        "18446744073709551615",
        "\"4294967296+\"",
    ] {
        let line = format!(
            "{{\"type\": \"event\", \"id\": \"e\", \"title\": \"E\", \"date\": \"2024\", \"killed\": {killed}}}\n"
        );
        let s = Scratch::new().file("a.jsonl", &line);
        s.run(&["check", "a.jsonl"]).status(1).stderr_has(
            "error[invalid-count]: invalid count: count is too large (at most 4294967295)",
        );
    }
}

#[test]
fn duplicate_ids_name_both_places() {
    let s = Scratch::new().file("facts/a.toml", &event("")).file(
        "facts/b.jsonl",
        "{\"type\": \"place\", \"id\": \"e\", \"name\": \"P\"}\n",
    );
    let run = s.run(&["check", "--json"]).status(1);
    let doc = run.json();
    let d = &doc["diagnostics"][0];
    assert_eq!(d["code"], "duplicate-id");
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("facts/b.jsonl"), Some(1), Some(25))
    );
    assert_eq!(d["notes"][0]["file"], "facts/a.toml");
    assert_eq!(d["notes"][0]["line"], 8);
}

#[test]
fn unknown_references_suggest_the_nearest_id() {
    let places = "[[place]]\nid = \"moscow\"\nname = \"Moscow\"\n";
    let s = Scratch::new().file(
        "a.toml",
        &format!("{places}{}", event("place = \"moscw\"\n")),
    );
    let run = s.run(&["check", "a.toml"]).status(1);
    let run = run
        .stderr_has("error[unknown-reference]: unknown place `moscw`")
        .stderr_has("--> a.toml:16:9");
    run.stderr_has("help: did you mean `moscow`?");
}

#[test]
fn a_reference_to_the_wrong_kind_of_record_is_an_error() {
    let s = Scratch::new().file("a.toml", &event("place = \"a\"\n"));
    assert_eq!(
        found(&s.run(&["check", "--json", "a.toml"]).status(1)),
        one("wrong-reference-kind", "a.toml", 13, 9)
    );
}

#[test]
fn a_place_that_encloses_itself() {
    let places = "[[place]]\nid = \"x\"\nname = \"X\"\nin = \"y\"\n[[place]]\nid = \"y\"\nname = \"Y\"\nin = \"x\"\n";
    let s = Scratch::new().file("a.toml", places);
    let run = s.run(&["check", "a.toml"]).status(1);
    run.stderr_has("error[place-cycle]: place `x` encloses itself: x → y → x")
        .stderr_has("--> a.toml:4:6");
}

#[test]
fn invalid_dates_point_at_the_offending_character() {
    for (date, col, message) in [
        ("2024-02-30", 17, "day 30 does not exist in February 2024"),
        ("2024-13", 14, "month 13 is out of range (01-12)"),
        ("2024-03-22/2024-03-07", 20, "interval ends"),
    ] {
        let s = Scratch::new().file("a.toml", &event("").replace("2024-03-22", date));
        let run = s.run(&["check", "a.toml"]).status(1);
        run.stderr_has(&format!("--> a.toml:10:{col}"))
            .stderr_has(message);
    }
}

#[test]
fn bad_counts_coordinates_reliability_and_credibility() {
    let s = Scratch::new().file(
        "a.toml",
        &format!(
            "{}[[place]]\nid = \"p\"\nname = \"P\"\nlat = 91\nlon = 0\n[[place]]\nid = \"q\"\nname = \"Q\"\nlat = 1\n",
            event("killed = \"140++\"\n").replace("title = \"Report\"", "title = \"Report\"\nreliability = \"G\"\ncredibility = 7")
        ),
    );
    let codes = placed(&s.run(&["check", "--json", "a.toml"]).status(1));
    let expected = [
        ("invalid-reliability", 4, 15),
        ("invalid-credibility", 5, 15),
        ("invalid-count", 15, 14),
        ("invalid-coordinates", 19, 7),
        ("invalid-coordinates", 24, 7),
    ];
    assert_eq!(codes, expected.map(|(c, l, k)| (c.to_string(), l, k)));
}

#[test]
fn invalid_ids() {
    let s = Scratch::new().file(
        "a.toml",
        "[[actor]]\nid = \"isis k\"\nname = \"A\"\n[[actor]]\nid = \"\"\nname = \"B\"\n",
    );
    let run = s.run(&["check", "--json", "a.toml"]).status(1);
    let codes: Vec<(String, u64, u64)> = found(&run).into_iter().map(|d| (d.0, d.2, d.3)).collect();
    assert_eq!(
        codes,
        [
            ("invalid-id".to_string(), 2, 11),
            ("empty-value".to_string(), 5, 6)
        ]
    );
}

#[test]
fn warnings_do_not_fail_unless_denied() {
    let text = format!(
        "{SOURCE}[[source]]\nid = \"unused\"\ntitle = \"U\"\n[[actor]]\nid = \"a\"\nname = \"Same\"\n[[actor]]\nid = \"b\"\nname = \"B\"\naliases = [\"same\"]\n[[event]]\nid = \"e\"\ntitle = \"E\"\ndate = \"2024\"\nactors = [\"a\"]\n"
    );
    let s = Scratch::new().file("a.toml", &text);
    let run = s.run(&["check", "--json", "a.toml"]).status(0);
    let codes: Vec<(String, u64, u64)> = found(&run).into_iter().map(|d| (d.0, d.2, d.3)).collect();
    let expected = [
        ("uncited-source", 2, 6),
        ("uncited-source", 5, 6),
        ("unconnected", 11, 6),
        ("shared-name", 13, 12),
        ("unsourced-event", 15, 6),
    ];
    assert_eq!(codes, expected.map(|(c, l, k)| (c.to_string(), l, k)));
    // The summary counts them by code, the most found first.
    let kinds = "2 uncited-source, 1 unsourced-event, 1 shared-name, 1 unconnected";
    s.run(&["check", "a.toml"])
        .status(0)
        .stdout_has(&format!("(5 warnings: {kinds})\n"))
        .stderr_has("warning[shared-name]: `same` names both `a` and `b`");
    s.run(&["check", "--deny-warnings", "a.toml"])
        .status(1)
        .stderr_has(&format!("error: 5 error(s), 0 warning(s): {kinds}\n"));
}

#[test]
fn json_lines_from_standard_input() {
    let lines = "{\"type\": \"source\", \"id\": \"s\", \"title\": \"T\"}\n{\"type\": \"event\", \"id\": \"e\", \"title\": \"E\", \"date\": \"2024\", \"sources\": [\"s\"]}\n";
    let s = Scratch::new();
    s.run_stdin(&["check", "-"], lines)
        .status(0)
        .stderr_has("warning[unconnected]");
    let typo = s
        .run_stdin(&["check", "-"], "{\"type\": \"evnt\"}\n")
        .status(1)
        .stderr_has("--> <stdin>:1:10")
        .stderr_has("did you mean `event`?");
    let lines_note = "standard input is read as JSON Lines, one record a line";
    assert!(!typo.stderr().contains(lines_note));
    // A document on standard input is told apart at its first line.
    let toml = "# a case\n[[source]]\nid = \"s\"\ntitle = \"T\"\n";
    let json = "{\n  \"source\": [{\"id\": \"s\", \"title\": \"T\"}]\n}\n";
    for document in [toml, json, "[{\"id\": \"s\"}]\n"] {
        let run = s.run_stdin(&["check", "-"], document).status(1);
        assert_eq!(run.stderr().matches(lines_note).count(), 1, "{document}");
    }
}

/// Problems found after the reading (references, ids, places inside
/// places) are placed in standard input as in a file, caret and all, and
/// listed in the same order.
#[test]
fn standard_input_is_placed_like_a_file() {
    let lines = concat!(
        "{\"type\": \"place\", \"id\": \"moscow\", \"name\": \"M\"}\n",
        "{\"type\": \"event\", \"id\": \"x\", \"title\": \"t\", \"date\": \"2024\", \"place\": \"moscw\"}\n",
        "{\"type\": \"event\", \"id\": \"x\", \"title\": \"t\", \"date\": \"2024-13\"}\n",
        "{\"type\": \"place\", \"id\": \"p\", \"name\": \"P\", \"in\": \"p\"}\n",
    );
    let s = Scratch::new().file("in.jsonl", lines);
    let file = s.run(&["check", "in.jsonl"]).status(1).stderr();
    let piped = s.run_stdin(&["check", "-"], lines).status(1).stderr();
    assert_eq!(piped.replace("<stdin>", "in.jsonl"), file);
    assert!(piped.contains("--> <stdin>:2:"), "{piped}");
    let json = |run: crate::harness::Run| run.status(1).json()["diagnostics"].clone();
    let file = json(s.run(&["check", "--json", "in.jsonl"]));
    let piped = json(s.run_stdin(&["check", "--json", "-"], lines));
    assert_eq!(piped[0]["line"], 2, "{piped}");
    let named = piped.to_string().replace("<stdin>", "in.jsonl");
    assert_eq!(named, file.to_string());
}

/// Where no copy of standard input can be made, its problems found after
/// the reading are not placed, and say why.
#[test]
fn standard_input_without_a_copy_says_why_it_is_not_placed() {
    use assert_cmd::cargo::CommandCargoExt;
    use std::io::Write;
    let lines = "{\"type\":\"source\",\"id\":\"s\",\"title\":\"S\"}\n{\"type\":\"source\",\"id\":\"s\",\"title\":\"S\"}\n";
    let s = Scratch::new();
    let mut child = std::process::Command::cargo_bin("chronicle")
        .unwrap()
        .current_dir(s.path())
        .args(["check", "-"])
        .env("TMPDIR", s.path().join("no such folder"))
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(lines.as_bytes())
        .unwrap();
    let done = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert_eq!(done.status.code(), Some(1));
    assert!(stderr.contains("--> <stdin>\n"), "{stderr}");
    assert!(
        stderr.contains(
            "note: no copy of standard input could be made in the temporary folder (TMPDIR)"
        ),
        "{stderr}"
    );
}

/// A file named twice, alone and inside a folder, is read once; so is
/// standard input named twice.
#[test]
fn a_file_reached_twice_is_read_once() {
    let s = Scratch::new().file("facts/a.toml", &event(""));
    let ok = "ok: 1 source, 1 actor, 0 places, 1 event, 0 relations in 1 file; events from 2024-03-22 to 2024-03-22\n";
    for args in [
        &["check", "facts", "facts/a.toml"][..],
        &["check", "facts", "facts"],
        &["check", "facts/a.toml", "./facts/../facts/a.toml"],
    ] {
        s.run(args).status(0).stdout_is(ok).stderr_is("");
    }
    let lines = "{\"type\": \"actor\", \"id\": \"a\", \"name\": \"A\"}\n";
    s.run_stdin(&["check", "-", "-"], lines)
        .status(0)
        .stdout_has("1 actor, 0 places, 0 events, 0 relations in 1 file");
}

/// A folder without a fact file is a mistake to be told of (a wrong folder,
/// files with another extension), not an empty fact set; an extension in
/// capitals is still the format it names.
#[test]
fn a_folder_without_fact_files_is_an_error() {
    let s = Scratch::new().file("empty/notes.txt", "x").file(
        "loud/A.JSONL",
        "{\"type\": \"actor\", \"id\": \"a\", \"name\": \"A\"}\n",
    );
    s.run(&["check", "empty"])
        .status(2)
        .stderr_is("error: `empty` holds no fact files (.toml, .json or .jsonl)\n");
    s.run(&["check", "loud"]).status(0).stdout_has("1 actor");
}

/// A link in a folder read, named as a fact file but leading nowhere, is
/// an error: skipped, its facts would be missing from an `ok`. A link to
/// nothing with another name is passed over like any other file.
#[test]
fn a_broken_link_named_as_a_fact_file_is_an_error() {
    let s = Scratch::new()
        .file(
            "case/a.jsonl",
            "{\"type\": \"actor\", \"id\": \"a\", \"name\": \"A\"}\n",
        )
        .file("notes.txt", "x");
    std::os::unix::fs::symlink("../gone.txt", s.path().join("case/gone.txt")).unwrap();
    s.run(&["check", "case"]).status(0).stdout_has("1 actor");
    std::os::unix::fs::symlink("../moved.toml", s.path().join("case/b.toml")).unwrap();
    s.run(&["check", "case"]).status(2).stderr_is(
        "error: `case/b.toml` is a link to `../moved.toml`, which does not exist: mend or remove the link\n",
    );
}

#[test]
fn usage_and_io_errors_exit_two() {
    let s = Scratch::new().file("notes.txt", "x");
    s.run(&["check", "missing.toml"])
        .status(2)
        .stderr_is("error: `missing.toml` does not exist\n");
    s.run(&["check", "notes.txt"])
        .status(2)
        .stderr_has("expected the extension .toml, .json or .jsonl");
    s.run(&["check", "--no-such-flag"]).status(2);
}

/// Help that cannot be written (a full disk) is an I/O error, as any other
/// output that cannot be written is.
#[test]
fn help_that_cannot_be_written_exits_two() {
    use assert_cmd::cargo::CommandCargoExt;
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    for args in [&["--help"][..], &["stats", "--help"]] {
        let done = std::process::Command::cargo_bin("chronicle")
            .unwrap()
            .args(args)
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        assert_eq!(done.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&done.stderr).starts_with("error: No space left on device")
        );
    }
    bundled(&["--help"])
        .status(0)
        .stdout_has("Usage: chronicle");
}

#[test]
fn awkward_bytes_are_errors_or_valid_never_a_crash() {
    let s = Scratch::new()
        .bytes("empty.toml", b"")
        .bytes("empty.jsonl", b"")
        .bytes(
            "bom.toml",
            b"\xEF\xBB\xBF[[actor]]\nid = \"a\"\nname = \"A\"\n",
        )
        .bytes("crlf.toml", b"[[actor]]\r\nid = \"a\"\r\nname = \"A\"\r\n")
        .bytes("utf16.json", b"\xFF\xFE{\x00}\x00")
        .bytes(
            "latin1.toml",
            b"[[actor]]\nid = \"a\"\nname = \"Caf\xE9\"\n",
        )
        .bytes("garbage.json", &[0, 159, 146, 150, 255, 0, 1, 2])
        .bytes("nul.jsonl", b"\x00\x00\x00\n");
    s.run(&["check", "empty.toml"]).status(0);
    s.run(&["check", "empty.jsonl"]).status(0);
    s.run(&["check", "bom.toml"]).status(0);
    s.run(&["check", "crlf.toml"]).status(0);
    assert_eq!(
        found(&s.run(&["check", "--json", "utf16.json"]).status(1)),
        one("encoding", "utf16.json", 0, 0)
    );
    assert_eq!(
        found(&s.run(&["check", "--json", "latin1.toml"]).status(1)),
        one("encoding", "latin1.toml", 3, 12)
    );
    assert_eq!(
        found(&s.run(&["check", "--json", "garbage.json"]).status(1)),
        one("encoding", "garbage.json", 1, 2)
    );
    assert_eq!(
        found(&s.run(&["check", "--json", "nul.jsonl"]).status(1)),
        one("syntax", "nul.jsonl", 1, 1)
    );
}

#[test]
fn a_hundred_megabyte_line_is_read() {
    let summary = "x".repeat(100 << 20);
    let line = format!(
        "{{\"type\": \"actor\", \"id\": \"a\", \"name\": \"A\", \"note\": \"{summary}\"}}\n"
    );
    let s = Scratch::new().file("big.jsonl", &line);
    s.run(&["check", "big.jsonl"])
        .status(0)
        .stderr_has("warning[unconnected]");
}

#[test]
fn help_lists_every_subcommand_and_check_has_examples() {
    let s = Scratch::new();
    s.run(&["--help"]).status(0).stdout_has("check");
    s.run(&["check", "--help"])
        .status(0)
        .stdout_has("Examples:")
        .stdout_has("--deny-warnings");
}

#[test]
fn references_of_a_record_with_errors_are_still_checked() {
    let text = event("")
        .replace("2024-03-22", "2024-13")
        .replace("actors = [\"a\"]", "actors = [\"nobody\"]")
        .replace(
            "sources = [\"s\"]",
            "sources = [{ id = \"nothing\", quote = \"q\" }]",
        );
    let s = Scratch::new().file("a.toml", &text);
    let codes = placed(&s.run(&["check", "--json", "a.toml"]).status(1));
    let expected = [
        ("invalid-date", 10, 14),
        ("unknown-reference", 11, 11),
        ("unknown-reference", 12, 19),
    ];
    assert_eq!(codes, expected.map(|(c, l, k)| (c.to_string(), l, k)));
}

#[test]
fn problems_past_those_kept_are_all_counted_in_every_block_read() {
    // 300,000 broken lines: blocks of half a MiB, each with more problems
    // than are kept; two in three are not JSON, one in three has a bad date.
    let line = |i: usize| match i % 3 {
        0 => format!(r#"{{"type":"event","id":"e{i}","title":"E","date":"2024-13"}}"#),
        _ => "x".to_string(),
    };
    let lines: Vec<String> = (0..300_000).map(line).collect();
    let s = Scratch::new().file("facts/big.jsonl", &(lines.join("\n") + "\n"));
    let run = s.run(&["check", "--json"]).status(1);
    let doc = run.json();
    assert_eq!(doc["errors"], 300_000);
    assert_eq!(doc["diagnostics"].as_array().map(Vec::len), Some(10_000));
    let counts = serde_json::json!({"syntax": 200_000, "invalid-date": 100_000});
    assert_eq!(doc["counts"], counts);
    s.run(&["check"]).status(1).stderr_has(
        "… and 290000 more not shown\n\
         error: 300000 error(s), 0 warning(s): 200000 syntax, 100000 invalid-date\n",
    );
    s.run(&["timeline"]).status(1).stderr_has(
        "error: the facts have 300000 error(s) (200000 syntax, 100000 invalid-date); nothing done\n",
    );
}

/// A record dropped for an error of its own still has a kind: a reference
/// to it as another kind is reported in the same run.
#[test]
fn a_reference_to_a_dropped_record_of_another_kind_is_an_error() {
    let s = Scratch::new().file(
        "facts/a.jsonl",
        concat!(
            "{\"type\":\"source\",\"id\":\"s\",\"title\":\"S\",\"reliability\":\"G\"}\n",
            "{\"type\":\"actor\",\"id\":\"a\",\"name\":\"A\"}\n",
            "{\"type\":\"event\",\"id\":\"e\",\"title\":\"E\",\"date\":\"2024\",\"place\":\"s\",\"actors\":[\"a\"],\"sources\":[\"s\"]}\n",
        ),
    );
    let codes = placed(&s.run(&["check", "--json"]).status(1));
    assert_eq!(
        codes,
        [
            ("invalid-reliability".to_string(), 1, 53),
            ("wrong-reference-kind".to_string(), 3, 60),
        ]
    );
    s.run(&["check"])
        .status(1)
        .stderr_has("`s` is a source, not a place")
        .stderr_has("note: the source is defined here: facts/a.jsonl:1:23");
}

/// A cycle of `in` through a place dropped for an error of its own is
/// reported in the same run, as one among valid places is.
#[test]
fn a_place_cycle_through_a_dropped_place_is_reported() {
    let s = Scratch::new().file(
        "facts/a.jsonl",
        concat!(
            "{\"type\":\"place\",\"id\":\"p\",\"name\":\"P\",\"in\":\"q\",\"lat\":91,\"lon\":0}\n",
            "{\"type\":\"place\",\"id\":\"q\",\"name\":\"Q\",\"in\":\"p\"}\n",
            "{\"type\":\"place\",\"id\":\"r\",\"name\":\"R\",\"in\":\"r\",\"lat\":95,\"lon\":0}\n",
        ),
    );
    let codes = placed(&s.run(&["check", "--json"]).status(1));
    let want = [
        ("place-cycle", 1, 42),
        ("invalid-coordinates", 1, 52),
        ("place-cycle", 3, 42),
        ("invalid-coordinates", 3, 52),
    ];
    let want: Vec<(String, u64, u64)> = want.iter().map(|w| (w.0.to_string(), w.1, w.2)).collect();
    assert_eq!(codes, want);
    s.run(&["check"])
        .status(1)
        .stderr_has("place `p` encloses itself: p → q → p")
        .stderr_has("place `r` encloses itself: r → r");
}

/// A TOML file with a syntax error still gives the records that stand clear
/// of it, before and after, with their own problems: one run reports them.
#[test]
fn a_toml_syntax_error_keeps_the_records_clear_of_it() {
    let text = "[[source]]\nid = \"s\"\ntitle = \"S\"\n\n[[actor]]\nid = \"a\"\nname = \"A\" x\n\n\
                [[event]]\nid = \"e\"\ntitle = \"E\"\ndate = \"2024-13\"\nsources = [\"s\"]\n";
    let s = Scratch::new().file("t.toml", text);
    let run = s.run(&["check", "--json", "t.toml"]).status(1);
    let mut got = placed(&run);
    got.sort();
    let want = [("invalid-date", 12, 14), ("syntax", 7, 12)];
    assert_eq!(got, want.map(|(c, l, k)| (c.to_string(), l, k)));
}

/// One typo in a file of sources loses the sources from it on; the events
/// of other files citing them give one error, which says why, not one each.
#[test]
fn unknown_references_while_a_file_is_unreadable_are_one_error() {
    let sources = "[[source]]\nid = \"t\"\ntitle = \"T\" x\n";
    let events: String = (0..50)
        .map(|i| format!("{{\"type\":\"event\",\"id\":\"e{i}\",\"title\":\"E\",\"date\":\"2024\",\"sources\":[\"t\"]}}\n"))
        .collect();
    let s = Scratch::new()
        .file("facts/sources.toml", sources)
        .file("facts/events.jsonl", &events);
    s.run(&["check"])
        .status(1)
        .stderr_has("error[unknown-reference]: unknown source `t`\n --> facts/events.jsonl:1:64\n")
        .stderr_has(
            "  = note: this file could not be read whole, and may define it: facts/sources.toml\n",
        )
        .stderr_has("  = note: 49 more unknown references not shown\n")
        .stderr_has("… and 49 more not shown\n")
        .stderr_has("error: 51 error(s), 0 warning(s): 50 unknown-reference, 1 syntax\n");
    // The JSON counts them as the text does: one shown, all counted.
    let json = s.run(&["check", "--json"]).status(1).json();
    assert_eq!(json["errors"], 51);
    assert_eq!(json["counts"]["unknown-reference"], 50);
    let shown = json["diagnostics"].as_array().map(Vec::len);
    assert_eq!(shown, Some(2));
    // Once the file reads, every reference is checked again.
    let fixed = Scratch::new()
        .file(
            "facts/sources.toml",
            "[[source]]\nid = \"u\"\ntitle = \"T\"\n",
        )
        .file("facts/events.jsonl", &events);
    fixed
        .run(&["check", "--json"])
        .status(1)
        .stdout_has("\"unknown-reference\": 50");
}

/// `check --json` matches `schemas/check.schema.json`: valid facts, facts
/// without events, warnings, and errors with notes placed in a file.
#[test]
fn check_json_matches_its_schema() {
    let broken = "[[source]]\nid = \"s\"\ntitle = \"S\n\n[[event]]\nid = \"e\"\ntitle = \"E\"\n\
                  sources = [\"s\"]\ndate = \"2024-13\"\n\n[[event]]\nid = \"f\"\ntitle = \"F\"\n\
                  sources = [\"s\"]\ndate = \"2024-12\"\n";
    let s = Scratch::new()
        .file("broken.toml", broken)
        .file("valid.toml", &event(""))
        .file("empty.toml", SOURCE)
        .file("dup.toml", &format!("{}{}", event(""), ACTORS));
    let runs = [
        bundled(&["check", "--json"]).status(0),
        s.run(&["check", "--json", "valid.toml"]).status(0),
        s.run(&["check", "--json", "empty.toml"]).status(0),
        s.run(&["check", "--json", "--deny-warnings", "empty.toml"])
            .status(1),
        s.run(&["check", "--json", "broken.toml"]).status(1),
        s.run(&["check", "--json", "dup.toml"]).status(1),
    ];
    for run in &runs {
        crate::schema::assert_valid("check", &run.json());
    }
    let notes = &runs[4].json()["diagnostics"][2]["notes"];
    assert_eq!(notes[0]["file"], "broken.toml", "{notes:#}");
}

#[test]
fn an_id_that_is_another_entitys_name_is_a_shared_name() {
    let s = Scratch::new().file("facts/a.toml", crate::show::GEORGIA);
    s.run(&["check"])
        .status(0)
        .stdout_has("1 shared-name")
        .stderr_has(
            "warning[shared-name]: `Georgia` names actor `georgia-state` and is the id of place `georgia`\n --> facts/a.toml:3:8\n",
        )
        .stderr_has("help: on the command line this name will be ambiguous; type `actor:georgia-state` or `place:georgia`");
    let paris = "[[actor]]\nid = \"paris\"\nname = \"Paris Hilton\"\n[[actor]]\nid = \"ph\"\nname = \"P. H.\"\naliases = [\"PARIS\"]\n";
    let s = Scratch::new().file("facts/a.toml", paris);
    s.run(&["check", "--deny-warnings"])
        .status(1)
        .stderr_has("error[shared-name]: `PARIS` names actor `ph` and is the id of actor `paris`");
}

#[test]
fn a_title_that_is_a_name_is_a_shared_name_and_the_name_wins() {
    let facts = "[[place]]\nid = \"kyiv\"\nname = \"Kyiv\"\n\
                 [[event]]\nid = \"e1\"\ntitle = \"KYIV\"\ndate = \"2022\"\nplace = \"kyiv\"\n";
    let s = Scratch::new().file("facts/a.toml", facts);
    s.run(&["check"])
        .status(0)
        .stdout_has("1 shared-name")
        .stderr_has(
            "warning[shared-name]: `KYIV` is the title of event `e1` and names place `kyiv`\n --> facts/a.toml:6:9\n",
        )
        .stderr_has("help: on the command line this title names the place; type `event:e1` for the event");
    s.run(&["show", "kyiv"])
        .status(0)
        .stdout_has("Kyiv [kyiv]\ntype  place\n");
    s.run(&["show", "event:e1"])
        .status(0)
        .stdout_has("KYIV [e1]\n");
}

#[test]
fn ids_that_differ_only_in_case_are_a_shared_name() {
    let facts = "[[actor]]\nid = \"Russia\"\nname = \"Russian Federation\"\n\
                 [[place]]\nid = \"russia\"\nname = \"Rossiya\"\n\
                 [[event]]\nid = \"e1\"\ntitle = \"Vote\"\ndate = \"2024\"\nplace = \"russia\"\n\
                 actors = [\"Russia\"]\n";
    let s = Scratch::new().file("facts/a.toml", facts);
    s.run(&["check"])
        .status(0)
        .stdout_has("1 shared-name")
        .stderr_has(
            "warning[shared-name]: actor `Russia` and place `russia` have ids that differ only in case\n --> facts/a.toml:2:6\n",
        );
    s.run(&["show", "russia"])
        .status(0)
        .stdout_has("Rossiya [russia]\n");
    s.run(&["show", "RUSSIA"])
        .status(2)
        .stderr_has("`RUSSIA` is ambiguous");
}
