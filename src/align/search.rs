//! The search loop around [`super::dp`]: a band that follows the path
//! (and widens) while the path touches its edge, with the scorer's
//! per-cell evidence and a bead-cost cache kept across passes over the
//! same band.

use super::bead::BeadKind;
use super::dp::{self, Band, Path};
use super::score::Scorer;

/// Times the band may follow the path at one width before it widens.
const MAX_RECENTRE: usize = 4;

/// Largest cost cache (entries of 4 bytes) kept across passes.
const COST_CACHE_LIMIT: usize = 1 << 24;

/// One search over one pair of sides: the state kept between passes (the
/// band, where it is centred, the evidence and the cost cache), so a
/// second pass over the same band recomputes nothing.
pub(crate) struct Search<'a> {
    scorer: Scorer<'a>,
    kinds: &'a [BeadKind],
    band: Option<Band>,
    cache: Vec<f32>,
    centre: Option<Vec<(usize, usize)>>,
    recentred: usize,
    /// Widening stops (the path found is kept) past this many cells.
    max_cells: usize,
    /// Viterbi with the English end free: the band starts on the line to
    /// (n, this), and the path may end anywhere on the last row.
    free_end: Option<usize>,
}

impl<'a> Search<'a> {
    pub(crate) fn new(scorer: Scorer<'a>, kinds: &'a [BeadKind]) -> Search<'a> {
        Search {
            scorer,
            kinds,
            band: None,
            cache: Vec::new(),
            centre: None,
            recentred: 0,
            max_cells: usize::MAX,
            free_end: None,
        }
    }

    /// Start from a band around these corners (a coarser path) instead of
    /// the diagonal.
    pub(crate) fn guided(mut self, corners: Vec<(usize, usize)>) -> Self {
        self.centre = Some(corners);
        self
    }

    /// End anywhere on the last row (Viterbi only), starting from a band
    /// around the line to (n, `guess`).
    pub(crate) fn free_end(mut self, guess: usize) -> Self {
        self.free_end = Some(guess);
        self
    }

    /// Never grow the band past `max_cells`.
    pub(crate) fn capped(mut self, max_cells: usize) -> Self {
        self.max_cells = max_cells;
        self
    }

    /// The best path under bead costs `priors` (by kind), with posteriors
    /// when `temperature` is given.
    pub(crate) fn run(
        &mut self,
        priors: &[f64],
        band_w: &mut usize,
        temperature: Option<f64>,
    ) -> Path {
        let (n, m) = (self.scorer.n(), self.scorer.m());
        let kinds = self.kinds;
        loop {
            let b = match &self.centre {
                None => match self.free_end {
                    Some(guess) => Band::toward(n, m, guess, *band_w),
                    None => Band::new(n, m, *band_w),
                },
                Some(c) => Band::around(n, m, c, *band_w),
            };
            if self
                .band
                .as_ref()
                .is_none_or(|old| old.cells() != b.cells() || !same_rows(old, &b))
            {
                // Free the old band's buffers before the new ones grow.
                self.band = None;
                self.scorer.prepare(&b);
                self.cache.clear();
                if b.cells() * kinds.len() <= COST_CACHE_LIMIT {
                    self.cache.resize(b.cells() * kinds.len(), f32::NAN);
                } else {
                    self.cache.shrink_to_fit();
                }
                self.band = Some(b);
            }
            let b = self.band.as_ref().expect("set above");
            let scorer = &self.scorer;
            let path = if self.free_end.is_some() {
                dp::search_free_end(b, kinds, |i, j, k| scorer.cost(i, j, kinds[k], priors[k]))
            } else if self.cache.is_empty() {
                dp::search_band_with(b, kinds, temperature, |i, j, k| {
                    scorer.cost(i, j, kinds[k], priors[k])
                })
            } else {
                let cache = std::cell::RefCell::new(&mut self.cache);
                dp::search_band_with(b, kinds, temperature, |i, j, k| {
                    let x = b.index(i, j).expect("in band") * kinds.len() + k;
                    let mut c = cache.borrow_mut();
                    let mut v = c[x];
                    if v.is_nan() {
                        v = scorer.cost(i, j, kinds[k], 0.0) as f32;
                        c[x] = v;
                    }
                    f64::from(v) + priors[k]
                })
            };
            if !path.touches_edge || b.is_full() {
                return path;
            }
            let mut corners: Vec<(usize, usize)> =
                path.beads.iter().map(|&(i, j, _)| (i, j)).collect();
            corners.push(match path.beads.last() {
                Some(&(i, j, k)) if self.free_end.is_some() => (i + kinds[k].zh, j + kinds[k].en),
                _ => (n, m),
            });
            // Follow the path at the same width a few times (memory stays
            // O((n+m)·w)); widen only when that does not settle it.
            let (old_centre, old_w, old_rec) = (self.centre.take(), *band_w, self.recentred);
            self.centre = Some(corners);
            self.recentred += 1;
            if self.recentred > MAX_RECENTRE {
                self.recentred = 0;
                *band_w *= 2;
            }
            if self.max_cells != usize::MAX {
                let next = Band::around(n, m, self.centre.as_ref().expect("set"), *band_w);
                if next.cells() > self.max_cells {
                    // A guide only needs to be close: keep this path.
                    self.centre = old_centre;
                    *band_w = old_w;
                    self.recentred = old_rec;
                    return path;
                }
            }
        }
    }
}

fn same_rows(a: &Band, b: &Band) -> bool {
    (0..=a.n()).all(|i| a.row(i) == b.row(i))
}
