//! `chronicle check`: validate fact files and report every problem.
//!
//! Exit 0 when the facts are valid (warnings allowed unless
//! `--deny-warnings`), 1 when they are not, 2 for a usage or I/O error. On
//! success a one-line summary: counts of each record type, files read, the
//! range of event dates; the counts of problems close it, by code when
//! there are several.

use serde_json::json;

use super::args::{FactsArgs, JsonArg};
use super::{Error, load, print_diagnostics};
use crate::diag::Severity;
use crate::diag::render::{tally, tally_json, to_json};
use crate::edtf::Span;
use crate::load::Input;
use crate::model::{Event, Facts};
use crate::output;

/// Validate fact files and report every problem with its place.
///
/// Examples:
///   chronicle check                      # the facts/ folder
///   chronicle check facts/case.toml more/ --deny-warnings
///   extractor | chronicle check -        # JSON Lines on standard input
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Files or folders to check (as with -f; default `facts/`).
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    #[command(flatten)]
    pub facts: FactsArgs,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    #[command(flatten)]
    pub json: JsonArg,
}

pub fn run(args: Args) -> Result<(), Error> {
    let mut inputs: Vec<Input> = args.paths.iter().map(|p| Input::parse(p)).collect();
    if !args.facts.facts.is_empty() || inputs.is_empty() {
        inputs.extend(args.facts.inputs());
    }
    let (facts, mut diags) = load(&inputs)?;
    super::locate(&facts, &mut diags);
    if args.deny_warnings {
        diags.deny_warnings();
    }
    let ok = !diags.has_errors();
    if args.json.json {
        let list: Vec<_> = diags
            .list
            .iter()
            .map(|d| to_json(d, &facts.files))
            .collect();
        let doc = json!({
            "ok": ok,
            "errors": diags.errors(),
            "warnings": diags.warnings(),
            "counts": tally_json(&diags),
            "summary": summary_json(&facts),
            "diagnostics": list,
        });
        let mut text = serde_json::to_string_pretty(&doc).map_err(|e| Error::Io(e.to_string()))?;
        text.push('\n');
        // A closed pipe (`| head`) ends the printing, not the verdict.
        match output::print(text.as_bytes()) {
            Err(e) if ok || e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
            _ => {}
        }
    } else {
        print_diagnostics(&facts, &diags, Severity::Warning);
        let line = if ok {
            let warnings = match diags.warnings() {
                0 => String::new(),
                1 => " (1 warning)".to_string(),
                n => format!(" ({n} warnings: {})", tally(&diags).unwrap_or_default()),
            };
            format!("ok: {}{warnings}\n", summary(&facts))
        } else {
            let (errors, warnings) = (diags.errors(), diags.warnings());
            let kinds = tally(&diags).map_or_else(String::new, |k| format!(": {k}"));
            format!("error: {errors} error(s), {warnings} warning(s){kinds}\n")
        };
        if ok {
            output::print(line.as_bytes())?;
        } else {
            output::eprint(&line);
        }
    }
    super::leave(facts);
    if ok { Ok(()) } else { Err(Error::Invalid) }
}

fn plural(n: usize, word: &str) -> String {
    super::counted(n, word, &format!("{word}s"))
}

/// The earliest and latest known day of any event, as ISO dates, `None` on
/// a side no event is bounded on (a half of the events read on each of two
/// threads); `None` when no event has a known day.
fn range(facts: &Facts) -> Option<(Option<String>, Option<String>)> {
    let dates = |events: &[Event]| Span::of(events.iter().map(|e| &e.date));
    let (first, second) = crate::par::halves(&facts.events, |events, _| dates(events));
    let span = first.and(second);
    let side = |day: Option<crate::edtf::Day>| day.map(|d| d.iso());
    match (side(span.start), side(span.end)) {
        (None, None) => None,
        both => Some(both),
    }
}

fn summary(facts: &Facts) -> String {
    let counts = [
        plural(facts.sources.len(), "source"),
        plural(facts.actors.len(), "actor"),
        plural(facts.places.len(), "place"),
        plural(facts.events.len(), "event"),
        plural(facts.relations.len(), "relation"),
    ]
    .join(", ");
    let dates = match range(facts) {
        Some((Some(a), Some(b))) => format!("; events from {a} to {b}"),
        Some((Some(a), None)) => format!("; events from {a} (no known end)"),
        Some((None, Some(b))) => format!("; events until {b} (no known start)"),
        _ => String::new(),
    };
    format!("{counts} in {}{dates}", plural(facts.files.len(), "file"))
}

fn summary_json(facts: &Facts) -> serde_json::Value {
    let range = range(facts).map(|(start, end)| json!({"start": start, "end": end}));
    json!({
        "files": facts.files.len(),
        "sources": facts.sources.len(),
        "actors": facts.actors.len(),
        "places": facts.places.len(),
        "events": facts.events.len(),
        "relations": facts.relations.len(),
        "range": range,
    })
}
