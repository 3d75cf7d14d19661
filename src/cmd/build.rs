//! `chronicle build`: the main job — validate the facts and write every export.
//!
//! Refuses to write anything when the facts have errors. Writes
//! `graph.dot`, `timeline.json`, `timeline.timelinejs.json` and
//! `timeline.vis.json` into the output folder, each atomically, then says
//! what it wrote.

use std::path::{Path, PathBuf};

use super::Error;
use super::answer::Loaded;
use super::args::FactsArgs;
use super::export::{Asked, Format, reader_warning, write};
use crate::export::View;
use crate::export::dot::Layout;
use crate::export::pace::Pace;
use crate::output::{self, Staged};
use crate::progress::{self, Counted, Written};
use crate::query::filter::Filter;

/// Validate the facts and write every export.
///
/// Writes graph.dot (Graphviz), timeline.json (chronicle's own timeline),
/// timeline.timelinejs.json (TimelineJS3) and timeline.vis.json
/// (vis-timeline) into the output folder. Nothing is written when the facts
/// have errors.
///
/// Examples:
///   chronicle build                      # facts/ into exports/
///   chronicle build -f case/ -o out/ --title "Case 42"
///   dot -Tsvg exports/graph.dot > graph.svg
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[command(flatten)]
    pub facts: FactsArgs,
    /// Folder to write into (created if missing).
    #[arg(
        short = 'o',
        long = "out",
        value_name = "DIR",
        default_value = "exports"
    )]
    pub out: PathBuf,
    /// Title of the diagram and timelines (default: the source's title when
    /// there is one source, else "Timeline").
    #[arg(long)]
    pub title: Option<String>,
}

/// The files `build` writes, in order.
pub const OUTPUTS: [(&str, Format); 4] = [
    ("graph.dot", Format::Dot),
    ("timeline.json", Format::Timeline),
    ("timeline.timelinejs.json", Format::Timelinejs),
    ("timeline.vis.json", Format::Vis),
];

pub fn run(args: Args) -> Result<(), Error> {
    // No export needs the graph built: the DOT file reads its edges from
    // the facts.
    let mut facts = super::load_valid(&args.facts)?;
    // Every export reads every string: stored facts' text is read whole.
    super::read_whole(&mut facts)?;
    let loaded = Loaded::new(facts);
    let facts = &loaded.facts;
    let sel = Filter::default().select(facts, || loaded.graph());
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| crate::export::default_title(facts));
    prepare(&args.out)?;
    let view = View {
        facts,
        sel: &sel,
        title: &title,
        pace: None,
    };
    // Said before the writing, which takes seconds on such a set.
    for (_, format) in OUTPUTS {
        if let Some(warning) = reader_warning(&view, format, Asked::Build) {
            output::eprint(&format!("{warning}\n"));
        }
    }
    let mut report = String::new();
    let results = progress::writing("the exports", true, |written| {
        write_all(&view, &args.out, written)
    });
    // The four replace the old ones together, or (one having failed, the
    // others' files dropped) none does.
    let mut staged = Vec::new();
    for (path, written) in results {
        let (file, bytes) =
            written.map_err(|e| Error::Io(format!("cannot write `{}`: {e}", path.display())))?;
        let size = super::counted(bytes, "byte", "bytes");
        report.push_str(&format!("wrote {} ({size})\n", path.display()));
        staged.push((path, file));
    }
    for (path, file) in staged {
        file.commit()
            .map_err(|e| Error::Io(format!("cannot write `{}`: {e}", path.display())))?;
    }
    let counts = [
        super::counted(facts.events.len(), "event", "events"),
        super::counted(facts.actors.len(), "actor", "actors"),
        super::counted(facts.places.len(), "place", "places"),
        super::counted(facts.relations.len(), "relation", "relations"),
    ];
    report.push_str(&counts.join(", "));
    report.push('\n');
    output::print(report.as_bytes())?;
    super::leave(loaded);
    Ok(())
}

/// How many events the three JSON exports may walk ahead of the slowest of
/// them (module [`crate::export::pace`]). At 1M events `build` took a median
/// of 7.04 s and 6.83 s against 7.20 s and 7.11 s with no pace (two sets of
/// five interleaved runs: 2.2% and 3.9% less), and the same at 100k (0.61 s
/// against 0.62 s, nine runs). The other windows and the other ways of
/// pacing measured are in BENCHMARKS.md.
const PACE_WINDOW: usize = 2_048;

/// Writes every export beside its place in `dir`, each on a thread of its
/// own; gives each path with its staged file and size, or its error, in the
/// order of [`OUTPUTS`]. What an export costs depends on the facts, so the system,
/// sharing the cores among all four, balances them better than a fixed
/// split of the exports between the cores. The JSON exports walk the events
/// at one pace, so that the records and strings one of them brings into the
/// shared cache are still there when the others read them.
/// What they write is counted into `written`.
fn write_all(
    view: &View<'_>,
    dir: &Path,
    written: &Written,
) -> Vec<(PathBuf, std::io::Result<(Staged, u64)>)> {
    let walking = OUTPUTS.iter().filter(|&&(_, f)| paced(f)).count();
    let pace = Pace::new(walking, PACE_WINDOW);
    let mut walkers = pace.walkers().into_iter();
    std::thread::scope(|scope| {
        let workers: Vec<_> = OUTPUTS
            .iter()
            .map(|&(name, format)| {
                let path = dir.join(name);
                let walker = paced(format).then(|| walkers.next()).flatten();
                scope.spawn(move || {
                    let view = View {
                        pace: walker.as_ref(),
                        ..*view
                    };
                    let result = write_one(&view, &path, format, written);
                    (path, result)
                })
            })
            .collect();
        workers
            .into_iter()
            .zip(OUTPUTS)
            .map(|(worker, (name, _))| {
                worker.join().unwrap_or_else(|_| {
                    let stopped = std::io::Error::other("the export stopped before its end");
                    (dir.join(name), Err(stopped))
                })
            })
            .collect()
    })
}

/// Whether an export walks at the shared pace: the JSON exports do; the
/// DOT export, whose walk is the slowest, would hold them back.
fn paced(format: Format) -> bool {
    format != Format::Dot
}

/// Writes one export beside `path`, counting its bytes into `written`;
/// gives it, staged, with its size.
fn write_one(
    view: &View<'_>,
    path: &Path,
    format: Format,
    written: &Written,
) -> std::io::Result<(Staged, u64)> {
    let mut fill = |w: &mut dyn std::io::Write| {
        let mut counted = Counted { inner: w, written };
        write(view, format, Layout::Graph, &mut counted)
    };
    let staged = output::stage_export(path, &mut fill)?;
    let len = staged.bytes()?;
    Ok((staged, len))
}

/// Creates the output folder, refusing a path that is a file.
fn prepare(dir: &Path) -> Result<(), Error> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Io(format!("`{}` is not a folder", dir.display())));
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::Io(format!("cannot create `{}`: {e}", dir.display())))
}
