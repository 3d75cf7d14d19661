//! A small harness for running the real `chronicle` binary in a scratch
//! folder: write fact files, run a command, compare what it printed.
//!
//! `BLESS=1 cargo test` rewrites golden files instead of comparing them.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The repository root, for the bundled facts and golden files.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch folder holding fact files; commands run inside it.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Scratch {
        Scratch {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// Writes a file (creating folders) relative to the scratch folder.
    pub fn file(self, path: &str, text: &str) -> Scratch {
        self.bytes(path, text.as_bytes())
    }

    pub fn bytes(self, path: &str, bytes: &[u8]) -> Scratch {
        let full = self.dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, bytes).unwrap();
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `chronicle` with these arguments in the scratch folder.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.path(), args, None)
    }

    pub fn run_stdin(&self, args: &[&str], stdin: &str) -> Run {
        run_in(self.path(), args, Some(stdin))
    }
}

/// Runs `chronicle` in a folder.
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut cmd = Command::cargo_bin("chronicle").unwrap();
    cmd.current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env("CHRONICLE_CACHE", "off")
        .env_remove("CLICOLOR_FORCE");
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    Run {
        out: cmd.output().unwrap(),
    }
}

/// Runs `chronicle` in the repository root (on the bundled facts).
pub fn bundled(args: &[&str]) -> Run {
    run_in(&root(), args, None)
}

/// What a run printed and how it ended.
pub struct Run {
    pub out: Output,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }

    pub fn code(&self) -> i32 {
        self.out.status.code().unwrap_or(-1)
    }

    /// Asserts the exit code, showing the output when it differs.
    #[track_caller]
    pub fn status(self, code: i32) -> Run {
        assert_eq!(
            self.code(),
            code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }

    #[track_caller]
    pub fn stdout_is(self, expected: &str) -> Run {
        assert_eq!(
            self.stdout(),
            expected,
            "stdout differs; stderr:\n{}",
            self.stderr()
        );
        self
    }

    #[track_caller]
    pub fn stderr_is(self, expected: &str) -> Run {
        assert_eq!(
            self.stderr(),
            expected,
            "stderr differs; stdout:\n{}",
            self.stdout()
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(self, part: &str) -> Run {
        assert!(
            self.stdout().contains(part),
            "stdout lacks {part:?}:\n{}\n--- stderr\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(self, part: &str) -> Run {
        assert!(
            self.stderr().contains(part),
            "stderr lacks {part:?}:\n{}",
            self.stderr()
        );
        self
    }

    /// Standard output parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.out.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout()))
    }
}

/// True when `BLESS` asks golden files to be rewritten.
pub fn blessing() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Compares `actual` with a golden file, or rewrites it under `BLESS=1`.
#[track_caller]
pub fn golden(path: &Path, actual: &[u8]) {
    if blessing() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(path)
        .unwrap_or_else(|_| panic!("missing golden file {} (run with BLESS=1)", path.display()));
    if expected != actual {
        panic!(
            "{} is stale (run with BLESS=1 to rewrite)\n--- expected\n{}\n--- actual\n{}",
            path.display(),
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(actual)
        );
    }
}

/// `n` dated events, one a day from 1 January 2001, each citing one source.
pub fn many_events(n: usize) -> String {
    let mut lines = String::from(r#"{"type": "source", "id": "s", "title": "S"}"#);
    lines.push('\n');
    for i in 0..n {
        let (year, day) = (2001 + i / 365, i % 365);
        let date = chrono::NaiveDate::from_yo_opt(year as i32, day as u32 + 1).unwrap();
        lines.push_str(&format!(
            "{{\"type\": \"event\", \"id\": \"e{i}\", \"title\": \"E{i}\", \"date\": \"{date}\", \"sources\": [\"s\"]}}\n"
        ));
    }
    lines
}
