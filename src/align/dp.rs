//! The search: a dynamic program over bead shapes inside a band around the
//! diagonal, finding the cheapest path from (0, 0) to (n, m), plus a
//! forward–backward pass that gives each bead of that path its posterior
//! probability. It sees only a cost function.
//!
//! Time and memory are O((n + m) · w) for a band of half-width `w`; the
//! caller widens the band when the path touches its edge
//! ([`Path::touches_edge`]).

use super::bead::BeadKind;

/// The cells (i, j) the search may visit: for each row i (Chinese
/// sentences consumed) a contiguous range of columns j (English sentences
/// consumed) around the diagonal.
#[derive(Debug, Clone)]
pub struct Band {
    n: usize,
    m: usize,
    lo: Vec<usize>,
    hi: Vec<usize>,
    /// Offset of row i's first cell in the flat arrays.
    start: Vec<usize>,
    cells: usize,
}

impl Band {
    /// A band of half-width `w` around the straight line from (0, 0) to
    /// (n, m). Rows overlap so that a path always exists.
    pub fn new(n: usize, m: usize, w: usize) -> Band {
        let center = |i: usize| {
            if n == 0 {
                0
            } else {
                ((i as u128 * m as u128 + n as u128 / 2) / n as u128) as usize
            }
        };
        let lo: Vec<usize> = (0..=n).map(|i| center(i).saturating_sub(w)).collect();
        let hi: Vec<usize> = (0..=n).map(|i| (center(i) + w).min(m)).collect();
        Band::from_rows(n, m, lo, hi)
    }

    /// A band of half-width `w` around a path (the bead corners of an
    /// earlier search, from (0, 0) to (n, m)): the cheap way to look again
    /// where the path went, instead of widening everywhere.
    pub fn around(n: usize, m: usize, corners: &[(usize, usize)], w: usize) -> Band {
        let mut lo = vec![usize::MAX; n + 1];
        let mut hi = vec![0usize; n + 1];
        for pair in corners.windows(2) {
            let ((i0, j0), (i1, j1)) = (pair[0], pair[1]);
            for i in i0..=i1.min(n) {
                lo[i] = lo[i].min(j0);
                hi[i] = hi[i].max(j1);
            }
        }
        let lo = lo
            .into_iter()
            .map(|l| {
                if l == usize::MAX {
                    0
                } else {
                    l.saturating_sub(w)
                }
            })
            .collect();
        let hi = hi.into_iter().map(|h| (h + w).min(m)).collect();
        Band::from_rows(n, m, lo, hi)
    }

    fn from_rows(n: usize, m: usize, mut lo: Vec<usize>, mut hi: Vec<usize>) -> Band {
        lo[0] = 0;
        hi[n] = m;
        for i in 0..=n {
            hi[i] = hi[i].max(lo[i]);
        }
        // Consecutive rows must share a column (for 1-0 steps).
        for i in 0..n {
            if hi[i] < lo[i + 1] {
                hi[i] = lo[i + 1];
            }
            if lo[i + 1] < lo[i] {
                lo[i + 1] = lo[i].min(hi[i + 1]);
            }
        }
        let mut start = Vec::with_capacity(n + 2);
        let mut cells = 0;
        for i in 0..=n {
            start.push(cells);
            cells += hi[i] - lo[i] + 1;
        }
        start.push(cells);
        Band {
            n,
            m,
            lo,
            hi,
            start,
            cells,
        }
    }

    /// The full (n+1) × (m+1) matrix.
    #[cfg(test)]
    pub fn full(n: usize, m: usize) -> Band {
        Band::new(n, m, n.max(m))
    }

    /// Number of cells.
    pub fn cells(&self) -> usize {
        self.cells
    }

    /// Chinese sentences.
    pub fn n(&self) -> usize {
        self.n
    }

    /// True when the band spans the whole matrix.
    pub fn is_full(&self) -> bool {
        self.lo.iter().all(|&l| l == 0) && self.hi.iter().all(|&h| h == self.m)
    }

    /// The columns of row `i`.
    pub fn row(&self, i: usize) -> std::ops::RangeInclusive<usize> {
        self.lo[i]..=self.hi[i]
    }

    /// True when (i, j) is in the band.
    pub fn contains(&self, i: usize, j: usize) -> bool {
        i <= self.n && j >= self.lo[i] && j <= self.hi[i]
    }

    /// The cell at flat index `x` (`x < cells()`), as (i, j).
    pub(crate) fn cell(&self, x: usize) -> (usize, usize) {
        let i = self.start.partition_point(|&s| s <= x) - 1;
        (i, self.lo[i] + x - self.start[i])
    }

    /// The cells from flat index `x` on, in flat order, as (i, j) (none
    /// when `x >= cells()`).
    pub(crate) fn cells_from(&self, x: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let (i0, j0) = if x < self.cells {
            self.cell(x)
        } else {
            (self.n + 1, 0)
        };
        (i0..=self.n).flat_map(move |i| {
            let lo = if i == i0 { j0 } else { self.lo[i] };
            (lo..=self.hi[i]).map(move |j| (i, j))
        })
    }

    /// Flat index of (i, j), if in the band.
    pub fn index(&self, i: usize, j: usize) -> Option<usize> {
        self.contains(i, j).then(|| self.start[i] + j - self.lo[i])
    }

    /// True when (i, j) lies on an edge of the band that is not an edge of
    /// the matrix (a path there may have been cut off).
    pub fn on_edge(&self, i: usize, j: usize) -> bool {
        (j == self.lo[i] && self.lo[i] > 0) || (j == self.hi[i] && self.hi[i] < self.m)
    }
}

/// The best path through a band.
#[derive(Debug, Clone)]
pub struct Path {
    /// Beads as `(zh_start, en_start, kind index)`, in order.
    pub beads: Vec<(usize, usize, usize)>,
    /// Each bead's cost.
    #[cfg_attr(
        not(test),
        allow(dead_code, reason = "read by the tests' full-matrix search")
    )]
    pub costs: Vec<f64>,
    /// Each bead's posterior probability (forward–backward at the given
    /// temperature), in [0, 1].
    pub posteriors: Vec<f64>,
    /// True when the path passes a band edge: a wider band might find a
    /// better one.
    pub touches_edge: bool,
}

/// Row-normalised log-domain values stored as f32: each row keeps an f64
/// offset, so long documents keep full precision at 4 bytes a cell.
struct RowStore {
    vals: Vec<f32>,
    offset: Vec<f64>,
}

impl RowStore {
    fn new(band: &Band) -> RowStore {
        RowStore {
            vals: vec![f32::NEG_INFINITY; band.cells],
            offset: vec![0.0; band.n + 1],
        }
    }

    fn get(&self, band: &Band, i: usize, j: usize) -> f64 {
        band.index(i, j)
            .map_or(f64::NEG_INFINITY, |x| self.at(i, x))
    }

    /// The value at flat index `x`, a cell of row `i`.
    fn at(&self, i: usize, x: usize) -> f64 {
        let v = self.vals[x];
        if v.is_finite() {
            self.offset[i] + f64::from(v)
        } else {
            f64::NEG_INFINITY
        }
    }

    /// Store row `i` from f64 values (one per column of the row).
    fn set_row(&mut self, band: &Band, i: usize, row: &[f64]) {
        let off = row
            .iter()
            .copied()
            .filter(|v| v.is_finite())
            .fold(f64::NEG_INFINITY, f64::max);
        let off = if off.is_finite() { off } else { 0.0 };
        self.offset[i] = off;
        let s = band.start[i];
        for (k, v) in row.iter().enumerate() {
            self.vals[s + k] = if v.is_finite() {
                (v - off) as f32
            } else {
                f32::NEG_INFINITY
            };
        }
    }
}

/// log(e^a + e^b) without `exp` or `log`: ln(1 + e^−x) tabulated for
/// x in [0, 40) in steps of 1/256 and interpolated linearly (within
/// 1e-6; past 40 it is below f64 resolution of the sum).
fn log_add(a: f64, b: f64) -> f64 {
    if a == f64::NEG_INFINITY {
        return b;
    }
    if b == f64::NEG_INFINITY {
        return a;
    }
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    let x = (hi - lo) * SOFTPLUS_STEPS;
    let k = x as usize;
    let t = softplus_table();
    if k + 1 >= t.len() {
        return hi;
    }
    hi + t[k] + (x - k as f64) * (t[k + 1] - t[k])
}

const SOFTPLUS_STEPS: f64 = 256.0;

fn softplus_table() -> &'static [f64] {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..=(40.0 * SOFTPLUS_STEPS) as usize)
            .map(|k| (-(k as f64) / SOFTPLUS_STEPS).exp().ln_1p())
            .collect()
    })
}

/// Viterbi and forward–backward over `band`. `cost(i, j, k)` is the cost
/// of a bead of kind `kinds[k]` ending at (i, j) (infinite = forbidden);
/// `temperature` scales costs into log-probabilities for the posteriors.
/// Ties are broken by kind order, so the result is deterministic.
///
/// # Panics
/// When no path exists (1-0 and 0-1 beads must be among `kinds` with
/// finite cost).
#[cfg(test)]
pub fn search_band(
    band: &Band,
    kinds: &[BeadKind],
    temperature: f64,
    cost: impl Fn(usize, usize, usize) -> f64 + Sync,
) -> Path {
    search_band_with(band, kinds, Some(temperature), cost)
}

/// [`search_band`], with the forward–backward pass optional: without a
/// temperature the posteriors are all 1 (a first pass that only needs the
/// path runs about twice as fast).
pub fn search_band_with(
    band: &Band,
    kinds: &[BeadKind],
    temperature: Option<f64>,
    cost: impl Fn(usize, usize, usize) -> f64 + Sync,
) -> Path {
    search_impl(band, kinds, temperature, |_, i, j, k| cost(i, j, k))
}

/// [`search_band_with`] over costs already computed: the cost of a bead
/// of kind `kinds[k]` ending at the cell of flat index `x`
/// ([`Band::index`]) is entry `x * kinds.len() + k` of `costs` plus
/// `priors[k]`. Entries of beads that start outside the band are never
/// read.
pub fn search_band_table(
    band: &Band,
    kinds: &[BeadKind],
    temperature: Option<f64>,
    costs: &[f64],
    priors: &[f64],
) -> Path {
    let nk = kinds.len();
    assert_eq!(costs.len(), band.cells * nk, "one cost per cell and kind");
    assert_eq!(priors.len(), nk, "one prior per kind");
    search_impl(band, kinds, temperature, |x, _, _, k| {
        costs[x * nk + k] + priors[k]
    })
}

/// The search; `cost(x, i, j, k)` is the cost of a bead of kind `kinds[k]`
/// ending at (i, j), whose flat index is `x`.
fn search_impl(
    band: &Band,
    kinds: &[BeadKind],
    temperature: Option<f64>,
    cost: impl Fn(usize, usize, usize, usize) -> f64 + Sync,
) -> Path {
    let want_posteriors = temperature.is_some();
    let t = temperature.unwrap_or(1.0).max(1e-9);
    // The backward sweep needs nothing from the forward one: with
    // posteriors wanted, both run at once (each is serial within).
    let (forward, beta) = if want_posteriors {
        let (f, b) = rayon::join(
            || forward(band, kinds, Some(t), &cost),
            || backward(band, kinds, t, &cost),
        );
        (f, Some(b))
    } else {
        (forward(band, kinds, None, &cost), None)
    };
    let Forward { best, alpha, back } = forward;
    let (n, m) = (band.n, band.m);
    let total = best.get(band, n, m);
    assert!(
        total > f64::NEG_INFINITY,
        "no path: 1-0 and 0-1 beads must be allowed"
    );
    // Backtrace.
    let mut beads = Vec::new();
    let mut costs = Vec::new();
    let mut touches_edge = false;
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        touches_edge |= band.on_edge(i, j);
        let k = back[band.index(i, j).expect("path stays in band")] as usize;
        let kind = kinds[k];
        let (pi, pj) = (i - kind.zh, j - kind.en);
        beads.push((pi, pj, k));
        costs.push(best.get(band, pi, pj) - best.get(band, i, j));
        i = pi;
        j = pj;
    }
    beads.reverse();
    costs.reverse();
    let Some(beta) = beta else {
        return Path {
            posteriors: vec![1.0; beads.len()],
            beads,
            costs,
            touches_edge,
        };
    };
    let z = alpha.get(band, n, m);
    let posteriors = beads
        .iter()
        .zip(&costs)
        .map(|(&(pi, pj, k), &c)| {
            let kind = kinds[k];
            let lp =
                alpha.get(band, pi, pj) - c / t + beta.get(band, pi + kind.zh, pj + kind.en) - z;
            lp.exp().clamp(0.0, 1.0)
        })
        .collect();
    Path {
        beads,
        costs,
        posteriors,
        touches_edge,
    }
}

/// What the forward sweep leaves: Viterbi scores (negated costs), the
/// forward log-sums (empty without a temperature) and back pointers.
struct Forward {
    best: RowStore,
    alpha: RowStore,
    back: Vec<u8>,
}

/// The forward sweep: the best path's score into each cell and, with a
/// temperature `t`, the log-sum over all paths into it.
fn forward(
    band: &Band,
    kinds: &[BeadKind],
    t: Option<f64>,
    cost: &impl Fn(usize, usize, usize, usize) -> f64,
) -> Forward {
    match t {
        Some(t) => forward_impl::<true>(band, kinds, t, cost),
        None => forward_impl::<false>(band, kinds, 1.0, cost),
    }
}

/// [`forward`], compiled once with the log-sums (`POST`) and once without
/// (a first pass needs only the path).
fn forward_impl<const POST: bool>(
    band: &Band,
    kinds: &[BeadKind],
    t: f64,
    cost: &impl Fn(usize, usize, usize, usize) -> f64,
) -> Forward {
    let n = band.n;
    // Viterbi scores are stored negated (higher = better) so RowStore's
    // max-offset normalisation serves both passes.
    let mut best = RowStore::new(band);
    let mut alpha = if POST {
        RowStore::new(band)
    } else {
        RowStore {
            vals: Vec::new(),
            offset: Vec::new(),
        }
    };
    let mut back = vec![u8::MAX; band.cells];
    let mut row_best = Vec::new();
    let mut row_alpha = Vec::new();
    for i in 0..=n {
        row_best.clear();
        row_alpha.clear();
        let lo = band.lo[i];
        for (x, j) in (band.start[i]..).zip(band.row(i)) {
            if i == 0 && j == 0 {
                row_best.push(0.0);
                row_alpha.push(0.0);
                continue;
            }
            let mut b = f64::NEG_INFINITY;
            let mut arg = u8::MAX;
            let mut a = f64::NEG_INFINITY;
            for (k, kind) in kinds.iter().enumerate() {
                if kind.zh > i || kind.en > j {
                    continue;
                }
                let (pi, pj) = (i - kind.zh, j - kind.en);
                let prev = if pi == i {
                    // Same row: read what this pass has just written.
                    match pj.checked_sub(lo) {
                        Some(c) if c < row_best.len() => (row_best[c], row_alpha[c]),
                        _ => (f64::NEG_INFINITY, f64::NEG_INFINITY),
                    }
                } else {
                    match band.index(pi, pj) {
                        Some(y) if POST => (best.at(pi, y), alpha.at(pi, y)),
                        Some(y) => (best.at(pi, y), 0.0),
                        None => (f64::NEG_INFINITY, f64::NEG_INFINITY),
                    }
                };
                if prev.0 == f64::NEG_INFINITY {
                    continue;
                }
                let c = cost(x, i, j, k);
                if !c.is_finite() {
                    continue;
                }
                if prev.0 - c > b {
                    b = prev.0 - c;
                    arg = k as u8;
                }
                if POST {
                    a = log_add(a, prev.1 - c / t);
                }
            }
            row_best.push(b);
            row_alpha.push(a);
            back[x] = arg;
        }
        best.set_row(band, i, &row_best);
        if POST {
            alpha.set_row(band, i, &row_alpha);
        }
    }
    Forward { best, alpha, back }
}

/// The backward sweep: beta(i, j), the log-sum over paths from (i, j) to
/// (n, m) at temperature `t`.
fn backward(
    band: &Band,
    kinds: &[BeadKind],
    t: f64,
    cost: &impl Fn(usize, usize, usize, usize) -> f64,
) -> RowStore {
    let (n, m) = (band.n, band.m);
    let mut beta = RowStore::new(band);
    let mut row_beta: Vec<f64> = Vec::new();
    for i in (0..=n).rev() {
        row_beta.clear();
        let cols: Vec<usize> = band.row(i).collect();
        row_beta.resize(cols.len(), f64::NEG_INFINITY);
        for (c, &j) in cols.iter().enumerate().rev() {
            if i == n && j == m {
                row_beta[c] = 0.0;
                continue;
            }
            let mut acc = f64::NEG_INFINITY;
            for (k, kind) in kinds.iter().enumerate() {
                let (ni, nj) = (i + kind.zh, j + kind.en);
                if ni > n || nj > m {
                    continue;
                }
                let (next, y) = if ni == i {
                    match nj.checked_sub(band.lo[i]) {
                        Some(cc) if cc < row_beta.len() => (row_beta[cc], band.start[i] + cc),
                        _ => continue,
                    }
                } else {
                    match band.index(ni, nj) {
                        Some(y) => (beta.at(ni, y), y),
                        None => continue,
                    }
                };
                if next == f64::NEG_INFINITY {
                    continue;
                }
                let cst = cost(y, ni, nj, k);
                if cst.is_finite() {
                    acc = log_add(acc, next - cst / t);
                }
            }
            row_beta[c] = acc;
        }
        beta.set_row(band, i, &row_beta);
    }
    beta
}

/// The cheapest sequence of bead shapes covering `n` × `m` sentences, given
/// `cost(i, j, kind)` for a bead ending at (i, j), over the full matrix.
/// Returns the beads as `(zh_start, en_start, kind, cost)`.
#[cfg(test)]
pub fn search(
    n: usize,
    m: usize,
    kinds: &[BeadKind],
    cost: impl Fn(usize, usize, BeadKind) -> f64 + Sync,
) -> Vec<(usize, usize, BeadKind, f64)> {
    let band = Band::full(n, m);
    let p = search_band(&band, kinds, 1.0, |i, j, k| cost(i, j, kinds[k]));
    p.beads
        .iter()
        .zip(&p.costs)
        .map(|(&(i, j, k), &c)| (i, j, kinds[k], c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_prefers_cheap_kind() {
        // Was the doc example of `search` before the module became private.
        let kinds = [
            BeadKind::new(1, 1),
            BeadKind::new(1, 0),
            BeadKind::new(0, 1),
        ];
        let path = search(2, 2, &kinds, |_, _, k| {
            if k == BeadKind::new(1, 1) { 0.0 } else { 1.0 }
        });
        assert_eq!(path.len(), 2);
    }

    const KINDS: [BeadKind; 5] = [
        BeadKind::new(1, 1),
        BeadKind::new(1, 0),
        BeadKind::new(0, 1),
        BeadKind::new(2, 1),
        BeadKind::new(1, 2),
    ];

    #[test]
    fn log_add_matches_formula() {
        for (a, b) in [
            (0.0f64, 0.0f64),
            (-1.0, -3.5),
            (10.0, -20.0),
            (-700.0, -701.2),
            (5.0, 5.001),
        ] {
            let exact = a.max(b) + (-(a - b).abs()).exp().ln_1p();
            assert!((log_add(a, b) - exact).abs() < 1e-6, "{a} {b}");
        }
        assert_eq!(log_add(f64::NEG_INFINITY, -2.0), -2.0);
    }

    #[test]
    fn band_rows_connect() {
        for (n, m, w) in [(1, 50, 2), (50, 1, 2), (10, 10, 0), (0, 5, 1), (5, 0, 1)] {
            let b = Band::new(n, m, w);
            assert!(b.contains(0, 0) && b.contains(n, m), "{n} {m} {w}");
            for i in 0..n {
                assert!(b.hi[i] >= b.lo[i + 1], "{n} {m} {w} row {i}");
            }
        }
    }

    /// `cells_from(x)` walks the cells in flat order: each is `cell` of
    /// its index, from any start.
    #[test]
    fn cells_from_follows_flat_order() {
        let corners = [(0, 0), (3, 1), (6, 9), (8, 9)];
        for b in [
            Band::new(7, 12, 2),
            Band::around(8, 9, &corners, 1),
            Band::new(0, 3, 1),
        ] {
            for x in [0, 1, b.cells() / 2, b.cells() - 1, b.cells(), b.cells() + 5] {
                let walked: Vec<(usize, usize)> = b.cells_from(x).collect();
                let want: Vec<(usize, usize)> = (x..b.cells()).map(|y| b.cell(y)).collect();
                assert_eq!(walked, want, "from {x}");
            }
        }
    }

    #[test]
    fn banded_equals_full_when_path_is_inside() {
        // Cost favours the diagonal; a band of 3 holds it.
        let cost = |i: usize, j: usize, k: usize| {
            let d = (i as f64 - j as f64).abs();
            [0.0, 3.0, 3.0, 1.5, 1.5][k] + d
        };
        let full = search_band(&Band::full(30, 30), &KINDS, 1.0, cost);
        let band = search_band(&Band::new(30, 30, 3), &KINDS, 1.0, cost);
        assert_eq!(full.beads, band.beads);
        assert!(!band.touches_edge);
    }

    /// A table of the same costs less their priors, with the priors given
    /// apart, gives the same path, costs and posteriors as the cost
    /// function, in bands that hold the path or cut it off.
    #[test]
    fn cost_table_matches_cost_function() {
        let priors = [0.3, 2.5, 2.5, 1.4, 1.4];
        let partial = |i: usize, j: usize, k: usize| {
            // Irregular but deterministic, with one forbidden bead kind.
            let h = (i * 31 + j * 17 + k * 7) % 13;
            if k == 3 && (i + j).is_multiple_of(5) {
                f64::INFINITY
            } else {
                h as f64 * 0.1 + (i as f64 - j as f64).abs() * 0.05
            }
        };
        let cost = |i: usize, j: usize, k: usize| partial(i, j, k) + priors[k];
        for (n, m, w) in [(12, 15, 2), (30, 22, 4), (9, 9, 9), (1, 6, 1)] {
            let band = Band::new(n, m, w);
            let mut table = vec![f64::NAN; band.cells() * KINDS.len()];
            for i in 0..=n {
                for j in band.row(i) {
                    let x = band.index(i, j).unwrap();
                    for (k, kind) in KINDS.iter().enumerate() {
                        if kind.zh <= i && kind.en <= j {
                            table[x * KINDS.len() + k] = partial(i, j, k);
                        }
                    }
                }
            }
            for t in [None, Some(1.1)] {
                let f = search_band_with(&band, &KINDS, t, cost);
                let g = search_band_table(&band, &KINDS, t, &table, &priors);
                assert_eq!(f.beads, g.beads, "{n} {m} {w}");
                assert_eq!(f.costs, g.costs, "{n} {m} {w}");
                assert_eq!(f.posteriors, g.posteriors, "{n} {m} {w}");
                assert_eq!(f.touches_edge, g.touches_edge, "{n} {m} {w}");
            }
        }
    }

    #[test]
    fn narrow_band_reports_edge() {
        // The best path wants to skip 6 English sentences at the start.
        let cost = |i: usize, j: usize, k: usize| {
            if k == 0 && j == i + 6 {
                0.0
            } else {
                [5.0, 1.0, 1.0, 5.0, 5.0][k]
            }
        };
        let p = search_band(&Band::new(20, 26, 1), &KINDS, 1.0, cost);
        assert!(p.touches_edge);
        let p = search_band(&Band::new(20, 26, 12), &KINDS, 1.0, cost);
        assert!(!p.touches_edge);
        assert_eq!(p.beads.iter().filter(|b| b.2 == 0).count(), 20);
    }

    #[test]
    fn posteriors_are_probabilities_and_sharp_when_clear() {
        let cost = |_: usize, _: usize, k: usize| [0.0, 8.0, 8.0, 8.0, 8.0][k];
        let p = search_band(&Band::full(5, 5), &KINDS, 1.0, cost);
        assert_eq!(p.beads.len(), 5);
        assert!(
            p.posteriors.iter().all(|&q| q > 0.95 && q <= 1.0),
            "{:?}",
            p.posteriors
        );
        // Two equally good explanations: about one half each.
        // Three equally good explanations of 2 × 1: about a third each.
        let flat = |_: usize, _: usize, k: usize| [0.0, 1.0, 9.0, 1.0, 9.0][k];
        let p = search_band(&Band::full(2, 1), &KINDS, 1.0, flat);
        assert!(
            p.posteriors.iter().all(|&q| (q - 1.0 / 3.0).abs() < 0.02),
            "{:?}",
            p.posteriors
        );
    }
}

/// The examples of this crate-private module's items, as unit tests.
#[cfg(test)]
mod doc_examples {
    #[test]
    fn band_new() {
        use crate::align::dp::Band;
        let b = Band::new(100, 120, 5);
        assert!(b.contains(50, 60) && !b.contains(50, 80));
        assert!(b.cells() < 101 * 13);
    }

    #[test]
    fn band_around() {
        use crate::align::dp::Band;
        let b = Band::around(10, 10, &[(0, 0), (5, 2), (10, 10)], 1);
        assert!(b.contains(5, 2) && b.contains(7, 5) && !b.contains(2, 8));
    }
}
