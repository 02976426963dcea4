//! Helpers for the `check` tests: the SCO fixture's aligned pairs as
//! translation-memory units, and planting errors in them.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use termalign::Pipeline;
use termalign::align::Aligner;
use termalign::glossary::Glossary;
use termalign::tm::ReadUnit;

pub fn sco(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/sco")
        .join(name)
}

/// The SCO fixture aligned with the built-in glossary, pairs only, as
/// units numbered from 1 in a file called `sco.tmx`.
pub fn sco_units() -> Vec<ReadUnit> {
    static UNITS: OnceLock<Vec<ReadUnit>> = OnceLock::new();
    UNITS.get_or_init(align_sco).clone()
}

fn align_sco() -> Vec<ReadUnit> {
    let zh = std::fs::read_to_string(sco("zh.txt")).unwrap();
    let en = std::fs::read_to_string(sco("en.txt")).unwrap();
    let p = Pipeline::new(Glossary::builtin(), Aligner::default()).unwrap();
    let doc = p.align_texts(&zh, &en);
    p.units(&doc, "sco")
        .into_iter()
        .filter(|u| u.is_pair())
        .enumerate()
        .map(|(i, u)| ReadUnit {
            number: i + 1,
            file: "sco.tmx".into(),
            line: 5 + 11 * i as u64,
            source: u.zh,
            target: u.en,
            ..ReadUnit::default()
        })
        .collect()
}
