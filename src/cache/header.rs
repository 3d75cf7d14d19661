//! The fixed start of every cache file: eight magic bytes naming the kind of
//! file, the cache format number (u32), then four numbers (u64): three
//! lengths and a checksum, all little-endian. Encoding and checking it is
//! all this module does; what the numbers mean is the caller's.

use super::key::FORMAT;

/// Bytes in a header.
pub const LEN: usize = 8 + 4 + 8 * 4;

/// The header of a file of kind `magic` with these numbers.
pub fn encode(magic: &[u8; 8], numbers: [u64; 4]) -> Vec<u8> {
    let mut head = Vec::with_capacity(LEN);
    head.extend_from_slice(magic);
    head.extend_from_slice(&FORMAT.to_le_bytes());
    for n in numbers {
        head.extend_from_slice(&n.to_le_bytes());
    }
    head
}

/// The numbers of a header, if it is one of kind `magic` in this format.
pub fn decode(magic: &[u8; 8], head: &[u8; LEN]) -> Option<[u64; 4]> {
    let (found, rest) = head.split_first_chunk::<8>()?;
    let (format, rest) = rest.split_first_chunk::<4>()?;
    if found != magic || u32::from_le_bytes(*format) != FORMAT {
        return None;
    }
    let mut numbers = [0u64; 4];
    for (n, chunk) in numbers.iter_mut().zip(rest.chunks_exact(8)) {
        *n = u64::from_le_bytes(chunk.try_into().ok()?);
    }
    Some(numbers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_reads_back_and_refuses_another_kind_or_format() {
        let head: [u8; LEN] = encode(b"CHRNTEST", [1, 2, u64::MAX, 7]).try_into().unwrap();
        assert_eq!(decode(b"CHRNTEST", &head), Some([1, 2, u64::MAX, 7]));
        assert_eq!(decode(b"CHRNOTHR", &head), None);
        let mut other_format = head;
        other_format[8] ^= 1;
        assert_eq!(decode(b"CHRNTEST", &other_format), None);
    }
}
