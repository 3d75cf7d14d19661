//! "Did you mean": the nearest known names to a misspelt one.
//!
//! Shared by the validator (fields, ids) and the queries (entity names). It
//! ranks by Jaro-Winkler similarity on lower-cased text and keeps only close
//! matches, so that a help line never proposes something unrelated. Asked
//! many times over the same names (a fact set with thousands of unknown
//! ids), [`Candidates`] lower-cases them once, and only the few best of each
//! answer are kept in order. Nothing here decides when help is worth its
//! cost.

/// Similarity below which a candidate is not worth proposing.
const THRESHOLD: f64 = 0.8;

/// Names longer than this many bytes are neither given help nor proposed:
/// comparing two names takes time that grows with the square of their
/// length (two ids of 20,000 characters took about a second), and no one
/// misspells such a name by hand.
const LONGEST: usize = 256;

/// `; did you mean `a`, `b`?` for the nearest names, to end a message; empty
/// when there are none.
pub fn hint<S: AsRef<str>>(near: &[S]) -> String {
    if near.is_empty() {
        return String::new();
    }
    let quoted: Vec<String> = near.iter().map(|n| format!("`{}`", n.as_ref())).collect();
    format!("; did you mean {}?", quoted.join(", "))
}

/// The closest candidates to `word`, best first, at most `limit`.
pub fn nearest<'c>(
    word: &str,
    candidates: impl Iterator<Item = &'c str>,
    limit: usize,
) -> Vec<&'c str> {
    Candidates::new(candidates).nearest(word, limit)
}

/// Names to propose, lower-cased once, for asking [`Candidates::nearest`]
/// many times over the same names.
pub struct Candidates<'c> {
    names: Vec<&'c str>,
    /// Every name lower-cased, one after another.
    lower: String,
    /// Where each lower-cased name ends in `lower`.
    ends: Vec<usize>,
}

impl<'c> Candidates<'c> {
    pub fn new(names: impl Iterator<Item = &'c str>) -> Candidates<'c> {
        let names: Vec<&str> = names.collect();
        let mut lower = String::new();
        let mut ends = Vec::with_capacity(names.len());
        for name in &names {
            if name.is_ascii() {
                lower.extend(name.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                lower.push_str(&name.to_lowercase());
            }
            ends.push(lower.len());
        }
        Candidates { names, lower, ends }
    }

    /// How many names there are.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The closest names to `word`, best first, at most `limit`.
    pub fn nearest(&self, word: &str, limit: usize) -> Vec<&'c str> {
        if word.len() > LONGEST {
            return Vec::new();
        }
        let word = word.to_lowercase();
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        let mut best = Best::new(limit);
        for (&name, (start, &end)) in self.names.iter().zip(starts.zip(&self.ends)) {
            let Some(lower) = self.lower.get(start..end).filter(|l| l.len() <= LONGEST) else {
                continue;
            };
            let score = jaro_winkler(&word, lower);
            if score >= THRESHOLD {
                best.offer(score, lower, name);
            }
        }
        best.names()
    }
}

/// The best few names offered: highest score first, then in text order
/// (lower-cased, then as written), each name once. Only as many as are asked
/// for are ever kept, so that ids close to a misspelt one by the thousand
/// (`actor-1` to `actor-9999`) are not all sorted.
struct Best<'c, 'l> {
    limit: usize,
    /// Score, lower-cased name, name as written.
    kept: Vec<(f64, &'l str, &'c str)>,
}

impl<'c, 'l> Best<'c, 'l> {
    fn new(limit: usize) -> Best<'c, 'l> {
        Best {
            limit,
            kept: Vec::with_capacity(limit.saturating_add(1).min(16)),
        }
    }

    fn offer(&mut self, score: f64, lower: &'l str, name: &'c str) {
        let before = |k: &(f64, &str, &str)| {
            let by_text = k.1.cmp(lower).then(k.2.cmp(name));
            k.0.total_cmp(&score).reverse().then(by_text)
        };
        let at = self.kept.partition_point(|k| before(k).is_lt());
        if at >= self.limit || self.kept.get(at).is_some_and(|k| k.2 == name) {
            return;
        }
        self.kept.insert(at, (score, lower, name));
        self.kept.truncate(self.limit);
    }

    fn names(self) -> Vec<&'c str> {
        self.kept.into_iter().map(|(_, _, name)| name).collect()
    }
}

/// Jaro-Winkler similarity, as `strsim` computes it. Text of up to 64 ASCII
/// bytes, as ids nearly always are, is compared here with the matched
/// places kept as bits and without allocating, about ten times as fast;
/// other text goes to `strsim`.
fn jaro_winkler(a: &str, b: &str) -> f64 {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if !(a.is_ascii() && b.is_ascii() && x.len() <= 64 && y.len() <= 64) {
        return strsim::jaro_winkler(a, b);
    }
    let sim = ascii_jaro(x, y);
    if sim > 0.7 {
        let prefix = x.iter().take(4).zip(y).take_while(|(p, q)| p == q).count();
        sim + 0.1 * prefix as f64 * (1.0 - sim)
    } else {
        sim
    }
}

/// Jaro similarity of two texts of at most 64 bytes each, compared byte by
/// byte (the same as character by character for ASCII).
fn ascii_jaro(a: &[u8], b: &[u8]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    } else if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let reach = (a.len().max(b.len()) / 2).saturating_sub(1);
    // Bit i of `in_a` (j of `in_b`) set: that byte is matched.
    let (mut in_a, mut in_b) = (0u64, 0u64);
    let mut matches = 0usize;
    for (i, &p) in a.iter().enumerate() {
        let end = b.len().min(i + reach + 1);
        for j in i.saturating_sub(reach)..end {
            if b.get(j) == Some(&p) && in_b & (1 << j) == 0 {
                in_a |= 1 << i;
                in_b |= 1 << j;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    // The matched bytes of each, in order, compared pair by pair.
    let mut transpositions = 0usize;
    while in_a != 0 && in_b != 0 {
        let (i, j) = (in_a.trailing_zeros(), in_b.trailing_zeros());
        if a.get(i as usize) != b.get(j as usize) {
            transpositions += 1;
        }
        in_a &= in_a - 1;
        in_b &= in_b - 1;
    }
    let transpositions = transpositions / 2;
    ((matches as f64 / a.len() as f64)
        + (matches as f64 / b.len() as f64)
        + ((matches - transpositions) as f64 / matches as f64))
        / 3.0
}

/// A help line proposing the closest candidate, if one is close.
pub fn did_you_mean<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> Option<String> {
    nearest(word, candidates, 1)
        .first()
        .map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proposes_close_names_only() {
        let fields = ["id", "title", "date", "kind", "summary"];
        assert_eq!(
            did_you_mean("titel", fields.iter().copied()).as_deref(),
            Some("did you mean `title`?")
        );
        assert_eq!(
            did_you_mean("Date", fields.iter().copied()).as_deref(),
            Some("did you mean `date`?")
        );
        assert_eq!(did_you_mean("zzzz", fields.iter().copied()), None);
    }

    /// Comparing grows with the square of the length: names past
    /// [`LONGEST`] are left out, however close.
    #[test]
    fn long_names_are_not_compared() {
        let long = "ab".repeat(LONGEST);
        let near = format!("{long}c");
        assert_eq!(
            nearest(&near, [long.as_str()].into_iter(), 3),
            Vec::<&str>::new()
        );
        let short = "ab".repeat(LONGEST / 2 - 1);
        let near = format!("{short}c");
        assert_eq!(
            nearest(&near, [short.as_str()].into_iter(), 3),
            [short.as_str()]
        );
        let started = std::time::Instant::now();
        let huge: Vec<String> = (0..50)
            .map(|i| format!("{i}{}", "ab".repeat(10_000)))
            .collect();
        let word = "ba".repeat(10_000);
        assert!(nearest(&word, huge.iter().map(String::as_str), 3).is_empty());
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    proptest::proptest! {
        #[test]
        fn jaro_winkler_is_strsim_s(
            a in "[ab.-]{0,70}|[a-z0-9-]{0,12}|\\PC{0,6}",
            b in "[ab.-]{0,70}|[a-z0-9-]{0,12}|\\PC{0,6}",
        ) {
            let ours = jaro_winkler(&a, &b);
            let theirs = strsim::jaro_winkler(&a, &b);
            proptest::prop_assert_eq!(ours.to_bits(), theirs.to_bits(), "{} {}", ours, theirs);
        }
    }

    /// Every candidate scored, sorted and cut: what [`nearest`] must give.
    fn sorted_nearest<'c>(word: &str, candidates: &[&'c str], limit: usize) -> Vec<&'c str> {
        let lower = word.to_lowercase();
        let mut scored: Vec<(f64, String, &str)> = candidates
            .iter()
            .map(|c| {
                let low = c.to_lowercase();
                (strsim::jaro_winkler(&lower, &low), low, *c)
            })
            .filter(|(score, _, _)| *score >= THRESHOLD)
            .collect();
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| a.1.cmp(&b.1))
                .then_with(|| a.2.cmp(b.2))
        });
        scored.dedup_by(|later, first| later.2 == first.2);
        scored.into_iter().take(limit).map(|(_, _, c)| c).collect()
    }

    proptest::proptest! {
        #[test]
        fn nearest_keeps_the_best_of_all_sorted(
            word in "[aAb-]{1,8}",
            candidates in proptest::collection::vec("[aAbB-]{0,9}|Σ[aσ]{0,3}", 0..40),
            limit in 0usize..5,
        ) {
            let names: Vec<&str> = candidates.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(
                nearest(&word, names.iter().copied(), limit),
                sorted_nearest(&word, &names, limit)
            );
        }
    }

    #[test]
    fn jaro_winkler_agrees_with_strsim_on_ids() {
        let ids = [
            "",
            "a",
            "actor-557",
            "actr-557",
            "actor-1557",
            "moscow",
            "moskva",
            "mosul",
        ];
        for a in ids {
            for b in ids {
                assert_eq!(
                    jaro_winkler(a, b).to_bits(),
                    strsim::jaro_winkler(a, b).to_bits()
                );
            }
        }
        let long = "x".repeat(64);
        assert_eq!(jaro_winkler(&long, "xx"), strsim::jaro_winkler(&long, "xx"));
    }

    #[test]
    fn nearest_ranks_best_first() {
        let ids = ["moscow", "moskva", "mosul"];
        assert_eq!(
            nearest("moscw", ids.iter().copied(), 2),
            vec!["moscow", "mosul"]
        );
        assert_eq!(nearest("moscw", ids.iter().copied(), 1), vec!["moscow"]);
        assert!(nearest("moscw", ["paris"].into_iter(), 3).is_empty());
    }
}
