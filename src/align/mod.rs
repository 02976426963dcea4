//! Sentence alignment: features → cost → dynamic-programming search →
//! beads with confidences.
//!
//! Scoring (`score`), search (`dp`) and I/O never mix: the aligner takes
//! two [`Side`]s of precomputed features and returns an [`Alignment`].

pub(crate) mod bead;
pub(crate) mod dp;
pub mod eval;
pub(crate) mod features;
pub(crate) mod score;

pub use bead::{Alignment, Bead, BeadKind};
pub use features::{IDENTITY, NO_ENTRY, SentenceFeatures, Side, Word};

pub use score::ScoreParams;

use std::ops::Range;

use crate::lexicon::Dictionary;
use score::Scorer;

/// A configured aligner. Reusable and `Sync`.
///
/// ```
/// use termalign::align::{AlignerBuilder, Side, SentenceFeatures};
/// let s = |chars| SentenceFeatures { chars, ..Default::default() };
/// let zh = Side { sentences: vec![s(10), s(20), s(12)] };
/// let en = Side { sentences: vec![s(31), s(58), s(35)] };
/// let a = AlignerBuilder::new().build().unwrap().align(&zh, &en);
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

    /// The aligner, once the parameters are checked (see
    /// [`ScoreParams::validate`]).
    ///
    /// ```
    /// use termalign::ErrorKind;
    /// use termalign::align::{AlignerBuilder, ScoreParams};
    /// let params = ScoreParams { beads: vec![], ..ScoreParams::default() };
    /// let err = AlignerBuilder::new().params(params).build().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Config);
    /// ```
    pub fn build(self) -> crate::Result<Aligner> {
        self.params.validate()?;
        Ok(Aligner {
            params: self.params,
        })
    }
}

impl Aligner {
    /// The scoring parameters.
    pub fn params(&self) -> &ScoreParams {
        &self.params
    }

    /// Align two sides with length, terms, numbers and whatever lexical
    /// words the sides carry (Latin tokens only, without a dictionary).
    /// Every sentence of both ends up in exactly one bead.
    pub fn align(&self, zh: &Side, en: &Side) -> Alignment {
        self.align_with(zh, en, Resources::default())
    }

    /// Align two sides using the resources given (a dictionary).
    pub fn align_with(&self, zh: &Side, en: &Side, res: Resources) -> Alignment {
        let mut beads = Vec::new();
        for (zr, er) in article_blocks(zh, en) {
            let block = self.align_block(&zh.sentences[zr.clone()], &en.sentences[er.clone()], res);
            beads.extend(block.into_iter().map(|b| Bead {
                zh: b.zh.start + zr.start..b.zh.end + zr.start,
                en: b.en.start + er.start..b.en.end + er.start,
                confidence: b.confidence,
            }));
        }
        Alignment { beads }
    }

    fn align_block(
        &self,
        zh: &[SentenceFeatures],
        en: &[SentenceFeatures],
        res: Resources,
    ) -> Vec<Bead> {
        let p = &self.params;
        if zh.is_empty() || en.is_empty() {
            // Nothing to pair: every sentence stands alone, certainly.
            return (0..zh.len())
                .map(|i| Bead {
                    zh: i..i + 1,
                    en: 0..0,
                    confidence: 1.0,
                })
                .chain((0..en.len()).map(|j| Bead {
                    zh: zh.len()..zh.len(),
                    en: j..j + 1,
                    confidence: 1.0,
                }))
                .collect();
        }
        let kinds: Vec<BeadKind> = p.beads.iter().map(|&(k, _)| k).collect();
        let mut scorer = Scorer::new(p, zh, en, res.dict);
        // A shortened or expanded side skews the document's length ratio:
        // start from a plausible one, re-estimate it from the first pass.
        let doc_ratio = scorer.ratio();
        scorer.set_ratio(doc_ratio.clamp(START_RATIO.0, START_RATIO.1));
        let mut priors: Vec<f64> = p.beads.iter().map(|&(_, c)| c).collect();
        // Such a side also puts the path far off the diagonal (by about the
        // sentences one side has in excess): start wide enough to hold it,
        // within bounds (memory).
        let mut band_w = p.band.max(1).max(
            (excess_sentences(doc_ratio, zh.len(), en.len()) + 2)
                .min(MAX_START_BAND_FACTOR * p.band),
        );
        let mut band: Option<dp::Band> = None;
        // Bead costs less their prior, cached across the passes when the
        // band is small enough (the cache is O(cells · kinds) too, but a
        // large constant: huge documents recompute instead).
        let mut cache: Vec<f32> = Vec::new();
        // The band starts on the diagonal; when the best path touches its
        // edge, the next band follows that path, twice as wide.
        let mut centre: Option<Vec<(usize, usize)>> = None;
        let mut recentred = 0usize;
        let mut run = |priors: &[f64], band_w: &mut usize, last: bool, ratio: Option<f64>| loop {
            // A small change is not worth recomputing every cost.
            if let Some(r) = ratio.filter(|&r| (r / scorer.ratio()).ln().abs() > RATIO_TOLERANCE) {
                scorer.set_ratio(r);
                cache.fill(f32::NAN);
            }
            let b = match &centre {
                None => dp::Band::new(zh.len(), en.len(), *band_w),
                Some(c) => dp::Band::around(zh.len(), en.len(), c, *band_w),
            };
            if band
                .as_ref()
                .is_none_or(|old| old.cells() != b.cells() || !same_rows(old, &b))
            {
                scorer.prepare(&b);
                cache.clear();
                if b.cells() * kinds.len() <= COST_CACHE_LIMIT {
                    cache.resize(b.cells() * kinds.len(), f32::NAN);
                }
                band = Some(b.clone());
            }
            let t = last.then_some(p.temperature);
            let cached = !cache.is_empty();
            let cache_cell = std::cell::RefCell::new(&mut cache);
            let path = dp::search_band_with(&b, &kinds, t, |i, j, k| {
                if !cached {
                    return scorer.cost(i, j, kinds[k], priors[k]);
                }
                let x = b.index(i, j).expect("in band") * kinds.len() + k;
                let mut c = cache_cell.borrow_mut();
                let mut v = c[x];
                if v.is_nan() {
                    v = scorer.cost(i, j, kinds[k], 0.0) as f32;
                    c[x] = v;
                }
                f64::from(v) + priors[k]
            });
            if !path.touches_edge || b.is_full() {
                return path;
            }
            let mut corners: Vec<(usize, usize)> =
                path.beads.iter().map(|&(i, j, _)| (i, j)).collect();
            corners.push((zh.len(), en.len()));
            centre = Some(corners);
            // Follow the path at the same width a few times (memory stays
            // O((n+m)·w)); widen only when that does not settle it.
            recentred += 1;
            if recentred > MAX_RECENTRE {
                recentred = 0;
                *band_w *= 2;
            }
        };
        let mut path = run(&priors, &mut band_w, !p.estimate_priors, None);
        if p.estimate_priors {
            priors = estimate_priors(&p.beads, &path, p.prior_strength);
            let ratio = pair_ratio(zh, en, &kinds, &path);
            path = run(&priors, &mut band_w, true, ratio);
        }
        path.beads
            .iter()
            .zip(&path.posteriors)
            .map(|(&(i, j, k), &q)| Bead {
                zh: i..i + kinds[k].zh,
                en: j..j + kinds[k].en,
                confidence: q,
            })
            .collect()
    }
}

fn same_rows(a: &dp::Band, b: &dp::Band) -> bool {
    (0..=a.n()).all(|i| a.row(i) == b.row(i))
}

/// The initial band grows with the sides' size difference up to this
/// many times `ScoreParams::band`.
const MAX_START_BAND_FACTOR: usize = 8;

/// Times the band may follow the path at one width before it widens.
const MAX_RECENTRE: usize = 4;

/// Largest cost cache (entries of 4 bytes) kept across passes.
const COST_CACHE_LIMIT: usize = 1 << 24;

/// What the aligner may use besides the sides' own features.
#[derive(Debug, Clone, Copy, Default)]
pub struct Resources<'a> {
    /// The general bilingual dictionary the Chinese words were looked up in.
    pub dict: Option<&'a Dictionary>,
}

/// The range the document's length ratio (English chars per Chinese char)
/// is clamped to for the first pass: complete translations of news and
/// literature lie between about 2.9 and 4.3 (tests/data, MAC-Dev).
const START_RATIO: (f64, f64) = (2.5, 4.5);

/// Relative change of the length ratio below which the second pass keeps
/// the first pass's ratio (and its cached costs).
const RATIO_TOLERANCE: f64 = 0.05;

/// How many sentences one side holds beyond what a translation of the
/// other would (0 when the length ratio is plausible).
fn excess_sentences(ratio: f64, n_zh: usize, n_en: usize) -> usize {
    let mid = (START_RATIO.0 * START_RATIO.1).sqrt();
    let share = if ratio > START_RATIO.1 {
        (1.0 - mid / ratio) * n_en as f64
    } else if ratio < START_RATIO.0 {
        (1.0 - ratio / mid) * n_zh as f64
    } else {
        0.0
    };
    share.ceil() as usize
}

/// English chars per Chinese char over the pair beads of a first-pass
/// path (None when it has too few to say).
fn pair_ratio(
    zh: &[SentenceFeatures],
    en: &[SentenceFeatures],
    kinds: &[BeadKind],
    path: &dp::Path,
) -> Option<f64> {
    let (mut z, mut e, mut n) = (0usize, 0usize, 0usize);
    for &(i, j, k) in &path.beads {
        let kind = kinds[k];
        if kind.zh == 0 || kind.en == 0 {
            continue;
        }
        z += zh[i..i + kind.zh].iter().map(|f| f.chars).sum::<usize>();
        e += en[j..j + kind.en].iter().map(|f| f.chars).sum::<usize>();
        n += 1;
    }
    (n >= 3 && z > 0 && e > 0).then(|| (e as f64 / z as f64).clamp(1.5, 6.0))
}

/// Bead-shape costs re-estimated from a first-pass path: counts smoothed
/// towards the starting priors with `strength` pseudo-counts (one EM step).
fn estimate_priors(start: &[(BeadKind, f64)], path: &dp::Path, strength: f64) -> Vec<f64> {
    let mut counts = vec![0.0; start.len()];
    for &(_, _, k) in &path.beads {
        counts[k] += 1.0;
    }
    let total: f64 = counts.iter().sum::<f64>() + strength;
    let z: f64 = start.iter().map(|&(_, c)| (-c).exp()).sum();
    start
        .iter()
        .zip(&counts)
        .map(|(&(_, c), &n)| -((n + strength * (-c).exp() / z) / total).ln())
        .collect()
}

/// Hard anchors at article boundaries: when both sides hold the same number
/// of articles, article k aligns with article k only. Otherwise one block
/// (beads still never cross an article boundary).
fn article_blocks(zh: &Side, en: &Side) -> Vec<(Range<usize>, Range<usize>)> {
    let runs = |s: &Side| -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        for (i, f) in s.sentences.iter().enumerate() {
            match out.last_mut() {
                Some(r) if s.sentences[r.start].article == f.article => r.end = i + 1,
                _ => out.push(i..i + 1),
            }
        }
        out
    };
    let (za, ea) = (runs(zh), runs(en));
    if za.len() == ea.len() && za.len() > 1 {
        za.into_iter().zip(ea).collect()
    } else {
        vec![(0..zh.len(), 0..en.len())]
    }
}
