//! What the reader targets check on any bytes: reading never panics,
//! diagnostics render, and valid facts written in each encoding read back
//! as the same facts (their canonical JSON Lines are equal).

use chronicle::diag::render::{Style, human, to_json};
use chronicle::load::Format;
use chronicle::model::Facts;
use chronicle::validate::load_bytes;
use chronicle::write::{jsonl, write};

pub const FORMATS: [Format; 3] = [Format::Toml, Format::Json, Format::JsonLines];

/// Reads the bytes in one encoding and checks what came of them.
pub fn read(data: &[u8], format: Format) {
    let (facts, diags) = load_bytes(data, format);
    // The first few diagnostics exercise the renderer as well as all would.
    for d in diags.list.iter().take(16) {
        assert!(!human(d, &facts.files, Style::default()).is_empty());
        let _ = to_json(d, &facts.files);
    }
    if !diags.has_errors() {
        round_trip(&facts);
    }
}

/// Valid facts survive every encoding.
pub fn round_trip(facts: &Facts) {
    let canonical = jsonl::write(facts);
    for format in FORMATS {
        let bytes = write(facts, format);
        let (again, diags) = load_bytes(&bytes, format);
        assert!(
            !diags.has_errors(),
            "{format:?} as written does not load: {:?}\n{}",
            diags.list,
            String::from_utf8_lossy(&bytes)
        );
        assert!(
            jsonl::write(&again) == canonical,
            "{format:?} reads back different facts:\n{}",
            String::from_utf8_lossy(&bytes)
        );
    }
}
