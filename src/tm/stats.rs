//! Statistics of a memory: units, languages, duplicates and sources with
//! more than one translation. Streams, holding hashes only.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::dedup::{hash128, normalize, pair_key};
use super::read::Units;
use crate::error::Result;

/// A source text that has more than one translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// The source text.
    pub source: String,
    /// Line of its first occurrence.
    pub first_line: u64,
    /// Line of the first occurrence with another target.
    pub other_line: u64,
}

/// Counts over one memory, for `termalign tm stats`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TmStats {
    /// Units read.
    pub units: usize,
    /// Units with both a source and a target.
    pub pairs: usize,
    /// Units without source text.
    pub empty_source: usize,
    /// Units without target text.
    pub empty_target: usize,
    /// Units per language code (`source → target`, as written in the file;
    /// empty for CSV/TSV).
    pub languages: BTreeMap<String, usize>,
    /// Units that repeat an earlier unit's normalized source and target.
    pub duplicates: usize,
    /// Distinct sources with more than one distinct target.
    pub conflicting_sources: usize,
    /// The first conflicts (up to [`TmStats::MAX_EXAMPLES`]).
    pub conflicts: Vec<Conflict>,
}

impl TmStats {
    /// How many conflicts are kept as examples.
    pub const MAX_EXAMPLES: usize = 20;
}

/// Count units, languages, duplicates and conflicting sources.
pub fn stats(units: Units) -> Result<TmStats> {
    let mut s = TmStats::default();
    let mut pairs: std::collections::HashSet<u128> = std::collections::HashSet::new();
    // source hash → (first target hash, first line, already counted)
    let mut sources: HashMap<u128, (u128, u64, bool)> = HashMap::new();
    for u in units {
        let u = u?;
        s.units += 1;
        let (src_empty, tgt_empty) = (u.source.trim().is_empty(), u.target.trim().is_empty());
        s.empty_source += usize::from(src_empty);
        s.empty_target += usize::from(tgt_empty);
        if !src_empty && !tgt_empty {
            s.pairs += 1;
        }
        if !u.source_lang.is_empty() || !u.target_lang.is_empty() {
            *s.languages
                .entry(format!("{} → {}", u.source_lang, u.target_lang))
                .or_default() += 1;
        }
        if !pairs.insert(pair_key(&u)) {
            s.duplicates += 1;
            continue;
        }
        if src_empty || tgt_empty {
            continue;
        }
        let (sk, tk) = (hash128(&[&u.source]), hash128(&[&u.target]));
        match sources.get_mut(&sk) {
            None => {
                sources.insert(sk, (tk, u.line, false));
            }
            Some((first, line, counted)) if *first != tk && !*counted => {
                *counted = true;
                s.conflicting_sources += 1;
                if s.conflicts.len() < TmStats::MAX_EXAMPLES {
                    s.conflicts.push(Conflict {
                        source: normalize(&u.source),
                        first_line: *line,
                        other_line: u.line,
                    });
                }
            }
            Some(_) => {}
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::tm::test_support::{read, tmx};

    #[test]
    fn stats_counts() {
        let doc = tmx(&[
            ("一。", "One.", None, "d"),
            ("一。", "One. ", None, "d"),
            ("一。", "Uno.", None, "d"),
            ("一。", "Eins.", None, "d"),
            ("二。", "", None, "d"),
            ("三。", "Three.", None, "d"),
        ]);
        let units: Units = Box::new(read(&doc).into_iter().map(Ok));
        let s = stats(units).unwrap();
        assert_eq!(s.units, 6);
        assert_eq!(s.pairs, 5);
        assert_eq!(s.empty_target, 1);
        assert_eq!(s.duplicates, 1);
        assert_eq!(s.conflicting_sources, 1);
        assert_eq!(s.conflicts[0].source, "一。");
        assert_eq!(
            (s.conflicts[0].first_line, s.conflicts[0].other_line),
            (3, 5)
        );
        assert_eq!(s.languages.get("zh-CN → en-US"), Some(&6));
    }
}
