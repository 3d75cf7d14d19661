//! Which fact files a run reads, and the table of their names.
//!
//! Inputs are files, folders (read recursively, in sorted path order, keeping
//! only `.toml`, `.json` and `.jsonl` files; a link named as one that leads
//! nowhere is an error, not a file skipped) or `-` for JSON Lines on
//! standard input. Each file read gets a [`FileId`]; diagnostics carry the id and look
//! the name up here. This module finds files; it does not read them.

use std::path::{Path, PathBuf};

/// A handle on one file of the run.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct FileId(pub u32);

/// The encoding of a fact file, chosen by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Format {
    Toml,
    Json,
    JsonLines,
}

impl Format {
    /// The format a file's extension names, in any case (`.JSONL` too).
    pub fn of(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "toml" => Some(Format::Toml),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }
}

/// One input as given on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Stdin,
    Path(PathBuf),
}

impl Input {
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct FileEntry {
    /// None for standard input.
    pub path: Option<PathBuf>,
    pub name: String,
    pub format: Format,
    /// Where standard input was kept as it was read, to read it again for
    /// diagnostics ([`super::spool`]); never stored.
    #[serde(skip)]
    pub kept: Option<PathBuf>,
}

/// The files of a run, indexed by [`FileId`].
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Files {
    entries: Vec<FileEntry>,
}

impl Files {
    pub fn add(&mut self, path: Option<PathBuf>, format: Format) -> FileId {
        let name = match &path {
            Some(p) => p.display().to_string(),
            None => "<stdin>".to_string(),
        };
        let id = FileId(u32::try_from(self.entries.len()).unwrap_or(u32::MAX));
        self.entries.push(FileEntry {
            path,
            name,
            format,
            kept: None,
        });
        id
    }

    /// Notes where the text of `id` (standard input) was kept.
    pub fn keep(&mut self, id: FileId, kept: PathBuf) {
        if let Some(entry) = self.entries.get_mut(id.0 as usize) {
            entry.kept = Some(kept);
        }
    }

    pub fn get(&self, id: FileId) -> Option<&FileEntry> {
        self.entries.get(id.0 as usize)
    }

    pub fn name(&self, id: FileId) -> &str {
        self.get(id).map_or("<unknown>", |e| e.name.as_str())
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &FileEntry> {
        self.entries.iter()
    }
}

/// A problem with the inputs themselves: a usage or I/O error, not a fact error.
#[derive(Debug)]
pub enum InputError {
    NotFound(PathBuf),
    UnknownExtension(PathBuf),
    /// A folder with no fact file in it (nor in its folders).
    NoFacts(PathBuf),
    /// A link named as a fact file, in a folder read, to nothing: its facts
    /// would be missing without a word.
    BrokenLink(PathBuf, PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::NotFound(p) => write!(f, "`{}` does not exist", p.display()),
            InputError::UnknownExtension(p) => write!(
                f,
                "`{}` is not a fact file: expected the extension .toml, .json or .jsonl",
                p.display()
            ),
            InputError::NoFacts(p) => write!(
                f,
                "`{}` holds no fact files (.toml, .json or .jsonl)",
                p.display()
            ),
            InputError::BrokenLink(p, to) => write!(
                f,
                "`{}` is a link to `{}`, which does not exist: mend or remove the link",
                p.display(),
                to.display()
            ),
            InputError::Io(p, e) => write!(f, "cannot read `{}`: {e}", p.display()),
        }
    }
}

impl std::error::Error for InputError {}

/// Expands the inputs into the list of files to read, in reading order. A
/// file reached twice (`check facts facts/case.toml`) is read once, where it
/// was first reached: read twice, its every record would clash with itself.
pub fn expand(inputs: &[Input]) -> Result<Vec<(Option<PathBuf>, Format)>, InputError> {
    let mut out = Vec::new();
    for input in inputs {
        match input {
            Input::Stdin => out.push((None, Format::JsonLines)),
            Input::Path(p) => expand_path(p, &mut out)?,
        }
    }
    // A file reached twice is read once, and so is standard input.
    let mut seen = std::collections::HashSet::new();
    out.retain(|(path, _)| {
        seen.insert(
            path.as_ref()
                .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())),
        )
    });
    Ok(out)
}

fn expand_path(path: &Path, out: &mut Vec<(Option<PathBuf>, Format)>) -> Result<(), InputError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => InputError::NotFound(path.to_path_buf()),
        _ => InputError::Io(path.to_path_buf(), e),
    })?;
    if meta.is_dir() {
        let mut found = Vec::new();
        walk(path, &mut found)?;
        found.sort();
        let before = out.len();
        out.extend(
            found
                .into_iter()
                .filter_map(|p| Format::of(&p).map(|f| (Some(p), f))),
        );
        if out.len() == before {
            return Err(InputError::NoFacts(path.to_path_buf()));
        }
        return Ok(());
    }
    match Format::of(path) {
        Some(format) => out.push((Some(path.to_path_buf()), format)),
        None => return Err(InputError::UnknownExtension(path.to_path_buf())),
    }
    Ok(())
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), InputError> {
    let io = |e| InputError::Io(dir.to_path_buf(), e);
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let path = entry.path();
        let kind = entry.file_type().map_err(io)?;
        if kind.is_dir() {
            walk(&path, out)?;
        } else if kind.is_file() || kind.is_symlink() && path.is_file() {
            out.push(path);
        } else if kind.is_symlink() && !path.exists() && Format::of(&path).is_some() {
            let to = std::fs::read_link(&path).unwrap_or_default();
            return Err(InputError::BrokenLink(path, to));
        }
    }
    Ok(())
}
