//! Bytes read eight at a time: which bytes of a word are below or equal to
//! a value, and the searches of the JSON and TOML readers built on that.
//!
//! A word of eight bytes is read little-endian; a test marks the high bit
//! of each byte it holds for. Only the first mark of a test is sure (a
//! borrow may mark a later byte wrongly), so the searches here take the
//! first mark of each word and nothing after it. Nothing here knows JSON
//! beyond which bytes a search stops at.

/// The lowest bit of each byte of a word.
const ONES: u64 = u64::from_ne_bytes([0x01; 8]);

/// The high bit of each byte of a word.
const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);

/// The high bit of each byte of a word read little-endian whose byte is
/// below `n`. Only places after the first set one can be set wrongly (by a
/// borrow), so the first is always right, and none is set when no byte is
/// below `n`.
pub fn below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(n)) & !word & HIGH
}

/// As [`below`], the bytes equal to `b`.
pub fn equal(word: u64, b: u8) -> u64 {
    below(word ^ (ONES * u64::from(b)), 1)
}

/// The place of the first byte [`below`] or [`equal`] marked.
pub fn first_place(found: u64) -> usize {
    (found.trailing_zeros() / 8) as usize
}

/// The first place in `bytes` at which `marks` marks a byte, searching a
/// word at a time, then byte by byte in the tail, where `is` tells.
fn find(bytes: &[u8], marks: impl Fn(u64) -> u64, is: impl Fn(u8) -> bool) -> Option<usize> {
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        let found = marks(u64::from_le_bytes(word.try_into().ok()?));
        if found != 0 {
            return Some(at + first_place(found));
        }
        at += 8;
    }
    let tail = words.remainder();
    Some(at + tail.iter().position(|&b| is(b))?)
}

/// Where the first `"`, `\\` or control character of `bytes` is.
pub fn stop(bytes: &[u8]) -> Option<usize> {
    let marks = |w| below(w, 0x20) | equal(w, b'"') | equal(w, b'\\');
    find(bytes, marks, |b| b == b'"' || b == b'\\' || b < 0x20)
}

/// Where the first `quote`, `\\`, control character or delete (0x7f) of
/// `bytes` is: where a TOML string on one line ends, escapes, or has what
/// the plain reading leaves to the `toml` crate.
pub fn string_stop(bytes: &[u8], quote: u8) -> Option<usize> {
    let marks = |w| below(w, 0x20) | equal(w, quote) | equal(w, b'\\') | equal(w, 0x7f);
    find(bytes, marks, |b| {
        b == quote || b == b'\\' || b < 0x20 || b == 0x7f
    })
}

/// Where the first byte of `bytes` that a TOML line's lexer follows is: a
/// quote (`"`, `'`), a comment's `#`, or a bracket or brace.
pub fn toml_mark(bytes: &[u8]) -> Option<usize> {
    // Folded as in `structural`.
    let marks = |w| {
        let folded = w | (ONES * 0x20);
        equal(folded, b'{')
            | equal(folded, b'}')
            | equal(w, b'"')
            | equal(w, b'\'')
            | equal(w, b'#')
    };
    let is = |b| matches!(b, b'"' | b'\'' | b'#' | b'{' | b'}' | b'[' | b']');
    find(bytes, marks, is)
}

/// Where the first `"`, `{`, `}`, `[` or `]` of `bytes` is.
pub fn structural(bytes: &[u8]) -> Option<usize> {
    // With the 0x20 bit set, `[` is `{` and `]` is `}` (and no other byte
    // is either): three tests, not five.
    let marks = |w| {
        let folded = w | (ONES * 0x20);
        equal(folded, b'{') | equal(folded, b'}') | equal(w, b'"')
    };
    let is = |b| matches!(b, b'"' | b'{' | b'}' | b'[' | b']');
    find(bytes, marks, is)
}

/// Whether every byte of `bytes` is printable ASCII other than the space
/// (`!` to `~`), looking at eight bytes at a time.
pub fn printable(bytes: &[u8]) -> bool {
    let mut words = bytes.chunks_exact(8);
    for word in words.by_ref() {
        let Ok(word) = <[u8; 8]>::try_from(word) else {
            return false;
        };
        let w = u64::from_le_bytes(word);
        if below(w, b'!') | equal(w, 0x7f) | (w & HIGH) != 0 {
            return false;
        }
    }
    words.remainder().iter().all(|&b| b > b' ' && b < 0x7f)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// Bytes that the searches stop at or must look past.
    fn bytes() -> impl Strategy<Value = Vec<u8>> {
        let pick = vec![
            b'a',
            b'"',
            b'\\',
            b'{',
            b'}',
            b'[',
            b']',
            b' ',
            b'!',
            b'~',
            0x00,
            0x02,
            0x1f,
            0x20,
            0x21,
            0x5b,
            0x5d,
            0x7f,
            0x80,
            0xa2,
            0xdb,
            0xdc,
            0xfb,
            0xff,
            b'\'',
            b'#',
            b'\t',
            0x07,
            0x27 | 0x80,
            0x03,
        ];
        prop::collection::vec(prop::sample::select(pick), 0..40)
    }

    proptest! {
        #[test]
        fn printable_is_every_byte_from_bang_to_tilde(bytes in bytes()) {
            let naive = bytes.iter().all(|&b| b > b' ' && b < 0x7f);
            prop_assert_eq!(super::printable(&bytes), naive);
        }

        #[test]
        fn stop_finds_the_first_quote_backslash_or_control(bytes in bytes()) {
            let naive = bytes.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
            prop_assert_eq!(super::stop(&bytes), naive);
        }

        #[test]
        fn string_stop_finds_the_quote_backslash_control_or_delete(
            bytes in bytes(),
            quote in prop::sample::select(vec![b'"', b'\'']),
        ) {
            let naive = bytes.iter().position(|&b| b == quote || b == b'\\' || b < 0x20 || b == 0x7f);
            prop_assert_eq!(super::string_stop(&bytes, quote), naive);
        }

        #[test]
        fn toml_mark_finds_the_first_quote_comment_or_bracket(bytes in bytes()) {
            let is = |b: &u8| matches!(b, b'"' | b'\'' | b'#' | b'{' | b'}' | b'[' | b']');
            prop_assert_eq!(super::toml_mark(&bytes), bytes.iter().position(is));
        }

        #[test]
        fn structural_finds_the_first_quote_or_bracket(bytes in bytes()) {
            let naive = bytes.iter().position(|b| matches!(b, b'"' | b'{' | b'}' | b'[' | b']'));
            prop_assert_eq!(super::structural(&bytes), naive);
        }
    }
}
