//! Tests of the cache: a cached fact set is the fact set; any change to a
//! fact file, a damaged entry or a disabled cache means loading afresh.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::*;
use crate::load::Format;

const FACTS: &str = r#"
[[source]]
id = "paper"
title = "Paper"
[[actor]]
id = "a"
name = "Alpha"
aliases = ["Al"]
[[place]]
id = "city"
name = "City"
lat = 55.75
lon = 37.62
[[event]]
id = "e1"
title = "First"
date = "2024-03-22"
place = "city"
killed = "~100"
actors = [{ id = "a", role = "perpetrator" }]
sources = [{ id = "paper", quote = "it happened" }]
[[event]]
id = "e2"
title = "Second"
date = "2016?"
actors = [{ id = "a" }]
[[relation]]
kind = "knows"
from = "a"
to = "city"
date = "2020/.."
"#;

type Result = std::result::Result<(Facts, Diagnostics), crate::load::files::InputError>;

fn fresh(inputs: &[Input]) -> Result {
    let mut diags = Diagnostics::default();
    let facts = crate::validate::load(inputs, &mut diags)?;
    Ok((facts, diags))
}

fn load(cache: &Path, inputs: &[Input]) -> Loaded {
    load_in(Some(cache.to_path_buf()), inputs, fresh).unwrap()
}

/// A fact folder holding `text` as one TOML file, and an empty cache folder.
fn setup(text: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let facts = dir.path().join("facts");
    std::fs::create_dir(&facts).unwrap();
    std::fs::write(facts.join("a.toml"), text).unwrap();
    let cache = dir.path().join("cache");
    (dir, facts, cache)
}

fn entries(cache: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(cache)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn assert_same(a: &Facts, b: &Facts) {
    for format in [Format::Json, Format::Toml, Format::JsonLines] {
        assert_eq!(
            crate::write::write(a, format),
            crate::write::write(b, format)
        );
    }
    assert_eq!(a.events, b.events);
    assert_eq!(a.actors, b.actors);
    assert_eq!(a.places, b.places);
    assert_eq!(a.relations, b.relations);
    assert_eq!(a.sources, b.sources);
    assert_eq!(a.ids, b.ids);
    let names = |f: &Facts| f.files.iter().map(|e| e.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(a), names(b));
    assert_eq!(a.strings.len(), b.strings.len());
    assert!(!b.ids.is_empty());
    for (sym, ent) in a.ids.ents() {
        assert_eq!(b.lookup(a.str(sym)), Some(ent));
    }
    for (sym, ix) in a.ids.sources() {
        assert_eq!(b.lookup_source(a.str(sym)), Some(ix));
    }
}

#[test]
fn a_cached_fact_set_is_the_fact_set() {
    let (_dir, facts, cache) = setup(FACTS);
    let inputs = [Input::Path(facts)];
    let first = load(&cache, &inputs);
    assert!(!first.hit);
    assert_eq!(first.warnings, first.diags.warnings());
    assert_eq!(entries(&cache).len(), 1);
    let second = load(&cache, &inputs);
    assert!(second.hit);
    assert_eq!(second.warnings, first.warnings);
    assert_same(&first.facts, &second.facts);
    assert_eq!(
        second.facts.strings.get("First"),
        None,
        "pushed text stays pushed"
    );
    assert!(second.facts.strings.get("Alpha").is_some());
}

#[test]
fn the_bundled_facts_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let facts = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("facts");
    let inputs = [Input::Path(facts)];
    let first = load(dir.path(), &inputs);
    let second = load(dir.path(), &inputs);
    assert!(!first.hit && second.hit);
    assert_same(&first.facts, &second.facts);
}

#[test]
fn a_changed_file_of_the_same_length_and_time_is_seen() {
    let (_dir, facts, cache) = setup(FACTS);
    let file = facts.join("a.toml");
    let inputs = [Input::Path(facts)];
    load(&cache, &inputs);
    let mtime = std::fs::metadata(&file).unwrap().modified().unwrap();
    let edited = FACTS.replace("\"First\"", "\"Fyrst\"");
    assert_eq!(edited.len(), FACTS.len());
    std::fs::write(&file, &edited).unwrap();
    let f = std::fs::File::options().write(true).open(&file).unwrap();
    f.set_modified(mtime).unwrap();
    let after = load(&cache, &inputs);
    assert!(!after.hit);
    let e1 = after.facts.lookup("e1").unwrap();
    assert_eq!(after.facts.label_of(e1), "Fyrst");
    let again = load(&cache, &inputs);
    assert!(again.hit);
    assert_eq!(again.facts.label_of(e1), "Fyrst");
}

#[test]
fn an_added_file_in_a_folder_is_seen() {
    let (_dir, facts, cache) = setup(FACTS);
    let inputs = [Input::Path(facts.clone())];
    load(&cache, &inputs);
    let more = "[[actor]]\nid = \"b\"\nname = \"Beta\"\n";
    std::fs::write(facts.join("b.toml"), more).unwrap();
    let after = load(&cache, &inputs);
    assert!(!after.hit);
    assert!(after.facts.lookup("b").is_some());
    assert_eq!(entries(&cache).len(), 1, "one entry per set of inputs");
}

#[test]
fn a_damaged_entry_is_a_miss_and_is_rewritten() {
    let (_dir, facts, cache) = setup(FACTS);
    let inputs = [Input::Path(facts)];
    let first = load(&cache, &inputs);
    let entry = entries(&cache).pop().unwrap();
    let good = std::fs::read(&entry).unwrap();
    let mut flipped = good.clone();
    *flipped.last_mut().unwrap() ^= 1;
    let mut wrong_magic = good.clone();
    wrong_magic[0] = b'X';
    let damaged: Vec<Vec<u8>> = vec![
        good[..good.len() / 2].to_vec(),
        good[..10].to_vec(),
        vec![],
        flipped,
        wrong_magic,
        b"not a cache file at all, just some text".to_vec(),
    ];
    for bytes in damaged {
        std::fs::write(&entry, &bytes).unwrap();
        let loaded = load(&cache, &inputs);
        assert!(!loaded.hit);
        assert_same(&first.facts, &loaded.facts);
        assert_eq!(std::fs::read(&entry).unwrap(), good, "rewritten whole");
    }
}

#[test]
fn facts_with_errors_are_not_stored() {
    let (_dir, facts, cache) = setup("[[event]]\nid = \"e\"\ntitle = \"E\"\ndate = \"soon\"\n");
    let loaded = load(&cache, &[Input::Path(facts)]);
    assert!(loaded.diags.has_errors());
    assert!(entries(&cache).is_empty());
}

#[test]
fn standard_input_and_no_folder_bypass_the_cache() {
    let (_dir, facts, cache) = setup(FACTS);
    let loaded = load_in(None, &[Input::Path(facts)], fresh).unwrap();
    assert!(!loaded.hit);
    let stdin = load_in(Some(cache.clone()), &[Input::Stdin], |_| {
        Ok::<_, ()>((Facts::default(), Diagnostics::default()))
    });
    assert!(!stdin.unwrap().hit);
    assert!(entries(&cache).is_empty());
}

#[test]
fn an_unwritable_folder_is_ignored() {
    let (dir, facts, _) = setup(FACTS);
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "x").unwrap();
    let cache = blocker.join("cache");
    let inputs = [Input::Path(facts)];
    assert!(!load(&cache, &inputs).hit);
    assert!(!load(&cache, &inputs).hit);
}

#[test]
fn missing_inputs_are_reported_by_the_load() {
    let dir = tempfile::tempdir().unwrap();
    let missing = [Input::Path(dir.path().join("nothing.toml"))];
    assert!(load_in(Some(dir.path().to_path_buf()), &missing, fresh).is_err());
}

#[test]
fn the_environment_picks_the_folder() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        }
    };
    let home = &[("HOME", "/home/u")];
    assert_eq!(
        dir_from(env(home)),
        Some(PathBuf::from("/home/u/.cache/chronicle"))
    );
    let xdg = &[("HOME", "/home/u"), ("XDG_CACHE_HOME", "/xdg")];
    assert_eq!(dir_from(env(xdg)), Some(PathBuf::from("/xdg/chronicle")));
    let own = &[("XDG_CACHE_HOME", "/xdg"), ("CHRONICLE_CACHE_DIR", "/c")];
    assert_eq!(dir_from(env(own)), Some(PathBuf::from("/c")));
    let off = &[("CHRONICLE_CACHE_DIR", "/c"), ("CHRONICLE_CACHE", "off")];
    assert_eq!(dir_from(env(off)), None);
    assert_eq!(dir_from(env(&[])), None);
}

#[test]
fn garbage_under_a_good_checksum_is_a_miss_or_facts_that_work() {
    let (_dir, facts, cache) = setup(FACTS);
    let inputs = [Input::Path(facts)];
    load(&cache, &inputs);
    let entry = entries(&cache).into_iter().find(|p| p.is_file()).unwrap();
    let key = Key::of(&inputs).unwrap();
    let good = std::fs::read(&entry).unwrap();
    let body = super::header::LEN;
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let (mut misses, mut hits) = (0, 0);
    for round in 0..400 {
        let mut bytes = good.clone();
        for _ in 0..1 + round % 4 {
            let at = body + (next() as usize) % (bytes.len() - body);
            bytes[at] = next() as u8;
        }
        // The checksum is made to match, so the damage reaches the decoder.
        let sum = xxhash_rust::xxh3::xxh3_64(&bytes[body..]);
        bytes[body - 8..body].copy_from_slice(&sum.to_le_bytes());
        std::fs::write(&entry, &bytes).unwrap();
        match super::store::read(&entry, &key) {
            None => misses += 1,
            Some((facts, _)) => {
                hits += 1;
                let _ = facts.strings.iter().count();
                let _ = facts.by_time().len();
                let graph = crate::graph::Graph::build(&facts);
                let _ = graph.g.edge_count();
                let _ = crate::write::write(&facts, Format::Json);
            }
        }
    }
    assert!(misses > 0 && hits > 0, "{misses} misses, {hits} hits");
}

/// A file that changes while it is loaded (after its key was taken) is not
/// stored under the key of what it held before: once it holds that again,
/// the facts it held in between are not given for it, nor any answer made
/// of them.
#[test]
fn facts_that_changed_while_loading_are_not_kept_under_the_old_key() {
    let (_dir, facts, cache) = setup(FACTS);
    let file = facts.join("a.toml");
    let inputs = [Input::Path(facts)];
    let edited = FACTS.replace("\"First\"", "\"Fyrst\"");
    let entry = Entry::open_in(Some(cache.clone()), &inputs).unwrap();
    let during = entry
        .load(|inputs| {
            std::fs::write(&file, &edited).unwrap();
            fresh(inputs)
        })
        .unwrap();
    let e1 = during.facts.lookup("e1").unwrap();
    assert_eq!(during.facts.label_of(e1), "Fyrst");
    entry.keep_answer(b"q", &|w| w.write_all(b"made of Fyrst"));
    std::fs::write(&file, FACTS).unwrap();
    let after = load(&cache, &inputs);
    assert_eq!(after.facts.label_of(e1), "First");
    let reopened = Entry::open_in(Some(cache), &inputs).unwrap();
    assert_eq!(reopened.answer(b"q"), None);
}

/// An entry cut short while its facts are in use (by something other than
/// chronicle, which never changes one in place) leaves strings that read as
/// empty: the facts say so, so that no answer is made of them.
#[test]
fn an_entry_cut_short_while_in_use_is_known_to_have_lost_text() {
    let (_dir, facts, cache) = setup(FACTS);
    let inputs = [Input::Path(facts)];
    load(&cache, &inputs);
    let hit = load(&cache, &inputs);
    assert!(hit.hit && !hit.facts.strings.text_lost());
    let entry = entries(&cache).into_iter().find(|p| p.is_file()).unwrap();
    let file = std::fs::File::options().write(true).open(&entry).unwrap();
    file.set_len(super::header::LEN as u64).unwrap();
    let e1 = hit.facts.lookup("e1");
    assert_eq!(e1, None, "the id reads as empty and is not found");
    assert!(hit.facts.strings.text_lost());
    let mut whole = load(&cache, &inputs).facts;
    assert!(!whole.strings.text_lost(), "a fresh load lost nothing");
    let entry = std::fs::File::options().write(true).open(&entry).unwrap();
    entry.set_len(super::header::LEN as u64).unwrap();
    whole.strings.read_whole();
    assert!(whole.strings.text_lost(), "read whole, as `build` does");
}
