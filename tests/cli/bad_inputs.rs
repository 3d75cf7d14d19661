//! The bad-input suite: each file in tests/bad/ with its exact diagnostics.
