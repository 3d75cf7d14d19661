//! How nodes look: a shape by category and kind, a fill colour by kind.
//!
//! Colours come from Paul Tol's "light" scheme, which stays distinguishable
//! for the common forms of colour blindness and keeps black text readable.
//! Well-known kinds have fixed colours; any other kind gets one of the same
//! colours chosen by a stable hash of its text (FNV-1a), so a kind keeps its
//! colour from run to run and machine to machine. Nothing here writes DOT.

use crate::model::EntityKind;

/// Paul Tol's light scheme.
const LIGHT_BLUE: &str = "#77AADD";
const LIGHT_CYAN: &str = "#99DDFF";
const MINT: &str = "#44BB99";
const PEAR: &str = "#BBCC33";
const OLIVE: &str = "#AAAA00";
const LIGHT_YELLOW: &str = "#EEDD88";
const ORANGE: &str = "#EE8866";
const PINK: &str = "#FFAABB";
const PALE_GREY: &str = "#DDDDDD";

/// The colours unknown kinds are hashed into.
const PALETTE: [&str; 9] = [
    LIGHT_BLUE,
    LIGHT_CYAN,
    MINT,
    PEAR,
    OLIVE,
    LIGHT_YELLOW,
    ORANGE,
    PINK,
    PALE_GREY,
];

/// The fill of an entity without a kind.
const NO_KIND: &str = "#FFFFFF";

const ACTOR_KINDS: &[(&str, &str)] = &[
    ("person", LIGHT_YELLOW),
    ("group", ORANGE),
    ("organization", PINK),
    ("organisation", PINK),
    ("state", LIGHT_BLUE),
    ("agency", LIGHT_CYAN),
    ("command", MINT),
    ("military", PEAR),
];

const PLACE_KINDS: &[(&str, &str)] = &[
    ("country", PEAR),
    ("region", PALE_GREY),
    ("city", MINT),
    ("town", MINT),
    ("site", LIGHT_CYAN),
    ("building", LIGHT_CYAN),
];

const EVENT_KINDS: &[(&str, &str)] = &[
    ("attack", ORANGE),
    ("bombing", PINK),
    ("statement", LIGHT_CYAN),
    ("warning", LIGHT_YELLOW),
    ("withdrawal", MINT),
    ("arrest", PEAR),
    ("meeting", LIGHT_BLUE),
    ("agreement", OLIVE),
];

/// Shape, style and fill of one node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Look {
    pub shape: &'static str,
    pub style: &'static str,
    pub fill: &'static str,
}

/// How an entity of this category and kind is drawn; `dashed` marks an
/// approximate or uncertain date.
pub fn look(category: EntityKind, kind: Option<&str>, dashed: bool) -> Look {
    let (shape, style) = match category {
        EntityKind::Actor => (actor_shape(kind), "filled"),
        EntityKind::Place => ("house", "filled"),
        EntityKind::Event if dashed => ("box", "rounded,filled,dashed"),
        EntityKind::Event => ("box", "rounded,filled"),
    };
    Look {
        shape,
        style,
        fill: fill(category, kind),
    }
}

fn actor_shape(kind: Option<&str>) -> &'static str {
    match kind.map(str::to_ascii_lowercase).as_deref() {
        Some("person") => "ellipse",
        Some("state") => "hexagon",
        _ => "octagon",
    }
}

/// The fill colour of a kind in its category.
pub fn fill(category: EntityKind, kind: Option<&str>) -> &'static str {
    let Some(kind) = kind else { return NO_KIND };
    let table = match category {
        EntityKind::Actor => ACTOR_KINDS,
        EntityKind::Place => PLACE_KINDS,
        EntityKind::Event => EVENT_KINDS,
    };
    table
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(kind))
        .map_or_else(|| hashed(kind), |(_, colour)| colour)
}

/// A palette colour picked by the kind's FNV-1a hash.
fn hashed(kind: &str) -> &'static str {
    let slot = fnv1a(kind.as_bytes()) % PALETTE.len() as u64;
    PALETTE
        .get(usize::try_from(slot).unwrap_or(0))
        .copied()
        .unwrap_or(PALE_GREY)
}

/// 64-bit FNV-1a: small, stable across runs and platforms.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn known_kinds_have_fixed_colours_case_blind() {
        assert_eq!(fill(EntityKind::Event, Some("attack")), ORANGE);
        assert_eq!(fill(EntityKind::Event, Some("Attack")), ORANGE);
        assert_eq!(fill(EntityKind::Event, Some("statement")), LIGHT_CYAN);
        assert_eq!(fill(EntityKind::Actor, Some("person")), LIGHT_YELLOW);
        assert_eq!(fill(EntityKind::Actor, None), NO_KIND);
    }

    #[test]
    fn kinds_of_one_category_differ_in_colour() {
        for table in [ACTOR_KINDS, PLACE_KINDS, EVENT_KINDS] {
            for (i, (a, ca)) in table.iter().enumerate() {
                for (b, cb) in table.iter().skip(i + 1) {
                    let same_word = matches!(
                        (*a, *b),
                        ("organization", "organisation") | ("city", "town") | ("site", "building")
                    );
                    assert!(same_word || ca != cb, "{a} and {b}");
                }
            }
        }
    }

    #[test]
    fn unknown_kinds_get_a_stable_palette_colour() {
        let colour = fill(EntityKind::Event, Some("zz-custom"));
        assert!(PALETTE.contains(&colour));
        assert_eq!(colour, fill(EntityKind::Event, Some("zz-custom")));
        assert_eq!(colour, PALETTE[(fnv1a(b"zz-custom") % 9) as usize]);
        let spread: std::collections::BTreeSet<_> = (0..40)
            .map(|i| fill(EntityKind::Actor, Some(&format!("kind{i}"))))
            .collect();
        assert!(spread.len() > 4);
    }

    #[test]
    fn shapes_follow_category_and_kind() {
        assert_eq!(
            look(EntityKind::Actor, Some("person"), false).shape,
            "ellipse"
        );
        assert_eq!(
            look(EntityKind::Actor, Some("state"), false).shape,
            "hexagon"
        );
        assert_eq!(
            look(EntityKind::Actor, Some("group"), false).shape,
            "octagon"
        );
        assert_eq!(look(EntityKind::Place, Some("city"), false).shape, "house");
        let event = look(EntityKind::Event, Some("attack"), true);
        assert_eq!((event.shape, event.style), ("box", "rounded,filled,dashed"));
        assert_eq!(look(EntityKind::Event, None, false).style, "rounded,filled");
    }
}
