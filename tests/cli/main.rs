//! Integration tests: the real `chronicle` binary, one module a subcommand.

mod harness;

mod bad_inputs;
mod build;
mod cache;
mod check;
mod completions;
mod export;
mod fmt;
mod kill;
mod large;
mod neighbors;
mod path;
mod schema;
mod show;
mod sources;
mod stats;
mod terminal;
mod timeline;
