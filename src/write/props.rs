//! Property tests: random fact sets through every encoding.
