//! The bad-input suite: every file in `tests/bad/` is invalid, and
//! `chronicle check` must report exactly the diagnostics recorded in its
//! `.expected` file (message, file:line:column, caret, help) and exit 1.
//! `BLESS=1` rewrites the `.expected` files.

use crate::harness::{bundled, golden, root};

#[test]
fn each_bad_file_gives_its_exact_diagnostics() {
    let dir = root().join("tests/bad");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".expected"))
        .collect();
    names.sort();
    assert!(names.len() >= 50, "the suite holds {} files", names.len());
    for name in names {
        let path = format!("tests/bad/{name}");
        let run = bundled(&["check", &path]);
        assert_eq!(run.code(), 1, "{path} should be invalid:\n{}", run.stderr());
        assert!(
            run.stderr().starts_with("error["),
            "{path}: {}",
            run.stderr()
        );
        assert!(
            !run.stderr().contains("panicked"),
            "{path}: {}",
            run.stderr()
        );
        golden(
            &dir.join(format!("{name}.expected")),
            run.stderr().as_bytes(),
        );
    }
}
