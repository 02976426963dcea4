//! The search loop around [`super::dp`]: a band that follows the path
//! (and widens) while the path touches its edge, with the scorer's
//! per-cell evidence and a bead-cost cache kept across passes over the
//! same band.

use rayon::prelude::*;

use super::bead::BeadKind;
use super::dp::{self, Band, Path};
use super::score::Scorer;

/// Times the band may follow the path at one width before it widens.
const MAX_RECENTRE: usize = 4;

/// Relative change of the length ratio below which a pass keeps the
/// ratio in use (and its cached costs).
const RATIO_TOLERANCE: f64 = 0.05;

/// Largest cost cache (entries of 4 bytes) kept across passes.
const COST_CACHE_LIMIT: usize = 1 << 25;

/// One search over one pair of sides: the state kept between passes (the
/// band, where it is centred, the evidence and the cost cache), so a
/// second pass over the same band recomputes nothing.
pub(crate) struct Search<'a> {
    scorer: Scorer<'a>,
    kinds: &'a [BeadKind],
    band: Option<Band>,
    cache: Vec<f32>,
    /// The cache plus each bead's length term ([`partial_costs`]), kept
    /// while the band and the length ratio stay (passes that change only
    /// the priors); empty when stale.
    partial: Vec<f64>,
    centre: Option<Vec<(usize, usize)>>,
    recentred: usize,
    /// Widening stops (the path found is kept) past this many cells.
    max_cells: usize,
}

impl<'a> Search<'a> {
    pub(crate) fn new(scorer: Scorer<'a>, kinds: &'a [BeadKind]) -> Search<'a> {
        Search {
            scorer,
            kinds,
            band: None,
            cache: Vec::new(),
            partial: Vec::new(),
            centre: None,
            recentred: 0,
            max_cells: usize::MAX,
        }
    }

    /// Start from a band around these corners (a coarser path) instead of
    /// the diagonal.
    pub(crate) fn guided(mut self, corners: Vec<(usize, usize)>) -> Self {
        self.centre = Some(corners);
        self
    }

    /// Never grow the band past `max_cells`.
    pub(crate) fn capped(mut self, max_cells: usize) -> Self {
        self.max_cells = max_cells;
        self
    }

    /// The best path under bead costs `priors` (by kind), with posteriors
    /// when `temperature` is given, and the length ratio changed to
    /// `ratio` first when it is given and differs by more than
    /// [`RATIO_TOLERANCE`].
    pub(crate) fn run(
        &mut self,
        priors: &[f64],
        band_w: &mut usize,
        temperature: Option<f64>,
        ratio: Option<f64>,
    ) -> Path {
        let (n, m) = (self.scorer.n(), self.scorer.m());
        let kinds = self.kinds;
        // Cached costs leave out the length term (the only part the ratio
        // changes), so they stay valid.
        if let Some(r) = ratio.filter(|&r| (r / self.scorer.ratio()).ln().abs() > RATIO_TOLERANCE) {
            self.scorer.set_ratio(r);
            self.partial = Vec::new();
        }
        loop {
            let b = match &self.centre {
                None => Band::new(n, m, *band_w),
                Some(c) => Band::around(n, m, c, *band_w),
            };
            if self
                .band
                .as_ref()
                .is_none_or(|old| old.cells() != b.cells() || !same_rows(old, &b))
            {
                let old = self.band.take();
                self.partial = Vec::new();
                self.scorer.prepare(&b);
                let k = kinds.len();
                if b.cells() * k <= COST_CACHE_LIMIT {
                    // A band that moved keeps the costs of the cells it
                    // shares with the last one.
                    let mut cache = vec![f32::NAN; b.cells() * k];
                    if let Some(old) = old.as_ref().filter(|_| !self.cache.is_empty()) {
                        for i in 0..=b.n() {
                            for j in b.row(i) {
                                if let (Some(x), Some(y)) = (b.index(i, j), old.index(i, j)) {
                                    cache[x * k..(x + 1) * k]
                                        .copy_from_slice(&self.cache[y * k..(y + 1) * k]);
                                }
                            }
                        }
                    }
                    self.cache = cache;
                } else {
                    self.cache = Vec::new();
                }
                self.band = Some(b);
            }
            let b = self.band.as_ref().expect("set above");
            let scorer = &self.scorer;
            if !self.cache.is_empty() {
                fill_cache(scorer, b, kinds, &mut self.cache);
            }
            let path = if self.cache.is_empty() {
                dp::search_band_with(b, kinds, temperature, |i, j, k| {
                    scorer.cost(i, j, kinds[k], priors[k])
                })
            } else if self.cache.len() <= TABLE_LIMIT {
                // Every bead's cost less its prior, once per band and ratio
                // and on all threads: the DP's sweeps then only read (and
                // add the pass's prior).
                if self.partial.is_empty() {
                    self.partial = partial_costs(scorer, b, kinds, &self.cache);
                }
                dp::search_band_table(b, kinds, temperature, &self.partial, priors)
            } else {
                // Filled above for every bead the DP can ask for (one whose
                // start is in the band).
                let cache = &self.cache;
                dp::search_band_with(b, kinds, temperature, |i, j, k| {
                    let v = cache[b.index(i, j).expect("in band") * kinds.len() + k];
                    debug_assert!(!v.is_nan(), "cost of ({i}, {j}, {k}) not filled");
                    whole_cost(scorer, v, i, j, kinds[k], priors[k])
                })
            };
            if !path.touches_edge || b.is_full() {
                return path;
            }
            let mut corners: Vec<(usize, usize)> =
                path.beads.iter().map(|&(i, j, _)| (i, j)).collect();
            corners.push((n, m));
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

/// Cells per task when costs are computed in parallel.
const FILL_CHUNK: usize = 256;

/// Compute every missing cached cost (less its prior and length term) a
/// search over `b` can ask for, on all threads: the DP then only reads.
/// The values do not depend on the order, so the output is the same for
/// any thread count.
fn fill_cache(scorer: &Scorer, b: &Band, kinds: &[BeadKind], cache: &mut [f32]) {
    let k = kinds.len();
    cache
        .par_chunks_mut(FILL_CHUNK * k)
        .enumerate()
        .for_each(|(c, chunk)| {
            for (costs, (i, j)) in chunk.chunks_mut(k).zip(b.cells_from(c * FILL_CHUNK)) {
                for (kind, v) in kinds.iter().zip(costs.iter_mut()) {
                    if v.is_nan()
                        && kind.zh <= i
                        && kind.en <= j
                        && b.contains(i - kind.zh, j - kind.en)
                    {
                        *v = scorer.cost_without_length(i, j, *kind, 0.0) as f32;
                    }
                }
            }
        });
}

/// A bead's whole cost from its cached part: the one sum both ways of
/// reading the cache make, so they find the same path (the table holds
/// [`partial_cost`] and the DP adds the prior: the same sum, in the same
/// order).
fn whole_cost(scorer: &Scorer, cached: f32, i: usize, j: usize, kind: BeadKind, prior: f64) -> f64 {
    partial_cost(scorer, cached, i, j, kind) + prior
}

/// A bead's cost less its prior: the cached part plus the length term.
fn partial_cost(scorer: &Scorer, cached: f32, i: usize, j: usize, kind: BeadKind) -> f64 {
    f64::from(cached) + scorer.length_term(i, j, kind)
}

/// Largest table of bead costs less their prior (entries of 8 bytes)
/// built for a band; a bigger band adds the length term and prior as the
/// DP reads.
const TABLE_LIMIT: usize = 1 << 20;

/// Every bead's cost less its prior (cached cost plus length term,
/// [`partial_cost`]), in the cache's layout; NaN where the cache has none
/// (beads that start outside the band, which the DP never asks for).
fn partial_costs(scorer: &Scorer, b: &Band, kinds: &[BeadKind], cache: &[f32]) -> Vec<f64> {
    let k = kinds.len();
    let mut table = vec![f64::NAN; cache.len()];
    table
        .par_chunks_mut(FILL_CHUNK * k)
        .zip(cache.par_chunks(FILL_CHUNK * k))
        .enumerate()
        .for_each(|(c, (out, cached))| {
            let cells = b.cells_from(c * FILL_CHUNK);
            for ((costs, vals), (i, j)) in out.chunks_mut(k).zip(cached.chunks(k)).zip(cells) {
                for ((o, &v), &kind) in costs.iter_mut().zip(vals).zip(kinds) {
                    if !v.is_nan() {
                        *o = partial_cost(scorer, v, i, j, kind);
                    }
                }
            }
        });
    table
}

fn same_rows(a: &Band, b: &Band) -> bool {
    (0..=a.n()).all(|i| a.row(i) == b.row(i))
}
