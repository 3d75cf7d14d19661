//! HTML escaping for the exports whose consumers read HTML (TimelineJS, vis-timeline),
//! and the escaped phrases both show (a place with its surroundings, actors with roles).
//!
//! Every piece of text from the facts that lands in an HTML field goes through
//! [`escape`] (or [`push`]): `&`, `<`, `>`, `"` and `'` become entities, so
//! text is shown as written and never read as markup, inside elements and
//! inside quoted attributes alike. Nothing else changes: no trimming, no
//! normalising. This module adds no tags; the exports do.

use std::fmt::{self, Write};

use crate::model::{Event, Facts};

/// `text` with `& < > " '` written as entities.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped as [`escape`] does.
pub fn push(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest
        .bytes()
        .position(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        let (plain, tail) = rest.split_at(at);
        out.push_str(plain);
        let mut chars = tail.chars();
        out.push_str(match chars.next() {
            Some('&') => "&amp;",
            Some('<') => "&lt;",
            Some('>') => "&gt;",
            Some('"') => "&quot;",
            _ => "&#39;",
        });
        rest = chars.as_str();
    }
    out.push_str(rest);
}

/// Appends `value`'s `Display` text to `out`, escaped as [`escape`] does,
/// with no string built on the way.
pub fn push_shown(out: &mut String, value: impl fmt::Display) {
    struct Escaping<'a>(&'a mut String);
    impl Write for Escaping<'_> {
        fn write_str(&mut self, text: &str) -> fmt::Result {
            push(self.0, text);
            Ok(())
        }
    }
    // Writing into a String cannot fail.
    let _ = write!(Escaping(out), "{value}");
}

/// The event's place and the places around it, escaped: "Moscow, Russia".
pub fn place_line(facts: &Facts, event: &Event) -> Option<String> {
    let place = event.place?;
    let mut out = String::new();
    for (i, p) in facts.enclosing(place).enumerate() {
        if let Some(p) = facts.place(p) {
            if i > 0 {
                out.push_str(", ");
            }
            push(&mut out, facts.str(p.name));
        }
    }
    Some(out)
}

/// The event's actors with their roles, escaped: "ISIS-K (perpetrator), FBI".
pub fn actors_line(facts: &Facts, event: &Event) -> Option<String> {
    let mut out = String::new();
    for part in &event.actors {
        let Some(actor) = facts.actor(part.actor) else {
            continue;
        };
        if !out.is_empty() {
            out.push_str(", ");
        }
        push(&mut out, facts.str(actor.name));
        if let Some(role) = part.role {
            out.push_str(" (");
            push(&mut out, facts.str(role));
            out.push(')');
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_characters() {
        assert_eq!(
            escape(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn leaves_other_text_alone() {
        for text in ["", "plain", "ISIS-K \\ 🙂 مرحبا", "&amp;"] {
            let escaped = escape(text);
            assert_eq!(escaped.replace("&amp;", "&"), text);
        }
        assert_eq!(escape("&amp;"), "&amp;amp;");
    }

    #[test]
    fn push_appends() {
        let mut out = String::from("<b>");
        push(&mut out, "1 < 2");
        assert_eq!(out, "<b>1 &lt; 2");
    }
}
