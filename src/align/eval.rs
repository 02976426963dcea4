//! Scoring an alignment against gold beads, by the protocol of vecalign and
//! Bertalign: strict and lax precision, recall and F1, micro-averaged; and
//! ([`text`]) a text-level score for alignments of raw text, whose
//! sentences need not be the gold ones.

pub mod text;

use std::collections::HashSet;
use std::fmt;

use crate::error::{Error, ErrorKind, Result};

/// A bead as two index lists (the gold file format).
pub type IndexBead = (Vec<usize>, Vec<usize>);

/// Parse beads in the `zh<TAB>en` format, each side comma-separated 0-based
/// indices, possibly empty.
///
/// ```
/// let beads = termalign::align::eval::parse_beads("0,1\t0\n2\t\n\t1\n", "g").unwrap();
/// assert_eq!(beads, vec![(vec![0, 1], vec![0]), (vec![2], vec![]), (vec![], vec![1])]);
/// ```
pub fn parse_beads(text: &str, source: &str) -> Result<Vec<IndexBead>> {
    let mut out = Vec::new();
    let mut seen_zh: std::collections::HashMap<usize, u64> = std::collections::HashMap::new();
    let mut seen_en: std::collections::HashMap<usize, u64> = std::collections::HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let err = |msg: String| {
            Error::new(ErrorKind::Format, msg)
                .with_path(source)
                .with_line(n as u64 + 1)
        };
        let mut cols = line.split('\t');
        let (Some(a), Some(b)) = (cols.next(), cols.next()) else {
            return Err(err("expected `zh<TAB>en`".into()));
        };
        let side = |s: &str| -> Result<Vec<usize>> {
            s.split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(|x| x.parse().map_err(|_| err(format!("`{x}` is not an index"))))
                .collect()
        };
        let (zh, en) = (side(a)?, side(b)?);
        if zh.is_empty() && en.is_empty() {
            return Err(err("empty bead: both sides list no sentence".into()));
        }
        // A sentence belongs to one bead: a repeat is a typo that would
        // skew every count.
        for (indices, seen, name) in [
            (&zh, &mut seen_zh, "Chinese"),
            (&en, &mut seen_en, "English"),
        ] {
            for &i in indices {
                if let Some(first) = seen.insert(i, n as u64 + 1) {
                    return Err(err(format!(
                        "{name} sentence {i} is already in the bead at line {first}"
                    )));
                }
            }
        }
        out.push((zh, en));
    }
    Ok(out)
}

/// Counts for precision and recall, summed over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Counts {
    /// Predicted beads (all, including 1-0/0-1).
    pub predicted: usize,
    /// Gold beads with both sides non-empty.
    pub gold_pairs: usize,
    /// Predicted beads that exactly match a gold bead.
    pub strict_hits_p: usize,
    /// Gold pair beads exactly matched by a predicted pair bead.
    pub strict_hits_r: usize,
    /// Predicted beads that overlap a gold link on both sides (or match an
    /// empty-sided gold bead exactly).
    pub lax_hits_p: usize,
    /// Gold pair beads overlapped on both sides by a predicted pair bead.
    pub lax_hits_r: usize,
}

impl Counts {
    /// Add one document's counts.
    pub fn add(&mut self, gold: &[IndexBead], pred: &[IndexBead]) {
        let gold_set: HashSet<&IndexBead> = gold.iter().collect();
        let pred_pairs: HashSet<&IndexBead> = pred
            .iter()
            .filter(|(a, b)| !a.is_empty() && !b.is_empty())
            .collect();
        let gold_links: HashSet<(usize, usize)> = gold
            .iter()
            .flat_map(|(a, b)| a.iter().flat_map(move |&x| b.iter().map(move |&y| (x, y))))
            .collect();
        let overlaps = |(a, b): &IndexBead, links: &HashSet<(usize, usize)>| {
            a.iter()
                .any(|&x| b.iter().any(|&y| links.contains(&(x, y))))
        };
        let pred_links: HashSet<(usize, usize)> = pred
            .iter()
            .flat_map(|(a, b)| a.iter().flat_map(move |&x| b.iter().map(move |&y| (x, y))))
            .collect();
        self.predicted += pred.len();
        for p in pred {
            if gold_set.contains(p) {
                self.strict_hits_p += 1;
            }
            if gold_set.contains(p) || overlaps(p, &gold_links) {
                self.lax_hits_p += 1;
            }
        }
        for g in gold.iter().filter(|(a, b)| !a.is_empty() && !b.is_empty()) {
            self.gold_pairs += 1;
            if pred_pairs.contains(g) {
                self.strict_hits_r += 1;
            }
            if overlaps(g, &pred_links) {
                self.lax_hits_r += 1;
            }
        }
    }

    /// Add another set of counts (summing documents).
    pub fn merge(&mut self, other: &Counts) {
        self.predicted += other.predicted;
        self.gold_pairs += other.gold_pairs;
        self.strict_hits_p += other.strict_hits_p;
        self.strict_hits_r += other.strict_hits_r;
        self.lax_hits_p += other.lax_hits_p;
        self.lax_hits_r += other.lax_hits_r;
    }

    /// Precision, recall and F1, strict and lax.
    pub fn scores(&self) -> Scores {
        let div = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let f1 = |p: f64, r: f64| {
            if p + r == 0.0 {
                0.0
            } else {
                2.0 * p * r / (p + r)
            }
        };
        let (sp, sr) = (
            div(self.strict_hits_p, self.predicted),
            div(self.strict_hits_r, self.gold_pairs),
        );
        let (lp, lr) = (
            div(self.lax_hits_p, self.predicted),
            div(self.lax_hits_r, self.gold_pairs),
        );
        Scores {
            strict: Prf {
                precision: sp,
                recall: sr,
                f1: f1(sp, sr),
            },
            lax: Prf {
                precision: lp,
                recall: lr,
                f1: f1(lp, lr),
            },
        }
    }
}

/// Precision, recall, F1.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

/// Strict and lax scores.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Scores {
    /// Exact bead matches.
    pub strict: Prf,
    /// Overlap matches.
    pub lax: Prf,
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "strict\tP={:.4}\tR={:.4}\tF1={:.4}",
            self.strict.precision, self.strict.recall, self.strict.f1
        )?;
        write!(
            f,
            "lax\tP={:.4}\tR={:.4}\tF1={:.4}",
            self.lax.precision, self.lax.recall, self.lax.f1
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_partial() {
        let gold = parse_beads("0\t0\n1,2\t1\n3\t\n", "g").unwrap();
        let mut c = Counts::default();
        c.add(&gold, &gold);
        assert_eq!(c.scores().strict.f1, 1.0);

        let pred = parse_beads("0\t0\n1\t1\n2\t\n3\t\n", "p").unwrap();
        let mut c = Counts::default();
        c.add(&gold, &pred);
        let s = c.scores();
        // 2 of 4 predicted beads exact (0-0 and 3-), 1 of 2 gold pairs found.
        assert_eq!(s.strict.precision, 0.5);
        assert_eq!(s.strict.recall, 0.5);
        // lax: 0-0, 1-1 overlap, 3- exact → 3 of 4; both gold pairs overlapped.
        assert_eq!(s.lax.precision, 0.75);
        assert_eq!(s.lax.recall, 1.0);
    }
}
