//! "Did you mean": the nearest known names to a misspelt one.
//!
//! Shared by the validator (fields, ids) and the queries (entity names). It
//! ranks by Jaro-Winkler similarity on lower-cased text and keeps only close
//! matches, so that a help line never proposes something unrelated.

/// Similarity below which a candidate is not worth proposing.
const THRESHOLD: f64 = 0.8;

/// The closest candidates to `word`, best first, at most `limit`.
pub fn nearest<'c>(
    word: &str,
    candidates: impl Iterator<Item = &'c str>,
    limit: usize,
) -> Vec<&'c str> {
    let lower = word.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= THRESHOLD)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(limit).map(|(_, c)| c).collect()
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
