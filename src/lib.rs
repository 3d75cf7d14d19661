//! chronicle: event-timeline knowledge graphs from fact files.
//!
//! The modules follow the pipeline: [`load`] reads files into raw records
//! with positions, [`validate`] turns them into the [`model`] (valid by
//! construction) with every diagnostic, [`graph`] builds the petgraph graph
//! and its indexes, [`query`] and [`export`] answer questions and write
//! formats, and [`cmd`] holds the thin subcommands. [`diag`] renders
//! diagnostics; [`edtf`] parses dates; [`write`](mod@write) writes facts back out as
//! TOML, JSON or JSON Lines.

pub mod cache;
pub mod cmd;
pub mod diag;
pub mod edtf;
pub mod export;
pub mod graph;
pub mod load;
pub mod model;
pub mod output;
pub mod par;
pub mod progress;
pub mod query;
pub mod suggest;
pub mod swar;
pub mod validate;
pub mod write;
