//! Pairing Chinese and English documents by content, for archives whose file
//! names do not correspond.
//!
//! Each document (article) becomes a bag of language-neutral features that
//! survive translation: glossary entries, numbers of two digits or more,
//! month–day dates (`7月4日` = `July 4`), Latin tokens (`SCO`, `G20`,
//! `COVID-19`), and personal and place names written in pinyin
//! (`汪淼` = `Wang Miao`, `宝玉` = `Bao-yu`; readings from the `pinyin`
//! crate, heteronyms included). Features that occur on one side of the batch
//! only are dropped; the rest are TF-IDF weighted. The similarity of a pair
//! is the cosine of the two vectors, scaled by how well their lengths fit
//! the batch's overall length ratio.
//!
//! The pairing is a one-to-one assignment that maximises the total
//! similarity over the pairs scoring at least the threshold (the Hungarian
//! algorithm, `pathfinding::kuhn_munkres`, on each connected component of
//! the candidate graph). Documents whose best assignment scores below the
//! threshold are reported unpaired, never forced.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use pathfinding::matrix::Matrix;
use rayon::prelude::*;

use crate::glossary::{Rendering, TermMatcher};
use crate::lang::{Lang, fold_width, is_han};
use crate::segment::Segment;

/// The content of one document, as pairing sees it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ContentFeatures {
    /// Length in chars, whitespace excluded.
    pub chars: usize,
    /// Feature → occurrences. Keys: `t:` glossary entry, `n:` number or
    /// date, `l:` Latin token, `p:` pinyin name.
    pub counts: BTreeMap<String, u32>,
}

impl ContentFeatures {
    fn add(&mut self, key: String) {
        *self.counts.entry(key).or_insert(0) += 1;
    }
}

/// Pinyin names found in a batch's English documents; Chinese documents are
/// searched for them.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameSet {
    names: BTreeSet<String>,
}

impl NameSet {
    /// Collect the `p:` features of English documents.
    pub fn from_english<'a>(docs: impl IntoIterator<Item = &'a ContentFeatures>) -> NameSet {
        let names = docs
            .into_iter()
            .flat_map(|d| d.counts.keys())
            .filter_map(|k| k.strip_prefix("p:"))
            .map(String::from)
            .collect();
        NameSet { names }
    }

    /// True when no name was found.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    fn has_prefix(&self, p: &str) -> bool {
        self.names
            .range::<str, _>((std::ops::Bound::Included(p), std::ops::Bound::Unbounded))
            .next()
            .is_some_and(|n| n.starts_with(p))
    }
}

/// Features of an English document (sentences as segmented).
pub(crate) fn en_features(matcher: &TermMatcher, segments: &[Segment]) -> ContentFeatures {
    let mut f = ContentFeatures::default();
    for s in segments {
        let text = s.text.as_str();
        f.chars += text.chars().filter(|c| !c.is_whitespace()).count();
        for h in matcher.find_en(text) {
            if !matches!(h.rendering, Rendering::Forbidden(_)) {
                f.add(format!("t:{}", h.entry.0));
            }
        }
        add_numbers(&mut f, text, Lang::En);
        let tokens = en_tokens(text);
        for t in &tokens {
            if is_latin_feature(t) {
                f.add(format!("l:{}", t.to_lowercase()));
            }
        }
        // Names: runs of Capitalised pinyin words, alone (two syllables or
        // more) or two at a time (surname + given name).
        let py: Vec<Option<(String, usize)>> = tokens.iter().map(|t| pinyin_word(t)).collect();
        for (i, p) in py.iter().enumerate() {
            let Some((a, na)) = p else { continue };
            if *na >= 2 {
                f.add(format!("p:{a}"));
            }
            if let Some(Some((b, _))) = py.get(i + 1) {
                f.add(format!("p:{a}{b}"));
            }
        }
    }
    f
}

/// Features of a Chinese document; `names` are the pinyin names of the
/// batch's English side.
pub(crate) fn zh_features(
    matcher: &TermMatcher,
    segments: &[Segment],
    names: &NameSet,
) -> ContentFeatures {
    let mut f = ContentFeatures::default();
    for s in segments {
        let text = s.text.as_str();
        f.chars += text.chars().filter(|c| !c.is_whitespace()).count();
        for h in matcher.find_zh(text) {
            f.add(format!("t:{}", h.entry.0));
        }
        add_numbers(&mut f, text, Lang::Zh);
        for t in zh_latin_tokens(text) {
            f.add(format!("l:{}", t.to_lowercase()));
        }
        if !names.is_empty() {
            zh_names(text, names, &mut f);
        }
    }
    f
}

/// Numbers and dates as [`crate::numbers`] normalises them (`7月4日` =
/// `July 4`, `第二十四次` = `24th`); one-digit numbers are too common to
/// tell documents apart.
fn add_numbers(f: &mut ContentFeatures, text: &str, lang: Lang) {
    for k in crate::numbers::keys(text, lang) {
        if k.len() >= 2 {
            f.add(format!("n:{k}"));
        }
    }
}

fn en_tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .map(|t| t.trim_matches(|c| c == '-' || c == '\''))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Acronyms and codes: two capitals or more (`SCO`, `BRICS`), or letters
/// with digits (`G20`, `COVID-19`, `3K`).
fn is_latin_feature(t: &str) -> bool {
    let upper = t.chars().filter(|c| c.is_ascii_uppercase()).count();
    let letters = t.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let digits = t.chars().filter(|c| c.is_ascii_digit()).count();
    t.is_ascii() && t.len() >= 2 && letters > 0 && (upper >= 2 || digits > 0)
}

fn zh_latin_tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars().map(fold_width).chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() || (c == '-' && !cur.is_empty()) {
            cur.push(c);
        } else if !cur.is_empty() {
            let t = std::mem::take(&mut cur);
            let t = t.trim_end_matches('-');
            if t.len() >= 2 && t.chars().any(|c| c.is_ascii_alphabetic()) {
                out.push(t.to_string());
            }
        }
    }
    out
}

/// Every toneless pinyin syllable the `pinyin` crate knows.
fn syllables() -> &'static BTreeSet<&'static str> {
    static SET: OnceLock<BTreeSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = BTreeSet::new();
        for cp in 0x4E00u32..=0x9FFF {
            if let Some(c) = char::from_u32(cp) {
                for r in readings(c) {
                    set.insert(r);
                }
            }
        }
        set
    })
}

fn readings(c: char) -> Vec<&'static str> {
    use pinyin::ToPinyinMulti;
    let mut v: Vec<&'static str> = match c.to_pinyin_multi() {
        Some(m) => m.into_iter().map(|p| p.plain()).collect(),
        None => Vec::new(),
    };
    v.sort_unstable();
    v.dedup();
    v
}

/// A Capitalised word (`Miao`, `Bao-yu`, `Xi'an`) that reads as pinyin:
/// its lowercase letters and its syllable count.
fn pinyin_word(t: &str) -> Option<(String, usize)> {
    let mut chars = t.chars();
    let first = chars.next()?;
    if !first.is_ascii_uppercase() {
        return None;
    }
    // Only the first letter (and one after a hyphen) may be a capital.
    let mut prev = first;
    for c in chars {
        if c.is_ascii_uppercase() && prev != '-' {
            return None;
        }
        if !(c.is_ascii_alphabetic() || c == '-' || c == '\'') {
            return None;
        }
        prev = c;
    }
    let letters: String = t
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let n = count_syllables(&letters)?;
    Some((letters, n))
}

/// The fewest syllables `s` splits into, if it splits at all.
fn count_syllables(s: &str) -> Option<usize> {
    let set = syllables();
    let n = s.len();
    if n == 0 || n > 24 {
        return None;
    }
    let mut best: Vec<Option<usize>> = vec![None; n + 1];
    best[0] = Some(0);
    for end in 1..=n {
        for start in end.saturating_sub(6)..end {
            if let Some(b) = best[start]
                && set.contains(&s[start..end])
            {
                let cand = b + 1;
                if best[end].is_none_or(|x| cand < x) {
                    best[end] = Some(cand);
                }
            }
        }
    }
    best[n]
}

/// Count the names of `names` spelled by runs of 2–4 Han characters.
fn zh_names(text: &str, names: &NameSet, f: &mut ContentFeatures) {
    let chars: Vec<char> = text.chars().collect();
    let mut found: Vec<String> = Vec::new();
    for start in 0..chars.len() {
        if !is_han(chars[start]) {
            continue;
        }
        let mut partial: Vec<String> = vec![String::new()];
        for (k, &c) in chars[start..].iter().take(4).enumerate() {
            if !is_han(c) {
                break;
            }
            let rs = readings(c);
            let mut next = Vec::new();
            for p in &partial {
                for r in &rs {
                    let s = format!("{p}{r}");
                    if names.has_prefix(&s) {
                        next.push(s);
                    }
                }
            }
            next.sort();
            next.dedup();
            if next.is_empty() {
                break;
            }
            if k >= 1 {
                found.extend(next.iter().filter(|s| names.names.contains(*s)).cloned());
            }
            partial = next;
        }
        // One count per name per starting character.
        found.sort();
        found.dedup();
        for s in found.drain(..) {
            f.add(format!("p:{s}"));
        }
    }
}

/// Options of `assign`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairOptions {
    /// Pairs scoring below this are not made (default 0.3).
    pub threshold: f64,
    /// Components of the candidate graph with more documents than this on
    /// one side are assigned greedily (best score first) instead of by the
    /// Hungarian algorithm, whose time grows with the cube of the size.
    pub max_exact: usize,
}

impl Default for PairOptions {
    fn default() -> PairOptions {
        PairOptions {
            threshold: DEFAULT_THRESHOLD,
            max_exact: 1500,
        }
    }
}

/// (English index, similarity) pairs.
type Candidates = Vec<(usize, f64)>;

/// How many candidates above the threshold each Chinese document keeps
/// for the assignment (the best ones).
pub(crate) const MAX_CANDIDATES: usize = 64;

/// The default minimum similarity of a pair.
pub const DEFAULT_THRESHOLD: f64 = 0.3;

/// A pair chosen by content.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ScoredPair {
    /// Index of the Chinese document.
    pub zh: usize,
    /// Index of the English document.
    pub en: usize,
    /// Similarity in [0, 1].
    pub score: f64,
}

/// A document left without a partner, with its most similar document on
/// the other side (if it shared any feature with one).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Unpaired {
    /// Index of the document.
    pub index: usize,
    /// (index on the other side, similarity) of the best candidate.
    pub best: Option<(usize, f64)>,
}

/// The outcome of [`assign`].
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ContentPairing {
    /// Pairs, in Chinese order.
    pub pairs: Vec<ScoredPair>,
    /// Chinese documents left unpaired, in order.
    pub unpaired_zh: Vec<Unpaired>,
    /// English documents left unpaired, in order.
    pub unpaired_en: Vec<Unpaired>,
    /// Components too large for the exact algorithm, assigned greedily.
    pub greedy_components: usize,
}

/// Similarities of every pair sharing at least one feature, computed
/// through an inverted index (never all pairs).
///
/// Per Chinese document, only its best [`MAX_CANDIDATES`] pairs reaching
/// `threshold` are kept, plus the best few below it (to name a best
/// candidate for unpaired documents): memory grows with the number of
/// documents, not with the product of the two sides.
fn similarities(
    zh: &[ContentFeatures],
    en: &[ContentFeatures],
    threshold: f64,
) -> Vec<Vec<(usize, f64)>> {
    const BELOW_KEPT: usize = 2;
    // Vocabulary: features seen on both sides.
    let mut df: HashMap<&str, (u32, u32)> = HashMap::new();
    for d in zh {
        for k in d.counts.keys() {
            df.entry(k).or_default().0 += 1;
        }
    }
    for d in en {
        for k in d.counts.keys() {
            df.entry(k).or_default().1 += 1;
        }
    }
    let n = (zh.len() + en.len()) as f64;
    let idf: HashMap<&str, f64> = df
        .into_iter()
        .filter(|(_, (a, b))| *a > 0 && *b > 0)
        .map(|(k, (a, b))| (k, (1.0 + n / (a + b) as f64).ln()))
        .collect();
    fn vector<'a>(d: &'a ContentFeatures, idf: &HashMap<&str, f64>) -> (Vec<(&'a str, f64)>, f64) {
        let v: Vec<(&str, f64)> = d
            .counts
            .iter()
            .filter_map(|(k, &tf)| {
                idf.get(k.as_str())
                    .map(|w| (k.as_str(), (1.0 + (tf as f64).ln()) * w))
            })
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        (v, norm)
    }
    let en_vecs: Vec<(Vec<(&str, f64)>, f64)> = en.iter().map(|d| vector(d, &idf)).collect();
    let mut postings: HashMap<&str, Vec<(usize, f64)>> = HashMap::new();
    for (j, (v, norm)) in en_vecs.iter().enumerate() {
        for &(k, w) in v {
            postings.entry(k).or_default().push((j, w / norm));
        }
    }
    // The batch's length ratio (English chars per Chinese char).
    let (zc, ec): (usize, usize) = (
        zh.iter().map(|d| d.chars).sum(),
        en.iter().map(|d| d.chars).sum(),
    );
    let ratio = crate::align::score::length_ratio(zc, ec).ln();
    zh.par_iter()
        .map(|d| {
            let (v, norm) = vector(d, &idf);
            let mut acc: BTreeMap<usize, f64> = BTreeMap::new();
            for (k, w) in v {
                for &(j, we) in postings.get(k).map(Vec::as_slice).unwrap_or(&[]) {
                    *acc.entry(j).or_insert(0.0) += w / norm * we;
                }
            }
            let (mut kept, mut below): (Candidates, Candidates) = acc
                .into_iter()
                .map(|(j, cos)| {
                    let r = crate::align::score::length_ratio(d.chars, en[j].chars).ln() - ratio;
                    let fit = (-(r * r) / (2.0 * 0.5 * 0.5)).exp();
                    (j, cos.min(1.0) * (0.5 + 0.5 * fit))
                })
                .partition(|&(_, s)| s >= threshold);
            let by_score =
                |a: &(usize, f64), b: &(usize, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
            kept.sort_by(by_score);
            kept.truncate(MAX_CANDIDATES);
            below.sort_by(by_score);
            below.truncate(BELOW_KEPT);
            kept.extend(below);
            kept.sort_by_key(|&(j, _)| j);
            kept
        })
        .collect()
}

/// Pair Chinese and English documents one to one, maximising the total
/// similarity of the pairs that reach `opts.threshold`.
pub(crate) fn assign(
    zh: &[ContentFeatures],
    en: &[ContentFeatures],
    opts: &PairOptions,
) -> ContentPairing {
    let sims = similarities(zh, en, opts.threshold);
    let mut best_zh: Vec<Option<(usize, f64)>> = vec![None; zh.len()];
    let mut best_en: Vec<Option<(usize, f64)>> = vec![None; en.len()];
    let better = |cur: Option<(usize, f64)>, s: f64| cur.is_none_or(|(_, b)| s > b);
    // Union-find over zh ∪ en (en offset by zh.len()) on edges ≥ threshold.
    let mut parent: Vec<usize> = (0..zh.len() + en.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for (i, row) in sims.iter().enumerate() {
        for &(j, s) in row {
            if better(best_zh[i], s) {
                best_zh[i] = Some((j, s));
            }
            if better(best_en[j], s) {
                best_en[j] = Some((i, s));
            }
            if s >= opts.threshold {
                let (a, b) = (find(&mut parent, i), find(&mut parent, zh.len() + j));
                if a != b {
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
    }
    let mut components: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for i in 0..zh.len() {
        let r = find(&mut parent, i);
        components.entry(r).or_default().0.push(i);
    }
    for j in 0..en.len() {
        let r = find(&mut parent, zh.len() + j);
        components.entry(r).or_default().1.push(j);
    }
    let mut out = ContentPairing::default();
    let mut pairs = Vec::new();
    for (rows, cols) in components.values() {
        if rows.is_empty() || cols.is_empty() {
            continue;
        }
        let edges: Vec<(usize, usize, f64)> = rows
            .iter()
            .enumerate()
            .flat_map(|(r, &i)| {
                sims[i]
                    .iter()
                    .filter(|&&(_, s)| s >= opts.threshold)
                    .map(move |&(j, s)| (r, cols.binary_search(&j).expect("same component"), s))
            })
            .collect();
        let chosen = if rows.len().max(cols.len()) <= opts.max_exact {
            hungarian(rows.len(), cols.len(), &edges)
        } else {
            out.greedy_components += 1;
            greedy(rows.len(), cols.len(), &edges)
        };
        for (r, c, s) in chosen {
            pairs.push(ScoredPair {
                zh: rows[r],
                en: cols[c],
                score: s,
            });
        }
    }
    pairs.sort_by_key(|p| p.zh);
    let mut zh_used = vec![false; zh.len()];
    let mut en_used = vec![false; en.len()];
    for p in &pairs {
        zh_used[p.zh] = true;
        en_used[p.en] = true;
    }
    out.unpaired_zh = (0..zh.len())
        .filter(|&i| !zh_used[i])
        .map(|i| Unpaired {
            index: i,
            best: best_zh[i],
        })
        .collect();
    out.unpaired_en = (0..en.len())
        .filter(|&j| !en_used[j])
        .map(|j| Unpaired {
            index: j,
            best: best_en[j],
        })
        .collect();
    out.pairs = pairs;
    out
}

/// Maximum-weight matching (not necessarily perfect) by the Hungarian
/// algorithm: every row also gets a private zero-weight "unpaired" column,
/// and assignments to non-edges are dropped.
fn hungarian(rows: usize, cols: usize, edges: &[(usize, usize, f64)]) -> Vec<(usize, usize, f64)> {
    const SCALE: f64 = 1e9;
    let mut m = Matrix::new(rows, cols + rows, 0i64);
    let mut score: HashMap<(usize, usize), f64> = HashMap::new();
    for &(r, c, s) in edges {
        m[(r, c)] = (s * SCALE).round() as i64;
        score.insert((r, c), s);
    }
    let (_, assignment) = pathfinding::kuhn_munkres::kuhn_munkres(&m);
    assignment
        .into_iter()
        .enumerate()
        .filter_map(|(r, c)| score.get(&(r, c)).map(|&s| (r, c, s)))
        .collect()
}

/// Best score first, ties by position: a fallback for huge components.
fn greedy(rows: usize, cols: usize, edges: &[(usize, usize, f64)]) -> Vec<(usize, usize, f64)> {
    let mut sorted = edges.to_vec();
    sorted.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    let (mut ru, mut cu) = (vec![false; rows], vec![false; cols]);
    let mut out = Vec::new();
    for (r, c, s) in sorted {
        if !ru[r] && !cu[c] {
            ru[r] = true;
            cu[c] = true;
            out.push((r, c, s));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_words() {
        let cases = [
            ("Miao", Some(("miao", 1))),
            ("Qingyang", Some(("qingyang", 2))),
            ("Bao-yu", Some(("baoyu", 2))),
            ("Xi'an", Some(("xian", 1))),
            ("Shan", Some(("shan", 1))),
            ("Summit", None),
            ("SCO", None),
            ("miao", None),
            ("McDonald", None),
        ];
        for (word, want) in cases {
            let got = pinyin_word(word);
            assert_eq!(got.as_ref().map(|(s, n)| (s.as_str(), *n)), want, "{word}");
        }
    }

    #[test]
    fn latin_tokens() {
        assert_eq!(
            zh_latin_tokens("在COBE和ＷＭＡＰ之后，3K背景，X光，COVID-19。"),
            ["COBE", "WMAP", "3K", "COVID-19"]
        );
        let en: Vec<&str> = ["SCO", "G20", "the", "A", "Putin", "3K"]
            .into_iter()
            .filter(|t| is_latin_feature(t))
            .collect();
        assert_eq!(en, ["SCO", "G20", "3K"]);
    }

    fn doc(chars: usize, keys: &[(&str, u32)]) -> ContentFeatures {
        ContentFeatures {
            chars,
            counts: keys.iter().map(|(k, n)| (k.to_string(), *n)).collect(),
        }
    }

    #[test]
    fn assignment_is_global_not_greedy() {
        // zh0 resembles en0 most, but zh1 can only go with en0; the best
        // total pairs zh0–en1 and zh1–en0.
        let zh = [
            doc(100, &[("a", 3), ("b", 2), ("c", 1)]),
            doc(100, &[("a", 3), ("x", 1)]),
        ];
        let en = [
            doc(300, &[("a", 3), ("b", 2), ("x", 1)]),
            doc(300, &[("b", 2), ("c", 1)]),
        ];
        let p = assign(&zh, &en, &PairOptions::default());
        let pairs: Vec<(usize, usize)> = p.pairs.iter().map(|p| (p.zh, p.en)).collect();
        assert_eq!(pairs, [(0, 1), (1, 0)]);
        let g = assign(
            &zh,
            &en,
            &PairOptions {
                max_exact: 1,
                ..PairOptions::default()
            },
        );
        assert_eq!(g.greedy_components, 1);
    }

    #[test]
    fn below_threshold_is_unpaired_not_forced() {
        // Features seen on one side only (q) are dropped; zh0 shares half
        // its weight with each English document (cosine 0.71 < 0.9).
        let zh = [doc(100, &[("a", 1), ("b", 1)]), doc(100, &[("q", 1)])];
        let en = [doc(300, &[("a", 1)]), doc(300, &[("b", 1)])];
        let p = assign(
            &zh,
            &en,
            &PairOptions {
                threshold: 0.9,
                ..PairOptions::default()
            },
        );
        assert!(p.pairs.is_empty(), "{p:?}");
        assert_eq!(p.unpaired_zh.len(), 2);
        assert_eq!(p.unpaired_zh[0].best.map(|b| b.0), Some(0));
        assert_eq!(p.unpaired_zh[1].best, None);
        assert!(assign(&[], &en, &PairOptions::default()).pairs.is_empty());
    }
}

/// The examples of this crate-private module's items, as unit tests.
#[cfg(test)]
mod doc_examples {
    #[test]
    fn en_features() {
        use crate::batch::{articles::presegmented, pairing::en_features};
        use crate::{Pipeline, align::Aligner, glossary::Glossary};
        let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
        let f = en_features(
            p.matcher(),
            &presegmented("Wang Miao met Bao-yu on July 4 at the SCO, 2024."),
        );
        let keys: Vec<&str> = f.counts.keys().map(|k| k.as_str()).collect();
        assert!(keys.contains(&"p:wangmiao") && keys.contains(&"p:baoyu"));
        assert!(
            keys.contains(&"n:date:7-4") && keys.contains(&"n:2024") && keys.contains(&"l:sco")
        );
    }

    #[test]
    fn zh_features() {
        use crate::batch::articles::presegmented;
        use crate::batch::pairing::{NameSet, en_features, zh_features};
        use crate::{Pipeline, align::Aligner, glossary::Glossary};
        let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
        let en = en_features(p.matcher(), &presegmented("Wang Miao saw Bao-yu."));
        let names = NameSet::from_english([&en]);
        let zh = zh_features(
            p.matcher(),
            &presegmented("汪淼看见了宝玉，7月4日。"),
            &names,
        );
        let keys: Vec<&str> = zh.counts.keys().map(|k| k.as_str()).collect();
        assert_eq!(keys, ["n:date:7-4", "p:baoyu", "p:wangmiao"]);
    }

    #[test]
    fn assign() {
        use crate::batch::pairing::{ContentFeatures, PairOptions, assign};
        let doc = |chars, keys: &[&str]| ContentFeatures {
            chars,
            counts: keys.iter().map(|k| (k.to_string(), 1)).collect(),
        };
        let zh = [
            doc(100, &["n:2024", "l:sco"]),
            doc(100, &["p:wangmiao", "n:28"]),
            doc(80, &["n:99"]),
        ];
        let en = [
            doc(300, &["p:wangmiao", "n:28"]),
            doc(300, &["n:2024", "l:sco"]),
        ];
        let p = assign(&zh, &en, &PairOptions::default());
        let pairs: Vec<(usize, usize)> = p.pairs.iter().map(|p| (p.zh, p.en)).collect();
        assert_eq!(pairs, [(0, 1), (1, 0)]);
        assert_eq!(p.unpaired_zh[0].index, 2);
    }
}
