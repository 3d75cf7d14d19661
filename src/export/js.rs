//! The names a browser viewer cannot take as ids: the members every
//! JavaScript object inherits (`Object.prototype`'s). vis-timeline keeps its
//! items and groups, and TimelineJS its slides, in plain objects keyed by
//! id, where such an id finds the inherited member instead of nothing:
//! vis-timeline then fails to load at all, TimelineJS renames the slide.
//! This module only names them; the exports decide what to write instead.

/// `Object.getOwnPropertyNames(Object.prototype)` in current browsers.
pub const INHERITED: [&str; 12] = [
    "constructor",
    "__defineGetter__",
    "__defineSetter__",
    "hasOwnProperty",
    "__lookupGetter__",
    "__lookupSetter__",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toString",
    "valueOf",
    "__proto__",
    "toLocaleString",
];

/// Whether every JavaScript object already has a member called `name`.
pub fn is_inherited(name: &str) -> bool {
    INHERITED.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::is_inherited;

    #[test]
    fn inherited_names_are_exact() {
        assert!(is_inherited("constructor"));
        assert!(is_inherited("__proto__"));
        for name in ["Constructor", "tostring", "proto", "", "constructor "] {
            assert!(!is_inherited(name), "{name}");
        }
    }
}
