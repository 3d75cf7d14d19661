//! Criterion benchmarks of the pipeline's stages on a synthetic fact set:
//! EDTF parsing, the span-tree JSON parser, the TOML one (plain TOML, and
//! the `toml` crate on the same text), loading and validating JSON Lines,
//! building the graph, and each export. Run with `cargo bench`; not
//! part of `cargo test`.

use std::hint::black_box;

use chronicle::export::View;
use chronicle::export::dot::{self, Layout};
use chronicle::graph::Graph;
use chronicle::load::Format;
use chronicle::query::filter::Filter;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const DATES: [&str; 8] = [
    "2024-03-22",
    "2024-03",
    "2016~",
    "2021?",
    "201X",
    "2024-21",
    "2024-03-07/2024-03-22",
    "../2024-04-02",
];

/// A small ACLED-shaped fact set as JSON Lines.
fn facts(events: usize) -> String {
    let mut out = String::from("{\"type\":\"source\",\"id\":\"s\",\"title\":\"Report\"}\n");
    for a in 0..events / 20 + 1 {
        out.push_str(&format!(
            "{{\"type\":\"actor\",\"id\":\"a{a}\",\"name\":\"Actor {a}\",\"kind\":\"group\"}}\n"
        ));
    }
    for p in 0..events / 50 + 1 {
        out.push_str(&format!(
            "{{\"type\":\"place\",\"id\":\"p{p}\",\"name\":\"Place {p}\"}}\n"
        ));
    }
    for e in 0..events {
        let date = DATES[e % DATES.len()];
        out.push_str(&format!(
            "{{\"type\":\"event\",\"id\":\"e{e}\",\"title\":\"Clash {e} \\\"near\\\" <b>x</b>\",\"date\":\"{date}\",\"kind\":\"battle\",\"place\":\"p{}\",\"actors\":[{{\"id\":\"a{}\",\"role\":\"attacker\"}}],\"killed\":\"~{}\",\"sources\":[{{\"id\":\"s\",\"quote\":\"said so\"}}]}}\n",
            e % (events / 50 + 1),
            e % (events / 20 + 1),
            e % 50
        ));
    }
    out
}

fn stages(c: &mut Criterion) {
    let text = facts(10_000);
    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("edtf_parse", |b| {
        b.iter(|| {
            DATES
                .iter()
                .filter(|d| chronicle::edtf::parse(black_box(d)).is_ok())
                .count()
        })
    });
    g.bench_function("json_span_tree", |b| {
        b.iter(|| {
            text.lines()
                .filter(|l| chronicle::load::json::parse(black_box(l)).is_ok())
                .count()
        })
    });
    g.bench_function("load_validate_jsonl", |b| {
        b.iter(|| chronicle::validate::load_bytes(black_box(text.as_bytes()), Format::JsonLines))
    });
    let (facts, _) = chronicle::validate::load_bytes(text.as_bytes(), Format::JsonLines);
    g.bench_function("graph_build", |b| {
        b.iter(|| Graph::build(black_box(&facts)))
    });
    let graph = Graph::build(&facts);
    let sel = Filter::default().select(&facts, || &graph);
    let view = View {
        facts: &facts,
        sel: &sel,
        title: "bench",
        pace: None,
    };
    g.bench_function("export_dot", |b| {
        b.iter(|| {
            dot::render(
                black_box(&view),
                &dot::Options {
                    layout: Layout::Graph,
                },
            )
        })
    });
    g.bench_function("export_timeline", |b| {
        b.iter(|| chronicle::export::timeline::render(black_box(&view)))
    });
    g.bench_function("export_timelinejs", |b| {
        b.iter(|| chronicle::export::timelinejs::render(black_box(&view)))
    });
    g.bench_function("export_vis", |b| {
        b.iter(|| chronicle::export::vis::render(black_box(&view)))
    });
    g.finish();
    toml_trees(c, &facts);
}

/// The same facts as TOML, as `fmt` writes them, cut into the batches a
/// large document is read in, each read into the span tree by the plain
/// reader and by the `toml` crate.
fn toml_trees(c: &mut Criterion, facts: &chronicle::model::Facts) {
    use chronicle::load::split::Cut;
    use chronicle::load::toml::cut::Cuts;
    let toml = chronicle::write::write(facts, Format::Toml);
    let batches: Vec<String> = Cuts::new(toml.as_slice())
        .filter_map(|cut| match cut {
            Cut::Batch(b) => String::from_utf8(b.bytes).ok(),
            Cut::Stop(_) => None,
        })
        .collect();
    let plain = |b: &String| chronicle::load::toml::plain::parse(black_box(b)).is_some();
    assert!(
        batches.len() > 1 && batches.iter().all(plain),
        "not plain batches"
    );
    let mut g = c.benchmark_group("toml");
    g.throughput(Throughput::Bytes(toml.len() as u64));
    g.bench_function("span_tree_plain", |b| {
        b.iter(|| batches.iter().filter(|t| plain(t)).count())
    });
    g.bench_function("span_tree_crate", |b| {
        b.iter(|| {
            let general = |t: &&String| chronicle::load::toml::parse_general(black_box(t)).is_ok();
            batches.iter().filter(general).count()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = stages
}
criterion_main!(benches);
