//! The value decoders of records: dates, counts, coordinates, the Admiralty
//! grades, citations, participants and attributes. Each reports its own
//! problems with the exact place and returns what it could read.

use super::Decoder;
use crate::diag::{Code, Diagnostic, PathSeg};
use crate::edtf::Edtf;
use crate::load::{Entry, Node, Span, Value};
use crate::model::count::TOO_LARGE;
use crate::model::{Attr, Cite, Coords, Count, Participant, Pending, Reliability, Sym};
use crate::validate::RefTarget;
use crate::validate::fields::{first_char, inner};

impl Decoder<'_, '_, '_> {
    pub(super) fn date_of(&mut self, text: &str, span: Span) -> Option<Edtf> {
        match crate::edtf::parse(text) {
            Ok(date) => Some(date),
            Err(e) => {
                let at = inner(self.f.src, span, text, e.offset, e.len);
                let msg = format!("invalid date `{text}`: {}", e.message);
                let d = Diagnostic::error(Code::InvalidDate, msg)
                    .at(self.f.loc(at))
                    .maybe_help(e.help.clone());
                self.f.error(self.diags, d);
                None
            }
        }
    }

    pub(super) fn opt_date(&mut self, name: &str) -> Option<Edtf> {
        let (text, span) = self.f.opt_str(name, self.diags)?;
        self.date_of(text, span)
    }

    pub(super) fn req_date(&mut self, name: &str) -> Option<Edtf> {
        let (text, span) = self.f.req_str(name, self.diags)?;
        self.date_of(text, span)
    }

    pub(super) fn count(&mut self, name: &str) -> Option<Count> {
        let node = self.f.get(name)?;
        let result = match &node.value {
            Value::Int(n) if *n < 0 => Err((0, "a count cannot be negative".to_string())),
            Value::Int(n) => u32::try_from(*n)
                .map(Count::Exact)
                .map_err(|_| (0, TOO_LARGE.to_string())),
            Value::BigInt(x) if *x < 0.0 => Err((0, "a count cannot be negative".to_string())),
            Value::BigInt(_) => Err((0, TOO_LARGE.to_string())),
            Value::Float(x) if x.fract() == 0.0 && *x > f64::from(u32::MAX) => {
                Err((0, TOO_LARGE.to_string()))
            }
            Value::Str(s) => Count::parse(s).map_err(|e| (e.offset, e.message)),
            _ => {
                self.f.wrong_type(
                    node,
                    "a count (an integer or a string like \"140+\")",
                    self.diags,
                );
                return None;
            }
        };
        match result {
            Ok(count) => Some(count),
            Err((offset, message)) => {
                let at = match &node.value {
                    Value::Str(s) => inner(self.f.src, node.span, s, offset, 1),
                    _ => node.span,
                };
                let d = Diagnostic::error(Code::InvalidCount, format!("invalid count: {message}"))
                    .at(self.f.loc(at))
                    .help(Count::forms());
                self.f.error(self.diags, d);
                None
            }
        }
    }

    pub(super) fn number(&mut self, name: &str) -> Option<(f64, Span)> {
        let node = self.f.get(name)?;
        match node.value {
            Value::Int(n) => Some((n as f64, node.span)),
            Value::BigInt(x) | Value::Float(x) => Some((x, node.span)),
            _ => {
                self.f.wrong_type(node, "a number", self.diags);
                None
            }
        }
    }

    pub(super) fn coords(&mut self) -> Option<Coords> {
        let lat = self.number("lat");
        let lon = self.number("lon");
        let bad = |d: &mut Self, span: Span, msg: String, help: &str| {
            let diag = Diagnostic::error(Code::InvalidCoordinates, msg)
                .at(d.f.loc(span))
                .help(help);
            d.f.error(d.diags, diag);
        };
        match (lat, lon) {
            (Some((lat, ls)), Some((lon, os))) => {
                if !(-90.0..=90.0).contains(&lat) {
                    bad(
                        self,
                        ls,
                        format!("latitude {lat} is out of range"),
                        "latitude is between -90 and 90 degrees",
                    );
                }
                if !(-180.0..=180.0).contains(&lon) {
                    bad(
                        self,
                        os,
                        format!("longitude {lon} is out of range"),
                        "longitude is between -180 and 180 degrees",
                    );
                }
                self.f.ok.then_some(Coords { lat, lon })
            }
            (Some((_, span)), None) => {
                bad(
                    self,
                    span,
                    "`lat` without `lon`".into(),
                    "give both `lat` and `lon`, or neither",
                );
                None
            }
            (None, Some((_, span))) => {
                bad(
                    self,
                    span,
                    "`lon` without `lat`".into(),
                    "give both `lat` and `lon`, or neither",
                );
                None
            }
            (None, None) => None,
        }
    }

    pub(super) fn reliability(&mut self) -> Option<Reliability> {
        let (text, span) = self.f.opt_str("reliability", self.diags)?;
        let found = Reliability::parse(text.trim())
            .or_else(|| Reliability::parse(&text.trim().to_uppercase()));
        if found.is_none() {
            let msg = format!("reliability `{text}` is not a letter from A to F");
            let help = "Admiralty scale: A completely reliable … E unreliable, F cannot be judged";
            let d = Diagnostic::error(Code::InvalidReliability, msg)
                .at(self.f.loc(span))
                .help(help);
            self.f.error(self.diags, d);
        }
        found
    }

    pub(super) fn credibility(&mut self) -> Option<u8> {
        let node = self.f.get("credibility")?;
        match node.value {
            Value::Int(n @ 1..=6) => u8::try_from(n).ok(),
            _ => {
                let msg = "credibility must be an integer from 1 to 6";
                let help = "Admiralty scale: 1 confirmed … 5 improbable, 6 cannot be judged";
                let d = Diagnostic::error(Code::InvalidCredibility, msg)
                    .at(self.f.loc(node.span))
                    .help(help);
                self.f.error(self.diags, d);
                None
            }
        }
    }

    /// `sources`: a list of ids or of `{ id, quote }` tables.
    pub(super) fn cites(&mut self) -> Vec<Cite<Pending>> {
        let items = self.f.opt_list("sources", self.diags);
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            if let Some((source, quote)) = self.id_or_table(item, "quote", "sources") {
                let path = vec![
                    PathSeg::Key("sources"),
                    PathSeg::Index(i),
                    PathSeg::Key("id"),
                ];
                self.note_ref(source, RefTarget::Source, path);
                out.push(Cite { source, quote });
            }
        }
        out
    }

    /// `actors`: a list of ids or of `{ id, role }` tables.
    pub(super) fn participants(&mut self) -> Vec<Participant<Pending>> {
        let items = self.f.opt_list("actors", self.diags);
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            if let Some((actor, role)) = self.id_or_table(item, "role", "actors") {
                let path = vec![
                    PathSeg::Key("actors"),
                    PathSeg::Index(i),
                    PathSeg::Key("id"),
                ];
                self.note_ref(actor, RefTarget::Actor, path);
                out.push(Participant { actor, role });
            }
        }
        out
    }

    /// A bare id, or a table with `id` and one optional text field.
    pub(super) fn id_or_table(
        &mut self,
        item: &Node<'_>,
        extra: &'static str,
        list: &str,
    ) -> Option<(Sym, Option<Sym>)> {
        match &item.value {
            Value::Str(s) => self
                .f
                .check_id(s, item.span, self.diags)
                .then(|| (self.store.strings.intern(s), None)),
            Value::Table(entries) => self.id_table(item, entries, extra, list),
            _ => {
                self.f.wrong_type(
                    item,
                    &format!("an id or a table with `id` and `{extra}`"),
                    self.diags,
                );
                None
            }
        }
    }

    /// An entry `{ id, <extra> }` of a list: each field once, both checked.
    fn id_table(
        &mut self,
        item: &Node<'_>,
        entries: &[Entry<'_>],
        extra: &'static str,
        list: &str,
    ) -> Option<(Sym, Option<Sym>)> {
        let (mut id, mut text) = (None, None);
        // Where `id` and the extra field were first given.
        let (mut first_id, mut first_extra) = (None, None);
        for e in entries {
            let slot: Option<&mut Option<Span>> = match e.key.as_ref() {
                "id" => Some(&mut first_id),
                k if k == extra => Some(&mut first_extra),
                _ => None,
            };
            if let Some(slot) = slot {
                if let Some(at) = *slot {
                    let within = format!(" in an entry of `{list}`");
                    self.f.duplicate_in(e, at, &within, self.diags);
                    continue;
                }
                *slot = Some(e.key_span);
            }
            match (e.key.as_ref(), &e.value.value) {
                ("id", Value::Str(s)) if self.f.check_id(s, e.value.span, self.diags) => {
                    id = Some(self.store.strings.intern(s))
                }
                ("id", Value::Str(_)) => {}
                (k, Value::Str(s)) if k == extra => text = self.entry_text(e, s, extra, list),
                ("id", _) => self.f.wrong_type(&e.value, "a string", self.diags),
                (k, _) if k == extra => self.f.wrong_type(&e.value, "a string", self.diags),
                (k, _) => self.unknown_in_entry(e, k, extra, list),
            }
        }
        if first_id.is_none() {
            let msg = format!("an entry of `{list}` has no `id`");
            let d =
                Diagnostic::error(Code::MissingField, msg).at(self.f.loc(first_char(item.span)));
            self.f.error(self.diags, d);
        }
        id.map(|id| (id, text))
    }

    /// The quote or role of an entry, stored; an empty one is an error.
    fn entry_text(&mut self, e: &Entry<'_>, s: &str, extra: &str, list: &str) -> Option<Sym> {
        if s.trim().is_empty() {
            let msg = format!("empty `{extra}` in an entry of `{list}`");
            let help = format!("remove `{extra}` or give it a value");
            let d = Diagnostic::error(Code::EmptyValue, msg)
                .at(self.f.loc(e.value.span))
                .help(help);
            self.f.error(self.diags, d);
            return None;
        }
        Some(if extra == "quote" {
            self.store.strings.push(s)
        } else {
            self.store.strings.intern(s)
        })
    }

    fn unknown_in_entry(&mut self, e: &Entry<'_>, k: &str, extra: &'static str, list: &str) {
        let msg = format!("unknown field `{k}` in an entry of `{list}`");
        let help = crate::suggest::did_you_mean(k, ["id", extra].into_iter())
            .unwrap_or_else(|| format!("an entry of `{list}` has `id` and `{extra}`"));
        let d = Diagnostic::error(Code::UnknownField, msg)
            .at(self.f.loc(e.key_span))
            .help(help);
        self.f.error(self.diags, d);
    }

    pub(super) fn attributes(&mut self) -> Vec<(Sym, Attr)> {
        let Some(node) = self.f.get("attributes") else {
            return vec![];
        };
        let Value::Table(entries) = &node.value else {
            self.f.wrong_type(node, "a table", self.diags);
            return vec![];
        };
        let mut out = Vec::with_capacity(entries.len());
        for e in entries {
            let value = match &e.value.value {
                Value::Str(s) => Attr::Str(self.store.strings.intern(s)),
                Value::Int(n) => Attr::Int(*n),
                Value::BigInt(_) => {
                    self.beyond_64_bits(e.value.span);
                    continue;
                }
                Value::Float(x) if !x.is_finite() => {
                    // TOML's nan and inf: no JSON export or encoding can hold them.
                    let found = match (x.is_nan(), *x > 0.0) {
                        (true, _) => "nan",
                        (false, true) => "inf",
                        (false, false) => "-inf",
                    };
                    let span = e.value.span;
                    let written = self.f.src.text.get(span.start..span.end).unwrap_or(found);
                    // `1e400` is read as inf: say what was written, and why.
                    let msg = match written
                        .trim_start_matches(['+', '-'])
                        .starts_with(['i', 'n'])
                    {
                        true => format!("expected a finite number, found {found}"),
                        false => format!(
                            "expected a finite number, found {written}, beyond what a number holds (about ±1.8e308)"
                        ),
                    };
                    let d = Diagnostic::error(Code::WrongType, msg)
                        .at(self.f.loc(e.value.span))
                        .help("JSON has no nan or inf; write the value as a string");
                    self.f.error(self.diags, d);
                    continue;
                }
                Value::Float(x) => Attr::Float(*x),
                Value::Bool(b) => Attr::Bool(*b),
                _ => {
                    self.f
                        .wrong_type(&e.value, "a string, number or boolean", self.diags);
                    continue;
                }
            };
            out.push((self.store.strings.intern(&e.key), value));
        }
        out
    }

    /// Refuses an attribute's integer that no 64-bit integer holds: kept as
    /// a float it would lose its last digits without a word.
    fn beyond_64_bits(&mut self, span: Span) {
        let msg = format!("integer beyond 64 bits (from {} to {})", i64::MIN, i64::MAX);
        let d = Diagnostic::error(Code::InvalidNumber, msg)
            .at(self.f.loc(span))
            .help("write it as a string to keep every digit, or with an exponent (1.5e19) for a number that may be rounded");
        self.f.error(self.diags, d);
    }
}
