//! What makes two units duplicates: their texts normalized (whitespace
//! collapsed) and hashed, so merge and stats hold 16 bytes per pair,
//! never the text.

use std::hash::{Hash, Hasher};

use super::ReadUnit;

/// The text duplicates are compared on: trimmed, runs of whitespace
/// (ideographic space included) collapsed to one space.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A 128-bit hash of a normalized text (two SipHash runs with different
/// keys: collisions are out of reach for any real memory). Deterministic
/// across runs and machines.
pub(crate) fn hash128(parts: &[&str]) -> u128 {
    let mut a = std::hash::DefaultHasher::new();
    let mut b = std::hash::DefaultHasher::new();
    0x9e37_79b9_u32.hash(&mut b);
    for p in parts {
        let n = normalize(p);
        n.hash(&mut a);
        n.hash(&mut b);
    }
    (u128::from(a.finish()) << 64) | u128::from(b.finish())
}

/// The hash of a unit's normalized source and target.
pub fn pair_key(u: &ReadUnit) -> u128 {
    hash128(&[&u.source, &u.target])
}

/// The examples of this crate-private module's items, as unit tests.
#[cfg(test)]
mod doc_examples {
    #[test]
    fn normalize() {
        use crate::tm::dedup::normalize;
        assert_eq!(normalize("  Hello\u{3000} \n world "), "Hello world");
    }
}
