//! Where a part of a string's value stands in its text as written, escapes
//! and all.
//!
//! A diagnostic about part of a string value (the bad character of a date,
//! say) is found in the decoded value, but its caret goes under the source.
//! When the string was written with escapes (`\u2013`, `\"`, a surrogate
//! pair), the two differ: this walks the written text a character at a
//! time, JSON's and TOML's basic-string escapes decoded, and gives where
//! the part begins and ends in it. It gives nothing when the text does not
//! decode to the value (a TOML line-ending backslash, say), and the caller
//! then points at the whole string. A TOML literal string has no escapes,
//! so its text is not for this walk: its backslashes are its own, and the
//! caller places it as it reads. The same walk decodes a quoted key of a
//! TOML header ([`decode`]). Nothing here reports anything.

/// Where bytes `from..to` of `value` stand in `text`, the string's body as
/// written (after its opening quote), as byte offsets into `text`. A part
/// reaching past the value's end reaches as far past the body's decoded
/// part. `None` when `text` does not decode to a string beginning with
/// `value` (read to the value's end, whatever part is asked for).
pub fn place(text: &str, value: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let (mut raw, mut dec) = (0, 0);
    let (mut start, mut end) = (None, None);
    while dec < value.len() {
        let (c, n) = decode_one(text.get(raw..)?)?;
        if !value.get(dec..)?.starts_with(c) {
            return None;
        }
        if start.is_none() && dec + c.len_utf8() > from {
            start = Some(raw);
        }
        if end.is_none() && dec >= to {
            end = Some(raw);
        }
        raw += n;
        dec += c.len_utf8();
    }
    let start = start.unwrap_or(raw + from.saturating_sub(dec));
    Some((start, end.unwrap_or(raw + to.saturating_sub(dec))))
}

/// The value of a string's body as written (without its quotes), its
/// escapes decoded; `None` when one does not decode.
pub fn decode(text: &str) -> Option<String> {
    let mut value = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let (c, n) = decode_one(rest)?;
        value.push(c);
        rest = rest.get(n..)?;
    }
    Some(value)
}

/// The first character of `text` and how many bytes it is written in: a
/// character as it stands, or an escape.
fn decode_one(text: &str) -> Option<(char, usize)> {
    let mut chars = text.chars();
    let c = chars.next()?;
    if c != '\\' {
        return Some((c, c.len_utf8()));
    }
    let plain = match chars.next()? {
        'b' => '\u{8}',
        't' => '\t',
        'n' => '\n',
        'f' => '\u{c}',
        'r' => '\r',
        'e' => '\u{1b}',
        c @ ('"' | '\\' | '/') => c,
        'x' => return hex(text, 2),
        'u' => return unicode(text),
        'U' => return hex(text, 8),
        _ => return None,
    };
    Some((plain, 2))
}

/// `\xHH` or `\UHHHHHHHH`: `digits` hexadecimal digits after the escape.
fn hex(text: &str, digits: usize) -> Option<(char, usize)> {
    let c = char::from_u32(code(text.get(2..2 + digits)?)?)?;
    Some((c, 2 + digits))
}

/// `\uHHHH`, or a surrogate pair written as two of them.
fn unicode(text: &str) -> Option<(char, usize)> {
    let high = code(text.get(2..6)?)?;
    if !(0xD800..0xDC00).contains(&high) {
        return Some((char::from_u32(high)?, 6));
    }
    let low = text
        .get(6..8)
        .filter(|&u| u == "\\u")
        .and_then(|_| code(text.get(8..12)?))
        .filter(|low| (0xDC00..0xE000).contains(low))?;
    let c = char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?;
    Some((c, 12))
}

/// The number hexadecimal digits (and nothing else) make.
fn code(digits: &str) -> Option<u32> {
    match digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        true => u32::from_str_radix(digits, 16).ok(),
        false => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{decode, place};

    #[test]
    fn a_body_is_decoded_whole_or_not_at_all() {
        assert_eq!(decode("ev\\u0065nt").as_deref(), Some("event"));
        assert_eq!(decode("a\\\"b\\x41").as_deref(), Some("a\"bA"));
        assert_eq!(decode("a\\q"), None);
        assert_eq!(decode("a\\"), None);
    }

    /// The written text of the part of `value` at `from..to`.
    fn part<'t>(text: &'t str, value: &str, from: usize, to: usize) -> Option<&'t str> {
        let (a, b) = place(text, value, from, to)?;
        text.get(a..b)
    }

    #[test]
    fn a_plain_string_is_its_own_place() {
        assert_eq!(part("2024-13\"", "2024-13", 5, 7), Some("13"));
    }

    #[test]
    fn escapes_before_and_in_the_part_are_stepped_over() {
        let value = "2024\u{2013}03-22";
        let text = "2024\\u201303-22\"";
        let dash = value.find('\u{2013}').unwrap_or(0);
        assert_eq!(part(text, value, dash, dash + 3), Some("\\u2013"));
        assert_eq!(part(text, value, dash + 3, dash + 5), Some("03"));
        let quoted = "a\\\"b\\\\c\\/d\\n\"";
        assert_eq!(part(quoted, "a\"b\\c/d\n", 4, 5), Some("c"));
        assert_eq!(part(quoted, "a\"b\\c/d\n", 1, 2), Some("\\\""));
    }

    #[test]
    fn a_surrogate_pair_and_long_escapes_are_one_character() {
        let value = "😀x";
        assert_eq!(part("\\uD83D\\uDE00x\"", value, 4, 5), Some("x"));
        assert_eq!(
            part("\\uD83D\\uDE00x\"", value, 0, 4),
            Some("\\uD83D\\uDE00")
        );
        assert_eq!(part("\\U0001F600x\"", value, 4, 5), Some("x"));
        assert_eq!(part("\\x41b\"", "Ab", 1, 2), Some("b"));
    }

    #[test]
    fn a_part_past_the_end_reaches_past_the_body() {
        assert_eq!(place("\\u00e9\"", "é", 2, 3), Some((6, 7)));
    }

    #[test]
    fn text_that_does_not_decode_to_the_value_has_no_place() {
        assert_eq!(place("abc\"", "abd", 0, 1), None);
        assert_eq!(place("a\\\n  b\"", "ab", 1, 2), None);
        assert_eq!(place("\\uD83Dx\"", "\u{FFFD}x", 1, 2), None);
        assert_eq!(place("\\u+041\"", "A", 0, 1), None);
        assert_eq!(place("\\q\"", "q", 0, 1), None);
    }
}
