//! Fact sets for the export unit tests: TOML text (or the bundled facts) in,
//! facts, graph and an everything-kept selection out; plus the hostile text
//! and the HTML unescaping the escaping tests share. Test-only; panics on
//! invalid facts so a broken fixture shows.

use std::fmt::Write;
use std::path::PathBuf;

use super::View;
use crate::diag::Diagnostics;
use crate::graph::Graph;
use crate::load::Input;
use crate::model::Facts;
use crate::query::filter::{Filter, Selection};

pub struct Fixture {
    pub facts: Facts,
    pub graph: Graph,
    pub sel: Selection,
}

impl Fixture {
    pub fn view<'f>(&'f self, title: &'f str) -> View<'f> {
        View {
            facts: &self.facts,
            sel: &self.sel,
            title,
            pace: None,
        }
    }
}

fn load(input: PathBuf) -> Fixture {
    let mut diags = Diagnostics::default();
    let facts = crate::validate::load(&[Input::Path(input)], &mut diags).unwrap();
    assert!(!diags.has_errors(), "fixture is invalid: {:?}", diags.list);
    let graph = Graph::build(&facts);
    let sel = Filter::default().select(&facts, || &graph);
    Fixture { facts, graph, sel }
}

/// Loads `toml` as one fact file.
pub fn from_toml(toml: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("facts.toml");
    std::fs::write(&path, toml).unwrap();
    load(path)
}

/// The bundled facts of the repository.
pub fn bundled() -> Fixture {
    load(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("facts"))
}

/// One event a date, with ids `e0`, `e1`, … and titles `event N`.
pub fn dated(dates: &[&str]) -> Fixture {
    let mut toml = String::new();
    for (i, date) in dates.iter().enumerate() {
        let _ = write!(
            toml,
            "[[event]]\nid = \"e{i}\"\ntitle = \"event {i}\"\ndate = \"{date}\"\n\n"
        );
    }
    from_toml(&toml)
}

/// Text that breaks naive HTML, JSON or slugs.
pub const HOSTILE: [&str; 8] = [
    "<script>alert(1)</script>",
    "Tom & Jerry &amp; co",
    "say \"hi\" and 'bye'",
    "<b>bold</b> <img src=x onerror=alert(2)>",
    "emoji 🙂🔥 and ZWJ 👩‍👩‍👧",
    "עברית ومرحبا right-to-left \u{202E}",
    "back\\slash \\n \\\" end\\",
    "&lt;already escaped&gt;",
];

/// `text` as a TOML basic string.
pub fn toml_str(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Facts where every title, summary, name, role, kind and quote is hostile
/// text number `n` of [`HOSTILE`] (one event a string).
pub fn hostile() -> Fixture {
    let mut toml = String::new();
    for (i, text) in HOSTILE.iter().enumerate() {
        let t = toml_str(text);
        let _ = write!(
            toml,
            "[[source]]\nid = \"s{i}\"\ntitle = {t}\npublisher = {t}\nurl = {t}\n\n\
             [[actor]]\nid = \"a{i}\"\nname = {t}\n\n\
             [[place]]\nid = \"p{i}\"\nname = {t}\n\n\
             [[event]]\nid = \"e{i}\"\ntitle = {t}\ndate = \"2024-03-{day:02}\"\n\
             kind = {t}\nplace = \"p{i}\"\nsummary = {t}\n\
             actors = [{{ id = \"a{i}\", role = {t} }}]\n\
             sources = [{{ id = \"s{i}\", quote = {t} }}]\n\n",
            day = i + 1,
        );
    }
    from_toml(&toml)
}

/// Reverses HTML escaping of `& < > " '` (and `&#39;`); nothing else.
pub fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The JSON of rendered bytes.
pub fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).unwrap()
}
