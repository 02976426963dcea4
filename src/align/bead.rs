//! Beads: the unit of a sentence alignment.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

/// A group of consecutive Chinese sentences aligned to a group of
/// consecutive English sentences; either side may be empty (1-0, 0-1).
///
/// ```
/// use termalign::align::Bead;
/// let b = Bead { zh: 3..5, en: 4..5, confidence: 0.9 };
/// assert_eq!(b.kind().to_string(), "2-1");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bead {
    /// Indices of the Chinese sentences.
    pub zh: Range<usize>,
    /// Indices of the English sentences.
    pub en: Range<usize>,
    /// How sure the aligner is, in [0, 1].
    pub confidence: f64,
}

impl Bead {
    /// The bead's shape (sentence counts on each side).
    pub fn kind(&self) -> BeadKind {
        BeadKind {
            zh: self.zh.len(),
            en: self.en.len(),
        }
    }

    /// True when both sides hold sentences (a translation pair).
    pub fn is_pair(&self) -> bool {
        !self.zh.is_empty() && !self.en.is_empty()
    }
}

/// The shape of a bead: how many sentences on each side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct BeadKind {
    /// Chinese sentences.
    pub zh: usize,
    /// English sentences.
    pub en: usize,
}

impl BeadKind {
    /// Shorthand constructor.
    pub const fn new(zh: usize, en: usize) -> BeadKind {
        BeadKind { zh, en }
    }
}

impl fmt::Display for BeadKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.zh, self.en)
    }
}

/// The alignment of one document pair: beads in order, covering every
/// sentence of both sides exactly once.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Alignment {
    /// The beads, in document order.
    pub beads: Vec<Bead>,
}

impl Alignment {
    /// Check the invariant: beads are contiguous from 0 and end at `n_zh`
    /// and `n_en`.
    pub fn covers(&self, n_zh: usize, n_en: usize) -> bool {
        let (mut i, mut j) = (0, 0);
        for b in &self.beads {
            if b.zh.start != i || b.en.start != j || (b.zh.is_empty() && b.en.is_empty()) {
                return false;
            }
            i = b.zh.end;
            j = b.en.end;
        }
        i == n_zh && j == n_en
    }
}
