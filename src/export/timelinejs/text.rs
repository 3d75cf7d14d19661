//! The words of TimelineJS slides: an event's HTML body and the title slide's
//! one-line description.
//!
//! The body is a few paragraphs: summary, actors with roles, place, counts,
//! then the sources with their quotes. Every piece of text from the facts is
//! escaped; a source URL becomes a link only when it is `http` or `https`
//! (anything else is shown as text). Nothing here decides dates or ids.

use std::fmt::Write;

use super::super::html::{Html, actors_line, place_line, push};
use crate::edtf::Span;
use crate::model::{Cite, Count, Event, Facts};

/// "9 events from 2016 to 2024", "1 event in 2024", "No events".
pub fn summary_line(count: usize, span: Option<Span>) -> String {
    let mut line = match count {
        0 => return "No events".to_owned(),
        1 => "1 event".to_owned(),
        n => format!("{n} events"),
    };
    let year = |d: crate::edtf::Day| year_text(d.ymd().0);
    match span.map(|s| (s.start.map(year), s.end.map(year))) {
        Some((Some(a), Some(b))) if a == b => {
            let _ = write!(line, " in {a}");
        }
        Some((Some(a), Some(b))) => {
            let _ = write!(line, " from {a} to {b}");
        }
        Some((Some(a), None)) => {
            let _ = write!(line, " from {a}");
        }
        Some((None, Some(b))) => {
            let _ = write!(line, " until {b}");
        }
        _ => {}
    }
    line
}

/// "2024", "44 BC" (astronomical -43), "1 BC" (0).
fn year_text(year: i64) -> String {
    if year >= 1 {
        year.to_string()
    } else {
        format!("{} BC", 1i128 - i128::from(year))
    }
}

/// Writes the slide's HTML text into `out`.
pub fn body(out: &mut String, facts: &Facts, event: &Event) {
    if let Some(summary) = event.summary {
        out.push_str("<p>");
        push(out, facts.str(summary));
        out.push_str("</p>");
    }
    if let Some(actors) = actors_line(facts, event) {
        let _ = write!(out, "<p><b>Actors:</b> {actors}</p>");
    }
    if let Some(place) = place_line(facts, event) {
        let _ = write!(out, "<p><b>Place:</b> {place}</p>");
    }
    counts(out, event.killed, event.injured);
    sources(out, facts, &event.sources);
}

/// "Killed: at least 140 · Injured: about 20".
fn counts(out: &mut String, killed: Option<Count>, injured: Option<Count>) {
    let parts = [("Killed", killed), ("Injured", injured)]
        .into_iter()
        .filter_map(|(label, count)| Some((label, count?)));
    let mut any = false;
    for (label, count) in parts {
        out.push_str(if any { " · " } else { "<p>" });
        let _ = write!(out, "<b>{label}:</b> {}", count.readable());
        any = true;
    }
    if any {
        out.push_str("</p>");
    }
}

/// A list item a cited source: “quote” — title (linked), publisher.
fn sources(out: &mut String, facts: &Facts, cites: &[Cite]) {
    if cites.is_empty() {
        return;
    }
    out.push_str("<p><b>Sources:</b></p><ul>");
    for cite in cites {
        let Some(source) = facts.source(cite.source) else {
            continue;
        };
        out.push_str("<li>");
        if let Some(quote) = cite.quote {
            out.push('“');
            push(out, facts.str(quote));
            out.push_str("” — ");
        }
        let title = facts.str(source.title);
        match facts.opt_str(source.url).filter(|u| is_web(u)) {
            Some(url) => {
                let _ = write!(out, "<a href=\"{}\">", Html(url));
                push(out, title);
                out.push_str("</a>");
            }
            None => push(out, title),
        }
        if let Some(publisher) = source.publisher {
            out.push_str(", ");
            push(out, facts.str(publisher));
        }
        if let Some(url) = facts.opt_str(source.url).filter(|u| !is_web(u)) {
            out.push_str(" (");
            push(out, url);
            out.push(')');
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

/// Whether a URL is safe to link: `http:` or `https:`, any case.
fn is_web(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}
