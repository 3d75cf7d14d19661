//! A value written into JSON as a string through its `Display`, with no
//! string built on the way: dates, days and counts in the JSON exports,
//! which write millions of them. Nothing here knows a format's fields.

use std::fmt::Display;

use serde::{Serialize, Serializer};

/// `T` written as a JSON string: its `Display` text, escaped as it is
/// written.
pub struct Shown<T>(pub T);

impl<T: Display> Serialize for Shown<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Shown;

    #[test]
    fn shown_text_is_the_display_text_escaped() {
        let text = serde_json::to_string(&Shown("a \"quoted\" \\ line\n")).ok();
        let same = serde_json::to_string("a \"quoted\" \\ line\n").ok();
        assert_eq!(text, same);
        assert_eq!(
            serde_json::to_string(&Shown(42)).ok().as_deref(),
            Some("\"42\"")
        );
    }
}
