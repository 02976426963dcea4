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

use crate::lexicon::{Dictionary, Lexicon};
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

    /// Align two sides using a dictionary and/or a learned lexicon.
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
        // fine), cut where the guide is sure, then each piece aligned on
        // its own (its own length ratio, word weights and bead priors, as
        // if it had come as a document of its own), in parallel.
        let stats = Stats::new(zh, en);
        let plan = chunk::plan(&self.params, zh, en, res, &stats, chunk_size);
        let total = zh.len() + en.len();
        let done = std::sync::atomic::AtomicUsize::new(0);
        self.report(0, total);
        let pieces: Vec<Vec<Bead>> = plan
            .cuts
            .par_windows(2)
            .map(|w| {
                let ((i0, j0), (i1, j1)) = (w[0], w[1]);
                let stats = stats.slice(i0..i1, j0..j1);
                let guide = Some((plan.corners(w[0], w[1]), plan.priors.as_slice(), plan.band));
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
        let scorer = Scorer::with_stats(p, zh, en, res.dict, res.learned, stats);
        let search = search::Search::new(scorer, &kinds);
        let mut band_w = p.band.max(1);
        let path = match guide {
            Some((corners, priors, w)) => {
                band_w = w;
                search
                    .guided(corners)
                    .run(priors, &mut band_w, Some(p.temperature))
            }
            None => Self::two_passes(p, &mut { search }, &mut band_w),
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
    fn two_passes(p: &ScoreParams, search: &mut search::Search, band_w: &mut usize) -> dp::Path {
        let mut priors: Vec<f64> = p.beads.iter().map(|&(_, c)| c).collect();
        let mut path = search.run(
            &priors,
            band_w,
            (!p.estimate_priors).then_some(p.temperature),
        );
        if p.estimate_priors {
            priors = estimate_priors(&p.beads, &path, p.prior_strength);
            path = search.run(&priors, band_w, Some(p.temperature));
        }
        path
    }
}

/// Where a piece's search starts: the guide's corners in it, the bead
/// priors and the band half-width.
type PieceGuide<'p> = (Vec<(usize, usize)>, &'p [f64], usize);

/// Sentences (both sides) of a piece a long pair is cut into: pairs
/// shorter than two pieces are searched whole, exactly as before.
const CHUNK: usize = 640;

/// What the aligner may use besides the sides' own features.
#[derive(Debug, Clone, Copy, Default)]
pub struct Resources<'a> {
    /// The general bilingual dictionary the Chinese words were looked up in.
    pub dict: Option<&'a Dictionary>,
    /// A lexicon learned from a first pass over the run.
    pub learned: Option<&'a Lexicon>,
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
