//! A large fact set's text moved out of memory when the cache does not keep
//! it: into a temporary file, read back a page at a time as a stored fact
//! set's text is.
//!
//! A question builds a graph beside the facts. When the facts were stored in
//! the cache, their text was freed for the stored copy; with the cache off,
//! or its folder not writable, it would stay in memory, and a million
//! events would take more memory than their file. Here the text is written
//! to a file in the temporary folder, which is removed from the folder as
//! soon as it is open (so nothing is left behind, whatever happens next),
//! and the strings are read from it as they are asked for. A small fact set
//! is left as it is. Nothing here knows what the strings mean.

use std::io::Write;

use super::store;
use crate::model::Facts;

/// Text below this many bytes stays in memory: writing it out would cost
/// more than it saves.
pub const SPILL_ABOVE: usize = 32 << 20;

/// Moves the text of `facts` into a temporary file when it is larger than
/// [`SPILL_ABOVE`] and not already read from elsewhere; whether it did. On
/// any failure the text stays where it is.
pub fn spill(facts: &mut Facts) -> bool {
    spill_above(facts, SPILL_ABOVE)
}

fn spill_above(facts: &mut Facts, above: usize) -> bool {
    if facts.strings.is_frozen() || !cfg!(unix) {
        return false;
    }
    let [names, text] = facts.strings.texts();
    let (names_len, text_len) = (names.len(), text.len());
    if names_len + text_len <= above {
        return false;
    }
    let Some(file) = crate::output::unlinked_temp("text") else {
        return false;
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 20, &file);
    let written = out.write_all(&names).and_then(|()| out.write_all(&text));
    if written.and_then(|()| out.flush()).is_err() {
        return false;
    }
    drop(out);
    let (_, _, probe) = facts.strings.stored();
    let shared = store::source(&file).and_then(|s| store::shared(s, 0, names_len, text_len));
    match shared {
        Some((names, text)) => facts.strings.freeze(names, text, probe),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::spill_above;
    use crate::load::Format;
    use crate::validate::load_bytes;

    #[test]
    fn spilled_text_reads_as_it_did_and_leaves_no_file() {
        let lines: String = (0..300)
            .map(|i| {
                format!(
                    r#"{{"type":"actor","id":"a{i}","name":"Actor {i} é","aliases":["A{i}"]}}
{{"type":"source","id":"s{i}","title":"Report {i} \"q\" \\ 👩‍👩‍👧"}}
"#
                )
            })
            .collect();
        let (mut facts, diags) = load_bytes(lines.as_bytes(), Format::JsonLines);
        assert!(!diags.has_errors());
        let before: Vec<String> = facts.strings.iter().map(str::to_string).collect();
        let find = |f: &crate::model::Facts| f.strings.get("a299");
        let found = find(&facts);
        assert!(found.is_some());
        assert!(!spill_above(&mut facts, usize::MAX), "small text stays");
        assert!(!facts.strings.is_frozen());
        let ours = |e: &std::fs::DirEntry| {
            let name = e.file_name().to_string_lossy().to_string();
            name.starts_with(&format!(".chronicle-text-{}-", std::process::id()))
        };
        assert!(spill_above(&mut facts, 0));
        assert!(facts.strings.is_frozen());
        let after: Vec<String> = facts.strings.iter().map(str::to_string).collect();
        assert_eq!(after, before);
        assert_eq!(find(&facts), found);
        assert_eq!(facts.strings.get("nobody"), None);
        assert!(!spill_above(&mut facts, 0), "once only");
        let left = std::fs::read_dir(std::env::temp_dir())
            .unwrap()
            .flatten()
            .filter(ours)
            .count();
        assert_eq!(left, 0);
    }
}
