//! Fixed-seed FNV-1a hashing for lexical keys and headword maps. The seed
//! never changes: keys, and the iteration order of maps built with
//! [`FixedState`], are equal across runs and threads (determinism).

use std::hash::{BuildHasher, Hasher};

/// A stemmed English content word, hashed.
pub type StemKey = u64;

/// Hash a normalised word (a stem, or a Chinese word) into a key. Fixed
/// seed: keys are equal across runs and threads (determinism).
pub fn key(s: &str) -> u64 {
    // FNV-1a: tiny, stable, and fast on short words.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A fixed-seed hasher state for the headword map (fast, deterministic).
#[derive(Clone, Copy, Default)]
pub struct FixedState;

impl BuildHasher for FixedState {
    type Hasher = Fnv;
    fn build_hasher(&self) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

/// FNV-1a hasher.
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}
