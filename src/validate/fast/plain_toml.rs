//! The fast decoder's reading of plain TOML: a batch of `[[type]]`
//! sections read straight into records, as the scanner reads JSON Lines.
//!
//! A large TOML document is cut into batches of whole sections
//! ([`crate::load::toml::cut`]), and most are plain TOML as tools write it
//! ([`crate::load::toml::plain`]). Here each section's `key = value` lines
//! are read with the plain reader's lexer into the fields of one record,
//! and the record decoded as a JSON Lines one is, with no span tree built.
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

/// Decodes every record of `text`, a batch of sections that starts at
/// byte `offset` of its file, into the store; `false` when it gives up,
/// and then the store holds records to be thrown away.
pub fn batch(text: &str, file: FileId, offset: u64, store: &mut Pending) -> bool {
    read(text, file, offset, store).is_some()
}

fn read(text: &str, file: FileId, offset: u64, store: &mut Pending) -> Option<()> {
    let mut at = Reader(Cursor::new(text));
    let mut met: Vec<RecordShape> = Vec::new();
    loop {
        at.0.blank_lines()?;
        if at.0.peek().is_none() {
            return Some(());
        }
        let (span, name, _) = at.0.header()?;
        let shape = RecordShape::from_name(name)?;
        // The tree reading gives each type's records together.
        if met.last() != Some(&shape) {
            (!met.contains(&shape)).then_some(())?;
            met.push(shape);
        }
        let mut flat = Flat::default();
        at.fields(&mut flat)?;
        let origin = Origin {
            file,
            offset: offset + span.start as u64,
        };
        super::decode(&flat, Some(shape), origin, store).then_some(())?;
    }
}

/// The lexer of plain TOML, reading values for the fields.
struct Reader<'a>(Cursor<'a>);

impl<'a> Reader<'a> {
    /// The `key = value` lines of a section, up to the next header or the
    /// end of the text.
    fn fields(&mut self, flat: &mut Flat<'a>) -> Option<()> {
        loop {
            self.0.blank_lines()?;
            if matches!(self.0.peek(), None | Some(b'[')) {
                return Some(());
            }
            let key = self.key()?;
            keys::field(self, key, flat)?;
            self.0.line_end()?;
        }
    }

    /// A key, bare or quoted, and the sign after it.
    fn key(&mut self) -> Option<Key> {
        let key = match self.0.peek()? {
            b'"' => Key::of(self.0.basic_string()?.as_bytes()),
            _ => Key::of(self.0.bare_key()?.as_bytes()),
        };
        self.0.spaces();
        self.0.expect(b"=")?;
        self.0.spaces();
        key
    }

    /// `[ item, item ]`, over lines if need be, a comma after the last
    /// allowed: the plain reader's arrays.
    fn list<T, C: FromIterator<T>>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<C> {
        self.0.expect(b"[")?;
        let mut items = Vec::new();
        loop {
            self.0.array_space()?;
            if self.0.expect(b"]").is_some() {
                break;
            }
            items.push(item(self)?);
            self.0.array_space()?;
            if self.0.expect(b",").is_none() {
                self.0.expect(b"]")?;
                break;
            }
        }
        Some(items.into_iter().collect())
    }

    /// A bare id, or `{ id = …, role = … }` on one line, no comma after
    /// the last: the plain reader's inline tables.
    fn id_with(&mut self) -> Option<IdWith<'a>> {
        if self.0.peek()? != b'{' {
            return self.str().map(|id| IdWith { id, extra: None });
        }
        self.0.expect(b"{")?;
        self.0.spaces();
        let mut fields = RefFields::default();
        if self.0.expect(b"}").is_none() {
            loop {
                let key = self.key()?;
                fields.field(key, || self.str())?;
                self.0.spaces();
                if self.0.expect(b",").is_none() {
                    self.0.expect(b"}")?;
                    break;
                }
                self.0.spaces();
            }
        }
        fields.done()
    }
}

impl<'a> Values<'a> for Reader<'a> {
    fn str(&mut self) -> Option<Str<'a>> {
        match self.0.peek()? {
            b'"' => self.0.basic_string().map(Str),
            b'\'' => self.0.literal_string().map(Str),
            _ => None,
        }
    }

    fn int(&mut self) -> Option<i64> {
        match self.0.number()? {
            Value::Int(n) => Some(n),
            _ => None,
        }
    }

    fn count(&mut self) -> Option<CountVal<'a>> {
        match self.0.peek()? {
            b'"' | b'\'' => self.str().map(CountVal::Text),
            _ => self.int().map(CountVal::Int),
        }
    }

    fn strs(&mut self) -> Option<Vec<Str<'a>>> {
        self.list(Self::str)
    }

    fn refs(&mut self) -> Option<List<IdWith<'a>>> {
        self.list(Self::id_with)
    }
}

#[cfg(test)]
mod tests {
    use super::batch;
    use crate::load::FileId;
    use crate::validate::Pending;

    /// The records read, or `None` when the reader gives up.
    fn read(text: &str) -> Option<Pending> {
        let mut store = Pending::default();
        batch(text, FileId(0), 100, &mut store).then_some(store)
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
