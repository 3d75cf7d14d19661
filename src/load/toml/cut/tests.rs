//! Cutting TOML documents: batches start at section headers and cover the
//! document, and layouts that parsing in batches would change stop the
//! cutting.

use super::{Cut, Cuts, Lexer, Line, header};

/// The texts of the batches a document is cut into, and where the cutting
/// stopped; each batch's offset and line are checked against the text.
fn cut(text: &str, read: usize, batch: usize) -> (Vec<String>, Option<u64>) {
    let mut texts = Vec::new();
    let mut stopped = None;
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    for c in Cuts::sized(text.as_bytes(), read, batch) {
        match c {
            Cut::Batch(b) => {
                let at = usize::try_from(b.offset).unwrap();
                let before = body.get(..at).unwrap();
                assert_eq!(b.line, 1 + before.matches('\n').count() as u64);
                assert!(body.as_bytes()[at..].starts_with(&b.bytes));
                texts.push(String::from_utf8(b.bytes).unwrap());
            }
            Cut::Stop(at) => stopped = Some(at),
        }
    }
    (texts, stopped)
}

const DOC: &str = "# facts\n\n[[source]]\nid = \"s\"\ntitle = \"T\"\n\n\
[[event]]\nid = \"a\"\ntitle = \"\"\"\n[[event]]\nnot a header\"\"\"\n\
[event.attributes]\nk = 1\n\n[[event]]\nid = \"b\"\nactors = [\n[[\"x\"]],\n]\n\
[[event.sources]]\nid = \"s\"\n[[relation]]\nkind = 'k' # [[event]]\r\n";

#[test]
fn batches_start_at_section_headers_and_cover_the_document() {
    for read in [1, 2, 3, 7, 64, 4096] {
        let (texts, stopped) = cut(DOC, read, 1);
        assert_eq!(stopped, None);
        assert_eq!(texts.concat(), DOC);
        let firsts: Vec<&str> = texts.iter().map(|t| t.lines().next().unwrap()).collect();
        assert_eq!(
            firsts,
            [
                "# facts",
                "[[source]]",
                "[[event]]",
                "[[event]]",
                "[[relation]]"
            ],
            "{read}"
        );
    }
    let (texts, _) = cut(DOC, 5, 1 << 20);
    assert_eq!(texts, [DOC]);
}

#[test]
fn a_byte_order_mark_is_skipped_and_offsets_count_after_it() {
    let text = format!("\u{feff}{DOC}");
    let (texts, stopped) = cut(&text, 2, 1);
    assert_eq!((texts.concat().as_str(), stopped), (DOC, None));
}

#[test]
fn layouts_that_parsing_in_batches_would_change_stop_the_cutting() {
    let cases = [
        ("title = \"x\"\n[[event]]\n", 0),
        ("[[event]]\nid = 1\n[[source]]\nid = 2\n[[event]]\n", 35),
        ("[[event]]\n[[events]]\n", 10),
        ("[[evnt]]\n", 0),
        ("[[event]]\n[source.x]\n", 10),
        ("[[event]]\n[event]\n", 10),
        ("[[\"event\"]]\n", 0),
        ("[[event]] x\n", 0),
        ("[event]\n", 0),
        ("[[event]]\n[[ event . 'x' ]]\n", 10),
    ];
    for (text, at) in cases {
        assert_eq!(cut(text, 3, 1).1, Some(at), "{text:?}");
    }
}

#[test]
fn headers_are_read_with_white_space_and_comments() {
    fn h(s: &str) -> Line<'_> {
        header(s.as_bytes())
    }
    let is = |first: &'static str, list, dotted| Line::Header {
        list,
        first: first.as_bytes(),
        dotted,
    };
    assert_eq!(h("[[ event ]] # x"), is("event", true, false));
    assert_eq!(h("[event . attributes]\r"), is("event", false, true));
    assert_eq!(h("[[a.b.c]]"), is("a", true, true));
    assert_eq!(h("[[a]"), Line::Odd);
    assert_eq!(h("[[]]"), Line::Odd);
    assert_eq!(h("[a.]"), Line::Odd);
}

#[test]
fn strings_and_values_over_several_lines_are_followed() {
    let mut lx = Lexer::default();
    let lines = [
        ("a = \"\"\"x\\\"\"\"", 0, false),
        ("[[event]]", 0, false),
        ("\"\"\"\" # closes after a quote of its own", 0, true),
        ("b = '''", 0, false),
        ("c\\'''", 0, true),
        ("d = [ \"]\", ']', { e = [1] }, # ]", 1, true),
        ("[[event]]", 1, true),
        ("]", 0, true),
        ("e = \"#\" # [", 0, true),
    ];
    for (line, depth, top_after) in lines {
        lx.line(line.as_bytes());
        assert_eq!(lx.depth, depth, "{line}");
        assert_eq!(lx.string == super::Open::None, top_after, "{line}");
    }
}
