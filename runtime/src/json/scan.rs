//! Fast scanning for the bytes JSON strings treat specially.

/// The index of the first `"`, `\` or control character (below 0x20) in `bytes` at or after
/// `from`, or `bytes.len()` if there is none.
///
/// Checks eight bytes per step (SWAR): JSON strings are mostly plain text, and this scan is
/// what reading and writing them costs.
pub(super) fn find_special(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let Some(rest) = bytes.get(from..) else {
        return bytes.len();
    };
    let mut chunks = rest.chunks_exact(8);
    let mut offset = from;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        // A byte is flagged when it is zero after the XOR (or below 0x20); the lowest flagged
        // byte is always exact, which is all that is needed.
        let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
        let flags = zero(word ^ (ONES * u64::from(b'"')))
            | zero(word ^ (ONES * u64::from(b'\\')))
            | (word.wrapping_sub(ONES * 0x20) & !word & HIGHS);
        if flags != 0 {
            return offset + (flags.trailing_zeros() / 8) as usize;
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .map_or(bytes.len(), |position| offset + position)
}

#[cfg(test)]
mod tests {
    use super::find_special;

    fn naive(bytes: &[u8], from: usize) -> usize {
        bytes
            .iter()
            .enumerate()
            .skip(from)
            .find(|(_, b)| **b == b'"' || **b == b'\\' || **b < 0x20)
            .map_or(bytes.len(), |(i, _)| i)
    }

    #[test]
    fn agrees_with_a_byte_by_byte_scan() {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 40) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|i| {
                    let pick = (state >> (i % 56)) as u8;
                    match pick % 11 {
                        0 => b'"',
                        1 => b'\\',
                        2 => pick % 0x20,
                        3 => 0x80 | pick,
                        _ => b'a' + pick % 26,
                    }
                })
                .collect();
            for from in 0..=len + 1 {
                assert_eq!(
                    find_special(&bytes, from),
                    naive(&bytes, from),
                    "{bytes:?} from {from}"
                );
            }
        }
    }
}
