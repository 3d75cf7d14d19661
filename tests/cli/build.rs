//! `chronicle build`: the main job, its outputs and its refusals.

use crate::harness::{Scratch, bundled, golden, many_events, root};

pub const OUTPUTS: [&str; 4] = [
    "graph.dot",
    "timeline.json",
    "timeline.timelinejs.json",
    "timeline.vis.json",
];

#[test]
fn the_committed_exports_match_the_bundled_facts() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    bundled(&["build", "-o", dir]).status(0).stderr_is("");
    for name in OUTPUTS {
        let written = std::fs::read(out.path().join(name)).unwrap();
        golden(&root().join("exports").join(name), &written);
    }
}

#[test]
fn build_says_what_it_wrote_and_is_deterministic() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let run = bundled(&["build", "-o", a.path().to_str().unwrap()]).status(0);
    for name in OUTPUTS {
        assert!(
            run.stdout()
                .contains(&format!("wrote {}", a.path().join(name).display())),
            "{}",
            run.stdout()
        );
    }
    assert!(
        run.stdout()
            .ends_with("11 events, 15 actors, 7 places, 19 relations\n")
    );
    bundled(&["build", "-o", b.path().to_str().unwrap()]).status(0);
    for name in OUTPUTS {
        assert_eq!(
            std::fs::read(a.path().join(name)).unwrap(),
            std::fs::read(b.path().join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn one_record_of_a_type_is_counted_in_the_singular() {
    let s = Scratch::new().file(
        "facts/a.toml",
        "[[actor]]\nid = \"a\"\nname = \"A\"\n[[place]]\nid = \"p\"\nname = \"P\"\n\
         [[event]]\nid = \"e\"\ntitle = \"E\"\ndate = \"2024\"\nplace = \"p\"\nactors = [\"a\"]\n\
         [[relation]]\nkind = \"k\"\nfrom = \"a\"\nto = \"p\"\n",
    );
    let run = s.run(&["build", "-o", "out"]).status(0);
    assert!(
        run.stdout()
            .ends_with("\n1 event, 1 actor, 1 place, 1 relation\n"),
        "{}",
        run.stdout()
    );
}

#[test]
fn invalid_facts_write_nothing() {
    let s = Scratch::new().file("facts/a.toml", "[[actor]]\nid = \"a\"\n");
    s.run(&["build", "-o", "out"])
        .status(1)
        .stderr_has("error[missing-field]")
        .stderr_has("nothing done");
    assert!(!s.path().join("out").exists());
}

/// The four exports replace the old ones together or not at all: one that
/// cannot be written leaves every old file as it was, and no temporary.
#[test]
fn an_export_that_cannot_be_written_leaves_every_old_one() {
    let s = Scratch::new().file("facts/a.toml", "[[actor]]\nid = \"a\"\nname = \"A\"\n");
    s.run(&["build", "-o", "out"]).status(0);
    let out = s.path().join("out");
    let before: Vec<Vec<u8>> = OUTPUTS
        .iter()
        .map(|name| std::fs::read(out.join(name)).unwrap_or_default())
        .collect();
    std::fs::remove_file(out.join("timeline.vis.json")).unwrap();
    std::fs::create_dir(out.join("timeline.vis.json")).unwrap();
    std::fs::write(
        s.path().join("facts/a.toml"),
        "[[actor]]\nid = \"b\"\nname = \"B\"\n",
    )
    .unwrap();
    s.run(&["build", "-o", "out"])
        .status(2)
        .stdout_is("")
        .stderr_has(
            "error: cannot write `out/timeline.vis.json`: `out/timeline.vis.json` is a directory\n",
        );
    for (name, old) in OUTPUTS.iter().zip(before) {
        if *name != "timeline.vis.json" {
            assert_eq!(std::fs::read(out.join(name)).unwrap(), old, "{name}");
        }
    }
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), OUTPUTS.len());
}

#[test]
fn an_output_path_that_is_a_file_is_refused() {
    let s = Scratch::new()
        .file("facts/a.toml", "[[actor]]\nid = \"a\"\nname = \"A\"\n")
        .file("out", "not a folder");
    s.run(&["build", "-o", "out"])
        .status(2)
        .stderr_is("error: `out` is not a folder\n");
}

#[test]
fn the_title_defaults_to_the_single_source_and_can_be_set() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    bundled(&["build", "-o", dir, "--title", "Case <42>"]).status(0);
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("timeline.json")).unwrap()).unwrap();
    assert_eq!(doc["title"], "Case <42>");
    let committed: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join("exports/timeline.json")).unwrap())
            .unwrap();
    assert_eq!(
        committed["title"],
        "ISIS-K group that targeted Russia now looking toward US"
    );
}

#[test]
fn build_warns_of_each_export_too_large_for_its_reader() {
    let s = Scratch::new().file("facts/long.jsonl", &many_events(5_001));
    let run = s.run(&["build"]).status(0);
    let warnings: Vec<&str> = run
        .out
        .stderr
        .split(|&b| b == b'\n')
        .filter_map(|l| std::str::from_utf8(l).ok())
        .filter(|l| l.starts_with("warning:") || l.starts_with("  "))
        .collect();
    let filters = "--since/--until, --kind, --actor, --place or --around ENTITY --depth N";
    assert_eq!(
        warnings,
        [
            "warning: the graph has 5001 nodes; Graphviz will not lay out more than about 5000 in reasonable time.".to_string(),
            format!("  the DOT file is valid; to draw it, write a narrower one with `chronicle export dot` and {filters}"),
            "warning: the timeline has 5001 events; TimelineJS gets slow above about 500.".to_string(),
            format!("  the file is valid; to show it, write a narrower one with `chronicle export timelinejs` and {filters}"),
            "warning: the timeline has 5001 events; vis-timeline gets slow above about 5000.".to_string(),
            format!("  the file is valid; to show it, write a narrower one with `chronicle export vis` and {filters}"),
        ]
    );
    for file in OUTPUTS {
        assert!(s.path().join("exports").join(file).is_file(), "{file}");
    }
}
