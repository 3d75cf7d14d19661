//! TOML: an array of tables a record (`[[source]]`, `[[actor]]`, …), one
//! blank line between records, one `key = value` a line, in canonical order.
//!
//! Written by hand so that the layout is the one a curator writes: strings
//! as basic strings on one line (`"` and `\` escaped, line breaks and other
//! control characters as escapes, every other character as itself),
//! `sources` and `actors` entries and `attributes` as inline tables, floats
//! always with a fraction or an exponent so that they read back as floats.
//! Keys that are not bare (letters, digits, `_`, `-`) are quoted.

use std::fmt::Write;

use super::{Val, records};
use crate::load::toml::is_bare;
use crate::model::Facts;
use crate::swar::string_stop;

/// The fact set as one TOML document.
pub fn write(facts: &Facts) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_to(facts, &mut out);
    out
}

/// The fact set as one TOML document, written into `out` a record at a
/// time.
pub fn write_to(facts: &Facts, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut text = String::new();
    for (i, record) in records(facts).enumerate() {
        text.clear();
        if i > 0 {
            text.push('\n');
        }
        let _ = writeln!(text, "[[{}]]", record.shape.name());
        for (name, value) in &record.fields {
            key(&mut text, name);
            text.push_str(" = ");
            value_of(&mut text, value);
            text.push('\n');
        }
        out.write_all(text.as_bytes())?;
    }
    Ok(())
}

/// A key, bare when it may be.
pub fn key(out: &mut String, k: &str) {
    let bare = !k.is_empty() && k.bytes().all(is_bare);
    if bare {
        out.push_str(k);
    } else {
        string(out, k);
    }
}

fn value_of(out: &mut String, value: &Val<'_>) {
    match value {
        Val::Str(s) => string(out, s),
        Val::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Val::Float(x) => float(out, *x),
        Val::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Val::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                value_of(out, item);
            }
            out.push(']');
        }
        Val::Table(entries) if entries.is_empty() => out.push_str("{}"),
        Val::Table(entries) => {
            out.push_str("{ ");
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                key(out, k);
                out.push_str(" = ");
                value_of(out, v);
            }
            out.push_str(" }");
        }
    }
}

/// A float that reads back as the same float: Rust's shortest round-trip
/// form, which always has a fraction or an exponent (`55.0`, `1e-7`).
fn float(out: &mut String, x: f64) {
    if x.is_nan() {
        out.push_str("nan");
    } else if x.is_infinite() {
        out.push_str(if x > 0.0 { "inf" } else { "-inf" });
    } else {
        let _ = write!(out, "{x:?}");
    }
}

/// A basic string: `"`, `\` and control characters escaped. The runs
/// between them are found eight bytes at a time and copied whole.
pub fn string(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let mut rest = s;
    while let Some(at) = string_stop(rest.as_bytes(), b'"') {
        // `at` is an ASCII byte, so a character starts there.
        let Some((run, tail)) = rest.split_at_checked(at) else {
            break;
        };
        out.push_str(run);
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            escape(out, c);
        }
        rest = chars.as_str();
    }
    out.push_str(rest);
    out.push('"');
}

/// A character of a basic string, escaped if it must be.
fn escape(out: &mut String, c: char) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        c if c.is_ascii_control() => {
            let _ = write!(out, "\\u{:04X}", u32::from(c));
        }
        c => out.push(c),
    }
}
