//! Maintenance of existing memories: merge with duplicate removal, stats,
//! and conversion between formats. Everything streams: memory grows with
//! the number of distinct pairs (a 16-byte hash and a date each), never
//! with the text.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use serde::Serialize;

use super::read::{Units, open_with};
use super::{ReadUnit, Record, TmWriter};
use crate::error::Result;

/// The text duplicates are compared on: trimmed, runs of whitespace
/// (ideographic space included) collapsed to one space.
///
/// ```
/// use termalign::tm::merge::normalize;
/// assert_eq!(normalize("  Hello\u{3000} \n world "), "Hello world");
/// ```
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A 128-bit hash of a normalized text (two SipHash runs with different
/// keys: collisions are out of reach for any real memory). Deterministic
/// across runs and machines.
fn hash128(parts: &[&str]) -> u128 {
    let mut a = std::hash::DefaultHasher::new();
    let mut b = std::hash::DefaultHasher::new();
    0x9e37_79b9_u32.hash(&mut b);
    for p in parts {
        let n = normalize(p);
        n.hash(&mut a);
        n.hash(&mut b);
    }
    (u128::from(a.finish()) << 64) | u128::from(b.finish())
}

/// The hash of a unit's normalized source and target.
pub fn pair_key(u: &ReadUnit) -> u128 {
    hash128(&[&u.source, &u.target])
}

/// `YYYYMMDDThhmmssZ` as a sortable number; 0 when absent or malformed.
fn date_rank(d: Option<&str>) -> u64 {
    d.map(|d| d.chars().filter(char::is_ascii_digit).collect::<String>())
        .filter(|d| d.len() == 14)
        .and_then(|d| d.parse().ok())
        .unwrap_or(0)
}

/// What a merge did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MergeReport {
    /// Units read from all inputs.
    pub read: usize,
    /// Exact duplicates (same normalized source and target) left out.
    pub duplicates: usize,
}

/// Merge the memories at `inputs` into `out`: the union, with exact
/// duplicates (same normalized source and target) written once. Of a set
/// of duplicates the newest is kept (the latest `changedate` or
/// `creationdate`; among equals or undated ones, the one read last, so a
/// later file overrides an earlier one) with its properties, at its own
/// position. The inputs are read twice (once to find the newest of each
/// pair, once to write), so nothing is held in memory but the hashes.
/// `out` is not finished.
pub fn merge(
    inputs: &[PathBuf],
    src_lang: Option<&str>,
    out: &mut dyn TmWriter,
) -> Result<MergeReport> {
    let open_all =
        || -> Result<Vec<Units>> { inputs.iter().map(|p| open_with(p, src_lang)).collect() };
    // Pass 1: the newest occurrence of each pair.
    let mut best: HashMap<u128, (u64, usize)> = HashMap::new();
    let mut report = MergeReport::default();
    let mut g = 0;
    for units in open_all()? {
        for u in units {
            let u = u?;
            let rank = (date_rank(u.date.as_deref()), g);
            best.entry(pair_key(&u))
                .and_modify(|b| *b = (*b).max(rank))
                .or_insert(rank);
            g += 1;
        }
    }
    report.read = g;
    report.duplicates = g - best.len();
    // Pass 2: write each pair at its newest occurrence.
    let mut g = 0;
    for units in open_all()? {
        for u in units {
            let u = u?;
            if best.get(&pair_key(&u)).is_some_and(|&(_, at)| at == g) {
                let extra = Record::split_props(&u);
                out.write_record(&Record::from_read(&u, &extra))?;
            }
            g += 1;
        }
    }
    Ok(report)
}

/// Write every unit of `units` to `out` (not finished), converting
/// termalign's properties between formats; returns the count read.
pub fn convert(units: Units, out: &mut dyn TmWriter) -> Result<usize> {
    let mut n = 0;
    for u in units {
        let u = u?;
        let extra = Record::split_props(&u);
        out.write_record(&Record::from_read(&u, &extra))?;
        n += 1;
    }
    Ok(n)
}

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
    use crate::tm::TmxWriter;
    use crate::tm::read::read_tmx;

    fn tmx(units: &[(&str, &str, Option<&str>, &str)]) -> String {
        let mut s = String::from(
            "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"zh-CN\"/><body>\n",
        );
        for (zh, en, date, doc) in units {
            let date = date
                .map(|d| format!(" changedate=\"{d}\""))
                .unwrap_or_default();
            s.push_str(&format!(
                "<tu{date}><prop type=\"x-doc\">{doc}</prop><tuv xml:lang=\"zh-CN\"><seg>{zh}</seg></tuv><tuv xml:lang=\"en-US\"><seg>{en}</seg></tuv></tu>\n"
            ));
        }
        s.push_str("</body></tmx>\n");
        s
    }

    fn read(s: &str) -> Vec<ReadUnit> {
        read_tmx(std::io::Cursor::new(s.as_bytes().to_vec()), "m.tmx", None)
            .collect::<Result<_>>()
            .unwrap()
    }

    #[test]
    fn merge_keeps_newest_of_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.tmx");
        let b = dir.path().join("b.tmx");
        std::fs::write(
            &a,
            tmx(&[
                ("一。", "One.", Some("20240101T000000Z"), "a-old"),
                ("二。", "Two.", None, "a"),
                ("三。", "Three.", Some("20250101T000000Z"), "a-new"),
            ]),
        )
        .unwrap();
        std::fs::write(
            &b,
            tmx(&[
                ("一。 ", "One.", Some("20240601T000000Z"), "b-newer"),
                ("二。", "Two.", None, "b-later"),
                ("三。", " Three.", Some("20240101T000000Z"), "b-older"),
                ("四。", "Four.", None, "b"),
            ]),
        )
        .unwrap();
        let mut out = Vec::new();
        let header = crate::tm::TmxHeader {
            creation_date: "20240101T000000Z".into(),
            ..crate::tm::TmxHeader::now()
        };
        let mut w = TmxWriter::new(&mut out, header);
        let r = merge(&[a, b], None, &mut w).unwrap();
        w.finish().unwrap();
        drop(w);
        assert_eq!(
            r,
            MergeReport {
                read: 7,
                duplicates: 3
            }
        );
        let units = read(&String::from_utf8(out).unwrap());
        let docs: Vec<(&str, &str)> = units
            .iter()
            .map(|u| (u.source.as_str(), u.props[0].1.as_str()))
            .collect();
        assert_eq!(
            docs,
            [
                ("三。", "a-new"),
                ("一。", "b-newer"),
                ("二。", "b-later"),
                ("四。", "b")
            ]
        );
        assert_eq!(units[1].date.as_deref(), Some("20240601T000000Z"));
    }

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
