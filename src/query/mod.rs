//! Query: questions asked of the graph, answered as plain data.
//!
//! The shared [`filter`] decides which events and entities a command keeps;
//! [`reach`] walks neighbourhoods. Each module returns data for `cmd` to print
//! or `export` to write; none prints or formats.

pub mod data;
pub mod filter;
pub mod neighbors;
pub mod path;
pub mod reach;
pub mod show;
pub mod sources;
pub mod stats;
#[cfg(test)]
pub(crate) mod testing;
