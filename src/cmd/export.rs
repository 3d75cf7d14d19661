//! `chronicle export FORMAT`: one export, filtered, to standard output or a file.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::ValueEnum;

use super::Error;
use super::answer::Loaded;
use super::args::FactsArgs;
use crate::export::dot::{self, Layout};
use crate::export::{View, timeline, timelinejs, vis};
use crate::output;
use crate::progress::{self, Counted};
use crate::query::filter::FilterArgs;

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Graphviz DOT.
    Dot,
    /// chronicle's own timeline JSON.
    Timeline,
    /// Knight Lab TimelineJS3 JSON.
    Timelinejs,
    /// vis-timeline items and groups JSON.
    Vis,
}

/// Write one export, filtered, to standard output or a file.
///
/// Examples:
///   chronicle export dot | dot -Tsvg > graph.svg
///   chronicle export dot --layout timeline --actor ISIS-K -o isis-k.dot
///   chronicle export timelinejs --since 2024-01 --place Russia
///   chronicle export vis --around moscow --depth 2
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The format to write.
    #[arg(value_enum)]
    pub format: Format,
    #[command(flatten)]
    pub facts: FactsArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// DOT only: `graph` (free layout) or `timeline` (events left to right in time order) [default: graph].
    #[arg(long, value_enum)]
    pub layout: Option<Layout>,
    /// Title of the diagram or timeline.
    #[arg(long)]
    pub title: Option<String>,
}

/// Writes one format to `out` as it is made.
pub fn write(
    view: &View<'_>,
    format: Format,
    layout: Layout,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Dot => dot::write(view, &dot::Options { layout }, out),
        Format::Timeline => timeline::write(view, out),
        Format::Timelinejs => timelinejs::write(view, out),
        Format::Vis => vis::write(view, out),
    }
}

/// The filters that make an export smaller.
const FILTERS: &str = "--since/--until, --kind, --actor, --place or --around ENTITY --depth N";

/// Which command warns that an export is too large to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asked {
    /// `export`, which takes the filters itself.
    Export,
    /// `build`, which writes the whole set: the filters are `export`'s.
    Build,
}

/// The warning for an export of `view` in `format` that its reader will
/// not show as it is (the file is valid and written all the same): one that
/// holds more than the reader shows in reasonable time, naming the filters
/// that make it smaller, or a TimelineJS timeline without events, which
/// TimelineJS refuses to load; `None` for any other. Graphviz lays out
/// nodes; TimelineJS and vis-timeline draw events; chronicle's own timeline
/// is read by programs.
pub fn reader_warning(view: &View<'_>, format: Format, asked: Asked) -> Option<String> {
    let events = view.sel.events.len();
    if format == Format::Timelinejs && events == 0 {
        return Some(
            "warning: the TimelineJS timeline has no events, and TimelineJS will not load \
             a timeline without any"
                .to_string(),
        );
    }
    let said = match format {
        Format::Dot => {
            let nodes = view.sel.keep.iter().filter(|k| **k).count();
            let limit = dot::LAYOUT_LIMIT;
            (nodes > limit).then(|| {
                format!(
                    "the graph has {nodes} nodes; Graphviz will not lay out more than about \
                     {limit} in reasonable time.\n  the DOT file is valid; to draw it"
                )
            })
        }
        Format::Timeline => None,
        Format::Timelinejs => slow(events, timelinejs::SHOW_LIMIT, "TimelineJS"),
        Format::Vis => slow(events, vis::SHOW_LIMIT, "vis-timeline"),
    }?;
    let narrow = match asked {
        Asked::Export => format!("narrow it first: {FILTERS}"),
        Asked::Build => {
            let name = format.to_possible_value()?;
            format!(
                "write a narrower one with `chronicle export {}` and {FILTERS}",
                name.get_name()
            )
        }
    };
    Some(format!("warning: {said}, {narrow}"))
}

/// The words, up to the advice, of a warning about a timeline of `events`
/// for a `reader` that gets slow above `limit`; `None` when it does not.
fn slow(events: usize, limit: usize, reader: &str) -> Option<String> {
    (events > limit).then(|| {
        format!(
            "the timeline has {events} events; {reader} gets slow above about {limit}.\n  \
             the file is valid; to show it"
        )
    })
}

pub fn run(args: Args) -> Result<(), Error> {
    if args.layout.is_some() && !matches!(args.format, Format::Dot) {
        return Err(Error::Usage(
            "--layout is for `export dot` only: the timelines are laid out in time by their readers".to_string(),
        ));
    }
    let mut facts = super::load_valid(&args.facts)?;
    // `--around` builds the graph beside the facts: as for a question, a
    // large fact set's text goes to a temporary file first unless the
    // cache took it.
    if args.filter.around.is_some() {
        crate::cache::spill::spill(&mut facts);
    }
    // Unfiltered, the export reads every string: stored facts' text is
    // read whole. A filtered one reads the pages it needs.
    if args.filter.is_empty() {
        super::read_whole(&mut facts)?;
    }
    let loaded = Loaded::new(facts);
    let done = export(&args, &loaded);
    super::leave(loaded);
    done
}

fn export(args: &Args, loaded: &Loaded) -> Result<(), Error> {
    let layout = args.layout.unwrap_or(Layout::Graph);
    let sel = loaded.select(&args.filter)?;
    let facts = &loaded.facts;
    if sel.truncated {
        output::eprint(&format!(
            "warning: --around stopped at {}\n",
            super::counted(crate::query::filter::AROUND_LIMIT, "entity", "entities")
        ));
    }
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| crate::export::default_title(facts));
    let view = View {
        facts,
        sel: &sel,
        title: &title,
        pace: None,
    };
    if let Some(warning) = reader_warning(&view, args.format, Asked::Export) {
        output::eprint(&format!("{warning}\n"));
    }
    // The spinner would be drawn among the export on a terminal.
    let spin = args.out.is_some() || !std::io::stdout().is_terminal();
    let done = progress::writing("the export", spin, |written| {
        let mut fill = |w: &mut dyn std::io::Write| {
            let mut counted = Counted { inner: w, written };
            write(&view, args.format, layout, &mut counted)?;
            whole(facts)
        };
        match &args.out {
            Some(path) => output::write_export_with(path, &mut fill)
                .map_err(|e| Error::Io(format!("cannot write `{}`: {e}", path.display()))),
            None => output::print_with(&mut fill).map_err(Error::from),
        }
    });
    match facts.strings.text_lost() {
        true => Err(super::lost()),
        false => done,
    }
}

/// An error when some of the facts' text could not be read back while the
/// export was made (a cache entry cut short under a filtered export, which
/// reads its strings as it needs them): the strings read as empty, so a
/// file is not moved into place, and [`export`] fails with [`super::lost`].
fn whole(facts: &crate::model::Facts) -> std::io::Result<()> {
    match facts.strings.text_lost() {
        true => Err(std::io::Error::other(
            "the cached facts could not be read back",
        )),
        false => Ok(()),
    }
}

#[cfg(test)]
mod tests;
