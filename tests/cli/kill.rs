//! Writing under failure: `build` killed part-way leaves every export whole
//! (the previous file or the new one, never a part), and outputs go only
//! where they were asked for.
//!
//! Every file is written to a hidden temporary sibling (`.NAME.PID.tmp`),
//! synced and renamed over the export. A build killed while writing may
//! leave that hidden temporary behind: it is never taken for an export nor
//! read as facts (its extension is `.tmp`), the next build is not disturbed
//! by it, and removes it once it has not been written for a minute (a
//! temporary is locked by the process writing it, so one a running build
//! holds is never removed).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::Scratch;

const OUTPUTS: [&str; 4] = [
    "graph.dot",
    "timeline.json",
    "timeline.timelinejs.json",
    "timeline.vis.json",
];
const EVENTS: usize = 20_000;

/// A large fact set: one source, 50 actors, `EVENTS` events.
fn big_facts() -> String {
    let mut out = String::from("{\"type\": \"source\", \"id\": \"s\", \"title\": \"Source\"}\n");
    for a in 0..50 {
        out.push_str(&format!(
            "{{\"type\": \"actor\", \"id\": \"a{a}\", \"name\": \"Actor {a}\"}}\n"
        ));
    }
    for i in 0..EVENTS {
        out.push_str(&format!(
            "{{\"type\": \"event\", \"id\": \"e{i}\", \"title\": \"Event {i}\", \"date\": \"2024-03-{:02}\", \
             \"actors\": [{{\"id\": \"a{}\", \"role\": \"perpetrator\"}}], \"sources\": [\"s\"]}}\n",
            i % 28 + 1,
            i % 50
        ));
    }
    out
}

/// Every file of a folder by name, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect()
}

/// A temporary file of the atomic writer: hidden, named after its export.
fn is_temporary(name: &str) -> bool {
    name.starts_with('.')
        && name.ends_with(".tmp")
        && OUTPUTS.iter().any(|o| name.starts_with(&format!(".{o}.")))
}

/// Waits until the `nth` distinct temporary file of the child shows in
/// `dir`; false if the build ended first or a minute passed.
fn wait_for_temporary(dir: &Path, nth: usize, child: &mut Child) -> bool {
    let start = Instant::now();
    let mine = format!(".{}.tmp", child.id());
    let mut seen = Vec::new();
    while start.elapsed() < Duration::from_secs(60) {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_temporary(&name) && name.ends_with(&mine) && !seen.contains(&name) {
                seen.push(name);
            }
        }
        if seen.len() >= nth {
            return true;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    false
}

#[test]
fn a_killed_build_leaves_each_export_whole_old_or_new() {
    let s = Scratch::new().file("facts/big.jsonl", &big_facts());
    let out = s.path().join("out");
    s.run(&["build", "-o", "out", "--title", "Old"]).status(0);
    let old = files(&out);
    assert_eq!(
        old.keys().collect::<Vec<_>>(),
        OUTPUTS.iter().collect::<Vec<_>>()
    );
    // Kill while one temporary is written, then while three are (the
    // exports are written side by side, each on a thread of its own).
    let mut kills = Vec::new();
    for nth in [1, 3] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_chronicle"))
            .current_dir(s.path())
            .args(["build", "-o", "out", "--title", "New"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let caught = wait_for_temporary(&out, nth, &mut child);
        child.kill().unwrap();
        child.wait().unwrap();
        kills.push((nth, caught, files(&out)));
    }
    s.run(&["build", "-o", "out", "--title", "New"]).status(0);
    let new: BTreeMap<String, Vec<u8>> = files(&out)
        .into_iter()
        .filter(|(n, _)| !is_temporary(n))
        .collect();
    assert_eq!(
        new.keys().collect::<Vec<_>>(),
        OUTPUTS.iter().collect::<Vec<_>>()
    );
    assert_ne!(
        new["timeline.json"], old["timeline.json"],
        "the new title changes the export"
    );
    for (nth, _, after) in &kills {
        for name in OUTPUTS {
            let bytes = &after[name];
            assert!(
                *bytes == old[name] || *bytes == new[name],
                "kill at export {nth}: {name} is neither the old nor the new file ({} bytes)",
                bytes.len()
            );
        }
        for name in after.keys() {
            assert!(
                OUTPUTS.contains(&name.as_str()) || is_temporary(name),
                "kill at export {nth}: stray file {name}"
            );
        }
    }
    assert!(
        kills.iter().any(|k| k.1),
        "no kill landed while an export was being written"
    );
}

#[test]
fn temporaries_left_behind_are_removed_by_the_next_build() {
    let s = Scratch::new().file("facts/big.jsonl", &big_facts());
    let out = s.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_chronicle"))
        .current_dir(s.path())
        .args(["build", "-o", "out"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let caught = wait_for_temporary(&out, 1, &mut child);
    child.kill().unwrap();
    child.wait().unwrap();
    let temporaries = || -> Vec<String> {
        let mut names: Vec<String> = files(&out)
            .into_keys()
            .filter(|n| is_temporary(n))
            .collect();
        names.sort();
        names
    };
    let killed = temporaries();
    assert!(!caught || !killed.is_empty(), "the kill left no temporary");
    // One a running build would hold, one just written, one left long ago.
    let held = std::fs::File::create(out.join(".graph.dot.1.tmp")).unwrap();
    held.try_lock().unwrap();
    std::fs::write(out.join(".timeline.json.2.tmp"), "just written").unwrap();
    std::fs::write(out.join(".timeline.vis.json.3.tmp"), "left").unwrap();
    let minutes_ago = std::time::SystemTime::now() - Duration::from_secs(120);
    for name in killed.iter().chain([
        &".graph.dot.1.tmp".to_string(),
        &".timeline.vis.json.3.tmp".to_string(),
    ]) {
        let file = std::fs::File::options()
            .write(true)
            .open(out.join(name))
            .unwrap();
        file.set_modified(minutes_ago).unwrap();
    }
    s.run(&["build", "-o", "out"]).status(0);
    assert_eq!(
        temporaries(),
        [".graph.dot.1.tmp", ".timeline.json.2.tmp"],
        "removed: {killed:?} and the one left long ago"
    );
    drop(held);
}

#[test]
fn outputs_go_only_where_asked() {
    let s = Scratch::new()
        .file("facts/a.toml", "[[actor]]\nid = \"a\"\nname = \"A\"\n")
        .file("plain", "a file");
    std::fs::create_dir(s.path().join("dir.dot")).unwrap();
    let before = files(s.path());
    s.run(&["export", "dot", "-o", "dir.dot"])
        .status(2)
        .stderr_is("error: cannot write `dir.dot`: `dir.dot` is a directory\n");
    s.run(&["export", "dot", "-o", "plain/x.dot"])
        .status(2)
        .stderr_has("error: cannot write `plain/x.dot`: Not a directory");
    s.run(&["build", "-o", "plain"])
        .status(2)
        .stderr_is("error: `plain` is not a folder\n");
    assert_eq!(
        files(s.path()),
        before,
        "a refused write leaves nothing behind"
    );
    assert_eq!(
        std::fs::read_dir(s.path().join("dir.dot")).unwrap().count(),
        0
    );
    let existing = walk(s.path());
    s.run(&["build", "-o", "nested/out"]).status(0);
    let mut written: Vec<String> = walk(s.path())
        .into_iter()
        .filter(|p| !existing.contains(p))
        .collect();
    written.sort();
    let mut want: Vec<String> = OUTPUTS.iter().map(|o| format!("nested/out/{o}")).collect();
    want.sort();
    assert_eq!(written, want);
}

/// Every file under `dir`, relative, with `/` between folders.
fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().unwrap().is_dir() {
            out.extend(
                walk(&entry.path())
                    .into_iter()
                    .map(|p| format!("{name}/{p}")),
            );
        } else {
            out.push(name);
        }
    }
    out
}
