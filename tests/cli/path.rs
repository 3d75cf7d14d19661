//! `chronicle path FROM TO`: the shortest connection, every connection, and
//! connections that respect time, on the bundled facts.

use serde_json::Value;

use crate::harness::bundled;
use crate::schema::assert_valid;
use crate::show::no_trailing_spaces;

fn json(args: &[&str]) -> Value {
    let mut all = vec!["path"];
    all.extend_from_slice(args);
    all.push("--json");
    let doc = bundled(&all).status(0).json();
    assert_valid("path", &doc);
    doc
}

/// The entities each path of an answer visits after its start.
fn visits(doc: &Value) -> Vec<Vec<String>> {
    doc["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p["hops"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["to"]["id"].as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn the_shortest_path_from_isis_k_to_russia_runs_through_the_moscow_attack() {
    let doc = json(&["ISIS-K", "Russia"]);
    assert_eq!(doc["found"], true);
    assert_eq!(
        visits(&doc),
        [["moscow-concert-hall-attack-2024", "moscow", "russia"]]
    );
    let hops = doc["paths"][0]["hops"].as_array().unwrap();
    assert_eq!(hops[0]["from"]["id"], "isis-k");
    assert_eq!(hops[0]["kind"], "perpetrator");
    assert_eq!(hops[0]["direction"], "out");
    assert_eq!(hops[0]["date"]["edtf"], "2024-03-22");
    assert_eq!(hops[0]["date"]["human"], "22 Mar 2024");
    assert_eq!(
        hops[0]["sources"][0]["source"],
        "conservative-institute-2024-04-02"
    );
    assert_eq!(hops[2]["kind"], "located_in");
    assert!(hops[2]["date"].is_null());
}

#[test]
fn text_shows_each_hop_with_its_kind_direction_date_and_sources() {
    let run = bundled(&["path", "ISIS-K", "Russia"])
        .status(0)
        .stderr_is("");
    let text = run.stdout();
    assert!(
        text.starts_with("shortest path from ISIS-K [isis-k] to Russia [russia]: 3 hops\n#  from"),
        "{text}"
    );
    assert!(text.contains("1  ISIS-K [isis-k]  "), "{text}");
    assert!(text.contains("-> perpetrator  Attack on a Moscow concert hall [moscow-concert-hall-attack-2024]  2024-03-22 (22 Mar 2024)  conservative-institute-2024-04-02\n"));
    assert!(text.contains("-> located_in   Russia [russia]"));
    no_trailing_spaces(&text);
}

#[test]
fn the_same_question_gives_the_same_bytes() {
    let a = bundled(&["path", "ISIS-K", "U.S.", "--all", "--json"])
        .status(0)
        .stdout();
    let b = bundled(&["path", "ISIS-K", "U.S.", "--all", "--json"])
        .status(0)
        .stdout();
    assert_eq!(a, b);
}

#[test]
fn chronological_finds_the_warning_before_the_attack() {
    let doc = json(&[
        "us-warning-to-russia-2024-03-07",
        "moscow-concert-hall-attack-2024",
        "--chronological",
    ]);
    assert_eq!(doc["chronological"], true);
    assert_eq!(
        visits(&doc),
        [["russian-government", "moscow-concert-hall-attack-2024"]]
    );
    bundled(&[
        "path",
        "us-warning-to-russia-2024-03-07",
        "moscow-concert-hall-attack-2024",
        "--chronological",
    ])
    .status(0)
    .stdout_has("shortest time-respecting path from");
}

#[test]
fn chronological_refuses_to_go_from_the_attack_back_to_the_earlier_warning() {
    let plain = json(&[
        "moscow-concert-hall-attack-2024",
        "us-warning-to-russia-2024-03-07",
    ]);
    assert_eq!(
        visits(&plain),
        [["russian-government", "us-warning-to-russia-2024-03-07"]]
    );
    let timed = json(&[
        "moscow-concert-hall-attack-2024",
        "us-warning-to-russia-2024-03-07",
        "--chronological",
    ]);
    assert_eq!(timed["found"], false);
    assert_eq!(timed["paths"], serde_json::json!([]));
    assert_eq!(timed["truncated"], false);
    bundled(&["path", "moscow-concert-hall-attack-2024", "us-warning-to-russia-2024-03-07", "--chronological"])
        .status(0)
        .stdout_is("no time-respecting path from Attack on a Moscow concert hall [moscow-concert-hall-attack-2024] to U.S. written warning to Russia about a possible attack [us-warning-to-russia-2024-03-07] within 6 hops\n");
}

#[test]
fn chronological_refuses_the_2016_attack_after_2024() {
    let plain = json(&[
        "moscow-concert-hall-attack-2024",
        "western-europe-attack-2016",
    ]);
    assert_eq!(visits(&plain), [["isis-k", "western-europe-attack-2016"]]);
    let timed = json(&[
        "moscow-concert-hall-attack-2024",
        "western-europe-attack-2016",
        "--chronological",
        "--all",
    ]);
    assert_eq!(timed["found"], false);
    let forward = json(&[
        "western-europe-attack-2016",
        "moscow-concert-hall-attack-2024",
        "--chronological",
    ]);
    assert_eq!(
        visits(&forward),
        [["isis-k", "moscow-concert-hall-attack-2024"]]
    );
}

#[test]
fn chronological_takes_a_longer_forward_route_instead_of_one_back_to_2021() {
    // From the warning of March 2024 the quickest way to Afghanistan is the
    // 2021 pullout, which lies in the past; forward in time it runs through
    // ISIS-K's threat from April 2024 and the region it is named after.
    let plain = json(&["us-warning-to-russia-2024-03-07", "afghanistan"]);
    assert_eq!(
        visits(&plain),
        [["united-states", "afghanistan-pullout-2021", "afghanistan"]]
    );
    let timed = json(&[
        "us-warning-to-russia-2024-03-07",
        "afghanistan",
        "--chronological",
    ]);
    assert_eq!(
        visits(&timed),
        [["united-states", "isis-k", "khorasan", "afghanistan"]]
    );
    assert_eq!(
        timed["paths"][0]["hops"][1]["kind"],
        "threatens_interests_abroad_of"
    );
    assert_eq!(timed["paths"][0]["hops"][1]["direction"], "in");
}

/// The earliest day of a hop's date, or None when it has none or it is open.
fn bounds(hop: &Value) -> Option<(Option<String>, Option<String>)> {
    let d = &hop["date"];
    if d.is_null() {
        return None;
    }
    Some((
        d["earliest"].as_str().map(String::from),
        d["latest"].as_str().map(String::from),
    ))
}

#[test]
fn every_chronological_path_can_be_walked_forward_in_time() {
    let doc = json(&[
        "united-states",
        "moscow-concert-hall-attack-2024",
        "--chronological",
        "--all",
        "--max-hops",
        "3",
    ]);
    let routes = visits(&doc);
    assert!(
        routes.contains(&vec![
            "us-warning-to-russia-2024-03-07".to_string(),
            "russian-government".to_string(),
            "moscow-concert-hall-attack-2024".to_string()
        ]),
        "through the 7 March warning to the 22 March attack: {routes:?}"
    );
    for path in doc["paths"].as_array().unwrap() {
        let mut t: Option<String> = None;
        for hop in path["hops"].as_array().unwrap() {
            if let Some((lo, hi)) = bounds(hop) {
                if let (Some(hi), Some(now)) = (&hi, &t) {
                    assert!(hi >= now, "hop back in time in {path}");
                }
                if lo > t {
                    t = lo;
                }
            }
        }
    }
    let plain = json(&[
        "united-states",
        "moscow-concert-hall-attack-2024",
        "--all",
        "--max-hops",
        "3",
    ]);
    assert!(
        visits(&plain).len() > routes.len(),
        "time removes some paths"
    );
}

#[test]
fn all_lists_every_simple_path_shortest_first() {
    let doc = json(&["ISIS-K", "U.S.", "--all", "--max-hops", "2"]);
    assert_eq!(doc["all"], true);
    assert_eq!(doc["max_hops"], 2);
    let lengths: Vec<u64> = doc["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["length"].as_u64().unwrap())
        .collect();
    assert_eq!(&lengths[..3], [1, 1, 1], "three direct relations");
    assert!(lengths.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(lengths.len(), 7, "and four through one entity");
    let shortest = json(&["ISIS-K", "U.S."]);
    assert_eq!(
        shortest["paths"][0], doc["paths"][0],
        "the shortest path comes first"
    );
    bundled(&["path", "ISIS-K", "U.S.", "--all", "--max-hops", "2"])
        .status(0)
        .stdout_has("7 paths from ISIS-K [isis-k] to United States [united-states] within 2 hops\n\npath 1 (1 hop)\n");
}

#[test]
fn all_stops_at_the_limit_and_says_so() {
    let run = bundled(&["path", "ISIS-K", "U.S.", "--all", "--limit", "2", "--json"]).status(0);
    let run = run.stderr_has("warning: stopped after 2 paths (--limit); there are more");
    let doc = run.json();
    assert_eq!(doc["paths"].as_array().unwrap().len(), 2);
    assert_eq!(doc["truncated"], true);
    assert_eq!(doc["stopped"], "limit");
    bundled(&["path", "ISIS-K", "U.S.", "--all", "--limit", "2"])
        .status(0)
        .stderr_has("stopped after 2 paths");
}

#[test]
fn a_limit_of_one_path_is_one_path() {
    bundled(&["path", "ISIS-K", "U.S.", "--all", "--limit", "1"])
        .status(0)
        .stderr_has("warning: stopped after 1 path (--limit)")
        .stdout_has("1 path from ISIS-K [isis-k] to United States [united-states]");
}

#[test]
fn directed_follows_edges_only_their_way() {
    assert_eq!(visits(&json(&["U.S.", "ISIS-K"])).len(), 1);
    let doc = json(&["U.S.", "ISIS-K", "--directed"]);
    assert_eq!(doc["found"], false);
    assert_eq!(doc["directed"], true);
    bundled(&["path", "U.S.", "ISIS-K", "--directed"])
        .status(0)
        .stdout_is("no directed path from United States [united-states] to ISIS-K [isis-k] within 6 hops\n");
    let along = json(&["U.S.", "syria", "--directed"]);
    assert_eq!(
        visits(&along),
        [["russian-government", "bashar-assad", "syria"]]
    );
}

#[test]
fn max_hops_bounds_the_search() {
    let doc = json(&["ISIS-K", "Russia", "--max-hops", "2"]);
    assert_eq!(doc["found"], false);
    bundled(&["path", "ISIS-K", "Russia", "--max-hops", "2"])
        .status(0)
        .stdout_is("no path from ISIS-K [isis-k] to Russia [russia] within 2 hops\n");
}

#[test]
fn filters_keep_rejected_events_off_the_path() {
    // Before the attack, nothing connects ISIS-K to the country.
    assert_eq!(
        json(&["ISIS-K", "Russia", "--until", "2024-02"])["found"],
        false
    );
    assert_eq!(
        json(&["ISIS-K", "Russia", "--kind", "attack"])["found"],
        true
    );
    assert_eq!(
        json(&["ISIS-K", "Russia", "--kind", "bombing"])["found"],
        false
    );
    assert_eq!(
        json(&["ISIS-K", "Russia", "--place", "Iran"])["found"],
        false
    );
    assert_eq!(
        json(&["ISIS-K", "Russia", "--place", "Russia"])["found"],
        true
    );
    assert_eq!(
        json(&["ISIS-K", "Russia", "--actor", "Taliban"])["found"],
        false
    );
    assert_eq!(
        json(&["ISIS-K", "Russia", "--actor", "russian-government"])["found"],
        true
    );
    assert_eq!(
        json(&["ISIS-K", "Russia", "--around", "iran"])["found"],
        false
    );
    assert_eq!(
        json(&["ISIS-K", "Russia", "--around", "moscow"])["found"],
        true
    );
}

#[test]
fn the_same_entity_is_a_path_of_no_hops() {
    let doc = json(&["isis-k", "ISIS-K"]);
    assert_eq!(doc["found"], true);
    assert_eq!(doc["paths"][0]["length"], 0);
    bundled(&["path", "isis-k", "isis-k"])
        .status(0)
        .stdout_is("shortest path from ISIS-K [isis-k] to ISIS-K [isis-k]: 0 hops\n");
}

#[test]
fn unknown_endpoints_are_usage_errors_that_suggest_the_nearest() {
    bundled(&["path", "ISIS-K", "Rusia"])
        .status(2)
        .stdout_is("")
        .stderr_has("did you mean `Russia`");
    bundled(&["path", "ISIZ-K", "Russia"])
        .status(2)
        .stderr_has("`ISIS-K`");
    bundled(&["path", "ISIS-K", "Russia", "--since", "soon"])
        .status(2)
        .stderr_has("--since `soon` is not an EDTF date");
}

#[test]
fn filters_and_other_fact_files_work_in_text_too() {
    bundled(&["path", "ISIS-K", "Russia", "--until", "2024-02"])
        .status(0)
        .stdout_is("no path from ISIS-K [isis-k] to Russia [russia] within 6 hops\n");
    let s = crate::harness::Scratch::new().file(
        "x/a.toml",
        "[[actor]]\nid = \"a\"\nname = \"A\"\n[[actor]]\nid = \"b\"\nname = \"B\"\n[[relation]]\nid = \"r\"\nkind = \"knows\"\nfrom = \"a\"\nto = \"b\"\ndate = \"2020-05\"\n",
    );
    s.run(&["path", "b", "a", "-f", "x", "--chronological", "--directed"])
        .status(0)
        .stdout_is("no time-respecting directed path from B [b] to A [a] within 6 hops\n");
    s.run(&["path", "b", "a", "-f", "x"]).status(0).stdout_is(
        "shortest path from B [b] to A [a]: 1 hop\n#  from   link      to     date                sources\n1  B [b]  <- knows  A [a]  2020-05 (May 2020)\n",
    );
}

#[test]
fn a_huge_max_hops_on_a_small_graph_gives_the_complete_answer_without_a_warning() {
    // No simple path between two entities has more than one hop, so however
    // far --max-hops reaches, the search is over after that hop.
    let s = crate::harness::Scratch::new().file(
        "two.jsonl",
        "{\"type\":\"actor\",\"id\":\"a\",\"name\":\"a\"}\n{\"type\":\"actor\",\"id\":\"b\",\"name\":\"b\"}\n{\"type\":\"relation\",\"kind\":\"k\",\"from\":\"a\",\"to\":\"b\"}\n",
    );
    for hops in ["65535", "10000000", "18446744073709551615"] {
        s.run(&["path", "a", "b", "--all", "--max-hops", hops, "-f", "two.jsonl"])
            .status(0)
            .stderr_is("")
            .stdout_is(&format!(
                "1 path from a to b within {hops} hops\n\npath 1 (1 hop)\n#  from  link  to  date  sources\n1  a     -> k  b\n"
            ));
        let doc = s
            .run(&[
                "path",
                "a",
                "b",
                "--all",
                "--max-hops",
                hops,
                "-f",
                "two.jsonl",
                "--json",
            ])
            .status(0)
            .stderr_is("")
            .json();
        assert_valid("path", &doc);
        assert_eq!(doc["paths"].as_array().unwrap().len(), 1);
        assert_eq!(doc["truncated"], false);
        assert!(doc["stopped"].is_null());
    }
}

#[test]
fn a_limit_that_every_path_fits_is_not_a_stop() {
    let s = crate::harness::Scratch::new().file(
        "two.jsonl",
        "{\"type\":\"actor\",\"id\":\"a\",\"name\":\"a\"}\n{\"type\":\"actor\",\"id\":\"b\",\"name\":\"b\"}\n{\"type\":\"relation\",\"kind\":\"k\",\"from\":\"a\",\"to\":\"b\"}\n",
    );
    let args = ["path", "a", "b", "--all", "--limit", "1", "-f", "two.jsonl"];
    s.run(&args)
        .status(0)
        .stderr_is("")
        .stdout_has("1 path from a to b within 6 hops\n");
    let doc = s.run(&[&args[..], &["--json"]].concat()).status(0).json();
    assert_valid("path", &doc);
    assert_eq!(doc["truncated"], false);
    assert!(doc["stopped"].is_null());
}

#[test]
fn all_with_a_huge_max_hops_lists_the_same_paths_as_one_the_graph_can_fill() {
    // The bundled facts hold fewer than 40 entities, so no simple path is
    // longer than 40 hops.
    let fitting = json(&["ISIS-K", "Russia", "--all", "--max-hops", "40"]);
    let huge = json(&["ISIS-K", "Russia", "--all", "--max-hops", "1000000"]);
    assert_eq!(huge["truncated"], false);
    assert_eq!(huge["max_hops"], 1_000_000);
    assert_eq!(huge["paths"], fitting["paths"]);
    assert_eq!(visits(&huge).len(), 71);
}
