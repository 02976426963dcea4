//! Sentence alignment: features → cost → dynamic-programming search →
//! beads with confidences.
//!
//! Scoring ([`score`]), search ([`dp`]) and I/O never mix: the aligner takes
//! two [`Side`]s of precomputed features and returns an [`Alignment`].

pub mod bead;
pub mod dp;
pub mod eval;
pub mod features;
pub mod score;

pub use bead::{Alignment, Bead, BeadKind};
pub use features::{SentenceFeatures, Side};
pub use score::ScoreParams;

use score::Scorer;

/// A configured aligner. Reusable and `Sync`.
///
/// ```
/// use termalign::align::{AlignerBuilder, Side, SentenceFeatures};
/// let s = |chars| SentenceFeatures { chars, ..Default::default() };
/// let zh = Side { sentences: vec![s(10), s(20), s(12)] };
/// let en = Side { sentences: vec![s(31), s(58), s(35)] };
/// let a = AlignerBuilder::new().build().align(&zh, &en);
/// assert_eq!(a.beads.len(), 3);
/// assert!(a.covers(3, 3));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Aligner {
    params: ScoreParams,
}

/// Builds an [`Aligner`].
#[derive(Debug, Clone, Default)]
pub struct AlignerBuilder {
    params: ScoreParams,
}

impl AlignerBuilder {
    /// Default parameters.
    pub fn new() -> AlignerBuilder {
        AlignerBuilder::default()
    }

    /// Replace all scoring parameters.
    pub fn params(mut self, params: ScoreParams) -> AlignerBuilder {
        self.params = params;
        self
    }

    /// The aligner.
    pub fn build(self) -> Aligner {
        Aligner {
            params: self.params,
        }
    }
}

impl Aligner {
    /// Align two sides. Every sentence of both ends up in exactly one bead.
    pub fn align(&self, zh: &Side, en: &Side) -> Alignment {
        let scorer = Scorer::new(&self.params, zh, en);
        let kinds: Vec<BeadKind> = scorer.beads().iter().map(|&(k, _)| k).collect();
        let prior = |k: BeadKind| {
            scorer
                .beads()
                .iter()
                .find(|&&(b, _)| b == k)
                .map(|&(_, c)| c)
                .unwrap_or(f64::INFINITY)
        };
        let skip_zh = prior(BeadKind::new(1, 0));
        let skip_en = prior(BeadKind::new(0, 1));
        let path = dp::search(zh.len(), en.len(), &kinds, |i, j, k| {
            scorer.cost(i - k.zh..i, j - k.en..j, prior(k))
        });
        let beads = path
            .into_iter()
            .map(|(i, j, kind, cost)| {
                let pair = kind.zh > 0 && kind.en > 0;
                // Margin over leaving every sentence of the bead unaligned.
                let skip = kind.zh as f64 * skip_zh + kind.en as f64 * skip_en;
                let confidence = if pair {
                    logistic(skip - cost - 4.0)
                } else {
                    0.5
                };
                Bead {
                    zh: i..i + kind.zh,
                    en: j..j + kind.en,
                    confidence,
                }
            })
            .collect();
        Alignment { beads }
    }
}

fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}
