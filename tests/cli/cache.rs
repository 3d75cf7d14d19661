//! The fact cache seen from outside: a repeated query answers the same, an
//! edited fact file is seen at once, and a deleted or disabled cache changes
//! nothing.

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

fn entries(cache: &Path) -> usize {
    std::fs::read_dir(cache).map_or(0, |d| d.count())
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
