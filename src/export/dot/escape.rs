//! Text made safe for DOT: quoted ids, escString attribute values, wrapping.
//!
//! `dot-writer` writes ids and values as given, so every id goes through
//! [`id`] and every label or tooltip through [`text`] before it reaches the
//! writer. In a quoted DOT string only `\"` is an escape; in an escString
//! (labels, tooltips) a backslash also starts `\n`, `\l`, `\N`, `\G` and the
//! like, so a backslash of the user's text is always doubled and stays
//! literal; and Graphviz reads HTML entities (`&amp;`, `&#945;`) even in
//! plain labels and tooltips, so every `&` is written `&amp;`. Nothing here
//! decides what a label says.

/// Replaces characters a label cannot show (control characters other than
/// line breaks and tabs).
const REPLACEMENT: char = '\u{FFFD}';

/// A quoted DOT id: `"`, `\`, line breaks and control characters escaped,
/// so keywords (`node`, `graph`, `strict`), `a:b` and spaces are plain names.
/// Distinct texts give distinct ids.
pub fn id(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 2);
    id_into(raw, &mut out);
    out
}

/// Appends [`id`]`(raw)` to `out`.
pub fn id_into(raw: &str, out: &mut String) {
    out.push('"');
    each_special(
        raw,
        out,
        |b| matches!(b, b'"' | b'\\'),
        |c, _, out| match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        },
    );
    out.push('"');
}

/// The inside of a quoted escString: `"` → `\"`, `\` → `\\`, `&` → `&amp;`,
/// a line break (`\n`, `\r\n` or a lone `\r`) → `\n`, a tab → a space,
/// other control characters → U+FFFD. The caller (dot-writer's quoted
/// `set`) adds the quotes.
pub fn text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    text_into(raw, &mut out);
    out
}

/// Appends [`text`]`(raw)` to `out`.
pub fn text_into(raw: &str, out: &mut String) {
    let special = |b| matches!(b, b'"' | b'\\' | b'&');
    each_special(raw, out, special, |c, rest, out| match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '&' => out.push_str("&amp;"),
        '\n' => out.push_str("\\n"),
        '\r' => {
            if let Some(after) = rest.strip_prefix('\n') {
                *rest = after;
            }
            out.push_str("\\n");
        }
        '\t' => out.push(' '),
        c if c.is_control() => out.push(REPLACEMENT),
        c => out.push(c),
    });
}

/// Copies `raw` into `out`, runs that need no escape whole, and hands every
/// other character to `escape` with the text after it (which it may
/// shorten). A byte needs a look when `special` says so, when it is an ASCII
/// control character, or when it is 0xC2, which begins every C1 control
/// character (U+0080–U+009F); each such byte begins a character.
fn each_special(
    raw: &str,
    out: &mut String,
    special: impl Fn(u8) -> bool,
    mut escape: impl FnMut(char, &mut &str, &mut String),
) {
    let mut rest = raw;
    loop {
        let at = rest
            .bytes()
            .position(|b| b < 0x20 || b == 0x7f || b == 0xc2 || special(b))
            .unwrap_or(rest.len());
        let (plain, tail) = rest.split_at(at);
        out.push_str(plain);
        let mut chars = tail.chars();
        let Some(c) = chars.next() else {
            return;
        };
        rest = chars.as_str();
        escape(c, &mut rest, out);
    }
}

/// Appends `raw` to `out` with long lines broken at spaces, so that no
/// line runs much past `width` characters where a space allows it. Only
/// single spaces become line breaks; every other character is kept. Lines
/// are measured in characters; a space turned into a line break is one byte
/// either way, so it is replaced where it stands.
pub fn wrap(raw: &str, width: usize, out: &mut String) {
    // Characters written, the first character of the current line, and the
    // last space on it that may break it (as a character and a byte).
    let mut chars = 0usize;
    let mut line_start = 0usize;
    let mut last_space: Option<(usize, usize)> = None;
    for c in raw.chars() {
        if c == '\n' {
            line_start = chars + 1;
            last_space = None;
        } else if c == ' ' && chars > line_start {
            last_space = Some((chars, out.len()));
        }
        out.push(c);
        chars += 1;
        if chars - line_start > width
            && let Some((at, byte)) = last_space.take()
        {
            out.replace_range(byte..byte + 1, "\n");
            line_start = at + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`text`] and [`id`] character by character, with no plain prefix.
    fn by_chars(raw: &str) -> (String, String) {
        let mut label = String::new();
        let mut chars = raw.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' => label.push_str("\\\""),
                '\\' => label.push_str("\\\\"),
                '&' => label.push_str("&amp;"),
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' | '\r' => label.push_str("\\n"),
                '\t' => label.push(' '),
                c if c.is_control() => label.push(REPLACEMENT),
                c => label.push(c),
            }
        }
        let mut quoted = String::from('"');
        for c in raw.chars() {
            match c {
                '"' => quoted.push_str("\\\""),
                '\\' => quoted.push_str("\\\\"),
                '\n' => quoted.push_str("\\n"),
                '\r' => quoted.push_str("\\r"),
                c if c.is_control() => quoted.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
                c => quoted.push(c),
            }
        }
        quoted.push('"');
        (label, quoted)
    }

    /// [`wrap`] on a list of characters, breaking at the character index.
    fn wrap_by_chars(raw: &str, width: usize) -> String {
        let mut out: Vec<char> = Vec::new();
        let (mut line_start, mut last_space) = (0, None);
        for c in raw.chars() {
            if c == '\n' {
                (line_start, last_space) = (out.len() + 1, None);
            } else if c == ' ' && out.len() > line_start {
                last_space = Some(out.len());
            }
            out.push(c);
            if out.len() - line_start > width
                && let Some(at) = last_space.take()
            {
                out[at] = '\n';
                line_start = at + 1;
            }
        }
        out.into_iter().collect()
    }

    proptest! {
        #[test]
        fn wrapping_in_place_breaks_where_characters_say(
            s in "[a-z \n é€😀]{0,60}", width in 0usize..12
        ) {
            let mut out = String::from("kept ");
            wrap(&s, width, &mut out);
            prop_assert_eq!(out, format!("kept {}", wrap_by_chars(&s, width)));
        }

        #[test]
        fn escaping_skips_a_plain_start_without_changing_a_character(
            s in "[a-z \"\\\\&\t\r\n\u{0}-\u{1f}\u{7f}-\u{a0}é€😀]{0,24}"
        ) {
            prop_assert_eq!((text(&s), id(&s)), by_chars(&s));
            let (mut t, mut i) = (String::from("kept"), String::from("kept"));
            text_into(&s, &mut t);
            id_into(&s, &mut i);
            let (want_t, want_i) = by_chars(&s);
            prop_assert_eq!((t, i), (format!("kept{want_t}"), format!("kept{want_i}")));
        }
    }

    #[test]
    fn ids_are_quoted_and_escaped() {
        assert_eq!(id("plain"), "\"plain\"");
        assert_eq!(id(""), "\"\"");
        assert_eq!(id("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(id("back\\slash"), "\"back\\\\slash\"");
        assert_eq!(id("trailing\\"), "\"trailing\\\\\"");
        assert_eq!(id("two\nlines\r"), "\"two\\nlines\\r\"");
        assert_eq!(id("nul\u{0}bell\u{7}"), "\"nul\\u{0}bell\\u{7}\"");
    }

    #[test]
    fn keywords_ports_and_punctuation_stay_inside_quotes() {
        for raw in [
            "node", "NODE", "graph", "strict", "edge", "digraph", "subgraph", "a:b", "a:b:c",
            "a-b", "a b", "{x}", "a;b", "a=b", "->", "<b>", "&amp;", "[1]",
        ] {
            assert_eq!(id(raw), format!("\"{raw}\""), "{raw}");
        }
    }

    #[test]
    fn distinct_texts_give_distinct_ids() {
        let texts = [
            "a\\n", "a\n", "a\\\"", "a\"", "a\\", "a", "a\\u{0}", "a\u{0}", "a\\r", "a\r",
        ];
        let mut ids: Vec<String> = texts.iter().map(|t| id(t)).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), texts.len());
    }

    #[test]
    fn labels_keep_backslash_sequences_literal() {
        assert_eq!(
            text("\\N \\G \\E \\T \\H \\L"),
            "\\\\N \\\\G \\\\E \\\\T \\\\H \\\\L"
        );
        assert_eq!(text("\\l\\r\\n"), "\\\\l\\\\r\\\\n");
        assert_eq!(text("trailing\\"), "trailing\\\\");
        assert_eq!(text("\\"), "\\\\");
        assert_eq!(text("\\\""), "\\\\\\\"");
    }

    #[test]
    fn labels_escape_quotes_and_break_lines() {
        assert_eq!(text("say \"hi\""), "say \\\"hi\\\"");
        assert_eq!(text("a\nb"), "a\\nb");
        assert_eq!(text("a\r\nb"), "a\\nb");
        assert_eq!(text("a\rb"), "a\\nb");
        assert_eq!(text("a\tb"), "a b");
        assert_eq!(
            text("nul\u{0}esc\u{1b}del\u{7f}"),
            "nul\u{FFFD}esc\u{FFFD}del\u{FFFD}"
        );
        assert_eq!(text(""), "");
    }

    #[test]
    fn markup_and_punctuation_are_plain_text_in_labels() {
        for raw in [
            "<b>bold</b>",
            "{a|b}",
            "a;b",
            "x=y",
            "[1]",
            "a:b",
            "node",
            "<",
            ">",
        ] {
            assert_eq!(text(raw), raw);
        }
    }

    #[test]
    fn ampersands_cannot_start_entities() {
        assert_eq!(text("&"), "&amp;");
        assert_eq!(
            text("AT&T &amp; &#945; &lt;"),
            "AT&amp;T &amp;amp; &amp;#945; &amp;lt;"
        );
    }

    #[test]
    fn unicode_passes_through() {
        for raw in [
            "Zürich",
            "Москва",
            "東京",
            "🎉👨‍👩‍👧",
            "داعش خراسان",
            "ירושלים",
            "\u{202E}abc",
            "\u{2028}",
        ] {
            assert_eq!(text(raw), raw);
            assert_eq!(id(raw), format!("\"{raw}\""));
        }
    }

    /// [`wrap`] into a text of its own.
    fn wrapped(raw: &str, width: usize) -> String {
        let mut out = String::new();
        wrap(raw, width, &mut out);
        out
    }

    #[test]
    fn wrap_breaks_at_spaces_only() {
        assert_eq!(
            wrapped("Attack on a Moscow concert hall", 12),
            "Attack on a\nMoscow\nconcert hall"
        );
        assert_eq!(wrapped("short", 12), "short");
        assert_eq!(
            wrapped("averyveryverylongword and more", 8),
            "averyveryverylongword\nand more"
        );
        assert_eq!(wrapped("line one\nline two", 8), "line one\nline two");
        assert_eq!(wrapped("", 8), "");
        assert_eq!(wrapped("a  b", 1), "a\n b");
    }

    #[test]
    fn wrap_keeps_every_other_character() {
        let raw = "Quantock: the U.S. remains ISIS-K's target No. 1 — داعش \"x\" \\N";
        let wrapped = wrapped(raw, 10);
        assert_eq!(wrapped.chars().count(), raw.chars().count());
        for (a, b) in raw.chars().zip(wrapped.chars()) {
            assert!(a == b || (a == ' ' && b == '\n'));
        }
        assert!(
            wrapped
                .lines()
                .all(|l| l.chars().count() <= 10 || !l.contains(' '))
        );
    }
}
