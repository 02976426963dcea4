//! The cost of a bead: −log prior of its shape, plus a Gale–Church length
//! term, minus rewards for shared evidence (dictionary word
//! translations, glossary terms, numbers, quotes). Every piece is a small
//! pure function; the search in [`super::dp`] knows nothing of what the
//! cost means.
//!
//! Evidence between one Chinese and one English sentence is computed once
//! per cell of the search band ([`Scorer::prepare`]); a bead of several
//! sentences sums its pairs, so a bead costs O(a·b) additions, not a set
//! intersection.

use std::collections::HashMap;

use rayon::prelude::*;

use super::bead::BeadKind;
use super::dp::Band;
use super::features::{IDENTITY, NO_ENTRY, SentenceFeatures, Word};
use crate::error::{Error, ErrorKind, Result};
use crate::glossary::EntryId;
use crate::lexicon::Dictionary;
use crate::lexicon::hash::FixedState;

/// Tunable weights of the cost function and the search.
#[derive(Debug, Clone)]
pub struct ScoreParams {
    /// Bead shapes the search may use, each with its starting cost
    /// (−log prior); re-estimated per document when `estimate_priors`.
    pub beads: Vec<(BeadKind, f64)>,
    /// Re-estimate bead priors from a first pass over each document pair.
    pub estimate_priors: bool,
    /// Pseudo-count of the starting priors when re-estimating.
    pub prior_strength: f64,
    /// Weight of the length term.
    pub length_weight: f64,
    /// Variance of English length per Chinese char (Gale–Church `s²`),
    /// relative to the document's length ratio.
    pub length_variance: f64,
    /// Reward for lexical similarity (idf-weighted Dice of words matched
    /// through the dictionary and Latin tokens).
    pub lexical_weight: f64,
    /// The lexical reward grows with bead size as ((a + b) / 2)^this, so a
    /// wide bead is not cheaper than the narrow beads it replaces.
    pub size_exponent: f64,
    /// Share of the lexical reward a wide bead loses per sentence of it
    /// whose words found no translation in the bead (scaled by the bead's
    /// sentence count).
    pub orphan_discount: f64,
    /// Cost per sentence of a bead of 3 or more sentences, straddling a
    /// paragraph break, whose words found no translation in the bead: a
    /// paragraph added or dropped in translation gives 1-0 (or 0-1) beads,
    /// not passengers of a wide bead at its edge. (Within a paragraph, or
    /// without paragraphs, literature's wide beads often hold sentences
    /// without a dictionary anchor: there the discount alone applies.)
    pub orphan_penalty: f64,
    /// Reward for glossary terms shared by both sides (rarity-weighted Dice).
    pub term_weight: f64,
    /// Reward for numbers shared by both sides; capped, so numbers alone
    /// cannot pull a bead across the diagonal.
    pub number_weight: f64,
    /// Reward when both sides hold a quoted or titled span.
    pub quote_weight: f64,
    /// Cost of a bead whose sentences straddle a paragraph break on one
    /// side only (soft evidence).
    pub paragraph_penalty: f64,
    /// Half-width of the initial search band, in sentences.
    pub band: usize,
    /// Temperature of the posterior (confidence) computation.
    pub temperature: f64,
}

impl ScoreParams {
    /// Check that the search can always find a path and that no weight
    /// turns costs into NaN: 1-0 and 0-1 beads are allowed, no bead is
    /// 0-0, every bead cost lies in [-100, 100] (so re-estimated priors stay
    /// finite), weights are finite, `length_variance` and `temperature` are
    /// positive, and `prior_strength` is positive when priors are
    /// re-estimated. [`AlignerBuilder::build`](super::AlignerBuilder::build)
    /// calls it.
    pub fn validate(&self) -> Result<()> {
        let bad = |msg: String| Err(Error::new(ErrorKind::Config, msg));
        for &(kind, cost) in &self.beads {
            if kind.zh == 0 && kind.en == 0 {
                return bad("bead kind 0-0 is not allowed".into());
            }
            // A bead that pairs sentences keeps one mask per sentence of a
            // side; a one-sided bead (5-0) pairs nothing and keeps none.
            if kind.zh > 0 && kind.en > 0 && kind.zh.max(kind.en) > MAX_SIDE {
                return bad(format!(
                    "bead {kind} is too wide: a bead that pairs sentences has at most {MAX_SIDE} on a side"
                ));
            }
            if !(-100.0..=100.0).contains(&cost) {
                return bad(format!(
                    "bead {kind} has cost {cost}; costs must lie in [-100, 100]"
                ));
            }
        }
        for needed in [BeadKind::new(1, 0), BeadKind::new(0, 1)] {
            if !self.beads.iter().any(|&(k, _)| k == needed) {
                return bad(format!(
                    "bead kinds must include {needed} (1-0 and 0-1 beads guarantee a path)"
                ));
            }
        }
        let weights = [
            ("prior_strength", self.prior_strength),
            ("length_weight", self.length_weight),
            ("length_variance", self.length_variance),
            ("lexical_weight", self.lexical_weight),
            ("size_exponent", self.size_exponent),
            ("orphan_discount", self.orphan_discount),
            ("term_weight", self.term_weight),
            ("number_weight", self.number_weight),
            ("quote_weight", self.quote_weight),
            ("paragraph_penalty", self.paragraph_penalty),
            ("temperature", self.temperature),
        ];
        for (name, v) in weights {
            if !v.is_finite() {
                return bad(format!("{name} must be finite, not {v}"));
            }
        }
        for (name, v) in [
            ("length_variance", self.length_variance),
            ("temperature", self.temperature),
        ] {
            if v <= 0.0 {
                return bad(format!("{name} must be positive, not {v}"));
            }
        }
        if self.estimate_priors && self.prior_strength <= 0.0 {
            return bad(format!(
                "prior_strength must be positive when priors are re-estimated, not {}",
                self.prior_strength
            ));
        }
        Ok(())
    }
}

/// Bead-shape probabilities the search starts from: symmetric, not tuned on
/// one genre (the per-document re-estimation adapts them). These are the
/// only shapes the aligner emits (`align --help` and the README list the
/// same set; `--max-bead` narrows it, [`ScoreParams::max_bead`]).
pub const DEFAULT_PRIORS: &[(usize, usize, f64)] = &[
    (1, 1, 0.60),
    (1, 2, 0.10),
    (2, 1, 0.10),
    (1, 0, 0.02),
    (0, 1, 0.02),
    (2, 2, 0.03),
    (1, 3, 0.04),
    (3, 1, 0.04),
    (1, 4, 0.01),
    (4, 1, 0.01),
];

impl ScoreParams {
    /// Keep only the bead shapes with at most `n` sentences on either side
    /// (`align --max-bead N`); 1-0 and 0-1 always remain, so `n` = 0 is
    /// taken as 1.
    ///
    /// ```
    /// use termalign::align::ScoreParams;
    /// let p = ScoreParams::default().max_bead(2);
    /// let shapes: Vec<String> = p.beads.iter().map(|(k, _)| k.to_string()).collect();
    /// assert_eq!(shapes, ["1-1", "1-2", "2-1", "1-0", "0-1", "2-2"]);
    /// ```
    pub fn max_bead(mut self, n: usize) -> ScoreParams {
        let n = n.max(1);
        self.beads.retain(|(k, _)| k.zh <= n && k.en <= n);
        self
    }
}

impl Default for ScoreParams {
    fn default() -> ScoreParams {
        ScoreParams {
            beads: DEFAULT_PRIORS
                .iter()
                .map(|&(a, b, p)| (BeadKind::new(a, b), -f64::ln(p)))
                .collect(),
            estimate_priors: true,
            prior_strength: 20.0,
            // Length at 0.05 of the lexical weight (shared notes: a full
            // Gale–Church weight drowns the lexical term); tuned on
            // MAC-Dev with the built-in lexicon, checked on the news set.
            length_weight: 0.5,
            length_variance: 6.8,
            lexical_weight: 10.0,
            size_exponent: 0.5,
            orphan_discount: 0.5,
            orphan_penalty: 1.5,
            term_weight: 4.0,
            number_weight: 2.0,
            quote_weight: 0.75,
            paragraph_penalty: 1.0,
            // Wide enough for the documents of MAC-Dev, the news set and
            // the shortened and expanded SCO fixtures (their F1 is the
            // same at 6, 8, 12 and 20), and the band follows the path when
            // it touches an edge; 20 made the DP half as fast again.
            band: 8,
            // Slightly flatter than the raw posterior: chosen so beads of
            // confidence ≥ 0.9 are ≥ 97% right on MAC-Dev and the news and
            // SCO fixtures (1.0: 97.1% / 97.0%; 1.1: 97.9% / 97.9%); the
            // table comes from `eval --calibration`.
            temperature: 1.1,
        }
    }
}

/// Per-pair evidence stored in the band: which words of each sentence
/// found a translation in the other (the first 64 words of a sentence; a
/// bead ORs the masks, so no word counts twice), and the weight of the
/// glossary terms and numbers the two share.
#[derive(Debug, Clone, Copy, Default)]
struct Pair {
    zmask: u64,
    emask: u64,
    shared: Sparse,
}

#[derive(Debug, Clone, Copy, Default)]
struct Sparse {
    term: f32,
    num: f32,
}

/// Scores beads of one document pair (or one article pair).
pub struct Scorer<'a> {
    params: &'a ScoreParams,
    zh: &'a [SentenceFeatures],
    en: &'a [SentenceFeatures],
    dict: Option<&'a Dictionary>,
    /// Rarity weight of each glossary entry.
    term_weights: HashMap<EntryId, f64>,
    /// idf weight of each word of each sentence (parallel to `words`).
    zw: Vec<Vec<f32>>,
    ew: Vec<Vec<f32>>,
    /// Prefix sums of per-sentence totals: chars, lexical, terms, numbers.
    zp: Prefix,
    ep: Prefix,
    pairs: Vec<Pair>,
    band: Option<Band>,
    has_paragraphs: bool,
    /// Per-sentence layout as prefix counts, so a bead's layout checks
    /// cost O(1) whatever its width.
    zl: Layout,
    el: Layout,
    /// Lexical reward scale by bead size (a + b), precomputed.
    size: [f64; 16],
    /// The length term, tabulated.
    length: LengthTable,
}

#[derive(Default)]
struct Prefix {
    chars: Vec<f64>,
    lex: Vec<f64>,
    term: Vec<f64>,
    num: Vec<f64>,
}

impl Prefix {
    fn push(&mut self, chars: f64, lex: f64, term: f64, num: f64) {
        let last = |v: &Vec<f64>| v.last().copied().unwrap_or(0.0);
        if self.chars.is_empty() {
            self.chars.push(0.0);
            self.lex.push(0.0);
            self.term.push(0.0);
            self.num.push(0.0);
        }
        self.chars.push(last(&self.chars) + chars);
        self.lex.push(last(&self.lex) + lex);
        self.term.push(last(&self.term) + term);
        self.num.push(last(&self.num) + num);
    }
    fn range(v: &[f64], a: usize, b: usize) -> f64 {
        if v.is_empty() { 0.0 } else { v[b] - v[a] }
    }
}

/// What a scorer learns from the whole document pair before scoring any
/// bead: the length ratio, glossary-term rarity and word idf weights.
#[derive(Debug, Clone)]
pub(crate) struct Stats {
    ratio: f64,
    term_weights: HashMap<EntryId, f64>,
    zw: Vec<Vec<f32>>,
    ew: Vec<Vec<f32>>,
}

impl Stats {
    pub(crate) fn new(zh: &[SentenceFeatures], en: &[SentenceFeatures]) -> Stats {
        let total = |s: &[SentenceFeatures]| s.iter().map(|f| f.chars).sum::<usize>();
        let ratio = length_ratio(total(zh), total(en));
        let mut counts: HashMap<EntryId, usize> = HashMap::new();
        for f in zh {
            for &t in &f.terms {
                *counts.entry(t).or_default() += 1;
            }
        }
        let term_weights: HashMap<EntryId, f64> = counts
            .into_iter()
            .map(|(t, n)| (t, 1.0 / (n as f64).sqrt()))
            .collect();
        let weights = |side: &[SentenceFeatures]| -> Vec<Vec<f32>> {
            // The keys are hashes already: FNV, not SipHash, over them.
            let mut df: HashMap<u64, u32, FixedState> = HashMap::default();
            for f in side {
                for w in &f.words {
                    *df.entry(w.key).or_default() += 1;
                }
            }
            side.iter()
                .map(|f| {
                    f.words
                        .iter()
                        .map(|w| idf(&df, side.len(), w.key))
                        .collect()
                })
                .collect()
        };
        let (zw, ew) = rayon::join(|| weights(zh), || weights(en));
        Stats {
            ratio,
            term_weights,
            zw,
            ew,
        }
    }

    /// The length ratio (English chars per Chinese char over the pair, as
    /// measured unless clamped since).
    pub(crate) fn ratio(&self) -> f64 {
        self.ratio
    }

    /// Keep the length ratio within `lo..=hi`.
    pub(crate) fn clamp_ratio(&mut self, lo: f64, hi: f64) {
        self.ratio = self.ratio.clamp(lo, hi);
    }

    /// The statistics of sentences `zr` × `er` only.
    pub(crate) fn slice(&self, zr: std::ops::Range<usize>, er: std::ops::Range<usize>) -> Stats {
        Stats {
            ratio: self.ratio,
            term_weights: self.term_weights.clone(),
            zw: self.zw[zr].to_vec(),
            ew: self.ew[er].to_vec(),
        }
    }
}

fn idf(df: &HashMap<u64, u32, FixedState>, n: usize, k: u64) -> f32 {
    let d = df.get(&k).copied().unwrap_or(1) as f32;
    ((n as f32 + 1.0) / d).ln().max(0.05)
}

impl<'a> Scorer<'a> {
    /// A scorer over `zh` × `en` with document statistics `stats`
    /// (`Stats::new` of the pair itself for a whole document, or computed
    /// elsewhere (over the whole of a long pair this is a piece
    /// of, sliced to it).
    pub(crate) fn with_stats(
        params: &'a ScoreParams,
        zh: &'a [SentenceFeatures],
        en: &'a [SentenceFeatures],
        dict: Option<&'a Dictionary>,
        stats: Stats,
    ) -> Scorer<'a> {
        let Stats {
            ratio,
            term_weights,
            zw,
            ew,
        } = stats;
        let tw = |t: &EntryId| term_weights.get(t).copied().unwrap_or(1.0);
        let mut zp = Prefix::default();
        for (f, w) in zh.iter().zip(&zw) {
            zp.push(
                f.chars as f64,
                w.iter().map(|&x| f64::from(x)).sum(),
                f.terms.iter().map(tw).sum(),
                f.numbers.len() as f64,
            );
        }
        let mut ep = Prefix::default();
        for (f, w) in en.iter().zip(&ew) {
            ep.push(
                f.chars as f64,
                w.iter().map(|&x| f64::from(x)).sum(),
                f.terms.iter().map(tw).sum(),
                f.numbers.len() as f64,
            );
        }
        let has_paragraphs = zh.windows(2).any(|w| w[0].paragraph != w[1].paragraph)
            || en.windows(2).any(|w| w[0].paragraph != w[1].paragraph);
        Scorer {
            params,
            zh,
            en,
            dict,
            term_weights,
            zw,
            ew,
            zp,
            ep,
            pairs: Vec::new(),
            band: None,
            has_paragraphs,
            zl: Layout::new(zh),
            el: Layout::new(en),
            size: std::array::from_fn(|n| (n as f64 / 2.0).powf(params.size_exponent)),
            length: LengthTable::new(ratio, params.length_variance),
        }
    }

    /// The English:Chinese length ratio in use.
    pub fn ratio(&self) -> f64 {
        self.length.ratio
    }

    /// Use another English:Chinese length ratio (the aligner starts from
    /// a clamped document ratio and re-estimates it from a first pass).
    pub fn set_ratio(&mut self, ratio: f64) {
        self.length.ratio = ratio;
    }

    /// Chinese sentences.
    pub(crate) fn n(&self) -> usize {
        self.zh.len()
    }

    /// English sentences.
    pub(crate) fn m(&self) -> usize {
        self.en.len()
    }

    /// Compute the evidence of every sentence pair a bead ending in `band`
    /// can use. Call before [`Scorer::cost`] for that band.
    pub fn prepare(&mut self, band: &Band) {
        // A band that moved (the search follows its path) shares most
        // cells with the last one: keep their evidence when that is
        // affordable; otherwise free it first (peak memory).
        let old = self.band.take().filter(|b| b.cells() <= REUSE_LIMIT);
        let old_pairs = std::mem::take(&mut self.pairs);
        let old_pairs = if old.is_some() { old_pairs } else { Vec::new() };
        let mut pairs = vec![Pair::default(); band.cells()];
        // Rows are independent: split the cells by row and fill the rows
        // on all threads (each cell's value does not depend on which).
        let mut rows: Vec<(usize, &mut [Pair])> = Vec::with_capacity(band.n());
        let mut rest = pairs.as_mut_slice();
        for i in 0..=band.n() {
            let (row, r) = rest.split_at_mut(band.row(i).count());
            rest = r;
            if i > 0 {
                rows.push((i, row));
            }
        }
        let this = &*self;
        rows.par_iter_mut()
            .with_min_len(ROWS_PER_TASK)
            .for_each_init(
                // One row's Chinese glosses, looked up once and reused for
                // every English sentence of the row (not kept: O(row) memory).
                || (Vec::new(), GlossSet::default()),
                |(index, set), (i, row)| {
                    let i = *i;
                    let mut indexed = false;
                    for (cell, j) in row.iter_mut().zip(band.row(i)) {
                        if j == 0 {
                            continue;
                        }
                        if let Some(y) = old.as_ref().and_then(|b| b.index(i, j)) {
                            *cell = old_pairs[y];
                            continue;
                        }
                        if !indexed {
                            this.gloss_index(i - 1, index);
                            set.fill(index);
                            indexed = true;
                        }
                        let (zmask, emask) = masks_from_set(set, &this.en[j - 1].words);
                        *cell = Pair {
                            zmask,
                            emask,
                            shared: this.sparse_evidence(i - 1, j - 1),
                        };
                    }
                },
            );
        drop(rows);
        drop(old_pairs);
        self.pairs = pairs;
        self.band = Some(band.clone());
    }

    fn pair(&self, i: usize, j: usize) -> Pair {
        match self.band.as_ref().and_then(|b| b.index(i + 1, j + 1)) {
            Some(x) => self.pairs[x],
            None => self.pair_evidence(i, j),
        }
    }

    /// Which words of Chinese sentence `i` and English sentence `j` found
    /// a translation in the other.
    fn pair_evidence(&self, i: usize, j: usize) -> Pair {
        let (z, e) = (&self.zh[i], &self.en[j]);
        let (zmask, emask) = lexical_masks(&z.words, &e.words, |w, f| self.glosses(w, f));
        Pair {
            zmask,
            emask,
            shared: self.sparse_evidence(i, j),
        }
    }

    /// The English keys Chinese sentence `i`'s words (the first 64)
    /// translate to, each with the bit of the word giving it (a key may
    /// come more than once).
    fn gloss_index(&self, i: usize, out: &mut Vec<(u64, u64)>) {
        out.clear();
        for (k, w) in self.zh[i].words.iter().enumerate().take(64) {
            self.glosses(w, &mut |g| out.push((g, 1u64 << k)));
        }
    }

    /// Glossary terms and numbers shared by sentences `i` and `j`.
    fn sparse_evidence(&self, i: usize, j: usize) -> Sparse {
        let (z, e) = (&self.zh[i], &self.en[j]);
        let mut term = 0.0;
        for t in &z.terms {
            if e.terms.binary_search(t).is_ok() {
                term += 2.0 * self.term_weights.get(t).copied().unwrap_or(1.0);
            }
        }
        let mut num = 0.0;
        let mut used = [false; 64];
        for n in &z.numbers {
            if let Some(k) = (0..e.numbers.len().min(64)).find(|&k| !used[k] && e.numbers[k] == *n)
            {
                used[k] = true;
                num += 2.0;
            }
        }
        Sparse {
            term: term as f32,
            num,
        }
    }

    /// Call `f` with each English stem word `w` may translate to.
    fn glosses(&self, w: &Word, f: &mut dyn FnMut(u64)) {
        match w.entry {
            IDENTITY => f(w.key),
            NO_ENTRY => {}
            id => {
                if let Some(d) = self.dict {
                    for &g in d.entry(id) {
                        f(g);
                    }
                }
            }
        }
    }

    /// Cost of the bead of shape `kind` ending at (i, j), with prior cost
    /// `prior` (lower is better; infinite = forbidden).
    pub fn cost(&self, i: usize, j: usize, kind: BeadKind, prior: f64) -> f64 {
        self.cost_without_length(i, j, kind, prior) + self.length_term(i, j, kind)
    }

    /// The length term of [`Scorer::cost`] (0 for 1-0 and 0-1 beads): the
    /// only part that depends on the length ratio, so a search keeps the
    /// rest cached when the ratio is re-estimated.
    pub(crate) fn length_term(&self, i: usize, j: usize, kind: BeadKind) -> f64 {
        if kind.zh == 0 || kind.en == 0 {
            return 0.0;
        }
        let lz = Prefix::range(&self.zp.chars, i - kind.zh, i);
        let le = Prefix::range(&self.ep.chars, j - kind.en, j);
        self.params.length_weight * self.length.cost(lz, le)
    }

    /// [`Scorer::cost`] without [`Scorer::length_term`].
    pub(crate) fn cost_without_length(
        &self,
        i: usize,
        j: usize,
        kind: BeadKind,
        prior: f64,
    ) -> f64 {
        let (i0, j0) = (i - kind.zh, j - kind.en);
        let (zl, el) = (&self.zl, &self.el);
        if zl.crosses_article(i0, i) || el.crosses_article(j0, j) {
            return f64::INFINITY;
        }
        let mut cost = prior;
        if i0 == i || j0 == j {
            return cost;
        }
        // Titles align with titles only (hard anchor).
        let (zt, et) = (
            Layout::count(&zl.title, i0, i),
            Layout::count(&el.title, j0, j),
        );
        if (zt > 0) != (et > 0) || (zt > 0 && (zt != i - i0 || et != j - j0)) {
            return f64::INFINITY;
        }
        // Release furniture (a byline, a sign-off, a heading) pairs 1-1 with
        // furniture only: a Chinese byline is never glued to a sentence.
        let zf = Layout::count(&zl.furniture, i0, i) > 0;
        let ef = Layout::count(&el.furniture, j0, j) > 0;
        if (zf || ef) && (zf != ef || (i - i0) + (j - j0) > 2) {
            return f64::INFINITY;
        }
        if self.has_paragraphs && (zl.crosses_paragraph(i0, i) != el.crosses_paragraph(j0, j)) {
            cost += self.params.paragraph_penalty;
        }
        let p = self.params;
        let mut zm = [0u64; MAX_SIDE];
        let mut em = [0u64; MAX_SIDE];
        let mut sum = Sparse::default();
        for a in i0..i {
            for b in j0..j {
                let q = self.pair(a, b);
                zm[a - i0] |= q.zmask;
                em[b - j0] |= q.emask;
                sum.term += q.shared.term;
                sum.num += q.shared.num;
            }
        }
        let mut lex = 0.0f64;
        // Sentences with words of which none found a translation in the
        // bead: a wide bead must not carry an unrelated sentence on the
        // evidence of its neighbour.
        let mut orphans = 0usize;
        // Sentences with less than WEAK_SHARE of their word weight matched
        // (a stray gloss such as 设 → "build" rescues no sentence).
        let mut weak = 0usize;
        for (a, m) in (i0..i).zip(zm) {
            let w = masked_weight(&self.zw[a], m);
            lex += w;
            orphans += usize::from(m == 0);
            weak += usize::from(w < WEAK_SHARE * Prefix::range(&self.zp.lex, a, a + 1));
        }
        for (b, m) in (j0..j).zip(em) {
            let w = masked_weight(&self.ew[b], m);
            lex += w;
            orphans += usize::from(m == 0);
            weak += usize::from(w < WEAK_SHARE * Prefix::range(&self.ep.lex, b, b + 1));
        }
        let mut size = self.size[(kind.zh + kind.en).min(self.size.len() - 1)];
        if kind.zh + kind.en > 2 {
            size *= 1.0 - p.orphan_discount * orphans as f64 / (kind.zh + kind.en) as f64;
            if weak > 0
                && self.has_paragraphs
                && (zl.crosses_paragraph(i0, i) || el.crosses_paragraph(j0, j))
            {
                cost += p.orphan_penalty * weak as f64;
            }
        }
        let dice = |shared: f32, za: &[f64], eb: &[f64]| {
            let tot = Prefix::range(za, i0, i) + Prefix::range(eb, j0, j);
            if tot <= 0.0 {
                0.0
            } else {
                (f64::from(shared) / tot).min(1.0)
            }
        };
        cost -= p.lexical_weight * size * dice(lex as f32, &self.zp.lex, &self.ep.lex);
        cost -= p.term_weight * dice(sum.term, &self.zp.term, &self.ep.term);
        cost -= p.number_weight * dice(sum.num, &self.zp.num, &self.ep.num);
        // Quotes: reward a bead whose sides both quote, and make every
        // quoting sentence look for a quoting partner.
        let zq = Layout::count(&zl.quoted, i0, i);
        let eq = Layout::count(&el.quoted, j0, j);
        if zq > 0 && eq > 0 {
            cost -= p.quote_weight;
        } else if zq + eq > 0 {
            cost += p.quote_weight;
        }
        cost
    }
}

/// Widest side of a bead (sentences): the scorer keeps one mask per
/// sentence of a side in an array this long.
const MAX_SIDE: usize = 4;

/// Which words of a Chinese word list and an English one (both sorted by
/// key) have a translation on the other side: bit k of each mask is word k
/// (words past the 64th are not tracked). `glosses` lists the English keys
/// a Chinese word translates to.
pub fn lexical_masks(
    zh: &[Word],
    en: &[Word],
    glosses: impl Fn(&Word, &mut dyn FnMut(u64)),
) -> (u64, u64) {
    let (mut zm, mut em) = (0u64, 0u64);
    if zh.is_empty() || en.is_empty() {
        return (0, 0);
    }
    for (i, w) in zh.iter().enumerate().take(64) {
        glosses(w, &mut |g| {
            if let Ok(k) = en.binary_search_by_key(&g, |x| x.key) {
                zm |= 1 << i;
                if k < 64 {
                    em |= 1 << k;
                }
            }
        });
    }
    (zm, em)
}

/// A Chinese sentence's glosses ([`Scorer::gloss_index`]) as an
/// open-addressing table from English key to the bits of the words giving
/// it: each English word of a row's sentences is found in one probe or
/// two (a row reads it for every cell, so it pays to build).
#[derive(Debug, Default)]
struct GlossSet {
    /// (key, bits); bits 0 marks an empty slot (a word always has a bit).
    slots: Vec<(u64, u64)>,
    mask: usize,
}

impl GlossSet {
    /// Hold the glosses of `index`, ORing the bits of a key that comes
    /// more than once.
    fn fill(&mut self, index: &[(u64, u64)]) {
        let cap = (2 * index.len()).next_power_of_two().max(8);
        self.slots.clear();
        self.slots.resize(cap, (0, 0));
        self.mask = cap - 1;
        for &(g, bits) in index {
            let mut x = self.slot(g);
            loop {
                let (k, b) = &mut self.slots[x];
                if *b == 0 {
                    (*k, *b) = (g, bits);
                    break;
                }
                if *k == g {
                    *b |= bits;
                    break;
                }
                x = (x + 1) & self.mask;
            }
        }
    }

    fn slot(&self, g: u64) -> usize {
        (g.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & self.mask
    }

    /// The bits of the words giving key `g` (0 when none does).
    fn get(&self, g: u64) -> u64 {
        let mut x = self.slot(g);
        loop {
            let (k, b) = self.slots[x];
            if b == 0 || k == g {
                return b;
            }
            x = (x + 1) & self.mask;
        }
    }
}

/// [`lexical_masks`] from a Chinese sentence's [`GlossSet`]: each English
/// word looked up in it (English words are fewer than the glosses of the
/// Chinese ones, and unique by key).
fn masks_from_set(set: &GlossSet, en: &[Word]) -> (u64, u64) {
    let (mut zm, mut em) = (0u64, 0u64);
    for (k, w) in en.iter().enumerate() {
        let bits = set.get(w.key);
        if bits != 0 {
            zm |= bits;
            if k < 64 {
                em |= 1 << k;
            }
        }
    }
    (zm, em)
}

/// Sum of the weights whose bit is set in `mask`.
fn masked_weight(weights: &[f32], mut mask: u64) -> f64 {
    let mut s = 0.0;
    while mask != 0 {
        let k = mask.trailing_zeros() as usize;
        s += f64::from(weights[k]);
        mask &= mask - 1;
    }
    s
}

/// Band rows per task when a band's evidence is computed in parallel.
const ROWS_PER_TASK: usize = 16;

/// Largest band (cells) whose evidence a moved band copies instead of
/// recomputing (both are held at once while copying).
const REUSE_LIMIT: usize = 1 << 22;

/// Share of a sentence's word weight that must find a translation in a
/// wide bead for the sentence to count as evidenced (`orphan_penalty`).
const WEAK_SHARE: f64 = 0.15;

/// Layout of one side as prefix counts: `x[k]` counts sentences (or
/// breaks after sentence t, t + 1 < k) before k.
#[derive(Debug, Default)]
struct Layout {
    article_breaks: Vec<u32>,
    paragraph_breaks: Vec<u32>,
    title: Vec<u32>,
    furniture: Vec<u32>,
    quoted: Vec<u32>,
}

impl Layout {
    fn new(s: &[SentenceFeatures]) -> Layout {
        let prefix = |f: &dyn Fn(usize) -> bool| -> Vec<u32> {
            let mut v = Vec::with_capacity(s.len() + 1);
            let mut acc = 0u32;
            v.push(0);
            for k in 0..s.len() {
                acc += u32::from(f(k));
                v.push(acc);
            }
            v
        };
        let brk = |k: usize, g: fn(&SentenceFeatures) -> usize| {
            k + 1 < s.len() && g(&s[k]) != g(&s[k + 1])
        };
        Layout {
            article_breaks: prefix(&|k| brk(k, |f| f.article)),
            paragraph_breaks: prefix(&|k| brk(k, |f| f.paragraph)),
            title: prefix(&|k| s[k].is_title),
            furniture: prefix(&|k| s[k].is_furniture),
            quoted: prefix(&|k| s[k].quoted),
        }
    }

    fn count(v: &[u32], a: usize, b: usize) -> usize {
        (v[b] - v[a]) as usize
    }

    /// A break between two sentences of `a..b`.
    fn breaks(v: &[u32], a: usize, b: usize) -> bool {
        b > a + 1 && v[b - 1] > v[a]
    }

    fn crosses_article(&self, a: usize, b: usize) -> bool {
        Layout::breaks(&self.article_breaks, a, b)
    }

    fn crosses_paragraph(&self, a: usize, b: usize) -> bool {
        Layout::breaks(&self.paragraph_breaks, a, b)
    }
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
/// (The scorer uses [`LengthTable`]; this is the formula it tabulates.)
#[cfg(test)]
pub fn length_cost(lz: f64, le: f64, ratio: f64, variance: f64) -> f64 {
    let mean = (lz + le / ratio) / 2.0;
    if mean <= 0.0 {
        return 0.0;
    }
    let delta = (le - lz * ratio) / (mean * variance * ratio).sqrt();
    neg_log_two_tail(delta.abs())
}

/// [`length_cost`] without `exp` or `log` per call: −log P(|δ|) is a
/// smooth function of |δ| alone, tabulated once (steps of 1/256,
/// interpolated linearly: within 1e-5 of the formula).
struct LengthTable {
    ratio: f64,
    variance: f64,
    table: Vec<f64>,
}

/// Table steps per standard deviation.
const LENGTH_STEPS: f64 = 256.0;

impl LengthTable {
    fn new(ratio: f64, variance: f64) -> LengthTable {
        // Past 8 standard deviations P is below the 1e-12 floor: flat.
        let table = (0..=(8.0 * LENGTH_STEPS) as usize + 1)
            .map(|k| neg_log_two_tail(k as f64 / LENGTH_STEPS))
            .collect();
        LengthTable {
            ratio,
            variance,
            table,
        }
    }

    fn cost(&self, lz: f64, le: f64) -> f64 {
        let mean = (lz + le / self.ratio) / 2.0;
        if mean <= 0.0 {
            return 0.0;
        }
        let delta = (le - lz * self.ratio) / (mean * self.variance * self.ratio).sqrt();
        let x = delta.abs() * LENGTH_STEPS;
        let k = x as usize;
        if k + 1 >= self.table.len() {
            return self.table[self.table.len() - 1];
        }
        let f = x - k as f64;
        self.table[k] + f * (self.table[k + 1] - self.table[k])
    }
}

fn neg_log_two_tail(d: f64) -> f64 {
    let p = 2.0 * (1.0 - normal_cdf(d));
    -(p.max(1e-12)).ln()
}

/// Weighted Dice coefficient of two multisets: 2·Σw(shared) / (Σw(a)+Σw(b)).
#[cfg(test)]
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

    /// Parameters a scorer cannot use are refused with a message, not a
    /// panic in the middle of a search.
    #[test]
    fn validate_refuses_unusable_beads() {
        let with = |beads: &[(usize, usize)]| ScoreParams {
            beads: beads
                .iter()
                .map(|&(a, b)| (BeadKind::new(a, b), 1.0))
                .collect(),
            ..ScoreParams::default()
        };
        assert!(ScoreParams::default().validate().is_ok());
        assert!(with(&[(1, 0), (0, 1), (4, 1), (1, 4)]).validate().is_ok());
        // One-sided beads of any width pair nothing: allowed, as before.
        assert!(with(&[(1, 0), (0, 1), (5, 0), (0, 6)]).validate().is_ok());
        for (beads, says) in [
            (&[(1, 0), (0, 1), (5, 1)][..], "5-1 is too wide"),
            (&[(1, 0), (0, 1), (1, 6)][..], "1-6 is too wide"),
            (&[(1, 0), (0, 1), (0, 0)][..], "0-0 is not allowed"),
            (&[(1, 0), (1, 1)][..], "must include 0-1"),
        ] {
            let e = with(beads).validate().unwrap_err().to_string();
            assert!(e.contains(says), "{beads:?}: {e}");
        }
    }

    #[test]
    fn weighted_dice_examples() {
        // Was the doc example of `weighted_dice` before the module became private.
        assert_eq!(weighted_dice(&[1, 2], &[2, 3], |_| 1.0), 0.5);
        assert_eq!(weighted_dice::<u8>(&[], &[], |_| 1.0), 0.0);
    }

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
    fn length_table_matches_formula() {
        let t = LengthTable::new(3.1, 6.8);
        for lz in [0.0, 1.0, 7.0, 30.0, 120.0, 900.0] {
            for le in [0.0, 2.0, 20.0, 95.0, 400.0, 3000.0] {
                let (a, b) = (t.cost(lz, le), length_cost(lz, le, 3.1, 6.8));
                assert!((a - b).abs() < 1e-4, "{lz} {le}: {a} vs {b}");
            }
        }
    }

    #[test]
    fn cdf_is_sane() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-6);
        assert!((normal_cdf(1.96) - 0.975).abs() < 1e-3);
    }

    #[test]
    fn masked_weight_sums_set_bits() {
        assert_eq!(masked_weight(&[1.0, 2.0, 4.0], 0b101), 5.0);
        assert_eq!(masked_weight(&[1.0], 0), 0.0);
    }
}

/// The examples of this crate-private module's items, as unit tests.
#[cfg(test)]
mod doc_examples {
    #[test]
    fn lexical_masks() {
        use crate::align::features::{IDENTITY, Word};
        use crate::align::score::lexical_masks;
        let w = |k| Word {
            key: k,
            entry: IDENTITY,
        };
        let (z, e) = lexical_masks(&[w(1), w(2)], &[w(2), w(5)], |x, f| f(x.key));
        assert_eq!((z, e), (0b10, 0b01));
    }

    #[test]
    fn masks_from_set_agree_with_lexical_masks() {
        use crate::align::features::{IDENTITY, Word};
        use crate::align::score::{GlossSet, lexical_masks, masks_from_set};
        let w = |k| Word {
            key: k,
            entry: IDENTITY,
        };
        // Each Chinese word k glosses to keys 10k and 10k + 3 (two words
        // may share a gloss: key 13 comes from word 1 and from word 2's
        // 13 + 0).
        let gl = |x: &Word, f: &mut dyn FnMut(u64)| {
            f(x.key * 10);
            f(x.key * 10 + 3);
        };
        // A sentence of 70 words (past the 64 tracked) against one of 90,
        // so the table is large and probes collide.
        let many_zh: Vec<u64> = (1..=70).collect();
        let many_en: Vec<u64> = (0..90).map(|k| k * 7 + 3).collect();
        let cases: &[(&[u64], &[u64])] = &[
            (&[1, 2], &[10, 13, 20]),
            (&[1], &[]),
            (&[], &[10]),
            (&[3, 1, 2], &[5, 23, 30, 33]),
            (&[7], &[1, 2, 3]),
            (&many_zh, &many_en),
        ];
        for &(zk, ek) in cases {
            let zh: Vec<Word> = zk.iter().map(|&k| w(k)).collect();
            let en: Vec<Word> = ek.iter().map(|&k| w(k)).collect();
            let mut index: Vec<(u64, u64)> = Vec::new();
            // As `Scorer::gloss_index`: the first 64 words have a bit.
            for (k, x) in zh.iter().enumerate().take(64) {
                gl(x, &mut |g| index.push((g, 1 << k)));
            }
            let mut set = GlossSet::default();
            set.fill(&index);
            assert_eq!(
                masks_from_set(&set, &en),
                lexical_masks(&zh, &en, gl),
                "{zk:?} × {ek:?}"
            );
        }
    }

    #[test]
    fn length_cost() {
        use crate::align::score::length_cost;
        assert!(length_cost(10.0, 30.0, 3.0, 6.8) < 0.1);
        assert!(length_cost(10.0, 90.0, 3.0, 6.8) > 5.0);
    }
}
