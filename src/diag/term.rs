//! Text from the facts as a terminal is given it, and how wide it shows.
//!
//! Fact files come from extraction tools and may hold anything: escape
//! sequences, bells, newlines, bidi overrides. Every piece of fact text
//! printed for people (table cells, headings, diagnostics and the source
//! lines they quote) goes through [`clean`], which turns each character that
//! could drive the terminal, break the line or reorder it into one space:
//! the text keeps its count of characters, so a position counted in
//! characters still points at the same one. JSON output is not cleaned; it
//! escapes these characters itself.
//!
//! [`width`] is how many columns a terminal gives a text: two for a wide
//! character (CJK, most emoji), none for a combining accent.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Whether a character may not reach a terminal as it is: a control
/// character (C0 with tab and newline, DEL, C1), a bidi control (embeddings,
/// overrides, isolates and marks) or a line or paragraph separator.
pub fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// The text with every [`unsafe_char`] replaced by a space; borrowed when
/// there is none, as nearly always.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if unsafe_char(c) { ' ' } else { c })
            .collect(),
    )
}

/// The columns a terminal gives a text (without unsafe characters).
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// The columns a terminal gives a character (none for a control one).
pub fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_become_one_space_each() {
        let hostile =
            "a\x1b[31mb\x07c\nd\re\tf\u{85}g\u{9b}h\u{7f}i\u{202e}j\u{2067}k\u{200f}l\u{2028}m";
        assert_eq!(clean(hostile), "a [31mb c d e f g h i j k l m");
        assert_eq!(clean(hostile).chars().count(), hostile.chars().count());
    }

    #[test]
    fn clean_text_is_borrowed_and_unchanged() {
        for text in ["plain", "Zürich–Genève", "東京", "e\u{301}", "👩‍🔬", ""] {
            assert!(matches!(clean(text), Cow::Borrowed(t) if t == text));
        }
    }

    #[test]
    fn wide_characters_take_two_columns_and_accents_none() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("東京大地震"), 10);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width("🔥"), 2);
    }
}
