//! Random valid fact sets for the property tests.
