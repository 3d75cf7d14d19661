//! Load: files in, raw records with positions out.
//!
//! This stage finds the fact files (a file, a folder read recursively in
//! sorted path order, or `-` for JSON Lines on standard input), reads each as
//! UTF-8, and parses it by extension into span trees, one per record, handed
//! to a sink as they come; JSON Lines are cut into blocks of lines so that a
//! file of any size streams and blocks can be decoded in parallel; a JSON
//! document of the plain shape is cut into batches of whole records as it
//! is read, and any other is read whole for where its records stand, so
//! that its records can be decoded in parallel too; a large TOML document
//! whose record types' sections come together is cut into batches of whole
//! sections as it is read. It reports encoding and syntax errors and
//! places diagnostics in their text; it must not judge what a record means
//! (that is `validate`).

pub mod document;
pub mod escaped;
pub mod files;
pub mod json;
pub mod lines;
pub mod read;
pub mod relocate;
pub mod shape;
pub mod source;
pub mod split;
pub mod spool;
pub mod toml;
pub mod tree;
pub mod window;

pub use files::{FileId, Files, Format, Input};
pub use read::RawRecord;
pub use shape::RecordShape;
pub use tree::{Entry, Node, Span, Value};
