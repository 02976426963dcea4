//! Long pairs cut into pieces: a guide path over the whole pair (a
//! Viterbi pass with the starting priors, window by window), then cut
//! points chosen where the guide is sure (between two cheap 1-1 beads),
//! about one piece size apart.
//!
//! Time and memory of the guide are O((n + m) · w): windows of a fixed
//! size, each searched in a band that follows the path.

use super::Resources;
use super::bead::BeadKind;
use super::dp::Path;
use super::features::SentenceFeatures;
use super::score::{ScoreParams, Scorer, Stats};
use super::search::Search;

/// Sentences (both sides) of one window of the guide search.
const WINDOW: usize = 20_000;

/// The guide's band never grows past this many cells per sentence (the
/// memory bound of a huge pair) ...
const MAX_CELLS_PER_SENTENCE: usize = 32;

/// ... unless that is under this many cells (about 180 MB): a pair of a
/// few thousand sentences may need a wide band, and can afford it.
const MIN_CELLS: usize = 1 << 23;

fn max_cells(sentences: usize) -> usize {
    (MAX_CELLS_PER_SENTENCE * sentences).max(MIN_CELLS)
}

/// Corners `(zh, en)` from `(0, 0)` to `(n, m)` cutting the pair into
/// pieces of about `chunk` sentences (both sides together), and the bead
/// priors re-estimated from the guide path (the first pass of a whole
/// search) when `params` asks for it.
pub(crate) fn plan(
    params: &ScoreParams,
    zh: &[SentenceFeatures],
    en: &[SentenceFeatures],
    res: Resources,
    stats: &Stats,
    chunk: usize,
) -> Plan {
    let kinds: Vec<BeadKind> = params.beads.iter().map(|&(k, _)| k).collect();
    let fixed: Vec<f64> = params.beads.iter().map(|&(_, c)| c).collect();
    let (mut path, mut band) = guide(params, &kinds, (zh, en), res, stats, &fixed, None);
    let priors = if params.estimate_priors {
        // As a whole search does: a second pass with the priors the first
        // path suggests, so cuts come from the path the pieces will find.
        let priors = super::estimate_priors(&params.beads, &path, params.prior_strength);
        let first = corners_of(&path, zh.len(), en.len());
        (path, band) = guide(
            params,
            &kinds,
            (zh, en),
            res,
            stats,
            &priors,
            Some((first, band)),
        );
        priors
    } else {
        fixed
    };
    let c = pick(&path, &kinds, zh.len(), en.len(), chunk);
    let corners = corners_of(&path, zh.len(), en.len());
    Plan {
        cuts: c,
        priors,
        corners,
        band,
    }
}

fn corners_of(path: &Path, n: usize, m: usize) -> Vec<(usize, usize)> {
    path.beads
        .iter()
        .map(|&(i, j, _)| (i, j))
        .chain([(n, m)])
        .collect()
}

/// How a long pair is searched in pieces.
pub(crate) struct Plan {
    /// Corners from `(0, 0)` to `(n, m)`; piece k runs from corner k to
    /// corner k + 1.
    pub cuts: Vec<(usize, usize)>,
    /// Bead priors for every piece.
    pub priors: Vec<f64>,
    /// The guide path's bead corners, cut points among them.
    corners: Vec<(usize, usize)>,
    /// The band half-width the guide ended with: where pieces start.
    pub band: usize,
}

impl Plan {
    /// The guide's corners inside the piece from `a` to `b`, relative to
    /// `a`: where the piece's band starts.
    pub fn corners(&self, a: (usize, usize), b: (usize, usize)) -> Vec<(usize, usize)> {
        let lo = self.corners.partition_point(|&c| c < a);
        let hi = self.corners.partition_point(|&c| c <= b);
        self.corners[lo..hi]
            .iter()
            .map(|&(i, j)| (i - a.0, j - a.1))
            .collect()
    }
}

/// The best path (Viterbi only, starting priors) over the pair, and the
/// widest band it needed. A pair
/// of up to [`WINDOW`] sentences is searched whole; a longer one window
/// by window: each window runs from the last committed corner to where
/// the lengths say it ends, and only its first half is committed (so a
/// wrong guess of the end does not matter), as in a sliding-window
/// decoder. Work and memory are O(window · band) per window.
fn guide(
    params: &ScoreParams,
    kinds: &[BeadKind],
    (zh, en): (&[SentenceFeatures], &[SentenceFeatures]),
    res: Resources,
    stats: &Stats,
    priors: &[f64],
    start: Option<(Vec<(usize, usize)>, usize)>,
) -> (Path, usize) {
    let (n, m) = (zh.len(), en.len());
    let width = std::cell::Cell::new(params.band.max(1));
    let window = WINDOW;
    let search = |i0: usize, j0: usize, i1: usize, j1: usize, guess: Option<usize>| {
        let scorer = Scorer::with_stats(
            params,
            &zh[i0..i1],
            &en[j0..j1],
            res.dict,
            res.learned,
            stats.slice(i0..i1, j0..j1),
        );
        let mut w = params.band.max(1);
        let s = Search::new(scorer, kinds)
            // No floor here: many windows, and a window needs no wide band.
            .capped(MAX_CELLS_PER_SENTENCE * (i1 - i0 + j1 - j0));
        let path = match guess {
            Some(g) => s.free_end(g - j0),
            None => s,
        }
        .run(priors, &mut w, None);
        width.set(width.get().max(w));
        path
    };
    if n + m <= window + window / 2 || start.is_some() {
        // A second pass follows the first pass's path over the whole pair
        // (its band is O((n + m) · w) however long the pair).
        let scorer = Scorer::with_stats(params, zh, en, res.dict, res.learned, stats.clone());
        let mut search = Search::new(scorer, kinds).capped(max_cells(n + m));
        let mut w = params.band.max(1);
        if let Some((corners, band)) = start {
            // Where the first pass ended, as a whole search's second pass.
            search = search.guided(corners);
            w = band;
        }
        let path = search.run(priors, &mut w, None);
        return (path, w);
    }
    let zc = prefix(zh);
    let ec = prefix(en);
    let mut out = Path {
        beads: Vec::new(),
        costs: Vec::new(),
        posteriors: Vec::new(),
        touches_edge: false,
    };
    let (mut i, mut j) = (0usize, 0usize);
    // English chars per Chinese char of the last committed stretch.
    let mut ratio = ec[m] as f64 / zc[n].max(1) as f64;
    loop {
        let left = (n - i) + (m - j);
        let last = left <= window + window / 2;
        let path = if last {
            search(i, j, n, m, None)
        } else {
            // A window of about `window` sentences, its Chinese end by
            // sentence share; the English end is free, guessed where the
            // lengths match, with room to either side.
            let i1 = (i + window * (n - i) / left).clamp(i + 1, n);
            let want = ec[j] as f64 + ratio * (zc[i1] - zc[i]) as f64;
            let guess = ec.partition_point(|&c| (c as f64) < want).clamp(j + 1, m);
            let j1 = (guess + (guess - j) / 2 + params.band).min(m);
            search(i, j, i1, j1, Some(guess))
        };
        let half = path
            .beads
            .last()
            .map_or(0, |&(bi, bj, k)| bi + bj + kinds[k].zh + kinds[k].en)
            / 2;
        let (ci, cj) = (i, j);
        for (k, &(bi, bj, kind)) in path.beads.iter().enumerate() {
            if !last && bi + bj >= half {
                break;
            }
            out.beads.push((bi + ci, bj + cj, kind));
            out.costs.push(path.costs[k]);
            out.posteriors.push(1.0);
            i = bi + ci + kinds[kind].zh;
            j = bj + cj + kinds[kind].en;
        }
        if last {
            return (out, width.get());
        }
        if (i, j) == (ci, cj) {
            // Nothing committed (a huge first bead): take one bead.
            let (bi, bj, kind) = path.beads[0];
            out.beads.push((bi + ci, bj + cj, kind));
            out.costs.push(path.costs[0]);
            out.posteriors.push(1.0);
            i = ci + kinds[kind].zh;
            j = cj + kinds[kind].en;
        }
        if zc[i] > zc[ci] {
            ratio = (ec[j] - ec[cj]) as f64 / (zc[i] - zc[ci]) as f64;
        }
    }
}

fn prefix(s: &[SentenceFeatures]) -> Vec<usize> {
    let mut v = Vec::with_capacity(s.len() + 1);
    let mut acc = 0;
    v.push(0);
    for f in s {
        acc += f.chars;
        v.push(acc);
    }
    v
}

/// Cut points on the guide: from the last cut, among the bead boundaries
/// between half and one and a half pieces further on, the one whose two
/// neighbouring beads are 1-1 and cheapest (the worse of the two counts);
/// the first such boundary on ties.
fn pick(path: &Path, kinds: &[BeadKind], n: usize, m: usize, chunk: usize) -> Vec<(usize, usize)> {
    let one = BeadKind::new(1, 1);
    let b = &path.beads;
    let mut out = vec![(0, 0)];
    let mut last = 0usize;
    let mut x = 1;
    while n + m - last >= 2 * chunk && x < b.len() {
        let (lo, hi) = (last + chunk / 2, last + chunk + chunk / 2);
        let mut best: Option<(f64, usize)> = None;
        while x < b.len() && b[x].0 + b[x].1 <= hi {
            let s = b[x].0 + b[x].1;
            if s >= lo {
                let score = if kinds[b[x - 1].2] == one && kinds[b[x].2] == one {
                    path.costs[x - 1].max(path.costs[x])
                } else {
                    f64::INFINITY
                };
                if best.is_none_or(|(c, _)| score < c) {
                    best = Some((score, x));
                }
            }
            x += 1;
        }
        let Some((_, k)) = best else {
            // A bead wider than the window: cut after it.
            if x < b.len() {
                last = b[x].0 + b[x].1;
                out.push((b[x].0, b[x].1));
                x += 1;
            }
            continue;
        };
        last = b[k].0 + b[k].1;
        out.push((b[k].0, b[k].1));
        x = k + 1;
    }
    out.push((n, m));
    out
}
