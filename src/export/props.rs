//! Property tests: every label and text of random facts comes back
//! unchanged through each export, and no fact adds markup.
//!
//! The facts are drawn by [`crate::write::arb`] (hostile text throughout).
//! The canonical timeline is read back as JSON and compared field by field
//! with the facts. TimelineJS `headline`/`text` and vis `content`/`title`
//! are HTML: the only tags in them must be the exports' own, and the text
//! around the tags, unescaped once, must hold the facts' text (the
//! TimelineJS `group` is escaped twice, so it is unescaped twice). DOT is
//! drawn by the real Graphviz and every label read back (the checks of
//! `dot::graphviz_tests`); skipped with a notice when `dot` is missing,
//! except under `CI`.

use proptest::prelude::*;
use proptest::test_runner::{FileFailurePersistence, TestRunner};
use serde_json::{Map, Value, json};

use super::dot::Layout;
use super::dot::fixture::Loaded;
use super::dot::graphviz_tests::{check, dot_available};
use super::fixture::{Fixture, unescape};
use super::{View, timeline, timelinejs, vis};
use crate::graph::Graph;
use crate::load::Format;
use crate::model::{Attr, Event, Facts};
use crate::query::filter::Filter;
use crate::write::arb::{Spec, cases, spec, text};

fn fixture(spec: &Spec) -> Fixture {
    let (facts, diags) = crate::validate::load_bytes(spec.jsonl().as_bytes(), Format::JsonLines);
    assert!(!diags.has_errors(), "{:#?}", diags.list);
    let graph = Graph::build(&facts);
    let sel = Filter::default().select(&facts, || &graph);
    Fixture { facts, graph, sel }
}

fn json(bytes: &[u8]) -> Result<Value, TestCaseError> {
    serde_json::from_slice(bytes).map_err(|e| TestCaseError::fail(format!("not JSON: {e}")))
}

/// Splits HTML into its tags and the text between them; fails on a tag
/// that is not one of `allowed` (a prefix, for tags with attributes).
fn untag(html: &str, allowed: &[&str]) -> Result<String, TestCaseError> {
    let mut text = String::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        text.push_str(&rest[..at]);
        let tag = &rest[at..];
        let Some(end) = tag.find('>') else {
            return Err(TestCaseError::fail(format!("unclosed `<` in {html:?}")));
        };
        let whole = &tag[..=end];
        prop_assert!(
            allowed
                .iter()
                .any(|a| whole == *a || (a.ends_with('"') && whole.starts_with(a))),
            "foreign tag {:?} in {:?}",
            whole,
            html
        );
        text.push('\n');
        rest = &tag[end + 1..];
    }
    text.push_str(rest);
    prop_assert!(!text.contains('>'), "stray `>` in {:?}", html);
    Ok(unescape(&text))
}

/// The texts of an event that its HTML must show.
fn shown_texts(facts: &Facts, e: &Event) -> Vec<String> {
    let mut texts = vec![];
    texts.extend(facts.opt_str(e.summary).map(str::to_owned));
    if let Some(p) = e.place {
        texts.extend(
            facts
                .enclosing(p)
                .filter_map(|p| facts.place(p))
                .map(|p| facts.str(p.name).to_owned()),
        );
    }
    for part in &e.actors {
        texts.extend(
            facts
                .actor(part.actor)
                .map(|a| facts.str(a.name).to_owned()),
        );
        texts.extend(facts.opt_str(part.role).map(str::to_owned));
    }
    texts
}

fn check_timeline(facts: &Facts, view: &View<'_>) -> Result<(), TestCaseError> {
    let doc = json(&timeline::render(view))?;
    prop_assert_eq!(&doc["title"], &json!(view.title));
    let events = doc["events"].as_array().cloned().unwrap_or_default();
    prop_assert_eq!(events.len(), view.sel.events.len());
    for (ix, got) in view.sel.events.iter().zip(&events) {
        let Some(e) = facts.event(*ix) else { continue };
        let want = expected_event(facts, e);
        for (key, value) in want.as_object().into_iter().flatten() {
            prop_assert_eq!(&got[key], value, "event {} field {}", facts.str(e.id), key);
        }
    }
    Ok(())
}

/// The event as the canonical timeline must give it, text as in the facts.
fn expected_event(facts: &Facts, e: &Event) -> Value {
    let place = e.place.and_then(|p| {
        let within: Vec<&str> = facts
            .enclosing(p)
            .skip(1)
            .filter_map(|w| facts.place(w))
            .map(|w| facts.str(w.id))
            .collect();
        let place = facts.place(p)?;
        Some(json!({"id": facts.str(place.id), "name": facts.str(place.name), "within": within}))
    });
    let actors: Vec<Value> = e.actors.iter().filter_map(|part| {
        let a = facts.actor(part.actor)?;
        Some(json!({"id": facts.str(a.id), "name": facts.str(a.name), "role": facts.opt_str(part.role)}))
    }).collect();
    let sources: Vec<Value> = e.sources.iter().filter_map(|c| {
        let s = facts.source(c.source)?;
        Some(json!({"id": facts.str(s.id), "title": facts.str(s.title), "url": facts.opt_str(s.url),
            "publisher": facts.opt_str(s.publisher), "quote": facts.opt_str(c.quote)}))
    }).collect();
    let mut attributes = Map::new();
    for (key, value) in e.attributes.iter() {
        let value = match value {
            Attr::Str(s) => json!(facts.str(*s)),
            Attr::Int(n) => json!(n),
            Attr::Float(x) => json!(x),
            Attr::Bool(b) => json!(b),
        };
        attributes.insert(facts.str(*key).to_owned(), value);
    }
    json!({
        "id": facts.str(e.id), "title": facts.str(e.title), "kind": facts.opt_str(e.kind),
        "date": e.date.to_string(), "summary": facts.opt_str(e.summary), "place": place,
        "actors": actors, "sources": sources, "attributes": attributes,
    })
}

const TIMELINEJS_TAGS: &[&str] = &[
    "<p>",
    "</p>",
    "<b>",
    "</b>",
    "<ul>",
    "</ul>",
    "<li>",
    "</li>",
    "</a>",
    "<a href=\"",
];

fn check_timelinejs(facts: &Facts, view: &View<'_>) -> Result<(), TestCaseError> {
    let doc = json(&timelinejs::render(view))?;
    prop_assert_eq!(
        untag(doc["title"]["text"]["headline"].as_str().unwrap_or(""), &[])?,
        view.title
    );
    let slides = doc["events"].as_array().cloned().unwrap_or_default();
    prop_assert_eq!(slides.len(), view.sel.events.len());
    for (ix, slide) in view.sel.events.iter().zip(&slides) {
        let Some(e) = facts.event(*ix) else { continue };
        let headline = slide["text"]["headline"].as_str().unwrap_or("");
        prop_assert_eq!(untag(headline, &[])?, facts.str(e.title));
        match facts.opt_str(e.kind) {
            Some(kind) => {
                let group = slide["group"].as_str().unwrap_or("");
                prop_assert!(!group.contains('<') && !group.contains('>'), "{}", group);
                prop_assert_eq!(unescape(&unescape(group)), kind);
            }
            None => prop_assert!(slide.get("group").is_none()),
        }
        let body = untag(
            slide["text"]["text"].as_str().unwrap_or(""),
            TIMELINEJS_TAGS,
        )?;
        let mut want = shown_texts(facts, e);
        for cite in &e.sources {
            let Some(s) = facts.source(cite.source) else {
                continue;
            };
            want.extend(
                [cite.quote, Some(s.title), s.publisher]
                    .into_iter()
                    .flatten()
                    .map(|t| facts.str(t).to_owned()),
            );
        }
        for text in want {
            prop_assert!(body.contains(&text), "{:?} not shown in {:?}", text, body);
        }
    }
    Ok(())
}

fn check_vis(facts: &Facts, view: &View<'_>) -> Result<(), TestCaseError> {
    let doc = json(&vis::render(view))?;
    let items = doc["items"].as_array().cloned().unwrap_or_default();
    prop_assert_eq!(items.len(), view.sel.events.len());
    let kinds = view.sel.events.iter().filter_map(|&k| facts.event(k)?.kind);
    let kinds = kinds.map(|k| facts.str(k)).collect();
    let groups = vis::ids::GroupIds::of(&kinds);
    for (ix, item) in view.sel.events.iter().zip(&items) {
        let Some(e) = facts.event(*ix) else { continue };
        prop_assert_eq!(&item["id"], &json!(vis::ids::item_id(facts.str(e.id))));
        prop_assert_eq!(
            untag(item["content"].as_str().unwrap_or(""), &[])?,
            facts.str(e.title)
        );
        prop_assert_eq!(&item["group"], &json!(groups.get(facts.opt_str(e.kind))));
        let tooltip = untag(
            item["title"].as_str().unwrap_or(""),
            &["<b>", "</b>", "<br>"],
        )?;
        let mut want = shown_texts(facts, e);
        want.retain(|t| Some(t.as_str()) != facts.opt_str(e.summary));
        want.extend([
            facts.str(e.title).to_owned(),
            e.date.to_string(),
            e.date.human(),
        ]);
        for text in want {
            prop_assert!(
                tooltip.contains(&text),
                "{:?} not shown in {:?}",
                text,
                tooltip
            );
        }
    }
    for group in doc["groups"].as_array().cloned().unwrap_or_default() {
        let id = group["id"].as_str().unwrap_or("");
        let content = untag(group["content"].as_str().unwrap_or(""), &[])?;
        prop_assert_eq!(groups.get(Some(&content)), id);
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn text_comes_back_through_the_json_exports(spec in spec(), title in text()) {
        let fx = fixture(&spec);
        let view = fx.view(&title);
        check_timeline(&fx.facts, &view)?;
        check_timelinejs(&fx.facts, &view)?;
        check_vis(&fx.facts, &view)?;
    }
}

#[test]
fn labels_come_back_through_graphviz() {
    if !dot_available() {
        return;
    }
    // Run outside the macro, which would name the file to keep failures
    // in: a failure is kept here, and tried first on every later run.
    let keep = FileFailurePersistence::Direct("proptest-regressions/export/graphviz.txt");
    let mut runner = TestRunner::new(ProptestConfig {
        failure_persistence: Some(Box::new(keep)),
        ..cases(64)
    });
    let result = runner.run(
        &(spec(), text(), any::<bool>()),
        |(spec, title, timeline)| {
            let fx = fixture(&spec);
            let loaded = Loaded {
                facts: fx.facts,
                graph: fx.graph,
                sel: fx.sel,
            };
            let layout = if timeline {
                Layout::Timeline
            } else {
                Layout::Graph
            };
            check(&loaded, &title, layout);
            Ok(())
        },
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}
