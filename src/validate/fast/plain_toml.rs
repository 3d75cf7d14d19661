//! The fast decoder's reading of plain TOML: a batch of `[[type]]`
//! sections read straight into records, as the scanner reads JSON Lines.
//!
//! A large TOML document is cut into batches of whole sections
//! ([`crate::load::toml::cut`]), and most are plain TOML as tools write it
//! ([`crate::load::toml::plain`]). Here each section's `key = value` lines
//! are read with the plain reader's lexer, whose arrays and inline tables
//! are the plain reader's own, into the fields of one record, and the
//! record decoded as a JSON Lines one is, with no span tree built.
//! [`batch`] gives up on anything else: another header, a key outside a
//! section or that is no field's, a value of another form, a record the
//! fast decoder refuses, or a record type met again after another. The
//! caller then reads the batch through the span tree and the diagnostic
//! decoder, which reports what is wrong where. Records read here are the
//! ones the tree reading gives, in the same order: the tests of
//! `validate::sections` and the `toml_reader` fuzz target hold the two
//! readings to that.

use super::de::{CountVal, Flat, IdWith, Str};
use super::keys::{self, Key, RefFields, Values};
use crate::diag::Origin;
use crate::load::toml::plain::Cursor;
use crate::load::tree::Value;
use crate::load::{FileId, RecordShape};
use crate::model::List;
use crate::validate::Pending;

/// Every record of `text`, a batch of sections that starts at byte
/// `offset` of its file, decoded into `store`; `None` when it gives up, and
/// then nothing read is kept.
pub fn batch(text: &str, file: FileId, offset: u64, mut store: Pending) -> Option<Pending> {
    read(text, file, offset, &mut store)?;
    Some(store)
}

fn read(text: &str, file: FileId, offset: u64, store: &mut Pending) -> Option<()> {
    let mut at = Cursor::new(text);
    let mut met: Vec<RecordShape> = Vec::new();
    loop {
        at.blank_lines()?;
        if at.peek().is_none() {
            return Some(());
        }
        let (span, name, _) = at.header()?;
        let shape = RecordShape::from_name(name)?;
        // The tree reading gives each type's records together.
        if met.last() != Some(&shape) {
            (!met.contains(&shape)).then_some(())?;
            met.push(shape);
        }
        let mut flat = Flat::default();
        fields(&mut at, &mut flat)?;
        let origin = Origin {
            file,
            offset: offset + span.start as u64,
        };
        super::decode(&flat, Some(shape), origin, store).then_some(())?;
    }
}

/// The `key = value` lines of a section, up to the next header or the end
/// of the text.
fn fields<'a>(at: &mut Cursor<'a>, flat: &mut Flat<'a>) -> Option<()> {
    loop {
        at.blank_lines()?;
        if matches!(at.peek(), None | Some(b'[')) {
            return Some(());
        }
        let key = key(at)?;
        keys::field(at, key, flat)?;
        at.line_end()?;
    }
}

/// A key the fast readers read, and the sign after it.
fn key(at: &mut Cursor<'_>) -> Option<Key> {
    Key::of(at.key()?.0.as_bytes())
}

/// A bare id, or `{ id = …, role = … }`.
fn id_with<'a>(at: &mut Cursor<'a>) -> Option<IdWith<'a>> {
    if at.peek()? != b'{' {
        return at.str().map(|id| IdWith { id, extra: None });
    }
    let mut fields = RefFields::default();
    at.inline_table(|at| fields.field(key(at)?, || at.str()))?;
    fields.done()
}

/// The values of plain TOML: strings on one line, decimal integers, and
/// the plain reader's arrays and inline tables.
impl<'a> Values<'a> for Cursor<'a> {
    fn str(&mut self) -> Option<Str<'a>> {
        match self.peek()? {
            b'"' => self.basic_string().map(Str),
            b'\'' => self.literal_string().map(Str),
            _ => None,
        }
    }

    fn int(&mut self) -> Option<i64> {
        match self.number()? {
            Value::Int(n) => Some(n),
            _ => None,
        }
    }

    fn count(&mut self) -> Option<CountVal<'a>> {
        match self.peek()? {
            b'"' | b'\'' => self.str().map(CountVal::Text),
            _ => self.int().map(CountVal::Int),
        }
    }

    fn strs(&mut self) -> Option<Vec<Str<'a>>> {
        self.array(Self::str)
    }

    fn refs(&mut self) -> Option<List<IdWith<'a>>> {
        self.array(id_with).map(|items| items.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::batch;
    use crate::load::FileId;
    use crate::validate::Pending;

    /// The records read, or `None` when the reader gives up.
    fn read(text: &str) -> Option<Pending> {
        batch(text, FileId(0), 100, Pending::default())
    }

    const PLAIN: &str = "# a batch\n[[source]]\nid = \"s\"\ntitle = 'Report'\ncredibility = +2\n\n\
        [[actor]]\n\"id\" = \"a\" # quoted key\nname = \"A \\\"B\\\"\"\naliases = [\n  \"AB\", # one\n  'A.B.',\n]\n\
        [[event]]\nid = \"e\"\ntitle = \"T\"\ndate = \"2024-03-22\"\nkilled = 5\ninjured = \"100+\"\n\
        actors = [ \"a\", {id = \"a\", role = \"target\"} ]\nsources = [{ \"id\" = \"s\", quote = \"q\" }]\n";

    #[test]
    fn plain_sections_are_read_into_records_placed_at_their_headers() {
        let store = read(PLAIN).expect("a plain batch is read");
        assert_eq!(store.sources.len(), 1);
        assert_eq!(store.actors.len(), 1);
        assert_eq!(store.events.len(), 1);
        let at = |needle: &str| 100 + PLAIN.find(needle).unwrap() as u64;
        let (source, event) = (store.sources[0].origin, store.events[0].origin);
        assert_eq!({ source.offset }, at("[[source]]"));
        assert_eq!({ event.offset }, at("[[event]]"));
        assert_eq!(store.actors[0].aliases.len(), 2);
        assert_eq!(store.events[0].actors.len(), 2);
        assert_eq!(read("").map(|s| s.events.len()), Some(0));
    }

    #[test]
    fn anything_else_is_given_up_on() {
        let event = "[[event]]\nid = \"e\"\ntitle = \"T\"\ndate = \"2024\"\n";
        let others = [
            // Not plain TOML, or not a field's key or value.
            format!("id = \"x\"\n{event}"),
            format!("[event]\n{}", &event[10..]),
            format!("{event}lat = 1.5\n"),
            format!("{event}[event.attributes]\nk = 1\n"),
            format!("{event}  kind = \"k\"\n"),
            format!("{event}killed = 5.0\n"),
            format!("{event}summary = \"\"\"x\"\"\"\n"),
            format!("{event}actors = [{{id = \"a\", role = \"r\",}}]\n"),
            format!("{event}actors = [{{id = \"a\", role = \"r\", quote = \"q\"}}]\n"),
            format!("{event}type = \"event\"\n"),
            format!("{event}id = \"f\"\n"),
            format!("{event}\"id\" = \"f\"\n"),
            format!("\u{feff}{event}"),
            // Not a valid record.
            format!("{event}date = \"2024-13\"\n").replacen("date = \"2024\"\n", "", 1),
            "[[event]]\nid = \"e\"\n".to_string(),
            "[[events]]\nid = \"e\"\n".to_string(),
            // A type met again after another.
            format!(
                "{event}[[actor]]\nid = \"a\"\nname = \"A\"\n{}",
                event.replace("\"e\"", "\"f\"")
            ),
        ];
        assert!(read(event).is_some());
        for other in others {
            assert!(read(&other).is_none(), "{other}");
        }
    }
}
