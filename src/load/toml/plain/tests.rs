//! The plain TOML parser: the layouts tools write are plain, anything else
//! is left to the `toml` crate, and every tree it gives is the crate's.

use proptest::prelude::*;

use super::parse;
use crate::load::toml::parse_general;
use crate::load::tree::{Node, Value};

/// Whether `text` is read as plain TOML; when it is, its tree must be the
/// `toml` crate's, spans included.
fn plain(text: &str) -> bool {
    let Some(tree) = parse(text) else {
        return false;
    };
    assert_eq!(Ok(tree), parse_general(text), "{text:?}");
    true
}

#[test]
fn a_fact_file_as_fmt_writes_it_is_plain() {
    let text = "# facts\n\n[[source]]\nid = \"src-1\"\ntitle = \"Field report 1\"\n\
                credibility = 3\n\n[[event]]\nid = \"e1\"  # first\ntitle = \"A \\\"q\\\" \\u00e9 \\U0001F600\"\n\
                killed = -12\nlat = 55.75\nok = true\n\
                actors = [{ id = \"a\", role = \"r\" }, \"b\"]\nsources = []\n\n\
                [[event]]\nid = 'lit\\eral'\nempty = {}\nnested = [[1, 2], [\"x\"]]\n\
                [[source]]\nid = \"src-2\"\n";
    assert!(plain(text));
    let tree = parse(text).unwrap();
    let Value::Table(root) = &tree.value else {
        panic!("not a table")
    };
    let keys: Vec<&str> = root.iter().map(|e| &*e.key).collect();
    assert_eq!(keys, ["source", "event"]);
    let sources = root.first().map(|e| &e.value.value);
    assert!(matches!(sources, Some(Value::Array(items)) if items.len() == 2));
}

#[test]
fn line_breaks_comments_and_arrays_over_lines_are_plain() {
    assert!(plain(""));
    assert!(plain("# only a comment"));
    assert!(plain("[[event]]\r\nid = \"a\"\r\n\r\n# c\r\n"));
    assert!(plain(
        "[[event]]\nid = \"a\"\nlist = [\n  \"x\", # one\n  \"y\",\n]\n"
    ));
    assert!(plain("[[event]]\nid = \"a\" # \u{e9}\t\n[[event]]"));
    assert!(plain(
        "[[event]]\nn = 0\nm = -0\np = +7\nf = -0.5\nbig = -9223372036854775808"
    ));
    assert!(plain("[[event]]\ne = 1e-7\nf = -2.5E+10\ng = 3e05"));
    assert!(plain(
        "[[event]]\n\"Killed (est.)\" = 3\nt = { \"a b\" = 1, \"\" = 2, \"\\u00e9\" = 3 }"
    ));
}

#[test]
fn anything_else_is_left_to_the_toml_crate() {
    let others = [
        "id = \"before any header\"",
        "[event]\nid = \"a\"",
        "[[event]]\n[event.attributes]\nx = 1",
        "[[ event ]]\nid = \"a\"",
        "[[\"event\"]]\nid = \"a\"",
        "[[event]]\n  id = \"indented\"",
        "[[event]]\na.b = 1",
        "[[event]]\n'id' = \"a\"",
        "[[event]]\nid = \"a\"\n\"id\" = \"b\"",
        "[[event]]\nf = 1e",
        "[[event]]\nf = 1e5.0",
        "[[event]]\nid = \"a\"\nid = \"b\"",
        "[[event]]\nt = { a = 1, a = 2 }",
        "[[event]]\nt = { a = 1, }",
        "[[event]]\nt = { a = 1,\n b = 2 }",
        "[[event]]\ns = \"\"\"long\"\"\"",
        "[[event]]\ns = '''long'''",
        "[[event]]\ns = \"\\e\"",
        "[[event]]\ns = \"\\x41\"",
        "[[event]]\ns = \"\\uD800\"",
        "[[event]]\ns = \"tab\tok\u{1}not\"",
        "[[event]]\ns = \"open",
        "[[event]]\nd = 2024-03-22",
        "[[event]]\nn = 007",
        "[[event]]\nn = 1_000",
        "[[event]]\nn = 9223372036854775808",
        "[[event]]\nf = 1.",
        "[[event]]\nf = .5",
        "[[event]]\nf = inf",
        "[[event]]\nn = 0x1F",
        "[[event]]\nid = \"a\"\r",
        "[[event]]\nid = \"a\" # \u{7f}",
        "[[event]]\nid = \"a\" junk",
        "\u{feff}[[event]]\nid = \"a\"",
    ];
    for text in others {
        assert!(parse(text).is_none(), "{text:?}");
    }
}

#[test]
fn nesting_past_the_limit_is_left_to_the_crate() {
    let deep = format!("[[event]]\nx = {}1{}", "[".repeat(40), "]".repeat(40));
    assert!(parse(&deep).is_none());
    let shallow = format!("[[event]]\nx = {}1{}", "[".repeat(8), "]".repeat(8));
    assert!(plain(&shallow));
}

/// A value as TOML text: plain forms mostly, and forms that plain reading
/// leaves to the crate.
fn value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        10 => "[a-z \u{e9}\"\\\\]{0,6}".prop_map(|s| format!("{s:?}")),
        1 => "[a-z\t\u{1}]{0,3}".prop_map(|s| format!("{s:?}")),
        1 => "[a-z\\\\\"]{0,4}".prop_map(|s| format!("\"{s}\"")),
        1 => "[a-z \"\\\\]{0,4}".prop_map(|s| format!("'{s}'")),
        1 => prop_oneof![
            Just("\"\\u00e9\\n\\t\\b\\f\\r\""),
            Just("\"\\U0001F600\\e\""),
            Just("\"\"\"x\"\"\""),
        ]
        .prop_map(String::from),
        4 => any::<i64>().prop_map(|n| n.to_string()),
        2 => prop_oneof![
            Just("+1"),
            Just("-0"),
            Just("00"),
            Just("1_0"),
            Just("1.5"),
            Just("-0.25"),
            Just("1e3"),
            Just("-1.5E-07"),
            Just("1e"),
            Just("nan"),
            Just("true"),
            Just("false"),
            Just("2024-03-22"),
            Just("truex"),
        ]
        .prop_map(String::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            (prop::collection::vec(inner.clone(), 0..4), "[ \n,]{0,2}")
                .prop_map(|(items, tail)| format!("[{}{tail}]", items.join(", "))),
            prop::collection::vec(("[a-f]", inner), 0..3).prop_map(|pairs| {
                let inner: Vec<String> = pairs.iter().map(|(k, v)| format!("{k} = {v}")).collect();
                format!("{{ {} }}", inner.join(", "))
            }),
        ]
    })
}

/// A line within a record.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        20 => ("[a-z]{1,2}", value()).prop_map(|(k, v)| format!("{k} = {v}")),
        1 => Just(String::new()),
        1 => "# [a-z\t]{0,4}".prop_map(String::from),
        1 => ("[a-h]", value(), "[ \t]{0,2}#[a-z]{0,3}").prop_map(|(k, v, c)| format!("{k} = {v}{c}")),
        1 => prop_oneof![
            Just("[event.attributes]"),
            Just("a.b = 1"),
            Just("  c = 2"),
            Just("[[ event ]]"),
            Just("\"q\" = 1"),
            Just("\"a b\" = { \"c\" = 1e3, 'd' = 2 }"),
            Just("[actor]"),
        ]
        .prop_map(String::from),
    ]
}

/// A record: its header and its lines.
fn record() -> impl Strategy<Value = Vec<String>> {
    ("(event|actor|x-1)", prop::collection::vec(line(), 0..5)).prop_map(|(key, mut lines)| {
        lines.insert(0, format!("[[{key}]]"));
        lines
    })
}

/// Counts the tables in a tree, to see that documents of records were read.
fn tables(node: &Node<'_>) -> usize {
    match &node.value {
        Value::Table(entries) => 1 + entries.iter().map(|e| tables(&e.value)).sum::<usize>(),
        Value::Array(items) => items.iter().map(tables).sum(),
        _ => 0,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn plain_reading_gives_the_crates_tree(
        before in prop::collection::vec(
            prop_oneof![3 => "(# [a-z]{0,3})?".prop_map(String::from), 1 => line()],
            0..2,
        ),
        records in prop::collection::vec(record(), 0..5),
        crlf in any::<bool>(),
    ) {
        let lines = before.into_iter().chain(records.into_iter().flatten());
        let text = lines.collect::<Vec<_>>().join(if crlf { "\r\n" } else { "\n" });
        plain(&text);
    }

    #[test]
    fn records_of_plain_values_are_read_plainly(
        records in prop::collection::vec(
            prop::collection::vec(("[a-f]", "[a-z \u{e9}]{0,6}", any::<i32>()), 0..5),
            1..5,
        ),
    ) {
        let mut text = String::new();
        for fields in &records {
            text.push_str("[[event]]\n");
            let mut seen = std::collections::BTreeSet::new();
            for (key, s, n) in fields {
                if seen.insert(key) {
                    text.push_str(&format!("{key} = [{s:?}, {n}, {{ k = {n} }}]\n"));
                }
            }
        }
        prop_assert!(plain(&text), "{}", text);
        let tree = parse(&text).unwrap();
        prop_assert!(tables(&tree) > records.len());
    }
}
