//! `chronicle fmt` (alias `convert`): the facts written again in each
//! encoding load back as the same facts, deterministically.

use crate::harness::{Scratch, bundled, root};

const ENCODINGS: [(&str, &str); 3] = [("toml", "toml"), ("json", "json"), ("jsonl", "jsonl")];

/// What the facts at `path` (relative to `dir`) give: the timeline export,
/// the DOT export and the check summary (without its file count).
fn model_of(s: &Scratch, path: &str) -> (String, String, serde_json::Value) {
    let timeline = s
        .run(&["export", "timeline", "-f", path, "--title", "T"])
        .status(0)
        .stdout();
    let dot = s
        .run(&["export", "dot", "-f", path, "--title", "T"])
        .status(0)
        .stdout();
    let mut summary = s.run(&["check", "--json", path]).status(0).json()["summary"].clone();
    summary["files"] = serde_json::Value::Null;
    (timeline, dot, summary)
}

#[test]
fn the_bundled_facts_in_each_encoding_load_back_the_same() {
    let s = Scratch::new();
    let facts = root().join("facts");
    let original = model_of(&s, facts.to_str().unwrap());
    for (to, ext) in ENCODINGS {
        let run = bundled(&["fmt", "--to", to]).status(0).stderr_is("");
        let name = format!("bundled.{ext}");
        std::fs::write(s.path().join(&name), &run.out.stdout).unwrap();
        assert_eq!(model_of(&s, &name), original, "{to}");
        let again = s.run(&["fmt", "-f", &name, "--to", to]).status(0);
        assert_eq!(
            again.out.stdout, run.out.stdout,
            "{to}: a second pass changes nothing"
        );
        assert_eq!(
            bundled(&["fmt", "--to", to]).out.stdout,
            run.out.stdout,
            "{to}: deterministic"
        );
    }
}

#[test]
fn convert_writes_atomically_to_a_file_in_the_encoding_of_its_extension() {
    let s = Scratch::new();
    let out = s.path().join("case.toml");
    bundled(&["convert", "-o", out.to_str().unwrap()])
        .status(0)
        .stdout_is("")
        .stderr_is("");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.starts_with("[[source]]\nid = \"conservative-institute-2024-04-02\"\n"),
        "{text}"
    );
    assert_eq!(
        std::fs::read_dir(s.path()).unwrap().count(),
        1,
        "no temporary file is left"
    );
    let jsonl = s.path().join("case.jsonl");
    s.run(&[
        "fmt",
        "-f",
        "case.toml",
        "-o",
        "case.jsonl",
        "--to",
        "jsonl",
    ])
    .status(0);
    let first = std::fs::read_to_string(jsonl).unwrap();
    assert!(
        first.starts_with("{\"type\":\"source\",\"id\":\"conservative-institute-2024-04-02\""),
        "{first}"
    );
}

#[test]
fn a_file_holds_the_bytes_standard_output_gets() {
    let s = Scratch::new();
    for (to, name) in [("toml", "a.toml"), ("json", "a.json"), ("jsonl", "a.jsonl")] {
        let printed = bundled(&["fmt", "--to", to]).status(0).out.stdout;
        let out = s.path().join(name);
        bundled(&["fmt", "-o", out.to_str().unwrap()]).status(0);
        assert_eq!(std::fs::read(&out).unwrap(), printed, "{to}");
    }
}

#[test]
fn standard_input_converts_too() {
    let line = "{\"type\": \"actor\", \"id\": \"a\", \"name\": \"Say \\\"hi\\\"\\n\"}\n";
    Scratch::new()
        .run_stdin(&["fmt", "-f", "-", "--to", "toml"], line)
        .status(0)
        .stdout_is("[[actor]]\nid = \"a\"\nname = \"Say \\\"hi\\\"\\n\"\n");
}

#[test]
fn invalid_facts_are_refused_with_their_diagnostics() {
    let s = Scratch::new().file("facts/a.toml", "[[actor]]\nid = \"a\"\n");
    s.run(&["fmt", "--to", "json", "-o", "out.json"])
        .status(1)
        .stdout_is("")
        .stderr_has("error[missing-field]")
        .stderr_has("nothing done");
    assert!(!s.path().join("out.json").exists());
}

#[test]
fn the_encoding_must_be_known_and_match_the_output_file() {
    let s = Scratch::new().file("facts/a.toml", "[[actor]]\nid = \"a\"\nname = \"A\"\n");
    s.run(&["fmt"])
        .status(2)
        .stderr_is("error: say which encoding to write: --to toml, --to json or --to jsonl\n");
    s.run(&["fmt", "--to", "json", "-o", "a.toml"])
        .status(2)
        .stderr_is("error: `a.toml` has the extension of TOML, but --to asks for JSON; it could not be read back\n");
    s.run(&["fmt", "--to", "yaml"])
        .status(2)
        .stderr_has("invalid value 'yaml'");
}

#[test]
fn a_folder_or_an_unwritable_path_is_refused() {
    let s = Scratch::new()
        .file("facts/a.toml", "[[actor]]\nid = \"a\"\nname = \"A\"\n")
        .file("plain", "a file, not a folder");
    std::fs::create_dir(s.path().join("dir.toml")).unwrap();
    s.run(&["fmt", "-o", "dir.toml"])
        .status(2)
        .stderr_is("error: cannot write `dir.toml`: `dir.toml` is a directory\n");
    s.run(&["fmt", "--to", "toml", "-o", "plain/x.toml"])
        .status(2)
        .stderr_has("error: cannot write `plain/x.toml`: Not a directory");
    s.run(&["fmt", "--to", "toml", "-o", "missing/x.toml"])
        .status(2)
        .stderr_has("error: cannot write `missing/x.toml`: No such file or directory");
    assert_eq!(
        std::fs::read_to_string(s.path().join("plain")).unwrap(),
        "a file, not a folder"
    );
}

#[test]
fn a_file_the_same_inputs_would_read_again_beside_others_is_refused() {
    let s = Scratch::new()
        .file("facts/a.toml", "[[actor]]\nid = \"a\"\nname = \"A\"\n")
        .file(
            "facts/b.jsonl",
            "{\"type\": \"actor\", \"id\": \"b\", \"name\": \"B\"}\n",
        );
    for out in ["facts/all.toml", "facts/a.toml"] {
        s.run(&["fmt", "-o", out]).status(2).stderr_has(&format!(
            "error: `{out}` would be read again from `facts` with the "
        ));
    }
    assert!(!s.path().join("facts/all.toml").exists());
    s.run(&["check"]).status(0);
    // The one file read may be rewritten in place, and the set written elsewhere.
    s.run(&["fmt", "-f", "facts/a.toml", "-o", "facts/a.toml"])
        .status(0);
    s.run(&["fmt", "-o", "all.toml"]).status(0);
    s.run(&["check", "all.toml"]).status(0);
}

#[cfg(unix)]
#[test]
fn a_link_in_the_folder_read_is_refused_wherever_it_points() {
    let s = Scratch::new()
        .file("facts/a.toml", "[[actor]]\nid = \"a\"\nname = \"A\"\n")
        .file("elsewhere.toml", "");
    std::os::unix::fs::symlink("../elsewhere.toml", s.path().join("facts/out.toml")).unwrap();
    s.run(&["fmt", "-o", "facts/out.toml"])
        .status(2)
        .stderr_has("error: `facts/out.toml` would be read again from `facts` with the ");
    assert_eq!(
        std::fs::read_to_string(s.path().join("elsewhere.toml")).unwrap(),
        ""
    );
}
