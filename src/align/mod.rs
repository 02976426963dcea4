//! Sentence alignment: features → cost → dynamic-programming search →
//! beads with confidences.
//!
//! Scoring (`score`), search (`dp`) and I/O never mix: the aligner takes
//! two [`Side`]s of precomputed features and returns an [`Alignment`].

pub(crate) mod bead;
mod chunk;
pub(crate) mod dp;
pub mod eval;
pub(crate) mod features;
pub(crate) mod score;
mod search;

pub use bead::{Alignment, Bead, BeadKind};
pub use features::{IDENTITY, NO_ENTRY, SentenceFeatures, Side, Word};

pub use score::ScoreParams;

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use crate::lexicon::Dictionary;
use score::{Scorer, Stats};

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
    progress: ProgressSink,
}

/// Told how far the alignment of one document pair has got, in sentences
/// of both sides: `done` of `total`. A long pair is aligned in pieces on
/// several threads, so calls come from any thread, in any order (take
/// the largest `done`). A pair short enough to be searched whole reports
/// once, when done.
///
/// ```
/// use std::sync::{Arc, atomic::{AtomicUsize, Ordering}};
/// use termalign::align::{AlignerBuilder, Progress, Side, SentenceFeatures};
/// struct Count(AtomicUsize);
/// impl Progress for Count {
///     fn advance(&self, done: usize, _total: usize) {
///         self.0.fetch_max(done, Ordering::Relaxed);
///     }
/// }
/// let count = Arc::new(Count(AtomicUsize::new(0)));
/// let aligner = AlignerBuilder::new().progress(count.clone()).build().unwrap();
/// let s = |chars| SentenceFeatures { chars, ..Default::default() };
/// let side = |k: usize| Side { sentences: (0..50).map(|i| s(k * (10 + i % 7))).collect() };
/// aligner.align(&side(1), &side(3));
/// assert_eq!(count.0.load(Ordering::Relaxed), 100);
/// ```
pub trait Progress: Send + Sync {
    /// `done` of `total` sentences are aligned.
    fn advance(&self, done: usize, total: usize);
}

#[derive(Clone, Default)]
struct ProgressSink(Option<Arc<dyn Progress>>);

impl fmt::Debug for ProgressSink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() { "Some(..)" } else { "None" })
    }
}

/// Builds an [`Aligner`].
#[derive(Debug, Clone, Default)]
pub struct AlignerBuilder {
    params: ScoreParams,
    progress: ProgressSink,
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

    /// Report progress to `p` (see [`Progress`]).
    pub fn progress(mut self, p: Arc<dyn Progress>) -> AlignerBuilder {
        self.progress = ProgressSink(Some(p));
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
            progress: self.progress,
        })
    }
}

impl Aligner {
    /// The scoring parameters.
    pub fn params(&self) -> &ScoreParams {
        &self.params
    }

    /// The same aligner, reporting progress to `p` (see [`Progress`]).
    pub fn with_progress(mut self, p: Arc<dyn Progress>) -> Aligner {
        self.progress = ProgressSink(Some(p));
        self
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
        let chunk_size = CHUNK;
        if zh.len() + en.len() < 2 * chunk_size {
            let beads = self.align_piece(zh, en, res);
            self.report(zh.len() + en.len(), zh.len() + en.len());
            return beads;
        }
        // A long pair: a cheap guide path over the whole of it (coarse to
        // fine), cut where the guide is sure, then the pieces aligned in
        // parallel, each in a band around the guide. The guide's length
        // ratio starts from a plausible one, as a whole search's does.
        let mut stats = Stats::new(zh, en);
        // A side much shorter than a translation (an English version that
        // stops early) puts the path far off the diagonal, as in a short
        // pair: the guide starts wide enough to hold it, and expects that
        // many one-sided beads.
        let excess = expected_excess(stats.ratio(), zh.len(), en.len());
        stats.clamp_ratio(START_RATIO.0, START_RATIO.1);
        let plan = chunk::plan(&self.params, zh, en, res, &stats, chunk_size, excess);
        let total = zh.len() + en.len();
        let done = std::sync::atomic::AtomicUsize::new(0);
        self.report(0, total);
        let pieces: Vec<Vec<Bead>> = plan
            .cuts
            .par_windows(2)
            .map(|w| {
                let ((i0, j0), (i1, j1)) = (w[0], w[1]);
                // With a lexicon the guide is good enough to re-estimate from:
                // each piece gets its own word weights, length ratio and bead
                // priors (from the guide's beads in it), as a document of its
                // own would. Without one (guide F1 about 0.64 on MAC-Dev)
                // local estimates are noisier than the whole pair's: they
                // cost 0.016 strict F1 there, and gain 0.007 with the lexicon.
                let corners = plan.corners(w[0], w[1]);
                let (stats, priors, ratio) = if res.dict.is_some() {
                    let (z, e) = (&zh[i0..i1], &en[j0..j1]);
                    let mut stats = Stats::new(z, e);
                    stats.clamp_ratio(START_RATIO.0, START_RATIO.1);
                    let (priors, ratio) = local_model(&self.params, &corners, z, e);
                    (stats, priors, ratio)
                } else {
                    (stats.slice(i0..i1, j0..j1), plan.priors.clone(), plan.ratio)
                };
                let guide = Some((corners, priors.as_slice(), plan.band, ratio));
                let beads = self.search_piece(&zh[i0..i1], &en[j0..j1], res, stats, guide);
                let size = (i1 - i0) + (j1 - j0);
                let now = done.fetch_add(size, std::sync::atomic::Ordering::Relaxed) + size;
                self.report(now, total);
                beads
                    .into_iter()
                    .map(|b| Bead {
                        zh: b.zh.start + i0..b.zh.end + i0,
                        en: b.en.start + j0..b.en.end + j0,
                        confidence: b.confidence,
                    })
                    .collect()
            })
            .collect();
        pieces.into_iter().flatten().collect()
    }

    fn report(&self, done: usize, total: usize) {
        if let Some(p) = &self.progress.0 {
            p.advance(done, total);
        }
    }

    /// One piece, searched as a whole: a band around the diagonal that
    /// follows the path (and widens) when the path touches its edge.
    fn align_piece(
        &self,
        zh: &[SentenceFeatures],
        en: &[SentenceFeatures],
        res: Resources,
    ) -> Vec<Bead> {
        self.search_piece(zh, en, res, score::Stats::new(zh, en), None)
    }

    /// [`Aligner::align_piece`] with the document statistics given, and
    /// the bead priors too when they were estimated already (one pass).
    fn search_piece(
        &self,
        zh: &[SentenceFeatures],
        en: &[SentenceFeatures],
        res: Resources,
        stats: score::Stats,
        guide: Option<PieceGuide>,
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
        let mut scorer = Scorer::with_stats(p, zh, en, res.dict, stats);
        let path = match guide {
            Some((corners, priors, w, ratio)) => {
                if let Some(r) = ratio {
                    scorer.set_ratio(r);
                }
                let mut band_w = w;
                search::Search::new(scorer, &kinds).guided(corners).run(
                    priors,
                    &mut band_w,
                    Some(p.temperature),
                    None,
                )
            }
            None => {
                // A shortened or expanded side skews the document's length
                // ratio: start from a plausible one, re-estimate it from the
                // first pass.
                let doc_ratio = scorer.ratio();
                scorer.set_ratio(doc_ratio.clamp(START_RATIO.0, START_RATIO.1));
                // Such a side also puts the path far off the diagonal (by
                // about the sentences one side has in excess): start wide
                // enough to hold it, within bounds (memory).
                let excess = excess_sentences(doc_ratio, zh.len(), en.len());
                let mut band_w = start_width(excess, MAX_START_CELLS, zh.len(), p.band.max(1));
                let mut search = search::Search::new(scorer, &kinds);
                Self::two_passes(p, &mut search, &mut band_w, (zh, en), &kinds)
            }
        };
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

    /// A first pass with the starting priors, then (when the parameters
    /// ask for it) a second with priors re-estimated from the first path.
    /// The second pass also re-estimates the length ratio from the first
    /// path's pair beads.
    fn two_passes(
        p: &ScoreParams,
        search: &mut search::Search,
        band_w: &mut usize,
        (zh, en): (&[SentenceFeatures], &[SentenceFeatures]),
        kinds: &[BeadKind],
    ) -> dp::Path {
        let mut priors: Vec<f64> = p.beads.iter().map(|&(_, c)| c).collect();
        let mut path = search.run(
            &priors,
            band_w,
            (!p.estimate_priors).then_some(p.temperature),
            None,
        );
        if p.estimate_priors {
            priors = estimate_priors(&p.beads, &path, p.prior_strength);
            let ratio = pair_ratio(zh, en, kinds, &path);
            path = search.run(&priors, band_w, Some(p.temperature), ratio);
        }
        path
    }
}

/// The initial band grows with the sides' size difference up to about
/// this many cells (a pair short enough to be searched whole can afford
/// a band as wide as itself: 1,280 sentences hold at most 1.6M cells).
const MAX_START_CELLS: usize = 1 << 23;

/// Where a piece's search starts: the guide's corners in it, the bead
/// priors, the band half-width and the length ratio (the whole pair's
/// when None).
type PieceGuide<'p> = (Vec<(usize, usize)>, &'p [f64], usize, Option<f64>);

/// Bead priors and length ratio of a piece from the guide's beads in it
/// (`corners` relative to the piece): priors smoothed towards the
/// starting ones as [`estimate_priors`] does, the ratio as
/// [`pair_ratio`] takes it.
fn local_model(
    p: &ScoreParams,
    corners: &[(usize, usize)],
    zh: &[SentenceFeatures],
    en: &[SentenceFeatures],
) -> (Vec<f64>, Option<f64>) {
    let beads = || corners.windows(2).map(|w| (w[0].0..w[1].0, w[0].1..w[1].1));
    let mut counts = vec![0.0; p.beads.len()];
    for (zr, er) in beads() {
        let kind = BeadKind::new(zr.len(), er.len());
        if let Some(k) = p.beads.iter().position(|&(b, _)| b == kind) {
            counts[k] += 1.0;
        }
    }
    let priors = if p.estimate_priors {
        priors_from_counts(&p.beads, &counts, p.prior_strength)
    } else {
        p.beads.iter().map(|&(_, c)| c).collect()
    };
    (priors, ratio_over_pairs(zh, en, beads()))
}

/// Sentences (both sides) of a piece a long pair is cut into: pairs
/// shorter than two pieces are searched whole, exactly as before.
const CHUNK: usize = 640;

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

/// The sentences one side of a long pair holds beyond a translation of the
/// other, as the pair's length ratio suggests: where its guide starts, and
/// how many one-sided beads of `kind` it expects.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Excess {
    /// 1-0 when the Chinese side holds the excess, 0-1 when the English.
    pub kind: BeadKind,
    /// How many sentences.
    pub sentences: usize,
}

/// [`Excess`] from the ratio beyond the plausible range, or (an English
/// version that stops a chapter early can keep a plausible ratio) from its
/// distance to a typical one, within a small budget of cells.
fn expected_excess(ratio: f64, n_zh: usize, n_en: usize) -> Excess {
    let shift =
        excess_from_typical(ratio, n_zh, n_en).min(width_for_cells(SHIFT_START_CELLS, n_zh));
    let mid = typical_ratio();
    Excess {
        kind: if ratio > mid {
            BeadKind::new(0, 1)
        } else {
            BeadKind::new(1, 0)
        },
        sentences: excess_sentences(ratio, n_zh, n_en).max(shift),
    }
}

/// The band half-width whose band over `n_zh` rows holds about `cells`
/// cells (a band of half-width w over n rows holds about 2·w·n).
fn width_for_cells(cells: usize, n_zh: usize) -> usize {
    cells / (2 * n_zh.max(1))
}

/// Where a first pass starts: wide enough for the path to run `excess`
/// sentences off the diagonal (and two more), within a band of about
/// `cells` cells, and never narrower than `min`.
fn start_width(excess: usize, cells: usize, n_zh: usize, min: usize) -> usize {
    (excess + 2).min(width_for_cells(cells, n_zh)).max(min)
}

/// Cells a long pair's guide may spend on starting wide for the shift of
/// [`excess_from_typical`]: it covers pairs up to a few thousand sentences
/// (MAC-Dev as one pair, English cut after 5 of 6 chapters: strict F1 0.826
/// → 0.857); past that the cost grows with the pair (at 20,000 sentences
/// a side, starting that wide took 2.4 times as long).
const SHIFT_START_CELLS: usize = 1 << 20;

/// [`excess_sentences`] measured from the middle of the plausible ratios
/// rather than from their edges: the sentences one side would hold in
/// excess if the pair's true ratio were a typical one. Ratios within 5% of the typical one are a translation's own variation
/// (MAC-Dev as a whole is 1% off it), not a part missing: no shift.
fn excess_from_typical(ratio: f64, n_zh: usize, n_en: usize) -> usize {
    let mid = typical_ratio();
    let (fraction, n) = if ratio > mid {
        (1.0 - mid / ratio, n_en)
    } else {
        (1.0 - ratio / mid, n_zh)
    };
    if fraction < 0.05 {
        0
    } else {
        (fraction * n as f64).ceil() as usize
    }
}

/// The typical length ratio: the middle (geometric mean) of the
/// plausible ones.
fn typical_ratio() -> f64 {
    (START_RATIO.0 * START_RATIO.1).sqrt()
}

/// How many sentences one side holds beyond what a translation of the
/// other would (0 when the length ratio is plausible).
fn excess_sentences(ratio: f64, n_zh: usize, n_en: usize) -> usize {
    let mid = typical_ratio();
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
    let beads = path.beads.iter().map(|&(i, j, k)| {
        let kind = kinds[k];
        (i..i + kind.zh, j..j + kind.en)
    });
    ratio_over_pairs(zh, en, beads)
}

/// English chars per Chinese char over the beads given (as sentence
/// ranges) that have both sides, clamped to a sane range; None when fewer
/// than three have.
fn ratio_over_pairs(
    zh: &[SentenceFeatures],
    en: &[SentenceFeatures],
    beads: impl Iterator<Item = (Range<usize>, Range<usize>)>,
) -> Option<f64> {
    let (mut z, mut e, mut n) = (0usize, 0usize, 0usize);
    for (zr, er) in beads {
        if zr.is_empty() || er.is_empty() {
            continue;
        }
        z += zh[zr].iter().map(|f| f.chars).sum::<usize>();
        e += en[er].iter().map(|f| f.chars).sum::<usize>();
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
    priors_from_counts(start, &counts, strength)
}

/// Bead-shape costs from bead counts by kind (see [`estimate_priors`]).
fn priors_from_counts(start: &[(BeadKind, f64)], counts: &[f64], strength: f64) -> Vec<f64> {
    let total: f64 = counts.iter().sum::<f64>() + strength;
    let z: f64 = start.iter().map(|&(_, c)| (-c).exp()).sum();
    start
        .iter()
        .zip(counts)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Which side holds the excess, and how many sentences, by length
    /// ratio (English chars per Chinese char; typical about 3.35).
    #[test]
    fn expected_excess_by_ratio() {
        let cases = [
            // (ratio, zh, en, kind, sentences)
            (3.35, 1000, 1300, (1, 0), 0),   // typical: nothing missing
            (3.25, 1000, 1300, (1, 0), 0),   // within 5%: a translation's own
            (2.9, 1000, 1100, (1, 0), 136),  // a chapter of English missing
            (2.0, 1000, 800, (1, 0), 404),   // beyond the plausible range
            (4.0, 1000, 1500, (0, 1), 243),  // English side holds the excess
            (6.0, 1000, 2000, (0, 1), 882),  // far beyond: the edge's count
            (2.9, 20000, 22000, (1, 0), 26), // a big pair: the cell budget
        ];
        for (ratio, n, m, kind, sentences) in cases {
            let e = expected_excess(ratio, n, m);
            assert_eq!(
                (e.kind, e.sentences),
                (BeadKind::new(kind.0, kind.1), sentences),
                "{ratio} {n}×{m}"
            );
        }
    }
}
