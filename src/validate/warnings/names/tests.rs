use crate::diag::{Code, Loc, PathSeg};
use crate::load::Format;
use crate::validate::load_bytes;

/// A shared-name warning: its message, and the record (a byte offset)
/// and path it and its note point at.
type Shared = (String, u64, Vec<PathSeg>, u64, Vec<PathSeg>);

fn shared(text: &str) -> Vec<Shared> {
    let (_, diags) = load_bytes(text.as_bytes(), Format::JsonLines);
    let field = |loc: Option<&Loc>| match loc {
        Some(Loc::Field(origin, path)) => (origin.offset, path.clone()),
        other => panic!("not a field: {other:?}"),
    };
    let list = diags.list.iter().filter(|d| d.code == Code::SharedName);
    list.map(|d| {
        let (at, path) = field(d.loc.as_ref());
        let (note_at, note_path) = field(d.notes.first().and_then(|n| n.loc.as_ref()));
        (d.message.clone(), at, path, note_at, note_path)
    })
    .collect()
}

#[test]
fn names_and_aliases_shared_in_any_case_are_reported_once_each() {
    let lines = [
        r#"{"type":"actor","id":"a","name":"Kyiv","aliases":["Ο∆ΟΣ","kyiv"]}"#,
        r#"{"type":"actor","id":"b","name":"KYIV","aliases":["x","ο∆ος"]}"#,
        r#"{"type":"place","id":"c","name":"X","aliases":["Kyiv"]}"#,
    ];
    let text = lines.join("\n");
    let b = lines[0].len() as u64 + 1;
    let c = b + lines[1].len() as u64 + 1;
    let name = || vec![PathSeg::Key("name")];
    let alias = |i| vec![PathSeg::Key("aliases"), PathSeg::Index(i)];
    let expected = [
        ("`KYIV` names both `a` and `b`", b, name(), 0, name()),
        ("`ο∆ος` names both `a` and `b`", b, alias(1), 0, alias(0)),
        ("`X` names both `b` and `c`", c, name(), b, alias(0)),
        ("`Kyiv` names both `a` and `c`", c, alias(0), 0, name()),
    ];
    let expected: Vec<_> = expected
        .into_iter()
        .map(|(m, at, path, first, first_path)| (m.to_string(), at, path, first, first_path))
        .collect();
    assert_eq!(shared(&text), expected);
}

#[test]
fn an_id_that_is_another_entitys_name_or_alias_is_reported() {
    let lines = [
        r#"{"type":"actor","id":"georgia-state","name":"Georgia"}"#,
        r#"{"type":"place","id":"georgia","name":"Sakartvelo","aliases":["GEORGIA"]}"#,
        r#"{"type":"actor","id":"paris","name":"Paris Hilton"}"#,
        r#"{"type":"actor","id":"ph","name":"P. H.","aliases":["Paris"]}"#,
        r#"{"type":"event","id":"Sakartvelo","title":"Georgia","date":"2020"}"#,
    ];
    let text = lines.join("\n");
    let at = |i: usize| {
        lines
            .iter()
            .take(i)
            .map(|l| l.len() as u64 + 1)
            .sum::<u64>()
    };
    let name = || vec![PathSeg::Key("name")];
    let alias = |i| vec![PathSeg::Key("aliases"), PathSeg::Index(i)];
    let id = || vec![PathSeg::Key("id")];
    // Actors come before places, and places before events.
    let expected = [
        (
            "`GEORGIA` names both `georgia-state` and `georgia`",
            at(1),
            alias(0),
            0,
            name(),
        ),
        (
            "`Paris` names actor `ph` and is the id of actor `paris`",
            at(3),
            alias(0),
            at(2),
            id(),
        ),
        (
            "`Georgia` names actor `georgia-state` and is the id of place `georgia`",
            0,
            name(),
            at(1),
            id(),
        ),
        (
            "`Sakartvelo` names place `georgia` and is the id of event `Sakartvelo`",
            at(1),
            name(),
            at(4),
            id(),
        ),
        (
            "`Georgia` is the title of event `Sakartvelo` and names actor `georgia-state`",
            at(4),
            vec![PathSeg::Key("title")],
            0,
            name(),
        ),
        (
            "`Georgia` is the title of event `Sakartvelo` and is the id of place `georgia`",
            at(4),
            vec![PathSeg::Key("title")],
            at(1),
            id(),
        ),
    ];
    let expected: Vec<_> = expected
        .into_iter()
        .map(|(m, at, path, first, first_path)| (m.to_string(), at, path, first, first_path))
        .collect();
    assert_eq!(shared(&text), expected);
}

/// The lines' byte offsets, as the records' origins give them.
fn offsets(lines: &[&str]) -> Vec<u64> {
    let mut at = 0;
    let mut offsets = Vec::new();
    for line in lines {
        offsets.push(at);
        at += line.len() as u64 + 1;
    }
    offsets
}

#[test]
fn an_event_title_that_is_a_name_or_alias_is_reported_at_the_title() {
    let lines = [
        r#"{"type":"actor","id":"a","name":"Kyiv","aliases":["Ο∆ΟΣ","Kyivan"]}"#,
        r#"{"type":"place","id":"p","name":"Donbas region","aliases":["Donbass"]}"#,
        r#"{"type":"event","id":"e1","title":"KYIV","date":"2020"}"#,
        r#"{"type":"event","id":"e2","title":"ο∆ος","date":"2020"}"#,
        // The Kelvin sign lower-cases to `k`: four bytes fewer, still a name.
        // A title is read only when it is as long as some name or id, as
        // this one is as long as `Kyivan`.
        r#"{"type":"event","id":"e3","title":"\u212Ayiv","date":"2020"}"#,
        r#"{"type":"event","id":"e4","title":"donbass","date":"2020"}"#,
        // As long as a name, but another word; and longer than any name.
        r#"{"type":"event","id":"e5","title":"Kyev","date":"2020"}"#,
        r#"{"type":"event","id":"e6","title":"Battle of Kyiv","date":"2020"}"#,
    ];
    let at = offsets(&lines);
    let text = lines.join("\n");
    let title = || vec![PathSeg::Key("title")];
    let name = || vec![PathSeg::Key("name")];
    let alias = |i| vec![PathSeg::Key("aliases"), PathSeg::Index(i)];
    let expected = [
        (
            "`KYIV` is the title of event `e1` and names actor `a`",
            at[2],
            name(),
        ),
        (
            "`ο∆ος` is the title of event `e2` and names actor `a`",
            at[3],
            alias(0),
        ),
        (
            "`\u{212A}yiv` is the title of event `e3` and names actor `a`",
            at[4],
            name(),
        ),
        (
            "`donbass` is the title of event `e4` and names place `p`",
            at[5],
            alias(0),
        ),
    ];
    let expected: Vec<Shared> = expected
        .into_iter()
        .map(|(m, event, path)| {
            let named_at = if m.ends_with("`p`") { at[1] } else { at[0] };
            (m.to_string(), event, title(), named_at, path)
        })
        .collect();
    assert_eq!(shared(&text), expected);
}

#[test]
fn ids_that_differ_only_in_case_are_reported_against_the_first() {
    let lines = [
        r#"{"type":"actor","id":"Russia","name":"Russian Federation"}"#,
        r#"{"type":"actor","id":"Other","name":"Another"}"#,
        r#"{"type":"place","id":"russia","name":"Rossiya"}"#,
        r#"{"type":"event","id":"RUSSIA","title":"Election","date":"2024"}"#,
        r#"{"type":"event","id":"OTHER","title":"Vote","date":"2024"}"#,
        r#"{"type":"event","id":"Ünique","title":"Count","date":"2024"}"#,
        r#"{"type":"event","id":"oTHER","title":"Poll","date":"2024"}"#,
        r#"{"type":"event","id":"ÜNIQUE","title":"Tally","date":"2024"}"#,
    ];
    let at = offsets(&lines);
    let text = lines.join("\n");
    let id = || vec![PathSeg::Key("id")];
    let expected = [
        ("actor `Russia` and place `russia`", at[0], at[2]),
        ("event `RUSSIA` and place `russia`", at[3], at[2]),
        ("event `OTHER` and actor `Other`", at[4], at[1]),
        ("event `oTHER` and actor `Other`", at[6], at[1]),
        ("event `ÜNIQUE` and event `Ünique`", at[7], at[5]),
    ];
    let expected: Vec<Shared> = expected
        .into_iter()
        .map(|(m, ent, first)| {
            let m = format!("{m} have ids that differ only in case");
            (m, ent, id(), first, id())
        })
        .collect();
    assert_eq!(shared(&text), expected);
}

#[test]
fn an_id_that_reads_as_another_entitys_kind_and_id_is_reported() {
    let lines = [
        r#"{"type":"actor","id":"x","name":"Ex"}"#,
        r#"{"type":"place","id":"EVENT:e1","name":"Pee"}"#,
        r#"{"type":"event","id":"actor:x","title":"T","date":"2020"}"#,
        r#"{"type":"event","id":"e1","title":"U","date":"2020"}"#,
        r#"{"type":"event","id":"actor:nobody","title":"V","date":"2020"}"#,
        r#"{"type":"event","id":"place:x","title":"W","date":"2020"}"#,
        r#"{"type":"event","id":"acled:x","title":"Z","date":"2020"}"#,
    ];
    let at = offsets(&lines);
    let text = lines.join("\n");
    let id = || vec![PathSeg::Key("id")];
    let expected = [
        (
            "`EVENT:e1` is the id of place `EVENT:e1`, and on the command line it names event `e1`",
            at[1],
            at[3],
        ),
        (
            "`actor:x` is the id of event `actor:x`, and on the command line it names actor `x`",
            at[2],
            at[0],
        ),
    ];
    let expected: Vec<Shared> = expected
        .into_iter()
        .map(|(m, ent, other)| (m.to_string(), ent, id(), other, id()))
        .collect();
    assert_eq!(shared(&text), expected);
}

#[test]
fn an_event_title_that_is_another_entitys_id_is_reported_at_the_title() {
    let lines = [
        r#"{"type":"place","id":"moscow","name":"Moskva","aliases":["Moscow City"]}"#,
        r#"{"type":"event","id":"e1","title":"MOSCOW","date":"2020"}"#,
        r#"{"type":"event","id":"e2","title":"e1","date":"2020"}"#,
        r#"{"type":"event","id":"e3","title":"E3","date":"2020"}"#,
        r#"{"type":"event","id":"e4","title":"moscow city","date":"2020"}"#,
    ];
    let at = offsets(&lines);
    let text = lines.join("\n");
    let (title, id) = (|| vec![PathSeg::Key("title")], || vec![PathSeg::Key("id")]);
    let expected = [
        (
            "`moscow city` is the title of event `e4` and names place `moscow`",
            at[4],
            title(),
            at[0],
            vec![PathSeg::Key("aliases"), PathSeg::Index(0)],
        ),
        (
            "`MOSCOW` is the title of event `e1` and is the id of place `moscow`",
            at[1],
            title(),
            at[0],
            id(),
        ),
        (
            "`e1` is the title of event `e2` and is the id of event `e1`",
            at[2],
            title(),
            at[1],
            id(),
        ),
    ];
    let expected: Vec<Shared> = expected
        .into_iter()
        .map(|(m, a, p, b, q)| (m.to_string(), a, p, b, q))
        .collect();
    assert_eq!(shared(&text), expected);
    let (_, diags) = load_bytes(text.as_bytes(), Format::JsonLines);
    let notes: Vec<&str> = diags
        .list
        .iter()
        .filter_map(|d| d.notes.first())
        .map(|n| n.message.as_str())
        .collect();
    assert!(notes.contains(&"the alias"), "{notes:?}");
}
