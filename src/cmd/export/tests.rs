//! `export` of cached facts whose cache entry is cut short while the export
//! reads its text: the command fails, and a file named with `-o` keeps what
//! it held.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap::Parser;

use super::*;
use crate::cache::load_in;
use crate::cmd::{Cli, Command};
use crate::load::Input;

const FACTS: &str = "[[actor]]\nid = \"a\"\nname = \"Alpha\"\n\
    [[event]]\nid = \"e1\"\ntitle = \"First\"\ndate = \"2024-03-22\"\nactors = [\"a\"]\n";

fn args(out: &Path) -> Args {
    let line = ["chronicle", "export", "timeline", "--since", "2024", "-o"];
    let mut words: Vec<OsString> = line.iter().map(OsString::from).collect();
    words.push(out.into());
    match Cli::try_parse_from(words).map(|c| c.command) {
        Ok(Command::Export(args)) => args,
        other => panic!("not an export: {other:?}"),
    }
}

/// The facts of `dir/a.toml`, stored in `dir/cache` and read back from it.
fn cached(dir: &Path) -> Loaded {
    let inputs = [Input::Path(dir.join("a.toml"))];
    let cache = Some(dir.join("cache"));
    let stored = load_in(cache.clone(), &inputs, crate::cmd::load).unwrap();
    assert!(!stored.hit);
    let hit = load_in(cache, &inputs, crate::cmd::load).unwrap();
    assert!(hit.hit);
    Loaded::new(hit.facts)
}

/// Cuts every file of the cache short, as something other than chronicle
/// (which never changes an entry in place) could.
fn cut_short(cache: &Path) {
    for entry in std::fs::read_dir(cache).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let file = std::fs::File::options().write(true).open(&path).unwrap();
            file.set_len(0).unwrap();
        }
    }
}

fn names(dir: &Path) -> Vec<PathBuf> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| PathBuf::from(e.unwrap().file_name()))
        .collect();
    names.sort();
    names
}

#[test]
fn a_filtered_export_of_cached_facts_writes_their_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), FACTS).unwrap();
    let out = dir.path().join("out.json");
    export(&args(&out), &cached(dir.path())).unwrap();
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("\"First\""), "{written}");
}

#[test]
fn a_filtered_export_of_an_entry_cut_short_fails_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), FACTS).unwrap();
    let out = dir.path().join("out.json");
    std::fs::write(&out, "old").unwrap();
    let loaded = cached(dir.path());
    cut_short(&dir.path().join("cache"));
    let failed = export(&args(&out), &loaded).unwrap_err();
    assert_eq!(format!("{failed:?}"), format!("{:?}", crate::cmd::lost()));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
    let want: Vec<PathBuf> = ["a.toml", "cache", "out.json"].map(PathBuf::from).into();
    assert_eq!(names(dir.path()), want, "no temporary file is left");
}
