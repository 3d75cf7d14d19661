//! HTML escaping for the exports whose consumers read HTML (TimelineJS, vis-timeline),
//! and the escaped phrases both show (a place with its surroundings, actors with roles).
//!
//! Every piece of text from the facts that lands in an HTML field goes through
//! [`Html`] (or [`push`]): `&`, `<`, `>`, `"` and `'` become entities, so
//! text is shown as written and never read as markup, inside elements and
//! inside quoted attributes alike. Nothing else changes: no trimming, no
//! normalising. This module adds no tags; the exports do.

use std::fmt::{self, Write};

use crate::model::{Event, Facts, PlaceIx};

/// Appends `text` to `out` with `& < > " '` written as entities.
pub fn push(out: &mut String, text: &str) {
    // Pushing onto a string cannot fail.
    let _: Result<(), fmt::Error> = escaped(text, |piece| {
        out.push_str(piece);
        Ok(())
    });
}

/// Gives `text` escaped as [`push`] writes it, a piece at a time: the plain
/// runs as they are and each escaped character as its entity.
fn escaped<E>(text: &str, mut put: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    let mut rest = text;
    while let Some(at) = rest
        .bytes()
        .position(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        let (plain, tail) = rest.split_at(at);
        put(plain)?;
        let mut chars = tail.chars();
        put(match chars.next() {
            Some('&') => "&amp;",
            Some('<') => "&lt;",
            Some('>') => "&gt;",
            Some('"') => "&quot;",
            _ => "&#39;",
        })?;
        rest = chars.as_str();
    }
    put(rest)
}

/// `T`'s `Display` text escaped as [`push`] escapes text, written where it is
/// wanted with no string built on the way (in a JSON export, through
/// `Shown`).
pub struct Html<T>(pub T);

impl<T: fmt::Display> fmt::Display for Html<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Escaping<'a, 'b>(&'a mut fmt::Formatter<'b>);
        impl Write for Escaping<'_, '_> {
            fn write_str(&mut self, text: &str) -> fmt::Result {
                escaped(text, |piece| self.0.write_str(piece))
            }
        }
        write!(Escaping(f), "{}", self.0)
    }
}

/// The event's place and the places around it, escaped: "Moscow, Russia";
/// `None` when the event has no place.
pub fn place_line<'f>(facts: &'f Facts, event: &Event) -> Option<PlaceLine<'f>> {
    event.place.map(|place| PlaceLine { facts, place })
}

/// See [`place_line`].
pub struct PlaceLine<'f> {
    facts: &'f Facts,
    place: PlaceIx,
}

impl fmt::Display for PlaceLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let places = self.facts.enclosing(self.place);
        for (i, p) in places.filter_map(|p| self.facts.place(p)).enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}", Html(self.facts.str(p.name)))?;
        }
        Ok(())
    }
}

/// The event's actors with their roles, escaped: "ISIS-K (perpetrator),
/// FBI"; `None` when it names none.
pub fn actors_line<'f>(facts: &'f Facts, event: &'f Event) -> Option<ActorsLine<'f>> {
    let line = ActorsLine { facts, event };
    let named = line.named().next().is_some();
    named.then_some(line)
}

/// See [`actors_line`].
pub struct ActorsLine<'f> {
    facts: &'f Facts,
    event: &'f Event,
}

impl<'f> ActorsLine<'f> {
    /// Each actor's name, with its role.
    fn named(&self) -> impl Iterator<Item = (&'f str, Option<&'f str>)> + '_ {
        let facts = self.facts;
        self.event.actors.iter().filter_map(move |part| {
            let actor = facts.actor(part.actor)?;
            Some((facts.str(actor.name), facts.opt_str(part.role)))
        })
    }
}

impl fmt::Display for ActorsLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (name, role)) in self.named().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}", Html(name))?;
            if let Some(role) = role {
                write!(f, " ({})", Html(role))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escape(text: &str) -> String {
        Html(text).to_string()
    }

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
    fn push_escapes_as_html_displays() {
        for text in [r#"<a href="x">Tom & 'Jerry'</a>"#, "", "plain", "é < ü"] {
            let mut out = String::from("<b>");
            push(&mut out, text);
            assert_eq!(out, format!("<b>{}", escape(text)));
        }
        assert_eq!(Html(Html("a&b")).to_string(), "a&amp;amp;b");
        assert_eq!(Html(format_args!("{}<{}", 1, 2)).to_string(), "1&lt;2");
    }
}
