//! `chronicle export FORMAT`: one export, filtered, to stdout or a file.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::harness::{Scratch, bundled, many_events, root};

#[test]
fn unfiltered_exports_equal_the_built_files() {
    for (format, file) in [
        ("dot", "graph.dot"),
        ("timeline", "timeline.json"),
        ("timelinejs", "timeline.timelinejs.json"),
        ("vis", "timeline.vis.json"),
    ] {
        let run = bundled(&["export", format]).status(0);
        assert_eq!(
            run.out.stdout,
            std::fs::read(root().join("exports").join(file)).unwrap(),
            "{format}"
        );
    }
}

/// The `id` of every object in a JSON list.
fn ids(list: &serde_json::Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect()
}

#[test]
fn filters_keep_the_actors_events() {
    let doc = bundled(&["export", "timeline", "--actor", "isis-k"])
        .status(0)
        .json();
    let ids = ids(&doc["events"]);
    assert_eq!(
        ids,
        [
            // Said on an unknown day up to 2 Apr 2024: the earliest bound is open.
            "kurilla-statement-six-month-threat",
            "kurilla-statement-taliban-suppression",
            "quantock-statement-us-target-no-1",
            "western-europe-attack-2016",
            "us-service-members-killed-2021",
            "iran-bombing-2024-01",
            "moscow-concert-hall-attack-2024",
        ]
    );
}

#[test]
fn a_place_takes_in_the_places_inside_it() {
    let doc = bundled(&["export", "vis", "--place", "Russia"])
        .status(0)
        .json();
    let ids = ids(&doc["items"]);
    assert_eq!(ids, ["moscow-concert-hall-attack-2024"]);
}

#[test]
fn a_window_keeps_events_whose_bounds_overlap_it() {
    let doc = bundled(&[
        "export", "timeline", "--since", "2024-03", "--until", "2024-03",
    ])
    .status(0)
    .json();
    let ids = ids(&doc["events"]);
    assert!(ids.contains(&"us-warning-to-russia-2024-03-07"));
    assert!(ids.contains(&"moscow-concert-hall-attack-2024"));
    assert!(!ids.contains(&"iran-bombing-2024-01"));
}

#[test]
fn unknown_or_wrong_entities_are_usage_errors() {
    bundled(&["export", "dot", "--actor", "ISIS-X"])
        .status(2)
        .stderr_has("did you mean");
    bundled(&["export", "dot", "--place", "ISIS-K"])
        .status(2)
        .stderr_is("error: --place `ISIS-K` is an actor, not a place\n");
    bundled(&["export", "dot", "--since", "2024-13"])
        .status(2)
        .stderr_has("--since `2024-13` is not an EDTF date");
}

#[test]
fn output_to_a_file() {
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("isis-k.dot");
    bundled(&[
        "export",
        "dot",
        "--layout",
        "timeline",
        "--actor",
        "ISIS-K",
        "-o",
        path.to_str().unwrap(),
    ])
    .status(0)
    .stdout_is("");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("rank=same") || text.contains("rank = same"),
        "{text}"
    );
}

/// `/dev/stdout` (like `/dev/null`, or a shell's `>(…)`) is not a file to
/// replace but a place to write into.
#[cfg(target_os = "linux")]
#[test]
fn output_to_a_device_writes_into_it() {
    let printed = bundled(&["export", "timeline"]).status(0).stdout();
    bundled(&["export", "timeline", "-o", "/dev/stdout"])
        .status(0)
        .stdout_is(&printed)
        .stderr_is("");
}

/// Runs `chronicle` in `dir`, reads the first line it writes to standard
/// output (or standard error) and closes that pipe; then waits for it.
pub fn closed_after_a_line(
    dir: &std::path::Path,
    args: &[&str],
    stream: Stream,
) -> (String, std::process::Output) {
    let piped = |s: Stream| match s == stream {
        true => Stdio::piped(),
        false => Stdio::null(),
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_chronicle"))
        .current_dir(dir)
        .args(args)
        .env("CHRONICLE_CACHE", "off")
        .stdout(piped(Stream::Out))
        .stderr(piped(Stream::Err))
        .spawn()
        .unwrap();
    let mut first = String::new();
    match stream {
        Stream::Out => BufReader::new(child.stdout.take().unwrap()).read_line(&mut first),
        Stream::Err => BufReader::new(child.stderr.take().unwrap()).read_line(&mut first),
    }
    .unwrap();
    (first, child.wait_with_output().unwrap())
}

#[derive(Clone, Copy, PartialEq)]
pub enum Stream {
    Out,
    Err,
}

/// Every export, larger than a pipe holds, stops quietly when its reader
/// goes (`| head`).
#[test]
fn a_closed_pipe_ends_quietly() {
    let s = Scratch::new().file("facts/long.jsonl", &many_events(3_000));
    for format in ["dot", "timeline", "timelinejs", "vis"] {
        let (first, out) = closed_after_a_line(s.path(), &["export", format], Stream::Out);
        assert!(
            first.starts_with("digraph") || first == "{\n",
            "{format}: {first}"
        );
        assert_eq!(out.status.code(), Some(0), "{format}");
    }
}

/// So does a program whose messages are read by `2>&1 | head`: it goes on
/// and ends as it would have.
#[test]
fn a_closed_standard_error_ends_quietly() {
    let broken: String = (0..20_000)
        .map(|i| format!("{{\"type\": \"event\", \"id\": \"e{i}\", \"title\": \"t\", \"date\": \"2024-13\"}}\n"))
        .collect();
    let s = Scratch::new().file("facts/broken.jsonl", &broken);
    let (first, out) = closed_after_a_line(s.path(), &["check"], Stream::Err);
    assert!(first.starts_with("error[invalid-date]"), "{first}");
    assert_eq!(out.status.code(), Some(1));
    let s = Scratch::new().file("facts/long.jsonl", &many_events(3_000));
    let (first, out) = closed_after_a_line(s.path(), &["export", "timelinejs"], Stream::Err);
    assert!(
        first.starts_with("warning: the timeline has 3000 events"),
        "{first}"
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_timeline_too_long_to_show_still_exports_with_a_warning() {
    let s = Scratch::new().file("facts/long.jsonl", &many_events(501));
    let run = s.run(&["export", "timelinejs"]).status(0).stderr_is(
        "warning: the timeline has 501 events; TimelineJS gets slow above about 500.\n  \
             the file is valid; to show it, narrow it first: \
             --since/--until, --kind, --actor, --place or --around ENTITY --depth N\n",
    );
    let slides = run.json()["events"].as_array().map(Vec::len);
    assert_eq!(slides, Some(501));
    // vis-timeline draws more; the canonical timeline is read by programs.
    for format in ["vis", "timeline"] {
        s.run(&["export", format]).status(0).stderr_is("");
    }
    // Narrowed to what TimelineJS shows, it says nothing.
    s.run(&["export", "timelinejs", "--since", "2001-01-02"])
        .status(0)
        .stderr_is("");
    let s = Scratch::new().file("facts/long.jsonl", &many_events(500));
    s.run(&["export", "timelinejs"]).status(0).stderr_is("");
}

#[test]
fn vis_warns_above_the_items_it_draws_smoothly() {
    let s = Scratch::new().file("facts/long.jsonl", &many_events(5_001));
    let run = s
        .run(&["export", "vis", "--until", "2100"])
        .status(0)
        .stderr_has(
            "warning: the timeline has 5001 events; vis-timeline gets slow above about 5000.\n",
        )
        .stderr_has("narrow it first: --since/--until");
    assert_eq!(run.json()["items"].as_array().map(Vec::len), Some(5_001));
    s.run(&["export", "vis", "--since", "2001-01-02"])
        .status(0)
        .stderr_is("");
}

#[test]
fn a_graph_too_large_to_draw_still_exports_with_a_warning() {
    let mut lines = String::new();
    for i in 0..5_001 {
        lines.push_str(&format!(
            "{{\"type\": \"actor\", \"id\": \"a{i}\", \"name\": \"A{i}\"}}\n"
        ));
    }
    let s = Scratch::new().file("facts/big.jsonl", &lines);
    let run = s
        .run(&["export", "dot"])
        .status(0)
        .stderr_has("Graphviz will not lay out");
    assert!(run.stdout().starts_with("digraph") && run.stdout().trim_end().ends_with('}'));
}

/// TimelineJS refuses a timeline without events: the file is written all
/// the same, with a warning, by `export` and by `build`.
#[test]
fn a_timelinejs_timeline_without_events_is_written_with_a_warning() {
    let warning = "warning: the TimelineJS timeline has no events, and TimelineJS will not load a timeline without any\n";
    let run = bundled(&["export", "timelinejs", "--since", "2030"]).status(0);
    let run = run.stderr_is(warning);
    assert_eq!(run.json()["events"], serde_json::json!([]));
    bundled(&["export", "timeline", "--since", "2030"])
        .status(0)
        .stderr_is("");
    let s = Scratch::new().file(
        "facts/a.jsonl",
        "{\"type\": \"actor\", \"id\": \"a\", \"name\": \"A\"}\n",
    );
    s.run(&["build", "-o", "out"]).status(0).stderr_has(warning);
}

/// A flag that would change nothing is refused rather than ignored.
#[test]
fn flags_that_would_change_nothing_are_usage_errors() {
    bundled(&["export", "vis", "--layout", "timeline"])
        .status(2)
        .stdout_is("")
        .stderr_is("error: --layout is for `export dot` only: the timelines are laid out in time by their readers\n");
    for args in [
        &["export", "dot", "--depth", "5"][..],
        &["timeline", "--depth", "2"],
    ] {
        bundled(args).status(2).stdout_is("").stderr_is(
            "error: --depth is the hops from --around: give --around ENTITY too, or leave --depth out\n",
        );
    }
    bundled(&["export", "dot", "--around", "ISIS-K", "--depth", "2"]).status(0);
    bundled(&["neighbors", "ISIS-K", "--depth", "2"]).status(0);
    for args in [
        &["path", "ISIS-K", "Russia", "--all", "--limit", "0"][..],
        &["neighbors", "ISIS-K", "--limit", "0"],
    ] {
        bundled(args)
            .status(2)
            .stderr_has("invalid value '0' for '--limit <N>'");
    }
}
