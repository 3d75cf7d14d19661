//! The fact cache seen from outside: a repeated query answers the same, an
//! edited fact file is seen at once, a repeated question is answered from
//! the kept answers without loading the facts, and a deleted or disabled
//! cache changes nothing.

use std::path::Path;

use assert_cmd::Command;

use crate::harness::Run;

const FACTS: &str = r#"
[[actor]]
id = "a"
name = "Alpha"
[[event]]
id = "e1"
title = "First meeting"
date = "2020-01-15"
actors = [{ id = "a" }]
[[event]]
id = "e2"
title = "Second meeting"
date = "2021-06"
actors = [{ id = "a" }]
"#;

/// Runs a command in `dir` with the cache kept in `cache`.
fn run(dir: &Path, cache: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("chronicle")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("CHRONICLE_CACHE")
        .env("CHRONICLE_CACHE_DIR", cache)
        .output()
        .unwrap();
    Run { out }
}

fn titles(run: Run) -> Vec<String> {
    let doc = run.status(0).stderr_is("").json();
    doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap().to_string())
        .collect()
}

/// The stored fact sets (`*.facts`) in the cache folder.
fn entries(cache: &Path) -> usize {
    stored(cache, "facts").len()
}

fn stored(cache: &Path, extension: &str) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(cache).map_or(Vec::new(), |d| {
        d.map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == extension))
            .collect()
    })
}

#[test]
fn a_repeated_query_sees_an_edit_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    std::fs::write(dir.path().join("f.toml"), FACTS).unwrap();
    let args = ["timeline", "-f", "f.toml", "--json"];
    let first = titles(run(dir.path(), &cache, &args));
    assert_eq!(first, ["First meeting", "Second meeting"]);
    assert_eq!(entries(&cache), 1, "the query stored the facts");
    assert_eq!(titles(run(dir.path(), &cache, &args)), first);
    let edited = FACTS.replace("First meeting", "Frist meeting");
    std::fs::write(dir.path().join("f.toml"), edited).unwrap();
    let third = titles(run(dir.path(), &cache, &args));
    assert_eq!(third, ["Frist meeting", "Second meeting"]);
    std::fs::remove_dir_all(&cache).unwrap();
    assert_eq!(titles(run(dir.path(), &cache, &args)), third);
}

#[test]
fn invalid_facts_fail_the_same_with_a_cache_and_are_not_stored() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    std::fs::write(dir.path().join("f.toml"), FACTS).unwrap();
    let args = ["stats", "-f", "f.toml", "--json"];
    run(dir.path(), &cache, &args).status(0);
    let broken = FACTS.replace("2021-06", "June 2021");
    std::fs::write(dir.path().join("f.toml"), broken).unwrap();
    for _ in 0..2 {
        run(dir.path(), &cache, &args)
            .status(1)
            .stderr_has("invalid-date");
    }
}

#[test]
fn check_and_disabled_cache_store_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    std::fs::write(dir.path().join("f.toml"), FACTS).unwrap();
    run(dir.path(), &cache, &["check", "-f", "f.toml"]).status(0);
    assert_eq!(entries(&cache), 0);
    let out = Command::cargo_bin("chronicle")
        .unwrap()
        .current_dir(dir.path())
        .args(["stats", "-f", "f.toml"])
        .env("CHRONICLE_CACHE", "off")
        .env("CHRONICLE_CACHE_DIR", &cache)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(entries(&cache), 0);
}

#[test]
fn a_repeated_question_is_answered_without_loading_the_facts() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let many: String = (0..5)
        .map(|i| format!("[[event]]\nid = \"m{i}\"\ntitle = \"M{i}\"\ndate = \"2022\"\nactors = [{{ id = \"a\" }}]\n"))
        .collect();
    std::fs::write(dir.path().join("f.toml"), format!("{FACTS}{many}")).unwrap();
    let args = ["neighbors", "-f", "f.toml", "Alpha", "--limit", "3"];
    let first = run(dir.path(), &cache, &args).status(0);
    let warning = "warning: stopped at 3 entities, the start included (--limit)";
    let first = first.stderr_has(warning);
    let (out, err) = (first.stdout(), first.stderr());
    // With the stored facts gone, only a kept answer can reply without
    // loading (and so storing) them again.
    for entry in stored(&cache, "facts") {
        std::fs::remove_file(entry).unwrap();
    }
    let again = run(dir.path(), &cache, &args).status(0);
    assert_eq!((again.stdout(), again.stderr()), (out.clone(), err.clone()));
    assert_eq!(entries(&cache), 0, "answered from the kept answer");
    // Another question loads the facts.
    let json = run(
        dir.path(),
        &cache,
        &["neighbors", "-f", "f.toml", "Alpha", "--json"],
    );
    json.status(0).stderr_is("");
    assert_eq!(entries(&cache), 1);
}

/// An answer too long to hold in memory while it is written (past 4 MiB)
/// is kept all the same, copied from its temporary file, and given back
/// whole.
#[test]
fn a_long_answer_is_kept_and_given_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let summary = "a summary long enough to make the answer long ".repeat(4);
    let lines: String = (0..12_000)
        .map(|i| {
            format!(
                "{{\"type\":\"event\",\"id\":\"e{i}\",\"title\":\"Event {i}\",\"date\":\"2020-01-01\",\"summary\":\"{summary}\"}}\n"
            )
        })
        .collect();
    std::fs::write(dir.path().join("f.jsonl"), lines).unwrap();
    let args = ["timeline", "--json", "-f", "f.jsonl"];
    let first = run(dir.path(), &cache, &args).status(0);
    let out = first.stdout();
    assert!(out.len() > 4 << 20, "{} bytes", out.len());
    for entry in stored(&cache, "facts") {
        std::fs::remove_file(entry).unwrap();
    }
    let again = run(dir.path(), &cache, &args).status(0);
    assert!(again.stdout() == out, "the kept answer is the answer");
    assert_eq!(entries(&cache), 0, "answered from the kept answer");
}

/// Each command is its own question, even where two are asked with the
/// same arguments: every answer from a shared cache is the one the command
/// gives with the cache off.
#[test]
fn commands_asked_alike_keep_answers_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    std::fs::write(dir.path().join("f.toml"), FACTS).unwrap();
    let questions: [&[&str]; 6] = [
        &["stats"],
        &["timeline"],
        &["stats", "--json"],
        &["timeline", "--json"],
        &["show", "a"],
        &["neighbors", "a"],
    ];
    for round in ["new", "repeated"] {
        for question in questions {
            let args = [question, &["-f", "f.toml"]].concat();
            let cached = run(dir.path(), &cache, &args).status(0);
            let alone = crate::harness::run_in(dir.path(), &args, None).status(0);
            assert_eq!(cached.stdout(), alone.stdout(), "{round}: {args:?}");
        }
    }
}

#[test]
fn an_answer_is_never_given_for_edited_files() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    std::fs::write(dir.path().join("f.toml"), FACTS).unwrap();
    let args = ["path", "-f", "f.toml", "e1", "e2"];
    let before = run(dir.path(), &cache, &args).status(0).stdout();
    assert!(before.contains("First meeting"), "{before}");
    let edited = FACTS.replace("First meeting", "Frist meeting");
    std::fs::write(dir.path().join("f.toml"), edited).unwrap();
    let after = run(dir.path(), &cache, &args).status(0).stdout();
    assert!(after.contains("Frist meeting"), "{after}");
    assert_eq!(
        stored(&cache, "answers")
            .iter()
            .map(|d| std::fs::read_dir(d).unwrap().count())
            .sum::<usize>(),
        1,
        "the answers about the old contents were forgotten"
    );
}

/// `build`, an unfiltered `export` and `fmt` read stored facts' text whole:
/// each writes the same bytes from the cache, first stored and then read
/// back, as with the cache off.
#[test]
fn whole_text_commands_write_the_same_from_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let facts = concat!(env!("CARGO_MANIFEST_DIR"), "/facts");
    let outputs = |cached: bool| -> Vec<Vec<u8>> {
        let commands: [&[&str]; 3] = [
            &["build", "-o", "out"],
            &["export", "timelinejs"],
            &["fmt", "--to", "jsonl"],
        ];
        let mut got = Vec::new();
        for args in commands {
            let mut cmd = Command::cargo_bin("chronicle").unwrap();
            cmd.current_dir(dir.path()).args(args).args(["-f", facts]);
            cmd.env("NO_COLOR", "1").env("CHRONICLE_CACHE_DIR", &cache);
            match cached {
                true => cmd.env_remove("CHRONICLE_CACHE"),
                false => cmd.env("CHRONICLE_CACHE", "off"),
            };
            got.push(
                Run {
                    out: cmd.output().unwrap(),
                }
                .status(0)
                .out
                .stdout,
            );
        }
        for file in crate::build::OUTPUTS {
            got.push(std::fs::read(dir.path().join("out").join(file)).unwrap());
        }
        got
    };
    let off = outputs(false);
    assert_eq!(entries(&cache), 0);
    let stored = outputs(true);
    assert_eq!(entries(&cache), 1, "the first run stored the facts");
    let cached = outputs(true);
    assert!(stored == off, "stored, then written");
    assert!(cached == off, "read back whole from the cache");
}
