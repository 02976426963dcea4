//! A word-translation lexicon learned from the input itself: co-occurrence
//! of Chinese words and English stems in confident 1-1 beads across every
//! document of a run (hunalign's "realign", Champollion-style Dice
//! association). Used in a second pass alongside the general dictionary.

use std::collections::HashMap;

use crate::align::bead::Alignment;
use crate::align::features::Side;

/// Learned translations: Chinese word key → English stem keys.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    map: HashMap<u64, Vec<u64>>,
}

/// How a lexicon is learned.
#[derive(Debug, Clone, Copy)]
pub struct LearnParams {
    /// Only 1-1 beads at least this confident are used.
    pub min_confidence: f64,
    /// A pair must co-occur in at least this many beads.
    pub min_count: u32,
    /// Minimum Dice association 2·c(z,e) / (c(z) + c(e)).
    pub min_dice: f64,
    /// At most this many translations per Chinese word.
    pub max_per_word: usize,
}

impl Default for LearnParams {
    fn default() -> Self {
        LearnParams {
            min_confidence: 0.9,
            min_count: 2,
            min_dice: 0.4,
            max_per_word: 3,
        }
    }
}

impl Lexicon {
    /// Learned translations of a Chinese word key (empty when none).
    pub fn get(&self, zh: u64) -> &[u64] {
        self.map.get(&zh).map_or(&[], |v| v.as_slice())
    }

    /// Number of Chinese words with a learned translation.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when nothing was learned.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Learn from aligned documents: `(zh side, en side, alignment)`.
    /// Deterministic: ties are broken by key.
    pub fn learn<'a>(
        docs: impl IntoIterator<Item = (&'a Side, &'a Side, &'a Alignment)>,
        p: LearnParams,
    ) -> Lexicon {
        let mut cz: HashMap<u64, u32> = HashMap::new();
        let mut ce: HashMap<u64, u32> = HashMap::new();
        let mut cze: HashMap<(u64, u64), u32> = HashMap::new();
        for (zh, en, al) in docs {
            for b in &al.beads {
                if b.zh.len() != 1 || b.en.len() != 1 || b.confidence < p.min_confidence {
                    continue;
                }
                let zw = &zh.sentences[b.zh.start].words;
                let ew = &en.sentences[b.en.start].words;
                for z in zw {
                    *cz.entry(z.key).or_default() += 1;
                    for e in ew {
                        *cze.entry((z.key, e.key)).or_default() += 1;
                    }
                }
                for e in ew {
                    *ce.entry(e.key).or_default() += 1;
                }
            }
        }
        let mut cands: Vec<(u64, f64, u64)> = cze
            .into_iter()
            .filter(|&(_, c)| c >= p.min_count)
            .filter_map(|((z, e), c)| {
                let dice = 2.0 * f64::from(c) / f64::from(cz[&z] + ce[&e]);
                (dice >= p.min_dice).then_some((z, dice, e))
            })
            .collect();
        cands.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut map: HashMap<u64, Vec<u64>> = HashMap::new();
        for (z, _, e) in cands {
            let v = map.entry(z).or_default();
            if v.len() < p.max_per_word {
                v.push(e);
            }
        }
        for v in map.values_mut() {
            v.sort_unstable();
        }
        Lexicon { map }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Bead;
    use crate::align::features::{NO_ENTRY, SentenceFeatures, Word};

    fn side(words: &[&[u64]]) -> Side {
        Side {
            sentences: words
                .iter()
                .map(|ws| SentenceFeatures {
                    words: ws
                        .iter()
                        .map(|&k| Word {
                            key: k,
                            entry: NO_ENTRY,
                        })
                        .collect(),
                    ..Default::default()
                })
                .collect(),
        }
    }

    #[test]
    fn learns_consistent_pairs_only() {
        // zh word 1 always with en 10; zh 2 with a different word each time.
        let zh = side(&[&[1, 2], &[1, 2], &[1, 2]]);
        let en = side(&[&[10, 20], &[10, 21], &[10, 22]]);
        let al = Alignment {
            beads: (0..3)
                .map(|i| Bead {
                    zh: i..i + 1,
                    en: i..i + 1,
                    confidence: 1.0,
                })
                .collect(),
        };
        let lex = Lexicon::learn([(&zh, &en, &al)], LearnParams::default());
        assert_eq!(lex.get(1), &[10]);
        assert!(!lex.get(2).contains(&21));
        // Doubtful beads teach nothing.
        let mut low = al.clone();
        low.beads.iter_mut().for_each(|b| b.confidence = 0.2);
        assert!(Lexicon::learn([(&zh, &en, &low)], LearnParams::default()).is_empty());
    }
}
