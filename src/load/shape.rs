//! The shape of a fact document: its record types, and its records found
//! in its parsed tree.
//!
//! A document is a table of record lists keyed by type (`{"event": [...]}`,
//! TOML's `[[event]]`), or a list of records tagged with their `type`. This
//! module names the types, walks a whole tree ([`for_each_record`]; a JSON
//! document streamed by its parser is walked in [`super::document`]) and
//! words what is reported about a document's shape, for both walks. It
//! reads no file and judges no record's fields.

use super::read::{RawRecord, SourceText};
use super::tree::{Node, Span, Value};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::suggest::did_you_mean;

/// The five record types of the format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordShape {
    Source,
    Actor,
    Place,
    Event,
    Relation,
}

const SHAPE_NAMES: [&str; 5] = ["source", "actor", "place", "event", "relation"];

impl RecordShape {
    /// Every record type, in the order the format lists them.
    pub const ALL: [RecordShape; 5] = [
        RecordShape::Source,
        RecordShape::Actor,
        RecordShape::Place,
        RecordShape::Event,
        RecordShape::Relation,
    ];

    /// The type a document's list is keyed by: its name, or its plural.
    pub fn from_name(name: &str) -> Option<RecordShape> {
        RecordShape::from_tag(name.strip_suffix('s').unwrap_or(name))
    }

    /// The type a record's own `type` names: its name exactly.
    pub fn from_tag(tag: &str) -> Option<RecordShape> {
        match tag {
            "source" => Some(RecordShape::Source),
            "actor" => Some(RecordShape::Actor),
            "place" => Some(RecordShape::Place),
            "event" => Some(RecordShape::Event),
            "relation" => Some(RecordShape::Relation),
            _ => None,
        }
    }

    /// "a source", "an actor", … for messages.
    pub fn with_article(self) -> &'static str {
        match self {
            RecordShape::Source => "a source",
            RecordShape::Actor => "an actor",
            RecordShape::Place => "a place",
            RecordShape::Event => "an event",
            RecordShape::Relation => "a relation",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            RecordShape::Source => "source",
            RecordShape::Actor => "actor",
            RecordShape::Place => "place",
            RecordShape::Event => "event",
            RecordShape::Relation => "relation",
        }
    }
}

/// Walks a document's records: `{"event": [...]}` tables of arrays, or a
/// top-level array of tagged records.
pub fn for_each_record<'a>(
    doc: &Node<'a>,
    src: &SourceText<'a>,
    diags: &mut Diagnostics,
    sink: &mut dyn FnMut(RawRecord<'_, 'a>, &mut Diagnostics),
) {
    match &doc.value {
        Value::Array(items) => items.iter().for_each(|item| tagged(item, src, diags, sink)),
        Value::Table(entries) => {
            for entry in entries {
                let Some(shape) = RecordShape::from_name(&entry.key) else {
                    diags.push(unknown_list(&entry.key, entry.key_span, src));
                    continue;
                };
                match &entry.value.value {
                    Value::Array(items) => items.iter().for_each(|node| {
                        sink(
                            RawRecord {
                                shape,
                                node,
                                tagged: false,
                                src,
                            },
                            diags,
                        );
                    }),
                    _ => diags.push(not_a_list(&entry.key, shape, &entry.value, src)),
                }
            }
        }
        _ => diags.push(not_a_table(doc, src)),
    }
}

/// How many items a document's lists of records hold: those of the
/// top-level list, or of the lists under keys that name a record type.
pub fn listed(doc: &Node<'_>) -> usize {
    let len = |node: &Node<'_>| match &node.value {
        Value::Array(items) => items.len(),
        _ => 0,
    };
    match &doc.value {
        Value::Array(items) => items.len(),
        Value::Table(entries) => entries
            .iter()
            .filter(|e| RecordShape::from_name(&e.key).is_some())
            .map(|e| len(&e.value))
            .sum(),
        _ => 0,
    }
}

/// A key of a document that names no record type.
pub fn unknown_list(key: &str, key_span: Span, src: &SourceText<'_>) -> Diagnostic {
    let msg = format!("unknown record type `{key}`");
    let help = did_you_mean(key, SHAPE_NAMES.iter().copied())
        .unwrap_or_else(|| "record types are source, actor, place, event and relation".to_string());
    Diagnostic::error(Code::UnknownRecordType, msg)
        .at(src.loc(key_span))
        .help(help)
}

/// The value under a record type's key, when it is not a list.
pub fn not_a_list(
    key: &str,
    shape: RecordShape,
    value: &Node<'_>,
    src: &SourceText<'_>,
) -> Diagnostic {
    let msg = format!(
        "`{key}` must be a list of records, found {}",
        value.value.type_name()
    );
    let help = format!("in TOML write each record under `[[{}]]`", shape.name());
    Diagnostic::error(Code::WrongType, msg)
        .at(src.loc(value.span))
        .help(help)
}

/// A document that is neither a table nor a list.
pub fn not_a_table(doc: &Node<'_>, src: &SourceText<'_>) -> Diagnostic {
    let msg = format!(
        "a fact document must be a table of record lists, found {}",
        doc.value.type_name()
    );
    Diagnostic::error(Code::WrongType, msg)
        .at(src.loc(Span::new(doc.span.start, doc.span.start + 1)))
}

/// The problem with an object that has no `type`: a record that lacks it,
/// or a whole document (lists of records under `source`, `event`, …) on
/// one line, where one record was expected.
fn untyped(node: &Node<'_>) -> Diagnostic {
    let help = "add \"type\": one of \"source\", \"actor\", \"place\", \"event\", \"relation\"";
    let Value::Table(entries) = &node.value else {
        return Diagnostic::error(Code::MissingField, "record has no `type` field").help(help);
    };
    let section = entries.iter().find(|e| {
        RecordShape::from_tag(&e.key).is_some() && matches!(e.value.value, Value::Array(_))
    });
    match section {
        Some(e) => {
            let msg = format!(
                "record has no `type` field: this is a document (a list of records under `{}`), not one record",
                e.key
            );
            Diagnostic::error(Code::MissingField, msg).help(
                "in JSON Lines each line is one record with its \"type\"; \
                 a JSON document is read from a file whose name ends in `.json`",
            )
        }
        None => Diagnostic::error(Code::MissingField, "record has no `type` field").help(help),
    }
}

/// Hands on one record whose type is in its own `type` field.
pub fn tagged<'a>(
    node: &Node<'a>,
    src: &SourceText<'a>,
    diags: &mut Diagnostics,
    sink: &mut dyn FnMut(RawRecord<'_, 'a>, &mut Diagnostics),
) {
    let start = Span::new(node.span.start, node.span.start + 1);
    let Value::Table(_) = &node.value else {
        let msg = format!(
            "a record must be a JSON object, found {}",
            node.value.type_name()
        );
        diags.push(Diagnostic::error(Code::WrongType, msg).at(src.loc(start)));
        return;
    };
    let Some(entry) = node.get("type") else {
        diags.push(untyped(node).at(src.loc(start)));
        return;
    };
    let shape = match &entry.value.value {
        Value::Str(s) => RecordShape::from_tag(s),
        _ => None,
    };
    match shape {
        Some(shape) => sink(
            RawRecord {
                shape,
                node,
                tagged: true,
                src,
            },
            diags,
        ),
        None => {
            let msg = match &entry.value.value {
                Value::Str(s) => format!("unknown record type `{s}`"),
                other => format!("`type` must be a string, found {}", other.type_name()),
            };
            let help = match &entry.value.value {
                Value::Str(s) => did_you_mean(s, SHAPE_NAMES.iter().copied()),
                _ => None,
            };
            let help = help.unwrap_or_else(|| {
                "record types are source, actor, place, event and relation".to_string()
            });
            diags.push(
                Diagnostic::error(Code::UnknownRecordType, msg)
                    .at(src.loc(entry.value.span))
                    .help(help),
            );
        }
    }
}
