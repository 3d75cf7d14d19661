//! `chronicle timeline`: the kept events in time order, as a table or as the
//! canonical timeline JSON.

use serde_json::Value;

use crate::harness::{Scratch, bundled};
use crate::schema::assert_valid;
use crate::show::no_trailing_spaces;

fn ids(doc: &Value) -> Vec<String> {
    doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

fn json(args: &[&str]) -> Value {
    let mut all = vec!["timeline"];
    all.extend_from_slice(args);
    all.push("--json");
    let doc = bundled(&all).status(0).json();
    assert_valid("timeline", &doc);
    doc
}

#[test]
fn every_event_in_time_order_open_starts_first() {
    let run = bundled(&["timeline"]).status(0).stderr_is("");
    let text = run.stdout();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 12, "a header and 11 events:\n{text}");
    assert!(lines[0].starts_with("date         when            kind        title"));
    assert!(lines[1].starts_with("/2024-04-02  ? – 2 Apr 2024  statement   Kurilla: "));
    assert!(lines[6].starts_with("2016~        c. 2016         attack      ISIS-K's last attack in Western Europe [western-europe-attack-2016]  "));
    assert!(
        lines[11].starts_with(
            "2024-03-22   22 Mar 2024     attack      Attack on a Moscow concert hall"
        )
    );
    assert!(lines[6].ends_with("  Western Europe  ISIS-K (perpetrator)"));
    no_trailing_spaces(&text);
}

#[test]
fn actor_lists_the_groups_events_with_approximate_and_year_only_dates() {
    let doc = json(&["--actor", "ISIS-K"]);
    assert_eq!(
        ids(&doc),
        [
            "kurilla-statement-six-month-threat",
            "kurilla-statement-taliban-suppression",
            "quantock-statement-us-target-no-1",
            "western-europe-attack-2016",
            "us-service-members-killed-2021",
            "iran-bombing-2024-01",
            "moscow-concert-hall-attack-2024",
        ]
    );
    let dates: Vec<&str> = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    assert_eq!(&dates[3..], ["2016~", "2021", "2024-01", "2024-03-22"]);
    assert_eq!(doc["events"][3]["approximate"], true);
    assert_eq!(doc["events"][4]["precision"], "year");
    let text = bundled(&["timeline", "--actor", "ISIS-K"])
        .status(0)
        .stdout();
    let at = |part: &str| text.find(part).unwrap_or_else(|| panic!("{part}:\n{text}"));
    assert!(at("2016~        c. 2016") < at("2021         2021"));
    assert!(at("2021         2021") < at("2024-01      Jan 2024"));
    assert!(
        !text.contains("U.S. pullout"),
        "the pullout is not ISIS-K's"
    );
}

#[test]
fn place_includes_the_events_of_places_inside_it() {
    assert_eq!(
        ids(&json(&["--place", "Russia"])),
        ["moscow-concert-hall-attack-2024"]
    );
    bundled(&["timeline", "--place", "Russia"])
        .status(0)
        .stdout_has("2024-03-22  22 Mar 2024  attack  Attack on a Moscow concert hall [moscow-concert-hall-attack-2024]  Moscow  ISIS-K (perpetrator), Russian government (target)\n");
}

#[test]
fn since_and_until_keep_events_that_may_fall_in_the_window() {
    let march = ids(&json(&["--since", "2024-03", "--until", "2024-03"]));
    assert!(march.contains(&"us-warning-to-russia-2024-03-07".to_string()));
    assert!(march.contains(&"moscow-concert-hall-attack-2024".to_string()));
    assert!(
        march.contains(&"quantock-statement-patient-foe".to_string()),
        "said on or before 2 April: maybe in March"
    );
    assert!(!march.contains(&"iran-bombing-2024-01".to_string()));
    let before = ids(&json(&["--until", "2021"]));
    assert!(before.contains(&"western-europe-attack-2016".to_string()));
    assert!(!before.contains(&"us-warning-to-russia-2024-03-07".to_string()));
}

#[test]
fn kind_and_around_filter_too() {
    assert_eq!(
        ids(&json(&["--kind", "attack"])),
        [
            "western-europe-attack-2016",
            "us-service-members-killed-2021",
            "moscow-concert-hall-attack-2024"
        ]
    );
    assert_eq!(
        ids(&json(&["--around", "Moscow"])),
        ["moscow-concert-hall-attack-2024"]
    );
}

#[test]
fn json_is_the_canonical_timeline_document() {
    let doc = json(&[]);
    assert_eq!(doc["chronicle"], 1);
    assert_eq!(
        doc["title"],
        "ISIS-K group that targeted Russia now looking toward US"
    );
    assert_eq!(doc["events"].as_array().unwrap().len(), 11);
    assert_eq!(doc["range"]["start"], "2016-01-01");
}

#[test]
fn no_events_is_said_plainly() {
    bundled(&["timeline", "--since", "2030"])
        .status(0)
        .stdout_is("no events\n");
    let doc = json(&["--since", "2030"]);
    assert_eq!(doc["events"], serde_json::json!([]));
}

#[test]
fn bad_filters_and_unknown_names_are_usage_errors() {
    bundled(&["timeline", "--actor", "ISIS-J"])
        .status(2)
        .stderr_has("did you mean")
        .stderr_has("`ISIS-K`");
    bundled(&["timeline", "--place", "isis-k"])
        .status(2)
        .stderr_has("--place `isis-k` is an actor, not a place");
    bundled(&["timeline", "--until", "2024-13"])
        .status(2)
        .stderr_has("--until `2024-13` is not an EDTF date");
}

#[test]
fn facts_come_from_f() {
    let s = Scratch::new().file(
        "x/a.toml",
        "[[event]]\nid = \"e\"\ntitle = \"E\"\ndate = \"1999-12-31\"\n",
    );
    s.run(&["timeline", "-f", "x"]).status(0).stdout_is("date        when         kind  title  place  actors\n1999-12-31  31 Dec 1999        E [e]\n");
}

#[test]
fn json_is_byte_for_byte_the_timeline_export() {
    let args = ["--actor", "ISIS-K", "--since", "2020"];
    let mine = bundled(&[&["timeline", "--json"][..], &args].concat())
        .status(0)
        .stdout();
    let export = bundled(&[&["export", "timeline"][..], &args].concat())
        .status(0)
        .stdout();
    assert_eq!(mine, export);
}

/// Runs chronicle with stdout piped, reads a few bytes, closes the pipe
/// (as `| head -c 100` does) and returns the exit code and standard error.
pub fn closed_pipe(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    use assert_cmd::cargo::CommandCargoExt;
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::cargo_bin("chronicle")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    out.read_exact(&mut first).unwrap();
    drop(out);
    let done = child.wait_with_output().unwrap();
    (
        done.status.code(),
        String::from_utf8_lossy(&done.stderr).into_owned(),
    )
}

/// Facts with `n` events, enough to fill a pipe many times over.
pub fn many_events(n: usize) -> Scratch {
    let mut toml = String::from(
        "[[source]]\nid = \"s\"\ntitle = \"S\"\n[[actor]]\nid = \"a\"\nname = \"A\"\nsources = [\"s\"]\n",
    );
    for i in 0..n {
        toml.push_str(&format!(
            "[[event]]\nid = \"e{i}\"\ntitle = \"Event number {i} with a long enough title\"\ndate = \"2024-01-01\"\nactors = [\"a\"]\nsources = [\"s\"]\n"
        ));
    }
    Scratch::new().file("facts/many.toml", &toml)
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let s = many_events(3000);
    for args in [
        &["timeline"][..],
        &["timeline", "--json"],
        &["neighbors", "a"],
        &["show", "a", "--json"],
    ] {
        let (code, stderr) = closed_pipe(s.path(), args);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

/// The verdict survives a closed pipe: invalid facts exit 1 however much
/// of `check --json` was read.
#[test]
fn a_closed_pipe_keeps_check_s_verdict() {
    let s = many_events(3000);
    std::fs::write(
        s.path().join("facts/bad.toml"),
        (0..3000)
            .map(|i| format!("[[event]]\nid = \"bad{i}\"\ntitle = \"Bad\"\ndate = \"2024-13\"\n"))
            .collect::<String>(),
    )
    .unwrap();
    let (code, stderr) = closed_pipe(s.path(), &["check", "--json"]);
    assert_eq!((code, stderr.as_str()), (Some(1), ""));
    std::fs::remove_file(s.path().join("facts/bad.toml")).unwrap();
    let (code, stderr) = closed_pipe(s.path(), &["check", "--json"]);
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
}

#[test]
fn every_filter_works_in_text_too() {
    let march = bundled(&["timeline", "--since", "2024-03", "--until", "2024-03"])
        .status(0)
        .stdout();
    assert!(
        march.contains("2024-03-07   7 Mar 2024      warning"),
        "{march}"
    );
    assert!(!march.contains("Jan 2024"), "{march}");
    let attacks = bundled(&["timeline", "--kind", "attack"])
        .status(0)
        .stdout();
    assert_eq!(attacks.lines().count(), 4, "{attacks}");
    bundled(&["timeline", "--around", "moscow"])
        .status(0)
        .stdout_has("2024-03-22  22 Mar 2024  attack  Attack on a Moscow concert hall");
}

/// A kind no event has is a mistake, told with the kinds it may have meant,
/// as `--rel` is; the filters of every command share it.
#[test]
fn a_kind_no_event_has_is_an_error_with_a_suggestion() {
    for args in [
        &["timeline", "--kind", "atack"][..],
        &["timeline", "--kind", "attack", "--kind", "Attack"],
        &["export", "vis", "--kind", "atack"],
    ] {
        let typo = args.last().unwrap();
        bundled(args).status(2).stdout_is("").stderr_is(&format!(
            "error: --kind `{typo}`: no event has this kind; did you mean `attack`?\n"
        ));
    }
    bundled(&["timeline", "--kind", "attack"])
        .status(0)
        .stdout_has("attack");
}

/// A window's ends are EDTF dates, BC ones too, given as separate words;
/// ends the wrong way round are a mistake, not an empty answer.
#[test]
fn a_window_takes_bc_dates_and_refuses_ends_the_wrong_way_round() {
    let joined = bundled(&["timeline", "--since=-0043-03-15", "--until", "2016"]).status(0);
    bundled(&["timeline", "--since", "-0043-03-15", "--until", "2016"])
        .status(0)
        .stdout_is(&joined.stdout());
    bundled(&["timeline", "--since", "2025", "--until", "2024"])
        .status(2)
        .stdout_is("")
        .stderr_is("error: --since `2025` is after --until `2024`: no date falls between them\n");
    bundled(&["timeline", "--since", "2024-03", "--until", "2024-03"]).status(0);
}

/// A date in another common format on the command line gets the help a
/// date in a fact file gets: how to write it in EDTF.
#[test]
fn a_window_date_in_another_format_says_how_to_write_it() {
    bundled(&["timeline", "--since", "22/03/2024"])
        .status(2)
        .stderr_is("error: --since `22/03/2024` is not an EDTF date: an interval has only two ends; write the date with dashes, year first: `2024-03-22`\n");
    bundled(&["timeline", "--until", "20240322"])
        .status(2)
        .stderr_has("year first: `2024-03-22`");
}

#[test]
fn actor_and_place_look_among_their_kind_first() {
    let s = Scratch::new().file("facts/a.toml", crate::show::GEORGIA);
    let row = "Election [e1]  Sakartvelo  Georgia\n";
    s.run(&["timeline", "--actor", "Georgia"])
        .status(0)
        .stderr_is("")
        .stdout_has(row);
    s.run(&["timeline", "--place", "GEORGIA"])
        .status(0)
        .stdout_has(row);
    s.run(&["timeline", "--around", "Georgia"])
        .status(2)
        .stderr_has("`Georgia` is ambiguous");
    s.run(&["timeline", "--actor", "Sakartvelo"])
        .status(2)
        .stderr_is("error: --actor `Sakartvelo` is a place, not an actor\n");
    let two = "[[actor]]\nid = \"a1\"\nname = \"Same\"\n[[actor]]\nid = \"a2\"\nname = \"Other\"\naliases = [\"same\"]\n";
    let s = Scratch::new().file("facts/a.toml", two);
    s.run(&["timeline", "--actor", "same"])
        .status(2)
        .stderr_has("`same` is ambiguous: it names actor `a1`, actor `a2`");
}
