use super::{Header, Piece, broken, pieces, read};

#[test]
fn headers_are_read_as_far_as_they_go() {
    let is = |first: &'static str, list, dotted| {
        Some(Header {
            list,
            first: first.as_bytes(),
            dotted,
        })
    };
    assert_eq!(read(b"[[event.actors]]"), is("event", true, true));
    assert_eq!(read(b"[[event.actors]"), is("event", true, true));
    assert_eq!(read(b"[ \"event\" . x] # y"), is("event", false, true));
    assert_eq!(read(b"[['event']] x"), is("event", true, false));
    assert_eq!(read(b"[meta"), is("meta", false, false));
    assert_eq!(read(b"[[\"ev\\u0065nt\".x]]"), None);
    assert_eq!(read(b"[[]]"), None);
}

fn piece(start: usize, record: Option<usize>, within: Option<usize>) -> Piece {
    Piece {
        start,
        record,
        within,
    }
}

#[test]
fn a_table_within_a_record_belongs_to_it_after_other_records() {
    let text = "[[event]]\nid = 1\n[[actor]]\nid = 2\n[[event.actors]]\nid = 3\n[meta]\nx = 4\n";
    let at = |s: &str| text.find(s).unwrap();
    let (event, actor, actors, meta) = (
        at("[[event]]"),
        at("[[actor]]"),
        at("[[event.actors]]"),
        at("[meta]"),
    );
    assert_eq!(
        pieces(text, &[event, actor]),
        [
            piece(event, Some(event), None),
            piece(actor, Some(actor), None),
            piece(actors, None, Some(event)),
            piece(meta, None, None),
        ]
    );
    let errors = |at: usize| broken(text, &[event, actor], &[at]);
    assert_eq!(errors(at("id = 3")), [event].into());
    assert_eq!(errors(at("id = 2")), [actor].into());
    assert!(errors(at("x = 4")).is_empty());
    assert!(errors(text.len()).is_empty());
}

#[test]
fn a_broken_header_recovered_as_the_next_record_belongs_to_both() {
    // The `toml` crate starts the second actor at the broken header.
    let text = "[[event]]\n[[actor]]\n[[event.actors]\nid = 1\n[[actor]]\nid = 2\n";
    let at = |s: &str| text.find(s).unwrap();
    let (event, actor, broken_at) = (0, at("[[actor]]"), at("[[event.actors]"));
    assert_eq!(
        pieces(text, &[event, actor, broken_at]),
        [
            piece(event, Some(event), None),
            piece(actor, Some(actor), None),
            piece(broken_at, Some(broken_at), Some(event)),
        ]
    );
    let errors = broken(text, &[event, actor, broken_at], &[at("]\nid = 1") + 1]);
    assert_eq!(errors, [event, broken_at].into());
}

#[test]
fn a_header_inside_a_string_or_value_is_no_header() {
    let text = "[[event]]\ns = \"\"\"\n[[actor]]\n\"\"\"\nv = [\n[1]]\n[[actor]]\n";
    let (event, actor) = (0, text.rfind("[[actor]]").unwrap());
    assert_eq!(
        pieces(text, &[event, actor]),
        [
            piece(event, Some(event), None),
            piece(actor, Some(actor), None)
        ]
    );
}
