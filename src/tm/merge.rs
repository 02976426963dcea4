//! Merge memories with duplicate removal. Everything streams: memory grows
//! with the number of distinct pairs (a 16-byte hash and a date each),
//! never with the text.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;

use super::ReadUnit;
use super::TmWriter;
use super::dedup::pair_key;
use super::read::{Units, open_with};
use super::write::Record;
use crate::error::Result;

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
/// `out` is not finished. Each unit keeps its own source language
/// (`xml:lang`), so a Hong Kong memory merged into a mainland one stays
/// `zh-HK`, unless `src_lang` is given: then that is every unit's.
pub fn merge(
    inputs: &[PathBuf],
    src_lang: Option<&str>,
    out: &mut dyn TmWriter,
) -> Result<MergeReport> {
    merge_streams(
        || inputs.iter().map(|p| open_with(p, src_lang)).collect(),
        src_lang,
        out,
    )
}

/// [`merge`] over streams: `open_all` opens every input, oldest first, and
/// is called twice (for memories that are not files, such as standard
/// input kept in memory). `src_lang` as in [`merge`].
///
/// ```
/// use termalign::tm::merge::merge_streams;
/// use termalign::tm::read::{ReadFormat, from_reader};
/// use termalign::tm::{Format, TmOutput, TmWriter, WriterOptions};
/// let csv = "zh,en\n你好。,Hello.\n你好。,Hello.\n";
/// let open = || Ok(vec![from_reader(csv.as_bytes(), "a.csv", ReadFormat::Csv, None)?]);
/// let mut out = TmOutput::to_writer(Box::new(Vec::new()), Format::Csv, &WriterOptions::default()).unwrap();
/// let report = merge_streams(open, None, &mut out).unwrap();
/// assert_eq!((report.read, report.duplicates), (2, 1));
/// ```
pub fn merge_streams(
    open_all: impl Fn() -> Result<Vec<Units>>,
    src_lang: Option<&str>,
    out: &mut dyn TmWriter,
) -> Result<MergeReport> {
    // Units in different Chinese scripts (zh-HK, zh-CN) are never
    // duplicates of each other, unless `src_lang` says what they all are.
    let key = |u: &ReadUnit| {
        let script = match src_lang {
            Some(_) => None,
            // Simplified, plain `zh` and untagged (CSV) units are one kind.
            None => crate::script::Script::from_tag(&u.source_lang).filter(|s| s.is_traditional()),
        };
        pair_key(u) ^ script.map_or(0, |s| (s as u128 + 1) << 120)
    };
    // Pass 1: the newest occurrence of each pair.
    let mut best: HashMap<u128, (u64, usize)> = HashMap::new();
    let mut report = MergeReport::default();
    let mut g = 0;
    for units in open_all()? {
        for u in units {
            let u = u?;
            let rank = (date_rank(u.date.as_deref()), g);
            best.entry(key(&u))
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
            if best.get(&key(&u)).is_some_and(|&(_, at)| at == g) {
                let extra = Record::split_props(&u);
                let mut r = Record::from_read(&u, &extra);
                if src_lang.is_some() {
                    // Told what the source is: the header says it for all.
                    r.lang = None;
                }
                out.write_record(&r)?;
            }
            g += 1;
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::TmxWriter;

    use crate::tm::test_support::{read, tmx};

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
}
