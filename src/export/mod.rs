//! Export: the graph and its timeline written in the formats other tools read.
//!
//! One module a format, each a pure function from a [`View`] (the facts, the
//! graph and what the filters kept) to bytes. No module here opens a file or
//! prints: `cmd` decides where the bytes go. Same facts, same bytes.

mod ahead;
pub mod dot;
#[cfg(test)]
pub(crate) mod fixture;
pub mod html;
mod js;
pub mod pace;
mod pretty;
#[cfg(test)]
mod props;
mod shown;
pub mod timeline;
pub mod timelinejs;
pub mod vis;

use crate::model::{EventIx, Facts};
use crate::query::filter::Selection;

/// What an export shows: the facts and the part kept.
#[derive(Clone, Copy)]
pub struct View<'f> {
    pub facts: &'f Facts,
    pub sel: &'f Selection,
    /// The title of the diagram or timeline.
    pub title: &'f str,
    /// The pace of the exports written together, if any (module `pace`).
    pub pace: Option<&'f pace::Walker<'f>>,
}

impl View<'_> {
    /// The kept events in time order, each batch's strings read ahead of
    /// it (module `ahead`): how every export walks them.
    pub fn events(&self) -> impl Iterator<Item = EventIx> + '_ {
        ahead::events(self.facts, &self.sel.events, self.pace)
    }
}

/// The default title: the source's title when there is exactly one source,
/// else "Timeline".
pub fn default_title(facts: &Facts) -> String {
    match facts.sources.as_slice() {
        [one] => facts.str(one.title).to_string(),
        _ => "Timeline".to_string(),
    }
}
