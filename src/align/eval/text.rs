//! Text-level scoring: an alignment of RAW text (segmented by us, so its
//! sentences need not be the gold ones) against gold beads over gold
//! sentences, without punishing correct finer splits.
//!
//! Both segmentations are laid on the same characters: every gold sentence
//! and every predicted segment becomes a range of non-whitespace characters
//! of the raw text ([`CompactIndex`]), so line breaks, wrapping and a blank
//! line inside a word do not matter. A predicted bead *touches* the gold
//! sentences its segments overlap. A gold bead G is **found** when the
//! predicted beads that touch any of its sentences form a run of adjacent
//! beads that
//!
//! - touch no sentence outside G on either side (a segment that runs over a
//!   gold boundary into another bead breaks both),
//! - cover every character of G's sentences, and
//! - for a pair bead, each have both sides (a piece left 1-0 is a miss).
//!
//! So `(3a→5), (3b→6)` finds the gold bead `3→5,6` when the segmenter split
//! sentence 3 in two, and a missed boundary between 3 and 4 costs nothing
//! when the gold bead is `3,4→5`. Precision and recall then follow the
//! strict protocol of [`super::Counts`], with each found run counted as one
//! predicted bead: recall = found gold pair beads / gold pair beads;
//! precision = found gold beads (one-sided ones included) / (found gold
//! beads + predicted beads in no found run). With the gold segmentation
//! and a bead-for-bead gold alignment it gives 1.0, like the strict score;
//! it is more lenient than the strict score only where the prediction is
//! finer than the gold.

use std::ops::Range;

use super::{IndexBead, Prf};
use crate::align::Bead;
use crate::error::{Error, ErrorKind, Result};
use crate::segment::Segment;

/// Maps char offsets of one text to offsets among its non-whitespace chars
/// (the common coordinate of gold sentences and predicted segments).
#[derive(Debug, Clone)]
pub struct CompactIndex {
    /// `before[c]` = non-whitespace chars before char `c` (len = chars + 1).
    before: Vec<u32>,
    /// The non-whitespace chars, in order.
    compact: Vec<char>,
}

impl CompactIndex {
    /// Index `text` (as decoded: spans of [`Segment`]s count its chars).
    pub fn new(text: &str) -> CompactIndex {
        let mut before = Vec::with_capacity(text.len() + 1);
        let mut compact = Vec::with_capacity(text.len());
        for c in text.chars() {
            before.push(compact.len() as u32);
            if !c.is_whitespace() {
                compact.push(c);
            }
        }
        before.push(compact.len() as u32);
        CompactIndex { before, compact }
    }

    /// The non-whitespace range of a char range of the text (clamped).
    pub fn range(&self, chars: Range<usize>) -> Range<usize> {
        let last = self.before.len() - 1;
        let at = |c: usize| self.before[c.min(last)] as usize;
        at(chars.start)..at(chars.end.max(chars.start))
    }

    /// Number of non-whitespace chars.
    pub fn len(&self) -> usize {
        self.compact.len()
    }

    /// True when the text holds only whitespace.
    pub fn is_empty(&self) -> bool {
        self.compact.is_empty()
    }

    /// Find each of `sentences` (whitespace inside them ignored) in order,
    /// each after the previous one: the gold sentences' ranges. `source`
    /// names the text in the error for a sentence that is not there.
    ///
    /// ```
    /// use termalign::align::eval::text::CompactIndex;
    /// let idx = CompactIndex::new("Title\n\nOne two\nthree. Four.\n");
    /// let r = idx.locate(&["Title", "One two three.", "Four."], "en").unwrap();
    /// assert_eq!(r, vec![0..5, 5..17, 17..22]);
    /// ```
    pub fn locate<S: AsRef<str>>(
        &self,
        sentences: &[S],
        source: &str,
    ) -> Result<Vec<Range<usize>>> {
        let mut out = Vec::with_capacity(sentences.len());
        let mut from = 0;
        for (i, s) in sentences.iter().enumerate() {
            let needle: Vec<char> = s.as_ref().chars().filter(|c| !c.is_whitespace()).collect();
            let found = if needle.is_empty() {
                None
            } else {
                self.compact[from..]
                    .windows(needle.len())
                    .position(|w| w == needle.as_slice())
            };
            let Some(at) = found else {
                return Err(Error::new(
                    ErrorKind::Format,
                    format!(
                        "gold sentence {i} is not in the text (after char {from}): {}",
                        s.as_ref()
                    ),
                )
                .with_path(source));
            };
            let start = from + at;
            out.push(start..start + needle.len());
            from = start + needle.len();
        }
        Ok(out)
    }
}

/// A predicted bead as the non-whitespace ranges of its segments, Chinese
/// then English.
pub type SpanBead = (Vec<Range<usize>>, Vec<Range<usize>>);

/// The beads of an alignment as [`SpanBead`]s: each sentence index replaced
/// by its segment's span, mapped through the side's [`CompactIndex`].
pub fn span_beads(
    beads: &[Bead],
    zh: &[Segment],
    en: &[Segment],
    zh_index: &CompactIndex,
    en_index: &CompactIndex,
) -> Vec<SpanBead> {
    let side = |segs: &[Segment], idx: &CompactIndex, r: Range<usize>| {
        segs[r]
            .iter()
            .map(|s| idx.range(s.span.chars.clone()))
            .collect::<Vec<_>>()
    };
    beads
        .iter()
        .map(|b| {
            (
                side(zh, zh_index, b.zh.clone()),
                side(en, en_index, b.en.clone()),
            )
        })
        .collect()
}

/// Text-level counts, summed over documents (micro average).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct TextCounts {
    /// Predicted units: found runs (one each) plus predicted beads in none.
    pub predicted: usize,
    /// Gold beads with both sides non-empty.
    pub gold_pairs: usize,
    /// Gold beads found (one-sided ones included): the precision hits.
    pub found: usize,
    /// Gold pair beads found: the recall hits.
    pub found_pairs: usize,
}

/// Gold sentences (sorted, disjoint ranges) overlapped by `r`.
fn touched(gold: &[Range<usize>], r: &Range<usize>) -> Range<usize> {
    if r.is_empty() {
        return 0..0;
    }
    let first = gold.partition_point(|g| g.end <= r.start);
    let last = gold.partition_point(|g| g.start < r.end);
    first..last.max(first)
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

impl TextCounts {
    /// Add one document: `gold` beads over gold sentences whose ranges are
    /// `zh_gold`/`en_gold` (from [`CompactIndex::locate`]), and the
    /// predicted beads `pred` (from [`span_beads`]). Gold indices out of
    /// range are an error naming `source`.
    pub fn add(
        &mut self,
        gold: &[IndexBead],
        zh_gold: &[Range<usize>],
        en_gold: &[Range<usize>],
        pred: &[SpanBead],
        source: &str,
    ) -> Result<()> {
        for (a, b) in gold {
            if let Some(&i) = a.iter().find(|&&i| i >= zh_gold.len()) {
                return Err(bad_index(source, "zh", i, zh_gold.len()));
            }
            if let Some(&i) = b.iter().find(|&&i| i >= en_gold.len()) {
                return Err(bad_index(source, "en", i, en_gold.len()));
            }
        }
        // Per side: which beads touch each gold sentence, how much of it
        // is covered, and which gold sentences each bead touches.
        struct SideMap {
            by_sentence: Vec<Vec<usize>>,
            covered: Vec<usize>,
            by_bead: Vec<Vec<usize>>,
        }
        let map = |gold_r: &[Range<usize>], pick: &dyn Fn(&SpanBead) -> &Vec<Range<usize>>| {
            let mut m = SideMap {
                by_sentence: vec![Vec::new(); gold_r.len()],
                covered: vec![0; gold_r.len()],
                by_bead: vec![Vec::new(); pred.len()],
            };
            for (b, bead) in pred.iter().enumerate() {
                for r in pick(bead) {
                    for g in touched(gold_r, r) {
                        m.covered[g] += overlap(&gold_r[g], r);
                        if m.by_sentence[g].last() != Some(&b) {
                            m.by_sentence[g].push(b);
                        }
                        if !m.by_bead[b].contains(&g) {
                            m.by_bead[b].push(g);
                        }
                    }
                }
            }
            m
        };
        let zh = map(zh_gold, &|b: &SpanBead| &b.0);
        let en = map(en_gold, &|b: &SpanBead| &b.1);

        let mut in_found_run = vec![false; pred.len()];
        let mut found = 0;
        for (a, b) in gold {
            let is_pair = !a.is_empty() && !b.is_empty();
            if is_pair {
                self.gold_pairs += 1;
            }
            let mut run: Vec<usize> = a
                .iter()
                .flat_map(|&i| zh.by_sentence[i].iter().copied())
                .chain(b.iter().flat_map(|&j| en.by_sentence[j].iter().copied()))
                .collect();
            run.sort_unstable();
            run.dedup();
            let complete = a
                .iter()
                .all(|&i| zh.covered[i] == zh_gold[i].len() && !zh_gold[i].is_empty())
                && b.iter()
                    .all(|&j| en.covered[j] == en_gold[j].len() && !en_gold[j].is_empty());
            let contiguous = run.windows(2).all(|w| w[1] == w[0] + 1);
            let inside = run.iter().all(|&p| {
                zh.by_bead[p].iter().all(|g| a.contains(g))
                    && en.by_bead[p].iter().all(|g| b.contains(g))
                    && (!is_pair || (!zh.by_bead[p].is_empty() && !en.by_bead[p].is_empty()))
            });
            if !run.is_empty() && complete && contiguous && inside {
                found += 1;
                if is_pair {
                    self.found_pairs += 1;
                }
                for p in run {
                    in_found_run[p] = true;
                }
            }
        }
        self.found += found;
        self.predicted += found + in_found_run.iter().filter(|&&x| !x).count();
        Ok(())
    }

    /// Add another set of counts (summing documents).
    pub fn merge(&mut self, other: &TextCounts) {
        self.predicted += other.predicted;
        self.gold_pairs += other.gold_pairs;
        self.found += other.found;
        self.found_pairs += other.found_pairs;
    }

    /// Precision, recall and F1 (0 where a denominator is 0).
    pub fn scores(&self) -> Prf {
        let div = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (p, r) = (
            div(self.found, self.predicted),
            div(self.found_pairs, self.gold_pairs),
        );
        let f1 = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        Prf {
            precision: p,
            recall: r,
            f1,
        }
    }
}

fn bad_index(source: &str, side: &str, i: usize, n: usize) -> Error {
    Error::new(
        ErrorKind::Format,
        format!("gold bead names {side} sentence {i}, but there are {n}"),
    )
    .with_path(source)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::eval::parse_beads;

    /// Gold sentences of fixed lengths laid end to end from 0.
    fn lay(lens: &[usize]) -> Vec<Range<usize>> {
        let mut at = 0;
        lens.iter()
            .map(|&n| {
                at += n;
                at - n..at
            })
            .collect()
    }

    /// `"0-10,10-20|0-5"`: a bead's segments on each side, as compact
    /// ranges; `;` between beads.
    fn beads(spec: &str) -> Vec<SpanBead> {
        let side = |s: &str| -> Vec<Range<usize>> {
            s.split(',')
                .filter(|x| !x.is_empty())
                .map(|r| {
                    let (a, b) = r.split_once('-').unwrap();
                    a.parse().unwrap()..b.parse().unwrap()
                })
                .collect()
        };
        spec.split(';')
            .map(|b| {
                let (z, e) = b.split_once('|').unwrap();
                (side(z), side(e))
            })
            .collect()
    }

    #[test]
    fn table() {
        // zh sentences 10,10,10 chars; en 20,20,20,20.
        let zh = lay(&[10, 10, 10]);
        let en = lay(&[20, 20, 20, 20]);
        let gold = "0\t0\n1\t1,2\n2\t3\n";
        // (name, predicted beads, predicted units, found, found pairs)
        let cases: &[(&str, &str, usize, usize, usize)] = &[
            (
                "gold itself",
                "0-10|0-20;10-20|20-40,40-60;20-30|60-80",
                3,
                3,
                3,
            ),
            // 1-2 gold found by two 1-1 beads over a split zh sentence.
            (
                "finer split of a 1-2",
                "0-10|0-20;10-15|20-40;15-20|40-60;20-30|60-80",
                3,
                3,
                3,
            ),
            // Same text, but the second half is left 1-0 and en 2 0-1.
            (
                "finer but one-sided",
                "0-10|0-20;10-15|20-40;15-20|;|40-60;20-30|60-80",
                5,
                2,
                2,
            ),
            // zh segment runs over the 0/1 boundary: beads 0 and 1 break.
            (
                "missed boundary",
                "0-20|0-20,20-40,40-60;20-30|60-80",
                2,
                1,
                1,
            ),
            // A false boundary inside zh 2 with both pieces on en 3.
            (
                "false split, same bead",
                "0-10|0-20;10-20|20-40,40-60;20-25,25-30|60-80",
                3,
                3,
                3,
            ),
            // Wrong bead: en 2 goes with zh 2 instead of zh 1.
            (
                "shifted boundary",
                "0-10|0-20;10-20|20-40;20-30|40-60,60-80",
                3,
                1,
                1,
            ),
            // Segments whose text is only whitespace touch nothing.
            (
                "empty segment bead",
                "0-10|0-20;10-20|20-40,40-60;20-30|60-80;30-30|",
                4,
                3,
                3,
            ),
            // Text missing from the prediction: zh 2 half covered.
            (
                "uncovered text",
                "0-10|0-20;10-20|20-60;20-25|60-80",
                3,
                2,
                2,
            ),
        ];
        let gold = parse_beads(gold, "g").unwrap();
        for &(name, spec, units, found, pairs) in cases {
            let mut c = TextCounts::default();
            c.add(&gold, &zh, &en, &beads(spec), "t").unwrap();
            assert_eq!(
                (c.predicted, c.found, c.found_pairs, c.gold_pairs),
                (units, found, pairs, 3),
                "{name}"
            );
        }
    }

    #[test]
    fn one_sided_gold_beads() {
        // zh: title, byline (no English), body; en: title, body, added note.
        let zh = lay(&[5, 6, 30]);
        let en = lay(&[10, 60, 40]);
        let gold = parse_beads("0\t0\n1\t\n2\t1\n\t2\n", "g").unwrap();
        let cases: &[(&str, &str, usize, usize, usize)] = &[
            ("exact", "0-5|0-10;5-11|;11-41|10-70;|70-110", 4, 4, 2),
            // Byline glued to the body sentence: both beads lost.
            ("byline glued", "0-5|0-10;5-41|10-70;|70-110", 3, 2, 1),
            // The note merged into the body pair: the 1-1 and 0-1 lost.
            (
                "note absorbed",
                "0-5|0-10;5-11|;11-41|10-70,70-110",
                3,
                2,
                1,
            ),
        ];
        for &(name, spec, units, found, pairs) in cases {
            let mut c = TextCounts::default();
            c.add(&gold, &zh, &en, &beads(spec), "t").unwrap();
            assert_eq!(
                (c.predicted, c.found, c.found_pairs, c.gold_pairs),
                (units, found, pairs, 2),
                "{name}"
            );
        }
    }

    #[test]
    fn scores_and_errors() {
        let c = TextCounts {
            predicted: 4,
            gold_pairs: 5,
            found: 3,
            found_pairs: 2,
        };
        let s = c.scores();
        assert_eq!((s.precision, s.recall), (0.75, 0.4));
        assert!((s.f1 - 2.0 * 0.75 * 0.4 / 1.15).abs() < 1e-12);
        assert_eq!(TextCounts::default().scores().f1, 0.0);

        let gold = parse_beads("0\t3\n", "g").unwrap();
        let err = TextCounts::default()
            .add(&gold, &lay(&[4]), &lay(&[4]), &[], "doc")
            .unwrap_err();
        assert!(err.to_string().contains("en sentence 3"), "{err}");
    }

    #[test]
    fn compact_index_maps_spans_and_finds_broken_sentences() {
        // A Chinese sentence broken mid-word by a blank line.
        let raw = "标题\n\n新华社北京3月5日电 第一\n\n句话。第二句。\n";
        let idx = CompactIndex::new(raw);
        let r = idx
            .locate(&["标题", "新华社北京3月5日电 第一句话。", "第二句。"], "zh")
            .unwrap();
        assert_eq!(r, vec![0..2, 2..17, 17..21]);
        // The char span of "第二句。" in the raw text maps onto it.
        let start = raw.chars().position(|c| c == '第').unwrap();
        let second = raw.chars().skip(start + 1).position(|c| c == '第').unwrap() + start + 1;
        assert_eq!(idx.range(second..second + 4), 17..21);
        assert!(idx.locate(&["第三句。"], "zh.txt").is_err());
        assert!(idx.locate(&["标题", "标题"], "zh.txt").is_err());
    }
}
