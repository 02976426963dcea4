//! The cost of a bead: a bead-shape prior, a Gale–Church length term and
//! anchor evidence (glossary terms and numbers found on both sides). Every
//! piece is a pure function of features; the search in [`super::dp`] knows
//! nothing of what the cost means.

use std::collections::HashMap;
use std::ops::Range;

use super::bead::BeadKind;
use super::features::{SentenceFeatures, Side};
use crate::glossary::EntryId;

/// Tunable weights of the cost function.
#[derive(Debug, Clone)]
pub struct ScoreParams {
    /// Bead shapes the search may use, each with its cost (−log prior).
    pub beads: Vec<(BeadKind, f64)>,
    /// Weight of the length term.
    pub length_weight: f64,
    /// Variance of English length per Chinese char (Gale–Church `s²`),
    /// relative to the document's length ratio.
    pub length_variance: f64,
    /// Bonus for glossary terms shared by both sides (rarity-weighted Dice).
    pub term_weight: f64,
    /// Bonus for numbers shared by both sides; capped, so numbers alone
    /// cannot pull a bead across the diagonal.
    pub number_weight: f64,
}

impl Default for ScoreParams {
    fn default() -> ScoreParams {
        ScoreParams {
            beads: vec![
                (BeadKind::new(1, 1), 0.0),
                (BeadKind::new(1, 0), 4.5),
                (BeadKind::new(0, 1), 4.5),
                (BeadKind::new(2, 1), 2.3),
                (BeadKind::new(1, 2), 2.3),
            ],
            length_weight: 1.0,
            length_variance: 6.8,
            term_weight: 4.0,
            number_weight: 2.0,
        }
    }
}

/// Scores beads of one document pair.
pub struct Scorer<'a> {
    params: &'a ScoreParams,
    zh: &'a Side,
    en: &'a Side,
    /// English chars per Chinese char, estimated from this document pair.
    ratio: f64,
    /// Rarity weight of each entry: a term seen once in the document is a
    /// strong anchor, one seen in every sentence is none.
    term_weights: HashMap<EntryId, f64>,
}

impl<'a> Scorer<'a> {
    /// Prepare a scorer for one document pair.
    pub fn new(params: &'a ScoreParams, zh: &'a Side, en: &'a Side) -> Scorer<'a> {
        let total = |s: &Side| s.sentences.iter().map(|f| f.chars).sum::<usize>();
        let ratio = length_ratio(total(zh), total(en));
        let mut counts: HashMap<EntryId, usize> = HashMap::new();
        for f in &zh.sentences {
            for &t in &f.terms {
                *counts.entry(t).or_default() += 1;
            }
        }
        let term_weights = counts
            .into_iter()
            .map(|(t, n)| (t, 1.0 / (n as f64).sqrt()))
            .collect();
        Scorer {
            params,
            zh,
            en,
            ratio,
            term_weights,
        }
    }

    /// The bead shapes and their prior costs.
    pub fn beads(&self) -> &[(BeadKind, f64)] {
        &self.params.beads
    }

    /// The English:Chinese length ratio in use.
    pub fn ratio(&self) -> f64 {
        self.ratio
    }

    /// Cost of aligning `zh` sentences with `en` sentences (lower is
    /// better); `prior` is the bead shape's cost.
    pub fn cost(&self, zh: Range<usize>, en: Range<usize>, prior: f64) -> f64 {
        let zs = &self.zh.sentences[zh];
        let es = &self.en.sentences[en];
        if crosses_article(zs) || crosses_article(es) {
            return f64::INFINITY;
        }
        let mut cost = prior;
        if zs.is_empty() || es.is_empty() {
            return cost;
        }
        if zs.iter().any(|f| f.is_title) != es.iter().any(|f| f.is_title) {
            cost += 6.0;
        }
        let lz: usize = zs.iter().map(|f| f.chars).sum();
        let le: usize = es.iter().map(|f| f.chars).sum();
        cost += self.params.length_weight
            * length_cost(
                lz as f64,
                le as f64,
                self.ratio,
                self.params.length_variance,
            );
        let zt: Vec<EntryId> = zs.iter().flat_map(|f| f.terms.iter().copied()).collect();
        let et: Vec<EntryId> = es.iter().flat_map(|f| f.terms.iter().copied()).collect();
        let w = |t: &EntryId| self.term_weights.get(t).copied().unwrap_or(1.0);
        cost -= self.params.term_weight * weighted_dice(&zt, &et, w);
        let zn: Vec<&String> = zs.iter().flat_map(|f| f.numbers.iter()).collect();
        let en_: Vec<&String> = es.iter().flat_map(|f| f.numbers.iter()).collect();
        cost -= self.params.number_weight * weighted_dice(&zn, &en_, |_| 1.0);
        cost
    }
}

fn crosses_article(s: &[SentenceFeatures]) -> bool {
    s.windows(2).any(|w| w[0].article != w[1].article)
}

/// English chars per Chinese char, with a sane fallback for empty input.
pub fn length_ratio(zh_chars: usize, en_chars: usize) -> f64 {
    if zh_chars == 0 || en_chars == 0 {
        3.0
    } else {
        en_chars as f64 / zh_chars as f64
    }
}

/// Gale–Church length cost: −log P(|δ|) where δ is how far the English
/// length is from `ratio` × the Chinese length, in standard deviations.
///
/// ```
/// use termalign::align::score::length_cost;
/// assert!(length_cost(10.0, 30.0, 3.0, 6.8) < 0.1);
/// assert!(length_cost(10.0, 90.0, 3.0, 6.8) > 5.0);
/// ```
pub fn length_cost(lz: f64, le: f64, ratio: f64, variance: f64) -> f64 {
    let mean = (lz + le / ratio) / 2.0;
    if mean <= 0.0 {
        return 0.0;
    }
    let delta = (le - lz * ratio) / (mean * variance * ratio).sqrt();
    let p = 2.0 * (1.0 - normal_cdf(delta.abs()));
    -(p.max(1e-12)).ln()
}

/// Weighted Dice coefficient of two multisets: 2·Σw(shared) / (Σw(a)+Σw(b)).
///
/// ```
/// use termalign::align::score::weighted_dice;
/// assert_eq!(weighted_dice(&[1, 2], &[2, 3], |_| 1.0), 0.5);
/// assert_eq!(weighted_dice::<u8>(&[], &[], |_| 1.0), 0.0);
/// ```
pub fn weighted_dice<T: PartialEq>(a: &[T], b: &[T], w: impl Fn(&T) -> f64) -> f64 {
    let total: f64 = a.iter().map(&w).sum::<f64>() + b.iter().map(&w).sum::<f64>();
    if total == 0.0 {
        return 0.0;
    }
    let mut used = vec![false; b.len()];
    let mut shared = 0.0;
    for x in a {
        if let Some(k) = (0..b.len()).find(|&k| !used[k] && b[k] == *x) {
            used[k] = true;
            shared += 2.0 * w(x);
        }
    }
    shared / total
}

/// Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf).
fn normal_cdf(x: f64) -> f64 {
    0.5 * (1.0 + erf(x / std::f64::consts::SQRT_2))
}

fn erf(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.3275911 * x.abs());
    let y = 1.0
        - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
            + 0.254829592)
            * t
            * (-x * x).exp();
    if x >= 0.0 { y } else { -y }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_cost_grows_with_mismatch() {
        let costs: Vec<f64> = [30.0, 40.0, 60.0, 120.0]
            .iter()
            .map(|&le| length_cost(10.0, le, 3.0, 6.8))
            .collect();
        assert!(costs.windows(2).all(|w| w[0] < w[1]), "{costs:?}");
    }

    #[test]
    fn dice_table() {
        let cases: &[(&[u32], &[u32], f64)] = &[
            (&[1], &[1], 1.0),
            (&[1, 1], &[1], 2.0 / 3.0),
            (&[1], &[2], 0.0),
            (&[], &[2], 0.0),
        ];
        for (a, b, want) in cases {
            assert!(
                (weighted_dice(a, b, |_| 1.0) - want).abs() < 1e-9,
                "{a:?} {b:?}"
            );
        }
    }

    #[test]
    fn cdf_is_sane() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-6);
        assert!((normal_cdf(1.96) - 0.975).abs() < 1e-3);
    }
}
