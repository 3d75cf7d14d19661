//! Generates a synthetic, ACLED-shaped fact set as JSON Lines on stdout, for
//! benchmarks and load tests (never for the test suite).
//!
//! About 1 actor per 20 events and 1 place per 50 (countries, regions and
//! cities nested with `in`), heavy-tailed popularity (a few actors and places
//! take most events), 1–2 actors per event, 1 relation per 5 events, 1 source
//! per 10 events, and the mix of EDTF forms real data has: mostly days, some
//! months, years, approximate, uncertain, unspecified digits, seasons and
//! intervals. Some summaries hold quotes, backslashes, markup and non-ASCII
//! text. The output depends only on `--events`, `--seed` and `--by-date`.
//!
//! Events come in the order they were drawn, so their dates are shuffled.
//! With `--by-date` the same facts come with the events in order of their
//! dates (the day each is drawn around; ties as drawn), as event data is
//! usually exported, and the relations after them.
//!
//! ```sh
//! cargo run --release --example gen -- --events 1000000 > bench-data/1m.jsonl
//! ```

use std::io::{self, BufWriter, Write};

/// SplitMix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Heavy-tailed index in 0..n: a few indexes take most draws.
    fn popular(&mut self, n: usize) -> usize {
        ((n as f64) * self.unit().powi(4)) as usize % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
}

const ACTOR_KINDS: [&str; 5] = ["person", "organization", "group", "state", "militia"];
const EVENT_KINDS: [&str; 7] = [
    "battle",
    "attack",
    "protest",
    "bombing",
    "statement",
    "arrest",
    "riot",
];
const ROLES: [&str; 5] = ["perpetrator", "target", "victim", "participant", "speaker"];
const RELATIONS: [&str; 6] = [
    "supports",
    "opposes",
    "part_of",
    "warned",
    "funds",
    "allied_with",
];
const WORDS: [&str; 12] = [
    "clash",
    "convoy",
    "checkpoint",
    "market",
    "border",
    "village",
    "district",
    "patrol",
    "rally",
    "station",
    "bridge",
    "camp",
];
const TEXTS: [&str; 6] = [
    "Witnesses said \"dozens\" were hurt near the \\ main road.",
    "Reports mention <b>heavy</b> fighting & shelling overnight.",
    "Officials denied the claim; \"no comment\" was the only reply.",
    "Le marché central a été touché — 目撃者 said the area was closed.",
    "Local sources: الوضع متوتر in the northern district.",
    "A statement ended with a backslash \\",
];

struct Sizes {
    events: usize,
    actors: usize,
    places: usize,
    sources: usize,
}

fn main() -> io::Result<()> {
    let mut events = 10_000usize;
    let mut seed = 1u64;
    let mut by_date = false;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--events" => {
                events = it
                    .next()
                    .and_then(|v| v.replace('_', "").parse().ok())
                    .unwrap_or(events)
            }
            "--seed" => seed = it.next().and_then(|v| v.parse().ok()).unwrap_or(seed),
            "--by-date" => by_date = true,
            _ => {
                eprintln!("usage: gen [--events N] [--seed S] [--by-date]");
                std::process::exit(2);
            }
        }
    }
    let sizes = Sizes {
        events,
        actors: (events / 20).max(2),
        places: (events / 50).max(3),
        sources: (events / 10).max(1),
    };
    let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    let mut rng = Rng(seed);
    sources(&mut out, &mut rng, &sizes)?;
    actors(&mut out, &mut rng, &sizes)?;
    places(&mut out, &mut rng, &sizes)?;
    // With --by-date, the events' lines with their days, and the relations.
    let mut dated: Vec<(Day, Vec<u8>)> = Vec::new();
    let mut relations: Vec<u8> = Vec::new();
    for i in 0..sizes.events {
        let mut line = Vec::new();
        let day = event(&mut line, &mut rng, &sizes, i)?;
        match by_date {
            true => dated.push((day, line)),
            false => out.write_all(&line)?,
        }
        if i % 5 == 4 {
            match by_date {
                true => relation(&mut relations, &mut rng, &sizes, i / 5)?,
                false => relation(&mut out, &mut rng, &sizes, i / 5)?,
            }
        }
    }
    // A stable sort: events of one day stay in the order they were drawn.
    dated.sort_by_key(|&(day, _)| day);
    for (_, line) in dated {
        out.write_all(&line)?;
    }
    out.write_all(&relations)?;
    out.flush()
}

/// Year, month and day.
type Day = (u32, u32, u32);

/// JSON string literal of `s`.
fn q(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn day(rng: &mut Rng) -> Day {
    (
        1997 + rng.below(28) as u32,
        1 + rng.below(12) as u32,
        1 + rng.below(28) as u32,
    )
}

/// An EDTF date in the mix real event data has, and the day it is drawn
/// around.
fn date(rng: &mut Rng) -> (String, Day) {
    let (y, m, d) = day(rng);
    let date = match rng.below(100) {
        0..=69 => format!("{y:04}-{m:02}-{d:02}"),
        70..=79 => format!("{y:04}-{m:02}"),
        80..=84 => format!("{y:04}"),
        85..=88 => format!("{y:04}~"),
        89..=91 => format!("{y:04}-{m:02}?"),
        92..=96 => {
            let (m2, d2) = if m < 12 { (m + 1, d) } else { (m, 28) };
            format!("{y:04}-{m:02}-{d:02}/{y:04}-{m2:02}-{d2:02}")
        }
        97 => format!("{y:04}-{m:02}-XX"),
        98 => format!("{y:04}-{}", 21 + rng.below(4)),
        _ => format!("../{y:04}-{m:02}-{d:02}"),
    };
    (date, (y, m, d))
}

fn count(rng: &mut Rng) -> String {
    let n = rng.below(200);
    match rng.below(10) {
        0..=5 => n.to_string(),
        6 => format!("\"~{n}\""),
        7 => format!("\"{n}+\""),
        8 => format!("\"{n}-{}\"", n + 1 + rng.below(20)),
        _ => "0".to_string(),
    }
}

fn cites(rng: &mut Rng, s: &Sizes) -> String {
    let n = 1 + rng.below(2);
    let list: Vec<String> = (0..n)
        .map(|_| {
            let id = rng.popular(s.sources);
            if rng.below(2) == 0 {
                format!("{{\"id\":\"src-{id}\",\"quote\":{}}}", q(rng.pick(&TEXTS)))
            } else {
                format!("\"src-{id}\"")
            }
        })
        .collect();
    list.join(",")
}

fn sources(out: &mut impl Write, rng: &mut Rng, s: &Sizes) -> io::Result<()> {
    for i in 0..s.sources {
        let (y, m, d) = day(rng);
        let rel = ["A", "B", "C", "D", "E", "F"][rng.below(6)];
        writeln!(
            out,
            "{{\"type\":\"source\",\"id\":\"src-{i}\",\"title\":\"Field report {i}\",\"publisher\":\"Outlet {}\",\"url\":\"https://example.org/reports/{i}\",\"published\":\"{y:04}-{m:02}-{d:02}\",\"reliability\":\"{rel}\",\"credibility\":{}}}",
            rng.below(40),
            1 + rng.below(6)
        )?;
    }
    Ok(())
}

fn actors(out: &mut impl Write, rng: &mut Rng, s: &Sizes) -> io::Result<()> {
    for i in 0..s.actors {
        let kind = rng.pick(&ACTOR_KINDS);
        let alias = if i % 7 == 0 {
            format!(",\"aliases\":[\"A{i}\"]")
        } else {
            String::new()
        };
        writeln!(
            out,
            "{{\"type\":\"actor\",\"id\":\"actor-{i}\",\"name\":\"Actor {i}\",\"kind\":\"{kind}\"{alias}}}"
        )?;
    }
    Ok(())
}

/// Places: the first tenth are countries, the next fifth regions in them, the rest cities.
fn places(out: &mut impl Write, rng: &mut Rng, s: &Sizes) -> io::Result<()> {
    let countries = (s.places / 10).max(1);
    let regions = (s.places / 5).max(1);
    for i in 0..s.places {
        let (kind, within) = if i < countries {
            ("country", String::new())
        } else if i < countries + regions {
            (
                "region",
                format!(",\"in\":\"place-{}\"", rng.below(countries)),
            )
        } else {
            (
                "city",
                format!(",\"in\":\"place-{}\"", countries + rng.below(regions)),
            )
        };
        let lat = rng.unit() * 140.0 - 70.0;
        let lon = rng.unit() * 340.0 - 170.0;
        writeln!(
            out,
            "{{\"type\":\"place\",\"id\":\"place-{i}\",\"name\":\"Place {i}\",\"kind\":\"{kind}\"{within},\"lat\":{lat:.4},\"lon\":{lon:.4}}}"
        )?;
    }
    Ok(())
}

/// Writes event `i`; gives the day its date is drawn around.
fn event(out: &mut impl Write, rng: &mut Rng, s: &Sizes, i: usize) -> io::Result<Day> {
    let kind = rng.pick(&EVENT_KINDS);
    let word = rng.pick(&WORDS);
    let place = rng.popular(s.places);
    let n = 1 + rng.below(2);
    let actors: Vec<String> = (0..n)
        .map(|_| {
            format!(
                "{{\"id\":\"actor-{}\",\"role\":\"{}\"}}",
                rng.popular(s.actors),
                rng.pick(&ROLES)
            )
        })
        .collect();
    let summary = if rng.below(3) == 0 {
        format!(",\"summary\":{}", q(rng.pick(&TEXTS)))
    } else {
        String::new()
    };
    let (date, day) = date(rng);
    writeln!(
        out,
        "{{\"type\":\"event\",\"id\":\"event-{i}\",\"title\":\"{} {word} near Place {place}\",\"date\":\"{date}\",\"kind\":\"{kind}\",\"place\":\"place-{place}\",\"actors\":[{}],\"killed\":{}{summary},\"sources\":[{}]}}",
        capital(kind),
        actors.join(","),
        count(rng),
        cites(rng, s)
    )?;
    Ok(day)
}

fn capital(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn relation(out: &mut impl Write, rng: &mut Rng, s: &Sizes, i: usize) -> io::Result<()> {
    let from = rng.popular(s.actors);
    let to = rng.popular(s.actors);
    let kind = rng.pick(&RELATIONS);
    let date = if rng.below(2) == 0 {
        let (y, m, _) = day(rng);
        format!(
            ",\"date\":\"{y:04}-{m:02}/{}\"",
            y + 1 + rng.below(3) as u32
        )
    } else {
        String::new()
    };
    writeln!(
        out,
        "{{\"type\":\"relation\",\"id\":\"rel-{i}\",\"kind\":\"{kind}\",\"from\":\"actor-{from}\",\"to\":\"actor-{to}\"{date},\"sources\":[{}]}}",
        cites(rng, s)
    )
}
