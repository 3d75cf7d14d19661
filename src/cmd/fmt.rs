//! `chronicle fmt` (also `convert`): the facts written again in one
//! encoding, in canonical order, to standard output or a file.
//!
//! Loads and validates first, like `build`: invalid facts are refused with
//! their diagnostics. The encoding is `--to`, or else the extension of
//! `-o`; a file whose extension names another encoding is refused, since it
//! could not be read back. A file that the same inputs would read back
//! beside other fact files (`-o facts/all.toml` from `facts/`) is refused:
//! every record would then be there twice. The writing itself is
//! `crate::write`.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::Error;
use super::args::FactsArgs;
use crate::load::Format;
use crate::load::files::{Input, expand};
use crate::output;

/// The encodings `fmt` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum To {
    /// TOML: `[[event]]` tables, for hand curation.
    Toml,
    /// JSON: one object of record lists.
    Json,
    /// JSON Lines: one tagged record a line.
    Jsonl,
}

impl To {
    fn format(self) -> Format {
        match self {
            To::Toml => Format::Toml,
            To::Json => Format::Json,
            To::Jsonl => Format::JsonLines,
        }
    }
}

/// Write the facts again in one encoding, in canonical order.
///
/// Sources, actors, places, events and relations, each in reading order;
/// fields in the order of the format's table; dates as canonical EDTF. The
/// output loads back into the same facts. Comments and layout of the input
/// are not kept. Nothing is written when the facts have errors.
///
/// Examples:
///   chronicle fmt --to toml                          # facts/ as one TOML file, to stdout
///   chronicle fmt -f extracted.jsonl -o case.toml    # JSON Lines into TOML
///   chronicle convert -f case.toml --to jsonl -o case.jsonl
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment, visible_alias = "convert")]
pub struct Args {
    #[command(flatten)]
    pub facts: FactsArgs,
    /// The encoding to write (default: the extension of -o).
    #[arg(long, value_enum)]
    pub to: Option<To>,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<(), Error> {
    let format = format(args.to, args.out.as_deref())?;
    if let Some(out) = &args.out {
        refuse_reading_back(out, &args.facts.inputs())?;
    }
    let mut facts = super::load_valid(&args.facts)?;
    // Every string is written: stored facts' text is read whole.
    super::read_whole(&mut facts)?;
    // Written as it is made, never held whole: a million events are some
    // 400 MB of text. A file is written through a buffer of its own
    // (`output`); standard output, which writes each line, through one here.
    let mut write = |w: &mut dyn Write| crate::write::write_to(&facts, format, w);
    match &args.out {
        Some(path) => output::write_atomic_with(path, &mut write)
            .map_err(|e| Error::Io(format!("cannot write `{}`: {e}", path.display())))?,
        None => output::print_with(&mut |w| {
            let mut w = BufWriter::with_capacity(1 << 16, w);
            write(&mut w)?;
            w.flush()
        })?,
    }
    Ok(())
}

/// The encoding asked for, checked against the output file's extension.
fn format(to: Option<To>, out: Option<&Path>) -> Result<Format, Error> {
    let by_extension = out.and_then(Format::of);
    match (to.map(To::format), by_extension) {
        (Some(asked), Some(ext)) if asked != ext => Err(Error::Usage(format!(
            "`{}` has the extension of {}, but --to asks for {}; it could not be read back",
            out.map(Path::display)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            name(ext),
            name(asked)
        ))),
        (Some(asked), _) => Ok(asked),
        (None, Some(ext)) => Ok(ext),
        (None, None) => Err(Error::Usage(
            "say which encoding to write: --to toml, --to json or --to jsonl".to_string(),
        )),
    }
}

/// Refuses an output file that the same inputs would read again beside
/// other fact files: with them it would hold each of their records a second
/// time, and facts that were valid would no longer be. Rewriting the one
/// file read (`-f case.toml -o case.toml`) is fine.
fn refuse_reading_back(out: &Path, inputs: &[Input]) -> Result<(), Error> {
    // A folder reads fact extensions only; a missing folder is the loader's
    // to report.
    let (Some(_), Some(entry)) = (Format::of(out), resolved(out)) else {
        return Ok(());
    };
    // The file itself, where `out` is a link to it.
    let target = std::fs::canonicalize(out).unwrap_or_else(|_| entry.clone());
    let Some(folder) = inputs.iter().find_map(|input| match input {
        Input::Path(p) => std::fs::canonicalize(p)
            .ok()
            .filter(|p| entry.starts_with(p) || target.starts_with(p))
            .map(|_| p),
        Input::Stdin => None,
    }) else {
        return Ok(());
    };
    let Ok(files) = expand(inputs) else {
        return Ok(());
    };
    let others = files
        .iter()
        .filter(|(p, _)| {
            p.as_deref()
                .and_then(|p| std::fs::canonicalize(p).ok())
                .as_ref()
                != Some(&target)
        })
        .count();
    if others == 0 {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "`{}` would be read again from `{}` with the {others} other fact file(s) it is written \
         from, and would hold each of their records a second time; write it elsewhere",
        out.display(),
        folder.display()
    )))
}

/// The absolute path of the folder entry `out` names, which may not exist
/// yet (a link is not followed: a folder is read through it).
fn resolved(out: &Path) -> Option<PathBuf> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty());
    let parent = std::fs::canonicalize(parent.unwrap_or(Path::new("."))).ok()?;
    Some(parent.join(out.file_name()?))
}

fn name(format: Format) -> &'static str {
    match format {
        Format::Toml => "TOML",
        Format::Json => "JSON",
        Format::JsonLines => "JSON Lines",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_encoding_comes_from_to_or_the_extension() {
        let out = Some(Path::new("a.jsonl"));
        assert_eq!(format(None, out).ok(), Some(Format::JsonLines));
        assert_eq!(format(Some(To::Jsonl), out).ok(), Some(Format::JsonLines));
        assert_eq!(
            format(Some(To::Toml), Some(Path::new("a.txt"))).ok(),
            Some(Format::Toml)
        );
        assert_eq!(format(Some(To::Json), None).ok(), Some(Format::Json));
        assert!(matches!(format(None, None), Err(Error::Usage(_))));
        assert!(matches!(
            format(None, Some(Path::new("a.txt"))),
            Err(Error::Usage(_))
        ));
        let Err(Error::Usage(msg)) = format(Some(To::Json), Some(Path::new("a.toml"))) else {
            panic!("a mismatch is refused");
        };
        assert!(msg.contains("extension of TOML"), "{msg}");
    }
}
