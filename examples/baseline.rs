//! The bare-parse baseline of the benchmarks: read a JSON Lines file and pass
//! every line through serde_json into `serde::de::IgnoredAny`, on one thread.
//! `chronicle check` is measured against this.
//!
//! ```sh
//! cargo run --release --example baseline -- bench-data/1m.jsonl
//! ```

use std::io::{BufRead, BufReader};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: baseline FILE.jsonl");
        std::process::exit(2);
    };
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("cannot open {path}: {e}");
            std::process::exit(2);
        }
    };
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut line = String::new();
    let (mut records, mut bad) = (0u64, 0u64);
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) => break,
            Ok(_) => match serde_json::from_str::<serde::de::IgnoredAny>(&line) {
                Ok(_) => records += 1,
                Err(_) => bad += 1,
            },
            Err(e) => {
                eprintln!("read error: {e}");
                std::process::exit(2);
            }
        }
    }
    println!("{records} records, {bad} invalid");
}
