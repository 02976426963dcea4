//! Long pairs cut into pieces: a guide path over the whole pair (Viterbi
//! passes in a band that starts on the diagonal and follows the path),
//! then cut points chosen where the guide is sure
//! (between two cheap 1-1 beads), about one piece size apart.
//!
//! Time and memory of the guide are O((n + m) · w): its band is capped
//! per sentence.

use super::bead::BeadKind;
use super::dp::Path;
use super::features::SentenceFeatures;
use super::score::{ScoreParams, Scorer, Stats};
use super::search::Search;
use super::{Excess, Resources};

/// The guide's band never grows past this many cells per sentence (the
/// memory bound of a huge pair) ...
const MAX_CELLS_PER_SENTENCE: usize = 32;

/// ... unless that is under this many cells (about 180 MB): a pair of a
/// few thousand sentences may need a wide band, and can afford it.
const MIN_CELLS: usize = 1 << 23;

/// The guide's band starts no narrower than this, whatever `--band` says:
/// without a lexicon the guide's path wanders, and a band of 8 lost it
/// (MAC-Dev concatenated, strict F1 0.11 instead of 0.64).
const GUIDE_MIN_BAND: usize = 20;

fn max_cells(sentences: usize) -> usize {
    (MAX_CELLS_PER_SENTENCE * sentences).max(MIN_CELLS)
}

/// Corners `(zh, en)` from `(0, 0)` to `(n, m)` cutting the pair into
/// pieces of about `chunk` sentences (both sides together), and the bead
/// priors re-estimated from the guide path (the first pass of a whole
/// search) when `params` asks for it. The first pass starts in a band as
/// wide as the sentences one side holds in `excess` of a translation of
/// the other (within the memory cap), and expects as many one-sided beads.
pub(crate) fn plan(
    params: &ScoreParams,
    zh: &[SentenceFeatures],
    en: &[SentenceFeatures],
    res: Resources,
    stats: &Stats,
    chunk: usize,
    excess: Excess,
) -> Plan {
    let kinds: Vec<BeadKind> = params.beads.iter().map(|&(k, _)| k).collect();
    let fixed: Vec<f64> = params.beads.iter().map(|&(_, c)| c).collect();
    // The first pass expects a one-sided bead for each sentence in excess:
    // at the usual prior (2%) it rather spreads the shorter side over the
    // longer one in wide beads (MAC-Dev as one pair, English cut after 3
    // of 6 chapters: strict F1 0.60, 0.82 with this).
    let mut first_priors = fixed.clone();
    let side = if excess.kind.zh > 0 {
        zh.len()
    } else {
        en.len()
    };
    let share = (excess.sentences as f64 / side.max(1) as f64).min(0.5);
    if let Some(k) = kinds
        .iter()
        .position(|&x| x == excess.kind)
        .filter(|_| share > 0.0)
    {
        first_priors[k] = first_priors[k].min(-share.ln());
    }
    let usual = params.band.max(GUIDE_MIN_BAND);
    let cells = max_cells(zh.len() + en.len());
    let start_band = super::start_width(excess.sentences, cells, zh.len(), usual);
    let first_pass = Start {
        around: None,
        width: start_band,
    };
    let (mut path, mut band) = guide(
        params,
        &kinds,
        (zh, en),
        res,
        stats,
        &first_priors,
        first_pass,
    );
    // The length ratio re-estimated from the first path's pair beads (the
    // whole pair's may be skewed by a side that stops early), for pieces
    // that keep the whole pair's model. (Using it in the second guide pass
    // too made MAC-Dev concatenated 25% slower and no better.)
    let ratio = super::pair_ratio(zh, en, &kinds, &path);
    let priors = if params.estimate_priors {
        // And a second pass with the priors the first path suggests, so
        // cuts come from the path the pieces will find.
        let priors = super::estimate_priors(&params.beads, &path, params.prior_strength);
        let first = corners_of(&path, zh.len(), en.len());
        // Around the first path the usual width will do (the start may
        // have been wide only to find it).
        let around = if band > start_band { band } else { usual };
        let second_pass = Start {
            around: Some(first),
            width: around,
        };
        (path, band) = guide(params, &kinds, (zh, en), res, stats, &priors, second_pass);
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
        ratio,
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
    /// The length ratio re-estimated from the guide's first path.
    pub ratio: Option<f64>,
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

/// Where a guide pass starts.
struct Start {
    /// Corners of an earlier path to search around; the diagonal if None.
    around: Option<Vec<(usize, usize)>>,
    /// Band half-width to start with.
    width: usize,
}

/// The best path (Viterbi only) under `priors` over the whole pair, and
/// the widest band it needed: a first pass starts in a band around the
/// diagonal, a second around the first pass's path. The band is capped at
/// [`max_cells`], so work and memory are O((n + m) · w) however long the
/// pair.
fn guide(
    params: &ScoreParams,
    kinds: &[BeadKind],
    (zh, en): (&[SentenceFeatures], &[SentenceFeatures]),
    res: Resources,
    stats: &Stats,
    priors: &[f64],
    start: Start,
) -> (Path, usize) {
    let scorer = Scorer::with_stats(params, zh, en, res.dict, stats.clone());
    let mut search = Search::new(scorer, kinds).capped(max_cells(zh.len() + en.len()));
    // (The line of equal length shares instead of the diagonal was tried:
    // no faster on MAC-Dev repeated, and 0.03 strict F1 worse without a
    // lexicon.)
    if let Some(corners) = start.around {
        search = search.guided(corners);
    }
    let mut w = start.width;
    let path = search.run(priors, &mut w, None, None);
    (path, w)
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
